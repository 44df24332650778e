//! Archive text never reaches a terminal as a control sequence: titles,
//! texts, sources, urls, ids and file names with escape sequences, bell,
//! carriage return, backspace or bidi overrides are printed escaped, in
//! every output and in `index`'s messages; ids that would break a line are
//! refused at indexing, with a warning.

use crate::common;

use std::path::Path;
use std::process::Output;

use common::run;

/// Bytes that must never reach a terminal raw.
const FORBIDDEN: [&str; 6] = ["\x1b", "\x07", "\r", "\x08", "\u{202e}", "\u{2066}"];

fn assert_clean(what: &str, output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    for bad in FORBIDDEN {
        assert!(!text.contains(bad), "{what} prints {bad:?} raw:\n{text}");
    }
}

/// A folder with one hostile JSONL article and a file whose name holds an
/// escape sequence.
fn hostile(dir: &Path) {
    let article = serde_json::json!({
        "id": "e1\u{202e}",
        "title": "Gaza \u{1b}]0;pwned\u{7} \u{1b}[2J",
        "text": "Gaza \u{1b}]8;;http://evil/\u{7}lien\u{1b}]8;;\u{7} au Caire.\r\u{8}\u{8}écrasé \u{202e}inversé\u{2066}",
        "source": "Agence \u{1b}[31mrouge",
        "url": "http://x/\u{1b}[1Agaza",
    });
    std::fs::create_dir(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/hostile.jsonl"), format!("{article}\n")).unwrap();
    std::fs::write(dir.join("in/x\u{1b}]0;pw\u{7}.png"), b"\x89PNG").unwrap();
}

fn newsearch(dir: &Path, args: &[&str]) -> Output {
    let output = run(dir, args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "newsearch {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn control_sequences_from_the_archive_are_printed_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    hostile(dir.path());
    let output = newsearch(dir.path(), &["index", "in"]);
    assert_clean("index", &output.stderr);
    assert_clean("index", &output.stdout);
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("x\\x1b]0;pw\\x07.png"),
        "the file name is shown escaped: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    for args in [
        &["query", "Gaza", "--color", "never"][..],
        &["query", "Gaza", "--color", "always"],
        &["query", "Gaza", "--passages", "--color", "never"],
        &["query", "Gaza", "--passages", "--color", "always"],
    ] {
        let output = newsearch(dir.path(), args);
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        // Colour codes of our own are fine; none may come from the archive.
        let ours = text
            .replace("\x1b[1;33m", "")
            .replace("\x1b[1m", "")
            .replace("\x1b[2m", "")
            .replace("\x1b[0m", "");
        assert_clean(&format!("{args:?}"), ours.as_bytes());
        for visible in [
            "\\x1b]0;pwned\\x07",
            "\\x1b[2J",
            "\\x1b]8;;http://evil/\\x07lien",
            "\\x08\\x08écrasé",
            "\\u{202e}inversé\\u{2066}",
        ] {
            assert!(
                ours.contains(visible),
                "{args:?} shows {visible:?}:\n{ours}"
            );
        }
        assert!(ours.contains("Agence \\x1b[31mrouge"), "{ours}");
    }

    // TREC: the id's override is escaped; the topic line stays one line.
    std::fs::write(dir.path().join("topics.tsv"), "q1\tGaza\n").unwrap();
    let output = newsearch(
        dir.path(),
        &["query", "--topics", "topics.tsv", "--format", "trec"],
    );
    assert_clean("trec", &output.stdout);
    let trec = String::from_utf8(output.stdout).unwrap();
    assert_eq!(trec.lines().count(), 1, "{trec}");
    assert!(trec.starts_with("q1 Q0 e1\\u{202e} 1 "), "{trec}");

    // The commands that show what is indexed escape it too.
    for args in [
        &["show", "e1\u{202e}"][..],
        &["list"],
        &["query", "Gaza", "--facets", "--color", "never"],
    ] {
        let output = newsearch(dir.path(), args);
        assert_clean(&format!("{args:?}"), &output.stdout);
        assert_clean(&format!("{args:?}"), &output.stderr);
    }

    // JSON: serde writes controls as \u escapes.
    let output = newsearch(dir.path(), &["query", "Gaza", "--json"]);
    assert!(!output.stdout.contains(&0x1b) && !output.stdout.contains(&0x07));
    let json = String::from_utf8(output.stdout).unwrap();
    assert!(json.contains("\\u001b]0;pwned\\u0007"), "{json}");
}

#[test]
fn ids_with_tabs_or_line_breaks_are_refused_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    let lines = [
        serde_json::json!({"id": "a\tb", "title": "Caire", "text": "Le Caire accueille les négociations."}),
        serde_json::json!({"id": "c\nd", "title": "Caire", "text": "Le Caire encore."}),
        serde_json::json!({"id": "ok", "title": "Caire", "text": "Le Caire toujours."}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.path().join("in/ids.jsonl"), body).unwrap();
    std::fs::write(
        dir.path().join("in/tab\there.txt"),
        "Caire\n\nLe Caire, encore.",
    )
    .unwrap();
    let output = newsearch(dir.path(), &["index", "in"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("ids.jsonl:1: `id` \"a\\tb\" holds the control character '\\t'"),
        "{err}"
    );
    assert!(err.contains("ids.jsonl:2: `id` \"c\\nd\""), "{err}");
    assert!(
        err.contains("tab\\there.txt: its name gives the `id`"),
        "{err}"
    );
    let index = newsearch::Index::open(&dir.path().join("index")).unwrap();
    assert_eq!(index.article_ids().unwrap(), ["ok"]);
}
