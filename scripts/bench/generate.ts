import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { prepareDatabase } from '../../src/bootstrap.js';
import { loadConfig, type Config } from '../../src/kernel/config.js';
import { encryptPii, hashPii } from '../../src/kernel/crypto/pii.js';
import { MIGRATIONS_DIR, openDatabase, type Database } from '../../src/kernel/db/client.js';
import { prng } from '../../src/kernel/random.js';
import type { GridGeometry } from '../../src/modules/grids/schema.js';
import { fakeIdNumber } from '../../src/modules/people/people.seed.js';

/**
 * The benchmark data generator (issue 4, item 1). On top of the normal first start (migrations, the real division
 * tree, the demo accounts and every module's demo data) it grows, under the real communities of a place, a
 * deterministic tree of compounds → buildings → units → households with their residents (phone and ID numbers
 * encrypted and hashed with the app's own helpers and keys, so the app reads them), a party committee per
 * community and a branch per compound, party members (~4 % of adults), units 驻区单位 (1 per 500 residents) and
 * 24 grids per community with polygons (441 communities of 西宁市 → 10,584 grids) and a full-time worker each.
 * Everything is loaded level by level in large multi-row INSERT … SELECT FROM json_to_recordset batches, the
 * same SQL on PGlite and PostgreSQL. Same seed and scale → same rows (ciphertexts differ: AES-GCM draws a
 * random IV, the plain numbers and the search hashes do not).
 *
 * Service orders (issue 5) are not generated yet: their module is being built; see docs/BENCHMARKS.md.
 */

export const SCALES = {
  /** One community, a few hundred residents: the test suite's smoke run. */
  tiny: { code: '630104006001', residents: 600, label: '文亭巷社区' },
  /** 文汇路街道 (4 communities). */
  street: { code: '630104006', residents: 50_000, label: '西宁市城西区文汇路街道' },
  /** 城西区 (8 streets, 43 communities). */
  district: { code: '630104', residents: 500_000, label: '西宁市城西区' },
  /** 西宁市 (7 districts, 25 streets, 441 communities). */
  city: { code: '6301', residents: 2_500_000, label: '西宁市' },
} as const;
export type Scale = keyof typeof SCALES;
export const isScale = (s: string): s is Scale => Object.hasOwn(SCALES, s);

/** Written into the data folder when a generation completes: what was generated, under which migrations. */
export const MARKER_FILE = 'generated.json';

/** A hash of the committed migrations: data generated under other migrations is generated again by the bench. */
export function currentMigrationsHash(): string {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((n) => n.endsWith('.sql')).sort()) h.update(f).update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  return h.digest('hex').slice(0, 16);
}

export interface GenOptions {
  scale: Scale;
  seed: number;
  /** PostgreSQL URL; PGlite in dataDir when absent. */
  databaseUrl?: string | undefined;
  /** PGlite's folder, and in both engines the folder of the development PII keys (DATA_DIR/keys). */
  dataDir: string;
  log?: (line: string) => void;
}

