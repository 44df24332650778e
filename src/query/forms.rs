//! The forms of a stem found in the exact passage field.
//!
//! Only Arabic passages have a stemmed field (see
//! [`has_stemmed_text`](crate::index::schema::has_stemmed_text)). A French word's
//! stem is a function of its exact term, so the passages that have one of
//! the stem's forms are found through the exact field: its term
//! dictionary is searched for the terms that can have the stem (those that
//! start with what every form of it starts with, see
//! [`french::kept_prefix`]), and each of those is stemmed to keep the
//! stem's own. Languages without a stemmer have one form per stem, the
//! stem itself.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use newsearch_analyzers::french::{self, DedoubledPrefix, PrefixState};
use tantivy::schema::Field;
use tantivy::Searcher;

use super::vocabulary::each_term;
use crate::index::schema::LangFields;
use crate::sync::locked;
use crate::text::lang::Lang;

/// A stem's forms, shared by the queries that look it up.
pub(crate) type Forms = Arc<[String]>;

/// The forms of each stem looked up so far, for one searcher's snapshot
/// (the searcher is given with each look-up: it must be the same one).
#[derive(Default)]
pub(crate) struct StemForms {
    /// By exact field and stem.
    found: Mutex<HashMap<(Field, String), Forms>>,
}

impl StemForms {
    /// The exact terms of `lf`'s passages whose stem is `stem`, sorted.
    pub fn of(&self, searcher: &Searcher, lf: &LangFields, stem: &str) -> tantivy::Result<Forms> {
        let key = (lf.text_exact, stem.to_string());
        if let Some(forms) = locked(&self.found).get(&key) {
            return Ok(forms.clone());
        }
        let forms: Forms = match lf.lang {
            Lang::Fr => french_forms(searcher, lf.text_exact, stem)?
                .into_iter()
                .collect(),
            // Other languages have no stemmer; Arabic passages have a
            // stemmed field, and their stems are not looked up here.
            Lang::Ar | Lang::Other => Arc::new([stem.to_string()]),
        };
        locked(&self.found).insert(key, forms.clone());
        Ok(forms)
    }
}

fn french_forms(
    searcher: &Searcher,
    field: Field,
    stem: &str,
) -> tantivy::Result<BTreeSet<String>> {
    let automaton = PrefixAutomaton(DedoubledPrefix::new(french::kept_prefix(stem)));
    let mut forms = BTreeSet::new();
    each_term(searcher, field, &automaton, |form, _| {
        if !forms.contains(form) && french::stem_of_form(form).as_deref() == Some(stem) {
            forms.insert(form.to_string());
        }
    })?;
    Ok(forms)
}

/// [`DedoubledPrefix`] as a term dictionary automaton.
struct PrefixAutomaton<'a>(DedoubledPrefix<'a>);

impl tantivy_fst::Automaton for PrefixAutomaton<'_> {
    type State = PrefixState;

    fn start(&self) -> PrefixState {
        self.0.start()
    }

    fn is_match(&self, state: &PrefixState) -> bool {
        self.0.is_read(*state)
    }

    fn can_match(&self, state: &PrefixState) -> bool {
        !self.0.is_dead(*state)
    }

    fn will_always_match(&self, state: &PrefixState) -> bool {
        self.0.is_read(*state)
    }

    fn accept(&self, state: &PrefixState, byte: u8) -> PrefixState {
        self.0.step(*state, byte)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::index::schema::Fields;
    use crate::Index;

    /// On the French Wikipedia paragraphs of the fr-piaf-qa set, the forms
    /// found for each stem are every exact term of the index with that
    /// stem, but for stems of three letters rewritten by the stemmer.
    #[test]
    fn the_forms_of_a_stem_are_the_exact_terms_with_that_stem() {
        let Some(index) = Index::shared_in_ram(&["eval/fr-piaf-qa/corpus.jsonl"], usize::MAX)
        else {
            return;
        };
        let searcher = index.tantivy_index().reader().unwrap().searcher();
        let fields = Fields::from_schema(&index.tantivy_index().schema()).unwrap();
        let lf = fields.of(Lang::Fr);
        let mut by_stem: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for segment in searcher.segment_readers() {
            let exact = segment.inverted_index(lf.text_exact).unwrap();
            let mut terms = exact.terms().stream().unwrap();
            while terms.advance() {
                let form = std::str::from_utf8(terms.key()).unwrap();
                if let Some(stem) = french::stem_of_form(form) {
                    by_stem.entry(stem).or_default().insert(form.to_string());
                }
            }
        }
        assert!(by_stem.len() > 10_000, "{} stems", by_stem.len());
        let forms = StemForms::default();
        let mut missed = Vec::new();
        for (stem, expected) in &by_stem {
            let found: BTreeSet<String> = forms
                .of(&searcher, lf, stem)
                .unwrap()
                .iter()
                .cloned()
                .collect();
            assert!(found.is_subset(expected), "{stem}: {found:?}");
            if &found != expected {
                missed.push(stem.as_str());
            }
        }
        assert!(missed.iter().all(|stem| stem.len() <= 3), "{missed:?}");
        let negoci = forms.of(&searcher, lf, "negoci").unwrap();
        assert!(negoci.len() >= 3, "{negoci:?}");
        // Cached: the same list again.
        assert!(Arc::ptr_eq(
            &negoci,
            &forms.of(&searcher, lf, "negoci").unwrap()
        ));
        // Without a stemmer, a stem is its one form.
        let other = fields.of(Lang::Other);
        assert_eq!(
            &*forms.of(&searcher, other, "the").unwrap(),
            ["the".to_string()]
        );
    }
}
