import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import { TEST_PASSWORD } from '../../test/factories.js';
import type { Client } from '../../test/http.js';
import { notifications } from '../notifications/schema.js';
import { partyOrgs } from '../organizations/schema.js';
import { dualRegistrations, partyMembers } from '../party-members/schema.js';
import { makeMember, makeUnit } from './testing.js';

/**
 * The service loop as seed 003 practises it (issue 10 items 1–3, 5, 20): 单位下单, 改派, escalation by decision,
 * time limits that are the rule's, and the community hearing of new 点单 and unsatisfied ratings.
 */
const HOUR = 3_600_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let staff: Signed,
  streetAdmin: Signed,
  resident: Signed,
  contact: Signed,
  contact2: Signed,
  unitMember: Signed,
  registeredUnitMember: Signed,
  otherMember: Signed;
let unitId: number, unit2Id: number, unitMemberId: number, registeredId: number, otherMemberId: number;

const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  resident = await t.as(['resident'], A1().household.id);
  contact = await t.as(['unitContact'], A1().community.id);
  contact2 = await t.as(['unitContact'], A1().community.id);
  unitMember = await t.as(['partyMember'], A1().community.id);
  registeredUnitMember = await t.as(['partyMember'], B1().community.id);
  otherMember = await t.as(['partyMember'], A1().community.id);
  const unit = await makeUnit(t.db, A1().community, '文亭物业', contact.account.id);
  unitId = unit.id;
  unit2Id = (await makeUnit(t.db, A1().community, '城西供热站', contact2.account.id)).id;
  // The unit's own branch and an in-service member of it; another member of the unit, living elsewhere and
  // dual-registered with the community through the unit's branch; a member of no unit.
  const [branch] = await t.db
    .insert(partyOrgs)
    .values({
      kind: 'branch',
      name: '文亭物业党支部',
      territoryId: A1().community.id,
      scopePath: A1().community.path,
      unitId,
    })
    .returning();
  const [m] = await t.db
    .insert(partyMembers)
    .values({
      name: '李在职',
      kind: 'inService',
      homeBranchId: branch!.id,
      territoryId: A1().community.id,
      scopePath: A1().community.path,
      accountId: unitMember.account.id,
    })
    .returning();
  unitMemberId = m!.id;
  const reg = await makeMember(t.db, B1().community, '赵报到', registeredUnitMember.account.id);
  registeredId = reg.id;
  await t.db.insert(dualRegistrations).values({
    memberId: reg.id,
    communityId: A1().community.id,
    communityPath: A1().community.path,
    unitBranchId: branch!.id,
    status: 'confirmed',
    requestedAt: new Date(),
  });
  otherMemberId = (await makeMember(t.db, A1().community, '王无关', otherMember.account.id)).id;
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
  return res.body as { id: number; createdAt: string; respondBy: string };
}
async function dispatched(to = unitId) {
  const o = await report();
  const d = await staff.post(`/api/orders/${o.id}/dispatch`, { target: 'unit', unitId: to });
  expect(d.status, JSON.stringify(d.body)).toBe(200);
  return o;
}
/** Moving the clock by hours ends idle sessions: sign everyone in again. */
async function later(ms: number) {
  t.clock.advance(ms);
  for (const c of [staff, streetAdmin, resident, contact, contact2, unitMember, registeredUnitMember, otherMember])
    expect((await c.login(c.account.username, TEST_PASSWORD)).status).toBe(200);
}
const actions = (o: { timeline: { action: string }[] }) => o.timeline.map((e) => e.action);

