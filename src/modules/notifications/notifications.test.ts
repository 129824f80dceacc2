import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import { TEST_PASSWORD } from '../../test/factories.js';
import type { Client } from '../../test/http.js';
import { tick } from '../service-orders/scheduler.js';
import { makeMember, makeUnit } from '../service-orders/testing.js';
import { digestPass } from './notifications.service.js';
import { notifications } from './schema.js';

const HOUR = 3_600_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let staff: Signed, resident: Signed, resident2: Signed, contact: Signed, member: Signed, compoundStaff: Signed;
let unitId: number, memberId: number;
const A1 = () => tree.streetA.communities[0]!;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  compoundStaff = await t.as(['communityStaff'], A1().compound.id);
  resident = await t.as(['resident'], A1().household.id);
  resident2 = await t.as(['resident'], A1().household.id);
  contact = await t.as(['unitContact'], A1().community.id);
  member = await t.as(['partyMember'], A1().community.id);
  unitId = (await makeUnit(t.db, A1().community, '文亭物业', contact.account.id)).id;
  memberId = (await makeMember(t.db, A1().community, '王党员', member.account.id)).id;
});
afterAll(() => t.close());

/** Moving the clock by hours ends idle sessions: sign the clients in again. */
async function relogin(...cs: Signed[]) {
  for (const c of cs) expect((await c.login(c.account.username, TEST_PASSWORD)).status).toBe(200);
}
async function report(title = '楼道灯坏了', c: Client = resident) {
  const res = await c.post('/api/orders', {
    kind: 'problem',
    category: 'repair',
    title,
    territoryId: A1().household.id,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}
type N = {
  id: number;
  kind: string;
  title: string;
  body: string;
  orderId: number | null;
  readAt: string | null;
  items: { kind: string; title: string }[] | null;
};
const about = async (c: Client, orderId: number) =>
  (await c.get(`/api/notifications?orderId=${orderId}`)).body.items as N[];
const kinds = async (c: Client, orderId: number) => (await about(c, orderId)).map((n) => n.kind).sort();

describe('who hears about a move', () => {
  it('a dispatch notifies the reporter and the handler, not the dispatcher; texts in the reader’s locale', async () => {
    const order = await report();
    const d = await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'unit', unitId, note: '请物业处理' });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    const mine = await about(resident, order.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: 'order.dispatched',
      title: '您的诉求已派单',
      body: '「楼道灯坏了」已交由文亭物业办理',
      readAt: null,
      orderId: order.id,
    });
    const theirs = await about(contact, order.id);
    expect(theirs.map((n) => n.kind)).toEqual(['order.assigned']);
    expect(theirs[0]!.body).toMatch(/^「楼道灯坏了」已派给您，请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前响应$/);
    // The community's staff heard of the new 点单 (issue 10 item 20), not of their own dispatch.
    expect(await kinds(staff, order.id)).toEqual(['order.placed']);
    expect((await about(staff, order.id))[0]).toMatchObject({ title: '居民新点单', body: '「楼道灯坏了」待派单' });
    expect(await about(resident2, order.id)).toEqual([]);
    // The same stored event, read in English.
    resident.lang = 'en-US';
    const enRes = await resident.get(`/api/notifications?orderId=${order.id}`);
    resident.lang = undefined;
    expect(enRes.body.items[0]).toMatchObject({
      title: 'Your request was dispatched',
      body: '“楼道灯坏了” was sent to 文亭物业',
    });
  });

  it('accept, resolve, reopen, close: the reporter and the handler hear of the other’s moves, never their own', async () => {
    const order = await report('电梯异响');
    await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'member', memberId });
    expect(await kinds(member, order.id)).toEqual(['order.assigned']);
    await member.post(`/api/orders/${order.id}/accept`, {});
    await member.post(`/api/orders/${order.id}/resolve`, { note: '已联系维保' });
    expect(await kinds(member, order.id)).toEqual(['order.assigned']);
    await resident.post(`/api/orders/${order.id}/rate`, { rating: 'unsatisfied', comment: '还在响' });
    expect(await kinds(member, order.id)).toEqual(['order.assigned', 'order.reopened']);
    expect((await about(member, order.id)).find((n) => n.kind === 'order.reopened')!.body).toBe(
      '「电梯异响」居民不满意：还在响',
    );
    await member.post(`/api/orders/${order.id}/resolve`, { note: '更换了轴承' });
    await resident.post(`/api/orders/${order.id}/rate`, { rating: 'satisfied' });
    await staff.post(`/api/orders/${order.id}/close`, {});
    expect(await kinds(resident, order.id)).toEqual([
      'order.accepted',
      'order.closed',
      'order.dispatched',
      'order.resolved',
      'order.resolved',
    ]);
    expect((await about(resident, order.id)).find((n) => n.kind === 'order.accepted')!.body).toBe(
      '「电梯异响」已由王党员接单办理',
    );
  });

  it('a return tells the dispatcher, with the reason', async () => {
    const order = await report('不归我管');
    await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'unit', unitId });
    await contact.post(`/api/orders/${order.id}/return`, { reason: '不属于物业管辖' });
    const back = (await about(staff, order.id)).filter((n) => n.kind !== 'order.placed');
    expect(back).toMatchObject([{ kind: 'order.returned', body: '「不归我管」被文亭物业回退：不属于物业管辖' }]);
  });

  it('the scheduler reminds the handler, and an escalation reaches the receiving level’s staff, the handler and the reporter', async () => {
    const order = await report('消防通道堵塞');
    const d = await staff.post(`/api/orders/${order.id}/dispatch`, {
      target: 'unit',
      unitId,
      respondHours: 4,
      deadlineReason: '消防隐患须尽快响应',
    });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    t.clock.advance(3.2 * HOUR);
    expect((await tick(t.db, t.clock)).reminded).toBeGreaterThanOrEqual(1);
    // The respond window of the order (24 h from its creation) still holds: escalation comes after it.
    t.clock.advance(21 * HOUR);
    expect((await tick(t.db, t.clock)).escalated).toBeGreaterThanOrEqual(1);
    await relogin(staff, compoundStaff, resident, contact, member, resident2);
    expect(await kinds(contact, order.id)).toEqual(['order.assigned', 'order.handlerEscalated', 'order.reminder']);
    expect(await kinds(compoundStaff, order.id)).toEqual(['order.escalatedHere']);
    expect((await about(compoundStaff, order.id))[0]!.title).toBe('有工单上报到本级');
    const r = (await about(resident, order.id)).find((n) => n.kind === 'order.escalated')!;
    expect(r.title).toBe('您的诉求已上报小区');
    expect(await kinds(staff, order.id)).toEqual(['order.placed']);
  });
});

