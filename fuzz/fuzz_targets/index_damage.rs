//! A damaged index on disk: an index of the seeds with bytes of its files
//! overwritten, cut short or extended as the input says, opened and
//! searched the way `newsearch query` and `newsearch index` do. Errors are
//! expected (that is the point); a panic that escapes the library, an
//! abort or a hang is a crash.
//!
//! Input: a list of 7-byte edits `[file, offset (4 bytes LE), value, op]`:
//! `file` picks one file of the index (by its position in name order),
//! `op % 4` is 0 = set the byte at `offset % len` to `value`, 1 = xor it,
//! 2 = truncate the file to `offset % len`, 3 = append `value` bytes.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsearch::{Index, NoProgress, SearchOptions};

/// The files of a pristine index of the seeds, by name.
fn pristine() -> &'static Vec<(String, Vec<u8>)> {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = scratch().join("pristine");
        let _ = std::fs::remove_dir_all(&dir);
        let index = Index::create(&dir).expect("an index");
        let mut writer = index.writer().expect("a writer");
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
        writer.add_paths(&[seeds], &mut NoProgress).expect("the seeds index");
        writer.finish().expect("commit");
        drop(index);
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
            .expect("the index folder")
            .map(|entry| entry.expect("a file").path())
            .filter(|path| !path.to_string_lossy().ends_with(".lock"))
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&path).expect("an index file"))
            })
            .collect();
        files.sort();
        files
    })
}

/// A folder in memory where possible (the target writes an index per input).
fn scratch() -> PathBuf {
    let base = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    base.join(format!("newsearch-fuzz-{}", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let mut files = pristine().clone();
    for edit in data.chunks_exact(7) {
        let chosen = edit[0] as usize % files.len();
        let file = &mut files[chosen].1;
        let offset = u32::from_le_bytes([edit[1], edit[2], edit[3], edit[4]]) as usize;
        let (value, op) = (edit[5], edit[6] % 4);
        let len = file.len().max(1);
        match op {
            0 if !file.is_empty() => file[offset % len] = value,
            1 if !file.is_empty() => file[offset % len] ^= value,
            2 => file.truncate(offset % len),
            3 => file.extend(std::iter::repeat_n(value, value as usize)),
            _ => {}
        }
    }
    let dir = scratch().join("damaged");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).expect("a scratch file");
    }
    let Ok(index) = Index::open(&dir) else {
        return;
    };
    let _ = index.num_articles();
    let _ = index.article("000_436cd7e7ce26a71d.txt");
    for (query, all_passages) in [("Caire", false), ("القاهرة الهدنة", true), ("\"Burns\" -Gaza", false)] {
        let options = SearchOptions::default().all_passages(all_passages);
        let _ = index.search(query, &options);
    }
    let _ = index.article_ids();
    let _ = index.check();
});
