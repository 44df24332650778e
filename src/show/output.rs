//! Printing hits: for a terminal, as plain text, as JSON Lines, as a TREC run.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::hit::{Hit, PassageHit};
use crate::show::escape::{escape, escape_keeping_spaces};

/// How matches and metadata are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// ANSI bold and colour for matches, dim metadata.
    Color,
    /// Matches between `[` and `]`, no escape codes.
    Plain,
}

const BOLD_YELLOW: &str = "\x1b[1;33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Prints hits for a reader: one block per hit, the title, a metadata line,
/// then each shown passage cut to its window, matches marked. Each passage
/// is its own paragraph in logical order, so right-to-left text stays
/// readable in terminals without bidi support. Control characters and bidi
/// overrides from the archive are printed as visible escapes
/// ([`escape`](crate::escape)), never sent to the terminal.
pub fn write_hits(out: &mut impl Write, hits: &[Hit], style: Style) -> io::Result<()> {
    for hit in hits {
        let title = escape(if hit.title.is_empty() {
            &hit.article_id
        } else {
            &hit.title
        });
        match style {
            Style::Color => writeln!(out, "{BOLD}{}. {title}{RESET}", hit.rank)?,
            Style::Plain => writeln!(out, "{}. {title}", hit.rank)?,
        }
        let mut meta: Vec<String> = Vec::new();
        meta.extend(hit.source.as_deref().map(safe));
        meta.extend(hit.date.as_deref().map(safe));
        if let Some(passage) = hit.passages.first() {
            meta.push(safe(&passage.lang));
        }
        meta.push(safe(hit.url.as_deref().unwrap_or(&hit.article_id)));
        meta.push(format!("score {:.2}", hit.score));
        match style {
            Style::Color => writeln!(out, "   {DIM}{}{RESET}", meta.join(" · "))?,
            Style::Plain => writeln!(out, "   {}", meta.join(" · "))?,
        }
        if !hit.duplicates.is_empty() {
            let copies: Vec<String> = hit.duplicates.iter().map(|id| safe(id)).collect();
            let also = format!("also published as {}", copies.join(", "));
            match style {
                Style::Color => writeln!(out, "   {DIM}{also}{RESET}")?,
                Style::Plain => writeln!(out, "   {also}")?,
            }
        }
        for passage in &hit.passages {
            writeln!(out, "   {}", render_window(passage, style))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// `text` escaped for a terminal, owned.
fn safe(text: &str) -> String {
    escape(text).into_owned()
}

/// The passage's window with its highlights marked and `…` where cut;
/// control characters escaped, white space collapsed.
pub fn render_window(passage: &PassageHit, style: Style) -> String {
    let text = &passage.text;
    let window = clamp(&passage.window, text);
    let (open, close) = match style {
        Style::Color => (BOLD_YELLOW, RESET),
        Style::Plain => ("[", "]"),
    };
    let mut rendered = String::new();
    if window.start > 0 {
        rendered.push('…');
    }
    let mut at = window.start;
    for range in &passage.highlights {
        let range = clamp(range, text);
        if range.start < at || range.end > window.end {
            continue;
        }
        rendered.push_str(&escape_keeping_spaces(&text[at..range.start]));
        rendered.push_str(open);
        rendered.push_str(&escape_keeping_spaces(&text[range.clone()]));
        rendered.push_str(close);
        at = range.end;
    }
    rendered.push_str(&escape_keeping_spaces(&text[at..window.end]));
    if window.end < text.len() {
        rendered.push('…');
    }
    // One passage per block: its own line breaks would break the layout.
    rendered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `range` cut to `text` and moved to char boundaries.
fn clamp(range: &Range<usize>, text: &str) -> Range<usize> {
    let mut start = range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// One line of `--json` output. This format is a contract (see README).
#[derive(Debug, Serialize)]
struct JsonHit<'a> {
    rank: usize,
    article_id: &'a str,
    passage: Option<u64>,
    score: f32,
    title: &'a str,
    url: Option<&'a str>,
    source: Option<&'a str>,
    date: Option<&'a str>,
    lang: Option<&'a str>,
    text: &'a str,
    highlights: &'a [Range<usize>],
    window: Option<&'a Range<usize>>,
    passages: &'a [PassageHit],
    duplicates: &'a [String],
}

/// Prints one JSON object per hit (JSON Lines).
pub fn write_json(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    for hit in hits {
        let best = hit.passages.first();
        let line = JsonHit {
            rank: hit.rank,
            article_id: &hit.article_id,
            passage: best.map(|p| p.number),
            score: hit.score,
            title: &hit.title,
            url: hit.url.as_deref(),
            source: hit.source.as_deref(),
            date: hit.date.as_deref(),
            lang: best.map(|p| p.lang.as_str()),
            text: best.map(|p| p.text.as_str()).unwrap_or(""),
            highlights: best.map(|p| p.highlights.as_slice()).unwrap_or(&[]),
            window: best.map(|p| &p.window),
            passages: &hit.passages,
            duplicates: &hit.duplicates,
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Prints a TREC run: `qid Q0 article_id rank score tag`, one line per hit.
/// An id holding a tab, a line break or another control character (which
/// would break the columns) is printed escaped ([`escape`](crate::escape)).
pub fn write_trec(out: &mut impl Write, qid: &str, hits: &[Hit], tag: &str) -> io::Result<()> {
    let (qid, tag) = (escape(qid), escape(tag));
    for hit in hits {
        writeln!(
            out,
            "{qid} Q0 {} {} {:.6} {tag}",
            escape(&hit.article_id),
            hit.rank,
            hit.score
        )?;
    }
    Ok(())
}
