//! `.html` sources: the article's title and body text, nothing else.
//! Scripts, styles, navigation, forms and every tag are removed; what is
//! left goes through the same cleaning as a pasted text.

/// Elements dropped with their content.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "iframe",
    "template", "button", "select", "object", "embed", "head",
];
/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
    "ul",
    "ol",
    "table",
    "figcaption",
    "pre",
    "hr",
    "dd",
    "dt",
    "main",
];

/// `Title\n\nparagraph\nparagraph...` from an HTML page.
pub fn html_to_text(html: &str) -> String {
    let title = first_element_text(html, "h1")
        .or_else(|| first_element_text(html, "title"))
        .unwrap_or_default();
    let body = match inner(html, "article").or_else(|| inner(html, "main")) {
        Some(b) => b,
        None => inner(html, "body").unwrap_or(html),
    };
    let mut out = String::new();
    out.push_str(title.trim());
    out.push_str("\n\n");
    out.push_str(&strip_tags(body));
    out
}

fn lower_find(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let bytes = haystack.as_bytes();
    let n = needle.as_bytes();
    (from..bytes.len().saturating_sub(n.len() - 1))
        .find(|&i| bytes[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// The HTML between `<name ...>` and `</name>`.
fn inner<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let open = lower_find(html, &format!("<{name}"), 0)?;
    let after = html.as_bytes().get(open + name.len() + 1)?;
    if !(after.is_ascii_whitespace() || *after == b'>') {
        return None;
    }
    let start = open + html[open..].find('>')? + 1;
    let end = lower_find(html, &format!("</{name}"), start).unwrap_or(html.len());
    Some(&html[start..end])
}

fn first_element_text(html: &str, name: &str) -> Option<String> {
    let text = strip_tags(inner(html, name)?);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Text content with block elements as line breaks and list items as
/// `- `; entities are left for the text cleaner.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // A lone '<' is text.
            out.push_str("&lt;");
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..gt];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &rest[gt + 1..];
        if name.is_empty() {
            continue;
        }
        if !closing && SKIP.contains(&name.as_str()) && !tag.ends_with('/') {
            let end = lower_find(rest, &format!("</{name}"), 0);
            rest = match end {
                Some(e) => rest[e..].find('>').map_or("", |g| &rest[e + g + 1..]),
                None => "",
            };
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push('\n');
            if name == "li" && !closing {
                out.push_str("- ");
            }
        } else {
            out.push(' ');
        }
    }
    out.push_str(rest);
    // Tidy: one line per block, inner whitespace collapsed.
    out.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty() && l != "-")
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_title_and_paragraphs_only() {
        let html = "<html><head><title>Site | X</title><script>alert(1)</script></head><body>\
            <nav>Menu</nav><article><h1>Le <em>titre</em></h1><p>Un &amp; deux.</p>\
            <script>evil()</script><ul><li>a</li><li>b</li></ul><p>Fin<br>ligne</p></article>\
            <footer>© 2024</footer></body></html>";
        let text = html_to_text(html);
        assert_eq!(
            text,
            "Le titre\n\nLe titre\nUn &amp; deux.\n- a\n- b\nFin\nligne"
        );
    }
}
