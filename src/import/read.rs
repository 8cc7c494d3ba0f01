//! Reading a source file as text: UTF-8, or UTF-16 (by its byte-order
//! mark or its pattern of NUL bytes) decoded with a warning; any other
//! encoding is refused with the likely one named.

use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use crate::error::Diagnostic;

/// A source's text, and what was done to read it.
pub struct SourceText {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Reads a source as text, or says clearly why it cannot.
pub fn read_source(path: &Path) -> Result<SourceText, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::new(path, format!("cannot read: {e}")).help("check the path and permissions")
    })?;
    let mut warnings = Vec::new();
    let text = if let Some(encoding) = utf16(&bytes) {
        let (text, _, malformed) = encoding.decode(&bytes);
        if malformed {
            return Err(Diagnostic::new(
                path,
                format!("looks like {} text but is not valid", encoding.name()),
            )
            .help("save the source as UTF-8"));
        }
        warnings.push(format!("read as {} (save it as UTF-8)", encoding.name()));
        text.into_owned()
    } else {
        String::from_utf8(bytes).map_err(|e| not_utf8(path, e))?
    };
    let mut text = text;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::new(path, "the source is empty")
            .help("paste the article: a title line, a blank line, then the text"));
    }
    Ok(SourceText { text, warnings })
}

/// UTF-16 by its byte-order mark, or by NUL bytes at every other place
/// (ASCII letters in UTF-16: `T\0i\0t\0...`).
fn utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return (encoding != encoding_rs::UTF_8).then_some(encoding);
    }
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let nul_at = |odd: usize| {
        sample
            .iter()
            .skip(odd)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Where the text stops being UTF-8, and the encoding it likely is.
fn not_utf8(path: &Path, e: std::string::FromUtf8Error) -> Diagnostic {
    let bytes = e.as_bytes();
    let valid = e.utf8_error().valid_up_to();
    let before = String::from_utf8_lossy(&bytes[..valid]).into_owned();
    let likely = likely_encoding(&bytes[valid..]);
    Diagnostic::new(path, format!("not UTF-8 text (likely {likely})"))
        .at_offset(&before, valid, 1)
        .help(format!(
            "save the source as UTF-8, e.g. `iconv -f {} -t utf-8 FILE > FILE.utf8`",
            likely.to_ascii_lowercase()
        ))
}

/// Windows-1252 when bytes 0x80-0x9F appear (curly quotes, `€`, `œ` there;
/// control characters in Latin-1), else Latin-1.
fn likely_encoding(bytes: &[u8]) -> &'static str {
    if bytes.iter().any(|b| (0x80..=0x9f).contains(b)) {
        "Windows-1252"
    } else {
        "ISO-8859-1"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_is_recognised_with_or_without_bom() {
        let le: Vec<u8> = "Titre\n\nTexte"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(utf16(&le), Some(UTF_16LE));
        let be: Vec<u8> = "Titre\n\nTexte"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16(&be), Some(UTF_16BE));
        let mut bom = vec![0xff, 0xfe];
        bom.extend_from_slice(&le);
        assert_eq!(utf16(&bom), Some(UTF_16LE));
        assert_eq!(utf16("Titre é".as_bytes()), None);
    }

    #[test]
    fn the_likely_single_byte_encoding_is_named() {
        assert_eq!(likely_encoding(b"l\x92arm\xe9e"), "Windows-1252");
        assert_eq!(likely_encoding(b"arm\xe9e"), "ISO-8859-1");
    }
}
