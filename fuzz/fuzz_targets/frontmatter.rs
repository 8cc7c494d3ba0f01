//! The loader's text path: front matter split, TOML parsing into an
//! article, date and slug checks, and the diagnostics they produce; plus
//! `site.toml` parsing. Any input must give `Ok` or diagnostics, never a
//! panic, and every diagnostic must point inside the file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use sahel_brief::config::Config;
use sahel_brief::error::Error;
use sahel_brief::{frontmatter, load};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("content/articles/fuzz.md");
    let lines = text.lines().count().max(1) + 1;
    if let Ok(split) = frontmatter::split(text, path) {
        assert!(split.body_line >= 3);
        assert!(text.ends_with(split.body));
    }
    match load::parse_article_text(path, text) {
        Ok(article) => {
            assert!(!article.title.trim().is_empty());
            assert!(!article.slug.is_empty());
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for d in problems {
                if let Some((line, col)) = d.position {
                    assert!(line >= 1 && line <= lines, "{d} (file has {lines} lines)");
                    assert!(col >= 1, "{d}");
                }
                let _ = d.to_string();
            }
        }
    }
    match Config::parse(text, Path::new("site.toml")) {
        Ok(config) => {
            let base = config.base_path();
            assert!(base.starts_with('/') && base.ends_with('/'), "{base}");
        }
        Err(Error::Content(problems)) => assert!(!problems.is_empty()),
        Err(other) => panic!("site.toml parse gave a non-content error: {other}"),
    }
});
