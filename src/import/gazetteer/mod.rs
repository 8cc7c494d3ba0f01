//! The site's profiles as a gazetteer: every name, `names` entry, alias and
//! weak alias of every country and actor, folded (case, accents, Unicode
//! form) into token sequences, and a matcher that finds them in text on
//! word boundaries, longest name first.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

mod tokens;

pub use tokens::{fold, fold_char, homoglyph, name_tokens, tokenize, Token, Tokens};

use super::detect::SalienceRules;
use super::places::{PlaceIndex, PlaceName};
use crate::model::{Actor, Country, Profiles};

/// Folded words and case sensitivity of a name -> its alias.
type AliasIndex = HashMap<(Vec<String>, bool), usize>;

/// A country or an actor, by its index in [`Profiles`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    Country(usize),
    Actor(usize),
}

/// How much a matched name says about its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// A demonym or adjective (`nigérien`, `Malian`): it often only
    /// qualifies something else.
    Demonym,
    /// A generic or ambiguous name, counted only with supporting context.
    Weak,
    /// A name that identifies the entity alone.
    Strong,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub entity: Entity,
    pub strength: Strength,
}

/// One folded name and every entity it may stand for.
#[derive(Debug, Clone)]
pub struct Alias {
    pub tokens: Vec<String>,
    /// Acronyms such as `AU` or `AES` only match upper-case text, so the
    /// French `au` is not the African Union.
    pub case_sensitive: bool,
    /// For case-sensitive names, which letters must be upper case.
    upper: Vec<bool>,
    pub targets: Vec<Target>,
}

#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub aliases: Vec<Alias>,
    /// First folded token -> aliases starting with it, longest first.
    by_first: FastMap<String, Vec<usize>>,
    /// Folded alias with its words glued together -> alias, for hashtags
    /// (`#AfricaCorps`).
    joined: FastMap<String, usize>,
    /// How much evidence of a name makes its entity a subject: the
    /// defaults, or rules under evaluation.
    pub salience: SalienceRules,
    /// The site's places, found apart from countries and actors.
    pub places: Option<PlaceIndex>,
}

/// FNV-1a: the matcher hashes one short word per token, where SipHash's
/// protection against crafted keys costs more than it is worth.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// French demonyms in all genders and numbers from one form, and the
/// English plural: `nigérien` -> `nigérienne`, `nigériens`, `nigériennes`.
fn inflections(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let stems: [(&str, &[&str]); 6] = [
        ("ien", &["ienne", "iens", "iennes"]),
        ("ain", &["aine", "ains", "aines"]),
        ("ais", &["aise", "aises"]),
        ("ois", &["oise", "oises"]),
        ("an", &["ans"]),
        ("abe", &["abes", "abee", "abees"]),
    ];
    for (suffix, forms) in stems {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() >= 3 {
                out.extend(forms.iter().map(|f| format!("{stem}{f}")));
            }
            break;
        }
    }
    out
}

/// Whether a country alias is a demonym or adjective rather than a name.
fn is_demonym(folded: &str, names: &[String]) -> bool {
    const SUFFIXES: &[&str] = &[
        "ien", "ienne", "iens", "iennes", "ain", "aine", "ains", "aines", "ais", "aise", "aises",
        "ois", "oise", "oises", "an", "ans", "ese", "ish", "ch", "abe", "abes", "abee", "abees",
        "ote", "otes", "ite", "ites", "gne", "gnes",
    ];
    !folded.contains(' ')
        && !names.iter().any(|n| n == folded)
        && SUFFIXES.iter().any(|s| folded.ends_with(s))
        && folded.len() > 4
}

/// Upper-case letters of an acronym must be upper case in the text:
/// `FAMa` matches `FAMa` and `FAMA`, not `Fama`.
fn case_matches(alias: &Alias, written: &str) -> bool {
    let flags: Vec<bool> = written
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(char::is_uppercase)
        .collect();
    if flags.len() != alias.upper.len() {
        return flags.iter().all(|&u| u);
    }
    alias.upper.iter().zip(&flags).all(|(&a, &t)| !a || t)
}

fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    !name.contains(' ') && letters.len() <= 6 && upper >= 2 && upper * 2 >= letters.len()
}

impl Gazetteer {
    pub fn new(profiles: &Profiles) -> Gazetteer {
        let mut g = Gazetteer::default();
        let mut index = HashMap::new();
        for (i, c) in profiles.countries.iter().enumerate() {
            g.add_country(&mut index, Entity::Country(i), c);
        }
        for (i, a) in profiles.actors.iter().enumerate() {
            g.add_actor(&mut index, Entity::Actor(i), a);
        }
        for (id, alias) in g.aliases.iter().enumerate() {
            g.by_first
                .entry(alias.tokens[0].clone())
                .or_default()
                .push(id);
            g.joined.entry(alias.tokens.concat()).or_insert(id);
        }
        let aliases = &g.aliases;
        for ids in g.by_first.values_mut() {
            ids.sort_by(|&a, &b| aliases[b].tokens.len().cmp(&aliases[a].tokens.len()));
        }
        g
    }

