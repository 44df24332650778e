//! Highlighting with the real Arabic and French analyzers: a highlight wraps
//! the whole original word (elided article, Arabic prefixes, diacritics,
//! tatweel), never half a word, never a lone ال.

use newsearch::highlight::{highlight, merge_ranges, HighlightTerms};
use newsearch::query::parse;
use newsearch_analyzers::{analyzer, AR, AR_EXACT, FR, FR_EXACT};
use tantivy::tokenizer::TextAnalyzer;

fn get(name: &str) -> TextAnalyzer {
    analyzer(name).unwrap_or_else(|| panic!("no analyzer {name}"))
}

/// The highlighted words of `text` for `query`, through one analyzer.
fn shown(name: &str, query: &str, text: &str) -> Vec<String> {
    let mut analyzer = get(name);
    let terms = HighlightTerms::from_query(&parse(query), &mut analyzer);
    highlight(text, &mut analyzer, &terms)
        .into_iter()
        .map(|r| text[r].to_owned())
        .collect()
}

/// The same, through a stemmed and an exact analyzer, merged as the search
/// does for a passage.
fn shown_both(stemmed: &str, exact: &str, query: &str, text: &str) -> Vec<String> {
    let ranges = [stemmed, exact].into_iter().flat_map(|name| {
        let mut analyzer = get(name);
        let terms = HighlightTerms::from_query(&parse(query), &mut analyzer);
        highlight(text, &mut analyzer, &terms)
    });
    merge_ranges(ranges)
        .into_iter()
        .map(|r| text[r].to_owned())
        .collect()
}

#[test]
fn french_cases() {
    let cases: &[(&str, &str, &str, &[&str])] = &[
        // The elided article is part of the highlighted word.
        (
            FR,
            "accord",
            "Il signe l’accord et l'accord.",
            &["l’accord", "l'accord"],
        ),
        (FR_EXACT, "accord", "Il signe l’accord.", &["l’accord"]),
        // Stemming: the query's form need not be the text's.
        (
            FR,
            "négociation",
            "pour négocier, les négociations",
            &["négocier", "négociations"],
        ),
        (FR, "Caire", "au Caire, le CAIRE", &["Caire", "CAIRE"]),
        // Accent folding.
        (FR, "egypte", "en Égypte", &["Égypte"]),
        // A phrase is one range, and only where it occurs whole.
        (
            FR_EXACT,
            "\"cessez-le-feu\"",
            "le feu, cessez! un cessez-le-feu permanent",
            &["cessez-le-feu"],
        ),
        (
            FR_EXACT,
            "\"Maison Blanche\"",
            "la Maison Blanche et la maison",
            &["Maison Blanche"],
        ),
        // Excluded words are not highlighted.
        (FR, "Burns -Kirby", "Kirby et Burns", &["Burns"]),
    ];
    for (name, query, text, expected) in cases {
        assert_eq!(
            shown(name, query, text),
            *expected,
            "{name} {query:?} in {text:?}"
        );
    }
}

#[test]
fn arabic_cases() {
    let cases: &[(&str, &str, &str, &[&str])] = &[
        // Prefixes and the article stay inside the highlight.
        (
            AR,
            "القاهرة",
            "وصل إلى القاهرة ثم بالقاهرة",
            &["القاهرة", "بالقاهرة"],
        ),
        // Diacritics in the query or in the text.
        (AR, "الْقَاهِرَة", "في القاهرة", &["القاهرة"]),
        (AR, "القاهرة", "في القَاهِرَةِ اليوم", &["القَاهِرَةِ"]),
        // Alef variants.
        (AR, "اسرائيل", "بين إسرائيل وحماس", &["إسرائيل"]),
        (AR_EXACT, "اسرائيل", "بين إسرائيل وحماس", &["إسرائيل"]),
        // Tatweel.
        (AR, "القاهرة", "في القاهـــرة", &["القاهـــرة"]),
        (AR, "بيرنز", "وليام بيرنز والمبعوث", &["بيرنز"]),
        // A phrase.
        (
            AR_EXACT,
            "«وقف إطلاق النار»",
            "وقف القتال، وقف إطلاق النار في غزة",
            &["وقف إطلاق النار"],
        ),
    ];
    for (name, query, text, expected) in cases {
        assert_eq!(
            shown(name, query, text),
            *expected,
            "{name} {query:?} in {text:?}"
        );
    }
}

#[test]
fn stemmed_and_exact_merge() {
    let text = "un cessez-le-feu au Caire";
    let got = shown_both(FR, FR_EXACT, "\"cessez-le-feu\" Caire", text);
    assert_eq!(got, ["cessez-le-feu", "Caire"]);
    let text = "موجودان حاليا في القاهرة لإجراء محادثات";
    assert_eq!(
        shown_both(AR, AR_EXACT, "القاهرة محادثة", text),
        ["القاهرة", "محادثات"]
    );
}

/// Every highlight on the seeds covers whole whitespace-delimited words
/// (punctuation aside) and lies on char boundaries.
#[test]
fn seeds_highlight_whole_words() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let queries = [
        "Burns Caire négociation \"cessez-le-feu\"",
        "بيرنز القاهرة اسرائيل حماس",
    ];
    for entry in std::fs::read_dir(dir).expect("seeds").flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("seed text");
        for name in [AR, AR_EXACT, FR, FR_EXACT] {
            for query in queries {
                let mut analyzer = get(name);
                let terms = HighlightTerms::from_query(&parse(query), &mut analyzer);
                for r in highlight(&text, &mut analyzer, &terms) {
                    let word = &text[r.clone()];
                    let before = text[..r.start].chars().next_back();
                    let after = text[r.end..].chars().next();
                    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                    assert!(edge(before) && edge(after), "{name}: partial word {word:?}");
                    assert_ne!(word, "ال", "{name}: a lone article");
                }
            }
        }
    }
}

proptest::proptest! {
    /// Any text, any query, any analyzer: sorted, disjoint, non-empty ranges
    /// on char boundaries.
    #[test]
    fn ranges_are_well_formed(
        text in "[a-zé’' \\-.«»اأإلقهرةَُِّـ\u{00A0}0-9٣]{0,200}",
        query in "[a-zé’' \\-\"«»اأإلقهرةَُِّـ+]{0,30}",
        name in proptest::sample::select(vec![AR, AR_EXACT, FR, FR_EXACT]),
    ) {
        let mut analyzer = get(name);
        let terms = HighlightTerms::from_query(&parse(&query), &mut analyzer);
        let ranges = highlight(&text, &mut analyzer, &terms);
        for pair in ranges.windows(2) {
            proptest::prop_assert!(pair[0].end < pair[1].start, "{:?}", ranges);
        }
        for r in &ranges {
            proptest::prop_assert!(r.start < r.end && text.get(r.clone()).is_some(), "{:?}", r);
        }
    }
}
