import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { pino } from 'pino';
import { prepareDatabase } from '../bootstrap.js';
import { loadConfig, type Config } from '../kernel/config.js';
import { configurePii } from '../kernel/crypto/pii.js';
import { openPglite, openPostgres, type Database } from '../kernel/db/client.js';

/**
 * The PostgreSQL server the current test file runs against, or undefined on the embedded engine. vitest.config.ts
 * sets GONGZHI_TEST_ENGINE per project: with TEST_DATABASE_URL set, one run has both engines' projects.
 */
export function testServerUrl(): string | undefined {
  const engine = process.env.GONGZHI_TEST_ENGINE ?? (process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
  return engine === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
}

// A worker may run files of both engines' projects (isolate is off), so it keeps one database per engine.
const shared = new Map<string, Promise<Database>>();

/**
 * One migrated database per test worker and engine (PGlite takes seconds to start): in-memory PGlite, or a fresh
 * database on the server named by TEST_DATABASE_URL (one per worker, dropped and recreated per run).
 */
export function testDatabase(): Promise<Database> {
  const url = testServerUrl();
  const key = url ?? 'pglite';
  const existing = shared.get(key);
  if (existing) return existing;
  const opened = (async () => {
    let database: Database;
    if (url) {
      const name = workerDatabaseName(url);
      await admin(url, `drop database if exists "${name}" with (force)`, `create database "${name}"`);
      database = await openPostgres(databaseUrl(url, name), 5);
    } else {
      database = await openPglite('memory://');
    }
    await database.migrate();
    return database;
  })();
  shared.set(key, opened);
  return opened;
}

/**
 * Empties every table (the audit log too: TRUNCATE is not a row delete) so each test file starts clean, on a new
 * `db` handle: what the last file left in per-handle caches (the grid index) goes with the old one.
 */
export async function resetDatabase(database: Database): Promise<void> {
  database.renew?.();
  const rows = await database.query<{ tablename: string }>(
    "select tablename from pg_tables where schemaname = 'public' order by tablename",
  );
  if (rows.length) {
    // Replica mode skips the audit log's guard against TRUNCATE (a superuser's right; tests connect as one).
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql.raw(`truncate ${rows.map((r) => `"${r.tablename}"`).join(', ')} restart identity cascade`));
    });
  }
}

/** This worker's database name on the server (the vitest main process, our parent, names the run). */
function workerDatabaseName(url: string, suffix = ''): string {
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '0';
  return `${new URL(url).pathname.slice(1) || 'gongzhi'}_${process.ppid}_w${worker}${suffix}`;
}

function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(url: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

/**
 * The configuration the demo copies were seeded with: fixed test keys for personal numbers, and this worker's
 * files folder (the demo photos' bytes are written there when an app starts).
 */
export function demoConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...TEST_PII_KEYS,
    WEB_DIR: '/nonexistent',
    DATA_DIR: testDataDir(),
    ...env,
  });
}

/** Fixed keys for personal numbers in tests (never used outside tests). */
export const TEST_PII_KEYS = {
  PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  PII_HASH_KEY: Buffer.alloc(32, 9).toString('base64'),
};

/** Files a test app writes (uploads) go to a folder of this worker, never to the repository's ./data. */
export function testDataDir(): string {
  return path.join(os.tmpdir(), `gongzhi-test-${process.pid}`);
}

type DemoTemplate = { kind: 'pglite'; dump: Blob } | { kind: 'postgres'; url: string; name: string };
const templates = new Map<string, Promise<DemoTemplate>>();
let copies = 0;

/**
 * A database holding the demo data (what `npm start` seeds), of its own: the demo is seeded once per worker and
 * engine (about 8 s of CPU) and each caller gets a copy in a second or two — a PGlite loaded from the seeded
 * data folder's dump, or a PostgreSQL database created from the seeded one as its template. The caller may
 * change its copy freely and must `release()` it when done. The demo is seeded relative to the time the worker
 * first asked for it (minutes earlier at most).
 */
export async function demoDatabase(): Promise<{ database: Database; release(): Promise<void> }> {
  const url = testServerUrl();
  const key = url ?? 'pglite';
  let template = templates.get(key);
  if (!template) {
    template = seedTemplate(url);
    templates.set(key, template);
  }
  const t = await template;
  configurePii(demoConfig()); // the copy's personal numbers are encrypted with the test keys
  if (t.kind === 'pglite') {
    const database = await openPglite('memory://', { loadDataDir: t.dump });
    return { database, release: () => database.close() };
  }
  const name = `${t.name}_${++copies}`;
  await admin(
    t.url,
    `drop database if exists "${name}" with (force)`,
    `create database "${name}" template "${t.name}"`,
  );
  const database = await openPostgres(databaseUrl(t.url, name), 5);
  return {
    database,
    async release() {
      await database.close();
      await admin(t.url, `drop database if exists "${name}" with (force)`);
    },
  };
}

async function seedTemplate(url: string | undefined): Promise<DemoTemplate> {
  const log = pino({ level: 'silent' });
  if (!url) {
    const seeded = await openPglite('memory://');
    try {
      await prepareDatabase(seeded, demoConfig(), log);
      return { kind: 'pglite', dump: await seeded.pglite!.dumpDataDir('none') };
    } finally {
      await seeded.close();
    }
  }
  const name = workerDatabaseName(url, '_demo');
  await admin(url, `drop database if exists "${name}" with (force)`, `create database "${name}"`);
  const seeded = await openPostgres(databaseUrl(url, name), 2);
  try {
    await prepareDatabase(seeded, demoConfig(), log);
  } finally {
    await seeded.close(); // a template database must have no sessions
  }
  return { kind: 'postgres', url, name };
}
