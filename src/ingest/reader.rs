//! [`ArticleReader`]: the articles of one input file, streamed.

use super::decode::decode_text;
use super::discover::{io_reason, Format, InputFile, MAX_TEXT_FILE_BYTES};
use super::jsonl::{Line, LineParser, LineReader, Parsed, MAX_LINE_BYTES};
use super::problem::Problem;
use super::read_ahead::ReadAhead;
use super::text_file::parse_text_article;
use crate::article::Article;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Size of the read buffers.
const BUFFER_BYTES: usize = 256 * 1024;

/// The articles of one input file, in file order, each an `Ok(Article)` or,
/// for a line that cannot be read as one, an `Err(Problem)` (reading goes on
/// after it). A JSONL file is streamed: memory holds one line at a time (at
/// most [`MAX_LINE_BYTES`](super::MAX_LINE_BYTES)) plus 16 bytes per id for
/// the duplicate check. A text file is read whole at [`open`].
///
/// Non-fatal problems of an article (a bad `date`) come just before the
/// article itself.
pub struct ArticleReader {
    path: PathBuf,
    bytes: Arc<AtomicU64>,
    /// Bytes of input after decompression (the same as `bytes` unless gzip).
    input: Arc<AtomicU64>,
    notes: Vec<String>,
    queue: VecDeque<Result<Article, Problem>>,
    jsonl: Option<JsonlSource>,
}

struct JsonlSource {
    lines: LineReader<Box<dyn BufRead + Send>>,
    parser: LineParser,
    /// A `.json` file whose first non-blank line has not been seen yet: if
    /// it is not a JSON object, the file is not JSON Lines.
    check_first_line: bool,
}

/// Opens `file` for reading. A text file is read, decoded and parsed here, so
/// a file that is binary, empty, whitespace-only or in an unknown encoding is
/// an error here; a JSONL file is only opened (and checked to be gzip, for
/// `.gz`). The error is the reason to skip the file.
pub fn open(file: &InputFile) -> Result<ArticleReader, Problem> {
    let path = &file.path;
    let problem = |message: String| Problem::file(path, message);
    let handle = File::open(path).map_err(|e| problem(io_reason(&e)))?;
    let bytes = Arc::new(AtomicU64::new(0));
    let counted = Counted {
        inner: handle,
        count: Arc::clone(&bytes),
    };
    let input = Arc::new(AtomicU64::new(0));
    let mut reader = ArticleReader {
        path: path.clone(),
        bytes,
        input: Arc::clone(&input),
        notes: Vec::new(),
        queue: VecDeque::new(),
        jsonl: None,
    };
    match file.format {
        Format::Text { markdown } => {
            let mut content = Vec::new();
            counted
                .take(MAX_TEXT_FILE_BYTES + 1)
                .read_to_end(&mut content)
                .map_err(|e| problem(io_reason(&e)))?;
            if content.len() as u64 > MAX_TEXT_FILE_BYTES {
                return Err(problem(format!(
                    "text file over the {} MiB limit for one article: split it, or convert it to JSONL",
                    MAX_TEXT_FILE_BYTES >> 20
                )));
            }
            input.store(content.len() as u64, Ordering::Relaxed);
            let decoded = decode_text(content).map_err(&problem)?;
            reader.notes.extend(
                decoded
                    .note
                    .map(|note| format!("{}: {note}", path.display())),
            );
            let id = file.relative_id();
            if let Some(why) = crate::article::id_problem(&id) {
                return Err(problem(format!(
                    "its name gives the {why}: rename the file"
                )));
            }
            let article = parse_text_article(id, decoded.text, markdown)
                .ok_or_else(|| problem("empty (only whitespace): nothing to index".to_string()))?;
            reader.queue.push_back(Ok(article));
        }
        Format::Jsonl { gzip } | Format::Json { gzip } => {
            let mut buffered = BufReader::with_capacity(BUFFER_BYTES, counted);
            let input: Box<dyn BufRead + Send> = if gzip {
                let head = buffered.fill_buf().map_err(|e| problem(io_reason(&e)))?;
                if !head.starts_with(&[0x1f, 0x8b]) {
                    return Err(problem(
                        "not gzip-compressed, despite the .gz extension: rename or recompress it"
                            .to_string(),
                    ));
                }
                let decoder = Counted {
                    inner: flate2::bufread::MultiGzDecoder::new(buffered),
                    count: input,
                };
                Box::new(ReadAhead::spawn(decoder).map_err(|e| problem(io_reason(&e)))?)
            } else {
                // Uncompressed: the input is the file; its count is `bytes`.
                reader.input = Arc::clone(&reader.bytes);
                Box::new(buffered)
            };
            reader.jsonl = Some(JsonlSource {
                lines: LineReader::new(input, MAX_LINE_BYTES),
                parser: LineParser::new(path),
                check_first_line: matches!(file.format, Format::Json { .. }),
            });
        }
    }
    Ok(reader)
}

