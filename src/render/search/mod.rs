//! The client-side search data, in shards a browser loads on demand.
//!
//! Documents are the country, actor and place profiles, then the articles newest
//! first; a document's number is its place in that order. Two kinds of
//! shard, each a classic script calling `sahelSearch(kind, n, data)` (so a
//! page opened from `file://` can load them with `<script src>`):
//!
//! - `search/w/<n>.js`: posting lists, `{word: [code, ...]}`. Words are
//!   folded, without plural mark, and filed by their first three letters
//!   ([`shard_of`]); gazetteer terms are keys `#country:<id>`,
//!   `#actor:<id>` and `#place:<id>`. Each code is `(document - previous document) * 5 +
//!   class`, where the class says where the word is (see [`Class`]).
//! - `search/d/<n>.js`: result records of documents `16n..16n+15`:
//!   `[url, title, date, [country ids], summary]`.
//!
//! The search page itself carries the rest inline (see [`SearchMeta`]):
//! the shard count, every name and alias of every term, and the first
//! document of each month for the date filter.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::family::Family;
use super::{actor_name, country_name, inert_json, Renderer};
use crate::error::Diagnostic;
use crate::index::Index;
use crate::markdown::{self, truncate};
use crate::model::Site;
use crate::picture_view::{place_name, place_url};
use crate::plan::{self, PageKind, Planned, SearchPart};
use crate::rebuild::Affected;
use crate::relations::relations_of;
use crate::search::{shard_of, word_shard_count, DOCS_PER_SHARD};

mod changes;
mod shards;
mod words;

pub(crate) use changes::FreshPostings;
pub use changes::{PreviousShards, SearchEntry, ShardReader};
use words::{add, add_named_terms, add_text, entry_words, phrase, term_key, Alias, Entry, Words};

pub struct Search;

impl Family for Search {
    type Page = SearchPart;

    /// Documents are the profiles and the articles.
    fn plan(site: &Site, _: &Index, out: &mut Vec<Planned>) {
        let docs = profile_count(site) + site.articles.len();
        let part = |url: String, part| Planned::new(url, PageKind::Search(part));
        for n in 0..word_shard_count(docs) {
            out.push(part(format!("search/w/{n}.js"), SearchPart::Words(n)));
        }
        for n in 0..crate::search::doc_shard_count(docs) {
            out.push(part(format!("search/d/{n}.js"), SearchPart::Docs(n)));
        }
    }

    fn render(r: &Renderer, _: &Planned, page: &SearchPart) -> Result<Vec<u8>, Diagnostic> {
        let index = || r.search.get_or_init(|| r.build_search_index());
        Ok(match page {
            SearchPart::Words(n) => {
                let bytes = r.patched_words(*n).unwrap_or_else(|| index().words(*n));
                r.keep_words(*n, &bytes);
                bytes
            }
            SearchPart::Docs(n) => r.patched_docs(*n).unwrap_or_else(|| index().docs(*n)),
        })
    }

    fn template(_: &SearchPart) -> Option<&'static str> {
        None
    }

    /// Articles changed in place keep their document numbers: only the
    /// shards their postings or records are in can change.
    fn affected(_: &Site, _: &Index, page: &SearchPart, by: &Affected) -> bool {
        if by.moved {
            return true;
        }
        match (&by.search_parts, page) {
            (Some(parts), SearchPart::Words(n)) => parts.words.contains(n),
            (Some(parts), SearchPart::Docs(n)) => parts.docs.contains(n),
            (None, _) => by.search,
        }
    }

    fn label(_: &SearchPart) -> &'static str {
        "other files"
    }

    /// The first shard rendered builds the whole index.
    fn gathers_site(_: &SearchPart) -> bool {
        true
    }
}

/// Where a word or term is found in a document; the search page ranks by
/// it. A term an article is about counts as `Title`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Mention = 0,
    Body = 1,
    Summary = 2,
    Title = 3,
    /// The term's own profile page.
    Profile = 4,
}

impl Class {
    fn from_code(code: u32) -> Option<Class> {
        [
            Class::Mention,
            Class::Body,
            Class::Summary,
            Class::Title,
            Class::Profile,
        ]
        .get(code as usize)
        .copied()
    }
}

