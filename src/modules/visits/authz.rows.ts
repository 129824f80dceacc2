import type { Role } from '../../kernel/rbac/rbac.js';
import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { visits } from './schema.js';

/** Authorization-matrix rows of the visits module (src/test/authz-matrix.ts). */
const MANAGERS: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];
const RECORD: Role[] = ['gridWorker', 'partyMember', ...MANAGERS];

async function visit(f: MatrixFixture, w: Where, finding: string | null = null) {
  const c = f.at(w);
  const [row] = await f.t.db
    .insert(visits)
    .values({
      visitorName: `走访人${f.uniq()}`,
      territoryId: c.household.id,
      scopePath: c.household.path,
      communityId: c.community.id,
      visitedOn: '2026-01-05',
      finding,
    })
    .returning();
  return row!;
}

export const rows: MatrixRows = {
  'GET /api/visits': {
    allow: RECORD,
    ok: 200,
    outside: 404, // a territory filter outside the caller's subtree
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/visits?territoryId=${(await visit(f, w)).communityId}&pageSize=1`,
    }),
  },
  'GET /api/visits/coverage': {
    allow: ['gridWorker', ...MANAGERS],
    ok: 200,
    outside: 'none', // workers outside the caller's subtree are never counted: visits.test.ts
    call: async () => ({ method: 'GET', url: '/api/visits/coverage' }),
  },
  'GET /api/visits/:id': {
    allow: RECORD,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/visits/${(await visit(f, w)).id}` }),
  },
  'POST /api/visits': {
    allow: RECORD,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/visits',
      body: { territoryId: f.at(w).household.id, visitedOn: '2026-01-05', note: '矩阵走访' },
    }),
  },
  'POST /api/visits/:id/order': {
    allow: RECORD,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/visits/${(await visit(f, w, '楼道灯不亮')).id}/order`,
      body: { category: 'repair' },
    }),
  },
};
