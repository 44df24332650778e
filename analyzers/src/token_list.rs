//! A tokenizer for text that is already a list of terms, so that a
//! document's fields can be filled from one analysis of its text.
//!
//! A writer that analyzes a passage once for several fields (see
//! [`PairedAnalyzer`](crate::PairedAnalyzer)) joins each field's terms with
//! [`TOKEN_SEPARATOR`] and indexes the result with [`TokenListTokenizer`],
//! registered under [`TOKEN_LIST`]: the index holds the terms and positions
//! of the analysis, not of a second one.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name of [`TokenListTokenizer`] in the index's tokenizer manager.
pub const TOKEN_LIST: &str = "newsearch_token_list";

/// Separates tokens in the text given to [`TokenListTokenizer`].
pub const TOKEN_SEPARATOR: char = '\n';

/// The tokenizer of the passage and body fields: their text is a list of
/// terms already made by the language's analyzers, one per position,
/// separated by [`TOKEN_SEPARATOR`]; an empty slot is a position without a
/// term (a stopword in a phrase). The writer analyzes each passage once
/// for its exact and stemmed fields and the article's body.
#[derive(Clone, Default)]
pub struct TokenListTokenizer {
    token: Token,
}

/// The token stream of [`TokenListTokenizer`].
pub struct TokenListStream<'a> {
    text: &'a str,
    /// Start of the next slot; past the end when all are read.
    next: usize,
    /// Position of the next slot.
    slot: usize,
    token: &'a mut Token,
}

impl Tokenizer for TokenListTokenizer {
    type TokenStream<'a> = TokenListStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TokenListStream<'a> {
        self.token.reset();
        TokenListStream {
            text,
            next: 0,
            slot: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for TokenListStream<'_> {
    fn advance(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let separator = TOKEN_SEPARATOR as u8;
        while self.next <= bytes.len() {
            let start = self.next;
            let end = memchr::memchr(separator, &bytes[start..]).map_or(bytes.len(), |i| start + i);
            self.next = end + 1;
            let position = self.slot;
            self.slot += 1;
            if start == end {
                continue;
            }
            self.token.text.clear();
            self.token.text.push_str(&self.text[start..end]);
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = position;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_list_gives_one_position_per_slot() {
        let mut tokenizer = TokenListTokenizer::default();
        let mut stream = tokenizer.token_stream("caire\n\nnégoci\nقاهر x\n");
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push((token.position, token.text.clone()));
        }
        assert_eq!(
            tokens,
            vec![
                (0, "caire".to_string()),
                (2, "négoci".to_string()),
                (3, "قاهر x".to_string())
            ]
        );
        assert!(!tokenizer.token_stream("").advance());
    }
}
