//! A damaged index is an error naming the index and the way to recover,
//! never a panic: bytes flipped in each kind of index file (doc store, fast
//! fields, postings, term dictionary, `meta.json`) of an index of the seeds,
//! then every command that reads it.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{ok, run, with_seeds};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The largest file of the index whose name ends with `suffix`.
fn largest(index: &Path, suffix: &str) -> PathBuf {
    std::fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .unwrap_or_else(|| panic!("the index has a {suffix} file"))
}

/// Offsets to damage in a file of `len` bytes: the head, the middle, and
/// the footer tantivy reads first (where a bad byte made it panic).
fn offsets(len: u64) -> Vec<u64> {
    let mut at = vec![0, 7, len / 3, len / 2];
    at.extend([40, 30, 24, 20, 16, 12, 9, 5, 1].map(|back| len.saturating_sub(back)));
    at.sort_unstable();
    at.dedup();
    at.retain(|&o| o < len);
    at
}

fn flip(file: &Path, offset: u64) {
    let mut bytes = std::fs::read(file).unwrap();
    bytes[offset as usize] ^= 0xff;
    std::fs::write(file, bytes).unwrap();
}

/// Copies the index folder `from` to `to` (regular files only).
fn copy_index(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn flipped_bytes_in_any_index_file_give_an_error_never_a_panic() {
    let dir = with_seeds();
    ok(dir.path(), &["index", "seeds", "--index", "good"]);
    let good = dir.path().join("good");
    let mut tried = 0;
    for suffix in [".store", ".fast", ".idx", ".term", "meta.json"] {
        let len = std::fs::metadata(largest(&good, suffix)).unwrap().len();
        for offset in offsets(len) {
            let damaged = dir.path().join("damaged");
            copy_index(&good, &damaged);
            let file = largest(&damaged, suffix);
            flip(&file, offset);
            let what = format!("{} at {offset}", file.display());
            for args in [
                &["query", "Caire", "--index", "damaged"][..],
                &[
                    "query",
                    "القاهرة الهدنة",
                    "--passages",
                    "--index",
                    "damaged",
                ],
                &["query", "Caire", "--json", "--index", "damaged"],
            ] {
                let output = run(dir.path(), args);
                let err = stderr(&output);
                assert_ne!(output.status.code(), Some(101), "{what}, {args:?}: {err}");
                assert!(!err.contains("panicked"), "{what}, {args:?}: {err}");
                if output.status.code() == Some(2) {
                    assert!(
                        err.contains("damaged") && err.contains("--rebuild"),
                        "{what}, {args:?}: {err}"
                    );
                }
            }
            // Indexing reads every file first: the damage is always found,
            // never "5 unchanged".
            let output = run(dir.path(), &["index", "seeds", "--index", "damaged"]);
            let err = stderr(&output);
            assert_eq!(output.status.code(), Some(2), "{what}: {err}");
            assert!(
                err.contains("damaged") && err.contains("--rebuild") && err.contains("damaged"),
                "{what}: {err}"
            );
            assert!(!err.contains("panicked"), "{what}: {err}");
            // ... and the way out it names works.
            tried += 1;
        }
    }
    assert!(tried >= 40, "{tried}");
    ok(
        dir.path(),
        &["index", "seeds", "--index", "damaged", "--rebuild"],
    );
    assert!(ok(dir.path(), &["query", "Caire", "--index", "damaged"]).contains("Caire"));
}

/// Found by the `index_damage` fuzzer: a byte set to 0x40 in a fast
/// field's dictionary made its term count read as billions, and reserving
/// room for them aborted the process (an allocation failure cannot be
/// caught). Every byte of the fast-field files gets that value in turn;
/// the library's reads return values or errors, and never abort.
#[test]
fn a_damaged_term_count_is_no_abort() {
    let dir = with_seeds();
    ok(dir.path(), &["index", "seeds", "--index", "good"]);
    let good = dir.path().join("good");
    let damaged = dir.path().join("damaged");
    copy_index(&good, &damaged);
    for name in std::fs::read_dir(&good)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".fast"))
    {
        let pristine = std::fs::read(good.join(&name)).unwrap();
        for at in 0..pristine.len() {
            let mut bytes = pristine.clone();
            bytes[at] = 0x40;
            std::fs::write(damaged.join(&name), &bytes).unwrap();
            if let Ok(index) = newsearch::Index::open(&damaged) {
                let _ = index.article_ids();
                let _ = index.num_articles();
            }
        }
        std::fs::write(damaged.join(&name), &pristine).unwrap();
    }
}
