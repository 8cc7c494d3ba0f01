//! Country, actor and tag pages: one page of a term's articles, the
//! articles naming it in passing, and the whole file on one page for
//! printing.

use std::collections::HashMap;

use serde::Serialize;

use super::family::Family;
use super::{
    actor_name, country_name, first_text, region_id, CardStyle, Head, Listed, MonthCount,
    Pagination, Renderer, TermRef,
};
use crate::config::Lang;
use crate::error::Diagnostic;
use crate::grouping::TermKind;
use crate::i18n::{article_count, capitalised, kind_label, mentioned_count, paged_note};
use crate::index::Index;
use crate::markdown::truncate;
use crate::model::Site;
use crate::model::{Names, Region};
use crate::plan::{self, page_count, paged_url, PageKind, Planned, TermPage};
use crate::rebuild::Affected;

pub struct Terms;

impl Family for Terms {
    type Page = TermPage;

    fn plan(site: &Site, index: &Index, out: &mut Vec<Planned>) {
        let per_page = site.config.paginate_by;
        let term = |url: String, page| Planned::new(url, PageKind::Term(page));
        for kind in TermKind::ALL {
            out.push(term(format!("{}/", kind.section()), TermPage::Index(kind)));
            for id in kind.ids(site, index) {
                let first = kind.url(id);
                for n in 1..=page_count(index.articles(kind, id).len(), per_page) {
                    let id = id.to_string();
                    out.push(term(
                        paged_url(&first, n),
                        TermPage::Page { kind, id, page: n },
                    ));
                }
                if kind.has_profiles() {
                    let id = id.to_string();
                    out.push(term(
                        format!("{first}{}", plan::PRINT),
                        TermPage::Print { kind, id },
                    ));
                }
            }
        }
    }

    fn render(r: &Renderer, planned: &Planned, page: &TermPage) -> Result<Vec<u8>, Diagnostic> {
        let root = r.root();
        let template = Self::template(page).unwrap_or_default();
        match page {
            TermPage::Index(kind) => {
                r.finish(planned, template, &r.term_index(&root, planned, *kind))
            }
            TermPage::Page { kind, id, page: n } => match kind {
                TermKind::Country => {
                    let page = r.country_page(&root, planned, id, *n)?;
                    r.finish(planned, template, &r.with_picture(page, *kind, id, *n))
                }
                TermKind::Actor => {
                    let ctx = super::relations::WithRelations {
                        page: r.actor_page(&root, planned, id, *n)?,
                        relations: r.actor_relations(id),
                    };
                    r.finish(planned, template, &r.with_picture(ctx, *kind, id, *n))
                }
                TermKind::Place => {
                    let page = r.place_page(&root, planned, id, *n)?;
                    r.finish(planned, template, &r.with_picture(page, *kind, id, *n))
                }
                TermKind::Tag => r.finish(planned, template, &r.tag_page(&root, planned, id, *n)?),
            },
            TermPage::Print { kind, id } => {
                r.finish(planned, template, &r.print_page(&root, planned, *kind, id)?)
            }
        }
    }

    fn template(page: &TermPage) -> Option<&'static str> {
        Some(match page {
            TermPage::Index(kind) => kind.index_template(),
            TermPage::Page { kind, .. } => kind.page_template(),
            TermPage::Print { .. } => "print.html",
        })
    }

    fn affected(site: &Site, index: &Index, page: &TermPage, by: &Affected) -> bool {
        match page {
            // Counts only: they change when articles move.
            TermPage::Index(_) => by.moved,
            TermPage::Page { kind, id, page } => {
                let shown = by.moved
                    || by.shows_changed(index.articles(*kind, id), *page, site.config.paginate_by)
                    || (*page == 1 && by.any_of(index.mentioning(*kind, id)));
                // Country and place first pages have the map, shaded by
                // counts, and the charts of events at their places.
                let map = matches!(kind, TermKind::Country | TermKind::Place)
                    && *page == 1
                    && by.country_counts;
                map || (shown && by.terms.contains(&(*kind, id.clone())))
            }
            // Cards, and the profile (whose links move only with articles).
            TermPage::Print { kind, id } => {
                (by.moved || !by.cards.is_empty()) && by.terms.contains(&(*kind, id.clone()))
            }
        }
    }

    /// A print view holds every article of its term.
    fn gathers_site(page: &TermPage) -> bool {
        matches!(page, TermPage::Print { .. })
    }

    fn label(page: &TermPage) -> &'static str {
        match page {
            TermPage::Index(kind) | TermPage::Page { kind, .. } | TermPage::Print { kind, .. } => {
                kind.label()
            }
        }
    }
}

