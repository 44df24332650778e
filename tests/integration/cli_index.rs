//! `newsearch index` end to end: the seeds, incremental runs, real corpora.

use crate::common;

use common::{ok, run, seed_name, shared, with_seeds};
use newsearch::Index;

fn summary_line<'a>(summary: &'a str, prefix: &str) -> &'a str {
    summary
        .lines()
        .find(|line| line.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix:?} line in {summary}"))
}

#[test]
fn seeds_index_as_five_articles_in_their_languages() {
    let dir = with_seeds();
    let summary = ok(dir.path(), &["index", "seeds"]);
    assert_eq!(
        summary_line(&summary, "articles:"),
        "articles: 5 added, 0 updated, 0 removed, 0 unchanged"
    );
    let index = Index::open(&dir.path().join("index")).unwrap();
    assert_eq!(index.num_articles().unwrap(), 5);
    for (prefix, lang) in [
        ("000", "fr"),
        ("001", "ar"),
        ("002", "fr"),
        ("003", "ar"),
        ("004", "ar"),
    ] {
        let id = seed_name(prefix);
        let info = index.article(&id).unwrap().expect("the seed is indexed");
        let file = std::fs::read_to_string(common::repo().join("seeds").join(&id)).unwrap();
        let first_line = file.lines().find(|l| !l.trim().is_empty()).unwrap().trim();
        assert_eq!(info.title, first_line, "title of {id}");
        assert_eq!(info.lang, lang, "language of {id}");
        assert!(info.passages >= 3, "{id} has {} passages", info.passages);
    }
}

#[test]
fn rerun_changes_nothing_then_updates_and_removes_one_seed() {
    let dir = with_seeds();
    ok(dir.path(), &["index", "seeds"]);
    let again = ok(dir.path(), &["index", "seeds"]);
    assert_eq!(
        summary_line(&again, "articles:"),
        "articles: 0 added, 0 updated, 0 removed, 5 unchanged"
    );

    let edited = dir.path().join("seeds").join(seed_name("002"));
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str(
        "\n\nUn paragraphe ajouté sur les pourparlers de Doha et leurs suites probables.\n",
    );
    std::fs::write(&edited, text).unwrap();
    let updated = ok(dir.path(), &["index", "seeds"]);
    assert_eq!(
        summary_line(&updated, "articles:"),
        "articles: 0 added, 1 updated, 0 removed, 4 unchanged"
    );
    let hits = ok(dir.path(), &["query", "--json", "Doha pourparlers"]);
    assert!(hits.lines().next().unwrap().contains(&seed_name("002")));

    std::fs::remove_file(dir.path().join("seeds").join(seed_name("004"))).unwrap();
    let removed = ok(dir.path(), &["index", "seeds"]);
    assert_eq!(
        summary_line(&removed, "articles:"),
        "articles: 0 added, 0 updated, 1 removed, 4 unchanged"
    );
    let index = Index::open(&dir.path().join("index")).unwrap();
    assert_eq!(index.num_articles().unwrap(), 4);
    assert!(index.article(&seed_name("004")).unwrap().is_none());
}

#[test]
fn rebuild_starts_afresh() {
    let dir = with_seeds();
    ok(dir.path(), &["index", "seeds"]);
    let rebuilt = ok(dir.path(), &["index", "--rebuild", "seeds"]);
    assert_eq!(
        summary_line(&rebuilt, "articles:"),
        "articles: 5 added, 0 updated, 0 removed, 0 unchanged"
    );
}

#[test]
fn index_location_comes_from_the_flag_or_the_environment() {
    let dir = with_seeds();
    ok(dir.path(), &["index", "seeds", "--index", "elsewhere"]);
    assert!(Index::open(&dir.path().join("elsewhere")).is_ok());
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_newsearch"))
        .args(["index", "seeds"])
        .current_dir(dir.path())
        .env("NEWSEARCH_INDEX", "from-env")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(Index::open(&dir.path().join("from-env")).is_ok());
}

