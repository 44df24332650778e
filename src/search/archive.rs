//! What the archive views need of a query beyond its best hits: every
//! matching article (for the total and date order), and their counts by
//! source, language and month (the facets).

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::columnar::StrColumn;
use tantivy::query::Query;
use tantivy::{Searcher, SegmentOrdinal};

use super::deadline::Deadline;
use super::doc_ids::{ArticleKey, DocIds};
use super::matches::{MatchedArticle, Matches, Reads};
use super::options::Sort;
use super::source_filter::SourceFilter;
use crate::error::Result;
use crate::hit::{FacetCount, Facets};

/// Every article `query` matches from `sources`, less those with a document that
/// matches `excluded`, copies of one text merged into the first of their
/// ids (as the ranking merges them), with the values of `reads`.
pub(crate) fn matching_articles(
    searcher: &Searcher,
    query: &dyn Query,
    excluded: Option<&dyn Query>,
    sources: Option<SourceFilter>,
    docs: &mut DocIds,
    deadline: Deadline,
    reads: Reads,
) -> Result<Vec<MatchedArticle>> {
    let found = searcher.search(query, &Matches(sources, deadline, reads))?;
    finish_matches(searcher, found, excluded, docs, deadline)
}

/// The articles `found` by a [`Matches`] collector (alone or beside the
/// ranking), less those with a document that matches `excluded`, copies
/// of one text merged into the first of their ids.
pub(crate) fn finish_matches(
    searcher: &Searcher,
    mut found: Vec<MatchedArticle>,
    excluded: Option<&dyn Query>,
    docs: &mut DocIds,
    deadline: Deadline,
) -> Result<Vec<MatchedArticle>> {
    deadline.check()?;
    if let Some(excluded) = excluded {
        let left_out: FxHashSet<ArticleKey> = searcher
            .search(excluded, &Matches(None, deadline, NO_READS))?
            .into_iter()
            .map(|article| article.key)
            .collect();
        found.retain(|article| !left_out.contains(&article.key));
    }
    deadline.check()?;
    merge_copies(&mut found, docs)?;
    Ok(found)
}

/// The keys alone.
const NO_READS: Reads = Reads {
    dates: false,
    names: false,
};

/// Keeps one article per text hash, the first of their ids, which lists
/// the others as its duplicates. Copies in one segment are put in id order
/// by their keys; the ids are read only for copies spread over segments.
fn merge_copies(found: &mut Vec<MatchedArticle>, docs: &mut DocIds) -> Result<()> {
    // Most texts have no copy: only those that do get a list.
    let mut first_of: FxHashMap<u64, usize> =
        FxHashMap::with_capacity_and_hasher(found.len(), Default::default());
    let mut copies_of: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (at, article) in found.iter().enumerate() {
        if let Some(hash) = article.text_hash {
            let first = *first_of.entry(hash).or_insert(at);
            if first != at {
                copies_of
                    .entry(first)
                    .or_insert_with(|| vec![first])
                    .push(at);
            }
        }
    }
    let mut left_out = vec![false; found.len()];
    for mut copies in copies_of.into_values() {
        let first = found[copies[0]].key;
        if copies.iter().all(|&at| found[at].key.ordered_with(&first)) {
            copies.sort_by_key(|&at| found[at].key);
        } else {
            let mut named = Vec::with_capacity(copies.len());
            for at in copies {
                named.push((docs.id(found[at].key)?, at));
            }
            named.sort();
            copies = named.into_iter().map(|(_, at)| at).collect();
        }
        if let Some((first, others)) = copies.split_first() {
            for at in others {
                left_out[*at] = true;
            }
            found[*first].duplicates = others.iter().map(|at| found[*at].key).collect();
        }
    }
    let mut at = 0;
    found.retain(|_| {
        at += 1;
        !left_out[at - 1]
    });
    Ok(())
}

/// The matching articles counted by source, language and month. Sources
/// and languages are counted by their ordinals in each segment, and only
/// the names counted are read.
pub(crate) fn facets(searcher: &Searcher, found: &[MatchedArticle]) -> Result<Facets> {
    let mut sources: FxHashMap<(SegmentOrdinal, u64), usize> = FxHashMap::default();
    let mut langs: FxHashMap<(SegmentOrdinal, u64), usize> = FxHashMap::default();
    let mut months: FxHashMap<i64, usize> = FxHashMap::default();
    for article in found {
        let segment = article.key.segment();
        if let Some(source) = article.source {
            *sources.entry((segment, source)).or_default() += 1;
        }
        if let Some(lang) = article.lang {
            *langs.entry((segment, lang)).or_default() += 1;
        }
        if let Some(date) = article.date {
            *months.entry(date / 100).or_default() += 1;
        }
    }
    let mut months: Vec<(i64, usize)> = months.into_iter().collect();
    months.sort_unstable();
    Ok(Facets {
        sources: by_name(searcher, "source_key", sources)?,
        langs: by_name(searcher, "lang", langs)?,
        months: months
            .into_iter()
            .map(|(month, count)| FacetCount {
                value: format!("{:04}-{:02}", month / 100, month % 100),
                count,
            })
            .collect(),
    })
}

/// Counts by (segment, ordinal) of the string column `column`, merged by
/// name, most first.
fn by_name(
    searcher: &Searcher,
    column: &str,
    counts: FxHashMap<(SegmentOrdinal, u64), usize>,
) -> Result<Vec<FacetCount>> {
    let mut columns: FxHashMap<SegmentOrdinal, Option<StrColumn>> = FxHashMap::default();
    let mut by_name: FxHashMap<String, usize> = FxHashMap::default();
    for ((segment, ord), count) in counts {
        let names = match columns.entry(segment) {
            Entry::Occupied(names) => names.into_mut(),
            Entry::Vacant(slot) => slot.insert(
                searcher
                    .segment_readers()
                    .get(segment as usize)
                    .map(|reader| reader.fast_fields().str(column))
                    .transpose()?
                    .flatten(),
            ),
        };
        let mut name = String::new();
        if let Some(names) = names {
            names.ord_to_str(ord, &mut name)?;
        }
        *by_name.entry(name).or_default() += count;
    }
    Ok(FacetCount::most_first(by_name))
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
    mut found: Vec<MatchedArticle>,
    sort: Sort,
    offset: usize,
    limit: usize,
    docs: &mut DocIds,
) -> Result<Vec<PageArticle>> {
    let order = |article: &MatchedArticle| match (article.date, sort) {
        (None, _) => i64::MAX,
        (Some(date), Sort::DateAsc) => date,
        (Some(date), _) => -date,
    };
    found.sort_unstable_by_key(order);
    let end = offset.saturating_add(limit).min(found.len());
    if offset >= end {
        return Ok(Vec::new());
    }
    let (first_day, last_day) = (order(&found[offset]), order(&found[end - 1]));
    let from = found[..offset].partition_point(|article| order(article) < first_day);
    let to = end + found[end..].partition_point(|article| order(article) <= last_day);
    let mut days = Vec::with_capacity(to - from);
    for article in found.drain(from..to) {
        days.push((order(&article), docs.id(article.key)?, article));
    }
    days.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut page = Vec::with_capacity(limit.min(days.len()));
    for (_, id, article) in days.into_iter().skip(offset - from).take(limit) {
        let mut duplicates = Vec::with_capacity(article.duplicates.len());
        for key in article.duplicates {
            duplicates.push(docs.id(key)?);
        }
        page.push(PageArticle {
            id,
            key: article.key,
            duplicates,
        });
    }
    Ok(page)
}
