//! BM25 statistics per field, not per index.
//!
//! tantivy computes a field's average length and its terms' IDF over every
//! document of the index. Here a field lives on only some documents: the
//! Arabic fields on Arabic passages, the body and exact title fields on
//! article documents. Counted over all documents, French passages would dilute the
//! Arabic IDF and the article documents would shrink the passages' average
//! length. This provider rescales tantivy's counts to the documents that
//! have the field (recorded at indexing time in the `has` field), so BM25
//! sees each field as an index of its own.
//!
//! A passage field's average length is also scaled by the query's
//! [`Weights::passage_length`](crate::Weights::passage_length) for its
//! language: that is how much a passage's length weighs in BM25.
//!
//! It also keeps the forms of the stems looked up in the exact passage
//! fields (see [`super::forms`]), which depend on the vocabulary alone.
//!
//! The counts are those of one searcher's snapshot, so they are read once:
//! the field counts for the searcher's life, the terms' document
//! frequencies and the stems' forms for the snapshot's, shared with the
//! other searchers of it ([`SnapshotStats`]; the query builder asks for
//! frequencies to leave out terms the index does not have, and BM25 asks
//! again).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::forms::Forms;
use super::shared_stats::SnapshotStats;
use crate::index::schema::{Fields, LangFields};
use crate::index::writer::field_marker;
use crate::sync::locked;
use crate::weights::Weights;

pub(crate) struct FieldStats {
    searcher: Searcher,
    total_docs: u64,
    /// Documents having each field, where known.
    docs_with: HashMap<Field, u64>,
    /// The fields of the other languages that hold the same kind of text as
    /// each field: a word's rarity is counted over all of them.
    peers: HashMap<Field, Vec<Field>>,
    /// Tokens of each field over the whole index, as tantivy counts them.
    tokens: Mutex<HashMap<Field, u64>>,
    /// The language of each passage field, for its length weight.
    passage_langs: HashMap<Field, crate::Lang>,
    /// This query's weights (their passage length weights).
    weights: Mutex<Weights>,
    /// Documents having each term and the forms of stems, of this snapshot.
    shared: Arc<SnapshotStats>,
}

impl FieldStats {
    /// The counts of `searcher`'s snapshot; `shared` must be of the same
    /// snapshot (see [`super::shared_stats::SharedStats::of`]).
    pub fn new(
        searcher: &Searcher,
        fields: &Fields,
        shared: Arc<SnapshotStats>,
    ) -> tantivy::Result<FieldStats> {
        let mut docs_with = HashMap::new();
        for lang in &fields.langs {
            let always = [lang.text_exact, lang.title, lang.title_exact, lang.body];
            for field in lang.text_stemmed.into_iter().chain(always) {
                let term = Term::from_field_text(fields.has, &field_marker(field));
                let count = searcher.doc_freq(&term)?;
                if count > 0 {
                    docs_with.insert(field, count);
                }
            }
        }
        let mut peers: HashMap<Field, Vec<Field>> = HashMap::new();
        for lang in &fields.langs {
            for other in fields.langs.iter().filter(|other| other.lang != lang.lang) {
                for (field, peer) in lang.same_kind_as(other) {
                    if let Some(field) = field {
                        if docs_with.contains_key(&peer) {
                            peers.entry(field).or_default().push(peer);
                        }
                    }
                }
            }
        }
        let passage_langs = fields
            .langs
            .iter()
            .flat_map(|lf| {
                (lf.text_stemmed.into_iter().chain([lf.text_exact])).map(|field| (field, lf.lang))
            })
            .collect();
        Ok(FieldStats {
            searcher: searcher.clone(),
            passage_langs,
            weights: Mutex::default(),
            total_docs: Bm25StatisticsProvider::total_num_docs(searcher)?,
            docs_with,
            peers,
            tokens: Mutex::default(),
            shared,
        })
    }

    /// The searcher's snapshot these counts are of.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// What the searchers of this snapshot share: its terms' dictionary
    /// entries among them.
    pub fn snapshot(&self) -> &Arc<SnapshotStats> {
        &self.shared
    }

    /// Takes this query's passage length weights.
    pub fn start_query(&self, weights: &Weights) {
        *locked(&self.weights) = *weights;
    }

