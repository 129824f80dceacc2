import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../kernel/db/schema.js';
import { ROLES, type Role } from '../kernel/rbac/rbac.js';
import { testApp, type TestApp } from './app.js';
import type { MatrixFixture, MatrixRow, MatrixRows, Where } from './authz.js';
import type { Client } from './http.js';

/**
 * The authorization matrix: every /api route × every role (and no session) × a target inside / outside the
 * account's subtree, with the status each must get. Written out by hand on purpose: it is the specification
 * the permission registry and the scope rule are checked against. A route without a row fails the test.
 * Every test account is bound to street A; "outside" targets live under street B.
 */

const TERRITORY_READ: Role[] = [
  'partyMember',
  'gridWorker',
  'communityStaff',
  'communitySecretary',
  'streetAdmin',
  'districtAdmin',
  'cityAdmin',
  'sysAdmin',
];
const TERRITORY_WRITE: Role[] = [
  'communityStaff',
  'communitySecretary',
  'streetAdmin',
  'districtAdmin',
  'cityAdmin',
  'sysAdmin',
];
const TERRITORY_DELETE: Role[] = ['communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin', 'sysAdmin'];

let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;
type Row = MatrixRow;

const KERNEL_ROWS: MatrixRows = {
  'GET /api/health': {
    allow: 'public',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/health' }),
  },
  'GET /api/openapi.json': {
    allow: 'public',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/openapi.json' }),
  },
  'GET /api/auth/csrf': {
    allow: 'public',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/auth/csrf' }),
  },
  'POST /api/auth/login': {
    allow: 'public',
    ok: 401,
    outside: 'none',
    call: async () => ({ method: 'POST', url: '/api/auth/login', body: { username: 'no-such-user', password: 'x' } }),
  },
  'POST /api/auth/logout': {
    allow: 'any',
    ok: 204,
    outside: 'none',
    fresh: true,
    call: async () => ({ method: 'POST', url: '/api/auth/logout' }),
  },
  'GET /api/auth/session': {
    allow: 'public',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/auth/session' }),
  },
  'GET /api/auth/password-policy': {
    allow: 'public',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/auth/password-policy' }),
  },
  'GET /api/auth/me': {
    allow: 'any',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/auth/me' }),
  },
  'POST /api/auth/password': {
    allow: 'any',
    ok: 400, // the current password is wrong: reached the service, nothing changed
    outside: 'none',
    call: async () => ({
      method: 'POST',
      url: '/api/auth/password',
      body: { currentPassword: 'wrong', newPassword: 'New-pass-2026' },
    }),
  },
  'POST /api/auth/totp/setup': {
    allow: 'any',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'POST', url: '/api/auth/totp/setup' }),
  },
  'POST /api/auth/totp/enable': {
    allow: 'any',
    ok: 401, // a wrong code
    outside: 'none',
    call: async () => ({ method: 'POST', url: '/api/auth/totp/enable', body: { code: '000000' } }),
  },
  'POST /api/auth/totp/disable': {
    allow: 'any',
    ok: 409, // not enabled
    outside: 'none',
    call: async () => ({ method: 'POST', url: '/api/auth/totp/disable', body: { code: '000000' } }),
  },
  'GET /api/rbac/roles': {
    allow: 'any',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/rbac/roles' }),
  },
  'GET /api/rbac/permissions': {
    allow: 'any',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/rbac/permissions' }),
  },

  'GET /api/territories/roots': {
    allow: TERRITORY_READ,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/territories/roots' }),
  },
  'GET /api/territories': {
    allow: TERRITORY_READ,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `/api/territories?parentId=${f.community(w)}` }),
  },
  'GET /api/territories/:id': {
    allow: TERRITORY_READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/territories/${f.community(w)}` }),
  },
  'POST /api/territories': {
    allow: TERRITORY_WRITE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/territories',
      body: { parentId: f.community(w), level: 'compound', name: `小区${uniq()}` },
    }),
  },
  'PATCH /api/territories/:id': {
    allow: TERRITORY_WRITE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/territories/${(await f.t.factory.territory(f.at(w).compound.id, 'building', `楼${uniq()}`)).id}`,
      body: { name: `改名${uniq()}` },
    }),
  },
  'DELETE /api/territories/:id': {
    allow: TERRITORY_DELETE,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({
      method: 'DELETE',
      url: `/api/territories/${(await f.t.factory.territory(f.at(w).compound.id, 'building', `楼${uniq()}`)).id}`,
    }),
  },

  'GET /api/accounts': {
    allow: ['sysAdmin', 'securityAdmin'],
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/accounts?q=${(await f.t.factory.account({ roles: ['resident'], territoryId: f.at(w).household.id })).username}`,
    }),
  },
  'POST /api/accounts': {
    allow: ['sysAdmin'],
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/accounts',
      body: { username: `u${uniq()}`, displayName: '新账号', password: 'Init-pass-2026', territoryId: f.community(w) },
    }),
  },
  'PATCH /api/accounts/:id': {
    allow: ['sysAdmin'], // the security admin passes the route (anyOf) but may not rename: 403 from the service
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/accounts/${(await f.t.factory.account({ roles: ['resident'], territoryId: f.at(w).household.id })).id}`,
      body: { displayName: `改名${uniq()}` },
    }),
  },
  'POST /api/accounts/:id/reset-password': {
    allow: ['securityAdmin'],
    ok: 204,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/accounts/${(await f.t.factory.account({ roles: ['resident'], territoryId: f.at(w).household.id })).id}/reset-password`,
      body: { password: 'Reset-pass-2026' },
    }),
  },
  'POST /api/accounts/:id/unlock': {
    allow: ['securityAdmin'],
    ok: 204,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/accounts/${(await f.t.factory.account({ roles: ['resident'], territoryId: f.at(w).household.id })).id}/unlock`,
    }),
  },

  'GET /api/audit': {
    allow: ['auditAdmin'],
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `/api/audit?objectId=${await auditEntry(f, w)}` }),
  },
  'GET /api/audit/labels': {
    allow: ['auditAdmin'],
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/audit/labels' }),
  },
};

