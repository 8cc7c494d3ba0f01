//! One article file: its front matter parsed, its dates and ids checked.

use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

use super::*;

/// A front-matter date: a TOML local date or a date-time.
pub(super) fn to_datetime(
    value: &Spanned<Datetime>,
    split: &frontmatter::Split,
    path: &Path,
) -> Result<(NaiveDate, DateTime<Utc>), Diagnostic> {
    let problem = || {
        Diagnostic::new(path, format!("`{}` is not a date", value.get_ref()))
            .at_offset(split.toml, value.span().start, split.toml_line)
            .help("write a day like 2024-04-12 or a moment like 2024-04-12T08:00:00Z")
    };
    let dt = value.get_ref();
    let d = dt.date.ok_or_else(problem)?;
    let date =
        NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()).ok_or_else(problem)?;
    if d.year < 1000 {
        // Archive URLs and feeds write the year with four digits.
        return Err(
            Diagnostic::new(path, format!("the year {} is before 1000", d.year))
                .at_offset(split.toml, value.span().start, split.toml_line)
                .help("write the full year with four digits, e.g. 2024-04-12"),
        );
    }
    let time = match dt.time {
        Some(t) => NaiveTime::from_hms_nano_opt(
            t.hour.into(),
            t.minute.into(),
            t.second.into(),
            t.nanosecond,
        )
        .ok_or_else(problem)?,
        None => NaiveTime::MIN,
    };
    let offset_minutes = match dt.offset {
        Some(toml::value::Offset::Custom { minutes }) => i32::from(minutes),
        _ => 0,
    };
    let offset = chrono::FixedOffset::east_opt(offset_minutes * 60).ok_or_else(problem)?;
    let moment = offset
        .from_local_datetime(&date.and_time(time))
        .single()
        .ok_or_else(problem)?
        .with_timezone(&Utc);
    Ok((date, moment))
}

