//! `new` and `init`: files a user starts from.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use include_dir::{include_dir, Dir};

use crate::config::{Config, Lang};
use crate::error::{Error, Result};
use crate::import::detect::detect_lang;
use crate::import::slug_from_title;
use crate::theme::{STATIC, TEMPLATES};

/// The default site's profiles and pages: the gazetteer every new site
/// starts with.
static COUNTRIES: Dir = include_dir!("$CARGO_MANIFEST_DIR/content/countries");
static ACTORS: Dir = include_dir!("$CARGO_MANIFEST_DIR/content/actors");
static PLACES: Dir = include_dir!("$CARGO_MANIFEST_DIR/content/places");
static PAGES: Dir = include_dir!("$CARGO_MANIFEST_DIR/content/pages");
static TAGS: Dir = include_dir!("$CARGO_MANIFEST_DIR/content/tags");

const SITE_TOML: &str = r#"# The briefing's settings. See the README for every option.
title = "Sahel Security Briefing"
description = "Security developments in the Sahel, by country and by actor."
# Where the site will be published; a sub-path such as
# "https://org.github.io/brief/" works.
base_url = "http://127.0.0.1:1111/"
# Interface language: "fr" or "en".
language = "en"
# Articles per page on country, actor and tag pages.
paginate_by = 20
"#;

/// Writes a new, working site into `dir`, which must be empty or absent.
pub fn init(dir: &Path) -> Result<()> {
    if dir.exists()
        && fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_some()
    {
        return Err(Error::Usage(format!(
            "{} is not empty; choose a new folder",
            dir.display()
        )));
    }
    write(&dir.join("site.toml"), SITE_TOML.as_bytes())?;
    write(&dir.join("content/articles/.gitkeep"), b"")?;
    for (embedded, folder) in [
        (&TEMPLATES, "templates"),
        (&STATIC, "static"),
        (&COUNTRIES, "content/countries"),
        (&ACTORS, "content/actors"),
        (&PLACES, "content/places"),
        (&PAGES, "content/pages"),
        (&TAGS, "content/tags"),
    ] {
        for file in embedded.files() {
            write(&dir.join(folder).join(file.path()), file.contents())?;
        }
    }
    Ok(())
}

/// Scaffolds `content/articles/<slug>.md` dated `today`.
pub fn new_article(
    root: &Path,
    title: &str,
    lang: Option<Lang>,
    today: NaiveDate,
) -> Result<PathBuf> {
    let config = Config::load(&root.join("site.toml"))?;
    // Cut on a word boundary: a long title must still make a file name.
    let slug = slug_from_title(title);
    if slug.is_empty() {
        return Err(Error::Usage(
            "the title needs at least one letter or digit".into(),
        ));
    }
    let path = root.join("content/articles").join(format!("{slug}.md"));
    // Never write through a link: a dangling `content/articles/x.md ->
    // ~/.profile` would otherwise create the file it points to.
    crate::walk::check_inside(root, &path)?;
    if fs::symlink_metadata(&path).is_ok() {
        return Err(Error::Usage(format!(
            "{} already exists; choose another title or edit it",
            path.display()
        )));
    }
    // The title's language, as `import` tells it; the site's if unclear.
    let lang = lang
        .or_else(|| detect_lang(title))
        .unwrap_or(config.language)
        .code();
    let title = toml::Value::String(title.to_string());
    // Sources and events commented out: an empty outlet name or toll
    // would be published as is.
    let text = format!(
        "+++\ntitle = {title}\ndate = {today}\nlang = \"{lang}\"\ncountries = []\nactors = []\nplaces = []\ntags = []\ndraft = true\n{SOURCE_AND_EVENT}+++\n\nWrite the article here.\n"
    );
    write_new(&path, text.as_bytes())?;
    Ok(path)
}

/// The optional tables of a new article, to fill in and uncomment.
const SOURCE_AND_EVENT: &str = "\
# [[sources]]
# name = \"AFP\"
# url = \"https://...\"
# type = \"wire\"  # wire | press | state-media | armed-group-claim | social-media | rights-report | un-report | other
# [[events]]
# date = 2024-01-01
# type = \"battles\"  # battles | explosions-remote-violence | violence-against-civilians | protests | riots | strategic-developments
# place = \"?\"  # a place id
# fatalities_min = 0
# fatalities_source = \"?\"  # who gives the figure
";

/// Writes a file that must not exist yet, not even as a link.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| file.write_all(bytes))
        .map_err(|e| Error::io(path, e))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    fs::write(path, bytes).map_err(|e| Error::io(path, e))
}
