import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { prepareDatabase } from '../../src/bootstrap.js';
import { sealAuditChain } from '../../src/kernel/audit/seal.js';
import { loadConfig, type Config } from '../../src/kernel/config.js';
import { encryptPii, hashPii } from '../../src/kernel/crypto/pii.js';
import { MIGRATIONS_DIR, openDatabase, type Database } from '../../src/kernel/db/client.js';
import { prng } from '../../src/kernel/random.js';
import type { GridGeometry } from '../../src/modules/grids/schema.js';
import { fakeIdNumber } from '../../src/modules/people/people.seed.js';
import { hashPassword } from '../../src/kernel/auth/password.js';
import { DEMO_PASSWORD } from '../../src/modules/accounts/accounts.seed.js';
import { ORDER_CATEGORIES } from '../../src/modules/service-orders/constants.js';
import { rollupRebuildSql } from '../../src/modules/service-orders/rollups.js';
import { ensureMonthPartitions } from '../../src/kernel/db/partitions.js';

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
 * Then service orders (issue 5): street 20 k, district 200 k, city 1 M over the three years before ANCHOR (per three
 * years: `--years 10` spreads 10/3 as many over ten years, into their monthly partitions), in every
 * state (old ones finished, the unfinished ones recent), all kinds and categories, handled by units, party members
 * and grid workers, with ratings, reopens, returns, escalations and merged duplicates; their timelines and audit
 * rows derived from them in SQL (INSERT … SELECT), and the figures' rollup rebuilt from them (rollupRebuildSql).
 * And BENCH_RESIDENTS resident accounts (password DEMO_PASSWORD) in households spread over the communities, who
 * place orders in the bench.
 */

export const SCALES = {
  /** One community, a few hundred residents: the test suite's smoke run. */
  tiny: { code: '630104006001', residents: 600, orders: 600, label: '文亭巷社区' },
  /** 文汇路街道 (4 communities). */
  street: { code: '630104006', residents: 50_000, orders: 20_000, label: '西宁市城西区文汇路街道' },
  /** 城西区 (8 streets, 43 communities). */
  district: { code: '630104', residents: 500_000, orders: 200_000, label: '西宁市城西区' },
  /** 西宁市 (7 districts, 25 streets, 441 communities). */
  city: { code: '6301', residents: 2_500_000, orders: 1_000_000, label: '西宁市' },
} as const;
export type Scale = keyof typeof SCALES;
export const isScale = (s: string): s is Scale => Object.hasOwn(SCALES, s);

/** Written into the data folder when a generation completes: what was generated, under which migrations. */
export const MARKER_FILE = 'generated.json';

/** A hash of the committed migrations: data generated under other migrations is generated again by the bench. */
export function currentMigrationsHash(): string {
  const h = createHash('sha256');
  for (const f of fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((n) => n.endsWith('.sql'))
    .sort())
    h.update(f).update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  return h.digest('hex').slice(0, 16);
}

export interface GenOptions {
  scale: Scale;
  seed: number;
  /** PostgreSQL URL; PGlite in dataDir when absent. */
  databaseUrl?: string | undefined;
  /** PGlite's folder, and in both engines the folder of the development PII keys (DATA_DIR/keys). */
  dataDir: string;
  /**
   * Years of order history before ANCHOR (default 3). The orders per year stay the scale's (orders × years / 3), so
   * `--years 10` is a platform ten years old: its timelines and audit rows spread over ~120 monthly partitions
   * (decision 051).
   */
  years?: number;
  log?: (line: string) => void;
}

export interface GenSummary {
  scale: Scale;
  seed: number;
  /** Years of order history generated. */
  years: number;
  engine: string;
  place: string;
  seconds: number;
  rows: Record<string, number>;
  rowsPerSecond: Record<string, number>;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵祁冶鲁'.split(
    '',
  );
