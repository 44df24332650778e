//! Serializes the analyzers' token streams to Solr's `PreAnalyzedField`
//! JSON format and checks every token against what that format and Lucene
//! accept (see SCALING.md).
//!
//!     cargo run --release -p newsearch-analyzers --example solr_preanalyzed -- [SHARED] [ARTICLES]
//!
//! `SHARED` is the shared data folder (default `../shared`); the first
//! `ARTICLES` articles (default 2000) of each news corpus are analyzed, the
//! Arabic ones with `ar`, the French ones with `fr`. One serialized field is
//! printed, then the counts; the exit status is 1 if any token breaks a rule.
//!
//! The format (Solr Reference Guide, "Working with External Files and
//! Processes", PreAnalyzedField; `JsonPreAnalyzedParser`): an object with
//! `"v": "1"`, the stored value in `"str"` and `"tokens"`, each token with
//! its term `"t"`, start and end offsets `"s"` and `"e"`, and position
//! increment `"i"`. Lucene counts offsets in UTF-16 code units (Java
//! `char`s) and requires them never to go backwards, with `e >= s`; the first
//! token's increment must be positive. newsearch's offsets are byte offsets
//! into UTF-8, so they are converted here.

use std::io::BufRead;

use serde_json::{json, Value};
use tantivy::tokenizer::TokenStream;

fn main() {
    let mut args = std::env::args().skip(1);
    let shared = args.next().unwrap_or_else(|| "../shared".into());
    let limit: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2000);
    let mut printed = false;
    let (mut fields, mut tokens, mut broken) = (0u64, 0u64, 0u64);
    for (corpus, analyzer_name) in [
        ("ar-saudinewsnet.jsonl.gz", newsearch_analyzers::AR),
        ("fr-orangesum.jsonl.gz", newsearch_analyzers::FR),
    ] {
        let path = format!("{shared}/corpora/{corpus}");
        let file = match std::fs::File::open(&path) {
            Ok(file) => file,
            Err(err) => {
                eprintln!(
                    "error: {path}: {err}; pass the shared data folder as the first argument"
                );
                std::process::exit(2);
            }
        };
        let mut analyzer =
            newsearch_analyzers::analyzer(analyzer_name).expect("a built-in analyzer name");
        let lines = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(file)).lines();
        for line in lines.take(limit) {
            let Ok(line) = line else { break };
            let Ok(article) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            let text = article["text"].as_str().unwrap_or_default();
            let field = serialize(&mut analyzer, text);
            let problems = check(&field, text);
            fields += 1;
            tokens += field["tokens"].as_array().map_or(0, Vec::len) as u64;
            broken += problems.len() as u64;
            for problem in problems.iter().take(3) {
                eprintln!("{}: {problem}", article["id"]);
            }
            if !printed {
                let mut short = field.clone();
                short["tokens"] = field["tokens"]
                    .as_array()
                    .map_or(Value::Null, |all| all.iter().take(5).cloned().collect());
                short["str"] = Value::String(text.chars().take(60).collect());
                println!("{short}");
                printed = true;
            }
        }
    }
    println!("{fields} fields, {tokens} tokens, {broken} tokens breaking a rule");
    if broken > 0 {
        std::process::exit(1);
    }
}

/// One field in `PreAnalyzedField`'s JSON format.
fn serialize(analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> Value {
    // UTF-16 offset of every byte offset that starts a char, and of the end.
    let mut utf16 = vec![0usize; text.len() + 1];
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        utf16[byte] = units;
        units += c.len_utf16();
    }
    utf16[text.len()] = units;
    let mut tokens = Vec::new();
    let mut previous: Option<usize> = None;
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        let increment = match previous {
            None => token.position + 1,
            Some(p) => token.position - p,
        };
        previous = Some(token.position);
        tokens.push(json!({
            "t": token.text,
            "s": utf16[token.offset_from],
            "e": utf16[token.offset_to],
            "i": increment,
        }));
    }
    json!({ "v": "1", "str": text, "tokens": tokens })
}

/// The rules a token breaks, one message each.
fn check(field: &Value, text: &str) -> Vec<String> {
    let java: Vec<u16> = text.encode_utf16().collect();
    let mut problems = Vec::new();
    let mut last_start = 0;
    for (n, token) in field["tokens"].as_array().into_iter().flatten().enumerate() {
        let (s, e, i) = (
            token["s"].as_u64().unwrap_or(0) as usize,
            token["e"].as_u64().unwrap_or(0) as usize,
            token["i"].as_u64().unwrap_or(0),
        );
        let term = token["t"].as_str().unwrap_or_default();
        if term.is_empty() {
            problems.push(format!("token {n}: empty term"));
        }
        if e < s || e > java.len() {
            problems.push(format!(
                "token {n}: offsets {s}..{e} out of order or past the text"
            ));
            continue;
        }
        if s < last_start {
            problems.push(format!(
                "token {n}: offsets go backwards ({s} < {last_start})"
            ));
        }
        last_start = s;
        if n == 0 && i == 0 {
            problems.push("first token: position increment 0".into());
        }
        // The offsets, read as Java reads them, give back a whole word.
        if String::from_utf16(&java[s..e]).is_err() {
            problems.push(format!("token {n}: offsets {s}..{e} split a character"));
        }
    }
    problems
}
