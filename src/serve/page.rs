//! The search page at `/`: a GET form and the results, rendered on the
//! server with maud, which escapes every value it prints. Document text
//! reaches the page only as [`Clean`] (control characters and bidi
//! overrides removed), built from hits in [`HitView`].

use std::borrow::Cow;

use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, Render, DOCTYPE};

use super::error::ApiError;
use super::request::{self, Results, SearchParams, SearchRequest};
use super::AppState;
use crate::show::output::window_pieces;
use crate::{Hit, PassageHit};

/// The page's style sheet, served by the binary itself.
const STYLE: &str = include_str!("style.css");

/// `GET /style.css`.
pub(crate) async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

/// `GET /?q=…`: the form, and the results of the query if there is one.
pub(crate) async fn search_page(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Response {
    let params = match SearchParams::parse(query.as_deref()) {
        Ok(params) => params,
        Err(err) => return page(&SearchParams::default(), Outcome::Failed(err)),
    };
    let outcome = match answer(&state, &params).await {
        Ok(Some((request, results))) => Outcome::Found(Box::new((request, results))),
        Ok(None) => Outcome::Empty,
        Err(err) => Outcome::Failed(err),
    };
    page(&params, outcome)
}

async fn answer(
    state: &AppState,
    params: &SearchParams,
) -> Result<Option<(SearchRequest, Results)>, ApiError> {
    let Some(request) = params.check(state.limits())? else {
        return Ok(None);
    };
    let index = state.index()?;
    state
        .blocking(move || {
            let results = request::run(&index, &request)?;
            Ok(Some((request, results)))
        })
        .await
}

enum Outcome {
    Empty,
    Found(Box<(SearchRequest, Results)>),
    Failed(ApiError),
}

fn page(params: &SearchParams, outcome: Outcome) -> Response {
    let status = match &outcome {
        Outcome::Failed(err) => err.status,
        _ => StatusCode::OK,
    };
    let q = params.q.as_deref().unwrap_or_default();
    let title = if q.trim().is_empty() {
        "newsearch".to_string()
    } else {
        format!("{} — newsearch", Clean::new(q).0)
    };
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="stylesheet" href="/style.css";
            }
            body {
                (form(params))
                main {
                    @match &outcome {
                        Outcome::Empty => {}
                        Outcome::Failed(err) => {
                            p.error role="alert" { (err.message) }
                        }
                        Outcome::Found(found) => {
                            (results(params, &found.0, &found.1))
                        }
                    }
                }
            }
        }
    };
    (status, markup).into_response()
}

/// The search form: a GET form, so results have a URL and need no script.
fn form(params: &SearchParams) -> Markup {
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let lang = value(&params.lang);
    html! {
        header {
            form.search method="get" action="/" role="search" {
                a.home href="/" { "newsearch" }
                input type="search" name="q" value=(value(&params.q)) dir="auto"
                    aria-label="Search" placeholder="القاهرة, cessez-le-feu…" autofocus;
                select name="lang" aria-label="Language" {
                    option value="" selected[lang.is_empty()] { "all languages" }
                    option value="ar" selected[lang == "ar"] { "العربية" }
                    option value="fr" selected[lang == "fr"] { "français" }
                }
                label { "from " input type="date" name="since" value=(value(&params.since)); }
                label { "to " input type="date" name="until" value=(value(&params.until)); }
                @if let Some(limit) = &params.limit {
                    input type="hidden" name="limit" value=(limit);
                }
                @if let Some(translate) = &params.translate {
                    input type="hidden" name="translate" value=(translate);
                }
                button type="submit" { "Search" }
            }
        }
    }
}

