import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { testApp, TEST_PII_KEYS, type TestApp } from '../../test/app.js';
import { Client } from '../../test/http.js';
import { pathIds } from '../scope/scope.js';
import { PII_COLUMNS } from './pii-columns.js';
import { configurePii, decryptPii, hashPii, keyId } from './pii.js';
import { piiKeyUsage, rotatePiiKeys } from './rotate.js';

// Key rotation (issue 18, decision 035): `npm run keys:rotate` re-encrypts every declared personal-data column
// under a new key; afterwards the old key is no longer needed and the keyed-hash look-ups still match.
let t: TestApp;
beforeAll(async () => {
  t = await testApp({}, { demo: true });
}, 600_000);
afterAll(() => t?.close());

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

/** Every declared column's values in plain text, by `table.column#id`. */
async function plainValues(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const c of PII_COLUMNS) {
    const rows = rowsOf<{ id: number; v: string }>(
      await t.db.execute(
        sql`select id, ${sql.identifier(c.column)} as v from ${sql.identifier(c.table)} where ${sql.identifier(c.column)} like 'v1:%'`,
      ),
    );
    for (const r of rows) out.set(`${c.table}.${c.column}#${r.id}`, decryptPii(c.field, r.v));
  }
  return out;
}

describe('npm run keys:rotate', () => {
  it('re-encrypts every personal-data column under the new key; reads and hashed look-ups are unchanged', async () => {
    const oldKey = TEST_PII_KEYS.PII_ENCRYPTION_KEY;
    const oldId = keyId(Buffer.from(oldKey, 'base64'));
    const before = await plainValues();
    expect(before.size).toBeGreaterThan(100);
    const usageBefore = await piiKeyUsage(t.db);
    expect(Object.keys(usageBefore)).toEqual([oldId]);

    // Step 1: the new key is current, the old one is kept for reading.
    const newKey = randomBytes(32).toString('base64');
    const newId = keyId(Buffer.from(newKey, 'base64'));
    configurePii({ ...t.config, PII_ENCRYPTION_KEY: newKey, PII_PREVIOUS_KEYS: oldKey });
    // Step 2: the rotation, in batches each committed on its own (decision 053). A run stopped part-way (here by
    // `limit`; a crash or a kill alike) leaves values under both keys, every one still readable, and the next run
    // finishes the rest.
    const partial = await rotatePiiKeys(t.db, { batch: 7, limit: 30 });
    const first = partial.reduce((n, c) => n + c.rewritten, 0);
    expect(first).toBe(30);
    expect(await piiKeyUsage(t.db)).toEqual({ [oldId]: usageBefore[oldId]! - 30, [newId]: 30 });
    expect(await plainValues()).toEqual(before);
    const columns = await rotatePiiKeys(t.db, { batch: 200 });
    const rewritten = first + columns.reduce((n, c) => n + c.rewritten, 0);
    expect(rewritten).toBe(usageBefore[oldId]);
    for (const table of ['residents', 'grid_workers', 'mediation_parties'])
      expect(
        [...partial, ...columns].filter((c) => c.table === table).reduce((n, c) => n + c.rewritten, 0),
        table,
      ).toBeGreaterThan(0);
    expect(await piiKeyUsage(t.db)).toEqual({ [newId]: rewritten });
    // Idempotent.
    expect((await rotatePiiKeys(t.db)).every((c) => c.rewritten === 0)).toBe(true);

    // Step 3: the old key dropped; every value still reads as it did.
    configurePii({ ...t.config, PII_ENCRYPTION_KEY: newKey, PII_PREVIOUS_KEYS: undefined });
    expect(await plainValues()).toEqual(before);

    // With only the new key configured, a resident is still found by phone through the keyed hash.
    const [r] = rowsOf<{ id: number; phone_enc: string; scope_path: string }>(
      await t.db.execute(
        sql`select id, phone_enc, scope_path from residents where phone_enc is not null order by id limit 1`,
      ),
    );
    const phone = decryptPii('phone', r!.phone_enc);
    const found = rowsOf<{ id: number }>(
      await t.db.execute(sql`select id from residents where phone_hash = ${hashPii('phone', phone)}`),
    );
    expect(found.map((x) => x.id)).toContain(r!.id);

    // And through the API of a second app on the same (rotated) database, configured with the new key only. It must
    // be this database and an account inside the demo's tree: testApp() would open another database (emptied, or a
    // fresh demo copy), and factory.account() without a node makes a new root of its own — scoped to nothing here.
    const config = { ...t.config, PII_ENCRYPTION_KEY: newKey, PII_PREVIOUS_KEYS: undefined };
    const second = await createApp({ config, database: t.database, clock: t.clock }, false);
    try {
      await second.ready();
      const root = pathIds(r!.scope_path)[0]!;
      const acc = await t.factory.account({ roles: ['cityAdmin'], territoryId: root });
      const c = new Client(second);
      expect((await c.login(acc.username, acc.password)).status).toBe(200);
      // Written as people type it: spaces and dashes are normalised before the keyed hash.
      const typed = `${phone.slice(0, 3)} ${phone.slice(3, 7)}-${phone.slice(7)}`;
      const res = await c.get(`/api/people/residents?phone=${encodeURIComponent(typed)}`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((x: { id: number }) => x.id)).toContain(r!.id);
      const item = res.body.items.find((x: { id: number }) => x.id === r!.id);
      expect(item.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
      // What the lost check met: an account made without a node sits at a new root, outside the demo's tree.
      const outside = await t.factory.account({ roles: ['cityAdmin'] });
      const o = new Client(second);
      expect((await o.login(outside.username, outside.password)).status).toBe(200);
      const none = await o.get(`/api/people/residents?phone=${phone}`);
      expect(none.status).toBe(200);
      expect(none.body.items).toEqual([]);
    } finally {
      await second.close();
    }
  }, 600_000);
});
