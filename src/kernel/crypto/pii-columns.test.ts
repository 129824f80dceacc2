import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { rowsOf } from '../db/rows.js';
import { PII_COLUMNS } from './pii-columns.js';

/**
 * The one declared list of personal-number columns (issue 18 point 2, decisions 025 and 053) is complete: every
 * column of the migrated schema whose name says it holds a phone or an ID number is in PII_COLUMNS (encrypted), or
 * is the keyed hash of one. A new plain `phone` column fails here before it stores a number.
 */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

const NUMBER_NAME = /phone|mobile|tel$|telephone|id_number|id_card|contact_enc/;

describe('PII_COLUMNS', () => {
  it('names every phone and ID-number column of the schema (hash columns aside)', async () => {
    const cols = rowsOf(
      await t.db.execute(
        sql`select table_name as t, column_name as c from information_schema.columns
            where table_schema = 'public' order by 1, 2`,
      ),
    ).map((r) => `${String(r.t)}.${String(r.c)}`);
    const declared = new Set(PII_COLUMNS.map((c) => `${c.table}.${c.column}`));
    // Every declared column exists (a rename would silently drop it from the start-up encryption and the scan).
    for (const d of declared) expect(cols, d).toContain(d);
    const hashes = new Set(PII_COLUMNS.filter((c) => c.hash).map((c) => `${c.table}.${c.hash}`));
    const undeclared = cols.filter((c) => {
      const name = c.split('.')[1]!;
      return NUMBER_NAME.test(name) && !declared.has(c) && !hashes.has(c) && !name.endsWith('_hash');
    });
    expect(undeclared).toEqual([]);
  });
});