#[derive(Serialize)]
pub(super) struct TermCtx {
    pub(super) id: String,
    pub(super) name: String,
    /// Region of a country, kind of an actor, "tag" for a tag.
    pub(super) kind: String,
    /// The region or kind in words, in the site's language.
    pub(super) kind_label: String,
    pub(super) iso: Option<String>,
    /// The profile text as HTML, in the site's language when it has one.
    pub(super) profile: String,
    pub(super) count: usize,
    /// "12 articles", with the language's plural.
    pub(super) count_label: String,
    pub(super) feed: String,
    /// The whole file on one page, for printing (countries and actors).
    pub(super) print: Option<String>,
}

#[derive(Serialize)]
pub(super) struct TermPageCtx<'a> {
    #[serde(flatten)]
    pub(super) head: Head<'a>,
    pub(super) term: TermCtx,
    pub(super) articles: Vec<Listed<'a>>,
    pub(super) pagination: Pagination,
    /// On paged lists: which articles this page shows.
    pub(super) paged_note: Option<String>,
    /// Actors seen in this country; countries in this actor's articles.
    pub(super) seen_with: Vec<TermRef>,
    /// Other actors appearing with this actor.
    pub(super) also_with: Vec<TermRef>,
    pub(super) months: Vec<MonthCount>,
    /// Inline SVG with this country highlighted; empty for other terms.
    pub(super) map: String,
    /// Newest articles naming this term only in passing (first page).
    pub(super) mentioned: Vec<Listed<'a>>,
    /// "Mentioned in passing in 3 articles", kept apart from `term.count`.
    pub(super) mentioned_label: String,
    /// More mentions than listed here: the print view has them all.
    pub(super) mentioned_more: bool,
}

/// A whole country or actor file on one page.
#[derive(Serialize)]
pub(super) struct PrintCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    term: TermCtx,
    articles: Vec<Printed<'a>>,
    mentioned: Vec<Printed<'a>>,
    mentioned_label: String,
    /// The term's page.
    back: String,
}

/// An article of a print view: its card as lists show it (rendered once
/// per build), and its address written out for paper.
#[derive(Serialize)]
pub(super) struct Printed<'a> {
    #[serde(flatten)]
    card: Listed<'a>,
    url: String,
}

/// What a term page lists besides its profile.
pub(super) struct TermLists<'l> {
    pub(super) list: &'l [usize],
    pub(super) mentioned: &'l [usize],
    pub(super) kind: TermKind,
    pub(super) seen_with: Vec<TermRef>,
    pub(super) also_with: Vec<TermRef>,
}

/// The part of a profile body in `lang`. A body may hold one section per
/// language, each opened by a line `<!-- lang: fr -->`; text before the
/// first such line is the default.
pub fn profile_body(body: &str, lang: Lang) -> &str {
    let mut sections: Vec<(Option<&str>, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<&str> = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let marker = line
            .trim()
            .strip_prefix("<!--")
            .and_then(|l| l.strip_suffix("-->"))
            .and_then(|l| l.trim().strip_prefix("lang:"))
            .map(str::trim);
        if let Some(code) = marker {
            sections.push((current, &body[start..at]));
            current = Some(code);
            start = at + line.len();
        }
        at += line.len();
    }
    sections.push((current, &body[start..]));
    let wanted = sections.iter().find(|(code, _)| *code == Some(lang.code()));
    let default = sections
        .iter()
        .find(|(code, text)| code.is_none() && !text.trim().is_empty());
    wanted
        .or(default)
        .or(sections.iter().find(|(code, _)| code.is_some()))
        .map_or("", |(_, text)| text)
}

/// A tag's display name: its profile's name in `lang`, else the tag as
/// written with each word capitalised ("air-defence" -> "Air Defence").
pub fn default_tag_name(written: &str) -> String {
    written
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(capitalised)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The list of `id` in `by`, empty if it has none.
fn slice_of<'m, T>(by: &'m HashMap<String, Vec<T>>, id: &str) -> &'m [T] {
    by.get(id).map(Vec::as_slice).unwrap_or_default()
}

