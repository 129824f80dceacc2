import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { ASSESSMENT_FIGURES } from './figures.js';
import { gradeOf, ratingScore, totalScore } from './grading.js';
import { makeOrg, makePeriod, makeRating, makeRoom, makeServiceUnit, makeWorkloadItem } from './testing.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let district: Client, street: Client, staffA1: Client, staffA2: Client, farStaff: Client;
const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;
const P = '/api/assessment';

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  district = await t.as(['districtAdmin'], tree.district.id);
  street = await t.as(['streetAdmin'], tree.streetA.street.id);
  staffA1 = await t.as(['communitySecretary'], A1().community.id);
  staffA2 = await t.as(['communityStaff'], A2().community.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
});
afterAll(() => t.close());

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const ITEMS = [
  { title: '班子健全、按期换届', weight: 50, maxScore: 10, evidenceRequired: true },
  { title: '三会一课规范', weight: 30, maxScore: 10, evidenceRequired: false },
  { title: '党群服务中心面积达标', weight: 20, maxScore: 5, evidenceRequired: false },
];

async function openOne(title: string) {
  const list = await ok(
    district.post(`${P}/checklists`, { domain: 'organisation', title, year: 2026, items: ITEMS }),
    201,
  );
  expect(list.rule).toContain('≥ 90');
  const org = await makeOrg(t.db, A1().community, `${title}社区党委`);
  const a = await ok(
    street.post(`${P}/checklists/${list.id}/assessments`, { partyOrgId: org.id, peerTerritoryId: A2().community.id }),
    201,
  );
  const ids = (list.items as { id: number }[]).map((i) => i.id);
  const scores = (s: number[], evidence?: string) => ({
    scores: ids.map((itemId, k) => ({ itemId, score: s[k], ...(evidence ? { evidence } : {}) })),
  });
  return { list, a, ids, scores };
}

describe('grading formula', () => {
  it('is Σ weight × score ÷ max ÷ Σ weight × 100, graded by the rule', () => {
    const s = totalScore([
      { weight: 50, maxScore: 10, score: 8 },
      { weight: 30, maxScore: 10, score: 6 },
      { weight: 20, maxScore: 5, score: 5 },
    ]);
    expect(s).toBe(78); // (50 × 0.8 + 30 × 0.6 + 20 × 1) / 100 × 100
    expect(gradeOf(s, { advancedMin: 90, passMin: 70 })).toBe('pass');
    expect(gradeOf(90, { advancedMin: 90, passMin: 70 })).toBe('advanced');
    expect(gradeOf(69.9, { advancedMin: 90, passMin: 70 })).toBe('lagging');
    expect(ratingScore(5, 1, 30)).toBe(76);
    expect(ratingScore(4, null, 30)).toBe(80);
    expect(ratingScore(null, null, 30)).toBeNull();
  });
});

