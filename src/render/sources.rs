//! What articles are based on: each article's sources and claim status,
//! and the sources index (`/sources/`), every outlet with its latest
//! articles.

use serde::Serialize;

use super::{Card, Head, Renderer, TermRef};
use crate::i18n::{article_count, format_date};
use crate::plan::{Planned, SOURCES_URL};
use crate::sources::{is_web_address, outlets, SourceEntry};

/// One `[[sources]]` entry as the article page shows it.
#[derive(Serialize)]
pub struct SourceView {
    pub name: String,
    /// Only http(s) addresses reach a template.
    pub url: Option<String>,
    pub kind: Option<&'static str>,
    pub kind_label: Option<&'static str>,
    pub published: Option<String>,
    pub published_display: Option<String>,
    pub language: Option<String>,
    pub archived: Option<String>,
    /// Its entry on the sources index.
    pub outlet_path: String,
}

/// Claimed, confirmed or disputed, and by whom.
#[derive(Serialize)]
pub struct StatusView {
    pub id: &'static str,
    pub label: &'static str,
    pub claimed_by: Option<TermRef>,
}

#[derive(Serialize)]
struct OutletView {
    id: String,
    name: String,
    url: Option<String>,
    kind: Option<&'static str>,
    kind_label: Option<&'static str>,
    count: usize,
    count_label: String,
    /// Its Atom feed, relative to the site root.
    feed: String,
    /// The newest [`OUTLET_LATEST`]; the others are in its feed.
    articles: Vec<Card>,
    more: usize,
}

/// Articles listed under each outlet on the sources index: a wire
/// service cited by thousands of articles must not make a page of
/// megabytes.
const OUTLET_LATEST: usize = 10;

#[derive(Serialize)]
pub(super) struct SourcesCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    outlets: Vec<OutletView>,
}

pub fn outlet_path(name: &str) -> String {
    format!("{SOURCES_URL}#{}", outlet_anchor(name))
}

/// The Atom feed of the articles citing the outlet with id `id`.
pub fn outlet_feed_url(id: &str) -> String {
    format!("{SOURCES_URL}{id}/atom.xml")
}

fn outlet_anchor(name: &str) -> String {
    format!("outlet-{}", crate::model::slugify(name))
}

impl Renderer<'_> {
    pub(super) fn source_views(&self, i: usize) -> Vec<SourceView> {
        self.site.articles[i]
            .sources
            .iter()
            .map(|s| self.source_view(s))
            .collect()
    }

    fn source_view(&self, s: &SourceEntry) -> SourceView {
        let web = |u: &Option<String>| u.clone().filter(|u| is_web_address(u));
        SourceView {
            name: s.name.clone(),
            url: web(&s.url),
            kind: s.kind.map(|k| k.id()),
            kind_label: s.kind.map(|k| k.label(self.lang)),
            published: s.published.map(|d| d.to_string()),
            published_display: s.published.map(|d| format_date(d, self.lang)),
            language: s.language.clone(),
            archived: web(&s.archived),
            outlet_path: outlet_path(&s.name),
        }
    }

    pub(super) fn status_view(&self, i: usize) -> Option<StatusView> {
        let a = &self.site.articles[i];
        let status = a.status?;
        Some(StatusView {
            id: status.id(),
            label: status.label(self.lang),
            claimed_by: a.claimed_by.as_deref().map(|id| self.actor_ref(id, 0)),
        })
    }

    pub(super) fn sources_page<'b>(&'b self, root: &'b str, page: &'b Planned) -> SourcesCtx<'b> {
        let outlets = outlets(&self.site.articles)
            .into_iter()
            .map(|o| OutletView {
                id: outlet_anchor(&o.name),
                kind: o.kind.map(|k| k.id()),
                kind_label: o.kind.map(|k| k.label(self.lang)),
                count: o.articles.len(),
                count_label: article_count(o.articles.len(), self.lang),
                feed: outlet_feed_url(&o.id),
                articles: self.cards(&o.articles[..o.articles.len().min(OUTLET_LATEST)]),
                more: o.articles.len().saturating_sub(OUTLET_LATEST),
                name: o.name,
                url: o.url,
            })
            .collect();
        SourcesCtx {
            head: self.head(
                root,
                page,
                self.t.sources.to_string(),
                self.t.sources_intro.to_string(),
                "sources",
            ),
            outlets,
        }
    }
}
