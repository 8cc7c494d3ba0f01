//! Article pages: the text with its terms, sources, related articles and
//! schema.org data.

use serde::Serialize;

use super::family::Family;
use super::{inert_json, midnight, Card, CardStyle, Head, Link, Listed, Renderer, TermRef};
use crate::error::Diagnostic;
use crate::i18n::format_date;
use crate::index::Index;
use crate::markdown::truncate;
use crate::model::{tag_slug, ActorKind, Site};
use crate::plan::{self, PageKind, Planned};
use crate::rebuild::Affected;

use super::sources;

pub struct Articles;

impl Family for Articles {
    /// The article's position in the site's articles.
    type Page = usize;

    fn plan(site: &Site, _: &Index, out: &mut Vec<Planned>) {
        out.extend(
            site.articles
                .iter()
                .enumerate()
                .map(|(i, a)| Planned::new(plan::article_url(&a.slug), PageKind::Article(i))),
        );
    }

    fn render(r: &Renderer, planned: &Planned, &i: &usize) -> Result<Vec<u8>, Diagnostic> {
        let root = r.root();
        r.finish(planned, "article.html", &r.article_ctx(&root, planned, i)?)
    }

    fn template(_: &usize) -> Option<&'static str> {
        Some("article.html")
    }

    fn affected(_: &Site, index: &Index, &i: &usize, by: &Affected) -> bool {
        // Its text, or the card of a related article.
        by.articles.contains(&i)
            || by.related.contains(&i)
            || index.related[i].iter().any(|j| by.cards.contains(j))
    }

    fn label(_: &usize) -> &'static str {
        "articles"
    }
}

impl Renderer<'_> {
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

    fn article_ctx<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
        i: usize,
    ) -> Result<ArticleCtx<'b>, Diagnostic> {
        let a = &self.site.articles[i];
        let body = self.body(i);
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
                reading_minutes: body.facts.words.div_ceil(200).max(1),
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
                places: a.places.iter().map(|p| self.place_ref(p, 0)).collect(),
                events: crate::picture_view::event_views(
                    self.site,
                    &a.events
                        .iter()
                        .map(|event| crate::picture::EventRef { event, article: i })
                        .collect::<Vec<_>>(),
                ),
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
    places: Vec<TermRef>,
    /// The events the article reports, coded.
    events: Vec<crate::picture_view::EventView>,
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
