//! The picture's own outputs: the regional overview, the event view, the
//! Atom feed of assessments and the data files (`/data/events.csv`,
//! `/data/events.json`, `/data/articles.json`).

use chrono::NaiveDate;
use serde::Serialize;

use super::family::Family;
use super::feeds::{FeedCtx, FeedEntry};
use super::{inert_json, Head, Renderer};
use crate::data_export;
use crate::error::Diagnostic;
use crate::event_chart;
use crate::i18n::{capitalised, format_month};
use crate::index::Index;
use crate::model::Site;
use crate::picture::{self, events_where};
use crate::picture_view::{
    assessment_view, assessment_view_lite, event_months, overview_view, AssessmentView, EventMonth,
    MonthLink, OverviewRow,
};
use crate::plan::{PageKind, PicturePage, Planned, EVENTS_URL, OVERVIEW_URL};
use crate::rebuild::Affected;
use crate::theme::escape;

/// Months the overview shows.
const OVERVIEW_MONTHS: usize = 12;

pub struct Picture;

impl Family for Picture {
    type Page = PicturePage;

    fn plan(_: &Site, _: &Index, out: &mut Vec<Planned>) {
        for (url, page) in [
            (OVERVIEW_URL, PicturePage::Overview),
            (EVENTS_URL, PicturePage::Events),
            ("assessments/atom.xml", PicturePage::AssessmentsFeed),
            ("data/events.csv", PicturePage::EventsCsv),
            ("data/events.json", PicturePage::EventsJson),
            ("data/articles.json", PicturePage::ArticlesJson),
        ] {
            out.push(Planned::new(url, PageKind::Picture(page)));
        }
    }

    fn render(r: &Renderer, p: &Planned, page: &PicturePage) -> Result<Vec<u8>, Diagnostic> {
        let template = Self::template(page).unwrap_or_default();
        let root = r.root();
        Ok(match page {
            PicturePage::Overview => r.finish(p, template, &r.overview_page(&root, p))?,
            PicturePage::Events => r.finish(p, template, &r.events_page(&root, p))?,
            PicturePage::AssessmentsFeed => r.finish(p, template, &r.assessments_feed(p))?,
            PicturePage::EventsCsv => data_export::events_csv(&data_export::event_rows(r.site)),
            // The rows of the CSV as JSON objects; text that could close a
            // script escaped, as in every JSON file of the site.
            PicturePage::EventsJson => inert_json(&data_export::event_rows(r.site)),
            PicturePage::ArticlesJson => inert_json(&data_export::article_records(r.site)),
        })
    }

    fn template(page: &PicturePage) -> Option<&'static str> {
        match page {
            PicturePage::Overview => Some("overview.html"),
            PicturePage::Events => Some("events.html"),
            PicturePage::AssessmentsFeed => Some("atom.xml"),
            PicturePage::EventsCsv | PicturePage::EventsJson | PicturePage::ArticlesJson => None,
        }
    }

    fn affected(site: &Site, _: &Index, page: &PicturePage, by: &Affected) -> bool {
        match page {
            // Assessments are not articles: a change to one redoes
            // everything. Their links to articles may lead elsewhere.
            PicturePage::Overview | PicturePage::AssessmentsFeed => {
                by.links && assessments_link(site, None)
            }
            // Events name the article that reports them (its slug, title
            // and date, all on its card): only a changed card of an
            // article with events can change them (a change of events
            // themselves moves the article).
            PicturePage::Events | PicturePage::EventsCsv | PicturePage::EventsJson => {
                by.moved
                    || by
                        .cards
                        .iter()
                        .any(|&i| site.articles.get(i).is_some_and(|a| !a.events.is_empty()))
            }
            // Its fields are on the card or in the placement.
            PicturePage::ArticlesJson => by.moved || !by.cards.is_empty(),
        }
    }

    fn gathers_site(_: &PicturePage) -> bool {
        true
    }

    fn label(page: &PicturePage) -> &'static str {
        match page {
            PicturePage::Overview | PicturePage::Events => "other pages",
            PicturePage::AssessmentsFeed => "feeds",
            PicturePage::EventsCsv | PicturePage::EventsJson | PicturePage::ArticlesJson => {
                "data files"
            }
        }
    }
}

#[derive(Serialize)]
struct OverviewCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    months: Vec<MonthLink>,
    rows: Vec<OverviewRow>,
    /// The newest month's entries in full, below the table.
    latest: Vec<AssessmentView>,
    latest_label: String,
}

