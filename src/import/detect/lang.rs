//! The article's language and its date.

use chrono::NaiveDate;

use crate::config::Lang;
use crate::import::gazetteer::fold;
use crate::import::text::month;

/// French or English, from the share of each language's function words.
pub fn detect_lang(text: &str) -> Option<Lang> {
    const FR: &[&str] = &[
        "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "pour", "dans", "que",
        "qui", "sur", "au", "aux", "par", "avec", "ne", "pas", "plus", "ont", "sont", "ce",
        "cette", "son", "ses", "leur", "il", "elle", "a", "ete",
    ];
    const EN: &[&str] = &[
        "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "was", "by", "as",
        "are", "from", "has", "have", "it", "its", "be", "this", "at", "an", "which", "were",
        "said", "will", "he", "she", "they", "their",
    ];
    let (mut fr, mut en) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.len() <= 5)
        .take(3000)
    {
        let folded;
        let w = if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
            word
        } else {
            folded = fold(word);
            folded.as_str()
        };
        fr += FR.contains(&w) as usize;
        en += EN.contains(&w) as usize;
    }
    match fr.cmp(&en) {
        std::cmp::Ordering::Greater => Some(Lang::Fr),
        std::cmp::Ordering::Less => Some(Lang::En),
        std::cmp::Ordering::Equal => None,
    }
}

/// Every full date written in the text (`24 décembre 2023`,
/// `December 24, 2023`, `2023-12-24`, `24/12/2023`), in text order.
pub fn find_dates(text: &str) -> Vec<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let day = |w: &str| -> Option<u32> {
        w.trim_end_matches(char::is_alphabetic)
            .parse()
            .ok()
            .filter(|d| (1..=31).contains(d))
    };
    let year = |w: &str| -> Option<i32> {
        let w = w.trim_end_matches(|c: char| !c.is_ascii_digit());
        (w.len() == 4)
            .then(|| w.parse().ok())
            .flatten()
            .filter(|y| (1950..=2100).contains(y))
    };
    let mut dates = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if let Some(m) = month(w) {
            if w.len() < 4 && !w.ends_with('.') && w.chars().next().is_some_and(char::is_lowercase)
            {
                continue;
            }
            let before = i.checked_sub(1).and_then(|j| day(words[j]));
            let after = words.get(i + 1).and_then(|w| day(w));
            let y_next = words.get(i + 1).and_then(|w| year(w));
            let y_after = words.get(i + 2).and_then(|w| year(w));
            let date = match (before, y_next, after, y_after) {
                (Some(d), Some(y), _, _) => NaiveDate::from_ymd_opt(y, m, d),
                (_, _, Some(d), Some(y)) => NaiveDate::from_ymd_opt(y, m, d),
                _ => None,
            };
            dates.extend(date);
        } else if w.len() >= 8 && w.contains(['-', '/', '.']) {
            dates.extend(numeric_date(w));
        }
    }
    dates
}

fn numeric_date(w: &str) -> Option<NaiveDate> {
    let w = w.trim_matches(|c: char| !c.is_ascii_digit());
    let parts: Vec<&str> = w.split(['-', '/', '.']).collect();
    if parts.len() != 3 || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    if parts[0].len() == 4 && w.contains('-') {
        NaiveDate::from_ymd_opt(parts[0].parse().ok()?, n(parts[1])?, n(parts[2])?)
    } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        NaiveDate::from_ymd_opt(parts[2].parse().ok()?, n(parts[1])?, n(parts[0])?)
    } else {
        None
    }
}

/// Where the article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBasis {
    Given,
    Dateline,
    Text,
    Tweet,
    Today,
}

/// The article's date: a dateline in the first blocks or the last one
/// (a communiqué's `Fait à Niamey, le ...`), else the latest date written
/// in the text that is not in the future, never before a pasted tweet;
/// else the latest tweet; else `today`.
pub fn detect_date(
    blocks: &[&str],
    tweet_dates: &[NaiveDate],
    today: NaiveDate,
) -> (NaiveDate, DateBasis) {
    let latest_tweet = tweet_dates.iter().max().copied();
    let not_future = |d: &NaiveDate| *d <= today;
    let head: Vec<NaiveDate> = blocks
        .iter()
        .take(2)
        .chain(blocks.last())
        .flat_map(|b| find_dates(b))
        .filter(not_future)
        .collect();
    let found = match head.iter().max() {
        Some(&d) => Some((d, DateBasis::Dateline)),
        None => blocks
            .iter()
            .flat_map(|b| find_dates(b))
            .filter(not_future)
            .max()
            .map(|d| (d, DateBasis::Text)),
    };
    match (found, latest_tweet) {
        (Some((d, _)), Some(t)) if t > d => (t, DateBasis::Tweet),
        (Some(found), _) => found,
        (None, Some(t)) => (t, DateBasis::Tweet),
        (None, None) => (today, DateBasis::Today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_function_words() {
        assert_eq!(
            detect_lang("Le Niger a reçu des instructeurs de la Russie."),
            Some(Lang::Fr)
        );
        assert_eq!(
            detect_lang("The junta said it was in the interest of the people."),
            Some(Lang::En)
        );
    }

    #[test]
    fn dates_in_both_languages_and_numbers() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(find_dates("Dimanche 24 Décembre 2023"), [d(2023, 12, 24)]);
        assert_eq!(find_dates("on April 11, 2024 at"), [d(2024, 4, 11)]);
        assert_eq!(
            find_dates("le 1er août 2023, puis 2023-08-05 et 06/08/2023"),
            [d(2023, 8, 1), d(2023, 8, 5), d(2023, 8, 6)]
        );
        assert!(find_dates("en mars, le coup de juillet 2023").is_empty());
    }

    #[test]
    fn date_prefers_dateline_and_respects_tweets() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let today = d(2026, 1, 1);
        let blocks = [
            "Niamey, 24 décembre 2023 - Le CNSP...",
            "Le 26 juillet 2023, un coup.",
        ];
        assert_eq!(
            detect_date(&blocks, &[], today),
            (d(2023, 12, 24), DateBasis::Dateline)
        );
        // A pasted tweet is a lower bound.
        assert_eq!(
            detect_date(&blocks, &[d(2024, 1, 2)], today).0,
            d(2024, 1, 2)
        );
        assert_eq!(
            detect_date(&["rien"], &[d(2024, 4, 11)], today),
            (d(2024, 4, 11), DateBasis::Tweet)
        );
        assert_eq!(
            detect_date(&["rien"], &[], today),
            (today, DateBasis::Today)
        );
        // Future dates are plans, not the article's date.
        assert_eq!(
            detect_date(&["Élections le 5 mai 2030."], &[], today).1,
            DateBasis::Today
        );
    }
}
