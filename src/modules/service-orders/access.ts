import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import type { Role } from '../../kernel/rbac/rbac.js';
import { territories } from '../../kernel/db/schema.js';
import { rowsOf } from '../../kernel/db/rows.js';
import { inScope, pathIds, pathInScope, inSubtree } from '../../kernel/scope/scope.js';
import { dualRegistrations, partyMembers } from '../party-members/index.js';
import { orderCoReporters, orderUnitContacts, serviceOrders } from './schema.js';

/** Roles that see every order of their subtree (the scope rule). */
export const STAFF_ROLES: readonly Role[] = [
  'gridWorker',
  'communityStaff',
  'communitySecretary',
  'streetAdmin',
  'districtAdmin',
  'cityAdmin',
];
/** Staff who may act for a handler 代办 on orders of their subtree. */
export const ON_BEHALF_ROLES: readonly Role[] = ['gridWorker', 'communityStaff', 'communitySecretary'];

/** What the visibility rule needs to know about the caller besides the session. */
export interface Viewer {
  actor: Actor;
  staff: boolean;
  unitIds: number[];
  memberIds: number[];
  /**
   * Paths of the communities where the caller may claim micro-wishes: where their party-member records are
   * dual-registered (confirmed), and the community they live in when bound below one (a resident member at home).
   */
  registeredPaths: string[];
}

export async function viewerOf(db: DbOrTx, actor: Actor): Promise<Viewer> {
  // One statement for both lists (every order read and move asks this first).
  const [ids] = rowsOf(
    await db.execute(sql`select array(select ${orderUnitContacts.unitId} from ${orderUnitContacts} where ${orderUnitContacts.accountId} = ${actor.accountId}) as units,
      array(select ${partyMembers.id} from ${partyMembers} where ${partyMembers.accountId} = ${actor.accountId}) as members`),
  ) as { units: (number | string)[]; members: (number | string)[] }[];
  const unitIds = (ids?.units ?? []).map(Number);
  const memberIds = (ids?.members ?? []).map(Number);
  const regs = memberIds.length
    ? await db
        .select({ path: dualRegistrations.communityPath })
        .from(dualRegistrations)
        .where(and(inArray(dualRegistrations.memberId, memberIds), eq(dualRegistrations.status, 'confirmed')))
    : [];
  const claimer = actor.roles.includes('partyMember') || actor.roles.includes('unitContact');
  const home = claimer
    ? await db
        .select({ path: territories.path })
        .from(territories)
        .where(and(inArray(territories.id, pathIds(actor.scopePath)), eq(territories.level, 'community')))
    : [];
  return {
    actor,
    staff: actor.roles.some((r) => STAFF_ROLES.includes(r)),
    unitIds,
    memberIds,
    registeredPaths: [...regs, ...home].map((r) => r.path),
  };
}

/**
 * THE visibility rule of orders (one place): staff see their subtree; everyone sees what they reported or what
 * is assigned to their account; a unit contact what was sent to their unit; a party member what was assigned to
 * or claimed by them; party members and unit contacts also see open micro-wishes in their subtree, in the
 * community they live in, or in the communities where they are dual-registered; the reporter of a duplicate merged into an order sees that order.
 */
export function visibleOrders(v: Viewer): SQL {
  const o = serviceOrders;
  const parts: (SQL | undefined)[] = [
    eq(o.reporterAccountId, v.actor.accountId),
    eq(o.handlerAccountId, v.actor.accountId),
    coReportedBy(v.actor.accountId),
  ];
  if (v.staff) parts.push(inScope(v.actor, o.scopePath));
  if (v.unitIds.length) parts.push(inArray(o.handlerUnitId, v.unitIds));
  if (v.memberIds.length) parts.push(inArray(o.handlerMemberId, v.memberIds));
  if (v.actor.roles.includes('partyMember') || v.actor.roles.includes('unitContact')) {
    parts.push(
      and(
        eq(o.status, 'open'),
        or(inScope(v.actor, o.scopePath), ...v.registeredPaths.map((p) => inSubtree(o.scopePath, p))),
      ),
    );
  }
  return or(...parts)!;
}

/** Orders the account co-reports: their duplicate was merged into it (issue 5 item 4). */
export function coReportedBy(accountId: number): SQL {
  const c = orderCoReporters;
  // `= any(array(…))`, not `in (…)`: an init-plan the planner can OR with the other branches' indexes (BitmapOr),
  // where `in (subquery)` inside an OR forces a scan of every order (docs/BENCHMARKS.md).
  return sql`${serviceOrders.id} = any(array(select ${c.orderId} from ${c} where ${c.accountId} = ${accountId}))`;
}

interface OrderRow {
  scopePath: string;
  handlerAccountId: number | null;
  handlerUnitId: number | null;
  handlerMemberId: number | null;
}

/** The caller is the order's handler (person, unit contact or member), or staff acting for one on their subtree. */
export function mayHandle(v: Viewer, o: OrderRow): boolean {
  if (o.handlerAccountId === v.actor.accountId) return true;
  if (o.handlerUnitId !== null && v.unitIds.includes(o.handlerUnitId)) return true;
  if (o.handlerMemberId !== null && v.memberIds.includes(o.handlerMemberId)) return true;
  return v.actor.roles.some((r) => ON_BEHALF_ROLES.includes(r)) && pathInScope(v.actor, o.scopePath);
}
