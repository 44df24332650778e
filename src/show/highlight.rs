//! Marking matched words in a passage.
//!
//! [`highlight_paired`] re-runs a language's stemmed and exact analyzers
//! over the stored passage, in one pass of their paired analysis, and marks
//! the tokens whose analyzed text is a query term of that analyzer. The
//! analyzers give every token the byte range of the original word, so a
//! highlight wraps exactly what the reader sees: `l’accord` whole for the
//! term `accord`, `بالقاهرة` with its prefix and diacritics for `قاهر`.
//!
//! Phrases are matched on token positions, so their words light up only
//! where the whole phrase occurs (tantivy's `SnippetGenerator` highlights
//! them one by one, tantivy issue 2358), and a phrase occurrence comes out as
//! one range from its first word to its last.

use std::collections::HashMap;
use std::ops::Range;

use newsearch_analyzers::PairedAnalyzer;
use rustc_hash::{FxHashMap, FxHashSet};
#[cfg(test)]
use tantivy::tokenizer::TextAnalyzer;

/// The analyzed terms to highlight: single words, and phrases whose words
/// are highlighted only where the whole phrase occurs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HighlightTerms {
    /// Looked up for every token of every passage shown: a fast hash of
    /// analyzed terms, which are few and come from one query.
    words: FxHashSet<String>,
    /// Each phrase: (position relative to its first term, term text), sorted
    /// by position, at least two terms.
    phrases: Vec<Vec<(usize, String)>>,
}

impl HighlightTerms {
    /// No terms.
    #[cfg(test)]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one analyzed term (a token text), highlighted wherever it occurs.
    pub fn add_word(&mut self, term: impl Into<String>) {
        let term = term.into();
        if !term.is_empty() {
            self.words.insert(term);
        }
    }

    /// Adds a phrase of analyzed terms at consecutive positions. A single
    /// term is added as a word; no terms, nothing.
    #[cfg(test)]
    pub fn add_phrase<S: Into<String>>(&mut self, terms: impl IntoIterator<Item = S>) {
        self.add_phrase_at(terms.into_iter().enumerate().map(|(i, t)| (i, t.into())));
    }

    /// Adds a phrase of analyzed terms with their token positions, which may
    /// have gaps where the analyzer dropped a stopword (as in tantivy's
    /// `PhraseQuery::new_with_offset`). Positions are relative: only their
    /// differences matter.
    pub fn add_phrase_at(&mut self, terms: impl IntoIterator<Item = (usize, String)>) {
        let mut phrase: Vec<(usize, String)> =
            terms.into_iter().filter(|(_, t)| !t.is_empty()).collect();
        phrase.sort_by_key(|&(pos, _)| pos);
        match phrase.len() {
            0 => {}
            1 => self.words.extend(phrase.into_iter().map(|(_, t)| t)),
            _ => {
                let first = phrase[0].0;
                phrase.iter_mut().for_each(|(pos, _)| *pos -= first);
                if !self.phrases.contains(&phrase) {
                    self.phrases.push(phrase);
                }
            }
        }
    }

    /// Adds the words and phrases of `other`.
    pub fn extend(&mut self, other: &HighlightTerms) {
        self.words.extend(other.words.iter().cloned());
        for phrase in &other.phrases {
            if !self.phrases.contains(phrase) {
                self.phrases.push(phrase.clone());
            }
        }
    }

    /// True when there is nothing to highlight.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }

    /// The single-word terms.
    #[cfg(test)]
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// The phrases, as (relative position, term) lists.
    #[cfg(test)]
    pub fn phrases(&self) -> &[Vec<(usize, String)>] {
        &self.phrases
    }
}

/// The byte ranges of `text` to highlight: tokens of `analyzer` whose text is
/// a word of `terms`, and whole occurrences of its phrases (one range from
/// the first word's start to the last word's end).
///
/// The result is sorted, on char boundaries, and merged where ranges overlap
/// or touch; separate words stay separate even if only a space apart.
/// Linear in the text length (plus the number of matching tokens).
///
/// Passages are marked by [`highlight_paired`]; this one analyzer's
/// marking is what tests check it against.
#[cfg(test)]
pub fn highlight(
    text: &str,
    analyzer: &mut TextAnalyzer,
    terms: &HighlightTerms,
) -> Vec<Range<usize>> {
    if terms.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let mut marker = Marker::new(terms);
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        if let Some(range) = char_range(text, token.offset_from, token.offset_to) {
            marker.token(&token.text, token.position, range);
        }
    }
    merge_ranges(marker.ranges())
}

