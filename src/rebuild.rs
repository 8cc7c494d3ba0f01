//! What a change of the site's sources needs redone: plain functions with
//! their own tests (in the manner of Zola's `rebuild` component), shared by
//! `build` and `serve`. Each output family then answers, from an
//! [`Affected`], whether one of its files can have changed
//! (`render::Family::affected`).

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::grouping::TermKind;
use crate::incremental::stamp;
use crate::model::Article;

/// What changed among the articles, in the terms the families ask about.
/// Positions are in the site after the change.
#[derive(Debug, Default, Clone)]
pub struct Affected {
    /// Articles whose text or card may have changed, or that were added:
    /// their own pages and every page showing them are redone.
    pub articles: BTreeSet<usize>,
    /// Those of `articles` whose card (what lists show of an article:
    /// `render::Card`) may have changed: the lists showing them are
    /// redone. A body edited past its summary changes no card.
    pub cards: BTreeSet<usize>,
    /// Articles were added, removed, or moved in some list: the lists of
    /// `terms` and `months`, and every count and index, are redone.
    pub moved: bool,
    /// The terms of the changed articles, before and after, including
    /// those they only mention.
    pub terms: HashSet<(TermKind, String)>,
    /// The months of the changed articles, before and after.
    pub months: BTreeSet<(i32, u32)>,
    /// The set of months with articles changed: archive navigation moves.
    pub months_changed: bool,
    /// Some country's number of articles changed: maps shade by it.
    pub country_counts: bool,
    /// Articles whose list of related articles changed.
    pub related: BTreeSet<usize>,
    /// An article's `updated` date changed: the sitemap shows it.
    pub updated: bool,
    /// Some article's search entry changed.
    pub search: bool,
    /// With `search` and nothing moved: the search shards that can change
    /// (None: every shard, when they are not known).
    pub search_parts: Option<SearchParts>,
    /// The file names or slugs of articles changed: a link written as a
    /// content path (`x.md`) may now resolve elsewhere.
    pub links: bool,
}

/// The search files changed in place articles reach: document numbers
/// stay, so only the shards where their postings or records differ.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SearchParts {
    /// Word shards holding a word or term whose postings differ.
    pub words: BTreeSet<usize>,
    /// Record shards holding a changed record.
    pub docs: BTreeSet<usize>,
    /// The documents whose search entry changed.
    pub changed: BTreeSet<u32>,
}

impl Affected {
    /// Whether any of `list` on page `page` (1-based) of `per_page` has a
    /// changed card.
    pub fn shows_changed(&self, list: &[usize], page: usize, per_page: usize) -> bool {
        let per_page = per_page.max(1);
        let from = (page - 1) * per_page;
        let shown = list.get(from..(from + per_page).min(list.len()));
        shown.is_some_and(|shown| self.any_of(shown))
    }

    /// Whether any article of `list` (sorted positions) has a changed
    /// card.
    pub fn any_of(&self, list: &[usize]) -> bool {
        if list.len() < self.cards.len() {
            list.iter().any(|i| self.cards.contains(i))
        } else {
            self.cards.iter().any(|i| list.binary_search(i).is_ok())
        }
    }

    /// Whether the lists of the months `within` says (archive pages) can
    /// change: the set of months did, or one of them holds a changed
    /// article and cards changed or articles moved.
    pub fn lists_months(&self, within: impl Fn(&(i32, u32)) -> bool) -> bool {
        self.months_changed
            || ((self.moved || !self.cards.is_empty()) && self.months.iter().any(within))
    }

    /// Adds what an article is filed under (before or after a change).
    pub fn add_terms(&mut self, a: &Placement) {
        self.add_shown(a);
        self.country_counts |= a.counted;
    }

    /// Adds the terms and month of an article whose text changed where it
    /// stands: the pages and feeds listing it show its text.
    pub fn add_shown(&mut self, a: &Placement) {
        self.terms.extend(a.terms.iter().cloned());
        self.months.insert((a.date.year(), a.date.month()));
    }
}

