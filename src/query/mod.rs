//! The user query language.
