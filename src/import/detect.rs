//! What an article is: its language, its date, and the countries and
//! actors it is about (substantial) or only names (mentions).
//!
//! Salience: a name in the title or the lead, or in several sentences of
//! the body, makes its entity a subject; a name in one clause is a passing
//! mention. Ambiguous names are resolved by the article's date (an actor's
//! `active_from`/`active_until`), by the other names of the same actor in
//! the article, and by its affiliated countries.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::gazetteer::{fold, tokenize, Entity, Gazetteer, Strength, Target, Tokens};
use super::text::month;
use crate::config::Lang;
use crate::model::Profiles;

/// French or English, from the share of each language's function words.
pub fn detect_lang(text: &str) -> Option<Lang> {
    const FR: &[&str] = &[
        "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "pour", "dans", "que",
        "qui", "sur", "au", "aux", "par", "avec", "ne", "pas", "plus", "ont", "sont", "ce",
        "cette", "son", "ses", "leur", "il", "elle", "a", "ete",
    ];
    const EN: &[&str] = &[
        "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "was", "by", "as",
        "are", "from", "has", "have", "it", "its", "be", "this", "at", "an", "which", "were",
        "said", "will", "he", "she", "they", "their",
    ];
    let (mut fr, mut en) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.len() <= 5)
        .take(3000)
    {
        let w = fold(word);
        fr += FR.contains(&w.as_str()) as usize;
        en += EN.contains(&w.as_str()) as usize;
    }
    match fr.cmp(&en) {
        std::cmp::Ordering::Greater => Some(Lang::Fr),
        std::cmp::Ordering::Less => Some(Lang::En),
        std::cmp::Ordering::Equal => None,
    }
}

/// Every full date written in the text (`24 décembre 2023`,
/// `December 24, 2023`, `2023-12-24`, `24/12/2023`), in text order.
pub fn find_dates(text: &str) -> Vec<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let day = |w: &str| -> Option<u32> {
        w.trim_end_matches(char::is_alphabetic)
            .parse()
            .ok()
            .filter(|d| (1..=31).contains(d))
    };
    let year = |w: &str| -> Option<i32> {
        let w = w.trim_end_matches(|c: char| !c.is_ascii_digit());
        (w.len() == 4)
            .then(|| w.parse().ok())
            .flatten()
            .filter(|y| (1950..=2100).contains(y))
    };
    let mut dates = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if let Some(m) = month(w) {
            if w.len() < 4 && !w.ends_with('.') && w.chars().next().is_some_and(char::is_lowercase)
            {
                continue;
            }
            let before = i.checked_sub(1).and_then(|j| day(words[j]));
            let after = words.get(i + 1).and_then(|w| day(w));
            let y_next = words.get(i + 1).and_then(|w| year(w));
            let y_after = words.get(i + 2).and_then(|w| year(w));
            let date = match (before, y_next, after, y_after) {
                (Some(d), Some(y), _, _) => NaiveDate::from_ymd_opt(y, m, d),
                (_, _, Some(d), Some(y)) => NaiveDate::from_ymd_opt(y, m, d),
                _ => None,
            };
            dates.extend(date);
        } else if let Some(d) = numeric_date(w) {
            dates.push(d);
        }
    }
    dates
}

fn numeric_date(w: &str) -> Option<NaiveDate> {
    let w = w.trim_matches(|c: char| !c.is_ascii_digit());
    let parts: Vec<&str> = w.split(['-', '/', '.']).collect();
    if parts.len() != 3 || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    if parts[0].len() == 4 && w.contains('-') {
        NaiveDate::from_ymd_opt(parts[0].parse().ok()?, n(parts[1])?, n(parts[2])?)
    } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        NaiveDate::from_ymd_opt(parts[2].parse().ok()?, n(parts[1])?, n(parts[0])?)
    } else {
        None
    }
}

/// Where the article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBasis {
    Given,
    Dateline,
    Text,
    Tweet,
    Today,
}

