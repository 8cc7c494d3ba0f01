//! Inline SVG map of the Sahel and its neighbours, shaded by activity.
//!
//! The shapes are Natural Earth 1:50m countries (public domain), simplified
//! and projected once by `tools/map/make-map.mjs` into `src/map/shapes.txt`
//! and embedded in the binary: nothing is fetched, nothing needs
//! JavaScript, and the map prints.
//!
//! [`render_map`] returns one HTML fragment:
//!
//! ```html
//! <div class="map">
//!   <svg class="map-svg" viewBox=".." aria-labelledby="map-title">
//!     <title id="map-title">{label}</title>
//!     <rect class="sea" ../>
//!     <path class="land" d=".."/>                       <!-- no profile -->
//!     <a href="{url}"><title>Mali: 12 articles</title><path class="m3" d=".."/></a>
//!     <a href=".." aria-current="page"><title>..</title><path class="m2 hl" d=".."/></a>  <!-- highlight, drawn last -->
//!     <g class="map-labels" aria-hidden="true"><text ..>Mali</text>..</g>
//!   </svg>
//!   <ul class="map-legend">
//!     <li><svg class="map-swatch" ..><rect class="m0" ../></svg>0 articles</li> ..
//!   </ul>
//! </div>
//! ```
//!
//! The legend is HTML beside the SVG (readable, wraps on narrow screens);
//! its swatches are tiny SVGs with the same classes as the countries, so one
//! set of rules colours both, and they print (CSS backgrounds do not). The
//! `<title>` is a child of `<a>`, which makes it the link's accessible name
//! and the hover tooltip. The page must hold one map only (`id="map-title"`).
//!
//! Colours come from classes only. Rules for the site stylesheet:
//!
//! ```css
//! .map { margin: 1rem 0; break-inside: avoid; }
//! .map-svg { display: block; width: 100%; height: auto; }
//! .map .sea { fill: #e6eef3; }
//! .map .land { fill: #e3e0d9; stroke: #fff; stroke-width: .6; }
//! .map a path { stroke: #fff; stroke-width: .8; stroke-linejoin: round; }
//! .map .m0 { fill: #f6f2e9; }
//! .map .m1 { fill: #fdd49e; }
//! .map .m2 { fill: #fc8d59; }
//! .map .m3 { fill: #d7301f; }
//! .map .m4 { fill: #7f0000; }
//! .map path.hl { stroke: #111; stroke-width: 2.5; }
//! .map a:hover path, .map a:focus path { stroke: #1a4f8b; stroke-width: 2.5; }
//! .map a:focus { outline: none; }
//! .map .map-labels { pointer-events: none; font-family: system-ui, sans-serif;
//!   font-weight: 600; fill: #222; stroke: #fff; stroke-width: 3px;
//!   stroke-linejoin: round; paint-order: stroke; }
//! .map-legend { list-style: none; display: flex; flex-wrap: wrap;
//!   gap: .25rem 1rem; margin: .5rem 0 0; padding: 0; font-size: .875rem; }
//! .map-swatch { width: 1em; height: 1em; vertical-align: -.15em; margin-right: .35em; }
//! .map-swatch rect { stroke: #888; stroke-width: .08; }
//! @media (max-width: 40em) { .map .map-labels { font-size: 16px; } }
//! @media (prefers-color-scheme: dark) {
//!   .map .sea { fill: #16202a; }
//!   .map .land { fill: #2b2b2b; stroke: #1b1b1b; }
//!   .map a path { stroke: #1b1b1b; }
//!   .map .m0 { fill: #48433c; }
//!   .map .m1 { fill: #6b4a2b; }
//!   .map .m2 { fill: #b5652f; }
//!   .map .m3 { fill: #e8813a; }
//!   .map .m4 { fill: #ffc27a; }
//!   .map path.hl { stroke: #fff; }
//!   .map a:hover path, .map a:focus path { stroke: #8cc4ff; }
//!   .map .map-labels { fill: #f2f2f2; stroke: #111; }
//! }
//! @media print {
//!   .map .sea { fill: #fff; }
//!   .map a:hover path { stroke: #fff; stroke-width: .8; }
//! }
//! ```

use std::fmt::Write as _;
use std::sync::OnceLock;

/// The generated shapes; see `tools/map/README.md`.
const DATA: &str = include_str!("map/shapes.txt");

/// Number of shaded buckets for non-zero counts (classes `m1`..`m4`;
/// `m0` is for zero).
const BUCKETS: usize = 4;

/// A country to show on the map, linked to its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapCountry<'a> {
    /// ISO 3166-1 alpha-2 code (`"NE"`); matched case-insensitively.
    /// Countries without a shape (e.g. `"RU"`) are ignored.
    pub iso: &'a str,
    /// Display name, used in the tooltip and, for the five Sahel states, as
    /// the label drawn on the map.
    pub name: &'a str,
    /// The country page's URL, already resolved against `base_url`.
    pub url: &'a str,
    /// Number of articles (or whatever `legend_unit` counts).
    pub count: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One of the five Sahel states: labelled on the map.
    Sahel,
    /// A country the default briefing profiles.
    Country,
    /// Context land.
    Background,
}

