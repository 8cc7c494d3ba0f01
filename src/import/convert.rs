//! One cleaned document to one article: language, date, countries and
//! actors detected, front matter serialised with the `toml` crate.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Lang;
use crate::model::{slugify, Mentions, Profiles, Source};

use super::detect::{self, DateBasis, Found, Part};
use super::events::{suggest, Suggestion, LEAD};
use super::gazetteer::{fold, tokenize, Entity, Gazetteer, Tokens};
use super::places::PlaceIndex;
use super::text::{self, Block, Document};
use super::{html, markdown_out, markdown_source, Described, Format, Hints};

/// An article ready to be written: front matter values and Markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    pub title: String,
    pub date: toml::value::Datetime,
    pub lang: Lang,
    pub countries: Vec<String>,
    pub actors: Vec<String>,
    /// Places it is about, when the site has place profiles.
    pub places: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub source: Option<Source>,
    /// `[[sources]]`: the outlet as the source describes itself.
    pub sources: Vec<SourceOut>,
    pub mentions: Mentions,
    /// Places named in passing: not written (`[mentions]` holds countries
    /// and actors), but an event suggestion may take its place from them.
    pub place_mentions: Vec<String>,
    /// An event read in the lead, written as a commented-out suggestion.
    pub event: Option<Suggestion>,
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
    title: String,
    date: &'a toml::value::Datetime,
    lang: &'static str,
    countries: &'a [String],
    actors: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    places: &'a [String],
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    draft: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publish: Option<&'a toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<&'a toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<Source>,
    #[serde(skip_serializing_if = "<[SourceOut]>::is_empty")]
    sources: &'a [SourceOut],
    mentions: &'a Mentions,
}

/// A `[[sources]]` entry: what the source says of itself, with the
/// article's date and language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceOut {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub published: toml::value::Datetime,
    pub language: &'static str,
}

/// A front-matter value on one line: control characters (newlines, `ESC`)
/// become spaces and runs of spaces one, so no value can hold a `+++`
/// line or a terminal escape.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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
    /// Every string is put on one line first: the `toml` crate would write
    /// a string holding a newline as a multi-line string, whose lines could
    /// read as the closing `+++`.
    pub fn to_file(&self) -> String {
        let sources: Vec<SourceOut> = self
            .sources
            .iter()
            .map(|s| SourceOut {
                name: one_line(&s.name),
                url: s.url.as_deref().map(one_line).filter(|u| !u.is_empty()),
                ..s.clone()
            })
            .collect();
        let front = FrontOut {
            title: one_line(&self.title),
            date: &self.date,
            lang: self.lang.code(),
            countries: &self.countries,
            actors: &self.actors,
            places: &self.places,
            tags: self
                .tags
                .iter()
                .map(|t| slugify(t))
                .filter(|t| !t.is_empty())
                .collect(),
            summary: self.summary.as_deref().map(one_line),
            draft: self.kept.draft,
            publish: self.kept.publish.as_ref(),
            updated: self.kept.updated.as_ref(),
            slug: self.kept.slug.as_deref(),
            source: self.source.as_ref().map(|s| Source {
                name: one_line(&s.name),
                url: s.url.as_deref().map(one_line).filter(|u| !u.is_empty()),
            }),
            sources: &sources,
            mentions: &self.mentions,
        };
        let toml = toml::to_string(&front).expect("article front matter serialises");
        let mut out = String::with_capacity(toml.len() + self.body.len() + 10);
        out.push_str("+++\n");
        out.push_str(&toml);
        if !toml.ends_with('\n') {
            out.push('\n');
        }
        if let Some(event) = &self.event {
            out.push_str(&event.to_comment());
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
        Format::Html => convert_page(html::parse_page(raw), gazetteer, profiles, hints),
        Format::Markdown => markdown_source::convert_markdown(raw, gazetteer, profiles, hints),
        // One article: the feed's first item.
        Format::Feed => {
            let page = super::feed::parse_feed(raw, std::path::Path::new("feed"))
                .map_err(|d| d.to_string())?
                .into_iter()
                .next()
                .expect("a feed parses with one item or more");
            convert_page(page, gazetteer, profiles, hints)
        }
    }
}

