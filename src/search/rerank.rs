//! The leading articles ranked again among themselves, by the words that
//! tell them apart.
//!
//! The first ranking picks the articles that match the query best. A query
//! word that every one of the leading articles has chose them, but it can
//! no longer tell them apart: which of them answers is told by the words
//! that some have and others lack (the detail of a headline that another
//! article on the same story does not report, the words of a question
//! that the answering paragraph shares and its neighbours from the same
//! article do not). So the leading [`LEADING`] articles are scored again
//! with each word that all of them have counting `1 - Weights::shared`
//! times. This is the term discrimination idea of Salton, Wong and Yang
//! (1975), a word's worth being how well it separates documents, taken
//! over the candidates rather than the whole collection.
//!
//! Only the order of the leading articles changes: the articles after
//! them, and which articles are found, stay those of the first ranking.

use rustc_hash::FxHashSet;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, QueryClone};
use tantivy::Searcher;

use super::build::BuiltQuery;
use super::collapse::{self, RankedArticle};
use super::doc_ids::DocIds;
use super::stats::FieldStats;
use super::SearchOptions;
use crate::error::Result;
use crate::schema::Fields;

/// How many of the first articles are ranked again. Few: the further down,
/// the more the candidates differ in the words that chose them, and a word
/// that all of them share is rarer.
pub(crate) const LEADING: usize = 5;

/// Whether a search with `options` has its leading articles ranked again:
/// not a search of passages, whose entries are not articles, nor one that
/// turns the second ranking off.
pub(crate) fn applies(options: &SearchOptions) -> bool {
    !options.all_passages && options.weights.shared != 0.0
}

/// `ranked` (the first ranking of `built`'s query, at least [`LEADING`]
/// articles when there are that many) with its leading articles in their
/// second ranking's order; for a search the rule [`applies`] to.
///
/// They keep their place above the others: each scores the first-ranking
/// score of the last of them plus its margin over that article in the
/// second ranking, so scores still decrease down the list.
pub(crate) fn rerank(
    searcher: &Searcher,
    fields: &Fields,
    stats: &FieldStats,
    docs: &mut DocIds,
    built: &BuiltQuery,
    mut ranked: Vec<RankedArticle>,
    options: &SearchOptions,
) -> Result<Vec<RankedArticle>> {
    let shared = options.weights.shared;
    let n = LEADING.min(ranked.len());
    if n < 2 || built.words().count() < 2 {
        return Ok(ranked);
    }
    let leading: Vec<Box<dyn Query>> = ranked[..n]
        .iter()
        .map(|article| collapse::article_query(fields, &article.article_id))
        .collect();
    let leading = BooleanQuery::union(leading);
    let mut factors = Vec::new();
    let mut present = 0;
    for word in built.words() {
        let both = BooleanQuery::intersection(vec![word.box_clone(), leading.box_clone()]);
        let found = searcher.search_with_statistics_provider(&both, &DocSetCollector, stats)?;
        let having: FxHashSet<_> = found
            .into_iter()
            .map(|address| docs.get(address).0)
            .collect();
        present += usize::from(!having.is_empty());
        factors.push(if having.len() == n { 1.0 - shared } else { 1.0 });
    }
    // With fewer than two of the words in the leading articles, there is
    // no other word to rank them by: a word none of them has (one the
    // index lacks) leaves the ranking as it is.
    if present < 2 || factors.iter().all(|&factor| factor == 1.0) {
        return Ok(ranked);
    }
    // The leading articles passed the date filters and the exclusions
    // already; the filter on them must not add to their scores.
    let query = BooleanQuery::new(vec![
        (Occur::Must, built.reweighted(&factors)),
        (
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(leading), 0.0)),
        ),
    ]);
    let again = SearchOptions {
        limit: n,
        all_passages: false,
        ..options.clone()
    };
    let second = collapse::rank(searcher, fields, stats, docs, &query, None, &again)?;
    if second.len() != n {
        return Ok(ranked);
    }
    // The articles keep their passages with the scores the query gives
    // them (those `--passages` shows); only their order and scores change.
    let floor = ranked[n - 1].score;
    let last = second[n - 1].score;
    for article in &mut ranked[..n] {
        if let Some(again) = second.iter().find(|again| again.key == article.key) {
            article.score = floor + (again.score - last);
        }
    }
    ranked[..n].sort_by(collapse::by_score);
    Ok(ranked)
}
