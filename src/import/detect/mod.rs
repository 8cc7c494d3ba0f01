//! What an article is: its language, its date, and the countries and
//! actors it is about (substantial) or only names (mentions).
//!
//! Salience: a name in the title or the lead, or in several sentences of
//! the body, makes its entity a subject; a name in one clause is a passing
//! mention. Ambiguous names are resolved by the article's date (an actor's
//! `active_from`/`active_until`), by the other names of the same actor in
//! the article, and by its affiliated countries.

mod coreference;
mod evidence;
mod followers;
mod generic;
mod lang;
mod officials;
mod qualifiers;
mod salience;
mod single;
mod succession;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_who_acts;
mod words;

use rustc_hash::FxHashSet as HashSet;

use chrono::NaiveDate;

use super::gazetteer::{tokenize, Entity, Gazetteer, Strength, Target, Tokens};
use crate::model::{ActorKind, Profiles};
use generic::Generic;
pub use lang::{detect_date, detect_lang, find_dates, DateBasis};
use salience::resolve;
pub use salience::{Salience, SalienceRules};
use single::{is_title_case, keep_single};
use words::*;

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
    /// One of three or more countries named in a row (`le Mali, le Niger
    /// et le Burkina`): a list, weaker than a sentence about one of them.
    list: bool,
    /// A generic name (`la junte`, `the regional bloc`) standing for an
    /// actor the article's country, date or names tell.
    generic: Option<Generic>,
    /// Index of the block (paragraph) it stands in.
    block: usize,
    /// At the head of its sentence, where its subject usually stands.
    subject: bool,
    /// A country qualifying a head of state or government (`le président
    /// tchadien`, `Niger's leader`): it may stand for the person.
    office: bool,
    /// A country qualifying an institution of its state (`les autorités
    /// burkinabè`): the junta when one rules it.
    state: bool,
    /// An official of the country, named (see `officials`).
    official: bool,
    /// A country that only qualifies an actor (see `qualifiers`).
    qualifier: bool,
    /// A leader named for their followers (`les hommes de Koufa`): the
    /// group they lead (see `followers`).
    followers: bool,
}

/// The countries and actors of an article, most salient first. `date` is
/// the article's date when known (it resolves names by their actors' dates).
pub fn detect_entities(
    gazetteer: &Gazetteer,
    profiles: &Profiles,
    parts: &[(Part, &str)],
    date: Option<NaiveDate>,
) -> Vec<Found> {
    let tokens: Vec<Tokens> = parts.iter().map(|&(_, text)| tokenize(text)).collect();
    detect_in_tokens(gazetteer, profiles, parts, &tokens, date)
}

/// [`detect_entities`] over parts already tokenized (`tokens[i]` is
/// `tokenize(parts[i].1)`): an article read against several gazetteers
/// (its countries and actors, then its places) is tokenized once.
pub fn detect_in_tokens(
    gazetteer: &Gazetteer,
    profiles: &Profiles,
    parts: &[(Part, &str)],
    tokens: &[Tokens],
    date: Option<NaiveDate>,
) -> Vec<Found> {
    debug_assert_eq!(parts.len(), tokens.len());
    let mut scan = Scan::default();
    // Round-ups: sections opened by a short headline line.
    let headlines: Vec<bool> = (0..parts.len()).map(|i| is_headline(parts, i)).collect();
    let sectioned = headlines.iter().filter(|h| **h).count() >= 2;
    let mut section = 0usize;
    scan.layout.section_len.push(0);
    for (block, (&(part, _), tokens)) in parts.iter().zip(tokens).enumerate() {
        if sectioned && headlines[block] {
            section += 1;
            scan.layout.section_len.push(0);
        }
        if tokens.list.is_empty() {
            continue;
        }
        let place = Place {
            part,
            block,
            section,
            lead: part == Part::Body && !scan.lead_done,
        };
        if part == Part::Body && tokens.list.len() >= 8 {
            scan.lead_done = true;
        }
        let sentences = scan.sentences(tokens, place);
        let spans = scan.names(gazetteer, profiles, tokens, &sentences, place);
        for (start, _, meaning) in generic::find(tokens, &spans) {
            if sentences.repeated[start] {
                continue;
            }
            scan.hits.push(Hit {
                subject: sentences.head[start] || is_agent(tokens, start),
                generic: Some(meaning),
                ..Hit::new(Vec::new(), sentences.ids[start], place)
            });
        }
    }
    resolve(&gazetteer.salience, scan.hits, profiles, date, &scan.layout)
}

/// Where a block stands in the article.
#[derive(Debug, Clone, Copy)]
struct Place {
    part: Part,
    block: usize,
    section: usize,
    lead: bool,
}

