//! Document markers: the kinds of lines an export is made of, and where
//! a repeated marker cuts the file into documents.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::import::dates::{find_date, month};
use crate::import::furniture::is_noise;
use crate::import::gazetteer::fold;
use crate::import::text::parse_signature;

use super::header;

/// Text a document needs between two markers: a paragraph or two.
const MIN_PROSE: usize = 150;

/// A line of running text, not a header line.
pub(super) fn is_prose(line: &str) -> bool {
    let n = line.chars().count();
    n > 150 || (n > 60 && line.ends_with(['.', '»', '"', '”', ')']))
}

/// A date, a count, an id, a time, a separator or page furniture.
pub(super) fn is_metadata(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    find_date(line).is_some()
        || is_separator(line)
        || letters * 2 < line.chars().count()
        || (words <= 3 && line.chars().any(|c| c.is_ascii_digit()))
        || is_noise(line, "")
}

pub(super) fn is_separator(line: &str) -> bool {
    // Most lines fail at their first letter.
    line.chars()
        .all(|c| c.is_whitespace() || "-=*_~#·•+".contains(c))
        && line.chars().filter(|c| !c.is_whitespace()).count() >= 3
}

/// The shape of a line that could mark documents: a separator, or a short
/// line with a year or a long number, its digits masked.
fn shape(line: &str) -> Option<String> {
    let line = line.trim();
    if is_separator(line) {
        return Some("---".to_string());
    }
    if line.len() > 400
        || line.chars().count() > 100
        || line.split_whitespace().count() > 12
        || parse_signature(line).is_some()
    {
        return None;
    }
    let mut run = 0;
    let long_number = line.chars().any(|c| {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        run >= 4
    });
    // A year alone is a chronology's heading, not a document's.
    if !long_number
        || line
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace())
    {
        return None;
    }
    Some(skeleton(line))
}

/// A line with its figures masked (`0`), month and day names generalised
/// (`M`, `W`) and its words folded: lines of the same kind in every
/// document of an export share it.
pub(super) fn skeleton(line: &str) -> String {
    line.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().any(|c| c.is_ascii_digit()) {
                "0".to_string()
            } else if month(w).is_some() {
                "M".to_string()
            } else if is_weekday(w) {
                "W".to_string()
            } else {
                fold(w.trim_matches(|c: char| !c.is_alphanumeric()))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_weekday(word: &str) -> bool {
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
    ];
    DAYS.contains(&fold(word.trim_end_matches(['.', ','])).as_str())
}

/// Characters of running text in `lines`.
fn prose(lines: &[&str]) -> usize {
    lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| is_prose(l) || l.chars().count() > 40)
        .map(|l| l.len())
        .sum()
}

/// The documents of a file (line ranges) and the marker lines to leave
/// out, when a marker repeats; the cut with the most documents wins.
pub(super) fn documents(lines: &[&str]) -> Option<(Vec<Range<usize>>, Vec<usize>)> {
    let mut shapes: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, line) in lines.iter().enumerate() {
        if let Some(s) = shape(line) {
            shapes.entry(s).or_default().push(i);
        }
    }
    let mut candidates: Vec<(&String, &Vec<usize>)> = shapes.iter().collect();
    // Deterministic: the earliest marker first among equals.
    candidates.sort_by_key(|(_, at)| at[0]);
    let (ranges, mut markers) = candidates
        .into_iter()
        .rev()
        .filter_map(|(shape, at)| cuts(lines, shape == "---", at))
        .max_by_key(|(ranges, _)| ranges.len())?;
    // Every line of a shape found in each document is the export's, not
    // the story's (`Document AFP...` as well as `523 words`).
    for at in shapes.values().filter(|at| at.len() >= ranges.len()) {
        markers.extend(at);
    }
    Some((ranges, markers))
}

/// Cuts at the marker lines `at`, as separators, trailers or headers.
fn cuts(lines: &[&str], separator: bool, at: &[usize]) -> Option<(Vec<Range<usize>>, Vec<usize>)> {
    let (first, last) = (at[0], *at.last()?);
    let mut starts: Vec<usize> = Vec::new();
    if separator {
        starts.push(0);
        starts.extend(at.iter().map(|&i| i + 1));
    } else if at.len() < 2 {
        return None;
    } else if prose(&lines[..first]) < MIN_PROSE {
        // A header: the lines above it in the first document come before
        // it in every document.
        let above = lines[..first]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .count();
        starts.push(0);
        for &i in &at[1..] {
            starts.push(header_start(lines, i, above));
        }
    } else if prose(&lines[last + 1..]) < MIN_PROSE {
        // A trailer: each document ends with it.
        starts.push(0);
        starts.extend(at[..at.len() - 1].iter().map(|&i| i + 1));
    } else {
        return None;
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts
            .get(k + 1)
            .map_or(lines.len(), |&next| if separator { next - 1 } else { next });
        if start < end {
            ranges.push(start..end);
        }
    }
    // A trailer's last "document" may be only the export's end.
    ranges.retain(|r| prose(&lines[r.clone()]) > 0);
    let every_story = ranges.len() >= 2
        && ranges.iter().all(|r| prose(&lines[r.clone()]) >= MIN_PROSE)
        && (!separator
            || ranges
                .iter()
                .all(|r| !header(lines, r.clone(), at).dates.is_empty()));
    every_story.then(|| (ranges, at.to_vec()))
}

/// Where a document starts whose marker is at `i`: `above` non-blank
/// short lines higher, or the marker itself if running text comes first.
fn header_start(lines: &[&str], i: usize, above: usize) -> usize {
    let mut start = i;
    let mut found = 0;
    while found < above && start > 0 {
        let line = lines[start - 1].trim();
        if is_prose(line) {
            break;
        }
        start -= 1;
        if !line.is_empty() {
            found += 1;
        }
    }
    while start < i && lines[start].trim().is_empty() {
        start += 1;
    }
    start
}
