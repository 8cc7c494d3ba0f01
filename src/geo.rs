//! Longitude and latitude onto the inline SVG map: the projection the
//! country shapes were drawn with (`tools/map/make-map.mjs`: d3's conic
//! equal-area, parallels 8° and 26° N, centred on the frame's middle
//! meridian, fitted to a width of 600), so event dots and region outlines
//! land on the same pixels as the borders.
//!
//! Region outlines (`src/map/regions.txt`, made by
//! `tools/map/make-regions.py` from Natural Earth admin-1 polygons) are
//! kept in degrees and projected here, so the projection lives in one
//! place.

use std::sync::OnceLock;

/// The map's frame in degrees: west, east, south, north.
pub const FRAME: (f64, f64, f64, f64) = (-18.5, 27.5, 3.6, 31.2);
/// The map's viewBox width; its height follows from the projection.
pub const WIDTH: f64 = 600.0;

/// The conic projection with its fit to the frame.
#[derive(Debug, Clone, Copy)]
pub struct Projection {
    n: f64,
    c: f64,
    r0: f64,
    /// Screen scale and offsets: x = k * px + tx, y = ty - k * py.
    k: f64,
    tx: f64,
    ty: f64,
    pub height: f64,
}

impl Projection {
    fn raw(&self, lon: f64, lat: f64) -> (f64, f64) {
        let lambda = (lon - (FRAME.0 + FRAME.1) / 2.0).to_radians() * self.n;
        let r = (self.c - 2.0 * self.n * lat.to_radians().sin())
            .max(0.0)
            .sqrt()
            / self.n;
        (r * lambda.sin(), self.r0 - r * lambda.cos())
    }

    /// The map point (viewBox units) of a longitude and latitude.
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = self.raw(lon, lat);
        (self.tx + self.k * x, self.ty - self.k * y)
    }
}

/// The projection, fitted as d3's `fitWidth` fits it: the frame's outline
/// (its edges sampled, since they curve once projected) spans the width
/// exactly and touches the top.
pub fn projection() -> &'static Projection {
    static PROJECTION: OnceLock<Projection> = OnceLock::new();
    PROJECTION.get_or_init(|| {
        let (phi0, phi1) = (8f64.to_radians(), 26f64.to_radians());
        let n = (phi0.sin() + phi1.sin()) / 2.0;
        let c = 1.0 + phi0.sin() * (2.0 * n - phi0.sin());
        let mut p = Projection {
            n,
            c,
            r0: c.sqrt() / n,
            k: 1.0,
            tx: 0.0,
            ty: 0.0,
            height: 0.0,
        };
        let (west, east, south, north) = FRAME;
        let mut outline = Vec::new();
        for i in 0..=40 {
            let t = f64::from(i) / 40.0;
            let lon = west + (east - west) * t;
            let lat = south + (north - south) * t;
            outline.extend([(lon, south), (lon, north), (west, lat), (east, lat)]);
        }
        let raw: Vec<(f64, f64)> = outline.iter().map(|&(lo, la)| p.raw(lo, la)).collect();
        let fold = |f: fn(f64, f64) -> f64, pick: fn(&(f64, f64)) -> f64, start: f64| {
            raw.iter().map(pick).fold(start, f)
        };
        let x0 = fold(f64::min, |q| q.0, f64::INFINITY);
        let x1 = fold(f64::max, |q| q.0, f64::NEG_INFINITY);
        let y0 = fold(f64::min, |q| q.1, f64::INFINITY);
        let y1 = fold(f64::max, |q| q.1, f64::NEG_INFINITY);
        p.k = WIDTH / (x1 - x0);
        p.tx = -p.k * x0;
        p.ty = p.k * y1;
        p.height = p.k * (y1 - y0);
        p
    })
}

/// Whether a point lies inside the map's frame.
pub fn in_frame(lat: f64, lon: f64) -> bool {
    let (west, east, south, north) = FRAME;
    (west..=east).contains(&lon) && (south..=north).contains(&lat)
}

/// One region's outline in degrees, keyed by the id of its place profile.
#[derive(Debug)]
pub struct RegionShape {
    pub place: &'static str,
    pub rings: Vec<Vec<(f64, f64)>>,
}

const REGIONS: &str = include_str!("map/regions.txt");

/// The outlines shipped with the binary (`src/map/regions.txt`).
pub fn regions() -> &'static [RegionShape] {
    static PARSED: OnceLock<Vec<RegionShape>> = OnceLock::new();
    PARSED.get_or_init(|| {
        parse_regions(REGIONS).unwrap_or_else(|e| panic!("src/map/regions.txt: {e}"))
    })
}

fn parse_regions(text: &'static str) -> Result<Vec<RegionShape>, String> {
    let mut shapes = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |what: &str| format!("line {}: {what}", n + 1);
        let (place, rings) = line.split_once('\t').ok_or_else(|| bad("no TAB"))?;
        let rings = rings
            .split('|')
            .map(|ring| {
                ring.split(',')
                    .map(|pair| {
                        let (lon, lat) = pair.split_once(' ').ok_or_else(|| bad("bad point"))?;
                        let num = |s: &str| s.parse::<f64>().map_err(|_| bad("bad number"));
                        Ok((num(lon)?, num(lat)?))
                    })
                    .collect::<Result<Vec<_>, String>>()
            })
            .collect::<Result<Vec<_>, String>>()?;
        shapes.push(RegionShape { place, rings });
    }
    Ok(shapes)
}

