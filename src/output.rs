//! The output folder: whether it is ours to replace, and one build at a
//! time. A build deletes the folder it replaces, so it only ever replaces
//! an empty folder or one holding the [`MARKER`] a build wrote, and builds
//! of the same output wait for each other instead of mixing their files.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};

/// Written by every build at the top of its output: a folder holding it is
/// a site built by this tool, which the next build may replace whole.
pub const MARKER: &str = ".sahel-brief";

/// The marker's text, for whoever opens it.
pub const MARKER_TEXT: &str =
    "This folder was built by sahel-brief. Each build replaces it whole: edit the site's files instead.\n";

/// The absolute output folder for `target`, after checking that a build
/// of the site in `root` may replace it.
pub fn resolve(root: &Path, target: &Path) -> Result<PathBuf> {
    let root = fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let target = absolute(target)?;
    refuse_dangerous_output(&root, &target)?;
    if target.parent().is_none() {
        return Err(usage(&target, "has no parent folder"));
    }
    Ok(target)
}

/// Whether `dir` is a site a build wrote (a real folder with the marker).
pub fn is_built_site(dir: &Path) -> bool {
    let real = |p: &Path, dir: bool| {
        fs::symlink_metadata(p).is_ok_and(|m| if dir { m.is_dir() } else { m.is_file() })
    };
    real(dir, true) && real(&dir.join(MARKER), false)
}

/// The hidden file or folder beside the output used while building:
/// `.public.staging`, `.public.old`, `.public.lock`.
pub fn beside(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{what}"))
}

/// An exclusive lock on building into one output folder, held from before
/// the previous site is looked at until the new one is in place. Another
/// build of the same output waits for it (and says so on stderr).
///
/// The lock is taken on `.public.lock` beside the output, which the holder
/// deletes when done so nothing is left behind; a waiter that then holds a
/// lock on the deleted file notices and takes it again on a new one.
pub struct OutputLock {
    path: PathBuf,
    // Held open for the lock; closing it releases the lock.
    _file: fs::File,
}

impl OutputLock {
    pub fn acquire(target: &Path) -> Result<OutputLock> {
        let path = beside(target, "lock");
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let mut told = false;
        loop {
            let file = open_lock_file(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    if !told {
                        eprintln!(
                            "waiting for another build of {} to finish...",
                            target.display()
                        );
                        told = true;
                    }
                    file.lock().map_err(|e| Error::io(&path, e))?;
                }
                Err(fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
            if is_same_file(&file, &path) {
                return Ok(OutputLock { path, _file: file });
            }
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Delete while still holding the lock: see the type's comment.
        let _ = fs::remove_file(&self.path);
    }
}

fn open_lock_file(path: &Path) -> Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A link in its place must not make us create or lock a file elsewhere.
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path).map_err(|e| {
        if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            Diagnostic::new(path, "is a symbolic link")
                .help("sahel-brief uses this name beside the output while building and never follows links: delete the link")
                .into()
        } else {
            Error::io(path, e)
        }
    })
}

/// Whether `path` still names the file open as `file`.
#[cfg(unix)]
fn is_same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere an open file cannot be deleted, so the path still names it.
#[cfg(not(unix))]
fn is_same_file(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

fn usage(path: &Path, what: &str) -> Error {
    Error::Usage(format!("output folder {} {what}", path.display()))
}

fn absolute(path: &Path) -> Result<PathBuf> {
    let path = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    // Resolve symbolic links in the part that exists, so `a/../b` and
    // links cannot hide the site root, and an output that is a link is
    // judged by the folder it leads to.
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while fs::symlink_metadata(existing).is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(existing).map_err(|e| Error::io(existing, e))?;
    for name in rest.iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

fn refuse_dangerous_output(root: &Path, target: &Path) -> Result<()> {
    if root.starts_with(target) {
        return Err(usage(
            target,
            "is the site folder or contains it: building there would delete the site",
        ));
    }
    for part in ["content", "templates", "static"] {
        if target.starts_with(root.join(part)) {
            return Err(usage(
                target,
                &format!("is inside the site's {part}/ folder"),
            ));
        }
    }
    let Ok(meta) = fs::metadata(target) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(usage(
            target,
            "is a file, not a folder; choose another --output",
        ));
    }
    let mut entries = fs::read_dir(target).map_err(|e| Error::io(target, e))?;
    if entries.next().is_some() && !is_built_site(target) {
        return Err(usage(
            target,
            &format!(
                "is not empty and was not built by sahel-brief (it has no {MARKER} file), \
                 so building there would delete its files; choose an empty or new --output \
                 (if it is a site built by an older version of sahel-brief, delete it first)"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_site_and_its_parents_and_content() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        for bad in [
            root.clone(),
            dir.path().to_path_buf(),
            root.join("content/x"),
            root.join("content/../"),
            root.join("content"),
        ] {
            assert!(resolve(&root, &bad).is_err(), "{}", bad.display());
        }
        assert!(resolve(&root, &root.join("public")).is_ok());
    }

    #[test]
    fn refuses_a_folder_that_a_build_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("www");
        fs::create_dir_all(&other).unwrap();
        fs::write(other.join("index.html"), "a hand-made site").unwrap();
        let err = resolve(dir.path(), &other).err().unwrap();
        assert!(err.to_string().contains("was not built by sahel-brief"));
        fs::write(other.join(MARKER), MARKER_TEXT).unwrap();
        assert!(resolve(dir.path(), &other).is_ok());
        let file = dir.path().join("notes.txt");
        fs::write(&file, "notes").unwrap();
        assert!(resolve(dir.path(), &file).is_err());
    }

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let first = OutputLock::acquire(&target).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = {
            let target = target.clone();
            std::thread::spawn(move || {
                let second = OutputLock::acquire(&target).unwrap();
                tx.send(()).unwrap();
                drop(second);
            })
        };
        // Not taken while the first is held (no timing: the channel is
        // empty until the waiter holds the lock).
        assert!(rx.try_recv().is_err());
        drop(first);
        rx.recv().unwrap();
        waiter.join().unwrap();
        assert!(!beside(&target, "lock").exists());
    }
}
