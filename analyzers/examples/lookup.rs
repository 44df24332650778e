//! Prints the cross-language alternatives of a query, one span per line:
//!
//!     cargo run -p newsearch-analyzers --example lookup -- Burns au Caire
//!
//! Each line shows the query words of a span, then its alternatives with
//! their source (`name`, `lexicon`) and `?` for an ambiguous one; the last
//! line gives each word's fallback skeleton.

use newsearch_analyzers::translate::transliterate::skeleton;
use newsearch_analyzers::translate::{translate, Source};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    for found in translate(&words) {
        let alternatives: Vec<String> = found
            .alternatives
            .iter()
            .map(|a| {
                let source = match a.source {
                    Source::Name => "name",
                    Source::Lexicon => "lexicon",
                    Source::Fallback => "fallback",
                };
                format!(
                    "{} ({source}{})",
                    a.text,
                    if a.ambiguous { "?" } else { "" }
                )
            })
            .collect();
        println!(
            "{} → {}",
            words[found.words].join(" "),
            alternatives.join(", ")
        );
    }
    let skeletons: Vec<String> = words
        .iter()
        .map(|w| format!("{w}:{}", skeleton(w).unwrap_or_default()))
        .collect();
    println!("skeletons: {}", skeletons.join(" "));
}
