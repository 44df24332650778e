//! `newsearch serve`: the index over HTTP, as a JSON API and a web page.
//!
//! - `api`: `GET /search`, `/articles/{id}`, `/stats`, `/health`, JSON in
//!   the same hit format as `newsearch query --json`.
//! - `page`: `GET /`, a server-rendered search page that works without
//!   JavaScript, Arabic passages right to left, matches in `<mark>`.
//! - `request`: the search parameters, checked once, and the one call
//!   into the search library.
//! - `error`: startup errors and the JSON error replies.
//!
//! One [`Index`] handle is shared by every request; each search runs on
//! one of [`Config::search_threads`] (a thread per core), over the last
//! commit seen, and requests beyond wait their turn. A background task
//! reloads the index every [`Config::reload_every`], so articles that
//! another process indexes meanwhile appear without a restart (and reads
//! the vocabularies that query translation looks names up in for each new
//! commit, so that no request waits for them), and opens it once it
//! exists: until then requests get 503. Limits on the query,
//! the request body and the time a request may take are tower layers.
//!
//! ```no_run
//! # async fn run() -> Result<(), newsearch::serve::ServeError> {
//! use newsearch::serve::{bind, serve, Config};
//! let config = Config::new("index".into());
//! let listener = bind("127.0.0.1:7700".parse().unwrap()).await?;
//! serve(listener, config, std::future::pending()).await
//! # }
//! ```

mod api;
mod error;
mod page;
mod request;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::{ApiError, ServeError};

use crate::Index;

/// Bounds on what one request may ask and take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Longest query, in bytes of UTF-8.
    pub max_query_bytes: usize,
    /// Most hits per page.
    pub max_limit: usize,
    /// Deepest page: the largest `offset`.
    pub max_offset: usize,
    /// Largest request body (no endpoint reads one).
    pub max_body_bytes: usize,
    /// Time a request may take before it is answered 408.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_query_bytes: 1024,
            max_limit: 100,
            max_offset: 1000,
            max_body_bytes: 16 * 1024,
            timeout: Duration::from_secs(10),
        }
    }
}

/// What to serve and how.
#[derive(Debug, Clone)]
pub struct Config {
    /// The index folder.
    pub index: PathBuf,
    /// Request limits.
    pub limits: Limits,
    /// How often to look for a new commit (or for the index, until it opens).
    pub reload_every: Duration,
    /// Threads that search (and do the other reads of the index); requests
    /// beyond wait their turn, first come first served, within their time
    /// limit.
    pub search_threads: usize,
}

impl Config {
    /// Serves the index in `index` with the default limits, reloading every
    /// second, with a search thread per core.
    pub fn new(index: PathBuf) -> Config {
        Config {
            index,
            limits: Limits::default(),
            reload_every: Duration::from_secs(1),
            search_threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// The state every handler sees.
#[derive(Clone)]
pub(crate) struct AppState(Arc<Shared>);

pub(crate) struct Shared {
    config: Config,
    index: RwLock<Opened>,
    /// The [`Config::search_threads`]. More searches at once than cores
    /// would share the cores and their caches: each would take longer, and
    /// all of them together too (a fifth more CPU per request, measured).
    searchers: rayon::ThreadPool,
}

/// The index, or why it cannot be read now.
#[derive(Clone)]
enum Opened {
    Ready(Arc<Index>),
    Unavailable(String),
}

impl AppState {
    fn new(config: Config) -> Result<AppState, ServeError> {
        let opened = match Index::open(&config.index) {
            Ok(index) => Opened::Ready(Arc::new(index)),
            Err(err) => Opened::Unavailable(err.to_string()),
        };
        let searchers = rayon::ThreadPoolBuilder::new()
            .num_threads(config.search_threads.max(1))
            .thread_name(|n| format!("newsearch-search-{n}"))
            .build()
            .map_err(|err| ServeError::Threads(err.to_string()))?;
        Ok(AppState(Arc::new(Shared {
            config,
            index: RwLock::new(opened),
            searchers,
        })))
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.0.config.limits
    }

    /// The open index, or a 503 saying why there is none.
    pub(crate) fn index(&self) -> Result<Arc<Index>, ApiError> {
        match &*self.0.index.read().unwrap_or_else(|e| e.into_inner()) {
            Opened::Ready(index) => Ok(Arc::clone(index)),
            Opened::Unavailable(why) => Err(ApiError::unavailable(why.clone())),
        }
    }

    /// Makes searches see the last commit, opening the index if it was not.
    fn refresh(&self) {
        let current = self
            .0
            .index
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let next = match current {
            Opened::Ready(index) => match index.reload() {
                Ok(()) => {
                    // A failure here is the next request's to report.
                    let _ = index.prepare_searches();
                    return;
                }
                // Rebuilt or removed under us: open it afresh, or say why not.
                Err(_) => Index::open(&self.0.config.index),
            },
            Opened::Unavailable(_) => Index::open(&self.0.config.index),
        };
        let next = match next {
            Ok(index) => Opened::Ready(Arc::new(index)),
            Err(err) => Opened::Unavailable(err.to_string()),
        };
        *self.0.index.write().unwrap_or_else(|e| e.into_inner()) = next;
    }

    /// Runs blocking index work on one of the search threads, off the
    /// threads that answer connections, in the order asked.
    pub(crate) async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        self.0.searchers.spawn(move || {
            // A panic would end the process on a pool thread; the library
            // turns its own into errors, this catches any other.
            let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
            let _ = answer.send(done);
        });
        match answered.await {
            Ok(Ok(done)) => done,
            Ok(Err(_)) | Err(_) => Err(ApiError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: "the search failed unexpectedly; the server goes on".into(),
            }),
        }
    }
}

/// The routes and their limits, over `state`.
fn router(state: AppState) -> Router {
    let limits = state.limits().clone();
    Router::new()
        .route("/", get(page::search_page))
        .route("/style.css", get(page::style))
        .route("/search", get(api::search))
        // Ids of articles read from folders are paths: `{*id}` keeps their slashes.
        .route("/articles/{*id}", get(api::article))
        .route("/stats", get(api::stats))
        .route("/health", get(api::health))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .with_state(state)
        .layer(axum::middleware::map_response(error::json_errors))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.timeout,
        ))
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
}

