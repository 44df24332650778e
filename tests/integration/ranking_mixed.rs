//! One archive, two languages: a word's rarity is that of the word in the
//! whole archive, not in the language field it landed in, and a Latin word
//! matched inside Arabic text counts less (`Weights::foreign`). Without
//! both, a Latin name quoted in a few Arabic articles is rare among Arabic
//! passages and outscores the French coverage of that name. Its
//! translation counts as rare as the word and its spellings together.

use crate::common;

use newsearch::{Index, NoProgress, SearchOptions};

#[test]
#[ignore = "indexes both news corpora (corpus tier)"]
fn a_latin_name_finds_the_french_coverage_before_arabic_mentions() {
    let (Some(arabic), Some(french)) = (
        common::shared_file("corpora/ar-saudinewsnet.jsonl.gz"),
        common::shared_file("corpora/fr-orangesum.jsonl.gz"),
    ) else {
        return;
    };
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    writer
        .add_paths(&[arabic, french], &mut NoProgress)
        .unwrap();
    writer.finish().unwrap();
    // Before the rules, an Arabic article on a yacht named "Trump Princess"
    // came first for the word as typed; with translation, the Arabic
    // coverage of ترامب came first, its spelling being rarer among Arabic
    // passages than "Trump" among French ones.
    for translate in [false, true] {
        let options = SearchOptions::default().translate(translate);
        let hits = index.search("Trump", &options).unwrap();
        let langs: Vec<&str> = hits
            .iter()
            .take(5)
            .map(|hit| hit.passages[0].lang.as_str())
            .collect();
        assert_eq!(
            langs,
            ["fr"; 5],
            "translate {translate}: {:?}",
            hits.iter().map(|h| &h.title).collect::<Vec<_>>()
        );
    }
}
