//! Question words: function words of queries, not of the texts searched.
//!
//! A question names what it asks for with an interrogative ("quand",
//! "combien", متى, كم) and describes the answer with the other words. The
//! answer passage states the fact and almost never contains the
//! interrogative: "En quelle année est-il mort ?" is answered by "il meurt
//! en 1992", not by a sentence with "quand". Searching the interrogative
//! only adds noise from passages that happen to ask or narrate with it.
//! These words stay in the index (texts do use them: "quand il était", a
//! quoted question), and a query made only of them still searches them;
//! search code counts them less in longer queries with [`is_question_word`],
//! and the noun after a French interrogative determiner too
//! ([`is_interrogative_determiner`]: "quelle année"; with
//! [`links_determiner_to_noun`]: "quelle est la durée").
//!
//! The lists hold only interrogative pronouns, adverbs and determiners (and
//! the common spellings that fuse them with the next word, ماهو, ماهي), not
//! words that are also frequent content words. Interrogatives that are
//! already ordinary stopwords (French `quel`, `qui`, `que`, `où`=`ou`;
//! Arabic ما, من, أي) are dropped by the stemmed analyzers anyway.
//!
//! A question also names what it asks about, and the answer repeats that
//! name as written while it says the rest in its own words ("Que faisait
//! Stablewski adolescent ?" is answered by "vers l'âge de 15 ans, Jean
//! Stablewski joue de l'accordéon"). Search code counts the capitalized
//! words of a question more ([`is_capitalized`], [`has_question_mark`]).

use std::sync::LazyLock;

use crate::script::{script_of, Script};
use crate::stopset::StopSet;

/// French interrogative adverbs and pronouns (Grevisse, §§ 731, 1023):
/// when, how, how much/many, why, which one, what.
const FRENCH: &[&str] = &[
    "quand",
    "comment",
    "combien",
    "pourquoi",
    "lequel",
    "laquelle",
    "lesquels",
    "lesquelles",
    "auquel",
    "auxquels",
    "auxquelles",
    "duquel",
    "desquels",
    "desquelles",
    "quoi",
];

/// Arabic interrogative particles and adverbs: what (ماذا and with the
/// prepositions bi-/li-: بماذا, لماذا why), when (متى), how much/many (كم),
/// how (كيف), where (أين), yes/no (هل), and ما fused with the pronoun that
/// follows it in informal spelling (ماهو, ماهي, "what is").
const ARABIC: &[&str] = &[
    "ماذا",
    "بماذا",
    "لماذا",
    "متى",
    "كم",
    "كيف",
    "أين",
    "هل",
    "ماهو",
    "ماهي",
];

/// French interrogative determiners (Grevisse, § 623): which.
const FRENCH_DETERMINERS: &[&str] = &["quel", "quelle", "quels", "quelles"];

/// What stands between an attribute interrogative determiner and the noun
/// phrase it asks about: the forms of être (simple tenses, and the
/// auxiliaries of the compound ones with été) and the definite articles.
/// The elided article is part of the noun's word (l'année).
const FRENCH_DETERMINER_LINKS: &[&str] = &[
    "est", "sont", "était", "étaient", "fut", "furent", "sera", "seront", "serait", "seraient",
    "a", "ont", "avait", "avaient", "aura", "auront", "été", "le", "la", "les",
];

static FRENCH_SET: LazyLock<StopSet> =
    LazyLock::new(|| StopSet::new(FRENCH, crate::french::normalize));
static ARABIC_SET: LazyLock<StopSet> =
    LazyLock::new(|| StopSet::new(ARABIC, crate::arabic::normalize));

static FRENCH_DETERMINER_SET: LazyLock<StopSet> =
    LazyLock::new(|| StopSet::new(FRENCH_DETERMINERS, crate::french::normalize));
static FRENCH_DETERMINER_LINK_SET: LazyLock<StopSet> =
    LazyLock::new(|| StopSet::new(FRENCH_DETERMINER_LINKS, crate::french::normalize));

/// True if `word`, a word of a query as the user typed it, is a French
/// interrogative determiner (quel, quelle, quels, quelles).
///
/// The noun it governs names the kind of thing asked for ("en quelle
/// année", "dans quel pays", "de quelle couleur"), and the French passage
/// that answers names the thing itself instead ("en 1992", "en France",
/// "blancs"): that noun describes the question, like an interrogative.
/// Arabic has no such rule: أي is also "any" and "that is", and an Arabic
/// answer states a value with its kind in construct (في سن العاشرة, المرتبة
/// الثالثة, عام 1990), so the noun after أي is usually in the answer.
///
/// ```
/// use newsearch_analyzers::question::is_interrogative_determiner;
/// assert!(is_interrogative_determiner("Quelle"));
/// assert!(!is_interrogative_determiner("quelque"));
/// assert!(!is_interrogative_determiner("أي"));
/// ```
pub fn is_interrogative_determiner(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    script_of(word) == Script::Latin
        && FRENCH_DETERMINER_SET.contains(&crate::french::normalize(word))
}

