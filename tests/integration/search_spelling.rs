//! A query word the index does not know at all is searched as its nearest
//! known spelling (`src/query/spelling.rs`): on the seeds, on the
//! evaluation set's own misspelt questions, and in the CLI's note.

use crate::common;

use newsearch::Respelling;
use newsearch::{Index, SearchOptions};

/// The article ids of the hits and the respellings of `query`.
fn search(index: &Index, query: &str) -> (Vec<String>, Vec<Respelling>) {
    let mut searcher = index.searcher();
    let hits = searcher
        .search(query, &SearchOptions::default())
        .expect("the query runs");
    let ids = hits.into_iter().map(|hit| hit.article_id).collect();
    (ids, searcher.respelled().to_vec())
}

fn respelling(word: &str, searched: &str) -> Respelling {
    Respelling {
        word: word.to_string(),
        searched: searched.to_string(),
    }
}

#[test]
fn an_unknown_word_is_searched_as_its_nearest_known_spelling() {
    let index = common::seed_index();
    let (expected, none) = search(&index, "Kirby");
    assert!(none.is_empty(), "a known word is searched as written");
    // One letter added, two swapped, one replaced; Arabic too. (A doubled
    // letter needs no respelling: the French stemmer writes it once.)
    for (typo, known) in [("Kirbey", "kirby"), ("Kriby", "kirby"), ("Kirbi", "kirby")] {
        let (ids, respelled) = search(&index, typo);
        assert_eq!(respelled, [respelling(typo, known)]);
        assert_eq!(ids, expected, "{typo}");
    }
    let (ids, respelled) = search(&index, "المفاوضاث");
    assert_eq!(respelled, [respelling("المفاوضاث", "المفاوضات")]);
    assert_eq!(ids, search(&index, "المفاوضات").0);
    // A long word may be two edits away.
    let (_, respelled) = search(&index, "nogociatiens");
    assert_eq!(respelled, [respelling("nogociatiens", "negociations")]);
}

#[test]
fn a_respelt_word_is_searched_as_if_typed_in_pairs_too() {
    let index = common::seed_index();
    let score = |query: &str| {
        let hits = index.search(query, &SearchOptions::default()).unwrap();
        (hits[0].article_id.clone(), hits[0].score)
    };
    // "Bill Burns" stand together in a seed: the proximity pair counts for
    // the respelt query as for the written one.
    assert_eq!(score("Bill Burms"), score("Bill burns"));
}

#[test]
fn short_and_excluded_words_are_left_as_written() {
    let index = common::seed_index();
    // Four letters: one edit from a short word is as often another word.
    let (ids, respelled) = search(&index, "Kiby");
    assert!(
        respelled.is_empty() && ids.is_empty(),
        "{respelled:?} {ids:?}"
    );
    // Two edits are for words of ten letters or more.
    let (_, respelled) = search(&index, "Kirbyxy");
    assert!(respelled.is_empty(), "{respelled:?}");
    // An excluded word is not respelt: excluding a typo excludes nothing.
    let (ids, respelled) = search(&index, "Caire -Kirbey");
    assert!(respelled.is_empty(), "{respelled:?}");
    assert_eq!(ids, search(&index, "Caire").0);
}

#[test]
fn an_unknown_interrogative_is_left_as_written() {
    let Some((_, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    // The French Wikipedia paragraphs never say "comment", one edit from
    // "nomment": the interrogative describes the question, and counts half
    // as written (matching nothing), not as another word.
    let (_, respelled) = search(index, "Comment s'appelle la communauté musulmane ?");
    assert!(respelled.is_empty(), "{respelled:?}");
}

#[test]
fn misspelt_questions_of_the_evaluation_set_find_their_answer() {
    let Some((folder, index)) = common::eval_set("ar-wiki-qa") else {
        return;
    };
    // موريطانيا for موريتانيا: the answers ranked 39th and 12th when the
    // misspelt word matched nothing.
    for (qid, question) in [
        ("arcd-243469500443", "ماهو الإسم الرسمي لموريطانيا؟"),
        ("arcd-675862051543", "أين تقع موريطانيا؟"),
    ] {
        let rank = common::answer_rank(index, &folder, qid, question);
        assert_eq!(rank, Some(1), "{question}");
    }
}

#[test]
fn the_cli_notes_what_it_searched_instead() {
    let dir = common::with_seeds();
    common::ok(dir.path(), &["index", "--quiet", "seeds"]);
    let output = common::run(dir.path(), &["query", "Kirbey", "--color", "never"]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim(),
        "newsearch: note: \"Kirbey\" is not in the index; searched \"kirby\" instead"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("[Kirby]"));
}
