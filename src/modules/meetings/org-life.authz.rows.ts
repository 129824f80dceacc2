import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { accountOf } from '../service-orders/testing.js';
import { MEETING_ROLES } from './permissions.js';
import { makeBranch, makeSession } from './testing.js';

/**
 * Matrix rows of organisational life: a branch at street A's first community (inside) or street B's (outside);
 * for sign-in and leave the inside branch holds a member for every matrix session account that may attend.
 */
const branchAt = async (f: MatrixFixture, w: Where, withSessions = false) => {
  const ids =
    withSessions && w === 'inside'
      ? await Promise.all(MEETING_ROLES.attend.map((r) => accountOf(f.t.db, r, f.tree.streetA.street.id)))
      : [];
  return makeBranch(
    f.t.db,
    f.at(w).community,
    `支部${f.uniq()}`,
    [{ name: `党员${f.uniq()}` }, ...ids.map((accountId, i) => ({ name: `党员${i}`, accountId }))],
    f.t.clock.now(),
  );
};
const sessionAt = async (f: MatrixFixture, w: Where, roster = false) => {
  const b = await branchAt(f, w, roster);
  return makeSession(f.t.db, b.branch, f.t.clock.now(), `主题党日${f.uniq()}`);
};

export const orgLifeRows: MatrixRows = {
  'GET /api/org-life/sessions': {
    allow: MEETING_ROLES.orgLifeRead,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/org-life/sessions?branchId=${(await sessionAt(f, w)).branchId}`,
    }),
  },
  'POST /api/org-life/sessions': {
    allow: MEETING_ROLES.orgLifeManage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/org-life/sessions',
      body: {
        branchId: (await branchAt(f, w)).branch.id,
        kind: 'branchCommittee',
        title: '支委会',
        heldAt: f.t.clock.now().toISOString(),
        mode: 'online',
      },
    }),
  },
  'GET /api/org-life/sessions/mine': {
    allow: MEETING_ROLES.attend,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/org-life/sessions/mine' }),
  },
  'GET /api/org-life/sessions/:id': {
    allow: MEETING_ROLES.orgLifeRead,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/org-life/sessions/${(await sessionAt(f, w)).id}` }),
  },
  'PATCH /api/org-life/sessions/:id': {
    allow: MEETING_ROLES.orgLifeManage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/org-life/sessions/${(await sessionAt(f, w)).id}`,
      body: { minutes: '学习传达上级精神' },
    }),
  },
  'POST /api/org-life/sessions/:id/corrections': {
    allow: MEETING_ROLES.orgLifeManage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const b = await branchAt(f, w);
      const row = await makeSession(f.t.db, b.branch, f.t.clock.now(), `主题党日${f.uniq()}`, 'approved');
      return {
        method: 'POST',
        url: `/api/org-life/sessions/${row.id}/corrections`,
        body: { memberId: b.members[0]!.id, status: 'present', reason: '签到表漏记' },
      };
    },
  },
  'POST /api/org-life/sessions/:id/sign-in': {
    allow: MEETING_ROLES.attend,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/org-life/sessions/${(await sessionAt(f, w, true)).id}/sign-in`,
    }),
  },
  'POST /api/org-life/sessions/:id/leave': {
    allow: MEETING_ROLES.attend,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/org-life/sessions/${(await sessionAt(f, w, true)).id}/leave`,
      body: { reason: '外出' },
    }),
  },
  'GET /api/org-life/figures': {
    allow: MEETING_ROLES.orgLifeRead,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/org-life/figures?year=2026&territoryId=${f.community(w)}` }),
  },
  'GET /api/org-life/study/branch/:branchId': {
    allow: MEETING_ROLES.orgLifeRead,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/org-life/study/branch/${(await branchAt(f, w)).branch.id}` }),
  },
  'GET /api/org-life/study/branch/:branchId/export.xlsx': {
    allow: MEETING_ROLES.orgLifeRead,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/org-life/study/branch/${(await branchAt(f, w)).branch.id}/export.xlsx`,
    }),
  },
  'GET /api/org-life/study/mine/export.xlsx': {
    allow: MEETING_ROLES.studyOwn,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/org-life/study/mine/export.xlsx' }),
  },
  'POST /api/org-life/study/lessons': {
    allow: MEETING_ROLES.orgLifeManage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/org-life/study/lessons',
      body: { memberId: (await branchAt(f, w)).members[0]!.id, title: '党史学习', hours: 1, studiedOn: '2026-04-01' },
    }),
  },
  'GET /api/org-life/study/mine': {
    allow: MEETING_ROLES.studyOwn,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/org-life/study/mine' }),
  },
  'POST /api/org-life/study/mine/lessons': {
    allow: MEETING_ROLES.studyOwn,
    ok: 201,
    outside: 'none',
    call: async (f) => {
      await branchAt(f, 'inside', true);
      return {
        method: 'POST',
        url: '/api/org-life/study/mine/lessons',
        body: { title: '自学党章', hours: 0.5, studiedOn: '2026-04-02' },
      };
    },
  },
};
