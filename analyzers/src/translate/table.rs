//! The on-disk form of one translation table, embedded in the crate.
//!
//! A table is an [`fst::Map`] from key to the byte offset of a record,
//! followed by the records: `u64` little-endian length of the map, the map,
//! then UTF-8 records, each a line of tab-separated fields (flags first,
//! then the alternatives, best first), shared by the keys that have the
//! same one. The map opens in
//! constant time from the embedded bytes; only the records looked up are
//! read.

use std::collections::{BTreeMap, HashMap};

use fst::Map;

/// One table, open on bytes that live as long as the program.
pub(crate) struct Table {
    /// `None` when the embedded bytes are malformed (a broken build of this
    /// crate; the tests check that every shipped table opens non-empty).
    map: Option<Map<&'static [u8]>>,
    records: &'static str,
}

/// The record of one key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Record {
    /// One letter per flag, `-` for none.
    flags: &'static str,
    fields: &'static str,
}

impl Record {
    /// The alternatives, best first.
    pub fn alternatives(&self) -> impl Iterator<Item = &'static str> {
        self.fields.split('\t').filter(|s| !s.is_empty())
    }

    /// True when the record carries `flag`.
    pub fn has(&self, flag: char) -> bool {
        self.flags.contains(flag)
    }
}

impl Table {
    /// Opens a table written by [`encode`]; malformed bytes give a table
    /// with no entries.
    pub fn open(bytes: &'static [u8]) -> Table {
        let parts = || {
            let len_bytes: [u8; 8] = bytes.get(..8)?.try_into().ok()?;
            let len = usize::try_from(u64::from_le_bytes(len_bytes)).ok()?;
            let end = len.checked_add(8)?;
            let map = Map::new(bytes.get(8..end)?).ok()?;
            let records = std::str::from_utf8(bytes.get(end..)?).ok()?;
            Some((map, records))
        };
        match parts() {
            Some((map, records)) => Table {
                map: Some(map),
                records,
            },
            None => Table {
                map: None,
                records: "",
            },
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.map.as_ref().map_or(0, Map::len)
    }

    /// The record of `key`, if any.
    pub fn get(&self, key: &str) -> Option<Record> {
        let start = usize::try_from(self.map.as_ref()?.get(key)?).ok()?;
        let line = self.records.get(start..)?;
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let (flags, fields) = line.split_once('\t').unwrap_or((line, ""));
        Some(Record { flags, fields })
    }
}

/// Writes a table: `records` maps each key to its flags (letters, or empty)
/// and its alternatives, best first. Used by the table builder
/// (`examples/build_tables.rs`).
#[doc(hidden)]
pub fn encode(records: &BTreeMap<String, (String, Vec<String>)>) -> Result<Vec<u8>, fst::Error> {
    let mut builder = fst::MapBuilder::memory();
    let mut text = String::new();
    // Keys with the same record (the many spellings of one place) share it.
    let mut offsets: HashMap<String, u64> = HashMap::new();
    for (key, (flags, alternatives)) in records {
        let mut record = String::from(if flags.is_empty() { "-" } else { flags });
        for alternative in alternatives {
            record.push('\t');
            record.push_str(alternative);
        }
        let offset = *offsets.entry(record).or_insert_with_key(|record| {
            let offset = text.len() as u64;
            text.push_str(record);
            text.push('\n');
            offset
        });
        builder.insert(key, offset)?;
    }
    let map = builder.into_inner()?;
    let mut bytes = (map.len() as u64).to_le_bytes().to_vec();
    bytes.extend_from_slice(&map);
    bytes.extend_from_slice(text.as_bytes());
    Ok(bytes)
}
