//! Small files of an index read and written safely: written whole or not
//! at all, with the permissions the umask allows, and read only when they
//! are regular files of a sane size.
//!
//! A half-written `newsearch.json` (a full disk) would make an index look
//! incompatible forever; a named pipe or `/dev/zero` put in place of an
//! index file would block a reader or fill its memory.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Largest metadata file read whole (`meta.json`, `newsearch.json`,
/// `.managed.json`): real ones are kilobytes.
pub(crate) const MAX_META_BYTES: u64 = 64 << 20;

/// Writes `bytes` to `path` atomically: into a temporary file beside it,
/// flushed to disk, then renamed over `path`, and the folder synced. A
/// reader sees the old content or the new, never a part. The file gets the
/// permissions the umask allows (as `File::create`), not a temporary
/// file's 0600.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temporary = temporary_beside(path);
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written?;
    sync_folder(path.parent().unwrap_or(Path::new(".")))
}

/// `path` with a hidden, process-unique name beside it.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Makes a rename in `folder` durable.
pub(crate) fn sync_folder(folder: &Path) -> io::Result<()> {
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    File::open(folder)?.sync_all()
}

/// Reads `path` whole if it is a regular file (following links) of at most
/// `max_bytes`; otherwise an `InvalidData` error that says what it is.
pub(crate) fn read_regular(path: &Path, max_bytes: u64) -> io::Result<Vec<u8>> {
    check_regular(path, max_bytes)?;
    let mut bytes = Vec::new();
    // Capped again while reading: the file may grow after the check.
    File::open(path)?
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(max_bytes));
    }
    Ok(bytes)
}

/// Fails unless `path` is a regular file (following links) of at most
/// `max_bytes`.
pub(crate) fn check_regular(path: &Path, max_bytes: u64) -> io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "not a regular file (a pipe, a device or a folder in place of an index file)",
        ));
    }
    if meta.len() > max_bytes {
        return Err(too_big(max_bytes));
    }
    Ok(())
}

fn too_big(max_bytes: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "over {} MiB, too big for an index metadata file",
            max_bytes >> 20
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_whole_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newsearch.json");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn pipes_devices_and_huge_files_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("meta.json");
        let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
        let err = read_regular(&fifo, MAX_META_BYTES).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        let err = read_regular(Path::new("/dev/zero"), MAX_META_BYTES).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        let big = dir.path().join("big");
        File::create(&big)
            .unwrap()
            .set_len(MAX_META_BYTES + 1)
            .unwrap();
        let err = read_regular(&big, MAX_META_BYTES).unwrap_err();
        assert!(err.to_string().contains("too big"), "{err}");
    }
}
