//! Turning a parsed user query into a tantivy query over every language's
//! fields, and into the terms to highlight.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query};
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::skeletons::SkeletonCache;
use super::spelling::{respelled, Respelling};
use super::stats::FieldStats;
use super::summed::SummedQuery;
use super::term_part::{self, TermPart};
use super::translate::{self, Translation};
use crate::error::{Error, Result};
use crate::index::schema::{analyzer_language, Fields, LangFields};
use crate::query::{Clause, ClauseKind, ParsedQuery};
use crate::show::highlight::HighlightTerms;
use crate::text::lang::Lang;
use crate::weights::{Weights, PAIR_SLOP};
use newsearch_analyzers::question::{
    has_question_mark, is_capitalized, is_interrogative_determiner, is_question_word,
    links_determiner_to_noun,
};
use newsearch_analyzers::{PairedAnalyzer, AUTO, AUTO_EXACT};

/// A query ready to run, with what to highlight in each analyzer's terms.
pub(crate) struct BuiltQuery {
    /// The clauses of the query, in order.
    clauses: Vec<(Occur, Box<dyn Query>)>,
    /// By clause, for an optional word: its alternatives, each with the
    /// word's boost, which the ranking's query sums among the others'.
    optional: Vec<Option<Vec<Box<dyn Query>>>>,
    /// Where the query's words are among `clauses`: its positive words and
    /// phrases, not the interrogatives or proximity pairs.
    words: Vec<usize>,
    /// The number of clauses before the proximity pairs, which are
    /// optional and match no document that a word does not.
    before_pairs: usize,
    /// What excluded words and phrases match: an article with any passage
    /// matching it is left out, not just that passage.
    pub excluded: Option<Box<dyn Query>>,
    /// Highlight terms keyed by analyzer name.
    pub highlight: HashMap<&'static str, HighlightTerms>,
    /// The words searched under another spelling.
    pub respelled: Vec<Respelling>,
    /// The words searched in the other language too, each with the
    /// highlight terms of its alternatives (keyed by analyzer name).
    pub translations: Vec<(Translation, HashMap<&'static str, HighlightTerms>)>,
}

/// Analyzes text with a named analyzer, keeping (position, text) pairs.
pub(crate) struct Analyzers {
    analyzers: HashMap<&'static str, TextAnalyzer>,
    /// The paired analysis of each language met, for highlighting.
    paired: Vec<(Lang, PairedAnalyzer)>,
}

impl Analyzers {
    pub fn new(index: &tantivy::Index, fields: &Fields) -> Analyzers {
        let mut analyzers = HashMap::new();
        for lang_fields in &fields.langs {
            for name in [
                lang_fields.analyzer,
                lang_fields.exact_analyzer,
                AUTO,
                AUTO_EXACT,
            ] {
                if let Some(analyzer) = index.tokenizers().get(name) {
                    analyzers.insert(name, analyzer);
                }
            }
        }
        Analyzers {
            analyzers,
            paired: Vec::new(),
        }
    }

    /// The exact and stemmed analyzers of `lang` in one pass (see
    /// [`crate::index::schema::analyzer_language`]).
    pub fn paired(&mut self, lang: Lang) -> &mut PairedAnalyzer {
        let at = match self.paired.iter().position(|(known, _)| *known == lang) {
            Some(at) => at,
            None => {
                let analyzer = PairedAnalyzer::new(analyzer_language(lang));
                self.paired.push((lang, analyzer));
                self.paired.len() - 1
            }
        };
        &mut self.paired[at].1
    }

    /// The tokens of `text` as (position, text).
    pub fn tokens(&mut self, name: &str, text: &str) -> Vec<(usize, String)> {
        let Some(analyzer) = self.analyzers.get_mut(name) else {
            return Vec::new();
        };
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push((token.position, token.text.clone()));
        }
        tokens
    }
}

