//! Query translation: each query word (or name of several words) also
//! searches its alternatives in the other language, from the tables of
//! `newsearch_analyzers::translate`: a French word its Arabic translations
//! and spellings, an Arabic word its French ones.
//!
//! The alternatives of one word form one group that counts like one word
//! (structured query translation, Pirkola 1998): the group scores as its
//! best matching alternative, and every term of the group is counted as in
//! the documents of the whole group ([`super::shared_df`]), so a word with
//! eight senses does not outweigh a name, and a common translation does
//! not pass for a rare word. A group weighs what its evidence is worth
//! ([`Weights::translation`](crate::Weights::translation) for a name's spelling, `translation_word` for
//! a lexicon translation, `translation_guess` for a sound-alike from the
//! index vocabulary), so an article found through translation ranks on
//! the same scale as the others, below an article that has the words
//! themselves.
//!
//! Names the tables lack are looked up by sound in the other language's
//! vocabulary ([`super::skeletons`]): only name-like words, only the
//! closest word that sounds the same.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use newsearch_analyzers::script::{script_of, Script};
use newsearch_analyzers::translate::transliterate::{
    is_name_like, MAX_DISTANCE, MAX_VARIANT_DISTANCE,
};
use newsearch_analyzers::translate::{keys, translate, Alternative, Source};
use serde::Serialize;
use tantivy::query::{Bm25StatisticsProvider, Occur, Query};
use tantivy::schema::Field;
use tantivy::Term;

use super::best_of::BestOf;
use super::build::{clause_queries, Analyzers};
use super::senses;
use super::skeletons::SkeletonCache;
use super::stats::FieldStats;
use super::term_part::{boosted, with_shared_df};
use crate::error::Result;
use crate::index::schema::Fields;
use crate::query::{Clause, ClauseKind};
use crate::show::highlight::HighlightTerms;
use crate::text::lang::Lang;
use crate::weights::Weights;

/// A query word (or several, for a name) searched in the other language
/// too, and what it was searched as there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Translation {
    /// The query's word or words, as typed.
    pub words: String,
    /// The other language's words searched for them, best first (those the
    /// index holds).
    pub into: Vec<String>,
}

/// The translation of one span of query words, ready to join the query.
pub(crate) struct Group {
    /// The position of the span's first word among the words given to
    /// [`groups`]: the clause whose alternatives the group joins.
    pub first: usize,
    /// The group's query, as parts to add up among the query's other
    /// clauses: its alternatives as one word (the best of them), or, for
    /// a group of one alternative, that alternative's own queries.
    pub parts: Vec<Box<dyn Query>>,
    /// What the user is told.
    pub shown: Translation,
    /// The alternatives' highlight terms, keyed by analyzer name.
    pub highlight: HashMap<&'static str, HighlightTerms>,
}

/// One alternative of a span: the other language's text and its weight.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub text: String,
    pub weight: f32,
    /// One of the word's lexicon senses (a name's spelling is none).
    pub sense: bool,
}

impl Found {
    /// A spelling found by sound in the vocabulary.
    fn guess(text: String, weights: &Weights) -> Found {
        Found {
            text,
            weight: weights.translation_guess,
            sense: false,
        }
    }
}

/// A span's alternatives.
pub(crate) type Alternatives = Vec<Found>;

/// What the translation needs of the searcher.
pub(crate) struct Context<'a> {
    pub fields: &'a Fields,
    pub analyzers: &'a mut Analyzers,
    pub weights: &'a Weights,
    pub stats: &'a FieldStats,
    pub skeletons: &'a SkeletonCache,
    /// Only this language's fields are searched.
    pub only: Option<Lang>,
}

/// The translation groups of a query's words (as typed, in order): one per
/// span of words with an entry in the tables, or per name-like word that
/// sounds like a word of the other language's vocabulary. Groups whose
/// alternatives the index does not hold are left out.
pub(crate) fn groups(words: &[&str], cx: &mut Context) -> Result<Vec<Group>> {
    let mut found: Vec<(Range<usize>, Alternatives)> = Vec::new();
    let mut covered = vec![false; words.len()];
    for translation in translate(words) {
        let span = translation.words.clone();
        let Some(target) = target_of(&words[span.clone()].join(" "), cx.only) else {
            continue;
        };
        let mut alternatives: Alternatives = translation
            .alternatives
            .iter()
            .map(|a| Found {
                text: a.text.to_string(),
                weight: weight_of(a, cx.weights),
                sense: a.source == Source::Lexicon,
            })
            .collect();
        if let Some(variant) = variant(words, &span, &translation.alternatives, target, cx)? {
            alternatives.push(Found::guess(variant, cx.weights));
        }
        covered[span.clone()].iter_mut().for_each(|c| *c = true);
        found.push((span, alternatives));
    }
    for (at, word) in words.iter().enumerate() {
        if covered[at] || !is_name_like(word) || keys::lexicon_key(word).is_none() {
            continue;
        }
        let Some(target) = target_of(word, cx.only) else {
            continue;
        };
        let skeletons = cx.skeletons.get(cx.stats.searcher(), cx.fields, target)?;
        if let Some(guess) = skeletons.closest(word, &[word], MAX_DISTANCE) {
            found.push((
                at..at + 1,
                vec![Found::guess(guess.to_string(), cx.weights)],
            ));
        }
    }
    found.sort_by_key(|(span, _)| span.start);
    senses::choose(words, &mut found, cx)?;
    let mut groups = Vec::new();
    for (span, alternatives) in found {
        let source = words[span.clone()].join(" ");
        let Some(target) = target_of(&source, cx.only) else {
            continue;
        };
        if let Some(group) = group(span.start, source, &alternatives, target, cx)? {
            groups.push(group);
        }
    }
    Ok(groups)
}

