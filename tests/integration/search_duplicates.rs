//! Copies of one article under several ids (the same title and text, as
//! when several feeds carry one wire story) are one hit, under the first
//! of their ids, which lists the others; checked on the seeds and on the
//! copies that the Arabic news corpus holds.

use crate::common;

use std::collections::HashMap;

use newsearch::{Article, Hit, SearchOptions};

fn copy_of(article: &Article, id: &str) -> Article {
    Article {
        id: id.into(),
        ..article.clone()
    }
}

fn ids(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|hit| hit.article_id.as_str()).collect()
}

/// The French seed on the Cairo talks and the other seeds.
fn seeds() -> (Article, Vec<Article>) {
    let seeds = common::seed_articles();
    let french = seeds
        .iter()
        .find(|article| article.text.contains("Burns") && article.text.contains("Caire"))
        .expect("a French seed names Burns and Cairo")
        .clone();
    (french, seeds)
}

#[test]
fn copies_of_a_seed_are_one_hit_under_the_first_id() {
    let (french, seeds) = seeds();
    // The copies count in the rarity of the French words (three documents
    // hold them), not in that of their Arabic translations: the ranking
    // compared is that of the words as typed.
    let options = SearchOptions::default().translate(false);
    let alone = common::index_of(seeds.clone());
    let alone = alone.search("Burns Caire", &options).unwrap();
    let mut articles = seeds;
    // Another line break between paragraphs is still the same text.
    articles.push(Article {
        text: french.text.replace("\n\n", "\n\n\n"),
        ..copy_of(&french, "zz-copy")
    });
    articles.push(copy_of(&french, "00-copy"));
    let index = common::index_of(articles);
    let hits = index.search("Burns Caire", &options).unwrap();

    // The same ranking as without the copies, the seed standing under the
    // first id of the three.
    let expected: Vec<&str> = ids(&alone)
        .into_iter()
        .map(|id| if id == french.id { "00-copy" } else { id })
        .collect();
    assert_eq!(ids(&hits), expected);
    let merged = hits.iter().find(|hit| hit.article_id == "00-copy").unwrap();
    assert_eq!(merged.duplicates, [french.id.as_str(), "zz-copy"]);
    assert!(!merged.passages.is_empty(), "the hit shows its passages");
    for hit in hits.iter().filter(|hit| hit.article_id != "00-copy") {
        assert!(hit.duplicates.is_empty(), "{} has no copy", hit.article_id);
    }
}

#[test]
fn a_copy_under_another_title_is_an_article_of_its_own() {
    let (french, seeds) = seeds();
    let mut articles = seeds;
    articles.push(Article {
        title: "Trêve à Gaza : les négociateurs au Caire".into(),
        ..copy_of(&french, "retitled")
    });
    let index = common::index_of(articles);
    let hits = index
        .search("Burns Caire", &SearchOptions::default())
        .unwrap();
    let found = ids(&hits);
    assert!(found.contains(&"retitled") && found.contains(&french.id.as_str()));
    assert!(hits.iter().all(|hit| hit.duplicates.is_empty()));
}

#[test]
fn every_copy_has_its_passages_listed() {
    let (french, seeds) = seeds();
    let mut articles = seeds;
    articles.push(copy_of(&french, "00-copy"));
    let index = common::index_of(articles);
    let options = SearchOptions::default().all_passages(true).limit(100);
    let hits = index.search("Burns", &options).unwrap();
    let of = |id: &str| hits.iter().filter(|hit| hit.article_id == id).count();
    assert!(of("00-copy") > 0);
    assert_eq!(of("00-copy"), of(&french.id));
}

/// The Arabic news corpus carries some wire stories under several ids;
/// each group of copies comes out as one hit.
#[test]
#[ignore = "corpus-scale: run by .ci/run with --include-ignored"]
fn copies_in_the_arabic_news_corpus_are_one_hit() {
    let Some(shared) = common::shared() else {
        return;
    };
    let corpus = common::articles_of(&shared.join("corpora/ar-saudinewsnet.jsonl.gz"));
    let mut by_text: HashMap<(&str, &str), Vec<&Article>> = HashMap::new();
    for article in &corpus {
        by_text
            .entry((article.title.as_str(), article.text.trim()))
            .or_default()
            .push(article);
    }
    let mut groups: Vec<Vec<&Article>> = by_text
        .into_values()
        .filter(|copies| copies.len() > 1 && copies[0].text.split_whitespace().count() > 40)
        .collect();
    groups.sort_by(|a, b| a[0].id.cmp(&b[0].id));
    assert!(groups.len() >= 20, "the corpus holds copies");
    let groups = &groups[..20];
    let mut articles: Vec<Article> = corpus.iter().take(2_000).cloned().collect();
    for copies in groups {
        articles.extend(copies.iter().map(|&article| article.clone()));
    }
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    articles.dedup_by(|a, b| a.id == b.id);
    let index = common::index_of(articles);
    let mut searcher = index.searcher();
    for copies in groups {
        let mut copy_ids: Vec<&str> = copies.iter().map(|article| article.id.as_str()).collect();
        copy_ids.sort();
        // The story's opening words find it.
        let query: Vec<&str> = copies[0].text.split_whitespace().take(12).collect();
        let hits = searcher
            .search(&query.join(" "), &SearchOptions::default())
            .unwrap();
        let found: Vec<&Hit> = hits
            .iter()
            .filter(|hit| copy_ids.contains(&hit.article_id.as_str()))
            .collect();
        assert_eq!(found.len(), 1, "one hit for the copies {copy_ids:?}");
        assert_eq!(found[0].article_id, copy_ids[0]);
        assert_eq!(found[0].duplicates, copy_ids[1..]);
    }
}
