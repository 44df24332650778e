//! What the archive views need of every article of a segment (its id
//! ordinal, date, source, language and text hash), read from the fast
//! fields once and shared by every later searcher of the index.
//!
//! The total, the facets and date order look at every article a query
//! matches: tens of thousands for a common word. Reading each one's values
//! from the columns again for every query (a dictionary ordinal, an
//! optional-index walk to its article document, five column reads) was a
//! fifth of a served search. A segment never changes (deletes leave its
//! documents in place), so its table stays right across reloads; tables
//! of segments that are no longer searched are dropped, which bounds the
//! memory to the segments of the last snapshot (about 70 bytes per
//! article and 4 per document).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::columnar::{ColumnIndex, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocAddress, DocId, SegmentOrdinal, SegmentReader};

use super::doc_ids::{ArticleKey, DocKind};
use crate::error::Result;
use crate::sync::locked;

/// One segment's articles, in document order.
#[derive(Debug, Default)]
pub(crate) struct ArticleTable {
    /// The article documents, ascending. An article's documents are
    /// consecutive and its article document comes last (see
    /// [`crate::Writer`]), so the documents of article `i` are those after
    /// `ends[i - 1]` up to `ends[i]`.
    ends: Vec<DocId>,
    /// By document, the number of its article: a query's matches are
    /// looked up one by one, and a binary search (even galloping from the
    /// last one) was most of the cost of recording them.
    articles: Vec<u32>,
    /// By article, whether its first document is its lead passage.
    leads: Vec<bool>,
    rows: Vec<ArticleRow>,
    /// By article, what the facets count, apart from the rest: counting
    /// every matched article then reads a few bytes of each.
    facet_keys: Vec<FacetKeys>,
    /// The months of the segment's dates (`YYYYMM`), ascending.
    months: Vec<i64>,
    /// The sources (`source_key`) and languages of the segment, by
    /// ordinal: the names the facets show.
    source_names: Vec<String>,
    lang_names: Vec<String>,
}

/// What the facets count of one article: the ordinals of its source (in
/// the segment's `source_key` dictionary) and language (in its `lang`
/// dictionary) and the number of its month in [`ArticleTable::months`];
/// [`FacetKeys::NONE`] for a value the article lacks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FacetKeys {
    pub source: u32,
    pub lang: u32,
    pub month: u32,
}

impl FacetKeys {
    /// No value.
    pub const NONE: u32 = u32::MAX;
}

/// The values of one article, read from its article document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArticleRow {
    /// Ordinal of the article id in the segment's `article_id` dictionary.
    pub id: Option<u64>,
    /// `YYYYMMDD`.
    pub date: Option<i64>,
    /// Hash of its title and text: the same for every copy.
    pub text_hash: Option<u64>,
}

impl ArticleTable {
    /// Reads the table of one segment.
    pub(crate) fn read(reader: &SegmentReader) -> Result<ArticleTable> {
        let fast = reader.fast_fields();
        let hashes = fast.u64("text_hash")?;
        // Only article documents have a text hash; without one in the
        // column's index, they are the documents that are not passages.
        let ends: Vec<DocId> = match &hashes.index {
            ColumnIndex::Optional(with_hash) => with_hash.iter_non_null_docs().collect(),
            _ => {
                let passage_numbers = fast.u64("passage_no")?;
                (0..reader.max_doc())
                    .filter(|&doc| passage_numbers.first(doc).is_none())
                    .collect()
            }
        };
        let lead_column = fast.u64("lead")?;
        let leads = ends
            .iter()
            .enumerate()
            .map(|(at, &end)| {
                let first = first_doc(&ends, at);
                first < end && lead_column.first(first).is_some()
            })
            .collect();
        let ids = fast.str("article_id")?;
        let dates = fast.i64("date_num")?;
        let sources = fast.str("source_key")?;
        let langs = fast.str("lang")?;
        let rows: Vec<ArticleRow> = ends
            .iter()
            .map(|&doc| ArticleRow {
                id: first_ord(ids.as_ref(), doc),
                date: dates.first(doc),
                text_hash: hashes.first(doc),
            })
            .collect();
        let mut months: Vec<i64> = rows
            .iter()
            .filter_map(|row| row.date)
            .map(|d| d / 100)
            .collect();
        months.sort_unstable();
        months.dedup();
        let key = |ord: Option<u64>| {
            ord.and_then(|ord| u32::try_from(ord).ok())
                .unwrap_or(FacetKeys::NONE)
        };
        let facet_keys = ends
            .iter()
            .zip(&rows)
            .map(|(&doc, row)| FacetKeys {
                source: key(first_ord(sources.as_ref(), doc)),
                lang: key(first_ord(langs.as_ref(), doc)),
                month: key(row
                    .date
                    .and_then(|date| months.binary_search(&(date / 100)).ok())
                    .map(|at| at as u64)),
            })
            .collect();
        Ok(ArticleTable {
            articles: articles_of(&ends),
            leads,
            ends,
            rows,
            facet_keys,
            months,
            source_names: names(sources.as_ref())?,
            lang_names: names(langs.as_ref())?,
        })
    }

