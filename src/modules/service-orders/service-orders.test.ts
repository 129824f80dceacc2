import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import { TEST_PASSWORD } from '../../test/factories.js';
import type { Client } from '../../test/http.js';
import { grids } from '../grids/schema.js';
import { dualRegistrations } from '../party-members/schema.js';
import { orderEvents } from './schema.js';
import { startScheduler, tick } from './scheduler.js';
import { makeMember, makeUnit } from './testing.js';

const HOUR = 3_600_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let staff: Signed,
  resident: Signed,
  resident2: Signed,
  contact: Signed,
  contact2: Signed,
  member: Signed,
  farMember: Signed,
  registeredMember: Signed,
  streetAdmin: Signed;
let unitId: number, unit2Id: number, memberId: number;

const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  resident = await t.as(['resident'], A1().household.id);
  resident2 = await t.as(['resident'], A1().household.id);
  contact = await t.as(['unitContact'], A1().community.id);
  contact2 = await t.as(['unitContact'], A1().community.id);
  member = await t.as(['partyMember'], A1().community.id);
  farMember = await t.as(['partyMember'], B1().community.id);
  registeredMember = await t.as(['partyMember'], B1().community.id);
  unitId = (await makeUnit(t.db, A1().community, '文亭物业', contact.account.id)).id;
  unit2Id = (await makeUnit(t.db, A1().community, '另一家单位', contact2.account.id)).id;
  memberId = (await makeMember(t.db, A1().community, '王党员', member.account.id)).id;
  await makeMember(t.db, B1().community, '远方党员', farMember.account.id);
  const reg = await makeMember(t.db, B1().community, '在职党员', registeredMember.account.id);
  await t.db.insert(dualRegistrations).values({
    memberId: reg.id,
    communityId: A1().community.id,
    communityPath: A1().community.path,
    status: 'confirmed',
    requestedAt: new Date(),
  });
});
afterAll(() => t.close());

async function report(c: Client = resident, body: Record<string, unknown> = {}) {
  const res = await c.post('/api/orders', {
    kind: 'problem',
    category: 'repair',
    title: '楼道灯坏了',
    description: '三楼楼道灯不亮',
    territoryId: A1().household.id,
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; status: string };
}
/** Moving the clock by hours ends idle sessions: sign the clients in again. */
async function relogin(...cs: Signed[]) {
  for (const c of cs) expect((await c.login(c.account.username, TEST_PASSWORD)).status).toBe(200);
}
const actions = (o: { timeline: { action: string }[] }) => o.timeline.map((e) => e.action);

describe('problem report: the whole loop over HTTP', () => {
  it('resident → dispatch to a unit → accept → start → resolve → rate → close, on the timeline and audited', async () => {
    const order = await report();
    expect(order).toMatchObject({
      status: 'submitted',
      kind: 'problem',
      community: { id: A1().community.id },
      reporter: { id: resident.account.id },
    });

    const inbox = await staff.get('/api/orders?inbox=toDispatch');
    expect(inbox.body.items.map((o: { id: number }) => o.id)).toContain(order.id);
    // Another resident of the same household, and a unit the order was not sent to, see nothing of it.
    expect((await resident2.get(`/api/orders/${order.id}`)).status).toBe(404);
    expect((await resident2.get('/api/orders')).body.total).toBe(0);
    expect((await contact.get(`/api/orders/${order.id}`)).status).toBe(404);

    const d = await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'unit', unitId, note: '请物业处理' });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body).toMatchObject({
      status: 'dispatched',
      handler: { kind: 'unit', unit: { id: unitId, name: '文亭物业' } },
    });
    expect((await contact2.get(`/api/orders/${order.id}`)).status).toBe(404);
    const toAccept = await contact.get('/api/orders?inbox=toAccept');
    expect(toAccept.body.items.map((o: { id: number }) => o.id)).toEqual([order.id]);

    expect((await contact.post(`/api/orders/${order.id}/accept`, {})).body.status).toBe('accepted');
    expect((await contact.post(`/api/orders/${order.id}/start`, { note: '已到现场' })).body.status).toBe('inProgress');
    const resolved = await contact.post(`/api/orders/${order.id}/resolve`, { note: '已更换灯泡' });
    expect(resolved.body).toMatchObject({ status: 'resolved' });
    const rated = await resident.post(`/api/orders/${order.id}/rate`, { rating: 'satisfied', comment: '很快' });
    expect(rated.body).toMatchObject({ status: 'rated', rating: 'satisfied', ratingComment: '很快' });
    const closed = await staff.post(`/api/orders/${order.id}/close`, {});
    expect(closed.body.status).toBe('closed');
    expect(actions(closed.body)).toEqual(['create', 'dispatch', 'accept', 'start', 'resolve', 'rate', 'close']);
    expect(closed.body.timeline[4]).toMatchObject({
      fromStatus: 'inProgress',
      toStatus: 'resolved',
      note: '已更换灯泡',
      actor: { id: contact.account.id },
    });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'serviceOrder'), eq(auditLog.objectId, String(order.id))));
    expect(audits.map((a) => a.action).sort()).toEqual([
      'order.accept',
      'order.close',
      'order.create',
      'order.dispatch',
      'order.rate',
      'order.resolve',
      'order.start',
    ]);
    // The resident's own list has it; a street admin sees it through the scope.
    expect((await resident.get('/api/orders?inbox=mine')).body.items.map((o: { id: number }) => o.id)).toContain(
      order.id,
    );
    expect((await streetAdmin.get(`/api/orders/${order.id}`)).status).toBe(200);
  });
});

