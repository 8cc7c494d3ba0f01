//! `serve` over real HTTP: a fixture site in a temp dir, a server on a
//! free loopback port, edits on disk, and what the browser would see.

mod common;

use common::write;

use std::fs;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use sahel_brief::serve::{build_in_memory, ServeOptions, Server};

/// How long a rebuild may take to show before a test gives up.
const PATIENCE: Duration = Duration::from_secs(30);

fn article_text(title: &str, date: &str, countries: &str, actors: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\nlang = \"en\"\ncountries = [{countries}]\n\
         actors = [{actors}]\ntags = [\"security\"]\n[source]\nname = \"Wire\"\n+++\n{body}\n"
    )
}

/// Two countries, one actor, two articles.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        "title = \"Serve Test\"\nbase_url = \"https://example.org/brief/\"\nlanguage = \"en\"\npaginate_by = 10\n",
    );
    write(root, "static/site.css", "body { margin: 0; }\n");
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
        "content/actors/jnim.md",
        "+++\nname = \"JNIM\"\nkind = \"armed-group\"\n+++\nJNIM profile.\n",
    );
    write(
        root,
        "content/articles/attack-in-niger.md",
        article_text(
            "Attack in Niger",
            "2024-03-02",
            "\"niger\"",
            "\"jnim\"",
            "First report of the attack.",
        ),
    );
    write(
        root,
        "content/articles/talks-in-mali.md",
        article_text(
            "Talks in Mali",
            "2024-02-10",
            "\"mali\"",
            "\"jnim\"",
            "Talks were held in Bamako.",
        ),
    );
    dir
}

fn start(root: &Path) -> Server {
    Server::start(ServeOptions {
        root: root.to_path_buf(),
        port: 0,
        ..ServeOptions::default()
    })
    .unwrap()
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// A GET over a plain socket, the raw path sent as written.
fn get(addr: SocketAddr, path: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        headers: head.to_string(),
        body: body.to_string(),
    }
}

