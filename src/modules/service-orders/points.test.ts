import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { pointEntries } from '../volunteering/schema.js';
import { makeMember, makeUnit } from './testing.js';

/**
 * Party members' points come only from records (issue 10 item 10, decision 027): an order their handler-member saw
 * rated, a micro-wish they fulfilled — credited by the district's rule into the one ledger, once per order; the
 * member's figure is the ledger's sum and their page lists the entries.
 */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let staff: Signed, outsider: Signed, resident: Signed, member: Signed, contact: Signed;
let memberId: number, unitId: number;
const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  outsider = await t.as(['communityStaff'], B1().community.id);
  resident = await t.as(['resident'], A1().household.id);
  member = await t.as(['partyMember'], A1().community.id);
  contact = await t.as(['unitContact'], A1().community.id);
  memberId = (await makeMember(t.db, A1().community, '李积分', member.account.id)).id;
  unitId = (await makeUnit(t.db, A1().community, '文亭物业', contact.account.id)).id;
});
afterAll(() => t.close());

async function report(body: Record<string, unknown> = {}) {
  const res = await resident.post('/api/orders', {
    kind: 'problem',
    category: 'repair',
    title: '楼道灯坏了',
    territoryId: A1().household.id,
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}
const ledger = async () => (await staff.get(`/api/party-members/${memberId}/points`)).body;
const figure = async () => (await staff.get(`/api/party-members/${memberId}`)).body.points as number;

describe('points from the service loop (issue 10 item 10)', () => {
  it('a member handler earns the order rule once the order is rated satisfied — not on an unsatisfied rating', async () => {
    expect(await figure()).toBe(0);
    const o = await report();
    expect((await staff.post(`/api/orders/${o.id}/dispatch`, { target: 'member', memberId })).status).toBe(200);
    expect((await member.post(`/api/orders/${o.id}/accept`, {})).status).toBe(200);
    expect((await member.post(`/api/orders/${o.id}/resolve`, { note: '换了灯泡' })).status).toBe(200);
    // Unsatisfied: back to the member 重办, nothing earned.
    const unhappy = await resident.post(`/api/orders/${o.id}/rate`, { rating: 'unsatisfied' });
    expect(unhappy.body.status).toBe('inProgress');
    expect((await ledger()).entries).toEqual([]);
    expect((await member.post(`/api/orders/${o.id}/resolve`, { note: '换了灯具' })).status).toBe(200);
    expect((await resident.post(`/api/orders/${o.id}/rate`, { rating: 'satisfied' })).body.status).toBe('rated');
    const l = await ledger();
    expect(l.entries).toHaveLength(1);
    expect(l.entries[0]).toMatchObject({ source: 'orderDone', ref: `order:${o.id}`, points: 3, requested: 3 });
    expect(l.points).toBe(3);
    expect(await figure()).toBe(3);
    // Closing it earns nothing more.
    expect((await staff.post(`/api/orders/${o.id}/close`, {})).status).toBe(200);
    expect((await ledger()).entries).toHaveLength(1);
  });

  it('a micro-wish fulfilled earns the wish rule; the figure is the sum of the ledger', async () => {
    const w = await report({ kind: 'microWish', category: 'elderly', title: '想要一台收音机' });
    await staff.post(`/api/orders/${w.id}/dispatch`, { target: 'open' });
    expect((await member.post(`/api/orders/${w.id}/claim`, {})).body.status).toBe('accepted');
    await member.post(`/api/orders/${w.id}/resolve`, { note: '收音机已送到' });
    expect((await resident.post(`/api/orders/${w.id}/rate`, { rating: 'basic' })).body.status).toBe('rated');
    const l = await ledger();
    expect(l.entries[0]).toMatchObject({ source: 'wishClaimed', ref: `order:${w.id}`, points: 5 });
    const sum = l.entries.reduce((s: number, e: { points: number; status: string }) => s + e.points, 0);
    expect(l.points).toBe(sum);
    expect(await figure()).toBe(sum);
    const rows = await t.db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId));
    expect(rows.reduce((s, r) => s + r.points, 0)).toBe(sum);
  });

  it('an order a unit handled earns no member anything', async () => {
    const before = (await ledger()).entries.length;
    const o = await report();
    await staff.post(`/api/orders/${o.id}/dispatch`, { target: 'unit', unitId });
    await contact.post(`/api/orders/${o.id}/accept`, {});
    await contact.post(`/api/orders/${o.id}/resolve`, { note: '修好了' });
    expect((await resident.post(`/api/orders/${o.id}/rate`, { rating: 'satisfied' })).body.status).toBe('rated');
    expect((await ledger()).entries).toHaveLength(before);
    expect(
      await t.db
        .select()
        .from(pointEntries)
        .where(eq(pointEntries.ref, `order:${o.id}`)),
    ).toEqual([]);
  });

  it('staff of another community see neither the member nor their ledger', async () => {
    expect((await outsider.get(`/api/party-members/${memberId}/points`)).status).toBe(404);
  });
});
