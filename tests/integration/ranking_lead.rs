//! The lead passage: news put the story's key facts in the first paragraph,
//! so the first passage of an article of several paragraphs counts
//! `1 + Weights::lead` times; an article of one paragraph has no lead.
//! The articles are paragraphs of a seed, in different orders.

use crate::common;

use newsearch::{Article, Hit, Index, SearchOptions};

const QUERY: &str = "McGurk homologues Jordanie";

/// The paragraph of seed 000 that answers [`QUERY`], and two that share
/// none of its words.
fn paragraphs() -> (String, [String; 2]) {
    let path = common::repo().join("seeds/000_436cd7e7ce26a71d.txt");
    let text = std::fs::read_to_string(path).expect("the seed reads");
    let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).collect();
    let answer = paragraphs
        .iter()
        .find(|p| p.contains("McGurk"))
        .expect("a paragraph names McGurk");
    let others: Vec<String> = paragraphs
        .iter()
        .skip(1) // the title
        .filter(|p| p.chars().count() > 200)
        .filter(|p| {
            !["McGurk", "homologues", "Jordanie"]
                .iter()
                .any(|w| p.contains(w))
        })
        .take(2)
        .map(|p| p.to_string())
        .collect();
    (answer.to_string(), [others[0].clone(), others[1].clone()])
}

fn index_of(articles: &[(&str, Vec<&str>)]) -> Index {
    let index = Index::create_in_ram().expect("an index in memory");
    let mut writer = index.writer().expect("a writer");
    for (id, paragraphs) in articles {
        let article = Article {
            id: id.to_string(),
            text: paragraphs.join("\n\n"),
            ..Article::default()
        };
        writer.add_article(&article, None).expect("indexes");
    }
    writer.commit().expect("commit");
    index
}

fn search(index: &Index, all_passages: bool) -> Vec<Hit> {
    let options = SearchOptions::default().all_passages(all_passages);
    index.search(QUERY, &options).expect("the query runs")
}

fn passage_score(hits: &[Hit], id: &str) -> f32 {
    let hit = hits
        .iter()
        .find(|hit| hit.article_id == id)
        .unwrap_or_else(|| panic!("{id} is found"));
    hit.passages[0].score
}

#[test]
fn an_article_that_leads_with_the_words_ranks_first() {
    let (answer, [a, b]) = paragraphs();
    // The same words in both articles; only their place differs. Ids are
    // chosen so that a tie would put the wrong article first.
    let index = index_of(&[
        ("a-later", vec![&a, &b, &answer]),
        ("b-lead", vec![&answer, &a, &b]),
    ]);
    let hits = search(&index, false);
    assert_eq!(hits[0].article_id, "b-lead");
    assert!(hits[0].score > hits[1].score);
    assert_eq!(hits[0].passages[0].number, 0);
}

#[test]
fn the_lead_passage_scores_one_plus_lead_times_the_same_text_elsewhere() {
    let (answer, [a, b]) = paragraphs();
    let index = index_of(&[
        ("later", vec![&a, &answer, &b]),
        ("lead", vec![&answer, &a, &b]),
        ("single", vec![&answer]),
    ]);
    let hits = search(&index, true);
    let lead = SearchOptions::default().weights.lead;
    assert!(lead > 0.0);
    let elsewhere = passage_score(&hits, "later");
    assert!(elsewhere > 0.0);
    assert_eq!(passage_score(&hits, "lead"), elsewhere * (1.0 + lead));
    // One paragraph: no lead to tell from the rest.
    assert_eq!(passage_score(&hits, "single"), elsewhere);
}
