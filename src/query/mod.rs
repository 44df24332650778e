//! The user query language.
//!
//! [`parse`] turns what the user typed into words and phrases with their
//! operators (`+` required, `-` excluded); building the tantivy query from
//! them is the job of the query builder.

pub mod syntax;

pub use syntax::{parse, Clause, ClauseKind, ParsedQuery};
