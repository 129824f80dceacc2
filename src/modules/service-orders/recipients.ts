import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts } from '../../kernel/db/schema.js';
import { units } from '../organizations/index.js';
import { partyMembers } from '../party-members/index.js';
import { STAFF_ROLES } from './access.js';
import { announce, type NoticeCtx, type OrderNotice } from './notices.js';
import { BEFORE_ACCEPT, type EventAction, type EscalationLevel } from './constants.js';
import { orderCoReporters, orderEvents, orderUnitContacts, type serviceOrders } from './schema.js';

/**
 * Who hears about an order (issue 5 item 10), and what. Called by the order moves and the scheduler INSIDE their
 * transaction, so a move, its audit record and its notifications commit together (STYLE rule 2).
 */
type Row = typeof serviceOrders.$inferSelect;
type NotifyCtx = NoticeCtx;

/** The people who asked: the reporter and the co-reporters of merged duplicates (merging keeps them informed). */
export async function reporterAccounts(tx: DbOrTx, row: Row): Promise<number[]> {
  const co = await tx
    .select({ id: orderCoReporters.accountId })
    .from(orderCoReporters)
    .where(eq(orderCoReporters.orderId, row.id));
  return [...(row.reporterAccountId ? [row.reporterAccountId] : []), ...co.map((c) => c.id)];
}

/** The handler's people: the handler account, the handler unit's contacts, the handler party member's account. */
export async function handlerAccounts(tx: DbOrTx, row: Row): Promise<number[]> {
  const ids: number[] = [];
  if (row.handlerAccountId) ids.push(row.handlerAccountId);
  if (row.handlerUnitId) {
    const contacts = await tx
      .select({ id: orderUnitContacts.accountId })
      .from(orderUnitContacts)
      .where(eq(orderUnitContacts.unitId, row.handlerUnitId));
    ids.push(...contacts.map((c) => c.id));
  }
  if (row.handlerMemberId) {
    const [m] = await tx
      .select({ id: partyMembers.accountId })
      .from(partyMembers)
      .where(eq(partyMembers.id, row.handlerMemberId));
    if (m?.id) ids.push(m.id);
  }
  return ids;
}

/** Staff accounts bound at a territory (the receiving level of an escalation). */
export async function staffAt(tx: DbOrTx, territoryId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.territoryId, territoryId),
        eq(accounts.disabled, false),
        sql`${accounts.roles} && ${sql.raw(`array[${STAFF_ROLES.map((r) => `'${r}'`).join(',')}]::text[]`)}`,
      ),
    );
  return rows.map((r) => r.id);
}

/** The handler as a name for the texts: the unit, the member, the person, or the department. */
async function handlerName(tx: DbOrTx, row: Row): Promise<string | null> {
  if (row.handlerUnitId)
    return (await tx.select({ name: units.name }).from(units).where(eq(units.id, row.handlerUnitId)))[0]?.name ?? null;
  if (row.handlerMemberId)
    return (
      (
        await tx.select({ name: partyMembers.name }).from(partyMembers).where(eq(partyMembers.id, row.handlerMemberId))
      )[0]?.name ?? null
    );
  if (row.handlerAccountId)
    return (
      (await tx.select({ name: accounts.displayName }).from(accounts).where(eq(accounts.id, row.handlerAccountId)))[0]
        ?.name ?? null
    );
  return row.handlerDepartment;
}

/** Who last dispatched the order (hears that it came back). */
async function lastDispatcher(tx: DbOrTx, orderId: number): Promise<number[]> {
  const [e] = await tx
    .select({ id: orderEvents.actorId })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), inArray(orderEvents.action, ['dispatch', 'open'])))
    .orderBy(desc(orderEvents.at), desc(orderEvents.id))
    .limit(1);
  return e?.id ? [e.id] : [];
}

/**
 * The notifications of one move: the reporter hears of dispatch, acceptance, resolution and closing; the handler
 * of a dispatch to them and of a reopening (unsatisfied, 重办); the dispatcher of a return. Never the actor.
 */
export async function notifyMove(
  tx: DbOrTx,
  ctx: NotifyCtx,
  before: Row,
  after: Row,
  action: EventAction,
  note: string | null,
): Promise<void> {
  const base = { orderId: after.id, params: { title: after.title, note } };
  const events: OrderNotice[] = [];
  switch (action) {
    case 'dispatch': {
      const handler = await handlerName(tx, after);
      events.push({
        ...base,
        kind: 'order.assigned',
        accountIds: await handlerAccounts(tx, after),
        params: { ...base.params, handler, deadline: after.respondBy.toISOString() },
      });
      events.push({
        ...base,
        kind: 'order.dispatched',
        accountIds: await reporterAccounts(tx, after),
        params: { ...base.params, handler },
      });
      break;
    }
    case 'open':
      events.push({ ...base, kind: 'order.opened', accountIds: await reporterAccounts(tx, after) });
      break;
    case 'accept':
    case 'claim':
      events.push({
        ...base,
        kind: 'order.accepted',
        accountIds: await reporterAccounts(tx, after),
        params: { ...base.params, handler: await handlerName(tx, after) },
      });
      break;
    case 'resolve':
      events.push({ ...base, kind: 'order.resolved', accountIds: await reporterAccounts(tx, after) });
      break;
    case 'reopen':
      events.push({ ...base, kind: 'order.reopened', accountIds: await handlerAccounts(tx, after) });
      break;
    case 'return':
      events.push({
        ...base,
        kind: 'order.returned',
        accountIds: await lastDispatcher(tx, after.id),
        params: { ...base.params, handler: await handlerName(tx, before) },
      });
      break;
    case 'close':
      events.push({ ...base, kind: 'order.closed', accountIds: await reporterAccounts(tx, after) });
      break;
    default:
      return;
  }
  await announce(tx, ctx, events);
}

/** The scheduler's reminder before the deadline: to the handler (nobody yet when it waits for dispatch). */
export async function notifyReminder(tx: DbOrTx, ctx: NotifyCtx, row: Row): Promise<void> {
  const deadline = BEFORE_ACCEPT.includes(row.status) ? row.respondBy : row.resolveBy;
  await announce(tx, ctx, [
    {
      kind: 'order.reminder',
      orderId: row.id,
      accountIds: await handlerAccounts(tx, row),
      params: { title: row.title, deadline: deadline.toISOString() },
    },
  ]);
}

/** An escalation: the receiving level's staff, the handler and the reporter hear of it. */
export async function notifyEscalation(
  tx: DbOrTx,
  ctx: NotifyCtx,
  row: Row,
  to: { id: number; level: EscalationLevel; name: string },
): Promise<void> {
  const params = { title: row.title, level: to.level, place: to.name };
  await announce(tx, ctx, [
    { kind: 'order.escalatedHere', orderId: row.id, accountIds: await staffAt(tx, to.id), params },
    { kind: 'order.handlerEscalated', orderId: row.id, accountIds: await handlerAccounts(tx, row), params },
    { kind: 'order.escalated', orderId: row.id, accountIds: await reporterAccounts(tx, row), params },
  ]);
}
