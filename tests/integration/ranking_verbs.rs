//! A French verb in the simple past, the imperfect, the future or the
//! conditional meets its other forms: the question's "écrasa" finds the
//! passage's "écrasée", its "expose" the passage's "exposera"; a verb in
//! -ndre or -rdre meets its participle ("perdu" finds "perd"). Checked on
//! the evaluation set's own questions and judgements.

use crate::common;

use newsearch::SearchOptions;

#[test]
fn a_verb_in_the_simple_past_meets_its_participle() {
    // The answer: "La rébellion fut écrasée dans le sang par Murat" (2nd
    // while écrasa and écrasée were different words). The highlight wraps
    // the passage's own word, not the question's.
    answer_first_showing(
        "piaf-p140295442739704",
        "Quel général français écrasa le soulèvement madrilène ?",
        "écrasée",
    );
}

#[test]
fn a_verb_in_the_future_meets_its_present() {
    // The answer: "qu'il exposera … aux côtés de trois autres artistes"
    // (4th while exposera and expose were different words).
    answer_first_showing(
        "piaf-p140295219089128",
        "Avec combien d'autres artistes expose-t-il ?",
        "exposera",
    );
}

#[test]
fn a_verb_in_ndre_meets_its_participle() {
    // The answering paragraph says "Naples … perd à la treizième
    // journée": the question's "perdu" meets that "perd" (and the
    // infinitive "perdre"), which it did not while perdu and perd were
    // different words.
    answer_first_showing(
        "piaf-p140295203651376",
        "Contre quelle équipe l'inter a perdu en coupe des champions",
        "perd",
    );
}

/// Asserts that fr-piaf-qa's `question` ranks the answer of `qid` first,
/// with `word` among the highlighted words of its passages.
fn answer_first_showing(qid: &str, question: &str, word: &str) {
    let Some((folder, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    assert_eq!(common::answer_rank(index, &folder, qid, question), Some(1));
    let hits = index
        .search(question, &SearchOptions::default())
        .expect("the query runs");
    let shown: Vec<&str> = hits[0]
        .passages
        .iter()
        .flat_map(|passage| {
            passage
                .highlights
                .iter()
                .map(|range| &passage.text[range.clone()])
        })
        .collect();
    assert!(shown.contains(&word), "{question}: {shown:?}");
}
