import ExcelJS from 'exceljs';
import { chinaToday, systemClock } from '../../kernel/clock.js';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { notifications } from '../notifications/schema.js';
import { geoClient } from '../open311/testing.js';
import { reminderPass } from './cycle.service.js';
import { reviewScore } from './grading.js';
import { makeOrg } from './testing.js';

/** Decision 032: key tasks and responsibility lists, monthly reminders, visits 督导, 述职评议, 一窗受理 → order. */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let street: Client, streetB: Client, secA1: Client, staffA2: Client, farStaff: Client;
const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;
const P = '/api/assessment';
const year = Number(chinaToday(systemClock).slice(0, 4));

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  street = await t.as(['streetAdmin'], tree.streetA.street.id);
  streetB = await t.as(['streetAdmin'], tree.streetB.street.id);
  secA1 = await t.as(['communitySecretary'], A1().community.id);
  staffA2 = await t.as(['communityStaff'], A2().community.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
});
afterAll(() => t.close());

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const lastDayOfThisMonth = () => {
  const [y, m] = chinaToday(systemClock).split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

describe('key tasks 重点任务 and responsibility lists 责任清单', () => {
  it('goes set → evidence → returned → evidence → accepted; completion is accepted ÷ all', async () => {
    const y = 2031;
    const mk = (title: string, kind = 'key') =>
      ok(
        street.post(`${P}/key-tasks`, {
          kind,
          year: y,
          territoryId: A1().community.id,
          title,
          ownerName: '王书记',
          dueOn: `${y}-06-30`,
        }),
        201,
      );
    const a = await mk('小区党支部全覆盖');
    await mk('红色物业联盟组建', 'responsibility');
    await mk('党群服务中心提档升级', 'responsibility');
    expect(a.status).toBe('open');
    expect(a.setBy.id).toBe(tree.streetA.street.id);

    // Only the organisation hands in; only a superior checks; nobody sets a task for their own node.
    expect((await staffA2.post(`${P}/key-tasks/${a.id}/submit`, { evidence: 'x' })).status).toBe(404);
    expect((await street.post(`${P}/key-tasks/${a.id}/submit`, { evidence: 'x' })).status).toBe(403);
    expect((await secA1.post(`${P}/key-tasks/${a.id}/check`, { accept: true })).status).toBe(403);
    expect((await street.post(`${P}/key-tasks/${a.id}/check`, { accept: true })).status).toBe(409);
    const own = await street.post(`${P}/key-tasks`, {
      kind: 'key',
      year: y,
      territoryId: tree.streetA.street.id,
      title: '自己给自己',
      ownerName: '张',
      dueOn: `${y}-01-01`,
    });
    expect(own.status).toBe(403);

    const sub = await ok(secA1.post(`${P}/key-tasks/${a.id}/submit`, { evidence: '12 个小区党支部成立文件' }));
    expect(sub.status).toBe('submitted');
    const noNote = await street.post(`${P}/key-tasks/${a.id}/check`, { accept: false });
    expect(noNote.status).toBe(400);
    expect(JSON.stringify(noNote.body)).toContain('note');
    const back = await ok(street.post(`${P}/key-tasks/${a.id}/check`, { accept: false, note: '缺少成立批复' }));
    expect(back.status).toBe('returned');
    await ok(secA1.post(`${P}/key-tasks/${a.id}/submit`, { evidence: '成立文件与街道党工委批复' }));
    expect((await streetB.post(`${P}/key-tasks/${a.id}/check`, { accept: true })).status).toBe(404);
    const done = await ok(street.post(`${P}/key-tasks/${a.id}/check`, { accept: true }));
    expect(done.status).toBe('accepted');

    const list = await ok(street.get(`${P}/responsibility-lists?year=${y}`));
    const row = list.items.find((r: { place: { id: number } }) => r.place.id === A1().community.id);
    // Hand count: 3 tasks, 1 accepted → 1 ÷ 3 × 100 = 33.3.
    expect(row).toMatchObject({ total: 3, key: 1, accepted: 1, open: 2, completion: 33.3 });
    expect(list.formula).toContain('已验收');
    const drill = await ok(street.get(`${P}/key-tasks?territoryId=${A1().community.id}&year=${y}`));
    expect(drill.total).toBe(3);

    // Scope: another street's staff see none of it.
    expect((await ok(farStaff.get(`${P}/key-tasks?year=${y}`))).total).toBe(0);
    expect((await ok(streetB.get(`${P}/responsibility-lists?year=${y}`))).items).toHaveLength(0);
  });
});

describe('monthly reminder list 月度提醒清单', () => {
  it('lists what falls due by the month end per organisation, pushes it once per month', async () => {
    const own = await t.factory.tree();
    const st = await t.as(['streetAdmin'], own.streetA.street.id);
    const c1 = own.streetA.communities[0]!.community;
    const sec = await t.as(['communitySecretary'], c1.id);
    const month = chinaToday(systemClock).slice(0, 7);
    const task = (title: string, dueOn: string) =>
      ok(st.post(`${P}/key-tasks`, { kind: 'key', year, territoryId: c1.id, title, ownerName: '李', dueOn }), 201);
    await task('逾期的任务', '2020-01-15');
    await task('本月到期', lastDayOfThisMonth());
    await task('下月以后', '2099-01-01');
    const accepted = await task('已验收的', lastDayOfThisMonth());
    await ok(sec.post(`${P}/key-tasks/${accepted.id}/submit`, { evidence: '材料' }));
    await ok(st.post(`${P}/key-tasks/${accepted.id}/check`, { accept: true }));
    await ok(
      st.post(`${P}/visits`, {
        kind: 'supervision',
        territoryId: c1.id,
        visitedOn: chinaToday(systemClock),
        unannounced: true,
        inspectors: '街道党工委督导组',
        summary: '台账不全',
        findings: [{ title: '补齐三会一课台账', dueOn: lastDayOfThisMonth() }],
      }),
      201,
    );

    const r = await ok(st.get(`${P}/reminders?month=${month}`));
    expect(r.rule).toContain(lastDayOfThisMonth());
    expect(r.items).toHaveLength(1);
    const g = r.items[0];
    expect(g.place.id).toBe(c1.id);
    // Hand count: the overdue task, this month's task, the finding; not next year's, not the accepted one.
    expect(g.items.map((i: { title: string }) => i.title).sort()).toEqual(
      ['本月到期', '补齐三会一课台账', '逾期的任务'].sort(),
    );
    expect(g).toMatchObject({ due: 3, overdue: 1, pushedAt: null });

    expect((await sec.post(`${P}/reminders/push`, { month })).status).toBe(403);
    expect((await st.get(`${P}/reminders?month=2026-13`)).status).toBe(400);
    const pushed = await ok(st.post(`${P}/reminders/push`, { month }));
    expect(pushed).toMatchObject({ pushed: 1, skipped: 0, recipients: 1 });
    const heard = await t.db.select().from(notifications).where(eq(notifications.accountId, sec.account.id));
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ kind: 'assessment.reminder' });
    expect(heard[0]!.params).toMatchObject({ due: 3, overdue: 1, month });
    const again = await ok(st.post(`${P}/reminders/push`, { month }));
    expect(again).toMatchObject({ pushed: 0, skipped: 1 });
    expect(await t.db.select().from(notifications).where(eq(notifications.accountId, sec.account.id))).toHaveLength(1);
    expect((await ok(st.get(`${P}/reminders?month=${month}`))).items[0].pushedAt).not.toBeNull();
    // The secretary reads the list of their own node.
    expect((await ok(sec.get(`${P}/reminders?month=${month}`))).items[0].due).toBe(3);
  });
});

