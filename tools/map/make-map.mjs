// Generates ../../src/map/shapes.txt: the country shapes of the inline SVG
// map (src/map.rs), simplified and projected once so the Rust side only has
// to print them.
//
// Source: Natural Earth 1:50m admin-0 countries (public domain), as TopoJSON
// in the npm package `world-atlas` (ISC). Run: `npm ci && node make-map.mjs`.
//
// Output format (UTF-8, one record a line, fields separated by one TAB):
//   # comment lines
//   viewBox 0 0 W H
//   ISO2 <TAB> kind <TAB> x <TAB> y <TAB> path-d
// kind: `s` a Sahel state (linked, shaded and labelled with <text>),
//       `c` another country with a profile (linked and shaded),
//       `b` background land (drawn, never linked).
// x, y: label anchor inside the country's visible part (integers).
// path-d: SVG path data in viewBox units: absolute `M` per ring, then
//         relative `l` steps, `z` (integers unless SCALE > 1).

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";
import { presimplify, simplify, sphericalTriangleArea } from "topojson-simplify";
import { geoConicEqualArea, geoPath } from "d3-geo";

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, "..", "..", "src", "map", "shapes.txt");
const SOURCE = "countries-50m.json";

// The frame, in degrees: the five Sahel states with room around them, the
// coast from Dakar to Douala, southern Morocco and Darfur.
const BOX = { west: -18.5, east: 27.5, south: 3.6, north: 31.2 };
const WIDTH = 600; // viewBox width; the height follows from the projection
// Minimum spherical triangle area (steradians) a vertex must span to be kept.
const MIN_WEIGHT = Number(process.env.MIN_WEIGHT ?? 3e-7);
// Coordinates are rounded to 1/SCALE viewBox units (SCALE 1 or 10).
const SCALE = Number(process.env.SCALE ?? 1);
// Rings smaller than this (square viewBox units) are dropped (islets).
const MIN_RING_AREA = 4 * SCALE * SCALE;
const MAX_BYTES = 20000;

const SAHEL = new Set(["MR", "ML", "BF", "NE", "TD"]);
// Countries that have a profile in the briefing: linked and shaded.
const PROFILED = new Set([
  "NE", "ML", "BF", "TD", "MR", "SN", "NG", "DZ", "LY", "BJ",
  "TG", "CI", "GH", "GN", "GW", "SD", "CM", "CF", "MA",
]);
// ISO 3166-1 numeric -> alpha-2, for every country that may enter the frame.
const ALPHA2 = {
  "562": "NE", "466": "ML", "854": "BF", "148": "TD", "478": "MR",
  "686": "SN", "566": "NG", "012": "DZ", "434": "LY", "204": "BJ",
  "768": "TG", "384": "CI", "288": "GH", "324": "GN", "624": "GW",
  "729": "SD", "120": "CM", "140": "CF", "504": "MA",
  // background only
  "732": "EH", "270": "GM", "694": "SL", "430": "LR", "818": "EG",
  "728": "SS", "226": "GQ", "266": "GA", "788": "TN", "178": "CG",
  "180": "CD", "231": "ET", "232": "ER", "724": "ES", "620": "PT",
  "132": "CV", "678": "ST", "800": "UG", "404": "KE",
};
// Hand-placed label anchors (lon, lat) where the computed one reads badly.
const LABEL_AT = {};

const topology = JSON.parse(
  readFileSync(join(here, "node_modules", "world-atlas", SOURCE), "utf8"),
);
const simplified = simplify(presimplify(topology, sphericalTriangleArea), MIN_WEIGHT);
const countries = feature(simplified, simplified.objects.countries).features;

// Projection: conic equal-area (areas compare honestly on a choropleth),
// centred on the frame, fitted to its width; the frame's outline follows
// parallels and meridians, so densify it before fitting.
const outline = [];
for (let i = 0; i <= 40; i++) {
  const lon = BOX.west + ((BOX.east - BOX.west) * i) / 40;
  outline.push([lon, BOX.south], [lon, BOX.north]);
}
for (let i = 0; i <= 40; i++) {
  const lat = BOX.south + ((BOX.north - BOX.south) * i) / 40;
  outline.push([BOX.west, lat], [BOX.east, lat]);
}
const frame = { type: "MultiPoint", coordinates: outline };
const projection = geoConicEqualArea()
  .parallels([8, 26])
  .rotate([-(BOX.west + BOX.east) / 2, 0])
  .fitWidth(WIDTH, frame);
const [[, y0], [, y1]] = geoPath(projection).bounds(frame);
const HEIGHT = Math.round(y1 - y0);
projection
  .translate([projection.translate()[0], projection.translate()[1] - y0])
  .clipExtent([[0, 0], [WIDTH, HEIGHT]]);

// Collects projected, clipped rings through d3's path context interface.
function rings(geometry) {
  const out = [];
  let ring = null;
  const context = {
    moveTo(x, y) { ring = [[x, y]]; out.push(ring); },
    lineTo(x, y) { ring.push([x, y]); },
    closePath() { ring = null; },
    arc() {},
  };
  geoPath(projection, context)(geometry);
  return out;
}

const area = (r) => {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    a += (r[j][0] + r[i][0]) * (r[j][1] - r[i][1]);
  }
  return a / 2;
};

