//! Several stories in one pasted file (a press-database export, a
//! round-up) cut into one text per story, each with its own title and date.
//!
//! A file holds several documents when a *document marker* repeats: a
//! separator line (`-----`, `* * *`) between dated stories, or a short
//! header or trailer line of the same shape in every document (`523 words`,
//! `12 April 2024`, `Document AFPR0000...`: digits masked, month and day
//! names generalised) with a story's worth of text between two of them.
//! No phrase of any outlet is known here: only the repetition. What every
//! document repeats (the outlet, the language, `End of Document`, field
//! codes like `HD` and `LP`) is left out of the stories.

mod markers;

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

use super::dates::{find_date, resolve_year};
use markers::{documents, is_metadata, is_prose, is_separator, skeleton};

/// One story: a pasted text (title line, blank line, body) and the date
/// its header gives, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub text: String,
    pub date: Option<NaiveDate>,
    /// The outlet an export prints above each of its documents, and the
    /// document's address when it gives one.
    pub outlet: Option<String>,
    pub url: Option<String>,
}

impl Story {
    /// The whole file as one story.
    pub fn whole(text: &str) -> Story {
        Story {
            text: text.to_string(),
            date: None,
            outlet: None,
            url: None,
        }
    }
}

/// Header lines looked at before a story's text starts.
const MAX_HEADER: usize = 10;

/// The stories of a file; the whole file when it holds one. `known` (the
/// date given for the source, or today) places dates written without a
/// year when the file itself gives none.
pub fn split(text: &str, known: Option<NaiveDate>) -> Vec<Story> {
    let lines: Vec<&str> = text.lines().collect();
    let Some((ranges, markers)) = documents(&lines) else {
        return vec![Story::whole(text)];
    };
    let headers: Vec<Header> = ranges
        .iter()
        .map(|r| header(&lines, r.clone(), &markers))
        .collect();
    let mut export = Export {
        lines,
        ranges,
        markers,
        headers,
        repeated: HashMap::new(),
        codes: Vec::new(),
    };
    export.count_repeated();
    if (0..export.ranges.len()).any(|k| export.title(k).is_none()) {
        return vec![Story::whole(text)];
    }
    let source_date = export
        .headers
        .iter()
        .flat_map(|h| &h.dates)
        .find_map(|&(d, m, y)| y.and_then(|y| NaiveDate::from_ymd_opt(y, m, d)))
        .or(known);
    (0..export.ranges.len())
        .map(|k| export.story(k, source_date))
        .collect()
}

/// The header of one document: its first short lines, and the dates in them.
struct Header {
    lines: Vec<usize>,
    dates: Vec<(u32, u32, Option<i32>)>,
    /// Where the story's own text starts.
    body: usize,
}

fn header(lines: &[&str], range: Range<usize>, markers: &[usize]) -> Header {
    let mut h = Header {
        lines: Vec::new(),
        dates: Vec::new(),
        body: range.end,
    };
    for i in range.clone() {
        let line = lines[i].trim();
        if line.is_empty() || markers.contains(&i) && is_separator(line) {
            continue;
        }
        if is_prose(line) || h.lines.len() == MAX_HEADER {
            h.body = i;
            break;
        }
        if let Some(date) = find_date(line) {
            h.dates.push(date);
        }
        h.lines.push(i);
    }
    h
}

/// A file of several documents, and what its documents share.
struct Export<'a> {
    lines: Vec<&'a str>,
    ranges: Vec<Range<usize>>,
    markers: Vec<usize>,
    headers: Vec<Header>,
    /// The skeleton of each header or tail line, with the number of
    /// documents holding it: the outlet, the language, `End of Document`,
    /// `2 of 3 DOCUMENTS` repeat; a title does not.
    repeated: HashMap<String, usize>,
    /// Field codes (`HD`, `LP`, `AN`...) found in every document, when the
    /// export tags its lines with them.
    codes: Vec<String>,
}

/// `HD`, `WC`, `IPD`: two to four capitals opening a line, then a space
/// or nothing. Returns the code and the rest of the line.
fn field_code(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    let n = line.chars().take_while(char::is_ascii_uppercase).count();
    let rest = &line[n..];
    ((2..=4).contains(&n) && (rest.is_empty() || rest.starts_with([' ', '\t'])))
        .then(|| (&line[..n], rest.trim_start()))
}

