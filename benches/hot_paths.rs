//! Criterion benchmarks of newsearch's hot paths (see BENCHMARKS.md):
//! passage splitting, language detection, query parsing and building, and
//! one search with and without highlighting.
//!
//!     cargo bench --bench hot_paths
//!
//! Input: the first articles of each shared news corpus
//! (`../shared/corpora`, read in place) when it is there, else the seeds.
//! The analyzers' own benchmarks live in `analyzers/benches/`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use newsearch::text::{lang, passage};
use newsearch::{ingest, query, Article, Index, SearchOptions};

/// Articles taken from each corpus.
const SAMPLE_ARTICLES: usize = 2_000;

const QUERIES: [(&str, &str); 4] = [
    ("fr_words", "réforme des retraites gouvernement"),
    ("ar_words", "وزارة الصحة السعودية"),
    ("fr_phrase", "\"cessez-le-feu\" négociations Caire"),
    ("mixed", "Burns القاهرة"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A sample per language: the corpus's first articles, or the seeds.
fn samples() -> Vec<(&'static str, Vec<Article>)> {
    let corpora = root().join("../shared/corpora");
    let mut out = Vec::new();
    for (name, file) in [
        ("ar", "ar-saudinewsnet.jsonl.gz"),
        ("fr", "fr-orangesum.jsonl.gz"),
    ] {
        let articles = read_articles(&corpora.join(file), SAMPLE_ARTICLES);
        if !articles.is_empty() {
            out.push((name, articles));
        }
    }
    if out.is_empty() {
        out.push(("seeds", read_articles(&root().join("seeds"), usize::MAX)));
    }
    out
}

fn read_articles(path: &Path, limit: usize) -> Vec<Article> {
    let mut articles = Vec::new();
    for file in &ingest::discover(&[path]).files {
        let Ok(reader) = ingest::open(file) else {
            continue;
        };
        articles.extend(reader.flatten().take(limit - articles.len()));
        if articles.len() >= limit {
            break;
        }
    }
    articles
}

fn bytes(articles: &[Article]) -> u64 {
    articles.iter().map(|a| a.text.len() as u64).sum()
}

fn bench_passages(c: &mut Criterion, samples: &[(&str, Vec<Article>)]) {
    let mut group = c.benchmark_group("split_passages");
    for (name, articles) in samples {
        group.throughput(Throughput::Bytes(bytes(articles)));
        group.bench_function(*name, |b| {
            b.iter(|| {
                let mut count = 0;
                for article in articles {
                    count += passage::split_passages(black_box(&article.text)).len();
                }
                count
            })
        });
    }
    group.finish();
}

fn bench_detect(c: &mut Criterion, samples: &[(&str, Vec<Article>)]) {
    let mut group = c.benchmark_group("lang_detect");
    for (name, articles) in samples {
        let passages: Vec<&str> = articles
            .iter()
            .flat_map(|a| {
                passage::split_passages(&a.text)
                    .into_iter()
                    .map(|r| &a.text[r])
            })
            .collect();
        let total: u64 = passages.iter().map(|p| p.len() as u64).sum();
        group.throughput(Throughput::Bytes(total));
        group.bench_function(BenchmarkId::new("passages", name), |b| {
            b.iter(|| {
                passages
                    .iter()
                    .filter(|p| lang::detect(black_box(p)) == lang::Lang::Ar)
                    .count()
            })
        });
        let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
        group.throughput(Throughput::Elements(titles.len() as u64));
        group.bench_function(BenchmarkId::new("titles", name), |b| {
            b.iter(|| {
                titles
                    .iter()
                    .filter(|t| lang::detect(black_box(t)) == lang::Lang::Ar)
                    .count()
            })
        });
    }
    group.finish();
}

fn bench_query(c: &mut Criterion) {
    let mut group = c.benchmark_group("query");
    for (name, text) in QUERIES {
        group.bench_function(BenchmarkId::new("parse", name), |b| {
            b.iter(|| query::parse(black_box(text)))
        });
    }
    // On an empty index a search parses and builds the query (analysis in
    // every language) and stops before ranking: this is the building cost.
    let empty = Index::create_in_ram().expect("index");
    let options = SearchOptions::default().details(false);
    let mut searcher = empty.searcher();
    for (name, text) in QUERIES {
        group.bench_function(BenchmarkId::new("parse_build", name), |b| {
            b.iter(|| searcher.search(black_box(text), &options).expect("search"))
        });
    }
    group.finish();
}

fn bench_search(c: &mut Criterion, samples: &[(&str, Vec<Article>)]) {
    let index = Index::create_in_ram().expect("index");
    let mut writer = index.writer().expect("writer");
    for (_, articles) in samples {
        for article in articles {
            writer.add_article(article, None).expect("add");
        }
    }
    for article in read_articles(&root().join("seeds"), usize::MAX) {
        writer.add_article(&article, None).expect("add");
    }
    writer.finish().expect("finish");
    index.reload().expect("reload");
    let mut group = c.benchmark_group("search");
    let mut searcher = index.searcher();
    for details in [true, false] {
        let options = SearchOptions::default().details(details);
        let kind = if details {
            "highlighted"
        } else {
            "ranked_only"
        };
        for (name, text) in QUERIES {
            group.bench_function(BenchmarkId::new(kind, name), |b| {
                b.iter(|| searcher.search(black_box(text), &options).expect("search"))
            });
        }
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let samples = samples();
    bench_passages(c, &samples);
    bench_detect(c, &samples);
    bench_query(c);
    bench_search(c, &samples);
}

criterion_group!(hot_paths, benches);
criterion_main!(hot_paths);
