//! Splitting an article into passages.
