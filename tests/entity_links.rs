//! Entity links in article bodies, through the real binary: the first
//! mention of each country and actor only, never inside links, code or
//! headings, with aliases and accents folded as import folds them, in
//! English and French articles; acronyms marked once; both switches.

mod common;
use common::{build_site as build, fixture, read, sahel_brief as run, write};

const ENGLISH: &str = "+++\ntitle = \"Tiani speaks\"\ndate = 2023-08-01\nlang = \"en\"\ncountries = [\"niger\"]\nactors = [\"tiani\"]\n[mentions]\nactors = [\"fama\"]\n+++\n\
## Tiani in Niger\n\n[General Tiani](https://example.org/tiani) spoke. General TCHIANI said Niger would stand; Tiani and NIGER again.\n\n`Niger` in code, and Nigeria is not Niger.\n";

const FRENCH: &str = "+++\ntitle = \"Les FAMa à Tessit\"\ndate = 2023-08-02\nlang = \"fr\"\ncountries = [\"mali\"]\nactors = [\"fama\", \"tiani\"]\n+++\n\
Les forces armees maliennes (FAMa) ont repris Tessit. Les FAMa tiennent le camp ; le général Tchiani salue les Forces armées maliennes.\n";

fn site() -> tempfile::TempDir {
    let site = fixture(20);
    write(
        site.path(),
        "content/actors/tiani.md",
        "+++\nname = \"Abdourahamane Tiani\"\nkind = \"person\"\naffiliation = [\"niger\"]\naliases = [\"Tiani\", \"Tchiani\", \"général Tiani\"]\n+++\n",
    );
    write(
        site.path(),
        "content/actors/fama.md",
        "+++\nname = \"FAMa\"\nkind = \"state\"\naffiliation = [\"mali\"]\naliases = [\"FAMa\", \"FAMA\", \"Forces armées maliennes\"]\n+++\n",
    );
    write(site.path(), "content/articles/tiani-speaks.md", ENGLISH);
    write(site.path(), "content/articles/fama.md", FRENCH);
    site
}

fn body(html: &str) -> &str {
    let start = html.find("<div class=\"prose\"").unwrap();
    &html[start..start + html[start..].find("</div>").unwrap()]
}

#[test]
fn first_mention_only_never_in_links_code_or_headings() {
    let site = site();
    build(site.path());
    let page = read(site.path(), "articles/tiani-speaks/index.html");
    let text = body(&page);
    assert!(
        text.contains("<h2 id=\"tiani-in-niger\">Tiani in Niger</h2>"),
        "{text}"
    );
    assert!(text.contains("<a href=\"https://example.org/tiani\">General Tiani</a> spoke."));
    // The alias "Tchiani" in capitals is the first mention outside the link.
    assert!(text.contains("General <a class=\"entity\" href=\"/actors/tiani/\">TCHIANI</a> said <a class=\"entity\" href=\"/countries/niger/\">Niger</a> would stand; Tiani and NIGER again."), "{text}");
    assert_eq!(text.matches("class=\"entity\"").count(), 2, "{text}");
    assert!(text.contains("<code>Niger</code> in code, and Nigeria is not Niger."));
    // Mentioned only in passing, absent from the text: nothing to link.
    assert!(!text.contains("/actors/fama/"));
}

#[test]
fn french_text_with_accents_aliases_and_acronyms() {
    let site = site();
    build(site.path());
    let page = read(site.path(), "articles/fama/index.html");
    let text = body(&page);
    assert!(text.contains("Les <a class=\"entity\" href=\"/actors/fama/\">forces armees maliennes</a> (<abbr title=\"Forces armées maliennes\">FAMa</abbr>) ont repris Tessit. Les FAMa tiennent"), "{text}");
    assert!(text.contains("le général <a class=\"entity\" href=\"/actors/tiani/\">Tchiani</a> salue les Forces armées maliennes."), "{text}");
    assert_eq!(text.matches("<abbr").count(), 1);
}

#[test]
fn links_can_be_turned_off_per_article_and_per_site() {
    let site = site();
    let root = site.path();
    write(
        root,
        "content/articles/fama.md",
        FRENCH.replace("lang = \"fr\"", "lang = \"fr\"\nentity_links = false"),
    );
    build(root);
    assert!(!body(&read(root, "articles/fama/index.html")).contains("class=\"entity\""));
    assert!(!body(&read(root, "articles/fama/index.html")).contains("<abbr"));
    assert!(body(&read(root, "articles/tiani-speaks/index.html")).contains("class=\"entity\""));

    write(
        root,
        "site.toml",
        "title = \"Brief\"\nbase_url = \"https://example.org/\"\nentity_links = false\n",
    );
    build(root);
    assert!(!body(&read(root, "articles/tiani-speaks/index.html")).contains("class=\"entity\""));

    write(
        root,
        "content/articles/fama.md",
        FRENCH.replace("lang = \"fr\"", "lang = \"fr\"\nentity_links = \"no\""),
    );
    let out = run(root, &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "content/articles/fama.md:5:16: invalid type: string \"no\", expected a boolean"
        ),
        "{err}"
    );
}

#[test]
fn links_follow_a_sub_path_and_pass_the_link_check() {
    let site = site();
    let root = site.path();
    write(
        root,
        "site.toml",
        "title = \"Brief\"\nbase_url = \"https://example.org/brief/\"\nlanguage = \"fr\"\n",
    );
    build(root);
    assert!(read(root, "articles/fama/index.html")
        .contains("<a class=\"entity\" href=\"/brief/actors/fama/\">"));
    let out = run(root, &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
