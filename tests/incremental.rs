//! Incremental `build`, through the binary: after any sequence of edits,
//! the output written in place is byte for byte the output of a clean
//! build; nothing changed means nothing written; a content error and an
//! interrupted build leave the output as it was.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

mod common;
use common::*;

/// A small, seeded generator: the same seed gives the same edits.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every file under `dir`, by path relative to it.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn run(root: &Path, args: &[&str]) -> String {
    let out = sahel_brief(root, args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{args:?}: {}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// A clean build of the same sources into `clean/` beside `public/`.
fn clean_build(root: &Path) {
    let clean = root.join("clean");
    run(
        root,
        &["build", "--clean", "--output", clean.to_str().unwrap()],
    );
}

/// Fails with the first file that differs between the two outputs.
fn assert_same_tree(step: &str, incremental: &Path, clean: &Path) {
    let (a, b) = (tree(incremental), tree(clean));
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "after {step}: not the same files");
    for (rel, bytes) in &a {
        assert!(bytes == &b[rel], "after {step}: {rel} differs");
    }
}

/// Dates every file and folder of the site but the articles a minute
/// back: a build trusts the rest of the site to be unchanged only when no
/// file of it changed in the last two seconds, and a test does not wait.
fn settle(root: &Path) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let articles = root.join("content/articles");
    let mut stack: Vec<std::path::PathBuf> = ["site.toml", "content", "templates", "static"]
        .iter()
        .map(|top| root.join(top))
        .filter(|p| p.exists())
        .collect();
    while let Some(path) = stack.pop() {
        if path.starts_with(&articles) {
            continue;
        }
        if path.is_dir() {
            stack.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        }
        fs::File::open(&path).unwrap().set_modified(then).unwrap();
    }
}

/// From a build's summary line: how many files the site has and how many
/// were rendered.
fn file_counts(said: &str) -> (usize, usize) {
    let number = |part: &str| part.split(' ').next().unwrap().parse::<usize>().unwrap();
    let (_, rest) = said.split_once(" ms: ").unwrap();
    let (kinds, after) = rest.split_once("; ").expect(said);
    let files = kinds
        .split(", ")
        .filter(|p| !p.ends_with("static files"))
        .map(number)
        .sum();
    (files, number(after))
}

