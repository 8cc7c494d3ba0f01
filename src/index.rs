//! Stage 2: group the site's articles by country, actor, tag and month,
//! count who appears with whom, and pick related articles.
//!
//! Articles are referred to by their position in `Site::articles`, which
//! is newest first, so every list built here in one pass is newest first.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::model::{tag_slug, Article, Site};

/// How many articles on each side of an article, in each of its term
/// lists, are considered for its related articles. Bounds the work per
/// article so the step stays linear in the number of articles.
const RELATED_WINDOW: usize = 40;
const RELATED_COUNT: usize = 5;

#[derive(Debug, Default)]
pub struct Tag {
    /// The tag as first written in an article.
    pub name: String,
    pub articles: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct Index {
    pub by_country: HashMap<String, Vec<usize>>,
    pub by_actor: HashMap<String, Vec<usize>>,
    /// Articles at a place (its `places` and its events' places), and
    /// under each place's region too.
    pub by_place: HashMap<String, Vec<usize>>,
    /// Articles naming a country or actor only in passing (`[mentions]`),
    /// and not also about it.
    pub mentioning_country: HashMap<String, Vec<usize>>,
    pub mentioning_actor: HashMap<String, Vec<usize>>,
    /// Keyed by the tag's slug.
    pub by_tag: BTreeMap<String, Tag>,
    /// Keyed by (year, month), oldest first.
    pub by_month: BTreeMap<(i32, u32), Vec<usize>>,
    /// For each country, the actors of its articles with their number of
    /// shared articles, most frequent first.
    pub actors_in_country: HashMap<String, Vec<(String, usize)>>,
    /// For each actor, the countries of its articles, most frequent first.
    pub countries_of_actor: HashMap<String, Vec<(String, usize)>>,
    /// For each actor, the other actors of its articles, most frequent first.
    pub actors_with_actor: HashMap<String, Vec<(String, usize)>>,
    /// For each article, up to five articles sharing its actors (then
    /// countries and tags), best first.
    pub related: Vec<Vec<usize>>,
}

pub fn build_index(site: &Site) -> Index {
    build_index_with(site, None)
}

/// The index of `site`, with `kept` as the articles' related lists
/// when they are known to be those the site gives (nothing moved).
pub fn build_index_with(site: &Site, kept: Option<Vec<Vec<usize>>>) -> Index {
    let mut index = Index::default();
    let mut country_actor: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    let mut actor_country: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    let mut actor_actor: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    let mut tag_slugs: HashMap<&str, String> = HashMap::new();

    for (i, article) in site.articles.iter().enumerate() {
        file_article(&mut index, site, &mut tag_slugs, i, article);
        for c in &article.countries {
            for a in &article.actors {
                *country_actor.entry(c).or_default().entry(a).or_default() += 1;
                *actor_country.entry(a).or_default().entry(c).or_default() += 1;
            }
        }
        for a in &article.actors {
            for b in &article.actors {
                if a != b {
                    *actor_actor.entry(a).or_default().entry(b).or_default() += 1;
                }
            }
        }
    }
    // A month with assessments but no article still has its briefing.
    for a in &site.assessments {
        index.by_month.entry((a.year, a.month)).or_default();
    }
    index.actors_in_country = ranked(country_actor);
    index.countries_of_actor = ranked(actor_country);
    index.actors_with_actor = ranked(actor_actor);
    let n = site.articles.len();
    if let Some(related) = kept.filter(|r| r.len() == n) {
        index.related = related;
        return index;
    }
    index.related = (0..n)
        .into_par_iter()
        .map_init(
            || Scores::new(n),
            |scores, i| related(site, &index, &tag_slugs, scores, i),
        )
        .collect();
    index
}

/// Files article `i` under its terms, mentions, tags and month.
fn file_article<'s>(
    index: &mut Index,
    site: &Site,
    tag_slugs: &mut HashMap<&'s str, String>,
    i: usize,
    article: &'s Article,
) {
    for c in &article.countries {
        index.by_country.entry(c.clone()).or_default().push(i);
    }
    for a in &article.actors {
        index.by_actor.entry(a.clone()).or_default().push(i);
    }
    for p in crate::grouping::TermKind::Place.of(article) {
        let region = site.profiles.place(&p).and_then(|p| p.admin1.as_deref());
        for id in std::iter::once(p.as_ref()).chain(region) {
            push_once(index.by_place.entry(id.to_string()).or_default(), i);
        }
    }
    for c in &article.mentions.countries {
        if !article.countries.contains(c) {
            push_once(index.mentioning_country.entry(c.clone()).or_default(), i);
        }
    }
    for a in &article.mentions.actors {
        if !article.actors.contains(a) {
            push_once(index.mentioning_actor.entry(a.clone()).or_default(), i);
        }
    }
    for t in &article.tags {
        // A briefing has a few dozen distinct tags: slug each once.
        let slug = tag_slugs
            .entry(t.as_str())
            .or_insert_with(|| tag_slug(t))
            .clone();
        let tag = index.by_tag.entry(slug).or_insert_with(|| Tag {
            name: t.clone(),
            articles: Vec::new(),
        });
        // A tag written twice in one article counts once.
        push_once(&mut tag.articles, i);
    }
    let month = (
        chrono::Datelike::year(&article.date),
        chrono::Datelike::month(&article.date),
    );
    index.by_month.entry(month).or_default().push(i);
}

