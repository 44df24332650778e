//! How big a query may be.
//!
//! Every word of a query is looked up in every language's fields, and a
//! phrase is matched position by position: a pasted page of text (40 KB,
//! 20,000 words) took seconds and a gigabyte of memory. Real queries are
//! far below these limits (the longest topic of the evaluation sets has 28
//! words and 246 bytes); a query over one is refused with
//! [`Error::QueryTooLong`], which says which limit and how to shorten it.

use crate::error::{Error, Result};
use crate::query::syntax::{ClauseKind, ParsedQuery};

/// Longest query, in bytes of UTF-8.
pub const MAX_QUERY_BYTES: usize = 4_096;
/// Most words in a query, counting the words of its phrases.
pub const MAX_QUERY_WORDS: usize = 64;
/// Most words in one quoted phrase.
pub const MAX_PHRASE_WORDS: usize = 32;

/// Fails with [`Error::QueryTooLong`] for a query text over
/// [`MAX_QUERY_BYTES`], checked before it is parsed.
pub(crate) fn check_text(query: &str) -> Result<()> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(too_long(format!(
            "{} bytes, over the limit of {MAX_QUERY_BYTES}",
            query.len()
        )));
    }
    Ok(())
}

/// Fails with [`Error::QueryTooLong`] for a parsed query over
/// [`MAX_QUERY_WORDS`] words or with a phrase over [`MAX_PHRASE_WORDS`].
pub(crate) fn check_parsed(parsed: &ParsedQuery) -> Result<()> {
    let mut words = 0;
    for clause in &parsed.clauses {
        match &clause.kind {
            ClauseKind::Word(_) => words += 1,
            ClauseKind::Phrase(phrase) => {
                let in_phrase = phrase.split_whitespace().count();
                if in_phrase > MAX_PHRASE_WORDS {
                    return Err(too_long(format!(
                        "a phrase of {in_phrase} words, over the limit of {MAX_PHRASE_WORDS}"
                    )));
                }
                words += in_phrase;
            }
        }
    }
    if words > MAX_QUERY_WORDS {
        return Err(too_long(format!(
            "{words} words, over the limit of {MAX_QUERY_WORDS}"
        )));
    }
    Ok(())
}

fn too_long(what: String) -> Error {
    Error::QueryTooLong(what)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    #[test]
    fn queries_at_the_limits_pass_and_one_over_fails() {
        let words = |n: usize| vec!["mot"; n].join(" ");
        assert!(check_parsed(&parse(&words(MAX_QUERY_WORDS))).is_ok());
        assert!(check_parsed(&parse(&words(MAX_QUERY_WORDS + 1))).is_err());
        let phrase = |n: usize| format!("\"{}\"", words(n));
        assert!(check_parsed(&parse(&phrase(MAX_PHRASE_WORDS))).is_ok());
        let err = check_parsed(&parse(&phrase(MAX_PHRASE_WORDS + 1))).unwrap_err();
        assert!(err.to_string().contains("phrase of 33 words"), "{err}");
        assert!(check_text(&"x".repeat(MAX_QUERY_BYTES)).is_ok());
        let err = check_text(&"x ".repeat(20_000)).unwrap_err();
        assert!(err.to_string().contains("40000 bytes"), "{err}");
    }
}
