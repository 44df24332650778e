//! newsearch: full-text search for multilingual news, Arabic and French first.
//!
//! Articles go in whole; what comes out is their best *passages*, ranked,
//! with the matched words highlighted as they are written.
//!
//! - [`Index`] opens or creates an index on disk ([`Index::open`],
//!   [`Index::create`]) or in memory, and searches it ([`Index::search`]).
//! - [`Writer`] ([`Index::writer`]) adds [`Article`]s or whole files and
//!   folders ([`Writer::add_paths`], read by [`ingest`]), incrementally:
//!   unchanged articles are skipped by content hash, changed ones replaced,
//!   vanished ones removed.
//! - [`Searcher`] ([`Index::searcher`]) runs queries ([`query`] describes
//!   the language) and returns [`Hit`]s collapsed by article, each with its
//!   best [`PassageHit`]s and highlight byte ranges; [`write_hits`],
//!   [`write_json`] and [`write_trec`] print them.
//!
//! Inside, the crate is one folder per stage, each using only the ones
//! before it:
//!
//! 1. [`text`]: an article's text cut into passages, each given its
//!    language;
//! 2. [`ingest`]: files and archives to [`Article`]s;
//! 3. `index`: the schema (one table of fields per language), the writer;
//! 4. `query`: what was typed, parsed and built into a tantivy query;
//! 5. `search`: the scoring pipeline, from that query to ranked hits (its
//!    module doc lists the steps in order), with every weight in
//!    `weights`;
//! 6. `show`: highlights, windows and output formats, used by the two
//!    before it and using neither;
//! 7. `serve` (feature `serve`, on by default): the searches over HTTP, as
//!    JSON and as a web page.
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

mod article;
mod error;
mod guard;
mod hit;
mod index;
pub mod ingest;
pub mod query;
mod search;
#[cfg(feature = "serve")]
pub mod serve;
mod show;
mod sync;
pub mod text;
mod topics;
mod weights;

pub use article::{Article, MAX_ID_BYTES};
pub use error::{Error, Result};
pub use hit::{FacetCount, Facets, Hit, PassageHit, SearchResults};
pub use index::add_paths::{NoProgress, PathsReport, Progress};
pub use index::inventory::{ArticleInfo, IndexStats};
pub use index::rebuild::Rebuild;
pub use index::writer::{WriteCounts, Writer, Written, MAX_TITLE_BYTES};
pub use index::{folder_size, remove_index, Index, FORMAT_VERSION};
pub use ingest::Day;
pub use query::spelling::Respelling;
pub use query::translate::Translation;
pub use search::{SearchOptions, Searcher, Sort};
pub use show::escape::escape;
pub use show::output::{
    printable, write_hits, write_json, write_json_summary, write_summary, write_trec, Style,
};
pub use text::lang::Lang;
pub use topics::{
    read_topics, topic_lines, Topic, TopicLine, TopicLines, Topics, MAX_TOPIC_LINE_BYTES,
};
pub use weights::Weights;