/// What [`highlight`] gives for a language's stemmed analyzer with
/// `stemmed` and its exact analyzer with `exact`, merged, from one pass of
/// their paired analysis: a passage shown is marked by both, and each
/// word is segmented and normalized once instead of twice.
pub fn highlight_paired(
    text: &str,
    analyzer: &mut PairedAnalyzer,
    stemmed: &HighlightTerms,
    exact: &HighlightTerms,
) -> Vec<Range<usize>> {
    if (stemmed.is_empty() && exact.is_empty()) || text.is_empty() {
        return Vec::new();
    }
    let mut stemmed_marker = (!stemmed.is_empty()).then(|| Marker::new(stemmed));
    let mut exact_marker = (!exact.is_empty()).then(|| Marker::new(exact));
    analyzer.analyze(text, |terms| {
        let Some(range) = char_range(text, terms.from, terms.to) else {
            return;
        };
        if let (Some(marker), Some(term)) = (&mut stemmed_marker, terms.stemmed) {
            marker.token(term, terms.position, range.clone());
        }
        if let (Some(marker), Some(term)) = (&mut exact_marker, terms.exact) {
            marker.token(term, terms.position, range);
        }
    });
    let ranges = [stemmed_marker, exact_marker].into_iter().flatten();
    merge_ranges(ranges.flat_map(Marker::ranges))
}

/// Marks the tokens of one analysis that are words of some terms, and
/// the whole occurrences of their phrases.
struct Marker<'t> {
    words: &'t FxHashSet<String>,
    /// Phrase terms get ids; phrases are indexed by their first term's id.
    ids: FxHashMap<&'t str, usize>,
    by_first: HashMap<usize, Vec<usize>>,
    phrase_ids: Vec<Vec<(usize, usize)>>,
    ranges: Vec<Range<usize>>,
    /// Tokens that are phrase terms: (position, id) -> range, and in order.
    seen: HashMap<(usize, usize), Range<usize>>,
    phrase_tokens: Vec<(usize, usize)>,
}

impl<'t> Marker<'t> {
    fn new(terms: &'t HighlightTerms) -> Marker<'t> {
        let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
        let mut by_first: HashMap<usize, Vec<usize>> = HashMap::new();
        let phrase_ids: Vec<Vec<(usize, usize)>> = terms
            .phrases
            .iter()
            .enumerate()
            .map(|(p, phrase)| {
                let phrase_ids: Vec<(usize, usize)> = phrase
                    .iter()
                    .map(|(pos, term)| {
                        let next = ids.len();
                        (*pos, *ids.entry(term.as_str()).or_insert(next))
                    })
                    .collect();
                by_first.entry(phrase_ids[0].1).or_default().push(p);
                phrase_ids
            })
            .collect();
        Marker {
            words: &terms.words,
            ids,
            by_first,
            phrase_ids,
            ranges: Vec::new(),
            seen: HashMap::new(),
            phrase_tokens: Vec::new(),
        }
    }

    /// The next token: its text, position and range in the text.
    fn token(&mut self, text: &str, position: usize, range: Range<usize>) {
        if self.words.contains(text) {
            self.ranges.push(range.clone());
        }
        if let Some(&id) = self.ids.get(text) {
            self.seen.entry((position, id)).or_insert(range);
            self.phrase_tokens.push((position, id));
        }
    }

    /// The ranges of the words and phrases met, unsorted and unmerged.
    fn ranges(mut self) -> Vec<Range<usize>> {
        for &(pos, id) in &self.phrase_tokens {
            for &p in self.by_first.get(&id).into_iter().flatten() {
                let spans: Option<Vec<&Range<usize>>> = self.phrase_ids[p]
                    .iter()
                    .map(|&(offset, term)| self.seen.get(&(pos + offset, term)))
                    .collect();
                if let Some(spans) = spans {
                    let start = spans.iter().map(|r| r.start).min().unwrap_or(0);
                    let end = spans.iter().map(|r| r.end).max().unwrap_or(0);
                    self.ranges.push(start..end);
                }
            }
        }
        self.ranges
    }
}

/// Sorts ranges and merges those that overlap or touch, dropping empty ones:
/// the union of highlight sets, e.g. from a passage's stemmed and exact
/// analyzers.
pub fn merge_ranges(ranges: impl IntoIterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = ranges.into_iter().filter(|r| r.start < r.end).collect();
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// A token's offsets as a non-empty range on char boundaries of `text`,
/// widened to the enclosing characters if a tokenizer got them wrong.
fn char_range(text: &str, from: usize, to: usize) -> Option<Range<usize>> {
    let mut start = from.min(text.len());
    let mut end = to.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (start < end).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, StopWordFilter};

    fn simple() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build()
    }

    fn shown(text: &str, analyzer: &mut TextAnalyzer, terms: &HighlightTerms) -> Vec<String> {
        highlight(text, analyzer, terms)
            .into_iter()
            .map(|r| text[r].to_owned())
            .collect()
    }

