//! What the archive views need of a query beyond its best hits: every
//! matching article (for the total and date order), and their counts by
//! source, language and month (the facets).

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::query::Query;
use tantivy::{Searcher, SegmentOrdinal};

use super::article_table::{ArticleAt, ArticleSnapshot, ArticleTable, FacetKeys};
use super::deadline::Deadline;
use super::doc_ids::{ArticleKey, DocIds};
use super::matches::Matches;
use super::options::Sort;
use super::source_filter::SourceFilter;
use crate::error::Result;
use crate::hit::{FacetCount, Facets};

/// Every article a query matches, copies of one text merged into the
/// first of their ids (as the ranking merges them).
pub(crate) struct Matched {
    snapshot: Arc<ArticleSnapshot>,
    articles: Vec<ArticleAt>,
    /// The copies of the articles that have some, in id order.
    duplicates: FxHashMap<ArticleAt, Vec<ArticleKey>>,
}

impl Matched {
    /// The number of articles, copies counted once.
    pub(crate) fn len(&self) -> usize {
        self.articles.len()
    }
}

/// Every article `query` matches from `sources`, less those with a
/// document that matches `excluded`, copies merged.
pub(crate) fn matching_articles(
    searcher: &Searcher,
    query: &dyn Query,
    excluded: Option<&dyn Query>,
    sources: Option<SourceFilter>,
    docs: &mut DocIds,
    deadline: Deadline,
    snapshot: &Arc<ArticleSnapshot>,
) -> Result<Matched> {
    let found = searcher.search(query, &Matches(sources, deadline, snapshot.clone()))?;
    finish_matches(searcher, found, excluded, docs, deadline, snapshot)
}

/// The articles `found` by a [`Matches`] collector (alone or beside the
/// ranking), less those with a document that matches `excluded`, copies
/// of one text merged into the first of their ids.
pub(crate) fn finish_matches(
    searcher: &Searcher,
    mut found: Vec<ArticleAt>,
    excluded: Option<&dyn Query>,
    docs: &mut DocIds,
    deadline: Deadline,
    snapshot: &Arc<ArticleSnapshot>,
) -> Result<Matched> {
    deadline.check()?;
    if let Some(excluded) = excluded {
        let left_out: FxHashSet<ArticleAt> = searcher
            .search(excluded, &Matches(None, deadline, snapshot.clone()))?
            .into_iter()
            .collect();
        found.retain(|article| !left_out.contains(article));
    }
    deadline.check()?;
    let duplicates = merge_copies(&mut found, snapshot, docs)?;
    Ok(Matched {
        snapshot: snapshot.clone(),
        articles: found,
        duplicates,
    })
}

/// Keeps one article per text hash, the first of their ids, and returns
/// the others by the one kept. Only articles that share their hash with
/// another one of the index are looked at. Copies in one segment are put
/// in id order by their keys; the ids are read only for copies spread over
/// segments.
fn merge_copies(
    found: &mut Vec<ArticleAt>,
    snapshot: &ArticleSnapshot,
    docs: &mut DocIds,
) -> Result<FxHashMap<ArticleAt, Vec<ArticleKey>>> {
    let mut by_text: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (at, &article) in found.iter().enumerate() {
        if let (true, Some(hash)) = (snapshot.copied(article), snapshot.row(article).text_hash) {
            by_text.entry(hash).or_default().push(at);
        }
    }
    let mut duplicates = FxHashMap::default();
    let mut left_out = Vec::new();
    for mut copies in by_text.into_values().filter(|copies| copies.len() > 1) {
        let key = |at: usize| snapshot.key(found[at]);
        let first = key(copies[0]);
        if copies.iter().all(|&at| key(at).ordered_with(&first)) {
            copies.sort_by_key(|&at| key(at));
        } else {
            let mut named = Vec::with_capacity(copies.len());
            for at in copies {
                named.push((docs.id(key(at))?, at));
            }
            named.sort();
            copies = named.into_iter().map(|(_, at)| at).collect();
        }
        if let Some((first, others)) = copies.split_first() {
            left_out.extend_from_slice(others);
            duplicates.insert(found[*first], others.iter().map(|&at| key(at)).collect());
        }
    }
    if !left_out.is_empty() {
        let mut kept = vec![true; found.len()];
        for at in left_out {
            kept[at] = false;
        }
        let mut at = 0;
        found.retain(|_| {
            at += 1;
            kept[at - 1]
        });
    }
    Ok(duplicates)
}