describe('standardisation 规范化建设', () => {
  it('goes self-check → peer review → superior review → grade, matching a hand computation', async () => {
    const { a, scores } = await openOne('组织建设');
    expect(a.stage).toBe('selfCheck');
    expect((await farStaff.get(`${P}/assessments/${a.id}`)).status).toBe(404);

    // Self-check by the organisation itself: evidence where required, scores within range, every item.
    const noEvidence = await staffA1.post(`${P}/assessments/${a.id}/self-check`, scores([9, 9, 5]));
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.fields[0]).toMatchObject({ field: 'scores.0.evidence' });
    const tooHigh = await staffA1.post(`${P}/assessments/${a.id}/self-check`, scores([9, 9, 6], '换届文件'));
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.fields[0]).toMatchObject({ field: 'scores.2.score', message: '得分须在 0 到 5 之间' });
    const notOwn = await staffA2.post(`${P}/assessments/${a.id}/self-check`, scores([9, 9, 5], '换届文件'));
    expect(notOwn.status).toBe(403);
    const self = await ok(staffA1.post(`${P}/assessments/${a.id}/self-check`, scores([9, 9, 5], '换届文件')));
    expect(self.stage).toBe('peerReview');

    // The peer reviews; the organisation cannot review itself; the peer sees it in its list.
    expect((await staffA1.post(`${P}/assessments/${a.id}/peer-review`, scores([8, 8, 5]))).status).toBe(403);
    const mine = await ok(staffA2.get(`${P}/assessments?asPeer=true`));
    expect(mine.items.map((x: { id: number }) => x.id)).toContain(a.id);
    const peer = await ok(staffA2.post(`${P}/assessments/${a.id}/peer-review`, scores([8, 7, 5])));
    expect(peer.stage).toBe('superiorReview');
    expect((await staffA2.post(`${P}/assessments/${a.id}/peer-review`, scores([8, 7, 5]))).status).toBe(409);

    // The superior reviews: the grade is computed from its scores.
    const graded = await ok(street.post(`${P}/assessments/${a.id}/superior-review`, scores([8, 6, 5])));
    expect(graded).toMatchObject({ stage: 'graded', score: 78, grade: 'pass', weak: false });
    expect(graded.rule).toBe('总分 ≥ 90 为先进，≥ 70 为达标，低于 70 为后进（后进即列为软弱涣散）');
    expect(graded.formula).toContain('Σ');
    expect(graded.items[0]).toMatchObject({
      self: { score: 9, evidence: '换届文件' },
      peer: { score: 8 },
      superior: { score: 8 },
    });
    const logged = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'assessment.score.superior'), eq(auditLog.objectId, String(a.id))));
    expect(logged).toHaveLength(1);

    const en = await t.as(['streetAdmin'], tree.streetA.street.id);
    en.lang = 'en-US';
    const bad = await en.post(`${P}/checklists`, {
      domain: 'organisation',
      title: 'x',
      year: 2026,
      advancedMin: 60,
      passMin: 70,
      items: ITEMS,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].message).toBe('The advanced threshold must be above the pass threshold');
  });

  it('does not let a reviewer review their own organisation', async () => {
    const list = await ok(
      street.post(`${P}/checklists`, { domain: 'members', title: '党员队伍', year: 2026, items: ITEMS }),
      201,
    );
    const own = await makeOrg(t.db, tree.streetA.street, '街道党工委');
    expect(
      (
        await street.post(`${P}/checklists/${list.id}/assessments`, {
          partyOrgId: own.id,
          peerTerritoryId: A1().community.id,
        })
      ).status,
    ).toBe(403);
    const org = await makeOrg(t.db, A1().community);
    const self = await street.post(`${P}/checklists/${list.id}/assessments`, {
      partyOrgId: org.id,
      peerTerritoryId: A1().community.id,
    });
    expect(self.status).toBe(400);
    expect(self.body.fields[0].field).toBe('peerTerritoryId');
  });

  it('flags a weak organisation 软弱涣散 and clears it by rectification and a re-check', async () => {
    const { a, scores } = await openOne('软弱涣散整顿');
    await ok(staffA1.post(`${P}/assessments/${a.id}/self-check`, scores([6, 6, 3], '自查报告')));
    await ok(staffA2.post(`${P}/assessments/${a.id}/peer-review`, scores([3, 3, 2])));
    const graded = await ok(street.post(`${P}/assessments/${a.id}/superior-review`, scores([2, 2, 1])));
    expect(graded).toMatchObject({ score: 20, grade: 'lagging', weak: true }); // (10 + 6 + 4) / 100 × 100

    const weak = ASSESSMENT_FIGURES.find((f) => f.key === 'assessment.weak')!;
    const figure = async () =>
      (
        await weak.compute({
          db: t.db,
          actor: null as never,
          clock: t.clock,
          nodes: [{ id: A1().community.id, path: A1().community.path, level: 'community' }],
          from: new Date(0),
          to: new Date(),
        })
      )[0]!.value;
    expect(await figure()).toBe(1);
    const listed = await ok(street.get(`${P}/assessments?weak=true&territoryId=${A1().community.id}`));
    expect(listed.total).toBe(1);

    expect((await street.post(`${P}/assessments/${a.id}/recheck`, scores([9, 9, 5]))).status).toBe(409);
    const plan = await ok(
      street.post(`${P}/assessments/${a.id}/rectification`, {
        items: [
          { title: '配齐配强班子', dueOn: '2026-06-30' },
          { title: '规范三会一课', dueOn: '2026-06-30' },
        ],
      }),
      201,
    );
    const [r1, r2] = plan.rectification as { id: number }[];
    await ok(staffA1.post(`${P}/rectification-items/${r1!.id}/done`, { evidence: '补选委员2名' }));
    const open = await street.post(`${P}/assessments/${a.id}/recheck`, scores([9, 9, 5]));
    expect(open.status).toBe(409);
    expect(open.body.message).toContain('1 项');
    expect((await farStaff.post(`${P}/rectification-items/${r2!.id}/done`, { evidence: 'x' })).status).toBe(404);
    await ok(staffA1.post(`${P}/rectification-items/${r2!.id}/done`, { evidence: '会议记录本' }));
    const cleared = await ok(street.post(`${P}/assessments/${a.id}/recheck`, scores([9, 8, 4])));
    expect(cleared).toMatchObject({ recheckScore: 85, weak: false }); // 45 + 24 + 16
    expect(cleared.weakClearedAt).not.toBeNull();
    expect(await figure()).toBe(0);
  });
});

