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

/// The text with its first letter upper-case: a month as a heading.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// "1 article", "3 articles"; in French the singular also covers 0
/// ("0 article").
pub fn article_count(n: usize, lang: Lang) -> String {
    let singular = match lang {
        Lang::Fr => n <= 1,
        Lang::En => n == 1,
    };
    let t = strings(lang);
    let word = if singular {
        t.article_count_one
    } else {
        t.article_count_many
    };
    format!("{n} {word}")
}

/// "Articles 11–20 of 25" under a paged list.
pub fn paged_note(from: usize, to: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("Articles {from} à {to} sur {total}."),
        Lang::En => format!("Articles {from}–{to} of {total}."),
    }
}

/// "Mentioned in 3 articles", the count of the "also mentioned in" list.
pub fn mentioned_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("Cité en passant dans {}", article_count(n, lang)),
        Lang::En => format!("Mentioned in passing in {}", article_count(n, lang)),
    }
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
    pub mentioned_in: &'static str,
    pub all_articles: &'static str,
    pub archive: &'static str,
    pub print_file: &'static str,
    pub full_file: &'static str,
    pub other_countries: &'static str,
    pub by_year: &'static str,
    pub by_month: &'static str,
    pub print: &'static str,
    pub see_under: &'static str,
    // Sources and relations (issue 17).
    pub sources: &'static str,
    pub sources_intro: &'static str,
    pub outlet: &'static str,
    pub source_type: &'static str,
    pub unspecified: &'static str,
    pub archived_copy: &'static str,
    pub claimed_by: &'static str,
    pub relations: &'static str,
    pub relations_intro: &'static str,
    pub relation: &'static str,
    pub since: &'static str,
    pub until: &'static str,
    pub legend: &'static str,
    // The security picture (issue 16).
    pub places: &'static str,
    pub all_places: &'static str,
    pub events: &'static str,
    pub event_list: &'static str,
    pub events_intro: &'static str,
    pub deaths: &'static str,
    pub injured: &'static str,
    pub displaced: &'static str,
    pub according_to: &'static str,
    pub reported_in: &'static str,
    pub assessments: &'static str,
    pub assessment: &'static str,
    pub trend_history: &'static str,
    pub overview: &'static str,
    pub overview_intro: &'static str,
    pub not_assessed: &'static str,
    pub this_month: &'static str,
    pub watch_first: &'static str,
    pub event_view: &'static str,
    pub data: &'static str,
    pub data_intro: &'static str,
    pub kind_region: &'static str,
    pub kind_town: &'static str,
    pub kind_site: &'static str,
    pub kind_area: &'static str,
    pub in_region: &'static str,
    pub coordinates_from: &'static str,
    pub map_events: &'static str,
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
    countries_where_active: "Countries in the same articles",
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
    mentioned_in: "Also mentioned in",
    all_articles: "All articles",
    archive: "Archive",
    print_file: "Print the whole file",
    full_file: "full file",
    other_countries: "No country",
    by_year: "Articles by year",
    by_month: "Articles by month",
    print: "Print",
    see_under: "see",
    sources: "Sources",
    sources_intro: "Every outlet the articles are based on, with its type (see the methodology) and the articles citing it.",
    outlet: "Outlet",
    source_type: "Type",
    unspecified: "not given",
    archived_copy: "archived copy",
    claimed_by: "by",
    relations: "Relations between actors",
    relations_intro: "How the actors are linked: affiliations, successions, leaders, alliances and rivalries, as the profiles record them.",
    relation: "Relation",
    since: "From",
    until: "Until",
    legend: "Legend",
    places: "Places",
    all_places: "All places",
    events: "Events",
    event_list: "Coded events",
    events_intro: "Events coded from the articles: type, place, actors and the casualty figures as attributed. Deaths add up each event's lower figure.",
    deaths: "Deaths",
    injured: "Injured",
    displaced: "Displaced",
    according_to: "according to",
    reported_in: "Reported in",
    assessments: "Monthly assessments",
    assessment: "Assessment",
    trend_history: "Trend by month",
    overview: "Regional overview",
    overview_intro: "Each country's monthly trend, newest month last. Arrows and words carry the trend; colour only repeats it.",
    not_assessed: "not assessed",
    this_month: "This month",
    watch_first: "Deteriorations and alerts",
    event_view: "Events by month",
    data: "Data",
    data_intro: "The desk's events and articles for spreadsheets and other tools:",
    kind_region: "Region",
    kind_town: "Town",
    kind_site: "Site",
    kind_area: "Area",
    in_region: "in",
    coordinates_from: "Coordinates",
    map_events: "Map: events and deaths by place",
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
    countries_where_active: "Pays des mêmes articles",
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
    mentioned_in: "Également cité dans",
    all_articles: "Tous les articles",
    archive: "Archives",
    print_file: "Imprimer tout le dossier",
    full_file: "dossier complet",
    other_countries: "Sans pays",
    by_year: "Articles par année",
    by_month: "Articles par mois",
    print: "Imprimer",
    see_under: "voir",
    sources: "Sources",
    sources_intro: "Tous les médias et documents sur lesquels reposent les articles, avec leur type (voir la méthodologie) et les articles qui les citent.",
    outlet: "Média",
    source_type: "Type",
    unspecified: "non précisé",
    archived_copy: "copie archivée",
    claimed_by: "par",
    relations: "Relations entre acteurs",
    relations_intro: "Comment les acteurs sont liés : affiliations, successions, dirigeants, alliances et rivalités, d’après leurs profils.",
    relation: "Relation",
    since: "Depuis",
    until: "Jusqu’au",
    legend: "Légende",
    places: "Lieux",
    all_places: "Tous les lieux",
    events: "Événements",
    event_list: "Événements codés",
    events_intro: "Événements codés à partir des articles : type, lieu, acteurs et bilans tels qu’attribués. Les morts additionnent le bilan bas de chaque événement.",
    deaths: "Morts",
    injured: "Blessés",
    displaced: "Déplacés",
    according_to: "selon",
    reported_in: "Rapporté dans",
    assessments: "Évaluations mensuelles",
    assessment: "Évaluation",
    trend_history: "Tendance par mois",
    overview: "Vue d’ensemble régionale",
    overview_intro: "La tendance mensuelle de chaque pays, le mois le plus récent à droite. Flèches et mots portent la tendance ; la couleur ne fait que la répéter.",
    not_assessed: "non évalué",
    this_month: "Ce mois-ci",
    watch_first: "Dégradations et alertes",
    event_view: "Événements par mois",
    data: "Données",
    data_intro: "Les événements et articles de la rédaction pour tableurs et autres outils :",
    kind_region: "Région",
    kind_town: "Ville",
    kind_site: "Site",
    kind_area: "Zone",
    in_region: "dans la région",
    coordinates_from: "Coordonnées",
    map_events: "Carte : événements et morts par lieu",
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

    #[test]
    fn article_counts_follow_each_language_plural_rule() {
        assert_eq!(article_count(1, Lang::En), "1 article");
        assert_eq!(article_count(0, Lang::En), "0 articles");
        assert_eq!(article_count(2, Lang::En), "2 articles");
        assert_eq!(article_count(0, Lang::Fr), "0 article");
        assert_eq!(article_count(1, Lang::Fr), "1 article");
        assert_eq!(article_count(2, Lang::Fr), "2 articles");
    }
}
