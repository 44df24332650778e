//! Cutting a passage to a window around its matches.
//!
//! [`snippet`] picks the part of a long passage worth showing: about
//! `max_chars` characters (characters, not bytes: an Arabic letter is two
//! bytes) around the densest cluster of highlights, cut at word boundaries,
//! starting at a sentence start when one is near. It replaces tantivy's
//! `SnippetGenerator`, whose `max_num_chars` counts bytes.

use std::collections::HashMap;
use std::ops::Range;

/// The default window size, in characters.
pub const DEFAULT_SNIPPET_CHARS: usize = 300;

/// The window of a passage to show, with the highlights that fall inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// Byte range of the passage to show; on char boundaries.
    pub range: Range<usize>,
    /// Text was left out before `range` (print `…` before it).
    pub cut_before: bool,
    /// Text was left out after `range` (print `…` after it).
    pub cut_after: bool,
    /// The input highlights lying wholly inside `range`, sorted, as byte
    /// ranges into the passage (not into the window).
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The shown part of `passage` (the text this snippet was computed on).
    #[cfg(test)]
    pub fn text<'a>(&self, passage: &'a str) -> &'a str {
        passage.get(self.range.clone()).unwrap_or("")
    }
}

/// Picks the window of `text` to show around `highlights`.
///
/// - A text of at most `max_chars` characters is returned whole.
/// - Otherwise the window holds the most distinct highlighted words (then the
///   most highlights; ties go to the earliest) that fit in `max_chars`
///   characters, with the rest of the budget split around them, or spent
///   from a sentence start when one is near before them.
/// - Words are never cut (a single word longer than the window is the only
///   exception) and highlights are never cut: a highlight longer than
///   `max_chars`, or one starting or ending inside a word, widens the window.
/// - No highlights: the start of the text.
///
/// Invalid highlights (empty, reversed, out of bounds, not on char
/// boundaries) are ignored, and whitespace at a highlight's edges is not
/// highlighted (so the window never has to start or end on it). Runs in
/// time linear in the text length.
pub fn snippet(text: &str, highlights: &[Range<usize>], max_chars: usize) -> Snippet {
    let mut valid: Vec<Range<usize>> = highlights.iter().filter_map(|r| trimmed(text, r)).collect();
    valid.sort_by_key(|r| (r.start, r.end));

    if text.char_indices().nth(max_chars).is_none() {
        let range = 0..text.len();
        return Snippet {
            range,
            cut_before: false,
            cut_after: false,
            highlights: valid,
        };
    }

    let merged = merge_overlapping(&valid);
    let range = match densest_cluster(text, &merged, max_chars) {
        Some(cluster) => window_around(text, &merged, cluster, max_chars),
        None => {
            let start = text.len() - text.trim_start_matches(is_space).len();
            let end = end_of_window(text, start, start, max_chars);
            start..end
        }
    };
    let cut_before = text[..range.start].chars().any(|c| !is_space(c));
    let cut_after = text[range.end..].chars().any(|c| !is_space(c));
    valid.retain(|r| range.start <= r.start && r.end <= range.end);
    Snippet {
        range,
        cut_before,
        cut_after,
        highlights: valid,
    }
}

/// A highlight without the whitespace at its edges; `None` if it is
/// invalid or nothing is left.
fn trimmed(text: &str, r: &Range<usize>) -> Option<Range<usize>> {
    let highlighted = text.get(r.clone())?;
    let start = r.start + (highlighted.len() - highlighted.trim_start_matches(is_space).len());
    let end = r.start + highlighted.trim_end_matches(is_space).len();
    (start < end).then_some(start..end)
}

/// Word boundaries are whitespace (the analyzers keep punctuation out of
/// highlights, so `Caire,` is one word here, with `Caire` highlighted).
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Merges overlapping ranges of a sorted list (touching ones stay apart).
fn merge_overlapping(sorted: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r.clone()),
        }
    }
    merged
}

