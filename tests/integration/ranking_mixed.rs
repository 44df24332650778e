//! One archive, two languages: a word's rarity is that of the word in the
//! whole archive, not in the language field it landed in, and a Latin word
//! matched inside Arabic text counts less (`Weights::foreign`). Without
//! both, a Latin name quoted in a few Arabic articles is rare among Arabic
//! passages and outscores the French coverage of that name. Its
//! translation counts as rare as the word and its spellings together.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::common;

use newsearch::{ingest, Article, Index, NoProgress, SearchOptions, Weights};
use newsearch_analyzers::script::{script_of, Script};
use newsearch_eval::{read_qrels, read_topics, run_topics, score};

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

/// The score of the Arabic seed dated 2024 for `query`, with a foreign
/// match counting `foreign` times.
fn arabic_seed_score(index: &Index, query: &str, foreign: f32) -> f32 {
    let options = SearchOptions::default().weights(Weights::default().foreign(foreign));
    let hits = index.search(query, &options).unwrap();
    hits.iter()
        .find(|hit| hit.article_id == "003_089047fdd85d018b.txt")
        .map(|hit| hit.score)
        .expect("the Arabic seed of 2024 is found")
}

/// A number belongs to no script: it is read in the script of the query
/// around it. In a French query, "2024" found in Arabic text is a foreign
/// match, as a Latin word there is; in a query of digits alone nothing is
/// foreign.
#[test]
fn a_number_counts_in_the_script_of_its_query() {
    let index = common::seed_index();
    let full = arabic_seed_score(&index, "Hamas 2024", 1.0);
    let foreign = arabic_seed_score(&index, "Hamas 2024", 0.5);
    assert!(foreign < full, "{foreign} is not below {full}");
    let alone = arabic_seed_score(&index, "2024", 1.0);
    assert_eq!(arabic_seed_score(&index, "2024", 0.5), alone);
}

/// Articles read from the start of each news corpus for the mixed sample.
const NEWS_SAMPLE: usize = 300;
/// Every n-th question of each QA set is asked.
const QUESTION_STEP: usize = 4;

/// The first `count` articles of a corpus file.
fn first_articles(path: &Path, count: usize) -> Vec<Article> {
    let discovered = ingest::discover(&[path.to_path_buf()]);
    let file = discovered.files.first().expect("the corpus is found");
    ingest::open(file)
        .expect("the corpus opens")
        .flatten()
        .take(count)
        .collect()
}

/// One archive holding both languages: the seeds, the start of both news
/// corpora and both Wikipedia question sets. A question whose answer is
/// found has an article of its own language first, with translation on
/// (the default): the other language's articles found through
/// translation, through a Latin name inside Arabic text or through a
/// number both languages write alike do not come first.
#[test]
#[ignore = "indexes parts of the corpora and both QA sets (corpus tier)"]
fn an_answer_ranks_above_the_other_languages_articles() {
    let paths = [
        "corpora/ar-saudinewsnet.jsonl.gz",
        "corpora/fr-orangesum.jsonl.gz",
        "eval/ar-wiki-qa/corpus.jsonl",
        "eval/fr-piaf-qa/corpus.jsonl",
    ];
    let Some(paths) = paths
        .iter()
        .map(|p| common::shared_file(p))
        .collect::<Option<Vec<PathBuf>>>()
    else {
        return;
    };
    let [ar_news, fr_news, ar_wiki, fr_piaf] = &paths[..] else {
        unreachable!()
    };
    let mut articles = common::seed_articles();
    articles.extend(first_articles(ar_news, NEWS_SAMPLE));
    articles.extend(first_articles(fr_news, NEWS_SAMPLE));
    articles.extend(common::articles_of(ar_wiki));
    articles.extend(common::articles_of(fr_piaf));
    let arabic: HashSet<String> = articles
        .iter()
        .filter(|a| script_of(&a.text) == Script::Arabic)
        .map(|a| a.id.clone())
        .collect();
    let index = common::index_of(articles);
    let options = SearchOptions::default().limit(100);
    assert!(options.translate);
    for (set, own_is_arabic) in [("fr-piaf-qa", false), ("ar-wiki-qa", true)] {
        let folder = common::shared_file(&format!("eval/{set}")).unwrap();
        let topics = read_topics(&folder.join("topics.tsv")).unwrap();
        let qrels = read_qrels(&folder.join("qrels.txt")).unwrap();
        let (mut asked, mut intruded) = (0, Vec::new());
        for topic in topics.iter().step_by(QUESTION_STEP) {
            let Some(judged) = qrels.get(&topic.qid) else {
                continue;
            };
            let hits = index.search(&topic.query, &options).unwrap();
            let Some(answer) = hits
                .iter()
                .position(|hit| judged.get(&hit.article_id).is_some_and(|&g| g > 0))
            else {
                continue;
            };
            asked += 1;
            // The first result is what a reader takes the answer to be.
            // (Deeper down, 7 of these questions still have a paragraph of
            // the other language above their answer: Pologne, Mexique.)
            if let Some(other) = hits[..answer.min(1)]
                .iter()
                .find(|hit| arabic.contains(&hit.article_id) != own_is_arabic)
            {
                intruded.push(format!(
                    "{} ({}): {} above the answer at {}",
                    topic.qid,
                    topic.query,
                    other.article_id,
                    answer + 1
                ));
            }
        }
        assert!(asked > 100, "{set}: only {asked} answers found");
        // One question is known to fail: "Quel est le métier de Nicolas
        // Thomas ?" finds an Arabic Wikipedia paragraph first through the
        // name's Arabic spelling; the guard keeps any other from joining it.
        assert!(intruded.len() <= 1, "{set}: {intruded:#?}");
    }
}

/// French news articles read for the archive the encyclopedia paragraphs
/// are mixed into.
const FRENCH_NEWS: usize = 4000;

/// An encyclopedia paragraph answering a question is longer than most
/// news paragraphs. Full BM25 length normalization against an average set
/// by the news sinks it below news paragraphs with the same words; French
/// passages, already cut to a bounded length, are scored with little of it
/// (`Weights::passage_length_fr`), and a passage reads under its article's
/// title ("Florian Schillinger" over "Il commence le combiné nordique à 8
/// ans").
#[test]
#[ignore = "indexes part of the French news corpus and a QA set (corpus tier)"]
fn encyclopedia_answers_hold_their_rank_among_news_paragraphs() {
    let (Some(fr_news), Some(folder)) = (
        common::shared_file("corpora/fr-orangesum.jsonl.gz"),
        common::shared_file("eval/fr-piaf-qa"),
    ) else {
        return;
    };
    let mut articles = first_articles(&fr_news, FRENCH_NEWS);
    articles.extend(common::articles_of(&folder.join("corpus.jsonl")));
    let index = common::index_of(articles);
    let topics = read_topics(&folder.join("topics.tsv")).unwrap();
    let topics: Vec<_> = topics.into_iter().step_by(QUESTION_STEP).collect();
    let mut qrels = read_qrels(&folder.join("qrels.txt")).unwrap();
    qrels.retain(|qid, _| topics.iter().any(|topic| &topic.qid == qid));
    let mrr = |weights: Weights| {
        let options = SearchOptions::default().weights(weights);
        score(&run_topics(&index, &topics, 10, &options).unwrap(), &qrels).mrr10
    };
    let bounded = mrr(Weights::default());
    let full = mrr(Weights::default().passage_length_fr(1.0));
    assert!(
        bounded > full + 0.01,
        "{bounded} against {full} with full length normalization"
    );
}
