//! Places as a grouping (their pages and index), and what the picture adds
//! to country, actor and place pages: trend history, events per month with
//! their table and list, and maps with region outlines and event dots.

use serde::Serialize;

use super::term_index::{Group, GroupsCtx};
use super::terms::{TermCtx, TermLists, TermPageCtx};
use super::{country_name, Renderer, TermRef};
use crate::config::Lang;
use crate::error::Diagnostic;
use crate::event_chart;
use crate::grouping::TermKind;
use crate::map_overlay::{self, RegionLink};
use crate::picture::{self, EventRef};
use crate::picture_view::{
    self, event_views, history_cells, place_name, place_url, EventView, HistoryCell, PlaceView,
};
use crate::places::PlaceKind;
use crate::plan::{self, Planned};

/// Events listed on a term page; the chart and its table count them all.
const EVENTS_LISTED: usize = 15;

/// A term page with the picture's panels (first page only).
#[derive(Serialize)]
pub(super) struct WithPicture<P: Serialize> {
    #[serde(flatten)]
    page: P,
    trend_history: Vec<HistoryCell>,
    events: Vec<EventView>,
    events_chart: String,
    place: Option<PlaceView>,
}

impl Renderer<'_> {
    pub(super) fn place_ref(&self, id: &str, count: usize) -> TermRef {
        TermRef {
            id: id.to_string(),
            name: self
                .site
                .profiles
                .place(id)
                .map_or(id, |p| place_name(p, self.lang))
                .to_string(),
            path: place_url(id),
            count,
        }
    }

    pub(super) fn place_term(&self, id: &str) -> TermCtx {
        let p = self
            .site
            .profiles
            .place(id)
            .expect("planned from the profiles");
        TermCtx {
            id: id.to_string(),
            name: place_name(p, self.lang).to_string(),
            kind: p.kind.id().to_string(),
            kind_label: picture_view::kind_label(p.kind, self.lang).to_string(),
            iso: None,
            profile: self.profile_html(&p.body),
            count: 0,
            count_label: String::new(),
            feed: format!("{}atom.xml", place_url(id)),
            print: Some(format!("{}{}", place_url(id), plan::PRINT)),
        }
    }

    pub(super) fn place_page<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
        id: &str,
        n: usize,
    ) -> Result<TermPageCtx<'b>, Diagnostic> {
        let (term, list, mentioned) = self.term(TermKind::Place, id);
        let lists = TermLists {
            list,
            mentioned,
            kind: TermKind::Place,
            seen_with: Vec::new(),
            also_with: Vec::new(),
        };
        let mut ctx = self.term_ctx(root, page, term, lists, n)?;
        if n == 1 {
            let country = self.site.profiles.place(id).map(|p| p.country.as_str());
            let iso = country
                .and_then(|c| self.site.profiles.country(c))
                .map(|c| c.iso.as_str());
            ctx.map = self.picture_map(root, iso, Some((TermKind::Place, id)));
        }
        Ok(ctx)
    }

    /// The picture's panels for a term page; empty past its first page.
    pub(super) fn with_picture<P: Serialize>(
        &self,
        page: P,
        kind: TermKind,
        id: &str,
        n: usize,
    ) -> WithPicture<P> {
        let mut with = WithPicture {
            page,
            trend_history: Vec::new(),
            events: Vec::new(),
            events_chart: String::new(),
            place: None,
        };
        // The header names the place on every page.
        if kind == TermKind::Place {
            let place = self.site.profiles.place(id).expect("planned");
            with.place = Some(picture_view::place_view(self.site, place));
        }
        if n != 1 {
            return with;
        }
        let events = self.term_events(kind, id);
        let name = self.term_ref(kind, id, 0).name;
        let caption = match self.lang {
            Lang::En => format!("{}: {name}", self.t.events),
            Lang::Fr => format!("{} : {name}", self.t.events),
        };
        let stats = event_chart::monthly(events.iter().map(|r| r.event));
        with.events_chart =
            event_chart::render(&stats, &self.root(), self.lang, &caption, |y, m| {
                self.has_month_page(y, m)
            });
        with.events = event_views(self.site, &events[..events.len().min(EVENTS_LISTED)]);
        if kind == TermKind::Country {
            with.trend_history = history_cells(self.site, &picture::trend_history(self.site, id));
        }
        with
    }

    /// Whether the month has a briefing page.
    pub(super) fn has_month_page(&self, year: i32, month: u32) -> bool {
        self.index.by_month.contains_key(&(year, month))
    }

    fn term_events(&self, kind: TermKind, id: &str) -> Vec<EventRef<'_>> {
        match kind {
            TermKind::Country => picture::country_events(self.site, id),
            TermKind::Actor => picture::actor_events(self.site, id),
            TermKind::Place => picture::place_events(self.site, id),
            TermKind::Tag => Vec::new(),
        }
    }

    /// The map of a page: countries shaded by articles, with event dots
    /// (every event without a `term`, as on the home page; else the term's
    /// own) and, on country and place pages, the country's regions.
    pub(super) fn picture_map(
        &self,
        root: &str,
        highlight: Option<&str>,
        term: Option<(TermKind, &str)>,
    ) -> String {
        let events = match term {
            None => picture::events_where(self.site, |_| true),
            Some((kind, id)) => self.term_events(kind, id),
        };
        let profiles = &self.site.profiles;
        let dots = map_overlay::dots(events.iter().map(|r| r.event), |place| {
            let p = profiles.place(place)?;
            let name = place_name(p, self.lang).to_string();
            Some((p, name, format!("{root}{}", place_url(place))))
        });
        let country = match term {
            Some((TermKind::Country, id)) => Some(id),
            Some((TermKind::Place, id)) => profiles.place(id).map(|p| p.country.as_str()),
            _ => None,
        };
        let current = match term {
            Some((TermKind::Place, id)) => id,
            _ => "",
        };
        let regions: Vec<RegionLink> = profiles
            .places
            .iter()
            .filter(|p| p.kind == PlaceKind::Region && Some(p.country.as_str()) == country)
            .map(|p| RegionLink {
                place: p.id.clone(),
                name: place_name(p, self.lang).to_string(),
                url: format!("{root}{}", place_url(&p.id)),
                current: p.id == current,
            })
            .collect();
        let overlay = map_overlay::render(&regions, &dots, self.lang);
        self.map_with(root, highlight, &overlay)
    }

    /// `/places/`: places by country, regions first, each with its count.
    pub(super) fn places_page<'b>(&'b self, root: &'b str, page: &'b Planned) -> GroupsCtx<'b> {
        let profiles = &self.site.profiles;
        let mut countries: Vec<&str> = profiles.places.iter().map(|p| p.country.as_str()).collect();
        countries.sort_unstable();
        countries.dedup();
        let mut groups: Vec<Group> = countries
            .into_iter()
            .map(|c| {
                let mut places: Vec<_> =
                    profiles.places.iter().filter(|p| p.country == c).collect();
                places.sort_by_key(|p| (p.kind, place_name(p, self.lang)));
                Group {
                    id: format!("in-{c}"),
                    label: profiles
                        .country(c)
                        .map_or(c, |x| country_name(x, self.lang))
                        .to_string(),
                    terms: places
                        .iter()
                        .map(|p| {
                            let count = self.index.articles(TermKind::Place, &p.id).len();
                            self.place_ref(&p.id, count)
                        })
                        .collect(),
                }
            })
            .collect();
        groups.sort_by(|a, b| a.label.cmp(&b.label));
        GroupsCtx {
            head: self.head(
                root,
                page,
                self.t.places.to_string(),
                String::new(),
                "places",
            ),
            groups,
            map: self.picture_map(root, None, None),
        }
    }
}
