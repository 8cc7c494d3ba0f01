use chrono::NaiveDate;

use super::*;
use crate::import::gazetteer::tests::country;
use crate::model::Actor;

fn actor(
    id: &str,
    kind: ActorKind,
    country: &str,
    aliases: &[&str],
    weak: &[&str],
    range: (Option<&str>, Option<&str>),
) -> Actor {
    let day = |d: Option<&str>| d.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    Actor {
        id: id.into(),
        path: Default::default(),
        name: aliases[0].into(),
        names: None,
        kind,
        affiliation: vec![country.into()],
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        weak_aliases: weak.iter().map(|s| s.to_string()).collect(),
        active_from: day(range.0),
        active_until: day(range.1),
        body: String::new(),
    }
}

fn profiles() -> Profiles {
    let countries = vec![
        country("mali", "Mali", &["malien", "Malian", "Bamako"]),
        country("niger", "Niger", &["nigérien", "Nigerien", "Niamey"]),
        country("nigeria", "Nigeria", &["nigérian", "Nigerian"]),
        country("chad", "Chad", &["Tchad", "tchadien", "Chadian"]),
        country("france", "France", &["français", "French"]),
        country("russia", "Russia", &["Russie", "russe", "Russian"]),
        country("somalia", "Somalia", &["Somalie", "somalien", "Somali"]),
        country("burkina-faso", "Burkina Faso", &["burkinabè", "Burkinabe"]),
    ];
    let mut actors = people();
    actors.extend(bodies());
    let mut profiles = Profiles::new(countries, actors);
    profiles.relations.push(crate::relations::Relation {
        subject: "koufa".into(),
        kind: crate::relations::RelationType::LeaderOf,
        object: "katiba-macina".into(),
        from: None,
        until: None,
        source: None,
        path: Default::default(),
        position: (0, 0),
    });
    profiles
}

fn people() -> Vec<Actor> {
    vec![
        actor(
            "deby",
            ActorKind::Person,
            "chad",
            &["Mahamat Déby"],
            &["Déby"],
            (Some("2021-04-20"), None),
        ),
        actor(
            "idriss-deby",
            ActorKind::Person,
            "chad",
            &["Idriss Déby Itno"],
            &["Déby"],
            (None, Some("2021-04-20")),
        ),
        actor(
            "ibrahim-traore",
            ActorKind::Person,
            "mali",
            &["Ibrahim Traoré"],
            &["Traoré"],
            (Some("2022-09-30"), None),
        ),
        actor(
            "bazoum",
            ActorKind::Person,
            "niger",
            &["Mohamed Bazoum", "Bazoum"],
            &[],
            (Some("2021-04-02"), Some("2023-07-26")),
        ),
        actor(
            "koufa",
            ActorKind::Person,
            "mali",
            &["Amadou Koufa", "Koufa"],
            &[],
            (None, None),
        ),
        actor(
            "macron",
            ActorKind::Person,
            "france",
            &["Emmanuel Macron", "Macron"],
            &[],
            (None, None),
        ),
    ]
}

fn bodies() -> Vec<Actor> {
    vec![
        actor(
            "cnsp-niger",
            ActorKind::Junta,
            "niger",
            &["CNSP"],
            &[],
            (Some("2023-07-26"), None),
        ),
        actor(
            "cnsp-mali-2020",
            ActorKind::Junta,
            "mali",
            &["CNSP"],
            &[],
            (Some("2020-08-18"), Some("2021-01-18")),
        ),
        actor(
            "wagner",
            ActorKind::ForeignForce,
            "russia",
            &["Wagner", "groupe Wagner"],
            &["mercenaires russes"],
            (None, None),
        ),
        actor(
            "mpsr",
            ActorKind::Junta,
            "burkina-faso",
            &["MPSR"],
            &[],
            (Some("2022-01-24"), None),
        ),
        actor(
            "ecowas",
            ActorKind::InternationalOrg,
            "",
            &["ECOWAS", "CEDEAO"],
            &[],
            (None, None),
        ),
        actor(
            "katiba-macina",
            ActorKind::ArmedGroup,
            "mali",
            &["Katiba Macina"],
            &[],
            (None, None),
        ),
        actor(
            "jnim",
            ActorKind::ArmedGroup,
            "mali",
            &["JNIM"],
            &[],
            (None, None),
        ),
    ]
}

