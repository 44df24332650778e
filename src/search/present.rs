//! Turning ranked articles into hits: stored fields, highlights, windows.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Score, Searcher, TantivyDocument, Term};

use super::doc_ids::{ArticleKey, DocIds};
use super::rank::RankedArticle;
use crate::error::Result;
use crate::hit::{Hit, PassageHit};
use crate::index::article_query;
use crate::index::schema::{analyzers_of, Fields, KIND_PASSAGE};
use crate::query::build::Analyzers;
use crate::query::translate::Translation;
use crate::show::highlight::{highlight_paired, HighlightTerms};
use crate::show::snippet::{snippet, DEFAULT_SNIPPET_CHARS};
use crate::text::lang::Lang;
use crate::weights::{PASSAGES_PER_UNPLACED, SECOND_PASSAGE_CANDIDATES};

/// Each article's best matching passage (its score and address).
type BestPassages = HashMap<ArticleKey, (Score, DocAddress)>;

/// What it takes to turn ranked articles into hits.
pub(crate) struct Presenter<'a> {
    pub searcher: &'a Searcher,
    pub fields: &'a Fields,
    pub analyzers: &'a mut Analyzers,
    pub terms: &'a HashMap<&'static str, HighlightTerms>,
    /// The query's translated words with their alternatives' terms.
    pub translations: &'a [(Translation, HashMap<&'static str, HighlightTerms>)],
    pub query: &'a dyn Query,
}

impl Presenter<'_> {
    /// The hits for ranked articles, in order.
    ///
    /// An article ranked by its title or whole text may come without a
    /// passage (its passages scored below the documents the ranking
    /// fetched); one search over all such articles' passages finds each
    /// its best matching one, instead of one search per article.
    pub fn hits(&mut self, mut ranked: Vec<RankedArticle>, docs: &DocIds) -> Result<Vec<Hit>> {
        let unplaced: Vec<&str> = ranked
            .iter()
            .filter(|article| article.passages.is_empty())
            .map(|article| article.article_id.as_str())
            .collect();
        if !unplaced.is_empty() {
            let (mut found, complete) = self.best_passages_of(&unplaced, docs)?;
            for article in ranked.iter_mut().filter(|a| a.passages.is_empty()) {
                if let Some(best) = found.remove(&article.key) {
                    article.passages.push(best);
                } else if complete {
                    // No passage of it matches: show its first one.
                    article.passages =
                        first_passage(self.searcher, self.fields, &article.article_id)?;
                }
            }
        }
        let mut hits = Vec::with_capacity(ranked.len());
        for (rank, article) in ranked.into_iter().enumerate() {
            let metadata = article_document(self.searcher, self.fields, docs, &article)?;
            hits.push(self.hit(article, metadata, rank + 1)?);
        }
        Ok(hits)
    }

    /// The best matching passage of each of `ids` that one search finds,
    /// and whether that search found every matching passage (then an
    /// article left out has none).
    fn best_passages_of(&self, ids: &[&str], docs: &DocIds) -> Result<(BestPassages, bool)> {
        let articles = BooleanQuery::union(
            ids.iter()
                .map(|id| article_query(self.fields, id))
                .collect(),
        );
        let matching = BooleanQuery::intersection(vec![
            unscored(Box::new(articles)),
            unscored(kind(self.fields, KIND_PASSAGE)),
            self.query.box_clone(),
        ]);
        let limit = ids.len() * PASSAGES_PER_UNPLACED;
        let found = self
            .searcher
            .search(&matching, &TopDocs::with_limit(limit).order_by_score())?;
        let complete = found.len() < limit;
        let mut best = HashMap::new();
        // Best first: the first passage seen of an article is its best.
        for (score, address) in found {
            let (key, _) = docs.get(address);
            best.entry(key).or_insert((score, address));
        }
        Ok((best, complete))
    }

    /// The hit for a ranked article: the metadata of its article document
    /// and its highlighted passages.
    fn hit(
        &mut self,
        mut article: RankedArticle,
        metadata: Option<DocAddress>,
        rank: usize,
    ) -> Result<Hit> {
        let (searcher, fields) = (self.searcher, self.fields);
        let mut passages = std::mem::take(&mut article.passages);
        let mut hit = article.into_hit(rank);
        if let Some(address) = metadata {
            let doc: TantivyDocument = searcher.doc(address)?;
            hit.title = text_of(&doc, fields.title).unwrap_or_default();
            hit.url = text_of(&doc, fields.url);
            hit.source = text_of(&doc, fields.source);
            hit.date = text_of(&doc, fields.date);
        }
        if passages.is_empty() {
            passages = best_passage(searcher, fields, &hit.article_id, self.query)?;
        }
        let Some(&(best_score, best_address)) = passages.first() else {
            return Ok(hit);
        };
        let doc: TantivyDocument = searcher.doc(best_address)?;
        let best = passage(fields, self.analyzers, self.terms, &doc, best_score);
        let best_words = matched_words(self.analyzers, &best);
        hit.passages.push(best);
        // A second passage is shown when it matches query words the best one lacks.
        for &(score, address) in passages.iter().skip(1).take(SECOND_PASSAGE_CANDIDATES) {
            let doc: TantivyDocument = searcher.doc(address)?;
            let candidate = passage(fields, self.analyzers, self.terms, &doc, score);
            if !matched_words(self.analyzers, &candidate).is_subset(&best_words) {
                hit.passages.push(candidate);
                break;
            }
        }
        hit.translated = self.translated_in(&hit.passages);
        Ok(hit)
    }

    /// The translated query words whose alternatives `passages` hold.
    fn translated_in(&mut self, passages: &[PassageHit]) -> Vec<String> {
        let mut found = Vec::new();
        for (translation, terms) in self.translations {
            let holds = passages.iter().any(|passage| {
                let lang = Lang::from_code(&passage.lang).unwrap_or(Lang::Other);
                !mark(&passage.text, lang, self.analyzers, terms).is_empty()
            });
            if holds {
                found.push(translation.words.clone());
            }
        }
        found
    }
}

