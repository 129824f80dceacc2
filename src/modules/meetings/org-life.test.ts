import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { makeBranch } from './testing.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string; password: string } };
let secretary: Signed, member: Signed, stranger: Signed, streetAdmin: Signed, farStaff: Signed;
let branch: Awaited<ReturnType<typeof makeBranch>>;

const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;
/** Noon China time on a day of 2026. */
const day = (md: string) => new Date(`2026-${md}T04:00:00Z`).toISOString();

beforeAll(async () => {
  t = await testApp();
  t.clock.set(new Date('2026-04-10T02:00:00Z'));
  tree = await t.factory.tree();
  secretary = await t.as(['communitySecretary'], A1().community.id);
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  member = await t.as(['partyMember'], A1().household.id);
  stranger = await t.as(['partyMember'], A1().household.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
  branch = await makeBranch(
    t.db,
    A1().compound,
    '小区第一党支部',
    [{ name: '张党员', accountId: member.account.id }, { name: '李党员' }, { name: '王党员' }, { name: '赵党员' }],
    new Date('2025-12-01T00:00:00Z'),
  );
});
afterAll(() => t.close());

async function session(kind: string, heldAt: string, title = kind) {
  const res = await secretary.post('/api/org-life/sessions', {
    branchId: branch.branch.id,
    kind,
    title,
    heldAt,
    mode: 'offline',
    place: '小区党群服务站',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; expected: number; status: string };
}

describe('organisational life', () => {
  it('flags a branch for a missed session, clears it, and counts attendance as by hand', async () => {
    const ids: number[] = [];
    for (const m of ['01-20', '02-20', '03-20']) {
      ids.push((await session('themeDay', day(m))).id);
      ids.push((await session('branchCommittee', day(m))).id);
    }
    for (const m of ['01-21', '02-21']) ids.push((await session('groupMeeting', day(m))).id);
    ids.push((await session('memberAssembly', day('03-25'))).id);
    ids.push((await session('partyLesson', day('02-25'))).id);
    expect(ids).toHaveLength(10);

    const fig = async (c: Client = streetAdmin) => {
      const res = await c.get(`/api/org-life/figures?year=2026&territoryId=${A1().community.id}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    let f = await fig();
    const row = () => f.branches.find((b: { branch: { id: number } }) => b.branch.id === branch.branch.id);
    // March ended without a 党小组会: flagged (April has not ended: nothing due yet for it).
    expect(row().missing).toEqual([{ kind: 'groupMeeting', period: '2026-03' }]);
    expect(f.total.flagged).toBe(1);
    expect(row().drillDown).toBe(`/org-life?branchId=${branch.branch.id}&year=2026`);
    expect(f.formula.attendanceRate).toContain('实到人次 ÷ 应到人次');

    // Attendance of two sessions: the roster is the branch's four members.
    const [first, second] = ids;
    const m = branch.members;
    const marked = await secretary.patch(`/api/org-life/sessions/${first}`, {
      minutes: '学习党的二十届三中全会精神',
      attendance: [
        { memberId: m[0]!.id, status: 'present' },
        { memberId: m[1]!.id, status: 'present' },
        { memberId: m[2]!.id, status: 'present' },
        { memberId: m[3]!.id, status: 'leave', leaveReason: '外出就医' },
      ],
    });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    expect(marked.body).toMatchObject({ expected: 4, present: 3, leave: 1 });
    await secretary.patch(`/api/org-life/sessions/${second}`, {
      attendance: [
        { memberId: m[1]!.id, status: 'present' },
        { memberId: m[2]!.id, status: 'present' },
      ],
    });
    // Recording the missing March group meeting clears the flag.
    await session('groupMeeting', day('03-28'), '三月党小组会');
    f = await fig();
    expect(row().missing).toEqual([]);
    expect(f.total.flagged).toBe(0);
    // By hand: 11 sessions held × 4 members = 44 expected; 3 + 2 present = 5.
    expect(row()).toMatchObject({ held: 11, expected: 44, present: 5 });
    expect(row().attendanceRate).toBeCloseTo(5 / 44, 10);
    // A month later the April periods have ended: flagged again until April's sessions are held.
    t.clock.set(new Date('2026-05-02T02:00:00Z'));
    for (const c of [streetAdmin, farStaff]) await c.login(c.account.username, c.account.password);
    f = await fig();
    expect(row().missing.map((x: { kind: string; period: string }) => `${x.kind}:${x.period}`)).toEqual([
      'branchCommittee:2026-04',
      'groupMeeting:2026-04',
      'themeDay:2026-04',
    ]);
    // Outside the subtree: no such node.
    expect((await farStaff.get(`/api/org-life/figures?year=2026&territoryId=${A1().community.id}`)).status).toBe(404);
  });

  it('lets a member on the roster sign in once or ask for leave; locks attendance after approval', async () => {
    for (const c of [secretary, member, stranger, farStaff]) await c.login(c.account.username, c.account.password);
    const s = await session('partyLesson', day('05-10'), '专题党课');
    expect(s.status).toBe('planned');
    expect((await stranger.post(`/api/org-life/sessions/${s.id}/sign-in`)).status).toBe(404);
    expect((await member.post(`/api/org-life/sessions/${s.id}/sign-in`)).status).toBe(200);
    const twice = await member.post(`/api/org-life/sessions/${s.id}/sign-in`);
    expect(twice.status).toBe(409);
    expect((await member.post(`/api/org-life/sessions/${s.id}/leave`, { reason: '加班' })).status).toBe(409);
    const mine = await member.get('/api/org-life/sessions/mine');
    expect(mine.body.items.find((x: { id: number }) => x.id === s.id)).toMatchObject({ myStatus: 'present' });

    const s2 = await session('themeDay', day('05-15'), '五月主题党日');
    const leave = await member.post(`/api/org-life/sessions/${s2.id}/leave`, { reason: '出差' });
    expect(leave.body).toEqual({ sessionId: s2.id, status: 'leave' });
    expect((await secretary.patch(`/api/org-life/sessions/${s2.id}`, { status: 'approved' })).status).toBe(200);
    const late = await secretary.patch(`/api/org-life/sessions/${s2.id}`, {
      attendance: [{ memberId: branch.members[0]!.id, status: 'present' }],
    });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('已审定');
    expect((await member.post(`/api/org-life/sessions/${s2.id}/sign-in`)).status).toBe(409);
    expect((await farStaff.get(`/api/org-life/sessions/${s2.id}`)).status).toBe(404);
  });

  it('keeps study records: sessions attended derived, lessons with hours; own and the branch’s', async () => {
    const added = await secretary.post('/api/org-life/study/lessons', {
      memberId: branch.members[0]!.id,
      title: '党史学习教育专题',
      hours: 1.5,
      studiedOn: '2026-04-20',
      note: '线上学习',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const own = await member.post('/api/org-life/study/mine/lessons', {
      title: '“七一”重要讲话精神',
      hours: 2,
      studiedOn: '2026-04-22',
    });
    expect(own.status).toBe(201);
    const mine = await member.get('/api/org-life/study/mine');
    expect(mine.body[0]).toMatchObject({ member: { name: '张党员' }, totalHours: 3.5 });
    expect(mine.body[0].sessions.map((x: { title: string }) => x.title)).toContain('专题党课');
    const all = await secretary.get(`/api/org-life/study/branch/${branch.branch.id}`);
    expect(all.body.map((r: { member: { name: string } }) => r.member.name)).toEqual([
      '张党员',
      '李党员',
      '王党员',
      '赵党员',
    ]);
    expect((await farStaff.get(`/api/org-life/study/branch/${branch.branch.id}`)).status).toBe(404);

    // Exported: a summary row per member and a sheet per member, its hours the same as the record's.
    const xlsx = async (c: Client, url: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url,
        headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return wb;
    };
    const wb = await xlsx(secretary, `/api/org-life/study/branch/${branch.branch.id}/export.xlsx`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '张党员', '李党员', '王党员', '赵党员']);
    const summary = wb.worksheets[0]!.getRow(2).values as unknown[];
    expect(summary.slice(1)).toEqual(['张党员', '小区第一党支部', mine.body[0].sessions.length, 2, 3.5]);
    const sheet = wb.getWorksheet('张党员')!;
    const titles: string[] = [];
    sheet.eachRow((row, n) => n > 2 && titles.push(String(row.getCell(3).value)));
    expect(titles).toEqual(expect.arrayContaining(['党史学习教育专题', '“七一”重要讲话精神', '专题党课']));
    const ownBook = await xlsx(member, '/api/org-life/study/mine/export.xlsx');
    expect(ownBook.worksheets.map((w) => w.name)).toEqual(['汇总', '张党员']);
    const far = await t.app.inject({
      method: 'GET',
      url: `/api/org-life/study/branch/${branch.branch.id}/export.xlsx`,
      headers: { cookie: [...farStaff.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(far.statusCode).toBe(404);
  });
});
