//! `import`: raw article sources become briefing articles.
//!
//! A source (pasted `.txt`, `.md` with or without front matter, `.html`)
//! is cleaned into Markdown ([`text`]), its language, date, countries and
//! actors detected against the site's own profiles ([`detect`],
//! [`gazetteer`]), and written as `content/articles/<slug>.md` in the
//! format of DESIGN.md. Writing is atomic, idempotent and never overwrites
//! a different article without `--force`.

pub mod detect;
pub mod gazetteer;
pub mod html;
pub mod text;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Lang;
use crate::error::{Diagnostic, Error, Result};
use crate::frontmatter;
use crate::load::load_profiles;
use crate::model::{slugify, Mentions, Profiles, Source};

use detect::{DateBasis, Found, Part};
use gazetteer::{Entity, Gazetteer};

pub struct ImportOptions {
    /// Site root (profiles are read from root/content).
    pub root: PathBuf,
    /// Files or folders (.txt, .md, .html).
    pub sources: Vec<PathBuf>,
    /// Default root/content/articles.
    pub into: PathBuf,
    /// Print what would be written, write nothing.
    pub dry_run: bool,
    /// Overwrite existing different articles.
    pub force: bool,
    pub lang: Option<Lang>,
    pub date: Option<NaiveDate>,
    pub source_name: Option<String>,
    pub source_url: Option<String>,
    /// Fallback date (with a warning).
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub imported: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub failed: usize,
}

/// What the user said about the sources (command-line options).
#[derive(Debug, Clone)]
pub struct Hints {
    pub lang: Option<Lang>,
    pub date: Option<NaiveDate>,
    pub source_name: Option<String>,
    pub source_url: Option<String>,
    pub today: NaiveDate,
}

impl Hints {
    pub fn new(today: NaiveDate) -> Hints {
        Hints {
            lang: None,
            date: None,
            source_name: None,
            source_url: None,
            today,
        }
    }
}

/// The kind of source, from its file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
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
            _ => Format::Text,
        }
    }
}

/// An article ready to be written: front matter values and Markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    pub title: String,
    pub date: toml::value::Datetime,
    pub lang: Lang,
    pub countries: Vec<String>,
    pub actors: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub source: Option<Source>,
    pub mentions: Mentions,
    /// Fields of an existing `.md` front matter kept as they were.
    pub kept: Kept,
    pub body: String,
    /// Hashtags as written, pasted tweets found, lines dropped.
    pub hashtags: Vec<String>,
    pub tweets: usize,
    pub warnings: Vec<String>,
}

/// Optional article fields that only an existing front matter provides.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Kept {
    pub draft: Option<bool>,
    pub publish: Option<toml::value::Datetime>,
    pub updated: Option<toml::value::Datetime>,
    pub slug: Option<String>,
}

#[derive(Serialize)]
struct FrontOut<'a> {
    title: &'a str,
    date: &'a toml::value::Datetime,
    lang: &'static str,
    countries: &'a [String],
    actors: &'a [String],
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    draft: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publish: Option<&'a toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<&'a toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a Source>,
    mentions: &'a Mentions,
}

impl Converted {
    /// The file stem: the kept `slug`, else the title transliterated.
    pub fn slug(&self) -> String {
        if let Some(s) = &self.kept.slug {
            return s.clone();
        }
        slug_from_title(&self.title)
    }

    /// The whole article file: TOML front matter between `+++`, then Markdown.
    pub fn to_file(&self) -> String {
        let front = FrontOut {
            title: &self.title,
            date: &self.date,
            lang: self.lang.code(),
            countries: &self.countries,
            actors: &self.actors,
            tags: &self.tags,
            summary: self.summary.as_deref(),
            draft: self.kept.draft,
            publish: self.kept.publish.as_ref(),
            updated: self.kept.updated.as_ref(),
            slug: self.kept.slug.as_deref(),
            source: self.source.as_ref(),
            mentions: &self.mentions,
        };
        let toml = toml::to_string(&front).expect("article front matter serialises");
        let mut out = String::with_capacity(toml.len() + self.body.len() + 10);
        out.push_str("+++\n");
        out.push_str(&toml);
        if !toml.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("+++\n");
        out.push_str(self.body.trim_start_matches('\n'));
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out
    }
}