describe('单位下单: the unit hands the order to one of its people (item 1)', () => {
  it('the contact lists the unit’s members (dual-registered or not) and staff, hands over, the member accepts', async () => {
    const o = await dispatched();
    const before = await contact.get(`/api/orders/${o.id}`);
    expect(before.body.moves).toContain('handOver');
    const cands = await contact.get(`/api/orders/${o.id}/hand-over-candidates`);
    expect(cands.status, JSON.stringify(cands.body)).toBe(200);
    expect(cands.body.members.map((m: { id: number }) => m.id).sort()).toEqual([unitMemberId, registeredId].sort());
    expect(cands.body.staff.map((s: { id: number }) => s.id)).toEqual([contact.account.id]);
    // Not yet the member's: they do not see it.
    expect((await unitMember.get(`/api/orders/${o.id}`)).status).toBe(404);

    const h = await contact.post(`/api/orders/${o.id}/hand-over`, { memberId: unitMemberId, note: '请李师傅处理' });
    expect(h.status, JSON.stringify(h.body)).toBe(200);
    expect(h.body).toMatchObject({
      status: 'dispatched',
      returnCount: 0,
      handler: { kind: 'unit', unit: { id: unitId }, member: { id: unitMemberId, name: '李在职' } },
    });
    expect(actions(h.body)).toEqual(['create', 'dispatch', 'handOver']);
    expect(h.body.timeline[2]).toMatchObject({ note: '请李师傅处理', actor: { id: contact.account.id } });

    // The member sees it, is told, and accepts it: they are its handler; the unit stays answerable.
    const mine = await unitMember.get('/api/orders?inbox=toAccept');
    expect(mine.body.items.map((x: { id: number }) => x.id)).toContain(o.id);
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.accountId, unitMember.account.id), eq(notifications.orderId, o.id)));
    expect(told.map((n) => n.kind)).toEqual(['order.assigned']);
    const a = await unitMember.post(`/api/orders/${o.id}/accept`, {});
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.status).toBe('accepted');
    const figures = await staff.get(`/api/orders/figures?territoryId=${A1().community.id}`);
    const row = figures.body.unitRanking.find((u: { unit: { id: number } }) => u.unit.id === unitId);
    expect(row).toMatchObject({ found: 1, claimed: 1 });
    const audited = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'order.handOver'), eq(auditLog.objectId, String(o.id))));
    expect(audited).toHaveLength(1);
  });

  it('hands over to a dual-registered member of the unit, or to a named staff account of it', async () => {
    const o = await dispatched();
    const h = await contact.post(`/api/orders/${o.id}/hand-over`, { memberId: registeredId });
    expect(h.body.handler).toMatchObject({ unit: { id: unitId }, member: { id: registeredId } });
    expect((await registeredUnitMember.post(`/api/orders/${o.id}/accept`, {})).body.status).toBe('accepted');
    const o2 = await dispatched();
    const s = await contact.post(`/api/orders/${o2.id}/hand-over`, { accountId: contact.account.id });
    expect(s.body.handler).toMatchObject({ unit: { id: unitId }, account: { id: contact.account.id } });
  });

  it('refuses a member of no unit, another unit’s contact and the community staff', async () => {
    const o = await dispatched();
    const bad = await contact.post(`/api/orders/${o.id}/hand-over`, { memberId: otherMemberId });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0]).toMatchObject({ field: 'memberId', message: '该党员不是本单位的在职党员' });
    expect((await contact.post(`/api/orders/${o.id}/hand-over`, {})).status).toBe(400);
    expect((await contact2.post(`/api/orders/${o.id}/hand-over`, { memberId: unitMemberId })).status).toBe(404);
    expect((await staff.post(`/api/orders/${o.id}/hand-over`, { memberId: unitMemberId })).status).toBe(403);
    await contact.post(`/api/orders/${o.id}/accept`, {});
    expect((await contact.post(`/api/orders/${o.id}/hand-over`, { memberId: unitMemberId })).status).toBe(409);
  });
});