describe('visits 督导 / 观摩', () => {
  it('records findings as rectification items tracked to done; only 观摩 is scored', async () => {
    const bad = await street.post(`${P}/visits`, {
      kind: 'supervision',
      territoryId: A1().community.id,
      visitedOn: chinaToday(systemClock),
      inspectors: '督导组',
      summary: '—',
      score: 80,
    });
    expect(bad.status).toBe(400);
    const v = await ok(
      street.post(`${P}/visits`, {
        kind: 'supervision',
        territoryId: A1().community.id,
        visitedOn: chinaToday(systemClock),
        unannounced: true,
        inspectors: '区委组织部督导组',
        summary: '四不两直：党群服务中心周末未开放',
        findings: [
          { title: '周末开放党群服务中心', dueOn: '2031-01-31' },
          { title: '公示开放时间', dueOn: '2031-01-15' },
        ],
      }),
      201,
    );
    expect(v.findings).toHaveLength(2);
    expect(v.open).toBe(2);
    const obs = await ok(
      street.post(`${P}/visits`, {
        kind: 'observation',
        territoryId: A2().community.id,
        visitedOn: chinaToday(systemClock),
        inspectors: '各社区书记',
        summary: '年中观摩',
        score: 92,
      }),
      201,
    );
    expect(obs.score).toBe(92);
    // Another community cannot mark A1's finding; A1 can.
    const f = v.findings[0];
    expect((await staffA2.post(`${P}/rectification-items/${f.id}/done`, { evidence: '照片' })).status).toBe(404);
    const done = await ok(secA1.post(`${P}/rectification-items/${f.id}/done`, { evidence: '周末值班表' }));
    expect(done.doneAt).not.toBeNull();
    const again = await ok(street.get(`${P}/visits/${v.id}`));
    expect(again.open).toBe(1);
    expect((await farStaff.get(`${P}/visits/${v.id}`)).status).toBe(404);
    expect((await ok(street.get(`${P}/visits?kind=observation`))).items.map((x: { id: number }) => x.id)).toContain(
      obs.id,
    );
  });

  it("keeps each visitor's score of a 观摩, once each; the visit scores their mean", async () => {
    const place = A2().community.id;
    const obs = await ok(
      street.post(`${P}/visits`, {
        kind: 'observation',
        territoryId: place,
        visitedOn: chinaToday(systemClock),
        inspectors: '街道观摩团',
        summary: '年中观摩',
        score: 92,
      }),
      201,
    );
    expect(obs.scores).toHaveLength(1);
    const second = await t.as(['streetAdmin'], tree.streetA.street.id);
    const third = await t.as(['streetAdmin'], tree.streetA.street.id);
    await ok(second.post(`${P}/visits/${obs.id}/scores`, { score: 85, comment: '台账规范' }), 201);
    const v = await ok(third.post(`${P}/visits/${obs.id}/scores`, { score: 80 }), 201);
    // Hand computation: (92 + 85 + 80) ÷ 3 = 257 ÷ 3 = 85.666… → 85.7.
    expect(v.score).toBe(85.7);
    expect(v.scoreFormula).toContain('257 ÷ 3');
    expect(v.scores.map((x: { score: number }) => x.score)).toEqual([92, 85, 80]);
    expect(v.myScore).toBe(80);
    // A visitor scores once (the recorder too); out of range 400; another street 404; a supervision is not scored.
    expect((await third.post(`${P}/visits/${obs.id}/scores`, { score: 90 })).status).toBe(409);
    expect((await street.post(`${P}/visits/${obs.id}/scores`, { score: 90 })).status).toBe(409);
    expect((await second.post(`${P}/visits/${obs.id}/scores`, { score: 101 })).status).toBe(400);
    expect((await streetB.post(`${P}/visits/${obs.id}/scores`, { score: 90 })).status).toBe(404);
    const sup = await ok(
      street.post(`${P}/visits`, {
        kind: 'supervision',
        territoryId: place,
        visitedOn: chinaToday(systemClock),
        inspectors: '督导组',
        summary: '四不两直',
      }),
      201,
    );
    expect((await second.post(`${P}/visits/${sup.id}/scores`, { score: 90 })).status).toBe(400);
    expect((await ok(street.get(`${P}/visits/${obs.id}`))).score).toBe(85.7);
  });
});

