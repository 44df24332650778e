//! newsearch: full-text search for multilingual news, Arabic and French first.
//!
//! (Crate essay to be written with the implementation.)

pub mod add_paths;
pub mod article;
pub mod error;
pub mod eval;
pub mod highlight;
pub mod index;
pub mod ingest;
pub mod lang;
pub mod output;
pub mod passage;
pub mod query;
pub mod schema;
pub mod search;
pub mod snippet;
pub mod writer;

pub use article::Article;
pub use error::{Error, Result};
pub use index::{ArticleInfo, Index};
pub use lang::Lang;
pub use search::{Hit, PassageHit, SearchOptions, Searcher};
pub use writer::Writer;
