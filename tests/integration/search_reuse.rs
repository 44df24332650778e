//! A searcher that runs many queries keeps state between them (the article
//! ids it has read, the index's statistics); its results must be those of a
//! fresh searcher, to the last bit of every score. Words the index lacks
//! must change nothing either.

use crate::common;

use newsearch::{Hit, SearchOptions};

/// Everything a hit shows, with the scores' exact bits.
fn key(hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|hit| {
            let passages: Vec<String> = hit
                .passages
                .iter()
                .map(|p| {
                    format!(
                        "{} {:08x} {:?} {:?}",
                        p.number,
                        p.score.to_bits(),
                        p.highlights,
                        p.window
                    )
                })
                .collect();
            format!(
                "{} {} {:08x} {} {passages:?}",
                hit.rank,
                hit.article_id,
                hit.score.to_bits(),
                hit.title
            )
        })
        .collect()
}

const QUERIES: &[&str] = &[
    "Caire",
    "négociations cessez-le-feu",
    "\"cessez-le-feu\" Gaza",
    "القاهرة",
    "وقف إطلاق النار",
    "Burns Caire -Doha",
    "+Caire otages",
    "médiateurs égyptiens qatariens",
    "مفاوضات الهدنة في القاهرة",
];

#[test]
fn a_searcher_reused_for_many_queries_gives_the_results_of_fresh_ones() {
    let index = common::seed_index();
    for details in [false, true] {
        let options = SearchOptions::default().details(details);
        let mut reused = index.searcher();
        // Several rounds, so that whatever the searcher keeps is used.
        for _ in 0..3 {
            for query in QUERIES {
                let fresh = index.search(query, &options).expect("search");
                let again = reused.search(query, &options).expect("search");
                assert_eq!(key(&again), key(&fresh), "{query:?}, details {details}");
            }
        }
    }
}

#[test]
fn words_the_index_lacks_change_no_score() {
    let index = common::seed_index();
    let options = SearchOptions::default();
    for (query, with_unknown) in [("Caire", "Caire zzyzxqwv"), ("القاهرة", "القاهرة ضضضغغغ")]
    {
        let hits = index.search(query, &options).expect("search");
        assert!(!hits.is_empty(), "{query:?} finds the seeds");
        let same = index.search(with_unknown, &options).expect("search");
        assert_eq!(key(&same), key(&hits), "{with_unknown:?}");
    }
    // A required word the index lacks still leaves nothing to find.
    let none = index.search("+zzyzxqwv Caire", &options).expect("search");
    assert!(none.is_empty());
}

/// One searcher serves several threads, as an HTTP server's handlers share
/// it: it is `Send + Sync` (this fails to compile otherwise), runs on
/// another thread than the one that made it, and is read from several at
/// once.
#[test]
fn a_searcher_is_shared_across_threads() {
    fn send_and_sync<T: Send + Sync>(_: &T) {}
    let index = common::seed_index();
    let mut searcher = index.searcher();
    send_and_sync(&searcher);
    let searcher = std::thread::scope(|scope| {
        scope
            .spawn(move || {
                let hits = searcher
                    .search("homologes", &newsearch::SearchOptions::default())
                    .unwrap();
                assert!(!hits.is_empty());
                searcher
            })
            .join()
            .unwrap()
    });
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| assert_eq!(searcher.respelled()[0].word, "homologes"));
        }
    });
}

/// A batch spread over several threads gives each query the hits that it
/// gets alone, in the order of the queries, errors included; on the seeds
/// and on the French questions of an evaluation set.
#[test]
fn a_batch_on_several_threads_gives_each_query_its_own_hits() {
    let options = SearchOptions::default();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .build()
        .unwrap();
    let mut queries: Vec<String> = QUERIES.iter().map(|q| q.to_string()).collect();
    queries.push("le la les".into());
    let check = |index: &newsearch::Index, queries: &[String]| {
        let batch = pool.install(|| index.search_batch(queries, &options));
        assert_eq!(batch.len(), queries.len());
        for (query, found) in queries.iter().zip(batch) {
            match (found, index.search(query, &options)) {
                (Ok(found), Ok(alone)) => assert_eq!(key(&found), key(&alone), "{query:?}"),
                (found, alone) => assert_eq!(
                    found.map(|_| ()).map_err(|e| e.to_string()),
                    alone.map(|_| ()).map_err(|e| e.to_string()),
                    "{query:?}"
                ),
            }
        }
    };
    check(&common::seed_index(), &queries);
    if let Some((folder, index)) = common::eval_set("fr-piaf-qa") {
        let topics = newsearch::read_topics(&folder.join("topics.tsv")).unwrap();
        let questions: Vec<String> = topics.topics.into_iter().map(|t| t.query).collect();
        check(index, &questions[..questions.len().min(200)]);
    }
}
