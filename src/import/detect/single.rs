//! One-word names: whether a single word the gazetteer knows is the
//! entity where it stands (`Niger` the country, not the river; `Wagner`
//! the group, not the composer).

use rustc_hash::FxHashSet as HashSet;

use super::words::*;
use crate::import::gazetteer::{Entity, Gazetteer, Strength, Target, Tokens};
use crate::import::text::month;

/// Headline style where most words are capitalised.
pub(super) fn is_title_case(tokens: &Tokens) -> bool {
    let long: Vec<_> = tokens.list.iter().filter(|t| t.end - t.start > 3).collect();
    long.len() >= 3 && long.iter().filter(|t| t.capital).count() * 10 >= long.len() * 7
}

/// Checks that a one-word name really is the entity here: not a river or
/// a TV channel (`fleuve Niger`, `France 24`), not someone else with the
/// same surname (`Richard Wagner`, `Idriss Déby` when the profile is the
/// son's) or first name (`Chad Smith`).
pub(super) fn keep_single(
    target: &Target,
    tokens: &Tokens,
    i: usize,
    title_case: bool,
    other_sense: &HashSet<usize>,
    sentence_ids: &[usize],
    gazetteer: &Gazetteer,
) -> bool {
    let list = &tokens.list;
    let next = (i + 1 < list.len() && !list[i + 1].after_break).then(|| i + 1);
    let prev = (!list[i].after_break && i > 0).then(|| i - 1);
    let is_name_word = |j: usize| -> bool {
        let t = &list[j];
        t.capital
            && !t.upper
            && !TITLES.contains(&tokens.word(j))
            && month(tokens.original(j)).is_none()
            && !known_word(gazetteer, tokens.word(j))
    };
    match target.entity {
        Entity::Country(_) => {
            // `Niger State` is a state of Nigeria; `the Malian state` is Mali.
            let demonym = target.strength == Strength::Demonym;
            if next.is_some_and(|j| {
                AFTER_COUNTRY.contains(&tokens.word(j)) && !(demonym && tokens.word(j) == "state")
            }) {
                return false;
            }
            if prev.is_some_and(|j| BEFORE_COUNTRY.contains(&tokens.word(j))) {
                return false;
            }
            if title_case || target.strength == Strength::Demonym {
                return true;
            }
            // `Chad Smith`: a first name followed by a surname.
            !next.is_some_and(|j| is_name_word(j) && list[i].capital)
        }
        Entity::Actor(_) => {
            if other_sense.contains(&sentence_ids[i]) {
                return false;
            }
            if title_case || !list[i].capital || list[i].upper {
                return true;
            }
            // `Richard Wagner`, `Idriss Déby`: another first name.
            !prev.is_some_and(is_name_word)
        }
    }
}

fn known_word(gazetteer: &Gazetteer, word: &str) -> bool {
    gazetteer.knows(word)
}
