import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { Logger } from 'drizzle-orm/logger';
import pg from 'pg';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/kernel/clock.js';
import { namedQueryLog, type Database, type Db } from '../../src/kernel/db/client.js';
import { ReadReplicas } from '../../src/kernel/db/reads.js';
import { prng } from '../../src/kernel/random.js';
import { gridIndex } from '../../src/modules/grids/grid-index.service.js';
import { genConfig } from './generate.js';
import { summarize, type Captured, type ChildCommand, type ChildReply } from './shared.js';

/**
 * The app under test, in its own process (forked by scripts/bench.ts with an IPC channel): the real
 * createApp on a random port against the generated database. The database handle is built like
 * src/kernel/db/client.ts builds it, plus a drizzle logger that can record the SQL one request issues, so the
 * database ceiling replays exactly that SQL, at the same concurrency, from this process (PGlite is
 * single-process: nothing else could open it).
 */
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const dataDir = process.env.BENCH_DATA_DIR!;
const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 10);
/** A standby of BENCH_DATABASE_URL: the app's heavy reads go there (DATABASE_READ_URL, decision 050). */
const readUrl = process.env.BENCH_READ_URL || undefined;

let capturing: Captured[] | null = null;
const logger: Logger = {
  logQuery(query, params) {
    capturing?.push({ sql: query, params });
  },
};
// The hot paths' named statements (the one-statement create, decision 056) bypass drizzle's logger: record them too.
namedQueryLog.log = (query, params) => capturing?.push({ sql: query, params });

let pglite: PGlite | undefined;
let pool: pg.Pool | undefined;
let database: Database;
if (databaseUrl) {
  pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const db = drizzlePg({ client: pool, casing: 'snake_case', logger }) as unknown as Db;
  database = {
    db,
    engine: 'postgres',
    migrate: async () => undefined,
    query: async <T>(q: string, p?: unknown[]) => (await pool!.query(q, p)).rows as T[],
    queryNamed: async <T>(name: string, q: string, p: unknown[]) =>
      (await pool!.query({ name, text: q, values: p })).rows as T[],
    close: async () => {
      await database.reads?.close();
      await pool!.end();
    },
  };
  if (readUrl) {
    database.reads = new ReadReplicas(pool, [readUrl], { maxLagSeconds: 10, afterWriteSeconds: 10 });
    await database.reads.start();
  }
} else {
  pglite = new PGlite(path.join(dataDir, 'pgdata'));
  await pglite.waitReady;
  const client = pglite;
  const db = drizzlePglite({ client, casing: 'snake_case', logger }) as unknown as Db;
  database = {
    db,
    engine: 'pglite',
    migrate: async () => undefined,
    query: async <T>(q: string, p?: unknown[]) => (await client.query<T>(q, p)).rows,
    queryNamed: async <T>(_name: string, q: string, p: unknown[]) => (await client.query<T>(q, p)).rows,
    close: () => client.close(),
  };
}

const config = {
  ...genConfig({ databaseUrl, dataDir }),
  LOG_LEVEL: 'silent' as const,
  DATABASE_POOL_SIZE: poolSize,
  // The bench signs in hundreds of generated residents from one address and measures throughput, not the
  // per-IP sign-in limits (decision 016); those are tested in src/kernel/http/throttle.test.ts.
  RATE_LIMITS: false,
  WEB_DIR: process.env.BENCH_WEB_DIR || path.join(dataDir, 'no-web'),
};
const app = await createApp({ config, database, clock: systemClock }, pino({ level: 'silent' }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });

const isTxControl = (s: string) => /^\s*(begin|commit|rollback|savepoint|release)/i.test(s);

/**
 * Replays the captured SQL of recorded requests (one transaction each: every statement the request issued, in its
 * order, without its own BEGIN/COMMIT), `concurrency` at a time, for `ms`: the database's own ceiling. Worker
 * iterations go round the recorded requests, as the load goes round the residents.
 */