/// The byte span from the first to the last highlight of the best group of
/// consecutive highlights fitting in `max_chars` characters; `None` if there
/// are no highlights. A two-pointer sweep: linear.
fn densest_cluster(text: &str, merged: &[Range<usize>], max_chars: usize) -> Option<Range<usize>> {
    // Character positions of each highlight, counted in one pass.
    let mut chars = 0;
    let mut at = 0;
    let char_spans: Vec<(usize, usize)> = merged
        .iter()
        .map(|r| {
            chars += text[at..r.start].chars().count();
            let start = chars;
            chars += text[r.clone()].chars().count();
            at = r.end;
            (start, chars)
        })
        .collect();

    // Distinct words: the same word highlighted three times counts once.
    let mut ids: HashMap<String, usize> = HashMap::new();
    let keys: Vec<usize> = merged
        .iter()
        .map(|r| {
            let next = ids.len();
            *ids.entry(text[r.clone()].to_lowercase()).or_insert(next)
        })
        .collect();

    let mut counts = vec![0usize; ids.len()];
    let mut distinct = 0;
    let mut best: Option<((usize, usize), usize, usize)> = None;
    let mut j = 0;
    for i in 0..merged.len() {
        // The first highlight always belongs to its own window, even if too long.
        while j < merged.len() && (j == i || char_spans[j].1 - char_spans[i].0 <= max_chars) {
            counts[keys[j]] += 1;
            distinct += usize::from(counts[keys[j]] == 1);
            j += 1;
        }
        let score = (distinct, j - i);
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, i, j));
        }
        counts[keys[i]] -= 1;
        distinct -= usize::from(counts[keys[i]] == 0);
    }
    best.map(|(_, i, j)| merged[i].start..merged[j - 1].end)
}

/// The window around the cluster `cs..ce` of highlights.
fn window_around(
    text: &str,
    merged: &[Range<usize>],
    cluster: Range<usize>,
    max_chars: usize,
) -> Range<usize> {
    let (cs, ce) = (cluster.start, cluster.end);
    let spare = max_chars.saturating_sub(text[cs..ce].chars().count());
    let (_, after_avail) = walk_forward(text, ce, spare);
    let (_, before_avail) = walk_back(text, cs, spare);
    // Half the spare budget before, more if the text ends soon after.
    let before = (spare / 2).max(spare - after_avail).min(before_avail);
    let near = (spare * 3 / 4).max(before).min(before_avail);

    let mut start = match sentence_start_before(text, cs, near) {
        Some(p) => p,
        None => {
            let b = walk_back(text, cs, before).0;
            if is_boundary(text, b) {
                b
            } else {
                match text[b..cs].find(is_space) {
                    Some(i) => b + i,
                    None => word_start(text, b, max_chars),
                }
            }
        }
    };
    start = skip_spaces(text, start, cs);
    // Never start inside a highlight (a phrase spans spaces): skip past it.
    while let Some(h) = containing(merged, start) {
        start = next_word_start(text, h.end, cs);
    }

    let mut end = end_of_window(text, start, ce, max_chars);
    while let Some(h) = containing(merged, end) {
        end = prev_word_end(text, h.start, ce);
    }
    start..end
}

/// The end of a window starting at `start` and reaching at least `floor`:
/// `max_chars` characters on, pulled back to the end of a word.
fn end_of_window(text: &str, start: usize, floor: usize, max_chars: usize) -> usize {
    let target = walk_forward(text, start, max_chars).0.max(floor);
    let end = if is_boundary(text, target) {
        target
    } else {
        match text[floor..target].rfind(is_space) {
            Some(i) => floor + i,
            None => word_end(text, target, max_chars),
        }
    };
    trim_spaces_back(text, end, floor.max(start))
}

/// Moves `n` characters forward from `pos` (fewer at the end of the text);
/// returns the byte position reached and the characters walked.
fn walk_forward(text: &str, pos: usize, n: usize) -> (usize, usize) {
    text[pos..]
        .chars()
        .take(n)
        .fold((pos, 0), |(p, k), c| (p + c.len_utf8(), k + 1))
}

/// Moves `n` characters back from `pos` (fewer at the start of the text).
fn walk_back(text: &str, pos: usize, n: usize) -> (usize, usize) {
    text[..pos]
        .chars()
        .rev()
        .take(n)
        .fold((pos, 0), |(p, k), c| (p - c.len_utf8(), k + 1))
}

/// Whether a cut at `pos` leaves every word whole.
fn is_boundary(text: &str, pos: usize) -> bool {
    text[..pos].chars().next_back().is_none_or(is_space)
        || text[pos..].chars().next().is_none_or(is_space)
}

/// The start of the word containing `pos`, looking back at most `limit`
/// characters; `pos` itself if the word is longer than that.
fn word_start(text: &str, pos: usize, limit: usize) -> usize {
    let mut p = pos;
    for c in text[..pos].chars().rev().take(limit) {
        if is_space(c) {
            return p;
        }
        p -= c.len_utf8();
    }
    if p == 0 {
        0
    } else {
        pos
    }
}

