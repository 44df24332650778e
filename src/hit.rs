//! What a search returns: ranked articles ([`Hit`]) and the passages shown
//! for each ([`PassageHit`]), with their highlights.

use serde::Serialize;

/// One result: an article and its best passages.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Hit {
    /// 1 for the best hit.
    pub rank: usize,
    /// The article's id.
    pub article_id: String,
    /// Ranking score (higher is better).
    pub score: f32,
    /// The article's title.
    pub title: String,
    /// The article's url, or the path of the file it came from.
    pub url: Option<String>,
    /// The article's source.
    pub source: Option<String>,
    /// The article's date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The shown passages, best first (empty when highlighting is off).
    pub passages: Vec<PassageHit>,
    /// The ids of other articles with the same title and text, in order:
    /// copies of this one, left out of the ranking (see
    /// [`Searcher::search`](crate::Searcher::search)).
    pub duplicates: Vec<String>,
    /// The query words (as typed) whose translation a shown passage
    /// holds: the words this hit matched in the other language (see
    /// [`Searcher::translated`](crate::Searcher::translated)). Empty when
    /// highlighting is off.
    pub translated: Vec<String>,
}

/// A passage shown for a hit, with its highlights.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct PassageHit {
    /// Passage number in its article, from 0.
    pub number: u64,
    /// The passage's own score.
    pub score: f32,
    /// Language code of the passage.
    pub lang: String,
    /// The whole passage text.
    pub text: String,
    /// Byte ranges of `text` to highlight, sorted, each a whole word or phrase.
    pub highlights: Vec<std::ops::Range<usize>>,
    /// The window of `text` to show (byte range), cut at word boundaries.
    pub window: std::ops::Range<usize>,
}
