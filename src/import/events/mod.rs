//! Events `import` can read in an article's lead: a casualty figure, a
//! place from the site's place profiles, a day (`dimanche`, `on Tuesday`,
//! `le 12 juin`) resolved against the article's date, and a type from the
//! words of the lead. They are written as commented-out `[[events]]` for
//! a person to check against the text and uncomment: never as facts.

mod figures;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::dates::{find_date, resolve_year};
use crate::import::convert::one_line;
use figures::{attribution, figures, words, Counted, Word};

/// Paragraphs of the body read as the lead.
pub const LEAD: usize = 3;

/// An event read in an article, to be confirmed by a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub date: NaiveDate,
    /// Whether the date was read in the text (else it is the article's).
    pub date_read: bool,
    /// One of the six ACLED-style type ids, when the lead's words tell.
    pub kind: Option<&'static str>,
    pub place: Option<String>,
    pub fatalities_min: Option<u32>,
    pub fatalities_max: Option<u32>,
    pub fatalities_source: Option<String>,
    pub injured: Option<u32>,
    pub displaced: Option<u32>,
}

/// The event the lead (title and first paragraphs) reports, if it gives a
/// casualty figure, or its title a type of event and the article a place. `places` are the
/// place ids the lead names, most salient first.
pub fn suggest(
    title: &str,
    body: &[&str],
    date: NaiveDate,
    places: &[String],
) -> Option<Suggestion> {
    let sentences: Vec<&str> = std::iter::once(title)
        .chain(body.iter().take(LEAD).copied())
        .flat_map(split_sentences)
        .collect();
    let read: Vec<Vec<Word>> = sentences.iter().map(|s| words(s)).collect();
    let mut s = Suggestion {
        date,
        date_read: false,
        kind: None,
        place: places.first().cloned(),
        fatalities_min: None,
        fatalities_max: None,
        fatalities_source: None,
        injured: None,
        displaced: None,
    };
    let mut figure_sentence = None;
    for (i, w) in read.iter().enumerate() {
        for f in figures(w) {
            let slot = match f.counted {
                Counted::Killed if s.fatalities_min.is_none() => {
                    s.fatalities_max = f.max;
                    figure_sentence = Some(i);
                    &mut s.fatalities_min
                }
                Counted::Injured => &mut s.injured,
                Counted::Displaced => &mut s.displaced,
                Counted::Killed => continue,
            };
            slot.get_or_insert(f.min);
        }
    }
    // Without a figure, only a headline saying what happened where: a
    // political story's lead names attacks and protests in passing.
    let has_figure = s.fatalities_min.is_some() || s.injured.is_some();
    let headline_event = || s.place.is_some() && kind(&read[..read.len().min(1)]).is_some();
    if !(has_figure || headline_event()) {
        return None;
    }
    s.kind = kind(&read);
    if let Some(i) = figure_sentence {
        s.fatalities_source = attribution(sentences[i], &read[i]);
    }
    // The day: first in the sentence of the figure, then in the lead.
    let order = figure_sentence.into_iter().chain(0..read.len());
    if let Some(day) = order
        .filter_map(|i| event_day(sentences[i], &read[i], date))
        .next()
    {
        s.date = day;
        s.date_read = true;
    }
    Some(s)
}

fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | '\n') {
            let next = text[i + c.len_utf8()..].chars().next();
            // Not `1.200` nor `U.S.` inside a word.
            if next.is_none_or(char::is_whitespace) {
                out.push(&text[start..i + c.len_utf8()]);
                start = i + c.len_utf8();
            }
        }
    }
    out.push(&text[start..]);
    out.retain(|s| !s.trim().is_empty());
    out
}