/// The language searched through translation for text in `text`'s script,
/// unless the search is kept to another one.
pub(crate) fn target_of(text: &str, only: Option<Lang>) -> Option<Lang> {
    let target = match script_of(text) {
        Script::Latin => Lang::Ar,
        Script::Arabic => Lang::Fr,
        Script::Other => return None,
    };
    only.is_none_or(|lang| lang == target).then_some(target)
}

/// The weight of an alternative by the evidence behind it.
fn weight_of(alternative: &Alternative, weights: &Weights) -> f32 {
    match alternative.source {
        Source::Name if !alternative.ambiguous => weights.translation,
        Source::Name => weights.translation_word,
        Source::Lexicon => {
            let rank = i32::try_from(alternative.rank).unwrap_or(i32::MAX);
            weights.translation_word * weights.translation_rank.powi(rank)
        }
        Source::Fallback => weights.translation_guess,
    }
}

/// For a one-word name the table knows, the vocabulary's closest spelling
/// of it that the table lacks (`Burns` → `بيرنز` beside `برنز`).
fn variant(
    words: &[&str],
    span: &Range<usize>,
    alternatives: &[Alternative],
    target: Lang,
    cx: &mut Context,
) -> Result<Option<String>> {
    let [word] = &words[span.clone()] else {
        return Ok(None);
    };
    let names: Vec<&str> = alternatives
        .iter()
        .filter(|a| a.source == Source::Name && !a.ambiguous && !a.text.contains(' '))
        .map(|a| a.text)
        .collect();
    if names.is_empty() {
        return Ok(None);
    }
    let mut spellings = names.clone();
    spellings.push(word);
    let skeletons = cx.skeletons.get(cx.stats.searcher(), cx.fields, target)?;
    let Some(found) = skeletons.closest(word, &spellings, MAX_VARIANT_DISTANCE) else {
        return Ok(None);
    };
    // A spelling the table already gives is searched already.
    let exact = cx.fields.of(target).exact_analyzer;
    let form = cx.analyzers.tokens(exact, found);
    let known = names
        .iter()
        .any(|name| cx.analyzers.tokens(exact, name) == form);
    Ok((!known).then(|| found.to_string()))
}

/// The group of one span's alternatives in `target`'s fields, `None` when
/// the index holds none of them.
fn group(
    first: usize,
    words: String,
    alternatives: &[Found],
    target: Lang,
    cx: &mut Context,
) -> Result<Option<Group>> {
    let lf = cx.fields.of(target);
    let mut highlight: HashMap<&'static str, HighlightTerms> = HashMap::new();
    // Each alternative the index holds: its queries in the target's
    // fields, its weight and its text.
    let mut queries_of = Vec::new();
    let mut weights = Vec::new();
    let mut into = Vec::new();
    for Found { text, weight, .. } in alternatives {
        let mut terms = HashMap::new();
        let queries = clause_queries(
            &clause_of(text),
            lf,
            cx.analyzers,
            cx.weights,
            Some(&mut terms),
            cx.stats,
        )?;
        if queries
            .iter()
            .all(|query| terms_of(query.as_ref()).is_empty())
        {
            continue;
        }
        for (analyzer, terms) in terms {
            highlight.entry(analyzer).or_default().extend(&terms);
        }
        queries_of.push(queries);
        weights.push(*weight);
        into.push(text.clone());
    }
    if queries_of.is_empty() {
        return Ok(None);
    }
    let source = source_frequencies(&words, target, cx)?;
    let df = shared_frequencies(source, queries_of.iter().map(Vec::as_slice), cx.stats)?;
    let df = Arc::new(df);
    // Each alternative's queries weighted and counted with the group's
    // frequencies.
    let mut alternatives: Vec<Vec<Box<dyn Query>>> = queries_of
        .into_iter()
        .zip(weights)
        .map(|(queries, weight)| {
            queries
                .into_iter()
                .map(|query| with_shared_df(boosted(query, weight), df.clone()))
                .collect()
        })
        .collect();
    let parts = if alternatives.len() == 1 {
        // The best of one alternative is its sum: its queries are summed
        // among the others', one union less to walk for every document.
        alternatives.pop().unwrap_or_default()
    } else {
        vec![Box::new(BestOf::new(alternatives)) as Box<dyn Query>]
    };
    Ok(Some(Group {
        first,
        parts,
        shown: Translation { words, into },
        highlight,
    }))
}

