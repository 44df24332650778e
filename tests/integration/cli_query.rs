//! `newsearch query` end to end on the seeds: ranking, highlights, phrases,
//! JSON and TREC output.

use crate::common;

use common::{ok, query_json, run, seed_name, shared, with_seeds};
use serde_json::Value;

fn json_hits(query: &str) -> Vec<Value> {
    query_json(common::indexed_seeds(), &["--limit", "10", query])
}

fn ids(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|hit| hit["article_id"].as_str().unwrap()[..3].to_string())
        .collect()
}

/// The highlighted words of a hit's passages, as written in the text.
fn highlighted(hit: &Value) -> Vec<String> {
    let mut words = Vec::new();
    for passage in hit["passages"].as_array().unwrap() {
        let text = passage["text"].as_str().unwrap();
        for range in passage["highlights"].as_array().unwrap() {
            let (start, end) = (
                range["start"].as_u64().unwrap() as usize,
                range["end"].as_u64().unwrap() as usize,
            );
            words.push(
                text.get(start..end)
                    .expect("highlights slice the text on char boundaries")
                    .to_string(),
            );
        }
    }
    words
}

#[test]
fn burns_caire_ranks_000_first_with_both_words_highlighted() {
    let hits = json_hits("Burns Caire");
    assert_eq!(ids(&hits)[0], "000");
    let words = highlighted(&hits[0]);
    assert!(words.iter().any(|w| w == "Burns"), "{words:?}");
    assert!(words.iter().any(|w| w == "Caire"), "{words:?}");
}

#[test]
fn arabic_names_rank_001_and_003_first() {
    let hits = json_hits("بيرنز القاهرة");
    let mut top: Vec<String> = ids(&hits).into_iter().take(2).collect();
    top.sort();
    assert_eq!(top, ["001", "003"]);
    for hit in &hits[..2] {
        let words = highlighted(hit);
        assert!(words.iter().any(|w| w == "بيرنز"), "{words:?}");
        assert!(words.iter().any(|w| w.contains("القاهرة")), "{words:?}");
    }
}

#[test]
fn diacritics_and_bare_alef_in_the_query_find_the_arabic_articles() {
    for query in ["الْقَاهِرَة", "اسرائيل"] {
        let found = ids(&json_hits(query));
        for seed in ["001", "003", "004"] {
            let text = std::fs::read_to_string(common::repo().join("seeds").join(seed_name(seed)))
                .unwrap();
            let written = if query == "اسرائيل" {
                "إسرائيل"
            } else {
                "القاهرة"
            };
            if text.contains(written) {
                assert!(
                    found.contains(&seed.to_string()),
                    "{query}: {seed} not in {found:?}"
                );
            }
        }
    }
}

#[test]
fn negociation_finds_the_french_article_by_its_stem() {
    let found = ids(&json_hits("négociation"));
    assert!(found.contains(&"000".to_string()), "{found:?}");
}

#[test]
fn a_quoted_hyphenated_phrase_matches_as_a_phrase() {
    let hits = json_hits("\"cessez-le-feu\"");
    assert!(ids(&hits).contains(&"000".to_string()));
    let hit = hits
        .iter()
        .find(|h| h["article_id"].as_str().unwrap().starts_with("000"))
        .unwrap();
    let words = highlighted(hit);
    assert!(
        words.iter().any(|w| w == "cessez-le-feu"),
        "the phrase is one highlight: {words:?}"
    );
}

#[test]
fn highlights_cover_whole_words_as_written() {
    for query in [
        "Burns Caire",
        "بيرنز القاهرة",
        "accord négociations",
        "إسرائيل حماس",
    ] {
        for hit in json_hits(query) {
            for passage in hit["passages"].as_array().unwrap() {
                let text = passage["text"].as_str().unwrap();
                for range in passage["highlights"].as_array().unwrap() {
                    let start = range["start"].as_u64().unwrap() as usize;
                    let end = range["end"].as_u64().unwrap() as usize;
                    let word = text.get(start..end).expect("char boundaries");
                    let before = text[..start].chars().next_back();
                    let after = text[end..].chars().next();
                    assert!(
                        !before.is_some_and(char::is_alphanumeric),
                        "{query}: {word:?} starts mid-word"
                    );
                    assert!(
                        !after.is_some_and(char::is_alphanumeric),
                        "{query}: {word:?} ends mid-word"
                    );
                    assert_ne!(word, "ال", "a lone article is never highlighted");
                }
            }
        }
    }
}

