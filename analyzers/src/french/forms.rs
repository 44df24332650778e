//! From an exact term to its stem, and from a stem back to what all of its
//! forms share: enough to find a stem's forms in a vocabulary of exact
//! terms without a stemmed index.

use super::stem_normalized;
use crate::script::{script_of, Script};
use crate::tokenizer::Outcome;

/// The `fr` term of a word whose `fr_exact` term is `form`: its stem, or
/// `None` for a stopword. The `fr` analyzer normalizes a word as `fr_exact`
/// does and then stems that term, so an exact term alone tells its stem.
///
/// ```
/// use newsearch_analyzers::french::{analyze, stem_of_form};
/// assert_eq!(stem_of_form("negociations"), analyze("négociations"));
/// assert_eq!(stem_of_form("les"), None);
/// ```
pub fn stem_of_form(form: &str) -> Option<String> {
    let mut out = form.to_owned();
    if script_of(form) != Script::Latin {
        // Arabic and other scripts in French text are not stemmed.
        return Some(out);
    }
    match stem_normalized(&mut out) {
        Outcome::Term => Some(out),
        Outcome::Stop | Outcome::Empty => None,
    }
}

/// What every form of `stem` starts with, once its doubled letters are
/// written once (`accords` as `acords` for the stem `acord`).
///
/// The light stemmer removes endings, rewrites at most the last two letters
/// of what it keeps (chevaux → cheval, offensive → ofensif, indicateur →
/// indiqu) and writes doubled letters once; so all but the last two letters
/// of a stem begin each of its forms. The first three letters are always
/// kept, which leaves out only the rare stems of three letters whose last
/// two are a rewrite (folle → fou, molle → mou), and keeps a stem's forms
/// a few hundred among a hundred thousand words, not a tenth of them. A stem
/// outside ASCII is its only form.
///
/// ```
/// use newsearch_analyzers::french::kept_prefix;
/// assert_eq!(kept_prefix("cheval"), "chev");
/// assert_eq!(kept_prefix("pai"), "pai");
/// assert_eq!(kept_prefix("israël"), "israël");
/// ```
pub fn kept_prefix(stem: &str) -> &str {
    if !stem.is_ascii() {
        return stem;
    }
    let len = stem.len();
    &stem[..len.saturating_sub(2).max(len.min(3))]
}

/// Reads a word byte by byte and tells whether it starts with a prefix once
/// its doubled letters are written once: the test of [`kept_prefix`], made
/// to run inside a term dictionary's automaton search, where it prunes
/// every branch that cannot match.
///
/// ```
/// use newsearch_analyzers::french::DedoubledPrefix;
/// let acord = DedoubledPrefix::new("acord");
/// let read = |word: &str| word.bytes().fold(acord.start(), |state, b| acord.step(state, b));
/// assert!(acord.is_read(read("accords")));
/// assert!(!acord.is_read(read("acier")));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct DedoubledPrefix<'a> {
    prefix: &'a [u8],
}

/// Where [`DedoubledPrefix`] stands in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrefixState {
    /// Bit `i`: the bytes read so far can be the prefix's first `i` bytes.
    read: u64,
    /// The last byte read, which may repeat.
    last: Option<u8>,
}

impl<'a> DedoubledPrefix<'a> {
    /// The longest prefix tested: a longer one is cut, which lets more
    /// words through (their stems tell them apart).
    pub const MAX_LEN: usize = 63;

    /// A test for `prefix`, cut at [`Self::MAX_LEN`] bytes.
    pub fn new(prefix: &'a str) -> DedoubledPrefix<'a> {
        let prefix = prefix.as_bytes();
        DedoubledPrefix {
            prefix: &prefix[..prefix.len().min(Self::MAX_LEN)],
        }
    }

    /// Nothing read yet.
    pub fn start(&self) -> PrefixState {
        PrefixState {
            read: 1,
            last: None,
        }
    }

    /// After reading `byte`: each way of reading so far moves on if `byte`
    /// is the prefix's next one, and stays if it repeats the last byte.
    /// Once the prefix is read, it stays read.
    pub fn step(&self, state: PrefixState, byte: u8) -> PrefixState {
        if self.is_read(state) {
            return state;
        }
        let mut read = 0;
        for (i, &b) in self.prefix.iter().enumerate() {
            if state.read >> i & 1 == 1 && b == byte {
                read |= 1 << (i + 1);
            }
        }
        if state.last == Some(byte) {
            read |= state.read;
        }
        PrefixState {
            read,
            last: Some(byte),
        }
    }

    /// Whether the prefix has been read: every longer word matches too.
    pub fn is_read(&self, state: PrefixState) -> bool {
        state.read >> self.prefix.len() & 1 == 1
    }

    /// Whether no continuation can match any more.
    pub fn is_dead(&self, state: PrefixState) -> bool {
        state.read == 0
    }
}

#[cfg(test)]
mod tests {
    use super::super::{analyze, normalize};
    use super::*;

    fn starts_dedoubled(form: &str, prefix: &str) -> bool {
        let test = DedoubledPrefix::new(prefix);
        let state = form
            .bytes()
            .fold(test.start(), |state, b| test.step(state, b));
        test.is_read(state)
    }

    #[test]
    fn stems_of_forms_are_the_analyzers_terms() {
        let words = [
            "Négociations",
            "l’accord",
            "américaines",
            "chevaux",
            "1990s",
            "2017",
            "القاهرة",
            "Les",
        ];
        for word in words {
            assert_eq!(stem_of_form(&normalize(word)), analyze(word), "{word}");
        }
    }

    #[test]
    fn the_prefix_is_read_through_doubled_letters() {
        assert!(starts_dedoubled("accords", "acord"));
        assert!(starts_dedoubled("acord", "acord"));
        assert!(
            starts_dedoubled("elle", "elle"),
            "a doubled letter of the prefix itself"
        );
        assert!(starts_dedoubled("appelle", "apel"));
        assert!(!starts_dedoubled("apel", "apele"));
        assert!(!starts_dedoubled("acier", "acord"));
        assert!(starts_dedoubled("x", ""));
    }

    #[test]
    fn every_form_starts_with_its_stems_kept_prefix() {
        let words = [
            "chevaux",
            "offensive",
            "offensives",
            "indicateur",
            "indicatrices",
            "motrice",
            "accords",
            "accordé",
            "appelle",
            "appeler",
            "sexualisation",
            "sexuel",
            "communicatrice",
            "communiquer",
            "établissement",
            "établir",
            "lentement",
            "traditionnelle",
            "années",
            "heureuse",
            "frontière",
            "deuxième",
            "faiblesse",
            "normalisation",
            "pays",
            "paix",
        ];
        for word in words {
            let form = normalize(word);
            let stem = stem_of_form(&form).unwrap();
            assert!(
                starts_dedoubled(&form, kept_prefix(&stem)),
                "{word} → {stem}"
            );
        }
    }
}