fn articles(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root.join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Applies one random edit of the kind `kind`; returns its name.
fn edit(root: &Path, rng: &mut Rng, step: usize) -> &'static str {
    let names = articles(root);
    let name = &names[rng.below(names.len())];
    let path = root.join("content/articles").join(name);
    let text = fs::read_to_string(&path).unwrap();
    let tags = ["coup", "attack", "front-page", "diplomacy", "new-tag"];
    let replace = |from: &str, to: String| fs::write(&path, text.replacen(from, &to, 1)).unwrap();
    let line = |key: &str| {
        let at = text.find(&format!("\n{key} = ")).unwrap() + 1;
        let end = at + text[at..].find('\n').unwrap();
        text[at..end].to_string()
    };
    match rng.below(12) {
        0 => {
            fs::write(
                &path,
                format!("{text}\nEdit {step}: see [a link](coup-in-niger.md).\n"),
            )
            .unwrap();
            "body"
        }
        1 => {
            replace(&line("title"), format!("title = \"Title {step}\""));
            "title"
        }
        2 => {
            let date = format!(
                "date = 20{:02}-0{}-1{}",
                20 + rng.below(6),
                1 + rng.below(9),
                rng.below(9)
            );
            replace(&line("date"), date);
            "date"
        }
        3 => {
            let tag = tags[rng.below(tags.len())];
            replace(&line("tags"), format!("tags = [\"{tag}\"]"));
            "tags"
        }
        4 => {
            let profile = format!(
                "+++\nname = \"Niger\"\niso = \"NE\"\nregion = \"sahel\"\n+++\nProfile {step}.\n"
            );
            write(root, "content/countries/niger.md", profile);
            "profile"
        }
        5 => {
            let base = sahel_brief::theme::TEMPLATES
                .get_file("article.html")
                .unwrap();
            let text = base.contents_utf8().unwrap();
            write(
                root,
                "templates/article.html",
                format!("{text}\n<!-- {step} -->\n"),
            );
            "template"
        }
        6 if names.len() > 2 => {
            fs::remove_file(&path).unwrap();
            "delete"
        }
        7 => {
            let countries = [r#"["mali"]"#, r#"["niger"]"#, r#"["niger", "mali"]"#, "[]"];
            let to = countries[rng.below(countries.len())];
            replace(&line("countries"), format!("countries = {to}"));
            "countries"
        }
        9 => {
            // Its body's first word of three letters or more goes.
            let at = text.rfind("+++\n").unwrap() + 4;
            let word = text[at..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| w.len() >= 3)
                .unwrap_or("");
            let body = text[at..].replacen(word, "", 1);
            fs::write(&path, format!("{}{body}", &text[..at])).unwrap();
            "word removed"
        }
        10 => {
            // A country and an actor named in the text, through an alias
            // and a name of two words.
            let note = format!("\nNews {step} from Niamey about the Wagner Group.\n");
            fs::write(&path, format!("{text}{note}")).unwrap();
            "names"
        }
        11 => {
            // A citation added, or one taken away: outlets, their feeds
            // and the sources index.
            let outlet = ["AFP", "RFI"][rng.below(2)];
            let cite = format!("[[sources]]\nname = \"{outlet}\"\n");
            if let Some(at) = text.find("[[sources]]\nname = \"") {
                let end = at + text[at..].find("\"\n").unwrap() + 2;
                fs::write(&path, format!("{}{}", &text[..at], &text[end..])).unwrap();
            } else {
                let end = text.rfind("+++\n").unwrap();
                fs::write(&path, format!("{}{cite}{}", &text[..end], &text[end..])).unwrap();
            }
            "sources"
        }
        _ => {
            fs::rename(
                &path,
                root.join(format!("content/articles/renamed-{step}.md")),
            )
            .unwrap();
            "rename"
        }
    }
}

#[test]
fn random_edits_give_the_output_of_a_clean_build() {
    for seed in [7_u64, 2024, 99_991] {
        let site = fixture(2);
        let root = site.path();
        for n in 0..6 {
            article(
                root,
                &format!("extra-{n}"),
                &format!("Extra {n}"),
                &format!("2021-0{}-10", n + 1),
                &["niger"],
                &["wagner"],
                &["coup"],
            );
        }
        settle(root);
        run(root, &["build"]);
        let mut rng = Rng(seed);
        let mut partial = 0;
        for step in 0..10 {
            // One to three edits between two builds.
            let kinds: Vec<&str> = (0..1 + rng.below(3))
                .map(|k| edit(root, &mut rng, step * 3 + k))
                .collect();
            let kind = kinds.join(", ");
            let others = kinds.iter().any(|k| matches!(*k, "profile" | "template"));
            if others {
                settle(root);
            }
            let said = run(root, &["build"]);
            assert!(
                said.contains("written"),
                "step {step} ({kind}) was not incremental: {said}"
            );
            let (files, rendered) = file_counts(&said);
            if others {
                assert_eq!(rendered, files, "step {step} ({kind}): {said}");
            } else if rendered < files {
                partial += 1;
            }
            clean_build(root);
            assert_same_tree(
                &format!("seed {seed} step {step} ({kind})"),
                &root.join("public"),
                &root.join("clean"),
            );
        }
        assert!(partial > 0, "seed {seed}: every build rendered every file");
    }
}

#[test]
fn an_article_edit_renders_only_the_files_it_reaches() {
    let site = fixture(2);
    let root = site.path();
    for n in 0..12 {
        let (country, actor) = if n % 2 == 0 {
            ("niger", "tiani")
        } else {
            ("mali", "jnim")
        };
        article(
            root,
            &format!("extra-{n}"),
            &format!("Extra {n}"),
            &format!("2021-{:02}-10", n % 12 + 1),
            &[country],
            &[actor],
            &["diplomacy"],
        );
    }
    settle(root);
    run(root, &["build"]);
    let path = root.join("content/articles/extra-4.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}\nOne more sentence.\n")).unwrap();
    let said = run(root, &["build"]);
    let (files, rendered) = file_counts(&said);
    // The article's page, the lists and feeds showing it, the search data:
    // not the pages of the other articles, nor of Mali and its actors.
    assert!(rendered > 0 && rendered * 2 < files, "{said}");
    let page = fs::read_to_string(root.join("public/articles/extra-4/index.html")).unwrap();
    assert!(page.contains("One more sentence."));
    clean_build(root);
    assert_same_tree("a body edit", &root.join("public"), &root.join("clean"));
    // Only the article changed: the same count again for another edit of it.
    fs::write(&path, format!("{text}\nAnother sentence.\n")).unwrap();
    assert_eq!(file_counts(&run(root, &["build"])), (files, rendered));
    // Records that cannot be read: everything is rendered, nothing is lost.
    write(root, ".public.records/07", "not records");
    fs::write(&path, &text).unwrap();
    let said = run(root, &["build"]);
    assert_eq!(file_counts(&said), (files, files), "{said}");
    clean_build(root);
    assert_same_tree(
        "unreadable records",
        &root.join("public"),
        &root.join("clean"),
    );
    // The single records file of older versions gives way to the parts.
    fs::remove_dir_all(root.join(".public.records")).unwrap();
    write(root, ".public.records", "records of an older version");
    fs::write(&path, format!("{text}\nA sentence.\n")).unwrap();
    assert_eq!(file_counts(&run(root, &["build"])), (files, files));
    let parts_before = record_parts(root);
    fs::write(&path, format!("{text}\nAnother sentence.\n")).unwrap();
    assert_eq!(file_counts(&run(root, &["build"])), (files, rendered));
    let parts_after = record_parts(root);
    let rewritten = parts_before
        .iter()
        .filter(|(name, file)| parts_after.get(*name) != Some(file))
        .count();
    assert_eq!(
        rewritten, 1,
        "the edited article's part of the records only"
    );
    // A template changed: everything is rendered.
    let base = sahel_brief::theme::TEMPLATES
        .get_file("article.html")
        .unwrap();
    let template = format!("{}\n<!-- changed -->\n", base.contents_utf8().unwrap());
    write(root, "templates/article.html", template);
    settle(root);
    let said = run(root, &["build"]);
    assert_eq!(file_counts(&said), (files, files), "{said}");
}

