//! The search shards, as the real binary writes them: records, folded
//! words, gazetteer terms and mentions, determinism, portable builds.
mod common;
use common::*;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use sahel_brief::search::{shard_of, word_shard_count, DOCS_PER_SHARD};
use serde_json::Value;

fn run_build(root: &Path, extra: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_sahel-brief"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A shard's data: the script is `sahelSearch("w", n, DATA);`.
fn shard(root: &Path, kind: &str, n: usize) -> Value {
    let text = read(root, &format!("search/{kind}/{n}.js"));
    let prefix = format!("sahelSearch(\"{kind}\",{n},");
    let data = text
        .strip_prefix(&prefix)
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("not a {kind} shard: {text}"));
    serde_json::from_str(data).unwrap()
}

/// The search page's inline data.
fn meta(root: &Path) -> Value {
    let page = read(root, "search/index.html");
    let start = page.find("id=\"search-meta\">").unwrap() + "id=\"search-meta\">".len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).unwrap()
}

/// Where `key` is found: the URL of each document, with its class.
fn postings(root: &Path, key: &str) -> BTreeMap<String, u64> {
    let shards = meta(root)["shards"].as_u64().unwrap() as usize;
    let words = shard(root, "w", shard_of(key, shards));
    let mut out = BTreeMap::new();
    let mut doc = 0;
    for code in words[key].as_array().into_iter().flatten() {
        let code = code.as_u64().unwrap();
        doc += code / 5;
        let d = doc as usize;
        let record = &shard(root, "d", d / DOCS_PER_SHARD)[d % DOCS_PER_SHARD];
        out.insert(record[0].as_str().unwrap().to_string(), code % 5);
    }
    out
}

fn search_site() -> tempfile::TempDir {
    let site = fixture(20);
    let root = site.path();
    write(root, "content/actors/tiani.md", "+++\nname = \"Abdourahamane Tiani\"\nkind = \"person\"\naffiliation = [\"niger\"]\naliases = [\"Tiani\", \"Tchiani\", \"Général Tchiani\"]\n+++\nHead of the junta.\n");
    write(root, "content/articles/accents.md", "+++\ntitle = \"Les États-Unis et les Nigériens\"\ndate = 2024-02-02\nlang = \"fr\"\ncountries = [\"niger\"]\nactors = [\"tiani\"]\n+++\nLes soldats nigériens à Niamey.\n\nDes conseillers américains. Les armées. L’État islamique au Sahel recule.\n");
    write(root, "content/actors/isgs.md", "+++\nname = \"Islamic State Sahel Province\"\nkind = \"armed-group\"\naliases = [\"EIGS\", \"IS Sahel\", \"État islamique au Sahel\"]\n+++\n");
    write(root, "content/articles/untagged.md", "+++\ntitle = \"A speech\"\ndate = 2024-03-03\nlang = \"en\"\n[mentions]\nactors = [\"wagner\"]\n+++\nA speech in the Sahel.\n\nGeneral Tchiani spoke about weapons (armes).\n");
    site
}

#[test]
fn records_hold_titles_dates_countries_and_summaries() {
    let site = search_site();
    run_build(site.path(), &[]);
    let meta = meta(site.path());
    // Profiles first (6), then articles newest first.
    assert_eq!(meta["profiles"], 6);
    let records = shard(site.path(), "d", 0);
    assert_eq!(records.as_array().unwrap().len(), 12);
    assert_eq!(records[0][0], "countries/mali/");
    assert_eq!(records[1][0], "countries/niger/");
    assert_eq!(records[1][1], "Niger");
    assert_eq!(records[6][0], "articles/jnim-attack/");
    let accents = records
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0] == "articles/accents/")
        .unwrap();
    assert_eq!(accents[1], "Les États-Unis et les Nigériens");
    assert_eq!(accents[2], "2024-02-02");
    assert_eq!(accents[3], serde_json::json!(["niger"]));
    assert!(accents[4].as_str().unwrap().starts_with("Les soldats"));
    // The date filter's months: newest first, each with its first document.
    assert_eq!(meta["months"][0], serde_json::json!(["2024-09", 6]));
}

#[test]
fn words_are_folded_without_plural_marks_and_classed_by_field() {
    let site = search_site();
    run_build(site.path(), &[]);
    let root = site.path();
    // "Nigériens" in the title (3), "américains" in the body (1).
    assert_eq!(
        postings(root, "nigerien").get("articles/accents/"),
        Some(&3)
    );
    assert_eq!(
        postings(root, "americain").get("articles/accents/"),
        Some(&1)
    );
    // Armées and armes stay apart.
    assert!(postings(root, "armee").contains_key("articles/accents/"));
    assert!(!postings(root, "arme").contains_key("articles/accents/"));
    assert!(postings(root, "arme").contains_key("articles/untagged/"));
    assert!(postings(root, "armees").is_empty());
}

