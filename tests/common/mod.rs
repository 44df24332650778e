//! Helpers shared by the integration tests: running the binary on real
//! files in temporary folders.

#![allow(dead_code)]

#[cfg(feature = "serve")]
pub mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where `seeds/` lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, beside the repository, when present.
pub fn shared() -> Option<PathBuf> {
    let path = repo().join("..").join("shared");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "note: {} is absent; this test checks nothing",
            path.display()
        );
        None
    }
}

/// Runs `newsearch` with `args` in `dir`, without colour or NEWSEARCH_INDEX.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsearch"))
        .args(args)
        .current_dir(dir)
        .env_remove("NEWSEARCH_INDEX")
        .env("NO_COLOR", "1")
        .output()
        .expect("the newsearch binary runs")
}

/// Runs `newsearch` and asserts it succeeded; returns standard output.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let output = run(dir, args);
    assert!(
        output.status.success(),
        "newsearch {args:?} failed with {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

/// Runs `newsearch query --json` with `args` in `dir`; returns the hits,
/// each line parsed as JSON.
pub fn query_json(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["query", "--json"];
    all.extend_from_slice(args);
    ok(dir, &all)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

/// The seeds, as `newsearch index seeds/` reads them.
pub fn seed_articles() -> Vec<newsearch::Article> {
    let discovered = newsearch::ingest::discover(&[repo().join("seeds")]);
    let mut articles = Vec::new();
    for file in &discovered.files {
        let reader = newsearch::ingest::open(file).expect("a seed opens");
        articles.extend(reader.flatten());
    }
    articles
}

/// `articles`, indexed in memory.
pub fn index_of(articles: impl IntoIterator<Item = newsearch::Article>) -> newsearch::Index {
    let index = newsearch::Index::create_in_ram().expect("an index in memory");
    let mut writer = index.writer().expect("a writer");
    for article in articles {
        writer
            .add_article(&article, None)
            .expect("an article indexes");
    }
    writer.commit().expect("commit");
    index
}

/// The seeds, indexed in memory.
pub fn seed_index() -> newsearch::Index {
    index_of(seed_articles())
}

/// The corpus of an evaluation set folder (`corpus.jsonl`), indexed in memory.
pub fn eval_set_index(folder: &Path) -> newsearch::Index {
    let index = newsearch::Index::create_in_ram().expect("an index in memory");
    let mut writer = index.writer().expect("a writer");
    writer
        .add_paths(
            &[folder.join("corpus.jsonl")],
            &mut newsearch::add_paths::NoProgress,
        )
        .expect("the corpus indexes");
    writer.finish().expect("commit");
    index
}

/// The folder of the evaluation set `name` and its corpus indexed in
/// memory; `None` without `../shared` (see [`shared`]).
pub fn eval_set(name: &str) -> Option<(PathBuf, newsearch::Index)> {
    let folder = shared()?.join("eval").join(name);
    let index = eval_set_index(&folder);
    Some((folder, index))
}

/// A temporary folder holding a copy of `seeds/`.
pub fn with_seeds() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).expect("seeds folder");
    for entry in std::fs::read_dir(repo().join("seeds")).expect("seeds/ exists") {
        let entry = entry.expect("a seed");
        std::fs::copy(entry.path(), seeds.join(entry.file_name())).expect("copy a seed");
    }
    dir
}

/// The seed file whose name starts with `prefix` (e.g. "000").
pub fn seed_name(prefix: &str) -> String {
    std::fs::read_dir(repo().join("seeds"))
        .expect("seeds/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with(prefix))
        .expect("the seed exists")
}

/// Every article of one input file (a seed, a corpus).
pub fn articles_of(path: &Path) -> Vec<newsearch::Article> {
    let discovered = newsearch::ingest::discover(&[path.to_path_buf()]);
    let file = discovered
        .files
        .first()
        .expect("the file is readable input");
    newsearch::ingest::open(file)
        .expect("the file opens")
        .flatten()
        .collect()
}

/// The rank of the judged answer of an evaluation topic `qid` for `query`
/// on the set in `folder`, if it is among the first 10 hits.
pub fn answer_rank(
    index: &newsearch::Index,
    folder: &Path,
    qid: &str,
    query: &str,
) -> Option<usize> {
    answer_rank_with(
        index,
        folder,
        qid,
        query,
        &newsearch::SearchOptions::default(),
    )
}

/// [`answer_rank`] for a search with `options`.
pub fn answer_rank_with(
    index: &newsearch::Index,
    folder: &Path,
    qid: &str,
    query: &str,
    options: &newsearch::SearchOptions,
) -> Option<usize> {
    let qrels =
        newsearch::eval::read_qrels(&folder.join("qrels.txt")).expect("the judgements read");
    let answers = &qrels[qid];
    let hits = index.search(query, options).expect("the query runs");
    hits.iter()
        .find(|hit| answers.get(&hit.article_id).is_some_and(|&grade| grade > 0))
        .map(|hit| hit.rank)
}