/// Polls `path` until `check` accepts the reply.
fn wait_for(addr: SocketAddr, path: &str, what: &str, check: impl Fn(&Reply) -> bool) -> Reply {
    let started = Instant::now();
    loop {
        let reply = get(addr, path);
        if check(&reply) {
            return reply;
        }
        if started.elapsed() > PATIENCE {
            panic!(
                "{path}: gave up waiting for {what}; last reply {}:\n{}",
                reply.status, reply.body
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The live-reload event stream, subscribed before returning.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(addr: SocketAddr) -> Events {
        Events::showing(addr, "")
    }

    /// The stream of a browser tab showing `page` (empty: none).
    fn showing(addr: SocketAddr, page: &str) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            stream,
            "GET /__livereload?page={page} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut events = Events {
            stream,
            seen: String::new(),
        };
        events.until("event: hello");
        events.seen.clear();
        events
    }

    /// Reads until `needle` has arrived; returns everything read.
    fn until(&mut self, needle: &str) -> String {
        let started = Instant::now();
        let mut buf = [0u8; 4096];
        while !self.seen.contains(needle) {
            assert!(
                started.elapsed() < PATIENCE,
                "no {needle:?} on the event stream; got {:?}",
                self.seen
            );
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("event stream closed; got {:?}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(e)
                    if e.kind() == std::io::ErrorKind::WouldBlock
                        || e.kind() == std::io::ErrorKind::TimedOut => {}
                Err(e) => panic!("event stream: {e}"),
            }
        }
        std::mem::take(&mut self.seen)
    }
}

/// What the server holds equals a fresh full build of the same files.
fn assert_same_as_full_build(server: &Server, root: &Path) {
    let full = build_in_memory(root, false, &server.url()).unwrap();
    let served = server.files();
    let missing: Vec<&String> = full.keys().filter(|k| !served.contains_key(*k)).collect();
    let extra: Vec<&String> = served.keys().filter(|k| !full.contains_key(*k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, extra {extra:?}"
    );
    for (file, bytes) in &full {
        assert!(served[file] == *bytes, "{file} is stale");
    }
}

#[test]
fn serves_the_site_with_reload_script_and_content_types() {
    let site = fixture();
    let server = start(site.path());
    let addr = server.addr();
    assert!(addr.ip().is_loopback());

    let home = get(addr, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("Attack in Niger"), "{}", home.body);
    assert!(home.body.contains("/__livereload"));
    // Links point at the preview, not at the configured sub-path.
    assert!(!home.body.contains("/brief/"), "{}", home.body);

    let article = get(addr, "/articles/attack-in-niger/");
    assert_eq!(article.status, 200);
    assert!(article.body.contains("First report of the attack."));

    for (path, kind) in [
        ("/atom.xml", "application/atom+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/search/w/0.js", "text/javascript"),
        ("/robots.txt", "text/plain"),
        ("/static/style.css", "text/css"),
    ] {
        let reply = get(addr, path);
        assert_eq!(reply.status, 200, "{path}");
        let got = reply.header("content-type").unwrap_or_default();
        assert!(got.starts_with(kind), "{path}: {got}");
        assert!(!reply.body.contains("__livereload"), "{path}");
    }

    // Without the trailing slash: redirected to the page.
    let bare = get(addr, "/articles/attack-in-niger");
    assert_eq!(bare.status, 308);
    assert_eq!(
        bare.header("location").as_deref(),
        Some("/articles/attack-in-niger/")
    );

    // The site's own 404 page, with status 404.
    let missing = get(addr, "/articles/no-such-article/");
    assert_eq!(missing.status, 404);
    let not_found = server.files()["404.html"].clone();
    let not_found = String::from_utf8(not_found).unwrap();
    let title = not_found
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap();
    assert!(missing.body.contains(title), "{}", missing.body);

    // The files of the site carry no script: only served HTML does.
    assert!(server
        .files()
        .values()
        .all(|f| !String::from_utf8_lossy(f).contains("__livereload")));
    assert_same_as_full_build(&server, site.path());
    server.shutdown();
}

#[test]
fn editing_an_article_updates_its_page_lists_and_feeds_and_reloads() {
    let site = fixture();
    let root = site.path();
    let server = start(root);
    let addr = server.addr();
    let mut events = Events::open(addr);

    write(
        root,
        "content/articles/attack-in-niger.md",
        article_text(
            "Attack near Niamey",
            "2024-03-02",
            "\"niger\"",
            "\"jnim\"",
            "Second report: the toll rose.",
        ),
    );
    let seen = events.until("event: reload");
    assert!(seen.contains("data: page"), "{seen}");

    let article = wait_for(addr, "/articles/attack-in-niger/", "the new body", |r| {
        r.body.contains("Second report: the toll rose.")
    });
    assert!(article.body.contains("Attack near Niamey"));
    assert!(!article.body.contains("First report"));
    // The term pages, the home page, the feed and the search data list
    // the new title.
    for path in [
        "/",
        "/countries/niger/",
        "/actors/jnim/",
        "/tags/security/",
        "/archive/2024/03/",
        "/atom.xml",
        "/search/d/0.js",
    ] {
        let reply = get(addr, path);
        assert_eq!(reply.status, 200, "{path}");
        assert!(reply.body.contains("Attack near Niamey"), "{path} is stale");
        assert!(!reply.body.contains("Attack in Niger"), "{path} is stale");
    }
    assert_same_as_full_build(&server, root);

    // Moving the article to another country and date changes the lists.
    write(
        root,
        "content/articles/attack-in-niger.md",
        article_text(
            "Attack near Niamey",
            "2024-01-05",
            "\"mali\"",
            "\"jnim\"",
            "Second report: the toll rose.",
        ),
    );
    events.until("event: reload");
    wait_for(addr, "/countries/mali/", "the moved article", |r| {
        r.body.contains("Attack near Niamey")
    });
    let niger = get(addr, "/countries/niger/");
    assert!(!niger.body.contains("Attack near Niamey"), "{}", niger.body);
    assert_eq!(get(addr, "/archive/2024/03/").status, 404);
    assert_eq!(get(addr, "/archive/2024/01/").status, 200);
    assert_same_as_full_build(&server, root);
    server.shutdown();
}

#[test]
fn added_renamed_and_deleted_articles_come_and_go() {
    let site = fixture();
    let root = site.path();
    let server = start(root);
    let addr = server.addr();
    let mut events = Events::open(addr);

    write(
        root,
        "content/articles/new-border-post.md",
        article_text(
            "New border post",
            "2024-04-01",
            "\"niger\", \"mali\"",
            "",
            "A post opened.",
        ),
    );
    events.until("event: reload");
    wait_for(addr, "/articles/new-border-post/", "the new article", |r| {
        r.status == 200
    });
    let home = get(addr, "/");
    assert!(home.body.contains("New border post"));
    assert_same_as_full_build(&server, root);

    fs::rename(
        root.join("content/articles/new-border-post.md"),
        root.join("content/articles/border-post.md"),
    )
    .unwrap();
    events.until("event: reload");
    wait_for(addr, "/articles/border-post/", "the renamed article", |r| {
        r.status == 200
    });
    wait_for(
        addr,
        "/articles/new-border-post/",
        "the old URL gone",
        |r| r.status == 404,
    );
    assert_same_as_full_build(&server, root);

    fs::remove_file(root.join("content/articles/border-post.md")).unwrap();
    events.until("event: reload");
    wait_for(
        addr,
        "/articles/border-post/",
        "the deleted article gone",
        |r| r.status == 404,
    );
    let home = get(addr, "/");
    assert!(!home.body.contains("border post"), "{}", home.body);
    assert_same_as_full_build(&server, root);
    server.shutdown();
}

#[test]
fn broken_files_show_an_error_page_until_fixed() {
    let site = fixture();
    let root = site.path();
    let server = start(root);
    let addr = server.addr();
    let mut events = Events::open(addr);

    // A template with a syntax error: every URL shows the error.
    write(
        root,
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}{% if %}<b>x</b>{% endblock %}",
    );
    events.until("event: reload");
    let broken = wait_for(addr, "/", "the error page", |r| r.status == 500);
    assert!(broken.body.contains("article.html"), "{}", broken.body);
    assert!(broken.body.contains("/__livereload"), "{}", broken.body);
    assert_eq!(get(addr, "/countries/niger/").status, 500);

    // Fixed: the site comes back, with the new template.
    write(
        root,
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom-template\">{{ article.title }}</p>{% endblock %}",
    );
    events.until("event: reload");
    let article = wait_for(addr, "/articles/talks-in-mali/", "the fixed site", |r| {
        r.status == 200
    });
    assert!(article.body.contains("custom-template"), "{}", article.body);
    assert_eq!(get(addr, "/").status, 200);
    assert_same_as_full_build(&server, root);

    // Broken front matter: the message names file, line and column,
    // escaped.
    write(
        root,
        "content/articles/talks-in-mali.md",
        "+++\ntitle = \"Talks <in> Mali\"\ndatee = 2024-02-10\n+++\nBody.\n",
    );
    events.until("event: reload");
    let broken = wait_for(addr, "/articles/talks-in-mali/", "the error page", |r| {
        r.status == 500
    });
    assert!(
        broken
            .body
            .contains("content/articles/talks-in-mali.md:3:1: unknown field"),
        "{}",
        broken.body
    );
    assert!(!broken.body.contains("<in>"));
    write(
        root,
        "content/articles/talks-in-mali.md",
        article_text(
            "Talks in Mali resume",
            "2024-02-10",
            "\"mali\"",
            "\"jnim\"",
            "Talks resumed.",
        ),
    );
    events.until("event: reload");
    wait_for(addr, "/countries/mali/", "the fixed site", |r| {
        r.status == 200 && r.body.contains("Talks in Mali resume")
    });
    assert_same_as_full_build(&server, root);
    server.shutdown();
}

#[test]
fn a_changed_card_macro_reaches_every_list() {
    let site = fixture();
    let root = site.path();
    let server = start(root);
    let addr = server.addr();
    let mut events = Events::open(addr);
    let custom = common::macros_with_card("<p class=\"new-card\">{{ a.title }}</p>");
    write(root, "templates/macros.html", &custom);
    events.until("event: reload");
    let niger = wait_for(addr, "/countries/niger/", "the new card", |r| {
        r.body.contains("new-card")
    });
    assert!(
        niger
            .body
            .contains("<p class=\"new-card\">Attack in Niger</p>"),
        "{}",
        niger.body
    );
    assert_same_as_full_build(&server, root);
    server.shutdown();
}

#[test]
fn static_files_alone_and_css_reloads_styles_only() {
    let site = fixture();
    let root = site.path();
    let server = start(root);
    let addr = server.addr();
    let mut events = Events::open(addr);

    write(root, "static/extra.css", "body { color: #123456; }\n");
    let seen = events.until("event: reload");
    assert!(seen.contains("data: css"), "{seen}");
    let css = wait_for(addr, "/static/extra.css", "the new file", |r| {
        r.status == 200
    });
    assert!(css.body.contains("#123456"));

    write(root, "static/notes.txt", "plain\n");
    let seen = events.until("event: reload");
    assert!(seen.contains("data: page"), "{seen}");
    wait_for(addr, "/static/notes.txt", "the new file", |r| {
        r.status == 200
    });

    fs::remove_file(root.join("static/extra.css")).unwrap();
    events.until("event: reload");
    wait_for(addr, "/static/extra.css", "the file gone", |r| {
        r.status == 404
    });
    server.shutdown();
}

#[test]
fn refuses_paths_outside_the_site() {
    let site = fixture();
    fs::write(site.path().join("secret.txt"), "SECRET").unwrap();
    let server = start(site.path());
    let addr = server.addr();
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/static%5c..%5c..%5csecret.txt",
        "/static\\..\\secret.txt",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/C:/Windows/win.ini",
        "/site.toml",
        "/content/articles/attack-in-niger.md",
    ] {
        let reply = get(addr, path);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{path}: {}",
            reply.status
        );
        assert!(!reply.body.contains("SECRET"), "{path}");
        assert!(!reply.body.contains("root:"), "{path}");
        assert!(!reply.body.contains("base_url"), "{path}");
    }
    server.shutdown();
}

