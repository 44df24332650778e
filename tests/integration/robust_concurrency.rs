//! Concurrent use and hostile places: readers during an indexing run, two
//! indexers on one index, a read-only index folder, an index path under a
//! regular file, and a reader that closes the output pipe early.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{ok, run, with_seeds};
use newsearch::{Index, SearchOptions};

fn newsearch(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsearch"));
    command
        .current_dir(dir)
        .env_remove("NEWSEARCH_INDEX")
        .env("NO_COLOR", "1");
    command
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `n` articles of the French news corpus as a JSONL file in `dir`, or
/// generated French articles when `../shared` is absent.
fn news(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("news.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let corpus = common::repo().join("../shared/corpora/fr-orangesum.jsonl.gz");
    if corpus.is_file() {
        let reader = BufReader::new(flate2::read::MultiGzDecoder::new(
            std::fs::File::open(&corpus).unwrap(),
        ));
        for line in reader.lines().take(n) {
            writeln!(out, "{}", line.unwrap()).unwrap();
        }
    } else {
        for i in 0..n {
            let text = "Les négociations reprennent au Caire entre les délégations. ".repeat(40);
            writeln!(
                out,
                "{{\"id\": \"n{i}\", \"title\": \"Dépêche {i}\", \"text\": \"{text}\"}}"
            )
            .unwrap();
        }
    }
    out.flush().unwrap();
    path
}

/// Starts `newsearch index` on `input`, committing every 0.2 s.
fn spawn_index(dir: &Path, input: &Path) -> Child {
    newsearch(dir)
        .args(["index", "--quiet", "--commit-every", "0.2"])
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn readers_see_the_last_commit_and_never_fail_while_another_process_indexes() {
    let dir = with_seeds();
    ok(dir.path(), &["index", "seeds"]);
    let input = news(dir.path(), 3_000);
    let index_path = dir.path().join("index");
    let reader = Index::open(&index_path).unwrap();
    let mut child = spawn_index(dir.path(), &input);
    let options = SearchOptions::default();
    let (mut last, mut reloads, mut cli_queries, mut grew) = (5, 0, 0, false);
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "indexing hangs"
        );
        // In process: reload to the last commit, count, search.
        reader.reload().expect("reload during indexing");
        let count = reader.num_articles().expect("count during indexing");
        assert!(
            count >= last,
            "the article count went back from {last} to {count}"
        );
        grew |= count > last;
        last = count;
        let hits = reader
            .search("Burns Caire", &options)
            .expect("search during indexing");
        assert!(
            hits.iter().any(|hit| hit.article_id.starts_with("000")),
            "the seeds stay findable"
        );
        reloads += 1;
        // Another process: a whole `newsearch query`, every few rounds.
        if reloads % 5 == 0 {
            let output = run(dir.path(), &["query", "--json", "Burns Caire"]);
            assert!(
                output.status.success(),
                "query during indexing: {}",
                stderr(&output)
            );
            cli_queries += 1;
        }
    }
    let status = child.wait().unwrap();
    assert!(status.success());
    reader.reload().unwrap();
    assert_eq!(reader.num_articles().unwrap(), 3_005);
    assert!(
        grew,
        "no commit was seen while indexing ({reloads} reloads)"
    );
    eprintln!("{reloads} reloads and {cli_queries} query processes during the run");
}

/// Articles in the first run of the two-indexer test: enough for it to
/// still be running when the second starts, on a fast machine too.
const LONG_RUN: usize = 10_000;

#[test]
fn a_second_indexer_fails_at_once_naming_the_lock() {
    let dir = with_seeds();
    let input = news(dir.path(), LONG_RUN);
    let index_path = dir.path().join("index");
    let mut first = spawn_index(dir.path(), &input);
    // Wait until the first run holds the writer (it has committed).
    let started = Instant::now();
    while Index::open(&index_path)
        .and_then(|i| i.num_articles())
        .unwrap_or(0)
        == 0
    {
        assert!(
            first.try_wait().unwrap().is_none(),
            "the first run ended early"
        );
        assert!(started.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(20));
    }
    let second_started = Instant::now();
    let second = run(dir.path(), &["index", "seeds"]);
    let took = second_started.elapsed();
    let still_running = first.try_wait().unwrap().is_none();
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(2), "{err}");
    assert!(
        err.contains("locked by another `newsearch index`") && err.contains(".tantivy-writer.lock"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        took < Duration::from_secs(5),
        "the second run waited {took:?}"
    );
    assert!(
        still_running,
        "the first run ended before the second was tried"
    );
    assert!(first.wait().unwrap().success());
    // The first run's work is whole; the seeds can be added now.
    assert_eq!(
        Index::open(&index_path).unwrap().num_articles().unwrap(),
        LONG_RUN as u64
    );
    ok(dir.path(), &["index", "seeds"]);
    assert_eq!(
        Index::open(&index_path).unwrap().num_articles().unwrap(),
        LONG_RUN as u64 + 5
    );
}

#[cfg(unix)]
fn is_root() -> bool {
    // Root reads a file with no permission bits: check by trying.
    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("probe");
    std::fs::write(&probe, b"x").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::read(&probe).is_ok()
}

/// Makes every folder and file under `root` readable (not writable) by all.
#[cfg(unix)]
fn open_to_all(root: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        let mode = if entry.file_type().is_dir() {
            0o755
        } else {
            0o644
        };
        std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

/// A folder is read-only for a user who does not own it and lacks the
/// write bit. As root, which ignores permission bits, the commands run as
/// the user `nobody` (uid 65534) instead.
#[cfg(unix)]
#[test]
fn a_read_only_index_gives_one_clear_line_and_stays_intact_and_searchable() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = with_seeds();
    ok(dir.path(), &["index", "seeds"]);
    let index_path = dir.path().join("index");
    let before = Index::open(&index_path).unwrap().article_ids().unwrap();
    std::fs::write(
        dir.path().join("seeds/new.txt"),
        "Nouvelle dépêche\n\nUne nouvelle dépêche sur le Caire.",
    )
    .unwrap();
    let root = is_root();
    if root {
        eprintln!(
            "note: running as root, which ignores permission bits: the commands run as nobody"
        );
        open_to_all(dir.path());
    }
    std::fs::set_permissions(&index_path, std::fs::Permissions::from_mode(0o555)).unwrap();
    let as_reader = |args: &[&str]| -> Output {
        let mut command = newsearch(dir.path());
        command.args(args);
        if root {
            command.uid(65534).gid(65534);
        }
        command.output().unwrap()
    };

    let output = as_reader(&["index", "seeds"]);
    let err = stderr(&output);
    std::fs::set_permissions(&index_path, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("index: cannot write to the index folder"),
        "{err}"
    );
    assert!(!err.contains("locked by another"), "{err}");

    let index = Index::open(&index_path).unwrap();
    assert_eq!(
        index.article_ids().unwrap(),
        before,
        "the last commit is intact"
    );
    assert!(!index
        .search("Caire", &SearchOptions::default())
        .unwrap()
        .is_empty());

    // Searching needs no write access.
    std::fs::set_permissions(&index_path, std::fs::Permissions::from_mode(0o555)).unwrap();
    let output = as_reader(&["query", "--json", "Burns Caire"]);
    std::fs::set_permissions(&index_path, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let first = String::from_utf8_lossy(&output.stdout);
    assert!(first.lines().count() >= 1, "{first}");
}

#[test]
fn an_index_path_under_a_regular_file_is_one_clear_line() {
    let dir = with_seeds();
    std::fs::write(dir.path().join("plain-file"), b"not a folder").unwrap();
    for args in [
        &["index", "seeds", "--index", "plain-file/index"][..],
        &["query", "Caire", "--index", "plain-file/index"],
        &["query", "Caire", "--index", "plain-file"],
    ] {
        let output = run(dir.path(), args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains("plain-file"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("plain-file")).unwrap(),
        b"not a folder"
    );
}

/// Regression: `newsearch index ... | head -1` panicked ("failed printing
/// to stdout: Broken pipe") and `newsearch analyze ... | head` printed an
/// error; a reader closing the pipe now ends the command quietly.
#[test]
fn a_closed_output_pipe_is_no_panic_and_no_error() {
    let dir = with_seeds();
    let cases: [&[&str]; 3] = [
        &["index", "seeds"],
        &["query", "--passages", "--limit", "100", "Caire"],
        &["analyze", "--lang", "fr"],
    ];
    for args in cases {
        let mut child = newsearch(dir.path())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone before anything is written
        if let Some(mut stdin) = child.stdin.take() {
            let line = "Les négociations reprennent au Caire entre les délégations.\n";
            // Enough lines to overflow any pipe buffer; the child may stop early.
            let _ = stdin.write_all(line.repeat(20_000).as_bytes());
        }
        let output = child.wait_with_output().unwrap();
        let err = stderr(&output);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {err}");
    }
}
