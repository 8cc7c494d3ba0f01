//! Dates written in words or figures, in French and English: month names,
//! `11 avril 2024`, `April 11, 2024`, `2024-04-11`, and days without a
//! year, resolved from a known date.

use chrono::{Datelike, NaiveDate};

use super::gazetteer::fold;

const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
pub const MONTHS_FR: [&str; 12] = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

/// A month name in English or French (accents folded, `Sept` and
/// three-letter abbreviations too), 1-based.
pub fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    // Every month starts with one of these letters (`décembre`, `août` too).
    let first = word.chars().next()?;
    if !(3..=10).contains(&word.len()) || !"jfmasondJFMASOND".contains(first) {
        return None;
    }
    let w = fold(word);
    if w.len() < 3 {
        return None;
    }
    for (i, (en, fr)) in MONTHS_EN.iter().zip(MONTHS_FR.iter()).enumerate() {
        if *en == w
            || *fr == w
            || (w.len() >= 3 && (en.starts_with(&w) || fr.starts_with(&w)) && w.len() <= 4)
        {
            return Some(i as u32 + 1);
        }
    }
    None
}

/// `April 11, 2024`, `11 avril 2024`, `11 April 2024`.
pub fn parse_date_words(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let day = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches(char::is_alphabetic);
        w.parse().ok().filter(|d| (1..=31).contains(d))
    };
    let year = |w: &str| -> Option<i32> {
        w.trim_end_matches('.')
            .parse()
            .ok()
            .filter(|y| (1900..=2100).contains(y))
    };
    match words.as_slice() {
        [m, d, y, ..] if month(m).is_some() => {
            NaiveDate::from_ymd_opt(year(y)?, month(m)?, day(d)?)
        }
        [d, m, y, ..] => NaiveDate::from_ymd_opt(year(y)?, month(m)?, day(d)?),
        _ => None,
    }
}

/// A date written somewhere in a line: its day, month and year if the
/// line gives one (`mercredi 12 avril 2024 812 mots`, `April 12, 2024`,
/// `12 avril`, `2024-04-12`, `12/04/2024`).
pub fn find_date(line: &str) -> Option<(u32, u32, Option<i32>)> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let day = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
        (w.len() <= 2)
            .then(|| w.parse().ok())
            .flatten()
            .filter(|d| (1..=31).contains(d))
    };
    let year = |w: Option<&&str>| -> Option<i32> {
        let w = w?.trim_end_matches(['.', ')', ':']);
        (w.len() == 4)
            .then(|| w.parse().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y))
    };
    for (i, w) in words.iter().enumerate() {
        if let Some(d) = numeric_date(w) {
            return Some((d.day(), d.month(), Some(d.year())));
        }
        let next = words.get(i + 1).copied();
        if let (Some(d), Some(m)) = (day(w), next.and_then(month)) {
            return Some((d, m, year(words.get(i + 2))));
        }
        if let (Some(m), Some(d)) = (month(w), next.and_then(day)) {
            return Some((d, m, year(words.get(i + 2))));
        }
    }
    None
}

/// `2024-04-12` (also the start of a timestamp) or `12/04/2024`.
fn numeric_date(word: &str) -> Option<NaiveDate> {
    let word = word.trim_matches(|c: char| !c.is_ascii_digit());
    if let Some(iso) = word.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
            return Some(d);
        }
    }
    NaiveDate::parse_from_str(word, "%d/%m/%Y").ok()
}

/// A day and month without a year, placed in the year that puts it on or
/// shortly before `known` (a story of 28 December in a round-up of
/// 2 January is from the year before).
pub fn resolve_year(day: u32, month: u32, known: NaiveDate) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(known.year(), month, day)?;
    if this > known + chrono::Days::new(31) {
        NaiveDate::from_ymd_opt(known.year() - 1, month, day)
    } else {
        Some(this)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn month_names_in_both_languages() {
        assert_eq!(month("Décembre"), Some(12));
        assert_eq!(month("aout"), Some(8));
        assert_eq!(month("Sept."), Some(9));
        assert_eq!(month("May"), Some(5));
        assert_eq!(month("mais"), None);
        assert_eq!(parse_date_words("1er août 2023"), Some(ymd(2023, 8, 1)));
    }

    #[test]
    fn dates_are_found_inside_lines() {
        assert_eq!(
            find_date("Afrique, mercredi 12 avril 2024 812 mots, p. 4"),
            Some((12, 4, Some(2024)))
        );
        assert_eq!(find_date("April 3, 2023 Monday"), Some((3, 4, Some(2023))));
        assert_eq!(
            find_date("Publié le 2024-04-12T08:00"),
            Some((12, 4, Some(2024)))
        );
        assert_eq!(find_date("Mardi 12 avril"), Some((12, 4, None)));
        assert_eq!(find_date("523 words"), None);
        assert_eq!(find_date("Document AFPR000020240412"), None);
    }

    #[test]
    fn years_come_from_the_known_date() {
        assert_eq!(
            resolve_year(12, 4, ymd(2024, 4, 13)),
            Some(ymd(2024, 4, 12))
        );
        assert_eq!(
            resolve_year(28, 12, ymd(2024, 1, 2)),
            Some(ymd(2023, 12, 28))
        );
        assert_eq!(resolve_year(30, 2, ymd(2024, 4, 13)), None);
    }
}
