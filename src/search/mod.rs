//! Running a query, from the words typed to the hits shown: [`Searcher`],
//! whose documentation lists the steps in order, one file each (`rank.rs`,
//! `rerank.rs`, `present.rs` here; `top_docs.rs` and `doc_ids.rs` serve
//! the first ranking). Every weight and window size is in
//! [`crate::weights`].

mod archive;
pub(crate) mod article_table;
mod batch;
mod best_and_matches;
mod by_date;
mod deadline;
mod doc_ids;
pub(crate) mod id_tables;
mod matches;
mod options;
mod present;
mod rank;
mod rerank;
mod source_filter;
mod top_docs;

use std::ops::Bound;
use std::sync::Arc;

use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery};
use tantivy::Term;

use crate::error::{Error, Result};
use crate::hit::{Facets, Hit, SearchResults};
use crate::index::schema::Fields;
use crate::index::Index;
use crate::ingest::Day;
use crate::query::build::{build_query, Analyzers};
use crate::query::spelling::Respelling;
use crate::query::stats::FieldStats;
use crate::query::translate::Translation;
use crate::query::{parse, ParsedQuery};
use article_table::ArticleSnapshot;
use deadline::Deadline;
use doc_ids::DocIds;
pub use options::{SearchOptions, Sort};

/// Searches an index; keeps its analyzers and the reader's snapshot, so
/// that a batch of queries runs without reopening anything. One searcher
/// may be shared across threads (it is `Send + Sync`).
///
/// [`Searcher::search`] runs these steps in order, one source file each:
///
/// 1. **Parse** (`query/syntax.rs`): the text typed becomes words, phrases,
///    `+required` and `-excluded` clauses.
/// 2. **Build** (`query/build.rs`): each clause is analyzed by every
///    language's analyzers and becomes term and phrase queries over the
///    passage, title and whole-article fields, weighted by [`Weights`]
///    (interrogatives, names and proximity pairs included). A word the
///    index does not know is searched as its nearest spelling
///    (`query/spelling.rs`), a French stem through its forms
///    (`query/forms.rs`); BM25 counts are each field's across the archive
///    (`query/stats.rs`). Date limits are added last.
/// 3. **First ranking** (`search/rank.rs`): the best-scoring documents
///    (`search/top_docs.rs`) are collapsed into articles by their fast
///    fields (`search/doc_ids.rs`): an article adds its whole-article
///    document's score to its best passage's, its lead passage counting a
///    little more, and copies of one text rank as one article.
/// 4. **Second ranking** (`search/rerank.rs`): the leading articles are
///    ranked again among themselves, a word that all of them share
///    counting less.
/// 5. **Presentation** (`search/present.rs`): each hit's stored fields are
///    read, its best passage (sometimes a second one) highlighted and cut
///    to a window (`show/highlight.rs`, `show/snippet.rs`).
///
/// Every weight and window size the steps use is in `weights.rs`.
pub struct Searcher<'a> {
    index: &'a Index,
    searcher: tantivy::Searcher,
    analyzers: Analyzers,
    /// Read by the first query.
    stats: Option<FieldStats>,
    /// Opened by the first query that reaches ranking.
    doc_ids: Option<DocIds>,
    /// Taken by the first query that counts its matching articles.
    articles: Option<Arc<ArticleSnapshot>>,
    /// The last query's words searched under another spelling.
    respelled: Vec<Respelling>,
    /// The last query's words searched in the other language too.
    translated: Vec<Translation>,
}

// One searcher serves many threads (an HTTP server's handlers share it):
// a field that is not `Send + Sync` fails the build here.
const _: () = {
    const fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Searcher<'static>>();
};

impl Index {
    /// A searcher over the last commit this handle has seen.
    pub fn searcher(&self) -> Searcher<'_> {
        Searcher {
            index: self,
            searcher: self.reader.searcher(),
            analyzers: Analyzers::new(&self.inner, &self.fields),
            stats: None,
            doc_ids: None,
            articles: None,
            respelled: Vec::new(),
            translated: Vec::new(),
        }
    }

    /// Runs one query; see [`Searcher::search`].
    ///
    /// ```
    /// # fn main() -> Result<(), newsearch::Error> {
    /// use newsearch::{Article, Index, SearchOptions};
    /// let index = Index::create_in_ram()?;
    /// let mut writer = index.writer()?;
    /// writer.add_article(&Article {
    ///     id: "cairo".into(),
    ///     title: "Négociations au Caire".into(),
    ///     text: "Les négociateurs américains sont arrivés au Caire lundi.".into(),
    ///     ..Article::default()
    /// }, None)?;
    /// writer.commit()?;
    /// let hits = index.search("Caire", &SearchOptions::default())?;
    /// assert_eq!(hits[0].article_id, "cairo");
    /// # Ok(()) }
    /// ```
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<Vec<Hit>> {
        self.searcher().search(query, options)
    }

    /// Runs one query with its total and facets; see [`Searcher::results`].
    pub fn results(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        self.searcher().results(query, options)
    }
}