#[test]
fn a_port_in_use_is_named() {
    let site = fixture();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let err = Server::start(ServeOptions {
        root: site.path().to_path_buf(),
        port,
        next_free_port: false,
        ..ServeOptions::default()
    })
    .err()
    .expect("the port is taken");
    assert!(err.to_string().contains(&format!("port {port}")), "{err}");
    assert_eq!(err.exit_code(), 2);

    // By default the next free port is used instead.
    let server = Server::start(ServeOptions {
        root: site.path().to_path_buf(),
        port,
        ..ServeOptions::default()
    })
    .unwrap();
    assert_ne!(server.addr().port(), port);
    assert_eq!(get(server.addr(), "/").status, 200);
    server.shutdown();
}

#[test]
fn editing_an_article_reaches_the_profiles_it_only_mentions_and_print_views() {
    let site = fixture();
    let root = site.path();
    let mentioning = |title: &str| {
        article_text(title, "2024-03-05", "\"niger\"", "\"jnim\"", "Body.").replace(
            "+++\nBody.",
            "[mentions]\ncountries = [\"mali\"]\n+++\nBody.",
        )
    };
    write(
        root,
        "content/articles/talks.md",
        mentioning("Talks in Niamey"),
    );
    let server = start(root);
    let addr = server.addr();
    let mut events = Events::open(addr);
    assert!(get(addr, "/countries/mali/")
        .body
        .contains("Talks in Niamey"));

    write(
        root,
        "content/articles/talks.md",
        mentioning("Talks resume in Niamey"),
    );
    events.until("event: reload");
    wait_for(addr, "/countries/mali/", "the new title", |r| {
        r.body.contains("Talks resume in Niamey")
    });
    for path in [
        "/countries/mali/print/",
        "/countries/niger/print/",
        "/articles/",
    ] {
        assert!(
            get(addr, path).body.contains("Talks resume in Niamey"),
            "{path} is stale"
        );
    }
    assert_same_as_full_build(&server, root);
    server.shutdown();
}