fn results(params: &SearchParams, request: &SearchRequest, results: &Results) -> Markup {
    let first = request.offset + 1;
    let last = request.offset + results.hits.len();
    html! {
        @for respelling in &results.respelled {
            p.note {
                "“" bdi { (Clean::new(&respelling.word)) } "” is not in the archive; searched “"
                bdi { (Clean::new(&respelling.searched)) } "” instead."
            }
        }
        @for translation in &results.translated {
            p.note.translated {
                "“" bdi { (Clean::new(&translation.words)) } "” also searched as “"
                bdi { (Clean::new(&translation.into.join(", "))) } "”."
            }
        }
        @if results.hits.is_empty() {
            p.count { "No results for “" bdi { (Clean::new(&request.q)) } "”." }
        } @else {
            p.count {
                "Results " (first) "–" (last)
                @if let Some(total) = results.total { " of " (total) }
            }
        }
        div.columns {
            ol.hits start=(first) {
                @for hit in &results.hits {
                    (HitView::new(hit))
                }
            }
            @if let Some(facets) = &results.facets {
                aside.facets { (facet_links(params, facets)) }
            }
        }
        nav.pages aria-label="Pages" {
            @if request.offset > 0 {
                a rel="prev" href=(page_link(params, request.offset.saturating_sub(request.limit))) {
                    "← Previous"
                }
            }
            @if results.more {
                a rel="next" href=(page_link(params, request.offset + request.limit)) { "Next →" }
            }
        }
    }
}

