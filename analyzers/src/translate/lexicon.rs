//! Words across languages: a French word's Arabic translations and an
//! Arabic word's French ones, from the shipped wordnet lexicon.

use std::sync::OnceLock;

use super::keys;
use super::table::Table;
use super::{Alternative, Source};
use crate::script::{script_of, Script};

static FR_AR: OnceLock<Table> = OnceLock::new();
static AR_FR: OnceLock<Table> = OnceLock::new();

/// French stemmed key → Arabic lemmas.
pub(crate) fn fr_ar() -> &'static Table {
    FR_AR.get_or_init(|| Table::open(include_bytes!("../../data/lexicon-fr-ar.tbl")))
}

/// Arabic stemmed key → French lemmas.
pub(crate) fn ar_fr() -> &'static Table {
    AR_FR.get_or_init(|| Table::open(include_bytes!("../../data/lexicon-ar-fr.tbl")))
}

/// The lexicon's translations of a word or phrase into the other language,
/// best first, at most three. The lookup is by the stemmed term of the
/// word's own analyzer, so inflected forms, elided articles and Arabic
/// clitics meet the dictionary form (`négociations` and `négociation`,
/// `والمفاوضات` and `مفاوضات`). Translations are dictionary forms, possibly
/// of several words (`مؤتمر قمة`).
///
/// ```
/// use newsearch_analyzers::translate::lexicon::word_alternatives;
/// let texts: Vec<_> = word_alternatives("explosions").iter().map(|a| a.text).collect();
/// assert_eq!(texts.first(), Some(&"انفجار"));
/// ```
pub fn word_alternatives(phrase: &str) -> Vec<Alternative> {
    let table = match script_of(phrase) {
        Script::Latin => fr_ar(),
        Script::Arabic => ar_fr(),
        Script::Other => return Vec::new(),
    };
    let Some(record) = keys::lexicon_key(phrase).and_then(|key| table.get(&key)) else {
        return Vec::new();
    };
    record
        .alternatives()
        .enumerate()
        .map(|(rank, text)| Alternative {
            text,
            source: Source::Lexicon,
            rank,
            ambiguous: false,
        })
        .collect()
}
