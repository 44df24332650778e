//! Indexing files and folders: discovery, reading, incremental writes, and
//! removal of articles whose files are gone.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Result;
use crate::index::writer::{Writer, Written};
use crate::ingest::{self, Discovery};

/// Receives progress while paths are indexed (a progress bar, or nothing).
pub trait Progress {
    /// Called once with the total size of the input files in bytes.
    fn start(&mut self, _total_bytes: u64) {}
    /// Called as input is read, with the bytes read since the last call
    /// (of the files as they are on disk: compressed bytes for `.gz`).
    fn advance(&mut self, _bytes: u64) {}
    /// Called when a file starts being read.
    fn file(&mut self, _path: &Path) {}
    /// Called for each article read and written (added, replaced or
    /// unchanged).
    fn article(&mut self) {}
    /// Called once at the end.
    fn finish(&mut self) {}
    /// Asked between articles: `true` stops the run there (the user pressed
    /// Ctrl-C, say); nothing is then removed, and the report says
    /// [`PathsReport::interrupted`].
    fn cancelled(&mut self) -> bool {
        false
    }
}

/// Progress that goes nowhere.
pub struct NoProgress;

impl Progress for NoProgress {}

/// What indexing a set of paths did, for the summary.
#[derive(Debug, Default)]
pub struct PathsReport {
    /// Input files read.
    pub files: u64,
    /// Bytes of input files read (compressed bytes for `.gz`): what
    /// [`Progress::advance`] counts.
    pub bytes: u64,
    /// Bytes of input read after decompression: the text's own size, the
    /// measure for throughput.
    pub input_bytes: u64,
    /// Files not read, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// Lines or articles that were reported and skipped, one message each.
    pub problems: Vec<String>,
    /// Other things worth saying (a legacy encoding decoded, say).
    pub notes: Vec<String>,
    /// Whether [`Progress::cancelled`] stopped the run before its end.
    pub interrupted: bool,
    /// Wall time of reading and adding, without the final commit
    /// ([`Writer::finish`]), which writes the last segments.
    pub elapsed: Duration,
}

impl Writer<'_> {
    /// Indexes files and folders: adds new articles, replaces changed ones,
    /// skips unchanged ones, and removes articles that came from a file
    /// under one of `paths` that is gone or no longer holds them.
    ///
    /// Bad files and lines are reported in the returned [`PathsReport`] and
    /// skipped; only an index error stops the run. Call
    /// [`Writer::commit`] or [`Writer::finish`] afterwards.
    pub fn add_paths(
        &mut self,
        paths: &[PathBuf],
        progress: &mut dyn Progress,
    ) -> Result<PathsReport> {
        let started = Instant::now();
        let mut report = PathsReport::default();
        let Discovery { files, skipped } = ingest::discover(paths);
        report
            .skipped
            .extend(skipped.into_iter().map(|s| (s.path, s.reason)));
        progress.start(files.iter().map(|f| f.size).sum());
        let mut complete: HashSet<PathBuf> = HashSet::new();
        for file in &files {
            if progress.cancelled() {
                report.interrupted = true;
                break;
            }
            let origin = absolute(&file.path);
            let mut reader = match ingest::open(file) {
                Ok(reader) => reader,
                Err(problem) => {
                    report
                        .skipped
                        .push((file.path.clone(), problem.message.clone()));
                    continue;
                }
            };
            report.files += 1;
            progress.file(&file.path);
            let mut damaged = false;
            let mut reported = 0;
            while let Some(item) = reader.next() {
                if progress.cancelled() {
                    report.interrupted = true;
                    break;
                }
                let read = reader_bytes_delta(&mut reported, reader.bytes_read());
                progress.advance(read);
                match item {
                    Ok(article) => {
                        if self.seen(&article.id) {
                            report.problems.push(format!(
                                "{}: article id {:?} was already read from another file; this one is skipped",
                                file.path.display(),
                                article.id
                            ));
                            continue;
                        }
                        let _: Written = self.add_article(&article, Some(&origin))?;
                        progress.article();
                    }
                    Err(problem) => {
                        // Articles of a file read with problems are never
                        // removed: the bad part may be one we had indexed.
                        damaged = true;
                        report.problems.push(problem.to_string());
                    }
                }
            }
            progress.advance(reader_bytes_delta(&mut reported, reader.bytes_read()));
            report.bytes += reader.bytes_read();
            report.input_bytes += reader.input_bytes();
            report.notes.extend(reader.notes().iter().cloned());
            if !damaged {
                complete.insert(origin);
            }
        }
        if !report.interrupted {
            let roots: Vec<PathBuf> = paths.iter().map(|p| absolute(p)).collect();
            self.remove_unseen(&roots, &complete)?;
        }
        progress.finish();
        report.elapsed = started.elapsed();
        Ok(report)
    }
}

fn reader_bytes_delta(reported: &mut u64, now: u64) -> u64 {
    let delta = now.saturating_sub(*reported);
    *reported = now;
    delta
}

/// The absolute form of a path, without resolving links, so that origins
/// and roots compare alike.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
