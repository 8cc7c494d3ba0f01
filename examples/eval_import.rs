//! Scores `import`'s detection against a labelled corpus.
//!
//! ```text
//! cargo run --release --example eval_import -- ../shared/corpus [--root .] [--detect-date] [--verbose] [--half 0|1]
//! ```
//!
//! `--half 0` scores only the even-numbered entries of the key (the 1st,
//! 3rd, ...), `--half 1` the others: tune on one half, check on the other,
//! so that a rule fitted to a few files shows up as a gap between them.
//!
//! Every file of `CORPUS/answers.toml` is read from `CORPUS/raw/` and
//! converted in memory with the site's own profiles (`ROOT/content`);
//! nothing is written. Countries are compared by ISO code (the profiles'
//! `iso`), actors by id. Recall = substantial found / substantial;
//! precision counts a detected id as right when it is substantial or
//! mentioned; strict precision only when it is substantial.
//!
//! The article date given to the importer is the publication date of
//! `provenance.tsv` (as an analyst would pass `--date`), unless
//! `--detect-date` asks the importer to find it in the text; the date
//! detection is scored either way.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use chrono::NaiveDate;
use sahel_brief::config::Lang;
use sahel_brief::import::gazetteer::Gazetteer;
use sahel_brief::import::{convert_with, Hints};
use sahel_brief::load::load_profiles;
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

#[derive(Default)]
struct Score {
    substantial: usize,
    found_substantial: usize,
    detected: usize,
    /// Detected ids the key cannot judge: actors outside its vocabulary.
    unjudged: Vec<String>,
    right: usize,
    strictly_right: usize,
    misses: Vec<String>,
}

impl Score {
    fn add(
        &mut self,
        file: &str,
        detected: &[String],
        sub: &[String],
        mentioned: &[String],
        judged: &dyn Fn(&str) -> bool,
    ) {
        let short = file.split('_').next().unwrap_or(file);
        self.substantial += sub.len();
        for s in sub {
            if detected.contains(s) {
                self.found_substantial += 1;
            } else {
                self.misses.push(format!("{short}: missed {s}"));
            }
        }
        for d in detected {
            if !judged(d) {
                self.unjudged.push(format!("{short}: {d}"));
                continue;
            }
            self.detected += 1;
            if sub.contains(d) {
                self.right += 1;
                self.strictly_right += 1;
            } else if mentioned.contains(d) {
                self.right += 1;
                self.misses.push(format!("{short}: {d} is only mentioned"));
            } else {
                self.misses.push(format!("{short}: {d} is wrong"));
            }
        }
    }

    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            1.0
        } else {
            a as f64 / b as f64
        }
    }

    fn print(&self, name: &str) {
        println!(
            "{name:9} recall {:.3} ({}/{})  precision {:.3} ({}/{})  strict precision {:.3} ({}/{})",
            Self::ratio(self.found_substantial, self.substantial),
            self.found_substantial,
            self.substantial,
            Self::ratio(self.right, self.detected),
            self.right,
            self.detected,
            Self::ratio(self.strictly_right, self.detected),
            self.strictly_right,
            self.detected,
        );
        if !self.unjudged.is_empty() {
            let all = self.detected + self.unjudged.len();
            println!(
                "{:9} ({} detected ids outside the key's vocabulary, not judged; counted as wrong: precision {:.3}, strict {:.3})",
                "",
                self.unjudged.len(),
                Self::ratio(self.right, all),
                Self::ratio(self.strictly_right, all),
            );
        }
    }
}

