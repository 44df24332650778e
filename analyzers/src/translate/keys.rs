//! The keys of the translation tables: how a word or a phrase, as a user or
//! a source typed it, becomes the string the tables are looked up by.
//!
//! The table builder and the lookups call these same functions, so a key
//! meets every spelling the analyzers merge: alef and ya forms, ta marbuta,
//! diacritics and tatweel in Arabic; accents, case and elided articles in
//! Latin script.

use crate::script::{script_of, Script};
use crate::words::Words;
use crate::{arabic, french};

/// Shortest name key kept, in letters: shorter names are mostly ambiguous
/// (بد, Al, Bo).
pub const MIN_NAME_LETTERS: usize = 3;

/// Key of one Latin-script name word: elision removed, lowercase, accents
/// folded (`l’Égypte` → `egypte`). `None` for a French stopword (`Le` of
/// `Le Caire`), so `Le Caire` and `Caire` share a key.
pub fn latin_name_word(word: &str) -> Option<String> {
    let key = french::normalize(word);
    if key.is_empty() || french::is_stopword(&key) {
        return None;
    }
    Some(key)
}

/// Proclitics and articles a name may carry in Arabic text, longest first:
/// the article ال, and the conjunctions and prepositions written before it.
const ARABIC_ARTICLES: [&str; 6] = ["وال", "فال", "بال", "كال", "ال", "لل"];

/// Key of one Arabic-script name word: normalized (`arabic::normalize`),
/// then the article with its proclitic removed when three letters remain
/// (`بالقاهرة`, `القاهرة` and `قاهرة` → `قاهره`). `None` for a stopword.
pub fn arabic_name_word(word: &str) -> Option<String> {
    arabic_name_word_in(word, &mut String::new()).map(str::to_string)
}

/// [`arabic_name_word`], normalized into `buffer` (cleared first), as a
/// slice of it.
pub(crate) fn arabic_name_word_in<'b>(word: &str, buffer: &'b mut String) -> Option<&'b str> {
    buffer.clear();
    arabic::normalize_into(word, buffer);
    let normalized = buffer.as_str();
    if normalized.is_empty() || arabic::is_stopword(normalized) {
        return None;
    }
    for article in ARABIC_ARTICLES {
        if let Some(rest) = normalized.strip_prefix(article) {
            if rest.chars().count() >= MIN_NAME_LETTERS {
                return Some(rest);
            }
        }
    }
    Some(normalized)
}

/// Key of one word for the lexicon: the stemmed term of the word's language
/// analyzer (`élections` → `election`, `والمفاوضات` → `مفاوض`), `None` for
/// a stopword or a word of another script.
pub fn lexicon_word(word: &str) -> Option<String> {
    match script_of(word) {
        Script::Arabic => arabic::analyze(word),
        Script::Latin => french::analyze(word),
        Script::Other => None,
    }
}

/// The words of a phrase (`Le Caire`, `أبو ظبي`, `Bosnie-Herzégovine`), as
/// the analyzers segment text.
pub fn split_words(phrase: &str) -> Vec<&str> {
    Words::new(phrase)
        .map(|(from, to)| &phrase[from..to])
        .collect()
}

/// Key of a phrase: the keys of its words by `word_key`, stopwords left
/// out, joined by one space. `None` when no word has a key.
pub fn phrase_key(phrase: &str, word_key: fn(&str) -> Option<String>) -> Option<String> {
    let keys: Vec<String> = split_words(phrase)
        .into_iter()
        .filter_map(word_key)
        .collect();
    (!keys.is_empty()).then(|| keys.join(" "))
}

/// Key of a name phrase in either script (by the script of its first word).
pub fn name_key(phrase: &str) -> Option<String> {
    match script_of(phrase) {
        Script::Arabic => phrase_key(phrase, arabic_name_word),
        Script::Latin => phrase_key(phrase, latin_name_word),
        Script::Other => None,
    }
}

/// Key of a lexicon phrase in either script.
pub fn lexicon_key(phrase: &str) -> Option<String> {
    phrase_key(phrase, lexicon_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys_meet_spellings() {
        assert_eq!(name_key("Le Caire"), name_key("CAIRE"));
        assert_eq!(name_key("l’Égypte"), Some("egypte".into()));
        assert_eq!(name_key("القَاهِرَة"), name_key("بالقاهره"));
        assert_eq!(name_key("أبو ظبي"), name_key("ابو ظبى"));
        assert_eq!(
            name_key("Bosnie-Herzégovine"),
            Some("bosnie herzegovine".into())
        );
    }

    #[test]
    fn lexicon_keys_meet_inflections() {
        assert_eq!(lexicon_key("élections"), lexicon_key("Election"));
        assert_eq!(lexicon_key("والمفاوضات"), lexicon_key("مفاوضات"));
        assert_eq!(
            lexicon_key("pomme de terre"),
            lexicon_key("pommes de terre")
        );
    }
}
