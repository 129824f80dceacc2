import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReplicaPair, type ReplicaPair } from '../../../scripts/replica-pair.js';
import { createApp } from '../../app.js';
import { TEST_PII_KEYS, testDataDir } from '../../test/db.js';
import { Factory } from '../../test/factories.js';
import { Client } from '../../test/http.js';
import { manualClock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { App } from '../http/types.js';
import { openPostgres, type Database } from './client.js';
import { parseLsn, ReadReplicas } from './reads.js';
import { rowsOf } from './rows.js';

/**
 * Reads on a real streaming standby (issue 17 point 6, decision 050): scripts/replica-pair.ts makes a primary and a
 * standby with the machine's PostgreSQL 15 tools in a temp folder; the app runs with the primary as DATABASE_URL
 * and the standby as DATABASE_READ_URL. Engine-free (its own servers): runs once, in the PGlite project.
 */
let pair: ReplicaPair;
let database: Database;
let app: App;
let tree: Awaited<ReturnType<Factory['tree']>>;
let staff: Client;
let resident: Client;
const logged: { level: string; msg: string }[] = [];

const reads = () => database.reads!;
const standby = () => reads().state()[0]!;

async function login(factory: Factory, roles: string[], territoryId: number) {
  const acc = await factory.account({ roles, territoryId });
  const c = new Client(app);
  const res = await c.login(acc.username, acc.password);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return c;
}

/** Waits until the standby has replayed everything the primary has written so far, and its check has seen it. */
async function caughtUp() {
  const target = parseLsn(await reads().primaryLsn())!;
  await vi.waitFor(
    async () => {
      await reads().check();
      const s = standby();
      expect(s.up && s.replayLsn !== null && parseLsn(s.replayLsn)! >= target).toBe(true);
    },
    { timeout: 20_000, interval: 100 },
  );
}

/** Sets the standby's apply delay (ALTER SYSTEM on the standby itself, reloaded): a standby that lags on purpose. */
async function applyDelay(value: string) {
  const c = new pg.Client(pair.standbyUrl);
  await c.connect();
  try {
    await c.query(`alter system set recovery_min_apply_delay = '${value}'`);
    await c.query('select pg_reload_conf()');
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  pair = await startReplicaPair({ database: 'gongzhi' });
  const log = {
    warn: (_o: object, msg: string) => logged.push({ level: 'warn', msg }),
    info: (_o: object, msg: string) => logged.push({ level: 'info', msg }),
  };
  // Limits wide enough that a busy CI machine never trips them here: lag and down are tested on their own below.
  database = await openPostgres(pair.primaryUrl, 4, {
    urls: [pair.standbyUrl],
    maxLagSeconds: 600,
    afterWriteSeconds: 600,
    checkMs: 200,
    log,
  });
  await database.migrate();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...TEST_PII_KEYS,
    WEB_DIR: '/nonexistent',
    DATA_DIR: testDataDir(),
    DATABASE_URL: pair.primaryUrl,
    DATABASE_READ_URL: pair.standbyUrl,
  });
  app = await createApp({ config, database, clock: manualClock(new Date()) }, false);
  await app.ready();
  const factory = new Factory(database.db);
  tree = await factory.tree();
  const a1 = tree.streetA.communities[0]!;
  staff = await login(factory, ['communityStaff'], a1.community.id);
  resident = await login(factory, ['resident'], a1.household.id);
  await caughtUp();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  pair?.stop();
});

describe('reads on a streaming standby (DATABASE_READ_URL)', () => {
  it('serves the figures and lists from the standby when the caller has not written lately', async () => {
    expect(standby().up).toBe(true);
    const before = { standby: standby().served, primary: reads().primaryServed };
    expect((await staff.get('/api/orders/figures')).status).toBe(200);
    expect((await staff.get('/api/orders')).status).toBe(200);
    expect((await staff.get('/api/dashboard')).status).toBe(200);
    expect(standby().served - before.standby).toBe(3);
    expect(reads().primaryServed).toBe(before.primary);
    // The handle the router hands out is the standby itself.
    const db = reads().pick({})!;
    expect(rowsOf(await db.execute(sql`select pg_is_in_recovery() as r`))).toEqual([{ r: true }]);
  });

  it("routes a writer's reads to the primary until the standby has replayed the write (read-your-writes)", async () => {
    // The standby now applies every commit a minute late: what it shows cannot include a write made just now.
    await applyDelay('60s');
    try {
      const created = await resident.post('/api/orders', {
        kind: 'problem',
        category: 'repair',
        title: '楼道灯坏了',
        territoryId: tree.streetA.communities[0]!.household.id,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = (created.body as { id: number }).id;
      expect(resident.cookies.get('gz_lsn')).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);

      // The writer reads it at once: served by the primary (its cookie's position is not replayed yet).
      const primaryBefore = reads().primaryServed;
      const mine = await resident.get('/api/orders');
      expect(mine.status).toBe(200);
      expect((mine.body as { items: { id: number }[] }).items.map((o) => o.id)).toContain(id);
      expect(reads().primaryServed).toBe(primaryBefore + 1);

      // Another account, with no write of its own, reads the lagging standby: the order is not there yet.
      const standbyBefore = standby().served;
      const theirs = await staff.get('/api/orders');
      expect(theirs.status).toBe(200);
      expect(standby().served).toBe(standbyBefore + 1);
      expect((theirs.body as { items: { id: number }[] }).items.map((o) => o.id)).not.toContain(id);

      // A standby behind by more than the lag limit is skipped: here a router whose limit is 0 s.
      const primary = new pg.Pool({ connectionString: pair.primaryUrl, max: 1 });
      const strict = new ReadReplicas(primary, [pair.standbyUrl], { maxLagSeconds: 0, afterWriteSeconds: 0 });
      try {
        await strict.check();
        expect(strict.state()[0]!.reason).toMatch(/^lagging/);
        expect(strict.pick({})).toBeNull();
      } finally {
        await strict.close();
        await primary.end();
      }
    } finally {
      await applyDelay('0');
    }
    // Once replayed, the writer's reads go back to the standby.
    await caughtUp();
    const standbyBefore = standby().served;
    expect((await resident.get('/api/orders')).status).toBe(200);
    expect(standby().served).toBe(standbyBefore + 1);
  });

  it('skips a standby that is down (the primary serves, logged once) and uses it again when it is back', async () => {
    const warnsBefore = logged.filter((l) => l.level === 'warn').length;
    pair.stopStandby();
    // The first reads may find the standby still marked up: they fail over to the primary within the request.
    for (let i = 0; i < 3; i++) {
      expect((await staff.get('/api/orders/figures')).status).toBe(200);
      expect((await staff.get('/api/orders')).status).toBe(200);
      expect((await staff.get('/api/dashboard/map')).status).toBe(200);
    }
    await reads().check();
    expect(standby().up).toBe(false);
    expect(standby().reason).toMatch(/^down/);
    const primaryBefore = reads().primaryServed;
    expect((await staff.get('/api/orders/figures')).status).toBe(200);
    expect(reads().primaryServed).toBe(primaryBefore + 1);
    expect(logged.filter((l) => l.level === 'warn').length - warnsBefore).toBe(1);

    pair.startStandby();
    await caughtUp();
    expect(logged.at(-1)).toEqual({ level: 'info', msg: 'read replica serving' });
    const standbyBefore = standby().served;
    expect((await staff.get('/api/orders/figures')).status).toBe(200);
    expect(standby().served).toBe(standbyBefore + 1);
  }, 60_000);
});
