//! Stage 4: each planned page becomes bytes. Markdown is rendered once per
//! article; templates receive plain serialisable structs.
//!
//! Each family of outputs is one type behind [`Family`], in its own file:
//! articles, terms (with their indexes), lists, feeds, search, sitemap.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Lang;
use crate::error::{Diagnostic, Result};
use crate::grouping::TermKind;
use crate::i18n::{self, format_date, Strings};
use crate::index::Index;
use crate::links::{relativize, SourceLinks};
use crate::markdown::{self, truncate};
use crate::model::{Actor, Country, Region, Site};
use crate::plan::{self, Planned};
use crate::theme::{error_chain, CARD_TEMPLATE};
use crate::xml;

mod archive;
mod articles;
mod body;
mod family;
mod feeds;
mod lists;
mod picture;
mod places;
mod relations;
mod search;
mod seo;
mod sources;
mod term_index;
mod terms;

pub use body::{render_bodies, Body, BodyContext, BodyFacts, LazyBody};
pub use family::{affected, gathers_site, label, plan, template, Family};
use search::{FreshPostings, SearchIndex};
pub use search::{PreviousShards, SearchEntry, ShardReader};
pub use terms::{default_tag_name, profile_body};

/// Everything computed once per build and shared by all pages.
pub struct Renderer<'a> {
    site: &'a Site,
    index: &'a Index,
    tera: &'a Tera,
    lang: Lang,
    t: &'static Strings,
    bodies: Cow<'a, [LazyBody]>,
    /// What rendering a body needs, made when the first is rendered here.
    body_context: OnceLock<BodyContext>,
    /// Each article's card as the theme's `card` macro renders it, full
    /// and compact, made on first use and reused by every list showing it
    /// (an article appears in a dozen lists; `serve` renders only a few).
    card_html: Vec<[OnceLock<Result<String, String>>; 2]>,
    site_ctx: SiteCtx,
    /// What every page's template is given, `site` and `t`: made once and
    /// copied, where serializing them for each page cost more.
    shared: Context,
    links: SourceLinks,
    /// The search shards, built when the first is rendered.
    search: OnceLock<SearchIndex>,
    /// The documents changed in place since the word shards of
    /// `previous_search` were rendered (None: not known, or none).
    search_changed: Option<&'a BTreeSet<u32>>,
    previous_search: &'a PreviousShards,
    /// The postings of the documents in `search_changed`, made once.
    search_fresh: OnceLock<Option<FreshPostings>>,
}

/// No previous search shards.
static NO_SHARDS: PreviousShards = PreviousShards::None;

#[derive(Serialize)]
struct SiteCtx {
    title: String,
    description: String,
    base_url: String,
    language: &'static str,
    author: String,
    pages: Vec<Link>,
    generator: &'static str,
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub path: String,
}

/// A country or actor as a link, with how many articles it has where that
/// matters.
#[derive(Serialize, Clone)]
pub struct TermRef {
    pub id: String,
    pub name: String,
    pub path: String,
    pub count: usize,
}

/// An article in a list.
#[derive(Serialize, Clone)]
pub struct Card {
    pub path: String,
    pub title: String,
    pub date: String,
    pub date_display: String,
    pub lang: &'static str,
    pub summary: String,
    pub countries: Vec<TermRef>,
    pub actors: Vec<TermRef>,
    pub source: Option<String>,
    pub source_url: Option<String>,
}

/// The two ways lists show an article: with its summary and all its
/// terms, or (related articles) compact.
#[derive(Clone, Copy)]
enum CardStyle {
    Full = 0,
    Compact = 1,
}

/// An article in a list: its card, already rendered.
#[derive(Serialize)]
struct Listed<'a> {
    html: &'a str,
}

/// What the theme's `card` macro is called with.
#[derive(Serialize)]
struct CardCtx<'a> {
    a: &'a Card,
    root: &'a str,
    compact: bool,
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    /// Numbered links near this page: see [`Pagination::new`].
    pages: Vec<Link>,
}

/// Pages within this distance of the current one are linked by number.
const PAGE_WINDOW: usize = 2;