/// Builds the query. Fails with [`Error::NoSearchableWords`] when no clause
/// but exclusions is left after analysis.
///
/// A term or phrase query on a term that no document has is replaced by a
/// query matching nothing (see [`nothing`]); `stats` tells which terms exist.
// The parsed query, the searcher's state it is built against, and the
// search's options: grouping them would only rename them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn build_query(
    parsed: &ParsedQuery,
    original: &str,
    fields: &Fields,
    analyzers: &mut Analyzers,
    weights: &Weights,
    only: Option<Lang>,
    stats: &FieldStats,
    skeletons: Option<&SkeletonCache>,
) -> Result<BuiltQuery> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut optional: Vec<Option<Vec<Box<dyn Query>>>> = Vec::new();
    let mut words = Vec::new();
    let mut highlight: HashMap<&'static str, HighlightTerms> = HashMap::new();
    let mut excluded: Vec<Box<dyn Query>> = Vec::new();
    let mut positive = false;
    let mut respellings = Vec::new();
    let clauses_to_search = expand_phrases(parsed);
    // Interrogatives ("combien", متى) and the noun a French interrogative
    // determiner governs ("quelle année") describe the question more than
    // the answer: optional ones count `weights.question`, unless the query
    // has nothing else.
    let questions: Vec<bool> = clauses_to_search
        .iter()
        .map(|c| {
            (c.after_determiner && c.clause.occur == Occur::Should)
                || is_optional_question_word(&c.clause, analyzers)
        })
        .collect();
    let skip_questions = clauses_to_search
        .iter()
        .zip(&questions)
        .any(|(c, &question)| {
            !question
                && c.clause.occur != Occur::MustNot
                && !analyzers.tokens(AUTO, c.clause.text()).is_empty()
        });
    // A question (a question mark, an interrogative, an interrogative
    // determiner) names what it asks about with its capitalized words but
    // the first, and the answer repeats those names as written.
    let asks = has_question_mark(original) || questions.iter().any(|&q| q);
    // A word the index does not know at all is searched as its nearest
    // known spelling (and translated as that); an excluded one is left as
    // it is.
    let mut respelt: Vec<Option<String>> = Vec::with_capacity(clauses_to_search.len());
    for (c, &question) in clauses_to_search.iter().zip(&questions) {
        let known = match &c.clause.kind {
            ClauseKind::Word(word)
                if c.clause.occur != Occur::MustNot
                    && !(question && skip_questions)
                    && !analyzers.tokens(AUTO, word).is_empty() =>
            {
                respelled(word, fields, analyzers, stats)?
            }
            _ => None,
        };
        respelt.push(known);
    }
    // The translations of the positive words (not the interrogatives), each
    // an alternative of the clause of its first word.
    let mut translations = Vec::new();
    let mut groups_of: HashMap<usize, Vec<Box<dyn Query>>> = HashMap::new();
    if let Some(skeletons) = skeletons {
        let eligible: Vec<(usize, &str)> = clauses_to_search
            .iter()
            .zip(&questions)
            .enumerate()
            .filter_map(|(at, (c, &question))| match &c.clause.kind {
                ClauseKind::Word(word)
                    if c.clause.occur != Occur::MustNot && !(question && skip_questions) =>
                {
                    Some((at, respelt[at].as_deref().unwrap_or(word)))
                }
                _ => None,
            })
            .collect();
        let words: Vec<&str> = eligible.iter().map(|&(_, word)| word).collect();
        let mut context = translate::Context {
            fields,
            analyzers,
            weights,
            stats,
            skeletons,
            only,
        };
        for group in translate::groups(&words, &mut context)? {
            for (&analyzer, terms) in &group.highlight {
                highlight.entry(analyzer).or_default().extend(terms);
            }
            let at = eligible[group.first].0;
            groups_of.entry(at).or_default().extend(group.parts);
            translations.push((group.shown, group.highlight));
        }
    }
    for (at, (to_search, question)) in clauses_to_search.into_iter().zip(questions).enumerate() {
        let name = asks && at > 0 && is_name_word(&to_search.clause);
        let ToSearch {
            clause,
            highlight: mark,
            ..
        } = to_search;
        let occur = clause.occur;
        let question = question && skip_questions;
        if question && weights.question <= 0.0 {
            continue;
        }
        // A word that its own script's language drops (a stopword, punctuation)
        // is not searched in any language: "le" is no Arabic word either.
        if analyzers.tokens(AUTO, clause.text()).is_empty()
            && !is_stopword_phrase(&clause, analyzers)
        {
            continue;
        }
        let clause = match (&clause.kind, respelt[at].take()) {
            (ClauseKind::Word(word), Some(known)) => {
                respellings.push(Respelling {
                    word: word.clone(),
                    searched: known.clone(),
                });
                Clause {
                    occur,
                    kind: ClauseKind::Word(known),
                }
            }
            _ => clause,
        };
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // With a language chosen, only its fields are searched: they are on
        // its passages and on the bodies of articles written in it.
        let langs = fields
            .langs
            .iter()
            .filter(|lf| only.is_none_or(|lang| lf.lang == lang));
        for lang_fields in langs {
            let found = clause_queries(
                &clause,
                lang_fields,
                analyzers,
                weights,
                mark.then_some(&mut highlight),
                stats,
            )?;
            let factor = foreign_factor(clause.text(), original, lang_fields.lang, weights);
            alternatives.extend(
                found
                    .into_iter()
                    .map(|q| (Occur::Should, boosted(q, factor))),
            );
        }
        if let Some(groups) = groups_of.remove(&at) {
            alternatives.extend(groups.into_iter().map(|group| (Occur::Should, group)));
        }
        if alternatives.is_empty() {
            continue;
        }
        positive |= occur != Occur::MustNot;
        let boost = if question {
            weights.question
        } else if name && weights.name != 0.0 {
            1.0 + weights.name
        } else {
            1.0
        };
        optional.push((occur == Occur::Should).then(|| {
            alternatives
                .iter()
                .map(|(_, q)| boosted(q.box_clone(), boost))
                .collect()
        }));
        let mut query: Box<dyn Query> = Box::new(BooleanQuery::new(alternatives));
        if boost != 1.0 {
            query = Box::new(BoostQuery::new(query, boost));
        }
        if occur == Occur::MustNot {
            excluded.push(query.box_clone());
        } else if !question {
            words.push(clauses.len());
        }
        clauses.push((occur, query));
    }
    if !positive {
        return Err(Error::NoSearchableWords(original.to_string()));
    }
    let before_pairs = clauses.len();
    if weights.pair > 0.0 {
        for segment in word_runs(parsed, &respellings) {
            let langs = fields
                .langs
                .iter()
                .filter(|lf| only.is_none_or(|lang| lf.lang == lang));
            for lf in langs {
                let factor = foreign_factor(&segment, original, lf.lang, weights);
                for query in pair_queries(&segment, lf, analyzers, weights, stats)? {
                    clauses.push((Occur::Should, boosted(query, factor)));
                    optional.push(None);
                }
            }
        }
    }
    Ok(BuiltQuery {
        excluded: (!excluded.is_empty())
            .then(|| Box::new(BooleanQuery::union(excluded)) as Box<dyn Query>),
        highlight,
        respelled: respellings,
        translations,
        clauses,
        optional,
        words,
        before_pairs,
    })
}

