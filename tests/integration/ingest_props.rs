//! Arbitrary bytes in every supported format: reading never panics, every
//! JSONL line gives at most one article, and problems name the file.

use newsearch::ingest::{discover, open};
use proptest::prelude::*;
use std::io::Write;
use tempfile::TempDir;

/// Bytes that look a bit like JSON Lines, with damage.
fn jsonish() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"{\"id\": \"x\", \"text\": \"body\"}\n".to_vec()),
        Just(b"{\"text\": \"no id\", \"date\": \"2024-02-30\"}\n".to_vec()),
        Just(b"{\"id\": 7, \"contents\": \"n\", \"lang\": 5}\n".to_vec()),
        Just(b"{\"id\": \"x\"".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\r\n".to_vec()),
        prop::collection::vec(any::<u8>(), 0..40),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Writes `bytes` as `name` and reads it whole; returns (articles, problems).
fn read_as(name: &str, bytes: &[u8]) -> (usize, usize) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let found = discover(&[&path]);
    let (mut articles, mut problems) = (0, 0);
    for file in &found.files {
        match open(file) {
            Ok(reader) => {
                for item in reader {
                    match item {
                        Ok(a) => {
                            assert!(!a.text.trim().is_empty());
                            articles += 1;
                        }
                        Err(p) => {
                            assert_eq!(p.path, path);
                            assert!(!p.to_string().contains('\n'), "multi-line problem: {p}");
                            problems += 1;
                        }
                    }
                }
            }
            Err(p) => {
                assert_eq!(p.path, path);
                problems += 1;
            }
        }
    }
    (articles, problems)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        for name in ["a.txt", "a.md", "a.jsonl", "a.json", "a.jsonl.gz"] {
            read_as(name, &bytes);
        }
    }

    #[test]
    fn damaged_json_lines_give_one_outcome_per_line_at_most(bytes in jsonish()) {
        let lines = bytes.split(|&b| b == b'\n').count();
        let (articles, _) = read_as("a.jsonl", &bytes);
        prop_assert!(articles <= lines);
        // The same content compressed, whole and cut short.
        let (gz_articles, _) = read_as("a.jsonl.gz", &gzip(&bytes));
        prop_assert_eq!(gz_articles, articles);
        let packed = gzip(&bytes);
        let (cut_articles, _) = read_as("a.jsonl.gz", &packed[..packed.len() * 2 / 3]);
        prop_assert!(cut_articles <= articles);
    }
}
