//! The folder of an index on disk, readable even where it cannot be written.
//!
//! tantivy takes a lock file, `.tantivy-meta.lock`, while a reader opens the
//! segments of the last commit, so that a writer in another process does not
//! delete them meanwhile. Creating that file fails in a folder the user may
//! not write to (an archive on a read-only mount, another user's index), and
//! tantivy then refuses to read at all. [`IndexDirectory`] reads such an
//! index without the lock: a process that cannot write to the folder is no
//! writer there, so only another user's writer could race with it.
//!
//! It also refuses to open what is not a regular file (a named pipe would
//! block the reader forever, `/dev/zero` would fill its memory), reads
//! metadata files only up to [`files::MAX_META_BYTES`], and writes them
//! with the permissions the umask allows: tantivy's temporary files are
//! 0600, which would hide a shared index's `meta.json` from other users.
//!
//! Its files are mapped by [`MappedFiles`], whose resident pages a writer
//! lets go while it merges (`mapped.rs`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, MmapDirectory, WatchCallback,
    WatchHandle, WritePtr,
};

use crate::index::files;
use crate::index::mapped::MappedFiles;

/// An [`MmapDirectory`] whose blocking read lock falls back to no lock
/// where the folder is not writable, which opens regular files only and
/// writes metadata with the umask's permissions.
#[derive(Debug, Clone)]
pub(crate) struct IndexDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    mapped: Arc<MappedFiles>,
}

impl IndexDirectory {
    pub(crate) fn open(path: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        Ok(IndexDirectory {
            inner: MmapDirectory::open(path)?,
            root: path.to_path_buf(),
            mapped: Arc::default(),
        })
    }

    /// The maps of the index files read through this directory.
    pub(crate) fn mapped_files(&self) -> Arc<MappedFiles> {
        self.mapped.clone()
    }

    /// Fails unless the index file `path` is a regular file of at most
    /// `max_bytes` (a missing file is left for tantivy to report).
    fn check_regular(&self, path: &Path, max_bytes: u64) -> Result<(), OpenReadError> {
        match files::check_regular(&self.root.join(path), max_bytes) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(OpenReadError::IoError {
                io_error: Arc::new(err),
                filepath: path.to_path_buf(),
            }),
            _ => Ok(()),
        }
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
        self.check_regular(path, u64::MAX)?;
        let full_path = self.root.join(path);
        match self.mapped.open(&full_path) {
            Ok(bytes) => Ok(Arc::new(bytes)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                Err(OpenReadError::FileDoesNotExist(path.to_path_buf()))
            }
            Err(err) => Err(OpenReadError::IoError {
                io_error: Arc::new(err),
                filepath: path.to_path_buf(),
            }),
        }
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        Ok(FileSlice::new(self.get_file_handle(path)?))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.mapped.forget(&self.root.join(path));
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.check_regular(path, files::MAX_META_BYTES)?;
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        files::write_atomically(&self.root.join(path), data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            // Only the readers' lock blocks; the writer's lock never falls back.
            Err(LockError::IoError(err)) if lock.is_blocking && not_writable(&err) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}
