//! Monthly assessments: `content/assessments/YYYY-MM/<country>.md`, a
//! country's entry for one month with its trend, an optional alert, a
//! one-line headline and a Markdown body. The month comes from the folder,
//! the country from the file name.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::config::Lang;
use crate::error::{did_you_mean, Diagnostic};
use crate::frontmatter::{self, toml_diagnostic};
use crate::model::{is_slug, Names, Profiles};

/// How the situation moved since the month before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Trend {
    Deteriorated,
    Improved,
    Unchanged,
}

impl Trend {
    pub fn id(self) -> &'static str {
        match self {
            Trend::Deteriorated => "deteriorated",
            Trend::Improved => "improved",
            Trend::Unchanged => "unchanged",
        }
    }

    /// An arrow that reads without colour.
    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Deteriorated => "↓",
            Trend::Improved => "↑",
            Trend::Unchanged => "→",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Trend::Deteriorated, Lang::En) => "Deteriorated",
            (Trend::Deteriorated, Lang::Fr) => "Dégradation",
            (Trend::Improved, Lang::En) => "Improved",
            (Trend::Improved, Lang::Fr) => "Amélioration",
            (Trend::Unchanged, Lang::En) => "Unchanged",
            (Trend::Unchanged, Lang::Fr) => "Situation inchangée",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AlertKind {
    Risk,
    Opportunity,
}

