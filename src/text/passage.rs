//! Splitting an article into passages, the unit of retrieval.
//!
//! [`split_passages`] returns byte ranges into the article text, so a
//! passage's offsets (and the highlight offsets inside it) point into the
//! original article. The rules, in order:
//!
//! 1. **Paragraphs.** Lines that hold only whitespace separate paragraphs.
//!    Where the text has no such blank line between two lines of text, every
//!    line break separates paragraphs instead (many dumps put one paragraph
//!    per line). Only `\n` breaks lines; a `\r` before it is whitespace.
//! 2. **Long paragraphs are cut.** A paragraph over [`MAX_PASSAGE_CHARS`]
//!    characters is cut into pieces of about equal size, each at most
//!    [`MAX_PASSAGE_CHARS`]: at the sentence end (`.` `!` `?` `…` `؟` `۔`,
//!    possibly followed by closing quotes or brackets, then whitespace) nearest
//!    that size; failing that at the nearest whitespace; failing that (a run
//!    of letters with no space) on a character boundary, not before a
//!    combining mark. The work is linear in the paragraph's length.
//! 3. **Short paragraphs are merged.** A passage under [`MIN_PASSAGE_CHARS`]
//!    characters (a dateline, "Read also:", a byline) is joined to the next
//!    one, or to the previous one at the end of the text; the merged range
//!    spans both and the whitespace between them. A merge that would exceed
//!    [`MAX_MERGED_CHARS`] is not made, so the short passage stays alone.
//!
//! Every range is trimmed of surrounding whitespace (Unicode `White_Space`),
//! non-empty, on char boundaries, in order and non-overlapping; together they
//! cover every non-whitespace character of the text; none is longer than
//! [`MAX_MERGED_CHARS`] characters.
//!
//! ```
//! use newsearch::text::passage::split_passages;
//! let text = "CAIRO -\n\n\
//!     Talks on a ceasefire resumed on Monday in the Egyptian capital, officials from both sides said.\n\n\
//!     Both sides sent negotiators, and a new round is planned for next week if the first one goes well.";
//! let passages: Vec<&str> = split_passages(text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(passages.len(), 2);
//! assert!(passages[0].starts_with("CAIRO -\n\nTalks"));
//! ```

use std::ops::Range;

/// Paragraphs longer than this many characters are cut at sentence ends.
pub const MAX_PASSAGE_CHARS: usize = 1_000;

/// Passages shorter than this many characters are merged into a neighbour:
/// long enough for datelines, bylines, "Lire aussi :" lines and one-line
/// headings, short enough that a real one-sentence paragraph (usually over
/// 100 characters in news) stays on its own.
pub const MIN_PASSAGE_CHARS: usize = 80;

/// No passage is longer than this many characters: a merge that would pass it
/// is not made.
pub const MAX_MERGED_CHARS: usize = MAX_PASSAGE_CHARS + MIN_PASSAGE_CHARS;

/// The passages of `text`, as byte ranges into it: see the [module
/// documentation](self) for the rules.
pub fn split_passages(text: &str) -> Vec<Range<usize>> {
    let mut merger = Merger::new(text);
    let blank_lines = has_blank_line(text);
    for_each_paragraph(text, blank_lines, |para| {
        cut_paragraph(text, para, |piece| merger.push(piece));
    });
    merger.finish()
}

/// How many paragraphs the text has (rule 1 of the module's rules).
pub fn paragraph_count(text: &str) -> usize {
    let mut count = 0;
    for_each_paragraph(text, has_blank_line(text), |_| count += 1);
    count
}

/// Whether some whitespace-only line sits between two lines with text.
fn has_blank_line(text: &str) -> bool {
    let mut seen_text = false;
    let mut blank_after_text = false;
    for line in text.split('\n') {
        if is_blank(line) {
            blank_after_text |= seen_text;
        } else {
            if blank_after_text {
                return true;
            }
            seen_text = true;
        }
    }
    false
}

fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Calls `f` with the trimmed byte range of each paragraph, in order.
fn for_each_paragraph(text: &str, blank_lines: bool, mut f: impl FnMut(Range<usize>)) {
    let mut para: Option<Range<usize>> = None;
    let mut start = 0;
    loop {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let line = trim_range(text, start..end);
        match (line.is_empty(), para.take()) {
            (true, Some(p)) => f(p),
            (true, None) => {}
            (false, Some(p)) if blank_lines => para = Some(p.start..line.end),
            (false, Some(p)) => {
                f(p);
                para = Some(line);
            }
            (false, None) => para = Some(line),
        }
        if end == text.len() {
            break;
        }
        start = end + 1;
    }
    if let Some(p) = para {
        f(p);
    }
}

/// `range` without the whitespace at either end (empty if all whitespace).
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    if start >= end {
        start..start
    } else {
        start..end
    }
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Calls `f` with the pieces of paragraph `para` (trimmed, non-empty), each
/// at most [`MAX_PASSAGE_CHARS`] characters.
fn cut_paragraph(text: &str, para: Range<usize>, mut f: impl FnMut(Piece)) {
    let mut remaining = char_count(&text[para.clone()]);
    let mut start = para.start;
    while remaining > MAX_PASSAGE_CHARS {
        let pieces = remaining.div_ceil(MAX_PASSAGE_CHARS);
        let ideal = remaining.div_ceil(pieces);
        let cut = find_cut(&text[start..para.end], ideal);
        let piece = trim_range(text, start..start + cut.byte);
        f(Piece {
            chars: char_count(&text[piece.clone()]),
            range: piece,
        });
        let rest = &text[start + cut.byte..para.end];
        let skipped = rest.len() - rest.trim_start().len();
        remaining -= cut.chars + char_count(&rest[..skipped]);
        start += cut.byte + skipped;
    }
    if start < para.end {
        f(Piece {
            range: start..para.end,
            chars: remaining,
        });
    }
}

/// A cut position in a string, as a byte offset and the number of chars before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cut {
    byte: usize,
    chars: usize,
}

/// Characters that end a sentence.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '؟' | '۔' | '。')
}

/// Characters that may follow a sentence end before the whitespace.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '»' | '”' | '’' | '›' | ')' | ']' | '}' | '*' | '_'
    )
}

/// Combining marks a hard cut must not separate from their base letter
/// (general diacritics, Arabic harakat and Quranic marks, joiners).
fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08FF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Where to end the next piece of `s` (which is longer than
/// [`MAX_PASSAGE_CHARS`] chars and starts with a non-whitespace char), aiming
/// at `ideal` chars. Looks at most at the first `MAX_PASSAGE_CHARS + 1` chars.
/// The cut is after at least one char and at most `MAX_PASSAGE_CHARS` chars.
fn find_cut(s: &str, ideal: usize) -> Cut {
    let lowest = (ideal / 2).max(1);
    let mut best_sentence: Option<Cut> = None;
    let mut best_space: Option<Cut> = None;
    let mut hard: Option<Cut> = None;
    let closer_to_ideal = |best: &Option<Cut>, n: usize| {
        best.is_none_or(|b| n.abs_diff(ideal) < b.chars.abs_diff(ideal))
    };
    // State of the chars just before the current one.
    let mut prev_space = false;
    let mut after_terminator = false;
    for (n, (byte, c)) in s.char_indices().enumerate() {
        if n > MAX_PASSAGE_CHARS {
            break;
        }
        let space = c.is_whitespace();
        if n >= lowest {
            let cut = Cut { byte, chars: n };
            if space && !prev_space {
                if after_terminator && closer_to_ideal(&best_sentence, n) {
                    best_sentence = Some(cut);
                }
                if closer_to_ideal(&best_space, n) {
                    best_space = Some(cut);
                }
            }
            if n <= ideal && !is_combining(c) {
                hard = Some(cut);
            }
        }
        if is_terminator(c) {
            after_terminator = true;
        } else if !is_closer(c) {
            after_terminator = false;
        }
        prev_space = space;
    }
    best_sentence
        .or(best_space)
        .or(hard)
        .unwrap_or_else(|| first_char_cut(s))
}

/// The cut after the first char of `s` (a last resort that always makes progress).
fn first_char_cut(s: &str) -> Cut {
    let byte = s.chars().next().map_or(s.len(), char::len_utf8);
    Cut { byte, chars: 1 }
}

/// A trimmed, non-empty range and its length in chars.
#[derive(Debug, Clone)]
struct Piece {
    range: Range<usize>,
    chars: usize,
}

/// Merges short pieces into their neighbours and collects the passages.
struct Merger<'a> {
    text: &'a str,
    done: Vec<Piece>,
    /// A short piece waiting to be joined to the next one.
    pending: Option<Piece>,
}