describe('the create answer', () => {
  it('is the order exactly as GET /api/orders/:id shows it to the reporter, plus the possible duplicates', async () => {
    const cases: [Signed, Record<string, unknown>][] = [
      [resident, {}],
      [staff, {}],
    ];
    for (const [who, body] of cases) {
      const res = await who.post('/api/orders', {
        kind: 'problem',
        category: 'environment',
        title: '垃圾未清运',
        territoryId: A1().household.id,
        ...body,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const { possibleDuplicates, ...created } = res.body;
      expect(Array.isArray(possibleDuplicates)).toBe(true);
      const shown = await who.get(`/api/orders/${created.id}`);
      expect(created).toEqual(shown.body);
      expect(actions(created)).toEqual(['create']);
      if (who === staff) expect(created.moves).toContain('dispatch');
    }
  });
});

describe('menu service', () => {
  it('from the community menu, dispatched to a party member who resolves it', async () => {
    const item = await staff.post('/api/orders/menu', {
      communityId: A1().community.id,
      name: '代买代送',
      category: 'elderly',
      description: '为独居老人代买生活用品',
    });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    const menu = await resident.get('/api/orders/menu');
    expect(menu.body.items.map((i: { id: number }) => i.id)).toContain(item.body.id);
    const bad = await resident.post('/api/orders', {
      kind: 'menuService',
      category: 'elderly',
      title: '代买',
      territoryId: A1().household.id,
    });
    expect(bad.status).toBe(400);
    const order = await report(resident, {
      kind: 'menuService',
      category: 'other',
      title: '请帮忙代买米面油',
      menuItemId: item.body.id,
    });
    const detail = await resident.get(`/api/orders/${order.id}`);
    expect(detail.body).toMatchObject({ kind: 'menuService', category: 'elderly', menuItemId: item.body.id });
    expect(
      (await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'member', memberId })).body.handler,
    ).toMatchObject({ kind: 'member', member: { id: memberId } });
    expect((await member.post(`/api/orders/${order.id}/accept`, {})).status).toBe(200);
    expect((await member.post(`/api/orders/${order.id}/resolve`, { note: '已送到' })).body.status).toBe('resolved');
    expect((await resident.post(`/api/orders/${order.id}/rate`, { rating: 'basic' })).body.status).toBe('rated');
    expect((await staff.post(`/api/orders/${order.id}/close`, {})).body.status).toBe('closed');
  });
});

