//! No query string breaks a search: a property test over
//! `newsearch::Index::search` on a real index of the seeds (built once),
//! with arbitrary, very long, punctuation-only, operator-only, mixed-script
//! and emoji queries. Each search returns hits or "no searchable words",
//! and every highlight and window slices its passage on char boundaries.

use crate::common;

use std::sync::OnceLock;

use newsearch::{Day, Error, Hit, Index, SearchOptions};
use proptest::prelude::*;

/// The seeds' index, built once by the binary in a folder kept for the run.
fn seeds_index() -> &'static Index {
    static INDEX: OnceLock<(tempfile::TempDir, Index)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = common::with_seeds();
            common::ok(dir.path(), &["index", "seeds"]);
            let index = Index::open(&dir.path().join("index")).unwrap();
            (dir, index)
        })
        .1
}

/// Runs `query` with and without `--passages`, and with a date filter;
/// checks the guarantees; returns the hits of the plain search.
fn check(query: &str) -> Option<Vec<Hit>> {
    let index = seeds_index();
    let mut plain = None;
    for options in [
        SearchOptions::default(),
        SearchOptions::default().all_passages(true).limit(50),
        SearchOptions::default()
            .since("2000-01-01".parse::<Day>().unwrap())
            .until("2099-12-31".parse::<Day>().unwrap()),
    ] {
        match index.search(query, &options) {
            Ok(hits) => {
                for hit in &hits {
                    for passage in &hit.passages {
                        let text = &passage.text;
                        for range in passage.highlights.iter().chain([&passage.window]) {
                            assert!(
                                text.get(range.clone()).is_some(),
                                "range {range:?} does not slice a {}-byte passage, query {query:?}",
                                text.len()
                            );
                        }
                        assert!(
                            passage
                                .highlights
                                .windows(2)
                                .all(|w| w[0].end <= w[1].start),
                            "highlights unsorted or overlapping: {:?}",
                            passage.highlights
                        );
                    }
                }
                if plain.is_none() {
                    plain = Some(hits);
                }
            }
            Err(Error::NoSearchableWords(_)) => {}
            // The seeds have no dates: a date range says so.
            Err(Error::InvalidOption(message))
                if options.since.is_some()
                    && message.contains("no article in the index has a date") => {}
            // Over 4 KB, 64 words or a phrase of 32: refused, never run.
            Err(Error::QueryTooLong(_)) => {}
            Err(other) => panic!("query {query:?}: unexpected error {other}"),
        }
    }
    plain
}

/// Operators, every quote, Unicode spaces and joiners, Arabic with
/// diacritics and tatweel, accented Latin, seed words, emoji, punctuation.
const ALPHABET: &[&str] = &[
    "+",
    "-",
    "\"",
    "«",
    "»",
    "“",
    "”",
    " ",
    "\t",
    "\n",
    "\u{A0}",
    "\u{200B}",
    "\u{200D}",
    "\u{200F}",
    "a",
    "é",
    "Z",
    "3",
    "٣",
    "ا",
    "ل",
    "ق",
    "َ",
    "ّ",
    "ـ",
    "؟",
    "😀",
    "🇫🇷",
    "👩‍👩‍👧",
    ".",
    ",",
    "'",
    "’",
    "(",
    "*",
    ":",
    "\\",
    "\0",
    "Caire",
    "Burns",
    "القاهرة",
    "بيرنز",
    "cessez-le-feu",
    "l’",
    "d'",
    "le",
    "في",
    "的",
    "Ж",
    "\u{FFFD}",
];

