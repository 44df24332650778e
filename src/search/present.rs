//! Turning ranked articles into hits: stored fields, highlights, windows.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use tantivy::schema::{Field, Value};
use tantivy::{Score, Searcher, TantivyDocument};

use super::build::Analyzers;
use super::collapse::RankedArticle;
use super::{Hit, PassageHit};
use crate::error::Result;
use crate::highlight::{highlight, merge_ranges, HighlightTerms};
use crate::lang::Lang;
use crate::schema::{analyzers_of, Fields};
use crate::snippet::{snippet, DEFAULT_SNIPPET_CHARS};

/// Further passages of an article looked at for a second one to show.
const SECOND_PASSAGE_CANDIDATES: usize = 4;

pub(crate) fn hit(
    searcher: &Searcher,
    fields: &Fields,
    analyzers: &mut Analyzers,
    terms: &HashMap<&'static str, HighlightTerms>,
    article: RankedArticle,
    rank: usize,
    details: bool,
) -> Result<Hit> {
    let mut hit = Hit {
        rank,
        article_id: article.article_id,
        score: article.score,
        title: String::new(),
        url: None,
        source: None,
        date: None,
        passages: Vec::new(),
    };
    if !details {
        return Ok(hit);
    }
    let Some(&(best_score, best_address)) = article.passages.first() else {
        return Ok(hit);
    };
    let doc: TantivyDocument = searcher.doc(best_address)?;
    hit.title = text_of(&doc, fields.title).unwrap_or_default();
    hit.url = text_of(&doc, fields.url);
    hit.source = text_of(&doc, fields.source);
    hit.date = text_of(&doc, fields.date);
    let best = passage(fields, analyzers, terms, &doc, best_score);
    let best_words = matched_words(analyzers, &best);
    hit.passages.push(best);
    // A second passage is shown when it matches query words the best one lacks.
    for &(score, address) in article.passages.iter().skip(1).take(SECOND_PASSAGE_CANDIDATES) {
        let doc: TantivyDocument = searcher.doc(address)?;
        let candidate = passage(fields, analyzers, terms, &doc, score);
        if !matched_words(analyzers, &candidate).is_subset(&best_words) {
            hit.passages.push(candidate);
            break;
        }
    }
    Ok(hit)
}

fn passage(
    fields: &Fields,
    analyzers: &mut Analyzers,
    terms: &HashMap<&'static str, HighlightTerms>,
    doc: &TantivyDocument,
    score: Score,
) -> PassageHit {
    let text = text_of(doc, fields.text).unwrap_or_default();
    let lang_code = text_of(doc, fields.lang).unwrap_or_default();
    let lang = crate::lang::Lang::from_code(&lang_code).unwrap_or(Lang::Other);
    let (stemmed, exact) = analyzers_of(lang);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for name in [stemmed, exact] {
        if let (Some(analyzer), Some(terms)) = (analyzers.get(name), terms.get(name)) {
            ranges.extend(highlight(&text, analyzer, terms));
        }
    }
    let highlights = merge_ranges(ranges);
    let window = snippet(&text, &highlights, DEFAULT_SNIPPET_CHARS).range;
    PassageHit {
        number: doc
            .get_first(fields.passage_no)
            .and_then(|v| v.as_u64())
            .unwrap_or(0),
        score,
        lang: lang_code,
        text,
        highlights,
        window,
    }
}

/// The exact forms of the words highlighted in a passage.
fn matched_words(analyzers: &mut Analyzers, passage: &PassageHit) -> HashSet<String> {
    let lang = Lang::from_code(&passage.lang).unwrap_or(Lang::Other);
    let (_, exact) = analyzers_of(lang);
    passage
        .highlights
        .iter()
        .filter_map(|range| passage.text.get(range.clone()))
        .flat_map(|word| analyzers.tokens(exact, word).into_iter().map(|(_, t)| t))
        .collect()
}

fn text_of(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|value| value.as_str())
        .map(str::to_string)
}

