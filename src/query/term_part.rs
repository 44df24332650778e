//! One term of a query, weighted, which the query's sum ([`super::summed`])
//! scores itself instead of through tantivy's unions.
//!
//! Most of what a query adds up is single terms: a word's stem and exact
//! form in each field, a translation's. As tantivy queries each would be a
//! `TermQuery` inside a `BoostQuery` or two, and a [`SharedDf`] for a
//! translation; tantivy's union then calls each term's scorer through a
//! `Box<dyn Scorer>` for every document. A [`TermPart`] keeps what those
//! wrappers add (the boosts, the shared document frequencies), so that the
//! sum can read the term's postings directly and score them with the very
//! same BM25 weight, and runs as that chain of tantivy queries anywhere
//! else.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, BoostQuery, EnableScoring, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use super::best_of::BestOf;
use super::shared_df::SharedDf;
use super::shared_stats::SnapshotStats;

/// A term query with the boosts and shared document frequencies of the
/// wrappers it stands for.
#[derive(Clone, Debug)]
pub(crate) struct TermPart {
    term: Term,
    /// The boosts, innermost first (the order they were applied in).
    boosts: Vec<Score>,
    /// The shared document frequencies, innermost first: an inner table
    /// answers for its terms before an outer one.
    dfs: Vec<Arc<HashMap<Term, u64>>>,
    /// Where its dictionary entries are kept, if anywhere: the sum then
    /// opens its postings without looking it up in the dictionary again.
    snapshot: Option<Arc<SnapshotStats>>,
}

impl TermPart {
    /// `term` weighted `boost`, as `BoostQuery(TermQuery(term), boost)`.
    pub fn new(term: Term, boost: Score) -> TermPart {
        TermPart {
            term,
            boosts: vec![boost],
            dfs: Vec::new(),
            snapshot: None,
        }
    }

    /// Opens its postings at the dictionary entries `snapshot` keeps,
    /// which must be those of the snapshot it is searched in.
    pub fn with_snapshot(self, snapshot: Arc<SnapshotStats>) -> TermPart {
        TermPart {
            snapshot: Some(snapshot),
            ..self
        }
    }

    /// Its weight given `statistics`, read and scored by the query's sum.
    pub fn weight_for(
        &self,
        statistics: &dyn Bm25StatisticsProvider,
    ) -> tantivy::Result<TermPartWeight> {
        Ok(TermPartWeight {
            term: self.term.clone(),
            bm25: self.bm25(statistics)?,
            snapshot: self.snapshot.clone(),
        })
    }

    /// Its BM25 weight given `statistics`, all its boosts included: the
    /// weight tantivy's term scorer would score it with.
    fn bm25(&self, statistics: &dyn Bm25StatisticsProvider) -> tantivy::Result<Bm25Weight> {
        let field = self.term.field();
        let total_num_tokens = statistics.total_num_tokens(field)?;
        let total_num_docs = statistics.total_num_docs()?;
        // Computed as `Bm25Weight::for_terms` computes it, to the last bit.
        let average_fieldnorm = total_num_tokens as Score / total_num_docs as Score;
        let doc_freq = match self.dfs.iter().find_map(|df| df.get(&self.term)) {
            Some(&df) => df,
            None => statistics.doc_freq(&self.term)?,
        };
        let weight =
            Bm25Weight::for_one_term_without_explain(doc_freq, total_num_docs, average_fieldnorm);
        Ok(weight.boost_by(self.boost()))
    }

    /// The product of its boosts, multiplied as tantivy's boost weights
    /// pass them down: the outermost first.
    fn boost(&self) -> Score {
        self.boosts.iter().rev().fold(1.0, |boost, b| boost * b)
    }

    /// The chain of tantivy queries it stands for.
    fn as_tantivy(&self) -> Box<dyn Query> {
        let mut query: Box<dyn Query> = Box::new(TermQuery::new(
            self.term.clone(),
            IndexRecordOption::WithFreqs,
        ));
        for &boost in &self.boosts {
            query = Box::new(BoostQuery::new(query, boost));
        }
        for df in &self.dfs {
            query = Box::new(SharedDf::new(query, Arc::clone(df)));
        }
        query
    }
}