fn tricky(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..max_pieces)
        .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(query in any::<String>()) {
        check(&query);
    }

    #[test]
    fn tricky_strings(query in tricky(60)) {
        check(&query);
    }

    #[test]
    fn only_punctuation(query in "[[:punct:]…«»“”؟،؛]{1,200}") {
        prop_assert!(check(&query).is_none_or(|hits| hits.is_empty()));
    }

    #[test]
    fn only_operators(query in "[-+\"«» ]{0,200}") {
        prop_assert!(check(&query).is_none_or(|hits| hits.is_empty()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// 10,000-character queries, mixed words and operators.
    #[test]
    fn ten_thousand_characters(query in tricky(3_000).prop_map(|q| q.chars().take(10_000).collect::<String>())) {
        check(&query);
    }
}

#[test]
fn fixed_hard_cases() {
    let long_word = "ق".repeat(10_000);
    let long_phrase = format!("\"{}\"", "Caire ".repeat(2_000));
    let many_words = "Burns القاهرة ".repeat(800);
    let cases = [
        "",
        " ",
        "\"",
        "\"\"",
        "+",
        "-",
        "-Caire",
        "+-+-",
        "😀😀😀",
        "\u{200B}\u{200D}\u{FEFF}",
        "ـــــ",
        "َُِّْ",
        long_word.as_str(),
        long_phrase.as_str(),
        many_words.as_str(),
        "Caire\0Burns",
        "«Burns» «القاهرة",
    ];
    for query in cases {
        check(query);
    }
    // A real word still finds its article among the noise.
    let hits = check("😀 +Caire «").expect("hits for Caire");
    assert!(
        hits[0].article_id.starts_with("000"),
        "{:?}",
        hits[0].article_id
    );
}

#[test]
fn out_of_range_options_are_errors_not_panics() {
    let index = seeds_index();
    let zero = SearchOptions::default().limit(0);
    assert!(matches!(
        index.search("Caire", &zero),
        Err(Error::InvalidOption(_))
    ));
    let huge = SearchOptions::default().limit(usize::MAX);
    assert!(!index.search("Caire", &huge).unwrap().is_empty());
    for date in [
        "2024-13-40",
        "yesterday",
        "",
        "2024-02-30",
        "٢٠٢٤-٠١-٠١",
        "9999999999",
    ] {
        assert!(
            matches!(date.parse::<newsearch::Day>(), Err(Error::InvalidOption(_))),
            "{date:?}"
        );
    }
}

#[test]
fn cli_limits_and_dates_out_of_range_are_usage_errors() {
    // `--limit 0` and bad dates are covered in cli_query.rs; these are the
    // limit beyond the allowed range and dates that are not even ASCII.
    let dir = common::with_seeds();
    common::ok(dir.path(), &["index", "seeds"]);
    for args in [
        &["query", "--limit", "100000000", "Caire"][..],
        &["query", "--limit", "-1", "Caire"],
        &["query", "--limit", "99999999999999999999999", "Caire"],
        &["query", "--since", "٢٠٢٤-٠١-٠١", "Caire"],
        &["query", "--until", "2024-02-30", "Caire"],
    ] {
        let output = common::run(dir.path(), args);
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("error:"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn queries_over_the_limits_are_refused_with_a_clear_error() {
    let dir = seeds_dir();
    let pasted = "x ".repeat(20_000);
    let many = vec!["Caire"; 65].join(" ");
    let phrase = format!("\"{}\"", vec!["Caire"; 33].join(" "));
    for (query, says) in [
        (pasted.as_str(), "40000 bytes, over the limit of 4096"),
        (many.as_str(), "65 words, over the limit of 64"),
        (
            phrase.as_str(),
            "a phrase of 33 words, over the limit of 32",
        ),
    ] {
        let output = common::run(dir, &["query", query]);
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{err}");
        assert!(
            err.contains("the query is too long") && err.contains(says),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let at_limit = vec!["Caire"; 64].join(" ");
    assert!(common::ok(dir, &["query", &at_limit]).contains("Caire"));
}

/// A batch with a line of 100,000 words: the line is skipped (never held
/// whole), the other topics run.
#[test]
fn a_topics_file_with_a_huge_line_skips_it_and_runs_the_rest() {
    let dir = seeds_dir();
    let file = tempfile::NamedTempFile::new().unwrap();
    let huge = "x ".repeat(100_000);
    let long = vec!["Caire"; 65].join(" ");
    std::fs::write(file.path(), format!("q1\t{huge}\nq2\tCaire\nq3\t{long}\n")).unwrap();
    let topics = file.path().to_str().unwrap();
    let output = common::run(dir, &["query", "--topics", topics, "--format", "trec"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains(":1: line over the length limit of a query; line skipped"),
        "{err}"
    );
    assert!(
        err.contains("topic q3: the query is too long (65 words"),
        "{err}"
    );
    let run = String::from_utf8_lossy(&output.stdout);
    assert!(
        run.lines().count() > 0 && run.lines().all(|l| l.starts_with("q2 Q0 ")),
        "{run}"
    );
}

/// A folder holding an index of the seeds, built once.
fn seeds_dir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = common::with_seeds();
        common::ok(dir.path(), &["index", "seeds"]);
        dir
    })
    .path()
}
