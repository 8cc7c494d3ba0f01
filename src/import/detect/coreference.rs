//! Offices and pronouns standing for people the article names.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use chrono::NaiveDate;

use super::evidence::{affiliation, in_office, Evidence};
use super::{Hit, Layout};
use crate::import::gazetteer::Entity;
use crate::model::{ActorKind, Profiles};

/// `le président tchadien`, `Niger's leader`: the one person of that
/// country the article names in full and who was in office at its date
/// (several such people: the one named within three sentences, else left
/// alone). People referred to only by office
/// are not tagged: the office only adds to a name found elsewhere.
pub(super) fn corefer_offices(
    evidence: &mut HashMap<Entity, Evidence>,
    profiles: &Profiles,
    date: Option<NaiveDate>,
    hits: &[Hit],
) {
    for h in hits.iter().filter(|h| h.office && !h.list) {
        let [target] = h.targets[..] else {
            continue;
        };
        let Entity::Country(c) = target.entity else {
            continue;
        };
        let holders: Vec<(Entity, usize)> = evidence
            .iter()
            .filter(|(e, ev)| {
                matches!(e, Entity::Actor(i) if profiles.actors[*i].kind == ActorKind::Person)
                    && ev.strong
                    && in_office(profiles, **e, date)
                    && affiliation(profiles, **e).contains(&Entity::Country(c))
            })
            .filter_map(|(e, ev)| {
                let distance = ev.sentences.iter().map(|s| s.abs_diff(h.sentence)).min()?;
                Some((*e, distance))
            })
            .collect();
        // One holder; or, of several, the one named within three sentences
        // when no other is as close.
        let person = match holders[..] {
            [(person, _)] => person,
            [] => continue,
            _ => {
                let nearest = holders.iter().map(|h| h.1).min().unwrap_or(usize::MAX);
                let mut at = holders.iter().filter(|h| h.1 == nearest);
                match (at.next(), at.next()) {
                    (Some(&(person, _)), None) if nearest <= 3 => person,
                    _ => continue,
                }
            }
        };
        evidence
            .get_mut(&person)
            .expect("a person with evidence")
            .corefer(h);
    }
}

/// A sentence opening with `Il`/`He` goes on about the one person the
/// nearest sentence before it named (or the previous pronoun sentence
/// was about), looking back at most three sentences:
/// it counts as a sentence where that person is the subject. With no
/// person or several in the previous sentence, the pronoun is left alone.
pub(super) fn corefer_pronouns(
    evidence: &mut HashMap<Entity, Evidence>,
    profiles: &Profiles,
    pronoun_sentences: &[usize],
) {
    if pronoun_sentences.is_empty() {
        return;
    }
    let people: Vec<Entity> = evidence
        .iter()
        .filter(|(e, ev)| {
            matches!(e, Entity::Actor(i) if profiles.actors[*i].kind == ActorKind::Person)
                && ev.strong
                && !ev.sentences.is_empty()
        })
        .map(|(e, _)| *e)
        .collect();
    if people.is_empty() {
        return;
    }
    // Sentences whose subject is a state or an organisation: `La Cédéao a
    // réagi. Elle a suspendu ...` is about the organisation.
    let other_subjects: HashSet<usize> = evidence
        .iter()
        .filter(|(e, _)| !people.contains(e))
        .flat_map(|(_, ev)| ev.subjects.iter().copied())
        .collect();
    for &p in pronoun_sentences {
        // The nearest of the three sentences before that names someone
        // (quotes often stand between a speaker and `Il a ajouté`).
        for back in 1..=3 {
            let Some(prev) = p.checked_sub(back) else {
                break;
            };
            let mut named = people
                .iter()
                .filter(|e| evidence[e].sentences.contains(&prev));
            match (named.next(), named.next()) {
                (Some(&person), None) => {
                    let ev = evidence.get_mut(&person).expect("a person with evidence");
                    ev.sentences.insert(p);
                    ev.subjects.insert(p);
                    break;
                }
                (None, _) if !other_subjects.contains(&prev) => continue,
                _ => break,
            }
        }
    }
}

