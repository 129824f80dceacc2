import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { fromRoot } from '../paths.js';
import { ReadReplicas, type ReadsOptions } from './reads.js';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT>;
/** A database handle or an open transaction: services take either. */
export type DbOrTx = Db | Tx;
export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /** Raw SQL for kernel chores (tests, health); returns rows. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  /**
   * Raw SQL of a hot path as a named statement: on PostgreSQL parsed and planned once per pooled connection
   * (`pg`'s named prepared statements); on PGlite the same as `query`. Optional (bench doubles may omit it).
   */
  queryNamed?<T = Record<string, unknown>>(name: string, sqlText: string, params: unknown[]): Promise<T[]>;
  /** Applies the committed migrations (on PostgreSQL under an advisory lock, so servers may start together). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The embedded engine's own client (PGlite only): its dumpDataDir makes the backup (kernel/db/backup.ts). */
  pglite?: PGlite;
  /**
   * Replaces `db` with a new handle on the same connection(s). In-process caches of database state are kept per
   * handle (the grid index, the dispatch model), so a handle renewed after the data was emptied or restored
   * under it (the test harness's reset) starts with none of them.
   */
  renew?(): void;
  /** The read replicas (PostgreSQL with DATABASE_READ_URL, decision 050): see kernel/db/reads.ts. */
  reads?: ReadReplicas;
}

/** What `queryNamedIn` runs, for the bench's recorder of one request's SQL (as drizzle's logger is); unset in the app. */
export const namedQueryLog: { log?: (sqlText: string, params: unknown[]) => void } = {};

/**
 * A hot path's named statement run on the connection of `handle` — an open transaction (so it commits or rolls back
 * with the rest of it) or the database handle itself: on PostgreSQL a `pg` named prepared statement, parsed and
 * planned once per connection; on PGlite a plain parameterised query. The one place that reaches into drizzle's
 * session for its client (drizzle 0.4x: `session.client` is the pool, the transaction's pooled client, or the PGlite
 * client/transaction); `intake.sql.test.ts` runs it on both engines.
 */
export async function queryNamedIn<T = Record<string, unknown>>(
  handle: DbOrTx,
  name: string,
  sqlText: string,
  params: unknown[],
): Promise<T[]> {
  namedQueryLog.log?.(sqlText, params);
  const client = (handle as unknown as { session?: { client?: unknown } }).session?.client;
  if (client instanceof pg.Pool || client instanceof pg.Client) {
    const r = await client.query({ name, text: sqlText, values: params });
    return r.rows as T[];
  }
  const q = client as { query?: (text: string, params: unknown[]) => Promise<{ rows: T[] }> } | undefined;
  if (!q?.query) throw new Error('queryNamedIn: no client on this database handle');
  return (await q.query(sqlText, params)).rows;
}

export const MIGRATIONS_DIR = fromRoot('db', 'migrations');

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is already used by another Gongzhi server (pid ${pid}). ` +
        'PGlite is single-process: stop that server first, or set DATA_DIR to another folder, ' +
        'or use a PostgreSQL server with DATABASE_URL.',
    );
    this.name = 'DataDirLockedError';
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Folders this process holds open. A lock file with our own pid is stale when it was left by an earlier process
 * that had the same pid (pid 1 in a container), but not when this process holds the folder right now.
 */
const heldDirs = new Set<string>();

/** Takes the data folder for this process alone; a second server gets a clear error instead of a corrupt store. */
function lockDataDir(dir: string): () => void {
  const key = path.resolve(dir);
  if (heldDirs.has(key)) throw new DataDirLockedError(dir, process.pid);
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, 'gongzhi.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      heldDirs.add(key);
      return () => {
        heldDirs.delete(key);
        fs.rmSync(lockFile, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) {
        throw new DataDirLockedError(dir, pid);
      }
      fs.rmSync(lockFile, { force: true }); // stale lock of a process that died
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

/** Opens the embedded database in `dataDir` (or in memory with `memory://`). */
export async function openPglite(dataDir: string, opts: { loadDataDir?: Blob } = {}): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
  try {
    const client = inMemory ? new PGlite(opts) : new PGlite(path.join(dataDir, 'pgdata'), opts);
    await client.waitReady;
    const make = () => drizzlePglite({ client, casing: 'snake_case' });
    const database: Database = {
      db: make(),
      renew: () => {
        database.db = make();
      },
      migrate: () => migratePglite(make(), { migrationsFolder: MIGRATIONS_DIR }),
      engine: 'pglite',
      pglite: client,
      async query<T>(sqlText: string, params?: unknown[]) {
        const r = await client.query<T>(sqlText, params);
        return r.rows;
      },
      async queryNamed<T>(_name: string, sqlText: string, params: unknown[]) {
        const r = await client.query<T>(sqlText, params);
        return r.rows;
      },
      async close() {
        await client.close();
        unlock();
      },
    };
    return database;
  } catch (e) {
    unlock();
    throw e;
  }
}

/** Opens a pool on a PostgreSQL server, and one on each read replica named (checked at once, then every second). */
export async function openPostgres(
  url: string,
  poolSize = 10,
  replicas?: ReadsOptions & { urls: string[] },
): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => undefined); // idle client errors surface on the next query instead of crashing
  await pool.query('select 1');
  const reads = replicas?.urls.length ? new ReadReplicas(pool, replicas.urls, replicas) : undefined;
  await reads?.start();
  const make = () => drizzlePg({ client: pool, casing: 'snake_case' });
  const database: Database = {
    db: make(),
    renew: () => {
      database.db = make();
    },
    async migrate() {
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock(727274)');
        await migratePg(drizzlePg({ client: conn, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await conn.query('select pg_advisory_unlock(727274)').catch(() => undefined);
        conn.release();
      }
    },
    engine: 'postgres',
    async query<T>(sqlText: string, params?: unknown[]) {
      const r = await pool.query(sqlText, params);
      return r.rows as T[];
    },
    async queryNamed<T>(name: string, sqlText: string, params: unknown[]) {
      const r = await pool.query({ name, text: sqlText, values: params });
      return r.rows as T[];
    },
    reads,
    async close() {
      await reads?.close();
      await pool.end();
    },
  };
  return database;
}

/** The read replicas named by DATABASE_READ_URL (comma-separated), empty when none. */
export function readUrls(c: { DATABASE_READ_URL?: string | undefined }): string[] {
  return (c.DATABASE_READ_URL ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
}

/**
 * Opens the configured engine: PostgreSQL when DATABASE_URL is set (with the read replicas of DATABASE_READ_URL),
 * else PGlite in DATA_DIR (which has no replicas: DATABASE_READ_URL is ignored, and main.ts says so at start).
 */
export function openDatabase(
  c: {
    DATABASE_URL?: string | undefined;
    DATA_DIR: string;
    DATABASE_POOL_SIZE: number;
    DATABASE_READ_URL?: string | undefined;
    DATABASE_READ_MAX_LAG_SECONDS?: number;
    DATABASE_READ_AFTER_WRITE_SECONDS?: number;
  },
  log?: ReadsOptions['log'],
) {
  if (!c.DATABASE_URL) return openPglite(c.DATA_DIR);
  return openPostgres(c.DATABASE_URL, c.DATABASE_POOL_SIZE, {
    urls: readUrls(c),
    maxLagSeconds: c.DATABASE_READ_MAX_LAG_SECONDS ?? 10,
    afterWriteSeconds: c.DATABASE_READ_AFTER_WRITE_SECONDS ?? 10,
    log,
  });
}
