import type { MatrixRows } from '../../test/authz.js';
import { OPEN311_ROLES as R } from './permissions.js';
import { makeClient, makeOrder } from './testing.js';

/** Authorization-matrix rows of open311 (the /api routes; /open311/v2 is answered by API key, open311.test.ts). */
export const rows: MatrixRows = {
  'GET /api/open311/clients': {
    allow: R.manage,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/open311/clients' }),
  },
  'GET /api/open311/nodes': {
    allow: R.manage,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/open311/nodes' }),
  },
  'POST /api/open311/clients': {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/open311/clients',
      body: { name: `客户端${f.uniq()}`, territoryId: f.at(w).community.id },
    }),
  },
  'POST /api/open311/clients/:id/revoke': {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/open311/clients/${(await makeClient(f.t.db, f.at(w).community, `客户端${f.uniq()}`)).id}/revoke`,
    }),
  },
  'GET /api/dispatch/orders/:id/suggestion': {
    allow: R.suggest,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/dispatch/orders/${(await makeOrder(f.t.db, f.at(w).community, { title: `路灯坏了${f.uniq()}` })).id}/suggestion`,
    }),
  },
  'POST /api/dispatch/train': {
    allow: R.train,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'POST', url: '/api/dispatch/train' }),
  },
};
