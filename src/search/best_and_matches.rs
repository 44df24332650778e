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
use tantivy::query::{Bm25StatisticsProvider, EnableScoring, Query, Weight};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::article_table::ArticleAt;
use super::deadline::Ticker;
use super::matches::{Matches, SegmentMatches};
use super::source_filter::Counted;
use super::top_docs::{SegmentBest, TopScored, Unused};
use crate::query::summed::{SummedQuery, SummedWeight};

/// What [`TopScored`] finds, and what [`Matches`] finds, of one query.
/// Sources and the deadline are those of the [`Matches`].
pub(crate) struct BestAndMatches {
    pub best: TopScored,
    pub matches: Matches,
}

impl BestAndMatches {
    /// Runs `query` over `searcher`'s segments, scored with `statistics`,
    /// as [`Searcher::search_with_statistics_provider`] does; the ranking's
    /// sum hands its documents straight to this collector.
    pub fn search(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        statistics: &dyn Bm25StatisticsProvider,
    ) -> tantivy::Result<<Self as Collector>::Fruit> {
        let summed = match query.downcast_ref::<SummedQuery>() {
            Some(summed) => summed.summed_weight(
                EnableScoring::enabled_from_statistics_provider(statistics, searcher),
            )?,
            None => None,
        };
        let Some(weight) = summed else {
            return searcher.search_with_statistics_provider(query, self, statistics);
        };
        let fruits = searcher
            .segment_readers()
            .iter()
            .enumerate()
            .map(|(segment, reader)| {
                self.collect_summed(&weight, segment as SegmentOrdinal, reader)
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        self.merge_fruits(fruits)
    }

    fn collect_summed(
        &self,
        weight: &SummedWeight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<<Self as Collector>::Fruit> {
        let Some(mut found) = self.in_segment(segment, reader)? else {
            return Ok((Vec::new(), Vec::new()));
        };
        weight.for_each_until(reader, |doc, score| found.offer(doc, score))?;
        Ok(found.harvest(segment))
    }

    /// What one segment's pass keeps; `None` once the deadline has passed.
    fn in_segment<'r>(
        &self,
        segment: SegmentOrdinal,
        reader: &'r SegmentReader,
    ) -> tantivy::Result<Option<SegmentFound<'r>>> {
        let Matches(sources, deadline, _) = &self.matches;
        if deadline.passed() {
            return Ok(None);
        }
        Ok(Some(SegmentFound {
            ticker: deadline.ticker(),
            best: SegmentBest::new(self.best.limit()),
            matches: self.matches.for_segment(segment, reader)?,
            counted: Counted::in_segment(reader, sources.as_ref())?,
        }))
    }
}

/// One segment's best documents and matched articles so far.
struct SegmentFound<'r> {
    ticker: Ticker,
    best: SegmentBest,
    matches: SegmentMatches,
    counted: Counted<'r>,
}

impl SegmentFound<'_> {
    /// Offers a matching document to both; `false` once the deadline has
    /// passed.
    #[inline]
    fn offer(&mut self, doc: DocId, score: Score) -> bool {
        if self.ticker.passed() {
            return false;
        }
        if self.counted.counts(doc) {
            self.matches.offer(doc);
            self.best.offer(doc, score);
        }
        true
    }

    fn harvest(self, segment: SegmentOrdinal) -> <BestAndMatches as Collector>::Fruit {
        (self.best.harvest(segment), self.matches.harvest())
    }
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
        let Some(mut found) = self.in_segment(segment, reader)? else {
            return Ok((Vec::new(), Vec::new()));
        };
        weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
            if found.offer(doc, score) {
                Score::MIN
            } else {
                Score::MAX
            }
        })?;
        Ok(found.harvest(segment))
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let (best, matched): (Vec<_>, Vec<_>) = fruits.into_iter().unzip();
        Ok((
            self.best.merge_fruits(best)?,
            self.matches.merge_fruits(matched)?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::build::{built_for_test, Analyzers};
    use crate::query::stats::FieldStats;
    use crate::search::deadline::Deadline;
    use crate::search::source_filter::SourceFilter;
    use crate::Index;
    use newsearch_eval::read_topics;

    /// The ranking's sum handed straight to the collector finds what
    /// tantivy's driver finds through the weight: the same best documents
    /// with the same scores, the same articles, with and without a source
    /// filter, on headline topics over articles of both news corpora.
    #[test]
    fn the_direct_pass_finds_what_the_weight_finds() {
        let Some(index) = Index::news_in_ram(400) else {
            return;
        };
        let searcher = index.reader.searcher();
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        let mut analyzers = Analyzers::new(&index.inner, &index.fields);
        let articles = index.article_tables.of(&searcher).unwrap();
        let scoring = EnableScoring::enabled_from_statistics_provider(&stats, &searcher);
        let eval = crate::index::shared_dir().join("eval");
        let mut summed = 0;
        for set in ["ar-news-headline", "fr-news-headline"] {
            let topics = read_topics(&eval.join(set).join("topics.tsv")).unwrap();
            for topic in topics.iter().take(30) {
                let built = built_for_test(&topic.query, &index, &mut analyzers, &stats);
                let query = built.query();
                let sums = query.downcast_ref::<SummedQuery>().unwrap();
                summed += usize::from(sums.summed_weight(scoring).unwrap().is_some());
                for sources in [vec![], vec!["aawsat".to_string(), "orange-actu".into()]] {
                    let collector = BestAndMatches {
                        best: TopScored::with_limit(40),
                        matches: Matches(
                            SourceFilter::new(&sources),
                            Deadline::default(),
                            articles.clone(),
                        ),
                    };
                    let (best, mut matched) =
                        collector.search(&searcher, query.as_ref(), &stats).unwrap();
                    let (expected, mut expected_matched) = searcher
                        .search_with_statistics_provider(query.as_ref(), &collector, &stats)
                        .unwrap();
                    let bits = |found: &[(Score, DocAddress)]| -> Vec<(u32, DocAddress)> {
                        found.iter().map(|&(s, a)| (s.to_bits(), a)).collect()
                    };
                    assert_eq!(bits(&best), bits(&expected), "{}", topic.query);
                    matched.sort_by_key(|a| (a.segment, a.at));
                    expected_matched.sort_by_key(|a| (a.segment, a.at));
                    assert_eq!(matched, expected_matched, "{}", topic.query);
                }
            }
        }
        assert!(summed > 50, "{summed} of 60 queries summed");
    }
}
