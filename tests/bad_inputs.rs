//! Bad inputs, one table row each: every case breaks a copy of a small site
//! that was built once, runs the real binary on it, and checks that the
//! build fails with a non-zero exit (never a panic or an abort), that the
//! message names the file (and line:col where the input has a position),
//! says what is wrong and what to do, and that the previous `public/` is
//! byte-identical afterwards. A few inputs (a BOM, CRLF line endings, deep
//! nesting) must build fine instead.
//!
//! docs/errors.md is the same table for users. Set `BAD_INPUTS_TABLE=FILE`
//! to write the actual messages of every case to FILE, to refresh it.
//!
//! The heavy cases (a 100 MB article, 100,000 articles, a full disk) are
//! `#[ignore]`d: run them with
//! `cargo test --release --test bad_inputs -- --ignored`.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{leftovers, macros_with_card, write};

const ARTICLE: &str = "+++\ntitle = \"Coup in Niger\"\ndate = 2023-07-28\nlang = \"en\"\ncountries = [\"niger\"]\nactors = [\"tiani\"]\ntags = [\"coup\"]\n[source]\nname = \"AFP\"\n+++\nThe army took power in Niamey.\n\nSecond paragraph.\n";

/// A small site: two countries, three actors, two articles, one page.
fn write_fixture(root: &Path) {
    write(
        root,
        "site.toml",
        "title = \"Test Brief\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n",
    );
    write(
        root,
        "content/countries/niger.md",
        "+++\nname = \"Niger\"\niso = \"NE\"\nregion = \"sahel\"\n+++\nNiger profile.\n",
    );
    write(
        root,
        "content/countries/mali.md",
        "+++\nname = \"Mali\"\niso = \"ML\"\nregion = \"sahel\"\n+++\nMali profile.\n",
    );
    write(
        root,
        "content/actors/wagner.md",
        "+++\nname = \"Wagner Group\"\nkind = \"foreign-force\"\n+++\n",
    );
    write(
        root,
        "content/actors/jnim.md",
        "+++\nname = \"JNIM\"\nkind = \"armed-group\"\n+++\n",
    );
    write(
        root,
        "content/actors/tiani.md",
        "+++\nname = \"Abdourahamane Tiani\"\nkind = \"person\"\naffiliation = [\"niger\"]\n+++\n",
    );
    write(root, "content/articles/coup-in-niger.md", ARTICLE);
    write(
        root,
        "content/articles/jnim-attack.md",
        "+++\ntitle = \"JNIM attack\"\ndate = 2024-09-17\ncountries = [\"mali\"]\nactors = [\"jnim\", \"wagner\"]\n+++\nAn attack in Mali.\n",
    );
    write(
        root,
        "content/pages/about.md",
        "+++\ntitle = \"About\"\n+++\nWho we are.\n",
    );
}

/// An article file with `front` as its TOML and a one-line body.
fn bad_article(root: &Path, front: &str) {
    write(
        root,
        "content/articles/bad.md",
        format!("+++\n{front}+++\nBody.\n"),
    );
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sahel-brief"))
}

/// The fixture, built; each case starts from a copy of it.
fn built_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_fixture(dir.path());
    let out = run(dir.path(), &[], Duration::from_secs(120));
    assert_eq!(out.code, Some(0), "fixture builds: {}", out.stderr);
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    if dir.exists() {
        for entry in walkdir(dir) {
            let rel = entry.strip_prefix(dir).unwrap().to_path_buf();
            files.insert(rel, fs::read(&entry).unwrap());
        }
    }
    files
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            out.extend(walkdir(&entry.path()));
        } else {
            out.push(entry.path());
        }
    }
    out
}

struct Outcome {
    /// `None` when killed by a signal.
    code: Option<i32>,
    /// With the site's path removed, so messages read `content/...`.
    stderr: String,
    stdout: String,
}

