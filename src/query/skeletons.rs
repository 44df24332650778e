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

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use newsearch_analyzers::translate::transliterate::{distance, skeleton, with_skeleton};
use rustc_hash::FxHashMap;
use tantivy::index::SegmentId;
use tantivy::{Opstamp, Searcher};
use tantivy_fst::automaton::AlwaysMatch;

use super::vocabulary::each_term;
use crate::index::schema::Fields;
use crate::sync::locked;
use crate::text::lang::Lang;

/// The exact passage terms of one language by skeleton, each with the
/// number of documents holding it.
#[derive(Debug, Default)]
pub(crate) struct Skeletons {
    /// By skeleton, its terms in byte order, each once.
    words: FxHashMap<String, Vec<(String, u64)>>,
}

impl Skeletons {
    /// Reads the exact passage terms of `lang` in `searcher`.
    ///
    /// Each segment's terms go straight to their skeleton's list, and a
    /// list's entries of one term (from several segments) are merged at
    /// the end: most terms hash once by their short skeleton, none is
    /// copied into a map of every term (which took twice as long), and a
    /// skeleton is computed in the thread's buffers and copied only when
    /// it is new.
    fn read(searcher: &Searcher, fields: &Fields, lang: Lang) -> tantivy::Result<Skeletons> {
        let mut words: FxHashMap<String, Vec<(String, u64)>> = FxHashMap::default();
        each_term(
            searcher,
            fields.of(lang).text_exact,
            &AlwaysMatch,
            |term, info| {
                with_skeleton(term, |key| {
                    let entry = (term.to_string(), u64::from(info.doc_freq));
                    match words.get_mut(key) {
                        Some(list) => list.push(entry),
                        None => {
                            words.insert(key.to_string(), vec![entry]);
                        }
                    }
                });
            },
        )?;
        for list in words.values_mut() {
            list.sort_unstable();
            list.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 += later.1;
                }
                same
            });
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
/// from (one per language: the memory of one vocabulary each).
#[derive(Default)]
pub(crate) struct SkeletonCache {
    maps: Mutex<HashMap<Lang, (Snapshot, Arc<Skeletons>)>>,
}

/// What a snapshot holds: its segments and their deletes. A reload that
/// finds no new commit makes a new searcher generation of the same
/// segments, whose vocabulary is the same.
#[derive(PartialEq)]
pub(crate) struct Snapshot {
    pub generation: u64,
    pub segments: BTreeMap<SegmentId, Option<Opstamp>>,
}

impl Snapshot {
    pub fn of(searcher: &Searcher) -> Snapshot {
        let generation = searcher.generation();
        Snapshot {
            generation: generation.generation_id(),
            segments: generation.segments().clone(),
        }
    }
}

/// The languages searched through translation, whose vocabularies may be
/// looked up by sound.
const TARGETS: [Lang; 2] = [Lang::Ar, Lang::Fr];

impl SkeletonCache {
    /// The skeletons of `lang`'s vocabulary in `searcher`'s snapshot.
    ///
    /// A map is read without holding the lock, so that searches of a
    /// snapshot already read (or of no name) do not wait for it; two
    /// searches of a new snapshot may both read it, and the last one kept.
    pub fn get(
        &self,
        searcher: &Searcher,
        fields: &Fields,
        lang: Lang,
    ) -> tantivy::Result<Arc<Skeletons>> {
        let snapshot = Snapshot::of(searcher);
        if let Some((seen, map)) = locked(&self.maps).get(&lang) {
            if seen.segments == snapshot.segments {
                return Ok(Arc::clone(map));
            }
        }
        let map = Arc::new(Skeletons::read(searcher, fields, lang)?);
        let mut maps = locked(&self.maps);
        match maps.get(&lang) {
            // A later snapshot's map, read meanwhile, stays.
            Some((seen, _)) if seen.generation > snapshot.generation => {}
            _ => {
                maps.insert(lang, (snapshot, Arc::clone(&map)));
            }
        }
        Ok(map)
    }

    /// Reads the maps of every language searched through translation for
    /// `searcher`'s snapshot, unless read already: a server calls this
    /// after each reload, so that no request waits for them.
    pub fn prepare(&self, searcher: &Searcher, fields: &Fields) -> tantivy::Result<()> {
        for lang in TARGETS {
            self.get(searcher, fields, lang)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Index;

    #[test]
    fn maps_are_read_once_per_snapshot_and_again_after_a_commit() {
        let index = Index::create_in_ram().unwrap();
        index.add_and_reload("a", "Le porte-parole John Kirby a parlé lundi.");
        index.add_and_reload("b", "قال المتحدث جون كيربي يوم الاثنين.");
        let cache = SkeletonCache::default();
        let searcher = index.reader.searcher();
        cache.prepare(&searcher, &index.fields).unwrap();
        let arabic = cache.get(&searcher, &index.fields, Lang::Ar).unwrap();
        assert_eq!(arabic.closest("Kirby", &["Kirby"], 1.0), Some("كيربي"));
        // Prepared: the same map, not read again.
        for _ in 0..2 {
            let again = cache.get(&searcher, &index.fields, Lang::Ar).unwrap();
            assert!(Arc::ptr_eq(&arabic, &again));
        }
        let french = cache.get(&searcher, &index.fields, Lang::Fr).unwrap();
        assert_eq!(french.closest("كيربي", &["كيربي"], 1.0), Some("kirby"));
        // A reload without a commit is a new generation of the same
        // segments: the same map, not read again (a server reloads every
        // second).
        index.reload().unwrap();
        let reloaded = index.reader.searcher();
        assert_ne!(
            reloaded.generation().generation_id(),
            searcher.generation().generation_id()
        );
        let again = cache.get(&reloaded, &index.fields, Lang::Ar).unwrap();
        assert!(Arc::ptr_eq(&arabic, &again));
        // A new commit is a new snapshot: its words are found.
        index.add_and_reload("c", "وصل المبعوث بيرنز إلى القاهرة.");
        let searcher = index.reader.searcher();
        cache.prepare(&searcher, &index.fields).unwrap();
        let newer = cache.get(&searcher, &index.fields, Lang::Ar).unwrap();
        assert!(!Arc::ptr_eq(&arabic, &newer));
        assert_eq!(newer.closest("Burns", &["Burns"], 1.0), Some("بيرنز"));
        assert_eq!(arabic.closest("Burns", &["Burns"], 1.0), None);
    }

    #[test]
    fn a_term_in_several_segments_counts_the_documents_of_all() {
        let index = Index::create_in_ram().unwrap();
        index.add_and_reload("a", "Le porte-parole John Kirby a parlé lundi.");
        index.add_and_reload(
            "b",
            "Le porte-parole Kirby a encore parlé aux journalistes mardi.",
        );
        index.add_and_reload(
            "c",
            "Le porte-parole Kirby a de nouveau parlé aux journalistes mercredi.",
        );
        let searcher = index.reader.searcher();
        assert!(searcher.segment_readers().len() >= 2);
        let map = Skeletons::read(&searcher, &index.fields, Lang::Fr).unwrap();
        let key = skeleton("kirby").unwrap();
        assert_eq!(map.words[&key], [("kirby".to_string(), 3)]);
    }
}