#[derive(Debug)]
struct Shape {
    iso: &'static str,
    kind: Kind,
    label: (i32, i32),
    d: &'static str,
}

#[derive(Debug)]
struct MapData {
    width: u32,
    height: u32,
    shapes: Vec<Shape>,
}

fn data() -> &'static MapData {
    static DATA_PARSED: OnceLock<MapData> = OnceLock::new();
    DATA_PARSED.get_or_init(|| parse(DATA).unwrap_or_else(|e| panic!("src/map/shapes.txt: {e}")))
}

fn parse(text: &'static str) -> Result<MapData, String> {
    let mut size = None;
    let mut shapes = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = |msg: &str| format!("line {}: {msg}", n + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("viewBox ") {
            let nums: Vec<u32> = rest
                .split(' ')
                .map(|s| s.parse().map_err(|_| at("bad viewBox")))
                .collect::<Result<_, _>>()?;
            match nums[..] {
                [0, 0, w, h] if w > 0 && h > 0 => size = Some((w, h)),
                _ => return Err(at("viewBox must be `0 0 W H`")),
            }
            continue;
        }
        let fields: Vec<&'static str> = line.split('\t').collect();
        let [iso, kind, x, y, d] = fields[..] else {
            return Err(at("expected 5 tab-separated fields"));
        };
        let kind = match kind {
            "s" => Kind::Sahel,
            "c" => Kind::Country,
            "b" => Kind::Background,
            _ => return Err(at("kind must be s, c or b")),
        };
        let coord = |s: &str| s.parse::<i32>().map_err(|_| at("bad label coordinate"));
        if iso.len() != 2 || !d.starts_with('M') {
            return Err(at("bad ISO code or path"));
        }
        shapes.push(Shape {
            iso,
            kind,
            label: (coord(x)?, coord(y)?),
            d,
        });
    }
    let (width, height) = size.ok_or("no viewBox line")?;
    Ok(MapData {
        width,
        height,
        shapes,
    })
}

/// Whether the map has a shape for this ISO alpha-2 code.
pub fn has_shape(iso: &str) -> bool {
    data()
        .shapes
        .iter()
        .any(|s| s.iso.eq_ignore_ascii_case(iso))
}

/// The shading scale: counts `1..=max` cut into at most [`BUCKETS`] equal
/// ranges of `step`, spread over `m1`..`m4` so the largest count is
/// always `m4`.
#[derive(Debug, Clone, Copy)]
struct Scale {
    max: usize,
    step: usize,
    ranges: usize,
}

impl Scale {
    fn new(max: usize) -> Scale {
        let step = max.div_ceil(BUCKETS).max(1);
        Scale {
            max,
            step,
            ranges: max.div_ceil(step),
        }
    }

    /// Index of the range holding `count` (1-based), 0 for zero.
    fn range(&self, count: usize) -> usize {
        count.div_ceil(self.step).min(self.ranges)
    }

    /// The class number (0..=4) of the `i`th range.
    fn class_of_range(&self, i: usize) -> usize {
        if i == 0 {
            0
        } else {
            (i * BUCKETS + self.ranges / 2) / self.ranges
        }
    }

    fn class(&self, count: usize) -> usize {
        self.class_of_range(self.range(count))
    }

    /// Inclusive bounds of the `i`th range (1-based).
    fn bounds(&self, i: usize) -> (usize, usize) {
        ((i - 1) * self.step + 1, (i * self.step).min(self.max))
    }
}

/// `"article|articles"` -> singular and plural; `"article|article|articles"`
/// -> zero, one and many (French puts 0 in the singular); a unit without
/// `|` is used for every count.
fn unit_for(unit: &str, count: usize) -> &str {
    let forms: Vec<&str> = unit.split('|').collect();
    match (forms.as_slice(), count) {
        ([zero, _, _], 0) => zero,
        ([one, _] | [_, one, _], 1) => one,
        ([.., many], _) => many,
        ([], _) => unit,
    }
}

/// Escapes text for HTML/SVG content and double- or single-quoted
/// attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Renders the map as an HTML fragment (see the module docs for its
/// structure and the CSS it expects).
///
/// - Every shape is drawn; each country in `countries` that has a shape is
///   a link to `url`, with a `<title>` "Name: N articles", shaded by the
///   class `m0` (no articles) to `m4` (the most). Countries not listed are
///   plain `land`. Links come in the order of `countries`, which is the
///   keyboard order.
/// - `highlight`: ISO code of the country whose page this is: its shape
///   gets the class `hl` and is drawn on top, its link `aria-current="page"`.
/// - `label`: the map's accessible name, e.g. "Map: articles per country".
/// - `legend_unit`: what is counted, `"articles"` or `"article|articles"`
///   (singular|plural), used in the tooltips and the legend.
pub fn render_map(
    countries: &[MapCountry],
    highlight: Option<&str>,
    label: &str,
    legend_unit: &str,
) -> String {
    render_map_with(countries, highlight, label, legend_unit, "")
}

