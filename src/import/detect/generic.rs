//! Generic names that stand for an actor: `la junte` for the junta in
//! office, `l'organisation régionale` or `the jihadist group` for the
//! actor of that kind the article has just named, `le président déchu`
//! for the deposed leader it names. Each such phrase counts as a sentence
//! about that actor, never as a name of its own: an actor only described
//! is not tagged.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::evidence::{affiliation, in_office, in_range, Evidence};
use super::Hit;
use crate::import::gazetteer::{Entity, Strength, Tokens};
use crate::model::{ActorKind, Profiles};

/// What a generic phrase stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Generic {
    /// `la junte`: the junta in office in the article's main country.
    Junta,
    /// `les juntes`, `military governments`: every junta in office in a
    /// country central to the article.
    Juntas,
    /// A description of an actor of one kind, named just before.
    Refers(Refers),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refers {
    /// `l'organisation sous-régionale`, `the bloc`.
    Organisation,
    /// `le groupe jihadiste`, `the group`: an armed group or a foreign
    /// force such as Wagner.
    Group,
    /// `les mercenaires`, `l'opération`.
    Force,
    /// `le président`, `le chef de l'État`, `the junta leader`.
    Leader,
    /// `le président déchu`, `the ousted president`: a person whose
    /// office ended before the article's date.
    FormerLeader,
}

use Generic::{Junta, Juntas, Refers as R};
use Refers::{Force, FormerLeader, Group, Leader, Organisation};

/// Generic phrases, folded. Descriptions (`Refers`) count only after a
/// definite article or demonstrative, as they do in an anaphora.
const PHRASES: &[(&str, Generic)] = &[
    ("junte", Junta),
    ("junta", Junta),
    ("putschistes", Junta),
    ("putschists", Junta),
    // The spelling without `s` is common in the press of both languages.
    ("putchistes", Junta),
    ("putchists", Junta),
    ("coup leaders", Junta),
    ("militaires au pouvoir", Junta),
    ("gouvernement militaire", Junta),
    ("military government", Junta),
    ("regime militaire", Junta),
    ("military regime", Junta),
    ("military rulers", Junta),
    ("ruling military", Junta),
    ("nouvelles autorites", Junta),
    ("autorites de la transition", Junta),
    ("autorites de transition", Junta),
    ("military authorities", Junta),
    ("autorites militaires", Junta),
    ("new authorities", Junta),
    ("military leaders", Junta),
    ("ruling junta", Junta),
    ("conseil militaire", Junta),
    ("gouvernement de transition", Junta),
    ("gouvernement de la transition", Junta),
    ("transitional government", Junta),
    ("militaires mutins", Junta),
    ("soldats mutins", Junta),
    ("mutins", Junta),
    ("mutineers", Junta),
    ("military junta", Junta),
    ("junte militaire", Junta),
    ("instigateurs de la mutinerie", Junta),
    ("instigateurs du coup", Junta),
    ("instigateurs du putsch", Junta),
    ("auteurs du coup", Junta),
    ("auteurs du putsch", Junta),
    ("meneurs de la mutinerie", Junta),
    ("coup plotters", Junta),
    ("coup makers", Junta),
    ("leaders of the coup", Junta),
    ("mutiny leaders", Junta),
    ("new regime", Junta),
    ("nouveau regime", Junta),
    ("regime de transition", Junta),
    ("military-led government", Junta),
    ("juntes", Juntas),
    ("juntas", Juntas),
    ("juntes militaires", Juntas),
    ("military juntas", Juntas),
    ("gouvernements militaires", Juntas),
    ("military governments", Juntas),
    ("regimes militaires", Juntas),
    ("military regimes", Juntas),
    ("regimes putschistes", Juntas),
    ("putschist regimes", Juntas),
    ("regimes putchistes", Juntas),
    ("putchist regimes", Juntas),
    ("military-led governments", Juntas),
    ("organisation", R(Organisation)),
    ("organization", R(Organisation)),
    ("organisation regionale", R(Organisation)),
    ("organisation sous regionale", R(Organisation)),
    ("organisation ouest africaine", R(Organisation)),
    ("institution sous regionale", R(Organisation)),
    ("institution regionale", R(Organisation)),
    ("bloc", R(Organisation)),
    ("bloc regional", R(Organisation)),
    ("bloc ouest africain", R(Organisation)),
    ("regional bloc", R(Organisation)),
    ("west african bloc", R(Organisation)),
    ("regional body", R(Organisation)),
    ("regional organisation", R(Organisation)),
    ("regional organization", R(Organisation)),
    ("alliance", R(Organisation)),
    ("groupe", R(Group)),
    ("group", R(Group)),
    ("groupe jihadiste", R(Group)),
    ("groupe djihadiste", R(Group)),
    ("groupe terroriste", R(Group)),
    ("groupe arme", R(Group)),
    ("organisation terroriste", R(Group)),
    ("organisation jihadiste", R(Group)),
    ("organisation djihadiste", R(Group)),
    ("jihadist group", R(Group)),
    ("militant group", R(Group)),
    ("terrorist group", R(Group)),
    ("armed group", R(Group)),
    ("insurgent group", R(Group)),
    ("mercenaires", R(Force)),
    ("mercenaries", R(Force)),
    ("paramilitaires", R(Force)),
    ("paramilitaries", R(Force)),
    ("groupe paramilitaire", R(Force)),
    ("paramilitary group", R(Force)),
    ("societe militaire privee", R(Force)),
    ("private military company", R(Force)),
    ("operation", R(Force)),
    ("president", R(Leader)),
    ("chef de l etat", R(Leader)),
    ("head of state", R(Leader)),
    ("chef de la junte", R(Leader)),
    ("junta leader", R(Leader)),
    ("junta chief", R(Leader)),
    ("chef de la transition", R(Leader)),
    ("president de la transition", R(Leader)),
    ("transitional president", R(Leader)),
    ("homme fort", R(Leader)),
    ("strongman", R(Leader)),
    ("president dechu", R(FormerLeader)),
    ("president renverse", R(FormerLeader)),
    ("president destitue", R(FormerLeader)),
    ("president depose", R(FormerLeader)),
    ("president sequestre", R(FormerLeader)),
    ("ancien president", R(FormerLeader)),
    ("ex president", R(FormerLeader)),
    ("ousted president", R(FormerLeader)),
    ("deposed president", R(FormerLeader)),
    ("toppled president", R(FormerLeader)),
    ("overthrown president", R(FormerLeader)),
    ("detained president", R(FormerLeader)),
    ("former president", R(FormerLeader)),
    ("president elu", R(FormerLeader)),
    ("elected president", R(FormerLeader)),
];

