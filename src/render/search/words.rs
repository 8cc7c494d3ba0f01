//! What each document files in the search data: its distinct words and
//! the terms it names or is about, each with the most prominent place it
//! is found in (see [`Class`]).

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::Class;
use crate::search::{distinct_words, fold, singular};

/// A document's distinct words and term keys, with where each is found;
/// borrowed from the rendered bodies where it can (a build files millions).
pub(super) type Words<'a> = FxHashMap<Cow<'a, str>, Class>;

/// A multi-word alias is found in a text when all its indexed words are
/// (the index keeps distinct words, not their order).
pub(super) struct Alias {
    pub(super) words: Vec<String>,
    pub(super) key: String,
}

pub(super) fn term_key(kind: &str, id: &str) -> String {
    format!("#{kind}:{id}")
}

/// An alias or a query as the search page matches them: folded words
/// without plural mark, joined by spaces.
pub(super) fn phrase(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(singular)
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn add<'a>(words: &mut Words<'a>, word: Cow<'a, str>, class: Class) {
    match words.get_mut(word.as_ref()) {
        Some(slot) => *slot = (*slot).max(class),
        None => {
            words.insert(word, class);
        }
    }
}

/// Adds a word of a temporary text: copied only when new.
pub(super) fn add_copy(words: &mut Words<'_>, word: &str, class: Class) {
    match words.get_mut(word) {
        Some(slot) => *slot = (*slot).max(class),
        None => {
            words.insert(Cow::Owned(word.to_string()), class);
        }
    }
}

pub(super) fn add_text(words: &mut Words<'_>, text: &str, class: Class) {
    for w in distinct_words(text).split(' ').filter(|w| !w.is_empty()) {
        add_copy(words, singular(w), class);
    }
}

/// Files the terms whose names or aliases are in a document's words: an
/// alias is found where all its words are, with the class of the least
/// prominent.
pub(super) fn add_named_terms<'a>(
    words: &mut Words<'a>,
    aliases: &'a FxHashMap<String, Vec<Alias>>,
) {
    let mut found: Vec<(&'a str, Class)> = Vec::new();
    for word in words.keys() {
        for alias in aliases.get(word.as_ref()).into_iter().flatten() {
            let classes: Option<Vec<Class>> = alias
                .words
                .iter()
                .map(|w| words.get(w.as_str()).copied())
                .collect();
            if let Some(class) = classes.and_then(|c| c.into_iter().min()) {
                found.push((&alias.key, class));
            }
        }
    }
    for (key, class) in found {
        add(words, Cow::Borrowed(key), class);
    }
}

/// What an article gives the search data besides its body's words.
pub(super) struct Entry<'e> {
    pub(super) title: &'e str,
    pub(super) summary: &'e str,
    pub(super) countries: &'e [String],
    pub(super) actors: &'e [String],
    pub(super) places: &'e [String],
    pub(super) mentions: (&'e [String], &'e [String]),
}

/// The words and terms an article files: `body` is its body's distinct
/// words.
pub(super) fn entry_words<'a>(
    body: &'a str,
    e: &Entry,
    aliases: &'a FxHashMap<String, Vec<Alias>>,
) -> Words<'a> {
    let mut words = FxHashMap::default();
    for w in body.split(' ').filter(|w| !w.is_empty()) {
        add(&mut words, Cow::Borrowed(singular(w)), Class::Body);
    }
    add_text(&mut words, e.summary, Class::Summary);
    add_text(&mut words, e.title, Class::Title);
    add_named_terms(&mut words, aliases);
    let terms = [
        ("country", e.countries, Class::Title),
        ("actor", e.actors, Class::Title),
        ("place", e.places, Class::Title),
        ("country", e.mentions.0, Class::Mention),
        ("actor", e.mentions.1, Class::Mention),
    ];
    for (kind, ids, class) in terms {
        for id in ids {
            add(&mut words, term_key(kind, id).into(), class);
        }
    }
    words
}
