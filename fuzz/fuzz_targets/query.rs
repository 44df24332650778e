//! Arbitrary strings as queries: the parser returns clauses that are
//! pieces of the input, and a search of a small in-memory index returns
//! hits or "no searchable words", never a panic or another error; every
//! highlight and window slices its passage on char boundaries.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsearch::{Article, Error, Index, SearchOptions};

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = Index::create_in_ram().expect("an index in memory");
        let mut writer = index.writer().expect("a writer");
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
        let mut names: Vec<_> = std::fs::read_dir(&seeds)
            .expect("seeds/ beside fuzz/")
            .map(|entry| entry.expect("a seed").path())
            .collect();
        names.sort();
        for path in names {
            let content = std::fs::read_to_string(&path).expect("a UTF-8 seed");
            let (title, text) = content.split_once('\n').unwrap_or((&content, ""));
            let article = Article {
                id: path.file_name().unwrap().to_string_lossy().into_owned(),
                title: title.trim().to_string(),
                text: text.trim().to_string(),
                date: Some("2024-07-08".into()),
                ..Article::default()
            };
            writer.add_article(&article, None).expect("a seed is indexed");
        }
        writer.finish().expect("commit");
        index
    })
}

fuzz_target!(|query: &str| {
    let parsed = newsearch::query::parse(query);
    for clause in &parsed.clauses {
        let text = clause.text();
        assert!(!text.is_empty() && query.contains(text), "clause {text:?} of {query:?}");
    }
    let options = SearchOptions::default().all_passages(query.len() % 2 == 0);
    match index().search(query, &options) {
        Ok(hits) => {
            for hit in hits {
                for passage in hit.passages {
                    let text = &passage.text;
                    for range in passage.highlights.iter().chain([&passage.window]) {
                        assert!(
                            range.start <= range.end
                                && text.get(range.clone()).is_some(),
                            "range {range:?} of a {}-byte passage for {query:?}",
                            text.len()
                        );
                    }
                }
            }
        }
        Err(Error::NoSearchableWords(_)) => {}
        Err(Error::QueryTooLong(_)) => {}
        Err(other) => panic!("{query:?}: {other}"),
    }
});
