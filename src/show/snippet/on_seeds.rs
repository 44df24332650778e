//! Snippet windows on real news text (the bundled seeds), and properties
//! that hold for any text and highlights.

use std::ops::Range;

use super::{snippet, Snippet, DEFAULT_SNIPPET_CHARS};
use proptest::prelude::*;

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let entries = std::fs::read_dir(dir).expect("seeds directory");
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(prefix) {
            return std::fs::read_to_string(entry.path()).expect("readable seed");
        }
    }
    panic!("no seed {prefix}");
}

/// Every occurrence of each word, sorted.
fn find_all(text: &str, words: &[&str]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = words
        .iter()
        .flat_map(|w| text.match_indices(w).map(|(i, _)| i..i + w.len()))
        .collect();
    out.sort_by_key(|r| (r.start, r.end));
    out
}

fn chars(text: &str, r: &Range<usize>) -> usize {
    text[r.clone()].chars().count()
}

/// The guarantees every snippet gives, whatever the input.
fn check_invariants(text: &str, highlights: &[Range<usize>], max_chars: usize, s: &Snippet) {
    let r = &s.range;
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{r:?} out of bounds"
    );
    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    // The valid highlights, without the whitespace at their edges.
    let valid: Vec<Range<usize>> = highlights
        .iter()
        .filter_map(|h| {
            let shown = text.get(h.clone())?;
            let start = h.start + shown.len() - shown.trim_start().len();
            let end = h.start + shown.trim_end().len();
            (start < end).then_some(start..end)
        })
        .collect();
    if text.chars().count() <= max_chars {
        assert_eq!(*r, 0..text.len(), "short text not whole");
    } else {
        let shown = &text[r.clone()];
        assert_eq!(shown, shown.trim(), "window not trimmed");
        assert_eq!(s.cut_before, !text[..r.start].trim().is_empty());
        assert_eq!(s.cut_after, !text[r.end..].trim().is_empty());
        if !valid.is_empty() {
            assert!(!s.highlights.is_empty(), "no highlight shown");
        }
    }
    // Highlights: exactly the valid ranges lying inside.
    let mut inside: Vec<Range<usize>> = valid
        .iter()
        .filter(|h| r.start <= h.start && h.end <= r.end)
        .cloned()
        .collect();
    inside.sort_by_key(|h| (h.start, h.end));
    assert_eq!(s.highlights, inside);
    // No highlight is cut by the window edges.
    for h in &valid {
        let cut = (h.start < r.start && r.start < h.end) || (h.start < r.end && r.end < h.end);
        assert!(!cut, "highlight {h:?} cut by window {r:?}");
    }
}

#[test]
#[allow(clippy::single_range_in_vec_init)] // lists of one highlight
fn whitespace_at_a_highlights_edges_is_not_highlighted() {
    let text = "Le cessez-le-feu tient toujours au Caire ce matin.";
    let start = text.find(" cessez").unwrap();
    let end = text.find("tient").unwrap();
    let s = snippet(text, &[start..end], 12);
    assert_eq!(s.text(text), "cessez-le-feu");
    assert_eq!(s.highlights, [start + 1..end - 1]);
    // Only whitespace: nothing to highlight.
    let s = snippet(text, &[2..3], 100);
    assert!(s.highlights.is_empty());
}

#[test]
fn french_seed_densest_window() {
    let text = seed("000");
    let hl = find_all(&text, &["Burns", "Caire"]);
    let s = snippet(&text, &hl, DEFAULT_SNIPPET_CHARS);
    check_invariants(&text, &hl, DEFAULT_SNIPPET_CHARS, &s);
    let shown = s.text(&text);
    assert!(chars(&text, &s.range) <= DEFAULT_SNIPPET_CHARS, "{shown}");
    assert!(
        shown.contains("Burns") && shown.contains("Caire"),
        "{shown}"
    );
    assert!(s.cut_before && s.cut_after);
}

#[test]
fn arabic_seed_counts_characters() {
    let text = seed("001");
    let hl = find_all(&text, &["بيرنز", "القاهرة"]);
    let s = snippet(&text, &hl, DEFAULT_SNIPPET_CHARS);
    check_invariants(&text, &hl, DEFAULT_SNIPPET_CHARS, &s);
    let shown = s.text(&text);
    let n = shown.chars().count();
    // Close to 300 characters (about 550 bytes), not 300 bytes.
    assert!(
        (250..=DEFAULT_SNIPPET_CHARS).contains(&n),
        "{n} chars: {shown}"
    );
    assert!(shown.len() > DEFAULT_SNIPPET_CHARS);
    assert!(
        shown.contains("بيرنز") && shown.contains("القاهرة"),
        "{shown}"
    );
}

