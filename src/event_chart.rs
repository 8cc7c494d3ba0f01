//! Events and deaths per month: the numbers country, actor and place pages
//! chart, and the chart itself as an HTML fragment. Two rows of columns
//! (events, then deaths) on one continuous month axis, as the articles'
//! month chart draws them, then the table they draw, which carries the
//! numbers and the month links for every reader (the SVG is hidden from
//! screen readers).
//!
//! Deaths add up each event's lower figure (`fatalities_min`, or the only
//! figure given): what every source at least agrees on.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::Datelike;

use crate::config::Lang;
use crate::events::Event;
use crate::i18n::format_month;
use crate::theme::escape;

/// One month of events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthStats {
    pub year: i32,
    pub month: u32,
    pub events: usize,
    pub fatalities: u64,
}

/// Per-month counts from the first month with an event to the last, every
/// month in between included (quiet months are zeros, not gaps), oldest
/// first.
pub fn monthly<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<MonthStats> {
    let mut by_month: BTreeMap<i32, (usize, u64)> = BTreeMap::new();
    for e in events {
        let key = e.date.year() * 12 + e.date.month0() as i32;
        let entry = by_month.entry(key).or_default();
        entry.0 += 1;
        entry.1 += u64::from(e.fatalities());
    }
    let (Some(&first), Some(&last)) = (by_month.keys().next(), by_month.keys().next_back()) else {
        return Vec::new();
    };
    (first..=last)
        .map(|key| {
            let (events, fatalities) = by_month.get(&key).copied().unwrap_or_default();
            MonthStats {
                year: key.div_euclid(12),
                month: key.rem_euclid(12) as u32 + 1,
                events,
                fatalities,
            }
        })
        .collect()
}

/// What one row of columns counts.
type Measure = fn(&MonthStats) -> u64;

fn words(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::En => ("Events", "Deaths (lower figure)", "Month"),
        Lang::Fr => ("Événements", "Morts (bilan bas)", "Mois"),
    }
}

/// The chart and its table. `root` prefixes the month links (the site's
/// base path) of the months `has_page` says have a briefing; `caption`
/// names the table ("Events in Mali").
pub fn render(
    stats: &[MonthStats],
    root: &str,
    lang: Lang,
    caption: &str,
    has_page: impl Fn(i32, u32) -> bool,
) -> String {
    let mut out = String::new();
    if stats.is_empty() {
        return out;
    }
    let (events_word, deaths_word, month_word) = words(lang);
    let n = stats.len();
    out.push_str("<figure class=\"chart event-chart\">\n");
    let series: [(&str, &str, Measure); 2] = [
        (events_word, "col", |m| m.events as u64),
        (deaths_word, "col deaths", |m| m.fatalities),
    ];
    for (word, class, value) in series {
        let max = stats.iter().map(value).max().unwrap_or(0).max(1);
        let _ = write!(
            out,
            "<p class=\"chart-title\" aria-hidden=\"true\">{word}</p>\n<svg viewBox=\"0 0 {w} 100\" width=\"{w}\" height=\"100\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\n",
            w = n * 10
        );
        for (i, m) in stats.iter().enumerate() {
            let v = value(m);
            if v == 0 {
                continue;
            }
            let h = (v * 100).div_ceil(max);
            let _ = writeln!(
                out,
                "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"8\" height=\"{h}\"><title>{}: {v}</title></rect>",
                i * 10 + 1,
                100 - h,
                format_month(m.year, m.month, lang)
            );
        }
        let _ = writeln!(
            out,
            "<line class=\"axis\" x1=\"0\" y1=\"99.5\" x2=\"{}\" y2=\"99.5\" vector-effect=\"non-scaling-stroke\"/>\n</svg>",
            n * 10
        );
    }
    let (first, last) = (&stats[0], &stats[n - 1]);
    let _ = writeln!(
        out,
        "<figcaption class=\"chart-axis\"><span>{}</span><span>{}</span></figcaption>\n</figure>",
        format_month(first.year, first.month, lang),
        format_month(last.year, last.month, lang)
    );
    let _ = write!(
        out,
        "<table class=\"event-table\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{month_word}</th><th scope=\"col\">{events_word}</th><th scope=\"col\">{deaths_word}</th></tr></thead>\n<tbody>\n",
        escape(caption)
    );
    for m in stats.iter().rev().filter(|m| m.events > 0) {
        let label = format_month(m.year, m.month, lang);
        let month = if has_page(m.year, m.month) {
            format!(
                "<a href=\"{}archive/{:04}/{:02}/\">{label}</a>",
                escape(root),
                m.year,
                m.month
            )
        } else {
            label
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{month}</th><td>{}</td><td>{}</td></tr>",
            m.events, m.fatalities
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::EventType;
    use chrono::NaiveDate;

    fn event(date: (i32, u32, u32), min: Option<u32>, max: Option<u32>) -> Event {
        Event {
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            kind: EventType::Battles,
            subtype: None,
            place: "gao".into(),
            actors: Vec::new(),
            fatalities_min: min,
            fatalities_max: max,
            fatalities_source: Some("x".into()),
            injured: None,
            displaced: None,
            claimed_by: None,
        }
    }

    #[test]
    fn months_are_continuous_and_add_the_lower_figure() {
        let events = [
            event((2024, 11, 3), Some(10), Some(20)),
            event((2025, 2, 1), None, Some(7)),
            event((2024, 11, 30), None, None),
            event((2025, 2, 27), Some(4), None),
        ];
        let stats = monthly(&events);
        let got: Vec<_> = stats
            .iter()
            .map(|m| (m.year, m.month, m.events, m.fatalities))
            .collect();
        assert_eq!(
            got,
            [
                (2024, 11, 2, 10),
                (2024, 12, 0, 0),
                (2025, 1, 0, 0),
                (2025, 2, 2, 11)
            ]
        );
        assert!(monthly([]).is_empty());
    }

    #[test]
    fn the_chart_draws_the_table_it_shows() {
        let events = [
            event((2024, 11, 3), Some(10), None),
            event((2025, 1, 1), Some(40), None),
            event((2025, 1, 2), Some(0), None),
        ];
        let html = render(
            &monthly(&events),
            "/brief/",
            Lang::En,
            "Events in <Mali>",
            |y, _| y == 2025,
        );
        // Three months wide; January's deaths fill the height.
        assert!(html.contains("viewBox=\"0 0 30 100\""));
        assert!(html.contains("<rect class=\"col deaths\" x=\"21\" y=\"0\" width=\"8\" height=\"100\"><title>January 2025: 40</title>"));
        assert!(
            html.contains("<rect class=\"col deaths\" x=\"1\" y=\"75\" width=\"8\" height=\"25\">")
        );
        assert!(html.contains("<rect class=\"col\" x=\"21\" y=\"0\" width=\"8\" height=\"100\"><title>January 2025: 2</title>"));
        // No column for the quiet month, no row either; newest row first.
        assert_eq!(html.matches("<rect ").count(), 4);
        let rows: Vec<&str> = html.split("<tr><th scope=\"row\">").skip(1).collect();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].starts_with(
            "<a href=\"/brief/archive/2025/01/\">January 2025</a></th><td>2</td><td>40</td>"
        ));
        // November 2024 has no briefing page: no link.
        assert!(rows[1].starts_with("November 2024</th><td>1</td><td>10</td>"));
        assert!(html.contains("<caption>Events in &lt;Mali&gt;</caption>"));
        assert!(render(&[], "/", Lang::Fr, "x", |_, _| true).is_empty());
    }
}
