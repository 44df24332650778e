//! The best-scoring documents of a query, for windows of hundreds.
//!
//! tantivy's `TopDocs` keeps a binary heap: every document that beats the
//! current minimum costs a sift through it, and ranking asks for 800
//! documents per query, so most documents of a query's first blocks do.
//! This collector appends them to a buffer of twice the limit and, when
//! it is full, keeps the best half (`select_nth_unstable`) and raises the
//! threshold to the worst of those: a constant cost per document. The
//! result is the same: the best documents, ties going to the lower
//! address.

use std::cmp::Ordering;

use std::marker::PhantomData;

use tantivy::collector::{Collector, Fruit, SegmentCollector};
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::deadline::Deadline;
use super::source_filter::{Counted, SourceFilter};

/// The `limit` best documents, best first; ties go by address. Each
/// segment's best are sorted once, after merging with the others'.
pub(crate) struct TopScored {
    limit: usize,
    /// Only documents of these sources count.
    sources: Option<SourceFilter>,
    /// Stop collecting once this has passed.
    deadline: Deadline,
}

impl TopScored {
    pub fn with_limit(limit: usize) -> TopScored {
        TopScored {
            limit: limit.max(1),
            sources: None,
            deadline: Deadline::default(),
        }
    }

    /// Stops collecting at `deadline`: the search then returns what it
    /// has, and the caller checks the deadline.
    pub fn until(self, deadline: Deadline) -> TopScored {
        TopScored { deadline, ..self }
    }

    /// Keeps only the documents of `sources` (all for `None`).
    pub fn of_sources(self, sources: Option<SourceFilter>) -> TopScored {
        TopScored { sources, ..self }
    }

    /// How many documents it keeps.
    pub fn limit(&self) -> usize {
        self.limit
    }
}

/// Better score first, then the lower document (or address).
fn better<D: Ord>(a: &(Score, D), b: &(Score, D)) -> Ordering {
    b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1))
}

/// Keeps the best `limit` (at least 1) of `found`; when it cuts, the
/// worst it keeps comes last, the others in no order.
fn keep_best<D: Ord>(found: &mut Vec<(Score, D)>, limit: usize) {
    if found.len() > limit {
        found.select_nth_unstable_by(limit - 1, better);
        found.truncate(limit);
    }
}

impl Collector for TopScored {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = Unused<Self::Fruit>;

    fn for_segment(&self, _: SegmentOrdinal, _: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(Unused::default())
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment_ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Fruit> {
        if self.deadline.passed() {
            return Ok(Vec::new());
        }
        let mut ticker = self.deadline.ticker();
        let mut best = SegmentBest::new(self.limit);
        let counted = Counted::in_segment(reader, self.sources.as_ref())?;
        weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
            if ticker.passed() {
                return Score::MAX;
            }
            if score <= best.threshold || !counted.counts(doc) {
                return best.threshold;
            }
            best.offer(doc, score)
        })?;
        Ok(best.harvest(segment_ord))
    }

    fn merge_fruits(&self, segments: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut best = segments.concat();
        keep_best(&mut best, self.limit);
        best.sort_unstable_by(better);
        Ok(best)
    }
}

/// One segment's best documents so far: a buffer of twice the limit,
/// cut to the best `limit` when full, whose worst score is the threshold
/// a document must beat.
pub(crate) struct SegmentBest {
    limit: usize,
    buffer: Vec<(Score, DocId)>,
    /// The score to beat: the worst kept once the buffer was first cut.
    pub threshold: Score,
}

impl SegmentBest {
    /// Room for the best `limit` (at least 1).
    pub fn new(limit: usize) -> SegmentBest {
        let limit = limit.max(1);
        SegmentBest {
            limit,
            buffer: Vec::with_capacity(2 * limit),
            threshold: Score::MIN,
        }
    }

    /// Keeps `doc` if it beats the threshold; returns the threshold after.
    pub fn offer(&mut self, doc: DocId, score: Score) -> Score {
        if score <= self.threshold {
            return self.threshold;
        }
        if self.buffer.len() == self.buffer.capacity() {
            keep_best(&mut self.buffer, self.limit);
            self.threshold = self.buffer[self.limit - 1].0;
            if score <= self.threshold {
                return self.threshold;
            }
        }
        self.buffer.push((score, doc));
        self.threshold
    }

    /// The best `limit`, in no order, as addresses in segment `segment_ord`.
    pub fn harvest(mut self, segment_ord: SegmentOrdinal) -> Vec<(Score, DocAddress)> {
        keep_best(&mut self.buffer, self.limit);
        self.buffer
            .into_iter()
            .map(|(score, doc)| (score, DocAddress::new(segment_ord, doc)))
            .collect()
    }
}

