//! BM25 statistics per field, not per index.
//!
//! tantivy computes a field's average length and its terms' IDF over every
//! document of the index. Here a field lives on only some documents: the
//! Arabic fields on Arabic passages, the body and title fields on article
//! documents. Counted over all documents, French passages would dilute the
//! Arabic IDF and the article documents would shrink the passages' average
//! length. This provider rescales tantivy's counts to the documents that
//! have the field (recorded at indexing time in the `has` field), so BM25
//! sees each field as an index of its own.

use std::collections::HashMap;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::schema::Fields;
use crate::writer::field_marker;

pub(crate) struct FieldStats<'a> {
    searcher: &'a Searcher,
    total_docs: u64,
    /// Documents having each field, where known.
    docs_with: HashMap<Field, u64>,
}

impl<'a> FieldStats<'a> {
    pub fn new(searcher: &'a Searcher, fields: &Fields) -> tantivy::Result<FieldStats<'a>> {
        let mut docs_with = HashMap::new();
        for lang in &fields.langs {
            for field in [
                lang.text,
                lang.text_exact,
                lang.title,
                lang.title_exact,
                lang.body,
            ] {
                let term = Term::from_field_text(fields.has, &field_marker(field));
                let count = searcher.doc_freq(&term)?;
                if count > 0 {
                    docs_with.insert(field, count);
                }
            }
        }
        Ok(FieldStats {
            searcher,
            total_docs: Bm25StatisticsProvider::total_num_docs(searcher)?,
            docs_with,
        })
    }

    /// Factor from "documents with the field" to "all documents".
    fn scale(&self, field: Field) -> f64 {
        match self.docs_with.get(&field) {
            Some(&docs) if docs > 0 && self.total_docs > 0 => self.total_docs as f64 / docs as f64,
            _ => 1.0,
        }
    }
}

impl Bm25StatisticsProvider for FieldStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let tokens = Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        Ok((tokens as f64 * self.scale(field)).round() as u64)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.total_docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let df = self.searcher.doc_freq(term)?;
        let scaled = (df as f64 * self.scale(term.field())).round() as u64;
        Ok(scaled.min(self.total_docs).max(df.min(1)))
    }
}
