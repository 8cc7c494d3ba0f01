//! Nothing outside the site is ever read, deleted or half-written: links
//! beside or inside the site, foreign output folders, concurrent builds,
//! long titles. Every case runs the real binary on a site in a temporary
//! folder; the "precious" folders stand for a user's home or documents.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{fixture, leftovers, write};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sahel-brief"))
}

/// Runs the binary in `root`; a run that hangs (a fifo read) fails the
/// test after a minute instead of blocking it forever.
fn run(root: &Path, args: &[&str]) -> Output {
    let mut child = bin()
        .arg("--root")
        .arg(root)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("sahel-brief {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts the exit code and that stderr holds every one of `needles`.
fn assert_fails(out: &Output, code: i32, needles: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "stderr: {err}");
    for needle in needles {
        assert!(err.contains(needle), "no {needle:?} in: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

/// A folder of someone's files, outside the site.
fn precious(parent: &Path) -> PathBuf {
    let dir = parent.join("home");
    write(&dir, "thesis.odt", "years of work");
    write(&dir, "photos/a.jpg", "a photo");
    write(&dir, "index.html", "<p>a hand-made page</p>");
    dir
}

/// Every file under `dir` (links not followed) with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let bytes = if e.file_type().is_symlink() {
                fs::read_link(e.path())
                    .unwrap()
                    .display()
                    .to_string()
                    .into_bytes()
            } else {
                fs::read(e.path()).unwrap()
            };
            (rel, bytes)
        })
        .collect()
}

#[test]
fn a_link_named_staging_old_or_lock_never_touches_its_target() {
    for name in [".public.staging", ".public.old", ".public.lock"] {
        for built_before in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            let home = precious(dir.path());
            let before = tree(&home);
            let site = fixture(20);
            let root = site.path();
            if built_before {
                assert!(run(root, &["build"]).status.success());
            }
            symlink(&home, root.join(name)).unwrap();
            let out = run(root, &["build"]);
            assert_fails(&out, 1, &[name, "is a symbolic link", "delete"]);
            assert_eq!(tree(&home), before, "{name}, built before: {built_before}");
            // Not followed, not moved: the link is still where it was.
            assert!(fs::symlink_metadata(root.join(name))
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(root.join("public").exists(), built_before);
        }
    }
}

#[test]
fn a_file_named_staging_is_refused_not_deleted() {
    let site = fixture(20);
    let root = site.path();
    write(root, ".public.staging", "notes");
    let out = run(root, &["build"]);
    assert_fails(&out, 1, &[".public.staging: is not a folder"]);
    assert_eq!(fs::read(root.join(".public.staging")).unwrap(), b"notes");
}