#[test]
fn arabic_window_starts_at_a_sentence() {
    let text = seed("004");
    let hl = find_all(&text, &["غزة"]);
    assert!(hl.len() > 1);
    let s = snippet(&text, &hl, 300);
    check_invariants(&text, &hl, 300, &s);
    let start = s.range.start;
    let before = text[..start].trim_end();
    assert!(
        start == 0 || text[..start].ends_with('\n') || before.ends_with(['.', '؟', '!', ':', '"']),
        "{:?}",
        s.text(&text)
    );
}

#[test]
fn every_seed_every_size() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let text = seed(prefix);
        for words in [
            &["Hamas", "Israël"][..],
            &["حماس", "إسرائيل"],
            &["Kirby"],
            &["كيربي"],
            &[],
        ] {
            let hl = find_all(&text, words);
            for max_chars in [0, 1, 10, 50, 120, 300, 1000, 10_000] {
                let s = snippet(&text, &hl, max_chars);
                check_invariants(&text, &hl, max_chars, &s);
            }
        }
    }
}

/// A 50 MB passage: one linear pass, no quadratic blowup.
#[test]
fn fifty_megabytes() {
    let sentence = "Les négociations au Caire se poursuivent, a déclaré Kirby lundi. ";
    let text = sentence.repeat(50_000_000 / sentence.len());
    let hl = find_all(&text, &["Caire", "Kirby"]);
    let start = std::time::Instant::now();
    let s = snippet(&text, &hl, DEFAULT_SNIPPET_CHARS);
    let no_hl = snippet(&text, &[], DEFAULT_SNIPPET_CHARS);
    let middle = Range {
        start: 25_000_000,
        end: 25_000_001,
    };
    let giant = snippet(&"x".repeat(50_000_000), &[middle], 300);
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
    check_invariants(&text, &hl, DEFAULT_SNIPPET_CHARS, &s);
    assert!(chars(&text, &s.range) <= DEFAULT_SNIPPET_CHARS);
    assert_eq!(no_hl.range.start, 0);
    assert_eq!(giant.highlights.len(), 1);
}

/// Text of short words (Latin, Arabic with diacritics, emoji) joined by
/// assorted whitespace and punctuation.
fn words_text() -> impl Strategy<Value = (String, Vec<Range<usize>>)> {
    let word = prop::sample::select(vec![
        "Caire",
        "négociations",
        "l’accord",
        "Burns,",
        "القاهرة",
        "بِالْقَاهِرَةِ",
        "حماس.",
        "🇫🇷",
        "a",
        "cessez-le-feu",
        "«",
        "»",
        "x",
    ]);
    let sep = prop::sample::select(vec![" ", "  ", "\n\n", "\u{A0}", ". ", " ؟ ", "\t"]);
    prop::collection::vec((word, sep, any::<bool>(), any::<bool>()), 0..120).prop_map(|parts| {
        let mut text = String::new();
        let mut highlights = Vec::new();
        let mut phrase_start = None;
        let mut last_word_end = 0;
        for (word, sep, marked, phrase) in parts {
            let start = text.len();
            text.push_str(word);
            if marked && phrase {
                // Marked words in a row make one phrase range.
                phrase_start.get_or_insert(start);
            } else if let Some(p) = phrase_start.take() {
                highlights.push(p..last_word_end);
            }
            last_word_end = text.len();
            if marked && !phrase {
                highlights.push(start..text.len());
            }
            text.push_str(sep);
        }
        highlights.retain(|h| h.start < h.end && text.get(h.start..h.end).is_some());
        (text, highlights)
    })
}

proptest! {
    #[test]
    fn word_aligned_highlights((text, hl) in words_text(), max_chars in 0usize..400) {
        let s = snippet(&text, &hl, max_chars);
        check_invariants(&text, &hl, max_chars, &s);
        let longest_hl = hl.iter().map(|h| chars(&text, h)).max().unwrap_or(0);
        let longest_word = text.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
        let n = chars(&text, &s.range);
        prop_assert!(
            n <= max_chars.max(longest_hl) + longest_word,
            "{} chars > {} (+ {} + {})", n, max_chars, longest_hl, longest_word
        );
    }

    #[test]
    fn arbitrary_text_and_ranges(
        text in any::<String>(),
        ranges in prop::collection::vec((0usize..200, 0usize..40), 0..10),
        max_chars in 0usize..100,
    ) {
        let hl: Vec<Range<usize>> = ranges.into_iter().map(|(s, len)| s..s + len).collect();
        let s = snippet(&text, &hl, max_chars);
        check_invariants(&text, &hl, max_chars, &s);
    }
}
