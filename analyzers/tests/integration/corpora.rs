//! Every token of the seeds and of 2,000 articles of each shared news corpus
//! is a valid, ordered slice of its original text, for every analyzer, and
//! the paired analyzer gives exactly the exact and stemmed analyzers' tokens.
//!
//! The corpora live in `../../shared/corpora/` (beside the repository, as in
//! CI); the corpus test fails when they are absent, unless
//! `NEWSEARCH_SKIP_SHARED=1` is set.

use crate::common;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use common::{check_paired, check_stream};
use newsearch_analyzers::NAMES;

const ARTICLES_PER_CORPUS: usize = 2_000;

fn check_all_analyzers(text: &str) -> usize {
    check_paired(text);
    NAMES.iter().map(|name| check_stream(name, text)).sum()
}

#[test]
fn seed_tokens_are_slices_of_the_original() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("seeds/ exists") {
        let path = entry.expect("readable seeds/").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("UTF-8 seed");
            assert!(check_all_analyzers(&text) > 0, "{path:?}");
            files += 1;
        }
    }
    assert!(files >= 5, "expected the five seeds, found {files}");
}

#[test]
#[ignore = "corpus-scale: run by .ci/run with --include-ignored"]
fn corpus_tokens_are_slices_of_the_original() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        if std::env::var_os("NEWSEARCH_SKIP_SHARED").is_some_and(|v| v == "1") {
            println!("note: {dir:?} absent, shared corpora not checked");
            return;
        }
        panic!("{dir:?} is missing: put the shared data beside the repository, or set NEWSEARCH_SKIP_SHARED=1 to skip this test");
    };
    let mut corpora = 0;
    for entry in entries {
        let path = entry.expect("readable corpora/").path();
        if !path.to_string_lossy().ends_with(".jsonl.gz") {
            continue;
        }
        let reader = BufReader::new(flate2::read::GzDecoder::new(
            File::open(&path).expect("readable corpus"),
        ));
        // Every 5th article of the first 10,000: a sample spread over
        // sources and dates, without decompressing the whole file.
        let mut articles = 0;
        for (n, line) in reader.lines().enumerate() {
            if articles == ARTICLES_PER_CORPUS {
                break;
            }
            if n % 5 != 0 {
                continue;
            }
            let line = line.expect("readable line");
            let v: serde_json::Value = serde_json::from_str(&line).expect("JSON line");
            for field in ["title", "text"] {
                if let Some(text) = v[field].as_str() {
                    check_all_analyzers(text);
                }
            }
            articles += 1;
        }
        assert_eq!(articles, ARTICLES_PER_CORPUS, "{path:?}");
        corpora += 1;
    }
    println!("checked {corpora} corpora");
}
