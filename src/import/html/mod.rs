//! `.html` sources through a real HTML parser (html5ever, by `scraper`):
//! the article's title, date and main text as a document of paragraphs,
//! headings, list items, quotes, embedded tweets and links ([`walk`]).
//! Navigation, asides, footers, share widgets, scripts, styles, forms,
//! embeds and comments are left out; entities are decoded by the parser.

mod walk;

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};

use super::text::{self, Document};
use walk::{is_furniture, Walker, SKIP};

/// An HTML page read as an article.
#[derive(Debug)]
pub struct Page {
    pub doc: Document,
    /// `article:published_time`, or the first `<time datetime>`.
    pub date: Option<NaiveDate>,
    /// The page's own address (`og:url`, `<link rel=canonical>`), if http(s).
    pub url: Option<String>,
    /// The outlet (`og:site_name`).
    pub site_name: Option<String>,
}

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
    let mut doc = Walker::read(root, title);
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

pub(super) fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

pub(super) fn one_line(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::Block;

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
}
