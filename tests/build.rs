//! Integration tests: fixture sites built in temp dirs, asserting on the
//! files and HTML produced and on the errors reported.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use sahel_brief::build::{build, BuildOptions};

mod common;
use common::*;

#[test]
fn builds_every_page_kind() {
    let site = fixture(20);
    let summary = build(&options(site.path())).unwrap();
    assert_eq!(summary.counts["articles"], 4);
    for rel in [
        "index.html",
        "articles/coup-in-niger/index.html",
        "countries/index.html",
        "countries/niger/index.html",
        "countries/niger/atom.xml",
        "actors/index.html",
        "actors/wagner/index.html",
        "actors/jnim/atom.xml",
        "tags/coup/index.html",
        "tags/index.html",
        "timeline/index.html",
        "archive/2023/07/index.html",
        "search/index.html",
        "search/w/0.js",
        "search/d/0.js",
        "about/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "static/style.css",
    ] {
        assert!(
            site.path().join("public").join(rel).is_file(),
            "missing {rel}"
        );
    }
}

#[test]
fn article_page_links_its_countries_actors_and_related_articles() {
    let site = fixture(20);
    build(&options(site.path())).unwrap();
    let html = read(site.path(), "articles/jnim-attack/index.html");
    assert!(html.contains(">JNIM attack</h1>"));
    assert!(html.contains("href=\"/countries/mali/\""));
    assert!(html.contains("href=\"/actors/jnim/\""));
    assert!(html.contains("href=\"/actors/wagner/\""));
    assert!(html.contains("17 September 2024"));
    // Related: shares Wagner.
    let related = &html[position(&html, "id=\"related\"")..];
    assert!(related.contains("href=\"/articles/wagner-in-mali/\""));
    assert!(
        !related.contains("href=\"/articles/coup-in-niger/\""),
        "shares no actor"
    );
}

#[test]
fn term_pages_list_their_articles_newest_first_with_co_occurring_terms() {
    let site = fixture(20);
    build(&options(site.path())).unwrap();
    let niger = read(site.path(), "countries/niger/index.html");
    assert!(niger.contains("Niger profile text."));
    let newer = position(&niger, "href=\"/articles/niger-and-mali/\"");
    let older = position(&niger, "href=\"/articles/coup-in-niger/\"");
    assert!(newer < older, "newest first");
    assert!(
        !niger.contains("href=\"/articles/jnim-attack/\""),
        "not a Niger article"
    );
    // Actors seen in Niger.
    assert!(niger.contains("href=\"/actors/tiani/\""));

    let wagner = read(site.path(), "actors/wagner/index.html");
    assert!(wagner.contains("href=\"/articles/jnim-attack/\""));
    assert!(wagner.contains("href=\"/articles/wagner-in-mali/\""));
    assert!(
        wagner.contains("href=\"/countries/mali/\""),
        "where Wagner appears"
    );
}

#[test]
fn actor_index_groups_by_kind() {
    let site = fixture(20);
    build(&options(site.path())).unwrap();
    let html = read(site.path(), "actors/index.html");
    let armed = position(&html, "Armed groups");
    let foreign = position(&html, "Foreign forces");
    let jnim = position(&html, "href=\"/actors/jnim/\"");
    let wagner = position(&html, "href=\"/actors/wagner/\"");
    assert!(
        armed < jnim && jnim < foreign && foreign < wagner,
        "each actor under its kind"
    );
}

#[test]
fn term_pages_paginate() {
    let site = fixture(1);
    build(&options(site.path())).unwrap();
    let first = read(site.path(), "countries/mali/index.html");
    assert!(first.contains("href=\"/articles/jnim-attack/\""));
    assert!(first.contains("href=\"/countries/mali/page/2/\""));
    let second = read(site.path(), "countries/mali/page/2/index.html");
    assert!(second.contains("href=\"/articles/niger-and-mali/\""));
    assert!(!second.contains("href=\"/articles/jnim-attack/\""));
    let third = read(site.path(), "countries/mali/page/3/index.html");
    assert!(third.contains("href=\"/articles/wagner-in-mali/\""));
    assert!(!site.path().join("public/countries/mali/page/4").exists());
}

#[test]
fn sub_path_base_url_prefixes_every_link() {
    let site = fixture(20);
    let mut opts = options(site.path());
    opts.base_url = Some("https://org.github.io/brief/".into());
    build(&opts).unwrap();
    let html = read(site.path(), "index.html");
    assert!(html.contains("href=\"/brief/static/style.css\""));
    assert!(html.contains("href=\"/brief/articles/jnim-attack/\""));
    assert!(
        !html.contains("href=\"/articles/"),
        "no link escapes the sub-path"
    );
    let feed = read(site.path(), "atom.xml");
    assert!(feed.contains("https://org.github.io/brief/articles/jnim-attack/"));
}