describe('改派: reassignment without a 回退 (item 2)', () => {
  it('the community sends a dispatched order elsewhere with a reason; nobody’s return count moves', async () => {
    const o = await dispatched();
    expect((await staff.get(`/api/orders/${o.id}`)).body.moves).toContain('reassign');
    expect((await staff.post(`/api/orders/${o.id}/reassign`, { target: 'unit', unitId: unit2Id })).status).toBe(400);
    const r = await staff.post(`/api/orders/${o.id}/reassign`, {
      target: 'unit',
      unitId: unit2Id,
      reason: '供热问题由供热站处理',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'dispatched', returnCount: 0, handler: { unit: { id: unit2Id } } });
    expect(r.body.respondBy).toBe(o.respondBy);
    expect(actions(r.body)).toEqual(['create', 'dispatch', 'reassign']);
    expect(r.body.timeline[2]).toMatchObject({ note: '供热问题由供热站处理', data: { from: { unitId } } });
    expect((await contact.get(`/api/orders/${o.id}`)).status).toBe(404);
    expect((await contact2.get(`/api/orders/${o.id}`)).body.moves).toContain('accept');
    // The first unit carries nothing in the figures; the second is answerable.
    const figures = await staff.get(`/api/orders/figures?territoryId=${A1().community.id}`);
    const returned = figures.body.unitRanking.find((u: { unit: { id: number } }) => u.unit.id === unit2Id);
    expect(returned).toBeTruthy();

    // After acceptance only a 回退 or an escalation moves it.
    await contact2.post(`/api/orders/${o.id}/accept`, {});
    const late = await staff.post(`/api/orders/${o.id}/reassign`, { target: 'unit', unitId, reason: '再改' });
    expect(late.status).toBe(409);
    expect((await staff.get(`/api/orders/${o.id}`)).body.moves).not.toContain('reassign');
  });

  it('a handler cannot reassign', async () => {
    const o = await dispatched();
    expect(
      (await contact.post(`/api/orders/${o.id}/reassign`, { target: 'unit', unitId: unit2Id, reason: 'x' })).status,
    ).toBe(403);
  });
});

describe('escalation by decision: 四级分办 (item 3)', () => {
  it('the handler sends it up with a reason; the receiving level hands it down or takes it by dispatching', async () => {
    const o = await dispatched();
    await contact.post(`/api/orders/${o.id}/accept`, {});
    expect((await contact.get(`/api/orders/${o.id}`)).body.moves).toContain('escalate');
    expect((await contact.post(`/api/orders/${o.id}/escalate`, {})).status).toBe(400);
    const up = await contact.post(`/api/orders/${o.id}/escalate`, { reason: '涉及管网改造，超出物业能力' });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    // A household's matter goes to its compound first (小事不出小区); nobody's 回退 count moves.
    expect(up.body).toMatchObject({
      status: 'submitted',
      handler: null,
      returnCount: 0,
      escalationLevel: 'compound',
      escalatedTo: { id: A1().compound.id },
    });
    // The community (above the compound) decides for it now and sends it on to the street (大事不出社区 failed).
    const c = await staff.post(`/api/orders/${o.id}/escalate`, { reason: '需街道协调燃气公司' });
    expect(c.body).toMatchObject({ escalationLevel: 'street', escalatedTo: { id: tree.streetA.street.id } });
    const inbox = await streetAdmin.get('/api/orders?inbox=escalated');
    expect(inbox.body.items.map((x: { id: number }) => x.id)).toContain(o.id);
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.accountId, streetAdmin.account.id), eq(notifications.orderId, o.id)));
    expect(told.map((n) => n.kind)).toContain('order.sentUp');
    // Now the community may no longer hand it down or reassign it: the street decides.
    const seenByCommunity = await staff.get(`/api/orders/${o.id}`);
    expect(seenByCommunity.body.moves).not.toContain('handDown');
    expect((await staff.post(`/api/orders/${o.id}/hand-down`, { reason: 'x' })).status).toBe(403);
    expect((await streetAdmin.get(`/api/orders/${o.id}`)).body.moves).toEqual(
      expect.arrayContaining(['dispatch', 'escalate', 'handDown']),
    );
    const down = await streetAdmin.post(`/api/orders/${o.id}/hand-down`, { reason: '请社区先与物业协商' });
    expect(down.status, JSON.stringify(down.body)).toBe(200);
    expect(down.body).toMatchObject({ status: 'submitted', escalationLevel: 'community' });
    expect(actions(down.body)).toEqual(['create', 'dispatch', 'accept', 'escalate', 'escalate', 'handDown']);
    // The street can also take it: it dispatches it itself.
    await staff.post(`/api/orders/${o.id}/escalate`, { reason: '协商未果' });
    const take = await streetAdmin.post(`/api/orders/${o.id}/dispatch`, {
      target: 'department',
      department: '街道城建办',
    });
    expect(take.body).toMatchObject({
      status: 'dispatched',
      handler: { kind: 'department', department: '街道城建办' },
    });
    const audited = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'order.escalate'), eq(auditLog.objectId, String(o.id))));
    expect(audited).toHaveLength(3);
  });

  it('a resident cannot escalate; a stranger handler sees nothing', async () => {
    const o = await dispatched();
    expect((await resident.post(`/api/orders/${o.id}/escalate`, { reason: '快点' })).status).toBe(403);
    expect((await contact2.post(`/api/orders/${o.id}/escalate`, { reason: 'x' })).status).toBe(404);
  });
});

