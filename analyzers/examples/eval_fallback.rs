//! Measures the name tables and the skeleton fallback on held-out
//! English–Arabic name pairs (`names/translit-en-ar.dev.tsv`, never used to
//! build the tables) against the Arabic vocabulary of a news corpus.
//!
//!     cargo run --release -p newsearch-analyzers --example eval_fallback -- ../shared
//!
//! (from the repository root). For pairs whose English word the name table
//! knows: how often its Arabic forms include the right one. For the others
//! (the fallback's job): the vocabulary words (name keys of the Arabic
//! words of `corpora/ar-saudinewsnet.jsonl.gz`) sharing the English word's
//! skeleton are its proposals; recall is the share of pairs whose right
//! Arabic form (present in the vocabulary) is proposed, precision the share
//! of proposals that are right, under several rules for when to propose.

use std::collections::HashMap;
use std::error::Error;
use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use flate2::read::GzDecoder;
use newsearch_analyzers::script::{script_of, Script};
use newsearch_analyzers::translate::keys::{arabic_name_word, name_key, split_words};
use newsearch_analyzers::translate::names::name_alternatives;
use newsearch_analyzers::translate::transliterate::skeleton;

fn main() -> Result<(), Box<dyn Error>> {
    let shared = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared".into()),
    );
    let vocabulary = arabic_vocabulary(&shared.join("corpora/ar-saudinewsnet.jsonl.gz"))?;
    let mut by_skeleton: HashMap<String, Vec<(&str, u32)>> = HashMap::new();
    for (word, &count) in &vocabulary {
        if let Some(s) = skeleton(word) {
            by_skeleton.entry(s).or_default().push((word, count));
        }
    }
    for words in by_skeleton.values_mut() {
        words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    }
    println!(
        "vocabulary: {} Arabic name keys, {} skeletons",
        vocabulary.len(),
        by_skeleton.len()
    );

    let dev = fs::read_to_string(shared.join("names/translit-en-ar.dev.tsv"))?;
    let (mut in_table, mut table_right) = (0, 0);
    let mut outside = Vec::new();
    for line in dev.lines() {
        let mut fields = line.split('\t');
        let (Some(en), Some(ar)) = (fields.next(), fields.next()) else {
            continue;
        };
        let Some(gold) = name_key(ar) else { continue };
        let found = name_alternatives(&capitalize(en));
        if found.is_empty() {
            outside.push((en, gold));
        } else {
            in_table += 1;
            table_right += usize::from(
                found
                    .iter()
                    .any(|a| name_key(a.text).as_ref() == Some(&gold)),
            );
        }
    }
    println!(
        "dev pairs: {} in the name table ({} with the right Arabic form among its alternatives, {:.1}%), {} outside",
        in_table,
        table_right,
        percent(table_right, in_table),
        outside.len()
    );
    let findable = outside
        .iter()
        .filter(|(_, g)| vocabulary.contains_key(g))
        .count();
    println!("outside pairs whose Arabic form is in the vocabulary: {findable}");
    println!(
        "| rule | pairs proposed for | proposals | right | recall (of findable) | precision |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let rules: [(&str, &dyn Fn(&[(&str, u32)]) -> usize); 5] = [
        ("every vocabulary word with the skeleton", &|c| c.len()),
        ("the 3 most frequent", &|c| c.len().min(3)),
        ("the most frequent", &|c| c.len().min(1)),
        ("the most frequent, if ≤ 3 share the skeleton", &|c| {
            usize::from(c.len() <= 3).min(c.len())
        }),
        ("the only one, if it is alone", &|c| {
            usize::from(c.len() == 1)
        }),
    ];
    for (name, rule) in rules {
        let (mut queried, mut proposals, mut right) = (0, 0, 0);
        for (en, gold) in &outside {
            let Some(candidates) = skeleton(en).and_then(|s| by_skeleton.get(&s)) else {
                continue;
            };
            let proposed = &candidates[..rule(candidates)];
            if proposed.is_empty() {
                continue;
            }
            queried += 1;
            proposals += proposed.len();
            right += usize::from(proposed.iter().any(|(w, _)| w == gold));
        }
        println!(
            "| {name} | {queried} | {proposals} | {right} | {:.1}% | {:.1}% |",
            percent(right, findable),
            percent(right, proposals)
        );
    }
    Ok(())
}

/// Name keys of the Arabic words of a JSON Lines corpus (title and text),
/// with their counts.
fn arabic_vocabulary(path: &PathBuf) -> Result<HashMap<String, u32>, Box<dyn Error>> {
    let reader = BufReader::new(GzDecoder::new(File::open(path)?));
    let mut vocabulary = HashMap::new();
    for line in reader.lines() {
        let article: serde_json::Value = serde_json::from_str(&line?)?;
        for field in ["title", "text"] {
            let text = article[field].as_str().unwrap_or_default();
            for word in split_words(text) {
                if script_of(word) == Script::Arabic {
                    if let Some(key) = arabic_name_word(word) {
                        *vocabulary.entry(key).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    Ok(vocabulary)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}
