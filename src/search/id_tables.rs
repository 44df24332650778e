//! The article-id dictionaries of an index's segments, read whole once
//! searchers have looked up enough ids in them one by one, and shared by
//! every later searcher of the index; and the columns [`super::doc_ids`]
//! reads, opened once per segment (opening a column parses its header and,
//! for a column of blocks, every block's line: 2% of a served search).
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

use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::SegmentReader;

use crate::error::Result;
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
    columns: Option<Columns>,
}

/// The columns of one segment that [`super::doc_ids::DocIds`] reads.
#[derive(Clone)]
pub(crate) struct Columns {
    pub ids: Option<StrColumn>,
    pub passage_numbers: Column<u64>,
    pub leads: Column<u64>,
    pub text_hashes: Column<u64>,
}

impl Columns {
    fn open(reader: &SegmentReader) -> Result<Columns> {
        let fast = reader.fast_fields();
        Ok(Columns {
            ids: fast.str("article_id")?,
            passage_numbers: fast.u64("passage_no")?,
            leads: fast.u64("lead")?,
            text_hashes: fast.u64("text_hash")?,
        })
    }
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

    /// The columns of `reader`'s segment, opened by the first searcher
    /// that asks.
    pub(crate) fn columns_of(&self, reader: &SegmentReader) -> Result<Columns> {
        let id = reader.segment_id();
        if let Some(columns) = locked(&self.segments)
            .get(&id)
            .and_then(|s| s.columns.clone())
        {
            return Ok(columns);
        }
        let columns = Columns::open(reader)?;
        locked(&self.segments).entry(id).or_default().columns = Some(columns.clone());
        Ok(columns)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Index;

    /// Every searcher of the index gets the columns the first one opened;
    /// those of segments no longer searched are forgotten.
    #[test]
    fn columns_are_opened_once_per_segment() {
        let index = Index::seeds_in_ram();
        let tables = IdTables::default();
        let searcher = index.reader.searcher();
        let reader = &searcher.segment_readers()[0];
        let first = tables.columns_of(reader).unwrap();
        let again = tables.columns_of(reader).unwrap();
        assert!(Arc::ptr_eq(
            &first.passage_numbers.values,
            &again.passage_numbers.values
        ));
        let other = Index::seeds_in_ram();
        let live = crate::search::segment_ids(&other.reader.searcher());
        tables.tables_of(&live);
        assert!(tables.known().is_empty());
        let reopened = tables.columns_of(reader).unwrap();
        assert!(!Arc::ptr_eq(
            &first.passage_numbers.values,
            &reopened.passage_numbers.values
        ));
    }
}
