//! Printing hits: for a terminal, as plain text, as JSON Lines, as a TREC run.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::hit::{FacetCount, Facets, Hit, PassageHit, SearchResults};
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
    let (open, close) = match style {
        Style::Color => (BOLD_YELLOW, RESET),
        Style::Plain => ("[", "]"),
    };
    let window = window_pieces(passage);
    let mut rendered = String::new();
    if window.cut_before {
        rendered.push('…');
    }
    for piece in &window.pieces {
        let text = escape_keeping_spaces(piece.text);
        if piece.marked {
            rendered.push_str(open);
            rendered.push_str(&text);
            rendered.push_str(close);
        } else {
            rendered.push_str(&text);
        }
    }
    if window.cut_after {
        rendered.push('…');
    }
    // One passage per block: its own line breaks would break the layout.
    rendered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of a passage a reader is shown: its window, cut into runs of
/// text that alternate between plain and highlighted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowPieces<'a> {
    /// Whether text before the window was left out.
    pub cut_before: bool,
    /// The window's text in order; together, exactly the window.
    pub pieces: Vec<Piece<'a>>,
    /// Whether text after the window was left out.
    pub cut_after: bool,
}

/// A run of a passage's text, highlighted or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// The text, as written in the article.
    pub text: &'a str,
    /// Whether it is a highlighted word or phrase.
    pub marked: bool,
}

/// Cuts the passage's window at its highlights, which are whole words, so
/// a printer marks the pieces without splitting a word. Highlights outside
/// the window or overlapping an earlier one are left out.
pub fn window_pieces(passage: &PassageHit) -> WindowPieces<'_> {
    let text = &passage.text;
    let window = clamp(&passage.window, text);
    let mut pieces = Vec::new();
    let mut at = window.start;
    for range in &passage.highlights {
        let range = clamp(range, text);
        if range.start < at || range.end > window.end {
            continue;
        }
        push_piece(&mut pieces, &text[at..range.start], false);
        push_piece(&mut pieces, &text[range.clone()], true);
        at = range.end;
    }
    push_piece(&mut pieces, &text[at..window.end], false);
    WindowPieces {
        cut_before: window.start > 0,
        pieces,
        cut_after: window.end < text.len(),
    }
}

fn push_piece<'a>(pieces: &mut Vec<Piece<'a>>, text: &'a str, marked: bool) {
    if !text.is_empty() {
        pieces.push(Piece { text, marked });
    }
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

/// A hit as `--json` prints it and the HTTP API returns it. This format is
/// a contract (see README): the hit, with its best passage's text,
/// highlights and window at the top level.
#[derive(Debug, Serialize)]
pub struct JsonHit<'a> {
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
    translated: &'a [String],
}

impl<'a> From<&'a Hit> for JsonHit<'a> {
    fn from(hit: &'a Hit) -> JsonHit<'a> {
        let best = hit.passages.first();
        JsonHit {
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
            translated: &hit.translated,
        }
    }
}

/// Prints one JSON object per hit (JSON Lines).
pub fn write_json(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    for hit in hits {
        serde_json::to_writer(&mut *out, &JsonHit::from(hit))?;
        writeln!(out)?;
    }
    Ok(())
}

/// Prints, after the hits, which of the matching articles they are and,
/// when counted, the facets: one line per kind of count.
///
/// ```
/// # fn main() -> Result<(), newsearch::Error> {
/// use newsearch::{write_summary, Article, Index, SearchOptions, Style};
/// let index = Index::create_in_ram()?;
/// let mut writer = index.writer()?;
/// writer.add_article(&Article {
///     id: "a".into(),
///     text: "Les négociateurs sont arrivés au Caire.".into(),
///     source: Some("Le Monde".into()),
///     ..Article::default()
/// }, None)?;
/// writer.commit()?;
/// let options = SearchOptions::default().facets(true);
/// let results = index.results("Caire", &options)?;
/// let mut out = Vec::new();
/// write_summary(&mut out, &results, 0, Style::Plain)?;
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "results 1–1 of 1 matching article\nsources: le monde 1\nlanguages: fr 1\nmonths: none dated\n"
/// );
/// # Ok(()) }
/// ```
pub fn write_summary(
    out: &mut impl Write,
    results: &SearchResults,
    offset: usize,
    style: Style,
) -> io::Result<()> {
    let articles = if results.total == 1 {
        "article"
    } else {
        "articles"
    };
    let line = if results.hits.is_empty() {
        if results.total == 0 {
            String::new()
        } else {
            format!(
                "no results from {} on; {} matching {articles}",
                offset + 1,
                results.total
            )
        }
    } else {
        format!(
            "results {}–{} of {} matching {articles}",
            offset + 1,
            offset + results.hits.len(),
            results.total
        )
    };
    if !line.is_empty() {
        match style {
            Style::Color => writeln!(out, "{DIM}{line}{RESET}")?,
            Style::Plain => writeln!(out, "{line}")?,
        }
    }
    if let Some(facets) = &results.facets {
        let counts = |counts: &[FacetCount], none: &str| -> String {
            if counts.is_empty() {
                return none.to_string();
            }
            let each: Vec<String> = counts
                .iter()
                .map(|c| format!("{} {}", printable(&c.value), c.count))
                .collect();
            each.join(" · ")
        };
        let Facets {
            sources,
            langs,
            months,
        } = facets;
        writeln!(out, "sources: {}", counts(sources, "none named"))?;
        writeln!(out, "languages: {}", counts(langs, "none"))?;
        writeln!(out, "months: {}", counts(months, "none dated"))?;
    }
    Ok(())
}

/// The JSON summary line printed after the hits of `--json`.
#[derive(Serialize)]
struct JsonSummary<'a> {
    total: usize,
    offset: usize,
    facets: Option<&'a Facets>,
}

/// Prints the line that follows the hits in JSON Lines output:
/// `{"total":…,"offset":…,"facets":…}` (`facets` is `null` unless
/// counted). It is the one line without a `rank`.
pub fn write_json_summary(
    out: &mut impl Write,
    results: &SearchResults,
    offset: usize,
) -> io::Result<()> {
    let line = JsonSummary {
        total: results.total,
        offset,
        facets: results.facets.as_ref(),
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}

/// Text from a document made safe for a terminal on one line: control
/// characters and bidi overrides shown escaped ([`escape`](crate::escape)),
/// line breaks and tabs as spaces.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    escape_keeping_spaces(text)
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

#[cfg(test)]
mod tests {
    use super::{window_pieces, Piece};
    use crate::PassageHit;

    #[test]
    fn window_pieces_alternate_plain_and_marked_text_within_the_window() {
        let text = "Hier, les négociateurs sont arrivés au Caire pour la trêve.";
        let caire = text.find("Caire").unwrap();
        let passage = PassageHit {
            number: 0,
            score: 1.0,
            lang: "fr".into(),
            text: text.into(),
            // The first highlight lies before the window: left out.
            highlights: vec![0..4, caire..caire + 5],
            window: 6..text.find(" pour").unwrap(),
        };
        let window = window_pieces(&passage);
        assert!(window.cut_before && window.cut_after);
        let plain = |text| Piece {
            text,
            marked: false,
        };
        assert_eq!(
            window.pieces,
            [
                plain("les négociateurs sont arrivés au "),
                Piece {
                    text: "Caire",
                    marked: true
                },
            ]
        );
    }
}