impl Export<'_> {
    /// The lines after a document's last paragraph.
    fn tail(&self, k: usize) -> Range<usize> {
        let range = &self.ranges[k];
        let body_start = self.headers[k].body.max(range.start);
        let last_prose = (body_start..range.end)
            .rev()
            .find(|&i| is_prose(self.lines[i].trim()));
        last_prose.map_or(body_start, |i| i + 1)..range.end
    }

    fn count_repeated(&mut self) {
        let mut repeated: HashMap<String, usize> = HashMap::new();
        for k in 0..self.ranges.len() {
            let mut here: Vec<String> = self.headers[k]
                .lines
                .iter()
                .copied()
                .chain(self.tail(k))
                .map(|i| skeleton(self.lines[i]))
                .collect();
            here.sort();
            here.dedup();
            for s in here {
                *repeated.entry(s).or_default() += 1;
            }
        }
        self.repeated = repeated;
        // An export tags its lines when most header lines carry a code.
        let tagged = self.headers.iter().all(|h| {
            let coded = h
                .lines
                .iter()
                .filter(|&&i| field_code(self.lines[i]).is_some());
            coded.count() * 3 >= h.lines.len() * 2
        });
        if tagged {
            let mut codes: HashMap<&str, usize> = HashMap::new();
            for range in &self.ranges {
                let mut here: Vec<&str> = self.lines[range.clone()]
                    .iter()
                    .filter_map(|l| field_code(l).map(|(code, _)| code))
                    .collect();
                here.sort();
                here.dedup();
                for code in here {
                    *codes.entry(code).or_default() += 1;
                }
            }
            self.codes = codes
                .into_iter()
                .filter(|&(_, n)| n == self.ranges.len())
                .map(|(code, _)| code.to_string())
                .collect();
        }
    }

    /// A line without the export's field code.
    fn text_of(&self, i: usize) -> &str {
        match field_code(self.lines[i]) {
            Some((code, rest)) if self.codes.iter().any(|c| c == code) => rest,
            _ => self.lines[i].trim_end(),
        }
    }

    /// A header or tail line of the story's own: not metadata, not shared.
    fn own(&self, i: usize) -> bool {
        let line = self.lines[i];
        !is_metadata(line) && self.repeated.get(&skeleton(line)).copied().unwrap_or(0) <= 1
    }

    /// The first header line of the story's own.
    fn title(&self, k: usize) -> Option<usize> {
        self.headers[k]
            .lines
            .iter()
            .copied()
            .find(|&i| self.own(i) && !self.text_of(i).is_empty())
    }

    fn story(&self, k: usize, source_date: Option<NaiveDate>) -> Story {
        let (range, h) = (&self.ranges[k], &self.headers[k]);
        let title = self.title(k).expect("checked in split");
        let mut text = String::new();
        text.push_str(self.text_of(title).trim());
        text.push_str("\n\n");
        // Header lines of the story's own (a subtitle), then its body
        // without the export's lines.
        let tail = self.tail(k);
        let body = h.body.max(range.start)..range.end;
        for i in h.lines.iter().copied().chain(body.clone()) {
            let coded = !self.codes.is_empty() && field_code(self.lines[i]).is_some();
            let kept = if h.lines.contains(&i) || tail.contains(&i) {
                i != title && self.own(i) && !(coded && tail.contains(&i))
            } else {
                // A code alone (`LP`, `TD`) opens a part of the text.
                !(coded && self.text_of(i).is_empty())
            };
            if kept && !self.markers.contains(&i) {
                text.push_str(self.text_of(i));
                text.push('\n');
            }
        }
        let body_date = self.lines[body]
            .iter()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| find_date(l.get(..l.len().min(80)).unwrap_or(l)));
        let date = h
            .dates
            .first()
            .copied()
            .or(body_date)
            .and_then(|(d, m, y)| match y {
                Some(y) => NaiveDate::from_ymd_opt(y, m, d),
                None => resolve_year(d, m, source_date?),
            });
        Story {
            text,
            date,
            outlet: self.outlet(k),
            url: self.url(k),
        }
    }

    /// The outlet: the `SN` field of a coded export, else the first header
    /// line every document repeats that is not a date, a count, a language
    /// or a label (`Agence Sahel -- Français` gives `Agence Sahel`).
    fn outlet(&self, k: usize) -> Option<String> {
        if self.codes.iter().any(|c| c == "SN") {
            return self.lines[self.ranges[k].clone()]
                .iter()
                .find_map(|l| match field_code(l) {
                    Some(("SN", rest)) if !rest.is_empty() => Some(rest.to_string()),
                    _ => None,
                });
        }
        let everywhere =
            |i: usize| self.repeated.get(&skeleton(self.lines[i])) == Some(&self.ranges.len());
        self.headers[k]
            .lines
            .iter()
            .copied()
            .filter(|&i| everywhere(i) && !is_metadata(self.lines[i]))
            .map(|i| self.text_of(i).trim())
            .filter(|l| !l.contains(':') && !l.chars().any(|c| c.is_ascii_digit()))
            .filter_map(outlet_name)
            .next()
    }

    /// The first web address in a document's header or trailer lines.
    fn url(&self, k: usize) -> Option<String> {
        let h = &self.headers[k];
        h.lines
            .iter()
            .copied()
            .chain(self.tail(k))
            .flat_map(|i| self.lines[i].split_whitespace())
            .map(|w| w.trim_end_matches(['.', ',', ';', ')', '>']))
            .find(|w| crate::sources::is_web_address(w))
            .map(str::to_string)
    }
}

