//! Finding the input files under the paths given to `newsearch index`.

use super::problem::{SkipKind, Skipped};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Text files larger than this are skipped: one article of hundreds of
/// megabytes is a dump, not an article (split it, or convert it to JSONL).
pub const MAX_TEXT_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// How a file is read, from its extension (case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.txt` or `.md`: one article per file, the first non-empty line its title.
    Text {
        /// `.md`: leading `#` marks are removed from the title line.
        markdown: bool,
    },
    /// `.jsonl` or `.ndjson`, possibly gzip-compressed (`.jsonl.gz`, `.ndjson.gz`):
    /// one article per line.
    Jsonl {
        /// Compressed with gzip.
        gzip: bool,
    },
    /// `.json` or `.json.gz`: read as JSON Lines if it is (pyserini's
    /// JsonCollection names its JSON Lines files `.json`). A file whose first
    /// line is not a JSON object (a pretty-printed document, an array) gives
    /// one problem, not one per line.
    Json {
        /// Compressed with gzip.
        gzip: bool,
    },
}

impl Format {
    /// The format of a file named `path`, or why it is not read.
    pub fn of(path: &Path) -> Result<Format, String> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let (stem, gzip) = match name.strip_suffix(".gz") {
            Some(stem) => (stem, true),
            None => (name.as_str(), false),
        };
        let ext = Path::new(stem)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        match (ext, gzip) {
            ("jsonl" | "ndjson", gzip) => Ok(Format::Jsonl { gzip }),
            ("txt", false) => Ok(Format::Text { markdown: false }),
            ("md", false) => Ok(Format::Text { markdown: true }),
            ("txt" | "md", true) => Err("compressed text file: only JSON Lines files are read compressed; decompress it".into()),
            ("json", gzip) => Ok(Format::Json { gzip }),
            ("", false) => Err("no extension: expected .txt, .md, .jsonl, .ndjson or .json, the last three possibly .gz".into()),
            _ => Err(format!(
                "unsupported extension .{}: expected .txt, .md, .jsonl, .ndjson or .json, the last three possibly .gz",
                if gzip { format!("{ext}.gz") } else { ext.to_string() }
            )),
        }
    }
}

/// One file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The file, as given or as found under `root`.
    pub path: PathBuf,
    /// The path argument it came from (the file itself, or a folder above it).
    pub root: PathBuf,
    /// How to read it.
    pub format: Format,
    /// Its size in bytes when discovered (compressed size for `.gz`).
    pub size: u64,
}

impl InputFile {
    /// The id of the article of a text file: the path relative to the folder
    /// given, with `/` separators (`world/2024/cairo.txt`); for a file given
    /// directly, its file name. Non-UTF-8 names are converted lossily.
    pub fn relative_id(&self) -> String {
        let relative = match self.path.strip_prefix(&self.root) {
            Ok(rel) if !rel.as_os_str().is_empty() => rel,
            _ => self.path.file_name().map(Path::new).unwrap_or(&self.path),
        };
        let parts: Vec<_> = relative
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(part) => Some(part.to_string_lossy()),
                _ => None,
            })
            .collect();
        parts.join("/")
    }
}

/// What [`discover`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    /// The files to read, in order: the paths in the order given, each
    /// folder walked in sorted order (by file name, byte-wise).
    pub files: Vec<InputFile>,
    /// The paths not read, with the reason: per path argument, in the order
    /// met, then the hidden entries found under it (a hidden folder is listed,
    /// not what it holds).
    pub skipped: Vec<Skipped>,
}

impl Discovery {
    /// Total size of the files to read, for a progress bar.
    pub fn total_size(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}

/// The input files under `paths` (files and folders), in a deterministic
/// order. Folders are walked recursively, following symbolic links (a link
/// back to a parent is reported, not followed); names starting with `.` are
/// skipped inside folders (a hidden file named directly is read). A file
/// reached twice is read once. Never fails: whatever cannot be read is in
/// [`Discovery::skipped`].
pub fn discover<P: AsRef<Path>>(paths: &[P]) -> Discovery {
    let mut walk = Walk::default();
    for path in paths {
        walk.root(path.as_ref());
    }
    walk.found
}

#[derive(Default)]
struct Walk {
    found: Discovery,
    /// Identities of the files listed so far.
    seen: HashSet<FileKey>,
}

impl Walk {
    fn skip(&mut self, path: &Path, kind: SkipKind, reason: impl Into<String>) {
        self.found.skipped.push(Skipped {
            path: path.to_path_buf(),
            kind,
            reason: reason.into(),
        });
    }

