import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { remindActionItems } from './meetings.service.js';
import { makeFourParties } from './testing.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string; password: string; displayName: string } };
let secretary: Signed, gridWorker: Signed, contact: Signed, resident: Signed, farStaff: Signed;
let four: Awaited<ReturnType<typeof makeFourParties>>;

const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;
/** Moves the app clock; sessions idle past their timeout, so the actors sign in again. */
async function move(ms: number) {
  t.clock.set(new Date(t.clock.now().getTime() + ms));
  for (const c of [secretary, contact, gridWorker, resident, farStaff])
    await c.login(c.account.username, c.account.password);
}
const later = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  secretary = await t.as(['communitySecretary'], A1().community.id);
  gridWorker = await t.as(['gridWorker'], A1().compound.id);
  contact = await t.as(['unitContact'], A1().community.id);
  resident = await t.as(['resident'], A1().household.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
  four = await makeFourParties(t.db, A1().community, A1().compound, contact.account.id);
});
afterAll(() => t.close());

async function report(title: string, category = 'environment') {
  const res = await resident.post('/api/orders', { kind: 'problem', category, title, territoryId: A1().household.id });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}

async function callMeeting(title = '四方联动例会') {
  const res = await secretary.post('/api/meetings', {
    typeKey: 'fourParty',
    territoryId: A1().compound.id,
    title,
    startsAt: later(2 * HOUR),
    place: '小区党群服务站',
    guests: [{ name: '居民代表王大爷', group: 'residentReps' }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('meetings', () => {
  it('from an agenda proposed from a hotspot of real orders to decisions to action items done', async () => {
    const orders = [await report('垃圾桶满溢无人清运'), await report('楼道堆放杂物'), await report('垃圾站异味大')];
    await report('路灯不亮', 'repair');

    const meeting = await callMeeting();
    // Invitees drawn from the structure: the four parties, the community secretary, the compound's grid worker.
    const rules = meeting.invitees.map((i: { ruleKey: string; name: string }) => `${i.ruleKey}:${i.name}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        `communityCommittee:${four.committee.name}`,
        `compoundBranch:${four.branch.name}`,
        `ownersCommittee:${four.owners.name}`,
        `propertyCompany:${four.company.name}`,
        `role:gridWorker:${gridWorker.account.displayName}`,
        'guests:residentReps:居民代表王大爷',
      ]),
    );
    const company = meeting.invitees.find((i: { ruleKey: string }) => i.ruleKey === 'propertyCompany');
    expect(company.account.id).toBe(contact.account.id);
    expect(meeting.signInCode).toMatch(/^\d{6}$/);

    // The invitation reached the property company's contact in-app.
    const inbox = await contact.get('/api/notifications');
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('meeting.invited');

    const prop = await secretary.get(`/api/meetings/${meeting.id}/proposals`);
    expect(prop.status).toBe(200);
    const hotspot = prop.body.items.find((p: { source: string }) => p.source === 'hotspot');
    expect(hotspot.count).toBe(3);
    expect(hotspot.category).toBe('environment');
    expect(hotspot.title).toContain('环境卫生');
    expect(hotspot.orders.map((o: { id: number }) => o.id).sort()).toEqual(orders.map((o) => o.id).sort());
    expect(prop.body.items.filter((p: { source: string }) => p.source === 'hotspot')).toHaveLength(1);

    const withItem = await secretary.post(`/api/meetings/${meeting.id}/agenda`, {
      title: hotspot.title,
      source: 'hotspot',
      orderIds: hotspot.orders.map((o: { id: number }) => o.id),
    });
    expect(withItem.status).toBe(201);
    const item = withItem.body.agenda[0];
    expect(item.orders).toHaveLength(3);
    // Once on the agenda, the hotspot is no longer proposed.
    const again = await secretary.get(`/api/meetings/${meeting.id}/proposals`);
    expect(again.body.items.filter((p: { source: string }) => p.source === 'hotspot')).toHaveLength(0);

    expect((await secretary.post(`/api/meetings/${meeting.id}/move`, { move: 'hold' })).status).toBe(200);
    const minutes = await secretary.request('PUT', `/api/meetings/${meeting.id}/agenda/${item.id}/minutes`, {
      minutes: '物业公司说明清运频次不足，业委会建议增设分类垃圾桶',
    });
    expect(minutes.status).toBe(200);
    const decided = await secretary.post(`/api/meetings/${meeting.id}/agenda/${item.id}/decisions`, {
      text: '物业公司每日清运两次，社区协调增设垃圾桶',
    });
    expect(decided.status).toBe(201);
    const decisionId = decided.body.agenda[0].decisions[0].id;

    const owners = await secretary.get(`/api/meetings/${meeting.id}/owners`);
    expect(owners.body).toContainEqual({ kind: 'unit', id: four.company.id, name: four.company.name });
    const notInvited = await secretary.post(`/api/meetings/decisions/${decisionId}/action-items`, {
      title: '增设垃圾桶',
      ownerKind: 'unit',
      ownerId: 999999,
      dueAt: later(3 * DAY),
    });
    expect(notInvited.status).toBe(400);
    const act = await secretary.post(`/api/meetings/decisions/${decisionId}/action-items`, {
      title: '每日清运两次',
      ownerKind: 'unit',
      ownerId: four.company.id,
      dueAt: later(3 * DAY),
    });
    expect(act.status, JSON.stringify(act.body)).toBe(201);
    expect(act.body).toMatchObject({
      status: 'open',
      overdue: false,
      owner: { kind: 'unit', name: four.company.name },
    });

    // The action item creates a service order and shows its status live.
    const withOrder = await secretary.post(`/api/meetings/action-items/${act.body.id}/order`, {
      category: 'environment',
      description: '按联席会议议定事项办理',
    });
    expect(withOrder.status, JSON.stringify(withOrder.body)).toBe(201);
    expect(withOrder.body.order).toMatchObject({ status: 'submitted' });
    const dispatched = await secretary.post(`/api/orders/${withOrder.body.order.id}/dispatch`, {
      target: 'unit',
      unitId: four.company.id,
    });
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
    const listed = await secretary.get(`/api/meetings/action-items?meetingId=${meeting.id}`);
    expect(listed.body.items[0].order.status).toBe('dispatched');

    // Done needs evidence; a finished item cannot move back.
    const noEvidence = await secretary.patch(`/api/meetings/action-items/${act.body.id}`, { status: 'done' });
    expect(noEvidence.status).toBe(400);
    const done = await secretary.patch(`/api/meetings/action-items/${act.body.id}`, {
      status: 'done',
      evidence: '清运记录表（两周）已上传',
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');
    const back = await secretary.patch(`/api/meetings/action-items/${act.body.id}`, { status: 'inProgress' });
    expect(back.status).toBe(409);
    expect(back.body.message).toContain('已办结');

    // Approved minutes are locked; a recorded correction changes them.
    expect((await secretary.post(`/api/meetings/${meeting.id}/move`, { move: 'approve' })).status).toBe(200);
    const locked = await secretary.request('PUT', `/api/meetings/${meeting.id}/agenda/${item.id}/minutes`, {
      minutes: '改写',
    });
    expect(locked.status).toBe(409);
    expect(locked.body.message).toContain('留痕更正');
    const corrected = await secretary.post(`/api/meetings/${meeting.id}/corrections`, {
      agendaItemId: item.id,
      minutes: '物业公司说明清运频次不足；业委会建议增设分类垃圾桶（更正：补记业委会意见）',
      reason: '漏记业委会意见',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.corrections).toHaveLength(1);
    expect(corrected.body.agenda[0].minutes).toContain('更正');
    const row = (await secretary.get(`/api/meetings?q=${encodeURIComponent('四方联动例会')}`)).body.items[0];
    expect(row).toMatchObject({
      id: meeting.id,
      status: 'approved',
      decisions: 1,
      actionItems: 1,
      undoneActionItems: 0,
    });
    expect(row.invited).toBe(meeting.invitees.length);
    // The ledgers: the action item with its owner and status, in Chinese.
    const ledger = await secretary.request('GET', '/api/meetings/export.xlsx?kind=actionItems');
    expect(ledger.status).toBe(200);
    expect(ledger.headers['content-type']).toContain('spreadsheetml');
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'meeting'), eq(auditLog.objectId, String(meeting.id))));
    expect(audits.map((x) => x.action)).toEqual(
      expect.arrayContaining(['meeting.create', 'meeting.hold', 'meeting.approve', 'meeting.correct']),
    );
  });

  it('sign-in only once and only if invited; the secretary can record attendance', async () => {
    const meeting = await callMeeting('签到测试会');
    const code = meeting.signInCode as string;
    const wrong = await contact.post(`/api/meetings/${meeting.id}/sign-in`, {
      code: '000000' === code ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect((await contact.post(`/api/meetings/${meeting.id}/sign-in`, { code })).status).toBe(200);
    const twice = await contact.post(`/api/meetings/${meeting.id}/sign-in`, { code });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('已签到');
    // A resident who was not invited cannot sign in, even with the code.
    expect((await resident.post(`/api/meetings/${meeting.id}/sign-in`, { code })).status).toBe(404);
    // The invitee sees the meeting on their own list.
    const mine = await contact.get('/api/meetings/mine');
    expect(mine.body.items.find((x: { id: number }) => x.id === meeting.id)).toMatchObject({ attended: true });
    const grid = meeting.invitees.find((i: { ruleKey: string }) => i.ruleKey === 'role:gridWorker');
    const marked = await secretary.post(`/api/meetings/${meeting.id}/attendance`, {
      inviteeId: grid.id,
      attended: true,
    });
    expect(marked.body.invitees.find((i: { id: number }) => i.id === grid.id)).toMatchObject({
      attended: true,
      signedInBy: 'secretary',
    });
    // Sign-in closes with the approved minutes.
    await secretary.post(`/api/meetings/${meeting.id}/move`, { move: 'hold' });
    await secretary.post(`/api/meetings/${meeting.id}/move`, { move: 'approve' });
    expect((await gridWorker.post(`/api/meetings/${meeting.id}/sign-in`, { code })).status).toBe(409);
  });

  it('reminds before the deadline and on overdue by the app clock, and carries undone items to the next meeting', async () => {
    const meeting = await callMeeting('四方联动第二次例会');
    const withItem = await secretary.post(`/api/meetings/${meeting.id}/agenda`, { title: '电动车充电桩选址' });
    const itemId = withItem.body.agenda.at(-1).id;
    const decided = await secretary.post(`/api/meetings/${meeting.id}/agenda/${itemId}/decisions`, {
      text: '在3号楼东侧建设充电桩',
    });
    const decisionId = decided.body.agenda.at(-1).decisions[0].id;
    const act = await secretary.post(`/api/meetings/decisions/${decisionId}/action-items`, {
      title: '充电桩选址报批',
      ownerKind: 'unit',
      ownerId: four.company.id,
      dueAt: later(2 * DAY),
    });
    expect(act.status).toBe(201);
    const kinds = async () =>
      (await contact.get('/api/notifications?pageSize=100')).body.items
        .filter((n: { link: string | null }) => n.link === `/meetings/action-items?focus=${act.body.id}`)
        .map((n: { kind: string }) => n.kind);

    expect(await remindActionItems(t.db, t.clock)).toEqual({ reminded: 0, overdue: 0 });
    await move(DAY + HOUR);
    expect(await remindActionItems(t.db, t.clock)).toEqual({ reminded: 1, overdue: 0 });
    expect(await kinds()).toEqual(['actionItem.reminder']);
    expect(await remindActionItems(t.db, t.clock)).toEqual({ reminded: 0, overdue: 0 });
    await move(DAY);
    expect(await remindActionItems(t.db, t.clock)).toEqual({ reminded: 0, overdue: 1 });
    expect(await kinds()).toEqual(['actionItem.overdue', 'actionItem.reminder']);
    const overdue = await secretary.get('/api/meetings/action-items?overdue=true');
    expect(overdue.body.items.map((x: { id: number }) => x.id)).toContain(act.body.id);

    // The next meeting of the same body opens with the undone item.
    const next = await callMeeting('四方联动第三次例会');
    expect(next.agenda[0]).toMatchObject({
      source: 'carriedOver',
      title: '充电桩选址报批',
      carriedOver: { id: act.body.id, status: 'open' },
    });
  });

  it('checks the type’s level, the scope, and illegal moves', async () => {
    const wrongLevel = await secretary.post('/api/meetings', {
      typeKey: 'fourParty',
      territoryId: A1().community.id,
      title: '四方联动',
      startsAt: later(HOUR),
    });
    expect(wrongLevel.status).toBe(400);
    expect(JSON.stringify(wrongLevel.body)).toContain('小区');
    const meeting = await callMeeting('越界测试');
    expect((await farStaff.get(`/api/meetings/${meeting.id}`)).status).toBe(404);
    const list = await farStaff.get('/api/meetings');
    expect(list.body.total).toBe(0);
    const approve = await secretary.post(`/api/meetings/${meeting.id}/move`, { move: 'approve' });
    expect(approve.status).toBe(409);
    expect(approve.body.message).toBe('会议状态为「待召开」，不能审定纪要');
    const types = await secretary.get('/api/meetings/types');
    expect(types.body.map((x: { key: string }) => x.key)).toEqual([
      'fourParty',
      'jointMeeting',
      'fiveParty',
      'stewardMonthly',
      'redPropertyAlliance',
      'allianceJoint',
      'residentsCouncil',
      'deputiesConsultation',
    ]);
  });
});