/// A short report of a summit that names Macron once, then `lines`,
/// then a closing sentence: what the lines say decides whether he acts.
pub(super) fn after_meeting_macron(lines: &[&str]) -> String {
    let mut text = "Une semaine de diplomatie\nLe sommet a réuni des délégués venus de toute la région.\nLes délégués ont parlé de sécurité.\nLa réunion a eu lieu avec Emmanuel Macron.\n".to_string();
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str("Les délégués sont repartis mardi.");
    text
}

pub(super) fn detect(text: &str, date: &str) -> (Vec<String>, Vec<String>) {
    detect_with(&profiles(), text, date)
}

fn detect_with(p: &Profiles, text: &str, date: &str) -> (Vec<String>, Vec<String>) {
    let g = Gazetteer::new(p);
    let mut lines = text.lines();
    let mut parts = vec![(Part::Title, lines.next().unwrap())];
    parts.extend(lines.map(|l| (Part::Body, l)));
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let found = detect_entities(&g, p, &parts, Some(date));
    let name = |f: &Found| match f.entity {
        Entity::Country(i) => p.countries[i].id.clone(),
        Entity::Actor(i) => p.actors[i].id.clone(),
    };
    let subjects = found.iter().filter(|f| f.substantial).map(name).collect();
    let mentions = found.iter().filter(|f| !f.substantial).map(name).collect();
    (subjects, mentions)
}

#[test]
fn a_personal_pronoun_continues_with_the_person_just_named() {
    let told = after_meeting_macron(&[
        "Il a promis un soutien.",
        "Il a rappelé les engagements passés.",
    ]);
    let (subjects, _) = detect(&told, "2023-08-01");
    assert!(subjects.contains(&"macron".to_string()), "{subjects:?}");
    // `Il y a`, `Il faut`: impersonal, nobody is meant.
    let impersonal = told
        .replace("Il a promis un soutien.", "Il y a eu des débats.")
        .replace("Il a rappelé les engagements passés.", "Il faut agir.");
    let (subjects, mentions) = detect(&impersonal, "2023-08-01");
    assert!(!subjects.contains(&"macron".to_string()), "{subjects:?}");
    assert!(mentions.contains(&"macron".to_string()), "{mentions:?}");
    // `La Russie a réagi. Elle a ...`: the pronoun is about Russia.
    let other = told.replace(
        "Il a promis un soutien.",
        "La Russie a réagi.\nElle a promis un soutien.",
    );
    let other = other.replace("Il a rappelé les engagements passés.", "Elle a insisté.");
    let (subjects, _) = detect(&other, "2023-08-01");
    assert!(!subjects.contains(&"macron".to_string()), "{subjects:?}");
}

#[test]
fn an_office_stands_for_the_person_named_and_in_office() {
    let told = "Une semaine de diplomatie\nLe sommet a réuni des délégués venus de toute la région.\nLa réunion a eu lieu avec Emmanuel Macron.\nSelon des délégués, le président français a insisté.\nEnsuite le président français a quitté la salle.\nLes délégués sont repartis mardi.";
    let (subjects, _) = detect(told, "2023-08-01");
    assert!(subjects.contains(&"macron".to_string()), "{subjects:?}");
    // Named only by office: nobody is tagged.
    let unnamed = "Une semaine de diplomatie\nLe sommet a réuni des délégués venus de toute la région.\nLe président tchadien a insisté.\nEnsuite le président tchadien a quitté la salle.\nLes délégués sont repartis mardi.";
    let (subjects, mentions) = detect(unnamed, "2023-08-01");
    assert!(!subjects.contains(&"deby".to_string()), "{subjects:?}");
    assert!(!mentions.contains(&"deby".to_string()), "{mentions:?}");
}

