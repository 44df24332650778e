//! A document's article and kind, read from the fast fields.
//!
//! The writer adds each article's documents as one batch, which tantivy
//! keeps in one segment (merges keep it whole too), so the ordinal of the
//! article id in a segment's `article_id` column tells the documents of
//! one article apart from others without reading the id itself: ranking
//! groups documents by [`ArticleKey`] and reads the ids of the articles it
//! returns alone. The batch is also contiguous, its passages in order and
//! its article document last, so a passage leads to its article's
//! metadata in a few fast-field reads.
//!
//! The ids come from the `article_id` string column, whose dictionary is
//! stored in zstd-compressed blocks: turning one term ordinal into its
//! text decompresses a whole block (about 15 µs), and ranking looks up
//! dozens of documents per query. A searcher that keeps running queries
//! therefore reads each segment's dictionary once into memory, as soon as
//! it has spent about as many single lookups in that segment as reading
//! the whole dictionary costs; a single query never pays for that. The
//! lookups are counted, and the dictionaries kept, across the searchers
//! of one index ([`IdTables`]), so searchers that run one query each (a
//! server's) share them too.
//!
//! A searcher that has read the article tables for the archive views
//! ([`ArticleSnapshot`]) finds a document's article and kind there
//! instead: a few array reads in place of three column reads, for each of
//! the hundreds of documents a ranking looks at.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocAddress, Searcher};

use super::article_table::{ArticleAt, ArticleSnapshot};
use super::id_tables::{Columns, IdTables};
use crate::error::Result;
use crate::index::term_table::TermTable;

/// Ordinals of a dictionary's terms per compressed block, roughly: reading
/// a whole dictionary costs about as much as `terms / TERMS_PER_BLOCK`
/// single lookups (measured on the news corpora's article ids).
const TERMS_PER_BLOCK: usize = 128;

/// What a document is, as the ranking needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocKind {
    /// An article document (title and whole body).
    Article,
    /// A passage; `lead` for the lead passage of its article.
    Passage { lead: bool },
}

/// An article within a segment: the ordinal of its id in the segment's
/// `article_id` column. Equal keys are documents of the same article.
///
/// Keys of one segment are ordered as their ids are: the column's
/// dictionary is sorted by bytes, as `str` is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ArticleKey {
    segment: u32,
    /// `None` for a document without an id (no document of newsearch's).
    ord: Option<u64>,
}

impl ArticleKey {
    /// The article of the id ordinal `ord` in segment `segment`.
    pub(crate) fn new(segment: u32, ord: Option<u64>) -> ArticleKey {
        ArticleKey { segment, ord }
    }

    /// Whether `self` and `other` have ids in the same segment, so that
    /// comparing the keys compares the ids without reading them.
    pub(crate) fn ordered_with(&self, other: &ArticleKey) -> bool {
        self.segment == other.segment && self.ord.is_some() && other.ord.is_some()
    }
}

/// The article and kind of documents, with each segment's columns opened
/// once for the index ([`IdTables::columns_of`]).
pub(crate) struct DocIds {
    segments: Vec<SegmentIds>,
    shared: Arc<IdTables>,
    /// The searcher's article tables, once read.
    articles: Option<Arc<ArticleSnapshot>>,
}

/// One segment's columns and what has been read of its dictionary.
struct SegmentIds {
    id: SegmentId,
    max_doc: u32,
    ids: Option<StrColumn>,
    passage_numbers: Column<u64>,
    leads: Column<u64>,
    text_hashes: Column<u64>,
    /// Ids looked up one by one so far, by term ordinal.
    looked_up: HashMap<u64, String>,
    /// Every id of the dictionary, once it has been read whole.
    table: Option<Arc<TermTable>>,
}

impl DocIds {
    /// Opens the columns of every segment; `shared` holds the
    /// dictionaries other searchers of the index have read whole.
    pub fn new(searcher: &Searcher, shared: Arc<IdTables>) -> Result<DocIds> {
        let tables = shared.tables_of(&super::segment_ids(searcher));
        let mut segments = Vec::new();
        for (segment, table) in searcher.segment_readers().iter().zip(tables) {
            let Columns {
                ids,
                passage_numbers,
                leads,
                text_hashes,
            } = shared.columns_of(segment)?;
            segments.push(SegmentIds {
                id: segment.segment_id(),
                max_doc: segment.max_doc(),
                ids,
                passage_numbers,
                leads,
                text_hashes,
                looked_up: HashMap::new(),
                table,
            });
        }
        Ok(DocIds {
            segments,
            shared,
            articles: None,
        })
    }

