import type { Role } from '../../kernel/rbac/rbac.js';
import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { buildingLeads, grids, gridWorkers, liaisonHouseholds } from './schema.js';
import { partyOrgs } from '../organizations/index.js';
import { partyMembers } from '../party-members/index.js';

/** Authorization-matrix rows of the grids module (src/test/authz-matrix.ts). */
const READ: Role[] = [
  'gridWorker',
  'communityStaff',
  'communitySecretary',
  'streetAdmin',
  'districtAdmin',
  'cityAdmin',
];
const MANAGE: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

/** A small square grid near 文亭巷 (WGS-84), in the inside or outside community. */
const square = (d = 0): { type: 'Polygon'; coordinates: [number, number][][] } => ({
  type: 'Polygon',
  coordinates: [
    [
      [101.75 + d, 36.61],
      [101.76 + d, 36.61],
      [101.76 + d, 36.62],
      [101.75 + d, 36.62],
      [101.75 + d, 36.61],
    ],
  ],
});

async function grid(f: MatrixFixture, w: Where) {
  const c = f.at(w).community;
  const [row] = await f.t.db
    .insert(grids)
    .values({
      communityId: c.id,
      scopePath: c.path,
      kind: 'basic',
      name: `网格${f.uniq()}`,
      geometry: square(),
      minLng: 101.75,
      minLat: 36.61,
      maxLng: 101.76,
      maxLat: 36.62,
    })
    .returning();
  return row!;
}

async function worker(f: MatrixFixture, w: Where) {
  const g = await grid(f, w);
  const [row] = await f.t.db
    .insert(gridWorkers)
    .values({ gridId: g.id, scopePath: g.scopePath, kind: 'fullTime', name: `网格员${f.uniq()}`, phone: '13900001111' })
    .returning();
  return row!;
}

const household = (f: MatrixFixture, w: Where) =>
  f.t.factory.territory(f.at(w).building.id, 'household', `${f.uniq()}室`);

export const rows: MatrixRows = {
  'GET /api/grids': {
    allow: READ,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `/api/grids?communityId=${(await grid(f, w)).communityId}` }),
  },
  'GET /api/grids/map': {
    allow: READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/grids/map?communityId=${(await grid(f, w)).communityId}` }),
  },
  'POST /api/grids/locate': {
    allow: 'any',
    ok: 200,
    outside: 'none', // scope is checked in grids.test.ts: an outside grid is never answered
    call: async () => ({ method: 'POST', url: '/api/grids/locate', body: { lng: 101.755, lat: 36.615 } }),
  },
  'POST /api/grids/import': {
    allow: MANAGE,
    ok: 201,
    outside: 'none', // an outside community is a per-feature error (400), checked in grids.test.ts
    call: async (f) => ({
      method: 'POST',
      url: '/api/grids/import',
      body: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: `导入${f.uniq()}`, kind: 'basic', communityId: f.community('inside') },
            geometry: square(0.02),
          },
        ],
      },
    }),
  },
  'GET /api/grids/:id': {
    allow: READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/grids/${(await grid(f, w)).id}` }),
  },
  'POST /api/grids': {
    allow: MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/grids',
      body: { communityId: f.community(w), kind: 'basic', name: `网格${f.uniq()}`, geometry: square(0.03) },
    }),
  },
  'PATCH /api/grids/:id': {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/grids/${(await grid(f, w)).id}`,
      body: { name: `改名${f.uniq()}` },
    }),
  },
  'DELETE /api/grids/:id': {
    allow: MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `/api/grids/${(await grid(f, w)).id}` }),
  },
  'GET /api/grids/workers': {
    allow: READ,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `/api/grids/workers?gridId=${(await worker(f, w)).gridId}` }),
  },
  'POST /api/grids/workers': {
    allow: MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/grids/workers',
      body: { gridId: (await grid(f, w)).id, name: '马秀英', kind: 'fullTime', phone: '13812345678' },
    }),
  },
  'PATCH /api/grids/workers/:id': {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/grids/workers/${(await worker(f, w)).id}`,
      body: { name: `改名${f.uniq()}` },
    }),
  },
  'DELETE /api/grids/workers/:id': {
    allow: MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `/api/grids/workers/${(await worker(f, w)).id}` }),
  },
  'GET /api/grids/liaisons': {
    allow: READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/grids/liaisons?under=${f.at(w).building.id}` }),
  },
  'GET /api/grids/workers/:id/households': {
    allow: READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/grids/workers/${(await worker(f, w)).id}/households` }),
  },
  'POST /api/grids/workers/:id/households': {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/grids/workers/${(await worker(f, w)).id}/households`,
      body: { householdIds: [(await household(f, w)).id] },
    }),
  },
  'DELETE /api/grids/workers/:id/households/:householdId': {
    allow: MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => {
      const wk = await worker(f, w);
      const h = await household(f, w);
      await f.t.db.insert(liaisonHouseholds).values({ workerId: wk.id, householdId: h.id, scopePath: wk.scopePath });
      return { method: 'DELETE', url: `/api/grids/workers/${wk.id}/households/${h.id}` };
    },
  },
  'GET /api/grids/buildings': {
    allow: READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/grids/buildings?communityId=${f.community(w)}` }),
  },
  'PUT /api/grids/buildings/:buildingId/lead': {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PUT',
      url: `/api/grids/buildings/${f.at(w).building.id}/lead`,
      body: { name: `楼栋长${f.uniq()}` },
    }),
  },
  'DELETE /api/grids/buildings/:buildingId/lead': {
    allow: MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => {
      const b = await f.t.factory.territory(f.at(w).compound.id, 'building', `楼${f.uniq()}`);
      await f.t.db.insert(buildingLeads).values({ buildingId: b.id, scopePath: b.path, name: '楼栋长' });
      return { method: 'DELETE', url: `/api/grids/buildings/${b.id}/lead` };
    },
  },
  'PUT /api/grids/buildings/:buildingId/responsible-member': {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const c = f.at(w).community;
      const [b] = await f.t.db
        .insert(partyOrgs)
        .values({ kind: 'branch', name: `党支部${f.uniq()}`, territoryId: c.id, scopePath: c.path })
        .returning();
      const [m] = await f.t.db
        .insert(partyMembers)
        .values({
          name: `责任党员${f.uniq()}`,
          kind: 'resident',
          homeBranchId: b!.id,
          territoryId: c.id,
          scopePath: c.path,
        })
        .returning();
      return {
        method: 'PUT',
        url: `/api/grids/buildings/${f.at(w).building.id}/responsible-member`,
        body: { partyMemberId: m!.id },
      };
    },
  },
  'DELETE /api/grids/buildings/:buildingId/responsible-member': {
    allow: MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => {
      const b = await f.t.factory.territory(f.at(w).compound.id, 'building', `楼${f.uniq()}`);
      await f.t.db
        .insert(buildingLeads)
        .values({ buildingId: b.id, scopePath: b.path, role: 'responsibleMember', name: '责任党员' });
      return { method: 'DELETE', url: `/api/grids/buildings/${b.id}/responsible-member` };
    },
  },
};
