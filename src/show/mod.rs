//! What the reader sees of a hit: the matched words marked as written
//! ([`highlight`]), a long passage cut to a window around them
//! ([`snippet`]), and hits printed for a terminal, as JSON Lines or as a
//! TREC run ([`output`]), archive text escaped for a
//! terminal ([`escape`]). Nothing here runs a search.

pub(crate) mod escape;
pub(crate) mod highlight;
pub(crate) mod output;
pub(crate) mod snippet;
