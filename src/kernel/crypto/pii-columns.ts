import { sql } from 'drizzle-orm';
import { customType } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';
import { decryptPii, encryptPiiText, hashPii, type PiiField } from './pii.js';

/**
 * A text column holding a personal number encrypted at rest (issue 18 point 2, decision 025). The service code
 * reads and writes plain strings; the column stores `v1:…` ciphertext (decision 006's format). A value written
 * before the column was encrypted (plain text) still reads as itself until `encryptPlaintextColumns` rewrites it at
 * start. Not searchable: never compare such a column in a WHERE (a fresh IV each time); keep a `*_hash` column when
 * a search is needed, like residents'.
 */
export const piiText = (field: PiiField) =>
  customType<{ data: string; driverData: string }>({
    dataType: () => 'text',
    toDriver: (v) => encryptPiiText(field, v),
    fromDriver: (v) => (v.startsWith('v1:') ? decryptPii(field, v) : v),
  })();

export interface PiiColumn {
  table: string;
  column: string;
  field: PiiField;
  /** `enc`: stored by piiText; `encHash`: the residents' style pair (`*_enc` + `*_hash`), written by its module. */
  kind: 'enc' | 'encHash';
  /**
   * The keyed-hash column (HMAC of the normalised value, `hashPii`) of a column staff search by: written with the
   * value by its module, filled at start for rows written before it existed (`fillPiiHashes`). The `encHash`
   * columns have theirs beside them (`phone_enc` → `phone_hash`).
   */
  hash?: string;
}

/**
 * The one declared list of personal-information columns (issue 18 point 2): it drives the start-up encryption of
 * rows written before, and src/test/pii-scan.test.ts checks that no other column holds a demo phone or ID number.
 */
export const PII_COLUMNS: readonly PiiColumn[] = [
  { table: 'residents', column: 'phone_enc', field: 'phone', kind: 'encHash' },
  { table: 'residents', column: 'id_number_enc', field: 'idNumber', kind: 'encHash' },
  { table: 'signup_requests', column: 'phone_enc', field: 'phone', kind: 'encHash' },
  { table: 'mediation_team_members', column: 'phone_enc', field: 'phone', kind: 'encHash' },
  { table: 'mediation_parties', column: 'contact_enc', field: 'phone', kind: 'encHash' },
  { table: 'grid_workers', column: 'phone', field: 'phone', kind: 'enc' },
  { table: 'units', column: 'contact_phone', field: 'phone', kind: 'enc' },
  { table: 'owners_committees', column: 'chair_phone', field: 'phone', kind: 'enc' },
  { table: 'residents_groups', column: 'leader_phone', field: 'phone', kind: 'enc' },
  // A counter borrower's phone (decision 042); never searched (decision 053).
  { table: 'co_item_loans', column: 'borrower_phone', field: 'phone', kind: 'enc' },
  // A walk-in's phone (decision 046): staff find a caller's orders by the number (decision 053).
  { table: 'service_orders', column: 'reporter_phone', field: 'phone', kind: 'enc', hash: 'reporter_phone_hash' },
  // A community worker's phone (decision 054).
  { table: 'community_workers', column: 'phone', field: 'phone', kind: 'enc' },
];

/**
 * Encrypts, in the app (the keys are not in the database), every value of a `piiText` column still stored as
 * plain text by a version before decision 025. Idempotent: rows already `v1:` are left alone. Runs at every start.
 */
export async function encryptPlaintextColumns(db: DbOrTx): Promise<number> {
  let n = 0;
  for (const c of PII_COLUMNS.filter((x) => x.kind === 'enc')) {
    const table = sql.identifier(c.table);
    const column = sql.identifier(c.column);
    const rows = (await db.execute(
      sql`select id, ${column} as v from ${table} where ${column} is not null and ${column} not like 'v1:%'`,
    )) as unknown as { rows: { id: number; v: string }[] } | { id: number; v: string }[];
    const list = Array.isArray(rows) ? rows : rows.rows;
    for (const r of list) {
      await db.execute(sql`update ${table} set ${column} = ${encryptPiiText(c.field, r.v)} where id = ${r.id}`);
      n++;
    }
  }
  return n;
}

/**
 * Fills, in the app (the hash key is not in the database), the keyed-hash column of every declared `enc` column that
 * has one, for rows written before it existed (decision 053). Idempotent: rows with a hash are left alone; runs at
 * every start, after `encryptPlaintextColumns`.
 */
export async function fillPiiHashes(db: DbOrTx): Promise<number> {
  let n = 0;
  for (const c of PII_COLUMNS) {
    if (c.kind !== 'enc' || !c.hash) continue;
    const table = sql.identifier(c.table);
    const column = sql.identifier(c.column);
    const hash = sql.identifier(c.hash);
    const rows = (await db.execute(
      sql`select id, ${column} as v from ${table} where ${column} is not null and ${hash} is null`,
    )) as unknown as { rows: { id: number; v: string }[] } | { id: number; v: string }[];
    for (const r of Array.isArray(rows) ? rows : rows.rows) {
      const plain = r.v.startsWith('v1:') ? decryptPii(c.field, r.v) : r.v;
      await db.execute(sql`update ${table} set ${hash} = ${hashPii(c.field, plain)} where id = ${r.id}`);
      n++;
    }
  }
  return n;
}
