//! Markdown to HTML with pulldown-cmark, made safe for untrusted text:
//! raw HTML is shown as text (unless the site trusts it), links with
//! script-capable schemes lose their link, and headings get stable ids
//! so they can be linked to.

use std::collections::HashSet;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::slugify;

/// An article or page body rendered once and reused wherever it is shown.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The first paragraph as plain text: the default summary.
    pub first_paragraph: String,
    /// Plain text of the whole body, for search.
    pub text: String,
    pub words: usize,
    /// Whether a link is written as a content file (`x.md`): what it
    /// resolves to changes with the site's files.
    pub source_links: bool,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

pub fn render(markdown: &str, trusted_html: bool) -> Rendered {
    render_with(markdown, trusted_html, &|_| None)
}

/// As [`render`], with `rewrite` giving a new target for links written as
/// source paths (`../articles/x.md`), or `None` to keep a link as written.
pub fn render_with(
    markdown: &str,
    trusted_html: bool,
    rewrite: &dyn Fn(&str) -> Option<String>,
) -> Rendered {
    render_events(markdown, trusted_html, rewrite, &mut |_| {})
}

/// As [`render_with`], with `finish` given the safe event stream last,
/// before it becomes HTML: entity links are added there.
pub fn render_finished(
    markdown: &str,
    trusted_html: bool,
    rewrite: &dyn Fn(&str) -> Option<String>,
    finish: &mut dyn FnMut(&mut Vec<Event<'_>>),
) -> Rendered {
    render_events(markdown, trusted_html, rewrite, finish)
}

fn render_events(
    markdown: &str,
    trusted_html: bool,
    rewrite: &dyn Fn(&str) -> Option<String>,
    finish: &mut dyn FnMut(&mut Vec<Event<'_>>),
) -> Rendered {
    let mut events: Vec<Event> = Vec::new();
    let mut out = Rendered::default();
    // Sized once for the usual case instead of grown by doubling. (Not the
    // HTML: it is kept for the whole build, so spare room would stay too.)
    out.text.reserve(markdown.len());
    let mut heading: Option<(HeadingLevel, usize)> = None;
    let mut heading_ids = HashSet::new();
    let mut in_first_paragraph = None;
    // For each open link: whether it was kept.
    let mut links: Vec<bool> = Vec::new();

    for event in Parser::new_ext(markdown, options()) {
        note_text(&mut out, &mut in_first_paragraph, &event);
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) if !trusted_html => {
                events.push(Event::Text(raw))
            }
            Event::Start(Tag::Heading {
                level,
                id: None,
                classes,
                attrs,
            }) => {
                heading = Some((level, events.len()));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((_, start)) = heading.take() {
                    name_heading(&mut events[start..], &mut heading_ids);
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(link @ Tag::Link { .. }) => {
                let kept = open_link(link, rewrite, &mut out.source_links);
                links.push(kept.is_some());
                events.extend(kept.map(Event::Start));
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(true) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if !is_safe_url(&dest_url) => {
                // Keep the alt text, drop the unsafe source.
                let _ = (link_type, title, id);
                links.push(false);
                events.push(Event::Text(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Image) if links.last() == Some(&false) => {
                links.pop();
            }
            Event::Start(Tag::Image { .. }) => {
                links.push(true);
                events.push(event);
            }
            Event::End(TagEnd::Image) => {
                links.pop();
                events.push(event);
            }
            other => events.push(other),
        }
    }
    out.words = out.text.split_whitespace().count();
    out.first_paragraph = out.first_paragraph.trim().to_string();
    finish(&mut events);
    html::push_html(&mut out.html, events.into_iter());
    out
}

/// A link as it is kept: its target resolved when it is written as a
/// content file (`x.md`, noted in `source_links`), or None when its scheme
/// could run script (its text stays, unlinked).
fn open_link<'a>(
    link: Tag<'a>,
    rewrite: &dyn Fn(&str) -> Option<String>,
    source_links: &mut bool,
) -> Option<Tag<'a>> {
    let Tag::Link {
        link_type,
        dest_url,
        title,
        id,
    } = link
    else {
        return Some(link);
    };
    if !is_safe_url(&dest_url) {
        return None;
    }
    let path = dest_url.split(['#', '?']).next().unwrap_or_default();
    *source_links |= path.ends_with(".md");
    let dest_url = match rewrite(&dest_url) {
        Some(url) => CowStr::from(url),
        None => dest_url,
    };
    Some(Tag::Link {
        link_type,
        dest_url,
        title,
        id,
    })
}

/// Gathers the plain text, and the first paragraph's, as events go by.
fn note_text(out: &mut Rendered, in_first_paragraph: &mut Option<bool>, event: &Event) {
    match event {
        Event::Text(t) | Event::Code(t) => {
            out.text.push_str(t);
            if *in_first_paragraph == Some(true) {
                out.first_paragraph.push_str(t);
            }
        }
        Event::SoftBreak | Event::HardBreak => {
            out.text.push(' ');
            if *in_first_paragraph == Some(true) {
                out.first_paragraph.push(' ');
            }
        }
        Event::Start(Tag::Paragraph) if in_first_paragraph.is_none() => {
            *in_first_paragraph = Some(true)
        }
        Event::End(TagEnd::Paragraph) => {
            out.text.push('\n');
            if *in_first_paragraph == Some(true) {
                *in_first_paragraph = Some(false);
            }
        }
        Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::Item) => out.text.push('\n'),
        _ => {}
    }
}

/// Gives the heading starting `events` an id made of its text, unique in
/// the body.
fn name_heading(events: &mut [Event<'_>], taken: &mut HashSet<String>) {
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let id = unique_id(&text, taken);
    if let Some(Event::Start(Tag::Heading { id: slot, .. })) = events.first_mut() {
        *slot = Some(CowStr::from(id));
    }
}

fn unique_id(text: &str, taken: &mut HashSet<String>) -> String {
    let base = match slugify(text) {
        s if s.is_empty() => "section".to_string(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 1;
    while !taken.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// Whether a link target is harmless: relative, an anchor, or a scheme
/// that cannot run script.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find(':') {
        // A colon after a '/', '?' or '#' is not a scheme separator.
        Some(colon) if !cleaned[..colon].contains(['/', '?', '#']) => {
            matches!(&cleaned[..colon], "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Plain text cut to about `max` characters on a word boundary.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let r = render(
            "Hi <script>alert(1)</script>\n\n<div onclick=x>y</div>\n",
            false,
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<div"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
    }

    #[test]
    fn trusted_html_passes_through() {
        let r = render("<div class=\"x\">y</div>\n", true);
        assert!(r.html.contains("<div class=\"x\">"));
    }

    #[test]
    fn script_links_lose_their_link_but_keep_their_text() {
        let r = render("[click](javascript:alert(1)) [ok](https://example.org) [x](JaVa\tScRiPt:x) [d](data:text/html,x)", false);
        assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
        assert!(!r.html.contains("data:"), "{}", r.html);
        assert!(r.html.contains("click"));
        assert!(r.html.contains("<a href=\"https://example.org\">ok</a>"));
    }

    #[test]
    fn source_path_links_are_rewritten() {
        let rewrite = |url: &str| (url == "../articles/x.md").then(|| "/articles/x/".to_string());
        let r = render_with("[a](../articles/x.md) [b](other/)", false, &rewrite);
        assert!(r.html.contains("href=\"/articles/x/\""), "{}", r.html);
        assert!(r.html.contains("href=\"other/\""), "{}", r.html);
        // Remembered, so the text is redone when the files it names move.
        assert!(r.source_links);
        assert!(!render_with("[b](other/) [c](x.md.html)", false, &rewrite).source_links);
        assert!(render_with("[d](gone.md#part)", false, &rewrite).source_links);
    }

    #[test]
    fn headings_get_unique_ids() {
        let r = render("## Contexte\n\ntext\n\n## Contexte\n", false);
        assert!(r.html.contains("<h2 id=\"contexte\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"contexte-2\">"), "{}", r.html);
    }

    #[test]
    fn first_paragraph_and_words() {
        let r = render("# Title\n\nFirst *para*\ngraph.\n\nSecond one.\n", false);
        assert_eq!(r.first_paragraph, "First para graph.");
        assert_eq!(r.words, 6);
    }

    #[test]
    fn truncates_on_words() {
        assert_eq!(truncate("one two three", 9), "one two…");
        assert_eq!(truncate("short", 9), "short");
    }

    #[test]
    fn safe_urls() {
        assert!(is_safe_url("../other/"));
        assert!(is_safe_url("#anchor"));
        assert!(is_safe_url("/path?a=b:c"));
        assert!(!is_safe_url("vbscript:x"));
    }
}