/// The article's date: a dateline in the first blocks or the last one
/// (a communiqué's `Fait à Niamey, le ...`), else the latest date written
/// in the text that is not in the future, never before a pasted tweet;
/// else the latest tweet; else `today`.
pub fn detect_date(
    blocks: &[&str],
    tweet_dates: &[NaiveDate],
    today: NaiveDate,
) -> (NaiveDate, DateBasis) {
    let latest_tweet = tweet_dates.iter().max().copied();
    let not_future = |d: &NaiveDate| *d <= today;
    let head: Vec<NaiveDate> = blocks
        .iter()
        .take(2)
        .chain(blocks.last())
        .flat_map(|b| find_dates(b))
        .filter(not_future)
        .collect();
    let found = match head.iter().max() {
        Some(&d) => Some((d, DateBasis::Dateline)),
        None => blocks
            .iter()
            .flat_map(|b| find_dates(b))
            .filter(not_future)
            .max()
            .map(|d| (d, DateBasis::Text)),
    };
    match (found, latest_tweet) {
        (Some((d, basis)), Some(t)) if t > d => (
            t.max(d),
            if basis == DateBasis::Dateline {
                DateBasis::Tweet
            } else {
                DateBasis::Tweet
            },
        ),
        (Some(found), _) => found,
        (None, Some(t)) => (t, DateBasis::Tweet),
        (None, None) => (today, DateBasis::Today),
    }
}

/// One entity found in an article, with how salient it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub entity: Entity,
    pub score: f32,
    pub substantial: bool,
}

/// Where the text of an article comes from, for salience.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Body,
}

#[derive(Debug, Clone)]
struct Hit {
    targets: Vec<Target>,
    /// Index of the sentence (deduplicated) in the article.
    sentence: usize,
    title: bool,
    lead: bool,
    hashtag: bool,
    /// Single-word name: the person-name and proper-noun checks apply.
    single: bool,
}

/// Words that may precede a name without making it another person's
/// (titles, ranks, honorifics).
const TITLES: &[&str] = &[
    "president",
    "presidente",
    "general",
    "gen",
    "colonel",
    "col",
    "capitaine",
    "captain",
    "capt",
    "lieutenant",
    "lt",
    "commandant",
    "major",
    "sergent",
    "sergeant",
    "minister",
    "ministre",
    "premier",
    "prime",
    "chef",
    "leader",
    "dr",
    "mr",
    "mrs",
    "ms",
    "m",
    "mme",
    "monsieur",
    "madame",
    "sir",
    "junta",
    "junte",
    "pm",
    "ex",
    "former",
    "ancien",
    "head",
    "chief",
    "interim",
    "transitional",
    "transition",
    "s",
    "saint",
    "presidents",
    "le",
    "la",
    "les",
    "l",
    "the",
    "de",
    "du",
    "d",
    "des",
    "et",
    "and",
    "a",
    "au",
    "of",
    "by",
    "in",
    "en",
    "pour",
    "to",
    "par",
    "avec",
    "with",
    "from",
    "selon",
    "said",
    "says",
    "dit",
    "que",
    "qui",
    "ce",
    "cet",
    "son",
    "sa",
    "ses",
    "his",
    "her",
    "their",
    "leur",
    "notre",
    "our",
    "but",
    "mais",
    "or",
    "ou",
    "si",
    "if",
    "when",
    "quand",
    "lorsque",
    "while",
    "as",
    "comme",
    "since",
    "depuis",
    "after",
    "apres",
    "before",
    "avant",
    "under",
    "sous",
    "sur",
    "on",
    "against",
    "contre",
    "dont",
    "where",
    "ou",
    "whom",
    "qu",
    "hier",
    "yesterday",
    "today",
    "aujourd",
    "mr",
    "messrs",
    "colonels",
    "generaux",
    "generals",
    "putschiste",
    "putschist",
    "marshal",
    "marechal",
    "admiral",
    "amiral",
    "senator",
    "senateur",
    "deputy",
    "depute",
    "foreign",
    "defence",
    "defense",
    "army",
    "armee",
    "military",
    "militaire",
    "state",
    "etat",
    "coup",
    "self",
    "autoproclame",
    "new",
    "nouveau",
    "nouvel",
    "nouvelle",
    "then",
    "alors",
    "late",
    "feu",
    "defunt",
    "ousted",
    "deposed",
    "renverse",
    "elected",
    "elu",
    "capitaines",
    "captains",
    "commander",
    "commandants",
    "francais",
    "french",
    "russian",
    "russe",
    "malien",
    "malian",
    "nigerien",
    "nigerien",
    "burkinabe",
    "tchadien",
    "chadian",
    "americain",
    "american",
    "ivoirien",
    "ivorian",
    "senegalais",
    "senegalese",
    "nigerian",
    "nigerian",
];

