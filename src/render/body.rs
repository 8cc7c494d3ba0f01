//! Article bodies: Markdown rendered once per article for every page that
//! shows it, and what lists and search need of it. A body is rendered when
//! a page first needs it: an incremental build knows the facts of the
//! bodies it did not render from its cache, and never renders the
//! Markdown of an article whose pages it does not redo.

use std::sync::OnceLock;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Renderer;
use crate::entity_links::EntityLinker;
use crate::links::SourceLinks;
use crate::markdown;
use crate::model::{Article, Site};
use crate::search::distinct_words;

/// What lists, feeds' summaries and search need of a body, without its
/// HTML: small enough to keep between builds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyFacts {
    pub first_paragraph: String,
    pub words: usize,
    /// The distinct words only, not the whole plain text.
    pub search_words: String,
    /// Whether the text links to a content file (`x.md`).
    pub source_links: bool,
}

/// An article's Markdown rendered once, and its facts.
#[derive(Clone)]
pub struct Body {
    pub html: String,
    pub facts: BodyFacts,
}

/// An article's body: rendered, or rendered on first use. Its facts may be
/// known without it (from the previous build).
#[derive(Clone, Default)]
pub struct LazyBody {
    known: Option<BodyFacts>,
    full: OnceLock<Body>,
}

impl LazyBody {
    pub fn rendered(body: Body) -> LazyBody {
        LazyBody {
            known: None,
            full: OnceLock::from(body),
        }
    }

    /// Not rendered yet; `known` are its facts when they are known to be
    /// what rendering would give.
    pub fn pending(known: Option<BodyFacts>) -> LazyBody {
        LazyBody {
            known,
            full: OnceLock::new(),
        }
    }

    /// Its facts when known without rendering.
    pub fn known_facts(&self) -> Option<&BodyFacts> {
        self.full.get().map(|b| &b.facts).or(self.known.as_ref())
    }

    pub fn is_rendered(&self) -> bool {
        self.full.get().is_some()
    }
}

/// What rendering an article's body needs of the site: the entity
/// linker, and where links written as content files (`x.md`) lead.
pub struct BodyContext {
    linker: Option<EntityLinker>,
    links: SourceLinks,
    trusted_html: bool,
}

impl BodyContext {
    pub fn for_site(site: &Site) -> BodyContext {
        BodyContext {
            linker: EntityLinker::for_site(site),
            links: SourceLinks::new(site),
            trusted_html: site.config.trusted_html,
        }
    }
}

/// Every article's body, rendered in parallel, in the order of
/// `site.articles`.
pub fn render_bodies(site: &Site) -> Vec<LazyBody> {
    let context = BodyContext::for_site(site);
    site.articles
        .par_iter()
        .map(|a| LazyBody::rendered(Body::render_article(a, &context)))
        .collect()
}

impl Body {
    /// Renders an article's Markdown body once for every page that shows
    /// it: links to content files resolved, and the first mentions of its
    /// countries and actors linked, in the Markdown event stream.
    pub fn render_article(a: &Article, context: &BodyContext) -> Body {
        let resolve = |link: &str| context.links.resolve(link);
        let linker = context.linker.as_ref().filter(|_| a.entity_links);
        let allowed = linker.map(|l| l.article_targets(a));
        Body::from_rendered(markdown::render_finished(
            &a.body,
            context.trusted_html,
            &resolve,
            &mut |events| {
                if let (Some(linker), Some(allowed)) = (linker, &allowed) {
                    linker.apply(events, allowed);
                }
            },
        ))
    }

    fn from_rendered(r: markdown::Rendered) -> Body {
        // Kept for the whole build: without the spare room left by growing
        // (a third of the bytes, on average).
        let mut html = r.html;
        html.shrink_to_fit();
        let mut search_words = distinct_words(&r.text);
        search_words.shrink_to_fit();
        Body {
            html,
            facts: BodyFacts {
                search_words,
                first_paragraph: r.first_paragraph,
                words: r.words,
                source_links: r.source_links,
            },
        }
    }
}

impl Renderer<'_> {
    /// Article `i`'s body, rendered now if no page needed it before.
    pub(super) fn body(&self, i: usize) -> &Body {
        self.bodies[i].full.get_or_init(|| {
            let context = self
                .body_context
                .get_or_init(|| BodyContext::for_site(self.site));
            Body::render_article(&self.site.articles[i], context)
        })
    }

    /// What lists and search need of article `i`'s body: rendered only
    /// when not known.
    pub(crate) fn facts(&self, i: usize) -> &BodyFacts {
        match self.bodies[i].known_facts() {
            Some(facts) => facts,
            None => &self.body(i).facts,
        }
    }
}