describe('time limits are the rule’s (item 5)', () => {
  it('changing a limit at dispatch needs a reason, is audited, and counts from the order’s creation', async () => {
    const o = await report();
    const noReason = await staff.post(`/api/orders/${o.id}/dispatch`, { target: 'unit', unitId, respondHours: 48 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields[0]).toMatchObject({ field: 'deadlineReason', message: '修改时限须填写理由' });
    await later(2 * HOUR);
    const d = await staff.post(`/api/orders/${o.id}/dispatch`, {
      target: 'unit',
      unitId,
      respondHours: 48,
      deadlineReason: '春节假期，单位值班人员少',
    });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(new Date(d.body.respondBy).getTime()).toBe(new Date(o.createdAt).getTime() + 48 * HOUR);
    expect(d.body.timeline[1].data).toMatchObject({
      deadline: { reason: '春节假期，单位值班人员少', before: { respondHours: 24 }, after: { respondHours: 48 } },
    });
    const [a] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'order.dispatch'), eq(auditLog.objectId, String(o.id))));
    expect(JSON.stringify(a!.after)).toContain('春节假期');
  });

  it('a late response cannot be turned into an on-time one', async () => {
    const o = await report();
    await later(25 * HOUR);
    const d = await staff.post(`/api/orders/${o.id}/dispatch`, {
      target: 'unit',
      unitId,
      respondHours: 72,
      deadlineReason: '补派',
    });
    expect(d.status).toBe(400);
    expect(d.body.fields[0]).toMatchObject({ field: 'respondHours' });
    // Dispatched at the rule's limits, the response is late: the response-rate drill-down does not list it.
    const ok = await staff.post(`/api/orders/${o.id}/dispatch`, { target: 'unit', unitId });
    expect(ok.body.respondBy).toBe(o.respondBy);
    await contact.post(`/api/orders/${o.id}/accept`, {});
    const onTime = await staff.get(
      `/api/orders?respondedOnTime=true&q=${encodeURIComponent('楼道灯坏了')}&pageSize=100`,
    );
    expect(onTime.body.items.map((x: { id: number }) => x.id)).not.toContain(o.id);
  });
});

describe('the community hears of new 点单 and unsatisfied ratings (item 20)', () => {
  it('in-app, to the community’s staff', async () => {
    const o = await dispatched();
    const kinds = async () =>
      (
        await t.db
          .select()
          .from(notifications)
          .where(and(eq(notifications.accountId, staff.account.id), eq(notifications.orderId, o.id)))
      ).map((n) => n.kind);
    expect(await kinds()).toEqual(['order.placed']);
    await contact.post(`/api/orders/${o.id}/accept`, {});
    await contact.post(`/api/orders/${o.id}/resolve`, { note: '已修' });
    await resident.post(`/api/orders/${o.id}/rate`, { rating: 'unsatisfied', comment: '还是不亮' });
    expect((await kinds()).sort()).toEqual(['order.placed', 'order.unsatisfied']);
  });
});