/// A region's outline as SVG path data in whole viewBox units, repeated
/// points dropped (they add bytes, not shape).
pub fn region_path(shape: &RegionShape) -> String {
    let p = projection();
    let mut d = String::new();
    for ring in &shape.rings {
        let mut points: Vec<(i64, i64)> = ring
            .iter()
            .map(|&(lon, lat)| {
                let (x, y) = p.project(lon, lat);
                (x.round() as i64, y.round() as i64)
            })
            .collect();
        points.dedup();
        if points.len() < 3 {
            continue;
        }
        let (mut px, mut py) = points[0];
        d.push_str(&format!("M{px} {py}l"));
        for (i, &(x, y)) in points[1..].iter().enumerate() {
            let (dx, dy) = (x - px, y - py);
            if i > 0 && dx >= 0 {
                d.push(' ');
            }
            d.push_str(&dx.to_string());
            if dy >= 0 {
                d.push(' ');
            }
            d.push_str(&dy.to_string());
            (px, py) = (x, y);
        }
        d.push('z');
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Points of an SVG path written as `M x y l dx dy ... z` (the shapes'
    /// and the regions' format), one list per ring.
    fn rings_of(d: &str) -> Vec<Vec<(f64, f64)>> {
        let mut rings = Vec::new();
        for part in d.split('M').filter(|s| !s.is_empty()) {
            let part = part
                .trim_end_matches('z')
                .replace('-', " -")
                .replace('l', " ");
            let nums: Vec<f64> = part
                .split_whitespace()
                .map(|s| s.parse().unwrap())
                .collect();
            let mut ring = vec![(nums[0], nums[1])];
            for step in nums[2..].chunks(2) {
                let (x, y) = *ring.last().unwrap();
                ring.push((x + step[0], y + step[1]));
            }
            rings.push(ring);
        }
        rings
    }

    fn inside(rings: &[Vec<(f64, f64)>], (x, y): (f64, f64)) -> bool {
        let mut odd = false;
        for ring in rings {
            for i in 0..ring.len() {
                let (ax, ay) = ring[i];
                let (bx, by) = ring[(i + 1) % ring.len()];
                if (ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax {
                    odd = !odd;
                }
            }
        }
        odd
    }

    fn country_shape(iso: &str) -> Vec<Vec<(f64, f64)>> {
        let line = include_str!("map/shapes.txt")
            .lines()
            .find(|l| l.starts_with(&format!("{iso}\t")))
            .unwrap();
        rings_of(line.rsplit('\t').next().unwrap())
    }

    #[test]
    fn the_fit_matches_the_shapes_viewbox() {
        let p = projection();
        assert_eq!(
            p.height.round(),
            372.0,
            "shapes.txt has viewBox 0 0 600 372"
        );
        // Parallels are arcs about a pole to the north: the south-west
        // corner is leftmost, the north-west corner the top.
        let (x, _) = p.project(FRAME.0, FRAME.2);
        assert!(x.abs() < 1e-6, "{x}");
        let (_, y) = p.project(FRAME.0, FRAME.3);
        assert!(y.abs() < 1e-6, "{y}");
    }

    #[test]
    fn capitals_fall_inside_their_countries() {
        // Natural Earth populated places.
        for (iso, lat, lon) in [
            ("NE", 13.5187, 2.1147),   // Niamey
            ("ML", 12.652, -8.002),    // Bamako
            ("BF", 12.3723, -1.5267),  // Ouagadougou
            ("TD", 12.1131, 15.0491),  // N'Djamena
            ("NG", 11.8464, 13.1603),  // Maiduguri
            ("MR", 18.0864, -15.9753), // Nouakchott
            ("ML", 16.2717, -0.0447),  // Gao
        ] {
            let point = projection().project(lon, lat);
            assert!(inside(&country_shape(iso), point), "{iso} {point:?}");
        }
    }

    #[test]
    fn regions_parse_and_lie_inside_their_country() {
        let all = regions();
        assert!(all.iter().any(|r| r.place == "tillaberi"));
        for r in all {
            let d = region_path(r);
            assert!(d.starts_with('M') && d.ends_with('z'), "{}", r.place);
            let first = rings_of(&d)[0][0];
            assert!(first.0 >= 0.0 && first.0 <= WIDTH, "{}", r.place);
        }
        let tillaberi = all.iter().find(|r| r.place == "tillaberi").unwrap();
        let shape = rings_of(&region_path(tillaberi));
        // Tillabéri town lies in its region.
        assert!(inside(&shape, projection().project(1.4531, 14.212)));
        assert!(!inside(&shape, projection().project(13.16, 11.85)));
    }

    #[test]
    fn bad_region_lines_are_refused() {
        assert!(parse_regions("x\t1 2,3").is_err());
        assert!(parse_regions("x 1 2").is_err());
        assert_eq!(
            parse_regions("# c\nx\t1 2,3 4,5 6").unwrap()[0].rings[0].len(),
            3
        );
    }

    #[test]
    fn frame_bounds() {
        assert!(in_frame(13.5, 2.1));
        assert!(!in_frame(48.8, 2.3));
        assert!(!in_frame(13.5, 40.0));
    }
}
