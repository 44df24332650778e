//! French elision.
//!
//! Before a vowel or mute h, French writes `le`, `la`, `de`, `que`, ... as
//! `l'`, `d'`, `qu'` glued to the next word: `l’accord`, `d’Israël`,
//! `qu’il`. The article is not part of the word a reader searches for, so
//! it is removed from the term (the token's offsets still cover it).

use crate::script::is_apostrophe;

/// Elided words, lowercase: the articles and pronouns l' m' t' n' s' j' d'
/// c' and the conjunctions qu' jusqu' quoiqu' lorsqu' puisqu'. `aujourd'hui`
/// is not listed: it is one word.
const ELIDED: &[&str] = &[
    "l", "m", "t", "n", "s", "j", "d", "c", "qu", "jusqu", "quoiqu", "lorsqu", "puisqu",
];

/// The longest elided prefix (article plus apostrophe, any of `'`, `’`,
/// `ʼ`), in bytes, at the start of `word`, or 0. Something must follow the
/// apostrophe.
///
/// ```
/// use newsearch_analyzers::french::elision_len;
/// assert_eq!(elision_len("l’accord"), "l’".len());
/// assert_eq!(elision_len("Jusqu'à"), "Jusqu'".len());
/// assert_eq!(elision_len("aujourd'hui"), 0);
/// ```
pub fn elision_len(word: &str) -> usize {
    // The longest elided word has 6 letters, all ASCII: the apostrophe, if
    // any, starts within the first 7 bytes. Its first byte is `'`, 0xE2
    // (’) or 0xCA (ʼ); most words have none of them and need no decoding.
    let head = &word.as_bytes()[..word.len().min(7)];
    if !head.iter().any(|&b| matches!(b, b'\'' | 0xE2 | 0xCA)) {
        return 0;
    }
    for (i, c) in word.char_indices().take(8) {
        if is_apostrophe(c) {
            let prefix = &word[..i];
            let end = i + c.len_utf8();
            if end < word.len() && ELIDED.iter().any(|e| e.eq_ignore_ascii_case(prefix)) {
                return end;
            }
            return 0;
        }
    }
    0
}

/// `word` without its elided article: `l’accord` → `accord`.
pub fn strip_elision(word: &str) -> &str {
    &word[elision_len(word)..]
}

#[cfg(test)]
mod tests {
    use super::strip_elision;

    #[test]
    fn elision_table() {
        let cases = [
            ("l’accord", "accord"),
            ("l'accord", "accord"),
            ("lʼaccord", "accord"),
            ("L’Égypte", "Égypte"),
            ("d’Israël", "Israël"),
            ("qu’il", "il"),
            ("Qu'elle", "elle"),
            ("jusqu’à", "à"),
            ("lorsqu'on", "on"),
            ("puisqu’il", "il"),
            ("quoiqu'il", "il"),
            ("n’est", "est"),
            ("s’est", "est"),
            ("j’ai", "ai"),
            ("c’est", "est"),
            ("m’a", "a"),
            ("t’a", "a"),
            // Not elisions.
            ("aujourd'hui", "aujourd'hui"),
            ("prud'homme", "prud'homme"),
            ("O'Neill", "O'Neill"),
            ("l'", "l'"),
            ("accord", "accord"),
        ];
        for (input, expected) in cases {
            assert_eq!(strip_elision(input), expected, "{input}");
        }
    }
}
