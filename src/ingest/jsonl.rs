//! JSON Lines: one article per line, read as a stream with bounded memory.

use super::date::normalize_date;
use super::markup::{decoded, strip_inline_tags};
use super::problem::Problem;
use crate::article::Article;
use crate::text::lang;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

/// Lines longer than this are reported and skipped without being held in memory.
pub const MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

/// After a line longer than this, the line buffer is shrunk back.
const KEEP_BUFFER_BYTES: usize = 1024 * 1024;

/// One line of input, as [`LineReader::next_line`] returns it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line<'a> {
    /// The line's bytes, without the `\n`.
    Bytes(&'a [u8]),
    /// A line over the limit, skipped; its length in bytes.
    TooLong(u64),
}

/// Reads lines with a length cap, reusing one buffer.
pub(crate) struct LineReader<R> {
    inner: R,
    buf: Vec<u8>,
    /// The number of the last line returned (1-based).
    line_no: u64,
    max: usize,
}

impl<R: BufRead> LineReader<R> {
    pub(crate) fn new(inner: R, max: usize) -> Self {
        LineReader {
            inner,
            buf: Vec::new(),
            line_no: 0,
            max,
        }
    }

    /// The number of the last line returned (0 before the first).
    pub(crate) fn line_no(&self) -> u64 {
        self.line_no
    }

    /// The next line, `None` at the end. A read error leaves the partial line unread.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        if self.buf.capacity() > KEEP_BUFFER_BYTES {
            self.buf = Vec::new();
        }
        self.buf.clear();
        let (mut any, mut too_long, mut total) = (false, false, 0u64);
        loop {
            let available = match self.inner.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            any = true;
            let (chunk, found) = match memchr::memchr(b'\n', available) {
                Some(i) => (&available[..i], true),
                None => (available, false),
            };
            total += chunk.len() as u64;
            if !too_long {
                if self.buf.len() + chunk.len() > self.max {
                    too_long = true;
                    self.buf = Vec::new();
                } else {
                    self.buf.extend_from_slice(chunk);
                }
            }
            let used = chunk.len() + usize::from(found);
            self.inner.consume(used);
            if found {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.line_no += 1;
        Ok(Some(if too_long {
            Line::TooLong(total)
        } else {
            Line::Bytes(&self.buf)
        }))
    }
}

