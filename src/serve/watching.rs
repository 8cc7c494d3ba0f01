//! Watching the site's files, and sorting their events into changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::Instant;

use super::preview::{Outcome, Preview};
use super::{write, Reload, Shared, DEBOUNCE};
use crate::error::{Error, Result};

pub(super) enum Msg {
    Changes(Vec<PathBuf>),
    Stop,
}

pub(super) fn watch_site(root: &Path, tx: mpsc::Sender<Msg>) -> Result<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let mut watcher =
        notify::recommended_watcher(move |result: notify::Result<notify::Event>| match result {
            Ok(event) if is_change(&event.kind) => {
                let _ = tx.send(Msg::Changes(event.paths));
            }
            Ok(_) => {}
            Err(e) => eprintln!("warning: file watcher: {e}"),
        })
        .map_err(|e| Error::Usage(format!("cannot watch the site's files: {e}")))?;
    // The root itself, not site.toml: editors replace files on save, which
    // would end a watch on the file.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", root.display())))?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", path.display())))?;
        }
    }
    Ok(watcher)
}

/// The site's folders watched for changes (with site.toml).
const WATCHED: [&str; 3] = ["content", "templates", "static"];

/// Starts watching a site folder created after the server started.
fn watch_new_folders(
    root: &Path,
    paths: &[PathBuf],
    watcher: &std::sync::Mutex<notify::RecommendedWatcher>,
) {
    use notify::{RecursiveMode, Watcher};
    for dir in WATCHED {
        let path = root.join(dir);
        if paths.contains(&path) && path.is_dir() {
            let mut watcher = watcher.lock().unwrap_or_else(|e| e.into_inner());
            // Watching a folder twice is harmless; a failure is reported.
            if let Err(e) = watcher.watch(&path, RecursiveMode::Recursive) {
                eprintln!("warning: cannot watch {}: {e}", path.display());
            }
        }
    }
}

/// Whether a file event can change the site: not reads (the rebuild's
/// own), not permission or time-stamp changes.
fn is_change(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, ModifyKind};
    use notify::EventKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

pub(super) fn rebuild_loop(
    mut preview: Preview,
    rx: mpsc::Receiver<Msg>,
    shared: Arc<Shared>,
    watcher: Arc<std::sync::Mutex<notify::RecommendedWatcher>>,
) {
    while let Ok(msg) = rx.recv() {
        let Msg::Changes(mut paths) = msg else {
            return;
        };
        let started = Instant::now();
        // Wait for the burst of events of one save to settle.
        loop {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(Msg::Changes(more)) => paths.extend(more),
                Ok(Msg::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
                Err(mpsc::RecvTimeoutError::Timeout) => break,
            }
        }
        paths.sort();
        paths.dedup();
        watch_new_folders(&preview.root, &paths, &watcher);
        let mut change = classify(&preview.root, &paths);
        preview.expand_folders(&mut change);
        if change.is_empty() {
            continue;
        }
        let outcome = preview.apply(&change, &shared);
        let (told, broken) = show(&preview, &shared, &outcome, false);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if broken {
            println!("Rebuilt in {ms:.0} ms with errors: the browser shows them");
        } else {
            println!(
                "Rebuilt in {ms:.0} ms: {} changed, {} removed ({} rendered{}) after {}",
                outcome.changed,
                outcome.removed,
                outcome.rendered,
                match outcome.later {
                    0 => String::new(),
                    n => format!(", {n} more next"),
                },
                crate::error::terminal_safe(&change.describe(&preview.root))
            );
        }
        let started = Instant::now();
        if let Some(later) = preview.finish(&shared) {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            match show(&preview, &shared, &later, told) {
                (true, true) => println!("  then errors: the browser shows them"),
                _ => println!("  then {} more in {ms:.0} ms", later.rendered),
            }
        }
    }
}

