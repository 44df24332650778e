//! Ctrl-C (SIGINT) or SIGTERM during indexing: the run stops at the next
//! article, says what the index kept, and leaves no uncommitted files; a
//! rebuild interrupted leaves the old index as it was.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{ok, with_seeds};
use newsearch::Index;

fn generated(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("many.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..n {
        let line = serde_json::json!({
            "id": format!("gen-{i}"),
            "title": format!("Dépêche {i}"),
            "text": format!("Les négociateurs se retrouvent au Caire pour la {i}e fois; la trêve tient."),
        });
        writeln!(out, "{line}").unwrap();
    }
    out.flush().unwrap();
    path
}

fn spawn(dir: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_newsearch"))
        .args(args)
        .current_dir(dir)
        .env_remove("NEWSEARCH_INDEX")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until `ready` holds (or the child ended), then sends `signal`;
/// returns the exit code, the standard error and the time the child took
/// to stop after the signal.
#[cfg(unix)]
fn signal_when(
    mut child: Child,
    signal: i32,
    mut ready: impl FnMut() -> bool,
) -> (Option<i32>, String, Duration) {
    use std::io::Read;
    let deadline = Instant::now() + Duration::from_secs(120);
    while !ready() && Instant::now() < deadline {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended too soon"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let sent = Instant::now();
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let status = child.wait().unwrap();
    let took = sent.elapsed();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status.code(), err, took)
}

/// Segment files not listed in the index's `meta.json`: what a run wrote
/// and did not commit.
fn uncommitted_files(index: &Path) -> Vec<String> {
    let meta = std::fs::read_to_string(index.join("meta.json")).unwrap();
    std::fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name.split_once('.').is_some_and(|(stem, _)| {
                stem.len() == 32 && !meta.contains(stem) && !meta.contains(&dashed(stem))
            })
        })
        .collect()
}

/// A segment id as meta.json may write it (a UUID with dashes).
fn dashed(stem: &str) -> String {
    format!(
        "{}-{}-{}-{}-{}",
        &stem[..8],
        &stem[8..12],
        &stem[12..16],
        &stem[16..20],
        &stem[20..]
    )
}

#[cfg(unix)]
#[test]
fn sigint_stops_indexing_says_what_was_kept_and_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let input = generated(dir.path(), 30_000);
    let index = dir.path().join("index");
    let child = spawn(
        dir.path(),
        &[
            "index",
            "--quiet",
            "--commit-every",
            "0.3",
            input.to_str().unwrap(),
        ],
    );
    let committed = || {
        Index::open(&index)
            .and_then(|i| i.num_articles())
            .unwrap_or(0)
            > 0
    };
    let (code, err, took) = signal_when(child, libc::SIGINT, committed);
    assert_eq!(code, Some(130), "{err}");
    assert!(took < Duration::from_secs(10), "stopped after {took:?}");
    let kept = Index::open(&index).unwrap().num_articles().unwrap();
    assert!(kept > 0 && kept < 30_000, "{kept}");
    assert!(
        err.contains(&format!(
            "interrupted: the index keeps its last commit ({kept} articles)"
        )),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(uncommitted_files(&index), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn sigterm_during_a_rebuild_leaves_the_old_index() {
    let dir = with_seeds();
    ok(dir.path(), &["index", "seeds"]);
    let index = dir.path().join("index");
    let before = Index::open(&index).unwrap().article_ids().unwrap();
    let input = generated(dir.path(), 30_000);
    let child = spawn(
        dir.path(),
        &[
            "index",
            "--quiet",
            "--rebuild",
            "--commit-every",
            "0.3",
            input.to_str().unwrap(),
        ],
    );
    let staging = dir.path().join(".index.rebuilding");
    let building = || {
        Index::open(&staging)
            .and_then(|i| i.num_articles())
            .unwrap_or(0)
            > 0
    };
    let (code, err, took) = signal_when(child, libc::SIGTERM, building);
    assert_eq!(code, Some(130), "{err}");
    assert!(took < Duration::from_secs(10), "stopped after {took:?}");
    assert!(err.contains("interrupted: the index is unchanged"), "{err}");
    assert!(!staging.exists(), "the abandoned rebuild is deleted");
    assert_eq!(Index::open(&index).unwrap().article_ids().unwrap(), before);
}