fn seeds_containing(word: &str) -> Vec<String> {
    ["000", "001", "002", "003", "004"]
        .into_iter()
        .filter(|seed| {
            std::fs::read_to_string(common::repo().join("seeds").join(seed_name(seed)))
                .unwrap()
                .contains(word)
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn operators_require_and_exclude() {
    // Without the operator, Hamas alone brings in articles without Kirby
    // (written كيربي in Arabic, which the query searches too).
    let mut with_kirby = seeds_containing("Kirby");
    with_kirby.extend(seeds_containing("كيربي"));
    assert!(ids(&json_hits("Kirby Hamas"))
        .iter()
        .any(|id| !with_kirby.contains(id)));
    let required = ids(&json_hits("+Kirby Hamas"));
    assert!(!required.is_empty());
    assert!(
        required.iter().all(|id| with_kirby.contains(id)),
        "{required:?} vs {with_kirby:?}"
    );

    let with_caire = seeds_containing("Caire");
    assert!(ids(&json_hits("Kirby Hamas"))
        .iter()
        .any(|id| with_caire.contains(id)));
    let excluded = ids(&json_hits("Kirby Hamas -Caire"));
    assert!(!excluded.is_empty());
    assert!(
        excluded.iter().all(|id| !with_caire.contains(id)),
        "{excluded:?} vs {with_caire:?}"
    );
}

#[test]
fn only_stopwords_says_so_and_exits_2() {
    for query in ["le la les", "في من على", "?!…", "\"\"", "\"de\""] {
        let output = run(common::indexed_seeds(), &["query", query]);
        assert_eq!(output.status.code(), Some(2), "{query}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("no searchable words in the query"),
            "{query}: {stderr}"
        );
    }
}

#[test]
fn plain_output_marks_matches_with_brackets() {
    let out = ok(common::indexed_seeds(), &["query", "Burns Caire"]);
    assert!(out.starts_with("1. "), "{out}");
    assert!(out.contains("[Burns]"), "{out}");
    assert!(out.contains("[Caire]"), "{out}");
    assert!(!out.contains('\x1b'), "no escape codes without a terminal");
    let colored = ok(
        common::indexed_seeds(),
        &["query", "--color", "always", "Burns"],
    );
    assert!(colored.contains("\x1b[1;33mBurns\x1b[0m"), "{colored}");
}

#[test]
fn bad_options_are_usage_errors() {
    for args in [
        &["query", "--limit", "0", "Caire"][..],
        &["query", "--since", "2024-13-40", "Caire"],
        &["query", "--until", "yesterday", "Caire"],
        &["query"],
    ] {
        let output = run(common::indexed_seeds(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    let huge = run(
        common::indexed_seeds(),
        &["query", "--limit", "1000000", "Caire"],
    );
    assert!(huge.status.success());
}

#[test]
fn no_index_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["query", "Caire"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no index here"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
#[ignore = "corpus-scale: run by .ci/run with --include-ignored"]
fn topics_give_a_trec_run_that_score_py_scores() {
    let Some(shared) = shared() else { return };
    let set = shared.join("eval/fr-piaf-qa");
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &["index", set.join("corpus.jsonl").to_str().unwrap()],
    );
    let run_text = ok(
        dir.path(),
        &[
            "query",
            "--topics",
            set.join("topics.tsv").to_str().unwrap(),
            "--format",
            "trec",
            "--limit",
            "100",
        ],
    );
    let first = run_text.lines().next().expect("a run line");
    let columns: Vec<&str> = first.split(' ').collect();
    assert_eq!(columns.len(), 6, "{first}");
    assert_eq!(columns[1], "Q0");
    assert_eq!(columns[3], "1");
    let run_file = dir.path().join("run.txt");
    std::fs::write(&run_file, &run_text).unwrap();
    let scored = std::process::Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg(&run_file)
        .arg(set.join("qrels.txt"))
        .output()
        .expect("python3 runs score.py");
    assert!(
        scored.status.success(),
        "{}",
        String::from_utf8_lossy(&scored.stderr)
    );
    let report = String::from_utf8_lossy(&scored.stdout);
    assert!(report.to_lowercase().contains("mrr"), "{report}");

    // The topics run on every core by default; one thread gives the same
    // run, and either way the topics come in the order of the file.
    let topics = set.join("topics.tsv");
    let one_thread = ok(
        dir.path(),
        &[
            "query",
            "--topics",
            topics.to_str().unwrap(),
            "--limit",
            "100",
            "--threads",
            "1",
        ],
    );
    assert_eq!(one_thread, run_text);
    let mut order: Vec<&str> = run_text
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    order.dedup();
    let listed = std::fs::read_to_string(&topics).unwrap();
    let listed: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    let mut in_file = listed.iter().filter(|qid| order.contains(qid));
    assert!(order.iter().all(|qid| in_file.next() == Some(qid)));
}

#[test]
fn dates_filter_and_passages_list_every_match() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id":"jan","title":"Trêve","text":"Les négociations sur la trêve reprennent au Caire, où les délégations sont arrivées dimanche soir.\n\nLa trêve reste fragile selon les médiateurs du Caire, qui redoutent une reprise des combats.","date":"2024-01-15","source":"AFP","url":"https://example.org/jan"}"#,
        r#"{"id":"mar","title":"Trêve","text":"Nouvelle trêve annoncée au Caire par les médiateurs.","date":"2024-03-02T10:00:00Z","source":"AFP"}"#,
        r#"{"id":"jun","title":"Trêve","text":"La trêve de juin a été rompue près du Caire.","date":"2024-06-30"}"#,
    ];
    std::fs::write(dir.path().join("news.jsonl"), lines.join("\n")).unwrap();
    ok(dir.path(), &["index", "news.jsonl"]);
    let ids_of = |args: &[&str]| -> Vec<String> {
        let mut found: Vec<String> = query_json(dir.path(), args)
            .iter()
            .map(|hit| hit["article_id"].as_str().unwrap().to_string())
            .collect();
        found.sort();
        found
    };
    assert_eq!(ids_of(&["Caire"]), ["jan", "jun", "mar"]);
    assert_eq!(ids_of(&["--since", "2024-02-01", "Caire"]), ["jun", "mar"]);
    assert_eq!(ids_of(&["--until", "2024-03-02", "Caire"]), ["jan", "mar"]);
    assert_eq!(
        ids_of(&["--since", "2024-02-01", "--until", "2024-03-31", "Caire"]),
        ["mar"]
    );

    // One entry per article by default; every matching passage with --passages.
    let per_article = query_json(dir.path(), &["Caire"]).len();
    let per_passage = query_json(dir.path(), &["--passages", "Caire"]).len();
    assert_eq!(per_article, 3);
    assert_eq!(per_passage, 4);

    let first = &query_json(dir.path(), &["fragile"])[0];
    assert_eq!(first["article_id"], "jan");
    assert_eq!(first["passage"], 1);
    assert_eq!(first["source"], "AFP");
    assert_eq!(first["date"], "2024-01-15");
    assert_eq!(first["url"], "https://example.org/jan");
    assert_eq!(first["lang"], "fr");
    assert!(first["score"].as_f64().unwrap() > 0.0);
    assert_eq!(highlighted(first), ["fragile"]);
}

/// A seed saved twice under two names is one hit: the text output says
/// where else it was published, the JSON lists the other id.
#[test]
fn a_copied_seed_is_one_hit_naming_its_copy() {
    let dir = with_seeds();
    let seed = seed_name("000");
    let seeds = dir.path().join("seeds");
    std::fs::copy(seeds.join(&seed), seeds.join("copy_of_000.txt")).unwrap();
    ok(dir.path(), &["index", "seeds"]);
    let hits = query_json(dir.path(), &["Burns Caire"]);
    let ids: Vec<&str> = hits
        .iter()
        .map(|hit| hit["article_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids.iter().filter(|id| id.contains("000")).count(),
        1,
        "{ids:?}"
    );
    let duplicates = hits[0]["duplicates"].as_array().unwrap();
    assert_eq!(duplicates.len(), 1, "{:?}", hits[0]);
    assert_ne!(duplicates[0], hits[0]["article_id"]);
    assert!(hits[1..]
        .iter()
        .all(|hit| hit["duplicates"] == Value::Array(Vec::new())));
    let text = ok(dir.path(), &["query", "--color", "never", "Burns Caire"]);
    let also = format!("also published as {}", duplicates[0].as_str().unwrap());
    assert!(text.contains(&also), "{text}");
}
