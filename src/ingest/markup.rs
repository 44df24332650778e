//! Inline HTML tags left in titles by wiki and CMS exports, and HTML
//! character references left in titles and texts.
//!
//! Wikipedia dumps write the titles of works and species in italics
//! (`<i>28 jours plus tard</i>`, `<i><span lang="la">Pomerium</span></i>`),
//! and news CMSs leave `<b>`, `<em>` or `<br>` in headlines. The tags are
//! presentation, not words: shown as they are they clutter the result list,
//! and indexed they add `span`, `class`, `lang` to the title field. Only the
//! tags of a fixed list of inline elements are removed, so a title that uses
//! `<` as text (`x < y`, `<Mot>`) keeps it.

use std::borrow::Cow;

/// `text` with its HTML character references decoded (`&quot;`, `&#8220;`,
/// `&amp;`): news exports leave them in titles and texts, where they would
/// show as written and `quot` would be a searchable word. Decoded as the
/// article is read, before it is cut into passages, so that every offset
/// points into the text as shown. Text without `&` is returned as it is.
///
/// ```
/// use newsearch::ingest::decode_entities;
/// assert_eq!(decode_entities("&quot;Gaza&quot; &#8220;ici&#8221; AT&amp;T"), "\"Gaza\" \u{201c}ici\u{201d} AT&T");
/// assert_eq!(decode_entities("R&D, 3 & 4"), "R&D, 3 & 4");
/// ```
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    html_escape::decode_html_entities(text)
}

/// [`decode_entities`] on an owned text, which is kept when there is
/// nothing to decode.
pub(crate) fn decoded(text: String) -> String {
    let changed = match decode_entities(&text) {
        Cow::Owned(changed) => Some(changed),
        Cow::Borrowed(_) => None,
    };
    changed.unwrap_or(text)
}

/// Inline (phrasing) HTML elements whose tags are removed.
const INLINE_ELEMENTS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "em", "font", "i", "kbd", "mark",
    "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];

/// `title` without the opening, closing and empty tags of inline HTML
/// elements; when tags were removed, the whitespace they leave at either
/// end is trimmed too. A title without such tags is returned as it is.
///
/// ```
/// use newsearch::ingest::strip_inline_tags;
/// assert_eq!(strip_inline_tags("<i>28 jours plus tard</i>"), "28 jours plus tard");
/// assert_eq!(strip_inline_tags("x < y, <Mot>"), "x < y, <Mot>");
/// ```
pub fn strip_inline_tags(title: &str) -> Cow<'_, str> {
    if !title.contains('<') {
        return Cow::Borrowed(title);
    }
    let mut out = String::with_capacity(title.len());
    let mut rest = title;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let from_tag = &rest[at..];
        match inline_tag_len(from_tag) {
            Some((len, name)) => {
                // A line break separates words; other tags sit inside them
                // or beside spaces of their own.
                if name.eq_ignore_ascii_case("br") {
                    out.push(' ');
                }
                rest = &from_tag[len..];
            }
            None => {
                out.push('<');
                rest = &from_tag[1..];
            }
        }
    }
    out.push_str(rest);
    // Every `<` that starts no inline tag was kept: same length, nothing removed.
    if out.len() == title.len() {
        return Cow::Borrowed(title);
    }
    Cow::Owned(out.trim().to_string())
}

/// The byte length and element name of the inline tag that `s` starts
/// with (`<i>`, `</span>`, `<span class="x">`, `<br/>`), if it starts with
/// one.
fn inline_tag_len(s: &str) -> Option<(usize, &str)> {
    let body = s.strip_prefix('<')?;
    let body = body.strip_prefix('/').unwrap_or(body);
    let name_len = body.bytes().take_while(u8::is_ascii_alphabetic).count();
    let name = &body[..name_len];
    if !INLINE_ELEMENTS.iter().any(|e| e.eq_ignore_ascii_case(name)) {
        return None;
    }
    let after_name = &body[name_len..];
    // The name ends at `>`, `/` or the whitespace before attributes.
    match after_name.bytes().next()? {
        b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' => {}
        _ => return None,
    }
    let end = after_name.find('>')?;
    if after_name[..end].contains('<') {
        return None;
    }
    Some((s.len() - after_name.len() + end + 1, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_table() {
        let cases = [
            ("Sans balise", "Sans balise"),
            ("<i>28 jours plus tard</i>", "28 jours plus tard"),
            (
                r#"<i><span class="lang-la" lang="la">Pomerium</span></i>"#,
                "Pomerium",
            ),
            (
                "Tortue <I>géante</I> des Galápagos",
                "Tortue géante des Galápagos",
            ),
            ("Ligne<br/>suivante", "Ligne suivante"),
            ("Ligne <BR> suivante", "Ligne   suivante"),
            ("mot<wbr>long", "motlong"),
            ("<b>الرياض</b> تستضيف القمة", "الرياض تستضيف القمة"),
            // Not inline tags: kept as text.
            ("x < y et y > z", "x < y et y > z"),
            ("<Mot> entre chevrons", "<Mot> entre chevrons"),
            ("<script>alert(1)</script>", "<script>alert(1)</script>"),
            ("<ins>insertion</ins>", "<ins>insertion</ins>"),
            // Unclosed or broken tags stay.
            ("<i titre sans fin", "<i titre sans fin"),
            ("<i <b>x</b>", "<i x"),
            ("<", "<"),
            ("</", "</"),
            ("<i>", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(strip_inline_tags(input), expected, "{input:?}");
        }
    }

    #[test]
    fn a_title_without_tags_is_not_copied() {
        assert!(matches!(strip_inline_tags("x < y"), Cow::Borrowed(_)));
        assert!(matches!(strip_inline_tags("Titre"), Cow::Borrowed(_)));
        assert!(matches!(strip_inline_tags(" x < y "), Cow::Borrowed(_)));
    }
}
