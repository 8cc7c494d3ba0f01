use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The suggestion for a title and a lead, dated Wednesday 2024-07-10.
fn read(title: &str, lead: &[&str]) -> Option<Suggestion> {
    suggest(title, lead, day("2024-07-10"), &["tillaberi".to_string()])
}

fn fatalities(text: &str) -> (Option<u32>, Option<u32>) {
    let s = read("Un titre", &[text]).unwrap_or_else(|| panic!("no event in {text:?}"));
    (s.fatalities_min, s.fatalities_max)
}

#[test]
fn french_casualty_figures() {
    assert_eq!(
        fatalities("L'attaque a fait au moins 70 morts."),
        (Some(70), None)
    );
    assert_eq!(
        fatalities("Plus de 20 soldats tués dans une embuscade."),
        (Some(20), None)
    );
    assert_eq!(
        fatalities("Le bilan est de 12 soldats nigériens tués."),
        (Some(12), Some(12))
    );
    assert_eq!(
        fatalities("Douze militaires ont été tués."),
        (Some(12), Some(12))
    );
    assert_eq!(
        fatalities("Entre 20 et 30 civils ont été tués."),
        (Some(20), Some(30))
    );
    assert_eq!(
        fatalities("Une attaque tuant au moins 15 villageois."),
        (Some(15), None)
    );
    assert_eq!(
        fatalities("Une vingtaine de morts selon un élu local."),
        (Some(20), None)
    );
    let s = read("Attaque", &["Le bilan s'élève à 77 morts et 255 blessés."]).unwrap();
    assert_eq!((s.fatalities_min, s.injured), (Some(77), Some(255)));
    // Thousands written with a space.
    assert_eq!(
        fatalities("Au moins 1 200 personnes tuées."),
        (Some(1200), None)
    );
}

#[test]
fn english_casualty_figures() {
    // A comma before the verb does not part it from its figure.
    assert_eq!(
        fatalities("Gunmen attacked an army base, killing 20 soldiers."),
        (Some(20), Some(20))
    );
    assert_eq!(
        fatalities("Gunmen killed 12 soldiers near the border."),
        (Some(12), Some(12))
    );
    assert_eq!(
        fatalities("At least 40 people were killed."),
        (Some(40), None)
    );
    assert_eq!(
        fatalities("More than 100 civilians have been killed."),
        (Some(100), None)
    );
    assert_eq!(
        fatalities("Militants killed at least nine troops."),
        (Some(9), None)
    );
    let s = read(
        "Attack",
        &["Ten soldiers were killed and 14 wounded; 3,000 displaced."],
    )
    .unwrap();
    assert_eq!(
        (s.fatalities_min, s.injured, s.displaced),
        (Some(10), Some(14), Some(3000))
    );
}

#[test]
fn numbers_that_count_something_else_are_no_figures() {
    for text in [
        "Le pays compte 20 millions d'habitants et 12 régions.",
        "Il y a 12 ans, 70 soldats étaient déployés.",
        "The 2023 coup ended a decade of 5,000 troops in the region.",
        "Le président de 64 ans est mort de vieillesse il y a dix jours.",
    ] {
        let s = suggest("Un titre", &[text], day("2024-07-10"), &[]);
        assert_eq!(s, None, "{text}");
    }
}

#[test]
fn the_day_is_resolved_against_the_article_date() {
    // The article is of Wednesday 10 July 2024.
    let date = |lead: &str| read("Attaque", &[lead]).unwrap().date;
    assert_eq!(
        date("Dimanche, 70 soldats ont été tués."),
        day("2024-07-07")
    );
    assert_eq!(
        date("On Tuesday, gunmen killed 12 soldiers."),
        day("2024-07-09")
    );
    assert_eq!(date("Mercredi, au moins 5 morts."), day("2024-07-10"));
    assert_eq!(date("Hier, au moins 5 morts."), day("2024-07-09"));
    assert_eq!(date("Le 12 juin, au moins 5 morts."), day("2024-06-12"));
    assert_eq!(
        date("On June 28, 2024, 12 soldiers were killed."),
        day("2024-06-28")
    );
    // A dateline is the article's own date: no day read.
    let s = read("Attaque", &["Niamey, 10 juillet 2024 - Au moins 5 morts."]).unwrap();
    assert_eq!((s.date, s.date_read), (day("2024-07-10"), false));
    // The day in the figure's sentence wins over one earlier in the lead.
    let s = read(
        "Attaque",
        &["Lundi, le ministre a parlé. Dimanche, au moins 9 soldats ont été tués."],
    )
    .unwrap();
    assert_eq!(s.date, day("2024-07-07"));
}

