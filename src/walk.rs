//! The one rule for reading a folder the user hands us (content/,
//! templates/, static/, import's source folders): a symbolic link is an
//! error naming it, never followed and never read, and so is anything that
//! is neither a regular file nor a folder. A committed link such as
//! `static/env.txt -> /proc/self/environ` would otherwise publish the
//! build's environment; a fifo would hang the build.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::Diagnostic;

/// The regular files under `dir`, sorted by name, and a problem for every
/// entry that cannot be read or is neither a file nor a folder. `dir` and
/// every folder between `top` and it must be real folders too (`top`
/// itself may be a link: the user named it). A missing `dir` has no files. With `skip_hidden`, entries whose name starts with
/// `.` are left out unseen.
pub fn files(top: &Path, dir: &Path, skip_hidden: bool) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    if let Err(problem) = check_inside(top, dir) {
        return (Vec::new(), vec![problem]);
    }
    match fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Vec::new(), Vec::new()),
        Err(e) => {
            let problem = Diagnostic::new(dir, format!("cannot read: {e}"))
                .help("fix the permissions or remove the entry");
            return (Vec::new(), vec![problem]);
        }
        Ok(meta) if !meta.is_dir() => {
            let problem = Diagnostic::new(dir, "is not a folder")
                .help("move the file away: this name is read as a folder");
            return (Vec::new(), vec![problem]);
        }
        Ok(_) => {}
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(false)
        // `dir` itself was checked above (a link only when it is `top`,
        // which the user named).
        .follow_root_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !(skip_hidden && e.depth() > 0 && is_hidden(e.file_name())));
    for entry in walker {
        match entry {
            Ok(entry) => {
                let kind = entry.file_type();
                if entry.depth() == 0 {
                    // `dir` itself, a folder (checked above).
                } else if kind.is_file() {
                    files.push(entry.into_path());
                } else if !kind.is_dir() {
                    problems.push(not_a_file(entry.path(), kind.is_symlink()));
                }
            }
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                let message = err
                    .io_error()
                    .map_or_else(|| err.to_string(), |e| e.to_string());
                problems.push(
                    Diagnostic::new(path, format!("cannot read: {message}"))
                        .help("fix the permissions or remove the entry"),
                );
            }
        }
    }
    (files, problems)
}

/// The bytes of the regular file at `path`, refusing a symbolic link or a
/// special file as [`files`] does. The check is made on the opened file,
/// so a file swapped for a link after the walk is refused too.
pub fn read(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::new(path, format!("cannot read: {e}")).help("check the file's permissions")
    };
    let meta = fs::symlink_metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_a_file(path, meta.file_type().is_symlink()));
    }
    let mut file = open_no_follow(path).map_err(|e| {
        if is_link_error(&e) {
            not_a_file(path, true)
        } else {
            cannot(e)
        }
    })?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_a_file(path, false));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).map_err(cannot)?;
    Ok(bytes)
}

/// Checks that every component of `path` below `top` (`top` excluded) is
/// a real folder or file, not a symbolic link. Missing components are
/// fine: there is nothing to follow.
pub fn check_inside(top: &Path, path: &Path) -> Result<(), Diagnostic> {
    let Ok(rel) = path.strip_prefix(top) else {
        return Ok(());
    };
    let mut current = top.to_path_buf();
    for part in rel.components() {
        current.push(part);
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(not_a_file(&current, true));
            }
            Ok(_) => {}
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

fn not_a_file(path: &Path, symlink: bool) -> Diagnostic {
    if symlink {
        Diagnostic::new(path, "is a symbolic link").help(
            "links are never followed, so that nothing outside the site is read or published: \
             replace the link with the file or folder itself",
        )
    } else {
        Diagnostic::new(path, "is not a regular file (a fifo, socket or device)")
            .help("remove it: only regular files and folders are read")
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n.len() > 1)
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Non-blocking so that a fifo put in place of the file cannot hang
    // the open; it is then refused as not a regular file.
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

#[cfg(unix)]
fn is_link_error(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_link_error(_: &std::io::Error) -> bool {
    false
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_and_special_files_are_problems_and_never_read() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path();
        fs::create_dir_all(top.join("static/css")).unwrap();
        fs::write(top.join("static/css/a.css"), "a").unwrap();
        fs::write(top.join("secret"), "secret").unwrap();
        fs::create_dir(top.join("elsewhere")).unwrap();
        fs::write(top.join("elsewhere/b.css"), "b").unwrap();
        symlink(top.join("secret"), top.join("static/env.txt")).unwrap();
        symlink(top.join("elsewhere"), top.join("static/linked")).unwrap();
        let fifo = top.join("static/pipe");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());

        let (files, problems) = files(top, &top.join("static"), false);
        assert_eq!(files, vec![top.join("static/css/a.css")]);
        let named: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(named.len(), 3, "{named:?}");
        assert!(named[0].contains("static/env.txt: is a symbolic link"));
        assert!(named[1].contains("static/linked: is a symbolic link"));
        assert!(named[2].contains("static/pipe: is not a regular file"));

        assert!(read(&top.join("static/env.txt"))
            .unwrap_err()
            .to_string()
            .contains("is a symbolic link"));
        assert!(read(&fifo)
            .unwrap_err()
            .to_string()
            .contains("not a regular file"));
        assert_eq!(read(&top.join("static/css/a.css")).unwrap(), b"a");
    }

    #[test]
    fn a_linked_folder_on_the_way_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path();
        fs::create_dir_all(top.join("real/articles")).unwrap();
        fs::write(top.join("real/articles/a.md"), "a").unwrap();
        symlink(top.join("real"), top.join("content")).unwrap();
        let (files, problems) = files(top, &top.join("content/articles"), true);
        assert!(files.is_empty());
        assert!(problems[0]
            .to_string()
            .contains("content: is a symbolic link"));
        // A folder that does not exist is simply empty; the folder the
        // user named may be a link.
        assert_eq!(files_count(top, "nothing"), 0);
        assert_eq!(files_count(&top.join("content"), "articles"), 1);
        let (_, problems) = super::files(top, &top.join("real/articles/a.md"), true);
        assert!(problems[0].to_string().contains("is not a folder"));
    }

    /// `top` is the folder named, `rel` inside it.
    fn files_count(top: &Path, rel: &str) -> usize {
        let (files, problems) = files(top, &top.join(rel), true);
        assert!(problems.is_empty());
        files.len()
    }
}
