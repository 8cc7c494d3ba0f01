//! Feeds: Atom for the site and for every term, and the site feed in
//! JSON Feed format.

use serde::Serialize;

use super::family::Family;
use super::sources::{outlet_feed_url, outlet_path};
use super::{inert_json, midnight, Renderer};
use crate::error::Diagnostic;
use crate::grouping::TermKind;
use crate::index::Index;
use crate::model::{Article, Site};
use crate::plan::{self, FeedPage, FeedScope, PageKind, Planned};
use crate::rebuild::Affected;
use crate::sources::{cites, outlets};

pub struct Feeds;

impl Family for Feeds {
    type Page = FeedPage;

    fn plan(site: &Site, index: &Index, out: &mut Vec<Planned>) {
        let feed = |url: String, scope| Planned::new(url, PageKind::Feed(FeedPage::Atom(scope)));
        out.push(feed("atom.xml".into(), FeedScope::Site));
        out.push(Planned::new("feed.json", PageKind::Feed(FeedPage::Json)));
        for kind in TermKind::ALL {
            for id in kind.ids(site, index) {
                let scope = FeedScope::Term(kind, id.to_string());
                out.push(feed(format!("{}atom.xml", kind.url(id)), scope));
            }
        }
        for outlet in outlets(&site.articles) {
            out.push(feed(
                outlet_feed_url(&outlet.id),
                FeedScope::Outlet(outlet.id),
            ));
        }
    }

    fn render(r: &Renderer, planned: &Planned, page: &FeedPage) -> Result<Vec<u8>, Diagnostic> {
        match page {
            FeedPage::Atom(scope) => r.finish(planned, "atom.xml", &r.feed_ctx(planned, scope)),
            FeedPage::Json => Ok(r.json_feed()),
        }
    }

    fn template(page: &FeedPage) -> Option<&'static str> {
        match page {
            FeedPage::Atom(_) => Some("atom.xml"),
            FeedPage::Json => None,
        }
    }

    fn affected(site: &Site, index: &Index, page: &FeedPage, by: &Affected) -> bool {
        match page {
            FeedPage::Atom(FeedScope::Term(kind, id)) => {
                // An empty feed is dated by the site's newest article.
                let empty = index.articles(*kind, id).is_empty();
                by.terms.contains(&(*kind, id.clone())) || (empty && (by.moved || by.updated))
            }
            // The newest articles of the site (a change of citations moves
            // an article: see `rebuild::same_place`).
            FeedPage::Atom(FeedScope::Site) | FeedPage::Json => {
                by.moved || by.updated || by.articles.iter().any(|&i| i < site.config.feed_limit)
            }
            FeedPage::Atom(FeedScope::Outlet(id)) => {
                let cited = |i: usize| site.articles.get(i).is_some_and(|a| cites(a, id));
                by.moved || by.updated || by.articles.iter().any(|&i| cited(i))
            }
        }
    }

    fn label(_: &FeedPage) -> &'static str {
        "feeds"
    }
}

