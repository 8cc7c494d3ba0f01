//! Stage 1: read `site.toml` and `content/` into a validated [`Site`].
//!
//! Every file is parsed (in parallel), every problem in every file is
//! collected, and the load fails with all of them at once so a user fixes
//! a whole batch per run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rayon::prelude::*;
use serde::Deserialize;

use crate::assessments::{self, parse_assessment, Assessment};
use crate::config::{Config, Lang};
use crate::error::{did_you_mean, Diagnostic, Error, Result};
use crate::events::{parse_events, EventFront};
use crate::frontmatter::{self, toml_diagnostic};
use crate::xml;
mod article;
mod profiles;
mod tags;

use article::{parse_article, to_datetime, unknown_id};

use crate::model::{
    is_slug, slugify, Article, Mentions, Page, Profiles, Site, Source, TagProfile, MAX_SLUG_BYTES,
};
use crate::relations::{self, Relation};
use crate::sources::{check_status, parse_sources, ClaimStatus, SourceFront};
use profiles::{parse_actor, parse_country, parse_place_profile, parse_tag};
pub use tags::tag_collisions;

/// What to include beyond published articles.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Include drafts and embargoed articles (preview only).
    pub drafts: bool,
    /// The moment embargoes are compared with.
    pub now: DateTime<Utc>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            drafts: false,
            now: Utc::now(),
        }
    }
}

/// Reads and validates the whole site under `root`.
pub fn load_site(root: &Path, options: LoadOptions) -> Result<Site> {
    let config = Config::load(&root.join("site.toml"))?;
    load_site_with(root, config, options)
}

/// As [`load_site`], with a configuration already in hand (e.g. with a
/// `--base-url` override applied).
pub fn load_site_with(root: &Path, config: Config, options: LoadOptions) -> Result<Site> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Diagnostic::new(&content, "no content folder")
            .help("create content/articles, content/countries and content/actors, or run `sahel-brief init`")
            .into());
    }
    let mut problems = Vec::new();
    let mut warnings = Vec::new();

    let profiles = load_profiles_into(&content, &mut problems, &mut warnings);
    let articles: Vec<_> = parse_all(
        &content.join("articles"),
        &mut problems,
        &mut warnings,
        parse_article,
    );
    let pages: Vec<_> = parse_all(
        &content.join("pages"),
        &mut problems,
        &mut warnings,
        parse_page,
    );
    let tags: Vec<TagProfile> = parse_all(
        &content.join("tags"),
        &mut problems,
        &mut warnings,
        parse_tag,
    );
    let mut assessments: Vec<Assessment> = parse_all(
        &content.join("assessments"),
        &mut problems,
        &mut warnings,
        parse_assessment,
    );
    problems.extend(assessments::check_assessments(&assessments, &profiles));

    let mut articles: Vec<Article> = articles
        .into_iter()
        .filter_map(|raw| raw.resolve(&profiles, &mut problems))
        .collect();
    check_unique_slugs(
        articles.iter().map(|a| (&a.slug, &a.path)),
        "article slug",
        &mut problems,
    );
    check_unique_slugs(
        pages.iter().map(|p| (&p.slug, &p.path)),
        "page slug",
        &mut problems,
    );
    check_unique_slugs(
        tags.iter().map(|t| (&t.id, &t.path)),
        "tag id",
        &mut problems,
    );
    problems.extend(tag_collisions(&articles));

    if !problems.is_empty() {
        problems.sort_by(|a, b| (&a.path, a.position).cmp(&(&b.path, b.position)));
        return Err(Error::Content(problems));
    }
    let next_publish = articles
        .iter()
        .filter(|a| !options.drafts && !a.draft)
        .filter_map(|a| a.publish.filter(|p| *p > options.now))
        .min();
    articles.retain(|a| options.drafts || (!a.draft && a.publish.is_none_or(|p| p <= options.now)));
    articles.sort_by(crate::model::newest_first);
    let mut pages = pages;
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    assessments.sort_by(|a, b| {
        (b.year, b.month)
            .cmp(&(a.year, a.month))
            .then_with(|| a.country.cmp(&b.country))
    });
    Ok(Site {
        root: root.to_path_buf(),
        config,
        articles,
        profiles,
        pages,
        tags: tags.into_iter().map(|t| (t.id.clone(), t)).collect(),
        assessments,
        warnings,
        next_publish,
    })
}

