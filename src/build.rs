//! The whole pipeline: load -> index -> plan -> render -> write, driven by
//! the [`Engine`] that `serve` shares.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::engine::{Engine, Records};
use crate::error::{Diagnostic, Error, Result};
use crate::incremental::{self, stamp, Cache, Incoming, RecordParts, Stamp};
use crate::load::{load_site_with, LoadOptions};
use crate::model::Site;
use crate::output::{self, OutputLock};
use crate::plan::Planned;
use crate::rebuild::Affected;
use crate::theme::{load_templates, static_files};
use crate::write::{discard_leftovers, recover_interrupted_swap, Staging};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `root/public`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of site.toml.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Forces portable mode (relative links) whatever site.toml says.
    pub portable: bool,
    /// Renders and writes everything, whatever the last build left.
    pub clean: bool,
}

#[derive(Debug)]
pub struct BuildSummary {
    pub output: PathBuf,
    /// Files written per kind, for the summary line.
    pub counts: BTreeMap<&'static str, usize>,
    pub static_files: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
    /// How the output was updated.
    pub update: Update,
}

/// How a build changed its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    /// Built whole in a staging folder swapped in.
    Full,
    /// Written in place: files rendered, written and deleted.
    Incremental {
        rendered: usize,
        written: usize,
        deleted: usize,
    },
    /// Nothing the site is made from changed: nothing done.
    UpToDate,
}

/// Reads the site's configuration with command-line overrides applied.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config> {
    let path = root.join("site.toml");
    let mut config = Config::load(&path)?;
    if let Some(url) = base_url {
        // A bad value here comes from the command line: a usage error.
        config
            .set_base_url(url)
            .map_err(|why| Error::Usage(format!("--base-url {why}")))?;
    }
    Ok(config)
}

pub fn load(options: &BuildOptions) -> Result<Site> {
    let mut config = load_config(&options.root, options.base_url.as_deref())?;
    config.portable |= options.portable;
    load_site_with(
        &options.root,
        config,
        LoadOptions {
            drafts: options.drafts,
            ..LoadOptions::default()
        },
    )
}

/// Builds the site: in place when the last build's output and cache are
/// there (see [`crate::incremental`]), else into a staging folder swapped
/// into the output.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let started = Instant::now();
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let output = output::resolve(&options.root, &output)?;
    // Held until the new site is in place: builds of one output take turns.
    let _lock = OutputLock::acquire(&output).map_err(cannot_write)?;
    recover_interrupted_swap(&output);
    discard_leftovers(&output).map_err(cannot_write)?;
    incremental::finish(&output).map_err(cannot_write)?;
    let settings = format!(
        "{:?} {} {}",
        options.base_url, options.drafts, options.portable
    );
    let inputs = incremental::fingerprint(&options.root, &settings);
    let reuse = !options.clean && output::is_built_site(&output);
    let cache = reuse.then(|| Cache::load(&output)).flatten();
    let summary = |counts, static_files, warnings, update| BuildSummary {
        output: output.clone(),
        counts,
        static_files,
        elapsed: started.elapsed(),
        warnings,
        update,
    };
    if let Some(cache) = &cache {
        if cache.up_to_date(inputs.all, chrono::Utc::now().timestamp()) {
            return Ok(summary(BTreeMap::new(), 0, Vec::new(), Update::UpToDate));
        }
    }
    // The records of the articles are read while the site loads.
    let (site, records) = std::thread::scope(|scope| {
        let records = scope.spawn(|| {
            let cache = cache.as_ref()?;
            cache.records(&output, inputs.others)
        });
        let site = load(options);
        (site, records.join().ok().flatten())
    });
    let site = site?;
    let tera = load_templates(&options.root)?;
    let statics = static_files(&options.root)?;
    let next_publish = site.next_publish.map(|t| t.timestamp());
    let previous_parts = cache.as_ref().map(|c| c.records.clone());
    let (engine, written, records) =
        render_and_write(site, tera, &statics, &output, cache, records)?;
    let records = match records {
        Some(parts) => Cache::save_records(&output, &parts, &previous_parts.unwrap_or_default())
            .map_err(cannot_write)?,
        None => Vec::new(),
    };
    Cache {
        inputs: inputs.all,
        others: inputs.others,
        records,
        months: engine.months(),
        next_publish,
        files: written.stamps,
    }
    .save(&output)
    .map_err(cannot_write)?;
    Ok(summary(
        written.counts,
        statics.len(),
        engine.site().warnings.clone(),
        written.update,
    ))
}

