//! The folder of an index on disk, readable even where it cannot be written.
//!
//! tantivy takes a lock file, `.tantivy-meta.lock`, while a reader opens the
//! segments of the last commit, so that a writer in another process does not
//! delete them meanwhile. Creating that file fails in a folder the user may
//! not write to (an archive on a read-only mount, another user's index), and
//! tantivy then refuses to read at all. [`IndexDirectory`] reads such an
//! index without the lock: a process that cannot write to the folder is no
//! writer there, so only another user's writer could race with it.

use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, MmapDirectory, WatchCallback,
    WatchHandle, WritePtr,
};

/// An [`MmapDirectory`] whose blocking read lock falls back to no lock
/// where the folder is not writable.
#[derive(Debug, Clone)]
pub(crate) struct IndexDirectory(MmapDirectory);

impl IndexDirectory {
    pub(crate) fn open(path: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        MmapDirectory::open(path).map(IndexDirectory)
    }
}

/// Whether an error says the folder cannot be written.
fn not_writable(err: &std::io::Error) -> bool {
    matches!(
        err.kind(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.0.open_read(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            // Only the readers' lock blocks; the writer's lock never falls back.
            Err(LockError::IoError(err)) if lock.is_blocking && not_writable(&err) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
