import { sql } from 'drizzle-orm';
import pg from 'pg';
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
      const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '0';
      const base = new URL(url);
      // The vitest main process (our parent) names the run, so concurrent runs on one server never collide.
      const name = `${base.pathname.slice(1) || 'gongzhi'}_${process.ppid}_w${worker}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.query(`create database "${name}"`);
      await admin.end();
      base.pathname = `/${name}`;
      database = await openPostgres(base.toString(), 5);
    } else {
      database = await openPglite('memory://');
    }
    await database.migrate();
    return database;
  })();
  shared.set(key, opened);
  return opened;
}

/** Empties every table (the audit log too: TRUNCATE is not a row delete) so each test file starts clean. */
export async function resetDatabase(database: Database): Promise<void> {
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
