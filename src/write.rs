//! Stage 5: files go to a staging folder beside the output, and the
//! staging folder replaces the output only once everything is written, so
//! a failed or interrupted build leaves the previous site as it was.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Result};
use crate::output::{beside, is_built_site, MARKER, MARKER_TEXT};

pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    /// The site being replaced, if any: a file whose bytes are unchanged is
    /// hard-linked from it instead of written again.
    previous: Option<PathBuf>,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder beside `target`, an output folder
    /// checked by [`crate::output::resolve`] and locked by the caller.
    pub fn prepare(target: &Path) -> Result<Staging> {
        let dir = beside(target, "staging");
        let old = beside(target, "old");
        for path in [&dir, &old] {
            refuse_foreign(path)?;
        }
        // Left over from an interrupted build.
        if dir.exists() {
            remove_tree(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        create_new(&dir.join(MARKER), MARKER_TEXT.as_bytes()).map_err(|e| Error::io(&dir, e))?;
        let previous = is_built_site(target).then(|| target.to_path_buf());
        Ok(Staging {
            target: target.to_path_buf(),
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
    /// `commit`. An error names the file as it will be in the output, which
    /// is what the user knows.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(rel);
        let shown = |e| Error::io(&self.target.join(rel), e);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(shown)?;
        }
        if let Some(previous) = &self.previous {
            let old = previous.join(rel);
            if same_bytes(&old, bytes) && fs::hard_link(&old, &path).is_ok() {
                return Ok(());
            }
        }
        create_new(&path, bytes).map_err(shown)
    }

    /// Swaps the staging folder in place of the output.
    pub fn commit(mut self) -> Result<PathBuf> {
        let old = beside(&self.target, "old");
        refuse_foreign(&old)?;
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

/// Refuses a staging or old-site name beside the output that is not a
/// real folder: deleting what a link there points to would delete
/// something that is not ours (a committed `.public.staging -> ~`).
pub(crate) fn refuse_foreign(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_dir() => {
            let what = if meta.file_type().is_symlink() {
                "is a symbolic link"
            } else {
                "is not a folder"
            };
            Err(Diagnostic::new(path, what)
                .help(
                    "sahel-brief uses this name beside the output while building and \
                     never deletes through a link; delete it (only it, not what it \
                     points to) and build again",
                )
                .into())
        }
        _ => Ok(()),
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
///
/// Links are never followed: a link inside is deleted itself (entries'
/// types are read without following them), and a `dir` that is a link or
/// not a folder is refused rather than read.
pub(crate) fn remove_tree(dir: &Path) -> std::io::Result<()> {
    if !fs::symlink_metadata(dir)?.is_dir() {
        return Err(std::io::Error::other(
            "not a folder (a link or a file): not deleted",
        ));
    }
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
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// Writes `bytes` to a new file at `path`. A file already there (a file
/// staged twice, such as a theme file the site overrides) is unlinked
/// first rather than truncated: it may be a link into the old site.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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

/// A build killed between the two renames of [`Staging::commit`] leaves
/// the previous site as `.public.old` beside a missing `public/`: put it
/// back before anything else, so even a failing build leaves it in place.
/// Only a real folder that a build wrote is moved back.
pub fn recover_interrupted_swap(target: &Path) {
    let old = beside(target, "old");
    if fs::symlink_metadata(target).is_err() && is_built_site(&old) {
        let _ = fs::rename(&old, target);
    }
}

/// Deletes what an interrupted full build left beside the output once the
/// output is in place: its staging folder and the previous site.
pub fn discard_leftovers(target: &Path) -> Result<()> {
    if !target.exists() {
        return Ok(());
    }
    for what in ["staging", "old"] {
        let path = beside(target, what);
        refuse_foreign(&path)?;
        if path.exists() {
            remove_tree(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn links_beside_the_output_are_refused_and_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let precious = dir.path().join("home");
        fs::create_dir_all(precious.join("photos")).unwrap();
        fs::write(precious.join("photos/a.jpg"), "a").unwrap();
        let target = dir.path().join("out");
        for name in ["staging", "old"] {
            let link = beside(&target, name);
            std::os::unix::fs::symlink(&precious, &link).unwrap();
            let err = Staging::prepare(&target).err().unwrap();
            assert!(err.to_string().contains("is a symbolic link"), "{err}");
            assert!(remove_tree(&link).is_err());
            fs::remove_file(&link).unwrap();
        }
        // A link inside a folder being deleted goes, its target stays.
        let staging = beside(&target, "staging");
        fs::create_dir_all(&staging).unwrap();
        std::os::unix::fs::symlink(&precious, staging.join("link")).unwrap();
        Staging::prepare(&target).unwrap();
        assert!(precious.join("photos/a.jpg").is_file());
    }

    #[test]
    fn a_write_error_names_the_file_in_the_output_not_in_staging() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let staging = Staging::prepare(&target).unwrap();
        let rel = format!("tags/{}/index.html", "a".repeat(300));
        let err = staging.write(&rel, b"x").unwrap_err().to_string();
        assert!(
            err.starts_with(&target.join(&rel).display().to_string()),
            "{err}"
        );
        assert!(!err.contains("staging"), "{err}");
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let staging = Staging::prepare(&target).unwrap();
        staging.write("index.html", b"one").unwrap();
        staging.commit().unwrap();
        let staging = Staging::prepare(&target).unwrap();
        staging.write("index.html", b"two").unwrap();
        drop(staging);
        assert_eq!(fs::read(target.join("index.html")).unwrap(), b"one");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("out")]);
        assert!(is_built_site(&target));
    }

    #[test]
    #[cfg(unix)]
    fn unchanged_files_are_linked_and_the_old_site_survives_a_failed_build() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let staging = Staging::prepare(&target).unwrap();
        staging.write("index.html", b"home").unwrap();
        staging.write("a/b/index.html", b"page").unwrap();
        staging.commit().unwrap();
        let inode = |rel: &str| fs::metadata(target.join(rel)).unwrap().ino();
        let (home, page) = (inode("index.html"), inode("a/b/index.html"));

        // Same bytes: linked, not rewritten. Written twice (a theme file
        // the site overrides): the second write must not reach the old site.
        let staging = Staging::prepare(&target).unwrap();
        staging.write("index.html", b"home").unwrap();
        staging.write("a/b/index.html", b"page").unwrap();
        staging.write("a/b/index.html", b"new page").unwrap();
        drop(staging);
        assert_eq!(fs::read(target.join("a/b/index.html")).unwrap(), b"page");

        let staging = Staging::prepare(&target).unwrap();
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
