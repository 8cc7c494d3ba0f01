//! `.html` sources through a real HTML parser (html5ever, by `scraper`):
//! the article's title, date and main text as a document of paragraphs,
//! headings, list items, quotes, embedded tweets and links. Navigation,
//! asides, footers, share widgets, scripts, styles, forms, embeds and
//! comments are left out; entities are decoded by the parser.

use chrono::NaiveDate;
use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

use super::text::{self, is_noise, parse_signature, Block, Document, Link, Tweet};

/// An HTML page read as an article.
pub struct Page {
    pub doc: Document,
    /// `article:published_time`, or the first `<time datetime>`.
    pub date: Option<NaiveDate>,
    /// The page's own address (`og:url`, `<link rel=canonical>`), if http(s).
    pub url: Option<String>,
    /// The outlet (`og:site_name`).
    pub site_name: Option<String>,
}

/// Elements left out with everything inside them.
const SKIP: &[&str] = &[
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

/// Reads a page: its title, date and main text.
pub fn parse_page(source: &str) -> Page {
    whole_page(&Html::parse_document(source))
}

/// Reads a page as one article, or as several when it holds several full
/// stories (a round-up: top-level `article`s, each with its own heading and
/// paragraphs; teasers of a few lines do not count).
pub fn parse_pages(source: &str) -> Vec<Page> {
    let page = Html::parse_document(source);
    let stories = stories(&page);
    if stories.len() < 2 {
        return vec![whole_page(&page)];
    }
    let (url, site_name) = (page_url(&page), page_site_name(&page));
    let heading = selector("h1, h2, h3");
    stories
        .into_iter()
        .map(|article| {
            let title = article
                .select(&heading)
                .map(|h| one_line(&h.text().collect::<String>()))
                .find(|t| !t.is_empty())
                .unwrap_or_default();
            Page {
                date: first_time(article).or_else(|| page_date(&page, article)),
                doc: read_article(article, title),
                url: url.clone(),
                site_name: site_name.clone(),
            }
        })
        .collect()
}

fn whole_page(page: &Html) -> Page {
    let root = main_element(page);
    Page {
        doc: read_article(root, page_title(page, root)),
        date: page_date(page, root),
        url: page_url(page),
        site_name: page_site_name(page),
    }
}

/// The full stories of a round-up page, if it is one.
fn stories(page: &Html) -> Vec<ElementRef<'_>> {
    const MIN_TEXT: usize = 400;
    let (heading, paragraph) = (selector("h1, h2, h3"), selector("p"));
    page.select(&selector("article"))
        .filter(|article| {
            !article.ancestors().filter_map(ElementRef::wrap).any(|a| {
                let name = a.value().name();
                name == "article" || SKIP.contains(&name) || is_furniture(a)
            }) && !is_furniture(*article)
                && article.select(&heading).next().is_some()
                && article
                    .select(&paragraph)
                    .flat_map(|p| p.text())
                    .map(str::len)
                    .sum::<usize>()
                    >= MIN_TEXT
        })
        .collect()
}

/// The article's text as a document titled `title` (or by its first block).
fn read_article(root: ElementRef, title: String) -> Document {
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
    if doc.title.is_empty() {
        // No title anywhere: the first block is the best there is.
        if let Some(i) = doc.blocks.iter().position(|b| !b.text().is_empty()) {
            doc.title = one_line(doc.blocks[i].text());
            doc.blocks.remove(i);
            doc.links.retain(|l| l.block != i);
            for l in &mut doc.links {
                l.block -= usize::from(l.block > i);
            }
        }
    }
    let mut tags = Vec::new();
    text::hashtags(&doc.title, &mut tags);
    for b in &doc.blocks {
        text::hashtags(b.text(), &mut tags);
    }
    doc.hashtags = tags;
    doc
}

/// The first `content` (or `href`) of the elements `css` selects.
fn meta(page: &Html, css: &str) -> Option<String> {
    page.select(&selector(css))
        .filter_map(|e| e.attr("content").or_else(|| e.attr("href")))
        .map(one_line)
        .find(|v| !v.is_empty())
}

/// The page's own address (`og:url`, canonical link), if http(s).
fn page_url(page: &Html) -> Option<String> {
    meta(page, r#"meta[property="og:url"], link[rel="canonical"]"#).filter(|u| {
        let lower = u.to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    })
}

