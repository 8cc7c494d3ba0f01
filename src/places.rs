//! Places below the country: regions, towns, sites and areas
//! (`content/places/<id>.md`). Like country and actor profiles, their
//! front matter is part of the gazetteer; `lat`/`lon` put them on the map.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{did_you_mean, Diagnostic};
use crate::frontmatter::{self, toml_diagnostic};
use crate::geo;
use crate::model::{Names, Profiles};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Region,
    Town,
    Site,
    Area,
}

impl PlaceKind {
    pub fn id(self) -> &'static str {
        match self {
            PlaceKind::Region => "region",
            PlaceKind::Town => "town",
            PlaceKind::Site => "site",
            PlaceKind::Area => "area",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Place {
    pub id: String,
    pub path: PathBuf,
    pub name: String,
    pub names: Option<Names>,
    pub aliases: Vec<String>,
    /// The country id it lies in.
    pub country: String,
    pub kind: PlaceKind,
    /// The id of the region profile it lies in, if one exists.
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// Where the coordinates come from.
    pub source: Option<String>,
    pub body: String,
    /// Where `country` and `admin1` stand, for errors found once every
    /// profile is read.
    country_at: (usize, usize),
    admin1_at: (usize, usize),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceFront {
    name: String,
    names: Option<Names>,
    #[serde(default)]
    aliases: Vec<String>,
    country: Spanned<String>,
    kind: PlaceKind,
    admin1: Option<Spanned<String>>,
    lat: Spanned<f64>,
    lon: Spanned<f64>,
    source: Option<String>,
}

const PLACE_FIELDS: &[&str] = &[
    "name", "names", "aliases", "country", "kind", "admin1", "lat", "lon", "source",
];

/// Parses one place profile; ids are checked by [`check_places`].
pub fn parse_place(path: &Path, id: String, text: &str) -> Result<Place, Vec<Diagnostic>> {
    let split = frontmatter::split(text, path).map_err(|d| vec![d])?;
    let front: PlaceFront = toml::from_str(split.toml).map_err(|e| {
        vec![toml_diagnostic(
            &e,
            split.toml,
            split.toml_line,
            path,
            PLACE_FIELDS,
        )]
    })?;
    let at = |offset: usize| {
        let (line, col) = crate::error::line_col(split.toml, offset);
        (line + split.toml_line - 1, col)
    };
    let (lat, lon) = (*front.lat.get_ref(), *front.lon.get_ref());
    if !geo::in_frame(lat, lon) {
        let (w, e, s, n) = geo::FRAME;
        let (line, col) = at(front.lat.span().start);
        return Err(vec![Diagnostic::new(
            path,
            format!("lat {lat}, lon {lon} lies outside the region the map shows"),
        )
        .at(line, col)
        .help(format!(
            "latitude goes north (between {s} and {n}), longitude east (between {w} and {e}); check that they are not swapped"
        ))]);
    }
    Ok(Place {
        id,
        path: path.to_path_buf(),
        name: front.name,
        names: front.names,
        aliases: front.aliases,
        country_at: at(front.country.span().start + 1),
        country: front.country.into_inner(),
        kind: front.kind,
        admin1_at: front
            .admin1
            .as_ref()
            .map_or((0, 0), |a| at(a.span().start + 1)),
        admin1: front.admin1.map(Spanned::into_inner),
        lat,
        lon,
        source: front.source.filter(|s| !s.trim().is_empty()),
        body: split.body.to_string(),
    })
}

/// Checks what needs every profile: the country exists, `admin1` is a
/// region of the same country, and the place lies in (or at the edge of)
/// its region's outline where the map has one.
pub fn check_places(places: &[Place], profiles: &Profiles) -> Vec<Diagnostic> {
    let index: HashMap<&str, &Place> = places.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut problems = Vec::new();
    for place in places {
        let here = |(line, col): (usize, usize), message: String| {
            Diagnostic::new(&place.path, message).at(line, col)
        };
        if profiles.country(&place.country).is_none() {
            let known = profiles.country_index.keys().map(String::as_str);
            let help = did_you_mean(&place.country, known).unwrap_or_else(|| {
                format!(
                    "add a profile content/countries/{}.md or fix the id",
                    place.country
                )
            });
            problems.push(
                here(
                    place.country_at,
                    format!("unknown country \"{}\"", place.country),
                )
                .help(help),
            );
        }
        let Some(admin1) = &place.admin1 else {
            continue;
        };
        let problem = match index.get(admin1.as_str()) {
            None => Some((
                format!("unknown place \"{admin1}\""),
                did_you_mean(admin1, index.keys().copied()).unwrap_or_else(|| {
                    format!("add a region profile content/places/{admin1}.md or fix the id")
                }),
            )),
            Some(region) if region.kind != PlaceKind::Region => Some((
                format!(
                    "admin1 \"{admin1}\" is a {}, not a region",
                    region.kind.id()
                ),
                "name the region the place lies in, or leave `admin1` out".to_string(),
            )),
            Some(region) if region.country != place.country => Some((
                format!(
                    "admin1 \"{admin1}\" is in {}, not in {}",
                    region.country, place.country
                ),
                "fix `country` or `admin1`".to_string(),
            )),
            Some(_) if admin1 == &place.id => Some((
                format!("\"{admin1}\" is its own admin1"),
                "leave `admin1` out of a region's profile".to_string(),
            )),
            Some(_) if !near_region(admin1, place.lat, place.lon) => Some((
                format!(
                    "lat {}, lon {} lies outside the region \"{admin1}\"",
                    place.lat, place.lon
                ),
                "check the coordinates (latitude north, longitude east) or `admin1`".to_string(),
            )),
            Some(_) => None,
        };
        if let Some((message, help)) = problem {
            problems.push(here(place.admin1_at, message).help(help));
        }
    }
    problems
}

/// Whether a point lies inside a region's outline or within about 20 km
/// of it (outlines are simplified; border towns sit on the edge). True
/// when the map has no outline for the region.
fn near_region(region: &str, lat: f64, lon: f64) -> bool {
    let Some(shape) = geo::regions().iter().find(|r| r.place == region) else {
        return true;
    };
    let mut inside = false;
    let mut nearest = f64::INFINITY;
    for ring in &shape.rings {
        for (i, &(ax, ay)) in ring.iter().enumerate() {
            let (bx, by) = ring[(i + 1) % ring.len()];
            if (ay > lat) != (by > lat) && lon < (bx - ax) * (lat - ay) / (by - ay) + ax {
                inside = !inside;
            }
            let (dx, dy) = (bx - ax, by - ay);
            let len = dx * dx + dy * dy;
            let t = if len == 0.0 {
                0.0
            } else {
                (((lon - ax) * dx + (lat - ay) * dy) / len).clamp(0.0, 1.0)
            };
            nearest = nearest.min((lon - ax - t * dx).hypot(lat - ay - t * dy));
        }
    }
    inside || nearest < 0.2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Country;

    fn place(id: &str, front: &str) -> Result<Place, Vec<Diagnostic>> {
        let path = PathBuf::from(format!("content/places/{id}.md"));
        parse_place(&path, id.to_string(), &format!("+++\n{front}+++\nText\n"))
    }

    fn profiles() -> Profiles {
        let country = |id: &str, iso: &str| Country {
            id: id.into(),
            path: PathBuf::new(),
            name: id.into(),
            names: None,
            aliases: Vec::new(),
            iso: iso.into(),
            region: crate::model::Region::Sahel,
            body: String::new(),
        };
        Profiles::new(vec![country("niger", "NE"), country("mali", "ML")], vec![])
    }

    const TILLABERI: &str =
        "name = \"Tillabéri\"\ncountry = \"niger\"\nkind = \"region\"\nlat = 14.6\nlon = 1.5\n";

    #[test]
    fn parses_a_town_with_its_region() {
        let p = place(
            "ayorou",
            "name = \"Ayorou\"\ncountry = \"niger\"\nkind = \"town\"\nadmin1 = \"tillaberi\"\nlat = 14.7318\nlon = 0.9195\nsource = \"Natural Earth\"\n",
        )
        .unwrap();
        assert_eq!(
            (p.kind, p.admin1.as_deref()),
            (PlaceKind::Town, Some("tillaberi"))
        );
        let region = place("tillaberi", TILLABERI).unwrap();
        assert!(check_places(&[p, region], &profiles()).is_empty());
    }

    #[test]
    fn coordinates_outside_the_map_are_refused() {
        let errs = place(
            "x",
            "name = \"X\"\ncountry = \"niger\"\nkind = \"town\"\nlat = 1.5\nlon = 14.6\n",
        )
        .unwrap_err();
        assert_eq!(errs[0].position, Some((5, 7)));
        assert!(errs[0].help.as_ref().unwrap().contains("swapped"));
    }

    #[test]
    fn unknown_kind_and_field_are_refused() {
        let errs = place(
            "x",
            "name = \"X\"\ncountry = \"niger\"\nkind = \"city\"\nlat = 14\nlon = 1\n",
        )
        .unwrap_err();
        assert!(
            errs[0].message.contains("unknown variant `city`"),
            "{}",
            errs[0]
        );
        let errs = place("x", "name = \"X\"\ncontry = \"niger\"\n").unwrap_err();
        assert!(errs[0].to_string().contains("did you mean \"country\"?"));
    }

    #[test]
    fn ids_regions_and_outlines_are_checked() {
        let town = |admin1: &str, country: &str, lat: f64| {
            place(
                "t",
                &format!("name = \"T\"\ncountry = \"{country}\"\nkind = \"town\"\nadmin1 = \"{admin1}\"\nlat = {lat}\nlon = 1.5\n"),
            )
            .unwrap()
        };
        let region = place("tillaberi", TILLABERI).unwrap();
        let site = place(
            "camp",
            "name = \"C\"\ncountry = \"niger\"\nkind = \"site\"\nlat = 14\nlon = 1\n",
        )
        .unwrap();
        let check = |t: Place| {
            check_places(&[t, region.clone(), site.clone()], &profiles())
                .into_iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
        };
        let errs = check(town("tillabery", "niger", 14.2));
        assert_eq!(
            errs,
            ["content/places/t.md:5:11: unknown place \"tillabery\" (did you mean \"tillaberi\"?)"]
        );
        assert!(check(town("camp", "niger", 14.2))[0].contains("is a site, not a region"));
        assert!(check(town("tillaberi", "mali", 14.2))
            .iter()
            .any(|e| e.contains("is in niger, not in mali")));
        // Agadez's latitude: far north of Tillabéri.
        assert!(check(town("tillaberi", "niger", 18.0))[0].contains("outside the region"));
        let errs = check(town("tillaberi", "nigr", 14.2));
        assert!(errs[0].contains("unknown country \"nigr\" (did you mean \"niger\"?)"));
    }
}
