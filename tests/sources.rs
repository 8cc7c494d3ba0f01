//! `[[sources]]`, the claim status and the sources index, through the
//! real binary: each schema error with its position, and what the pages
//! show in both languages.

mod common;
use common::{build_site as build, fixture, read, sahel_brief as run, write};

/// Writes an article whose front matter ends with `extra`, builds, and
/// returns the error output of a build that must fail.
fn failing(extra: &str) -> String {
    let site = fixture(20);
    write(
        site.path(),
        "content/articles/claim.md",
        format!(
            "+++\ntitle = \"Claim\"\ndate = 2024-09-17\nactors = [\"jnim\"]\n{extra}+++\nText.\n"
        ),
    );
    let out = run(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1), "{extra}");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn each_schema_error_names_its_place_and_what_to_do() {
    let cases: &[(&str, &str)] = &[
        (
            "[[sources]]\nname = \"RFI\"\nurl = \"javascript:alert(1)\"\n",
            "claim.md:7:8: url \"javascript:alert(1)\" is not an http(s) address (write the full address",
        ),
        (
            "[[sources]]\nname = \"RFI\"\narchived = \"web.archive.org/x\"\n",
            "claim.md:7:13: archived \"web.archive.org/x\" is not an http(s) address",
        ),
        (
            "[[sources]]\nname = \"RFI\"\nlanguage = \"French\"\n",
            "claim.md:7:13: language \"French\" is not a language code (write a code such as \"fr\"",
        ),
        (
            "[[sources]]\nname = \"RFI\"\ntype = \"blog\"\n",
            "claim.md:7:8: unknown variant `blog`, expected one of `wire`, `press`",
        ),
        (
            "[[sources]]\nname = \"RFI\"\npublished = 2024-09\n",
            "claim.md:7:13: invalid date, expected `-` (MM-DD) (write a day like 2024-04-12",
        ),
        (
            "[[sources]]\nname = \"RFI\"\nkind = \"press\"\n",
            "claim.md:7:1: unknown field `kind`",
        ),
        (
            "[[sources]]\nname = \" \"\n",
            "claim.md:6:8: the source's name is empty",
        ),
        (
            "status = \"claimed\"\nclaimed_by = \"jnimm\"\n",
            "claim.md:6:15: unknown actor \"jnimm\" (did you mean \"jnim\"?)",
        ),
        (
            "claimed_by = \"jnim\"\n",
            "claim.md:5:14: claimed_by without a status (add status = \"claimed\"",
        ),
        (
            "status = \"rumoured\"\n",
            "claim.md:5:10: unknown variant `rumoured`, expected one of `claimed`, `confirmed`, `disputed`",
        ),
    ];
    for (extra, expected) in cases {
        let err = failing(extra);
        assert!(
            err.contains(expected),
            "{extra}\nexpected {expected}\ngot {err}"
        );
    }
}

const SOURCED: &str = "+++\ntitle = \"JNIM strikes Bamako\"\ndate = 2024-09-17\nlang = \"fr\"\ncountries = [\"mali\"]\nactors = [\"jnim\"]\nstatus = \"claimed\"\nclaimed_by = \"jnim\"\n\
[[sources]]\nname = \"RFI\"\nurl = \"https://www.rfi.fr/\"\ntype = \"press\"\npublished = 2024-09-17\nlanguage = \"fr\"\narchived = \"https://web.archive.org/web/2024/https://www.rfi.fr/\"\n\
[[sources]]\nname = \"Az-Zallaqa\"\ntype = \"armed-group-claim\"\nlanguage = \"ar\"\n+++\nText.\n";