    fn words(list: &[&str]) -> HighlightTerms {
        let mut terms = HighlightTerms::new();
        list.iter().for_each(|w| terms.add_word(*w));
        terms
    }

    #[test]
    fn words_are_separate_ranges() {
        let text = "Burns Caire, puis le Caire.";
        let got = highlight(text, &mut simple(), &words(&["burns", "caire"]));
        assert_eq!(got, [0..5, 6..11, 21..26]);
    }

    #[test]
    fn phrase_only_where_whole() {
        let mut terms = HighlightTerms::new();
        terms.add_phrase(["cessez", "le", "feu"]);
        let text = "Le feu, cessez! Un cessez-le-feu. Cessez le feu maintenant.";
        assert_eq!(
            shown(text, &mut simple(), &terms),
            ["cessez-le-feu", "Cessez le feu"]
        );
    }

    #[test]
    fn phrase_word_also_a_word() {
        let mut terms = words(&["feu"]);
        terms.add_phrase(["cessez", "le", "feu"]);
        let text = "le feu; cessez le feu";
        assert_eq!(shown(text, &mut simple(), &terms), ["feu", "cessez le feu"]);
    }

    #[test]
    fn overlapping_phrases_merge() {
        let mut terms = HighlightTerms::new();
        terms.add_phrase(["a", "b"]);
        terms.add_phrase(["b", "c"]);
        assert_eq!(
            shown("a b c d a b", &mut simple(), &terms),
            ["a b c", "a b"]
        );
    }

    #[test]
    fn phrase_with_stopword_gap() {
        // The analyzer drops "le": the phrase keeps its gap (positions 0 and 2).
        let mut stop = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(StopWordFilter::remove(vec!["le".to_string()]))
            .build();
        let mut terms = HighlightTerms::new();
        let mut tokens = Vec::new();
        {
            let mut stream = stop.token_stream("cessez-le-feu");
            while stream.advance() {
                tokens.push((stream.token().position, stream.token().text.clone()));
            }
        }
        terms.add_phrase_at(tokens);
        assert_eq!(
            terms.phrases(),
            [vec![(0, "cessez".to_string()), (2, "feu".to_string())]]
        );
        let text = "cessez feu, cessez le feu, cessez la feu";
        assert_eq!(
            shown(text, &mut stop, &terms),
            ["cessez le feu", "cessez la feu"]
        );
    }

    #[test]
    fn single_term_phrase_is_a_word() {
        let mut terms = HighlightTerms::new();
        terms.add_phrase(["caire"]);
        terms.add_phrase(Vec::<String>::new());
        assert_eq!(terms.words().collect::<Vec<_>>(), ["caire"]);
        assert!(terms.phrases().is_empty());
    }

    #[test]
    fn non_ascii_offsets() {
        let text = "Égypte et l’Égypte, ÉGYPTE";
        assert_eq!(
            shown(text, &mut simple(), &words(&["égypte"])),
            ["Égypte", "Égypte", "ÉGYPTE"]
        );
        let arabic = "في القاهرة، والقاهرة";
        assert_eq!(
            shown(arabic, &mut simple(), &words(&["القاهرة"])),
            ["القاهرة"]
        );
    }

    #[test]
    fn nothing_to_highlight() {
        assert!(highlight("Burns", &mut simple(), &HighlightTerms::new()).is_empty());
        assert!(highlight("", &mut simple(), &words(&["burns"])).is_empty());
    }

    #[test]
    fn merge() {
        assert_eq!(merge_ranges([5..7, 0..2, 2..3, 6..9, 4..4]), [0..3, 5..9]);
        assert_eq!(merge_ranges([0..1, 2..3]), [0..1, 2..3]);
    }

    #[test]
    fn bad_offsets_snap_to_chars() {
        let text = "é";
        assert_eq!(char_range(text, 1, 1), Some(0..2));
        assert_eq!(char_range(text, 0, 99), Some(0..2));
        assert_eq!(char_range(text, 2, 0), None);
    }

    /// A word and a phrase marked in one passage.
    #[test]
    fn burns_and_a_phrase() {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build();
        let mut terms = HighlightTerms::new();
        terms.add_word("burns");
        terms.add_phrase(["cessez", "le", "feu"]);

        let text = "Burns: le feu couve, cessez-le-feu demain.";
        let ranges = highlight(text, &mut analyzer, &terms);
        let shown: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown, ["Burns", "cessez-le-feu"]);
    }

    /// The union of a stemmed and an exact analyzer's ranges.
    #[test]
    fn merge_stemmed_and_exact() {
        let stemmed = vec![0..5, 10..16];
        let exact = vec![10..23, 30..35];
        assert_eq!(
            merge_ranges(stemmed.into_iter().chain(exact)),
            [0..5, 10..23, 30..35]
        );
    }
}