impl<'a> Merger<'a> {
    fn new(text: &'a str) -> Self {
        Merger {
            text,
            done: Vec::new(),
            pending: None,
        }
    }

    /// `a` and `b` (`a` before `b`) as one piece, if it is short enough.
    fn join(&self, a: &Piece, b: &Piece) -> Option<Piece> {
        let gap = char_count(&self.text[a.range.end..b.range.start]);
        let chars = a.chars + gap + b.chars;
        (chars <= MAX_MERGED_CHARS).then_some(Piece {
            range: a.range.start..b.range.end,
            chars,
        })
    }

    fn push(&mut self, mut piece: Piece) {
        if let Some(short) = self.pending.take() {
            match self.join(&short, &piece) {
                Some(joined) => piece = joined,
                None => self.done.push(short),
            }
        }
        if piece.chars < MIN_PASSAGE_CHARS {
            self.pending = Some(piece);
        } else {
            self.done.push(piece);
        }
    }

    fn finish(mut self) -> Vec<Range<usize>> {
        if let Some(short) = self.pending.take() {
            let joined = self.done.last().and_then(|last| self.join(last, &short));
            match joined {
                Some(joined) => {
                    self.done.pop();
                    self.done.push(joined);
                }
                None => self.done.push(short),
            }
        }
        self.done.into_iter().map(|p| p.range).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passages(text: &str) -> Vec<&str> {
        split_passages(text).into_iter().map(|r| &text[r]).collect()
    }

    /// A sentence of exactly `n` chars (n >= 2), ending with a period.
    fn sentence(n: usize, letter: char) -> String {
        let mut s: String = std::iter::repeat_n(letter, n - 1).collect();
        s.push('.');
        s
    }

    #[test]
    fn paragraph_rules_table() {
        let long_a = "a".repeat(100);
        let long_b = "b".repeat(100);
        let cases: Vec<(String, Vec<String>)> = vec![
            ("".into(), vec![]),
            (" \n\t\n ".into(), vec![]),
            ("Hello".into(), vec!["Hello".into()]),
            // Blank lines separate; single newlines inside stay.
            (
                format!("{long_a}\n{long_a}\n\n{long_b}"),
                vec![format!("{long_a}\n{long_a}"), long_b.clone()],
            ),
            // Whitespace-only lines and CRLF count as blank.
            (
                format!("  {long_a}\r\n \t \r\n{long_b}  "),
                vec![long_a.clone(), long_b.clone()],
            ),
            // No blank line: single newlines separate.
            (
                format!("{long_a}\n{long_b}\n"),
                vec![long_a.clone(), long_b.clone()],
            ),
            // Leading and trailing blank lines do not switch modes.
            (
                format!("\n\n{long_a}\n{long_b}\n\n"),
                vec![long_a.clone(), long_b.clone()],
            ),
            // A short first paragraph merges into the next one.
            (
                format!("CAIRO -\n\n{long_a}"),
                vec![format!("CAIRO -\n\n{long_a}")],
            ),
            // A short last paragraph merges into the previous one.
            (
                format!("{long_a}\n\nRead also:"),
                vec![format!("{long_a}\n\nRead also:")],
            ),
            // Several short ones in a row gather into the next long one.
            (
                format!("A\n\nB\n\nC\n\n{long_b}"),
                vec![format!("A\n\nB\n\nC\n\n{long_b}")],
            ),
            // Only short paragraphs: they gather until long enough.
            (
                "one\n\ntwo\n\nthree".into(),
                vec!["one\n\ntwo\n\nthree".into()],
            ),
        ];
        for (text, want) in &cases {
            assert_eq!(passages(text), *want, "text {text:?}");
        }
    }

    #[test]
    fn paragraph_count_table() {
        let cases = [
            ("", 0),
            (" \n\t\n ", 0),
            ("Une seule ligne.", 1),
            // Blank lines separate paragraphs; single newlines then do not.
            ("Titre\nsuite\n\nDeuxième", 2),
            ("Un\n \nDeux\n\n\nTrois", 3),
            // Without any blank line, every line break separates.
            ("Un\nDeux\nTrois", 3),
            // A long paragraph cut into passages is still one paragraph.
            (&"Une phrase assez longue pour compter. ".repeat(60), 1),
        ];
        for (text, count) in cases {
            assert_eq!(paragraph_count(text), count, "{text:?}");
        }
        let long = "Une phrase assez longue pour compter. ".repeat(60);
        assert!(split_passages(&long).len() > 1);
    }

    #[test]
    fn long_paragraph_is_cut_at_sentence_ends() {
        // Three sentences of 600 chars (1,802 chars): two pieces of ~900 would be
        // ideal, but the only sentence end in reach is at 600, so three pieces.
        let sentences = [sentence(600, 'a'), sentence(600, 'b'), sentence(600, 'c')];
        let para = sentences.join(" ");
        assert_eq!(passages(&para), sentences);
    }

    #[test]
    fn sentence_end_table() {
        // Each text is 700 + separator + 700 chars: cut right after the first sentence.
        let first = "x".repeat(699);
        let second = "y".repeat(700);
        let cases: &[(&str, &str)] = &[
            (".", " "),
            ("!", "\n"),
            ("?", " "),
            ("…", " "),
            ("؟", " "),
            ("۔", " "),
            (".»", " "),
            ("?\"", " "),
            (".)", " "),
            ("!”", "  "),
        ];
        for (end, sep) in cases {
            let text = format!("{first}{end}{sep}{second}");
            let got = passages(&text);
            assert_eq!(
                got,
                vec![format!("{first}{end}"), second.clone()],
                "end {end:?}"
            );
        }
    }

    #[test]
    fn falls_back_to_whitespace_then_char_boundary() {
        // No sentence end: cut at a space.
        let words = vec!["mot"; 600].join(" ");
        let got = passages(&words);
        assert!(got.len() >= 2);
        assert!(got.iter().all(|p| !p.starts_with(' ') && !p.ends_with(' ')));
        assert!(got.iter().all(|p| p.split(' ').all(|w| w == "mot")));
        // No space at all: cut on char boundaries, evenly.
        let letters = "ب".repeat(2_500);
        let got = passages(&letters);
        assert_eq!(
            got.iter().map(|p| p.chars().count()).collect::<Vec<_>>(),
            vec![834, 833, 833]
        );
    }

    #[test]
    fn hard_cut_keeps_diacritics_with_their_letter() {
        let letters = "بَ".repeat(1_500); // letter + fatha, 3,000 chars
        for p in passages(&letters) {
            assert!(p.starts_with('ب'), "piece starts with a mark");
        }
    }

    #[test]
    fn huge_run_is_linear() {
        let text = "a".repeat(20_000_000);
        let start = std::time::Instant::now();
        let got = split_passages(&text);
        assert_eq!(got.len(), 20_000);
        assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    }
}
