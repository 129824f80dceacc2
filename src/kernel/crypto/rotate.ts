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

/**
 * Key rotation (issue 18, decision 035): re-encrypts under the current PII_ENCRYPTION_KEY every value of every
 * declared personal-data column (pii-columns.ts) still written under another key. The old key must be in
 * PII_PREVIOUS_KEYS for the run (its ciphertexts are read by their key id); afterwards it can be dropped. The value
 * is re-encrypted exactly as stored (no normalisation) with the same field bound in, so reads are unchanged; the
 * keyed search hashes (`*_hash`) are not touched — the hash key does not rotate — so look-ups keep matching.
 * Idempotent; run it in one transaction so a failure leaves every row as it was.
 */
export async function rotatePiiKeys(db: DbOrTx): Promise<RotatedColumn[]> {
  const current = `v1:${currentPiiKeyId()}:`;
  const out: RotatedColumn[] = [];
  for (const c of PII_COLUMNS) {
    const table = sql.identifier(c.table);
    const column = sql.identifier(c.column);
    const rows = rowsOf<{ id: number; v: string }>(
      await db.execute(
        sql`select id, ${column} as v from ${table}
            where ${column} like 'v1:%' and ${column} not like ${`${current}%`} order by id`,
      ),
    );
    for (const r of rows) {
      const plain = decryptPii(c.field, r.v);
      await db.execute(sql`update ${table} set ${column} = ${encryptPiiText(c.field, plain)} where id = ${r.id}`);
    }
    out.push({ table: c.table, column: c.column, rewritten: rows.length });
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