#[test]
fn untrusted_text_is_escaped_everywhere() {
    let site = fixture(20);
    write(
        site.path(),
        "content/articles/xss.md",
        "+++\ntitle = \"<script>alert(1)</script>\"\ndate = 2024-01-01\ncountries = [\"niger\"]\nsummary = \"<img src=x onerror=alert(2)>\"\ntags = [\"<b>bold</b>\"]\n[source]\nname = \"<i>AFP</i>\"\nurl = \"javascript:alert(3)\"\n+++\n<script>alert(4)</script>\n\n[x](javascript:alert(5))\n",
    );
    build(&options(site.path())).unwrap();
    for rel in [
        "articles/xss/index.html",
        "index.html",
        "countries/niger/index.html",
        "atom.xml",
        "search/d/0.js",
    ] {
        let text = read(site.path(), rel);
        assert!(!text.contains("<script>alert"), "{rel}");
        assert!(!text.contains("<img src=x"), "{rel}");
        assert!(!text.contains("<i>AFP"), "{rel}");
    }
    let html = read(site.path(), "articles/xss/index.html");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("href=\"javascript:"), "script links dropped");
}

#[test]
fn bad_front_matter_is_reported_and_previous_output_kept() {
    let site = fixture(20);
    build(&options(site.path())).unwrap();
    let before = read(site.path(), "index.html");
    write(
        site.path(),
        "content/articles/broken.md",
        "+++\ntitle = \"Broken\ndate = 2024-01-01\n+++\n",
    );
    let err = build(&options(site.path())).unwrap_err().to_string();
    assert!(err.contains("broken.md:2:"), "{err}");
    assert_eq!(
        read(site.path(), "index.html"),
        before,
        "previous public/ intact"
    );
    assert!(
        leftovers(site.path()).is_empty(),
        "{:?}",
        leftovers(site.path())
    );
}

#[test]
fn unknown_ids_and_fields_get_suggestions() {
    let site = fixture(20);
    write(
        site.path(),
        "content/articles/typo.md",
        "+++\ntitle = \"T\"\ndate = 2024-01-01\nactors = [\"wagnr\"]\n+++\n",
    );
    let err = build(&options(site.path())).unwrap_err().to_string();
    assert!(
        err.contains("typo.md:4:12: unknown actor \"wagnr\" (did you mean \"wagner\"?)"),
        "{err}"
    );
    write(
        site.path(),
        "content/articles/typo.md",
        "+++\ntitle = \"T\"\ndatee = 2024-01-01\n+++\n",
    );
    let err = build(&options(site.path())).unwrap_err().to_string();
    assert!(err.contains("typo.md:3:1: unknown field `datee`"), "{err}");
    assert!(err.contains("did you mean \"date\""), "{err}");
}

#[test]
fn drafts_and_embargoes_are_left_out_unless_asked() {
    let site = fixture(20);
    write(
        site.path(),
        "content/articles/draft.md",
        "+++\ntitle = \"Draft piece\"\ndate = 2024-01-01\ndraft = true\n+++\n",
    );
    write(site.path(), "content/articles/later.md", "+++\ntitle = \"Embargoed piece\"\ndate = 2024-01-01\npublish = 2999-01-01T00:00:00Z\ncountries = [\"niger\"]\n+++\n");
    build(&options(site.path())).unwrap();
    assert!(!site.path().join("public/articles/draft").exists());
    assert!(!site.path().join("public/articles/later").exists());
    assert!(!read(site.path(), "countries/niger/index.html").contains("Embargoed"));
    assert!(!read(site.path(), "search/d/0.js").contains("Embargoed"));
    assert!(!read(site.path(), "search/w/0.js").contains("embargoed"));
    let mut opts = options(site.path());
    opts.drafts = true;
    build(&opts).unwrap();
    assert!(site
        .path()
        .join("public/articles/draft/index.html")
        .exists());
    assert!(site
        .path()
        .join("public/articles/later/index.html")
        .exists());
}

#[test]
fn site_templates_override_the_built_in_ones() {
    let site = fixture(20);
    write(site.path(), "templates/page.html", "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ title }}</p>{% endblock content %}");
    build(&options(site.path())).unwrap();
    assert!(read(site.path(), "about/index.html").contains("<p class=\"custom\">About</p>"));
    // The other templates are still the built-in ones.
    assert!(read(site.path(), "index.html").contains("Latest articles"));
}

