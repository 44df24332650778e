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
//! The second ranking scores the documents that the first one ranked: a
//! document's score there is its first score less `Weights::shared` times
//! the scores of the words that every leading article has, which a scorer
//! of each word gives for the leading articles' documents alone.

use tantivy::query::{EnableScoring, Query, Scorer, Weight};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader};

use super::doc_ids::{DocIds, DocKind};
use super::rank::{self, RankedArticle};
use super::SearchOptions;
use crate::error::Result;
use crate::query::build::BuiltQuery;
use crate::query::stats::FieldStats;
use crate::query::summed::{SummedQuery, SummedWeight, Sums};
use crate::weights::Weights;
use crate::weights::LEADING;

/// Whether a search with `options` has its leading articles ranked again:
/// not a search of passages, whose entries are not articles, nor one that
/// turns the second ranking off.
pub(crate) fn applies(options: &SearchOptions) -> bool {
    !options.all_passages && options.weights.shared != 0.0
}

/// A ranked document of a leading article.
struct LeadingDocument {
    address: DocAddress,
    /// Which of the leading articles it belongs to.
    article: usize,
    /// The article document or a passage.
    kind: DocKind,
    /// Its score in the first ranking.
    first: Score,
    /// The score of the word being looked at (0 where it does not match).
    word: Score,
    /// The summed scores of the words that all leading articles have.
    shared: Score,
}

/// `ranked` (the first ranking of `built`'s query, at least [`LEADING`]
/// articles when there are that many) with its leading articles in their
/// second ranking's order; for a search the rule [`applies`] to.
///
/// They keep their place above the others: each scores the first-ranking
/// score of the last of them plus its margin over the last of them in the
/// second ranking, so scores still decrease down the list.
pub(crate) fn rerank(
    searcher: &Searcher,
    stats: &FieldStats,
    docs: &DocIds,
    built: &BuiltQuery,
    mut ranked: Vec<RankedArticle>,
    options: &SearchOptions,
) -> Result<Vec<RankedArticle>> {
    let n = LEADING.min(ranked.len());
    // Counted without building the words' queries.
    if n < 2 || built.words().len() < 2 {
        return Ok(ranked);
    }
    let mut leading = leading_documents(&ranked[..n], docs);
    let every_article = (1u32 << n) - 1;
    let mut present = 0;
    let mut any_shared = false;
    for word in built.words() {
        let articles = score_word(searcher, stats, word.as_ref(), &mut leading)?;
        present += usize::from(articles != 0);
        if articles == every_article {
            any_shared = true;
            for document in &mut leading {
                document.shared += document.word;
            }
        }
    }
    // With fewer than two of the words in the leading articles, there is
    // no other word to rank them by: a word none of them has (one the
    // index lacks) leaves the ranking as it is.
    if present < 2 || !any_shared {
        return Ok(ranked);
    }
    let second = second_scores(&leading, n, options);
    // The articles keep their passages with the scores the query gives
    // them (those `--passages` shows); only their order and scores change.
    let floor = ranked[n - 1].score;
    let last = second.iter().copied().fold(Score::INFINITY, Score::min);
    for (article, again) in ranked[..n].iter_mut().zip(&second) {
        article.score = floor + (again - last);
    }
    ranked[..n].sort_by(rank::by_score);
    Ok(ranked)
}

/// The ranked documents of the leading articles, in index order.
fn leading_documents(leading: &[RankedArticle], docs: &DocIds) -> Vec<LeadingDocument> {
    let mut documents = Vec::new();
    for (at, article) in leading.iter().enumerate() {
        for &(first, address) in article.article_document.iter().chain(&article.passages) {
            documents.push(LeadingDocument {
                address,
                article: at,
                kind: docs.get(address).1,
                first,
                word: 0.0,
                shared: 0.0,
            });
        }
    }
    documents.sort_by_key(|document| document.address);
    documents
}

/// Scores `word` on each of the `leading` documents (their `word`), and
/// returns the set of articles it matches, one bit per article.
fn score_word(
    searcher: &Searcher,
    stats: &FieldStats,
    word: &dyn Query,
    leading: &mut [LeadingDocument],
) -> Result<u32> {
    let weight = WordWeight::of(
        word,
        EnableScoring::enabled_from_statistics_provider(stats, searcher),
    )?;
    let mut articles = 0u32;
    for segment in leading.chunk_by_mut(|a, b| a.address.segment_ord == b.address.segment_ord) {
        let reader = searcher.segment_reader(segment[0].address.segment_ord);
        let mut scorer = weight.scorer(reader)?;
        for document in segment {
            document.word = match scorer.score_at(document.address.doc_id) {
                Some(score) => {
                    articles |= 1 << document.article;
                    score
                }
                None => 0.0,
            };
        }
    }
    Ok(articles)
}

/// A word's weight: a sum of its alternatives, summed on each document
/// alone with the dictionary entries the ranking looked up, or any other
/// query's.
enum WordWeight {
    Summed(SummedWeight),
    Other(Box<dyn Weight>),
}

/// [`WordWeight`] in one segment.
enum WordScorer {
    Summed(Box<Sums>),
    Other(Box<dyn Scorer>),
}

impl WordWeight {
    fn of(word: &dyn Query, scoring: EnableScoring<'_>) -> Result<WordWeight> {
        let summed = match word.downcast_ref::<SummedQuery>() {
            Some(sum) => sum.summed_weight(scoring)?,
            None => None,
        };
        Ok(match summed {
            Some(summed) => WordWeight::Summed(summed),
            None => WordWeight::Other(word.weight(scoring)?),
        })
    }

    fn scorer(&self, reader: &SegmentReader) -> Result<WordScorer> {
        Ok(match self {
            WordWeight::Summed(summed) => WordScorer::Summed(Box::new(summed.sums_in(reader)?)),
            WordWeight::Other(weight) => WordScorer::Other(weight.scorer(reader, 1.0)?),
        })
    }
}

impl WordScorer {
    /// The word's score on `doc`, if it matches it; documents asked ascend.
    fn score_at(&mut self, doc: DocId) -> Option<Score> {
        match self {
            WordScorer::Summed(sums) => sums.score_at(doc),
            WordScorer::Other(scorer) => {
                if scorer.doc() < doc {
                    scorer.seek(doc);
                }
                (scorer.doc() == doc).then(|| scorer.score())
            }
        }
    }
}

/// The leading articles' scores in the second ranking, in their first
/// ranking's order: those of [`rank::rank`] with the shared words
/// counting `1 - shared` times.
fn second_scores(leading: &[LeadingDocument], n: usize, options: &SearchOptions) -> Vec<Score> {
    let Weights {
        shared,
        lead,
        passage_decay,
        ..
    } = options.weights;
    let mut article_scores: Vec<Option<Score>> = vec![None; n];
    let mut passage_scores: Vec<Vec<Score>> = vec![Vec::new(); n];
    for document in leading {
        let factor = rank::lead_factor(document.kind, lead);
        let score = document.first - shared * document.shared * factor;
        if document.kind == DocKind::Article {
            article_scores[document.article] = Some(score);
        } else {
            passage_scores[document.article].push(score);
        }
    }
    article_scores
        .into_iter()
        .zip(passage_scores)
        .map(|(article, mut passages)| {
            passages.sort_by(|a, b| b.total_cmp(a));
            rank::article_score(article, passages.into_iter(), passage_decay)
        })
        .collect()
}