    /// The number of the article that `doc` belongs to, or `None` past the
    /// last article document.
    pub(crate) fn article_of(&self, doc: DocId) -> Option<usize> {
        let at = *self.articles.get(doc as usize)?;
        Some(at as usize)
    }

    /// The article document of article `at`.
    pub(crate) fn end(&self, at: usize) -> DocId {
        self.ends[at]
    }

    /// The article of `doc` and what `doc` is in it, as the fast fields
    /// tell (see [`super::doc_ids::DocIds::get`]): its last document is its
    /// article document, its first may be its lead passage.
    pub(crate) fn place_of(&self, doc: DocId) -> Option<(usize, DocKind)> {
        let at = self.article_of(doc)?;
        let kind = if doc == self.ends[at] {
            DocKind::Article
        } else {
            DocKind::Passage {
                lead: self.leads[at] && doc == first_doc(&self.ends, at),
            }
        };
        Some((at, kind))
    }

    /// The values of article `at`.
    pub(crate) fn row(&self, at: usize) -> &ArticleRow {
        &self.rows[at]
    }

    /// What the facets count of article `at`.
    pub(crate) fn facet_keys(&self, at: usize) -> FacetKeys {
        self.facet_keys[at]
    }

    /// The months of the segment's dates (`YYYYMM`), ascending.
    pub(crate) fn months(&self) -> &[i64] {
        &self.months
    }

    /// The segment's sources, by the ordinal of [`FacetKeys::source`].
    pub(crate) fn source_names(&self) -> &[String] {
        &self.source_names
    }

    /// The segment's languages, by the ordinal of [`FacetKeys::lang`].
    pub(crate) fn lang_names(&self) -> &[String] {
        &self.lang_names
    }

    /// The number of articles.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }
}

/// Every term of a string column's dictionary, by ordinal (none without
/// the column): a segment's sources and languages, a few dozen at most.
fn names(column: Option<&StrColumn>) -> Result<Vec<String>> {
    let Some(column) = column else {
        return Ok(Vec::new());
    };
    let mut names = Vec::new();
    let mut terms = column.dictionary().stream()?;
    while terms.advance() {
        names.push(String::from_utf8_lossy(terms.key()).into_owned());
    }
    Ok(names)
}

/// By document, the number of its article, for the article documents
/// `ends` (ascending): the documents after an article's article document,
/// up to the next one's, are the next article's.
fn articles_of(ends: &[DocId]) -> Vec<u32> {
    let mut articles = Vec::with_capacity(ends.last().map_or(0, |&end| end as usize + 1));
    for (at, &end) in ends.iter().enumerate() {
        // A segment has fewer than 2^31 documents.
        articles.resize(end as usize + 1, at as u32);
    }
    articles
}

/// The first document of article `at`, of the article documents `ends`.
fn first_doc(ends: &[DocId], at: usize) -> DocId {
    at.checked_sub(1).map_or(0, |before| ends[before] + 1)
}

/// The ordinal of a document's first value in a string column.
fn first_ord(column: Option<&StrColumn>, doc: DocId) -> Option<u64> {
    column?.term_ords(doc).next()
}

/// An article of a searcher: its segment and its number in that
/// segment's [`ArticleTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct ArticleAt {
    pub segment: SegmentOrdinal,
    pub at: u32,
}

/// The tables of one searcher's segments, by segment ordinal, and which
/// of their articles share their text hash with another article.
#[derive(Debug, Default)]
pub(crate) struct ArticleSnapshot {
    segments: Vec<SegmentId>,
    tables: Vec<Arc<ArticleTable>>,
    /// By segment ordinal and article number: whether another article of
    /// the snapshot (live or deleted) has the same text hash. Only these
    /// can be copies of a matched article, so only these are grouped.
    copied: Vec<Vec<bool>>,
}

