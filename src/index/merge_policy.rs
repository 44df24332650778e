//! Which segments the writer merges: small ones, into segments of bounded size.
//!
//! tantivy reads the segments it merges through memory maps, and every page
//! a merge reads counts in the indexing process's resident memory until the
//! segment is unmapped. With tantivy's default policy the largest merge grows
//! with the archive (a 600 MB segment at four times the news corpora), and
//! so did the indexer's peak memory. Here no merge makes a segment of more
//! than [`MAX_MERGED_DOCS`] documents, so the pages a merge maps are bounded
//! whatever the size of the archive. Groups of two to eight segments are
//! merged as long as they fit, so that the segments a query visits stay
//! few as well: about one per 200,000 to 400,000 documents, and up to four
//! smaller ones.
//!
//! At the end of a run that wrote much of a small archive, [`compaction`]
//! merges it into one segment: a query then opens each of its terms once
//! instead of once per segment, about a sixth less CPU per query on the
//! news corpora (BENCHMARKS.md), for two seconds of indexing.

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{MergeCandidate, MergePolicy};

/// Most documents a merge writes: about 170 MB of news index (an article
/// and its passages are about seven documents).
pub(crate) const MAX_MERGED_DOCS: u32 = 400_000;
/// Most segments merged at once.
const MAX_SEGMENTS_PER_MERGE: usize = 8;
/// Small segments left alone while a run goes on: the writer's own
/// flushes of the news corpora (three or four) are merged once, by
/// [`compaction`] at the end, rather than again and again as they come.
const SMALL_SEGMENTS_KEPT: usize = 4;
/// The largest archive [`compaction`] merges into one segment, in
/// documents: about twice the news corpora (470,000 documents, merged in
/// about two seconds).
const COMPACTED_MAX_DOCS: u64 = 1_000_000;

/// Merges the smallest segments in groups of up to
/// [`MAX_SEGMENTS_PER_MERGE`] whose live documents stay within `max_docs`,
/// once there are more than [`SMALL_SEGMENTS_KEPT`] small ones.
///
/// A group is merged once it is worth it: it has the full eight segments or
/// at least half of `max_docs` documents. Waiting for that much keeps each
/// document from being rewritten many times as flushed segments arrive one
/// by one (a document is merged about twice on its way to a full segment).
/// Only segments of at most half the bound take part, since a larger one
/// could join no other; a segment with many deleted documents counts by its
/// live ones, so it is merged again once it has shrunk.
#[derive(Debug, Clone)]
pub(crate) struct BoundedMergePolicy {
    pub(crate) max_docs: u32,
}

impl Default for BoundedMergePolicy {
    fn default() -> Self {
        BoundedMergePolicy {
            max_docs: MAX_MERGED_DOCS,
        }
    }
}

impl MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let max_docs = u64::from(self.max_docs);
        let mut small: Vec<&SegmentMeta> = segments
            .iter()
            .filter(|segment| u64::from(segment.num_docs()) * 2 <= max_docs)
            .collect();
        if small.len() <= SMALL_SEGMENTS_KEPT {
            return Vec::new();
        }
        small.sort_by_key(|segment| segment.num_docs());
        let worth_it = |group: &[&SegmentMeta], docs: u64| {
            group.len() == MAX_SEGMENTS_PER_MERGE || (group.len() >= 2 && docs * 2 >= max_docs)
        };
        let mut candidates = Vec::new();
        let mut group: Vec<&SegmentMeta> = Vec::new();
        let mut docs = 0u64;
        for segment in small {
            let size = u64::from(segment.num_docs());
            if group.len() == MAX_SEGMENTS_PER_MERGE || docs + size > max_docs {
                if worth_it(&group, docs) {
                    candidates.push(candidate(&group));
                }
                group.clear();
                docs = 0;
            }
            group.push(segment);
            docs += size;
        }
        if worth_it(&group, docs) {
            candidates.push(candidate(&group));
        }
        candidates
    }
}

/// The segments to merge into one at the end of a run that wrote
/// `written` documents: all of them, when there are several, they hold at
/// most [`COMPACTED_MAX_DOCS`] documents, and the run wrote at least a
/// quarter of those. The last condition spares a small update to a
/// compacted archive from rewriting the whole of it; its segment waits for
/// a larger run.
pub(crate) fn compaction(segments: &[SegmentMeta], written: u64) -> Option<Vec<SegmentId>> {
    let total: u64 = segments.iter().map(|s| u64::from(s.num_docs())).sum();
    let worth_it = segments.len() >= 2 && total <= COMPACTED_MAX_DOCS && written * 4 >= total;
    worth_it.then(|| segments.iter().map(SegmentMeta::id).collect())
}

