import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { ORDER_ROLES } from '../service-orders/index.js';
import { ASSESSMENT_ROLES as R } from './permissions.js';
import { asSentTasks } from './schema.js';
import {
  accountsWithRole,
  fullScores,
  makeAssessment,
  makeKeyTask,
  makeReview,
  makeServiceItem,
  makeVisit,
  makeBooking,
  makeChecklist,
  makeOrg,
  makePeriod,
  makeRating,
  makeRoom,
  makeServiceUnit,
  makeWorkloadItem,
} from './testing.js';

/**
 * Authorization-matrix rows of assessment: every session sits at street A; inside records live in street A (its
 * first community), outside ones in street B. The peer-review row names street A as the peer of a street-B
 * organisation: the peer sees exactly what it reviews.
 */
const P = '/api/assessment';
const street = (f: MatrixFixture, w: Where) => (w === 'inside' ? f.tree.streetA : f.tree.streetB).street;
const streetPlace = (f: MatrixFixture, w: Where) => ({ id: street(f, w).id, path: street(f, w).path });
const district = (f: MatrixFixture) => ({ id: f.tree.district.id, path: f.tree.district.path });
const READERS = [...new Set([...R.read, ...R.reviewRate])];
const second = (f: MatrixFixture, w: Where) =>
  (w === 'inside' ? f.tree.streetA : f.tree.streetB).communities[1]!.community;