/// A slug from a title: transliterated, lower-case words joined by `-`,
/// cut at a word boundary to stay a reasonable file name.
pub fn slug_from_title(title: &str) -> String {
    const MAX: usize = 80;
    let slug = slugify(title);
    if slug.len() <= MAX {
        return slug;
    }
    let cut = slug[..=MAX].rfind('-').unwrap_or(MAX);
    slug[..cut].to_string()
}

/// Converts one source already read as text. `format` says how to read it.
pub fn convert_source(
    raw: &str,
    format: Format,
    gazetteer: &Gazetteer,
    profiles: &Profiles,
    hints: &Hints,
) -> Result<Converted, String> {
    match format {
        Format::Text => convert_with(raw, gazetteer, profiles, hints),
        Format::Html => convert_with(&html::html_to_text(raw), gazetteer, profiles, hints),
        Format::Markdown => convert_markdown(raw, gazetteer, profiles, hints),
    }
}

/// Converts a pasted text (title line, blank line, paragraphs) into an
/// article. Builds the gazetteer each call: use [`convert_with`] for many.
pub fn convert(text: &str, profiles: &Profiles, hints: &Hints) -> Result<Converted, String> {
    convert_with(text, &Gazetteer::new(profiles), profiles, hints)
}

pub fn convert_with(
    raw: &str,
    gazetteer: &Gazetteer,
    profiles: &Profiles,
    hints: &Hints,
) -> Result<Converted, String> {
    let normalized = text::normalize(raw);
    let doc = text::parse(&normalized);
    if doc.title.is_empty() {
        return Err("no text: the source has no title line".into());
    }
    let mut warnings = Vec::new();
    let body_text: Vec<&str> = doc.blocks.iter().map(|b| b.text()).collect();

    let lang = match hints.lang {
        Some(l) => l,
        None => {
            let sample: String = std::iter::once(doc.title.as_str())
                .chain(body_text.iter().copied())
                .collect::<Vec<_>>()
                .join("\n");
            match detect::detect_lang(&sample) {
                Some(l) => l,
                None => {
                    warnings.push("language not recognised; assumed fr (pass --lang)".to_string());
                    Lang::Fr
                }
            }
        }
    };

    let tweet_dates: Vec<NaiveDate> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            text::Block::Tweet(t) => t.date,
            _ => None,
        })
        .collect();
    let mut known_date = true;
    let date = match hints.date {
        Some(d) => d,
        None => {
            let (d, basis) = detect::detect_date(&body_text, &tweet_dates, hints.today);
            match basis {
                DateBasis::Today => {
                    // Today is no evidence about who was in office.
                    known_date = false;
                    warnings.push(format!(
                        "no date found in the source; used today, {d} (pass --date)"
                    ))
                }
                DateBasis::Tweet => warnings.push(format!(
                    "date {d} taken from a pasted tweet (pass --date if the article is later)"
                )),
                _ => {}
            }
            d
        }
    };

    let mut parts = vec![(Part::Title, doc.title.as_str())];
    parts.extend(body_text.iter().map(|t| (Part::Body, *t)));
    let found = detect::detect_entities(gazetteer, profiles, &parts, known_date.then_some(date));
    let (countries, actors, mentions) = split_found(&found, profiles);

    if !doc.dropped.is_empty() {
        warnings.push(format!(
            "{} line(s) of page furniture left out",
            doc.dropped.len()
        ));
    }
    let mut tags: Vec<String> = Vec::new();
    for h in &doc.hashtags {
        let t = slugify(h);
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    let tweets = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, text::Block::Tweet(_)))
        .count();
    Ok(Converted {
        title: doc.title.clone(),
        date: toml_date(date),
        lang,
        countries,
        actors,
        tags,
        summary: None,
        source: source(hints),
        mentions,
        kept: Kept::default(),
        body: text::to_markdown(&doc),
        hashtags: doc.hashtags.clone(),
        tweets,
        warnings,
    })
}

