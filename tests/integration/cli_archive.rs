//! The archive tool from the command line: exit codes, paging, date
//! order, sources and facets in text and JSON, `stats`, `list`, `show`,
//! `remove`, completions, the man page and the examples in `--help`.

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::{self, ok, query_json_all, run};

/// The seeds as one JSON Lines file with dates and sources, indexed once.
fn dated_index() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        write_dated_seeds(dir.path());
        ok(dir.path(), &["index", "news.jsonl"]);
        dir
    })
    .path()
}

/// The dates and sources given to the seeds, in their order.
const DATED: [(&str, &str); 5] = [
    ("2024-03-05", "Le Monde"),
    ("2024-01-10", "okaz"),
    ("2023-10-20", "Le Monde"),
    ("2024-02-14", "okaz"),
    ("2024-02-01", "sabq"),
];

fn write_dated_seeds(dir: &Path) {
    let mut lines = String::new();
    for (article, (date, source)) in common::seed_articles().iter().zip(DATED) {
        let line = serde_json::json!({
            "id": &article.id[..3],
            "title": article.title,
            "text": article.text,
            "date": date,
            "source": source,
        });
        lines.push_str(&format!("{line}\n"));
    }
    std::fs::write(dir.join("news.jsonl"), lines).unwrap();
}

/// A query that all five seeds match, in both languages.
const BOTH: &str = "Israël إسرائيل";

fn ids(hits: &[Value]) -> Vec<&str> {
    hits.iter()
        .map(|h| h["article_id"].as_str().unwrap())
        .collect()
}

