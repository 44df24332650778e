//! Every ranking weight and constant, named and documented in one place.
//!
//! [`Weights`] are the field and rule weights a search runs with
//! ([`SearchOptions::weights`](crate::SearchOptions::weights)), set by
//! measurement on the evaluation sets (EVALUATION.md); the constants below
//! them size the windows of the ranking pipeline (see [`crate::search`]),
//! in the order the pipeline uses them.

use crate::text::lang::Lang;

/// Relative weights of the fields a word is looked up in. Set by measurement
/// on the evaluation sets (see EVALUATION.md).
///
/// Change one from the defaults with the setter of the same name:
///
/// ```
/// use newsearch::{SearchOptions, Weights};
///
/// // No proximity scoring, and titles counting as much as passages.
/// let weights = Weights::default().pair(0.0).title(1.0);
/// let options = SearchOptions::default().weights(weights);
/// assert_eq!(options.weights.pair, 0.0);
/// ```
///
/// New weights may come, so the struct is not built with a literal:
///
/// ```compile_fail
/// let weights = newsearch::Weights { pair: 0.0, ..Default::default() };
/// ```
#[derive(Debug, Clone, Copy, PartialEq, derive_setters::Setters)]
#[non_exhaustive]
pub struct Weights {
    /// Stemmed passage text (Arabic; the word itself in other languages).
    pub text: f32,
    /// Exact form in the passage text, added to the stemmed match (Arabic,
    /// other languages).
    pub exact: f32,
    /// Each form of the word's stem in a French passage (found in the
    /// exact field, see `has_stemmed_text`), the word's own included.
    pub text_fr: f32,
    /// Exact form in the passage text, French.
    pub exact_fr: f32,
    /// How much a passage's length weighs in its BM25 score, Arabic and
    /// other languages: the average passage length BM25 compares a passage
    /// with is divided by it (1: tantivy's BM25, k1 1.2 and b 0.75).
    pub passage_length: f32,
    /// The same for French passages. At 1/16, BM25 scores them as with k1
    /// about 0.36 and b about 0.16 (times a constant): passages are already
    /// cut to a bounded length, and full length normalization against an
    /// average set by one kind of text (short news paragraphs) sinks the
    /// longer paragraphs of another (encyclopedia paragraphs) in a mixed
    /// archive. Arabic passages, ranked by stems, lose with it (EVALUATION.md).
    pub passage_length_fr: f32,
    /// Stemmed title.
    pub title: f32,
    /// Exact form in the title.
    pub title_exact: f32,
    /// Stemmed text of the whole article.
    pub body: f32,
    /// An article's n-th best passage adds `passage_decay^n` of its score
    /// to the best one's (0: the best passage alone).
    pub passage_decay: f32,
    /// Factor on optional interrogatives ("combien", متى), and on the
    /// word after a French interrogative determiner ("quelle année"), in a
    /// query that has other words; 0 leaves them out.
    pub question: f32,
    /// Weight of two consecutive query words found near each other in a
    /// passage (0: no proximity scoring).
    pub pair: f32,
    /// The lead passage (the first of an article of several paragraphs)
    /// scores `1 + lead` times its BM25 score.
    pub lead: f32,
    /// When the leading articles are ranked again among themselves, a
    /// query word that every one of them has counts `1 - shared` times
    /// (0: no second ranking; see `src/search/rerank.rs`).
    pub shared: f32,
    /// A capitalized word of a question other than its first (a name:
    /// "Que faisait Stablewski adolescent ?") scores `1 + name` times; see
    /// `newsearch_analyzers::question::is_capitalized`.
    pub name: f32,
    /// A word matched in the passages of a language its script does not
    /// write (a Latin name inside Arabic text, an Arabic word quoted in
    /// French) counts `foreign` times: the script a reader types in says
    /// which language they read.
    pub foreign: f32,
    /// A query word's spelling in the other script from the name tables
    /// (Caire → القاهرة) counts `translation` times a match of the word
    /// itself: a match through translation is a foreign match, it finds
    /// the other language's coverage without passing an article that has
    /// the words themselves (see `query/translate.rs`).
    pub translation: f32,
    /// The same for a word's lexicon translation (négociation → مفاوضة),
    /// or for a name that is also a common word: one sense of several.
    pub translation_word: f32,
    /// A word's n-th lexicon translation (from 0, best first) counts
    /// `translation_rank^n` times its first: the later senses are the
    /// rarer ones.
    pub translation_rank: f32,
    /// The same for a name the tables lack, searched as the other
    /// language's vocabulary word that sounds the same, or for another
    /// spelling of a known name found that way: a guess.
    pub translation_guess: f32,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            text: 1.0,
            exact: 0.3,
            // French passages are ranked by word forms, the article by
            // stems (see `passage_weights`); a passage with another form
            // of a word still matches, far behind.
            text_fr: 0.02,
            exact_fr: 0.6,
            passage_length: 1.0,
            passage_length_fr: 0.0625,
            title: 0.5,
            title_exact: 0.15,
            body: 1.0,
            passage_decay: 0.0,
            question: 0.5,
            pair: 0.1,
            lead: 0.1,
            shared: 0.5,
            name: 0.25,
            foreign: 0.5,
            translation: 0.5,
            translation_word: 0.35,
            translation_rank: 1.0,
            translation_guess: 0.25,
        }
    }
}

