import { and, arrayOverlaps, notInArray } from 'drizzle-orm';
import { encryptPii, hashPii } from '../../kernel/crypto/pii.js';
import { accounts } from '../../kernel/db/schema.js';
import type { Role } from '../../kernel/rbac/rbac.js';
import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { residents } from './schema.js';

/** Authorization-matrix rows of the people module (src/test/authz-matrix.ts). */
const STAFF: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];
const READ: Role[] = ['gridWorker', ...STAFF];
const DELETE: Role[] = ['communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];
const SELF: Role[] = ['resident', 'partyMember'];

/** A resident in the inside or outside household, with a phone number. */
export async function residentAt(f: MatrixFixture, w: Where, accountId: number | null = null) {
  const hh = f.at(w).household;
  const [row] = await f.t.db
    .insert(residents)
    .values({
      name: `居民${f.uniq()}`,
      householdId: hh.id,
      scopePath: hh.path,
      phoneEnc: encryptPii('phone', '13912345678'),
      phoneHash: hashPii('phone', '13912345678'),
      accountId,
    })
    .returning();
  return row!;
}

/** Gives every signed-in resident / party-member test account without one a resident record in the inside household. */
async function linkSelfAccounts(f: MatrixFixture) {
  const linked = (await f.t.db.select({ a: residents.accountId }).from(residents)).flatMap((r) =>
    r.a === null ? [] : [r.a],
  );
  const open = await f.t.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(arrayOverlaps(accounts.roles, SELF), linked.length ? notInArray(accounts.id, linked) : undefined));
  for (const a of open) await residentAt(f, 'inside', a.id);
}

export const rows: MatrixRows = {
  'GET /api/people/residents': {
    allow: READ,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/people/residents?q=${encodeURIComponent((await residentAt(f, w)).name)}`,
    }),
  },
  'GET /api/people/residents/template.xlsx': {
    allow: STAFF,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/people/residents/template.xlsx' }),
  },
  'POST /api/people/residents/import': {
    allow: STAFF,
    ok: 400, // a JSON body is not a spreadsheet: reached the service, nothing written
    outside: 'none',
    call: async () => ({ method: 'POST', url: '/api/people/residents/import?mode=all', body: {} }),
  },
  'GET /api/people/residents/export.xlsx': {
    allow: STAFF,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/people/residents/export.xlsx' }),
  },
  'GET /api/people/residents/:id': {
    allow: READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/people/residents/${(await residentAt(f, w)).id}` }),
  },
  'POST /api/people/residents': {
    allow: STAFF,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/people/residents',
      body: { name: `新居民${f.uniq()}`, householdId: f.at(w).household.id, phone: '13800001234' },
    }),
  },
  'PATCH /api/people/residents/:id': {
    allow: STAFF,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/people/residents/${(await residentAt(f, w)).id}`,
      body: { note: '已走访' },
    }),
  },
  'DELETE /api/people/residents/:id': {
    allow: DELETE,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `/api/people/residents/${(await residentAt(f, w)).id}` }),
  },
  'POST /api/people/residents/:id/reveal': {
    allow: ['communitySecretary'],
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'POST', url: `/api/people/residents/${(await residentAt(f, w)).id}/reveal` }),
  },
  'GET /api/people/households': {
    allow: READ,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `/api/people/households?territoryId=${f.community(w)}` }),
  },
  'GET /api/people/households/template.xlsx': {
    allow: STAFF,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/people/households/template.xlsx' }),
  },
  'POST /api/people/households/import': {
    allow: STAFF,
    ok: 400,
    outside: 'none',
    call: async () => ({ method: 'POST', url: '/api/people/households/import?mode=goodRows', body: {} }),
  },
  'GET /api/people/households/export.xlsx': {
    allow: STAFF,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/people/households/export.xlsx' }),
  },
  'GET /api/people/households/:id': {
    // Staff: their subtree. A resident or party member: only their own household (each test account of those
    // roles lives in the inside household), never another one.
    allow: [...READ, ...SELF],
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      await linkSelfAccounts(f);
      return { method: 'GET', url: `/api/people/households/${f.at(w).household.id}` };
    },
  },
  'GET /api/people/me': {
    allow: SELF,
    ok: 200,
    outside: 'none',
    call: async (f) => {
      await linkSelfAccounts(f);
      return { method: 'GET', url: '/api/people/me' };
    },
  },
  'GET /api/people/me/export': {
    allow: SELF,
    ok: 200,
    outside: 'none',
    call: async (f) => {
      await linkSelfAccounts(f);
      return { method: 'GET', url: '/api/people/me/export?format=json' };
    },
  },
};
