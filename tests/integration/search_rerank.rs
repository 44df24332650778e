//! The leading articles ranked again among themselves, the words that all
//! of them share counting less: the paragraph that answers a question wins
//! over its neighbours from the same Wikipedia article, which repeat the
//! article's subject. Checked on the evaluation set's own questions.

use crate::common;

use newsearch::SearchOptions;
use newsearch::Weights;

#[test]
fn words_every_leading_article_has_count_less() {
    let Some((folder, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    for (qid, question) in [
        (
            "piaf-p140295202439816",
            "Quelle est la période de reproduction des tortues géantes du Galapagos ?",
        ),
        (
            "piaf-p140295203613144",
            "Qui est le prédécesseur de Senatore Borletti à la présidence du FC Internazionale Milano ?",
        ),
    ] {
        // Second without the second ranking.
        assert_eq!(common::answer_rank(index, &folder, qid, question), Some(1), "{question}");
    }
}

#[test]
fn the_second_ranking_keeps_scores_decreasing_and_the_rest_in_place() {
    let Some((_, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    let question = "Quelle est la période de reproduction des tortues géantes du Galapagos ?";
    let options = SearchOptions::default().limit(30);
    let hits = index.search(question, &options).expect("the query runs");
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    let without = options.weights(Weights::default().shared(0.0));
    let first = index.search(question, &without).expect("the query runs");
    let ids = |hits: &[newsearch::Hit]| -> Vec<String> {
        hits.iter().map(|h| h.article_id.clone()).collect()
    };
    assert_ne!(ids(&hits[..5]), ids(&first[..5]));
    let mut leading = ids(&hits[..5]);
    let mut leading_first = ids(&first[..5]);
    leading.sort();
    leading_first.sort();
    assert_eq!(leading, leading_first, "the same five articles lead");
    assert_eq!(
        ids(&hits[5..]),
        ids(&first[5..]),
        "the rest keep their places"
    );
    // A limit under five gives the first hits of the longer list.
    let short = SearchOptions::default().limit(2);
    let two = index.search(question, &short).expect("the query runs");
    assert_eq!(ids(&two), ids(&hits[..2]));
}

#[test]
#[ignore = "corpus-scale: run by .ci/run with --include-ignored"]
fn scores_decrease_down_every_list() {
    let Some((folder, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    let topics = newsearch_eval::read_topics(&folder.join("topics.tsv")).expect("the topics read");
    let options = SearchOptions::default().limit(10).details(false);
    let mut searcher = index.searcher();
    for topic in topics.iter().take(300) {
        let hits = searcher
            .search(&topic.query, &options)
            .expect("the query runs");
        assert!(
            hits.windows(2).all(|w| w[0].score >= w[1].score),
            "{}: {:?}",
            topic.query,
            hits.iter().map(|h| h.score).collect::<Vec<_>>()
        );
    }
}