/// A clause searching `text` as one word, or as a phrase of several.
fn clause_of(text: &str) -> Clause {
    let kind = if text.split_whitespace().nth(1).is_some() {
        ClauseKind::Phrase(text.to_string())
    } else {
        ClauseKind::Word(text.to_string())
    };
    Clause {
        occur: Occur::Should,
        kind,
    }
}

/// The documents holding the query's own words, per field of `target`:
/// their document frequency in the same kind of field of the words' own
/// language, which counts them in every language (see `FieldStats`). A
/// translation stands for the word it translates, so the group is as rare
/// as the word and its translations together in the whole archive: "Trump"
/// in a French and Arabic archive is no rare word because its Arabic
/// spelling is rarer among Arabic passages.
fn source_frequencies(words: &str, target: Lang, cx: &mut Context) -> Result<HashMap<Field, u64>> {
    let source = match target {
        Lang::Ar => Lang::Fr,
        Lang::Fr | Lang::Other => Lang::Ar,
    };
    let (source_fields, target_fields) = (cx.fields.of(source), cx.fields.of(target));
    let queries = clause_queries(
        &clause_of(words),
        source_fields,
        cx.analyzers,
        cx.weights,
        None,
        cx.stats,
    )?;
    let mut most: HashMap<Field, u64> = HashMap::new();
    for query in &queries {
        for term in terms_of(query.as_ref()) {
            let df = cx.stats.doc_freq(&term)?;
            let slot = most.entry(term.field()).or_default();
            *slot = (*slot).max(df);
        }
    }
    Ok(target_fields
        .same_kind_as(source_fields)
        .into_iter()
        .filter_map(|(field, peer)| Some((field?, most.get(&peer).copied().unwrap_or(0))))
        .collect())
}

/// The terms a query looks up.
fn terms_of(query: &dyn Query) -> Vec<Term> {
    let mut terms = Vec::new();
    query.query_terms(&mut |term, _| terms.push(term.clone()));
    terms
}

/// The document frequency every term of a group is counted with, per
/// field: the documents holding the source words (`per_field`) plus, over
/// the alternatives, the documents holding each (its most frequent term in
/// the field), at most every document.
fn shared_frequencies<'q>(
    mut per_field: HashMap<Field, u64>,
    alternatives: impl Iterator<Item = &'q [Box<dyn Query>]>,
    stats: &FieldStats,
) -> Result<HashMap<Term, u64>> {
    let mut all_terms = Vec::new();
    for queries in alternatives {
        let mut most: HashMap<Field, u64> = HashMap::new();
        for term in queries.iter().flat_map(|query| terms_of(query.as_ref())) {
            let df = stats.doc_freq(&term)?;
            let slot = most.entry(term.field()).or_default();
            *slot = (*slot).max(df);
            all_terms.push(term);
        }
        for (field, df) in most {
            *per_field.entry(field).or_default() += df;
        }
    }
    let total = stats.total_num_docs()?;
    Ok(all_terms
        .into_iter()
        .map(|term| {
            let df = per_field[&term.field()].min(total);
            (term, df)
        })
        .collect())
}

/// What a [`Context`] borrows, owned, for the unit tests of translation.
#[cfg(test)]
pub(crate) struct ContextParts {
    analyzers: Analyzers,
    weights: Weights,
    skeletons: SkeletonCache,
}

#[cfg(test)]
impl ContextParts {
    pub fn new(index: &crate::Index) -> ContextParts {
        ContextParts {
            analyzers: Analyzers::new(&index.inner, &index.fields),
            weights: Weights::default(),
            skeletons: SkeletonCache::default(),
        }
    }

