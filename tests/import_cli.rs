//! `sahel-brief import` through the real binary: HTML pages, files holding
//! several stories, batches with one slug, existing articles, hostile
//! sources that `check` must still accept, encodings and `--into`.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod import_site;
use import_site::{articles, site, write, SOURCE};

fn sahel(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sahel-brief"))
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn article(root: &Path, slug: &str) -> String {
    let path = root.join(format!("content/articles/{slug}.md"));
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `check` on the site passes.
fn assert_checks(root: &Path) {
    let out = sahel(root, &["check"]);
    assert_eq!(out.status.code(), Some(0), "check: {}", text(&out));
}

const PAGE: &str = r#"<!doctype html><html><head>
<title>Bamako : le départ des soldats | Journal du Sahel</title>
<meta property="og:title" content="Mali : les derniers soldats français quittent Bamako">
<meta property="article:published_time" content="2022-08-15T10:00:00+00:00">
<meta property="og:site_name" content="Journal du Sahel">
<link rel="canonical" href="https://example.org/mali/depart">
<style>p { color: red }</style><script>var x = "<p>script</p>";</script>
</head><body>
<header><nav><a href="/">Accueil</a> <a href="/mali">Mali</a></nav></header>
<main><article>
<h1>Mali : les derniers soldats français quittent Bamako</h1>
<p>Les derniers soldats français ont quitté le Mali lundi, a annoncé l&rsquo;état-major à Paris.</p>
<!-- <p>Un commentaire caché.</p> -->
<p>Le retrait met fin à neuf ans de présence&nbsp;militaire, selon <a href="https://example.org/communique">le communiqué</a>.</p>
<embed src="video.swf" type="application/x-shockwave-flash">
<p>La junte malienne avait exigé ce départ. Les relations entre Bamako et Paris restent tendues.</p>
<blockquote><p>Nous partons la tête haute, a déclaré un officier.</p></blockquote>
<h2>Les réactions</h2>
<ul><li>Paris salue le travail accompli.</li><li>Bamako dénonce des violations.</li></ul>
<p>Le ministre a répondu aux journalistes à Bamako.</p>
<blockquote class="twitter-tweet"><p lang="fr" dir="ltr">Partager</p>&mdash; Widget (@widget) <a href="https://twitter.com/widget/status/2">August 15, 2022</a></blockquote>
<blockquote class="twitter-tweet"><p lang="fr" dir="ltr">Le drapeau français a été descendu à Gao. #Mali</p>&mdash; Armée française (@EtatMajorFR) <a href="https://twitter.com/EtatMajorFR/status/1">August 15, 2022</a></blockquote>
<object data="carte.svg"><p>Carte indisponible</p></object>
<iframe src="https://example.org/video"></iframe>
<p>La France reste présente au Niger.</p>
<div class="social-share">Partager sur Facebook Twitter</div>
<form><input name="q"><button>Envoyer</button></form>
</article>
<aside><h3>À lire aussi</h3><p>Un autre article sur le Niger.</p></aside>
</main>
<footer><p>© 2022 Journal du Sahel. Tous droits réservés.</p></footer>
</body></html>"#;

#[test]
fn an_html_page_becomes_a_clean_article() {
    let dir = site();
    let root = dir.path();
    write(&root.join("page.html"), PAGE);
    let out = sahel(root, &["import", "page.html"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let a = article(root, "mali-les-derniers-soldats-francais-quittent-bamako");
    assert!(
        a.contains("title = \"Mali : les derniers soldats français quittent Bamako\""),
        "{a}"
    );
    assert!(a.contains("date = 2022-08-15"), "{a}");
    assert!(
        a.contains(
            "[[sources]]\nname = \"Journal du Sahel\"\nurl = \"https://example.org/mali/depart\"\npublished = 2022-08-15\nlanguage = \"fr\"\n"
        ),
        "{a}"
    );
    // Entities decoded; the text after <embed>, <object> and <iframe> kept.
    assert!(a.contains("l’état-major à Paris"), "{a}");
    assert!(a.contains("présence militaire"), "{a}");
    assert!(
        a.contains("La junte malienne avait exigé ce départ."),
        "{a}"
    );
    assert!(a.contains("\nLa France reste présente au Niger.\n"), "{a}");
    // Structure as Markdown.
    assert!(
        a.contains("[le communiqué](https://example.org/communique)"),
        "{a}"
    );
    assert!(a.contains("\n> Nous partons la tête haute"), "{a}");
    assert!(a.contains("\n## Les réactions\n"), "{a}");
    assert!(
        a.contains("\n- Paris salue le travail accompli.\n- Bamako dénonce"),
        "{a}"
    );
    // The share widget's "tweet" takes nothing; the real one is quoted
    // with its author.
    assert!(
        a.contains("\nLe ministre a répondu aux journalistes à Bamako.\n"),
        "{a}"
    );
    assert!(a.contains("> Le drapeau français a été descendu à Gao. #Mali\n>\n> — Armée française ([@EtatMajorFR](https://twitter.com/EtatMajorFR)) [August 15, 2022](https://twitter.com/EtatMajorFR/status/1)"), "{a}");
    // Furniture, scripts, styles, comments, forms and asides left out.
    for absent in [
        "Accueil",
        "script",
        "color",
        "commentaire",
        "Carte indisponible",
        "Facebook",
        "Envoyer",
        "autre article",
        "Tous droits",
        "Partager",
        "Widget",
    ] {
        assert!(!a.contains(absent), "{absent}: {a}");
    }
    assert_checks(root);
    // A source the user names wins over what the page says of itself.
    let out = sahel(
        root,
        &["import", "--force", "--source-name", "AFP", "page.html"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let a = article(root, "mali-les-derniers-soldats-francais-quittent-bamako");
    assert!(a.contains("[source]\nname = \"AFP\"\n"), "{a}");
    assert!(!a.contains("[[sources]]"), "{a}");
}

/// Three documents of a press-database export: a header with the word
/// count and date, a trailer with the document's id.
fn export() -> String {
    let body = "Les autorités ont annoncé de nouvelles mesures de sécurité dans la région, après plusieurs attaques contre des postes de l'armée le long de la frontière.";
    let mut text = String::new();
    for (i, (title, date, place)) in [
        (
            "Le Niger ferme sa frontière avec le Bénin",
            "3 août 2023",
            "Le Niger",
        ),
        (
            "Le Mali renforce la sécurité à Bamako",
            "4 août 2023",
            "Le Mali",
        ),
        (
            "La Russie promet une aide au Mali",
            "5 août 2023",
            "La Russie",
        ),
    ]
    .iter()
    .enumerate()
    {
        text.push_str(&format!(
            "{title}\nAgence Sahel Presse\n{} mots\n{date}\nFrançais\n© 2023 Agence Sahel Presse\n\n{place} : {body}\n\n{body}\n\nDocument ASP000020230{i}0{i}ej8300{i}xz\n\n\n",
            300 + 17 * i
        ));
    }
    text
}

#[test]
fn an_export_of_several_documents_becomes_several_articles() {
    let dir = site();
    let root = dir.path();
    write(&root.join("export.txt"), &export());
    let out = sahel(root, &["import", "export.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("3 imported"), "{}", text(&out));
    let niger = article(root, "le-niger-ferme-sa-frontiere-avec-le-benin");
    assert!(niger.contains("date = 2023-08-03"), "{niger}");
    assert!(niger.contains("countries = [\"niger\""), "{niger}");
    assert!(!niger.contains("Bamako"), "one story only: {niger}");
    assert!(!niger.contains("Document ASP"), "{niger}");
    assert!(!niger.contains("mots"), "{niger}");
    let mali = article(root, "le-mali-renforce-la-securite-a-bamako");
    assert!(mali.contains("date = 2023-08-04"), "{mali}");
    let russia = article(root, "la-russie-promet-une-aide-au-mali");
    assert!(russia.contains("date = 2023-08-05"), "{russia}");
    // The outlet the export prints above each document is its source.
    assert!(
        russia.contains("[[sources]]\nname = \"Agence Sahel Presse\"\npublished = 2023-08-05\nlanguage = \"fr\"\n"),
        "{russia}"
    );
    assert_checks(root);
}

#[test]
fn a_round_up_takes_the_year_from_the_source_date() {
    let dir = site();
    let root = dir.path();
    let para = "Les combats ont repris dans le nord du pays, selon plusieurs sources locales et sécuritaires jointes par téléphone, qui font état de nombreuses victimes.";
    write(
        &root.join("revue.txt"),
        &format!(
            "Le Mali face à la reprise des combats\nLundi 28 décembre\n\nAu Mali : {para}\n\n* * *\n\nLe Niger ferme sa frontière\nMardi 29 décembre\n\nAu Niger : {para}\n\n* * *\n\nLa Russie renforce sa présence\n2 janvier\n\nLa Russie : {para}\n"
        ),
    );
    let out = sahel(root, &["import", "revue.txt", "--date", "2024-01-03"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(article(root, "le-mali-face-a-la-reprise-des-combats").contains("date = 2023-12-28"));
    assert!(article(root, "le-niger-ferme-sa-frontiere").contains("date = 2023-12-29"));
    assert!(article(root, "la-russie-renforce-sa-presence").contains("date = 2024-01-02"));
}

#[test]
fn a_forced_batch_with_one_title_loses_nothing() {
    let dir = site();
    let root = dir.path();
    for (name, place) in [
        ("a.txt", "Niamey"),
        ("b.txt", "Bamako"),
        ("c.txt", "Moscou"),
    ] {
        write(
            &root.join(name),
            &format!("Nouvelles du jour\n\nLe 12 avril 2024, à {place}, rien de neuf.\n"),
        );
    }
    let out = sahel(root, &["import", "--force", "a.txt", "b.txt", "c.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(
        articles(root),
        [
            "nouvelles-du-jour-2.md",
            "nouvelles-du-jour-3.md",
            "nouvelles-du-jour.md"
        ]
    );
    assert!(article(root, "nouvelles-du-jour").contains("Niamey"));
    assert!(article(root, "nouvelles-du-jour-2").contains("Bamako"));
    assert!(article(root, "nouvelles-du-jour-3").contains("Moscou"));
    // The same batch again finds the same names: nothing changes.
    let out = sahel(root, &["import", "a.txt", "b.txt", "c.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("0 imported, 3 unchanged"),
        "{}",
        text(&out)
    );
    // One source given twice is one article.
    let out = sahel(root, &["import", "a.txt", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(articles(root).len(), 3);
    // Two `.md` sources asking for one `slug`: the second file's slug
    // follows its name, so the URLs differ too.
    for (name, place) in [("d.md", "Niamey"), ("e.md", "Bamako")] {
        write(
            &root.join(name),
            &format!("+++\ntitle = \"Note\"\nslug = \"note\"\n+++\nÀ {place}.\n"),
        );
    }
    let out = sahel(root, &["import", "d.md", "e.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(article(root, "note-2").contains("slug = \"note-2\""));
    assert_checks(root);
}

#[test]
fn a_source_skipped_because_its_article_exists_fails_unless_asked() {
    let dir = site();
    let root = dir.path();
    write(&root.join("src.txt"), SOURCE);
    assert_eq!(sahel(root, &["import", "src.txt"]).status.code(), Some(0));
    let slug = "des-instructeurs-militaires-russes-arrivent-au-niger";
    let path = root.join(format!("content/articles/{slug}.md"));
    let edited = article(root, slug).replace("tags = []", "tags = [\"edited\"]");
    fs::write(&path, &edited).unwrap();

    let out = sahel(root, &["import", "src.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("--skip-existing"), "{}", text(&out));
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);

    let out = sahel(root, &["import", "src.txt", "--skip-existing"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("1 skipped"), "{}", text(&out));
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn hostile_sources_still_make_articles_that_check_accepts() {
    let dir = site();
    let root = dir.path();
    let inbox = root.join("inbox");
    // Front-matter strings on several lines, one holding a `+++` line.
    write(
        &inbox.join("a.md"),
        "+++\ntitle = \"\"\"Le Niger\n+++\ndate = 2020-01-01\n\"\"\"\nsummary = \"\"\"Un\n+++\nrésumé\"\"\"\ntags = [\"a\\nb\", \"+++\", \"\"]\nslug = \"../../etc\"\n[source]\nname = \"\"\"AFP\n+++\n\"\"\"\nurl = \"https://x.org/\\n+++\"\n+++\nLe Niger et Niamey.\n\n+++\n\nSuite du texte.\n",
    );
    // A title of spaces only, a date without a day.
    write(
        &inbox.join("b.md"),
        "+++\ntitle = \"   \"\ndate = 08:00:00\n+++\nLe Mali et Bamako\n\nTexte sur le Mali.\n",
    );
    write(&inbox.join("c.txt"), "+++\n\n+++\nLe Mali\n");
    // A bad source whose name holds a terminal escape: reported, not run.
    write(
        &inbox.join("d\u{1b}[2J.md"),
        "+++\ntitle = \"\u{1b}]0;pwned\u{7}\n+++\n",
    );
    let name = "Il a dit \"oui\" ' \\ \n+++\n\u{1b}[2J\u{7}fin";
    let out = sahel(
        root,
        &[
            "import",
            "inbox",
            "--source-name",
            name,
            "--date",
            "2024-01-02",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("3 imported, 0 unchanged, 0 skipped, 1 failed"),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains('\u{1b}'), "terminal escapes echoed");
    assert_eq!(articles(root).len(), 3, "{}", text(&out));
    let a = article(root, "le-niger-date-2020-01-01");
    assert_eq!(
        a.matches("+++\n").count(),
        3,
        "two fences and the body's: {a}"
    );
    assert!(
        a.contains("title = \"Le Niger +++ date = 2020-01-01\""),
        "{a}"
    );
    assert_checks(root);
}

#[test]
fn hashtags_make_tags_only_when_the_site_maps_them() {
    let dir = site();
    let root = dir.path();
    write(&root.join("src.txt"), SOURCE);
    let out = sahel(root, &["import", "src.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let slug = "des-instructeurs-militaires-russes-arrivent-au-niger";
    assert!(
        article(root, slug).contains("tags = []"),
        "{}",
        article(root, slug)
    );
    let out = sahel(root, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!root.join("public/tags/niger").exists());

    let config = fs::read_to_string(root.join("site.toml")).unwrap();
    fs::write(
        root.join("site.toml"),
        format!("{config}[import]\nhashtag_tags = {{ AfricaCorps = \"Russian presence\" }}\n"),
    )
    .unwrap();
    let out = sahel(root, &["import", "src.txt", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(article(root, slug).contains("tags = [\"russian-presence\"]"));
    assert_checks(root);
}

#[test]
fn utf16_is_read_and_single_byte_encodings_are_named() {
    let dir = site();
    let root = dir.path();
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(SOURCE.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(root.join("utf16.txt"), utf16).unwrap();
    let out = sahel(root, &["import", "utf16.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("read as UTF-16LE"), "{}", text(&out));
    assert!(
        article(root, "des-instructeurs-militaires-russes-arrivent-au-niger")
            .contains("télévision d'État")
    );

    fs::write(
        root.join("cp1252.txt"),
        b"Titre\n\nL\x92arm\xe9e du Niger.\n",
    )
    .unwrap();
    let out = sahel(root, &["import", "cp1252.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("cp1252.txt:3:2: not UTF-8 text (likely Windows-1252)"),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains("iconv -f windows-1252"),
        "{}",
        text(&out)
    );
    fs::write(root.join("latin1.txt"), b"Titre\n\nL'arm\xe9e du Niger.\n").unwrap();
    let out = sahel(root, &["import", "latin1.txt"]);
    assert!(text(&out).contains("iconv -f iso-8859-1"), "{}", text(&out));
}

#[test]
fn into_is_taken_from_the_root_and_never_the_output_folder() {
    let dir = site();
    let root = dir.path();
    write(&root.join("src.txt"), SOURCE);
    let elsewhere = tempfile::tempdir().unwrap();
    let site_arg = root.to_str().unwrap();
    let src = root.join("src.txt");
    let src = src.to_str().unwrap();
    let out = sahel(
        elsewhere.path(),
        &[
            "--root",
            site_arg,
            "import",
            src,
            "--into",
            "content/articles",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(articles(root).len(), 1);
    assert!(!elsewhere.path().join("content").exists());

    for into in ["public", "public/articles", "content/../public/x"] {
        let out = sahel(root, &["import", "src.txt", "--into", into]);
        assert_eq!(out.status.code(), Some(2), "{into}: {}", text(&out));
        assert!(
            text(&out).contains("inside the output folder public/"),
            "{}",
            text(&out)
        );
    }
    assert!(!root.join("public").exists());
    // A site built elsewhere is recognised by the mark its build left.
    let out = sahel(root, &["build", "--output", "site-out"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = sahel(root, &["import", "src.txt", "--into", "site-out/articles"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("inside the output folder site-out/"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_pasted_tweet_whose_text_is_furniture_takes_no_paragraph() {
    let dir = site();
    let root = dir.path();
    write(
        &root.join("src.txt"),
        "Le Niger et la Russie\n\nLe 12 avril 2024, le Niger a reçu des instructeurs russes.\nLe paragraphe de l'article reste à sa place.\nPartager\n— Quelqu'un (@quelquun) April 12, 2024\nLa suite de l'article.\n",
    );
    let out = sahel(root, &["import", "src.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let a = article(root, "le-niger-et-la-russie");
    assert!(
        a.contains("\nLe paragraphe de l'article reste à sa place.\n\n> — Quelqu'un"),
        "{a}"
    );
}

#[test]
fn an_html_round_up_becomes_one_article_per_story() {
    let dir = site();
    let root = dir.path();
    let para = "<p>Les autorités ont annoncé de nouvelles mesures de sécurité dans la région, après plusieurs attaques contre des postes de l'armée le long de la frontière, selon des sources locales.</p>";
    let story = |title: &str, day: &str, place: &str| {
        format!(
            "<article><h2>{title}</h2><time datetime=\"2023-08-{day}\">{day} août</time><p>{place} est au cœur de la crise.</p>{para}{para}</article>"
        )
    };
    write(
        &root.join("revue.html"),
        &format!(
            "<html><head><title>La revue du jour | Journal</title></head><body><main><h1>La revue du jour</h1>{}{}</main>\
             <div><article><h3>À lire</h3><p>Un court résumé.</p></article></div></body></html>",
            story("Le Niger ferme ses frontières", "03", "Le Niger"),
            story("Le Mali rappelle son ambassadeur", "04", "Le Mali"),
        ),
    );
    let out = sahel(root, &["import", "revue.html"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("2 stories found"), "{}", text(&out));
    let niger = article(root, "le-niger-ferme-ses-frontieres");
    assert!(niger.contains("date = 2023-08-03"), "{niger}");
    assert!(!niger.contains("Mali"), "{niger}");
    let mali = article(root, "le-mali-rappelle-son-ambassadeur");
    assert!(mali.contains("date = 2023-08-04"), "{mali}");
    assert_eq!(articles(root).len(), 2);

    // One article beside short teasers stays one article.
    write(
        &root.join("page.html"),
        &PAGE.replace(
            "</main>",
            "</main><div><article><h3>Autre</h3><p>Court.</p></article></div>",
        ),
    );
    let out = sahel(root, &["import", "page.html"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!text(&out).contains("stories found"), "{}", text(&out));
    assert_checks(root);
}

/// A place profile in the fixture's own words.
fn place(root: &Path, id: &str, name: &str, country: &str, kind: &str) {
    write(
        &root.join(format!("content/places/{id}.md")),
        &format!(
            "+++\nname = \"{name}\"\nnames = {{ fr = \"{name}\", en = \"{name}\" }}\naliases = []\ncountry = \"{country}\"\nkind = \"{kind}\"\nlat = 14.2\nlon = 1.45\n+++\nA {kind}.\n"
        ),
    );
}

const ATTACK: &str = "Attaque contre un poste militaire près de Tillabéri\n\nNiamey, 14 juillet 2024 - Des hommes armés ont attaqué dimanche un poste de l'armée nigérienne dans la région de Tillabéri, a annoncé le ministère de la Défense du Niger.\n\nSelon le ministère, au moins 12 soldats ont été tués et 5 blessés.\n\nLes assaillants sont repartis vers la frontière. Les habitants attendent des renforts depuis plusieurs semaines.\n\nUne patrouille venue d'Ayorou est arrivée sur les lieux lundi.\n";

#[test]
fn places_are_detected_when_the_site_has_place_profiles() {
    let dir = site();
    let root = dir.path();
    write(&root.join("attack.txt"), ATTACK);
    // Without place profiles, nothing about places is written.
    let out = sahel(root, &["import", "--dry-run", "attack.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!text(&out).contains("places"), "{}", text(&out));

    place(root, "tillaberi", "Tillabéri", "niger", "region");
    place(root, "ayorou", "Ayorou", "niger", "town");
    place(root, "gao", "Gao", "mali", "town");
    let out = sahel(root, &["import", "attack.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let a = article(root, "attaque-contre-un-poste-militaire-pres-de-tillaberi");
    assert!(a.contains("\nplaces = [\"tillaberi\"]\n"), "{a}");
    // Named once: a passing mention, which `[mentions]` has no room for.
    assert!(!a.contains("\"ayorou\""), "{a}");
    assert!(!a.contains("gao"), "{a}");
    // The build knows places: what import wrote, check accepts.
    assert_checks(root);
}

#[test]
fn an_event_read_in_the_lead_is_suggested_in_comments_that_check_accepts() {
    let dir = site();
    let root = dir.path();
    write(&root.join("attack.txt"), ATTACK);
    let out = sahel(root, &["import", "attack.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let slug = "attaque-contre-un-poste-militaire-pres-de-tillaberi";
    let a = article(root, slug);
    let front = &a[..a[3..].find("+++\n").unwrap() + 3];
    for line in [
        "# [[events]]\n",
        // Sunday, the article being of Sunday 14 July 2024.
        "# date = 2024-07-14  # read in the lead\n",
        "# type = \"battles\"",
        "# place = \"?\"",
        "# fatalities_min = 12\n# fatalities_source",
        "# fatalities_source = \"le ministère\"",
        "# injured = 5\n",
    ] {
        assert!(front.contains(line), "{line:?} in\n{a}");
    }
    assert_checks(root);

    // A place named only after the lead is not the event's.
    place(root, "ayorou", "Ayorou", "niger", "town");
    let out = sahel(root, &["import", "--force", "attack.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let a = article(root, slug);
    assert!(a.contains("# place = \"?\""), "{a}");

    // With place profiles, the place is the one the lead names.
    place(root, "tillaberi", "Tillabéri", "niger", "region");
    let out = sahel(root, &["import", "--dry-run", "attack.txt"]);
    assert!(
        text(&out).contains("# place = \"tillaberi\""),
        "{}",
        text(&out)
    );
}

#[test]
fn a_feed_gives_one_article_per_item_sourced_by_its_link() {
    let dir = site();
    let root = dir.path();
    let para = "Les autorités nigériennes ont annoncé de nouvelles mesures de sécurité à Niamey, après plusieurs attaques contre des postes de l'armée.";
    write(
        &root.join("feed.rss"),
        &format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Le Courrier du Sahel</title><link>https://courrier.example/</link>\n\
             <item><title>Le Niger renforce sa sécurité</title><link>https://courrier.example/2024/niger</link><pubDate>Sun, 14 Jul 2024 08:00:00 +0000</pubDate><description>&lt;p&gt;{para}&lt;/p&gt;</description></item>\n\
             <item><title>Le Mali&nbsp;et le Niger</title><link>https://courrier.example/2024/mali</link><pubDate>Mon, 15 Jul 2024 08:00:00 +0000</pubDate><description>&lt;p&gt;Bamako et Niamey. {para}&lt;/p&gt;</description></item>\n\
             </channel></rss>\n"
        ),
    );
    let out = sahel(root, &["import", "feed.rss"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let a = article(root, "le-niger-renforce-sa-securite");
    assert!(a.contains("date = 2024-07-14"), "{a}");
    assert!(
        a.contains("[[sources]]\nname = \"Le Courrier du Sahel\"\nurl = \"https://courrier.example/2024/niger\"\npublished = 2024-07-14\nlanguage = \"fr\"\n"),
        "{a}"
    );
    let b = article(root, "le-mali-et-le-niger");
    assert!(
        b.contains("url = \"https://courrier.example/2024/mali\""),
        "{b}"
    );
    assert_checks(root);
    // A file that is not a feed is an error with its position.
    write(&root.join("broken.xml"), "<rss>\n<channel><item>");
    let out = sahel(root, &["import", "broken.xml"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("broken.xml:"), "{}", text(&out));
}

#[test]
fn who_acts_and_who_only_qualifies_decide_the_countries() {
    let dir = site();
    let root = dir.path();
    // Russia only says whose the mercenaries are: a mention.
    write(
        &root.join("short.txt"),
        "Russia's Wagner due in Mali next month\n\nThe Moscow-funded Wagner group is expected in Bamako soon, officials said.\n",
    );
    // France acts through its minister, named once with the office and
    // then by name and pronoun alone.
    write(
        &root.join("minister.txt"),
        "Niamey attend une délégation\n\nLes autorités nigériennes ont annoncé lundi une réunion à Niamey.\n\nLa réunion portera sur la sécurité des frontières et sur le commerce.\n\nLe ministre français des Affaires étrangères, Jean Exemple, a confirmé sa venue.\n\nLes délégués resteront deux jours.\n\nM. Exemple a promis une aide.\n\nIl a rappelé les accords passés.\n\nLa population suit la réunion de près.\n\nLes commerçants espèrent une reprise des échanges.\n\nLes autorités nigériennes ont salué cette visite.\n",
    );
    let out = sahel(root, &["import", "short.txt", "minister.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let short = article(root, "russia-s-wagner-due-in-mali-next-month");
    assert!(short.contains("\ncountries = [\"mali\"]\n"), "{short}");
    let mentions = &short[short.find("[mentions]").expect(&short)..];
    assert!(mentions.contains("russia"), "{short}");
    let minister = article(root, "niamey-attend-une-delegation");
    let countries = minister
        .lines()
        .find(|l| l.starts_with("countries = "))
        .expect(&minister);
    assert!(countries.contains("\"france\""), "{minister}");
    assert!(countries.contains("\"niger\""), "{minister}");
    assert_checks(root);
}

/// Detection once depended on hash order: the same sources gave other
/// orders of `countries` from one run to the next. Sources naming many
/// countries and officials of the site's profiles, imported twice by
/// separate processes, give the same bytes.
#[test]
fn the_same_sources_give_the_same_articles_every_run() {
    let places = [
        "Mali",
        "Niger",
        "Tchad",
        "Burkina Faso",
        "Russie",
        "Canada",
        "Qatar",
        "Libye",
        "Algérie",
        "Mauritanie",
        "Ghana",
        "Maroc",
    ];
    let people = [
        "Abdoulaye Maïga",
        "Choguel Kokalla Maïga",
        "Assimi Goïta",
        "le JNIM",
    ];
    let frames = [
        "{p} a reçu jeudi une délégation venue du {c}.",
        "Le gouvernement du {c} dit suivre de près la visite de {p}.",
        "Des diplomates du {c} et du {d} ont rencontré {p} à Bamako.",
        "Selon un communiqué, {p} a évoqué la coopération avec le {c}.",
    ];
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("sources");
    fs::create_dir_all(&sources).unwrap();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for i in 0..150 {
        let mut text = format!(
            "Dépêche {i} : {} et {}\n\n",
            places[next(12)],
            people[next(4)]
        );
        for _ in 0..(3 + next(5)) {
            let frame = frames[next(frames.len())];
            text.push_str(
                &frame
                    .replace("{p}", people[next(4)])
                    .replace("{c}", places[next(12)])
                    .replace("{d}", places[next(12)]),
            );
            text.push(if next(2) == 0 { ' ' } else { '\n' });
        }
        fs::write(sources.join(format!("{i:03}.txt")), text).unwrap();
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let runs: Vec<Vec<(String, String)>> = ["one", "two"]
        .iter()
        .map(|run| {
            let into = dir.path().join(run);
            let out = sahel(
                root,
                &[
                    "import",
                    "--into",
                    into.to_str().unwrap(),
                    sources.to_str().unwrap(),
                ],
            );
            assert_eq!(out.status.code(), Some(0), "{}", text(&out));
            let mut files: Vec<(String, String)> = fs::read_dir(&into)
                .unwrap()
                .map(|e| {
                    let e = e.unwrap();
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, fs::read_to_string(e.path()).unwrap())
                })
                .collect();
            files.sort();
            files
        })
        .collect();
    assert_eq!(runs[0].len(), 150);
    for (a, b) in runs[0].iter().zip(&runs[1]) {
        assert_eq!(a, b, "{} differs between runs", a.0);
    }
}
