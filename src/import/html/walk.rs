//! Walking an article's tree into blocks: inline text and links
//! collected, a block ended by each block element, furniture left out.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{ElementRef, Node};

use super::{one_line, selector};
use crate::import::text::{self, is_noise, parse_signature, Block, Document, Link, Tweet};

/// Elements left out with everything inside them.
pub(super) const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "form", "svg", "template", "button",
    "select", "textarea", "input", "iframe", "object", "embed", "head", "canvas", "video", "audio",
    "picture", "dialog", "menu",
];
/// Elements that end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "dd",
    "dt",
    "figcaption",
    "br",
    "hr",
    "table",
    "ul",
    "ol",
    "dl",
    "address",
    "header",
    "caption",
    "figure",
    "details",
    "summary",
];
/// Words in a class or id that mark page furniture (share buttons,
/// related links, adverts...).
const FURNITURE: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "comment",
    "advert",
    "breadcrumb",
    "cookie",
    "subscribe",
    "sidebar",
    "popup",
    "promo",
    "sponsor",
    "byline-share",
];

/// What the block being collected will be.
#[derive(Default, Clone, Copy)]
enum Pending {
    #[default]
    Paragraph,
    Heading(usize),
    Item(Option<u32>),
}

/// Walks the article's tree (iteratively: a deep page cannot overflow the
/// stack), collecting inline text and links into blocks.
#[derive(Default)]
pub(super) struct Walker {
    title: String,
    doc: Document,
    text: String,
    links: Vec<(usize, usize, String)>,
    pending: Pending,
    quote_depth: usize,
    /// One entry per open list: the next number of an `ol`, `None` for `ul`.
    lists: Vec<Option<u32>>,
    /// Open links: where their text starts, in which block, their target.
    open_links: Vec<(usize, usize, Option<String>)>,
    /// Blocks ended so far: a link whose block ended before the link did
    /// (`<a><p>..</p></a>`) keeps its text but not its target.
    flushes: usize,
    skip_headers: bool,
}

impl Walker {
    /// The blocks of `root`, under `title`.
    pub(super) fn read(root: ElementRef, title: String) -> Document {
        let mut walker = Walker {
            title,
            // Without an `article` or `main`, a `header` is the site's banner.
            skip_headers: matches!(root.value().name(), "body" | "html"),
            ..Walker::default()
        };
        walker.walk(root);
        walker.flush();
        let mut doc = walker.doc;
        doc.title = walker.title;
        doc
    }

    fn walk(&mut self, root: ElementRef) {
        let mut skipping: Option<NodeRef<Node>> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.push_text(t),
                        Node::Element(_) => {
                            let element = ElementRef::wrap(node).expect("an element");
                            if !self.open(element) {
                                skipping = Some(node);
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(skipped) = skipping {
                        if skipped == node {
                            skipping = None;
                        }
                        continue;
                    }
                    if let Some(element) = ElementRef::wrap(node) {
                        self.close(element);
                    }
                }
            }
        }
    }

    /// Starts an element; `false` leaves it out with its content.
    fn open(&mut self, e: ElementRef) -> bool {
        let name = e.value().name();
        if SKIP.contains(&name) || is_furniture(e) || (self.skip_headers && name == "header") {
            return false;
        }
        if name == "blockquote" && self.tweet(e) {
            return false;
        }
        if BLOCKS.contains(&name) {
            self.flush();
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.pending = Pending::Heading(usize::from(name.as_bytes()[1] - b'0'))
            }
            "ul" => self.lists.push(None),
            "ol" => self.lists.push(Some(
                e.attr("start").and_then(|s| s.parse().ok()).unwrap_or(1),
            )),
            "li" => {
                let number = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        Some(*n - 1)
                    }
                    _ => None,
                };
                self.pending = Pending::Item(number);
            }
            "blockquote" => self.quote_depth += 1,
            "a" => {
                let url = e.attr("href").map(str::trim).filter(|u| {
                    let lower = u.to_ascii_lowercase();
                    lower.starts_with("https://") || lower.starts_with("http://")
                });
                self.open_links
                    .push((self.text.len(), self.flushes, url.map(str::to_string)));
            }
            "td" | "th" => self.push_text(" "),
            _ => {}
        }
        true
    }

    fn close(&mut self, e: ElementRef) {
        let name = e.value().name();
        match name {
            "ul" | "ol" => {
                self.lists.pop();
            }
            "blockquote" => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            "a" => {
                if let Some((start, flushes, Some(url))) = self.open_links.pop() {
                    if flushes != self.flushes {
                        return;
                    }
                    let end = self.text.trim_end().len();
                    let start =
                        start + (self.text[start..].len() - self.text[start..].trim_start().len());
                    if start < end {
                        self.links.push((start, end, url));
                    }
                }
            }
            _ => {}
        }
        if BLOCKS.contains(&name) {
            self.flush();
        }
    }

    /// Inline text, white space collapsed as a browser shows it.
    fn push_text(&mut self, raw: &str) {
        let cleaned = text::clean(raw);
        for (i, word) in cleaned.split(char::is_whitespace).enumerate() {
            let space_before = i > 0 || cleaned.starts_with(char::is_whitespace);
            if space_before && !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            self.text.push_str(word);
        }
    }

    /// Ends the block being collected.
    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.flushes += 1;
        }
        let text = std::mem::take(&mut self.text);
        let links = std::mem::take(&mut self.links);
        let pending = std::mem::take(&mut self.pending);
        let lead = text.len() - text.trim_start().len();
        let line = text.trim();
        if line.is_empty() || (!self.title.is_empty() && is_noise(line, &self.title)) {
            if !line.is_empty() {
                self.doc.dropped.push(line.to_string());
            }
            return;
        }
        let block = self.doc.blocks.len();
        for (start, end, url) in links {
            let (start, end) = (
                start.saturating_sub(lead),
                end.saturating_sub(lead).min(line.len()),
            );
            if start < end && line.is_char_boundary(start) && line.is_char_boundary(end) {
                self.doc.links.push(Link {
                    block,
                    start,
                    end,
                    url,
                });
            }
        }
        let line = line.to_string();
        self.doc.blocks.push(match pending {
            Pending::Heading(level) => Block::Heading(level, line),
            Pending::Item(n) => Block::Item(n, line),
            Pending::Paragraph if self.quote_depth > 0 => Block::Quote(line),
            Pending::Paragraph => Block::Paragraph(line),
        });
    }

    /// An embedded tweet (`blockquote.twitter-tweet`): its own paragraphs
    /// are its text, the rest its signature. `false` if it is not one.
    fn tweet(&mut self, e: ElementRef) -> bool {
        if !e.value().classes().any(|c| c == "twitter-tweet") {
            return false;
        }
        let paragraphs: Vec<String> = e
            .select(&selector("p"))
            .map(|p| one_line(&p.text().collect::<String>()))
            .collect();
        let all = one_line(&e.text().collect::<String>());
        let mut signature = all.as_str();
        for p in &paragraphs {
            signature = signature
                .trim_start()
                .strip_prefix(p.as_str())
                .unwrap_or(signature);
        }
        let Some((author, handle, date)) = parse_signature(signature.trim()) else {
            return false;
        };
        let text = paragraphs.join(" ");
        self.flush();
        // A share button or "Lire aussi" dressed as a tweet is furniture.
        if text.is_empty() || is_noise(&text, "") {
            self.doc.dropped.push(all);
            return true;
        }
        let link = e
            .select(&selector("a[href]"))
            .filter_map(|a| a.attr("href"))
            .filter(|h| h.contains("/status/") && h.starts_with("https://"))
            .last()
            .map(str::to_string);
        self.doc.blocks.push(Block::Tweet(Tweet {
            text,
            author,
            handle,
            date,
            link,
        }));
        true
    }
}