const MALE = '伟强磊军洋勇杰涛明超辉刚平鹏华飞建国志文斌波宇浩凯健俊峰海东亮林成龙德永福贵生'.split('');
const FEMALE = '芳娜敏静丽艳娟霞秀英兰玲桂珍燕红梅琳婷雪慧颖莉萍倩琴云凤洁欣悦晶佳梦'.split('');
const COMPOUNDS = [
  '和平',
  '幸福',
  '锦绣',
  '建设',
  '康乐',
  '安居',
  '阳光',
  '文化',
  '桥西',
  '团结',
  '昆仑',
  '湟水',
  '海湖',
  '凤凰',
  '青城',
  '夏都',
  '金岸',
  '丽景',
  '紫金',
  '新华',
];
const COMPOUND_SUFFIX = ['小区', '家园', '花园', '苑', '雅居', '新村'];
const PHONE_PREFIXES = [
  '130',
  '133',
  '135',
  '137',
  '138',
  '139',
  '150',
  '151',
  '158',
  '177',
  '180',
  '186',
  '187',
  '189',
  '199',
];
const UNIT_KINDS = [
  'agency',
  'institution',
  'stateOwned',
  'privateFirm',
  'privateFirm',
  'socialOrganization',
  'propertyCompany',
] as const;
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
      log(
        `[gen] ${what.padEnd(14)} ${done.toLocaleString('en-US').padStart(10)}/${total.toLocaleString('en-US')} ${String(Math.round((done / total) * 100)).padStart(3)}%  ${Math.round(done / Math.max(s, 1e-3)).toLocaleString('en-US')} rows/s`,
      );
    },
    seconds: () => (performance.now() - t0) / 1000,
  };
}

/**
 * Bulk-load practice: drops a table's secondary indexes (not its primary key) for the load and rebuilds each
 * from its own stored definition afterwards, so the schema ends exactly as the migrations made it.
 */
