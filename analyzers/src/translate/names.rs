//! Names across scripts: a Latin name's Arabic spellings and an Arabic
//! name's Latin ones, from the shipped name tables.

use std::sync::OnceLock;

use super::keys::{self, MIN_NAME_LETTERS};
use super::table::Table;
use super::{Alternative, Source};
use crate::question::is_capitalized;
use crate::script::{script_of, Script};

static LATIN_ARABIC: OnceLock<Table> = OnceLock::new();
static ARABIC_LATIN: OnceLock<Table> = OnceLock::new();

/// Latin name key → Arabic forms.
pub(crate) fn latin_arabic() -> &'static Table {
    LATIN_ARABIC.get_or_init(|| Table::open(include_bytes!("../../data/names-latin-arabic.tbl")))
}

/// Arabic name key → Latin forms.
pub(crate) fn arabic_latin() -> &'static Table {
    ARABIC_LATIN.get_or_init(|| Table::open(include_bytes!("../../data/names-arabic-latin.tbl")))
}

/// Proclitics that may stand before a name without the article (وكيربي).
const PROCLITICS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// The other script's spellings of a name (one word or several), best
/// first: `Burns` → `بورنس`, `برنز`; `القاهرة` → `Le Caire`, `Cairo`, ….
///
/// Latin names that are also common French words (`sale`, `nice`) are
/// looked up only when the phrase is capitalized, and then come marked
/// [`Alternative::ambiguous`]; Arabic names that are also common Arabic
/// words (أمل) are always marked so. An Arabic name not found as written
/// is tried once more without a leading و, ف, ب, ل or ك.
///
/// ```
/// use newsearch_analyzers::translate::names::name_alternatives;
/// let texts: Vec<_> = name_alternatives("Kirby").iter().map(|a| a.text).collect();
/// assert!(texts.contains(&"كيربي"));
/// let texts: Vec<_> = name_alternatives("بالقاهرة").iter().map(|a| a.text).collect();
/// assert_eq!(texts[..2], ["Le Caire", "Cairo"]);
/// ```
pub fn name_alternatives(phrase: &str) -> Vec<Alternative> {
    match script_of(phrase) {
        Script::Latin => {
            let Some(key) = keys::name_key(phrase) else {
                return Vec::new();
            };
            let Some(record) = latin_arabic().get(&key) else {
                return Vec::new();
            };
            let common_word = record.has('c');
            if common_word && !is_capitalized(phrase) {
                return Vec::new();
            }
            alternatives(record.alternatives(), common_word)
        }
        Script::Arabic => {
            let table = arabic_latin();
            let found = keys::name_key(phrase)
                .and_then(|key| table.get(&key))
                .or_else(|| {
                    let rest = phrase.strip_prefix(PROCLITICS)?;
                    let key = keys::name_key(rest)?;
                    (key.chars().count() >= MIN_NAME_LETTERS)
                        .then(|| table.get(&key))
                        .flatten()
                });
            found.map_or_else(Vec::new, |record| {
                alternatives(record.alternatives(), record.has('w'))
            })
        }
        Script::Other => Vec::new(),
    }
}

fn alternatives(texts: impl Iterator<Item = &'static str>, ambiguous: bool) -> Vec<Alternative> {
    texts
        .enumerate()
        .map(|(rank, text)| Alternative {
            text,
            source: Source::Name,
            rank,
            ambiguous,
        })
        .collect()
}