#[derive(Serialize)]
struct EventsCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    chart: String,
    months: Vec<EventMonth>,
}

/// When a month's assessment counts as published: its last day.
fn month_end(year: i32, month: u32) -> String {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or_else(String::new, |d| d.and_utc().to_rfc3339())
}

/// Whether an assessment (of `month`, or of any) links to a content file:
/// when articles come, go or change their slug, the link may lead elsewhere.
pub(super) fn assessments_link(site: &Site, month: Option<(i32, u32)>) -> bool {
    site.assessments
        .iter()
        .filter(|a| month.is_none_or(|m| (a.year, a.month) == m))
        .any(|a| a.body.contains(".md"))
}

impl Renderer<'_> {
    fn overview_page<'b>(&'b self, root: &'b str, page: &'b Planned) -> OverviewCtx<'b> {
        let view = overview_view(self.site, &picture::overview(self.site, OVERVIEW_MONTHS));
        let latest_month = picture::latest_month(self.site);
        let latest = latest_month.map_or_else(Vec::new, |(y, m)| {
            picture::month_assessments(self.site, y, m)
                .into_iter()
                .map(|a| assessment_view(self.site, a, &|l| self.links.resolve(l)))
                .collect()
        });
        OverviewCtx {
            head: self.head(
                root,
                page,
                self.t.overview.to_string(),
                self.t.overview_intro.to_string(),
                "timeline",
            ),
            months: view.months,
            rows: view.rows,
            latest,
            latest_label: latest_month.map_or_else(String::new, |(y, m)| {
                capitalised(&format_month(y, m, self.lang))
            }),
        }
    }

    fn events_page<'b>(&'b self, root: &'b str, page: &'b Planned) -> EventsCtx<'b> {
        let all = events_where(self.site, |_| true);
        let stats = event_chart::monthly(all.iter().map(|r| r.event));
        EventsCtx {
            head: self.head(
                root,
                page,
                self.t.event_view.to_string(),
                self.t.events_intro.to_string(),
                "timeline",
            ),
            chart: event_chart::render(&stats, root, self.lang, self.t.event_view, |y, m| {
                self.has_month_page(y, m)
            }),
            months: event_months(self.site, &all, |y, m| self.has_month_page(y, m)),
        }
    }

    /// Newest month first, then by country name; as many as the site's
    /// feeds hold.
    fn assessments_feed(&self, page: &Planned) -> FeedCtx {
        let absolute = self.site.config.absolute_root();
        let mut months: Vec<(i32, u32)> = self
            .site
            .assessments
            .iter()
            .map(|a| (a.year, a.month))
            .collect();
        months.dedup();
        let entries: Vec<FeedEntry> = months
            .iter()
            .flat_map(|&(y, m)| picture::month_assessments(self.site, y, m))
            .take(self.site.config.feed_limit)
            .map(|a| {
                let full = assessment_view(self.site, a, &|l| self.links.resolve(l));
                let lite = assessment_view_lite(self.site, a);
                let url = format!("{absolute}{}", full.url);
                let alert = full.alert.as_ref().map_or(String::new(), |al| {
                    format!("<p><strong>{}</strong> {}</p>", al.label, escape(&al.text))
                });
                FeedEntry {
                    title: format!(
                        "{}, {}: {} {}. {}",
                        full.country.name,
                        full.month_label,
                        full.arrow,
                        full.trend_label,
                        full.headline
                    ),
                    id: url.clone(),
                    url,
                    lang: self.lang.code(),
                    published: month_end(a.year, a.month),
                    updated: month_end(a.year, a.month),
                    summary: lite.headline,
                    content: format!("{alert}{}", full.body),
                    categories: vec![a.country.clone(), a.trend.id().to_string()],
                    source: None,
                }
            })
            .collect();
        FeedCtx {
            title: format!("{} · {}", self.site.config.title, self.t.assessments),
            id: format!("{absolute}{}", page.url),
            self_url: format!("{absolute}{}", page.url),
            html_url: format!("{absolute}{OVERVIEW_URL}"),
            updated: months.first().map(|&(y, m)| month_end(y, m)),
            entries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_published_on_its_last_day() {
        assert_eq!(month_end(2024, 2), "2024-02-29T00:00:00+00:00");
        assert_eq!(month_end(2024, 12), "2024-12-31T00:00:00+00:00");
    }
}