/// Where an article is filed: what decides its place in every list and
/// index, and which terms a change of it reaches. Computed from the
/// article, and kept between builds in the cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub path: PathBuf,
    pub slug: String,
    pub date: NaiveDate,
    pub datetime: DateTime<Utc>,
    pub updated: Option<NaiveDate>,
    pub countries: Vec<String>,
    pub actors: Vec<String>,
    pub tags: Vec<String>,
    pub places: Vec<String>,
    pub mentions: (Vec<String>, Vec<String>),
    /// A stamp of its `[[events]]`.
    pub events: u64,
    /// A stamp of what it cites (`[source]`, `[[sources]]`): the sources
    /// index and the outlets' feeds count and type the outlets by them.
    pub sources: u64,
    /// Every term it is filed under or mentions, and those its events
    /// name (event charts: the actors an event names).
    pub terms: Vec<(TermKind, String)>,
    /// Whether it counts in some country's number of articles (maps shade
    /// by it): it has countries or events.
    pub counted: bool,
}

impl Placement {
    pub fn of(a: &Article) -> Placement {
        let mut terms = Vec::new();
        for kind in TermKind::ALL {
            terms.extend(kind.of(a).into_iter().map(|id| (kind, id.into_owned())));
            terms.extend(kind.mentioned_in(a).iter().map(|id| (kind, id.clone())));
        }
        for e in &a.events {
            let actors = e.actors.iter().map(|x| &x.id).chain(&e.claimed_by);
            terms.extend(actors.map(|id| (TermKind::Actor, id.clone())));
        }
        Placement {
            path: a.path.clone(),
            slug: a.slug.clone(),
            date: a.date,
            datetime: a.datetime,
            updated: a.updated,
            countries: a.countries.clone(),
            actors: a.actors.clone(),
            tags: a.tags.clone(),
            places: a.places.clone(),
            mentions: (a.mentions.countries.clone(), a.mentions.actors.clone()),
            // Every field of an event is plain data: its debug form is a
            // faithful picture of it.
            events: stamp(format!("{:?}", a.events).as_bytes()).1,
            sources: stamp(format!("{:?}{:?}", a.source, a.sources).as_bytes()).1,
            terms,
            counted: !a.countries.is_empty() || !a.events.is_empty(),
        }
    }
}

/// Whether `new` sits exactly where `old` did in every list and index, so
/// that only the pages showing it change (Zola's "no sort needed").
pub fn same_place(old: &Placement, new: &Placement) -> bool {
    old.slug == new.slug
        && old.path == new.path
        && old.datetime == new.datetime
        && old.date == new.date
        && old.countries == new.countries
        && old.actors == new.actors
        && old.tags == new.tags
        && old.mentions == new.mentions
        && old.places == new.places
        && old.events == new.events
        && old.sources == new.sources
}