/// Reads one article file and checks its ids against `profiles`, as
/// [`load_site_with`] does for each article: what `serve` redoes when a
/// single article changes. `Ok(None)` for a draft or an embargoed article
/// left out by `options`. Slug uniqueness is the caller's to check.
pub fn load_article(
    path: &Path,
    profiles: &Profiles,
    options: LoadOptions,
) -> Result<Option<Article>> {
    let text = read_text(path)?;
    let raw = parse_article(path, &text).map_err(Error::Content)?;
    let mut problems = Vec::new();
    match raw.resolve(profiles, &mut problems) {
        Some(a) => {
            let embargoed = matches!(a.publish, Some(p) if p > options.now);
            let shown = options.drafts || (!a.draft && !embargoed);
            Ok(shown.then_some(a))
        }
        None => Err(Error::Content(problems)),
    }
}

/// Parses one article's text as [`load_site_with`] does for each file,
/// without reading the file or checking its ids against the profiles: the
/// loader's pure entry point, for fuzzing and for tools.
pub fn parse_article_text(path: &Path, text: &str) -> Result<Article, Vec<Diagnostic>> {
    parse_article(path, text).map(|raw| raw.article)
}

/// Reads the country and actor profiles alone: the gazetteer `import`
/// matches on.
pub fn load_profiles(root: &Path) -> Result<Profiles> {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let profiles = load_profiles_into(&root.join("content"), &mut problems, &mut warnings);
    if problems.is_empty() {
        Ok(profiles)
    } else {
        Err(Error::Content(problems))
    }
}

fn load_profiles_into(
    content: &Path,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Profiles {
    let countries = parse_all(
        &content.join("countries"),
        problems,
        warnings,
        parse_country,
    );
    let actors = parse_all(&content.join("actors"), problems, warnings, parse_actor);
    let (actors, relations): (Vec<crate::model::Actor>, Vec<Vec<Relation>>) =
        actors.into_iter().unzip();
    check_unique_slugs(
        countries.iter().map(|c| (&c.id, &c.path)),
        "country id",
        problems,
    );
    check_unique_slugs(
        actors.iter().map(|a| (&a.id, &a.path)),
        "actor id",
        problems,
    );
    let places = parse_all(
        &content.join("places"),
        problems,
        warnings,
        parse_place_profile,
    );
    check_unique_slugs(
        places.iter().map(|p| (&p.id, &p.path)),
        "place id",
        problems,
    );
    let mut profiles = Profiles::new(countries, actors);
    profiles.relations = relations.into_iter().flatten().collect();
    problems.extend(crate::places::check_places(&places, &profiles));
    profiles.set_places(places);
    problems.extend(relations::check_ids(&profiles.relations, &profiles));
    for actor in &profiles.actors {
        for id in &actor.affiliation {
            if profiles.country(id).is_none() {
                problems.push(unknown_id(
                    &actor.path,
                    "country",
                    id,
                    None,
                    &profiles.country_index,
                ));
            }
        }
    }
    profiles
}

/// The `.md` files under `dir`, sorted, with problems for unreadable
/// entries and warnings for files that are not Markdown.
fn markdown_files(
    dir: &Path,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    // content/ and the folder in it are checked for links too.
    let top = dir.parent().and_then(Path::parent).unwrap_or(dir);
    let (found, mut unreadable) = crate::walk::files(top, dir, true);
    problems.append(&mut unreadable);
    let mut files = Vec::new();
    for path in found {
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        } else {
            warnings.push(Diagnostic::new(path, "ignored: not a .md file").help(
                "content files are Markdown with TOML front matter; turn raw sources into articles with `sahel-brief import`",
            ));
        }
    }
    files
}

