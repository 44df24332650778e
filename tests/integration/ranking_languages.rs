//! Passage matching per language (`Weights::passage_weights`): Arabic
//! passages are ranked by stems, since an Arabic word's exact form carries
//! its clitics; French passages by word forms, the stems counting in the
//! whole-article field. Checked on the seeds, in both languages.

use crate::common;

use newsearch::{Hit, Index, SearchOptions};

fn search(index: &Index, query: &str, all_passages: bool) -> Vec<Hit> {
    let options = SearchOptions::default()
        .all_passages(all_passages)
        .limit(100);
    index.search(query, &options).expect("the query runs")
}

fn passage_texts(hits: &[Hit]) -> Vec<&str> {
    hits.iter()
        .map(|hit| hit.passages[0].text.as_str())
        .collect()
}

#[test]
fn french_passages_rank_by_word_form_before_stem() {
    let index = common::seed_index();
    // "négociations"; the seeds also say "négociation" and "négocier",
    // which share its stem.
    let passages = search(&index, "négociations", true);
    let has_form: Vec<bool> = passage_texts(&passages)
        .iter()
        .map(|text| text.to_lowercase().contains("négociations"))
        .collect();
    let with_form = has_form.iter().filter(|&&form| form).count();
    assert!(with_form >= 2, "{has_form:?}");
    // Every passage with the form first, then the other forms, still found.
    assert!(
        has_form[..with_form].iter().all(|&form| form),
        "{has_form:?}"
    );
    assert!(has_form.len() > with_form, "{has_form:?}");
    let texts = passage_texts(&passages);
    assert!(texts[with_form..]
        .iter()
        .any(|text| text.contains("négocier")));
    // Articles are scored on stems as a whole: "négocier" finds the one
    // that only says "négociations", and shows that passage highlighted.
    let articles = search(&index, "négocier", false);
    let hit = articles
        .iter()
        .find(|hit| hit.article_id == "002_5b2f0f6e9cd90a9e.txt")
        .expect("002 is found");
    let shown = &hit.passages[0];
    let marked: Vec<&str> = shown
        .highlights
        .iter()
        .map(|r| &shown.text[r.clone()])
        .collect();
    assert_eq!(marked, ["négociations"]);
}

#[test]
fn arabic_passages_match_the_stem_whatever_the_clitics() {
    let index = common::seed_index();
    // "بالقاهرة" ("in Cairo") is nowhere in the seeds; "القاهرة" is.
    let passages = search(&index, "بالقاهرة", true);
    let texts = passage_texts(&passages);
    assert!(texts.iter().any(|text| text.contains("القاهرة")));
    // A passage reads under its article's title, which may hold the word.
    assert!(passages
        .iter()
        .all(|hit| hit.passages[0].text.contains("القاهرة") || hit.title.contains("القاهرة")));
    assert!(passages.iter().all(|hit| hit.passages[0].lang == "ar"));
}