describe('micro-wish', () => {
  it('opened for claiming, seen by members living or registered in the community, claimed, resolved, rated', async () => {
    const order = await report(resident, { kind: 'microWish', category: 'elderly', title: '想要一台收音机' });
    // A problem cannot be opened for claiming.
    const p = await report();
    const notWish = await staff.post(`/api/orders/${p.id}/dispatch`, { target: 'open' });
    expect(notWish.status).toBe(409);
    expect((await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'open' })).body.status).toBe('open');
    const seen = (c: Client) =>
      c.get('/api/orders?inbox=toAccept').then((r) => r.body.items.map((o: { id: number }) => o.id));
    expect(await seen(member)).toContain(order.id);
    expect(await seen(registeredMember)).toContain(order.id);
    expect(await seen(farMember)).not.toContain(order.id);
    expect((await farMember.get(`/api/orders/${order.id}`)).status).toBe(404);
    const claimed = await member.post(`/api/orders/${order.id}/claim`, {});
    expect(claimed.body).toMatchObject({ status: 'accepted', handler: { kind: 'member', member: { id: memberId } } });
    // Once claimed it is no longer open: the registered member no longer sees it.
    expect((await registeredMember.get(`/api/orders/${order.id}`)).status).toBe(404);
    expect((await member.post(`/api/orders/${order.id}/claim`, {})).status).toBe(409);
    expect((await member.post(`/api/orders/${order.id}/resolve`, { note: '收音机已送到' })).body.status).toBe(
      'resolved',
    );
    expect((await resident.post(`/api/orders/${order.id}/rate`, { rating: 'satisfied' })).body.status).toBe('rated');
    const closed = await staff.post(`/api/orders/${order.id}/close`, {});
    expect(actions(closed.body)).toEqual(['create', 'open', 'claim', 'resolve', 'rate', 'close']);
  });

  it('a unit contact claims for their unit', async () => {
    const order = await report(resident, { kind: 'microWish', category: 'other', title: '需要一个书架' });
    await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'open' });
    const claimed = await contact2.post(`/api/orders/${order.id}/claim`, {});
    expect(claimed.body).toMatchObject({ status: 'accepted', handler: { kind: 'unit', unit: { id: unit2Id } } });
  });
});

describe('illegal moves and who may move', () => {
  it('refuses moves the transition table does not allow, with a clear message', async () => {
    const order = await report();
    const zh = await contact.post(`/api/orders/${order.id}/accept`, {});
    expect(zh.status).toBe(404); // not sent to them: not even visible
    const early = await staff.post(`/api/orders/${order.id}/accept`, {});
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('工单当前状态为「待派单」，不能接单');
    const rate = await resident.post(`/api/orders/${order.id}/rate`, { rating: 'satisfied' });
    expect(rate.status).toBe(409);
    await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'unit', unitId });
    expect((await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'unit', unitId })).status).toBe(409);
    expect((await contact.post(`/api/orders/${order.id}/resolve`, { note: 'x' })).status).toBe(409);
    const en = await contact.request('POST', `/api/orders/${order.id}/start`, {});
    expect(en.status).toBe(409);
    expect((await staff.post(`/api/orders/${order.id}/close`, {})).status).toBe(409);
    // The handler's unit contact may work on it; the other reporter may not rate it.
    await contact.post(`/api/orders/${order.id}/accept`, {});
    await contact.post(`/api/orders/${order.id}/resolve`, { note: '修好了' });
    expect((await resident2.post(`/api/orders/${order.id}/rate`, { rating: 'satisfied' })).status).toBe(404);
    expect((await resident.post(`/api/orders/${order.id}/rate`, { rating: 'nope' })).status).toBe(400);
  });

  it('an order outside the caller’s area answers 404', async () => {
    const outsider = await t.as(['resident'], B1().household.id);
    const res = await outsider.post('/api/orders', {
      kind: 'problem',
      category: 'repair',
      title: '乙街道问题',
      territoryId: B1().household.id,
    });
    expect(res.status).toBe(201);
    expect((await staff.get(`/api/orders/${res.body.id}`)).status).toBe(404);
    expect((await staff.post(`/api/orders/${res.body.id}/dispatch`, { target: 'unit', unitId })).status).toBe(404);
    expect(
      (
        await resident.post('/api/orders', {
          kind: 'problem',
          category: 'repair',
          title: 'x',
          territoryId: B1().household.id,
        })
      ).status,
    ).toBe(404);
  });
});