/// Definite articles and demonstratives before a description.
const DEFINITE: &[&str] = &[
    "le", "la", "l", "les", "the", "ce", "cet", "cette", "ces", "this", "that", "these", "those",
];

/// Words after a leader's office that make it someone else's (`le
/// président de la Commission`, `the president of Nigeria`).
const OF: &[&str] = &["de", "du", "d", "des", "of"];

/// First word -> phrases (their words and meaning) starting with it,
/// longest first.
type Phrases = HashMap<&'static str, Vec<(Vec<&'static str>, Generic)>>;

fn phrases() -> &'static Phrases {
    static TABLE: OnceLock<Phrases> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Phrases::default();
        for &(phrase, meaning) in PHRASES {
            let words: Vec<&str> = phrase.split([' ', '-']).collect();
            table.entry(words[0]).or_default().push((words, meaning));
        }
        for list in table.values_mut() {
            list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        table
    })
}

/// Generic phrases of a block outside the names found (`spans`): start,
/// length and meaning.
pub(super) fn find(tokens: &Tokens, spans: &[(usize, usize)]) -> Vec<(usize, usize, Generic)> {
    let table = phrases();
    let n = tokens.list.len();
    let in_name = |i: usize| spans.iter().any(|&(s, e)| s <= i && i < e);
    let mut found = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(candidates) = table.get(tokens.word(i)) else {
            i += 1;
            continue;
        };
        let matched = candidates.iter().find(|(words, meaning)| {
            let end = i + words.len();
            end <= n
                && (i..end).all(|k| !in_name(k) && (k == i || !tokens.list[k].after_break))
                && words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| tokens.word(i + k) == *w)
                && match meaning {
                    R(refers) => described(tokens, i, end, *refers, &in_name),
                    _ => true,
                }
        });
        match matched {
            Some((words, meaning)) => {
                found.push((i, words.len(), *meaning));
                i += words.len();
            }
            None => i += 1,
        }
    }
    found
}

/// Whether a description at `start..end` is anaphoric: after a definite
/// article, not followed by `de`/`of` (`le groupe de contact`, `le
/// président de la Commission`), and for an office not followed by the
/// holder's name.
fn described(
    tokens: &Tokens,
    start: usize,
    end: usize,
    refers: Refers,
    in_name: &dyn Fn(usize) -> bool,
) -> bool {
    let list = &tokens.list;
    if start == 0 || list[start].after_break || !DEFINITE.contains(&tokens.word(start - 1)) {
        return false;
    }
    if end >= list.len() || list[end].after_break {
        return true;
    }
    let office = matches!(refers, Leader | FormerLeader);
    !OF.contains(&tokens.word(end)) && !(office && (in_name(end) || list[end].capital))
}

