import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { PII_COLUMNS } from '../kernel/crypto/pii-columns.js';
import { decryptPii } from '../kernel/crypto/pii.js';
import type { App } from '../kernel/http/types.js';
import { gridWorkers } from '../modules/grids/schema.js';
import { ownersCommittees, residentsGroups, units } from '../modules/organizations/schema.js';
import { residents } from '../modules/people/schema.js';
import { testApp, type TestApp } from './app.js';
import { Client } from './http.js';

/**
 * Issue 18 point 2: on the full demo data, a dump of every table (every column, as text) and the log of a session
 * that searches by phone and ID number hold none of the demo's phone or ID numbers in plain text.
 */
let t: TestApp;
let logged = '';
let logApp: App;
const numbers = new Set<string>();

beforeAll(async () => {
  t = await testApp({}, { demo: true });
  for (const r of await t.db.select().from(residents)) {
    if (r.phoneEnc) numbers.add(decryptPii('phone', r.phoneEnc));
    if (r.idNumberEnc) numbers.add(decryptPii('idNumber', r.idNumberEnc));
  }
  for (const w of await t.db.select({ p: gridWorkers.phone }).from(gridWorkers)) if (w.p) numbers.add(w.p);
  for (const u of await t.db.select({ p: units.contactPhone }).from(units)) if (u.p) numbers.add(u.p);
  for (const o of await t.db.select({ p: ownersCommittees.chairPhone }).from(ownersCommittees))
    if (o.p) numbers.add(o.p);
  for (const g of await t.db.select({ p: residentsGroups.leaderPhone }).from(residentsGroups))
    if (g.p) numbers.add(g.p);
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged += chunk.toString();
      done();
    },
  });
  logApp = await createApp({ config: t.config, database: t.database, clock: t.clock }, pino({ level: 'trace' }, sink));
  await logApp.ready();
}, 300_000);
afterAll(async () => {
  await logApp?.close();
  await t?.close();
});

/** Every demo number found in a text, digits-only runs compared by windows of 11 (phones) and 18 (ID numbers). */
function plainNumbersIn(text: string): string[] {
  const found = new Set<string>();
  for (const run of text.replace(/-/g, '').match(/[0-9X]{11,}/g) ?? []) {
    for (const len of [11, 18])
      for (let i = 0; i + len <= run.length; i++) {
        const w = run.slice(i, i + len);
        if (numbers.has(w)) found.add(w);
      }
  }
  return [...found];
}

describe('no plaintext personal numbers at rest or in the logs', () => {
  it('knows the demo numbers (the scan proves something)', () => {
    expect(numbers.size).toBeGreaterThan(1000);
  });

  it('a dump of every column of every table holds none of them', async () => {
    const tables = (await t.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    )) as unknown as { rows: { name: string }[] };
    const leaks: string[] = [];
    for (const { name } of tables.rows) {
      const rows = (await t.db.execute(sql`select t::text as r from ${sql.identifier(name)} t`)) as unknown as {
        rows: { r: string }[];
      };
      for (const { r } of rows.rows) for (const n of plainNumbersIn(r)) leaks.push(`${name}: ${n}`);
    }
    expect(leaks.slice(0, 20)).toEqual([]);
    // the declared list names real columns
    for (const c of PII_COLUMNS) {
      const [col] = (
        (await t.db.execute(
          sql`select 1 as ok from information_schema.columns where table_name = ${c.table} and column_name = ${c.column}`,
        )) as unknown as { rows: unknown[] }
      ).rows;
      expect(col, `${c.table}.${c.column}`).toBeTruthy();
    }
  });

  it('no username is a phone number; the system and security admins list accounts without them', async () => {
    const phoneNames = (await t.db.execute(
      sql`select username from accounts where username ~ '^1[3-9][0-9]{9}$'`,
    )) as unknown as { rows: unknown[] };
    expect(phoneNames.rows).toEqual([]);
    for (const admin of ['sys_admin', 'security_admin']) {
      const c = new Client(logApp);
      expect((await c.login(admin, 'Gongzhi@2026')).status).toBe(200);
      const list = await c.get('/api/accounts?pageSize=100');
      expect(list.status).toBe(200);
      expect(plainNumbersIn(JSON.stringify(list.body))).toEqual([]);
    }
  });

  it('the log of searches by phone and ID number, sign-ins and sign-up holds none of them', async () => {
    const [r] = await t.db.select().from(residents).limit(1);
    const phone = decryptPii('phone', r!.phoneEnc!);
    const idNumber = decryptPii('idNumber', r!.idNumberEnc!);
    const staff = new Client(logApp);
    expect((await staff.login('staff', 'Gongzhi@2026')).status).toBe(200);
    expect((await staff.get(`/api/people/residents?phone=${phone}`)).status).toBe(200);
    expect((await staff.get(`/api/people/residents?idNumber=${idNumber}`)).status).toBe(200);
    expect((await staff.get(`/api/people/residents?q=${phone}`)).status).toBe(200);
    await new Client(logApp).login(phone, 'Wrong-pass-2026');
    await new Client(logApp).post('/api/signup/code', { phone });
    expect(logged.length).toBeGreaterThan(0);
    expect(logged).toContain('request completed');
    expect(plainNumbersIn(logged)).toEqual([]);
  });
});
