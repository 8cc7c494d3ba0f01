//! Validation that `check` and `build` share: ids and slugs that would
//! collide or could not be folder names, tags, `base_url`, dates, and the
//! characters that may reach a terminal or an XML file. Every case runs
//! the real binary on a small site in a temporary folder.

use std::fs;
use std::path::Path;
use std::process::Command;

mod common;
use common::{fixture, write};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `sahel-brief COMMAND --root ROOT ARGS...`, messages with the site's
/// path removed so they read `content/...`.
fn run(root: &Path, command: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_sahel-brief"))
        .arg(command)
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    let clean = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes).into_owned();
        text.replace(&format!("{}/", root.display()), "")
    };
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: clean(&out.stdout),
        stderr: clean(&out.stderr),
    }
}

/// Both `check` and `build` fail with exit 1 and every one of `expected`
/// in their messages; `build` leaves no output folder behind.
fn both_refuse(root: &Path, expected: &[&str]) {
    for command in ["check", "build"] {
        let out = run(root, command, &[]);
        assert_eq!(out.code, 1, "{command}: {}{}", out.stdout, out.stderr);
        for text in expected {
            assert!(
                out.stderr.contains(text),
                "{command}: expected {text:?} in:\n{}",
                out.stderr
            );
        }
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
    assert!(!root.join("public").exists());
    assert!(!root.join(".public.staging").exists());
}

/// Both `check` and `build` succeed.
fn both_accept(root: &Path) {
    for command in ["check", "build"] {
        let out = run(root, command, &[]);
        assert_eq!(out.code, 0, "{command}: {}", out.stderr);
    }
}

/// An article whose line 4 is `extra` (line 2 the title, line 3 the date).
fn article_with(root: &Path, name: &str, extra: &str) {
    write(
        root,
        &format!("content/articles/{name}.md"),
        format!("+++\ntitle = \"T {name}\"\ndate = 2024-01-02\n{extra}\n+++\nBody.\n"),
    );
}

#[test]
fn profile_file_names_must_be_ids() {
    let site = fixture(20);
    let root = site.path();
    let niger = fs::read_to_string(root.join("content/countries/niger.md")).unwrap();
    write(root, "content/countries/Niger.md", &niger);
    write(
        root,
        "content/actors/goïta.md",
        "+++\nname = \"Assimi Goïta\"\nkind = \"person\"\n+++\n",
    );
    both_refuse(
        root,
        &[
            "content/countries/Niger.md: the file name \"Niger\" is not an id",
            "(rename the file niger.md)",
            "content/actors/goïta.md: the file name \"goïta\" is not an id",
            "(rename the file goita.md)",
        ],
    );
}

#[test]
fn two_profiles_or_articles_with_one_id_name_both_files() {
    let site = fixture(20);
    let root = site.path();
    let niger = fs::read_to_string(root.join("content/countries/niger.md")).unwrap();
    write(root, "content/countries/west/niger.md", &niger);
    let coup = fs::read_to_string(root.join("content/articles/coup-in-niger.md")).unwrap();
    write(root, "content/articles/Coup in Niger.md", &coup);
    both_refuse(
        root,
        &[
            "content/countries/west/niger.md: duplicate country id \"niger\", also used by content/countries/niger.md",
            "duplicate article slug \"coup-in-niger\"",
            "content/articles/Coup in Niger.md",
        ],
    );
}

#[test]
fn slugs_and_tags_too_long_for_a_folder_name_stop_check_and_build() {
    let site = fixture(20);
    let root = site.path();
    let long = "a".repeat(256);
    article_with(root, "long-slug", &format!("slug = \"{long}\""));
    article_with(root, "long-tag", &format!("tags = [\"ok\", \"{long}\"]"));
    write(
        root,
        "content/pages/long.md",
        format!("+++\ntitle = \"P\"\nslug = \"{long}\"\n+++\n"),
    );
    both_refuse(
        root,
        &[
            "content/articles/long-slug.md:4:9: slug \"aaaaaaaaaaaaaaaaaaaa…\" is 256 bytes long",
            "content/articles/long-tag.md:4:16: tag \"aaaaaaaaaaaaaaaaaaaa…\" is 256 bytes long",
            "content/pages/long.md: the page's slug \"aaaaaaaaaaaaaaaaaaaa…\" is 256 bytes long",
        ],
    );
    fs::remove_file(root.join("content/pages/long.md")).unwrap();
    // 255 bytes is the most a file system takes, and is fine.
    let most = "a".repeat(255);
    article_with(root, "long-slug", &format!("slug = \"{most}\""));
    article_with(root, "long-tag", &format!("tags = [\"ok\", \"{most}\"]"));
    both_accept(root);
    assert!(root
        .join(format!("public/tags/{most}/index.html"))
        .is_file());
}

#[test]
fn distinct_tags_that_would_share_a_page_are_an_error_naming_both() {
    let site = fixture(20);
    let root = site.path();
    article_with(root, "one", "tags = [\"A B\"]");
    article_with(root, "two", "tags = [\"x\", \"a/b\"]");
    both_refuse(
        root,
        &["content/articles/two.md:4:15: tag \"a/b\" and tag \"A B\" (content/articles/one.md:4:10) would share the page /tags/a-b/"],
    );
}

#[test]
fn tags_that_differ_only_in_case_and_spacing_are_one_tag() {
    let site = fixture(20);
    let root = site.path();
    article_with(root, "one", "tags = [\"Air Defence\"]");
    article_with(root, "two", "tags = [\"air-defence\", \"air_defence\"]");
    both_accept(root);
    let page = fs::read_to_string(root.join("public/tags/air-defence/index.html")).unwrap();
    assert!(page.contains("T one") && page.contains("T two"), "{page}");
}

#[test]
fn tags_in_other_scripts_keep_their_letters() {
    let site = fixture(20);
    let root = site.path();
    article_with(root, "one", "tags = [\"عربى\"]");
    article_with(root, "two", "tags = [\"رب\", \"Sécurité\"]");
    // check resolves the percent-encoded links to the UTF-8 folders.
    both_accept(root);
    for tag in ["عربى", "رب", "sécurité"] {
        let page = root.join(format!("public/tags/{tag}/index.html"));
        assert!(page.is_file(), "{}", page.display());
    }
    let article = fs::read_to_string(root.join("public/articles/two/index.html")).unwrap();
    assert!(
        article.contains("/tags/%D8%B1%D8%A8/") && article.contains("/tags/s%C3%A9curit%C3%A9/"),
        "links are percent-encoded: {article}"
    );
}

#[test]
fn tags_without_letters_or_with_invisible_characters_are_errors() {
    let site = fixture(20);
    let root = site.path();
    article_with(root, "empty", "tags = [\"\"]");
    article_with(root, "dots", "tags = [\"ok\", \"..\"]");
    article_with(root, "zero-width", "tags = [\"\\u200B\"]");
    article_with(root, "rlo", "tags = [\"\\u202Egnp.exe\"]");
    both_refuse(
        root,
        &[
            "content/articles/empty.md:4:10: tag \"\" has no letter or digit",
            "content/articles/dots.md:4:16: tag \"..\" has no letter or digit",
            "content/articles/zero-width.md:4:10: tag \"\\u{200b}\" holds the invisible character U+200B",
            "content/articles/rlo.md:4:10: tag \"\\u{202e}gnp.exe\" holds the invisible character U+202E",
        ],
    );
}

#[test]
fn dates_before_the_year_1000_are_refused() {
    let site = fixture(20);
    let root = site.path();
    write(
        root,
        "content/articles/zero.md",
        "+++\ntitle = \"Year zero\"\ndate = 0000-01-01\n+++\nBody.\n",
    );
    write(
        root,
        "content/articles/old.md",
        "+++\ntitle = \"Old\"\ndate = 2024-01-01\nupdated = 0999-12-31\n+++\nBody.\n",
    );
    both_refuse(
        root,
        &[
            "content/articles/zero.md:3:8: the year 0 is before 1000 (write the full year with four digits",
            "content/articles/old.md:4:11: the year 999 is before 1000",
        ],
    );
    fs::remove_file(root.join("content/articles/old.md")).unwrap();
    write(
        root,
        "content/articles/zero.md",
        "+++\ntitle = \"Year 1000\"\ndate = 1000-01-01\n+++\nBody.\n",
    );
    both_accept(root);
    assert!(root.join("public/archive/1000/01/index.html").is_file());
}

fn with_base_url(root: &Path, url: &str) {
    write(
        root,
        "site.toml",
        format!("title = \"Test Brief\"\nbase_url = \"{url}\"\n"),
    );
}

#[test]
fn base_url_must_be_an_absolute_http_url_without_credentials_query_or_fragment() {
    let site = fixture(20);
    let root = site.path();
    for (url, why) in [
        ("//evil.example/", "is not an absolute URL"),
        ("/", "is not an absolute URL"),
        ("https://x.org/?x=1#f", "has a query"),
        ("https://x.org/a b/", "holds ' '"),
        ("https://x.org/a'b/", "holds '\\''"),
        ("https://user:pass@x.org/", "holds a user name or password"),
        ("ftp://x.org/", "uses the ftp: scheme"),
    ] {
        with_base_url(root, url);
        both_refuse(
            root,
            &[&format!("site.toml:2:13: base_url \"{url}\" {why}")],
        );
    }
}

#[test]
fn base_url_is_normalised() {
    let site = fixture(20);
    let root = site.path();
    with_base_url(root, "HTTPS://X.ORG/Brief");
    both_accept(root);
    let feed = fs::read_to_string(root.join("public/atom.xml")).unwrap();
    assert!(
        feed.contains("<id>https://x.org/Brief/</id>")
            || feed.contains("https://x.org/Brief/atom.xml"),
        "{feed}"
    );
    assert!(!feed.contains("X.ORG"), "{feed}");
}

#[test]
fn a_bad_base_url_option_is_a_usage_error() {
    let site = fixture(20);
    let root = site.path();
    for url in ["//evil.example/", "https://u:p@x.org/", "/"] {
        let out = run(root, "build", &["--base-url", url]);
        assert_eq!(out.code, 2, "{url}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!("error: --base-url \"{url}\"")),
            "{}",
            out.stderr
        );
    }
    let out = run(root, "build", &["--base-url", "HTTP://Example.ORG"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sitemap = fs::read_to_string(root.join("public/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>http://example.org/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn messages_show_control_characters_instead_of_obeying_them() {
    let site = fixture(20);
    let root = site.path();
    // Clear the screen, set the window title, hide what follows.
    article_with(
        root,
        "evil",
        "actors = [\"\\u001b[2J\", \"\\u001b]0;owned\\u0007\", \"\\u001b[8m\", \"\\u009b31m\", \"\\u202e\"]",
    );
    for command in ["check", "build"] {
        let out = run(root, command, &[]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!out.stderr.contains(raw), "{raw:?} in {:?}", out.stderr);
        }
        for shown in [
            "unknown actor \"\\u{1b}[2J\"",
            "unknown actor \"\\u{1b}]0;owned\\u{7}\"",
            "unknown actor \"\\u{1b}[8m\"",
            "unknown actor \"\\u{9b}31m\"",
            "unknown actor \"\\u{202e}\"",
        ] {
            assert!(out.stderr.contains(shown), "{shown} in {}", out.stderr);
        }
    }
}

/// Every file under `dir`, by path relative to it.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn characters_xml_forbids_never_reach_an_output() {
    let site = fixture(20);
    let root = site.path();
    // Escaped in the TOML, and raw in the Markdown body.
    write(
        root,
        "content/articles/controls.md",
        "+++\ntitle = \"Bad\\u0001 \\u000B title\\u0000\"\ndate = 2024-01-02\ncountries = [\"niger\"]\nsummary = \"s\\u0001\"\n+++\nText \u{1}\u{b} and \u{fffe}\u{ffff} end.\n",
    );
    let check = run(root, "check", &[]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let build = run(root, "build", &[]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains("warning: content/articles/controls.md:7:6: holds 4 control characters, the first U+0001, left out of the site"),
        "{}",
        build.stderr
    );
    let mut xml_files = 0;
    for path in files_under(&root.join("public")) {
        let name = path.display().to_string();
        // JSON escapes what it must; XML and HTML have no escape for these.
        if !(name.ends_with(".xml") || name.ends_with(".html")) {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        for c in ['\u{0}', '\u{1}', '\u{b}', '\u{fffe}', '\u{ffff}'] {
            assert!(!text.contains(c), "{c:?} in {name}");
        }
        if name.ends_with(".xml") {
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            xml_files += 1;
        }
    }
    assert!(xml_files >= 4, "feeds and sitemap parsed: {xml_files}");
    let feed = fs::read_to_string(root.join("public/atom.xml")).unwrap();
    assert!(feed.contains("Bad  title"), "{feed}");
}

#[test]
fn check_parses_every_feed_and_the_sitemap_as_xml() {
    let site = fixture(20);
    let root = site.path();
    write(
        root,
        "templates/atom.xml",
        "<?xml version=\"1.0\"?>\n<feed><title>{{ title }}</title>\n",
    );
    let out = run(root, "check", &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("error: public/atom.xml: not well-formed XML:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("error: public/countries/niger/atom.xml: not well-formed XML:"),
        "{}",
        out.stderr
    );
}

/// A `sahel-brief serve` process, stopped when dropped.
struct Serving {
    child: std::process::Child,
    addr: String,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(root: &Path, bind: &str) -> Serving {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sahel-brief"))
        .args(["serve", "--port", "0", "--bind", bind, "--root"])
        .arg(root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(stdout).lines();
    let addr = loop {
        let line = lines.next().expect("serve prints its address").unwrap();
        if let Some(rest) = line.strip_prefix("Serving http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Serving { child, addr }
}

/// The status and reply of `GET /` sent to `addr` with this `Host` header.
fn status_with_host(addr: &str, host: &str) -> (u16, String) {
    status_of(addr, "/", host)
}

/// The status and reply of `GET path` sent to `addr` with this `Host`.
fn status_of(addr: &str, path: &str, host: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let status = reply.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, reply)
}

#[test]
fn serve_answers_only_to_loopback_names_and_the_bound_address() {
    let site = fixture(20);
    let server = serve(site.path(), "127.0.0.1");
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "localhost".to_string(),
        format!("[::1]:{port}"),
    ] {
        let (status, reply) = status_with_host(&server.addr, &host);
        assert_eq!(status, 200, "{host}: {reply}");
    }
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("192.168.0.2:{port}"),
    ] {
        let (status, reply) = status_with_host(&server.addr, &host);
        assert_eq!(status, 421, "{host}: {reply}");
        assert!(reply.contains("DNS rebinding"), "{reply}");
        assert!(!reply.contains("Coup in Niger"), "{reply}");
    }
}

/// Slow in a debug build (50,000 profiles): run it with
/// `cargo test --release --test validation -- --ignored`.
#[test]
#[ignore]
fn a_sitemap_over_50000_urls_becomes_an_index() {
    let site = fixture(20);
    let root = site.path();
    // Trivial templates: only the sitemap is under test.
    write(root, "templates/actor.html", "a");
    write(root, "templates/actors.html", "a");
    write(root, "templates/atom.xml", "<feed/>");
    for i in 0..50_000 {
        write(
            root,
            &format!("content/actors/a{i}.md"),
            "+++\nname = \"A\"\nkind = \"person\"\n+++\n",
        );
    }
    let out = run(root, "build", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let read = |name: &str| fs::read_to_string(root.join("public").join(name)).unwrap();
    let index = read("sitemap.xml");
    let doc = roxmltree::Document::parse(&index).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        locs,
        [
            "https://example.org/sitemap-1.xml",
            "https://example.org/sitemap-2.xml"
        ]
    );
    let mut listed = 0;
    for part in ["sitemap-1.xml", "sitemap-2.xml"] {
        let text = read(part);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let urls = doc.descendants().filter(|n| n.has_tag_name("url")).count();
        assert!(urls <= 50_000, "{part}: {urls}");
        listed += urls;
    }
    // The home page, 4 articles, 2 countries, 50,003 actors, 1 page.
    assert_eq!(listed, 50_011);
    assert!(read("robots.txt").contains("Sitemap: https://example.org/sitemap.xml"));
}

#[test]
fn a_small_sitemap_is_one_file() {
    let site = fixture(20);
    let root = site.path();
    both_accept(root);
    let text = fs::read_to_string(root.join("public/sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    assert!(!root.join("public/sitemap-1.xml").exists());
}

#[test]
fn import_shows_control_characters_of_source_names_instead_of_obeying_them() {
    let site = fixture(20);
    let root = site.path();
    let name = "attack\u{1b}[2J\u{1b}]0;owned\u{7}.txt";
    write(
        root,
        name,
        "Attack in Niger\n\nNiamey, 12 April 2024. Soldiers were attacked in Niger.\n",
    );
    let source = root.join(name);
    let out = run(root, "import", &["--dry-run", source.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all:?}");
    assert!(
        out.stdout
            .contains("attack\\u{1b}[2J\\u{1b}]0;owned\\u{7}.txt -> "),
        "{}",
        out.stdout
    );
}

#[test]
fn serve_finds_tag_pages_by_their_percent_encoded_urls() {
    let site = fixture(20);
    let root = site.path();
    article_with(root, "one", "tags = [\"رب\"]");
    let server = serve(root, "127.0.0.1");
    let (status, reply) = status_of(&server.addr, "/tags/%D8%B1%D8%A8/", &server.addr);
    assert_eq!(status, 200, "{reply}");
    assert!(reply.contains("T one"), "{reply}");
    let (status, reply) = status_of(&server.addr, "/tags/%D8%B1/", &server.addr);
    assert_eq!(status, 404, "another tag: {reply}");
}

#[test]
fn tag_profiles_are_named_by_their_tags_slug() {
    let site = fixture(20);
    let root = site.path();
    write(root, "content/tags/Coup.md", "+++\nname = \"Coup\"\n+++\n");
    write(
        root,
        "content/tags/a/coup.md",
        "+++\nname = \"Coup\"\n+++\n",
    );
    write(root, "content/tags/coup.md", "+++\nname = \"Coup\"\n+++\n");
    both_refuse(
        root,
        &[
            "content/tags/Coup.md: the file name \"Coup\" is not a tag's slug",
            "(rename the file coup.md)",
            "duplicate tag id \"coup\"",
        ],
    );
    fs::remove_file(root.join("content/tags/Coup.md")).unwrap();
    fs::remove_file(root.join("content/tags/a/coup.md")).unwrap();
    // A tag in another script is described by a file of that name.
    article_with(root, "one", "tags = [\"رب\"]");
    write(
        root,
        "content/tags/رب.md",
        "+++\nname = \"Rabb\"\n+++\nAbout it.\n",
    );
    both_accept(root);
    let page = fs::read_to_string(root.join("public/tags/رب/index.html")).unwrap();
    assert!(page.contains("About it."), "{page}");
}
