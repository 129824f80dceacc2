import { and, asc, eq, like, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import { pointEntries } from '../volunteering/schema.js';
import { orgLifeCorrections } from './schema.js';
import { makeBranch } from './testing.js';

/**
 * Issue 13 (after approval attendance changes only by a recorded correction) with issue 15 item 2 (points for
 * sessions attended): an approved session of organisational life is corrected with a reason, audited, and the
 * member's points follow through the ledger — reversed by an entry, or credited again.
 */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let secretary: Awaited<ReturnType<TestApp['as']>>;
let member: Awaited<ReturnType<TestApp['as']>>;
let farStaff: Awaited<ReturnType<TestApp['as']>>;
let branch: Awaited<ReturnType<typeof makeBranch>>;
const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;

beforeAll(async () => {
  t = await testApp();
  t.clock.set(new Date('2026-04-10T02:00:00Z'));
  tree = await t.factory.tree();
  secretary = await t.as(['communitySecretary'], A1().community.id);
  member = await t.as(['partyMember'], A1().household.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
  branch = await makeBranch(
    t.db,
    A1().compound,
    '小区第二党支部',
    [{ name: '张党员', accountId: member.account.id }, { name: '李党员' }, { name: '王党员' }],
    new Date('2025-12-01T00:00:00Z'),
  );
});
afterAll(() => t.close());

const entries = (id: number) =>
  t.db
    .select()
    .from(pointEntries)
    .where(
      and(
        eq(pointEntries.source, 'meetingAttended'),
        or(eq(pointEntries.ref, `orgLife:${id}`), like(pointEntries.ref, `orgLife:${id}#%`)),
      ),
    )
    .orderBy(asc(pointEntries.id));

async function approvedSession(title: string) {
  const created = await secretary.post('/api/org-life/sessions', {
    branchId: branch.branch.id,
    kind: 'branchCommittee',
    title,
    heldAt: '2026-04-08T04:00:00Z',
    mode: 'offline',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as number;
  const [zhang, li, wang] = branch.members;
  const held = await secretary.patch(`/api/org-life/sessions/${id}`, {
    status: 'held',
    minutes: '传达学习上级文件',
    attendance: [
      { memberId: zhang!.id, status: 'present' },
      { memberId: li!.id, status: 'present' },
      { memberId: wang!.id, status: 'leave', leaveReason: '出差' },
    ],
  });
  expect(held.status, JSON.stringify(held.body)).toBe(200);
  return id;
}

describe('corrections of an approved session of organisational life', () => {
  it('refuses a correction before approval: the record is still edited directly', async () => {
    const id = await approvedSession('四月支委会（未审定）');
    const res = await secretary.post(`/api/org-life/sessions/${id}/corrections`, {
      memberId: branch.members[0]!.id,
      status: 'absent',
      reason: '误记为出席',
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('审定后');
  });

  it('corrects attendance with a reason, reverses or credits points by ledger entries, and shows it all', async () => {
    const id = await approvedSession('四月支委会');
    const [zhang, li, wang] = branch.members;
    expect((await secretary.patch(`/api/org-life/sessions/${id}`, { status: 'approved' })).status).toBe(200);
    let s = (await secretary.get(`/api/org-life/sessions/${id}`)).body;
    expect(s).toMatchObject({ status: 'approved', present: 2, leave: 1, corrections: [] });
    const pts = (x: typeof s) =>
      Object.fromEntries(
        x.attendance.map((r: { member: { name: string }; points: number }) => [r.member.name, r.points]),
      );
    expect(pts(s)).toEqual({ 张党员: 1, 李党员: 1, 王党员: 0 });

    // 张 was marked present by mistake: corrected to absent, the point reversed by an entry (never deleted).
    const c1 = await secretary.post(`/api/org-life/sessions/${id}/corrections`, {
      memberId: zhang!.id,
      status: 'absent',
      reason: '误记为出席，实际未到会',
    });
    expect(c1.status, JSON.stringify(c1.body)).toBe(200);
    expect(c1.body).toMatchObject({ present: 1, leave: 1 });
    expect(pts(c1.body)).toEqual({ 张党员: 0, 李党员: 1, 王党员: 0 });
    expect(c1.body.corrections).toHaveLength(1);
    expect(c1.body.corrections[0]).toMatchObject({
      target: 'attendance',
      member: { id: zhang!.id, name: '张党员' },
      statusBefore: 'present',
      statusAfter: 'absent',
      reason: '误记为出席，实际未到会',
      points: -1,
      by: secretary.account.displayName,
      minutesBefore: null,
    });
    let rows = await entries(id);
    const zhangRows = rows.filter((r) => r.memberId === zhang!.id);
    expect(zhangRows.map((r) => [r.ref, r.points, r.reason])).toEqual([
      [`orgLife:${id}`, 1, null],
      [`orgLife:${id}#1`, -1, '误记为出席，实际未到会'],
    ]);

    // 王 was on leave but came after all: corrected to present, credited by the rule.
    const c2 = await secretary.post(`/api/org-life/sessions/${id}/corrections`, {
      memberId: wang!.id,
      status: 'present',
      reason: '会后核对签到表，实际到会',
    });
    expect(c2.status, JSON.stringify(c2.body)).toBe(200);
    expect(pts(c2.body)).toEqual({ 张党员: 0, 李党员: 1, 王党员: 1 });
    expect(c2.body.corrections[1]).toMatchObject({ statusBefore: 'leave', statusAfter: 'present', points: 1 });
    // 李 present → leave (with its reason): reversed; the leave reason is kept.
    const c3 = await secretary.post(`/api/org-life/sessions/${id}/corrections`, {
      memberId: li!.id,
      status: 'leave',
      leaveReason: '会前已请假',
      reason: '请假条补交',
    });
    expect(c3.status).toBe(200);
    expect(c3.body.attendance.find((r: { member: { id: number } }) => r.member.id === li!.id)).toMatchObject({
      status: 'leave',
      leaveReason: '会前已请假',
      points: 0,
    });
    expect(c3.body.corrections[2]).toMatchObject({ leaveReason: '会前已请假', points: -1 });

    // The same again changes nothing and is refused on the field, in the caller's language.
    const same = await secretary.post(`/api/org-life/sessions/${id}/corrections`, {
      memberId: zhang!.id,
      status: 'absent',
      reason: '再次核对',
    });
    expect(same.status).toBe(400);
    expect(same.body.fields).toEqual([{ field: 'status', message: '与原记录相同，无需更正' }]);
    rows = await entries(id);
    // By hand: 张 +1 −1, 李 +1 −1, 王 +1 → net 1.
    expect(rows.map((r) => r.points)).toHaveLength(5);
    expect(rows.reduce((n, r) => n + r.points, 0)).toBe(1);

    // The minutes, corrected with a reason; the member sees the corrected minutes only if present (王 now).
    const c4 = await secretary.post(`/api/org-life/sessions/${id}/corrections`, {
      minutes: '传达学习上级文件；补记：讨论发展党员工作',
      reason: '漏记一项议题',
    });
    expect(c4.status).toBe(200);
    expect(c4.body.minutes).toContain('补记');
    expect(c4.body.corrections[3]).toMatchObject({
      target: 'minutes',
      member: null,
      minutesBefore: '传达学习上级文件',
      minutesAfter: '传达学习上级文件；补记：讨论发展党员工作',
      points: 0,
    });
    const mine = await member.get('/api/org-life/sessions/mine');
    expect(mine.body.items.find((x: { id: number }) => x.id === id)).toMatchObject({
      myStatus: 'absent',
      minutes: null,
    });

    // Figures count the corrected record: 1 present of 3 expected for this session.
    s = (await secretary.get(`/api/org-life/sessions/${id}`)).body;
    expect(s).toMatchObject({ expected: 3, present: 1, leave: 1 });
    expect(s.corrections).toHaveLength(4);

    // Every correction audited with who, before, after and the reason.
    const audited = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'orgLife.correct'), eq(auditLog.objectId, String(id))))
      .orderBy(asc(auditLog.id));
    expect(audited).toHaveLength(4);
    expect(audited[0]).toMatchObject({
      actorId: secretary.account.id,
      objectType: 'orgLifeSession',
      before: { target: 'attendance', memberId: zhang!.id, status: 'present' },
      after: {
        target: 'attendance',
        memberId: zhang!.id,
        status: 'absent',
        reason: '误记为出席，实际未到会',
        points: -1,
      },
    });

    // The corrections are the session's own records, not read back from the audit trail (decision 048): a session's
    // history stays whole when its audit rows age out.
    const kept = await t.db.select().from(orgLifeCorrections).where(eq(orgLifeCorrections.sessionId, id));
    expect(kept).toHaveLength(4);
    expect(kept.find((c) => c.target === 'minutes')).toMatchObject({ points: 0, byName: expect.any(String) });
  });

  it('refuses a correction without a reason, without a target, with two targets, or off the roster', async () => {
    const id = await approvedSession('四月支委会（核对）');
    await secretary.patch(`/api/org-life/sessions/${id}`, { status: 'approved' });
    const post = (body: object) => secretary.post(`/api/org-life/sessions/${id}/corrections`, body);
    const field = async (body: object) => {
      const res = await post(body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      return res.body.fields.map((f: { field: string }) => f.field);
    };
    expect(await field({ memberId: branch.members[0]!.id, status: 'absent' })).toContain('reason');
    expect(await field({ reason: '核对' })).toEqual(['memberId']);
    expect(await field({ memberId: branch.members[0]!.id, reason: '核对' })).toEqual(['status']);
    expect(await field({ memberId: branch.members[0]!.id, status: 'absent', minutes: '改', reason: '核对' })).toEqual([
      'minutes',
    ]);
    const stranger = await makeBranch(t.db, A1().compound, '另一支部', [{ name: '外支部党员' }], new Date());
    expect(await field({ memberId: stranger.members[0]!.id, status: 'present', reason: '核对' })).toEqual(['memberId']);
    secretary.lang = 'en-US';
    const enRes = await post({ reason: 'check' });
    secretary.lang = undefined;
    expect(enRes.body.fields[0].message).toBe('Say whose attendance or which minutes to correct');
    // Nothing changed, nothing audited, no points moved by the refusals.
    expect((await entries(id)).map((r) => r.points)).toEqual([1, 1]);
  });

  it('answers 404 outside the subtree and 403 without the permission', async () => {
    const id = await approvedSession('四月支委会（权限）');
    await secretary.patch(`/api/org-life/sessions/${id}`, { status: 'approved' });
    const body = { memberId: branch.members[1]!.id, status: 'absent', reason: '核对' };
    expect((await farStaff.post(`/api/org-life/sessions/${id}/corrections`, body)).status).toBe(404);
    expect((await member.post(`/api/org-life/sessions/${id}/corrections`, body)).status).toBe(403);
    expect((await secretary.get(`/api/org-life/sessions/${id}`)).body.corrections).toEqual([]);
  });
});