describe('reopen and return', () => {
  it('unsatisfied reopens the order for the same handler and counts against them', async () => {
    const order = await report();
    await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'unit', unitId });
    await contact.post(`/api/orders/${order.id}/accept`, {});
    await contact.post(`/api/orders/${order.id}/resolve`, { note: '处理了' });
    const reopened = await resident.post(`/api/orders/${order.id}/rate`, {
      rating: 'unsatisfied',
      comment: '灯还是不亮',
    });
    expect(reopened.body).toMatchObject({
      status: 'inProgress',
      reopenCount: 1,
      rating: 'unsatisfied',
      resolvedAt: null,
      handler: { unit: { id: unitId } },
    });
    expect(actions(reopened.body).at(-1)).toBe('reopen');
    await contact.post(`/api/orders/${order.id}/resolve`, { note: '换了整套灯具' });
    const ok = await resident.post(`/api/orders/${order.id}/rate`, { rating: 'satisfied' });
    expect(ok.body).toMatchObject({ status: 'rated', reopenCount: 1, rating: 'satisfied' });
  });

  it('a handler returns the order with a reason to the dispatcher', async () => {
    const order = await report();
    await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'unit', unitId });
    expect((await contact.post(`/api/orders/${order.id}/return`, {})).status).toBe(400);
    const back = await contact.post(`/api/orders/${order.id}/return`, { reason: '不属于物业管辖' });
    expect(back.body).toMatchObject({ status: 'submitted', handler: null, returnCount: 1 });
    expect(back.body.timeline.at(-1)).toMatchObject({
      action: 'return',
      note: '不属于物业管辖',
      fromStatus: 'dispatched',
      toStatus: 'submitted',
    });
    // Gone from the unit's view, back in the dispatcher's inbox.
    expect((await contact.get(`/api/orders/${order.id}`)).status).toBe(404);
    expect((await staff.get('/api/orders?inbox=toDispatch')).body.items.map((o: { id: number }) => o.id)).toContain(
      order.id,
    );
  });
});

describe('unit contacts', () => {
  it('links a unit-contact account to a unit, after which it sees what is sent there', async () => {
    const fresh = await t.as(['unitContact'], A1().community.id);
    const u = await makeUnit(t.db, A1().community, '新共建单位');
    expect(
      (await staff.post('/api/orders/unit-contacts', { accountId: resident.account.id, unitId: u.id })).status,
    ).toBe(400);
    const linked = await staff.post('/api/orders/unit-contacts', { accountId: fresh.account.id, unitId: u.id });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    expect((await staff.get(`/api/orders/unit-contacts?unitId=${u.id}`)).body.items).toEqual([linked.body]);
    const order = await report();
    await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'unit', unitId: u.id });
    expect((await fresh.get(`/api/orders/${order.id}`)).status).toBe(200);
    expect((await staff.delete(`/api/orders/unit-contacts/${fresh.account.id}/${u.id}`)).status).toBe(204);
    expect((await fresh.get(`/api/orders/${order.id}`)).status).toBe(404);
  });
});

describe('routing', () => {
  it('a located problem finds its grid and community; rules and the grid feed the suggestions', async () => {
    const c = A1().community;
    const [g] = await t.db
      .insert(grids)
      .values({
        communityId: c.id,
        scopePath: c.path,
        kind: 'basic',
        name: '一网格',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [101.75, 36.61],
              [101.76, 36.61],
              [101.76, 36.62],
              [101.75, 36.62],
              [101.75, 36.61],
            ],
          ],
        },
        minLng: 101.75,
        minLat: 36.61,
        maxLng: 101.76,
        maxLat: 36.62,
      })
      .returning();
    const rule = await staff.post('/api/orders/rules', {
      communityId: c.id,
      category: 'parking',
      handlerKind: 'unit',
      unitId,
      respondHours: 4,
      resolveHours: 24,
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    expect(
      (
        await staff.post('/api/orders/rules', {
          communityId: c.id,
          category: 'parking',
          handlerKind: 'unit',
          respondHours: 4,
          resolveHours: 2,
        })
      ).body.fields.map((f: { field: string }) => f.field),
    ).toEqual(['unitId', 'resolveHours']);
    const res = await resident.post('/api/orders', {
      kind: 'problem',
      category: 'parking',
      title: '车辆乱停',
      location: { lng: 101.755, lat: 36.615, address: '文亭巷 3 号' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      community: { id: c.id },
      territory: { id: c.id },
      gridId: g!.id,
      location: { lng: 101.755, lat: 36.615 },
    });
    expect(new Date(res.body.respondBy).getTime() - new Date(res.body.createdAt).getTime()).toBe(4 * HOUR);
    const { possibleDuplicates: _d, ...created } = res.body;
    expect(created).toEqual((await resident.get(`/api/orders/${res.body.id}`)).body);
    const s = await staff.get(`/api/orders/${res.body.id}/suggestions`);
    expect(s.status).toBe(200);
    expect(s.body.items[0]).toMatchObject({
      source: 'rule',
      target: { target: 'unit', unitId },
      respondHours: 4,
      resolveHours: 24,
    });
    expect(s.body.items.some((i: { source: string }) => i.source === 'unit')).toBe(true);
    // The dispatcher may override the suggestion.
    expect(
      (await staff.post(`/api/orders/${res.body.id}/dispatch`, { target: 'unit', unitId: unit2Id })).body.handler.unit
        .id,
    ).toBe(unit2Id);
    expect((await staff.get('/api/orders/rules')).body.items.map((r: { id: number }) => r.id)).toContain(rule.body.id);
    expect((await staff.patch(`/api/orders/rules/${rule.body.id}`, { respondHours: 6 })).body.respondHours).toBe(6);
    expect((await staff.delete(`/api/orders/rules/${rule.body.id}`)).status).toBe(204);
  });
});

