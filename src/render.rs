//! Stage 4: each planned page becomes bytes. Markdown is rendered once per
//! article; templates receive plain serialisable structs.

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::{NaiveDate, Utc};
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Lang;
use crate::entity_links::EntityLinker;
use crate::error::{Diagnostic, Result};
use crate::i18n::{self, article_count, format_date, kind_label, Strings};
use crate::index::Index;
use crate::links::{relativize, rewrite_source_links, SourceLinks};
use crate::map::{render_map, MapCountry};
use crate::markdown::{self, truncate};
use crate::model::{tag_slug, Actor, ActorKind, Article, Country, Region, Site};
use crate::plan::{self, FeedScope, PageKind, Planned};
use crate::search::distinct_words;
use crate::sitemap;
use crate::theme::{error_chain, CARD_TEMPLATE};
use crate::xml;

mod archive;
mod relations;
mod sources;
mod terms;

use terms::TermId;
pub use terms::{default_tag_name, profile_body};

mod search;
use search::SearchIndex;

/// Everything computed once per build and shared by all pages.
pub struct Renderer<'a> {
    site: &'a Site,
    index: &'a Index,
    tera: &'a Tera,
    lang: Lang,
    t: &'static Strings,
    bodies: Cow<'a, [Body]>,
    /// Each article's card as the theme's `card` macro renders it, full
    /// and compact, made on first use and reused by every list showing it
    /// (an article appears in a dozen lists; `serve` renders only a few).
    card_html: Vec<[OnceLock<Result<String, String>>; 2]>,
    site_ctx: SiteCtx,
    links: SourceLinks,
    /// The search shards, built when the first is rendered.
    search: OnceLock<SearchIndex>,
}

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
    pages: Vec<Link>,
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

/// An article's Markdown rendered once, and what lists and search need of it.
#[derive(Clone)]
pub struct Body {
    html: String,
    first_paragraph: String,
    words: usize,
    search_words: String,
}

