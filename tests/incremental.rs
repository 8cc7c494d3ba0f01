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
    match rng.below(8) {
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
        run(root, &["build"]);
        let mut rng = Rng(seed);
        for step in 0..10 {
            let kind = edit(root, &mut rng, step);
            let said = run(root, &["build"]);
            assert!(
                said.contains("written"),
                "step {step} ({kind}) was not incremental: {said}"
            );
            clean_build(root);
            assert_same_tree(
                &format!("seed {seed} step {step} ({kind})"),
                &root.join("public"),
                &root.join("clean"),
            );
        }
    }
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
    for seed in [3_u64, 1234] {
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
            let kind = edit(&root, &mut rng, step);
            let full = build_in_memory(&root, false, BASE).unwrap();
            if kind == "profile" || kind == "template" {
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
