//! What goes wrong while serving: starting the server ([`ServeError`]) and
//! answering one request ([`ApiError`], a status and a one-line message,
//! sent as `{"error": "…"}`).

use std::net::SocketAddr;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Starting or running the server failed.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address cannot be listened on (in use, or not this machine's).
    #[error("cannot listen on {addr}: {reason}; is another server running there? choose another with --addr")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the system said (in the message, so not a separate source).
        reason: std::io::Error,
    },
    /// Accepting connections failed.
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
    /// The search threads cannot be started.
    #[error("cannot start the search threads: {0}; the system may be out of threads or memory")]
    Threads(String),
}

/// A request that cannot be answered: its HTTP status and why, in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong and, where there is one, what to do.
    pub message: String,
}

impl ApiError {
    /// A 400: the request itself is at fault.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// A 404.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// A 503: the index cannot be read now.
    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: message.into(),
        }
    }
}

impl From<crate::Error> for ApiError {
    fn from(err: crate::Error) -> ApiError {
        use crate::Error;
        let status = match err {
            Error::NoSearchableWords(_) | Error::InvalidOption(_) => StatusCode::BAD_REQUEST,
            Error::TimedOut => StatusCode::REQUEST_TIMEOUT,
            Error::NotAnIndex(_) | Error::Open { .. } | Error::Incompatible { .. } => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError {
            status,
            message: err.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message });
        (self.status, Json(body)).into_response()
    }
}

/// Gives the plain-text or bodiless errors of the limit layers (a
/// timeout's 408, a body limit's 413), of axum's extractors and of the
/// router the same JSON form as the handlers'; the page's own HTML errors
/// are left as they are.
pub(crate) async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let formatted = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|kind| {
            let kind = kind.as_bytes();
            kind.starts_with(b"application/json") || kind.starts_with(b"text/html")
        });
    if !(status.is_client_error() || status.is_server_error()) || formatted {
        return response;
    }
    let message = match status {
        StatusCode::REQUEST_TIMEOUT => "the request took too long; try a narrower query".into(),
        StatusCode::PAYLOAD_TOO_LARGE => "the request body is too large".into(),
        StatusCode::NOT_FOUND => {
            "no such page; see /health, /search, /articles/{id}, /stats".into()
        }
        StatusCode::METHOD_NOT_ALLOWED => "only GET is served".into(),
        other => other
            .canonical_reason()
            .unwrap_or("the request failed")
            .to_lowercase(),
    };
    ApiError { status, message }.into_response()
}
