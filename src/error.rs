//! The library's error type.

use std::path::{Path, PathBuf};

/// Everything that can go wrong in the library. Each message is one line
/// that names the file or query at fault and, where there is one, the fix.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The folder holds no newsearch index.
    #[error("{0}: no index here; build one with `newsearch index PATH... --index {0}`")]
    NotAnIndex(PathBuf),
    /// `create` was asked for a folder that already holds an index.
    #[error("{0}: an index already exists here; open it, or rebuild it with `newsearch index --rebuild`")]
    IndexExists(PathBuf),
    /// The folder holds something newsearch did not create (another
    /// program's tantivy index, other files): it is neither opened as an
    /// index nor deleted by a rebuild.
    #[error("{0}: not a newsearch index (tantivy's files without newsearch.json, or files newsearch did not write); newsearch will not touch it: use another --index DIR")]
    NotNewsearch(PathBuf),
    /// A file of the index is damaged: it could not be read back.
    #[error("{path}: the index is damaged ({detail}); rebuild it with `newsearch index --rebuild PATH... --index {path}`")]
    Damaged {
        /// The index folder.
        path: PathBuf,
        /// What could not be read.
        detail: String,
    },
    /// The index could not be opened.
    #[error("{path}: cannot open the index: {message}")]
    Open {
        /// The index folder.
        path: PathBuf,
        /// What tantivy said.
        message: String,
    },
    /// The index was built by an incompatible version of newsearch.
    #[error("{path}: index built by an incompatible version of newsearch ({found}); rebuild it with `newsearch index --rebuild PATH...`")]
    Incompatible {
        /// The index folder.
        path: PathBuf,
        /// What was found instead of the current format.
        found: String,
    },
    /// Another process is writing to the index.
    #[error("{0}: the index is locked by another `newsearch index` (tantivy's .tantivy-writer.lock); wait for it to finish")]
    Locked(PathBuf),
    /// The index folder cannot be written (permissions, a read-only disk).
    #[error("{path}: cannot write to the index folder ({reason}); the index is unchanged; check its permissions or use another --index DIR")]
    NotWritable {
        /// The index folder.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// The disk holding the index is full; the index keeps its last commit.
    #[error("{path}: No space left on device: the disk holding the index is full ({free} bytes free); free some space and run again")]
    DiskFull {
        /// The index folder.
        path: PathBuf,
        /// Bytes still free on its disk.
        free: u64,
    },
    /// An article cannot be indexed as given (an id over
    /// [`MAX_ID_BYTES`](crate::article::MAX_ID_BYTES), say).
    #[error("{0}")]
    InvalidArticle(String),
    /// The query has no word left once operators, punctuation and stopwords are removed.
    #[error("no searchable words in the query '{0}': add a word that is not a stopword, or quote two or more as a phrase")]
    NoSearchableWords(String),
    /// The query is over one of the [limits](crate::query::limits).
    #[error("the query is too long ({0}); shorten it")]
    QueryTooLong(String),
    /// A search ran past its deadline
    /// ([`SearchOptions::deadline`](crate::SearchOptions::deadline)) and
    /// was stopped.
    #[error("the search ran past its time limit and was stopped; narrow the query (a date range, a source, a language) or try again")]
    TimedOut,
    /// A search option is out of range.
    #[error("{0}")]
    InvalidOption(String),
    /// Reading the index's data failed.
    #[error("reading the index: {0}")]
    IndexData(#[from] std::io::Error),
    /// tantivy reported an error.
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    /// An [`Error::Damaged`] for the index in `path`, from what tantivy said.
    pub(crate) fn damaged(path: &Path, cause: impl std::fmt::Display) -> Error {
        let detail = cause.to_string();
        // tantivy's messages can be long (whole file lists): keep one line.
        let detail: String = detail
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect();
        Error::Damaged {
            path: path.to_path_buf(),
            detail,
        }
    }

    /// An [`Error::Io`] for `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
