//! Raw copy-pasted text to a clean document: a title and blocks
//! (paragraphs, headings, list items, quotes, pasted tweets).
//!
//! Cleaning repairs what copy-paste breaks (HTML entities, decomposed
//! accents, non-breaking spaces, look-alike letters from other alphabets)
//! and drops page furniture ([`super::furniture`]) but keeps every
//! character of the article's own text.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

pub use super::dates::{month, parse_date_words};
pub use super::furniture::is_noise;
use super::furniture::strip_trailing_furniture;
use super::gazetteer::homoglyph;

/// A pasted tweet: its text, then `— NAME (@handle) Month D, YYYY`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tweet {
    pub text: String,
    pub author: String,
    pub handle: String,
    pub date: Option<NaiveDate>,
    /// The tweet's picture or status link, when the paste kept one.
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Heading(usize, String),
    /// A list item; `Some(n)` for an ordered list's number.
    Item(Option<u32>, String),
    Quote(String),
    Tweet(Tweet),
}

impl Block {
    /// The text the detection reads.
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph(t) | Block::Heading(_, t) | Block::Item(_, t) | Block::Quote(t) => t,
            Block::Tweet(t) => &t.text,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
    /// Hashtags as written (`#MALI`), first occurrence order, no repeats.
    pub hashtags: Vec<String>,
    /// Lines left out as page furniture, for the report.
    pub dropped: Vec<String>,
    /// Links inside blocks (from an HTML page), in order.
    pub links: Vec<Link>,
}

/// A link on the bytes `start..end` of block `block`'s text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub block: usize,
    pub start: usize,
    pub end: usize,
    pub url: String,
}

/// Repairs the encoding-level damage of copy-paste: HTML entities, CRLF,
/// non-breaking and zero-width spaces, control characters, Cyrillic or
/// Greek letters inside Latin words, and Unicode normalisation to NFC.
pub fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    clean(&decode_entities(raw))
}

/// [`normalize`] without decoding entities: for text an HTML parser has
/// already decoded.
pub fn clean(decoded: &str) -> String {
    let mut out = String::with_capacity(decoded.len());
    let chars: Vec<char> = decoded.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_graphic() || c == ' ' || c == '\n' {
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '\r' => {
                if chars.get(i + 1) != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' | '\u{200a}' | '\u{2002}'
            | '\u{2003}' | '\u{3000}' => out.push(' '),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
            '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() && c != '\n' => {}
            c => {
                let latin_around = |j: Option<usize>| {
                    j.and_then(|j| chars.get(j))
                        .is_some_and(|&n| n.is_ascii_alphabetic() || ('À'..='ž').contains(&n))
                };
                match homoglyph(c) {
                    Some(l)
                        if latin_around(i.checked_sub(1))
                            || latin_around(Some(i + 1))
                            || chars.get(i + 1) == Some(&'\'')
                            || chars.get(i + 1) == Some(&'’') =>
                    {
                        out.push(l)
                    }
                    _ => out.push(c),
                }
            }
        }
        i += 1;
    }
    match unicode_normalization::is_nfc_quick(out.chars()) {
        unicode_normalization::IsNormalized::Yes => out,
        _ => out.nfc().collect(),
    }
}

/// Decodes HTML entities (`&mdash;`, `&#39;`, `&#x2019;`): pasted text
/// often carries them. Unknown ones are left as they are.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    html_escape::decode_html_entities(text).into_owned()
}

/// Cuts normalised text into a title and blocks, turning pasted tweets
/// into [`Tweet`]s and dropping page furniture.
pub fn parse(text: &str) -> Document {
    let mut doc = Document::default();
    let mut lines = text.lines().map(str::trim).peekable();
    // The title: the first line with letters.
    for line in lines.by_ref() {
        let line = strip_heading_marks(line);
        if line.chars().any(char::is_alphabetic) {
            doc.title = collapse_spaces(line);
            break;
        }
    }
    // Each raw block says whether furniture was dropped just before it.
    let mut raw_blocks: Vec<(String, bool)> = Vec::new();
    let mut previous_blank = true;
    let mut after_furniture = false;
    for line in lines {
        if line.is_empty() {
            previous_blank = true;
            continue;
        }
        if is_noise(line, &doc.title) {
            doc.dropped.push(line.to_string());
            after_furniture = true;
            continue;
        }
        let line = strip_trailing_furniture(line);
        // A hard-wrapped paragraph continues on the next line in lower case.
        let joins = !previous_blank
            && !after_furniture
            && raw_blocks.last().is_some_and(|(last, _)| {
                !last.ends_with(['.', '!', '?', ':', '»', '"', '”', ')', ';'])
                    && list_item(last).is_none()
                    && parse_signature(last).is_none()
            })
            && line.chars().next().is_some_and(char::is_lowercase);
        if joins {
            let (last, _) = raw_blocks.last_mut().expect("checked");
            last.push(' ');
            last.push_str(line);
        } else {
            raw_blocks.push((line.to_string(), after_furniture));
        }
        previous_blank = false;
        after_furniture = false;
    }
    for (raw, after_furniture) in raw_blocks {
        push_block(&mut doc.blocks, collapse_spaces(&raw), after_furniture);
    }
    let mut tags = Vec::new();
    hashtags(&doc.title, &mut tags);
    for b in &doc.blocks {
        hashtags(b.text(), &mut tags);
    }
    doc.hashtags = tags;
    doc
}