impl ArticleSnapshot {
    /// The table of segment `segment` (empty if there is none).
    pub(crate) fn table(&self, segment: SegmentOrdinal) -> Arc<ArticleTable> {
        self.tables
            .get(segment as usize)
            .cloned()
            .unwrap_or_default()
    }

    /// The values of `article`.
    pub(crate) fn row(&self, article: ArticleAt) -> &ArticleRow {
        self.tables[article.segment as usize].row(article.at as usize)
    }

    /// What the facets count of `article`.
    pub(crate) fn facet_keys(&self, article: ArticleAt) -> FacetKeys {
        self.tables[article.segment as usize].facet_keys(article.at as usize)
    }

    /// Whether `article` may have a copy: another article with its text
    /// hash.
    pub(crate) fn copied(&self, article: ArticleAt) -> bool {
        self.copied[article.segment as usize][article.at as usize]
    }

    /// The article of the document at `address` and what the document is
    /// in it; `None` past the last article document of its segment.
    pub(crate) fn place_of(&self, address: DocAddress) -> Option<(ArticleAt, DocKind)> {
        let table = self.tables.get(address.segment_ord as usize)?;
        let (at, kind) = table.place_of(address.doc_id)?;
        let article = ArticleAt {
            segment: address.segment_ord,
            // A segment has fewer than 2^31 documents.
            at: at as u32,
        };
        Some((article, kind))
    }

    /// The article document of `article`.
    pub(crate) fn article_document(&self, article: ArticleAt) -> DocAddress {
        let table = &self.tables[article.segment as usize];
        DocAddress::new(article.segment, table.end(article.at as usize))
    }

    /// The key of `article`, as the ranking knows it.
    pub(crate) fn key(&self, article: ArticleAt) -> ArticleKey {
        ArticleKey::new(article.segment, self.row(article).id)
    }

    fn new(segments: Vec<SegmentId>, tables: Vec<Arc<ArticleTable>>) -> ArticleSnapshot {
        let mut seen: FxHashMap<u64, bool> = FxHashMap::default();
        for row in tables.iter().flat_map(|table| &table.rows) {
            if let Some(hash) = row.text_hash {
                seen.entry(hash)
                    .and_modify(|again| *again = true)
                    .or_insert(false);
            }
        }
        let copied = tables
            .iter()
            .map(|table| {
                let again = |row: &ArticleRow| row.text_hash.is_some_and(|hash| seen[&hash]);
                table.rows.iter().map(again).collect()
            })
            .collect();
        ArticleSnapshot {
            segments,
            tables,
            copied,
        }
    }
}

/// The tables of one index's segments, read on first use, and the
/// snapshot of the last searcher.
#[derive(Default)]
pub(crate) struct ArticleTables {
    segments: Mutex<HashMap<SegmentId, Arc<ArticleTable>>>,
    last: Mutex<Option<Arc<ArticleSnapshot>>>,
}

