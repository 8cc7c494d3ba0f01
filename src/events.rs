//! `[[events]]` in an article's front matter: what happened, where, who
//! took part and the attributed casualty figures, coded on ACLED's six
//! event types. Checked here; ids (place, actors, claimed_by) are
//! checked against the profiles with the article's other ids.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use toml::value::Datetime;
use toml::Spanned;

use crate::config::Lang;
use crate::error::{did_you_mean, Diagnostic};
use crate::frontmatter::Split;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventType {
    Battles,
    ExplosionsRemoteViolence,
    ViolenceAgainstCivilians,
    Protests,
    Riots,
    StrategicDevelopments,
}

impl EventType {
    pub const ALL: [EventType; 6] = [
        EventType::Battles,
        EventType::ExplosionsRemoteViolence,
        EventType::ViolenceAgainstCivilians,
        EventType::Protests,
        EventType::Riots,
        EventType::StrategicDevelopments,
    ];

    pub fn id(self) -> &'static str {
        match self {
            EventType::Battles => "battles",
            EventType::ExplosionsRemoteViolence => "explosions-remote-violence",
            EventType::ViolenceAgainstCivilians => "violence-against-civilians",
            EventType::Protests => "protests",
            EventType::Riots => "riots",
            EventType::StrategicDevelopments => "strategic-developments",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (EventType::Battles, Lang::En) => "Battle",
            (EventType::Battles, Lang::Fr) => "Combat",
            (EventType::ExplosionsRemoteViolence, Lang::En) => "Explosion / remote violence",
            (EventType::ExplosionsRemoteViolence, Lang::Fr) => "Explosion / violence à distance",
            (EventType::ViolenceAgainstCivilians, Lang::En) => "Violence against civilians",
            (EventType::ViolenceAgainstCivilians, Lang::Fr) => "Violence contre des civils",
            (EventType::Protests, Lang::En) => "Protest",
            (EventType::Protests, Lang::Fr) => "Manifestation",
            (EventType::Riots, Lang::En) => "Riot",
            (EventType::Riots, Lang::Fr) => "Émeute",
            (EventType::StrategicDevelopments, Lang::En) => "Strategic development",
            (EventType::StrategicDevelopments, Lang::Fr) => "Évolution stratégique",
        }
    }

    /// ACLED's sub-event types of this type, as ids.
    pub fn subtypes(self) -> &'static [&'static str] {
        match self {
            EventType::Battles => &[
                "armed-clash",
                "government-regains-territory",
                "non-state-actor-overtakes-territory",
            ],
            EventType::ExplosionsRemoteViolence => &[
                "air-drone-strike",
                "chemical-weapon",
                "grenade",
                "remote-explosive-landmine-ied",
                "shelling-artillery-missile-attack",
                "suicide-bomb",
            ],
            EventType::ViolenceAgainstCivilians => &[
                "abduction-forced-disappearance",
                "attack",
                "sexual-violence",
            ],
            EventType::Protests => &[
                "excessive-force-against-protesters",
                "peaceful-protest",
                "protest-with-intervention",
            ],
            EventType::Riots => &["mob-violence", "violent-demonstration"],
            EventType::StrategicDevelopments => &[
                "agreement",
                "arrests",
                "change-to-group-activity",
                "disrupted-weapons-use",
                "headquarters-or-base-established",
                "looting-property-destruction",
                "non-violent-transfer-of-territory",
                "other",
            ],
        }
    }
}

/// What an actor did in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorRole {
    Perpetrator,
    Target,
    Other,
}