describe('annual review 述职评议', () => {
  it('combines members, residents and the superior by the stated formula (hand computation)', () => {
    // (40 × 85 + 30 × 60 + 30 × 70) ÷ 100 = 73
    expect(
      reviewScore([
        { weight: 40, n: 2, sum: 170 },
        { weight: 30, n: 1, sum: 60 },
        { weight: 30, n: 1, sum: 70 },
      ]),
    ).toBe(73);
    // Nobody of the superior rated: (40 × 85 + 30 × 60) ÷ 70 = 74.2857… → 74.3
    expect(
      reviewScore([
        { weight: 40, n: 2, sum: 170 },
        { weight: 30, n: 1, sum: 60 },
        { weight: 30, n: 0, sum: 0 },
      ]),
    ).toBe(74.3);
    expect(reviewScore([{ weight: 40, n: 0, sum: 0 }])).toBeNull();
  });

  it('goes report → ratings once each → close with the score kept → problems to rectify', async () => {
    const org = await makeOrg(t.db, A1().community, '文亭巷社区党委');
    const r = await ok(street.post(`${P}/annual-reviews`, { partyOrgId: org.id, year, secretaryName: '王书记' }), 201);
    expect(r.formula).toContain('40');
    expect((await street.post(`${P}/annual-reviews`, { partyOrgId: org.id, year, secretaryName: '王' })).status).toBe(
      409,
    );
    const badW = await street.post(`${P}/annual-reviews`, {
      partyOrgId: org.id,
      year: year + 1,
      secretaryName: '王',
      memberWeight: 50,
      residentWeight: 30,
      superiorWeight: 30,
    });
    expect(badW.status).toBe(400);

    const hh = A1().household.id;
    const m1 = await t.as(['partyMember'], hh);
    const m2 = await t.as(['partyMember'], hh);
    const res = await t.as(['resident'], hh);
    const farMember = await t.as(['partyMember'], B1().household.id);
    expect((await m1.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 80 })).status).toBe(409); // no report
    expect((await staffA2.post(`${P}/annual-reviews/${r.id}/report`, { report: 'x' })).status).toBe(404);
    await ok(secA1.post(`${P}/annual-reviews/${r.id}/report`, { report: '一年来，社区党委围绕……' }));
    // The secretary does not rate their own report (no permission); a member elsewhere does not see it.
    expect((await secA1.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 100 })).status).toBe(403);
    expect((await farMember.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 10 })).status).toBe(404);
    expect((await m1.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 101 })).status).toBe(400);

    await ok(m1.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 80, comment: '服务好' }), 201);
    await ok(m2.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 90 }), 201);
    const afterRes = await ok(res.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 60 }), 201);
    expect(afterRes.myRating).toMatchObject({ score: 60 });
    expect(afterRes.may.rate).toBe(false);
    expect((await res.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 100 })).status).toBe(409);
    expect((await street.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 70 })).status).toBe(403);
    expect((await m1.post(`${P}/annual-reviews/${r.id}/superior-rating`, { score: 70 })).status).toBe(403);
    const live = await ok(street.post(`${P}/annual-reviews/${r.id}/superior-rating`, { score: 70 }), 201);
    expect(live.groups).toEqual([
      { kind: 'member', weight: 40, n: 2, mean: 85 },
      { kind: 'resident', weight: 30, n: 1, mean: 60 },
      { kind: 'superior', weight: 30, n: 1, mean: 70 },
    ]);
    expect(live.score).toBe(73);
    expect(JSON.stringify(live)).not.toContain('accountId');

    expect((await secA1.post(`${P}/annual-reviews/${r.id}/close`)).status).toBe(403);
    const closed = await ok(street.post(`${P}/annual-reviews/${r.id}/close`));
    expect(closed).toMatchObject({ closed: true, score: 73 });
    expect((await m1.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 0 })).status).toBe(409);

    const withProblems = await ok(
      street.post(`${P}/annual-reviews/${r.id}/problems`, {
        items: [{ title: '群众反映停车难，未列入为民办事清单', dueOn: '2031-03-31' }],
      }),
      201,
    );
    expect(withProblems.problems).toHaveLength(1);
    const done = await ok(
      secA1.post(`${P}/rectification-items/${withProblems.problems[0].id}/done`, { evidence: '停车位划线 40 个' }),
    );
    expect(done.reviewId).toBe(r.id);
    // Residents of the community see the review (to rate it); another street does not.
    expect((await ok(res.get(`${P}/annual-reviews`))).map((x: { id: number }) => x.id)).toContain(r.id);
    expect((await streetB.get(`${P}/annual-reviews/${r.id}`)).status).toBe(404);
  });
});

