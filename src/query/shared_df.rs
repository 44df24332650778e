//! A query whose terms are scored with document frequencies given to it,
//! instead of their own: how the translations of one query word share one
//! document frequency (structured query translation, Pirkola 1998).
//!
//! A query word's translations are alternatives of one another: a passage
//! that holds any of them holds the word, in the other language. Scored
//! with their own frequencies, a word with eight translations would
//! count as eight rare words; scored with the frequency of the whole group
//! (the documents holding any of them, estimated as the sum of their
//! frequencies), each counts as the one word it stands for, and a rare
//! word with a common translation is not taken for rare.
//!
//! The frequencies go through tantivy's BM25 statistics: the wrapped
//! query's weight is built with a statistics provider that answers from a
//! table for the group's terms and asks the searcher's provider for the
//! rest (field lengths, document count).

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::query::{Bm25StatisticsProvider, EnableScoring, Query, Weight};
use tantivy::schema::Field;
use tantivy::Term;

/// `inner` scored with the document frequencies of `df` for its terms.
#[derive(Debug)]
pub(crate) struct SharedDf {
    inner: Box<dyn Query>,
    df: Arc<HashMap<Term, u64>>,
}

impl Clone for SharedDf {
    fn clone(&self) -> SharedDf {
        SharedDf {
            inner: self.inner.box_clone(),
            df: Arc::clone(&self.df),
        }
    }
}

impl SharedDf {
    /// `inner`, its terms listed in `df` counted as in that many documents.
    pub fn new(inner: Box<dyn Query>, df: Arc<HashMap<Term, u64>>) -> SharedDf {
        SharedDf { inner, df }
    }
}

/// The statistics of `base`, but the document frequencies of `df`.
struct Overridden<'a> {
    base: &'a dyn Bm25StatisticsProvider,
    df: &'a HashMap<Term, u64>,
}

impl Bm25StatisticsProvider for Overridden<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.base.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.base.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        match self.df.get(term) {
            Some(&df) => Ok(df),
            None => self.base.doc_freq(term),
        }
    }
}

impl Query for SharedDf {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        match enable_scoring {
            EnableScoring::Enabled {
                searcher,
                statistics_provider,
            } => {
                let provider = Overridden {
                    base: statistics_provider,
                    df: &self.df,
                };
                // The weights read the statistics now and keep only scores.
                self.inner
                    .weight(EnableScoring::enabled_from_statistics_provider(
                        &provider, searcher,
                    ))
            }
            disabled => self.inner.weight(disabled),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index};

    /// A term counted as in every document scores (almost) nothing; the
    /// same term with its own frequency scores as a plain term query.
    #[test]
    fn a_term_scores_with_the_frequency_given() {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        writer.add_document(doc!(text => "caire")).unwrap();
        writer.add_document(doc!(text => "gaza")).unwrap();
        writer.add_document(doc!(text => "gaza rafah")).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = Term::from_field_text(text, "caire");
        let plain: Box<dyn Query> =
            Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
        let top = |query: &dyn Query| {
            searcher
                .search(query, &TopDocs::with_limit(1).order_by_score())
                .unwrap()[0]
                .0
        };
        let own = SharedDf::new(plain.box_clone(), Arc::default());
        assert_eq!(top(&own), top(plain.as_ref()));
        let common = SharedDf::new(plain.box_clone(), Arc::new(HashMap::from([(term, 3)])));
        assert!(top(&common) < top(plain.as_ref()) / 5.0);
    }
}