describe('public rating 评议', () => {
  it('ranks units by the weighted score: top ten and bottom ten match a hand count', async () => {
    const area = { id: tree.streetA.street.id, path: tree.streetA.street.path };
    const period = await makePeriod(t.db, area, 30);
    const raters = await Promise.all(
      [0, 1, 2].map((k) =>
        t.factory.account({ roles: ['resident'], territoryId: A1().household.id, username: `rk${k}${Date.now()}` }),
      ),
    );
    // Resident stars per unit (two residents), plus one supervisor's 1 star for u9; u10 is not rated.
    const stars: (number[] | null)[] = [
      [5, 5],
      [5, 4],
      [4, 4],
      [4, 3],
      [3, 3],
      [3, 2],
      [2, 2],
      [2, 1],
      [1, 1],
      [5, 5],
      null,
      [5, 3],
    ];
    const units = [];
    for (let i = 0; i < stars.length; i++) {
      const u = await makeServiceUnit(t.db, A1().community, `单位${i}`);
      units.push(u);
      for (const [k, s] of (stars[i] ?? []).entries())
        await makeRating(t.db, { periodId: period.id, unit: u, accountId: raters[k]!.id, stars: s });
    }
    await makeRating(t.db, {
      periodId: period.id,
      unit: units[9]!,
      accountId: raters[2]!.id,
      stars: 1,
      raterKind: 'supervisor',
    });
    const r = await ok(street.get(`${P}/rating-periods/${period.id}/ranking`));
    // Hand count: 20 × mean; u9 = 20 × (5 × 0.7 + 1 × 0.3) = 76; ties by unit order.
    const name = (x: { unit: { name: string } }) => x.unit.name;
    expect(r.top.map(name)).toEqual([
      '单位0',
      '单位1',
      '单位2',
      '单位11',
      '单位9',
      '单位3',
      '单位4',
      '单位5',
      '单位6',
      '单位7',
    ]);
    expect(r.top.map((x: { score: number }) => x.score)).toEqual([100, 90, 80, 80, 76, 70, 60, 50, 40, 30]);
    expect(r.bottom.map(name)).toEqual([
      '单位8',
      '单位7',
      '单位6',
      '单位5',
      '单位4',
      '单位3',
      '单位9',
      '单位11',
      '单位2',
      '单位1',
    ]);
    expect(r.units.find((x: { unit: { name: string } }) => x.unit.name === '单位10').score).toBeNull();
    expect(r.formula).toContain('30%');
    expect((await farStaff.get(`${P}/rating-periods/${period.id}/ranking`)).status).toBe(404);
  });

  it('takes one rating per resident per unit per period; the unit contact reads it without the rater and replies', async () => {
    const period = await makePeriod(t.db, { id: tree.district.id, path: tree.district.path });
    const contact = await t.as(['unitContact'], A1().community.id);
    const unit = await makeServiceUnit(t.db, A1().community, '文亭巷物业服务中心', [contact.account.id]);
    const resident = await t.as(['resident'], A1().household.id);
    const seen = await ok(resident.get(`${P}/rateable`));
    expect(seen.units.map((u: { id: number }) => u.id)).toContain(unit.id);
    const body = { periodId: period.id, serviceUnitId: unit.id, stars: 2, comment: '楼道卫生差' };
    await ok(resident.post(`${P}/ratings`, body), 201);
    const again = await resident.post(`${P}/ratings`, { ...body, stars: 5 });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('只能评议一次');
    const [a, b] = await Promise.all([
      resident.post(`${P}/ratings`, { ...body, stars: 3 }),
      resident.post(`${P}/ratings`, { ...body, stars: 4 }),
    ]);
    expect([a.status, b.status]).toEqual([409, 409]);
    const bad = await resident.post(`${P}/ratings`, { ...body, stars: 6 });
    expect(bad.status).toBe(400);
    const far = await t.as(['resident'], B1().household.id);
    expect((await far.post(`${P}/ratings`, body)).status).toBe(404);

    const mine = await ok(contact.get(`${P}/my-unit-ratings`));
    const rating = mine[0].ratings[0];
    expect(rating).toMatchObject({ stars: 2, comment: '楼道卫生差' });
    expect(JSON.stringify(mine)).not.toContain(String(resident.account.username));
    expect(Object.keys(rating)).not.toContain('accountId');
    const other = await t.as(['unitContact'], A1().community.id);
    expect((await other.post(`${P}/ratings/${rating.id}/reply`, { reply: 'x' })).status).toBe(404);
    await ok(contact.post(`${P}/ratings/${rating.id}/reply`, { reply: '已安排每日保洁，欢迎监督' }));
    const after = await ok(resident.get(`${P}/rateable`));
    const u = after.units.find((x: { id: number }) => x.id === unit.id);
    expect(u.mine.find((m: { periodId: number }) => m.periodId === period.id)).toMatchObject({
      stars: 2,
      reply: '已安排每日保洁，欢迎监督',
    });
  });
});