/// The page a tab shows is rendered before the reload, the others after
/// it; a request for one of those waits for it instead of getting the
/// stale copy.
#[test]
fn pages_rendered_after_the_reload_are_never_served_stale() {
    let site = fixture();
    let root = site.path();
    let server = start(root);
    let addr = server.addr();
    let mut shown = Events::showing(addr, "/articles/attack-in-niger/");
    let mut none = Events::open(addr);
    for k in 1..=3 {
        let title = format!("Attack in Niger, update {k}");
        let text = article_text(&title, "2024-03-02", "\"niger\"", "\"jnim\"", "New text.");
        write(root, "content/articles/attack-in-niger.md", text);
        shown.until("event: reload");
        // Straight after the reload: the lists must already show it.
        for page in [
            "/articles/attack-in-niger/",
            "/",
            "/countries/niger/",
            "/atom.xml",
        ] {
            let response = get(addr, page);
            assert!(
                response.body.contains(&title),
                "{page} is stale after edit {k}"
            );
        }
        none.until("event: reload");
    }
    assert_same_as_full_build(&server, root);
    server.shutdown();
}

#[test]
fn an_article_taking_another_ones_slug_shows_the_error() {
    let site = fixture();
    let root = site.path();
    let server = start(root);
    let addr = server.addr();
    let mut events = Events::open(addr);
    // A new file whose slug is that of "Attack in Niger".
    // Its tag is its own, so only its slug can clash.
    let text = article_text("Copy", "2024-03-05", "\"niger\"", "\"jnim\"", "Copy.")
        .replace("\"security\"", "\"copies\"");
    let clash = text.replace("lang = \"en\"", "lang = \"en\"\nslug = \"attack-in-niger\"");
    write(root, "content/articles/copy.md", &clash);
    events.until("event: reload");
    let broken = wait_for(addr, "/", "the error page", |r| r.status == 500);
    assert!(
        broken.body.contains("duplicate article slug") && broken.body.contains("attack-in-niger"),
        "{}",
        broken.body
    );
    write(root, "content/articles/copy.md", &text);
    events.until("event: reload");
    wait_for(addr, "/", "the fixed site", |r| r.status == 200);
    // An edit of an existing article taking the other's slug.
    let talks = fs::read_to_string(root.join("content/articles/talks-in-mali.md")).unwrap();
    write(
        root,
        "content/articles/talks-in-mali.md",
        talks
            .replace("lang = \"en\"", "lang = \"en\"\nslug = \"copy\"")
            .replace("\"security\"", "\"talks\""),
    );
    events.until("event: reload");
    let broken = wait_for(addr, "/", "the error page", |r| r.status == 500);
    assert!(
        broken.body.contains("duplicate article slug"),
        "{}",
        broken.body
    );
    write(root, "content/articles/talks-in-mali.md", &talks);
    events.until("event: reload");
    wait_for(addr, "/", "the fixed site", |r| r.status == 200);
    assert_same_as_full_build(&server, root);
    server.shutdown();
}

#[test]
fn an_edit_making_two_distinct_tags_share_a_page_shows_the_error() {
    let site = fixture();
    let root = site.path();
    let server = start(root);
    let addr = server.addr();
    let mut events = Events::open(addr);
    // "security!" and the other article's "security" would share /tags/security/.
    let text = article_text(
        "Talks in Mali",
        "2024-02-10",
        "\"mali\"",
        "\"jnim\"",
        "Talks.",
    );
    write(
        root,
        "content/articles/talks-in-mali.md",
        text.replace("tags = [\"security\"]", "tags = [\"security!\"]"),
    );
    events.until("event: reload");
    let broken = wait_for(addr, "/", "the error page", |r| r.status == 500);
    assert!(
        broken.body.contains("would share the page /tags/security/"),
        "{}",
        broken.body
    );
    write(root, "content/articles/talks-in-mali.md", text);
    events.until("event: reload");
    wait_for(addr, "/", "the fixed site", |r| r.status == 200);
    assert_same_as_full_build(&server, root);
    server.shutdown();
}
