import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import { TEST_PASSWORD } from '../../test/factories.js';
import type { Client } from '../../test/http.js';
import { notifications } from '../notifications/schema.js';
import { placeWords, samePlaceWords } from './duplicates.service.js';
import { makeUnit } from './testing.js';

/** Duplicate reports and merging (issue 5 item 4), over HTTP. */
const HOUR = 3_600_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let staff: Signed, streetAdmin: Signed, r1: Signed, r2: Signed, r3: Signed, contact: Signed;
let unitId: number;
let household2: { id: number }, otherBuildingHousehold: { id: number };

const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;
/** A point in the community, and points about 111 m and 1.1 km north of it. */
const P = { lng: 101.755, lat: 36.615 };
const NEAR = { lng: 101.755, lat: 36.616 };
const FAR = { lng: 101.755, lat: 36.625 };

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  household2 = await t.factory.territory(A1().building.id, 'household', '102室');
  const building2 = await t.factory.territory(A1().compound.id, 'building', '2号楼');
  otherBuildingHousehold = await t.factory.territory(building2.id, 'household', '201室');
  staff = await t.as(['communityStaff'], A1().community.id);
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  r1 = await t.as(['resident'], A1().household.id);
  r2 = await t.as(['resident'], household2.id);
  r3 = await t.as(['resident'], otherBuildingHousehold.id);
  contact = await t.as(['unitContact'], A1().community.id);
  unitId = (await makeUnit(t.db, A1().community, '文亭物业', contact.account.id)).id;
});
afterAll(() => t.close());

interface Candidate {
  id: number;
  title: string;
  distanceMeters: number | null;
  ageHours: number;
}
async function report(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/orders', { kind: 'problem', category: 'repair', title: '路灯不亮', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; status: string; possibleDuplicates: Candidate[] };
}
const ids = (xs: { id: number }[]) => xs.map((x) => x.id);
async function relogin(...cs: Signed[]) {
  for (const c of cs) expect((await c.login(c.account.username, TEST_PASSWORD)).status).toBe(200);
}

describe('possible duplicates', () => {
  it('offers an open report of the same category nearby, with its distance; not a far one, another category or a closed one', async () => {
    const first = await report(r1, { title: '3号路灯不亮', location: P });
    expect(first.possibleDuplicates).toEqual([]);

    const near = await report(r2, { title: '小区门口路灯坏了', location: NEAR });
    expect(ids(near.possibleDuplicates)).toEqual([first.id]);
    expect(near.possibleDuplicates[0]).toMatchObject({ title: '3号路灯不亮', ageHours: 0 });
    expect(near.possibleDuplicates[0]!.distanceMeters).toBeGreaterThan(100);
    expect(near.possibleDuplicates[0]!.distanceMeters).toBeLessThan(120);

    const far = await report(r3, { title: '远处的路灯', location: FAR });
    expect(ids(far.possibleDuplicates)).not.toContain(first.id);
    const other = await report(r2, { category: 'environment', title: '垃圾没清运', location: P });
    expect(other.possibleDuplicates).toEqual([]);
    // A micro-wish is never a duplicate report.
    expect((await report(r2, { kind: 'microWish', title: '想要一盏台灯' })).possibleDuplicates).toEqual([]);

    // Closed (cancelled) reports are not offered.
    expect((await staff.post(`/api/orders/${first.id}/close`, { note: '误报' })).status).toBe(200);
    const after = await report(r3, { title: '路灯又不亮了', location: P });
    expect(ids(after.possibleDuplicates)).toEqual([near.id]);

    // The dispatcher's list for an order: the same candidates, nearest first.
    const d = await staff.get(`/api/orders/${after.id}/duplicates`);
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body).toMatchObject({ meters: 200, hours: 72 });
    expect(ids(d.body.items)).toEqual([near.id]);
    expect(d.body.items[0].distanceMeters).toBeGreaterThan(100);
    // Residents do not get the dispatcher's list.
    expect((await r3.get(`/api/orders/${after.id}/duplicates`)).status).toBe(403);
  });

  it('without a point, the same building counts as near; another building does not', async () => {
    const a = await report(r1, { category: 'greening', title: '楼前树枝挡窗' });
    const b = await report(r2, { category: 'greening', title: '树枝太长' });
    expect(b.possibleDuplicates).toEqual([expect.objectContaining({ id: a.id, distanceMeters: null })]);
    const c = await report(r3, { category: 'greening', title: '2号楼树枝' });
    expect(c.possibleDuplicates).toEqual([]);
  });

  it('without a point, same community and category alone is never a match; the place words of the texts are (issue 10 item 9)', async () => {
    // A report filed at the community itself (no building, no point) is "somewhere in the community": not near anything.
    const a = await report(r1, { category: 'property', title: '电梯停运' });
    const vague = await report(staff, {
      category: 'property',
      title: '居民反映电梯问题',
      territoryId: A1().community.id,
    });
    expect(ids(vague.possibleDuplicates)).not.toContain(a.id);
    expect(ids((await staff.get(`/api/orders/${a.id}/duplicates`)).body.items)).not.toContain(vague.id);
    // Another building, no point, but the texts name the same place: offered.
    const b = await report(r3, { category: 'property', title: '文亭巷小区1号楼电梯停运' });
    const c = await report(staff, {
      category: 'property',
      title: '1号楼电梯又坏了',
      description: '住户来电',
      territoryId: A1().community.id,
    });
    expect(ids(c.possibleDuplicates)).toContain(b.id);
    expect(ids(c.possibleDuplicates)).not.toContain(a.id);
    // With a point on one side only, the same rule: no place words in common, nothing offered.
    const d = await report(r2, { category: 'property', title: '电梯按钮失灵', location: P });
    expect(ids(d.possibleDuplicates)).toEqual([a.id]); // a: the same building (r1 and r2 live in it)
  });

  it('place words: numbered parts and named places, not generic words', () => {
    expect(placeWords('文亭巷小区3号楼2单元门口路灯坏了').sort()).toEqual(['2单元', '3号楼', '文亭巷'].sort());
    expect(placeWords('小区门口路灯不亮')).toEqual([]);
    expect(samePlaceWords('请到西关大街看看', '西关大街井盖松动')).toBe(true);
    expect(samePlaceWords('3号楼电梯', '5号楼电梯')).toBe(false);
    expect(samePlaceWords('路灯不亮', '路灯又不亮了')).toBe(false);
  });

  it('only within the time window', async () => {
    const a = await report(r1, { category: 'parking', title: '车辆堵住消防通道', location: P });
    t.clock.advance(73 * HOUR);
    await relogin(r2, staff);
    const b = await report(r2, { category: 'parking', title: '消防通道被占', location: P });
    expect(ids(b.possibleDuplicates)).not.toContain(a.id);
    expect(ids((await staff.get(`/api/orders/${b.id}/duplicates`)).body.items)).not.toContain(a.id);
    await relogin(r1, r3, contact, streetAdmin);
  });
});

