//! Relevance evaluation on the test collections of `shared/eval`.
//!
//!     cargo run --release --example evaluate [-- [--shared DIR] [--runs DIR] [--limit N] [SET...]]
//!
//! Indexes each set in memory as its README says (the QA sets with their
//! titles; the news sets from `shared/corpora` without title and url),
//! runs its topics in batch, and prints MRR@10, Recall@10, Recall@100 and
//! nDCG@10 per set, as `shared/eval/score.py` computes them.
//!
//! `--runs DIR` also writes each set's run as `DIR/SET.trec` (TREC format),
//! for per-topic scoring with `score.py --per-topic`. `--limit N` asks for
//! N articles per topic instead of 100 (Recall@100 then counts only N), to
//! check that the first hits do not depend on the limit.
//!
//! `--mixed` puts every set in ONE index and runs each set's topics
//! without a language filter and with its own language. `--xling` indexes
//! both news corpora with their titles in one index and runs the
//! cross-language set `shared/eval/xling-news` (French queries kept to
//! Arabic articles, Arabic queries to French ones), beside the same needs
//! written in the target language. `--no-translate` turns query
//! translation off.
//!
//! For experiments, `NEWSEARCH_WEIGHTS="body=0.5 exact=0.6"` overrides some
//! of the default weights (by their names in `Weights`); several
//! configurations separated by `;` are each run on the same index, one
//! table row each.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use newsearch::NoProgress;
use newsearch::{ingest, Index, Lang, SearchOptions};
use newsearch_eval::{read_qrels, read_topics, run_topics, score, Run, Topic, EVAL_SETS};

fn main() -> anyhow::Result<()> {
    let mut shared = PathBuf::from("../shared");
    let mut sets: Vec<String> = Vec::new();
    let mut runs: Option<PathBuf> = None;
    let mut limit = 100;
    let mut mixed = false;
    let mut xling = false;
    let mut translate = true;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--shared" => shared = PathBuf::from(args.next().context("--shared needs a folder")?),
            "--runs" => runs = Some(PathBuf::from(args.next().context("--runs needs a folder")?)),
            "--limit" => limit = args.next().context("--limit needs a number")?.parse()?,
            "--mixed" => mixed = true,
            "--xling" => xling = true,
            "--no-translate" => translate = false,
            set if EVAL_SETS.contains(&set) => sets.push(set.to_string()),
            other => bail!("unknown argument {other:?}; sets are {EVAL_SETS:?}"),
        }
    }
    if sets.is_empty() {
        sets = EVAL_SETS.iter().map(|s| s.to_string()).collect();
    }
    if let Some(runs) = &runs {
        std::fs::create_dir_all(runs).with_context(|| format!("creating {}", runs.display()))?;
    }
    let mut configurations = options();
    for (label, options) in &mut configurations {
        options.translate = translate;
        if !translate {
            label.push_str(" (no translation)");
        }
    }
    if xling {
        return evaluate_xling(&shared, runs.as_deref(), limit, &configurations);
    }
    if mixed {
        return evaluate_mixed(&shared, &sets, runs.as_deref(), limit, &configurations);
    }
    println!("| set | MRR@10 | Recall@10 | Recall@100 | nDCG@10 | topics |");
    println!("|---|---:|---:|---:|---:|---:|");
    for set in &sets {
        let folder = shared.join("eval").join(set);
        let started = Instant::now();
        let index = build(&shared, &folder)?;
        let topics = read_topics(&folder.join("topics.tsv"))?;
        let qrels = read_qrels(&folder.join("qrels.txt"))?;
        for (label, options) in &configurations {
            let run = run_topics(&index, &topics, limit, options)?;
            let scores = score(&run, &qrels);
            println!(
                "| {set}{label} | {:.3} | {:.3} | {:.3} | {:.3} | {} |",
                scores.mrr10, scores.recall10, scores.recall100, scores.ndcg10, scores.topics
            );
            if let Some(runs) = &runs {
                let name = format!("{set}{}.trec", label.replace(' ', "_"));
                write_run(&runs.join(name), &topics, &run)?;
            }
        }
        eprintln!("{set}: {:.1}s", started.elapsed().as_secs_f64());
    }
    Ok(())
}

