//! Question words count less than the words that describe the answer: the
//! interrogatives, and the noun a French interrogative determiner governs
//! ("quelle année", "quel pays", "quelle est la durée"), which names the
//! kind of answer where the answering passage names the answer itself.
//! Checked on the evaluation sets' own questions and judgements.

use crate::common;

use newsearch::SearchOptions;

#[test]
fn the_noun_after_quel_counts_as_part_of_the_question() {
    let Some((folder, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    // The answer says where Transnistria is ("république de Moldavie")
    // without "pays"; many other passages have "pays" (31th with the noun
    // at full weight).
    let rank = common::answer_rank(
        index,
        &folder,
        "piaf-p140295442657856",
        "Dans quel pays est la Transnistrie ?",
    );
    assert!(rank.is_some_and(|r| r <= 2), "rank {rank:?}");
    // The answer names colours, not "couleur" (10th at full weight).
    let rank = common::answer_rank(
        index,
        &folder,
        "piaf-p140295202190536",
        "De quelle couleur sont les murs ?",
    );
    assert!(rank.is_some_and(|r| r <= 3), "rank {rank:?}");
    // Alone, the noun is the query and is searched in full.
    let hits = index
        .search("quel pays", &SearchOptions::default())
        .expect("the query runs");
    assert!(!hits.is_empty());
}

#[test]
fn the_noun_after_quel_est_le_counts_as_part_of_the_question() {
    let Some((folder, index)) = common::eval_set("fr-piaf-qa") else {
        return;
    };
    // The answer gives the organisms' country, not "nationalité" (3rd at
    // full weight).
    let rank = common::answer_rank(
        index,
        &folder,
        "piaf-p140295203124424",
        "Quelle est la nationalité des organismes ?",
    );
    assert_eq!(rank, Some(1));
    // Across a compound tense: the answer counts the days, without
    // "durée" (2nd at full weight).
    let rank = common::answer_rank(
        index,
        &folder,
        "piaf-p140295203012184",
        "Quelle a été la durée effective du voyage en nombre de jours ?",
    );
    assert_eq!(rank, Some(1));
}

#[test]
fn the_noun_after_arabic_ayy_counts_in_full() {
    let Some((folder, index)) = common::eval_set("ar-wiki-qa") else {
        return;
    };
    // The answer states the rank with its noun, المرتبة (5th if مرتبة
    // counted as part of the question).
    let rank = common::answer_rank(index, &folder, "arcd-440436437513", "اي مرتبة تحتل النادي؟");
    assert!(rank.is_some_and(|r| r <= 2), "rank {rank:?}");
}