/// Each file of the records beside the output, with its inode: a file
/// written again is a new one.
fn record_parts(root: &Path) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    fs::read_dir(root.join(".public.records"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (name, e.metadata().unwrap().ino())
        })
        .collect()
}

/// The files a build renders when the article at `path` changes its card
/// but not its search data (its language), the article then restored.
fn rendered_for_a_new_card(root: &Path, path: &Path) -> usize {
    let text = fs::read_to_string(path).unwrap();
    let front = text.strip_prefix("+++\n").unwrap();
    let lang = match front.contains("lang = \"fr\"") {
        true => "lang = \"en\"\n",
        false => "lang = \"fr\"\n",
    };
    let unlanged: String = front
        .lines()
        .filter(|l| !l.starts_with("lang = "))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(path, format!("+++\n{lang}{unlanged}")).unwrap();
    let (_, rendered) = file_counts(&run(root, &["build"]));
    fs::write(path, &text).unwrap();
    let (_, restored) = file_counts(&run(root, &["build"]));
    assert_eq!(rendered, restored, "the same pages, back");
    rendered
}

/// An article changed in place (none added, removed or moved, so every
/// search document keeps its number) redoes only the search files holding
/// its changed words, terms and record; the output stays a clean build's.
#[test]
fn an_edit_in_place_renders_only_the_search_files_it_reaches() {
    let site = fixture(2);
    let root = site.path();
    for n in 0..240 {
        let date = format!("20{}-{:02}-1{}", 10 + n % 10, n % 12 + 1, n % 10);
        let title = format!("Extra {n}");
        article(
            root,
            &format!("extra-{n}"),
            &title,
            &date,
            &["mali"],
            &["jnim"],
            &["diplomacy"],
        );
    }
    settle(root);
    run(root, &["build"]);
    let count = |dir: &str| {
        fs::read_dir(root.join("public/search").join(dir))
            .unwrap()
            .count()
    };
    let (shards, search_files) = (count("w"), count("w") + count("d"));
    assert!(
        shards >= 16 && search_files >= 32,
        "{search_files} search files"
    );
    let path = root.join("content/articles/extra-7.md");
    let text = fs::read_to_string(&path).unwrap();
    let with = |from: &str, to: &str| {
        assert!(text.contains(from));
        text.replace(from, to)
    };
    // The same words and summary: no search file is rendered. Any other
    // in-place edit of the article renders the same pages, those listing
    // its card if that changed, and the search files it reaches. A new
    // language changes its card only.
    fs::write(&path, with("Second paragraph.", "Second paragraph!")).unwrap();
    let (files, unchanged) = file_counts(&run(root, &["build"]));
    let card_changed = rendered_for_a_new_card(root, &path);
    assert!(
        card_changed > unchanged,
        "a body edited past its summary renders no list: {unchanged} files, {card_changed} with a new card"
    );
    let second = "Second paragraph.";
    let edits = [
        (
            "a new word",
            with(second, "Second paragraph, zanzibarique."),
            unchanged,
        ),
        ("two words removed", with(second, "Second."), unchanged),
        (
            "a country named by an alias",
            with(second, "Second, in Niamey."),
            unchanged,
        ),
        (
            "a new title",
            with("title = \"Extra 7\"", "title = \"Extra 7 in Gao\""),
            card_changed,
        ),
        (
            "a new summary",
            with("First paragraph of", "Opening paragraph of"),
            card_changed,
        ),
    ];
    for (kind, edited, pages) in edits {
        fs::write(&path, edited).unwrap();
        let said = run(root, &["build"]);
        let (now, rendered) = file_counts(&said);
        assert_eq!(now, files, "{kind}: {said}");
        let search = rendered - pages;
        assert!(
            search > 0 && search * 4 <= search_files,
            "{kind}: {search} search files rendered: {said}"
        );
        clean_build(root);
        assert_same_tree(kind, &root.join("public"), &root.join("clean"));
    }
    // The newest article shares its record shard with the profiles.
    let path = root.join("content/articles/jnim-attack.md");
    let text = fs::read_to_string(&path).unwrap();
    let card_changed = rendered_for_a_new_card(root, &path);
    fs::write(&path, text.replace("JNIM attack", "JNIM attack near Gao")).unwrap();
    let said = run(root, &["build"]);
    let search = file_counts(&said).1 - card_changed;
    assert!(search > 0 && search * 4 <= search_files, "{search}: {said}");
    clean_build(root);
    assert_same_tree(
        "the newest title",
        &root.join("public"),
        &root.join("clean"),
    );
    // A previous shard that is not what the build wrote is not patched:
    // that shard comes from the whole index.
    let shard = sahel_brief::search::shard_of("quagmire", shards);
    write(
        root,
        &format!("public/search/w/{shard}.js"),
        format!("sahelSearch(\"w\",{shard},{{}});\n"),
    );
    let path = root.join("content/articles/extra-7.md");
    fs::write(&path, with(second, "Second paragraph, quagmire.")).unwrap();
    run(root, &["build"]);
    clean_build(root);
    assert_same_tree("a corrupt shard", &root.join("public"), &root.join("clean"));
}

