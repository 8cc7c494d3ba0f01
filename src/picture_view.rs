//! What templates get of the security picture: plain structs of
//! assessments, trend histories, events, places and the overview, with
//! names in the site's language and URLs relative to the site root (the
//! templates put `root` before them).

use chrono::Datelike;
use serde::Serialize;

use crate::assessments::Assessment;
use crate::config::Lang;
use crate::events::ActorRole;
use crate::i18n::{capitalised, format_date, format_month, strings};
use crate::model::Site;
use crate::picture::{EventRef, Overview};
use crate::places::{Place, PlaceKind};
use crate::plan::{actor_url, article_url, country_url, month_url};
use crate::render::{actor_name, country_name, profile_body};

/// A link to a page of the site.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
    pub url: String,
}

pub fn place_url(id: &str) -> String {
    format!("places/{id}/")
}

/// The anchor of a country's entry on its monthly briefing.
pub fn assessment_anchor(country: &str) -> String {
    format!("assessment-{country}")
}

pub fn country_link(site: &Site, id: &str) -> Named {
    let lang = site.config.language;
    Named {
        id: id.to_string(),
        name: site
            .profiles
            .country(id)
            .map_or(id, |c| country_name(c, lang))
            .to_string(),
        url: country_url(id),
    }
}

pub fn place_name(p: &Place, lang: Lang) -> &str {
    p.names.as_ref().map_or(&p.name, |n| n.get(lang))
}

pub fn place_link(site: &Site, id: &str) -> Named {
    let lang = site.config.language;
    Named {
        id: id.to_string(),
        name: site
            .profiles
            .place(id)
            .map_or(id, |p| place_name(p, lang))
            .to_string(),
        url: place_url(id),
    }
}

fn actor_link(site: &Site, id: &str) -> Named {
    let lang = site.config.language;
    Named {
        id: id.to_string(),
        name: site
            .profiles
            .actor(id)
            .map_or(id, |a| actor_name(a, lang))
            .to_string(),
        url: actor_url(id),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AlertView {
    pub kind: &'static str,
    pub label: &'static str,
    pub text: String,
}

/// One country's monthly entry.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentView {
    pub anchor: String,
    pub country: Named,
    pub year: i32,
    pub month: u32,
    pub month_label: String,
    /// Its place in the monthly briefing: `archive/YYYY/MM/#assessment-x`.
    pub url: String,
    pub trend: &'static str,
    pub arrow: &'static str,
    pub trend_label: &'static str,
    pub headline: String,
    pub alert: Option<AlertView>,
    /// The body in the site's language, as HTML.
    pub body: String,
}

/// `rewrite` resolves the body's links to content files (see
/// [`crate::markdown::render_with`]).
pub fn assessment_view(
    site: &Site,
    a: &Assessment,
    rewrite: &dyn Fn(&str) -> Option<String>,
) -> AssessmentView {
    let lang = site.config.language;
    let anchor = assessment_anchor(&a.country);
    let body = profile_body(&a.body, lang);
    AssessmentView {
        url: format!("{}#{anchor}", month_url(a.year, a.month)),
        anchor,
        country: country_link(site, &a.country),
        year: a.year,
        month: a.month,
        month_label: capitalised(&format_month(a.year, a.month, lang)),
        trend: a.trend.id(),
        arrow: a.trend.arrow(),
        trend_label: a.trend.label(lang),
        headline: a.headline.get(lang).to_string(),
        alert: a.alert.as_ref().map(|al| AlertView {
            kind: al.kind.id(),
            label: al.kind.label(lang),
            text: al.text.get(lang).to_string(),
        }),
        body: if body.trim().is_empty() {
            String::new()
        } else {
            crate::markdown::render_with(body, site.config.trusted_html, rewrite).html
        },
    }
}

/// One event, ready to list.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub date: String,
    pub date_label: String,
    pub kind: &'static str,
    pub type_label: &'static str,
    pub subtype: Option<String>,
    pub place: Named,
    pub actors: Vec<EventActorView>,
    /// "44", "203–300", "≥ 70"; empty without a figure.
    pub fatalities: String,
    pub source: Option<String>,
    pub article: Named,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventActorView {
    pub name: String,
    pub url: String,
    pub role: Option<&'static str>,
}

fn role_label(role: ActorRole, lang: Lang) -> &'static str {
    match (role, lang) {
        (ActorRole::Perpetrator, Lang::En) => "perpetrator",
        (ActorRole::Perpetrator, Lang::Fr) => "auteur",
        (ActorRole::Target, Lang::En) => "target",
        (ActorRole::Target, Lang::Fr) => "cible",
        (ActorRole::Other, Lang::En) => "other",
        (ActorRole::Other, Lang::Fr) => "autre",
    }
}

/// A toll as the source gives it, with the word for deaths.
pub fn toll(min: Option<u32>, max: Option<u32>, lang: Lang) -> String {
    let deaths = strings(lang).deaths.to_lowercase();
    match (min, max) {
        (Some(lo), Some(hi)) if lo == hi => format!("{lo} {deaths}"),
        (Some(lo), Some(hi)) => format!("{lo}\u{2013}{hi} {deaths}"),
        (Some(lo), None) => format!("\u{2265} {lo} {deaths}"),
        (None, Some(hi)) => format!("\u{2264} {hi} {deaths}"),
        (None, None) => String::new(),
    }
}