impl Pagination {
    /// Page `n` of `total` of the list whose first page is `first`. Only
    /// the first page, the last and those within [`PAGE_WINDOW`] of `n`
    /// are numbered: listing every page on every page would make a list
    /// of P pages cost P² links (25 million for 5,000 pages).
    fn new(first: &str, n: usize, total: usize) -> Pagination {
        let near = n.saturating_sub(PAGE_WINDOW).max(1)..=(n + PAGE_WINDOW).min(total);
        let mut numbers: Vec<usize> = near.collect();
        if numbers.first() != Some(&1) {
            numbers.insert(0, 1);
        }
        if total > 1 && numbers.last() != Some(&total) {
            numbers.push(total);
        }
        Pagination {
            current: n,
            total,
            previous: (n > 1).then(|| plan::paged_url(first, n - 1)),
            next: (n < total).then(|| plan::paged_url(first, n + 1)),
            pages: numbers
                .into_iter()
                .map(|k| Link {
                    title: k.to_string(),
                    path: plan::paged_url(first, k),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct MonthCount {
    year: i32,
    month: u32,
    label: String,
    path: String,
    count: usize,
    /// Bar length relative to the busiest month, 0-100.
    percent: usize,
}

/// The HTML head's facts, the same for every kind of page. The site and
/// the interface strings (`site`, `t`) come from [`Renderer::shared`].
#[derive(Serialize)]
struct Head<'a> {
    /// Prefix of every internal link.
    root: &'a str,
    /// This page's URL path relative to the root.
    path: &'a str,
    title: String,
    description: String,
    lang: &'static str,
    section: &'static str,
    feed: Option<String>,
    /// Open Graph type: "website", or "article" on article pages.
    og_type: &'static str,
    /// schema.org data of the page, inert JSON for a script element.
    jsonld: Option<String>,
    /// Portable builds work from the file system: no fetching.
    portable: bool,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, index: &'a Index, tera: &'a Tera) -> Self {
        Self::with_bodies(site, index, tera, Cow::Owned(render_bodies(site)))
    }

    /// As [`Renderer::new`] with every article's body already rendered,
    /// in the order of `site.articles`: `serve` keeps them between rebuilds.
    pub fn with_bodies(
        site: &'a Site,
        index: &'a Index,
        tera: &'a Tera,
        bodies: Cow<'a, [LazyBody]>,
    ) -> Self {
        let lang = site.config.language;
        let mut renderer = Renderer {
            links: SourceLinks::new(site),
            site,
            index,
            tera,
            lang,
            t: i18n::strings(lang),
            card_html: (0..bodies.len()).map(|_| Default::default()).collect(),
            bodies,
            body_context: OnceLock::new(),
            search: OnceLock::new(),
            search_changed: None,
            previous_search: &NO_SHARDS,
            search_fresh: OnceLock::new(),
            site_ctx: SiteCtx {
                title: site.config.title.clone(),
                description: site.config.description.clone(),
                base_url: site.config.absolute_root(),
                language: lang.code(),
                author: site
                    .config
                    .author
                    .clone()
                    .unwrap_or_else(|| site.config.title.clone()),
                pages: site
                    .pages
                    .iter()
                    .map(|p| Link {
                        title: p.title.clone(),
                        path: format!("{}/", p.slug),
                    })
                    .collect(),
                generator: concat!("sahel-brief ", env!("CARGO_PKG_VERSION")),
            },
            shared: Context::new(),
        };
        renderer.shared.insert("site", &renderer.site_ctx);
        renderer.shared.insert("t", renderer.t);
        renderer
    }

    /// Search shards are redone from those of `previous`, for the
    /// documents `changed` in place since (see [`SearchEntry`]).
    pub fn with_search(
        mut self,
        changed: Option<&'a BTreeSet<u32>>,
        previous: &'a PreviousShards,
    ) -> Self {
        self.search_changed = changed;
        self.previous_search = previous;
        self
    }

    pub fn root(&self) -> String {
        self.site.config.base_path()
    }

    fn country_ref(&self, id: &str, count: usize) -> TermRef {
        let name = self
            .site
            .profiles
            .country(id)
            .map_or(id, |c| country_name(c, self.lang))
            .to_string();
        TermRef {
            id: id.to_string(),
            name,
            path: plan::country_url(id),
            count,
        }
    }

    fn actor_ref(&self, id: &str, count: usize) -> TermRef {
        let name = self
            .site
            .profiles
            .actor(id)
            .map_or(id, |a| actor_name(a, self.lang))
            .to_string();
        TermRef {
            id: id.to_string(),
            name,
            path: plan::actor_url(id),
            count,
        }
    }

    /// Any term as a link, by grouping.
    fn term_ref(&self, kind: TermKind, id: &str, count: usize) -> TermRef {
        match kind {
            TermKind::Country => self.country_ref(id, count),
            TermKind::Actor => self.actor_ref(id, count),
            TermKind::Place => self.place_ref(id, count),
            TermKind::Tag => {
                let written = self.index.by_tag.get(id).map_or(id, |t| t.name.as_str());
                TermRef {
                    id: id.to_string(),
                    name: self.tag_name(id, written),
                    path: kind.url(id),
                    count,
                }
            }
        }
    }

    fn summary(&self, i: usize) -> String {
        let article = &self.site.articles[i];
        match &article.summary {
            Some(s) => s.clone(),
            None => truncate(&self.facts(i).first_paragraph, 280),
        }
    }

    /// A stamp of what lists show of article `i`: its card's data.
    pub fn card_stamp(&self, i: usize) -> crate::incremental::Stamp {
        crate::incremental::stamp(&serde_json::to_vec(&self.card(i)).unwrap_or_default())
    }

    fn card(&self, i: usize) -> Card {
        let a = &self.site.articles[i];
        Card {
            path: plan::article_url(&a.slug),
            title: a.title.clone(),
            date: a.date.to_string(),
            date_display: format_date(a.date, self.lang),
            lang: a.lang.code(),
            summary: self.summary(i),
            countries: a.countries.iter().map(|c| self.country_ref(c, 0)).collect(),
            actors: a.actors.iter().map(|c| self.actor_ref(c, 0)).collect(),
            source: a
                .source
                .as_ref()
                .map(|s| s.name.clone())
                .or_else(|| a.sources.first().map(|s| s.name.clone())),
            // Only web addresses: a source URL comes from pasted text.
            source_url: match &a.source {
                Some(s) => s.url.clone(),
                None => a.sources.first().and_then(|s| s.url.clone()),
            }
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        }
    }

    fn cards(&self, list: &[usize]) -> Vec<Card> {
        list.iter().map(|&i| self.card(i)).collect()
    }

    /// The articles of a list as their rendered cards.
    fn listed(&self, list: &[usize], style: CardStyle) -> Result<Vec<Listed<'_>>, Diagnostic> {
        list.iter()
            .map(|&i| {
                let html =
                    self.card_html[i][style as usize].get_or_init(|| self.render_card(i, style));
                html.as_deref().map(|html| Listed { html }).map_err(|e| {
                    Diagnostic::new("templates/macros.html", e).help(format!(
                        "while rendering the card of /{}",
                        plan::article_url(&self.site.articles[i].slug)
                    ))
                })
            })
            .collect()
    }

    /// Article `i`'s card as the theme's `card` macro renders it, or the
    /// template error.
    fn render_card(&self, i: usize, style: CardStyle) -> Result<String, String> {
        let ctx = CardCtx {
            a: &self.card(i),
            root: &self.root(),
            compact: matches!(style, CardStyle::Compact),
        };
        let context = to_context(&ctx).map_err(|e| error_chain(&e))?;
        self.tera
            .render(CARD_TEMPLATE, &context)
            .map_err(|e| error_chain(&e))
    }

    fn head<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
        title: String,
        description: String,
        section: &'static str,
    ) -> Head<'b> {
        Head {
            root,
            path: &page.url,
            title,
            description,
            lang: self.lang.code(),
            section,
            feed: None,
            og_type: "website",
            jsonld: None,
            portable: self.site.config.portable,
        }
    }

