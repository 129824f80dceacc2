import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { serviceOrders } from '../service-orders/schema.js';
import { makeUnit } from '../service-orders/testing.js';
import type { Dashboard, WorkCard } from './contract.js';

/** 我的工作 (issue 10 item 19): every count equals a hand count of this test's own records, for several roles. */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let staff: Signed, contact: Signed, streetAdmin: Signed, resident: Signed, residentB: Signed, staffB: Signed;
const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}
const report = async (who: Signed, territoryId: number) =>
  (await ok(
    who.post('/api/orders', { kind: 'problem', category: 'repair', title: '楼道灯坏了', territoryId }),
    201,
  )) as { id: number };
const count = (w: WorkCard, key: string) => w.counts.find((c) => c.key === key);
const rateOf = (w: WorkCard, key: string) => w.rates.find((c) => c.key === key);
/** The total of the console list a link opens: the same query against GET /api/orders. */
async function linkTotal(who: Signed, link: string): Promise<number> {
  const u = new URL(link, 'http://x');
  expect(u.pathname).toBe('/orders');
  const body = (await ok(who.get(`/api/orders?${u.searchParams.toString()}&pageSize=1`))) as { total: number };
  return body.total;
}

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  contact = await t.as(['unitContact'], A1().community.id);
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  resident = await t.as(['resident'], A1().household.id);
  residentB = await t.as(['resident'], B1().household.id);
  staffB = await t.as(['communityStaff'], B1().community.id);
  const unitId = (await makeUnit(t.db, A1().community, '城中物业', contact.account.id)).id;

  // A1: 3 left to dispatch; 2 dispatched to the staff member (1 accepted); 1 dispatched to the unit, accepted and
  // resolved and rated satisfied; 1 escalated to the street; 1 overdue. B1 (outside): 2 to dispatch.
  for (let i = 0; i < 3; i++) await report(resident, A1().household.id);
  const toStaff = [await report(resident, A1().household.id), await report(resident, A1().household.id)];
  for (const o of toStaff)
    await ok(staff.post(`/api/orders/${o.id}/dispatch`, { target: 'person', accountId: staff.account.id }));
  await ok(staff.post(`/api/orders/${toStaff[0]!.id}/accept`, {}));
  const toUnit = await report(resident, A1().household.id);
  await ok(staff.post(`/api/orders/${toUnit.id}/dispatch`, { target: 'unit', unitId }));
  await ok(contact.post(`/api/orders/${toUnit.id}/accept`, {}));
  await ok(contact.post(`/api/orders/${toUnit.id}/resolve`, { note: '已修好' }));
  await ok(resident.post(`/api/orders/${toUnit.id}/rate`, { rating: 'satisfied' }));
  const escalated = await report(resident, A1().household.id);
  await t.db
    .update(serviceOrders)
    .set({ escalatedToId: tree.streetA.street.id, escalationLevel: 'street' })
    .where(eq(serviceOrders.id, escalated.id));
  const late = await report(resident, A1().household.id);
  const past = new Date(t.clock.now().getTime() - 3_600_000);
  await t.db
    .update(serviceOrders)
    .set({ respondBy: past, resolveBy: past })
    .where(inArray(serviceOrders.id, [late.id]));
  for (let i = 0; i < 2; i++) await report(residentB, B1().household.id);
});
afterAll(() => t?.close());

describe('GET /api/dashboard/work', () => {
  it('community staff: to dispatch, to accept (mine), overdue, escalated, flags and the month’s rates', async () => {
    const w = (await ok(staff.get('/api/dashboard/work'))) as WorkCard;
    expect(w.territory.id).toBe(A1().community.id);
    // Submitted in A1: 3 + the escalated one + the overdue one (B1's two are outside).
    expect(count(w, 'toDispatch')?.count).toBe(5);
    // Dispatched to me and not yet accepted: one of the two (the unit's is not mine).
    expect(count(w, 'toAccept')?.count).toBe(1);
    expect(count(w, 'overdue')?.count).toBe(1);
    // Escalated to the street, not to the community.
    expect(count(w, 'escalated')?.count).toBe(0);
    // Every link lists exactly the records counted.
    for (const c of w.counts.filter((c) => c.key !== 'flags')) expect(await linkTotal(staff, c.link)).toBe(c.count);
    const flags = count(w, 'flags')!;
    expect(flags.link).toBe('/org-flags');
    const listed = (await ok(staff.get('/api/organizations/flags?pageSize=1'))) as { total: number };
    expect(flags.count).toBe(listed.total);
    // This month: 8 orders found; 2 accepted in time; 1 resolved; 1 rated, satisfied.
    expect(rateOf(w, 'responseRate')).toMatchObject({ numerator: 2, denominator: 8, value: 25 });
    expect(rateOf(w, 'resolutionRate')).toMatchObject({ numerator: 1, denominator: 8, value: 12.5 });
    expect(rateOf(w, 'satisfactionRate')).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    for (const r of w.rates) expect(await linkTotal(staff, r.link)).toBe(r.numerator);
  });

  it('a unit contact sees only what waits for their unit; a street admin what was escalated to the street', async () => {
    const c = (await ok(contact.get('/api/dashboard/work'))) as WorkCard;
    expect(c.counts.map((x) => x.key)).toEqual(['toAccept']);
    expect(count(c, 'toAccept')?.count).toBe(0); // the unit's order is accepted and resolved
    expect(c.rates).toEqual([]);

    const s = (await ok(streetAdmin.get('/api/dashboard/work'))) as WorkCard;
    expect(count(s, 'escalated')?.count).toBe(1);
    expect(count(s, 'toAccept')).toBeUndefined();
    // The street's subtree: A1's and A2's (none) orders; B1 lies in another street.
    expect(count(s, 'toDispatch')?.count).toBe(5);
    for (const x of s.counts.filter((x) => x.key !== 'flags'))
      expect(await linkTotal(streetAdmin, x.link)).toBe(x.count);

    const b = (await ok(staffB.get('/api/dashboard/work'))) as WorkCard;
    expect(count(b, 'toDispatch')?.count).toBe(2);
    expect(rateOf(b, 'responseRate')).toMatchObject({ numerator: 0, denominator: 2 });
  });

  it('the dashboard’s level below has a 社区直属 row, so the rows add up to the community’s figure', async () => {
    const A2 = tree.streetA.communities[1]!;
    const residentA2 = await t.as(['resident'], A2.household.id);
    const staffA2 = await t.as(['communityStaff'], A2.community.id);
    for (let i = 0; i < 2; i++) await report(residentA2, A2.household.id);
    for (let i = 0; i < 3; i++)
      await ok(
        staffA2.post('/api/orders', {
          kind: 'problem',
          category: 'repair',
          title: '社区门口路灯不亮',
          territoryId: A2.community.id,
          walkIn: { name: '王大爷' },
        }),
        201,
      );
    const d = (await ok(staffA2.get(`/api/dashboard?territoryId=${A2.community.id}&months=0`))) as Dashboard;
    const total = d.figures.find((f) => f.key === 'orders.found')!.amount.value;
    expect(total).toBe(5);
    const own = d.children.find((c) => c.direct)!;
    expect(own.territory.name).toBe('社区直属');
    expect(own.amounts['orders.found']?.value).toBe(3);
    expect(d.children.reduce((s, c) => s + (c.amounts['orders.found']?.value ?? 0), 0)).toBe(total);
    expect(own.drills['orders.found']).toContain('direct=true');
    expect(await linkTotal(staffA2, own.drills['orders.found']!)).toBe(3);
  });
});
