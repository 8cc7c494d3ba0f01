//! Which entities an article is about: evidence weighed against the
//! article's length.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use chrono::NaiveDate;

use super::coreference::{
    corefer_collective_pronouns, corefer_offices, corefer_official_pronouns, corefer_pronouns,
};
use super::evidence::{affiliation, in_range, Evidence};
use super::followers::corefer_followers;
use super::generic::{corefer_descriptions, corefer_juntas};
use super::succession::follow_successions;
use super::{Found, Hit, Layout};
use crate::import::gazetteer::{Entity, Strength};
use crate::model::{ActorKind, Profiles};

/// How salience is weighed for one kind of entity: the weight of an
/// entity is its sentences (a list entry or a demonym count half) plus
/// bonuses; it is a subject when in the title or when its weight reaches
/// `threshold`, raised for long articles by one `threshold` per `per` body
/// sentences.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Salience {
    /// Bonus per sentence where it stands at the head, as the subject.
    pub subject: f32,
    /// Bonus when named in the lead.
    pub lead: f32,
    /// Body sentences per extra `threshold` (0: no length scaling).
    pub per: f32,
    pub threshold: f32,
    /// Factor on the threshold for one section of a round-up weighed
    /// alone (0: sections are not weighed alone).
    pub section: f32,
}

/// The salience rules of countries and of actors. The defaults are the
/// ones the evaluation example chooses on the labelled corpus
/// (`cargo run --release --example eval_import`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SalienceRules {
    pub countries: Salience,
    pub actors: Salience,
}

impl Default for SalienceRules {
    /// Chosen by `eval_import` on the 56 labelled articles of the
    /// development corpus from a small grid; its 4-fold figure is the one
    /// to expect on other articles.
    fn default() -> Self {
        SalienceRules {
            // Named in two sentences (longer articles: more), or in the
            // title, or made a party by its people or its junta.
            countries: Salience {
                subject: 0.0,
                lead: 0.0,
                per: 120.0,
                threshold: 1.5,
                section: 0.0,
            },
            // Named in three sentences, or in two when the subject of
            // one, or in the lead, or in the title, whatever the
            // article's length.
            actors: Salience {
                subject: 0.5,
                lead: 2.0,
                per: 0.0,
                threshold: 2.5,
                section: 0.0,
            },
        }
    }
}

/// Body sentences of a news item too short to tell subjects from mentions.
pub(super) const SHORT: usize = 3;

impl Salience {
    fn weight(&self, ev: &Evidence) -> f32 {
        ev.weight()
            + self.subject * ev.subjects.len() as f32
            + if ev.lead { self.lead } else { 0.0 }
    }

    fn needed(&self, body_sentences: usize) -> f32 {
        if body_sentences <= SHORT {
            // A two-line news item is about everything it names.
            1.0
        } else if self.per > 0.0 {
            self.threshold * (1.0 + body_sentences as f32 / self.per)
        } else {
            self.threshold
        }
    }
}

pub(super) fn resolve(
    rules: &SalienceRules,
    hits: Vec<Hit>,
    profiles: &Profiles,
    date: Option<NaiveDate>,
    layout: &Layout,
) -> Vec<Found> {
    let mut evidence = named(&hits, profiles, date);
    let central: HashSet<Entity> = evidence
        .iter()
        .filter(|(e, ev)| matches!(e, Entity::Country(_)) && ev.central())
        .map(|(e, _)| *e)
        .collect();
    corefer_juntas(&mut evidence, profiles, date, &central, &hits);
    support_weak_names(&mut evidence, profiles, date, &central);
    corefer_offices(&mut evidence, profiles, date, &hits);
    corefer_descriptions(&mut evidence, profiles, date, &hits);
    corefer_followers(&mut evidence, profiles, date, &hits);
    corefer_pronouns(&mut evidence, profiles, &layout.pronoun_sentences);
    corefer_official_pronouns(&mut evidence, profiles, &layout.pronoun_sentences, &hits);
    corefer_collective_pronouns(&mut evidence, profiles, layout);
    let mut found = weigh(rules, &evidence, profiles, layout);
    promote_parties(&mut found, profiles);
    follow_successions(&mut found, profiles, date);
    found.sort_by(|a, b| {
        b.substantial
            .cmp(&a.substantial)
            .then(b.score.total_cmp(&a.score))
            .then(a.entity.cmp(&b.entity))
    });
    found
}