describe('time limits and escalation', () => {
  it('reminds before the deadline, then escalates building → compound → community → street → district', async () => {
    const c = A1().community;
    await staff.post('/api/orders/rules', {
      communityId: c.id,
      category: 'safety',
      handlerKind: 'department',
      department: '应急办',
      respondHours: 2,
      resolveHours: 8,
    });
    const order = await report(resident, { category: 'safety', title: '消防通道堵塞' });
    await tick(t.db, t.clock); // nothing due yet
    t.clock.advance(1.6 * HOUR);
    expect(await tick(t.db, t.clock)).toMatchObject({ reminded: 1 });
    t.clock.advance(0.5 * HOUR);
    expect((await tick(t.db, t.clock)).escalated).toBeGreaterThanOrEqual(1);
    await relogin(staff, streetAdmin);
    let o = (await staff.get(`/api/orders/${order.id}`)).body;
    expect(o).toMatchObject({ escalationLevel: 'compound', escalatedTo: { id: A1().compound.id }, overdue: true });
    const compoundStaff = await t.as(['communityStaff'], A1().compound.id);
    expect(
      (await compoundStaff.get('/api/orders?inbox=escalated')).body.items.map((x: { id: number }) => x.id),
    ).toContain(order.id);
    expect((await staff.get('/api/orders?inbox=overdue')).body.items.map((x: { id: number }) => x.id)).toContain(
      order.id,
    );
    for (const level of ['community', 'street', 'district']) {
      t.clock.advance(2.1 * HOUR);
      await tick(t.db, t.clock);
      await relogin(staff, streetAdmin);
      o = (await staff.get(`/api/orders/${order.id}`)).body;
      expect(o.escalationLevel).toBe(level);
    }
    expect(
      (await streetAdmin.get('/api/orders?inbox=escalated')).body.items.map((x: { id: number }) => x.id),
    ).not.toContain(order.id);
    t.clock.advance(10 * HOUR);
    await tick(t.db, t.clock);
    await relogin(staff, streetAdmin);
    o = (await staff.get(`/api/orders/${order.id}`)).body;
    expect(actions(o).filter((a: string) => a === 'escalate')).toHaveLength(4);
    expect(actions(o)).toContain('remind');
    expect(o.timeline.find((e: { action: string }) => e.action === 'escalate').data).toMatchObject({
      level: 'compound',
      territoryId: A1().compound.id,
    });
    // Once resolved, nothing more happens to it.
    await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'department', department: '应急办' });
    await staff.post(`/api/orders/${order.id}/accept`, {});
    await staff.post(`/api/orders/${order.id}/resolve`, { note: '已清理' });
    t.clock.advance(100 * HOUR);
    await tick(t.db, t.clock);
    await relogin(staff);
    expect(
      actions((await staff.get(`/api/orders/${order.id}`)).body).filter((a: string) => a === 'escalate'),
    ).toHaveLength(4);
  });
});

describe('scheduler safety', () => {
  it('two passes at once escalate an overdue order once (FOR UPDATE SKIP LOCKED)', async () => {
    await relogin(resident, staff);
    const order = await report(resident, { title: '并发测试' });
    t.clock.advance(25 * HOUR);
    const [a, b] = await Promise.all([tick(t.db, t.clock), tick(t.db, t.clock)]);
    expect(a.escalated + b.escalated).toBeGreaterThanOrEqual(1);
    await relogin(staff);
    const o = (await staff.get(`/api/orders/${order.id}`)).body;
    expect(actions(o).filter((x: string) => x === 'escalate')).toHaveLength(1);
    expect(o.escalationLevel).toBe('compound');
  });
});

