//! Many queries at once, on every core. A batch of topics (a TREC run, an
//! evaluation) is as many independent searches, and one thread would leave
//! the other cores idle.

use rayon::prelude::*;

use super::SearchOptions;
use crate::error::Result;
use crate::hit::Hit;
use crate::index::Index;

impl Index {
    /// Runs every query of `queries` as [`Searcher::search`](super::Searcher::search)
    /// does, spread over the threads of the current rayon pool (one per
    /// core, unless the caller runs this inside a pool of its own with
    /// `ThreadPool::install`), and returns each one's hits or error in
    /// the order of `queries`.
    ///
    /// ```
    /// # fn main() -> Result<(), newsearch::Error> {
    /// use newsearch::{Article, Error, Index, SearchOptions};
    /// let index = Index::create_in_ram()?;
    /// let mut writer = index.writer()?;
    /// writer.add_article(&Article {
    ///     id: "cairo".into(),
    ///     text: "Les négociateurs sont arrivés au Caire lundi.".into(),
    ///     ..Article::default()
    /// }, None)?;
    /// writer.commit()?;
    /// let found = index.search_batch(&["Caire", "Tokyo", "le"], &SearchOptions::default());
    /// assert_eq!(found[0].as_ref().unwrap()[0].article_id, "cairo");
    /// assert!(found[1].as_ref().unwrap().is_empty());
    /// assert!(matches!(found[2], Err(Error::NoSearchableWords(_))));
    /// # Ok(()) }
    /// ```
    pub fn search_batch<Q: AsRef<str> + Sync>(
        &self,
        queries: &[Q],
        options: &SearchOptions,
    ) -> Vec<Result<Vec<Hit>>> {
        queries
            .par_iter()
            .map_init(
                || self.searcher(),
                |searcher, query| searcher.search(query.as_ref(), options),
            )
            .collect()
    }
}
