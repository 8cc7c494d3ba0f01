//! Scores `import`'s detection against a labelled corpus.
//!
//! ```text
//! cargo run --release --example eval_import -- ../shared/corpus [--root .] [--folds 4] [--detect-date] [--verbose]
//! ```
//!
//! Every file of `CORPUS/answers.toml` is read from `CORPUS/raw/` and
//! converted in memory with the site's own profiles (`ROOT/content`);
//! nothing is written. Countries are compared by ISO code (the profiles'
//! `iso`), actors by id. Recall = substantial found / substantial;
//! precision counts a detected id as right when it is substantial or
//! mentioned; strict precision only when it is substantial. Actor ids
//! outside `CORPUS/../gazetteer/actors.json` are the key's unknowns:
//! counted neither right nor wrong, and reported.
//!
//! It prints, in order:
//! 1. the whole key with the shipped salience rules, by language, with
//!    every miss;
//! 2. a k-fold figure, the one to expect on unseen articles: the key is
//!    cut in `--folds` parts (entry `i` in fold `i % k`); for each part the
//!    salience rules are chosen from a grid on the other parts only, then
//!    scored on it; the held-out scores are pooled, and given by language;
//! 3. the rules the same choice makes on the whole key (the candidates for
//!    the shipped defaults).
//!
//! The article date given to the importer is the publication date of
//! `provenance.tsv` (as an analyst would pass `--date`), unless
//! `--detect-date` asks the importer to find it in the text; the date
//! detection is scored either way.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sahel_brief::import::detect::{Salience, SalienceRules};
use sahel_brief::import::gazetteer::Gazetteer;
use sahel_brief::import::{convert_with, Converted, Hints};
use sahel_brief::load::load_profiles;
use sahel_brief::model::Profiles;
use serde::Deserialize;

#[derive(Deserialize)]
struct Key {
    article: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    file: String,
    lang: Option<String>,
    date: Option<String>,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    countries_mentioned: Vec<String>,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    actors_mentioned: Vec<String>,
    tweets: Option<usize>,
    hashtags: Option<Vec<String>>,
}

/// One labelled article, read.
struct Item {
    short: String,
    label: Labelled,
    text: String,
    date: Option<NaiveDate>,
}

/// Counts for one field (countries or actors), summed over articles.
#[derive(Default, Clone, Copy)]
struct Counts {
    substantial: usize,
    found_substantial: usize,
    detected: usize,
    right: usize,
    strictly_right: usize,
    unjudged: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.substantial += o.substantial;
        self.found_substantial += o.found_substantial;
        self.detected += o.detected;
        self.right += o.right;
        self.strictly_right += o.strictly_right;
        self.unjudged += o.unjudged;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl Counts {
    /// Scores one article's detected ids against its key, with a line per
    /// miss in `misses`.
    fn of(
        short: &str,
        detected: &[String],
        sub: &[String],
        mentioned: &[String],
        judged: &dyn Fn(&str) -> bool,
        misses: &mut Vec<String>,
    ) -> Counts {
        let mut c = Counts {
            substantial: sub.len(),
            ..Counts::default()
        };
        for s in sub {
            if detected.contains(s) {
                c.found_substantial += 1;
            } else {
                misses.push(format!("{short}: missed {s}"));
            }
        }
        for d in detected {
            if !judged(d) {
                c.unjudged += 1;
                continue;
            }
            c.detected += 1;
            if sub.contains(d) {
                c.right += 1;
                c.strictly_right += 1;
            } else if mentioned.contains(d) {
                c.right += 1;
                misses.push(format!("{short}: {d} is only mentioned"));
            } else {
                misses.push(format!("{short}: {d} is wrong"));
            }
        }
        c
    }

    fn recall(&self) -> f64 {
        ratio(self.found_substantial, self.substantial)
    }
    fn precision(&self) -> f64 {
        ratio(self.right, self.detected)
    }
    fn strict(&self) -> f64 {
        ratio(self.strictly_right, self.detected)
    }

    /// How far the figures fall short of the targets (recall and precision
    /// 0.95, strict precision 0.85), then how high they are: what the grid
    /// minimises.
    fn objective(&self) -> (f64, f64) {
        let short = (0.95 - self.recall()).max(0.0)
            + (0.95 - self.precision()).max(0.0)
            + (0.85 - self.strict()).max(0.0);
        (short, -(self.recall() + self.strict()))
    }

    fn print(&self, name: &str) {
        println!(
            "  {name:9} recall {:.3} ({}/{})  precision {:.3} ({}/{})  strict precision {:.3} ({}/{}){}",
            self.recall(),
            self.found_substantial,
            self.substantial,
            self.precision(),
            self.right,
            self.detected,
            self.strict(),
            self.strictly_right,
            self.detected,
            if self.unjudged > 0 {
                format!("  [{} unjudged]", self.unjudged)
            } else {
                String::new()
            }
        );
    }
}

/// Countries and actors of one article (or a sum of them).
#[derive(Default, Clone, Copy)]
struct Score {
    countries: Counts,
    actors: Counts,
}

impl std::ops::AddAssign for Score {
    fn add_assign(&mut self, o: Score) {
        self.countries += o.countries;
        self.actors += o.actors;
    }
}

impl Score {
    fn print(&self, title: &str) {
        println!("{title}");
        self.countries.print("countries");
        self.actors.print("actors");
    }
}

/// What the scorer needs besides the key.
struct Context<'a> {
    profiles: &'a Profiles,
    iso: HashMap<&'a str, &'a str>,
    vocabulary: Option<BTreeSet<String>>,
    today: NaiveDate,
    detect_date: bool,
}