describe('figures', () => {
  it('match a hand count of the test’s own orders, and each drill-down lists the orders behind it', async () => {
    const c = A2();
    const staff2 = await t.as(['communityStaff'], c.community.id);
    const res2 = await t.as(['resident'], c.household.id);
    const u = await makeUnit(t.db, c.community, '二社区物业', contact.account.id);
    await relogin(contact, streetAdmin);
    const from = t.clock.now();
    const mk = () => report(res2, { territoryId: c.household.id });
    const flow = async (id: number, upTo: 'submitted' | 'accepted' | 'resolved' | 'satisfied' | 'unsatisfied') => {
      if (upTo === 'submitted') return;
      const ok = (r: { status: number; body: unknown }) => expect(r.status, JSON.stringify(r.body)).toBe(200);
      ok(await staff2.post(`/api/orders/${id}/dispatch`, { target: 'unit', unitId: u.id }));
      ok(await contact.post(`/api/orders/${id}/accept`, {}));
      if (upTo === 'accepted') return;
      t.clock.advance(5 * HOUR);
      await relogin(staff2, res2, contact);
      ok(await contact.post(`/api/orders/${id}/resolve`, { note: '办结' }));
      if (upTo === 'resolved') return;
      ok(await res2.post(`/api/orders/${id}/rate`, { rating: upTo === 'satisfied' ? 'satisfied' : 'unsatisfied' }));
    };
    // Hand count: 6 orders. #1 submitted; #2 accepted; #3 resolved (5 h); #4 rated satisfied (5 h);
    // #5 rated unsatisfied → reopened (not resolved); #6 accepted late (after the 24 h respond deadline).
    for (const step of ['submitted', 'accepted', 'resolved', 'satisfied', 'unsatisfied'] as const) {
      const o = await mk();
      await flow(o.id, step);
    }
    const late = await mk();
    t.clock.advance(25 * HOUR);
    await relogin(staff2, res2, contact, streetAdmin);
    await flow(late.id, 'accepted');
    const to = new Date(t.clock.now().getTime() + 1000);
    const q = `territoryId=${c.community.id}&from=${from.toISOString()}&to=${to.toISOString()}`;
    const f = await staff2.get(`/api/orders/figures?${q}`);
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    // found 6; claimed (accepted) 5; resolved: #3 #4 = 2; responded on time: #2–#5 = 4 of 6;
    // satisfaction: rated #4 satisfied, #5 unsatisfied → 1/2; overdue now (25 h+ later): #1 (respond by 24 h) = 1,
    // plus #2 (resolve 72 h? no: 25 h + 5 h·n < 72 h) = 1; average time to resolve: 5 h.
    expect(f.body).toMatchObject({
      found: 6,
      claimed: 5,
      resolved: 2,
      responseRate: round(4 / 6),
      resolutionRate: round(2 / 6),
      satisfactionRate: 0.5,
      overdue: 1,
      averageResolveHours: 5,
      reopened: 1,
    });
    for (const [key, n] of [
      ['found', 6],
      ['claimed', 5],
      ['resolved', 2],
      ['responseRate', 4],
      ['satisfactionRate', 1],
      ['overdue', 1],
    ] as const) {
      const params = new URLSearchParams(f.body.drill[key]).toString();
      expect((await staff2.get(`/api/orders?${params}`)).body.total, key).toBe(n);
    }
    const unitRow = f.body.unitRanking.find((r: { unit: { id: number } }) => r.unit.id === u.id);
    expect(unitRow).toMatchObject({ found: 5, claimed: 5, resolved: 2, reopened: 1 });
    expect((await staff2.get(`/api/orders?${new URLSearchParams(unitRow.drill).toString()}`)).body.total).toBe(5);
    const up = await streetAdmin.get(
      `/api/orders/figures?territoryId=${tree.streetA.street.id}&from=${from.toISOString()}&to=${to.toISOString()}`,
    );
    const row = up.body.ranking.find((r: { territory: { id: number } }) => r.territory.id === c.community.id);
    expect(row).toMatchObject({ found: 6, resolved: 2, satisfactionRate: 0.5 });
    expect((await staff2.get(`/api/orders/figures?territoryId=${B1().community.id}`)).status).toBe(404);
  });
});

const round = (x: number) => Math.round(x * 10_000) / 10_000;

describe('scheduler lifecycle', () => {
  it('runs passes on its interval until stopped', async () => {
    await relogin(resident);
    const order = await report(resident, { title: '定时器测试' });
    t.clock.advance(25 * HOUR);
    let errors = 0;
    const s = startScheduler(t.db, t.clock, 0.05, () => errors++);
    const escalations = async () =>
      (
        await t.db
          .select()
          .from(orderEvents)
          .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.action, 'escalate')))
      ).length;
    for (let i = 0; i < 40 && (await escalations()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    s.stop();
    expect(errors).toBe(0);
    expect(await escalations()).toBe(1);
  });
});
