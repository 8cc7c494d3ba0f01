//! What search costs a full build: the time to build every search shard
//! (once all bodies are rendered, as in a build) and the time to fold the
//! bodies' distinct words (done while rendering bodies, for search only),
//! next to the time of a whole build of the same site.
//!
//! ```text
//! cargo run --release --example bench_search_index -- SITE_DIR
//! ```

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use sahel_brief::build::{build, load, BuildOptions};
use sahel_brief::index::build_index;
use sahel_brief::markdown;
use sahel_brief::plan::{PageKind, Planned, SearchPart};
use sahel_brief::render::Renderer;
use sahel_brief::search::distinct_words;
use sahel_brief::theme::load_templates;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: bench_search_index SITE_DIR")?,
    );
    let out = std::env::temp_dir().join(format!("bench-search-index-{}", std::process::id()));
    let options = BuildOptions {
        root: root.clone(),
        output: Some(out.clone()),
        ..Default::default()
    };
    let summary = build(&options)?;
    let _ = std::fs::remove_dir_all(&out);

    let site = load(&options)?;
    let tera = load_templates(&root)?;
    let index = build_index(&site);
    let texts: Vec<String> = site
        .articles
        .par_iter()
        .map(|a| markdown::render(&a.body, false).text)
        .collect();
    let started = Instant::now();
    let words: usize = texts.par_iter().map(|t| distinct_words(t).len()).sum();
    let folding = started.elapsed();
    let renderer = Renderer::new(&site, &index, &tera);
    let started = Instant::now();
    let shard = Planned {
        url: "search/w/0.js".into(),
        kind: PageKind::Search(SearchPart::Words(0)),
    };
    renderer.render(&shard).map_err(|d| d.to_string())?;
    let shards = started.elapsed();
    let total = summary.elapsed;
    let share = (folding + shards).as_secs_f64() / total.as_secs_f64() * 100.0;
    println!(
        "{} articles: build {:.0} ms; search shards {:.0} ms + word folding {:.0} ms ({} bytes) = {share:.1} % of the build",
        site.articles.len(),
        total.as_secs_f64() * 1000.0,
        shards.as_secs_f64() * 1000.0,
        folding.as_secs_f64() * 1000.0,
        words
    );
    Ok(())
}
