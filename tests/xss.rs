//! Untrusted text never becomes live markup or a script URL: XSS payloads
//! in every field a user or a pasted source controls (titles, summaries,
//! bodies, source names and URLs, tags, profile names and bodies, page
//! titles, the site's own title) are checked in every file of the built
//! site: HTML pages, Atom and JSON feeds, the search data (as a file and
//! inline), the JSON-LD and the map.

use std::fs;
use std::path::{Path, PathBuf};

use sahel_brief::build::{build, BuildOptions};

/// Breaks out of text, of double- and single-quoted attributes, of
/// `<title>` and of `<script>`, and starts a comment.
const PAYLOAD: &str = r#"X<script>alert(1)</script><img src=x onerror=alert(2)>"' onmouseover="alert(3)' onfocus='alert(4)</title></script><svg/onload=alert(5)><!--"#;

const BODY: &str = r#"Para <script>alert(6)</script> and <img src=x onerror=alert(7)> and <a href="javascript:alert(8)">raw link</a>.

<div onclick="alert(9)"><iframe src="javascript:alert(10)"></iframe></div>

[a](javascript:alert(11)) [b](JaVaScRiPt:alert(12)) [c](java&#115;cript:alert(13))
[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxNCk8L3NjcmlwdD4=) [e](vbscript:msgbox(15))
<javascript:alert(16)> [f](%20javascript:alert(17)) [g](java%0Ascript:alert(18))
[h](https://ok.example/ "t\" onmouseover=\"alert(19)") [i](<javascript:alert(20)>)

![img](javascript:alert(21)) ![img2](x" onerror="alert(22))

[ref]: javascript:alert(23)
[j][ref] and a note[^n].

[^n]: Note <script>alert(24)</script> [k](javascript:alert(25))

## Heading <script>alert(26)</script> "quoted" onmouseover=alert(27)

| col <script>alert(28)</script> |
| --- |
| <img src=x onerror=alert(29)> |

```html
<script>alert(30)</script>
```

<style>body{display:none}</style>
<!-- <script>alert(31)</script> -->
"#;

/// Elements that run or restyle content; the theme uses none of them
/// (scripts are checked on their own).
const DANGEROUS_TAGS: &[&str] = &[
    "iframe", "object", "embed", "style", "base", "frame", "frameset",
];

/// The theme's own script tags: JSON data and its search script.
const THEME_SCRIPTS: &[&str] = &[
    "script type=\"application/ld+json\"",
    "script type=\"application/json\" id=\"search-meta\"",
    "script src=\"/brief/static/search.js\" defer",
];

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let p = toml_str(PAYLOAD);
    write(
        root,
        "site.toml",
        &format!(
            "title = {p}\ndescription = {p}\nauthor = {p}\nbase_url = \"https://example.org/brief/\"\nlanguage = \"en\"\n"
        ),
    );
    write(
        root,
        "content/countries/niger.md",
        &format!("+++\nname = {p}\nnames = {{ fr = {p}, en = {p} }}\naliases = [{p}]\niso = \"NE\"\nregion = \"sahel\"\n+++\n{BODY}"),
    );
    write(
        root,
        "content/countries/mali.md",
        "+++\nname = \"Mali\"\niso = \"ML\"\nregion = \"sahel\"\n+++\nMali.\n",
    );
    write(
        root,
        "content/actors/jnim.md",
        &format!("+++\nname = {p}\nnames = {{ fr = {p}, en = {p} }}\nkind = \"armed-group\"\naliases = [{p}]\n+++\n{BODY}"),
    );
    write(
        root,
        "content/actors/tiani.md",
        &format!("+++\nname = {p}\nkind = \"person\"\naffiliation = [\"niger\"]\n[[relations]]\ntype = \"leader-of\"\nactor = \"jnim\"\nsource = {p}\n+++\n"),
    );
    write(
        root,
        "content/articles/xss.md",
        &format!(
            "+++\ntitle = {p}\ndate = 2024-01-01\nlang = \"en\"\ncountries = [\"niger\", \"mali\"]\nactors = [\"jnim\", \"tiani\"]\ntags = [{p}, \"x<b>y\"]\nsummary = {p}\n[source]\nname = {p}\nurl = \"javascript:alert(40)\"\n[mentions]\nactors = [\"tiani\"]\n+++\n{BODY}"
        ),
    );
    // No summary: the first paragraph (with raw HTML) becomes it.
    write(
        root,
        "content/articles/first-paragraph.md",
        &format!(
            "+++\ntitle = \"Plain\"\ndate = 2024-01-02\ncountries = [\"niger\"]\nstatus = \"claimed\"\nclaimed_by = \"jnim\"\n[source]\nname = \"AFP\"\nurl = \" JAVASCRIPT:alert(41)\"\n[[sources]]\nname = {p}\ntype = \"social-media\"\nlanguage = \"fr\"\n+++\n{BODY}"
        ),
    );
    write(
        root,
        "content/articles/data-source.md",
        "+++\ntitle = \"Data source\"\ndate = 2024-01-03\n[source]\nname = \"S\"\nurl = \"data:text/html,<script>alert(42)</script>\"\n+++\nText.\n",
    );
    write(
        root,
        "content/pages/about.md",
        &format!("+++\ntitle = {p}\ndescription = {p}\n+++\n{BODY}"),
    );
    dir
}

fn built() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = site();
    build(&BuildOptions {
        root: dir.path().to_path_buf(),
        ..Default::default()
    })
    .unwrap();
    let public = dir.path().join("public");
    let files = files(&public)
        .into_iter()
        .filter(|p| !p.starts_with(public.join("static")))
        .collect();
    (dir, files)
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Problems in `html` as a browser would parse it: every real tag (text
/// holds `&lt;`, never `<`) is scanned for event-handler attributes,
/// script-capable URLs and dangerous elements. Script blocks are skipped
/// here and checked as JSON by the caller.
fn live_markup(html: &str, problems: &mut Vec<String>, what: &str) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with("!--") {
            problems.push(format!("{what}: a live comment <!--"));
            continue;
        }
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            if !rest.starts_with(['!', '?']) {
                problems.push(format!("{what}: a raw '<' in text"));
            }
            continue;
        }
        let (tag, after) = split_tag(rest);
        if !closing {
            if name == "script" && !THEME_SCRIPTS.iter().any(|t| tag.starts_with(t)) {
                problems.push(format!("{what}: <{tag}>"));
            }
            if DANGEROUS_TAGS.contains(&name.as_str()) {
                problems.push(format!("{what}: <{tag}>"));
            }
            for (attr, value) in attributes(&tag[name.len()..]) {
                if attr.starts_with("on") {
                    problems.push(format!("{what}: event handler in <{tag}>"));
                }
                let url: String = decode_entities(&value)
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let url_attr = [
                    "href",
                    "src",
                    "action",
                    "formaction",
                    "xlink:href",
                    "poster",
                    "content",
                ];
                if url_attr.contains(&attr.as_str())
                    && ["javascript:", "data:", "vbscript:"]
                        .iter()
                        .any(|s| url.starts_with(s))
                {
                    problems.push(format!("{what}: {attr}={value:?} in <{tag}>"));
                }
            }
        }
        rest = after;
        if name == "script" && !closing {
            // Skip the script's text, up to its end tag.
            rest = &rest[rest.find("</script").unwrap_or(rest.len())..];
        }
    }
}

