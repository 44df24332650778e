//! The ranking's query: its clauses summed, its single terms read and
//! scored without tantivy's unions.
//!
//! The ranking visits every document a query matches (the total and the
//! facets need them all, and tantivy prunes only unions of bare terms), so
//! its cost is the union's: for every posting of every clause, tantivy's
//! `BufferedUnionScorer` calls the clause's scorer through a `Box<dyn
//! Scorer>` three times (its document, its score, the next one). Most
//! clauses are single terms ([`TermPart`]). [`SummedQuery`] walks the same
//! windows of 4,096 documents as tantivy's union, adding each clause's
//! scores in the same order, so every document gets the same score to the
//! last bit (tantivy sums a union of bare terms in another order, by
//! block-max WAND, which may differ in the last bit); but a term's
//! postings are read and scored in a loop of their own, with no call
//! through a pointer, and the window's documents go to the collector
//! directly rather than through the union's `DocSet`.
//!
//! Anything else goes the usual way: a query with required or excluded
//! clauses, a query run without scores (the matching pass), and
//! [`Weight::scorer`] (a date range intersects it with the query).

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25Weight, BooleanQuery, BooleanWeight, EmptyScorer, EnableScoring, Explanation, Occur, Query,
    Scorer, SumCombiner, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::term_part::TermPart;

/// The sum of optional clauses (a document matches when one of them
/// does), or, with required or excluded ones, tantivy's boolean query.
#[derive(Clone, Debug)]
pub(crate) struct SummedQuery(BooleanQuery);

impl SummedQuery {
    pub fn new(clauses: Vec<(Occur, Box<dyn Query>)>) -> SummedQuery {
        SummedQuery(BooleanQuery::new(clauses))
    }

    /// Its weight as a sum of clauses; `None` when tantivy's boolean weight
    /// runs it (without scores, or with a required or excluded clause).
    fn summed_weight(
        &self,
        enable_scoring: EnableScoring<'_>,
    ) -> tantivy::Result<Option<SummedWeight>> {
        let EnableScoring::Enabled {
            statistics_provider,
            ..
        } = enable_scoring
        else {
            return Ok(None);
        };
        let clauses = self.0.clauses();
        if clauses.iter().any(|(occur, _)| *occur != Occur::Should) {
            return Ok(None);
        }
        let parts = clauses
            .iter()
            .map(|(_, query)| {
                Ok(match query.downcast_ref::<TermPart>() {
                    Some(part) => ClauseWeight::Term(Arc::new(TermPartWeight {
                        term: part.term().clone(),
                        bm25: part.bm25(statistics_provider)?,
                    })),
                    None => ClauseWeight::Other(Arc::from(query.weight(enable_scoring)?)),
                })
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(Some(SummedWeight { parts }))
    }
}

impl Query for SummedQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        match self.summed_weight(enable_scoring)? {
            Some(summed) => Ok(Box::new(summed)),
            None => self.0.weight(enable_scoring),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

/// One clause's weight: a term's, scored here, or any other query's.
enum ClauseWeight {
    Term(Arc<TermPartWeight>),
    Other(Arc<dyn Weight>),
}

struct SummedWeight {
    parts: Vec<ClauseWeight>,
}

impl SummedWeight {
    /// The clauses' scorers in one segment, in order, the empty ones left out.
    fn cursors(&self, reader: &SegmentReader) -> tantivy::Result<Vec<Cursor>> {
        let mut cursors = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            let cursor = match part {
                ClauseWeight::Term(term) => match term.scorer_in(reader, 1.0)? {
                    Some(scorer) => Cursor::Term(Box::new(scorer)),
                    None => continue,
                },
                ClauseWeight::Other(weight) => Cursor::Other(weight.scorer(reader, 1.0)?),
            };
            if cursor.doc() != TERMINATED {
                cursors.push(cursor);
            }
        }
        Ok(cursors)
    }

    /// Tantivy's boolean weight over the same clauses.
    fn as_boolean(&self) -> BooleanWeight<SumCombiner> {
        let weights = self
            .parts
            .iter()
            .map(|part| {
                let weight: Arc<dyn Weight> = match part {
                    ClauseWeight::Term(term) => term.clone(),
                    ClauseWeight::Other(other) => other.clone(),
                };
                (
                    Occur::Should,
                    Box::new(SharedWeight(weight)) as Box<dyn Weight>,
                )
            })
            .collect();
        BooleanWeight::with_minimum_number_should_match(
            weights,
            1,
            true,
            Box::new(SumCombiner::default),
        )
    }
}

impl Weight for SummedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.as_boolean().scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.as_boolean().explain(reader, doc)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        let mut cursors = self.cursors(reader)?;
        sum_in_windows(&mut cursors, Score::MIN, &mut |doc, score| {
            callback(doc, score);
            Score::MIN
        });
        Ok(())
    }