/// What is gathered while reading an article's blocks in order.
#[derive(Default)]
struct Scan {
    hits: Vec<Hit>,
    seen_sentences: super::gazetteer::FastMap<u64, usize>,
    lead_done: bool,
    layout: Layout,
    officials: officials::Officials,
}

/// The sentences of one block, token by token.
struct Sentences {
    /// The article-wide sentence id of each token.
    ids: Vec<usize>,
    /// Whether the token's sentence was seen before (a pasted copy).
    repeated: Vec<bool>,
    /// Whether the token is among the first words of its sentence, where
    /// its subject usually stands.
    head: Vec<bool>,
}

impl Hit {
    fn new(targets: Vec<Target>, sentence: usize, place: Place) -> Hit {
        Hit {
            targets,
            sentence,
            title: place.part == Part::Title,
            lead: place.lead,
            hashtag: false,
            list: false,
            generic: None,
            block: place.block,
            subject: false,
            office: false,
            state: false,
            official: false,
            qualifier: false,
            followers: false,
        }
    }
}

impl Scan {
    /// Splits a block into sentences, deduplicated across the article: a
    /// headline or a tweet pasted twice counts once.
    fn sentences(&mut self, tokens: &Tokens, place: Place) -> Sentences {
        let n = tokens.list.len();
        let mut out = Sentences {
            ids: Vec::with_capacity(n),
            repeated: Vec::with_capacity(n),
            head: vec![false; n],
        };
        let mut starts: Vec<usize> = (0..n)
            .filter(|&i| i == 0 || tokens.list[i].sentence_start)
            .collect();
        starts.push(n);
        for w in starts.windows(2) {
            // The subject: within the first words, past determiners.
            let mut k = w[0];
            let mut seen = 0;
            while k < w[1] && seen < 3 {
                out.head[k] = true;
                if !DETERMINERS.contains(&tokens.word(k)) {
                    seen += 1;
                }
                k += 1;
            }
            let key = sentence_key(tokens, w[0], w[1]);
            let next_id = self.seen_sentences.len();
            let id = *self.seen_sentences.entry(key).or_insert(next_id);
            let is_new = id == next_id;
            if is_new {
                self.layout.section_of.push(place.section);
            }
            if place.part == Part::Body && is_new {
                self.layout.body_sentences += 1;
                self.layout.section_len[place.section] += 1;
                if opens_with_pronoun(tokens, w[0], w[1])
                    || quote_told_by_pronoun(tokens, w[0], w[1])
                    || pronoun_after_opening_phrase(tokens, w[0], w[1])
                {
                    self.layout.pronoun_sentences.push(id);
                } else if PLURAL_PRONOUNS.contains(&tokens.word(w[0])) {
                    self.layout.plural_sentences.push(id);
                }
            }
            for _ in w[0]..w[1] {
                out.ids.push(id);
                out.repeated.push(!is_new);
            }
        }
        out
    }

    /// Records the names of the gazetteer found in a block; returns their
    /// token spans.
    fn names(
        &mut self,
        gazetteer: &Gazetteer,
        profiles: &Profiles,
        tokens: &Tokens,
        sentences: &Sentences,
        place: Place,
    ) -> Vec<(usize, usize)> {
        let title_case = is_title_case(tokens);
        let other_sense: HashSet<usize> = (0..tokens.list.len())
            .filter(|&i| OTHER_SENSE.contains(&tokens.word(i)))
            .map(|i| sentences.ids[i])
            .collect();
        let first_hit = self.hits.len();
        let mut spans = Vec::new();
        for (alias_id, start, len) in gazetteer.find(tokens) {
            if sentences.repeated[start] {
                continue;
            }
            let alias = &gazetteer.aliases[alias_id];
            let single = len == 1 && !tokens.list[start].hashtag;
            let mut targets: Vec<Target> = alias.targets.clone();
            if single {
                targets.retain(|t| {
                    keep_single(
                        t,
                        tokens,
                        start,
                        title_case,
                        &other_sense,
                        &sentences.ids,
                        gazetteer,
                    )
                });
            }
            if targets.is_empty() {
                continue;
            }
            spans.push((start, start + len));
            self.hits.push(name_hit(
                profiles,
                tokens,
                targets,
                (start, len),
                sentences,
                place,
            ));
        }
        mark_lists(tokens, &spans, &mut self.hits[first_hit..]);
        qualifiers::mark_qualifiers(tokens, &spans, &mut self.hits[first_hit..]);
        let officials = self
            .officials
            .read(gazetteer, tokens, &spans, &self.hits[first_hit..]);
        for (k, state) in officials.into_iter().filter(|o| !sentences.repeated[o.0]) {
            let target = Target {
                entity: state,
                strength: Strength::Strong,
            };
            let hit = name_hit(profiles, tokens, vec![target], (k, 1), sentences, place);
            self.hits.push(Hit {
                official: true,
                ..hit
            });
        }
        spans
    }
}