impl BuiltQuery {
    /// The query.
    pub fn query(&self) -> Box<dyn Query> {
        self.summed(self.clauses.len())
    }

    /// A query matching the same documents as [`BuiltQuery::query`], less
    /// costly to run over all of them: without the proximity pairs, whose
    /// words are words the query searches (see `pair_queries`), so that
    /// they only score documents that the words match anyway.
    pub fn matching_query(&self) -> Box<dyn Query> {
        self.summed(self.before_pairs)
    }

    /// The first `count` clauses in one union: an optional word's
    /// alternatives are summed among the other clauses rather than in a
    /// union of their own, the same sum with one union less to walk for
    /// every document (a seventh of a query's time).
    fn summed(&self, count: usize) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for ((occur, query), optional) in self.clauses.iter().zip(&self.optional).take(count) {
            match optional {
                Some(alternatives) => {
                    clauses.extend(alternatives.iter().map(|q| (Occur::Should, q.box_clone())))
                }
                None => clauses.push((*occur, query.box_clone())),
            }
        }
        Box::new(SummedQuery::new(clauses))
    }

    /// The query's words (see `words`), each with its query in all fields:
    /// an optional word's as the sum of its alternatives, which scores a
    /// document as the word's union does.
    pub fn words(&self) -> impl ExactSizeIterator<Item = Box<dyn Query>> + '_ {
        self.words.iter().map(|&at| match &self.optional[at] {
            Some(alternatives) => {
                let each = alternatives.iter().map(|q| (Occur::Should, q.box_clone()));
                Box::new(SummedQuery::new(each.collect())) as Box<dyn Query>
            }
            None => self.clauses[at].1.box_clone(),
        })
    }
}

