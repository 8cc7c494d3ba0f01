//! Places below the country (`content/places/<id>.md`: regions, towns,
//! sites, areas) as import sees them: their names, to be found in articles
//! like countries are. The profiles are read by the build's loader, so a
//! place import matches is one the build accepts.

use super::detect::{detect_in_tokens, Found, Part};
use super::gazetteer::{fold, Entity, Gazetteer, Tokens};
use crate::model::{Country, Names, Profiles, Region};

/// A place profile's names and where it lies.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceName {
    pub id: String,
    pub name: String,
    pub names: Option<Names>,
    pub aliases: Vec<String>,
    /// The country id it lies in.
    pub country: String,
}

/// The place profiles the site loaded (read and checked by the build's
/// profile loader, under the one walk rule), as import matches them.
pub fn place_names(profiles: &Profiles) -> Vec<PlaceName> {
    profiles
        .places
        .iter()
        .map(|p| PlaceName {
            id: p.id.clone(),
            name: p.name.clone(),
            names: p.names.clone(),
            aliases: p.aliases.clone(),
            country: p.country.clone(),
        })
        .collect()
}

/// Words that name a region only when the text says it is one (`la
/// région de l'Est`, `the Sahel region`): alone they are directions, the
/// whole Sahel, a lake, or a French verb (`est`).
const COMMON_WORDS: &[&str] = &[
    "nord",
    "sud",
    "est",
    "ouest",
    "centre",
    "north",
    "south",
    "east",
    "west",
    "centre-nord",
    "centre-est",
    "centre-ouest",
    "centre-sud",
    "nord-est",
    "nord-ouest",
    "sud-est",
    "sud-ouest",
    "sahel",
    "lac",
    "lake",
    "plateau",
    "cascades",
];

/// The ways a text says that a common word is a region's name.
fn qualified(name: &str) -> Vec<String> {
    let mut forms = Vec::new();
    for word in ["région", "province"] {
        for joint in ["de l'", "du ", "de ", ""] {
            forms.push(format!("{word} {joint}{name}"));
        }
    }
    forms.push(format!("{name} region"));
    forms.push(format!("{name} province"));
    forms
}

/// The places of a site, matched like countries: a place named in the
/// title or in about two sentences is a subject, once a mention.
#[derive(Debug, Clone)]
pub struct PlaceIndex {
    places: Vec<PlaceName>,
    /// The places as country-like profiles, so detection weighs them as it
    /// weighs countries.
    profiles: Profiles,
    gazetteer: Box<Gazetteer>,
}

impl PlaceIndex {
    /// `None` when the site has no place profiles.
    pub fn new(places: Vec<PlaceName>, salience: &Gazetteer) -> Option<PlaceIndex> {
        if places.is_empty() {
            return None;
        }
        let countries = places.iter().map(as_country).collect();
        let profiles = Profiles::new(countries, Vec::new());
        let mut gazetteer = Gazetteer::new(&profiles);
        gazetteer.salience = salience.salience;
        Some(PlaceIndex {
            places,
            profiles,
            gazetteer: Box::new(gazetteer),
        })
    }

    /// The places an article is about and those it names in passing, by
    /// id. A place counts only when the article names its country too
    /// (`countries` holds every country it names): `Boni` or `Djibo` alone
    /// may be people. `tokens[i]` is `tokenize(parts[i].1)`.
    pub fn detect(
        &self,
        parts: &[(Part, &str)],
        tokens: &[Tokens],
        countries: &[String],
    ) -> (Vec<String>, Vec<String>) {
        // No place lies in a country the article names: none can count,
        // whatever the detection finds.
        if !self.places.iter().any(|p| countries.contains(&p.country)) {
            return (Vec::new(), Vec::new());
        }
        let found: Vec<Found> =
            detect_in_tokens(&self.gazetteer, &self.profiles, parts, tokens, None);
        let (mut about, mut mentions) = (Vec::new(), Vec::new());
        for f in found {
            let Entity::Country(i) = f.entity else {
                continue;
            };
            let id = &self.profiles.countries[i].id;
            let Some(place) = self.places.iter().find(|p| &p.id == id) else {
                continue;
            };
            if !countries.contains(&place.country) {
                continue;
            }
            if f.substantial {
                about.push(id.clone());
            } else {
                mentions.push(id.clone());
            }
        }
        (about, mentions)
    }
}

