//! Which entities an article is about: evidence weighed against the
//! article's length.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::coreference::{corefer_offices, corefer_pronouns};
use super::evidence::{affiliation, in_range, Evidence};
use super::{Found, Hit, Layout};
use crate::import::gazetteer::{Entity, Strength};
use crate::model::{ActorKind, Profiles};

/// How salience is weighed for one kind of entity: the weight of an
/// entity is its sentences (a list entry or a demonym count half) plus
/// bonuses; it is a subject when in the title or when its weight reaches
/// `threshold`, raised for long articles by one `threshold` per `per` body
/// sentences. Fitted on the development key, kept simple so it carries
/// over to other articles.
pub(super) struct Salience {
    /// Bonus per sentence where it stands at the head, as the subject.
    subject: f32,
    /// Bonus when named in the lead.
    lead: f32,
    /// Body sentences per extra `threshold` (0: no length scaling).
    per: f32,
    threshold: f32,
}

/// Body sentences of a news item too short to tell subjects from mentions.
pub(super) const SHORT: usize = 3;

/// Countries: named in three sentences, or in the title.
pub(super) const COUNTRIES: Salience = Salience {
    subject: 0.0,
    lead: 0.0,
    per: 0.0,
    threshold: 3.5,
};

/// Actors: doing things (sentence subject) in two or more sentences, or
/// in the lead, or in the title.
pub(super) const ACTORS: Salience = Salience {
    subject: 1.0,
    lead: 2.0,
    per: 120.0,
    threshold: 2.5,
};

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
    hits: Vec<Hit>,
    profiles: &Profiles,
    date: Option<NaiveDate>,
    layout: &Layout,
) -> Vec<Found> {
    let body_sentences = layout.body_sentences;
    let mut evidence: HashMap<Entity, Evidence> = HashMap::new();
    // First pass: unambiguous names.
    let mut ambiguous = Vec::new();
    let mut generic = Vec::new();
    for h in &hits {
        if h.junta {
            generic.push(h);
        } else if h.targets.len() == 1 {
            let t = h.targets[0];
            evidence.entry(t.entity).or_default().record(h, t.strength);
        } else {
            ambiguous.push(h);
        }
    }
    // Ambiguous names go to the candidate the date and the rest of the
    // article support best: `CNSP` in 2020 is Mali's, in 2023 Niger's.
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
        if let Some((score, t)) = best {
            if score > -2.0 {
                // A choice the article supports is as good as a full name.
                let strength = if t.strength == Strength::Weak && score >= 3.0 {
                    Strength::Strong
                } else {
                    t.strength
                };
                evidence.entry(t.entity).or_default().record(h, strength);
            }
        }
    }
    let central: HashSet<Entity> = evidence
        .iter()
        .filter(|(e, ev)| matches!(e, Entity::Country(_)) && ev.central())
        .map(|(e, _)| *e)
        .collect();
    // `la junte`: the junta in office at the date in the article's most
    // central country that has one.
    if !generic.is_empty() {
        let junta = profiles
            .actors
            .iter()
            .enumerate()
            .filter(|(i, a)| {
                a.kind == ActorKind::Junta
                    && in_range(profiles, Entity::Actor(*i), date) != Some(false)
            })
            .filter_map(|(i, _)| {
                let best = affiliation(profiles, Entity::Actor(i))
                    .into_iter()
                    .filter(|c| central.contains(c))
                    .map(|c| evidence[&c].weight() + if evidence[&c].title { 4.0 } else { 0.0 })
                    .fold(None, |m: Option<f32>, w| Some(m.map_or(w, |m| m.max(w))))?;
                Some((best, i))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, i)) = junta {
            let ev = evidence.entry(Entity::Actor(i)).or_default();
            for h in generic {
                ev.record(h, Strength::Weak);
                ev.strong |= h.junta;
            }
        }
    }
    // Weak names count only with support: another name of the same actor,
    // or its country central to the article and the date in its range.
    for (entity, ev) in evidence.iter_mut() {
        if !ev.weak_sentences.is_empty() {
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
    corefer_offices(&mut evidence, profiles, date, &hits);
    corefer_pronouns(&mut evidence, profiles, &layout.pronoun_sentences);
    let mut found: Vec<Found> = Vec::new();
    for (entity, ev) in evidence.iter_mut() {
        if ev.weight() == 0.0 {
            continue;
        }
        let rule = match entity {
            Entity::Country(_) => &COUNTRIES,
            Entity::Actor(_) => &ACTORS,
        };
        let weight = rule.weight(ev);
        let score = weight + if ev.title { 4.0 } else { 0.0 };
        debug(profiles, *entity, ev, score, body_sentences);
        found.push(Found {
            entity: *entity,
            score,
            // Substantial: in the title, or named in enough sentences for
            // the article's length.
            substantial: ev.title
                || weight >= rule.needed(body_sentences) * source_factor(profiles, *entity)
                || section_subject(rule, ev, layout, source_factor(profiles, *entity)),
        });
    }
    found.sort_by(|a, b| {
        b.substantial
            .cmp(&a.substantial)
            .then(b.score.total_cmp(&a.score))
            .then(a.entity.cmp(&b.entity))
    });
    found
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