async function withoutIndexes<T>(
  database: Database,
  table: string,
  log: (s: string) => void,
  fn: () => Promise<T>,
): Promise<T> {
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

async function run(
  database: Database,
  config: Config,
  opts: GenOptions,
  log: (s: string) => void,
  t0: number,
): Promise<GenSummary> {
  const spec = SCALES[opts.scale];
  const years = opts.years ?? DEFAULT_YEARS;
  await prepareDatabase(database, config, pino({ level: 'silent' }));
  log(
    `[gen] migrated and demo data present (${((performance.now() - t0) / 1000).toFixed(1)} s); engine ${database.engine}`,
  );
  const [done] = await database.query<{ n: number }>(
    `select count(*)::int as n from territories where level = 'compound' and sort_order >= 1000`,
  );
  if ((done?.n ?? 0) > 0)
    throw new Error('this database already holds generated data: generate into an empty database');

  const rnd = prng(opts.seed);
  const [place] = await database.query<{ path: string }>('select path from territories where division_code = $1', [
    spec.code,
  ]);
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
    buildingPlan.map((b) => ({
      parent_id: compounds.nodes[b.compound]!.id,
      level: 'building',
      name: `${b.sort + 1}号楼`,
      sort_order: b.sort,
    })),
  );
  note('buildings', buildings.nodes.length, buildings.seconds);
  const units = await insertTerritories(
    database,
    log,
    'units',
    unitPlan.map((u) => ({
      parent_id: buildings.nodes[u.building]!.id,
      level: 'unit',
      name: `${u.sort + 1}单元`,
      sort_order: u.sort,
    })),
  );
  note('building_units', units.nodes.length, units.seconds);
  const householdRows: { parent_id: number; level: string; name: string; sort_order: number }[] = [];
  const householdCompound: number[] = [];
  unitPlan.forEach((u, ui) => {
    for (let k = 0; k < u.floors * 2; k++) {
      householdRows.push({
        parent_id: units.nodes[ui]!.id,
        level: 'household',
        name: `${Math.floor(k / 2) + 1}0${(k % 2) + 1}室`,
        sort_order: k,
      });
      householdCompound.push(buildingPlan[u.building]!.compound);
    }
  });
  const households = await withoutIndexes(database, 'territories', log, () =>
    insertTerritories(database, log, 'households', householdRows),
  );
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
    newCommittees.map((c) => ({
      parent_id: null,
      territory_id: c.id,
      scope_path: c.path,
      kind: 'committee',
      name: `${c.name}党委`,
      secretary_name: person(rnd.next() < 0.5),
    })),
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
          const age =
            k === 0
              ? hAge
              : k === 1
                ? Math.max(20, hAge + rnd.int(-5, 5))
                : hAge > 60
                  ? hAge - rnd.int(26, 34)
                  : Math.max(1, hAge - rnd.int(22, 34));
          const relation =
            k === 0 ? 'householder' : k === 1 ? 'spouse' : hAge > 60 && rnd.next() < 0.4 ? 'grandchild' : 'child';
          const birth = `${YEAR - age}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
          // Unique by construction: a 6-digit region from the serial, the sequence from its remainder.
          const s = serial++;
          const id = fakeIdNumber(String(500000 + Math.floor(s / 500)), birth, s % 500, isMale ? 'male' : 'female');
          const phone =
            age >= 14 && rnd.next() < 0.9
              ? `${rnd.pick(PHONE_PREFIXES)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`
              : null;
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
              },
            });
          }
        }
      }
      await inFlight;
      inFlight = (async () => {
        const ids = await bulkInsert<{ id: number; h: string }>(database, 'residents', resCols, batch, {
          returning: 'id, id_number_hash as h',
          batch: batch.length,
        });
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
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [x0, y0],
                [x1, y0],
                [x1, y1],
                [x0, y1],
                [x0, y0],
              ],
            ],
          },
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
    gridIds.map((g) => ({
      grid_id: g.id,
      scope_path: g.scope_path,
      name: person(rnd.next() < 0.5),
      kind: 'fullTime',
      phone: `138${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
    })),
  );
  await database.query(
    'insert into grid_index_version (id, version) values (1, 1) on conflict (id) do update set version = grid_index_version.version + 1',
  );
  note('grids', gridRows.length, pGrids.seconds());
  note('grid_workers', gridIds.length, pGrids.seconds());

  await generateOrders(
    database,
    log,
    rnd,
    Math.round((spec.orders * years) / DEFAULT_YEARS),
    {
      place: place.path,
      communities,
      compoundCommunity,
      compounds: compounds.nodes,
      households: households.nodes,
      householdCompound,
      grids: gridIds.map((g, i) => ({ id: g.id, row: gridRows[i]! })),
    },
    years,
  ).then((n) => Object.entries(n).forEach(([k, v]) => note(k, v.rows, v.seconds)));
  const bench = await benchResidents(
    database,
    rnd,
    communities,
    households.nodes,
    householdCompound,
    compoundCommunity,
  );
  note('bench_residents', bench, 0);

  const tA = performance.now();
  // VACUUM too: after a bulk load the visibility map is empty, and counts could not use index-only scans.
  await database.query('vacuum analyze');
  log(`[gen] vacuum analyze ${((performance.now() - tA) / 1000).toFixed(1)} s`);
  const seconds = (performance.now() - t0) / 1000;
  log(
    `[gen] done: ${opts.scale} (${spec.label}), ${inserted.toLocaleString('en-US')} residents in ${seconds.toFixed(1)} s`,
  );
  const summary: GenSummary = {
    scale: opts.scale,
    seed: opts.seed,
    years,
    engine: database.engine,
    place: spec.label,
    seconds: Math.round(seconds * 10) / 10,
    rows,
    rowsPerSecond: rate,
  };
  fs.writeFileSync(
    path.join(opts.dataDir, MARKER_FILE),
    `${JSON.stringify({ ...summary, migrationsHash: currentMigrationsHash() }, null, 2)}\n`,
  );
  return summary;
}

// ---- service orders ----------------------------------------------------------------------------------------------

/** The generated orders' "now": the three years of orders end here (fixed, so the same seed gives the same rows). */
export const ANCHOR = new Date('2026-11-23T00:00:00+08:00');
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The default span of the generated history, in years (`--years`). */
export const DEFAULT_YEARS = 3;
/** Resident accounts the bench signs in to place orders (bench_resident_000 …). */
export const BENCH_RESIDENTS = 100;
export const benchResidentName = (i: number) => `bench_resident_${String(i).padStart(3, '0')}`;
/** The bench residents, each with the box of a grid of their own community (the bench reports a point inside it). */
export const BENCH_RESIDENTS_SQL = `select distinct on (a.id) a.username, a.territory_id, g.min_lng as a, g.min_lat as b, g.max_lng as c, g.max_lat as d
  from accounts a join territories h on h.id = a.territory_id join grids g on h.path like g.scope_path || '%'
  where a.username like 'bench\\_resident\\_%' order by a.id, g.id`;

