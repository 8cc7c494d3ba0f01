//! A cleaned document as safe Markdown. Imported text is untrusted: the
//! Markdown written escapes everything that would make raw HTML, links,
//! images or unintended structure; the only links are those the importer
//! made itself (tweet authors, links of an HTML page), with checked targets.

use super::text::{Block, Document, Link};

/// Escapes text so that Markdown shows it as it is: no raw HTML, no links
/// or images, no emphasis eating `*` or `_`, no accidental headings, lists
/// or quotes at a line start.
pub fn escape(text: &str) -> String {
    at_line_start(escape_inline(text))
}

/// The characters of `text` that Markdown reads as markup, escaped.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Escapes what would start a heading, list or rule at a line start.
fn at_line_start(mut out: String) -> String {
    match out.chars().next() {
        Some('#' | '+' | '-' | '=' | '!') => out.insert(0, '\\'),
        Some(c) if c.is_ascii_digit() => {
            let digits = out.chars().take_while(char::is_ascii_digit).count();
            if out[digits..].starts_with(['.', ')']) {
                out.insert(digits, '\\');
            }
        }
        _ => {}
    }
    out
}

/// A block's text escaped, with its links (byte ranges of the text, in
/// order) as Markdown links.
fn with_links(text: &str, links: &[&Link]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for link in links {
        let (Some(before), Some(anchor)) =
            (text.get(at..link.start), text.get(link.start..link.end))
        else {
            continue;
        };
        out.push_str(&escape_inline(before));
        out.push('[');
        out.push_str(&escape_inline(anchor));
        out.push_str("](");
        out.push_str(&link_safe(&link.url));
        out.push(')');
        at = link.end;
    }
    out.push_str(&escape_inline(text.get(at..).unwrap_or_default()));
    at_line_start(out)
}

/// The document's body as Markdown (the title goes to the front matter).
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let mut previous_item: Option<Option<u32>> = None;
    for (index, block) in doc.blocks.iter().enumerate() {
        let item = matches!(block, Block::Item(..));
        if !out.is_empty() {
            // List items stay together; everything else is its own block.
            let same_list = item
                && previous_item
                    .is_some_and(|p| p.is_some() == matches!(block, Block::Item(Some(_), _)));
            out.push_str(if same_list { "\n" } else { "\n\n" });
        }
        let links: Vec<&Link> = doc.links.iter().filter(|l| l.block == index).collect();
        let text = |t: &str| {
            if links.is_empty() {
                escape(t)
            } else {
                with_links(t, &links)
            }
        };
        match block {
            Block::Paragraph(t) => out.push_str(&text(t)),
            Block::Heading(level, t) => {
                out.push_str(&"#".repeat((*level).clamp(2, 6)));
                out.push(' ');
                out.push_str(&text(t));
            }
            Block::Item(None, t) => {
                out.push_str("- ");
                out.push_str(&text(t));
            }
            Block::Item(Some(n), t) => {
                out.push_str(&format!("{n}. "));
                out.push_str(&text(t));
            }
            Block::Quote(t) => {
                out.push_str("> ");
                out.push_str(&text(t));
            }
            Block::Tweet(t) => push_tweet(&mut out, t),
        }
        previous_item = if item {
            Some(matches!(block, Block::Item(Some(_), _)).then_some(0))
        } else {
            None
        };
    }
    out.push('\n');
    out
}

/// A tweet as a quote: its text, then `— Author (@handle) date`.
fn push_tweet(out: &mut String, t: &super::text::Tweet) {
    if !t.text.is_empty() {
        out.push_str("> ");
        out.push_str(&escape(&t.text));
        out.push_str("\n>\n");
    }
    out.push_str("> — ");
    out.push_str(&escape(&t.author));
    out.push_str(&format!(" ([@{h}](https://twitter.com/{h}))", h = t.handle));
    if let Some(date) = t.date {
        let when = date.format("%B %-d, %Y").to_string();
        match &t.link {
            Some(link) => out.push_str(&format!(" [{when}]({})", link_safe(link))),
            None => out.push_str(&format!(" {when}")),
        }
    } else if let Some(link) = &t.link {
        out.push_str(&format!(" [link]({})", link_safe(link)));
    }
}

/// A link target made of safe characters only.
fn link_safe(link: &str) -> String {
    link.chars()
        .filter(|c| c.is_ascii_graphic() && !"()<>\"'\\`".contains(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::parse;

    #[test]
    fn escape_neutralises_html_links_and_structure() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(
            escape("[clic](javascript:x) ![i](y)"),
            "\\[clic\\](javascript:x) !\\[i\\](y)"
        );
        assert_eq!(escape("# pas un titre"), "\\# pas un titre");
        assert_eq!(escape("1. pas une liste"), "1\\. pas une liste");
        assert_eq!(escape("- pas une liste"), "\\- pas une liste");
        assert_eq!(
            escape("AT&T &amp; *gras* _x_"),
            "AT\\&T \\&amp; \\*gras\\* \\_x\\_"
        );
    }

    #[test]
    fn lists_headings_and_quotes_are_kept() {
        let doc = parse("T\n\n## Contexte\n- un\n- deux\n> cité\n1. premier\n2. second\n");
        let md = to_markdown(&doc);
        assert_eq!(
            md,
            "## Contexte\n\n- un\n- deux\n\n> cité\n\n1. premier\n2. second\n"
        );
    }

    #[test]
    fn links_are_written_with_escaped_text_and_safe_targets() {
        let mut doc = parse("T\n\nVoir le *rapport* ici.");
        doc.links.push(Link {
            block: 0,
            start: 5,
            end: 17,
            url: "https://x.org/a\"(b)".into(),
        });
        assert_eq!(
            to_markdown(&doc),
            "Voir [le \\*rapport\\*](https://x.org/ab) ici.\n"
        );
    }
}
