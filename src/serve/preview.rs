//! What `serve` shows: the engine's files while the site builds, else the
//! errors, by what has to be fixed. Changes go through the same
//! [`Engine`] as `build`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::watching::Change;
use super::{write, Shared};
use crate::build::{load, BuildOptions};
use crate::engine::{Engine, Stale};
use crate::error::{Diagnostic, Error, Result};
use crate::load::{load_article, LoadOptions};
use crate::model::Article;
use crate::theme::{escape, load_templates, static_file, static_files};

/// Rendered files, by path.
pub(super) type Files = HashMap<String, Arc<Vec<u8>>>;

/// What a rebuild did to the served files.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    pub(super) changed: usize,
    pub(super) removed: usize,
    pub(super) rendered: usize,
    /// Files left to render after the reload.
    pub(super) later: usize,
    pub(super) css_only: bool,
}

/// Why the site cannot be shown, by what has to be fixed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Culprit {
    /// site.toml, profiles, pages, or the whole load.
    Site,
    Templates,
    Article(PathBuf),
}

pub(super) struct Preview {
    pub(super) root: PathBuf,
    drafts: bool,
    base_url: String,
    /// None until a full build succeeds; then every change is applied to it.
    engine: Option<Engine>,
    errors: BTreeMap<Culprit, Vec<Diagnostic>>,
    /// Templates changed since the pages using them were last rendered
    /// (while the templates were broken).
    pending_templates: BTreeSet<String>,
    /// The files the last change reached that no browser shows, rendered
    /// after the reload, and what to blame if that fails.
    later: Option<(Vec<String>, Culprit)>,
}

impl Preview {
    pub(super) fn new(root: PathBuf, drafts: bool, base_url: String) -> Self {
        Preview {
            root,
            drafts,
            base_url,
            engine: None,
            errors: BTreeMap::new(),
            pending_templates: BTreeSet::new(),
            later: None,
        }
    }

    /// Loads and renders everything. On errors, the engine is dropped and
    /// the errors recorded.
    pub(super) fn full(&mut self) -> Files {
        self.errors.clear();
        self.engine = None;
        self.pending_templates.clear();
        let options = BuildOptions {
            root: self.root.clone(),
            base_url: Some(self.base_url.clone()),
            drafts: self.drafts,
            ..BuildOptions::default()
        };
        let site = match load(&options) {
            Ok(site) => site,
            Err(e) => return self.failed(Culprit::Site, e),
        };
        let tera = match load_templates(&self.root) {
            Ok(tera) => tera,
            Err(e) => return self.failed(Culprit::Templates, e),
        };
        let engine = Engine::new(site, tera);
        let statics = match static_files(&self.root) {
            Ok(statics) => statics,
            Err(e) => return self.failed(Culprit::Site, e),
        };
        let files: Mutex<Files> = Mutex::new(
            statics
                .into_iter()
                .map(|(rel, bytes)| (rel, Arc::new(bytes)))
                .collect(),
        );
        let rendered = engine.render_all(&|rel, bytes| {
            if let Ok(mut files) = files.lock() {
                files.insert(rel.to_string(), Arc::new(bytes.to_vec()));
            }
            Ok(())
        });
        if let Err(e) = rendered {
            return self.failed(Culprit::Templates, e);
        }
        let mut engine = engine;
        engine.prepare_for_changes();
        self.engine = Some(engine);
        files.into_inner().unwrap_or_default()
    }

    fn failed(&mut self, culprit: Culprit, error: Error) -> Files {
        self.record(culprit, error);
        Files::new()
    }

    fn record(&mut self, culprit: Culprit, error: Error) {
        let list = match error {
            Error::Content(list) => list,
            other => vec![Diagnostic::new(&self.root, other.to_string())],
        };
        self.errors.insert(culprit, list);
    }

    pub(super) fn error_text(&self) -> Option<String> {
        if self.errors.is_empty() {
            return None;
        }
        let lines: Vec<String> = self
            .errors
            .values()
            .flatten()
            .map(|d| format!("error: {}", self.show(d)))
            .collect();
        Some(lines.join("\n"))
    }

    /// A diagnostic with its path relative to the site's folder.
    fn show(&self, d: &Diagnostic) -> String {
        let mut d = d.clone();
        if let Ok(rel) = d.path.strip_prefix(&self.root) {
            d.path = rel.to_path_buf();
        }
        d.to_string()
    }

