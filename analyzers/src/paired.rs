//! The exact and the stemmed terms of a text in one pass.
//!
//! An index that keeps both an exact and a stemmed field of the same text
//! would otherwise segment and normalize it twice. [`PairedAnalyzer`] runs
//! the segmentation and normalization once per word and stems a copy of the
//! normalized form, giving exactly the terms and positions of the exact and
//! the stemmed [`NewsTokenizer`](crate::NewsTokenizer) of the same language.

use crate::arabic;
use crate::french;
use crate::script::{script_of, Script};
use crate::tokenizer::{analyze_word, Language, Outcome, MAX_TERM_BYTES};
use crate::words::Words;

/// What one word of the text gives in both analyzers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairedTerms<'a> {
    /// Byte range of the original word.
    pub from: usize,
    /// End of that range.
    pub to: usize,
    /// The word's position, the same in both analyzers: stopwords and
    /// over-long words take one without a term, as in the token streams.
    pub position: usize,
    /// The exact analyzer's term, if the word has one.
    pub exact: Option<&'a str>,
    /// The stemmed analyzer's term: `None` for stopwords and over-long terms.
    pub stemmed: Option<&'a str>,
}

/// Exact and stemmed analysis of one [`Language`] in one pass.
///
/// ```
/// use newsearch_analyzers::{Language, PairedAnalyzer};
/// let mut analyzer = PairedAnalyzer::new(Language::French);
/// let mut terms = Vec::new();
/// analyzer.analyze("Les négociations", |t| {
///     terms.push((t.position, t.exact.map(str::to_string), t.stemmed.map(str::to_string)))
/// });
/// assert_eq!(terms, [
///     (0, Some("les".into()), None),
///     (1, Some("negociations".into()), Some("negoci".into())),
/// ]);
/// ```
#[derive(Debug, Clone)]
pub struct PairedAnalyzer {
    language: Language,
    exact: String,
    stemmed: String,
}

impl PairedAnalyzer {
    /// A paired analyzer for `language`, matching the exact and stemmed
    /// [`NewsTokenizer`](crate::NewsTokenizer)s of that language.
    pub fn new(language: Language) -> PairedAnalyzer {
        PairedAnalyzer {
            language,
            exact: String::new(),
            stemmed: String::new(),
        }
    }

    /// Calls `each` for every word of `text` that takes a position, in order.
    pub fn analyze(&mut self, text: &str, mut each: impl FnMut(PairedTerms<'_>)) {
        let mut position = 0;
        for (from, to) in Words::new(text) {
            let word = &text[from..to];
            if analyze_word(word, self.language, false, &mut self.exact) == Outcome::Empty {
                continue;
            }
            let stemmed = stem_exact(word, self.language, &self.exact, &mut self.stemmed);
            each(PairedTerms {
                from,
                to,
                position,
                exact: Some(self.exact.as_str()).filter(|t| t.len() <= MAX_TERM_BYTES),
                stemmed: (stemmed == Outcome::Term)
                    .then_some(self.stemmed.as_str())
                    .filter(|t| t.len() <= MAX_TERM_BYTES),
            });
            position += 1;
        }
    }
}

/// Writes into `out` the stemmed analyzer's term for `word`, whose exact
/// term is `exact`: the stemmed analyzers normalize as the exact ones do,
/// then drop stopwords and stem.
fn stem_exact(word: &str, language: Language, exact: &str, out: &mut String) -> Outcome {
    out.clear();
    out.push_str(exact);
    match (language, script_of(word)) {
        (Language::Arabic | Language::Auto, Script::Arabic) => arabic::stem_normalized(word, out),
        (Language::French | Language::Auto, Script::Latin) => french::stem_normalized(out),
        // Std, other scripts, and Arabic words in French text: folded or
        // normalized only, the same term in both analyzers.
        _ => Outcome::Term,
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{TextAnalyzer, TokenStream};

    use super::*;
    use crate::NewsTokenizer;

    fn stream(language: Language, stemmed: bool, text: &str) -> Vec<(usize, usize, String)> {
        let mut analyzer = TextAnalyzer::from(NewsTokenizer::new(language, stemmed));
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(t) = stream.next() {
            tokens.push((t.position, t.offset_from, t.text.clone()));
        }
        tokens
    }

    /// The paired terms are exactly the tokens of the two tokenizers.
    #[test]
    fn same_terms_and_positions_as_the_tokenizers() {
        let long = "x".repeat(MAX_TERM_BYTES + 1);
        let texts = [
            "Les négociations reprennent au Caire, a dit l’envoyé de l'ONU.".to_string(),
            "قال المبعوث إن المفاوضات في القَاهِرَة لإسرائيل وللفلسطينيين رسميًا".to_string(),
            "cessez-le-feu 38\u{202F}193 morts ـ مفاوضـــات Москва 東京 ٢٠٢٤".to_string(),
            format!("avant {long} après {long}s et après"),
            String::new(),
        ];
        let languages = [
            Language::Arabic,
            Language::French,
            Language::Std,
            Language::Auto,
        ];
        for text in &texts {
            for language in languages {
                let mut exact = Vec::new();
                let mut stemmed = Vec::new();
                PairedAnalyzer::new(language).analyze(text, |t| {
                    if let Some(term) = t.exact {
                        exact.push((t.position, t.from, term.to_string()));
                    }
                    if let Some(term) = t.stemmed {
                        stemmed.push((t.position, t.from, term.to_string()));
                    }
                });
                assert_eq!(exact, stream(language, false, text), "{language:?} {text}");
                assert_eq!(stemmed, stream(language, true, text), "{language:?} {text}");
            }
        }
    }
}