/// The end of the word containing `pos`, looking on at most `limit`
/// characters; `pos` itself if the word is longer than that.
fn word_end(text: &str, pos: usize, limit: usize) -> usize {
    let mut p = pos;
    for c in text[pos..].chars().take(limit) {
        if is_space(c) {
            return p;
        }
        p += c.len_utf8();
    }
    if p == text.len() {
        p
    } else {
        pos
    }
}

/// `pos` moved forward over whitespace, not beyond `limit`.
fn skip_spaces(text: &str, pos: usize, limit: usize) -> usize {
    let rest = &text[pos..limit];
    pos + (rest.len() - rest.trim_start_matches(is_space).len())
}

/// `pos` moved back over whitespace, not below `floor`.
fn trim_spaces_back(text: &str, pos: usize, floor: usize) -> usize {
    floor + text[floor..pos].trim_end_matches(is_space).len()
}

/// The start of the first word after the one containing `from`, or `limit`.
fn next_word_start(text: &str, from: usize, limit: usize) -> usize {
    match text[from..limit].find(is_space) {
        Some(i) => skip_spaces(text, from + i, limit),
        None => limit,
    }
}

/// The end of the last word before the one containing `from`, or `floor`.
fn prev_word_end(text: &str, from: usize, floor: usize) -> usize {
    match text[floor..from].rfind(is_space) {
        Some(i) => trim_spaces_back(text, floor + i, floor),
        None => floor,
    }
}

/// The merged highlight strictly containing byte position `pos`, if any.
fn containing(merged: &[Range<usize>], pos: usize) -> Option<&Range<usize>> {
    let i = merged.partition_point(|r| r.start < pos);
    merged[..i].last().filter(|r| r.end > pos)
}

/// Characters ending a sentence, and those that may follow the end
/// (closing quotes and brackets) before the space.
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '؟', '…', '。', '\n'];
const CLOSERS: &[char] = &['"', '\'', '»', '”', '’', ')', ']'];

/// The nearest sentence start at most `limit` characters before `pos` (or at
/// `pos`): the text start, or a word after a newline or after a sentence end.
fn sentence_start_before(text: &str, pos: usize, limit: usize) -> Option<usize> {
    // The chars before `pos` (plus a few for look-behind), then the one at it.
    let mut chars: Vec<(usize, char)> = text[..pos].char_indices().rev().take(limit + 8).collect();
    chars.reverse();
    chars.extend(text[pos..].char_indices().next().map(|(i, c)| (pos + i, c)));
    let from = chars.len().saturating_sub(limit + 1);
    (from..chars.len())
        .rev()
        .find(|&k| {
            let (p, c) = chars[k];
            if is_space(c) {
                return false;
            }
            if p == 0 {
                return true;
            }
            let mut m = k;
            let mut spaced = false;
            while m > 0 && is_space(chars[m - 1].1) {
                m -= 1;
                spaced = true;
                if chars[m].1 == '\n' {
                    return true;
                }
            }
            if m == 0 {
                return spaced && chars[0].0 == 0;
            }
            if !spaced {
                return false;
            }
            while m > 0 && CLOSERS.contains(&chars[m - 1].1) {
                m -= 1;
            }
            m > 0 && SENTENCE_ENDS.contains(&chars[m - 1].1)
        })
        .map(|k| chars[k].0)
}

#[cfg(test)]
// Single-range highlight lists and a reversed range are what these tests feed.
#[allow(clippy::single_range_in_vec_init, clippy::reversed_empty_ranges)]
mod tests {
    use super::*;

