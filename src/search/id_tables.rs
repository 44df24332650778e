//! The article-id dictionaries of an index's segments, read whole once
//! searchers have looked up enough ids in them one by one, and shared by
//! every later searcher of the index.
//!
//! A searcher that runs one query (a server request, a command) looks up
//! a few dozen ids, too few to pay for reading a dictionary by itself (see
//! [`super::doc_ids`]); a server runs thousands of such searchers over the
//! same segments. Counting the single lookups per segment across searchers
//! reads each dictionary once the searchers together have spent what that
//! costs. A segment's dictionary never changes (deletes leave it as it
//! is), so a table stays right across reloads; tables of segments that
//! are no longer searched are dropped, which bounds the memory to the
//! segments of the last snapshot (about 20 bytes per article).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;

use crate::index::term_table::TermTable;
use crate::sync::locked;

/// The shared tables of one index, and the lookups counted towards them.
#[derive(Default)]
pub(crate) struct IdTables {
    segments: Mutex<HashMap<SegmentId, Segment>>,
}

#[derive(Default)]
struct Segment {
    /// Single lookups made so far by every searcher.
    lookups: usize,
    table: Option<Arc<TermTable>>,
}

impl IdTables {
    /// The tables of `live` read so far, in the order given; forgets those
    /// of other segments.
    pub(crate) fn tables_of(&self, live: &[SegmentId]) -> Vec<Option<Arc<TermTable>>> {
        let mut segments = locked(&self.segments);
        segments.retain(|id, _| live.contains(id));
        live.iter()
            .map(|id| segments.get(id).and_then(|s| s.table.clone()))
            .collect()
    }

    /// Counts one single lookup in `segment`; true once the lookups of
    /// every searcher cost as much as reading the dictionary (`cost`
    /// lookups) and no table has been kept yet.
    pub(crate) fn count_lookup(&self, segment: SegmentId, cost: usize) -> bool {
        let mut segments = locked(&self.segments);
        let counted = segments.entry(segment).or_default();
        counted.lookups += 1;
        counted.table.is_none() && counted.lookups >= cost
    }

    /// Keeps the table of `segment` for later searchers.
    pub(crate) fn keep(&self, segment: SegmentId, table: Arc<TermTable>) {
        locked(&self.segments).entry(segment).or_default().table = Some(table);
    }

    /// The segments counted or kept.
    #[cfg(test)]
    pub(crate) fn known(&self) -> Vec<SegmentId> {
        locked(&self.segments).keys().copied().collect()
    }
}
