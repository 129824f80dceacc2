import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { secondInstance, testApp, type TestApp } from '../../test/app.js';
import { Client } from '../../test/http.js';
import { systemActor } from '../context.js';
import type { Database } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import type { App } from '../http/types.js';
import { audit } from './audit.js';
import { auditSealer, sealAuditChain } from './seal.js';
import { verifyAuditChain } from './verify.js';

/**
 * The audit chain sealed after commit (decision 052): writers insert unsealed rows without a lock, the sealer
 * chains what has committed. Two app instances on one database (on PostgreSQL each with its own pool, as two
 * processes), writing and sealing at once.
 */
let t: TestApp;
let other: App;
let otherDb: Database;
let second: Awaited<ReturnType<typeof secondInstance>>;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;

beforeAll(async () => {
  t = await testApp({ RATE_LIMITS: 'false' });
  tree = await t.factory.tree();
  second = await secondInstance(t);
  other = second.app;
  otherDb = second.database;
});
afterAll(async () => {
  await second.close();
  await t.close();
});

const ctx = () => ({ actor: systemActor(), clock: t.clock, requestId: 'seal-test', ip: '' });
const refused = (objectId: string) => ({
  action: 'request.refused',
  objectType: 'request',
  objectId,
  scopePath: '/',
  after: { objectId },
});
const chain = () =>
  t.database.query<{ id: string; seq: string | null; object_id: string | null }>(
    'select id::text as id, chain_seq::text as seq, object_id from audit_log order by chain_seq nulls last, id',
  );

describe('the audit chain sealed after commit', () => {
  it('chains every row of concurrent writers in two app instances while both seal', async () => {
    const c = tree.streetA.communities[0]!;
    const clients: Client[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await t.as(['resident'], c.household.id);
      const twin = new Client(i % 2 ? other : t.app);
      twin.cookies = r.cookies;
      clients.push(twin);
    }
    const before = Number((await t.database.query<{ n: number }>('select count(*)::int as n from audit_log'))[0]!.n);
    const PER = 4;
    let sealing = true;
    // Both instances' sealers run again and again while the writes go on.
    const sealers = [t.db, otherDb.db].map(async (db) => {
      let sealed = 0;
      while (sealing) {
        sealed += await sealAuditChain(db, { wait: false });
        await new Promise((r) => setTimeout(r, 5));
      }
      return sealed;
    });
    const results = await Promise.all(
      clients.flatMap((r, i) =>
        Array.from({ length: PER }, (_, k) =>
          r.post('/api/orders', {
            kind: 'problem',
            category: 'repair',
            title: `封链并发${i}-${k}`,
            territoryId: c.household.id,
          }),
        ),
      ),
    );
    sealing = false;
    await Promise.all(sealers);
    for (const res of results) expect(res.status, JSON.stringify(res.body)).toBe(201);

    const report = await verifyAuditChain(otherDb.db);
    expect(report.broken).toEqual([]);
    expect(report.unchained).toBe(0);
    const rows = await chain();
    expect(report.rows).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(before + clients.length * PER);
    // One line: places 1..n, each once, and every order's create in it.
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    const created = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'order.create' and chain_seq is not null`,
    );
    expect(created[0]!.n).toBe(clients.length * PER);
  });

  it('never chains a rolled-back row, and chains a row only after its transaction committed', async () => {
    await sealAuditChain(t.db);
    await expect(
      t.db.transaction(async (tx) => {
        await audit(tx, ctx(), refused('rolled-back'));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await audit(t.db, ctx(), refused('committed-1'));

    if (otherDb !== t.database) {
      // A transaction still open on another connection: its row is invisible to the sealer and waits...
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let inserted!: () => void;
      const didInsert = new Promise<void>((r) => (inserted = r));
      const open = otherDb.db.transaction(async (tx) => {
        await audit(tx, ctx(), refused('in-flight'));
        inserted();
        await held;
      });
      await didInsert;
      await sealAuditChain(t.db);
      await audit(t.db, ctx(), refused('committed-2'));
      await sealAuditChain(t.db);
      release();
      await open;
      // ...and enters the chain after the rows sealed meanwhile, though its id is lower.
      await sealAuditChain(t.db);
      const tail = (await chain()).slice(-3).map((r) => r.object_id);
      expect(tail).toEqual(['committed-1', 'committed-2', 'in-flight']);
    } else {
      await sealAuditChain(t.db);
    }

    const rows = await chain();
    expect(rows.map((r) => r.object_id)).not.toContain('rolled-back');
    expect(rows.every((r) => r.seq !== null)).toBe(true);
    const report = await verifyAuditChain(t.db);
    expect(report.broken).toEqual([]);
    expect(report.unchained).toBe(0);
  });

  it('lets only the sealer set the chain columns, once, from NULL', async () => {
    await audit(t.db, ctx(), refused('guarded'));
    const [row] = await t.database.query<{ id: string }>(
      `select id::text as id from audit_log where object_id = 'guarded'`,
    );
    const id = row!.id;
    const hex = 'a'.repeat(64);
    // Unsealed: no content change, not with the chain columns either, and not the chain columns in part.
    await expect(t.database.query(`update audit_log set action = 'x' where id = ${id}`)).rejects.toThrow(/append-only/);
    await expect(
      t.database.query(
        `update audit_log set action = 'x', prev_hash = '${hex}', hash = '${hex}', chain_seq = 999999 where id = ${id}`,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(t.database.query(`update audit_log set hash = '${hex}' where id = ${id}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.query(`delete from audit_log where id = ${id}`)).rejects.toThrow(/append-only/);
    // Not slipped in sealed.
    await expect(
      t.database.query(
        `insert into audit_log (at, actor_name, action, object_type, scope_path, prev_hash, hash, chain_seq)
         values (now(), 'x', 'x', 'x', '/', '${hex}', '${hex}', 999999)`,
      ),
    ).rejects.toThrow(/sealer only/);
    // Sealed: never again.
    await sealAuditChain(t.db);
    await expect(
      t.database.query(
        `update audit_log set prev_hash = '${hex}', hash = '${hex}', chain_seq = 999999 where id = ${id}`,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(t.database.query(`truncate audit_log`)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(t.db)).broken).toEqual([]);
  });

  it('reports rows left unsealed past the limit, then seals them', async () => {
    const limit = new Date(t.clock.now().getTime() + 1);
    await audit(t.db, ctx(), refused('late'));
    const report = await verifyAuditChain(t.db, { staleBefore: limit });
    expect(report.stale).toBe(1);
    expect(report.broken).toEqual([]);
    expect((await verifyAuditChain(t.db, { staleBefore: limit })).stale).toBe(0);
  });

  it('seals soon after a nudge', async () => {
    const sealer = auditSealer(
      () => t.db,
      (e) => {
        throw e;
      },
      1,
    );
    try {
      await audit(t.db, ctx(), refused('nudged'));
      sealer.nudge();
      sealer.nudge();
      await vi.waitFor(
        async () => {
          const [r] = rowsOf(await t.db.execute(sql`select count(*)::int as n from audit_log where hash is null`));
          expect(Number(r!.n)).toBe(0);
        },
        { timeout: 20_000, interval: 20 },
      );
    } finally {
      await sealer.stop();
    }
  });
});
