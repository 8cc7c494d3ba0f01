//! Links between the site's own pages: Markdown links written as source
//! paths (resolved while the Markdown is rendered, see
//! [`crate::markdown::render_with`]), and the relative links of portable
//! builds.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::model::Site;
use crate::plan;

/// Maps source paths (`../articles/x.md`, `../countries/niger.md`) to the
/// URLs of the pages they become.
pub struct SourceLinks {
    base_path: String,
    articles: HashMap<String, String>,
    pages: HashMap<String, String>,
    countries: HashSet<String>,
    actors: HashSet<String>,
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl SourceLinks {
    pub fn new(site: &Site) -> Self {
        SourceLinks {
            base_path: site.config.base_path(),
            articles: site
                .articles
                .iter()
                .map(|a| (stem(&a.path), a.slug.clone()))
                .collect(),
            pages: site
                .pages
                .iter()
                .map(|p| (stem(&p.path), p.slug.clone()))
                .collect(),
            countries: site
                .profiles
                .countries
                .iter()
                .map(|c| c.id.clone())
                .collect(),
            actors: site.profiles.actors.iter().map(|a| a.id.clone()).collect(),
        }
    }

    /// The URL a link to a content file stands for, or None when `link`
    /// is not such a link (or names a file that does not exist: `check`
    /// then reports it as broken).
    pub fn resolve(&self, link: &str) -> Option<String> {
        if link.contains("://") || link.starts_with('#') {
            return None;
        }
        let (path, fragment) = match link.split_once('#') {
            Some((p, f)) => (p, format!("#{f}")),
            None => (link, String::new()),
        };
        let file = path.strip_suffix(".md")?;
        let mut parts = file.rsplit('/');
        let name = parts.next()?;
        let folder = parts.next().unwrap_or("articles");
        let url = match folder {
            "countries" if self.countries.contains(name) => plan::country_url(name),
            "actors" if self.actors.contains(name) => plan::actor_url(name),
            "pages" => format!("{}/", self.pages.get(name)?),
            "countries" | "actors" => return None,
            _ => plan::article_url(self.articles.get(name)?),
        };
        Some(format!("{}{url}{fragment}", self.base_path))
    }
}

/// Rewrites the site's root-based links of one HTML page (`file`, e.g.
/// `articles/x/index.html`) into relative links ending in `index.html`, so
/// the page works opened from the file system.
pub fn relativize(html: &str, file: &str, base_path: &str) -> String {
    let depth = file.matches('/').count();
    let up = "../".repeat(depth);
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some((i, attr)) = next_attribute(rest) {
        let value_start = i + attr.len();
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        match value.strip_prefix(base_path) {
            Some(inner) if value.starts_with('/') => {
                let (path, fragment) = match inner.find(['#', '?']) {
                    Some(k) => inner.split_at(k),
                    None => (inner, ""),
                };
                out.push_str(&up);
                out.push_str(path);
                if attr == " data-root=\"" {
                    if up.is_empty() && path.is_empty() {
                        out.push_str("./");
                    }
                } else if path.is_empty() || path.ends_with('/') {
                    out.push_str("index.html");
                }
                out.push_str(fragment);
            }
            _ => out.push_str(value),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

const ATTRIBUTES: [&str; 4] = [" href=\"", " src=\"", " action=\"", " data-root=\""];

fn next_attribute(text: &str) -> Option<(usize, &'static str)> {
    ATTRIBUTES
        .iter()
        .filter_map(|a| text.find(a).map(|i| (i, *a)))
        .min_by_key(|(i, _)| *i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_end_in_index_html() {
        let html = r##"<a href="/brief/">h</a><a href="/brief/countries/niger/#x">n</a><link href="/brief/static/style.css"><a href="https://e.org/">e</a><form data-root="/brief/">"##;
        let out = relativize(html, "articles/x/index.html", "/brief/");
        assert_eq!(
            out,
            r##"<a href="../../index.html">h</a><a href="../../countries/niger/index.html#x">n</a><link href="../../static/style.css"><a href="https://e.org/">e</a><form data-root="../../">"##
        );
        let home = relativize(
            "<a href=\"/countries/\">c</a><form data-root=\"/\">",
            "index.html",
            "/",
        );
        assert_eq!(
            home,
            "<a href=\"countries/index.html\">c</a><form data-root=\"./\">"
        );
    }
}
