//! The scores a search reports are those of the ranking: a passage hit
//! scores what its passage scores, a passage shown for an article shows its
//! own score, and a date filter adds nothing. Checked on the seeds.

use crate::common;

use newsearch::Weights;
use newsearch::{Article, Day, Hit, Index, SearchOptions};

const QUERIES: [&str; 4] = [
    "négociations Caire",
    "cessez-le-feu otages",
    "المفاوضات القاهرة",
    "وقف إطلاق النار",
];

fn search(index: &Index, query: &str, options: SearchOptions) -> Vec<Hit> {
    index.search(query, &options).expect("the query runs")
}

fn passages_mode() -> SearchOptions {
    SearchOptions::default().all_passages(true).limit(100)
}

#[test]
fn a_passage_hit_scores_its_passage() {
    let index = common::seed_index();
    for query in QUERIES {
        let hits = search(&index, query, passages_mode());
        assert!(!hits.is_empty(), "{query}");
        for hit in &hits {
            assert_eq!(hit.score, hit.passages[0].score, "{query}");
        }
    }
}

/// Each passage shown for an article has the score it has as a passage
/// hit (a lead passage ranks at `1 + lead` times its score there).
fn check_shown_scores(index: &Index, query: &str) {
    let lead = 1.0 + Weights::default().lead;
    let passages = search(index, query, passages_mode());
    for hit in search(index, query, SearchOptions::default()) {
        for shown in &hit.passages {
            let own = passages
                .iter()
                .find(|p| p.article_id == hit.article_id && p.passages[0].number == shown.number)
                .map(|p| p.passages[0].score);
            // Not among the first 100 passages: nothing to compare.
            let Some(own) = own else { continue };
            let same = |a: f32, b: f32| (a - b).abs() <= 1e-4 * b.abs().max(1.0);
            assert!(
                same(shown.score, own) || same(shown.score * lead, own),
                "{query}: {} passage {} shows {} for {own}",
                hit.article_id,
                shown.number,
                shown.score
            );
        }
    }
}

#[test]
fn a_shown_passage_shows_its_own_score() {
    let index = common::seed_index();
    for query in QUERIES {
        check_shown_scores(&index, query);
    }
    // Where an article ranks by its title and body, its passage is found
    // by a search of its own passages, which must not add to its score.
    let Some((folder, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    let topics = newsearch_eval::read_topics(&folder.join("topics.tsv")).unwrap();
    for topic in topics.iter().take(100) {
        check_shown_scores(index, &topic.query);
    }
}

#[test]
fn a_date_filter_adds_nothing_to_the_scores() {
    // The seeds, dated.
    let index = common::index_of(common::seed_articles().into_iter().enumerate().map(
        |(n, article)| Article {
            date: Some(format!("2023-10-1{n}")),
            ..article
        },
    ));
    for query in QUERIES {
        let all = search(&index, query, SearchOptions::default());
        let dated = search(
            &index,
            query,
            SearchOptions::default()
                .since("2023-10-01".parse::<Day>().unwrap())
                .until("2023-10-31".parse::<Day>().unwrap()),
        );
        let scores = |hits: &[Hit]| -> Vec<(String, f32)> {
            hits.iter()
                .map(|hit| (hit.article_id.clone(), hit.score))
                .collect()
        };
        assert!(!all.is_empty(), "{query}");
        assert_eq!(scores(&all), scores(&dated), "{query}");
    }
}
