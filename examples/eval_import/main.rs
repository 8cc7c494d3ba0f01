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
//! 3. the same k-fold figure over 20 shuffled cuts of the key: mean,
//!    lowest and highest (one cut of 56 articles moves a figure by a few
//!    articles; the spread says how much);
//! 4. the rules the same choice makes on the whole key (the candidates for
//!    the shipped defaults).
//!
//! A rule is chosen for the largest margin over the targets (recall and
//! precision 0.95, strict precision 0.85): the worst of the three decides.
//!
//! The article date given to the importer is the publication date of
//! `provenance.tsv` (as an analyst would pass `--date`), unless
//! `--detect-date` asks the importer to find it in the text; the date
//! detection is scored either way.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sahel_brief::import::gazetteer::Gazetteer;
use sahel_brief::import::places::place_names;
use sahel_brief::import::{convert_with, Converted, Hints};
use sahel_brief::load::load_profiles;
use sahel_brief::model::Profiles;
use serde::Deserialize;

mod folds;
mod score;

use folds::cross_validate;
use score::{Counts, Score};

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
        let judged = |id: &str| self.vocabulary.as_ref().is_none_or(|v| v.contains(id));
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
    // Places are found apart and not scored, but a site that has them
    // is measured as import runs on it.
    let gazetteer = Gazetteer::new(&profiles).with_places(place_names(&profiles));
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
        if l.lang.as_deref().is_none_or(|k| k == c.lang.code()) {
            lang_ok += 1;
        } else {
            other_misses.push(format!("{short}: lang {}", c.lang.code()));
        }
        if l.tweets.is_none_or(|t| t == c.tweets) {
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
