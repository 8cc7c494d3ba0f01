//! `check`: everything `build` validates, then every internal link and
//! anchor of the rendered site, without writing anything.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use crate::build::{load, render_into, BuildOptions};
use crate::error::{Diagnostic, Error, Result};
use crate::theme::{load_templates, static_files};

pub struct CheckReport {
    pub summary: String,
    pub warnings: Vec<Diagnostic>,
}

pub fn check(root: &Path, drafts: bool) -> Result<CheckReport> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts,
        ..Default::default()
    };
    let site = load(&options)?;
    let tera = load_templates(root)?;
    let files: Mutex<HashMap<String, Vec<u8>>> = Mutex::new(HashMap::new());
    render_into(&site, &tera, &|rel, bytes| {
        files
            .lock()
            .map_err(|_| Error::Usage("internal error: lock poisoned".into()))?
            .insert(rel.to_string(), bytes.to_vec());
        Ok(())
    })?;
    let files = files.into_inner().unwrap_or_default();
    let base = site.config.base_path();
    let problems = broken_links(&files, &base, &static_files(root)?.into_keys().collect());
    let mut warnings = site.warnings.clone();
    warnings.extend(unused_profiles(&site));
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
    })
}

/// One warning per profile folder listing the profiles no article is
/// about or mentions: candidates for cleaning up, or for tagging.
fn unused_profiles(site: &crate::model::Site) -> Vec<Diagnostic> {
    let mut used: HashSet<&str> = HashSet::new();
    for a in &site.articles {
        let ids = a.countries.iter().chain(&a.actors);
        used.extend(
            ids.chain(&a.mentions.countries)
                .chain(&a.mentions.actors)
                .map(String::as_str),
        );
    }
    let countries = site.profiles.countries.iter().map(|c| c.id.as_str());
    let actors = site.profiles.actors.iter().map(|a| a.id.as_str());
    let mut warnings = Vec::new();
    for (folder, ids) in [
        ("content/countries", countries.collect::<Vec<_>>()),
        ("content/actors", actors.collect()),
    ] {
        let unused: Vec<&str> = ids.into_iter().filter(|id| !used.contains(id)).collect();
        if !unused.is_empty() {
            warnings.push(
                Diagnostic::new(
                    folder,
                    format!(
                        "{} profiles used by no article: {}",
                        unused.len(),
                        unused.join(", ")
                    ),
                )
                .help("fine for a gazetteer; tag articles with them or remove them"),
            );
        }
    }
    warnings
}

/// Every `href`/`src` of every HTML file that points inside the site and
/// does not resolve to a file (and, with a `#fragment`, to an element id).
pub fn broken_links(
    files: &HashMap<String, Vec<u8>>,
    base: &str,
    statics: &HashSet<String>,
) -> Vec<Diagnostic> {
    let mut ids: HashMap<&str, HashSet<String>> = HashMap::new();
    for (name, bytes) in files {
        if name.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            ids.insert(name, attribute_values(&html, "id").into_iter().collect());
        }
    }
    let mut problems = Vec::new();
    let mut names: Vec<&String> = files.keys().filter(|n| n.ends_with(".html")).collect();
    names.sort();
    for name in names {
        let html = String::from_utf8_lossy(&files[name]);
        let dir = match name.rfind('/') {
            Some(i) => &name[..=i],
            None => "",
        };
        for link in attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
        {
            let Some((target, fragment)) = resolve(&link, base, dir) else {
                continue;
            };
            let file = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target.clone()
            };
            let exists = files.contains_key(&file) || statics.contains(&file);
            let problem = if !exists {
                Some(format!("broken link \"{link}\": no file {file}"))
            } else if let (Some(fragment), Some(page_ids)) = (fragment, ids.get(file.as_str())) {
                (!fragment.is_empty() && !page_ids.contains(&fragment))
                    .then(|| format!("broken anchor \"{link}\": no id \"{fragment}\" in {file}"))
            } else {
                None
            };
            if let Some(message) = problem {
                problems.push(
                    Diagnostic::new(format!("public/{name}"), message)
                        .help("fix the link in the article or template that produces this page"),
                );
            }
        }
    }
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
        files.insert("index.html".to_string(), b"<a href=\"/a/\">a</a> <a href=\"/b/\">b</a> <a href=\"/a/#top\">t</a> <a href=\"/a/#nope\">n</a>".to_vec());
        files.insert(
            "a/index.html".to_string(),
            b"<h1 id=\"top\">A</h1>".to_vec(),
        );
        let problems = broken_links(&files, "/", &HashSet::new());
        let text: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(text[0].contains("\"/b/\""));
        assert!(text[1].contains("no id \"nope\""));
    }
}