    /// Every document scoring above the threshold goes to `callback`,
    /// which returns the threshold from then on; none is skipped by its
    /// bounds, as tantivy's union of several kinds of clauses skips none.
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut cursors = self.cursors(reader)?;
        sum_in_windows(&mut cursors, threshold, callback);
        Ok(())
    }
}

/// The documents of a window: as many as tantivy's union buffers.
const WINDOW: usize = 4096;

/// Sums the cursors' scores window by window, from the first document any
/// of them is on, and hands each document of a window with its sum to
/// `callback` in order. Stops when the threshold reaches `Score::MAX`,
/// which no document can beat.
fn sum_in_windows(
    cursors: &mut Vec<Cursor>,
    mut threshold: Score,
    callback: &mut dyn FnMut(DocId, Score) -> Score,
) {
    let mut scores = vec![0.0; WINDOW].into_boxed_slice();
    let mut matched = [0u64; WINDOW / 64];
    while let Some(start) = cursors.iter().map(Cursor::doc).min() {
        let end = start.saturating_add(WINDOW as DocId);
        let mut window = Window {
            start,
            end,
            scores: &mut scores,
            matched: &mut matched,
        };
        for cursor in cursors.iter_mut() {
            match cursor {
                Cursor::Term(scorer) => window.add(scorer.as_mut()),
                Cursor::Other(scorer) => window.add(scorer.as_mut()),
            }
        }
        cursors.retain(|cursor| cursor.doc() != TERMINATED);
        for (bucket, bits) in matched.iter_mut().enumerate() {
            let mut bits = std::mem::take(bits);
            while bits != 0 {
                let at = bucket * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let score = std::mem::take(&mut scores[at]);
                if score > threshold {
                    threshold = callback(start + at as DocId, score);
                }
            }
        }
        if threshold == Score::MAX {
            return;
        }
    }
}

/// The window of documents `start..end` being summed.
struct Window<'a> {
    start: DocId,
    end: DocId,
    scores: &'a mut [Score],
    matched: &'a mut [u64; WINDOW / 64],
}

impl Window<'_> {
    /// Adds the scores of the scorer's documents in the window, each to
    /// its document's sum, and leaves the scorer on its first document
    /// after the window.
    #[inline]
    fn add<S: Scorer + ?Sized>(&mut self, scorer: &mut S) {
        let mut doc = scorer.doc();
        while doc < self.end {
            let at = (doc - self.start) as usize;
            self.scores[at] += scorer.score();
            self.matched[at / 64] |= 1 << (at % 64);
            doc = scorer.advance();
        }
    }
}

/// A clause's scorer in a segment.
enum Cursor {
    Term(Box<TermPartScorer>),
    Other(Box<dyn Scorer>),
}

impl Cursor {
    fn doc(&self) -> DocId {
        match self {
            Cursor::Term(scorer) => scorer.doc(),
            Cursor::Other(scorer) => scorer.doc(),
        }
    }
}