/// The query of `text` on `index`, with the default weights, in every
/// language, translated: for unit tests.
#[cfg(test)]
pub(crate) fn built_for_test(
    text: &str,
    index: &crate::Index,
    analyzers: &mut Analyzers,
    stats: &FieldStats,
) -> BuiltQuery {
    let weights = Weights::default();
    stats.start_query(&weights);
    build_query(
        &crate::query::parse(text),
        text,
        &index.fields,
        analyzers,
        &weights,
        None,
        stats,
        Some(&index.skeletons),
    )
    .unwrap()
}

/// `weights.foreign` for text written in a script that `lang` does not use
/// (Arabic letters outside Arabic, Latin letters in Arabic), else 1. Digits
/// and punctuation belong to no language: a number is read in the script of
/// the query around it (`query`), so "1953" in a French question counts
/// as foreign in Arabic text, as its words do.
fn foreign_factor(text: &str, query: &str, lang: Lang, weights: &Weights) -> f32 {
    use newsearch_analyzers::script::{is_arabic, is_latin};
    let has_letters = text.chars().any(char::is_alphabetic);
    let text = if has_letters { text } else { query };
    let arabic = text.chars().any(|c| c.is_alphabetic() && is_arabic(c));
    let latin = text.chars().any(|c| c.is_alphabetic() && is_latin(c));
    let foreign = match lang {
        Lang::Ar => latin && !arabic,
        Lang::Fr | Lang::Other => arabic && !latin,
    };
    if foreign {
        weights.foreign
    } else {
        1.0
    }
}

/// `query` weighted `factor` (as it is for 1).
fn boosted(query: Box<dyn Query>, factor: f32) -> Box<dyn Query> {
    if factor == 1.0 {
        query
    } else {
        term_part::boosted(query, factor)
    }
}

