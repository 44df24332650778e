//! newsearch: full-text search for multilingual news, Arabic and French first.
//!
//! Articles go in whole; what comes out is their best *passages*, ranked,
//! with the matched words highlighted as they are written.
//!
//! - [`Index`] opens or creates an index on disk ([`Index::open`],
//!   [`Index::create`]) or in memory, and searches it ([`Index::search`]).
//! - [`Writer`] ([`Index::writer`]) adds [`Article`]s or whole files and
//!   folders ([`Writer::add_paths`]), incrementally: unchanged articles are
//!   skipped by content hash, changed ones replaced, vanished ones removed.
//! - Each article is cut into passages ([`passage`]); each passage goes to
//!   the fields of its language ([`lang::detect`]), analyzed by the
//!   `newsearch-analyzers` crate (stemmed and exact variants).
//! - A query ([`query`]) is analyzed in every language, so the user never
//!   names one; [`Hit`]s come back collapsed by article, each with its best
//!   [`PassageHit`]s and highlight byte ranges ([`highlight`], [`snippet`]).
//! - [`output`] prints hits for a terminal, as JSON Lines or as a TREC run;
//!   [`eval`] scores runs against relevance judgements.
//! - `serve` (feature `serve`, on by default) answers searches over HTTP,
//!   as JSON and as a web page.
//!
//! ```
//! # fn main() -> Result<(), newsearch::Error> {
//! use newsearch::{Article, Index, SearchOptions};
//!
//! let index = Index::create_in_ram()?;
//! let mut writer = index.writer()?;
//! writer.add_article(&Article {
//!     id: "kirby".into(),
//!     title: "الهدنة في غزة".into(),
//!     text: "قال كيربي إن المفاوضين الأمريكيين موجودون في القاهرة.".into(),
//!     ..Article::default()
//! }, None)?;
//! writer.commit()?;
//!
//! // Another alef, no ta marbuta: the same word.
//! let hits = index.search("القاهره", &SearchOptions::default())?;
//! let passage = &hits[0].passages[0];
//! let range = passage.highlights[0].clone();
//! assert_eq!(&passage.text[range], "القاهرة");
//! # Ok(()) }
//! ```

pub mod add_paths;
pub mod article;
mod directory;
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
#[cfg(feature = "serve")]
pub mod serve;
pub mod snippet;
mod term_table;
pub mod writer;

pub use article::Article;
pub use error::{Error, Result};
pub use index::{ArticleInfo, Index};
pub use lang::Lang;
pub use search::{Hit, PassageHit, SearchOptions, Searcher};
pub use writer::Writer;
