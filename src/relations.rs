//! How actors stand to each other: `[[relations]]` in actor profiles
//! (JNIM affiliate of AQIM, Ansar Dine part of JNIM, ...), checked here
//! and worded both ways for the actor pages and the relations page.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

use crate::config::Lang;
use crate::error::{did_you_mean, Diagnostic};
use crate::frontmatter::Split;
use crate::model::Profiles;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationType {
    PartOf,
    AffiliateOf,
    SuccessorOf,
    LeaderOf,
    AlliedWith,
    RivalOf,
    SplinterOf,
}

impl RelationType {
    pub const ALL: [RelationType; 7] = [
        RelationType::PartOf,
        RelationType::AffiliateOf,
        RelationType::SplinterOf,
        RelationType::SuccessorOf,
        RelationType::LeaderOf,
        RelationType::AlliedWith,
        RelationType::RivalOf,
    ];

    pub fn id(self) -> &'static str {
        match self {
            RelationType::PartOf => "part-of",
            RelationType::AffiliateOf => "affiliate-of",
            RelationType::SuccessorOf => "successor-of",
            RelationType::LeaderOf => "leader-of",
            RelationType::AlliedWith => "allied-with",
            RelationType::RivalOf => "rival-of",
            RelationType::SplinterOf => "splinter-of",
        }
    }

    /// The relation from its subject's side: "JNIM: affiliate of AQIM".
    pub fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RelationType::PartOf, Lang::En) => "part of",
            (RelationType::PartOf, Lang::Fr) => "composante de",
            (RelationType::AffiliateOf, Lang::En) => "affiliate of",
            (RelationType::AffiliateOf, Lang::Fr) => "affilié à",
            (RelationType::SuccessorOf, Lang::En) => "successor of",
            (RelationType::SuccessorOf, Lang::Fr) => "successeur de",
            (RelationType::LeaderOf, Lang::En) => "leader of",
            (RelationType::LeaderOf, Lang::Fr) => "dirige",
            (RelationType::AlliedWith, Lang::En) => "allied with",
            (RelationType::AlliedWith, Lang::Fr) => "allié à",
            (RelationType::RivalOf, Lang::En) => "rival of",
            (RelationType::RivalOf, Lang::Fr) => "rival de",
            (RelationType::SplinterOf, Lang::En) => "splinter of",
            (RelationType::SplinterOf, Lang::Fr) => "scission de",
        }
    }

    /// The same relation from its object's side: "AQIM: affiliates JNIM".
    pub fn inverse_words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RelationType::PartOf, Lang::En) => "brings together",
            (RelationType::PartOf, Lang::Fr) => "regroupe",
            (RelationType::AffiliateOf, Lang::En) => "has as affiliate",
            (RelationType::AffiliateOf, Lang::Fr) => "a pour affilié",
            (RelationType::SuccessorOf, Lang::En) => "succeeded by",
            (RelationType::SuccessorOf, Lang::Fr) => "remplacé par",
            (RelationType::LeaderOf, Lang::En) => "led by",
            (RelationType::LeaderOf, Lang::Fr) => "dirigé par",
            (RelationType::SplinterOf, Lang::En) => "split into",
            (RelationType::SplinterOf, Lang::Fr) => "a donné naissance à",
            // Symmetric relations read the same from both sides.
            (kind, lang) => kind.words(lang),
        }
    }
}

/// One relation of one actor to another, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The profile it is written in: its subject.
    pub subject: String,
    pub kind: RelationType,
    pub object: String,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Where it is established: a title or an address.
    pub source: Option<String>,
    pub path: PathBuf,
    /// Line and column of `actor`, for an unknown id.
    pub position: (usize, usize),
}

/// `[[relations]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationFront {
    #[serde(rename = "type")]
    kind: RelationType,
    actor: Spanned<String>,
    from: Option<Spanned<Datetime>>,
    until: Option<Spanned<Datetime>>,
    source: Option<String>,
}

