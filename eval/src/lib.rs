//! newsearch-eval: relevance evaluation of newsearch on the test
//! collections of `../shared/eval` (not published; the project's own
//! measuring tool, used by `examples/evaluate.rs` and the relevance tests).
//!
//! TREC topics and qrels, batch runs, and the usual measures (MRR@10,
//! Recall@10, Recall@100, nDCG@10), computed the way
//! `shared/eval/score.py` does.

use std::collections::HashMap;
use std::path::Path;

use newsearch::{Error, Index, Result, SearchOptions};

pub use newsearch::Topic;

/// The four test collections of `shared/eval`: two Wikipedia question
/// sets, two news headline → article sets.
pub const EVAL_SETS: [&str; 4] = [
    "ar-wiki-qa",
    "fr-piaf-qa",
    "ar-news-headline",
    "fr-news-headline",
];

/// Relevance judgements: qid → document id → grade (> 0 is relevant).
pub type Qrels = HashMap<String, HashMap<String, u32>>;

/// A run: qid → document ids, best first.
pub type Run = HashMap<String, Vec<String>>;

/// Reads a set's `qid<TAB>query` lines (as `newsearch query --topics`
/// does); a line without a tab is an error here, where every topic counts.
pub fn read_topics(path: &Path) -> Result<Vec<Topic>> {
    let read = newsearch::read_topics(path)?;
    if let Some(number) = read.skipped.first() {
        return Err(Error::InvalidOption(format!(
            "{}:{number}: expected `qid<TAB>query`",
            path.display()
        )));
    }
    Ok(read.topics)
}

/// Reads TREC qrels lines `qid 0 docid grade`.
pub fn read_qrels(path: &Path) -> Result<Qrels> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::io(path, source))?;
    let mut qrels = Qrels::new();
    for (number, line) in text.lines().enumerate() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        match parts.as_slice() {
            [] => {}
            [qid, _, docid, grade] => {
                let grade = grade
                    .parse::<f64>()
                    .map(|g| g.max(0.0) as u32)
                    .map_err(|_| {
                        Error::InvalidOption(format!(
                            "{}:{}: bad grade {grade:?}",
                            path.display(),
                            number + 1
                        ))
                    })?;
                qrels
                    .entry(qid.to_string())
                    .or_default()
                    .insert(docid.to_string(), grade);
            }
            _ => {
                return Err(Error::InvalidOption(format!(
                    "{}:{}: expected `qid 0 docid grade`",
                    path.display(),
                    number + 1
                )))
            }
        }
    }
    Ok(qrels)
}

/// Runs every topic with one searcher, keeping the top `depth` article ids.
/// A topic with no searchable word gets an empty list.
pub fn run_topics(
    index: &Index,
    topics: &[Topic],
    depth: usize,
    options: &SearchOptions,
) -> Result<Run> {
    let options = options.clone().limit(depth).details(false);
    let mut searcher = index.searcher();
    let mut run = Run::new();
    for topic in topics {
        let ids = match searcher.search(&topic.query, &options) {
            Ok(hits) => hits.into_iter().map(|hit| hit.article_id).collect(),
            Err(Error::NoSearchableWords(_)) => Vec::new(),
            Err(err) => return Err(err),
        };
        run.insert(topic.qid.clone(), ids);
    }
    Ok(run)
}

/// Averages over the judged topics (those with a relevant document).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Mean reciprocal rank of the first relevant document in the top 10.
    pub mrr10: f64,
    /// Share of relevant documents in the top 10.
    pub recall10: f64,
    /// Share of relevant documents in the top 100.
    pub recall100: f64,
    /// nDCG over the top 10, gain = grade, discount 1/log2(rank + 1).
    pub ndcg10: f64,
    /// Number of judged topics.
    pub topics: usize,
}

/// Scores a run against qrels; a judged topic missing from the run scores 0.
pub fn score(run: &Run, qrels: &Qrels) -> Scores {
    let mut total = Scores::default();
    for (qid, judged) in qrels {
        let relevant = judged.values().filter(|&&g| g > 0).count();
        if relevant == 0 {
            continue;
        }
        total.topics += 1;
        let empty = Vec::new();
        let ranked = run.get(qid).unwrap_or(&empty);
        let mut seen = std::collections::HashSet::new();
        let ranked: Vec<&String> = ranked.iter().filter(|id| seen.insert(*id)).collect();
        let grade = |id: &String| judged.get(id).copied().unwrap_or(0);
        if let Some(rank) = ranked.iter().take(10).position(|id| grade(id) > 0) {
            total.mrr10 += 1.0 / (rank + 1) as f64;
        }
        let found = |k: usize| ranked.iter().take(k).filter(|id| grade(id) > 0).count() as f64;
        total.recall10 += found(10) / relevant as f64;
        total.recall100 += found(100) / relevant as f64;
        let dcg: f64 = ranked
            .iter()
            .take(10)
            .enumerate()
            .map(|(i, id)| grade(id) as f64 / (i as f64 + 2.0).log2())
            .sum();
        let mut ideal: Vec<u32> = judged.values().copied().filter(|&g| g > 0).collect();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let idcg: f64 = ideal
            .iter()
            .take(10)
            .enumerate()
            .map(|(i, &g)| g as f64 / (i as f64 + 2.0).log2())
            .sum();
        if idcg > 0.0 {
            total.ndcg10 += dcg / idcg;
        }
    }
    if total.topics > 0 {
        let n = total.topics as f64;
        total.mrr10 /= n;
        total.recall10 /= n;
        total.recall100 /= n;
        total.ndcg10 /= n;
    }
    total
}