/// The day a sentence says the event took place, on or before the
/// article's date: a weekday (the last one on or before it), `hier` /
/// `yesterday`, or a day and month (`le 12 juin`, `June 12`).
fn event_day(sentence: &str, words: &[Word], article: NaiveDate) -> Option<NaiveDate> {
    for w in words {
        if let Some(day) = weekday(&w.folded) {
            let back =
                (7 + article.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
            return article.checked_sub_days(Days::new(u64::from(back)));
        }
        if w.folded == "hier" || w.folded == "yesterday" {
            return article.checked_sub_days(Days::new(1));
        }
    }
    let (d, m, y) = find_date(sentence)?;
    let day = match y {
        Some(y) => NaiveDate::from_ymd_opt(y, m, d)?,
        None => resolve_year(d, m, article)?,
    };
    // A dateline gives the article's own date; a later date is a plan.
    (day < article).then_some(day)
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "lundi" | "monday" => Weekday::Mon,
        "mardi" | "tuesday" => Weekday::Tue,
        "mercredi" | "wednesday" => Weekday::Wed,
        "jeudi" | "thursday" => Weekday::Thu,
        "vendredi" | "friday" => Weekday::Fri,
        "samedi" | "saturday" => Weekday::Sat,
        "dimanche" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

// Words of the lead (folded) that tell an event's type.
const EXPLOSIONS: &[&str] = &[
    "explosif",
    "explosifs",
    "ied",
    "drone",
    "drones",
    "bombardement",
    "bombardements",
    "kamikaze",
    "obus",
    "explosive",
    "airstrike",
    "airstrikes",
    "bombing",
    "shelling",
    "landmine",
    "landmines",
];
const CIVILIANS: &[&str] = &[
    "civils",
    "civilians",
    "villageois",
    "villagers",
    "massacre",
    "massacres",
    "enleves",
    "enlevement",
    "kidnapped",
    "abducted",
];
const MILITARY: &[&str] = &[
    "soldats",
    "militaires",
    "armee",
    "gendarmes",
    "poste",
    "camp",
    "soldiers",
    "troops",
    "army",
    "military",
    "base",
];
const BATTLES: &[&str] = &[
    "attaque",
    "attaques",
    "embuscade",
    "affrontements",
    "combats",
    "accrochage",
    "attack",
    "attacked",
    "attacks",
    "ambush",
    "clashes",
    "clashed",
    "fighting",
];
const RIOTS: &[&str] = &["emeute", "emeutes", "riot", "riots", "rioters"];
const PROTESTS: &[&str] = &[
    "manifestation",
    "manifestations",
    "manifestants",
    "protest",
    "protests",
    "protesters",
    "demonstrators",
    "demonstration",
];

/// The event type the lead's words point to: explosions and strikes
/// first, then civilians attacked (when no soldier is named), fighting,
/// civilians, riots and protests. `None` when no word tells: a person
/// chooses.
fn kind(read: &[Vec<Word>]) -> Option<&'static str> {
    let said = |list: &[&str]| {
        read.iter()
            .flatten()
            .any(|w| list.contains(&w.folded.as_str()))
    };
    let military = said(MILITARY);
    if said(EXPLOSIONS) {
        Some("explosions-remote-violence")
    } else if said(CIVILIANS) && !military {
        Some("violence-against-civilians")
    } else if said(BATTLES) {
        Some("battles")
    } else if said(CIVILIANS) {
        Some("violence-against-civilians")
    } else if said(RIOTS) {
        Some("riots")
    } else if said(PROTESTS) {
        Some("protests")
    } else {
        None
    }
}

impl Suggestion {
    /// The suggestion as TOML comments: every line starts with `#`, and
    /// every value read from the text is a TOML string on one line, so
    /// nothing in the source can end the comment, the front matter or the
    /// string once a person uncomments it.
    pub fn to_comment(&self) -> String {
        let quoted = |text: &str| toml::Value::String(one_line(text)).to_string();
        let mut out =
            String::from("# Suggested by import; check against the text, then uncomment:\n");
        out.push_str("# [[events]]\n");
        let date_note = if self.date_read {
            "read in the lead"
        } else {
            "the article's date: no day found in the lead"
        };
        out.push_str(&format!("# date = {}  # {date_note}\n", self.date));
        let kind = self
            .kind
            .map_or("\"?\"".to_string(), |k| format!("\"{k}\""));
        out.push_str(&format!(
            "# type = {kind}  # battles | explosions-remote-violence | violence-against-civilians | protests | riots | strategic-developments\n"
        ));
        let place = self.place.as_deref().map_or("\"?\"".to_string(), quoted);
        out.push_str(&format!("# place = {place}  # a place id\n"));
        if let Some(n) = self.fatalities_min {
            out.push_str(&format!("# fatalities_min = {n}\n"));
        }
        if let Some(n) = self.fatalities_max {
            out.push_str(&format!("# fatalities_max = {n}\n"));
        }
        if self.fatalities_min.is_some() {
            let source = self.fatalities_source.as_deref().unwrap_or("?");
            out.push_str(&format!(
                "# fatalities_source = {}  # who gives the figure\n",
                quoted(source)
            ));
        }
        if let Some(n) = self.injured {
            out.push_str(&format!("# injured = {n}\n"));
        }
        if let Some(n) = self.displaced {
            out.push_str(&format!("# displaced = {n}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests;
