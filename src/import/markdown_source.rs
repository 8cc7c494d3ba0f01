//! `.md` sources: their front matter (if any) is kept and what is missing
//! is filled in; their body stays Markdown, with raw HTML neutralised.

use chrono::NaiveDate;

use crate::config::Lang;
use crate::model::{Mentions, Profiles, Source};

use super::convert::{convert_with, one_line, Converted, Kept};
use super::gazetteer::Gazetteer;
use super::{text, Hints};

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

pub fn convert_markdown(
    raw: &str,
    gazetteer: &Gazetteer,
    profiles: &Profiles,
    hints: &Hints,
) -> Result<Converted, String> {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let (mut front, body) = if raw.lines().next().is_some_and(|l| l.trim_end() == "+++") {
        split_front(raw)?
    } else {
        (FrontIn::default(), raw)
    };
    // A title on several lines, or only spaces, is no title.
    front.title = front.title.map(|t| one_line(&t)).filter(|t| !t.is_empty());
    let mut warnings = Vec::new();
    if front.date.as_ref().is_some_and(|d| d.date.is_none()) {
        warnings.push("front matter `date` has no day; left out".to_string());
        front.date = None;
    }
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
    if let Some(title) = front.title.take() {
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
    keep_front(&mut c, front, profiles, warnings);
    Ok(c)
}

/// The source's own front-matter values replace what was detected; ids
/// without a profile are dropped with a warning.
fn keep_front(c: &mut Converted, front: FrontIn, profiles: &Profiles, mut warnings: Vec<String>) {
    if let Some(d) = front.date {
        c.date = d;
        c.warnings
            .retain(|w| !w.starts_with("no date found") && !w.starts_with("date "));
    }
    if let Some(countries) = front.countries {
        c.countries = countries;
    }
    if let Some(actors) = front.actors {
        c.actors = actors;
    }
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
        // A file name must stay short enough for every file system.
        slug: front
            .slug
            .filter(|s| crate::model::is_slug(s) && s.len() <= 120),
    };
    // Article fields import does not check (their ids, addresses and
    // figures): carried over, one the build refused would make the
    // imported article fail `check`.
    const NOT_CARRIED: &[&str] = &[
        "sources",
        "status",
        "claimed_by",
        "entity_links",
        "places",
        "events",
    ];
    for key in front.other.keys() {
        c.warnings.push(if NOT_CARRIED.contains(&key.as_str()) {
            format!("front matter field `{key}` is not carried over by import; add it to the article again")
        } else {
            format!("front matter field `{key}` is not an article field; left out")
        });
    }
}

/// The front matter and the body. The front matter ends at the first
/// `+++` line after which the TOML reads: a multi-line string of the
/// source may hold a `+++` line of its own.
fn split_front(raw: &str) -> Result<(FrontIn, &str), String> {
    let start = raw.find('\n').map_or(raw.len(), |i| i + 1);
    let mut offset = start;
    let mut first_error = None;
    for line in raw[start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            match toml::from_str::<FrontIn>(&raw[start..offset]) {
                Ok(front) => return Ok((front, &raw[offset + line.len()..])),
                Err(e) => {
                    first_error.get_or_insert_with(|| format!("front matter: {}", e.message()));
                }
            }
        }
        offset += line.len();
    }
    Err(first_error.unwrap_or_else(|| {
        "the front matter is not closed (add a line `+++` after the last TOML field)".to_string()
    }))
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
