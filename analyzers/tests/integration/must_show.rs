//! The behaviours issue 2 asks to show, one test each.

use crate::common;

use common::{single, terms, tokens, Tok};
use newsearch_analyzers::{AR, AR_EXACT, AUTO, FR, FR_EXACT, NAMES, STD};

/// All words of `set` give one and the same term under `name`.
fn same_term(name: &str, set: &[&str]) {
    let first = single(name, set[0]);
    for w in &set[1..] {
        assert_eq!(single(name, w), first, "{name}: {w} vs {}", set[0]);
    }
}

#[test]
fn arabic_equivalence_sets() {
    same_term(AR, &["إسرائيل", "اسرائيل", "لإسرائيل", "وإسرائيل"]);
    same_term(AR, &["القَاهِرَة", "القاهرة", "بالقاهرة", "والقاهرة"]);
    same_term(AR, &["المفاوضات", "مفاوضات"]);
    same_term(AR, &["ﻻعب", "لاعب"]);
    // ﻻ alone is the negation لا, a stopword in `ar`; kept in `ar_exact`.
    same_term(AR_EXACT, &["ﻻ", "لا"]);
    assert!(terms(AR, "ﻻ").is_empty());
    // Exact forms: normalized but not stemmed.
    same_term(AR_EXACT, &["القَاهِرَة", "القاهرة", "القاهره", "القاهـــرة"]);
    assert_ne!(single(AR_EXACT, "القاهرة"), single(AR_EXACT, "بالقاهرة"));
}

#[test]
fn french_equivalence_sets() {
    same_term(
        FR,
        &["l’accord", "l'accord", "accord", "lʼaccord", "L’Accord"],
    );
    same_term(FR, &["Israël", "Israel", "d’Israël"]);
    same_term(FR, &["négociations", "négociation"]);
    same_term(FR, &["américains", "américaine", "américain"]);
    same_term(FR_EXACT, &["l’accord", "l'accord", "accord"]);
    assert_eq!(single(FR, "aujourd'hui"), "aujourd'hui");
    assert_eq!(single(FR, "aujourd’hui"), "aujourd'hui");
    assert_eq!(single(FR_EXACT, "Aujourd’hui"), "aujourd'hui");
}

fn tok(text: &str, from: usize, to: usize, position: usize) -> Tok {
    Tok {
        text: text.to_string(),
        from,
        to,
        position,
    }
}

#[test]
fn offsets_cover_the_original_arabic_word() {
    // Diacritics, tatweel and ZWNJ are inside the token's range.
    let text = "في القَاهِرَة و مفاوضـــات غز\u{200C}ة";
    let toks = tokens(AR, text);
    let words: Vec<&str> = toks.iter().map(|t| &text[t.from..t.to]).collect();
    assert_eq!(words, ["القَاهِرَة", "مفاوضـــات", "غز\u{200C}ة"]);
    // Stopwords leave position gaps: في at 0, و at 2.
    let positions: Vec<usize> = toks.iter().map(|t| t.position).collect();
    assert_eq!(positions, [1, 3, 4]);
    // Never a lone article: the article stays inside its word.
    let text = "والقاهرة";
    assert_eq!(tokens(AR, text), [tok("قاهر", 0, text.len(), 0)]);
    // Bidi marks around a word are outside its range and its term.
    let text = "\u{200F}غزة\u{200F}";
    let toks = tokens(AR_EXACT, text);
    assert_eq!(&text[toks[0].from..toks[0].to], "غزة");
    assert_eq!(toks[0].text, "غزه");
}

#[test]
fn offsets_cover_the_elided_article() {
    let text = "Selon l’accord, qu’il signe";
    let toks = tokens(FR_EXACT, text);
    assert_eq!(toks[1], tok("accord", 6, 6 + "l’accord".len(), 1));
    assert_eq!(&text[toks[2].from..toks[2].to], "qu’il");
    assert_eq!(toks[2].text, "il");
}

#[test]
fn hyphenated_words_give_consecutive_parts() {
    let toks = tokens(FR_EXACT, "cessez-le-feu au Moyen-Orient, a-t-il dit");
    let got: Vec<(&str, usize)> = toks.iter().map(|t| (t.text.as_str(), t.position)).collect();
    assert_eq!(
        got,
        [
            ("cessez", 0),
            ("le", 1),
            ("feu", 2),
            ("au", 3),
            ("moyen", 4),
            ("orient", 5),
            ("a", 6),
            ("t", 7),
            ("il", 8),
            ("dit", 9)
        ]
    );
    // Moyen-Orient and Moyen Orient give the same terms at the same distance.
    let a: Vec<(String, usize)> = tokens(FR, "Moyen-Orient")
        .into_iter()
        .map(|t| (t.text, t.position))
        .collect();
    let b: Vec<(String, usize)> = tokens(FR, "Moyen Orient")
        .into_iter()
        .map(|t| (t.text, t.position))
        .collect();
    assert_eq!(a, b);
    // The stopword le leaves a gap in `fr`, so distances are kept.
    let got: Vec<usize> = tokens(FR, "cessez-le-feu")
        .iter()
        .map(|t| t.position)
        .collect();
    assert_eq!(got, [0, 2]);
}

#[test]
fn stopwords_are_removed_only_when_stemming() {
    assert_eq!(terms(FR, "le chat et la souris"), ["chat", "souri"]);
    assert_eq!(
        terms(FR_EXACT, "le chat et la souris"),
        ["le", "chat", "et", "la", "souris"]
    );
    assert_eq!(terms(AR, "ذهب إلى القاهرة"), ["ذهب", "قاهر"]);
    assert_eq!(terms(AR, "ذهب الى القاهرة"), ["ذهب", "قاهر"]);
    assert_eq!(
        terms(AR_EXACT, "ذهب إلى القاهرة"),
        ["ذهب", "الي", "القاهره"]
    );
}

#[test]
fn latin_inside_arabic_is_folded_not_stemmed() {
    assert_eq!(
        terms(AR, "أعلنت CIA أن Hamás في 2024 و٢٠٢٤"),
        ["اعلنت", "cia", "hamas", "2024", "2024"]
    );
    // A word like "plans" would lose its -s under French stemming; not here.
    assert_eq!(terms(AR, "plans الخطط"), ["plans", "خطط"]);
}

#[test]
fn numbers_with_no_break_spaces_are_one_token() {
    let text = "38\u{202F}193 morts et 1\u{A0}200 blessés";
    let toks = tokens(FR, text);
    assert_eq!(toks[0], tok("38193", 0, "38\u{202F}193".len(), 0));
    assert_eq!(toks[2].text, "1200");
    assert_eq!(&text[toks[2].from..toks[2].to], "1\u{A0}200");
}

#[test]
fn auto_picks_processing_per_word_by_script() {
    assert_eq!(
        terms(AUTO, "Les négociations المفاوضات Москва"),
        ["negoci", "مفاوض", "москва"]
    );
    assert_eq!(terms(STD, "Les Négociations"), ["les", "negociations"]);
}

#[test]
fn every_name_is_registered() {
    let manager = tantivy::tokenizer::TokenizerManager::default();
    newsearch_analyzers::register(&manager);
    for name in NAMES {
        assert!(manager.get(name).is_some(), "{name}");
    }
    assert!(newsearch_analyzers::analyzer("xx").is_none());
}