/// As [`render_map`], with `overlay` (SVG from `map_overlay`: regions and
/// event dots) drawn over the countries and under the labels.
pub fn render_map_with(
    countries: &[MapCountry],
    highlight: Option<&str>,
    label: &str,
    legend_unit: &str,
    overlay: &str,
) -> String {
    let map = data();
    let find = |iso: &str| countries.iter().find(|c| c.iso.eq_ignore_ascii_case(iso));
    let is_hl = |iso: &str| highlight.is_some_and(|h| h.eq_ignore_ascii_case(iso));

    // Countries with a shape, once each (the first listing of a code wins).
    let listed: Vec<(&MapCountry, &Shape)> = countries
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            !countries[..*i]
                .iter()
                .any(|p| p.iso.eq_ignore_ascii_case(c.iso))
        })
        .filter_map(|(_, c)| {
            let shape = map
                .shapes
                .iter()
                .find(|s| s.iso.eq_ignore_ascii_case(c.iso))?;
            Some((c, shape))
        })
        .collect();
    let scale = Scale::new(listed.iter().map(|(c, _)| c.count).max().unwrap_or(0));

    let (w, h) = (map.width, map.height);
    let mut out = String::with_capacity(DATA.len() + 4096);
    let _ = write!(
        out,
        "<div class=\"map\">\n<svg class=\"map-svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" aria-labelledby=\"map-title\">\n<title id=\"map-title\">{}</title>\n<rect class=\"sea\" width=\"{w}\" height=\"{h}\"/>\n",
        escape(label)
    );

    // Unlinked land first, the highlighted shape last, so nothing covers
    // its outline.
    let mut hl_unlinked = None;
    for shape in &map.shapes {
        if find(shape.iso).is_some() {
            continue;
        }
        if is_hl(shape.iso) {
            hl_unlinked = Some(shape);
            continue;
        }
        let _ = writeln!(out, "<path class=\"land\" d=\"{}\"/>", shape.d);
    }
    let link = |out: &mut String, c: &MapCountry, shape: &Shape| {
        let (current, hl) = if is_hl(shape.iso) {
            (" aria-current=\"page\"", " hl")
        } else {
            ("", "")
        };
        let _ = writeln!(
            out,
            "<a href=\"{}\"{current}><title>{}: {} {}</title><path class=\"m{}{hl}\" d=\"{}\"/></a>",
            escape(c.url),
            escape(c.name),
            c.count,
            escape(unit_for(legend_unit, c.count)),
            scale.class(c.count),
            shape.d
        );
    };
    for (c, shape) in listed.iter().filter(|(_, s)| !is_hl(s.iso)) {
        link(&mut out, c, shape);
    }
    if let Some(shape) = hl_unlinked {
        let _ = writeln!(out, "<path class=\"land hl\" d=\"{}\"/>", shape.d);
    }
    for (c, shape) in listed.iter().filter(|(_, s)| is_hl(s.iso)) {
        link(&mut out, c, shape);
    }

    out.push_str(overlay);
    write_labels(&mut out, &listed);
    write_legend(&mut out, &scale, legend_unit);
    out.push_str("</ul>\n</div>\n");
    out
}

/// Names of the Sahel states over their shapes; their links already carry
/// the names.
fn write_labels(out: &mut String, listed: &[(&MapCountry, &Shape)]) {
    out.push_str(
        "<g class=\"map-labels\" aria-hidden=\"true\" font-size=\"11\" text-anchor=\"middle\">\n",
    );
    for (c, shape) in listed.iter().filter(|(_, s)| s.kind == Kind::Sahel) {
        let (x, y) = shape.label;
        let _ = writeln!(
            out,
            "<text x=\"{x}\" y=\"{}\">{}</text>",
            y + 4,
            escape(c.name)
        );
    }
    out.push_str("</g>\n</svg>\n");
}

/// The legend: one swatch per shade with the counts it stands for.
fn write_legend(out: &mut String, scale: &Scale, legend_unit: &str) {
    out.push_str("<ul class=\"map-legend\">\n");
    let mut entry = |class: usize, text: String| {
        let _ = writeln!(
            out,
            "<li><svg class=\"map-swatch\" viewBox=\"0 0 1 1\" width=\"14\" height=\"14\" aria-hidden=\"true\"><rect class=\"m{class}\" width=\"1\" height=\"1\"/></svg>{}</li>",
            escape(&text)
        );
    };
    entry(0, format!("0 {}", unit_for(legend_unit, 0)));
    for i in 1..=scale.ranges {
        let (lo, hi) = scale.bounds(i);
        let range = if lo == hi {
            lo.to_string()
        } else {
            format!("{lo}\u{2013}{hi}")
        };
        entry(
            scale.class_of_range(i),
            format!("{range} {}", unit_for(legend_unit, hi)),
        );
    }
}

#[cfg(test)]
mod tests;
