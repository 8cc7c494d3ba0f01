//! The briefing features: map, timeline, monthly briefings (search data:
//! tests/search.rs).

mod common;
use common::*;

use sahel_brief::build::build;

#[test]
fn map_shades_countries_by_articles_and_links_them() {
    let site = fixture(20);
    build(&options(site.path())).unwrap();
    let home = read(site.path(), "index.html");
    let svg = &home[position(&home, "<svg")..position(&home, "</svg>")];
    // Mali has 3 articles, Niger 2: each a link with its count.
    assert!(svg.contains("href=\"/countries/mali/\""));
    assert!(svg.contains("href=\"/countries/niger/\""));
    assert!(svg.contains("Mali: 3 articles"), "{svg}");
    assert!(svg.contains("Niger: 2 articles"));
    // The busiest country gets the darkest class.
    let mali = &svg[position(svg, "href=\"/countries/mali/\"")..];
    let mali = &mali[..mali.find("</a>").unwrap()];
    assert!(mali.contains("m4"), "{mali}");
    // Countries without articles are drawn, unshaded.
    assert!(svg.contains("class=\"land\"") || svg.contains("m0"));
    // The country page highlights its own country.
    let niger = read(site.path(), "countries/niger/index.html");
    assert!(niger.contains("hl"), "highlight class on the Niger page");
    assert!(niger.contains("aria-current=\"page\""));
}

#[test]
fn timeline_counts_articles_per_month_and_links_monthly_briefings() {
    let site = fixture(20);
    build(&options(site.path())).unwrap();
    let timeline = read(site.path(), "timeline/index.html");
    for month in [
        "archive/2024/09/",
        "archive/2023/09/",
        "archive/2023/07/",
        "archive/2022/01/",
    ] {
        assert!(timeline.contains(&format!("href=\"/{month}\"")), "{month}");
    }
    // One article a month in the fixture; months without articles have no page.
    assert!(!site.path().join("public/archive/2023/08").exists());
    let month = read(site.path(), "archive/2023/09/index.html");
    assert!(month.contains("September 2023"));
    assert!(month.contains("href=\"/articles/niger-and-mali/\""));
    assert!(!month.contains("href=\"/articles/coup-in-niger/\""));
    // Previous and next months link to each other.
    assert!(month.contains("href=\"/archive/2023/07/\""));
    assert!(month.contains("href=\"/archive/2024/09/\""));
    // Grouped by the article's first country, with the source named.
    assert!(month.contains("href=\"/countries/niger/\""));
    assert!(month.contains("AFP"));
}

#[test]
fn drafts_do_not_reach_the_timeline_or_map_counts() {
    let site = fixture(20);
    write(
        site.path(),
        "content/articles/draft.md",
        "+++\ntitle = \"Draft\"\ndate = 2021-05-05\ndraft = true\ncountries = [\"niger\"]\n+++\n",
    );
    build(&options(site.path())).unwrap();
    assert!(!read(site.path(), "timeline/index.html").contains("archive/2021/05/"));
    assert!(read(site.path(), "index.html").contains("Niger: 2 articles"));
}
