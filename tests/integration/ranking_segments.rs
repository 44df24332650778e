//! How articles lie in segments, and what ranking makes of it: every
//! document of an article stays in one segment (ranking groups documents
//! by the article's id ordinal there), articles that score the same go by
//! id whatever segments they fell into, and so do copies of one article.

use crate::common;

use std::collections::HashMap;

use newsearch::{Article, Index, SearchOptions};

/// The segment of each article's documents; fails on an article whose
/// documents lie in more than one.
fn segment_of_each_article(index: &Index) -> HashMap<String, usize> {
    let searcher = index.tantivy_index().reader().unwrap().searcher();
    let mut segment_of: HashMap<String, usize> = HashMap::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let ids = segment.fast_fields().str("article_id").unwrap().unwrap();
        for doc in segment.doc_ids_alive() {
            let term = ids.term_ords(doc).next().expect("every document has an id");
            let mut id = String::new();
            ids.ord_to_str(term, &mut id).unwrap();
            let first = *segment_of.entry(id.clone()).or_insert(ord);
            assert_eq!(
                first, ord,
                "article {id} lies in segments {first} and {ord}"
            );
        }
    }
    segment_of
}

#[test]
fn each_article_stays_in_one_segment_through_commits_and_merges() {
    let Some(shared) = common::shared() else {
        return;
    };
    let corpus = shared.join("eval/fr-piaf-qa/corpus.jsonl");
    let articles = common::articles_of(&corpus);
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    // Several commits, so that segments are written by each indexing
    // thread and then merged.
    for chunk in articles.chunks(articles.len() / 6 + 1) {
        for article in chunk {
            writer.add_article(article, None).unwrap();
        }
        writer.commit().unwrap();
    }
    let segments = || index.tantivy_index().searchable_segment_ids().unwrap();
    assert!(segments().len() > 1, "the test needs more than one segment");
    assert_eq!(segment_of_each_article(&index).len(), articles.len());
    // The end of the run merges the archive into one segment.
    writer.finish().unwrap();
    assert_eq!(segment_of_each_article(&index).len(), articles.len());
    assert_eq!(segments().len(), 1);
}

/// One article under three ids, each committed on its own (a segment
/// each), the smallest id last; `mark` is added to the end of each text.
fn three_ids_in_three_segments(mark: impl Fn(usize) -> &'static str) -> Index {
    let seed = common::repo().join("seeds").join(common::seed_name("000"));
    let original = common::articles_of(&seed).remove(0);
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    for (n, id) in ["copy-b", "copy-c", "copy-a"].into_iter().enumerate() {
        let copy = Article {
            id: id.into(),
            text: format!("{}{}", original.text, mark(n)),
            ..original.clone()
        };
        writer.add_article(&copy, None).unwrap();
        writer.commit().unwrap();
    }
    assert_eq!(segment_of_each_article(&index).len(), 3);
    index
}

#[test]
fn articles_with_the_same_score_go_by_id_across_segments() {
    // Texts that differ by punctuation alone: the same words score the
    // same, and the articles are no copies of each other.
    let index = three_ids_in_three_segments(|n| ["", " !", " ?"][n]);
    for limit in [1, 2, 3] {
        let options = SearchOptions::default().limit(limit).details(false);
        let hits = index.search("Caire négociations", &options).unwrap();
        let ids: Vec<&str> = hits.iter().map(|hit| hit.article_id.as_str()).collect();
        assert_eq!(
            ids,
            ["copy-a", "copy-b", "copy-c"][..limit],
            "limit {limit}"
        );
        assert!(hits.iter().all(|hit| hit.score == hits[0].score));
    }
}

#[test]
fn copies_in_several_segments_are_one_hit_under_the_first_id() {
    let index = three_ids_in_three_segments(|_| "");
    for limit in [1, 3] {
        let options = SearchOptions::default().limit(limit).details(false);
        let hits = index.search("Caire négociations", &options).unwrap();
        assert_eq!(hits.len(), 1, "limit {limit}");
        assert_eq!(hits[0].article_id, "copy-a");
        assert_eq!(hits[0].duplicates, ["copy-b", "copy-c"]);
    }
}
