//! The desk's data for spreadsheets and other tools: `/data/events.csv`
//! and `/data/events.json` (one row per event, ids beside names, so it
//! compares with ACLED's exports) and `/data/articles.json` (every article
//! with its countries, actors, places and events).

use serde::Serialize;

use crate::config::Lang;
use crate::events::{ActorRole, Event};
use crate::model::{Article, Names, Site};

/// One event, flat: what a spreadsheet row holds. Lists are joined with
/// `; ` in the CSV and kept as arrays in JSON.
#[derive(Debug, Serialize)]
pub struct EventRow {
    pub event_date: String,
    pub event_type: &'static str,
    pub subtype: String,
    pub place: String,
    pub place_name: String,
    pub admin1: String,
    pub country: String,
    pub country_name: String,
    pub iso: String,
    pub lat: f64,
    pub lon: f64,
    pub actors: Vec<String>,
    pub perpetrators: Vec<String>,
    pub targets: Vec<String>,
    pub fatalities_min: Option<u32>,
    pub fatalities_max: Option<u32>,
    pub fatalities_source: String,
    pub injured: Option<u32>,
    pub displaced: Option<u32>,
    pub claimed_by: String,
    pub article: String,
    pub article_title: String,
    pub article_date: String,
    pub url: String,
}

fn name(names: Option<&Names>, name: &str, lang: Lang) -> String {
    names.map_or(name, |n| n.get(lang)).to_string()
}

/// Every event of every article, oldest first (then by article).
pub fn event_rows(site: &Site) -> Vec<EventRow> {
    let lang = site.config.language;
    let profiles = &site.profiles;
    let actor_name = |id: &str| {
        profiles
            .actor(id)
            .map_or(id.to_string(), |a| name(a.names.as_ref(), &a.name, lang))
    };
    let mut rows: Vec<(&Event, &Article)> = site
        .articles
        .iter()
        .flat_map(|a| a.events.iter().map(move |e| (e, a)))
        .collect();
    rows.sort_by(|x, y| (x.0.date, &x.1.slug).cmp(&(y.0.date, &y.1.slug)));
    rows.into_iter()
        .map(|(e, a)| {
            let place = profiles.place(&e.place);
            let country = place.and_then(|p| profiles.country(&p.country));
            let with_role = |role: ActorRole| {
                e.actors
                    .iter()
                    .filter(|x| x.role == Some(role))
                    .map(|x| actor_name(&x.id))
                    .collect()
            };
            EventRow {
                event_date: e.date.to_string(),
                event_type: e.kind.id(),
                subtype: e.subtype.clone().unwrap_or_default(),
                place: e.place.clone(),
                place_name: place.map_or(String::new(), |p| name(p.names.as_ref(), &p.name, lang)),
                admin1: place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
                country: place.map_or(String::new(), |p| p.country.clone()),
                country_name: country
                    .map_or(String::new(), |c| name(c.names.as_ref(), &c.name, lang)),
                iso: country.map_or(String::new(), |c| c.iso.clone()),
                lat: place.map_or(0.0, |p| p.lat),
                lon: place.map_or(0.0, |p| p.lon),
                actors: e.actors.iter().map(|x| actor_name(&x.id)).collect(),
                perpetrators: with_role(ActorRole::Perpetrator),
                targets: with_role(ActorRole::Target),
                fatalities_min: e.fatalities_min,
                fatalities_max: e.fatalities_max,
                fatalities_source: e.fatalities_source.clone().unwrap_or_default(),
                injured: e.injured,
                displaced: e.displaced,
                claimed_by: e.claimed_by.as_deref().map(actor_name).unwrap_or_default(),
                article: a.slug.clone(),
                article_title: a.title.clone(),
                article_date: a.date.to_string(),
                url: format!("{}articles/{}/", site.config.absolute_root(), a.slug),
            }
        })
        .collect()
}

/// `/data/events.csv`: a header line, then one line per event.
pub fn events_csv(rows: &[EventRow]) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let join = |v: &[String]| v.join("; ");
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let _ = out.write_record([
        "event_date",
        "event_type",
        "subtype",
        "place",
        "place_name",
        "admin1",
        "country",
        "country_name",
        "iso",
        "lat",
        "lon",
        "actors",
        "perpetrators",
        "targets",
        "fatalities_min",
        "fatalities_max",
        "fatalities_source",
        "injured",
        "displaced",
        "claimed_by",
        "article",
        "article_title",
        "article_date",
        "url",
    ]);
    for r in rows {
        let _ = out.write_record([
            r.event_date.as_str(),
            r.event_type,
            &r.subtype,
            &r.place,
            &r.place_name,
            &r.admin1,
            &r.country,
            &r.country_name,
            &r.iso,
            &r.lat.to_string(),
            &r.lon.to_string(),
            &join(&r.actors),
            &join(&r.perpetrators),
            &join(&r.targets),
            &num(r.fatalities_min),
            &num(r.fatalities_max),
            &r.fatalities_source,
            &num(r.injured),
            &num(r.displaced),
            &r.claimed_by,
            &r.article,
            &r.article_title,
            &r.article_date,
            &r.url,
        ]);
    }
    // Writing to a Vec cannot fail.
    out.into_inner().unwrap_or_default()
}

/// One article of `/data/articles.json`.
#[derive(Serialize)]
pub struct ArticleRecord<'a> {
    slug: &'a str,
    title: &'a str,
    date: String,
    lang: &'static str,
    url: String,
    countries: &'a [String],
    actors: &'a [String],
    places: &'a [String],
    tags: &'a [String],
    events: Vec<EventRecord<'a>>,
}

#[derive(Serialize)]
struct EventRecord<'a> {
    date: String,
    #[serde(rename = "type")]
    kind: &'static str,
    subtype: Option<&'a str>,
    place: &'a str,
    actors: Vec<ActorRecord<'a>>,
    fatalities_min: Option<u32>,
    fatalities_max: Option<u32>,
    fatalities_source: Option<&'a str>,
    injured: Option<u32>,
    displaced: Option<u32>,
    claimed_by: Option<&'a str>,
}

#[derive(Serialize)]
struct ActorRecord<'a> {
    id: &'a str,
    role: Option<&'static str>,
}

/// `/data/articles.json`: every article, newest first, with its ids.
pub fn article_records(site: &Site) -> Vec<ArticleRecord<'_>> {
    site.articles
        .iter()
        .map(|a| ArticleRecord {
            slug: &a.slug,
            title: &a.title,
            date: a.date.to_string(),
            lang: a.lang.code(),
            url: format!("{}articles/{}/", site.config.absolute_root(), a.slug),
            countries: &a.countries,
            actors: &a.actors,
            places: &a.places,
            tags: &a.tags,
            events: a
                .events
                .iter()
                .map(|e| EventRecord {
                    date: e.date.to_string(),
                    kind: e.kind.id(),
                    subtype: e.subtype.as_deref(),
                    place: &e.place,
                    actors: e
                        .actors
                        .iter()
                        .map(|x| ActorRecord {
                            id: &x.id,
                            role: x.role.map(ActorRole::id),
                        })
                        .collect(),
                    fatalities_min: e.fatalities_min,
                    fatalities_max: e.fatalities_max,
                    fatalities_source: e.fatalities_source.as_deref(),
                    injured: e.injured,
                    displaced: e.displaced,
                    claimed_by: e.claimed_by.as_deref(),
                })
                .collect(),
        })
        .collect()
}