/// A place as a country profile of its own names; a common word stands
/// only in its qualified forms.
fn as_country(place: &PlaceName) -> Country {
    let mut names = vec![place.name.clone()];
    if let Some(n) = &place.names {
        names.push(n.fr.clone());
        names.push(n.en.clone());
    }
    names.extend(place.aliases.iter().cloned());
    let mut aliases = Vec::new();
    for name in names {
        if COMMON_WORDS.contains(&fold(&name).as_str()) {
            aliases.extend(qualified(&name));
        } else if !aliases.contains(&name) {
            aliases.push(name);
        }
    }
    Country {
        id: place.id.clone(),
        path: Default::default(),
        name: aliases.first().cloned().unwrap_or_default(),
        names: None,
        aliases,
        iso: String::new(),
        region: Region::Sahel,
        body: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::gazetteer::tokenize;

    fn place(id: &str, name: &str, aliases: &[&str], country: &str) -> PlaceName {
        PlaceName {
            id: id.into(),
            name: name.into(),
            names: None,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            country: country.into(),
        }
    }

    fn index() -> PlaceIndex {
        let places = vec![
            place("tillaberi", "Tillabéri", &["Tillabery"], "niger"),
            place("ayorou", "Ayorou", &[], "niger"),
            place("est-bf", "Est", &[], "burkina-faso"),
            place("sahel-bf", "Sahel", &[], "burkina-faso"),
            place("boni", "Boni", &[], "mali"),
        ];
        PlaceIndex::new(places, &Gazetteer::default()).unwrap()
    }

    fn detect(text: &str, countries: &[&str]) -> (Vec<String>, Vec<String>) {
        let mut lines = text.lines();
        let mut parts = vec![(Part::Title, lines.next().unwrap())];
        parts.extend(lines.map(|l| (Part::Body, l)));
        let countries: Vec<String> = countries.iter().map(|c| c.to_string()).collect();
        let tokens: Vec<Tokens> = parts.iter().map(|&(_, t)| tokenize(t)).collect();
        index().detect(&parts, &tokens, &countries)
    }

    const FILLER: &str = "Les habitants attendent des renforts depuis plusieurs semaines.\nLes écoles restent fermées dans plusieurs communes.\nLes routes sont coupées par les pluies.\nLes marchés rouvrent lentement.";

    #[test]
    fn a_place_in_the_title_or_two_sentences_is_a_subject() {
        let text = format!("Attaque près de Tillabéri\nDes hommes armés ont attaqué un poste au Niger.\n{FILLER}\nUne patrouille venait d'Ayorou.");
        let (about, mentions) = detect(&text, &["niger"]);
        assert_eq!(about, ["tillaberi"]);
        assert_eq!(mentions, ["ayorou"]);
        let text = format!("Le Niger face aux attaques\nLa région de Tillabery reste la plus touchée.\n{FILLER}\nÀ Tillabéri, les écoles ont fermé.");
        assert_eq!(detect(&text, &["niger"]).0, ["tillaberi"]);
    }

    #[test]
    fn a_common_word_is_a_region_only_when_called_one() {
        let text = format!("Le Burkina Faso renforce l'armée\nL'armée est déployée au nord et à l'est, dans tout le Sahel.\n{FILLER}");
        assert_eq!(detect(&text, &["burkina-faso"]), (vec![], vec![]));
        let text = format!("Le Burkina Faso renforce l'armée\nDes renforts sont arrivés dans la région de l'Est et dans la région du Sahel.\n{FILLER}");
        let (about, mentions) = detect(&text, &["burkina-faso"]);
        assert!(about.is_empty(), "{about:?}");
        assert_eq!(mentions, ["est-bf", "sahel-bf"]);
        let text = format!("Attacks in Burkina Faso's Sahel region\nThe army said the attack took place in the East region.\n{FILLER}");
        assert_eq!(detect(&text, &["burkina-faso"]).0, ["sahel-bf"]);
    }

    #[test]
    fn a_place_needs_its_country_named() {
        let text =
            format!("Une visite officielle\nLe ministre Boni a reçu ses homologues.\n{FILLER}");
        assert_eq!(detect(&text, &["niger"]), (vec![], vec![]));
        assert_eq!(detect(&text, &["mali"]).1, ["boni"]);
    }

    #[test]
    fn place_names_come_from_the_loaded_profiles() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("places")).unwrap();
        std::fs::create_dir_all(content.join("countries")).unwrap();
        std::fs::write(
            content.join("countries/mali.md"),
            "+++\nname = \"Mali\"\niso = \"ML\"\nregion = \"sahel\"\n+++\n",
        )
        .unwrap();
        std::fs::write(
            content.join("places/gao.md"),
            "+++\nname = \"Gao\"\naliases = [\"Gao city\"]\ncountry = \"mali\"\nkind = \"town\"\nlat = 16.27\nlon = -0.04\n+++\nA town on the Niger river.\n",
        )
        .unwrap();
        let profiles = crate::load::load_profiles(dir.path()).unwrap();
        assert_eq!(
            place_names(&profiles),
            [place("gao", "Gao", &["Gao city"], "mali")]
        );
    }
}
