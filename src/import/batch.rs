//! One `import` run: every source converted first, then each article given
//! its own file name, then written. Nothing of a batch is lost: two
//! sources with one title get `slug.md` and `slug-2.md`.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use super::feed::parse_feed;
use super::places::place_names;
use super::Described;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::load::load_profiles;
use crate::model::{slugify, Profiles};

use super::convert::{convert_page, convert_with, Converted};
use super::gazetteer::{fold, Gazetteer};
use super::markdown_source::convert_markdown;
use super::{html, stories};
use super::{Format, Hints, ImportOptions, ImportReport};

pub use super::read::read_source;

/// What happened to one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Imported,
    Unchanged,
    Skipped,
}

/// One article of the batch, with the file it will be written to.
struct Planned {
    /// The source, with `#2`... for the second story of a file.
    label: String,
    slug: String,
    content: String,
    countries: Vec<String>,
    actors: Vec<String>,
    warnings: Vec<String>,
    /// The article itself, kept only when its front matter names its slug
    /// (to be written again under another name); a batch holds the files'
    /// text, not every article twice.
    named: Option<Converted>,
    /// The same article as an earlier one of the batch (a source given twice).
    same_as: Option<String>,
}

/// Imports every source, writing one summary line per article to `out`
/// (`file -> content/articles/slug.md  countries: ..  actors: ..  warnings: ..`),
/// and continuing past bad sources (their errors are Diagnostics printed to
/// `out` too).
pub fn run(options: &ImportOptions, out: &mut dyn std::io::Write) -> Result<ImportReport> {
    let into = articles_folder(options)?;
    let profiles = load_profiles(&options.root)?;
    if profiles.countries.is_empty() && profiles.actors.is_empty() {
        let _ = writeln!(
            out,
            "warning: no country or actor profiles under {}; nothing will be detected",
            options.root.join("content").display()
        );
    }
    let gazetteer = Gazetteer::new(&profiles).with_places(place_names(&profiles));
    let hints = hints(options)?;
    let mut report = ImportReport::default();
    let mut files = Vec::new();
    for source in &options.sources {
        match collect(source) {
            Ok(mut found) => files.append(&mut found),
            Err(d) => {
                report.failed += 1;
                writeln!(out, "{d}").map_err(|e| Error::io(source, e))?;
            }
        }
    }
    let mut planned = Vec::new();
    for file in files {
        match convert_file(&file, &gazetteer, &profiles, &hints) {
            Ok(mut articles) => planned.append(&mut articles),
            Err(d) => {
                report.failed += 1;
                writeln!(out, "{d}").map_err(|e| Error::io(&file, e))?;
            }
        }
    }
    give_unique_slugs(&mut planned);
    let mut folder = Folder {
        root: lexical_absolute(&options.root),
        into,
        made: false,
    };
    for article in &planned {
        match write_one(article, &mut folder, options, out) {
            Ok(Outcome::Imported) => report.imported += 1,
            Ok(Outcome::Unchanged) => report.unchanged += 1,
            Ok(Outcome::Skipped) => report.skipped += 1,
            Err(d) => {
                report.failed += 1;
                writeln!(out, "{d}").map_err(|e| Error::io(&folder.into, e))?;
            }
        }
    }
    Ok(report)
}

/// `--into`, taken from the site folder when relative, and never inside
/// the output folder that the next build replaces.
fn articles_folder(options: &ImportOptions) -> Result<PathBuf> {
    let into = lexical_absolute(&options.root.join(&options.into));
    let root = lexical_absolute(&options.root);
    let default_output = ["public", ".public.staging", ".public.old"]
        .iter()
        .map(|name| root.join(name))
        .find(|output| into.starts_with(output));
    // A site built elsewhere (`build --output`) is known by its marker.
    let built = || {
        into.ancestors()
            .find(|a| crate::output::is_built_site(a))
            .map(Path::to_path_buf)
    };
    if let Some(output) = default_output.or_else(built) {
        let shown = output.strip_prefix(&root).unwrap_or(&output);
        return Err(Error::Usage(format!(
            "--into {} is inside the output folder {}/, which the next build replaces; \
             import into content/articles (the default) or another folder of content/",
            options.into.display(),
            shown.display()
        )));
    }
    Ok(into)
}

