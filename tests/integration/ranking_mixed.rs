//! One archive, two languages: a word's rarity is that of the word in the
//! whole archive, not in the language field it landed in, and a Latin word
//! matched inside Arabic text counts less (`Weights::foreign`). Without
//! both, a Latin name quoted in a few Arabic articles is rare among Arabic
//! passages and outscores the French coverage of that name.

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
    // The word as typed: its translation (ترامب) is another matter.
    let options = SearchOptions::default().translate(false);
    let hits = index.search("Trump", &options).unwrap();
    let langs: Vec<&str> = hits
        .iter()
        .take(5)
        .map(|hit| hit.passages[0].lang.as_str())
        .collect();
    // Before the rule, an Arabic article on a yacht named "Trump Princess"
    // came first.
    assert_eq!(
        langs,
        ["fr"; 5],
        "{:?}",
        hits.iter().map(|h| &h.title).collect::<Vec<_>>()
    );
}