/// The runs of searched words of a query, in order, as texts to analyze
/// (a respelt word as it was searched): a run ends at punctuation (a word
/// that is only punctuation, or ends with `, . : ; ? !`), a phrase or an
/// excluded word.
fn word_runs(parsed: &ParsedQuery, respellings: &[Respelling]) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    for clause in &parsed.clauses {
        let word = match (&clause.kind, clause.occur) {
            (ClauseKind::Word(word), Occur::Should | Occur::Must) => word.as_str(),
            _ => "",
        };
        let letters = word.chars().any(char::is_alphanumeric);
        if letters {
            if !run.is_empty() {
                run.push(' ');
            }
            // A respelt word stands in its run as it was searched.
            match respellings.iter().find(|r| r.word == word) {
                Some(respelling) => run.push_str(&respelling.searched),
                None => run.push_str(word),
            }
        }
        let ends = !letters || word.ends_with([',', '.', ':', ';', '?', '!', '؟', '،', '؛']);
        if ends && !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Proximity: each two consecutive content words of a run (stopwords in
/// between kept as gaps) as a phrase on the exact passage text, within
/// [`PAIR_SLOP`], weighted `weights.pair`. Words that belong together in
/// the query (a name, a noun and its complement) are more likely about the
/// same thing when they are close in the text too than when they appear
/// in unrelated sentences of a long passage.
fn pair_queries(
    run: &str,
    lf: &LangFields,
    analyzers: &mut Analyzers,
    weights: &Weights,
    stats: &FieldStats,
) -> Result<Vec<Box<dyn Query>>> {
    let content: std::collections::HashSet<usize> = analyzers
        .tokens(lf.analyzer, run)
        .into_iter()
        .map(|(position, _)| position)
        .collect();
    // Only words searched on their own: not the interrogatives, nor a word
    // its own script's language drops ("est" is no Arabic stopword).
    let words: Vec<(usize, String)> = analyzers
        .tokens(lf.exact_analyzer, run)
        .into_iter()
        .filter(|(position, token)| {
            content.contains(position)
                && !is_question_word(token)
                && !analyzers.tokens(AUTO, token).is_empty()
        })
        .collect();
    let mut queries = Vec::new();
    for pair in words.windows(2) {
        let [(a, first), (b, second)] = pair else {
            continue;
        };
        let terms = vec![
            (0, Term::from_field_text(lf.text_exact, first)),
            (b - a, Term::from_field_text(lf.text_exact, second)),
        ];
        if !all_known(stats, &terms)? {
            queries.push(nothing());
            continue;
        }
        let mut query = PhraseQuery::new_with_offset(terms);
        query.set_slop(PAIR_SLOP);
        queries.push(Box::new(BoostQuery::new(Box::new(query), weights.pair)) as Box<dyn Query>);
    }
    Ok(queries)
}

/// Whether `clause` is an optional word whose every part is an
/// interrogative of its language (see `newsearch_analyzers::question`).
fn is_optional_question_word(clause: &Clause, analyzers: &mut Analyzers) -> bool {
    let ClauseKind::Word(word) = &clause.kind else {
        return false;
    };
    if clause.occur != Occur::Should {
        return false;
    }
    let tokens = analyzers.tokens(AUTO_EXACT, word);
    !tokens.is_empty() && tokens.iter().all(|(_, t)| is_question_word(t))
}

/// Whether `clause` is an optional or required word written with a capital.
fn is_name_word(clause: &Clause) -> bool {
    clause.occur != Occur::MustNot
        && matches!(&clause.kind, ClauseKind::Word(word) if is_capitalized(word))
}

/// A clause to search.
struct ToSearch {
    clause: Clause,
    /// Whether its words are highlighted.
    highlight: bool,
    /// Whether it is the noun an interrogative determiner governs
    /// ("quelle année", "quelle est la durée").
    after_determiner: bool,
}

/// The clauses to search. A phrase that is not excluded also contributes
/// its words as optional words, not highlighted: a passage with the exact
/// phrase ranks first, but an article that says the same in other order
/// or inflection is still found. Excluded clauses are never highlighted.
fn expand_phrases(parsed: &ParsedQuery) -> Vec<ToSearch> {
    let mut expanded = Vec::new();
    // Whether the next word may be the noun an interrogative determiner
    // governs: right after it ("quelle durée"), or after a form of être
    // and an article ("quelle est la durée").
    let mut governed = false;
    for clause in &parsed.clauses {
        let word = match &clause.kind {
            ClauseKind::Word(word) => Some(word.as_str()),
            ClauseKind::Phrase(_) => None,
        };
        let link = governed && word.is_some_and(links_determiner_to_noun);
        expanded.push(ToSearch {
            clause: clause.clone(),
            highlight: clause.occur != Occur::MustNot,
            after_determiner: governed && word.is_some() && !link,
        });
        governed = link || word.is_some_and(is_interrogative_determiner);
        if let (ClauseKind::Phrase(phrase), true) = (&clause.kind, clause.occur != Occur::MustNot) {
            for word in phrase.split_whitespace() {
                expanded.push(ToSearch {
                    clause: Clause {
                        occur: Occur::Should,
                        kind: ClauseKind::Word(word.to_string()),
                    },
                    highlight: false,
                    after_determiner: false,
                });
            }
        }
    }
    expanded
}

/// The queries one clause contributes in one language's fields.
pub(crate) fn clause_queries(
    clause: &Clause,
    lf: &LangFields,
    analyzers: &mut Analyzers,
    weights: &Weights,
    highlight: Option<&mut HashMap<&'static str, HighlightTerms>>,
    stats: &FieldStats,
) -> Result<Vec<Box<dyn Query>>> {
    let mut queries: Vec<Box<dyn Query>> = Vec::new();
    match &clause.kind {
        ClauseKind::Word(word) => {
            let stemmed = analyzers.tokens(lf.analyzer, word);
            // A word the stemmed analyzer drops (a stopword, punctuation)
            // is not searched in this language at all.
            if stemmed.is_empty() {
                return Ok(queries);
            }
            let exact = analyzers.tokens(lf.exact_analyzer, word);
            let (text_weight, exact_weight) = weights.passage_weights(lf.lang);
            // Without a stemmed passage field, the stem's forms are looked
            // up in the exact one, and the word's own form (a word of one
            // stem and one exact term) takes both weights in one query.
            let own_form = match (&stemmed[..], &exact[..]) {
                ([_], [(_, form)]) => Some(form.as_str()),
                _ => None,
            };
            let mut own_form_searched = false;
            for (_, stem) in &stemmed {
                match lf.text_stemmed {
                    Some(field) => queries.push(term_query(field, stem, text_weight, stats)?),
                    None => {
                        for form in stats.stem_forms(lf, stem)?.iter() {
                            let own = own_form == Some(form.as_str());
                            own_form_searched |= own;
                            let weight = if own {
                                text_weight + exact_weight
                            } else {
                                text_weight
                            };
                            queries.push(term_query(lf.text_exact, form, weight, stats)?);
                        }
                    }
                }
                queries.push(term_query(lf.title, stem, weights.title, stats)?);
                queries.push(term_query(lf.body, stem, weights.body, stats)?);
            }
            if !own_form_searched {
                queries.extend(phrase_or_term(lf.text_exact, &exact, exact_weight, stats)?);
            }
            queries.extend(phrase_or_term(
                lf.title_exact,
                &exact,
                weights.title_exact,
                stats,
            )?);
            if let Some(highlight) = highlight {
                let terms = highlight.entry(lf.analyzer).or_default();
                for (_, token) in stemmed {
                    terms.add_word(token);
                }
                let terms = highlight.entry(lf.exact_analyzer).or_default();
                add_exact(terms, exact);
            }
        }
        ClauseKind::Phrase(phrase) => {
            let exact = analyzers.tokens(lf.exact_analyzer, phrase);
            // A phrase must be written in this language to be looked up in it:
            // its stemmed analysis must keep at least one word. A phrase of
            // stopwords alone is looked up wherever it has exact terms.
            let written_in = if is_stopword_phrase(clause, analyzers) {
                exact.len() >= 2
            } else {
                !exact.is_empty() && !analyzers.tokens(lf.analyzer, phrase).is_empty()
            };
            if !written_in {
                return Ok(queries);
            }
            let (text_weight, exact_weight) = weights.passage_weights(lf.lang);
            let weight = text_weight + exact_weight;
            queries.extend(phrase_or_term(lf.text_exact, &exact, weight, stats)?);
            queries.extend(phrase_or_term(
                lf.title_exact,
                &exact,
                weights.title + weights.title_exact,
                stats,
            )?);
            if let Some(highlight) = highlight {
                add_exact(highlight.entry(lf.exact_analyzer).or_default(), exact);
            }
        }
    }
    Ok(queries)
}

/// Whether a clause is a phrase of stopwords alone (`"de la"`, `"في ال"`):
/// no stemmed term, but two exact ones or more. Such a phrase is searched
/// on the exact fields, which keep stopwords, as a search engine's phrase
/// match would; a single stopword is no search.
fn is_stopword_phrase(clause: &Clause, analyzers: &mut Analyzers) -> bool {
    matches!(clause.kind, ClauseKind::Phrase(_))
        && analyzers.tokens(AUTO, clause.text()).is_empty()
        && analyzers.tokens(AUTO_EXACT, clause.text()).len() >= 2
}

fn add_exact(terms: &mut HighlightTerms, tokens: Vec<(usize, String)>) {
    terms.add_phrase_at(tokens);
}

fn term_query(field: Field, text: &str, boost: f32, stats: &FieldStats) -> Result<Box<dyn Query>> {
    let term = Term::from_field_text(field, text);
    if !stats.has_term(&term)? {
        return Ok(nothing());
    }
    let part = TermPart::new(term, boost).with_snapshot(Arc::clone(stats.snapshot()));
    Ok(Box::new(part))
}

/// A term query for one token, a phrase query (positions kept, so removed
/// words leave their gap) for several, nothing for none.
fn phrase_or_term(
    field: Field,
    tokens: &[(usize, String)],
    boost: f32,
    stats: &FieldStats,
) -> Result<Option<Box<dyn Query>>> {
    match tokens {
        [] => Ok(None),
        [(_, token)] => term_query(field, token, boost, stats).map(Some),
        [(first, _), ..] => {
            let terms: Vec<(usize, Term)> = tokens
                .iter()
                .map(|(position, token)| (position - first, Term::from_field_text(field, token)))
                .collect();
            if !all_known(stats, &terms)? {
                return Ok(Some(nothing()));
            }
            let query = PhraseQuery::new_with_offset(terms);
            Ok(Some(Box::new(BoostQuery::new(Box::new(query), boost))))
        }
    }
}

/// Whether every term of a phrase is in the index (else it matches nothing).
fn all_known(stats: &FieldStats, terms: &[(usize, Term)]) -> Result<bool> {
    for (_, term) in terms {
        if !stats.has_term(term)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A query that matches nothing, standing for a term or phrase query whose
/// terms are not all in the index. It costs no lookup in any segment, where
/// the term query would cost two (statistics, then postings). It keeps its
/// place rather than being left out: tantivy combines a boolean query's
/// scorers differently by their number (a single clause stands alone, and
/// so on), and drops the empty ones per segment, so the scores stay those
/// of the full query to the last bit.
fn nothing() -> Box<dyn Query> {
    Box::new(BooleanQuery::new(Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Index;
    use tantivy::collector::TopDocs;
    use tantivy::DocAddress;

    /// Queries of the seeds' story: a question with a name, a required
    /// word, an optional one with a stopword, an Arabic one.
    const SEED_QUERIES: [&str; 4] = [
        "Qui est William Burns ?",
        "Burns négociations +Caire",
        "négociations au Caire",
        "مفاوضات الهدنة في القاهرة",
    ];

    /// Every document `query` matches on the seeds, with its score.
    fn scores(
        searcher: &tantivy::Searcher,
        stats: &FieldStats,
        query: &dyn Query,
    ) -> HashMap<DocAddress, f32> {
        let all = TopDocs::with_limit(100_000).order_by_score();
        let found = searcher
            .search_with_statistics_provider(query, &all, stats)
            .unwrap();
        found.into_iter().map(|(score, doc)| (doc, score)).collect()
    }

    /// The ranking's query scores each document as its clauses alone add
    /// up: an optional word's alternatives, summed among the other clauses
    /// rather than in a union of their own, keep the word's boost (as a
    /// name, as an interrogative); a required word stays one clause.
    #[test]
    fn the_query_scores_as_its_clauses_add_up() {
        let index = Index::seeds_in_ram();
        let searcher = index.reader.searcher();
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        let mut analyzers = Analyzers::new(&index.inner, &index.fields);
        for text in SEED_QUERIES {
            let built = built_for_test(text, &index, &mut analyzers, &stats);
            let summed = scores(&searcher, &stats, built.query().as_ref());
            assert!(!summed.is_empty(), "{text:?} finds the seeds");
            let mut added: HashMap<DocAddress, f32> = HashMap::new();
            for (_, clause) in &built.clauses {
                for (doc, score) in scores(&searcher, &stats, clause.as_ref()) {
                    *added.entry(doc).or_default() += score;
                }
            }
            for (doc, score) in summed {
                let expected = added[&doc];
                assert!(
                    (score - expected).abs() <= 1e-4 * expected.abs(),
                    "{text:?} {doc:?}: {score} against {expected}"
                );
            }
        }
    }

    /// Each word the second ranking scores, an optional word as the sum of
    /// its alternatives (as the ranking's query sums them), scores every
    /// document the word's clause matches as the clause does, to a float's
    /// last bit or so: the word's boost multiplies each alternative rather
    /// than their union.
    #[test]
    fn a_words_sum_scores_as_its_clause() {
        let index = Index::seeds_in_ram();
        let searcher = index.reader.searcher();
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        let mut analyzers = Analyzers::new(&index.inner, &index.fields);
        let (mut summed, mut matched) = (0, 0);
        for text in SEED_QUERIES {
            let built = built_for_test(text, &index, &mut analyzers, &stats);
            let clauses = built.words.iter().map(|&at| &built.clauses[at].1);
            for (word, clause) in built.words().zip(clauses) {
                summed += usize::from(word.downcast_ref::<SummedQuery>().is_some());
                let expected = scores(&searcher, &stats, clause.as_ref());
                let found = scores(&searcher, &stats, word.as_ref());
                matched += usize::from(!expected.is_empty());
                assert_eq!(found.len(), expected.len(), "{text:?}");
                for (doc, score) in found {
                    let clause_score = expected[&doc];
                    assert!(
                        (score - clause_score).abs() <= 1e-6 * clause_score,
                        "{text:?} {doc:?}: {score} against {clause_score}"
                    );
                }
            }
        }
        assert!(
            summed >= 8 && matched >= 8,
            "{summed} words summed, {matched} matched"
        );
    }
}
