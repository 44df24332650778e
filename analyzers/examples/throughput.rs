//! Interleaved throughput check, more robust than sequential benchmarks on
//! a busy machine: each round runs every analyzer once over the same text,
//! and the best round of each is reported (MB/s, 10^6 bytes).
//!
//! ```text
//! cargo run --release -p newsearch-analyzers --example throughput -- ../shared/corpora/ar-saudinewsnet.jsonl.gz ar
//! ```

use std::error::Error;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::time::Instant;

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, TokenStream,
};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, lang] = args.as_slice() else {
        return Err("usage: throughput CORPUS.jsonl.gz ar|fr".into());
    };
    let mut text = String::new();
    for line in BufReader::new(flate2::read::GzDecoder::new(File::open(path)?)).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        text.push_str(v["text"].as_str().unwrap_or(""));
        text.push_str("\n\n");
        if text.len() > 2_000_000 {
            break;
        }
    }
    let base = || {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
    };
    let stem = if lang == "ar" {
        Language::Arabic
    } else {
        Language::French
    };
    let exact = format!("{lang}_exact");
    let mut analyzers: Vec<(String, TextAnalyzer)> = vec![
        ("tantivy-default".into(), base().build()),
        (
            "tantivy-snowball".into(),
            base().filter(Stemmer::new(stem)).build(),
        ),
    ];
    for name in [lang.as_str(), exact.as_str()] {
        analyzers.push((
            name.into(),
            newsearch_analyzers::analyzer(name).ok_or("name")?,
        ));
    }
    let mut best = vec![f64::MAX; analyzers.len()];
    for _ in 0..7 {
        for (i, (_, analyzer)) in analyzers.iter_mut().enumerate() {
            let start = Instant::now();
            let mut stream = analyzer.token_stream(&text);
            let mut n = 0;
            while stream.advance() {
                n += stream.token().text.len();
            }
            std::hint::black_box(n);
            best[i] = best[i].min(start.elapsed().as_secs_f64());
        }
    }
    for ((name, _), secs) in analyzers.iter().zip(best) {
        println!("{lang}/{name}: {:.1} MB/s", text.len() as f64 / secs / 1e6);
    }
    // Both of the language's analyzers in one pass, as the indexer runs them.
    let mut paired = newsearch_analyzers::PairedAnalyzer::new(if lang == "ar" {
        newsearch_analyzers::Language::Arabic
    } else {
        newsearch_analyzers::Language::French
    });
    let mut best = f64::MAX;
    for _ in 0..7 {
        let start = Instant::now();
        let mut n = 0;
        paired.analyze(&text, |t| {
            n += t.exact.map_or(0, str::len) + t.stemmed.map_or(0, str::len);
        });
        std::hint::black_box(n);
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{lang}/paired {lang}+{exact}: {:.1} MB/s",
        text.len() as f64 / best / 1e6
    );
    Ok(())
}
