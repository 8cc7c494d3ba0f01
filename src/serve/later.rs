//! The page open in the browser first. After an edit, the files it
//! reaches that a browser shows right now are rendered, then the browser
//! is told to reload, then the others are rendered (the print views, data
//! exports and lists that make up most of the time). Until then a request
//! for one of those waits, so no one is ever served a stale copy.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// How long a request waits for a file at most: rendering stopped by a
/// bug must not hang the browser for ever.
const LONGEST_WAIT: Duration = Duration::from_secs(60);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The files being rendered after the reload.
#[derive(Default)]
pub(super) struct Later {
    files: Mutex<HashSet<String>>,
    done: Condvar,
}

impl Later {
    /// From now on, a request for one of `files` waits for [`Later::done`].
    pub(super) fn mark(&self, files: &[String]) {
        lock(&self.files).extend(files.iter().cloned());
    }

    /// The marked files are rendered and stored.
    pub(super) fn done(&self) {
        lock(&self.files).clear();
        self.done.notify_all();
    }

    pub(super) fn is_pending(&self, file: &str) -> bool {
        lock(&self.files).contains(file)
    }

    /// Blocks while `file` (or, with None, any file) is marked.
    pub(super) fn wait(&self, file: Option<&str>) {
        let guard = lock(&self.files);
        let pending = |files: &mut HashSet<String>| match file {
            Some(file) => files.contains(file),
            None => !files.is_empty(),
        };
        let _ = self.done.wait_timeout_while(guard, LONGEST_WAIT, pending);
    }
}

/// The files the browsers connected to the live reload show, each with
/// how many of them show it.
#[derive(Default)]
pub(super) struct Open {
    files: Mutex<HashMap<String, usize>>,
}

impl Open {
    /// `file` is shown until the returned guard is dropped.
    pub(super) fn show(self: &Arc<Self>, file: String) -> Shown {
        *lock(&self.files).entry(file.clone()).or_default() += 1;
        Shown {
            open: self.clone(),
            file,
        }
    }

    pub(super) fn contains(&self, file: &str) -> bool {
        lock(&self.files).contains_key(file)
    }
}

/// A file shown by one browser tab, while its live-reload stream lasts.
pub(super) struct Shown {
    open: Arc<Open>,
    file: String,
}

impl Drop for Shown {
    fn drop(&mut self) {
        let mut files = lock(&self.open.files);
        if let Some(n) = files.get_mut(&self.file) {
            *n -= 1;
            if *n == 0 {
                files.remove(&self.file);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_waits_only_for_a_marked_file() {
        let later = Arc::new(Later::default());
        later.mark(&["big.html".to_string()]);
        later.wait(Some("small.html"));
        assert!(later.is_pending("big.html"));
        let waiter = {
            let later = later.clone();
            std::thread::spawn(move || {
                later.wait(Some("big.html"));
                later.is_pending("big.html")
            })
        };
        std::thread::sleep(Duration::from_millis(20));
        later.done();
        assert!(!waiter.join().unwrap());
        later.wait(None);
    }

    #[test]
    fn a_file_is_open_while_a_tab_shows_it() {
        let open = Arc::new(Open::default());
        let first = open.show("a/index.html".into());
        let second = open.show("a/index.html".into());
        drop(first);
        assert!(open.contains("a/index.html"));
        drop(second);
        assert!(!open.contains("a/index.html"));
    }
}
