//! French stopwords.
//!
//! Source: the Snowball French stopword list
//! (<https://snowballstem.org/algorithms/french/stop.txt>, BSD license), the
//! list Lucene's `FrenchAnalyzer` uses (`french_stop.txt`). Entries are
//! folded with [`crate::fold::fold`] when the set is built, and words are
//! looked up folded, so `à` and `a`, `été` and `ete` are alike.

use std::sync::LazyLock;

use crate::stopset::StopSet;

const SOURCE_LIST: &[&str] = &[
    "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il",
    "je", "la", "le", "leur", "lui", "ma", "mais", "me", "même", "mes", "moi", "mon", "ne", "nos",
    "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses",
    "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "c",
    "d", "j", "l", "à", "m", "n", "s", "t", "y", "été", "étée", "étées", "étés", "étant", "suis",
    "es", "est", "sommes", "êtes", "sont", "serai", "seras", "sera", "serons", "serez", "seront",
    "serais", "serait", "serions", "seriez", "seraient", "étais", "était", "étions", "étiez",
    "étaient", "fus", "fut", "fûmes", "fûtes", "furent", "sois", "soit", "soyons", "soyez",
    "soient", "fusse", "fusses", "fût", "fussions", "fussiez", "fussent", "ayant", "eu", "eue",
    "eues", "eus", "ai", "as", "avons", "avez", "ont", "aurai", "auras", "aura", "aurons", "aurez",
    "auront", "aurais", "aurait", "aurions", "auriez", "auraient", "avais", "avait", "avions",
    "aviez", "avaient", "eut", "eûmes", "eûtes", "eurent", "aie", "aies", "ait", "ayons", "ayez",
    "aient", "eusse", "eusses", "eût", "eussions", "eussiez", "eussent", "ceci", "cela", "celà",
    "cet", "cette", "ici", "ils", "les", "leurs", "quel", "quels", "quelle", "quelles", "sans",
    "soi",
];

static STOPWORDS: LazyLock<StopSet> =
    LazyLock::new(|| StopSet::new(SOURCE_LIST, crate::fold::fold));

/// True if `folded` (a word already passed through [`super::normalize`]) is
/// a French stopword.
///
/// ```
/// use newsearch_analyzers::french::{is_stopword, normalize};
/// assert!(is_stopword(&normalize("Été")));
/// assert!(!is_stopword(&normalize("accord")));
/// ```
pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.contains(folded)
}

#[cfg(test)]
mod tests {
    use super::super::normalize;
    use super::is_stopword;

    #[test]
    fn stopwords_table() {
        for w in ["le", "La", "à", "A", "été", "qu’il", "dans", "Les"] {
            assert!(is_stopword(&normalize(w)), "{w}");
        }
        for w in ["accord", "Israël", "paix", "cessez"] {
            assert!(!is_stopword(&normalize(w)), "{w}");
        }
    }
}
