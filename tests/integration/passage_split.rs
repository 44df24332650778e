//! Passage splitting: properties on arbitrary text, and the bundled seeds.

use newsearch::text::passage::{
    split_passages, MAX_MERGED_CHARS, MAX_PASSAGE_CHARS, MIN_PASSAGE_CHARS,
};
use proptest::prelude::*;
use std::ops::Range;

/// Checks every promise of `split_passages` on `text`.
fn check_invariants(text: &str, ranges: &[Range<usize>]) {
    let mut covered_to = 0;
    for r in ranges {
        assert!(r.start < r.end, "empty range {r:?}");
        assert!(r.start >= covered_to, "overlap or disorder at {r:?}");
        assert!(r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let p = &text[r.clone()];
        assert_eq!(p.trim(), p, "untrimmed passage {p:?}");
        assert!(
            p.chars().count() <= MAX_MERGED_CHARS,
            "passage of {} chars",
            p.chars().count()
        );
        // Nothing but whitespace between passages.
        assert!(
            text[covered_to..r.start].chars().all(char::is_whitespace),
            "uncovered text before {r:?}"
        );
        covered_to = r.end;
    }
    assert!(
        text[covered_to..].chars().all(char::is_whitespace),
        "uncovered text at the end"
    );
}

/// Text made of words, sentence ends, newlines, blank lines and long runs.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zé]{1,12}",
        2 => "[\u{0621}-\u{064A}\u{064B}-\u{0652}]{1,10}",
        3 => Just(" ".to_string()),
        1 => prop::sample::select(vec![". ", "! ", "? ", "… ", "؟ ", ".» ", "\n", "\n\n", "\r\n", " \n \n", "\t", "\u{a0}", "\u{2029}"]).prop_map(str::to_string),
        1 => "[a-z]{50,1500}",
    ];
    prop::collection::vec(piece, 0..300).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn invariants_on_arbitrary_strings(text in any::<String>()) {
        check_invariants(&text, &split_passages(&text));
    }

    #[test]
    fn invariants_on_text_like_input(text in texty()) {
        check_invariants(&text, &split_passages(&text));
    }
}

#[test]
fn paragraphs_in_range_stay_whole() {
    // Paragraphs between the two limits are passages as they are.
    let paras: Vec<String> = [MIN_PASSAGE_CHARS, 300, MAX_PASSAGE_CHARS]
        .iter()
        .map(|&n| "é".repeat(n))
        .collect();
    let text = paras.join("\n\n");
    let got: Vec<&str> = split_passages(&text)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(got, paras);
}

#[test]
fn pathological_inputs_are_fast_and_valid() {
    let cases: Vec<(&str, String)> = vec![
        ("5 MB without spaces", "x".repeat(5_000_000)),
        ("newlines only", "\n".repeat(1_000_000)),
        ("one letter per line", "a\n".repeat(500_000)),
        ("blank-line separated letters", "a\n\n".repeat(300_000)),
        ("dots without spaces", ".".repeat(1_000_000)),
        ("spaces between letters", "a ".repeat(1_000_000)),
        ("sentence ends only", ". ".repeat(500_000)),
        ("combining marks only", "\u{064E}".repeat(100_000)),
    ];
    for (name, text) in &cases {
        let start = std::time::Instant::now();
        let ranges = split_passages(text);
        check_invariants(text, &ranges);
        assert!(
            start.elapsed().as_secs() < 30,
            "{name}: {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn seeds_give_several_passages_each() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds/ exists")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("seed is UTF-8");
        let ranges = split_passages(&text);
        check_invariants(&text, &ranges);
        assert!(
            ranges.len() >= 3,
            "{}: {} passages",
            file.display(),
            ranges.len()
        );
        for r in &ranges {
            let n = text[r.clone()].chars().count();
            assert!(
                n >= MIN_PASSAGE_CHARS || ranges.len() == 1,
                "{}: short passage {:?}",
                file.display(),
                &text[r.clone()]
            );
        }
    }
}
