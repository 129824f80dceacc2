import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { chinaDay } from '../../kernel/clock.js';
import { coProjects } from './schema.js';
import { makeProject, makeResource, makeUnit } from './testing.js';

const DAY = 86_400_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client, farStaff: Client, member: Client, resident: Client, farResident: Client;
const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;
const P = '/api/co-building/challenges';
const day = (offset: number) => chinaDay(new Date(t.clock.now().getTime() + offset * DAY));

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
  member = await t.as(['partyMember'], A1().community.id);
  resident = await t.as(['resident'], A1().household.id);
  farResident = await t.as(['resident'], B1().household.id);
});
afterAll(() => t.close());

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const post = (title: string) => ({
  territoryId: A1().community.id,
  title,
  description: '老旧“三无”楼院无物业，垃圾堆放、私搭乱建，居民反映强烈',
  category: 'property',
  deadline: day(60),
  reward: '年度“揭榜挂帅”先进个人表彰',
});

describe('揭榜挂帅 challenges', () => {
  it('runs open → taken → inProgress → solved over HTTP, with picks, reasons, reports, ratings and audit', async () => {
    const unit = await makeUnit(t.db, A1().community, '鲁沙尔镇供电所');
    // Bad input is 400 per field; a node below a community is not a poster; outside the subtree is 404.
    const bad = await staff.post(P, { ...post('x'), deadline: day(-1) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('deadline');
    expect((await staff.post(P, { ...post('x'), territoryId: A1().compound.id })).status).toBe(400);
    expect((await farStaff.post(P, post('x'))).status).toBe(404);

    let c = await ok(staff.post(P, post('老旧三无楼院治理')), 201);
    const id = c.id as number;
    expect(c).toMatchObject({ status: 'open', applicantCount: 0, moves: ['taken', 'withdrawn'] });

    // Three applicants: a party member, a cadre, a unit.
    await ok(member.post(`${P}/${id}/applicants`, { kind: 'member', name: '马文军', plan: '组织在职党员每周清运' }));
    await ok(staff.post(`${P}/${id}/applicants`, { kind: 'cadre', name: '李海燕', plan: '牵头成立楼院自管会' }));
    c = await ok(
      staff.post(`${P}/${id}/applicants`, { kind: 'unit', unitId: unit.id, plan: '改造楼院线路，安装路灯' }),
    );
    const apps = c.applicants as { id: number; name: string }[];
    expect(apps.map((a) => a.name)).toEqual(['马文军', '李海燕', '鲁沙尔镇供电所']);

    // Progress before a taker is picked is refused; picking without a reason for those left out is 400.
    expect((await member.post(`${P}/${id}/reports`, { reportedOn: day(0), text: '开始' })).status).toBe(409);
    const noReason = await staff.post(`${P}/${id}/pick`, { picked: [apps[1]!.id, apps[2]!.id] });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('马文军');
    // An illegal move is 409 with a translated message.
    const early = await staff.post(`${P}/${id}/move`, { to: 'solved', outcome: 'x', stars: 5 });
    expect(early.status).toBe(409);
    expect(JSON.stringify(early.body)).toContain('张榜中');

    c = await ok(
      staff.post(`${P}/${id}/pick`, {
        picked: [apps[1]!.id, apps[2]!.id],
        notPicked: [{ id: apps[0]!.id, reason: '已承担另一楼院的清运任务' }],
      }),
    );
    expect(c).toMatchObject({ status: 'taken', takenOn: day(0), takers: ['李海燕', '鲁沙尔镇供电所'] });
    expect((c.applicants as { decision: string; reason: string | null }[])[0]).toMatchObject({
      decision: 'notPicked',
      reason: '已承担另一楼院的清运任务',
    });
    // No more applications once taken.
    expect((await member.post(`${P}/${id}/applicants`, { kind: 'member', name: '王', plan: 'x' })).status).toBe(409);

    // The first report starts the work.
    c = await ok(member.post(`${P}/${id}/reports`, { reportedOn: day(0), text: '清理楼道杂物 12 车，成立自管会' }));
    expect(c.status).toBe('inProgress');
    await ok(staff.post(`${P}/${id}/reports`, { reportedOn: day(0), text: '安装路灯 8 盏' }));
    // Residents cannot rate an open outcome; closing needs an outcome and stars.
    expect((await resident.post(`${P}/${id}/ratings`, { stars: 5 })).status).toBe(409);
    expect((await staff.post(`${P}/${id}/move`, { to: 'solved' })).status).toBe(400);
    c = await ok(staff.post(`${P}/${id}/move`, { to: 'solved', outcome: '楼院有了自管会，环境整治到位', stars: 5 }));
    expect(c).toMatchObject({ status: 'solved', closedOn: day(0), posterStars: 5, moves: [] });
    expect((c.reports as unknown[]).length).toBe(2);
    expect((await staff.post(`${P}/${id}/move`, { to: 'withdrawn' })).status).toBe(409);

    // A resident of the community rates once; a resident of another community does not see it.
    c = await ok(resident.post(`${P}/${id}/ratings`, { stars: 4, comment: '楼道亮了' }), 201);
    expect(c).toMatchObject({ ratingCount: 1, ratingAverage: 4, ratedByMe: true });
    expect((await resident.post(`${P}/${id}/ratings`, { stars: 5 })).status).toBe(409);
    expect((await farResident.post(`${P}/${id}/ratings`, { stars: 1 })).status).toBe(404);
    expect((await farResident.get(`${P}/${id}`)).status).toBe(404);
    expect((await farStaff.get(`${P}/${id}`)).status).toBe(404);

    const actions = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'coChallenge'), eq(auditLog.objectId, String(id))));
    expect(actions.map((a) => a.action).sort()).toEqual(
      [
        'coChallenge.create',
        'coChallenge.apply',
        'coChallenge.apply',
        'coChallenge.apply',
        'coChallenge.pick',
        'coChallenge.report',
        'coChallenge.report',
        'coChallenge.solved',
        'coChallenge.rate',
      ].sort(),
    );
  });

  it('withdraws, fails, lists with filters, and keeps non-public challenges from residents', async () => {
    const w = await ok(staff.post(P, post('河道护栏破损无人管')), 201);
    await ok(staff.post(`${P}/${w.id}/move`, { to: 'withdrawn' }));
    const f = await ok(staff.post(P, { ...post('小区停车难'), public: false, category: 'parking' }), 201);
    await ok(member.post(`${P}/${f.id}/applicants`, { kind: 'member', name: '赵', plan: '错时停车' }));
    const fa = (await ok(staff.get(`${P}/${f.id}`))).applicants as { id: number }[];
    await ok(staff.post(`${P}/${f.id}/pick`, { picked: [fa[0]!.id] }));
    await ok(staff.post(`${P}/${f.id}/move`, { to: 'inProgress' }));
    expect((await staff.post(`${P}/${f.id}/move`, { to: 'inProgress' })).status).toBe(409);
    await ok(staff.post(`${P}/${f.id}/move`, { to: 'failed', outcome: '周边单位不愿开放车位', stars: 2 }));

    const list = await ok(staff.get(`${P}?status=withdrawn,failed&territoryId=${A1().community.id}`));
    expect((list.items as { title: string }[]).map((x) => x.title).sort()).toEqual([
      '小区停车难',
      '河道护栏破损无人管',
    ]);
    expect(list.total).toBe(2);
    const parking = await ok(staff.get(`${P}?category=parking`));
    expect(parking.total).toBe(1);
    // Outside staff see none of them; the resident does not see the non-public one.
    expect((await ok(farStaff.get(P))).total).toBe(0);
    const mine = (await ok(resident.get(`${P}?pageSize=100`))).items as { title: string }[];
    expect(mine.map((x) => x.title)).not.toContain('小区停车难');
    expect((await resident.get(`${P}/${f.id}`)).status).toBe(404);
  });

  it('shows a community’s public timeline: need → match → project → outcome → rating, and challenges; residents see only their own', async () => {
    const res = await makeResource(t.db, A1().community, { title: '台阶施工队', offererName: '鲁沙尔镇建筑公司' });
    const p = await makeProject(t.db, A1().community, {
      title: '大坝通道台阶改造',
      status: 'done',
      doneOn: day(-1),
      resourceId: res.id,
    });
    await t.db.update(coProjects).set({ outcome: '台阶加宽，老人孩子走得安全' }).where(eq(coProjects.id, p.id));
    await ok(resident.post(`/api/co-building/projects/${p.id}/ratings`, { stars: 5 }), 201);

    const tl = await ok(resident.get('/api/co-building/timeline?pageSize=100'));
    expect(tl.community.id).toBe(A1().community.id);
    const items = tl.items as { kind: string; id: number; title: string; steps: { step: string; ref: unknown }[] }[];
    const need = items.find((e) => e.kind === 'need' && e.id === p.needId)!;
    expect(need.steps.map((s) => s.step)).toEqual(['need', 'match', 'project', 'outcome', 'rating']);
    expect(need.steps[1]!.ref).toEqual({ type: 'resource', id: res.id });
    expect(need.steps[4]).toMatchObject({ stars: 5, count: 1, ref: { type: 'project', id: p.id } });
    const solved = items.find((e) => e.kind === 'challenge' && e.title === '老旧三无楼院治理')!;
    expect(solved.steps.map((s) => s.step)).toEqual(['posted', 'taken', 'progress', 'progress', 'outcome', 'rating']);
    // The non-public challenge is not on it.
    expect(items.map((e) => e.title)).not.toContain('小区停车难');

    // A resident of another community sees their own (without these) and gets 404 for this one.
    const far = await ok(farResident.get('/api/co-building/timeline'));
    expect(far.community.id).toBe(B1().community.id);
    expect((far.items as { title: string }[]).map((e) => e.title)).not.toContain('老旧三无楼院治理');
    expect((await farResident.get(`/api/co-building/timeline?communityId=${A1().community.id}`)).status).toBe(404);
    expect((await farStaff.get(`/api/co-building/timeline?communityId=${A1().community.id}`)).status).toBe(404);
    const st = await ok(staff.get(`/api/co-building/timeline?communityId=${A1().community.id}&pageSize=1`));
    expect(st.total).toBe(tl.total);
    expect(st.items).toHaveLength(1);
  });
});
