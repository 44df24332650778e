//! Shared helpers for the integration tests.

#![allow(dead_code)]

use tantivy::tokenizer::TokenStream;

/// One token as the tests look at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub text: String,
    pub from: usize,
    pub to: usize,
    pub position: usize,
}

/// Every token of `text` under the analyzer `name`.
pub fn tokens(name: &str, text: &str) -> Vec<Tok> {
    let mut analyzer = newsearch_analyzers::analyzer(name).expect("known analyzer");
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(Tok {
            text: t.text.clone(),
            from: t.offset_from,
            to: t.offset_to,
            position: t.position,
        });
    }
    out
}

/// The terms of `text` under the analyzer `name`.
pub fn terms(name: &str, text: &str) -> Vec<String> {
    tokens(name, text).into_iter().map(|t| t.text).collect()
}

/// Checks that `text` is one term under `name` and returns it.
pub fn single(name: &str, text: &str) -> String {
    let t = terms(name, text);
    assert_eq!(t.len(), 1, "{name}: {text:?} gave {t:?}");
    t[0].clone()
}

/// Checks the invariants every token stream must keep: offsets on char
/// boundaries, in order, non-overlapping, non-empty terms, increasing
/// positions.
pub fn check_stream(name: &str, text: &str) -> usize {
    let toks = tokens(name, text);
    let mut last_to = 0;
    let mut last_pos: Option<usize> = None;
    for t in &toks {
        assert!(t.from < t.to, "{name}: empty range {t:?}");
        assert!(t.from >= last_to, "{name}: out of order {t:?}");
        assert!(text.get(t.from..t.to).is_some(), "{name}: bad slice {t:?}");
        assert!(!t.text.is_empty(), "{name}: empty term {t:?}");
        if let Some(p) = last_pos {
            assert!(t.position > p, "{name}: positions {t:?}");
        }
        last_pos = Some(t.position);
        last_to = t.to;
    }
    toks.len()
}

/// Checks that [`PairedAnalyzer`](newsearch_analyzers::PairedAnalyzer) gives
/// exactly the tokens of the exact and stemmed analyzers of each language.
pub fn check_paired(text: &str) {
    use newsearch_analyzers::{Language, PairedAnalyzer};
    use newsearch_analyzers::{AR, AR_EXACT, AUTO, AUTO_EXACT, FR, FR_EXACT, STD};
    let pairs = [
        (Language::Arabic, AR_EXACT, AR),
        (Language::French, FR_EXACT, FR),
        (Language::Std, STD, STD),
        (Language::Auto, AUTO_EXACT, AUTO),
    ];
    for (language, exact_name, stemmed_name) in pairs {
        let (mut exact, mut stemmed) = (Vec::new(), Vec::new());
        PairedAnalyzer::new(language).analyze(text, |t| {
            for (term, list) in [(t.exact, &mut exact), (t.stemmed, &mut stemmed)] {
                if let Some(term) = term {
                    list.push(Tok {
                        text: term.to_string(),
                        from: t.from,
                        to: t.to,
                        position: t.position,
                    });
                }
            }
        });
        assert!(exact == tokens(exact_name, text), "{exact_name}: {text:?}");
        assert!(
            stemmed == tokens(stemmed_name, text),
            "{stemmed_name}: {text:?}"
        );
    }
}