#[test]
fn nothing_changed_writes_nothing_and_errors_change_nothing() {
    let site = fixture(20);
    let root = site.path();
    run(root, &["build"]);
    let said = run(root, &["build"]);
    // Files changed in the last two seconds are not trusted to be seen.
    assert!(said.contains("0 written, 0 deleted"), "{said}");
    std::thread::sleep(std::time::Duration::from_millis(2100));
    run(root, &["build"]);
    let said = run(root, &["build"]);
    assert!(said.contains("up to date"), "{said}");
    // Touched but the same bytes: rendered, nothing written.
    let path = root.join("content/articles/jnim-attack.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text} ")).unwrap();
    fs::write(&path, &text).unwrap();
    let said = run(root, &["build"]);
    assert!(said.contains("0 written, 0 deleted"), "{said}");
    let before = tree(&root.join("public"));
    fs::write(&path, text.replace("title = ", "titel = ")).unwrap();
    let out = sahel_brief(root, &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        before == tree(&root.join("public")),
        "a failed build changed the output"
    );
}

#[test]
fn a_build_killed_after_its_journal_is_finished_by_the_next() {
    let site = fixture(20);
    let root = site.path();
    run(root, &["build"]);
    // What a build killed while moving files in leaves: the journal, one
    // file still set aside, one deletion not done.
    write(
        root,
        ".public.incoming/articles/jnim-attack/index.html",
        "new page",
    );
    write(
        root,
        ".public.journal",
        "W articles/jnim-attack/index.html\nD about/index.html\n",
    );
    run(root, &["build"]);
    assert!(!root.join(".public.journal").exists());
    assert!(!root.join(".public.incoming").exists());
    // Finished, then brought back to what the sources make.
    clean_build(root);
    assert_same_tree("recovery", &root.join("public"), &root.join("clean"));
    // Without a journal, what was set aside is dropped: the output stays.
    write(root, ".public.incoming/index.html", "half");
    let before = tree(&root.join("public"));
    let said = run(root, &["build"]);
    assert!(
        said.contains("up to date") || said.contains("0 written"),
        "{said}"
    );
    assert!(before == tree(&root.join("public")));
    assert!(!root.join(".public.incoming").exists());
}

