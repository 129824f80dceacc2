import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { fromRoot } from '../src/kernel/paths.js';
import { DEMO_PASSWORD } from '../src/modules/accounts/accounts.seed.js';
import { currentMigrationsHash, generate, isScale, MARKER_FILE, SCALES, type GenSummary, type Scale } from './bench/generate.js';
import { summarize, type Captured, type ChildReply, type Command, type LatencySummary } from './bench/shared.js';

/**
 * npm run bench -- [--engine pglite|postgres] [--scale tiny|street|district|city] [--seed N] [--duration S]
 *                  [--database-url postgres://…/] [--work-dir DIR] [--regen] [--results-dir DIR] [--docs FILE|none]
 *
 * Generates the data once per (engine, scale, seed) into --work-dir (PGlite) or a database of its own
 * (gongzhi_bench_<scale>_s<seed> on the --database-url server), then measures, in the same run, the ceilings
 * (a bare Fastify route; the database replaying the SQL one resident create issues, at the same concurrency)
 * and the real app (createApp in a child process on a random port): the write and locate through HTTP with
 * autocannon at 10 and 100 connections, locate in-process, scope-filtered lists as a community worker and a
 * city admin (first page, deep page: p50, p95 over sequential requests), and the server's peak RSS. Prints one
 * table, writes bench/results/<timestamp>.json and replaces this run's section of docs/BENCHMARKS.md.
 */
const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    scale: { type: 'string', default: 'street' },
    seed: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/' },
    'work-dir': { type: 'string', default: path.join(os.tmpdir(), 'gongzhi-bench') },
    regen: { type: 'boolean', default: false },
    'results-dir': { type: 'string', default: fromRoot('bench', 'results') },
    docs: { type: 'string', default: fromRoot('docs', 'BENCHMARKS.md') },
    'list-requests': { type: 'string', default: '60' },
  },
});
const engine = values.engine === 'postgres' ? 'postgres' : values.engine === 'pglite' ? 'pglite' : null;
const scaleArg = values.scale ?? 'street';
if (!engine || !isScale(scaleArg)) {
  process.stderr.write(`usage: --engine pglite|postgres --scale ${Object.keys(SCALES).join('|')}\n`);
  process.exit(2);
}
const scale: Scale = scaleArg;
const seed = Number(values.seed);
const duration = Number(values.duration);
const listRequests = Number(values['list-requests']);
const say = (s: string) => process.stdout.write(`${s}\n`);
const tsxImport = ['--import', 'tsx'];

