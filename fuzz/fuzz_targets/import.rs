//! The importer's pure conversion (plain text, HTML and Markdown sources)
//! against the repository's own profiles. Whatever the source, the result
//! is an error message or an article file that the loader reads back, with
//! every id known when the importer chose the ids (text and HTML sources).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sahel_brief::import::{self, gazetteer::Gazetteer, Format, Hints};
use sahel_brief::load;
use sahel_brief::model::Profiles;

fn profiles() -> &'static (Profiles, Gazetteer) {
    static PROFILES: OnceLock<(Profiles, Gazetteer)> = OnceLock::new();
    PROFILES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let profiles = load::load_profiles(&root).expect("the repository's profiles load");
        let gazetteer = Gazetteer::new(&profiles);
        (profiles, gazetteer)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = match selector % 3 {
        0 => Format::Text,
        1 => Format::Html,
        _ => Format::Markdown,
    };
    let (profiles, gazetteer) = profiles();
    let hints = Hints::new(chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
    let Ok(converted) = import::convert_source(text, format, gazetteer, profiles, &hints) else {
        return;
    };
    let file = converted.to_file();
    let slug = converted.slug();
    let path = format!("content/articles/{slug}.md");
    match load::parse_article_text(Path::new(&path), &file) {
        // A Markdown source keeps the ids of its own front matter as they
        // are (even unknown ones, e.g. " mali"): `build` then reports them.
        Ok(_) if format == Format::Markdown => {}
        Ok(article) => {
            for id in article.countries.iter().chain(&article.mentions.countries) {
                assert!(profiles.country(id).is_some(), "unknown country {id}");
            }
            for id in article.actors.iter().chain(&article.mentions.actors) {
                assert!(profiles.actor(id).is_some(), "unknown actor {id}");
            }
        }
        Err(problems) => panic!(
            "imported article does not load back: {}\n---\n{file}",
            problems[0]
        ),
    }
});