/// A term's weight: its BM25 weight, boosts included.
struct TermPartWeight {
    term: Term,
    bm25: Bm25Weight,
}

impl TermPartWeight {
    /// Its scorer in a segment; `None` where the segment lacks the term.
    fn scorer_in(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<TermPartScorer>> {
        let field = self.term.field();
        let Some(postings) = reader
            .inverted_index(field)?
            .read_postings(&self.term, IndexRecordOption::WithFreqs)?
        else {
            return Ok(None);
        };
        // As tantivy's term weight: a field without norms counts each
        // document one token long.
        let norms = match reader.fieldnorms_readers().get_field(field)? {
            Some(norms) => norms,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        Ok(Some(TermPartScorer {
            postings,
            norms,
            bm25: self.bm25.boost_by(boost),
        }))
    }
}

impl Weight for TermPartWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.scorer_in(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let found = self.scorer_in(reader, 1.0)?;
        let Some(mut scorer) = found.filter(|scorer| scorer.doc() <= doc) else {
            return Err(does_not_match(doc));
        };
        if scorer.seek(doc) != doc {
            return Err(does_not_match(doc));
        }
        let norm = scorer.norms.fieldnorm_id(doc);
        let mut explanation = scorer.bm25.explain(norm, scorer.postings.term_freq());
        explanation.add_context(format!("Term={:?}", self.term));
        Ok(explanation)
    }
}

/// The error of explaining a document that does not match, as tantivy's.
fn does_not_match(doc: DocId) -> tantivy::TantivyError {
    tantivy::TantivyError::InvalidArgument(format!("Document #({doc}) does not match"))
}

/// A term's postings in a segment, scored with its BM25 weight as
/// tantivy's `TermScorer` scores them.
struct TermPartScorer {
    postings: SegmentPostings,
    norms: FieldNormReader,
    bm25: Bm25Weight,
}

impl DocSet for TermPartScorer {
    #[inline]
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    #[inline]
    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for TermPartScorer {
    #[inline]
    fn score(&mut self) -> Score {
        let norm = self.norms.fieldnorm_id(self.postings.doc());
        self.bm25.score(norm, self.postings.term_freq())
    }
}

/// A weight shared between [`SummedWeight`] and the boolean weight it
/// builds for [`Weight::scorer`].
struct SharedWeight(Arc<dyn Weight>);

impl Weight for SharedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.0.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::build::{build_query, Analyzers};
    use crate::query::parse;
    use crate::query::stats::FieldStats;
    use crate::topics::read_topics;
    use crate::{Index, Weights};
    use tantivy::collector::TopDocs;
    use tantivy::{DocAddress, Searcher};

    /// Every document a weight hands over in each segment, with its
    /// score's bits.
    type Visited = Vec<(u32, DocId, u32)>;

    fn visit(
        searcher: &Searcher,
        each: impl Fn(&SegmentReader, &mut dyn FnMut(DocId, Score)),
    ) -> Visited {
        let mut visited = Vec::new();
        for (segment, reader) in searcher.segment_readers().iter().enumerate() {
            each(reader, &mut |doc, score| {
                visited.push((segment as u32, doc, score.to_bits()))
            });
        }
        visited
    }

