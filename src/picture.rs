//! The security picture as pages need it: which events belong to a
//! country, an actor or a place; a country's trend history; a month's
//! assessments in page order; what the home page puts first; the regional
//! overview of countries by month. Pure functions of the loaded site.

use crate::assessments::{Assessment, Trend};
use crate::events::Event;
use crate::model::Site;

/// An event and the article (its index in `site.articles`) reporting it.
#[derive(Debug, Clone, Copy)]
pub struct EventRef<'a> {
    pub event: &'a Event,
    pub article: usize,
}

/// The events `keep` selects, newest first (then by article order).
pub fn events_where<'a>(site: &'a Site, keep: impl Fn(&Event) -> bool) -> Vec<EventRef<'a>> {
    let mut found: Vec<EventRef> = site
        .articles
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            a.events.iter().map(move |e| EventRef {
                event: e,
                article: i,
            })
        })
        .filter(|r| keep(r.event))
        .collect();
    found.sort_by(|a, b| {
        b.event
            .date
            .cmp(&a.event.date)
            .then(a.article.cmp(&b.article))
    });
    found
}

/// Events at a place of the country.
pub fn country_events<'a>(site: &'a Site, country: &str) -> Vec<EventRef<'a>> {
    events_where(site, |e| {
        site.profiles
            .place(&e.place)
            .is_some_and(|p| p.country == country)
    })
}

/// Events the actor takes part in or claims.
pub fn actor_events<'a>(site: &'a Site, actor: &str) -> Vec<EventRef<'a>> {
    events_where(site, |e| {
        e.claimed_by.as_deref() == Some(actor) || e.actors.iter().any(|a| a.id == actor)
    })
}

/// Events at the place, or at a place whose region it is.
pub fn place_events<'a>(site: &'a Site, place: &str) -> Vec<EventRef<'a>> {
    events_where(site, |e| {
        e.place == place
            || site
                .profiles
                .place(&e.place)
                .is_some_and(|p| p.admin1.as_deref() == Some(place))
    })
}

/// A country's assessments, oldest month first.
pub fn trend_history<'a>(site: &'a Site, country: &str) -> Vec<&'a Assessment> {
    let mut list: Vec<&Assessment> = site
        .assessments
        .iter()
        .filter(|a| a.country == country)
        .collect();
    list.sort_by_key(|a| (a.year, a.month));
    list
}

/// The country's name in the site's language, for ordering.
fn country_name<'a>(site: &'a Site, id: &'a str) -> &'a str {
    site.profiles.country(id).map_or(id, |c| {
        c.names
            .as_ref()
            .map_or(c.name.as_str(), |n| n.get(site.config.language))
    })
}

/// A month's assessments in the order the monthly briefing opens with
/// them: by country name.
pub fn month_assessments(site: &Site, year: i32, month: u32) -> Vec<&Assessment> {
    let mut list: Vec<&Assessment> = site
        .assessments
        .iter()
        .filter(|a| (a.year, a.month) == (year, month))
        .collect();
    list.sort_by(|a, b| country_name(site, &a.country).cmp(country_name(site, &b.country)));
    list
}

/// The newest assessed month, if any.
pub fn latest_month(site: &Site) -> Option<(i32, u32)> {
    site.assessments.iter().map(|a| (a.year, a.month)).max()
}

/// What the home page shows first: the newest month's deteriorations,
/// then its other entries with an alert, each group by country name.
pub fn home_highlights(site: &Site) -> Vec<&Assessment> {
    let Some((year, month)) = latest_month(site) else {
        return Vec::new();
    };
    let list = month_assessments(site, year, month);
    let worse = list.iter().filter(|a| a.trend == Trend::Deteriorated);
    let alerts = list
        .iter()
        .filter(|a| a.trend != Trend::Deteriorated && a.alert.is_some());
    worse.chain(alerts).copied().collect()
}

/// The regional overview: assessed countries (by name) by month (oldest
/// first), each cell the month's entry if there is one.
#[derive(Debug)]
pub struct Overview<'a> {
    pub months: Vec<(i32, u32)>,
    pub rows: Vec<(&'a str, Vec<Option<&'a Assessment>>)>,
}

