//! A leader's followers stand for the group the leader heads: `les
//! hommes de Koufa`, `les combattants de Koufa`, `Koufa's fighters` are
//! the group acting, when a profile says the person leads it
//! (`leader-of` in its `[[relations]]`) at the article's date.

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use super::evidence::Evidence;
use super::Hit;
use crate::import::gazetteer::{Entity, Tokens};
use crate::model::Profiles;
use crate::relations::RelationType;

/// Words for the people under a leader's command.
const FOLLOWERS: &[&str] = &[
    "hommes",
    "combattants",
    "mercenaires",
    "troupes",
    "elements",
    "partisans",
    "fideles",
    "men",
    "fighters",
    "mercenaries",
    "troops",
    "followers",
    "loyalists",
];

/// Whether the name at `start..end` is the leader of followers: `les
/// hommes de X`, `the fighters of X`, `X's men`.
pub(super) fn of_followers(tokens: &Tokens, start: usize, end: usize) -> bool {
    let list = &tokens.list;
    let before = start >= 2
        && !list[start].after_break
        && !list[start - 1].after_break
        && matches!(tokens.word(start - 1), "de" | "d" | "of")
        && FOLLOWERS.contains(&tokens.word(start - 2));
    let after = end + 1 < list.len()
        && !list[end].after_break
        && !list[end + 1].after_break
        && tokens.word(end) == "s"
        && FOLLOWERS.contains(&tokens.word(end + 1));
    before || after
}

/// Each sentence naming a leader's followers is a sentence about the
/// group the leader heads at the article's date, when the article names
/// that group: a group only described is not tagged.
pub(super) fn corefer_followers(
    evidence: &mut HashMap<Entity, Evidence>,
    profiles: &Profiles,
    date: Option<NaiveDate>,
    hits: &[Hit],
) {
    for h in hits.iter().filter(|h| h.followers) {
        let [target] = h.targets[..] else {
            continue;
        };
        let Entity::Actor(leader) = target.entity else {
            continue;
        };
        let leader = &profiles.actors[leader].id;
        for relation in &profiles.relations {
            let current = date.is_none_or(|d| {
                relation.from.is_none_or(|from| from <= d)
                    && relation.until.is_none_or(|until| d <= until)
            });
            if relation.kind != RelationType::LeaderOf || &relation.subject != leader || !current {
                continue;
            }
            let Some(&group) = profiles.actor_index.get(&relation.object) else {
                continue;
            };
            if let Some(ev) = evidence
                .get_mut(&Entity::Actor(group))
                .filter(|ev| ev.strong)
            {
                ev.corefer(h);
            }
        }
    }
}
