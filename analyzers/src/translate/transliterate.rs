//! The fallback for names the tables lack: consonant skeletons that a Latin
//! name and its Arabic spelling share.
//!
//! Both scripts are reduced to classes of consonants that transliteration
//! maps onto each other (`Burns` and `بيرنز` → `BRNS`, `Kirby` and `كيربي`
//! → `KRB`); vowels, glides and the letters transliteration drops (h, ح, ع,
//! ء) are left out, and doubled classes collapse. The search side computes
//! the skeleton of each word of the other language's index vocabulary once
//! and proposes, for a name-like query word, the vocabulary words that share
//! its skeleton ([`is_name_like`], [`skeleton`]).
//!
//! Skeletons are coarse: measured on held-out name pairs against a news
//! vocabulary (`analyzers/NOTES.md`), so the fallback deserves a low weight.

use super::keys;
use crate::fold::fold;
use crate::question::is_capitalized;
use crate::script::{script_of, Script};

/// Skeletons shorter than this match too many words to be useful.
pub const MIN_SKELETON: usize = 3;

/// The consonant skeleton of a word in either script, `None` when shorter
/// than [`MIN_SKELETON`].
///
/// ```
/// use newsearch_analyzers::translate::transliterate::skeleton;
/// assert_eq!(skeleton("Burns"), skeleton("بيرنز"));
/// assert_eq!(skeleton("Kirby"), skeleton("كيربي"));
/// assert_ne!(skeleton("Kirby"), skeleton("بيرنز"));
/// ```
pub fn skeleton(word: &str) -> Option<String> {
    let skeleton = match script_of(word) {
        Script::Latin => latin_skeleton(&fold(word)),
        Script::Arabic => arabic_skeleton(&keys::arabic_name_word(word)?),
        Script::Other => return None,
    };
    (skeleton.len() >= MIN_SKELETON).then_some(skeleton)
}

/// True for a word the fallback may be asked about: a capitalized Latin
/// word, or any Arabic word (Arabic has no capitals; the search side asks
/// only for words with no table or lexicon entry).
pub fn is_name_like(word: &str) -> bool {
    match script_of(word) {
        Script::Latin => is_capitalized(word),
        Script::Arabic => true,
        Script::Other => false,
    }
}

/// Skeleton of a folded Latin word.
fn latin_skeleton(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let next = chars.get(i + 1).copied();
        let (class, width) = match (chars[i], next) {
            ('s', Some('c')) if chars.get(i + 2) == Some(&'h') => ("C", 3),
            ('s' | 'c', Some('h')) => ("C", 2),
            ('k', Some('h')) => ("X", 2),
            ('g', Some('h')) => ("G", 2),
            ('t', Some('h')) => ("T", 2),
            ('p', Some('h')) => ("F", 2),
            ('d', Some('h')) => ("D", 2),
            ('z', Some('h')) => ("G", 2),
            ('c', Some('k')) | ('q', Some('u')) => ("K", 2),
            ('c', Some('e' | 'i' | 'y')) => ("S", 1),
            ('x', _) => ("KS", 1),
            ('b' | 'p', _) => ("B", 1),
            ('f' | 'v', _) => ("F", 1),
            ('c' | 'k' | 'q', _) => ("K", 1),
            ('g' | 'j', _) => ("G", 1),
            ('t', _) => ("T", 1),
            ('d', _) => ("D", 1),
            ('s' | 'z', _) => ("S", 1),
            ('l', _) => ("L", 1),
            ('m', _) => ("M", 1),
            ('n', _) => ("N", 1),
            ('r', _) => ("R", 1),
            _ => ("", 1),
        };
        push_class(&mut out, class);
        i += width;
    }
    out
}

/// Skeleton of a normalized Arabic word (article already removed).
fn arabic_skeleton(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let (class, width) = match (chars[i], chars.get(i + 1)) {
            ('ت', Some('ش')) => ("C", 2),
            ('ب' | 'پ', _) => ("B", 1),
            ('ت' | 'ط' | 'ث', _) => ("T", 1),
            ('د' | 'ض' | 'ذ', _) => ("D", 1),
            ('س' | 'ص' | 'ز' | 'ظ', _) => ("S", 1),
            ('ش', _) => ("C", 1),
            ('ج' | 'غ' | 'گ', _) => ("G", 1),
            ('ك' | 'ق', _) => ("K", 1),
            ('خ', _) => ("X", 1),
            ('ف' | 'ڤ', _) => ("F", 1),
            ('ل', _) => ("L", 1),
            ('م', _) => ("M", 1),
            ('ن', _) => ("N", 1),
            ('ر', _) => ("R", 1),
            _ => ("", 1),
        };
        push_class(&mut out, class);
        i += width;
    }
    out
}

/// Appends a class, collapsing a repeat of the last one (`mm`, `تّ`).
fn push_class(out: &mut String, class: &str) {
    for c in class.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::skeleton;

    #[test]
    fn known_pairs_share_a_skeleton() {
        for (latin, arabic) in [
            ("Burns", "بيرنز"),
            ("Kirby", "كيربي"),
            ("Churchill", "تشرشل"),
            ("Kennedy", "كينيدي"),
            ("Schmidt", "شميت"),
        ] {
            assert_eq!(skeleton(latin), skeleton(arabic), "{latin} {arabic}");
        }
    }

    #[test]
    fn short_skeletons_are_refused() {
        assert_eq!(skeleton("Ali"), None);
        assert_eq!(skeleton("علي"), None);
    }
}