/// The article document (which holds title, url, source and date) of an
/// article: the one ranked, or the one after its passages, or else the one
/// found by id.
fn article_document(
    searcher: &Searcher,
    fields: &Fields,
    docs: &DocIds,
    article: &RankedArticle,
) -> Result<Option<DocAddress>> {
    if let Some(found) = article
        .article_document
        .map(|(_, address)| address)
        .or_else(|| {
            article
                .passages
                .first()
                .and_then(|&(_, passage)| docs.article_document(passage))
        })
    {
        return Ok(Some(found));
    }
    crate::index::article_document(searcher, fields, &article.article_id)
}

/// For an article ranked by its title or body alone: its best matching
/// passage, or else its first one.
fn best_passage(
    searcher: &Searcher,
    fields: &Fields,
    id: &str,
    query: &dyn Query,
) -> Result<Vec<(Score, DocAddress)>> {
    let matching =
        BooleanQuery::intersection(vec![article_passages(fields, id), query.box_clone()]);
    let best = searcher.search(&matching, &TopDocs::with_limit(1).order_by_score())?;
    if !best.is_empty() {
        return Ok(best);
    }
    first_passage(searcher, fields, id)
}

/// An article's first passage, with no score.
fn first_passage(
    searcher: &Searcher,
    fields: &Fields,
    id: &str,
) -> Result<Vec<(Score, DocAddress)>> {
    let first = searcher.search(
        &article_passages(fields, id),
        &TopDocs::with_limit(1).order_by_score(),
    )?;
    Ok(first
        .into_iter()
        .map(|(_, address)| (0.0, address))
        .collect())
}

/// Every passage document of one article, scoring nothing.
fn article_passages(fields: &Fields, id: &str) -> Box<dyn Query> {
    unscored(Box::new(BooleanQuery::intersection(vec![
        article_query(fields, id),
        kind(fields, KIND_PASSAGE),
    ])))
}

/// A filter: matches what `query` matches and adds nothing to the score,
/// so that a passage found through it shows its own score.
fn unscored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// Every document of a kind ([`KIND_PASSAGE`] here).
fn kind(fields: &Fields, kind: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(fields.kind, kind),
        IndexRecordOption::Basic,
    ))
}

