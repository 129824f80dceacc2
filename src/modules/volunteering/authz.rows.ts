import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { accountOf } from '../service-orders/testing.js';
import { VOL_ROLES } from './permissions.js';
import { pointEntries, volTeamMembers } from './schema.js';
import { makeActivity, makeTeam, TEST_PLACE } from './testing.js';

/**
 * Authorization-matrix rows of volunteering. Inside targets sit at street A's first community, outside ones at
 * street B's. Every matrix session is bound to street A's street node, so an inside activity names all the sessions
 * that may manage as organisers (谁组织谁记录) and signs up all the sessions that may join.
 */
const sessionAccounts = async (f: MatrixFixture, roles: readonly string[]) =>
  (await Promise.all(roles.map((r) => accountOf(f.t.db, r, f.tree.streetA.street.id)))).filter(
    (x): x is number => x !== null,
  );

const activity = async (f: MatrixFixture, w: Where, status?: 'signedUp' | 'checkedIn' | 'checkedOut') => {
  const inside = w === 'inside';
  const organiserIds = inside ? await sessionAccounts(f, VOL_ROLES.manage) : [];
  const joiners = inside ? await sessionAccounts(f, VOL_ROLES.join) : [];
  return makeActivity(f.t.db, f.at(w).community, f.t.clock.now(), {
    title: `志愿活动${f.uniq()}`,
    organiserIds,
    signups: status
      ? inside
        ? joiners.map((accountId) => ({ accountId, name: `志愿者${accountId}` }))
        : [{ accountId: null, name: '外区志愿者' }]
      : [],
    ...(status ? { status } : {}),
  });
};
const pendingEntry = async (f: MatrixFixture, w: Where) => {
  const [row] = await f.t.db
    .insert(pointEntries)
    .values({
      personKey: `n:${f.uniq()}`,
      name: '待审积分人',
      scopePath: f.at(w).community.path,
      source: 'manual',
      ref: `manual:${f.uniq()}`,
      points: 5,
      requested: 5,
      reason: '矩阵测试',
      status: 'pending',
      period: '2026-01',
      at: f.t.clock.now(),
    })
    .returning();
  return row!;
};
const team = async (f: MatrixFixture, w: Where) => makeTeam(f.t.db, f.at(w).community, `志愿服务队${f.uniq()}`);

