//! Casualty figures as a reporter writes them: `au moins 70 morts`,
//! `plus de 20 soldats tués`, `killed 12 soldiers`, `77 morts et 255
//! blessés`, with who gives them (`selon l'armée`, `according to ...`).

use crate::import::gazetteer::fold;

/// One word of a sentence: as written (without the punctuation around
/// it) and folded, and whether a comma or stop ends it.
#[derive(Debug, Clone)]
pub(super) struct Word<'a> {
    pub(super) written: &'a str,
    pub(super) folded: String,
    pub(super) stop: bool,
}

/// The words of a sentence, elisions apart (`l'armée`: `l`, `armée`);
/// `1 200` and `1,200` are one number.
pub(super) fn words(sentence: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word> = Vec::new();
    for raw in sentence.split(|c: char| c.is_whitespace() || c == '\'' || c == '’') {
        let written = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if written.is_empty() {
            continue;
        }
        let stop = raw.ends_with([',', '.', ';', ':', '!', '?', ')', '»', '"']);
        // `1 200`: a group of three digits after a number continues it.
        if let Some(last) = out.last_mut() {
            let group = written.len() == 3 && written.bytes().all(|b| b.is_ascii_digit());
            if group && !last.stop && last.folded.bytes().all(|b| b.is_ascii_digit()) {
                last.folded.push_str(written);
                last.stop = stop;
                continue;
            }
        }
        // Most words are plain ASCII: lower-casing is their whole folding.
        let mut folded = if written.is_ascii() {
            written.to_ascii_lowercase()
        } else {
            fold(written)
        };
        if folded.contains([',', '.']) {
            folded.retain(|c| c != ',' && c != '.');
        }
        out.push(Word {
            written,
            folded,
            stop,
        });
    }
    out
}

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Counted {
    Killed,
    Injured,
    Displaced,
}

/// A figure read in a sentence: a lower and an upper bound (equal when
/// exact; no upper bound after `au moins`, `more than`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Figure {
    pub(super) counted: Counted,
    pub(super) min: u32,
    pub(super) max: Option<u32>,
}

const KILLED: &[&str] = &[
    "morts",
    "mort",
    "tues",
    "tue",
    "tuees",
    "tuee",
    "decedes",
    "peri",
    "neutralises",
    "dead",
    "killed",
    "deaths",
    "died",
    "slain",
    "neutralized",
    "neutralised",
];
const INJURED: &[&str] = &["blesses", "blessees", "blesse", "injured", "wounded"];
const DISPLACED: &[&str] = &["deplaces", "displaced"];
/// Verbs whose object is the dead: `killed 12 soldiers`, `tuant 15 civils`.
const KILLING: &[&str] = &["killed", "killing", "kill", "tuant", "tue", "tuer", "tues"];
/// Words that may stand between a number and what it counts.
const FILLERS: &[&str] = &[
    "personnes",
    "civils",
    "soldats",
    "militaires",
    "gendarmes",
    "policiers",
    "villageois",
    "membres",
    "elements",
    "assaillants",
    "terroristes",
    "jihadistes",
    "djihadistes",
    "enfants",
    "femmes",
    "hommes",
    "fideles",
    "ont",
    "ete",
    "sont",
    "etaient",
    "auraient",
    "people",
    "civilians",
    "soldiers",
    "troops",
    "militants",
    "fighters",
    "villagers",
    "police",
    "officers",
    "attackers",
    "insurgents",
    "jihadists",
    "children",
    "women",
    "men",
    "were",
    "have",
    "been",
    "are",
    "was",
    "had",
    "reportedly",
    "dont",
];
/// Words after which a number counts something else: years, money, distance.
const UNITS: &[&str] = &[
    "ans",
    "years",
    "km",
    "kilometres",
    "kilometers",
    "heures",
    "hours",
    "jours",
    "days",
    "mois",
    "months",
    "fcfa",
    "francs",
    "dollars",
    "euros",
    "millions",
    "milliards",
    "million",
    "billion",
    "pour",
    "percent",
    "h",
];

/// A number written in digits or in words (`douze`, `twelve`).
fn number(word: &str) -> Option<u32> {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok().filter(|n| *n < 1_000_000);
    }
    // Most words are not numbers: no number word is shorter or longer.
    if !(3..=9).contains(&word.len()) {
        return None;
    }
    const WORDS: &[(&str, u32)] = &[
        ("deux", 2),
        ("trois", 3),
        ("quatre", 4),
        ("cinq", 5),
        ("six", 6),
        ("sept", 7),
        ("huit", 8),
        ("neuf", 9),
        ("dix", 10),
        ("onze", 11),
        ("douze", 12),
        ("quinze", 15),
        ("vingt", 20),
        ("trente", 30),
        ("cinquante", 50),
        ("cent", 100),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("fifteen", 15),
        ("twenty", 20),
        ("thirty", 30),
        ("fifty", 50),
        ("hundred", 100),
        ("dizaine", 10),
        ("vingtaine", 20),
        ("trentaine", 30),
        ("centaine", 100),
        ("dozen", 12),
    ];
    WORDS.iter().find(|(w, _)| *w == word).map(|(_, n)| *n)
}

