//! Links in an article's text: the first mention of each country and actor
//! the article names becomes a link to its page, and the first use of an
//! acronym a profile defines is marked `<abbr title="...">`. Names match
//! as `import` matches them (folded case and accents, the profiles'
//! aliases), with one automaton over every alias built once per build.
//! Never inside links, code, images or headings.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::import::gazetteer::fold_char;
use crate::model::{Article, Site};
use crate::plan;
use crate::theme::escape;

/// A page a name may link to: a country or an actor.
struct Target {
    /// `c:niger`, `a:jnim`: how an article's ids find it.
    key: String,
    href: String,
}

/// One alias of one target, behind one folded pattern.
struct Candidate {
    target: usize,
    alias: String,
    acronym: bool,
    /// What the acronym stands for, when an alias of its profile spells it.
    expansion: Option<String>,
}

/// Every profile alias of a site as one automaton.
pub struct EntityLinker {
    automaton: AhoCorasick,
    /// Candidates of each pattern of the automaton.
    candidates: Vec<Vec<Candidate>>,
    targets: Vec<Target>,
    by_key: HashMap<String, usize>,
}

impl EntityLinker {
    /// The linker of `site`, or `None` when the site turns links off.
    pub fn for_site(site: &Site) -> Option<EntityLinker> {
        if !site.config.entity_links {
            return None;
        }
        let root = site.config.base_path();
        let mut names: Vec<(String, String, Vec<String>, bool)> = Vec::new();
        for c in &site.profiles.countries {
            let href = format!("{root}{}", plan::country_url(&c.id));
            // A country's one-word aliases are demonyms and towns
            // ("nigérien", "French", "Niamey"): only its names and longer
            // aliases ("République du Niger") stand for it.
            let own = all_names(&c.name, c.names.as_ref(), &[]);
            let longer = c.aliases.iter().filter(|a| {
                a.split_whitespace().nth(1).is_some()
                    && a.chars().next().is_some_and(char::is_uppercase)
            });
            let aliases = own.into_iter().chain(longer.cloned()).collect();
            names.push((format!("c:{}", c.id), href, aliases, false));
        }
        for a in &site.profiles.actors {
            let href = format!("{root}{}", plan::actor_url(&a.id));
            let aliases = all_names(&a.name, a.names.as_ref(), &a.aliases);
            names.push((format!("a:{}", a.id), href, aliases, true));
        }
        Some(EntityLinker::new(names))
    }

    /// `names`: each target's key, link and aliases, and whether its
    /// acronyms are marked.
    fn new(names: Vec<(String, String, Vec<String>, bool)>) -> EntityLinker {
        let mut patterns: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<Candidate>> = Vec::new();
        let mut pattern_of: HashMap<String, usize> = HashMap::new();
        let mut targets = Vec::new();
        for (target, (key, href, aliases, marks_acronyms)) in names.into_iter().enumerate() {
            for alias in &aliases {
                let folded = fold(alias);
                if folded.trim().is_empty() {
                    continue;
                }
                let acronym = is_acronym(alias);
                let expansion = (acronym && marks_acronyms)
                    .then(|| expansion(alias, &aliases))
                    .flatten();
                let p = *pattern_of.entry(folded.clone()).or_insert_with(|| {
                    patterns.push(folded);
                    candidates.push(Vec::new());
                    patterns.len() - 1
                });
                candidates[p].push(Candidate {
                    target,
                    alias: alias.clone(),
                    acronym,
                    expansion,
                });
            }
            targets.push(Target { key, href });
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("alias patterns are plain strings");
        let by_key = targets
            .iter()
            .enumerate()
            .map(|(i, t)| (t.key.clone(), i))
            .collect();
        EntityLinker {
            automaton,
            candidates,
            targets,
            by_key,
        }
    }

    /// The targets article `a` may link to: what it is about and what it
    /// mentions.
    pub fn article_targets(&self, a: &Article) -> HashSet<usize> {
        let countries = a.countries.iter().chain(&a.mentions.countries);
        let actors = a.actors.iter().chain(&a.mentions.actors);
        countries
            .map(|id| format!("c:{id}"))
            .chain(actors.map(|id| format!("a:{id}")))
            .filter_map(|key| self.by_key.get(&key).copied())
            .collect()
    }

    /// Adds the links and abbreviations to an article's safe event stream.
    pub fn apply(&self, events: &mut Vec<Event<'_>>, allowed: &HashSet<usize>) {
        let mut state = LinkState {
            linked: HashSet::new(),
            marked: HashSet::new(),
        };
        // Depth of links, images, headings and code blocks we are inside.
        let mut skip = 0usize;
        // Smart punctuation cuts "l’islam" into three text events: a name
        // is looked for in the whole run of text.
        let mut run = String::new();
        let mut out = Vec::with_capacity(events.len());
        for event in events.drain(..) {
            match &event {
                Event::Text(text) if skip == 0 => {
                    run.push_str(text);
                    continue;
                }
                Event::Start(
                    Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. } | Tag::CodeBlock(_),
                ) => skip += 1,
                Event::End(
                    TagEnd::Link | TagEnd::Image | TagEnd::Heading(_) | TagEnd::CodeBlock,
                ) => skip = skip.saturating_sub(1),
                _ => {}
            }
            if !run.is_empty() {
                self.link_text(&std::mem::take(&mut run), allowed, &mut state, &mut out);
            }
            out.push(event);
        }
        if !run.is_empty() {
            self.link_text(&run, allowed, &mut state, &mut out);
        }
        *events = out;
    }

