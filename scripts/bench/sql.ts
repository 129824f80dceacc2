/**
 * Runs SQL against generated bench data, for a look inside: `npx tsx scripts/bench/sql.ts <pgdata dir | postgres URL> "select …" …`.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const [target, ...queries] = process.argv.slice(2);
if (!target) throw new Error('usage: sql.ts <pgdata dir | postgres://…> "select …"');
if (target.startsWith('postgres')) {
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  for (const q of queries) process.stdout.write(`${JSON.stringify((await c.query(q)).rows)}\n`);
  await c.end();
} else {
  const db = new PGlite(target);
  for (const q of queries) process.stdout.write(`${JSON.stringify((await db.query(q)).rows)}\n`);
  await db.close();
}
