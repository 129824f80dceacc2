import { eq } from 'drizzle-orm';
import { accounts } from '../../kernel/db/schema.js';
import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { serviceOrders } from '../service-orders/schema.js';
import { notifications } from './schema.js';

/**
 * Authorization-matrix rows of notifications. Every signed-in account reads only its own: "inside" notifications
 * are made for every matrix session account (all bound to street A), "outside" ones for a stranger of street B.
 */
async function orderAt(f: MatrixFixture, w: Where) {
  const c = f.at(w).community;
  const now = f.t.clock.now();
  const [o] = await f.t.db
    .insert(serviceOrders)
    .values({
      kind: 'problem',
      status: 'dispatched',
      category: 'repair',
      title: `通知工单${f.uniq()}`,
      communityId: c.id,
      territoryId: c.id,
      scopePath: c.path,
      respondHours: 24,
      resolveHours: 72,
      respondBy: now,
      resolveBy: now,
    })
    .returning();
  return o!;
}

async function notificationsAt(f: MatrixFixture, w: Where) {
  const order = await orderAt(f, w);
  const owners =
    w === 'inside'
      ? (
          await f.t.db
            .select({ id: accounts.id })
            .from(accounts)
            .where(eq(accounts.territoryId, f.tree.streetA.street.id))
        ).map((a) => a.id)
      : [(await f.t.factory.account({ roles: ['resident'], territoryId: f.at(w).household.id })).id];
  const rows = await f.t.db
    .insert(notifications)
    .values(
      owners.map((accountId) => ({
        accountId,
        kind: 'order.dispatched' as const,
        params: { title: order.title },
        orderId: order.id,
        createdAt: f.t.clock.now(),
      })),
    )
    .returning({ id: notifications.id });
  return { order, ids: rows.map((r) => r.id) };
}

export const rows: MatrixRows = {
  'GET /api/notifications': {
    allow: 'any',
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/notifications?orderId=${(await notificationsAt(f, w)).order.id}`,
    }),
  },
  'POST /api/notifications/read': {
    allow: 'any',
    ok: 200,
    outside: 404,
    // Inside: all of mine; outside: a stranger's notification, which does not exist for me.
    call: async (f, w) =>
      w === 'inside'
        ? { method: 'POST', url: '/api/notifications/read', body: { all: true } }
        : { method: 'POST', url: '/api/notifications/read', body: { ids: (await notificationsAt(f, w)).ids } },
  },
  'GET /api/notifications/preferences': {
    allow: 'any',
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: '/api/notifications/preferences' }),
  },
  'PUT /api/notifications/preferences': {
    allow: 'any',
    ok: 200,
    outside: 'none',
    call: async () => ({
      method: 'PUT',
      url: '/api/notifications/preferences',
      body: { mode: 'instant', digestHour: 18 },
    }),
  },
};