impl ActorRole {
    pub fn id(self) -> &'static str {
        match self {
            ActorRole::Perpetrator => "perpetrator",
            ActorRole::Target => "target",
            ActorRole::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventActor {
    pub id: String,
    pub role: Option<ActorRole>,
}

/// One event an article reports, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The day it happened, which is not the day it was reported.
    pub date: NaiveDate,
    pub kind: EventType,
    pub subtype: Option<String>,
    /// A place id.
    pub place: String,
    pub actors: Vec<EventActor>,
    /// Deaths as the source gives them: "at least 70" is a minimum alone,
    /// "between 70 and 100" both.
    pub fatalities_min: Option<u32>,
    pub fatalities_max: Option<u32>,
    /// Who gives the figure: they are attributed and often contested.
    pub fatalities_source: Option<String>,
    pub injured: Option<u32>,
    pub displaced: Option<u32>,
    /// An actor id.
    pub claimed_by: Option<String>,
}

impl Event {
    /// The figure charts add up: the lower bound, the conservative one.
    pub fn fatalities(&self) -> u32 {
        self.fatalities_min.or(self.fatalities_max).unwrap_or(0)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventActorFront {
    id: Spanned<String>,
    role: Option<ActorRole>,
}

/// `[[events]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFront {
    date: Spanned<Datetime>,
    #[serde(rename = "type")]
    kind: EventType,
    subtype: Option<Spanned<String>>,
    place: Spanned<String>,
    #[serde(default)]
    actors: Vec<EventActorFront>,
    fatalities_min: Option<Spanned<u32>>,
    fatalities_max: Option<Spanned<u32>>,
    fatalities_source: Option<Spanned<String>>,
    injured: Option<u32>,
    displaced: Option<u32>,
    claimed_by: Option<Spanned<String>>,
}

/// The ids events name, with where they stand, for the article's check
/// against the profiles.
#[derive(Debug, Default)]
pub struct EventIds {
    pub places: Vec<Spanned<String>>,
    pub actors: Vec<Spanned<String>>,
}

/// Checks every `[[events]]` entry of an article reported on `reported`
/// (its date, or its last update).
pub fn parse_events(
    fronts: Vec<EventFront>,
    reported: NaiveDate,
    split: &Split,
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Event>, EventIds) {
    let at = |offset: usize, message: String, help: String| {
        Diagnostic::new(path, message)
            .at_offset(split.toml, offset, split.toml_line)
            .help(help)
    };
    let mut events = Vec::with_capacity(fronts.len());
    let mut ids = EventIds::default();
    for front in fronts {
        let Some(day) = event_day(&front, reported, &at, problems) else {
            continue;
        };
        check_figures(&front, &at, problems);
        let kind = front.kind;
        let subtype = front
            .subtype
            .and_then(|s| known_subtype(kind, s, &at, problems));
        let actors = front
            .actors
            .into_iter()
            .map(|a| {
                ids.actors.push(a.id.clone());
                EventActor {
                    id: a.id.into_inner(),
                    role: a.role,
                }
            })
            .collect();
        ids.places.push(front.place.clone());
        ids.actors.extend(front.claimed_by.clone());
        events.push(Event {
            date: day,
            kind: front.kind,
            subtype,
            place: front.place.into_inner(),
            actors,
            fatalities_min: front.fatalities_min.map(Spanned::into_inner),
            fatalities_max: front.fatalities_max.map(Spanned::into_inner),
            fatalities_source: front
                .fatalities_source
                .map(Spanned::into_inner)
                .filter(|s| !s.trim().is_empty()),
            injured: front.injured,
            displaced: front.displaced,
            claimed_by: front.claimed_by.map(Spanned::into_inner),
        });
    }
    (events, ids)
}

/// The event's day, checked against the report's; None (with a problem)
/// when the date is not a day.
fn event_day(
    front: &EventFront,
    reported: NaiveDate,
    at: &impl Fn(usize, String, String) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) -> Option<NaiveDate> {
    let start = front.date.span().start;
    let date = front.date.get_ref();
    let day = date
        .date
        .filter(|_| date.time.is_none())
        .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()));
    let Some(day) = day else {
        problems.push(at(
            start,
            format!("the event's date `{date}` is not a day"),
            "write the day it happened, like 2024-04-12, without quotes".into(),
        ));
        return None;
    };
    if day > reported {
        problems.push(at(
            start,
            format!("the event ({day}) is after the article that reports it ({reported})"),
            "an event is reported on or after the day it happens: check both dates".into(),
        ));
    } else if day.year() < 1990 {
        problems.push(at(
            start,
            format!("the event's date {day} is before 1990"),
            "check the year".into(),
        ));
    }
    Some(day)
}

/// The subtype if `kind` has it; else None, with a problem.
fn known_subtype(
    kind: EventType,
    s: Spanned<String>,
    at: &impl Fn(usize, String, String) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    if kind.subtypes().contains(&s.get_ref().as_str()) {
        return Some(s.into_inner());
    }
    let known = kind.subtypes();
    let help = did_you_mean(s.get_ref(), known.iter().copied())
        .unwrap_or_else(|| format!("for {} use one of: {}", kind.id(), known.join(", ")));
    problems.push(at(
        s.span().start + 1,
        format!("unknown subtype \"{}\" for {}", s.get_ref(), kind.id()),
        help,
    ));
    None
}