#[test]
fn article_shows_its_sources_and_claim_and_the_index_lists_every_outlet() {
    let site = fixture(20);
    let root = site.path();
    write(root, "content/articles/bamako.md", SOURCED);
    build(root);
    let page = read(root, "articles/bamako/index.html");
    assert!(
        page.contains("<p class=\"status status-claimed\"><strong>Claimed</strong> by <a href=\"/actors/jnim/\">JNIM</a></p>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"https://www.rfi.fr/\" rel=\"noopener\" hreflang=\"fr\">RFI</a>")
    );
    assert!(page.contains("<a class=\"source-type\" href=\"/sources/#outlet-rfi\">press</a>"));
    assert!(page.contains("<time datetime=\"2024-09-17\">17 September 2024</time>"));
    assert!(page.contains(">archived copy</a>"));
    assert!(page.contains("armed-group claim</a>"));

    let index = read(root, "sources/index.html");
    // The fixture's four articles cite AFP with the single `[source]`.
    assert!(index.contains("<a href=\"#outlet-afp\">AFP</a></th><td><span class=\"muted\">not given</span></td><td>4</td>"), "{index}");
    assert!(index.contains("<a href=\"#outlet-rfi\">RFI</a></th><td>press</td><td>1</td>"));
    assert!(index.contains(
        "<a href=\"#outlet-az-zallaqa\">Az-Zallaqa</a></th><td>armed-group claim</td><td>1</td>"
    ));
    let rfi = &index[index.find("id=\"outlet-rfi\"").unwrap()..];
    assert!(rfi.contains("<a href=\"/articles/bamako/\" lang=\"fr\">JNIM strikes Bamako</a>"));
    assert!(read(root, "index.html").contains("<a href=\"/sources/\">Sources</a>"));
    assert!(read(root, "sitemap.xml").contains("<loc>https://example.org/sources/</loc>"));
    // Every anchor the pages link to exists.
    let out = run(root, &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_outlet_has_a_feed_of_the_articles_citing_it() {
    let site = fixture(20);
    let root = site.path();
    write(root, "content/articles/bamako.md", SOURCED);
    build(root);
    let rfi = read(root, "sources/rfi/atom.xml");
    assert!(rfi.contains("<title>Test Brief · RFI</title>"), "{rfi}");
    assert!(
        rfi.contains("https://example.org/sources/#outlet-rfi"),
        "{rfi}"
    );
    assert_eq!(rfi.matches("<entry ").count(), 1, "{rfi}");
    assert!(rfi.contains("https://example.org/articles/bamako/"));
    // The fixture's four articles cite AFP; the Bamako one does not.
    let afp = read(root, "sources/afp/atom.xml");
    assert_eq!(afp.matches("<entry ").count(), 4, "{afp}");
    assert!(!afp.contains("/articles/bamako/"));
    let index = read(root, "sources/index.html");
    assert!(
        index.contains(
            "<a href=\"/sources/rfi/atom.xml\" type=\"application/atom+xml\">Atom feed</a>"
        ),
        "{index}"
    );
    // check parses every feed it finds.
    let out = run(root, &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn french_site_words_the_claim_and_the_types_in_french() {
    let site = fixture(20);
    let root = site.path();
    write(
        root,
        "site.toml",
        "title = \"Brief\"\nbase_url = \"https://example.org/\"\nlanguage = \"fr\"\n",
    );
    write(root, "content/articles/bamako.md", SOURCED);
    build(root);
    let page = read(root, "articles/bamako/index.html");
    assert!(
        page.contains("<strong>Revendiqué</strong> par <a href=\"/actors/jnim/\">JNIM</a>"),
        "{page}"
    );
    assert!(
        page.contains(">revendication d’un groupe armé</a>"),
        "{page}"
    );
    assert!(page.contains("17 septembre 2024"));
    let index = read(root, "sources/index.html");
    assert!(index.contains("<td>presse</td>"), "{index}");
}

#[test]
fn a_page_may_not_take_the_sources_address() {
    let site = fixture(20);
    write(
        site.path(),
        "content/pages/sources.md",
        "+++\ntitle = \"Sources\"\n+++\nx\n",
    );
    let out = run(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the page slug \"sources\" is taken"));
}

/// An outlet cited by many articles lists its newest ten on the index and
/// points to its feed for the others: a page of every article of a wire
/// service would weigh megabytes.
#[test]
fn the_index_lists_each_outlets_newest_articles_and_links_the_rest() {
    let site = fixture(20);
    let root = site.path();
    for k in 1..=12 {
        write(
            root,
            &format!("content/articles/wire-{k:02}.md"),
            format!("+++\ntitle = \"Wire story {k:02}\"\ndate = 2025-01-{k:02}\n[[sources]]\nname = \"Reuters\"\ntype = \"wire\"\n+++\nText.\n"),
        );
    }
    build(root);
    let index = read(root, "sources/index.html");
    let reuters = &index[index.find("id=\"outlet-reuters\"").unwrap()..];
    let reuters = &reuters[..reuters.find("</section>").unwrap()];
    assert_eq!(reuters.matches("<li>").count(), 10, "{reuters}");
    assert!(reuters.contains(">Wire story 12</a>"));
    assert!(!reuters.contains(">Wire story 02</a>"));
    assert!(
        reuters.contains("2 more in its <a href=\"/sources/reuters/atom.xml\""),
        "{reuters}"
    );
    assert!(index.contains("<td>12</td>"));
}
