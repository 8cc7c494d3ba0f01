//! Country and actor profiles (the gazetteer) and tag profiles. The file
//! stem is the id.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

use super::{stem_id, to_datetime, too_long};
use crate::error::Diagnostic;
use crate::frontmatter::{self, toml_diagnostic};
use crate::model::{
    is_slug, slugify, tag_slug, Actor, ActorKind, Country, Names, Region, TagProfile,
    MAX_SLUG_BYTES,
};
use crate::places::{parse_place, Place};
use crate::relations::{parse_relations, Relation, RelationFront};

/// The file stem, which must be an id as it is: `Niger.md` beside
/// `niger.md` would otherwise make two profiles of one country.
fn profile_id(path: &Path) -> Result<String, Diagnostic> {
    let id = stem_id(path)?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if !is_slug(stem) {
        return Err(Diagnostic::new(
            path,
            format!(
                "the file name \"{stem}\" is not an id: lower-case letters a-z, digits and '-'"
            ),
        )
        .help(format!("rename the file {}.md", slugify(stem))));
    }
    Ok(id)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryFront {
    name: String,
    names: Option<Names>,
    #[serde(default)]
    aliases: Vec<String>,
    iso: Spanned<String>,
    region: Region,
}

const COUNTRY_FIELDS: &[&str] = &["name", "names", "aliases", "iso", "region"];

pub(super) fn parse_country(path: &Path, text: &str) -> Result<Country, Vec<Diagnostic>> {
    let split = frontmatter::split(text, path).map_err(|d| vec![d])?;
    let front: CountryFront = toml::from_str(split.toml).map_err(|e| {
        vec![toml_diagnostic(
            &e,
            split.toml,
            split.toml_line,
            path,
            COUNTRY_FIELDS,
        )]
    })?;
    let iso = front.iso.get_ref();
    if iso.len() != 2 || !iso.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(vec![Diagnostic::new(
            path,
            format!("iso \"{iso}\" is not an ISO 3166-1 alpha-2 code"),
        )
        .at_offset(split.toml, front.iso.span().start + 1, split.toml_line)
        .help("use two upper-case letters, e.g. \"NE\" for Niger")]);
    }
    Ok(Country {
        id: profile_id(path).map_err(|d| vec![d])?,
        path: path.to_path_buf(),
        name: front.name,
        names: front.names,
        aliases: front.aliases,
        iso: iso.clone(),
        region: front.region,
        body: split.body.to_string(),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFront {
    name: String,
    names: Option<Names>,
    kind: ActorKind,
    #[serde(default)]
    affiliation: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    weak_aliases: Vec<String>,
    active_from: Option<Spanned<Datetime>>,
    active_until: Option<Spanned<Datetime>>,
    #[serde(default)]
    relations: Vec<RelationFront>,
}

const ACTOR_FIELDS: &[&str] = &[
    "name",
    "names",
    "kind",
    "affiliation",
    "aliases",
    "weak_aliases",
    "active_from",
    "active_until",
    "relations",
];

/// An actor profile and the relations it states.
pub(super) fn parse_actor(
    path: &Path,
    text: &str,
) -> Result<(Actor, Vec<Relation>), Vec<Diagnostic>> {
    let split = frontmatter::split(text, path).map_err(|d| vec![d])?;
    let front: ActorFront = toml::from_str(split.toml).map_err(|e| {
        vec![toml_diagnostic(
            &e,
            split.toml,
            split.toml_line,
            path,
            ACTOR_FIELDS,
        )]
    })?;
    let day = |v: &Option<Spanned<Datetime>>| -> Result<Option<NaiveDate>, Vec<Diagnostic>> {
        v.as_ref()
            .map(|v| {
                to_datetime(v, &split, path)
                    .map(|(d, _)| d)
                    .map_err(|d| vec![d])
            })
            .transpose()
    };
    let id = profile_id(path).map_err(|d| vec![d])?;
    let relations = parse_relations(front.relations, &id, &split, path)?;
    let actor = Actor {
        id,
        path: path.to_path_buf(),
        name: front.name,
        names: front.names,
        kind: front.kind,
        affiliation: front.affiliation,
        aliases: front.aliases,
        weak_aliases: front.weak_aliases,
        active_from: day(&front.active_from)?,
        active_until: day(&front.active_until)?,
        body: split.body.to_string(),
    };
    Ok((actor, relations))
}

/// A place profile (`content/places/<id>.md`); its ids are checked once
/// every profile is read.
pub(super) fn parse_place_profile(path: &Path, text: &str) -> Result<Place, Vec<Diagnostic>> {
    let id = profile_id(path).map_err(|d| vec![d])?;
    parse_place(path, id, text)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagFront {
    name: Option<String>,
    names: Option<Names>,
}

/// A tag profile's file stem, which must be the tag's slug as it is (the
/// folder of its page), so two files never describe one tag.
fn tag_profile_id(path: &Path) -> Result<String, Diagnostic> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let id = tag_slug(stem);
    if id.is_empty() || id != stem {
        let help = if id.is_empty() {
            "name the file after the tag, e.g. `air-defence.md`".to_string()
        } else {
            format!("rename the file {id}.md")
        };
        return Err(Diagnostic::new(
            path,
            format!("the file name \"{stem}\" is not a tag's slug: letters and digits in lower case joined by '-'"),
        )
        .help(help));
    }
    if id.len() > MAX_SLUG_BYTES {
        return Err(too_long(path, "the file name's slug", &id));
    }
    Ok(id)
}

pub(super) fn parse_tag(path: &Path, text: &str) -> Result<TagProfile, Vec<Diagnostic>> {
    let split = frontmatter::split(text, path).map_err(|d| vec![d])?;
    let front: TagFront = toml::from_str(split.toml).map_err(|e| {
        vec![toml_diagnostic(
            &e,
            split.toml,
            split.toml_line,
            path,
            &["name", "names"],
        )]
    })?;
    Ok(TagProfile {
        id: tag_profile_id(path).map_err(|d| vec![d])?,
        path: path.to_path_buf(),
        name: front.name,
        names: front.names,
        body: split.body.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_iso_is_checked() {
        let errs = parse_country(
            Path::new("content/countries/niger.md"),
            "+++\nname = \"Niger\"\niso = \"ner\"\nregion = \"sahel\"\n+++\n",
        )
        .err()
        .unwrap();
        assert_eq!(errs[0].position, Some((3, 8)));
    }

    #[test]
    fn actor_kind_must_be_known() {
        let errs = parse_actor(
            Path::new("content/actors/x.md"),
            "+++\nname = \"X\"\nkind = \"gang\"\n+++\n",
        )
        .err()
        .unwrap();
        assert!(
            errs[0].message.contains("unknown variant `gang`"),
            "{}",
            errs[0]
        );
    }
}