/// Links that narrow the query by one facet value: a source, a language,
/// a month (as a date range).
fn facet_links(params: &SearchParams, facets: &crate::Facets) -> Markup {
    let groups = [
        ("source", &facets.sources),
        ("lang", &facets.langs),
        ("month", &facets.months),
    ];
    html! {
        @for (name, counts) in groups {
            @if !counts.is_empty() {
                section {
                    h2 { (name) }
                    ul {
                        @for count in counts {
                            li {
                                a href=(facet_link(params, name, &count.value)) dir="auto" { (Clean::new(&count.value)) }
                                " " span.n { (count.count.to_string()) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn facet_link(params: &SearchParams, name: &str, value: &str) -> String {
    let mut narrowed = params.clone();
    narrowed.offset = None;
    match name {
        "lang" => narrowed.lang = Some(value.to_string()),
        "source" => narrowed.source = Some(value.to_string()),
        "month" => {
            narrowed.since = Some(format!("{value}-01"));
            narrowed.until = last_day_of(value);
        }
        _ => {}
    }
    link(&narrowed)
}

/// The last day of a `YYYY-MM` month, `YYYY-MM-DD`.
fn last_day_of(month: &str) -> Option<String> {
    (28..=31)
        .rev()
        .map(|day| format!("{month}-{day}"))
        .find(|date| date.parse::<crate::Day>().is_ok())
}

fn page_link(params: &SearchParams, offset: usize) -> String {
    let mut moved = params.clone();
    moved.offset = (offset > 0).then(|| offset.to_string());
    link(&moved)
}

/// `/?…` with the parameters that are set, percent-encoded.
fn link(params: &SearchParams) -> String {
    let set = |name: &'static str, value: &Option<String>| {
        value
            .as_deref()
            .filter(|v| !v.is_empty())
            .map(|v| (name, v.to_string()))
    };
    let pairs: Vec<(&str, String)> = [
        set("q", &params.q),
        set("lang", &params.lang),
        set("since", &params.since),
        set("until", &params.until),
        set("source", &params.source),
        set("sort", &params.sort),
        set("offset", &params.offset),
        set("limit", &params.limit),
        set("translate", &params.translate),
    ]
    .into_iter()
    .flatten()
    .collect();
    format!(
        "/?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

/// Text from a document, fit to print: control characters (C0, C1) and
/// the bidi embeddings, overrides and isolates that could reorder the page
/// around it are removed, line breaks and tabs become spaces. maud escapes
/// it when it is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clean<'a>(Cow<'a, str>);

impl<'a> Clean<'a> {
    /// Cleans `text`.
    pub fn new(text: &'a str) -> Clean<'a> {
        if !text.chars().any(needs_cleaning) {
            return Clean(Cow::Borrowed(text));
        }
        let cleaned = text
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if needs_cleaning(c) => None,
                c => Some(c),
            })
            .collect();
        Clean(Cow::Owned(cleaned))
    }

    /// The cleaned text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn needs_cleaning(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

impl Render for Clean<'_> {
    fn render_to(&self, buffer: &mut String) {
        let text: &str = &self.0;
        text.render_to(buffer);
    }
}

/// A hit as the page shows it.
pub struct HitView<'a> {
    title: Clean<'a>,
    url: Option<Clean<'a>>,
    meta: Vec<Clean<'a>>,
    duplicates: Vec<Clean<'a>>,
    passages: Vec<PassageView<'a>>,
}

impl<'a> HitView<'a> {
    /// The parts of `hit` the page shows, cleaned.
    pub fn new(hit: &'a Hit) -> HitView<'a> {
        let title = if hit.title.trim().is_empty() {
            &hit.article_id
        } else {
            &hit.title
        };
        let mut meta: Vec<Clean<'a>> = Vec::new();
        meta.extend(hit.source.as_deref().map(Clean::new));
        meta.extend(hit.date.as_deref().map(Clean::new));
        meta.extend(hit.passages.first().map(|p| Clean::new(&p.lang)));
        HitView {
            title: Clean::new(title),
            // Only web links: a `javascript:` url in an archive is no link.
            url: hit
                .url
                .as_deref()
                .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
                .map(Clean::new),
            meta,
            duplicates: hit.duplicates.iter().map(|id| Clean::new(id)).collect(),
            passages: hit.passages.iter().map(PassageView::new).collect(),
        }
    }
}

impl Render for HitView<'_> {
    fn render(&self) -> Markup {
        html! {
            li.hit {
                h2 dir="auto" {
                    @if let Some(url) = &self.url {
                        a href=(url) rel="noreferrer" { (self.title) }
                    } @else {
                        (self.title)
                    }
                }
                p.meta {
                    @for (i, item) in self.meta.iter().enumerate() {
                        @if i > 0 { " · " }
                        bdi { (item) }
                    }
                }
                @if !self.duplicates.is_empty() {
                    p.meta {
                        "also published as "
                        @for (i, id) in self.duplicates.iter().enumerate() {
                            @if i > 0 { ", " }
                            bdi { (id) }
                        }
                    }
                }
                @for passage in &self.passages {
                    (passage)
                }
            }
        }
    }
}

/// A passage's window, its matches marked.
struct PassageView<'a> {
    lang: Clean<'a>,
    cut_before: bool,
    pieces: Vec<(Clean<'a>, bool)>,
    cut_after: bool,
}

impl<'a> PassageView<'a> {
    fn new(passage: &'a PassageHit) -> PassageView<'a> {
        let window = window_pieces(passage);
        PassageView {
            lang: Clean::new(&passage.lang),
            cut_before: window.cut_before,
            pieces: window
                .pieces
                .iter()
                .map(|piece| (Clean::new(piece.text), piece.marked))
                .collect(),
            cut_after: window.cut_after,
        }
    }

    /// The passage's language as HTML names it, where it is one of the
    /// index's (not `other`).
    fn html_lang(&self) -> Option<&str> {
        Some(self.lang.as_str()).filter(|code| matches!(*code, "ar" | "fr"))
    }

    /// Arabic reads right to left; other passages take the direction of
    /// their first strong letter.
    fn dir(&self) -> &'static str {
        if self.lang.as_str() == "ar" {
            "rtl"
        } else {
            "auto"
        }
    }
}

impl Render for PassageView<'_> {
    fn render(&self) -> Markup {
        html! {
            p.passage dir=(self.dir()) lang=[self.html_lang()] {
                @if self.cut_before { "… " }
                @for (text, marked) in &self.pieces {
                    @if *marked { mark { (text) } } @else { (text) }
                }
                @if self.cut_after { " …" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Clean;

    #[test]
    fn clean_removes_controls_and_bidi_overrides() {
        let cases = [
            ("plain", "plain"),
            ("a\u{1b}[31mred", "a[31mred"),
            ("line\nbreak\ttab", "line break tab"),
            ("c1\u{85}\u{9b}x", "c1x"),
            ("evil\u{202E}txt.exe", "eviltxt.exe"),
            ("iso\u{2067}late\u{2069}", "isolate"),
            ("القاهرة\u{200F}", "القاهرة\u{200F}"),
        ];
        for (input, expected) in cases {
            assert_eq!(Clean::new(input).as_str(), expected, "{input:?}");
        }
    }
}
