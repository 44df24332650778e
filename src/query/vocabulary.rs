//! Walking the terms of one field that an automaton accepts, over every
//! segment of a searcher: how the forms of a stem and the near spellings
//! of an unknown word are found.

use tantivy::postings::TermInfo;
use tantivy::schema::Field;
use tantivy::Searcher;
use tantivy_fst::Automaton;

/// Calls `each` with every term of `field` that `automaton` accepts and
/// its term info, once per segment holding it (a term in several segments
/// comes several times). Terms that are not UTF-8 are skipped.
pub(crate) fn each_term<A>(
    searcher: &Searcher,
    field: Field,
    automaton: &A,
    mut each: impl FnMut(&str, &TermInfo),
) -> tantivy::Result<()>
where
    A: Automaton,
    A::State: Clone,
{
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(field)?;
        let mut terms = index.terms().search(automaton).into_stream()?;
        while terms.advance() {
            if let Ok(term) = std::str::from_utf8(terms.key()) {
                each(term, terms.value());
            }
        }
    }
    Ok(())
}