impl Query for TermPart {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        self.as_tantivy().weight(enable_scoring)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

/// `query` weighted `boost`: a term part takes the boost in, a group
/// ([`BestOf`]) passes it to its parts, any other query is wrapped in a
/// `BoostQuery`.
pub(crate) fn boosted(query: Box<dyn Query>, boost: Score) -> Box<dyn Query> {
    let query = match query.downcast::<TermPart>() {
        Ok(mut part) => {
            part.boosts.push(boost);
            return part;
        }
        Err(query) => query,
    };
    match query.downcast::<BestOf>() {
        Ok(best) => Box::new(best.map(|part| boosted(part, boost))),
        Err(query) => Box::new(BoostQuery::new(query, boost)),
    }
}

/// `query` scored with the document frequencies of `df` for its terms (see
/// [`SharedDf`]): a term part takes the table in, a group ([`BestOf`])
/// passes it to its parts, any other query is wrapped.
pub(crate) fn with_shared_df(query: Box<dyn Query>, df: Arc<HashMap<Term, u64>>) -> Box<dyn Query> {
    let query = match query.downcast::<TermPart>() {
        Ok(mut part) => {
            part.dfs.push(df);
            return part;
        }
        Err(query) => query,
    };
    match query.downcast::<BestOf>() {
        Ok(best) => Box::new(best.map(|part| with_shared_df(part, Arc::clone(&df)))),
        Err(query) => Box::new(SharedDf::new(query, df)),
    }
}

/// A term's weight: its BM25 weight, boosts included.
pub(crate) struct TermPartWeight {
    term: Term,
    bm25: Bm25Weight,
    snapshot: Option<Arc<SnapshotStats>>,
}

impl TermPartWeight {
    /// Its scorer in a segment; `None` where the segment lacks the term.
    pub fn scorer_in(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<TermPartScorer>> {
        let field = self.term.field();
        let index = reader.inverted_index(field)?;
        let info = match &self.snapshot {
            Some(snapshot) => snapshot.term_info(reader, &self.term)?,
            None => index.get_term_info(&self.term)?,
        };
        let Some(info) = info else {
            return Ok(None);
        };
        let postings = index.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
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

/// A term's postings in a segment, scored with its BM25 weight as
/// tantivy's `TermScorer` scores them.
pub(crate) struct TermPartScorer {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::stats::FieldStats;
    use crate::text::lang::Lang;
    use crate::Index;
    use tantivy::collector::TopDocs;
    use tantivy::DocAddress;

    /// A term part scores every document as the chain of tantivy queries
    /// it stands for, to the last bit, and its own BM25 weight gives the
    /// same scores from the postings.
    #[test]
    fn a_term_part_scores_as_the_queries_it_stands_for() {
        let index = Index::seeds_in_ram();
        let searcher = index.reader.searcher();
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        let field = index.fields.of(Lang::Fr).text_exact;
        let term = Term::from_field_text(field, "caire");
        let df = Arc::new(HashMap::from([(term.clone(), 2)]));
        let part = with_shared_df(
            boosted(Box::new(TermPart::new(term.clone(), 1.7)), 0.3),
            Arc::clone(&df),
        );
        let part = boosted(part, 1.1);
        let chain: Box<dyn Query> = Box::new(BoostQuery::new(
            Box::new(SharedDf::new(
                Box::new(BoostQuery::new(
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                        1.7,
                    )),
                    0.3,
                )),
                df,
            )),
            1.1,
        ));
        let all = TopDocs::with_limit(1000).order_by_score();
        let scores = |query: &dyn Query| -> Vec<(Score, DocAddress)> {
            searcher
                .search_with_statistics_provider(query, &all, &stats)
                .unwrap()
        };
        let expected = scores(chain.as_ref());
        assert!(!expected.is_empty());
        assert_eq!(scores(part.as_ref()), expected);
        let part = part.downcast_ref::<TermPart>().unwrap();
        let bm25 = part.bm25(&stats).unwrap();
        for &(score, address) in &expected {
            let reader = searcher.segment_reader(address.segment_ord);
            let norms = reader
                .fieldnorms_readers()
                .get_field(field)
                .unwrap()
                .unwrap();
            let mut postings = reader
                .inverted_index(field)
                .unwrap()
                .read_postings(&term, IndexRecordOption::WithFreqs)
                .unwrap()
                .unwrap();
            use tantivy::postings::Postings;
            use tantivy::DocSet;
            assert_eq!(postings.seek(address.doc_id), address.doc_id);
            let own = bm25.score(norms.fieldnorm_id(address.doc_id), postings.term_freq());
            assert_eq!(own.to_bits(), score.to_bits());
        }
    }
}
