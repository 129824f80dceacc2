import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { makeMember } from '../service-orders/testing.js';

const HOUR = 3_600_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let staff: Signed,
  secretary: Signed,
  resident: Signed,
  otherResident: Signed,
  mediatorAccount: Signed,
  farStaff: Signed,
  streetAdmin: Signed;
let mediatorMemberId: number;

const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  secretary = await t.as(['communitySecretary'], A1().community.id);
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  resident = await t.as(['resident'], A1().household.id);
  otherResident = await t.as(['resident'], A1().household.id);
  mediatorAccount = await t.as(['partyMember'], A1().community.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
  mediatorMemberId = (await makeMember(t.db, A1().community, '金大姐', mediatorAccount.account.id)).id;
});
afterAll(() => t.close());

const ago = (hours: number) => new Date(t.clock.now().getTime() - hours * HOUR).toISOString();
const actions = (o: { timeline: { action: string }[] }) => o.timeline.map((e) => e.action);

async function team(
  name = '金大姐说事室',
  communityId = A1().community.id,
  members: unknown[] = [
    { name: '金大姐', role: 'leader', phone: '13800138000', partyMemberId: mediatorMemberId },
    { name: '李阿姨', role: 'mediator' },
  ],
) {
  const res = await staff.post('/api/mediation/teams', { communityId, name, place: '社区一楼说事室', members });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; members: { id: number; name: string; role: string; phone: string | null }[] };
}

