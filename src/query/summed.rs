//! The ranking's query: its clauses summed, its single terms and
//! translation groups read and scored without tantivy's unions.
//!
//! The ranking visits every document a query matches (the total and the
//! facets need them all, and tantivy prunes only unions of bare terms), so
//! its cost is the union's: for every posting of every clause, tantivy's
//! `BufferedUnionScorer` calls the clause's scorer through a `Box<dyn
//! Scorer>` three times (its document, its score, the next one), and a
//! translation group of several alternatives is a union of unions. Most
//! clauses are single terms ([`TermPart`]) or such groups ([`BestOf`]).
//! [`SummedQuery`] walks the same windows of 4,096 documents as tantivy's
//! union, adding each clause's scores in the same order and taking a
//! group's best alternative as tantivy's `DisjunctionMaxQuery` does, so
//! every document gets the same score to the last bit (tantivy sums a
//! union of bare terms in another order, by block-max WAND, which may
//! differ in the last bit); but a term's postings are read and scored in
//! a loop of their own, with no call through a pointer, and the window's
//! documents go to the collector directly (`sums`).
//!
//! A query with required or excluded clauses, and any query run without
//! scores (the matching pass), is tantivy's boolean query.

use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, EnableScoring, Explanation, Occur, Query, Scorer, Weight,
};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::best_of::BestOf;
pub(crate) use super::sums::Sums;
use super::sums::{Cursor, PartCursor, SummedScorer};
use super::term_part::{TermPart, TermPartWeight};

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
    pub(crate) fn summed_weight(
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
        let part = |query: &dyn Query| part_weight(query, enable_scoring, statistics_provider);
        let clauses = clauses
            .iter()
            .map(|(_, query)| {
                Ok(match query.downcast_ref::<BestOf>() {
                    Some(best) => ClauseWeight::Best(
                        best.alternatives()
                            .iter()
                            .map(|queries| queries.iter().map(|q| part(q.as_ref())).collect())
                            .collect::<tantivy::Result<_>>()?,
                    ),
                    None => ClauseWeight::Part(part(query.as_ref())?),
                })
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(Some(SummedWeight { clauses }))
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

/// The weight of a query summed here: a term's, or any other query's.
fn part_weight(
    query: &dyn Query,
    enable_scoring: EnableScoring<'_>,
    statistics: &dyn Bm25StatisticsProvider,
) -> tantivy::Result<PartWeight> {
    Ok(match query.downcast_ref::<TermPart>() {
        Some(part) => PartWeight::Term(part.weight_for(statistics)?),
        None => PartWeight::Other(query.weight(enable_scoring)?),
    })
}

/// A query summed here: a term, read here, or any other query, read
/// through its scorer.
enum PartWeight {
    Term(TermPartWeight),
    Other(Box<dyn Weight>),
}

impl PartWeight {
    /// Its cursor in a segment, its scores multiplied by `boost`; `None`
    /// when it matches nothing there.
    fn cursor(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Option<PartCursor>> {
        let cursor = match self {
            PartWeight::Term(term) => match term.scorer_in(reader, boost)? {
                Some(scorer) => PartCursor::Term(Box::new(scorer)),
                None => return Ok(None),
            },
            PartWeight::Other(weight) => PartCursor::Other(weight.scorer(reader, boost)?),
        };
        Ok((cursor.doc() != TERMINATED).then_some(cursor))
    }
}

/// One clause: a query, or a group's alternatives, each a sum of queries.
enum ClauseWeight {
    Part(PartWeight),
    Best(Vec<Vec<PartWeight>>),
}

pub(crate) struct SummedWeight {
    clauses: Vec<ClauseWeight>,
}

impl SummedWeight {
    /// Its clauses' cursors in a segment, for scoring a few documents with
    /// [`Sums::score_at`].
    pub(crate) fn sums_in(&self, reader: &SegmentReader) -> tantivy::Result<Sums> {
        self.sums(reader, 1.0)
    }

    /// Hands every document of the segment it matches, with its score, to
    /// `f`, in order, until `f` returns `false`. A collector that takes
    /// every document calls this directly rather than through
    /// [`Weight::for_each_pruning`], whose callback is called through a
    /// pointer for each document.
    #[inline]
    pub(crate) fn for_each_until(
        &self,
        reader: &SegmentReader,
        mut f: impl FnMut(DocId, Score) -> bool,
    ) -> tantivy::Result<()> {
        let mut sums = self.sums(reader, 1.0)?;
        let mut going = true;
        while going && sums.fill() {
            sums.window.drain(|doc, score| {
                going = going && f(doc, score);
            });
        }
        Ok(())
    }

    /// The sums of the clauses in one segment, each clause's scores
    /// multiplied by `boost` (as tantivy's boolean weight passes a boost to
    /// its clauses).
    fn sums(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Sums> {
        let mut cursors = Vec::with_capacity(self.clauses.len());
        for clause in &self.clauses {
            match clause {
                ClauseWeight::Part(part) => {
                    if let Some(cursor) = part.cursor(reader, boost)? {
                        cursors.push(Cursor::Part(cursor));
                    }
                }
                ClauseWeight::Best(alternatives) => {
                    let mut found = Vec::with_capacity(alternatives.len());
                    for parts in alternatives {
                        let mut cursors = Vec::with_capacity(parts.len());
                        for part in parts {
                            cursors.extend(part.cursor(reader, boost)?);
                        }
                        if !cursors.is_empty() {
                            found.push(cursors);
                        }
                    }
                    if !found.is_empty() {
                        cursors.push(Cursor::Best(found));
                    }
                }
            }
        }
        Ok(Sums::new(cursors))
    }
}

impl Weight for SummedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorer = SummedScorer::new(self.sums(reader, boost)?);
        scorer.advance();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(does_not_match(doc));
        }
        Ok(Explanation::new("sum of the clauses", scorer.score()))
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.for_each_until(reader, |doc, score| {
            callback(doc, score);
            true
        })
    }

    /// Every document scoring above the threshold goes to `callback`,
    /// which returns the threshold from then on; none is skipped by its
    /// bounds, as tantivy's union of several kinds of clauses skips none.
    /// A threshold of `Score::MAX`, which no document can beat, ends it.
    fn for_each_pruning(
        &self,
        mut threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut sums = self.sums(reader, 1.0)?;
        while threshold < Score::MAX && sums.fill() {
            sums.window.drain(|doc, score| {
                if score > threshold {
                    threshold = callback(doc, score);
                }
            });
        }
        Ok(())
    }
}

/// The error of explaining a document that does not match, as tantivy's.
fn does_not_match(doc: DocId) -> tantivy::TantivyError {
    tantivy::TantivyError::InvalidArgument(format!("Document #({doc}) does not match"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::build::{built_for_test, Analyzers};
    use crate::query::stats::FieldStats;
    use crate::query::sums::WINDOW;
    use crate::topics::read_topics;
    use crate::Index;
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

    /// What a scorer gives when seeking each of `targets` in turn and
    /// advancing twice after each, its scores multiplied by 2.
    fn seeks(searcher: &Searcher, weight: &dyn Weight, targets: &[DocId]) -> Visited {
        visit(searcher, |reader, push| {
            let mut scorer = weight.scorer(reader, 2.0).unwrap();
            for &target in targets {
                if scorer.doc() < target {
                    scorer.seek(target);
                }
                for _ in 0..3 {
                    if scorer.doc() == TERMINATED {
                        break;
                    }
                    push(scorer.doc(), scorer.score());
                    scorer.advance();
                }
            }
        })
    }

    /// Checks that the sum of `summed`'s clauses scores every document as
    /// tantivy's union of them; returns whether it matches documents more
    /// than a window apart, and whether it has a group of alternatives.
    fn check_against_the_union(
        searcher: &Searcher,
        stats: &FieldStats,
        summed: &SummedQuery,
        text: &str,
    ) -> (bool, bool) {
        let clauses = summed.0.clauses().iter();
        let union = BooleanQuery::new(clauses.map(|(o, q)| (*o, q.box_clone())).collect());
        let scoring = EnableScoring::enabled_from_statistics_provider(stats, searcher);
        let expected_weight = union.weight(scoring).unwrap();
        let all = |weight: &dyn Weight| {
            visit(searcher, |reader, push| {
                let found = weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
                    push(doc, score);
                    Score::MIN
                });
                found.unwrap()
            })
        };
        let expected = all(expected_weight.as_ref());
        let weight = summed.summed_weight(scoring).unwrap().unwrap();
        assert_eq!(all(&weight), expected, "{text}");
        let each = visit(searcher, |reader, push| {
            weight.for_each(reader, push).unwrap()
        });
        assert_eq!(each, expected, "{text}");
        let scored = visit(searcher, |reader, push| {
            let mut scorer = weight.scorer(reader, 1.0).unwrap();
            while scorer.doc() != TERMINATED {
                push(scorer.doc(), scorer.score());
                scorer.advance();
            }
        });
        assert_eq!(scored, expected, "{text}");
        let max_doc = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::max_doc)
            .max();
        let max_doc = max_doc.unwrap_or(0);
        // Through the windows, then to the last document and past it.
        let mut targets: Vec<DocId> = (0..max_doc).step_by(777).collect();
        targets.extend([max_doc.saturating_sub(1), max_doc + 10]);
        assert_eq!(
            seeks(searcher, &weight, &targets),
            seeks(searcher, expected_weight.as_ref(), &targets),
            "{text}"
        );
        // Every 13th document alone, matching or not.
        let alone = visit(searcher, |reader, push| {
            let mut sums = weight.sums_in(reader).unwrap();
            for doc in (0..reader.max_doc()).step_by(13) {
                if let Some(score) = sums.score_at(doc) {
                    push(doc, score);
                }
            }
        });
        let sampled = expected.iter().filter(|&&(_, doc, _)| doc % 13 == 0);
        assert_eq!(alone, sampled.copied().collect::<Visited>(), "{text}");
        let top = TopDocs::with_limit(10).order_by_score();
        let best = |query: &dyn Query| -> Vec<(Score, DocAddress)> {
            searcher
                .search_with_statistics_provider(query, &top, stats)
                .unwrap()
        };
        assert_eq!(best(summed), best(&union), "{text}");
        let first = expected.first().map_or(0, |&(_, doc, _)| doc);
        let last = expected.last().map_or(0, |&(_, doc, _)| doc);
        let grouped = weight
            .clauses
            .iter()
            .any(|clause| matches!(clause, ClauseWeight::Best(_)));
        (last - first >= WINDOW as DocId, grouped)
    }

    /// On the first articles of both news corpora (several windows of
    /// documents), every headline topic's query, translated, scores each
    /// document it matches as tantivy's union of the same clauses does
    /// (a group of alternatives as a `DisjunctionMaxQuery`), to the last
    /// bit, whether the documents are handed over all, above a threshold
    /// that rises, by its scorer, advancing or seeking, or asked one by one.
    #[test]
    fn the_sum_scores_every_document_as_the_union_does() {
        let Some(index) = Index::news_in_ram(1_500) else {
            return;
        };
        let searcher = index.reader.searcher();
        let docs = searcher.num_docs() as usize;
        assert!(docs > 2 * WINDOW, "{docs} documents");
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        let mut analyzers = Analyzers::new(&index.inner, &index.fields);
        let eval = crate::index::shared_dir().join("eval");
        let (mut spread, mut grouped) = (0, 0);
        for set in ["ar-news-headline", "fr-news-headline"] {
            let topics = read_topics(&eval.join(set).join("topics.tsv")).unwrap();
            for topic in topics.topics.iter().take(60) {
                let text = topic.query.as_str();
                let built = built_for_test(text, &index, &mut analyzers, &stats);
                let query = built.query();
                let summed = query.downcast_ref::<SummedQuery>().unwrap();
                let (spreads, groups) = check_against_the_union(&searcher, &stats, summed, text);
                spread += usize::from(spreads);
                grouped += usize::from(groups);
            }
        }
        assert!(spread > 10, "{spread} queries span windows");
        assert!(
            grouped > 10,
            "{grouped} queries have a group of alternatives"
        );
    }

    /// A query with a required word is tantivy's boolean query.
    #[test]
    fn a_required_clause_leaves_the_query_to_tantivy() {
        let index = Index::seeds_in_ram();
        let searcher = index.reader.searcher();
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        let mut analyzers = Analyzers::new(&index.inner, &index.fields);
        let scoring = EnableScoring::enabled_from_statistics_provider(&stats, &searcher);
        for (text, summed) in [("Burns Caire", true), ("Burns +Caire", false)] {
            let built = built_for_test(text, &index, &mut analyzers, &stats);
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
