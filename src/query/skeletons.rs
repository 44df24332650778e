//! The consonant skeletons of a language's passage vocabulary, for names
//! the translation tables lack (see
//! `newsearch_analyzers::translate::transliterate`).
//!
//! A name-like query word with no table entry is searched as the word of
//! the other language's vocabulary that sounds the same; a name the table
//! knows also gets the vocabulary's spelling variant of it (`Burns` → the
//! `بيرنز` an outlet wrote, beside the table's `برنز`). Both need every
//! vocabulary word by skeleton: the map is built once per snapshot of the
//! index and language, on the first query that needs it, and shared by
//! every searcher of that snapshot.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use newsearch_analyzers::translate::transliterate::{distance, skeleton};
use tantivy::Searcher;
use tantivy_fst::automaton::AlwaysMatch;

use super::vocabulary::each_term;
use crate::index::schema::Fields;
use crate::text::lang::Lang;

/// The exact passage terms of one language by skeleton, each with the
/// number of documents holding it.
#[derive(Debug, Default)]
pub(crate) struct Skeletons {
    words: HashMap<String, Vec<(String, u64)>>,
}

impl Skeletons {
    /// Reads the exact passage terms of `lang` in `searcher`.
    fn read(searcher: &Searcher, fields: &Fields, lang: Lang) -> tantivy::Result<Skeletons> {
        let mut docs: HashMap<String, u64> = HashMap::new();
        each_term(
            searcher,
            fields.of(lang).text_exact,
            &AlwaysMatch,
            |term, info| {
                *docs.entry(term.to_string()).or_default() += u64::from(info.doc_freq);
            },
        )?;
        let mut words: HashMap<String, Vec<(String, u64)>> = HashMap::new();
        for (term, count) in docs {
            if let Some(key) = skeleton(&term) {
                words.entry(key).or_default().push((term, count));
            }
        }
        Ok(Skeletons { words })
    }

    /// The vocabulary word that sounds closest to `word` (of the other
    /// script) among those with the skeleton of one of `spellings`, if it
    /// is at most `max_distance` away; the most frequent on a tie.
    pub fn closest(&self, word: &str, spellings: &[&str], max_distance: f32) -> Option<&str> {
        let mut best: Option<(f32, u64, &str)> = None;
        let mut keys: Vec<String> = spellings.iter().filter_map(|s| skeleton(s)).collect();
        keys.sort_unstable();
        keys.dedup();
        for key in &keys {
            for (candidate, docs) in self.words.get(key).into_iter().flatten() {
                let Some(far) = distance(word, candidate) else {
                    continue;
                };
                let better = best.is_none_or(|(d, n, _)| far < d || (far == d && *docs > n));
                if far <= max_distance && better {
                    best = Some((far, *docs, candidate));
                }
            }
        }
        best.map(|(_, _, word)| word)
    }
}

/// The skeleton maps of an index, each kept for the snapshot it was read
/// from.
#[derive(Default)]
pub(crate) struct SkeletonCache {
    maps: Mutex<HashMap<Lang, (u64, Arc<Skeletons>)>>,
}

impl SkeletonCache {
    /// The skeletons of `lang`'s vocabulary in `searcher`'s snapshot.
    pub fn get(
        &self,
        searcher: &Searcher,
        fields: &Fields,
        lang: Lang,
    ) -> tantivy::Result<Arc<Skeletons>> {
        let generation = searcher.generation().generation_id();
        let mut maps = self
            .maps
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((seen, map)) = maps.get(&lang) {
            if *seen == generation {
                return Ok(Arc::clone(map));
            }
        }
        let map = Arc::new(Skeletons::read(searcher, fields, lang)?);
        maps.insert(lang, (generation, Arc::clone(&map)));
        Ok(map)
    }
}
