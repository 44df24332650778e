//! A string column's whole dictionary in memory.
//!
//! tantivy stores the dictionary of a string fast field in zstd-compressed
//! blocks: turning one term ordinal into its text decompresses a block.
//! Where many ordinals of a segment are needed (ranking in batch, the
//! article table of an incremental run), one pass over the dictionary is
//! much cheaper.

use tantivy::columnar::StrColumn;

use crate::error::{Error, Result};

/// Most terms reserved ahead; a larger dictionary grows as it is read.
const MAX_RESERVED_TERMS: usize = 1 << 20;

/// All the terms of a string column's dictionary, in ordinal order.
pub(crate) struct TermTable {
    text: String,
    /// End of each term in `text`.
    ends: Vec<usize>,
}

impl TermTable {
    /// Reads a whole dictionary.
    pub(crate) fn read(column: &StrColumn) -> Result<TermTable> {
        let dictionary = column.dictionary();
        // The count comes from the file: a damaged one must not reserve
        // terabytes (an allocation failure aborts, it cannot be caught).
        let mut table = TermTable {
            text: String::new(),
            ends: Vec::with_capacity(dictionary.num_terms().min(MAX_RESERVED_TERMS)),
        };
        let mut stream = dictionary.stream()?;
        while stream.advance() {
            let key = std::str::from_utf8(stream.key())
                .map_err(|_| corrupt("a term of a string column is not UTF-8"))?;
            table.text.push_str(key);
            table.ends.push(table.text.len());
        }
        if table.ends.len() != dictionary.num_terms() {
            return Err(corrupt("a string column's dictionary ends early"));
        }
        Ok(table)
    }

    /// The term of ordinal `ord`.
    pub(crate) fn get(&self, ord: u64) -> Option<&str> {
        let ord = usize::try_from(ord).ok()?;
        let end = *self.ends.get(ord)?;
        let start = match ord {
            0 => 0,
            _ => self.ends[ord - 1],
        };
        self.text.get(start..end)
    }
}

fn corrupt(message: &str) -> Error {
    Error::IndexData(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        message.to_string(),
    ))
}