/// What replacing the `old` versions of some articles with their `new`
/// versions (None: absent) needs, before positions are known. The caller
/// adds the new positions, related lists and search entries.
pub fn compare(changes: &[(Option<&Placement>, Option<&Placement>)]) -> Affected {
    let mut affected = Affected::default();
    for (old, new) in changes {
        match (old, new) {
            (Some(old), Some(new)) => {
                affected.moved |= !same_place(old, new);
                affected.updated |= old.updated != new.updated;
                affected.links |= old.slug != new.slug;
            }
            _ => {
                affected.moved = true;
                affected.links = true;
                affected.updated = true;
            }
        }
        for a in old.iter().chain(new) {
            affected.add_terms(a);
        }
    }
    if !affected.moved {
        // Lists keep their articles and their counts.
        affected.country_counts = false;
    }
    affected
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(slug: &str, date: &str, countries: &[&str]) -> Article {
        let text = format!(
            "+++\ntitle = \"T\"\ndate = {date}\ncountries = {countries:?}\ntags = [\"Air Defence\"]\n+++\nBody\n"
        );
        let path = format!("content/articles/{slug}.md");
        crate::load::parse_article_text(std::path::Path::new(&path), &text).unwrap()
    }

    #[test]
    fn a_body_edit_moves_nothing() {
        let old = article("a", "2024-04-12", &["niger"]);
        let mut new = old.clone();
        new.body = "Other body\n".into();
        let affected = compare(&[(Some(&Placement::of(&old)), Some(&Placement::of(&new)))]);
        assert!(!affected.moved && !affected.updated && !affected.links);
        assert!(!affected.country_counts);
        assert!(affected
            .terms
            .contains(&(TermKind::Tag, "air-defence".to_string())));
        assert_eq!(affected.months, BTreeSet::from([(2024, 4)]));
    }

    #[test]
    fn a_new_date_or_country_moves_the_article_in_old_and_new_lists() {
        let old = article("a", "2024-04-12", &["niger"]);
        let new = article("a", "2024-05-01", &["mali"]);
        let affected = compare(&[(Some(&Placement::of(&old)), Some(&Placement::of(&new)))]);
        assert!(affected.moved && affected.country_counts);
        assert_eq!(affected.months, BTreeSet::from([(2024, 4), (2024, 5)]));
        for id in ["niger", "mali"] {
            assert!(affected.terms.contains(&(TermKind::Country, id.into())));
        }
    }

    #[test]
    fn a_changed_event_moves_the_article_and_reaches_its_actors_and_places() {
        let old = article("a", "2024-04-12", &["niger"]);
        let mut new = old.clone();
        let text = "+++\ntitle = \"T\"\ndate = 2024-04-12\ncountries = [\"niger\"]\n[[events]]\ndate = 2024-04-10\ntype = \"battles\"\nplace = \"ayorou\"\nactors = [{ id = \"jnim\" }]\n+++\n";
        let parsed = crate::load::parse_article_text(std::path::Path::new("a.md"), text).unwrap();
        new.events = parsed.events;
        let affected = compare(&[(Some(&Placement::of(&old)), Some(&Placement::of(&new)))]);
        assert!(affected.moved && affected.country_counts);
        assert!(affected.terms.contains(&(TermKind::Actor, "jnim".into())));
        assert!(affected.terms.contains(&(TermKind::Place, "ayorou".into())));
    }

    #[test]
    fn added_and_removed_articles_change_links_and_the_sitemap() {
        let a = Placement::of(&article("a", "2024-04-12", &[]));
        for change in [(None, Some(&a)), (Some(&a), None)] {
            let affected = compare(&[change]);
            assert!(affected.moved && affected.links && affected.updated);
            assert!(!affected.country_counts, "no country: no count changed");
        }
    }

    #[test]
    fn a_page_of_a_list_shows_a_changed_card_only_if_it_holds_it() {
        let affected = Affected {
            articles: BTreeSet::from([25, 30]),
            cards: BTreeSet::from([25]),
            ..Affected::default()
        };
        let list: Vec<usize> = (0..50).collect();
        assert!(!affected.shows_changed(&list, 1, 20));
        assert!(affected.shows_changed(&list, 2, 20));
        assert!(!affected.shows_changed(&list, 3, 20));
        assert!(!affected.shows_changed(&list, 9, 20), "past the end");
        assert!(affected.any_of(&[3, 25, 40]) && !affected.any_of(&[3, 24]));
        assert!(!affected.any_of(&[30]), "a text changed, not its card");
    }

    #[test]
    fn month_lists_change_with_cards_or_moves_in_their_months() {
        let mut affected = Affected {
            articles: BTreeSet::from([3]),
            months: BTreeSet::from([(2024, 4)]),
            ..Affected::default()
        };
        assert!(
            !affected.lists_months(|m| *m == (2024, 4)),
            "no card changed"
        );
        affected.cards.insert(3);
        assert!(affected.lists_months(|m| *m == (2024, 4)));
        assert!(!affected.lists_months(|m| *m == (2024, 5)));
        affected.cards.clear();
        affected.moved = true;
        assert!(affected.lists_months(|(y, _)| *y == 2024));
        affected.moved = false;
        affected.months_changed = true;
        assert!(affected.lists_months(|(y, _)| *y == 1999));
    }
}