/// Adds one line as a block. A tweet signature takes the paragraph just
/// before it as the tweet's text, unless furniture came between: a tweet
/// whose own text was "Partager" or "Lire aussi" has no text, and the
/// article's paragraph before it stays the article's.
fn push_block(blocks: &mut Vec<Block>, line: String, after_furniture: bool) {
    if let Some((author, handle, date)) = parse_signature(&line) {
        let text = match blocks.pop() {
            Some(Block::Paragraph(t)) | Some(Block::Quote(t)) if !after_furniture => t,
            Some(other) => {
                blocks.push(other);
                String::new()
            }
            None => String::new(),
        };
        let (text, link) = split_tweet_link(&text);
        blocks.push(Block::Tweet(Tweet {
            text,
            author,
            handle,
            date,
            link,
        }));
        return;
    }
    let block = if let Some((level, t)) = heading(&line) {
        Block::Heading(level, t.to_string())
    } else if let Some((n, t)) = list_item(&line) {
        Block::Item(n, t.to_string())
    } else if let Some(t) = line.strip_prefix('>') {
        Block::Quote(t.trim().to_string())
    } else {
        Block::Paragraph(line)
    };
    blocks.push(block);
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn strip_heading_marks(line: &str) -> &str {
    match heading(line) {
        Some((_, t)) => t,
        None => line,
    }
}

/// `## Title` (Markdown pasted as text).
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&level) && line[level..].starts_with(' ') {
        Some((level, line[level..].trim()))
    } else {
        None
    }
}

/// `- item`, `• item`, `1. item`, `2) item`.
fn list_item(line: &str) -> Option<(Option<u32>, &str)> {
    for bullet in ["- ", "• ", "* ", "– ", "· ", "▪ ", "● ", "◦ ", "○ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            if rest.chars().any(char::is_alphanumeric) {
                return Some((None, rest.trim()));
            }
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((line[..digits].parse().ok(), rest.trim()));
        }
    }
    None
}

/// `— NAME (@handle) Month D, YYYY`, also with `-` or `–`, or a French
/// date `D mois YYYY`.
pub fn parse_signature(line: &str) -> Option<(String, String, Option<NaiveDate>)> {
    let rest = line
        .strip_prefix('—')
        .or_else(|| line.strip_prefix('–'))
        .or_else(|| line.strip_prefix('-'))?;
    let open = rest.find("(@")?;
    let close = open + rest[open..].find(')')?;
    let handle = &rest[open + 2..close];
    if handle.is_empty()
        || !handle
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    let author = rest[..open].trim().to_string();
    let after = rest[close + 1..].trim();
    let date = parse_date_words(after);
    // A signature ends with its date (or nothing at all).
    if date.is_none() && !after.is_empty() {
        return None;
    }
    Some((author, handle.to_string(), date))
}

/// The tweet's `pic.twitter.com/...` or `https://t.co/...` link at the
/// end of its text, moved to the signature.
fn split_tweet_link(text: &str) -> (String, Option<String>) {
    let trimmed = text.trim_end();
    if let Some(i) = trimmed
        .rfind(char::is_whitespace)
        .map(|i| i + 1)
        .or(Some(0))
    {
        let last = &trimmed[i..];
        let lower = last.to_ascii_lowercase();
        let is_link = lower.starts_with("pic.twitter.com/")
            || lower.starts_with("https://t.co/")
            || lower.starts_with("http://t.co/")
            || lower.starts_with("https://twitter.com/")
            || lower.starts_with("https://x.com/");
        if is_link && last.chars().all(|c| c.is_ascii_graphic()) {
            let link = if last.starts_with("http") {
                last.to_string()
            } else {
                format!("https://{last}")
            };
            return (trimmed[..i].trim_end().to_string(), Some(link));
        }
    }
    (trimmed.to_string(), None)
}