/// The overview of the newest `last` months, every month in between
/// included.
pub fn overview(site: &Site, last: usize) -> Overview<'_> {
    let Some((year, month)) = latest_month(site) else {
        return Overview {
            months: Vec::new(),
            rows: Vec::new(),
        };
    };
    let first_key = site
        .assessments
        .iter()
        .map(|a| a.year * 12 + a.month as i32 - 1)
        .min()
        .unwrap_or(0);
    let end = year * 12 + month as i32 - 1;
    let start = first_key.max(end + 1 - last as i32);
    let months: Vec<(i32, u32)> = (start..=end)
        .map(|k| (k.div_euclid(12), k.rem_euclid(12) as u32 + 1))
        .collect();
    let mut countries: Vec<&str> = site
        .assessments
        .iter()
        .map(|a| a.country.as_str())
        .collect();
    countries.sort_by_key(|c| country_name(site, c));
    countries.dedup();
    let rows = countries
        .into_iter()
        .map(|c| {
            let cells = months
                .iter()
                .map(|&(y, m)| {
                    site.assessments
                        .iter()
                        .find(|a| a.country == c && (a.year, a.month) == (y, m))
                })
                .collect();
            (c, cells)
        })
        .collect();
    Overview { months, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load_site, LoadOptions};
    use std::fs;
    use std::path::Path;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn site() -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "site.toml",
            "title = \"T\"\nbase_url = \"https://example.org/\"\n",
        );
        for (id, name, iso) in [
            ("niger", "Niger", "NE"),
            ("mali", "Mali", "ML"),
            ("chad", "Chad", "TD"),
        ] {
            write(
                root,
                &format!("content/countries/{id}.md"),
                &format!("+++\nname = \"{name}\"\niso = \"{iso}\"\nregion = \"sahel\"\n+++\n"),
            );
        }
        write(
            root,
            "content/actors/jnim.md",
            "+++\nname = \"JNIM\"\nkind = \"armed-group\"\n+++\n",
        );
        write(root, "content/places/tillaberi.md", "+++\nname = \"Tillabéri\"\ncountry = \"niger\"\nkind = \"region\"\nlat = 14.2\nlon = 2.2\n+++\n");
        write(root, "content/places/ayorou.md", "+++\nname = \"Ayorou\"\ncountry = \"niger\"\nkind = \"town\"\nadmin1 = \"tillaberi\"\nlat = 14.73\nlon = 0.92\n+++\n");
        write(root, "content/places/gao.md", "+++\nname = \"Gao\"\ncountry = \"mali\"\nkind = \"region\"\nlat = 16.3\nlon = 0.0\n+++\n");
        let event = |date: &str, place: &str, actor: &str| {
            format!("[[events]]\ndate = {date}\ntype = \"battles\"\nplace = \"{place}\"\nactors = [{{ id = \"{actor}\" }}]\n")
        };
        write(
            root,
            "content/articles/a.md",
            &format!(
                "+++\ntitle = \"A\"\ndate = 2025-03-10\n{}{}+++\n",
                event("2025-03-01", "ayorou", "jnim"),
                event("2025-03-09", "gao", "jnim")
            ),
        );
        write(root, "content/articles/b.md", &format!("+++\ntitle = \"B\"\ndate = 2025-04-10\nclaimed_by = \"jnim\"\nstatus = \"claimed\"\n{}+++\n", event("2025-04-02", "tillaberi", "jnim").replace("actors = [{ id = \"jnim\" }]\n", "claimed_by = \"jnim\"\n")));
        let assess = |month: &str, country: &str, trend: &str, alert: bool| {
            let alert = if alert {
                "alert = { kind = \"risk\", text = \"Watch\" }\n"
            } else {
                ""
            };
            write(
                root,
                &format!("content/assessments/{month}/{country}.md"),
                &format!(
                    "+++\ntrend = \"{trend}\"\nheadline = \"{country} {month}\"\n{alert}+++\n"
                ),
            );
        };
        assess("2025-01", "niger", "unchanged", false);
        assess("2025-03", "niger", "deteriorated", false);
        assess("2025-03", "mali", "improved", false);
        assess("2025-04", "niger", "unchanged", true);
        assess("2025-04", "mali", "deteriorated", false);
        assess("2025-04", "chad", "improved", false);
        let site = load_site(root, LoadOptions::default()).unwrap();
        (dir, site)
    }

    fn dates(refs: &[EventRef]) -> Vec<String> {
        refs.iter().map(|r| r.event.date.to_string()).collect()
    }

    #[test]
    fn events_by_country_actor_and_place() {
        let (_dir, site) = site();
        assert_eq!(
            dates(&country_events(&site, "niger")),
            ["2025-04-02", "2025-03-01"]
        );
        assert_eq!(dates(&country_events(&site, "mali")), ["2025-03-09"]);
        // Taking part or claiming.
        assert_eq!(dates(&actor_events(&site, "jnim")).len(), 3);
        // A region holds the events of its towns.
        assert_eq!(
            dates(&place_events(&site, "tillaberi")),
            ["2025-04-02", "2025-03-01"]
        );
        assert_eq!(dates(&place_events(&site, "ayorou")), ["2025-03-01"]);
    }

    #[test]
    fn assessments_in_page_order() {
        let (_dir, site) = site();
        let history: Vec<_> = trend_history(&site, "niger")
            .iter()
            .map(|a| (a.month, a.trend))
            .collect();
        assert_eq!(
            history,
            [
                (1, Trend::Unchanged),
                (3, Trend::Deteriorated),
                (4, Trend::Unchanged)
            ]
        );
        let april: Vec<_> = month_assessments(&site, 2025, 4)
            .iter()
            .map(|a| a.country.as_str())
            .collect();
        assert_eq!(april, ["chad", "mali", "niger"]);
        let first: Vec<_> = home_highlights(&site)
            .iter()
            .map(|a| a.country.as_str())
            .collect();
        // Mali deteriorated, then Niger's alert; Chad improved without one.
        assert_eq!(first, ["mali", "niger"]);
    }

    #[test]
    fn overview_has_every_month_and_country() {
        let (_dir, site) = site();
        let o = overview(&site, 12);
        assert_eq!(o.months, [(2025, 1), (2025, 2), (2025, 3), (2025, 4)]);
        let niger = o.rows.iter().find(|r| r.0 == "niger").unwrap();
        let trends: Vec<_> = niger.1.iter().map(|c| c.map(|a| a.trend)).collect();
        assert_eq!(
            trends,
            [
                Some(Trend::Unchanged),
                None,
                Some(Trend::Deteriorated),
                Some(Trend::Unchanged)
            ]
        );
        assert_eq!(
            o.rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            ["chad", "mali", "niger"]
        );
        assert_eq!(overview(&site, 2).months, [(2025, 3), (2025, 4)]);
    }
}
