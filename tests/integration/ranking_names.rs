//! The names of a question, its capitalized words but the first, count
//! more: the answer repeats them as written, where it says the rest of the
//! question in its own words. A query that is no question is left as it
//! is. Checked on the evaluation set's own questions and judgements.

use crate::common;

use newsearch::SearchOptions;
use newsearch::Weights;

/// The default search, but with capitals counting like any other word.
fn without_names() -> SearchOptions {
    SearchOptions::default().weights(Weights::default().name(0.0))
}

#[test]
fn a_name_in_a_question_counts_more() {
    let Some((folder, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    // Each answer has the name and says the rest in other words; without
    // the rule, paragraphs with more of the other words ranked above it.
    for (qid, question, rank_without) in [
        (
            "piaf-p140295218183552",
            "Qui sont les tantes de Nymphadora Tonks?",
            2,
        ),
        (
            "piaf-p140295442470592",
            "A cause de qui Emanuele se voit-il privé de sa maman ?",
            3,
        ),
        (
            "piaf-p140295202070032",
            "Comment s'appelle l'adversaire d'Eliott ?",
            2,
        ),
    ] {
        let rank = common::answer_rank(index, &folder, qid, question);
        assert_eq!(rank, Some(1), "{question}");
        let rank = common::answer_rank_with(index, &folder, qid, question, &without_names());
        assert_eq!(rank, Some(rank_without), "{question} without the rule");
    }
}

#[test]
fn capitals_count_in_questions_only() {
    let Some((_, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    let scores = |query: &str, options: &SearchOptions| -> Vec<(String, f32)> {
        let hits = index.search(query, options).expect("the query runs");
        assert!(!hits.is_empty(), "{query}");
        hits.into_iter().map(|h| (h.article_id, h.score)).collect()
    };
    // Without a question mark or an interrogative, the words are a
    // headline's or a keyword search's, and names count as the rest.
    let keywords = "adolescent Stablewski";
    assert_eq!(
        scores(keywords, &SearchOptions::default()),
        scores(keywords, &without_names())
    );
    // The same words asked as a question rank by the name.
    let question = "adolescent Stablewski ?";
    assert_ne!(
        scores(question, &SearchOptions::default()),
        scores(question, &without_names())
    );
}