/// A sentence opening with `il`/`he` that is not impersonal (`il y a`,
/// `il faut`).
fn opens_with_pronoun(tokens: &Tokens, from: usize, to: usize) -> bool {
    let personal = |k: usize| {
        k >= to || {
            let next = tokens.word(k);
            !(IMPERSONAL.contains(&next)
                || next == "n" && k + 1 < to && IMPERSONAL.contains(&tokens.word(k + 1)))
        }
    };
    PRONOUNS.contains(&tokens.word(from)) && personal(from + 1)
}

/// `Selon le diplomate, il a ...`, `Après cela, elle ...`: a short
/// opening phrase and a comma, then the pronoun as the subject.
fn pronoun_after_opening_phrase(tokens: &Tokens, from: usize, to: usize) -> bool {
    (from + 1..(from + 7).min(to))
        .any(|k| tokens.gap_before(k).trim() == "," && opens_with_pronoun(tokens, k, to))
}

/// A quote whose speaker is a pronoun after it: `« ... », a-t-il
/// déclaré`, `estime-t-elle`, `"...," he said`. The speaker is the person
/// the sentences before were about, as with a sentence opening with `il`.
fn quote_told_by_pronoun(tokens: &Tokens, from: usize, to: usize) -> bool {
    (from + 1..to).any(|k| {
        let word = tokens.word(k);
        if !PRONOUNS.contains(&word) {
            return false;
        }
        let gap = tokens.gap_before(k);
        if gap.contains(['"', '”', '»']) {
            // Straight after the quote: `"...," he said`.
            return true;
        }
        // French inversion (`dit-il`, `a-t-il`), but not an impersonal
        // question (`faut-il`, `y a-t-il`, `s'agit-il`, `est-il`).
        let verb = if tokens.word(k - 1) == "t" && k >= from + 2 {
            k - 2
        } else {
            k - 1
        };
        gap.trim() == "-"
            && !IMPERSONAL.contains(&tokens.word(verb))
            && !(verb > from && IMPERSONAL.contains(&tokens.word(verb - 1)))
    })
}

/// A name found in the text, with what its neighbours say of it.
fn name_hit(
    profiles: &Profiles,
    tokens: &Tokens,
    mut targets: Vec<Target>,
    (start, len): (usize, usize),
    sentences: &Sentences,
    place: Place,
) -> Hit {
    let countries = targets
        .iter()
        .all(|t| matches!(t.entity, Entity::Country(_)));
    let office = countries && qualifies(tokens, start, start + len, OFFICES);
    // `les autorités maliennes`, `le ministre italien`: the state
    // acting, as good as its name.
    let state = countries && qualifies(tokens, start, start + len, STATE);
    if state {
        for t in targets.iter_mut() {
            if t.strength == Strength::Demonym {
                t.strength = Strength::Strong;
            }
        }
    }
    // `rapporté par RFI` cites a source; it is not the medium acting.
    let agent = is_agent(tokens, start)
        && !targets.iter().all(
            |t| matches!(t.entity, Entity::Actor(a) if profiles.actors[a].kind == ActorKind::Media),
        );
    let relative = (tokens
        .list
        .get(start + len)
        .is_some_and(|t| !t.sentence_start)
        && RELATIVE.contains(&tokens.word(start + len)))
        || apposed_relative(tokens, start + len);
    Hit {
        hashtag: tokens.list[start].hashtag,
        subject: sentences.head[start] || relative || agent,
        office,
        state,
        followers: followers::of_followers(tokens, start, start + len),
        ..Hit::new(targets, sentences.ids[start], place)
    }
}

/// Whether the name ending before `after` is followed by an apposition,
/// then `qui`/`who`: `Prigojine, le chef du groupe Wagner, qui entend
/// ...` is Prigojine acting (the apposition's head is him).
fn apposed_relative(tokens: &Tokens, after: usize) -> bool {
    let comma = |k: usize| tokens.gap_before(k).contains(',');
    let opens = after < tokens.list.len()
        && comma(after)
        && !tokens.list[after].sentence_start
        && APPOSITION_OPENERS.contains(&tokens.word(after));
    if !opens {
        return false;
    }
    for k in after + 1..(after + 9).min(tokens.list.len()) {
        let t = &tokens.list[k];
        if t.sentence_start {
            return false;
        }
        if t.after_break {
            return comma(k) && RELATIVE.contains(&tokens.word(k));
        }
    }
    false
}