    fn link_text<'a>(
        &self,
        text: &str,
        allowed: &HashSet<usize>,
        state: &mut LinkState,
        out: &mut Vec<Event<'a>>,
    ) {
        let (folded, origin) = fold_with_origin(text);
        let mut done = 0;
        for m in self.automaton.find_iter(&folded) {
            let (start, end) = (origin[m.start()], char_end(text, origin[m.end() - 1]));
            if start < done || !on_word_boundaries(text, start, end) {
                continue;
            }
            let found = &text[start..end];
            let fits = |c: &&Candidate| !c.acronym || same_capitals(&c.alias, found);
            let candidates = &self.candidates[m.pattern().as_usize()];
            let link = candidates
                .iter()
                .filter(fits)
                .find(|c| allowed.contains(&c.target) && !state.linked.contains(&c.target));
            // The expansion of the entity linked, else of one the article
            // names (CNSP is Mali's 2020 junta or Niger's), else any.
            let expansions = || {
                candidates
                    .iter()
                    .filter(fits)
                    .filter(|c| c.expansion.is_some())
            };
            let abbr = link
                .filter(|c| c.expansion.is_some())
                .or_else(|| expansions().find(|c| allowed.contains(&c.target)))
                .or_else(|| expansions().next())
                .and_then(|c| c.expansion.as_deref())
                .filter(|_| !state.marked.contains(&fold(found)));
            if link.is_none() && abbr.is_none() {
                continue;
            }
            if start > done {
                out.push(Event::Text(CowStr::from(text[done..start].to_string())));
            }
            if let Some(c) = link {
                state.linked.insert(c.target);
                let href = escape(&self.targets[c.target].href);
                out.push(Event::InlineHtml(CowStr::from(format!(
                    "<a class=\"entity\" href=\"{href}\">"
                ))));
            }
            if let Some(title) = abbr {
                state.marked.insert(fold(found));
                let title = escape(title);
                out.push(Event::InlineHtml(CowStr::from(format!(
                    "<abbr title=\"{title}\">"
                ))));
            }
            out.push(Event::Text(CowStr::from(found.to_string())));
            if abbr.is_some() {
                out.push(Event::InlineHtml(CowStr::Borrowed("</abbr>")));
            }
            if link.is_some() {
                out.push(Event::InlineHtml(CowStr::Borrowed("</a>")));
            }
            done = end;
        }
        if done < text.len() {
            out.push(Event::Text(CowStr::from(text[done..].to_string())));
        }
    }
}

/// What one article has linked and marked so far.
struct LinkState {
    linked: HashSet<usize>,
    marked: HashSet<String>,
}

fn all_names(name: &str, names: Option<&crate::model::Names>, aliases: &[String]) -> Vec<String> {
    let mut all = vec![name.to_string()];
    if let Some(n) = names {
        all.push(n.fr.clone());
        all.push(n.en.clone());
    }
    all.extend(aliases.iter().cloned());
    let mut seen = HashSet::new();
    all.retain(|a| !a.trim().is_empty() && seen.insert(a.clone()));
    all
}

fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The folded text, and for each of its bytes where the original
/// character it comes from starts. Most characters are ASCII, folded in
/// place without a call.
fn fold_with_origin(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            origin.push(i);
        } else {
            fold_char(c, &mut folded);
            origin.resize(folded.len(), i);
        }
    }
    (folded, origin)
}

/// The end of the original character that starts at `start`.
fn char_end(text: &str, start: usize) -> usize {
    start + text[start..].chars().next().map_or(0, char::len_utf8)
}