/// The tag's text up to its `>` (quoted values may not hold `>`), and the
/// rest of the document.
fn split_tag(s: &str) -> (&str, &str) {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return (&s[..i], &s[i + 1..]),
            _ => {}
        }
    }
    (s, "")
}

/// `name=value` pairs of a tag's text, names lower-cased.
fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(['/', ' ']);
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            match r.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = r[1..].find(q).map_or(r.len(), |e| e + 1);
                    value = r[1..end].to_string();
                    rest = r.get(end + 1..).unwrap_or("");
                }
                _ => {
                    let end = r.find(char::is_whitespace).unwrap_or(r.len());
                    value = r[..end].to_string();
                    rest = &r[end..];
                }
            }
        }
        if name.is_empty() {
            rest = rest.get(1..).unwrap_or("");
            continue;
        }
        out.push((name, value));
    }
}

/// Character references as a browser decodes them: the named ones the
/// renderer writes, and every numeric one.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e < 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "amp" => Some('&'),
                "colon" => Some(':'),
                _ => {
                    let n = name.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every `<script ...>` block of a page: the tag and its text.
fn scripts(html: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script") {
        rest = &rest[i..];
        let tag_end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..tag_end];
        rest = &rest[tag_end..];
        let end = rest.find("</script").unwrap_or(rest.len());
        out.push((tag, &rest[..end]));
        rest = &rest[end..];
    }
    out
}