async function auditEntry(f: MatrixFixture, w: Where) {
  const id = `m${uniq()}`;
  await f.t.db.insert(auditLog).values({
    at: new Date(),
    actorName: 'matrix',
    action: 'test.entry',
    objectType: 'test',
    objectId: id,
    scopePath: f.at(w).community.path,
  });
  return id;
}

const moduleRows = import.meta.glob<{ rows: MatrixRows }>('../modules/*/authz.rows.ts', { eager: true });
const MATRIX: MatrixRows = { ...KERNEL_ROWS };
for (const [file, mod] of Object.entries(moduleRows)) {
  for (const [key, row] of Object.entries(mod.rows)) {
    if (key in MATRIX) throw new Error(`${file}: matrix row ${key} defined twice`);
    MATRIX[key] = row;
  }
}

let t: TestApp;
let fixture: MatrixFixture;
const sessions = new Map<Role, Client>();

function setup() {
  beforeAll(async () => {
    t = await testApp();
    const tree = await t.factory.tree();
    const at = (w: Where) => (w === 'inside' ? tree.streetA : tree.streetB).communities[0]!;
    fixture = { t, tree, at, community: (w) => at(w).community.id, uniq };
    for (const role of ROLES) sessions.set(role, await t.as([role], tree.streetA.street.id));
  });
  afterAll(() => t.close());
}

function expected(row: Row, role: Role | 'anonymous', where: Where): number | 'empty' {
  if (row.allow === 'public') return row.ok;
  if (role === 'anonymous') return 401;
  const allowed = row.allow === 'any' || row.allow.includes(role);
  if (!allowed) return 403;
  if (where === 'outside' && row.outside !== 'none') return row.outside;
  return row.ok;
}

/**
 * One share of the matrix (the `shard`-th of `of` runs of consecutive rows: a row may rely on the one before it, as
 * TOTP enable on setup), so the suite's workers check it in parallel:
 * src/test/authz-matrix.<k>.test.ts. The first share also checks that every route has a row.
 */
export function matrixShard(shard: number, of: number): void {
  setup();
  describe(`authorization matrix (part ${shard + 1} of ${of})`, () => {
    if (shard === 0)
      it('has a row for every registered /api route, and no row for a route that does not exist', () => {
        const registered = new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`));
        const missing = [...registered].filter((k) => !(k in MATRIX));
        const stale = Object.keys(MATRIX).filter((k) => !registered.has(k));
        expect(missing, 'routes without a matrix row').toEqual([]);
        expect(stale, 'matrix rows without a route').toEqual([]);
      });

    for (const [key, row] of Object.entries(MATRIX).filter(
      (_, i, all) => Math.floor((i * of) / all.length) === shard,
    )) {
      it(key, async () => {
        const mismatches: string[] = [];
        for (const role of [...ROLES, 'anonymous'] as const) {
          for (const where of row.outside === 'none' ? (['inside'] as const) : (['inside', 'outside'] as const)) {
            const client =
              role === 'anonymous'
                ? t.client()
                : row.fresh
                  ? await t.as([role], fixture.community('inside'))
                  : sessions.get(role)!;
            const call = await row.call(fixture, where);
            const res = await client.request(call.method, call.url, call.body);
            const want = expected(row, role, where);
            const got =
              want === 'empty'
                ? res.status === 200 && res.body.total === 0
                  ? 'empty'
                  : `${res.status} total=${res.body?.total}`
                : res.status;
            if (got !== want)
              mismatches.push(
                `${role} ${where}: expected ${want}, got ${got} ${JSON.stringify(res.body).slice(0, 120)}`,
              );
            if (
              want !== 'empty' &&
              where === 'inside' &&
              row.outside === 'empty' &&
              res.status === 200 &&
              res.body.total === 0
            ) {
              mismatches.push(`${role} inside: the list came back empty, so the outside check proves nothing`);
            }
          }
        }
        expect(mismatches).toEqual([]);
      });
    }
  });
}