impl Context<'_> {
    fn convert(&self, gazetteer: &Gazetteer, item: &Item) -> Converted {
        let mut hints = Hints::new(self.today);
        if !self.detect_date {
            hints.date = item.date;
        }
        convert_with(&item.text, gazetteer, self.profiles, &hints).expect("labelled files convert")
    }

    fn to_iso(&self, ids: &[String]) -> Vec<String> {
        ids.iter()
            .map(|id| {
                self.iso
                    .get(id.as_str())
                    .map_or(id.clone(), |s| s.to_string())
            })
            .collect()
    }

    fn score(&self, item: &Item, c: &Converted, misses: &mut Vec<String>) -> Score {
        let judged = |id: &str| self.vocabulary.as_ref().map_or(true, |v| v.contains(id));
        let l = &item.label;
        Score {
            countries: Counts::of(
                &item.short,
                &self.to_iso(&c.countries),
                &l.countries,
                &l.countries_mentioned,
                &|_| true,
                misses,
            ),
            actors: Counts::of(
                &item.short,
                &c.actors,
                &l.actors,
                &l.actors_mentioned,
                &judged,
                misses,
            ),
        }
    }
}

fn main() {
    let mut corpus: Option<PathBuf> = None;
    let mut root = PathBuf::from(".");
    let mut detect_date = false;
    let mut verbose = false;
    let mut folds = 4usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = args.next().map(PathBuf::from).expect("--root DIR"),
            "--detect-date" => detect_date = true,
            "--verbose" | "-v" => verbose = true,
            "--folds" => {
                folds = args
                    .next()
                    .and_then(|k| k.parse().ok())
                    .filter(|k| *k >= 2)
                    .expect("--folds K, K >= 2");
            }
            _ => corpus = Some(PathBuf::from(a)),
        }
    }
    let corpus = corpus.unwrap_or_else(|| PathBuf::from("../shared/corpus"));
    let items = read_key(&corpus);
    let profiles = match load_profiles(&root) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot load the profiles under {}: {e}", root.display());
            std::process::exit(1);
        }
    };
    println!(
        "profiles: {} countries, {} actors from {}; {} labelled articles from {} (dates: {})",
        profiles.countries.len(),
        profiles.actors.len(),
        root.join("content").display(),
        items.len(),
        corpus.display(),
        if detect_date {
            "detected"
        } else {
            "provenance, as --date"
        }
    );
    // The key labels actors with the ids of ../gazetteer/actors.json only.
    let vocabulary = std::fs::read_to_string(corpus.join("../gazetteer/actors.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<Vec<serde_json::Value>>(&t).ok())
        .map(|list| {
            list.iter()
                .filter_map(|a| a["id"].as_str().map(String::from))
                .collect()
        });
    let context = Context {
        profiles: &profiles,
        iso: profiles
            .countries
            .iter()
            .map(|c| (c.id.as_str(), c.iso.as_str()))
            .collect(),
        vocabulary,
        today: chrono::Local::now().date_naive(),
        detect_date,
    };
    let gazetteer = Gazetteer::new(&profiles);
    whole_key(&context, &gazetteer, &items, verbose);
    cross_validate(&context, &gazetteer, &items, folds, verbose);
}

fn read_key(corpus: &Path) -> Vec<Item> {
    let key_text = std::fs::read_to_string(corpus.join("answers.toml"))
        .unwrap_or_else(|e| panic!("{}: {e}", corpus.join("answers.toml").display()));
    let key: Key = toml::from_str(&key_text).expect("answers.toml parses");
    let provenance = read_provenance(corpus);
    key.article
        .into_iter()
        .filter_map(|label| {
            let path = corpus.join("raw").join(&label.file);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| eprintln!("{}: {e}", path.display()))
                .ok()?;
            let date = label
                .date
                .as_deref()
                .or_else(|| provenance.get(label.file.as_str()).map(String::as_str))
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let short = label.file.split('_').next().unwrap_or(&label.file).into();
            Some(Item {
                short,
                label,
                text,
                date,
            })
        })
        .collect()
}