describe('merging', () => {
  it('moves the duplicate to merged; its reporter follows the target, hears of it, and rates it once resolved', async () => {
    const target = await report(r1, { category: 'safety', title: '井盖松动', location: P });
    const dup = await report(r2, { category: 'safety', title: '井盖响', location: NEAR });
    expect(ids(dup.possibleDuplicates)).toEqual([target.id]);
    expect((await r2.get(`/api/orders/${target.id}`)).status).toBe(404);

    const m = await staff.post(`/api/orders/${dup.id}/merge`, { intoId: target.id });
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    expect(m.body).toMatchObject({
      id: target.id,
      status: 'submitted',
      coReporters: [{ account: { id: r2.account.id }, sourceOrderId: dup.id, rating: null }],
    });
    expect(m.body.timeline.at(-1)).toMatchObject({
      action: 'merge',
      data: { fromId: dup.id, coReporters: [r2.account.id] },
      actor: { id: staff.account.id },
    });

    const merged = (await r2.get(`/api/orders/${dup.id}`)).body;
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: target.id });
    expect(merged.timeline.at(-1)).toMatchObject({
      action: 'merge',
      fromStatus: 'submitted',
      toStatus: 'merged',
      data: { intoId: target.id },
    });
    // The co-reporter now sees the target (only their own co-reporter row), in their own list too; others do not.
    const seen = await r2.get(`/api/orders/${target.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.coReporters).toEqual([
      expect.objectContaining({ account: expect.objectContaining({ id: r2.account.id }) }),
    ]);
    expect(ids((await r2.get('/api/orders?inbox=mine')).body.items)).toEqual(
      expect.arrayContaining([target.id, dup.id]),
    );
    expect((await r3.get(`/api/orders/${target.id}`)).status).toBe(404);
    // Audited on both orders, and the co-reporter is told in-app.
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ['order.merge', 'order.mergeInto']));
    expect(audits.map((a) => `${a.action}:${a.objectId}`).sort()).toEqual(
      [`order.merge:${dup.id}`, `order.mergeInto:${target.id}`].sort(),
    );
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.accountId, r2.account.id), eq(notifications.kind, 'order.merged')));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ orderId: target.id, params: { title: '井盖响', into: '井盖松动' } });
    // A merged order is finished: no more candidates, no second merge.
    expect((await staff.get(`/api/orders/${dup.id}/duplicates`)).body.items).toEqual([]);
    expect((await staff.post(`/api/orders/${dup.id}/merge`, { intoId: target.id })).status).toBe(409);

    // Rating: not before it is resolved; then once, without moving the order; the reporter's rating moves it.
    expect((await r2.post(`/api/orders/${target.id}/rate`, { rating: 'satisfied' })).status).toBe(409);
    await staff.post(`/api/orders/${target.id}/dispatch`, { target: 'unit', unitId });
    await contact.post(`/api/orders/${target.id}/accept`, {});
    expect((await contact.post(`/api/orders/${target.id}/resolve`, { note: '已更换井盖' })).body.status).toBe(
      'resolved',
    );
    expect((await r2.get(`/api/orders/${target.id}`)).body.moves).toContain('rate');
    const co = await r2.post(`/api/orders/${target.id}/rate`, { rating: 'basic', comment: '还行' });
    expect(co.status, JSON.stringify(co.body)).toBe(200);
    expect(co.body).toMatchObject({
      status: 'resolved',
      rating: null,
      coReporters: [{ rating: 'basic', ratingComment: '还行' }],
    });
    expect(co.body.timeline.at(-1)).toMatchObject({
      action: 'rate',
      actor: { id: r2.account.id },
      data: { rating: 'basic', coReporter: true },
    });
    expect(co.body.moves).not.toContain('rate');
    expect((await r2.post(`/api/orders/${target.id}/rate`, { rating: 'satisfied' })).status).toBe(409);
    expect((await r1.post(`/api/orders/${target.id}/rate`, { rating: 'satisfied' })).body).toMatchObject({
      status: 'rated',
      rating: 'satisfied',
    });
    expect((await staff.get(`/api/orders/${target.id}`)).body.coReporters).toEqual([
      expect.objectContaining({ account: expect.objectContaining({ id: r2.account.id }), rating: 'basic' }),
    ]);
  });

  it('a chain: what was merged into a duplicate follows it into the target', async () => {
    const a = await report(r3, { category: 'neighbourhood', title: '噪音扰民' });
    const b = await report(r2, { category: 'neighbourhood', title: '深夜噪音' });
    const c = await report(r1, { category: 'neighbourhood', title: '楼上噪音' });
    expect((await staff.post(`/api/orders/${a.id}/merge`, { intoId: b.id })).status).toBe(200);
    const into = await staff.post(`/api/orders/${b.id}/merge`, { intoId: c.id });
    expect(into.status, JSON.stringify(into.body)).toBe(200);
    expect(into.body.coReporters.map((x: { account: { id: number } }) => x.account.id).sort()).toEqual(
      [r2.account.id, r3.account.id].sort(),
    );
    expect((await staff.get(`/api/orders/${a.id}`)).body.mergedIntoId).toBe(c.id);
    expect((await r3.get(`/api/orders/${c.id}`)).status).toBe(200);
  });

  it('refuses illegal merges: into itself, into a finished order, from a finished one, across communities, out of scope', async () => {
    const a = await report(r1, { category: 'property', title: '电梯停运' });
    const b = await report(r2, { category: 'property', title: '电梯坏了' });
    const self = await staff.post(`/api/orders/${a.id}/merge`, { intoId: a.id });
    expect(self.status).toBe(400);
    expect(self.body.fields).toEqual([{ field: 'intoId', message: '不能把工单合并到它自己' }]);
    expect((await staff.post(`/api/orders/${a.id}/merge`, {})).status).toBe(400);

    const closed = await report(r3, { category: 'property', title: '电梯异响' });
    await staff.post(`/api/orders/${closed.id}/close`, {});
    const intoClosed = await staff.post(`/api/orders/${a.id}/merge`, { intoId: closed.id });
    expect(intoClosed.status).toBe(409);
    // Closed before anyone took it: cancelled 作废 (issue 10 item 7), a finished order all the same.
    expect(intoClosed.body.message).toBe('目标工单「已作废」，只能合并到未办结的工单');
    const fromClosed = await staff.post(`/api/orders/${closed.id}/merge`, { intoId: a.id });
    expect(fromClosed.status).toBe(409);
    expect(fromClosed.body.message).toBe('工单当前状态为「已作废」，不能合并');

    // Another street's order: out of the caller's subtree, so it does not exist for them.
    const outsider = await t.as(['resident'], B1().household.id);
    const far = await report(outsider, { category: 'property', title: '乙街道电梯', territoryId: B1().household.id });
    expect((await staff.post(`/api/orders/${a.id}/merge`, { intoId: far.id })).status).toBe(404);
    expect((await staff.post(`/api/orders/${far.id}/merge`, { intoId: a.id })).status).toBe(404);
    expect((await streetAdmin.post(`/api/orders/${a.id}/merge`, { intoId: far.id })).status).toBe(404);
    // Another community of the street admin's own subtree: refused (a duplicate stays in its community).
    const resA2 = await t.as(['resident'], A2().household.id);
    const other = await report(resA2, { category: 'property', title: '二社区电梯', territoryId: A2().household.id });
    const across = await streetAdmin.post(`/api/orders/${a.id}/merge`, { intoId: other.id });
    expect(across.status).toBe(409);
    expect(across.body.message).toBe('只能合并同一社区、同一类型的工单');
    // Residents may not merge; nothing moved.
    expect((await r1.post(`/api/orders/${b.id}/merge`, { intoId: a.id })).status).toBe(403);
    expect((await staff.get(`/api/orders/${b.id}`)).body.status).toBe('submitted');
    // English texts.
    staff.lang = 'en-US';
    const en = await staff.post(`/api/orders/${a.id}/merge`, { intoId: closed.id });
    staff.lang = undefined;
    expect(en.status).toBe(409);
    expect(en.body.message).toBe('The target order is “cancelled”: merge only into an order not yet resolved');
  });
});

describe('figures after a merge', () => {
  it('count the problem once: the merged duplicate is left out of found, and of the drill-down (hand count)', async () => {
    const c = A2();
    const staff2 = await t.as(['communityStaff'], c.community.id);
    const res = await t.as(['resident'], c.household.id);
    const res2 = await t.as(['resident'], c.household.id);
    // The clock stands still: step past the orders of the tests above, so the period holds only this test's own.
    t.clock.advance(1000);
    const from = t.clock.now();
    const o1 = await report(res, { category: 'repair', title: '水管漏水', territoryId: c.household.id });
    const o2 = await report(res2, { category: 'repair', title: '楼道漏水', territoryId: c.household.id });
    const o3 = await report(res, { category: 'elderly', title: '需要助餐', territoryId: c.household.id });
    expect(ids(o2.possibleDuplicates)).toEqual([o1.id]);
    expect((await staff2.post(`/api/orders/${o2.id}/merge`, { intoId: o1.id })).status).toBe(200);
    await staff2.post(`/api/orders/${o1.id}/dispatch`, { target: 'person', accountId: staff2.account.id });
    await staff2.post(`/api/orders/${o1.id}/accept`, {});
    await staff2.post(`/api/orders/${o1.id}/resolve`, { note: '已修好' });
    await res2.post(`/api/orders/${o1.id}/rate`, { rating: 'satisfied' });
    await res.post(`/api/orders/${o1.id}/rate`, { rating: 'satisfied' });
    const to = new Date(t.clock.now().getTime() + 1000);
    const q = `territoryId=${c.community.id}&from=${from.toISOString()}&to=${to.toISOString()}`;
    const f = await staff2.get(`/api/orders/figures?${q}`);
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    // Hand count: 3 reports, one merged → found 2 (o1, o3); claimed 1 (o1); resolved 1 (o1); rated 1 satisfied.
    expect(f.body).toMatchObject({ found: 2, claimed: 1, resolved: 1, resolutionRate: 0.5, satisfactionRate: 1 });
    const listed = await staff2.get(`/api/orders?${new URLSearchParams(f.body.drill.found).toString()}`);
    expect(ids(listed.body.items).sort()).toEqual([o1.id, o3.id].sort());
    expect(ids((await staff2.get(`/api/orders?${q}&merged=true`)).body.items)).toEqual([o2.id]);
    // Without a period the figures come from the daily rollup: the merge took the duplicate out of it as well.
    // Hand count of this file's orders in 二社区: '二社区电梯' (refused merge test), o1, o3 = 3; o2 merged.
    const all = await staff2.get(`/api/orders/figures?territoryId=${c.community.id}`);
    expect(all.body).toMatchObject({ found: 3, resolved: 1 });
    const up = await streetAdmin.get(
      `/api/orders/figures?territoryId=${tree.streetA.street.id}&${q.replace(/^territoryId=\d+&/, '')}`,
    );
    expect(up.body.ranking.find((r: { territory: { id: number } }) => r.territory.id === c.community.id)).toMatchObject(
      { found: 2, resolved: 1 },
    );
  });
});