#[test]
fn an_output_that_is_a_link_to_other_files_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let home = precious(dir.path());
    let before = tree(&home);
    let site = fixture(20);
    let root = site.path();
    symlink(&home, root.join("public")).unwrap();
    let out = run(root, &["build"]);
    assert_fails(&out, 2, &["was not built by sahel-brief"]);
    assert_eq!(tree(&home), before);
    assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_folder_with_index_html_is_not_replaced_unless_a_build_wrote_it() {
    let dir = tempfile::tempdir().unwrap();
    let www = precious(dir.path());
    let before = tree(&www);
    let site = fixture(20);
    let root = site.path();
    let out = run(root, &["build", "--output", www.to_str().unwrap()]);
    assert_fails(
        &out,
        2,
        &[
            "is not empty and was not built by sahel-brief (it has no .sahel-brief file)",
            "choose an empty or new --output",
            "if it is a site built by an older version of sahel-brief, delete it first",
        ],
    );
    assert_eq!(tree(&www), before);

    // An empty folder is fine; what the build wrote, it may replace.
    let fresh = dir.path().join("fresh");
    fs::create_dir(&fresh).unwrap();
    for _ in 0..2 {
        let out = run(root, &["build", "--output", fresh.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(fresh.join(".sahel-brief").is_file());
        assert!(fresh.join("index.html").is_file());
    }
}

#[test]
fn concurrent_builds_take_turns_and_leave_a_complete_site() {
    let site = fixture(20);
    let root = site.path();
    // Enough articles that builds overlap.
    for i in 0..150 {
        common::article(
            root,
            &format!("report-{i}"),
            &format!("Report number {i}"),
            &format!("2023-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            &["niger", "mali"],
            &["wagner", "tiani"],
            &["coup", &format!("tag-{}", i % 20)],
        );
    }
    let reference = tempfile::tempdir().unwrap();
    let reference = reference.path().join("out");
    let out = run(root, &["build", "--output", reference.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = tree(&reference);
    assert!(expected.len() > 200, "{}", expected.len());

    let mut waited = 0;
    for round in 0..3 {
        let children: Vec<_> = (0..4)
            .map(|_| {
                bin()
                    .arg("--root")
                    .arg(root)
                    .arg("build")
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let err = stderr(&out);
            // Each build either succeeds or fails cleanly, never a panic.
            assert!(
                out.status.success() || out.status.code() == Some(1),
                "round {round}: {err}"
            );
            assert!(!err.contains("panicked"), "round {round}: {err}");
            if err.contains("waiting for another build") {
                waited += 1;
            }
        }
        let built = tree(&root.join("public"));
        let missing: Vec<_> = expected
            .keys()
            .filter(|k| !built.contains_key(*k))
            .collect();
        let differing: Vec<_> = expected
            .iter()
            .filter(|(k, v)| built.get(*k).is_some_and(|b| b != *v))
            .map(|(k, _)| k)
            .collect();
        assert!(
            missing.is_empty() && differing.is_empty() && built.len() == expected.len(),
            "round {round}: {} of {} files; missing {} (first: {:?}); differing {:?}",
            built.len(),
            expected.len(),
            missing.len(),
            missing.first(),
            differing.first()
        );
        assert!(
            leftovers(root).is_empty(),
            "round {round}: {:?}",
            leftovers(root)
        );
    }
    eprintln!("{waited} of 12 builds waited for another");
}

#[test]
fn links_in_the_site_are_errors_and_never_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "secret.txt", "CI_TOKEN=hunter2");
    write(
        dir.path(),
        "outside/x.md",
        "+++\ntitle = \"Outside\"\n+++\nCI_TOKEN=hunter2\n",
    );
    let secret = dir.path().join("secret.txt");
    let outside = dir.path().join("outside");
    type Setup = fn(&Path, &Path, &Path);
    let cases: [(&str, Setup); 6] = [
        ("static/env.txt", |root, secret, _| {
            symlink(secret, root.join("static/env.txt")).unwrap()
        }),
        ("static/linked", |root, _, outside| {
            symlink(outside, root.join("static/linked")).unwrap()
        }),
        ("templates/page.html", |root, secret, _| {
            symlink(secret, root.join("templates/page.html")).unwrap()
        }),
        ("content/pages/x.md", |root, _, outside| {
            symlink(outside.join("x.md"), root.join("content/pages/x.md")).unwrap()
        }),
        ("content/articles/more", |root, _, outside| {
            symlink(outside, root.join("content/articles/more")).unwrap()
        }),
        ("content", |root, _, _| {
            fs::rename(root.join("content"), root.join("real-content")).unwrap();
            symlink(root.join("real-content"), root.join("content")).unwrap()
        }),
    ];
    for (name, setup) in cases {
        let site = fixture(20);
        let root = site.path();
        fs::create_dir_all(root.join("static")).unwrap();
        fs::create_dir_all(root.join("templates")).unwrap();
        assert!(run(root, &["build"]).status.success());
        let before = tree(&root.join("public"));
        setup(root, &secret, &outside);
        let out = run(root, &["build"]);
        let expected = format!("{name}: is a symbolic link");
        assert_fails(&out, 1, &[&expected, "links are never followed"]);
        assert!(!stderr(&out).contains("hunter2"));
        assert_eq!(tree(&root.join("public")), before, "{name}");
        if name.starts_with("content") {
            assert_fails(&run(root, &["check"]), 1, &[&expected]);
        }
    }
}

#[test]
fn a_fifo_in_the_site_is_an_error_not_a_hang() {
    for folder in ["static", "content/articles", "templates"] {
        let site = fixture(20);
        let root = site.path();
        fs::create_dir_all(root.join(folder)).unwrap();
        let fifo = root.join(folder).join("pipe.md");
        assert!(Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let out = run(root, &["build"]);
        let expected = format!("{folder}/pipe.md: is not a regular file");
        assert_fails(&out, 1, &[&expected]);
        assert!(!root.join("public").exists());
    }
}

#[test]
fn import_refuses_links_in_a_source_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "secret.txt",
        "Secret title\n\nCI_TOKEN=hunter2\n",
    );
    let sources = dir.path().join("sources");
    write(
        &sources,
        "a.txt",
        "Talks in Bamako\n\nMinisters met in Bamako to talk about Mali.\n",
    );
    symlink(dir.path().join("secret.txt"), sources.join("b.txt")).unwrap();
    let site = fixture(20);
    let root = site.path();
    let articles = tree(&root.join("content/articles"));
    let out = run(root, &["import", sources.to_str().unwrap()]);
    // import reports each source on stdout.
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.contains("sources/b.txt: is a symbolic link"),
        "{report}"
    );
    assert_eq!(tree(&root.join("content/articles")), articles);

    // The folder named on the command line may itself be a link.
    fs::remove_file(sources.join("b.txt")).unwrap();
    let named = dir.path().join("named");
    symlink(&sources, &named).unwrap();
    let out = run(root, &["import", named.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        tree(&root.join("content/articles")).len(),
        articles.len() + 1
    );
}

#[test]
fn a_file_where_a_folder_is_read_is_an_error() {
    for name in ["templates", "static"] {
        let site = fixture(20);
        let root = site.path();
        write(root, name, "not a folder");
        let out = run(root, &["build"]);
        let expected = format!("{name}: is not a folder");
        assert_fails(&out, 1, &[&expected]);
    }
}

#[test]
fn new_with_a_very_long_title_makes_a_short_file_name() {
    let site = fixture(20);
    let root = site.path();
    let words = "Les forces armées maliennes annoncent une opération conjointe ".repeat(12);
    let one_word = "a".repeat(400);
    for title in [words.trim(), one_word.as_str()] {
        let out = run(root, &["new", title]);
        assert!(out.status.success(), "{}", stderr(&out));
        let created = String::from_utf8_lossy(&out.stdout).into_owned();
        let first = created.lines().next().unwrap_or_default();
        let path = PathBuf::from(first.trim_start_matches("Created "));
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= 84, "{name}");
        assert!(!name.trim_end_matches(".md").ends_with('-'), "{name}");
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(title), "the title is kept whole");
    }
    assert!(run(root, &["check", "--drafts"]).status.success());
}

#[test]
fn new_never_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let site = fixture(20);
    let root = site.path();
    // A dangling link where the new article would go.
    let target = dir.path().join("autostart.desktop");
    symlink(&target, root.join("content/articles/hello.md")).unwrap();
    let out = run(root, &["new", "Hello"]);
    assert_fails(&out, 1, &["content/articles/hello.md: is a symbolic link"]);
    assert!(!target.exists());
    // content/articles itself a link to a folder elsewhere.
    fs::remove_file(root.join("content/articles/hello.md")).unwrap();
    fs::rename(root.join("content/articles"), dir.path().join("articles")).unwrap();
    symlink(dir.path().join("articles"), root.join("content/articles")).unwrap();
    let out = run(root, &["new", "Hello"]);
    assert_fails(&out, 1, &["content/articles: is a symbolic link"]);
    assert!(!dir.path().join("articles/hello.md").exists());
}

