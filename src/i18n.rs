//! Interface text and dates in French and English.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::config::Lang;
use crate::model::ActorKind;

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(month: u32, lang: Lang) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Fr => MONTHS_FR[i],
        Lang::En => MONTHS_EN[i],
    }
}

/// "12 avril 2024", "1er mai 2024", "12 April 2024".
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    let day = match (lang, date.day()) {
        (Lang::Fr, 1) => "1er".to_string(),
        (_, d) => d.to_string(),
    };
    format!("{day} {} {}", month_name(date.month(), lang), date.year())
}

/// "avril 2024", "April 2024".
pub fn format_month(year: i32, month: u32, lang: Lang) -> String {
    format!("{} {year}", month_name(month, lang))
}

/// Every piece of interface text the default templates show, handed to
/// them as `t`.
#[derive(Debug, Serialize)]
pub struct Strings {
    pub lang: &'static str,
    pub skip_to_content: &'static str,
    pub home: &'static str,
    pub latest: &'static str,
    pub articles: &'static str,
    pub article_count_one: &'static str,
    pub article_count_many: &'static str,
    pub countries: &'static str,
    pub actors: &'static str,
    pub tags: &'static str,
    pub timeline: &'static str,
    pub search: &'static str,
    pub source: &'static str,
    pub published: &'static str,
    pub updated: &'static str,
    pub related: &'static str,
    pub also_mentioned: &'static str,
    pub actors_seen_here: &'static str,
    pub countries_where_active: &'static str,
    pub appears_with: &'static str,
    pub most_active_countries: &'static str,
    pub most_active_actors: &'static str,
    pub all_countries: &'static str,
    pub all_actors: &'static str,
    pub no_articles: &'static str,
    pub page: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub pagination: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub feed: &'static str,
    pub region_sahel: &'static str,
    pub region_coastal: &'static str,
    pub region_external: &'static str,
    pub min_read: &'static str,
    pub profile: &'static str,
    pub about: &'static str,
    pub breadcrumb: &'static str,
}

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// Plural label of an actor kind, as a heading of the actor index.
pub fn kind_label(kind: ActorKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (ActorKind::State, Lang::En) => "State forces and governments",
        (ActorKind::State, Lang::Fr) => "Forces et gouvernements",
        (ActorKind::Junta, Lang::En) => "Juntas",
        (ActorKind::Junta, Lang::Fr) => "Juntes",
        (ActorKind::ArmedGroup, Lang::En) => "Armed groups",
        (ActorKind::ArmedGroup, Lang::Fr) => "Groupes armés",
        (ActorKind::ForeignForce, Lang::En) => "Foreign forces",
        (ActorKind::ForeignForce, Lang::Fr) => "Forces étrangères",
        (ActorKind::InternationalOrg, Lang::En) => "International organisations",
        (ActorKind::InternationalOrg, Lang::Fr) => "Organisations internationales",
        (ActorKind::Person, Lang::En) => "People",
        (ActorKind::Person, Lang::Fr) => "Personnalités",
        (ActorKind::Media, Lang::En) => "Media",
        (ActorKind::Media, Lang::Fr) => "Médias",
    }
}

static EN: Strings = Strings {
    lang: "en",
    skip_to_content: "Skip to content",
    home: "Home",
    latest: "Latest articles",
    articles: "Articles",
    article_count_one: "article",
    article_count_many: "articles",
    countries: "Countries",
    actors: "Actors",
    tags: "Tags",
    timeline: "Timeline",
    search: "Search",
    source: "Source",
    published: "Published",
    updated: "Updated",
    related: "Related articles",
    also_mentioned: "Also mentioned",
    actors_seen_here: "Actors seen here",
    countries_where_active: "Where it appears",
    appears_with: "Appears with",
    most_active_countries: "Most covered countries",
    most_active_actors: "Most active actors",
    all_countries: "All countries",
    all_actors: "All actors",
    no_articles: "No articles yet.",
    page: "Page",
    previous: "Previous",
    next: "Next",
    newer: "Newer articles",
    older: "Older articles",
    pagination: "Pagination",
    not_found_title: "Page not found",
    not_found_text: "This page does not exist or has moved. Try the home page or the search.",
    feed: "Atom feed",
    region_sahel: "Sahel",
    region_coastal: "Coastal states",
    region_external: "External powers and neighbours",
    min_read: "min read",
    profile: "Profile",
    about: "About",
    breadcrumb: "Breadcrumb",
};

static FR: Strings = Strings {
    lang: "fr",
    skip_to_content: "Aller au contenu",
    home: "Accueil",
    latest: "Derniers articles",
    articles: "Articles",
    article_count_one: "article",
    article_count_many: "articles",
    countries: "Pays",
    actors: "Acteurs",
    tags: "Mots-clés",
    timeline: "Chronologie",
    search: "Recherche",
    source: "Source",
    published: "Publié le",
    updated: "Mis à jour le",
    related: "Articles liés",
    also_mentioned: "Également cités",
    actors_seen_here: "Acteurs présents",
    countries_where_active: "Pays concernés",
    appears_with: "Apparaît avec",
    most_active_countries: "Pays les plus couverts",
    most_active_actors: "Acteurs les plus actifs",
    all_countries: "Tous les pays",
    all_actors: "Tous les acteurs",
    no_articles: "Aucun article pour l’instant.",
    page: "Page",
    previous: "Précédent",
    next: "Suivant",
    newer: "Articles plus récents",
    older: "Articles plus anciens",
    pagination: "Pagination",
    not_found_title: "Page introuvable",
    not_found_text: "Cette page n’existe pas ou a été déplacée. Essayez l’accueil ou la recherche.",
    feed: "Flux Atom",
    region_sahel: "Sahel",
    region_coastal: "États côtiers",
    region_external: "Puissances extérieures et voisins",
    min_read: "min de lecture",
    profile: "Profil",
    about: "À propos",
    breadcrumb: "Fil d’Ariane",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2024, 4, 12).unwrap();
        assert_eq!(format_date(d, Lang::Fr), "12 avril 2024");
        assert_eq!(format_date(d, Lang::En), "12 April 2024");
        let first = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        assert_eq!(format_date(first, Lang::Fr), "1er mai 2024");
        assert_eq!(format_month(2023, 8, Lang::Fr), "août 2023");
    }
}