/// `Mali` is not a name inside `Somalia`.
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// JNIM, EIGS, CEDEAO, FAMa: one word of capitals (one small letter at most).
fn is_acronym(alias: &str) -> bool {
    let letters = alias.chars().count();
    let capitals = alias.chars().filter(|c| c.is_uppercase()).count();
    alias.chars().all(char::is_alphanumeric) && capitals >= 2 && capitals + 1 >= letters
}

/// An acronym's capitals must be capitals in the text: `FAMa` is found
/// in "FAMa" and "FAMA", not in "Fama".
fn same_capitals(alias: &str, found: &str) -> bool {
    alias
        .chars()
        .zip(found.chars())
        .all(|(a, f)| !a.is_uppercase() || f.is_uppercase())
}

/// The first alias whose words' initials spell the acronym's capitals in
/// order, starting with the first: "État islamique au Grand Sahara" for
/// EIGS, "Forces armées maliennes" for FAMa.
fn expansion(acronym: &str, aliases: &[String]) -> Option<String> {
    let capitals: Vec<char> = fold(
        &acronym
            .chars()
            .filter(|c| c.is_uppercase())
            .collect::<String>(),
    )
    .chars()
    .collect();
    aliases
        .iter()
        .filter(|a| !is_acronym(a) && !fold(a).contains(&fold(acronym)))
        .find(|a| {
            let initials: Vec<char> = fold(a)
                .split(|c: char| !c.is_alphanumeric())
                .filter_map(|w| w.chars().next())
                .collect();
            initials.first() == capitals.first() && is_subsequence(&capitals, &initials)
        })
        .cloned()
}

fn is_subsequence(needle: &[char], haystack: &[char]) -> bool {
    let mut rest = haystack.iter();
    needle.iter().all(|n| rest.any(|h| h == n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render_finished;

    fn linker() -> EntityLinker {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        EntityLinker::new(vec![
            (
                "c:mali".into(),
                "/countries/mali/".into(),
                names(&["Mali"]),
                false,
            ),
            (
                "a:tiani".into(),
                "/actors/tiani/".into(),
                names(&["Abdourahamane Tiani", "Tiani", "Tchiani"]),
                true,
            ),
            (
                "a:fama".into(),
                "/actors/fama/".into(),
                names(&["FAMa", "FAMA", "Forces armées maliennes"]),
                true,
            ),
            (
                "a:isgs".into(),
                "/actors/isgs/".into(),
                names(&["EIGS", "État islamique au Grand Sahara"]),
                true,
            ),
        ])
    }

    fn html(markdown: &str, allowed: &[usize]) -> String {
        let l = linker();
        let allowed: HashSet<usize> = allowed.iter().copied().collect();
        render_finished(markdown, false, &|_| None, &mut |events| {
            l.apply(events, &allowed)
        })
        .html
    }

    #[test]
    fn first_mention_only_outside_links_and_headings() {
        let out = html(
            "## Mali\n\n[Mali](https://example.org) then Mali and Mali again.\n",
            &[0],
        );
        assert!(out.contains("<h2 id=\"mali\">Mali</h2>"), "{out}");
        assert!(out.contains("<a href=\"https://example.org\">Mali</a> then <a class=\"entity\" href=\"/countries/mali/\">Mali</a> and Mali again."), "{out}");
        assert_eq!(out.matches("/countries/mali/").count(), 1);
    }

    #[test]
    fn aliases_accents_and_acronyms() {
        let out = html("Le général TCHIANI et les FAMa face à l’EIGS.\n", &[1, 2]);
        assert!(
            out.contains("<a class=\"entity\" href=\"/actors/tiani/\">TCHIANI</a>"),
            "{out}"
        );
        assert!(out.contains("<a class=\"entity\" href=\"/actors/fama/\"><abbr title=\"Forces armées maliennes\">FAMa</abbr></a>"), "{out}");
        // Not about the article: marked, not linked.
        assert!(
            out.contains("l’<abbr title=\"État islamique au Grand Sahara\">EIGS</abbr>."),
            "{out}"
        );
        // Smart quotes split the text; the name is found across them.
        let out = html("Les Forces armées maliennes d'abord, puis l'EIGS.\n", &[2]);
        assert!(out.contains("<a class=\"entity\" href=\"/actors/fama/\">Forces armées maliennes</a> d’abord, puis l’<abbr"), "{out}");
        // Somalia is not Mali; Fama is not FAMa; code stays code.
        let out = html("Somalia, Fama, `Mali`.\n", &[0, 2]);
        assert!(!out.contains("entity"), "{out}");
    }
}
