//! Reading the briefing as an analyst would: one language per page,
//! mentions on profiles, every URL level, print views, tags, glossary and
//! the sample content. Every site here is built by the real binary.

mod common;
use common::*;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sahel-brief"))
}

fn run(root: &Path, args: &[&str]) -> Output {
    let out = bin().arg("--root").arg(root).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The fixture site with `language`, a French article that mentions
/// actors and countries in passing, a tag profile and a translated
/// profile body, built by the binary.
fn site(language: &str, paginate_by: usize) -> tempfile::TempDir {
    let dir = fixture(paginate_by);
    let root = dir.path();
    write(
        root,
        "site.toml",
        format!("title = \"Test Brief\"\nbase_url = \"https://example.org/\"\nlanguage = \"{language}\"\npaginate_by = {paginate_by}\n"),
    );
    write(
        root,
        "content/articles/le-jnim-frappe-bamako.md",
        "+++\ntitle = \"Le JNIM frappe Bamako\"\ndate = 2024-09-18\nupdated = 2024-09-19\nlang = \"fr\"\ncountries = [\"mali\"]\nactors = [\"jnim\"]\ntags = [\"coup\", \"foreign-forces\"]\n[source]\nname = \"RFI\"\nurl = \"https://example.org/rfi\"\n[mentions]\ncountries = [\"niger\"]\nactors = [\"wagner\"]\n+++\nDes combattants ont attaqué l'école de gendarmerie.\n",
    );
    write(
        root,
        "content/actors/wagner.md",
        "+++\nname = \"Wagner Group\"\nnames = { fr = \"Groupe Wagner\", en = \"Wagner Group\" }\nkind = \"foreign-force\"\n+++\nWagner profile in English.\n\n<!-- lang: fr -->\n\nProfil de Wagner en français.\n",
    );
    write(
        root,
        "content/tags/coup.md",
        "+++\nnames = { fr = \"Coup d’État\", en = \"Military coup\" }\n+++\nSeizures of power.\n",
    );
    run(root, &["build"]);
    dir
}

/// Every HTML file of the built site, by path relative to `public/`.
fn html_files(root: &Path) -> Vec<(String, String)> {
    let public = root.join("public");
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = vec![public.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let rel = path.strip_prefix(&public).unwrap().display().to_string();
                files.push((rel, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// The text of every `<time>` element of a page.
fn times(html: &str) -> Vec<&str> {
    html.split("<time")
        .skip(1)
        .filter_map(|rest| {
            let start = rest.find('>')? + 1;
            let end = rest.find("</time>")?;
            Some(&rest[start..end])
        })
        .collect()
}

const MONTHS_EN: [&str; 3] = ["September", "July", "January"];
const MONTHS_FR: [&str; 3] = ["septembre", "juillet", "janvier"];
/// Interface text only one language's pages may show.
const ONLY_EN: [&str; 8] = [
    "Skip to content",
    "Updated",
    "min read",
    "Also mentioned in",
    "All articles",
    "Print the whole file",
    "Countries in the same articles",
    "Related articles",
];
const ONLY_FR: [&str; 8] = [
    "Aller au contenu",
    "Mis à jour le",
    "min de lecture",
    "Également cité dans",
    "Tous les articles",
    "Imprimer tout le dossier",
    "Pays des mêmes articles",
    "Articles liés",
];

#[test]
fn every_page_speaks_the_site_language_and_articles_keep_their_own() {
    for (language, months, foreign_months, foreign_text) in [
        ("en", MONTHS_EN, MONTHS_FR, ONLY_FR),
        ("fr", MONTHS_FR, MONTHS_EN, ONLY_EN),
    ] {
        let dir = site(language, 20);
        let files = html_files(dir.path());
        assert!(files.len() > 30, "{} pages", files.len());
        for (rel, html) in &files {
            assert!(
                html.contains(&format!("<html lang=\"{language}\">")),
                "{language}: {rel}"
            );
            for time in times(html) {
                assert!(
                    !foreign_months.iter().any(|m| time.contains(m)),
                    "{language}: {rel}: date \"{time}\""
                );
            }
            for text in foreign_text {
                assert!(!html.contains(text), "{language}: {rel}: \"{text}\"");
            }
        }
        let article = read(dir.path(), "articles/le-jnim-frappe-bamako/index.html");
        // Its date and update; then the related articles' dates.
        let dates: Vec<&str> = times(&article);
        assert_eq!(
            dates[..2],
            [
                format!("18 {} 2024", months[0]),
                format!("19 {} 2024", months[0])
            ],
            "{language}"
        );
        // The article's own text keeps its language.
        assert!(article.contains("<h1 lang=\"fr\">Le JNIM frappe Bamako</h1>"));
        assert!(article.contains("<div class=\"prose\" lang=\"fr\">"));
        // In lists too: the title is French, the date the site's.
        let home = read(dir.path(), "index.html");
        assert!(home.contains("lang=\"fr\"><a href=\"/articles/le-jnim-frappe-bamako/\""));
        assert!(times(&home).contains(&format!("18 {} 2024", months[0]).as_str()));
    }
}

#[test]
fn profiles_show_the_name_and_body_of_the_site_language() {
    let fr = site("fr", 20);
    let wagner = read(fr.path(), "actors/wagner/index.html");
    assert!(
        wagner.contains("<h1>Groupe Wagner</h1>"),
        "names keep their case"
    );
    assert!(wagner.contains("Profil de Wagner en français."));
    assert!(!wagner.contains("Wagner profile in English."));
    let article = read(fr.path(), "articles/jnim-attack/index.html");
    assert!(article.contains(">Groupe Wagner</a>"));
    let en = site("en", 20);
    let wagner = read(en.path(), "actors/wagner/index.html");
    assert!(wagner.contains("<h1>Wagner Group</h1>"));
    assert!(wagner.contains("Wagner profile in English."));
    assert!(!wagner.contains("Profil de Wagner"));
}

#[test]
fn mentions_reach_profile_pages_with_their_own_count() {
    for (language, heading, count) in [
        (
            "en",
            "Also mentioned in",
            "Mentioned in passing in 1 article<",
        ),
        (
            "fr",
            "Également cité dans",
            "Cité en passant dans 1 article<",
        ),
    ] {
        let dir = site(language, 20);
        let wagner = read(dir.path(), "actors/wagner/index.html");
        // Two articles are about Wagner; the French one only names it.
        let main = &wagner[..position(&wagner, "id=\"mentioned\"")];
        assert!(
            !main.contains("/articles/le-jnim-frappe-bamako/"),
            "{language}"
        );
        let mentioned = &wagner[position(&wagner, "id=\"mentioned\"")..];
        assert!(mentioned.contains(heading), "{language}");
        assert!(mentioned.contains(count), "{language}: {mentioned}");
        assert!(mentioned.contains("href=\"/articles/le-jnim-frappe-bamako/\""));
        assert!(
            wagner.contains(">2 articles<"),
            "{language}: the main count"
        );
        let niger = read(dir.path(), "countries/niger/index.html");
        let mentioned = &niger[position(&niger, "id=\"mentioned\"")..];
        assert!(mentioned.contains("href=\"/articles/le-jnim-frappe-bamako/\""));
        // A profile nobody mentions has no such list.
        let tiani = read(dir.path(), "actors/tiani/index.html");
        assert!(!tiani.contains("id=\"mentioned\""));
    }
}

#[test]
fn actor_pages_label_countries_for_what_they_are() {
    let dir = site("en", 20);
    let jnim = read(dir.path(), "actors/jnim/index.html");
    assert!(jnim.contains(">Countries in the same articles</h2>"));
    assert!(!jnim.contains("Where it appears"));
}

#[test]
fn monthly_briefing_lists_an_article_under_every_country_it_is_about() {
    let dir = site("en", 20);
    let month = read(dir.path(), "archive/2023/09/index.html");
    for country in ["niger", "mali"] {
        let start = position(&month, &format!("id=\"country-{country}\""));
        let section = &month[start..];
        let section = &section[..section.find("</section>").unwrap()];
        assert!(
            section.contains("href=\"/articles/niger-and-mali/\""),
            "{country}: {section}"
        );
        // The summary line links each section.
        assert!(month.contains(&format!("href=\"#country-{country}\"")));
    }
    // A country page's month links open its own section.
    let mali = read(dir.path(), "countries/mali/index.html");
    assert!(mali.contains("href=\"/archive/2023/09/#country-mali\""));
    let niger = read(dir.path(), "countries/niger/index.html");
    assert!(niger.contains("href=\"/archive/2023/09/#country-niger\""));
}

#[test]
fn every_level_of_the_url_hierarchy_has_a_page() {
    let dir = site("en", 2);
    let root = dir.path();
    // Five articles, two per page.
    let mut seen = Vec::new();
    for rel in [
        "articles/index.html",
        "articles/page/2/index.html",
        "articles/page/3/index.html",
    ] {
        let page = read(root, rel);
        assert!(page.contains("5 articles"), "{rel}");
        for slug in [
            "le-jnim-frappe-bamako",
            "jnim-attack",
            "niger-and-mali",
            "coup-in-niger",
            "wagner-in-mali",
        ] {
            if page.contains(&format!(
                "class=\"card-title\" lang=\"en\"><a href=\"/articles/{slug}/\""
            )) || page.contains(&format!(
                "class=\"card-title\" lang=\"fr\"><a href=\"/articles/{slug}/\""
            )) {
                seen.push(slug);
            }
        }
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "coup-in-niger",
            "jnim-attack",
            "le-jnim-frappe-bamako",
            "niger-and-mali",
            "wagner-in-mali"
        ]
    );
    let archive = read(root, "archive/index.html");
    for year in ["2024", "2023", "2022"] {
        assert!(
            archive.contains(&format!("href=\"/archive/{year}/\"")),
            "{year}"
        );
    }
    assert!(archive.contains("href=\"/archive/2023/09/\""));
    let year = read(root, "archive/2023/index.html");
    for month in ["09", "07"] {
        assert!(year.contains(&format!("href=\"/archive/2023/{month}/\"")));
    }
    assert!(year.contains("href=\"/articles/niger-and-mali/\""));
    assert!(year.contains("href=\"/articles/coup-in-niger/\""));
    assert!(!year.contains("href=\"/articles/jnim-attack/\""), "2024");
    assert!(year.contains("2 articles"));
    // Month pages lead back up to their year.
    let month = read(root, "archive/2023/09/index.html");
    assert!(month.contains("href=\"/archive/2023/\""));
}

#[test]
fn print_view_holds_a_whole_file_and_paged_pages_say_so() {
    for (language, note) in [
        ("en", "Articles 1–1 of 4."),
        ("fr", "Articles 1 à 1 sur 4."),
    ] {
        let dir = site(language, 1);
        let root = dir.path();
        let mali = read(root, "countries/mali/index.html");
        assert!(mali.contains(note), "{language}");
        assert!(mali.contains("href=\"/countries/mali/print/\""));
        let page2 = read(root, "countries/mali/page/2/index.html");
        assert!(page2.contains(&note.replace("1–1", "2–2").replace("1 à 1", "2 à 2")));
        let print = read(root, "countries/mali/print/index.html");
        for slug in [
            "le-jnim-frappe-bamako",
            "jnim-attack",
            "wagner-in-mali",
            "niger-and-mali",
        ] {
            assert!(print.contains(&format!("/articles/{slug}/")), "{slug}");
        }
        // Actors too, with the articles that only mention them.
        let wagner = read(root, "actors/wagner/print/index.html");
        for slug in ["jnim-attack", "wagner-in-mali", "le-jnim-frappe-bamako"] {
            assert!(wagner.contains(&format!("/articles/{slug}/")), "{slug}");
        }
        assert!(wagner.contains("id=\"mentioned\""));
    }
    // A file that fits on one page has no note.
    let dir = site("en", 20);
    let mali = read(dir.path(), "countries/mali/index.html");
    assert!(!mali.contains("class=\"paged-note\""));
}

#[test]
fn tags_have_display_names_feeds_and_a_place_in_the_navigation() {
    for (language, profiled, plain) in [
        ("en", "Military coup", "Foreign Forces"),
        ("fr", "Coup d’État", "Foreign Forces"),
    ] {
        let dir = site(language, 20);
        let root = dir.path();
        let article = read(root, "articles/le-jnim-frappe-bamako/index.html");
        assert!(article.contains(&format!(">#{profiled}</a>")), "{language}");
        assert!(article.contains(&format!(">#{plain}</a>")), "{language}");
        let tags = read(root, "tags/index.html");
        assert!(tags.contains(&format!(">{profiled}</a>")));
        let tag = read(root, "tags/coup/index.html");
        assert!(tag.contains(&format!("<h1>#{profiled}</h1>")));
        assert!(tag.contains("Seizures of power."));
        assert!(tag.contains("href=\"/tags/coup/atom.xml\""));
        let feed = read(root, "tags/coup/atom.xml");
        assert_eq!(feed.matches("<entry").count(), 3, "{feed}");
        assert!(feed.contains(&format!("#{profiled}</title>")));
        // The navigation of every page leads to the tags.
        let home = read(root, "index.html");
        let nav = &home[position(&home, "<nav")..position(&home, "</nav>")];
        assert!(nav.contains("href=\"/tags/\""));
    }
}

/// The repository's own briefing, built by the binary into a temporary
/// folder.
fn default_site() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    run(repo, &["build", "--output", public.to_str().unwrap()]);
    (out, public)
}

#[test]
fn default_site_glossary_links_acronyms_and_sample_content_covers_the_conflict() {
    let (_out, public) = default_site();
    let read = |rel: &str| fs::read_to_string(public.join(rel)).unwrap();
    let glossary = read("glossary/index.html");
    for (acronym, id) in [
        ("GSIM / JNIM", "jnim"),
        ("ISWAP", "iswap"),
        ("EIGS / ISGS / ISSP", "isgs"),
        ("FAMa", "fama"),
        ("CEDEAO / ECOWAS", "ecowas"),
    ] {
        assert!(
            glossary.contains(&format!("<a href=\"/actors/{id}/\">{acronym}</a>")),
            "{acronym}"
        );
    }
    // The table may use the page's width; the text keeps its measure.
    let css = read("static/style.css");
    assert!(css.contains(
        ".page-body > :not(.prose), .page-body .prose > :not(table) { max-width: var(--measure); }"
    ));
    assert!(css.contains(".page-body .prose > table { max-width: 100%; width: max-content; }"));

    // Attacks, displacement, rivalry and foreign forces all have articles,
    // and the armed groups their pages.
    for tag in [
        "jihadist-attack",
        "displacement",
        "armed-group-rivalry",
        "foreign-forces",
    ] {
        let page = read(&format!("tags/{tag}/index.html"));
        assert!(page.matches("class=\"card-title\"").count() >= 2, "{tag}");
    }
    for actor in ["isgs", "iswap", "jnim", "africa-corps", "fama"] {
        let page = read(&format!("actors/{actor}/index.html"));
        assert!(!page.contains("No articles yet."), "{actor}");
    }
    let niger = read("countries/niger/index.html");
    let seen = &niger[position(&niger, "id=\"seen\"")..];
    assert!(
        seen.contains("href=\"/actors/isgs/\""),
        "an armed group seen in Niger"
    );
    for year in ["2023", "2024", "2025"] {
        let page = read(&format!("archive/{year}/index.html"));
        assert!(
            page.contains("lang=\"fr\"") && page.contains("lang=\"en\""),
            "{year}"
        );
    }

    // The home page stays light as loaded: page, style sheet and icon.
    let loaded: u64 = ["index.html", "static/style.css", "static/favicon.svg"]
        .iter()
        .map(|f| fs::metadata(public.join(f)).unwrap().len())
        .sum();
    assert!(loaded <= 60 * 1024, "home page loads {loaded} bytes");
}

#[test]
fn an_empty_new_site_has_no_empty_sections_and_honest_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("brief");
    let out = bin().arg("init").arg(&root).output().unwrap();
    assert!(out.status.success());
    run(&root, &["build"]);
    let home = read(&root, "index.html");
    assert!(!home.contains("Most active actors"), "empty heading");
    assert!(home.contains("0 articles"));
    let feed = read(&root, "atom.xml");
    assert!(!feed.contains("<updated>2000"), "{feed}");
    let feed = read(&root, "countries/niger/atom.xml");
    assert!(!feed.contains("<updated>2000"));

    // `check` sums up the unused profiles in one line.
    let out = run(&root, &["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("used by no article"))
        .collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains("--verbose"));
    assert!(!stderr.contains("content/actors: "), "{stderr}");
    let out = run(&root, &["check", "--verbose"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/actors: "), "{stderr}");
    assert!(stderr.contains("jnim"));
}

#[test]
fn new_detects_a_french_title_and_writes_no_empty_source() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("brief");
    assert!(bin().arg("init").arg(&root).status().unwrap().success());
    run(&root, &["new", "Attaque de jihadistes près de Ménaka"]);
    let text =
        fs::read_to_string(root.join("content/articles/attaque-de-jihadistes-pres-de-menaka.md"))
            .unwrap();
    assert!(text.contains("lang = \"fr\""), "{text}");
    assert!(!text.contains("name = \"\""), "{text}");
    run(&root, &["new", "Attack on the army near Menaka"]);
    let text = fs::read_to_string(root.join("content/articles/attack-on-the-army-near-menaka.md"))
        .unwrap();
    assert!(text.contains("lang = \"en\""), "{text}");
    // The draft builds.
    run(&root, &["check", "--drafts"]);
}

#[test]
fn counts_follow_each_language_plural_rule() {
    let en = site("en", 20);
    let niger = read(en.path(), "countries/niger/index.html");
    assert!(niger.contains(">2 articles<"));
    let diplomacy = read(en.path(), "tags/diplomacy/index.html");
    assert!(diplomacy.contains("1 article<"));
    for (rel, html) in html_files(en.path()) {
        assert!(!html.contains(">1 articles"), "{rel}");
        assert!(!html.contains(" 1 articles"), "{rel}");
    }
    let fr = site("fr", 20);
    let diplomacy = read(fr.path(), "tags/diplomacy/index.html");
    assert!(diplomacy.contains("1 article<"));
    // French puts zero in the singular, on the map's legend too.
    let home = read(fr.path(), "index.html");
    assert!(home.contains("</svg>0 article</li>"), "{home}");
    let home = read(en.path(), "index.html");
    assert!(home.contains("</svg>0 articles</li>"));
}

#[test]
fn article_data_names_the_source_as_what_it_is_based_on() {
    let dir = site("en", 20);
    let article = read(dir.path(), "articles/le-jnim-frappe-bamako/index.html");
    let start = position(&article, "<script type=\"application/ld+json\">");
    let json = &article[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(data["author"]["name"], "Test Brief");
    assert_eq!(data["isBasedOn"]["publisher"]["name"], "RFI");
    assert_eq!(data["isBasedOn"]["url"], "https://example.org/rfi");
    assert_eq!(data["inLanguage"], "fr");
}

#[test]
fn theme_keeps_the_footer_down_labels_readable_and_dark_bands_apart() {
    let dir = site("en", 20);
    let css = read(dir.path(), "static/style.css");
    // The footer sits at the bottom of short pages.
    assert!(css.contains("display: flex; flex-direction: column; min-height: 100vh;"));
    assert!(css.contains("body > main { flex: 1 0 auto;"));
    // Phone map labels: the map is drawn at about 0.6 of its 600 units.
    let phone = &css[position(&css, "@media (max-width: 40em) { .map .map-labels")..];
    let size: f64 = phone[position(phone, "font-size: ") + 11..]
        .split("px")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(size * 0.6 >= 12.0, "labels at {} px on a phone", size * 0.6);
    // Dark mode: the "no articles" and "1-4" bands differ clearly in lightness.
    let dark = &css[position(&css, "/* No articles: cool grey")..];
    let colour = |class: &str| -> f64 {
        let needle = format!(".map .{class} {{ fill: #");
        let at = position(dark, &needle) + needle.len();
        let hex = &dark[at..at + 6];
        let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
        0.2126 * c(0) + 0.7152 * c(2) + 0.0722 * c(4)
    };
    assert!(
        colour("m1") - colour("m0") > 0.05,
        "{} {}",
        colour("m0"),
        colour("m1")
    );
}
