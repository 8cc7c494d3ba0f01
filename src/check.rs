//! `check`: everything `build` validates, then every internal link and
//! anchor of the rendered site, without writing anything.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::build::{load, BuildOptions};
use crate::engine::Engine;
use crate::error::{Diagnostic, Error, Result};
use crate::theme::{load_templates, static_files};

pub struct CheckReport {
    pub summary: String,
    pub warnings: Vec<Diagnostic>,
    /// Profiles no article is about or mentions, if any.
    pub unused_profiles: Option<UnusedProfiles>,
}

/// Profiles no article uses: fine for a gazetteer, so one line of
/// summary, and the ids with `--verbose`.
pub struct UnusedProfiles {
    /// "92 profiles used by no article (34 countries, 58 actors) ..."
    pub summary: String,
    /// Each profile folder with its unused ids.
    pub by_folder: Vec<(&'static str, Vec<String>)>,
}

pub fn check(root: &Path, drafts: bool) -> Result<CheckReport> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts,
        ..Default::default()
    };
    let site = load(&options)?;
    let tera = load_templates(root)?;
    // Only what the link check needs of each file, taken as it is
    // rendered (in parallel): not the whole site in memory.
    let files: Mutex<HashMap<String, Option<PageLinks>>> = Mutex::new(HashMap::new());
    let bad_xml: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
    let engine = Engine::render_once(site, tera);
    engine.render_all(&|rel, bytes| {
        if let Some(problem) = xml_problem(rel, bytes) {
            bad_xml
                .lock()
                .map_err(|_| Error::Usage("internal error: lock poisoned".into()))?
                .push(problem);
        }
        let links = rel.ends_with(".html").then(|| PageLinks::of(bytes));
        files
            .lock()
            .map_err(|_| Error::Usage("internal error: lock poisoned".into()))?
            .insert(rel.to_string(), links);
        Ok(())
    })?;
    let files = files.into_inner().unwrap_or_default();
    let site = engine.site();
    let base = site.config.base_path();
    let mut problems = bad_xml.into_inner().unwrap_or_default();
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    problems.extend(broken_links(
        &files,
        &base,
        &static_files(root)?.into_keys().collect(),
    ));
    let mut warnings = site.warnings.clone();
    for article in &site.articles {
        if article.countries.is_empty() && article.actors.is_empty() {
            warnings.push(
                Diagnostic::new(&article.path, "the article has no country and no actor")
                    .help("add the ids it is about so it appears on their pages"),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    Ok(CheckReport {
        summary: format!("OK: {} articles, {} countries, {} actors, {} pages, {} output files, all internal links resolve", site.articles.len(), site.profiles.countries.len(), site.profiles.actors.len(), site.pages.len(), files.len()),
        warnings,
        unused_profiles: unused_profiles(site),
    })
}

/// Why an XML output (a feed, the sitemap) is not well-formed XML, if
/// it is not: feed readers and search engines drop such files whole.
fn xml_problem(rel: &str, bytes: &[u8]) -> Option<Diagnostic> {
    if !rel.ends_with(".xml") {
        return None;
    }
    let why = match std::str::from_utf8(bytes) {
        Ok(text) => roxmltree::Document::parse(text).err()?.to_string(),
        Err(e) => e.to_string(),
    };
    Some(
        Diagnostic::new(
            format!("public/{rel}"),
            format!("not well-formed XML: {why}"),
        )
        .help("fix the template that writes it, or the text it shows"),
    )
}

/// The profiles no article is about or mentions: candidates for cleaning
/// up, or for tagging.
fn unused_profiles(site: &crate::model::Site) -> Option<UnusedProfiles> {
    let mut used: HashSet<&str> = HashSet::new();
    for a in &site.articles {
        let ids = a.countries.iter().chain(&a.actors);
        used.extend(
            ids.chain(&a.mentions.countries)
                .chain(&a.mentions.actors)
                .map(String::as_str),
        );
    }
    let unused = |ids: Vec<&str>| -> Vec<String> {
        ids.into_iter()
            .filter(|id| !used.contains(id))
            .map(str::to_string)
            .collect()
    };
    let countries = unused(
        site.profiles
            .countries
            .iter()
            .map(|c| c.id.as_str())
            .collect(),
    );
    let actors = unused(site.profiles.actors.iter().map(|a| a.id.as_str()).collect());
    let total = countries.len() + actors.len();
    if total == 0 {
        return None;
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    Some(UnusedProfiles {
        summary: format!(
            "{} used by no article ({}, {}): fine for a gazetteer; `sahel-brief check --verbose` lists them",
            plural(total, "profile", "profiles"),
            plural(countries.len(), "country", "countries"),
            plural(actors.len(), "actor", "actors"),
        ),
        by_folder: vec![("content/countries", countries), ("content/actors", actors)],
    })
}

/// The link targets and element ids of one HTML page.
pub struct PageLinks {
    /// Every `href` and `src` value, as written.
    links: Vec<String>,
    ids: HashSet<String>,
}

impl PageLinks {
    pub fn of(bytes: &[u8]) -> PageLinks {
        let html = String::from_utf8_lossy(bytes);
        let mut links = attribute_values(&html, "href");
        links.extend(attribute_values(&html, "src"));
        PageLinks {
            links,
            ids: attribute_values(&html, "id").into_iter().collect(),
        }
    }
}

/// Every `href`/`src` of every HTML file (`files` maps each output file to
/// its links, `None` for files that are not HTML) that points inside the
/// site and does not resolve to a file (and, with a `#fragment`, to an
/// element id). Pages are checked in parallel, reported in name order.
pub fn broken_links(
    files: &HashMap<String, Option<PageLinks>>,
    base: &str,
    statics: &HashSet<String>,
) -> Vec<Diagnostic> {
    let mut names: Vec<(&String, &PageLinks)> = files
        .iter()
        .filter_map(|(name, page)| page.as_ref().map(|page| (name, page)))
        .collect();
    names.sort_by_key(|(name, _)| *name);
    let mut problems: Vec<Diagnostic> = names
        .par_iter()
        .flat_map_iter(|(name, page)| {
            let dir = match name.rfind('/') {
                Some(i) => &name[..=i],
                None => "",
            };
            page.links.iter().filter_map(move |link| {
                let (target, fragment) = resolve(link, base, dir)?;
                let file = if target.is_empty() || target.ends_with('/') {
                    format!("{target}index.html")
                } else {
                    target
                };
                let exists = files.contains_key(&file) || statics.contains(&file);
                let message = if !exists {
                    format!("broken link \"{link}\": no file {file}")
                } else {
                    let ids = files.get(&file).and_then(Option::as_ref).map(|p| &p.ids);
                    match (fragment, ids) {
                        (Some(fragment), Some(ids))
                            if !fragment.is_empty() && !ids.contains(&fragment) =>
                        {
                            format!("broken anchor \"{link}\": no id \"{fragment}\" in {file}")
                        }
                        _ => return None,
                    }
                };
                Some(
                    Diagnostic::new(format!("public/{name}"), message)
                        .help("fix the link in the article or template that produces this page"),
                )
            })
        })
        .collect();
    problems.dedup_by(|a, b| a.path == b.path && a.message == b.message);
    problems
}

/// The site-relative path and fragment a link points to, or None when it
/// leaves the site.
fn resolve(link: &str, base: &str, dir: &str) -> Option<(String, Option<String>)> {
    let link = link.replace("&amp;", "&");
    if link.contains("://")
        || link.starts_with("mailto:")
        || link.starts_with("tel:")
        || link.starts_with("//")
    {
        return None;
    }
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(f.to_string())),
        None => (link.clone(), None),
    };
    let path = path.split('?').next().unwrap_or_default().to_string();
    let joined = if path.is_empty() {
        dir.to_string()
    } else if let Some(rest) = path.strip_prefix(base) {
        rest.to_string()
    } else if path.starts_with('/') {
        // Outside the site's base path: cannot be checked here.
        return Some((format!("(outside {base}){path}"), fragment));
    } else {
        format!("{dir}{path}")
    };
    // Files are named in UTF-8; links percent-encode what is not ASCII.
    let joined = percent_encoding::percent_decode_str(&joined).decode_utf8_lossy();
    Some((normalise(&joined), fragment))
}

fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

/// Values of `name="..."` attributes, good enough for the HTML the site
/// itself generates (attributes always double-quoted).
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            values.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_and_rooted_links() {
        assert_eq!(
            resolve("../b/", "/brief/", "articles/a/").unwrap().0,
            "articles/b/"
        );
        assert_eq!(
            resolve("/brief/countries/niger/#x", "/brief/", "").unwrap(),
            ("countries/niger/".into(), Some("x".into()))
        );
        assert!(resolve("https://example.org/", "/", "").is_none());
    }

    #[test]
    fn finds_broken_links_and_anchors() {
        let mut files = HashMap::new();
        files.insert("index.html".to_string(), Some(PageLinks::of(b"<a href=\"/a/\">a</a> <a href=\"/b/\">b</a> <a href=\"/a/#top\">t</a> <a href=\"/a/#nope\">n</a>")));
        files.insert(
            "a/index.html".to_string(),
            Some(PageLinks::of(b"<h1 id=\"top\">A</h1>")),
        );
        let problems = broken_links(&files, "/", &HashSet::new());
        let text: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(text[0].contains("\"/b/\""));
        assert!(text[1].contains("no id \"nope\""));
    }
}