export interface GenSummary {
  scale: Scale;
  seed: number;
  engine: string;
  place: string;
  seconds: number;
  rows: Record<string, number>;
  rowsPerSecond: Record<string, number>;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵祁冶鲁'.split('');
const MALE = '伟强磊军洋勇杰涛明超辉刚平鹏华飞建国志文斌波宇浩凯健俊峰海东亮林成龙德永福贵生'.split('');
const FEMALE = '芳娜敏静丽艳娟霞秀英兰玲桂珍燕红梅琳婷雪慧颖莉萍倩琴云凤洁欣悦晶佳梦'.split('');
const COMPOUNDS = ['和平', '幸福', '锦绣', '建设', '康乐', '安居', '阳光', '文化', '桥西', '团结', '昆仑', '湟水', '海湖', '凤凰', '青城', '夏都', '金岸', '丽景', '紫金', '新华'];
const COMPOUND_SUFFIX = ['小区', '家园', '花园', '苑', '雅居', '新村'];
const PHONE_PREFIXES = ['130', '133', '135', '137', '138', '139', '150', '151', '158', '177', '180', '186', '187', '189', '199'];
const UNIT_KINDS = ['agency', 'institution', 'stateOwned', 'privateFirm', 'privateFirm', 'socialOrganization', 'propertyCompany'] as const;
const UNIT_NAMES: Record<(typeof UNIT_KINDS)[number], string[]> = {
  agency: ['税务所', '市场监管所', '派出所', '司法所'],
  institution: ['小学', '卫生服务站', '图书馆分馆', '幼儿园'],
  stateOwned: ['供电营业厅', '燃气服务站', '邮政支局', '银行支行'],
  privateFirm: ['便民超市', '商贸有限公司', '餐饮有限公司', '科技有限公司', '汽修服务部'],
  socialOrganization: ['志愿者协会', '养老服务中心', '社工服务站'],
  propertyCompany: ['物业服务有限公司'],
};
/** 西宁: the lattice of generated community areas starts south-west of the city centre (WGS-84). */
const ORIGIN = [101.62, 36.52] as const;
const AREA_W = 0.012;
const AREA_H = 0.009;
const GRID_COLS = 6;
const GRID_ROWS = 4;
/** Demo "today" (as the people seed): ages are counted from here. */
const YEAR = 2026;

type Row = Record<string, string | number | boolean | null | string[] | GridGeometry>;

/** Inserts rows in batches through json_to_recordset (one parameter per batch: same SQL on both engines). */
async function bulkInsert<R extends Record<string, unknown>>(
  database: Database,
  table: string,
  columns: [string, string][],
  rows: Row[],
  opts: { returning?: string; batch?: number; progress?: (done: number) => void } = {},
): Promise<R[]> {
  const out: R[] = [];
  const batch = opts.batch ?? 5000;
  const names = columns.map(([n]) => n).join(', ');
  const types = columns.map(([n, t]) => `${n} ${t}`).join(', ');
  const text = `insert into ${table} (${names}) select ${names} from json_to_recordset($1::json) as x(${types})${opts.returning ? ` returning ${opts.returning}` : ''}`;
  for (let i = 0; i < rows.length; i += batch) {
    const res = await database.query<R>(text, [JSON.stringify(rows.slice(i, i + batch))]);
    if (opts.returning) out.push(...res);
    opts.progress?.(Math.min(rows.length, i + batch));
  }
  return out;
}

function progress(log: (s: string) => void, what: string, total: number) {
  const t0 = performance.now();
  let last = 0;
  return {
    tick(done: number) {
      const now = performance.now();
      if (done < total && now - last < 1000) return;
      last = now;
      const s = (now - t0) / 1000;
      log(`[gen] ${what.padEnd(14)} ${done.toLocaleString('en-US').padStart(10)}/${total.toLocaleString('en-US')} ${String(Math.round((done / total) * 100)).padStart(3)}%  ${Math.round(done / Math.max(s, 1e-3)).toLocaleString('en-US')} rows/s`);
    },
    seconds: () => (performance.now() - t0) / 1000,
  };
}

/**
 * Bulk-load practice: drops a table's secondary indexes (not its primary key) for the load and rebuilds each
 * from its own stored definition afterwards, so the schema ends exactly as the migrations made it.
 */
async function withoutIndexes<T>(database: Database, table: string, log: (s: string) => void, fn: () => Promise<T>): Promise<T> {
  const defs = await database.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
      where schemaname = current_schema() and tablename = $1
        and indexname not in (select conname from pg_constraint where conrelid = $1::regclass)`,
    [table],
  );
  for (const d of defs) await database.query(`drop index "${d.name}"`);
  const out = await fn();
  const t0 = performance.now();
  for (const d of defs) await database.query(d.def);
  log(`[gen] ${table}: ${defs.length} indexes rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

interface Node {
  id: number;
  path: string;
}

/** Inserts one territory level; children are matched back to their plan entries by (parent id, sort order). */
async function insertTerritories(
  database: Database,
  log: (s: string) => void,
  what: string,
  rows: { parent_id: number; level: string; name: string; sort_order: number }[],
): Promise<{ nodes: Node[]; seconds: number }> {
  const p = progress(log, what, rows.length);
  const res = await bulkInsert<{ id: number; parent_id: number; sort_order: number; path: string }>(
    database,
    'territories',
    [
      ['parent_id', 'int'],
      ['level', 'text'],
      ['name', 'text'],
      ['sort_order', 'int'],
    ],
    rows,
    { returning: 'id, parent_id, sort_order, path', progress: p.tick },
  );
  const byKey = new Map(res.map((r) => [`${r.parent_id}:${r.sort_order}`, { id: r.id, path: r.path }]));
  return { nodes: rows.map((r) => byKey.get(`${r.parent_id}:${r.sort_order}`)!), seconds: p.seconds() };
}

export function genConfig(opts: Pick<GenOptions, 'databaseUrl' | 'dataDir'>): Config {
  return loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    DEMO_DATA: 'true',
    LOG_LEVEL: 'silent',
    DATA_DIR: opts.dataDir,
    DATABASE_URL: opts.databaseUrl ?? '',
  });
}

