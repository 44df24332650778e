//! Topics files for batch runs: one `qid<TAB>query` per line, as
//! `newsearch query --topics` and the evaluation read them.

use std::path::Path;

use crate::error::{Error, Result};

/// One query of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Topic {
    /// The topic id, trimmed.
    pub qid: String,
    /// The query text.
    pub query: String,
}

/// The topics of a file, and the lines that were not topics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Topics {
    /// The topics, in file order.
    pub topics: Vec<Topic>,
    /// The numbers (from 1) of the non-blank lines without a tab between
    /// qid and query, which were left out.
    pub skipped: Vec<usize>,
}

/// Reads `qid<TAB>query` lines; blank lines are skipped, and lines without
/// a tab are left out and listed in [`Topics::skipped`] for the caller to
/// report.
///
/// ```
/// # fn main() -> Result<(), newsearch::Error> {
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("topics.tsv");
/// std::fs::write(&path, "q1\tCaire\n\nno tab here\nq2\tالقاهرة\n").unwrap();
/// let read = newsearch::read_topics(&path)?;
/// assert_eq!(read.topics.len(), 2);
/// assert_eq!(read.topics[1].query, "القاهرة");
/// assert_eq!(read.skipped, [3]);
/// # Ok(()) }
/// ```
pub fn read_topics(path: &Path) -> Result<Topics> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::io(path, source))?;
    let mut read = Topics::default();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match line.split_once('\t') {
            Some((qid, query)) => read.topics.push(Topic {
                qid: qid.trim().to_string(),
                query: query.to_string(),
            }),
            None => read.skipped.push(number + 1),
        }
    }
    Ok(read)
}
