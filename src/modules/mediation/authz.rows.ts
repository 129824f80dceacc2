import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import type { OrderStatus } from '../service-orders/constants.js';
import { accountOf, makeMember, makeUnit } from '../service-orders/testing.js';
import { MEDIATION_ROLES } from './permissions.js';
import { makeCase, makeTeam } from './testing.js';

/**
 * Authorization-matrix rows of the mediation module. An inside case is asked for by the matrix's resident and
 * handled by the matrix's unit contact (through a unit) and party member, like the orders' rows, so each role
 * sees it by the orders' visibility rule; an outside case (street B) belongs to strangers.
 */
const HOUR = 3_600_000;

async function caseAt(f: MatrixFixture, w: Where, status: OrderStatus, sessions = 0) {
  const c = f.at(w).community;
  const street = f.tree.streetA.street.id;
  const inside = w === 'inside';
  const contact = inside ? await accountOf(f.t.db, 'unitContact', street) : null;
  const memberAccount = inside ? await accountOf(f.t.db, 'partyMember', street) : null;
  const reporter = inside
    ? await accountOf(f.t.db, 'resident', street)
    : (await f.t.factory.account({ roles: ['resident'], territoryId: f.at(w).household.id })).id;
  const unit = await makeUnit(f.t.db, c, `单位${f.uniq()}`, contact ?? undefined);
  const member = await makeMember(f.t.db, c, `党员${f.uniq()}`, memberAccount ?? undefined);
  return makeCase(f.t.db, c, f.t.clock.now(), {
    status,
    title: `调解${f.uniq()}`,
    reporterAccountId: reporter,
    unitId: unit.id,
    memberId: member.id,
    sessions,
  });
}
const teamAt = (f: MatrixFixture, w: Where) => makeTeam(f.t.db, f.at(w).community, `说事室${f.uniq()}`);
const caseUrl = async (f: MatrixFixture, w: Where, status: OrderStatus, path: string, sessions = 0) =>
  `/api/mediation/cases/${(await caseAt(f, w, status, sessions)).id}/${path}`;

export const rows: MatrixRows = {
  'GET /api/mediation/teams': {
    allow: MEDIATION_ROLES.teamRead,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/mediation/teams?q=${encodeURIComponent((await teamAt(f, w)).name)}`,
    }),
  },
  'POST /api/mediation/teams': {
    allow: MEDIATION_ROLES.teamManage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/mediation/teams',
      body: {
        communityId: f.community(w),
        name: `调解小分队${f.uniq()}`,
        members: [{ name: '金大姐', role: 'leader', phone: '13800138000' }],
      },
    }),
  },
  'GET /api/mediation/teams/:id': {
    allow: MEDIATION_ROLES.teamRead,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/mediation/teams/${(await teamAt(f, w)).id}` }),
  },
  'PATCH /api/mediation/teams/:id': {
    allow: MEDIATION_ROLES.teamManage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/mediation/teams/${(await teamAt(f, w)).id}`,
      body: { place: '社区二楼说事室' },
    }),
  },
  'DELETE /api/mediation/teams/:id': {
    allow: MEDIATION_ROLES.teamManage,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `/api/mediation/teams/${(await teamAt(f, w)).id}` }),
  },

  'GET /api/mediation/cases': {
    allow: MEDIATION_ROLES.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/mediation/cases?q=${encodeURIComponent((await caseAt(f, w, 'dispatched')).title)}`,
    }),
  },
  'POST /api/mediation/cases': {
    allow: MEDIATION_ROLES.create,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/mediation/cases',
      body: {
        title: `下水道堵塞分摊纠纷${f.uniq()}`,
        territoryId: f.at(w).household.id,
        parties: [{ name: '楼上住户', role: 'respondent' }],
      },
    }),
  },
  'GET /api/mediation/cases/:orderId': {
    allow: MEDIATION_ROLES.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/mediation/cases/${(await caseAt(f, w, 'dispatched')).id}` }),
  },
  'POST /api/mediation/cases/:orderId/assign': {
    allow: MEDIATION_ROLES.assign,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const c = await caseAt(f, w, 'submitted');
      return { method: 'POST', url: `/api/mediation/cases/${c.id}/assign`, body: { teamId: (await teamAt(f, w)).id } };
    },
  },
  'POST /api/mediation/cases/:orderId/parties': {
    allow: MEDIATION_ROLES.record,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: await caseUrl(f, w, 'dispatched', 'parties'),
      body: { name: '楼上住户', role: 'respondent', contact: '13900139000' },
    }),
  },
  'DELETE /api/mediation/cases/:orderId/parties/:partyId': {
    allow: MEDIATION_ROLES.record,
    ok: 204,
    outside: 404,
    call: async (f, w) => {
      const c = await caseAt(f, w, 'dispatched');
      return { method: 'DELETE', url: `/api/mediation/cases/${c.id}/parties/${c.partyId}` };
    },
  },
  'POST /api/mediation/cases/:orderId/parties/:partyId/reveal': {
    allow: MEDIATION_ROLES.reveal,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const c = await caseAt(f, w, 'dispatched');
      return { method: 'POST', url: `/api/mediation/cases/${c.id}/parties/${c.partyId}/reveal` };
    },
  },
  'POST /api/mediation/cases/:orderId/sessions': {
    allow: MEDIATION_ROLES.record,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: await caseUrl(f, w, 'accepted', 'sessions'),
      body: {
        heldAt: new Date(f.t.clock.now().getTime() - HOUR).toISOString(),
        place: '说事室',
        attendees: ['张可红', '楼上住户'],
        notes: '召集大家拉家常、说事理',
      },
    }),
  },
  'PUT /api/mediation/cases/:orderId/agreement': {
    allow: MEDIATION_ROLES.record,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PUT',
      url: await caseUrl(f, w, 'inProgress', 'agreement'),
      body: { text: '五户共同出资疏通下水道', signedOn: '2026-01-05' },
    }),
  },
  'POST /api/mediation/cases/:orderId/outcome': {
    allow: MEDIATION_ROLES.record,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: await caseUrl(f, w, 'inProgress', 'outcome', 1),
      body: { outcome: 'referredJudicial', note: '分歧较大，移交街道司法所' },
    }),
  },
  'POST /api/mediation/cases/:orderId/follow-up': {
    allow: MEDIATION_ROLES.record,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: await caseUrl(f, w, 'resolved', 'follow-up'),
      body: { visitedOn: '2026-01-12', note: '回访：邻里关系已恢复' },
    }),
  },
};