/// The matching articles counted by source, language and month. Each
/// segment counts by ordinal and month number in its own table, and only
/// the names counted are read.
pub(crate) fn facets(searcher: &Searcher, matched: &Matched) -> Result<Facets> {
    let segments = searcher.segment_readers().len();
    let mut sources: Vec<Vec<usize>> = vec![Vec::new(); segments];
    let mut langs: Vec<Vec<usize>> = vec![Vec::new(); segments];
    let mut months: Vec<Vec<usize>> = vec![Vec::new(); segments];
    for &article in &matched.articles {
        let keys = matched.snapshot.facet_keys(article);
        let segment = article.segment as usize;
        count(&mut sources[segment], keys.source);
        count(&mut langs[segment], keys.lang);
        count(&mut months[segment], keys.month);
    }
    let mut by_month: FxHashMap<i64, usize> = FxHashMap::default();
    for (segment, counts) in months.into_iter().enumerate() {
        let table = matched.snapshot.table(segment as SegmentOrdinal);
        for (month, count) in table.months().iter().zip(counts) {
            *by_month.entry(*month).or_default() += count;
        }
    }
    let mut months: Vec<(i64, usize)> = by_month
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .collect();
    months.sort_unstable();
    Ok(Facets {
        sources: by_name(&matched.snapshot, sources, ArticleTable::source_names),
        langs: by_name(&matched.snapshot, langs, ArticleTable::lang_names),
        months: months
            .into_iter()
            .map(|(month, count)| FacetCount {
                value: format!("{:04}-{:02}", month / 100, month % 100),
                count,
            })
            .collect(),
    })
}

/// Counts one more of `key`, unless it is [`FacetKeys::NONE`].
fn count(counts: &mut Vec<usize>, key: u32) {
    if key == FacetKeys::NONE {
        return;
    }
    let key = key as usize;
    if key >= counts.len() {
        counts.resize(key + 1, 0);
    }
    counts[key] += 1;
}

/// Counts by segment and ordinal, merged by name (`names` of a segment's
/// table, by ordinal), most first.
fn by_name(
    snapshot: &ArticleSnapshot,
    counts: Vec<Vec<usize>>,
    names: fn(&ArticleTable) -> &[String],
) -> Vec<FacetCount> {
    let mut by_name: FxHashMap<String, usize> = FxHashMap::default();
    for (segment, counts) in counts.into_iter().enumerate() {
        if counts.is_empty() {
            continue;
        }
        let table = snapshot.table(segment as SegmentOrdinal);
        let names = names(&table);
        for (ord, count) in counts.into_iter().enumerate() {
            if count > 0 {
                let name = names.get(ord).cloned().unwrap_or_default();
                *by_name.entry(name).or_default() += count;
            }
        }
    }
    FacetCount::most_first(by_name)
}

/// An article of a date-ordered page, with the ids of its copies.
pub(crate) struct PageArticle {
    pub id: String,
    pub key: ArticleKey,
    pub duplicates: Vec<String>,
}

/// The articles from `offset` on, `limit` of them, in date order (undated
/// last), with their ids; articles of one day go by id, so the order
/// does not depend on how documents fell into segments. Only the ids of
/// the page's days (and of the page's copies) are read.
pub(crate) fn date_page(
    matched: Matched,
    sort: Sort,
    offset: usize,
    limit: usize,
    docs: &mut DocIds,
) -> Result<Vec<PageArticle>> {
    let Matched {
        snapshot,
        articles,
        mut duplicates,
    } = matched;
    let order = |article: ArticleAt| match (snapshot.row(article).date, sort) {
        (None, _) => i64::MAX,
        (Some(date), Sort::DateAsc) => date,
        (Some(date), _) => -date,
    };
    let mut found: Vec<(i64, ArticleAt)> = articles.into_iter().map(|a| (order(a), a)).collect();
    found.sort_unstable_by_key(|&(order, _)| order);
    let end = offset.saturating_add(limit).min(found.len());
    if offset >= end {
        return Ok(Vec::new());
    }
    let (first_day, last_day) = (found[offset].0, found[end - 1].0);
    let from = found[..offset].partition_point(|&(order, _)| order < first_day);
    let to = end + found[end..].partition_point(|&(order, _)| order <= last_day);
    let mut days = Vec::with_capacity(to - from);
    for (order, article) in found.drain(from..to) {
        days.push((order, docs.id(snapshot.key(article))?, article));
    }
    days.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut page = Vec::with_capacity(limit.min(days.len()));
    for (_, id, article) in days.into_iter().skip(offset - from).take(limit) {
        let copies = duplicates.remove(&article).unwrap_or_default();
        let mut ids = Vec::with_capacity(copies.len());
        for key in copies {
            ids.push(docs.id(key)?);
        }
        page.push(PageArticle {
            id,
            key: snapshot.key(article),
            duplicates: ids,
        });
    }
    Ok(page)
}