#[test]
fn a_write_error_names_the_file_in_the_output_not_the_staging_folder() {
    let site = fixture(20);
    let root = site.path();
    common::article(
        root,
        "long-tag",
        "Long tag",
        "2024-01-01",
        &["niger"],
        &[],
        &[&"a".repeat(300)],
    );
    let out = run(root, &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains(".public.staging"), "{err}");
    // Refused when loaded (the article and line) or when written (the
    // file as it would be in public/).
    assert!(
        err.contains("content/articles/long-tag.md") || err.contains("public/tags/aaaa"),
        "{err}"
    );
    assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
}

#[test]
fn serve_never_serves_a_link_in_static() {
    use sahel_brief::serve::{ServeOptions, Server};
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "secret.txt", "CI_TOKEN=hunter2");
    let secret = dir.path().join("secret.txt");
    let site = fixture(20);
    let root = site.path();
    let leaks = |server: &Server| {
        server
            .files()
            .iter()
            .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains("hunter2"))
            .map(|(name, _)| name.clone())
            .collect::<Vec<_>>()
    };

    // There from the start: the whole site fails, as a build does.
    write(root, "static/ok.txt", "fine");
    symlink(&secret, root.join("static/env.txt")).unwrap();
    let server = Server::start(ServeOptions {
        root: root.to_path_buf(),
        port: 0,
        ..ServeOptions::default()
    })
    .unwrap();
    assert!(leaks(&server).is_empty(), "{:?}", leaks(&server));
    server.shutdown();

    // Added while serving, followed by a plain file: once the plain file
    // is served, the link's change has been handled too.
    fs::remove_file(root.join("static/env.txt")).unwrap();
    let server = Server::start(ServeOptions {
        root: root.to_path_buf(),
        port: 0,
        ..ServeOptions::default()
    })
    .unwrap();
    assert!(server.files().contains_key("static/ok.txt"));
    symlink(&secret, root.join("static/env.txt")).unwrap();
    write(root, "static/after.txt", "after");
    let started = Instant::now();
    while !server.files().contains_key("static/after.txt") {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the watcher never saw static/after.txt"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!server.files().contains_key("static/env.txt"));
    assert!(leaks(&server).is_empty(), "{:?}", leaks(&server));
    server.shutdown();
}
