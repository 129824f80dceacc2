import { awardPoints, resolvePerson } from '../volunteering/index.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import type { serviceOrders } from './schema.js';

type OrderRow = Pick<
  typeof serviceOrders.$inferSelect,
  'id' | 'kind' | 'status' | 'rating' | 'ratedAt' | 'scopePath' | 'handlerMemberId' | 'handlerAccountId'
>;

/**
 * Points for the service loop (issue 10 item 10, decision 027), credited into the one points ledger by the
 * district's rule, in the transaction of the move that earns them:
 *
 * - An order whose handler is a party member — the member it was dispatched, handed over or claimed to, or a
 *   handler account that has a party-member record — earns that member the `orderDone` rule's points once it is
 *   rated satisfied or basically satisfied (by the reporter in the app, or at a follow-up 回访). A micro-wish 微心愿
 *   fulfilled earns the `wishClaimed` rule instead.
 * - An unsatisfied rating earns nothing (the order goes back 重办); the later satisfied rating earns it.
 * - Once per order and person (`ref` = `order:<id>`), capped per period by the rule (the ledger keeps a 0-point row
 *   when the cap is used up).
 *
 * Returns the ledger entry, or null when nothing is earned.
 */
export async function creditOrderPoints(tx: DbOrTx, order: OrderRow) {
  if (order.status !== 'rated' && order.status !== 'closed') return null;
  if (order.rating !== 'satisfied' && order.rating !== 'basic') return null;
  if (!order.ratedAt) return null;
  const person = order.handlerMemberId
    ? await resolvePerson(tx, { memberId: order.handlerMemberId }, order.scopePath)
    : order.handlerAccountId
      ? await resolvePerson(tx, { accountId: order.handlerAccountId }, order.scopePath)
      : null;
  if (!person?.memberId) return null;
  return awardPoints(tx, {
    person,
    source: order.kind === 'microWish' ? 'wishClaimed' : 'orderDone',
    ref: `order:${order.id}`,
    at: order.ratedAt,
  });
}
