//! Rebuilding an index aside and switching to it at once.
//!
//! `index --rebuild` must not leave readers without an index while it runs,
//! nor lose the old one to a crash. [`Rebuild`] builds the new index in a
//! hidden sibling folder (`.NAME.rebuilding`), holding the old index's
//! writer lock meanwhile, and [`Rebuild::finish`] swaps the two folders in
//! one step (`renameat2(RENAME_EXCHANGE)` on Linux; two renames elsewhere)
//! before deleting the old one. Until then the old index answers every
//! query; after a crash it is still there, and the next rebuild removes the
//! abandoned sibling.
//!
//! Only a folder newsearch created is ever deleted: one holding
//! `newsearch.json` and nothing but tantivy's files (or nothing at all).

use std::path::{Path, PathBuf};

use tantivy::directory::{Directory, DirectoryLock, MmapDirectory, INDEX_WRITER_LOCK};

use crate::error::{Error, Result};
use crate::index::{files, Index, META_FILE};

/// A new index being built beside the one in `target`, which it replaces
/// on [`Rebuild::finish`]. Dropped unfinished, it deletes what it built.
///
/// ```
/// # fn main() -> Result<(), newsearch::Error> {
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("index");
/// newsearch::Index::create(&path)?;
/// let rebuild = newsearch::Rebuild::start(&path)?;
/// let mut writer = rebuild.index().writer()?;
/// writer.add_article(&newsearch::Article {
///     id: "a1".into(),
///     text: "Les négociations reprennent au Caire.".into(),
///     ..Default::default()
/// }, None)?;
/// writer.finish()?;
/// rebuild.finish()?;
/// assert_eq!(newsearch::Index::open(&path)?.num_articles()?, 1);
/// # Ok(()) }
/// ```
pub struct Rebuild {
    target: PathBuf,
    staging: PathBuf,
    index: Option<Index>,
    /// The old index's writer lock, so no other writer commits to it while
    /// its replacement is built.
    _lock: Option<DirectoryLock>,
    finished: bool,
}

impl Rebuild {
    /// Starts rebuilding the index in `target`: creates an empty index
    /// beside it. Fails with [`Error::NotNewsearch`] if `target` holds
    /// anything newsearch did not create, and with [`Error::Locked`] while
    /// another process writes to it or rebuilds it.
    pub fn start(target: &Path) -> Result<Rebuild> {
        let exists = ours(target)?;
        let lock = if exists {
            Some(writer_lock(target)?)
        } else {
            None
        };
        let staging = staging_path(target)?;
        if ours(&staging)? {
            // Abandoned by a killed rebuild, unless one is running now.
            drop(writer_lock(&staging)?);
            std::fs::remove_dir_all(&staging).map_err(|source| Error::io(&staging, source))?;
        }
        let index = Index::create(&staging)?;
        Ok(Rebuild {
            target: target.to_path_buf(),
            staging,
            index: Some(index),
            _lock: lock,
            finished: false,
        })
    }

    /// The new index, empty at first: write to it with [`Index::writer`].
    pub fn index(&self) -> &Index {
        self.index
            .as_ref()
            .expect("the index is only taken by finish, which consumes self")
    }

    /// Puts the new index in place of the old one, in one step, and deletes
    /// the old one. Call it after the writer's last commit.
    pub fn finish(mut self) -> Result<()> {
        drop(self.index.take());
        let (staging, target) = (self.staging.clone(), self.target.clone());
        if target.exists() {
            swap(&staging, &target)?;
            // `staging` now holds the old index.
            self.finished = true;
            files::sync_folder(target.parent().unwrap_or(Path::new(".")))
                .map_err(|source| Error::io(&target, source))?;
            std::fs::remove_dir_all(&staging).map_err(|source| Error::io(&staging, source))?;
        } else {
            std::fs::rename(&staging, &target).map_err(|source| Error::io(&target, source))?;
            self.finished = true;
        }
        Ok(())
    }
}

impl Drop for Rebuild {
    fn drop(&mut self) {
        if !self.finished {
            drop(self.index.take());
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Whether `folder` holds a newsearch index (or an empty folder) that may
/// be replaced; `false` if it does not exist. Fails with
/// [`Error::NotNewsearch`] for anything else.
fn ours(folder: &Path) -> Result<bool> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(source) => return Err(Error::io(folder, source)),
    };
    let mut marked = false;
    let mut empty = true;
    for entry in entries {
        let entry = entry.map_err(|source| Error::io(folder, source))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        empty = false;
        marked |= name == META_FILE;
        if !super::is_index_file(&name) {
            return Err(Error::NotNewsearch(folder.to_path_buf()));
        }
    }
    if !empty && !marked {
        return Err(Error::NotNewsearch(folder.to_path_buf()));
    }
    Ok(true)
}

/// The hidden sibling folder a rebuild of `target` is built in.
fn staging_path(target: &Path) -> Result<PathBuf> {
    let name = target
        .file_name()
        .ok_or_else(|| Error::NotNewsearch(target.to_path_buf()))?;
    let mut staging = std::ffi::OsString::from(".");
    staging.push(name);
    staging.push(".rebuilding");
    Ok(target.with_file_name(staging))
}

/// tantivy's writer lock of the index in `folder`, without opening the
/// index (it may be damaged or of an older format).
fn writer_lock(folder: &Path) -> Result<DirectoryLock> {
    let directory = MmapDirectory::open(folder).map_err(|err| Error::Open {
        path: folder.to_path_buf(),
        message: err.to_string(),
    })?;
    directory
        .acquire_lock(&INDEX_WRITER_LOCK)
        .map_err(|err| match err {
            tantivy::directory::error::LockError::LockBusy => Error::Locked(folder.to_path_buf()),
            tantivy::directory::error::LockError::IoError(io) => Error::NotWritable {
                path: folder.to_path_buf(),
                reason: io.to_string(),
            },
        })
}

/// Exchanges the folders `a` and `b` atomically where the system can.
#[cfg(target_os = "linux")]
fn swap(a: &Path, b: &Path) -> Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // A file system without the exchange: two renames.
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => swap_in_two_steps(a, b),
        Err(errno) => Err(Error::io(b, errno.into())),
    }
}

#[cfg(not(target_os = "linux"))]
fn swap(a: &Path, b: &Path) -> Result<()> {
    swap_in_two_steps(a, b)
}

/// `b` moved aside, `a` renamed to `b`, the old `b` renamed to `a`: a
/// reader opening `b` in between finds no index for a moment.
fn swap_in_two_steps(a: &Path, b: &Path) -> Result<()> {
    let aside = a.with_extension("old");
    std::fs::rename(b, &aside).map_err(|source| Error::io(b, source))?;
    std::fs::rename(a, b).map_err(|source| Error::io(b, source))?;
    std::fs::rename(&aside, a).map_err(|source| Error::io(a, source))
}
