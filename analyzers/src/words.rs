//! Word segmentation over the original text.
//!
//! [`Words`] yields the byte range of each word of a text, so that tokens
//! can carry offsets into the original, un-normalized text. It is one pass
//! over the characters, with no allocation.
//!
//! A word starts at a letter or digit (`char::is_alphanumeric`) and goes on
//! through letters, digits and combining marks. On top of that:
//!
//! - Arabic harakat, tanwin, shadda, sukun, dagger alef and Quranic marks
//!   (U+064B–U+065F, U+0670, U+06D6–U+06ED) and tatweel stay inside the word,
//!   so the word's range covers what the reader sees.
//! - Invisible controls (ZWNJ, ZWJ, LRM/RLM, bidi embeddings and isolates,
//!   soft hyphen, BOM) never split a word; they are included when a word
//!   character follows them, and never start or end a word.
//! - An apostrophe (`'`, `’`, `ʼ`) between a non-Arabic letter and a letter
//!   is inside the word: `l’accord` and `aujourd'hui` are one word each, and
//!   the French analyzer strips the elided article from the token text while
//!   the range still covers `l’accord`.
//! - Numbers written with no-break, narrow no-break, thin or figure spaces
//!   as thousands separators (`38 193`, `1 200 000`) are one word when the
//!   first group has 1–3 digits and each further group exactly 3 ASCII
//!   digits. Plain spaces never join numbers (`en 2015 300 personnes` is
//!   three words), because French typography uses no-break spaces there.
//! - Han, kana and other ideographs are one word per character, as in Unicode
//!   word segmentation (UAX #29) without a dictionary.
//! - Everything else (spaces, punctuation including Arabic ، ؛ ؟ « » ٪ ٫ ٬ ۔,
//!   hyphens, symbols) separates words: `Moyen-Orient` is two words.

use unicode_normalization::char::is_combining_mark;

use crate::script::{
    is_apostrophe, is_arabic, is_arabic_mark, is_common_letter, is_group_space, is_ideographic,
    is_invisible,
};

/// Iterator over the byte ranges `(from, to)` of the words of a text, in
/// order. `&text[from..to]` is always a valid, non-empty slice.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Words<'a> {
    /// Segments `text`.
    pub fn new(text: &'a str) -> Words<'a> {
        Words { text, pos: 0 }
    }

    #[inline]
    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    /// True when `i` starts exactly three ASCII digits that are not followed
    /// by another word character.
    fn three_digits_at(&self, i: usize) -> bool {
        let bytes = self.text.as_bytes();
        let Some(group) = bytes.get(i..i + 3) else {
            return false;
        };
        group.iter().all(u8::is_ascii_digit) && !self.char_at(i + 3).is_some_and(continues_word)
    }
}

/// Characters that may start a word.
#[inline]
fn starts_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_common_letter(c) {
        return true;
    }
    // Some marks count as alphabetic in Unicode; a mark never starts a word.
    c.is_alphanumeric() && !is_arabic_mark(c) && !is_combining_mark(c)
}

