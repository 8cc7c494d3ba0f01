//! Lists of articles and pages of their own: the home page, every
//! article by page, the archive and timeline, plain pages, search, sources,
//! relations and the 404 page.

use serde::Serialize;

use super::family::Family;
use super::{country_name, Card, Head, MonthCount, Renderer, TermRef};
use crate::config::Lang;
use crate::error::Diagnostic;
use crate::i18n::article_count;
use crate::index::Index;
use crate::map::{render_map_with, MapCountry};
use crate::markdown::truncate;
use crate::model::{Country, Site};
use crate::plan::{self, page_count, paged_url, ListPage, PageKind, Planned};
use crate::rebuild::Affected;

pub struct Lists;

impl Family for Lists {
    type Page = ListPage;

    fn plan(site: &Site, index: &Index, out: &mut Vec<Planned>) {
        let list = |url: String, page| Planned::new(url, PageKind::List(page));
        for (url, page) in [
            ("", ListPage::Home),
            ("timeline/", ListPage::Timeline),
            ("archive/", ListPage::Archive),
            ("search/", ListPage::Search),
            (plan::SOURCES_URL, ListPage::Sources),
            (plan::RELATIONS_URL, ListPage::Relations),
            ("404.html", ListPage::NotFound),
        ] {
            out.push(list(url.to_string(), page));
        }
        for n in 1..=page_count(site.articles.len(), site.config.paginate_by) {
            out.push(list(
                paged_url("articles/", n),
                ListPage::Articles { page: n },
            ));
        }
        for (i, p) in site.pages.iter().enumerate() {
            out.push(list(format!("{}/", p.slug), ListPage::Page(i)));
        }
        let mut years: Vec<i32> = index.by_month.keys().map(|&(y, _)| y).collect();
        years.dedup();
        out.extend(
            years
                .into_iter()
                .map(|y| list(plan::year_url(y), ListPage::Year(y))),
        );
        for &(year, month) in index.by_month.keys() {
            out.push(list(
                plan::month_url(year, month),
                ListPage::Month { year, month },
            ));
        }
    }

    fn render(r: &Renderer, planned: &Planned, page: &ListPage) -> Result<Vec<u8>, Diagnostic> {
        let root = &r.root();
        let p = planned;
        let template = Self::template(page).unwrap_or_default();
        match page {
            ListPage::Home => r.finish(p, template, &r.home(root, p)),
            ListPage::Page(i) => r.finish(p, template, &r.plain_page(root, p, *i)),
            ListPage::Articles { page: n } => r.finish(p, template, &r.article_list(root, p, *n)?),
            ListPage::Archive => r.finish(p, template, &r.archive(root, p)),
            ListPage::Year(year) => r.finish(p, template, &r.year(root, p, *year)),
            ListPage::Timeline => r.finish(p, template, &r.timeline(root, p)),
            ListPage::Month { year, month } => {
                r.finish(p, template, &r.month_ctx(root, p, *year, *month))
            }
            ListPage::Search => r.finish(p, template, &r.search_page(root, p)),
            ListPage::Sources => r.finish(p, template, &r.sources_page(root, p)),
            ListPage::Relations => r.finish(p, template, &r.relations_page(root, p)),
            ListPage::NotFound => r.finish(p, template, &r.not_found(root, p)),
        }
    }

    fn template(page: &ListPage) -> Option<&'static str> {
        Some(match page {
            ListPage::Home => "index.html",
            ListPage::Page(_) => "page.html",
            ListPage::Articles { .. } => "articles.html",
            ListPage::Archive => "archive.html",
            ListPage::Year(_) => "year.html",
            ListPage::Timeline => "timeline.html",
            ListPage::Month { .. } => "month.html",
            ListPage::Search => "search.html",
            ListPage::Sources => "sources.html",
            ListPage::Relations => "relations.html",
            ListPage::NotFound => "404.html",
        })
    }

    fn affected(site: &Site, _: &Index, page: &ListPage, by: &Affected) -> bool {
        let changed = by.moved || !by.articles.is_empty();
        match page {
            ListPage::Home => {
                let first = by.cards.first().copied();
                by.moved || first.is_some_and(|i| i < site.config.home_articles)
            }
            // Its links written as content paths.
            ListPage::Page(_) => by.links,
            ListPage::Articles { page } => {
                let per_page = site.config.paginate_by.max(1);
                by.moved || by.cards.iter().any(|i| i / per_page + 1 == *page)
            }
            ListPage::Year(year) => by.lists_months(|(y, _)| y == year),
            ListPage::Month { year, month } => {
                by.lists_months(|m| *m == (*year, *month))
                    || (by.links && super::picture::assessments_link(site, Some((*year, *month))))
            }
            // Counts and navigation only.
            ListPage::Archive | ListPage::Timeline | ListPage::Search | ListPage::NotFound => {
                by.moved
            }
            // Titles and dates of the articles citing each outlet.
            ListPage::Sources => by.moved || !by.cards.is_empty(),
            ListPage::Relations => changed,
        }
    }

    fn gathers_site(page: &ListPage) -> bool {
        matches!(page, ListPage::Archive | ListPage::Year(_))
    }

    fn label(page: &ListPage) -> &'static str {
        match page {
            ListPage::Articles { .. } => "article lists",
            ListPage::Archive | ListPage::Year(_) | ListPage::Timeline | ListPage::Month { .. } => {
                "timeline pages"
            }
            ListPage::Home
            | ListPage::Page(_)
            | ListPage::Search
            | ListPage::Sources
            | ListPage::Relations
            | ListPage::NotFound => "other pages",
        }
    }
}

