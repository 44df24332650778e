//! `.txt` and `.md` files: one article each, the first non-empty line its title.

use super::markup::{decode_entities, decoded, strip_inline_tags};
use crate::article::Article;

/// The article of a text file's decoded `content`, or `None` if it holds only
/// whitespace. The title is the first non-empty line, trimmed (for Markdown,
/// without its leading `#` marks); the text is the rest, trimmed. A file of
/// one line has that line as both title and text, so that it is searchable.
pub(crate) fn parse_text_article(
    id: String,
    mut content: String,
    markdown: bool,
) -> Option<Article> {
    let mut start = 0;
    let (title, rest_start) = loop {
        let end = memchr::memchr(b'\n', &content.as_bytes()[start..])
            .map_or(content.len(), |i| start + i);
        let line = content[start..end].trim();
        if !line.is_empty() {
            let title = if markdown {
                markdown_heading(line)
            } else {
                line
            };
            let title = decode_entities(&strip_inline_tags(title)).into_owned();
            break (title, (end + 1).min(content.len()));
        }
        if end == content.len() {
            return None;
        }
        start = end + 1;
    };
    // The text is the rest, trimmed, in place: no copy of a large file.
    let rest = &content[rest_start..];
    let (lead, len) = (rest.len() - rest.trim_start().len(), rest.trim().len());
    content.truncate(rest_start + lead + len);
    content.drain(..rest_start + lead);
    let text = if content.is_empty() {
        title.clone()
    } else {
        decoded(content)
    };
    Some(Article {
        id,
        title,
        text,
        ..Article::default()
    })
}

/// A Markdown ATX heading's text (`## Title ##` → `Title`); other lines as they are.
fn markdown_heading(line: &str) -> &str {
    let text = line.trim_start_matches('#');
    if text.len() == line.len() || !(text.is_empty() || text.starts_with(char::is_whitespace)) {
        return line;
    }
    let text = text.trim();
    let text = text.trim_end_matches('#').trim_end();
    if text.is_empty() {
        line
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        // (content, markdown, title, text); None: no article.
        type Case<'a> = (&'a str, bool, Option<(&'a str, &'a str)>);
        let cases: &[Case] = &[
            (
                "Title\n\nBody one.\n\nBody two.\n",
                false,
                Some(("Title", "Body one.\n\nBody two.")),
            ),
            ("\n\n  Title  \r\nBody", false, Some(("Title", "Body"))),
            (
                "Only a title",
                false,
                Some(("Only a title", "Only a title")),
            ),
            ("Title\n \n\t\n", false, Some(("Title", "Title"))),
            ("", false, None),
            (" \n\t\r\n  ", false, None),
            (
                "# Le titre\n\nLe texte.",
                true,
                Some(("Le titre", "Le texte.")),
            ),
            ("## Titre ##\nTexte", true, Some(("Titre", "Texte"))),
            ("#hashtag\nTexte", true, Some(("#hashtag", "Texte"))),
            ("# Le titre\nTexte", false, Some(("# Le titre", "Texte"))),
            ("###\nTexte", true, Some(("###", "Texte"))),
            (
                "القاهرة\n\nقال جون كيربي",
                false,
                Some(("القاهرة", "قال جون كيربي")),
            ),
            // Inline tags leave the title; the text stays as written.
            (
                "# <i>Le Monde</i> en grève\n\nLe <i>Monde</i>.",
                true,
                Some(("Le Monde en grève", "Le <i>Monde</i>.")),
            ),
        ];
        for (content, markdown, want) in cases {
            let got = parse_text_article("id".into(), content.to_string(), *markdown);
            let got = got.as_ref().map(|a| (a.title.as_str(), a.text.as_str()));
            assert_eq!(got, *want, "content {content:?}");
        }
    }
}