/// A sentence opening with `Il`/`He` that no person of a profile claimed
/// goes on about the official (see `officials`) named nearest before it,
/// within three sentences: a sentence about the official's state. A
/// profile's person named in that sentence, or officials of two states,
/// leave it alone.
pub(super) fn corefer_official_pronouns(
    evidence: &mut HashMap<Entity, Evidence>,
    profiles: &Profiles,
    pronoun_sentences: &[usize],
    hits: &[Hit],
) {
    let officials: Vec<&Hit> = hits.iter().filter(|h| h.official).collect();
    if officials.is_empty() {
        return;
    }
    let people: Vec<&Evidence> = evidence
        .iter()
        .filter(
            |(e, _)| matches!(e, Entity::Actor(i) if profiles.actors[*i].kind == ActorKind::Person),
        )
        .map(|(_, ev)| ev)
        .collect();
    let named_person = |s: usize| people.iter().any(|ev| ev.sentences.contains(&s));
    let mut meant = Vec::new();
    for &p in pronoun_sentences {
        if named_person(p) {
            continue;
        }
        for back in 1..=3 {
            let Some(prev) = p.checked_sub(back) else {
                break;
            };
            let states: HashSet<Entity> = officials
                .iter()
                .filter(|h| h.sentence == prev)
                .flat_map(|h| h.targets.iter().map(|t| t.entity))
                .collect();
            if states.is_empty() && !named_person(prev) {
                continue;
            }
            if let (1, false) = (states.len(), named_person(prev)) {
                let official = officials.iter().find(|h| h.sentence == prev);
                meant.extend(official.map(|h| (h.targets[0].entity, p, (*h).clone())));
            }
            break;
        }
    }
    for (state, p, h) in meant {
        let ev = evidence.entry(state).or_default();
        // The pronoun opens its sentence: the official is its subject.
        ev.corefer(&Hit {
            sentence: p,
            subject: true,
            title: false,
            ..h
        });
    }
}

/// `Les putschistes ont fermé la frontière. Ils ont ...`, `Les autorités
/// burkinabè ont protesté. Elles ont ...`, `JNIM claimed the attack. They
/// said ...`: a plural pronoun opening a sentence goes on about the one
/// junta, group, force or organisation that was the subject of the
/// sentence just before (none when a person is named in either, or
/// several such actors). `Il`/`Elle` are left to people: too often
/// impersonal (`il pleuvait`).
pub(super) fn corefer_collective_pronouns(
    evidence: &mut HashMap<Entity, Evidence>,
    profiles: &Profiles,
    layout: &Layout,
) {
    let kind = |e: &Entity| match e {
        Entity::Actor(i) => Some(profiles.actors[*i].kind),
        Entity::Country(_) => None,
    };
    let person_in = |s: usize| {
        evidence
            .iter()
            .any(|(e, ev)| kind(e) == Some(ActorKind::Person) && ev.sentences.contains(&s))
    };
    let mut meant = Vec::new();
    for &p in &layout.plural_sentences {
        let Some(prev) = p.checked_sub(1) else {
            continue;
        };
        if person_in(p) || person_in(prev) {
            continue;
        }
        let mut subjects = evidence
            .iter()
            .filter(|(e, ev)| {
                !matches!(
                    kind(e),
                    None | Some(ActorKind::Person) | Some(ActorKind::Media)
                ) && ev.subjects.contains(&prev)
            })
            .map(|(e, _)| *e);
        if let (Some(actor), None) = (subjects.next(), subjects.next()) {
            meant.push((actor, p));
        }
    }
    for (actor, p) in meant {
        let ev = evidence.get_mut(&actor).expect("an actor with evidence");
        ev.sentences.insert(p);
        ev.subjects.insert(p);
    }
}