/// An absolute path with `.` and `..` resolved by their names, so a folder
/// that does not exist yet can be compared.
fn lexical_absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The command line's hints and the site's `[import]` settings.
fn hints(options: &ImportOptions) -> Result<Hints> {
    let mut hints = Hints::new(options.today);
    hints.lang = options.lang;
    hints.date = options.date;
    hints.source_name = options.source_name.clone();
    hints.source_url = options.source_url.clone();
    let site = options.root.join("site.toml");
    if site.is_file() {
        let config = Config::load(&site)?;
        for (hashtag, tag) in config.import.hashtag_tags {
            let tag = slugify(&tag);
            if !tag.is_empty() {
                hints
                    .hashtag_tags
                    .insert(fold(hashtag.trim_start_matches('#')), tag);
            }
        }
    }
    Ok(hints)
}

/// The source files of one argument: the file itself, or a folder's
/// `.txt`, `.md`, `.html` and feed (`.xml`, `.rss`, `.atom`) files, sorted.
fn collect(source: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let meta = std::fs::metadata(source)
        .map_err(|e| Diagnostic::new(source, format!("cannot read: {e}")).help("check the path"))?;
    if !meta.is_dir() {
        return Ok(vec![source.to_path_buf()]);
    }
    // Links inside are refused, as in the site's own folders: an archive
    // of sources must not bring in a file from elsewhere on this machine.
    let (found, problems) = crate::walk::files(source, source, true);
    if let Some(problem) = problems.into_iter().next() {
        return Err(problem);
    }
    let files = found
        .into_iter()
        .filter(|path| {
            path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                ["txt", "md", "markdown", "html", "htm", "xml", "rss", "atom"]
                    .contains(&e.to_ascii_lowercase().as_str())
            })
        })
        .collect();
    Ok(files)
}

/// Reads and converts one source: one article, or one per story when a
/// pasted text holds several.
fn convert_file(
    file: &Path,
    gazetteer: &Gazetteer,
    profiles: &Profiles,
    hints: &Hints,
) -> Result<Vec<Planned>, Diagnostic> {
    let source = read_source(file)?;
    let stories: Vec<Converted> = match Format::of(file) {
        Format::Text => stories::split(&source.text, hints.date.or(Some(hints.today)))
            .into_iter()
            .map(|story| {
                let mut hints = hints.clone();
                hints.date = story.date.or(hints.date);
                if story.outlet.is_some() || story.url.is_some() {
                    hints.described = Some(Described {
                        name: story.outlet,
                        url: story.url,
                    });
                }
                convert_with(&story.text, gazetteer, profiles, &hints)
            })
            .collect(),
        Format::Html => html::parse_pages(&source.text)
            .into_iter()
            .map(|page| convert_page(page, gazetteer, profiles, hints))
            .collect(),
        Format::Markdown => {
            convert_markdown(&source.text, gazetteer, profiles, hints).map(|c| vec![c])
        }
        Format::Feed => parse_feed(&source.text, file)?
            .into_iter()
            .map(|page| convert_page(page, gazetteer, profiles, hints))
            .collect(),
    }
    .map_err(|m| Diagnostic::new(file, m))?;
    let count = stories.len();
    let mut planned = Vec::with_capacity(count);
    for (i, mut converted) in stories.into_iter().enumerate() {
        let label = if count > 1 {
            format!("{}#{}", file.display(), i + 1)
        } else {
            file.display().to_string()
        };
        converted
            .warnings
            .splice(0..0, source.warnings.iter().cloned());
        if count > 1 && i == 0 {
            converted
                .warnings
                .push(format!("{count} stories found in this file"));
        }
        let mut slug = converted.slug();
        if slug.is_empty() {
            slug = file
                .file_stem()
                .and_then(|s| s.to_str())
                .map(slugify)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "article".to_string());
        }
        planned.push(Planned {
            label,
            content: converted.to_file(),
            slug,
            countries: std::mem::take(&mut converted.countries),
            actors: std::mem::take(&mut converted.actors),
            warnings: std::mem::take(&mut converted.warnings),
            named: converted.kept.slug.is_some().then_some(converted),
            same_as: None,
        });
    }
    Ok(planned)
}