fn source(hints: &Hints) -> Option<Source> {
    let url = hints.source_url.clone().filter(|u| !u.trim().is_empty());
    let name = hints
        .source_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .or_else(|| {
            url.as_ref().map(|u| {
                let host = u.split("://").nth(1).unwrap_or(u);
                host.split('/').next().unwrap_or(host).to_string()
            })
        })?;
    Some(Source { name, url })
}

fn toml_date(d: NaiveDate) -> toml::value::Datetime {
    d.format("%Y-%m-%d")
        .to_string()
        .parse()
        .expect("a NaiveDate is a TOML date")
}

fn split_found(found: &[Found], profiles: &Profiles) -> (Vec<String>, Vec<String>, Mentions) {
    let mut countries = Vec::new();
    let mut actors = Vec::new();
    let mut mentions = Mentions::default();
    for f in found {
        match f.entity {
            Entity::Country(i) => {
                let id = profiles.countries[i].id.clone();
                if f.substantial {
                    countries.push(id)
                } else {
                    mentions.countries.push(id)
                }
            }
            Entity::Actor(i) => {
                let id = profiles.actors[i].id.clone();
                if f.substantial {
                    actors.push(id)
                } else {
                    mentions.actors.push(id)
                }
            }
        }
    }
    (countries, actors, mentions)
}

/// Known front-matter fields of a `.md` source, all optional.
#[derive(serde::Deserialize, Default)]
struct FrontIn {
    title: Option<String>,
    date: Option<toml::value::Datetime>,
    lang: Option<Lang>,
    countries: Option<Vec<String>>,
    actors: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    summary: Option<String>,
    draft: Option<bool>,
    publish: Option<toml::value::Datetime>,
    updated: Option<toml::value::Datetime>,
    slug: Option<String>,
    source: Option<Source>,
    mentions: Option<MentionsIn>,
    #[serde(flatten)]
    other: toml::Table,
}

#[derive(serde::Deserialize, Default)]
struct MentionsIn {
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    actors: Vec<String>,
}

/// A `.md` source: its front matter (if any) is kept and what is missing
/// is filled in; its body stays Markdown, with raw HTML neutralised.
fn convert_markdown(
    raw: &str,
    gazetteer: &Gazetteer,
    profiles: &Profiles,
    hints: &Hints,
) -> Result<Converted, String> {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let (front, body) = if raw.starts_with("+++") {
        let split = frontmatter::split(raw, Path::new("source")).map_err(|d| d.message)?;
        let front: FrontIn =
            toml::from_str(split.toml).map_err(|e| format!("front matter: {}", e.message()))?;
        (front, split.body)
    } else {
        (FrontIn::default(), raw)
    };
    let body = text::normalize(body);
    // Detection reads the body as text: title (from the front matter or the
    // first line) and paragraphs.
    let mut as_text = String::new();
    if let Some(t) = &front.title {
        as_text.push_str(t);
        as_text.push_str("\n\n");
    }
    as_text.push_str(&body);
    let mut hints = hints.clone();
    if let Some(d) = front.date.as_ref().and_then(|d| d.date) {
        hints.date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
    }
    hints.lang = front.lang.or(hints.lang);
    let mut c = convert_with(&as_text, gazetteer, profiles, &hints)?;
    if let Some(title) = front.title {
        c.title = title;
        c.body = neutralise_html(&body);
    } else {
        // The first line was the title; the rest is the body.
        let rest = body
            .trim_start()
            .split_once('\n')
            .map_or("", |(_, rest)| rest);
        c.body = neutralise_html(rest.trim_start_matches('\n'));
    }
    if let Some(d) = front.date {
        c.date = d;
        c.warnings
            .retain(|w| !w.starts_with("no date found") && !w.starts_with("date "));
    }
    c.countries = front.countries.unwrap_or(c.countries);
    c.actors = front.actors.unwrap_or(c.actors);
    if let Some(tags) = front.tags {
        c.tags = tags;
    }
    // One line: a multi-line TOML string could hold a `+++` line.
    c.summary = front
        .summary
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
    if let Some(s) = front.source {
        c.source = Some(s);
    }
    if let Some(m) = front.mentions {
        c.mentions = Mentions {
            countries: m.countries,
            actors: m.actors,
        };
    } else {
        c.mentions.countries.retain(|id| !c.countries.contains(id));
        c.mentions.actors.retain(|id| !c.actors.contains(id));
    }
    // Ids written by hand may be misspelt: an unknown one would stop the
    // build, so it is dropped here with a warning saying what was meant.
    let mut warnings = Vec::new();
    for (ids, what, known) in [
        (&mut c.countries, "country", &profiles.country_index),
        (
            &mut c.mentions.countries,
            "country",
            &profiles.country_index,
        ),
        (&mut c.actors, "actor", &profiles.actor_index),
        (&mut c.mentions.actors, "actor", &profiles.actor_index),
    ] {
        known_ids(ids, what, known, &mut warnings);
    }
    c.warnings.append(&mut warnings);
    c.kept = Kept {
        draft: front.draft,
        publish: front.publish,
        updated: front.updated,
        slug: front.slug.filter(|s| crate::model::is_slug(s)),
    };
    for key in front.other.keys() {
        c.warnings.push(format!(
            "front matter field `{key}` is not an article field; left out"
        ));
    }
    Ok(c)
}

