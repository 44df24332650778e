//! The best-scoring documents of a query and every article it matches,
//! in one pass over its documents.
//!
//! A query that is not a plain union of terms is scored document by
//! document anyway (tantivy prunes only unions and intersections of
//! terms), so the ranking visits every matching document. When a view
//! also wants the total or the facets, this collector records each
//! document's article on the same visit, instead of running the query a
//! second time for [`Matches`] alone.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Weight;
use tantivy::{DocAddress, Score, SegmentOrdinal, SegmentReader};

use super::article_table::ArticleAt;
use super::matches::Matches;
use super::source_filter::Counted;
use super::top_docs::{SegmentBest, TopScored, Unused};

/// What [`TopScored`] finds, and what [`Matches`] finds, of one query.
/// Sources and the deadline are those of the [`Matches`].
pub(crate) struct BestAndMatches {
    pub best: TopScored,
    pub matches: Matches,
}

impl Collector for BestAndMatches {
    type Fruit = (Vec<(Score, DocAddress)>, Vec<ArticleAt>);
    type Child = Unused<Self::Fruit>;

    fn for_segment(&self, _: SegmentOrdinal, _: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(Unused::default())
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    /// Every matching document is offered to both: the threshold handed
    /// back to the scorer stays at its lowest, so none is pruned.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Fruit> {
        let Matches(sources, deadline, _) = &self.matches;
        if deadline.passed() {
            return Ok((Vec::new(), Vec::new()));
        }
        let mut ticker = deadline.ticker();
        let mut best = SegmentBest::new(self.best.limit());
        let mut matches = self.matches.for_segment(segment, reader)?;
        let counted = Counted::in_segment(reader, sources.as_ref())?;
        weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
            if ticker.passed() {
                return Score::MAX;
            }
            if counted.counts(doc) {
                matches.offer(doc);
                best.offer(doc, score);
            }
            Score::MIN
        })?;
        Ok((best.harvest(segment), matches.harvest()))
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let (best, matched): (Vec<_>, Vec<_>) = fruits.into_iter().unzip();
        Ok((
            self.best.merge_fruits(best)?,
            self.matches.merge_fruits(matched)?,
        ))
    }
}
