//! Who acts in an article: officials of a state, countries that only
//! qualify an actor, actors in short items, pronouns after a junta or
//! telling a quote, a relative clause after an apposition, the junta
//! unnamed in the lead.

use super::tests::{after_meeting_macron, detect, has};

#[test]
fn an_official_introduced_with_their_office_speaks_for_the_state() {
    // Somalia has no person in the profiles: its minister, once named
    // with the office, stands for the state wherever the name returns.
    let told = "Une semaine de diplomatie\nLe sommet a réuni des délégués venus de toute la région.\nLes délégués ont parlé de sécurité pendant trois jours.\nLe ministre somalien des Affaires étrangères, Ali Warsame Guled, a pris la parole.\nLes délégués ont écouté.\nM. Guled a ensuite rencontré la presse.\nIl a répété son appel.\nLes délégués ont parlé de commerce.\nLes délégués sont repartis mardi.";
    let (subjects, _) = detect(told, "2023-08-01");
    assert!(subjects.contains(&"somalia".to_string()), "{subjects:?}");
    // The same sentences without the name tying them to the minister.
    let unnamed = told
        .replace("M. Guled a ensuite", "Un délégué a ensuite")
        .replace("Il a répété son appel.", "La salle a applaudi.");
    let (subjects, mentions) = detect(&unnamed, "2023-08-01");
    assert!(!subjects.contains(&"somalia".to_string()), "{subjects:?}");
    assert!(mentions.contains(&"somalia".to_string()), "{mentions:?}");
    // English word order, the office before the name.
    let english = "A week of talks\nDelegates from across the region met for three days.\nThey discussed security at length.\nSomali Foreign Minister Ali Warsame Guled spoke first.\nThe delegates listened.\nGuled later met the press.\nHe repeated his call.\nThey discussed trade.\nThe delegates left on Tuesday.";
    let (subjects, _) = detect(english, "2023-08-01");
    assert!(subjects.contains(&"somalia".to_string()), "{subjects:?}");
}

#[test]
fn a_name_after_a_comma_is_an_official_only_as_an_apposition() {
    // `the Malian government, Human Rights Watch said`: an outlet quoted
    // after the state, not its official.
    let told = "A week of talks\nDelegates from across the region met for three days.\nThey discussed security at length.\nThey heard from the Somali government, Human Rights Watch reported.\nThe delegates listened.\nHuman Rights Watch later met the press.\nHuman Rights Watch repeated its call.\nThey discussed trade.\nThe delegates left on Tuesday.";
    let (subjects, _) = detect(told, "2023-08-01");
    assert!(!subjects.contains(&"somalia".to_string()), "{subjects:?}");
}

#[test]
fn a_country_that_only_qualifies_an_actor_is_a_mention() {
    let short = "Russia's Wagner due in Mali next month\nThe Moscow-funded Wagner group is expected soon, officials in Bamako said.";
    let (subjects, mentions) = detect(short, "2023-08-01");
    assert!(subjects.contains(&"wagner".to_string()), "{subjects:?}");
    assert!(!subjects.contains(&"russia".to_string()), "{subjects:?}");
    assert!(mentions.contains(&"russia".to_string()), "{mentions:?}");
    // A demonym right before the actor's name, in the title too.
    let demonym =
        "Russian Wagner instructors land in Mali\nWitnesses in Bamako saw the fighters on Monday.";
    let (subjects, mentions) = detect(demonym, "2023-08-01");
    assert!(!subjects.contains(&"russia".to_string()), "{subjects:?}");
    assert!(mentions.contains(&"russia".to_string()), "{mentions:?}");
    // The country acting, in the title and the body: a subject.
    let acting =
        "Russia sends Wagner to Mali\nRussia has sent the group to Bamako, officials said.";
    let (subjects, _) = detect(acting, "2023-08-01");
    assert!(subjects.contains(&"russia".to_string()), "{subjects:?}");
    // `Russia's troops`: its own army, not hired men.
    let army = "Russia's troops arrive in Mali\nThey landed in Bamako on Monday.";
    let (subjects, _) = detect(army, "2023-08-01");
    assert!(subjects.contains(&"russia".to_string()), "{subjects:?}");
}

