import { encryptPii, hashPii } from '../../kernel/crypto/pii.js';
import type { Role } from '../../kernel/rbac/rbac.js';
import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { signupRequests } from './schema.js';

/** Authorization-matrix rows of the sign-up module (src/test/authz-matrix.ts). */
const REVIEW: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];
let phones = 0;
/** A valid mobile number not used before in this run. */
const phone = () => `137${String(20_000_000 + ++phones).slice(-8)}`;

/** A pending request in the inside or outside household, from a new role-less account. */
async function pendingAt(f: MatrixFixture, w: Where) {
  const hh = f.at(w).household;
  const acc = await f.t.factory.account({ territoryId: hh.id });
  const p = phone();
  const [row] = await f.t.db
    .insert(signupRequests)
    .values({
      accountId: acc.id,
      householdId: hh.id,
      scopePath: hh.path,
      name: `申请人${f.uniq()}`,
      phoneEnc: encryptPii('phone', p),
      phoneHash: hashPii('phone', p),
      status: 'pending',
      createdAt: new Date(),
    })
    .returning();
  return row!;
}

export const rows: MatrixRows = {
  'POST /api/signup/code': {
    allow: 'public',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'POST', url: '/api/signup/code', body: { phone: phone() } }),
  },
  'POST /api/signup/verify': {
    allow: 'public',
    ok: 400, // no code was sent to this number: reached the service, nothing written
    outside: 'none',
    call: async () => ({
      method: 'POST',
      url: '/api/signup/verify',
      body: { phone: phone(), code: '123456', password: 'Resident-2026', name: '测试', consent: true },
    }),
  },
  'GET /api/signup/communities': {
    allow: 'public',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `/api/signup/communities?q=${encodeURIComponent('社区')}` }),
  },
  'GET /api/signup/places/:id/children': {
    allow: 'public',
    ok: 200,
    outside: 'none',
    call: async (f) => ({ method: 'GET', url: `/api/signup/places/${f.at('inside').community.id}/children` }),
  },
  'POST /api/signup/complete': {
    allow: 'public',
    ok: 400, // no such ticket: reached the service, nothing written
    outside: 'none',
    call: async (f) => ({
      method: 'POST',
      url: '/api/signup/complete',
      body: { ticket: 'x'.repeat(32), phone: phone(), householdId: f.at('inside').household.id },
    }),
  },
  'GET /api/signup/me': {
    allow: 'any',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/signup/me' }),
  },
  'POST /api/signup/me/household': {
    allow: 'any',
    ok: 404, // the test accounts were made by an admin: they have no sign-up request to redo
    outside: 'none',
    call: async (f) => ({
      method: 'POST',
      url: '/api/signup/me/household',
      body: { householdId: f.at('inside').household.id },
    }),
  },
  'GET /api/signup/me/map': {
    allow: ['resident', 'partyMember', 'gridWorker', 'communityStaff', 'communitySecretary'], // order.create
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/signup/me/map' }),
  },
  'GET /api/signup/requests': {
    allow: REVIEW,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/signup/requests?q=${encodeURIComponent((await pendingAt(f, w)).name)}`,
    }),
  },
  'POST /api/signup/requests/:id/confirm': {
    allow: REVIEW,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'POST', url: `/api/signup/requests/${(await pendingAt(f, w)).id}/confirm` }),
  },
  'POST /api/signup/requests/:id/reject': {
    allow: REVIEW,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/signup/requests/${(await pendingAt(f, w)).id}/reject`,
      body: { reason: '信息不符' },
    }),
  },
};