    /// The same gazetteer with the site's place profiles.
    pub fn with_places(mut self, places: Vec<PlaceName>) -> Gazetteer {
        self.places = PlaceIndex::new(places, &self);
        self
    }

    /// Adds a name for `target`; `index` finds the alias of a name seen
    /// before (folded words, case sensitivity), so one alias lists every
    /// entity it may stand for.
    fn add(&mut self, index: &mut AliasIndex, name: &str, target: Target) {
        let tokens = name_tokens(name);
        if tokens.is_empty() {
            return;
        }
        let case_sensitive = is_acronym(name);
        let aliases = &mut self.aliases;
        let id = *index
            .entry((tokens.clone(), case_sensitive))
            .or_insert_with(|| {
                aliases.push(Alias {
                    tokens,
                    case_sensitive,
                    upper: name
                        .chars()
                        .filter(|c| c.is_alphanumeric())
                        .map(char::is_uppercase)
                        .collect(),
                    targets: Vec::new(),
                });
                aliases.len() - 1
            });
        let targets = &mut self.aliases[id].targets;
        match targets.iter_mut().find(|t| t.entity == target.entity) {
            Some(t) => t.strength = t.strength.max(target.strength),
            None => targets.push(target),
        }
    }

    fn add_country(&mut self, index: &mut AliasIndex, entity: Entity, c: &Country) {
        let mut names = vec![c.name.clone()];
        if let Some(n) = &c.names {
            names.push(n.fr.clone());
            names.push(n.en.clone());
        }
        let folded_names: Vec<String> = names.iter().map(|n| name_tokens(n).join(" ")).collect();
        for n in &names {
            let strength = Strength::Strong;
            self.add(index, n, Target { entity, strength });
        }
        for a in &c.aliases {
            let folded = name_tokens(a).join(" ");
            // French demonyms are written in lower case (`russe`,
            // `nigérien`); English ones are known by their endings.
            let lower = !folded.contains(' ') && a.starts_with(char::is_lowercase);
            let strength = if lower || is_demonym(&folded, &folded_names) {
                Strength::Demonym
            } else {
                Strength::Strong
            };
            self.add(index, a, Target { entity, strength });
            if strength == Strength::Demonym {
                for form in inflections(&folded) {
                    self.add(index, &form, Target { entity, strength });
                }
            }
        }
    }

    fn add_actor(&mut self, index: &mut AliasIndex, entity: Entity, a: &Actor) {
        let mut names = vec![a.name.clone()];
        if let Some(n) = &a.names {
            names.push(n.fr.clone());
            names.push(n.en.clone());
        }
        for n in names.iter().chain(&a.aliases) {
            let strength = Strength::Strong;
            self.add(index, n, Target { entity, strength });
        }
        for n in &a.weak_aliases {
            let strength = Strength::Weak;
            self.add(index, n, Target { entity, strength });
        }
    }

    /// Whether some name starts with this folded word.
    pub fn knows(&self, word: &str) -> bool {
        self.by_first.contains_key(word)
    }

    /// Every name found in `tokens`, left to right, longest first, never
    /// overlapping: `(alias id, first token, token count)`.
    pub fn find(&self, tokens: &Tokens) -> Vec<(usize, usize, usize)> {
        let mut hits = Vec::new();
        let list = &tokens.list;
        let mut i = 0;
        while i < list.len() {
            let word = tokens.word(i);
            if list[i].hashtag {
                if let Some(&id) = self.joined.get(word) {
                    hits.push((id, i, 1));
                }
                i += 1;
                continue;
            }
            let mut matched = 0;
            if let Some(ids) = self.by_first.get(word) {
                for &id in ids {
                    let alias = &self.aliases[id];
                    let n = alias.tokens.len();
                    if i + n > list.len() {
                        continue;
                    }
                    let same = (1..n).all(|k| {
                        !list[i + k].sentence_start
                            && !list[i + k].hashtag
                            && tokens.word(i + k) == alias.tokens[k]
                    });
                    if !same {
                        continue;
                    }
                    if alias.case_sensitive && !case_matches(alias, tokens.original(i)) {
                        continue;
                    }
                    hits.push((id, i, n));
                    matched = n;
                    break;
                }
            }
            i += matched.max(1);
        }
        hits
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Actor, ActorKind, Country, Names, Region};

