//! Raw copy-pasted text to a clean document, then to safe Markdown.
//!
//! Cleaning repairs what copy-paste breaks (HTML entities, decomposed
//! accents, non-breaking spaces, look-alike letters from other alphabets)
//! and drops page furniture (adverts, copyright, "Lire aussi", share
//! buttons) but keeps every character of the article's own text.
//! Imported text is untrusted: the Markdown written escapes everything that
//! would make raw HTML, links, images or unintended structure.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::gazetteer::{fold, homoglyph};

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
}

/// Repairs the encoding-level damage of copy-paste: HTML entities, CRLF,
/// non-breaking and zero-width spaces, control characters, Cyrillic or
/// Greek letters inside Latin words, and Unicode normalisation to NFC.
pub fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let decoded = decode_entities(raw);
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

/// Decodes named (the common ones), decimal and hexadecimal HTML entities.
/// Unknown ones are left as they are.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';' || !(c.is_ascii_alphanumeric() || c == '#'))
            .filter(|&(_, c)| c == ';')
            .map(|(j, _)| j + 1);
        let decoded = end.and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "sbquo" => '‚',
        "bdquo" => '„',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "euro" => '€',
        "shy" => '\u{ad}',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "Egrave" => 'È',
        "ecirc" => 'ê',
        "Ecirc" => 'Ê',
        "euml" => 'ë',
        "agrave" => 'à',
        "Agrave" => 'À',
        "acirc" => 'â',
        "Acirc" => 'Â',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "Ccedil" => 'Ç',
        "icirc" => 'î',
        "Icirc" => 'Î',
        "iuml" => 'ï',
        "Iuml" => 'Ï',
        "ocirc" => 'ô',
        "Ocirc" => 'Ô',
        "ouml" => 'ö',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yuml" => 'ÿ',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        "aelig" => 'æ',
        "iacute" => 'í',
        "oacute" => 'ó',
        "aacute" => 'á',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "szlig" => 'ß',
        "times" => '×',
        "para" => '¶',
        "sect" => '§',
        "frac12" => '½',
        _ => return None,
    })
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
    let mut raw_blocks: Vec<String> = Vec::new();
    let mut previous_blank = true;
    for line in lines {
        if line.is_empty() {
            previous_blank = true;
            continue;
        }
        if is_noise(line, &doc.title) {
            doc.dropped.push(line.to_string());
            continue;
        }
        let line = strip_trailing_furniture(line);
        // A hard-wrapped paragraph continues on the next line in lower case.
        let joins = !previous_blank
            && raw_blocks.last().is_some_and(|last| {
                !last.ends_with(['.', '!', '?', ':', '»', '"', '”', ')', ';'])
                    && list_item(last).is_none()
                    && parse_signature(last).is_none()
            })
            && line.chars().next().is_some_and(char::is_lowercase);
        if joins {
            let last = raw_blocks.last_mut().expect("checked");
            last.push(' ');
            last.push_str(line);
        } else {
            raw_blocks.push(line.to_string());
        }
        previous_blank = false;
    }
    for raw in raw_blocks {
        let line = collapse_spaces(&raw);
        if let Some((author, handle, date)) = parse_signature(&line) {
            let text = match doc.blocks.pop() {
                Some(Block::Paragraph(t)) | Some(Block::Quote(t)) => t,
                Some(other) => {
                    doc.blocks.push(other);
                    String::new()
                }
                None => String::new(),
            };
            let (text, link) = split_tweet_link(&text);
            doc.blocks.push(Block::Tweet(Tweet {
                text,
                author,
                handle,
                date,
                link,
            }));
            continue;
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
        doc.blocks.push(block);
    }
    let mut tags = Vec::new();
    hashtags(&doc.title, &mut tags);
    for b in &doc.blocks {
        hashtags(b.text(), &mut tags);
    }
    doc.hashtags = tags;
    doc
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

/// Page furniture: never the article's own text.
pub fn is_noise(line: &str, title: &str) -> bool {
    if !line.chars().any(char::is_alphabetic) {
        return true;
    }
    // Furniture is short; only the headline pasted again can be long.
    if line.len() > 400 && line.len() != title.len() {
        return false;
    }
    let f = fold(line);
    let f = f.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(');
    const STARTS: &[&str] = &[
        "lire aussi",
        "a lire aussi",
        "lire egalement",
        "a lire egalement",
        "lire la suite",
        "voir aussi",
        "a voir aussi",
        "read also",
        "read more",
        "also read",
        "related:",
        "related articles",
        "related stories",
        "continue reading",
        "suivez-nous",
        "suivez nous",
        "follow us",
        "abonnez-vous",
        "abonnez vous",
        "subscribe to",
        "sign up for",
        "inscrivez-vous",
        "publicite",
        "advertisement",
        "advertising",
        "sponsored",
        "contenu sponsorise",
        "partager sur",
        "partager cet article",
        "partager vers",
        "share this",
        "share on",
        "cliquez ici",
        "click here",
        "tous droits reserves",
        "all rights reserved",
        "copyright",
        "(c) ",
        "©",
        "newsletter",
    ];
    let short = line.chars().count() < 200;
    if short && STARTS.iter().any(|s| f.starts_with(s)) {
        return true;
    }
    if short
        && (f.contains("tous droits reserves")
            || f.contains("all rights reserved")
            || f.contains("copyright ©")
            || f.contains("جميع الحقوق محفوظة"))
    {
        return true;
    }
    // A row of share buttons.
    const BUTTONS: &[&str] = &[
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "linkedin",
        "email",
        "e",
        "mail",
        "telegram",
        "print",
        "imprimer",
        "partager",
        "share",
        "tweet",
        "messenger",
        "pinterest",
        "reddit",
        "copier",
        "copy",
        "le",
        "lien",
        "link",
        "envoyer",
        "send",
        "partagez",
        "sur",
        "on",
    ];
    let words: Vec<&str> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if !words.is_empty()
        && words.iter().all(|w| BUTTONS.contains(w))
        && words
            .iter()
            .any(|w| *w != "e" && *w != "x" && *w != "le" && *w != "sur" && *w != "on")
    {
        return true;
    }
    // The headline pasted again inside the body.
    !title.is_empty() && fold(title).trim() == f.trim()
}

/// "... Continue reading..." at the end of an RSS excerpt.
fn strip_trailing_furniture(line: &str) -> &str {
    for tail in [
        "Continue reading...",
        "Continue reading…",
        "Lire la suite...",
        "Lire la suite…",
    ] {
        if let Some(rest) = line.strip_suffix(tail) {
            if !rest.trim().is_empty() {
                return rest.trim_end();
            }
        }
    }
    line
}

const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
pub const MONTHS_FR: [&str; 12] = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

/// A month name in English or French (accents folded, `Sept` and
/// three-letter abbreviations too), 1-based.
pub fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    // Every month starts with one of these letters (`décembre`, `août` too).
    let first = word.chars().next()?;
    if !(3..=10).contains(&word.len()) || !"jfmasondJFMASOND".contains(first) {
        return None;
    }
    let w = fold(word);
    if w.len() < 3 {
        return None;
    }
    for (i, (en, fr)) in MONTHS_EN.iter().zip(MONTHS_FR.iter()).enumerate() {
        if *en == w
            || *fr == w
            || (w.len() >= 3 && (en.starts_with(&w) || fr.starts_with(&w)) && w.len() <= 4)
        {
            return Some(i as u32 + 1);
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

/// `April 11, 2024`, `11 avril 2024`, `11 April 2024`.
pub fn parse_date_words(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let day = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches(char::is_alphabetic);
        w.parse().ok().filter(|d| (1..=31).contains(d))
    };
    let year = |w: &str| -> Option<i32> {
        w.trim_end_matches('.')
            .parse()
            .ok()
            .filter(|y| (1900..=2100).contains(y))
    };
    match words.as_slice() {
        [m, d, y, ..] if month(m).is_some() => {
            NaiveDate::from_ymd_opt(year(y)?, month(m)?, day(d)?)
        }
        [d, m, y, ..] => NaiveDate::from_ymd_opt(year(y)?, month(m)?, day(d)?),
        _ => None,
    }
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

/// Escapes text so that Markdown shows it as it is: no raw HTML, no links
/// or images, no emphasis eating `*` or `_`, no accidental headings, lists
/// or quotes at a line start.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            _ => out.push(c),
        }
    }
    // Line-start constructs.
    let first = out.chars().next();
    match first {
        Some('#' | '+' | '-' | '=' | '!') => out.insert(0, '\\'),
        Some(c) if c.is_ascii_digit() => {
            let digits = out.chars().take_while(char::is_ascii_digit).count();
            if out[digits..].starts_with(['.', ')']) {
                out.insert(digits, '\\');
            }
        }
        _ => {}
    }
    out
}

/// The document's body as Markdown (the title goes to the front matter).
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let mut previous_item: Option<Option<u32>> = None;
    for block in &doc.blocks {
        let item = matches!(block, Block::Item(..));
        if !out.is_empty() {
            // List items stay together; everything else is its own block.
            let same_list = item
                && previous_item
                    .is_some_and(|p| p.is_some() == matches!(block, Block::Item(Some(_), _)));
            out.push_str(if same_list { "\n" } else { "\n\n" });
        }
        match block {
            Block::Paragraph(t) => out.push_str(&escape(t)),
            Block::Heading(level, t) => {
                out.push_str(&"#".repeat((*level).clamp(2, 6)));
                out.push(' ');
                out.push_str(&escape(t));
            }
            Block::Item(None, t) => {
                out.push_str("- ");
                out.push_str(&escape(t));
            }
            Block::Item(Some(n), t) => {
                out.push_str(&format!("{n}. "));
                out.push_str(&escape(t));
            }
            Block::Quote(t) => {
                out.push_str("> ");
                out.push_str(&escape(t));
            }
            Block::Tweet(t) => {
                if !t.text.is_empty() {
                    out.push_str("> ");
                    out.push_str(&escape(&t.text));
                    out.push_str("\n>\n");
                }
                out.push_str("> — ");
                out.push_str(&escape(&t.author));
                out.push_str(&format!(" ([@{h}](https://twitter.com/{h}))", h = t.handle));
                if let Some(date) = t.date {
                    let when = date.format("%B %-d, %Y").to_string();
                    match &t.link {
                        Some(link) => out.push_str(&format!(" [{when}]({})", link_safe(link))),
                        None => out.push_str(&format!(" {when}")),
                    }
                } else if let Some(link) = &t.link {
                    out.push_str(&format!(" [link]({})", link_safe(link)));
                }
            }
        }
        previous_item = if item {
            Some(matches!(block, Block::Item(Some(_), _)).then_some(0))
        } else {
            None
        };
    }
    out.push('\n');
    out
}