// ---- data ------------------------------------------------------------------------------------------------------
/** The migrations the data was generated under: other schema → generate again (the app does not migrate here). */
const migrationsHash = currentMigrationsHash();
const dataDir = path.join(values['work-dir']!, `${engine}-${scale}-s${seed}`);
const marker = path.join(dataDir, MARKER_FILE);
const markerHash = (): string | null => {
  try {
    return (JSON.parse(fs.readFileSync(marker, 'utf8')) as { migrationsHash?: string }).migrationsHash ?? null;
  } catch {
    return null;
  }
};
if (fs.existsSync(marker) && markerHash() !== migrationsHash) {
  say('[bench] the migrations changed since the data was generated: generating again');
  fs.rmSync(marker, { force: true });
}
let databaseUrl: string | undefined;
if (engine === 'postgres') {
  const base = new URL(values['database-url']!);
  const name = `gongzhi_bench_${scale}_s${seed}`;
  databaseUrl = new URL(name, new URL('/', base)).toString();
  const admin = new pg.Client({ connectionString: new URL('postgres', new URL('/', base)).toString() });
  await admin.connect();
  const [exists] = (await admin.query('select 1 from pg_database where datname = $1', [name])).rows;
  if (!exists || values.regen || !fs.existsSync(marker)) {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    fs.rmSync(marker, { force: true });
  }
  await admin.end();
} else if (values.regen) {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
let gen: GenSummary & { generatedNow: boolean };
if (fs.existsSync(marker)) {
  gen = { ...(JSON.parse(fs.readFileSync(marker, 'utf8')) as GenSummary), generatedNow: false };
  say(`[bench] reusing generated data in ${engine === 'pglite' ? dataDir : databaseUrl} (${gen.seconds} s to generate)`);
} else {
  if (engine === 'pglite') fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const summary = await generate({ scale, seed, databaseUrl, dataDir });
  gen = { ...summary, generatedNow: true };
}

// ---- child processes -------------------------------------------------------------------------------------------
interface Child {
  url: string;
  call(cmd: Command): Promise<ChildReply>;
  proc: ChildProcess;
}
async function start(script: string, env: Record<string, string>): Promise<Child> {
  const proc = fork(fromRoot('scripts', 'bench', script), [], { execArgv: tsxImport, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, (r: ChildReply) => void>();
  let next = 1;
  const ready = new Promise<ChildReply>((resolve, reject) => {
    waiting.set(0, resolve);
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  proc.on('message', (m) => {
    const r = m as ChildReply;
    waiting.get(r.id)?.(r);
    waiting.delete(r.id);
  });
  const first = await ready;
  return {
    url: (first.result as { url: string }).url,
    proc,
    call(cmd) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, (r) => (r.ok ? resolve(r) : reject(new Error(r.error))));
        proc.send({ ...cmd, id });
      });
    },
  };
}

interface Load {
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  /** Failed requests: connection errors and timeouts (autocannon counts a timeout as an error too) plus non-2xx. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  requests: number;
}
type Req = { method?: string; path?: string; headers?: Record<string, string>; bodies?: string[] };
/** Warms the route first (JIT, caches, the grid index) for up to 2 s, unmeasured; then measures `duration`. */
async function load(url: string, connections: number, req: Req): Promise<Load> {
  await cannon(url, connections, req, Math.min(2, duration));
  return cannon(url, connections, req, duration);
}
async function cannon(url: string, connections: number, req: Req, seconds: number): Promise<Load> {
  let k = 0;
  const bodies = req.bodies;
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: req.method ?? 'GET',
        path: req.path ?? '/',
        headers: req.headers ?? {},
        ...(bodies ? { body: bodies[0], setupRequest: (raw) => ({ ...raw, body: bodies[k++ % bodies.length] }) } : {}),
      },
    ],
  });
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]));
  return { connections, rps: Math.round(r.requests.total / r.duration), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, timeouts: r.timeouts, non2xx: r.non2xx, statusCodes, requests: r.requests.total };
}

