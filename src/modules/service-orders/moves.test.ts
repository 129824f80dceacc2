import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { makeMember } from './testing.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number } };
let staff: Signed, streetAdmin: Signed, resident: Signed, member: Signed, otherMember: Signed;
let memberId: number;
const A1 = () => tree.streetA.communities[0]!;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  resident = await t.as(['resident'], A1().household.id);
  member = await t.as(['partyMember'], A1().community.id);
  otherMember = await t.as(['partyMember'], A1().community.id);
  memberId = (await makeMember(t.db, A1().community, '王党员', member.account.id)).id;
  await makeMember(t.db, A1().community, '李党员', otherMember.account.id);
});
afterAll(() => t.close());

const movesOf = async (c: Client, id: number) => {
  const res = await c.get(`/api/orders/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.moves as string[];
};

describe('OrderDetail.moves: the buttons each viewer gets', () => {
  it('follows the status and who the viewer is, through the whole loop', async () => {
    const created = await resident.post('/api/orders', {
      kind: 'problem',
      category: 'repair',
      title: '水管漏水',
      territoryId: A1().household.id,
    });
    expect(created.status).toBe(201);
    const id: number = created.body.id;
    expect(created.body.moves).toEqual([]);
    // Escalation by decision (issue 10 item 3): the community may send a big matter straight up.
    expect(await movesOf(staff, id)).toEqual(['dispatch', 'escalate', 'cancel']);
    expect(await movesOf(streetAdmin, id)).toEqual(['dispatch', 'escalate', 'cancel']);

    const sent = await staff.post(`/api/orders/${id}/dispatch`, { target: 'member', memberId });
    // Community staff may act for the handler 代办, and reassign 改派 before acceptance (issue 10 item 2).
    expect(sent.body.moves).toEqual(['accept', 'return', 'reassign', 'escalate', 'cancel']);
    expect(await movesOf(member, id)).toEqual(['accept', 'return', 'escalate']);
    expect(await movesOf(streetAdmin, id)).toEqual(['reassign', 'escalate', 'cancel']);
    expect((await otherMember.get(`/api/orders/${id}`)).status).toBe(404);

    expect((await member.post(`/api/orders/${id}/accept`, {})).body.moves).toEqual([
      'start',
      'resolve',
      'return',
      'escalate',
    ]);
    expect((await member.post(`/api/orders/${id}/resolve`, { note: '已修好' })).body.moves).toEqual([]);
    expect(await movesOf(resident, id)).toEqual(['rate']);
    expect(await movesOf(staff, id)).toEqual([]);
    expect((await resident.post(`/api/orders/${id}/rate`, { rating: 'satisfied' })).body.moves).toEqual([]);
    expect(await movesOf(staff, id)).toEqual(['close']);
  });

  it('a micro-wish may be opened for claiming, then claimed by a party member', async () => {
    const created = await resident.post('/api/orders', {
      kind: 'microWish',
      category: 'elderly',
      title: '想要一副老花镜',
      territoryId: A1().household.id,
    });
    const id: number = created.body.id;
    expect(await movesOf(staff, id)).toEqual(['dispatch', 'open', 'escalate', 'cancel']);
    await staff.post(`/api/orders/${id}/dispatch`, { target: 'open' });
    expect(await movesOf(member, id)).toEqual(['claim']);
    expect(await movesOf(staff, id)).toEqual(['cancel']);
  });
});
