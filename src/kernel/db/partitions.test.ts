import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { audit } from '../audit/audit.js';
import { AuditRetentionTooShortError, dropOldAuditPartitions, partitionPass } from '../audit/retention.js';
import { sealAuditChain } from '../audit/seal.js';
import { verifyAuditChain } from '../audit/verify.js';
import { manualClock } from '../clock.js';
import { ConfigError, loadConfig } from '../config.js';
import { systemActor } from '../context.js';
import { chinaMonthStart, ensureMonthPartitions, monthPartitions, queryRows } from './partitions.js';

/** Monthly partitions of the audit log and the order timelines, and audit retention (decision 051). */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const at = (s: string) => new Date(`${s}+08:00`);
const partitionOf = async (table: string, where: string) =>
  (
    await queryRows<{ p: string }>(t.db, sql.raw(`select tableoid::regclass::text as p from ${table} where ${where}`))
  )[0]?.p;
const refused = async (statement: string) => {
  try {
    await t.db.transaction((tx) => tx.execute(sql.raw(statement)));
    return false;
  } catch (e) {
    return /append-only/.test(String((e as { cause?: unknown }).cause ?? e));
  }
};
const write = (clock: { now(): Date }, action = 'auth.login') =>
  t.db.transaction((tx) =>
    audit(
      tx,
      { actor: systemActor('/'), clock, requestId: 'test', ip: '' },
      {
        action,
        objectType: 'account',
        scopePath: '/',
      },
    ),
  );

describe('monthly partitions', () => {
  it('audit_log and order_events are partitioned by month with a DEFAULT partition, this month + 3 ahead', async () => {
    const tables = await queryRows<{ name: string; def: string | null }>(
      t.db,
      sql`select c.relname as name, (select d.relname from pg_partitioned_table p join pg_class d on d.oid = p.partdefid
        where p.partrelid = c.oid) as def from pg_class c where c.relkind = 'p' order by 1`,
    );
    expect(tables).toEqual([
      { name: 'audit_log', def: 'audit_log_default' },
      { name: 'order_events', def: 'order_events_default' },
    ]);
    for (const table of ['audit_log', 'order_events']) {
      const months = (await monthPartitions(t.db, table)).map((p) => p.month);
      for (let k = 0; k <= 3; k++) expect(months).toContain(chinaMonthStart(new Date(), k));
    }
  });

  it('the scheduler pass creates this month and the next three, once, by the clock it is given', async () => {
    const clock = manualClock(at('2031-05-10T12:00:00'));
    const first = await partitionPass(t.db, clock, 0);
    expect(first.created).toEqual([
      'audit_log_p203105',
      'audit_log_p203106',
      'audit_log_p203107',
      'audit_log_p203108',
      'order_events_p203105',
      'order_events_p203106',
      'order_events_p203107',
      'order_events_p203108',
    ]);
    expect(first.dropped).toBeNull();
    expect((await partitionPass(t.db, clock, 0)).created).toEqual([]);
    // Month bounds are China's: the last instant of May (China) is in May's partition, the next in June's.
    const p = (await monthPartitions(t.db, 'audit_log')).find((x) => x.name === 'audit_log_p203105')!;
    expect(p.from).toEqual(at('2031-05-01T00:00:00'));
    expect(p.to).toEqual(at('2031-06-01T00:00:00'));
    clock.set(at('2031-05-31T23:59:59'));
    await write(clock);
    clock.set(at('2031-06-01T00:00:00'));
    await write(clock);
    expect(await partitionOf('audit_log', `at = '2031-05-31T23:59:59+08'`)).toBe('audit_log_p203105');
    expect(await partitionOf('audit_log', `at = '2031-06-01T00:00:00+08'`)).toBe('audit_log_p203106');
  });

  it('a row of a month without its partition lands in DEFAULT, and moves when the month is created', async () => {
    const clock = manualClock(at('2033-02-14T08:00:00'));
    await write(clock);
    await sealAuditChain(t.db); // a sealed row moves with its hashes (the insert guard lets the move through)
    expect(await partitionOf('audit_log', `at = '2033-02-14T08:00:00+08'`)).toBe('audit_log_default');
    const [before] = await queryRows<{ id: string; hash: string }>(
      t.db,
      sql`select id::text, hash from audit_log where at = '2033-02-14T08:00:00+08'`,
    );
    expect(before?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await ensureMonthPartitions(t.db, { from: clock.now(), ahead: 0 })).toEqual([
      'audit_log_p203302',
      'order_events_p203302',
    ]);
    expect(await partitionOf('audit_log', `at = '2033-02-14T08:00:00+08'`)).toBe('audit_log_p203302');
    const [after] = await queryRows<{ id: string; hash: string }>(
      t.db,
      sql`select id::text, hash from audit_log where at = '2033-02-14T08:00:00+08'`,
    );
    expect(after).toEqual(before);
    // The new DEFAULT still refuses TRUNCATE, and the chain is whole.
    expect(await refused('truncate audit_log_default')).toBe(true);
    expect((await verifyAuditChain(t.db)).broken).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit log, its partitions and its DEFAULT partition', async () => {
    for (const table of ['audit_log', 'audit_log_p203105', 'audit_log_p203106', 'audit_log_default']) {
      if (table === 'audit_log_default') await write(manualClock(at('2040-01-01T00:00:00')));
      const [n] = await queryRows<{ n: number }>(t.db, sql.raw(`select count(*)::int as n from ${table}`));
      expect(n!.n).toBeGreaterThan(0); // a row trigger only fires on a row
      expect(await refused(`update ${table} set actor_name = 'x'`)).toBe(true);
      expect(await refused(`delete from ${table}`)).toBe(true);
      expect(await refused(`truncate ${table}`)).toBe(true);
    }
    expect(await refused('update audit_retention set rows = 0')).toBe(false); // no row: nothing fires
    expect(await refused('truncate audit_retention')).toBe(true);
  });

  it('keeps the order timeline writable and readable by id through the partitions', async () => {
    const tree = await t.factory.tree();
    const a1 = tree.streetA.communities[0]!;
    const staff = await t.as(['communityStaff'], a1.community.id);
    const resident = await t.as(['resident'], a1.household.id);
    const res = await resident.post('/api/orders', {
      kind: 'problem',
      category: 'repair',
      title: '楼道灯坏了',
      territoryId: a1.household.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const timeline = await staff.get(`/api/orders/${res.body.id}`);
    expect(timeline.status).toBe(200);
    const events = await queryRows<{ p: string }>(
      t.db,
      sql`select tableoid::regclass::text as p from order_events where order_id = ${res.body.id}`,
    );
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]!.p).toBe(`order_events_p${chinaMonthStart(t.clock.now()).slice(0, 7).replace('-', '')}`);
  });
});

