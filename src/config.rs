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
    /// Settings of `sahel-brief import`.
    #[serde(default)]
    pub import: ImportSettings,
}

/// `[import]` in site.toml.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportSettings {
    /// Hashtags that become tags, e.g. `{ sahel = "sahel-security" }`;
    /// other hashtags make no tags (they still help detection).
    #[serde(default)]
    pub hashtag_tags: std::collections::BTreeMap<String, String>,
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
        let mut config: Config =
            toml::from_str(text).map_err(|e| toml_diagnostic(&e, text, 1, path, Config::FIELDS))?;
        config.validate(text, path)?;
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
        "import",
    ];

    fn validate(&mut self, text: &str, path: &Path) -> Result<()> {
        if self.paginate_by == 0 {
            return Err(Diagnostic::new(path, "paginate_by must be at least 1")
                .help("write a positive number, e.g. paginate_by = 20")
                .into());
        }
        match normalise_base_url(&self.base_url) {
            Ok(url) => self.base_url = url,
            Err(why) => {
                let mut d = Diagnostic::new(path, format!("base_url \"{}\" {why}", self.base_url))
                    .help(BASE_URL_HELP);
                if let Some(offset) = base_url_offset(text) {
                    d = d.at_offset(text, offset, 1);
                }
                return Err(d.into());
            }
        }
        Ok(())
    }

    /// Replaces `base_url` (the `--base-url` option), checked and
    /// normalised like the file's own value; the error says why not.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        self.base_url =
            normalise_base_url(url).map_err(|why| format!("\"{url}\" {why} ({BASE_URL_HELP})"))?;
        Ok(())
    }

    /// The path part of `base_url`, always starting and ending with `/`:
    /// every internal link starts with it.
    pub fn base_path(&self) -> String {
        match url::Url::parse(&self.base_url) {
            Ok(url) => url.path().to_string(),
            Err(_) => "/".to_string(),
        }
    }

    /// `base_url` (normalised: it ends with a slash), for absolute links
    /// in feeds.
    pub fn absolute_root(&self) -> String {
        self.base_url.clone()
    }
}

const BASE_URL_HELP: &str =
    "write the address the site is published at, like \"https://example.org/brief/\"";

/// `base_url` as feeds, sitemaps and links need it: an absolute http(s)
/// URL without credentials, query or fragment, scheme and host in lower
/// case, its path ending with `/`. The error says what is wrong.
fn normalise_base_url(text: &str) -> Result<String, String> {
    if let Some(c) = text
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`{}|^".contains(*c))
    {
        return Err(format!(
            "holds {}, which is not allowed in a URL (percent-encode it, e.g. a space as %20)",
            crate::error::terminal_safe(&format!("{c:?}"))
        ));
    }
    let mut url = url::Url::parse(text).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => {
            "is not an absolute URL (start it with https:// and the host name)".to_string()
        }
        e => format!("is not a valid URL: {e}"),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "uses the {}: scheme, not http: or https:",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("has no host name".to_string());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("holds a user name or password, which feeds would publish".to_string());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(
            "has a query (?...) or a fragment (#...), which every link would break on".to_string(),
        );
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url.to_string())
}

/// Where the value of `base_url` starts in site.toml, for the error.
fn base_url_offset(text: &str) -> Option<usize> {
    #[derive(Deserialize)]
    struct At {
        base_url: toml::Spanned<String>,
    }
    toml::from_str::<At>(text)
        .ok()
        .map(|at| at.base_url.span().start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(text, Path::new("site.toml"))
    }

    fn base(url: &str) -> Result<Config> {
        parse(&format!("title = \"T\"\nbase_url = \"{url}\"\n"))
    }

    #[test]
    fn base_path_keeps_sub_paths() {
        let path = |url: &str| base(url).unwrap().base_path();
        assert_eq!(path("https://org.github.io/brief/"), "/brief/");
        assert_eq!(path("https://org.github.io/brief"), "/brief/");
        assert_eq!(path("http://127.0.0.1:1111"), "/");
    }

    #[test]
    fn base_url_is_normalised() {
        let url = |text: &str| base(text).unwrap().base_url;
        assert_eq!(url("HTTPS://X.ORG"), "https://x.org/");
        assert_eq!(url("https://x.org/Brief"), "https://x.org/Brief/");
        assert_eq!(url("http://127.0.0.1:1111"), "http://127.0.0.1:1111/");
    }

    #[test]
    fn bad_base_urls_are_refused_at_their_position() {
        for bad in [
            "/",
            "//evil.example/",
            "example.org",
            "ftp://x.org/",
            "https://x.org/?x=1",
            "https://x.org/#f",
            "https://x.org/a b/",
            "https://x.org/a'b/",
            "https://user:pass@x.org/",
            "https://",
        ] {
            let err = base(bad).unwrap_err().to_string();
            assert!(err.starts_with("site.toml:2:13: base_url"), "{bad}: {err}");
        }
    }

    #[test]
    fn defaults_apply() {
        let c = parse("title = \"T\"\nbase_url = \"https://x.org/\"\n").unwrap();
        assert_eq!(c.paginate_by, 20);
        assert_eq!(c.language, Lang::En);
    }

    #[test]
    fn unknown_field_is_an_error_with_suggestion() {
        let err =
            parse("title = \"T\"\nbase_url = \"https://x.org/\"\npaginate = 5\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("site.toml:3:1: unknown field `paginate`"),
            "{text}"
        );
        assert!(text.contains("did you mean \"paginate_by\"?"), "{text}");
    }

    #[test]
    fn import_settings_map_hashtags_to_tags() {
        let c = parse("title = \"T\"\nbase_url = \"https://x.org/\"\n[import]\nhashtag_tags = { sahel = \"sahel-security\" }\n").unwrap();
        assert_eq!(c.import.hashtag_tags["sahel"], "sahel-security");
        assert!(
            parse("title = \"T\"\nbase_url = \"https://x.org/\"\n[import]\nhashtags = 1\n")
                .is_err()
        );
    }

    #[test]
    fn bad_language_is_an_error() {
        let err =
            parse("title = \"T\"\nbase_url = \"https://x.org/\"\nlanguage = \"de\"\n").unwrap_err();
        assert!(err.to_string().contains("site.toml:3:"), "{err}");
    }
}
