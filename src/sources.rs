//! What an article is based on: its `[[sources]]`, each with its kind of
//! outlet, and whether the event it reports is claimed, confirmed or
//! disputed. Parsed from the front matter here and checked in one place,
//! so `load` only hands the raw fields over.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use toml::value::Datetime;
use toml::Spanned;

use crate::config::Lang;
use crate::error::Diagnostic;
use crate::frontmatter::Split;
use crate::model::{slugify, Article};

/// The kinds of source Methodology tells readers to weigh differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceType {
    Wire,
    Press,
    StateMedia,
    ArmedGroupClaim,
    SocialMedia,
    RightsReport,
    UnReport,
    Other,
}

impl SourceType {
    pub fn id(self) -> &'static str {
        match self {
            SourceType::Wire => "wire",
            SourceType::Press => "press",
            SourceType::StateMedia => "state-media",
            SourceType::ArmedGroupClaim => "armed-group-claim",
            SourceType::SocialMedia => "social-media",
            SourceType::RightsReport => "rights-report",
            SourceType::UnReport => "un-report",
            SourceType::Other => "other",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SourceType::Wire, Lang::En) => "wire service",
            (SourceType::Wire, Lang::Fr) => "agence de presse",
            (SourceType::Press, Lang::En) => "press",
            (SourceType::Press, Lang::Fr) => "presse",
            (SourceType::StateMedia, Lang::En) => "state media",
            (SourceType::StateMedia, Lang::Fr) => "média d’État",
            (SourceType::ArmedGroupClaim, Lang::En) => "armed-group claim",
            (SourceType::ArmedGroupClaim, Lang::Fr) => "revendication d’un groupe armé",
            (SourceType::SocialMedia, Lang::En) => "social media",
            (SourceType::SocialMedia, Lang::Fr) => "réseaux sociaux",
            (SourceType::RightsReport, Lang::En) => "human-rights report",
            (SourceType::RightsReport, Lang::Fr) => "rapport d’ONG de défense des droits humains",
            (SourceType::UnReport, Lang::En) => "UN report",
            (SourceType::UnReport, Lang::Fr) => "rapport de l’ONU",
            (SourceType::Other, Lang::En) => "other",
            (SourceType::Other, Lang::Fr) => "autre",
        }
    }
}

/// Whether what the article reports is established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    Claimed,
    Confirmed,
    Disputed,
}

impl ClaimStatus {
    pub fn id(self) -> &'static str {
        match self {
            ClaimStatus::Claimed => "claimed",
            ClaimStatus::Confirmed => "confirmed",
            ClaimStatus::Disputed => "disputed",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ClaimStatus::Claimed, Lang::En) => "Claimed",
            (ClaimStatus::Claimed, Lang::Fr) => "Revendiqué",
            (ClaimStatus::Confirmed, Lang::En) => "Confirmed",
            (ClaimStatus::Confirmed, Lang::Fr) => "Confirmé",
            (ClaimStatus::Disputed, Lang::En) => "Disputed",
            (ClaimStatus::Disputed, Lang::Fr) => "Contesté",
        }
    }
}

/// One `[[sources]]` entry, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEntry {
    pub name: String,
    pub url: Option<String>,
    pub kind: Option<SourceType>,
    pub published: Option<NaiveDate>,
    /// A language tag such as `fr`, `en`, `ar`.
    pub language: Option<String>,
    /// A copy kept by an archive, in case the original goes away.
    pub archived: Option<String>,
}

/// `[[sources]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFront {
    name: Spanned<String>,
    url: Option<Spanned<String>>,
    #[serde(rename = "type")]
    kind: Option<SourceType>,
    published: Option<Spanned<Datetime>>,
    language: Option<Spanned<String>>,
    archived: Option<Spanned<String>>,
}

/// Checks every `[[sources]]` entry; problems carry their position.
pub fn parse_sources(
    fronts: Vec<SourceFront>,
    split: &Split,
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<SourceEntry> {
    let at = |offset: usize, message: String, help: &str| {
        Diagnostic::new(path, message)
            .at_offset(split.toml, offset, split.toml_line)
            .help(help)
    };
    let mut entries = Vec::with_capacity(fronts.len());
    for front in fronts {
        let name = front.name.get_ref().trim().to_string();
        if name.is_empty() {
            problems.push(at(
                front.name.span().start,
                "the source's name is empty".into(),
                "name the outlet, e.g. name = \"AFP\"",
            ));
        }
        let mut web_address = |field: &str, value: Option<Spanned<String>>| {
            let value = value?;
            if is_web_address(value.get_ref()) {
                return Some(value.into_inner());
            }
            problems.push(at(
                value.span().start + 1,
                format!("{field} \"{}\" is not an http(s) address", value.get_ref()),
                "write the full address, starting with https:// or http://",
            ));
            None
        };
        let url = web_address("url", front.url);
        let archived = web_address("archived", front.archived);
        let language = front.language.and_then(|l| {
            if is_language_tag(l.get_ref()) {
                return Some(l.into_inner());
            }
            problems.push(at(
                l.span().start + 1,
                format!("language \"{}\" is not a language code", l.get_ref()),
                "write a code such as \"fr\", \"en\" or \"ar\"",
            ));
            None
        });
        let published = front.published.and_then(|p| match day(p.get_ref()) {
            Some(d) => Some(d),
            None => {
                problems.push(at(
                    p.span().start,
                    format!("published `{}` is not a day", p.get_ref()),
                    "write a day like 2024-04-12, without quotes",
                ));
                None
            }
        });
        entries.push(SourceEntry {
            name,
            url,
            kind: front.kind,
            published,
            language,
            archived,
        });
    }
    entries
}

/// The status and who claims it: `claimed_by` names an actor (its id is
/// checked with the article's others) and goes with a status.
pub fn check_status(
    status: Option<ClaimStatus>,
    claimed_by: Option<&Spanned<String>>,
    split: &Split,
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) {
    if let (None, Some(by)) = (status, claimed_by) {
        problems.push(
            Diagnostic::new(path, "claimed_by without a status")
                .at_offset(split.toml, by.span().start, split.toml_line)
                .help("add status = \"claimed\" (or \"confirmed\", \"disputed\")"),
        );
    }
}

pub fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") && url.len() > 8)
        || (lower.starts_with("http://") && url.len() > 7)
}

