//! The JSON endpoints. Hits have the form of `newsearch query --json`
//! ([`JsonHit`]); errors are `{"error": "…"}` with an HTTP status.

use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::error::ApiError;
use super::request::{self, Results, SearchParams, SearchRequest};
use super::AppState;
use crate::show::output::JsonHit;
use crate::Respelling;
use crate::{ArticleInfo, FORMAT_VERSION};

/// The reply to `GET /search`.
#[derive(Debug, Serialize)]
pub struct SearchReply<'a> {
    /// The query searched.
    pub query: &'a str,
    /// Hits skipped before these.
    pub offset: usize,
    /// Hits asked for.
    pub limit: usize,
    /// Number of matching articles; `null` where not counted.
    pub total: Option<u64>,
    /// The offset of the next page, `null` on the last one.
    pub next_offset: Option<usize>,
    /// The hits, ranked from `offset + 1`.
    pub hits: Vec<JsonHit<'a>>,
    /// The matching articles counted by source, language and month (as
    /// `newsearch query --json --facets` prints them).
    pub facets: Option<&'a crate::Facets>,
    /// Query words searched under another spelling.
    pub respelled: &'a [Respelling],
    /// Query words also searched in the other language
    /// (`{"words":…,"into":[…]}`); empty with `translate=false`.
    pub translated: &'a [crate::Translation],
}

impl<'a> SearchReply<'a> {
    fn new(request: &'a SearchRequest, results: &'a Results) -> SearchReply<'a> {
        SearchReply {
            query: &request.q,
            offset: request.offset,
            limit: request.limit,
            total: results.total,
            next_offset: results.more.then_some(request.offset + request.limit),
            hits: results.hits.iter().map(JsonHit::from).collect(),
            facets: results.facets.as_ref(),
            respelled: &results.respelled,
            translated: &results.translated,
        }
    }
}

/// `GET /search?q=…&lang=&since=&until=&source=&sort=&offset=&limit=&translate=`.
pub(crate) async fn search(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let params = SearchParams::parse(query.as_deref())?;
    let Some(request) = params.check(state.limits())? else {
        return Err(ApiError::bad_request("no query: add q=WORDS"));
    };
    let index = state.index()?;
    let (request, results) = state
        .blocking(move || {
            let results = request::run(&index, &request)?;
            Ok((request, results))
        })
        .await?;
    Ok(Json(SearchReply::new(&request, &results)).into_response())
}

/// `GET /articles/{id}`: what the index holds about one article.
pub(crate) async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ArticleInfo>, ApiError> {
    let index = state.index()?;
    state
        .blocking(move || match index.article(&id)? {
            Some(info) => Ok(Json(info)),
            None => Err(ApiError::not_found(format!(
                "no article {id:?} in the index"
            ))),
        })
        .await
}

/// The reply to `GET /stats`.
#[derive(Debug, Serialize)]
pub struct Stats {
    /// Articles in the last commit seen.
    pub articles: u64,
    /// Size of the index files, in bytes.
    pub size_bytes: u64,
    /// The index format version.
    pub format: u32,
}

/// `GET /stats`: what the index holds.
pub(crate) async fn stats(State(state): State<AppState>) -> Result<Json<Stats>, ApiError> {
    let index = state.index()?;
    state
        .blocking(move || {
            Ok(Json(Stats {
                articles: index.num_articles()?,
                size_bytes: index.size_on_disk(),
                format: FORMAT_VERSION,
            }))
        })
        .await
}

/// `GET /health`: 200 `{"status": "ok"}` while the index can be searched,
/// else 503 with the reason.
pub(crate) async fn health(
    State(state): State<AppState>,
) -> Result<Json<serde_json::Value>, ApiError> {
    state.index()?;
    Ok(Json(serde_json::json!({ "status": "ok" })))
}
