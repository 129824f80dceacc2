import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { accountOf } from '../service-orders/testing.js';
import { MEETING_ROLES } from './permissions.js';
import { orgLifeRows } from './org-life.authz.rows.js';
import { consultationRows } from './consultations.authz.rows.js';
import { makeMeeting } from './testing.js';

/**
 * Authorization-matrix rows of the meetings module. An inside meeting sits at street A's first community, an
 * outside one at street B's; for sign-in the inside meeting invites every matrix session account that may attend.
 */
const at = (f: MatrixFixture, w: Where, status: 'planned' | 'held' | 'approved' = 'planned', invite = false) =>
  (async () => {
    const accountIds = invite
      ? await Promise.all(MEETING_ROLES.attend.map((r) => accountOf(f.t.db, r, f.tree.streetA.street.id)))
      : [];
    return makeMeeting(f.t.db, f.at(w).community, f.t.clock.now(), {
      title: `会议${f.uniq()}`,
      status,
      accountIds: w === 'inside' ? accountIds : [],
    });
  })();
const url = async (f: MatrixFixture, w: Where, path: string, status: 'planned' | 'held' | 'approved' = 'planned') =>
  `/api/meetings/${(await at(f, w, status)).meeting.id}${path}`;

export const rows: MatrixRows = {
  ...orgLifeRows,
  ...consultationRows,
  'GET /api/meetings/types': {
    allow: MEETING_ROLES.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/meetings/types' }),
  },
  'GET /api/meetings': {
    allow: MEETING_ROLES.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/meetings?q=${encodeURIComponent((await at(f, w)).meeting.title)}`,
    }),
  },
  'POST /api/meetings': {
    allow: MEETING_ROLES.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/meetings',
      body: {
        typeKey: 'stewardMonthly',
        territoryId: f.community(w),
        title: `社区管家月度会${f.uniq()}`,
        startsAt: new Date(f.t.clock.now().getTime() + 86_400_000).toISOString(),
      },
    }),
  },
  'GET /api/meetings/export.xlsx': {
    allow: MEETING_ROLES.read,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/meetings/export.xlsx?kind=actionItems' }),
  },
  'GET /api/meetings/mine': {
    allow: MEETING_ROLES.attend,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/meetings/mine' }),
  },
  'GET /api/meetings/action-items': {
    allow: MEETING_ROLES.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/meetings/action-items?q=${encodeURIComponent((await at(f, w)).action.title)}`,
    }),
  },
  'PATCH /api/meetings/action-items/:id': {
    allow: MEETING_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/meetings/action-items/${(await at(f, w)).action.id}`,
      body: { status: 'inProgress', evidence: '已联系物业' },
    }),
  },
  'POST /api/meetings/action-items/:id/order': {
    allow: MEETING_ROLES.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/meetings/action-items/${(await at(f, w)).action.id}/order`,
      body: { category: 'environment' },
    }),
  },
  'POST /api/meetings/decisions/:decisionId/action-items': {
    allow: MEETING_ROLES.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => {
      const x = await at(f, w);
      return {
        method: 'POST',
        url: `/api/meetings/decisions/${x.decision.id}/action-items`,
        body: {
          title: '增设垃圾桶',
          ownerKind: 'unit',
          ownerId: x.unit.id,
          dueAt: new Date(f.t.clock.now().getTime() + 3 * 86_400_000).toISOString(),
        },
      };
    },
  },
  'GET /api/meetings/:id': {
    allow: MEETING_ROLES.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: await url(f, w, '') }),
  },
  'GET /api/meetings/:id/proposals': {
    allow: MEETING_ROLES.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: await url(f, w, '/proposals') }),
  },
  'GET /api/meetings/:id/owners': {
    allow: MEETING_ROLES.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: await url(f, w, '/owners') }),
  },
  'POST /api/meetings/:id/agenda': {
    allow: MEETING_ROLES.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({ method: 'POST', url: await url(f, w, '/agenda'), body: { title: '电动车充电难' } }),
  },
  'PUT /api/meetings/:id/agenda/:itemId/minutes': {
    allow: MEETING_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const x = await at(f, w, 'held');
      return {
        method: 'PUT',
        url: `/api/meetings/${x.meeting.id}/agenda/${x.item.id}/minutes`,
        body: { minutes: '各方发言记录' },
      };
    },
  },
  'POST /api/meetings/:id/agenda/:itemId/decisions': {
    allow: MEETING_ROLES.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => {
      const x = await at(f, w, 'held');
      return {
        method: 'POST',
        url: `/api/meetings/${x.meeting.id}/agenda/${x.item.id}/decisions`,
        body: { text: '物业公司本周内整改' },
      };
    },
  },
  'POST /api/meetings/:id/move': {
    allow: MEETING_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'POST', url: await url(f, w, '/move'), body: { move: 'hold' } }),
  },
  'POST /api/meetings/:id/attendance': {
    allow: MEETING_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const x = await at(f, w, 'held');
      return {
        method: 'POST',
        url: `/api/meetings/${x.meeting.id}/attendance`,
        body: { inviteeId: x.invitee.id, attended: true },
      };
    },
  },
  'POST /api/meetings/:id/sign-in': {
    allow: MEETING_ROLES.attend,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/meetings/${(await at(f, w, 'planned', true)).meeting.id}/sign-in`,
      body: { code: '246810' },
    }),
  },
  'POST /api/meetings/:id/corrections': {
    allow: MEETING_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const x = await at(f, w, 'approved');
      return {
        method: 'POST',
        url: `/api/meetings/${x.meeting.id}/corrections`,
        body: { agendaItemId: x.item.id, minutes: '补记', reason: '漏记一位发言人' },
      };
    },
  },
};
