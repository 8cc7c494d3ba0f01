//! Officials the article introduces with their state's office (`le
//! président ivoirien Jean Kouassi`, `Italian Foreign Minister
//! Marco Rossi`, `l'ambassadeur du Tchad au Soudan, Ali Mahamat,`):
//! people without a profile who speak and act for their state. A later
//! sentence naming one of them (`M. Mahamat a rappelé`) is a sentence
//! about that state acting, as `les autorités maliennes` is.

use super::words::{OFFICES, STATE, TITLES};
use super::Hit;
use crate::import::gazetteer::{Entity, FastMap, Gazetteer, Tokens};
use crate::import::text::month;

/// Words that may stand between a state's office and the official's name
/// besides the office words themselves (`ministre italien des Affaires
/// étrangères, Marco Rossi`, `Chad's ambassador to Sudan`).
const BETWEEN: &[&str] = &[
    "de",
    "du",
    "des",
    "d",
    "l",
    "la",
    "le",
    "en",
    "a",
    "au",
    "aux",
    "the",
    "s",
    "of",
    "to",
    "in",
    "affaires",
    "etrangeres",
    "exterieures",
    "foreign",
    "affairs",
    "defense",
    "defence",
    "interieur",
    "interior",
    "securite",
    "security",
    "justice",
    "economie",
    "finances",
    "finance",
    "communication",
    "porte",
    "parole",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretaire",
    "secretary",
    "general",
    "generale",
    "prime",
    "premier",
    "vice",
    "deputy",
    "head",
    "etat",
    "state",
    "chief",
    "staff",
    "major",
    "armees",
    "army",
    "armee",
    "delegue",
    "charge",
    "cooperation",
    "integration",
    "africaine",
    "african",
];

/// The surnames of the officials introduced so far, and their state.
#[derive(Default)]
pub(super) struct Officials {
    /// Folded surname -> the state, or `None` when officials of two states
    /// share it (then it stands for neither).
    by_surname: FastMap<String, Option<Entity>>,
}

impl Officials {
    /// Learns the officials a block introduces after its state hits
    /// (`hits`, with their token spans `spans`), then returns every token
    /// of the block that names a known official outside a profile's name,
    /// with the official's state.
    pub(super) fn read(
        &mut self,
        gazetteer: &Gazetteer,
        tokens: &Tokens,
        spans: &[(usize, usize)],
        hits: &[Hit],
    ) -> Vec<(usize, Entity)> {
        let countries = |s: usize| {
            spans.iter().position(|&(start, _)| start == s).map(|i| {
                hits[i]
                    .targets
                    .iter()
                    .all(|t| matches!(t.entity, Entity::Country(_)))
            })
        };
        for (h, &(_, end)) in hits.iter().zip(spans) {
            let [target] = h.targets[..] else {
                continue;
            };
            if !(h.state || h.office) || h.list || !matches!(target.entity, Entity::Country(_)) {
                continue;
            }
            if let Some(surname) = introduced(gazetteer, tokens, spans, end, &countries) {
                self.by_surname
                    .entry(surname)
                    .and_modify(|state| {
                        if *state != Some(target.entity) {
                            *state = None;
                        }
                    })
                    .or_insert(Some(target.entity));
            }
        }
        if self.by_surname.is_empty() {
            return Vec::new();
        }
        let in_name = |k: usize| spans.iter().any(|&(s, e)| s <= k && k < e);
        (0..tokens.list.len())
            .filter(|&k| tokens.list[k].capital && !in_name(k))
            .filter_map(|k| Some((k, (*self.by_surname.get(tokens.word(k))?)?)))
            .collect()
    }
}

/// The surname of the official named right after a state's office ending
/// at token `end`: past office words and other countries' names (`au
/// Soudan`), a run of two or more capitalised words that no profile
/// names. After a comma the name must be closed like an apposition (`...,
/// Ali Mahamat, a déclaré`): `the Malian government, Human Rights Watch
/// said` names no official.
fn introduced(
    gazetteer: &Gazetteer,
    tokens: &Tokens,
    spans: &[(usize, usize)],
    end: usize,
    countries: &dyn Fn(usize) -> Option<bool>,
) -> Option<String> {
    let list = &tokens.list;
    let limit = (end + 10).min(list.len());
    let mut k = end;
    let mut broke = false;
    while k < limit {
        if list[k].sentence_start {
            return None;
        }
        if list[k].after_break {
            if broke {
                return None;
            }
            broke = true;
        }
        match countries(k) {
            Some(true) => {
                k = spans.iter().find(|s| s.0 == k).map_or(k + 1, |s| s.1);
                continue;
            }
            Some(false) => return None,
            None => {}
        }
        let w = tokens.word(k);
        if BETWEEN.contains(&w) || STATE.contains(&w) || OFFICES.contains(&w) {
            k += 1;
            continue;
        }
        let name_word = |j: usize| {
            let t = &list[j];
            t.capital
                && t.end - t.start > 1
                && !TITLES.contains(&tokens.word(j))
                && month(tokens.original(j)).is_none()
                && countries(j).is_none()
        };
        let mut j = k;
        while j < list.len() && name_word(j) && (j == k || !list[j].after_break) {
            j += 1;
        }
        if j - k < 2 {
            return None;
        }
        let closed = j == list.len() || list[j].after_break;
        if broke && !closed {
            return None;
        }
        let surname = tokens.word(j - 1);
        return (!gazetteer.knows(surname)).then(|| surname.to_string());
    }
    None
}
