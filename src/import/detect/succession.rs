//! Actors that succeed others (`successor-of` in the profiles' `[[relations]]`):
//! an article written after the succession that names the predecessor
//! may mean the successor, since reporters keep the old name (Wagner for
//! the Africa Corps that took over its men).

use chrono::NaiveDate;

use super::Found;
use crate::import::gazetteer::Entity;
use crate::model::Profiles;
use crate::relations::RelationType;

/// For each `successor-of` relation with a `from` date on or before the
/// article's date, where the article names the predecessor:
/// - while the predecessor's profile says it still exists (no
///   `active_until` before the date), the successor is listed as a mention:
///   the name may mean either, and the successor's page should find the
///   article without claiming it is about it;
/// - once it has ended, the successor takes the predecessor's standing
///   (subject or mention) and the predecessor stays a mention only: the
///   name was written, but the actor meant is the successor.
///
/// An article that names the successor itself keeps its own standing.
pub(super) fn follow_successions(
    found: &mut Vec<Found>,
    profiles: &Profiles,
    date: Option<NaiveDate>,
) {
    let Some(date) = date else {
        return;
    };
    for relation in &profiles.relations {
        if relation.kind != RelationType::SuccessorOf
            || relation.from.is_none_or(|from| date < from)
            || relation.until.is_some_and(|until| date > until)
        {
            continue;
        }
        let (Some(&successor), Some(&predecessor)) = (
            profiles.actor_index.get(&relation.subject),
            profiles.actor_index.get(&relation.object),
        ) else {
            continue;
        };
        let Some(named) = found
            .iter()
            .position(|f| f.entity == Entity::Actor(predecessor))
        else {
            continue;
        };
        let ended = profiles.actors[predecessor]
            .active_until
            .is_some_and(|until| until < date);
        let (substantial, score) = (ended && found[named].substantial, found[named].score);
        if ended {
            found[named].substantial = false;
        }
        match found
            .iter_mut()
            .find(|f| f.entity == Entity::Actor(successor))
        {
            Some(f) => f.substantial |= substantial,
            None => found.push(Found {
                entity: Entity::Actor(successor),
                score,
                substantial,
            }),
        }
    }
}