#[test]
fn the_type_comes_from_the_words_of_the_lead() {
    let kind = |lead: &str| read("Un titre", &[lead]).unwrap().kind;
    assert_eq!(
        kind("Un engin explosif a tué 4 soldats."),
        Some("explosions-remote-violence")
    );
    assert_eq!(
        kind("A drone strike killed 8 people."),
        Some("explosions-remote-violence")
    );
    assert_eq!(
        kind("Des hommes armés ont tué 30 villageois."),
        Some("violence-against-civilians")
    );
    assert_eq!(
        kind("L'attaque contre le poste a fait 12 morts."),
        Some("battles")
    );
    assert_eq!(
        kind("Gunmen attacked an army base, killing 20 soldiers and 3 civilians."),
        Some("battles")
    );
    assert_eq!(
        kind("Police fired on protesters, leaving 5 dead."),
        Some("protests")
    );
    assert_eq!(kind("Le bilan est de 5 morts."), None);
    // Without a figure: a title saying what happened, and a place.
    assert!(read("Embuscade contre un convoi", &["Un convoi a été visé."]).is_some());
    let lead = ["Un convoi a été visé."];
    assert!(suggest("Embuscade", &lead, day("2024-07-10"), &[]).is_none());
    // A political story naming an attack in its lead is no event.
    assert!(read("Le ministre en visite", &["Il a évoqué l'attaque de mars."]).is_none());
}

#[test]
fn the_source_of_the_figure_is_who_gives_it() {
    let s = read("Attaque", &["Au moins 12 soldats ont été tués, selon l'armée nigérienne. Les renforts sont arrivés."]).unwrap();
    assert_eq!(s.fatalities_source.as_deref(), Some("l'armée nigérienne"));
    let s = read(
        "Attack",
        &["At least 40 people were killed, according to local officials."],
    )
    .unwrap();
    assert_eq!(s.fatalities_source.as_deref(), Some("local officials"));
    let s = read("Attaque", &["D'après un élu local, 7 civils ont été tués."]).unwrap();
    assert_eq!(s.fatalities_source.as_deref(), Some("un élu local"));
}

#[test]
fn suggestions_are_comments_that_uncomment_into_valid_toml() {
    let hostile = "Au moins 12 morts, selon [[x]] \"+++\n\u{1b}[31m b\u{2028}c\\d '''e.";
    let s = read("Attaque", &[hostile]).unwrap();
    let comment = s.to_comment();
    assert!(comment.lines().all(|l| l.starts_with("# ")), "{comment}");
    assert!(
        !comment.chars().any(|c| c.is_control() && c != '\n'),
        "{comment}"
    );
    // Uncommented, it is one event of TOML with the text as a string.
    let uncommented: String = comment
        .lines()
        .skip(1)
        .map(|l| format!("{}\n", &l[2..]))
        .collect();
    let value: toml::Table =
        toml::from_str(&uncommented).unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
    let event = &value["events"][0];
    assert_eq!(event["fatalities_min"].as_integer(), Some(12));
    assert_eq!(
        event["date"].as_datetime().unwrap().to_string(),
        "2024-07-10"
    );
    let source = event["fatalities_source"].as_str().unwrap();
    assert_eq!(source, "x]] \"+++ [31m b c\\d '''e");
    assert_eq!(event["place"].as_str(), Some("tillaberi"));
}