/// Every shard's bytes, built once per render.
pub struct SearchIndex {
    words: Vec<Vec<u8>>,
    docs: Vec<Vec<u8>>,
}

impl SearchIndex {
    pub fn words(&self, n: usize) -> Vec<u8> {
        self.words.get(n).cloned().unwrap_or_default()
    }

    pub fn docs(&self, n: usize) -> Vec<u8> {
        self.docs.get(n).cloned().unwrap_or_default()
    }
}

/// What the search page needs before any shard: inline JSON.
#[derive(Serialize)]
struct SearchMeta<'a> {
    /// Number of word shards.
    shards: usize,
    per_shard: usize,
    /// Documents before the first article.
    profiles: usize,
    /// `[key, name, [folded aliases]]` of every country, actor and place.
    terms: Vec<(String, &'a str, Vec<String>)>,
    /// `[yyyy-mm, first document]`, newest month first.
    months: Vec<(String, usize)>,
    /// Actor key -> `[[words, other actor key]]`: its relations both
    /// ways, offered beside the results of a query naming it.
    related: BTreeMap<String, Vec<(&'static str, String)>>,
}

/// One document before it is filed.
struct Doc<'a> {
    record: Record,
    words: Words<'a>,
}

/// What a result shows: `[url, title, date, [country ids], summary]`.
#[derive(Serialize, PartialEq)]
struct Record(String, String, String, Vec<String>, String);

/// Where one word is: `(document, class)`, in document order.
type List = Vec<(u32, Class)>;

/// Documents by word.
type Postings<'a> = FxHashMap<Cow<'a, str>, List>;

/// Articles filed together: a build holds the word sets of this many at
/// once per thread, not of every article (a third of the peak memory).
const FILED_TOGETHER: usize = 1024;

/// Number of profile documents: countries, actors, then places.
fn profile_count(site: &Site) -> usize {
    let p = &site.profiles;
    p.countries.len() + p.actors.len() + p.places.len()
}