/// Casualty figures: a range that runs forwards, and a source for it.
fn check_figures(
    front: &EventFront,
    at: &impl Fn(usize, String, String) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) {
    let (min, max) = (&front.fatalities_min, &front.fatalities_max);
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo.get_ref() > hi.get_ref() {
            problems.push(at(
                hi.span().start,
                format!(
                    "fatalities_max {} is below fatalities_min {}",
                    hi.get_ref(),
                    lo.get_ref()
                ),
                "swap them, or give only fatalities_min for \"at least N\"".into(),
            ));
        }
    }
    let figure = min.as_ref().or(max.as_ref());
    let sourced = front
        .fatalities_source
        .as_ref()
        .is_some_and(|s| !s.get_ref().trim().is_empty());
    if let (Some(figure), false) = (figure, sourced) {
        problems.push(at(
            figure.span().start,
            "a death toll without fatalities_source".into(),
            "say who gives the figure, e.g. fatalities_source = \"army statement\"".into(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Front {
        events: Vec<EventFront>,
    }

    fn parse(toml: &str) -> (Vec<Event>, Vec<String>) {
        let front: Front = toml::from_str(toml).unwrap();
        let split = Split {
            toml,
            toml_line: 2,
            body: "",
            body_line: 0,
        };
        let mut problems = Vec::new();
        let reported = NaiveDate::from_ymd_opt(2024, 7, 31).unwrap();
        let (events, _) = parse_events(
            front.events,
            reported,
            &split,
            Path::new("a.md"),
            &mut problems,
        );
        (events, problems.iter().map(|d| d.to_string()).collect())
    }

    const EVENT: &str =
        "[[events]]\ndate = 2024-07-27\ntype = \"battles\"\nplace = \"tinzaouaten\"\n";

    #[test]
    fn parses_a_full_event() {
        let (events, errs) = parse(&format!(
            "{EVENT}subtype = \"armed-clash\"\nactors = [{{ id = \"fama\", role = \"target\" }}, {{ id = \"csp\" }}]\nfatalities_min = 47\nfatalities_max = 84\nfatalities_source = \"CSP statement\"\ninjured = 3\nclaimed_by = \"csp\"\n"
        ));
        assert!(errs.is_empty(), "{errs:?}");
        let e = &events[0];
        assert_eq!(e.kind, EventType::Battles);
        assert_eq!(e.actors[0].role, Some(ActorRole::Target));
        assert_eq!(e.actors[1].role, None);
        assert_eq!(
            (e.fatalities_min, e.fatalities_max, e.fatalities()),
            (Some(47), Some(84), 47)
        );
        assert_eq!(e.injured, Some(3));
    }

    #[test]
    fn figures_run_forwards_and_are_attributed() {
        let (_, errs) = parse(&format!(
            "{EVENT}fatalities_min = 90\nfatalities_max = 40\nfatalities_source = \"x\"\n"
        ));
        assert_eq!(
            errs,
            ["a.md:7:18: fatalities_max 40 is below fatalities_min 90 (swap them, or give only fatalities_min for \"at least N\")"]
        );
        let (_, errs) = parse(&format!("{EVENT}fatalities_min = 9\n"));
        assert!(
            errs[0].contains("a.md:6:18: a death toll without fatalities_source"),
            "{errs:?}"
        );
    }

    #[test]
    fn dates_are_days_before_the_report() {
        let (_, errs) = parse(&EVENT.replace("2024-07-27", "2024-08-02"));
        assert!(errs[0].starts_with("a.md:3:8: the event (2024-08-02) is after the article"));
        let (_, errs) = parse(&EVENT.replace("2024-07-27", "2024-07-27T10:00:00Z"));
        assert!(errs[0].contains("is not a day"));
        let (_, errs) = parse(&EVENT.replace("2024-07-27", "1024-07-27"));
        assert!(errs[0].contains("before 1990"));
    }

    #[test]
    fn subtypes_belong_to_their_type() {
        let (_, errs) = parse(&format!("{EVENT}subtype = \"armed-clsh\"\n"));
        assert!(errs[0].contains(
            "unknown subtype \"armed-clsh\" for battles (did you mean \"armed-clash\"?)"
        ));
        let (_, errs) = parse(&format!("{EVENT}subtype = \"grenade\"\n"));
        assert!(
            errs[0].contains("for battles use one of: armed-clash"),
            "{errs:?}"
        );
    }

    #[test]
    fn every_type_has_a_label_and_subtypes() {
        for t in EventType::ALL {
            assert!(!t.label(Lang::Fr).is_empty() && !t.subtypes().is_empty());
            let parsed: EventType = serde_json::from_value(serde_json::json!(t.id())).unwrap();
            assert_eq!(parsed, t);
        }
    }
}
