//! Crash safety: `newsearch index` killed with SIGKILL at several points
//! (before its first commit, between periodic commits, near the end while
//! it commits and merges) leaves an index that opens, answers queries and
//! holds only whole articles; re-runs complete it with exactly the input's
//! articles, none twice.

use crate::common;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use newsearch::{Index, SearchOptions};

/// Articles taken from the French news corpus: enough for a run of several
/// seconds with many periodic commits, few enough for a debug build.
const ARTICLES: usize = 6_000;

/// The first `n` lines of the orangesum corpus, as a JSONL file in `dir`;
/// returns its path and the ids.
fn corpus_subset(dir: &Path, n: usize) -> Option<(PathBuf, Vec<String>)> {
    let corpus = common::shared_file("corpora/fr-orangesum.jsonl.gz")?;
    let reader = BufReader::new(flate2::read::MultiGzDecoder::new(
        std::fs::File::open(&corpus).unwrap(),
    ));
    let path = dir.join("news.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let mut ids = Vec::with_capacity(n);
    for line in reader.lines().take(n) {
        let line = line.unwrap();
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        ids.push(value["id"].as_str().unwrap().to_string());
        writeln!(out, "{line}").unwrap();
    }
    out.flush().unwrap();
    ids.sort();
    Some((path, ids))
}

/// Starts `newsearch index` committing every 0.2 s.
fn spawn_index(dir: &Path, input: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_newsearch"))
        .args([
            "index",
            "--quiet",
            "--commit-every",
            "0.2",
            "--index",
            "index",
        ])
        .arg(input)
        .current_dir(dir)
        .env_remove("NEWSEARCH_INDEX")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the newsearch binary starts")
}

/// Articles in the last commit, or 0 while there is no readable index.
fn committed(index: &Path) -> u64 {
    Index::open(index)
        .and_then(|index| index.num_articles())
        .unwrap_or(0)
}

/// What a check of the whole index found.
#[derive(Debug)]
struct Census {
    /// Live article documents.
    article_docs: u64,
    /// Distinct article ids.
    ids: HashSet<String>,
}

/// Checks that every article document's passages are all there (as many
/// passage documents, numbered 0..n, as it says), that no passage is left
/// without its article, and that queries run.
fn check_whole_articles(path: &Path) -> Census {
    let index = Index::open(path).expect("the index opens after a kill");
    let searcher = index.tantivy_index().reader().unwrap().searcher();
    let schema = index.tantivy_index().schema();
    let passages_field = schema.get_field("passages").unwrap();
    // Declared passage count per article, and passage numbers seen per id.
    let mut declared: HashMap<String, u64> = HashMap::new();
    let mut found: HashMap<String, Vec<u64>> = HashMap::new();
    let mut article_docs = 0;
    let mut id = String::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let fast = segment.fast_fields();
        let ids = fast.str("article_id").unwrap().expect("article_id column");
        let hashes = fast.u64("hash").unwrap();
        let numbers = fast.u64("passage_no").unwrap();
        let store = segment.get_store_reader(0).unwrap();
        for doc in segment.doc_ids_alive() {
            id.clear();
            let term = ids.term_ords(doc).next().expect("every document has an id");
            ids.ord_to_str(term, &mut id).unwrap();
            if hashes.first(doc).is_some() {
                article_docs += 1;
                let stored: tantivy::TantivyDocument = store.get(doc).unwrap();
                use tantivy::schema::Value;
                let n = stored
                    .get_first(passages_field)
                    .and_then(|v| v.as_u64())
                    .expect("an article document records its passage count");
                let previous = declared.insert(id.clone(), n);
                assert!(previous.is_none(), "article {id} twice (segment {ord})");
            } else {
                let number = numbers.first(doc).expect("a passage has a number");
                found.entry(id.clone()).or_default().push(number);
            }
        }
    }
    for (id, n) in &declared {
        let mut numbers = found.remove(id).unwrap_or_default();
        numbers.sort_unstable();
        let expected: Vec<u64> = (0..*n).collect();
        assert_eq!(numbers, expected, "passages of article {id}");
    }
    assert!(
        found.is_empty(),
        "passages without their article: {:?}",
        found.keys().take(5).collect::<Vec<_>>()
    );
    assert_eq!(index.num_articles().unwrap(), article_docs);
    if article_docs > 0 {
        let hits = index.search("Renault", &SearchOptions::default()).unwrap();
        assert!(!hits.is_empty(), "a query answers after a kill");
    }
    Census {
        article_docs,
        ids: declared.into_keys().collect(),
    }
}

/// Kills `child` with SIGKILL once `ready` holds or the child exits;
/// returns whether it was killed while still running.
fn kill_when(child: &mut Child, mut ready: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if ready() || Instant::now() > deadline {
            child.kill().unwrap(); // SIGKILL on Unix
            child.wait().unwrap();
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(unix)]
#[test]
#[ignore = "corpus-scale: run by .ci/run with --include-ignored"]
fn sigkill_at_several_points_never_leaves_half_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let Some((input, ids)) = corpus_subset(dir.path(), ARTICLES) else {
        return;
    };
    let index_path = dir.path().join("index");
    let total = ids.len() as u64;

    // 1. Early: before the first commit (the index may hold nothing yet).
    let mut child = spawn_index(dir.path(), &input);
    let started = Instant::now();
    let killed = kill_when(&mut child, || {
        started.elapsed() > Duration::from_millis(300)
    });
    assert!(killed, "the run ended before the early kill");
    if index_path.join("meta.json").exists() {
        check_whole_articles(&index_path);
    }

    // 2. Mid-run, after periodic commits: wait for a committed third.
    let mut child = spawn_index(dir.path(), &input);
    let killed = kill_when(&mut child, || committed(&index_path) >= total / 3);
    let mid = check_whole_articles(&index_path);
    assert!(killed, "the run ended before the mid-run kill");
    assert!(
        mid.article_docs >= total / 3 && mid.article_docs < total,
        "{} of {total} articles after the mid-run kill",
        mid.article_docs
    );

    // 3. Late: once nearly all is committed, during the last commits and
    // the merges that follow them.
    let mut child = spawn_index(dir.path(), &input);
    kill_when(&mut child, || committed(&index_path) >= total * 9 / 10);
    let late = check_whole_articles(&index_path);
    eprintln!(
        "after kills: {} then {} of {total} articles committed",
        mid.article_docs, late.article_docs
    );
    assert!(late.article_docs >= mid.article_docs);

    // A last run completes the index: exactly the input's articles, once each.
    let output = common::run(dir.path(), &["index", "--quiet", "news.jsonl"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = String::from_utf8_lossy(&output.stdout);
    let done = check_whole_articles(&index_path);
    assert_eq!(done.article_docs, total, "{summary}");
    let mut got: Vec<String> = done.ids.into_iter().collect();
    got.sort();
    assert_eq!(got, ids);
    let index = Index::open(&index_path).unwrap();
    assert_eq!(index.article_ids().unwrap(), ids);
    // The articles committed before the kills were kept, not re-added.
    assert!(
        summary.contains(&format!("{} unchanged", late.article_docs)),
        "{summary}"
    );
}
