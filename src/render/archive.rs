//! Articles by time: every article, the archive by year, one year by
//! month, and the monthly briefing grouped by country.

use std::collections::BTreeMap;

use chrono::Datelike;
use serde::Serialize;

use super::{Card, CardStyle, Head, Link, Listed, MonthCount, Pagination, Renderer, TermRef};
use crate::error::Diagnostic;
use crate::i18n::{article_count, capitalised, format_month};
use crate::plan::{self, page_count, Planned};

#[derive(Serialize)]
pub(super) struct MonthGroup {
    country: Option<TermRef>,
    /// The country's assessment of the month, which opens its section.
    assessment: Option<crate::picture_view::AssessmentView>,
    /// The section's anchor, which country pages link to.
    anchor: String,
    articles: Vec<MonthItem>,
}

/// An article in a section of the monthly briefing.
#[derive(Serialize)]
pub(super) struct MonthItem {
    #[serde(flatten)]
    card: Card,
    /// Shown in full in an earlier section: this one gives a short line
    /// pointing there.
    shown_under: Option<Link>,
}

#[derive(Serialize)]
pub(super) struct MonthCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    label: String,
    count: usize,
    count_label: String,
    year: Link,
    groups: Vec<MonthGroup>,
    previous: Option<Link>,
    next: Option<Link>,
}

#[derive(Serialize)]
pub(super) struct ArticleListCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    count_label: String,
    articles: Vec<Listed<'a>>,
    pagination: Pagination,
}

/// One year of the archive, with its months.
#[derive(Serialize)]
pub(super) struct YearEntry {
    year: i32,
    path: String,
    count_label: String,
    months: Vec<MonthCount>,
}

#[derive(Serialize)]
pub(super) struct ArchiveCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    years: Vec<YearEntry>,
}

/// One month of a year page: its articles, compact.
#[derive(Serialize)]
pub(super) struct YearMonth {
    label: String,
    path: String,
    count_label: String,
    articles: Vec<Card>,
}

#[derive(Serialize)]
pub(super) struct YearCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    year: i32,
    count_label: String,
    months: Vec<MonthCount>,
    by_month: Vec<YearMonth>,
    previous: Option<Link>,
    next: Option<Link>,
}

