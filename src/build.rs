//! The whole pipeline: load -> index -> plan -> render -> write.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::index::build_index;
use crate::load::{load_site_with, LoadOptions};
use crate::model::Site;
use crate::output::{self, OutputLock};
use crate::plan::plan;
use crate::render::Renderer;
use crate::theme::{load_templates, static_files};
use crate::write::{recover_interrupted_swap, Staging};

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
}

#[derive(Debug)]
pub struct BuildSummary {
    pub output: PathBuf,
    /// Files written per kind, for the summary line.
    pub counts: BTreeMap<&'static str, usize>,
    pub static_files: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
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

/// Builds the site into a staging folder and swaps it into the output.
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
    let site = load(options)?;
    let tera = load_templates(&options.root)?;
    let staging = Staging::prepare(&output).map_err(cannot_write)?;
    // The first write error stops the build: a full disk gives one message.
    let counts =
        render_into(&site, &tera, &|rel, bytes| staging.write(rel, bytes)).map_err(cannot_write)?;
    let static_files = copy_static(&options.root, &staging)?;
    let output = staging.commit().map_err(cannot_write)?;
    Ok(BuildSummary {
        output,
        counts,
        static_files,
        elapsed: started.elapsed(),
        warnings: site.warnings,
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

/// Renders every planned page in parallel and hands each file to `sink`.
/// Every render problem is collected and reported together.
pub fn render_into(
    site: &Site,
    tera: &tera::Tera,
    sink: &(dyn Fn(&str, &[u8]) -> Result<()> + Sync),
) -> Result<BTreeMap<&'static str, usize>> {
    let index = build_index(site);
    let pages = plan(site, &index);
    let renderer = Renderer::new(site, &index, tera);
    let results: Vec<std::result::Result<&'static str, Error>> = pages
        .par_iter()
        .map(|page| {
            let bytes = renderer.render(page)?;
            sink(&page.file(), &bytes)?;
            Ok(page.label())
        })
        .collect();
    let mut counts = BTreeMap::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(label) => *counts.entry(label).or_default() += 1,
            Err(Error::Content(mut d)) => problems.append(&mut d),
            Err(other) => return Err(other),
        }
    }
    if !problems.is_empty() {
        // The same template error fails many pages: report it once.
        problems.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        problems.dedup_by(|a, b| a.path == b.path && a.message == b.message);
        return Err(Error::Content(problems));
    }
    Ok(counts)
}

/// Built-in static files, then the site's own `static/` over them.
fn copy_static(root: &Path, staging: &Staging) -> Result<usize> {
    let files = static_files(root)?;
    for (rel, bytes) in &files {
        staging.write(rel, bytes).map_err(cannot_write)?;
    }
    Ok(files.len())
}
