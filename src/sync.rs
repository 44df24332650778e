//! Locks for the caches a [`Searcher`](crate::Searcher) fills as it runs,
//! so that one searcher can be shared across threads, and for the index's
//! file maps (`index::mapped`).

use std::sync::{Mutex, MutexGuard};

/// The cache behind `mutex`. A cache holds only values read from the
/// index, so one left by a thread that panicked is still right: the poison
/// is ignored rather than passed on as a panic.
pub(crate) fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