/// Writes a run in TREC format (`qid Q0 docid rank score tag`), topics in
/// file order; the score is a decreasing stand-in (ranks are what count).
fn write_run(path: &Path, topics: &[Topic], run: &Run) -> anyhow::Result<()> {
    let mut out = String::new();
    for topic in topics {
        for (i, docid) in run.get(&topic.qid).into_iter().flatten().enumerate() {
            let rank = i + 1;
            out.push_str(&format!(
                "{} Q0 {docid} {rank} {} newsearch\n",
                topic.qid,
                1000 - i
            ));
        }
    }
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))
}

/// The search options to run, each with a label for the table: the
/// defaults, or the weights of `NEWSEARCH_WEIGHTS="name=value ...[; ...]"`
/// (names as in `Weights`; unnamed ones keep their default).
fn options() -> Vec<(String, SearchOptions)> {
    let Ok(spec) = std::env::var("NEWSEARCH_WEIGHTS") else {
        return vec![(String::new(), SearchOptions::default())];
    };
    let mut configurations = Vec::new();
    for one in spec.split(';').filter(|s| !s.trim().is_empty()) {
        let mut weights = newsearch::Weights::default();
        let mut valid = true;
        for setting in one.split_whitespace() {
            let parsed = setting
                .split_once('=')
                .and_then(|(name, value)| Some((name, value.parse::<f32>().ok()?)));
            let slot =
                parsed.and_then(|(name, value)| Some((weight_slot(&mut weights, name)?, value)));
            match slot {
                Some((slot, value)) => *slot = value,
                None => {
                    eprintln!("NEWSEARCH_WEIGHTS: {setting:?} is not name=number of a weight");
                    valid = false;
                }
            }
        }
        if !valid {
            continue;
        }
        let options = SearchOptions::default().weights(weights);
        configurations.push((format!(" ({})", one.trim()), options));
    }
    configurations
}

/// The weight called `name`.
fn weight_slot<'a>(weights: &'a mut newsearch::Weights, name: &str) -> Option<&'a mut f32> {
    Some(match name {
        "text" => &mut weights.text,
        "exact" => &mut weights.exact,
        "text_fr" => &mut weights.text_fr,
        "exact_fr" => &mut weights.exact_fr,
        "passage_length" => &mut weights.passage_length,
        "passage_length_fr" => &mut weights.passage_length_fr,
        "title" => &mut weights.title,
        "title_exact" => &mut weights.title_exact,
        "body" => &mut weights.body,
        "passage_decay" => &mut weights.passage_decay,
        "question" => &mut weights.question,
        "name" => &mut weights.name,
        "pair" => &mut weights.pair,
        "lead" => &mut weights.lead,
        "shared" => &mut weights.shared,
        "foreign" => &mut weights.foreign,
        "translation" => &mut weights.translation,
        "translation_word" => &mut weights.translation_word,
        "translation_rank" => &mut weights.translation_rank,
        "translation_guess" => &mut weights.translation_guess,
        _ => return None,
    })
}

