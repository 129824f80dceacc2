import { and, eq, sql } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import { notFound } from '../../kernel/http/errors.js';
import type { OrderKind } from './constants.js';
import { orderEvents, serviceOrders } from './schema.js';

/** A comment on an order's timeline from outside the loop (an Open311 client's update, mySociety's extension). */
export interface OrderComment {
  /** The comment's text, shown on the timeline. */
  note: string;
  /** Who wrote it, as the client names them (shown beside the acting account's name). */
  authorName?: string | null;
  /** Where it came from and anything the channel reported (e.g. the status the client saw); never contact data. */
  data?: Record<string, string>;
}

/**
 * Adds a comment event to an order's timeline without moving it (the loop's moves stay with its handlers): the order
 * must be of `kind` (when given) and inside `scopePath` (404 otherwise); the event and its audit record commit
 * together, and the order's updated time moves on so that lists of changed orders see it.
 */
export async function commentOnOrder(
  ctx: Ctx,
  orderId: number,
  scopePath: string,
  comment: OrderComment,
  kind?: OrderKind,
): Promise<{ eventId: number; at: Date; status: string }> {
  return ctx.db.transaction(async (tx) => {
    const where = [eq(serviceOrders.id, orderId), sql`${serviceOrders.scopePath} like ${scopePath + '%'}`];
    if (kind) where.push(eq(serviceOrders.kind, kind));
    const [order] = await tx
      .select()
      .from(serviceOrders)
      .where(and(...where))
      .for('update');
    if (!order) throw notFound();
    const now = ctx.clock.now();
    const [event] = await tx
      .insert(orderEvents)
      .values({
        orderId: order.id,
        at: now,
        action: 'comment',
        fromStatus: order.status,
        toStatus: order.status,
        actorId: ctx.actor.accountId || null,
        // The acting account (the client) stays the actor; the person the client names is shown beside it.
        actorName: comment.authorName ? `${comment.authorName}（${ctx.actor.displayName}）` : ctx.actor.displayName,
        note: comment.note,
        data: comment.data ?? null,
      })
      .returning({ id: orderEvents.id });
    await tx.update(serviceOrders).set({ updatedAt: now }).where(eq(serviceOrders.id, order.id));
    await audit(tx, ctx, {
      action: 'order.comment',
      objectType: 'serviceOrder',
      objectId: order.id,
      scopePath: order.scopePath,
      after: { eventId: event!.id, note: comment.note, author: comment.authorName ?? null, ...comment.data },
    });
    return { eventId: event!.id, at: now, status: order.status };
  });
}
