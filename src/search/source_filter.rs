//! The source filter, applied by the collectors on the `source_key` fast
//! field rather than as a clause of the query: a required clause would
//! turn the ranking's union of words into an intersection, which tantivy
//! scores exhaustively instead of skipping the blocks that cannot reach
//! the best scores (block-max pruning).

use tantivy::columnar::StrColumn;
use tantivy::fastfield::AliveBitSet;
use tantivy::{DocId, SegmentReader};

/// The source keys a search keeps (see `index::writer::source_key`).
#[derive(Debug, Clone)]
pub(crate) struct SourceFilter {
    keys: Vec<String>,
}

impl SourceFilter {
    /// The filter of `sources`, or `None` for every source.
    pub fn new(sources: &[String]) -> Option<SourceFilter> {
        if sources.is_empty() {
            return None;
        }
        let keys = sources
            .iter()
            .filter_map(|source| crate::index::writer::source_key(source))
            .collect();
        Some(SourceFilter { keys })
    }

    /// The filter within one segment: the ordinals of its keys there.
    pub fn for_segment(&self, reader: &SegmentReader) -> tantivy::Result<SegmentSourceFilter> {
        let column = reader.fast_fields().str("source_key")?;
        let mut ords = Vec::new();
        if let Some(column) = &column {
            for key in &self.keys {
                ords.extend(column.dictionary().term_ord(key)?);
            }
        }
        Ok(SegmentSourceFilter { column, ords })
    }
}

/// [`SourceFilter`] within one segment.
pub(crate) struct SegmentSourceFilter {
    column: Option<StrColumn>,
    ords: Vec<u64>,
}

impl SegmentSourceFilter {
    /// Whether the document is from one of the sources kept.
    pub fn allows(&self, doc: DocId) -> bool {
        self.column
            .as_ref()
            .and_then(|column| column.term_ords(doc).next())
            .is_some_and(|ord| self.ords.contains(&ord))
    }
}

/// The documents of one segment that a collector counts: those not
/// deleted, from the sources kept.
pub(crate) struct Counted<'a> {
    alive: Option<&'a AliveBitSet>,
    sources: Option<SegmentSourceFilter>,
}

impl<'a> Counted<'a> {
    /// The documents of `reader` counted, from `sources` (all for `None`).
    pub fn in_segment(
        reader: &'a SegmentReader,
        sources: Option<&SourceFilter>,
    ) -> tantivy::Result<Counted<'a>> {
        Ok(Counted {
            alive: reader.alive_bitset(),
            sources: sources.map(|s| s.for_segment(reader)).transpose()?,
        })
    }

    /// Whether `doc` counts.
    pub fn counts(&self, doc: DocId) -> bool {
        !self.alive.is_some_and(|alive| alive.is_deleted(doc))
            && self.sources.as_ref().is_none_or(|s| s.allows(doc))
    }
}