/// Renders what changed since the build the cache describes, or all, and
/// writes it: only what the articles' changes reach when the cache's
/// records of them could be read (nothing else changed), everything in
/// place with a cache, staged without. Also gives the encoded records of
/// the articles for the next build.
fn render_and_write(
    site: Site,
    tera: tera::Tera,
    statics: &BTreeMap<String, Vec<u8>>,
    output: &Path,
    cache: Option<Cache>,
    records: Option<Records<'static>>,
) -> Result<(Engine, Written, Option<RecordParts>)> {
    let (engine, written, records) = match (cache, records) {
        (Some(cache), Some(records)) => {
            let (mut engine, affected) = Engine::since(site, tera, records);
            engine.read_search_from(previous_shards(output, &cache.files));
            let (written, records) = beside_records(&engine, || {
                write_changes(&engine, &affected, statics, output, cache.files)
            });
            (engine, written, records)
        }
        (cache, _) => {
            let engine = Engine::render_once(site, tera);
            let written = match cache {
                Some(cache) => write_in_place(&engine, statics, output, cache.files),
                None => write_staged(&engine, statics, output),
            };
            // Made after the writing: beside it, the records would add to
            // a large site's peak memory (2.4 -> 2.6 GiB at 100,000).
            let records = written.is_ok().then(|| engine.record_parts(true)).flatten();
            (engine, written, records)
        }
    };
    Ok((engine, written?, records))
}

/// Runs `write` while another thread makes and encodes the records of
/// `engine`'s articles (None when some body's facts cannot be had).
fn beside_records<T>(engine: &Engine, write: impl FnOnce() -> T) -> (T, Option<RecordParts>) {
    std::thread::scope(|scope| {
        let records = scope.spawn(|| engine.record_parts(false));
        let written = write();
        (written, records.join().ok().flatten())
    })
}

/// Reads back the word shards the previous build wrote into `output`:
/// a file whose bytes are not those `files` says it wrote is not given.
fn previous_shards(output: &Path, files: &BTreeMap<String, Stamp>) -> crate::render::ShardReader {
    let shards: BTreeMap<String, Stamp> = files
        .iter()
        .filter(|(rel, _)| rel.starts_with("search/w/"))
        .map(|(rel, s)| (rel.clone(), *s))
        .collect();
    let output = output.to_path_buf();
    Box::new(move |rel| {
        let expected = shards.get(rel)?;
        let bytes = std::fs::read(output.join(rel)).ok()?;
        (stamp(&bytes) == *expected).then_some(bytes)
    })
}

/// What writing the output did.
struct Written {
    /// Every file of the output, for the next build's cache.
    stamps: BTreeMap<String, Stamp>,
    /// Files of each kind, for the summary line.
    counts: BTreeMap<&'static str, usize>,
    update: Update,
}

/// Renders everything; writes only the files whose bytes changed.
fn write_in_place(
    engine: &Engine,
    statics: &BTreeMap<String, Vec<u8>>,
    output: &Path,
    previous: BTreeMap<String, Stamp>,
) -> Result<Written> {
    let incoming = Incoming::prepare(output, previous).map_err(cannot_write)?;
    let counts = engine
        .render_all(&|rel, bytes| incoming.write(rel, bytes))
        .map_err(cannot_write)?;
    let rendered = counts.values().sum();
    commit(incoming, statics, counts, rendered)
}