/// Words after a country's name that make it part of another proper noun
/// (`France 24`, `Niger Delta`) or a river.
const AFTER_COUNTRY: &[&str] = &[
    "24",
    "2",
    "3",
    "5",
    "inter",
    "info",
    "culture",
    "televisions",
    "television",
    "tv",
    "delta",
    "river",
    "basin",
    "bassin",
    "state",
    "empire",
    "airlines",
    "airways",
    "telecom",
    "presse",
    "soir",
    "matin",
    "hebdo",
    "express",
    "tribune",
    "times",
    "post",
    "today",
    "news",
    "insider",
    "actu",
    "actualite",
    "agence",
    "cup",
    "united",
];
/// Words before a country's name that make it part of another name.
const BEFORE_COUNTRY: &[&str] = &[
    "fleuve",
    "river",
    "radio",
    "papua",
    "papouasie",
    "equatorial",
    "equatoriale",
    "south",
    "sud",
    "new",
    "nouvelle",
    "air",
    "team",
    "equipe",
    "tele",
    "office",
    "guinee",
    "guinea",
    "radiodiffusion",
    "rfi",
];
/// Words in a sentence that mean the single-word name is someone else
/// (Wagner the composer).
const OTHER_SENSE: &[&str] = &[
    "composer",
    "compositeur",
    "opera",
    "symphony",
    "symphonie",
    "richard",
    "wagnerian",
    "wagnerien",
    "musique",
    "music",
    "lohengrin",
    "tristan",
    "walkyrie",
    "valkyrie",
];

/// The countries and actors of an article, most salient first.
pub fn detect_entities(
    gazetteer: &Gazetteer,
    profiles: &Profiles,
    parts: &[(Part, &str)],
    date: NaiveDate,
) -> Vec<Found> {
    let mut hits: Vec<Hit> = Vec::new();
    let mut seen_sentences: HashMap<u64, usize> = HashMap::new();
    let mut sentence_count = 0usize;
    let mut body_sentences = 0usize;
    let mut lead_done = false;
    for &(part, text) in parts {
        let tokens = tokenize(text);
        if tokens.list.is_empty() {
            continue;
        }
        let title_case = is_title_case(&tokens);
        // Sentences of this block, deduplicated across the article.
        let mut sentence_ids = Vec::with_capacity(tokens.list.len());
        let mut current = usize::MAX;
        let mut starts = Vec::new();
        for (i, t) in tokens.list.iter().enumerate() {
            if t.sentence_start || i == 0 {
                starts.push(i);
            }
            let _ = t;
        }
        starts.push(tokens.list.len());
        let mut repeated = Vec::new();
        for w in starts.windows(2) {
            let key = sentence_key(&tokens, w[0], w[1]);
            let is_new = !seen_sentences.contains_key(&key);
            let id = *seen_sentences.entry(key).or_insert_with(|| {
                sentence_count += 1;
                sentence_count - 1
            });
            if part == Part::Body && is_new {
                body_sentences += 1;
            }
            for _ in w[0]..w[1] {
                sentence_ids.push(id);
                repeated.push(!is_new);
            }
            current = id;
        }
        let _ = current;
        let is_lead = part == Part::Body && !lead_done;
        if part == Part::Body && tokens.list.len() >= 8 {
            lead_done = true;
        }
        let other_sense: HashSet<usize> = (0..tokens.list.len())
            .filter(|&i| OTHER_SENSE.contains(&tokens.word(i)))
            .map(|i| sentence_ids[i])
            .collect();
        for (alias_id, start, len) in gazetteer.find(&tokens) {
            if repeated[start] {
                continue;
            }
            let alias = &gazetteer.aliases[alias_id];
            let single = len == 1 && !tokens.list[start].hashtag;
            let mut targets: Vec<Target> = alias.targets.clone();
            if single {
                targets.retain(|t| {
                    keep_single(
                        t,
                        &tokens,
                        start,
                        title_case,
                        &other_sense,
                        &sentence_ids,
                        gazetteer,
                    )
                });
            }
            if targets.is_empty() {
                continue;
            }
            hits.push(Hit {
                targets,
                sentence: sentence_ids[start],
                title: part == Part::Title,
                lead: is_lead,
                hashtag: tokens.list[start].hashtag,
                single,
            });
        }
    }
    let _ = hits.iter().map(|h| h.single).count();
    resolve(hits, profiles, date, body_sentences)
}

fn sentence_key(tokens: &Tokens, from: usize, to: usize) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for i in from..to {
        tokens.word(i).hash(&mut h);
    }
    // Short sentences ("Mali.") repeat legitimately; only long ones are copies.
    if to - from < 6 {
        (from as u64).hash(&mut h);
        tokens.list[from].start.hash(&mut h);
        tokens.source.len().hash(&mut h);
    }
    h.finish()
}