/// Listens on `addr`.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, ServeError> {
    TcpListener::bind(addr)
        .await
        .map_err(|reason| ServeError::Bind { addr, reason })
}

/// Serves the index of `config` on `listener` until `shutdown` completes,
/// then finishes the requests under way.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let reload_every = config.reload_every;
    let state = tokio::task::spawn_blocking(move || AppState::new(config))
        .await
        .map_err(|err| ServeError::Io(std::io::Error::other(err)))??;
    let reloader = tokio::spawn(reload_loop(state.clone(), reload_every));
    let served = axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await;
    reloader.abort();
    Ok(served?)
}

/// Refreshes the index every `period`, forever.
async fn reload_loop(state: AppState, period: Duration) {
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticks.tick().await;
    loop {
        ticks.tick().await;
        let state = state.clone();
        // A failed reload is reported by the requests (503), not here.
        let _ = tokio::task::spawn_blocking(move || state.refresh()).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

    /// Reads of the index run on the search threads alone, never more at
    /// once than there are threads, and every one is answered; one that
    /// panics is a 500 and the threads go on.
    #[test]
    fn reads_take_turns_on_the_search_threads() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::new(dir.path().join("index"));
        config.search_threads = 2;
        let state = AppState::new(config).unwrap();
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(4)
            .enable_all()
            .build()
            .unwrap();
        let names = runtime.block_on(async {
            let tasks: Vec<_> = (0..16)
                .map(|_| {
                    let (state, running, most) = (state.clone(), running.clone(), most.clone());
                    tokio::spawn(async move {
                        state
                            .blocking(move || {
                                most.fetch_max(running.fetch_add(1, SeqCst) + 1, SeqCst);
                                std::thread::sleep(Duration::from_millis(5));
                                running.fetch_sub(1, SeqCst);
                                Ok(std::thread::current().name().map(str::to_string))
                            })
                            .await
                    })
                })
                .collect();
            let mut names = Vec::new();
            for task in tasks {
                names.push(task.await.unwrap().unwrap());
            }
            names
        });
        assert_eq!(names.len(), 16);
        assert!((1..=2).contains(&most.load(SeqCst)), "{most:?}");
        for name in names {
            assert!(name.is_some_and(|n| n.starts_with("newsearch-search-")));
        }
        let failed = runtime.block_on(
            state.blocking(|| -> Result<(), ApiError> { panic!("a search that panics") }),
        );
        assert_eq!(
            failed.unwrap_err().status,
            StatusCode::INTERNAL_SERVER_ERROR
        );
        assert_eq!(runtime.block_on(state.blocking(|| Ok(1))).unwrap(), 1);
    }
}
