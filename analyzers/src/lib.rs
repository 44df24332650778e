//! Arabic and French text analysis for [tantivy], with offsets into the
//! original text.
//!
//! This crate turns text into the terms a search index stores, for news in
//! Arabic and French first. It does no I/O and knows nothing of schemas or
//! queries: [`register`] puts its analyzers on any tantivy
//! [`TokenizerManager`], and [`analyzer`] hands out one by name.
//!
//! | name | what a word becomes |
//! | --- | --- |
//! | [`AR`] `"ar"` | Arabic: normalized, stopwords removed, light-stemmed |
//! | [`AR_EXACT`] `"ar_exact"` | Arabic: normalized only |
//! | [`FR`] `"fr"` | French: elision, folded, stopwords removed, light-stemmed |
//! | [`FR_EXACT`] `"fr_exact"` | French: elision, folded only |
//! | [`STD`] `"std"` | any language: lowercased, accents folded |
//! | [`AUTO`] `"auto"` | per word by script: Arabic → `ar`, Latin → `fr`, other → `std` |
//! | [`AUTO_EXACT`] `"auto_exact"` | the same with `ar_exact` and `fr_exact` |
//!
//! Two promises hold for every analyzer:
//!
//! - **Offsets point into the original text.** A token's
//!   `offset_from..offset_to` is the byte range of the whole word as the
//!   reader sees it: diacritics, tatweel and invisible joiners inside it, the
//!   elided article of `l’accord` (whose term is `accord`). Highlighting can
//!   wrap that range as it is.
//! - **Positions count words.** Parts of hyphenated words (`cessez-le-feu`)
//!   are consecutive tokens; a removed stopword leaves a gap, so phrase
//!   queries analyzed the same way still match.
//!
//! The language rules are public pure functions, usable without tantivy:
//! [`arabic`] (`normalize`, `is_stopword`, `stem`, `analyze`), [`french`]
//! (`strip_elision`, `normalize`, `is_stopword`, `stem`, `analyze`) and
//! [`fold`] (lowercase and accent folding). [`words`] is the segmenter that
//! finds words in the original text, [`script`] the character classes.
//! [`translate`] gives a query word's alternatives in the other language
//! (names across scripts, wordnet translations, a transliteration
//! fallback), from tables embedded in the crate (`data/README.md`).
//! Every analyzer is one [`NewsTokenizer`] that segments, normalizes,
//! removes stopwords and stems in a single pass, reusing one buffer.
//! [`PairedAnalyzer`] gives the stemmed and exact terms of a text in one
//! pass, and [`TokenListTokenizer`] indexes such terms as they are.
//!
//! ```
//! use tantivy::schema::{Schema, TextFieldIndexing, TextOptions};
//! use tantivy::tokenizer::TokenStream;
//! use tantivy::Index;
//!
//! // Use the analyzers on a tantivy index.
//! let mut schema = Schema::builder();
//! let indexing = TextFieldIndexing::default().set_tokenizer(newsearch_analyzers::AR);
//! schema.add_text_field("text_ar", TextOptions::default().set_indexing_options(indexing));
//! let index = Index::create_in_ram(schema.build());
//! newsearch_analyzers::register(index.tokenizers());
//!
//! // Or tokenize a sentence directly.
//! let text = "وصل الوفدُ إلى القاهرة، ثم إلى لإسرائيل";
//! let mut ar = newsearch_analyzers::analyzer(newsearch_analyzers::AR).unwrap();
//! let mut stream = ar.token_stream(text);
//! let mut terms = Vec::new();
//! while let Some(token) = stream.next() {
//!     terms.push((token.text.clone(), &text[token.offset_from..token.offset_to]));
//! }
//! assert_eq!(terms[1], ("وفد".to_string(), "الوفدُ"));
//! assert_eq!(terms[2], ("قاهر".to_string(), "القاهرة"));
//! assert_eq!(terms[3], ("اسراءيل".to_string(), "لإسرائيل"));
//! ```
//!
//! [tantivy]: https://docs.rs/tantivy

pub mod arabic;
pub mod fold;
pub mod french;
pub mod paired;
pub mod question;
pub mod script;
mod stopset;
pub mod token_list;
pub mod tokenizer;
pub mod translate;
pub mod words;

use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

pub use paired::{PairedAnalyzer, PairedTerms};
pub use token_list::{TokenListTokenizer, TOKEN_LIST, TOKEN_SEPARATOR};
pub use tokenizer::{Language, NewsTokenizer};

/// Name of the stemmed Arabic analyzer.
pub const AR: &str = "ar";
/// Name of the exact (normalized, unstemmed, stopwords kept) Arabic analyzer.
pub const AR_EXACT: &str = "ar_exact";
/// Name of the stemmed French analyzer.
pub const FR: &str = "fr";
/// Name of the exact French analyzer.
pub const FR_EXACT: &str = "fr_exact";
/// Name of the analyzer for any other language.
pub const STD: &str = "std";
/// Name of the analyzer that picks Arabic, French or std processing per word
/// by script, stemmed.
pub const AUTO: &str = "auto";
/// Name of the exact variant of [`AUTO`].
pub const AUTO_EXACT: &str = "auto_exact";

/// Every analyzer name of this crate.
pub const NAMES: [&str; 7] = [AR, AR_EXACT, FR, FR_EXACT, STD, AUTO, AUTO_EXACT];

/// A fresh analyzer by name (one of [`NAMES`]), or `None`.
pub fn analyzer(name: &str) -> Option<TextAnalyzer> {
    let (language, stemmed) = match name {
        AR => (Language::Arabic, true),
        AR_EXACT => (Language::Arabic, false),
        FR => (Language::French, true),
        FR_EXACT => (Language::French, false),
        STD => (Language::Std, false),
        AUTO => (Language::Auto, true),
        AUTO_EXACT => (Language::Auto, false),
        _ => return None,
    };
    Some(TextAnalyzer::from(NewsTokenizer::new(language, stemmed)))
}

/// Registers every analyzer of this crate under its name ([`NAMES`]).
pub fn register(manager: &TokenizerManager) {
    for name in NAMES {
        if let Some(analyzer) = analyzer(name) {
            manager.register(name, analyzer);
        }
    }
}