/// Characters that continue a word once started.
#[inline]
fn continues_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_common_letter(c) {
        return true;
    }
    (c.is_alphanumeric() || is_arabic_mark(c) || is_combining_mark(c)) && !is_ideographic(c)
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let rest = self.text.get(self.pos..)?;
        let (offset, first) = rest.char_indices().find(|&(_, c)| starts_word(c))?;
        let start = self.pos + offset;
        let mut end = start + first.len_utf8();

        if is_ideographic(first) {
            // One ideograph per word, with any marks that follow it.
            while let Some(c) = self.char_at(end) {
                if is_combining_mark(c) {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            self.pos = end;
            return Some((start, end));
        }

        // Digit-group state, for numbers with no-break thousands separators.
        let mut all_digits = first.is_ascii_digit();
        let mut group_len = usize::from(all_digits);
        let mut first_group = true;
        let mut prev = first;
        let mut i = end;
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(i) {
            // Fast path for ASCII: letters and digits continue the word,
            // other ASCII but the apostrophe ends it.
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() {
                    if all_digits && !b.is_ascii_digit() {
                        all_digits = false;
                    } else if all_digits {
                        group_len += 1;
                    }
                    i += 1;
                    end = i;
                    prev = char::from(b);
                    continue;
                }
                if b != b'\'' {
                    break;
                }
            }
            let Some(c) = self.char_at(i) else {
                break;
            };
            if continues_word(c) {
                if all_digits {
                    if c.is_ascii_digit() {
                        group_len += 1;
                    } else {
                        all_digits = false;
                    }
                }
                i += c.len_utf8();
                end = i;
                prev = c;
                continue;
            }
            if is_invisible(c) {
                // Skip a run of invisible controls; keep going only if a word
                // character follows, so they never end a word.
                let mut j = i + c.len_utf8();
                while let Some(d) = self.char_at(j) {
                    if is_invisible(d) {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                }
                if self.char_at(j).is_some_and(continues_word) {
                    i = j;
                    continue;
                }
                break;
            }
            if is_apostrophe(c) && prev.is_alphabetic() && !is_arabic(prev) {
                let j = i + c.len_utf8();
                if self.char_at(j).is_some_and(|d| d.is_alphabetic()) {
                    all_digits = false;
                    i = j;
                    continue;
                }
                break;
            }
            if is_group_space(c)
                && all_digits
                && (if first_group {
                    (1..=3).contains(&group_len)
                } else {
                    group_len == 3
                })
            {
                let j = i + c.len_utf8();
                if self.three_digits_at(j) {
                    first_group = false;
                    group_len = 0;
                    i = j;
                    continue;
                }
            }
            break;
        }
        self.pos = end;
        Some((start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::Words;

    fn words(text: &str) -> Vec<&str> {
        Words::new(text).map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn segmentation_table() {
        let cases: &[(&str, &[&str])] = &[
            // Plain words and punctuation.
            ("Hello, world!", &["Hello", "world"]),
            // Hyphens separate the parts of compounds.
            ("cessez-le-feu", &["cessez", "le", "feu"]),
            // Elided articles stay with their word, whatever the apostrophe.
            (
                "l’accord l'accord lʼaccord",
                &["l’accord", "l'accord", "lʼaccord"],
            ),
            ("aujourd'hui", &["aujourd'hui"]),
            // A trailing or leading apostrophe is punctuation.
            ("'les' gens'", &["les", "gens"]),
            // Harakat, tatweel and ZWNJ stay inside the Arabic word.
            ("القَاهِرَة", &["القَاهِرَة"]),
            ("مفاوضـــات", &["مفاوضـــات"]),
            ("می\u{200C}خواهم", &["می\u{200C}خواهم"]),
            // Controls around a word are not part of it.
            (
                "\u{200F}القاهرة\u{200F} \u{2067}غزة\u{2069}",
                &["القاهرة", "غزة"],
            ),
            // Arabic punctuation separates words.
            (
                "غزة،القاهرة؛ «حماس» ٥٫٥",
                &["غزة", "القاهرة", "حماس", "٥", "٥"],
            ),
            // Numbers with no-break thousands separators are one word.
            ("38\u{202F}193 morts", &["38\u{202F}193", "morts"]),
            ("1\u{A0}200\u{A0}000 €", &["1\u{A0}200\u{A0}000"]),
            ("1\u{2009}200", &["1\u{2009}200"]),
            // ... but not with plain spaces, nor with malformed groups.
            ("en 2015 300 personnes", &["en", "2015", "300", "personnes"]),
            ("2015\u{A0}300", &["2015", "300"]),
            ("12\u{A0}3456", &["12", "3456"]),
            ("12\u{A0}34", &["12", "34"]),
            ("12\u{A0}345a", &["12", "345a"]),
            // Ideographs are one word each.
            ("東京abc", &["東", "京", "abc"]),
            ("", &[]),
            ("\u{064E}", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(&words(text), expected, "{text:?}");
        }
    }
}
