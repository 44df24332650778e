//! What goes wrong while reading inputs: files skipped whole, and problems
//! inside a file.

use std::fmt;
use std::path::PathBuf;

/// A problem with one input: a whole file that cannot be read, or one line
/// or record of it. Displayed on one line as `path:line: message` (or
/// `path: message`), the message saying what was done and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as discovered.
    pub path: PathBuf,
    /// The 1-based line number, for problems inside a JSONL file.
    pub line: Option<u64>,
    /// What is wrong, what was done about it, and what to do.
    pub message: String,
}

impl Problem {
    /// A problem with the file as a whole.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            line: None,
            message: message.into(),
        }
    }

    /// A problem with one line of the file.
    pub fn at_line(path: impl Into<PathBuf>, line: u64, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            line: Some(line),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for Problem {}

/// Why a path given to [`discover`](super::discover) or found under it is
/// not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipKind {
    /// The path does not exist (or is a broken symbolic link).
    NotFound,
    /// A file or folder whose name starts with `.`, found inside a folder.
    Hidden,
    /// An extension newsearch does not read.
    Unsupported,
    /// The file or folder cannot be read (permissions, I/O error).
    Unreadable,
    /// A symbolic link that leads back to one of its own parent folders.
    SymlinkLoop,
    /// An empty file.
    Empty,
    /// A text file too large to be one article.
    TooLarge,
    /// The same file was already listed (reached twice through the arguments or links).
    Duplicate,
    /// Neither a file nor a folder (a socket, a device, a FIFO).
    NotAFile,
}

/// A path that [`discover`](super::discover) does not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path, as given or walked.
    pub path: PathBuf,
    /// The kind of reason, for summaries ("3 hidden, 1 unsupported").
    pub kind: SkipKind,
    /// The reason in words, saying what to do where something can be done.
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_one_line() {
        let cases = [
            (
                Problem::at_line("a/b.jsonl", 7, "malformed JSON"),
                "a/b.jsonl:7: malformed JSON",
            ),
            (Problem::file("c.txt", "binary file"), "c.txt: binary file"),
        ];
        for (problem, want) in cases {
            assert_eq!(problem.to_string(), want);
        }
    }
}