impl Renderer<'_> {
    /// Every name and alias of every country, actor and place, by term key.
    fn term_names(&self) -> Vec<(String, &str, Vec<String>)> {
        let p = &self.site.profiles;
        let countries = p.countries.iter().map(|c| {
            let names = c.names.iter().flat_map(|n| [&n.fr, &n.en]);
            let all = std::iter::once(&c.name).chain(names).chain(&c.aliases);
            (
                term_key("country", &c.id),
                country_name(c, self.lang),
                all.collect::<Vec<_>>(),
            )
        });
        let actors = p.actors.iter().map(|a| {
            let names = a.names.iter().flat_map(|n| [&n.fr, &n.en]);
            let all = std::iter::once(&a.name).chain(names).chain(&a.aliases);
            (
                term_key("actor", &a.id),
                actor_name(a, self.lang),
                all.collect::<Vec<_>>(),
            )
        });
        let places = p.places.iter().map(|pl| {
            let names = pl.names.iter().flat_map(|n| [&n.fr, &n.en]);
            let all = std::iter::once(&pl.name).chain(names).chain(&pl.aliases);
            (
                term_key("place", &pl.id),
                place_name(pl, self.lang),
                all.collect::<Vec<_>>(),
            )
        });
        countries
            .chain(actors)
            .chain(places)
            .map(|(key, name, all)| {
                let mut phrases: Vec<String> = all.into_iter().map(|s| phrase(s)).collect();
                phrases.retain(|p| !p.is_empty());
                phrases.sort();
                phrases.dedup();
                (key, name, phrases)
            })
            .collect()
    }

    /// The inline JSON of the search page.
    pub fn search_meta(&self) -> String {
        let profiles = profile_count(self.site);
        let mut months: Vec<(String, usize)> = Vec::new();
        for (i, a) in self.site.articles.iter().enumerate() {
            let month = a.date.format("%Y-%m").to_string();
            if months.last().is_none_or(|(m, _)| *m != month) {
                months.push((month, profiles + i));
            }
        }
        let meta = SearchMeta {
            shards: word_shard_count(profiles + self.site.articles.len()),
            per_shard: DOCS_PER_SHARD,
            profiles,
            terms: self.term_names(),
            months,
            related: self.related_actors(),
        };
        String::from_utf8(inert_json(&meta)).unwrap_or_default()
    }

    /// Every actor's relations, both ways, keyed as the search terms are.
    fn related_actors(&self) -> BTreeMap<String, Vec<(&'static str, String)>> {
        let relations = &self.site.profiles.relations;
        let mut related = BTreeMap::new();
        for a in &self.site.profiles.actors {
            let lines: Vec<_> = relations_of(relations, &a.id, self.lang)
                .into_iter()
                .map(|(words, other, _)| (words, term_key("actor", other)))
                .collect();
            if !lines.is_empty() {
                related.insert(term_key("actor", &a.id), lines);
            }
        }
        related
    }

    /// A fingerprint of what article `i` gives the search data: `serve`
    /// redoes the shards only when one changes.
    pub fn search_entry(&self, i: usize) -> Vec<u8> {
        let a = &self.site.articles[i];
        let mut out = inert_json(&(&a.title, &a.date, self.summary(i), &a.countries, &a.actors));
        out.extend(inert_json(&(
            &a.mentions.countries,
            &a.mentions.actors,
            &a.places,
        )));
        out.extend_from_slice(self.facts(i).search_words.as_bytes());
        out
    }

    /// Builds every shard. Each document's words are filed as soon as
    /// they are known, so only the postings are held, not every word set.
    pub fn build_search_index(&self) -> SearchIndex {
        let aliases = self.aliases();
        let profiles = self.profile_docs(&aliases);
        let first = profiles.len();
        let articles = self.site.articles.len();
        let mut parts = vec![file_docs(0, profiles)];
        parts.extend(map_in_threads(articles.div_ceil(FILED_TOGETHER), |c| {
            let range = c * FILED_TOGETHER..articles.min((c + 1) * FILED_TOGETHER);
            let start = first + range.start;
            file_docs(start, range.map(|i| self.article_doc(i, &aliases)))
        }));
        let mut records = Vec::with_capacity(first + articles);
        let mut postings = Vec::with_capacity(parts.len());
        for (p, r) in parts {
            postings.push(p);
            records.extend(r);
        }
        SearchIndex {
            words: word_shards(postings, records.len()),
            docs: doc_shards(&records),
        }
    }

    /// Aliases by their first indexed word.
    fn aliases(&self) -> FxHashMap<String, Vec<Alias>> {
        let mut by_word: FxHashMap<String, Vec<Alias>> = FxHashMap::default();
        for (key, _, phrases) in self.term_names() {
            for p in phrases {
                let words: Vec<String> = p
                    .split(' ')
                    .filter(|w| w.len() >= 3)
                    .map(str::to_string)
                    .collect();
                // Short words are not indexed: "IS Sahel" cannot be told
                // from "Sahel", but "Etat islamique au Sahel" is enough.
                let unsure = words.len() < 2 && words.len() < p.split(' ').count();
                if unsure {
                    continue;
                }
                if let Some(first) = words.first() {
                    let alias = Alias {
                        words: words.clone(),
                        key: key.clone(),
                    };
                    by_word.entry(first.clone()).or_default().push(alias);
                }
            }
        }
        by_word
    }

    fn profile_docs<'s>(&'s self, aliases: &'s FxHashMap<String, Vec<Alias>>) -> Vec<Doc<'s>> {
        let p = &self.site.profiles;
        let trusted = self.site.config.trusted_html;
        let doc = |key: String, url: String, name: &str, body: &str, countries: Vec<String>| {
            let text = markdown::render(body, trusted);
            let mut words = FxHashMap::default();
            add_text(&mut words, &text.text, Class::Body);
            add_text(&mut words, name, Class::Title);
            add_named_terms(&mut words, aliases);
            add(&mut words, Cow::Owned(key), Class::Profile);
            Doc {
                record: Record(
                    url,
                    name.to_string(),
                    String::new(),
                    countries,
                    truncate(&text.first_paragraph, 240),
                ),
                words,
            }
        };
        let countries = p.countries.iter().map(|c| {
            let key = term_key("country", &c.id);
            let name = country_name(c, self.lang);
            doc(
                key,
                plan::country_url(&c.id),
                name,
                &c.body,
                vec![c.id.clone()],
            )
        });
        let actors = p.actors.iter().map(|a| {
            let key = term_key("actor", &a.id);
            let name = actor_name(a, self.lang);
            doc(
                key,
                plan::actor_url(&a.id),
                name,
                &a.body,
                a.affiliation.clone(),
            )
        });
        let places = p.places.iter().map(|pl| {
            let key = term_key("place", &pl.id);
            let name = place_name(pl, self.lang);
            doc(
                key,
                place_url(&pl.id),
                name,
                &pl.body,
                vec![pl.country.clone()],
            )
        });
        countries.chain(actors).chain(places).collect()
    }

    fn article_doc<'s>(&'s self, i: usize, aliases: &'s FxHashMap<String, Vec<Alias>>) -> Doc<'s> {
        let a = &self.site.articles[i];
        let summary = self.summary(i);
        let entry = Entry {
            title: &a.title,
            summary: &summary,
            countries: &a.countries,
            actors: &a.actors,
            places: &a.places,
            mentions: (&a.mentions.countries, &a.mentions.actors),
        };
        Doc {
            words: entry_words(&self.facts(i).search_words, &entry, aliases),
            record: self.article_record(i, &summary),
        }
    }

    fn article_record(&self, i: usize, summary: &str) -> Record {
        let a = &self.site.articles[i];
        Record(
            plan::article_url(&a.slug),
            a.title.clone(),
            a.date.to_string(),
            a.countries.clone(),
            truncate(summary, 240),
        )
    }
}