/// How the words before a number bound it: `au moins`, `more than` give a
/// lower bound only; `entre 20 et 30` both.
fn bounds(words: &[Word], at: usize, n: u32) -> (u32, Option<u32>) {
    let before = |k: usize| at.checked_sub(k).map(|i| words[i].folded.as_str());
    let open = matches!(
        (before(2), before(1)),
        (Some("au"), Some("moins"))
            | (Some("at"), Some("least"))
            | (Some("plus"), Some("de" | "d"))
            | (Some("more"), Some("than"))
            | (_, Some("over"))
            | (Some("pres"), Some("de" | "d"))
            | (
                _,
                Some("environ" | "about" | "around" | "nearly" | "some" | "quelque")
            )
            | (
                _,
                Some("dizaine" | "vingtaine" | "trentaine" | "centaine" | "dozen" | "une" | "a")
            )
    );
    if open {
        return (n, None);
    }
    // `entre 20 et 30 morts`, `between 20 and 30 killed`: the second number.
    let range = matches!(before(1), Some("et" | "and" | "a"))
        && before(3).is_some_and(|w| w == "entre" || w == "between");
    if let (true, Some(low)) = (range, before(2).and_then(number)) {
        return (low.min(n), Some(low.max(n)));
    }
    (n, Some(n))
}

/// What the number at `at` counts, from the words after it (`70 morts`,
/// `12 soldats nigériens ont été tués`) or before it (`killed 12`).
fn counted(words: &[Word], at: usize) -> Option<Counted> {
    let mut unknown = 0;
    for w in words.iter().skip(at + 1).take(5) {
        let f = w.folded.as_str();
        if KILLED.contains(&f) {
            return Some(Counted::Killed);
        }
        if INJURED.contains(&f) {
            return Some(Counted::Injured);
        }
        if DISPLACED.contains(&f) {
            return Some(Counted::Displaced);
        }
        if UNITS.contains(&f) || number(f).is_some() {
            break;
        }
        if !FILLERS.contains(&f) {
            // One adjective (`nigériens`, `Malian`) may qualify the noun.
            unknown += 1;
            if unknown > 1 {
                break;
            }
        }
        if w.stop {
            break;
        }
    }
    // `killed 12 soldiers`, `tuant au moins 15 civils`: a verb of killing
    // at most three words before, in the same clause.
    for w in words[at.saturating_sub(3)..at].iter().rev() {
        if w.stop {
            break;
        }
        if KILLING.contains(&w.folded.as_str()) {
            return Some(Counted::Killed);
        }
    }
    None
}

/// Every figure of a sentence, in reading order.
pub(super) fn figures(words: &[Word]) -> Vec<Figure> {
    let mut out = Vec::new();
    for (at, w) in words.iter().enumerate() {
        let Some(n) = number(&w.folded) else {
            continue;
        };
        // `1 mort` is a figure, `une` alone is not a number here.
        if let Some(counted) = counted(words, at) {
            let (min, max) = bounds(words, at, n);
            out.push(Figure { counted, min, max });
        }
    }
    out
}

/// Who gives the figures of a sentence: the words after `selon`,
/// `d'après`, `according to`, up to the end of the clause (at most eight),
/// as `sentence` writes them.
pub(super) fn attribution(sentence: &str, words: &[Word]) -> Option<String> {
    let start = words.iter().enumerate().find_map(|(i, w)| {
        let next = words.get(i + 1).map(|n| n.folded.as_str());
        match (w.folded.as_str(), next) {
            ("selon", _) => Some(i + 1),
            ("d", Some("apres")) if !w.stop => Some(i + 2),
            ("according", Some("to")) => Some(i + 2),
            _ => None,
        }
    })?;
    let mut phrase = words.iter().skip(start).take(8);
    let first = phrase.next()?;
    let mut last = first;
    if !first.stop {
        for w in phrase {
            last = w;
            if w.stop {
                break;
            }
        }
    }
    let offset = |w: &str| w.as_ptr() as usize - sentence.as_ptr() as usize;
    let (from, to) = (
        offset(first.written),
        offset(last.written) + last.written.len(),
    );
    Some(sentence[from..to].to_string())
}
