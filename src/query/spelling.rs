//! A query word the index does not know, searched as its nearest known
//! spelling.
//!
//! A word that no field of any language holds, neither as its exact form
//! nor as its stem, cannot match anything. It is most often misspelt
//! (موريطانيا for موريتانيا, proctection for protection) or written in a
//! form the light stemmers do not join to the one the texts use (récupéra
//! for récupère). Such a word of [`MIN_CHARS`] letters or more is searched
//! as the known exact term nearest to it, as a spelling checker would
//! suggest it: one edit away (a letter inserted, removed or replaced, or
//! two neighbours swapped), or two for a word of [`TWO_EDITS_FROM`] letters
//! or more when no term is one edit away; among those, the term of the
//! most passages. Shorter words are left alone: one edit from a word of four
//! letters is as often another word (mort, port, fort) as a typo. A word the
//! index knows is never changed, so the rule only finds hits where there
//! were none for that word. Interrogatives, which describe the question,
//! and excluded words are left alone too.
//!
//! The first letter may be the one edited: in Arabic it is often a
//! proclitic or a verb's person prefix (بجزيئات for جزيئات, تستطيع for
//! يستطيع). In a small index, which lacks many common words, the nearest
//! known term is more often another word;
//! [`Searcher::respelled`](crate::Searcher::respelled) tells the caller
//! what was searched.

use std::collections::BTreeMap;

use newsearch_analyzers::script::{script_of, Script};
use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::Term;

use super::build::Analyzers;
use super::stats::FieldStats;
use super::vocabulary::each_term;
use crate::error::Result;
use crate::index::schema::{Fields, LangFields};
use crate::text::lang::Lang;
use crate::weights::{MIN_CHARS, TWO_EDITS_FROM};

/// A query word searched under another spelling.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Respelling {
    /// The word as the query wrote it.
    pub word: String,
    /// The known term searched instead.
    pub searched: String,
}

/// The spelling to search instead of `word`, if the index knows no form of
/// it and knows a term near it.
pub(crate) fn respelled(
    word: &str,
    fields: &Fields,
    analyzers: &mut Analyzers,
    stats: &FieldStats,
) -> Result<Option<String>> {
    if is_known(word, fields, analyzers, stats)? {
        return Ok(None);
    }
    let langs: &[Lang] = match script_of(word) {
        Script::Arabic => &[Lang::Ar],
        Script::Latin => &[Lang::Fr, Lang::Other],
        Script::Other => &[Lang::Other],
    };
    let mut forms = Vec::new();
    for &lang in langs {
        let lf = fields.of(lang);
        // A single word only: the parts of a hyphenated one are words of
        // their own.
        if let [(_, form)] = &analyzers.tokens(lf.exact_analyzer, word)[..] {
            if form.chars().count() >= MIN_CHARS {
                forms.push((lf.text_exact, form.clone()));
            }
        }
    }
    let Some(longest) = forms.iter().map(|(_, form)| form.chars().count()).max() else {
        return Ok(None);
    };
    let most_edits = if longest >= TWO_EDITS_FROM { 2 } else { 1 };
    for edits in 1..=most_edits {
        let mut best: Option<(u64, String)> = None;
        for (field, form) in &forms {
            for (docs, term) in near_terms(*field, form, edits, stats)? {
                if best.as_ref().is_none_or(|(most, _)| docs > *most) {
                    best = Some((docs, term));
                }
            }
        }
        if let Some((_, term)) = best {
            return Ok(Some(term));
        }
    }
    Ok(None)
}

/// Whether any field of any language has the word's exact form or stem.
fn is_known(
    word: &str,
    fields: &Fields,
    analyzers: &mut Analyzers,
    stats: &FieldStats,
) -> Result<bool> {
    for lf in &fields.langs {
        for (_, form) in analyzers.tokens(lf.exact_analyzer, word) {
            if has(stats, lf.text_exact, &form)? || has(stats, lf.title_exact, &form)? {
                return Ok(true);
            }
        }
        for (_, stem) in analyzers.tokens(lf.analyzer, word) {
            for field in stemmed_fields(lf) {
                if has(stats, field, &stem)? {
                    return Ok(true);
                }
            }
        }
    }
    Ok(false)
}

fn stemmed_fields(lf: &LangFields) -> impl Iterator<Item = Field> {
    lf.text_stemmed.into_iter().chain([lf.title, lf.body])
}

fn has(stats: &FieldStats, field: Field, text: &str) -> Result<bool> {
    Ok(stats.has_term(&Term::from_field_text(field, text))?)
}

/// The terms of `field` at most `edits` edits from `form`, with the number
/// of documents that have each.
fn near_terms(
    field: Field,
    form: &str,
    edits: u8,
    stats: &FieldStats,
) -> Result<Vec<(u64, String)>> {
    let query = FuzzyTermQuery::new(Term::from_field_text(field, form), edits, true);
    let automaton = query.automaton()?;
    // Each segment's dictionary tells its own count of documents.
    let mut found: BTreeMap<String, u64> = BTreeMap::new();
    each_term(stats.searcher(), field, &automaton, |term, info| {
        *found.entry(term.to_string()).or_default() += u64::from(info.doc_freq);
    })?;
    Ok(found.into_iter().map(|(term, docs)| (docs, term)).collect())
}