impl ArticleTables {
    /// The snapshot of `searcher`'s segments, reading the tables not read
    /// yet; forgets those of other segments.
    pub(crate) fn of(&self, searcher: &tantivy::Searcher) -> Result<Arc<ArticleSnapshot>> {
        let readers = searcher.segment_readers();
        let live = super::segment_ids(searcher);
        let mut last = locked(&self.last);
        if let Some(snapshot) = last.as_ref().filter(|s| s.segments == live) {
            return Ok(snapshot.clone());
        }
        let mut segments = locked(&self.segments);
        segments.retain(|id, _| live.contains(id));
        let mut tables = Vec::with_capacity(readers.len());
        for reader in readers {
            let table = match segments.get(&reader.segment_id()) {
                Some(table) => table.clone(),
                None => {
                    let table = Arc::new(ArticleTable::read(reader)?);
                    segments.insert(reader.segment_id(), table.clone());
                    table
                }
            };
            tables.push(table);
        }
        let snapshot = Arc::new(ArticleSnapshot::new(live, tables));
        *last = Some(snapshot.clone());
        Ok(snapshot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Index;

    /// Every document of the seeds maps to the article whose id it holds,
    /// and every article's row holds its article document's values.
    #[test]
    fn each_document_belongs_to_the_article_of_its_id() {
        let index = Index::seeds_in_ram();
        let searcher = index.reader.searcher();
        let snapshot = ArticleTables::default().of(&searcher).unwrap();
        for (reader, table) in searcher.segment_readers().iter().zip(&snapshot.tables) {
            let fast = reader.fast_fields();
            let ids = fast.str("article_id").unwrap().unwrap();
            let hashes = fast.u64("text_hash").unwrap();
            assert!(table.len() > 0);
            for doc in 0..reader.max_doc() {
                let at = table.article_of(doc).unwrap();
                assert_eq!(table.row(at).id, first_ord(Some(&ids), doc), "doc {doc}");
                let end = table.end(at);
                assert!(hashes.first(end).is_some() && end >= doc);
                assert_eq!(table.row(at).text_hash, hashes.first(end));
            }
            assert_eq!(table.article_of(reader.max_doc()), None);
        }
    }

    /// The facet keys of dated articles from several sources name their
    /// source's ordinal (whose name the table holds) and their month, and
    /// undated ones have none.
    #[test]
    fn facet_keys_name_the_source_and_the_month() {
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        let dated = [
            ("a", Some("2024-03-02"), Some("Okaz")),
            ("b", Some("2023-12-31"), Some("sabq")),
            ("c", None, None),
            ("d", Some("2024-03-20"), Some("okaz")),
        ];
        for (id, date, source) in dated {
            let article = crate::Article {
                id: id.into(),
                title: "Trêve".into(),
                text: "Les négociateurs sont arrivés au Caire.\n\nLa trêve tient.".into(),
                date: date.map(Into::into),
                source: source.map(Into::into),
                ..crate::Article::default()
            };
            writer.add_article(&article, None).unwrap();
        }
        writer.commit().unwrap();
        index.reload().unwrap();
        let mut seen = Vec::new();
        let mut months = Vec::new();
        for reader in index.reader.searcher().segment_readers() {
            let table = ArticleTable::read(reader).unwrap();
            let sources = reader.fast_fields().str("source_key").unwrap().unwrap();
            assert!(table.months().windows(2).all(|w| w[0] < w[1]));
            months.extend_from_slice(table.months());
            for at in 0..table.len() {
                let keys = table.facet_keys(at);
                let mut source = String::new();
                if keys.source != FacetKeys::NONE {
                    sources
                        .ord_to_str(u64::from(keys.source), &mut source)
                        .unwrap();
                    // The table names it as the column does.
                    assert_eq!(table.source_names()[keys.source as usize], source);
                    assert_eq!(table.lang_names()[keys.lang as usize], "fr");
                }
                let month = table.months().get(keys.month as usize).copied();
                seen.push((source, month));
            }
        }
        months.sort();
        months.dedup();
        assert_eq!(months, [202312, 202403]);
        seen.sort();
        let expected = [
            ("", None),
            ("okaz", Some(202403)),
            ("okaz", Some(202403)),
            ("sabq", Some(202312)),
        ];
        assert_eq!(seen, expected.map(|(s, m)| (s.to_string(), m)));
    }

    /// A document belongs to the first article whose article document is
    /// at or after it, as a scan would find; past the last, to none.
    #[test]
    fn article_of_finds_the_first_end_at_or_after_a_document() {
        let ends: Vec<DocId> = vec![0, 3, 4, 9, 10, 11, 30, 31, 64, 100];
        let table = ArticleTable {
            articles: articles_of(&ends),
            ends,
            ..ArticleTable::default()
        };
        for doc in 0..=110 {
            let scan = (0..table.ends.len()).find(|&at| table.end(at) >= doc);
            assert_eq!(table.article_of(doc), scan, "doc {doc}");
        }
    }

    /// Tables of segments that are no longer searched are forgotten; the
    /// others are read once.
    #[test]
    fn tables_follow_the_searched_segments() {
        let index = Index::seeds_in_ram();
        let tables = ArticleTables::default();
        let first = tables.of(&index.reader.searcher()).unwrap();
        let again = tables.of(&index.reader.searcher()).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        let other = Index::seeds_in_ram();
        tables.of(&other.reader.searcher()).unwrap();
        let segments = locked(&tables.segments);
        let live = crate::search::segment_ids(&other.reader.searcher());
        assert!(segments.keys().all(|id| live.contains(id)));
    }
}
