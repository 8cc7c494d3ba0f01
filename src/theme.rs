//! The default theme embedded in the binary: templates and static files.
//! A site's own `templates/` and `static/` files replace them one by one,
//! so `init` produces a working site and users customise a file at a time.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use include_dir::{include_dir, Dir};
use tera::ast::{Expr, ExprVal, FunctionCall, Node, WS};
use tera::Tera;

use crate::error::{Diagnostic, Error, Result};

pub static TEMPLATES: Dir = include_dir!("$CARGO_MANIFEST_DIR/templates");
pub static STATIC: Dir = include_dir!("$CARGO_MANIFEST_DIR/static");

/// Templates every site needs; `check` reports a missing one by name.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "base.html",
    "index.html",
    "article.html",
    "page.html",
    "countries.html",
    "country.html",
    "actors.html",
    "actor.html",
    "tags.html",
    "tag.html",
    "timeline.html",
    "month.html",
    "articles.html",
    "archive.html",
    "year.html",
    "print.html",
    "search.html",
    "sources.html",
    "relations.html",
    "place.html",
    "places.html",
    "overview.html",
    "events.html",
    "picture.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
];

/// Embedded templates overridden by the site's own, compiled once.
pub fn load_templates(root: &Path) -> Result<Tera> {
    let mut sources: BTreeMap<String, (String, String)> = BTreeMap::new();
    for file in TEMPLATES.files() {
        let name = file.path().to_string_lossy().replace('\\', "/");
        let text = file.contents_utf8().unwrap_or_default().to_string();
        sources.insert(name.clone(), (format!("(built-in) templates/{name}"), text));
    }
    let dir = root.join("templates");
    let (files, problems) = crate::walk::files(root, &dir, false);
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    for path in files {
        let rel = path.strip_prefix(&dir).unwrap_or(&path);
        let name = rel.to_string_lossy().replace('\\', "/");
        let bytes = crate::walk::read(&path)?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::from(
                Diagnostic::new(
                    &path,
                    "cannot read template: stream did not contain valid UTF-8",
                )
                .help("save it as UTF-8 text"),
            )
        })?;
        sources.insert(name, (path.display().to_string(), text));
    }
    // Lists place each article's card, rendered once by this template.
    sources.insert(
        CARD_TEMPLATE.to_string(),
        (
            "(built-in) card of lists".to_string(),
            "{% import \"macros.html\" as m %}{{ m::card(a=a, root=root, compact=compact) }}"
                .to_string(),
        ),
    );
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape);
    let raw: Vec<(&str, &str)> = sources
        .iter()
        .map(|(name, (_, text))| (name.as_str(), text.as_str()))
        .collect();
    tera.add_raw_templates(raw).map_err(|e| {
        let path =
            template_path_in_error(&e, &sources).unwrap_or_else(|| dir.display().to_string());
        Error::from(Diagnostic::new(path, error_chain(&e)).help("fix the template syntax"))
    })?;
    add_recursion_guard(&mut tera);
    for name in REQUIRED_TEMPLATES {
        if !sources.contains_key(*name) {
            return Err(Diagnostic::new(dir.join(name), "missing template")
                .help("add it, or delete your templates/ folder to use the built-in theme")
                .into());
        }
    }
    Ok(tera)
}

/// Tera has no recursion limit: a macro that calls itself without end, or
/// templates that include each other, overflow the stack and abort the
/// process. Every template and macro body starts with a call to a guard
/// that fails the render once the thread's stack has grown by
/// [`MAX_TEMPLATE_STACK`] since the shallowest guard call, well before the
/// 2 MiB of a worker thread run out. Finite recursion keeps working.
fn add_recursion_guard(tera: &mut Tera) {
    tera.register_function(GUARD, |_: &HashMap<String, tera::Value>| {
        let marker = 0u8;
        let here = std::hint::black_box(&marker) as *const u8 as usize;
        let used = STACK_BASE.with(|base| {
            let top = base.get().max(here);
            base.set(top);
            top - here
        });
        if used > MAX_TEMPLATE_STACK {
            return Err(tera::Error::msg(
                "templates nest too deeply: a macro calls itself without end, or templates \
                 include each other; give the recursion a stopping condition",
            ));
        }
        Ok(tera::Value::String(String::new()))
    });
    let guard = || {
        Node::VariableBlock(
            WS::default(),
            Expr::new(ExprVal::FunctionCall(FunctionCall {
                name: GUARD.to_string(),
                args: HashMap::new(),
            })),
        )
    };
    for template in tera.templates.values_mut() {
        template.ast.insert(0, guard());
        for definition in template.macros.values_mut() {
            definition.body.insert(0, guard());
        }
    }
}