/// Converts an HTML page (or one story of it); what the page says of its
/// date and source fills in what the command line did not give.
pub fn convert_page(
    page: html::Page,
    gazetteer: &Gazetteer,
    profiles: &Profiles,
    hints: &Hints,
) -> Result<Converted, String> {
    let mut hints = hints.clone();
    hints.date = hints.date.or(page.date);
    if page.url.is_some() || page.site_name.is_some() {
        hints.described = Some(Described {
            name: page.site_name,
            url: page.url,
        });
    }
    convert_document(page.doc, gazetteer, profiles, &hints)
}

/// Converts a pasted text (title line, blank line, paragraphs) into an
/// article. Builds the gazetteer each call: use [`convert_with`] for many.
pub fn convert(text: &str, profiles: &Profiles, hints: &Hints) -> Result<Converted, String> {
    convert_with(text, &Gazetteer::new(profiles), profiles, hints)
}

/// Converts a pasted text with a gazetteer built once.
pub fn convert_with(
    raw: &str,
    gazetteer: &Gazetteer,
    profiles: &Profiles,
    hints: &Hints,
) -> Result<Converted, String> {
    let normalized = text::normalize(raw);
    convert_document(text::parse(&normalized), gazetteer, profiles, hints)
}

/// Detects what a cleaned document is about and makes it an article.
pub fn convert_document(
    doc: Document,
    gazetteer: &Gazetteer,
    profiles: &Profiles,
    hints: &Hints,
) -> Result<Converted, String> {
    if doc.title.is_empty() {
        return Err("no text: the source has no title line".into());
    }
    let mut warnings = Vec::new();
    let body_text: Vec<&str> = doc.blocks.iter().map(|b| b.text()).collect();
    let lang = hints.lang.unwrap_or_else(|| {
        let sample: String = std::iter::once(doc.title.as_str())
            .chain(body_text.iter().copied())
            .collect::<Vec<_>>()
            .join("\n");
        detect::detect_lang(&sample).unwrap_or_else(|| {
            warnings.push("language not recognised; assumed fr (pass --lang)".to_string());
            Lang::Fr
        })
    });
    let (date, known_date) = article_date(&doc, &body_text, hints, &mut warnings);

    let mut parts = vec![(Part::Title, doc.title.as_str())];
    parts.extend(body_text.iter().map(|t| (Part::Body, *t)));
    // Tokenized once, read against the countries and actors, then the places.
    let tokens: Vec<Tokens> = parts.iter().map(|&(_, t)| tokenize(t)).collect();
    let found = detect::detect_in_tokens(
        gazetteer,
        profiles,
        &parts,
        &tokens,
        known_date.then_some(date),
    );
    let (countries, actors, mentions) = split_found(&found, profiles);
    let named: Vec<String> = countries
        .iter()
        .chain(&mentions.countries)
        .cloned()
        .collect();
    let (places, place_mentions, lead_places) = gazetteer
        .places
        .as_ref()
        .map_or_else(Default::default, |p| places_of(p, &parts, &tokens, &named));
    let event = suggest(&doc.title, &body_text, date, &lead_places);

    if !doc.dropped.is_empty() {
        warnings.push(format!(
            "{} line(s) of page furniture left out",
            doc.dropped.len()
        ));
    }
    let tweets = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Tweet(_)))
        .count();
    Ok(Converted {
        title: doc.title.clone(),
        date: toml_date(date),
        lang,
        countries,
        actors,
        places,
        tags: hashtag_tags(&doc.hashtags, hints),
        summary: None,
        source: source(hints),
        sources: described_sources(hints, date, lang),
        mentions,
        place_mentions,
        event,
        kept: Kept::default(),
        body: markdown_out::to_markdown(&doc),
        hashtags: doc.hashtags,
        tweets,
        warnings,
    })
}

/// The places an article is about, those it names in passing, and those
/// its lead names. An event's place is one its lead names: a place further
/// down is background as often as not (the capital whose junta comments).
fn places_of(
    index: &PlaceIndex,
    parts: &[(Part, &str)],
    tokens: &[Tokens],
    named: &[String],
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (places, mentions) = index.detect(parts, tokens, named);
    let lead = parts.len().min(1 + LEAD);
    let (about, named_only) = index.detect(&parts[..lead], &tokens[..lead], named);
    let lead_places = about.into_iter().chain(named_only).collect();
    (places, mentions, lead_places)
}