#[test]
fn an_arabic_article_quoting_french_puts_each_passage_in_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let text = "الرئيس الفرنسي يتحدث عن الهدنة\n\n\
        قال الرئيس الفرنسي في مؤتمر صحفي عقده في باريس يوم الثلاثاء إن بلاده تدعم جهود الوساطة المصرية والقطرية للتوصل إلى وقف لإطلاق النار.\n\n\
        « Nous soutenons pleinement les efforts de médiation de l’Égypte et du Qatar pour parvenir à un cessez-le-feu durable », a déclaré le président devant les journalistes.\n\n\
        وأضاف أن فرنسا مستعدة للمساهمة في إعادة إعمار القطاع بعد انتهاء الحرب وتقديم المساعدات الإنسانية العاجلة للسكان.\n";
    std::fs::write(dir.path().join("mixed.txt"), text).unwrap();
    ok(dir.path(), &["index", "mixed.txt"]);
    let french = ok(
        dir.path(),
        &["query", "--json", "--lang", "fr", "médiation"],
    );
    let hit: serde_json::Value =
        serde_json::from_str(french.lines().next().expect("a French hit")).unwrap();
    assert_eq!(hit["lang"], "fr");
    assert!(hit["text"].as_str().unwrap().contains("Nous soutenons"));
    let arabic = ok(dir.path(), &["query", "--json", "--lang", "ar", "الوساطة"]);
    let hit: serde_json::Value =
        serde_json::from_str(arabic.lines().next().expect("an Arabic hit")).unwrap();
    assert_eq!(hit["lang"], "ar");
    // The French word is not in any Arabic passage, nor the Arabic one in French.
    assert!(ok(
        dir.path(),
        &["query", "--json", "--lang", "ar", "médiation"]
    )
    .is_empty());
}

#[test]
fn nothing_indexable_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.pdf"), b"%PDF-1.4").unwrap();
    let output = run(dir.path(), &["index", "notes.pdf", "missing-folder"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("notes.pdf"), "{stderr}");
    assert!(stderr.contains("missing-folder"), "{stderr}");
}

#[test]
fn ar_wiki_qa_corpus_gives_its_700_ids() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("eval/ar-wiki-qa/corpus.jsonl");
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["index", corpus.to_str().unwrap()]);
    let index = Index::open(&dir.path().join("index")).unwrap();
    let mut expected: Vec<String> = std::fs::read_to_string(&corpus)
        .unwrap()
        .lines()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    expected.sort();
    assert_eq!(expected.len(), 700);
    assert_eq!(index.article_ids().unwrap(), expected);
}

#[test]
#[ignore = "corpus-scale: run by .ci/run with --include-ignored"]
fn orangesum_indexes_34419_articles_nearly_all_french() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpora/fr-orangesum.jsonl.gz");
    let dir = tempfile::tempdir().unwrap();
    let summary = ok(dir.path(), &["index", corpus.to_str().unwrap()]);
    assert_eq!(
        summary_line(&summary, "articles:"),
        "articles: 34419 added, 0 updated, 0 removed, 0 unchanged"
    );
    let index = Index::open(&dir.path().join("index")).unwrap();
    assert_eq!(index.num_articles().unwrap(), 34419);
    // "passages: N written (fr F, ...)": the French share of passages.
    let passages = summary_line(&summary, "passages:");
    let number_after = |label: &str| -> u64 {
        let rest = &passages[passages.find(label).unwrap() + label.len()..];
        rest.split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let (all, french) = (number_after("passages: "), number_after("fr "));
    assert!(french as f64 >= 0.99 * all as f64, "{passages}");
}

#[test]
fn an_index_of_another_format_asks_for_a_rebuild() {
    let dir = with_seeds();
    ok(dir.path(), &["index", "seeds"]);
    let meta = dir.path().join("index/newsearch.json");
    std::fs::write(&meta, r#"{"format": 0, "analyzers": "older"}"#).unwrap();
    for args in [&["query", "Caire"][..], &["index", "seeds"]] {
        let output = run(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("incompatible") && stderr.contains("--rebuild"),
            "{stderr}"
        );
    }
    let rebuilt = ok(dir.path(), &["index", "--rebuild", "seeds"]);
    assert!(rebuilt.contains("5 added"), "{rebuilt}");
    ok(dir.path(), &["query", "Caire"]);
}