/// A header line without the language an export prints beside the
/// outlet: `Agence Sahel -- Français` -> `Agence Sahel`.
fn outlet_name(line: &str) -> Option<String> {
    line.split(" -- ")
        .flat_map(|part| part.split(" — "))
        .map(str::trim)
        .find(|part| !part.is_empty() && !is_language(part))
        .map(str::to_string)
}

/// A language's name as exports print it (`Français`, `ENGLISH`).
fn is_language(text: &str) -> bool {
    const NAMES: &[&str] = &[
        "francais",
        "french",
        "anglais",
        "english",
        "arabe",
        "arabic",
        "espanol",
        "spanish",
        "portugues",
        "portuguese",
        "deutsch",
        "german",
    ];
    NAMES.contains(&crate::import::gazetteer::fold(text).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "Les autorités ont annoncé mardi de nouvelles mesures de sécurité dans la région, après plusieurs attaques contre des postes de l'armée le long de la frontière.";

    fn export() -> String {
        let mut text = String::new();
        for (i, (title, date)) in [
            ("Premier titre de la dépêche", "12 avril 2024"),
            ("Deuxième titre, autre sujet", "13 avril 2024"),
            ("Troisième titre du jour", "14 avril 2024"),
        ]
        .iter()
        .enumerate()
        {
            text.push_str(&format!(
                "{title}\nAgence de presse\n{} mots\n{date}\nFrançais\n\n{PROSE}\n{PROSE}\n\nDocument AGP{i}0002024041{i}abc\n\n",
                400 + i
            ));
        }
        text
    }

    #[test]
    fn a_press_export_becomes_one_story_per_document() {
        let stories = split(&export(), None);
        assert_eq!(stories.len(), 3, "{stories:?}");
        assert!(
            stories[1]
                .text
                .starts_with("Deuxième titre, autre sujet\n\n"),
            "{}",
            stories[1].text
        );
        assert!(!stories[1].text.contains("Agence de presse"));
        assert!(!stories[1].text.contains("Document"));
        assert_eq!(stories[2].date, NaiveDate::from_ymd_opt(2024, 4, 14));
        // The outlet every header repeats; not the language line.
        assert_eq!(stories[1].outlet.as_deref(), Some("Agence de presse"));
        assert_eq!(stories[1].url, None);
    }

    #[test]
    fn a_round_up_with_separators_and_dates_without_a_year() {
        let text = format!(
            "Le Mali face aux attaques\n12 avril\n\n{PROSE}\n\n-----\n\nLe Niger et ses voisins\n28 décembre\n\n{PROSE}\n"
        );
        let known = NaiveDate::from_ymd_opt(2025, 1, 3);
        let stories = split(&text, known);
        assert_eq!(stories.len(), 2, "{stories:?}");
        assert!(stories[1].text.starts_with("Le Niger et ses voisins\n\n"));
        assert_eq!(stories[0].date, NaiveDate::from_ymd_opt(2024, 4, 12));
        assert_eq!(stories[1].date, NaiveDate::from_ymd_opt(2024, 12, 28));
    }

    #[test]
    fn an_export_with_the_outlet_first_and_an_id_last() {
        let mut text = String::new();
        for (i, (section, day, n)) in [
            ("Afrique", "mercredi 12", "un"),
            ("Monde", "jeudi 13", "deux"),
        ]
        .iter()
        .enumerate()
        {
            text.push_str(&format!(
                "Le Journal\n{section}, {day} avril 2024 81{i} mots, p. 4\nTitre numéro {n}\nUn sous-titre qui en dit plus sur {n}\n\n{PROSE}\n\n© 2024 Le Journal. Tous droits réservés.\nnews·2024041{i}·LJ·98765{i}\n\n"
            ));
        }
        let stories = split(&text, None);
        assert_eq!(stories.len(), 2, "{stories:?}");
        assert!(
            stories[1]
                .text
                .starts_with("Titre numéro deux\n\nUn sous-titre qui en dit plus sur deux\n"),
            "{}",
            stories[1].text
        );
        assert!(!stories[0].text.contains("news·"), "{}", stories[0].text);
        assert_eq!(stories[1].date, NaiveDate::from_ymd_opt(2024, 4, 13));
        assert_eq!(stories[0].outlet.as_deref(), Some("Le Journal"));
    }

    #[test]
    fn any_mix_of_lines_splits_without_panicking() {
        let parts = [
            PROSE,
            "",
            "-----",
            "* * *",
            "12 avril",
            "Mardi 3 mai 2024",
            "412 mots",
            "Document AB00002024xyz",
            "Un titre de dépêche",
            "Agence",
            "2024",
            "é",
            "— A (@a) May 1, 2024",
            "news·20240101·X·1",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..2000 {
            let mut lines = Vec::new();
            for _ in 0..30 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                lines.push(parts[(seed % parts.len() as u64) as usize]);
            }
            let text = lines.join("\n");
            for story in split(&text, NaiveDate::from_ymd_opt(2024, 1, 1)) {
                assert!(story.text.chars().any(char::is_alphabetic), "{text}");
            }
        }
    }

    #[test]
    fn an_export_with_numbered_documents_and_trailers() {
        let mut text = String::new();
        for (i, (title, day)) in [
            ("Le Niger ferme sa frontière", "Friday"),
            ("Le Mali suspend une radio", "Saturday"),
        ]
        .iter()
        .enumerate()
        {
            text.push_str(&format!(
                "{} of 2 DOCUMENTS\n\nAgence Sahel -- Français\n\nApril 1{i}, 2024 {day} 10:2{i} AM GMT\n\n{title}\n\nLENGTH: 52{i} words\n\n{PROSE}\n\nLOAD-DATE: April 1{i}, 2024\n\nLANGUAGE: FRENCH\n\nEnd of Document\n\n",
                i + 1
            ));
        }
        let stories = split(&text, None);
        assert_eq!(stories.len(), 2, "{stories:?}");
        assert_eq!(
            stories[1].text,
            format!("Le Mali suspend une radio\n\n{PROSE}\n")
        );
        assert_eq!(stories[1].date, NaiveDate::from_ymd_opt(2024, 4, 11));
        assert_eq!(stories[1].outlet.as_deref(), Some("Agence Sahel"));
    }

    #[test]
    fn an_export_with_field_codes() {
        let mut text = String::new();
        for (i, title) in ["Le Niger ferme sa frontière", "Le Mali suspend une radio"]
            .iter()
            .enumerate()
        {
            text.push_str(&format!(
                "HD {title}\nWC 52{i} mots\nPD 1{i} avril 2024\nSN Agence Sahel\nLA Français\nLP\n{PROSE}\nTD\n{PROSE}\nNS gpol{i} : Politique\nRE niger{i} : Niger\nAN Document ASP00002024041{i}\n\n"
            ));
        }
        let stories = split(&text, None);
        assert_eq!(stories.len(), 2, "{stories:?}");
        assert_eq!(
            stories[0].text,
            format!("Le Niger ferme sa frontière\n\n{PROSE}\n{PROSE}\n")
        );
        assert_eq!(stories[1].date, NaiveDate::from_ymd_opt(2024, 4, 11));
        assert_eq!(stories[1].outlet.as_deref(), Some("Agence Sahel"));
    }

    #[test]
    fn each_document_keeps_the_address_its_header_prints() {
        let mut text = String::new();
        for (i, title) in ["Le Niger ferme sa frontière", "Le Mali suspend une radio"]
            .iter()
            .enumerate()
        {
            text.push_str(&format!(
                "Document {i} of 2\n\nLe Quotidien du Sahel -- Français\n1{i} avril 2024\n{title}\nhttps://quotidien.example/articles/{i}.\n\n{PROSE}\n\n"
            ));
        }
        let stories = split(&text, None);
        assert_eq!(stories.len(), 2, "{stories:?}");
        assert_eq!(stories[1].outlet.as_deref(), Some("Le Quotidien du Sahel"));
        assert_eq!(
            stories[1].url.as_deref(),
            Some("https://quotidien.example/articles/1")
        );
        assert!(
            stories[1].text.starts_with("Le Mali suspend une radio\n"),
            "{}",
            stories[1].text
        );
    }

    #[test]
    fn one_article_stays_whole() {
        // A rule, a chronology by year, dates in the text: one story.
        let text = format!(
            "Un titre\n\n{PROSE}\n\n---\n\n{PROSE}\n\n2012\n\n{PROSE}\n\n2013\n\n{PROSE}\n\nBamako, le 12 avril 2024\n"
        );
        assert_eq!(split(&text, None), [Story::whole(&text)]);
    }
}
