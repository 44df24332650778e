//! The page of a date-ordered search, scored as the ranking would score
//! it: each article's passages that match, best first (the one shown),
//! and its score.

use rustc_hash::FxHashMap;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::Searcher;

use super::archive::PageArticle;
use super::doc_ids::{DocIds, DocKind};
use super::rank::{article_score, lead_factor, RankedArticle};
use super::top_docs::TopScored;
use crate::error::Result;
use crate::index::article_query;
use crate::index::schema::Fields;
use crate::query::stats::FieldStats;
use crate::weights::Weights;

/// Matching documents read per article of the page: its best passages.
const DOCUMENTS_PER_ARTICLE: usize = 64;

/// The page's articles, in the order given, with their matching passages
/// and scores. An article matched by its title or whole text alone comes
/// without a passage, which the presenter finds.
pub(crate) fn score_page(
    searcher: &Searcher,
    fields: &Fields,
    stats: &FieldStats,
    docs: &DocIds,
    query: &dyn Query,
    page: Vec<PageArticle>,
    weights: &Weights,
) -> Result<Vec<RankedArticle>> {
    if page.is_empty() {
        return Ok(Vec::new());
    }
    let ids = BooleanQuery::union(
        page.iter()
            .map(|article| article_query(fields, &article.id))
            .collect(),
    );
    // The ids select documents and add nothing to their scores.
    let restricted = BooleanQuery::new(vec![
        (Occur::Must, query.box_clone()),
        (
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(ids), 0.0)),
        ),
    ]);
    let collector = TopScored::with_limit(page.len() * DOCUMENTS_PER_ARTICLE);
    let found = searcher.search_with_statistics_provider(&restricted, &collector, stats)?;
    let mut ranked: Vec<RankedArticle> = page
        .into_iter()
        .map(|article| RankedArticle {
            key: article.key,
            article_id: article.id,
            score: 0.0,
            passages: Vec::new(),
            article_document: None,
            duplicates: article.duplicates,
        })
        .collect();
    let at: FxHashMap<_, usize> = ranked
        .iter()
        .enumerate()
        .map(|(at, a)| (a.key, at))
        .collect();
    for (score, address) in found {
        let (key, kind) = docs.get(address);
        let Some(&at) = at.get(&key) else {
            continue; // the union's ids are the page's: never reached
        };
        let score = score * lead_factor(kind, weights.lead);
        match kind {
            DocKind::Article => ranked[at].article_document = Some((score, address)),
            DocKind::Passage { .. } => ranked[at].passages.push((score, address)),
        }
    }
    for article in &mut ranked {
        article.passages.sort_by(|a, b| b.0.total_cmp(&a.0));
        let document = article.article_document.map(|(score, _)| score);
        article.score = article_score(
            document,
            article.passages.iter().map(|p| p.0),
            weights.passage_decay,
        );
    }
    Ok(ranked)
}
