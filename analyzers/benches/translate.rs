//! Time to find the cross-language alternatives of a query (`translate`
//! over its words, longest spans first), beside analyzing the same words
//! with the `auto` analyzer (the work every query does anyway), and the
//! fallback's skeleton and distance of one word.
//!
//! ```text
//! cargo bench -p newsearch-analyzers --bench translate -- --warm-up-time 1 --measurement-time 3
//! ```

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use newsearch_analyzers::translate::translate;
use newsearch_analyzers::translate::transliterate::{distance, skeleton};
use tantivy::tokenizer::TokenStream;

/// News queries in both languages: names, words, multiword names, and
/// words no table knows.
const QUERIES: [&str; 6] = [
    "Burns Caire négociations cessez-le-feu",
    "sommet des Émirats arabes unis à Abu Dhabi",
    "élections présidentielles au Liban",
    "مفاوضات وقف إطلاق النار في القاهرة",
    "كيربي البيت الأبيض",
    "Xqzwv Menzinger Tchouvachie",
];

fn bench(c: &mut Criterion) {
    let queries: Vec<Vec<&str>> = QUERIES
        .iter()
        .map(|q| q.split([' ', '-']).collect())
        .collect();
    let mut group = c.benchmark_group("translate");
    group.bench_function("analyze (baseline)", |b| {
        let mut auto = newsearch_analyzers::analyzer(newsearch_analyzers::AUTO)
            .unwrap_or_else(|| unreachable!("auto is one of NAMES"));
        b.iter(|| {
            let mut n = 0;
            for q in QUERIES {
                let mut stream = auto.token_stream(black_box(q));
                while stream.advance() {
                    n += stream.token().text.len();
                }
            }
            n
        })
    });
    group.bench_function("translate", |b| {
        b.iter(|| {
            queries
                .iter()
                .map(|words| translate(black_box(words)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("skeleton + distance", |b| {
        b.iter(|| {
            let s = skeleton(black_box("Menzinger"));
            (s, distance(black_box("Menzinger"), black_box("منزنغر")))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
