//! The security picture: place profiles, `[[events]]`, `places` on
//! articles and monthly assessments, checked by the real binary on a small
//! site; the pages and data files they make.

use std::path::Path;
use std::process::Command;

mod common;
use common::{fixture, write};

/// `sahel-brief COMMAND --root ROOT`: exit code and messages with the
/// site's path removed, so they read `content/...`.
fn run(root: &Path, command: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sahel-brief"))
        .arg(command)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    let text = text.replace(&format!("{}/", root.display()), "");
    (out.status.code().expect("exited"), text)
}

/// `check` and `build` both fail with every one of `expected`.
fn both_refuse(root: &Path, expected: &[&str]) {
    for command in ["check", "build"] {
        let (code, stderr) = run(root, command);
        assert_eq!(code, 1, "{command}: {stderr}");
        for text in expected {
            assert!(
                stderr.contains(text),
                "{command}: expected {text:?} in:\n{stderr}"
            );
        }
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// The fixture with two regions, a town in each and one article carrying
/// places and an event.
pub fn picture_site() -> tempfile::TempDir {
    let dir = fixture(10);
    let root = dir.path();
    let place = |id: &str, front: &str| {
        write(
            root,
            &format!("content/places/{id}.md"),
            format!("+++\n{front}+++\nAbout {id}.\n"),
        );
    };
    place("tillaberi", "name = \"Tillabéri\"\nnames = { fr = \"Tillabéri\", en = \"Tillaberi\" }\ncountry = \"niger\"\nkind = \"region\"\nlat = 14.18\nlon = 2.18\n");
    place(
        "gao",
        "name = \"Gao\"\ncountry = \"mali\"\nkind = \"region\"\nlat = 16.77\nlon = 1.36\n",
    );
    place("ayorou", "name = \"Ayorou\"\ncountry = \"niger\"\nkind = \"town\"\nadmin1 = \"tillaberi\"\nlat = 14.7318\nlon = 0.9195\nsource = \"Natural Earth\"\n");
    place("ansongo", "name = \"Ansongo\"\ncountry = \"mali\"\nkind = \"town\"\nadmin1 = \"gao\"\nlat = 15.66\nlon = 0.5\n");
    dir
}

/// An article dated `date` whose front matter ends with `extra`.
fn article_with(root: &Path, name: &str, date: &str, extra: &str) {
    write(
        root,
        &format!("content/articles/{name}.md"),
        format!(
            "+++\ntitle = \"{name}\"\ndate = {date}\ncountries = [\"niger\"]\n{extra}+++\nText.\n"
        ),
    );
}

const EVENT: &str =
    "[[events]]\ndate = 2025-03-21\ntype = \"violence-against-civilians\"\nplace = \"ayorou\"\n";

#[test]
fn a_site_with_places_and_events_passes() {
    let site = picture_site();
    let root = site.path();
    article_with(
        root,
        "fambita",
        "2025-03-24",
        &format!("places = [\"ayorou\", \"tillaberi\"]\n{EVENT}subtype = \"attack\"\nactors = [{{ id = \"jnim\", role = \"perpetrator\" }}]\nfatalities_min = 44\nfatalities_source = \"interior ministry\"\n"),
    );
    let (code, stderr) = run(root, "check");
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn place_profiles_errors() {
    let site = picture_site();
    let root = site.path();
    let place = |id: &str, front: &str| {
        write(
            root,
            &format!("content/places/{id}.md"),
            format!("+++\n{front}+++\n"),
        );
    };
    place(
        "a",
        "name = \"A\"\ncountry = \"nigr\"\nkind = \"town\"\nlat = 14\nlon = 1\n",
    );
    place(
        "b",
        "name = \"B\"\ncountry = \"niger\"\nkind = \"city\"\nlat = 14\nlon = 1\n",
    );
    place("c", "name = \"C\"\ncountry = \"niger\"\nkind = \"town\"\nadmin1 = \"ayorou\"\nlat = 14\nlon = 1\n");
    place("d", "name = \"D\"\ncountry = \"niger\"\nkind = \"town\"\nadmin1 = \"tilaberi\"\nlat = 14\nlon = 1\n");
    place(
        "e",
        "name = \"E\"\ncountry = \"niger\"\nkind = \"town\"\nlat = 2.1\nlon = 13.5\n",
    );
    place("f", "name = \"F\"\ncountry = \"niger\"\nkind = \"town\"\nadmin1 = \"tillaberi\"\nlat = 18.0\nlon = 8.0\n");
    place("g", "name = \"G\"\ncountry = \"mali\"\nkind = \"town\"\nadmin1 = \"tillaberi\"\nlat = 14\nlon = 1\n");
    place(
        "h",
        "name = \"H\"\ncountry = \"niger\"\nkind = \"town\"\nlatitude = 14\n",
    );
    both_refuse(
        root,
        &[
            "content/places/a.md:3:12: unknown country \"nigr\" (did you mean \"niger\"?)",
            "content/places/b.md:4:8: unknown variant `city`",
            "content/places/c.md:5:11: admin1 \"ayorou\" is a town, not a region",
            "content/places/d.md:5:11: unknown place \"tilaberi\" (did you mean \"tillaberi\"?)",
            "content/places/e.md:5:7: lat 2.1, lon 13.5 lies outside the region the map shows",
            "content/places/f.md:5:11: lat 18, lon 8 lies outside the region \"tillaberi\"",
            "content/places/g.md:5:11: admin1 \"tillaberi\" is in niger, not in mali",
            "content/places/h.md:5:1: unknown field `latitude`",
        ],
    );
}

#[test]
fn event_errors() {
    let site = picture_site();
    let root = site.path();
    let with = |name: &str, extra: &str| article_with(root, name, "2025-03-24", extra);
    with(
        "a",
        &EVENT.replace("violence-against-civilians", "massacre"),
    );
    with("b", &EVENT.replace("ayorou", "ayoru"));
    with(
        "c",
        &format!("{EVENT}actors = [{{ id = \"jnm\", role = \"perpetrator\" }}]\n"),
    );
    with(
        "d",
        &format!("{EVENT}actors = [{{ id = \"jnim\", role = \"killer\" }}]\n"),
    );
    with(
        "e",
        &format!("{EVENT}fatalities_min = 50\nfatalities_max = 10\nfatalities_source = \"x\"\n"),
    );
    with("f", &format!("{EVENT}fatalities_min = 5\n"));
    with("g", &EVENT.replace("2025-03-21", "2025-04-02"));
    with("h", &format!("{EVENT}subtype = \"armed-clash\"\n"));
    with(
        "i",
        &format!("{EVENT}fatalities_min = -3\nfatalities_source = \"x\"\n"),
    );
    with("j", &format!("{EVENT}claimed_by = \"isgs\"\n"));
    with("k", &format!("{EVENT}killed = 3\n"));
    with("l", "places = [\"tilaberi\"]\n");
    both_refuse(
        root,
        &[
            "content/articles/a.md:7:8: unknown variant `massacre`",
            "content/articles/b.md:8:10: unknown place \"ayoru\" (did you mean \"ayorou\"?)",
            "content/articles/c.md:9:19: unknown actor \"jnm\" (did you mean \"jnim\"?)",
            "content/articles/d.md:9:",
            "unknown variant `killer`",
            "content/articles/e.md:10:18: fatalities_max 10 is below fatalities_min 50",
            "content/articles/f.md:9:18: a death toll without fatalities_source",
            "content/articles/g.md:6:8: the event (2025-04-02) is after the article that reports it (2025-03-24)",
            "content/articles/h.md:9:12: unknown subtype \"armed-clash\" for violence-against-civilians",
            "content/articles/i.md:9:18: invalid value: integer `-3`, expected u32 (write a whole number, 0 or more, without quotes)",
            "content/articles/j.md:9:15: unknown actor \"isgs\"",
            "content/articles/k.md:9:1: unknown field `killed` (remove it; known fields are: date, type, subtype, place, actors, fatalities_min",
            "content/articles/l.md:5:12: unknown place \"tilaberi\" (did you mean \"tillaberi\"?)",
        ],
    );
}

#[test]
fn assessment_errors() {
    let site = picture_site();
    let root = site.path();
    let assessment = |rel: &str, front: &str| {
        write(
            root,
            &format!("content/assessments/{rel}"),
            format!("+++\n{front}+++\nBody.\n"),
        );
    };
    assessment(
        "2025-03/nigr.md",
        "trend = \"improved\"\nheadline = \"x\"\n",
    );
    assessment(
        "2025-13/niger.md",
        "trend = \"improved\"\nheadline = \"x\"\n",
    );
    assessment("2025-03/niger.md", "trend = \"better\"\nheadline = \"x\"\n");
    assessment("2025-04/niger.md", "trend = \"improved\"\n");
    assessment(
        "2025-05/niger.md",
        "trend = \"improved\"\nheadline = \"x\"\nalert = { kind = \"warning\", text = \"x\" }\n",
    );
    assessment(
        "2025-06/niger.md",
        "trend = \"improved\"\nheadline = { fr = \"x\" }\n",
    );
    assessment(
        "2025-07/niger.md",
        "trend = \"improved\"\nheadlin = \"x\"\n",
    );
    both_refuse(
        root,
        &[
            "content/assessments/2025-03/nigr.md: unknown country \"nigr\" (did you mean \"niger\"? rename the file)",
            "content/assessments/2025-13/niger.md: the folder \"2025-13\" is not a month",
            "content/assessments/2025-03/niger.md:2:9: unknown variant `better`",
            "content/assessments/2025-04/niger.md:",
            "missing field `headline`",
            "content/assessments/2025-05/niger.md:4:",
            "unknown variant `warning`",
            "content/assessments/2025-06/niger.md:3:12: neither a line of text nor { fr, en }",
            "content/assessments/2025-07/niger.md:3:1: unknown field `headlin` (did you mean \"headline\"?)",
        ],
    );
}

/// The picture site with dated articles, events and three months of
/// assessments, built.
fn built_picture() -> tempfile::TempDir {
    let site = picture_site();
    let root = site.path();
    let event = |date: &str, place: &str, min: u32, max: u32| {
        format!("[[events]]\ndate = {date}\ntype = \"battles\"\nplace = \"{place}\"\nactors = [{{ id = \"jnim\", role = \"perpetrator\" }}]\nfatalities_min = {min}\nfatalities_max = {max}\nfatalities_source = \"army\"\n")
    };
    write(root, "content/articles/ayorou-attack.md", format!("+++\ntitle = \"Attack near Ayorou\"\ndate = 2025-03-20\ncountries = [\"niger\"]\nactors = [\"jnim\"]\nplaces = [\"ayorou\"]\n{}{}+++\nText.\n", event("2025-03-18", "ayorou", 12, 20), event("2025-03-02", "tillaberi", 5, 5)));
    write(root, "content/articles/gao-clash.md", format!("+++\ntitle = \"Clash in Gao\"\ndate = 2025-03-25\ncountries = [\"mali\"]\nactors = [\"jnim\"]\nplaces = [\"ansongo\"]\n{}+++\nText.\n", event("2025-03-24", "ansongo", 30, 40)));
    write(root, "content/articles/tillaberi-january.md", format!("+++\ntitle = \"January in Tillabéri\"\ndate = 2025-01-12\ncountries = [\"niger\"]\n{}+++\nText.\n", event("2025-01-10", "tillaberi", 7, 9)));
    let assess = |month: &str, country: &str, trend: &str, extra: &str| {
        write(root, &format!("content/assessments/{month}/{country}.md"), format!("+++\ntrend = \"{trend}\"\nheadline = \"{country} headline {month}\"\n{extra}+++\nBody of {country} {month}.\n"));
    };
    assess("2025-01", "niger", "unchanged", "");
    assess("2025-02", "niger", "improved", "");
    assess("2025-03", "niger", "deteriorated", "");
    assess(
        "2025-03",
        "mali",
        "improved",
        "alert = { kind = \"opportunity\", text = \"Talks may resume\" }\n",
    );
    common::build_site(root);
    site
}

fn page(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn the_monthly_briefing_opens_each_country_with_its_assessment() {
    let site = built_picture();
    let html = page(site.path(), "archive/2025/03/index.html");
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} not in\n{html}"));
    // Countries by name: Mali, then Niger; each entry before its articles.
    assert!(at("id=\"assessment-mali\"") < at("Clash in Gao"));
    assert!(at("Clash in Gao") < at("id=\"assessment-niger\""));
    assert!(at("id=\"assessment-niger\"") < at("Attack near Ayorou"));
    assert!(html.contains("mali headline 2025-03"));
    assert!(html.contains("Body of niger 2025-03."));
    assert!(html.contains("Talks may resume"));
    assert!(html.contains("<span aria-hidden=\"true\">↓</span> Deteriorated"));
}

#[test]
fn an_assessment_links_articles_and_places_by_their_source_files() {
    let site = picture_site();
    let root = site.path();
    write(root, "content/articles/ayorou-attack.md", "+++\ntitle = \"Attack near Ayorou\"\ndate = 2025-03-20\ncountries = [\"niger\"]\n+++\nText.\n");
    write(root, "content/assessments/2025-03/niger.md", "+++\ntrend = \"deteriorated\"\nheadline = \"Worse\"\n+++\nSee [the attack](../../articles/ayorou-attack.md) near [Ayorou](../../places/ayorou.md).\n");
    common::build_site(root);
    let month = page(root, "archive/2025/03/index.html");
    assert!(
        month.contains("<a href=\"/articles/ayorou-attack/\">the attack</a>"),
        "{month}"
    );
    assert!(
        month.contains("<a href=\"/places/ayorou/\">Ayorou</a>"),
        "{month}"
    );
    let feed = page(root, "assessments/atom.xml");
    assert!(!feed.contains(".md"), "{feed}");
    let (code, err) = run(root, "check");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_country_page_shows_its_trend_by_month_linking_to_the_entries() {
    let site = built_picture();
    let html = page(site.path(), "countries/niger/index.html");
    let history = &html[html.find("class=\"trend-history\"").unwrap()..];
    let history = &history[..history.find("</ol>").unwrap()];
    let links: Vec<&str> = history
        .split("<a href=\"/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "archive/2025/01/#assessment-niger",
            "archive/2025/02/#assessment-niger",
            "archive/2025/03/#assessment-niger"
        ]
    );
    let arrows: Vec<&str> = history
        .split("<span aria-hidden=\"true\">")
        .skip(1)
        .map(|s| s.split('<').next().unwrap())
        .collect();
    assert_eq!(arrows, ["→", "↑", "↓"]);
    // Every link lands on an entry with that id.
    let march = page(site.path(), "archive/2025/03/index.html");
    assert!(march.contains("id=\"assessment-niger\""));
}

/// The rows of an event table: (month, events, deaths).
fn event_rows(html: &str) -> Vec<(String, usize, u64)> {
    let table = &html[html
        .find("<table class=\"event-table\">")
        .expect("event table")..];
    let table = &table[..table.find("</table>").unwrap()];
    table
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|row| {
            let month = row
                .split("\">")
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string();
            let cells: Vec<&str> = row
                .split("<td>")
                .skip(1)
                .map(|c| c.split('<').next().unwrap())
                .collect();
            (month, cells[0].parse().unwrap(), cells[1].parse().unwrap())
        })
        .collect()
}

#[test]
fn charts_count_the_events_and_their_lower_tolls() {
    let site = built_picture();
    let root = site.path();
    // Niger: two events in March (12 + 5 deaths), one in January (7).
    assert_eq!(
        event_rows(&page(root, "countries/niger/index.html")),
        [
            ("March 2025".to_string(), 2, 17),
            ("January 2025".to_string(), 1, 7)
        ]
    );
    assert_eq!(
        event_rows(&page(root, "countries/mali/index.html")),
        [("March 2025".to_string(), 1, 30)]
    );
    // The actor took part in all four.
    assert_eq!(
        event_rows(&page(root, "actors/jnim/index.html")),
        [
            ("March 2025".to_string(), 3, 47),
            ("January 2025".to_string(), 1, 7)
        ]
    );
    // A region holds its towns' events; a town only its own.
    assert_eq!(
        event_rows(&page(root, "places/tillaberi/index.html")),
        [
            ("March 2025".to_string(), 2, 17),
            ("January 2025".to_string(), 1, 7)
        ]
    );
    assert_eq!(
        event_rows(&page(root, "places/ayorou/index.html")),
        [("March 2025".to_string(), 1, 12)]
    );
    // The chart draws as many columns as the table has non-zero cells.
    let niger = page(root, "countries/niger/index.html");
    let chart = &niger[niger.find("<figure class=\"chart event-chart\">").unwrap()..];
    let chart = &chart[..chart.find("</figure>").unwrap()];
    // January to March: three months wide, February empty.
    assert_eq!(chart.matches("viewBox=\"0 0 30 100\"").count(), 2);
    assert_eq!(chart.matches("<rect class=\"col\"").count(), 2);
    assert_eq!(chart.matches("<rect class=\"col deaths\"").count(), 2);
    assert!(niger.contains("12\u{2013}20 deaths"));
}

#[test]
fn place_pages_list_their_articles_with_a_feed_and_a_map_dot() {
    let site = built_picture();
    let root = site.path();
    let ayorou = page(root, "places/ayorou/index.html");
    assert!(ayorou.contains("Attack near Ayorou"));
    assert!(ayorou.contains("href=\"/places/tillaberi/\""));
    assert!(root.join("public/places/ayorou/atom.xml").is_file());
    let index = page(root, "places/index.html");
    assert!(index.contains("href=\"/places/ayorou/\""));
    // The article links its places.
    let article = page(root, "articles/ayorou-attack/index.html");
    assert!(article.contains("href=\"/places/ayorou/\""));
    // Dots link to place pages; the home page draws them, a country page
    // its regions too.
    let home = page(root, "index.html");
    assert!(home.contains("<g class=\"map-dots\">"));
    assert!(home.contains(
        "<a href=\"/places/ansongo/\"><title>Ansongo: 1 event, 30 deaths</title><circle"
    ));
    let niger = page(root, "countries/niger/index.html");
    assert!(niger.contains("<g class=\"map-regions\">"));
    assert!(niger.contains("<a href=\"/places/tillaberi/\"><title>"));
}

#[test]
fn the_home_page_puts_this_months_deteriorations_and_alerts_first() {
    let site = built_picture();
    let home = page(site.path(), "index.html");
    let watch = home.find("class=\"watch\"").expect("watch section");
    assert!(watch < home.find("id=\"latest\"").unwrap());
    let section = &home[watch..home.find("id=\"latest\"").unwrap()];
    // Niger deteriorated, then Mali's alert.
    assert!(
        section.find("niger headline 2025-03").unwrap()
            < section.find("mali headline 2025-03").unwrap()
    );
    assert!(section.contains("Talks may resume"));
    assert!(!section.contains("Body of"));
}

#[test]
fn the_overview_and_the_assessments_feed() {
    let site = built_picture();
    let root = site.path();
    let html = page(root, "overview/index.html");
    let niger = &html[html.find(">Niger</a></th>").unwrap()..];
    let niger = &niger[..niger.find("</tr>").unwrap()];
    let labels: Vec<&str> = niger
        .split("<td class=\"trend-")
        .skip(1)
        .map(|c| c.split('"').next().unwrap())
        .collect();
    assert_eq!(labels, ["unchanged", "improved", "deteriorated"]);
    assert!(niger.contains("Improved</a>"));
    let mali = &html[html.find(">Mali</a></th>").unwrap()..];
    assert!(
        mali[..mali.find("</tr>").unwrap()]
            .matches("not assessed")
            .count()
            == 2
    );
    let feed = page(root, "assessments/atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let titles: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            e.children()
                .find(|c| c.has_tag_name("title"))
                .unwrap()
                .text()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(titles.len(), 4);
    assert!(titles[0].contains("March 2025"), "{titles:?}");
}

#[test]
fn the_event_view_lists_every_event_by_month() {
    let site = built_picture();
    let html = page(site.path(), "timeline/events/index.html");
    let march = html.find("id=\"ev-2025-03\"").unwrap();
    let january = html.find("id=\"ev-2025-01\"").unwrap();
    assert!(march < january);
    assert_eq!(
        html[march..january].matches("<li class=\"event ").count(),
        3
    );
    assert!(html[march..].find("Ansongo").unwrap() < html[march..].find("Ayorou").unwrap());
}

#[test]
fn data_exports_parse_back_to_the_events() {
    let site = built_picture();
    let root = site.path();
    let mut reader = csv::Reader::from_path(root.join("public/data/events.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let get = |row: &csv::StringRecord, name: &str| {
        row[headers.iter().position(|h| h == name).unwrap()].to_string()
    };
    assert_eq!(get(&rows[0], "event_date"), "2025-01-10");
    assert_eq!(get(&rows[0], "place_name"), "Tillaberi");
    assert_eq!(get(&rows[0], "iso"), "NE");
    let last = &rows[3];
    assert_eq!(
        (
            get(last, "place"),
            get(last, "fatalities_min"),
            get(last, "fatalities_max")
        ),
        ("ansongo".into(), "30".into(), "40".into())
    );
    assert_eq!(get(last, "perpetrators"), "JNIM");
    assert_eq!(get(last, "url"), "https://example.org/articles/gao-clash/");
    let json: serde_json::Value = serde_json::from_str(&page(root, "data/events.json")).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), 4);
    for (row, value) in rows.iter().zip(list) {
        assert_eq!(value["event_date"], get(row, "event_date"));
        assert_eq!(value["place"], get(row, "place"));
        assert_eq!(
            value["fatalities_min"].to_string(),
            get(row, "fatalities_min")
        );
    }
    let articles: serde_json::Value =
        serde_json::from_str(&page(root, "data/articles.json")).unwrap();
    let ayorou = articles
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "ayorou-attack")
        .unwrap();
    assert_eq!(ayorou["places"], serde_json::json!(["ayorou"]));
    assert_eq!(ayorou["events"].as_array().unwrap().len(), 2);
    assert_eq!(ayorou["events"][0]["actors"][0]["role"], "perpetrator");
}

/// A place with more articles than a page holds gets a second page, with
/// the place named in its header as on the first.
#[test]
fn a_place_with_many_articles_has_a_second_page() {
    let site = picture_site();
    let root = site.path();
    for k in 1..=12 {
        article_with(
            root,
            &format!("ayorou-{k:02}"),
            &format!("2025-03-{k:02}"),
            "places = [\"ayorou\"]\n",
        );
    }
    common::build_site(root);
    let second = page(root, "places/ayorou/page/2/index.html");
    assert!(
        second.contains("<h1>Ayorou <span class=\"badge\">"),
        "{second}"
    );
    assert!(second.contains("ayorou-01") || second.contains("ayorou-02"));
}
