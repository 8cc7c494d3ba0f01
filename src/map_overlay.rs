//! What the map draws below the country level: region outlines (where
//! Natural Earth has them, see `geo`) and event dots sized by deaths, each
//! a link to its place page. Returned as an SVG fragment that `map` puts
//! over the countries and under the labels.
//!
//! Dots are one per place (its events added up): the area grows with the
//! deaths, so a massacre does not hide the places around it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::config::Lang;
use crate::events::Event;
use crate::geo;
use crate::places::Place;
use crate::theme::escape;

/// A place with the events to draw at it.
#[derive(Debug, Clone)]
pub struct Dot<'a> {
    pub place: &'a Place,
    /// Its display name and page URL (already prefixed).
    pub name: String,
    pub url: String,
    pub events: usize,
    pub fatalities: u64,
}

/// Events grouped by place, busiest first (largest dots drawn first, so
/// smaller ones stay on top and clickable).
pub fn dots<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    place: impl Fn(&str) -> Option<(&'a Place, String, String)>,
) -> Vec<Dot<'a>> {
    let mut by_place: BTreeMap<&str, (usize, u64)> = BTreeMap::new();
    for e in events {
        let entry = by_place.entry(e.place.as_str()).or_default();
        entry.0 += 1;
        entry.1 += u64::from(e.fatalities());
    }
    let mut dots: Vec<Dot> = by_place
        .into_iter()
        .filter_map(|(id, (events, fatalities))| {
            let (place, name, url) = place(id)?;
            Some(Dot {
                place,
                name,
                url,
                events,
                fatalities,
            })
        })
        .collect();
    dots.sort_by(|a, b| {
        (b.fatalities, b.events)
            .cmp(&(a.fatalities, a.events))
            .then_with(|| a.place.id.cmp(&b.place.id))
    });
    dots
}

/// Radius in map units: 2.5 for an event without deaths, growing with the
/// square root of the deaths (area follows the count), at most 14.
pub fn radius(fatalities: u64) -> f64 {
    (2.5 + (fatalities as f64).sqrt() * 0.8).min(14.0)
}

fn counts(events: usize, fatalities: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{events} event{}, {fatalities} death{}",
            if events == 1 { "" } else { "s" },
            if fatalities == 1 { "" } else { "s" }
        ),
        Lang::Fr => format!(
            "{events} événement{}, {fatalities} mort{}",
            if events > 1 { "s" } else { "" },
            if fatalities > 1 { "s" } else { "" }
        ),
    }
}

/// A region drawn on the map, linked to its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionLink {
    pub place: String,
    pub name: String,
    pub url: String,
    /// The page's own region: outlined more strongly.
    pub current: bool,
}

/// The overlay: region outlines first, then dots.
pub fn render(regions: &[RegionLink], dots: &[Dot], lang: Lang) -> String {
    let mut out = String::new();
    let shapes = geo::regions();
    if !regions.is_empty() {
        out.push_str("<g class=\"map-regions\">\n");
        for r in regions {
            let Some(shape) = shapes.iter().find(|s| s.place == r.place) else {
                continue;
            };
            let (current, class) = if r.current {
                (" aria-current=\"page\"", "region hl")
            } else {
                ("", "region")
            };
            let _ = writeln!(
                out,
                "<a href=\"{}\"{current}><title>{}</title><path class=\"{class}\" d=\"{}\"/></a>",
                escape(&r.url),
                escape(&r.name),
                geo::region_path(shape)
            );
        }
        out.push_str("</g>\n");
    }
    if !dots.is_empty() {
        out.push_str("<g class=\"map-dots\">\n");
        let projection = geo::projection();
        for d in dots {
            let (x, y) = projection.project(d.place.lon, d.place.lat);
            let _ = writeln!(
                out,
                "<a href=\"{}\"><title>{}: {}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\"/></a>",
                escape(&d.url),
                escape(&d.name),
                counts(d.events, d.fatalities, lang),
                radius(d.fatalities)
            );
        }
        out.push_str("</g>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::EventType;
    use crate::places::parse_place;
    use chrono::NaiveDate;
    use std::path::Path;

    fn place(id: &str, lat: f64, lon: f64) -> Place {
        let text = format!(
            "+++\nname = \"{id}\"\ncountry = \"niger\"\nkind = \"town\"\nlat = {lat}\nlon = {lon}\n+++\n"
        );
        parse_place(Path::new("p.md"), id.into(), &text).unwrap()
    }

    fn event(place: &str, deaths: Option<u32>) -> Event {
        Event {
            date: NaiveDate::from_ymd_opt(2025, 3, 21).unwrap(),
            kind: EventType::ViolenceAgainstCivilians,
            subtype: None,
            place: place.into(),
            actors: Vec::new(),
            fatalities_min: deaths,
            fatalities_max: None,
            fatalities_source: None,
            injured: None,
            displaced: None,
            claimed_by: None,
        }
    }

    #[test]
    fn dots_add_up_per_place_and_link_to_it() {
        let places = [
            place("niamey", 13.5187, 2.1147),
            place("ayorou", 14.73, 0.92),
        ];
        let events = [
            event("ayorou", Some(44)),
            event("niamey", None),
            event("ayorou", Some(5)),
            event("nowhere", Some(9)),
        ];
        let found = dots(&events, |id| {
            let p = places.iter().find(|p| p.id == id)?;
            Some((p, format!("<{id}>"), format!("/places/{id}/")))
        });
        let got: Vec<_> = found
            .iter()
            .map(|d| (d.place.id.as_str(), d.events, d.fatalities))
            .collect();
        assert_eq!(got, [("ayorou", 2, 49), ("niamey", 1, 0)]);
        let svg = render(&[], &found, Lang::En);
        assert!(svg.contains("<a href=\"/places/ayorou/\"><title>&lt;ayorou&gt;: 2 events, 49 deaths</title><circle "));
        assert!(svg.contains("<title>&lt;niamey&gt;: 1 event, 0 deaths</title>"));
        // Niamey's dot sits where the projection puts it.
        let (x, y) = geo::projection().project(2.1147, 13.5187);
        assert!(svg.contains(&format!("cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2.5\"")));
        assert!(!svg.contains("map-regions"));
    }

    #[test]
    fn radius_grows_with_the_root_and_stops() {
        assert_eq!(radius(0), 2.5);
        assert!(radius(100) > radius(25) && radius(25) > radius(1));
        assert_eq!(radius(1_000_000), 14.0);
    }

    #[test]
    fn regions_link_and_mark_the_current_one() {
        let link = |id: &str, current| RegionLink {
            place: id.into(),
            name: id.into(),
            url: format!("/places/{id}/"),
            current,
        };
        let svg = render(
            &[
                link("tillaberi", true),
                link("gao", false),
                link("nowhere", false),
            ],
            &[],
            Lang::Fr,
        );
        assert!(svg.contains("<a href=\"/places/tillaberi/\" aria-current=\"page\"><title>tillaberi</title><path class=\"region hl\" d=\"M"));
        assert!(
            svg.contains("<a href=\"/places/gao/\"><title>gao</title><path class=\"region\" d=\"M")
        );
        assert_eq!(svg.matches("<a ").count(), 2);
    }
}
