//! `[[relations]]` in actor profiles, through the real binary: each
//! schema error with its position, a relation read from both ends in both
//! languages, and the relations page's table and graph against the data.

mod common;
use common::{build_site as build, fixture, read, sahel_brief as run, write};

const AQIM: &str =
    "+++\nname = \"AQIM\"\nnames = { fr = \"AQMI\", en = \"AQIM\" }\nkind = \"armed-group\"\n+++\n";

/// The fixture with AQIM and a JNIM profile whose front matter ends
/// with `relations`.
fn site_with(relations: &str) -> tempfile::TempDir {
    let site = fixture(20);
    write(site.path(), "content/actors/aqim.md", AQIM);
    write(
        site.path(),
        "content/actors/jnim.md",
        format!("+++\nname = \"JNIM\"\nkind = \"armed-group\"\n{relations}+++\n"),
    );
    site
}

#[test]
fn each_schema_error_names_its_place_and_what_to_do() {
    let cases: &[(&str, &str)] = &[
        (
            "[[relations]]\ntype = \"affiliate-of\"\nactor = \"aqmi\"\n",
            "content/actors/jnim.md:6:10: unknown actor \"aqmi\" (did you mean \"aqim\"?)",
        ),
        (
            "[[relations]]\ntype = \"friend-of\"\nactor = \"aqim\"\n",
            "content/actors/jnim.md:5:8: unknown variant `friend-of`, expected one of `part-of`, `affiliate-of`",
        ),
        (
            "[[relations]]\ntype = \"rival-of\"\nactor = \"aqim\"\nfrom = 2020-01-01\nuntil = 2019-01-01\n",
            "content/actors/jnim.md:8:9: the relation ends (2019-01-01) before it starts (2020-01-01) (swap `from` and `until`",
        ),
        (
            "[[relations]]\ntype = \"rival-of\"\nactor = \"jnim\"\n",
            "content/actors/jnim.md:6:10: \"jnim\" is related to itself (name another actor in `actor`)",
        ),
        (
            "[[relations]]\ntype = \"rival-of\"\nactor = \"aqim\"\nfrom = 12:00:00\n",
            "content/actors/jnim.md:7:8: `12:00:00` is not a day (write a day like 2017-03-02",
        ),
        (
            "[[relations]]\ntype = \"rival-of\"\nactor = \"aqim\"\nsince = 2020-01-01\n",
            "content/actors/jnim.md:7:1: unknown field `since`",
        ),
        (
            "[[relations]]\nactor = \"aqim\"\n",
            "content/actors/jnim.md:4:1: missing field `type`",
        ),
    ];
    for (relations, expected) in cases {
        let site = site_with(relations);
        let out = run(site.path(), &["build"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{relations}\n{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            err.contains(expected),
            "{relations}\nexpected {expected}\ngot {err}"
        );
    }
}

const RELATIONS: &str = "[[relations]]\ntype = \"affiliate-of\"\nactor = \"aqim\"\nfrom = 2017-03-02\nsource = \"https://example.org/un-report\"\n[[relations]]\ntype = \"rival-of\"\nactor = \"wagner\"\n";

fn relation_site(language: &str) -> tempfile::TempDir {
    let site = site_with(RELATIONS);
    write(
        site.path(),
        "content/actors/tiani.md",
        "+++\nname = \"Abdourahamane Tiani\"\nkind = \"person\"\naffiliation = [\"niger\"]\n[[relations]]\ntype = \"leader-of\"\nactor = \"jnim\"\n+++\n",
    );
    write(
        site.path(),
        "site.toml",
        format!("title = \"Brief\"\nbase_url = \"https://example.org/brief/\"\nlanguage = \"{language}\"\n"),
    );
    build(site.path());
    site
}

#[test]
fn a_relation_reads_from_both_ends_in_both_languages() {
    let site = relation_site("en");
    let jnim = read(site.path(), "actors/jnim/index.html");
    assert!(
        jnim.contains("<li>affiliate of <a href=\"/brief/actors/aqim/\">AQIM</a> (2017–)</li>"),
        "{jnim}"
    );
    assert!(
        jnim.contains("<li>led by <a href=\"/brief/actors/tiani/\">Abdourahamane Tiani</a></li>")
    );
    let aqim = read(site.path(), "actors/aqim/index.html");
    assert!(
        aqim.contains("<li>has as affiliate <a href=\"/brief/actors/jnim/\">JNIM</a> (2017–)</li>"),
        "{aqim}"
    );
    // Symmetric relations read the same from the other side.
    let wagner = read(site.path(), "actors/wagner/index.html");
    assert!(wagner.contains("<li>rival of <a href=\"/brief/actors/jnim/\">JNIM</a></li>"));
    assert!(read(site.path(), "actors/tiani/index.html")
        .contains("<li>leader of <a href=\"/brief/actors/jnim/\">JNIM</a></li>"));
    // An actor with no relation shows no list.
    let page = read(site.path(), "actors/jnim/index.html");
    assert!(page.contains("relation-words"));
    assert!(!read(site.path(), "countries/niger/index.html").contains("relation-words"));

    let site = relation_site("fr");
    let aqim = read(site.path(), "actors/aqim/index.html");
    assert!(
        aqim.contains("<li>a pour affilié <a href=\"/brief/actors/jnim/\">JNIM</a> (2017–)</li>"),
        "{aqim}"
    );
    let jnim = read(site.path(), "actors/jnim/index.html");
    assert!(
        jnim.contains("<li>affilié à <a href=\"/brief/actors/aqim/\">AQMI</a> (2017–)</li>"),
        "{jnim}"
    );
    assert!(jnim.contains("<li>dirigé par <a href=\"/brief/actors/tiani/\">"));
}

/// The rows of the relations table as (subject, words, object, from,
/// source) text.
fn table_rows(html: &str) -> Vec<Vec<String>> {
    let doc = html.replace("<!DOCTYPE html>", "");
    let tbody = &doc[doc.find("<tbody>").unwrap()..doc.find("</tbody>").unwrap() + 8];
    let tree = roxmltree::Document::parse(tbody).unwrap();
    tree.root_element()
        .children()
        .filter(|n| n.has_tag_name("tr"))
        .map(|tr| {
            tr.children()
                .filter(|c| c.is_element())
                .map(|c| {
                    c.descendants()
                        .filter(|d| d.is_text())
                        .map(|d| d.text().unwrap())
                        .collect::<String>()
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_table_and_the_graph_show_exactly_the_data() {
    let site = relation_site("en");
    let page = read(site.path(), "relations/index.html");
    let rows = table_rows(&page);
    let expected: Vec<Vec<String>> = [
        ["Abdourahamane Tiani", "leader of", "JNIM", "", "", ""],
        [
            "JNIM",
            "affiliate of",
            "AQIM",
            "2 March 2017",
            "",
            "https://example.org/un-report",
        ],
        ["JNIM", "rival of", "Wagner Group", "", "", ""],
    ]
    .iter()
    .map(|r| r.iter().map(|s| s.to_string()).collect())
    .collect();
    assert_eq!(rows, expected);
    assert!(page.contains("<a href=\"https://example.org/un-report\" rel=\"noopener\">"));
    // One arrow per relation, one linked node per actor in a relation.
    // Three arrows in the graph and three samples in the legend.
    assert_eq!(page.matches("<line class=\"edge edge-").count(), 6);
    for id in ["jnim", "aqim", "wagner", "tiani"] {
        assert!(
            page.contains(&format!("<a href=\"/brief/actors/{id}/\"><circle")),
            "{id}"
        );
    }
    assert!(!page.contains("actors/mali/\"><circle"));
    assert_eq!(page.matches("<circle").count(), 4);
    assert!(read(site.path(), "actors/index.html").contains("<a href=\"/brief/relations/\">"));
    assert!(read(site.path(), "sitemap.xml").contains("https://example.org/brief/relations/"));
    let out = run(site.path(), &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
