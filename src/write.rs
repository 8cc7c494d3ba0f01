//! Stage 5: files go to a staging folder beside the output, and the
//! staging folder replaces the output only once everything is written, so
//! a failed or interrupted build leaves the previous site as it was.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};

pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    /// The site being replaced, if any: a file whose bytes are unchanged is
    /// hard-linked from it instead of written again.
    previous: Option<PathBuf>,
    committed: bool,
}

impl Staging {
    /// Checks that `target` is a safe place to publish the site of `root`
    /// and creates an empty staging folder beside it.
    pub fn prepare(root: &Path, target: &Path) -> Result<Staging> {
        let root = fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let target = absolute(target)?;
        refuse_dangerous_output(&root, &target)?;
        let parent = target
            .parent()
            .ok_or_else(|| usage(&target, "has no parent folder"))?;
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let dir = sibling(&target, "staging");
        // Left over from an interrupted build.
        if dir.exists() {
            remove_tree(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        // `refuse_dangerous_output` made sure an existing target is a site.
        let previous = target.join("index.html").is_file().then(|| target.clone());
        Ok(Staging {
            target,
            dir,
            previous,
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one output file, `rel` being its path inside the site.
    ///
    /// When the site being replaced has the same bytes at `rel`, the file is
    /// hard-linked from it: no data is written, and deleting the old site
    /// afterwards frees nothing. The staged file is never written through
    /// such a link (see [`create_new`]), so the old site stays intact until
    /// `commit`.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        if let Some(previous) = &self.previous {
            let old = previous.join(rel);
            if same_bytes(&old, bytes) && fs::hard_link(&old, &path).is_ok() {
                return Ok(());
            }
        }
        create_new(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    /// Swaps the staging folder in place of the output.
    pub fn commit(mut self) -> Result<PathBuf> {
        let old = sibling(&self.target, "old");
        if old.exists() {
            remove_tree(&old).map_err(|e| Error::io(&old, e))?;
        }
        if self.target.exists() {
            fs::rename(&self.target, &old).map_err(|e| Error::io(&self.target, e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            // Put the previous site back before reporting.
            let _ = fs::rename(&old, &self.target);
            return Err(Error::io(&self.target, e));
        }
        self.committed = true;
        if old.exists() {
            remove_tree(&old).map_err(|e| Error::io(&old, e))?;
        }
        Ok(self.target.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
    }
}

/// Deletes a folder and everything in it, folders in parallel: a site has
/// one folder per page, and deleting tens of thousands of small files is
/// bound by the file system's latency more than by one core.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<std::io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Whether the file at `path` holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// Writes `bytes` to a new file at `path`. A file already there (a file
/// staged twice, such as a theme file the site overrides) is unlinked
/// first rather than truncated: it may be a link into the old site.
fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let open = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    let mut file = match open() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            open()?
        }
        other => other?,
    };
    file.write_all(bytes)
}

/// The hidden folder beside the output used while swapping:
/// `.public.staging`, `.public.old`.
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{what}"))
}

/// A build killed between the two renames of [`Staging::commit`] leaves
/// the previous site as `.public.old` beside a missing `public/`: put it
/// back before anything else, so even a failing build leaves it in place.
pub fn recover_interrupted_swap(target: &Path) {
    let old = sibling(target, "old");
    if !target.exists() && old.is_dir() {
        let _ = fs::rename(&old, target);
    }
}

fn usage(path: &Path, what: &str) -> Error {
    Error::Usage(format!("output folder {} {what}", path.display()))
}

fn absolute(path: &Path) -> Result<PathBuf> {
    let path = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    // Resolve symbolic links in the part that exists, so `a/../b` and
    // links cannot hide the site root.
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
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
    if target.is_dir() {
        let mut entries = fs::read_dir(target).map_err(|e| Error::io(target, e))?;
        let empty = entries.next().is_none();
        if !empty && !target.join("index.html").exists() {
            return Err(Error::Usage(format!(
                "output folder {} is not empty and does not look like a built site (no index.html); \
                 remove it or choose another --output",
                target.display()
            )));
        }
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
        ] {
            assert!(Staging::prepare(&root, &bad).is_err(), "{}", bad.display());
        }
        assert!(Staging::prepare(&root, &root.join("public")).is_ok());
    }

    #[test]
    fn refuses_a_folder_that_is_not_a_built_site() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("documents");
        fs::create_dir_all(&other).unwrap();
        fs::write(other.join("thesis.odt"), "x").unwrap();
        let err = Staging::prepare(dir.path(), &other).err().unwrap();
        assert!(err.to_string().contains("does not look like a built site"));
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let staging = Staging::prepare(dir.path(), &target).unwrap();
        staging.write("index.html", b"one").unwrap();
        staging.commit().unwrap();
        let staging = Staging::prepare(dir.path(), &target).unwrap();
        staging.write("index.html", b"two").unwrap();
        drop(staging);
        assert_eq!(fs::read(target.join("index.html")).unwrap(), b"one");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("out")]);
    }

    #[test]
    #[cfg(unix)]
    fn unchanged_files_are_linked_and_the_old_site_survives_a_failed_build() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let staging = Staging::prepare(dir.path(), &target).unwrap();
        staging.write("index.html", b"home").unwrap();
        staging.write("a/b/index.html", b"page").unwrap();
        staging.commit().unwrap();
        let inode = |rel: &str| fs::metadata(target.join(rel)).unwrap().ino();
        let (home, page) = (inode("index.html"), inode("a/b/index.html"));

        // Same bytes: linked, not rewritten. Written twice (a theme file
        // the site overrides): the second write must not reach the old site.
        let staging = Staging::prepare(dir.path(), &target).unwrap();
        staging.write("index.html", b"home").unwrap();
        staging.write("a/b/index.html", b"page").unwrap();
        staging.write("a/b/index.html", b"new page").unwrap();
        drop(staging);
        assert_eq!(fs::read(target.join("a/b/index.html")).unwrap(), b"page");

        let staging = Staging::prepare(dir.path(), &target).unwrap();
        staging.write("index.html", b"home").unwrap();
        staging.write("a/b/index.html", b"new page").unwrap();
        staging.commit().unwrap();
        assert_eq!(inode("index.html"), home);
        assert_ne!(inode("a/b/index.html"), page);
        assert_eq!(
            fs::read(target.join("a/b/index.html")).unwrap(),
            b"new page"
        );
    }
}