describe('residents rate a 述职 (decision 045)', () => {
  it('takes one rating per resident of the community; the score and its drill-down come from those ratings', async () => {
    const org = await makeOrg(t.db, A2().community, '第二社区党委');
    const r = await ok(street.post(`${P}/annual-reviews`, { partyOrgId: org.id, year, secretaryName: '李书记' }), 201);
    const secA2 = await t.as(['communitySecretary'], A2().community.id);
    await ok(secA2.post(`${P}/annual-reviews/${r.id}/report`, { report: '一年来，社区党委……' }));

    const hh = A2().household.id;
    const residents = [await t.as(['resident'], hh), await t.as(['resident'], hh), await t.as(['resident'], hh)];
    const scores = [60, 80, 100];
    for (const [k, res] of residents.entries()) {
      const seen = await ok(res.get(`${P}/annual-reviews`));
      const mine = seen.find((x: { id: number }) => x.id === r.id);
      expect(mine.may).toMatchObject({ rate: true, rateAs: 'resident' });
      await ok(res.post(`${P}/annual-reviews/${r.id}/ratings`, { score: scores[k], comment: `意见${k}` }), 201);
    }
    // Once per resident; a resident of another community neither sees nor rates it; out of range is a field error.
    const again = await residents[0]!.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 90 });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('只能评议一次');
    const elsewhere = await t.as(['resident'], A1().household.id);
    expect((await elsewhere.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 90 })).status).toBe(404);
    expect((await ok(elsewhere.get(`${P}/annual-reviews`))).map((x: { id: number }) => x.id)).not.toContain(r.id);
    const bad = await t.as(['resident'], hh);
    const out = await bad.post(`${P}/annual-reviews/${r.id}/ratings`, { score: 120 });
    expect(out.status).toBe(400);
    expect(out.body.fields.map((f: { field: string }) => f.field)).toEqual(['score']);

    // The console's figure: only residents rated, so the score is their mean (60 + 80 + 100) ÷ 3 = 80.
    const seen = await ok(street.get(`${P}/annual-reviews/${r.id}`));
    expect(seen.groups).toEqual([
      { kind: 'member', weight: 40, n: 0, mean: null },
      { kind: 'resident', weight: 30, n: 3, mean: 80 },
      { kind: 'superior', weight: 30, n: 0, mean: null },
    ]);
    expect(seen.score).toBe(80);

    // Its drill-down lists those three ratings (no rater named), paginated and by kind.
    const drill = await ok(street.get(`${P}/annual-reviews/${r.id}/ratings?kind=resident`));
    expect(drill.total).toBe(3);
    expect(drill.items.map((i: { score: number }) => i.score).sort((x: number, y: number) => x - y)).toEqual([
      60, 80, 100,
    ]);
    expect(drill.items.reduce((x: number, i: { score: number }) => x + i.score, 0) / drill.total).toBe(
      seen.groups[1].mean,
    );
    expect(drill.review).toMatchObject({ id: r.id, score: 80 });
    expect(JSON.stringify(drill)).not.toMatch(/accountId|account/);
    const page2 = await ok(street.get(`${P}/annual-reviews/${r.id}/ratings?pageSize=2&page=2`));
    expect(page2).toMatchObject({ total: 3, page: 2 });
    expect(page2.items).toHaveLength(1);
    expect((await ok(street.get(`${P}/annual-reviews/${r.id}/ratings?kind=member`))).total).toBe(0);
    expect((await residents[0]!.get(`${P}/annual-reviews/${r.id}/ratings`)).status).toBe(403);
    expect((await streetB.get(`${P}/annual-reviews/${r.id}/ratings`)).status).toBe(404);
    expect((await farStaff.get(`${P}/annual-reviews/${r.id}/ratings`)).status).toBe(404);

    const logged = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'assessment.review.rate'), eq(auditLog.objectId, String(r.id))));
    expect(logged).toHaveLength(3);
  });
});