/// Each article file's text, by path.
fn article_texts(root: &Path) -> BTreeMap<std::path::PathBuf, String> {
    fs::read_dir(root.join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), fs::read_to_string(&p).unwrap()))
        .collect()
}

/// The engine's dependency rules, checked directly: after each random edit
/// the engine renders only what it decides the edit reaches, and the files
/// it keeps (with those it re-rendered) must be those of a full build.
#[test]
fn the_engine_renders_every_file_an_edit_reaches() {
    use sahel_brief::build::{build_in_memory, load, BuildOptions};
    use sahel_brief::engine::Engine;
    use sahel_brief::load::{load_article, LoadOptions};
    use sahel_brief::theme::load_templates;

    const BASE: &str = "http://example.test/";
    for seed in [3_u64, 1234, 77] {
        let site = fixture(2);
        let root = site.path().to_path_buf();
        for n in 0..6 {
            let date = format!("2021-0{}-10", n + 1);
            article(
                &root,
                &format!("extra-{n}"),
                &format!("Extra {n}"),
                &date,
                &["niger"],
                &["wagner"],
                &["coup"],
            );
        }
        let options = BuildOptions {
            root: root.clone(),
            base_url: Some(BASE.into()),
            ..BuildOptions::default()
        };
        let new_engine = || Engine::new(load(&options).unwrap(), load_templates(&root).unwrap());
        let mut engine = new_engine();
        let mut files = build_in_memory(&root, false, BASE).unwrap();
        let mut rng = Rng(seed);
        for step in 0..12 {
            let before = article_texts(&root);
            // One or two edits between two changes applied.
            let kinds: Vec<&str> = (0..1 + rng.below(2))
                .map(|k| edit(&root, &mut rng, step * 2 + k))
                .collect();
            let kind = kinds.join(", ");
            let full = build_in_memory(&root, false, BASE).unwrap();
            if kinds.iter().any(|k| matches!(*k, "profile" | "template")) {
                // Everything, as `serve` does for these.
                engine = new_engine();
                files = full;
                continue;
            }
            let after = article_texts(&root);
            let mut fresh = Vec::new();
            for path in before.keys().chain(after.keys()) {
                if before.get(path) != after.get(path) && !fresh.iter().any(|(p, _)| p == path) {
                    let site = engine.site();
                    let article = after.contains_key(path).then(|| {
                        load_article(path, &site.profiles, LoadOptions::default()).unwrap()
                    });
                    fresh.push((path.clone(), article.flatten()));
                }
            }
            assert!(engine.admit(&mut fresh).is_empty());
            let update = engine.apply_articles(fresh).unwrap();
            for file in update.removed {
                files.remove(&file);
            }
            files.extend(update.rendered);
            let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
            let at = format!("seed {seed} step {step} ({kind})");
            assert_eq!(
                names(&files),
                names(&full),
                "after {at}: not the same files"
            );
            for (rel, bytes) in &full {
                assert!(bytes == &files[rel], "after {at}: {rel} is stale");
            }
        }
    }
}