/// The shipped rules on every labelled article, by language, with misses.
fn whole_key(context: &Context, gazetteer: &Gazetteer, items: &[Item], verbose: bool) {
    let mut total = Score::default();
    let mut by_lang: HashMap<String, Score> = HashMap::new();
    let mut misses = Vec::new();
    let mut other_misses = Vec::new();
    let (mut lang_ok, mut date_ok, mut tweets_ok, mut tags_ok) = (0, 0, 0, 0);
    let undated = Hints::new(context.today);
    for item in items {
        let short = &item.short;
        if verbose {
            eprintln!("{short}");
            std::env::set_var("SAHEL_IMPORT_DEBUG", "1");
        }
        let c = context.convert(gazetteer, item);
        std::env::remove_var("SAHEL_IMPORT_DEBUG");
        // The date as the importer finds it alone.
        let alone = convert_with(&item.text, gazetteer, context.profiles, &undated)
            .expect("labelled files convert");
        let found_date = alone.date.to_string();
        if item.date.map(|d| d.to_string()) == Some(found_date.clone()) {
            date_ok += 1;
        } else {
            other_misses.push(format!(
                "{short}: date {found_date}, key {}",
                item.date.map_or("?".into(), |d| d.to_string())
            ));
        }
        let l = &item.label;
        if l.lang.as_deref().map_or(true, |k| k == c.lang.code()) {
            lang_ok += 1;
        } else {
            other_misses.push(format!("{short}: lang {}", c.lang.code()));
        }
        if l.tweets.map_or(true, |t| t == c.tweets) {
            tweets_ok += 1;
        } else {
            other_misses.push(format!("{short}: {} tweets, key {:?}", c.tweets, l.tweets));
        }
        let tags_key: BTreeSet<&str> = l.hashtags.iter().flatten().map(String::as_str).collect();
        let tags_found: BTreeSet<&str> = c.hashtags.iter().map(String::as_str).collect();
        if l.hashtags.is_none() || tags_key == tags_found {
            tags_ok += 1;
        } else {
            other_misses.push(format!(
                "{short}: hashtags {tags_found:?}, key {tags_key:?}"
            ));
        }
        let score = context.score(item, &c, &mut misses);
        total += score;
        *by_lang.entry(language(item)).or_default() += score;
        if verbose {
            println!(
                "{short} {} {}: countries {:?} mentions {:?}; actors {:?} mentions {:?}",
                c.lang.code(),
                c.date,
                context.to_iso(&c.countries),
                context.to_iso(&c.mentions.countries),
                c.actors,
                c.mentions.actors
            );
        }
    }
    let n = items.len();
    total.print(&format!("\nall {n} articles, shipped rules:"));
    print_by_lang(&by_lang);
    println!(
        "  language {lang_ok}/{n}  date found alone {date_ok}/{n}  tweets {tweets_ok}/{n}  hashtags {tags_ok}/{n}"
    );
    println!("\nmisses (shipped rules):");
    misses.sort_by_key(|m| m.contains("missed"));
    for m in misses.iter().rev().chain(&other_misses) {
        println!("  {m}");
    }
}

