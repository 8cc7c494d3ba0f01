//! `site.toml`: everything a user changes without touching templates.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Error, Result};
use crate::frontmatter::toml_diagnostic;

/// The two languages of the interface and of articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The briefing's name, shown in every page header and feed.
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Where the site is published, e.g. `https://org.github.io/brief/`.
    /// Its path is the prefix of every link.
    pub base_url: String,
    /// Language of the interface: `fr` or `en`.
    #[serde(default = "default_language")]
    pub language: Lang,
    /// Articles per page on country, actor and tag pages.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// Number of latest articles on the home page.
    #[serde(default = "default_home_articles")]
    pub home_articles: usize,
    /// Entries per Atom feed.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// Author named in feeds; defaults to the title.
    #[serde(default)]
    pub author: Option<String>,
    /// Raw HTML in article Markdown is escaped unless the site trusts it.
    #[serde(default)]
    pub trusted_html: bool,
    /// Relative links ending in `index.html`, so the site works opened
    /// from the file system (a zip for a field office).
    #[serde(default)]
    pub portable: bool,
    /// Link each article's first mention of its countries and actors.
    #[serde(default = "default_entity_links")]
    pub entity_links: bool,
}

fn default_entity_links() -> bool {
    true
}

fn default_language() -> Lang {
    Lang::En
}
fn default_paginate_by() -> usize {
    20
}
fn default_home_articles() -> usize {
    12
}
fn default_feed_limit() -> usize {
    20
}

impl Config {
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::from(
                Diagnostic::new(path, "no site.toml here")
                    .help("run the command from the site's folder, pass --root DIR, or create a site with `sahel-brief init DIR`"),
            ),
            _ => Error::io(path, e),
        })?;
        Config::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let config: Config =
            toml::from_str(text).map_err(|e| toml_diagnostic(&e, text, 1, path, Config::FIELDS))?;
        config.validate(path)?;
        Ok(config)
    }

    const FIELDS: &'static [&'static str] = &[
        "title",
        "description",
        "base_url",
        "language",
        "paginate_by",
        "home_articles",
        "feed_limit",
        "author",
        "trusted_html",
        "portable",
    ];

    fn validate(&self, path: &Path) -> Result<()> {
        if self.paginate_by == 0 {
            return Err(Diagnostic::new(path, "paginate_by must be at least 1")
                .help("write a positive number, e.g. paginate_by = 20")
                .into());
        }
        if base_path(&self.base_url).is_none() {
            return Err(Diagnostic::new(
                path,
                format!(
                    "base_url \"{}\" is not an http(s) URL or a path",
                    self.base_url
                ),
            )
            .help("write it like \"https://example.org/brief/\" or \"/\"")
            .into());
        }
        Ok(())
    }

    /// The path part of `base_url`, always starting and ending with `/`:
    /// every internal link starts with it.
    pub fn base_path(&self) -> String {
        base_path(&self.base_url).unwrap_or_else(|| "/".to_string())
    }

    /// `base_url` without its trailing slash, for absolute links in feeds.
    pub fn absolute_root(&self) -> String {
        let mut root = self.base_url.trim_end_matches('/').to_string();
        root.push('/');
        root
    }
}

fn base_path(base_url: &str) -> Option<String> {
    let rest = if let Some(rest) = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))
    {
        match rest.find('/') {
            Some(i) => &rest[i..],
            None => "/",
        }
    } else if base_url.starts_with('/') {
        base_url
    } else {
        return None;
    };
    let trimmed = rest.trim_matches('/');
    Some(if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(text, Path::new("site.toml"))
    }

    #[test]
    fn base_path_keeps_sub_paths() {
        assert_eq!(
            base_path("https://org.github.io/brief/").unwrap(),
            "/brief/"
        );
        assert_eq!(base_path("https://org.github.io/brief").unwrap(), "/brief/");
        assert_eq!(base_path("http://127.0.0.1:1111").unwrap(), "/");
        assert_eq!(base_path("/").unwrap(), "/");
        assert!(base_path("org.github.io").is_none());
    }

    #[test]
    fn defaults_apply() {
        let c = parse("title = \"T\"\nbase_url = \"https://x.org/\"\n").unwrap();
        assert_eq!(c.paginate_by, 20);
        assert_eq!(c.language, Lang::En);
    }

    #[test]
    fn unknown_field_is_an_error_with_suggestion() {
        let err = parse("title = \"T\"\nbase_url = \"/\"\npaginate = 5\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("site.toml:3:1: unknown field `paginate`"),
            "{text}"
        );
        assert!(text.contains("did you mean \"paginate_by\"?"), "{text}");
    }

    #[test]
    fn bad_language_is_an_error() {
        let err = parse("title = \"T\"\nbase_url = \"/\"\nlanguage = \"de\"\n").unwrap_err();
        assert!(err.to_string().contains("site.toml:3:"), "{err}");
    }
}