/** Fills an empty database (or one holding only the demo data) with the chosen scale. */
export async function generate(opts: GenOptions): Promise<GenSummary> {
  const log = opts.log ?? ((s: string) => process.stdout.write(`${s}\n`));
  const t0 = performance.now();
  const config = genConfig(opts);
  const database = await openDatabase(config);
  try {
    return await run(database, config, opts, log, t0);
  } finally {
    await database.close();
  }
}

async function run(database: Database, config: Config, opts: GenOptions, log: (s: string) => void, t0: number): Promise<GenSummary> {
  const spec = SCALES[opts.scale];
  await prepareDatabase(database, config, pino({ level: 'silent' }));
  log(`[gen] migrated and demo data present (${((performance.now() - t0) / 1000).toFixed(1)} s); engine ${database.engine}`);
  const [done] = await database.query<{ n: number }>(`select count(*)::int as n from territories where level = 'compound' and sort_order >= 1000`);
  if ((done?.n ?? 0) > 0) throw new Error('this database already holds generated data: generate into an empty database');

  const rnd = prng(opts.seed);
  const [place] = await database.query<{ path: string }>('select path from territories where division_code = $1', [spec.code]);
  if (!place) throw new Error(`division ${spec.code} is not in the tree`);
  const communities = await database.query<{ id: number; path: string; name: string; code: string }>(
    `select id, path, name, division_code as code from territories where level = 'community' and path like $1 order by division_code`,
    [`${place.path}%`],
  );
  const perCommunity = Math.round(spec.residents / communities.length);
  const rows: Record<string, number> = {};
  const rate: Record<string, number> = {};
  const note = (what: string, n: number, s: number) => {
    rows[what] = n;
    rate[what] = Math.round(n / Math.max(s, 1e-3));
  };

  // ---- the place tree: plan units until each community has enough households for its residents ----------
  type UnitPlan = { building: number; sort: number; floors: number };
  const compoundRows: { parent_id: number; level: string; name: string; sort_order: number }[] = [];
  const compoundCommunity: number[] = [];
  const buildingPlan: { compound: number; sort: number }[] = [];
  const unitPlan: UnitPlan[] = [];
  communities.forEach((c, ci) => {
    const targetHouseholds = Math.max(1, Math.round(perCommunity / 2.75));
    let households = 0;
    for (let k = 0; households < targetHouseholds; k++) {
      compoundRows.push({
        parent_id: c.id,
        level: 'compound',
        name: `${COMPOUNDS[(ci + k) % COMPOUNDS.length]}${COMPOUND_SUFFIX[(ci * 7 + k) % COMPOUND_SUFFIX.length]}${k >= COMPOUNDS.length ? `${Math.floor(k / COMPOUNDS.length) + 1}期` : ''}`,
        sort_order: 1000 + k,
      });
      compoundCommunity.push(ci);
      const compound = compoundRows.length - 1;
      const nb = rnd.int(6, 14);
      for (let b = 0; b < nb && households < targetHouseholds; b++) {
        buildingPlan.push({ compound, sort: b });
        const nu = rnd.int(2, 3);
        for (let u = 0; u < nu && households < targetHouseholds; u++) {
          const floors = Math.min(rnd.int(6, 18), Math.ceil((targetHouseholds - households) / 2));
          unitPlan.push({ building: buildingPlan.length - 1, sort: u, floors });
          households += floors * 2;
        }
      }
    }
  });

  const compounds = await insertTerritories(database, log, 'compounds', compoundRows);
  note('compounds', compounds.nodes.length, compounds.seconds);
  const buildings = await insertTerritories(
    database,
    log,
    'buildings',
    buildingPlan.map((b) => ({ parent_id: compounds.nodes[b.compound]!.id, level: 'building', name: `${b.sort + 1}号楼`, sort_order: b.sort })),
  );
  note('buildings', buildings.nodes.length, buildings.seconds);
  const units = await insertTerritories(
    database,
    log,
    'units',
    unitPlan.map((u) => ({ parent_id: buildings.nodes[u.building]!.id, level: 'unit', name: `${u.sort + 1}单元`, sort_order: u.sort })),
  );
  note('building_units', units.nodes.length, units.seconds);
  const householdRows: { parent_id: number; level: string; name: string; sort_order: number }[] = [];
  const householdCompound: number[] = [];
  unitPlan.forEach((u, ui) => {
    for (let k = 0; k < u.floors * 2; k++) {
      householdRows.push({ parent_id: units.nodes[ui]!.id, level: 'household', name: `${Math.floor(k / 2) + 1}0${(k % 2) + 1}室`, sort_order: k });
      householdCompound.push(buildingPlan[u.building]!.compound);
    }
  });
  const households = await withoutIndexes(database, 'territories', log, () => insertTerritories(database, log, 'households', householdRows));
  note('households', households.nodes.length, households.seconds);

  // ---- party organisations: a committee per community (unless the demo gave it one), a branch per compound --
  const existing = await database.query<{ id: number; territory_id: number }>(
    `select id, territory_id from party_orgs where kind in ('committee','generalBranch') and scope_path like $1 order by id`,
    [`${place.path}%`],
  );
  const committeeOf = new Map<number, number>();
  for (const o of existing) if (!committeeOf.has(o.territory_id)) committeeOf.set(o.territory_id, o.id);
  const newCommittees = communities.filter((c) => !committeeOf.has(c.id));
  const orgCols: [string, string][] = [
    ['parent_id', 'int'],
    ['territory_id', 'int'],
    ['scope_path', 'text'],
    ['kind', 'text'],
    ['name', 'text'],
    ['secretary_name', 'text'],
  ];
  const person = (male: boolean, surname = rnd.pick(SURNAMES)) => {
    const pool = male ? MALE : FEMALE;
    return `${surname}${rnd.pick(pool)}${rnd.next() < 0.55 ? rnd.pick(pool) : ''}`;
  };
  const pOrg = progress(log, 'party orgs', newCommittees.length + compounds.nodes.length);
  const made = await bulkInsert<{ id: number; territory_id: number }>(
    database,
    'party_orgs',
    orgCols,
    newCommittees.map((c) => ({ parent_id: null, territory_id: c.id, scope_path: c.path, kind: 'committee', name: `${c.name}党委`, secretary_name: person(rnd.next() < 0.5) })),
    { returning: 'id, territory_id' },
  );
  for (const m of made) committeeOf.set(m.territory_id, m.id);
  const branches = await bulkInsert<{ id: number; territory_id: number }>(
    database,
    'party_orgs',
    orgCols,
    compoundRows.map((c, i) => ({
      parent_id: committeeOf.get(c.parent_id)!,
      territory_id: compounds.nodes[i]!.id,
      scope_path: compounds.nodes[i]!.path,
      kind: 'branch',
      name: `${c.name}党支部`,
      secretary_name: person(rnd.next() < 0.5),
    })),
    { returning: 'id, territory_id', progress: (n) => pOrg.tick(newCommittees.length + n) },
  );
  const branchOf = new Map(branches.map((b) => [b.territory_id, b.id]));
  note('party_orgs', newCommittees.length + branches.length, pOrg.seconds());

  // ---- residents, in chunks of households (encryption runs in JS between the batches) --------------------
  const totalResidents = Math.round(households.nodes.length * 2.75);
  const pRes = progress(log, 'residents', totalResidents);
  const pm: Row[] = [];
  const sizes = [1, 2, 2, 3, 3, 3, 4, 4];
  let serial = 0;
  let inserted = 0;
  const resCols: [string, string][] = [
    ['name', 'text'],
    ['gender', 'text'],
    ['birth_date', 'date'],
    ['household_id', 'int'],
    ['scope_path', 'text'],
    ['relation', 'text'],
    ['tags', 'text[]'],
    ['phone_enc', 'text'],
    ['phone_hash', 'text'],
    ['id_number_enc', 'text'],
    ['id_number_hash', 'text'],
  ];
  const CHUNK = 4000; // households per round trip (≈ 11 k residents)
  // One insert in flight while the next chunk is drawn and encrypted: on PostgreSQL the two overlap.
  let inFlight: Promise<void> | null = null;
  await withoutIndexes(database, 'residents', log, async () => {
    for (let h0 = 0; h0 < households.nodes.length; h0 += CHUNK) {
      const batch: Row[] = [];
      const members: { hash: string; row: Row }[] = [];
      for (let h = h0; h < Math.min(households.nodes.length, h0 + CHUNK); h++) {
        const home = households.nodes[h]!;
        const size = rnd.pick(sizes);
        const male = rnd.next() < 0.55;
        const surname = rnd.pick(SURNAMES);
        const hAge = rnd.int(24, 88);
        for (let k = 0; k < size; k++) {
          const isMale = k === 0 ? male : k === 1 ? !male : rnd.next() < 0.5;
          const age = k === 0 ? hAge : k === 1 ? Math.max(20, hAge + rnd.int(-5, 5)) : hAge > 60 ? hAge - rnd.int(26, 34) : Math.max(1, hAge - rnd.int(22, 34));
          const relation = k === 0 ? 'householder' : k === 1 ? 'spouse' : hAge > 60 && rnd.next() < 0.4 ? 'grandchild' : 'child';
          const birth = `${YEAR - age}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
          // Unique by construction: a 6-digit region from the serial, the sequence from its remainder.
          const s = serial++;
          const id = fakeIdNumber(String(500000 + Math.floor(s / 500)), birth, s % 500, isMale ? 'male' : 'female');
          const phone = age >= 14 && rnd.next() < 0.9 ? `${rnd.pick(PHONE_PREFIXES)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}` : null;
          const tags: string[] = [];
          if (age >= 70 && size <= 2) tags.push('emptyNest');
          if (rnd.next() < 0.02) tags.push('lowIncome');
          if (rnd.next() < 0.015) tags.push('disabled');
          const name = person(isMale, relation === 'spouse' ? undefined : surname);
          const idHash = hashPii('idNumber', id);
          batch.push({
            name,
            gender: isMale ? 'male' : 'female',
            birth_date: birth,
            household_id: home.id,
            scope_path: home.path,
            relation,
            tags,
            phone_enc: phone ? encryptPii('phone', phone) : null,
            phone_hash: phone ? hashPii('phone', phone) : null,
            id_number_enc: encryptPii('idNumber', id),
            id_number_hash: idHash,
          });
          if (age >= 20 && rnd.next() < 0.055) {
            const compound = compounds.nodes[householdCompound[h]!]!;
            members.push({
              hash: idHash,
              row: {
                name,
                kind: age >= 60 ? 'retired' : rnd.next() < 0.85 ? 'resident' : 'mobile',
                home_branch_id: branchOf.get(compound.id)!,
                territory_id: compound.id,
                scope_path: compound.path,
                resident_id: null,
                joined_on: `${YEAR - rnd.int(1, Math.max(1, age - 19))}-07-01`,
                points: rnd.int(0, 120),
              },
            });
          }
        }
      }
      await inFlight;
      inFlight = (async () => {
        const ids = await bulkInsert<{ id: number; h: string }>(database, 'residents', resCols, batch, { returning: 'id, id_number_hash as h', batch: batch.length });
        const idOf = new Map(ids.map((r) => [r.h, r.id]));
        for (const m of members) pm.push({ ...m.row, resident_id: idOf.get(m.hash)! });
        inserted += batch.length;
        pRes.tick(Math.min(inserted, totalResidents - 1));
      })();
    }
    await inFlight;
  });
  pRes.tick(totalResidents);
  note('residents', inserted, pRes.seconds());

  const pPm = progress(log, 'party members', pm.length);
  await bulkInsert(
    database,
    'party_members',
    [
      ['name', 'text'],
      ['kind', 'text'],
      ['home_branch_id', 'int'],
      ['territory_id', 'int'],
      ['scope_path', 'text'],
      ['resident_id', 'int'],
      ['joined_on', 'date'],
      ['points', 'int'],
    ],
    pm,
    { progress: pPm.tick },
  );
  note('party_members', pm.length, pPm.seconds());

  // ---- units located in the area: 1 per 500 residents, spread over the communities ---------------------------
  const unitRows: Row[] = [];
  const unitsPerCommunity = Math.max(1, Math.round(perCommunity / 500));
  communities.forEach((c, ci) => {
    for (let k = 0; k < unitsPerCommunity; k++) {
      const kind = rnd.pick(UNIT_KINDS);
      unitRows.push({
        territory_id: c.id,
        scope_path: c.path,
        kind,
        name: `${c.name.replace(/社区$/, '')}${rnd.pick(UNIT_NAMES[kind])}${k + 1}`,
        contact_name: person(rnd.next() < 0.5),
        address: `${COMPOUNDS[(ci + k) % COMPOUNDS.length]}路${rnd.int(1, 300)}号`,
        is_new_organization: kind === 'privateFirm' || kind === 'socialOrganization',
      });
    }
  });
  const pUnits = progress(log, 'units', unitRows.length);
  await bulkInsert(
    database,
    'units',
    [
      ['territory_id', 'int'],
      ['scope_path', 'text'],
      ['kind', 'text'],
      ['name', 'text'],
      ['contact_name', 'text'],
      ['address', 'text'],
      ['is_new_organization', 'boolean'],
    ],
    unitRows,
    { progress: pUnits.tick },
  );
  note('units', unitRows.length, pUnits.seconds());

  // ---- grids: each community an area on a lattice, cut into 4 × 6 basic grids, one full-time worker each ----
  const gridRows: Row[] = [];
  const side = Math.ceil(Math.sqrt(communities.length));
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  communities.forEach((c, ci) => {
    const ax = ORIGIN[0] + (ci % side) * (AREA_W + 0.0005);
    const ay = ORIGIN[1] + Math.floor(ci / side) * (AREA_H + 0.0005);
    let k = 0;
    for (let row = 0; row < GRID_ROWS; row++) {
      for (let col = 0; col < GRID_COLS; col++) {
        const x0 = r6(ax + (col * AREA_W) / GRID_COLS);
        const x1 = r6(ax + ((col + 1) * AREA_W) / GRID_COLS);
        const y0 = r6(ay + (row * AREA_H) / GRID_ROWS);
        const y1 = r6(ay + ((row + 1) * AREA_H) / GRID_ROWS);
        gridRows.push({
          community_id: c.id,
          scope_path: c.path,
          kind: 'basic',
          name: `${c.name}第${++k}网格`,
          geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
          min_lng: x0,
          min_lat: y0,
          max_lng: x1,
          max_lat: y1,
        });
      }
    }
  });
  const pGrids = progress(log, 'grids', gridRows.length);
  const gridIds = await bulkInsert<{ id: number; scope_path: string }>(
    database,
    'grids',
    [
      ['community_id', 'int'],
      ['scope_path', 'text'],
      ['kind', 'text'],
      ['name', 'text'],
      ['geometry', 'jsonb'],
      ['min_lng', 'float8'],
      ['min_lat', 'float8'],
      ['max_lng', 'float8'],
      ['max_lat', 'float8'],
    ],
    gridRows,
    { returning: 'id, scope_path', progress: pGrids.tick },
  );
  await bulkInsert(
    database,
    'grid_workers',
    [
      ['grid_id', 'int'],
      ['scope_path', 'text'],
      ['name', 'text'],
      ['kind', 'text'],
      ['phone', 'text'],
    ],
    gridIds.map((g) => ({ grid_id: g.id, scope_path: g.scope_path, name: person(rnd.next() < 0.5), kind: 'fullTime', phone: `138${String(rnd.int(0, 99_999_999)).padStart(8, '0')}` })),
  );
  await database.query('insert into grid_index_version (id, version) values (1, 1) on conflict (id) do update set version = grid_index_version.version + 1');
  note('grids', gridRows.length, pGrids.seconds());
  note('grid_workers', gridIds.length, pGrids.seconds());

  const tA = performance.now();
  await database.query('analyze');
  log(`[gen] analyze ${((performance.now() - tA) / 1000).toFixed(1)} s`);
  const seconds = (performance.now() - t0) / 1000;
  log(`[gen] done: ${opts.scale} (${spec.label}), ${inserted.toLocaleString('en-US')} residents in ${seconds.toFixed(1)} s`);
  const summary: GenSummary = { scale: opts.scale, seed: opts.seed, engine: database.engine, place: spec.label, seconds: Math.round(seconds * 10) / 10, rows, rowsPerSecond: rate };
  fs.writeFileSync(path.join(opts.dataDir, MARKER_FILE), `${JSON.stringify({ ...summary, migrationsHash: currentMigrationsHash() }, null, 2)}\n`);
  return summary;
}