#[test]
fn in_a_short_item_an_actor_is_a_subject_only_where_it_acts() {
    let passive =
        "A report on Mali\nInvestigators published the report on Monday under the watch of ECOWAS.";
    let (s, m) = detect(passive, "2023-08-01");
    assert!(!has(&s, "ecowas") && has(&m, "ecowas"), "{s:?} {m:?}");
    let acting = "A report on Mali\nECOWAS published the report on Monday.";
    let (s, _) = detect(acting, "2023-08-01");
    assert!(has(&s, "ecowas"), "{s:?}");
    // The second of two agents of a passive acts too.
    let agents = "A report on Mali\nCivilians were killed by unknown gunmen and the JNIM fighters, the report says.";
    let (s, _) = detect(agents, "2023-08-01");
    assert!(has(&s, "jnim"), "{s:?}");
}

#[test]
fn the_state_named_by_its_demonym_is_the_country() {
    let fr = "Une semaine tendue\nLes délégués sont arrivés lundi pour une réunion sur la sécurité.\nL'État malien a fermé la frontière.\nLes délégués ont parlé de commerce.\nL'État malien a ensuite rouvert un poste.\nLes délégués sont repartis mardi.";
    let (s, _) = detect(fr, "2023-08-01");
    assert!(has(&s, "mali"), "{s:?}");
    // `the Malian state budget` is Mali's; `Niger State` is not Niger.
    let en = "Malian State budget under scrutiny\nAuditors read the accounts.";
    let (s, _) = detect(en, "2023-08-01");
    assert!(has(&s, "mali"), "{s:?}");
    let (s, m) = detect("Floods in Niger State\nRivers rose.", "2023-08-01");
    assert!(!has(&s, "niger") && !has(&m, "niger"), "{s:?} {m:?}");
}

#[test]
fn a_pronoun_after_a_junta_or_group_goes_on_about_it() {
    let told = "Une semaine tendue\nLes délégués sont arrivés lundi pour une réunion sur la sécurité.\nLes délégués ont parlé de commerce.\nLes autorités burkinabè ont protesté contre la visite.\nElles ont rappelé leur ambassadeur.\nLes délégués ont parlé de la frontière.\nLes délégués ont parlé des routes.\nLes délégués sont repartis mardi.";
    let (s, _) = detect(told, "2023-08-01");
    assert!(has(&s, "mpsr"), "{s:?}");
    let alone = told.replace(
        "Elles ont rappelé leur ambassadeur.",
        "La presse a commenté.",
    );
    let (s, m) = detect(&alone, "2023-08-01");
    assert!(!has(&s, "mpsr") && has(&m, "mpsr"), "{s:?} {m:?}");
    // A person named just before takes the pronoun, not the junta.
    let person = told.replace(
        "Elles ont rappelé",
        "Mahamat Déby a réagi.\nIls ont rappelé",
    );
    let (s, _) = detect(&person, "2023-08-01");
    assert!(!has(&s, "mpsr"), "{s:?}");
}

#[test]
fn the_common_spelling_putchist_names_juntas_too() {
    let en = "Niger and Burkina Faso leave the bloc\nOn Sunday the putchist regimes of both announced their exit.\nThe two countries were founding members.\nTalks had failed for months.\nDiplomats were surprised.\nThe putchist regimes said the decision was final.";
    let (s, _) = detect(en, "2024-01-28");
    assert!(has(&s, "cnsp-niger") && has(&s, "mpsr"), "{s:?}");
    let fr = "Niger : un programme annoncé\nLes putchistes ont annoncé dimanche leur programme, a dit le Niger.\nLe Niger attend.\nLes putchistes ont confirmé.\nLe Niger se tait.";
    let (s, _) = detect(fr, "2024-01-28");
    assert!(has(&s, "cnsp-niger"), "{s:?}");
}

#[test]
fn a_leaders_followers_are_the_group_the_leader_heads() {
    // The group is named once; its men acting elsewhere, under their
    // leader's name, are the group acting again.
    let told = "Une semaine difficile dans le centre\nLes habitants de la région ont vécu une semaine difficile.\nLa Katiba Macina a revendiqué l'attaque du marché.\nLes habitants ont fui vers la ville.\nLes écoles sont restées fermées.\nLes hommes de Koufa ont ensuite bloqué la route.\nLes commerçants attendent des jours meilleurs.\nLes habitants sont rentrés samedi.";
    let (subjects, _) = detect(told, "2023-08-01");
    assert!(
        subjects.contains(&"katiba-macina".to_string()),
        "{subjects:?}"
    );
    // English order, the possessive before the followers.
    let english = told
        .replace("Une semaine difficile dans le centre", "A hard week")
        .replace(
            "Les hommes de Koufa ont ensuite bloqué la route.",
            "Koufa's fighters then blocked the road.",
        );
    let (subjects, _) = detect(&english, "2023-08-01");
    assert!(
        subjects.contains(&"katiba-macina".to_string()),
        "{subjects:?}"
    );
    // The leader named for himself, not for his men: one sentence about
    // the group, a mention.
    let alone = told.replace(
        "Les hommes de Koufa ont ensuite bloqué la route.",
        "Un prêche de Koufa a circulé en ligne.",
    );
    let (subjects, mentions) = detect(&alone, "2023-08-01");
    assert!(
        !subjects.contains(&"katiba-macina".to_string()),
        "{subjects:?}"
    );
    assert!(
        mentions.contains(&"katiba-macina".to_string()),
        "{mentions:?}"
    );
}