/// A JSON value where a string is expected, kept loosely so that a wrong
/// type is one problem about one field, not a malformed line.
#[derive(Debug)]
enum Loose {
    Str(String),
    Num(String),
    Other(&'static str),
}

impl Loose {
    /// The value as text, if it is a string (or a number, written as in JSON).
    fn text(self) -> Result<String, &'static str> {
        match self {
            Loose::Str(s) | Loose::Num(s) => Ok(s),
            Loose::Other(kind) => Err(kind),
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LooseVisitor;
        impl<'de> Visitor<'de> for LooseVisitor {
            type Value = Loose;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
                Ok(Loose::Str(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Loose, E> {
                Ok(Loose::Str(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose, E> {
                Ok(Loose::Num(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose, E> {
                Ok(Loose::Num(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Loose, E> {
                Ok(Loose::Num(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Loose, E> {
                Ok(Loose::Other("a boolean"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Loose, E> {
                Ok(Loose::Other("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Loose::Other("an array"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Loose::Other("an object"))
            }
        }
        deserializer.deserialize_any(LooseVisitor)
    }
}

/// The fields newsearch reads from a line; others are ignored.
#[derive(Debug, serde::Deserialize)]
struct Record {
    id: Option<Loose>,
    title: Option<Loose>,
    text: Option<Loose>,
    content: Option<Loose>,
    contents: Option<Loose>,
    date: Option<Loose>,
    url: Option<Loose>,
    source: Option<Loose>,
    lang: Option<Loose>,
}

/// What a line was, as [`LineParser::parse`] saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parsed {
    /// Empty or whitespace.
    Blank,
    /// Not a JSON object, or not JSON at all.
    NotJson,
    /// A JSON object (read as an article, or reported).
    Object,
}

/// Turns lines into articles and problems, remembering the ids of the file.
pub(crate) struct LineParser {
    path: PathBuf,
    /// Hash of each id seen in this file → the line it was first seen on.
    seen: HashMap<u128, u64>,
}

impl LineParser {
    pub(crate) fn new(path: &Path) -> Self {
        LineParser {
            path: path.to_path_buf(),
            seen: HashMap::new(),
        }
    }

    /// Parses line `line_no`, pushing its problems, then its article, onto `out`.
    pub(crate) fn parse(
        &mut self,
        line_no: u64,
        bytes: &[u8],
        out: &mut VecDeque<Result<Article, Problem>>,
    ) -> Parsed {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Parsed::Blank;
        }
        let problem = |message: String| Err(Problem::at_line(&self.path, line_no, message));
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            out.push_back(problem(
                "not a JSON object (one {...} per line expected): line skipped; fix or remove it"
                    .to_string(),
            ));
            return Parsed::NotJson;
        }
        let record: Record = match serde_json::from_slice(bytes) {
            Ok(record) => record,
            Err(e) => {
                let full = e.to_string();
                let detail = full
                    .rsplit_once(" at line ")
                    .map_or(full.as_str(), |(d, _)| d);
                let why = if std::str::from_utf8(bytes).is_err() {
                    "not valid UTF-8 (JSONL must be UTF-8)".to_string()
                } else if e.is_syntax() || e.is_eof() {
                    format!("malformed JSON at column {}: {detail}", e.column())
                } else {
                    format!("not an article object: {detail}")
                };
                out.push_back(problem(format!("{why}: line skipped; fix or remove it")));
                return Parsed::NotJson;
            }
        };
        self.article(line_no, record, out);
        Parsed::Object
    }

    /// Turns the record of line `line_no` into an article and its problems, pushed onto `out`.
    fn article(
        &mut self,
        line_no: u64,
        record: Record,
        out: &mut VecDeque<Result<Article, Problem>>,
    ) {
        let problem = |message: String| Err(Problem::at_line(&self.path, line_no, message));
        let Record {
            id,
            title,
            text,
            content,
            contents,
            date,
            url,
            source,
            lang,
        } = record;

        let mut body = None;
        let mut wrong = Vec::new();
        for (name, value) in [("text", text), ("content", content), ("contents", contents)] {
            match value {
                Some(Loose::Str(s)) if !s.trim().is_empty() && body.is_none() => body = Some(s),
                Some(Loose::Num(_)) => wrong.push(format!("`{name}` is a number")),
                Some(Loose::Other(kind)) => wrong.push(format!("`{name}` is {kind}")),
                _ => {}
            }
        }
        let Some(text) = body else {
            let found = if wrong.is_empty() {
                String::new()
            } else {
                format!(" ({})", wrong.join(", "))
            };
            out.push_back(problem(format!(
                "no text: expected a non-empty string in `text`, `content` or `contents`{found}; article skipped"
            )));
            return;
        };

        let mut problems = Vec::new();
        let string_field = |name: &str,
                            value: Option<Loose>,
                            problems: &mut Vec<Result<Article, Problem>>|
         -> Option<String> {
            match value?.text() {
                Ok(s) => Some(s),
                Err(kind) => {
                    problems.push(problem(format!(
                        "`{name}` is {kind}, expected a string: {name} dropped, article kept"
                    )));
                    None
                }
            }
        };
        let title = string_field("title", title, &mut problems).unwrap_or_default();
        let url = string_field("url", url, &mut problems).filter(|s| !s.trim().is_empty());
        let source = string_field("source", source, &mut problems).filter(|s| !s.trim().is_empty());
        let date = match date {
            Some(Loose::Str(s)) if s.trim().is_empty() => None,
            Some(Loose::Str(s)) => normalize_date(&s).or_else(|| {
                problems.push(problem(format!(
                    "`date` {s:?} is not a valid YYYY-MM-DD or RFC 3339 date: date dropped, article kept"
                )));
                None
            }),
            Some(other) => {
                let kind = match other {
                    Loose::Num(_) => "a number",
                    Loose::Other(kind) => kind,
                    Loose::Str(_) => "a string",
                };
                problems.push(problem(format!(
                    "`date` is {kind}, expected a string like \"2024-07-08\": date dropped, article kept"
                )));
                None
            }
            None => None,
        };
        let lang = match lang.map(Loose::text) {
            None => None,
            Some(Ok(code)) => match lang::parse_code(&code) {
                lang::Code::Known(lang) => Some(lang),
                lang::Code::Undetermined => None,
                lang::Code::Invalid => {
                    problems.push(problem(format!(
                        "`lang` {code:?} is not a language code (ar, fr, en...): language detected instead"
                    )));
                    None
                }
            },
            Some(Err(kind)) => {
                problems.push(problem(format!(
                    "`lang` is {kind}, expected a code like \"ar\": language detected instead"
                )));
                None
            }
        };
        let id = match id.map(Loose::text) {
            Some(Ok(id)) if !id.trim().is_empty() => id,
            Some(Err(kind)) => {
                out.extend(problems);
                out.push_back(problem(format!(
                    "`id` is {kind}, expected a string or a number: article skipped"
                )));
                return;
            }
            _ => content_id(&title, &text),
        };
        if let Some(why) = crate::article::id_problem(&id) {
            out.extend(problems);
            out.push_back(problem(format!("{why}: article skipped; change the id")));
            return;
        }
        match self.seen.entry(id_hash(&id)) {
            std::collections::hash_map::Entry::Occupied(first) => {
                out.push_back(problem(format!(
                    "duplicate id {id:?} (first on line {}): this article skipped; ids must be unique",
                    first.get()
                )));
                return;
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(line_no);
            }
        }
        out.extend(problems);
        // After the id, which a missing `id` derives from the title as given;
        // tags before entities, so that `&lt;i&gt;` stays text.
        let title = match strip_inline_tags(&title) {
            Cow::Borrowed(_) => title,
            Cow::Owned(stripped) => stripped,
        };
        let (title, text) = (decoded(title), decoded(text));
        out.push_back(Ok(Article {
            id,
            title,
            text,
            date,
            url,
            source,
            lang,
        }));
    }
}

/// A stable id for an article given without one: `b3-` and 16 hex digits of
/// the BLAKE3 hash of its title and text.
pub fn content_id(title: &str, text: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(title.as_bytes());
    hasher.update(b"\0");
    hasher.update(text.as_bytes());
    let hex = hasher.finalize().to_hex();
    format!("b3-{}", &hex[..16])
}

/// 128 bits of an id's hash: enough to tell ids apart, smaller than the id.
fn id_hash(id: &str) -> u128 {
    let hash = blake3::hash(id.as_bytes());
    let mut first = [0u8; 16];
    first.copy_from_slice(&hash.as_bytes()[..16]);
    u128::from_le_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(input: &str) -> Vec<Result<Article, Problem>> {
        let mut lines = LineReader::new(input.as_bytes(), 1000);
        let mut parser = LineParser::new(Path::new("f.jsonl"));
        let mut out = VecDeque::new();
        loop {
            let no = lines.line_no() + 1;
            let Some(line) = lines.next_line().unwrap() else {
                break;
            };
            match line {
                Line::Bytes(b) => {
                    parser.parse(no, b, &mut out);
                }
                Line::TooLong(n) => out.push_back(Err(Problem::at_line(
                    "f.jsonl",
                    no,
                    format!("too long {n}"),
                ))),
            }
        }
        out.into_iter().collect()
    }

    #[test]
    fn line_reader_table() {
        let long = "x".repeat(2000);
        let cases: Vec<(String, Vec<Line>)> = vec![
            ("".into(), vec![]),
            ("a".into(), vec![Line::Bytes(b"a")]),
            ("a\n".into(), vec![Line::Bytes(b"a")]),
            (
                "a\n\nb".into(),
                vec![Line::Bytes(b"a"), Line::Bytes(b""), Line::Bytes(b"b")],
            ),
            ("a\r\n".into(), vec![Line::Bytes(b"a\r")]),
            (
                format!("a\n{long}\nb\n"),
                vec![Line::Bytes(b"a"), Line::TooLong(2000), Line::Bytes(b"b")],
            ),
        ];
        for (input, want) in cases {
            // A tiny buffer makes lines span several fill_buf calls.
            let mut reader =
                LineReader::new(io::BufReader::with_capacity(7, input.as_bytes()), 1000);
            let mut got = Vec::new();
            while let Some(line) = reader.next_line().unwrap() {
                got.push(match line {
                    Line::Bytes(b) => format!("{:?}", Line::Bytes(b)),
                    Line::TooLong(n) => format!("{:?}", Line::TooLong(n)),
                });
            }
            let want: Vec<String> = want.iter().map(|l| format!("{l:?}")).collect();
            assert_eq!(got, want, "input {input:?}");
        }
    }

    #[test]
    fn records_table() {
        let input = r#"{"id": "a1", "title": "T", "text": "Body", "date": "2024-07-08T10:00:00Z", "url": "http://x", "source": "s", "lang": "fr"}
{"id": 42, "contents": "pyserini style"}
{"id": "a3", "content": "content field", "title": null}

not json
{"id": "a5", "title": "no text"}
{"id": "a6", "text": "bad date", "date": 20240708}
{"id": "a7", "text": "impossible date", "date": "2024-02-30"}
{"id": "a1", "text": "duplicate"}
{"text": "no id"}
{"id": ["x"], "text": "array id"}
[1, 2]
{"id": "a12", "text": "   ", "contents": "second field wins when the first is blank"}
{"id": "a13", "text": "bad lang", "lang": "??"}
{"id": "a14", "text": "duplicate key", "text": "again"}
{"id": "a15", "text": 5}
{"id": "a17", "text": "x", "title": "broken
"#;
        let got: Vec<String> = parse_all(input)
            .into_iter()
            .map(|r| match r {
                Ok(a) => format!(
                    "ok {} | {} | {} | {:?} | {:?}",
                    a.id, a.title, a.text, a.date, a.lang
                ),
                Err(p) => format!("err {}", p),
            })
            .collect();
        let no_id = content_id("", "no id");
        let want = vec![
            "ok a1 | T | Body | Some(\"2024-07-08\") | Some(Fr)".to_string(),
            "ok 42 |  | pyserini style | None | None".into(),
            "ok a3 |  | content field | None | None".into(),
            "err f.jsonl:5: not a JSON object (one {...} per line expected): line skipped; fix or remove it".into(),
            "err f.jsonl:6: no text: expected a non-empty string in `text`, `content` or `contents`; article skipped".into(),
            "err f.jsonl:7: `date` is a number, expected a string like \"2024-07-08\": date dropped, article kept".into(),
            "ok a6 |  | bad date | None | None".into(),
            "err f.jsonl:8: `date` \"2024-02-30\" is not a valid YYYY-MM-DD or RFC 3339 date: date dropped, article kept".into(),
            "ok a7 |  | impossible date | None | None".into(),
            "err f.jsonl:9: duplicate id \"a1\" (first on line 1): this article skipped; ids must be unique".into(),
            format!("ok {no_id} |  | no id | None | None"),
            "err f.jsonl:11: `id` is an array, expected a string or a number: article skipped".into(),
            "err f.jsonl:12: not a JSON object (one {...} per line expected): line skipped; fix or remove it".into(),
            "ok a12 |  | second field wins when the first is blank | None | None".into(),
            "err f.jsonl:14: `lang` \"??\" is not a language code (ar, fr, en...): language detected instead".into(),
            "ok a13 |  | bad lang | None | None".into(),
            "err f.jsonl:15: not an article object: duplicate field `text`: line skipped; fix or remove it".into(),
            "err f.jsonl:16: no text: expected a non-empty string in `text`, `content` or `contents` (`text` is a number); article skipped".into(),
            "err f.jsonl:17: malformed JSON at column 43: EOF while parsing a string: line skipped; fix or remove it".into(),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn content_id_is_stable() {
        assert_eq!(content_id("t", "x"), content_id("t", "x"));
        assert_ne!(content_id("t", "x"), content_id("", "tx"));
        assert_eq!(content_id("t", "x").len(), 19);
    }
}
