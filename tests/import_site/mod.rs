//! The small site the import tests work on, and a pasted source.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

pub fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A small site with a handful of profiles.
pub fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("site.toml"),
        "title = \"Test brief\"\nbase_url = \"https://example.org/\"\nlanguage = \"fr\"\n",
    );
    let country = |id: &str, name: &str, fr: &str, aliases: &str, iso: &str, region: &str| {
        write(
            &root.join(format!("content/countries/{id}.md")),
            &format!(
                "+++\nname = \"{name}\"\nnames = {{ fr = \"{fr}\", en = \"{name}\" }}\naliases = [{aliases}]\niso = \"{iso}\"\nregion = \"{region}\"\n+++\n{name}.\n"
            ),
        );
    };
    country(
        "niger",
        "Niger",
        "Niger",
        "\"nigérien\", \"Nigerien\", \"Niamey\"",
        "NE",
        "sahel",
    );
    country(
        "mali",
        "Mali",
        "Mali",
        "\"malien\", \"Malian\", \"Bamako\"",
        "ML",
        "sahel",
    );
    country(
        "russia",
        "Russia",
        "Russie",
        "\"russe\", \"Russian\", \"Moscou\"",
        "RU",
        "external",
    );
    country(
        "france",
        "France",
        "France",
        "\"français\", \"French\", \"Paris\"",
        "FR",
        "external",
    );
    let actor = |id: &str, text: &str| {
        write(
            &root.join(format!("content/actors/{id}.md")),
            &format!("+++\n{text}\n+++\nProfile.\n"),
        );
    };
    actor(
        "wagner",
        "name = \"Wagner Group\"\nkind = \"foreign-force\"\naffiliation = [\"russia\"]\naliases = [\"Wagner\", \"groupe Wagner\"]",
    );
    actor(
        "africa-corps",
        "name = \"Africa Corps\"\nkind = \"foreign-force\"\naffiliation = [\"russia\"]\naliases = [\"Africa Corps\"]",
    );
    actor(
        "cnsp-niger",
        "name = \"CNSP\"\nkind = \"junta\"\naffiliation = [\"niger\"]\naliases = [\"CNSP\"]\nactive_from = 2023-07-26",
    );
    actor(
        "tiani",
        "name = \"Abdourahamane Tiani\"\nkind = \"person\"\naffiliation = [\"niger\"]\naliases = [\"Abdourahamane Tiani\", \"Abdourahamane Tchiani\", \"Tiani\", \"Tchiani\"]",
    );
    fs::create_dir_all(root.join("content/articles")).unwrap();
    dir
}

pub const SOURCE: &str = "Des instructeurs militaires russes arrivent au Niger\n\n\
Le Niger a reçu cette semaine des instructeurs russes, a annoncé la télévision d&apos;État.\n\
Le gouvernement du Niger a accepté de renforcer la coopération avec la Russie.\n\
La Russie va installer un système de défense aérienne à Niamey.\n\
Lire aussi : les autres nouvelles du jour\n\
🚨#Niger : des instructeurs russes déployés. #Russie #AfricaCorps pic.twitter.com/abcDEF123\n\
— LSI AFRICA (@lsiafrica) April 11, 2024\n\
Le général Abdourahamane Tchiani s'est entretenu avec Moscou. Le Niger salue la Russie.\n\
La France avait retiré ses troupes.\n";

/// The file names in the site's `content/articles/`, sorted.
pub fn articles(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root.join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
