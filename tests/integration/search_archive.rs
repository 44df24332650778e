//! The archive views of a search: the total, paging, date order, the
//! source filter and the facets, on articles from all over the Arabic
//! news corpus (several sources, dated), checked against the hits themselves.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use newsearch::{Article, Day, Error, Index, SearchOptions, SearchResults, Sort};

use crate::common;

/// One article of so many of the corpus is indexed (about 400).
const EVERY: usize = 75;

/// Articles from all over the Arabic news corpus, indexed once.
fn news() -> Option<&'static Index> {
    static INDEX: OnceLock<Option<Index>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let path = common::shared_file("corpora/ar-saudinewsnet.jsonl.gz")?;
            let found = newsearch::ingest::discover(&[path]);
            let reader = newsearch::ingest::open(&found.files[0]).expect("the corpus opens");
            // Every so many, to have every source and month.
            let articles: Vec<Article> = reader.flatten().step_by(EVERY).collect();
            Some(common::index_of(articles))
        })
        .as_ref()
}

fn results(index: &Index, query: &str, options: SearchOptions) -> SearchResults {
    index.results(query, &options).expect("the search runs")
}

/// Every hit of a query, in one page.
fn all_hits(index: &Index, query: &str, options: SearchOptions) -> SearchResults {
    results(index, query, options.limit(10_000))
}

const QUERIES: &[&str] = &["السعودية", "وزير الخارجية", "النفط"];

#[test]
fn the_total_counts_every_hit_and_pages_add_up_to_the_ranking() {
    let Some(index) = news() else { return };
    for query in QUERIES {
        let all = all_hits(index, query, SearchOptions::default());
        assert!(all.total > 10, "{query}: {}", all.total);
        assert_eq!(all.total, all.hits.len(), "{query}");
        let ids: Vec<&str> = all.hits.iter().map(|h| h.article_id.as_str()).collect();
        let mut paged = Vec::new();
        for offset in (0..10).step_by(5) {
            let page = results(
                index,
                query,
                SearchOptions::default().offset(offset).limit(5),
            );
            assert_eq!(page.total, all.total, "{query}");
            assert_eq!(page.hits[0].rank, offset + 1);
            paged.extend(page.hits.into_iter().map(|h| h.article_id));
        }
        assert_eq!(paged, ids[..10], "{query}");
    }
}

#[test]
fn date_order_holds_the_same_articles_latest_or_earliest_first() {
    let Some(index) = news() else { return };
    for query in QUERIES {
        let by_score = all_hits(index, query, SearchOptions::default());
        for sort in [Sort::DateDesc, Sort::DateAsc] {
            let by_date = all_hits(index, query, SearchOptions::default().sort(sort));
            assert_eq!(by_date.total, by_score.total);
            let mut a: Vec<&str> = by_date.hits.iter().map(|h| h.article_id.as_str()).collect();
            let mut b: Vec<&str> = by_score
                .hits
                .iter()
                .map(|h| h.article_id.as_str())
                .collect();
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{query} {sort:?}");
            let dates: Vec<&str> = by_date
                .hits
                .iter()
                .map(|h| h.date.as_deref().unwrap())
                .collect();
            let mut sorted = dates.clone();
            sorted.sort_unstable();
            if sort == Sort::DateDesc {
                sorted.reverse();
            }
            assert_eq!(dates, sorted, "{query} {sort:?}");
            // Each hit still shows its best passage, highlighted as in
            // the ranking.
            let mut highlighted = 0;
            for hit in &by_date.hits {
                assert!(hit.score > 0.0, "{}", hit.article_id);
                let best = by_score
                    .hits
                    .iter()
                    .find(|h| h.article_id == hit.article_id)
                    .unwrap();
                let shown = |hit: &newsearch::Hit| {
                    let p = &hit.passages[0];
                    (p.number, p.highlights.clone())
                };
                assert_eq!(shown(hit), shown(best), "{}", hit.article_id);
                highlighted += usize::from(!hit.passages[0].highlights.is_empty());
            }
            assert!(
                highlighted * 10 >= by_date.hits.len() * 9,
                "{query}: {highlighted}"
            );
        }
    }
}

#[test]
fn date_pages_add_up_to_the_whole_date_order() {
    let Some(index) = news() else { return };
    let options = SearchOptions::default().sort(Sort::DateDesc);
    let all = all_hits(index, QUERIES[0], options.clone());
    let mut paged = Vec::new();
    for offset in (0..all.total + 7).step_by(7) {
        let page = results(index, QUERIES[0], options.clone().offset(offset).limit(7));
        paged.extend(page.hits.into_iter().map(|h| h.article_id));
    }
    let ids: Vec<String> = all.hits.into_iter().map(|h| h.article_id).collect();
    assert_eq!(paged, ids);
}