pub fn event_views(site: &Site, refs: &[EventRef]) -> Vec<EventView> {
    let lang = site.config.language;
    refs.iter()
        .map(|r| {
            let e = r.event;
            let article = &site.articles[r.article];
            EventView {
                date: e.date.to_string(),
                date_label: format_date(e.date, lang),
                kind: e.kind.id(),
                type_label: e.kind.label(lang),
                subtype: e.subtype.clone(),
                place: place_link(site, &e.place),
                actors: e
                    .actors
                    .iter()
                    .map(|x| {
                        let link = actor_link(site, &x.id);
                        EventActorView {
                            name: link.name,
                            url: link.url,
                            role: x.role.map(|r| role_label(r, lang)),
                        }
                    })
                    .collect(),
                fatalities: toll(e.fatalities_min, e.fatalities_max, lang),
                source: e.fatalities_source.clone(),
                article: Named {
                    id: article.slug.clone(),
                    name: article.title.clone(),
                    url: article_url(&article.slug),
                },
            }
        })
        .collect()
}

/// One arrow of a country's trend history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryCell {
    pub url: String,
    pub trend: &'static str,
    pub arrow: &'static str,
    pub trend_label: &'static str,
    pub month_label: String,
}

pub fn history_cells(site: &Site, history: &[&Assessment]) -> Vec<HistoryCell> {
    history
        .iter()
        .map(|a| {
            let v = assessment_view_lite(site, a);
            HistoryCell {
                url: v.url,
                trend: v.trend,
                arrow: v.arrow,
                trend_label: v.trend_label,
                month_label: v.month_label,
            }
        })
        .collect()
}

/// An assessment without its body: for tables, histories and the home
/// page, which show the headline at most.
pub fn assessment_view_lite(site: &Site, a: &Assessment) -> AssessmentView {
    let mut stripped = a.clone();
    stripped.body.clear();
    assessment_view(site, &stripped, &|_| None)
}

#[derive(Debug, Serialize)]
pub struct MonthLink {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct OverviewRow {
    pub country: Named,
    pub cells: Vec<Option<AssessmentView>>,
}

#[derive(Debug, Serialize)]
pub struct OverviewView {
    pub months: Vec<MonthLink>,
    pub rows: Vec<OverviewRow>,
}

pub fn overview_view(site: &Site, overview: &Overview) -> OverviewView {
    let lang = site.config.language;
    OverviewView {
        months: overview
            .months
            .iter()
            .map(|&(y, m)| MonthLink {
                label: capitalised(&format_month(y, m, lang)),
                url: month_url(y, m),
            })
            .collect(),
        rows: overview
            .rows
            .iter()
            .map(|(country, cells)| OverviewRow {
                country: country_link(site, country),
                cells: cells
                    .iter()
                    .map(|c| c.map(|a| assessment_view_lite(site, a)))
                    .collect(),
            })
            .collect(),
    }
}

/// What a place page shows beside its articles.
#[derive(Debug, Serialize)]
pub struct PlaceView {
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub country: Option<Named>,
    pub admin1: Option<Named>,
    pub lat: f64,
    pub lon: f64,
    pub source: Option<String>,
    /// The places whose region it is, as `m::terms` lists them.
    pub towns: Vec<TownRef>,
}

#[derive(Debug, Serialize)]
pub struct TownRef {
    pub name: String,
    pub path: String,
    pub count: usize,
}

pub fn kind_label(kind: PlaceKind, lang: Lang) -> &'static str {
    let t = strings(lang);
    match kind {
        PlaceKind::Region => t.kind_region,
        PlaceKind::Town => t.kind_town,
        PlaceKind::Site => t.kind_site,
        PlaceKind::Area => t.kind_area,
    }
}

pub fn place_view(site: &Site, place: &Place) -> PlaceView {
    let lang = site.config.language;
    let mut towns: Vec<TownRef> = site
        .profiles
        .places
        .iter()
        .filter(|p| p.admin1.as_deref() == Some(place.id.as_str()))
        .map(|p| TownRef {
            name: place_name(p, lang).to_string(),
            path: place_url(&p.id),
            count: 0,
        })
        .collect();
    towns.sort_by(|a, b| a.name.cmp(&b.name));
    PlaceView {
        kind: place.kind.id(),
        kind_label: kind_label(place.kind, lang),
        country: site
            .profiles
            .country(&place.country)
            .map(|_| country_link(site, &place.country)),
        admin1: place.admin1.as_deref().map(|id| place_link(site, id)),
        lat: place.lat,
        lon: place.lon,
        source: place.source.clone(),
        towns,
    }
}

/// The event view: events grouped by month, newest month first.
#[derive(Debug, Serialize)]
pub struct EventMonth {
    pub id: String,
    pub label: String,
    /// Its monthly briefing, if it has one.
    pub url: Option<String>,
    pub events: Vec<EventView>,
}

pub fn event_months(
    site: &Site,
    refs: &[EventRef],
    has_page: impl Fn(i32, u32) -> bool,
) -> Vec<EventMonth> {
    let lang = site.config.language;
    let mut months: Vec<EventMonth> = Vec::new();
    for (r, view) in refs.iter().zip(event_views(site, refs)) {
        let (y, m) = (r.event.date.year(), r.event.date.month());
        let id = format!("{y:04}-{m:02}");
        if months.last().is_none_or(|g| g.id != id) {
            months.push(EventMonth {
                id,
                label: capitalised(&format_month(y, m, lang)),
                url: has_page(y, m).then(|| month_url(y, m)),
                events: Vec::new(),
            });
        }
        if let Some(g) = months.last_mut() {
            g.events.push(view);
        }
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolls_read_as_the_source_gives_them() {
        assert_eq!(toll(Some(44), None, Lang::En), "\u{2265} 44 deaths");
        assert_eq!(toll(Some(203), Some(300), Lang::Fr), "203\u{2013}300 morts");
        assert_eq!(toll(Some(5), Some(5), Lang::En), "5 deaths");
        assert_eq!(toll(None, Some(9), Lang::En), "\u{2264} 9 deaths");
        assert_eq!(toll(None, None, Lang::En), "");
    }
}
