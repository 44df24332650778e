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

/// A page of hits, the number of matching articles and, when asked for,
/// their counts by source, language and month.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct SearchResults {
    /// The hits of the page asked for
    /// ([`SearchOptions::offset`](crate::SearchOptions::offset) and
    /// `limit`), in order.
    pub hits: Vec<Hit>,
    /// The number of matching articles, the page's and all others, copies
    /// of one article counting once (as they are one hit). It counts
    /// articles even when hits are passages.
    pub total: usize,
    /// Counts of the matching articles (`None` unless
    /// [`SearchOptions::facets`](crate::SearchOptions::facets) asked for them).
    pub facets: Option<Facets>,
}

/// The matching articles counted by source, language and month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Facets {
    /// By source (trimmed and lowercased), most articles first; articles
    /// without a source are not counted.
    pub sources: Vec<FacetCount>,
    /// By language code of the article (`ar`, `fr`, `other`), most first.
    pub langs: Vec<FacetCount>,
    /// By month of the date (`YYYY-MM`), in calendar order; undated
    /// articles are not counted.
    pub months: Vec<FacetCount>,
}

/// How many matching articles have one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FacetCount {
    /// The source, language code or month.
    pub value: String,
    /// Number of matching articles with it.
    pub count: usize,
}

impl FacetCount {
    /// Counts, most first, ties in the order of their values.
    pub(crate) fn most_first(counts: impl IntoIterator<Item = (String, usize)>) -> Vec<FacetCount> {
        let mut counts: Vec<FacetCount> = counts
            .into_iter()
            .map(|(value, count)| FacetCount { value, count })
            .collect();
        counts.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        counts
    }
}
