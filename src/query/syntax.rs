//! The query language users type, parsed leniently.
//!
//! A query is a list of whitespace-separated words and quoted phrases, each
//! optionally prefixed by `+` (required) or `-` (excluded):
//!
//! ```text
//! Burns Caire                 two optional words
//! +Kirby -Biden               Kirby required, Biden excluded
//! "cessez-le-feu permanent"   a phrase (also « … », “ … ”, „ … “)
//! -«Maison Blanche»           an excluded phrase
//! ```
//!
//! Parsing never fails: a stray operator is dropped, an unbalanced quote runs
//! the phrase to the end of the input, an empty phrase is dropped, and a `-`
//! or `+` inside a word (`Moyen-Orient`, `a-t-il`, `3-2`) is part of the word.
//! Words and phrases are kept raw (punctuation included): turning them into
//! terms is the job of each field's analyzer.

use tantivy::query::Occur;

/// A parsed query: its clauses in input order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Words and phrases, in the order they appear in the input.
    pub clauses: Vec<Clause>,
}

/// One word or phrase of a query, with its operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// `Should` (no operator), `Must` (`+`) or `MustNot` (`-`).
    pub occur: Occur,
    /// The raw word or phrase.
    pub kind: ClauseKind,
}

/// What a clause matches; the text is a non-empty substring of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClauseKind {
    /// One whitespace-delimited word, its leading operator stripped.
    Word(String),
    /// The text between a pair of quotes, trimmed of whitespace.
    Phrase(String),
}

impl Clause {
    /// The raw text of the word or phrase.
    pub fn text(&self) -> &str {
        match &self.kind {
            ClauseKind::Word(text) | ClauseKind::Phrase(text) => text,
        }
    }
}

impl ParsedQuery {
    /// True when the query has no clause at all (empty or only operators).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// True when only exclusions were given (`-a -b`).
    pub fn only_excluded(&self) -> bool {
        !self.clauses.is_empty() && self.clauses.iter().all(|c| c.occur == Occur::MustNot)
    }
}

/// Parses a query string. Never fails, never panics, runs in linear time.
///
/// ```
/// use newsearch::query::{parse, ClauseKind};
/// use tantivy::query::Occur;
///
/// let q = parse(r#"+Kirby Moyen-Orient -« Maison Blanche "#);
/// let parts: Vec<(Occur, &str)> = q.clauses.iter().map(|c| (c.occur, c.text())).collect();
/// assert_eq!(
///     parts,
///     [(Occur::Must, "Kirby"), (Occur::Should, "Moyen-Orient"), (Occur::MustNot, "Maison Blanche")]
/// );
/// assert!(matches!(q.clauses[2].kind, ClauseKind::Phrase(_)));
/// ```
pub fn parse(input: &str) -> ParsedQuery {
    let mut clauses = Vec::new();
    let mut pos = 0;
    while let Some(start) = skip_spaces(input, pos) {
        // A run of operators before a word: the last one wins (`+-a` excludes a).
        let mut occur = Occur::Should;
        let mut cur = start;
        while let Some(op) = input[cur..].chars().next().and_then(operator) {
            occur = op;
            cur += 1; // `+` and `-` are one byte
        }
        let Some(first) = input[cur..].chars().next() else {
            break; // operators at the very end
        };
        if is_space(first) {
            pos = cur; // a lone operator: dropped
            continue;
        }
        if let Some(closers) = closing_quotes(first) {
            let body = cur + first.len_utf8();
            let (end, next) = match input[body..]
                .char_indices()
                .find(|(_, c)| closers.contains(c))
            {
                Some((i, c)) => (body + i, body + i + c.len_utf8()),
                None => (input.len(), input.len()), // unbalanced: to the end
            };
            let text = input[body..end].trim_matches(is_space);
            if !text.is_empty() {
                clauses.push(Clause {
                    occur,
                    kind: ClauseKind::Phrase(text.to_owned()),
                });
            }
            pos = next;
        } else {
            let end = input[cur..].find(is_space).map_or(input.len(), |i| cur + i);
            clauses.push(Clause {
                occur,
                kind: ClauseKind::Word(input[cur..end].to_owned()),
            });
            pos = end;
        }
    }
    ParsedQuery { clauses }
}

/// The byte index of the first non-space character at or after `pos`.
fn skip_spaces(input: &str, pos: usize) -> Option<usize> {
    input[pos..].find(|c| !is_space(c)).map(|i| pos + i)
}

/// Whitespace, Unicode spaces included, plus the invisible zero-width space
/// and BOM that copy-pasting from web pages leaves between words.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