    /// Finds articles and kinds in `articles`, the article tables of the
    /// same searcher, from now on.
    pub fn use_articles(&mut self, articles: Arc<ArticleSnapshot>) {
        self.articles = Some(articles);
    }

    /// A document's article and kind in the article tables, when they
    /// are used and hold it; the columns answer otherwise.
    fn in_tables(&self, address: DocAddress) -> Option<(&ArticleSnapshot, ArticleAt, DocKind)> {
        let articles = self.articles.as_deref()?;
        let (article, kind) = articles.place_of(address)?;
        Some((articles, article, kind))
    }

    /// The article and the kind of a document.
    pub fn get(&self, address: DocAddress) -> (ArticleKey, DocKind) {
        if let Some((articles, article, kind)) = self.in_tables(address) {
            return (articles.key(article), kind);
        }
        let doc = address.doc_id;
        let Some(segment) = self.segments.get(address.segment_ord as usize) else {
            let key = ArticleKey {
                segment: address.segment_ord,
                ord: None,
            };
            return (key, DocKind::Article);
        };
        let kind = match segment.passage_numbers.first(doc) {
            None => DocKind::Article,
            Some(_) => DocKind::Passage {
                lead: segment.leads.first(doc).is_some(),
            },
        };
        let ord = segment
            .ids
            .as_ref()
            .and_then(|column| column.term_ords(doc).next());
        let key = ArticleKey {
            segment: address.segment_ord,
            ord,
        };
        (key, kind)
    }

    /// The article document of a document's article: the first document
    /// from it on that is no passage, if it belongs to the same
    /// article (else the index was not written by [`crate::Writer`]).
    pub fn article_document(&self, passage: DocAddress) -> Option<DocAddress> {
        if let Some((articles, article, _)) = self.in_tables(passage) {
            let has_id = articles.row(article).id.is_some();
            return has_id.then(|| articles.article_document(article));
        }
        let (key, kind) = self.get(passage);
        if kind == DocKind::Article {
            return Some(passage);
        }
        let segment = self.segments.get(passage.segment_ord as usize)?;
        let article = (passage.doc_id + 1..segment.max_doc)
            .map(|doc| DocAddress::new(passage.segment_ord, doc))
            .find(|&address| self.get(address).1 == DocKind::Article)?;
        (key.ord.is_some() && self.get(article).0 == key).then_some(article)
    }

    /// The hash of the title and text of a document's article (the same
    /// for every copy of one article), if the index was written by
    /// [`crate::Writer`].
    pub fn text_hash(&self, document: DocAddress) -> Option<u64> {
        if let Some((articles, article, _)) = self.in_tables(document) {
            let row = articles.row(article);
            return row.id.and(row.text_hash);
        }
        let article = self.article_document(document)?;
        let segment = self.segments.get(article.segment_ord as usize)?;
        segment.text_hashes.first(article.doc_id)
    }

    /// The id of an article (empty for a document without one).
    pub fn id(&mut self, key: ArticleKey) -> Result<String> {
        match (self.segments.get_mut(key.segment as usize), key.ord) {
            (Some(segment), Some(ord)) => segment.id(ord, &self.shared),
            _ => Ok(String::new()),
        }
    }
}

impl SegmentIds {
    fn id(&mut self, ord: u64, shared: &IdTables) -> Result<String> {
        let Some(column) = &self.ids else {
            return Ok(String::new());
        };
        if let Some(table) = &self.table {
            return Ok(table.get(ord).unwrap_or_default().to_string());
        }
        if let Some(id) = self.looked_up.get(&ord) {
            return Ok(id.clone());
        }
        let mut id = String::new();
        column.ord_to_str(ord, &mut id)?;
        self.looked_up.insert(ord, id.clone());
        let cost = column.dictionary().num_terms().div_ceil(TERMS_PER_BLOCK);
        if shared.count_lookup(self.id, cost) {
            let table = Arc::new(TermTable::read(column)?);
            shared.keep(self.id, Arc::clone(&table));
            self.table = Some(table);
            self.looked_up = HashMap::new();
        }
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Index};

