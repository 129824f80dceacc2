import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Match, NeedProposal, ProjectSummary, Suggestion, Task } from './contract.js';
import { makeProject, makeResource } from './testing.js';

const DAY = 86_400_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let staff: Signed, secretary: Signed, resident: Signed, otherResident: Signed, farStaff: Signed, farResident: Signed;

const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;
const day = (offset: number) => chinaDay(new Date(t.clock.now().getTime() + offset * DAY));
const P = '/api/co-building';

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  secretary = await t.as(['communitySecretary'], A1().community.id);
  resident = await t.as(['resident'], A1().household.id);
  otherResident = await t.as(['resident'], A1().household.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
  farResident = await t.as(['resident'], B1().household.id);
});
afterAll(() => t.close());

/** The body of an answer that must have this status (read as a user reads JSON). */
async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}
const auditsOf = async (objectType: string, id: number) =>
  (
    await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, objectType), eq(auditLog.objectId, String(id))))
  ).map((a) => a.action);

describe('needs 需求清单', () => {
  it('are raised by residents and staff, scoped, closed as not met, and illegal moves are 409', async () => {
    const need = await ok(
      resident.post(`${P}/needs`, { title: '楼道灯不亮', category: 'repair', description: '三楼楼道灯坏了一周' }),
      201,
    );
    expect(need).toMatchObject({ status: 'open', source: 'resident', place: { id: A1().household.id } });
    expect(need.community.id).toBe(A1().community.id);
    // Staff see it; outside the subtree it is 404; a resident does not read the staff lists.
    expect((await ok(staff.get(`${P}/needs?q=${encodeURIComponent('楼道灯')}`))).total).toBe(1);
    expect((await farStaff.get(`${P}/needs/${need.id}`)).status).toBe(404);
    expect((await resident.get(`${P}/needs`)).status).toBe(403);
    // Above community level is not a place for a need; a meeting need says which meeting.
    const high = await staff.post(`${P}/needs`, { title: 'x', category: 'other', territoryId: tree.district.id });
    expect(high.status).toBe(404);
    const noNote = await staff.post(`${P}/needs`, { title: '议定：修缮车棚', category: 'repair', source: 'meeting' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.fields[0].field).toBe('sourceNote');
    const meeting = await ok(
      staff.post(`${P}/needs`, {
        title: '议定：修缮车棚',
        category: 'repair',
        source: 'meeting',
        sourceNote: '6月联席会议',
        territoryId: A1().compound.id,
      }),
      201,
    );
    expect(meeting.sourceNote).toBe('6月联席会议');

    const closed = await ok(staff.post(`${P}/needs/${need.id}/close`, { note: '物业已修好' }));
    expect(closed).toMatchObject({ status: 'notMet', closedNote: '物业已修好' });
    const again = await staff.post(`${P}/needs/${need.id}/close`, { note: '再关' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('未满足');
    expect(await auditsOf('coNeed', need.id)).toEqual(expect.arrayContaining(['coNeed.create', 'coNeed.close']));
  });

  it('are proposed from recurring orders: the same category at the same compound, N orders in M days', async () => {
    for (const title of ['垃圾未清运', '垃圾堆放', '垃圾桶满溢'])
      await ok(
        resident.post('/api/orders', {
          kind: 'problem',
          category: 'environment',
          title,
          territoryId: A1().household.id,
        }),
        201,
      );
    const props = await ok(staff.get(`${P}/need-proposals?minOrders=3&days=30`));
    const mine = props.find((p: NeedProposal) => p.compound.id === A1().compound.id && p.category === 'environment');
    expect(mine).toMatchObject({ count: 3, existingNeedId: null, community: { id: A1().community.id } });
    expect((await ok(staff.get(`${P}/need-proposals?minOrders=4&days=30`))).length).toBe(0);
    expect((await ok(farStaff.get(`${P}/need-proposals?minOrders=3&days=30`))).length).toBe(0);
    const need = await ok(
      staff.post(`${P}/needs`, {
        title: '小区垃圾清运不及时',
        category: 'environment',
        source: 'recurringOrders',
        sourceOrderIds: mine.orderIds,
        territoryId: A1().compound.id,
      }),
      201,
    );
    const after = await ok(staff.get(`${P}/need-proposals?minOrders=3&days=30`));
    expect(after.find((p: NeedProposal) => p.compound.id === A1().compound.id)?.existingNeedId).toBe(need.id);
  });
});

describe('resources 资源清单 and matching', () => {
  it('are registered, suggested with reasons, accepted and rejected with a reason; capacity never passes its total', async () => {
    const near = await ok(
      staff.post(`${P}/resources`, {
        title: '助老志愿服务',
        kind: 'hours',
        categories: ['elderly'],
        territoryId: A1().community.id,
        offererKind: 'member',
        offererName: '在职党员服务队',
        capacity: 40,
        unitOfMeasure: '小时',
        availabilityNote: '每周六上午',
      }),
      201,
    );
    expect(near).toMatchObject({ remaining: 40, usedCapacity: 0, area: { id: A1().community.id } });
    // A street-wide resource of another category is suggested lower; another community's is out of reach.
    const far = await makeResource(t.db, tree.streetA.street, {
      title: '绿化苗木',
      categories: ['greening'],
      capacity: 100,
    });
    const other = await makeResource(t.db, A2().community, { title: '邻社区助老', categories: ['elderly'] });
    const badWindow = await staff.post(`${P}/resources`, {
      title: 'x',
      kind: 'venue',
      territoryId: A1().community.id,
      offererKind: 'unit',
      offererName: 'x',
      capacity: 1,
      unitOfMeasure: '场',
    });
    expect(badWindow.status).toBe(400);
    expect(badWindow.body.fields[0].field).toBe('unitId');
    expect((await farStaff.patch(`${P}/resources/${near.id}`, { capacity: 1 })).status).toBe(404);

    const need = await ok(
      staff.post(`${P}/needs`, { title: '独居老人买菜难', category: 'elderly', territoryId: A1().household.id }),
      201,
    );
    const sugg = await ok(staff.get(`${P}/needs/${need.id}/suggestions`));
    const ids = sugg.map((s: Suggestion) => s.resource.id);
    expect(ids.indexOf(near.id)).toBe(0);
    expect(ids).toContain(far.id);
    expect(ids).not.toContain(other.id);
    expect(sugg[0]).toMatchObject({
      factors: { category: 1, distance: 1, capacity: 1, availability: 1 },
      weights: { category: 0.4, distance: 0.25, capacity: 0.15, availability: 0.1, fulfilment: 0.1 },
    });

    const rejected = await ok(staff.post(`${P}/needs/${need.id}/reject`, { resourceId: far.id, reason: '类别不符' }));
    expect(rejected.matches[0]).toMatchObject({ decision: 'rejected', reason: '类别不符' });
    expect((await staff.post(`${P}/needs/${need.id}/reject`, { resourceId: far.id, reason: '再拒' })).status).toBe(409);
    const tooMuch = await staff.post(`${P}/needs/${need.id}/accept`, { resourceId: near.id, amount: 41 });
    expect(tooMuch.status).toBe(409);
    const accepted = await ok(
      staff.post(`${P}/needs/${need.id}/accept`, { resourceId: near.id, amount: 30, reason: '就近、对口' }),
    );
    expect(accepted.status).toBe('matched');
    expect(accepted.matches.find((m: Match) => m.decision === 'accepted')).toMatchObject({
      amount: 30,
      reason: '就近、对口',
    });
    expect((await ok(staff.get(`${P}/resources/${near.id}`))).remaining).toBe(10);
    // Decided resources are no longer suggested; capacity below what is used is refused.
    expect(
      (await ok(staff.get(`${P}/needs/${need.id}/suggestions`))).map((s: Suggestion) => s.resource.id),
    ).not.toContain(near.id);
    const shrink = await staff.patch(`${P}/resources/${near.id}`, { capacity: 20 });
    expect(shrink.status).toBe(400);
    // Closing the need gives the capacity back.
    await ok(staff.post(`${P}/needs/${need.id}/close`, { note: '家属接回照顾' }));
    expect((await ok(staff.get(`${P}/resources/${near.id}`))).remaining).toBe(40);
    expect(await auditsOf('coNeed', need.id)).toEqual(
      expect.arrayContaining(['coNeed.create', 'coNeed.reject', 'coNeed.accept', 'coNeed.close']),
    );
    expect(await auditsOf('coResource', near.id)).toEqual(['coResource.create']);
  });

  it('gives the last capacity to one of two concurrent accepts; the other gets 409 and nothing goes below zero', async () => {
    const r = await makeResource(t.db, A1().community, { title: '最后一把轮椅', categories: ['elderly'], capacity: 1 });
    const n1 = await ok(staff.post(`${P}/needs`, { title: '借轮椅一', category: 'elderly' }), 201);
    const n2 = await ok(secretary.post(`${P}/needs`, { title: '借轮椅二', category: 'elderly' }), 201);
    const [a, b] = await Promise.all([
      staff.post(`${P}/needs/${n1.id}/accept`, { resourceId: r.id, amount: 1 }),
      secretary.post(`${P}/needs/${n2.id}/accept`, { resourceId: r.id, amount: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const after = await ok(staff.get(`${P}/resources/${r.id}`));
    expect(after).toMatchObject({ usedCapacity: 1, remaining: 0 });
  });
});

describe('projects 项目清单', () => {
  it('run from needs to a rated outcome: tasks roll up % done, a task becomes a service order, residents rate', async () => {
    const r = await makeResource(t.db, A1().community, { title: '企业出资', categories: ['safety'], capacity: 100000 });
    const need = await ok(
      staff.post(`${P}/needs`, { title: '大坝通道地基下沉', category: 'safety', territoryId: A1().compound.id }),
      201,
    );
    await ok(
      staff.post(`${P}/needs/${need.id}/accept`, { resourceId: r.id, amount: 50000, reason: '社工委成员单位认领' }),
    );
    const badDates = await staff.post(`${P}/projects`, {
      title: 'x',
      needIds: [need.id],
      ownerName: 'x',
      startOn: day(5),
      dueOn: day(1),
    });
    expect(badDates.status).toBe(400);
    const project = await ok(
      staff.post(`${P}/projects`, {
        title: '大坝通道改造',
        needIds: [need.id],
        ownerName: '社工委',
        budget: 50000,
        startOn: day(0),
        dueOn: day(25),
      }),
      201,
    );
    expect(project).toMatchObject({ status: 'inProgress', state: 'due', percentDone: 0, needCount: 1 });
    expect(project.needs[0].status).toBe('inProject');
    expect(project.matches[0]).toMatchObject({ amount: 50000, resource: { id: r.id } });
    // The need cannot go into a second project.
    const twice = await staff.post(`${P}/projects`, {
      title: '重复',
      needIds: [need.id],
      ownerName: 'x',
      startOn: day(0),
      dueOn: day(1),
    });
    expect(twice.status).toBe(409);

    await ok(
      staff.post(`${P}/projects/${project.id}/tasks`, { title: '确定建设方案', milestone: '方案', dueOn: day(3) }),
      201,
    );
    let p = await ok(
      staff.post(`${P}/projects/${project.id}/tasks`, { title: '施工', milestone: '建设', dueOn: day(20), weight: 3 }),
      201,
    );
    const [plan, build] = p.tasks;
    p = await ok(staff.post(`${P}/projects/${project.id}/tasks/${plan.id}/done`));
    expect(p.percentDone).toBe(25);
    expect((await staff.post(`${P}/projects/${project.id}/tasks/${plan.id}/done`)).status).toBe(409);
    p = await ok(staff.post(`${P}/projects/${project.id}/tasks/${build.id}/order`, { category: 'repair' }));
    const orderId = p.tasks.find((x: Task) => x.id === build.id).orderId;
    expect(orderId).toBeGreaterThan(0);
    const order = await ok(staff.get(`/api/orders/${orderId}`));
    expect(order.title).toBe('大坝通道改造：施工');
    expect((await staff.post(`${P}/projects/${project.id}/tasks/${build.id}/order`, {})).status).toBe(409);

    // Not finished while a task is open; residents cannot rate before it is done.
    expect((await staff.post(`${P}/projects/${project.id}/complete`, { outcome: '建成' })).status).toBe(409);
    expect((await resident.post(`${P}/projects/${project.id}/ratings`, { stars: 5 })).status).toBe(409);
    await ok(staff.post(`${P}/projects/${project.id}/tasks/${build.id}/done`));
    const done = await ok(
      staff.post(`${P}/projects/${project.id}/complete`, { outcome: '不到一个月，大坝通道建成，踏步宽、台阶低' }),
    );
    expect(done).toMatchObject({ status: 'done', state: 'done', percentDone: 100 });
    expect(done.needs[0].status).toBe('met');
    expect((await staff.post(`${P}/projects/${project.id}/tasks`, { title: 'x', dueOn: day(1) })).status).toBe(409);

    const rated = await ok(
      resident.post(`${P}/projects/${project.id}/ratings`, { stars: 5, comment: '老人孩子走得安全' }),
      201,
    );
    expect(rated).toMatchObject({ ratingCount: 1, ratingMean: 5, ratedByMe: true });
    await ok(otherResident.post(`${P}/projects/${project.id}/ratings`, { stars: 4 }), 201);
    expect((await resident.post(`${P}/projects/${project.id}/ratings`, { stars: 1 })).status).toBe(409);
    expect((await farResident.post(`${P}/projects/${project.id}/ratings`, { stars: 1 })).status).toBe(404);
    expect((await ok(staff.get(`${P}/projects/${project.id}`))).ratingMean).toBe(4.5);

    // The board: filters by colour; the figures count it on time with a drill-down link.
    const board = await ok(staff.get(`${P}/projects?state=done&territoryId=${A1().community.id}`));
    expect(board.items.map((x: ProjectSummary) => x.id)).toContain(project.id);
    const figs = await ok(staff.get(`${P}/figures?territoryId=${A1().community.id}&from=${day(-1)}&to=${day(1)}`));
    const byKey = Object.fromEntries(figs.figures.map((f: { key: string }) => [f.key, f]));
    expect(byKey.projectsOnTime.value).toBeGreaterThanOrEqual(1);
    expect(byKey.needsMet.value).toBeGreaterThanOrEqual(1);
    expect(byKey.projectsOnTime.formula).toContain('完成日期');
    const link = new URL(byKey.projectsOnTime.link, 'http://x');
    const drill = await ok(staff.get(`${P}/projects?${link.searchParams.toString()}`));
    expect(drill.total).toBe(byKey.projectsOnTime.value);
    const needLink = new URL(byKey.needsMet.link, 'http://x');
    expect((await ok(staff.get(`${P}/needs?${needLink.searchParams.toString()}`))).total).toBe(byKey.needsMet.value);
    expect(await auditsOf('coProject', project.id)).toEqual(
      expect.arrayContaining([
        'coProject.create',
        'coProject.addTask',
        'coProject.finishTask',
        'coProject.orderTask',
        'coProject.complete',
        'coProject.rate',
      ]),
    );
  });

  it('colour late projects and feed the offerer’s past fulfilment into matching', async () => {
    const offerer = await makeResource(t.db, A2().community, {
      title: '物业维修班',
      categories: ['repair'],
      capacity: 50,
    });
    const late = await makeProject(t.db, A2().community, {
      title: '迟到的项目',
      dueOn: day(-3),
      resourceId: offerer.id,
    });
    const s = await t.as(['communityStaff'], A2().community.id);
    const list = await ok(s.get(`${P}/projects?state=late`));
    expect(list.items.map((x: ProjectSummary) => x.id)).toContain(late.id);
    expect(list.items.find((x: ProjectSummary) => x.id === late.id).state).toBe('late');
    const need = await ok(s.post(`${P}/needs`, { title: '单元门坏了', category: 'repair' }), 201);
    const sugg = await ok(s.get(`${P}/needs/${need.id}/suggestions`));
    // One finished (late) project, not on time, no ratings: ½·(0+1)/(1+2) + ½·(0+1)/(0+2) = 0.417.
    expect(sugg.find((x: Suggestion) => x.resource.id === offerer.id).factors.fulfilment).toBe(0.417);
  });
});
