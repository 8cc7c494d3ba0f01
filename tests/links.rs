//! Links between the site's own pages, through the binary: links written
//! as content files are resolved in every output that carries the text
//! (pages and feeds alike), and paginated lists link their pages from the
//! term, whatever its slug holds.

mod common;
use common::*;

#[test]
fn feeds_carry_resolved_links_to_content_files() {
    let site = fixture(20);
    write(
        site.path(),
        "content/articles/linking.md",
        "+++\ntitle = \"Linking\"\ndate = 2030-01-01\ncountries = [\"niger\"]\n+++\n\
         See [the target](target.md#background), [Niger](../countries/niger.md) \
         and [about](../pages/about.md).\n",
    );
    write(
        site.path(),
        "content/articles/target.md",
        "+++\ntitle = \"Target\"\ndate = 2029-01-01\n+++\n## Background\n\nText.\n",
    );
    build_site(site.path());
    let page = read(site.path(), "articles/linking/index.html");
    let atom = read(site.path(), "atom.xml");
    let json = read(site.path(), "feed.json");
    for (name, text) in [("page", &page), ("atom", &atom), ("json", &json)] {
        assert!(!text.contains(".md"), "{name} keeps a source link: {text}");
    }
    assert!(
        page.contains("href=\"/articles/target/#background\""),
        "{page}"
    );
    assert!(page.contains("href=\"/countries/niger/\""), "{page}");
    assert!(page.contains("href=\"/about/\""), "{page}");
    // Escaped inside the feed's HTML content, as Atom carries it.
    assert!(atom.contains("/articles/target/#background"), "{atom}");
    assert!(json.contains("/articles/target/#background"), "{json}");
    let out = sahel_brief(site.path(), &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_tag_whose_slug_holds_page_paginates_and_passes_check() {
    let site = fixture(20);
    for n in 0..25 {
        article(
            site.path(),
            &format!("front-{n:02}"),
            &format!("Front {n}"),
            &format!("2024-02-{:02}", n + 1),
            &["niger"],
            &[],
            &["front-page"],
        );
    }
    build_site(site.path());
    let first = read(site.path(), "tags/front-page/index.html");
    let second = read(site.path(), "tags/front-page/page/2/index.html");
    assert!(
        first.contains("href=\"/tags/front-page/page/2/\""),
        "{first}"
    );
    assert!(second.contains("href=\"/tags/front-page/\""), "{second}");
    assert!(!second.contains("/tags/front-/"), "{second}");
    let out = sahel_brief(site.path(), &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The built-in `macros.html` with a `pagination` macro that prints every
/// numbered page link it is given.
fn macros_listing_pages() -> String {
    macros_with(
        "pagination",
        "p, root, t",
        "<p class=\"numbers\">{% for l in p.pages %}[{{ l.title }} {{ root }}{{ l.path }}]{% endfor %}</p>",
    )
}

/// The numbered links a page's pagination carries, as "title path".
fn numbers(page: &str) -> Vec<String> {
    let start = position(page, "<p class=\"numbers\">") + "<p class=\"numbers\">".len();
    let list = &page[start..start + page[start..].find("</p>").unwrap()];
    list.split(']')
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_start_matches('[').to_string())
        .collect()
}

#[test]
fn pagination_numbers_the_first_the_last_and_the_pages_near_this_one() {
    let site = fixture(2);
    for n in 0..24 {
        article(
            site.path(),
            &format!("many-{n:02}"),
            &format!("Many {n}"),
            &format!("2024-03-{:02}", n + 1),
            &["niger"],
            &[],
            &["many"],
        );
    }
    write(site.path(), "templates/macros.html", macros_listing_pages());
    build_site(site.path());
    // 24 articles, 2 a page: 12 pages.
    let url = |k: usize| match k {
        1 => "1 /tags/many/".to_string(),
        k => format!("{k} /tags/many/page/{k}/"),
    };
    let expect = |ks: &[usize]| ks.iter().map(|&k| url(k)).collect::<Vec<_>>();
    let page = |k: usize| match k {
        1 => read(site.path(), "tags/many/index.html"),
        k => read(site.path(), &format!("tags/many/page/{k}/index.html")),
    };
    assert_eq!(numbers(&page(1)), expect(&[1, 2, 3, 12]));
    assert_eq!(numbers(&page(4)), expect(&[1, 2, 3, 4, 5, 6, 12]));
    assert_eq!(numbers(&page(7)), expect(&[1, 5, 6, 7, 8, 9, 12]));
    assert_eq!(numbers(&page(12)), expect(&[1, 10, 11, 12]));
    // The list of every article pages the same way (28 articles, 14 pages).
    let all = read(site.path(), "articles/page/9/index.html");
    assert_eq!(
        numbers(&all),
        [
            "1 /articles/",
            "7 /articles/page/7/",
            "8 /articles/page/8/",
            "9 /articles/page/9/",
            "10 /articles/page/10/",
            "11 /articles/page/11/",
            "14 /articles/page/14/"
        ]
    );
}
