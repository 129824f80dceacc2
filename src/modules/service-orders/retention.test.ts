import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../kernel/config.js';
import { auditLog, territories } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { mediationCases, mediationParties, mediationSessions } from '../mediation/schema.js';
import { FINAL } from './constants.js';
import { serviceOrdersModule } from './module.js';
import { retentionBacklog, retentionCutoff, retentionPass } from './retention.js';
import { orderEvents, serviceOrderRollups, serviceOrders } from './schema.js';

// Issue 18 point 7 (decision 035): closed records past RETENTION_CLOSED_YEARS lose their personal data on a
// scheduler pass; the figures stay. Driven on a copy of the demo data with the test app's manual clock.
const o = serviceOrders;
let t: TestApp;
let admin: Client;
let cityId: number;

beforeAll(async () => {
  t = await testApp({}, { demo: true });
  const [city] = await t.db.select().from(territories).where(eq(territories.level, 'city')).limit(1);
  cityId = city!.id;
}, 600_000);
afterAll(() => t?.close());

/** Everything the figures are counted from: per order the counted columns, the rollup, and the figures' answer. */
async function figuresSnapshot() {
  const orders = await t.db
    .select({
      id: o.id,
      kind: o.kind,
      status: o.status,
      category: o.category,
      scopePath: o.scopePath,
      gridId: o.gridId,
      lng: o.lng,
      lat: o.lat,
      rating: o.rating,
      createdAt: o.createdAt,
      acceptedAt: o.acceptedAt,
      resolvedAt: o.resolvedAt,
      closedAt: o.closedAt,
      updatedAt: o.updatedAt,
      handlerUnitId: o.handlerUnitId,
    })
    .from(o)
    .orderBy(asc(o.id));
  const rollups = await t.db
    .select()
    .from(serviceOrderRollups)
    .orderBy(
      serviceOrderRollups.grain,
      serviceOrderRollups.period,
      serviceOrderRollups.nodePath,
      serviceOrderRollups.handlerUnitId,
      serviceOrderRollups.slot,
    );
  // Signed in afresh: the clock moves years between snapshots, past any session's timeout.
  admin = await t.as(['cityAdmin'], cityId);
  const figures = await admin.get(`/api/orders/figures?territoryId=${cityId}`);
  expect(figures.status).toBe(200);
  const parties = await t.db
    .select({ orderId: mediationParties.orderId, role: mediationParties.role })
    .from(mediationParties)
    .orderBy(asc(mediationParties.id));
  const sessions = await t.db
    .select({
      orderId: mediationSessions.orderId,
      heldAt: mediationSessions.heldAt,
      attendees: sql<number>`jsonb_array_length(${mediationSessions.attendees})`,
    })
    .from(mediationSessions)
    .orderBy(asc(mediationSessions.id));
  const outcomes = await t.db
    .select({ orderId: mediationCases.orderId, outcome: mediationCases.outcome, at: mediationCases.outcomeAt })
    .from(mediationCases)
    .orderBy(asc(mediationCases.orderId));
  return { orders, rollups, figures: figures.body, parties, sessions, outcomes };
}

/** Finished orders and when they finished, oldest first (what the pass reads). */
async function finished() {
  const rows = await t.db
    .select({ id: o.id, kind: o.kind, at: sql<Date>`coalesce(${o.closedAt}, ${o.updatedAt})`.mapWith(o.closedAt) })
    .from(o)
    .where(inArray(o.status, [...FINAL]));
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime());
}

