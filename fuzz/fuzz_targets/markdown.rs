//! Markdown to HTML for untrusted article bodies: never a panic, and with
//! `trusted_html` off the HTML holds only the tags pulldown-cmark itself
//! writes and no script-capable link or image source.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sahel_brief::markdown;

/// Every tag the renderer may emit for Markdown (raw HTML becomes text).
const TAGS: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "ul", "ol", "li", "em",
    "strong", "del", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "sup",
    "div", "span",
];

fn check_inert(html: &str) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            TAGS.contains(&name.as_str()),
            "unexpected tag <{name}> in {html:?}"
        );
    }
    let lower = html.to_ascii_lowercase();
    for attr in ["href=\"", "src=\""] {
        let mut rest = lower.as_str();
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let value = &rest[..rest.find('"').unwrap_or(rest.len())];
            let value = value.replace("&amp;", "&");
            assert!(
                markdown::is_safe_url(&value),
                "unsafe {attr}{value}\" in {html:?}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let untrusted = markdown::render(text, false);
    check_inert(&untrusted.html);
    assert!(untrusted.first_paragraph.len() <= untrusted.text.len() + 1);
    let rewrite = |url: &str| url.ends_with(".md").then(|| format!("/articles/{url}/"));
    check_inert(&markdown::render_with(text, false, &rewrite).html);
    let _ = markdown::render(text, true);
    for max in [0, 1, 7, 160] {
        let _ = markdown::truncate(&untrusted.text, max);
    }
});
