//! Property tests for the query parser: no input makes it panic, and every
//! clause it returns is a usable, non-empty piece of the input.

use newsearch::query::{parse, ClauseKind, ParsedQuery};
use proptest::prelude::*;

/// Checks the parser's guarantees on one input.
fn check(input: &str) -> ParsedQuery {
    let q = parse(input);
    for clause in &q.clauses {
        let text = clause.text();
        assert!(!text.is_empty(), "empty clause for {input:?}");
        assert!(
            input.contains(text),
            "{text:?} is not a substring of {input:?}"
        );
        assert_eq!(text, text.trim(), "untrimmed clause for {input:?}");
        if let ClauseKind::Word(word) = &clause.kind {
            assert!(
                !word.contains(char::is_whitespace),
                "word with a space: {word:?}"
            );
            assert!(!word.starts_with(['+', '-']), "operator left on {word:?}");
        }
    }
    q
}

/// Characters that exercise every branch: operators, every quote, Unicode
/// spaces, Arabic with diacritics, accented Latin, emoji, punctuation.
const ALPHABET: &[char] = &[
    '+', '-', '"', '«', '»', '“', '”', '„', ' ', '\t', '\n', '\u{A0}', '\u{202F}', '\u{200B}', 'a',
    'é', 'Z', '3', 'ا', 'ل', 'ق', 'َ', 'ّ', 'ـ', '؟', '😀', '🇫', '\u{200D}', '.', ',', '\'', '’',
    '(', '*', ':', '\\', '\0',
];

fn tricky_string(max_len: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..max_len)
        .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn arbitrary_strings(input in any::<String>()) {
        check(&input);
    }

    #[test]
    fn tricky_strings(input in tricky_string(200)) {
        check(&input);
    }

    #[test]
    fn long_strings(input in tricky_string(10_000)) {
        check(&input);
    }

    #[test]
    fn only_operators_and_quotes(input in "[-+\"«»“” ]{0,300}") {
        for clause in check(&input).clauses {
            // Only quotes can end up in a clause (a phrase of quote characters,
            // or a word made of them).
            prop_assert!(clause.text().chars().all(|c| "\"«»“”+- ".contains(c)));
        }
    }

    #[test]
    fn only_punctuation(input in "[[:punct:]]{1,300}") {
        check(&input);
    }

    /// Plain words separated by spaces come back one clause each, in order.
    #[test]
    fn plain_words_round_trip(words in prop::collection::vec("[a-zé\u{0627}-\u{064A}]{1,8}", 0..20)) {
        let input = words.join(" ");
        let q = check(&input);
        let texts: Vec<&str> = q.clauses.iter().map(|c| c.text()).collect();
        prop_assert_eq!(texts, words.iter().map(String::as_str).collect::<Vec<_>>());
    }
}

/// Adversarial megabyte inputs finish quickly (the parser is linear).
#[test]
fn linear_time_on_pathological_inputs() {
    let cases = [
        "\"".repeat(1 << 20),
        "« ".repeat(1 << 19),
        "+-".repeat(1 << 19),
        "- ".repeat(1 << 19),
        "a".repeat(1 << 20),
        format!("\"{}", "x ".repeat(1 << 19)),
    ];
    let start = std::time::Instant::now();
    for input in &cases {
        check(input);
    }
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}
