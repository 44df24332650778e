//! From what the user typed to a tantivy query.
//!
//! - [`syntax`]: the query language, parsed leniently ([`parse`]).
//! - [`limits`]: how many bytes, words and phrase words a query may have.
//! - `build`: a parsed query becomes term and phrase queries over every
//!   language's fields, weighted, and the terms to highlight.
//! - `stats`: BM25 counts per field, so a word's rarity is its rarity in
//!   the archive.
//! - `summed`: the ranking's query, its single terms (`term_part`) and
//!   translation groups (`best_of`) scored without tantivy's unions, a
//!   window of documents at a time (`sums`).
//! - `spelling`: a word the index does not know, searched as its nearest
//!   known spelling.
//! - `forms`: the forms of a French stem, found in the exact field.
//! - [`translate`]: each word's alternatives in the other language, one
//!   group per word (`shared_df`: the group's terms share one document
//!   frequency; `skeletons`: the vocabulary by sound, for names the
//!   tables lack).
//! - `vocabulary`: walking a field's terms with an automaton, for the two
//!   above.

pub(crate) mod best_of;
pub(crate) mod build;
pub(crate) mod forms;
pub mod limits;
pub(crate) mod senses;
pub(crate) mod shared_df;
pub(crate) mod shared_stats;
pub(crate) mod skeletons;
pub(crate) mod spelling;
pub(crate) mod stats;
pub(crate) mod summed;
mod sums;
pub mod syntax;
pub(crate) mod term_part;
pub mod translate;
pub(crate) mod vocabulary;

pub use syntax::{parse, Clause, ClauseKind, ParsedQuery};