describe('reading and marking', () => {
  it('counts unread, marks some and then all as read; audited', async () => {
    const r3 = await t.as(['resident'], A1().household.id);
    const ids: number[] = [];
    for (const title of ['一', '二', '三']) {
      const o = await report(`噪音${title}`, r3);
      await staff.post(`/api/orders/${o.id}/dispatch`, { target: 'unit', unitId });
    }
    let list = await r3.get('/api/notifications');
    expect(list.body).toMatchObject({ total: 3, unread: 3 });
    ids.push(...list.body.items.map((n: N) => n.id));
    const one = await r3.post('/api/notifications/read', { ids: [ids[0]] });
    expect(one.body).toEqual({ updated: 1, unread: 2 });
    expect((await r3.get('/api/notifications?unread=true')).body).toMatchObject({ total: 2, unread: 2 });
    expect((await r3.get('/api/notifications?unread=false')).body.items.map((n: N) => n.id)).toEqual([ids[0]]);
    const all = await r3.post('/api/notifications/read', { all: true });
    expect(all.body).toEqual({ updated: 2, unread: 0 });
    list = await r3.get('/api/notifications');
    expect(list.body.items.every((n: N) => n.readAt !== null)).toBe(true);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'notification.read'), eq(auditLog.actorId, r3.account.id)));
    expect(audits).toHaveLength(2);
  });

  it('someone else’s notification answers 404 and stays unread; bad bodies answer 400 per field', async () => {
    const o = await report('他人的消息');
    await staff.post(`/api/orders/${o.id}/dispatch`, { target: 'unit', unitId });
    const theirs = (await about(resident, o.id))[0]!;
    const res = await resident2.post('/api/notifications/read', { ids: [theirs.id] });
    expect(res.status).toBe(404);
    // A mix of mine and theirs is refused whole.
    expect(
      (await contact.post('/api/notifications/read', { ids: [(await about(contact, o.id))[0]!.id, theirs.id] })).status,
    ).toBe(404);
    expect((await about(resident, o.id))[0]!.readAt).toBeNull();
    expect((await about(contact, o.id))[0]!.readAt).toBeNull();
    const empty = await resident.post('/api/notifications/read', {});
    expect(empty.status).toBe(400);
    expect(empty.body.fields).toEqual([{ field: 'ids', message: '请选择要标为已读的消息，或选择全部已读' }]);
    expect((await resident.post('/api/notifications/read', { ids: [theirs.id], all: true })).status).toBe(400);
    expect((await resident.post('/api/notifications/read', { ids: ['x'] })).status).toBe(400);
    expect((await resident.post('/api/notifications/read', { ids: [] })).status).toBe(400);
  });
});

describe('preferences', () => {
  it('default instant at 18:00 China time; validated', async () => {
    const fresh = await t.as(['resident'], A1().household.id);
    expect((await fresh.get('/api/notifications/preferences')).body).toEqual({
      mode: 'instant',
      digestHour: 18,
      timeZone: 'Asia/Shanghai',
    });
    const put = (body: unknown) => fresh.request('PUT', '/api/notifications/preferences', body);
    const bad = await put({ mode: 'weekly' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['mode']);
    expect(
      (await put({ mode: 'dailyDigest', digestHour: 24 })).body.fields.map((f: { field: string }) => f.field),
    ).toEqual(['digestHour']);
    expect((await put({ mode: 'dailyDigest', digestHour: 7.5 })).status).toBe(400);
    expect((await put({ mode: 'dailyDigest', extra: 1 })).status).toBe(400);
    expect((await put({})).status).toBe(400);
    const ok = await put({ mode: 'dailyDigest', digestHour: 20 });
    expect(ok.body).toEqual({ mode: 'dailyDigest', digestHour: 20, timeZone: 'Asia/Shanghai' });
    expect((await put({ mode: 'instant' })).body).toEqual({
      mode: 'instant',
      digestHour: 20,
      timeZone: 'Asia/Shanghai',
    });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'notification.preferences'), eq(auditLog.actorId, fresh.account.id)));
    expect(audits).toHaveLength(2);
  });
});

