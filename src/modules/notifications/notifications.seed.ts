import { desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts } from '../../kernel/db/schema.js';
import { units } from '../organizations/index.js';
import { partyMembers } from '../party-members/index.js';
import { orderEvents, orderUnitContacts, serviceOrders } from '../service-orders/index.js';
import type { NotificationKind } from './constants.js';
import { notifications } from './schema.js';

const DEMO = ['resident', 'staff', 'unit_contact', 'party_member', 'grid_worker', 'secretary'];
const PER_ACCOUNT = 30;
/** The newest few of each account stay unread, so the bell has something to show. */
const UNREAD = 4;

/**
 * Demo notifications: the latest moves of the demo orders as the demo accounts would have heard of them (same rules
 * as service-orders/recipients.ts: the reporter, the handler's people, the dispatcher on a return; never the actor).
 * Each account's newest few are unread. Deterministic given the demo orders.
 */
export async function seedNotifications(db: DbOrTx): Promise<void> {
  const demo = await db.select({ id: accounts.id }).from(accounts).where(inArray(accounts.username, DEMO));
  const demoIds = new Set(demo.map((a) => a.id));
  if (!demoIds.size) return;
  const contacts = await db
    .select({ unitId: orderUnitContacts.unitId, accountId: orderUnitContacts.accountId })
    .from(orderUnitContacts);
  const members = await db
    .select({ id: partyMembers.id, accountId: partyMembers.accountId })
    .from(partyMembers)
    .where(inArray(partyMembers.accountId, [...demoIds]));
  const events = await db
    .select({ e: orderEvents, o: serviceOrders, unitName: units.name, memberName: partyMembers.name })
    .from(orderEvents)
    .innerJoin(serviceOrders, eq(serviceOrders.id, orderEvents.orderId))
    .leftJoin(units, eq(units.id, serviceOrders.handlerUnitId))
    .leftJoin(partyMembers, eq(partyMembers.id, serviceOrders.handlerMemberId))
    .where(
      inArray(orderEvents.action, [
        'dispatch',
        'open',
        'accept',
        'claim',
        'resolve',
        'reopen',
        'return',
        'close',
        'escalate',
      ]),
    )
    .orderBy(desc(orderEvents.at), desc(orderEvents.id))
    .limit(20_000);
  const count = new Map<number, number>();
  const rows: (typeof notifications.$inferInsert)[] = [];
  for (const { e, o, unitName, memberName } of events) {
    const handlers = [
      ...(o.handlerAccountId ? [o.handlerAccountId] : []),
      ...contacts.filter((c) => c.unitId === o.handlerUnitId).map((c) => c.accountId),
      ...members.filter((m) => m.id === o.handlerMemberId).map((m) => m.accountId ?? 0),
    ];
    const reporter = o.reporterAccountId ? [o.reporterAccountId] : [];
    const handler = unitName ?? memberName ?? o.handlerDepartment ?? null;
    const base = { title: o.title, note: e.note, handler };
    const plan: [NotificationKind, number[], Record<string, unknown>][] = [];
    switch (e.action) {
      case 'dispatch':
        plan.push(
          ['order.assigned', handlers, { ...base, deadline: o.respondBy.toISOString() }],
          ['order.dispatched', reporter, base],
        );
        break;
      case 'open':
        plan.push(['order.opened', reporter, base]);
        break;
      case 'accept':
      case 'claim':
        plan.push(['order.accepted', reporter, base]);
        break;
      case 'resolve':
        plan.push(['order.resolved', reporter, base]);
        break;
      case 'reopen':
        plan.push(['order.reopened', handlers, base]);
        break;
      case 'close':
        plan.push(['order.closed', reporter, base]);
        break;
      case 'escalate': {
        const d = (e.data ?? {}) as { level?: string; territoryName?: string };
        const p = { title: o.title, level: d.level ?? 'community', place: d.territoryName ?? '' };
        plan.push(['order.handlerEscalated', handlers, p], ['order.escalated', reporter, p]);
        break;
      }
      default:
        break;
    }
    const seen = new Set<number>(e.actorId ? [e.actorId] : []);
    for (const [kind, ids, params] of plan) {
      for (const accountId of ids) {
        if (!demoIds.has(accountId) || seen.has(accountId) || (count.get(accountId) ?? 0) >= PER_ACCOUNT) continue;
        seen.add(accountId);
        const nth = (count.get(accountId) ?? 0) + 1;
        count.set(accountId, nth);
        rows.push({
          accountId,
          kind,
          params,
          orderId: o.id,
          link: `/orders/${o.id}`,
          createdAt: e.at,
          readAt: nth > UNREAD ? e.at : null,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(notifications).values(rows.slice(i, i + 500));
}
