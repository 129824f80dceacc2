import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './client.js';

/**
 * Backup and restore (issue 18 point 8, decision 025). PostgreSQL: `pg_dump --format=custom` and `pg_restore`
 * (the machine's tools, the same major version as the server). PGlite: its `dumpDataDir` (a gzipped tar of the data
 * directory, taken through the open database, so consistent) and `loadDataDir` into an empty DATA_DIR.
 */

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${err.trim()}`))));
  });
}

/** pg_dump in custom format (compressed, restorable table by table) of the database at `url` into `file`. */
export const pgDump = (url: string, file: string) =>
  run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`]);

/** pg_restore of a custom-format dump into the (empty, freshly created) database at `url`. */
export const pgRestore = (url: string, file: string) =>
  run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${url}`, file]);

/** The embedded database's data directory as a gzipped tar, written to `file`. */
export async function pgliteDump(database: Database, file: string): Promise<void> {
  if (!database.pglite) throw new Error('not an embedded (PGlite) database');
  const blob = await database.pglite.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
}

/** A dump file read back as the Blob PGlite's `loadDataDir` takes. */
export const pgliteDumpBlob = (file: string) => new Blob([fs.readFileSync(file)]);

export interface TableSum {
  table: string;
  rows: number;
  /** md5 over every row as text, in text order: equal data, equal sum. */
  md5: string;
}

/** Row count and checksum of every table of the public schema and of drizzle's migration journal. */
export async function tableChecksums(database: Database): Promise<TableSum[]> {
  const tables = await database.query<{ s: string; t: string }>(
    `select table_schema as s, table_name as t from information_schema.tables
      where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`,
  );
  const out: TableSum[] = [];
  for (const { s, t } of tables) {
    const q = `"${s.replace(/"/g, '""')}"."${t.replace(/"/g, '""')}"`;
    const [r] = await database.query<{ n: number; h: string | null }>(
      `select count(*)::int as n, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as h from ${q} x`,
    );
    out.push({ table: `${s}.${t}`, rows: Number(r!.n), md5: r!.h ?? '' });
  }
  return out;
}