const TITLES: Record<string, string[]> = {
  environment: ['楼道堆放杂物', '垃圾清运不及时', '小区污水外溢'],
  repair: ['楼道灯不亮', '单元门禁损坏', '水管漏水', '电梯故障'],
  safety: ['消防通道被占', '井盖松动', '外墙瓷砖脱落'],
  neighbourhood: ['楼上噪音扰民', '邻里漏水纠纷', '宠物扰民'],
  elderly: ['独居老人需要帮助', '申请助餐服务', '陪同就医'],
  parking: ['乱停车堵路', '充电桩不够用', '车位纠纷'],
  greening: ['树枝遮挡窗户', '绿地被毁', '草坪需要修剪'],
  property: ['物业服务不到位', '物业费疑问', '公共区域保洁'],
  policy: ['咨询医保政策', '办理居住证明', '咨询低保申请'],
  other: ['其他问题反映', '意见建议'],
};
const WISHES = ['给孩子买一套课外书', '想要一台收音机', '希望有人陪聊天', '需要一把轮椅', '想学用智能手机'];
const MENU = ['上门理发', '家电维修', '健康体检', '法律咨询', '助餐送餐', '代办代缴'];

interface OrderPlace {
  place: string;
  communities: { id: number; path: string; name: string }[];
  compoundCommunity: number[];
  compounds: Node[];
  households: Node[];
  householdCompound: number[];
  grids: { id: number; row: Row }[];
}

type Rnd = ReturnType<typeof prng>;

/**
 * One order row, drawn by its age: orders older than a month are finished (closed, rated, resolved, a few
 * cancelled or merged); recent ones are still open with a probability falling with age (about 4 days' half-life).
 */
