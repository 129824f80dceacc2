import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { partyOrgs } from '../organizations/schema.js';
import { dualRegistrations, partyMembers } from '../party-members/schema.js';
import { residents } from '../people/schema.js';
import { serviceOrders } from './schema.js';
import { makeUnit } from './testing.js';

/**
 * Dispatch suggestions include people (issue 10 item 4): in-service party members dual-registered with the order's
 * community, ranked by nearness (their home), category skill (orders of the kind they finished) and load.
 */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let staff: Signed, resident: Signed;
const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const ids: Record<string, number> = {};

interface Item {
  source: string;
  score: number;
  label: string;
  detail?: string | null;
  target: { target: string; memberId?: number };
}

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  resident = await t.as(['resident'], A1().household.id);
  await makeUnit(t.db, A1().community, '文亭物业');
  // A unit's branch elsewhere (their workplace): the members' home branch.
  const [branch] = await t.db
    .insert(partyOrgs)
    .values({
      kind: 'branch',
      name: '市供电公司党支部',
      territoryId: A2().community.id,
      scopePath: A2().community.path,
    })
    .returning();
  const compoundHousehold = await t.factory.territory(
    (await t.factory.territory(A1().compound.id, 'building', '2号楼')).id,
    'household',
    '201室',
  );
  const member = async (
    name: string,
    home: { id: number; path: string } | null,
    status: string,
    communityId: number,
  ) => {
    const [r] = home
      ? await t.db.insert(residents).values({ name, householdId: home.id, scopePath: home.path }).returning()
      : [null];
    const [m] = await t.db
      .insert(partyMembers)
      .values({
        name,
        kind: 'inService',
        homeBranchId: branch!.id,
        territoryId: A2().community.id,
        scopePath: A2().community.path,
        residentId: r?.id ?? null,
      })
      .returning();
    const c = communityId === A1().community.id ? A1().community : A2().community;
    await t.db.insert(dualRegistrations).values({
      memberId: m!.id,
      communityId: c.id,
      communityPath: c.path,
      unitBranchId: branch!.id,
      status: status as 'confirmed',
      requestedAt: new Date(),
    });
    ids[name] = m!.id;
  };
  await member('甲同楼', A1().household, 'confirmed', A1().community.id);
  await member('乙同院', compoundHousehold, 'confirmed', A1().community.id);
  await member('丙远处', null, 'confirmed', A1().community.id);
  await member('丁别社区', null, 'confirmed', A2().community.id);
  await member('戊待确认', A1().household, 'pending', A1().community.id);
});
afterAll(() => t.close());

async function report(title = '楼道灯坏了') {
  const res = await resident.post('/api/orders', {
    kind: 'problem',
    category: 'repair',
    title,
    territoryId: A1().household.id,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}
const members = async (id: number) => {
  const res = await staff.get(`/api/orders/${id}/suggestions`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as Item[]).filter((i) => i.source === 'member');
};

describe('dispatch suggestions include people (issue 10 item 4)', () => {
  it('only confirmed registrations with this community, nearest first, with why; the order goes to the chosen one', async () => {
    const o = await report();
    const list = await members(o.id);
    expect(list.map((i) => i.label)).toEqual(['甲同楼', '乙同院', '丙远处']);
    expect(list.map((i) => i.score)).toEqual([85, 80, 70]);
    expect(list[0]!.detail).toBe('双报到在职党员 · 住同一楼栋 · 同类办结 0 件 · 在办 0 件');
    const d = await staff.post(`/api/orders/${o.id}/dispatch`, list[0]!.target);
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body).toMatchObject({ status: 'dispatched', handler: { kind: 'member', member: { id: ids['甲同楼'] } } });
  });

  it('load lowers a member, same-category orders done raise one', async () => {
    // 甲 now has one order in hand (above): 85 − 8 = 77, below 乙 (80).
    const o = await report('单元门锁坏了');
    expect((await members(o.id)).map((i) => `${i.label}:${i.score}`)).toEqual(['乙同院:80', '甲同楼:77', '丙远处:70']);
    // 丙 finishes two repair orders (recorded as done, satisfied): 70 + 2 × 5 = 80 … and ties break by name.
    for (const title of ['水管漏水', '窗户关不上']) {
      const x = await report(title);
      await staff.post(`/api/orders/${x.id}/dispatch`, { target: 'member', memberId: ids['丙远处'] });
      await t.db.update(serviceOrders).set({ status: 'rated', rating: 'satisfied' }).where(eq(serviceOrders.id, x.id));
    }
    const y = await report('楼梯扶手松了');
    const scores = Object.fromEntries((await members(y.id)).map((i) => [i.label, i.score]));
    expect(scores).toEqual({ 甲同楼: 77, 乙同院: 80, 丙远处: 80 });
  });
});
