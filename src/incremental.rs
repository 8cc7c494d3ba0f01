//! Incremental `build`: with the previous output and the cache of the
//! build that made it, only the files whose bytes change are written, each
//! to a new file renamed over the old one, and the files no longer made
//! are deleted; folders that stay are never recreated. When only articles
//! changed, only the files their changes reach are rendered (see
//! [`crate::engine::Records`]).
//!
//! Beside the output (`public/`):
//! - `.public.cache`: what the last build read (fingerprints of all its
//!   inputs and of all but the articles) and wrote (the length and hash of
//!   every file, and of the records);
//! - `.public.records/`: what the last build knew of each article, in
//!   parts, so that an edit rewrites one;
//! - `.public.incoming/`: the changed files of a build in progress;
//! - `.public.journal`: written once every changed file is in
//!   `incoming`, it lists the files to move in and to delete. A build
//!   interrupted before it exists is rolled back (incoming deleted, the
//!   output untouched); after, the next build finishes it.
//!
//! The cache is deleted before the output changes and written again after,
//! so a cache never describes an output it did not see.

use std::collections::BTreeMap;
use std::fs;
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rustc_hash::FxHasher;
use serde::{Deserialize, Serialize};

use rayon::prelude::*;

use crate::engine::{Record, Records};
use crate::error::{Error, Result};
use crate::output::beside;
use crate::write::{create_new, refuse_foreign, remove_tree};

/// Length and hash of one output file's bytes.
pub type Stamp = (u64, u64);

pub fn stamp(bytes: &[u8]) -> Stamp {
    let mut h = FxHasher::default();
    h.write(bytes);
    (bytes.len() as u64, h.finish())
}

#[derive(Serialize, Deserialize, Default)]
pub struct Cache {
    /// Fingerprint of everything the build read (see [`fingerprint`]).
    pub inputs: Option<u64>,
    /// Fingerprint of everything but the articles.
    pub others: Option<u64>,
    /// The stamps of the parts of the records of the articles, kept
    /// beside (see [`Records`]): the next build renders what their changes
    /// reach. Empty: no records.
    pub records: Vec<Stamp>,
    /// The months with articles then, oldest first.
    pub months: Vec<(i32, u32)>,
    /// The earliest embargo still in the future then: the site changes
    /// when it passes, with no file changed.
    pub next_publish: Option<i64>,
    /// Every file written, with its stamp.
    pub files: BTreeMap<String, Stamp>,
}

impl Cache {
    /// The cache of the build that made `target`, if it can be trusted.
    pub fn load(target: &Path) -> Option<Cache> {
        let bytes = fs::read(beside(target, "cache")).ok()?;
        decode(&bytes)
    }

    /// Whether nothing the site is made from changed since.
    pub fn up_to_date(&self, inputs: Option<u64>, now: i64) -> bool {
        inputs.is_some() && self.inputs == inputs && self.next_publish.is_none_or(|t| t > now)
    }

    /// Written to a new file renamed into place.
    pub fn save(&self, target: &Path) -> Result<()> {
        let path = beside(target, "cache");
        let temp = beside(target, "cache-new");
        let bytes = encode(self)?;
        create_new(&temp, &bytes).map_err(|e| Error::io(&temp, e))?;
        fs::rename(&temp, &path).map_err(|e| Error::io(&path, e))
    }

    /// The records of the articles the last build rendered, if the rest
    /// of the site is as it was then (`others` is its fingerprint now).
    pub fn records(&self, target: &Path, others: Option<u64>) -> Option<Records<'static>> {
        if others.is_none() || self.others != others {
            return None;
        }
        if self.records.len() != RECORD_PARTS {
            return None;
        }
        let folder = beside(target, "records");
        let parts: Option<Vec<Vec<Record>>> = (0..RECORD_PARTS)
            .into_par_iter()
            .map(|n| {
                let bytes = fs::read(folder.join(part_name(n))).ok()?;
                (stamp(&bytes) == self.records[n]).then_some(())?;
                postcard::from_bytes(&bytes).ok()
            })
            .collect();
        let mut articles: Vec<Record> = parts?.into_iter().flatten().collect();
        articles.sort_by_key(|r| r.position);
        Some(Records {
            months: self.months.clone(),
            articles,
        })
    }

    /// Writes the parts of the records (encoded) whose stamp is not in
    /// `previous` into the records folder beside `target`; returns their
    /// stamps, for the cache.
    pub fn save_records(
        target: &Path,
        parts: &[Vec<u8>],
        previous: &[Stamp],
    ) -> Result<Vec<Stamp>> {
        let folder = beside(target, "records");
        match fs::symlink_metadata(&folder) {
            Ok(meta) if meta.is_dir() => {}
            // The single file of older versions, or anything else of
            // that name: the name is this program's.
            Ok(_) => fs::remove_file(&folder).map_err(|e| Error::io(&folder, e))?,
            Err(_) => {}
        }
        if !folder.is_dir() {
            fs::create_dir(&folder).map_err(|e| Error::io(&folder, e))?;
        }
        let mut stamps = Vec::with_capacity(parts.len());
        for (n, bytes) in parts.iter().enumerate() {
            let stamp = stamp(bytes);
            let path = folder.join(part_name(n));
            if previous.get(n) != Some(&stamp) || !path.is_file() {
                let temp = folder.join(format!("{}.new", part_name(n)));
                create_new(&temp, bytes).map_err(|e| Error::io(&temp, e))?;
                fs::rename(&temp, &path).map_err(|e| Error::io(&path, e))?;
            }
            stamps.push(stamp);
        }
        Ok(stamps)
    }

    pub fn forget(target: &Path) {
        let _ = fs::remove_file(beside(target, "cache"));
    }
}