describe('one-window item 一窗受理 → service order', () => {
  it('starts a catalogue item as an order in one step, with materials and time limit', async () => {
    const district = await t.as(['districtAdmin'], tree.district.id);
    const item = await ok(
      district.post(`${P}/service-items`, {
        territoryId: tree.streetA.street.id,
        category: 'convenience',
        name: '居住证明开具',
        department: '社区服务站',
        materials: ['身份证', '户口簿'],
        timeLimitDays: 1,
        atMostOnce: true,
      }),
      201,
    );
    const far = await ok(
      district.post(`${P}/service-items`, {
        territoryId: tree.streetB.street.id,
        category: 'permit',
        name: '别处的事项',
        department: '民政',
        timeLimitDays: 5,
      }),
      201,
    );
    const resident = await t.as(['resident'], A1().household.id);
    const started = await ok(
      resident.post(`${P}/service-items/${item.id}/start`, { description: '需要给孩子上学用' }),
      201,
    );
    expect(started.serviceItemId).toBe(item.id);
    const order = await ok(resident.get(`/api/orders/${started.orderId}`));
    expect(order.title).toContain('居住证明开具');
    expect(order.description).toContain('身份证、户口簿');
    expect(order.description).toContain('需要给孩子上学用');
    expect((await resident.post(`${P}/service-items/${far.id}/start`, {})).status).toBe(404);

    // It shows as its own kind 一窗受理 (origin 'oneWindow'), not as a problem report 报事报修 (decision 045):
    // the orders list filters it by origin, it has and is no duplicate, and Open311 does not serve it as a report.
    expect(order.origin).toBe('oneWindow');
    const second = await ok(resident.post(`${P}/service-items/${item.id}/start`, {}), 201);
    const staff = await t.as(['communityStaff'], A1().community.id);
    const ids = async (q: string) =>
      (await ok(staff.get(`/api/orders?pageSize=100&${q}`))).items.map((o: { id: number }) => o.id);
    expect(await ids('origin=oneWindow')).toEqual(expect.arrayContaining([started.orderId, second.orderId]));
    expect(await ids('origin=report')).not.toContain(started.orderId);
    // Two applications from one household the same day are two applications, not one report twice.
    expect((await ok(staff.get(`/api/orders/${second.orderId}/duplicates`))).items).toEqual([]);
    const mine = await ok(resident.get('/api/orders?inbox=mine'));
    expect(mine.items.find((o: { id: number }) => o.id === started.orderId).origin).toBe('oneWindow');

    const sec = await t.as(['securityAdmin'], tree.district.id);
    const key = (await ok(sec.post('/api/open311/clients', { name: '热线', territoryId: A1().community.id }), 201)).key;
    const geo = geoClient(t);
    const reqs = await geo.get(`/open311/v2/requests.json?api_key=${key}`);
    expect(reqs.status).toBe(200);
    expect(reqs.json.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(
      String(started.orderId),
    );
    expect((await geo.get(`/open311/v2/requests/${started.orderId}.json?api_key=${key}`)).status).toBe(404);
  });
});

describe('ledgers', () => {
  it('exports the key tasks of the caller’s subtree to Excel', async () => {
    const cookie = [...street.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await t.app.inject({
      method: 'GET',
      url: `${P}/ledgers?kind=keyTasks&year=2031`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).value).toBe('任务');
    const titles = [2, 3, 4].map((k) => ws.getRow(k).getCell(4).value);
    expect(titles.sort()).toEqual(['党群服务中心提档升级', '小区党支部全覆盖', '红色物业联盟组建'].sort());
    for (const kind of ['visits', 'reviews', 'rectification'])
      expect((await street.get(`${P}/ledgers?kind=${kind}`)).status).toBe(200);
  });
});

describe('the monthly reminder scheduler', () => {
  it('pushes on the 1st of the month by the clock, once per month per organisation', async () => {
    const own = await t.factory.tree();
    const st = await t.as(['streetAdmin'], own.streetA.street.id);
    const c1 = own.streetA.communities[0]!.community;
    const sec = await t.as(['communitySecretary'], c1.id);
    const staff = await t.as(['communityStaff'], c1.id);
    await ok(
      st.post(`${P}/key-tasks`, {
        kind: 'key',
        year: 2040,
        territoryId: c1.id,
        title: '换届准备',
        ownerName: '李',
        dueOn: '2040-03-20',
      }),
      201,
    );
    const heard = async () =>
      (await t.db.select().from(notifications).where(eq(notifications.accountId, sec.account.id))).filter(
        (n) => n.kind === 'assessment.reminder',
      );
    const at = (iso: string) => t.clock.set(new Date(iso));
    try {
      // The last day of February (China time): nothing.
      at('2040-02-29T23:30:00+08:00');
      expect(await reminderPass(t.db, t.clock)).toMatchObject({ ran: false, pushed: 0 });
      // 1 March 00:10 in China (still 29 February in UTC): March's list goes out.
      at('2040-03-01T00:10:00+08:00');
      const first = await reminderPass(t.db, t.clock);
      expect(first).toMatchObject({ ran: true, month: '2040-03' });
      expect(first.pushed).toBeGreaterThanOrEqual(1);
      const got = await heard();
      expect(got).toHaveLength(1);
      expect(got[0]!.params).toMatchObject({ month: '2040-03', due: 1, overdue: 0 });
      // Both staff accounts at the node were reached.
      expect(
        (await t.db.select().from(notifications).where(eq(notifications.accountId, staff.account.id))).filter(
          (n) => n.kind === 'assessment.reminder',
        ),
      ).toHaveLength(1);
      // Later passes the same day (or of a second process) remind nobody twice.
      at('2040-03-01T18:00:00+08:00');
      expect(await reminderPass(t.db, t.clock)).toMatchObject({ ran: true, pushed: 0 });
      at('2040-03-02T09:00:00+08:00');
      expect(await reminderPass(t.db, t.clock)).toMatchObject({ ran: false });
      expect(await heard()).toHaveLength(1);
      // April: the task (not accepted) is now overdue and is pushed again, once.
      at('2040-04-01T08:00:00+08:00');
      expect((await reminderPass(t.db, t.clock)).pushed).toBeGreaterThanOrEqual(1);
      await reminderPass(t.db, t.clock);
      const april = await heard();
      expect(april).toHaveLength(2);
      expect(april.map((n) => n.params)).toContainEqual(expect.objectContaining({ month: '2040-04', overdue: 1 }));
    } finally {
      t.clock.set(new Date());
    }
  });
});
