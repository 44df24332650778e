//! Which segments the writer merges: small ones, into segments of bounded size.
//!
//! tantivy reads the segments it merges through memory maps, and every page
//! a merge reads counts in the indexing process's resident memory until the
//! segment is unmapped. With tantivy's default policy the largest merge grows
//! with the archive (a 600 MB segment at four times the news corpora), and
//! so did the indexer's peak memory. Here no merge makes a segment of more
//! than [`MAX_MERGED_DOCS`] documents, so the pages a merge maps are bounded
//! whatever the size of the archive; the cost is more segments for a query
//! to visit (SCALING.md measures both).

use tantivy::index::SegmentMeta;
use tantivy::indexer::{MergeCandidate, MergePolicy};

/// Most documents a merge writes: about 170 MB of news index (an article
/// and its passages are about seven documents).
pub(crate) const MAX_MERGED_DOCS: u32 = 400_000;
/// Segments merged at once: fewer would rewrite each document more often.
const SEGMENTS_PER_MERGE: usize = 8;

/// Merges groups of [`SEGMENTS_PER_MERGE`] segments of similar size, each
/// small enough that the group stays within `max_docs` live documents.
/// A segment with many deleted documents counts by its live ones, so it is
/// merged again once it has shrunk.
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
        let largest = self.max_docs / SEGMENTS_PER_MERGE as u32;
        let mut small: Vec<&SegmentMeta> = segments
            .iter()
            .filter(|segment| segment.num_docs() <= largest)
            .collect();
        small.sort_by_key(|segment| segment.num_docs());
        small
            .chunks_exact(SEGMENTS_PER_MERGE)
            .map(|group| MergeCandidate(group.iter().map(|segment| segment.id()).collect()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::index::SegmentId;
    use tantivy::schema::Schema;

    use super::*;

    fn metas(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = tantivy::Index::create_in_ram(Schema::builder().build());
        sizes
            .iter()
            .map(|&size| index.new_segment_meta(SegmentId::generate_random(), size))
            .collect()
    }

    fn merged_sizes(policy: &BoundedMergePolicy, segments: &[SegmentMeta]) -> Vec<u32> {
        policy
            .compute_merge_candidates(segments)
            .iter()
            .map(|candidate| {
                candidate
                    .0
                    .iter()
                    .map(|id| segments.iter().find(|s| s.id() == *id).unwrap().num_docs())
                    .sum()
            })
            .collect()
    }

    #[test]
    fn small_segments_merge_in_groups_within_the_bound() {
        let policy = BoundedMergePolicy { max_docs: 800 };
        let segments = metas(&[100, 90, 80, 100, 95, 85, 70, 60, 10, 500, 700]);
        // The eight smallest of the nine segments of at most 100 documents
        // (the ninth is too few for a group), not the large ones.
        assert_eq!(merged_sizes(&policy, &segments), vec![590]);
    }

    #[test]
    fn segments_over_the_bound_are_never_merged() {
        let policy = BoundedMergePolicy { max_docs: 800 };
        let segments = metas(&[400; 16]);
        assert!(policy.compute_merge_candidates(&segments).is_empty());
    }

    #[test]
    fn no_merge_exceeds_the_bound() {
        let policy = BoundedMergePolicy { max_docs: 800 };
        let sizes: Vec<u32> = (1..=40).map(|n| n * 5).collect();
        for size in merged_sizes(&policy, &metas(&sizes)) {
            assert!(size <= 800, "a merge of {size} documents");
        }
    }
}
