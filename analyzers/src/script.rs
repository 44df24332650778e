//! Character classes shared by the segmenter and the analyzers.
//!
//! Everything here is a cheap `match` on code points, with an ASCII fast path
//! first, because these functions run once per character of every indexed
//! text.

/// The writing system of a word, decided by its first letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Arabic script (Arabic, Persian and Urdu letters, presentation forms).
    Arabic,
    /// Latin script, including digits-only words (numbers).
    Latin,
    /// Anything else (Cyrillic, Greek, Hebrew, CJK, ...).
    Other,
}

/// True for letters of the Arabic script blocks, including the presentation
/// forms (U+FB50–U+FDFF, U+FE70–U+FEFE) and the Arabic-Indic digits.
#[inline]
pub fn is_arabic(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFE}')
}

/// True for the letters that make up nearly all non-ASCII text of Arabic
/// and French news: the Arabic letters ء–غ and ف–ي (U+0621–U+063A,
/// U+0641–U+064A) and the Latin-1 and Latin Extended-A/B letters
/// (U+00C0–U+024F but × and ÷). All of them are alphabetic and none is a
/// mark, so this range test can answer before the general Unicode tables
/// (`char::is_alphanumeric` is a table search, the segmenter's main cost).
#[inline]
pub fn is_common_letter(c: char) -> bool {
    matches!(c,
        '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | '\u{00C0}'..='\u{00D6}'
        | '\u{00D8}'..='\u{00F6}'
        | '\u{00F8}'..='\u{024F}')
}

/// True for letters of the Latin script (ASCII letters, Latin-1, Latin
/// Extended-A/B, IPA, Latin Extended Additional, ligatures ﬀ–ﬆ).
#[inline]
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c,
            '\u{00C0}'..='\u{024F}'
            | '\u{0250}'..='\u{02AF}'
            | '\u{1E00}'..='\u{1EFF}'
            | '\u{2C60}'..='\u{2C7F}'
            | '\u{A720}'..='\u{A7FF}'
            | '\u{FB00}'..='\u{FB06}')
            && c != '\u{00D7}'
            && c != '\u{00F7}'
}

/// The script of a word: the script of its first letter; a word made only of
/// digits counts as Latin (digits are folded to ASCII either way).
pub fn script_of(word: &str) -> Script {
    for c in word.chars() {
        if c.is_ascii_alphabetic() {
            return Script::Latin;
        }
        if is_common_letter(c) {
            return if is_arabic(c) {
                Script::Arabic
            } else {
                Script::Latin
            };
        }
        if is_arabic(c) && c.is_alphabetic() {
            return Script::Arabic;
        }
        if is_latin(c) {
            return Script::Latin;
        }
        if c.is_alphabetic() {
            return Script::Other;
        }
    }
    Script::Latin
}

/// Invisible formatting characters that may sit inside a word without
/// splitting it and never appear in a token: ZWNJ, ZWJ, LRM, RLM (U+200C–
/// U+200F), the bidi embeddings and overrides (U+202A–U+202E), the bidi
/// isolates (U+2066–U+2069), the soft hyphen (U+00AD), the word joiner
/// (U+2060) and the zero-width no-break space / BOM (U+FEFF).
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Arabic marks that are part of the word they follow: harakat and tanwin
/// (U+064B–U+065F), the superscript (dagger) alef U+0670 and the Quranic
/// annotation signs U+06D6–U+06ED. Some of these are not "alphabetic" in
/// Unicode, so the segmenter must be told to keep them inside words.
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// Apostrophes that join a French elided article to its word (`l'`, `l’`,
/// `lʼ`).
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Spaces used as thousands separators in French typography: no-break space
/// U+00A0, narrow no-break space U+202F, thin space U+2009, figure space
/// U+2007.
#[inline]
pub fn is_group_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\u{2007}')
}

/// Ideographic and syllabic scripts written without spaces (Han, Hiragana,
/// Katakana, Hangul syllables are left whole): each character is a word of
/// its own, as in Unicode word segmentation (UAX #29) without a dictionary.
#[inline]
pub fn is_ideographic(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_letters_agree_with_unicode() {
        for c in ('\u{0}'..='\u{10FFFF}').filter(|&c| is_common_letter(c)) {
            assert!(c.is_alphabetic(), "{c:?}");
            assert!(!is_arabic_mark(c), "{c:?}");
            assert!(!unicode_normalization::char::is_combining_mark(c), "{c:?}");
        }
        assert!(is_common_letter('ي') && is_common_letter('é') && is_common_letter('ř'));
        assert!(!is_common_letter('\u{0640}') && !is_common_letter('×'));
    }

    #[test]
    fn scripts_of_words() {
        let cases = [
            ("القاهرة", Script::Arabic),
            ("ﻻ", Script::Arabic),
            ("Israël", Script::Latin),
            ("2024", Script::Latin),
            ("٢٠٢٤", Script::Latin),
            ("Москва", Script::Other),
            ("東京", Script::Other),
        ];
        for (word, script) in cases {
            assert_eq!(script_of(word), script, "{word}");
        }
    }
}
