//! What the article says of one entity, and what its profile says of
//! the article's date.

use rustc_hash::FxHashSet as HashSet;

use chrono::NaiveDate;

use super::Hit;
use crate::import::gazetteer::{Entity, Strength};
use crate::model::Profiles;

/// Evidence gathered for one entity.
#[derive(Debug, Default, Clone)]
pub(super) struct Evidence {
    pub(super) title: bool,
    pub(super) lead: bool,
    pub(super) hashtag: bool,
    /// Some name of it identifies it alone.
    pub(super) strong: bool,
    /// Sentences naming it in full, in a list, by a demonym, by a weak name.
    pub(super) sentences: HashSet<usize>,
    pub(super) list_sentences: HashSet<usize>,
    pub(super) demonym_sentences: HashSet<usize>,
    pub(super) weak_sentences: HashSet<usize>,
    /// Paragraphs naming it.
    pub(super) blocks: HashSet<usize>,
    /// Sentences where it stands at the head, as the subject.
    pub(super) subjects: HashSet<usize>,
    /// The first sentence naming it.
    pub(super) first: Option<usize>,
    /// Sentences where it only qualifies an actor (`Russia's Africa Corps`):
    /// a mention, no weight.
    pub(super) qualified: HashSet<usize>,
}

impl Evidence {
    pub(super) fn record(&mut self, h: &Hit, strength: Strength) {
        if h.qualifier {
            self.qualified.insert(h.sentence);
            return;
        }
        if strength != Strength::Demonym && !h.list {
            self.blocks.insert(h.block);
            if h.subject {
                self.subjects.insert(h.sentence);
            }
        }
        self.first = Some(self.first.map_or(h.sentence, |f| f.min(h.sentence)));
        self.title |= h.title;
        self.lead |= h.lead && strength == Strength::Strong && !h.list;
        self.hashtag |= h.hashtag;
        match strength {
            Strength::Strong if h.list => {
                self.strong = true;
                self.list_sentences.insert(h.sentence);
            }
            Strength::Strong => {
                self.strong = true;
                self.sentences.insert(h.sentence);
            }
            Strength::Demonym => {
                self.demonym_sentences.insert(h.sentence);
            }
            Strength::Weak => {
                self.weak_sentences.insert(h.sentence);
            }
        }
    }

    /// A sentence that stands for it (an office, a description, a
    /// pronoun) without naming it.
    pub(super) fn corefer(&mut self, h: &Hit) {
        self.sentences.insert(h.sentence);
        self.blocks.insert(h.block);
        self.title |= h.title;
        if h.subject {
            self.subjects.insert(h.sentence);
        }
    }

    /// Sentences that name it, each counted once at its best: a full name
    /// 1, a list entry or a demonym 1/2.
    pub(super) fn weight(&self) -> f32 {
        let full = self.sentences.len() as f32;
        let half = self
            .list_sentences
            .union(&self.demonym_sentences)
            .filter(|s| !self.sentences.contains(s))
            .count() as f32;
        full + 0.5 * half + if self.hashtag { 0.5 } else { 0.0 }
    }

    /// Whether the country is central enough to support weak or generic
    /// names of its actors.
    pub(super) fn central(&self) -> bool {
        self.title || self.lead || self.sentences.len() >= 2
    }
}

/// Whether the actor was active at the article's date; `None` when it has
/// no dates or the article's date is unknown.
pub(super) fn in_range(
    profiles: &Profiles,
    entity: Entity,
    date: Option<NaiveDate>,
) -> Option<bool> {
    let (Entity::Actor(i), Some(date)) = (entity, date) else {
        return None;
    };
    let a = &profiles.actors[i];
    if a.active_from.is_none() && a.active_until.is_none() {
        return None;
    }
    let grace = chrono::Days::new(31);
    let after_start = a
        .active_from
        .is_none_or(|f| date >= f.checked_sub_days(grace).unwrap_or(f));
    let before_end = a
        .active_until
        .is_none_or(|u| date <= u.checked_add_days(grace).unwrap_or(u));
    Some(after_start && before_end)
}

/// Whether the person held office at the article's date, to the day (a
/// deposed president is no longer `le président`); true when unknown.
pub(super) fn in_office(profiles: &Profiles, entity: Entity, date: Option<NaiveDate>) -> bool {
    let (Entity::Actor(i), Some(date)) = (entity, date) else {
        return true;
    };
    let a = &profiles.actors[i];
    a.active_from.is_none_or(|f| date >= f) && a.active_until.is_none_or(|u| date <= u)
}

pub(super) fn affiliation(profiles: &Profiles, entity: Entity) -> Vec<Entity> {
    match entity {
        Entity::Actor(i) => profiles.actors[i]
            .affiliation
            .iter()
            .filter_map(|id| profiles.country_index.get(id).map(|&c| Entity::Country(c)))
            .collect(),
        Entity::Country(_) => Vec::new(),
    }
}
