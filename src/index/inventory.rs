//! What an index holds: its counts ([`Index::stats`]), its articles
//! ([`Index::articles`], [`Index::article`]) and one article whole
//! ([`Index::read_article`]), read from fast fields and article
//! documents.

use std::collections::BTreeMap;

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use super::schema::{Fields, KIND_ARTICLE, KIND_PASSAGE};
use super::term_table::TermTable;
use super::{article_document, Index, FORMAT_VERSION};
use crate::article::Article;
use crate::error::Result;
use crate::hit::FacetCount;
use crate::ingest::Day;
use crate::text::lang::Lang;

/// What the index holds about one article, read from its article document
/// (without reading its passages).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct ArticleInfo {
    /// The article's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its url, if any.
    pub url: Option<String>,
    /// Its date, `YYYY-MM-DD`, if any.
    pub date: Option<String>,
    /// Its source, if any.
    pub source: Option<String>,
    /// Language code of most of its text.
    pub lang: String,
    /// Number of passages.
    pub passages: u64,
}

/// Counts of what an index holds ([`Index::stats`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct IndexStats {
    /// Number of articles.
    pub articles: u64,
    /// Number of passages.
    pub passages: u64,
    /// Articles by language code, most first.
    pub langs: Vec<FacetCount>,
    /// Articles by source (trimmed and lowercased), most first.
    pub sources: Vec<FacetCount>,
    /// Number of articles with a date.
    pub dated: u64,
    /// The earliest date of an article.
    pub first_date: Option<Day>,
    /// The latest date of an article.
    pub last_date: Option<Day>,
    /// Size of the index files in bytes (0 in memory).
    pub size_bytes: u64,
    /// The index format ([`FORMAT_VERSION`]).
    pub format: u32,
}

