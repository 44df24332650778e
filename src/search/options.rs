//! What a search is asked for: [`SearchOptions`], with its typed parts
//! ([`Sort`], [`Day`](crate::Day)).

use std::time::Instant;

use crate::error::{Error, Result};
use crate::ingest::Day;
use crate::text::lang::Lang;
use crate::weights::Weights;

/// How to run a search.
///
/// Start from the defaults (ten hits by score, translation on) and chain
/// a setter for each option to change; every setter is named after its
/// field. Options that hold an `Option` take the value or `None`.
///
/// ```
/// use newsearch::{Lang, SearchOptions, Sort};
///
/// let options = SearchOptions::default()
///     .limit(20)
///     .offset(20)
///     .sort(Sort::DateDesc)
///     .lang(Lang::Fr)
///     .since("2024-01-01".parse::<newsearch::Day>()?)
///     .sources(vec!["le monde".to_string()])
///     .facets(true);
/// assert_eq!((options.limit, options.lang), (20, Some(Lang::Fr)));
/// assert!(options.translate);
/// # Ok::<(), newsearch::Error>(())
/// ```
///
/// The struct may gain options, so it is not built with a literal:
///
/// ```compile_fail
/// let options = newsearch::SearchOptions { limit: 20, ..Default::default() };
/// ```
#[derive(Debug, Clone, PartialEq, derive_setters::Setters)]
#[non_exhaustive]
pub struct SearchOptions {
    /// Number of hits (articles, or passages with `all_passages`). At least 1.
    pub limit: usize,
    /// Number of hits to skip before the first one returned: the page
    /// starting at `offset` holds hits `offset + 1` to `offset + limit`.
    pub offset: usize,
    /// The order of the hits.
    pub sort: Sort,
    /// Only passages in this language (and article bodies written in it).
    #[setters(into)]
    pub lang: Option<Lang>,
    /// Only articles dated on or after this day.
    #[setters(into)]
    pub since: Option<Day>,
    /// Only articles dated on or before this day.
    #[setters(into)]
    pub until: Option<Day>,
    /// Only articles from one of these sources (compared trimmed and
    /// lowercased); empty for every source.
    pub sources: Vec<String>,
    /// Count the matching articles by source, language and month
    /// ([`SearchResults::facets`](crate::SearchResults::facets)).
    pub facets: bool,
    /// Also search the other language through the query words'
    /// translations and spellings in its script (a French word finds the
    /// Arabic coverage, an Arabic word the French; see
    /// [`Searcher::translated`](crate::Searcher::translated)). On by default.
    pub translate: bool,
    /// List every matching passage instead of one entry per article.
    pub all_passages: bool,
    /// Fetch stored fields and highlight passages. Off for batch ranking,
    /// where hits carry only rank, article id and score.
    pub details: bool,
    /// Field weights.
    pub weights: Weights,
    /// Stop the search at this instant: past it, the search stops where it
    /// is (between steps, or within a block of the documents it visits)
    /// and returns [`Error::TimedOut`]. `None` (the default) for no limit.
    #[setters(into)]
    pub deadline: Option<Instant>,
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions {
            limit: 10,
            offset: 0,
            sort: Sort::Score,
            lang: None,
            since: None,
            until: None,
            sources: Vec::new(),
            facets: false,
            translate: true,
            all_passages: false,
            details: true,
            weights: Weights::default(),
            deadline: None,
        }
    }
}

/// The order of hits.
///
/// Its names, as the command line (`--sort`) and the server (`sort=`)
/// take them: `score`, `date-desc` and `date-asc`; `date` is another name
/// for `date-desc`.
///
/// ```
/// use newsearch::Sort;
///
/// assert_eq!("date-asc".parse::<Sort>()?, Sort::DateAsc);
/// assert_eq!("date".parse::<Sort>()?, Sort::DateDesc);
/// assert_eq!(Sort::DateDesc.to_string(), "date-desc");
/// assert!("sideways".parse::<Sort>().is_err());
/// # Ok::<(), newsearch::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sort {
    /// Best match first.
    #[default]
    Score,
    /// Latest article first; undated articles last.
    DateDesc,
    /// Earliest article first; undated articles last.
    DateAsc,
}

impl Sort {
    /// Every order, by the name [`Sort::name`] gives it.
    pub const ALL: [Sort; 3] = [Sort::Score, Sort::DateDesc, Sort::DateAsc];

    /// The order's name: `score`, `date-desc` or `date-asc`.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Score => "score",
            Sort::DateDesc => "date-desc",
            Sort::DateAsc => "date-asc",
        }
    }
}

impl std::fmt::Display for Sort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Sort {
    type Err = Error;

    /// An order by its name (see [`Sort`]), case and surrounding spaces
    /// ignored.
    fn from_str(name: &str) -> Result<Sort> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("date") {
            return Ok(Sort::DateDesc);
        }
        Sort::ALL
            .into_iter()
            .find(|sort| sort.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                Error::InvalidOption(format!(
                    "{name:?} is not an order; use score, date-desc (or date) or date-asc"
                ))
            })
    }
}

impl SearchOptions {
    /// Fails on options that cannot go together: a zero limit, a range
    /// that ends before it starts, date order over single passages.
    pub(crate) fn check(&self) -> Result<()> {
        if self.limit == 0 {
            return Err(Error::InvalidOption("the limit must be at least 1".into()));
        }
        if let (Some(since), Some(until)) = (self.since, self.until) {
            if since > until {
                return Err(Error::InvalidOption(format!(
                    "the date range ends ({until}) before it starts ({since}); swap since and until"
                )));
            }
        }
        if self.all_passages && self.sort != Sort::Score {
            return Err(Error::InvalidOption(
                "passages are listed by score; sort by date lists articles (leave out the passages option)"
                    .into(),
            ));
        }
        Ok(())
    }
}