describe('workload list 减负清单', () => {
  it('refuses a task outside the list with the reason and counts by department', async () => {
    const item = await makeWorkloadItem(t.db, { id: tree.district.id, path: tree.district.path }, 'JF-001');
    const other = await makeWorkloadItem(
      t.db,
      { id: tree.streetB.street.id, path: tree.streetB.street.path },
      'JF-B01',
    );
    const send = (body: object) => district.post(`${P}/sent-tasks`, { communityId: A1().community.id, ...body });
    const none = await ok(send({ department: '区统计局', title: '填报经济普查表' }), 201);
    expect(none).toMatchObject({ status: 'refused', reason: '未注明减负清单事项，按规定不予接收' });
    const outside = await ok(send({ department: '区统计局', title: '入户调查', workloadItemId: other.id }), 201);
    expect(outside).toMatchObject({ status: 'refused' });
    expect(outside.reason).toContain('不在本社区适用的减负清单内');
    const accepted = await ok(send({ department: '区民政局', title: '高龄补贴核查', workloadItemId: item.id }), 201);
    expect(accepted).toMatchObject({ status: 'accepted', reason: null, workloadItemId: item.id });
    const figures = await ok(district.get(`${P}/sent-tasks/by-department`));
    expect(figures.departments).toEqual([
      { department: '区民政局', accepted: 1, refused: 0 },
      { department: '区统计局', accepted: 0, refused: 2 },
    ]);
    const refused = await ok(district.get(`${P}/sent-tasks?status=refused`));
    expect(refused.total).toBe(2);
    expect(
      (await street.post(`${P}/sent-tasks`, { communityId: B1().community.id, department: 'x', title: 'y' })).status,
    ).toBe(404);
  });
});