/// A link target made of safe characters only.
fn link_safe(link: &str) -> String {
    link.chars()
        .filter(|c| c.is_ascii_graphic() && !"()<>\"'\\`".contains(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let md = to_markdown(&doc);
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

    #[test]
    fn escape_neutralises_html_links_and_structure() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(
            escape("[clic](javascript:x) ![i](y)"),
            "\\[clic\\](javascript:x) !\\[i\\](y)"
        );
        assert_eq!(escape("# pas un titre"), "\\# pas un titre");
        assert_eq!(escape("1. pas une liste"), "1\\. pas une liste");
        assert_eq!(escape("- pas une liste"), "\\- pas une liste");
        assert_eq!(
            escape("AT&T &amp; *gras* _x_"),
            "AT\\&T \\&amp; \\*gras\\* \\_x\\_"
        );
    }

    #[test]
    fn lists_headings_and_quotes_are_kept() {
        let doc = parse("T\n\n## Contexte\n- un\n- deux\n> cité\n1. premier\n2. second\n");
        let md = to_markdown(&doc);
        assert_eq!(
            md,
            "## Contexte\n\n- un\n- deux\n\n> cité\n\n1. premier\n2. second\n"
        );
    }

    #[test]
    fn month_names_in_both_languages() {
        assert_eq!(month("Décembre"), Some(12));
        assert_eq!(month("aout"), Some(8));
        assert_eq!(month("Sept."), Some(9));
        assert_eq!(month("May"), Some(5));
        assert_eq!(month("mais"), None);
        assert_eq!(
            parse_date_words("1er août 2023"),
            NaiveDate::from_ymd_opt(2023, 8, 1)
        );
    }
}