impl Searcher<'_> {
    /// The words of the last query that the index does not know and that
    /// were searched as their nearest known spelling instead (see
    /// [`Respelling`]).
    ///
    /// ```
    /// # fn main() -> Result<(), newsearch::Error> {
    /// use newsearch::{Article, Index, SearchOptions};
    /// let index = Index::create_in_ram()?;
    /// let mut writer = index.writer()?;
    /// writer.add_article(&Article {
    ///     id: "cairo".into(),
    ///     text: "Les négociateurs sont arrivés au Caire lundi.".into(),
    ///     ..Article::default()
    /// }, None)?;
    /// writer.commit()?;
    /// let mut searcher = index.searcher();
    /// let hits = searcher.search("négociateurss", &SearchOptions::default())?;
    /// assert_eq!(hits[0].article_id, "cairo");
    /// assert_eq!(searcher.respelled()[0].searched, "negociateurs");
    /// # Ok(()) }
    /// ```
    pub fn respelled(&self) -> &[Respelling] {
        &self.respelled
    }

    /// The words of the last query that were also searched in the other
    /// language, with what they were searched as (see [`Translation`]):
    /// those with an entry in the translation tables that the index holds,
    /// or a name sounding like a word of the other language's texts.
    ///
    /// ```
    /// # fn main() -> Result<(), newsearch::Error> {
    /// use newsearch::{Article, Index, SearchOptions};
    /// let index = Index::create_in_ram()?;
    /// let mut writer = index.writer()?;
    /// writer.add_article(&Article {
    ///     id: "cairo".into(),
    ///     text: "وصل المفاوضون إلى القاهرة يوم الاثنين.".into(),
    ///     ..Article::default()
    /// }, None)?;
    /// writer.commit()?;
    /// let mut searcher = index.searcher();
    /// let hits = searcher.search("Caire", &SearchOptions::default())?;
    /// assert_eq!(hits[0].article_id, "cairo");
    /// assert_eq!(hits[0].translated, ["Caire"]);
    /// assert_eq!(searcher.translated()[0].words, "Caire");
    /// assert_eq!(searcher.translated()[0].into[0], "القاهرة");
    /// # Ok(()) }
    /// ```
    pub fn translated(&self) -> &[Translation] {
        &self.translated
    }

    /// Runs a query written in the user query language (see [`crate::query`]).
    ///
    /// Articles are ranked once per text: copies of one article under
    /// several ids (the same title and text, whitespace aside) are one hit,
    /// under the first of their ids, with the others in
    /// [`Hit::duplicates`]. Passages (`all_passages`) are all listed.
    ///
    /// ```
    /// # fn main() -> Result<(), newsearch::Error> {
    /// use newsearch::{Article, Index, SearchOptions};
    /// let index = Index::create_in_ram()?;
    /// let mut writer = index.writer()?;
    /// for id in ["feed-b", "feed-a"] {
    ///     writer.add_article(&Article {
    ///         id: id.into(),
    ///         text: "Les négociateurs sont arrivés au Caire lundi.".into(),
    ///         ..Article::default()
    ///     }, None)?;
    /// }
    /// writer.commit()?;
    /// let hits = index.searcher().search("Caire", &SearchOptions::default())?;
    /// assert_eq!(hits.len(), 1);
    /// assert_eq!(hits[0].article_id, "feed-a");
    /// assert_eq!(hits[0].duplicates, ["feed-b"]);
    /// # Ok(()) }
    /// ```
    ///
    /// A query over the [limits](crate::query::limits) (bytes, words,
    /// words of a phrase) is [`Error::QueryTooLong`].
    pub fn search(&mut self, query: &str, options: &SearchOptions) -> Result<Vec<Hit>> {
        crate::query::limits::check_text(query)?;
        self.search_parsed(&parse(query), query, options)
    }

    /// Runs an already parsed query; `original` is used in error messages.
    ///
    /// A damaged index file is [`Error::Damaged`], never a panic.
    pub fn search_parsed(
        &mut self,
        parsed: &ParsedQuery,
        original: &str,
        options: &SearchOptions,
    ) -> Result<Vec<Hit>> {
        Ok(self.run(parsed, original, options, false)?.hits)
    }

    /// Runs a query as [`Searcher::search`] does, and also counts every
    /// matching article ([`SearchResults::total`]) and, with
    /// [`SearchOptions::facets`], counts them by source, language and month.
    ///
    /// ```
    /// # fn main() -> Result<(), newsearch::Error> {
    /// use newsearch::{Article, Index, SearchOptions, Sort};
    /// let index = Index::create_in_ram()?;
    /// let mut writer = index.writer()?;
    /// for (id, date, source) in [("a", "2024-01-05", "okaz"), ("b", "2024-03-02", "sabq")] {
    ///     writer.add_article(&Article {
    ///         id: id.into(),
    ///         text: format!("Les négociateurs sont arrivés au Caire le {date}."),
    ///         date: Some(date.into()),
    ///         source: Some(source.into()),
    ///         ..Article::default()
    ///     }, None)?;
    /// }
    /// writer.commit()?;
    /// let mut options = SearchOptions::default();
    /// options.limit = 1;
    /// options.sort = Sort::DateDesc;
    /// options.facets = true;
    /// let results = index.searcher().results("Caire", &options)?;
    /// assert_eq!((results.total, results.hits[0].article_id.as_str()), (2, "b"));
    /// let months = &results.facets.unwrap().months;
    /// assert_eq!((months[0].value.as_str(), months[0].count), ("2024-01", 1));
    ///
    /// options.offset = 1;
    /// options.sources = vec!["OKAZ".into()];
    /// let results = index.searcher().results("Caire", &options)?;
    /// assert!(results.hits.is_empty() && results.total == 1);
    /// # Ok(()) }
    /// ```
    pub fn results(&mut self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        self.run(&parse(query), query, options, true)
    }

    /// The pipeline; `count` asks for the total (date order and facets
    /// count the matching articles anyway).
    fn run(
        &mut self,
        parsed: &ParsedQuery,
        original: &str,
        options: &SearchOptions,
        count: bool,
    ) -> Result<SearchResults> {
        crate::query::limits::check_text(original)?;
        crate::query::limits::check_parsed(parsed)?;
        let location = self.index.location();
        crate::guard::guarded_read(&location, || {
            self.run_unguarded(parsed, original, options, count)
        })
    }

    fn run_unguarded(
        &mut self,
        parsed: &ParsedQuery,
        original: &str,
        options: &SearchOptions,
        count: bool,
    ) -> Result<SearchResults> {
        options.check()?;
        let index = self.index;
        let fields = &index.fields;
        let stats = match &self.stats {
            Some(stats) => stats,
            None => self.stats.insert(FieldStats::new(
                &self.searcher,
                fields,
                index.shared_stats.of(&self.searcher),
            )?),
        };
        stats.start_query(&options.weights);
        let mut built = build_query(
            parsed,
            original,
            fields,
            &mut self.analyzers,
            &options.weights,
            options.lang,
            stats,
            options.translate.then_some(&index.skeletons),
        )?;
        self.respelled = std::mem::take(&mut built.respelled);
        self.translated = built.translations.iter().map(|(t, _)| t.clone()).collect();
        let query = with_filters(&self.searcher, fields, built.query(), options)?;
        let deadline = Deadline::of(options);
        deadline.check()?;
        if self.searcher.num_docs() == 0 {
            return Ok(SearchResults {
                hits: Vec::new(),
                total: 0,
                facets: options.facets.then(Facets::default),
            });
        }
        let doc_ids = match &mut self.doc_ids {
            Some(doc_ids) => doc_ids,
            None => self
                .doc_ids
                .insert(DocIds::new(&self.searcher, index.id_tables.clone())?),
        };
        let views = count || options.facets || options.sort != Sort::Score;
        let articles = match (&self.articles, views) {
            (Some(articles), _) => articles.clone(),
            (None, true) => self
                .articles
                .insert(index.article_tables.of(&self.searcher)?)
                .clone(),
            (None, false) => Default::default(),
        };
        if self.articles.is_some() {
            doc_ids.use_articles(articles.clone());
        }
        let sources = || source_filter::SourceFilter::new(&options.sources);
        let (ranked, total, facets) = if options.sort == Sort::Score {
            // The page is the end of the ranking's first `offset + limit`.
            let window = options
                .clone()
                .limit(options.offset.saturating_add(options.limit));
            // The second ranking needs its leading articles, whatever the limit.
            let rerank = rerank::applies(&window);
            let wider = (rerank && window.limit < crate::weights::LEADING)
                .then(|| window.clone().limit(crate::weights::LEADING));
            // The ranking visits every matching document: the total and
            // the facets are counted on the same pass.
            let (mut ranked, found) = rank::rank(
                &self.searcher,
                fields,
                stats,
                doc_ids,
                query.as_ref(),
                built.excluded.as_deref(),
                wider.as_ref().unwrap_or(&window),
                views.then(|| matches::Matches(sources(), deadline, articles.clone())),
            )?;
            let matched = match found {
                Some(found) => Some(archive::finish_matches(
                    &self.searcher,
                    found,
                    built.excluded.as_deref(),
                    doc_ids,
                    deadline,
                    &articles,
                )?),
                None => None,
            };
            let facets = match (&matched, options.facets) {
                (Some(matched), true) => Some(archive::facets(&self.searcher, matched)?),
                _ => None,
            };
            if rerank {
                ranked = rerank::rerank(&self.searcher, stats, doc_ids, &built, ranked, &window)?;
                ranked.truncate(window.limit);
                deadline.check()?;
            }
            ranked.drain(..options.offset.min(ranked.len()));
            (
                ranked,
                matched.as_ref().map_or(0, archive::Matched::len),
                facets,
            )
        } else {
            let matching = with_filters(&self.searcher, fields, built.matching_query(), options)?;
            let matched = archive::matching_articles(
                &self.searcher,
                matching.as_ref(),
                built.excluded.as_deref(),
                sources(),
                doc_ids,
                deadline,
                &articles,
            )?;
            let facets = options
                .facets
                .then(|| archive::facets(&self.searcher, &matched))
                .transpose()?;
            let total = matched.len();
            let page = archive::date_page(
                matched,
                options.sort,
                options.offset,
                options.limit,
                doc_ids,
            )?;
            let ranked = by_date::score_page(
                &self.searcher,
                fields,
                stats,
                doc_ids,
                query.as_ref(),
                page,
                &options.weights,
            )?;
            (ranked, total, facets)
        };
        deadline.check()?;
        let mut hits = if options.details {
            let mut presenter = present::Presenter {
                searcher: &self.searcher,
                fields,
                analyzers: &mut self.analyzers,
                terms: &built.highlight,
                translations: &built.translations,
                query: query.as_ref(),
            };
            presenter.hits(ranked, doc_ids)?
        } else {
            ranked
                .into_iter()
                .enumerate()
                .map(|(rank, article)| article.into_hit(rank + 1))
                .collect()
        };
        deadline.check()?;
        for hit in &mut hits {
            hit.rank += options.offset;
        }
        Ok(SearchResults {
            hits,
            total: if count { total } else { 0 },
            facets,
        })
    }
}

