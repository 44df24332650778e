//! Bytes of a text file to a `String`: UTF-8 (a BOM dropped), UTF-16 with a
//! BOM, or a legacy single-byte encoding guessed by chardetng (Arabic
//! windows-1256, French windows-1252 / Latin-1...). Binary files are refused.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// A NUL byte in this many first bytes marks a file as binary.
pub const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// More than this share of control characters (other than tab, newlines and
/// form feed) in the first [`BINARY_SNIFF_BYTES`] marks a file as binary, or as
/// decoded into garbage.
const MAX_CONTROL_SHARE: f64 = 0.01;

/// Text that is valid UTF-8 except for a few stray bytes (at most one
/// invalid sequence per this many valid non-ASCII chars) is read as UTF-8,
/// the stray bytes replaced with U+FFFD, rather than guessed as a legacy
/// encoding: a legacy file has invalid sequences nearly everywhere.
const STRAY_BYTES_RATIO: usize = 20;

/// Decoded text and how it was decoded.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    /// Said in the reader's notes when the text was not plain UTF-8.
    pub note: Option<String>,
}

/// Decodes a whole text file. The error says why the file is skipped.
pub(crate) fn decode_text(mut bytes: Vec<u8>) -> Result<Decoded, String> {
    if let Some((encoding, bom)) = Encoding::for_bom(&bytes) {
        if encoding == UTF_16LE || encoding == UTF_16BE {
            return decode_with(encoding, &bytes[bom..])
                .map(|text| Decoded {
                    text,
                    note: Some(format!("decoded as {}", encoding.name())),
                })
                .ok_or_else(|| {
                    format!(
                        "invalid {} (it starts with a {} byte order mark); convert it to UTF-8",
                        encoding.name(),
                        encoding.name()
                    )
                });
        }
        bytes.drain(..bom);
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if memchr::memchr(0, head).is_some() {
        return Err("binary file (NUL bytes): not text".to_string());
    }
    let decoded = match String::from_utf8(bytes) {
        Ok(text) => Decoded { text, note: None },
        Err(err) => decode_non_utf8(err.into_bytes())?,
    };
    if looks_binary(&decoded.text) {
        return Err(match decoded.note {
            None => "binary file (control characters): not text".to_string(),
            Some(note) => format!("binary file or unknown encoding (control characters when {note}); convert it to UTF-8"),
        });
    }
    Ok(decoded)
}

/// Bytes that are not valid UTF-8: mostly UTF-8 with stray bytes, or a legacy encoding.
fn decode_non_utf8(bytes: Vec<u8>) -> Result<Decoded, String> {
    let (mut invalid, mut valid_non_ascii) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    if valid_non_ascii >= STRAY_BYTES_RATIO * invalid {
        return Ok(Decoded {
            text: String::from_utf8_lossy(&bytes).into_owned(),
            note: Some(format!(
                "{invalid} invalid UTF-8 sequence(s) replaced with U+FFFD"
            )),
        });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(&bytes, true);
    let encoding = detector.guess(None, false);
    match decode_with(encoding, &bytes) {
        Some(text) => Ok(Decoded {
            text,
            note: Some(format!("not UTF-8: decoded as {}", encoding.name())),
        }),
        None => Err(format!(
            "not UTF-8, and not valid {} either (the likeliest legacy encoding): convert it to UTF-8",
            encoding.name()
        )),
    }
}

/// `bytes` decoded with `encoding`, or `None` if some bytes do not map.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
}

/// Whether the start of `text` has too many control characters to be text.
fn looks_binary(text: &str) -> bool {
    let (mut chars, mut controls) = (0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}') {
            controls += 1;
        }
        if chars >= BINARY_SNIFF_BYTES {
            break;
        }
    }
    controls as f64 > MAX_CONTROL_SHARE * chars as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    const ARABIC: &str = "قال جون كيربي المتحدث باسم مجلس الأمن القومي بالبيت الأبيض للصحفيين يوم الإثنين إن اثنين من المسؤولين الأميركيين الكبار موجودان حاليا في القاهرة لإجراء محادثات لوقف إطلاق النار.";
    const FRENCH: &str = "Les hauts fonctionnaires américains sont au Caire pour négocier un cessez-le-feu entre Israël et le Hamas, mais il y a encore des écarts entre les deux parties, a déclaré lundi le porte-parole.";

    #[test]
    fn table() {
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(FRENCH.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let mut stray = FRENCH.repeat(5).into_bytes();
        stray.push(0xE9);
        /// (name, bytes, Ok((text, note)) or Err(reason)).
        type Case<'a> = (
            &'a str,
            Vec<u8>,
            Result<(&'a str, Option<&'a str>), &'a str>,
        );
        let cases: Vec<Case> = vec![
            ("utf-8", FRENCH.as_bytes().to_vec(), Ok((FRENCH, None))),
            (
                "utf-8 bom",
                [b"\xEF\xBB\xBF".as_slice(), ARABIC.as_bytes()].concat(),
                Ok((ARABIC, None)),
            ),
            (
                "utf-16le bom",
                utf16le,
                Ok((FRENCH, Some("decoded as UTF-16LE"))),
            ),
            (
                "windows-1256",
                encode(encoding_rs::WINDOWS_1256, ARABIC),
                Ok((ARABIC, Some("not UTF-8: decoded as windows-1256"))),
            ),
            (
                "latin-1",
                encode(encoding_rs::WINDOWS_1252, FRENCH),
                Ok((FRENCH, Some("not UTF-8: decoded as windows-1252"))),
            ),
            (
                "binary",
                vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13],
                Err("binary file (NUL bytes): not text"),
            ),
            (
                "controls",
                vec![1, 2, 3, 4, 5, 6, 7, 8, b'a'],
                Err("binary file (control characters): not text"),
            ),
        ];
        for (name, bytes, want) in cases {
            let got = decode_text(bytes);
            match (got, want) {
                (Ok(d), Ok((text, note))) => {
                    assert_eq!(d.text, text, "{name}");
                    assert_eq!(d.note.as_deref(), note, "{name}");
                }
                (Err(e), Err(reason)) => assert_eq!(e, reason, "{name}"),
                (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
            }
        }
        // A stray byte in UTF-8 text does not make it a legacy encoding.
        let d = decode_text(stray).unwrap();
        assert!(d.text.starts_with(FRENCH) && d.text.ends_with('\u{FFFD}'));
        assert_eq!(
            d.note.as_deref(),
            Some("1 invalid UTF-8 sequence(s) replaced with U+FFFD")
        );
    }

    #[test]
    fn random_bytes_are_refused() {
        // Bytes 0x01..=0xFF cycled: no NUL, but controls everywhere.
        let bytes: Vec<u8> = (0..20_000u32).map(|i| (i % 255 + 1) as u8).collect();
        assert!(decode_text(bytes).is_err());
    }
}