    pub(super) fn error_page(&self) -> Option<Arc<String>> {
        if self.errors.is_empty() {
            return None;
        }
        let items: String = self
            .errors
            .values()
            .flatten()
            .map(|d| format!("<li><pre>{}</pre></li>\n", escape(&self.show(d))))
            .collect();
        let count = self.errors.values().map(Vec::len).sum::<usize>();
        Some(Arc::new(format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>Build error · sahel-brief</title>\
             <style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}\
             h1{{color:#a30000;font-size:1.4rem}}pre{{white-space:pre-wrap;background:#fff4f4;border-left:4px solid #a30000;padding:.6rem .8rem;margin:0}}\
             li{{margin:.6rem 0;list-style:none}}ul{{padding:0}}</style></head>\n\
             <body><h1>The site cannot be built ({count} error{})</h1>\n\
             <p>Fix the file below and save: this page reloads by itself.</p>\n<ul>\n{items}</ul>\n</body></html>\n",
            if count == 1 { "" } else { "s" }
        )))
    }

    /// Turns folders under content/articles into the articles they hold
    /// now or held before.
    pub(super) fn expand_folders(&self, change: &mut Change) {
        for folder in std::mem::take(&mut change.folders) {
            for path in crate::walk::files(&self.root, &folder, true).0 {
                if path.extension().is_some_and(|e| e == "md") {
                    change.articles.insert(path);
                }
            }
            let held = self
                .engine
                .iter()
                .flat_map(|e| &e.site().articles)
                .map(|a| &a.path);
            let broken = self.errors.keys().filter_map(|c| match c {
                Culprit::Article(p) => Some(p),
                Culprit::Site | Culprit::Templates => None,
            });
            for path in held.chain(broken) {
                if path.starts_with(&folder) {
                    change.articles.insert(path.clone());
                }
            }
            if change.first.is_none() && !change.articles.is_empty() {
                change.first = Some(folder);
            }
        }
    }

    /// Redoes what `change` needs and updates the served files.
    pub(super) fn apply(&mut self, change: &Change, shared: &Shared) -> Outcome {
        if change.everything || self.engine.is_none() {
            let files = self.full();
            if !self.errors.is_empty() {
                // Keep the last good files for when the error is fixed.
                return Outcome::default();
            }
            let mut served = write(&shared.files);
            let outcome = diff_outcome(&served, &files);
            *served = files;
            return outcome;
        }
        let mut outcome = Outcome {
            css_only: change.templates.is_empty()
                && change.articles.is_empty()
                && change.statics.iter().all(|s| s.ends_with(".css")),
            ..Outcome::default()
        };
        let mut updates: Vec<(String, Option<Vec<u8>>)> = Vec::new();
        for rel in &change.statics {
            updates.push((format!("static/{rel}"), static_file(&self.root, rel)));
        }
        let mut stale = Stale::default();
        if !change.articles.is_empty() {
            match self.apply_articles(&change.articles) {
                Ok(done) => stale = done,
                // Stopped half-way: start afresh next time.
                Err(e) => {
                    self.engine = None;
                    self.record(Culprit::Site, e);
                }
            }
        }
        if !change.templates.is_empty() {
            match self.apply_templates(&change.templates) {
                Ok(files) => stale.files.extend(files),
                Err(e) => self.record(Culprit::Templates, e),
            }
        }
        let culprit = match change.templates.is_empty() {
            true => Culprit::Site,
            false => Culprit::Templates,
        };
        // What the browsers show first; the rest once they are told to
        // reload (see super::later).
        let (now, later): (Vec<String>, Vec<String>) = stale
            .files
            .into_iter()
            .partition(|f| shared.open.contains(f));
        let rendered = self.render(&now, culprit.clone());
        outcome.rendered = rendered.len();
        if self.engine.is_some() && !later.is_empty() {
            shared.later.mark(&later);
            outcome.later = later.len();
            self.later = Some((later, culprit));
        }
        updates.extend(rendered.into_iter().map(|(k, v)| (k, Some(v))));
        updates.extend(stale.removed.into_iter().map(|f| (f, None)));
        store(shared, updates, &mut outcome);
        outcome
    }

