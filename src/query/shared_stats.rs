//! What the searchers of one snapshot share: the dictionary entries of
//! the terms queries looked up (their document frequencies, and where
//! their postings start) and the forms of the French stems they searched.
//! Both depend on the snapshot's segments alone, so a server that opens a
//! searcher per request (or a batch of queries) looks each up once, not
//! once per query; a reload that brings a new commit starts afresh (see
//! [`SharedStats::of`]).
use std::fmt;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::index::SegmentId;
use tantivy::postings::TermInfo;
use tantivy::{Searcher, SegmentReader, Term};

use super::forms::StemForms;
use super::skeletons::Snapshot;
use crate::sync::locked;

/// Terms whose dictionary entries are kept, at most: about 30 MB. Past it
/// the entries are forgotten and read again as queries ask for them.
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

/// A term's entry in the dictionary of each segment it was looked up in
/// (`None` where the segment lacks the term).
type Entries = Vec<(SegmentId, Option<TermInfo>)>;

/// The counts of one snapshot.
#[derive(Default)]
pub(crate) struct SnapshotStats {
    /// The dictionary entries of the terms looked up so far. Every query
    /// asks for its terms' document frequencies (to leave out those the
    /// index lacks, and for BM25), then opens their postings: the second
    /// look-up in a dictionary, and every one in a later query, is
    /// answered here.
    entries: Mutex<FxHashMap<Term, Entries>>,
    /// The forms of the stems looked up so far.
    pub forms: StemForms,
}

impl fmt::Debug for SnapshotStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let terms = locked(&self.entries).len();
        f.debug_struct("SnapshotStats")
            .field("terms", &terms)
            .finish()
    }
}

impl SnapshotStats {
    /// The document frequency of `term` in `searcher` (which must be of
    /// this snapshot), as tantivy counts it.
    pub fn doc_freq(&self, searcher: &Searcher, term: &Term) -> tantivy::Result<u64> {
        let mut doc_freq = 0;
        for reader in searcher.segment_readers() {
            if let Some(info) = self.term_info(reader, term)? {
                doc_freq += u64::from(info.doc_freq);
            }
        }
        Ok(doc_freq)
    }

    /// The entry of `term` in the dictionary of `reader`'s segment, read
    /// the first time.
    pub fn term_info(
        &self,
        reader: &SegmentReader,
        term: &Term,
    ) -> tantivy::Result<Option<TermInfo>> {
        let segment = reader.segment_id();
        if let Some(entries) = locked(&self.entries).get(term) {
            if let Some((_, info)) = entries.iter().find(|(id, _)| *id == segment) {
                return Ok(info.clone());
            }
        }
        let info = reader.inverted_index(term.field())?.get_term_info(term)?;
        let mut entries = locked(&self.entries);
        if entries.len() >= MAX_TERMS {
            entries.clear();
        }
        let term_entries = entries.entry(term.clone()).or_default();
        term_entries.push((segment, info.clone()));
        Ok(info)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Index, SearchOptions};

    /// The entries kept are those of each segment's dictionary, and the
    /// document frequencies tantivy's, asked in any order, on an index of
    /// several segments: every term of the news articles' exact and body
    /// fields, and terms no segment has.
    #[test]
    fn kept_entries_are_the_dictionaries() {
        use super::SnapshotStats;
        use crate::text::lang::Lang;
        use tantivy::Term;

        let [arabic, french] = crate::index::NEWS_CORPORA;
        let Some(index) = Index::shared_in_ram(&[french], 150) else {
            return;
        };
        let shared = crate::index::shared_dir();
        let mut writer = index.writer().unwrap();
        for file in crate::ingest::discover(&[shared.join(arabic)]).files {
            for article in crate::ingest::open(&file).unwrap().take(150) {
                writer.add_article(&article.unwrap(), None).unwrap();
            }
        }
        writer.commit().unwrap();
        index.reload().unwrap();
        let searcher = index.reader.searcher();
        assert!(searcher.segment_readers().len() > 1);
        let mut terms = Vec::new();
        for lang in [Lang::Fr, Lang::Ar] {
            let lf = index.fields.of(lang);
            for field in [lf.text_exact, lf.body] {
                for reader in searcher.segment_readers() {
                    let inverted = reader.inverted_index(field).unwrap();
                    let mut stream = inverted.terms().stream().unwrap();
                    while stream.advance() {
                        let text = String::from_utf8_lossy(stream.key()).into_owned();
                        terms.push(Term::from_field_text(field, &text));
                    }
                }
                terms.push(Term::from_field_text(field, "zzzzzz"));
            }
        }
        assert!(terms.len() > 10_000, "{} terms", terms.len());
        let kept = SnapshotStats::default();
        for pass in 0..2 {
            for term in terms.iter().skip(pass) {
                let doc_freq = kept.doc_freq(&searcher, term).unwrap();
                assert_eq!(doc_freq, searcher.doc_freq(term).unwrap(), "{term:?}");
                for reader in searcher.segment_readers() {
                    let info = kept.term_info(reader, term).unwrap();
                    let read = reader
                        .inverted_index(term.field())
                        .unwrap()
                        .get_term_info(term);
                    assert_eq!(info, read.unwrap(), "{term:?}");
                }
            }
        }
    }

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