    /// A country profile for tests (also used by `detect`'s tests).
    pub fn country(id: &str, name: &str, aliases: &[&str]) -> Country {
        Country {
            id: id.into(),
            path: Default::default(),
            name: name.into(),
            names: Some(Names {
                fr: name.into(),
                en: name.into(),
            }),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            iso: "XX".into(),
            region: Region::Sahel,
            body: String::new(),
        }
    }

    pub fn actor(id: &str, aliases: &[&str], weak: &[&str]) -> Actor {
        Actor {
            id: id.into(),
            path: Default::default(),
            name: aliases.first().copied().unwrap_or(id).into(),
            names: None,
            kind: ActorKind::ArmedGroup,
            affiliation: Vec::new(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            weak_aliases: weak.iter().map(|s| s.to_string()).collect(),
            active_from: None,
            active_until: None,
            body: String::new(),
        }
    }

    fn found(g: &Gazetteer, p: &Profiles, text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        g.find(&tokens)
            .into_iter()
            .flat_map(|(id, _, _)| g.aliases[id].targets.clone())
            .map(|t| match t.entity {
                Entity::Country(i) => p.countries[i].id.clone(),
                Entity::Actor(i) => p.actors[i].id.clone(),
            })
            .collect()
    }

    fn profiles() -> Profiles {
        Profiles::new(
            vec![
                country("mali", "Mali", &["malien"]),
                country("niger", "Niger", &["nigérien", "Nigerien"]),
                country("nigeria", "Nigeria", &["nigérian", "Nigerian"]),
                country("burkina-faso", "Burkina Faso", &["burkinabè"]),
                country("united-states", "United States", &["U.S."]),
            ],
            vec![
                actor("african-union", &["African Union", "AU", "UA"], &[]),
                actor("africa-corps", &["Africa Corps"], &[]),
            ],
        )
    }

    #[test]
    fn folding_removes_case_accents_and_lookalikes() {
        assert_eq!(fold("Goïta"), "goita");
        assert_eq!(fold("ÉTATS-UNIS"), "etats-unis");
        // Decomposed accents (NFD) fold like composed ones.
        assert_eq!(fold("Traore\u{301}"), "traore");
        // A Cyrillic letter inside a French word.
        assert_eq!(fold("\u{441}'est"), "c'est");
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    #[test]
    fn words_have_boundaries() {
        let p = profiles();
        let g = Gazetteer::new(&p);
        assert!(found(&g, &p, "La Somalia et le Nigeria")
            .iter()
            .all(|id| id != "mali" && id != "niger"));
        assert_eq!(found(&g, &p, "La Somalia et le Nigeria"), ["nigeria"]);
        assert_eq!(found(&g, &p, "les soldats nigériens"), ["niger"]);
        assert_eq!(found(&g, &p, "les soldats nigérians"), ["nigeria"]);
        assert_eq!(
            found(&g, &p, "BURKINA-FASO, Burkina Faso"),
            ["burkina-faso", "burkina-faso"]
        );
    }

    #[test]
    fn demonyms_in_every_gender_and_number() {
        let p = profiles();
        let g = Gazetteer::new(&p);
        for word in [
            "malien",
            "malienne",
            "maliens",
            "maliennes",
            "Nigeriens",
            "burkinabè",
            "Burkinabe",
        ] {
            assert_eq!(found(&g, &p, word).len(), 1, "{word}");
        }
    }

    #[test]
    fn acronyms_match_upper_case_only() {
        let p = profiles();
        let g = Gazetteer::new(&p);
        assert!(found(&g, &p, "Au Mali, au nord")
            .iter()
            .all(|id| id == "mali"));
        assert_eq!(found(&g, &p, "l'UA a dit"), ["african-union"]);
    }

    #[test]
    fn hashtags_match_glued_names() {
        let p = profiles();
        let g = Gazetteer::new(&p);
        assert_eq!(
            found(&g, &p, "#AfricaCorps #Mali"),
            ["africa-corps", "mali"]
        );
    }

    #[test]
    fn names_do_not_span_sentences() {
        let p = profiles();
        let g = Gazetteer::new(&p);
        assert_eq!(found(&g, &p, "Africa. Corps"), Vec::<String>::new());
    }

    #[test]
    fn initials_do_not_end_sentences() {
        let p = profiles();
        let g = Gazetteer::new(&p);
        assert_eq!(
            found(&g, &p, "Two decades of U.S. support"),
            ["united-states"]
        );
        assert_eq!(
            found(&g, &p, "the U.S. and Niger"),
            ["united-states", "niger"]
        );
        let tokens = tokenize("U.S. troops left. Niger waits.");
        let starts: Vec<bool> = tokens.list.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, [true, false, false, false, true, false]);
    }
}