#[test]
fn a_demonym_qualifying_the_state_names_the_country() {
    let state = "Une semaine tendue\nLes délégués sont arrivés lundi pour une réunion sur la sécurité.\nLe gouvernement malien a fermé la frontière.\nLes délégués ont parlé de sécurité.\nL'ambassadeur malien a protesté.\nLes délégués sont repartis mardi.";
    let (subjects, _) = detect(state, "2023-08-01");
    assert!(subjects.contains(&"mali".to_string()), "{subjects:?}");
    // A people, not the state: half a name each.
    let people = "Une semaine tendue\nLes délégués sont arrivés lundi pour une réunion sur la sécurité.\nUn commerçant malien a fermé boutique.\nLes délégués ont parlé de sécurité.\nUn médecin malien a soigné.\nLes délégués sont repartis mardi.";
    let (subjects, mentions) = detect(people, "2023-08-01");
    assert!(!subjects.contains(&"mali".to_string()), "{subjects:?}");
    assert!(mentions.contains(&"mali".to_string()), "{mentions:?}");
}

#[test]
fn round_up_sections_are_weighed_alone() {
    let mut text = String::from("Revue de presse du jour\n");
    for i in 0..4 {
        text.push_str(&format!("Une nouvelle sans rapport numéro {i}\n"));
        for k in 0..30 {
            text.push_str(&format!(
                "La phrase {k} de la rubrique {i} parle de la météo qui change tous les jours de la semaine.\n"
            ));
        }
    }
    text.push_str("Les mercenaires en question\n");
    text.push_str("Le groupe Wagner a recruté des hommes cette semaine dans plusieurs pays.\n");
    text.push_str("Wagner a aussi signé un contrat de protection.\n");
    text.push_str("La phrase finale parle de la météo.\n");
    let (subjects, _) = detect(&text, "2023-08-01");
    assert!(subjects.contains(&"wagner".to_string()), "{subjects:?}");
}

#[test]
fn cnsp_is_resolved_by_the_date() {
    let (s, _) = detect(
        "Le CNSP parle\nLe CNSP a publié un communiqué.",
        "2023-12-24",
    );
    assert!(s.contains(&"cnsp-niger".to_string()), "{s:?}");
    assert!(!s.contains(&"cnsp-mali-2020".to_string()));
    let (s, _) = detect(
        "Le CNSP parle\nLe CNSP a publié un communiqué.",
        "2020-09-03",
    );
    assert!(s.contains(&"cnsp-mali-2020".to_string()), "{s:?}");
    assert!(!s.contains(&"cnsp-niger".to_string()));
}

#[test]
fn deby_father_and_son_by_date() {
    let (s, _) = detect(
        "Déby à Paris\nLe président Déby a rencontré Emmanuel Macron.",
        "2023-10-18",
    );
    assert!(
        s.contains(&"deby".to_string()) && !s.contains(&"idriss-deby".to_string()),
        "{s:?}"
    );
    let (s, _) = detect(
        "Déby à Paris\nLe président Déby a rencontré le président.",
        "2015-01-01",
    );
    assert!(
        s.contains(&"idriss-deby".to_string()) && !s.contains(&"deby".to_string()),
        "{s:?}"
    );
}

#[test]
fn weak_names_need_support() {
    // Another Traoré, in an article about Mali before Ibrahim Traoré's time.
    let (s, m) = detect(
        "Au Mali\nDioncounda Traoré a parlé. Traoré est parti. Le Mali attend.",
        "2013-01-01",
    );
    assert!(
        !s.iter().chain(&m).any(|id| id == "ibrahim-traore"),
        "{s:?} {m:?}"
    );
    // With his full name, the surname alone counts too.
    let (s, _) = detect(
        "Au Mali\nIbrahim Traoré a parlé. Traoré est reparti.",
        "2023-01-01",
    );
    assert!(s.contains(&"ibrahim-traore".to_string()), "{s:?}");
}

