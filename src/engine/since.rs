//! An engine for the site as it differs from the one the previous build
//! made: the previous build leaves a [`Record`] of each article, the next
//! compares the articles it loads with them and works out what they
//! reach with the rules `serve` applies to an edit
//! ([`Engine::apply_articles`]).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tera::Tera;

use super::{Engine, Seen};
use crate::incremental::{encode_parts, RecordParts, Stamp};
use crate::index::build_index_with;
use crate::model::{Article, Site};
use crate::rebuild::{self, Affected, Placement};
use crate::render::{BodyFacts, LazyBody, PreviousShards, SearchEntry};

/// What a build keeps of one article for the next build to compare with.
#[derive(Serialize, Deserialize)]
pub struct Record<'a> {
    /// Its position among the articles, newest first.
    pub position: u32,
    /// The stamp of the article's file.
    pub text: Stamp,
    pub placement: Placement,
    pub facts: Cow<'a, BodyFacts>,
    /// A stamp of the paths of its related articles.
    pub related: u64,
    /// Their positions, valid while no article moves.
    pub related_to: Vec<u32>,
    /// What it gives search and lists.
    pub seen: Seen,
    /// Its title and summary: with its facts and placement, what it gives
    /// the search data, so that a change redoes only the shards it
    /// reaches.
    pub title: String,
    pub summary: String,
}

/// What a build keeps of the articles it rendered.
#[derive(Serialize, Deserialize, Default)]
pub struct Records<'a> {
    /// The months with articles, oldest first.
    pub months: Vec<(i32, u32)>,
    pub articles: Vec<Record<'a>>,
}

impl Engine {
    /// The engine of `site`, and what changed since the site `previous`
    /// describes, made with the same templates and every other input
    /// (the caller makes sure of that). Articles whose file is unchanged
    /// keep the facts of their body and are not rendered until a page
    /// needs them.
    pub fn since(site: Site, tera: Tera, previous: Records) -> (Engine, Affected) {
        let same_order = previous.articles.len() == site.articles.len()
            && previous
                .articles
                .iter()
                .zip(&site.articles)
                .all(|(r, a)| r.placement.path == a.path);
        let mut before: HashMap<PathBuf, Record> = previous
            .articles
            .into_iter()
            .map(|r| (r.placement.path.clone(), r))
            .collect();
        let count = site.articles.len();
        let (mut bodies, mut seen, mut changed) = (
            Vec::with_capacity(count),
            Vec::with_capacity(count),
            Vec::new(),
        );
        for (i, a) in site.articles.iter().enumerate() {
            let record = before.get_mut(&a.path);
            seen.push(record.as_ref().map(|r| r.seen));
            match record {
                Some(r) if r.text == a.text_stamp => {
                    let facts = std::mem::take(&mut r.facts).into_owned();
                    bodies.push(LazyBody::pending(Some(facts)));
                }
                _ => {
                    bodies.push(LazyBody::pending(None));
                    changed.push(i);
                }
            }
        }
        let mut affected = compare_with(&site, &before, &changed);
        // Related lists depend only on where articles are filed.
        let related = (same_order && !affected.moved).then(|| {
            let positions = |a: &Article| {
                let r = &before[&a.path];
                r.related_to.iter().map(|&j| j as usize).collect()
            };
            site.articles.iter().map(positions).collect()
        });
        let index = build_index_with(&site, related);
        let mut engine = Engine::assemble_with(site, tera, bodies, false, index);
        engine.seen = Some(seen);
        engine.previous_search = PreviousShards::None;
        let old_entries = engine.entries_before(&before, &changed);
        affected.articles.extend(changed);
        if affected.moved {
            let old_related: HashMap<PathBuf, u64> =
                before.iter().map(|(p, r)| (p.clone(), r.related)).collect();
            engine.note_moves(&mut affected, &old_related, &previous.months);
        }
        engine.note_links_and_search(&mut affected, old_entries);
        (engine, affected)
    }

    /// What the articles at `changed` gave the search data, from their
    /// records, where those say.
    fn entries_before(
        &self,
        before: &HashMap<PathBuf, Record>,
        changed: &[usize],
    ) -> HashMap<usize, SearchEntry> {
        let entry = |i: usize| {
            let r = before.get(&self.site.articles[i].path)?;
            let p = &r.placement;
            Some(SearchEntry {
                title: r.title.clone(),
                summary: r.summary.clone(),
                body_words: r.facts.search_words.clone(),
                countries: p.countries.clone(),
                actors: p.actors.clone(),
                places: p.places.clone(),
                mentions: p.mentions.clone(),
            })
        };
        changed
            .iter()
            .filter_map(|&i| Some((i, entry(i)?)))
            .collect()
    }
}

/// What changed among the articles of `site`: those at `changed` against
/// their records, and the records of articles no longer there.
fn compare_with(site: &Site, before: &HashMap<PathBuf, Record>, changed: &[usize]) -> Affected {
    let articles = &site.articles;
    let new: Vec<Placement> = changed
        .iter()
        .map(|&i| Placement::of(&articles[i]))
        .collect();
    let present: HashSet<&Path> = articles.iter().map(|a| a.path.as_path()).collect();
    let mut pairs: Vec<(Option<&Placement>, Option<&Placement>)> = new
        .iter()
        .map(|p| (before.get(&p.path).map(|r| &r.placement), Some(p)))
        .collect();
    let gone = before
        .iter()
        .filter(|(path, _)| !present.contains(path.as_path()));
    pairs.extend(gone.map(|(_, r)| (Some(&r.placement), None)));
    rebuild::compare(&pairs)
}

impl Engine {
    /// The records of the site as it is, for the next build, encoded in
    /// parts; None if a body's facts cannot be had (then the next build
    /// renders all). `alone`: as in [`encode_parts`].
    pub fn record_parts(&self, alone: bool) -> Option<RecordParts> {
        let renderer = self.renderer();
        // Bodies no page needed and of unknown facts: rendered now.
        let unknown: Vec<usize> = (0..self.bodies.len())
            .filter(|&i| self.bodies[i].known_facts().is_none())
            .collect();
        unknown.par_iter().for_each(|&i| {
            renderer.facts(i);
        });
        let missing: Vec<usize> = match &self.seen {
            Some(seen) => (0..seen.len()).filter(|&i| seen[i].is_none()).collect(),
            None => (0..self.site.articles.len()).collect(),
        };
        let mut seen = self.seen.clone().unwrap_or_default();
        seen.resize(self.site.articles.len(), None);
        for (i, now) in missing.iter().zip(self.seen_of(missing.iter().copied())) {
            seen[*i] = Some(now);
        }
        let record = |i: usize| {
            let a = &self.site.articles[i];
            Some(Record {
                position: i as u32,
                text: a.text_stamp,
                placement: Placement::of(a),
                facts: Cow::Borrowed(self.bodies[i].known_facts()?),
                related: self.related_stamp(&self.index.related[i]),
                related_to: self.index.related[i].iter().map(|&j| j as u32).collect(),
                seen: seen[i]?,
                title: a.title.clone(),
                summary: renderer.search_summary(i),
            })
        };
        // Made part by part: all at once they would add to the peak memory.
        let paths = self.site.articles.iter().map(|a| a.path.as_path());
        encode_parts(paths, record, alone)
    }
}