/// Shows the errors (or none) after a rebuild and tells the browser to
/// reload when that changes what it shows. After a first reload (`told`),
/// only a change between broken and fixed reloads again: the files that
/// change then were not served in between. Returns (told now, broken).
fn show(preview: &Preview, shared: &Shared, outcome: &Outcome, told: bool) -> (bool, bool) {
    let error = preview.error_page();
    let broken = error.is_some();
    let was_broken = std::mem::replace(&mut *write(&shared.error), error).is_some();
    let changed = outcome.changed + outcome.removed > 0;
    let tell = match told {
        true => broken != was_broken,
        false => broken || was_broken || changed,
    };
    if tell && broken {
        if let Some(text) = preview.error_text() {
            eprintln!("{text}");
        }
    }
    if tell {
        let kind = if !broken && !was_broken && outcome.css_only {
            Reload::Css
        } else {
            Reload::Page
        };
        let _ = shared.reload.send(kind);
    }
    (tell, broken)
}

/// The site's files that changed, sorted by what they need redone.
#[derive(Debug, Default)]
pub(super) struct Change {
    pub(super) everything: bool,
    pub(super) templates: BTreeSet<String>,
    pub(super) statics: BTreeSet<String>,
    pub(super) articles: BTreeSet<PathBuf>,
    /// Other paths under content/articles: folders or temporary files.
    pub(super) folders: BTreeSet<PathBuf>,
    /// The first path, to name in the log.
    pub(super) first: Option<PathBuf>,
}

impl Change {
    fn is_empty(&self) -> bool {
        !self.everything
            && self.templates.is_empty()
            && self.statics.is_empty()
            && self.articles.is_empty()
            && self.folders.is_empty()
    }

    fn describe(&self, root: &Path) -> String {
        let count = usize::from(self.everything)
            + self.templates.len()
            + self.statics.len()
            + self.articles.len();
        let first = self
            .first
            .as_deref()
            .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
            .unwrap_or_default();
        if count > 1 {
            format!("{first} and other changes")
        } else {
            first
        }
    }
}

fn is_editor_noise(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with('#')
        || name == "4913"
}

fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    let mut change = Change::default();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let Some(name) = parts.last() else { continue };
        if parts.iter().any(|p| is_editor_noise(p)) {
            continue;
        }
        let relevant = match parts[0].as_str() {
            "site.toml" if parts.len() == 1 => {
                change.everything = true;
                true
            }
            "content" if parts.len() >= 3 && parts[1] == "articles" => {
                if name.ends_with(".md") {
                    change.articles.insert(path.clone());
                    true
                } else {
                    // A folder moved or removed: redo the articles from disk.
                    // Maybe a folder of articles added, moved or removed;
                    // else an editor's temporary file, found to hold no
                    // article.
                    change.folders.insert(path.clone());
                    false
                }
            }
            "content" if parts.len() >= 2 => {
                change.everything = true;
                true
            }
            "templates" if parts.len() >= 2 => {
                if path.is_dir() {
                    change.everything = true;
                } else {
                    change.templates.insert(parts[1..].join("/"));
                }
                true
            }
            "static" if parts.len() >= 2 => {
                if path.is_dir() {
                    change.everything = true;
                } else {
                    change.statics.insert(parts[1..].join("/"));
                }
                true
            }
            // content/, templates/ or static/ themselves created or removed.
            "content" | "templates" | "static" => {
                change.everything = true;
                true
            }
            _ => false,
        };
        if relevant && change.first.is_none() {
            change.first = Some(path.clone());
        }
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_changes() {
        let root = Path::new("/site");
        let c = classify(
            root,
            &[
                PathBuf::from("/site/content/articles/a.md"),
                PathBuf::from("/site/content/articles/.a.md.swp"),
                PathBuf::from("/site/public/index.html"),
                PathBuf::from("/site/static/style.css"),
                PathBuf::from("/site/templates/base.html"),
            ],
        );
        assert!(!c.everything);
        assert_eq!(c.articles.len(), 1);
        assert!(c.statics.contains("style.css"));
        assert!(c.templates.contains("base.html"));
        assert!(classify(root, &[PathBuf::from("/site/site.toml")]).everything);
        assert!(classify(root, &[PathBuf::from("/site/content/actors/x.md")]).everything);
        assert!(classify(root, &[PathBuf::from("/site/public/x")]).is_empty());
    }
}