    fn root(&mut self, root: &Path) {
        match fs::metadata(root) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let reason = if fs::symlink_metadata(root).is_ok() {
                    "broken symbolic link"
                } else {
                    "no such file or folder"
                };
                self.skip(root, SkipKind::NotFound, reason);
            }
            Err(e) => self.skip(root, SkipKind::Unreadable, io_reason(&e)),
            Ok(meta) if meta.is_dir() => self.folder(root),
            Ok(meta) => self.file(root, root, &meta),
        }
    }

    fn folder(&mut self, root: &Path) {
        let mut hidden = Vec::new();
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let visible = e.depth() == 0 || !is_hidden(e.file_name());
                if !visible {
                    hidden.push(e.path().to_path_buf());
                }
                visible
            });
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_dir() => {}
                Ok(entry) => match entry.metadata() {
                    Ok(meta) => self.file(entry.path(), root, &meta),
                    Err(e) => self.walk_error(root, &e),
                },
                Err(e) => self.walk_error(root, &e),
            }
        }
        for path in hidden {
            self.skip(&path, SkipKind::Hidden, "hidden (its name starts with '.')");
        }
    }

    fn walk_error(&mut self, root: &Path, e: &walkdir::Error) {
        let path = e.path().unwrap_or(root).to_path_buf();
        if let Some(ancestor) = e.loop_ancestor() {
            let reason = format!(
                "symbolic link loop (leads back to {}): not followed",
                ancestor.display()
            );
            self.skip(&path, SkipKind::SymlinkLoop, reason);
            return;
        }
        match e.io_error() {
            Some(io) if io.kind() == io::ErrorKind::NotFound => {
                self.skip(&path, SkipKind::NotFound, "broken symbolic link")
            }
            Some(io) => self.skip(&path, SkipKind::Unreadable, io_reason(io)),
            None => self.skip(&path, SkipKind::Unreadable, e.to_string()),
        }
    }

    fn file(&mut self, path: &Path, root: &Path, meta: &fs::Metadata) {
        if !meta.is_file() {
            return self.skip(path, SkipKind::NotAFile, "not a regular file");
        }
        let format = match Format::of(path) {
            Ok(format) => format,
            Err(reason) => return self.skip(path, SkipKind::Unsupported, reason),
        };
        let size = meta.len();
        if size == 0 {
            return self.skip(path, SkipKind::Empty, "empty file");
        }
        if matches!(format, Format::Text { .. }) && size > MAX_TEXT_FILE_BYTES {
            let reason = format!(
                "text file of {} MiB, over the {} MiB limit for one article: split it, or convert it to JSONL",
                size >> 20,
                MAX_TEXT_FILE_BYTES >> 20
            );
            return self.skip(path, SkipKind::TooLarge, reason);
        }
        if !self.seen.insert(FileKey::of(path, meta)) {
            return self.skip(
                path,
                SkipKind::Duplicate,
                "already listed (given twice, or reached through a link)",
            );
        }
        self.found.files.push(InputFile {
            path: path.to_path_buf(),
            root: root.to_path_buf(),
            format,
            size,
        });
    }
}

/// What makes a file the same file, however it was reached: its device and
/// inode on Unix (from the metadata already read: no extra system call),
/// its canonical path elsewhere.
#[derive(Debug, PartialEq, Eq, Hash)]
enum FileKey {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FileKey {
    #[cfg(unix)]
    fn of(_path: &Path, meta: &fs::Metadata) -> FileKey {
        use std::os::unix::fs::MetadataExt;
        FileKey::Inode(meta.dev(), meta.ino())
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _meta: &fs::Metadata) -> FileKey {
        FileKey::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// An I/O error as a reason, with a hint for the common cases.
pub(crate) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied: check its permissions".to_string(),
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        _ => format!("cannot read: {e}"),
    }
}