#[test]
fn aliases_and_mentions_lead_to_their_terms() {
    let site = search_site();
    run_build(site.path(), &[]);
    let root = site.path();
    let tiani = postings(root, "#actor:tiani");
    // The profile itself (4), articles about him (3), and one that names
    // him by an alias without being tagged (body, 1).
    assert_eq!(tiani.get("actors/tiani/"), Some(&4));
    assert_eq!(tiani.get("articles/accents/"), Some(&3));
    assert_eq!(tiani.get("articles/coup-in-niger/"), Some(&3));
    assert_eq!(tiani.get("articles/untagged/"), Some(&1));
    // A name of several words is found where all its words are; one whose
    // only long word is "Sahel" is not looked for.
    let isgs = postings(root, "#actor:isgs");
    assert_eq!(isgs.get("articles/accents/"), Some(&1));
    assert!(!isgs.contains_key("articles/untagged/"), "{isgs:?}");
    // A mention only: found, below the articles about Wagner.
    let wagner = postings(root, "#actor:wagner");
    assert_eq!(wagner.get("articles/untagged/"), Some(&0));
    assert_eq!(wagner.get("articles/wagner-in-mali/"), Some(&3));
    // The page maps every folded name and alias to the term.
    let meta = meta(root);
    let term = meta["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t[0] == "#actor:tiani")
        .unwrap();
    assert_eq!(term[1], "Abdourahamane Tiani");
    let aliases = &term[2];
    for alias in ["tchiani", "tiani", "general tchiani", "abdourahamane tiani"] {
        assert!(
            aliases.as_array().unwrap().iter().any(|a| a == alias),
            "{alias}: {aliases}"
        );
    }
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn shards_are_byte_identical_across_builds_and_grow_with_the_site() {
    let site = search_site();
    let root = site.path();
    for n in 0..60 {
        let day = n % 28 + 1;
        article(
            root,
            &format!("a{n}"),
            &format!("Report {n} on Niger"),
            &format!("2021-{:02}-{day:02}", n % 12 + 1),
            &["niger"],
            &[],
            &[],
        );
    }
    for out in ["one", "two"] {
        run_build(root, &["--output", root.join(out).to_str().unwrap()]);
    }
    let one = files(&root.join("one/search"));
    assert_eq!(one, files(&root.join("two/search")));
    // 6 profiles and 66 articles: 4 word shards, 5 record shards.
    assert_eq!(word_shard_count(72), 4);
    for n in 0..4 {
        assert!(one.contains_key(&format!("w/{n}.js")), "{:?}", one.keys());
    }
    assert!(one.contains_key("d/4.js") && !one.contains_key("d/5.js"));
    assert!(!one.contains_key("w/4.js"));
}

#[test]
fn portable_builds_load_shards_instead_of_inlining_the_index() {
    let site = search_site();
    run_build(site.path(), &["--portable"]);
    let page = read(site.path(), "search/index.html");
    assert!(page.contains("data-root=\"../\""), "{page}");
    assert!(page.contains("<script src=\"../static/search.js\" defer>"));
    // Term names are inline; article titles and words are not.
    assert!(page.contains("tchiani"));
    assert!(!page.contains("soldats") && !page.contains("Nigériens"));
    assert!(read(site.path(), "search/d/0.js").contains("Nigériens"));
}

/// Place profiles are documents after the actors; an article's `places`
/// are terms it is about, and a place's aliases find it in a text.
#[test]
fn places_are_searchable_by_their_names_and_aliases() {
    let site = search_site();
    let root = site.path();
    write(root, "content/places/menaka.md", "+++\nname = \"Ménaka\"\nnames = { fr = \"Ménaka\", en = \"Menaka\" }\naliases = [\"Menaka\"]\ncountry = \"mali\"\nkind = \"region\"\nlat = 15.9\nlon = 2.4\n+++\nA region of eastern Mali.\n");
    write(root, "content/articles/menaka-filed.md", "+++\ntitle = \"Convoy attacked\"\ndate = 2024-04-04\nlang = \"en\"\ncountries = [\"mali\"]\nplaces = [\"menaka\"]\n+++\nA convoy was attacked on the road.\n");
    write(root, "content/articles/menaka-named.md", "+++\ntitle = \"Displaced families\"\ndate = 2024-04-05\nlang = \"en\"\ncountries = [\"mali\"]\n+++\nFamilies fled towards Ménaka.\n");
    run_build(root, &[]);
    let meta = meta(root);
    assert_eq!(meta["profiles"], 7);
    let menaka = postings(root, "#place:menaka");
    assert_eq!(menaka.get("places/menaka/"), Some(&4));
    assert_eq!(menaka.get("articles/menaka-filed/"), Some(&3));
    // Named in its text (the first paragraph, its summary: 2).
    assert_eq!(menaka.get("articles/menaka-named/"), Some(&2));
    let term = meta["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t[0] == "#place:menaka")
        .unwrap();
    assert_eq!(term[1], "Menaka");
    assert!(term[2].as_array().unwrap().iter().any(|a| a == "menaka"));
    let page = read(root, "search/index.html");
    assert!(page.contains("<select id=\"fp\" name=\"place\">"));
}