/// Keeps the ids of `ids` that have a profile (trimmed and lower-cased),
/// in order and once each, and warns about the others.
fn known_ids(
    ids: &mut Vec<String>,
    what: &str,
    known: &std::collections::HashMap<String, usize>,
    warnings: &mut Vec<String>,
) {
    let mut kept: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids.drain(..) {
        let clean = id.trim().to_lowercase();
        if known.contains_key(&clean) {
            if !kept.contains(&clean) {
                kept.push(clean);
            }
        } else {
            let hint = crate::error::did_you_mean(&clean, known.keys().map(String::as_str))
                .unwrap_or_else(|| "no such profile".to_string());
            warnings.push(format!(
                "unknown {what} \"{id}\" in the source's front matter dropped ({hint})"
            ));
        }
    }
    *ids = kept;
}

/// Raw HTML in a Markdown source shown as text: `<` before a tag name,
/// `/`, `!` or `?` is escaped.
fn neutralise_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(*n))
        {
            out.push_str("\\<");
        } else {
            out.push(c);
        }
    }
    out
}

/// What happened to one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Imported,
    Unchanged,
    Skipped,
}

/// Imports every source, writing one summary line per source to `out`
/// (`file -> content/articles/slug.md  countries: ..  actors: ..  warnings: ..`),
/// and continuing past bad sources (their errors are Diagnostics printed to
/// `out` too).
pub fn run(options: &ImportOptions, out: &mut dyn std::io::Write) -> Result<ImportReport> {
    let profiles = load_profiles(&options.root)?;
    if profiles.countries.is_empty() && profiles.actors.is_empty() {
        let _ = writeln!(
            out,
            "warning: no country or actor profiles under {}; nothing will be detected",
            options.root.join("content").display()
        );
    }
    let gazetteer = Gazetteer::new(&profiles);
    let hints = Hints {
        lang: options.lang,
        date: options.date,
        source_name: options.source_name.clone(),
        source_url: options.source_url.clone(),
        today: options.today,
    };
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
    for file in files {
        match import_one(&file, options, &gazetteer, &profiles, &hints, out) {
            Ok(Outcome::Imported) => report.imported += 1,
            Ok(Outcome::Unchanged) => report.unchanged += 1,
            Ok(Outcome::Skipped) => report.skipped += 1,
            Err(d) => {
                report.failed += 1;
                writeln!(out, "{d}").map_err(|e| Error::io(&file, e))?;
            }
        }
    }
    Ok(report)
}

