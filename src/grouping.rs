//! The groupings articles are filed under: countries, actors, places and
//! tags.
//!
//! A grouping is one [`TermKind`]: where its pages live, which of an
//! article's fields file it there, which ids get a page, and which
//! templates show it. Plan, index lookups, rebuild rules and search go
//! through this type, so adding a grouping is one variant here, its list in
//! `Index`, and its templates (see the README's architecture section).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::index::Index;
use crate::model::{tag_slug, Article, Site};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TermKind {
    Country,
    Actor,
    Place,
    Tag,
}

impl TermKind {
    pub const ALL: [TermKind; 4] = [
        TermKind::Country,
        TermKind::Actor,
        TermKind::Place,
        TermKind::Tag,
    ];

    /// The first segment of its URLs, and its content folder.
    pub fn section(self) -> &'static str {
        match self {
            TermKind::Country => "countries",
            TermKind::Actor => "actors",
            TermKind::Place => "places",
            TermKind::Tag => "tags",
        }
    }

    /// A short name of its pages, for the build summary.
    pub fn label(self) -> &'static str {
        match self {
            TermKind::Country => "country pages",
            TermKind::Actor => "actor pages",
            TermKind::Place => "place pages",
            TermKind::Tag => "tag pages",
        }
    }

    /// The template of one term's page.
    pub fn page_template(self) -> &'static str {
        match self {
            TermKind::Country => "country.html",
            TermKind::Actor => "actor.html",
            TermKind::Place => "place.html",
            TermKind::Tag => "tag.html",
        }
    }

    /// The template of the index of every term.
    pub fn index_template(self) -> &'static str {
        match self {
            TermKind::Country => "countries.html",
            TermKind::Actor => "actors.html",
            TermKind::Place => "places.html",
            TermKind::Tag => "tags.html",
        }
    }

    /// Groupings with profiles: every profile gets a page even with no
    /// article yet, a print view, and articles can mention it in passing.
    pub fn has_profiles(self) -> bool {
        match self {
            TermKind::Country | TermKind::Actor | TermKind::Place => true,
            TermKind::Tag => false,
        }
    }

    /// The URL of a term's first page. Tag slugs keep every script and are
    /// percent-encoded here (the file on disk keeps the UTF-8 name).
    pub fn url(self, id: &str) -> String {
        match self {
            TermKind::Tag => crate::plan::tag_url(id),
            _ => format!("{}/{id}/", self.section()),
        }
    }

    /// The ids article `a` is filed under, in its order. Places are its
    /// `places` and those of its events (the index adds their regions).
    pub fn of(self, a: &Article) -> Vec<Cow<'_, str>> {
        match self {
            TermKind::Country => a.countries.iter().map(|s| Cow::from(s.as_str())).collect(),
            TermKind::Actor => a.actors.iter().map(|s| Cow::from(s.as_str())).collect(),
            TermKind::Place => {
                let mut ids: Vec<Cow<'_, str>> = Vec::new();
                let events = a.events.iter().map(|e| &e.place);
                for id in a.places.iter().chain(events) {
                    if !ids.iter().any(|x| x == id) {
                        ids.push(Cow::from(id.as_str()));
                    }
                }
                ids
            }
            TermKind::Tag => a.tags.iter().map(|t| Cow::from(tag_slug(t))).collect(),
        }
    }

    /// The ids article `a` names only in passing.
    pub fn mentioned_in(self, a: &Article) -> &[String] {
        match self {
            TermKind::Country => &a.mentions.countries,
            TermKind::Actor => &a.mentions.actors,
            TermKind::Place | TermKind::Tag => &[],
        }
    }

    /// Every id with a page, in the order the plan lists them.
    pub fn ids<'s>(self, site: &'s Site, index: &'s Index) -> Vec<&'s str> {
        match self {
            TermKind::Country => site
                .profiles
                .countries
                .iter()
                .map(|c| c.id.as_str())
                .collect(),
            TermKind::Actor => site.profiles.actors.iter().map(|a| a.id.as_str()).collect(),
            TermKind::Place => site.profiles.places.iter().map(|p| p.id.as_str()).collect(),
            TermKind::Tag => index.by_tag.keys().map(String::as_str).collect(),
        }
    }
}

impl Index {
    /// The articles filed under a term, newest first.
    pub fn articles(&self, kind: TermKind, id: &str) -> &[usize] {
        let list = match kind {
            TermKind::Country => self.by_country.get(id),
            TermKind::Actor => self.by_actor.get(id),
            TermKind::Place => self.by_place.get(id),
            TermKind::Tag => self.by_tag.get(id).map(|t| &t.articles),
        };
        list.map_or(&[], Vec::as_slice)
    }

    /// The articles naming a term only in passing, newest first.
    pub fn mentioning(&self, kind: TermKind, id: &str) -> &[usize] {
        let list = match kind {
            TermKind::Country => self.mentioning_country.get(id),
            TermKind::Actor => self.mentioning_actor.get(id),
            TermKind::Place | TermKind::Tag => None,
        };
        list.map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grouping_has_its_own_section_and_templates() {
        let mut seen = std::collections::HashSet::new();
        for kind in TermKind::ALL {
            assert!(seen.insert(kind.section()));
            assert!(seen.insert(kind.page_template()));
            assert!(seen.insert(kind.index_template()));
            assert!(kind.url("x").starts_with(kind.section()));
        }
        assert_eq!(TermKind::Tag.url("sécurité"), "tags/s%C3%A9curit%C3%A9/");
    }
}
