//! One engine for `build` and `serve`: it keeps the loaded site, plans and
//! renders every file, and applies changes of articles and templates by
//! rendering only the files they reach. What a change reaches is decided
//! by the pure rules of [`crate::rebuild`] and each output family's
//! `affected` (see [`crate::render::Family`]).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tera::Tera;

use crate::error::{Diagnostic, Error, Result};
use crate::grouping::TermKind;
use crate::incremental::{stamp, Stamp};
use crate::index::{build_index, Index};
use crate::load::{check_unique_slugs, tag_collisions};
use crate::model::{newest_first, tag_slug, Article, Site};
use crate::plan::{article_url, file_of, PageKind, Planned};
use crate::rebuild::{self, Affected, Placement};
use crate::render::{
    self, render_bodies, Body, BodyContext, LazyBody, PreviousShards, Renderer, SearchEntry,
};
use crate::theme::{template_users, CARD_TEMPLATE};

mod since;
pub use since::{Record, Records};

/// The pipeline's state, kept between changes.
pub struct Engine {
    site: Site,
    tera: Tera,
    /// Rendered bodies, in the order of `site.articles`.
    bodies: Vec<LazyBody>,
    /// What each article gives search and lists (None: not known), made
    /// on the first change.
    seen: Option<Vec<Option<Seen>>>,
    index: Index,
    pages: Vec<Planned>,
    /// Positions in `pages`, in the order they are rendered: those that
    /// gather much of the site first (see [`render::gathers_site`]).
    order: Vec<usize>,
    /// Position in `pages` of each page's file.
    by_file: HashMap<String, usize>,
    /// Whether the articles' Markdown was let go after their bodies were
    /// rendered: then no change can be applied.
    render_once: bool,
    /// The word shards last rendered, to redo one after changes in place.
    previous_search: PreviousShards,
    /// The documents changed in place since those shards were rendered.
    search_changed: Option<BTreeSet<u32>>,
}

/// What search and lists are given of an article, as stamps: a change
/// that keeps one keeps the files made from it.
#[derive(Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    /// Its search entry.
    pub search: Stamp,
    /// Its card.
    pub card: Stamp,
}

/// Files to write (path, bytes) and files to remove.
#[derive(Debug, Default)]
pub struct Update {
    pub rendered: Vec<(String, Vec<u8>)>,
    pub removed: Vec<String>,
}

/// Files to render again after a change, and files to remove.
#[derive(Debug, Default)]
pub struct Stale {
    pub files: Vec<String>,
    pub removed: Vec<String>,
}

/// Where a sink puts one rendered file.
pub type Sink<'s> = dyn Fn(&str, &[u8]) -> Result<()> + Sync + 's;

impl Engine {
    /// Renders every body, indexes and plans the site.
    pub fn new(site: Site, tera: Tera) -> Engine {
        let bodies = render_bodies(&site);
        Engine::assemble(site, tera, bodies, false)
    }

    /// As [`Engine::new`] for rendering the site once (`build`, `check`):
    /// each article's Markdown is let go once its body is rendered, a
    /// sixth of a large build's memory.
    pub fn render_once(mut site: Site, tera: Tera) -> Engine {
        let bodies = render_bodies(&site);
        for a in &mut site.articles {
            a.body = String::new();
        }
        Engine::assemble(site, tera, bodies, true)
    }

    fn assemble(site: Site, tera: Tera, bodies: Vec<LazyBody>, render_once: bool) -> Engine {
        let index = build_index(&site);
        Engine::assemble_with(site, tera, bodies, render_once, index)
    }

