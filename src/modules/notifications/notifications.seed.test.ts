import { and, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/client.js';
import { accounts } from '../../kernel/db/schema.js';
import { demoDatabase } from '../../test/db.js';
import { orderEvents } from '../service-orders/schema.js';
import { notifications } from './schema.js';

/** The demo notifications (module.ts seedDemo): the demo accounts heard of the demo orders' moves. */
let database: Database;
let release: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ database, release } = await demoDatabase());
});
afterAll(async () => {
  await release?.();
});

describe('demo notifications', () => {
  it('the resident and the unit contact have some, a few unread, none about their own moves', async () => {
    const db = database.db;
    const demo = await db
      .select({ id: accounts.id, username: accounts.username })
      .from(accounts)
      .where(inArray(accounts.username, ['resident', 'unit_contact']));
    expect(demo).toHaveLength(2);
    for (const a of demo) {
      const mine = await db.select().from(notifications).where(eq(notifications.accountId, a.id));
      expect(mine.length, a.username).toBeGreaterThan(3);
      const unread = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.accountId, a.id), isNull(notifications.readAt)));
      expect(unread.length, a.username).toBeGreaterThan(0);
      expect(mine.every((n) => n.orderId !== null && n.link === `/orders/${n.orderId}` && !n.held)).toBe(true);
    }
    const resident = demo.find((a) => a.username === 'resident')!;
    const kinds = new Set(
      (
        await db
          .select({ kind: notifications.kind })
          .from(notifications)
          .where(eq(notifications.accountId, resident.id))
      ).map((r) => r.kind),
    );
    expect(
      [...kinds].every((k) =>
        [
          'order.dispatched',
          'order.opened',
          'order.accepted',
          'order.resolved',
          'order.closed',
          'order.escalated',
        ].includes(k),
      ),
    ).toBe(true);
    // Never about one's own move: no notification shares its order and time with an event by the same account.
    const own = await db
      .select({ id: notifications.id })
      .from(notifications)
      .innerJoin(
        orderEvents,
        and(
          eq(orderEvents.orderId, notifications.orderId),
          eq(orderEvents.at, notifications.createdAt),
          eq(orderEvents.actorId, notifications.accountId),
        ),
      );
    expect(own).toEqual([]);
  });
});