impl Weights {
    /// The weights of the stemmed and the exact passage field of `lang`.
    ///
    /// An Arabic word's exact form keeps its clitics and attached pronouns
    /// (القاهرة, بالقاهرة, والقاهرة; مفاوضات, مفاوضاتها), so a passage
    /// holds the same word under many exact forms: passages are matched on
    /// stems, and an exact form adds to that. A French word's exact form,
    /// once elision, case and accents are dealt with, is the word itself,
    /// inflected for number, gender or tense only, while the light stemmer
    /// also joins derived words (politique, politiquement): passages are
    /// ranked by word forms, a stem-only match counting a small fraction
    /// of that so that the passage is still found, and the stems count in
    /// full in the whole-article field, where they find what an exact form
    /// misses. In languages without a stemmer a word is its own stem: its
    /// exact term takes both weights.
    pub fn passage_weights(&self, lang: Lang) -> (f32, f32) {
        match lang {
            Lang::Fr => (self.text_fr, self.exact_fr),
            Lang::Ar | Lang::Other => (self.text, self.exact),
        }
    }

    /// The weight of a passage's length in `lang` (see [`Weights::passage_length`]).
    pub fn passage_length_of(&self, lang: Lang) -> f32 {
        match lang {
            Lang::Fr => self.passage_length_fr,
            Lang::Ar | Lang::Other => self.passage_length,
        }
    }
}

// Query building (crate::query::build).

/// Extra words allowed between two consecutive query words
/// for their proximity to count: room for an adjective, an article or a
/// name between a noun and its complement ("vigilance orange" in "vigilance
/// météo orange", وزير الخارجية in وزير خارجية السعودية).
pub(crate) const PAIR_SLOP: u32 = 2;

// Query building: unknown words searched as a near spelling (crate::query::spelling).

/// The shortest word respelt, in characters.
pub(crate) const MIN_CHARS: usize = 5;

/// Words of this many characters or more may be two edits away.
pub(crate) const TWO_EDITS_FROM: usize = 10;

// First ranking: documents collapsed into articles (crate::search::rank).

/// Documents fetched per requested article on the first try; more are
/// fetched when they do not cover enough distinct articles.
pub(crate) const DOCS_PER_ARTICLE: usize = 8;
/// Articles are ranked from the documents of at least this many: an
/// article's score adds its article document and its best passage only
/// when both are among the fetched documents, so a window sized by the
/// limit would rank the first ten differently for `--limit 10` and
/// `--limit 100`.
pub(crate) const MIN_RANKED_ARTICLES: usize = 100;

// Second ranking: the leading articles among themselves (crate::search::rerank).

/// How many of the first articles are ranked again. Few: the further down,
/// the more the candidates differ in the words that chose them, and a word
/// that all of them share is rarer.
pub(crate) const LEADING: usize = 5;

// The articles a word matches are one bit each of a `u32`.
const _: () = assert!(LEADING < 32);

// Presentation: the passages shown for each hit (crate::search::present).

/// Further passages of an article looked at for a second one to show.
pub(crate) const SECOND_PASSAGE_CANDIDATES: usize = 4;
/// Passages fetched per article in the one search that finds a passage to
/// show for the articles ranked without one.
pub(crate) const PASSAGES_PER_UNPLACED: usize = 8;
