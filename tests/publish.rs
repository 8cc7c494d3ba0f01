//! Publishing outputs: feeds, sitemap, meta data, sub-path and portable
//! builds, source-path links.

mod common;
use common::*;

use std::fs;
use std::path::Path;

use sahel_brief::build::build;

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn built(base_url: Option<&str>, portable: bool) -> tempfile::TempDir {
    let site = fixture(20);
    let mut opts = options(site.path());
    opts.base_url = base_url.map(str::to_string);
    opts.portable = portable;
    build(&opts).unwrap();
    site
}

#[test]
fn atom_feeds_are_valid_and_scoped() {
    let site = built(None, false);
    let text = read(site.path(), "atom.xml");
    let doc = roxmltree::Document::parse(&text).expect("site feed is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .map(|c| c.text().unwrap_or_default().to_string())
    };
    assert_eq!(child(feed, "id").unwrap(), "https://example.org/atom.xml");
    assert!(child(feed, "updated").unwrap().starts_with("2024-09-17"));
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    assert_eq!(entries.len(), 4);
    let first = entries[0];
    assert_eq!(child(first, "title").unwrap(), "JNIM attack");
    assert_eq!(
        child(first, "id").unwrap(),
        "https://example.org/articles/jnim-attack/"
    );
    assert!(child(first, "content").unwrap().contains(
        "<p>First paragraph of <a class=\"entity\" href=\"/actors/jnim/\">JNIM</a> attack.</p>"
    ));
    assert!(child(first, "summary").is_some());

    // A country feed holds only that country's articles.
    let niger = read(site.path(), "countries/niger/atom.xml");
    let doc = roxmltree::Document::parse(&niger).unwrap();
    let titles: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .map(|e| child(e, "title").unwrap())
        .collect();
    assert_eq!(titles, ["Niger and Mali sign a pact", "Coup in Niger"]);
    // Linked from the page it follows.
    assert!(read(site.path(), "countries/niger/index.html").contains("type=\"application/atom+xml\" title=\"Niger · Test Brief\" href=\"/countries/niger/atom.xml\""));
}

#[test]
fn json_feed_follows_version_1_1() {
    let site = built(None, false);
    let feed: serde_json::Value = serde_json::from_str(&read(site.path(), "feed.json")).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["feed_url"], "https://example.org/feed.json");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["url"], "https://example.org/articles/jnim-attack/");
    assert_eq!(items[0]["date_published"], "2024-09-17T00:00:00+00:00");
    assert!(items[0]["tags"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("wagner")));
}

#[test]
fn sitemap_lists_every_article_with_lastmod() {
    let site = built(None, false);
    let text = read(site.path(), "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "loc")))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://example.org/articles/coup-in-niger/"));
    assert!(locs.contains(&"https://example.org/countries/niger/"));
    let lastmods = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "lastmod")))
        .count();
    assert!(lastmods >= 5);
    assert!(read(site.path(), "robots.txt").contains("Sitemap: https://example.org/sitemap.xml"));
}

#[test]
fn article_pages_carry_meta_and_news_article_data() {
    let site = built(None, false);
    let html = read(site.path(), "articles/jnim-attack/index.html");
    assert!(html
        .contains("<link rel=\"canonical\" href=\"https://example.org/articles/jnim-attack/\">"));
    assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(html.contains("<meta property=\"og:title\" content=\"JNIM attack\">"));
    assert!(html.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    assert!(
        html.contains("<meta name=\"description\" content=\"First paragraph of JNIM attack.\">")
    );
    let start = position(&html, "<script type=\"application/ld+json\">")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(data["@type"], "NewsArticle");
    assert_eq!(data["headline"], "JNIM attack");
    assert_eq!(data["datePublished"], "2024-09-17T00:00:00+00:00");
    // The outlet is what the text is based on, not its author.
    assert_eq!(data["author"]["name"], "Test Brief");
    assert_eq!(data["isBasedOn"]["publisher"]["name"], "AFP");
    let about: Vec<&str> = data["about"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(about, ["Mali", "JNIM", "Wagner Group"]);
}

#[test]
fn sub_path_reaches_feeds_sitemap_pagination_and_search() {
    let site = fixture(1);
    let mut opts = options(site.path());
    opts.base_url = Some("https://org.github.io/brief/".into());
    build(&opts).unwrap();
    assert!(read(site.path(), "sitemap.xml")
        .contains("<loc>https://org.github.io/brief/articles/jnim-attack/</loc>"));
    assert!(read(site.path(), "feed.json").contains("https://org.github.io/brief/feed.json"));
    assert!(read(site.path(), "countries/mali/index.html")
        .contains("href=\"/brief/countries/mali/page/2/\""));
    assert!(read(site.path(), "search/index.html").contains("data-root=\"/brief/\""));
}

/// Every href and src of a page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            out.push(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    out
}

#[test]
fn portable_builds_link_relatively_to_files_that_exist() {
    let site = built(None, true);
    let public = site.path().join("public");
    for page in [
        "index.html",
        "articles/jnim-attack/index.html",
        "countries/mali/index.html",
        "search/index.html",
        "archive/2024/09/index.html",
    ] {
        let html = read(site.path(), page);
        let dir = Path::new(page).parent().unwrap();
        for link in links(&html) {
            if link.starts_with("http") || link.starts_with('#') {
                continue;
            }
            assert!(!link.starts_with('/'), "{page}: root-based link {link}");
            let file = link.split('#').next().unwrap();
            assert!(
                public.join(dir).join(file).is_file(),
                "{page}: {link} is not a file"
            );
        }
    }
    // Search loads its shards as scripts, relative to the page (see
    // tests/search.rs); nothing of the index is inlined.
    let search = read(site.path(), "search/index.html");
    assert!(search.contains("data-root=\"../\""));
    assert!(!search.contains("jnim-attack"));
}

#[test]
fn markdown_links_to_source_files_become_page_urls() {
    let site = fixture(20);
    write(
        site.path(),
        "content/articles/with-links.md",
        "+++\ntitle = \"With links\"\ndate = 2024-01-01\ncountries = [\"niger\"]\n+++\nSee [the attack](jnim-attack.md), [the pact](../articles/niger-and-mali.md#top), [Niger](../countries/niger.md) and [us](../pages/about.md).\n",
    );
    build(&options(site.path())).unwrap();
    let html = read(site.path(), "articles/with-links/index.html");
    assert!(html.contains("href=\"/articles/jnim-attack/\""), "{html}");
    assert!(html.contains("href=\"/articles/niger-and-mali/#top\""));
    assert!(html.contains("href=\"/countries/niger/\""));
    assert!(html.contains("href=\"/about/\""));
    assert!(
        !fs::read_to_string(site.path().join("public/articles/with-links/index.html"))
            .unwrap()
            .contains(".md\"")
    );
}
