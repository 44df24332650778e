//! Index files checked against their checksums by reading them as a stream.
//!
//! tantivy's own check reads each file through the memory map its searcher
//! holds, so after a check of the whole index every page of it counted in
//! the process's resident memory (1.5 GB for an index of 520,000 articles)
//! for the rest of an indexing run. Read with `read`, the pages stay in
//! the page cache, outside the process.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use tantivy::directory::footer::Footer;
use tantivy::directory::FileSlice;
use tantivy::HasLen;

use crate::index::files;

/// Bytes read from the end of a file to find its footer: a footer is a
/// short JSON text and two numbers.
const FOOTER_READ_BYTES: u64 = 4 << 10;
/// Bytes read at a time for the checksum.
const READ_BYTES: usize = 1 << 20;

/// Whether the file at `path` has a tantivy footer whose CRC-32 matches
/// the bytes before it; a file without a readable footer does not.
/// Fails on a file that cannot be read (or is no regular file).
pub(crate) fn matches_footer(path: &Path) -> io::Result<bool> {
    files::check_regular(path, u64::MAX)?;
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let tail_len = len.min(FOOTER_READ_BYTES);
    file.seek(SeekFrom::Start(len - tail_len))?;
    let mut tail = vec![0; tail_len as usize];
    file.read_exact(&mut tail)?;
    let Ok((footer, before)) = Footer::extract_footer(FileSlice::from(tail)) else {
        return Ok(false);
    };
    let mut left = len - tail_len + before.len() as u64;
    file.seek(SeekFrom::Start(0))?;
    let mut hasher = crc32fast::Hasher::new();
    let mut buffer = vec![0; READ_BYTES];
    while left > 0 {
        let n = left.min(READ_BYTES as u64) as usize;
        file.read_exact(&mut buffer[..n])?;
        hasher.update(&buffer[..n]);
        left -= n as u64;
    }
    Ok(hasher.finalize() == footer.crc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Index};

    #[test]
    fn a_file_matches_its_footer_until_a_byte_changes() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create(dir.path()).unwrap();
        let mut writer = index.writer().unwrap();
        writer
            .add_article(
                &Article {
                    id: "a1".into(),
                    title: "Cessez-le-feu".into(),
                    text: "Les négociations reprennent au Caire.".into(),
                    ..Article::default()
                },
                None,
            )
            .unwrap();
        writer.finish().unwrap();
        let store = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .find(|path| path.extension().is_some_and(|ext| ext == "store"))
            .unwrap();
        assert!(matches_footer(&store).unwrap());
        let mut bytes = std::fs::read(&store).unwrap();
        bytes[0] ^= 1;
        std::fs::write(&store, &bytes).unwrap();
        assert!(!matches_footer(&store).unwrap());
        std::fs::write(&store, b"no footer").unwrap();
        assert!(!matches_footer(&store).unwrap());
    }
}
