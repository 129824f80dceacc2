import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { accountGrants } from './schema.js';

/** Authorization-matrix rows of the four-eyes grant routes (the account routes' rows are in the matrix test). */

/** A pending grant on a new account of the inside or outside household, asked for by another new account. */
async function pendingAt(f: MatrixFixture, w: Where) {
  const hh = f.at(w).household;
  const acc = await f.t.factory.account({ roles: ['resident'], territoryId: hh.id });
  const asker = await f.t.factory.account({ roles: ['securityAdmin'], territoryId: f.at(w).community.id });
  const [row] = await f.t.db
    .insert(accountGrants)
    .values({
      kind: 'grant',
      accountId: acc.id,
      roles: ['streetAdmin'],
      territoryId: hh.id,
      beforeRoles: ['resident'],
      beforeTerritoryId: hh.id,
      requestedBy: asker.id,
      scopePath: hh.path,
    })
    .returning();
  return row!;
}

export const rows: MatrixRows = {
  'GET /api/accounts/grants': {
    allow: ['sysAdmin', 'securityAdmin'],
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/accounts/grants?accountId=${(await pendingAt(f, w)).accountId}`,
    }),
  },
  'POST /api/accounts/grants/:id/approve': {
    allow: ['sysAdmin', 'securityAdmin'],
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'POST', url: `/api/accounts/grants/${(await pendingAt(f, w)).id}/approve` }),
  },
  'POST /api/accounts/grants/:id/reject': {
    allow: ['sysAdmin', 'securityAdmin'],
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'POST', url: `/api/accounts/grants/${(await pendingAt(f, w)).id}/reject` }),
  },
};
