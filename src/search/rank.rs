//! Ranking documents and collapsing them into articles.
//!
//! A query matches two kinds of documents: passages (their text) and
//! articles (title and whole body). An article's score adds its article
//! document's score, its best passage's score, and a decaying share of its
//! other matching passages; its lead passage counts `1 + lead` times.
//! Copies of one article under several ids (the same title and text)
//! rank as one article, the first of their ids, which lists the others.

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Query};
use tantivy::{DocAddress, Score, Searcher};

use super::article_table::ArticleAt;
use super::best_and_matches::BestAndMatches;
use super::deadline::Deadline;
use super::doc_ids::{ArticleKey, DocIds, DocKind};
use super::matches::Matches;
use super::source_filter::SourceFilter;
use super::top_docs::TopScored;
use super::SearchOptions;
use crate::error::Result;
use crate::hit::Hit;
use crate::index::article_query;
use crate::index::schema::Fields;
use crate::query::stats::FieldStats;
use crate::weights::{DOCS_PER_ARTICLE, MIN_RANKED_ARTICLES};

/// An article in the ranking, with its matching passages, best first.
pub(crate) struct RankedArticle {
    pub key: ArticleKey,
    pub article_id: String,
    pub score: Score,
    pub passages: Vec<(Score, DocAddress)>,
    /// Its article document and that document's score, when it was among
    /// the ranked documents.
    pub article_document: Option<(Score, DocAddress)>,
    /// The ids of its copies (see [`merge_copies`]), in order.
    pub duplicates: Vec<String>,
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
            duplicates: self.duplicates,
            translated: Vec::new(),
        }
    }
}

/// An article (or, with `all_passages`, a passage) being scored, known by
/// its key until it makes the cut.
struct Candidate {
    key: ArticleKey,
    score: Score,
    passages: Vec<(Score, DocAddress)>,
    article_document: Option<(Score, DocAddress)>,
    /// Its id, once read (copies need theirs early).
    id: Option<String>,
    /// The ids of its copies.
    duplicates: Vec<String>,
}

/// The top articles for `query`, leaving out those with a passage that
/// matches `excluded`. With `all_passages`, the top passages, each its own
/// entry. With `matches`, also every article the query matches (as
/// [`Matches`] finds them, before exclusions), found on the same pass.
// The searcher's state, the query and the options: grouping them would
// only rename them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn rank(
    searcher: &Searcher,
    fields: &Fields,
    stats: &FieldStats,
    docs: &mut DocIds,
    query: &dyn Query,
    excluded: Option<&dyn Query>,
    options: &SearchOptions,
    mut matches: Option<Matches>,
) -> Result<(Vec<RankedArticle>, Option<Vec<ArticleAt>>)> {
    let mut matched = None;
    let total = searcher.num_docs() as usize;
    let decay = options.weights.passage_decay;
    let lead = options.weights.lead;
    let mut wanted = options
        .limit
        .max(MIN_RANKED_ARTICLES)
        .saturating_mul(DOCS_PER_ARTICLE);
    loop {
        let fetch = wanted.min(total).max(1);
        let best = TopScored::with_limit(fetch)
            .of_sources(SourceFilter::new(&options.sources))
            .until(Deadline::of(options));
        // Only the first pass needs to find the matching articles.
        let found = match matches.take() {
            Some(matches) => {
                let collector = BestAndMatches { best, matches };
                let (found, all) = collector.search(searcher, query, stats)?;
                matched = Some(all);
                found
            }
            None => searcher.search_with_statistics_provider(query, &best, stats)?,
        };
        Deadline::of(options).check()?;
        let exhausted = found.len() < fetch;
        let mut candidates: Vec<Candidate> = Vec::new();
        // Looked up for every ranked document: a fast hash of the small
        // keys, which come from the index, not from users.
        let mut position: FxHashMap<ArticleKey, usize> =
            FxHashMap::with_capacity_and_hasher(found.len(), Default::default());
        let mut left_out: FxHashSet<ArticleKey> = FxHashSet::default();
        for (score, address) in found {
            let (key, kind) = docs.get(address);
            let score = score * lead_factor(kind, lead);
            if options.all_passages {
                if kind != DocKind::Article {
                    // Its score is its passage's, added below.
                    candidates.push(Candidate {
                        key,
                        score: 0.0,
                        passages: vec![(score, address)],
                        article_document: None,
                        id: None,
                        duplicates: Vec::new(),
                    });
                }
                continue;
            }
            if left_out.contains(&key) {
                continue;
            }
            let at = match position.get(&key) {
                Some(&at) => at,
                None => {
                    if let Some(excluded) = excluded {
                        if article_matches(searcher, fields, &docs.id(key)?, excluded)? {
                            left_out.insert(key);
                            continue;
                        }
                    }
                    position.insert(key, candidates.len());
                    candidates.push(Candidate {
                        key,
                        score: 0.0,
                        passages: Vec::new(),
                        article_document: None,
                        id: None,
                        duplicates: Vec::new(),
                    });
                    candidates.len() - 1
                }
            };
            let candidate = &mut candidates[at];
            match kind {
                DocKind::Article => candidate.article_document = Some((score, address)),
                DocKind::Passage { .. } => candidate.passages.push((score, address)),
            }
        }
        for candidate in &mut candidates {
            // The lead's factor can put it ahead of passages that came
            // before it.
            candidate.passages.sort_by(|a, b| b.0.total_cmp(&a.0));
            let article = candidate.article_document.map(|(score, _)| score);
            candidate.score = article_score(article, candidate.passages.iter().map(|p| p.0), decay);
        }
        if !options.all_passages {
            merge_copies(&mut candidates, docs)?;
        }
        let enough = candidates.len() >= options.limit;
        if enough || exhausted || fetch >= total {
            return Ok((top(candidates, options.limit, docs)?, matched));
        }
        wanted = wanted.saturating_mul(4);
    }
}

