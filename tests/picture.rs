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