impl Renderer<'_> {
    /// The display name of the tag `slug`, first written as `written`.
    pub(super) fn tag_name(&self, slug: &str, written: &str) -> String {
        let profile = self.site.tags.get(slug);
        match profile.and_then(|p| p.names.as_ref().map(|n: &Names| n.get(self.lang))) {
            Some(name) => name.to_string(),
            None => profile
                .and_then(|p| p.name.clone())
                .unwrap_or_else(|| default_tag_name(written)),
        }
    }

    pub(super) fn profile_html(&self, body: &str) -> String {
        self.markdown_html(profile_body(body, self.lang)).html
    }

    pub(super) fn term(&self, kind: TermKind, id: &str) -> (TermCtx, &[usize], &[usize]) {
        let ctx = match kind {
            TermKind::Country => {
                let c = self
                    .site
                    .profiles
                    .country(id)
                    .expect("planned from the profiles");
                let ctx = TermCtx {
                    id: id.to_string(),
                    name: country_name(c, self.lang).to_string(),
                    kind: region_id(c.region).to_string(),
                    kind_label: match c.region {
                        Region::Sahel => self.t.region_sahel,
                        Region::Coastal => self.t.region_coastal,
                        Region::External => self.t.region_external,
                    }
                    .to_string(),
                    iso: Some(c.iso.clone()),
                    profile: self.profile_html(&c.body),
                    count: 0,
                    count_label: String::new(),
                    feed: format!("{}atom.xml", kind.url(id)),
                    print: Some(format!("{}{}", kind.url(id), plan::PRINT)),
                };
                ctx
            }
            TermKind::Actor => {
                let a = self
                    .site
                    .profiles
                    .actor(id)
                    .expect("planned from the profiles");
                let ctx = TermCtx {
                    id: id.to_string(),
                    name: actor_name(a, self.lang).to_string(),
                    kind: kind_label(a.kind, self.lang).to_string(),
                    kind_label: kind_label(a.kind, self.lang).to_string(),
                    iso: None,
                    profile: self.profile_html(&a.body),
                    count: 0,
                    count_label: String::new(),
                    feed: format!("{}atom.xml", kind.url(id)),
                    print: Some(format!("{}{}", kind.url(id), plan::PRINT)),
                };
                ctx
            }
            TermKind::Place => self.place_term(id),
            TermKind::Tag => TermCtx {
                id: id.to_string(),
                name: self.term_ref(kind, id, 0).name,
                kind: "tag".to_string(),
                kind_label: self.t.tags.to_string(),
                iso: None,
                profile: self
                    .site
                    .tags
                    .get(id)
                    .map_or(String::new(), |p| self.profile_html(&p.body)),
                count: 0,
                count_label: String::new(),
                feed: format!("{}atom.xml", kind.url(id)),
                print: None,
            },
        };
        let list = self.index.articles(kind, id);
        let mentioned = self.index.mentioning(kind, id);
        let ctx = TermCtx {
            count: list.len(),
            count_label: article_count(list.len(), self.lang),
            ..ctx
        };
        (ctx, list, mentioned)
    }

    pub(super) fn country_page<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
        id: &str,
        n: usize,
    ) -> Result<TermPageCtx<'b>, Diagnostic> {
        let (term, list, mentioned) = self.term(TermKind::Country, id);
        let seen_with = self
            .index
            .actors_in_country
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .take(20)
            .map(|(a, c)| self.actor_ref(a, *c))
            .collect();
        let lists = TermLists {
            list,
            mentioned,
            kind: TermKind::Country,
            seen_with,
            also_with: Vec::new(),
        };
        let mut ctx = self.term_ctx(root, page, term, lists, n)?;
        if n == 1 {
            let iso = &self.site.profiles.country(id).expect("planned").iso;
            ctx.map = self.picture_map(root, Some(iso), Some((TermKind::Country, id)));
            // The month links open this country's section of the briefing.
            let anchor = plan::month_section(id);
            for m in &mut ctx.months {
                m.path = format!("{}#{anchor}", m.path);
            }
        }
        Ok(ctx)
    }

    pub(super) fn actor_page<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
        id: &str,
        n: usize,
    ) -> Result<TermPageCtx<'b>, Diagnostic> {
        let (term, list, mentioned) = self.term(TermKind::Actor, id);
        let ranked = |by| slice_of(by, id);
        let lists = TermLists {
            list,
            mentioned,
            kind: TermKind::Actor,
            seen_with: ranked(&self.index.countries_of_actor)
                .iter()
                .take(20)
                .map(|(c, n)| self.country_ref(c, *n))
                .collect(),
            also_with: ranked(&self.index.actors_with_actor)
                .iter()
                .take(20)
                .map(|(a, n)| self.actor_ref(a, *n))
                .collect(),
        };
        self.term_ctx(root, page, term, lists, n)
    }

    pub(super) fn tag_page<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
        slug: &str,
        n: usize,
    ) -> Result<TermPageCtx<'b>, Diagnostic> {
        let (term, list, _) = self.term(TermKind::Tag, slug);
        let lists = TermLists {
            list,
            mentioned: &[],
            kind: TermKind::Tag,
            seen_with: Vec::new(),
            also_with: Vec::new(),
        };
        self.term_ctx(root, page, term, lists, n)
    }

    pub(super) fn term_ctx<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
        term: TermCtx,
        lists: TermLists,
        n: usize,
    ) -> Result<TermPageCtx<'b>, Diagnostic> {
        let per_page = self.site.config.paginate_by;
        let list = lists.list;
        let total = page_count(list.len(), per_page);
        let start = ((n - 1) * per_page).min(list.len());
        let end = (start + per_page).min(list.len());
        // The first page's URL comes from the term, never from this page's
        // URL: a slug may hold "page" (a tag `front-page`).
        let first = lists.kind.url(&term.id);
        let mut title = term.name.clone();
        if n > 1 {
            title = format!("{title} ({} {n})", self.t.page);
        }
        let mut head = self.head(
            root,
            page,
            title,
            truncate(&first_text(&term.profile), 160),
            lists.kind.section(),
        );
        head.feed = Some(term.feed.clone());
        let mentioned = if n == 1 {
            &lists.mentioned[..lists.mentioned.len().min(per_page)]
        } else {
            &[]
        };
        Ok(TermPageCtx {
            head,
            articles: self.listed(&list[start..end], CardStyle::Full)?,
            paged_note: (total > 1).then(|| paged_note(start + 1, end, list.len(), self.lang)),
            pagination: Pagination::new(&first, n, total),
            term,
            seen_with: lists.seen_with,
            also_with: lists.also_with,
            // The whole list is needed for the timeline only on the first page.
            months: if n == 1 {
                self.months(list)
            } else {
                Vec::new()
            },
            map: String::new(),
            mentioned: self.listed(mentioned, CardStyle::Compact)?,
            mentioned_label: if lists.mentioned.is_empty() {
                String::new()
            } else {
                mentioned_count(lists.mentioned.len(), self.lang)
            },
            mentioned_more: n == 1 && lists.mentioned.len() > mentioned.len(),
        })
    }

    pub(super) fn print_page<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
        kind: TermKind,
        id: &str,
    ) -> Result<PrintCtx<'b>, Diagnostic> {
        let (term, list, mentioned) = self.term(kind, id);
        let title = format!("{} · {}", term.name, self.t.full_file);
        let mut head = self.head(root, page, title, String::new(), "print");
        head.feed = Some(term.feed.clone());
        let back = page.url.trim_end_matches(plan::PRINT).to_string();
        Ok(PrintCtx {
            head,
            articles: self.printed(list, CardStyle::Full)?,
            mentioned: self.printed(mentioned, CardStyle::Compact)?,
            mentioned_label: if mentioned.is_empty() {
                String::new()
            } else {
                mentioned_count(mentioned.len(), self.lang)
            },
            term,
            back,
        })
    }
}