/// Renders only the files the changes in `affected` reach (and any the
/// previous build did not write); keeps the others as they are; writes
/// only the files whose bytes changed.
fn write_changes(
    engine: &Engine,
    affected: &Affected,
    statics: &BTreeMap<String, Vec<u8>>,
    output: &Path,
    previous: BTreeMap<String, Stamp>,
) -> Result<Written> {
    let incoming = Incoming::prepare(output, previous).map_err(cannot_write)?;
    let wanted = |page: &Planned| {
        let file = page.file();
        let wanted = !incoming.had(&file) || engine.reaches(page, affected);
        // A file left as it is stays in the site.
        wanted || incoming.keep(&file).is_err()
    };
    let rendered = engine
        .render_where(&|rel, bytes| incoming.write(rel, bytes), &wanted)
        .map_err(cannot_write)?;
    commit(incoming, statics, engine.counts(), rendered)
}

/// Takes the static files, then moves the changed files in.
fn commit(
    incoming: Incoming,
    statics: &BTreeMap<String, Vec<u8>>,
    counts: BTreeMap<&'static str, usize>,
    rendered: usize,
) -> Result<Written> {
    for (rel, bytes) in statics {
        incoming.write(rel, bytes).map_err(cannot_write)?;
    }
    let (stamps, written, deleted) = incoming.commit().map_err(cannot_write)?;
    Ok(Written {
        stamps,
        counts,
        update: Update::Incremental {
            rendered,
            written,
            deleted,
        },
    })
}

/// Renders everything into a staging folder swapped into the output.
fn write_staged(
    engine: &Engine,
    statics: &BTreeMap<String, Vec<u8>>,
    output: &Path,
) -> Result<Written> {
    let staging = Staging::prepare(output).map_err(cannot_write)?;
    let stamps = std::sync::Mutex::new(BTreeMap::new());
    let sink = |rel: &str, bytes: &[u8]| {
        if let Ok(mut stamps) = stamps.lock() {
            stamps.insert(rel.to_string(), stamp(bytes));
        }
        staging.write(rel, bytes)
    };
    let counts = engine.render_all(&sink).map_err(cannot_write)?;
    for (rel, bytes) in statics {
        sink(rel, bytes).map_err(cannot_write)?;
    }
    // The cache of the site being replaced must not outlive it.
    Cache::forget(output);
    staging.commit().map_err(cannot_write)?;
    let stamps = stamps.into_inner().unwrap_or_default();
    Ok(Written {
        stamps,
        counts,
        update: Update::Full,
    })
}

/// A file-system error of the output side (read-only or full disk, a file
/// in the way) as a diagnostic that says what to do.
fn cannot_write(e: Error) -> Error {
    const HELP: &str = "check the output folder's permissions and free space, or pass \
                        another --output; the previous site is left as it was";
    // A slug or tag too long for a file name is not a disk problem.
    const NAME_HELP: &str = "a slug, tag or id gives a file name longer than the file system \
                             allows: shorten it; the previous site is left as it was";
    match e {
        Error::Io { path, source } => {
            let help = if source.kind() == std::io::ErrorKind::InvalidFilename {
                NAME_HELP
            } else {
                HELP
            };
            Diagnostic::new(path, format!("cannot write the site: {source}"))
                .help(help)
                .into()
        }
        other => other,
    }
}

/// Builds the whole site into memory as `build` writes it: file path ->
/// bytes. For tests and tools: `serve` is compared with it.
pub fn build_in_memory(
    root: &Path,
    drafts: bool,
    base_url: &str,
) -> Result<BTreeMap<String, Vec<u8>>> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        base_url: Some(base_url.to_string()),
        drafts,
        ..BuildOptions::default()
    };
    let engine = Engine::render_once(load(&options)?, load_templates(root)?);
    let files = std::sync::Mutex::new(static_files(root)?);
    engine.render_all(&|rel, bytes| {
        let mut files = files
            .lock()
            .map_err(|_| Error::Usage("internal error: lock poisoned".into()))?;
        files.insert(rel.to_string(), bytes.to_vec());
        Ok(())
    })?;
    Ok(files.into_inner().unwrap_or_default())
}