fn page_site_name(page: &Html) -> Option<String> {
    meta(page, r#"meta[property="og:site_name"]"#)
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

fn one_line(text: &str) -> String {
    text::clean(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The article: the `article` with the most text, else `main`, else `body`.
fn main_element(page: &Html) -> ElementRef<'_> {
    let text_len = |e: &ElementRef| e.text().map(str::len).sum::<usize>();
    page.select(&selector("article"))
        .max_by_key(text_len)
        .or_else(|| page.select(&selector("main, [role=main]")).next())
        .or_else(|| page.select(&selector("body")).next())
        .unwrap_or_else(|| page.root_element())
}

/// `og:title`, else the article's (or the page's) first `h1`, else `<title>`.
fn page_title(page: &Html, root: ElementRef) -> String {
    let meta = page
        .select(&selector(
            r#"meta[property="og:title"], meta[name="og:title"]"#,
        ))
        .filter_map(|m| m.attr("content"))
        .map(one_line)
        .find(|t| !t.is_empty());
    let text = |e: ElementRef| one_line(&e.text().collect::<String>());
    meta.or_else(|| {
        root.select(&selector("h1"))
            .chain(page.select(&selector("h1")))
            .map(text)
            .find(|t| !t.is_empty())
    })
    .or_else(|| {
        // `Headline | Site name`: the longest part is the headline.
        let title = text(page.select(&selector("title")).next()?);
        let parts = [" – ", " — ", " - "]
            .iter()
            .fold(title, |t, dash| t.replace(dash, " | "))
            .split(" | ")
            .max_by_key(|part| part.len())
            .map(str::to_string);
        parts
    })
    .unwrap_or_default()
}

/// `article:published_time` (or a `date` meta), else the first `<time datetime>`.
fn page_date(page: &Html, root: ElementRef) -> Option<NaiveDate> {
    page.select(&selector(
        r#"meta[property="article:published_time"], meta[name="article:published_time"], meta[itemprop="datePublished"], meta[name="date"]"#,
    ))
    .filter_map(|m| m.attr("content"))
    .find_map(day_of)
    .or_else(|| first_time(root))
    .or_else(|| first_time(page.root_element()))
}

/// The first `<time datetime>` inside `root`, as a day.
fn first_time(root: ElementRef) -> Option<NaiveDate> {
    root.select(&selector("time[datetime]"))
        .filter_map(|t| t.attr("datetime"))
        .find_map(day_of)
}

/// The day of an ISO date or moment (`2024-04-12T08:00:00+00:00`).
fn day_of(datetime: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(datetime.trim().get(..10)?, "%Y-%m-%d").ok()
}

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
struct Walker {
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
fn is_furniture(e: ElementRef) -> bool {
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

    fn blocks(html: &str) -> Vec<Block> {
        parse_page(html).doc.blocks
    }

    #[test]
    fn title_paragraphs_and_lists_without_furniture() {
        let page = parse_page(
            "<html><head><title>Site | X</title><script>alert(1)</script></head><body>\
            <nav>Menu</nav><article><h1>Le <em>titre</em></h1><p>Un &amp; deux.</p>\
            <script>evil()</script><ul><li>a</li><li>b</li></ul><p>Fin<br>ligne</p>\
            <div class=\"share-buttons\">Partager Facebook</div><aside>Autre</aside></article>\
            <footer>© 2024</footer></body></html>",
        );
        assert_eq!(page.doc.title, "Le titre");
        assert_eq!(
            page.doc.blocks,
            [
                Block::Paragraph("Un & deux.".into()),
                Block::Item(None, "a".into()),
                Block::Item(None, "b".into()),
                Block::Paragraph("Fin".into()),
                Block::Paragraph("ligne".into()),
            ]
        );
    }

    #[test]
    fn og_title_and_published_time() {
        let page = parse_page(
            "<head><meta property=\"og:title\" content=\"Le vrai titre\">\
             <meta property=\"og:site_name\" content=\"Journal\"><link rel=\"canonical\" href=\"https://j.org/a\">\
             <meta property=\"article:published_time\" content=\"2024-04-12T08:00:00+00:00\"></head>\
             <body><h1>Autre</h1><p>Texte.</p></body>",
        );
        assert_eq!(page.doc.title, "Le vrai titre");
        assert_eq!(page.site_name.as_deref(), Some("Journal"));
        assert_eq!(page.url.as_deref(), Some("https://j.org/a"));
        assert_eq!(page.date, NaiveDate::from_ymd_opt(2024, 4, 12));
        let page = parse_page(
            "<article><h1>T</h1><time datetime=\"2023-07-26\">hier</time><p>x</p></article>",
        );
        assert_eq!(page.date, NaiveDate::from_ymd_opt(2023, 7, 26));
    }

    #[test]
    fn a_page_without_article_loses_its_banner() {
        let page = parse_page(
            "<body><header><p>Le Journal, toute l'actualité</p></header>\
             <h1>Le titre</h1><p>Le texte.</p><div id=\"sidebar\"><p>Pub</p></div></body>",
        );
        assert_eq!(page.doc.title, "Le titre");
        assert_eq!(page.doc.blocks, [Block::Paragraph("Le texte.".into())]);
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
    fn any_mix_of_tags_converts_without_panicking() {
        const PARTS: &[&str] = &[
            "<a href='https://x.org/é'>",
            "</a>",
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "é ",
            "mot ",
            "<blockquote class=twitter-tweet>",
            "</blockquote>",
            "<blockquote>",
            "<embed>",
            "<li>",
            "<ol start=x>",
            "</ol>",
            "&amp;",
            "<h2>",
            "</h2>",
            "<br>",
            "— A (@a) May 1, 2024",
            "<script>",
            "<!--",
            "-->",
            "<article>",
            "</article>",
            "\u{301}",
            "  \n ",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..1500 {
            let mut html = String::new();
            for _ in 0..40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                html.push_str(PARTS[(seed % PARTS.len() as u64) as usize]);
            }
            let page = parse_page(&html);
            let _ = crate::import::markdown_out::to_markdown(&page.doc);
        }
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