export const rows: MatrixRows = {
  [`GET ${P}/checklists`]: {
    allow: R.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => {
      const c = await makeChecklist(f.t.db, streetPlace(f, w), `清单${f.uniq()}`);
      return { method: 'GET', url: `${P}/checklists?q=${encodeURIComponent(c.title)}` };
    },
  },
  [`POST ${P}/checklists`]: {
    allow: R.manage,
    ok: 201,
    outside: 'none',
    call: async (f) => ({
      method: 'POST',
      url: `${P}/checklists`,
      body: {
        domain: 'venues',
        title: `阵地建设${f.uniq()}`,
        year: 2026,
        items: [{ title: '面积达标', weight: 10, maxScore: 10, evidenceRequired: true }],
      },
    }),
  },
  [`GET ${P}/checklists/:id`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/checklists/${(await makeChecklist(f.t.db, streetPlace(f, w))).id}`,
    }),
  },
  [`PATCH ${P}/checklists/:id`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `${P}/checklists/${(await makeChecklist(f.t.db, streetPlace(f, w))).id}`,
      body: { title: `组织建设规范化清单（修订）${f.uniq()}` },
    }),
  },
  [`POST ${P}/checklists/:id/assessments`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => {
      const c = await makeChecklist(f.t.db, streetPlace(f, w));
      const org = await makeOrg(f.t.db, f.at(w).community);
      return {
        method: 'POST',
        url: `${P}/checklists/${c.id}/assessments`,
        body: { partyOrgId: org.id, peerTerritoryId: second(f, w).id },
      };
    },
  },
  [`GET ${P}/assessments`]: {
    allow: R.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => {
      const a = await makeAssessment(f.t.db, { area: streetPlace(f, w), org: f.at(w).community, peer: second(f, w) });
      return { method: 'GET', url: `${P}/assessments?checklistId=${a.checklistId}` };
    },
  },
  [`GET ${P}/assessments/:id`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await makeAssessment(f.t.db, { area: streetPlace(f, w), org: f.at(w).community, peer: second(f, w) });
      return { method: 'GET', url: `${P}/assessments/${a.id}` };
    },
  },
  [`POST ${P}/assessments/:id/self-check`]: {
    allow: R.check,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await makeAssessment(f.t.db, { area: streetPlace(f, w), org: streetPlace(f, w), peer: second(f, w) });
      return { method: 'POST', url: `${P}/assessments/${a.id}/self-check`, body: fullScores(a.items) };
    },
  },
  [`POST ${P}/assessments/:id/peer-review`]: {
    allow: R.check,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const peer = w === 'inside' ? streetPlace(f, 'inside') : second(f, 'outside');
      const a = await makeAssessment(f.t.db, {
        area: streetPlace(f, 'outside'),
        org: f.at('outside').community,
        peer,
        stage: 'peerReview',
      });
      return { method: 'POST', url: `${P}/assessments/${a.id}/peer-review`, body: fullScores(a.items) };
    },
  },
  [`POST ${P}/assessments/:id/superior-review`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await makeAssessment(f.t.db, {
        area: streetPlace(f, w),
        org: f.at(w).community,
        peer: second(f, w),
        stage: 'superiorReview',
      });
      return { method: 'POST', url: `${P}/assessments/${a.id}/superior-review`, body: fullScores(a.items) };
    },
  },
  [`POST ${P}/assessments/:id/recheck`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await makeAssessment(f.t.db, {
        area: streetPlace(f, w),
        org: f.at(w).community,
        peer: second(f, w),
        stage: 'graded',
        weak: true,
        rectification: 'done',
      });
      return { method: 'POST', url: `${P}/assessments/${a.id}/recheck`, body: fullScores(a.items) };
    },
  },
  [`POST ${P}/assessments/:id/rectification`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => {
      const a = await makeAssessment(f.t.db, {
        area: streetPlace(f, w),
        org: f.at(w).community,
        peer: second(f, w),
        stage: 'graded',
        weak: true,
      });
      return {
        method: 'POST',
        url: `${P}/assessments/${a.id}/rectification`,
        body: { items: [{ title: '按期换届', dueOn: '2026-12-31' }] },
      };
    },
  },
  [`POST ${P}/rectification-items/:id/done`]: {
    allow: R.check,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await makeAssessment(f.t.db, {
        area: streetPlace(f, w),
        org: f.at(w).community,
        peer: second(f, w),
        stage: 'graded',
        weak: true,
        rectification: 'open',
      });
      return { method: 'POST', url: `${P}/rectification-items/${a.rectIds[0]}/done`, body: { evidence: '会议纪要' } };
    },
  },
  [`GET ${P}/rating-periods`]: {
    allow: R.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/rating-periods` }),
  },
  [`POST ${P}/rating-periods`]: {
    allow: R.manage,
    ok: 201,
    outside: 'none',
    call: async () => ({
      method: 'POST',
      url: `${P}/rating-periods`,
      body: { name: '2026年上半年', startsOn: '2026-01-01', endsOn: '2026-06-30', supervisorWeight: 30 },
    }),
  },
  [`PATCH ${P}/rating-periods/:id`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `${P}/rating-periods/${(await makePeriod(f.t.db, streetPlace(f, w))).id}`,
      body: { supervisorWeight: 40 },
    }),
  },
  [`GET ${P}/rating-periods/:id/ranking`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/rating-periods/${(await makePeriod(f.t.db, streetPlace(f, w))).id}/ranking`,
    }),
  },
  [`GET ${P}/service-units`]: {
    allow: R.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/service-units` }),
  },
  [`POST ${P}/service-units`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/service-units`,
      body: { territoryId: f.community(w), kind: 'window', name: `便民服务窗口${f.uniq()}` },
    }),
  },
  [`POST ${P}/supervisors`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => {
      const acc = await f.t.factory.account({ roles: ['partyMember'], territoryId: f.at(w).household.id });
      return { method: 'POST', url: `${P}/supervisors`, body: { accountId: acc.id } };
    },
  },
  [`GET ${P}/rateable`]: {
    allow: R.rate,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/rateable` }),
  },
  [`POST ${P}/ratings`]: {
    allow: R.rate,
    ok: 201,
    outside: 404,
    call: async (f, w) => {
      const p = await makePeriod(f.t.db, streetPlace(f, w));
      const u = await makeServiceUnit(f.t.db, f.at(w).community, `物业${f.uniq()}`);
      return { method: 'POST', url: `${P}/ratings`, body: { periodId: p.id, serviceUnitId: u.id, stars: 4 } };
    },
  },
  [`GET ${P}/my-unit-ratings`]: {
    allow: R.reply,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/my-unit-ratings` }),
  },
  [`POST ${P}/ratings/:id/reply`]: {
    allow: R.reply,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const p = await makePeriod(f.t.db, streetPlace(f, w));
      const contacts = w === 'inside' ? await accountsWithRole(f.t.db, 'unitContact') : [];
      const u = await makeServiceUnit(f.t.db, f.at(w).community, `窗口${f.uniq()}`, contacts);
      const rater = await f.t.factory.account({ roles: ['resident'], territoryId: f.at(w).household.id });
      const r = await makeRating(f.t.db, { periodId: p.id, unit: u, accountId: rater.id, stars: 2 });
      return { method: 'POST', url: `${P}/ratings/${r.id}/reply`, body: { reply: '已整改，欢迎监督' } };
    },
  },
  [`GET ${P}/workload-items`]: {
    allow: R.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/workload-items` }),
  },
  [`POST ${P}/workload-items`]: {
    allow: R.manage,
    ok: 201,
    outside: 'none',
    call: async (f) => ({
      method: 'POST',
      url: `${P}/workload-items`,
      body: { code: `J${f.uniq()}`.slice(0, 20), title: '高龄补贴申报', department: '区民政局' },
    }),
  },
  [`PATCH ${P}/workload-items/:id`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `${P}/workload-items/${(await makeWorkloadItem(f.t.db, streetPlace(f, w), `W${f.uniq()}`.slice(0, 20))).id}`,
      body: { active: false },
    }),
  },
  [`GET ${P}/sent-tasks`]: {
    allow: R.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => {
      const department = `部门${f.uniq()}`;
      const c = f.at(w).community;
      await f.t.db
        .insert(asSentTasks)
        .values({ communityId: c.id, scopePath: c.path, department, title: '填报表格', status: 'refused' });
      return { method: 'GET', url: `${P}/sent-tasks?department=${encodeURIComponent(department)}` };
    },
  },
  [`POST ${P}/sent-tasks`]: {
    allow: R.sendTask,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/sent-tasks`,
      body: { communityId: f.community(w), department: '区住建局', title: '房屋安全排查' },
    }),
  },
  [`GET ${P}/sent-tasks/by-department`]: {
    allow: R.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/sent-tasks/by-department` }),
  },
  [`GET ${P}/centres`]: {
    allow: R.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/centres` }),
  },
  [`POST ${P}/centres`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/centres`,
      body: {
        territoryId: f.community(w),
        name: '社区党群服务中心',
        areaM2: 520,
        openingHours: '周一至周日 9:00-20:00',
        rooms: [{ name: '议事厅', capacity: 30 }],
      },
    }),
  },
  [`PATCH ${P}/centres/:id`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `${P}/centres/${(await makeRoom(f.t.db, f.at(w).community)).centreId}`,
      body: { openingHours: '周一至周六 9:00-18:00' },
    }),
  },
  [`GET ${P}/rooms/:id/bookings`]: {
    allow: R.book,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/rooms/${(await makeRoom(f.t.db, f.at(w).community)).id}/bookings`,
    }),
  },
  [`POST ${P}/rooms/:id/bookings`]: {
    allow: R.book,
    ok: 201,
    outside: 404,
    call: async (f, w) => {
      const room = await makeRoom(f.t.db, f.at(w).community);
      return {
        method: 'POST',
        url: `${P}/rooms/${room.id}/bookings`,
        body: {
          bookerKind: 'residentsGroup',
          bookerName: '第一居民小组',
          purpose: '居民议事',
          startsAt: '2026-03-01T09:00:00+08:00',
          endsAt: '2026-03-01T11:00:00+08:00',
        },
      };
    },
  },
  [`POST ${P}/bookings/:id/cancel`]: {
    allow: R.book,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const room = await makeRoom(f.t.db, f.at(w).community);
      const b = await makeBooking(f.t.db, room, new Date('2026-03-02T01:00:00Z'));
      return { method: 'POST', url: `${P}/bookings/${b.id}/cancel` };
    },
  },
  [`GET ${P}/service-items`]: {
    allow: 'any',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/service-items?atMostOnce=true` }),
  },
  [`POST ${P}/service-items`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/service-items`,
      body: {
        territoryId: f.community(w),
        category: 'convenience',
        name: '居住证明开具',
        department: '社区居委会',
        materials: ['身份证', '户口簿'],
        timeLimitDays: 0,
        atMostOnce: true,
      },
    }),
  },
  [`POST ${P}/service-items/:id/start`]: {
    allow: ORDER_ROLES.create,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/service-items/${(await makeServiceItem(f.t.db, streetPlace(f, w))).id}/start`,
      body: { territoryId: f.at('inside').household.id },
    }),
  },

  // Decision 032: key tasks, reminders, visits, annual review, ledgers. Sessions sit at street A.
  [`GET ${P}/key-tasks`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      await makeKeyTask(f.t.db, f.at(w).community, streetPlace(f, w));
      return { method: 'GET', url: `${P}/key-tasks?territoryId=${f.community(w)}` };
    },
  },
  [`POST ${P}/key-tasks`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/key-tasks`,
      body: {
        kind: 'responsibility',
        year: 2026,
        territoryId: f.community(w),
        title: '红色物业联盟',
        ownerName: '王书记',
        dueOn: '2026-12-31',
      },
    }),
  },
  [`POST ${P}/key-tasks/:id/submit`]: {
    allow: R.check,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const k = await makeKeyTask(f.t.db, streetPlace(f, w), district(f));
      return { method: 'POST', url: `${P}/key-tasks/${k.id}/submit`, body: { evidence: '成立文件' } };
    },
  },
  [`POST ${P}/key-tasks/:id/check`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const k = await makeKeyTask(f.t.db, f.at(w).community, streetPlace(f, w), 'submitted');
      return { method: 'POST', url: `${P}/key-tasks/${k.id}/check`, body: { accept: true } };
    },
  },
  [`GET ${P}/responsibility-lists`]: {
    allow: R.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/responsibility-lists?year=2030` }),
  },
  [`GET ${P}/reminders`]: {
    allow: R.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/reminders?month=2030-06` }),
  },
  [`POST ${P}/reminders/push`]: {
    allow: R.manage,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'POST', url: `${P}/reminders/push`, body: { month: '2030-06' } }),
  },
  [`GET ${P}/visits`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      await makeVisit(f.t.db, f.at(w).community, streetPlace(f, w).path);
      return { method: 'GET', url: `${P}/visits?territoryId=${f.community(w)}` };
    },
  },
  [`POST ${P}/visits`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/visits`,
      body: {
        kind: 'supervision',
        territoryId: f.community(w),
        visitedOn: '2026-06-15',
        unannounced: true,
        inspectors: '督导组',
        summary: '台账不全',
        findings: [{ title: '补齐台账', dueOn: '2026-07-15' }],
      },
    }),
  },
  [`POST ${P}/visits/:id/scores`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/visits/${(await makeVisit(f.t.db, f.at(w).community, streetPlace(f, w).path, 'observation')).id}/scores`,
      body: { score: 88 },
    }),
  },
  [`GET ${P}/visits/:id`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/visits/${(await makeVisit(f.t.db, f.at(w).community, streetPlace(f, w).path)).id}`,
    }),
  },
  [`GET ${P}/annual-reviews`]: {
    allow: READERS,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/annual-reviews?year=2026` }),
  },
  [`POST ${P}/annual-reviews`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/annual-reviews`,
      body: { partyOrgId: (await makeOrg(f.t.db, f.at(w).community)).id, year: 2026, secretaryName: '王书记' },
    }),
  },
  [`GET ${P}/annual-reviews/:id`]: {
    allow: READERS,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/annual-reviews/${(await makeReview(f.t.db, streetPlace(f, w))).id}`,
    }),
  },
  [`GET ${P}/annual-reviews/:id/ratings`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/annual-reviews/${(await makeReview(f.t.db, streetPlace(f, w))).id}/ratings`,
    }),
  },
  [`POST ${P}/annual-reviews/:id/report`]: {
    allow: R.check,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/annual-reviews/${(await makeReview(f.t.db, streetPlace(f, w), false)).id}/report`,
      body: { report: '一年来……' },
    }),
  },
  [`POST ${P}/annual-reviews/:id/superior-rating`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/annual-reviews/${(await makeReview(f.t.db, f.at(w).community)).id}/superior-rating`,
      body: { score: 80 },
    }),
  },
  [`POST ${P}/annual-reviews/:id/ratings`]: {
    allow: ['partyMember', 'resident'],
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/annual-reviews/${(await makeReview(f.t.db, streetPlace(f, w))).id}/ratings`,
      body: { score: 90 },
    }),
  },
  [`POST ${P}/annual-reviews/:id/close`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/annual-reviews/${(await makeReview(f.t.db, f.at(w).community)).id}/close`,
    }),
  },
  [`POST ${P}/annual-reviews/:id/problems`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/annual-reviews/${(await makeReview(f.t.db, f.at(w).community)).id}/problems`,
      body: { items: [{ title: '停车难', dueOn: '2027-03-31' }] },
    }),
  },
  [`GET ${P}/ledgers`]: {
    allow: R.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/ledgers?kind=keyTasks` }),
  },
};