/// The HTML head's facts, the same for every kind of page.
#[derive(Serialize)]
struct Head<'a> {
    site: &'a SiteCtx,
    t: &'static Strings,
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
        bodies: Cow<'a, [Body]>,
    ) -> Self {
        let lang = site.config.language;
        Renderer {
            links: SourceLinks::new(site),
            site,
            index,
            tera,
            lang,
            t: i18n::strings(lang),
            card_html: (0..bodies.len()).map(|_| Default::default()).collect(),
            bodies,
            search: OnceLock::new(),
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
        }
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

    fn summary(&self, i: usize) -> String {
        let article = &self.site.articles[i];
        match &article.summary {
            Some(s) => s.clone(),
            None => truncate(&self.bodies[i].first_paragraph, 280),
        }
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
            site: &self.site_ctx,
            t: self.t,
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

    /// Renders one planned page to the bytes of its file.
    pub fn render(&self, page: &Planned) -> Result<Vec<u8>, Diagnostic> {
        let root = self.root();
        let (template, context) = match &page.kind {
            PageKind::Home => {
                let latest = &self.site.articles
                    [..self.site.config.home_articles.min(self.site.articles.len())];
                let latest: Vec<usize> = (0..latest.len()).collect();
                let ctx = HomeCtx {
                    head: self.head(
                        &root,
                        page,
                        self.site.config.title.clone(),
                        self.site.config.description.clone(),
                        "home",
                    ),
                    latest: self.cards(&latest),
                    top_countries: self
                        .top(&self.index.by_country, 8, |id, n| self.country_ref(id, n)),
                    top_actors: self.top(&self.index.by_actor, 10, |id, n| self.actor_ref(id, n)),
                    total: self.site.articles.len(),
                    total_label: article_count(self.site.articles.len(), self.lang),
                    map: self.map(&root, None),
                };
                ("index.html", to_context(&ctx))
            }
            PageKind::Article(i) => (
                "article.html",
                to_context(&self.article_ctx(&root, page, *i)?),
            ),
            PageKind::Page(i) => {
                let p = &self.site.pages[*i];
                let body = markdown::render(&p.body, self.site.config.trusted_html);
                let description = p
                    .description
                    .clone()
                    .unwrap_or_else(|| truncate(&body.first_paragraph, 160));
                let ctx = PageCtx {
                    head: self.head(&root, page, p.title.clone(), description, "page"),
                    content: body.html,
                    search_meta: None,
                };
                ("page.html", to_context(&ctx))
            }
            PageKind::Countries => {
                let mut groups = Vec::new();
                for (region, label) in [
                    (Region::Sahel, self.t.region_sahel),
                    (Region::Coastal, self.t.region_coastal),
                    (Region::External, self.t.region_external),
                ] {
                    let mut terms: Vec<TermRef> = self
                        .site
                        .profiles
                        .countries
                        .iter()
                        .filter(|c| c.region == region)
                        .map(|c| {
                            self.country_ref(
                                &c.id,
                                self.index.by_country.get(&c.id).map_or(0, Vec::len),
                            )
                        })
                        .collect();
                    terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
                    if !terms.is_empty() {
                        groups.push(Group {
                            id: region_id(region),
                            label: label.to_string(),
                            terms,
                        });
                    }
                }
                let ctx = GroupsCtx {
                    head: self.head(
                        &root,
                        page,
                        self.t.countries.to_string(),
                        String::new(),
                        "countries",
                    ),
                    groups,
                    map: self.map(&root, None),
                };
                ("countries.html", to_context(&ctx))
            }
            PageKind::Actors => {
                let mut groups = Vec::new();
                for kind in ActorKind::ALL {
                    let mut terms: Vec<TermRef> = self
                        .site
                        .profiles
                        .actors
                        .iter()
                        .filter(|a| a.kind == kind)
                        .map(|a| {
                            self.actor_ref(
                                &a.id,
                                self.index.by_actor.get(&a.id).map_or(0, Vec::len),
                            )
                        })
                        .collect();
                    terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
                    if !terms.is_empty() {
                        groups.push(Group {
                            id: kind.id(),
                            label: kind_label(kind, self.lang).to_string(),
                            terms,
                        });
                    }
                }
                let ctx = GroupsCtx {
                    head: self.head(
                        &root,
                        page,
                        self.t.actors.to_string(),
                        String::new(),
                        "actors",
                    ),
                    groups,
                    map: String::new(),
                };
                ("actors.html", to_context(&ctx))
            }
            PageKind::Country { id, page: n } => (
                "country.html",
                to_context(&self.country_page(&root, page, id, *n)?),
            ),
            PageKind::Actor { id, page: n } => (
                "actor.html",
                to_context(&relations::WithRelations {
                    page: self.actor_page(&root, page, id, *n)?,
                    relations: self.actor_relations(id),
                }),
            ),
            PageKind::CountryPrint { id } => (
                "print.html",
                to_context(&self.print_page(&root, page, TermId::Country(id))?),
            ),
            PageKind::ActorPrint { id } => (
                "print.html",
                to_context(&self.print_page(&root, page, TermId::Actor(id))?),
            ),
            PageKind::Tags => ("tags.html", to_context(&self.tags_page(&root, page))),
            PageKind::Sources => ("sources.html", to_context(&self.sources_page(&root, page))),
            PageKind::Relations => (
                "relations.html",
                to_context(&self.relations_page(&root, page)),
            ),
            PageKind::Tag { slug, page: n } => (
                "tag.html",
                to_context(&self.tag_page(&root, page, slug, *n)?),
            ),
            PageKind::ArticleList { page: n } => (
                "articles.html",
                to_context(&self.article_list(&root, page, *n)?),
            ),
            PageKind::Archive => ("archive.html", to_context(&self.archive(&root, page))),
            PageKind::Year(year) => ("year.html", to_context(&self.year(&root, page, *year))),
            PageKind::Timeline => {
                let all: Vec<usize> = (0..self.site.articles.len()).collect();
                let ctx = TimelineCtx {
                    head: self.head(
                        &root,
                        page,
                        self.t.timeline.to_string(),
                        String::new(),
                        "timeline",
                    ),
                    months: self.months(&all),
                };
                ("timeline.html", to_context(&ctx))
            }
            PageKind::Month { year, month } => (
                "month.html",
                to_context(&self.month_ctx(&root, page, *year, *month)),
            ),
            PageKind::Search => {
                let ctx = PageCtx {
                    head: self.head(
                        &root,
                        page,
                        self.t.search.to_string(),
                        String::new(),
                        "search",
                    ),
                    content: String::new(),
                    search_meta: Some(self.search_meta()),
                };
                ("search.html", to_context(&ctx))
            }
            PageKind::NotFound => {
                let ctx = PageCtx {
                    head: self.head(
                        &root,
                        page,
                        self.t.not_found_title.to_string(),
                        String::new(),
                        "404",
                    ),
                    content: String::new(),
                    search_meta: None,
                };
                ("404.html", to_context(&ctx))
            }
            PageKind::Feed(scope) => ("atom.xml", to_context(&self.feed_ctx(page, scope))),
            PageKind::Sitemap => {
                let urls = sitemap::urls(self.site, self.index);
                let parts = xml::sitemap_parts(urls.len());
                if parts > 1 {
                    let absolute = self.site.config.absolute_root();
                    return Ok(xml::sitemap_index(&absolute, parts));
                }
                ("sitemap.xml", to_context(&sitemap::Ctx { urls }))
            }
            PageKind::SitemapPart(n) => {
                let urls = sitemap::urls(self.site, self.index);
                let urls = urls
                    .into_iter()
                    .skip((n - 1) * xml::SITEMAP_MAX_URLS)
                    .take(xml::SITEMAP_MAX_URLS)
                    .collect();
                ("sitemap.xml", to_context(&sitemap::Ctx { urls }))
            }
            PageKind::SearchWords(n) => return Ok(self.search_index().words(*n)),
            PageKind::SearchDocs(n) => return Ok(self.search_index().docs(*n)),
            PageKind::JsonFeed => return Ok(self.json_feed()),
            PageKind::Robots => {
                let text = format!(
                    "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
                    self.site.config.absolute_root()
                );
                return Ok(text.into_bytes());
            }
        };
        let context = context.map_err(|e| {
            Diagnostic::new(
                template,
                format!("cannot prepare the page {}: {e}", page.url),
            )
        })?;
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
        let links_to_sources = is_html && memchr::memmem::find(&bytes, b".md").is_some();
        if links_to_sources || (is_html && self.site.config.portable) {
            let mut html = String::from_utf8_lossy(&bytes).into_owned();
            if links_to_sources {
                html = rewrite_source_links(&html, &|link| self.resolve_source_link(link));
            }
            if self.site.config.portable {
                html = relativize(&html, &page.file(), &root);
            }
            bytes = html.into_bytes();
        }
        if is_html || template.ends_with(".xml") {
            // A control character from any title or text would make a
            // feed unreadable, and is a parse error in HTML.
            bytes = xml::without_forbidden(bytes);
        }
        Ok(bytes)
    }

    /// The page URL a Markdown link to a content file (`../x.md`) stands for.
    fn resolve_source_link(&self, link: &str) -> Option<String> {
        let profiles = &self.site.profiles;
        self.links
            .resolve(link, &|id| profiles.country(id).is_some(), &|id| {
                profiles.actor(id).is_some()
            })
    }

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
                    "content_html": self.bodies[i].html,
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

    /// schema.org `NewsArticle` of article `i`.
    fn article_jsonld(&self, i: usize) -> String {
        let a = &self.site.articles[i];
        let absolute = self.site.config.absolute_root();
        let url = format!("{absolute}{}", plan::article_url(&a.slug));
        let publisher = LdThing {
            kind: "Organization",
            name: self.site_ctx.author.clone(),
            url: Some(absolute.clone()),
        };
        // The briefing wrote this text; the outlet's report is what it
        // is based on.
        let author = publisher.clone();
        let first_source = a
            .source
            .as_ref()
            .map(|s| (&s.name, &s.url))
            .or_else(|| a.sources.first().map(|s| (&s.name, &s.url)));
        let is_based_on = first_source
            .filter(|(name, _)| !name.is_empty())
            .map(|(name, url)| LdSource {
                kind: "NewsArticle",
                publisher: LdThing {
                    kind: "Organization",
                    name: name.clone(),
                    url: None,
                },
                url: url
                    .clone()
                    .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
            });
        let mut about: Vec<LdThing> = a
            .countries
            .iter()
            .map(|c| {
                let r = self.country_ref(c, 0);
                LdThing {
                    kind: "Country",
                    name: r.name,
                    url: Some(format!("{absolute}{}", r.path)),
                }
            })
            .collect();
        about.extend(a.actors.iter().map(|id| {
            let r = self.actor_ref(id, 0);
            let kind = match self.site.profiles.actor(id).map(|x| x.kind) {
                Some(ActorKind::Person) => "Person",
                _ => "Organization",
            };
            LdThing {
                kind,
                name: r.name,
                url: Some(format!("{absolute}{}", r.path)),
            }
        }));
        let data = LdNewsArticle {
            context: "https://schema.org",
            kind: "NewsArticle",
            about,
            author,
            date_modified: a.updated.map_or(a.datetime, midnight).to_rfc3339(),
            date_published: a.datetime.to_rfc3339(),
            description: self.summary(i),
            headline: &a.title,
            in_language: a.lang.code(),
            is_based_on,
            keywords: &a.tags,
            main_entity_of_page: &url,
            publisher,
            url: &url,
        };
        String::from_utf8(inert_json(&data)).unwrap_or_default()
    }

    /// The region map shaded by each country's number of articles.
    fn map(&self, root: &str, highlight: Option<&str>) -> String {
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
        render_map(&countries, highlight, label, unit)
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

    fn article_ctx<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
        i: usize,
    ) -> Result<ArticleCtx<'b>, Diagnostic> {
        let a = &self.site.articles[i];
        let body = &self.bodies[i];
        let mut head = self.head(
            root,
            page,
            a.title.clone(),
            truncate(&self.summary(i), 200),
            "articles",
        );
        head.og_type = "article";
        head.jsonld = Some(self.article_jsonld(i));
        Ok(ArticleCtx {
            head,
            article: ArticleView {
                card: self.card(i),
                updated: a.updated.map(|d| d.to_string()),
                updated_display: a.updated.map(|d| format_date(d, self.lang)),
                content: &body.html,
                reading_minutes: body.words.div_ceil(200).max(1),
                tags: a
                    .tags
                    .iter()
                    .map(|t| {
                        let slug = tag_slug(t);
                        Link {
                            title: self.tag_name(&slug, t),
                            path: plan::tag_url(&slug),
                        }
                    })
                    .collect(),
                mentioned_countries: a
                    .mentions
                    .countries
                    .iter()
                    .map(|c| self.country_ref(c, 0))
                    .collect(),
                mentioned_actors: a
                    .mentions
                    .actors
                    .iter()
                    .map(|c| self.actor_ref(c, 0))
                    .collect(),
                sources: self.source_views(i),
                status: self.status_view(i),
            },
            related: self.listed(&self.index.related[i], CardStyle::Compact)?,
        })
    }

    fn feed_ctx(&self, page: &Planned, scope: &FeedScope) -> FeedCtx<'_> {
        let absolute = self.site.config.absolute_root();
        let all: Vec<usize>;
        let (title, list, html_path) = match scope {
            FeedScope::Site => {
                all = (0..self.site.articles.len()).collect();
                (
                    self.site.config.title.clone(),
                    all.as_slice(),
                    String::new(),
                )
            }
            FeedScope::Country(id) => (
                format!(
                    "{} · {}",
                    self.site.config.title,
                    self.country_ref(id, 0).name
                ),
                self.index
                    .by_country
                    .get(id)
                    .map(Vec::as_slice)
                    .unwrap_or_default(),
                plan::country_url(id),
            ),
            FeedScope::Actor(id) => (
                format!(
                    "{} · {}",
                    self.site.config.title,
                    self.actor_ref(id, 0).name
                ),
                self.index
                    .by_actor
                    .get(id)
                    .map(Vec::as_slice)
                    .unwrap_or_default(),
                plan::actor_url(id),
            ),
            FeedScope::Tag(slug) => {
                let tag = &self.index.by_tag[slug];
                (
                    format!(
                        "{} · #{}",
                        self.site.config.title,
                        self.tag_name(slug, &tag.name)
                    ),
                    tag.articles.as_slice(),
                    plan::tag_url(slug),
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
                    content: self.bodies[i].html.clone(),
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
            site: &self.site_ctx,
            title,
            id: format!("{absolute}{}", page.url),
            self_url: format!("{absolute}{}", page.url),
            html_url: format!("{absolute}{html_path}"),
            updated,
            entries,
        }
    }

    /// The search shards, built once for all of them.
    fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| self.build_search_index())
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
struct ArticleView<'a> {
    #[serde(flatten)]
    card: Card,
    updated: Option<String>,
    updated_display: Option<String>,
    content: &'a str,
    reading_minutes: usize,
    tags: Vec<Link>,
    mentioned_countries: Vec<TermRef>,
    mentioned_actors: Vec<TermRef>,
    sources: Vec<sources::SourceView>,
    status: Option<sources::StatusView>,
}