function drawOrder(
  spanDays: number,
  rnd: Rnd,
  p: OrderPlace,
  ci: number,
  householdsOf: number[][],
  unitsOf: Map<number, number[]>,
  membersOf: Map<number, number[]>,
  street: Map<number, number>,
): Row {
  const c = p.communities[ci]!;
  // More orders lately (the platform grows): density rising linearly over the span (three years by default).
  const ageDays = spanDays * (1 - Math.sqrt(rnd.next()));
  const created = new Date(ANCHOR.getTime() - ageDays * DAY - rnd.int(0, 59) * 60_000);
  const kindDraw = rnd.next();
  const kind = kindDraw < 0.62 ? 'problem' : kindDraw < 0.86 ? 'menuService' : 'microWish';
  const category = kind === 'microWish' ? 'elderly' : rnd.pick(ORDER_CATEGORIES);
  const title =
    kind === 'problem'
      ? rnd.pick(TITLES[category] ?? TITLES.other!)
      : kind === 'microWish'
        ? rnd.pick(WISHES)
        : rnd.pick(MENU);
  const hh = householdsOf[ci]!;
  const patrol = kind === 'problem' && rnd.next() < 0.2; // found by a grid worker on patrol 排摸: the compound
  const h = hh.length ? rnd.pick(hh) : -1;
  const node = h < 0 ? { id: c.id, path: c.path } : patrol ? p.compounds[p.householdCompound[h]!]! : p.households[h]!;
  const g = p.grids[ci * GRID_ROWS * GRID_COLS + rnd.int(0, GRID_ROWS * GRID_COLS - 1)];
  const geo = g?.row as { min_lng: number; min_lat: number; max_lng: number; max_lat: number } | undefined;
  const respondHours = category === 'safety' ? 12 : 24;
  const resolveHours = category === 'safety' ? 48 : category === 'policy' ? 120 : 72;
  const at = (ms: number) => new Date(Math.min(ms, ANCHOR.getTime() - 60_000));
  const row: Row = {
    kind,
    status: 'submitted',
    category,
    title,
    description: `${title}，请尽快处理。`,
    community_id: c.id,
    territory_id: node.id,
    scope_path: node.path,
    lng:
      kind === 'problem' && geo
        ? Math.round((geo.min_lng + (geo.max_lng - geo.min_lng) * rnd.next()) * 1e6) / 1e6
        : null,
    lat:
      kind === 'problem' && geo
        ? Math.round((geo.min_lat + (geo.max_lat - geo.min_lat) * rnd.next()) * 1e6) / 1e6
        : null,
    grid_id: kind === 'problem' && g ? g.id : null,
    handler_kind: null,
    handler_unit_id: null,
    handler_member_id: null,
    handler_department: null,
    respond_hours: respondHours,
    resolve_hours: resolveHours,
    respond_by: new Date(created.getTime() + respondHours * HOUR).toISOString(),
    resolve_by: new Date(created.getTime() + resolveHours * HOUR).toISOString(),
    dispatched_at: null,
    accepted_at: null,
    resolved_at: null,
    closed_at: null,
    escalation_level: null,
    escalated_to_id: null,
    reopen_count: 0,
    return_count: 0,
    rating: null,
    rating_comment: null,
    rated_at: null,
    created_at: created.toISOString(),
    updated_at: created.toISOString(),
  };
  // How far along: old orders are finished; recent ones may still be anywhere.
  const open = rnd.next() < Math.exp(-ageDays / 4);
  const stage = open ? rnd.pick(['submitted', 'dispatched', 'accepted', 'inProgress', 'resolved'] as const) : 'done';
  let last = created.getTime();
  const set = (k: string, ms: number) => {
    const d = at(ms);
    row[k] = d.toISOString();
    last = Math.max(last, d.getTime());
  };
  const finish = (status: string) => {
    row.status = status;
    row.updated_at = new Date(last).toISOString();
    return row;
  };
  if (!open && rnd.next() < 0.004 && kind === 'problem') {
    set('updated_at', created.getTime() + rnd.int(1, 6) * HOUR); // a duplicate, merged (its target: set in SQL)
    return finish('merged');
  }
  if (!open && rnd.next() < 0.015) {
    set('closed_at', created.getTime() + rnd.int(2, 30) * HOUR); // cancelled before anyone took it
    return finish('closed');
  }
  if (stage === 'submitted') return finish('submitted');
  // Handler: a unit of the community, a party member of it, or the grid's worker (a department of the community).
  const units = unitsOf.get(c.id) ?? [];
  const members = membersOf.get(c.id) ?? [];
  const hDraw = rnd.next();
  if (kind === 'microWish') {
    if (members.length && hDraw < 0.7)
      Object.assign(row, { handler_kind: 'member', handler_member_id: rnd.pick(members) });
    else if (units.length) Object.assign(row, { handler_kind: 'unit', handler_unit_id: rnd.pick(units) });
    else Object.assign(row, { handler_kind: 'department', handler_department: '社区志愿服务站' });
  } else if (units.length && hDraw < 0.55)
    Object.assign(row, { handler_kind: 'unit', handler_unit_id: rnd.pick(units) });
  else if (members.length && hDraw < 0.75)
    Object.assign(row, { handler_kind: 'member', handler_member_id: rnd.pick(members) });
  else
    Object.assign(row, {
      handler_kind: 'department',
      handler_department: g ? `${String(g.row.name)}网格员` : '社区网格站',
    });
  if (rnd.next() < 0.05) row.return_count = 1;
  set('dispatched_at', created.getTime() + (0.3 + rnd.next() * 6) * HOUR);
  if (stage === 'dispatched') return finish(kind === 'microWish' ? 'open' : 'dispatched');
  // Accepted mostly within the respond window (≈ 88 % on time).
  set(
    'accepted_at',
    Date.parse(row.dispatched_at as string) +
      (rnd.next() < 0.88 ? rnd.next() * (respondHours - 6) : respondHours + rnd.next() * 30) * HOUR,
  );
  if (stage === 'accepted') return finish('accepted');
  if (stage === 'inProgress') return finish('inProgress');
  const reopened = stage === 'done' && rnd.next() < 0.05;
  if (reopened) row.reopen_count = 1;
  set(
    'resolved_at',
    Date.parse(row.accepted_at as string) +
      (2 + rnd.next() * (rnd.next() < 0.85 ? resolveHours - 12 : resolveHours * 2)) * HOUR +
      (reopened ? 3 * DAY : 0),
  );
  if (rnd.next() < 0.03) {
    const lvl = rnd.next() < 0.7 ? 'community' : 'street';
    row.escalation_level = lvl;
    row.escalated_to_id = lvl === 'community' ? c.id : (street.get(c.id) ?? c.id);
  }
  if (stage === 'resolved' || rnd.next() < 0.1) return finish('resolved');
  const r = rnd.next();
  row.rating = r < 0.8 ? 'satisfied' : r < 0.95 ? 'basic' : 'unsatisfied';
  if (row.rating === 'unsatisfied') row.rating_comment = '处理不及时';
  set('rated_at', Date.parse(row.resolved_at as string) + (1 + rnd.next() * 48) * HOUR);
  if (rnd.next() < 0.3) return finish('rated');
  set('closed_at', Date.parse(row.rated_at as string) + (1 + rnd.next() * 48) * HOUR);
  return finish('closed');
}