/// Parses every Markdown file of `dir` in parallel with `parse`.
fn parse_all<T: Send>(
    dir: &Path,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
    parse: fn(&Path, &str) -> Result<T, Vec<Diagnostic>>,
) -> Vec<T> {
    let files = markdown_files(dir, problems, warnings);
    let results: Vec<_> = files
        .par_iter()
        .map(|path| match read_text(path) {
            Ok(text) => (forbidden_characters(path, &text), parse(path, &text)),
            Err(d) => (None, Err(vec![d])),
        })
        .collect();
    let mut items = Vec::with_capacity(results.len());
    for (warning, result) in results {
        warnings.extend(warning);
        match result {
            Ok(item) => items.push(item),
            Err(mut errs) => problems.append(&mut errs),
        }
    }
    items
}

/// A warning at the first control character of `text` that the site
/// leaves out (XML forbids most of them; HTML calls them errors).
fn forbidden_characters(path: &Path, text: &str) -> Option<Diagnostic> {
    if !xml::has_forbidden(text.as_bytes()) {
        return None;
    }
    let mut found = text.char_indices().filter(|&(_, c)| xml::is_forbidden(c));
    let (at, c) = found.next()?;
    let more = found.count();
    let what = match more {
        0 => format!("a control character U+{:04X}", c as u32),
        n => format!("{} control characters, the first U+{:04X}", n + 1, c as u32),
    };
    Some(
        Diagnostic::new(path, format!("holds {what}, left out of the site"))
            .at_offset(text, at, 1)
            .help("delete it: such characters often come from copying out of a PDF or a word processor"),
    )
}

fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = crate::walk::read(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Diagnostic::new(path, "not UTF-8 text")
            .at_offset(&text, valid, 1)
            .help("save the file as UTF-8; binary files do not belong in content/")
    })
}

/// The file stem as a slug, or a problem when it cannot be one.
fn stem_id(path: &Path) -> Result<String, Diagnostic> {
    let stem = path.file_stem().unwrap_or_default();
    let Some(stem) = stem.to_str() else {
        return Err(Diagnostic::new(path, "the file name is not UTF-8")
            .help("rename the file with letters, digits and '-', e.g. `burkina-faso.md`"));
    };
    let id = slugify(stem);
    if id.is_empty() {
        return Err(Diagnostic::new(path, "the file name gives an empty id")
            .help("name the file with letters or digits, e.g. `burkina-faso.md`"));
    }
    if id.len() > MAX_SLUG_BYTES {
        return Err(too_long(path, "the file name's slug", &id)
            .help("rename the file shorter, or set a shorter `slug` in its front matter"));
    }
    Ok(id)
}

