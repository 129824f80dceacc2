import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { makeMember, makeUnit } from './testing.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
});
afterAll(() => t.close());

describe('unit-contact candidates (the console picker)', () => {
  it('lists unit-contact accounts of the subtree only, searchable, with the units they already speak for', async () => {
    const a1 = tree.streetA.communities[0]!;
    const b1 = tree.streetB.communities[0]!;
    const staff = await t.as(['communityStaff'], a1.community.id);
    const linked = await t.factory.account({
      roles: ['unitContact'],
      territoryId: a1.community.id,
      username: 'lc_linked',
    });
    const free = await t.factory.account({ roles: ['unitContact'], territoryId: a1.household.id, username: 'lc_free' });
    await t.factory.account({ roles: ['resident'], territoryId: a1.household.id, username: 'lc_resident' });
    await t.factory.account({ roles: ['unitContact'], territoryId: b1.community.id, username: 'lc_far' });
    const unit = await makeUnit(t.db, a1.community, '文亭共建单位', linked.id);

    const res = await staff.get('/api/orders/unit-contacts/candidates?q=lc_');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toBe(2);
    const byName = Object.fromEntries(
      (res.body.items as { username: string; units: unknown[] }[]).map((i) => [i.username, i.units]),
    );
    expect(byName).toEqual({ lc_linked: [{ id: unit.id, name: '文亭共建单位' }], lc_free: [] });
    const one = await staff.get('/api/orders/unit-contacts/candidates?q=LC_FREE');
    expect(one.body.items.map((i: { id: number }) => i.id)).toEqual([free.id]);
    expect((await staff.get('/api/orders/unit-contacts/candidates?q=x'.padEnd(140, 'x'))).status).toBe(400);
    const resident = await t.as(['resident'], a1.household.id);
    expect((await resident.get('/api/orders/unit-contacts/candidates')).status).toBe(403);
  });
});

describe('micro-wishes for a party member at home (the mobile tasks page)', () => {
  it('a member bound to a household sees and claims the open wishes of their own community, not of another', async () => {
    const a1 = tree.streetA.communities[0]!;
    const a2 = tree.streetA.communities[1]!;
    const staff = await t.as(['communityStaff'], a1.community.id);
    const staff2 = await t.as(['communityStaff'], a2.community.id);
    const resident = await t.as(['resident'], a1.household.id);
    const resident2 = await t.as(['resident'], a2.household.id);
    const member = await t.as(['partyMember'], a1.household.id);
    await makeMember(t.db, a1.community, '李党员', member.account.id);
    const wish = async (r: typeof resident, s: typeof staff, territoryId: number) => {
      const o = await r.post('/api/orders', {
        kind: 'microWish',
        category: 'elderly',
        title: '想要一副老花镜',
        territoryId,
      });
      expect(o.status, JSON.stringify(o.body)).toBe(201);
      expect((await s.post(`/api/orders/${o.body.id}/dispatch`, { target: 'open' })).status).toBe(200);
      return o.body.id as number;
    };
    const here = await wish(resident, staff, a1.household.id);
    const there = await wish(resident2, staff2, a2.household.id);
    const open = await member.get('/api/orders?kind=microWish&status=open');
    expect(open.body.items.map((o: { id: number }) => o.id)).toEqual([here]);
    expect((await member.get(`/api/orders/${there}`)).status).toBe(404);
    expect((await member.post(`/api/orders/${there}/claim`, {})).status).toBe(404);
    const claimed = await member.post(`/api/orders/${here}/claim`, {});
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'accepted', handler: { kind: 'member', member: { name: '李党员' } } });
    expect(
      (await member.get('/api/orders?inbox=mine&status=accepted,inProgress')).body.items.map(
        (o: { id: number }) => o.id,
      ),
    ).toContain(here);
    expect((await member.post(`/api/orders/${here}/resolve`, { note: '已送到老人家中' })).body.status).toBe('resolved');
  });
});
