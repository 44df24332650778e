//! Cross-language alternatives on the seeds' story (one ceasefire told in
//! French and Arabic) and on known name pairs: the shipped tables, their
//! lookups and the skeleton fallback.

use std::collections::HashSet;
use std::path::Path;

use newsearch_analyzers::script::{script_of, Script};
use newsearch_analyzers::translate::keys::{lexicon_key, name_key, split_words};
use newsearch_analyzers::translate::lexicon::word_alternatives;
use newsearch_analyzers::translate::names::name_alternatives;
use newsearch_analyzers::translate::transliterate::{
    distance, is_name_like, skeleton, MAX_DISTANCE, MAX_VARIANT_DISTANCE,
};
use newsearch_analyzers::translate::{alternatives, table_sizes, translate, Alternative, Source};

/// The words of the seeds written in `script`.
fn seed_words(script: Script) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
    let mut words = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("seeds/ exists") {
        let text = std::fs::read_to_string(entry.expect("readable seeds/").path())
            .expect("a seed is UTF-8 text");
        words.extend(
            split_words(&text)
                .into_iter()
                .filter(|w| script_of(w) == script)
                .map(str::to_string),
        );
    }
    words
}

/// True when one of `phrase`'s name alternatives is written, in any
/// spelling the analyzers merge, as a word of the seeds.
fn meets_seeds(phrase: &str, seeds: &[String]) -> bool {
    let keys: HashSet<_> = seeds.iter().filter_map(|w| name_key(w)).collect();
    name_alternatives(phrase)
        .iter()
        .any(|a| name_key(a.text).is_some_and(|k| keys.contains(&k)))
}

fn key(name: &str) -> String {
    name_key(name).unwrap_or_default()
}

fn keys_of(found: &[Alternative]) -> Vec<String> {
    found.iter().filter_map(|a| name_key(a.text)).collect()
}

fn texts(found: &[Alternative]) -> Vec<&'static str> {
    found.iter().map(|a| a.text).collect()
}

#[test]
fn the_seeds_names_meet_across_scripts() {
    let arabic = seed_words(Script::Arabic);
    let latin = seed_words(Script::Latin);
    // French seed → Arabic seeds.
    assert!(meets_seeds("Caire", &arabic));
    assert!(meets_seeds("Kirby", &arabic));
    // Arabic seeds → French seed.
    assert!(meets_seeds("القاهرة", &latin));
    assert!(meets_seeds("كيربي", &latin));
    // بيرنز → Burns is the fallback's (below).
}

#[test]
fn names_both_ways() {
    assert!(texts(&name_alternatives("Burns")).contains(&"برنز"));
    assert!(texts(&name_alternatives("Kirby")).contains(&"كيربي"));
    assert_eq!(texts(&name_alternatives("كيربي"))[0], "Kirby");
    let cairo = keys_of(&name_alternatives("القاهرة"));
    assert!(
        cairo.contains(&key("Caire")) && cairo.contains(&key("Cairo")),
        "{cairo:?}"
    );
    assert!(texts(&name_alternatives("Le Caire")).contains(&"القاهرة"));
    assert!(name_alternatives("Burns")
        .iter()
        .all(|a| a.source == Source::Name));
}

#[test]
fn a_place_keeps_only_its_own_forms() {
    // GeoNames lists Misr (Egypt) among Cairo's names: Egypt keeps it.
    assert!(!texts(&name_alternatives("Misr")).contains(&"القاهرة"));
}

#[test]
fn common_words_are_names_only_when_capitalized() {
    // `sale` is a French word; `Sale` (Salé, Morocco) a name.
    assert!(name_alternatives("sale").is_empty());
    let found = name_alternatives("Sale");
    assert!(!found.is_empty() && found.iter().all(|a| a.ambiguous));
}

#[test]
fn spellings_meet_one_key() {
    let cairo = name_alternatives("القاهرة");
    for variant in ["القَاهِرَة", "القاهره", "بالقاهرة", "والقاهرة", "القاهـــرة"]
    {
        assert_eq!(name_alternatives(variant), cairo, "{variant}");
    }
    let egypt = name_alternatives("Égypte");
    assert!(!egypt.is_empty());
    for variant in ["EGYPTE", "egypte", "l’Égypte", "d'Egypte"] {
        assert_eq!(name_alternatives(variant), egypt, "{variant}");
    }
    let kirby = name_alternatives("كيربي");
    assert_eq!(name_alternatives("وكيربي"), kirby);
}

