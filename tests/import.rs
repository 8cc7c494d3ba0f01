//! `import` end to end on temporary sites: files written, `--force`,
//! idempotence, dry runs, bad sources, and the written articles loaded
//! and built by the site's own pipeline.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sahel_brief::build::{build, BuildOptions};
use sahel_brief::import::{run, ImportOptions, ImportReport};
use sahel_brief::load::{load_site, LoadOptions};

mod import_site;
use import_site::{articles, site, write, SOURCE};

fn options(root: &Path, sources: Vec<PathBuf>) -> ImportOptions {
    ImportOptions {
        source_name: Some("Télé Sahel, via \"AFP\"".into()),
        ..ImportOptions::new(root, sources, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
    }
}

fn import(options: &ImportOptions) -> (ImportReport, String) {
    let mut out = Vec::new();
    let report = run(options, &mut out).unwrap();
    (report, String::from_utf8(out).unwrap())
}

#[test]
fn imports_a_pasted_article_that_the_site_loads() {
    let dir = site();
    let root = dir.path();
    let src = root.join("src.txt");
    write(&src, SOURCE);
    let (report, out) = import(&options(root, vec![src.clone()]));
    assert_eq!(
        report,
        ImportReport {
            imported: 1,
            unchanged: 0,
            skipped: 0,
            failed: 0
        },
        "{out}"
    );
    assert!(
        out.contains("-> content/articles/des-instructeurs-militaires-russes-arrivent-au-niger.md"),
        "{out}"
    );
    assert!(out.contains("countries: niger, russia"), "{out}");

    let site = load_site(root, LoadOptions::default()).unwrap();
    assert_eq!(site.articles.len(), 1);
    let a = &site.articles[0];
    assert_eq!(
        a.title,
        "Des instructeurs militaires russes arrivent au Niger"
    );
    // The date comes from the pasted tweet (no dateline), with a warning.
    assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 4, 11).unwrap());
    assert!(out.contains("taken from a pasted tweet"), "{out}");
    assert_eq!(a.lang.code(), "fr");
    assert_eq!(&a.countries[..2], ["niger", "russia"]);
    assert!(
        a.mentions.countries.contains(&"france".to_string()),
        "{:?}",
        a.mentions
    );
    assert!(
        a.actors.contains(&"tiani".to_string()) || a.mentions.actors.contains(&"tiani".to_string())
    );
    // Hashtags help detection but make no tags unless the site maps them.
    assert!(a.tags.is_empty(), "{:?}", a.tags);
    assert_eq!(a.source.as_ref().unwrap().name, "Télé Sahel, via \"AFP\"");
    // Noise left out, entities decoded, tweet quoted with its signature.
    assert!(!a.body.contains("Lire aussi"));
    assert!(a.body.contains("télévision d'État"));
    assert!(a.body.contains("> — LSI AFRICA ([@lsiafrica](https://twitter.com/lsiafrica)) [April 11, 2024](https://pic.twitter.com/abcDEF123)"), "{}", a.body);
}

#[test]
fn reimport_is_idempotent_and_never_overwrites_without_force() {
    let dir = site();
    let root = dir.path();
    let src = root.join("src.txt");
    write(&src, SOURCE);
    let opts = options(root, vec![src.clone()]);
    import(&opts);
    let path =
        root.join("content/articles/des-instructeurs-militaires-russes-arrivent-au-niger.md");
    let first = fs::read_to_string(&path).unwrap();

    let (report, out) = import(&opts);
    assert_eq!(report.unchanged, 1, "{out}");
    assert_eq!(fs::read_to_string(&path).unwrap(), first);

    // A hand edit survives a re-import without --force.
    let edited = first.replace("tags = [", "tags = [\"edited\", ");
    fs::write(&path, &edited).unwrap();
    let (report, out) = import(&opts);
    assert_eq!(report.skipped, 1, "{out}");
    assert!(out.contains("--force"), "{out}");
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);

    // --force replaces it.
    let mut forced = options(root, vec![src]);
    forced.force = true;
    let (report, _) = import(&forced);
    assert_eq!(report.imported, 1);
    assert_eq!(fs::read_to_string(&path).unwrap(), first);
    // No temporary file is left behind.
    assert_eq!(
        articles(root),
        ["des-instructeurs-militaires-russes-arrivent-au-niger.md"]
    );
}

#[test]
fn dry_run_prints_the_article_and_writes_nothing() {
    let dir = site();
    let root = dir.path();
    let src = root.join("src.txt");
    write(&src, SOURCE);
    let mut opts = options(root, vec![src]);
    opts.dry_run = true;
    let (report, out) = import(&opts);
    assert_eq!(report.imported, 1);
    assert!(
        out.contains("+++\ntitle = \"Des instructeurs militaires russes arrivent au Niger\""),
        "{out}"
    );
    assert!(out.contains("[mentions]"), "{out}");
    assert!(articles(root).is_empty());
}

