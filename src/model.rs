//! The validated site: what `load` produces and every later stage reads.
//! Ids are resolved: every country and actor an article names exists.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::assessments::Assessment;
use crate::config::{Config, Lang};
use crate::error::Diagnostic;
use crate::events::Event;
use crate::places::Place;
use crate::relations::Relation;
use crate::sources::{ClaimStatus, SourceEntry};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Countries and actors an article names only in passing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Mentions {
    pub countries: Vec<String>,
    pub actors: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    /// The day the article is filed under (timeline, monthly briefing).
    pub date: NaiveDate,
    /// The same moment with its time, midnight UTC when only a day is given.
    pub datetime: DateTime<Utc>,
    pub lang: Lang,
    /// What the article is about, most salient first.
    pub countries: Vec<String>,
    pub actors: Vec<String>,
    pub tags: Vec<String>,
    /// Place ids: where the article's story happens.
    pub places: Vec<String>,
    /// `[[events]]`: what happened, coded, with attributed figures.
    pub events: Vec<Event>,
    /// Where each tag stands in the file (line, column), for errors that
    /// involve several articles.
    pub tag_positions: Vec<(usize, usize)>,
    pub summary: Option<String>,
    pub draft: bool,
    pub publish: Option<DateTime<Utc>>,
    pub updated: Option<NaiveDate>,
    pub source: Option<Source>,
    /// `[[sources]]`: what the article is based on, each outlet typed.
    pub sources: Vec<SourceEntry>,
    /// Whether the event reported is claimed, confirmed or disputed, and
    /// by which actor it is claimed.
    pub status: Option<ClaimStatus>,
    pub claimed_by: Option<String>,
    /// Whether the body links its first mentions (`entity_links = false`
    /// turns it off for one article).
    pub entity_links: bool,
    pub mentions: Mentions,
    /// Markdown text after the front matter, and the file line it starts on.
    pub body: String,
    pub body_line: usize,
    /// The length and hash of the whole file: with the rest of the site
    /// unchanged, the same text makes the same article.
    pub text_stamp: (u64, u64),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    pub fr: String,
    pub en: String,
}

impl Names {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    Sahel,
    Coastal,
    External,
}

#[derive(Debug, Clone)]
pub struct Country {
    pub id: String,
    pub path: PathBuf,
    pub name: String,
    pub names: Option<Names>,
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-2, upper case.
    pub iso: String,
    pub region: Region,
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActorKind {
    State,
    Junta,
    ArmedGroup,
    ForeignForce,
    InternationalOrg,
    Person,
    Media,
}

impl ActorKind {
    pub const ALL: [ActorKind; 7] = [
        ActorKind::State,
        ActorKind::Junta,
        ActorKind::ArmedGroup,
        ActorKind::ForeignForce,
        ActorKind::InternationalOrg,
        ActorKind::Person,
        ActorKind::Media,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Junta => "junta",
            ActorKind::ArmedGroup => "armed-group",
            ActorKind::ForeignForce => "foreign-force",
            ActorKind::InternationalOrg => "international-org",
            ActorKind::Person => "person",
            ActorKind::Media => "media",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub path: PathBuf,
    pub name: String,
    pub names: Option<Names>,
    pub kind: ActorKind,
    /// Country ids the actor belongs to or acts for.
    pub affiliation: Vec<String>,
    pub aliases: Vec<String>,
    /// Generic or ambiguous names that identify the actor only with
    /// supporting context (used by `import`).
    pub weak_aliases: Vec<String>,
    pub active_from: Option<NaiveDate>,
    pub active_until: Option<NaiveDate>,
    pub body: String,
}

/// A plain page such as About or Methodology, served at `/<slug>/`.
#[derive(Debug, Clone)]
pub struct Page {
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub body: String,
    pub body_line: usize,
}

/// A tag's display name and text, from the optional
/// `content/tags/<id>.md`; the id is the tag's slug.
#[derive(Debug, Clone)]
pub struct TagProfile {
    pub id: String,
    pub path: PathBuf,
    pub name: Option<String>,
    pub names: Option<Names>,
    pub body: String,
}

/// Country and actor profiles: the site's gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Profiles {
    pub countries: Vec<Country>,
    pub actors: Vec<Actor>,
    pub country_index: HashMap<String, usize>,
    pub actor_index: HashMap<String, usize>,
    /// Every `[[relations]]` of every actor profile, in profile order.
    pub relations: Vec<Relation>,
    /// Place profiles, sorted by id.
    pub places: Vec<Place>,
    pub place_index: HashMap<String, usize>,
}

impl Profiles {
    pub fn new(mut countries: Vec<Country>, mut actors: Vec<Actor>) -> Self {
        countries.sort_by(|a, b| a.id.cmp(&b.id));
        actors.sort_by(|a, b| a.id.cmp(&b.id));
        let country_index = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let actor_index = actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        Profiles {
            countries,
            actors,
            country_index,
            actor_index,
            relations: Vec::new(),
            places: Vec::new(),
            place_index: HashMap::new(),
        }
    }