#[test]
fn a_quote_told_by_a_pronoun_is_the_person_just_named() {
    let told = after_meeting_macron(&[
        "« Nous serons là », a-t-il déclaré.",
        "« Rien ne change », estime-t-il encore.",
    ]);
    let (subjects, _) = detect(&told, "2023-08-01");
    assert!(subjects.contains(&"macron".to_string()), "{subjects:?}");
    let english = "A week of diplomacy\nThe summit gathered delegates from the whole region.\nThe delegates spoke of security.\nThe meeting was held with Emmanuel Macron.\n\"We will stay,\" he said.\n\"Nothing changes,\" he added.\nThe delegates left on Tuesday.";
    let (subjects, _) = detect(english, "2023-08-01");
    assert!(subjects.contains(&"macron".to_string()), "{subjects:?}");
    // An impersonal question (`faut-il`, `y a-t-il`) tells no quote.
    let impersonal = told
        .replace("« Nous serons là », a-t-il déclaré.", "Faut-il rester ?")
        .replace(
            "« Rien ne change », estime-t-il encore.",
            "Y a-t-il un plan ?",
        );
    let (subjects, mentions) = detect(&impersonal, "2023-08-01");
    assert!(!subjects.contains(&"macron".to_string()), "{subjects:?}");
    assert!(mentions.contains(&"macron".to_string()), "{mentions:?}");
}

#[test]
fn a_relative_clause_after_an_apposition_is_the_named_one_acting() {
    let told = after_meeting_macron(&[
        "Le sommet a aussi reçu Emmanuel Macron, un allié ancien, qui a promis un soutien.",
    ]);
    let (subjects, _) = detect(&told, "2023-08-01");
    assert!(subjects.contains(&"macron".to_string()), "{subjects:?}");
    // A list, not an apposition: Macron does not act.
    let listed = told.replace("un allié ancien, qui", "des ministres, des délégués qui");
    let (subjects, mentions) = detect(&listed, "2023-08-01");
    assert!(!subjects.contains(&"macron".to_string()), "{subjects:?}");
    assert!(mentions.contains(&"macron".to_string()), "{mentions:?}");
}

#[test]
fn the_junta_unnamed_in_the_lead_leads_the_story() {
    let text = "Niger : le bras de fer continue\nLe bras de fer entre Paris et la junte de Niamey se poursuit.\nLes diplomates français ont quitté le pays.\nLes écoles ont rouvert lundi.\nLes marchés de la capitale restent calmes.\nPlusieurs accords ont été remis en cause depuis l'arrivée des putschistes.\nLa saison des pluies a commencé.";
    let (s, _) = detect(text, "2023-09-01");
    assert!(s.contains(&"cnsp-niger".to_string()), "{s:?}");
    // Juntas in general (`les juntes`) lead nothing.
    let general = text.replace("la junte de Niamey", "les juntes de la région");
    let (s, m) = detect(&general, "2023-09-01");
    assert!(!s.contains(&"cnsp-niger".to_string()), "{s:?}");
    assert!(m.contains(&"cnsp-niger".to_string()), "{m:?}");
}

#[test]
fn a_pronoun_after_an_opening_phrase_is_the_person_just_named() {
    let told = after_meeting_macron(&[
        "Selon un diplomate, il a promis un soutien.",
        "Après cela, il a rappelé les engagements passés.",
    ]);
    let (subjects, _) = detect(&told, "2023-08-01");
    assert!(subjects.contains(&"macron".to_string()), "{subjects:?}");
    // Impersonal after the phrase: nobody is meant.
    let impersonal = told
        .replace("il a promis un soutien", "il faut agir")
        .replace(
            "il a rappelé les engagements passés",
            "il y a eu des débats",
        );
    let (subjects, mentions) = detect(&impersonal, "2023-08-01");
    assert!(!subjects.contains(&"macron".to_string()), "{subjects:?}");
    assert!(mentions.contains(&"macron".to_string()), "{mentions:?}");
}