export const rows: MatrixRows = {
  'GET /api/volunteering/activities': {
    allow: VOL_ROLES.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/volunteering/activities?q=${encodeURIComponent((await activity(f, w)).activity.title)}`,
    }),
  },
  'POST /api/volunteering/activities': {
    allow: VOL_ROLES.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/volunteering/activities',
      body: {
        kind: 'serviceFair',
        title: `便民服务集市${f.uniq()}`,
        territoryId: f.community(w),
        place: '社区广场',
        shifts: [
          {
            label: '上午',
            startsAt: new Date(f.t.clock.now().getTime() + 86_400_000).toISOString(),
            endsAt: new Date(f.t.clock.now().getTime() + 90_000_000).toISOString(),
            capacity: 10,
          },
        ],
      },
    }),
  },
  'GET /api/volunteering/activities/:id': {
    allow: VOL_ROLES.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/volunteering/activities/${(await activity(f, w)).activity.id}`,
    }),
  },
  'POST /api/volunteering/activities/:id/move': {
    allow: VOL_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/volunteering/activities/${(await activity(f, w)).activity.id}/move`,
      body: { move: 'close' },
    }),
  },
  'GET /api/volunteering/activities/:id/qr': {
    allow: VOL_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const x = await activity(f, w);
      return {
        method: 'GET',
        url: `/api/volunteering/activities/${x.activity.id}/qr?shiftId=${x.shift.id}&direction=in`,
      };
    },
  },
  'GET /api/volunteering/signups': {
    allow: VOL_ROLES.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => {
      await activity(f, w, 'checkedOut');
      return { method: 'GET', url: `/api/volunteering/signups?territoryId=${f.community(w)}&status=checkedOut` };
    },
  },
  'POST /api/volunteering/signups/:id/confirm': {
    allow: VOL_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/volunteering/signups/${(await activity(f, w, 'checkedOut')).signups[0]!.id}/confirm`,
      body: {},
    }),
  },
  'POST /api/volunteering/signups/:id/reject': {
    allow: VOL_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/volunteering/signups/${(await activity(f, w, 'checkedOut')).signups[0]!.id}/reject`,
      body: { note: '未实际参加' },
    }),
  },
  'GET /api/volunteering/export.xlsx': {
    allow: VOL_ROLES.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/volunteering/export.xlsx?kind=points' }),
  },
  'GET /api/volunteering/open': {
    allow: VOL_ROLES.join,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/volunteering/open' }),
  },
  'POST /api/volunteering/shifts/:id/sign-up': {
    allow: VOL_ROLES.join,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/volunteering/shifts/${(await activity(f, w)).shift.id}/sign-up`,
    }),
  },
  'POST /api/volunteering/shifts/:id/cancel': {
    allow: VOL_ROLES.join,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/volunteering/shifts/${(await activity(f, w, 'signedUp')).shift.id}/cancel`,
    }),
  },
  'POST /api/volunteering/shifts/:id/check': {
    allow: VOL_ROLES.join,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/volunteering/shifts/${(await activity(f, w, 'signedUp')).shift.id}/check`,
      body: { direction: 'in', ...TEST_PLACE },
    }),
  },
  'GET /api/volunteering/mine': {
    allow: VOL_ROLES.join,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/volunteering/mine' }),
  },
  'GET /api/points/mine': {
    allow: VOL_ROLES.join,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/points/mine' }),
  },
  'GET /api/points/rules': {
    allow: VOL_ROLES.read,
    ok: 200,
    outside: 'none',
    call: async (f) => ({ method: 'GET', url: `/api/points/rules?districtId=${f.tree.district.id}` }),
  },
  'PUT /api/points/rules': {
    allow: VOL_ROLES.rules,
    ok: 200,
    outside: 404,
    // The matrix sessions sit at a street: the inside district is one made below it for the test.
    call: async (f, w) => {
      const d =
        w === 'inside'
          ? await f.t.factory.territory(f.tree.streetA.street.id, 'district', `测试区${f.uniq()}`)
          : await f.t.factory.territory(f.tree.streetB.street.id, 'district', `测试区${f.uniq()}`);
      return {
        method: 'PUT',
        url: '/api/points/rules',
        body: {
          districtId: d.id,
          rules: [{ source: 'activityHours', unit: 'hour', points: 3, cap: 30, capPeriod: 'month' }],
        },
      };
    },
  },
  'GET /api/points/entries': {
    allow: VOL_ROLES.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => {
      await pendingEntry(f, w);
      return { method: 'GET', url: `/api/points/entries?territoryId=${f.community(w)}` };
    },
  },
  'GET /api/points/rankings': {
    allow: VOL_ROLES.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/points/rankings' }),
  },
  'POST /api/points/manual': {
    allow: VOL_ROLES.manualPoints,
    ok: 201,
    outside: 404,
    call: async (f, w) => {
      const acc = await f.t.factory.account({ roles: ['resident'], territoryId: f.at(w).household.id });
      return {
        method: 'POST',
        url: '/api/points/manual',
        body: { accountId: acc.id, points: 5, reason: '抗洪抢险表现突出' },
      };
    },
  },
  'POST /api/points/entries/:id/approve': {
    allow: VOL_ROLES.manualPoints,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'POST', url: `/api/points/entries/${(await pendingEntry(f, w)).id}/approve` }),
  },
  'POST /api/points/entries/:id/reject': {
    allow: VOL_ROLES.manualPoints,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'POST', url: `/api/points/entries/${(await pendingEntry(f, w)).id}/reject` }),
  },
  'GET /api/volunteering/teams': {
    allow: VOL_ROLES.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/volunteering/teams?q=${encodeURIComponent((await team(f, w)).name)}`,
    }),
  },
  'POST /api/volunteering/teams': {
    allow: VOL_ROLES.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/volunteering/teams',
      body: { kind: 'vanguardPost', name: `党员先锋岗${f.uniq()}`, territoryId: f.community(w), duties: ['文明劝导'] },
    }),
  },
  'GET /api/volunteering/teams/:id': {
    allow: VOL_ROLES.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/volunteering/teams/${(await team(f, w)).id}` }),
  },
  'POST /api/volunteering/teams/:id/members': {
    allow: VOL_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const acc = await f.t.factory.account({ roles: ['resident'], territoryId: f.at(w).household.id });
      return {
        method: 'POST',
        url: `/api/volunteering/teams/${(await team(f, w)).id}/members`,
        body: { accountId: acc.id, duty: '助老' },
      };
    },
  },
  'DELETE /api/volunteering/teams/:id/members/:rowId': {
    allow: VOL_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const tm = await team(f, w);
      const [row] = await f.t.db
        .insert(volTeamMembers)
        .values({ teamId: tm.id, scopePath: tm.scopePath, name: '队员' })
        .returning();
      return { method: 'DELETE', url: `/api/volunteering/teams/${tm.id}/members/${row!.id}` };
    },
  },
};