/// Runs `sahel-brief build --root ROOT ARGS...`, killed after `timeout`.
fn run(root: &Path, args: &[OsString], timeout: Duration) -> Outcome {
    let mut child = bin()
        .arg("build")
        .arg("--root")
        .arg(root)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut s = Vec::new();
        stdout.read_to_end(&mut s).unwrap();
        s
    });
    let err_thread = std::thread::spawn(move || {
        let mut s = Vec::new();
        stderr.read_to_end(&mut s).unwrap();
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > timeout {
            child.kill().unwrap();
            panic!(
                "build of {} still running after {timeout:?}",
                root.display()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let clean = |bytes: Vec<u8>| {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let root = fs::canonicalize(root).unwrap_or(root.to_path_buf());
        text.replace(&format!("{}/", root.display()), "")
            .replace(&root.display().to_string(), "SITE")
    };
    Outcome {
        code: status.code(),
        stdout: clean(out_thread.join().unwrap()),
        stderr: clean(err_thread.join().unwrap()),
    }
}

enum Expect {
    /// The build fails with this exit code and every one of these texts
    /// in its messages.
    Fails(i32, &'static [&'static str]),
    /// The build succeeds; each (file in public/, text) pair is checked,
    /// and each text of the second list is in the warnings.
    Builds(
        &'static [(&'static str, &'static str)],
        &'static [&'static str],
    ),
}

/// Breaks a site; returns extra arguments for `build`, or `None` to skip.
type Setup = dyn Fn(&Path) -> Option<Vec<OsString>>;

struct Case {
    name: &'static str,
    /// The input shown in docs/errors.md.
    input: &'static str,
    /// Breaks the site; returns extra arguments for `build`, or `None` to
    /// skip the case here (with the reason printed).
    setup: Box<Setup>,
    expect: Expect,
}

fn case(
    name: &'static str,
    input: &'static str,
    setup: impl Fn(&Path) + 'static,
    expect: Expect,
) -> Case {
    Case {
        name,
        input,
        setup: Box::new(move |root| {
            setup(root);
            Some(Vec::new())
        }),
        expect,
    }
}

fn with_args(
    name: &'static str,
    input: &'static str,
    setup: impl Fn(&Path) -> Option<Vec<OsString>> + 'static,
    expect: Expect,
) -> Case {
    Case {
        name,
        input,
        setup: Box::new(setup),
        expect,
    }
}

/// Whether permission bits stop this process from reading (not as root).
fn permissions_apply(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join(".probe");
    fs::write(&probe, "x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
    let blocked = fs::read(&probe).is_err();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o644)).unwrap();
    fs::remove_file(&probe).unwrap();
    blocked
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn template(root: &Path, name: &str, text: &str) {
    write(root, &format!("templates/{name}"), text);
}

const PAGE_WITH: &str = "{% extends \"base.html\" %}{% block content %}BODY{% endblock content %}";

fn cases() -> Vec<Case> {
    use Expect::*;
    vec![
        // --- article front matter: TOML syntax ---
        case(
            "unterminated string",
            "`title = \"Broken` (no closing quote)",
            |r| bad_article(r, "title = \"Broken\ndate = 2024-01-01\n"),
            Fails(1, &["content/articles/bad.md:2:16: invalid basic string", "end the string with `\"` on the same line"]),
        ),
        case(
            "wrong type",
            "`countries = \"niger\"` (a string, not a list)",
            |r| bad_article(r, "title = \"T\"\ndate = 2024-01-01\ncountries = \"niger\"\n"),
            Fails(1, &["content/articles/bad.md:4:13:", "invalid type: string \"niger\", expected a sequence"]),
        ),
        case(
            "duplicate key",
            "`title` given twice",
            |r| bad_article(r, "title = \"A\"\ndate = 2024-01-01\ntitle = \"B\"\n"),
            Fails(1, &["content/articles/bad.md:4:1:", "duplicate key `title`"]),
        ),
        case(
            "unknown field",
            "`datee = 2024-01-01` (typo)",
            |r| bad_article(r, "title = \"T\"\ndatee = 2024-01-01\n"),
            Fails(1, &["content/articles/bad.md:3:1: unknown field `datee`", "did you mean \"date\"?"]),
        ),
        // --- article front matter: meaning ---
        case(
            "missing title",
            "no `title`",
            |r| bad_article(r, "date = 2024-01-01\n"),
            Fails(1, &["content/articles/bad.md:2:1: missing field `title`", "add `title = \"...\"`"]),
        ),
        case(
            "missing date",
            "no `date`",
            |r| bad_article(r, "title = \"T\"\n"),
            Fails(1, &["content/articles/bad.md:2:1: missing field `date`", "add `date = 2024-04-12`"]),
        ),
        case(
            "blank title",
            "`title = \"  \"`",
            |r| bad_article(r, "title = \"  \"\ndate = 2024-01-01\n"),
            Fails(1, &["content/articles/bad.md:2:1: the title is empty", "give the article a title"]),
        ),
        case(
            "impossible date",
            "`date = 2024-02-30`",
            |r| bad_article(r, "title = \"T\"\ndate = 2024-02-30\n"),
            Fails(1, &["content/articles/bad.md:3:8: invalid date, expected day between 01 and 29", "write a day like 2024-04-12"]),
        ),
        case(
            "date as text",
            "`date = \"12 avril 2024\"`",
            |r| bad_article(r, "title = \"T\"\ndate = \"12 avril 2024\"\n"),
            Fails(1, &["content/articles/bad.md:3:8:", "invalid type: string \"12 avril 2024\"", "write a day like 2024-04-12", "without quotes"]),
        ),
        case(
            "time without a date",
            "`date = 08:00:00`",
            |r| bad_article(r, "title = \"T\"\ndate = 08:00:00\n"),
            Fails(1, &["content/articles/bad.md:3:8: `08:00:00` is not a date", "write a day like 2024-04-12"]),
        ),
        case(
            "unknown language",
            "`lang = \"de\"`",
            |r| bad_article(r, "title = \"T\"\ndate = 2024-01-01\nlang = \"de\"\n"),
            Fails(1, &["content/articles/bad.md:4:8:", "unknown variant `de`", "`fr`", "`en`"]),
        ),
        case(
            "unknown actor",
            "`actors = [\"zzzz\"]`",
            |r| bad_article(r, "title = \"T\"\ndate = 2024-01-01\nactors = [\"zzzz\"]\n"),
            Fails(1, &["content/articles/bad.md:4:12: unknown actor \"zzzz\"", "add a profile content/actors/zzzz.md or fix the id"]),
        ),
        case(
            "misspelt actor",
            "`actors = [\"wagnr\"]`",
            |r| bad_article(r, "title = \"T\"\ndate = 2024-01-01\nactors = [\"jnim\", \"wagnr\"]\n"),
            Fails(1, &["content/articles/bad.md:4:20: unknown actor \"wagnr\" (did you mean \"wagner\"?)"]),
        ),
        case(
            "misspelt country in mentions",
            "`[mentions] countries = [\"nigr\"]`",
            |r| bad_article(r, "title = \"T\"\ndate = 2024-01-01\n[mentions]\ncountries = [\"nigr\"]\n"),
            Fails(1, &["content/articles/bad.md:5:15: unknown country \"nigr\" (did you mean \"niger\"?)"]),
        ),
        // Found by fuzzing `import`: a Markdown source keeps its own ids.
        case(
            "id with a stray space",
            "`countries = [\" mali\"]`",
            |r| bad_article(r, "title = \"T\"\ndate = 2024-01-01\ncountries = [\"niger\", \" mali\"]\n"),
            Fails(
                1,
                &["content/articles/bad.md:4:24: unknown country \" mali\" (did you mean \"mali\"?)"],
            ),
        ),
        case(
            "duplicate slug",
            "two articles with the slug `coup-in-niger`",
            |r| bad_article(r, "title = \"T\"\ndate = 2024-01-01\nslug = \"coup-in-niger\"\n"),
            Fails(1, &["duplicate article slug \"coup-in-niger\", also used by", "set a different `slug`"]),
        ),
        case(
            "slug not lower-case words",
            "`slug = \"Hello World\"`",
            |r| bad_article(r, "title = \"T\"\ndate = 2024-01-01\nslug = \"Hello World\"\n"),
            Fails(1, &["content/articles/bad.md:4:9:", "is not lower-case words joined by '-'", "use \"hello-world\""]),
        ),
        case(
            "source without a name",
            "`[source]` with only `url`",
            |r| bad_article(r, "title = \"T\"\ndate = 2024-01-01\n[source]\nurl = \"https://example.org/\"\n"),
            Fails(1, &["content/articles/bad.md:", "missing field `name`"]),
        ),
        // --- the file itself ---
        case(
            "empty file",
            "a 0-byte `.md`",
            |r| write(r, "content/articles/bad.md", ""),
            Fails(1, &["content/articles/bad.md:1:1: no front matter", "the file is empty"]),
        ),
        case(
            "no front matter",
            "Markdown without `+++` lines",
            |r| write(r, "content/articles/bad.md", "# Just a title\n\nText.\n"),
            Fails(1, &["content/articles/bad.md:1:1: no front matter", "start the file with a line `+++`"]),
        ),
        case(
            "front matter not closed",
            "`+++` only once",
            |r| write(r, "content/articles/bad.md", "+++\ntitle = \"T\"\ndate = 2024-01-01\nBody.\n"),
            Fails(1, &["content/articles/bad.md:1:1: the front matter is not closed", "add a line `+++`"]),
        ),
        case(
            "not UTF-8",
            "Latin-1 text (`é` as byte 0xE9)",
            |r| write(r, "content/articles/bad.md", b"+++\ntitle = \"S\xe9gou\"\ndate = 2024-01-01\n+++\n"),
            Fails(1, &["content/articles/bad.md:2:11: not UTF-8 text", "save the file as UTF-8"]),
        ),
        case(
            "binary file named .md",
            "PNG bytes in `bad.md`",
            |r| write(r, "content/articles/bad.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xff"),
            Fails(1, &["content/articles/bad.md:1:1: not UTF-8 text", "binary files do not belong in content/"]),
        ),
        case(
            "binary file, other extension",
            "`photo.jpg` in content/articles",
            |r| write(r, "content/articles/photo.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF"),
            Builds(&[], &["content/articles/photo.jpg: ignored: not a .md file"]),
        ),
        case(
            "byte-order mark",
            "UTF-8 BOM before `+++`",
            |r| write(r, "content/articles/bom.md", format!("\u{feff}{}", ARTICLE.replace("Coup in Niger", "With BOM").replace("2023-07-28", "2024-01-02"))),
            Builds(&[("articles/bom/index.html", "With BOM")], &[]),
        ),
        case(
            "CRLF line endings",
            "Windows line endings throughout",
            |r| write(r, "content/articles/crlf.md", ARTICLE.replace("Coup in Niger", "With CRLF").replace('\n', "\r\n")),
            Builds(&[("articles/crlf/index.html", "With CRLF"), ("articles/crlf/index.html", "Second paragraph.")], &[]),
        ),
        case(
            "CRLF and BOM with an error",
            "BOM + CRLF, unknown field on line 3",
            |r| write(r, "content/articles/bad.md", "\u{feff}+++\r\ntitle = \"T\"\r\ndatee = 2024-01-01\r\n+++\r\n"),
            Fails(1, &["content/articles/bad.md:3:1: unknown field `datee`", "did you mean \"date\"?"]),
        ),
        case(
            "NUL bytes in the body",
            "valid UTF-8 with `\\0` in the text",
            |r| write(r, "content/articles/nul.md", ARTICLE.replace("Coup in Niger", "Nul").replace("Second paragraph.", "a\0b")),
            Builds(&[("articles/nul/index.html", "Nul")], &[]),
        ),
        case(
            "deeply nested Markdown",
            "10,000 nested quotes, lists, emphasis and brackets",
            |r| {
                let front = "+++\ntitle = \"Deep\"\ndate = 2024-01-01\n+++\n";
                let mut body = ">".repeat(10_000) + " quote\n\n";
                body += &"- ".repeat(10_000);
                body += "item\n\n";
                body += &(0..2_000).map(|i| format!("{}- a\n", "  ".repeat(i))).collect::<String>();
                body += &format!("\n{}x{}\n\n", "*".repeat(10_000), "*".repeat(10_000));
                body += &format!("{}x{}\n", "[".repeat(10_000), "](a)".repeat(10_000));
                write(r, "content/articles/deep.md", format!("{front}{body}"));
            },
            Builds(&[("articles/deep/index.html", "Deep")], &[]),
        ),
        case(
            "file name without letters",
            "`content/articles/---.md`",
            |r| write(r, "content/articles/---.md", ARTICLE.replace("2023-07-28", "2024-01-01")),
            Fails(1, &["content/articles/---.md: the file name gives an empty id", "name the file with letters or digits"]),
        ),
        case(
            "file name not UTF-8",
            "a file name with byte 0xFF",
            |r| {
                use std::os::unix::ffi::OsStrExt;
                let name = std::ffi::OsStr::from_bytes(b"caf\xff.md");
                fs::write(r.join("content/articles").join(name), ARTICLE.replace("2023-07-28", "2024-01-01")).unwrap();
            },
            Fails(1, &["content/articles/caf\u{fffd}.md: the file name is not UTF-8", "rename the file"]),
        ),
        // --- profiles and pages ---
        case(
            "country without ISO code",
            "`iso = \"ner\"`",
            |r| write(r, "content/countries/chad.md", "+++\nname = \"Chad\"\niso = \"tcd\"\nregion = \"sahel\"\n+++\n"),
            Fails(1, &["content/countries/chad.md:3:8: iso \"tcd\" is not an ISO 3166-1 alpha-2 code", "use two upper-case letters"]),
        ),
        case(
            "unknown actor kind",
            "`kind = \"gang\"`",
            |r| write(r, "content/actors/gang.md", "+++\nname = \"Gang\"\nkind = \"gang\"\n+++\n"),
            Fails(1, &["content/actors/gang.md:3:8:", "unknown variant `gang`", "armed-group"]),
        ),
        case(
            "unknown affiliation",
            "`affiliation = [\"nigr\"]` in an actor",
            |r| write(r, "content/actors/x.md", "+++\nname = \"X\"\nkind = \"person\"\naffiliation = [\"nigr\"]\n+++\n"),
            Fails(1, &["content/actors/x.md", "unknown country \"nigr\"", "did you mean \"niger\"?"]),
        ),
        case(
            "page shadowing a site URL",
            "`content/pages/search.md`",
            |r| write(r, "content/pages/search.md", "+++\ntitle = \"Search\"\n+++\n"),
            Fails(1, &["content/pages/search.md: the page slug \"search\" is taken by the site's own pages", "rename the file"]),
        ),
        case(
            "duplicate page slug",
            "two pages with the slug `about`",
            |r| write(r, "content/pages/about-us.md", "+++\ntitle = \"About us\"\nslug = \"about\"\n+++\n"),
            Fails(1, &["duplicate page slug \"about\"", "set a different `slug`"]),
        ),
        // --- site.toml ---
        case(
            "site.toml: unterminated string",
            "`title = \"Test` in site.toml",
            |r| write(r, "site.toml", "title = \"Test\nbase_url = \"/\"\n"),
            Fails(1, &["site.toml:1:14: invalid basic string", "end the string"]),
        ),
        case(
            "site.toml: wrong type",
            "`paginate_by = \"ten\"`",
            |r| write(r, "site.toml", "title = \"T\"\nbase_url = \"/\"\npaginate_by = \"ten\"\n"),
            Fails(1, &["site.toml:3:15:", "invalid type: string \"ten\""]),
        ),
        case(
            "site.toml: duplicate key",
            "`base_url` twice",
            |r| write(r, "site.toml", "title = \"T\"\nbase_url = \"/\"\nbase_url = \"/x/\"\n"),
            Fails(1, &["site.toml:3:1:", "duplicate key `base_url`"]),
        ),
        case(
            "site.toml: missing base_url",
            "no `base_url`",
            |r| write(r, "site.toml", "title = \"T\"\n"),
            Fails(1, &["site.toml:1:1: missing field `base_url`", "add `base_url = \"https://example.org/\"`"]),
        ),
        case(
            "site.toml: bad base_url",
            "`base_url = \"example.org\"`",
            |r| write(r, "site.toml", "title = \"T\"\nbase_url = \"example.org\"\n"),
            Fails(1, &["site.toml:2:13: base_url \"example.org\" is not an absolute URL", "https://example.org/brief/"]),
        ),
        case(
            "site.toml: paginate_by = 0",
            "`paginate_by = 0`",
            |r| write(r, "site.toml", "title = \"T\"\nbase_url = \"/\"\npaginate_by = 0\n"),
            Fails(1, &["site.toml: paginate_by must be at least 1", "paginate_by = 20"]),
        ),
        case(
            "no site.toml",
            "site.toml deleted",
            |r| fs::remove_file(r.join("site.toml")).unwrap(),
            Fails(1, &["site.toml: no site.toml here", "pass --root DIR"]),
        ),
        case(
            "no content folder",
            "content/ deleted",
            |r| fs::remove_dir_all(r.join("content")).unwrap(),
            Fails(1, &["content: no content folder", "sahel-brief init"]),
        ),
        with_args(
            "bad --base-url",
            "`--base-url ftp://x`",
            |_| Some(vec!["--base-url".into(), "ftp://example.org/".into()]),
            Fails(2, &["--base-url \"ftp://example.org/\" uses the ftp: scheme, not http: or https:"]),
        ),
        // --- the file system ---
        case(
            "symbolic link loop",
            "`content/articles/loop -> .`",
            |r| std::os::unix::fs::symlink(".", r.join("content/articles/loop")).unwrap(),
            Fails(1, &["content/articles/loop: is a symbolic link", "links are never followed"]),
        ),
        case(
            "dangling symbolic link",
            "`content/articles/gone.md -> nowhere`",
            |r| std::os::unix::fs::symlink("nowhere.md", r.join("content/articles/gone.md")).unwrap(),
            Fails(1, &["content/articles/gone.md: is a symbolic link", "replace the link"]),
        ),
        with_args(
            "unreadable file",
            "`chmod 000` on an article",
            |r| {
                if !permissions_apply(r) {
                    eprintln!("skipped: running as root, chmod 000 does not stop reads");
                    return None;
                }
                chmod(&r.join("content/articles/jnim-attack.md"), 0o000);
                Some(vec![])
            },
            Fails(1, &["content/articles/jnim-attack.md: cannot read: Permission denied", "check the file's permissions"]),
        ),
        with_args(
            "unreadable folder",
            "`chmod 000` on content/actors",
            |r| {
                if !permissions_apply(r) {
                    eprintln!("skipped: running as root, chmod 000 does not stop reads");
                    return None;
                }
                chmod(&r.join("content/actors"), 0o000);
                Some(vec![])
            },
            Fails(1, &["content/actors: cannot read: Permission denied", "fix the permissions"]),
        ),
        // --- templates ---
        case(
            "template syntax error",
            "`{{ title }` in templates/page.html",
            |r| template(r, "page.html", &PAGE_WITH.replace("BODY", "{{ title }")),
            Fails(1, &["templates/page.html", "fix the template syntax"]),
        ),
        case(
            "template not UTF-8",
            "byte 0xFF in templates/page.html",
            |r| write(r, "templates/page.html", b"{{ title }}\xff"),
            Fails(1, &["templates/page.html: cannot read template", "save it as UTF-8 text"]),
        ),
        case(
            "missing included template",
            "`{% include \"nope.html\" %}`",
            |r| template(r, "page.html", &PAGE_WITH.replace("BODY", "{% include \"nope.html\" %}")),
            Fails(1, &["templates/page.html", "nope.html"]),
        ),
        case(
            "missing parent template",
            "`{% extends \"nope.html\" %}`",
            |r| template(r, "page.html", "{% extends \"nope.html\" %}"),
            Fails(1, &["templates/page.html", "nope.html"]),
        ),
        case(
            "undefined variable",
            "`{{ nope.x }}` in templates/page.html",
            |r| template(r, "page.html", &PAGE_WITH.replace("BODY", "{{ nope.x }}")),
            Fails(1, &["templates/page.html", "nope.x", "not found", "while rendering /about/"]),
        ),
        case(
            "broken card macro",
            "`{{ a.nope }}` in the card macro of templates/macros.html",
            |r| template(r, "macros.html", &macros_with_card("{{ a.nope }}")),
            Fails(1, &["templates/macros.html", "a.nope", "not found", "while rendering the card of /articles/"]),
        ),
        case(
            "template extends itself",
            "`{% extends \"page.html\" %}` in page.html",
            |r| template(r, "page.html", "{% extends \"page.html\" %}"),
            Fails(1, &["templates/page.html", "Circular extend detected"]),
        ),
        case(
            "templates include each other",
            "a.html includes b.html includes a.html",
            |r| {
                template(r, "a.html", "{% include \"b.html\" %}");
                template(r, "b.html", "{% include \"a.html\" %}");
                template(r, "page.html", &PAGE_WITH.replace("BODY", "{% include \"a.html\" %}"));
            },
            Fails(1, &["templates/page.html", "templates nest too deeply", "stopping condition"]),
        ),
        case(
            "endless macro recursion",
            "a macro calling itself with no stop",
            |r| {
                template(r, "loop.html", "{% macro down(n) %}{{ self::down(n=n+1) }}{% endmacro down %}");
                template(r, "page.html", "{% extends \"base.html\" %}{% import \"loop.html\" as l %}{% block content %}{{ l::down(n=1) }}{% endblock content %}");
            },
            Fails(1, &["templates/page.html", "templates nest too deeply", "stopping condition"]),
        ),
        case(
            "bounded macro recursion",
            "a macro recursing 30 levels, then stopping",
            |r| {
                template(r, "tree.html", "{% macro down(n) %}{% if n < 30 %}<i>{{ n }}</i>{{ self::down(n=n+1) }}{% endif %}{% endmacro down %}");
                template(r, "page.html", "{% extends \"base.html\" %}{% import \"tree.html\" as t %}{% block content %}{{ t::down(n=1) }}{% endblock content %}");
            },
            Builds(&[("about/index.html", "<i>29</i>")], &[]),
        ),
        // --- the output folder ---
        with_args(
            "output is the site",
            "`--output .` (the site folder)",
            |r| Some(vec!["--output".into(), r.into()]),
            Fails(2, &["is the site folder or contains it: building there would delete the site"]),
        ),
        with_args(
            "output contains the site",
            "`--output ..`",
            |r| Some(vec!["--output".into(), r.parent().unwrap().into()]),
            Fails(2, &["is the site folder or contains it"]),
        ),
        with_args(
            "output inside content/",
            "`--output content/site`",
            |r| Some(vec!["--output".into(), r.join("content/site").into()]),
            Fails(2, &["is inside the site's content/ folder"]),
        ),
        with_args(
            "output is another folder",
            "`--output` a folder of documents",
            |r| {
                write(r, "docs/thesis.odt", "x");
                Some(vec!["--output".into(), r.join("docs").into()])
            },
            Fails(2, &["is not empty and was not built by sahel-brief", "choose an empty or new --output"]),
        ),
        with_args(
            "output below a file",
            "`--output site.toml/public`",
            |r| Some(vec!["--output".into(), r.join("site.toml/public").into()]),
            Fails(1, &["site.toml: cannot write the site: File exists", "pass another --output", "previous site is left as it was"]),
        ),
        with_args(
            "read-only output folder",
            "`chmod 555` on the folder holding public/",
            |r| {
                if !permissions_apply(r) {
                    eprintln!("skipped: running as root, chmod 555 does not stop writes");
                    return None;
                }
                let out = r.join("ro");
                fs::create_dir_all(&out).unwrap();
                chmod(&out, 0o555);
                Some(vec!["--output".into(), out.join("public").into()])
            },
            Fails(1, &["ro/.public.lock: cannot write the site: Permission denied", "pass another --output"]),
        ),
        with_args(
            "output on a read-only file system",
            "`--output /proc/sahel-brief-test`",
            |_| Some(vec!["--output".into(), "/proc/sahel-brief-test/public".into()]),
            Fails(1, &["/proc/sahel-brief-test: cannot write the site: No such file or directory", "pass another --output"]),
        ),
    ]
}

#[test]
fn bad_inputs_table() {
    let base = built_fixture();
    let base = base.path();
    let before = snapshot(&base.join("public"));
    assert!(before.contains_key(Path::new("index.html")));
    let cases = cases();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut failures = Vec::new();
    let mut table = String::new();
    for case in &cases {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(base, &root);
        let Some(args) = (case.setup)(&root) else {
            let _ = writeln!(table, "| {} | (skipped here) | | |", case.input);
            continue;
        };
        let out = run(&root, &args, Duration::from_secs(60));
        let mut problems = Vec::new();
        if out.stderr.contains("panicked") || out.stderr.contains("overflow") {
            problems.push("panicked".to_string());
        }
        let messages = out.stderr.clone();
        match &case.expect {
            Expect::Fails(code, texts) => {
                if out.code != Some(*code) {
                    problems.push(format!("exit {:?}, expected {code}", out.code));
                }
                for text in *texts {
                    if !messages.contains(text) {
                        problems.push(format!("no {text:?}"));
                    }
                }
                if snapshot(&root.join("public")) != before {
                    problems.push("public/ changed".to_string());
                }
            }
            Expect::Builds(files, warnings) => {
                if out.code != Some(0) || !out.stdout.contains("Built") {
                    problems.push(format!("exit {:?}, expected 0", out.code));
                }
                for (file, text) in *files {
                    let html =
                        fs::read_to_string(root.join("public").join(file)).unwrap_or_default();
                    if !html.contains(text) {
                        problems.push(format!("{file} lacks {text:?}"));
                    }
                }
                for text in *warnings {
                    if !messages.contains(text) {
                        problems.push(format!("no warning {text:?}"));
                    }
                }
            }
        }
        let leftovers = leftovers(&root);
        if !leftovers.is_empty() {
            problems.push(format!("left behind {leftovers:?}"));
        }
        restore_permissions(&root);
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\n  exit {:?}\n  stderr: {}",
                case.name,
                problems.join("; "),
                out.code,
                messages.trim().replace('\n', "\n          ")
            ));
        }
        let shown = if matches!(case.expect, Expect::Builds(..)) {
            let warnings: Vec<&str> = messages.lines().collect();
            if warnings.is_empty() {
                "builds".to_string()
            } else {
                format!("builds; `{}`", warnings.join("` `"))
            }
        } else {
            messages
                .lines()
                .filter(|l| !l.ends_with(" found"))
                .map(|l| format!("`{}`", l.replace('|', "\\|")))
                .collect::<Vec<_>>()
                .join("<br>")
        };
        let _ = writeln!(
            table,
            "| {} | {} | {} |",
            case.input.replace('|', "\\|"),
            shown,
            out.code.map_or("signal".to_string(), |c| c.to_string()),
        );
    }
    if let Ok(path) = std::env::var("BAD_INPUTS_TABLE") {
        fs::write(path, &table).unwrap();
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Gives back read and write access so the temp dir can be removed.
fn restore_permissions(root: &Path) {
    for rel in ["content/articles/jnim-attack.md", "content/actors", "ro"] {
        let path = root.join(rel);
        if path.exists() {
            let mode = if path.is_dir() { 0o755 } else { 0o644 };
            chmod(&path, mode);
        }
    }
}

/// A site with `n` articles, built once.
fn big_site(n: usize, body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_fixture(dir.path());
    for i in 0..n {
        write(
            dir.path(),
            &format!("content/articles/a{i:06}.md"),
            format!(
                "+++\ntitle = \"Article {i}\"\ndate = 2024-01-{:02}\ncountries = [\"niger\"]\nactors = [\"jnim\"]\ntags = [\"t{}\"]\n+++\n{body}\n",
                i % 28 + 1,
                i % 50
            ),
        );
    }
    dir
}

/// Killed at several moments of a build (SIGKILL: no cleanup runs),
/// public/ is each time either the previous site, intact, or the whole new
/// one (a kill that lands after the swap), never a mix; the next build
/// succeeds and leaves nothing behind.
#[test]
fn interrupted_build_keeps_the_previous_site() {
    let site = big_site(1500, "A paragraph about the Sahel.\n\nAnother one.");
    let root = site.path();
    let out = run(root, &[], Duration::from_secs(300));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let before = fingerprint(&root.join("public"));
    write(
        root,
        "content/articles/new.md",
        "+++\ntitle = \"New\"\ndate = 2024-05-01\n+++\nNew.\n",
    );
    let mut killed_while_staging = 0;
    // (delay, public/ after the kill) of each killed build.
    let mut killed = Vec::new();
    for delay_ms in [0, 10, 20, 35, 50, 80, 150, 300, 600, 1000, 2000, 4000] {
        let mut child = bin()
            .arg("build")
            .arg("--root")
            .arg(root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        // A full build stages the site; an incremental one sets aside the
        // files it changes.
        if root.join(".public.staging").exists() || root.join(".public.incoming").exists() {
            killed_while_staging += 1;
        }
        child.kill().unwrap();
        let status = child.wait().unwrap();
        if status.success() {
            // Finished before the kill: later kills land on the new site.
            break;
        }
        // Killed while moving changed files in: the journal says what is
        // left to do, and the next build finishes it.
        let journal = root.join(".public.journal").exists();
        killed.push((delay_ms, journal, fingerprint(&root.join("public"))));
    }
    assert!(killed_while_staging > 0, "no kill landed mid-write");
    let out = run(root, &[], Duration::from_secs(300));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(root.join("public/articles/new/index.html").exists());
    assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
    let after = fingerprint(&root.join("public"));
    for (delay_ms, journal, public) in killed {
        assert!(
            journal || public == before || public == after,
            "public/ is neither the old site nor the new one after a build killed at {delay_ms} ms"
        );
    }
}

/// A digest of every file's path and bytes.
fn fingerprint(dir: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    snapshot(dir).hash(&mut hasher);
    hasher.finish()
}

/// Killed between the two renames of the swap, a build leaves the previous
/// site as `.public.old` and no public/: the next build, even a failing
/// one, puts it back first.
#[test]
fn build_killed_during_the_swap_is_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(built_fixture().path(), &root);
    let before = snapshot(&root.join("public"));
    fs::rename(root.join("public"), root.join(".public.old")).unwrap();
    fs::create_dir_all(root.join(".public.staging/articles")).unwrap();
    bad_article(&root, "title = \"T\"\n");
    let out = run(&root, &[], Duration::from_secs(60));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        snapshot(&root.join("public")) == before,
        "previous site restored"
    );
    fs::remove_file(root.join("content/articles/bad.md")).unwrap();
    let out = run(&root, &[], Duration::from_secs(60));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

/// A 100 MB article builds (large inputs are not an error), in bounded
/// time. Slow in a debug build: run with --release --ignored.
#[test]
#[ignore = "100 MB input: run with `cargo test --release --test bad_inputs -- --ignored`"]
fn hundred_megabyte_article_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(built_fixture().path(), &root);
    let paragraph = "Des hommes armés ont attaqué un poste militaire près de Tillabéri, \
                     selon une source sécuritaire; le bilan reste incertain. ";
    let mut body = String::with_capacity(100 << 20);
    let mut n = 0;
    while body.len() < 100 << 20 {
        body.push_str(paragraph);
        body.push_str(&format!("Mot{n} "));
        n += 1;
        if n % 8 == 0 {
            body.push_str("\n\n");
        }
    }
    write(
        &root,
        "content/articles/huge.md",
        format!("+++\ntitle = \"Huge\"\ndate = 2024-02-01\ncountries = [\"niger\"]\n+++\n{body}"),
    );
    let started = Instant::now();
    let out = run(&root, &[], Duration::from_secs(600));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    eprintln!("100 MB article built in {:?}", started.elapsed());
    let html = fs::metadata(root.join("public/articles/huge/index.html")).unwrap();
    assert!(html.len() > 100 << 20);
}

