//! Measures the name tables and the skeleton fallback on held-out
//! English–Arabic name pairs (`names/translit-en-ar.dev.tsv`, never used to
//! build the tables) against the Arabic vocabulary of a news corpus.
//!
//!     cargo run -p newsearch-analyzers --example eval_fallback -- ../shared [--show-wrong]
//!
//! (from the repository root). For pairs whose English word the name table
//! knows: how often its Arabic forms include the right one. For the others
//! (the fallback's job): the vocabulary words (name keys of the Arabic
//! words of `corpora/ar-saudinewsnet.jsonl.gz`) sharing the English word's
//! skeleton are its proposals; recall is the share of pairs whose right
//! Arabic form (present in the vocabulary) is proposed, precision the share
//! of proposals that are right, under several rules for when to propose.
//! `--show-wrong` lists the default rule's wrong proposals on stderr.

use std::collections::HashMap;
use std::error::Error;
use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;

use flate2::read::GzDecoder;
use newsearch_analyzers::script::{script_of, Script};
use newsearch_analyzers::translate::keys::{arabic_name_word, name_key, split_words};
use newsearch_analyzers::translate::names::name_alternatives;
use newsearch_analyzers::translate::transliterate::{
    distance, skeleton, MAX_DISTANCE, MAX_VARIANT_DISTANCE,
};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = PathBuf::from(args.first().map_or("../shared", String::as_str));
    let show_wrong = args.iter().any(|a| a == "--show-wrong");
    let vocabulary = arabic_vocabulary(&shared.join("corpora/ar-saudinewsnet.jsonl.gz"))?;
    let mut by_skeleton: HashMap<String, Vec<(&str, u32)>> = HashMap::new();
    for (word, &count) in &vocabulary {
        if let Some(s) = skeleton(word) {
            by_skeleton.entry(s).or_default().push((word, count));
        }
    }
    println!(
        "vocabulary: {} Arabic name keys, {} skeletons",
        vocabulary.len(),
        by_skeleton.len()
    );

    let dev_path = shared.join("names/translit-en-ar.dev.tsv");
    let dev = fs::read_to_string(&dev_path).map_err(|e| format!("{}: {e}", dev_path.display()))?;
    let (mut in_table, mut table_right) = (0, 0);
    let (mut variant_proposals, mut variant_right, mut gold_missed_found) = (0, 0, 0);
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
            let right = found
                .iter()
                .any(|a| name_key(a.text).as_ref() == Some(&gold));
            table_right += usize::from(right);
            // Variants of the table's forms in the vocabulary: words sharing
            // a form's skeleton, close to the query word, not a table form.
            let forms: Vec<String> = found.iter().filter_map(|a| name_key(a.text)).collect();
            let mut variants: Vec<(f32, u32, &str)> = found
                .iter()
                .filter_map(|a| skeleton(a.text))
                .chain(skeleton(en))
                .collect::<std::collections::BTreeSet<_>>()
                .iter()
                .filter_map(|s| by_skeleton.get(s))
                .flatten()
                .filter(|(w, _)| !forms.iter().any(|f| f == w))
                .filter_map(|&(w, count)| {
                    let d = distance(en, w)?;
                    (d <= MAX_VARIANT_DISTANCE).then_some((d, count, w))
                })
                .collect();
            variants.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            if let Some(&(_, _, w)) = variants.first() {
                variant_proposals += 1;
                variant_right += usize::from(w == gold.as_str());
                gold_missed_found += usize::from(!right && w == gold.as_str());
            }
        }
    }
    println!(
        "dev pairs: {in_table} in the name table ({table_right} with the right Arabic form \
         among its alternatives, {:.1}%), {} outside",
        percent(table_right, in_table),
        outside.len()
    );
    println!(
        "variants of the table's forms (closest at distance ≤ MAX_VARIANT_DISTANCE = \
         {MAX_VARIANT_DISTANCE}): proposed for {variant_proposals} words, {variant_right} right \
         ({:.1}% precision); the right form the table missed found {gold_missed_found} times \
         (table recall {:.1}% → {:.1}%)",
        percent(variant_right, variant_proposals),
        percent(table_right, in_table),
        percent(table_right + gold_missed_found, in_table),
    );
    let findable = outside
        .iter()
        .filter(|(_, g)| vocabulary.contains_key(g))
        .count();
    println!("outside pairs whose Arabic form is in the vocabulary: {findable}");

    // (rule, largest distance, most proposals per query word)
    let mut rules: Vec<(String, Option<f32>, usize)> = vec![
        ("every word with the skeleton".into(), None, usize::MAX),
        ("the most frequent with the skeleton".into(), None, 1),
    ];
    for threshold in [0.0, 0.05, 0.075, 0.1, 0.2] {
        rules.push((
            format!("every one at distance ≤ {threshold}"),
            Some(threshold),
            usize::MAX,
        ));
        rules.push((
            format!("the closest at distance ≤ {threshold}"),
            Some(threshold),
            1,
        ));
    }
    let default = format!("default: the closest at distance ≤ MAX_DISTANCE = {MAX_DISTANCE}");
    rules.push((default.clone(), Some(MAX_DISTANCE), 1));
    println!(
        "| rule | words proposed for | proposals | right | recall (of findable) | precision |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (name, threshold, most) in &rules {
        let (mut queried, mut proposals, mut right) = (0, 0, 0);
        for (en, gold) in &outside {
            let Some(candidates) = skeleton(en).and_then(|s| by_skeleton.get(&s)) else {
                continue;
            };
            // Closest first, then the most frequent.
            let mut proposed: Vec<(f32, u32, &str)> = candidates
                .iter()
                .filter_map(|&(w, count)| {
                    let d = distance(en, w)?;
                    threshold.is_none_or(|t| d <= t).then_some((d, count, w))
                })
                .collect();
            proposed.sort_by(|a, b| {
                let closer = match threshold {
                    Some(_) => a.0.total_cmp(&b.0),
                    None => std::cmp::Ordering::Equal,
                };
                closer.then(b.1.cmp(&a.1)).then(a.2.cmp(b.2))
            });
            proposed.truncate(*most);
            if proposed.is_empty() {
                continue;
            }
            queried += 1;
            proposals += proposed.len();
            right += usize::from(proposed.iter().any(|(_, _, w)| w == gold));
            if show_wrong && *name == default && proposed[0].2 != gold.as_str() {
                eprintln!(
                    "wrong: {en} {gold} → {} (distance {})",
                    proposed[0].2, proposed[0].0
                );
            }
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
    let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let reader = BufReader::new(GzDecoder::new(file));
    let mut vocabulary = HashMap::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let article: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
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
