import type { MatrixFixture, MatrixRow, MatrixRows, Where } from '../../test/authz.js';
import { CHALLENGE_ROLES as CR, CO_BUILDING_ROLES as R } from './permissions.js';
import { SHARED_ITEM_ROWS } from './shared-items.rows.js';
import { makeAgreement, makeAlliance, makeNeed, makeProject, makeResource, makeUnit } from './testing.js';
import { makeChallenge } from './challenges.testing.js';

/** Authorization-matrix rows of co-building: inside records live in street A's first community, outside in B's. */
const needAt = async (f: MatrixFixture, w: Where, status: 'open' | 'matched' = 'open') =>
  makeNeed(f.t.db, f.at(w).community, { title: `需求${f.uniq()}`, place: f.at(w).compound, status });
const resourceAt = (f: MatrixFixture, w: Where) =>
  makeResource(f.t.db, f.at(w).community, { title: `资源${f.uniq()}`, capacity: 1000 });
const projectAt = (f: MatrixFixture, w: Where, status: 'inProgress' | 'done' = 'inProgress') =>
  makeProject(f.t.db, f.at(w).community, { title: `项目${f.uniq()}`, status });
const P = '/api/co-building';
type Stage = 'negotiating' | 'signed' | 'published' | 'fulfilling' | 'evaluated';
const agreementAt = (f: MatrixFixture, w: Where, status: Stage = 'negotiating') =>
  makeAgreement(f.t.db, f.at(w).community, { title: `共建协议${f.uniq()}`, status });

const allianceAt = (f: MatrixFixture, w: Where) =>
  makeAlliance(f.t.db, f.at(w).community, { name: `党建联盟${f.uniq()}` });
const A = `${P}/alliances`;