/// The internal template that renders one card with the theme's macro.
/// The templates whose output can change when those in `changed` do:
/// `changed` and every template extending, including or importing one of
/// them, directly or through others (read from Tera's parsed templates).
pub fn template_users(tera: &Tera, changed: &BTreeSet<String>) -> HashSet<String> {
    let uses: HashMap<&str, HashSet<&str>> = tera
        .get_template_names()
        .filter_map(|name| {
            tera.get_template(name)
                .ok()
                .map(|t| (name, template_uses(t)))
        })
        .collect();
    let mut users: HashSet<String> = changed.iter().cloned().collect();
    loop {
        let before = users.len();
        for (name, used) in &uses {
            if !users.contains(*name) && used.iter().any(|u| users.contains(*u)) {
                users.insert(name.to_string());
            }
        }
        if users.len() == before {
            return users;
        }
    }
}

/// The templates one template names: its parents, its macro imports and
/// its includes.
fn template_uses(t: &tera::Template) -> HashSet<&str> {
    let mut used: HashSet<&str> = t.parents.iter().map(String::as_str).collect();
    used.extend(t.imported_macro_files.iter().map(|(file, _)| file.as_str()));
    let mut stack: Vec<&[Node]> = vec![&t.ast];
    stack.extend(t.macros.values().map(|m| m.body.as_slice()));
    while let Some(nodes) = stack.pop() {
        for node in nodes {
            match node {
                Node::Include(_, names, _) => used.extend(names.iter().map(String::as_str)),
                Node::Block(_, block, _) => stack.push(&block.body),
                Node::Forloop(_, forloop, _) => {
                    stack.push(&forloop.body);
                    stack.extend(forloop.empty_body.as_deref());
                }
                Node::If(branches, _) => {
                    stack.extend(
                        branches
                            .conditions
                            .iter()
                            .map(|(_, _, body)| body.as_slice()),
                    );
                    stack.extend(branches.otherwise.as_ref().map(|(_, body)| body.as_slice()));
                }
                Node::FilterSection(_, section, _) => stack.push(&section.body),
                _ => {}
            }
        }
    }
    used
}

/// One static file as a build copies it: the site's own, else the
/// built-in one, else none.
pub fn static_file(root: &Path, rel: &str) -> Option<Vec<u8>> {
    // Never a link, as in the full build.
    let path = root.join("static").join(rel);
    if let Ok(bytes) =
        crate::walk::check_inside(root, &path).and_then(|()| crate::walk::read(&path))
    {
        return Some(bytes);
    }
    STATIC.get_file(rel).map(|f| f.contents().to_vec())
}

pub const CARD_TEMPLATE: &str = "__card.html";

const GUARD: &str = "__recursion_guard";
const MAX_TEMPLATE_STACK: usize = 1024 * 1024;

thread_local! {
    static STACK_BASE: Cell<usize> = const { Cell::new(0) };
}

fn template_path_in_error(
    e: &tera::Error,
    sources: &BTreeMap<String, (String, String)>,
) -> Option<String> {
    let text = error_chain(e);
    sources
        .iter()
        .find(|(name, _)| text.contains(&format!("'{name}'")))
        .map(|(_, (path, _))| path.clone())
}

/// Every static file of the site, by its path in the output
/// (`static/style.css`): the built-in ones, replaced or joined by the
/// site's own `static/` folder.
pub fn static_files(root: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    for file in STATIC.files() {
        let rel = file.path().to_string_lossy().replace('\\', "/");
        files.insert(format!("static/{rel}"), file.contents().to_vec());
    }
    let dir = root.join("static");
    let (found, problems) = crate::walk::files(root, &dir, false);
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    for path in found {
        let rel = path.strip_prefix(&dir).unwrap_or(&path);
        let rel = format!("static/{}", rel.to_string_lossy().replace('\\', "/"));
        files.insert(rel, crate::walk::read(&path)?);
    }
    Ok(files)
}

/// Tera nests the useful message in the error's sources.
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ").replace('\n', " ")
}

/// Escapes text for HTML and XML. Unlike Tera's default it leaves `/`
/// alone, so URLs stay readable and pages small.
pub fn escape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Copy the runs between special characters whole: most text has none.
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_replaces_only_markup_characters() {
        assert_eq!(escape(""), "");
        assert_eq!(escape("Côte d'Ivoire"), "Côte d&#39;Ivoire");
        assert_eq!(
            escape(r#"<a href="/x?a=1&b">é</a>"#),
            "&lt;a href=&quot;/x?a=1&amp;b&quot;&gt;é&lt;/a&gt;"
        );
    }
}