    /// Sets the place profiles, sorted by id.
    pub fn set_places(&mut self, mut places: Vec<Place>) {
        places.sort_by(|a, b| a.id.cmp(&b.id));
        self.place_index = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        self.places = places;
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.place_index.get(id).map(|&i| &self.places[i])
    }

    pub fn country(&self, id: &str) -> Option<&Country> {
        self.country_index.get(id).map(|&i| &self.countries[i])
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actor_index.get(id).map(|&i| &self.actors[i])
    }
}

/// Everything `build` needs, read and validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// Published articles (drafts and embargoed ones already left out
    /// unless asked for), newest first.
    pub articles: Vec<Article>,
    pub profiles: Profiles,
    pub pages: Vec<Page>,
    /// Tag profiles, by id.
    pub tags: HashMap<String, TagProfile>,
    /// Monthly assessments, newest month first, then by country id.
    pub assessments: Vec<Assessment>,
    /// Problems worth telling the user that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The earliest embargo of an article left out for now: the site
    /// changes then, with no file changed.
    pub next_publish: Option<DateTime<Utc>>,
}

/// The order of the site's articles: newest first; the slug breaks ties so
/// the order never depends on the file system.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.datetime
        .cmp(&a.datetime)
        .then_with(|| a.slug.cmp(&b.slug))
}

/// Lower-case ASCII words joined by `-`: ids, slugs and tag URLs.
pub fn slugify(text: &str) -> String {
    if is_plain_slug(text) {
        // Ids and tags are usually slugs already: skip the transliteration.
        return text.to_string();
    }
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Lower-case ASCII letters and digits in words joined by single `-`:
/// what `slugify` returns unchanged.
fn is_plain_slug(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
        && !text.contains("--")
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The longest slug, id or tag slug in bytes: each becomes a folder name,
/// and file systems refuse names over 255 bytes.
pub const MAX_SLUG_BYTES: usize = 255;

/// A tag's URL and folder name: its letters and digits in lower case, in
/// any script (`عربى` stays `عربى`; a URL percent-encodes it), every run
/// of other characters a single `-`. Empty when the tag has no letter or
/// digit.
pub fn tag_slug(tag: &str) -> String {
    if is_plain_slug(tag) {
        return tag.to_string();
    }
    let mut slug = String::with_capacity(tag.len());
    for c in tag.nfc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || (is_combining_mark(c) && !slug.is_empty()) {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// What makes two tags the same tag: the text in lower case, with runs of
/// spaces, `-` and `_` as one `-`. "Air Defence" and "air-defence" are one
/// tag; "a/b" and "a b" are two tags, whose slugs would collide.
pub fn tag_key(tag: &str) -> String {
    if is_plain_slug(tag) {
        return tag.to_string();
    }
    let mut key = String::with_capacity(tag.len());
    for c in tag.nfc().flat_map(char::to_lowercase) {
        if c.is_whitespace() || c == '-' || c == '_' {
            if !key.is_empty() && !key.ends_with('-') {
                key.push('-');
            }
        } else {
            key.push(c);
        }
    }
    while key.ends_with('-') {
        key.pop();
    }
    key
}

/// Whether `id` is already in slug form (what ids and slugs must be).
pub fn is_slug(id: &str) -> bool {
    !id.is_empty() && slugify(id) == id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_transliterates_and_joins_words() {
        assert_eq!(
            slugify("Des instructeurs et du matériel militaire russes arrivent au Niger"),
            "des-instructeurs-et-du-materiel-militaire-russes-arrivent-au-niger"
        );
        assert_eq!(slugify("  Côte d’Ivoire !"), "cote-d-ivoire");
        assert_eq!(slugify("Air Defence"), "air-defence");
        assert_eq!(slugify("g5-sahel-2"), "g5-sahel-2");
        assert_eq!(slugify("-air--defence-"), "air-defence");
        assert!(is_slug("burkina-faso"));
        assert!(!is_slug("Niger"));
        assert!(!is_slug("goïta"));
        assert!(!is_slug("Burkina Faso"));
    }

    #[test]
    fn tag_slugs_keep_every_script() {
        assert_eq!(tag_slug("air-defence"), "air-defence");
        assert_eq!(tag_slug("Air Defence"), "air-defence");
        assert_eq!(tag_slug("Sécurité"), "sécurité");
        assert_eq!(tag_slug("عربى"), "عربى");
        assert_eq!(tag_slug("رب"), "رب");
        assert_eq!(tag_slug("हिन्दी"), "हिन्दी");
        assert_eq!(tag_slug("a/b"), "a-b");
        assert_eq!(tag_slug(".."), "");
        assert_eq!(tag_slug("\u{200b}"), "");
        // Composed and decomposed accents are one tag.
        assert_eq!(tag_slug("e\u{301}"), tag_slug("\u{e9}"));
    }

    #[test]
    fn tag_keys_tell_distinct_tags_apart() {
        assert_eq!(tag_key("Air Defence"), tag_key("air-defence"));
        assert_eq!(tag_key("air_defence "), tag_key("air-defence"));
        assert_ne!(tag_key("A B"), tag_key("a/b"));
        assert_eq!(tag_slug("A B"), tag_slug("a/b"));
    }
}