/// True if `word`, a word of a query as the user typed it, may stand
/// between a French interrogative determiner and the noun it governs: a
/// form of être or a definite article.
///
/// As an attribute, the determiner asks for the identity of a noun phrase
/// ("quelle est la durée du voyage", "quel a été le rôle de Foch"), which
/// is the question "quelle durée", "quel rôle" in another order: the noun
/// at the head of that phrase names the kind of thing asked for, as it does
/// right after the determiner.
///
/// ```
/// use newsearch_analyzers::question::links_determiner_to_noun;
/// assert!(links_determiner_to_noun("est"));
/// assert!(links_determiner_to_noun("la"));
/// assert!(!links_determiner_to_noun("durée"));
/// ```
pub fn links_determiner_to_noun(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    script_of(word) == Script::Latin
        && FRENCH_DETERMINER_LINK_SET.contains(&crate::french::normalize(word))
}

/// True if `term`, a word as the exact analyzers output it (normalized,
/// not stemmed), is an interrogative of its script's language.
///
/// ```
/// use newsearch_analyzers::question::is_question_word;
/// assert!(is_question_word("combien"));
/// assert!(is_question_word("متي")); // متى after normalization
/// assert!(!is_question_word("caire"));
/// ```
pub fn is_question_word(term: &str) -> bool {
    match script_of(term) {
        Script::Arabic => ARABIC_SET.contains(term),
        Script::Latin => FRENCH_SET.contains(term),
        Script::Other => false,
    }
}

/// True if `query`, as the user typed it, ends with a question mark (`?`,
/// or the Arabic `؟`), closing quotes and brackets aside.
///
/// ```
/// use newsearch_analyzers::question::has_question_mark;
/// assert!(has_question_mark("Qui tue Cedric ?"));
/// assert!(has_question_mark("متى تأسست الجامعة؟"));
/// assert!(!has_question_mark("Burns au Caire"));
/// ```
pub fn has_question_mark(query: &str) -> bool {
    query
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '»' | '”' | ')'))
        .ends_with(['?', '؟'])
}

/// True if `word`, a word of a query as the user typed it, is written with
/// a capital: its first letter or digit, after a French elided article or
/// conjunction (l'Inter, d'Eliott), is an uppercase letter.
///
/// Past a question's first word, which takes a capital anyway, a capital
/// marks a name: a person, a place, a work, an acronym (Stablewski,
/// Vizzavona, NBDL). Arabic script has no capitals, so an Arabic word never
/// is one. In a headline the names are what every article on the story
/// shares, so search code reads capitals in questions only.
///
/// ```
/// use newsearch_analyzers::question::is_capitalized;
/// assert!(is_capitalized("Stablewski"));
/// assert!(is_capitalized("l’Inter"));
/// assert!(!is_capitalized("adolescent"));
/// assert!(!is_capitalized("القاهرة"));
/// ```
pub fn is_capitalized(word: &str) -> bool {
    crate::french::strip_elision(word)
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::{has_question_mark, is_capitalized, is_question_word};
    use crate::{arabic, french};

    #[test]
    fn question_words_table() {
        for w in ["Quand", "Comment", "combien", "Pourquoi", "lesquelles"] {
            assert!(is_question_word(&french::normalize(w)), "{w}");
        }
        for w in ["متى", "متي", "كَمْ", "أين", "اين", "لماذا", "هل", "ماهي"]
        {
            assert!(is_question_word(&arabic::normalize(w)), "{w}");
        }
        for w in ["Caire", "quantité", "accord"] {
            assert!(!is_question_word(&french::normalize(w)), "{w}");
        }
        for w in ["القاهرة", "كمية", "هلال"] {
            assert!(!is_question_word(&arabic::normalize(w)), "{w}");
        }
    }

    #[test]
    fn capitalized_words_table() {
        for w in [
            "Stablewski",
            "NBDL",
            "l'Internazionale",
            "d’Eliott",
            "«Vizzavona»",
            "Élysée",
        ] {
            assert!(is_capitalized(w), "{w}");
        }
        for w in [
            "adolescent",
            "aujourd'hui",
            "l'école",
            "2019",
            "20ème",
            "القاهرة",
            "«",
            "",
        ] {
            assert!(!is_capitalized(w), "{w}");
        }
    }

    #[test]
    fn question_marks_table() {
        for q in [
            "Qui tue Cedric ?",
            "Qui tue Cedric?",
            "C'est « quoi ? »",
            "هل يعمل؟ ",
        ] {
            assert!(has_question_mark(q), "{q}");
        }
        for q in ["Burns au Caire", "Pourquoi ? Parce que", "?!", ""] {
            assert!(!has_question_mark(q), "{q}");
        }
    }
}