// ---- 1. the HTTP ceiling -----------------------------------------------------------------------------------------
say(`[bench] ${engine} ${scale}: ceilings and app, ${duration} s per load, on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
const bare = await start('bare-server.ts', {});
const bareLoads = [await load(bare.url, 10, {}), await load(bare.url, 100, {})];
bare.proc.send('stop');
say(`[bench] bare Fastify: ${bareLoads.map((l) => `${l.rps} req/s @${l.connections}`).join(', ')}`);

// ---- 2. the app ----------------------------------------------------------------------------------------------------
const app = await start('app-server.ts', { BENCH_DATA_DIR: dataDir, BENCH_DATABASE_URL: databaseUrl ?? '', BENCH_POOL_SIZE: '10' });

interface Session {
  headers: Record<string, string>;
}
async function login(username: string): Promise<Session> {
  const first = await fetch(`${app.url}/api/auth/csrf`);
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      cookies.set(k!, v ?? '');
    }
  };
  keep(first);
  const csrf = cookies.get('gz_csrf')!;
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: cookie() },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  keep(res);
  return { headers: { cookie: cookie(), 'x-csrf-token': csrf, 'content-type': 'application/json' } };
}
async function getJson<T>(s: Session, url: string): Promise<T> {
  const res = await fetch(`${app.url}${url}`, { headers: s.headers });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const staff = await login('staff'); // 文亭巷社区 community worker
const cityAdmin = await login('city_admin'); // 西宁市

// The representative write: a community worker records a resident (validation, scope check, encryption, audit).
const households = await getJson<{ items: { id: number }[] }>(staff, '/api/people/households?pageSize=100');
const bodies = households.items.map((h, i) =>
  JSON.stringify({ name: `压测居民${i}`, gender: i % 2 ? 'male' : 'female', birthDate: '1984-05-01', householdId: h.id, phone: `1380013${String(i).padStart(4, '0')}` }),
);
await app.call({ cmd: 'capture' });
const once = await fetch(`${app.url}/api/people/residents`, { method: 'POST', headers: staff.headers, body: bodies[0] });
if (once.status !== 201 && once.status !== 200) throw new Error(`resident create: ${once.status} ${await once.text()}`);
const captured = (await app.call({ cmd: 'captured' })).captured as Captured[];
/** The statements the ceiling replays: the request's SQL without its own BEGIN/COMMIT (it wraps them in one). */
const replayed = captured.filter((c) => !/^\s*(begin|commit|rollback|savepoint|release)/i.test(c.sql)).length;
say(`[bench] one resident create issues ${replayed} SQL statements (session, scope check, insert, read-back, audit)`);

const writeLoads = [
  await load(app.url, 10, { method: 'POST', path: '/api/people/residents', headers: staff.headers, bodies }),
  await load(app.url, 100, { method: 'POST', path: '/api/people/residents', headers: staff.headers, bodies }),
];
say(`[bench] resident create: ${writeLoads.map((l) => `${l.rps} req/s @${l.connections} (p99 ${l.p99} ms, ${l.errors} errors)`).join(', ')}`);

// The database ceiling: the same statements, straight at the database, from the app's process.
// PostgreSQL here allows 100 connections and the app holds 10: the high-concurrency ceiling uses 80.
const dbConc = [10, engine === 'postgres' ? 80 : 100];
const dbLoads: (LatencySummary & { concurrency: number; errors: number })[] = [];
await app.call({ cmd: 'ceiling', captured, concurrency: dbConc[0]!, ms: Math.min(2, duration) * 1000 }); // warm-up
for (const c of dbConc) {
  const r = (await app.call({ cmd: 'ceiling', captured, concurrency: c, ms: duration * 1000 })).result as LatencySummary & { errors: number };
  dbLoads.push({ ...r, concurrency: c });
}
say(`[bench] database ceiling: ${dbLoads.map((l) => `${l.perSecond} tx/s @${l.concurrency}`).join(', ')}`);

// Locate: the in-process index, then through HTTP as a city admin.
const points = (await app.call({ cmd: 'points', n: 2000 })).result as [number, number][];
const locateIn = (await app.call({ cmd: 'locate', points, ms: Math.min(3000, duration * 1000) })).result as { lookupsPerSecond: number; hitRate: number; grids: number };
const locateBodies = points.map(([lng, lat]) => JSON.stringify({ lng, lat }));
const locateLoads = [
  await load(app.url, 10, { method: 'POST', path: '/api/grids/locate', headers: cityAdmin.headers, bodies: locateBodies }),
  await load(app.url, 100, { method: 'POST', path: '/api/grids/locate', headers: cityAdmin.headers, bodies: locateBodies }),
];
say(`[bench] locate: ${locateIn.lookupsPerSecond} lookups/s in-process over ${locateIn.grids} grids; HTTP ${locateLoads.map((l) => `${l.rps} req/s @${l.connections}`).join(', ')}`);

// Scope-filtered lists, sequential requests (latency, not throughput).
interface ListRow {
  list: string;
  account: string;
  page: number;
  total: number;
  p50: number;
  p95: number;
  requests: number;
}
const lists: ListRow[] = [];
for (const [account, s] of [
  ['community worker (staff)', staff],
  ['city admin', cityAdmin],
] as const) {
  for (const [list, base] of [
    ['territories (households)', '/api/territories?level=household&pageSize=20'],
    ['residents', '/api/people/residents?pageSize=20'],
  ] as const) {
    const first = await getJson<{ total: number }>(s, `${base}&page=1`);
    const deep = Math.max(1, Math.min(100_000, Math.ceil(first.total / 20)));
    for (const page of [1, deep]) {
      const lat: number[] = [];
      // Up to three warm-up requests (one when a request takes over a second), then up to `listRequests`
      // measured ones within 8 s, but never fewer than three.
      for (let w = 0; w < 3; w++) {
        const t = performance.now();
        await getJson(s, `${base}&page=${page}`);
        if (performance.now() - t > 1000) break;
      }
      const end = performance.now() + 8000;
      while (lat.length < listRequests && (performance.now() < end || lat.length < 3)) {
        const t = performance.now();
        await getJson(s, `${base}&page=${page}`);
        lat.push(performance.now() - t);
      }
      const sum = summarize(lat, 1);
      lists.push({ list, account, page, total: first.total, p50: sum.p50, p95: sum.p95, requests: lat.length });
    }
  }
}
const rss = (await app.call({ cmd: 'rss' })).result as { maxRssKb: number; rssNowKb: number };
await app.call({ cmd: 'stop' }).catch(() => undefined);

// ---- report ----------------------------------------------------------------------------------------------------
const ratio = (a: number, b: number) => {
  if (b <= 0) return '–';
  const pct = (a / b) * 100;
  return `${pct < 10 ? pct.toFixed(1) : Math.round(pct)} %`;
};
const errs = (l: Load) => (l.errors ? `${l.errors} (${l.timeouts} timeouts${l.non2xx ? `, ${Object.entries(l.statusCodes).filter(([c]) => !c.startsWith('2')).map(([c, n]) => `${n}× ${c}`).join(', ')}` : ''})` : '0');
const at = new Date().toISOString();
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
const md: string[] = [];
md.push(`Run ${at} — engine **${engine}**, scale **${scale}** (${gen.place}, seed ${seed}), ${duration} s per load; machine: ${machine}.`);
md.push('');
md.push(`Data: ${Object.entries(gen.rows).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}; generated in ${gen.seconds} s${gen.generatedNow ? '' : ' (earlier run)'}.`);
md.push('');
md.push('| measure | conns | req/s | p50 ms | p99 ms | errors | vs bare Fastify | vs database ceiling |');
md.push('|---|---:|---:|---:|---:|---:|---:|---:|');
bareLoads.forEach((l) => md.push(`| ceiling: bare Fastify GET | ${l.connections} | ${l.rps} | ${l.p50} | ${l.p99} | ${errs(l)} | 100 % | |`));
dbLoads.forEach((l) => md.push(`| ceiling: database, same SQL as one resident create (${replayed} statements in a transaction) | ${l.concurrency} | ${l.perSecond} | ${l.p50} | ${l.p99} | ${l.errors} | | 100 % |`));
writeLoads.forEach((l, i) =>
  md.push(`| app: POST /api/people/residents (community worker, CSRF + session) | ${l.connections} | ${l.rps} | ${l.p50} | ${l.p99} | ${errs(l)} | ${ratio(l.rps, bareLoads[i]!.rps)} | ${ratio(l.rps, dbLoads[i]!.perSecond)} |`),
);
locateLoads.forEach((l, i) => md.push(`| app: POST /api/grids/locate (city admin) | ${l.connections} | ${l.rps} | ${l.p50} | ${l.p99} | ${errs(l)} | ${ratio(l.rps, bareLoads[i]!.rps)} | |`));
md.push(`| locate in-process (the app's spatial index, ${locateIn.grids.toLocaleString('en-US')} grids, ${Math.round(locateIn.hitRate * 100)} % of points in a grid) | 1 | ${locateIn.lookupsPerSecond.toLocaleString('en-US')} lookups/s | | | | | |`);
md.push('');
md.push('| list (scope-filtered, 20 per page) | as | page | rows in scope | p50 ms | p95 ms | requests |');
md.push('|---|---|---:|---:|---:|---:|---:|');
lists.forEach((l) => md.push(`| ${l.list} | ${l.account} | ${l.page.toLocaleString('en-US')} | ${l.total.toLocaleString('en-US')} | ${l.p50} | ${l.p95} | ${l.requests} |`));
md.push('');
md.push(`Server peak RSS: **${Math.round(rss.maxRssKb / 1024)} MiB** (now ${Math.round(rss.rssNowKb / 1024)} MiB).`);
const table = md.join('\n');
say('');
say(table);

const result = { at, engine, scale, seed, duration, machine, generation: gen, ceilings: { bareFastify: bareLoads, database: dbLoads, statements: captured.map((c) => c.sql) }, app: { residentCreate: writeLoads, locateHttp: locateLoads, locateInProcess: locateIn, lists, peakRssKb: rss.maxRssKb } };
fs.mkdirSync(values['results-dir']!, { recursive: true });
const file = path.join(values['results-dir']!, `${at.replace(/[:.]/g, '-')}-${engine}-${scale}.json`);
fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
say(`\n[bench] wrote ${path.relative(process.cwd(), file)}`);

if (values.docs && values.docs !== 'none') {
  const key = `${engine}-${scale}`;
  const startTag = `<!-- bench:${key}:start -->`;
  const endTag = `<!-- bench:${key}:end -->`;
  const section = `${startTag}\n${table}\n${endTag}`;
  let doc = fs.existsSync(values.docs) ? fs.readFileSync(values.docs, 'utf8') : '# Benchmarks\n';
  const a = doc.indexOf(startTag);
  const b = doc.indexOf(endTag);
  doc = a >= 0 && b > a ? `${doc.slice(0, a)}${section}${doc.slice(b + endTag.length)}` : `${doc.trimEnd()}\n\n### Last run: ${engine}, ${scale}\n\n${section}\n`;
  fs.writeFileSync(values.docs, doc);
  say(`[bench] updated ${path.relative(process.cwd(), values.docs)}`);
}
process.exit(0);