/// Hashtags as written: `#` at a word start, then a letter, then letters,
/// digits or `_`. Not headings (`# Title`), URL fragments (`/#securite`) or
/// entities (`&#39;`).
pub fn hashtags(text: &str, out: &mut Vec<String>) {
    for (i, _) in text.match_indices('#') {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || "/&#_-.=?:".contains(c)) {
            continue;
        }
        // Inside a URL?
        let word_start = text[..i].rfind(char::is_whitespace).map_or(0, |j| j + 1);
        let word = &text[word_start..i];
        if word.contains("://") || word.starts_with("www.") {
            continue;
        }
        let tag: String = text[i + 1..]
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '_')
            .collect();
        if tag.chars().next().is_some_and(char::is_alphabetic) {
            let tag = format!("#{tag}");
            if !out.contains(&tag) {
                out.push(tag);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tweet_whose_text_is_furniture_takes_no_paragraph() {
        for furniture in ["Partager", "Share", "Lire aussi"] {
            let doc = parse(&format!(
                "T\n\nLe paragraphe de l'article.\n{furniture}\n— Quelqu'un (@qq) April 11, 2024\n"
            ));
            assert_eq!(
                doc.blocks[0],
                Block::Paragraph("Le paragraphe de l'article.".into()),
                "{furniture}"
            );
            let Block::Tweet(t) = &doc.blocks[1] else {
                panic!("{:?}", doc.blocks)
            };
            assert_eq!(t.text, "");
        }
    }

    #[test]
    fn entities_need_their_semicolon() {
        assert_eq!(
            decode_entities("x.org/?a=1&notify=2&copy=3 AT&T &amp"),
            "x.org/?a=1&notify=2&copy=3 AT&T &amp"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("a &mdash; b &amp; c&#39;d &#x2019; &unknown; & x"),
            "a — b & c'd ’ &unknown; & x"
        );
    }

    #[test]
    fn normalize_repairs_copy_paste() {
        // Decomposed accents become composed (NFC).
        assert_eq!(normalize("Traore\u{301}"), "Traoré");
        assert_eq!(normalize("a\u{a0}b\r\nc\u{200b}d"), "a b\ncd");
        // A Cyrillic 'с' inside a French word.
        assert_eq!(normalize("\u{441}'est la Russie"), "c'est la Russie");
        // Cyrillic text stays Cyrillic.
        assert_eq!(normalize("Россия"), "Россия");
        assert_eq!(normalize("&laquo;Non&raquo;"), "«Non»");
    }

    #[test]
    fn title_paragraphs_and_noise() {
        let doc = parse(
            "Le titre\n\nPremier paragraphe.\nLire aussi : autre chose\nDeuxième paragraphe.\n\
             Facebook Twitter WhatsApp\n© 2024 Journal. Tous droits réservés.\n:  4969075\nPUBLICITÉ\n",
        );
        assert_eq!(doc.title, "Le titre");
        assert_eq!(
            doc.blocks,
            [
                Block::Paragraph("Premier paragraphe.".into()),
                Block::Paragraph("Deuxième paragraphe.".into())
            ]
        );
        assert_eq!(doc.dropped.len(), 5);
    }

    #[test]
    fn article_text_is_never_dropped() {
        let text = "T\n\nLe partage du pouvoir reste flou.\nLes copyrights des médias sont un sujet.\nShare prices fell in Lagos.";
        let doc = parse(text);
        assert_eq!(doc.blocks.len(), 3);
        assert!(doc.dropped.is_empty());
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let doc = parse("T\n\nUne phrase coupée\nau milieu.\nAutre.");
        assert_eq!(
            doc.blocks,
            [
                Block::Paragraph("Une phrase coupée au milieu.".into()),
                Block::Paragraph("Autre.".into())
            ]
        );
    }

    #[test]
    fn tweets_become_blockquotes() {
        let doc = parse(
            "T\n\n🚨#Niger : des instructeurs russes. #Russie pic.twitter.com/crHZYJDtFk\n— LSI AFRICA (@lsiafrica) April 11, 2024\nSuite.",
        );
        let Block::Tweet(t) = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks)
        };
        assert_eq!(t.text, "🚨#Niger : des instructeurs russes. #Russie");
        assert_eq!(t.author, "LSI AFRICA");
        assert_eq!(t.handle, "lsiafrica");
        assert_eq!(t.date, NaiveDate::from_ymd_opt(2024, 4, 11));
        assert_eq!(
            t.link.as_deref(),
            Some("https://pic.twitter.com/crHZYJDtFk")
        );
        let md = crate::import::markdown_out::to_markdown(&doc);
        assert!(md.starts_with("> 🚨#Niger : des instructeurs russes. #Russie\n>\n> — LSI AFRICA ([@lsiafrica](https://twitter.com/lsiafrica)) [April 11, 2024](https://pic.twitter.com/crHZYJDtFk)\n\nSuite."), "{md}");
    }

    #[test]
    fn tweet_signatures_with_hyphen_and_capitals() {
        let s = parse_signature("- Colonel Assimi GOITA (@GoitaAssimi) October 4, 2022").unwrap();
        assert_eq!(s.0, "Colonel Assimi GOITA");
        assert_eq!(s.2, NaiveDate::from_ymd_opt(2022, 10, 4));
        assert!(parse_signature("- un tiret (@x) suivi de texte").is_none());
        assert!(parse_signature("Pas une signature (@x) April 1, 2024").is_none());
    }

    #[test]
    fn hashtags_are_found_but_not_headings_urls_or_entities() {
        let mut tags = Vec::new();
        hashtags("#MALI #BAMAKO SUSPEND @RFI #Mali", &mut tags);
        hashtags(
            "# Titre, voir https://x.gouv.fr/burkina-faso/#securite et &#39; et l'#AfricaCorps",
            &mut tags,
        );
        assert_eq!(tags, ["#MALI", "#BAMAKO", "#Mali", "#AfricaCorps"]);
    }
}
