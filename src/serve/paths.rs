//! What the HTTP side serves for a URL: the file path it may ask for,
//! its content type, and HTML pages with the live-reload script.

use super::LIVERELOAD_SCRIPT;

/// The live-reload script before the last `</body>`, or at the end.
pub(super) fn inject(page: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(page.len() + LIVERELOAD_SCRIPT.len());
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(LIVERELOAD_SCRIPT.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The file path a URL path asks for, without its leading `/`, or why it
/// is refused: only plain relative paths inside the site are served.
pub fn safe_path(raw: &str) -> std::result::Result<String, &'static str> {
    let Some(rest) = raw.strip_prefix('/') else {
        return Err("not an absolute URL path");
    };
    let bytes = percent_decode(rest).ok_or("bad percent-encoding")?;
    let path = String::from_utf8(bytes).map_err(|_| "not UTF-8")?;
    if path.contains('\\') {
        return Err("backslash");
    }
    if path.contains('\0') || path.chars().any(char::is_control) {
        return Err("control character");
    }
    if path.starts_with('/') {
        return Err("absolute path");
    }
    if path.split('/').next().is_some_and(|s| s.contains(':')) {
        return Err("absolute path");
    }
    if path.split('/').any(|s| s == ".." || s == ".") {
        return Err("'..' or '.' in the path");
    }
    if path.contains("//") {
        return Err("empty path segment");
    }
    Ok(path)
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if path == "atom.xml" || path.ends_with("/atom.xml") {
        return "application/atom+xml; charset=utf-8";
    }
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_site() {
        assert_eq!(safe_path("/").as_deref(), Ok(""));
        assert_eq!(safe_path("/articles/x/").as_deref(), Ok("articles/x/"));
        assert_eq!(safe_path("/caf%C3%A9/").as_deref(), Ok("café/"));
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fetc",
            "/a%5c..%5cb",
            "/a\\b",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/Windows",
            "/a/./b",
            "/%zz",
            "/%00",
        ] {
            assert!(safe_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("feed.json"), "application/json");
        assert_eq!(content_type("static/map.svg"), "image/svg+xml");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let page = inject(b"<html><body><p>x</p></body></html>");
        let text = String::from_utf8(page).unwrap_or_default();
        assert!(text.ends_with("</script></body></html>"), "{text}");
        let bare = String::from_utf8(inject(b"<p>x</p>")).unwrap_or_default();
        assert!(bare.starts_with("<p>x</p><script>"));
    }
}
