//! Relevance evaluation on the test collections of `shared/eval`.
//!
//!     cargo run --release --example evaluate [-- [--shared DIR] [SET...]]
//!
//! Indexes each set in memory as its README says (the QA sets with their
//! titles; the news sets from `shared/corpora` without title and url),
//! runs its topics in batch, and prints MRR@10, Recall@10, Recall@100 and
//! nDCG@10 per set, as `shared/eval/score.py` computes them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use newsearch::add_paths::NoProgress;
use newsearch::eval::{read_qrels, read_topics, run_topics, score};
use newsearch::{ingest, Index, SearchOptions};

const SETS: [&str; 4] = [
    "ar-wiki-qa",
    "fr-piaf-qa",
    "ar-news-headline",
    "fr-news-headline",
];

fn main() -> anyhow::Result<()> {
    let mut shared = PathBuf::from("../shared");
    let mut sets: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--shared" => shared = PathBuf::from(args.next().context("--shared needs a folder")?),
            set if SETS.contains(&set) => sets.push(set.to_string()),
            other => bail!("unknown argument {other:?}; sets are {SETS:?}"),
        }
    }
    if sets.is_empty() {
        sets = SETS.iter().map(|s| s.to_string()).collect();
    }
    println!("| set | MRR@10 | Recall@10 | Recall@100 | nDCG@10 | topics |");
    println!("|---|---:|---:|---:|---:|---:|");
    for set in &sets {
        let folder = shared.join("eval").join(set);
        let started = Instant::now();
        let index = build(&shared, &folder)?;
        let topics = read_topics(&folder.join("topics.tsv"))?;
        let run = run_topics(&index, &topics, 100, &options())?;
        let scores = score(&run, &read_qrels(&folder.join("qrels.txt"))?);
        println!(
            "| {set} | {:.3} | {:.3} | {:.3} | {:.3} | {} |",
            scores.mrr10, scores.recall10, scores.recall100, scores.ndcg10, scores.topics
        );
        eprintln!("{set}: {:.1}s", started.elapsed().as_secs_f64());
    }
    Ok(())
}

/// Search options, with weights overridable for experiments through
/// `NEWSEARCH_WEIGHTS="text exact title title_exact body passage_decay"`.
fn options() -> SearchOptions {
    let mut options = SearchOptions::default();
    if let Ok(spec) = std::env::var("NEWSEARCH_WEIGHTS") {
        let values: Vec<f32> = spec
            .split_whitespace()
            .filter_map(|v| v.parse().ok())
            .collect();
        if let [text, exact, title, title_exact, body, passage_decay] = values[..] {
            options.weights = newsearch::search::Weights {
                text,
                exact,
                title,
                title_exact,
                body,
                passage_decay,
            };
        }
    }
    options
}

/// An in-memory index of one set.
fn build(shared: &Path, folder: &Path) -> anyhow::Result<Index> {
    let index = Index::create_in_ram()?;
    let mut writer = index.writer()?;
    let corpus = folder.join("corpus.jsonl");
    if corpus.exists() {
        writer.add_paths(&[corpus], &mut NoProgress)?;
    } else {
        // A news set: every article of its corpus files, without title and url
        // (the title is the query; urls often spell it out).
        let spec: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(folder.join("corpus_spec.json"))?)?;
        let files = spec["corpus_files"]
            .as_array()
            .context("corpus_files in corpus_spec.json")?;
        for file in files {
            let path = shared
                .join("corpora")
                .join(file.as_str().context("a file name")?);
            let discovered = ingest::discover(&[&path]);
            for input in &discovered.files {
                let reader = ingest::open(input).map_err(|p| anyhow::anyhow!("{p}"))?;
                for article in reader {
                    let mut article = article.map_err(|p| anyhow::anyhow!("{p}"))?;
                    article.title.clear();
                    article.url = None;
                    writer.add_article(&article, None)?;
                }
            }
        }
    }
    writer.finish()?;
    Ok(index)
}