#[derive(Serialize)]
struct ArticleCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    article: ArticleView<'a>,
    related: Vec<Listed<'a>>,
}

#[derive(Serialize)]
struct Group {
    id: &'static str,
    label: String,
    terms: Vec<TermRef>,
}

#[derive(Serialize)]
struct GroupsCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    groups: Vec<Group>,
    /// Inline SVG on the countries index, empty elsewhere.
    map: String,
}

#[derive(Serialize)]
struct TimelineCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    months: Vec<MonthCount>,
}

#[derive(Serialize)]
struct FeedEntry {
    title: String,
    id: String,
    url: String,
    lang: &'static str,
    published: String,
    updated: String,
    summary: String,
    content: String,
    categories: Vec<String>,
    source: Option<String>,
}

#[derive(Serialize)]
struct FeedCtx<'a> {
    site: &'a SiteCtx,
    title: String,
    id: String,
    self_url: String,
    html_url: String,
    /// None when the site has no article at all.
    updated: Option<String>,
    entries: Vec<FeedEntry>,
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

/// A schema.org `NewsArticle`, its fields in the order they are written.
#[derive(Serialize)]
struct LdNewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    about: Vec<LdThing>,
    author: LdThing,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    description: String,
    headline: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'static str,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    is_based_on: Option<LdSource>,
    keywords: &'a [String],
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: &'a str,
    publisher: LdThing,
    url: &'a str,
}