/// The best `limit` candidates with their ids. Ties (duplicate articles
/// score the same) go by article id, so the order does not depend on how
/// documents fell into segments; only the candidates down to the last
/// score that makes the cut need their ids read.
fn top(
    mut candidates: Vec<Candidate>,
    limit: usize,
    docs: &mut DocIds,
) -> Result<Vec<RankedArticle>> {
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut end = limit.min(candidates.len());
    if let Some(last) = end.checked_sub(1).map(|at| candidates[at].score) {
        while candidates
            .get(end)
            .is_some_and(|next| next.score.total_cmp(&last).is_eq())
        {
            end += 1;
        }
    }
    candidates.truncate(end);
    let mut ranked = Vec::with_capacity(end);
    for candidate in candidates {
        let article_id = match candidate.id {
            Some(id) => id,
            None => docs.id(candidate.key)?,
        };
        ranked.push(RankedArticle {
            article_id,
            key: candidate.key,
            score: candidate.score,
            passages: candidate.passages,
            article_document: candidate.article_document,
            duplicates: candidate.duplicates,
        });
    }
    ranked.sort_by(by_score);
    ranked.truncate(limit);
    Ok(ranked)
}

/// Leaves one candidate per article text: copies of one article under
/// several ids (a wire story that several feeds carry, the same title and
/// text) would fill the ranking with one story, so they rank as one, at
/// the best score among them, under the first of their ids in order,
/// which lists the other ids as its duplicates. Copies score alike but
/// for the last bits (their documents may sit in different segments), so
/// the id, not the score, decides which one stands for them.
fn merge_copies(candidates: &mut Vec<Candidate>, docs: &mut DocIds) -> Result<()> {
    let mut by_text: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (at, candidate) in candidates.iter().enumerate() {
        let document = candidate
            .article_document
            .map(|(_, address)| address)
            .or_else(|| candidate.passages.first().map(|&(_, address)| address));
        if let Some(hash) = document.and_then(|address| docs.text_hash(address)) {
            by_text.entry(hash).or_default().push(at);
        }
    }
    let mut copies_of: Vec<Vec<usize>> = by_text.into_values().filter(|at| at.len() > 1).collect();
    if copies_of.is_empty() {
        return Ok(());
    }
    let mut left_out = vec![false; candidates.len()];
    for copies in &mut copies_of {
        for &at in copies.iter() {
            candidates[at].id = Some(docs.id(candidates[at].key)?);
        }
        copies.sort_by(|&a, &b| candidates[a].id.cmp(&candidates[b].id));
        let best = copies
            .iter()
            .map(|&at| candidates[at].score)
            .fold(Score::NEG_INFINITY, Score::max);
        let Some((first, others)) = copies.split_first() else {
            continue;
        };
        let duplicates: Vec<String> = others
            .iter()
            .map(|&at| {
                left_out[at] = true;
                candidates[at].id.clone().unwrap_or_default()
            })
            .collect();
        let kept = &mut candidates[*first];
        kept.score = best;
        kept.duplicates = duplicates;
    }
    let mut at = 0;
    candidates.retain(|_| {
        at += 1;
        !left_out[at - 1]
    });
    Ok(())
}

/// What the query's score of a document of `kind` counts in the ranking:
/// `1 + lead` times for a lead passage, once for any other document.
pub(crate) fn lead_factor(kind: DocKind, lead: f32) -> f32 {
    match kind {
        DocKind::Passage { lead: true } => 1.0 + lead,
        _ => 1.0,
    }
}

/// An article's score from its article document's score and its passages'
/// scores, best first: the best passage counts in full, each further one
/// `decay` times less than the one before.
pub(crate) fn article_score(
    article: Option<Score>,
    passages: impl Iterator<Item = Score>,
    decay: f32,
) -> Score {
    let mut score = article.unwrap_or(0.0);
    for (n, passage) in passages.enumerate() {
        score += passage * decay.powi(n as i32);
    }
    score
}

/// The ranking's order: best score first, ties by article id.
pub(crate) fn by_score(a: &RankedArticle, b: &RankedArticle) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| a.article_id.cmp(&b.article_id))
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
