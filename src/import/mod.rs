//! `import`: raw article sources become briefing articles.
//!
//! A source (pasted `.txt`, `.md` with or without front matter, `.html`)
//! is read ([`batch`]), cut into its stories when it holds several
//! ([`stories`]), cleaned into a document ([`text`], [`html`]), its
//! language, date, countries and actors detected against the site's own
//! profiles ([`detect`], [`gazetteer`]), and written as
//! `content/articles/<slug>.md` in the format of DESIGN.md ([`convert`]).
//! Writing is atomic, idempotent and never overwrites a different article
//! without `--force`.

pub mod batch;
pub mod convert;
pub mod dates;
pub mod detect;
pub mod events;
pub mod feed;
pub mod furniture;
pub mod gazetteer;
pub mod html;
pub mod markdown_out;
pub mod markdown_source;
pub mod places;
pub mod read;
pub mod stories;
pub mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Lang;

pub use batch::{read_source, run};
pub use convert::{
    convert, convert_document, convert_source, convert_with, slug_from_title, Converted, Kept,
};

pub struct ImportOptions {
    /// Site root (profiles are read from root/content).
    pub root: PathBuf,
    /// Files or folders (.txt, .md, .html).
    pub sources: Vec<PathBuf>,
    /// Default root/content/articles; a relative folder is taken from `root`.
    pub into: PathBuf,
    /// Print what would be written, write nothing.
    pub dry_run: bool,
    /// Overwrite existing different articles.
    pub force: bool,
    /// A source whose article exists and differs is not an error.
    pub skip_existing: bool,
    pub lang: Option<Lang>,
    pub date: Option<NaiveDate>,
    pub source_name: Option<String>,
    pub source_url: Option<String>,
    /// Fallback date (with a warning).
    pub today: NaiveDate,
}

impl ImportOptions {
    /// Options for importing `sources` into `root`'s articles, all else default.
    pub fn new(root: &Path, sources: Vec<PathBuf>, today: NaiveDate) -> ImportOptions {
        ImportOptions {
            root: root.to_path_buf(),
            sources,
            into: root.join("content/articles"),
            dry_run: false,
            force: false,
            skip_existing: false,
            lang: None,
            date: None,
            source_name: None,
            source_url: None,
            today,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub imported: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub failed: usize,
}

/// What the user said about the sources (command-line options and the
/// site's `[import]` settings).
#[derive(Debug, Clone)]
pub struct Hints {
    pub lang: Option<Lang>,
    pub date: Option<NaiveDate>,
    pub source_name: Option<String>,
    pub source_url: Option<String>,
    pub today: NaiveDate,
    /// Hashtags (folded, without `#`) that become tags: `sahel -> sahel-security`.
    pub hashtag_tags: BTreeMap<String, String>,
    /// What the source says about itself (HTML meta, an export's header, a
    /// feed item's link): written as `[[sources]]` unless the user named
    /// the source.
    pub described: Option<Described>,
}

/// An outlet and an address a source gives for itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Described {
    pub name: Option<String>,
    pub url: Option<String>,
}

impl Hints {
    pub fn new(today: NaiveDate) -> Hints {
        Hints {
            lang: None,
            date: None,
            source_name: None,
            source_url: None,
            today,
            hashtag_tags: BTreeMap::new(),
            described: None,
        }
    }
}

/// The kind of source, from its file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// An RSS or Atom feed: one article per item.
    Feed,
}

impl Format {
    pub fn of(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm") => Format::Html,
            Some("xml" | "rss" | "atom") => Format::Feed,
            _ => Format::Text,
        }
    }
}
