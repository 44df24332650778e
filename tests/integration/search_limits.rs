//! The first hits do not depend on how many are asked for (up to 100): an
//! article's score adds its article document and its best passage, so the
//! ranking must look at the same documents for `--limit 3` as for
//! `--limit 100`. Checked on the fr-piaf-qa questions.

use crate::common;

use newsearch::{Hit, Index, SearchOptions};
use newsearch_eval::read_topics;

fn ranking(index: &Index, query: &str, limit: usize) -> Vec<(String, u32)> {
    let options = SearchOptions::default().limit(limit).details(false);
    let hits: Vec<Hit> = index.search(query, &options).expect("the query runs");
    hits.into_iter()
        .map(|hit| (hit.article_id, hit.score.to_bits()))
        .collect()
}

#[test]
#[ignore = "corpus-scale: run by .ci/run with --include-ignored"]
fn the_first_hits_are_the_same_for_any_limit_up_to_100() {
    let Some((folder, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    let topics = read_topics(&folder.join("topics.tsv")).unwrap();
    for topic in topics.iter().take(400) {
        let long = ranking(index, &topic.query, 100);
        for limit in [1, 3, 10] {
            let short = ranking(index, &topic.query, limit);
            let n = short.len().min(long.len());
            assert_eq!(
                short[..n],
                long[..n],
                "{}: limit {limit} against 100",
                topic.query
            );
        }
    }
}

/// A search past its deadline stops with `Error::TimedOut`, whichever
/// steps it runs (ranking, counting, facets, date order); one whose
/// deadline is still ahead gives the results it gives without one.
#[test]
fn a_search_past_its_deadline_stops_with_timed_out() {
    use newsearch::{Error, Sort};
    use std::time::{Duration, Instant};

    let index = common::seed_index();
    for options in [
        SearchOptions::default(),
        SearchOptions::default().facets(true),
        SearchOptions::default().sort(Sort::DateDesc),
        SearchOptions::default().all_passages(true).details(false),
    ] {
        let past = options.clone().deadline(Instant::now());
        assert!(
            matches!(index.results("Kirby Caire", &past), Err(Error::TimedOut)),
            "{options:?}"
        );
        let ahead = options
            .clone()
            .deadline(Instant::now() + Duration::from_secs(3600));
        let (with, without) = (
            index.results("Kirby Caire", &ahead).unwrap(),
            index.results("Kirby Caire", &options).unwrap(),
        );
        assert!(!without.hits.is_empty());
        assert_eq!(with.total, without.total);
        let ids =
            |hits: &[Hit]| -> Vec<String> { hits.iter().map(|h| h.article_id.clone()).collect() };
        assert_eq!(ids(&with.hits), ids(&without.hits));
    }
}