/// Assessments and place profiles are not articles, but their links to
/// articles follow them: a rename redoes the pages that show them.
#[test]
fn assessments_and_places_linking_to_an_article_follow_its_rename() {
    let site = fixture(2);
    let root = site.path();
    write(
        root,
        "content/assessments/2023-07/niger.md",
        "+++\ntrend = \"deteriorated\"\nheadline = \"A coup\"\n+++\nSee [the coup](coup-in-niger.md).\n",
    );
    write(
        root,
        "content/places/niamey.md",
        "+++\nname = \"Niamey\"\ncountry = \"niger\"\nkind = \"town\"\nlat = 13.51\nlon = 2.11\n+++\nWhere [the coup](coup-in-niger.md) was.\n",
    );
    settle(root);
    run(root, &["build"]);
    for page in ["archive/2023/07/index.html", "places/niamey/index.html"] {
        let html = fs::read_to_string(root.join("public").join(page)).unwrap();
        assert!(html.contains("articles/coup-in-niger/"), "{page}");
    }
    for (step, to) in ["coup-d-etat.md", "coup-in-niger.md"].iter().enumerate() {
        let articles = root.join("content/articles");
        let from = fs::read_dir(&articles)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains("coup-"))
            .unwrap();
        fs::rename(from, articles.join(to)).unwrap();
        let said = run(root, &["build"]);
        let (files, rendered) = file_counts(&said);
        assert!(rendered < files, "{said}");
        clean_build(root);
        assert_same_tree(
            &format!("rename {step}"),
            &root.join("public"),
            &root.join("clean"),
        );
    }
}

/// A citation taken away from one of two articles citing an outlet: the
/// outlet's feed and the sources index lose it, as in a clean build; then
/// it is given back.
#[test]
fn citations_added_and_removed_follow_into_the_outlet_feeds() {
    let site = fixture(2);
    let root = site.path();
    let cite = "[[sources]]\nname = \"RFI\"\ntype = \"press\"\n";
    for (name, day) in [("first", "10"), ("second", "11")] {
        write(
            root,
            &format!("content/articles/{name}.md"),
            format!("+++\ntitle = \"{name}\"\ndate = 2024-03-{day}\ncountries = [\"niger\"]\n{cite}+++\nText.\n"),
        );
    }
    settle(root);
    run(root, &["build"]);
    let path = root.join("content/articles/first.md");
    let text = fs::read_to_string(&path).unwrap();
    for (step, to) in [("removed", text.replace(cite, "")), ("restored", text)] {
        fs::write(&path, to).unwrap();
        let said = run(root, &["build"]);
        let (files, rendered) = file_counts(&said);
        assert!(rendered < files, "{said}");
        clean_build(root);
        assert_same_tree(step, &root.join("public"), &root.join("clean"));
    }
}