impl Renderer<'_> {
    fn printed(&self, list: &[usize], style: CardStyle) -> Result<Vec<Printed<'_>>, Diagnostic> {
        let absolute = self.site.config.absolute_root();
        Ok(self
            .listed(list, style)?
            .into_iter()
            .zip(list)
            .map(|(card, &i)| Printed {
                card,
                url: format!(
                    "{absolute}{}",
                    plan::article_url(&self.site.articles[i].slug)
                ),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_body_picks_the_site_language() {
        let body = "English text.\n<!-- lang: fr -->\nTexte français.\n";
        assert_eq!(profile_body(body, Lang::En), "English text.\n");
        assert_eq!(profile_body(body, Lang::Fr), "Texte français.\n");
        let both = "<!-- lang: en -->\nIn English.\n<!--lang:fr-->\nEn français.\n";
        assert_eq!(profile_body(both, Lang::En), "In English.\n");
        assert_eq!(profile_body(both, Lang::Fr), "En français.\n");
        let only_fr = "<!-- lang: fr -->\nSeulement.\n";
        assert_eq!(profile_body(only_fr, Lang::En), "Seulement.\n");
        assert_eq!(profile_body("Plain.\n", Lang::Fr), "Plain.\n");
        assert_eq!(profile_body("", Lang::Fr), "");
    }

    #[test]
    fn tags_without_a_profile_are_title_cased() {
        assert_eq!(
            default_tag_name("regional-organisations"),
            "Regional Organisations"
        );
        assert_eq!(default_tag_name("coup"), "Coup");
        assert_eq!(default_tag_name("élections"), "Élections");
    }
}