async function ceiling(transactions: Captured[][], concurrency: number, ms: number) {
  const all = transactions.map((t) => t.filter((c) => !isTxControl(c.sql)));
  // Time per statement (by its SQL text), to see where a transaction's time goes.
  const spent = new Map<string, number>();
  const timedQuery = async (run: () => Promise<unknown>, text: string) => {
    const s0 = performance.now();
    await run();
    spent.set(text, (spent.get(text) ?? 0) + performance.now() - s0);
  };
  let turn = 0;
  const nextTx = () => all[turn++ % all.length]!;
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + ms;
  const t0 = performance.now();
  if (pglite) {
    const client = pglite;
    const worker = async () => {
      while (performance.now() < end) {
        const s = performance.now();
        try {
          const statements = nextTx();
          await client.transaction(async (tx) => {
            for (const st of statements) await timedQuery(() => tx.query(st.sql, st.params), st.sql);
          });
        } catch {
          errors++;
        }
        latencies.push(performance.now() - s);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } else {
    const direct = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
    const worker = async () => {
      const conn = await direct.connect();
      try {
        while (performance.now() < end) {
          const s = performance.now();
          try {
            const statements = nextTx();
            await conn.query('begin');
            for (const st of statements) await timedQuery(() => conn.query(st.sql, st.params as unknown[]), st.sql);
            await timedQuery(() => conn.query('commit'), 'commit');
          } catch {
            errors++;
            await conn.query('rollback').catch(() => undefined);
          }
          latencies.push(performance.now() - s);
        }
      } finally {
        conn.release();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    await direct.end();
  }
  const totalSpent = [...spent.values()].reduce((a, b) => a + b, 0) || 1;
  const bySql = [...spent]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([sql, ms]) => ({
      share: Math.round((ms / totalSpent) * 1000) / 10,
      sql: sql.replace(/\s+/g, ' ').slice(0, 120),
    }));
  return { ...summarize(latencies, (performance.now() - t0) / 1000), errors, statements: all[0]?.length ?? 0, bySql };
}

/** Deterministic points inside the generated grids (each grid's box, drawn with the seeded PRNG). */
async function samplePoints(n: number): Promise<[number, number][]> {
  const boxes = await database.query<{ a: number; b: number; c: number; d: number }>(
    'select min_lng as a, min_lat as b, max_lng as c, max_lat as d from grids order by id',
  );
  const rnd = prng(4);
  return Array.from({ length: n }, () => {
    const g = rnd.pick(boxes);
    return [g.a + (g.c - g.a) * (0.05 + rnd.next() * 0.9), g.b + (g.d - g.b) * (0.05 + rnd.next() * 0.9)];
  });
}

/** Point → grid lookups against the app's own in-memory index, for `ms`. */
async function locateInProcess(points: [number, number][], ms: number) {
  const index = await gridIndex(database.db);
  let n = 0;
  let hits = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (let i = 0; i < 1000; i++) {
      const p = points[n++ % points.length]!;
      if (index.query(p[0], p[1]).length) hits++;
    }
  }
  return { lookupsPerSecond: Math.round(n / ((performance.now() - t0) / 1000)), hitRate: hits / n, grids: index.size };
}

const send = (m: ChildReply) => process.send!(m);
process.on('message', (raw) => {
  const m = raw as ChildCommand;
  void (async () => {
    try {
      if (m.cmd === 'capture') {
        capturing = [];
        send({ id: m.id, ok: true });
      } else if (m.cmd === 'captured') {
        const got = capturing ?? [];
        capturing = null;
        send({ id: m.id, ok: true, captured: got });
      } else if (m.cmd === 'ceiling') {
        send({ id: m.id, ok: true, result: await ceiling(m.transactions, m.concurrency, m.ms) });
      } else if (m.cmd === 'query') {
        send({ id: m.id, ok: true, result: await database.query(m.sql) });
      } else if (m.cmd === 'points') {
        send({ id: m.id, ok: true, result: await samplePoints(m.n) });
      } else if (m.cmd === 'locate') {
        send({ id: m.id, ok: true, result: await locateInProcess(m.points, m.ms) });
      } else if (m.cmd === 'rss') {
        send({
          id: m.id,
          ok: true,
          result: { maxRssKb: process.resourceUsage().maxRSS, rssNowKb: Math.round(process.memoryUsage().rss / 1024) },
        });
      } else if (m.cmd === 'cpu') {
        // CPU time of this process so far (user + system, µs): with PGlite it includes the database's own work.
        const u = process.cpuUsage();
        send({ id: m.id, ok: true, result: { us: u.user + u.system } });
      } else if (m.cmd === 'reads') {
        const reads = database.reads;
        send({
          id: m.id,
          ok: true,
          result: { replicas: reads?.state() ?? [], primaryServed: reads?.primaryServed ?? 0 },
        });
      } else if (m.cmd === 'stop') {
        await app.close();
        await database.close();
        send({ id: m.id, ok: true });
        process.exit(0);
      }
    } catch (e) {
      send({ id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  })();
});
send({ id: 0, ok: true, result: { url: address } });