/// The outlet's report an article is based on.
#[derive(Serialize)]
struct LdSource {
    #[serde(rename = "@type")]
    kind: &'static str,
    publisher: LdThing,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// A schema.org organization, person or country, by name.
#[derive(Serialize, Clone)]
struct LdThing {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// Every article's body, rendered in parallel, in the order of
/// `site.articles`.
pub fn render_bodies(site: &Site) -> Vec<Body> {
    let linker = EntityLinker::for_site(site);
    site.articles
        .par_iter()
        .map(|a| Body::render_article(a, linker.as_ref(), site.config.trusted_html))
        .collect()
}

impl Body {
    /// Renders an article's Markdown body once for every page that shows it.
    pub fn render(markdown: &str, trusted_html: bool) -> Body {
        Body::from_rendered(markdown::render(markdown, trusted_html))
    }

    /// As [`Body::render`], with the first mentions of the article's
    /// countries and actors linked by `linker` (the site's, built once).
    pub fn render_article(a: &Article, linker: Option<&EntityLinker>, trusted_html: bool) -> Body {
        match linker.filter(|_| a.entity_links) {
            Some(linker) => {
                let allowed = linker.article_targets(a);
                Body::from_rendered(markdown::render_finished(
                    &a.body,
                    trusted_html,
                    &mut |events| linker.apply(events, &allowed),
                ))
            }
            None => Body::render(&a.body, trusted_html),
        }
    }

    fn from_rendered(r: markdown::Rendered) -> Body {
        // Kept for the whole build: without the spare room left by growing
        // (a third of the bytes, on average).
        let mut html = r.html;
        html.shrink_to_fit();
        let mut search_words = distinct_words(&r.text);
        search_words.shrink_to_fit();
        Body {
            // The distinct words only, not the whole plain text.
            search_words,
            html,
            first_paragraph: r.first_paragraph,
            words: r.words,
        }
    }
}
