import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { PII_COLUMNS } from './pii-columns.js';
import { currentPiiKeyId, decryptPii, encryptPiiText } from './pii.js';

export interface RotatedColumn {
  table: string;
  column: string;
  /** Values rewritten under the current key. */
  rewritten: number;
}

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

export interface RotateOptions {
  /** Values re-encrypted per transaction (default 500): each batch commits on its own. */
  batch?: number;
  /** Stop after this many values (an interrupted run, in tests; a bounded chunk, by hand). */
  limit?: number;
}

/**
 * Key rotation (issue 18, decisions 035 and 053): re-encrypts under the current PII_ENCRYPTION_KEY every value of
 * every declared personal-data column (pii-columns.ts) still written under another key. The old key must be in
 * PII_PREVIOUS_KEYS for the run (its ciphertexts are read by their key id); afterwards it can be dropped. The value
 * is re-encrypted exactly as stored (no normalisation) with the same field bound in, so reads are unchanged; the
 * keyed search hashes (`*_hash`) are not touched — the hash key does not rotate — so look-ups keep matching.
 *
 * Resumable: it works in batches, each its own transaction (a city's million values are not one transaction), and
 * what is left is always "values not under the current key", so a run stopped anywhere (crash, kill, `limit`) is
 * finished by running it again; values of both keys read meanwhile. A row is rewritten only if it still holds the
 * value read (a write by the app in between, already under the new key, is left alone). Idempotent.
 */
export async function rotatePiiKeys(db: DbOrTx, opts: RotateOptions = {}): Promise<RotatedColumn[]> {
  const batch = Math.max(1, opts.batch ?? 500);
  let budget = opts.limit ?? Number.POSITIVE_INFINITY;
  const current = `v1:${currentPiiKeyId()}:`;
  const out: RotatedColumn[] = [];
  for (const c of PII_COLUMNS) {
    const table = sql.identifier(c.table);
    const column = sql.identifier(c.column);
    let rewritten = 0;
    let after = 0;
    while (budget > 0) {
      const n = Math.min(batch, budget);
      const done = await db.transaction(async (tx) => {
        const rows = rowsOf<{ id: number; v: string }>(
          await tx.execute(
            sql`select id, ${column} as v from ${table}
                where id > ${after} and ${column} like 'v1:%' and ${column} not like ${`${current}%`}
                order by id limit ${n}`,
          ),
        );
        let changed = 0;
        for (const r of rows) {
          const next = encryptPiiText(c.field, decryptPii(c.field, r.v));
          const res = await tx.execute(
            sql`update ${table} set ${column} = ${next} where id = ${r.id} and ${column} = ${r.v} returning id`,
          );
          changed += rowsOf(res).length;
        }
        return { rows: rows.length, changed, last: rows.at(-1)?.id ?? after };
      });
      rewritten += done.changed;
      budget -= done.rows;
      after = Number(done.last);
      if (done.rows < n) break;
    }
    out.push({ table: c.table, column: c.column, rewritten });
  }
  return out;
}

/** How many stored values each key id holds, over every declared column (what a rotation leaves behind). */
export async function piiKeyUsage(db: DbOrTx): Promise<Record<string, number>> {
  const usage: Record<string, number> = {};
  for (const c of PII_COLUMNS) {
    const column = sql.identifier(c.column);
    const rows = rowsOf<{ k: string; n: number }>(
      await db.execute(
        sql`select split_part(${column}, ':', 2) as k, count(*)::int as n from ${sql.identifier(c.table)}
            where ${column} like 'v1:%' group by 1`,
      ),
    );
    for (const r of rows) usage[r.k] = (usage[r.k] ?? 0) + Number(r.n);
  }
  return usage;
}
