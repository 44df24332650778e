//! newsearch: full-text search for multilingual news, Arabic and French first.
//!
//! (Crate essay to be written with the implementation.)

pub mod article;
pub mod error;
pub mod highlight;
pub mod ingest;
pub mod lang;
pub mod passage;
pub mod query;
pub mod snippet;

pub use article::Article;
pub use error::{Error, Result};
pub use lang::Lang;
