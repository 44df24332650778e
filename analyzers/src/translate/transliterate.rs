//! The fallback for names the tables lack: consonant skeletons that a Latin
//! name and its Arabic spelling share.
//!
//! Both scripts are reduced to classes of consonants that transliteration
//! maps onto each other (`Burns` and `بيرنز` → `BRNS`, `Kirby` and `كيربي`
//! → `KRB`); vowels, glides and the letters transliteration drops (h, ح, ع,
//! ء) are left out, and doubled classes collapse. The search side computes
//! the skeleton of each word of the other language's index vocabulary once
//! and proposes, for a name-like query word, the vocabulary words that share
//! its skeleton ([`is_name_like`], [`skeleton`]) and sound close enough to
//! it, vowels included ([`distance`] at most [`MAX_DISTANCE`]).
//!
//! Skeletons are coarse: measured on held-out name pairs against a news
//! vocabulary (`analyzers/NOTES.md`), so the fallback deserves a low weight.

use std::cell::RefCell;

use super::keys;
use crate::fold::fold_into;
use crate::question::is_capitalized;
use crate::script::{script_of, Script};

/// Skeletons shorter than this match too many words to be useful.
pub const MIN_SKELETON: usize = 3;

/// The largest [`distance`] at which a vocabulary word is proposed as the
/// same name as a query word the name tables lack: the same sounds only
/// (`analyzers/NOTES.md`: precision and recall by threshold).
pub const MAX_DISTANCE: f32 = 0.0;

/// The largest [`distance`] at which a vocabulary word is proposed as a
/// spelling variant of a name the tables know (`Burns` → `بيرنز` beside the
/// table's `برنز`): it must also share the skeleton of the query word or of
/// one of the table's forms, which makes a looser distance safe.
pub const MAX_VARIANT_DISTANCE: f32 = 0.1;

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
    with_skeleton(word, str::to_string)
}

/// `f` of the consonant skeleton of `word` (see [`skeleton`]), computed in
/// buffers kept by the thread: what reads a whole vocabulary by skeleton
/// allocates only for the skeletons it keeps.
///
/// ```
/// use newsearch_analyzers::translate::transliterate::{skeleton, with_skeleton};
/// assert_eq!(with_skeleton("Burns", str::len), Some(4));
/// assert_eq!(with_skeleton("بيرنز", str::to_string), skeleton("Burns"));
/// ```
pub fn with_skeleton<T>(word: &str, f: impl FnOnce(&str) -> T) -> Option<T> {
    SCRATCH.with(|kept| {
        // Taken out while in use: an `f` that asks for another skeleton
        // works in buffers of its own.
        let mut scratch = kept.take();
        let found = scratch.skeleton_of(word).then(|| f(&scratch.skeleton));
        kept.replace(scratch);
        found
    })
}

/// The buffers of [`with_skeleton`]: the normalized word, its characters,
/// its sounds and its skeleton.
#[derive(Default)]
struct Scratch {
    text: String,
    chars: Vec<char>,
    sounds: String,
    skeleton: String,
}

