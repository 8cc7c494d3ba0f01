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
