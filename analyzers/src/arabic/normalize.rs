//! Arabic orthographic normalization.
//!
//! Arabic news text spells one word many ways: with or without harakat,
//! with a decorative tatweel, with أ, إ, آ or a bare ا, with final ى or ي,
//! with ة or ه, with Arabic-Indic or ASCII digits, and sometimes with the
//! legacy presentation forms of old encodings (ﻻ, ﷲ). Readers and searchers
//! treat all of these as the same word, so the index must too.

use unicode_normalization::UnicodeNormalization;

use crate::fold::{decimal_digit, fold_char};
use crate::script::{is_arabic, is_arabic_mark};

/// Normalizes one Arabic word into a new string. See [`normalize_into`].
///
/// ```
/// use newsearch_analyzers::arabic::normalize;
/// assert_eq!(normalize("القَاهِرَة"), "القاهره");
/// assert_eq!(normalize("إسرائيل"), "اسراءيل");
/// ```
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

/// True for characters that need Unicode compatibility composition (NFKC):
/// the Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) and the
/// combining maddah and hamza (U+0653–U+0655) that compose with the letter
/// before them (ا + ◌ٔ → أ).
#[inline]
fn needs_nfkc(c: char) -> bool {
    matches!(c, '\u{0653}'..='\u{0655}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// Appends the normalized form of `word` to `out`.
///
/// Rules, in order of application to each character:
/// - NFKC, only when the word holds a presentation form or a combining
///   hamza/maddah (a fast path skips it for plain text): the ligatures ﻻ and
///   ﷲ become لا and الله, isolated/final forms become plain letters.
/// - Tatweel U+0640 is decoration: removed.
/// - Harakat, tanwin, shadda, sukun, hamza marks (U+064B–U+065F), the dagger
///   alef U+0670 and Quranic marks (U+06D6–U+06ED) are mostly omitted in
///   writing: removed.
/// - أ إ آ ٱ → ا: hamza on alef is written inconsistently.
/// - ى → ي: final ya is often written without dots (and vice versa).
/// - ة → ه: ta marbuta is often written as ha.
/// - ؤ ئ → ء: the seat of a medial or final hamza follows spelling
///   conventions that differ between countries and writers (مسؤول/مسئول,
///   تساؤل/تسائل), while the consonant is the same; measured neutral to
///   slightly positive against keeping the seats (`analyzers/NOTES.md`).
/// - Persian ی and ک → ي and ك: keyboards without Arabic layouts produce them.
/// - Arabic-Indic and Extended Arabic-Indic digits → ASCII digits.
/// - Other characters (Latin inside the word, invisible controls) are
///   folded as by [`crate::fold::fold_char`]: lowercase, no accents, controls
///   dropped.
pub fn normalize_into(word: &str, out: &mut String) {
    if word.chars().any(needs_nfkc) {
        for c in word.nfkc() {
            push_normalized(c, out);
        }
    } else {
        for c in word.chars() {
            push_normalized(c, out);
        }
    }
}

#[inline]
fn push_normalized(c: char, out: &mut String) {
    match c {
        'ة' => out.push('ه'),
        // Letters that stay as they are: the bulk of any text.
        'ب'..='غ' | 'ف'..='ن' | 'ه' | 'و' | 'ي' | 'ا' => out.push(c),
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ى' | 'ی' => out.push('ي'),
        'ک' => out.push('ك'),
        'ؤ' | 'ئ' => out.push('ء'),
        '\u{0640}' => {}
        _ if is_arabic_mark(c) => {}
        _ => {
            if let Some(d) = decimal_digit(c) {
                out.push(d);
            } else if is_arabic(c) && c.is_alphabetic() {
                out.push(c);
            } else {
                fold_char(c, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalize_table() {
        let cases = [
            // Harakat, shadda, sukun, tanwin removed.
            ("القَاهِرَة", "القاهره"),
            ("مُحَمَّدٌ", "محمد"),
            ("كِتَابًا", "كتابا"),
            // Tatweel removed.
            ("مفاوضـــات", "مفاوضات"),
            // Alef variants.
            ("أحمد", "احمد"),
            ("إسرائيل", "اسراءيل"),
            // Hamza seats are unified.
            ("مسؤول", "مسءول"),
            ("مسئول", "مسءول"),
            ("آمال", "امال"),
            ("ٱلله", "الله"),
            // Dagger alef.
            ("هٰذا", "هذا"),
            // Alef maqsura and ta marbuta.
            ("مصطفى", "مصطفي"),
            ("فاطمة", "فاطمه"),
            // Presentation forms and ligatures (NFKC).
            ("ﻻ", "لا"),
            ("ﷲ", "الله"),
            ("ﺍﻟﻘﺎﻫﺮﺓ", "القاهره"),
            // Combining hamza composes, then alef is normalized.
            ("ا\u{0654}حمد", "احمد"),
            // Digits.
            ("٢٠٢٤", "2024"),
            ("۱۹۴۸", "1948"),
            // Invisible controls inside a word.
            ("غز\u{200C}ة", "غزه"),
            ("\u{200F}غزة", "غزه"),
            // Persian letters.
            ("کی", "كي"),
            // Latin inside an Arabic word is folded.
            ("CIA", "cia"),
            ("Hamás", "hamas"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input), expected, "{input}");
        }
    }
}
