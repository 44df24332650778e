//! A French verb in the simple past, the imperfect, the future or the
//! conditional meets its other forms: the question's "écrasa" finds the
//! passage's "écrasée", its "expose" the passage's "exposera"; a verb in
//! -ndre or -rdre meets its participle ("perdu" finds "perd"). Checked on
//! the evaluation set's own questions and judgements.

mod common;

use newsearch::{Hit, SearchOptions};

#[test]
fn a_verb_in_the_simple_past_meets_its_participle() {
    let Some((folder, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    // The answer: "La rébellion fut écrasée dans le sang par Murat" (2nd
    // while écrasa and écrasée were different words).
    let question = "Quel général français écrasa le soulèvement madrilène ?";
    let rank = common::answer_rank(&index, &folder, "piaf-p140295442739704", question);
    assert_eq!(rank, Some(1));
    // The highlight wraps the passage's own word, not the question's.
    let hits = index
        .search(question, &SearchOptions::default())
        .expect("the query runs");
    let shown = highlighted(&hits[0]);
    assert!(shown.iter().any(|word| word == "écrasée"), "{shown:?}");
}

#[test]
fn a_verb_in_the_future_meets_its_present() {
    let Some((folder, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    // The answer: "qu'il exposera … aux côtés de trois autres artistes"
    // (4th while exposera and expose were different words).
    let rank = common::answer_rank(
        &index,
        &folder,
        "piaf-p140295219089128",
        "Avec combien d'autres artistes expose-t-il ?",
    );
    assert_eq!(rank, Some(1));
}

#[test]
fn a_verb_in_ndre_meets_its_participle() {
    let Some((folder, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    // The answering paragraph says "Naples … perd à la treizième
    // journée": the question's "perdu" meets that "perd" (and the
    // infinitive "perdre"), which it did not while perdu and perd were
    // different words.
    let question = "Contre quelle équipe l'inter a perdu en coupe des champions";
    let rank = common::answer_rank(&index, &folder, "piaf-p140295203651376", question);
    assert_eq!(rank, Some(1));
    let hits = index
        .search(question, &SearchOptions::default())
        .expect("the query runs");
    let shown = highlighted(&hits[0]);
    assert!(shown.iter().any(|word| word == "perd"), "{shown:?}");
}

/// The words highlighted in a hit's passages, as the passages write them.
fn highlighted(hit: &Hit) -> Vec<String> {
    hit.passages
        .iter()
        .flat_map(|passage| {
            passage
                .highlights
                .iter()
                .map(|range| passage.text[range.clone()].to_string())
        })
        .collect()
}
