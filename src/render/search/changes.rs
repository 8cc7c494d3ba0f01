//! The search data after articles changed in place (none added, removed or
//! moved, so every document keeps its number): only the word shards where
//! a changed document's postings differ, and the record shards of the
//! changed records, are redone. A word shard is redone from its previous
//! bytes (kept in memory by `serve`, read back from the output by `build`)
//! with the changed documents' postings replaced; when those bytes cannot
//! be had or decoded, from the whole index, as a full render does.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use super::{doc_shard, entry_words, profile_count, shards, Class, Entry, Record, DOCS_PER_SHARD};
use crate::rebuild::SearchParts;
use crate::render::Renderer;
use crate::search::{shard_of, word_shard_count};

/// What one article gave the search data, owned: kept to compare with
/// what it gives after a change.
#[derive(Clone, Debug, Default)]
pub struct SearchEntry {
    pub title: String,
    pub summary: String,
    /// Its body's distinct words.
    pub body_words: String,
    pub countries: Vec<String>,
    pub actors: Vec<String>,
    pub places: Vec<String>,
    pub mentions: (Vec<String>, Vec<String>),
}

impl SearchEntry {
    fn view(&self) -> Entry<'_> {
        Entry {
            title: &self.title,
            summary: &self.summary,
            countries: &self.countries,
            actors: &self.actors,
            places: &self.places,
            mentions: (&self.mentions.0, &self.mentions.1),
        }
    }
}

/// Gives a word shard file's bytes, if they are those rendered before.
pub type ShardReader = Box<dyn Fn(&str) -> Option<Vec<u8>> + Send + Sync>;

/// Where the word shards of the previous render are found.
pub enum PreviousShards {
    /// Not kept: a changed search entry redoes the whole index.
    None,
    /// Files read back: the reader gives a file's bytes only when they are
    /// those the previous build wrote (`build`).
    Files(ShardReader),
    /// Kept in memory as rendered, by file (`serve`).
    Memory(Mutex<HashMap<String, Vec<u8>>>),
}

impl PreviousShards {
    pub fn in_memory() -> PreviousShards {
        PreviousShards::Memory(Mutex::new(HashMap::new()))
    }

    fn get(&self, file: &str) -> Option<Vec<u8>> {
        match self {
            PreviousShards::None => None,
            PreviousShards::Files(read) => read(file),
            PreviousShards::Memory(kept) => kept.lock().ok()?.get(file).cloned(),
        }
    }

    fn keep(&self, file: String, bytes: &[u8]) {
        if let PreviousShards::Memory(kept) = self {
            if let Ok(mut kept) = kept.lock() {
                kept.insert(file, bytes.to_vec());
            }
        }
    }
}

/// The postings of the documents changed in place, as they are now, by
/// word shard: `(word, document, class)`.
pub(crate) struct FreshPostings(FxHashMap<usize, Vec<(String, u32, Class)>>);

fn word_file(n: usize) -> String {
    format!("search/w/{n}.js")
}

impl Renderer<'_> {
    /// What article `i` gives the search data now.
    pub fn search_entry_now(&self, i: usize) -> SearchEntry {
        let a = &self.site.articles[i];
        SearchEntry {
            title: a.title.clone(),
            summary: self.summary(i),
            body_words: self.facts(i).search_words.clone(),
            countries: a.countries.clone(),
            actors: a.actors.clone(),
            places: a.places.clone(),
            mentions: (a.mentions.countries.clone(), a.mentions.actors.clone()),
        }
    }

    /// The summary article `i` gives the search data.
    pub fn search_summary(&self, i: usize) -> String {
        self.summary(i)
    }

    /// The shards that can change when the articles of `old` (position,
    /// search entry before) changed in place to what they are now.
    pub fn search_parts(&self, old: &[(usize, SearchEntry)]) -> SearchParts {
        let aliases = self.aliases();
        let profiles = profile_count(self.site);
        let shards = word_shard_count(profiles + self.site.articles.len());
        let mut parts = SearchParts::default();
        for (i, before) in old {
            let doc = profiles + i;
            let now = self.article_doc(*i, &aliases);
            let then = entry_words(&before.body_words, &before.view(), &aliases);
            parts
                .words
                .extend(shards::differing(&then, &now.words, shards));
            // The same url and date: no article moved.
            let mut then = self.article_record(*i, &before.summary);
            then.1.clone_from(&before.title);
            then.3.clone_from(&before.countries);
            if then != now.record {
                parts.docs.insert(doc / DOCS_PER_SHARD);
            }
            parts.changed.insert(doc as u32);
        }
        parts
    }

    /// Word shard `n` from its previous bytes, when articles changed in
    /// place; None when it has to come from the whole index.
    pub(super) fn patched_words(&self, n: usize) -> Option<Vec<u8>> {
        let changed = self.search_changed?;
        let previous = self.previous_search.get(&word_file(n))?;
        let fresh = self
            .search_fresh
            .get_or_init(|| self.fresh_postings(changed));
        let fresh = fresh.as_ref()?.0.get(&n).map_or(&[][..], Vec::as_slice);
        shards::patch(n, &previous, changed, fresh)
    }

    /// The postings of the documents `changed` as they are now, by shard;
    /// None if one is not an article.
    fn fresh_postings(&self, changed: &BTreeSet<u32>) -> Option<FreshPostings> {
        let aliases = self.aliases();
        let profiles = profile_count(self.site);
        let articles = self.site.articles.len();
        let shards = word_shard_count(profiles + articles);
        let mut by_shard: FxHashMap<usize, Vec<(String, u32, Class)>> = FxHashMap::default();
        for &doc in changed {
            let i = (doc as usize)
                .checked_sub(profiles)
                .filter(|&i| i < articles)?;
            for (word, class) in self.article_doc(i, &aliases).words {
                let shard = by_shard.entry(shard_of(&word, shards)).or_default();
                shard.push((word.into_owned(), doc, class));
            }
        }
        Some(FreshPostings(by_shard))
    }

    /// Record shard `n` from the documents it holds, when articles
    /// changed in place.
    pub(super) fn patched_docs(&self, n: usize) -> Option<Vec<u8>> {
        self.search_changed?;
        let profiles = profile_count(self.site);
        let docs = profiles + self.site.articles.len();
        let range = n * DOCS_PER_SHARD..docs.min((n + 1) * DOCS_PER_SHARD);
        if range.is_empty() {
            return None;
        }
        let mut records: Vec<Record> = Vec::with_capacity(range.len());
        if range.start < profiles {
            // The profiles' records (a few dozen bodies, rendered again).
            let aliases = FxHashMap::default();
            let all = self.profile_docs(&aliases).into_iter();
            let end = range.end.min(profiles);
            records.extend(all.take(end).skip(range.start).map(|d| d.record));
        }
        let articles = range.start.max(profiles)..range.end;
        records.extend(
            articles
                .map(|d| d - profiles)
                .map(|i| self.article_record(i, &self.summary(i))),
        );
        Some(doc_shard(n, &records))
    }

    /// Keeps word shard `n`'s bytes for the next change, where they are
    /// kept in memory.
    pub(super) fn keep_words(&self, n: usize, bytes: &[u8]) {
        self.previous_search.keep(word_file(n), bytes);
    }
}