/// A class, id or role that marks page furniture, or a hidden element.
pub(super) fn is_furniture(e: ElementRef) -> bool {
    let v = e.value();
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(
        v.attr("role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo" | "search")
    ) {
        return true;
    }
    let furniture = |word: &str| {
        let word = word.to_ascii_lowercase();
        word == "ad" || word == "ads" || FURNITURE.iter().any(|f| word.contains(f))
    };
    v.classes().any(furniture) || v.id().is_some_and(furniture)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::html::parse_page;

    fn blocks(html: &str) -> Vec<Block> {
        parse_page(html).doc.blocks
    }

    #[test]
    fn embeds_never_truncate_the_text() {
        let b = blocks(
            "<article><h1>T</h1><p>Avant.</p><embed src=\"x.swf\"><p>Milieu.</p>\
             <object data=\"y\"><p>repli</p></object><iframe src=\"z\"></iframe><p>Après.</p></article>",
        );
        assert_eq!(
            b,
            [
                Block::Paragraph("Avant.".into()),
                Block::Paragraph("Milieu.".into()),
                Block::Paragraph("Après.".into())
            ]
        );
    }

    #[test]
    fn quotes_and_tweets() {
        let b = blocks(
            "<article><h1>T</h1><p>Le paragraphe.</p><blockquote><p>Une citation.</p></blockquote>\
             <blockquote class=\"twitter-tweet\"><p lang=\"fr\">#Niger : du nouveau.</p>&mdash; LSI AFRICA (@lsiafrica) \
             <a href=\"https://twitter.com/lsiafrica/status/1\">April 11, 2024</a></blockquote>\
             <p>Suite.</p><blockquote class=\"twitter-tweet\"><p>Partager</p>&mdash; X (@x) April 12, 2024</blockquote></article>",
        );
        assert_eq!(b[0], Block::Paragraph("Le paragraphe.".into()));
        assert_eq!(b[1], Block::Quote("Une citation.".into()));
        let Block::Tweet(t) = &b[2] else {
            panic!("{b:?}")
        };
        assert_eq!(t.text, "#Niger : du nouveau.");
        assert_eq!(t.handle, "lsiafrica");
        assert_eq!(
            t.link.as_deref(),
            Some("https://twitter.com/lsiafrica/status/1")
        );
        assert_eq!(b[3], Block::Paragraph("Suite.".into()));
        assert_eq!(b.len(), 4, "a share widget is no tweet: {b:?}");
    }

    #[test]
    fn links_keep_http_targets_only() {
        let page = parse_page(
            "<article><h1>T</h1><p>Voir <a href=\"https://x.org/r\">le rapport</a> et \
             <a href=\"javascript:alert(1)\">ceci</a>.</p></article>",
        );
        assert_eq!(
            page.doc.blocks[0],
            Block::Paragraph("Voir le rapport et ceci.".into())
        );
        assert_eq!(page.doc.links.len(), 1);
        let l = &page.doc.links[0];
        assert_eq!(&"Voir le rapport et ceci."[l.start..l.end], "le rapport");
    }
}