impl Renderer<'_> {
    /// Articles per month of `list`, newest month first.
    pub(super) fn months(&self, list: &[usize]) -> Vec<MonthCount> {
        let mut counts: BTreeMap<(i32, u32), usize> = BTreeMap::new();
        for &i in list {
            let d = self.site.articles[i].date;
            *counts.entry((d.year(), d.month())).or_default() += 1;
        }
        let max = counts.values().copied().max().unwrap_or(1);
        counts
            .into_iter()
            .rev()
            .map(|((year, month), count)| MonthCount {
                year,
                month,
                label: format_month(year, month, self.lang),
                path: plan::month_url(year, month),
                count,
                percent: (count * 100).div_ceil(max),
            })
            .collect()
    }

    pub(super) fn month_ctx<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
        year: i32,
        month: u32,
    ) -> MonthCtx<'b> {
        let list = &self.index.by_month[&(year, month)];
        // An article is listed under every country it is about; the
        // busiest country first.
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &i in list {
            let countries = &self.site.articles[i].countries;
            if countries.is_empty() {
                groups.entry("").or_default().push(i);
            }
            for c in countries {
                let group = groups.entry(c.as_str()).or_default();
                if group.last() != Some(&i) {
                    group.push(i);
                }
            }
        }
        // Assessed countries open the briefing, in their order (by name),
        // with or without articles; then the busiest country first.
        let assessed = crate::picture::month_assessments(self.site, year, month);
        for a in &assessed {
            groups.entry(a.country.as_str()).or_default();
        }
        let rank = |id: &str| assessed.iter().position(|a| a.country == id);
        let mut groups: Vec<(&str, Vec<usize>)> = groups.into_iter().collect();
        groups.sort_by(|a, b| {
            let key = |g: &(&str, Vec<usize>)| (rank(g.0).unwrap_or(usize::MAX), g.0.is_empty());
            key(a)
                .cmp(&key(b))
                .then_with(|| b.1.len().cmp(&a.1.len()))
                .then_with(|| a.0.cmp(b.0))
        });
        let keys: Vec<&(i32, u32)> = self.index.by_month.keys().collect();
        let at = keys.iter().position(|k| **k == (year, month)).unwrap_or(0);
        let link = |k: Option<&&(i32, u32)>| {
            k.map(|&&(y, m)| Link {
                title: format_month(y, m, self.lang),
                path: plan::month_url(y, m),
            })
        };
        // A heading: "Juillet 2024", though "juillet" mid-sentence.
        let label = capitalised(&format_month(year, month, self.lang));
        MonthCtx {
            head: self.head(root, page, label.clone(), String::new(), "timeline"),
            label,
            count: list.len(),
            count_label: article_count(list.len(), self.lang),
            year: Link {
                title: year.to_string(),
                path: plan::year_url(year),
            },
            groups: self.month_groups(groups, (year, month)),
            previous: link(at.checked_sub(1).and_then(|p| keys.get(p))),
            next: link(keys.get(at + 1)),
        }
    }

    /// The sections of a monthly briefing: each article in full the
    /// first time, then as a line pointing to that section.
    fn month_groups(&self, groups: Vec<(&str, Vec<usize>)>, month: (i32, u32)) -> Vec<MonthGroup> {
        let mut shown: BTreeMap<usize, Link> = BTreeMap::new();
        let mut out = Vec::with_capacity(groups.len());
        for (id, items) in groups {
            let country = (!id.is_empty()).then(|| self.country_ref(id, items.len()));
            let anchor = if id.is_empty() {
                "other".to_string()
            } else {
                plan::month_section(id)
            };
            let here = Link {
                title: country
                    .as_ref()
                    .map_or(self.t.other_countries.to_string(), |c| c.name.clone()),
                path: format!("#{anchor}"),
            };
            let articles = items
                .iter()
                .map(|&i| MonthItem {
                    card: self.card(i),
                    shown_under: match shown.get(&i) {
                        Some(link) => Some(link.clone()),
                        None => {
                            shown.insert(i, here.clone());
                            None
                        }
                    },
                })
                .collect();
            let assessment = self
                .site
                .assessments
                .iter()
                .find(|a| a.country == id && (a.year, a.month) == month)
                .map(|a| {
                    crate::picture_view::assessment_view(self.site, a, &|l| self.links.resolve(l))
                });
            out.push(MonthGroup {
                assessment,
                country,
                anchor,
                articles,
            });
        }
        out
    }

    /// Page `n` of every article, newest first.
    pub(super) fn article_list<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
        n: usize,
    ) -> Result<ArticleListCtx<'b>, Diagnostic> {
        let per_page = self.site.config.paginate_by;
        let count = self.site.articles.len();
        let total = page_count(count, per_page);
        let start = ((n - 1) * per_page).min(count);
        let list: Vec<usize> = (start..(start + per_page).min(count)).collect();
        let mut title = self.t.all_articles.to_string();
        if n > 1 {
            title = format!("{title} ({} {n})", self.t.page);
        }
        let first = "articles/";
        Ok(ArticleListCtx {
            head: self.head(root, page, title, String::new(), "articles"),
            count_label: article_count(count, self.lang),
            articles: self.listed(&list, CardStyle::Full)?,
            pagination: Pagination::new(first, n, total),
        })
    }

    /// The years of the archive, newest first, each with its months.
    pub(super) fn archive<'b>(&'b self, root: &'b str, page: &'b Planned) -> ArchiveCtx<'b> {
        let all: Vec<usize> = (0..self.site.articles.len()).collect();
        let months = self.months(&all);
        let mut years: Vec<YearEntry> = Vec::new();
        for m in months {
            if years.last().map(|y| y.year) != Some(m.year) {
                years.push(YearEntry {
                    year: m.year,
                    path: plan::year_url(m.year),
                    count_label: String::new(),
                    months: Vec::new(),
                });
            }
            if let Some(y) = years.last_mut() {
                y.months.push(m);
            }
        }
        for y in &mut years {
            let count = y.months.iter().map(|m| m.count).sum();
            y.count_label = article_count(count, self.lang);
        }
        ArchiveCtx {
            head: self.head(
                root,
                page,
                self.t.archive.to_string(),
                String::new(),
                "timeline",
            ),
            years,
        }
    }

    /// One year: its months, each with its articles.
    pub(super) fn year<'b>(&'b self, root: &'b str, page: &'b Planned, year: i32) -> YearCtx<'b> {
        let in_year: Vec<usize> = self
            .index
            .by_month
            .range((year, 1)..=(year, 12))
            .flat_map(|(_, list)| list.iter().copied())
            .collect();
        let by_month = self
            .index
            .by_month
            .range((year, 1)..=(year, 12))
            .rev()
            .map(|(&(y, m), list)| YearMonth {
                label: format_month(y, m, self.lang),
                path: plan::month_url(y, m),
                count_label: article_count(list.len(), self.lang),
                articles: self.cards(list),
            })
            .collect();
        let years: Vec<i32> = {
            let mut y: Vec<i32> = self.index.by_month.keys().map(|k| k.0).collect();
            y.dedup();
            y
        };
        let at = years.iter().position(|&y| y == year).unwrap_or(0);
        let link = |y: Option<&i32>| {
            y.map(|&y| Link {
                title: y.to_string(),
                path: plan::year_url(y),
            })
        };
        YearCtx {
            head: self.head(root, page, year.to_string(), String::new(), "timeline"),
            year,
            count_label: article_count(in_year.len(), self.lang),
            months: self.months(&in_year),
            by_month,
            previous: link(at.checked_sub(1).and_then(|p| years.get(p))),
            next: link(years.get(at + 1)),
        }
    }
}