/// `fr`, `en`, `ha`, `pt-BR`: two or three letters, then optional subtags.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn day(value: &Datetime) -> Option<NaiveDate> {
    let d = value.date?;
    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
}

/// An outlet and the articles based on it, for the sources index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlet {
    /// The anchor of its entry on `/sources/`.
    pub id: String,
    pub name: String,
    /// The type most of its entries give, if any does.
    pub kind: Option<SourceType>,
    pub url: Option<String>,
    /// Positions in `articles`, newest first.
    pub articles: Vec<usize>,
}

/// What an article cites, `[source]` then `[[sources]]`: name, type, URL.
fn citations(a: &Article) -> impl Iterator<Item = (&String, Option<SourceType>, Option<&String>)> {
    let single = a.source.iter().map(|s| (&s.name, None, s.url.as_ref()));
    let many = a.sources.iter().map(|s| (&s.name, s.kind, s.url.as_ref()));
    single.chain(many)
}

/// Whether the article cites the outlet with id `id`.
pub fn cites(a: &Article, id: &str) -> bool {
    citations(a).any(|(name, _, _)| slugify(name) == id)
}

/// Every outlet the articles cite (`[source]` and `[[sources]]`), merged
/// by name, sorted by name.
pub fn outlets(articles: &[Article]) -> Vec<Outlet> {
    let mut by_id: BTreeMap<String, (Outlet, BTreeMap<SourceType, usize>)> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        for (name, kind, url) in citations(article) {
            let id = slugify(name);
            if id.is_empty() {
                continue;
            }
            let (outlet, kinds) = by_id.entry(id.clone()).or_insert_with(|| {
                let outlet = Outlet {
                    id,
                    name: name.trim().to_string(),
                    kind: None,
                    url: None,
                    articles: Vec::new(),
                };
                (outlet, BTreeMap::new())
            });
            if outlet.articles.last() != Some(&i) {
                outlet.articles.push(i);
            }
            if let Some(kind) = kind {
                *kinds.entry(kind).or_default() += 1;
            }
            if outlet.url.is_none() {
                outlet.url = url.filter(|u| is_web_address(u)).cloned();
            }
        }
    }
    by_id
        .into_values()
        .map(|(mut outlet, kinds)| {
            // The commonest type; ties go to the first in Methodology's order.
            outlet.kind = kinds
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(k, _)| *k);
            outlet
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_article_text;

    fn article(front: &str) -> Article {
        let text = format!("+++\ntitle = \"T\"\ndate = 2024-01-01\n{front}+++\n");
        parse_article_text(Path::new("a.md"), &text).unwrap()
    }

    #[test]
    fn outlets_merge_by_name_and_take_their_commonest_type() {
        let entry =
            |name: &str, kind: &str| format!("[[sources]]\nname = \"{name}\"\ntype = \"{kind}\"\n");
        let articles = [
            article(&format!(
                "{}{}",
                entry("RFI", "press"),
                entry("Az-Zallaqa", "armed-group-claim")
            )),
            article(&format!(
                "{}{}",
                entry("rfi", "wire"),
                entry("RFI ", "press")
            )),
            article("[source]\nname = \"RFI\"\nurl = \"https://www.rfi.fr/\"\n"),
        ];
        let found = outlets(&articles);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "Az-Zallaqa");
        let rfi = &found[1];
        assert_eq!(
            (rfi.id.as_str(), rfi.kind),
            ("rfi", Some(SourceType::Press))
        );
        // Each article once, even when it cites the outlet twice.
        assert_eq!(rfi.articles, [0, 1, 2]);
        assert_eq!(rfi.url.as_deref(), Some("https://www.rfi.fr/"));
    }

    #[test]
    fn web_addresses_and_language_tags() {
        assert!(is_web_address("https://www.rfi.fr/"));
        assert!(is_web_address("HTTP://example.org"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("https://"));
        assert!(!is_web_address("ftp://example.org"));
        assert!(is_language_tag("fr"));
        assert!(is_language_tag("pt-BR"));
        assert!(!is_language_tag("French"));
        assert!(!is_language_tag("f"));
    }
}
