//! Reads of an index on disk that cannot panic.
//!
//! tantivy trusts its files: a flipped byte in a doc store or a fast field
//! can make it panic (an out-of-range slice in `file_slice.rs`, a bad block
//! in `block_reader.rs`) rather than return an error. Every read of an index
//! (open, search, article lookups, counts) runs through [`guarded`], which
//! turns such a panic, and any tantivy error on the way, into
//! [`Error::Damaged`] naming the index and the way to recover. The panic's
//! own message is kept out of the user's view: the panic hook stays quiet
//! while a guarded call runs on this thread.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;

use crate::error::{Error, Result};

thread_local! {
    /// Whether a guarded call is running on this thread.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read`, turning a panic into [`Error::Damaged`] for the index in
/// `path`.
pub(crate) fn guarded<T>(path: &Path, read: impl FnOnce() -> T) -> Result<T> {
    quiet_hook();
    let was = GUARDED.with(|g| g.replace(true));
    let outcome = catch_unwind(AssertUnwindSafe(read));
    GUARDED.with(|g| g.set(was));
    outcome.map_err(|_| Error::Damaged {
        path: path.to_path_buf(),
        detail: "a file of the index is damaged (tantivy could not read it)".into(),
    })
}

/// Runs a read of the index in `path` that returns a result: a panic, or a
/// tantivy or I/O error (the data did not read back), is
/// [`Error::Damaged`]; the library's own errors pass through.
pub(crate) fn guarded_read<T>(path: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    match guarded(path, read)? {
        Err(Error::Tantivy(err)) => Err(Error::damaged(path, err)),
        Err(Error::IndexData(err)) => Err(Error::damaged(path, err)),
        other => other,
    }
}

/// Installs, once, a panic hook that stays silent inside [`guarded`] and
/// defers to the previous hook everywhere else.
fn quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_damaged_index_error_and_values_pass() {
        let path = Path::new("idx");
        assert_eq!(guarded(path, || 7).unwrap(), 7);
        let err = guarded(path, || -> u8 { panic!("index out of range") }).unwrap_err();
        assert!(matches!(err, Error::Damaged { .. }), "{err}");
        assert!(err.to_string().contains("--rebuild"), "{err}");
        // Outside a guard the hook is the previous one again (not checked:
        // the test harness captures it), and the flag is reset.
        assert!(!GUARDED.with(Cell::get));
    }
}