impl Index {
    /// Counts the articles and passages of the last commit seen, by
    /// language and source, with their date range, from fast fields alone.
    ///
    /// ```
    /// # fn main() -> Result<(), newsearch::Error> {
    /// use newsearch::{Article, Index};
    /// let index = Index::create_in_ram()?;
    /// let mut writer = index.writer()?;
    /// writer.add_article(&Article {
    ///     id: "a".into(),
    ///     text: "Les négociateurs sont arrivés au Caire.".into(),
    ///     date: Some("2024-01-05".into()),
    ///     source: Some("Okaz".into()),
    ///     ..Article::default()
    /// }, None)?;
    /// writer.commit()?;
    /// let stats = index.stats()?;
    /// assert_eq!((stats.articles, stats.passages), (1, 1));
    /// assert_eq!(stats.sources[0].value, "okaz");
    /// assert_eq!(stats.first_date.unwrap().to_string(), "2024-01-05");
    /// # Ok(()) }
    /// ```
    pub fn stats(&self) -> Result<IndexStats> {
        let searcher = self.reader.searcher();
        let (mut articles, mut passages, mut dated) = (0, 0, 0);
        let mut langs: BTreeMap<String, usize> = BTreeMap::new();
        let mut sources: BTreeMap<String, usize> = BTreeMap::new();
        let mut dates: Option<(i64, i64)> = None;
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let passage_numbers = fast.u64("passage_no")?;
            let date_numbers = fast.i64("date_num")?;
            let (lang_column, source_column) = (fast.str("lang")?, fast.str("source_key")?);
            // Counted by ordinal, named once per segment.
            let mut lang_ords: BTreeMap<u64, usize> = BTreeMap::new();
            let mut source_ords: BTreeMap<u64, usize> = BTreeMap::new();
            for doc in segment.doc_ids_alive() {
                if passage_numbers.first(doc).is_some() {
                    passages += 1;
                    continue;
                }
                articles += 1;
                if let Some(ord) = lang_column.as_ref().and_then(|c| c.term_ords(doc).next()) {
                    *lang_ords.entry(ord).or_default() += 1;
                }
                if let Some(ord) = source_column.as_ref().and_then(|c| c.term_ords(doc).next()) {
                    *source_ords.entry(ord).or_default() += 1;
                }
                if let Some(date) = date_numbers.first(doc) {
                    dated += 1;
                    dates = Some(dates.map_or((date, date), |(a, b)| (a.min(date), b.max(date))));
                }
            }
            for (column, ords, counts) in [
                (&lang_column, lang_ords, &mut langs),
                (&source_column, source_ords, &mut sources),
            ] {
                if let Some(column) = column {
                    let names = TermTable::read(column)?;
                    for (ord, count) in ords {
                        let name = names.get(ord).unwrap_or_default().to_string();
                        *counts.entry(name).or_default() += count;
                    }
                }
            }
        }
        Ok(IndexStats {
            articles,
            passages,
            langs: FacetCount::most_first(langs),
            sources: FacetCount::most_first(sources),
            dated,
            first_date: dates.and_then(|(first, _)| Day::from_number(first)),
            last_date: dates.and_then(|(_, last)| Day::from_number(last)),
            size_bytes: self.size_on_disk(),
            format: FORMAT_VERSION,
        })
    }

    /// The article with this id, if the index holds it.
    pub fn article(&self, id: &str) -> Result<Option<ArticleInfo>> {
        let searcher = self.reader.searcher();
        let Some(address) = article_document(&searcher, &self.fields, id)? else {
            return Ok(None);
        };
        Ok(Some(info(&self.fields, &searcher.doc(address)?)))
    }

    /// Every article of the last commit seen, sorted by id.
    pub fn articles(&self) -> Result<Vec<ArticleInfo>> {
        let searcher = self.reader.searcher();
        let query = of_kind(&self.fields, KIND_ARTICLE, None);
        let mut addresses: Vec<_> = searcher
            .search(&query, &DocSetCollector)?
            .into_iter()
            .collect();
        // In address order, the doc store's blocks are read once each.
        addresses.sort_unstable();
        let mut all = Vec::with_capacity(addresses.len());
        for address in addresses {
            all.push(info(&self.fields, &searcher.doc(address)?));
        }
        all.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        Ok(all)
    }

    /// The article with this id as indexed: its metadata, and its text as
    /// its passages, in order, a blank line apart (the text as given, but
    /// for the whitespace between paragraphs).
    pub fn read_article(&self, id: &str) -> Result<Option<Article>> {
        let Some(info) = self.article(id)? else {
            return Ok(None);
        };
        let searcher = self.reader.searcher();
        let query = of_kind(&self.fields, KIND_PASSAGE, Some(id));
        let mut passages = Vec::new();
        for address in searcher.search(&query, &DocSetCollector)? {
            let doc: TantivyDocument = searcher.doc(address)?;
            let number = doc
                .get_first(self.fields.passage_no)
                .and_then(|v| v.as_u64());
            let text = doc
                .get_first(self.fields.passage_text)
                .and_then(|v| v.as_str());
            passages.push((number.unwrap_or(0), text.unwrap_or_default().to_string()));
        }
        passages.sort_unstable();
        let text: Vec<String> = passages.into_iter().map(|(_, text)| text).collect();
        Ok(Some(Article {
            id: info.id,
            title: info.title,
            text: text.join("\n\n"),
            date: info.date,
            url: info.url,
            source: info.source,
            lang: match crate::text::lang::parse_code(&info.lang) {
                crate::text::lang::Code::Known(lang) if lang != Lang::Other => Some(lang),
                _ => None,
            },
        }))
    }
}

/// The documents of one kind, of one article or all.
fn of_kind(fields: &Fields, kind: &str, id: Option<&str>) -> BooleanQuery {
    let term = |field, text: &str| -> (Occur, Box<dyn Query>) {
        let term = Term::from_field_text(field, text);
        (
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        )
    };
    let mut clauses = vec![term(fields.kind, kind)];
    if let Some(id) = id {
        clauses.push(term(fields.article_id, id));
    }
    BooleanQuery::new(clauses)
}

/// The [`ArticleInfo`] of an article document.
fn info(fields: &Fields, doc: &TantivyDocument) -> ArticleInfo {
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    ArticleInfo {
        id: text(fields.article_id).unwrap_or_default(),
        title: text(fields.title).unwrap_or_default(),
        url: text(fields.url),
        date: text(fields.date),
        source: text(fields.source),
        lang: text(fields.lang).unwrap_or_default(),
        passages: doc
            .get_first(fields.passages)
            .and_then(|v| v.as_u64())
            .unwrap_or(0),
    }
}