/// Counts of the hits' own sources, languages and months.
fn counted(results: &SearchResults) -> [BTreeMap<String, usize>; 3] {
    let mut counts: [BTreeMap<String, usize>; 3] = Default::default();
    for hit in &results.hits {
        *counts[0]
            .entry(hit.source.clone().unwrap().to_lowercase())
            .or_default() += 1;
        *counts[1].entry(hit.passages[0].lang.clone()).or_default() += 1;
        *counts[2]
            .entry(hit.date.clone().unwrap()[..7].to_string())
            .or_default() += 1;
    }
    counts
}

#[test]
fn facets_count_the_hits_by_source_language_and_month() {
    let Some(index) = news() else { return };
    for query in QUERIES {
        let all = all_hits(index, query, SearchOptions::default().facets(true));
        let facets = all.facets.clone().unwrap();
        let [sources, langs, months] = counted(&all);
        let as_map = |counts: &[newsearch::FacetCount]| -> BTreeMap<String, usize> {
            counts.iter().map(|c| (c.value.clone(), c.count)).collect()
        };
        assert_eq!(as_map(&facets.sources), sources, "{query}");
        assert_eq!(as_map(&facets.langs), langs, "{query}");
        assert_eq!(as_map(&facets.months), months, "{query}");
        assert!(facets.sources.len() > 1, "{query}: {facets:?}");
        assert!(facets.sources.windows(2).all(|w| w[0].count >= w[1].count));
        // Without the option, no counts.
        assert!(results(index, query, SearchOptions::default())
            .facets
            .is_none());
    }
}

#[test]
fn the_source_filter_keeps_that_source_whatever_its_case() {
    let Some(index) = news() else { return };
    let query = QUERIES[0];
    let facets = all_hits(index, query, SearchOptions::default().facets(true))
        .facets
        .unwrap();
    let (first, second) = (&facets.sources[0], &facets.sources[1]);
    let only = all_hits(
        index,
        query,
        SearchOptions::default().sources(vec![first.value.to_uppercase()]),
    );
    assert_eq!(only.total, first.count);
    assert!(only.hits.iter().all(|h| h
        .source
        .as_deref()
        .unwrap()
        .eq_ignore_ascii_case(&first.value)));
    let both = all_hits(
        index,
        query,
        SearchOptions::default().sources(vec![first.value.clone(), format!(" {} ", second.value)]),
    );
    assert_eq!(both.total, first.count + second.count);
    let none = results(
        index,
        query,
        SearchOptions::default().sources(vec!["no-such-source".into()]),
    );
    assert_eq!((none.total, none.hits.len()), (0, 0));
}

#[test]
fn a_date_range_counts_and_sorts_within_it() {
    let Some(index) = news() else { return };
    let all = all_hits(index, QUERIES[0], SearchOptions::default());
    let mut dates: Vec<&str> = all
        .hits
        .iter()
        .map(|h| h.date.as_deref().unwrap())
        .collect();
    dates.sort_unstable();
    let (since, until) = (dates[dates.len() / 4], dates[dates.len() * 3 / 4]);
    let within = dates.iter().filter(|&&d| since <= d && d <= until).count();
    let ranged = all_hits(
        index,
        QUERIES[0],
        SearchOptions::default()
            .since(since.parse::<Day>().unwrap())
            .until(until.parse::<Day>().unwrap())
            .sort(Sort::DateAsc),
    );
    assert_eq!(ranged.total, within);
    assert_eq!(ranged.hits[0].date.as_deref(), Some(since));
}

#[test]
fn a_reversed_range_and_date_order_of_passages_are_errors() {
    let index = common::seed_index();
    let reversed = SearchOptions::default()
        .since("2024-03-01".parse::<Day>().unwrap())
        .until("2024-01-01".parse::<Day>().unwrap());
    let Err(Error::InvalidOption(message)) = index.results("Caire", &reversed) else {
        panic!("a reversed range is an error");
    };
    assert!(
        message.contains("2024-01-01") && message.contains("2024-03-01"),
        "{message}"
    );
    let passages_by_date = SearchOptions::default()
        .all_passages(true)
        .sort(Sort::DateDesc);
    assert!(matches!(
        index.results("Caire", &passages_by_date),
        Err(Error::InvalidOption(_))
    ));
}

#[test]
fn a_date_filter_on_undated_articles_says_so() {
    // The seeds have no dates.
    let index = common::seed_index();
    let options = SearchOptions::default().since("2020-01-01".parse::<Day>().unwrap());
    let Err(Error::InvalidOption(message)) = index.results("Caire", &options) else {
        panic!("a date filter on undated articles is an error");
    };
    assert!(
        message.contains("no article in the index has a date"),
        "{message}"
    );
}