    fn index_of(count: usize) -> Index {
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        for n in 0..count {
            let article = Article {
                id: format!("article-{n:04}"),
                title: format!("Titre {n}"),
                // Two paragraphs long enough to be passages of their own.
                text: format!(
                    "{long} {n}.\n\n{long} {n} encore.",
                    long = "Un paragraphe ".repeat(8)
                ),
                ..Article::default()
            };
            writer.add_article(&article, None).unwrap();
        }
        writer.commit().unwrap();
        index
    }

    /// `index_of(600)` with every seventh article replaced by `article(n)`:
    /// replacing deletes the old documents and writes new ones in another
    /// segment.
    fn index_with_replaced(article: impl Fn(usize) -> Article) -> Index {
        let index = index_of(600);
        let mut writer = index.writer().unwrap();
        for n in (0..600).step_by(7) {
            writer.add_article(&article(n), None).unwrap();
        }
        writer.finish().unwrap();
        index
    }

    /// Every document's id and kind, read with fresh single lookups.
    fn expected(searcher: &Searcher) -> Vec<(DocAddress, String, DocKind)> {
        let mut all = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let ids = segment.fast_fields().str("article_id").unwrap().unwrap();
            let passages = segment.fast_fields().u64("passage_no").unwrap();
            let leads = segment.fast_fields().u64("lead").unwrap();
            for doc in 0..segment.max_doc() {
                let term = ids.term_ords(doc).next().unwrap();
                let mut id = String::new();
                ids.ord_to_str(term, &mut id).unwrap();
                let address = DocAddress::new(ord as u32, doc);
                let kind = match passages.first(doc) {
                    None => DocKind::Article,
                    Some(_) => DocKind::Passage {
                        lead: leads.first(doc) == Some(1),
                    },
                };
                all.push((address, id, kind));
            }
        }
        all
    }

    #[test]
    fn ids_are_the_same_before_and_after_the_dictionary_is_read_whole() {
        let index = index_of(600);
        let searcher = index.tantivy_index().reader().unwrap().searcher();
        let all = expected(&searcher);
        let mut ids = DocIds::new(&searcher, Default::default()).unwrap();
        // Twice over every document: the tables get built on the way.
        for _ in 0..2 {
            for (address, id, number) in &all {
                let (key, kind) = ids.get(*address);
                assert_eq!((ids.id(key).unwrap(), kind), (id.clone(), *number));
            }
        }
        assert!(ids.segments.iter().all(|segment| segment.table.is_some()));
        for kind in [
            DocKind::Article,
            DocKind::Passage { lead: true },
            DocKind::Passage { lead: false },
        ] {
            assert!(all.iter().any(|(_, _, k)| *k == kind), "{kind:?}");
        }
    }

    #[test]
    fn every_document_leads_to_its_article_document() {
        let index = index_with_replaced(|n| Article {
            id: format!("article-{n:04}"),
            title: format!("Titre {n} revu"),
            text: format!("Un paragraphe revu {n}.\n\nEt un second, plus long, revu {n}."),
            ..Article::default()
        });
        let searcher = index.tantivy_index().reader().unwrap().searcher();
        let ids = DocIds::new(&searcher, Default::default()).unwrap();
        let mut articles = 0;
        for (address, id, kind) in expected(&searcher) {
            let deleted = searcher
                .segment_reader(address.segment_ord)
                .is_deleted(address.doc_id);
            if deleted {
                continue;
            }
            let article = ids.article_document(address).expect("an article document");
            assert_eq!(
                ids.get(article),
                (ids.get(address).0, DocKind::Article),
                "{id}"
            );
            if kind == DocKind::Article {
                assert_eq!(article, address);
                articles += 1;
            }
        }
        assert_eq!(articles, 600);
    }

    #[test]
    fn a_few_lookups_do_not_read_the_dictionary() {
        let index = index_of(600);
        let searcher = index.tantivy_index().reader().unwrap().searcher();
        let all = expected(&searcher);
        let mut ids = DocIds::new(&searcher, Default::default()).unwrap();
        for (address, id, _) in all.iter().take(2) {
            let (key, _) = ids.get(*address);
            assert_eq!(&ids.id(key).unwrap(), id);
        }
        assert!(ids.segments.iter().all(|segment| segment.table.is_none()));
    }

    #[test]
    fn searchers_of_one_index_share_the_dictionaries_they_read() {
        let index = index_of(600);
        let searcher = index.tantivy_index().reader().unwrap().searcher();
        let all = expected(&searcher);
        let shared = Arc::new(IdTables::default());
        // Searchers of a few lookups each, as a server runs them: none
        // reads a dictionary alone, together they do.
        let mut searchers = 0;
        while DocIds::new(&searcher, shared.clone()).unwrap().segments[0]
            .table
            .is_none()
        {
            let mut ids = DocIds::new(&searcher, shared.clone()).unwrap();
            for (address, id, _) in all.iter().skip(searchers * 2).take(2) {
                let (key, _) = ids.get(*address);
                assert_eq!(&ids.id(key).unwrap(), id);
            }
            searchers += 1;
            assert!(searchers < 100, "the lookups were not counted together");
        }
        assert!(searchers > 1);
        let mut ids = DocIds::new(&searcher, shared.clone()).unwrap();
        for (address, id, _) in &all {
            let (key, _) = ids.get(*address);
            assert_eq!(&ids.id(key).unwrap(), id);
        }
        // A new commit merges or adds segments: the tables of segments
        // no longer searched are forgotten.
        let mut writer = index.writer().unwrap();
        writer
            .add_article(
                &Article {
                    id: "article-new".into(),
                    text: "Un paragraphe de plus.".into(),
                    ..Article::default()
                },
                None,
            )
            .unwrap();
        writer.finish().unwrap();
        let reader = index.tantivy_index().reader().unwrap();
        let searcher = reader.searcher();
        let live = crate::search::segment_ids(&searcher);
        let ids = DocIds::new(&searcher, shared.clone()).unwrap();
        assert_eq!(ids.segments.len(), live.len());
        assert!(shared.known().iter().all(|id| live.contains(id)));
    }

    #[test]
    fn an_unknown_segment_has_no_id() {
        let index = index_of(1);
        let searcher = index.tantivy_index().reader().unwrap().searcher();
        let mut ids = DocIds::new(&searcher, Default::default()).unwrap();
        let (key, kind) = ids.get(DocAddress::new(99, 0));
        assert!(ids.id(key).unwrap().is_empty() && kind == DocKind::Article);
    }

    /// With the article tables, every document has the article, kind,
    /// article document and text hash the columns give it: on articles of
    /// both news corpora (some of one paragraph, with no lead), and after
    /// some were replaced (deleted documents, several segments).
    #[test]
    fn the_article_tables_tell_what_the_columns_tell() {
        let Some(index) = Index::news_in_ram(300) else {
            return;
        };
        let replaced = index_with_replaced(|n| Article {
            id: format!("article-{n:04}"),
            text: format!("Un seul paragraphe revu {n}."),
            ..Article::default()
        });
        for index in [index, replaced] {
            let searcher = index.tantivy_index().reader().unwrap().searcher();
            let columns = DocIds::new(&searcher, Default::default()).unwrap();
            let mut tables = DocIds::new(&searcher, Default::default()).unwrap();
            tables.use_articles(index.article_tables.of(&searcher).unwrap());
            let mut kinds = Vec::new();
            for (address, _, kind) in expected(&searcher) {
                assert_eq!(tables.get(address), columns.get(address), "{address:?}");
                let article = tables.article_document(address);
                assert_eq!(article, columns.article_document(address), "{address:?}");
                assert!(article.is_some());
                let hash = tables.text_hash(address);
                assert_eq!(hash, columns.text_hash(address), "{address:?}");
                assert!(hash.is_some());
                kinds.push(kind);
            }
            for kind in [
                DocKind::Article,
                DocKind::Passage { lead: true },
                DocKind::Passage { lead: false },
            ] {
                assert!(kinds.contains(&kind), "{kind:?}");
            }
        }
    }
}