/// Headline style where most words are capitalised.
fn is_title_case(tokens: &Tokens) -> bool {
    let long: Vec<_> = tokens.list.iter().filter(|t| t.end - t.start > 3).collect();
    long.len() >= 3 && long.iter().filter(|t| t.capital).count() * 10 >= long.len() * 7
}

/// Checks that a one-word name really is the entity here: not a river or
/// a TV channel (`fleuve Niger`, `France 24`), not someone else with the
/// same surname (`Richard Wagner`, `Idriss Déby` when the profile is the
/// son's) or first name (`Chad Smith`).
fn keep_single(
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
            if next.is_some_and(|j| AFTER_COUNTRY.contains(&tokens.word(j))) {
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

/// Evidence gathered for one entity.
#[derive(Debug, Default, Clone)]
struct Evidence {
    title: bool,
    lead: bool,
    sentences: HashSet<usize>,
    demonym_sentences: HashSet<usize>,
    weak_sentences: HashSet<usize>,
    hashtag: bool,
    strong: bool,
}

fn in_range(profiles: &Profiles, entity: Entity, date: NaiveDate) -> Option<bool> {
    let Entity::Actor(i) = entity else {
        return None;
    };
    let a = &profiles.actors[i];
    if a.active_from.is_none() && a.active_until.is_none() {
        return None;
    }
    let grace = chrono::Days::new(31);
    let after_start = a
        .active_from
        .is_none_or(|f| date >= f.checked_sub_days(grace).unwrap_or(f));
    let before_end = a
        .active_until
        .is_none_or(|u| date <= u.checked_add_days(grace).unwrap_or(u));
    Some(after_start && before_end)
}

fn affiliation(profiles: &Profiles, entity: Entity) -> Vec<Entity> {
    match entity {
        Entity::Actor(i) => profiles.actors[i]
            .affiliation
            .iter()
            .filter_map(|id| profiles.country_index.get(id).map(|&c| Entity::Country(c)))
            .collect(),
        Entity::Country(_) => Vec::new(),
    }
}

fn resolve(
    hits: Vec<Hit>,
    profiles: &Profiles,
    date: NaiveDate,
    body_sentences: usize,
) -> Vec<Found> {
    let mut evidence: HashMap<Entity, Evidence> = HashMap::new();
    let record = |ev: &mut Evidence, h: &Hit, strength: Strength| {
        ev.title |= h.title;
        ev.lead |= h.lead;
        ev.hashtag |= h.hashtag;
        match strength {
            Strength::Strong => {
                ev.strong = true;
                ev.sentences.insert(h.sentence);
            }
            Strength::Demonym => {
                ev.demonym_sentences.insert(h.sentence);
            }
            Strength::Weak => {
                ev.weak_sentences.insert(h.sentence);
            }
        }
    };
    // First pass: unambiguous names.
    let mut ambiguous = Vec::new();
    for h in &hits {
        if h.targets.len() == 1 {
            let t = h.targets[0];
            record(evidence.entry(t.entity).or_default(), h, t.strength);
        } else {
            ambiguous.push(h);
        }
    }
    // Ambiguous names go to the candidate the date and the rest of the
    // article support best.
    for h in ambiguous {
        let best = h
            .targets
            .iter()
            .map(|t| {
                let mut score = 0.0f32;
                match in_range(profiles, t.entity, date) {
                    Some(true) => score += 4.0,
                    Some(false) => score -= 4.0,
                    None => {}
                }
                if let Some(ev) = evidence.get(&t.entity) {
                    if ev.strong {
                        score += 3.0;
                    }
                }
                for c in affiliation(profiles, t.entity) {
                    if let Some(ev) = evidence.get(&c) {
                        score +=
                            (ev.sentences.len() as f32).min(3.0) + if ev.title { 2.0 } else { 0.0 };
                    }
                }
                score += match t.strength {
                    Strength::Strong => 0.5,
                    _ => 0.0,
                };
                (score, *t)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((score, t)) = best {
            if score > -2.0 {
                // The name is then as good as a strong one for that entity,
                // unless it is weak and nothing else supports it.
                let strength = if t.strength == Strength::Weak && score >= 3.0 {
                    Strength::Strong
                } else {
                    t.strength
                };
                record(evidence.entry(t.entity).or_default(), h, strength);
            }
        }
    }
    // Weak names count only with support: another name of the same actor,
    // or its country central to the article and the date in its range.
    let country_support: HashMap<Entity, bool> = evidence
        .iter()
        .filter(|(e, _)| matches!(e, Entity::Country(_)))
        .map(|(e, ev)| (*e, ev.title || ev.lead || ev.sentences.len() >= 2))
        .collect();
    let mut found: Vec<Found> = Vec::new();
    for (entity, ev) in &evidence {
        let mut sentences = ev.sentences.clone();
        if !ev.weak_sentences.is_empty() {
            let supported = ev.strong
                || (in_range(profiles, *entity, date) != Some(false)
                    && affiliation(profiles, *entity)
                        .iter()
                        .any(|c| country_support.get(c).copied().unwrap_or(false))
                    && in_range(profiles, *entity, date).is_some());
            if supported {
                sentences.extend(ev.weak_sentences.iter().copied());
            }
        }
        let demonyms = ev
            .demonym_sentences
            .iter()
            .filter(|s| !sentences.contains(s))
            .count();
        if sentences.is_empty() && demonyms == 0 {
            continue;
        }
        let title = ev.title && (!sentences.is_empty() || demonyms > 0);
        let score = if title { 4.0 } else { 0.0 }
            + if ev.lead { 2.0 } else { 0.0 }
            + sentences.len() as f32
            + 0.5 * demonyms as f32
            + if ev.hashtag { 0.5 } else { 0.0 };
        found.push(Found {
            entity: *entity,
            score,
            substantial: false,
        });
    }
    // Substantial: in the title, or well above a passing mention for the
    // article's length and close enough to its main subjects.
    let threshold = 2.5f32.max(body_sentences as f32 / 12.0);
    for kind_is_country in [true, false] {
        let max = found
            .iter()
            .filter(|f| matches!(f.entity, Entity::Country(_)) == kind_is_country)
            .map(|f| f.score)
            .fold(0.0f32, f32::max);
        for f in found
            .iter_mut()
            .filter(|f| matches!(f.entity, Entity::Country(_)) == kind_is_country)
        {
            let ev = &evidence[&f.entity];
            f.substantial = (ev.title
                && (!ev.sentences.is_empty() || !ev.weak_sentences.is_empty()))
                || (f.score >= threshold && f.score >= 0.2 * max);
        }
    }
    found.sort_by(|a, b| {
        b.substantial
            .cmp(&a.substantial)
            .then(b.score.total_cmp(&a.score))
            .then(a.entity.cmp(&b.entity))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_function_words() {
        assert_eq!(
            detect_lang("Le Niger a reçu des instructeurs de la Russie."),
            Some(Lang::Fr)
        );
        assert_eq!(
            detect_lang("The junta said it was in the interest of the people."),
            Some(Lang::En)
        );
    }

    #[test]
    fn dates_in_both_languages_and_numbers() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(find_dates("Dimanche 24 Décembre 2023"), [d(2023, 12, 24)]);
        assert_eq!(find_dates("on April 11, 2024 at"), [d(2024, 4, 11)]);
        assert_eq!(
            find_dates("le 1er août 2023, puis 2023-08-05 et 06/08/2023"),
            [d(2023, 8, 1), d(2023, 8, 5), d(2023, 8, 6)]
        );
        assert!(find_dates("en mars, le coup de juillet 2023").is_empty());
    }

    #[test]
    fn date_prefers_dateline_and_respects_tweets() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let today = d(2026, 1, 1);
        let blocks = [
            "Niamey, 24 décembre 2023 - Le CNSP...",
            "Le 26 juillet 2023, un coup.",
        ];
        assert_eq!(
            detect_date(&blocks, &[], today),
            (d(2023, 12, 24), DateBasis::Dateline)
        );
        // A pasted tweet is a lower bound.
        assert_eq!(
            detect_date(&blocks, &[d(2024, 1, 2)], today).0,
            d(2024, 1, 2)
        );
        assert_eq!(
            detect_date(&["rien"], &[d(2024, 4, 11)], today),
            (d(2024, 4, 11), DateBasis::Tweet)
        );
        assert_eq!(
            detect_date(&["rien"], &[], today),
            (today, DateBasis::Today)
        );
        // Future dates are plans, not the article's date.
        assert_eq!(
            detect_date(&["Élections le 5 mai 2030."], &[], today).1,
            DateBasis::Today
        );
    }
}