impl Scratch {
    /// Puts the skeleton of `word` in `self.skeleton`; false when it has
    /// none.
    fn skeleton_of(&mut self, word: &str) -> bool {
        self.sounds.clear();
        if !sounds_into(word, &mut self.text, &mut self.chars, &mut self.sounds) {
            return false;
        }
        self.skeleton.clear();
        for c in self.sounds.chars().filter(char::is_ascii_uppercase) {
            if !self.skeleton.ends_with(c) {
                self.skeleton.push(c);
            }
        }
        self.skeleton.len() >= MIN_SKELETON
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// How far apart a Latin name and an Arabic word sound, 0 for the same
/// sounds, per sound of the Latin name; `None` unless one word is Latin and
/// the other Arabic. Vowels count: a vowel Arabic leaves unwritten costs
/// little, a long vowel (ا و ي) with no Latin vowel more, a different vowel
/// half a consonant. Propose a vocabulary word that shares the query word's
/// [`skeleton`] when this is at most [`MAX_DISTANCE`].
///
/// ```
/// use newsearch_analyzers::translate::transliterate::{distance, MAX_DISTANCE};
/// assert!(distance("Kirby", "كيربي").unwrap() <= MAX_DISTANCE);
/// assert!(distance("Burns", "برونز").unwrap() > distance("Burns", "بيرنز").unwrap());
/// assert!(distance("Kirby", "Kirby").is_none());
/// ```
pub fn distance(a: &str, b: &str) -> Option<f32> {
    let (latin, arabic) = match (script_of(a), script_of(b)) {
        (Script::Latin, Script::Arabic) => (a, b),
        (Script::Arabic, Script::Latin) => (b, a),
        _ => return None,
    };
    let latin: Vec<char> = sounds(latin)?.chars().collect();
    let arabic: Vec<char> = sounds(arabic)?.chars().collect();
    if latin.is_empty() || arabic.is_empty() {
        return None;
    }
    Some(edit_cost(&latin, &arabic) / latin.len() as f32)
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

/// The sounds of a word: consonant classes in capitals (`B` for b, p, ب;
/// `S` for s, z, س, ص, ز, ظ; ...), vowels as `a`, `i` (e, i, y, ي), `u`
/// (o, u, w, و); letters transliteration drops (h, ح, ع, ء) left out, and
/// a repeated sound written once.
fn sounds(word: &str) -> Option<String> {
    let mut out = String::new();
    sounds_into(word, &mut String::new(), &mut Vec::new(), &mut out).then_some(out)
}

/// Appends the sounds of `word` (see [`sounds`]) to `out`, `text` and
/// `chars` being room to work in; false for a word that has none.
fn sounds_into(word: &str, text: &mut String, chars: &mut Vec<char>, out: &mut String) -> bool {
    text.clear();
    match script_of(word) {
        Script::Latin => {
            fold_into(word, text);
            latin_sounds(text, chars, out);
        }
        Script::Arabic => {
            let Some(name) = keys::arabic_name_word_in(word, text) else {
                return false;
            };
            arabic_sounds(name, chars, out);
        }
        Script::Other => return false,
    }
    true
}

/// Appends the sounds of a folded Latin word to `out`.
fn latin_sounds(word: &str, chars: &mut Vec<char>, out: &mut String) {
    chars.clear();
    chars.extend(word.chars());
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
            ('o', Some('u')) => ("u", 2),
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
            ('a', _) => ("a", 1),
            ('e' | 'i' | 'y', _) => ("i", 1),
            ('o' | 'u' | 'w', _) => ("u", 1),
            _ => ("", 1),
        };
        push_class(out, class);
        i += width;
    }
}

/// Appends the sounds of a normalized Arabic word (article already
/// removed) to `out`.
fn arabic_sounds(word: &str, chars: &mut Vec<char>, out: &mut String) {
    chars.clear();
    chars.extend(word.chars());
    let mut i = 0;
    while i < chars.len() {
        let last = i + 1 == chars.len();
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
            ('ا', _) => ("a", 1),
            // Final ه (ة after normalization) ends names in -a, -e, -ah.
            ('ه', _) if last => ("a", 1),
            ('ي', _) => ("i", 1),
            ('و', _) => ("u", 1),
            _ => ("", 1),
        };
        push_class(out, class);
        i += width;
    }
}

/// Appends a class, collapsing a repeat of the last one (`mm`, `ee`).
fn push_class(out: &mut String, class: &str) {
    for c in class.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
}

/// Weighted edit distance from Latin sounds to Arabic sounds.
fn edit_cost(latin: &[char], arabic: &[char]) -> f32 {
    let vowel = |c: char| c.is_ascii_lowercase();
    // Arabic leaves short vowels unwritten; a long vowel the Latin lacks
    // is a real difference.
    let drop_latin = |c: char| if vowel(c) { 0.5 } else { 1.0 };
    let drop_arabic = |c: char| if vowel(c) { 0.6 } else { 1.0 };
    let substitute = |l: char, a: char| match (l == a, vowel(l), vowel(a)) {
        (true, _, _) => 0.0,
        (false, true, true) => 0.25,
        (false, false, false) => 1.0,
        _ => 1.5,
    };
    let mut previous: Vec<f32> = std::iter::once(0.0)
        .chain(arabic.iter().scan(0.0, |sum, &a| {
            *sum += drop_arabic(a);
            Some(*sum)
        }))
        .collect();
    for &l in latin {
        let mut row = vec![previous[0] + drop_latin(l)];
        for (j, &a) in arabic.iter().enumerate() {
            let cost = (previous[j] + substitute(l, a))
                .min(previous[j + 1] + drop_latin(l))
                .min(row[j] + drop_arabic(a));
            row.push(cost);
        }
        previous = row;
    }
    previous[arabic.len()]
}

#[cfg(test)]
mod tests {
    use super::{skeleton, with_skeleton};

    /// The thread's buffers carry nothing from one word to the next: a
    /// short word after a long one, a word without a skeleton between two
    /// with one, either script after the other.
    #[test]
    fn each_word_starts_afresh() {
        let words = [
            "Schwarzenegger",
            "Burns",
            "Ali",
            "بيرنز",
            "علي",
            "كيربي",
            "Kirby",
        ];
        let found: Vec<Option<String>> = words
            .iter()
            .map(|word| with_skeleton(word, str::to_string))
            .collect();
        let expected = [
            Some("CRSNGR"),
            Some("BRNS"),
            None,
            Some("BRNS"),
            None,
            Some("KRB"),
            Some("KRB"),
        ];
        assert_eq!(found, expected.map(|s| s.map(str::to_string)));
        let nested = with_skeleton("Burns", |outer| {
            (outer.to_string(), with_skeleton("Kirby", str::to_string))
        });
        assert_eq!(nested, Some(("BRNS".into(), Some("KRB".into()))));
    }

    #[test]
    fn known_pairs_share_a_skeleton() {
        for (latin, arabic) in [
            ("Burns", "بيرنز"),
            ("Kirby", "كيربي"),
            ("Churchill", "تشرشل"),
            ("Kennedy", "كينيدي"),
            ("Schröder", "شرودر"),
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