fn language(item: &Item) -> String {
    item.label.lang.clone().unwrap_or_else(|| "?".into())
}

fn print_by_lang(by_lang: &HashMap<String, Score>) {
    let mut langs: Vec<_> = by_lang.keys().collect();
    langs.sort();
    for lang in langs {
        by_lang[lang].print(&format!("  {lang}:"));
    }
}

/// The rules tried: thresholds and length scaling around the shipped
/// ones.
fn grid() -> (Vec<Salience>, Vec<Salience>) {
    let defaults = SalienceRules::default();
    let mut countries = Vec::new();
    let mut actors = Vec::new();
    for threshold in [1.5, 2.0, 2.5, 3.0, 3.5] {
        for per in [0.0, 60.0, 120.0] {
            for section in [0.0, 1.0, 2.0] {
                for lead in [0.0, 1.0] {
                    countries.push(Salience {
                        threshold,
                        per,
                        lead,
                        section,
                        ..defaults.countries
                    });
                }
                for subject in [0.0, 0.5, 1.0] {
                    actors.push(Salience {
                        threshold,
                        per,
                        subject,
                        section,
                        ..defaults.actors
                    });
                }
            }
        }
    }
    (countries, actors)
}

/// Scores of every article under each rule of `rules`, the rules of the
/// other kind staying `fixed`.
fn scores_under(
    context: &Context,
    gazetteer: &Gazetteer,
    items: &[Item],
    rules: &[SalienceRules],
    field: fn(&Score) -> Counts,
) -> Vec<Vec<Counts>> {
    let mut g = gazetteer.clone();
    rules
        .iter()
        .map(|r| {
            g.salience = *r;
            items
                .iter()
                .map(|item| {
                    field(&context.score(item, &context.convert(&g, item), &mut Vec::new()))
                })
                .collect()
        })
        .collect()
}

/// The grid and the scores under it. Actor rules decide which actors are
/// subjects whatever the country rules; countries also depend on the
/// actors (a person who is a subject makes their country a party), so
/// countries are scored under the actor rule chosen for the same folds.
struct Grid<'a> {
    context: &'a Context<'a>,
    gazetteer: &'a Gazetteer,
    items: &'a [Item],
    countries: Vec<Salience>,
    actors: Vec<Salience>,
    /// Per actor rule, per article.
    by_actor: Vec<Vec<Counts>>,
    /// Per actor rule chosen so far: per country rule, per article.
    by_country: HashMap<usize, Vec<Vec<Counts>>>,
}

impl<'a> Grid<'a> {
    fn new(context: &'a Context<'a>, gazetteer: &'a Gazetteer, items: &'a [Item]) -> Grid<'a> {
        let (countries, actors) = grid();
        let defaults = SalienceRules::default();
        let rules: Vec<SalienceRules> = actors
            .iter()
            .map(|&actors| SalienceRules { actors, ..defaults })
            .collect();
        let by_actor = scores_under(context, gazetteer, items, &rules, |s| s.actors);
        Grid {
            context,
            gazetteer,
            items,
            countries,
            actors,
            by_actor,
            by_country: HashMap::new(),
        }
    }

    /// The rules chosen on the articles `train` accepts.
    fn choose(&mut self, train: &dyn Fn(usize) -> bool) -> (usize, usize) {
        let a = choose(&self.by_actor, train);
        let actors = self.actors[a];
        let rules: Vec<SalienceRules> = self
            .countries
            .iter()
            .map(|&countries| SalienceRules { countries, actors })
            .collect();
        let (context, gazetteer, items) = (self.context, self.gazetteer, self.items);
        let by_country = self
            .by_country
            .entry(a)
            .or_insert_with(|| scores_under(context, gazetteer, items, &rules, |s| s.countries));
        (choose(by_country, train), a)
    }

    fn score(&self, (c, a): (usize, usize), item: usize) -> Score {
        Score {
            countries: self.by_country[&a][c][item],
            actors: self.by_actor[a][item],
        }
    }
}