describe('retention of closed records', () => {
  it('is a setting (default 5 years) and a scheduler pass declared in the manifest', () => {
    const c = loadConfig({});
    expect(c.RETENTION_CLOSED_YEARS).toBe(5);
    expect(c.RETENTION_PASS_SECONDS).toBe(3600);
    expect(loadConfig({ RETENTION_CLOSED_YEARS: '3', RETENTION_PASS_SECONDS: '0' })).toMatchObject({
      RETENTION_CLOSED_YEARS: 3,
      RETENTION_PASS_SECONDS: 0,
    });
    expect(() => loadConfig({ RETENTION_CLOSED_YEARS: '0' })).toThrow(/RETENTION_CLOSED_YEARS/);
    const s = serviceOrdersModule.schedulers?.find((x) => x.name === 'retention');
    expect(s?.seconds(loadConfig({ RETENTION_PASS_SECONDS: '600' }))).toBe(600);
    expect(retentionCutoff(new Date('2031-03-01T00:00:00Z'), 5).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('strips personal data of orders and mediation cases finished before the cutoff, keeps the rest and the figures', async () => {
    // Nothing in the demo is five years old today.
    expect(await retentionPass(t.db, t.clock, 5)).toMatchObject({ orders: 0 });
    // The demo's mediation cases are all open: close the one with the most parties and sessions first of all.
    const [med] = await t.db
      .execute(
        sql`select o.id from service_orders o where o.kind = 'mediation'
          order by (select count(*) from mediation_parties p where p.order_id = o.id)
                 + (select count(*) from mediation_sessions s where s.order_id = o.id) desc, o.id limit 1`,
      )
      .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { id: number }[]);
    expect(med).toBeDefined();
    const first = (await finished())[0]!.at;
    await t.db
      .update(o)
      .set({ status: 'closed', closedAt: new Date(first.getTime() - 86_400_000), remindAt: null, escalateAt: null })
      .where(eq(o.id, med!.id));
    await t.db
      .update(mediationCases)
      .set({ agreementText: '双方同意各付一半疏通费', outcome: 'agreed', outcomeNote: '王某签字' })
      .where(eq(mediationCases.orderId, med!.id));

    // Move the clock so the cutoff falls in the middle of the demo's finished orders.
    const all = await finished();
    expect(all.length).toBeGreaterThan(4);
    expect(all[0]!.id).toBe(med!.id);
    const pivot = Math.floor(all.length / 2);
    const cutoffAt = new Date((all[pivot - 1]!.at.getTime() + all[pivot]!.at.getTime()) / 2);
    const old = all.filter((r) => r.at < cutoffAt).map((r) => r.id);
    const recent = all.filter((r) => r.at >= cutoffAt).map((r) => r.id);
    expect(old.length).toBeGreaterThan(0);
    expect(recent.length).toBeGreaterThan(0);
    const now = new Date(cutoffAt);
    now.setUTCFullYear(now.getUTCFullYear() + 5);
    t.clock.set(now);

    const keptBefore = await t.db.select().from(o).where(inArray(o.id, recent)).orderBy(asc(o.id));
    const before = await figuresSnapshot();
    expect(await retentionBacklog(t.db, t.clock.now(), 5)).toBe(old.length);

    const result = await retentionPass(t.db, t.clock, 5);
    expect(result.orders).toBe(old.length);
    expect(await retentionBacklog(t.db, t.clock.now(), 5)).toBe(0);

    // Personal data of the old ones is gone.
    const stripped = await t.db.select().from(o).where(inArray(o.id, old));
    for (const r of stripped) {
      expect(r).toMatchObject({
        reporterName: null,
        address: null,
        description: null,
        ratingComment: null,
        cancelReason: null,
      });
      expect(r.personalDataRemovedAt?.getTime()).toBe(t.clock.now().getTime());
    }
    const [notes] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orderEvents)
      .where(and(inArray(orderEvents.orderId, old), isNotNull(orderEvents.note)));
    expect(notes!.n).toBe(0);
    const oldMediation = stripped.filter((r) => r.kind === 'mediation').map((r) => r.id);
    expect(oldMediation.length).toBeGreaterThan(0);
    const parties = await t.db.select().from(mediationParties).where(inArray(mediationParties.orderId, oldMediation));
    for (const p of parties) {
      expect(p.name).toBe(`当事人${p.id}`);
      expect(p).toMatchObject({ contactEnc: null, note: null });
    }
    const sessions = await t.db
      .select()
      .from(mediationSessions)
      .where(inArray(mediationSessions.orderId, oldMediation));
    for (const s of sessions) {
      expect(s.notes).toBe('');
      expect(s.attendees.every((a, i) => a === `#${i + 1}`)).toBe(true);
    }
    const cases = await t.db
      .select()
      .from(mediationCases)
      .where(and(inArray(mediationCases.orderId, oldMediation), isNotNull(mediationCases.agreementText)));
    expect(cases).toEqual([]);

    // The recent ones are untouched, and every figure is the same.
    expect(await t.db.select().from(o).where(inArray(o.id, recent)).orderBy(asc(o.id))).toEqual(keptBefore);
    expect(await figuresSnapshot()).toEqual(before);

    // One audit row per stripped order, by the system, naming the fields and none of the data.
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, 'order.retentionStrip'));
    expect(rows.map((r) => Number(r.objectId)).sort((a, b) => a - b)).toEqual([...old].sort((a, b) => a - b));
    expect(rows[0]).toMatchObject({ actorId: null, objectType: 'serviceOrder' });
    expect(rows[0]!.after).toMatchObject({ retentionYears: 5, fields: expect.arrayContaining(['reporterName']) });

    // Idempotent: a second pass finds nothing.
    expect(await retentionPass(t.db, t.clock, 5)).toMatchObject({ orders: 0 });
  }, 600_000);
});
