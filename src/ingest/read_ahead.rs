//! Decompression on a thread of its own, ahead of the parser.
//!
//! Inflating gzip is a third of the work of reading a news archive when
//! nothing else is done with it (an unchanged re-index); on a thread of its
//! own it overlaps with parsing and hashing.

use std::io::{self, BufRead, Read};
use std::sync::mpsc::{sync_channel, Receiver};

/// Bytes read at a time by the read-ahead thread.
const CHUNK_BYTES: usize = 256 << 10;
/// Chunks the thread may read before the parser takes them.
const CHUNKS_AHEAD: usize = 4;

/// A reader whose input is read by a background thread, chunks ahead.
/// An error of the input is returned once, in its place in the stream,
/// then the reader is at its end.
pub(crate) struct ReadAhead {
    chunks: Receiver<io::Result<Vec<u8>>>,
    current: Vec<u8>,
    pos: usize,
}

impl ReadAhead {
    /// Reads `inner` on a new thread; fails only if no thread can be started.
    pub(crate) fn spawn<R: Read + Send + 'static>(mut inner: R) -> io::Result<ReadAhead> {
        let (sender, chunks) = sync_channel(CHUNKS_AHEAD);
        std::thread::Builder::new()
            .name("read-ahead".to_string())
            .spawn(move || loop {
                let (chunk, error) = read_chunk(&mut inner);
                let end = chunk.is_empty() || error.is_some();
                // A send fails when the reader was dropped: stop reading.
                if !chunk.is_empty() && sender.send(Ok(chunk)).is_err() {
                    return;
                }
                if let Some(error) = error {
                    let _ = sender.send(Err(error));
                }
                if end {
                    return;
                }
            })?;
        Ok(ReadAhead {
            chunks,
            current: Vec::new(),
            pos: 0,
        })
    }
}

/// Up to [`CHUNK_BYTES`] of `inner` (empty at its end), and the error that
/// stopped the reading, if one did: the bytes before an error go first.
fn read_chunk(inner: &mut impl Read) -> (Vec<u8>, Option<io::Error>) {
    let mut chunk = vec![0; CHUNK_BYTES];
    let mut filled = 0;
    let mut error = None;
    while filled < chunk.len() {
        match inner.read(&mut chunk[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    chunk.truncate(filled);
    (chunk, error)
}

impl Read for ReadAhead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for ReadAhead {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.current.len() {
            // A closed channel (the thread is done) is the end of the input.
            if let Ok(chunk) = self.chunks.recv() {
                self.current = chunk?;
                self.pos = 0;
            }
        }
        Ok(&self.current[self.pos..])
    }

    fn consume(&mut self, amount: usize) {
        self.pos = (self.pos + amount).min(self.current.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives its bytes, then fails once, then reads as at its end.
    struct Failing(io::Cursor<Vec<u8>>, bool);

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.0.read(buf)? {
                0 if !self.1 => {
                    self.1 = true;
                    Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated"))
                }
                n => Ok(n),
            }
        }
    }

    #[test]
    fn gives_every_byte_in_order() {
        let data: Vec<u8> = (0..3 * CHUNK_BYTES + 17).map(|i| (i % 251) as u8).collect();
        let mut read = Vec::new();
        ReadAhead::spawn(io::Cursor::new(data.clone()))
            .unwrap()
            .read_to_end(&mut read)
            .unwrap();
        assert_eq!(read, data);
    }

    #[test]
    fn gives_the_bytes_then_the_error_then_the_end() {
        let data = vec![7u8; CHUNK_BYTES + 5];
        let mut reader = ReadAhead::spawn(Failing(io::Cursor::new(data.clone()), false)).unwrap();
        let mut read = Vec::new();
        let err = reader.read_to_end(&mut read).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        assert_eq!(read, data);
        assert_eq!(reader.read(&mut [0; 8]).unwrap(), 0);
    }
}