/// The records of the articles, encoded, in their parts.
pub type RecordParts = Vec<Vec<u8>>;

/// The records of the articles are kept in this many files.
const RECORD_PARTS: usize = 32;

fn part_name(n: usize) -> String {
    format!("{n:02}")
}

/// The records of the articles at `paths`, made by `record`, encoded in
/// parts, each article's by its path: an edit changes the bytes of one
/// part, the only one written again. A part is checked against its stamp
/// in the cache, which names the version: it needs no header. `alone`:
/// nothing else is running, the parts are made in parallel.
pub fn encode_parts<'a, 'r>(
    paths: impl Iterator<Item = &'a Path>,
    record: impl Fn(usize) -> Option<Record<'r>> + Sync,
    alone: bool,
) -> Option<RecordParts> {
    let mut parts: Vec<Vec<usize>> = vec![Vec::new(); RECORD_PARTS];
    for (i, path) in paths.enumerate() {
        let mut h = FxHasher::default();
        h.write(path.as_os_str().as_encoded_bytes());
        parts[h.finish() as usize % RECORD_PARTS].push(i);
    }
    let encode = |list: &Vec<usize>| {
        let records: Vec<Record> = list.iter().map(|&i| record(i)).collect::<Option<_>>()?;
        postcard::to_stdvec(&records).ok()
    };
    match alone {
        true => parts.par_iter().map(encode).collect(),
        // Beside the rendering, which has the thread pool.
        false => parts.iter().map(encode).collect(),
    }
}

/// The format of the cache files: compact and positional, so that a build
/// reads 10,000 records in milliseconds. The header names the program's
/// version: a file another version wrote is not read as this one's.
const HEADER: &[u8] = concat!("sahel-brief ", env!("CARGO_PKG_VERSION"), " cache 2\n").as_bytes();

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    let body = postcard::to_stdvec(value).map_err(|e| Error::Usage(format!("cache: {e}")))?;
    Ok([HEADER, &body].concat())
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    postcard::from_bytes(bytes.strip_prefix(HEADER)?).ok()
}

/// Fingerprints of what a build reads, all of it and all but the articles.
pub struct Fingerprint {
    pub all: Option<u64>,
    pub others: Option<u64>,
}

/// Fingerprints of what a build reads: this program, the options, and the
/// name, size and modification time of every file of the site (but the
/// articles, for `others`). None when a file changed so recently that
/// another change in the same clock tick could keep its time and size:
/// that build is not trusted to be up to date later (git's "racily clean"
/// files).
pub fn fingerprint(root: &Path, options: &str) -> Fingerprint {
    let started = std::time::SystemTime::now();
    let mut newest = [std::time::UNIX_EPOCH; 2];
    let mut all = FxHasher::default();
    all.write(env!("CARGO_PKG_VERSION").as_bytes());
    all.write(options.as_bytes());
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|p| fs::metadata(p).ok())
    {
        add_meta(&mut all, &meta);
    }
    let mut others = all.clone();
    let articles = root.join("content").join("articles");
    for top in ["site.toml", "content", "templates", "static"] {
        // Not following links: the load refuses them anyway.
        let walk = walkdir::WalkDir::new(root.join(top)).sort_by_file_name();
        for entry in walk.into_iter().filter_map(|e| e.ok()) {
            let other = !entry.path().starts_with(&articles);
            for (h, wanted) in [(&mut all, true), (&mut others, other)] {
                if wanted {
                    h.write(entry.path().as_os_str().as_encoded_bytes());
                }
            }
            if let Ok(meta) = entry.metadata() {
                add_meta(&mut all, &meta);
                let time = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
                newest[0] = newest[0].max(time);
                if other {
                    add_meta(&mut others, &meta);
                    newest[1] = newest[1].max(time);
                }
            }
        }
    }
    let settled = |t| t + std::time::Duration::from_secs(2) < started;
    Fingerprint {
        all: settled(newest[0]).then(|| all.finish()),
        others: settled(newest[1]).then(|| others.finish()),
    }
}

fn add_meta(h: &mut FxHasher, meta: &fs::Metadata) {
    h.write_u64(meta.len());
    if let Ok(t) = meta.modified() {
        let since = t.duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        h.write_u128(since.as_nanos());
    }
}