    /// Highlights every occurrence of each word in `words`.
    fn find_all(text: &str, words: &[&str]) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = words
            .iter()
            .flat_map(|w| text.match_indices(w).map(|(i, _)| i..i + w.len()))
            .collect();
        out.sort_by_key(|r| r.start);
        out
    }

    #[test]
    fn short_text_is_whole() {
        let s = snippet("  Burns au Caire ", &[2..7], 300);
        assert_eq!(
            s,
            Snippet {
                range: 0..17,
                cut_before: false,
                cut_after: false,
                highlights: vec![2..7]
            }
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        // 200 Arabic letters = 400 bytes: fits in 300 characters.
        let text = "قال ".repeat(50);
        assert_eq!(snippet(&text, &[], 300).range, 0..text.len());
        let s = snippet(&text, &[], 100);
        assert!(s.text(&text).chars().count() <= 100);
        assert!(s.cut_after && !s.cut_before);
        assert!(s.text(&text).ends_with("قال"));
    }

    #[test]
    fn no_highlights_shows_the_start() {
        let text = "  Premier mot. Deuxième phrase ici, et encore une phrase assez longue.";
        let s = snippet(text, &[], 20);
        assert_eq!(s.text(text), "Premier mot.");
        assert!(!s.cut_before && s.cut_after);
    }

    #[test]
    fn prefers_distinct_words_over_repeats() {
        let filler = "mot ".repeat(40);
        let text = format!("Caire Caire Caire {filler} Burns Caire {filler}");
        let hl = find_all(&text, &["Caire", "Burns"]);
        let s = snippet(&text, &hl, 40);
        assert!(s.text(&text).contains("Burns Caire"), "{:?}", s.text(&text));
        assert_eq!(s.highlights.len(), 2);
    }

    #[test]
    fn ties_go_to_the_earliest() {
        let filler = "mot ".repeat(40);
        let text = format!("{filler}Caire {filler}Caire {filler}");
        let hl = find_all(&text, &["Caire"]);
        let s = snippet(&text, &hl, 30);
        assert_eq!(s.highlights, [hl[0].clone()]);
    }

    #[test]
    fn starts_at_a_near_sentence_start() {
        let text = "Une longue introduction qui ne sert à rien du tout ici. Kirby a dit que Burns était au Caire hier soir avec McGurk pour les négociations finales.";
        let hl = find_all(text, &["Burns"]);
        let s = snippet(text, &hl, 60);
        assert!(s.text(text).starts_with("Kirby"), "{:?}", s.text(text));
        assert!(s.cut_before && s.cut_after);
    }

    #[test]
    fn never_cuts_a_phrase_highlight() {
        let text = format!(
            "{}cessez le feu permanent {}",
            "a ".repeat(30),
            "b ".repeat(30)
        );
        let start = text.find("cessez").unwrap_or(0);
        let phrase = start..start + "cessez le feu".len();
        let word = text.find('b').unwrap_or(0);
        // The window would end inside the second phrase: it stops before it.
        let s = snippet(&text, &[word..word + 1, phrase.clone()], 4);
        assert_eq!(s.highlights, [phrase]);
    }

    #[test]
    fn a_highlight_longer_than_the_window_is_whole() {
        let text = format!("début {} fin de texte", "x".repeat(50));
        let x = "début ".len();
        let s = snippet(&text, &[x..x + 50], 10);
        assert_eq!(s.range, x..x + 50);
        assert_eq!(s.highlights, [x..x + 50]);
    }

    #[test]
    fn ignores_invalid_highlights() {
        let text = "القاهرة ".repeat(100);
        let s = snippet(&text, &[1..3, 5..2, 0..100_000, 0..0], 50);
        assert!(s.highlights.is_empty());
        assert_eq!(s.range.start, 0);
    }

    #[test]
    fn one_giant_word() {
        let text = "x".repeat(1000);
        let s = snippet(&text, &[], 10);
        assert_eq!(s.range, 0..10);
        assert!(s.cut_after);
        let s = snippet(&text, &[500..501], 10);
        assert!(s.range.contains(&500));
        assert_eq!(s.highlights, [500..501]);
    }

    #[test]
    fn all_whitespace() {
        let text = " ".repeat(500);
        let s = snippet(&text, &[], 10);
        assert!(s.range.is_empty());
        assert!(!s.cut_before && !s.cut_after);
    }

    /// A window around one highlight, cut at both ends.
    #[test]
    fn window_around_burns() {
        let text = "Le Hamas a révoqué ses demandes. Kirby a déclaré lundi que Burns \
                    était au Caire pour négocier un cessez-le-feu entre Israël et le Hamas.";
        let burns = text.find("Burns").unwrap();
        let s = snippet(text, &[burns..burns + 5], 60);
        assert_eq!(
            s.text(text),
            "Kirby a déclaré lundi que Burns était au Caire pour négocier"
        );
        assert!(s.cut_before && s.cut_after);
        assert_eq!(s.highlights, [burns..burns + 5]);
    }
}

#[cfg(test)]
mod on_seeds;
