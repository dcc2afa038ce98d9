//! Bytes to text, whatever encoding the file came in.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

pub(super) enum Decoded {
    Clean(String),
    Lossy(String, String),
}

/// Bytes to text: UTF-16 with a BOM; UTF-8; else the charset a page
/// declares; else Windows-1252 when no byte sequence is UTF-8 at all (the
/// 0x92 apostrophe of older Windows pages); else UTF-8 lossily, with a
/// note. NUL bytes otherwise mean a binary file.
pub(super) fn decode(bytes: Vec<u8>, html: bool) -> Result<Decoded, String> {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
        Some([0xFE, 0xFF]) => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
        _ => None,
    };
    if let Some(from) = utf16 {
        let units = bytes[2..].chunks_exact(2).map(|c| from([c[0], c[1]]));
        let mut bad = bytes.len() % 2;
        let text: String = char::decode_utf16(units)
            .map(|r| {
                r.unwrap_or_else(|_| {
                    bad += 1;
                    char::REPLACEMENT_CHARACTER
                })
            })
            .collect();
        if text.contains('\0') {
            return Err("contains NUL characters; looks like a binary file; skipped".into());
        }
        return Ok(if bad > 0 {
            Decoded::Lossy(
                text,
                format!("is UTF-16 with {bad} invalid code unit(s); replaced with U+FFFD"),
            )
        } else {
            Decoded::Clean(text)
        });
    }
    if bytes.contains(&0) {
        return Err("contains NUL bytes; looks like a binary file; skipped".into());
    }
    let e = match String::from_utf8(bytes) {
        Ok(t) => return Ok(Decoded::Clean(t)),
        Err(e) => e,
    };
    let declared = if html {
        declared_charset(e.as_bytes())
    } else {
        None
    };
    let single_byte = declared
        .filter(|enc| *enc != UTF_8)
        .or_else(|| (!has_utf8_sequences(e.as_bytes())).then_some(WINDOWS_1252));
    if let Some(enc) = single_byte {
        let (text, _, bad) = enc.decode(e.as_bytes());
        return Ok(if bad {
            Decoded::Lossy(
                text.into_owned(),
                format!(
                    "is not valid {}; bad bytes replaced with U+FFFD",
                    enc.name()
                ),
            )
        } else {
            Decoded::Clean(text.into_owned())
        });
    }
    let at = e.utf8_error().valid_up_to();
    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
    Ok(Decoded::Lossy(
        text,
        format!(
            "is not valid UTF-8 (first bad byte at offset {at}); bad bytes replaced with U+FFFD"
        ),
    ))
}

/// Whether any multi-byte UTF-8 sequence occurs: then the odd bad byte is
/// damage, not another encoding.
fn has_utf8_sequences(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        let len = match b[i] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        if len > 0 && b.len() >= i + len && std::str::from_utf8(&b[i..i + len]).is_ok() {
            return true;
        }
        i += 1;
    }
    false
}

/// The charset a page declares near its start: `<meta charset=...>`,
/// `content="text/html; charset=..."` or an XML declaration.
fn declared_charset(b: &[u8]) -> Option<&'static Encoding> {
    let head = &b[..b.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let Some(at) = lower.windows(key.len()).position(|w| w == key) else {
            continue;
        };
        let rest = &lower[at + key.len()..];
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':')))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            return Some(enc);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8], html: bool) -> (String, bool) {
        match decode(bytes.to_vec(), html) {
            Ok(Decoded::Clean(t)) => (t, true),
            Ok(Decoded::Lossy(t, _)) => (t, false),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn windows_1252_apostrophes_read_as_their_characters() {
        assert_eq!(
            text(b"Arden\x92s gains \x93now\x94", false),
            ("Arden’s gains “now”".into(), true)
        );
    }

    #[test]
    fn a_declared_charset_wins() {
        let page = b"<meta charset=\"iso-8859-1\"><p>Caf\xe9</p>";
        assert_eq!(
            text(page, true).0,
            "<meta charset=\"iso-8859-1\"><p>Café</p>"
        );
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'><p>\x92</p>";
        assert!(text(page, true).0.contains('’'));
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let (t, clean) = text(
            "caf\u{e9} \u{2019}"
                .as_bytes()
                .iter()
                .copied()
                .chain([0xFF])
                .collect::<Vec<u8>>()
                .as_slice(),
            false,
        );
        assert!(!clean);
        assert!(t.starts_with("café ’"), "{t}");
    }
}