/** The timeline of the generated orders (id > after), derived from their own columns: one INSERT … SELECT. */
function eventsSql(after: number, upTo: number): string {
  const w = `o.id > ${after} and o.id <= ${upTo}`;
  const ev = (
    cond: string,
    at: string,
    action: string,
    from: string,
    to: string,
    actor: string,
    note = 'null',
    data = 'null',
  ) =>
    `select o.id, ${at}, ${action.startsWith('case') ? action : `'${action}'`}, ${from}, ${to}, ${actor}, ${note}, ${data} from service_orders o where ${w} and ${cond}`;
  const gap = `(o.dispatched_at - o.created_at)`;
  const work = `(o.resolved_at - o.accepted_at)`;
  return `insert into order_events (order_id, at, action, from_status, to_status, actor_name, note, data)
  ${[
    ev(
      'true',
      'o.created_at',
      'create',
      'null',
      `'submitted'`,
      `case when o.territory_id = o.community_id or o.scope_path not like '%/%/%/%/%/%/%/%/%/%' then '网格员' else '居民' end`,
      'null',
      `jsonb_build_object('kind', o.kind, 'category', o.category)`,
    ),
    ev('o.return_count > 0', `o.created_at + ${gap} / 3`, 'dispatch', `'submitted'`, `'dispatched'`, `'社区工作人员'`),
    ev(
      'o.return_count > 0',
      `o.created_at + ${gap} * 2 / 3`,
      'return',
      `'dispatched'`,
      `'submitted'`,
      `'承办人'`,
      `'不属于本单位职责'`,
    ),
    ev(
      `o.dispatched_at is not null and o.kind = 'microWish'`,
      'o.dispatched_at',
      'open',
      `'submitted'`,
      `'open'`,
      `'社区工作人员'`,
    ),
    ev(
      `o.dispatched_at is not null and o.kind <> 'microWish'`,
      'o.dispatched_at',
      'dispatch',
      `'submitted'`,
      `'dispatched'`,
      `'社区工作人员'`,
      'null',
      `jsonb_build_object('target', o.handler_kind)`,
    ),
    ev(
      `o.accepted_at is not null`,
      'o.accepted_at',
      `case when o.kind = 'microWish' then 'claim' else 'accept' end`,
      `case when o.kind = 'microWish' then 'open' else 'dispatched' end`,
      `'accepted'`,
      `'承办人'`,
    ),
    ev(
      `o.accepted_at is not null and o.status <> 'accepted'`,
      `o.accepted_at + coalesce(${work}, interval '4 hours') / 4`,
      'start',
      `'accepted'`,
      `'inProgress'`,
      `'承办人'`,
    ),
    ev(
      `o.reopen_count > 0 and o.resolved_at is not null`,
      `o.accepted_at + ${work} / 3`,
      'resolve',
      `'inProgress'`,
      `'resolved'`,
      `'承办人'`,
      `'已处理'`,
    ),
    ev(
      `o.reopen_count > 0 and o.resolved_at is not null`,
      `o.accepted_at + ${work} / 2`,
      'reopen',
      `'resolved'`,
      `'inProgress'`,
      `'居民'`,
      `'没有解决'`,
      `jsonb_build_object('rating', 'unsatisfied')`,
    ),
    ev(`o.resolved_at is not null`, 'o.resolved_at', 'resolve', `'inProgress'`, `'resolved'`, `'承办人'`, `'已办结'`),
    ev(
      `o.escalation_level is not null`,
      `least(o.respond_by, o.resolved_at)`,
      'escalate',
      'o.status',
      'o.status',
      `'系统'`,
      'null',
      `jsonb_build_object('level', o.escalation_level)`,
    ),
    ev(
      `o.rated_at is not null`,
      'o.rated_at',
      'rate',
      `'resolved'`,
      `'rated'`,
      `'居民'`,
      'o.rating_comment',
      `jsonb_build_object('rating', o.rating)`,
    ),
    ev(
      `o.closed_at is not null`,
      'o.closed_at',
      'close',
      `case when o.rated_at is null then 'submitted' else 'rated' end`,
      `'closed'`,
      `'社区工作人员'`,
    ),
    ev(
      `o.status = 'merged'`,
      'o.updated_at',
      'merge',
      `'submitted'`,
      `'merged'`,
      `'社区工作人员'`,
      'null',
      `jsonb_build_object('intoId', o.merged_into_id)`,
    ),
  ].join('\n  union all ')}`;
}