#[test]
fn a_bad_source_does_not_stop_the_others() {
    let dir = site();
    let root = dir.path();
    let folder = root.join("inbox");
    write(&folder.join("a.txt"), SOURCE);
    write(&folder.join("b-empty.txt"), "  \n\n");
    fs::write(
        folder.join("c-latin1.txt"),
        b"Titre\n\nLe Niger \xe9tait l\xe0.\n",
    )
    .unwrap();
    write(&folder.join("d.md"), "+++\ntitle = \"Note sur le Mali\"\ndate = 2023-05-02\ntags = [\"note\"]\n+++\nLe Mali et Bamako. Le Mali encore. Le Mali toujours.\n");
    write(&folder.join("e.html"), "<html><head><title>x</title><script>alert(1)</script></head><body><article><h1>Wagner au Mali</h1><p>Le groupe Wagner est au Mali.</p><p>Wagner recrute. Le Mali paie.</p></article></body></html>");
    let missing = root.join("missing.txt");
    let (report, out) = import(&options(root, vec![folder, missing]));
    assert_eq!(report.imported, 3, "{out}");
    assert_eq!(report.failed, 3, "{out}");
    assert!(out.contains("b-empty.txt: the source is empty"), "{out}");
    assert!(out.contains("c-latin1.txt:3:10: not UTF-8 text"), "{out}");
    assert!(out.contains("missing.txt: cannot read"), "{out}");

    let site = load_site(root, LoadOptions::default()).unwrap();
    let md = site
        .articles
        .iter()
        .find(|a| a.slug == "note-sur-le-mali")
        .unwrap();
    // Existing front matter is kept, what is missing filled in.
    assert_eq!(md.date, NaiveDate::from_ymd_opt(2023, 5, 2).unwrap());
    assert_eq!(md.tags, ["note"]);
    assert_eq!(md.countries, ["mali"]);
    let html = site
        .articles
        .iter()
        .find(|a| a.slug == "wagner-au-mali")
        .unwrap();
    assert_eq!(html.actors, ["wagner"]);
    assert!(!html.body.contains("alert"), "{}", html.body);
}

#[test]
fn injected_html_stays_inert_in_the_built_site() {
    let dir = site();
    let root = dir.path();
    let src = root.join("evil.txt");
    write(
        &src,
        "Le Niger <script>alert('titre')</script>\n\n\
         Au Niger, <script>alert(1)</script> et <img src=x onerror=alert(2)> puis [clic](javascript:alert(3)).\n\
         # pas un titre &lt;b&gt;gras&lt;/b&gt; et \\ barre\n",
    );
    let (report, out) = import(&options(root, vec![src]));
    assert_eq!(report.imported, 1, "{out}");
    let out_dir = root.join("public");
    build(&BuildOptions {
        root: root.to_path_buf(),
        output: Some(out_dir.clone()),
        ..BuildOptions::default()
    })
    .unwrap();
    let page = walkdir::WalkDir::new(out_dir.join("articles"))
        .into_iter()
        .filter_map(|e| e.ok())
        .find(|e| {
            e.file_name() == "index.html" && e.path().parent().unwrap() != out_dir.join("articles")
        })
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .unwrap();
    assert!(!page.contains("<script>alert"), "raw script in the page");
    assert!(!page.contains("<img src=x"), "raw img in the page");
    assert!(
        !page.contains("href=\"javascript:"),
        "javascript link in the page"
    );
    assert!(!page.contains("<b>gras</b>"));
    // The text itself is still there, shown as text.
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"),
        "{page}"
    );
}

#[test]
fn misspelt_ids_in_a_markdown_source_are_dropped_with_a_warning() {
    let site = site();
    let source = site.path().join("inbox/note.md");
    write(
        &source,
        "+++\ntitle = \"Note sur le Mali\"\ndate = 2024-03-01\ncountries = [\" Mali\", \"nigr\"]\ncolour = \"red\"\n[[events]]\ndate = 2024-02-28\n+++\nLe Mali et le Niger.\n",
    );
    let (report, out) = import(&options(site.path(), vec![source]));
    assert_eq!(report.imported, 1, "{out}");
    assert!(
        out.contains("`colour` is not an article field; left out"),
        "{out}"
    );
    assert!(
        out.contains("`events` is not carried over by import"),
        "{out}"
    );
    assert!(out.contains("unknown country \"nigr\""), "{out}");
    assert!(out.contains("did you mean \"niger\"?"), "{out}");
    let text =
        fs::read_to_string(site.path().join("content/articles/note-sur-le-mali.md")).unwrap();
    assert!(text.contains("countries = [\"mali\"]"), "{text}");
    // What import writes, the build accepts.
    build(&BuildOptions {
        root: site.path().to_path_buf(),
        ..Default::default()
    })
    .unwrap();
}

/// Whatever the source, what `import` writes loads back as an article:
/// random mixes of hostile pieces in all three formats.
#[test]
fn every_converted_source_loads_back() {
    use sahel_brief::import::{convert_source, gazetteer::Gazetteer, Format, Hints};
    const PIECES: &[&str] = &[
        "+++\n",
        "title = ",
        "\"\"\"",
        "\"",
        "'''",
        "\n",
        "\r\n",
        "Niger ",
        "Mali. ",
        "+++",
        "slug = \"a\"\n",
        "date = 2024-01-01\n",
        "[source]\nname = ",
        "\u{1b}[2J",
        "\u{0}",
        "<p>",
        "</p>",
        "<a href='https://x'>",
        "<embed>",
        "# ",
        "— A (@a) May 1, 2024\n",
        "tags = [\"x\"]\n",
        "Document ABC20240101x\n",
        "-----\n",
        "12 avril\n",
        "&amp;",
        "#Sahel ",
    ];
    let dir = site();
    let profiles = sahel_brief::load::load_profiles(dir.path()).unwrap();
    let gazetteer = Gazetteer::new(&profiles);
    let hints = Hints::new(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
    let mut seed = 0x51_7cc1_b727_220a_u64;
    for round in 0..1200 {
        let mut source = String::new();
        for _ in 0..25 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            source.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
        }
        let format = [Format::Text, Format::Html, Format::Markdown][round % 3];
        let Ok(c) = convert_source(&source, format, &gazetteer, &profiles, &hints) else {
            continue;
        };
        let file = c.to_file();
        let path = PathBuf::from(format!("content/articles/{}.md", c.slug()));
        if let Err(problems) = sahel_brief::load::parse_article_text(&path, &file) {
            panic!(
                "{}\n--- source:\n{source:?}\n--- written:\n{file}",
                problems[0]
            );
        }
    }
}
