//! RSS and Atom files (`.xml`, `.rss`, `.atom`): each item or entry is a
//! story, its HTML content read like a page, its `<link>` and the feed's
//! title kept as the article's source.

use chrono::{DateTime, NaiveDate};
use roxmltree::{Document, Node, ParsingOptions};

use super::html::{self, Page};
use crate::error::Diagnostic;

/// The items of a feed as pages; an error with its line and column when
/// the file is not a feed.
pub fn parse_feed(source: &str, path: &std::path::Path) -> Result<Vec<Page>, Diagnostic> {
    let xml = numeric_entities(source);
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(&xml, options).map_err(|e| {
        let pos = e.pos();
        Diagnostic::new(path, format!("not a readable feed: {e}"))
            .at(pos.row as usize, pos.col as usize)
            .help("an RSS or Atom file must be well-formed XML")
    })?;
    let outlet = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("title")
                && n.parent_element()
                    .is_some_and(|p| p.has_tag_name("channel") || p.has_tag_name("feed"))
        })
        .map(text_of)
        .filter(|t| !t.is_empty());
    let items: Vec<Page> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item") || n.has_tag_name("entry"))
        .map(|item| page(item, outlet.clone()))
        .filter(|p| !p.doc.title.is_empty())
        .collect();
    if items.is_empty() {
        return Err(Diagnostic::new(path, "no item with a title in this feed")
            .help("an RSS feed holds <item> elements, an Atom feed <entry> elements, each with a <title>"));
    }
    Ok(items)
}

/// One item: its content read as HTML under its title.
fn page(item: Node, outlet: Option<String>) -> Page {
    let title = child(item, &["title"]).map(text_of).unwrap_or_default();
    let content = child(item, &["encoded", "content", "description", "summary"]);
    let html_body = content.map_or(String::new(), |c| {
        let text = text_of(c);
        if c.attribute("type") == Some("text") {
            html_escape::encode_text(&text).into_owned()
        } else {
            text
        }
    });
    let page_html = format!(
        "<html><body><article><h1>{}</h1>{html_body}</article></body></html>",
        html_escape::encode_text(&title)
    );
    let mut page = html::parse_page(&page_html);
    page.date = child(item, &["pubDate", "published", "updated", "date", "issued"])
        .and_then(|d| day(&text_of(d)));
    page.url = link(item).filter(|u| crate::sources::is_web_address(u));
    page.site_name = outlet;
    page
}

/// The first child element with one of these local names, in that order.
fn child<'a, 'i>(node: Node<'a, 'i>, names: &[&str]) -> Option<Node<'a, 'i>> {
    names.iter().find_map(|name| {
        node.children()
            .find(|c| c.is_element() && c.tag_name().name() == *name)
    })
}

/// RSS `<link>https://...</link>`, Atom `<link rel="alternate" href>`.
fn link(item: Node) -> Option<String> {
    let links = item
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "link");
    for l in links {
        if let Some(href) = l.attribute("href") {
            if l.attribute("rel").is_none_or(|r| r == "alternate") {
                return Some(href.trim().to_string());
            }
        } else {
            let text = text_of(l);
            if !text.is_empty() {
                return Some(text);
            }
        }
    }
    None
}

fn text_of(node: Node) -> String {
    let text: String = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    text.trim().to_string()
}

/// RFC 2822 (RSS), RFC 3339 (Atom) or a plain day.
fn day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    DateTime::parse_from_rfc2822(text)
        .or_else(|_| DateTime::parse_from_rfc3339(text))
        .map(|d| d.date_naive())
        .ok()
        .or_else(|| NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok())
}

/// HTML's named entities (`&nbsp;`, `&eacute;`), which feeds often hold
/// and XML does not define, as numeric references; XML's own five stay.
fn numeric_entities(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let name_len = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - 1);
        let name = &rest[1..1 + name_len];
        let closed = rest[1 + name_len..].starts_with(';');
        let xml_own = matches!(name, "lt" | "gt" | "amp" | "quot" | "apos");
        if closed && !name.is_empty() && !xml_own {
            let entity = &rest[..name_len + 2];
            let decoded = html_escape::decode_html_entities(entity);
            if decoded != entity {
                for c in decoded.chars() {
                    out.push_str(&format!("&#{};", c as u32));
                }
                rest = &rest[name_len + 2..];
                continue;
            }
        }
        out.push('&');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str = "Les autorités ont annoncé de nouvelles mesures de sécurité dans la région, après plusieurs attaques.";

    #[test]
    fn rss_items_become_pages_with_their_link_and_date() {
        let rss = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Le Courrier&nbsp;du Sahel</title><link>https://courrier.example/</link>\
             <item><title>Le Niger ferme sa frontière</title><link>https://courrier.example/niger</link><pubDate>Sun, 14 Jul 2024 08:00:00 +0000</pubDate><description>&lt;p&gt;{PARA}&lt;/p&gt;</description></item>\
             <item><title>Le Mali et l'&eacute;t&eacute;</title><link>javascript:alert(1)</link><pubDate>Mon, 15 Jul 2024 08:00:00 GMT</pubDate><content:encoded><![CDATA[<p>{PARA}</p><p>Suite.</p>]]></content:encoded></item>\
             </channel></rss>"
        );
        let pages = parse_feed(&rss, std::path::Path::new("f.xml")).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].doc.title, "Le Niger ferme sa frontière");
        assert_eq!(
            pages[0].url.as_deref(),
            Some("https://courrier.example/niger")
        );
        assert_eq!(
            pages[0].site_name.as_deref(),
            Some("Le Courrier\u{a0}du Sahel")
        );
        assert_eq!(pages[0].date, NaiveDate::from_ymd_opt(2024, 7, 14));
        assert!(pages[0].doc.blocks[0].text().starts_with("Les autorités"));
        assert_eq!(pages[1].doc.title, "Le Mali et l'été");
        // Only web addresses are kept.
        assert_eq!(pages[1].url, None);
        assert_eq!(pages[1].doc.blocks.len(), 2);
    }

    #[test]
    fn atom_entries_take_the_alternate_link() {
        let atom = format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Sahel Watch</title>\
             <entry><title type=\"text\">Attack in the north</title><link rel=\"self\" href=\"https://w.example/api/1\"/><link rel=\"alternate\" href=\"https://w.example/1\"/>\
             <published>2024-07-14T10:00:00Z</published><content type=\"html\">&lt;p&gt;{PARA}&lt;/p&gt;</content></entry></feed>"
        );
        let pages = parse_feed(&atom, std::path::Path::new("f.atom")).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].url.as_deref(), Some("https://w.example/1"));
        assert_eq!(pages[0].site_name.as_deref(), Some("Sahel Watch"));
        assert_eq!(pages[0].date, NaiveDate::from_ymd_opt(2024, 7, 14));
    }

    #[test]
    fn a_broken_feed_is_an_error_with_a_position() {
        let err = parse_feed("<rss>\n<channel><item>", std::path::Path::new("f.rss"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("f.rss:"), "{err}");
        assert!(err.contains("not a readable feed"), "{err}");
        let err = parse_feed(
            "<rss><channel></channel></rss>",
            std::path::Path::new("f.rss"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("no item"), "{err}");
    }
}
