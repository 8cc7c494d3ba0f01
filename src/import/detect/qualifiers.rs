//! A country that only qualifies an actor (`Russia's Africa Corps`,
//! `the Paris-backed Takuba force`, `Russian Africa Corps instructors`, `les
//! mercenaires russes de Wagner`, `Moscow-funded mercenaries`) says whose the actor is; the
//! country does not act. The labelling rules count it as a mention: such a
//! name puts its country in `[mentions]` and weighs nothing towards making
//! it a subject, in the title as in the body.

use super::Hit;
use crate::import::gazetteer::{Entity, Strength, Tokens};

/// Second halves of a compound whose first half is a country (`Moscow-funded`).
const COMPOUND: &[&str] = &[
    "backed",
    "affiliated",
    "linked",
    "allied",
    "sponsored",
    "supported",
    "funded",
    "aligned",
    "friendly",
    "leaning",
];

/// Non-state armed men a country's name may qualify (`Russia's mercenary
/// outfit`): unlike its army or its government, they are not the state.
const HIRED: &[&str] = &[
    "mercenary",
    "mercenaries",
    "mercenaires",
    "militia",
    "milice",
    "outfit",
    "paramilitary",
    "paramilitaries",
    "paramilitaires",
    "contractors",
];

/// Marks the country names of a block (`hits`, with their token spans)
/// that only qualify an actor named or described right after them.
pub(super) fn mark_qualifiers(tokens: &Tokens, spans: &[(usize, usize)], hits: &mut [Hit]) {
    let list = &tokens.list;
    let actor_at = |k: usize| {
        spans.iter().zip(hits.iter()).any(|(&(s, _), h)| {
            s == k
                && !h.targets.is_empty()
                && h.targets
                    .iter()
                    .all(|t| matches!(t.entity, Entity::Actor(_)))
        })
    };
    let joined = |k: usize| k < list.len() && !list[k].after_break;
    let qualifies: Vec<bool> = spans
        .iter()
        .zip(hits.iter())
        .map(|(&(_, end), h)| {
            let country = !h.targets.is_empty()
                && h.targets
                    .iter()
                    .all(|t| matches!(t.entity, Entity::Country(_)));
            if !country || h.state || !joined(end) {
                return false;
            }
            let demonym = h.targets.iter().all(|t| t.strength == Strength::Demonym);
            let next = tokens.word(end);
            // `Paris-backed`, `Moscow-funded`.
            let hyphen = tokens.gap_before(end).trim() == "-";
            if hyphen && COMPOUND.contains(&next) {
                return true;
            }
            if demonym {
                // `Russian Africa Corps`, `les mercenaires russes de Wagner`.
                let de = usize::from(matches!(next, "de" | "du" | "d"));
                return joined(end + de) && actor_at(end + de);
            }
            // `Russia's Africa Corps`, `Russia's private mercenary outfit`.
            next == "s"
                && (end + 1..(end + 4).min(list.len()))
                    .take_while(|&k| joined(k))
                    .any(|k| actor_at(k) || HIRED.contains(&tokens.word(k)))
        })
        .collect();
    for (h, q) in hits.iter_mut().zip(qualifies) {
        h.qualifier = q;
    }
}