#[test]
fn lists_show_cards_from_the_sites_card_macro() {
    let site = fixture(20);
    let custom = macros_with_card(
        "<p class=\"my-card{% if compact %} small{% endif %}\">{{ a.title }} / {{ a.countries | length }}</p>",
    );
    write(site.path(), "templates/macros.html", custom);
    build(&options(site.path())).unwrap();
    let mali = read(site.path(), "countries/mali/index.html");
    for title in [
        "JNIM attack / 1",
        "Niger and Mali sign a pact / 2",
        "Wagner in Mali / 1",
    ] {
        assert!(
            mali.contains(&format!("<p class=\"my-card\">{title}</p>")),
            "{title}: {mali}"
        );
    }
    assert!(!mali.contains("class=\"card"), "{mali}");
    let tag = read(site.path(), "tags/coup/index.html");
    assert!(
        tag.contains("<p class=\"my-card\">Coup in Niger / 1</p>"),
        "{tag}"
    );
    // Related articles use the compact form of the same macro.
    let article = read(site.path(), "articles/niger-and-mali/index.html");
    assert!(
        article.contains("<p class=\"my-card small\">Coup in Niger / 1</p>"),
        "{article}"
    );
}

#[test]
fn a_broken_template_names_the_file() {
    let site = fixture(20);
    write(
        site.path(),
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ title }{% endblock content %}",
    );
    let err = build(&options(site.path())).unwrap_err().to_string();
    assert!(err.contains("templates/page.html"), "{err}");
}

#[test]
fn french_interface_and_dates() {
    let site = fixture(20);
    let toml = fs::read_to_string(site.path().join("site.toml"))
        .unwrap()
        .replace("language = \"en\"", "language = \"fr\"");
    write(site.path(), "site.toml", &toml);
    build(&options(site.path())).unwrap();
    let html = read(site.path(), "index.html");
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("Derniers articles"));
    assert!(html.contains("17 septembre 2024"));
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sahel-brief"))
}

#[test]
fn cli_exit_codes_and_output_folder_refusal() {
    let site = fixture(20);
    let out = bin()
        .args(["build", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("4 articles"));

    let out = bin()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .arg("--output")
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("building there would delete the site"));
    assert!(site.path().join("content/articles/jnim-attack.md").exists());

    write(site.path(), "content/articles/bad.md", "no front matter\n");
    let out = bin()
        .arg("check")
        .arg("--root")
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.md:1:1: no front matter"));

    let out = bin().args(["build", "--no-such-flag"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_reports_broken_links_in_articles() {
    let site = fixture(20);
    write(site.path(), "content/articles/links.md", "+++\ntitle = \"Links\"\ndate = 2024-01-01\ncountries = [\"niger\"]\n+++\nSee [ok](../jnim-attack/) and [broken](../no-such-article/).\n");
    let out = bin()
        .arg("check")
        .arg("--root")
        .arg(site.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no-such-article"), "{stderr}");
    assert!(!stderr.contains("jnim-attack"), "{stderr}");
}

#[test]
fn init_writes_a_site_that_builds_and_new_adds_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let root: PathBuf = dir.path().join("brief");
    let out = bin().arg("init").arg(&root).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(root.join("content/countries/niger.md").exists());
    // Places are part of the gazetteer too.
    assert!(root.join("content/places/tillaberi.md").exists());
    let out = bin()
        .args(["new", "Attaque près de Tillabéri", "--lang", "fr", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = root.join("content/articles/attaque-pres-de-tillaberi.md");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("title = \"Attaque près de Tillabéri\""));
    assert!(text.contains("draft = true"));
    assert!(text.contains("\nplaces = []\n"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("It is a draft"));
    // The commented source, once uncommented, is one `check` accepts.
    let source = "# [[sources]]\n# name = \"AFP\"\n# url = \"https://...\"\n";
    assert!(text.contains(source), "{text}");
    let filled = text.replace(
        source,
        "[[sources]]\nname = \"AFP\"\nurl = \"https://example.org/a\"\n",
    );
    let filled = filled.replace("# type = \"wire\"", "type = \"wire\"");
    fs::write(&path, &filled).unwrap();
    let checked = bin()
        .args(["check", "--drafts", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let summary = build(&BuildOptions {
        root: root.clone(),
        drafts: true,
        ..Default::default()
    })
    .unwrap();
    assert_eq!(summary.counts["articles"], 1);
    // A second `new` with the same title does not overwrite.
    let out = bin()
        .args(["new", "Attaque près de Tillabéri", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&path).unwrap(), filled);
    // init refuses a non-empty folder.
    let out = bin().arg("init").arg(&root).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
