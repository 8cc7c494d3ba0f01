//! Tags become folder names and URLs: each must give a usable one, and
//! two distinct tags must never share one.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use toml::Spanned;

use crate::error::{is_invisible, Diagnostic};
use crate::frontmatter;
use crate::model::{tag_key, tag_slug, Article, MAX_SLUG_BYTES};

/// An article's tags, each with its line and column; a problem for each
/// tag that cannot have a page.
pub(super) fn parse_tags(
    list: Vec<Spanned<String>>,
    split: &frontmatter::Split,
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<String>, Vec<(usize, usize)>) {
    let mut tags = Vec::with_capacity(list.len());
    let mut positions = Vec::with_capacity(list.len());
    for tag in list {
        // The span covers the quotes; point at the tag itself.
        let at =
            Diagnostic::new(path, "").at_offset(split.toml, tag.span().start + 1, split.toml_line);
        let position = at.position.unwrap_or((split.toml_line, 1));
        if let Some((message, help)) = tag_problem(tag.get_ref()) {
            problems.push(Diagnostic { message, ..at }.help(help));
            continue;
        }
        tags.push(tag.into_inner());
        positions.push(position);
    }
    (tags, positions)
}

/// What is wrong with one tag, and what to do, if anything.
pub(super) fn tag_problem(tag: &str) -> Option<(String, &'static str)> {
    if let Some(c) = tag.chars().find(|&c| is_invisible(c)) {
        return Some((
            format!(
                "tag \"{tag}\" holds the invisible character U+{:04X}",
                c as u32
            ),
            "retype the tag; invisible and direction-changing characters hide what it says",
        ));
    }
    let slug = tag_slug(tag);
    if slug.is_empty() {
        return Some((
            format!("tag \"{tag}\" has no letter or digit, so it has no page"),
            "remove it, or write it with letters or digits",
        ));
    }
    if slug.len() > MAX_SLUG_BYTES {
        return Some((
            format!(
                "tag \"{}…\" is {} bytes long as a folder name, more than the {MAX_SLUG_BYTES} a file system allows",
                tag.chars().take(20).collect::<String>(),
                slug.len()
            ),
            "shorten it",
        ));
    }
    None
}

/// The first tag seen with a slug, and where it stands.
struct FirstSeen<'a> {
    key: String,
    tag: &'a str,
    path: &'a Path,
    line: usize,
    col: usize,
}

/// One problem per pair of distinct tags that would share a page: `A B`
/// and `a/b` both make `/tags/a-b/`. Each names both tags and where they
/// stand.
pub fn tag_collisions<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<Diagnostic> {
    // For each slug, the first tag seen with it and where it stands.
    let mut first: HashMap<String, FirstSeen> = HashMap::new();
    let mut reported: HashSet<(String, String)> = HashSet::new();
    let mut problems = Vec::new();
    // A briefing has a few dozen distinct tags over thousands of
    // articles: work out each one's slug and key once.
    let mut names: HashMap<&str, (String, String)> = HashMap::new();
    for article in articles {
        for (tag, &(line, col)) in article.tags.iter().zip(&article.tag_positions) {
            let (slug, key) = names
                .entry(tag.as_str())
                .or_insert_with(|| (tag_slug(tag), tag_key(tag)))
                .clone();
            let Some(seen) = first.get(&slug) else {
                let path = &article.path;
                first.insert(
                    slug,
                    FirstSeen {
                        key,
                        tag,
                        path,
                        line,
                        col,
                    },
                );
                continue;
            };
            let FirstSeen {
                key: other_key,
                tag: other,
                path,
                line: l,
                col: c,
            } = seen;
            if *other_key == key || !reported.insert((other_key.clone(), key)) {
                continue;
            }
            problems.push(
                Diagnostic::new(
                    &article.path,
                    format!(
                        "tag \"{tag}\" and tag \"{other}\" ({}:{l}:{c}) would share the page /tags/{slug}/",
                        path.display()
                    ),
                )
                .at(line, col)
                .help("write them the same way if they are one tag, or rename one"),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_tags_without_a_page_or_with_hidden_text() {
        assert!(tag_problem("coup").is_none());
        assert!(tag_problem("عربى").is_none());
        for bad in ["", " ", "..", "/", "\u{200b}", "a\u{202e}b", "x\u{1b}[2J"] {
            assert!(tag_problem(bad).is_some(), "{bad:?}");
        }
        assert!(tag_problem(&"a".repeat(256)).is_some());
        assert!(tag_problem(&"a".repeat(255)).is_none());
    }
}