describe('service centres 党群服务中心', () => {
  it('refuses a double booking under concurrent requests; cancelled slots can be booked again', async () => {
    const centre = await ok(
      street.post(`${P}/centres`, {
        territoryId: A1().community.id,
        name: '文亭巷社区党群服务中心',
        areaM2: 560,
        openingHours: '周一至周日 8:30-20:30',
        rooms: [{ name: '多功能厅', capacity: 80 }],
      }),
      201,
    );
    const roomId = centre.rooms[0].id as number;
    const slot = (h: number, name: string) => ({
      bookerKind: 'organisation',
      bookerName: name,
      purpose: '主题党日',
      startsAt: `2026-04-01T${String(h).padStart(2, '0')}:00:00+08:00`,
      endsAt: `2026-04-01T${String(h + 2).padStart(2, '0')}:00:00+08:00`,
    });
    const results = await Promise.all(
      [9, 10, 9, 10, 9, 10].map((h, k) =>
        (k % 2 ? staffA1 : street).post(`${P}/rooms/${roomId}/bookings`, slot(h, `组织${k}`)),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(5);
    const first = results.find((r) => r.status === 201)!.body;
    await ok(
      staffA1.post(`${P}/rooms/${roomId}/bookings`, slot(first.startsAt.includes('T01') ? 11 : 12, '居民小组')),
      201,
    );
    const list = await ok(staffA1.get(`${P}/rooms/${roomId}/bookings`));
    expect(list).toHaveLength(2);
    await ok(staffA1.post(`${P}/bookings/${first.id}/cancel`));
    await ok(staffA1.post(`${P}/rooms/${roomId}/bookings`, slot(9, '第二居民小组')), 201);
    const bad = await staffA1.post(`${P}/rooms/${roomId}/bookings`, {
      ...slot(9, 'x'),
      endsAt: '2026-04-01T08:00:00+08:00',
    });
    expect(bad.status).toBe(400);
    const centres = await ok(staffA1.get(`${P}/centres`));
    expect(centres[0].rooms[0]).toMatchObject({ bookings: 2, hours: 4 });
    const far = await makeRoom(t.db, B1().community);
    expect((await staffA1.post(`${P}/rooms/${far.id}/bookings`, slot(9, 'x'))).status).toBe(404);
  });
});

describe('one-window catalogue 一窗受理', () => {
  it('lets a resident browse the items of their district and street, not another street’s', async () => {
    const mk = (territoryId: number, name: string, atMostOnce: boolean) =>
      street.post(`${P}/service-items`, {
        territoryId,
        category: 'convenience',
        name,
        department: '社区居委会',
        materials: ['身份证'],
        timeLimitDays: 0,
        atMostOnce,
      });
    await ok(mk(tree.streetA.street.id, '居住证明开具', true), 201);
    await ok(mk(A2().community.id, '二社区专属事项', false), 201);
    expect((await mk(B1().community.id, 'x', true)).status).toBe(404);
    await ok(
      district.post(`${P}/service-items`, {
        territoryId: tree.streetB.street.id,
        category: 'permit',
        name: '乙街道事项',
        department: '区民政局',
        timeLimitDays: 5,
      }),
      201,
    );
    const resident = await t.as(['resident'], A1().household.id);
    const seen = await ok(resident.get(`${P}/service-items`));
    expect(seen.map((i: { name: string }) => i.name)).toEqual(['居住证明开具']);
    const once = await ok(street.get(`${P}/service-items?atMostOnce=true`));
    expect(once.map((i: { name: string }) => i.name)).toEqual(['居住证明开具']);
    const bad = await street.post(`${P}/service-items`, { territoryId: A1().community.id, category: 'x' });
    expect(bad.status).toBe(400);
  });
});