/// The per-segment collector `Collector` requires, of fruit `F`;
/// `collect_segment` does the work without it.
pub(crate) struct Unused<F>(PhantomData<F>);

impl<F> Default for Unused<F> {
    fn default() -> Unused<F> {
        Unused(PhantomData)
    }
}

impl<F: Fruit + Default> SegmentCollector for Unused<F> {
    type Fruit = F;

    fn collect(&mut self, _: DocId, _: Score) {}

    fn harvest(self) -> F {
        F::default()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::{AllQuery, Query, QueryParser};

    use super::*;
    use crate::index::schema::{analyzers_of, named_tokens};
    use crate::text::lang::Lang;
    use crate::{Article, Index};

    /// The seeds, three times each under other ids and over several
    /// commits (segments whose documents tie on every score), then some
    /// replaced (deleted documents in the first segments).
    fn index_with_ties() -> Index {
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        let articles = crate::ingest::seed_articles();
        for copy in 0..3 {
            for article in &articles {
                let id = format!("{}-{copy}", article.id);
                writer
                    .add_article(
                        &Article {
                            id,
                            ..article.clone()
                        },
                        None,
                    )
                    .unwrap();
            }
            writer.commit().unwrap();
        }
        for article in articles.iter().step_by(2) {
            let id = format!("{}-0", article.id);
            let text = format!("{}\n\nUne mise à jour.", article.text);
            writer
                .add_article(
                    &Article {
                        id,
                        text,
                        ..article.clone()
                    },
                    None,
                )
                .unwrap();
        }
        writer.commit().unwrap();
        index
    }

    /// Past its deadline the collector visits no segment; before it, the
    /// deadline changes nothing.
    #[test]
    fn collects_nothing_past_the_deadline() {
        let index = index_with_ties();
        let searcher = index.tantivy_index().reader().unwrap().searcher();
        let deadline = |instant: std::time::Instant| {
            Deadline::of(&crate::SearchOptions::default().deadline(instant))
        };
        let later = std::time::Instant::now() + std::time::Duration::from_secs(3600);
        let all = searcher
            .search(&AllQuery, &TopScored::with_limit(10))
            .unwrap();
        let in_time = TopScored::with_limit(10).until(deadline(later));
        assert_eq!(searcher.search(&AllQuery, &in_time).unwrap(), all);
        assert_eq!(all.len(), 10);
        let late = TopScored::with_limit(10).until(deadline(std::time::Instant::now()));
        assert!(searcher.search(&AllQuery, &late).unwrap().is_empty());
    }

    #[test]
    fn finds_what_tantivy_top_docs_finds() {
        let index = index_with_ties();
        let tantivy_index = index.tantivy_index();
        let searcher = tantivy_index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() > 1);
        assert!(searcher.segment_readers().iter().any(|s| s.has_deletes()));
        let fields = ["title_fr", "title_ar", "kind"]
            .map(|name| tantivy_index.schema().get_field(name).unwrap());
        let parser = QueryParser::for_index(tantivy_index, fields.to_vec());
        // The title fields hold the analyzers' terms as token lists.
        let analyzed = |lang: Lang, text: &str| {
            let terms = named_tokens(analyzers_of(lang).0, text);
            terms.into_iter().map(|(_, term)| term).collect::<Vec<_>>()
        };
        let mut queries: Vec<Box<dyn Query>> = vec![Box::new(AllQuery)];
        for (lang, text) in [
            (Lang::Fr, "Hamas Israël"),
            (Lang::Fr, "Maison Blanche"),
            (Lang::Ar, "حماس"),
            (Lang::Ar, "القاهرة"),
            (Lang::Other, "article"),
            (Lang::Other, "passage"),
        ] {
            let terms = analyzed(lang, text).join(" ");
            queries.push(parser.parse_query(&terms).unwrap());
        }
        for query in &queries {
            for limit in [1, 3, 10, 40, 1000] {
                let ours = searcher
                    .search(query, &TopScored::with_limit(limit))
                    .unwrap();
                let theirs = searcher
                    .search(query, &TopDocs::with_limit(limit).order_by_score())
                    .unwrap();
                assert!(!ours.is_empty(), "{query:?}");
                assert_eq!(ours, theirs, "{query:?}, limit {limit}");
                assert!(ours.iter().all(|(_, address)| !searcher
                    .segment_reader(address.segment_ord)
                    .is_deleted(address.doc_id)));
            }
        }
    }
}