#[test]
fn other_people_and_things_with_the_same_name() {
    // Wagner the composer, Chad the first name, France 24 the channel,
    // the Niger river.
    let (s, m) = detect(
        "Concert\nRichard Wagner était un compositeur. Chad Smith joue. France 24 en parle. Le fleuve Niger coule.",
        "2023-01-01",
    );
    let all: Vec<_> = s.iter().chain(&m).collect();
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn word_boundaries_and_demonyms() {
    let (s, m) = detect(
        "Somalia\nLa Somalie et le Nigeria. Les soldats nigérians.",
        "2023-01-01",
    );
    let all: Vec<_> = s.iter().chain(&m).collect();
    assert!(
        all.iter().all(|id| *id != "mali" && *id != "niger"),
        "{all:?}"
    );
    assert!(all.contains(&&"nigeria".to_string()));
}

#[test]
fn salience_orders_subjects_and_keeps_passing_mentions_apart() {
    let text = "Le Niger et la Russie renforcent leur coopération\n\
        Le Niger a reçu des instructeurs russes. Niamey a confirmé. Le Niger remercie la Russie. \
        La Russie livre du matériel. Le Niger paie. La France, partie l'an dernier, observe. \
        Des mercenaires russes sont présents. Le Niger discute. Le groupe Wagner est cité.";
    let (s, m) = detect(text, "2024-04-12");
    assert_eq!(&s[..2], ["niger", "russia"], "{s:?}");
    assert!(m.contains(&"france".to_string()), "{m:?}");
    assert!(!s.contains(&"france".to_string()));
}

#[test]
fn lists_count_less_than_sentences() {
    let text = "Sommet\nLe Niger accueille le sommet. Le Niger invite le Mali, le Tchad et la France. Le Niger parle. Le Niger conclut.";
    let (s, m) = detect(text, "2024-01-01");
    assert_eq!(s, ["niger"], "{s:?} {m:?}");
    assert!(m.contains(&"chad".to_string()));
}

#[test]
fn generic_junta_words_name_the_junta_in_office() {
    let text = "Niger: la junte parle\nLa junte a annoncé un dialogue. Les putschistes ont refusé. Le Niger attend.";
    let (s, _) = detect(text, "2023-09-01");
    assert!(s.contains(&"cnsp-niger".to_string()), "{s:?}");
    // Outside its dates, no junta.
    let (s, m) = detect(text, "2019-01-01");
    assert!(
        !s.iter().chain(&m).any(|id| id.starts_with("cnsp")),
        "{s:?} {m:?}"
    );
}

#[test]
fn without_a_date_the_country_decides() {
    let p = profiles();
    let g = Gazetteer::new(&p);
    let parts = [
        (Part::Title, "Mali : le CNSP prend le pouvoir"),
        (
            Part::Body,
            "Au Mali, le CNSP a arrêté le président. Le Mali attend. Bamako est calme.",
        ),
    ];
    let found = detect_entities(&g, &p, &parts, None);
    let ids: Vec<&str> = found
        .iter()
        .filter_map(|f| match f.entity {
            Entity::Actor(i) => Some(p.actors[i].id.as_str()),
            Entity::Country(_) => None,
        })
        .collect();
    assert_eq!(ids, ["cnsp-mali-2020"]);
}

pub(super) fn has(list: &[String], id: &str) -> bool {
    list.iter().any(|x| x == id)
}

#[test]
fn plural_junta_words_name_every_junta_in_office() {
    let text = "Niger and Burkina Faso leave the bloc\nThe military governments of Niger and Burkina Faso announced their exit on Sunday.\nThe two countries were founding members.\nTalks had failed for months.\nDiplomats were surprised.\nThe military governments said the decision was final.";
    let (s, _) = detect(text, "2024-01-28");
    assert!(has(&s, "cnsp-niger") && has(&s, "mpsr"), "{s:?}");
    // A single junta word names the junta of the main country only.
    let one = "Niger quitte le bloc\nLa junte a annoncé dimanche son départ, a dit le Niger.\nLe Niger et le Burkina Faso étaient membres.\nLa junte a confirmé.\nLe Niger attend.";
    let (s, m) = detect(one, "2024-01-28");
    assert!(has(&s, "cnsp-niger"), "{s:?}");
    assert!(!has(&s, "mpsr") && !has(&m, "mpsr"), "{s:?} {m:?}");
}

#[test]
fn the_state_of_a_country_a_junta_rules_acts_through_it() {
    let text = "Coopération militaire\nLes autorités burkinabè ont décidé de rompre un accord.\nDes diplomates ont commenté.\nLe gouvernement burkinabè a donné un mois.\nUn délai court, selon eux.";
    let (s, _) = detect(text, "2023-01-22");
    assert!(has(&s, "mpsr"), "{s:?}");
    // Before the coup the authorities are not a junta.
    let (s, m) = detect(text, "2021-06-01");
    assert!(!has(&s, "mpsr") && !has(&m, "mpsr"), "{s:?} {m:?}");
    let en = "Military cooperation\nBurkinabe authorities decided to end an agreement.\nDiplomats commented.\nThe Burkinabe government gave a month.\nA short delay, they said.";
    let (s, _) = detect(en, "2023-01-22");
    assert!(has(&s, "mpsr"), "{s:?}");
}

#[test]
fn a_description_stands_for_the_actor_of_its_kind_named_before() {
    let fr = "Sommet à Abuja\nLes délégués sont arrivés mardi soir dans la capitale.\nLa CEDEAO a réuni ses chefs d'État.\nL'organisation régionale a menacé d'intervenir.\nDes experts doutent.\nLe bloc a ensuite levé des sanctions.\nLes marchés ont réagi.";
    let (s, _) = detect(fr, "2023-08-10");
    assert!(has(&s, "ecowas"), "{s:?}");
    let en = "Summit in Abuja\nDelegates arrived on Tuesday evening in the capital city.\nECOWAS met on Thursday.\nThe regional bloc threatened to intervene.\nExperts doubt it.\nThe bloc later lifted sanctions.\nMarkets reacted.";
    let (s, _) = detect(en, "2023-08-10");
    assert!(has(&s, "ecowas"), "{s:?}");
    let group = "Attaque dans le centre\nLes habitants ont entendu des tirs dès le début de la matinée.\nLe JNIM a revendiqué l'attaque.\nLe groupe jihadiste a publié une vidéo.\nLes habitants ont fui.\nLe groupe a promis d'autres attaques.";
    let (s, _) = detect(group, "2023-08-10");
    assert!(has(&s, "jnim"), "{s:?}");
    // Described only, never named: not tagged.
    let unnamed = fr.replace("La CEDEAO a réuni", "Les dirigeants ont réuni");
    let (s, m) = detect(&unnamed, "2023-08-10");
    assert!(!has(&s, "ecowas") && !has(&m, "ecowas"), "{s:?} {m:?}");
    // Too far from the name, a description is left alone.
    let far = "Sommet à Abuja\nLes délégués sont arrivés mardi soir dans la capitale.\nLa CEDEAO a réuni ses chefs d'État.\nIl pleuvait.\nLes routes étaient fermées.\nDes experts doutent.\nLes marchés ont réagi.\nLe bloc a ensuite levé des sanctions.";
    let (s, _) = detect(far, "2023-08-10");
    assert!(!has(&s, "ecowas"), "{s:?}");
}

#[test]
fn the_deposed_president_is_the_leader_named_whose_office_ended() {
    let fr = "Crise à Niamey\nLe coup a eu lieu en juillet après des semaines de tension.\nMohamed Bazoum refuse de démissionner.\nDes médiateurs sont arrivés.\nLe président déchu reste détenu.\nLes partisans du président renversé manifestent.";
    let (s, _) = detect(fr, "2023-08-20");
    assert!(has(&s, "bazoum"), "{s:?}");
    let en = "Crisis in Niamey\nThe coup took place in July after weeks of tension in the capital.\nMohamed Bazoum refuses to resign.\nMediators arrived.\nThe ousted president remains detained.\nSupporters of the deposed president marched.";
    let (s, _) = detect(en, "2023-08-20");
    assert!(has(&s, "bazoum"), "{s:?}");
    // While he is in office, he is nobody's deposed president.
    let (s, _) = detect(en, "2022-08-20");
    assert!(!has(&s, "bazoum"), "{s:?}");
    // Someone else's office: `le président de la Commission`.
    let other = "Crise à Niamey\nLe coup a eu lieu en juillet après des semaines de tension.\nMohamed Bazoum refuse de démissionner.\nDes médiateurs sont arrivés.\nLe président de la Commission a parlé.\nLe président de la Commission est reparti.";
    let (s, _) = detect(other, "2022-08-20");
    assert!(!has(&s, "bazoum"), "{s:?}");
}

#[test]
fn a_person_or_junta_that_is_a_subject_makes_its_country_a_party() {
    let text = "Discours à Paris\nEmmanuel Macron a reçu des journalistes.\nMacron a défendu sa politique africaine.\nMacron a répondu aux critiques.\nLes journalistes ont noté.";
    let (s, _) = detect(text, "2023-08-20");
    assert!(has(&s, "macron") && has(&s, "france"), "{s:?}");
    // A foreign force does not make its country one: `Russian
    // mercenaries` are Wagner, not Russia acting.
    let force = "Au Mali\nLe groupe Wagner a pris une base.\nWagner a recruté.\nWagner a signé un contrat.\nLe Mali attend.";
    let (s, _) = detect(force, "2023-08-20");
    assert!(has(&s, "wagner") && !has(&s, "russia"), "{s:?}");
}

#[test]
fn a_list_opening_its_sentence_is_its_subject() {
    let fr = "Accès à la mer\nLe Mali, le Niger et le Tchad ont demandé un accès au port.\nLes discussions ont duré deux jours.\nLe Mali, le Niger et le Tchad attendent un accord.\nLes ministres sont repartis.";
    let (s, _) = detect(fr, "2023-12-25");
    assert!(
        has(&s, "mali") && has(&s, "niger") && has(&s, "chad"),
        "{s:?}"
    );
    let en = "Access to the sea\nTalks lasted two days in the capital before the ministers left.\nMali, Niger and Chad asked for access to the port.\nMali, Niger and Chad expect an agreement.\nThe ministers went home.";
    let (s, _) = detect(en, "2023-12-25");
    assert!(
        has(&s, "mali") && has(&s, "niger") && has(&s, "chad"),
        "{s:?}"
    );
    // Further in the sentence, a list is a passing mention.
    let passing = "Accès à la mer\nLes discussions ont duré deux jours dans la capitale.\nLe port accueille des navires venus du Mali, du Niger et du Tchad.\nUn accord est attendu par le Mali, le Niger et le Tchad.\nLes ministres sont repartis.";
    let (s, m) = detect(passing, "2023-12-25");
    assert!(!has(&s, "mali") && has(&m, "mali"), "{s:?} {m:?}");
}

#[test]
fn an_actor_in_a_list_is_a_passing_mention() {
    let listed = "Bilan sécuritaire\nLes habitants ont entendu des tirs dès le début de la matinée.\nLa région subit les attaques du JNIM, du groupe Wagner et de la CEDEAO.\nLes écoles sont fermées.\nLes civils craignent le JNIM, Wagner et la CEDEAO.\nLes marchés restent ouverts.";
    let (s, m) = detect(listed, "2023-08-10");
    assert!(!has(&s, "jnim") && has(&m, "jnim"), "{s:?} {m:?}");
    let alone = "Bilan sécuritaire\nLes habitants ont entendu des tirs dès le début de la matinée.\nLa région subit les attaques du JNIM depuis des mois.\nLes écoles sont fermées.\nLes civils craignent le JNIM.\nLes marchés restent ouverts.";
    let (s, _) = detect(alone, "2023-08-10");
    assert!(has(&s, "jnim"), "{s:?}");
    let en = "Security review\nResidents heard gunfire from early in the morning onwards.\nThe region suffers attacks by JNIM, Wagner and ECOWAS troops.\nSchools are closed.\nCivilians fear JNIM, Wagner and ECOWAS alike.\nMarkets stay open.";
    let (s, m) = detect(en, "2023-08-10");
    assert!(!has(&s, "jnim") && has(&m, "jnim"), "{s:?} {m:?}");
}

/// Profiles where the Africa Corps succeeds Wagner from 2023-11-01, and
/// Wagner ends on 2025-06-06 when `ended`.
fn succession(ended: bool) -> Profiles {
    let mut p = profiles();
    let mut actors = p.actors.clone();
    actors.push(actor(
        "africa-corps",
        ActorKind::ForeignForce,
        "russia",
        &["Africa Corps"],
        &[],
        (Some("2023-11-01"), None),
    ));
    if ended {
        let wagner = actors.iter_mut().find(|a| a.id == "wagner").unwrap();
        wagner.active_until = NaiveDate::from_ymd_opt(2025, 6, 6);
    }
    let relations = p.relations.clone();
    p = Profiles::new(p.countries.clone(), actors);
    p.relations = relations;
    p.relations.push(crate::relations::Relation {
        subject: "africa-corps".into(),
        kind: crate::relations::RelationType::SuccessorOf,
        object: "wagner".into(),
        from: NaiveDate::from_ymd_opt(2023, 11, 1),
        until: None,
        source: None,
        path: Default::default(),
        position: (0, 0),
    });
    p
}

#[test]
fn the_predecessor_named_after_a_succession_brings_its_successor() {
    let text = "Le groupe Wagner renforce sa présence au Mali\nLes hommes de Wagner sont arrivés à Bamako.\nWagner a installé une base.\nLe Mali a confirmé.\nUne autre phrase.";
    // Before the succession: Wagner alone.
    let (subjects, _) = detect_with(&succession(false), text, "2023-06-01");
    assert!(
        has(&subjects, "wagner") && !has(&subjects, "africa-corps"),
        "{subjects:?}"
    );
    // After it, Wagner still active: the successor is a mention.
    let (subjects, mentions) = detect_with(&succession(false), text, "2024-03-01");
    assert!(
        has(&subjects, "wagner") && !has(&subjects, "africa-corps"),
        "{subjects:?}"
    );
    assert!(has(&mentions, "africa-corps"), "{mentions:?}");
    // After Wagner's end: the successor instead, the name kept as a mention.
    let (subjects, mentions) = detect_with(&succession(true), text, "2025-09-01");
    assert!(
        has(&subjects, "africa-corps") && !has(&subjects, "wagner"),
        "{subjects:?}"
    );
    assert!(has(&mentions, "wagner"), "{mentions:?}");
    // A passing mention of the predecessor makes a passing mention only.
    let text = "Le Mali renforce son armée\nLe Mali a reçu cette semaine des avions de combat et des hélicoptères neufs.\nLe Mali forme des pilotes, comme Wagner autrefois.\nLe Mali a confirmé.\nLes pilotes volent.\nLes avions sont neufs.";
    let (subjects, mentions) = detect_with(&succession(false), text, "2024-03-01");
    assert!(!has(&subjects, "africa-corps"), "{subjects:?}");
    assert!(has(&mentions, "africa-corps"), "{mentions:?}");
}