    /// Renders `ctx` with `template` into the bytes of `page`'s file.
    fn finish<T: Serialize>(
        &self,
        page: &Planned,
        template: &str,
        ctx: &T,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut context = self.shared.clone();
        context.extend(to_context(ctx).map_err(|e| {
            Diagnostic::new(
                template,
                format!("cannot prepare the page {}: {e}", page.url),
            )
        })?);
        // Into bytes: Tera writes UTF-8, and checking it again as a String
        // costs more than most pages need.
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &context, &mut bytes)
            .map_err(|e| {
                Diagnostic::new(format!("templates/{template}"), error_chain(&e))
                    .help(format!("while rendering /{}", page.url))
            })?;
        let is_html = template.ends_with(".html");
        if is_html && self.site.config.portable {
            let html = String::from_utf8_lossy(&bytes);
            bytes = relativize(&html, &page.file(), &self.root()).into_bytes();
        }
        if is_html || template.ends_with(".xml") {
            // A control character from any title or text would make a
            // feed unreadable, and is a parse error in HTML.
            bytes = xml::without_forbidden(bytes);
        }
        Ok(bytes)
    }

    /// Markdown of a profile or page as HTML, its links to content files
    /// resolved.
    fn markdown_html(&self, text: &str) -> markdown::Rendered {
        markdown::render_with(text, self.site.config.trusted_html, &|link| {
            self.links.resolve(link)
        })
    }
}

fn midnight(d: NaiveDate) -> chrono::DateTime<Utc> {
    d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

fn region_id(region: Region) -> &'static str {
    match region {
        Region::Sahel => "sahel",
        Region::Coastal => "coastal",
        Region::External => "external",
    }
}

pub fn country_name(c: &Country, lang: Lang) -> &str {
    c.names.as_ref().map_or(&c.name, |n| n.get(lang))
}

pub fn actor_name(a: &Actor, lang: Lang) -> &str {
    a.names.as_ref().map_or(&a.name, |n| n.get(lang))
}

fn first_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn to_context<T: Serialize>(value: &T) -> tera::Result<Context> {
    Context::from_serialize(value)
}

/// JSON that stays inert even if someone inlines it into a page.
fn inert_json<T: Serialize>(value: &T) -> Vec<u8> {
    let json = serde_json::to_vec(value).unwrap_or_default();
    // These bytes only occur inside JSON strings, where the escapes mean
    // the same characters.
    let mut out = Vec::with_capacity(json.len());
    for &b in &json {
        match b {
            b'<' => out.extend_from_slice(b"\\u003c"),
            b'>' => out.extend_from_slice(b"\\u003e"),
            b'&' => out.extend_from_slice(b"\\u0026"),
            _ => out.push(b),
        }
    }
    out
}