fn main() {
    let mut corpus: Option<PathBuf> = None;
    let mut root = PathBuf::from(".");
    let mut detect_date = false;
    let mut verbose = false;
    let mut half: Option<usize> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = args.next().map(PathBuf::from).expect("--root DIR"),
            "--detect-date" => detect_date = true,
            "--verbose" | "-v" => verbose = true,
            "--half" => {
                half = args
                    .next()
                    .and_then(|h| h.parse::<usize>().ok())
                    .filter(|h| *h < 2);
                assert!(half.is_some(), "--half 0|1");
            }
            _ => corpus = Some(PathBuf::from(a)),
        }
    }
    let corpus = corpus.unwrap_or_else(|| PathBuf::from("../shared/corpus"));
    let key_text = std::fs::read_to_string(corpus.join("answers.toml"))
        .unwrap_or_else(|e| panic!("{}: {e}", corpus.join("answers.toml").display()));
    let key: Key = toml::from_str(&key_text).expect("answers.toml parses");
    let provenance = read_provenance(&corpus);
    let profiles = match load_profiles(&root) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot load the profiles under {}: {e}", root.display());
            std::process::exit(1);
        }
    };
    println!(
        "profiles: {} countries, {} actors from {}",
        profiles.countries.len(),
        profiles.actors.len(),
        root.join("content").display()
    );
    let gazetteer = Gazetteer::new(&profiles);
    let iso: HashMap<&str, &str> = profiles
        .countries
        .iter()
        .map(|c| (c.id.as_str(), c.iso.as_str()))
        .collect();
    let today = chrono::Local::now().date_naive();
    // The key labels actors with the ids of ../gazetteer/actors.json only.
    let vocabulary: Option<BTreeSet<String>> =
        std::fs::read_to_string(corpus.join("../gazetteer/actors.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<Vec<serde_json::Value>>(&t).ok())
            .map(|list| {
                list.iter()
                    .filter_map(|a| a["id"].as_str().map(String::from))
                    .collect()
            });
    let judged_actor = |id: &str| vocabulary.as_ref().is_none_or(|v| v.contains(id));

    let (mut countries, mut actors) = (Score::default(), Score::default());
    let (mut lang_ok, mut date_ok, mut tweets_ok, mut tags_ok, mut n) = (0, 0, 0, 0, 0);
    let mut other_misses = Vec::new();
    for (index, item) in key.article.iter().enumerate() {
        if half.is_some_and(|h| index % 2 != h) {
            continue;
        }
        let path = corpus.join("raw").join(&item.file);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                continue;
            }
        };
        n += 1;
        let short = item.file.split('_').next().unwrap_or(&item.file);
        let known_date = item
            .date
            .as_deref()
            .or_else(|| provenance.get(item.file.as_str()).map(String::as_str))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        // The date as the importer finds it alone.
        let alone = convert_with(&text, &gazetteer, &profiles, &Hints::new(today))
            .expect("labelled files convert");
        if verbose {
            eprintln!("{short}");
        }
        let c = if detect_date {
            alone.clone()
        } else {
            let mut hints = Hints::new(today);
            hints.date = known_date;
            if verbose {
                std::env::set_var("SAHEL_IMPORT_DEBUG", "1");
            }
            let c =
                convert_with(&text, &gazetteer, &profiles, &hints).expect("labelled files convert");
            std::env::remove_var("SAHEL_IMPORT_DEBUG");
            c
        };
        let found_date = alone.date.to_string();
        if known_date.map(|d| d.to_string()) == Some(found_date.clone()) {
            date_ok += 1;
        } else {
            other_misses.push(format!(
                "{short}: date {found_date}, key {}",
                known_date.map_or("?".into(), |d| d.to_string())
            ));
        }
        if item.lang.as_deref() == Some(c.lang.code()) || item.lang.is_none() {
            lang_ok += 1;
        } else {
            other_misses.push(format!("{short}: lang {}", c.lang.code()));
        }
        if item.tweets.is_none_or(|t| t == c.tweets) {
            tweets_ok += 1;
        } else {
            other_misses.push(format!(
                "{short}: {} tweets, key {:?}",
                c.tweets, item.tweets
            ));
        }
        let tags_key: BTreeSet<&str> = item.hashtags.iter().flatten().map(String::as_str).collect();
        let tags_found: BTreeSet<&str> = c.hashtags.iter().map(String::as_str).collect();
        if item.hashtags.is_none() || tags_key == tags_found {
            tags_ok += 1;
        } else {
            other_misses.push(format!(
                "{short}: hashtags {tags_found:?}, key {tags_key:?}"
            ));
        }
        let to_iso = |ids: &[String]| -> Vec<String> {
            ids.iter()
                .map(|id| iso.get(id.as_str()).map_or(id.clone(), |s| s.to_string()))
                .collect()
        };
        let detected = to_iso(&c.countries);
        countries.add(
            &item.file,
            &detected,
            &item.countries,
            &item.countries_mentioned,
            &|_| true,
        );
        actors.add(
            &item.file,
            &c.actors,
            &item.actors,
            &item.actors_mentioned,
            &judged_actor,
        );
        if verbose {
            println!(
                "{short} {} {}: countries {:?} mentions {:?}; actors {:?} mentions {:?}",
                c.lang.code(),
                c.date,
                detected,
                to_iso(&c.mentions.countries),
                c.actors,
                c.mentions.actors
            );
        }
    }
    println!(
        "{n} labelled articles from {} (dates: {})",
        corpus.display(),
        if detect_date {
            "detected"
        } else {
            "provenance, as --date"
        }
    );
    countries.print("countries");
    actors.print("actors");
    println!(
        "language {lang_ok}/{n}  date found alone {date_ok}/{n}  tweets {tweets_ok}/{n}  hashtags {tags_ok}/{n}"
    );
    println!("\nmisses:");
    for m in countries
        .misses
        .iter()
        .chain(&actors.misses)
        .chain(&other_misses)
    {
        println!("  {m}");
    }
    if !actors.unjudged.is_empty() {
        println!("\nactors outside the key's vocabulary (../gazetteer/actors.json):");
        for m in &actors.unjudged {
            println!("  {m}");
        }
    }
    let _ = Lang::Fr;
}

fn read_provenance(corpus: &std::path::Path) -> HashMap<String, String> {
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