#[test]
fn exit_0_when_found() {
    let output = run(dated_index(), &["query", "Caire"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(!output.stdout.is_empty());
}

#[test]
fn exit_1_when_nothing_is_found() {
    for args in [
        &["query", "Zanzibar"][..],
        &["query", "Caire", "--source", "no-such-source"],
        &["query", "Caire", "--offset", "100"],
        &["show", "no-such-id"],
        &["remove", "no-such-id"],
    ] {
        let output = run(dated_index(), args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        // One line says so; notes (what a word was translated as) aside.
        let stderr = String::from_utf8_lossy(&output.stderr);
        let said = stderr.lines().filter(|line| !line.contains(": note: "));
        assert_eq!(said.count(), 1, "{args:?}: {stderr}");
    }
}

#[test]
fn exit_2_on_an_error() {
    let empty = tempfile::tempdir().unwrap();
    let cases: [(&Path, &[&str], &str); 5] = [
        (empty.path(), &["query", "Caire"], "no index here"),
        (
            dated_index(),
            &["query", "le la"],
            "no searchable words in the query 'le la'",
        ),
        (
            dated_index(),
            &[
                "query",
                "Caire",
                "--since",
                "2024-03-01",
                "--until",
                "2024-01-01",
            ],
            "before it starts",
        ),
        (
            dated_index(),
            &["query", "Caire", "--sort", "sideways"],
            "invalid value",
        ),
        (
            dated_index(),
            &["query", "--format", "trec", "Caire"],
            "--topics",
        ),
    ];
    for (dir, args, says) in cases {
        let output = run(dir, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("\\\""),
            "{args:?}: no escaped quotes: {stderr}"
        );
    }
}

#[test]
fn a_date_filter_on_undated_articles_says_so() {
    let dir = common::with_seeds();
    ok(dir.path(), &["index", "seeds"]);
    let output = run(dir.path(), &["query", "Caire", "--since", "2024-01-01"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no article in the index has a date"),
        "{stderr}"
    );
}

#[test]
fn json_ends_with_the_total_and_the_facets() {
    let (hits, summary) = query_json_all(dated_index(), &[BOTH, "--facets", "--limit", "1"]);
    assert_eq!(hits.len(), 1);
    let total = summary["total"].as_u64().unwrap();
    assert!(total >= 2, "{summary}");
    assert_eq!(summary["offset"], 0);
    let facets = &summary["facets"];
    let count = |kind: &str| -> u64 {
        facets[kind]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["count"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(
        (count("sources"), count("langs"), count("months")),
        (total, total, total)
    );
    assert!(facets["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["value"] == "le monde"));
    let (_, plain) = query_json_all(dated_index(), &[BOTH]);
    assert_eq!(plain["facets"], Value::Null);
}

#[test]
fn sort_offset_and_source_from_the_command_line() {
    let all = |extra: &[&str]| {
        let mut args = vec![BOTH];
        args.extend_from_slice(extra);
        query_json_all(dated_index(), &args).0
    };
    let latest = all(&["--sort", "date"]);
    let dates: Vec<&str> = latest.iter().map(|h| h["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    let mut earliest = all(&["--sort", "date-asc"]);
    earliest.reverse();
    assert_eq!(ids(&earliest), ids(&latest));
    assert_eq!(latest.len(), 5);
    // The server's names are the command line's: `date` is `date-desc`.
    assert_eq!(ids(&all(&["--sort", "date-desc"])), ids(&latest));
    let second = all(&["--sort", "date", "--offset", "1", "--limit", "1"]);
    assert_eq!(ids(&second), ids(&latest)[1..2]);
    assert_eq!(second[0]["rank"], 2);
    let okaz = all(&["--source", "OKAZ"]);
    assert!(!okaz.is_empty());
    assert!(okaz.iter().all(|h| h["source"] == "okaz"));
    let two = all(&["--source", "okaz", "--source", "sabq"]);
    assert!(two.len() > okaz.len());
}

#[test]
fn plain_output_ends_with_the_count_and_the_facets() {
    let out = ok(dated_index(), &["query", BOTH, "--limit", "1", "--facets"]);
    let (_, summary) = query_json_all(dated_index(), &[BOTH]);
    let total = summary["total"].as_u64().unwrap();
    assert!(
        out.contains(&format!("results 1–1 of {total} matching articles")),
        "{out}"
    );
    assert!(out.contains("\nsources: "), "{out}");
    assert!(out.contains("\nmonths: 20"), "{out}");
}

#[test]
fn topics_need_no_format_and_print_a_trec_run() {
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics.tsv");
    std::fs::write(&topics, "q1\tCaire\nq2\tالقاهرة\n").unwrap();
    let topics = topics.to_str().unwrap();
    let run_lines = ok(dated_index(), &["query", "--topics", topics]);
    assert!(
        run_lines.lines().any(|l| l.starts_with("q1 Q0 ")),
        "{run_lines}"
    );
    assert!(
        run_lines.lines().any(|l| l.starts_with("q2 Q0 ")),
        "{run_lines}"
    );
    assert_eq!(
        ok(
            dated_index(),
            &["query", "--topics", topics, "--format", "trec"]
        ),
        run_lines
    );
}

#[test]
fn stats_counts_what_the_index_holds() {
    let out = ok(dated_index(), &["stats"]);
    for line in [
        "articles: 5",
        "passages: 77",
        "languages: ar 3 · fr 2",
        "sources: le monde 2 · okaz 2 · sabq 1",
        "dates: 2023-10-20 to 2024-03-05 (5 of 5 articles dated)",
        &format!("format: {}", newsearch::FORMAT_VERSION),
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} in\n{out}");
    }
    let json: Value = serde_json::from_str(&ok(dated_index(), &["stats", "--json"])).unwrap();
    assert_eq!(
        (json["articles"].as_u64(), json["passages"].as_u64()),
        (Some(5), Some(77))
    );
    assert_eq!(json["first_date"], "2023-10-20");
}

#[test]
fn list_prints_every_article_and_show_one_whole() {
    let out = ok(dated_index(), &["list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(
        lines[1].starts_with("001\t2024-01-10\tokaz\tar\t"),
        "{}",
        lines[1]
    );
    let seeds = common::seed_articles();
    let shown = ok(dated_index(), &["show", "002", "--json"]);
    let article: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(article["title"], seeds[2].title.as_str());
    assert_eq!(article["date"], "2023-10-20");
    // The text as given, but for the whitespace between paragraphs.
    let words = |text: &str| {
        text.split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        words(article["text"].as_str().unwrap()),
        words(&seeds[2].text)
    );
    let plain = ok(dated_index(), &["show", "002"]);
    assert!(
        plain.starts_with(&format!("{}\nLe Monde · 2023-10-20", seeds[2].title)),
        "{plain}"
    );
}

#[test]
fn remove_takes_one_article_out() {
    let dir = tempfile::tempdir().unwrap();
    write_dated_seeds(dir.path());
    ok(dir.path(), &["index", "news.jsonl"]);
    assert_eq!(ok(dir.path(), &["remove", "003"]).trim(), "removed '003'");
    assert_eq!(run(dir.path(), &["show", "003"]).status.code(), Some(1));
    assert!(ok(dir.path(), &["stats"]).contains("articles: 4\n"));
    let (hits, _) = query_json_all(dir.path(), &["القاهرة", "--limit", "10"]);
    assert!(!ids(&hits).contains(&"003"));
}

#[test]
fn completions_and_man_page_are_generated() {
    let dir = tempfile::tempdir().unwrap();
    let bash = ok(dir.path(), &["completions", "bash"]);
    assert!(
        bash.contains("complete") && bash.contains("--sort"),
        "{bash}"
    );
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        assert!(
            ok(dir.path(), &["completions", shell]).contains("newsearch"),
            "{shell}"
        );
    }
    let man = ok(dir.path(), &["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH newsearch"),
        "{man}"
    );
    assert!(man.contains("stats"), "the subcommands are listed");
}

#[test]
fn every_help_has_examples() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        "index",
        "query",
        "analyze",
        "stats",
        "list",
        "show",
        "remove",
        "completions",
        "man",
    ] {
        let help = ok(dir.path(), &[command, "--help"]);
        assert!(help.contains("Example"), "{command}: {help}");
        assert!(
            help.contains(&format!("newsearch {command}")),
            "{command}: {help}"
        );
    }
    assert!(ok(dir.path(), &["--help"]).contains("Exit status"));
    // `--sort` lists the order names the server takes too.
    let help = ok(dir.path(), &["query", "--help"]);
    assert!(
        help.contains("[possible values: score, date-desc, date-asc, date]"),
        "{help}"
    );
}