fn passage(
    fields: &Fields,
    analyzers: &mut Analyzers,
    terms: &HashMap<&'static str, HighlightTerms>,
    doc: &TantivyDocument,
    score: Score,
) -> PassageHit {
    let text = text_of(doc, fields.passage_text).unwrap_or_default();
    let lang_code = text_of(doc, fields.lang).unwrap_or_default();
    let lang = crate::text::lang::Lang::from_code(&lang_code).unwrap_or(Lang::Other);
    let highlights = mark(&text, lang, analyzers, terms);
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

/// The ranges of `text`, a passage in `lang`, that `terms` highlight, by
/// the language's stemmed and exact analyzers, in one pass of their paired
/// analysis.
fn mark(
    text: &str,
    lang: Lang,
    analyzers: &mut Analyzers,
    terms: &HashMap<&'static str, HighlightTerms>,
) -> Vec<Range<usize>> {
    let (stemmed, exact) = analyzers_of(lang);
    let none = HighlightTerms::default();
    highlight_paired(
        text,
        analyzers.paired(lang),
        terms.get(stemmed).unwrap_or(&none),
        terms.get(exact).unwrap_or(&none),
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Index;

    /// The filter that picks an article's passages adds nothing to the
    /// score of the passage found through it.
    #[test]
    fn an_articles_passages_score_nothing_of_their_own() {
        let index = Index::seeds_in_ram();
        let searcher = index.reader.searcher();
        let passages = article_passages(&index.fields, "002_5b2f0f6e9cd90a9e.txt");
        let found = searcher
            .search(&passages, &TopDocs::with_limit(100).order_by_score())
            .unwrap();
        assert!(found.len() > 1, "{found:?}");
        assert!(found.iter().all(|&(score, _)| score == 0.0), "{found:?}");
    }

    /// A passage is marked, in one paired pass, exactly as its language's
    /// stemmed and exact analyzers each mark it, merged: on every passage
    /// of articles of both news corpora, with the highlight terms of
    /// headline topics (their translations' too) and of phrases.
    #[test]
    fn the_paired_marks_are_those_of_both_analyzers() {
        use crate::query::build::built_for_test;
        use crate::query::stats::FieldStats;
        use crate::show::highlight::{highlight, merge_ranges};
        use newsearch_eval::read_topics;

        let Some(index) = Index::news_in_ram(60) else {
            return;
        };
        let searcher = index.reader.searcher();
        let fields = &index.fields;
        let mut passages: Vec<(String, Lang)> = Vec::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            for doc in 0..reader.max_doc() {
                let stored: TantivyDocument =
                    searcher.doc(DocAddress::new(ord as u32, doc)).unwrap();
                if let Some(text) = text_of(&stored, fields.passage_text) {
                    let lang = text_of(&stored, fields.lang).unwrap_or_default();
                    passages.push((text, Lang::from_code(&lang).unwrap_or(Lang::Other)));
                }
            }
        }
        let stats = FieldStats::new(&searcher, fields, Default::default()).unwrap();
        let mut analyzers = Analyzers::new(&index.inner, fields);
        let eval = crate::index::shared_dir().join("eval");
        let mut queries = vec![
            "\"cessez le feu\" Gaza".to_string(),
            "\"المملكة العربية السعودية\"".to_string(),
            "\"ولي العهد\" \"الأمير محمد\"".to_string(),
            "\"le président\" \"la France\"".to_string(),
        ];
        for set in ["ar-news-headline", "fr-news-headline"] {
            let topics = read_topics(&eval.join(set).join("topics.tsv")).unwrap();
            queries.extend(topics.into_iter().take(20).map(|topic| topic.query));
        }
        let (mut marked, mut phrases) = (0, 0);
        for query in &queries {
            let built = built_for_test(query, &index, &mut analyzers, &stats);
            let mut term_sets = vec![&built.highlight];
            term_sets.extend(built.translations.iter().map(|(_, terms)| terms));
            for terms in term_sets {
                for (text, lang) in &passages {
                    let (stemmed, exact) = analyzers_of(*lang);
                    let mut expected = Vec::new();
                    for name in [stemmed, exact] {
                        let mut analyzer = index.inner.tokenizers().get(name).unwrap();
                        if let Some(terms) = terms.get(name) {
                            expected.extend(highlight(text, &mut analyzer, terms));
                        }
                    }
                    let expected = merge_ranges(expected);
                    let got = mark(text, *lang, &mut analyzers, terms);
                    assert_eq!(got, expected, "{query} in {text}");
                    marked += usize::from(!got.is_empty());
                    let words = got.iter().filter(|r| text[(*r).clone()].contains(' '));
                    phrases += words.count();
                }
            }
        }
        assert!(marked > 1_000, "{marked} passages marked");
        assert!(phrases > 10, "{phrases} phrases marked");
    }
}