    fn assemble_with(
        site: Site,
        tera: Tera,
        bodies: Vec<LazyBody>,
        render_once: bool,
        index: Index,
    ) -> Engine {
        let mut engine = Engine {
            site,
            tera,
            bodies,
            seen: None,
            index,
            pages: Vec::new(),
            order: Vec::new(),
            by_file: HashMap::new(),
            render_once,
            previous_search: match render_once {
                true => PreviousShards::None,
                false => PreviousShards::in_memory(),
            },
            search_changed: None,
        };
        engine.replan();
        engine
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Readies the engine for changes now rather than at the first one
    /// (`serve` does, so the first edit is as quick as the next).
    pub fn prepare_for_changes(&mut self) {
        if self.seen.is_none() {
            let all = self.seen_of(0..self.site.articles.len());
            self.seen = Some(all.into_iter().map(Some).collect());
        }
    }

    fn renderer(&self) -> Renderer<'_> {
        Renderer::with_bodies(
            &self.site,
            &self.index,
            &self.tera,
            Cow::Borrowed(&self.bodies),
        )
        .with_search(self.search_changed.as_ref(), &self.previous_search)
    }

    /// Where the word shards of the previous build are read back: `read`
    /// gives a file's bytes only when they are the ones it wrote.
    pub fn read_search_from(&mut self, read: render::ShardReader) {
        self.previous_search = PreviousShards::Files(read);
    }

    fn replan(&mut self) {
        self.pages = render::plan(&self.site, &self.index);
        self.by_file = self
            .pages
            .iter()
            .enumerate()
            .map(|(k, p)| (p.file(), k))
            .collect();
        self.order = (0..self.pages.len()).collect();
        self.order
            .sort_by_key(|&k| !render::gathers_site(&self.pages[k].kind));
    }

    /// Every planned file's path.
    pub fn files(&self) -> impl Iterator<Item = &String> {
        self.by_file.keys()
    }