fn operator(c: char) -> Option<Occur> {
    match c {
        '+' => Some(Occur::Must),
        '-' => Some(Occur::MustNot),
        _ => None,
    }
}

/// The characters that close a phrase opened by `open`, if `open` is a quote.
/// Pairs follow French (« »), English (“ ”), German („ “, » «) and keyboard
/// (" ") usage; a plain `"` also closes a curly-quoted phrase, since
/// people mix keyboards.
fn closing_quotes(open: char) -> Option<&'static [char]> {
    match open {
        '"' => Some(&['"', '”']),
        '«' => Some(&['»', '"']),
        '“' => Some(&['”', '“', '"']),
        '„' => Some(&['“', '”', '"']),
        '”' => Some(&['”', '"']),
        '»' => Some(&['«', '»', '"']),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders a query compactly: `+w:Kirby`, `-p:Maison Blanche`, `w:Caire`.
    fn show(input: &str) -> Vec<String> {
        parse(input)
            .clauses
            .iter()
            .map(|c| {
                let op = match c.occur {
                    Occur::Must => "+",
                    Occur::MustNot => "-",
                    Occur::Should => "",
                };
                let kind = match c.kind {
                    ClauseKind::Word(_) => "w",
                    ClauseKind::Phrase(_) => "p",
                };
                format!("{op}{kind}:{}", c.text())
            })
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("   \t\n", &[]),
            ("Burns Caire", &["w:Burns", "w:Caire"]),
            ("بيرنز القاهرة", &["w:بيرنز", "w:القاهرة"]),
            ("+Kirby -Biden", &["+w:Kirby", "-w:Biden"]),
            // A hyphen inside a word is part of it.
            (
                "Moyen-Orient a-t-il 3-2",
                &["w:Moyen-Orient", "w:a-t-il", "w:3-2"],
            ),
            ("cessez-le-feu-", &["w:cessez-le-feu-"]),
            ("-cessez-le-feu", &["-w:cessez-le-feu"]),
            // Punctuation stays in the raw word; analyzers strip it.
            (
                "Caire, (Hamas)! l’accord",
                &["w:Caire,", "w:(Hamas)!", "w:l’accord"],
            ),
            ("\"cessez le feu\"", &["p:cessez le feu"]),
            (
                "+\"cessez le feu\" -\"Maison Blanche\"",
                &["+p:cessez le feu", "-p:Maison Blanche"],
            ),
            ("« Maison Blanche »", &["p:Maison Blanche"]),
            ("«وقف إطلاق النار»", &["p:وقف إطلاق النار"]),
            ("“cease fire” now", &["p:cease fire", "w:now"]),
            ("„Waffen ruhe“", &["p:Waffen ruhe"]),
            ("«mixed\" end", &["p:mixed", "w:end"]),
            // A closing quote needs no space after it.
            ("\"a b\"c", &["p:a b", "w:c"]),
            // Unbalanced quotes run to the end.
            ("Kirby \"cessez le feu", &["w:Kirby", "p:cessez le feu"]),
            ("-« Maison", &["-p:Maison"]),
            // Empty phrases, lone and repeated operators are dropped.
            ("\"\" « » \"  \"", &[]),
            ("+ - -- +", &[]),
            ("- Caire", &["w:Caire"]),
            (
                "--Caire ++Burns +-x -+y",
                &["-w:Caire", "+w:Burns", "-w:x", "+w:y"],
            ),
            ("+\"", &[]),
            // A quote inside a word does not open a phrase.
            ("l\"accord 5\"", &["w:l\"accord", "w:5\""]),
            // Unicode spaces separate words: NBSP, narrow NBSP, ideographic, ZWSP.
            (
                "a\u{A0}b\u{202F}c\u{3000}d\u{200B}e",
                &["w:a", "w:b", "w:c", "w:d", "w:e"],
            ),
            ("« \u{202F}Caire\u{A0}»", &["p:Caire"]),
            ("-a -b", &["-w:a", "-w:b"]),
            ("😀 +🇫🇷", &["w:😀", "+w:🇫🇷"]),
            ("...", &["w:..."]),
        ];
        for (input, expected) in cases {
            assert_eq!(show(input), *expected, "input: {input:?}");
        }
    }

    #[test]
    fn only_excluded() {
        assert!(parse("-a -\"b c\"").only_excluded());
        assert!(!parse("-a b").only_excluded());
        assert!(!parse("").only_excluded());
        assert!(parse("+ -").is_empty());
    }
}
