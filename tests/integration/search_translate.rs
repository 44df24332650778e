//! Cross-language search on the seeds: a query also finds the other
//! language's articles through its words' translations and spellings,
//! says so, highlights what matched, and can be turned off.

use crate::common;

use std::sync::OnceLock;

use common::{query_json, run, seed_index};
use newsearch::{Index, Lang, SearchOptions};
use serde_json::Value;

/// The seeds in memory, for the library.
fn seeds() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(seed_index)
}

fn ids(hits: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = hits
        .iter()
        .map(|hit| hit["article_id"].as_str().unwrap()[..3].to_string())
        .collect();
    ids.sort();
    ids
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
            words.push(text[start..end].to_string());
        }
    }
    words
}

fn article_ids(hits: &[newsearch::Hit]) -> Vec<String> {
    let mut ids: Vec<String> = hits.iter().map(|h| h.article_id[..3].to_string()).collect();
    ids.sort();
    ids
}

/// The three seeds that name Burns and Cairo, in French (000) or in Arabic
/// (001, 003: بيرنز, القاهرة), are all found; 002 and 004 name neither.
#[test]
fn burns_caire_finds_the_arabic_articles_with_their_words_highlighted() {
    let output = run(common::indexed_seeds(), &["query", "--json", "Burns Caire"]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Caire → القاهرة"), "{stderr}");
    assert!(stderr.contains("Burns → بيرنز"), "{stderr}");
    let hits: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        // The last line holds the total, not a hit.
        .filter(|line| line.get("rank").is_some())
        .collect();
    assert_eq!(ids(&hits), ["000", "001", "003"]);
    for hit in &hits {
        let words = highlighted(hit);
        let translated: Vec<&str> = hit["translated"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        if hit["lang"] == "ar" {
            assert!(words.iter().any(|w| w == "بيرنز"), "{words:?}");
            assert!(words.iter().any(|w| w.contains("القاهرة")), "{words:?}");
            assert_eq!(translated, ["Burns", "Caire"]);
        } else {
            assert!(words.iter().any(|w| w == "Burns"), "{words:?}");
            assert!(translated.is_empty(), "{translated:?}");
        }
    }
}

#[test]
fn no_translate_keeps_the_query_to_its_own_words() {
    let output = run(
        common::indexed_seeds(),
        &["query", "--no-translate", "--json", "Burns Caire"],
    );
    assert!(output.status.success());
    assert!(!String::from_utf8_lossy(&output.stderr).contains("→"));
    let hits: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        // The last line holds the total, not a hit.
        .filter(|line| line.get("rank").is_some())
        .collect();
    assert_eq!(ids(&hits), ["000"]);
    // The library's switch does the same.
    let options = SearchOptions::default().translate(false);
    let hits = seeds().search("Burns Caire", &options).unwrap();
    assert_eq!(article_ids(&hits), ["000"]);
}

/// Names both ways: the Latin name finds its Arabic spelling, the Arabic
/// name its Latin one.
#[test]
fn names_are_found_in_the_other_script() {
    let arabic = SearchOptions::default().lang(Lang::Ar);
    let hits = seeds().search("Kirby", &arabic).unwrap();
    assert_eq!(article_ids(&hits), ["001", "003", "004"]);
    assert!(hits.iter().all(|h| h.translated == ["Kirby"]));
    let french = SearchOptions::default().lang(Lang::Fr);
    let hits = seeds().search("كيربي", &french).unwrap();
    assert_eq!(article_ids(&hits), ["000"]);
    assert!(shown(&hits[0]).contains(&"Kirby".to_string()));
    // Without translation neither finds the other language.
    let off = |options: &SearchOptions| options.clone().translate(false);
    assert!(seeds().search("Kirby", &off(&arabic)).unwrap().is_empty());
    assert!(seeds().search("كيربي", &off(&french)).unwrap().is_empty());
}

/// A word of the lexicon, both ways: each finds the other language's
/// articles that have its translation, and highlights it.
#[test]
fn a_word_is_translated_both_ways() {
    let mut searcher = seeds().searcher();
    let arabic = SearchOptions::default().lang(Lang::Ar);
    let hits = searcher.search("négociations", &arabic).unwrap();
    assert_eq!(article_ids(&hits), ["001", "003", "004"]);
    assert_eq!(searcher.translated()[0].words, "négociations");
    assert!(hits.iter().all(|hit| hit.translated == ["négociations"]));
    assert!(shown(&hits[0])
        .iter()
        .any(|w| w.contains("مفاوض") || w.contains("تفاوض")));
    let french = SearchOptions::default().lang(Lang::Fr);
    let hits = searcher.search("هدنة", &french).unwrap();
    assert_eq!(article_ids(&hits), ["000"]);
    assert_eq!(hits[0].translated, ["هدنة"]);
    assert!(shown(&hits[0]).contains(&"cessez-le-feu".to_string()));
}

/// The highlighted words of a hit's passages.
fn shown(hit: &newsearch::Hit) -> Vec<String> {
    hit.passages
        .iter()
        .flat_map(|p| p.highlights.iter().map(|r| p.text[r.clone()].to_string()))
        .collect()
}

/// The JSON contract: every hit has the `translated` list.
#[test]
fn json_hits_list_the_translated_words() {
    for hit in query_json(common::indexed_seeds(), &["--lang", "fr", "كيربي"]) {
        assert_eq!(hit["translated"], serde_json::json!(["كيربي"]));
    }
}