/// Whether the name at `start` is a passive's agent: `par`/`by`, maybe an
/// article, then the name, in the same clause; or the second of two
/// agents (`by the mercenaries and the Malian army`).
fn is_agent(tokens: &Tokens, start: usize) -> bool {
    let mut k = start;
    let mut joined = false;
    for _ in 0..8 {
        if k == 0 || tokens.list[k].after_break {
            return false;
        }
        k -= 1;
        let w = tokens.word(k);
        if AGENT.contains(&w) {
            return true;
        }
        if !joined && matches!(w, "and" | "et") {
            joined = true;
        } else if !joined && !ARTICLES.contains(&w) {
            return false;
        }
    }
    false
}

/// Whether the country name or demonym at `start..end` qualifies one of
/// `words` (a leader's office, an institution of the state): an office word at most three filler words before it
/// (French) or right after it (English, `Chad's president`, `the Italian
/// foreign minister`).
fn qualifies(tokens: &Tokens, start: usize, end: usize, words: &[&str]) -> bool {
    let list = &tokens.list;
    let mut k = start;
    for _ in 0..4 {
        if k == 0 || list[k].after_break {
            break;
        }
        k -= 1;
        let w = tokens.word(k);
        if words.contains(&w) {
            return true;
        }
        if !OFFICE_FILLERS.contains(&w) {
            break;
        }
    }
    for (k, token) in list.iter().enumerate().skip(end).take(3) {
        if token.after_break {
            break;
        }
        let w = tokens.word(k);
        if words.contains(&w) {
            return true;
        }
        if w != "s" && !MINISTRIES.contains(&w) {
            break;
        }
    }
    false
}

/// How an article's sentences are laid out, for salience.
#[derive(Default)]
struct Layout {
    body_sentences: usize,
    /// Sentences opening with a personal pronoun (`Il a rappelé`).
    pronoun_sentences: Vec<usize>,
    /// Sentences opening with `Ils`/`Elles`/`They`.
    plural_sentences: Vec<usize>,
    /// The section of each sentence, by id (0 when the article has no
    /// sections), and the body sentences of each section.
    section_of: Vec<usize>,
    section_len: Vec<usize>,
}

/// A line that heads a section of a round-up: short, not ending like a
/// sentence, followed by a longer paragraph (`Niger: Macron appelle à la
/// libération du président`).
fn is_headline(parts: &[(Part, &str)], i: usize) -> bool {
    let (Part::Body, text) = parts[i] else {
        return false;
    };
    let Some(&(Part::Body, next)) = parts.get(i + 1) else {
        return false;
    };
    let text = text.trim();
    let words = text.split_whitespace().count();
    let ends_like_sentence = text.ends_with(|c: char| {
        matches!(
            c,
            '.' | '!' | '?' | '…' | ':' | ';' | '"' | '»' | '”' | ')' | ']' | ','
        )
    });
    let starts_like_other = text.starts_with(|c: char| !c.is_alphanumeric());
    (2..=15).contains(&words)
        && !ends_like_sentence
        && !starts_like_other
        && next.split_whitespace().count() > 2 * words
}

/// Marks names that stand in a list of three or more (`le JNIM, l'EIGS
/// et AQMI`), unless the list is the subject of its sentence.
fn mark_lists(tokens: &Tokens, spans: &[(usize, usize)], hits: &mut [Hit]) {
    // Countries list with countries, actors with actors.
    let kind = |h: &Hit| {
        let country = |t: &Target| matches!(t.entity, Entity::Country(_));
        if h.targets.iter().all(country) {
            Some(true)
        } else if !h.targets.iter().any(country) {
            Some(false)
        } else {
            None
        }
    };
    let joined = |a: (usize, usize), b: (usize, usize)| {
        b.0 >= a.1
            && b.0 - a.1 <= 3
            && !tokens.list[b.0].sentence_start
            && (a.1..b.0).all(|k| LIST_JOINS.contains(&tokens.word(k)))
    };
    let mut run_start = 0;
    for i in 0..=hits.len() {
        let continues = i > 0
            && i < hits.len()
            && kind(&hits[i]).is_some()
            && kind(&hits[i]) == kind(&hits[i - 1])
            && joined(spans[i - 1], spans[i]);
        if !continues {
            // A list opening its sentence is its subject (`le Mali, le
            // Burkina et le Niger ont annoncé`): each of them acts.
            if i - run_start >= 3 {
                let first = spans[run_start].0;
                let opening = (0..=first)
                    .rev()
                    .find(|&k| tokens.list[k].sentence_start)
                    .unwrap_or(0);
                let subject = (opening..first).all(|k| DETERMINERS.contains(&tokens.word(k)));
                for h in &mut hits[run_start..i] {
                    h.list = !subject;
                    h.subject |= subject;
                }
            }
            run_start = i;
        }
    }
}

fn sentence_key(tokens: &Tokens, from: usize, to: usize) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = super::gazetteer::Fnv::default();
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