export const rows: MatrixRows = {
  [`GET ${A}`]: {
    allow: R.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `${A}?q=${encodeURIComponent((await allianceAt(f, w)).name)}` }),
  },
  [`POST ${A}`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: A,
      body: { territoryId: f.community(w), name: `区域化党建联盟${f.uniq()}`, foundedOn: '2026-03-01' },
    }),
  },
  [`GET ${A}/:id`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${A}/${(await allianceAt(f, w)).id}` }),
  },
  [`POST ${A}/:id/units`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const u = await makeUnit(f.t.db, f.at(w).community, `新加入单位${f.uniq()}`);
      return {
        method: 'POST',
        url: `${A}/${(await allianceAt(f, w)).id}/units`,
        body: { unitId: u.id, joinedOn: '2026-05-01' },
      };
    },
  },
  [`POST ${A}/:id/units/:unitId/leave`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await allianceAt(f, w);
      return { method: 'POST', url: `${A}/${a.id}/units/${a.unitIds[1]}/leave`, body: { leftOn: '2026-06-01' } };
    },
  },
  [`POST ${A}/:id/members`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await allianceAt(f, w);
      return {
        method: 'POST',
        url: `${A}/${a.id}/members`,
        body: { unitId: a.unitIds[1], name: '李红梅', unitPost: '支部书记', termFrom: '2026-02-01' },
      };
    },
  },
  [`POST ${A}/:id/members/:memberId/end`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await allianceAt(f, w);
      return { method: 'POST', url: `${A}/${a.id}/members/${a.memberId}/end`, body: { termTo: '2026-06-30' } };
    },
  },
  [`POST ${A}/:id/chairs`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await allianceAt(f, w);
      return {
        method: 'POST',
        url: `${A}/${a.id}/chairs`,
        body: { unitId: a.unitIds[0], termFrom: '2026-01-01', termTo: '2026-12-31' },
      };
    },
  },
  [`POST ${A}/:id/meetings`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await allianceAt(f, w);
      return {
        method: 'POST',
        url: `${A}/${a.id}/meetings`,
        body: { heldOn: '2026-03-15', title: '一季度联席会议', minutes: '议定开放停车场', attendingUnitIds: a.unitIds },
      };
    },
  },
  [`GET ${P}/needs`]: {
    allow: R.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `${P}/needs?q=${encodeURIComponent((await needAt(f, w)).title)}` }),
  },
  [`POST ${P}/needs`]: {
    allow: R.raise,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/needs`,
      body: { title: `楼道灯不亮${f.uniq()}`, category: 'repair', territoryId: f.at(w).household.id },
    }),
  },
  [`GET ${P}/need-proposals`]: {
    allow: R.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/need-proposals?minOrders=3&days=30` }),
  },
  [`GET ${P}/needs/:id`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/needs/${(await needAt(f, w)).id}` }),
  },
  [`GET ${P}/needs/:id/suggestions`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/needs/${(await needAt(f, w)).id}/suggestions` }),
  },
  [`POST ${P}/needs/:id/accept`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const r = await resourceAt(f, w);
      return {
        method: 'POST',
        url: `${P}/needs/${(await needAt(f, w)).id}/accept`,
        body: { resourceId: r.id, amount: 1 },
      };
    },
  },
  [`POST ${P}/needs/:id/reject`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const r = await resourceAt(f, w);
      return {
        method: 'POST',
        url: `${P}/needs/${(await needAt(f, w)).id}/reject`,
        body: { resourceId: r.id, reason: '距离太远' },
      };
    },
  },
  [`POST ${P}/needs/:id/close`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/needs/${(await needAt(f, w, 'matched')).id}/close`,
      body: { note: '居民已自行解决' },
    }),
  },
  [`GET ${P}/resources`]: {
    allow: R.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/resources?q=${encodeURIComponent((await resourceAt(f, w)).title)}`,
    }),
  },
  [`POST ${P}/resources`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/resources`,
      body: {
        title: `活动室${f.uniq()}`,
        kind: 'venue',
        categories: ['culture'],
        territoryId: f.community(w),
        offererKind: 'resident',
        offererName: '热心居民',
        capacity: 20,
        unitOfMeasure: '场',
      },
    }),
  },
  [`GET ${P}/resources/:id`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/resources/${(await resourceAt(f, w)).id}` }),
  },
  [`PATCH ${P}/resources/:id`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `${P}/resources/${(await resourceAt(f, w)).id}`,
      body: { availabilityNote: '每周六 9:00–17:00' },
    }),
  },
  [`GET ${P}/projects`]: {
    allow: R.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/projects?q=${encodeURIComponent((await projectAt(f, w)).title)}`,
    }),
  },
  [`POST ${P}/projects`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/projects`,
      body: {
        title: `大坝通道改造${f.uniq()}`,
        needIds: [(await needAt(f, w)).id],
        ownerName: '社工委',
        startOn: '2026-01-01',
        dueOn: '2026-02-01',
      },
    }),
  },
  [`GET ${P}/projects/:id`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/projects/${(await projectAt(f, w)).id}` }),
  },
  [`POST ${P}/projects/:id/tasks`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/projects/${(await projectAt(f, w)).id}/tasks`,
      body: { title: '选定建设位置', milestone: '方案', dueOn: '2026-01-10' },
    }),
  },
  [`POST ${P}/projects/:id/tasks/:taskId/done`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const p = await projectAt(f, w);
      return { method: 'POST', url: `${P}/projects/${p.id}/tasks/${p.taskId}/done` };
    },
  },
  [`POST ${P}/projects/:id/tasks/:taskId/order`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const p = await projectAt(f, w);
      return { method: 'POST', url: `${P}/projects/${p.id}/tasks/${p.taskId}/order`, body: { category: 'repair' } };
    },
  },
  [`POST ${P}/projects/:id/complete`]: {
    allow: R.manage,
    ok: 409,
    outside: 404,
    // The made project still has an open task: an allowed caller inside gets the 409 of the rule, not 403/404.
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/projects/${(await projectAt(f, w)).id}/complete`,
      body: { outcome: '通道建成' },
    }),
  },
  [`POST ${P}/projects/:id/ratings`]: {
    allow: R.rate,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/projects/${(await projectAt(f, w, 'done')).id}/ratings`,
      body: { stars: 5, comment: '踏步宽，台阶低，老人孩子走得安全' },
    }),
  },
  [`GET ${P}/agreements`]: {
    allow: R.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `${P}/agreements?unitId=${(await agreementAt(f, w)).unitId}` }),
  },
  [`POST ${P}/agreements`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/agreements`,
      body: {
        communityId: f.community(w),
        unitId: (await agreementAt(f, w)).unitId,
        title: `年度共建协议${f.uniq()}`,
        year: 2026,
        deliverables: [{ title: '开放停车场', dueOn: '2026-09-01' }],
      },
    }),
  },
  [`GET ${P}/agreements/:id`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/agreements/${(await agreementAt(f, w)).id}` }),
  },
  [`POST ${P}/agreements/:id/deliverables`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/agreements/${(await agreementAt(f, w)).id}/deliverables`,
      body: { title: '志愿服务 100 小时', dueOn: '2026-12-01' },
    }),
  },
  [`POST ${P}/agreements/:id/move`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/agreements/${(await agreementAt(f, w)).id}/move`,
      body: { to: 'signed', signedOn: '2026-01-10' },
    }),
  },
  [`POST ${P}/agreements/:id/deliverables/:deliverableId/report`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await agreementAt(f, w, 'fulfilling');
      return {
        method: 'POST',
        url: `${P}/agreements/${a.id}/deliverables/${a.deliverableIds[0]}/report`,
        body: { status: 'done', doneOn: '2026-02-20', evidence: '资助名单及照片' },
      };
    },
  },
  [`POST ${P}/agreements/:id/ratings`]: {
    allow: R.rate,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/agreements/${(await agreementAt(f, w, 'published')).id}/ratings`,
      body: { stars: 4 },
    }),
  },
  [`GET ${P}/figures`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/figures?territoryId=${f.community(w)}` }),
  },
  ...challengeRows(),
  ...ledgerRows(),
};

/** Excel ledgers 台账 (decision 047): staff of the place export it; another street's place is 404 as in the lists. */
function ledgerRows(): MatrixRows {
  const lists = [
    'needs',
    'resources',
    'projects',
    'agreements',
    'alliances',
    'challenges',
    'shared-items',
    'shared-loans',
  ];
  const exports = Object.fromEntries(
    lists.map((list): [string, MatrixRow] => [
      `GET ${P}/${list}/export.xlsx`,
      {
        allow: R.read,
        ok: 200,
        outside: 404,
        call: async (f, w) => ({ method: 'GET', url: `${P}/${list}/export.xlsx?territoryId=${f.community(w)}` }),
      },
    ]),
  );
  // Imports (decision 058): the matrix cannot build a workbook per row, so scope is checked in
  // ledgers.import.test.ts (a row naming a community outside the area is that row's error, nothing written).
  const imports = ['needs', 'resources', 'projects', 'agreements'].flatMap((list): [string, MatrixRow][] => [
    [
      `GET ${P}/${list}/template.xlsx`,
      {
        allow: R.read,
        ok: 200,
        outside: 'none',
        call: async () => ({ method: 'GET', url: `${P}/${list}/template.xlsx` }),
      },
    ],
    [
      `POST ${P}/${list}/import.xlsx`,
      {
        allow: R.manage,
        ok: 400, // a JSON body is not a spreadsheet: reached the service, nothing written
        outside: 'none',
        call: async () => ({ method: 'POST', url: `${P}/${list}/import.xlsx?dryRun=1`, body: {} }),
      },
    ],
  ]);
  return { ...exports, ...Object.fromEntries(imports) };
}

// 便民共享服务柜 (decision 042): its rows live in shared-items.rows.ts.
Object.assign(rows, SHARED_ITEM_ROWS);
// 揭榜挂帅 challenges and the public timeline (decision 041) -------------------------------------------------
type ChallengeStage = 'open' | 'taken' | 'inProgress' | 'solved';
const challengeAt = (f: MatrixFixture, w: Where, status: ChallengeStage = 'open') =>
  makeChallenge(f.t.db, f.at(w).community, { title: `揭榜${f.uniq()}`, status });
function challengeRows(): MatrixRows {
  const C = `${P}/challenges`;
  return {
    [`GET ${P}/timeline`]: {
      allow: CR.timeline,
      ok: 200,
      outside: 404,
      call: async (f, w) => {
        await challengeAt(f, w, 'solved');
        return { method: 'GET', url: `${P}/timeline?communityId=${f.community(w)}` };
      },
    },
    [`GET ${C}`]: {
      allow: CR.read,
      ok: 200,
      outside: 'empty',
      call: async (f, w) => ({ method: 'GET', url: `${C}?q=${encodeURIComponent((await challengeAt(f, w)).title)}` }),
    },
    [`POST ${C}`]: {
      allow: R.manage,
      ok: 201,
      outside: 404,
      call: async (f, w) => ({
        method: 'POST',
        url: C,
        body: {
          territoryId: f.community(w),
          title: `老旧楼院治理${f.uniq()}`,
          description: '无物业楼院环境整治',
          category: 'property',
          deadline: '2099-12-31',
          reward: '表彰',
        },
      }),
    },
    [`GET ${C}/:id`]: {
      allow: CR.read,
      ok: 200,
      outside: 404,
      call: async (f, w) => ({ method: 'GET', url: `${C}/${(await challengeAt(f, w)).id}` }),
    },
    [`POST ${C}/:id/applicants`]: {
      allow: CR.apply,
      ok: 200,
      outside: 404,
      call: async (f, w) => ({
        method: 'POST',
        url: `${C}/${(await challengeAt(f, w)).id}/applicants`,
        body: { kind: 'member', name: '马文军', plan: '组织党员每周清运' },
      }),
    },
    [`POST ${C}/:id/pick`]: {
      allow: R.manage,
      ok: 200,
      outside: 404,
      call: async (f, w) => {
        const c = await challengeAt(f, w);
        return { method: 'POST', url: `${C}/${c.id}/pick`, body: { picked: [c.applicantId] } };
      },
    },
    [`POST ${C}/:id/reports`]: {
      allow: CR.apply,
      ok: 200,
      outside: 404,
      call: async (f, w) => ({
        method: 'POST',
        url: `${C}/${(await challengeAt(f, w, 'taken')).id}/reports`,
        body: { reportedOn: '2026-03-01', text: '清理楼道杂物' },
      }),
    },
    [`POST ${C}/:id/move`]: {
      allow: R.manage,
      ok: 200,
      outside: 404,
      call: async (f, w) => ({
        method: 'POST',
        url: `${C}/${(await challengeAt(f, w, 'inProgress')).id}/move`,
        body: { to: 'solved', outcome: '环境整治到位', stars: 5 },
      }),
    },
    [`POST ${C}/:id/ratings`]: {
      allow: R.rate,
      ok: 201,
      outside: 404,
      call: async (f, w) => ({
        method: 'POST',
        url: `${C}/${(await challengeAt(f, w, 'solved')).id}/ratings`,
        body: { stars: 4 },
      }),
    },
  };
}