/// Adds `i` unless it is already last (articles are filed in order).
fn push_once(list: &mut Vec<usize>, i: usize) {
    if list.last() != Some(&i) {
        list.push(i);
    }
}

/// Counts sorted by count, most frequent first, then by id.
fn ranked(counts: HashMap<&str, HashMap<&str, usize>>) -> HashMap<String, Vec<(String, usize)>> {
    counts
        .into_iter()
        .map(|(key, inner)| {
            let mut list: Vec<(String, usize)> =
                inner.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            (key.to_string(), list)
        })
        .collect()
}

/// A score per article, reused from one article's related search to the
/// next: only the entries touched are visited and reset, so no sorting or
/// hashing of the few hundred candidates.
struct Scores {
    score: Vec<u32>,
    touched: Vec<usize>,
}

impl Scores {
    fn new(n: usize) -> Self {
        Scores {
            score: vec![0; n],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, j: usize, weight: u32) {
        if self.score[j] == 0 {
            self.touched.push(j);
        }
        self.score[j] += weight;
    }
}

/// Articles near `i` in its actor, country and tag lists, scored by what
/// they share: an actor weighs most, a tag least.
fn related(
    site: &Site,
    index: &Index,
    tag_slugs: &HashMap<&str, String>,
    scores: &mut Scores,
    i: usize,
) -> Vec<usize> {
    let article = &site.articles[i];
    let mut add = |list: &[usize], weight: u32| {
        // Lists hold increasing positions, so `i` is found by binary search.
        let at = list.binary_search(&i).unwrap_or_else(|p| p);
        let from = at.saturating_sub(RELATED_WINDOW);
        let to = (at + RELATED_WINDOW + 1).min(list.len());
        for &j in &list[from..to] {
            if j != i {
                scores.add(j, weight);
            }
        }
    };
    for a in &article.actors {
        add(&index.by_actor[a], 4);
    }
    for c in &article.countries {
        add(&index.by_country[c], 2);
    }
    for t in &article.tags {
        if let Some(tag) = tag_slugs.get(t.as_str()).and_then(|s| index.by_tag.get(s)) {
            add(&tag.articles, 1);
        }
    }
    let mut candidates: Vec<(usize, u32)> = Vec::new();
    for j in scores.touched.drain(..) {
        let score = std::mem::take(&mut scores.score[j]);
        // An article sharing only a country or a tag is not related enough.
        if score >= 4 {
            candidates.push((j, score));
        }
    }
    // Best score first; among equals, the closest in time. Only the best
    // few are ordered: an actor's neighbours alone are a few hundred.
    let best_first = |a: &(usize, u32), b: &(usize, u32)| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.abs_diff(i).cmp(&b.0.abs_diff(i)))
            .then(a.0.cmp(&b.0))
    };
    if candidates.len() > RELATED_COUNT {
        candidates.select_nth_unstable_by(RELATED_COUNT, best_first);
        candidates.truncate(RELATED_COUNT);
    }
    candidates.sort_by(best_first);
    candidates.into_iter().map(|(j, _)| j).collect()
}