// Rounds to integers, drops repeated and collinear points (exact: both
// sides of a shared border lose the same points) and islets.
function clean(rs) {
  const kept = [];
  for (const r of rs) {
    let pts = r.map(([x, y]) => [Math.round(x * SCALE), Math.round(y * SCALE)]);
    pts = pts.filter((p, i) => {
      const q = pts[(i + pts.length - 1) % pts.length];
      return p[0] !== q[0] || p[1] !== q[1];
    });
    let changed = true;
    while (changed && pts.length >= 3) {
      changed = false;
      for (let i = 0; i < pts.length && pts.length >= 3; i++) {
        const a = pts[(i + pts.length - 1) % pts.length];
        const b = pts[i];
        const c = pts[(i + 1) % pts.length];
        const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
        const same = (a[0] === b[0] && a[1] === b[1]) || (b[0] === c[0] && b[1] === c[1]);
        if (cross === 0 || same) {
          pts.splice(i, 1);
          changed = true;
          i--;
        }
      }
    }
    if (pts.length >= 3 && Math.abs(area(pts)) >= MIN_RING_AREA) kept.push(pts);
  }
  return kept;
}

// Integer in 1/SCALE units -> shortest decimal text: 12 -> "1.2", -3 -> "-.3".
function num(n) {
  if (SCALE === 1) return String(n);
  const s = String(Math.abs(n) / SCALE).replace(/^0\./, ".");
  return (n < 0 ? "-" : "") + s;
}

function pathData(rs) {
  let d = "";
  for (const r of rs) {
    d += `M${num(r[0][0])} ${num(r[0][1])}l`;
    let first = true;
    let prevHasDot = false;
    for (let i = 1; i < r.length; i++) {
      for (const n of [r[i][0] - r[i - 1][0], r[i][1] - r[i - 1][1]]) {
        const t = num(n);
        d += (first || t.startsWith("-") || (t.startsWith(".") && prevHasDot) ? "" : " ") + t;
        prevHasDot = t.includes(".");
        first = false;
      }
    }
    d += "z";
  }
  return d;
}

// Pole of inaccessibility, approximately: the grid point inside the shape
// (even-odd over all rings) farthest from any edge.
function labelPoint(rs) {
  const xs = rs.flat().map((p) => p[0]);
  const ys = rs.flat().map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best = null;
  for (let x = minX; x <= maxX; x += SCALE) {
    for (let y = minY; y <= maxY; y += SCALE) {
      let inside = false;
      let dist = Infinity;
      for (const r of rs) {
        for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
          const [ax, ay] = r[j];
          const [bx, by] = r[i];
          if ((by > y) !== (ay > y) && x < ((ax - bx) * (y - by)) / (ay - by) + bx) inside = !inside;
          const dx = ax - bx, dy = ay - by;
          const t = Math.max(0, Math.min(1, ((x - bx) * dx + (y - by) * dy) / (dx * dx + dy * dy || 1)));
          dist = Math.min(dist, Math.hypot(x - (bx + t * dx), y - (by + t * dy)));
        }
      }
      if (inside && (!best || dist > best.dist)) best = { x, y, dist };
    }
  }
  const [x, y] = best ? [best.x, best.y] : [(minX + maxX) / 2, (minY + maxY) / 2];
  return [Math.round(x / SCALE), Math.round(y / SCALE)];
}

const lines = [];
const seen = new Set();
for (const f of countries) {
  if (f.id === undefined) continue;
  const rs = clean(rings(f));
  if (rs.length === 0) continue;
  const iso = ALPHA2[f.id];
  if (!iso) throw new Error(`country ${f.id} (${f.properties.name}) is in the frame but has no alpha-2 code in ALPHA2`);
  seen.add(iso);
  const kind = SAHEL.has(iso) ? "s" : PROFILED.has(iso) ? "c" : "b";
  const [x, y] = LABEL_AT[iso]
    ? projection(LABEL_AT[iso]).map(Math.round)
    : labelPoint(rs);
  lines.push({ iso, kind, text: `${iso}\t${kind}\t${x}\t${y}\t${pathData(rs)}` });
}
for (const iso of PROFILED) {
  if (!seen.has(iso)) throw new Error(`${iso} has no shape inside the frame`);
}
const order = { b: 0, c: 1, s: 2 };
lines.sort((a, b) => order[a.kind] - order[b.kind] || a.iso.localeCompare(b.iso));

const atlas = JSON.parse(readFileSync(join(here, "node_modules", "world-atlas", "package.json"), "utf8"));
const text = [
  `# Generated by tools/map/make-map.mjs: do not edit. Natural Earth 1:50m admin-0 (public domain), world-atlas ${atlas.version} ${SOURCE}.`,
  `# Frame lon ${BOX.west}..${BOX.east} lat ${BOX.south}..${BOX.north}, conic equal-area; fields: ISO2 kind(s=Sahel,c=country,b=background) labelX labelY path-d`,
  `viewBox 0 0 ${WIDTH} ${HEIGHT}`,
  ...lines.map((l) => l.text),
  "",
].join("\n");

const bytes = Buffer.byteLength(text);
if (bytes > MAX_BYTES) throw new Error(`shapes.txt would be ${bytes} bytes (> ${MAX_BYTES}): raise MIN_WEIGHT`);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, text);
console.log(`wrote ${OUT}: ${lines.length} shapes, viewBox ${WIDTH}x${HEIGHT}, ${bytes} bytes`);
