//! Ranking passages and collapsing them into articles.

use std::collections::{HashMap, HashSet};

use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Score, Searcher, Term};

use super::SearchOptions;
use crate::error::Result;
use crate::schema::Fields;

/// Passages fetched per requested article on the first try; more are
/// fetched when they do not cover enough distinct articles.
const PASSAGES_PER_ARTICLE: usize = 8;
const MIN_PASSAGES: usize = 64;

/// An article in the ranking, with its matching passages, best first.
pub(crate) struct RankedArticle {
    pub article_id: String,
    pub score: Score,
    pub passages: Vec<(Score, DocAddress)>,
}

/// The top articles for `query` (or top passages, each its own entry, with
/// `all_passages`). An article scores as its best passage.
pub(crate) fn rank(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    excluded: Option<&dyn Query>,
    options: &SearchOptions,
) -> Result<Vec<RankedArticle>> {
    let total = searcher.num_docs() as usize;
    if total == 0 {
        return Ok(Vec::new());
    }
    let mut ids = ArticleIds::new(searcher)?;
    let mut wanted = if options.all_passages {
        options.limit
    } else {
        options.limit.saturating_mul(PASSAGES_PER_ARTICLE).max(MIN_PASSAGES)
    };
    loop {
        let fetch = wanted.min(total).max(1);
        let passages = searcher.search(query, &TopDocs::with_limit(fetch).order_by_score())?;
        let exhausted = passages.len() < fetch;
        let mut articles: Vec<RankedArticle> = Vec::new();
        let mut position: HashMap<String, usize> = HashMap::new();
        let mut left_out: HashSet<String> = HashSet::new();
        for (score, address) in passages {
            let id = ids.get(address)?;
            if left_out.contains(&id) {
                continue;
            }
            if !position.contains_key(&id) {
                if let Some(excluded) = excluded {
                    if article_matches(searcher, fields, &id, excluded)? {
                        left_out.insert(id);
                        continue;
                    }
                }
            }
            if options.all_passages {
                articles.push(RankedArticle {
                    article_id: id,
                    score,
                    passages: vec![(score, address)],
                });
                continue;
            }
            match position.get(&id) {
                Some(&at) => articles[at].passages.push((score, address)),
                None => {
                    position.insert(id.clone(), articles.len());
                    articles.push(RankedArticle {
                        article_id: id,
                        score,
                        passages: vec![(score, address)],
                    });
                }
            }
        }
        if articles.len() >= options.limit || exhausted || fetch >= total {
            articles.truncate(options.limit);
            return Ok(articles);
        }
        wanted = wanted.saturating_mul(4);
    }
}

/// Whether any passage of the article matches `query`.
fn article_matches(searcher: &Searcher, fields: &Fields, id: &str, query: &dyn Query) -> Result<bool> {
    let article = TermQuery::new(
        Term::from_field_text(fields.article_id, id),
        IndexRecordOption::Basic,
    );
    let both = BooleanQuery::intersection(vec![Box::new(article), query.box_clone()]);
    Ok(searcher.search(&both, &Count)? > 0)
}

/// Reads article ids from the fast field, one column per segment.
struct ArticleIds {
    columns: Vec<Option<StrColumn>>,
    buffer: String,
}

impl ArticleIds {
    fn new(searcher: &Searcher) -> Result<ArticleIds> {
        let mut columns = Vec::new();
        for segment in searcher.segment_readers() {
            columns.push(segment.fast_fields().str("article_id")?);
        }
        Ok(ArticleIds {
            columns,
            buffer: String::new(),
        })
    }

    fn get(&mut self, address: DocAddress) -> Result<String> {
        self.buffer.clear();
        if let Some(Some(column)) = self.columns.get(address.segment_ord as usize) {
            if let Some(ord) = column.term_ords(address.doc_id).next() {
                column.ord_to_str(ord, &mut self.buffer)?;
            }
        }
        Ok(self.buffer.clone())
    }
}