    /// A context over every language of `index`, with default weights.
    pub fn context<'a>(
        &'a mut self,
        index: &'a crate::Index,
        stats: &'a FieldStats,
    ) -> Context<'a> {
        Context {
            fields: &index.fields,
            analyzers: &mut self.analyzers,
            weights: &self.weights,
            stats,
            skeletons: &self.skeletons,
            only: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Index;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, DisjunctionMaxQuery};
    use tantivy::DocAddress;

    /// Each document's score for a group of `alternatives` on the seeds.
    fn scores(index: &Index, alternatives: &[&str]) -> HashMap<DocAddress, f32> {
        scores_for(index, "word", alternatives)
    }

    /// Each document's score for the group translating `words`.
    fn scores_for(index: &Index, words: &str, alternatives: &[&str]) -> HashMap<DocAddress, f32> {
        let parts = group_for(index, words, alternatives).parts;
        let query = BooleanQuery::new(parts.into_iter().map(|q| (Occur::Should, q)).collect());
        scores_of(index, &query)
    }

    /// Each document's score for `query`, up to 1,000 of them.
    fn scores_of(index: &Index, query: &dyn Query) -> HashMap<DocAddress, f32> {
        let searcher = index.reader.searcher();
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        searcher
            .search_with_statistics_provider(
                query,
                &TopDocs::with_limit(1000).order_by_score(),
                &stats,
            )
            .unwrap()
            .into_iter()
            .map(|(score, address)| (address, score))
            .collect()
    }

    /// The group translating `words` into `alternatives`, on the seeds.
    fn group_for(index: &Index, words: &str, alternatives: &[&str]) -> Group {
        let searcher = index.reader.searcher();
        let mut parts = ContextParts::new(index);
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        let mut cx = parts.context(index, &stats);
        let alternatives: Alternatives = alternatives
            .iter()
            .map(|a| Found {
                text: a.to_string(),
                weight: 1.0,
                sense: false,
            })
            .collect();
        group(0, words.into(), &alternatives, Lang::Ar, &mut cx)
            .unwrap()
            .unwrap()
    }

    /// A group of one alternative comes as that alternative's queries, to
    /// be summed among the query's other clauses (one union less to walk),
    /// and scores every document as the best of its one alternative; a
    /// group of several comes as one query.
    #[test]
    fn a_group_of_one_alternative_is_summed_among_the_clauses() {
        let index = Index::seeds_in_ram();
        let one = group_for(&index, "Caire", &["القاهرة"]).parts;
        assert!(one.len() > 1, "{} parts", one.len());
        let several = group_for(&index, "word", &["القاهرة", "بيرنز"]).parts;
        assert_eq!(several.len(), 1);
        let summed =
            BooleanQuery::new(one.iter().map(|q| (Occur::Should, q.box_clone())).collect());
        let best = DisjunctionMaxQuery::new(vec![Box::new(summed.clone()) as Box<dyn Query>]);
        let (summed, best) = (scores_of(&index, &summed), scores_of(&index, &best));
        assert!(!summed.is_empty());
        assert_eq!(summed.len(), best.len());
        for (address, score) in &summed {
            assert!((score - best[address]).abs() <= 1e-5 * score, "{address:?}");
        }
    }

    /// A group is as rare as its word and its translations together: the
    /// French word's own documents count, so a translation of a word the
    /// archive holds in both languages scores below a translation of a
    /// word found in no document.
    #[test]
    fn a_group_counts_the_documents_of_the_word_it_translates() {
        let index = Index::seeds_in_ram();
        let of_caire = scores_for(&index, "Caire", &["القاهرة"]);
        let of_unknown = scores_for(&index, "Xqzw", &["القاهرة"]);
        assert!(!of_caire.is_empty());
        assert_eq!(of_caire.len(), of_unknown.len());
        // A field where the translation is in every document that has the
        // field (the seeds' Arabic titles, which their passages carry too)
        // can be no more common: those documents score the same.
        for (address, score) in &of_caire {
            assert!(*score <= of_unknown[address], "{address:?}");
        }
        let lower = of_caire
            .iter()
            .filter(|(address, score)| **score < of_unknown[*address])
            .count();
        assert!(lower > 0, "no document scores lower");
    }

    /// A word with several translations counts as one word: a document
    /// that holds several of them scores no more than the best of them
    /// searched alone (the group's rarity is that of all its translations,
    /// and it scores as its best match, not the sum).
    #[test]
    fn a_group_counts_once() {
        let index = Index::seeds_in_ram();
        let several = scores(&index, &["القاهرة", "بيرنز", "كيربي"]);
        // The passages with all three words exist, and score as one word:
        // no more than the best single word alone.
        let best_alone = ["القاهرة", "بيرنز", "كيربي"]
            .iter()
            .map(|word| scores(&index, &[word]))
            .collect::<Vec<_>>();
        let holding_two = several
            .keys()
            .filter(|address| {
                best_alone
                    .iter()
                    .filter(|a| a.contains_key(address))
                    .count()
                    >= 2
            })
            .count();
        assert!(holding_two > 0, "no document holds two of the words");
        for (address, score) in &several {
            let most = best_alone
                .iter()
                .filter_map(|alone| alone.get(address))
                .fold(0.0f32, |a, &b| a.max(b));
            assert!(*score <= most + 1e-4, "{address:?}: {score} > {most}");
        }
    }
}