async function ask(c: Client = resident, body: Record<string, unknown> = {}) {
  const res = await c.post('/api/mediation/cases', {
    title: '下水道堵塞，楼上不同意分摊修理费',
    description: '一楼污水反流，楼上几户不同意分摊疏通费用',
    territoryId: A1().household.id,
    parties: [{ name: '三楼住户王某', role: 'respondent', contact: '139 0013 9000' }],
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as {
    order: { id: number; status: string; kind: string };
    case: { parties: { id: number; name: string; role: string; contact: string | null }[] };
  };
}

describe('mediation teams', () => {
  it('are kept per community with masked phones, changed, and deleted; outside the subtree they are 404', async () => {
    const created = await team('调解小分队一队');
    expect(created.members.map((m) => [m.name, m.role, m.phone])).toEqual([
      ['金大姐', 'leader', '138****8000'],
      ['李阿姨', 'mediator', null],
    ]);
    const notCommunity = await staff.post('/api/mediation/teams', { communityId: A1().compound.id, name: '小区队' });
    expect(notCommunity.status).toBe(400);
    expect((await farStaff.post('/api/mediation/teams', { communityId: A1().community.id, name: '越界' })).status).toBe(
      404,
    );
    expect((await farStaff.get(`/api/mediation/teams/${created.id}`)).status).toBe(404);
    expect((await farStaff.patch(`/api/mediation/teams/${created.id}`, { name: 'x' })).status).toBe(404);

    // Keep 金大姐 (her phone stays), drop 李阿姨, add 张大爷.
    const kept = created.members[0]!;
    const changed = await staff.patch(`/api/mediation/teams/${created.id}`, {
      name: '调解小分队第一队',
      members: [
        { id: kept.id, name: '金大姐', role: 'leader' },
        { name: '张大爷', role: 'member', phone: '13700137000' },
      ],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.members.map((m: { name: string; phone: string | null }) => [m.name, m.phone])).toEqual([
      ['金大姐', '138****8000'],
      ['张大爷', '137****7000'],
    ]);
    const bad = await staff.patch(`/api/mediation/teams/${created.id}`, {
      members: [{ name: '王', role: 'member', phone: '12345' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.[0]?.field ?? JSON.stringify(bad.body)).toContain('phone');

    const list = await streetAdmin.get(
      `/api/mediation/teams?communityId=${A1().community.id}&q=${encodeURIComponent('第一队')}`,
    );
    expect(list.body.items.map((x: { id: number }) => x.id)).toEqual([created.id]);
    expect((await farStaff.get('/api/mediation/teams?q=第一队')).body.total).toBe(0);

    expect((await staff.delete(`/api/mediation/teams/${created.id}`)).status).toBe(204);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'mediationTeam'), eq(auditLog.objectId, String(created.id))));
    expect(audits.map((a) => a.action).sort()).toEqual([
      'mediationTeam.create',
      'mediationTeam.delete',
      'mediationTeam.update',
    ]);
    expect(JSON.stringify(audits)).not.toContain('13800138000');
  });
});

describe('a mediation case through the loop (seed 002: 金大姐说事室)', () => {
  it('asked by a resident, sent to a team, sessions, agreement, outcome resolves it, rated, followed up', async () => {
    const room = await team();
    const asked = await ask();
    const id = asked.order.id;
    expect(asked.order).toMatchObject({ kind: 'mediation', status: 'submitted' });
    // The resident is the applicant; the other party's number is masked.
    expect(asked.case.parties.map((p) => [p.name, p.role, p.contact])).toEqual([
      [expect.any(String), 'applicant', null],
      ['三楼住户王某', 'respondent', '139****9000'],
    ]);
    // Another resident of the household does not see it; staff of another street neither.
    expect((await otherResident.get(`/api/mediation/cases/${id}`)).status).toBe(404);
    expect((await farStaff.get(`/api/mediation/cases/${id}`)).status).toBe(404);
    expect((await farStaff.post(`/api/mediation/cases/${id}/parties`, { name: 'x', role: 'other' })).status).toBe(404);
    // It is an order: it sits in the dispatch inbox.
    expect(
      (await staff.get('/api/orders?inbox=toDispatch&kind=mediation')).body.items.map((o: { id: number }) => o.id),
    ).toContain(id);

    // Recording before the case is taken is refused.
    const early = await staff.post(`/api/mediation/cases/${id}/sessions`, {
      heldAt: ago(1),
      place: '说事室',
      attendees: ['张'],
      notes: '初谈',
    });
    expect(early.status).toBe(409);

    // Another community's team cannot take it.
    const far = (
      await streetAdmin.post('/api/mediation/teams', {
        communityId: A2().community.id,
        name: '邻社区调解队',
        members: [{ name: '孙', role: 'leader' }],
      })
    ).body as { id: number };
    expect((await staff.post(`/api/mediation/cases/${id}/assign`, { teamId: far.id })).status).toBe(400);

    const assigned = await staff.post(`/api/mediation/cases/${id}/assign`, {
      teamId: room.id,
      note: '请金大姐团队上门协调',
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body.case).toMatchObject({
      team: { id: room.id, name: '金大姐说事室' },
      mediator: { name: '金大姐' },
    });
    // 金大姐 is a party member: the order went to her record, so she sees and handles it.
    expect(assigned.body.order).toMatchObject({
      status: 'dispatched',
      handler: { kind: 'member', member: { id: mediatorMemberId } },
    });
    expect((await mediatorAccount.get(`/api/mediation/cases/${id}`)).status).toBe(200);
    expect((await mediatorAccount.post(`/api/orders/${id}/accept`, {})).body.status).toBe('accepted');

    // Outcome before any session: refused.
    expect(
      (await mediatorAccount.post(`/api/mediation/cases/${id}/outcome`, { outcome: 'failed', note: '未谈' })).status,
    ).toBe(409);
    const future = await mediatorAccount.post(`/api/mediation/cases/${id}/sessions`, {
      heldAt: new Date(t.clock.now().getTime() + 5 * HOUR).toISOString(),
      place: '说事室',
      attendees: ['张可红'],
      notes: '还没开',
    });
    expect(future.status).toBe(400);
    const s1 = await mediatorAccount.post(`/api/mediation/cases/${id}/sessions`, {
      heldAt: ago(26),
      place: '张可红家',
      attendees: ['金大姐', '张可红'],
      notes: '上门了解情况',
    });
    expect(s1.status, JSON.stringify(s1.body)).toBe(201);
    expect(s1.body.order.status).toBe('inProgress');
    const s2 = await staff.post(`/api/mediation/cases/${id}/sessions`, {
      heldAt: ago(2),
      place: '社区说事室',
      attendees: ['金大姐', '张可红', '三楼住户王某'],
      notes: '召集大家拉家常、说事理',
    });
    expect(s2.body.case.sessions.map((s: { place: string }) => s.place)).toEqual(['张可红家', '社区说事室']);
    expect(s2.body.case.sessions[1].recordedBy).toMatchObject({ id: staff.account.id });

    // The generic resolve is refused for a mediation case; "agreed" needs the agreement first.
    const plain = await mediatorAccount.post(`/api/orders/${id}/resolve`, { note: '好了' });
    expect(plain.status).toBe(409);
    const noAgreement = await mediatorAccount.post(`/api/mediation/cases/${id}/outcome`, {
      outcome: 'agreed',
      note: '达成一致',
    });
    expect(noAgreement.status).toBe(400);
    expect(noAgreement.body.fields[0].field).toBe('outcome');
    const agreement = await mediatorAccount.request('PUT', `/api/mediation/cases/${id}/agreement`, {
      text: '五户按户均摊疏通费用，共同出资疏通下水道',
      signedOn: '2026-01-04',
    });
    expect(agreement.body.case.agreement).toEqual({
      text: '五户按户均摊疏通费用，共同出资疏通下水道',
      signedOn: '2026-01-04',
      attachmentId: null,
    });
    expect(
      (
        await mediatorAccount.request('PUT', `/api/mediation/cases/${id}/agreement`, {
          text: 'x',
          signedOn: '2026-13-45',
        })
      ).status,
    ).toBe(400);

    const done = await mediatorAccount.post(`/api/mediation/cases/${id}/outcome`, {
      outcome: 'agreed',
      note: '两天内共同出资疏通，邻里和好',
      followUpDueOn: '2026-01-12',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.order.status).toBe('resolved');
    expect(done.body.case).toMatchObject({ outcome: 'agreed', followUp: { dueOn: '2026-01-12', visitedOn: null } });
    expect(actions(done.body.order)).toEqual(['create', 'dispatch', 'accept', 'start', 'resolve']);
    expect(done.body.order.timeline.at(-1).data).toEqual({ mediationOutcome: 'agreed' });
    // Resolved: parties and sessions can no longer change.
    expect((await staff.post(`/api/mediation/cases/${id}/parties`, { name: '迟到的人', role: 'other' })).status).toBe(
      409,
    );

    expect(
      (await resident.post(`/api/orders/${id}/rate`, { rating: 'satisfied', comment: '金大姐办事靠谱' })).body.status,
    ).toBe('rated');
    const visit = await staff.post(`/api/mediation/cases/${id}/follow-up`, {
      visitedOn: '2026-01-12',
      note: '回访：下水通畅，邻里又回到了老熟人',
    });
    expect(visit.body.case.followUp).toEqual({
      dueOn: '2026-01-12',
      visitedOn: '2026-01-12',
      note: '回访：下水通畅，邻里又回到了老熟人',
    });

    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'serviceOrder'), eq(auditLog.objectId, String(id))));
    expect(audits.map((a) => a.action).sort()).toEqual(
      [
        'mediation.addSession',
        'mediation.addSession',
        'mediation.agreement',
        'mediation.assign',
        'mediation.create',
        'mediation.followUp',
        'mediation.outcome',
        'order.accept',
        'order.create',
        'order.dispatch',
        'order.rate',
        'order.resolve',
        'order.start',
      ].sort(),
    );
    expect(JSON.stringify(audits)).not.toContain('13900139000');

    // The team's counts and the case list.
    const teamNow = await staff.get(`/api/mediation/teams/${room.id}`);
    expect(teamNow.body).toMatchObject({ caseCount: 1, openCaseCount: 0 });
    const list = await staff.get(`/api/mediation/cases?teamId=${room.id}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id,
      status: 'rated',
      outcome: 'agreed',
      sessionCount: 2,
      team: { id: room.id },
    });
    expect(list.body.items[0].parties.map((p: { name: string }) => p.name)).toContain('三楼住户王某');
    expect(
      (await staff.get('/api/mediation/cases?outcome=failed')).body.items.map((x: { id: number }) => x.id),
    ).not.toContain(id);
    expect((await resident.get('/api/mediation/cases')).body.items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await otherResident.get('/api/mediation/cases')).body.total).toBe(0);
    expect((await farStaff.get('/api/mediation/cases')).body.total).toBe(0);
  });

  it('a team without accounts: staff act for it; failed mediation is referred to the judicial office', async () => {
    const quiet = await team('调解小分队二队', A1().community.id, [{ name: '赵调解员', role: 'leader' }]);
    const asked = await ask(staff, {
      title: '楼上漏水引发纠纷',
      parties: [
        { name: '刘某', role: 'applicant', contact: '13600136000' },
        { name: '陈某', role: 'respondent' },
      ],
    });
    const id = asked.order.id;
    expect(asked.case.parties.map((p) => p.name)).toEqual(['刘某', '陈某']);
    const a = await staff.post(`/api/mediation/cases/${id}/assign`, { teamId: quiet.id });
    expect(a.body.order.handler).toMatchObject({ kind: 'department', department: '调解小分队二队' });
    expect((await staff.post(`/api/orders/${id}/accept`, {})).status).toBe(200);
    const p = await staff.post(`/api/mediation/cases/${id}/parties`, {
      name: '物业经理',
      role: 'other',
      note: '说明管道归属',
    });
    expect(p.status).toBe(201);
    expect(
      (
        await staff.post(`/api/mediation/cases/${id}/sessions`, {
          heldAt: ago(3),
          place: '社区会议室',
          attendees: ['赵调解员', '刘某', '陈某'],
          notes: '双方分歧较大',
        })
      ).status,
    ).toBe(201);
    const out = await staff.post(`/api/mediation/cases/${id}/outcome`, {
      outcome: 'referredJudicial',
      note: '移交街道司法所',
    });
    expect(out.body).toMatchObject({
      order: { status: 'resolved' },
      case: { outcome: 'referredJudicial', agreement: null },
    });

    // Reveal: only the secretary, audited; the staff member holds no reveal permission.
    const party = asked.case.parties[0]!;
    expect((await staff.post(`/api/mediation/cases/${id}/parties/${party.id}/reveal`)).status).toBe(403);
    const shown = await secretary.post(`/api/mediation/cases/${id}/parties/${party.id}/reveal`);
    expect(shown.body).toEqual({ id: party.id, contact: '13600136000' });
    const [rec] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mediation.revealParty'), eq(auditLog.objectId, String(id))));
    expect(rec).toBeDefined();

    // The team cannot be deleted while a case is open; after the case is resolved it can.
    const busy = await team('调解小分队三队', A1().community.id, [{ name: '钱调解员', role: 'leader' }]);
    const open = await ask(staff, { title: '停车位纠纷' });
    await staff.post(`/api/mediation/cases/${open.order.id}/assign`, { teamId: busy.id });
    expect((await staff.delete(`/api/mediation/teams/${busy.id}`)).status).toBe(409);
  });

  it('a mediation case counts as an order in the figures', async () => {
    const from = new Date(t.clock.now().getTime() - HOUR).toISOString();
    const q = `territoryId=${A2().community.id}&from=${from}`;
    const before = (await streetAdmin.get(`/api/orders/figures?${q}`)).body;
    const staff2 = await t.as(['communityStaff'], A2().community.id);
    const res = await staff2.post('/api/mediation/cases', {
      title: '噪音纠纷',
      territoryId: A2().household.id,
      parties: [
        { name: '甲', role: 'applicant' },
        { name: '乙', role: 'respondent' },
      ],
    });
    expect(res.status).toBe(201);
    const room = (
      await staff2.post('/api/mediation/teams', {
        communityId: A2().community.id,
        name: '说事室',
        members: [{ name: '孙', role: 'leader' }],
      })
    ).body;
    const id = res.body.order.id;
    await staff2.post(`/api/mediation/cases/${id}/assign`, { teamId: room.id });
    await staff2.post(`/api/orders/${id}/accept`, {});
    await staff2.post(`/api/mediation/cases/${id}/sessions`, {
      heldAt: ago(0.5),
      place: '说事室',
      attendees: ['甲', '乙'],
      notes: '各让一步',
    });
    await staff2.post(`/api/mediation/cases/${id}/outcome`, { outcome: 'failed', note: '未达成' });
    const after = (await streetAdmin.get(`/api/orders/figures?${q}`)).body;
    expect(after.found - before.found).toBe(1);
    expect(after.claimed - before.claimed).toBe(1);
    expect(after.resolved - before.resolved).toBe(1);
    const drill = await streetAdmin.get(`/api/orders?${new URLSearchParams(after.drill.resolved).toString()}`);
    expect(drill.body.items.map((o: { id: number }) => o.id)).toContain(id);
  });

  it('bad input is a 400 per field, never a 500', async () => {
    const res = await resident.post('/api/mediation/cases', { title: '', parties: [{ name: '', role: 'judge' }] });
    expect(res.status).toBe(400);
    const fields = res.body.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'parties.0.name', 'parties.0.role']));
    const notCase = await staff.post('/api/orders', {
      kind: 'problem',
      category: 'repair',
      title: '灯',
      territoryId: A1().household.id,
    });
    expect((await staff.get(`/api/mediation/cases/${notCase.body.id}`)).status).toBe(404);
  });
});