/// Checks what one profile can check alone: dates, and no relation to
/// itself. Ids are checked against every profile by [`check_ids`].
pub fn parse_relations(
    fronts: Vec<RelationFront>,
    subject: &str,
    split: &Split,
    path: &Path,
) -> Result<Vec<Relation>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut relations = Vec::with_capacity(fronts.len());
    let at = |offset: usize| crate::error::line_col(split.toml, offset);
    let place = |offset: usize| {
        let (line, col) = at(offset);
        (line + split.toml_line - 1, col)
    };
    for front in fronts {
        let mut day = |value: &Option<Spanned<Datetime>>| {
            let value = value.as_ref()?;
            let d = value.get_ref().date;
            let date = d
                .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()));
            if date.is_none() {
                let (line, col) = place(value.span().start);
                problems.push(
                    Diagnostic::new(path, format!("`{}` is not a day", value.get_ref()))
                        .at(line, col)
                        .help("write a day like 2017-03-02, without quotes"),
                );
            }
            date
        };
        let from = day(&front.from);
        let until = day(&front.until);
        if let (Some(f), Some(u), Some(span)) = (from, until, &front.until) {
            if f > u {
                let (line, col) = place(span.span().start);
                problems.push(
                    Diagnostic::new(
                        path,
                        format!("the relation ends ({u}) before it starts ({f})"),
                    )
                    .at(line, col)
                    .help("swap `from` and `until`, or fix one of them"),
                );
            }
        }
        let position = place(front.actor.span().start + 1);
        if front.actor.get_ref() == subject {
            problems.push(
                Diagnostic::new(path, format!("\"{subject}\" is related to itself"))
                    .at(position.0, position.1)
                    .help("name another actor in `actor`"),
            );
        }
        relations.push(Relation {
            subject: subject.to_string(),
            kind: front.kind,
            object: front.actor.into_inner(),
            from,
            until,
            source: front.source.filter(|s| !s.trim().is_empty()),
            path: path.to_path_buf(),
            position,
        });
    }
    if problems.is_empty() {
        Ok(relations)
    } else {
        Err(problems)
    }
}

/// A problem for each relation naming an actor without a profile.
pub fn check_ids(relations: &[Relation], profiles: &Profiles) -> Vec<Diagnostic> {
    relations
        .iter()
        .filter(|r| profiles.actor(&r.object).is_none())
        .map(|r| {
            let known = profiles.actor_index.keys().map(String::as_str);
            let help = did_you_mean(&r.object, known).unwrap_or_else(|| {
                format!("add a profile content/actors/{}.md or fix the id", r.object)
            });
            Diagnostic::new(&r.path, format!("unknown actor \"{}\"", r.object))
                .at(r.position.0, r.position.1)
                .help(help)
        })
        .collect()
}

/// An actor's relations, both ways, as (words, other actor, relation):
/// the ones its profile states, then the ones others state about it.
pub fn relations_of<'a>(
    relations: &'a [Relation],
    actor: &str,
    lang: Lang,
) -> Vec<(&'static str, &'a str, &'a Relation)> {
    let mut lines = Vec::new();
    for r in relations.iter().filter(|r| r.subject == actor) {
        lines.push((r.kind.words(lang), r.object.as_str(), r));
    }
    for r in relations.iter().filter(|r| r.object == actor) {
        lines.push((r.kind.inverse_words(lang), r.subject.as_str(), r));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation(subject: &str, kind: RelationType, object: &str) -> Relation {
        Relation {
            subject: subject.into(),
            kind,
            object: object.into(),
            from: None,
            until: None,
            source: None,
            path: PathBuf::from("content/actors/x.md"),
            position: (1, 1),
        }
    }

    #[test]
    fn each_relation_reads_from_both_ends() {
        let all = [
            relation("jnim", RelationType::AffiliateOf, "aqim"),
            relation("ansar-dine", RelationType::PartOf, "jnim"),
            relation("ag-ghaly", RelationType::LeaderOf, "jnim"),
        ];
        let jnim: Vec<_> = relations_of(&all, "jnim", Lang::En)
            .into_iter()
            .map(|(w, o, _)| (w, o))
            .collect();
        assert_eq!(
            jnim,
            [
                ("affiliate of", "aqim"),
                ("brings together", "ansar-dine"),
                ("led by", "ag-ghaly")
            ]
        );
        let aqim = relations_of(&all, "aqim", Lang::Fr);
        assert_eq!((aqim[0].0, aqim[0].1), ("a pour affilié", "jnim"));
        assert_eq!(RelationType::RivalOf.inverse_words(Lang::En), "rival of");
    }
}