    /// Whether any document has the term.
    pub fn has_term(&self, term: &Term) -> tantivy::Result<bool> {
        Ok(self.raw_doc_freq(term)? > 0)
    }

    fn raw_doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.shared.doc_freq(&self.searcher, term)
    }

    /// The exact passage terms of `lf`'s language whose stem is `stem`, for
    /// a language whose passages have no stemmed field.
    pub fn stem_forms(&self, lf: &LangFields, stem: &str) -> tantivy::Result<Forms> {
        self.shared.forms.of(&self.searcher, lf, stem)
    }

    /// Factor from "documents with the field" to "all documents".
    fn scale(&self, field: Field) -> f64 {
        match self.docs_with.get(&field) {
            Some(&docs) if docs > 0 && self.total_docs > 0 => self.total_docs as f64 / docs as f64,
            _ => 1.0,
        }
    }
}

impl Bm25StatisticsProvider for FieldStats {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let cached = locked(&self.tokens).get(&field).copied();
        let tokens = match cached {
            Some(tokens) => tokens,
            None => {
                let tokens = Bm25StatisticsProvider::total_num_tokens(&self.searcher, field)?;
                locked(&self.tokens).insert(field, tokens);
                tokens
            }
        };
        // A passage field's average length is divided by its length weight;
        // a weight of 0 would make it infinite: a tiny one already leaves
        // length out.
        let length = match self.passage_langs.get(&field) {
            Some(&lang) => 1.0 / f64::from(locked(&self.weights).passage_length_of(lang)).max(1e-3),
            None => 1.0,
        };
        Ok((tokens as f64 * self.scale(field) * length).round() as u64)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.total_docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let df = self.raw_doc_freq(term)?;
        let field = term.field();
        let Some(peers) = self.peers.get(&field) else {
            let scaled = (df as f64 * self.scale(field)).round() as u64;
            return Ok(scaled.min(self.total_docs).max(df.min(1)));
        };
        // The word's share of the documents holding this kind of text in
        // any language, as a share of the whole index.
        let value = term.value();
        let Some(text) = value.as_str() else {
            return Ok(df);
        };
        let mut with_word = df;
        let mut with_kind = self.docs_with.get(&field).copied().unwrap_or(0);
        for &peer in peers {
            with_word += self.raw_doc_freq(&Term::from_field_text(peer, text))?;
            with_kind += self.docs_with[&peer];
        }
        if with_kind == 0 {
            return Ok(df);
        }
        let scaled = (with_word as f64 * self.total_docs as f64 / with_kind as f64).round() as u64;
        Ok(scaled.min(self.total_docs).max(df.min(1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Index};

    #[test]
    fn counts_are_read_once_and_stay_those_of_the_index() {
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        writer
            .add_article(
                &Article {
                    id: "a".into(),
                    title: "Négociations au Caire".into(),
                    text: "Les négociateurs sont arrivés au Caire lundi.".into(),
                    ..Article::default()
                },
                None,
            )
            .unwrap();
        writer.commit().unwrap();
        let searcher = index.tantivy_index().reader().unwrap().searcher();
        let fields = Fields::from_schema(&index.tantivy_index().schema()).unwrap();
        let stats = FieldStats::new(&searcher, &fields, Arc::default()).unwrap();
        let text = fields.of(crate::Lang::Fr).text_exact;
        let known = Term::from_field_text(text, "caire");
        let unknown = Term::from_field_text(text, "zzyzx");
        for _ in 0..2 {
            stats.start_query(&Weights::default().passage_length_fr(1.0));
            assert!(stats.has_term(&known).unwrap());
            assert!(!stats.has_term(&unknown).unwrap());
            assert_eq!(stats.doc_freq(&unknown).unwrap(), 0);
            // One passage of the index's two documents has the field: the
            // frequency is scaled to the documents having it.
            assert_eq!(stats.doc_freq(&known).unwrap(), 2);
            let tokens = Bm25StatisticsProvider::total_num_tokens(&searcher, text).unwrap();
            assert_eq!(stats.total_num_tokens(text).unwrap(), tokens * 2);
        }
    }
}
