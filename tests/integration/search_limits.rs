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
