//! What an article's text becomes before it is indexed: passages
//! ([`passage`]), each routed to the fields of its language ([`lang`]).
//! The words themselves are the analyzers' job (`newsearch-analyzers`).

pub mod lang;
pub mod passage;
