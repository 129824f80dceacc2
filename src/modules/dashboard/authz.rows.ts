import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { CO_BUILDING_ROLES } from '../co-building/permissions.js';
import { MEETING_ROLES } from '../meetings/permissions.js';
import { DASHBOARD_ROLES as R } from './permissions.js';
import { makeGrid, makeHotspotOrders, makeNextMeeting } from './testing.js';

/** Authorization-matrix rows of the dashboard: inside is street A's first community, outside street B's. */
const P = '/api/dashboard';
const hotspotAt = async (f: MatrixFixture, w: Where) => {
  await makeHotspotOrders(f.t.db, f.at(w).community, f.at(w).compound);
  return { compoundId: f.at(w).compound.id, category: 'repair', minCount: 3, days: 30 };
};

export const rows: MatrixRows = {
  [`GET ${P}`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}?territoryId=${f.community(w)}&months=1` }),
  },
  [`GET ${P}/work`]: {
    allow: 'any',
    ok: 200,
    outside: 'none', // always the caller's own node: dashboard work.test.ts checks the counts stay in the subtree
    call: async () => ({ method: 'GET', url: `${P}/work` }),
  },
  [`GET ${P}/map`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/map?territoryId=${f.community(w)}` }),
  },
  [`GET ${P}/map/grids/:id`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/map/grids/${(await makeGrid(f.t.db, f.at(w).community, `网格${f.uniq()}`)).id}`,
    }),
  },
  [`GET ${P}/hotspots`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/hotspots?territoryId=${f.community(w)}` }),
  },
  [`POST ${P}/hotspots/need`]: {
    allow: CO_BUILDING_ROLES.raise,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({ method: 'POST', url: `${P}/hotspots/need`, body: await hotspotAt(f, w) }),
  },
  [`POST ${P}/hotspots/agenda`]: {
    allow: MEETING_ROLES.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => {
      await makeNextMeeting(f.t.db, f.at(w).community);
      return { method: 'POST', url: `${P}/hotspots/agenda`, body: await hotspotAt(f, w) };
    },
  },
};
