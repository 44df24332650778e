//! Highlighting with the real Arabic and French analyzers, through the
//! search itself: a highlight wraps the whole original word (elided
//! article, Arabic prefixes, diacritics, tatweel), never half a word, never
//! a lone ال.

use newsearch::{Article, Hit, Lang, SearchOptions};

use crate::common;

/// The hits of `query` on one article of `text` written in `lang`.
fn hits(lang: Lang, query: &str, text: &str) -> Vec<Hit> {
    let index = common::index_of([Article {
        id: "a".into(),
        text: text.into(),
        lang: Some(lang),
        ..Article::default()
    }]);
    match index.search(query, &SearchOptions::default()) {
        Ok(hits) => hits,
        Err(newsearch::Error::NoSearchableWords(_)) => Vec::new(),
        Err(err) => panic!("{query:?}: {err}"),
    }
}

/// The highlighted words of the passages of every hit, in order.
fn highlighted(hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .flat_map(|hit| &hit.passages)
        .flat_map(|passage| {
            passage
                .highlights
                .iter()
                .map(|range| passage.text[range.clone()].to_owned())
        })
        .collect()
}

fn shown(lang: Lang, query: &str, text: &str) -> Vec<String> {
    highlighted(&hits(lang, query, text))
}

#[test]
fn french_cases() {
    let cases: &[(&str, &str, &[&str])] = &[
        // The elided article is part of the highlighted word.
        (
            "accord",
            "Il signe l’accord et l'accord.",
            &["l’accord", "l'accord"],
        ),
        // Stemming: the query's form need not be the text's.
        (
            "négociation",
            "pour négocier, les négociations",
            &["négocier", "négociations"],
        ),
        ("Caire", "au Caire, le CAIRE", &["Caire", "CAIRE"]),
        // Accent folding.
        ("egypte", "en Égypte", &["Égypte"]),
        // A phrase is one range, and only where it occurs whole.
        (
            "\"cessez-le-feu\"",
            "le feu, cessez! un cessez-le-feu permanent",
            &["cessez-le-feu"],
        ),
        (
            "\"Maison Blanche\"",
            "la Maison Blanche et la maison",
            &["Maison Blanche"],
        ),
        // A phrase and a word: the stemmed and exact terms merge.
        (
            "\"cessez-le-feu\" Caire",
            "un cessez-le-feu au Caire",
            &["cessez-le-feu", "Caire"],
        ),
    ];
    for (query, text, expected) in cases {
        assert_eq!(
            shown(Lang::Fr, query, text),
            *expected,
            "{query:?} in {text:?}"
        );
    }
}

#[test]
fn arabic_cases() {
    let cases: &[(&str, &str, &[&str])] = &[
        // Prefixes and the article stay inside the highlight.
        (
            "القاهرة",
            "وصل إلى القاهرة ثم بالقاهرة",
            &["القاهرة", "بالقاهرة"],
        ),
        // Diacritics in the query or in the text.
        ("الْقَاهِرَة", "في القاهرة", &["القاهرة"]),
        ("القاهرة", "في القَاهِرَةِ اليوم", &["القَاهِرَةِ"]),
        // Alef variants.
        ("اسرائيل", "بين إسرائيل وحماس", &["إسرائيل"]),
        // Tatweel.
        ("القاهرة", "في القاهـــرة", &["القاهـــرة"]),
        ("بيرنز", "وليام بيرنز والمبعوث", &["بيرنز"]),
        // A phrase.
        (
            "«وقف إطلاق النار»",
            "وقف القتال، وقف إطلاق النار في غزة",
            &["وقف إطلاق النار"],
        ),
        // Stems: the query's singular finds the text's plural.
        (
            "القاهرة محادثة",
            "موجودان حاليا في القاهرة لإجراء محادثات",
            &["القاهرة", "محادثات"],
        ),
    ];
    for (query, text, expected) in cases {
        assert_eq!(
            shown(Lang::Ar, query, text),
            *expected,
            "{query:?} in {text:?}"
        );
    }
}

/// An excluded word leaves its article out, rather than unhighlighted.
#[test]
fn an_excluded_word_leaves_the_article_out() {
    assert!(hits(Lang::Fr, "Burns -Kirby", "Kirby et Burns").is_empty());
    assert_eq!(shown(Lang::Fr, "Burns -Kirby", "Burns au Caire"), ["Burns"]);
}

/// Every highlight on the seeds covers whole whitespace-delimited words
/// (punctuation aside) and lies on char boundaries.
#[test]
fn seeds_highlight_whole_words() {
    let index = common::seed_index();
    let queries = [
        "Burns Caire négociation \"cessez-le-feu\"",
        "بيرنز القاهرة اسرائيل حماس",
    ];
    let options = SearchOptions::default().all_passages(true).limit(100);
    let mut checked = 0;
    for query in queries {
        for hit in index.search(query, &options).unwrap() {
            for passage in &hit.passages {
                let text = &passage.text;
                for r in &passage.highlights {
                    let word = &text[r.clone()];
                    let before = text[..r.start].chars().next_back();
                    let after = text[r.end..].chars().next();
                    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                    assert!(
                        edge(before) && edge(after),
                        "{query}: partial word {word:?}"
                    );
                    assert_ne!(word, "ال", "{query}: a lone article");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 10, "only {checked} highlights on the seeds");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Any text, any query, either language: sorted, disjoint, non-empty
    /// ranges on char boundaries.
    #[test]
    fn ranges_are_well_formed(
        text in "[a-zé’' \\-.«»اأإلقهرةَُِّـ\u{00A0}0-9٣]{1,200}",
        query in "[a-zé’' \\-\"«»اأإلقهرةَُِّـ+]{0,30}",
        lang in proptest::sample::select(vec![Lang::Ar, Lang::Fr]),
    ) {
        for hit in hits(lang, &query, &text) {
            for passage in &hit.passages {
                let ranges = &passage.highlights;
                for pair in ranges.windows(2) {
                    proptest::prop_assert!(pair[0].end < pair[1].start, "{:?}", ranges);
                }
                for r in ranges {
                    proptest::prop_assert!(
                        r.start < r.end && passage.text.get(r.clone()).is_some(),
                        "{:?}",
                        r
                    );
                }
            }
        }
    }
}
