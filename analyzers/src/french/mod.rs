//! French analysis: elision, folding, stopwords and light stemming, as pure
//! functions on words.
//!
//! The `fr` analyzer runs, for each Latin-script word: [`normalize`]
//! (elision, lowercase, accent and ligature folding), then drops
//! [`is_stopword`]s, then [`stem`]s. `fr_exact` runs [`normalize`] only.

mod elision;
mod forms;
mod normalize;
mod stem;
mod stopwords;

pub use elision::{elision_len, strip_elision};
pub use forms::{kept_prefix, stem_of_form, DedoubledPrefix, PrefixState};
pub use normalize::{normalize, normalize_into};
pub use stem::{stem, stem_in_place};
pub use stopwords::is_stopword;

use crate::tokenizer::Outcome;

/// The full `fr` pipeline on one word: `None` for a stopword or a word with
/// nothing left, else the indexed term.
///
/// ```
/// use newsearch_analyzers::french::analyze;
/// assert_eq!(analyze("l’accord"), analyze("accords"));
/// assert_eq!(analyze("les"), None);
/// ```
pub fn analyze(word: &str) -> Option<String> {
    let mut out = String::new();
    match analyze_into(word, true, &mut out) {
        Outcome::Term => Some(out),
        Outcome::Stop | Outcome::Empty => None,
    }
}

/// Writes the term of one French word into `out` (cleared first).
pub(crate) fn analyze_into(word: &str, stemmed: bool, out: &mut String) -> Outcome {
    out.clear();
    normalize_into(word, out);
    if out.is_empty() {
        return Outcome::Empty;
    }
    if !stemmed {
        return Outcome::Term;
    }
    stem_normalized(out)
}

/// The stemmed half of [`analyze_into`]: `out` holds a normalized word, and
/// becomes its stem (or the word is a stopword).
pub(crate) fn stem_normalized(out: &mut String) -> Outcome {
    if is_stopword(out) {
        return Outcome::Stop;
    }
    // Numbers are not words: no stemming (1990s and 1990 stay apart only
    // through the letter, which is kept).
    if !out.bytes().all(|b| b.is_ascii_digit()) {
        stem_in_place(out);
    }
    Outcome::Term
}
