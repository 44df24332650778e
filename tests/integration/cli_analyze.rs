//! `newsearch analyze`: token streams like Elasticsearch's `_analyze`.

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::ok;
use serde_json::Value;

fn tokens(args: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["analyze"];
    all.extend_from_slice(args);
    ok(dir.path(), &all).lines().map(str::to_string).collect()
}

#[test]
fn one_token_per_line_stemmed_or_exact() {
    assert_eq!(
        tokens(&["--lang", "ar", "والقاهرة"]),
        tokens(&["--lang", "ar", "القاهرة"])
    );
    assert_eq!(
        tokens(&["--lang", "fr", "l’accord"]),
        tokens(&["--lang", "fr", "accord"])
    );
    assert_eq!(tokens(&["--lang", "fr", "l’accord"]).len(), 1);
    // The exact analyzer keeps stopwords and unstemmed forms.
    assert_eq!(
        tokens(&["--lang", "fr", "--exact", "les négociations"]),
        ["les", "negociations"]
    );
    // auto: Arabic script to the Arabic analyzer, Latin to the French one.
    let auto = tokens(&["--lang", "auto", "Burns بالقاهرة"]);
    assert_eq!(auto.len(), 2);
    assert_eq!(auto[1], tokens(&["--lang", "ar", "القاهرة"])[0]);
}

#[test]
fn json_offsets_slice_the_input() {
    let text = "وقال كيربي: «إسرائيلُ» والقَاهِرَة";
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["analyze", "--lang", "ar", "--json", text]);
    let tokens: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(tokens.len() >= 3, "{out}");
    let mut last_position = None;
    for token in &tokens {
        let (from, to) = (
            token["from"].as_u64().unwrap() as usize,
            token["to"].as_u64().unwrap() as usize,
        );
        let word = text.get(from..to).expect("offsets on char boundaries");
        assert!(!word.contains(['«', '»', ':', ' ']), "{word:?}");
        let position = token["position"].as_u64().unwrap();
        assert!(last_position < Some(position));
        last_position = Some(position);
    }
    let last = tokens.last().unwrap();
    assert_eq!(&text[last["from"].as_u64().unwrap() as usize..], "والقَاهِرَة");
}

#[test]
fn texts_come_from_standard_input_one_per_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsearch"))
        .args(["analyze", "--lang", "fr"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Israël\nles Américains\n".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let lines: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            tokens(&["--lang", "fr", "Israel"]),
            tokens(&["--lang", "fr", "américain"])
        ]
        .concat()
    );
}
