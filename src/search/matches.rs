//! Every article a query matches, with what the archive views need of it
//! (date, source, language, text hash), read from fast fields.
//!
//! The ranking looks at the best-scoring documents only; the total, the
//! facets and date order need all matching articles. This collector
//! visits every matching document without scoring it, keeps the first
//! one of each article and reads the article's values from its article
//! document (the first document after its passages), once per article.
//! Sources and languages are kept as ordinals of their segment's
//! dictionary: the facets read the few names once, at the end.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnIndex, StrColumn};
use tantivy::query::Weight;
use tantivy::{DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED};

use super::deadline::Deadline;
use super::doc_ids::ArticleKey;
use super::source_filter::{Counted, SourceFilter};

/// A matching article.
#[derive(Debug, Clone)]
pub(crate) struct MatchedArticle {
    pub key: ArticleKey,
    /// `YYYYMMDD`.
    pub date: Option<i64>,
    /// Ordinal of the source key (trimmed, lowercased) in the segment's
    /// `source_key` dictionary.
    pub source: Option<u64>,
    /// Ordinal of the article's language code in the segment's `lang`
    /// dictionary.
    pub lang: Option<u64>,
    /// Hash of its title and text: the same for every copy.
    pub text_hash: Option<u64>,
    /// Its copies, in id order, once merged ([`super::archive`]).
    pub duplicates: Vec<ArticleKey>,
}

/// Collects the [`MatchedArticle`]s of a query, in no particular order,
/// of the sources kept (all for `None`), until the deadline, reading the
/// values of [`Reads`].
pub(crate) struct Matches(pub Option<SourceFilter>, pub Deadline, pub Reads);

/// The values of its article a view needs beyond its key and text hash
/// (which the total needs, to count copies once); the others stay `None`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reads {
    /// The date (date order, month facets).
    pub dates: bool,
    /// The source and language (facets).
    pub names: bool,
}

impl Collector for Matches {
    type Fruit = Vec<MatchedArticle>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let fast = reader.fast_fields();
        let ids = fast.str("article_id")?;
        let seen = vec![false; ids.as_ref().map_or(0, |ids| ids.dictionary().num_terms())];
        let Reads { dates, names } = self.2;
        Ok(SegmentMatches {
            segment,
            max_doc: reader.max_doc(),
            ids,
            passage_numbers: fast.u64("passage_no")?,
            dates: if dates {
                Some(fast.i64("date_num")?)
            } else {
                None
            },
            sources: if names { fast.str("source_key")? } else { None },
            langs: if names { fast.str("lang")? } else { None },
            text_hashes: fast.u64("text_hash")?,
            // Room for every article of the segment: growing the vector
            // would copy it again and again, and only the pages written
            // are ever touched.
            found: Vec::with_capacity(seen.len()),
            seen,
            through: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    /// Visits the first matching document of each article and skips the
    /// rest of it: an article's documents are consecutive, its article
    /// document last, so the scorer seeks past that one. A query matches
    /// several documents of most articles it matches (passages and the
    /// article document), which are not visited.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<MatchedArticle>> {
        let mut child = self.for_segment(segment, reader)?;
        let counted = Counted::in_segment(reader, self.0.as_ref())?;
        if self.1.passed() {
            return Ok(Vec::new());
        }
        let mut ticker = self.1.ticker();
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED && !ticker.passed() {
            if !counted.counts(doc) {
                doc = scorer.advance();
                continue;
            }
            let last = child.visit(doc);
            doc = if last > doc {
                scorer.seek(last + 1)
            } else {
                scorer.advance()
            };
        }
        Ok(child.harvest())
    }

    fn merge_fruits(
        &self,
        mut fruits: Vec<Vec<MatchedArticle>>,
    ) -> tantivy::Result<Vec<MatchedArticle>> {
        // One segment's are all of them.
        if fruits.len() == 1 {
            return Ok(fruits.pop().unwrap_or_default());
        }
        // Sized once: collecting a flattened iterator would grow the vector
        // (and copy it) again and again.
        let mut all = Vec::with_capacity(fruits.iter().map(Vec::len).sum());
        for fruit in fruits {
            all.extend(fruit);
        }
        Ok(all)
    }
}

/// One segment's columns and the articles found in it so far.
pub(crate) struct SegmentMatches {
    segment: SegmentOrdinal,
    max_doc: DocId,
    ids: Option<StrColumn>,
    passage_numbers: Column<u64>,
    dates: Option<Column<i64>>,
    sources: Option<StrColumn>,
    langs: Option<StrColumn>,
    text_hashes: Column<u64>,
    /// By ordinal of the article id: whether the article was found.
    seen: Vec<bool>,
    /// The last document of the last article recorded by [`SegmentMatches::offer`].
    through: Option<DocId>,
    found: Vec<MatchedArticle>,
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<MatchedArticle>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.visit(doc);
    }

    fn harvest(self) -> Vec<MatchedArticle> {
        self.found
    }
}

impl SegmentMatches {
    /// Records the article of `doc`, one of a scan of matching documents
    /// in order that skips none: the documents after the first one of an
    /// article, up to its article document, are passed over.
    pub fn offer(&mut self, doc: DocId) {
        if self.through.is_none_or(|through| doc > through) {
            self.through = Some(self.visit(doc));
        }
    }

    /// Records the article of a matching document, the first time; returns
    /// the last document of that article that could match (its article
    /// document), or `doc` itself when it is not known.
    fn visit(&mut self, doc: DocId) -> DocId {
        let Some(ord) = self.ids.as_ref().and_then(|ids| ids.term_ords(doc).next()) else {
            return doc;
        };
        match self.seen.get_mut(ord as usize) {
            Some(seen) if !*seen => *seen = true,
            _ => return doc,
        }
        let document = self.article_document(doc, ord);
        let from = document.unwrap_or(doc);
        self.found.push(MatchedArticle {
            key: ArticleKey::new(self.segment, Some(ord)),
            date: self.dates.as_ref().and_then(|dates| dates.first(from)),
            source: first_ord(self.sources.as_ref(), from),
            lang: document.and_then(|d| first_ord(self.langs.as_ref(), d)),
            text_hash: document.and_then(|d| self.text_hashes.first(d)),
            duplicates: Vec::new(),
        });
        document.unwrap_or(doc)
    }

    /// The article document of `doc`, whose article id has ordinal `ord`:
    /// the first document from `doc` on that is no passage, if it has the
    /// same id (else the index was not written by [`crate::Writer`]).
    /// Only article documents have a text hash, so its column's index
    /// finds it without reading the passages in between.
    fn article_document(&self, doc: DocId, ord: u64) -> Option<DocId> {
        let document = match &self.text_hashes.index {
            ColumnIndex::Optional(with_hash) => with_hash.next_non_null_doc(doc),
            _ => (doc..self.max_doc).find(|&d| self.passage_numbers.first(d).is_none()),
        };
        document.filter(|&d| self.ids.as_ref().and_then(|ids| ids.term_ords(d).next()) == Some(ord))
    }
}

/// The ordinal of a document's first value in a string column.
fn first_ord(column: Option<&StrColumn>, doc: DocId) -> Option<u64> {
    column?.term_ords(doc).next()
}
