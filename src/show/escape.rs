//! Text from an archive made safe for a terminal.
//!
//! An archive is text from strangers: a title may hold `ESC ] 0 ; … BEL`
//! (retitle the terminal), `ESC [ 2 J` (clear the screen), an OSC 8
//! hyperlink, a carriage return or backspaces that overwrite what was
//! printed, or a right-to-left override that reverses the rest of the line.
//! Every printer of archive text (hits, passages, TREC lines, `index`
//! messages) passes it through [`escape`] so that such characters show as
//! visible escapes (`\x1b`, `\u{202e}`), as ripgrep and less do, and never
//! act. Arabic marks that only set a direction (U+200E, U+200F, U+061C) are
//! kept: they are part of ordinary Arabic text and cannot hide anything.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with every control character and bidi override or isolate
/// written as a visible escape; borrowed when there is none.
///
/// ```
/// use newsearch::escape;
/// assert_eq!(escape("Gaza\x1b]0;pwned\x07"), "Gaza\\x1b]0;pwned\\x07");
/// assert_eq!(escape("a\u{202e}b\tc"), "a\\u{202e}b\\tc");
/// assert_eq!(escape("القاهرة"), "القاهرة");
/// ```
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_with(text, false)
}

/// Like [`escape`], but tabs, line breaks and carriage returns become
/// plain spaces: for passages, whose white space is collapsed anyway.
pub(crate) fn escape_keeping_spaces(text: &str) -> Cow<'_, str> {
    escape_with(text, true)
}

fn escape_with(text: &str, spaces: bool) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_unsafe(c) {
            out.push(c);
            continue;
        }
        let _ = match c {
            '\t' | '\n' | '\r' if spaces => write!(out, " "),
            '\t' => write!(out, "\\t"),
            '\n' => write!(out, "\\n"),
            '\r' => write!(out, "\\r"),
            c if (c as u32) < 0x100 => write!(out, "\\x{:02x}", c as u32),
            c => write!(out, "\\u{{{:x}}}", c as u32),
        };
    }
    Cow::Owned(out)
}

/// C0 and C1 controls, DEL, and the bidi embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069).
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_and_override_is_escaped_and_the_rest_kept() {
        let cases = [
            ("plain", "plain"),
            ("\x1b[2J", "\\x1b[2J"),
            ("a\x07b\x08c\x7fd\u{9b}e", "a\\x07b\\x08c\\x7fd\\x9be"),
            ("line\r\nnext", "line\\r\\nnext"),
            (
                "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}",
                "\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{202e}",
            ),
            ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"),
            ("عربي\u{200f} é", "عربي\u{200f} é"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape(input), expected, "{input:?}");
        }
        assert_eq!(escape_keeping_spaces("a\tb\r\nc\x1b"), "a b  c\\x1b");
        assert!(matches!(escape("القاهرة"), Cow::Borrowed(_)));
    }
}