/// The changed files of a build, gathered beside the output until the
/// whole site rendered.
pub struct Incoming {
    target: PathBuf,
    dir: PathBuf,
    previous: BTreeMap<String, Stamp>,
    /// Every file of the new site, with its stamp.
    stamps: Mutex<BTreeMap<String, Stamp>>,
    changed: Mutex<Vec<String>>,
    committed: bool,
}

impl Incoming {
    pub fn prepare(target: &Path, previous: BTreeMap<String, Stamp>) -> Result<Incoming> {
        let dir = beside(target, "incoming");
        refuse_foreign(&dir)?;
        if dir.exists() {
            remove_tree(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        Ok(Incoming {
            target: target.to_path_buf(),
            dir,
            previous,
            stamps: Mutex::new(BTreeMap::new()),
            changed: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// Whether the previous build wrote `rel`.
    pub fn had(&self, rel: &str) -> bool {
        self.previous.contains_key(rel)
    }

    /// Keeps `rel` as the previous build wrote it.
    pub fn keep(&self, rel: &str) -> Result<()> {
        if let Some(stamp) = self.previous.get(rel) {
            lock(&self.stamps)?.insert(rel.to_string(), *stamp);
        }
        Ok(())
    }

    /// Takes one file of the new site: kept aside only if its bytes differ
    /// from those the previous build wrote there.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let stamp = stamp(bytes);
        lock(&self.stamps)?.insert(rel.to_string(), stamp);
        if self.previous.get(rel) == Some(&stamp) {
            return Ok(());
        }
        let path = self.dir.join(rel);
        let shown = |e| Error::io(&self.target.join(rel), e);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(shown)?;
        }
        create_new(&path, bytes).map_err(shown)?;
        lock(&self.changed)?.push(rel.to_string());
        Ok(())
    }

    /// Moves the changed files in and deletes those no longer made.
    /// Returns the new cache's files, and how many were written and deleted.
    pub fn commit(mut self) -> Result<(BTreeMap<String, Stamp>, usize, usize)> {
        let stamps = std::mem::take(&mut *lock(&self.stamps)?);
        let changed = std::mem::take(&mut *lock(&self.changed)?);
        let gone: Vec<&String> = self
            .previous
            .keys()
            .filter(|f| !stamps.contains_key(*f))
            .collect();
        let mut journal = String::new();
        for rel in &changed {
            journal.push_str(&format!("W {rel}\n"));
        }
        for rel in &gone {
            journal.push_str(&format!("D {rel}\n"));
        }
        Cache::forget(&self.target);
        let path = beside(&self.target, "journal");
        let temp = beside(&self.target, "journal-new");
        write_synced(&temp, journal.as_bytes()).map_err(|e| Error::io(&temp, e))?;
        fs::rename(&temp, &path).map_err(|e| Error::io(&path, e))?;
        self.committed = true;
        let counts = (changed.len(), gone.len());
        finish(&self.target)?;
        Ok((stamps, counts.0, counts.1))
    }
}

impl Drop for Incoming {
    fn drop(&mut self) {
        if !self.committed && self.dir.exists() {
            let _ = remove_tree(&self.dir);
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>> {
    m.lock()
        .map_err(|_| Error::Usage("internal error: lock poisoned".into()))
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let _ = fs::remove_file(path);
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Carries out the journal beside `target`, if any: each step can be done
/// again, so a build killed while doing it is finished by the next.
/// Without a journal, changed files set aside are dropped.
pub fn finish(target: &Path) -> Result<()> {
    let journal = beside(target, "journal");
    let incoming = beside(target, "incoming");
    refuse_foreign(&incoming)?;
    let Ok(text) = fs::read_to_string(&journal) else {
        if incoming.exists() {
            remove_tree(&incoming).map_err(|e| Error::io(&incoming, e))?;
        }
        return Ok(());
    };
    Cache::forget(target);
    for line in text.lines() {
        let (op, rel) = line.split_at(2.min(line.len()));
        let to = target.join(rel);
        match op {
            "W " => {
                let from = incoming.join(rel);
                if from.exists() {
                    if let Some(parent) = to.parent() {
                        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                    }
                    fs::rename(&from, &to).map_err(|e| Error::io(&to, e))?;
                }
            }
            "D " => {
                match fs::remove_file(&to) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        return Err(Error::io(&to, e))
                    }
                    _ => {}
                }
                // Folders left empty go too (not the output itself).
                let mut dir = to.parent();
                while let Some(d) = dir.filter(|d| *d != target) {
                    if fs::remove_dir(d).is_err() {
                        break;
                    }
                    dir = d.parent();
                }
            }
            _ => {}
        }
    }
    if incoming.exists() {
        remove_tree(&incoming).map_err(|e| Error::io(&incoming, e))?;
    }
    fs::remove_file(&journal).map_err(|e| Error::io(&journal, e))
}