    /// On the first articles of both news corpora (several windows of
    /// documents), every headline topic's query, translated, scores each
    /// document it matches as tantivy's union of the same clauses does, to
    /// the last bit, whether the documents are handed over all, above a
    /// threshold that rises, or by its scorer.
    #[test]
    fn the_sum_scores_every_document_as_the_union_does() {
        let corpora = [
            "corpora/ar-saudinewsnet.jsonl.gz",
            "corpora/fr-orangesum.jsonl.gz",
        ];
        let Some(index) = Index::shared_in_ram(&corpora, 1_500) else {
            return;
        };
        let searcher = index.reader.searcher();
        assert!(
            searcher.num_docs() as usize > 2 * WINDOW,
            "{}",
            searcher.num_docs()
        );
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        let mut analyzers = Analyzers::new(&index.inner, &index.fields);
        let weights = Weights::default();
        let eval = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
        let mut windows_crossed = 0;
        for set in ["ar-news-headline", "fr-news-headline"] {
            let topics = read_topics(&eval.join(set).join("topics.tsv")).unwrap();
            for topic in topics.topics.iter().take(60) {
                let text = topic.query.as_str();
                stats.start_query(&weights);
                let built = build_query(
                    &parse(text),
                    text,
                    &index.fields,
                    &mut analyzers,
                    &weights,
                    None,
                    &stats,
                    Some(&index.skeletons),
                )
                .unwrap();
                let query = built.query();
                let summed = query.downcast_ref::<SummedQuery>().unwrap();
                let union = BooleanQuery::new(
                    summed
                        .0
                        .clauses()
                        .iter()
                        .map(|(o, q)| (*o, q.box_clone()))
                        .collect(),
                );
                let scoring = EnableScoring::enabled_from_statistics_provider(&stats, &searcher);
                let expected_weight = union.weight(scoring).unwrap();
                let expected = visit(&searcher, |reader, push| {
                    expected_weight
                        .for_each_pruning(Score::MIN, reader, &mut |doc, score| {
                            push(doc, score);
                            Score::MIN
                        })
                        .unwrap()
                });
                let weight = summed.summed_weight(scoring).unwrap().unwrap();
                let pruning = visit(&searcher, |reader, push| {
                    weight
                        .for_each_pruning(Score::MIN, reader, &mut |doc, score| {
                            push(doc, score);
                            Score::MIN
                        })
                        .unwrap()
                });
                assert_eq!(pruning, expected, "{text}");
                let each = visit(&searcher, |reader, push| {
                    weight.for_each(reader, push).unwrap()
                });
                assert_eq!(each, expected, "{text}");
                let scored = visit(&searcher, |reader, push| {
                    let mut scorer = weight.scorer(reader, 1.0).unwrap();
                    while scorer.doc() != TERMINATED {
                        push(scorer.doc(), scorer.score());
                        scorer.advance();
                    }
                });
                assert_eq!(scored, expected, "{text}");
                let top = TopDocs::with_limit(10).order_by_score();
                let best = |query: &dyn Query| -> Vec<(Score, DocAddress)> {
                    searcher
                        .search_with_statistics_provider(query, &top, &stats)
                        .unwrap()
                };
                assert_eq!(best(query.as_ref()), best(&union), "{text}");
                let first = expected.first().map_or(0, |&(_, doc, _)| doc);
                let last = expected.last().map_or(0, |&(_, doc, _)| doc);
                windows_crossed += usize::from(last - first >= WINDOW as DocId);
            }
        }
        assert!(
            windows_crossed > 10,
            "{windows_crossed} queries span windows"
        );
    }

    /// A query with a required word is tantivy's boolean query.
    #[test]
    fn a_required_clause_leaves_the_query_to_tantivy() {
        let index = Index::seeds_in_ram();
        let searcher = index.reader.searcher();
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        let mut analyzers = Analyzers::new(&index.inner, &index.fields);
        let weights = Weights::default();
        let scoring = EnableScoring::enabled_from_statistics_provider(&stats, &searcher);
        for (text, summed) in [("Burns Caire", true), ("Burns +Caire", false)] {
            let built = build_query(
                &parse(text),
                text,
                &index.fields,
                &mut analyzers,
                &weights,
                None,
                &stats,
                Some(&index.skeletons),
            )
            .unwrap();
            let query = built.query();
            let query = query.downcast_ref::<SummedQuery>().unwrap();
            assert_eq!(
                query.summed_weight(scoring).unwrap().is_some(),
                summed,
                "{text}"
            );
        }
    }
}