impl AlertKind {
    pub fn id(self) -> &'static str {
        match self {
            AlertKind::Risk => "risk",
            AlertKind::Opportunity => "opportunity",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (AlertKind::Risk, Lang::En) => "Risk alert",
            (AlertKind::Risk, Lang::Fr) => "Alerte : risque",
            (AlertKind::Opportunity, Lang::En) => "Opportunity",
            (AlertKind::Opportunity, Lang::Fr) => "Alerte : opportunité",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alert {
    pub kind: AlertKind,
    pub text: Text,
}

/// A line of text, or one per language: `"..."` or `{ fr = "..", en = ".." }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Text {
    One(String),
    Both(Names),
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Text::One(line) => line.trim(),
            Text::Both(names) => names.get(lang).trim(),
        }
    }

    /// Whether every language has one non-empty line.
    fn is_one_line(&self) -> bool {
        let ok = |l: &str| !l.trim().is_empty() && !l.contains('\n');
        match self {
            Text::One(line) => ok(line),
            Text::Both(names) => ok(&names.fr) && ok(&names.en),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Assessment {
    pub path: PathBuf,
    pub year: i32,
    pub month: u32,
    /// A country id.
    pub country: String,
    pub trend: Trend,
    /// One line, or one per language (`headline = { fr = "..", en = ".." }`).
    pub headline: Text,
    pub alert: Option<Alert>,
    pub body: String,
    pub body_line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssessmentFront {
    trend: Trend,
    headline: Spanned<Text>,
    alert: Option<Spanned<Alert>>,
}

const FIELDS: &[&str] = &["trend", "headline", "alert"];

/// Parses `content/assessments/YYYY-MM/<country>.md`; the country id is
/// checked by [`check_assessments`].
pub fn parse_assessment(path: &Path, text: &str) -> Result<Assessment, Vec<Diagnostic>> {
    let (year, month) = month_of(path)?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if !is_slug(stem) {
        return Err(vec![Diagnostic::new(
            path,
            format!("the file name \"{stem}\" is not a country id"),
        )
        .help("name the file after the country's profile, e.g. niger.md")]);
    }
    let split = frontmatter::split(text, path).map_err(|d| vec![d])?;
    let front: AssessmentFront = toml::from_str(split.toml).map_err(|e| {
        let mut d = toml_diagnostic(&e, split.toml, split.toml_line, path, FIELDS);
        if d.message.contains("untagged enum Text") {
            d.message = "neither a line of text nor { fr, en }".into();
            d = d.help("write headline = \"...\" or headline = { fr = \"...\", en = \"...\" }");
        }
        vec![d]
    })?;
    let mut problems = Vec::new();
    if !front.headline.get_ref().is_one_line() {
        problems.push(
            Diagnostic::new(path, "the headline must be one line of text")
                .at_offset(split.toml, front.headline.span().start, split.toml_line)
                .help("sum the month up in one sentence, e.g. headline = \"Attacks on convoys spread to the south-west\""),
        );
    }
    if let Some(alert) = &front.alert {
        if !alert.get_ref().text.is_one_line() {
            problems.push(
                Diagnostic::new(path, "the alert's text must be one line")
                    .at_offset(split.toml, alert.span().start, split.toml_line)
                    .help("say in one line what to watch, or remove the alert"),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Assessment {
        path: path.to_path_buf(),
        year,
        month,
        country: stem.to_string(),
        trend: front.trend,
        headline: front.headline.into_inner(),
        alert: front.alert.map(Spanned::into_inner),
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}

/// The month of an assessment: its folder's name, `YYYY-MM`.
fn month_of(path: &Path) -> Result<(i32, u32), Vec<Diagnostic>> {
    let folder = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|f| f.to_str())
        .unwrap_or_default();
    let parsed = folder.split_once('-').and_then(|(y, m)| {
        let ok = y.len() == 4 && m.len() == 2;
        let (y, m) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
        (ok && (1990..=9999).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
    });
    parsed.ok_or_else(|| {
        vec![Diagnostic::new(
            path,
            format!("the folder \"{folder}\" is not a month"),
        )
        .help("put each assessment in a folder named after its month, e.g. content/assessments/2024-07/niger.md")]
    })
}

/// A problem for each assessment of a country without a profile.
pub fn check_assessments(assessments: &[Assessment], profiles: &Profiles) -> Vec<Diagnostic> {
    assessments
        .iter()
        .filter(|a| profiles.country(&a.country).is_none())
        .map(|a| {
            let known = profiles.country_index.keys().map(String::as_str);
            let help = did_you_mean(&a.country, known).map_or_else(
                || "name the file after a country profile in content/countries".to_string(),
                |d| format!("{d} rename the file"),
            );
            Diagnostic::new(&a.path, format!("unknown country \"{}\"", a.country)).help(help)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(path: &str, front: &str) -> Result<Assessment, Vec<Diagnostic>> {
        parse_assessment(Path::new(path), &format!("+++\n{front}+++\nBody\n"))
    }

    const OK: &str = "trend = \"deteriorated\"\nheadline = \"Attacks spread\"\n";

    #[test]
    fn month_and_country_come_from_the_path() {
        let a = parse(
            "content/assessments/2024-07/niger.md",
            &format!("{OK}alert = {{ kind = \"risk\", text = \"Convoys\" }}\n"),
        )
        .unwrap();
        assert_eq!((a.year, a.month, a.country.as_str()), (2024, 7, "niger"));
        assert_eq!(a.trend, Trend::Deteriorated);
        assert_eq!(a.alert.unwrap().kind, AlertKind::Risk);
        assert_eq!(a.body, "Body\n");
    }

    #[test]
    fn bad_months_and_names_are_refused() {
        for folder in ["2024-13", "24-07", "2024-7", "july"] {
            let errs = parse(&format!("content/assessments/{folder}/niger.md"), OK).unwrap_err();
            assert!(errs[0].message.contains("is not a month"), "{folder}");
        }
        let errs = parse("content/assessments/2024-07/Niger.md", OK).unwrap_err();
        assert!(errs[0].message.contains("not a country id"));
    }

    #[test]
    fn fields_are_checked() {
        let path = "content/assessments/2024-07/niger.md";
        let errs = parse(path, "trend = \"worse\"\nheadline = \"x\"\n").unwrap_err();
        assert!(
            errs[0].message.contains("unknown variant `worse`"),
            "{}",
            errs[0]
        );
        assert_eq!(errs[0].position, Some((2, 9)));
        let errs = parse(path, "trend = \"improved\"\n").unwrap_err();
        assert!(errs[0].message.contains("missing field `headline`"));
        let errs = parse(
            path,
            &format!("{OK}alert = {{ kind = \"doom\", text = \"x\" }}\n"),
        )
        .unwrap_err();
        assert!(errs[0].message.contains("unknown variant `doom`"));
        let errs = parse(path, "trend = \"improved\"\nheadline = 3\n").unwrap_err();
        assert!(
            errs[0].message.contains("neither a line of text"),
            "{}",
            errs[0]
        );
        let a = parse(
            path,
            "trend = \"improved\"\nheadline = { fr = \"Accalmie\", en = \"Lull\" }\n",
        )
        .unwrap();
        assert_eq!(
            (a.headline.get(Lang::Fr), a.headline.get(Lang::En)),
            ("Accalmie", "Lull")
        );
        let errs = parse(
            path,
            "trend = \"improved\"\nheadline = { fr = \"\", en = \"Lull\" }\n",
        )
        .unwrap_err();
        assert!(errs[0].message.contains("one line of text"));
        let errs = parse(
            path,
            &format!("{OK}alert = {{ kind = \"risk\", text = \"\" }}\n"),
        )
        .unwrap_err();
        assert!(errs[0].message.contains("alert's text must be one line"));
        let errs = parse(path, "trend = \"improved\"\nheadline = \"  \"\n").unwrap_err();
        assert_eq!(
            errs[0].to_string().split(" (").next().unwrap(),
            format!("{path}:3:12: the headline must be one line of text")
        );
    }
}