pub(super) fn unknown_id(
    path: &Path,
    what: &str,
    id: &str,
    at: Option<(&frontmatter::Split, usize)>,
    known: &HashMap<String, usize>,
) -> Diagnostic {
    let mut d = Diagnostic::new(path, format!("unknown {what} \"{id}\""));
    if let Some((split, offset)) = at {
        // The span covers the quotes; point at the id itself.
        d = d.at_offset(split.toml, offset + 1, split.toml_line);
    }
    let help = did_you_mean(id, known.keys().map(String::as_str)).unwrap_or_else(|| {
        let folder = match what {
            "country" => "countries",
            "place" => "places",
            _ => "actors",
        };
        format!("add a profile content/{folder}/{id}.md or fix the id")
    });
    d.help(help)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleFront {
    title: String,
    date: Spanned<Datetime>,
    lang: Option<Lang>,
    #[serde(default)]
    countries: Vec<Spanned<String>>,
    #[serde(default)]
    actors: Vec<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    places: Vec<Spanned<String>>,
    #[serde(default)]
    events: Vec<EventFront>,
    summary: Option<String>,
    #[serde(default)]
    draft: bool,
    publish: Option<Spanned<Datetime>>,
    updated: Option<Spanned<Datetime>>,
    slug: Option<Spanned<String>>,
    source: Option<Source>,
    #[serde(default)]
    sources: Vec<SourceFront>,
    status: Option<ClaimStatus>,
    claimed_by: Option<Spanned<String>>,
    entity_links: Option<bool>,
    #[serde(default)]
    mentions: MentionsFront,
}

const ARTICLE_FIELDS: &[&str] = &[
    "title",
    "date",
    "lang",
    "countries",
    "actors",
    "tags",
    "places",
    "events",
    "summary",
    "draft",
    "publish",
    "updated",
    "slug",
    "source",
    "sources",
    "status",
    "claimed_by",
    "entity_links",
    "mentions",
];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MentionsFront {
    #[serde(default)]
    countries: Vec<Spanned<String>>,
    #[serde(default)]
    actors: Vec<Spanned<String>>,
}

/// An article parsed but with ids not yet checked against the profiles.
pub(super) struct RawArticle {
    pub(super) article: Article,
    /// Every id with where it stands, to report unknown ones.
    ids: Vec<(IdKind, Spanned<String>)>,
    toml: String,
    toml_line: usize,
}

#[derive(Clone, Copy)]
enum IdKind {
    Country,
    Actor,
    Place,
}

fn empty_title(split: &frontmatter::Split, path: &Path) -> Diagnostic {
    Diagnostic::new(path, "the title is empty")
        .at(split.toml_line, 1)
        .help("give the article a title")
}

/// An article's dates: its own, when it may be published (an embargo)
/// and when it was last updated.
struct Dates {
    date: NaiveDate,
    datetime: DateTime<Utc>,
    publish: Option<DateTime<Utc>>,
    updated: Option<NaiveDate>,
}

impl Dates {
    fn of(
        front: &ArticleFront,
        split: &frontmatter::Split,
        path: &Path,
    ) -> Result<Dates, Diagnostic> {
        let (date, datetime) = to_datetime(&front.date, split, path)?;
        let publish = match &front.publish {
            Some(p) => Some(to_datetime(p, split, path)?.1),
            None => None,
        };
        let updated = match &front.updated {
            Some(u) => Some(to_datetime(u, split, path)?.0),
            None => None,
        };
        Ok(Dates {
            date,
            datetime,
            publish,
            updated,
        })
    }
}

pub(super) fn parse_article(path: &Path, text: &str) -> Result<RawArticle, Vec<Diagnostic>> {
    let split = frontmatter::split(text, path).map_err(|d| vec![d])?;
    let front: ArticleFront = toml::from_str(split.toml).map_err(|e| {
        vec![toml_diagnostic(
            &e,
            split.toml,
            split.toml_line,
            path,
            ARTICLE_FIELDS,
        )]
    })?;
    let mut problems = Vec::new();
    if front.title.trim().is_empty() {
        problems.push(empty_title(&split, path));
    }
    let Dates {
        date,
        datetime,
        publish,
        updated,
    } = Dates::of(&front, &split, path).map_err(|d| vec![d])?;
    let slug = article_slug(front.slug.as_ref(), &split, path, &mut problems)?;
    let sources = parse_sources(front.sources, &split, path, &mut problems);
    check_status(
        front.status,
        front.claimed_by.as_ref(),
        &split,
        path,
        &mut problems,
    );
    let (tags, tag_positions) = tags::parse_tags(front.tags, &split, path, &mut problems);
    let reported = updated.map_or(date, |u| u.max(date));
    let (events, event_ids) = parse_events(front.events, reported, &split, path, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut ids = Vec::new();
    let mut take = |kind: IdKind, list: Vec<Spanned<String>>| -> Vec<String> {
        let values = list.iter().map(|s| s.get_ref().clone()).collect();
        ids.extend(list.into_iter().map(|s| (kind, s)));
        values
    };
    let countries = take(IdKind::Country, front.countries);
    let actors = take(IdKind::Actor, front.actors);
    let claimed_by = take(IdKind::Actor, front.claimed_by.into_iter().collect()).pop();
    let places = take(IdKind::Place, front.places);
    take(IdKind::Place, event_ids.places);
    take(IdKind::Actor, event_ids.actors);
    let mentions = Mentions {
        countries: take(IdKind::Country, front.mentions.countries),
        actors: take(IdKind::Actor, front.mentions.actors),
    };
    let article = Article {
        path: path.to_path_buf(),
        slug,
        title: front.title.trim().to_string(),
        date,
        datetime,
        lang: front.lang.unwrap_or(Lang::En),
        countries,
        actors,
        tags,
        places,
        events,
        tag_positions,
        summary: front.summary.filter(|s| !s.trim().is_empty()),
        draft: front.draft,
        publish,
        updated,
        source: front.source.filter(|s| !s.name.trim().is_empty()),
        sources,
        status: front.status,
        claimed_by,
        entity_links: front.entity_links.unwrap_or(true),
        mentions,
        body: split.body.to_string(),
        body_line: split.body_line,
        text_stamp: crate::incremental::stamp(text.as_bytes()),
    };
    Ok(RawArticle {
        article,
        ids,
        toml: split.toml.to_string(),
        toml_line: split.toml_line,
    })
}

/// The article's slug: its `slug` when that is a good one (a problem
/// otherwise), else its file stem.
fn article_slug(
    slug: Option<&Spanned<String>>,
    split: &frontmatter::Split,
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Result<String, Vec<Diagnostic>> {
    Ok(match slug {
        Some(s) if !is_slug(s.get_ref()) => {
            problems.push(
                Diagnostic::new(
                    path,
                    format!(
                        "slug \"{}\" is not lower-case words joined by '-'",
                        s.get_ref()
                    ),
                )
                .at_offset(split.toml, s.span().start + 1, split.toml_line)
                .help(format!("use \"{}\"", slugify(s.get_ref()))),
            );
            String::new()
        }
        Some(s) if s.get_ref().len() > MAX_SLUG_BYTES => {
            problems.push(too_long(path, "slug", s.get_ref()).at_offset(
                split.toml,
                s.span().start + 1,
                split.toml_line,
            ));
            String::new()
        }
        Some(s) => s.get_ref().clone(),
        None => stem_id(path).map_err(|d| vec![d])?,
    })
}

impl RawArticle {
    /// The article if every id it names has a profile; otherwise the
    /// problems go to `problems`.
    pub(super) fn resolve(
        self,
        profiles: &Profiles,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Article> {
        let split = frontmatter::Split {
            toml: &self.toml,
            toml_line: self.toml_line,
            body: "",
            body_line: 0,
        };
        let before = problems.len();
        for (kind, id) in &self.ids {
            let (what, known) = match kind {
                IdKind::Country => ("country", &profiles.country_index),
                IdKind::Actor => ("actor", &profiles.actor_index),
                IdKind::Place => ("place", &profiles.place_index),
            };
            if !known.contains_key(id.get_ref()) {
                let at = Some((&split, id.span().start));
                problems.push(unknown_id(
                    &self.article.path,
                    what,
                    id.get_ref(),
                    at,
                    known,
                ));
            }
        }
        (problems.len() == before).then_some(self.article)
    }
}