/** Every timeline entry of the generated orders audited, as the service audits each move (same transaction there). */
function auditSql(after: number, upTo: number): string {
  return `insert into audit_log (at, actor_name, actor_roles, action, object_type, object_id, scope_path, before, after)
  select e.at, e.actor_name, '{}', 'order.' || e.action, 'serviceOrder', e.order_id::text, o.scope_path,
    case when e.from_status is null then null else jsonb_build_object('status', e.from_status) end,
    jsonb_build_object('status', e.to_status)
  from order_events e join service_orders o on o.id = e.order_id
  where e.order_id > ${after} and e.order_id <= ${upTo}`;
}

async function generateOrders(
  database: Database,
  log: (s: string) => void,
  rnd: Rnd,
  total: number,
  p: OrderPlace,
  years: number,
) {
  const out: Record<string, { rows: number; seconds: number }> = {};
  const spanDays = years * 365;
  // Every month of the history gets its partition before the rows come (else they would all land in DEFAULT).
  const made = await database.db.transaction((tx) =>
    ensureMonthPartitions(tx, { from: new Date(ANCHOR.getTime() - spanDays * DAY), to: ANCHOR }),
  );
  log(`[gen] monthly partitions: ${made.length} created for ${years} years of history`);
  const householdsOf: number[][] = p.communities.map(() => []);
  p.households.forEach((_, h) => householdsOf[p.compoundCommunity[p.householdCompound[h]!]!]!.push(h));
  const byPath = new Map(p.communities.map((c) => [c.id, c]));
  const unitsOf = new Map<number, number[]>();
  for (const u of await database.query<{ id: number; territory_id: number }>(
    'select id, territory_id from units where scope_path like $1 order by id',
    [`${p.place}%`],
  )) {
    if (byPath.has(u.territory_id)) unitsOf.set(u.territory_id, [...(unitsOf.get(u.territory_id) ?? []), u.id]);
  }
  const compoundToCommunity = new Map(p.compounds.map((c, i) => [c.id, p.communities[p.compoundCommunity[i]!]!.id]));
  const membersOf = new Map<number, number[]>();
  for (const m of await database.query<{ id: number; territory_id: number }>(
    'select id, territory_id from party_members where scope_path like $1 order by id',
    [`${p.place}%`],
  )) {
    const c = compoundToCommunity.get(m.territory_id);
    if (c === undefined) continue;
    const list = membersOf.get(c) ?? [];
    if (list.length < 40) list.push(m.id); // the active ones: a few dozen members per community take orders
    membersOf.set(c, list);
  }
  const street = new Map<number, number>();
  for (const r of await database.query<{ id: number; parent_id: number }>(
    `select id, parent_id from territories where level = 'community' and path like $1`,
    [`${p.place}%`],
  ))
    street.set(r.id, r.parent_id);
  const [base] = await database.query<{ n: number }>('select coalesce(max(id), 0)::int as n from service_orders');
  const after = base?.n ?? 0;

  const cols: [string, string][] = [
    ['kind', 'text'],
    ['status', 'text'],
    ['category', 'text'],
    ['title', 'text'],
    ['description', 'text'],
    ['community_id', 'int'],
    ['territory_id', 'int'],
    ['scope_path', 'text'],
    ['lng', 'float8'],
    ['lat', 'float8'],
    ['grid_id', 'int'],
    ['handler_kind', 'text'],
    ['handler_unit_id', 'int'],
    ['handler_member_id', 'int'],
    ['handler_department', 'text'],
    ['respond_hours', 'int'],
    ['resolve_hours', 'int'],
    ['respond_by', 'timestamptz'],
    ['resolve_by', 'timestamptz'],
    ['dispatched_at', 'timestamptz'],
    ['accepted_at', 'timestamptz'],
    ['resolved_at', 'timestamptz'],
    ['closed_at', 'timestamptz'],
    ['escalation_level', 'text'],
    ['escalated_to_id', 'int'],
    ['reopen_count', 'int'],
    ['return_count', 'int'],
    ['rating', 'text'],
    ['rating_comment', 'text'],
    ['rated_at', 'timestamptz'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ];
  const pO = progress(log, 'service orders', total);
  const BATCH = 5000;
  let inFlight: Promise<unknown> | null = null;
  let done = 0;
  await withoutIndexes(database, 'service_orders', log, async () => {
    for (let i = 0; i < total; i += BATCH) {
      const rows: Row[] = [];
      for (let k = i; k < Math.min(total, i + BATCH); k++)
        rows.push(
          drawOrder(spanDays, rnd, p, rnd.int(0, p.communities.length - 1), householdsOf, unitsOf, membersOf, street),
        );
      await inFlight;
      inFlight = bulkInsert(database, 'service_orders', cols, rows, { batch: rows.length }).then(() =>
        pO.tick((done += rows.length)),
      );
    }
    await inFlight;
  });
  out.service_orders = { rows: total, seconds: pO.seconds() };
  const [top] = await database.query<{ n: number }>('select coalesce(max(id), 0)::int as n from service_orders');
  const upTo = top?.n ?? after;
  // A merged duplicate points at an earlier open-or-finished order of the same community and kind.
  await database.query(
    `update service_orders o set merged_into_id = (select max(q.id) from service_orders q where q.community_id = o.community_id and q.kind = o.kind and q.id < o.id and q.status <> 'merged')
      where o.id > $1 and o.status = 'merged'`,
    [after],
  );

  // Timelines and audit rows, in chunks of orders, without their indexes (rebuilt after).
  const tE = performance.now();
  const pE = progress(log, 'order events', upTo - after);
  const CH = 50_000;
  await withoutIndexes(database, 'order_events', log, () =>
    withoutIndexes(database, 'audit_log', log, async () => {
      for (let a = after; a < upTo; a += CH) {
        const b = Math.min(upTo, a + CH);
        await database.query(eventsSql(a, b));
        await database.query(auditSql(a, b));
        pE.tick(b - after);
      }
    }),
  );
  const [ev] = await database.query<{ n: number }>('select count(*)::int as n from order_events where order_id > $1', [
    after,
  ]);
  out.order_events = { rows: ev?.n ?? 0, seconds: (performance.now() - tE) / 1000 };
  out.order_audit_rows = { rows: ev?.n ?? 0, seconds: (performance.now() - tE) / 1000 };
  const tR = performance.now();
  for (const q of rollupRebuildSql()) await database.query(q);
  const [ru] = await database.query<{ n: number }>('select count(*)::int as n from service_order_rollups');
  out.order_rollups = { rows: ru?.n ?? 0, seconds: (performance.now() - tR) / 1000 };
  log(
    `[gen] order rollups   ${(ru?.n ?? 0).toLocaleString('en-US')} rows rebuilt in ${((performance.now() - tR) / 1000).toFixed(1)} s`,
  );
  // The audit rows go in unsealed, as the app writes them (decision 052): seal them now, so that the measured runs
  // do not include the sealer working through the generated history.
  const tS = performance.now();
  const sealed = await sealAuditChain(database.db);
  log(
    `[gen] audit chain     ${sealed.toLocaleString('en-US')} rows sealed in ${((performance.now() - tS) / 1000).toFixed(1)} s`,
  );
  return out;
}

/** Resident accounts for the bench's order intake, bound to households spread over the communities. */
async function benchResidents(
  database: Database,
  rnd: Rnd,
  communities: { id: number }[],
  households: Node[],
  householdCompound: number[],
  compoundCommunity: number[],
): Promise<number> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const rows: Row[] = [];
  const step = Math.max(1, Math.floor(households.length / BENCH_RESIDENTS));
  for (let i = 0; i < BENCH_RESIDENTS && households.length; i++) {
    const h = Math.min(households.length - 1, i * step + rnd.int(0, step - 1));
    void communities[compoundCommunity[householdCompound[h]!]!];
    rows.push({
      username: benchResidentName(i),
      display_name: `压测居民${i}`,
      password_hash: hash,
      roles: ['resident'],
      territory_id: households[h]!.id,
      is_demo: true,
    });
  }
  await bulkInsert(
    database,
    'accounts',
    [
      ['username', 'text'],
      ['display_name', 'text'],
      ['password_hash', 'text'],
      ['roles', 'text[]'],
      ['territory_id', 'int'],
      ['is_demo', 'boolean'],
    ],
    rows,
  );
  return rows.length;
}
