//! The site's profiles as a gazetteer: every name, `names` entry, alias and
//! weak alias of every country and actor, folded (case, accents, Unicode
//! form) into token sequences, and a matcher that finds them in text on
//! word boundaries, longest name first.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::detect::SalienceRules;
use crate::model::Profiles;

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

/// Lower case, accents and other marks removed, ligatures expanded, and
/// Cyrillic or Greek look-alike letters read as the Latin ones.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'œ' | 'Œ' => return out.push_str("oe"),
        'æ' | 'Æ' => return out.push_str("ae"),
        'ß' => return out.push_str("ss"),
        'ø' | 'Ø' => return out.push('o'),
        'đ' | 'Đ' => return out.push('d'),
        'ł' | 'Ł' => return out.push('l'),
        'ı' => return out.push('i'),
        '’' | '‘' | 'ʼ' | '′' | '`' | '´' => return out.push('\''),
        _ => {}
    }
    if let Some(latin) = homoglyph(c) {
        out.push(latin.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                out.push(l);
            }
        }
    });
}

/// A Cyrillic or Greek letter that looks exactly like a Latin one.
pub fn homoglyph(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'А' => 'A',
        'с' => 'c',
        'С' => 'C',
        'е' => 'e',
        'Е' => 'E',
        'о' => 'o',
        'О' => 'O',
        'р' => 'p',
        'Р' => 'P',
        'х' => 'x',
        'Х' => 'X',
        'у' => 'y',
        'і' => 'i',
        'І' => 'I',
        'ј' => 'j',
        'ѕ' => 's',
        'Ѕ' => 'S',
        'В' => 'B',
        'Н' => 'H',
        'К' => 'K',
        'М' => 'M',
        'Т' => 'T',
        'ο' => 'o',
        'Ο' => 'O',
        'α' => 'a',
        'Α' => 'A',
        'Ε' => 'E',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Χ' => 'X',
        _ => return None,
    })
}

pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// A word of the text: a maximal run of letters and digits.
#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    /// Byte range of the folded word in [`Tokens::folded`].
    pub fold_start: u32,
    pub fold_end: u32,
    /// First letter upper case.
    pub capital: bool,
    /// Every letter upper case (acronyms, shouting).
    pub upper: bool,
    /// Preceded by `#`.
    pub hashtag: bool,
    /// A sentence, clause or line boundary (`.`, `!`, `?`, `;`, `:`,
    /// a comma, a bracket, a quote or a new line) separates it from the previous token.
    pub after_break: bool,
    /// A sentence boundary (`.`, `!`, `?`, new line) separates it from the previous token.
    pub sentence_start: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pub source: String,
    pub folded: String,
    pub list: Vec<Token>,
}

impl Tokens {
    /// The token's text as written. Only valid with the text it was made from.
    pub fn original(&self, i: usize) -> &str {
        &self.source[self.list[i].start..self.list[i].end]
    }

    pub fn word(&self, i: usize) -> &str {
        let t = &self.list[i];
        &self.folded[t.fold_start as usize..t.fold_end as usize]
    }
}

