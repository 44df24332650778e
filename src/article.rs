//! The unit of input: one news article, as read from a file or given by a program.

use crate::text::lang::Lang;

/// Longest article id, in bytes. tantivy does not index a term over 65,530
/// bytes, and an id that is not indexed cannot be found, so its article
/// could be neither replaced nor removed; ids are kept well below that.
pub const MAX_ID_BYTES: usize = 4_096;

/// Why `id` cannot be an article id, if it cannot: longer than
/// [`MAX_ID_BYTES`], or holding a control character (a tab or a line break
/// would split a TREC line or a terminal line in two).
pub(crate) fn id_problem(id: &str) -> Option<String> {
    if id.len() > MAX_ID_BYTES {
        return Some(format!(
            "`id` of {} bytes, over the {MAX_ID_BYTES}-byte limit",
            id.len()
        ));
    }
    let control = id.chars().find(|c| c.is_control())?;
    Some(format!(
        "`id` {id:?} holds the control character {control:?}, which would break TREC and terminal output"
    ))
}

/// One article to index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Stable identifier, unique in the index (a JSONL `id`, or a file's relative path).
    pub id: String,
    /// Headline; may be empty.
    pub title: String,
    /// Body text; paragraphs separated by blank lines (or single newlines).
    pub text: String,
    /// Publication date as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Publication or outlet name.
    pub source: Option<String>,
    /// Language given with the input; wins over detection.
    pub lang: Option<Lang>,
}
