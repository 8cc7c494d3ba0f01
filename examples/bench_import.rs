//! Speed of `import`: generates N pasted-article sources (default 10,000)
//! in a temporary folder and imports them all on one thread with the
//! site's profiles, writing the articles to another temporary folder.
//!
//! ```text
//! cargo run --release --example bench_import -- [N] [--root .] [--into DIR]
//! ```
//!
//! `--into DIR` writes the articles to DIR (which should not exist yet) and
//! keeps them, to compare two versions' output with `diff -r`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use sahel_brief::import::gazetteer::Gazetteer;
use sahel_brief::import::{convert_with, run, Hints, ImportOptions};
use sahel_brief::load::load_profiles;
use sahel_brief::model::Profiles;

// The allocator the `sahel-brief` binary runs with, so that the figure is
// the shipped command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }

    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.next() % items.len()]
    }
}

const FRAMES: &[&str] = &[
    "Selon des sources locales, {a} a été vu près de la frontière avec {c}.",
    "Le gouvernement de {c} a annoncé jeudi de nouvelles mesures contre {a}.",
    "Des responsables ont confirmé que {a} opère désormais dans le nord de {c}.",
    "The authorities in {c} said {a} had attacked an army post on Tuesday.",
    "Les relations entre {c} et {c2} restent tendues depuis le départ des troupes.",
    "Analysts say {a} has expanded its reach across {c} and neighbouring countries.",
    "La population civile paie un lourd tribut, a déclaré un responsable humanitaire.",
    "Les soldats {d} ont patrouillé toute la semaine dans la région.",
];

/// The names the generated sources use, from the site's profiles.
struct Names {
    countries: Vec<String>,
    demonyms: Vec<String>,
    actors: Vec<String>,
}

impl Names {
    fn of(profiles: &Profiles) -> Names {
        let countries: Vec<String> = profiles
            .countries
            .iter()
            .flat_map(|c| std::iter::once(c.name.clone()).chain(c.aliases.iter().take(1).cloned()))
            .collect();
        let demonyms: Vec<String> = profiles
            .countries
            .iter()
            .filter_map(|c| {
                c.aliases
                    .iter()
                    .find(|a| a.starts_with(char::is_lowercase))
                    .cloned()
            })
            .collect();
        let actors: Vec<String> = profiles
            .actors
            .iter()
            .flat_map(|a| a.aliases.iter().take(2).cloned())
            .collect();
        let demonyms = if demonyms.is_empty() {
            countries.clone()
        } else {
            demonyms
        };
        Names {
            countries,
            demonyms,
            actors,
        }
    }

    /// Source `i`: a title and 4-15 paragraphs of framed sentences, with
    /// pasted tweet furniture in one source of five.
    fn source(&self, i: usize, rng: &mut Rng) -> String {
        let mut text = format!(
            "Article {i}: {} face à {}\n\n",
            rng.pick(&self.countries),
            rng.pick(&self.actors)
        );
        let paragraphs = 4 + rng.next() % 12;
        for p in 0..paragraphs {
            for _ in 0..(2 + rng.next() % 3) {
                let frame = FRAMES[rng.next() % FRAMES.len()];
                text.push_str(
                    &frame
                        .replace("{c2}", rng.pick(&self.countries))
                        .replace("{c}", rng.pick(&self.countries))
                        .replace("{a}", rng.pick(&self.actors))
                        .replace("{d}", rng.pick(&self.demonyms)),
                );
                text.push(' ');
            }
            text.push('\n');
            if p == 2 && i.is_multiple_of(5) {
                text.push_str("Lire aussi : autre chose\n#Sahel #Niger pic.twitter.com/abc123\n— Someone (@someone) April 11, 2024\n");
            }
        }
        text
    }
}

fn main() {
    let mut n = 10_000usize;
    let mut root = PathBuf::from(".");
    let mut keep: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = args.next().map(PathBuf::from).expect("--root DIR"),
            "--into" => keep = Some(args.next().map(PathBuf::from).expect("--into DIR")),
            other => n = other.parse().expect("N: a number of sources"),
        }
    }
    let profiles = load_profiles(&root).expect("profiles load");
    let names = Names::of(&profiles);
    assert!(
        !names.countries.is_empty() && !names.actors.is_empty(),
        "no profiles under {}",
        root.display()
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let sources = dir.path().join("sources");
    let into = keep
        .map(|k| std::path::absolute(k).expect("--into: a usable path"))
        .unwrap_or_else(|| dir.path().join("articles"));
    std::fs::create_dir_all(&sources).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let texts: Vec<String> = (0..n).map(|i| names.source(i, &mut rng)).collect();
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(sources.join(format!("{i:05}.txt")), text).unwrap();
    }
    println!(
        "{n} generated sources, {:.1} MB, {} countries and {} actors in the gazetteer",
        texts.iter().map(String::len).sum::<usize>() as f64 / 1e6,
        profiles.countries.len(),
        profiles.actors.len()
    );
    convert_in_memory(&texts, &profiles);
    import_to_files(&root, sources, into, n);
}

/// Conversion alone, in memory.
fn convert_in_memory(texts: &[String], profiles: &Profiles) {
    let gazetteer = Gazetteer::new(profiles);
    let hints = Hints::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    let started = Instant::now();
    let mut found = 0usize;
    for t in texts {
        let c = convert_with(t, &gazetteer, profiles, &hints).expect("converts");
        found += c.countries.len() + c.actors.len();
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "convert in memory: {:.0} articles/s ({secs:.2} s, {found} subjects found)",
        texts.len() as f64 / secs
    );
}

/// The whole import: read, convert, compare, write atomically.
fn import_to_files(root: &Path, sources: PathBuf, into: PathBuf, n: usize) {
    let options = ImportOptions {
        into,
        ..ImportOptions::new(
            root,
            vec![sources],
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        )
    };
    let started = Instant::now();
    let report = run(&options, &mut std::io::sink()).expect("import runs");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "import to files (one thread): {:.0} articles/s ({secs:.2} s; {} imported, {} unchanged, {} skipped, {} failed)",
        n as f64 / secs,
        report.imported,
        report.unchanged,
        report.skipped,
        report.failed
    );
}
