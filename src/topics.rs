//! Topics files for batch runs: one `qid<TAB>query` per line, as
//! `newsearch query --topics` and the evaluation read them.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

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
/// a tab, over [`MAX_TOPIC_LINE_BYTES`] or not UTF-8 are left out and
/// listed in [`Topics::skipped`] for the caller to report. It holds the
/// whole batch in memory; [`topic_lines`] reads one line at a time.
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
    let mut read = Topics::default();
    for line in topic_lines(path)? {
        match line? {
            TopicLine::Topic(topic) => read.topics.push(topic),
            TopicLine::Skipped { number, .. } => read.skipped.push(number),
        }
    }
    Ok(read)
}

/// Longest line of a topics file, in bytes: a query of
/// [`MAX_QUERY_BYTES`](crate::query::limits::MAX_QUERY_BYTES) and a qid.
/// Longer lines are skipped without being held in memory.
pub const MAX_TOPIC_LINE_BYTES: usize = crate::query::limits::MAX_QUERY_BYTES + 1_024;

/// One non-blank line of a topics file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TopicLine {
    /// A `qid<TAB>query` line.
    Topic(Topic),
    /// A line left out.
    Skipped {
        /// Its number, from 1.
        number: usize,
        /// Why, to tell the user.
        reason: &'static str,
    },
}

/// The lines of a topics file, read one at a time with at most
/// [`MAX_TOPIC_LINE_BYTES`] of a line in memory: a batch of any size (a
/// file of one huge line, millions of topics) is read in bounded memory.
///
/// ```
/// # fn main() -> Result<(), newsearch::Error> {
/// use newsearch::TopicLine;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("topics.tsv");
/// let huge = "x ".repeat(100_000);
/// std::fs::write(&path, format!("q1\t{huge}\nq2\tCaire\n")).unwrap();
/// let lines: Vec<TopicLine> = newsearch::topic_lines(&path)?.collect::<Result<_, _>>()?;
/// assert!(matches!(lines[0], TopicLine::Skipped { number: 1, .. }));
/// assert!(matches!(&lines[1], TopicLine::Topic(t) if t.query == "Caire"));
/// # Ok(()) }
/// ```
pub fn topic_lines(path: &Path) -> Result<TopicLines> {
    let file = std::fs::File::open(path).map_err(|source| Error::io(path, source))?;
    Ok(TopicLines {
        path: path.to_path_buf(),
        input: BufReader::new(file),
        number: 0,
        line: Vec::new(),
    })
}

/// Iterator over the lines of a topics file (see [`topic_lines`]).
#[derive(Debug)]
pub struct TopicLines {
    path: PathBuf,
    input: BufReader<std::fs::File>,
    number: usize,
    line: Vec<u8>,
}

impl Iterator for TopicLines {
    type Item = Result<TopicLine>;

    fn next(&mut self) -> Option<Result<TopicLine>> {
        loop {
            self.number += 1;
            let whole = match read_capped_line(&mut self.input, &mut self.line) {
                Ok(None) => return None,
                Ok(Some(whole)) => whole,
                Err(source) => return Some(Err(Error::io(&self.path, source))),
            };
            let number = self.number;
            if !whole {
                return Some(Ok(TopicLine::Skipped {
                    number,
                    reason: "line over the length limit of a query",
                }));
            }
            let Ok(line) = std::str::from_utf8(&self.line) else {
                return Some(Ok(TopicLine::Skipped {
                    number,
                    reason: "not UTF-8",
                }));
            };
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            return Some(Ok(match line.split_once('\t') {
                Some((qid, query)) => TopicLine::Topic(Topic {
                    qid: qid.trim().to_string(),
                    query: query.to_string(),
                }),
                None => TopicLine::Skipped {
                    number,
                    reason: "no tab between qid and query",
                },
            }));
        }
    }
}

/// Reads one line (without its `\n`) into `line`, keeping at most
/// [`MAX_TOPIC_LINE_BYTES`]; `Some(false)` when it was longer (the rest is
/// read and dropped), `None` at the end of the input.
fn read_capped_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    line.clear();
    let mut whole = true;
    let mut any = false;
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Ok(any.then_some(whole));
        }
        any = true;
        let (chunk, done) = match memchr::memchr(b'\n', buffer) {
            Some(at) => (&buffer[..at], Some(at + 1)),
            None => (buffer, None),
        };
        if whole && line.len() + chunk.len() <= MAX_TOPIC_LINE_BYTES {
            line.extend_from_slice(chunk);
        } else {
            whole = false;
            line.clear();
        }
        let used = done.unwrap_or(buffer.len());
        input.consume(used);
        if done.is_some() {
            return Ok(Some(whole));
        }
    }
}