    /// Renders the files the last change reached that no browser shows,
    /// after the reload (see [`super::later`]). None if there were none.
    pub(super) fn finish(&mut self, shared: &Shared) -> Option<Outcome> {
        let (files, culprit) = self.later.take()?;
        let rendered = self.render(&files, culprit);
        let mut outcome = Outcome {
            rendered: rendered.len(),
            ..Outcome::default()
        };
        let updates = rendered.into_iter().map(|(k, v)| (k, Some(v))).collect();
        store(shared, updates, &mut outcome);
        shared.later.done();
        Some(outcome)
    }

    /// Renders `files` with the engine. A failure is blamed on `culprit`,
    /// and the engine is let go: the next change rebuilds everything.
    fn render(&mut self, files: &[String], culprit: Culprit) -> Vec<(String, Vec<u8>)> {
        let Some(engine) = self.engine.as_ref() else {
            return Vec::new();
        };
        match engine.render_files(files) {
            Ok(rendered) => rendered,
            Err(e) => {
                self.engine = None;
                self.record(culprit, e);
                Vec::new()
            }
        }
    }

    /// Reloads the templates and renders the pages whose templates use a
    /// changed one.
    fn apply_templates(&mut self, changed: &BTreeSet<String>) -> Result<Vec<String>> {
        self.pending_templates.extend(changed.iter().cloned());
        let tera = load_templates(&self.root)?;
        let Some(engine) = self.engine.as_mut() else {
            return Ok(Vec::new());
        };
        let stale = engine.change_templates(tera, &self.pending_templates);
        // Rendered next; if that fails, the engine goes and all is redone.
        self.pending_templates.clear();
        self.errors.remove(&Culprit::Templates);
        Ok(stale.files)
    }

    /// Re-reads the changed articles and hands those that load to the
    /// engine; the others keep their last good version and show an error.
    fn apply_articles(&mut self, paths: &BTreeSet<PathBuf>) -> Result<Stale> {
        let options = LoadOptions {
            drafts: self.drafts,
            ..LoadOptions::default()
        };
        let Some(engine) = self.engine.as_mut() else {
            return Ok(Stale::default());
        };
        // What each path holds now: None when deleted, hidden or broken.
        let mut fresh: Vec<(PathBuf, Option<Article>)> = Vec::new();
        for path in paths {
            self.errors.remove(&Culprit::Article(path.clone()));
            if !path.is_file() {
                fresh.push((path.clone(), None));
                continue;
            }
            // A folder on the way may be a link the watcher followed.
            let loaded = crate::walk::check_inside(&self.root, path)
                .map_err(Error::from)
                .and_then(|()| load_article(path, &engine.site().profiles, options));
            match loaded {
                Ok(article) => fresh.push((path.clone(), article)),
                Err(e) => {
                    let list = match e {
                        Error::Content(list) => list,
                        other => vec![Diagnostic::new(path, other.to_string())],
                    };
                    self.errors.insert(Culprit::Article(path.clone()), list);
                }
            }
        }
        for (path, d) in engine.admit(&mut fresh) {
            self.errors
                .entry(Culprit::Article(path))
                .or_default()
                .push(d);
        }
        if fresh.is_empty() {
            return Ok(Stale::default());
        }
        engine.change_articles(fresh)
    }
}

/// Stores the rendered (Some) and removed (None) files where the server
/// reads them, counting those that differ.
fn store(shared: &Shared, updates: Vec<(String, Option<Vec<u8>>)>, outcome: &mut Outcome) {
    let mut served = write(&shared.files);
    for (file, bytes) in updates {
        match bytes {
            Some(bytes) if served.get(&file).is_none_or(|old| **old != bytes) => {
                served.insert(file, Arc::new(bytes));
                outcome.changed += 1;
            }
            Some(_) => {}
            None => outcome.removed += usize::from(served.remove(&file).is_some()),
        }
    }
}

fn diff_outcome(old: &Files, new: &Files) -> Outcome {
    let changed = new.iter().filter(|(k, v)| old.get(*k) != Some(*v)).count();
    let removed = old.keys().filter(|k| !new.contains_key(*k)).count();
    Outcome {
        changed,
        removed,
        rendered: new.len(),
        ..Outcome::default()
    }
}
