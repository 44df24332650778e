//! A translation group of several alternatives, which scores as the best
//! of their sums, kept as its parts so that the query's sum
//! ([`super::summed`]) reads their terms itself.
//!
//! As tantivy queries it is a `DisjunctionMaxQuery` of one union per
//! alternative, which is how it runs anywhere but in the ranking's sum.

use tantivy::query::{BooleanQuery, DisjunctionMaxQuery, EnableScoring, Occur, Query, Weight};
use tantivy::Term;

/// The best of several sums of queries, each query already weighted.
#[derive(Debug)]
pub(crate) struct BestOf {
    alternatives: Vec<Vec<Box<dyn Query>>>,
}

impl Clone for BestOf {
    fn clone(&self) -> BestOf {
        BestOf {
            alternatives: self
                .alternatives
                .iter()
                .map(|queries| queries.iter().map(|query| query.box_clone()).collect())
                .collect(),
        }
    }
}

impl BestOf {
    pub fn new(alternatives: Vec<Vec<Box<dyn Query>>>) -> BestOf {
        BestOf { alternatives }
    }

    /// The alternatives, each the queries it sums.
    pub fn alternatives(&self) -> &[Vec<Box<dyn Query>>] {
        &self.alternatives
    }

    /// Each query of each alternative through `f`: a weight applied to the
    /// group applies to every part of it.
    pub fn map(self, f: impl Fn(Box<dyn Query>) -> Box<dyn Query>) -> BestOf {
        BestOf {
            alternatives: self
                .alternatives
                .into_iter()
                .map(|queries| queries.into_iter().map(&f).collect())
                .collect(),
        }
    }
}

impl Query for BestOf {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let unions = self
            .alternatives
            .iter()
            .map(|queries| {
                let clauses = queries
                    .iter()
                    .map(|query| (Occur::Should, query.box_clone()))
                    .collect();
                Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>
            })
            .collect();
        DisjunctionMaxQuery::new(unions).weight(enable_scoring)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for query in self.alternatives.iter().flatten() {
            query.query_terms(visitor);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use super::*;
    use crate::query::shared_df::SharedDf;
    use crate::query::stats::FieldStats;
    use crate::query::term_part::{boosted, with_shared_df, TermPart};
    use crate::text::lang::Lang;
    use crate::Index;
    use tantivy::collector::TopDocs;
    use tantivy::query::BoostQuery;
    use tantivy::{DocAddress, Score};

    /// A group kept as its parts, each weighted and counted with the
    /// group's frequencies, scores every document as the tantivy queries
    /// it stands for (a `DisjunctionMaxQuery` of weighted unions, with the
    /// shared frequencies and the word's weight around it), to the last
    /// bit.
    #[test]
    fn a_group_scores_as_the_best_of_its_weighted_unions() {
        let index = Index::seeds_in_ram();
        let searcher = index.reader.searcher();
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        let lf = index.fields.of(Lang::Ar);
        let terms = |word: &str| -> Vec<Box<dyn Query>> {
            [(lf.text_exact, 0.7), (lf.title_exact, 1.9), (lf.body, 0.4)]
                .into_iter()
                .map(|(field, boost)| {
                    Box::new(TermPart::new(Term::from_field_text(field, word), boost))
                        as Box<dyn Query>
                })
                .collect()
        };
        let words = ["القاهرة", "بيرنز"];
        let weights = [0.8, 0.5];
        let df = Arc::new(HashMap::from([(
            Term::from_field_text(lf.text_exact, words[1]),
            3,
        )]));
        let unions = words
            .iter()
            .zip(weights)
            .map(|(word, weight)| {
                let union = BooleanQuery::new(
                    terms(word)
                        .into_iter()
                        .map(|q| (Occur::Should, q))
                        .collect(),
                );
                Box::new(BoostQuery::new(Box::new(union), weight)) as Box<dyn Query>
            })
            .collect();
        let chain = BoostQuery::new(
            Box::new(SharedDf::new(
                Box::new(DisjunctionMaxQuery::new(unions)),
                Arc::clone(&df),
            )),
            1.3,
        );
        let alternatives = words
            .iter()
            .zip(weights)
            .map(|(word, weight)| {
                terms(word)
                    .into_iter()
                    .map(|q| with_shared_df(boosted(q, weight), Arc::clone(&df)))
                    .collect()
            })
            .collect();
        let group = boosted(Box::new(BestOf::new(alternatives)), 1.3);
        assert!(group.is::<BestOf>());
        let all = TopDocs::with_limit(1000).order_by_score();
        let scores = |query: &dyn Query| -> Vec<(u32, DocAddress)> {
            let found: Vec<(Score, DocAddress)> = searcher
                .search_with_statistics_provider(query, &all, &stats)
                .unwrap();
            found.into_iter().map(|(s, a)| (s.to_bits(), a)).collect()
        };
        let expected = scores(&chain);
        assert!(expected.len() > 2);
        assert_eq!(scores(group.as_ref()), expected);
    }
}
