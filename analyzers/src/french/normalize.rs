//! French normalization: elision, lowercase, accent and ligature folding.

use super::elision::strip_elision;
use crate::fold::fold_into;

/// Normalizes one French word into a new string. See [`normalize_into`].
///
/// ```
/// use newsearch_analyzers::french::normalize;
/// assert_eq!(normalize("l’Israël"), "israel");
/// assert_eq!(normalize("Œuvres"), "oeuvres");
/// assert_eq!(normalize("aujourd’hui"), "aujourd'hui");
/// ```
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

/// Appends the normalized form of `word` to `out`:
/// - the elided article or conjunction is removed (`l’accord` → `accord`),
///   because the searched word is what follows it;
/// - the rest is folded by [`crate::fold::fold_into`]: lowercase (case
///   carries no meaning for search), accents removed (readers and writers
///   drop them, on capitals especially: `ISRAEL`, `Etats-Unis`), ligatures
///   spelled out (`œ` → `oe`), other apostrophes made ASCII
///   (`aujourd’hui` → `aujourd'hui`).
pub fn normalize_into(word: &str, out: &mut String) {
    fold_into(strip_elision(word), out);
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalize_table() {
        let cases = [
            ("l’accord", "accord"),
            ("L'Accord", "accord"),
            ("Israël", "israel"),
            ("ÉTATS", "etats"),
            ("cœur", "coeur"),
            ("Cæsar", "caesar"),
            ("aujourd’hui", "aujourd'hui"),
            ("qu’aujourd’hui", "aujourd'hui"),
            ("négociations", "negociations"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input), expected, "{input}");
        }
    }
}