/// Splits text into words on Unicode letter and digit boundaries, so that
/// `Mali` is not found in `Somalia` nor `Niger` in `Nigeria`.
pub fn tokenize(text: &str) -> Tokens {
    let mut tokens = Tokens {
        source: text.to_string(),
        folded: String::with_capacity(text.len()),
        list: Vec::with_capacity(text.len() / 5),
    };
    let mut current: Option<Token> = None;
    let mut pending_break = true;
    let mut pending_sentence = true;
    let mut hashtag = false;
    let mut letters = 0usize;
    let mut uppers = 0usize;
    for (i, c) in text.char_indices() {
        let word_char = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric() || is_combining_mark(c)
        };
        if word_char {
            let tok = current.get_or_insert_with(|| {
                letters = 0;
                uppers = 0;
                let t = Token {
                    start: i,
                    end: i,
                    fold_start: tokens.folded.len() as u32,
                    fold_end: 0,
                    capital: c.is_uppercase(),
                    upper: false,
                    hashtag,
                    after_break: pending_break,
                    sentence_start: pending_sentence,
                };
                pending_break = false;
                pending_sentence = false;
                hashtag = false;
                t
            });
            tok.end = i + c.len_utf8();
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    uppers += 1;
                }
            }
            fold_char(c, &mut tokens.folded);
        } else {
            if let Some(mut tok) = current.take() {
                tok.fold_end = tokens.folded.len() as u32;
                tok.upper = letters > 0 && uppers == letters;
                tokens.list.push(tok);
            }
            // `U.S.`, `J. Smith`: a dot after a single capital is an
            // abbreviation's, not a sentence's end.
            let initial = c == '.'
                && tokens.list.last().is_some_and(|t| {
                    t.end == i && t.end - t.start == 1 && t.upper && t.fold_end > t.fold_start
                });
            match c {
                '.' if initial => {}
                '.' | '!' | '?' | '\n' | '…' => {
                    pending_break = true;
                    pending_sentence = true;
                }
                ',' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '«' | '»' | '“' | '”' | '|'
                | '/' | '—' | '–' => pending_break = true,
                _ => {}
            }
            hashtag = c == '#';
        }
    }
    if let Some(mut tok) = current.take() {
        tok.fold_end = tokens.folded.len() as u32;
        tok.upper = letters > 0 && uppers == letters;
        tokens.list.push(tok);
    }
    tokens
}

/// The folded words of a name, as the matcher compares them.
pub fn name_tokens(name: &str) -> Vec<String> {
    let tokens = tokenize(name);
    (0..tokens.list.len())
        .map(|i| tokens.word(i).to_string())
        .collect()
}

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
        let mut index: HashMap<(Vec<String>, bool), usize> = HashMap::new();
        let mut add = |g: &mut Gazetteer, name: &str, target: Target| {
            let tokens = name_tokens(name);
            if tokens.is_empty() {
                return;
            }
            let case_sensitive = is_acronym(name);
            let id = *index
                .entry((tokens.clone(), case_sensitive))
                .or_insert_with(|| {
                    g.aliases.push(Alias {
                        tokens,
                        case_sensitive,
                        upper: name
                            .chars()
                            .filter(|c| c.is_alphanumeric())
                            .map(char::is_uppercase)
                            .collect(),
                        targets: Vec::new(),
                    });
                    g.aliases.len() - 1
                });
            let targets = &mut g.aliases[id].targets;
            match targets.iter_mut().find(|t| t.entity == target.entity) {
                Some(t) => t.strength = t.strength.max(target.strength),
                None => targets.push(target),
            }
        };
        for (i, c) in profiles.countries.iter().enumerate() {
            let entity = Entity::Country(i);
            let mut names = vec![c.name.clone()];
            if let Some(n) = &c.names {
                names.push(n.fr.clone());
                names.push(n.en.clone());
            }
            let folded_names: Vec<String> =
                names.iter().map(|n| name_tokens(n).join(" ")).collect();
            for n in &names {
                add(
                    &mut g,
                    n,
                    Target {
                        entity,
                        strength: Strength::Strong,
                    },
                );
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
                add(&mut g, a, Target { entity, strength });
                if strength == Strength::Demonym {
                    for form in inflections(&folded) {
                        add(&mut g, &form, Target { entity, strength });
                    }
                }
            }
        }
        for (i, a) in profiles.actors.iter().enumerate() {
            let entity = Entity::Actor(i);
            let mut names = vec![a.name.clone()];
            if let Some(n) = &a.names {
                names.push(n.fr.clone());
                names.push(n.en.clone());
            }
            for n in names.iter().chain(&a.aliases) {
                add(
                    &mut g,
                    n,
                    Target {
                        entity,
                        strength: Strength::Strong,
                    },
                );
            }
            for n in &a.weak_aliases {
                add(
                    &mut g,
                    n,
                    Target {
                        entity,
                        strength: Strength::Weak,
                    },
                );
            }
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