impl ArticleReader {
    /// The file being read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes read from the file so far (compressed bytes for `.gz`), for a
    /// progress bar. Runs ahead of the articles returned by up to a buffer.
    pub fn bytes_read(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Bytes of input read so far after decompression: the size of the
    /// text itself, for throughput figures. The same as
    /// [`bytes_read`](Self::bytes_read) for uncompressed files.
    pub fn input_bytes(&self) -> u64 {
        self.input.load(Ordering::Relaxed)
    }

    /// Things worth saying about the file that are not problems, one line
    /// each, starting with the path: `old/cairo.txt: not UTF-8: decoded as windows-1256`.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Reads lines until something is queued or the file ends.
    fn fill_queue(&mut self) {
        let Some(source) = self.jsonl.as_mut() else {
            return;
        };
        while self.queue.is_empty() {
            let line_no = source.lines.line_no() + 1;
            match source.lines.next_line() {
                Ok(Some(Line::Bytes(bytes))) => {
                    let parsed = source.parser.parse(line_no, bytes, &mut self.queue);
                    if source.check_first_line && parsed != Parsed::Blank {
                        source.check_first_line = false;
                        if parsed == Parsed::NotJson {
                            self.queue.clear();
                            self.queue.push_back(Err(Problem::file(
                                &self.path,
                                "not JSON Lines (its first line is not a JSON object): a .json file is read only if it holds one article object per line; convert it (for an array: jq -c '.[]')",
                            )));
                            self.jsonl = None;
                            return;
                        }
                    }
                }
                Ok(Some(Line::TooLong(len))) => self.queue.push_back(Err(Problem::at_line(
                    &self.path,
                    line_no,
                    format!(
                        "line of {} MiB, over the {} MiB limit: skipped; split the article",
                        len >> 20,
                        MAX_LINE_BYTES >> 20
                    ),
                ))),
                Ok(None) => {
                    self.jsonl = None;
                    return;
                }
                Err(e) => {
                    let message = if line_no == 1 {
                        format!("cannot be read ({e}): nothing read from it; check or re-create the file")
                    } else {
                        format!(
                            "the file is damaged here ({e}): the {} line(s) before were read, the rest is lost; re-create or re-download it",
                            line_no - 1
                        )
                    };
                    self.queue
                        .push_back(Err(Problem::at_line(&self.path, line_no, message)));
                    self.jsonl = None;
                    return;
                }
            }
        }
    }
}

impl Iterator for ArticleReader {
    type Item = Result<Article, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.queue.is_empty() {
            self.fill_queue();
        }
        self.queue.pop_front()
    }
}

impl std::fmt::Debug for ArticleReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArticleReader")
            .field("path", &self.path)
            .field("bytes_read", &self.bytes_read())
            .field("notes", &self.notes)
            .finish_non_exhaustive()
    }
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_can_move_to_another_thread() {
        fn assert_send<T: Send>() {}
        assert_send::<ArticleReader>();
    }
}
