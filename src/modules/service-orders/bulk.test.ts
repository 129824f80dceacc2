import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { makeUnit } from './testing.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client, staffEn: Client, resident: Client, farResident: Client;
let unitId: number;

const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  staffEn = await t.as(['communityStaff'], A1().community.id);
  staffEn.lang = 'en-US';
  resident = await t.as(['resident'], A1().household.id);
  farResident = await t.as(['resident'], B1().household.id);
  unitId = (await makeUnit(t.db, A1().community, '文亭物业')).id;
});
afterAll(() => t.close());

async function report(c: Client = resident, territoryId = A1().household.id) {
  const res = await c.post('/api/orders', { kind: 'problem', category: 'repair', title: '楼道灯坏了', territoryId });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

describe('POST /api/orders/bulk', () => {
  it('dispatches each order it may, and reports the others one by one (illegal move, out of view, missing)', async () => {
    const a = await report();
    const b = await report();
    const already = await report();
    expect((await staff.post(`/api/orders/${already}/dispatch`, { target: 'unit', unitId })).status).toBe(200);
    const far = await report(farResident, B1().household.id);

    const res = await staff.post('/api/orders/bulk', {
      ids: [a, b, already, far, 999_999, a],
      action: 'dispatch',
      target: { target: 'unit', unitId, resolveHours: 48, deadlineReason: '节前集中处理，统一延长办结时限' },
      note: '批量派单',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ total: 2, failed: 3 });
    const byId = new Map(res.body.results.map((r: { id: number }) => [r.id, r]));
    expect(res.body.results).toHaveLength(5); // the repeated id counts once
    expect(byId.get(a)).toEqual({ id: a, ok: true, status: 'dispatched' });
    expect(byId.get(b)).toEqual({ id: b, ok: true, status: 'dispatched' });
    expect(byId.get(already)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: '工单当前状态为「已派单」，不能派单' },
    });
    expect(byId.get(far)).toMatchObject({ ok: false, error: { code: 'notFound' } });
    expect(byId.get(999_999)).toMatchObject({ ok: false, error: { code: 'notFound' } });

    const detail = await staff.get(`/api/orders/${a}`);
    expect(detail.body).toMatchObject({ status: 'dispatched', handler: { kind: 'unit', unit: { id: unitId } } });
    expect(detail.body.timeline.at(-1)).toMatchObject({ action: 'dispatch', note: '批量派单' });
    // Each move is audited on its own, and nothing happened to the one outside the caller's view.
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'order.dispatch'), inArray(auditLog.objectId, [String(a), String(b), String(far)])),
      );
    expect(audits.map((x) => x.objectId).sort()).toEqual([String(a), String(b)].sort());
    expect((await farResident.get(`/api/orders/${far}`)).body.status).toBe('submitted');
  });

  it('closes orders not yet taken, and refuses those in work', async () => {
    const a = await report();
    const b = await report();
    await staff.post(`/api/orders/${b}/dispatch`, { target: 'unit', unitId });
    const res = await staffEn.post('/api/orders/bulk', { ids: [a, b], action: 'close', note: 'duplicate reports' });
    expect(res.status).toBe(200);
    // Closing an order nobody took yet cancels it as 作废, the note its reason (issue 10 item 7).
    expect(res.body.results[0]).toEqual({ id: a, ok: true, status: 'cancelled' });
    expect(res.body.results[1]).toMatchObject({
      id: b,
      ok: false,
      error: { code: 'conflict', message: 'The order is “dispatched”: it cannot be closed' },
    });
    const closed = await staff.get(`/api/orders/${a}`);
    expect(closed.body.timeline.at(-1)).toMatchObject({ action: 'cancel', note: 'duplicate reports' });
  });

  it('a bad target is reported per order with the field message', async () => {
    const a = await report();
    const res = await staff.post('/api/orders/bulk', {
      ids: [a],
      action: 'dispatch',
      target: { target: 'unit', unitId: 987_654 },
    });
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({
      id: a,
      ok: false,
      error: { code: 'validation', message: '在您的管辖范围内找不到该单位' },
    });
  });

  it('checks its input: at most 100 ids, a target to dispatch to, a known action', async () => {
    const many = await staff.post('/api/orders/bulk', {
      ids: Array.from({ length: 101 }, (_, i) => i + 1),
      action: 'close',
    });
    expect(many.status).toBe(400);
    expect(many.body.fields.map((f: { field: string }) => f.field)).toContain('ids');
    const noTarget = await staff.post('/api/orders/bulk', { ids: [1], action: 'dispatch' });
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.fields).toEqual([{ field: 'target', message: '必填' }]);
    expect((await staff.post('/api/orders/bulk', { ids: [1], action: 'delete' })).status).toBe(400);
    expect((await staff.post('/api/orders/bulk', { ids: [], action: 'close' })).status).toBe(400);
  });

  it('is for dispatchers only', async () => {
    const a = await report();
    expect((await resident.post('/api/orders/bulk', { ids: [a], action: 'close' })).status).toBe(403);
  });
});
