//! Helpers shared by the integration tests: running the binary on real
//! files in temporary folders, and the shared evaluation sets.

#![allow(dead_code)]

#[cfg(feature = "serve")]
pub mod server;
#[cfg(feature = "serve")]
pub mod webdriver;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};

/// The repository root (where `seeds/` lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, beside the repository. A test that needs it fails when it
/// is missing, unless `NEWSEARCH_SKIP_SHARED=1` is set: then it is skipped
/// with a note (`None`).
pub fn shared() -> Option<PathBuf> {
    shared_file("")
}

/// A file or folder of `../shared` (see [`shared`] for when it is missing).
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    let path = repo().join("..").join("shared").join(relative);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("NEWSEARCH_SKIP_SHARED").is_some_and(|v| v == "1") {
        eprintln!("note: {} is absent; test skipped", path.display());
        return None;
    }
    panic!(
        "{} is missing: put the shared data beside the repository, or set \
         NEWSEARCH_SKIP_SHARED=1 to skip the tests that need it",
        path.display()
    );
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
/// each line parsed as JSON, without the summary line that ends them.
pub fn query_json(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let (hits, summary) = query_json_all(dir, args);
    assert!(summary["total"].is_u64(), "{summary}");
    hits
}

/// Runs `newsearch query --json` with `args` in `dir`, which must exit 0
/// (hits) or 1 (none); returns the hits and the summary line.
pub fn query_json_all(dir: &Path, args: &[&str]) -> (Vec<serde_json::Value>, serde_json::Value) {
    let mut all = vec!["query", "--json"];
    all.extend_from_slice(args);
    let output = run(dir, &all);
    let stdout = String::from_utf8(output.stdout).expect("output is UTF-8");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "newsearch {all:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    let summary = lines.pop().expect("a summary line");
    assert_eq!(
        output.status.code(),
        Some(if lines.is_empty() { 1 } else { 0 }),
        "{all:?}"
    );
    (lines, summary)
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
        .add_paths(&[folder.join("corpus.jsonl")], &mut newsearch::NoProgress)
        .expect("the corpus indexes");
    writer.finish().expect("commit");
    index
}

/// The folder of the evaluation set `name` and its corpus indexed in
/// memory, indexed once for all the tests of the binary; `None` when
/// `../shared` is missing and may be (see [`shared`]).
pub fn eval_set(name: &str) -> Option<(PathBuf, &'static newsearch::Index)> {
    static SETS: OnceLock<Mutex<HashMap<String, &'static newsearch::Index>>> = OnceLock::new();
    let folder = shared_file(&format!("eval/{name}"))?;
    // Held while indexing, so that tests asking at once index the set once.
    let mut sets = SETS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let index = *sets
        .entry(name.to_string())
        .or_insert_with(|| Box::leak(Box::new(eval_set_index(&folder))));
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
    let qrels = newsearch_eval::read_qrels(&folder.join("qrels.txt")).expect("the judgements read");
    let answers = &qrels[qid];
    let hits = index.search(query, options).expect("the query runs");
    hits.iter()
        .find(|hit| answers.get(&hit.article_id).is_some_and(|&grade| grade > 0))
        .map(|hit| hit.rank)
}

/// One index of the seeds on disk (`with_seeds` + `index seeds`), built
/// once per test run and shared by the tests that only read it.
pub fn indexed_seeds() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = with_seeds();
        ok(dir.path(), &["index", "seeds"]);
        dir
    })
    .path()
}