/// Walks a JSON value: URL-like fields must not be script URLs and HTML
/// fields must hold no live payload.
fn check_json(value: &serde_json::Value, key: &str, problems: &mut Vec<String>, what: &str) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                check_json(v, k, problems, what);
            }
        }
        serde_json::Value::Array(list) => {
            for v in list {
                check_json(v, key, problems, what);
            }
        }
        serde_json::Value::String(s) => {
            if key.contains("html") {
                live_markup(s, problems, &format!("{what} {key}"));
            }
            let lower = s.trim().to_ascii_lowercase();
            let url_like = [
                "url",
                "u",
                "external_url",
                "@id",
                "mainEntityOfPage",
                "image",
            ];
            if url_like.contains(&key)
                && ["javascript:", "data:", "vbscript:"]
                    .iter()
                    .any(|p| lower.starts_with(p))
            {
                problems.push(format!("{what}: {key} = {s}"));
            }
        }
        _ => {}
    }
}

#[test]
fn payloads_stay_inert_in_every_output_file() {
    let (dir, files) = built();
    let public = dir.path().join("public");
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for path in &files {
        let rel = path.strip_prefix(&public).unwrap().display().to_string();
        let text = fs::read_to_string(path).unwrap();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match ext {
            "html" => {
                seen.insert("html");
                live_markup(&text, &mut problems, &rel);
                for (tag, body) in scripts(&text) {
                    let allowed = tag == "<script type=\"application/ld+json\">"
                        || tag == "<script type=\"application/json\" id=\"search-meta\">"
                        || (tag.starts_with("<script src=\"") && body.is_empty());
                    if !allowed {
                        problems.push(format!("{rel}: unexpected {tag}"));
                        continue;
                    }
                    if body.is_empty() {
                        continue;
                    }
                    if tag.contains("ld+json") {
                        seen.insert("json-ld");
                    } else {
                        seen.insert("inline search data");
                    }
                    match serde_json::from_str::<serde_json::Value>(body) {
                        Ok(value) => check_json(&value, "", &mut problems, &rel),
                        Err(e) => problems.push(format!("{rel}: script data is not JSON ({e})")),
                    }
                    if body.contains('<') {
                        problems.push(format!("{rel}: '<' inside a script block"));
                    }
                }
            }
            "xml" => {
                seen.insert("xml");
                live_markup(&text, &mut problems, &rel);
                // Feed readers decode `type="html"` content once and render it.
                let mut rest = text.as_str();
                while let Some(i) = rest.find("<content type=\"html\">") {
                    rest = &rest[i + "<content type=\"html\">".len()..];
                    let end = rest.find("</content>").unwrap_or(rest.len());
                    seen.insert("atom html content");
                    live_markup(
                        &decode_entities(&rest[..end]),
                        &mut problems,
                        &format!("{rel} content"),
                    );
                    rest = &rest[end..];
                }
            }
            "js" if rel.starts_with("search/") => {
                // A search shard: `sahelSearch("w",n,DATA);`, where DATA
                // is JSON with no markup.
                seen.insert("search shard");
                let data = text
                    .find(',')
                    .and_then(|i| text[i + 1..].find(',').map(|j| &text[i + j + 2..]))
                    .and_then(|t| t.strip_suffix(");\n"));
                if !text.starts_with("sahelSearch(\"") || text.contains('<') {
                    problems.push(format!("{rel}: not an inert search shard"));
                }
                match data.map(serde_json::from_str::<serde_json::Value>) {
                    Some(Ok(value)) => check_json(&value, "", &mut problems, &rel),
                    _ => problems.push(format!("{rel}: shard data is not JSON")),
                }
            }
            "json" => {
                seen.insert("json");
                if text.contains("</") || text.contains("<!--") {
                    problems.push(format!("{rel}: markup that could close an inline script"));
                }
                match serde_json::from_str::<serde_json::Value>(&text) {
                    Ok(value) => check_json(&value, "", &mut problems, &rel),
                    Err(e) => problems.push(format!("{rel}: not JSON ({e})")),
                }
            }
            _ => {}
        }
    }
    for kind in [
        "html",
        "xml",
        "json",
        "json-ld",
        "atom html content",
        "search shard",
    ] {
        assert!(seen.contains(kind), "no {kind} output checked: {seen:?}");
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn payloads_are_shown_as_text() {
    let (dir, _) = built();
    let public = dir.path().join("public");
    let read = |rel: &str| fs::read_to_string(public.join(rel)).unwrap();
    let escaped = "X&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;";
    let article = read("articles/xss/index.html");
    assert!(article.contains(escaped), "title shown escaped");
    assert!(
        article.contains("Para &lt;script&gt;alert(6)&lt;/script&gt;"),
        "raw HTML in the body shown as text"
    );
    // Script links keep their text but lose the link.
    assert!(article.contains(">raw link") || article.contains("raw link&lt;/a&gt;"));
    for text in [
        "JaVaScRiPt",
        "alert(11)",
        "alert(21)",
        "alert(23)",
        "alert(40)",
    ] {
        assert!(
            !article.contains(&format!("href=\"{text}"))
                && !article.contains(&format!("src=\"{text}")),
            "{text}"
        );
    }
    // The source keeps its name, without the script URL.
    assert!(!article
        .to_ascii_lowercase()
        .contains("javascript:alert(40)"));
    let plain = read("articles/first-paragraph/index.html");
    assert!(!plain.to_ascii_lowercase().contains("javascript:alert(41)"));
    let data = read("articles/data-source/index.html");
    assert!(!data.contains("data:text/html"));
    // Profile names and pages.
    assert!(read("countries/niger/index.html").contains(escaped));
    assert!(read("actors/jnim/index.html").contains(escaped));
    assert!(read("about/index.html").contains(escaped));
    // Search data keeps the text as data.
    let records = read("search/d/0.js");
    let records = records
        .strip_prefix("sahelSearch(\"d\",0,")
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap();
    let search: serde_json::Value = serde_json::from_str(records).unwrap();
    let titles: Vec<&str> = search
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a[1].as_str())
        .collect();
    assert!(titles.contains(&PAYLOAD), "{titles:?}");
}

#[test]
fn trusted_html_is_an_explicit_opt_in() {
    let dir = site();
    let toml = fs::read_to_string(dir.path().join("site.toml")).unwrap();
    write(
        dir.path(),
        "site.toml",
        &format!("{toml}trusted_html = true\n"),
    );
    build(&BuildOptions {
        root: dir.path().to_path_buf(),
        ..Default::default()
    })
    .unwrap();
    let html = fs::read_to_string(dir.path().join("public/articles/xss/index.html")).unwrap();
    // The site trusts its authors' HTML in bodies...
    assert!(html.contains("<div onclick=\"alert(9)\">"));
    // ...but never turns front matter into markup, nor keeps script links.
    assert!(html.contains("X&lt;script&gt;alert(1)"));
    assert!(!html.contains("href=\"javascript:alert(11)"));
}

/// The checker itself finds what it must find.
#[test]
fn the_checker_catches_live_payloads() {
    for bad in [
        "<p>x<script>alert(1)</script></p>",
        "<img src=x onerror=alert(1)>",
        "<a title=\"x\" onmouseover=\"alert(1)\">",
        "<a href=\" JavaScript:alert(1)\">",
        "<a href=\"javascript&#58;alert(1)\">",
        "<a href=\"&#x6A;avascript:alert(1)\">",
        "<a href='data:text/html,x'>",
        "<iframe src=\"/\"></iframe>",
        "<p>a <!-- b --></p>",
        "<svg/onload=alert(1)>",
    ] {
        let mut problems = Vec::new();
        live_markup(bad, &mut problems, "t");
        assert!(!problems.is_empty(), "{bad}");
    }
    let mut problems = Vec::new();
    live_markup(
        "<p title=\"a &quot; onclick=x\">&lt;script&gt; href=\"javascript:x\"</p><a href=\"/x/\">y</a>",
        &mut problems,
        "t",
    );
    assert!(problems.is_empty(), "{problems:?}");
}