#[test]
fn copies_count_once_in_the_total_and_the_facets() {
    let text = "Les négociateurs américains sont arrivés au Caire lundi pour une trêve.";
    let articles = ["feed-b", "feed-a", "other"].map(|id| Article {
        id: id.into(),
        title: if id == "other" {
            "Autre".into()
        } else {
            "Trêve".into()
        },
        text: text.into(),
        source: Some(id.into()),
        date: Some("2024-01-02".into()),
        ..Article::default()
    });
    let index = common::index_of(articles);
    for sort in [Sort::Score, Sort::DateDesc] {
        let found = results(
            &index,
            "Caire",
            SearchOptions::default().sort(sort).facets(true),
        );
        assert_eq!(found.total, 2, "{sort:?}");
        let ids: Vec<&str> = found.hits.iter().map(|h| h.article_id.as_str()).collect();
        assert!(
            ids.contains(&"feed-a") && !ids.contains(&"feed-b"),
            "{ids:?}"
        );
        let copy = found
            .hits
            .iter()
            .find(|h| h.article_id == "feed-a")
            .unwrap();
        assert_eq!(copy.duplicates, ["feed-b"], "{sort:?}");
        let sources: Vec<&str> = found
            .facets
            .as_ref()
            .unwrap()
            .sources
            .iter()
            .map(|c| c.value.as_str())
            .collect();
        assert_eq!(sources, ["feed-a", "other"]);
    }
}

/// Copies within one segment are ordered by their id ordinals, copies
/// over several segments by their ids: either way the first id stands for
/// them, in the ranking and in the archive views alike.
#[test]
fn copies_in_one_segment_and_across_segments_merge_under_the_first_id() {
    let text = "Les négociateurs américains sont arrivés au Caire lundi pour une trêve.";
    let copy = |id: &str| Article {
        id: id.into(),
        title: "Trêve".into(),
        text: text.into(),
        source: Some(id.into()),
        date: Some("2024-01-02".into()),
        ..Article::default()
    };
    // One segment: the copies in reverse id order.
    let one = common::index_of(["feed-d", "feed-c", "feed-a", "feed-b"].map(copy));
    // Two segments: the first id comes with the second commit.
    let two = common::index_of(["feed-d", "feed-c"].map(copy));
    let mut writer = two.writer().unwrap();
    for id in ["feed-b", "feed-a"] {
        writer.add_article(&copy(id), None).unwrap();
    }
    writer.commit().unwrap();
    two.reload().unwrap();
    assert!(two.tantivy_index().searchable_segments().unwrap().len() >= 2);
    for index in [&one, &two] {
        for sort in [Sort::Score, Sort::DateDesc, Sort::DateAsc] {
            let found = results(
                index,
                "Caire",
                SearchOptions::default().sort(sort).facets(true),
            );
            assert_eq!(found.total, 1, "{sort:?}");
            assert_eq!(found.hits.len(), 1, "{sort:?}");
            assert_eq!(found.hits[0].article_id, "feed-a", "{sort:?}");
            assert_eq!(
                found.hits[0].duplicates,
                ["feed-b", "feed-c", "feed-d"],
                "{sort:?}"
            );
            let sources = &found.facets.as_ref().unwrap().sources;
            assert_eq!(sources.len(), 1, "{sort:?}");
            assert_eq!(sources[0].value, "feed-a", "{sort:?}");
        }
    }
}

/// One handle searched between commits: a copy added in a later commit
/// merges into the first id, and once removed the article stands alone
/// again, counted once, in every view.
#[test]
fn copies_follow_the_commits_of_one_handle() {
    let copy = |id: &str| Article {
        id: id.into(),
        title: "Trêve".into(),
        text: "Les négociateurs américains sont arrivés au Caire lundi.".into(),
        date: Some("2024-01-02".into()),
        ..Article::default()
    };
    let index = common::index_of([copy("feed-b")]);
    let views = |index: &Index| {
        [Sort::Score, Sort::DateDesc].map(|sort| {
            let found = results(index, "Caire", SearchOptions::default().sort(sort));
            let hit = &found.hits[0];
            (found.total, hit.article_id.clone(), hit.duplicates.clone())
        })
    };
    let alone = (1, "feed-b".to_string(), Vec::<String>::new());
    assert_eq!(views(&index), [alone.clone(), alone.clone()]);

    let mut writer = index.writer().unwrap();
    writer.add_article(&copy("feed-a"), None).unwrap();
    writer.commit().unwrap();
    index.reload().unwrap();
    assert!(index.tantivy_index().searchable_segments().unwrap().len() >= 2);
    let merged = (1, "feed-a".to_string(), vec!["feed-b".to_string()]);
    assert_eq!(views(&index), [merged.clone(), merged]);

    assert!(writer.remove_article("feed-a"));
    writer.commit().unwrap();
    index.reload().unwrap();
    assert_eq!(views(&index), [alone.clone(), alone]);
}