/// Two different articles of one batch never share a file: the second
/// `slug` becomes `slug-2`, then `slug-3`... in the order of the sources,
/// so importing the same batch again finds the same names. The same
/// article twice (a source given twice) is written once.
fn give_unique_slugs(planned: &mut [Planned]) {
    let mut taken: HashMap<String, usize> = HashMap::new();
    for i in 0..planned.len() {
        if let Some(&first) = taken.get(&planned[i].slug) {
            if planned[first].content == planned[i].content {
                planned[i].same_as = Some(planned[first].label.clone());
                continue;
            }
            let base = planned[i].slug.clone();
            let free = (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|s| !taken.contains_key(s))
                .expect("a free name");
            let article = &mut planned[i];
            article.slug = free;
            // A slug kept from the source's front matter names the URL too.
            if let Some(named) = &mut article.named {
                named.kept.slug = Some(article.slug.clone());
                article.content = named.to_file();
            }
        }
        taken.insert(planned[i].slug.clone(), i);
    }
}

/// Where a batch's articles go: the site folder (to show paths from),
/// the articles folder, and whether this run has made sure it exists.
struct Folder {
    root: PathBuf,
    into: PathBuf,
    made: bool,
}

fn write_one(
    article: &Planned,
    folder: &mut Folder,
    options: &ImportOptions,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, Diagnostic> {
    let target = folder.into.join(format!("{}.md", article.slug));
    let shown = target
        .strip_prefix(&folder.root)
        .unwrap_or(&target)
        .display()
        .to_string();
    let io = |e: std::io::Error| Diagnostic::new(&target, format!("cannot write: {e}"));
    let content = &article.content;
    let existing = match std::fs::read(&target) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(e)),
    };
    let mut warnings = article.warnings.clone();
    let outcome = match &existing {
        _ if article.same_as.is_some() => {
            let first = article.same_as.as_deref().unwrap_or_default();
            warnings.push(format!("the same article as {first}; written once"));
            Outcome::Unchanged
        }
        Some(old) if old == content.as_bytes() => Outcome::Unchanged,
        Some(_) if !options.force => {
            warnings.push(if options.skip_existing {
                "exists and differs; kept it (--skip-existing)".to_string()
            } else {
                "exists and differs; kept it (pass --force to overwrite, or --skip-existing)"
                    .to_string()
            });
            Outcome::Skipped
        }
        _ => Outcome::Imported,
    };
    let line = summary_line(article, &shown, &warnings, outcome, options.dry_run);
    writeln!(out, "{line}").map_err(io)?;
    if options.dry_run {
        if outcome != Outcome::Unchanged {
            writeln!(out, "{content}").map_err(io)?;
        }
        return Ok(outcome);
    }
    if outcome == Outcome::Imported {
        if !folder.made {
            // Once a batch: the folder is the same for every article.
            std::fs::create_dir_all(&folder.into).map_err(io)?;
            folder.made = true;
        }
        write_atomic(&target, content.as_bytes()).map_err(io)?;
    }
    Ok(outcome)
}

fn summary_line(
    article: &Planned,
    shown: &str,
    warnings: &[String],
    outcome: Outcome,
    dry_run: bool,
) -> String {
    let what = match (outcome, dry_run) {
        (Outcome::Unchanged, _) => " (unchanged)",
        (Outcome::Skipped, _) => " (skipped)",
        (Outcome::Imported, true) => " (dry run)",
        (Outcome::Imported, false) => "",
    };
    let list = |v: &[String]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.join(", ")
        }
    };
    let mut line = format!(
        "{} -> {shown}{what}  countries: {}  actors: {}",
        article.label,
        list(&article.countries),
        list(&article.actors)
    );
    if !warnings.is_empty() {
        line.push_str("  warnings: ");
        line.push_str(&warnings.join("; "));
    }
    line
}

/// Writes through a temporary file in the same folder, then renames it
/// over the target, so a reader never sees half an article. The folder
/// exists (made once a batch by [`write_one`]).
fn write_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("article.md");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        drop(f);
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_compared_by_name() {
        let a = lexical_absolute(Path::new("/site/content/../public/x"));
        assert_eq!(a, Path::new("/site/public/x"));
    }
}