fn candidate(group: &[&SegmentMeta]) -> MergeCandidate {
    MergeCandidate(group.iter().map(|segment| segment.id()).collect())
}

#[cfg(test)]
mod tests {
    use tantivy::schema::Schema;

    use super::*;

    fn metas(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = tantivy::Index::create_in_ram(Schema::builder().build());
        sizes
            .iter()
            .map(|&size| index.new_segment_meta(SegmentId::generate_random(), size))
            .collect()
    }

    /// The merges proposed, each as its segments' sizes, smallest first.
    fn merges(policy: &BoundedMergePolicy, segments: &[SegmentMeta]) -> Vec<Vec<u32>> {
        policy
            .compute_merge_candidates(segments)
            .iter()
            .map(|candidate| {
                let mut sizes: Vec<u32> = candidate
                    .0
                    .iter()
                    .map(|id| segments.iter().find(|s| s.id() == *id).unwrap().num_docs())
                    .collect();
                sizes.sort_unstable();
                sizes
            })
            .collect()
    }

    #[test]
    fn eight_small_segments_merge_into_one() {
        let policy = BoundedMergePolicy { max_docs: 800 };
        let segments = metas(&[10, 9, 8, 10, 9, 8, 7, 6, 1, 500, 700]);
        // The eight smallest of the nine small segments (the ninth is too
        // few for a merge of its own), not the large ones.
        assert_eq!(
            merges(&policy, &segments),
            vec![vec![1, 6, 7, 8, 8, 9, 9, 10]]
        );
    }

    #[test]
    fn small_segments_merge_once_they_make_half_the_bound() {
        let policy = BoundedMergePolicy { max_docs: 800 };
        // Five small segments of 320 documents in all: not yet half the bound.
        assert!(merges(&policy, &metas(&[100, 110, 90, 10, 10])).is_empty());
        // Five of 500: one merge.
        assert_eq!(
            merges(&policy, &metas(&[100, 110, 90, 105, 95])),
            vec![vec![90, 95, 100, 105, 110]]
        );
        // The largest that fit with the smallest; the last one alone waits.
        assert_eq!(
            merges(&policy, &metas(&[400, 390, 20, 20, 20])),
            vec![vec![20, 20, 20, 390]]
        );
    }

    #[test]
    fn four_small_segments_are_left_alone() {
        let policy = BoundedMergePolicy { max_docs: 800 };
        assert!(merges(&policy, &metas(&[120, 110, 130, 90])).is_empty());
        assert!(merges(&policy, &metas(&[100, 110, 90, 105, 700])).is_empty());
    }

    #[test]
    fn a_run_that_wrote_much_of_a_small_archive_compacts_it() {
        let all = |sizes: &[u32], written: u64| {
            let segments = metas(sizes);
            compaction(&segments, written).map(|ids| ids.len())
        };
        // The writer's flushes of the news corpora, however uneven.
        assert_eq!(all(&[120_000, 118_000, 117_000, 117_000], 472_000), Some(4));
        assert_eq!(all(&[69, 13], 82), Some(2));
        // A second corpus added to a compacted one.
        assert_eq!(all(&[236_000, 120_000, 116_000], 236_000), Some(3));
        // One segment already; a small update; too large an archive.
        assert_eq!(all(&[472_000], 472_000), None);
        assert_eq!(all(&[472_000, 700, 20], 720), None);
        assert_eq!(all(&[400_000, 400_000, 400_000], 1_200_000), None);
    }

    #[test]
    fn segments_over_half_the_bound_are_never_merged() {
        let policy = BoundedMergePolicy { max_docs: 800 };
        assert!(merges(&policy, &metas(&[401; 16])).is_empty());
    }

    #[test]
    fn no_merge_exceeds_the_bound_and_many_segments_become_few() {
        let policy = BoundedMergePolicy { max_docs: 800 };
        let sizes: Vec<u32> = (1..=40).map(|n| n * 10).collect();
        let proposed = merges(&policy, &metas(&sizes));
        for group in &proposed {
            let docs: u32 = group.iter().sum();
            assert!(docs <= 800, "a merge of {docs} documents");
            assert!(group.len() >= 2);
        }
        // The 40 segments of 10 to 400 documents (8,200 in all) leave at
        // most one segment outside a merge for each 400 documents.
        let merged: usize = proposed.iter().map(Vec::len).sum();
        assert!(40 - merged + proposed.len() <= 8_200 / 400 + 1);
    }
}
