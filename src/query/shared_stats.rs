//! What the searchers of one snapshot share: the document frequencies of
//! the terms queries looked up and the forms of the French stems they
//! searched. Both depend on the snapshot's segments alone, so a server
//! that opens a searcher per request (or a batch of queries) looks each
//! up once, not once per query; a reload that brings a new commit starts
//! afresh (see [`SnapshotStats::of`]).

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::{Searcher, Term};

use super::forms::StemForms;
use super::skeletons::Snapshot;
use crate::sync::locked;

/// Terms whose document frequency is kept, at most: about 10 MB. Past it
/// the counts are forgotten and read again as queries ask for them.
const MAX_TERMS: usize = 200_000;

/// The counts of the last snapshot searched, shared by its searchers.
#[derive(Default)]
pub(crate) struct SharedStats {
    current: Mutex<Option<(Snapshot, Arc<SnapshotStats>)>>,
}

impl SharedStats {
    /// The counts of `searcher`'s snapshot: those kept if its segments and
    /// their deletes are those of the last snapshot searched, else new
    /// ones, which replace them unless a later snapshot's were kept meanwhile.
    pub fn of(&self, searcher: &Searcher) -> Arc<SnapshotStats> {
        let snapshot = Snapshot::of(searcher);
        let mut current = locked(&self.current);
        match &*current {
            Some((seen, stats)) if seen.segments == snapshot.segments => Arc::clone(stats),
            Some((seen, _)) if seen.generation > snapshot.generation => {
                Arc::new(SnapshotStats::default())
            }
            _ => {
                let stats = Arc::new(SnapshotStats::default());
                *current = Some((snapshot, Arc::clone(&stats)));
                stats
            }
        }
    }
}

/// The counts of one snapshot.
#[derive(Default)]
pub(crate) struct SnapshotStats {
    /// Documents having each term, as tantivy counts them.
    doc_freqs: Mutex<FxHashMap<Term, u64>>,
    /// The forms of the stems looked up so far.
    pub forms: StemForms,
}

impl SnapshotStats {
    /// The document frequency of `term`, read from `searcher` (which must
    /// be of this snapshot) the first time.
    pub fn doc_freq(&self, searcher: &Searcher, term: &Term) -> tantivy::Result<u64> {
        if let Some(&df) = locked(&self.doc_freqs).get(term) {
            return Ok(df);
        }
        let df = searcher.doc_freq(term)?;
        let mut doc_freqs = locked(&self.doc_freqs);
        if doc_freqs.len() >= MAX_TERMS {
            doc_freqs.clear();
        }
        doc_freqs.insert(term.clone(), df);
        Ok(df)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Index, SearchOptions};

    #[test]
    fn a_word_absent_from_one_snapshot_is_found_in_the_next() {
        let index = Index::create_in_ram().unwrap();
        index.add_and_reload("cairo", "Les négociateurs sont arrivés au Caire lundi.");
        let options = SearchOptions::default();
        // Searchers of one snapshot share the counts: the second asks
        // for "Zanzibar" again and is told it is in no document.
        for _ in 0..2 {
            assert!(index.search("Zanzibar", &options).unwrap().is_empty());
        }
        index.add_and_reload(
            "zanzibar",
            "Les négociateurs sont arrivés à Zanzibar mardi.",
        );
        let hits = index.search("Zanzibar", &options).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].article_id, "zanzibar");
        // A word of both snapshots counts the documents of the new one.
        let results = index.results("négociateurs", &options).unwrap();
        assert_eq!(results.total, 2);
    }
}
