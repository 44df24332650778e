//! A full disk: indexing stops with one clear line, the last commit stays
//! searchable, and a run after space is freed completes the index. Needs a
//! small tmpfs, so it runs where the test may mount one (root with
//! CAP_SYS_ADMIN, as in CI containers); elsewhere it says so and passes.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{ok, run, with_seeds};
use newsearch::{Index, SearchOptions};

/// A tmpfs mounted on a folder, unmounted when dropped (even on a panic).
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status();
        status
            .is_ok_and(|s| s.success())
            .then(|| Tmpfs(at.to_path_buf()))
    }

    fn resize(&self, size: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(unix)]
#[test]
fn a_full_disk_stops_indexing_cleanly_and_keeps_the_last_commit() {
    let dir = with_seeds();
    let Some(disk) = Tmpfs::mount(&dir.path().join("disk"), "1m") else {
        eprintln!(
            "note: cannot mount a tmpfs here (not root?); the full-disk case is not exercised"
        );
        return;
    };
    ok(dir.path(), &["index", "seeds", "--index", "disk/index"]);
    // About 4 MB of text in distinct words: far more than the disk holds.
    let mut input =
        std::io::BufWriter::new(std::fs::File::create(dir.path().join("more.jsonl")).unwrap());
    for i in 0..1_500 {
        let words: String = (0..300)
            .map(|w| format!("mot{}x{} ", (i * 7919 + w * 104_729) % 1_000_003, w % 97))
            .collect();
        writeln!(
            input,
            "{{\"id\": \"m{i}\", \"title\": \"Dépêche {i}\", \"text\": \"{words}\"}}"
        )
        .unwrap();
    }
    drop(input);

    let output = run(
        dir.path(),
        &["index", "more.jsonl", "--index", "disk/index"],
    );
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("disk/index: indexing stopped, the index keeps its last commit"),
        "{err}"
    );
    // The cause is named, also when one of tantivy's worker threads hit it
    // (tantivy itself then says only that a worker failed).
    assert!(err.contains("No space left on device"), "{err}");
    assert!(!err.contains("worker thread"), "{err}");
    assert!(!err.contains("panicked at"), "{err}");

    // The seeds' commit is intact and searchable.
    let index_path = dir.path().join("disk/index");
    let index = Index::open(&index_path).unwrap();
    assert_eq!(index.num_articles().unwrap(), 5);
    let hits = index
        .search("Burns Caire", &SearchOptions::default())
        .unwrap();
    assert!(hits[0].article_id.starts_with("000"));
    drop(index);

    // With space again, a re-run completes the index.
    disk.resize("256m");
    let summary = ok(
        dir.path(),
        &["index", "more.jsonl", "--index", "disk/index"],
    );
    assert!(summary.contains("1500 added"), "{summary}");
    let index = Index::open(&index_path).unwrap();
    assert_eq!(index.num_articles().unwrap(), 1_505);
}