/// The date given, else the one detected; `false` when it is only today
/// (today is no evidence about who was in office).
fn article_date(
    doc: &Document,
    body_text: &[&str],
    hints: &Hints,
    warnings: &mut Vec<String>,
) -> (NaiveDate, bool) {
    if let Some(d) = hints.date {
        return (d, true);
    }
    let tweet_dates: Vec<NaiveDate> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Tweet(t) => t.date,
            _ => None,
        })
        .collect();
    let (d, basis) = detect::detect_date(body_text, &tweet_dates, hints.today);
    match basis {
        DateBasis::Today => {
            warnings.push(format!(
                "no date found in the source; used today, {d} (pass --date)"
            ));
            (d, false)
        }
        DateBasis::Tweet => {
            warnings.push(format!(
                "date {d} taken from a pasted tweet (pass --date if the article is later)"
            ));
            (d, true)
        }
        _ => (d, true),
    }
}

/// Tags from hashtags: only those the site maps (`[import] hashtag_tags`).
/// Hashtags stay evidence for detection; `#Niger` alone makes no tag page
/// beside the country page.
fn hashtag_tags(hashtags: &[String], hints: &Hints) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for h in hashtags {
        let key = fold(h.trim_start_matches('#'));
        if let Some(tag) = hints.hashtag_tags.get(&key) {
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
    }
    tags
}

pub(crate) fn source(hints: &Hints) -> Option<Source> {
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

/// The source's own description as a `[[sources]]` entry, unless the user
/// named the source (`--source-name`, `--source-url`): what they say wins.
fn described_sources(hints: &Hints, date: NaiveDate, lang: Lang) -> Vec<SourceOut> {
    if hints.source_name.is_some() || hints.source_url.is_some() {
        return Vec::new();
    }
    let Some(described) = &hints.described else {
        return Vec::new();
    };
    let url = described
        .url
        .clone()
        .filter(|u| crate::sources::is_web_address(u));
    let name = described
        .name
        .as_deref()
        .map(one_line)
        .filter(|n| !n.is_empty())
        .or_else(|| url.as_deref().and_then(host));
    let Some(name) = name else {
        return Vec::new();
    };
    vec![SourceOut {
        name,
        url,
        published: toml_date(date),
        language: lang.code(),
    }]
}

/// The host of an address, without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_string())
}

pub(crate) fn toml_date(d: NaiveDate) -> toml::value::Datetime {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter;
    use std::path::Path;

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

    #[test]
    fn values_with_newlines_stay_on_one_line() {
        let hints = Hints::new(NaiveDate::from_ymd_opt(2024, 1, 2).unwrap());
        let mut c = convert("Titre\n\nTexte.", &Profiles::default(), &hints).unwrap();
        c.title = "Un\n+++\ntitre\u{1b}[2J".into();
        c.source = Some(Source {
            name: "A\n+++\nB".into(),
            url: Some("https://x.org/\n+++".into()),
        });
        let file = c.to_file();
        assert_eq!(file.matches("+++\n").count(), 2, "{file}");
        let split = frontmatter::split(&file, Path::new("a.md")).unwrap();
        let table: toml::Table = toml::from_str(split.toml).unwrap();
        assert_eq!(table["title"].as_str(), Some("Un +++ titre [2J"));
        assert_eq!(table["source"]["name"].as_str(), Some("A +++ B"));
    }

    #[test]
    fn hashtags_make_tags_only_when_mapped() {
        let mut hints = Hints::new(NaiveDate::from_ymd_opt(2024, 1, 2).unwrap());
        let text = "Titre\n\n#Niger #Sahel : des nouvelles.";
        let c = convert(text, &Profiles::default(), &hints).unwrap();
        assert!(c.tags.is_empty(), "{:?}", c.tags);
        assert_eq!(c.hashtags, ["#Niger", "#Sahel"]);
        hints
            .hashtag_tags
            .insert("sahel".into(), "sahel-security".into());
        let c = convert(text, &Profiles::default(), &hints).unwrap();
        assert_eq!(c.tags, ["sahel-security"]);
    }
}