/// 100,000 tiny articles build. Run with --release --ignored.
#[test]
#[ignore = "100,000 articles: run with `cargo test --release --test bad_inputs -- --ignored`"]
fn hundred_thousand_articles_build() {
    let started = Instant::now();
    let site = big_site(100_000, "Tiny.");
    eprintln!("generated in {:?}", started.elapsed());
    let started = Instant::now();
    let out = run(site.path(), &[], Duration::from_secs(1800));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    eprintln!(
        "100,000 articles built in {:?}: {}",
        started.elapsed(),
        out.stdout.trim()
    );
    assert!(out.stdout.contains("100002 articles"), "{}", out.stdout);
}

/// A full disk mid-build: the build fails with a clear message and the
/// previous public/ survives. Needs root to mount a 2 MB tmpfs.
#[test]
#[ignore = "mounts a tmpfs: run as root with `cargo test --test bad_inputs -- --ignored full_disk`"]
fn full_disk_keeps_the_previous_site() {
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    fs::create_dir_all(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&disk)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(disk.clone());
    let root = disk.join("site");
    copy_dir(built_fixture().path(), &root);
    let before = snapshot(&root.join("public"));
    // Articles big enough that a second copy of the site does not fit.
    let filler = "Texte de remplissage pour occuper le disque. ".repeat(2000);
    for i in 0..8 {
        write(
            &root,
            &format!("content/articles/fill{i}.md"),
            format!(
                "+++\ntitle = \"Fill {i}\"\ndate = 2024-03-0{}\n+++\n{filler}\n",
                i + 1
            ),
        );
    }
    let out = run(&root, &[], Duration::from_secs(120));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("cannot write the site: No space left on device"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("pass another --output"),
        "{}",
        out.stderr
    );
    assert!(snapshot(&root.join("public")) == before);
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}
