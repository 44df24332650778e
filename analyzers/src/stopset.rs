//! A set of stopwords tuned for lookups of short words on every token.
//!
//! A `HashSet` with the FNV-1a hash (much cheaper than the default SipHash
//! on words of a few bytes, and the keys are our own fixed lists, so hash
//! flooding is not a concern), plus the length of the longest entry, so
//! longer words are rejected without hashing.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64 bits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// An immutable set of (normalized) stopwords.
#[derive(Debug, Clone, Default)]
pub(crate) struct StopSet {
    set: HashSet<String, BuildHasherDefault<Fnv>>,
    max_len: usize,
}

impl StopSet {
    /// The set of `words`, each passed through `normalize`.
    pub(crate) fn new(words: &[&str], normalize: impl Fn(&str) -> String) -> StopSet {
        let set: HashSet<String, BuildHasherDefault<Fnv>> =
            words.iter().map(|w| normalize(w)).collect();
        let max_len = set.iter().map(String::len).max().unwrap_or(0);
        StopSet { set, max_len }
    }

    /// True if `word` is in the set.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        word.len() <= self.max_len && self.set.contains(word)
    }
}
