//! The fixture site shared by the integration tests.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use sahel_brief::build::BuildOptions;

/// A small site: two countries, three actors, four articles.
pub fn fixture(paginate_by: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        format!("title = \"Test Brief\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\npaginate_by = {paginate_by}\n"),
    );
    write(root, "content/countries/niger.md", "+++\nname = \"Niger\"\nnames = { fr = \"Niger\", en = \"Niger\" }\naliases = [\"Niamey\"]\niso = \"NE\"\nregion = \"sahel\"\n+++\nNiger profile text.\n");
    write(
        root,
        "content/countries/mali.md",
        "+++\nname = \"Mali\"\niso = \"ML\"\nregion = \"sahel\"\n+++\nMali profile.\n",
    );
    write(root, "content/actors/wagner.md", "+++\nname = \"Wagner Group\"\nkind = \"foreign-force\"\naffiliation = []\n+++\nWagner profile.\n");
    write(
        root,
        "content/actors/jnim.md",
        "+++\nname = \"JNIM\"\nkind = \"armed-group\"\n+++\n",
    );
    write(
        root,
        "content/actors/tiani.md",
        "+++\nname = \"Abdourahamane Tiani\"\nkind = \"person\"\naffiliation = [\"niger\"]\n+++\n",
    );
    article(
        root,
        "coup-in-niger",
        "Coup in Niger",
        "2023-07-28",
        &["niger"],
        &["tiani"],
        &["coup"],
    );
    article(
        root,
        "wagner-in-mali",
        "Wagner in Mali",
        "2022-01-10",
        &["mali"],
        &["wagner"],
        &["foreign-forces"],
    );
    article(
        root,
        "jnim-attack",
        "JNIM attack",
        "2024-09-17",
        &["mali"],
        &["jnim", "wagner"],
        &["attack"],
    );
    article(
        root,
        "niger-and-mali",
        "Niger and Mali sign a pact",
        "2023-09-16",
        &["niger", "mali"],
        &["tiani"],
        &["coup", "diplomacy"],
    );
    write(
        root,
        "content/pages/about.md",
        "+++\ntitle = \"About\"\n+++\nWho we are.\n",
    );
    dir
}

pub fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

pub fn article(
    root: &Path,
    slug: &str,
    title: &str,
    date: &str,
    countries: &[&str],
    actors: &[&str],
    tags: &[&str],
) {
    let list = |xs: &[&str]| {
        xs.iter()
            .map(|x| format!("\"{x}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    write(
        root,
        &format!("content/articles/{slug}.md"),
        format!(
            "+++\ntitle = \"{title}\"\ndate = {date}\nlang = \"en\"\ncountries = [{}]\nactors = [{}]\ntags = [{}]\n[source]\nname = \"AFP\"\n+++\nFirst paragraph of {title}.\n\nSecond paragraph.\n",
            list(countries),
            list(actors),
            list(tags)
        ),
    );
}

pub fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    }
}

pub fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn position(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"))
}

/// The built-in `macros.html` with the `card` macro's body replaced by
/// `body` (the macro takes `a`, `root`, `heading`, `lead` and `compact`).
pub fn macros_with_card(body: &str) -> String {
    macros_with(
        "card",
        "a, root, heading=\"h3\", lead=false, compact=false",
        body,
    )
}

/// The built-in `macros.html` with the body of macro `name` replaced by
/// `body`; `params` is the macro's parameter list.
pub fn macros_with(name: &str, params: &str, body: &str) -> String {
    let builtin = sahel_brief::theme::TEMPLATES
        .get_file("macros.html")
        .unwrap()
        .contents_utf8()
        .unwrap();
    let start = builtin.find(&format!("{{% macro {name}(")).unwrap();
    let end = builtin.find(&format!("{{% endmacro {name} %}}")).unwrap();
    format!(
        "{}{{% macro {name}({params}) %}}{body}{}",
        &builtin[..start],
        &builtin[end..]
    )
}

/// Runs the built binary with `args` on the site in `root`.
pub fn sahel_brief(root: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sahel-brief"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

/// Builds the site in `root`, failing the test with the binary's message.
pub fn build_site(root: &Path) {
    let out = sahel_brief(root, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The `.public.*` names a build leaves beside its output (none, once it
/// is done, but the cache and the records of the articles the next build
/// reads).
pub fn leftovers(root: &Path) -> Vec<String> {
    fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public") && n != ".public.cache" && n != ".public.records")
        .collect()
}
