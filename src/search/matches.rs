//! Every article a query matches, as its number in its segment's
//! [`ArticleTable`], which holds what the archive views need of it (date,
//! source, language, text hash).
//!
//! The ranking looks at the best-scoring documents only; the total, the
//! facets and date order need all matching articles. This collector
//! visits every matching document without scoring it, keeps the first
//! one of each article and skips the rest of it.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Weight;
use tantivy::{DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED};

use super::article_table::{ArticleAt, ArticleSnapshot, ArticleTable};
use super::deadline::Deadline;
use super::source_filter::{Counted, SourceFilter};

/// Collects the articles a query matches, in no particular order, of the
/// sources kept (all for `None`), until the deadline, as numbers in the
/// searcher's article tables.
pub(crate) struct Matches(
    pub Option<SourceFilter>,
    pub Deadline,
    pub Arc<ArticleSnapshot>,
);

impl Collector for Matches {
    type Fruit = Vec<ArticleAt>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let table = self.2.table(segment);
        Ok(SegmentMatches {
            segment,
            found: Vec::new(),
            table,
            through: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    /// Visits the first matching document of each article and skips the
    /// rest of it: an article's documents are consecutive, its article
    /// document last, so the scorer seeks past that one. A query matches
    /// several documents of most articles it matches (passages and the
    /// article document), which are not visited.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<ArticleAt>> {
        let mut child = self.for_segment(segment, reader)?;
        let counted = Counted::in_segment(reader, self.0.as_ref())?;
        if self.1.passed() {
            return Ok(Vec::new());
        }
        let mut ticker = self.1.ticker();
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED && !ticker.passed() {
            if !counted.counts(doc) {
                doc = scorer.advance();
                continue;
            }
            let last = child.visit(doc);
            doc = if last > doc {
                scorer.seek(last + 1)
            } else {
                scorer.advance()
            };
        }
        Ok(child.harvest())
    }

    fn merge_fruits(&self, mut fruits: Vec<Vec<ArticleAt>>) -> tantivy::Result<Vec<ArticleAt>> {
        // One segment's are all of them.
        if fruits.len() == 1 {
            return Ok(fruits.pop().unwrap_or_default());
        }
        // Sized once: collecting a flattened iterator would grow the vector
        // (and copy it) again and again.
        let mut all = Vec::with_capacity(fruits.iter().map(Vec::len).sum());
        for fruit in fruits {
            all.extend(fruit);
        }
        Ok(all)
    }
}

/// One segment's table and the articles found in it so far.
pub(crate) struct SegmentMatches {
    segment: SegmentOrdinal,
    table: Arc<ArticleTable>,
    /// The last document of the last article recorded by [`SegmentMatches::offer`].
    through: Option<DocId>,
    found: Vec<ArticleAt>,
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<ArticleAt>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.offer(doc);
    }

    fn harvest(self) -> Vec<ArticleAt> {
        self.found
    }
}

impl SegmentMatches {
    /// Records the article of `doc`, one of a scan of matching documents
    /// in ascending order: the documents after the first one of an
    /// article, up to its article document, are passed over.
    pub fn offer(&mut self, doc: DocId) {
        if self.through.is_none_or(|through| doc > through) {
            self.through = Some(self.visit(doc));
        }
    }

    /// Records the article of a matching document, later than those of the
    /// articles recorded before; returns its article document, the last
    /// document of the article, or `doc` itself past the last article.
    fn visit(&mut self, doc: DocId) -> DocId {
        let Some(at) = self.table.article_of(doc) else {
            return doc;
        };
        if self.found.is_empty() {
            // Room for every article left in the segment: growing the
            // vector would copy it again and again, and only the pages
            // written are ever touched.
            self.found.reserve(self.table.len() - at);
        }
        self.found.push(ArticleAt {
            segment: self.segment,
            // A segment has fewer than 2^31 documents.
            at: at as u32,
        });
        self.table.end(at)
    }
}
