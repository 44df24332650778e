//! Property tests: no input makes an analyzer panic or break its offsets,
//! and normalization is idempotent.

use crate::common;

use common::check_stream;
use newsearch_analyzers::translate::transliterate::{distance, skeleton};
use newsearch_analyzers::translate::{alternatives, translate};
use newsearch_analyzers::{arabic, fold, french, NAMES};
use proptest::prelude::*;

/// Characters that exercise the rules: Arabic letters, hamza forms, marks,
/// tatweel, presentation forms, digits, French letters, apostrophes,
/// hyphens, no-break spaces, invisible controls, punctuation.
const ALPHABET: &[char] = &[
    'ا', 'أ', 'إ', 'آ', 'ٱ', 'ء', 'ؤ', 'ئ', 'ب', 'ت', 'ة', 'ه', 'و', 'ي', 'ى', 'ل', 'م', 'ن', 'ک',
    'ی', '\u{064B}', '\u{064E}', '\u{0651}', '\u{0652}', '\u{0654}', '\u{0670}', '\u{06D6}',
    '\u{0640}', 'ﻻ', 'ﷲ', 'ﺍ', 'ﷺ', '٠', '٣', '۹', '،', '؛', '؟', '«', '»', '٪', '٫', 'a', 'e',
    'l', 'q', 'u', 's', 'x', 'L', 'É', 'é', 'è', 'ç', 'œ', 'Æ', 'ï', '\u{0301}', '\'', '’', 'ʼ',
    '-', ' ', '\u{A0}', '\u{202F}', '\u{2009}', '\u{200C}', '\u{200D}', '\u{200F}', '\u{202B}',
    '\u{2067}', '\u{FEFF}', '\u{00AD}', '1', '2', '3', '0', '.', ',', '東', 'İ', 'ß', 'ﬁ', '\n',
];

fn mixed_string() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..40)
        .prop_map(|chars| chars.into_iter().collect())
}

fn check(text: &str) {
    for name in NAMES {
        check_stream(name, text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_keeps_offsets_valid(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn mixed_alphabet_keeps_offsets_valid(text in mixed_string()) {
        check(&text);
    }

    #[test]
    fn normalization_is_idempotent(text in prop_oneof![any::<String>(), mixed_string()]) {
        let ar = arabic::normalize(&text);
        prop_assert_eq!(arabic::normalize(&ar), ar.clone());
        let fr = french::normalize(&text);
        // Folding is idempotent; elision may apply again to what was left
        // after an elision (qu’l’a), so compare folding alone.
        prop_assert_eq!(fold::fold(&fr), fr.clone());
        let f = fold::fold(&text);
        prop_assert_eq!(fold::fold(&f), f.clone());
    }

    #[test]
    fn pipelines_never_panic(text in prop_oneof![any::<String>(), mixed_string()]) {
        let _ = arabic::analyze(&text);
        let _ = french::analyze(&text);
        let _ = arabic::stem(&arabic::normalize(&text));
        let _ = french::stem(&french::normalize(&text));
    }

    #[test]
    fn translation_never_panics(
        words in prop::collection::vec(prop_oneof![any::<String>(), mixed_string()], 0..6)
    ) {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut end = 0;
        for found in translate(&words) {
            // Spans are in order, inside the query, and never empty.
            prop_assert!(found.words.start >= end && found.words.end <= words.len());
            prop_assert!(found.words.start < found.words.end && !found.alternatives.is_empty());
            end = found.words.end;
        }
        for word in &words {
            let _ = alternatives(word);
            let _ = skeleton(word);
            let _ = distance(word, "كيربي");
            let _ = distance("Kirby", word);
        }
    }
}