    /// Renders every planned file in parallel into `sink`; returns how many
    /// files of each kind. Every render problem is reported together.
    pub fn render_all(&self, sink: &Sink) -> Result<BTreeMap<&'static str, usize>> {
        self.render_where(sink, &|_| true)?;
        Ok(self.counts())
    }

    /// Renders the planned files `wanted` names, in parallel, into `sink`;
    /// returns how many. Every render problem is reported together.
    pub fn render_where(
        &self,
        sink: &Sink,
        wanted: &(dyn Fn(&Planned) -> bool + Sync),
    ) -> Result<usize> {
        let renderer = self.renderer();
        let results: Vec<Result<bool>> = self
            .order
            .par_iter()
            .map(|&k| &self.pages[k])
            .map(|page| {
                if !wanted(page) {
                    return Ok(false);
                }
                let bytes = renderer.render(page)?;
                sink(&page.file(), &bytes)?;
                Ok(true)
            })
            .collect();
        Ok(gather(results)?.into_iter().filter(|&r| r).count())
    }

    /// Whether the changes in `affected` can change the file of `page`.
    pub fn reaches(&self, page: &Planned, affected: &Affected) -> bool {
        render::affected(&self.site, &self.index, &page.kind, affected)
    }

    /// How many files of each kind the site has.
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for page in &self.pages {
            *counts.entry(render::label(&page.kind)).or_default() += 1;
        }
        counts
    }

    /// Renders the planned `files` in parallel; every problem is reported
    /// together. A name not planned is skipped.
    pub fn render_files(&self, files: &[String]) -> Result<Vec<(String, Vec<u8>)>> {
        let renderer = self.renderer();
        let results: Vec<Result<(String, Vec<u8>)>> = files
            .par_iter()
            .filter_map(|file| self.by_file.get(file).map(|&p| &self.pages[p]))
            .map(|page| Ok((page.file(), renderer.render(page)?)))
            .collect();
        gather(results)
    }

    /// The files of the `pages` for which `reaches` holds.
    fn stale_files(&self, reaches: impl Fn(&Planned) -> bool) -> Vec<String> {
        self.pages
            .iter()
            .filter(|p| reaches(p))
            .map(Planned::file)
            .collect()
    }

    /// Takes new templates; returns the files whose templates use one of
    /// `changed`, directly or through another, to render again.
    pub fn change_templates(&mut self, tera: Tera, changed: &BTreeSet<String>) -> Stale {
        let users = template_users(&tera, changed);
        self.tera = tera;
        // Lists show cards made by the card template: every HTML page.
        let cards = users.contains(CARD_TEMPLATE);
        let uses = |t: &str| users.contains(t) || (cards && t.ends_with(".html"));
        Stale {
            files: self.stale_files(|p| render::template(&p.kind).is_some_and(uses)),
            removed: Vec::new(),
        }
    }

    /// Keeps only the articles of `fresh` that can join the site as it is:
    /// slugs stay unique and distinct tags never share a page, as in a
    /// full load. Returns the problems of the others, by path.
    pub fn admit(&self, fresh: &mut Vec<(PathBuf, Option<Article>)>) -> Vec<(PathBuf, Diagnostic)> {
        let changed: HashSet<&Path> = fresh.iter().map(|(p, _)| p.as_path()).collect();
        let new: Vec<&Article> = fresh.iter().filter_map(|(_, a)| a.as_ref()).collect();
        // The site as it stands has no clash: only the article whose page
        // a new one takes, and the first unchanged user of each of its tag
        // pages (the site spells each tag one way), can clash with it.
        let articles = &self.site.articles;
        let unchanged = |i: &usize| !changed.contains(articles[*i].path.as_path());
        let mut near: BTreeSet<usize> = BTreeSet::new();
        for article in &new {
            let page = self.by_file.get(&file_of(&article_url(&article.slug)));
            if let Some(&PageKind::Article(i)) = page.map(|&p| &self.pages[p].kind) {
                near.insert(i);
            }
            for tag in &article.tags {
                if let Some(t) = self.index.by_tag.get(&tag_slug(tag)) {
                    near.extend(t.articles.iter().copied().find(unchanged));
                }
            }
        }
        // The unchanged articles come first, so a problem lands on a new one.
        let all: Vec<&Article> = near
            .into_iter()
            .filter(unchanged)
            .map(|i| &articles[i])
            .chain(new)
            .collect();
        let mut problems = Vec::new();
        check_unique_slugs(
            all.iter().map(|a| (&a.slug, &a.path)),
            "article slug",
            &mut problems,
        );
        problems.extend(tag_collisions(all.iter().copied()));
        let problems: Vec<(PathBuf, Diagnostic)> =
            problems.into_iter().map(|d| (d.path.clone(), d)).collect();
        fresh.retain(|(path, _)| !problems.iter().any(|(p, _)| p == path));
        problems
    }

    /// Replaces the articles at the paths of `fresh` with their new
    /// versions (None: gone) and renders the files that can change.
    pub fn apply_articles(&mut self, fresh: Vec<(PathBuf, Option<Article>)>) -> Result<Update> {
        let stale = self.change_articles(fresh)?;
        Ok(Update {
            rendered: self.render_files(&stale.files)?,
            removed: stale.removed,
        })
    }

    /// Replaces the articles at the paths of `fresh` with their new
    /// versions (None: gone); returns the files that can change, to
    /// render again, and those no longer planned.
    pub fn change_articles(&mut self, fresh: Vec<(PathBuf, Option<Article>)>) -> Result<Stale> {
        if self.render_once {
            return Err(Error::Usage(
                "internal error: changes applied to an engine made to render once".into(),
            ));
        }
        self.prepare_for_changes();
        let old: Vec<Option<usize>> = fresh
            .iter()
            .map(|(path, _)| self.site.articles.iter().position(|a| &a.path == path))
            .collect();
        let pairs: Vec<(Option<Placement>, Option<Placement>)> = fresh
            .iter()
            .zip(&old)
            .map(|((_, new), at)| {
                let old = at.map(|i| Placement::of(&self.site.articles[i]));
                (old, new.as_ref().map(Placement::of))
            })
            .collect();
        let pairs: Vec<_> = pairs
            .iter()
            .map(|(a, b)| (a.as_ref(), b.as_ref()))
            .collect();
        let mut affected = rebuild::compare(&pairs);
        let mut before = HashMap::new();
        let old_files = if affected.moved {
            self.restructure(fresh, &mut affected)
        } else {
            let renderer = self.renderer();
            before = old
                .iter()
                .flatten()
                .map(|&i| (i, renderer.search_entry_now(i)))
                .collect();
            self.replace_in_place(fresh, &old, &mut affected);
            HashSet::new()
        };
        self.note_links_and_search(&mut affected, before);
        let files = self.stale_files(|p| self.reaches(p, &affected));
        let removed = old_files
            .into_iter()
            .filter(|f| !self.by_file.contains_key(f))
            .collect();
        Ok(Stale { files, removed })
    }

    /// Each changed article stays where it was in every list.
    fn replace_in_place(
        &mut self,
        fresh: Vec<(PathBuf, Option<Article>)>,
        old: &[Option<usize>],
        affected: &mut Affected,
    ) {
        let context = BodyContext::for_site(&self.site);
        for ((_, new), at) in fresh.into_iter().zip(old) {
            if let (Some(i), Some(new)) = (*at, new) {
                self.bodies[i] = LazyBody::rendered(Body::render_article(&new, &context));
                self.site.articles[i] = new;
                affected.articles.insert(i);
            }
        }
    }

    /// Articles added, removed or moved: redoes the order, the index and
    /// the plan. Returns the files planned before.
    fn restructure(
        &mut self,
        fresh: Vec<(PathBuf, Option<Article>)>,
        affected: &mut Affected,
    ) -> HashSet<String> {
        let changed: HashSet<PathBuf> = fresh.iter().map(|(p, _)| p.clone()).collect();
        let old_related = self.related_stamps();
        let old_months = self.months();
        let old_files: HashSet<String> = self.by_file.keys().cloned().collect();
        let articles = std::mem::take(&mut self.site.articles);
        let bodies = std::mem::take(&mut self.bodies);
        let seen = self.seen.take().unwrap_or_default();
        let mut rows: Vec<(Article, Option<LazyBody>, Option<Seen>)> = articles
            .into_iter()
            .zip(bodies)
            .zip(seen)
            .map(|((a, b), e)| (a, Some(b), e))
            .filter(|(a, _, _)| !changed.contains(&a.path))
            .collect();
        let added: HashSet<PathBuf> = fresh
            .iter()
            .filter_map(|(_, a)| a.as_ref().map(|a| a.path.clone()))
            .collect();
        rows.extend(
            fresh
                .into_iter()
                .filter_map(|(_, a)| a)
                .map(|a| (a, None, None)),
        );
        rows.sort_by(|a, b| newest_first(&a.0, &b.0));
        let mut seen = Vec::with_capacity(rows.len());
        let mut bodies = Vec::with_capacity(rows.len());
        for (a, b, s) in rows {
            self.site.articles.push(a);
            bodies.push(b);
            seen.push(s);
        }
        self.seen = Some(seen);
        // New texts link to the site as it is now.
        let context = BodyContext::for_site(&self.site);
        self.bodies = bodies
            .into_iter()
            .zip(&self.site.articles)
            .map(|(b, a)| {
                b.unwrap_or_else(|| LazyBody::rendered(Body::render_article(a, &context)))
            })
            .collect();
        self.index = build_index(&self.site);
        self.replan();
        for (i, a) in self.site.articles.iter().enumerate() {
            if added.contains(&a.path) {
                affected.articles.insert(i);
            }
        }
        self.note_moves(affected, &old_related, &old_months);
        old_files
    }

    /// After articles moved: those whose related articles changed, and
    /// whether the set of months did, against the lists before.
    fn note_moves(
        &self,
        affected: &mut Affected,
        old_related: &HashMap<PathBuf, u64>,
        old_months: &[(i32, u32)],
    ) {
        let new_related = self.related_stamps();
        for (i, a) in self.site.articles.iter().enumerate() {
            if old_related.get(&a.path) != new_related.get(&a.path) {
                affected.related.insert(i);
            }
        }
        affected.months_changed = old_months != self.months();
    }

    /// The months with articles, oldest first.
    pub fn months(&self) -> Vec<(i32, u32)> {
        self.index.by_month.keys().copied().collect()
    }

    /// Links written as content paths may resolve elsewhere: the texts
    /// holding one are redone. Then the search entries of the changed
    /// articles, compared with the ones before (`before`: what those
    /// changed in place gave the search data).
    fn note_links_and_search(
        &mut self,
        affected: &mut Affected,
        before: HashMap<usize, SearchEntry>,
    ) {
        if affected.links {
            // Rendered again when next needed, with the site as it is now.
            for (i, body) in self.bodies.iter_mut().enumerate() {
                if body.known_facts().is_none_or(|f| f.source_links) {
                    *body = LazyBody::pending(None);
                    affected.articles.insert(i);
                    // Its term pages and feeds, and its month, show its text.
                    affected.add_shown(&Placement::of(&self.site.articles[i]));
                }
            }
            let profiles = &self.site.profiles;
            let countries = profiles
                .countries
                .iter()
                .map(|c| (TermKind::Country, &c.id, &c.body));
            let actors = profiles
                .actors
                .iter()
                .map(|a| (TermKind::Actor, &a.id, &a.body));
            let tags = self
                .site
                .tags
                .values()
                .map(|t| (TermKind::Tag, &t.id, &t.body));
            let places = profiles
                .places
                .iter()
                .map(|p| (TermKind::Place, &p.id, &p.body));
            for (kind, id, body) in countries.chain(actors).chain(places).chain(tags) {
                if body.contains(".md") {
                    affected.terms.insert((kind, id.clone()));
                }
            }
        }
        let fresh = self.seen_of(affected.articles.iter().copied());
        let seen = self.seen.get_or_insert_with(Vec::new);
        let mut changed = Vec::new();
        for (&i, now) in affected.articles.iter().zip(fresh) {
            let then = seen.get(i).copied().flatten();
            if then.map(|s| s.search) != Some(now.search) {
                affected.search = true;
                changed.push(i);
            }
            if then.map(|s| s.card) != Some(now.card) {
                affected.cards.insert(i);
            }
            if let Some(slot) = seen.get_mut(i) {
                *slot = Some(now);
            }
        }
        self.note_search_parts(affected, &changed, before);
    }

    /// With articles changed in place, the search shards their entries
    /// reach; all of them when an entry before is not known.
    fn note_search_parts(
        &mut self,
        affected: &mut Affected,
        changed: &[usize],
        mut before: HashMap<usize, SearchEntry>,
    ) {
        self.search_changed = None;
        if !affected.search || affected.moved {
            return;
        }
        let old: Option<Vec<(usize, SearchEntry)>> = changed
            .iter()
            .map(|i| before.remove(i).map(|e| (*i, e)))
            .collect();
        if let Some(old) = old {
            let parts = self.renderer().search_parts(&old);
            self.search_changed = Some(parts.changed.clone());
            affected.search_parts = Some(parts);
        }
    }

    fn seen_of(&self, positions: impl Iterator<Item = usize>) -> Vec<Seen> {
        let renderer = self.renderer();
        let positions: Vec<usize> = positions.collect();
        positions
            .par_iter()
            .map(|&i| Seen {
                search: stamp(&renderer.search_entry(i)),
                card: renderer.card_stamp(i),
            })
            .collect()
    }

    /// A stamp of each article's related articles, by path.
    fn related_stamps(&self) -> HashMap<PathBuf, u64> {
        let articles = &self.site.articles;
        self.index
            .related
            .iter()
            .enumerate()
            .map(|(i, list)| (articles[i].path.clone(), self.related_stamp(list)))
            .collect()
    }

    fn related_stamp(&self, list: &[usize]) -> u64 {
        let mut paths = Vec::new();
        for &j in list {
            paths.extend_from_slice(self.site.articles[j].path.as_os_str().as_encoded_bytes());
            paths.push(0);
        }
        stamp(&paths).1
    }
}

/// The results of a parallel render, or every content problem among them
/// (the same template error fails many pages: reported once).
fn gather<T>(results: Vec<Result<T>>) -> Result<Vec<T>> {
    let mut out = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(value) => out.push(value),
            Err(Error::Content(mut list)) => problems.append(&mut list),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        return Ok(out);
    }
    problems.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    problems.dedup_by(|a, b| a.path == b.path && a.message == b.message);
    Err(Error::Content(problems))
}
