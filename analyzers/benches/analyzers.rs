//! Throughput (MB/s of input text) of this crate's analyzers beside
//! tantivy's default analyzer and tantivy's Snowball stemmer chains, on
//! text from the shared news corpora (`../../shared/corpora/`, about 2 MB
//! per language; the seeds when the corpora are absent).
//!
//! ```text
//! cargo bench -p newsearch-analyzers --bench analyzers -- --warm-up-time 1 --measurement-time 3
//! ```

use std::fs::File;
use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, TokenStream,
};

const BYTES_PER_LANGUAGE: usize = 2_000_000;

/// About [`BYTES_PER_LANGUAGE`] bytes of article text from the corpus whose
/// name starts with `prefix`, or the seeds in that language.
fn sample(prefix: &str, seed_script_arabic: bool) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = String::new();
    if let Ok(entries) = std::fs::read_dir(root.join("../../shared/corpora")) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !(name.starts_with(prefix) && name.ends_with(".jsonl.gz")) {
                continue;
            }
            let Ok(file) = File::open(entry.path()) else {
                continue;
            };
            for line in BufReader::new(flate2::read::GzDecoder::new(file))
                .lines()
                .map_while(Result::ok)
            {
                if text.len() >= BYTES_PER_LANGUAGE {
                    break;
                }
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                    text.push_str(v["text"].as_str().unwrap_or(""));
                    text.push_str("\n\n");
                }
            }
        }
    }
    if text.is_empty() {
        for entry in std::fs::read_dir(root.join("../seeds"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let seed = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let arabic = seed.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
            if arabic == seed_script_arabic {
                text.push_str(&seed);
            }
        }
    }
    text
}

fn snowball(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(language))
        .build()
}

fn default_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

fn count_tokens(analyzer: &mut TextAnalyzer, text: &str) -> usize {
    let mut stream = analyzer.token_stream(text);
    let mut n = 0;
    while stream.advance() {
        n += stream.token().text.len();
    }
    n
}

fn bench_language(
    c: &mut Criterion,
    group_name: &str,
    text: &str,
    ours: [&str; 2],
    stem: Language,
) {
    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    let mut analyzers: Vec<(String, TextAnalyzer)> = vec![
        ("tantivy-default".into(), default_analyzer()),
        (format!("tantivy-snowball-{group_name}"), snowball(stem)),
    ];
    for name in ours {
        if let Some(a) = newsearch_analyzers::analyzer(name) {
            analyzers.push((name.to_string(), a));
        }
    }
    for (name, mut analyzer) in analyzers {
        group.bench_function(name, |b| {
            b.iter(|| count_tokens(&mut analyzer, black_box(text)))
        });
    }
    group.finish();
}

fn analyzers(c: &mut Criterion) {
    let ar = sample("ar-", true);
    let fr = sample("fr-", false);
    bench_language(c, "ar", &ar, ["ar", "ar_exact"], Language::Arabic);
    bench_language(c, "fr", &fr, ["fr", "fr_exact"], Language::French);
}

criterion_group!(benches, analyzers);
criterion_main!(benches);