/// The source files of one argument: the file itself, or a folder's
/// `.txt`, `.md` and `.html` files, sorted.
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
                ["txt", "md", "markdown", "html", "htm"].contains(&e.to_ascii_lowercase().as_str())
            })
        })
        .collect();
    Ok(files)
}

/// Reads a source as UTF-8 text, or says clearly why it cannot.
pub fn read_source(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::new(path, format!("cannot read: {e}")).help("check the path and permissions")
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Diagnostic::new(path, "not UTF-8 text")
            .at_offset(&before, valid, 1)
            .help("save the source as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)")
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::new(path, "the source is empty")
            .help("paste the article: a title line, a blank line, then the text"));
    }
    Ok(text)
}

fn import_one(
    file: &Path,
    options: &ImportOptions,
    gazetteer: &Gazetteer,
    profiles: &Profiles,
    hints: &Hints,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, Diagnostic> {
    let raw = read_source(file)?;
    let converted = convert_source(&raw, Format::of(file), gazetteer, profiles, hints)
        .map_err(|m| Diagnostic::new(file, m))?;
    let mut slug = converted.slug();
    if slug.is_empty() {
        slug = file
            .file_stem()
            .and_then(|s| s.to_str())
            .map(slugify)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "article".to_string());
    }
    let target = options.into.join(format!("{slug}.md"));
    let content = converted.to_file();
    let shown = target
        .strip_prefix(&options.root)
        .unwrap_or(&target)
        .display()
        .to_string();
    let io = |e: std::io::Error| Diagnostic::new(&target, format!("cannot write: {e}"));
    let existing = match std::fs::read(&target) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(e)),
    };
    let mut warnings = converted.warnings.clone();
    let outcome = match &existing {
        Some(old) if old == content.as_bytes() => Outcome::Unchanged,
        Some(_) if !options.force => {
            warnings.push("exists and differs; kept it (pass --force to overwrite)".to_string());
            Outcome::Skipped
        }
        _ => Outcome::Imported,
    };
    let line = summary_line(
        file,
        &shown,
        &converted,
        &warnings,
        outcome,
        options.dry_run,
    );
    writeln!(out, "{line}").map_err(io)?;
    if options.dry_run {
        if outcome != Outcome::Unchanged {
            writeln!(out, "{content}").map_err(io)?;
        }
        return Ok(outcome);
    }
    if outcome == Outcome::Imported {
        write_atomic(&target, content.as_bytes()).map_err(io)?;
    }
    Ok(outcome)
}

fn summary_line(
    file: &Path,
    shown: &str,
    c: &Converted,
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
        file.display(),
        list(&c.countries),
        list(&c.actors)
    );
    if !warnings.is_empty() {
        line.push_str("  warnings: ");
        line.push_str(&warnings.join("; "));
    }
    line
}

/// Writes through a temporary file in the same folder, then renames it
/// over the target, so a reader never sees half an article.
fn write_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
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
    fn slugs_are_transliterated_and_bounded() {
        assert_eq!(
            slug_from_title("Des instructeurs et du matériel militaire russes arrivent au Niger"),
            "des-instructeurs-et-du-materiel-militaire-russes-arrivent-au-niger"
        );
        let long = "Très long titre ".repeat(20);
        let s = slug_from_title(&long);
        assert!(s.len() <= 80 && !s.ends_with('-'), "{s}");
        assert!(s.starts_with("tres-long-titre"));
    }

    #[test]
    fn tricky_titles_round_trip_through_toml() {
        let hints = Hints::new(NaiveDate::from_ymd_opt(2024, 1, 2).unwrap());
        let profiles = Profiles::default();
        let c = convert(
            "Il a dit \"non\" \\ 'oui' +++ [x]\n\nTexte.",
            &profiles,
            &hints,
        )
        .unwrap();
        let file = c.to_file();
        let split = frontmatter::split(&file, Path::new("a.md")).unwrap();
        let table: toml::Table = toml::from_str(split.toml).unwrap();
        assert_eq!(
            table["title"].as_str(),
            Some("Il a dit \"non\" \\ 'oui' +++ [x]")
        );
        assert_eq!(split.body, "Texte.\n");
    }
}