/// A slug that cannot be a folder name: file systems stop at 255 bytes.
fn too_long(path: &Path, what: &str, slug: &str) -> Diagnostic {
    let start: String = slug.chars().take(20).collect();
    Diagnostic::new(
        path,
        format!(
            "{what} \"{start}…\" is {} bytes long, more than the {MAX_SLUG_BYTES} a folder name can have",
            slug.len()
        ),
    )
    .help("shorten it")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFront {
    title: String,
    description: Option<String>,
    slug: Option<String>,
}

fn parse_page(path: &Path, text: &str) -> Result<Page, Vec<Diagnostic>> {
    let split = frontmatter::split(text, path).map_err(|d| vec![d])?;
    let front: PageFront = toml::from_str(split.toml).map_err(|e| {
        vec![toml_diagnostic(
            &e,
            split.toml,
            split.toml_line,
            path,
            &["title", "description", "slug"],
        )]
    })?;
    let slug = match front.slug {
        Some(s) => slugify(&s),
        None => stem_id(path).map_err(|d| vec![d])?,
    };
    if slug.len() > MAX_SLUG_BYTES {
        return Err(vec![too_long(path, "the page's slug", &slug)]);
    }
    if RESERVED_PAGE_SLUGS.contains(&slug.as_str()) {
        return Err(vec![Diagnostic::new(
            path,
            format!("the page slug \"{slug}\" is taken by the site's own pages"),
        )
        .help("rename the file or set another `slug`")]);
    }
    Ok(Page {
        path: path.to_path_buf(),
        slug,
        title: front.title,
        description: front.description,
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}

/// Top-level URLs the site itself produces; a page may not shadow them.
const RESERVED_PAGE_SLUGS: &[&str] = &[
    "articles",
    "countries",
    "actors",
    "tags",
    "timeline",
    "archive",
    "search",
    "static",
    "sources",
    "relations",
    "places",
    "assessments",
    "data",
];

/// Reports every slug of `items` used by an earlier one.
pub fn check_unique_slugs<'a>(
    items: impl Iterator<Item = (&'a String, &'a PathBuf)>,
    what: &str,
    problems: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for (slug, path) in items {
        if let Some(first) = seen.insert(slug, path) {
            problems.push(
                Diagnostic::new(
                    path,
                    format!(
                        "duplicate {what} \"{slug}\", also used by {}",
                        first.display()
                    ),
                )
                .help(if what.ends_with(" id") {
                    "rename one of the files: a profile's file name is its id"
                } else {
                    "set a different `slug` in one of them"
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::article::RawArticle;
    use super::*;
    use chrono::NaiveDate;

    fn article(text: &str) -> Result<RawArticle, Vec<Diagnostic>> {
        parse_article(Path::new("content/articles/x.md"), text)
    }

    #[test]
    fn parses_a_full_article() {
        let raw = article(
            "+++\ntitle = \"T\"\ndate = 2024-04-12\nlang = \"fr\"\ncountries = [\"niger\"]\n\
             [source]\nname = \"AFP\"\n[mentions]\nactors = [\"wagner\"]\n+++\nBody\n",
        )
        .ok()
        .unwrap();
        let a = raw.article;
        assert_eq!(a.slug, "x");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 4, 12).unwrap());
        assert_eq!(a.lang, Lang::Fr);
        assert_eq!(a.countries, ["niger"]);
        assert_eq!(a.mentions.actors, ["wagner"]);
        assert_eq!(a.source.unwrap().name, "AFP");
        assert_eq!(a.body, "Body\n");
        assert_eq!(a.body_line, 11);
    }

    #[test]
    fn date_times_keep_their_offset() {
        let a = article("+++\ntitle = \"T\"\ndate = 2024-04-12T08:00:00+02:00\n+++\n")
            .ok()
            .unwrap()
            .article;
        assert_eq!(a.datetime.to_rfc3339(), "2024-04-12T06:00:00+00:00");
    }

    #[test]
    fn unknown_field_points_at_it_with_a_suggestion() {
        let errs = article("+++\ntitle = \"T\"\ndatee = 2024-04-12\n+++\n")
            .err()
            .unwrap();
        let text = errs[0].to_string();
        assert!(
            text.starts_with("content/articles/x.md:3:1: unknown field `datee`"),
            "{text}"
        );
        assert!(text.contains("did you mean \"date\"?"), "{text}");
    }

    #[test]
    fn missing_date_is_reported() {
        let errs = article("+++\ntitle = \"T\"\n+++\n").err().unwrap();
        assert!(
            errs[0].message.contains("missing field `date`"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn wrong_type_is_reported_at_the_value() {
        let errs = article("+++\ntitle = \"T\"\ndate = 2024-01-01\ncountries = \"niger\"\n+++\n")
            .err()
            .unwrap();
        assert_eq!(errs[0].position, Some((4, 13)), "{}", errs[0]);
    }

    #[test]
    fn unknown_ids_get_position_and_suggestion() {
        let raw =
            article("+++\ntitle = \"T\"\ndate = 2024-01-01\nactors = [\"jnim\", \"wagnr\"]\n+++\n")
                .ok()
                .unwrap();
        let mut profiles = Profiles::default();
        profiles.actor_index.insert("wagner".into(), 0);
        profiles.actor_index.insert("jnim".into(), 1);
        let mut problems = Vec::new();
        assert!(raw.resolve(&profiles, &mut problems).is_none());
        assert_eq!(
            problems[0].to_string(),
            "content/articles/x.md:4:20: unknown actor \"wagnr\" (did you mean \"wagner\"?)"
        );
    }

    #[test]
    fn bad_slug_is_refused() {
        let errs = article("+++\ntitle = \"T\"\ndate = 2024-01-01\nslug = \"Hello World\"\n+++\n")
            .err()
            .unwrap();
        assert!(
            errs[0].to_string().contains("use \"hello-world\""),
            "{}",
            errs[0]
        );
    }
}
