//! Lowercasing and accent folding, the normalization of the `std` analyzer
//! and the base of the French one.
//!
//! Folding maps a word to lowercase without diacritics: `Israël` → `israel`,
//! `œuvre` → `oeuvre`, `Ærø` → `aero`. Digits of any decimal script
//! (Arabic-Indic, Extended Arabic-Indic, ...) become ASCII digits, so `٢٠٢٤`
//! and `2024` match. Invisible controls and no-break thousands separators are
//! dropped. ASCII takes a fast path; other characters are lowercased and, if
//! below U+2000 (Latin, Greek, Cyrillic, ...), canonically decomposed with
//! their combining marks dropped.

use unicode_normalization::char::{decompose_canonical, decompose_compatible, is_combining_mark};

use crate::script::{is_apostrophe, is_group_space, is_invisible};

/// Folds `word` into a new string. See [`fold_into`].
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// Appends the folded form of `word` to `out` (lowercase, no accents,
/// ligatures expanded, ASCII digits, no invisible controls or whitespace,
/// apostrophes as `'`).
pub fn fold_into(word: &str, out: &mut String) {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_whitespace())
    {
        // Fast path: plain ASCII words are only lowercased.
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        fold_char(c, out);
    }
}

/// Appends the folded form of one character to `out`.
#[inline]
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        if !c.is_ascii_whitespace() {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    // The accented letters of French and other Western European text, by
    // table: the general path below looks each one up in three Unicode
    // tables (case, decomposition, combining marks).
    if let Some(folded) = (c as usize)
        .checked_sub(LATIN1_LETTERS_START)
        .and_then(|i| LATIN1_LETTERS_FOLDED.get(i))
    {
        out.push_str(folded);
        return;
    }
    fold_char_by_tables(c, out);
}

/// First code point of [`LATIN1_LETTERS_FOLDED`]: À.
const LATIN1_LETTERS_START: usize = 0xC0;

/// The folded forms of U+00C0–U+00FF (À to ÿ), as [`fold_char_by_tables`]
/// gives them (a test checks every entry).
const LATIN1_LETTERS_FOLDED: [&str; 64] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",
    "i", // À–Ï
    "ð", "n", "o", "o", "o", "o", "o", "×", "o", "u", "u", "u", "u", "y", "þ",
    "ss", // Ð–ß
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",
    "i", // à–ï
    "ð", "n", "o", "o", "o", "o", "o", "÷", "o", "u", "u", "u", "u", "y", "þ", "y", // ð–ÿ
];

/// [`fold_char`] for non-ASCII characters, through the Unicode tables.
fn fold_char_by_tables(c: char, out: &mut String) {
    if let Some(d) = decimal_digit(c) {
        out.push(d);
        return;
    }
    match c {
        // Ligatures are spelled out: `cœur` and `coeur` are the same word.
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' | 'ẞ' => out.push_str("ss"),
        // Letters with a stroke have no Unicode decomposition.
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' => out.push('d'),
        'ħ' | 'Ħ' => out.push('h'),
        'ı' => out.push('i'),
        // Typographic ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ.
        '\u{FB00}'..='\u{FB06}' => decompose_compatible(c, |d| out.push(d)),
        _ if is_apostrophe(c) => out.push('\''),
        _ if is_invisible(c) || is_group_space(c) || c.is_whitespace() => {}
        _ if is_combining_mark(c) => {}
        _ => {
            for lower in c.to_lowercase() {
                if lower.is_ascii() {
                    out.push(lower);
                } else if (lower as u32) < 0x2000 {
                    // The base letter is folded in turn: ǽ is æ + acute,
                    // and æ is spelled out like a precomposed one.
                    decompose_canonical(lower, |d| {
                        if is_combining_mark(d) {
                            return;
                        }
                        if d == lower {
                            out.push(d);
                        } else {
                            fold_char(d, out);
                        }
                    });
                } else {
                    out.push(lower);
                }
            }
        }
    }
}

/// The ASCII digit for a decimal digit of the scripts news text uses:
/// Arabic-Indic U+0660–U+0669, Extended Arabic-Indic (Persian, Urdu)
/// U+06F0–U+06F9 and fullwidth U+FF10–U+FF19.
#[inline]
pub fn decimal_digit(c: char) -> Option<char> {
    let base = match c {
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        '\u{FF10}'..='\u{FF19}' => 0xFF10,
        _ => return None,
    };
    char::from_digit(c as u32 - base, 10)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn fold_table() {
        let cases = [
            ("Israël", "israel"),
            ("ÉTÉ", "ete"),
            ("à â ä ç é è ê ë î ï ô ö ù û ü ÿ", "aaaceeeeiioouuuy"),
            ("Œuvre", "oeuvre"),
            ("Ærø", "aero"),
            ("Ǽ", "ae"),
            ("straße", "strasse"),
            ("Łódź", "lodz"),
            ("e\u{0301}te\u{0301}", "ete"),
            ("ﬁn", "fin"),
            ("٢٠٢٤ ۱۹", "202419"),
            ("aujourd’hui", "aujourd'hui"),
            ("38\u{202F}193", "38193"),
            ("Ἀθῆναι", "αθηναι"),
            ("Москва", "москва"),
            ("한국", "한국"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "{input}");
        }
    }

    #[test]
    fn latin1_table_is_what_the_unicode_tables_give() {
        for c in '\u{C0}'..='\u{FF}' {
            let (mut by_table, mut by_unicode) = (String::new(), String::new());
            super::fold_char(c, &mut by_table);
            super::fold_char_by_tables(c, &mut by_unicode);
            assert_eq!(by_table, by_unicode, "{c:?}");
        }
    }

    #[test]
    fn fold_is_idempotent_on_table() {
        for w in ["Israël", "Œuvre", "İstanbul", "ǅemal"] {
            assert_eq!(fold(&fold(w)), fold(w));
        }
    }
}
