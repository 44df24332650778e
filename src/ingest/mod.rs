//! Reading articles from files and folders.
//!
//! Two steps, so that a caller can size a progress bar and report skipped
//! files before reading anything:
//!
//! 1. [`discover`] turns the paths given (files and folders) into a sorted
//!    list of [`InputFile`]s, and the [`Skipped`] paths with their reason
//!    (hidden, unsupported extension, empty, unreadable, symbolic link loop...).
//! 2. [`open`] gives an [`ArticleReader`] per file: an iterator of
//!    `Result<Article, Problem>`. A file that cannot be read at all is an
//!    `Err(Problem)` from [`open`]; a bad line of a JSONL file is an
//!    `Err(Problem)` item, and reading goes on.
//!
//! Formats, by extension (case-insensitive):
//!
//! - `.txt`, `.md`: one article per file. The first non-empty line is the
//!   title, the rest the text; the id is the path relative to the folder
//!   given (`/`-separated), or the file name for a file given directly. UTF-8
//!   (a BOM dropped), UTF-16 with a BOM, or a legacy encoding guessed by
//!   chardetng (windows-1256 Arabic, windows-1252 / Latin-1 French...), said in
//!   [`ArticleReader::notes`]. Binary files are refused.
//! - `.jsonl`, `.ndjson`, `.jsonl.gz`, `.ndjson.gz`: one JSON object per
//!   line with `id` (string or number; if missing, [`content_id`] of the
//!   title and text), `title`, the text in `text`, `content` or `contents`
//!   (the first non-empty string), and optional `date` (normalized by
//!   [`normalize_date`]), `url`, `source`, `lang` ([`Lang::from_code`](crate::Lang::from_code)).
//!   Other fields are ignored, so pyserini JsonCollection files
//!   (`{"id", "contents"}`) read as they are. A BOM and `\r\n` line ends are
//!   fine; the text must be UTF-8.
//! - `.json`, `.json.gz`: the same, if the file is JSON Lines (pyserini names
//!   its JSON Lines files `docs00.json`); any other JSON file (pretty-printed,
//!   an array) is one problem.
//!
//! Titles of both kinds lose the tags of inline HTML elements
//! ([`strip_inline_tags`]). Anything else is skipped with a reason. Nothing
//! here panics on input.
//!
//! ```no_run
//! use newsearch::ingest::{discover, open};
//! let found = discover(&["seeds"]);
//! for skipped in &found.skipped {
//!     eprintln!("skipped {skipped}");
//! }
//! for file in &found.files {
//!     let reader = match open(file) {
//!         Ok(reader) => reader,
//!         Err(problem) => { eprintln!("skipped {problem}"); continue; }
//!     };
//!     for item in reader {
//!         match item {
//!             Ok(article) => println!("{}: {}", article.id, article.title),
//!             Err(problem) => eprintln!("{problem}"),
//!         }
//!     }
//! }
//! ```

mod date;
mod decode;
mod discover;
mod jsonl;
mod markup;
mod problem;
mod read_ahead;
mod reader;
mod text_file;

pub(crate) use date::date_number;
pub use date::normalize_date;
pub use date::parse_day;
pub use decode::BINARY_SNIFF_BYTES;
pub use discover::{discover, Discovery, Format, InputFile, MAX_TEXT_FILE_BYTES};
pub use jsonl::{content_id, MAX_LINE_BYTES};
pub use markup::strip_inline_tags;
pub use problem::{Problem, SkipKind, Skipped};
pub use reader::{open, ArticleReader};

/// The five bundled seed articles, read as `newsearch index seeds/` reads
/// them, for the crate's unit tests.
#[cfg(test)]
pub(crate) fn seed_articles() -> Vec<crate::Article> {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut articles = Vec::new();
    for file in &discover(&[seeds]).files {
        articles.extend(open(file).unwrap().flatten());
    }
    assert_eq!(articles.len(), 5);
    articles
}
