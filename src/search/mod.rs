//! Running a query, from the words typed to the hits shown: [`Searcher`],
//! whose documentation lists the steps in order, one file each (`rank.rs`,
//! `rerank.rs`, `present.rs` here; `top_docs.rs` and `doc_ids.rs` serve
//! the first ranking). Every weight and window size is in
//! [`crate::weights`].

mod doc_ids;
mod present;
mod rank;
mod rerank;
mod top_docs;

use std::ops::Bound;

use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery};
use tantivy::Term;

use crate::error::{Error, Result};
use crate::hit::Hit;
use crate::index::schema::Fields;
use crate::index::Index;
use crate::ingest::parse_day;
use crate::query::build::{build_query, Analyzers};
use crate::query::spelling::Respelling;
use crate::query::stats::FieldStats;
use crate::query::{parse, ParsedQuery};
use crate::text::lang::Lang;
use crate::weights::Weights;
use doc_ids::DocIds;

/// How to run a search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOptions {
    /// Number of hits (articles, or passages with `all_passages`). At least 1.
    pub limit: usize,
    /// Only passages in this language (and article bodies written in it).
    pub lang: Option<Lang>,
    /// Only articles dated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only articles dated on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// List every matching passage instead of one entry per article.
    pub all_passages: bool,
    /// Fetch stored fields and highlight passages. Off for batch ranking,
    /// where hits carry only rank, article id and score.
    pub details: bool,
    /// Field weights.
    pub weights: Weights,
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions {
            limit: 10,
            lang: None,
            since: None,
            until: None,
            all_passages: false,
            details: true,
            weights: Weights::default(),
        }
    }
}

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
    /// The last query's words searched under another spelling.
    respelled: Vec<Respelling>,
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
            respelled: Vec::new(),
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
        crate::query::limits::check_text(original)?;
        crate::query::limits::check_parsed(parsed)?;
        let location = self.index.location();
        crate::guard::guarded_read(&location, || {
            self.search_unguarded(parsed, original, options)
        })
    }

    fn search_unguarded(
        &mut self,
        parsed: &ParsedQuery,
        original: &str,
        options: &SearchOptions,
    ) -> Result<Vec<Hit>> {
        if options.limit == 0 {
            return Err(Error::InvalidOption("the limit must be at least 1".into()));
        }
        let index = self.index;
        let fields = &index.fields;
        let stats = match &self.stats {
            Some(stats) => stats,
            None => self.stats.insert(FieldStats::new(&self.searcher, fields)?),
        };
        stats.start_query();
        let mut built = build_query(
            parsed,
            original,
            fields,
            &mut self.analyzers,
            &options.weights,
            options.lang,
            stats,
        )?;
        self.respelled = std::mem::take(&mut built.respelled);
        let query = with_filters(fields, built.query(), options)?;
        if self.searcher.num_docs() == 0 {
            return Ok(Vec::new());
        }
        let doc_ids = match &mut self.doc_ids {
            Some(doc_ids) => doc_ids,
            None => self.doc_ids.insert(DocIds::new(&self.searcher)?),
        };
        // The second ranking needs its leading articles, whatever the limit.
        let rerank = rerank::applies(options);
        let wider = (rerank && options.limit < crate::weights::LEADING).then(|| SearchOptions {
            limit: crate::weights::LEADING,
            ..options.clone()
        });
        let mut ranked = rank::rank(
            &self.searcher,
            fields,
            stats,
            doc_ids,
            query.as_ref(),
            built.excluded.as_deref(),
            wider.as_ref().unwrap_or(options),
        )?;
        if rerank {
            ranked = rerank::rerank(&self.searcher, stats, doc_ids, &built, ranked, options)?;
            ranked.truncate(options.limit);
        }
        if !options.details {
            return Ok(ranked
                .into_iter()
                .enumerate()
                .map(|(rank, article)| article.into_hit(rank + 1))
                .collect());
        }
        let mut presenter = present::Presenter {
            searcher: &self.searcher,
            fields,
            analyzers: &mut self.analyzers,
            terms: &built.highlight,
            query: query.as_ref(),
        };
        presenter.hits(ranked, doc_ids)
    }
}

/// The query restricted to the dates of `options`.
fn with_filters(
    fields: &Fields,
    query: Box<dyn Query>,
    options: &SearchOptions,
) -> Result<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    if options.since.is_some() || options.until.is_some() {
        let bound = |date: &Option<String>, name: &str| -> Result<Bound<Term>> {
            match date {
                None => Ok(Bound::Unbounded),
                Some(date) => {
                    let number = parse_day(date).ok_or_else(|| {
                        Error::InvalidOption(format!(
                            "{name} {date:?} is not a date; write it as YYYY-MM-DD"
                        ))
                    })?;
                    Ok(Bound::Included(Term::from_field_i64(
                        fields.date_num,
                        number,
                    )))
                }
            }
        };
        let range = RangeQuery::new(
            bound(&options.since, "since")?,
            bound(&options.until, "until")?,
        );
        clauses.push((Occur::Must, Box::new(range)));
    }
    if clauses.len() == 1 {
        return Ok(clauses.remove(0).1);
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}
