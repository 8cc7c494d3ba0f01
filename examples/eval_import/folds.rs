//! The k-fold figure: salience rules chosen from a grid on some folds,
//! scored on the others.

use std::collections::HashMap;

use sahel_brief::import::detect::{Salience, SalienceRules};
use sahel_brief::import::gazetteer::Gazetteer;

use crate::score::{Counts, Score};
use crate::{language, print_by_lang, Context, Item};

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
    field: Field,
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

pub fn cross_validate(
    context: &Context,
    gazetteer: &Gazetteer,
    items: &[Item],
    folds: usize,
    verbose: bool,
) {
    let mut grid = Grid::new(context, gazetteer, items);
    let mut held_out = Score::default();
    let mut by_lang: HashMap<String, Score> = HashMap::new();
    let mut held_out_misses = Vec::new();
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
        if verbose {
            // The held-out misses, under the rules this fold was scored with.
            let mut g = gazetteer.clone();
            g.salience = SalienceRules {
                countries: grid.countries[chosen.0],
                actors: grid.actors[chosen.1],
            };
            for (_, item) in items.iter().enumerate().filter(|(i, _)| !train(*i)) {
                context.score(item, &context.convert(&g, item), &mut held_out_misses);
            }
        }
    }
    held_out.print(&format!(
        "{folds}-fold, held-out folds pooled (expected on unseen articles):"
    ));
    print_by_lang(&by_lang);
    if verbose {
        println!("held-out misses:");
        held_out_misses.sort_by_key(|m| m.contains("missed"));
        for m in held_out_misses.iter().rev() {
            println!("  {m}");
        }
    }
    repeated(&mut grid, folds, REPEATS);
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

/// The counts of one field of a score (countries or actors).
type Field = fn(&Score) -> Counts;

/// One figure of a field's counts (recall, precision, strict precision).
type Figure = fn(&Counts) -> f64;

/// Shuffled cuts of the key pooled by [`repeated`].
const REPEATS: u64 = 20;

/// The k-fold figure again over `repeats` shuffled cuts of the key: one
/// cut of 56 articles moves the figure by a few articles, the spread over
/// cuts says how much of a difference is noise.
fn repeated(grid: &mut Grid, folds: usize, repeats: u64) {
    let n = grid.items.len();
    let mut pooled = Vec::new();
    for seed in 1..=repeats {
        // Articles sorted by a hash of (seed, index), dealt round the folds.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| mix(seed << 32 | i as u64));
        let mut fold_of = vec![0; n];
        for (rank, &i) in order.iter().enumerate() {
            fold_of[i] = rank % folds;
        }
        let mut held_out = Score::default();
        for fold in 0..folds {
            let train = |i: usize| fold_of[i] != fold;
            let chosen = grid.choose(&train);
            for i in (0..n).filter(|&i| !train(i)) {
                held_out += grid.score(chosen, i);
            }
        }
        pooled.push(held_out);
    }
    println!(
        "\n{folds}-fold over {repeats} shuffled cuts of the key, held-out folds pooled: mean [lowest, highest]"
    );
    let fields: [(&str, Field); 2] = [("countries", |s| s.countries), ("actors", |s| s.actors)];
    for (name, field) in fields {
        let figures: [(&str, Figure); 3] = [
            ("recall", Counts::recall),
            ("precision", Counts::precision),
            ("strict precision", Counts::strict),
        ];
        let line: Vec<String> = figures
            .iter()
            .map(|(what, figure)| {
                let values: Vec<f64> = pooled.iter().map(|s| figure(&field(s))).collect();
                let mean = values.iter().sum::<f64>() / values.len() as f64;
                let low = values.iter().copied().fold(f64::INFINITY, f64::min);
                let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                format!("{what} {mean:.3} [{low:.3}, {high:.3}]")
            })
            .collect();
        println!("  {name:9} {}", line.join("  "));
    }
}

/// A 64-bit mix (splitmix64's finaliser): a fixed shuffle, the same on
/// every machine.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

fn describe(s: &Salience) -> String {
    format!(
        "threshold {} per {} subject {} lead {} section {}",
        s.threshold, s.per, s.subject, s.lead, s.section
    )
}