/** Moves the manual clock forward to the next `hour`:00 China time. */
function toNextChinaHour(hour: number) {
  const now = t.clock.now().getTime();
  const local = new Date(now + 8 * HOUR);
  let target = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour) - 8 * HOUR;
  if (target <= now) target += 24 * HOUR;
  t.clock.set(new Date(target));
}

describe('daily digest', () => {
  it('events accumulate unseen, one digest at the hour lists them; later events wait for tomorrow’s', async () => {
    toNextChinaHour(9);
    await relogin(staff, resident, contact);
    const put = await contact.request('PUT', '/api/notifications/preferences', { mode: 'dailyDigest' });
    expect(put.body).toMatchObject({ mode: 'dailyDigest', digestHour: 18 });
    const before = (await contact.get('/api/notifications')).body.unread as number;
    const orders = [];
    for (const title of ['井盖缺失', '路灯不亮', '墙皮脱落']) {
      const o = await report(title);
      await staff.post(`/api/orders/${o.id}/dispatch`, { target: 'unit', unitId });
      orders.push(o.id);
    }
    // Stored but not shown one by one; the reporter (instant) sees hers at once.
    expect((await contact.get('/api/notifications')).body.unread).toBe(before);
    expect(await about(contact, orders[0]!)).toEqual([]);
    expect(await kinds(resident, orders[0]!)).toEqual(['order.dispatched']);
    const held = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.accountId, contact.account.id), eq(notifications.held, true)));
    expect(held).toHaveLength(3);

    expect(await digestPass(t.db, t.clock)).toEqual({ digests: 0, events: 0 }); // 09:00: not yet
    toNextChinaHour(18);
    expect(await digestPass(t.db, t.clock)).toMatchObject({ digests: 1, events: 3 });
    expect(await digestPass(t.db, t.clock)).toEqual({ digests: 0, events: 0 });
    await relogin(staff, resident, contact);
    const digests = (await contact.get('/api/notifications?kind=digest')).body.items as N[];
    expect(digests).toHaveLength(1);
    expect(digests[0]!.title).toMatch(/^\d{4}-\d{2}-\d{2} 工单动态汇总（3 条）$/);
    expect(digests[0]!.items!.map((i) => i.kind)).toEqual(['order.assigned', 'order.assigned', 'order.assigned']);
    expect(digests[0]!.body).toContain('「井盖缺失」已派给您');
    expect((await contact.get('/api/notifications')).body.unread).toBe(before + 1);

    // 19:00: a new event waits; no second digest today, one tomorrow at 18:00.
    t.clock.advance(HOUR);
    await relogin(staff, resident, contact);
    const late = await report('垃圾满溢');
    await staff.post(`/api/orders/${late.id}/dispatch`, { target: 'unit', unitId });
    expect(await digestPass(t.db, t.clock)).toEqual({ digests: 0, events: 0 });
    toNextChinaHour(18);
    expect(await digestPass(t.db, t.clock)).toMatchObject({ digests: 1, events: 1 });
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'notification.digest'));
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('two passes at once send one digest per account', async () => {
    toNextChinaHour(8);
    const a = await t.as(['resident'], A1().household.id);
    await relogin(staff);
    await a.request('PUT', '/api/notifications/preferences', { mode: 'dailyDigest', digestHour: 8 });
    for (const title of ['并发一', '并发二']) {
      const o = await report(title, a);
      await staff.post(`/api/orders/${o.id}/dispatch`, { target: 'unit', unitId });
    }
    t.clock.advance(60_000);
    const [x, y] = await Promise.all([digestPass(t.db, t.clock), digestPass(t.db, t.clock)]);
    const rows = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.accountId, a.account.id), eq(notifications.kind, 'digest')));
    expect(rows).toHaveLength(1);
    expect(x.digests + y.digests).toBeGreaterThanOrEqual(1);
    expect((rows[0]!.params as { count: number }).count).toBe(2);
  });

  it('back to instant, the waiting events show one by one', async () => {
    const b = await t.as(['resident'], A1().household.id);
    await relogin(staff);
    await b.request('PUT', '/api/notifications/preferences', { mode: 'dailyDigest', digestHour: 23 });
    const o = await report('切换模式', b);
    await staff.post(`/api/orders/${o.id}/dispatch`, { target: 'unit', unitId });
    expect(await about(b, o.id)).toEqual([]);
    await b.request('PUT', '/api/notifications/preferences', { mode: 'instant' });
    expect(await kinds(b, o.id)).toEqual(['order.dispatched']);
  });
});