/// The evidence of every name: unambiguous ones first, then each
/// ambiguous one for the candidate the date and the rest of the article
/// support best (`CNSP` in 2020 is Mali's, in 2023 Niger's).
fn named(hits: &[Hit], profiles: &Profiles, date: Option<NaiveDate>) -> HashMap<Entity, Evidence> {
    let mut evidence: HashMap<Entity, Evidence> = HashMap::default();
    let mut ambiguous = Vec::new();
    for h in hits.iter().filter(|h| h.generic.is_none()) {
        if let [t] = h.targets[..] {
            evidence.entry(t.entity).or_default().record(h, t.strength);
        } else {
            ambiguous.push(h);
        }
    }
    for h in ambiguous {
        let best = h
            .targets
            .iter()
            .map(|t| {
                let mut score = 0.0f32;
                match in_range(profiles, t.entity, date) {
                    Some(true) => score += 4.0,
                    Some(false) => score -= 4.0,
                    None => {}
                }
                if evidence.get(&t.entity).is_some_and(|ev| ev.strong) {
                    score += 3.0;
                }
                for c in affiliation(profiles, t.entity) {
                    if let Some(ev) = evidence.get(&c) {
                        score +=
                            (ev.sentences.len() as f32).min(3.0) + if ev.title { 2.0 } else { 0.0 };
                    }
                }
                if t.strength == Strength::Strong {
                    score += 0.5;
                }
                (score, *t)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((score, t)) = best.filter(|(score, _)| *score > -2.0) {
            // A choice the article supports is as good as a full name.
            let strength = if t.strength == Strength::Weak && score >= 3.0 {
                Strength::Strong
            } else {
                t.strength
            };
            evidence.entry(t.entity).or_default().record(h, strength);
        }
    }
    evidence
}

/// Weak names count only with support: another name of the same actor,
/// or its country central to the article and the date in its range.
fn support_weak_names(
    evidence: &mut HashMap<Entity, Evidence>,
    profiles: &Profiles,
    date: Option<NaiveDate>,
    central: &HashSet<Entity>,
) {
    for (entity, ev) in evidence.iter_mut() {
        if ev.weak_sentences.is_empty() {
            continue;
        }
        let supported = ev.strong
            || (in_range(profiles, *entity, date) != Some(false)
                && affiliation(profiles, *entity)
                    .iter()
                    .any(|c| central.contains(c)));
        if supported {
            let weak = std::mem::take(&mut ev.weak_sentences);
            ev.sentences.extend(weak);
        } else {
            ev.weak_sentences.clear();
            ev.title &= ev.strong || !ev.demonym_sentences.is_empty();
        }
    }
}

/// Each entity's score, and whether it is a subject: in the title, or
/// named in enough sentences for the article's length (or its section's).
fn weigh(
    rules: &SalienceRules,
    evidence: &HashMap<Entity, Evidence>,
    profiles: &Profiles,
    layout: &Layout,
) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for (entity, ev) in evidence {
        if ev.weight() == 0.0 && ev.qualified.is_empty() {
            continue;
        }
        let rule = match entity {
            Entity::Country(_) => &rules.countries,
            Entity::Actor(_) => &rules.actors,
        };
        let weight = rule.weight(ev);
        let score = weight + if ev.title { 4.0 } else { 0.0 };
        let factor = source_factor(profiles, *entity);
        debug(profiles, *entity, ev, score, layout.body_sentences);
        // In a news item too short to weigh, an actor the body names
        // without saying what it does (`a photo of X`, `the X
        // label`) is a mention.
        let acts = matches!(entity, Entity::Country(_))
            || layout.body_sentences > SHORT
            || !ev.subjects.is_empty();
        found.push(Found {
            entity: *entity,
            score,
            substantial: ev.title
                || (acts && weight >= rule.needed(layout.body_sentences) * factor)
                || (rule.section > 0.0 && section_subject(rule, ev, layout, factor * rule.section)),
        });
    }
    found
}

/// A person, a junta or a state institution the article is about makes
/// its country a party to the story (Macron acting is France acting),
/// unlike an armed group, a foreign force or an organisation, which a
/// demonym only qualifies (`Russian mercenaries`).
fn promote_parties(found: &mut Vec<Found>, profiles: &Profiles) {
    let parties: Vec<(Entity, f32)> = found
        .iter()
        .filter(|f| f.substantial)
        .filter_map(|f| match f.entity {
            Entity::Actor(i) => Some((i, f.score)),
            Entity::Country(_) => None,
        })
        .filter(|(i, _)| {
            matches!(
                profiles.actors[*i].kind,
                ActorKind::Person | ActorKind::Junta | ActorKind::State
            )
        })
        .flat_map(|(i, score)| {
            affiliation(profiles, Entity::Actor(i))
                .into_iter()
                .map(move |c| (c, score))
        })
        .collect();
    for (country, score) in parties {
        match found.iter_mut().find(|f| f.entity == country) {
            Some(f) => f.substantial = true,
            None => found.push(Found {
                entity: country,
                score,
                substantial: true,
            }),
        }
    }
}

/// In a round-up, an entity a section keeps coming back to is a subject
/// of the article even when the other sections ignore it: each section is
/// weighed as an article of its own.
pub(super) fn section_subject(
    rule: &Salience,
    ev: &Evidence,
    layout: &Layout,
    factor: f32,
) -> bool {
    if layout.section_len.len() < 3 {
        return false;
    }
    let mut weights = vec![0.0f32; layout.section_len.len()];
    let section = |s: &usize| layout.section_of.get(*s).copied().unwrap_or(0);
    for s in &ev.sentences {
        weights[section(s)] += 1.0;
    }
    for s in ev.list_sentences.union(&ev.demonym_sentences) {
        if !ev.sentences.contains(s) {
            weights[section(s)] += 0.5;
        }
    }
    for s in &ev.subjects {
        weights[section(s)] += rule.subject;
    }
    weights
        .iter()
        .zip(&layout.section_len)
        .any(|(w, len)| *w > 0.0 && *w >= rule.needed((*len).max(SHORT + 1)) * factor)
}

/// Media are mostly quoted as sources ("précise Télé Sahel"): they are a
/// subject only in the title or when the article keeps coming back to them.
pub(super) fn source_factor(profiles: &Profiles, entity: Entity) -> f32 {
    match entity {
        Entity::Actor(i) if profiles.actors[i].kind == ActorKind::Media => 2.0,
        _ => 1.0,
    }
}

pub(super) fn debug(profiles: &Profiles, entity: Entity, ev: &Evidence, score: f32, body: usize) {
    if std::env::var_os("SAHEL_IMPORT_DEBUG").is_none() {
        return;
    }
    let name = match entity {
        Entity::Country(i) => &profiles.countries[i].iso,
        Entity::Actor(i) => &profiles.actors[i].id,
    };
    eprintln!(
        "  {name:24} title {} lead {} sent {:2} list {} dem {:2} weight {:4.1} score {score:4.1} (body {body}) blocks {} subj {} first {}",
        ev.title as u8,
        ev.lead as u8,
        ev.sentences.len(),
        ev.list_sentences.len(),
        ev.demonym_sentences.len(),
        ev.weight(),
        ev.blocks.len(),
        ev.subjects.len(),
        ev.first.unwrap_or(0),
    );
}