#[test]
fn a_word_translated_both_ways() {
    // Alternatives are dictionary forms: compare them as the analyzers do.
    let stems = |found: &[Alternative]| -> Vec<String> {
        found.iter().filter_map(|a| lexicon_key(a.text)).collect()
    };
    let fr = stems(&word_alternatives("négociations"));
    assert!(
        fr.contains(&lexicon_key("مفاوضات").unwrap_or_default()),
        "{fr:?}"
    );
    assert_eq!(
        word_alternatives("négociation"),
        word_alternatives("Négociations")
    );
    let ar = stems(&word_alternatives("والمفاوضات"));
    assert!(
        ar.contains(&lexicon_key("négociation").unwrap_or_default()),
        "{ar:?}"
    );
    assert!(word_alternatives("explosion")
        .iter()
        .all(|a| a.source == Source::Lexicon));
    assert!(word_alternatives("explosion").len() <= 3);
}

#[test]
fn multiword_names_by_longest_match() {
    let query = ["sommet", "à", "Abu", "Dhabi"];
    let found = translate(&query);
    let abu_dhabi = found
        .iter()
        .find(|t| t.words == (2..4))
        .expect("Abu Dhabi as one span");
    let arabic: Vec<_> = abu_dhabi
        .alternatives
        .iter()
        .filter_map(|a| name_key(a.text))
        .collect();
    assert!(
        arabic.contains(&name_key("أبوظبي").unwrap_or_default()),
        "{abu_dhabi:?}"
    );
    assert!(found.iter().any(|t| t.words == (0..1)), "sommet: {found:?}");

    let found = translate(&["Émirats", "arabes", "unis"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].words, 0..3);
    assert!(texts(&found[0].alternatives).contains(&"الإمارات العربية المتحدة"));

    let found = translate(&["الإمارات", "العربية", "المتحدة"]);
    assert_eq!(found[0].words, 0..3, "{found:?}");
}

#[test]
fn unknown_words_have_no_alternatives() {
    assert!(alternatives("Xqzwv").is_empty());
    assert!(translate(&["le", "de", "et"]).is_empty());
    assert!(alternatives("").is_empty());
    assert!(alternatives("«»").is_empty());
}

#[test]
fn the_fallback_finds_names_outside_the_tables() {
    // Burns is written بيرنز in the seeds, a spelling the tables lack for
    // Burns: the skeleton finds it among the seeds' Arabic words.
    assert!(!texts(&name_alternatives("Burns")).contains(&"بيرنز"));
    let arabic = seed_words(Script::Arabic);
    // A variant of a known name: same skeleton, close sounds.
    let burns = skeleton("Burns").expect("a long enough skeleton");
    let proposals: HashSet<_> = arabic
        .iter()
        .filter(|w| skeleton(w).as_deref() == Some(&burns))
        .filter(|w| distance("Burns", w).is_some_and(|d| d <= MAX_VARIANT_DISTANCE))
        .map(String::as_str)
        .collect();
    assert_eq!(proposals, HashSet::from(["بيرنز"]));
    // A name outside the tables needs the same sounds.
    assert_eq!(distance("Kennedy", "كينيدي"), Some(0.0));
    assert!(distance("Kennedy", "كنود").is_some_and(|d| d > MAX_DISTANCE));
    // And back: بيرنز finds Burns among the French seed's words.
    let latin = seed_words(Script::Latin);
    let back: HashSet<_> = latin
        .iter()
        .filter(|w| is_name_like(w) && skeleton(w) == skeleton("بيرنز"))
        .map(String::as_str)
        .collect();
    assert_eq!(back, HashSet::from(["Burns"]));
    assert!(is_name_like("Burns") && !is_name_like("burns"));
}

#[test]
fn every_table_ships_entries() {
    for (name, keys) in table_sizes() {
        assert!(keys > 1000, "{name}: {keys} keys");
    }
}