/// The rule that does best on the articles `train` accepts.
fn choose(scores: &[Vec<Counts>], train: &dyn Fn(usize) -> bool) -> usize {
    let sums: Vec<Counts> = scores
        .iter()
        .map(|per_item| {
            let mut sum = Counts::default();
            for (i, c) in per_item.iter().enumerate() {
                if train(i) {
                    sum += *c;
                }
            }
            sum
        })
        .collect();
    (0..sums.len())
        .min_by(|&a, &b| {
            sums[a]
                .objective()
                .partial_cmp(&sums[b].objective())
                .unwrap()
        })
        .expect("a grid")
}

fn cross_validate(
    context: &Context,
    gazetteer: &Gazetteer,
    items: &[Item],
    folds: usize,
    verbose: bool,
) {
    let mut grid = Grid::new(context, gazetteer, items);
    let mut held_out = Score::default();
    let mut by_lang: HashMap<String, Score> = HashMap::new();
    println!("\n{folds}-fold: salience rules chosen on the other folds, scored on each fold");
    for fold in 0..folds {
        let train = |i: usize| i % folds != fold;
        let chosen = grid.choose(&train);
        let mut score = Score::default();
        for (i, item) in items.iter().enumerate().filter(|(i, _)| !train(*i)) {
            let s = grid.score(chosen, i);
            score += s;
            *by_lang.entry(language(item)).or_default() += s;
        }
        println!(
            "  fold {fold}: countries {}; actors {}; held-out recall {:.3} / {:.3}, strict {:.3} / {:.3}",
            describe(&grid.countries[chosen.0]),
            describe(&grid.actors[chosen.1]),
            score.countries.recall(),
            score.actors.recall(),
            score.countries.strict(),
            score.actors.strict(),
        );
        held_out += score;
    }
    held_out.print(&format!(
        "{folds}-fold, held-out folds pooled (expected on unseen articles):"
    ));
    print_by_lang(&by_lang);
    let (c, a) = grid.choose(&|_| true);
    println!(
        "\nrules chosen on all {} articles: countries {}; actors {}",
        items.len(),
        describe(&grid.countries[c]),
        describe(&grid.actors[a])
    );
    let mut chosen = gazetteer.clone();
    chosen.salience = SalienceRules {
        countries: grid.countries[c],
        actors: grid.actors[a],
    };
    let mut score = Score::default();
    let mut misses = Vec::new();
    for item in items {
        score += context.score(item, &context.convert(&chosen, item), &mut misses);
    }
    score.print("with them, on the articles they were chosen on:");
    if verbose {
        misses.sort_by_key(|m| m.contains("missed"));
        for m in misses.iter().rev() {
            println!("  {m}");
        }
    }
}

fn describe(s: &Salience) -> String {
    format!(
        "threshold {} per {} subject {} lead {} section {}",
        s.threshold, s.per, s.subject, s.lead, s.section
    )
}

fn read_provenance(corpus: &Path) -> HashMap<String, String> {
    let Ok(text) = std::fs::read_to_string(corpus.join("provenance.tsv")) else {
        return HashMap::new();
    };
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (Some(file), Some(date)) = (col("file"), col("date_iso")) else {
        return HashMap::new();
    };
    lines
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some((f.get(file)?.to_string(), f.get(date)?.to_string()))
        })
        .collect()
}