/// Files `docs`, numbered from `first`: their postings and records.
fn file_docs<'a>(
    first: usize,
    docs: impl IntoIterator<Item = Doc<'a>>,
) -> (Postings<'a>, Vec<Record>) {
    let mut postings = Postings::default();
    let mut records = Vec::new();
    for (k, doc) in docs.into_iter().enumerate() {
        let n = (first + k) as u32;
        for (word, class) in doc.words {
            postings.entry(word).or_default().push((n, class));
        }
        records.push(doc.record);
    }
    (postings, records)
}

/// The posting lists of `docs` documents, filed in runs given in document
/// order (so each joined list stays sorted), cut into shards.
fn word_shards(runs: Vec<Postings>, docs: usize) -> Vec<Vec<u8>> {
    let shards = word_shard_count(docs);
    let mut lists = Postings::default();
    for run in runs {
        for (word, list) in run {
            lists.entry(word).or_default().extend(list);
        }
    }
    let mut by_shard: Vec<BTreeMap<Cow<str>, List>> = vec![BTreeMap::new(); shards];
    for (word, list) in lists {
        by_shard[shard_of(&word, shards)].insert(word, list);
    }
    map_in_threads(shards, |n| shards::encode(n, &by_shard[n]))
}

/// The result records, [`DOCS_PER_SHARD`] per shard.
fn doc_shards(records: &[Record]) -> Vec<Vec<u8>> {
    let chunks: Vec<&[Record]> = records.chunks(DOCS_PER_SHARD).collect();
    map_in_threads(chunks.len(), |n| doc_shard(n, chunks[n]))
}

/// Record shard `n`, of these records.
fn doc_shard(n: usize, records: &[Record]) -> Vec<u8> {
    let mut out = format!("sahelSearch(\"d\",{n},").into_bytes();
    out.extend(inert_json(&records));
    out.extend_from_slice(b");\n");
    out
}

/// `f(0..n)` in order, on a few scoped threads. Not on rayon: the index
/// is built inside a `OnceLock` the page-rendering workers wait on, and a
/// rayon worker waiting for its tasks could pick up one of those pages and
/// enter the lock again.
fn map_in_threads<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    let chunk = n.div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| scope.spawn(move || (start..n.min(start + chunk)).map(f).collect()))
            .collect();
        let mut out: Vec<R> = Vec::with_capacity(n);
        for handle in handles {
            let part: Vec<R> = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            out.extend(part);
        }
        out
    })
}

#[cfg(test)]
mod tests;
