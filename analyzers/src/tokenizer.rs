//! The one tokenizer behind every analyzer of this crate.
//!
//! [`NewsTokenizer`] segments the original text into words ([`Words`]) and
//! turns each word into at most one term in the same pass: normalization,
//! stopword removal and stemming are plain function calls on the word, and
//! the term is written into the token's own reused `String`, so there is no
//! allocation per token and no chain of filters.
//!
//! Offsets: `offset_from..offset_to` is the byte range of the whole original
//! word, diacritics, tatweel, inner ZWNJ and elided article included.
//!
//! Positions: each word that yields a term, and each stopword, takes the
//! next position. Stopwords leave a gap (as with tantivy's
//! `StopWordFilter`), so a phrase query analyzed by the same analyzer keeps
//! the distances of the text: `cessez-le-feu` indexes `cessez` at n and
//! `feu` at n + 2, and the query `"cessez-le-feu"` matches it. Words with
//! nothing left after normalization (a lone tatweel) take no position.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::fold::fold_into;
use crate::script::{script_of, Script};
use crate::words::Words;
use crate::{arabic, french};

/// Terms longer than this many bytes are dropped (they keep their position),
/// like tantivy's `RemoveLongFilter`: such "words" are URLs, base64 or
/// garbage, and tantivy refuses terms over 65,530 bytes.
pub const MAX_TERM_BYTES: usize = 255;

/// Which language processing a [`NewsTokenizer`] applies to words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Arabic-script words get Arabic processing; others are folded.
    Arabic,
    /// Latin-script words get French processing; Arabic-script words are
    /// normalized as Arabic (not stemmed); others are folded.
    French,
    /// Every word is lowercased and accent-folded.
    Std,
    /// Per word by script: Arabic → Arabic, Latin → French, other → folded.
    Auto,
}

/// What became of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The output buffer holds the term.
    Term,
    /// A stopword: no term, but the word takes a position.
    Stop,
    /// Nothing left (only marks or tatweel): not a word at all.
    Empty,
}

/// Tokenizer for one [`Language`], stemmed (and without stopwords) or
/// exact. Build it with [`NewsTokenizer::new`]; most users get it through
/// [`crate::analyzer`] or [`crate::register`].
#[derive(Debug, Clone)]
pub struct NewsTokenizer {
    language: Language,
    stemmed: bool,
    token: Token,
}

impl NewsTokenizer {
    /// A tokenizer for `language`; `stemmed` turns on stopword removal and
    /// stemming (the `ar`/`fr` analyzers), off gives the `_exact` ones.
    pub fn new(language: Language, stemmed: bool) -> NewsTokenizer {
        NewsTokenizer {
            language,
            stemmed,
            token: Token::default(),
        }
    }
}

/// The token stream of a [`NewsTokenizer`].
pub struct NewsTokenStream<'a> {
    text: &'a str,
    words: Words<'a>,
    token: &'a mut Token,
    language: Language,
    stemmed: bool,
    next_position: usize,
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.token.reset();
        NewsTokenStream {
            text,
            words: Words::new(text),
            token: &mut self.token,
            language: self.language,
            stemmed: self.stemmed,
            next_position: 0,
        }
    }
}

fn fold_word(word: &str, out: &mut String) -> Outcome {
    out.clear();
    fold_into(word, out);
    if out.is_empty() {
        Outcome::Empty
    } else {
        Outcome::Term
    }
}

/// Writes the term for one word into `out`.
pub(crate) fn analyze_word(
    word: &str,
    language: Language,
    stemmed: bool,
    out: &mut String,
) -> Outcome {
    if language == Language::Std {
        return fold_word(word, out);
    }
    match (language, script_of(word)) {
        (Language::Arabic | Language::Auto, Script::Arabic) => {
            arabic::analyze_into(word, stemmed, out)
        }
        (Language::French | Language::Auto, Script::Latin) => {
            french::analyze_into(word, stemmed, out)
        }
        (Language::French, Script::Arabic) => arabic::analyze_into(word, false, out),
        _ => fold_word(word, out),
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for (from, to) in self.words.by_ref() {
            let word = &self.text[from..to];
            match analyze_word(word, self.language, self.stemmed, &mut self.token.text) {
                Outcome::Empty => continue,
                Outcome::Stop => {
                    self.next_position += 1;
                    continue;
                }
                Outcome::Term if self.token.text.len() > MAX_TERM_BYTES => {
                    self.next_position += 1;
                    continue;
                }
                Outcome::Term => {
                    self.token.offset_from = from;
                    self.token.offset_to = to;
                    self.token.position = self.next_position;
                    self.token.position_length = 1;
                    self.next_position += 1;
                    return true;
                }
            }
        }
        self.token.text.clear();
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}