/// The query restricted to the dates of `options` (sources are kept by
/// the collectors, see `source_filter`).
fn with_filters(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    query: Box<dyn Query>,
    options: &SearchOptions,
) -> Result<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    if options.since.is_some() || options.until.is_some() {
        if !has_dates(searcher)? {
            return Err(Error::InvalidOption(
                "no article in the index has a date, so a date range matches none; index articles with a `date`, or leave out since and until".into(),
            ));
        }
        let bound = |day: Option<Day>| match day {
            None => Bound::Unbounded,
            Some(day) => Bound::Included(Term::from_field_i64(fields.date_num, day.number())),
        };
        let range = RangeQuery::new(bound(options.since), bound(options.until));
        clauses.push((Occur::Must, Box::new(range)));
    }
    if clauses.len() == 1 {
        return Ok(clauses.remove(0).1);
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// Whether any document of the index has a date.
fn has_dates(searcher: &tantivy::Searcher) -> Result<bool> {
    for segment in searcher.segment_readers() {
        if segment.fast_fields().i64("date_num")?.values.num_vals() > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The ids of `searcher`'s segments, in its order: what the tables kept
/// per segment are matched against.
pub(crate) fn segment_ids(searcher: &tantivy::Searcher) -> Vec<tantivy::index::SegmentId> {
    let readers = searcher.segment_readers().iter();
    readers.map(tantivy::SegmentReader::segment_id).collect()
}