/// Every set in ONE in-memory index, each set's topics run without a
/// language filter and with its own language.
fn evaluate_mixed(
    shared: &Path,
    sets: &[String],
    runs: Option<&Path>,
    limit: usize,
    configurations: &[(String, SearchOptions)],
) -> anyhow::Result<()> {
    let started = Instant::now();
    let index = Index::create_in_ram()?;
    let mut writer = index.writer()?;
    for set in EVAL_SETS {
        add_set(&mut writer, shared, &shared.join("eval").join(set))?;
    }
    writer.finish()?;
    eprintln!("mixed index: {:.1}s", started.elapsed().as_secs_f64());
    println!(
        "| set | MRR@10 no filter | MRR@10 --lang | R@100 no filter | R@100 --lang | topics |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for set in sets {
        let folder = shared.join("eval").join(set);
        let lang = if set.starts_with("ar-") {
            Lang::Ar
        } else {
            Lang::Fr
        };
        let topics = read_topics(&folder.join("topics.tsv"))?;
        let qrels = read_qrels(&folder.join("qrels.txt"))?;
        for (label, options) in configurations {
            let filtered = options.clone().lang(lang);
            let run = run_topics(&index, &topics, limit, options)?;
            let run_lang = run_topics(&index, &topics, limit, &filtered)?;
            let (all, only) = (score(&run, &qrels), score(&run_lang, &qrels));
            println!(
                "| {set}{label} | {:.3} | {:.3} | {:.3} | {:.3} | {} |",
                all.mrr10, only.mrr10, all.recall100, only.recall100, all.topics
            );
            if let Some(runs) = runs {
                let name = format!("mixed-{set}{}.trec", label.replace(' ', "_"));
                write_run(&runs.join(name), &topics, &run)?;
                let name = format!("mixed-lang-{set}{}.trec", label.replace(' ', "_"));
                write_run(&runs.join(name), &topics, &run_lang)?;
            }
        }
    }
    Ok(())
}

/// The cross-language set: both news corpora, titles included, in one
/// index; each direction's topics kept to the target language, and the
/// same needs written in that language for reference.
fn evaluate_xling(
    shared: &Path,
    runs: Option<&Path>,
    limit: usize,
    configurations: &[(String, SearchOptions)],
) -> anyhow::Result<()> {
    let started = Instant::now();
    let index = Index::create_in_ram()?;
    let mut writer = index.writer()?;
    for corpus in ["ar-saudinewsnet.jsonl.gz", "fr-orangesum.jsonl.gz"] {
        writer.add_paths(&[shared.join("corpora").join(corpus)], &mut NoProgress)?;
    }
    writer.finish()?;
    eprintln!("xling index: {:.1}s", started.elapsed().as_secs_f64());
    println!("| direction | query | nDCG@10 | MRR@10 | Recall@100 | topics |");
    println!("|---|---|---:|---:|---:|---:|");
    let folder = shared.join("eval").join("xling-news");
    for (direction, lang) in [("fr-to-ar", Lang::Ar), ("ar-to-fr", Lang::Fr)] {
        let qrels = read_qrels(&folder.join(direction).join("qrels.txt"))?;
        for (kind, file) in [
            ("cross-language", "topics.tsv"),
            ("same language", "topics.same-language.tsv"),
        ] {
            let topics = read_topics(&folder.join(direction).join(file))?;
            for (label, options) in configurations {
                let options = options.clone().lang(lang);
                let run = run_topics(&index, &topics, limit, &options)?;
                let scores = score(&run, &qrels);
                println!(
                    "| {direction}{label} | {kind} | {:.3} | {:.3} | {:.3} | {} |",
                    scores.ndcg10, scores.mrr10, scores.recall100, scores.topics
                );
                if let Some(runs) = runs {
                    let name = format!(
                        "xling-{direction}-{}{}.trec",
                        kind.replace(' ', "-"),
                        label.replace(' ', "_")
                    );
                    write_run(&runs.join(name), &topics, &run)?;
                }
            }
        }
    }
    Ok(())
}

/// An in-memory index of one set.
fn build(shared: &Path, folder: &Path) -> anyhow::Result<Index> {
    let index = Index::create_in_ram()?;
    let mut writer = index.writer()?;
    add_set(&mut writer, shared, folder)?;
    writer.finish()?;
    Ok(index)
}

/// Adds one set's documents as its README says.
fn add_set(writer: &mut newsearch::Writer, shared: &Path, folder: &Path) -> anyhow::Result<()> {
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
    Ok(())
}