/// `la junte`: the junta in office at the date in the article's most
/// central country that has one; `les juntes`: every such junta; `les
/// autorités nigériennes`: the junta ruling Niger at the date.
pub(super) fn corefer_juntas(
    evidence: &mut HashMap<Entity, Evidence>,
    profiles: &Profiles,
    date: Option<NaiveDate>,
    central: &HashSet<Entity>,
    hits: &[Hit],
) {
    let juntas: Vec<(f32, usize)> = profiles
        .actors
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            a.kind == ActorKind::Junta && in_range(profiles, Entity::Actor(*i), date) != Some(false)
        })
        .filter_map(|(i, _)| {
            let best = affiliation(profiles, Entity::Actor(i))
                .into_iter()
                .filter(|c| central.contains(c))
                .map(|c| evidence[&c].weight() + if evidence[&c].title { 4.0 } else { 0.0 })
                .reduce(f32::max)?;
            Some((best, i))
        })
        .collect();
    let main = juntas
        .iter()
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|j| j.1);
    // A state that a junta rules acts through it (`les autorités
    // burkinabè ont décidé`), from the day it took power.
    let ruling = |h: &Hit| -> Vec<usize> {
        let [target] = h.targets[..] else {
            return Vec::new();
        };
        (0..profiles.actors.len())
            .filter(|&i| {
                let junta = Entity::Actor(i);
                profiles.actors[i].kind == ActorKind::Junta
                    && date.is_some()
                    && in_office(profiles, junta, date)
                    && affiliation(profiles, junta).contains(&target.entity)
            })
            .collect()
    };
    for h in hits {
        let meant: Vec<usize> = match h.generic {
            Some(Junta) => main.into_iter().collect(),
            Some(Juntas) => juntas.iter().map(|j| j.1).collect(),
            None if h.state && !h.list => ruling(h),
            _ => continue,
        };
        for i in meant {
            let ev = evidence.entry(Entity::Actor(i)).or_default();
            ev.record(h, Strength::Weak);
            ev.strong = true;
            // The junta in the lead leads the story, named or not (not
            // `les juntes`, juntas in general).
            ev.lead |= h.lead && !h.list && h.generic != Some(Juntas);
        }
    }
}

/// Sentences after the last naming within which a description still
/// stands for the actor named.
const WINDOW: usize = 3;

/// `l'organisation régionale`, `the group`, `le président`: the actor of
/// that kind named nearest before, within a few sentences (of two as near,
/// neither); `le président déchu`: the person named whose office ended
/// before the article's date.
pub(super) fn corefer_descriptions(
    evidence: &mut HashMap<Entity, Evidence>,
    profiles: &Profiles,
    date: Option<NaiveDate>,
    hits: &[Hit],
) {
    for h in hits {
        let Some(R(refers)) = h.generic else {
            continue;
        };
        let fits = |e: &Entity| {
            let Entity::Actor(i) = *e else {
                return false;
            };
            let kind = profiles.actors[i].kind;
            match refers {
                Organisation => kind == ActorKind::InternationalOrg,
                Group => matches!(kind, ActorKind::ArmedGroup | ActorKind::ForeignForce),
                Force => kind == ActorKind::ForeignForce,
                Leader => kind == ActorKind::Person && in_office(profiles, *e, date),
                FormerLeader => {
                    kind == ActorKind::Person
                        && date.is_some()
                        && profiles.actors[i].active_until.is_some()
                        && !in_office(profiles, *e, date)
                }
            }
        };
        let window = if refers == FormerLeader {
            usize::MAX
        } else {
            WINDOW
        };
        let candidates: Vec<(Entity, usize)> = evidence
            .iter()
            .filter(|(e, ev)| ev.strong && fits(e))
            .filter_map(|(e, ev)| {
                let last = ev.sentences.iter().filter(|&&s| s <= h.sentence).max()?;
                let distance = h.sentence - last;
                (distance <= window).then_some((*e, distance))
            })
            .collect();
        let nearest = candidates.iter().map(|c| c.1).min();
        let mut at = candidates.iter().filter(|c| Some(c.1) == nearest);
        if std::env::var_os("SAHEL_IMPORT_DEBUG").is_some() {
            eprintln!(
                "  description {refers:?} in sentence {}: {candidates:?}",
                h.sentence
            );
        }
        if let (Some(&(entity, _)), None) = (at.next(), at.next()) {
            evidence
                .get_mut(&entity)
                .expect("a candidate with evidence")
                .corefer(h);
        }
    }
}