impl Renderer<'_> {
    fn home<'b>(&'b self, root: &'b str, page: &'b Planned) -> HomeCtx<'b> {
        let latest =
            &self.site.articles[..self.site.config.home_articles.min(self.site.articles.len())];
        let latest: Vec<usize> = (0..latest.len()).collect();
        HomeCtx {
            head: self.head(
                root,
                page,
                self.site.config.title.clone(),
                self.site.config.description.clone(),
                "home",
            ),
            latest: self.cards(&latest),
            top_countries: self.top(&self.index.by_country, 8, |id, n| self.country_ref(id, n)),
            top_actors: self.top(&self.index.by_actor, 10, |id, n| self.actor_ref(id, n)),
            total: self.site.articles.len(),
            total_label: article_count(self.site.articles.len(), self.lang),
            map: self.picture_map(root, None, None),
            highlights: crate::picture::home_highlights(self.site)
                .into_iter()
                .map(|a| crate::picture_view::assessment_view_lite(self.site, a))
                .collect(),
            highlights_month: crate::picture::latest_month(self.site)
                .map_or_else(String::new, |(y, m)| {
                    crate::i18n::capitalised(&crate::i18n::format_month(y, m, self.lang))
                }),
            highlights_url: crate::picture::latest_month(self.site)
                .map_or_else(String::new, |(y, m)| plan::month_url(y, m)),
        }
    }

    fn plain_page<'b>(&'b self, root: &'b str, page: &'b Planned, i: usize) -> PageCtx<'b> {
        let p = &self.site.pages[i];
        let body = self.markdown_html(&p.body);
        let description = p
            .description
            .clone()
            .unwrap_or_else(|| truncate(&body.first_paragraph, 160));
        PageCtx {
            head: self.head(root, page, p.title.clone(), description, "page"),
            content: body.html,
            search_meta: None,
        }
    }

    fn timeline<'b>(&'b self, root: &'b str, page: &'b Planned) -> TimelineCtx<'b> {
        let all: Vec<usize> = (0..self.site.articles.len()).collect();
        TimelineCtx {
            head: self.head(
                root,
                page,
                self.t.timeline.to_string(),
                String::new(),
                "timeline",
            ),
            months: self.months(&all),
        }
    }

    fn search_page<'b>(&'b self, root: &'b str, page: &'b Planned) -> PageCtx<'b> {
        PageCtx {
            head: self.head(
                root,
                page,
                self.t.search.to_string(),
                String::new(),
                "search",
            ),
            content: String::new(),
            search_meta: Some(self.search_meta()),
        }
    }

    fn not_found<'b>(&'b self, root: &'b str, page: &'b Planned) -> PageCtx<'b> {
        PageCtx {
            head: self.head(
                root,
                page,
                self.t.not_found_title.to_string(),
                String::new(),
                "404",
            ),
            content: String::new(),
            search_meta: None,
        }
    }

    /// The region map shaded by each country's number of articles.
    pub(super) fn map(&self, root: &str, highlight: Option<&str>) -> String {
        self.map_with(root, highlight, "")
    }

    /// The map with `overlay` (regions and event dots) drawn on it.
    pub(super) fn map_with(&self, root: &str, highlight: Option<&str>, overlay: &str) -> String {
        let entries: Vec<(String, &Country, usize)> = self
            .site
            .profiles
            .countries
            .iter()
            .map(|c| {
                let count = self.index.by_country.get(&c.id).map_or(0, Vec::len);
                (format!("{root}{}", plan::country_url(&c.id)), c, count)
            })
            .collect();
        let countries: Vec<MapCountry> = entries
            .iter()
            .map(|(url, c, count)| MapCountry {
                iso: &c.iso,
                name: country_name(c, self.lang),
                url,
                count: *count,
            })
            .collect();
        let label = match self.lang {
            Lang::Fr => "Carte : articles par pays",
            Lang::En => "Map: articles per country",
        };
        let unit = match self.lang {
            Lang::Fr => "article|article|articles",
            Lang::En => "article|articles",
        };
        render_map_with(&countries, highlight, label, unit, overlay)
    }

    fn top(
        &self,
        lists: &std::collections::HashMap<String, Vec<usize>>,
        n: usize,
        make: impl Fn(&str, usize) -> TermRef,
    ) -> Vec<TermRef> {
        let mut counts: Vec<(&String, usize)> = lists.iter().map(|(id, l)| (id, l.len())).collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        counts
            .into_iter()
            .take(n)
            .map(|(id, count)| make(id, count))
            .collect()
    }
}

#[derive(Serialize)]
struct HomeCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    latest: Vec<Card>,
    top_countries: Vec<TermRef>,
    top_actors: Vec<TermRef>,
    total: usize,
    total_label: String,
    /// Inline SVG, already escaped.
    map: String,
    /// The newest assessed month's deteriorations, then its alerts.
    highlights: Vec<crate::picture_view::AssessmentView>,
    highlights_month: String,
    highlights_url: String,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    content: String,
    /// What the search page needs before loading any shard, as JSON.
    search_meta: Option<String>,
}

#[derive(Serialize)]
struct TimelineCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    months: Vec<MonthCount>,
}
