//! The parameters of a search, as the API and the page take them, checked
//! once into a [`SearchRequest`], and the one place that asks the library
//! for results ([`run`]).

use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::Limits;
use crate::Respelling;
use crate::{Hit, Index, Lang, SearchOptions};

/// The query string of `/search` and `/`, as sent. Every field is text so
/// that an empty form field means "not given" and a bad value gets a
/// message naming it.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct SearchParams {
    /// The query.
    pub q: Option<String>,
    /// `ar` or `fr`: only passages in that language.
    pub lang: Option<String>,
    /// `YYYY-MM-DD`: only articles dated on or after.
    pub since: Option<String>,
    /// `YYYY-MM-DD`: only articles dated on or before.
    pub until: Option<String>,
    /// Only articles of this source.
    pub source: Option<String>,
    /// `score` (the default), `date-desc` or `date-asc`.
    pub sort: Option<String>,
    /// Number of hits to skip (paging).
    pub offset: Option<String>,
    /// Number of hits to return.
    pub limit: Option<String>,
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sort {
    /// Best match first.
    Score,
    /// Newest first.
    DateDesc,
    /// Oldest first.
    DateAsc,
}

/// A checked search: what [`run`] asks the library for.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// The query as typed.
    pub q: String,
    /// Only passages in this language.
    pub lang: Option<Lang>,
    /// Only articles dated on or after this day.
    pub since: Option<String>,
    /// Only articles dated on or before this day.
    pub until: Option<String>,
    /// Only articles of this source.
    pub source: Option<String>,
    /// Result order.
    pub sort: Sort,
    /// Hits skipped.
    pub offset: usize,
    /// Hits asked for.
    pub limit: usize,
}

/// Hits per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 10;

impl SearchParams {
    /// Reads a raw query string (`q=…&lang=…`, absent for none). Refuses one
    /// whose percent-encoded bytes are not UTF-8, rather than searching
    /// replacement characters.
    pub fn parse(raw: Option<&str>) -> Result<SearchParams, ApiError> {
        let raw = raw.unwrap_or_default();
        if percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .is_err()
        {
            return Err(ApiError::bad_request(
                "the query string is not UTF-8 once percent-decoded; encode the query as UTF-8",
            ));
        }
        serde_urlencoded::from_str(raw)
            .map_err(|err| ApiError::bad_request(format!("unreadable query string: {err}")))
    }

    /// `Ok(None)` where no query was given (the page then shows an empty
    /// form), else the checked request.
    pub fn check(&self, limits: &Limits) -> Result<Option<SearchRequest>, ApiError> {
        let q = self.q.as_deref().map(str::trim).unwrap_or_default();
        if q.is_empty() {
            return Ok(None);
        }
        if q.len() > limits.max_query_bytes {
            return Err(ApiError::bad_request(format!(
                "the query is {} bytes long; the limit is {}: shorten it",
                q.len(),
                limits.max_query_bytes
            )));
        }
        let lang = match given(&self.lang) {
            None => None,
            Some(code @ ("ar" | "fr")) => Lang::from_code(code),
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "lang={other:?} is not a language of the index; use ar or fr"
                )))
            }
        };
        let day = |value: &Option<String>, name: &str| -> Result<Option<String>, ApiError> {
            match given(value) {
                None => Ok(None),
                Some(day) if crate::parse_day(day).is_some() => Ok(Some(day.to_string())),
                Some(other) => Err(ApiError::bad_request(format!(
                    "{name}={other:?} is not a date; write it as YYYY-MM-DD"
                ))),
            }
        };
        let sort = match given(&self.sort) {
            None | Some("score") => Sort::Score,
            Some("date-desc") => Sort::DateDesc,
            Some("date-asc") => Sort::DateAsc,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "sort={other:?} is not an order; use score, date-desc or date-asc"
                )))
            }
        };
        let number = |value: &Option<String>, name: &str, default: usize, max: usize| {
            let Some(text) = given(value) else {
                return Ok(default);
            };
            match text.parse::<usize>() {
                Ok(n) if n <= max => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "{name}={text:?} is not a whole number from 0 to {max}"
                ))),
            }
        };
        let limit = number(&self.limit, "limit", DEFAULT_LIMIT, limits.max_limit)?;
        if limit == 0 {
            return Err(ApiError::bad_request("limit=0: ask for at least 1 hit"));
        }
        Ok(Some(SearchRequest {
            q: q.to_string(),
            lang,
            since: day(&self.since, "since")?,
            until: day(&self.until, "until")?,
            source: given(&self.source).map(str::to_string),
            sort,
            offset: number(&self.offset, "offset", 0, limits.max_offset)?,
            limit,
        }))
    }
}

/// The value of a parameter, `None` where absent or blank.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// One page of results.
#[derive(Debug, Clone)]
pub struct Results {
    /// The hits of the page, ranked from `offset + 1`.
    pub hits: Vec<Hit>,
    /// Whether hits follow this page.
    pub more: bool,
    /// Number of matching articles, where the library counts it.
    pub total: Option<u64>,
    /// Counts by source, language and month, where the library makes them.
    pub facets: Option<serde_json::Value>,
    /// Query words searched under another spelling.
    pub respelled: Vec<Respelling>,
}

/// Runs a checked search on the index: the one call from the server into
/// the search library.
///
/// The library returns the best hits from the first, so a page is the
/// slice after `offset` of `offset + limit + 1` hits (the one more tells
/// whether a next page exists). Sorting by date, the source filter, the
/// total and facets wait for the library's support and are refused.
pub fn run(index: &Index, request: &SearchRequest) -> Result<Results, ApiError> {
    if request.sort != Sort::Score {
        return Err(ApiError::bad_request(
            "sorting by date is not supported by this version; use sort=score",
        ));
    }
    if request.source.is_some() {
        return Err(ApiError::bad_request(
            "filtering by source is not supported by this version; leave out source=",
        ));
    }
    let options = SearchOptions {
        limit: request.offset + request.limit + 1,
        lang: request.lang,
        since: request.since.clone(),
        until: request.until.clone(),
        ..SearchOptions::default()
    };
    let mut searcher = index.searcher();
    let mut hits = searcher.search(&request.q, &options)?;
    let more = hits.len() > request.offset + request.limit;
    hits.truncate(request.offset + request.limit);
    let hits = hits.split_off(request.offset.min(hits.len()));
    Ok(Results {
        hits,
        more,
        total: None,
        facets: None,
        respelled: searcher.respelled().to_vec(),
    })
}
