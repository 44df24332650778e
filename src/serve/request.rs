//! The parameters of a search, as the API and the page take them, checked
//! once into a [`SearchRequest`], and the one place that asks the library
//! for results ([`run`]).

use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::Limits;
use crate::{Day, Facets, Hit, Index, Lang, SearchOptions, Sort};
use crate::{Respelling, Translation};

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
    /// `score` (the default), `date-desc` (or `date`) or `date-asc`: see
    /// [`Sort`].
    pub sort: Option<String>,
    /// Number of hits to skip (paging).
    pub offset: Option<String>,
    /// Number of hits to return.
    pub limit: Option<String>,
    /// `true` (the default) or `false`: whether query words are also
    /// searched through their translations into the other language.
    pub translate: Option<String>,
}

/// A checked search: what [`run`] asks the library for.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// The query as typed.
    pub q: String,
    /// Only passages in this language.
    pub lang: Option<Lang>,
    /// Only articles dated on or after this day.
    pub since: Option<Day>,
    /// Only articles dated on or before this day.
    pub until: Option<Day>,
    /// Only articles of this source.
    pub source: Option<String>,
    /// Result order.
    pub sort: Sort,
    /// Hits skipped.
    pub offset: usize,
    /// Hits asked for.
    pub limit: usize,
    /// Also search the other language (see [`SearchOptions::translate`]).
    pub translate: bool,
    /// When the request's time runs out ([`Limits::timeout`] after it was
    /// checked): the search stops there rather than run on unanswered.
    pub deadline: Instant,
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
        let day = |value: &Option<String>, name: &str| -> Result<Option<Day>, ApiError> {
            match given(value).map(str::parse::<Day>) {
                None => Ok(None),
                Some(Ok(day)) => Ok(Some(day)),
                Some(Err(_)) => Err(ApiError::bad_request(format!(
                    "{name}={:?} is not a date; write it as YYYY-MM-DD",
                    given(value).unwrap_or_default()
                ))),
            }
        };
        let sort = match given(&self.sort).map(str::parse::<Sort>) {
            None => Sort::Score,
            Some(Ok(sort)) => sort,
            Some(Err(err)) => return Err(ApiError::bad_request(format!("sort={err}"))),
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
        let translate = match given(&self.translate) {
            None | Some("true") => true,
            Some("false") => false,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "translate={other:?} is neither true nor false"
                )))
            }
        };
        Ok(Some(SearchRequest {
            q: q.to_string(),
            lang,
            since: day(&self.since, "since")?,
            until: day(&self.until, "until")?,
            source: given(&self.source).map(str::to_string),
            sort,
            offset: number(&self.offset, "offset", 0, limits.max_offset)?,
            limit,
            translate,
            deadline: Instant::now() + limits.timeout,
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
    /// Number of matching articles.
    pub total: Option<u64>,
    /// The matching articles counted by source, language and month.
    pub facets: Option<Facets>,
    /// Query words searched under another spelling.
    pub respelled: Vec<Respelling>,
    /// Query words also searched in the other language, and as what.
    pub translated: Vec<Translation>,
}

/// Runs a checked search on the index: the one call from the server into
/// the search library, which pages, sorts, filters by source, counts the
/// matching articles and their facets.
pub fn run(index: &Index, request: &SearchRequest) -> Result<Results, ApiError> {
    let options = SearchOptions::default()
        .limit(request.limit)
        .offset(request.offset)
        .sort(request.sort)
        .lang(request.lang)
        .since(request.since)
        .until(request.until)
        .sources(request.source.iter().cloned().collect::<Vec<_>>())
        .facets(true)
        .translate(request.translate)
        .deadline(request.deadline);
    let mut searcher = index.searcher();
    let results = searcher.results(&request.q, &options)?;
    Ok(Results {
        more: request.offset + results.hits.len() < results.total,
        total: Some(results.total as u64),
        hits: results.hits,
        facets: results.facets,
        respelled: searcher.respelled().to_vec(),
        translated: searcher.translated().to_vec(),
    })
}
