//! Arabic stopwords.
//!
//! Source: the Arabic stopword list of Apache Lucene's `ArabicAnalyzer`
//! (`org/apache/lucene/analysis/ar/stopwords.txt`), created by Jacques Savoy
//! for CLEF and distributed under the BSD license
//! (<http://members.unine.ch/jacques.savoy/clef/>). Lucene applies it before
//! normalization and so lists spelling variants (أن, ان, إن); we normalize
//! every entry with [`super::normalize`] when the set is built and look words
//! up after normalization, so every variant of a listed word is a stopword.

use std::sync::LazyLock;

use crate::stopset::StopSet;

const SOURCE_LIST: &[&str] = &[
    "من",
    "ومن",
    "منها",
    "منه",
    "في",
    "وفي",
    "فيها",
    "فيه",
    "و",
    "ف",
    "ثم",
    "او",
    "أو",
    "ب",
    "بها",
    "به",
    "ا",
    "أ",
    "اى",
    "اي",
    "أي",
    "أى",
    "لا",
    "ولا",
    "الا",
    "ألا",
    "إلا",
    "لكن",
    "ما",
    "وما",
    "كما",
    "فما",
    "عن",
    "مع",
    "اذا",
    "إذا",
    "ان",
    "أن",
    "إن",
    "انها",
    "أنها",
    "إنها",
    "انه",
    "أنه",
    "إنه",
    "بان",
    "بأن",
    "فان",
    "فأن",
    "وان",
    "وأن",
    "وإن",
    "التى",
    "التي",
    "الذى",
    "الذي",
    "الذين",
    "الى",
    "الي",
    "إلى",
    "إلي",
    "على",
    "عليها",
    "عليه",
    "اما",
    "أما",
    "إما",
    "ايضا",
    "أيضا",
    "كل",
    "وكل",
    "لم",
    "ولم",
    "لن",
    "ولن",
    "هى",
    "هي",
    "هو",
    "وهى",
    "وهي",
    "وهو",
    "فهى",
    "فهي",
    "فهو",
    "انت",
    "أنت",
    "لك",
    "لها",
    "له",
    "هذه",
    "هذا",
    "تلك",
    "ذلك",
    "هناك",
    "كانت",
    "كان",
    "يكون",
    "تكون",
    "وكانت",
    "وكان",
    "غير",
    "بعض",
    "قد",
    "نحو",
    "بين",
    "بينما",
    "منذ",
    "ضمن",
    "حيث",
    "الان",
    "الآن",
    "خلال",
    "بعد",
    "قبل",
    "حتى",
    "عند",
    "عندما",
    "لدى",
    "جميع",
];

static STOPWORDS: LazyLock<StopSet> = LazyLock::new(|| StopSet::new(SOURCE_LIST, super::normalize));

/// True if `normalized` (a word already passed through
/// [`super::normalize`]) is an Arabic stopword.
///
/// ```
/// use newsearch_analyzers::arabic::{is_stopword, normalize};
/// assert!(is_stopword(&normalize("إلى")));
/// assert!(!is_stopword(&normalize("القاهرة")));
/// ```
pub fn is_stopword(normalized: &str) -> bool {
    STOPWORDS.contains(normalized)
}

#[cfg(test)]
mod tests {
    use super::super::normalize;
    use super::is_stopword;

    #[test]
    fn stopwords_table() {
        // Every spelling of a listed word is a stopword after normalization.
        for w in [
            "أن", "ان", "إن", "إلى", "الى", "إلي", "في", "التي", "التى", "هٰذا", "مِن",
        ] {
            assert!(is_stopword(&normalize(w)), "{w}");
        }
        for w in ["القاهرة", "غزة", "سلام", "اتفاق"] {
            assert!(!is_stopword(&normalize(w)), "{w}");
        }
    }
}
