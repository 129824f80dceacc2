import type { Actor } from '../../kernel/context.js';
import type { Clock } from '../../kernel/clock.js';
import type { DbOrTx } from '../../kernel/db/client.js';

/**
 * What an order's people hear about (issue 5 item 10). The order moves and the scheduler announce notices inside
 * their transaction; whoever stores them (the notifications module) subscribes with `onOrderNotices` from its
 * manifest's `setup`. Service orders never import notifications: the dependency runs one way (decision 015).
 */
export const ORDER_NOTICE_KINDS = [
  // to the reporter
  'order.dispatched',
  'order.opened',
  'order.accepted',
  'order.resolved',
  'order.escalated',
  'order.closed',
  'order.merged',
  // to the handler
  'order.assigned',
  'order.reopened',
  'order.reminder',
  'order.handlerEscalated',
  // to the dispatcher, to the receiving level's staff
  'order.returned',
  'order.escalatedHere',
] as const;
export type OrderNoticeKind = (typeof ORDER_NOTICE_KINDS)[number];

export interface OrderNotice {
  kind: OrderNoticeKind;
  /** Who hears about it; nulls, duplicates and the actor are dropped by the listener. */
  accountIds: readonly (number | null | undefined)[];
  params: Record<string, string | number | null>;
  orderId?: number | null;
  link?: string | null;
}
export type NoticeCtx = { actor: Pick<Actor, 'accountId'>; clock: Clock };
/** Runs inside the announcing transaction: its writes commit (or roll back) with the move. */
export type OrderNoticeListener = (tx: DbOrTx, ctx: NoticeCtx, notices: readonly OrderNotice[]) => Promise<unknown>;

const listeners = new Set<OrderNoticeListener>();

/** Subscribe to order notices (idempotent: the same listener twice is kept once). */
export function onOrderNotices(listener: OrderNoticeListener): void {
  listeners.add(listener);
}

/** Hands the notices of one move to every listener, in the caller's transaction. */
export async function announce(tx: DbOrTx, ctx: NoticeCtx, notices: readonly OrderNotice[]): Promise<void> {
  for (const listener of listeners) await listener(tx, ctx, notices);
}