describe('audit retention', () => {
  it('refuses fewer than 180 days, in the setting and in the call', async () => {
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '179' })).toThrow(ConfigError);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '180' }).AUDIT_RETENTION_DAYS).toBe(180);
    expect(loadConfig({}).AUDIT_RETENTION_DAYS).toBe(0);
    await expect(dropOldAuditPartitions(t.db, manualClock(), 179)).rejects.toThrow(AuditRetentionTooShortError);
  });

  it('drops whole months entirely older than the cut, records the anchor, audits the drop; verify still passes', async () => {
    // A fresh log: the chain starts in 2021 (ids follow time, as they do outside tests).
    const fresh = await testApp();
    try {
      const db = fresh.db;
      const clock = manualClock(at('2021-01-10T09:00:00'));
      await ensureMonthPartitions(db, { from: clock.now(), to: at('2021-09-01T00:00:00') });
      const w = () =>
        db.transaction((tx) =>
          audit(
            tx,
            { actor: systemActor('/'), clock, requestId: 'test', ip: '' },
            {
              action: 'auth.login',
              objectType: 'account',
              scopePath: '/',
            },
          ),
        );
      for (const d of ['2021-01-10', '2021-01-20', '2021-02-10', '2021-03-10', '2021-04-10', '2021-08-01']) {
        clock.set(at(`${d}T09:00:00`));
        await w();
      }
      // 2021-09-20 − 180 days = 2021-03-24: January and February lie wholly before it, March does not.
      clock.set(at('2021-09-20T10:00:00'));
      const result = await partitionPass(db, clock, 180);
      expect(result.dropped).toMatchObject({
        partitions: ['audit_log_p202101', 'audit_log_p202102'],
        rows: 3,
        fromAt: at('2021-01-01T00:00:00'),
        toAt: at('2021-03-01T00:00:00'),
      });
      const names = (await monthPartitions(db, 'audit_log')).map((p) => p.name);
      expect(names).not.toContain('audit_log_p202101');
      expect(names).toContain('audit_log_p202103');
      const [first] = await queryRows<{ prev_hash: string }>(
        db,
        sql`select prev_hash from audit_log order by id limit 1`,
      );
      expect(first!.prev_hash).toBe(result.dropped!.anchorHash);
      const [logged] = await queryRows<{ action: string; after: { partitions: string[]; keepDays: number } }>(
        db,
        sql`select action, after from audit_log where action = 'audit.retention'`,
      );
      expect(logged!.after.partitions).toEqual(['audit_log_p202101', 'audit_log_p202102']);
      expect(logged!.after.keepDays).toBe(180);
      const report = await verifyAuditChain(db);
      expect(report.broken).toEqual([]);
      expect(report.rows).toBe(4); // March, April, August and the retention entry
      expect(report.retention).toHaveLength(1);
      expect(report.retention[0]).toMatchObject({ rows: 3, droppedAt: at('2021-09-20T10:00:00') });
      // Again at the same time: nothing more is due.
      expect((await partitionPass(db, clock, 180)).dropped).toBeNull();
      // A month removed by hand (no retention record) is tampering: the next row's link breaks.
      await db.execute(sql`drop table audit_log_p202104`);
      const tampered = await verifyAuditChain(db);
      expect(tampered.broken.map((b) => b.reason)).toEqual(['link']);
    } finally {
      await fresh.close();
    }
  });

  it('drops no month whose rows come after (by id) a row that stays: the chain is only cut at its start', async () => {
    const fresh = await testApp();
    try {
      const db = fresh.db;
      const clock = manualClock(at('2022-05-10T09:00:00'));
      await ensureMonthPartitions(db, { from: at('2022-01-01T00:00:00'), to: clock.now() });
      const w = () =>
        db.transaction((tx) =>
          audit(
            tx,
            { actor: systemActor('/'), clock, requestId: 'test', ip: '' },
            {
              action: 'auth.login',
              objectType: 'account',
              scopePath: '/',
            },
          ),
        );
      await w(); // May first
      clock.set(at('2022-01-15T09:00:00'));
      await w(); // then a row dated January (a clock set back)
      // 2022-09-01 − 180 days = 2022-03-05: January is due, but its row came after May's, which stays.
      clock.set(at('2022-09-01T09:00:00'));
      // (Empty older months, left by other tests on this worker's database, may go: they hold no chain.)
      const dropped = await dropOldAuditPartitions(db, clock, 180);
      expect(dropped?.rows ?? 0).toBe(0);
      expect(dropped?.partitions ?? []).not.toContain('audit_log_p202201');
      expect((await monthPartitions(db, 'audit_log')).map((p) => p.name)).toContain('audit_log_p202201');
      expect((await verifyAuditChain(db)).broken).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