impl Renderer<'_> {
    /// The site feed in JSON Feed 1.1, beside the Atom one.
    fn json_feed(&self) -> Vec<u8> {
        let absolute = self.site.config.absolute_root();
        let items: Vec<serde_json::Value> = (0..self.site.articles.len())
            .take(self.site.config.feed_limit)
            .map(|i| {
                let a = &self.site.articles[i];
                let url = format!("{absolute}{}", plan::article_url(&a.slug));
                let mut tags: Vec<&str> = a
                    .countries
                    .iter()
                    .chain(&a.actors)
                    .map(String::as_str)
                    .collect();
                tags.extend(a.tags.iter().map(String::as_str));
                serde_json::json!({
                    "id": url,
                    "url": url,
                    "title": a.title,
                    "content_html": self.body(i).html,
                    "summary": self.summary(i),
                    "date_published": a.datetime.to_rfc3339(),
                    "date_modified": a.updated.map_or(a.datetime, midnight).to_rfc3339(),
                    "language": a.lang.code(),
                    "tags": tags,
                })
            })
            .collect();
        inert_json(&serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": self.site.config.title,
            "description": self.site.config.description,
            "home_page_url": absolute,
            "feed_url": format!("{absolute}feed.json"),
            "language": self.lang.code(),
            "authors": [{ "name": self.site_ctx.author }],
            "items": items,
        }))
    }

    fn feed_ctx(&self, page: &Planned, scope: &FeedScope) -> FeedCtx {
        let absolute = self.site.config.absolute_root();
        let all: Vec<usize>;
        let cited: Vec<usize>;
        let (title, list, html_path) = match scope {
            FeedScope::Site => {
                all = (0..self.site.articles.len()).collect();
                (
                    self.site.config.title.clone(),
                    all.as_slice(),
                    String::new(),
                )
            }
            FeedScope::Term(kind, id) => {
                let name = self.term_ref(*kind, id, 0).name;
                // Tags read as hashtags in a feed reader's list.
                let hash = if *kind == TermKind::Tag { "#" } else { "" };
                (
                    format!("{} · {hash}{name}", self.site.config.title),
                    self.index.articles(*kind, id),
                    kind.url(id),
                )
            }
            FeedScope::Outlet(id) => {
                let outlet = outlets(&self.site.articles)
                    .into_iter()
                    .find(|o| &o.id == id);
                let name = outlet
                    .as_ref()
                    .map_or_else(|| id.clone(), |o| o.name.clone());
                cited = outlet.map(|o| o.articles).unwrap_or_default();
                (
                    format!("{} · {name}", self.site.config.title),
                    cited.as_slice(),
                    outlet_path(&name),
                )
            }
        };
        let entries: Vec<FeedEntry> = list
            .iter()
            .take(self.site.config.feed_limit)
            .map(|&i| {
                let a: &Article = &self.site.articles[i];
                let url = format!("{absolute}{}", plan::article_url(&a.slug));
                FeedEntry {
                    title: a.title.clone(),
                    id: url.clone(),
                    url,
                    lang: a.lang.code(),
                    published: a.datetime.to_rfc3339(),
                    updated: a.updated.map_or(a.datetime, midnight).to_rfc3339(),
                    summary: self.summary(i),
                    content: self.body(i).html.clone(),
                    categories: a.countries.iter().chain(&a.actors).cloned().collect(),
                    source: a.source.as_ref().map(|s| s.name.clone()),
                }
            })
            .collect();
        let updated = list
            .iter()
            .map(|&i| {
                let a = &self.site.articles[i];
                a.updated.map_or(a.datetime, midnight).max(a.datetime)
            })
            .max()
            // An empty feed is as new as the build's newest article.
            .or_else(|| {
                self.site
                    .articles
                    .iter()
                    .map(|a| a.updated.map_or(a.datetime, midnight).max(a.datetime))
                    .max()
            })
            .map(|d| d.to_rfc3339());
        FeedCtx {
            title,
            id: format!("{absolute}{}", page.url),
            self_url: format!("{absolute}{}", page.url),
            html_url: format!("{absolute}{html_path}"),
            updated,
            entries,
        }
    }
}

#[derive(Serialize)]
pub(super) struct FeedEntry {
    pub(super) title: String,
    pub(super) id: String,
    pub(super) url: String,
    pub(super) lang: &'static str,
    pub(super) published: String,
    pub(super) updated: String,
    pub(super) summary: String,
    pub(super) content: String,
    pub(super) categories: Vec<String>,
    pub(super) source: Option<String>,
}

#[derive(Serialize)]
pub(super) struct FeedCtx {
    pub(super) title: String,
    pub(super) id: String,
    pub(super) self_url: String,
    pub(super) html_url: String,
    /// None when the site has no article at all.
    pub(super) updated: Option<String>,
    pub(super) entries: Vec<FeedEntry>,
}
