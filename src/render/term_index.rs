//! The index of each grouping: countries by region with the map, actors
//! by kind, tags by use.

use serde::Serialize;

use super::{region_id, Head, Renderer, TermRef};
use crate::grouping::TermKind;
use crate::i18n::kind_label;
use crate::model::{ActorKind, Region};
use crate::plan::{self, Planned};

#[derive(Serialize)]
pub(super) struct Group {
    pub(super) id: String,
    pub(super) label: String,
    pub(super) terms: Vec<TermRef>,
}

#[derive(Serialize)]
pub(super) struct GroupsCtx<'a> {
    #[serde(flatten)]
    pub(super) head: Head<'a>,
    pub(super) groups: Vec<Group>,
    /// Inline SVG on the countries index, empty elsewhere.
    pub(super) map: String,
}

impl Renderer<'_> {
    pub(super) fn term_index<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
        kind: TermKind,
    ) -> GroupsCtx<'b> {
        match kind {
            TermKind::Country => self.countries_page(root, page),
            TermKind::Actor => self.actors_page(root, page),
            TermKind::Place => self.places_page(root, page),
            TermKind::Tag => self.tags_page(root, page),
        }
    }

    fn countries_page<'b>(&'b self, root: &'b str, page: &'b Planned) -> GroupsCtx<'b> {
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
                    self.country_ref(&c.id, self.index.articles(TermKind::Country, &c.id).len())
                })
                .collect();
            terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
            if !terms.is_empty() {
                groups.push(Group {
                    id: region_id(region).to_string(),
                    label: label.to_string(),
                    terms,
                });
            }
        }
        GroupsCtx {
            head: self.head(
                root,
                page,
                self.t.countries.to_string(),
                String::new(),
                "countries",
            ),
            groups,
            map: self.map(root, None),
        }
    }

    fn actors_page<'b>(&'b self, root: &'b str, page: &'b Planned) -> GroupsCtx<'b> {
        let mut groups = Vec::new();
        for kind in ActorKind::ALL {
            let mut terms: Vec<TermRef> = self
                .site
                .profiles
                .actors
                .iter()
                .filter(|a| a.kind == kind)
                .map(|a| self.actor_ref(&a.id, self.index.articles(TermKind::Actor, &a.id).len()))
                .collect();
            terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
            if !terms.is_empty() {
                groups.push(Group {
                    id: kind.id().to_string(),
                    label: kind_label(kind, self.lang).to_string(),
                    terms,
                });
            }
        }
        GroupsCtx {
            head: self.head(
                root,
                page,
                self.t.actors.to_string(),
                String::new(),
                "actors",
            ),
            groups,
            map: String::new(),
        }
    }

    fn tags_page<'b>(&'b self, root: &'b str, page: &'b Planned) -> GroupsCtx<'b> {
        let mut terms: Vec<TermRef> = self
            .index
            .by_tag
            .iter()
            .map(|(slug, tag)| TermRef {
                id: slug.clone(),
                name: self.tag_name(slug, &tag.name),
                path: plan::tag_url(slug),
                count: tag.articles.len(),
            })
            .collect();
        terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        GroupsCtx {
            head: self.head(root, page, self.t.tags.to_string(), String::new(), "tags"),
            groups: vec![Group {
                id: "tags".to_string(),
                label: self.t.tags.to_string(),
                terms,
            }],
            map: String::new(),
        }
    }
}
