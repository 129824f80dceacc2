import { and, arrayOverlaps, asc, eq, notInArray } from 'drizzle-orm';
import { accounts } from '../../kernel/db/schema.js';
import type { Role } from '../../kernel/rbac/rbac.js';
import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { partyOrgs } from '../organizations/schema.js';
import { dualRegistrations, partyMembers } from './schema.js';

/** Authorization-matrix rows of the party-members module (src/test/authz-matrix.ts). */
const STAFF: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];
const DELETE: Role[] = ['communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

/** A branch of the inside or outside community. */
async function branchAt(f: MatrixFixture, w: Where) {
  const c = f.at(w).community;
  const [row] = await f.t.db
    .insert(partyOrgs)
    .values({ kind: 'branch', name: `党支部${f.uniq()}`, territoryId: c.id, scopePath: c.path })
    .returning();
  return row!;
}

/** An in-service member held by a branch of the inside or outside community. */
async function memberAt(f: MatrixFixture, w: Where, accountId: number | null = null) {
  const b = await branchAt(f, w);
  const [row] = await f.t.db
    .insert(partyMembers)
    .values({
      name: `党员${f.uniq()}`,
      kind: 'inService',
      homeBranchId: b.id,
      territoryId: b.territoryId,
      scopePath: b.scopePath,
      accountId,
    })
    .returning();
  return row!;
}

/** A pending registration of a member held at `w` with a new community of the street at `w`. */
async function registrationAt(f: MatrixFixture, w: Where, memberId?: number) {
  const c = await f.t.factory.territory(f.at(w).community.parentId, 'community', `社区${f.uniq()}`);
  const m = memberId ?? (await memberAt(f, w)).id;
  const [row] = await f.t.db
    .insert(dualRegistrations)
    .values({ memberId: m, communityId: c.id, communityPath: c.path, status: 'pending', requestedAt: new Date() })
    .returning();
  return row!;
}

/** Links every party-member test account without a member record to an in-service member inside. */
async function linkMembers(f: MatrixFixture) {
  const linked = (await f.t.db.select({ a: partyMembers.accountId }).from(partyMembers)).flatMap((r) =>
    r.a === null ? [] : [r.a],
  );
  const open = await f.t.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(arrayOverlaps(accounts.roles, ['partyMember']), linked.length ? notInArray(accounts.id, linked) : undefined),
    );
  for (const a of open) await memberAt(f, 'inside', a.id);
  // The matrix's party-member session is the first account of that role (fresh sessions come later).
  const [mine] = await f.t.db
    .select({ id: partyMembers.id })
    .from(partyMembers)
    .innerJoin(accounts, eq(accounts.id, partyMembers.accountId))
    .where(arrayOverlaps(accounts.roles, ['partyMember']))
    .orderBy(asc(accounts.id))
    .limit(1);
  return mine!.id;
}

export const rows: MatrixRows = {
  'GET /api/party-members': {
    allow: STAFF,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/party-members?q=${encodeURIComponent((await memberAt(f, w)).name)}&includeRegistered=true`,
    }),
  },
  'GET /api/party-members/template.xlsx': {
    allow: STAFF,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/party-members/template.xlsx' }),
  },
  'POST /api/party-members/import': {
    allow: STAFF,
    ok: 400, // a JSON body is not a spreadsheet
    outside: 'none',
    call: async () => ({ method: 'POST', url: '/api/party-members/import', body: {} }),
  },
  'GET /api/party-members/export.xlsx': {
    allow: STAFF,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/party-members/export.xlsx' }),
  },
  'GET /api/party-members/home-branches': {
    allow: STAFF,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/party-members/home-branches' }),
  },
  'GET /api/party-members/communities': {
    allow: ['partyMember', ...STAFF],
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/party-members/communities?q=社区' }),
  },
  'GET /api/party-members/registrations': {
    allow: STAFF,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/party-members/registrations?memberId=${(await registrationAt(f, w)).memberId}`,
    }),
  },
  'POST /api/party-members/registrations/:id/confirm': {
    allow: STAFF,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/party-members/registrations/${(await registrationAt(f, w)).id}/confirm`,
      body: {},
    }),
  },
  'POST /api/party-members/registrations/:id/reject': {
    allow: STAFF,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/party-members/registrations/${(await registrationAt(f, w)).id}/reject`,
      body: { note: '不在本社区居住' },
    }),
  },
  'POST /api/party-members/registrations/:id/withdraw': {
    allow: STAFF,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/party-members/registrations/${(await registrationAt(f, w)).id}/withdraw`,
    }),
  },
  'GET /api/party-members/evaluations': {
    allow: STAFF,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/party-members/evaluations?period=2025&memberId=${(await memberAt(f, w)).id}`,
    }),
  },
  'GET /api/party-members/me': {
    allow: ['partyMember'],
    ok: 200,
    outside: 'none',
    call: async (f) => {
      await linkMembers(f);
      return { method: 'GET', url: '/api/party-members/me' };
    },
  },
  'POST /api/party-members/me/registrations': {
    allow: ['partyMember'],
    ok: 201,
    outside: 'none',
    call: async (f) => {
      await linkMembers(f);
      const c = await f.t.factory.territory(f.tree.streetB.street.id, 'community', `社区${f.uniq()}`);
      return { method: 'POST', url: '/api/party-members/me/registrations', body: { communityId: c.id } };
    },
  },
  'POST /api/party-members/me/registrations/:id/withdraw': {
    allow: ['partyMember'],
    ok: 200,
    outside: 'none',
    call: async (f) => ({
      method: 'POST',
      url: `/api/party-members/me/registrations/${(await registrationAt(f, 'inside', await linkMembers(f))).id}/withdraw`,
    }),
  },
  'GET /api/party-members/:id': {
    allow: STAFF,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/party-members/${(await memberAt(f, w)).id}` }),
  },
  'GET /api/party-members/:id/points': {
    allow: STAFF,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/party-members/${(await memberAt(f, w)).id}/points` }),
  },
  'POST /api/party-members': {
    allow: STAFF,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/party-members',
      body: { name: `新党员${f.uniq()}`, kind: 'resident', homeBranchId: (await branchAt(f, w)).id },
    }),
  },
  'PATCH /api/party-members/:id': {
    allow: STAFF,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/party-members/${(await memberAt(f, w)).id}`,
      body: { posts: ['vanguardPost'] },
    }),
  },
  'DELETE /api/party-members/:id': {
    allow: DELETE,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `/api/party-members/${(await memberAt(f, w)).id}` }),
  },
  'POST /api/party-members/:id/registrations': {
    allow: STAFF,
    ok: 201,
    outside: 404,
    call: async (f, w) => {
      const c = await f.t.factory.territory(f.tree.streetB.street.id, 'community', `社区${f.uniq()}`);
      return {
        method: 'POST',
        url: `/api/party-members/${(await memberAt(f, w)).id}/registrations`,
        body: { communityId: c.id },
      };
    },
  },
  'POST /api/party-members/:id/evaluations': {
    allow: STAFF,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/party-members/${(await memberAt(f, w)).id}/evaluations`,
      body: { period: '2025', side: 'unit', grade: 'good' },
    }),
  },
};
