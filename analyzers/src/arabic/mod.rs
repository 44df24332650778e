//! Arabic analysis: normalization, stopwords and light stemming, as pure
//! functions on words.
//!
//! The `ar` analyzer runs, for each Arabic-script word: [`normalize`], then
//! drops [`is_stopword`]s, then [`stem`]s (with one hint from the original
//! spelling, see [`analyze`]). `ar_exact` runs [`normalize`] only.

mod normalize;
mod stem;
mod stopwords;

pub use normalize::{normalize, normalize_into};
pub use stem::stem;
pub use stopwords::is_stopword;

use crate::tokenizer::Outcome;

/// The full `ar` pipeline on one word: `None` for a stopword or a word with
/// no letters left after normalization, else the indexed term.
///
/// Beyond [`normalize`] and [`stem`], it uses the original spelling once:
/// proclitics written before a hamza on alef are removed (لإسرائيل,
/// وإسرائيل and إسرائيل give the same term), and such a word's initial ال is
/// not taken for the article (ألعاب keeps its ال).
///
/// ```
/// use newsearch_analyzers::arabic::analyze;
/// assert_eq!(analyze("لإسرائيل"), analyze("إسرائيل"));
/// assert_eq!(analyze("بالقَاهِرَة").as_deref(), Some("قاهر"));
/// assert_eq!(analyze("إلى"), None);
/// ```
pub fn analyze(word: &str) -> Option<String> {
    let mut out = String::new();
    match analyze_into(word, true, &mut out) {
        Outcome::Term => Some(out),
        Outcome::Stop | Outcome::Empty => None,
    }
}

/// Writes the term of one Arabic word into `out` (cleared first).
pub(crate) fn analyze_into(word: &str, stemmed: bool, out: &mut String) -> Outcome {
    out.clear();
    normalize_into(word, out);
    if out.is_empty() {
        return Outcome::Empty;
    }
    if !stemmed {
        return Outcome::Term;
    }
    stem_normalized(word, out)
}

/// The stemmed half of [`analyze_into`]: `out` holds the normalized form of
/// `word`, and becomes its stem (or the word is a stopword).
pub(crate) fn stem_normalized(word: &str, out: &mut String) -> Outcome {
    if is_stopword(out) {
        return Outcome::Stop;
    }
    let (clitics, hamza) = stem::hamza_clitics(word);
    let mut start = 0;
    if clitics > 0 {
        let skip: usize = out.chars().take(clitics).map(char::len_utf8).sum();
        if out[skip..].chars().count() >= 3 {
            start = skip;
        }
    }
    let (from, to) = {
        let rest = &out[start..];
        let stem = stem::stem_with(rest, hamza);
        let from = start + (stem.as_ptr() as usize - rest.as_ptr() as usize);
        (from, from + stem.len())
    };
    out.truncate(to);
    out.drain(..from);
    Outcome::Term
}
