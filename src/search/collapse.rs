//! Ranking documents and collapsing them into articles.
//!
//! A query matches two kinds of documents: passages (their text) and
//! articles (title and whole body). An article's score adds its article
//! document's score, its best passage's score, and a decaying share of its
//! other matching passages; its lead passage counts `1 + lead` times.

use std::collections::{HashMap, HashSet};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Score, Searcher, Term};

use super::doc_ids::{DocIds, DocKind};
use super::stats::FieldStats;
use super::{Hit, SearchOptions};
use crate::error::Result;
use crate::schema::Fields;

/// Documents fetched per requested article on the first try; more are
/// fetched when they do not cover enough distinct articles.
const DOCS_PER_ARTICLE: usize = 8;
/// Articles are ranked from the documents of at least this many: an
/// article's score adds its article document and its best passage only
/// when both are among the fetched documents, so a window sized by the
/// limit would rank the first ten differently for `--limit 10` and
/// `--limit 100`.
const MIN_RANKED_ARTICLES: usize = 100;

/// An article in the ranking, with its matching passages, best first.
pub(crate) struct RankedArticle {
    pub article_id: String,
    pub score: Score,
    pub passages: Vec<(Score, DocAddress)>,
}

impl RankedArticle {
    /// A hit with the rank, id and score alone; the presenter fills the rest.
    pub fn into_hit(self, rank: usize) -> Hit {
        Hit {
            rank,
            article_id: self.article_id,
            score: self.score,
            title: String::new(),
            url: None,
            source: None,
            date: None,
            passages: Vec::new(),
        }
    }
}

/// The top articles for `query`, leaving out those with a passage that
/// matches `excluded`. With `all_passages`, the top passages, each its own
/// entry.
pub(crate) fn rank(
    searcher: &Searcher,
    fields: &Fields,
    stats: &FieldStats,
    docs: &mut DocIds,
    query: &dyn Query,
    excluded: Option<&dyn Query>,
    options: &SearchOptions,
) -> Result<Vec<RankedArticle>> {
    let total = searcher.num_docs() as usize;
    let decay = options.weights.passage_decay;
    let lead = options.weights.lead;
    let mut wanted = options
        .limit
        .max(MIN_RANKED_ARTICLES)
        .saturating_mul(DOCS_PER_ARTICLE);
    loop {
        let fetch = wanted.min(total).max(1);
        let collector = TopDocs::with_limit(fetch).order_by_score();
        let found = searcher.search_with_statistics_provider(query, &collector, stats)?;
        let exhausted = found.len() < fetch;
        let mut articles: Vec<RankedArticle> = Vec::new();
        let mut position: HashMap<String, usize> = HashMap::new();
        let mut left_out: HashSet<String> = HashSet::new();
        for (score, address) in found {
            let (id, kind) = docs.get(address)?;
            let score = match kind {
                DocKind::Passage { lead: true } => score * (1.0 + lead),
                _ => score,
            };
            if options.all_passages {
                if kind != DocKind::Article {
                    articles.push(RankedArticle {
                        article_id: id,
                        score,
                        passages: vec![(score, address)],
                    });
                }
                continue;
            }
            if left_out.contains(&id) {
                continue;
            }
            let at = match position.get(&id) {
                Some(&at) => at,
                None => {
                    if let Some(excluded) = excluded {
                        if article_matches(searcher, fields, &id, excluded)? {
                            left_out.insert(id);
                            continue;
                        }
                    }
                    position.insert(id.clone(), articles.len());
                    articles.push(RankedArticle {
                        article_id: id,
                        score: 0.0,
                        passages: Vec::new(),
                    });
                    articles.len() - 1
                }
            };
            let article = &mut articles[at];
            match kind {
                DocKind::Article => article.score += score,
                DocKind::Passage { .. } => article.passages.push((score, address)),
            }
        }
        for article in &mut articles {
            // The lead's factor can put it ahead of passages that came
            // before it. The best passage counts in full, each further one
            // less.
            article.passages.sort_by(|a, b| b.0.total_cmp(&a.0));
            for (n, (score, _)) in article.passages.iter().enumerate() {
                article.score += score * decay.powi(n as i32);
            }
        }
        let enough = articles.len() >= options.limit;
        if enough || exhausted || fetch >= total {
            // Ties (duplicate articles score the same) go by article id, so
            // the order does not depend on how documents fell into segments.
            articles.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then_with(|| a.article_id.cmp(&b.article_id))
            });
            articles.truncate(options.limit);
            return Ok(articles);
        }
        wanted = wanted.saturating_mul(4);
    }
}

/// Whether any document of the article matches `query`.
fn article_matches(
    searcher: &Searcher,
    fields: &Fields,
    id: &str,
    query: &dyn Query,
) -> Result<bool> {
    let both = BooleanQuery::intersection(vec![article_query(fields, id), query.box_clone()]);
    Ok(searcher.search(&both, &Count)? > 0)
}

/// Every document of one article.
pub(crate) fn article_query(fields: &Fields, id: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(fields.article_id, id),
        IndexRecordOption::Basic,
    ))
}
