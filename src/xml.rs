//! What every XML and HTML output shares: characters XML 1.0 forbids are
//! left out (one stray U+0001 in a title makes a whole feed unreadable),
//! and a sitemap too large for one file becomes an index of several.

use crate::theme::escape;
use std::fmt::Write as _;

/// The most URLs one sitemap file may list (sitemaps.org).
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// Whether `c` may not appear in an XML 1.0 document (C0 controls other
/// than tab, line feed and carriage return; U+FFFE and U+FFFF), or is a
/// control character HTML calls a parse error (DEL, C1).
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// `bytes` (UTF-8) without the characters of [`is_forbidden`]; returned as
/// they are, without a copy, when there are none (the usual case).
pub fn without_forbidden(bytes: Vec<u8>) -> Vec<u8> {
    if !has_forbidden(&bytes) {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(text) => text
            .chars()
            .filter(|&c| !is_forbidden(c))
            .collect::<String>()
            .into_bytes(),
        // Not text: nothing of XML or HTML to protect.
        Err(e) => e.into_bytes(),
    }
}

/// Whether the UTF-8 `bytes` hold any character of [`is_forbidden`]. Every
/// output file goes through this: chunks without a byte that could start
/// one (a control byte other than tab and line ends, 0xC2 of C1, 0xEF of
/// U+FFFE/U+FFFF) are passed over in a loop the compiler vectorises.
pub fn has_forbidden(bytes: &[u8]) -> bool {
    const CHUNK: usize = 64;
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + CHUNK).min(bytes.len());
        let suspect = bytes[start..end]
            .iter()
            .fold(false, |acc, &b| acc | may_start_forbidden(b));
        if suspect && (start..end).any(|i| starts_forbidden(bytes, i)) {
            return true;
        }
        start = end;
    }
    false
}

fn may_start_forbidden(b: u8) -> bool {
    (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0x7f || b == 0xc2 || b == 0xef
}

/// Whether a forbidden character starts at byte `i`.
fn starts_forbidden(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1f | 0x7f => true,
        // C1 controls: U+0080 to U+009F.
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        // U+FFFE and U+FFFF.
        0xef => bytes.get(i + 1) == Some(&0xbf) && matches!(bytes.get(i + 2), Some(0xbe | 0xbf)),
        _ => false,
    }
}

/// How many sitemap files `urls` URLs need: one up to the limit, then one
/// per [`SITEMAP_MAX_URLS`], listed by an index.
pub fn sitemap_parts(urls: usize) -> usize {
    urls.div_ceil(SITEMAP_MAX_URLS).max(1)
}

/// The file name of sitemap part `n` (1-based) when there are several.
pub fn sitemap_part_url(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// A sitemap index listing `parts` sitemap files under `absolute_root`
/// (an absolute URL ending in `/`, already checked to need no escaping
/// beyond what [`escape`] does).
pub fn sitemap_index(absolute_root: &str, parts: usize) -> Vec<u8> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for n in 1..=parts {
        let loc = escape(&format!("{absolute_root}{}", sitemap_part_url(n)));
        let _ = writeln!(out, "  <sitemap><loc>{loc}</loc></sitemap>");
    }
    out.push_str("</sitemapindex>\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_out_what_xml_forbids_and_keeps_the_rest() {
        let text = "a\u{0}b\u{1}c\u{b}d\u{7f}e\u{85}f\u{fffe}g\u{ffff}h\t\n\r«é»€\u{fffd}😀";
        let clean = String::from_utf8(without_forbidden(text.as_bytes().to_vec())).unwrap();
        assert_eq!(clean, "abcdefgh\t\n\r«é»€\u{fffd}😀");
        let fine = "«Niamey» – 12 €".as_bytes().to_vec();
        assert!(!has_forbidden(&fine));
    }

    #[test]
    fn the_quick_scan_agrees_with_the_definition() {
        // Every forbidden character at every offset of a chunk, among
        // text that holds allowed multi-byte characters.
        let filler = "«é» – x\t\n";
        for c in [
            '\u{1}', '\u{1f}', '\u{7f}', '\u{80}', '\u{9f}', '\u{fffe}', '\u{ffff}',
        ] {
            for at in 0..140 {
                let mut text: String = filler.chars().cycle().take(at).collect();
                text.push(c);
                text.push_str("«»");
                assert!(has_forbidden(text.as_bytes()), "{c:?} at {at}");
            }
        }
        for c in [
            '\u{a0}', '\u{bf}', '\u{fffd}', '\u{fefe}', '\u{feff}', '\u{ff00}',
        ] {
            let text: String = std::iter::repeat_n(c, 100).collect();
            assert!(!has_forbidden(text.as_bytes()), "{c:?}");
        }
    }

    #[test]
    fn a_large_sitemap_is_split() {
        assert_eq!(sitemap_parts(0), 1);
        assert_eq!(sitemap_parts(SITEMAP_MAX_URLS), 1);
        assert_eq!(sitemap_parts(SITEMAP_MAX_URLS + 1), 2);
        let index = String::from_utf8(sitemap_index("https://x.org/a&b/", 2)).unwrap();
        let doc = roxmltree::Document::parse(&index).unwrap();
        let locs: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(
            locs,
            [
                "https://x.org/a&b/sitemap-1.xml",
                "https://x.org/a&b/sitemap-2.xml"
            ]
        );
    }
}
