//! Cross-language alternatives of query words: a French (or any
//! Latin-script) word's Arabic counterparts and the reverse, from tables
//! shipped in the crate (`analyzers/data/README.md`: sources, licences,
//! rebuild command).
//!
//! | module | what | kind |
//! | --- | --- | --- |
//! | [`names`] | spellings of names in the other script (Burns → برنز, القاهرة → Caire) | [`Source::Name`] |
//! | [`lexicon`] | translations of words (négociation → مفاوضة) | [`Source::Lexicon`] |
//! | [`transliterate`] | consonant skeletons for names the tables lack | [`Source::Fallback`] (computed by the search side) |
//! | [`keys`] | how words become table keys (shared by the builder and the lookups) | |
//!
//! Everything is a pure function over the embedded tables, each opened once
//! per process on first use, in constant time.
//!
//! An [`Alternative`] is a **surface string in the other language**, as a
//! writer would spell it (no diacritics): analyze it with the target
//! language's analyzers (`ar`/`ar_exact` for Arabic, `fr`/`fr_exact` for
//! French) exactly as document text is. It may hold several words
//! (`Le Caire`, `مؤتمر قمة`): search those as a phrase, or as their words.
//!
//! How a search uses them:
//!
//! 1. [`translate`] the query's words; each [`Translation`] covers a span of
//!    words and lists its alternatives. Analyze each alternative with the
//!    target language's analyzers and search its terms as one group with the
//!    span's own terms (the alternatives share one document frequency), a
//!    multiword alternative as a phrase.
//! 2. Weigh by [`Alternative::source`] and [`Alternative::rank`]: names
//!    above lexicon translations, the first translation above the others,
//!    [`Alternative::ambiguous`] ones lower. Alternatives whose terms the
//!    index does not hold cost nothing and can be dropped.
//! 3. For a query word with no translation and [`transliterate::is_name_like`],
//!    propose the other language's vocabulary words with the same
//!    [`transliterate::skeleton`] at [`transliterate::distance`] at most
//!    [`transliterate::MAX_DISTANCE`], the closest one only, at a low weight
//!    ([`Source::Fallback`]). For a name the tables know, the vocabulary
//!    words sharing the skeleton of the query word or of one of its
//!    alternatives, within [`transliterate::MAX_VARIANT_DISTANCE`], are
//!    further spellings of it (`Burns` → the seeds' `بيرنز`). Skeletons of
//!    the vocabulary are computed once per index.
//!
//! ```
//! use newsearch_analyzers::translate::{translate, Source};
//!
//! let query = ["Burns", "au", "Caire"];
//! let found = translate(&query);
//! assert_eq!(found[0].words, 0..1);
//! assert!(found[0].alternatives.iter().any(|a| a.text == "برنز"));
//! assert_eq!(found[1].words, 2..3);
//! assert_eq!(found[1].alternatives[0].text, "القاهرة");
//! assert_eq!(found[1].alternatives[0].source, Source::Name);
//! ```

pub mod keys;
pub mod lexicon;
pub mod names;
#[doc(hidden)]
pub mod table;
pub mod transliterate;

use std::ops::Range;

/// Where an alternative comes from, so the search side can weigh it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// The name tables: a spelling of the same name (strong evidence).
    Name,
    /// The wordnet lexicon: one of a word's translations (senses vary).
    Lexicon,
    /// The skeleton fallback: a vocabulary word that may be the same name
    /// (weak evidence; the search side produces these with
    /// [`transliterate::skeleton`]).
    Fallback,
}

/// One alternative of a query word or phrase in the other language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alternative {
    /// The other language's surface form: analyze it with that language's
    /// analyzer. May hold several words.
    pub text: &'static str,
    /// Which table it comes from.
    pub source: Source,
    /// Its rank among the alternatives of its source, best first (0).
    pub rank: usize,
    /// The query word is also a common word of its language (a name table
    /// entry such as `Sale` or `أمل`): weigh it lower.
    pub ambiguous: bool,
}

/// The alternatives found for a span of query words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// Which query words (indexes into the slice given to [`translate`]).
    pub words: Range<usize>,
    /// Name spellings, or lexicon translations, or both for a name that is
    /// also a common word (names first); each best first, without repeats.
    pub alternatives: Vec<Alternative>,
}

/// Longest phrase, in words, looked up as one.
pub const MAX_PHRASE_WORDS: usize = 4;

/// The alternatives of one word or phrase: its [`names`] spellings or,
/// when it is no name (or a name that is also a common word), its
/// [`lexicon`] translations, without repeats.
///
/// ```
/// use newsearch_analyzers::translate::{alternatives, Source};
/// let found = alternatives("كيربي");
/// assert_eq!((found[0].text, found[0].source), ("Kirby", Source::Name));
/// ```
pub fn alternatives(phrase: &str) -> Vec<Alternative> {
    let mut found = names::name_alternatives(phrase);
    // A name is not translated as a word too (Paris is not a bet, pari),
    // unless it is also a common word.
    if found.iter().any(|a| !a.ambiguous) {
        return found;
    }
    for alternative in lexicon::word_alternatives(phrase) {
        let key = keys::name_key(alternative.text);
        if !found.iter().any(|f| keys::name_key(f.text) == key) {
            found.push(alternative);
        }
    }
    found
}

/// The alternatives of a query, as its words (as typed, in order): from
/// left to right, the longest span of up to [`MAX_PHRASE_WORDS`] words
/// with an entry wins (`Abu Dhabi`, `Émirats arabes unis`, `أبو ظبي`), then
/// the search resumes after it. Words in no span have no entry. A span
/// never starts or ends on a stopword of its own (`au Caire` is found as
/// `Caire`).
pub fn translate(words: &[&str]) -> Vec<Translation> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let longest = (1..=MAX_PHRASE_WORDS.min(words.len() - start))
            .rev()
            .filter(|&len| is_content(words[start]) && is_content(words[start + len - 1]))
            .find_map(|len| {
                let found = alternatives(&words[start..start + len].join(" "));
                (!found.is_empty()).then_some((len, found))
            });
        match longest {
            Some((len, alternatives)) => {
                out.push(Translation {
                    words: start..start + len,
                    alternatives,
                });
                start += len;
            }
            None => start += 1,
        }
    }
    out
}

/// A word that is not a stopword of its language.
fn is_content(word: &str) -> bool {
    keys::lexicon_key(word).is_some()
}

/// The number of keys of each shipped table, by file name (each table is
/// opened here if it was not yet).
pub fn table_sizes() -> [(&'static str, usize); 4] {
    [
        ("names-latin-arabic", names::latin_arabic().len()),
        ("names-arabic-latin", names::arabic_latin().len()),
        ("lexicon-fr-ar", lexicon::fr_ar().len()),
        ("lexicon-ar-fr", lexicon::ar_fr().len()),
    ]
}

#[cfg(test)]
mod tests {
    use super::{lexicon, names};

    #[test]
    fn tables_open_once() {
        assert!(std::ptr::eq(names::latin_arabic(), names::latin_arabic()));
        assert!(std::ptr::eq(names::arabic_latin(), names::arabic_latin()));
        assert!(std::ptr::eq(lexicon::fr_ar(), lexicon::fr_ar()));
        assert!(std::ptr::eq(lexicon::ar_fr(), lexicon::ar_fr()));
    }
}