#[test]
fn excluded_words_leave_articles_out_of_the_total() {
    let index = common::seed_index();
    let with = results(&index, "Caire Hamas", SearchOptions::default());
    let without = results(&index, "Caire -Hamas", SearchOptions::default());
    let hamas = all_hits(&index, "+Hamas", SearchOptions::default());
    assert!(
        without.total < with.total,
        "{} {}",
        without.total,
        with.total
    );
    for hit in &without.hits {
        assert!(hamas.hits.iter().all(|h| h.article_id != hit.article_id));
    }
    let by_date = results(
        &index,
        "Caire -Hamas",
        SearchOptions::default().sort(Sort::DateDesc),
    );
    assert_eq!(by_date.total, without.total);
}

#[test]
fn a_phrase_of_stopwords_is_searched_on_the_exact_fields() {
    let index = common::seed_index();
    let found = results(&index, "\"de la\"", SearchOptions::default());
    assert!(found.total > 0);
    for hit in &found.hits {
        let passage = &hit.passages[0];
        let marked = &passage.text[passage.highlights[0].clone()];
        assert_eq!(marked.to_lowercase(), "de la", "{}", hit.article_id);
    }
    // A single stopword is still no search.
    assert!(matches!(
        index.results("\"de\"", &SearchOptions::default()),
        Err(Error::NoSearchableWords(_))
    ));
}

#[test]
fn html_entities_are_decoded_before_passages_are_cut() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.jsonl");
    let line = serde_json::json!({
        "id": "q1",
        "title": "&quot;Hamas&quot; &#8220;accepte&#8221; la trêve",
        "text": "Le Caire &amp; Doha : les médiateurs &laquo;&nbsp;Burns&nbsp;&raquo; et Kirby sont arrivés.",
    });
    std::fs::write(&path, format!("{line}\n")).unwrap();
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    writer
        .add_paths(&[path], &mut newsearch::NoProgress)
        .unwrap();
    writer.finish().unwrap();
    let hits = index.search("Kirby", &SearchOptions::default()).unwrap();
    assert_eq!(hits[0].title, "\"Hamas\" \u{201c}accepte\u{201d} la trêve");
    let passage = &hits[0].passages[0];
    assert!(passage
        .text
        .starts_with("Le Caire & Doha : les médiateurs «\u{a0}Burns\u{a0}»"));
    assert_eq!(&passage.text[passage.highlights[0].clone()], "Kirby");
    // `quot` is no word of the title any more.
    assert!(index
        .search("quot", &SearchOptions::default())
        .unwrap()
        .is_empty());
}

/// An Arabic article that quotes "Qui est le premier" in French: the
/// words of a French question that are not searched ("qui", "est") must
/// not match it as a pair of neighbours either.
#[test]
fn words_that_are_not_searched_match_nothing_as_a_pair() {
    let Some(path) = common::shared_file("corpora/ar-saudinewsnet.jsonl.gz") else {
        return;
    };
    let found = newsearch::ingest::discover(&[path]);
    let reader = newsearch::ingest::open(&found.files[0]).expect("the corpus opens");
    let quoting = reader
        .flatten()
        .find(|article| article.id == "snn-aawsat-eedd2f76a992")
        .expect("the article is in the corpus");
    assert!(quoting.text.contains("Qui est le premier"));
    let index = common::index_of(common::seed_articles().into_iter().chain([quoting]));
    let all = all_hits(&index, "Qui est William Burns ?", SearchOptions::default());
    assert!(!all.hits.is_empty());
    assert!(all
        .hits
        .iter()
        .all(|hit| hit.article_id != "snn-aawsat-eedd2f76a992"));
    assert_eq!(all.total, all.hits.len());
}

/// The ranking counts the total and the facets on its own pass over the
/// matching documents; date order counts them on a pass of its own. Both
/// count the same articles, with exclusions and a source filter too.
#[test]
fn score_and_date_order_count_the_same_articles() {
    let Some(index) = news() else { return };
    let source = all_hits(index, "السعودية", SearchOptions::default()).hits[0]
        .source
        .clone()
        .expect("the corpus names its sources");
    let queries = QUERIES
        .iter()
        .copied()
        .chain(["السعودية -النفط", "+وزير الخارجية"]);
    for query in queries {
        for sources in [Vec::new(), vec![source.clone()]] {
            let filtered = !sources.is_empty();
            let options = SearchOptions::default().facets(true).sources(sources);
            let by_score = results(index, query, options.clone());
            let by_date = results(index, query, options.sort(Sort::DateDesc));
            assert!(filtered || by_score.total > 0, "{query}");
            assert_eq!(by_score.total, by_date.total, "{query}");
            assert_eq!(by_score.facets, by_date.facets, "{query}");
        }
    }
}
