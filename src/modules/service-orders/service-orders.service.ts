import {
  and,
  asc,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  lt,
  lte,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { escapeLike } from '../../kernel/db/search.js';
import { alias } from 'drizzle-orm/pg-core';
import { audit, maskPhone } from '../../kernel/audit/audit.js';
import { hashPii } from '../../kernel/crypto/pii.js';
import { PhoneNumber } from '../people/contract.js';
import { creditOrderPoints } from './points.js';
import { memberSuggestions } from './member-suggestions.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { AppError, conflict, forbidden, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inSubtree, pathIds, pathInScope, placeInScope } from '../../kernel/scope/scope.js';
import type { TerritoryLevel } from '../../kernel/territory-levels.js';
import { gridExtent, gridsAt, kmFromBBox, placeAt } from '../grids/index.js';
import { grids, gridWorkers } from '../grids/index.js';
import { partyOrgs, units } from '../organizations/index.js';
import { dualRegistrations, partyMembers } from '../party-members/index.js';
import {
  coReportedBy,
  mayHandle,
  ON_BEHALF_ROLES,
  STAFF_ROLES,
  viewerOf,
  visibleOrders,
  type Viewer,
} from './access.js';
import { listAttachments } from './attachments.service.js';
import { DEFAULT_DUPLICATE_WINDOW, findDuplicates, type DuplicateWindow } from './duplicates.service.js';
import { isDecider, isReceiver, movesFor } from './moves.js';
import { nextRung, rungBelow } from './scheduler.js';
import {
  BEFORE_ACCEPT,
  canMove,
  DEFAULT_RESOLVE_HOURS,
  DEFAULT_RESPOND_HOURS,
  FINISHED,
  NOT_COUNTED,
  OVERDUE_AT_SQL,
  TRANSITIONS,
  UNFINISHED_SQL,
  type EventAction,
  type Move,
  type OrderOrigin,
  type OrderStatus,
} from './constants.js';
import type {
  CoReporter,
  CreatedOrder,
  CreateOrder,
  DispatchBody,
  DispatchTarget,
  HandOverBody,
  Order,
  OrderDetail,
  OrderEvent,
  OrderListQuery,
  ReassignBody,
  CancelBody,
  FollowUpBody,
} from './contract.js';
import {
  orderCoReporters,
  orderEvents,
  orderMenuItems,
  orderRoutingRules,
  orderUnitContacts,
  serviceOrders,
} from './schema.js';
import { notifyMove, notifyPlaced } from './recipients.js';
import { ORDER_ROLES } from './permissions.js';
import type { Role } from '../../kernel/rbac/rbac.js';
import { applyRollup, subtreeTotal } from './rollups.js';
import { insertOrderInOneStatement, intakeReads, type OrderValues } from './intake.sql.js';

const HOUR = 3_600_000;
const o = serviceOrders;
const reporterAcc = alias(accounts, 'reporter_acc');
const handlerAcc = alias(accounts, 'handler_acc');
const community = alias(territories, 'order_community');
const place = alias(territories, 'order_place');
const escalatedTo = alias(territories, 'order_escalated_to');
const PLACE_LEVELS: readonly TerritoryLevel[] = ['community', 'compound', 'building', 'unit', 'household'];

/** When the scheduler should remind: a quarter of the window before the deadline. */
export function remindTime(deadline: Date, hours: number): Date {
  return new Date(deadline.getTime() - (hours * HOUR) / 4);
}

/** Orders past their deadline and not finished (respond deadline before acceptance, resolve deadline always). */
export function overdueSql(now: Date): SQL {
  // The indexed expression (service_orders_overdue_idx): reads only the orders already overdue.
  return sql`(${sql.raw(UNFINISHED_SQL('"service_orders"'))} and ${sql.raw(OVERDUE_AT_SQL('"service_orders"'))} < ${now.toISOString()}::timestamptz)`;
}

export function isOverdue(row: { status: OrderStatus; respondBy: Date; resolveBy: Date }, now: Date): boolean {
  if (FINISHED.includes(row.status)) return false;
  return (BEFORE_ACCEPT.includes(row.status) && row.respondBy < now) || row.resolveBy < now;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------------

function selectOrders(db: DbOrTx) {
  return db
    .select({
      o,
      communityName: community.name,
      placeName: place.name,
      placeLevel: place.level,
      reporterName: reporterAcc.displayName,
      reporterRoles: reporterAcc.roles,
      unitName: units.name,
      memberName: partyMembers.name,
      handlerName: handlerAcc.displayName,
      escId: escalatedTo.id,
      escName: escalatedTo.name,
      escLevel: escalatedTo.level,
    })
    .from(o)
    .innerJoin(community, eq(community.id, o.communityId))
    .innerJoin(place, eq(place.id, o.territoryId))
    .leftJoin(reporterAcc, eq(reporterAcc.id, o.reporterAccountId))
    .leftJoin(handlerAcc, eq(handlerAcc.id, o.handlerAccountId))
    .leftJoin(units, eq(units.id, o.handlerUnitId))
    .leftJoin(partyMembers, eq(partyMembers.id, o.handlerMemberId))
    .leftJoin(escalatedTo, eq(escalatedTo.id, o.escalatedToId));
}
type Joined = Awaited<ReturnType<ReturnType<typeof selectOrders>['execute']>>[number];

function toOrder(r: Joined, now: Date): Order {
  const x = r.o;
  const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);
  return {
    id: x.id,
    kind: x.kind,
    category: x.category,
    title: x.title,
    description: x.description,
    status: x.status,
    community: { id: x.communityId, name: r.communityName },
    territory: { id: x.territoryId, name: r.placeName, level: r.placeLevel },
    location: x.lng !== null && x.lat !== null ? { lng: x.lng, lat: x.lat, address: x.address } : null,
    gridId: x.gridId,
    menuItemId: x.menuItemId,
    reporter: ref(x.reporterAccountId, r.reporterName),
    reporterName: x.reporterAccountId === null ? x.reporterName : r.reporterName,
    reporterPhone: x.reporterAccountId === null && x.reporterPhone ? maskPhone(x.reporterPhone) : null,
    handler: x.handlerKind
      ? {
          kind: x.handlerKind,
          unit: ref(x.handlerUnitId, r.unitName),
          member: ref(x.handlerMemberId, r.memberName),
          account: ref(x.handlerAccountId, r.handlerName),
          department: x.handlerDepartment,
        }
      : null,
    respondBy: x.respondBy,
    resolveBy: x.resolveBy,
    acceptedAt: x.acceptedAt,
    resolvedAt: x.resolvedAt,
    escalationLevel: x.escalationLevel,
    escalatedTo:
      r.escId !== null && r.escName !== null && r.escLevel !== null
        ? { id: r.escId, name: r.escName, level: r.escLevel }
        : null,
    reopenCount: x.reopenCount,
    returnCount: x.returnCount,
    rating: x.rating,
    ratingComment: x.ratingComment,
    ratingChannel: x.ratingChannel,
    cancelKind: x.cancelKind,
    cancelReason: x.cancelReason,
    mergedIntoId: x.mergedIntoId,
    origin: x.origin,
    overdue: isOverdue(x, now),
    createdAt: x.createdAt,
    updatedAt: x.updatedAt,
  };
}

/** The filters of the list, also used by the figures' drill-down (same names, same meaning). */
export function orderFilters(
  q: Omit<OrderListQuery, 'page' | 'pageSize' | 'territoryId'>,
  v: Viewer,
  now: Date,
  territoryPath?: string,
): SQL[] {
  const w: SQL[] = [visibleOrders(v)];
  if (territoryPath) w.push(q.direct ? eq(o.scopePath, territoryPath) : inSubtree(o.scopePath, territoryPath));
  if (q.noGrid) w.push(sql`${o.gridId} is null`);
  if (q.status) w.push(inArray(o.status, q.status));
  if (q.kind) w.push(eq(o.kind, q.kind));
  if (q.unitId) w.push(eq(o.handlerUnitId, q.unitId));
  if (q.gridId) w.push(eq(o.gridId, q.gridId));
  if (q.category) w.push(eq(o.category, q.category));
  if (q.from) w.push(gte(o.createdAt, q.from));
  if (q.to) w.push(lt(o.createdAt, q.to));
  if (q.accepted !== undefined) w.push(q.accepted ? isNotNull(o.acceptedAt) : sql`${o.acceptedAt} is null`);
  if (q.resolved !== undefined) w.push(q.resolved ? isNotNull(o.resolvedAt) : sql`${o.resolvedAt} is null`);
  if (q.respondedOnTime !== undefined) {
    const onTime = and(isNotNull(o.acceptedAt), lte(o.acceptedAt, o.respondBy))!;
    w.push(q.respondedOnTime ? onTime : sql`not (${onTime})`);
  }
  if (q.overdue !== undefined) w.push(q.overdue ? overdueSql(now) : sql`not (${overdueSql(now)})`);
  if (q.rating) w.push(inArray(o.rating, q.rating));
  if (q.merged !== undefined) w.push(q.merged ? eq(o.status, 'merged') : sql`${o.status} <> 'merged'`);
  if (q.counted !== undefined)
    w.push(q.counted ? notInArray(o.status, [...NOT_COUNTED]) : inArray(o.status, [...NOT_COUNTED]));
  if (q.origin) w.push(eq(o.origin, q.origin));
  // A caller's orders by their whole number, through the keyed hash (the phone is encrypted at rest; decision 053).
  if (q.phone) w.push(eq(o.reporterPhoneHash, hashPii('phone', q.phone)));
  if (q.q) {
    // The walk-in's name too: the counter looks up what a visitor registered before; and a whole mobile number typed
    // into the same box finds the walk-in orders of that number.
    const like = `%${escapeLike(q.q)}%`;
    const phone = PhoneNumber.safeParse(q.q);
    w.push(
      or(
        ilike(o.title, like),
        ilike(o.description, like),
        ilike(o.reporterName, like),
        phone.success ? eq(o.reporterPhoneHash, hashPii('phone', phone.data)) : undefined,
      )!,
    );
  }
  const me = v.actor.accountId;
  const asHandler = or(
    eq(o.handlerAccountId, me),
    v.unitIds.length ? inArray(o.handlerUnitId, v.unitIds) : undefined,
    v.memberIds.length ? inArray(o.handlerMemberId, v.memberIds) : undefined,
  )!;
  if (q.assignedToMe) w.push(asHandler);
  switch (q.inbox) {
    case 'toDispatch':
      w.push(eq(o.status, 'submitted'));
      break;
    case 'toAccept':
      w.push(or(and(eq(o.status, 'dispatched'), v.staff ? undefined : asHandler), eq(o.status, 'open'))!);
      break;
    case 'overdue':
      w.push(overdueSql(now));
      break;
    case 'escalated':
      w.push(eq(o.escalatedToId, v.actor.territoryId), notInArray(o.status, [...FINISHED]));
      break;
    case 'mine':
      w.push(or(eq(o.reporterAccountId, me), coReportedBy(me), asHandler)!);
      break;
    default:
      break;
  }
  return w;
}

export async function listOrders(ctx: Ctx, q: OrderListQuery) {
  const v = await viewerOf(ctx.db, ctx.actor);
  const now = ctx.clock.now();
  const territoryPath = q.territoryId ? (await placeInScope(ctx.db, ctx.actor, q.territoryId)).path : undefined;
  const where = and(...orderFilters(q, v, now, territoryPath));
  // Staff listing a whole subtree with no other filter (the console's "all orders"): the total comes from the
  // figures' rollup instead of counting up to a million rows (rollups.ts subtreeTotal; exact).
  const { page: _p, pageSize: _s, territoryId: _t, ...filters } = q;
  const bare = v.staff && Object.values(filters).every((x) => x === undefined);
  const counted = async () => {
    const fast = bare
      ? await subtreeTotal(
          ctx.db,
          territoryPath ?? ctx.actor.scopePath,
          territoryPath ? null : visibleOrders({ ...v, staff: false }),
        )
      : null;
    if (fast !== null) return fast;
    const [count] = await ctx.db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(o)
      .where(where);
    return count?.n ?? 0;
  };
  const [rows, total] = await Promise.all([
    selectOrders(ctx.db).where(where).orderBy(desc(o.createdAt), desc(o.id)).limit(q.pageSize).offset(offsetOf(q)),
    counted(),
  ]);
  return { items: rows.map((r) => toOrder(r, now)), total, page: q.page, pageSize: q.pageSize };
}

/** How many orders the list with these filters holds for the caller (the home page's 我的工作 counts). */
export async function countOrders(ctx: Ctx, q: Omit<OrderListQuery, 'page' | 'pageSize'>): Promise<number> {
  const v = await viewerOf(ctx.db, ctx.actor);
  const territoryPath = q.territoryId ? (await placeInScope(ctx.db, ctx.actor, q.territoryId)).path : undefined;
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(o)
    .where(and(...orderFilters(q, v, ctx.clock.now(), territoryPath)));
  return row?.n ?? 0;
}

async function timelineOf(db: DbOrTx, id: number): Promise<OrderEvent[]> {
  const rows = await db
    .select()
    .from(orderEvents)
    .where(eq(orderEvents.orderId, id))
    .orderBy(asc(orderEvents.at), asc(orderEvents.id));
  return rows.map(toEvent);
}

function toEvent(e: typeof orderEvents.$inferSelect): OrderEvent {
  return {
    id: e.id,
    at: e.at,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actor: e.actorId !== null ? { id: e.actorId, name: e.actorName ?? '' } : null,
    note: e.note,
    data: e.data,
  };
}

export async function getOrder(ctx: Ctx, id: number, viewer?: Viewer): Promise<OrderDetail> {
  const v = viewer ?? (await viewerOf(ctx.db, ctx.actor));
  const [row] = await selectOrders(ctx.db).where(and(eq(o.id, id), visibleOrders(v)));
  if (!row) throw notFound();
  const coReporters = await coReportersOf(ctx.db, id, v, row.o.scopePath);
  const moves = movesFor(v, row.o, row.reporterRoles);
  // A co-reporter rates once, when the order is resolved (see rateOrder).
  const mine = coReporters.find(
    (c) => c.account.id === v.actor.accountId && row.o.reporterAccountId !== v.actor.accountId,
  );
  if (
    mine &&
    mine.ratedAt === null &&
    row.o.resolvedAt !== null &&
    ctx.actor.permissions.has('order.rate') &&
    ['resolved', 'rated', 'closed'].includes(row.o.status) &&
    !moves.includes('rate')
  )
    moves.push('rate');
  return {
    ...toOrder(row, ctx.clock.now()),
    moves,
    timeline: await timelineOf(ctx.db, id),
    coReporters,
    attachments: await listAttachments(ctx.db, id),
  };
}

/**
 * A walk-in reporter's full phone, for the follow-up call 回访 (decision 053): for holders of `resident.reveal` (the
 * staff who may reveal residents' numbers), on an order they may read (404 otherwise); audited each time as
 * `order.revealPhone`, the number itself never in the audit row. Null when the order has no walk-in phone (nothing
 * is revealed, nothing audited).
 */
export async function revealReporterPhone(ctx: Ctx, id: number): Promise<{ id: number; phone: string | null }> {
  const v = await viewerOf(ctx.db, ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ scopePath: o.scopePath, phone: o.reporterPhone, accountId: o.reporterAccountId })
      .from(o)
      .where(and(eq(o.id, id), visibleOrders(v)));
    if (!row) throw notFound();
    const phone = row.accountId === null ? row.phone : null;
    if (phone === null) return { id, phone: null };
    await audit(tx, ctx, {
      action: 'order.revealPhone',
      objectType: 'serviceOrder',
      objectId: id,
      scopePath: row.scopePath,
      after: { revealed: ['reporterPhone'] },
    });
    return { id, phone };
  });
}

/** Reporters of duplicates merged into the order: staff of its subtree see them all, anyone else only themselves. */
async function coReportersOf(db: DbOrTx, id: number, v: Viewer, scopePath: string): Promise<CoReporter[]> {
  const c = orderCoReporters;
  const rows = await db
    .select({ c, name: accounts.displayName })
    .from(c)
    .innerJoin(accounts, eq(accounts.id, c.accountId))
    .where(
      and(
        eq(c.orderId, id),
        v.staff && pathInScope(v.actor, scopePath) ? undefined : eq(c.accountId, v.actor.accountId),
      ),
    )
    .orderBy(asc(c.createdAt), asc(c.accountId));
  return rows.map((r) => ({
    account: { id: r.c.accountId, name: r.name },
    sourceOrderId: r.c.sourceOrderId,
    rating: r.c.rating,
    ratingComment: r.c.ratingComment,
    ratedAt: r.c.ratedAt,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Creating
// ---------------------------------------------------------------------------------------------------------------

async function ancestors(db: DbOrTx, path: string) {
  const ids = pathIds(path);
  if (!ids.length) return [];
  const rows = await db
    .select({ id: territories.id, level: territories.level, path: territories.path, name: territories.name })
    .from(territories)
    .where(inArray(territories.id, ids));
  return rows.sort((a, b) => a.path.length - b.path.length);
}

export async function ruleFor(db: DbOrTx, communityId: number, category: string) {
  const [rule] = await db
    .select()
    .from(orderRoutingRules)
    .where(and(eq(orderRoutingRules.communityId, communityId), eq(orderRoutingRules.category, category)))
    .orderBy(asc(orderRoutingRules.id))
    .limit(1);
  return rule ?? null;
}

const fieldError = (ctx: Ctx, field: string, key: string) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key) }]);

/** Beyond this distance from the caller's grids a point is refused even for a report on someone's behalf. */
export const FAR_OUTSIDE_KM = 50;

/**
 * A point in none of the grids of the caller's community (else subtree), issue 10 item 8. Refused with a clear
 * message; staff registering a matter on someone's behalf (a walk-in) may confirm it (`confirmOutside`) unless it is
 * far outside (FAR_OUTSIDE_KM, e.g. another province). Where the area has no grids at all the point cannot be judged
 * and is kept as given. True when the order goes ahead on the staff's confirmation.
 */
async function checkOutside(ctx: Ctx, scopePath: string, input: CreateOrder): Promise<boolean> {
  const { lng, lat } = input.location!;
  const extent = await gridExtent(ctx.db, scopePath);
  if (!extent) {
    // No grids here to judge by; a point inside another community's grid is still plainly not this community's.
    const [elsewhere] = await gridsAt(ctx.db, '/', lng, lat);
    if (!elsewhere) return false;
  }
  const km = extent ? kmFromBBox(extent, lng, lat) : 0;
  // The confirmation's own field names what is missing, so a form can ask for it (a dialog) instead of a new point.
  const fail = (key: string, field = 'location') =>
    new AppError('validation', undefined, {}, [
      {
        field,
        message: t(ctx.locale, extent ? key : `${key}.noGrids`, { km: km < 10 ? km.toFixed(1) : Math.round(km) }),
      },
    ]);
  if (km > FAR_OUTSIDE_KM) throw fail('order.pointFarOutside');
  if (!input.walkIn) throw fail('order.pointOutside');
  if (!input.confirmOutside) throw fail('order.pointOutsideConfirm', 'confirmOutside');
  return true;
}

/**
 * Places an order; a problem report answers the open reports nearby it may duplicate (issue 5 item 4). The order,
 * its timeline entry, its audit row and its rollup delta are written by one statement (intake.sql.ts, decision 056).
 */
export function createOrder(
  ctx: Ctx,
  input: CreateOrder,
  duplicates: DuplicateWindow = DEFAULT_DUPLICATE_WINDOW,
  /** 'patrol' for a finding on a visit 排摸发现 (decision 038), 'oneWindow' for 一窗受理 (decision 045); never public. */
  origin: OrderOrigin = 'report',
): Promise<CreatedOrder> {
  return placeOrder(ctx, input, duplicates, origin, true);
}

/**
 * The same create written through drizzle, one statement per row (the path before decision 056). Kept for
 * intake.sql.test.ts, which checks that both paths write the same rows for every kind of order; not used by a route.
 */
export function createOrderViaDrizzle(
  ctx: Ctx,
  input: CreateOrder,
  duplicates: DuplicateWindow = DEFAULT_DUPLICATE_WINDOW,
  origin: OrderOrigin = 'report',
): Promise<CreatedOrder> {
  return placeOrder(ctx, input, duplicates, origin, false);
}

async function placeOrder(
  ctx: Ctx,
  input: CreateOrder,
  duplicates: DuplicateWindow,
  origin: OrderOrigin,
  oneStatement: boolean,
): Promise<CreatedOrder> {
  const now = ctx.clock.now();
  // The one-statement path reads the caller's chain, the place's chain, the menu item and the routing rule in one
  // statement (intake.sql.ts) — before the point's place is known only when there is no point to place.
  const menuItemId = input.kind === 'menuService' ? (input.menuItemId ?? null) : null;
  const readsFor = (actorPath: string, territoryId: number) =>
    intakeReads(ctx.db, { actorPath, territoryId, menuItemId, category: input.category });
  // The place is known now unless a point is to choose it (a problem report with a point and no place).
  const placeKnown = input.territoryId != null || !(input.location && input.kind === 'problem');
  let reads =
    oneStatement && placeKnown ? await readsFor(ctx.actor.scopePath, input.territoryId ?? ctx.actor.territoryId) : null;
  // The caller's own chain, read once: their home community, and the place when they report at their own node or
  // above it (a resident at their household) — intake's hot path (docs/BENCHMARKS.md).
  const mine = reads
    ? reads.places.filter((a) => ctx.actor.scopePath.startsWith(a.path))
    : await ancestors(ctx.db, ctx.actor.scopePath);
  const home = mine.find((a) => a.level === 'community')?.path ?? null;
  const reach = (path: string) => pathInScope(ctx.actor, path) || (home !== null && path.startsWith(home));
  let territoryId = input.territoryId ?? null;
  let gridId: number | null = null;
  let gridCommunityId: number | null = null;
  let outsideConfirmed = false;
  if (input.location && input.kind === 'problem') {
    // As locate does (the caller's community, else their subtree): the grid from the in-memory grid index, and the
    // compound whose footprint holds the point — the order is filed there, not at the community (issue 10 item 8).
    const at = await placeAt(ctx.db, home ?? ctx.actor.scopePath, input.location.lng, input.location.lat);
    if (at.grid) {
      gridId = at.grid.id;
      gridCommunityId = at.grid.communityId;
      territoryId ??= at.compoundId ?? at.grid.communityId;
    } else outsideConfirmed = await checkOutside(ctx, home ?? ctx.actor.scopePath, input);
  }
  territoryId ??= ctx.actor.territoryId;
  if (oneStatement) reads ??= await readsFor('', territoryId);
  const node =
    (reads ? reads.places : mine).find((a) => a.id === territoryId) ??
    (reads
      ? undefined
      : (
          await ctx.db
            .select({ id: territories.id, level: territories.level, path: territories.path, name: territories.name })
            .from(territories)
            .where(eq(territories.id, territoryId))
        )[0]);
  if (!node || !reach(node.path)) throw notFound();
  if (!PLACE_LEVELS.includes(node.level)) throw fieldError(ctx, 'territoryId', 'order.placeRequired');
  const chain = reads
    ? reads.places.filter((a) => node.path.startsWith(a.path))
    : ctx.actor.scopePath.startsWith(node.path)
      ? mine.filter((a) => node.path.startsWith(a.path))
      : await ancestors(ctx.db, node.path);
  const comm = chain.find((a) => a.level === 'community');
  if (!comm) throw fieldError(ctx, 'territoryId', 'order.placeRequired');
  if (gridId !== null && gridCommunityId !== comm.id) gridId = null;
  let category = input.category;
  if (input.kind === 'menuService') {
    if (!input.menuItemId) throw fieldError(ctx, 'menuItemId', 'order.menuItemRequired');
    const [item] = reads
      ? reads.itemCategory === null
        ? []
        : [{ category: reads.itemCategory }]
      : await ctx.db
          .select()
          .from(orderMenuItems)
          .where(
            and(
              eq(orderMenuItems.id, input.menuItemId),
              eq(orderMenuItems.communityId, comm.id),
              eq(orderMenuItems.active, 1),
            ),
          );
    if (!item) throw fieldError(ctx, 'menuItemId', 'order.menuItemNotFound');
    category = item.category;
  }
  const walkIn = input.walkIn ?? null;
  if (walkIn && !ctx.actor.roles.some((r) => STAFF_ROLES.includes(r))) throw forbidden('order.walkInStaffOnly');
  const rule = reads ? reads.rule : await ruleFor(ctx.db, comm.id, category);
  const respondHours = rule?.respondHours ?? DEFAULT_RESPOND_HOURS;
  const resolveHours = rule?.resolveHours ?? DEFAULT_RESOLVE_HOURS;
  const respondBy = new Date(now.getTime() + respondHours * HOUR);
  const resolveBy = new Date(now.getTime() + resolveHours * HOUR);
  const values: OrderValues = {
    kind: input.kind,
    status: 'submitted',
    category,
    title: input.title,
    description: input.description ?? null,
    menuItemId: input.kind === 'menuService' ? (input.menuItemId ?? null) : null,
    communityId: comm.id,
    territoryId: node.id,
    scopePath: node.path,
    lng: input.location?.lng ?? null,
    lat: input.location?.lat ?? null,
    address: input.location?.address ?? null,
    gridId,
    // A walk-in registered by staff has no account: the order then has no reporter account, only a name, and
    // is rated on a follow-up 回访 (issue 10 item 6).
    reporterAccountId: walkIn ? null : ctx.actor.accountId,
    reporterName: walkIn?.name ?? null,
    reporterPhone: walkIn?.phone ?? null,
    reporterPhoneHash: walkIn?.phone ? hashPii('phone', walkIn.phone) : null,
    origin,
    respondHours,
    resolveHours,
    respondBy,
    resolveBy,
    remindAt: remindTime(respondBy, respondHours),
    escalateAt: respondBy,
    createdAt: now,
    updatedAt: now,
  };
  const eventData = outsideConfirmed
    ? { kind: input.kind, category, outsideConfirmed }
    : { kind: input.kind, category };
  const { row, event } = await ctx.db.transaction(async (tx) => {
    if (oneStatement) {
      return insertOrderInOneStatement(tx, ctx, values, { at: now, data: eventData }, comm.path, (row) =>
        notifyPlaced(tx, ctx, row),
      );
    }
    const [row] = await tx.insert(o).values(values).returning();
    const [event] = await tx
      .insert(orderEvents)
      .values({
        orderId: row!.id,
        at: now,
        action: 'create',
        fromStatus: null,
        toStatus: 'submitted',
        actorId: ctx.actor.accountId,
        actorName: ctx.actor.displayName,
        note: null,
        data: eventData,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'order.create',
      objectType: 'serviceOrder',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    await notifyPlaced(tx, ctx, row!);
    await applyRollup(tx, null, row!);
    return { row: row!, event: event! };
  });
  // The answer is built from what was just written and read above (no handler, co-reporter or attachment yet),
  // not read back with getOrder's joins: intake's hot path (docs/BENCHMARKS.md). Same shape as GET /api/orders/:id.
  const v = await viewerOf(ctx.db, ctx.actor);
  const joined: Joined = {
    o: row,
    communityName: comm.name,
    placeName: node.name,
    placeLevel: node.level,
    reporterName: walkIn ? null : ctx.actor.displayName,
    reporterRoles: walkIn ? null : ctx.actor.roles,
    unitName: null,
    memberName: null,
    handlerName: null,
    escId: null,
    escName: null,
    escLevel: null,
  };
  const detail: OrderDetail = {
    ...toOrder(joined, now),
    moves: movesFor(v, row, walkIn ? null : ctx.actor.roles),
    timeline: [toEvent(event)],
    coReporters: [],
    attachments: [],
  };
  const subject = {
    id: row.id,
    kind: input.kind,
    origin,
    communityId: comm.id,
    category,
    scopePath: node.path,
    lng: input.location?.lng ?? null,
    lat: input.location?.lat ?? null,
    at: now,
    text: [input.title, input.description, input.location?.address].filter(Boolean).join(' '),
  };
  return { ...detail, possibleDuplicates: await findDuplicates(ctx.db, subject, duplicates, now) };
}

// ---------------------------------------------------------------------------------------------------------------
// Moves: one transaction each — lock the order, check the move against THE transition table, update, timeline, audit.
// ---------------------------------------------------------------------------------------------------------------

type OrderRowT = typeof o.$inferSelect;
type OrderPatch = Partial<typeof o.$inferInsert>;
interface Step {
  patch: OrderPatch;
  action: EventAction;
  note?: string | null;
  data?: unknown;
}

async function applyMove(
  ctx: Ctx,
  id: number,
  move: Move,
  decide: (row: OrderRowT, v: Viewer, tx: DbOrTx) => Promise<Step> | Step,
): Promise<OrderDetail> {
  const now = ctx.clock.now();
  const v = await viewerOf(ctx.db, ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(o)
      .where(and(eq(o.id, id), visibleOrders(v)))
      .for('update');
    if (!row) throw notFound();
    if (!canMove(move, row.status)) {
      throw conflict('order.illegalMove', {
        status: t(ctx.locale, `order.status.${row.status}`),
        move: t(ctx.locale, `order.move.${move}`),
      });
    }
    const step = await decide(row, v, tx);
    const to = step.patch.status ?? TRANSITIONS[move].to;
    const [after] = await tx
      .update(o)
      .set({ ...step.patch, status: to, updatedAt: now })
      .where(eq(o.id, id))
      .returning();
    await tx.insert(orderEvents).values({
      orderId: id,
      at: now,
      action: step.action,
      fromStatus: row.status,
      toStatus: to,
      actorId: ctx.actor.accountId,
      actorName: ctx.actor.displayName,
      note: step.note ?? null,
      data: step.data ?? null,
    });
    await audit(tx, ctx, {
      action: `order.${step.action}`,
      objectType: 'serviceOrder',
      objectId: id,
      scopePath: row.scopePath,
      before: { status: row.status, handler: handlerOf(row), respondBy: row.respondBy, resolveBy: row.resolveBy },
      after: { ...(after ?? {}), note: step.note ?? null, data: step.data ?? null },
    });
    if (after) await notifyMove(tx, ctx, row, after, step.action, step.note ?? null);
    // A rating that finishes the order credits its party-member handler's points (decision 027).
    if (after && (move === 'rateOk' || move === 'followUp')) await creditOrderPoints(tx, after);
    // Last in the transaction: the rollup rows stay locked only until the commit (docs/decisions/009).
    await applyRollup(tx, row, after ?? null);
  });
  // The caller just made this move legitimately: answer with the order as it now stands, even when the move took
  // it out of their view (a handler returning it).
  const [row] = await selectOrders(ctx.db).where(eq(o.id, id));
  return {
    ...toOrder(row!, ctx.clock.now()),
    moves: movesFor(v, row!.o, row!.reporterRoles),
    timeline: await timelineOf(ctx.db, id),
    attachments: await listAttachments(ctx.db, id),
  };
}

function requireHandler(v: Viewer, row: OrderRowT) {
  if (!mayHandle(v, row)) throw forbidden('order.notHandler');
}

const clearHandler: OrderPatch = {
  handlerKind: null,
  handlerUnitId: null,
  handlerMemberId: null,
  handlerAccountId: null,
  handlerDepartment: null,
};

/** The handler a dispatch (or a reassignment) names: a unit, a member, a department or a person in reach. */
async function handlerFor(
  ctx: Ctx,
  tx: DbOrTx,
  row: OrderRowT,
  body: Exclude<DispatchTarget, { target: 'open' }>,
): Promise<OrderPatch> {
  if (body.target === 'unit') {
    const [u] = await tx
      .select({ id: units.id, scopePath: units.scopePath })
      .from(units)
      .where(eq(units.id, body.unitId));
    if (!u || !(pathInScope(ctx.actor, u.scopePath) || row.scopePath.startsWith(u.scopePath)))
      throw fieldError(ctx, 'unitId', 'order.unitNotFound');
    return {
      ...clearHandler,
      handlerKind: 'unit',
      handlerUnitId: u.id,
      handlerAccountId: body.accountId ? await accountInReach(ctx, tx, body.accountId, row) : null,
    };
  }
  if (body.target === 'member') {
    const [m] = await tx
      .select({ id: partyMembers.id, scopePath: partyMembers.scopePath, reg: dualRegistrations.id })
      .from(partyMembers)
      .leftJoin(
        dualRegistrations,
        and(
          eq(dualRegistrations.memberId, partyMembers.id),
          eq(dualRegistrations.communityId, row.communityId),
          eq(dualRegistrations.status, 'confirmed'),
        ),
      )
      .where(eq(partyMembers.id, body.memberId));
    if (!m || !(pathInScope(ctx.actor, m.scopePath) || m.reg !== null))
      throw fieldError(ctx, 'memberId', 'order.memberNotFound');
    return { ...clearHandler, handlerKind: 'member', handlerMemberId: m.id };
  }
  if (body.target === 'department') {
    return {
      ...clearHandler,
      handlerKind: 'department',
      handlerDepartment: body.department,
      handlerAccountId: body.accountId ? await accountInReach(ctx, tx, body.accountId, row) : null,
    };
  }
  return {
    ...clearHandler,
    handlerKind: 'person',
    handlerAccountId: await accountInReach(ctx, tx, body.accountId, row),
  };
}

const handlerOf = (row: OrderRowT) => ({
  kind: row.handlerKind,
  unitId: row.handlerUnitId,
  memberId: row.handlerMemberId,
  accountId: row.handlerAccountId,
  department: row.handlerDepartment,
});

/**
 * The time limits at dispatch are the rule's (issue 10 item 5): a dispatcher may change them only with a reason,
 * audited on the timeline, and the new limits run from the order's creation, never from the dispatch — so a late
 * response cannot be turned into an on-time one, and a deadline already passed cannot be moved.
 */
function deadlinesAt(ctx: Ctx, row: OrderRowT, body: DispatchBody, now: Date) {
  const respondHours = body.respondHours ?? row.respondHours;
  const resolveHours = body.resolveHours ?? row.resolveHours;
  const changed = respondHours !== row.respondHours || resolveHours !== row.resolveHours;
  if (changed && !body.deadlineReason?.trim()) throw fieldError(ctx, 'deadlineReason', 'order.deadlineReasonRequired');
  const from = row.createdAt.getTime();
  const respondBy = respondHours !== row.respondHours ? new Date(from + respondHours * HOUR) : row.respondBy;
  const resolveBy = resolveHours !== row.resolveHours ? new Date(from + resolveHours * HOUR) : row.resolveBy;
  if (respondBy.getTime() !== row.respondBy.getTime() && row.respondBy <= now)
    throw fieldError(ctx, 'respondHours', 'order.deadlinePassed');
  if (resolveBy.getTime() !== row.resolveBy.getTime() && row.resolveBy <= now)
    throw fieldError(ctx, 'resolveHours', 'order.deadlinePassed');
  const patch: OrderPatch = {
    respondHours,
    resolveHours,
    respondBy,
    resolveBy,
    dispatchedAt: now,
    remindAt: remindTime(respondBy, respondHours) > now ? remindTime(respondBy, respondHours) : null,
    escalateAt: row.escalateAt && respondBy > row.escalateAt ? respondBy : (row.escalateAt ?? respondBy),
  };
  const change = changed
    ? {
        reason: body.deadlineReason!.trim(),
        before: {
          respondHours: row.respondHours,
          resolveHours: row.resolveHours,
          respondBy: row.respondBy,
          resolveBy: row.resolveBy,
        },
        after: { respondHours, resolveHours, respondBy, resolveBy },
      }
    : null;
  return { patch, change };
}

export async function dispatchOrder(ctx: Ctx, id: number, body: DispatchBody): Promise<OrderDetail> {
  const move: Move = body.target === 'open' ? 'open' : 'dispatch';
  return applyMove(ctx, id, move, async (row, _v, tx) => {
    const now = ctx.clock.now();
    const { patch: deadlines, change } = deadlinesAt(ctx, row, body, now);
    const deadline = change ? { deadline: change } : {};
    if (body.target === 'open') {
      if (row.kind !== 'microWish') throw conflict('order.openOnlyWishes');
      return {
        patch: { ...clearHandler, ...deadlines },
        action: 'open',
        note: body.note ?? null,
        data: change ? deadline : null,
      };
    }
    const patch = await handlerFor(ctx, tx, row, body);
    return {
      patch: { ...patch, ...deadlines },
      action: 'dispatch',
      note: body.note ?? null,
      data: { target: body.target, ...deadline },
    };
  });
}

/** 改派: a dispatched order not yet accepted goes to another handler, with a reason; nobody's 回退 count moves. */
export const reassignOrder = (ctx: Ctx, id: number, body: ReassignBody) =>
  applyMove(ctx, id, 'reassign', async (row, v, tx) => {
    if (!isDecider(v, row)) throw forbidden('order.notDecider');
    const patch = await handlerFor(ctx, tx, row, body);
    return {
      patch,
      action: 'reassign',
      note: body.reason,
      data: { target: body.target, from: handlerOf(row) },
    };
  });

/**
 * 单位下单 (seed 003): a contact of the unit the order was sent to hands it to one of the unit's own people — an
 * in-service party member whose branch is the unit's (dual-registered or not), or a named staff account linked to
 * the unit — who then 接单 as its handler. The unit stays the handler unit, answerable for it in the figures.
 */
export const handOverOrder = (ctx: Ctx, id: number, body: HandOverBody) =>
  applyMove(ctx, id, 'handOver', async (row, v, tx) => {
    const unitId = row.handlerUnitId;
    if (row.handlerKind !== 'unit' || unitId === null || !v.unitIds.includes(unitId))
      throw forbidden('order.notUnitContactOfOrder');
    let patch: OrderPatch;
    let to: { memberId?: number; accountId?: number; name: string };
    if (body.memberId) {
      const [m] = await tx
        .select({ id: partyMembers.id, name: partyMembers.name })
        .from(partyMembers)
        .where(
          and(
            eq(partyMembers.id, body.memberId),
            or(
              sql`${partyMembers.homeBranchId} in (select ${partyOrgs.id} from ${partyOrgs} where ${partyOrgs.unitId} = ${unitId})`,
              sql`exists (select 1 from ${dualRegistrations} join ${partyOrgs} on ${partyOrgs.id} = ${dualRegistrations.unitBranchId}
                where ${dualRegistrations.memberId} = ${partyMembers.id} and ${partyOrgs.unitId} = ${unitId})`,
            ),
          ),
        );
      if (!m) throw fieldError(ctx, 'memberId', 'order.notUnitMember');
      patch = { handlerMemberId: m.id, handlerAccountId: null };
      to = { memberId: m.id, name: m.name };
    } else {
      const [a] = await tx
        .select({ id: accounts.id, name: accounts.displayName })
        .from(accounts)
        .innerJoin(orderUnitContacts, eq(orderUnitContacts.accountId, accounts.id))
        .where(
          and(eq(accounts.id, body.accountId!), eq(orderUnitContacts.unitId, unitId), eq(accounts.disabled, false)),
        );
      if (!a) throw fieldError(ctx, 'accountId', 'order.notUnitStaff');
      patch = { handlerMemberId: null, handlerAccountId: a.id };
      to = { accountId: a.id, name: a.name };
    }
    return { patch, action: 'handOver', note: body.note ?? null, data: { unitId, to } };
  });

/**
 * Escalation by decision (四级分办: 小事不出小区，大事不出社区): the handler, or whoever decides for the order, sends it one
 * rung up with a reason. It waits there unassigned (status 待派单) in that level's 上报给我 inbox; the receiving level
 * takes it by dispatching it, or hands it down. Not a 回退: nobody's return count moves.
 */
export const escalateOrder = (ctx: Ctx, id: number, reason: string) =>
  applyMove(ctx, id, 'escalate', async (row, v, tx) => {
    const handles = row.handlerKind !== null && mayHandle(v, row) && ctx.actor.permissions.has('order.handle');
    // (the route requires order.escalate)
    const decider = isDecider(v, row);
    if (!decider && !handles) throw forbidden('order.notDecider');
    // A decider sends it above their own level; a handler (a unit, a member) to the next rung above the order.
    const next = await nextRung(tx, row, decider ? ctx.actor.territoryId : undefined);
    if (!next) throw conflict('order.noHigherLevel');
    return {
      patch: {
        ...clearHandler,
        escalationLevel: next.level,
        escalatedToId: next.id,
      },
      action: 'escalate',
      note: reason,
      data: {
        level: next.level,
        territoryId: next.id,
        territoryName: next.name,
        byDecision: true,
        from: handlerOf(row),
      },
    };
  });

/** The receiving level hands an escalated order down again: back to the rung below, to be dispatched there. */
export const handDownOrder = (ctx: Ctx, id: number, reason: string) =>
  applyMove(ctx, id, 'handDown', async (row, v, tx) => {
    if (!isDecider(v, row) || !isReceiver(v, row)) throw forbidden('order.notDecider');
    const below = await rungBelow(tx, row);
    return {
      patch: { escalationLevel: below?.level ?? null, escalatedToId: below?.id ?? null },
      action: 'handDown',
      note: reason,
      data: { level: below?.level ?? null, territoryId: below?.id ?? null, territoryName: below?.name ?? null },
    };
  });

/** A person to dispatch to: an account bound inside the dispatcher's subtree or above the order's place. */
async function accountInReach(ctx: Ctx, tx: DbOrTx, accountId: number, row: OrderRowT): Promise<number> {
  const [a] = await tx
    .select({ id: accounts.id, path: territories.path })
    .from(accounts)
    .innerJoin(territories, eq(territories.id, accounts.territoryId))
    .where(and(eq(accounts.id, accountId), eq(accounts.disabled, false)));
  if (!a || !(pathInScope(ctx.actor, a.path) || row.scopePath.startsWith(a.path)))
    throw fieldError(ctx, 'accountId', 'order.accountNotFound');
  return a.id;
}

function afterAccept(row: OrderRowT, now: Date): OrderPatch {
  const remind = remindTime(row.resolveBy, row.resolveHours);
  return { acceptedAt: row.acceptedAt ?? now, remindAt: remind > now ? remind : null, escalateAt: row.resolveBy };
}

export const acceptOrder = (ctx: Ctx, id: number, note?: string | null) =>
  applyMove(ctx, id, 'accept', (row, v) => {
    requireHandler(v, row);
    return { patch: afterAccept(row, ctx.clock.now()), action: 'accept', note: note ?? null };
  });

export const claimOrder = (ctx: Ctx, id: number, as?: 'member' | 'unit' | null) =>
  applyMove(ctx, id, 'claim', (row, v) => {
    const now = ctx.clock.now();
    const asMember = as !== 'unit' && v.memberIds.length > 0 && ctx.actor.roles.includes('partyMember');
    const asUnit = !asMember && as !== 'member' && v.unitIds.length > 0 && ctx.actor.roles.includes('unitContact');
    if (!asMember && !asUnit) throw conflict('order.noClaimant');
    const who: OrderPatch = asMember
      ? { ...clearHandler, handlerKind: 'member', handlerMemberId: v.memberIds[0]! }
      : { ...clearHandler, handlerKind: 'unit', handlerUnitId: v.unitIds[0]! };
    return { patch: { ...who, ...afterAccept(row, now) }, action: 'claim', data: { as: asMember ? 'member' : 'unit' } };
  });

export const startOrder = (ctx: Ctx, id: number, note?: string | null) =>
  applyMove(ctx, id, 'start', (row, v) => {
    requireHandler(v, row);
    return { patch: {}, action: 'start', note: note ?? null };
  });

/** Resolves an order. A mediation case resolves only with its outcome (the mediation module passes it in `data`). */
export const resolveOrder = (ctx: Ctx, id: number, note: string, data?: { mediationOutcome: string }) =>
  applyMove(ctx, id, 'resolve', (row, v) => {
    requireHandler(v, row);
    if (row.kind === 'mediation' && !data?.mediationOutcome) throw conflict('order.mediationOutcomeRequired');
    return {
      patch: { resolvedAt: ctx.clock.now(), remindAt: null, escalateAt: null },
      action: 'resolve',
      note,
      data: data ?? null,
    };
  });

export const returnOrder = (ctx: Ctx, id: number, reason: string) =>
  applyMove(ctx, id, 'return', (row, v) => {
    requireHandler(v, row);
    const handler = {
      kind: row.handlerKind,
      unitId: row.handlerUnitId,
      memberId: row.handlerMemberId,
      accountId: row.handlerAccountId,
      department: row.handlerDepartment,
    };
    return {
      patch: {
        ...clearHandler,
        acceptedAt: null,
        returnCount: row.returnCount + 1,
        escalateAt: row.respondBy,
        remindAt: null,
      },
      action: 'return',
      note: reason,
      data: { handler },
    };
  });

/**
 * Rates a resolved order. The reporter's rating moves it (unsatisfied reopens it); a co-reporter — whose duplicate
 * was merged into it — rates it once, on its timeline, without moving it (docs/decisions/008).
 */
export async function rateOrder(
  ctx: Ctx,
  id: number,
  rating: 'satisfied' | 'basic' | 'unsatisfied',
  comment?: string | null,
) {
  if (await isCoReporter(ctx.db, id, ctx.actor.accountId)) return coRateOrder(ctx, id, rating, comment ?? null);
  const move: Move = rating === 'unsatisfied' ? 'rateUnsatisfied' : 'rateOk';
  return applyMove(ctx, id, move, (row) => {
    if (row.reporterAccountId !== ctx.actor.accountId) throw forbidden('order.notReporter');
    const now = ctx.clock.now();
    if (rating !== 'unsatisfied') {
      return {
        patch: { rating, ratingComment: comment ?? null, ratedAt: now, ratingChannel: 'app' },
        action: 'rate',
        note: comment ?? null,
        data: { rating },
      };
    }
    // 重办: back to the same handler, a new resolve window, and it counts against them (reopenCount).
    const resolveBy = new Date(now.getTime() + row.resolveHours * HOUR);
    return {
      patch: {
        rating,
        ratingComment: comment ?? null,
        ratedAt: now,
        ratingChannel: 'app',
        reopenCount: row.reopenCount + 1,
        resolvedAt: null,
        resolveBy,
        remindAt: remindTime(resolveBy, row.resolveHours),
        escalateAt: resolveBy,
      },
      action: 'reopen',
      note: comment ?? null,
      data: {
        rating,
        handler: {
          kind: row.handlerKind,
          unitId: row.handlerUnitId,
          memberId: row.handlerMemberId,
          accountId: row.handlerAccountId,
        },
      },
    };
  });
}

async function isCoReporter(db: DbOrTx, id: number, accountId: number): Promise<boolean> {
  const c = orderCoReporters;
  const [row] = await db
    .select({ id: o.id })
    .from(c)
    .innerJoin(o, eq(o.id, c.orderId))
    .where(
      and(eq(c.orderId, id), eq(c.accountId, accountId), sql`${o.reporterAccountId} is distinct from ${accountId}`),
    );
  return row !== undefined;
}

async function coRateOrder(
  ctx: Ctx,
  id: number,
  rating: 'satisfied' | 'basic' | 'unsatisfied',
  comment: string | null,
): Promise<OrderDetail> {
  const now = ctx.clock.now();
  const c = orderCoReporters;
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(o).where(eq(o.id, id)).for('update');
    if (!row) throw notFound();
    if (row.resolvedAt === null || !['resolved', 'rated', 'closed'].includes(row.status))
      throw conflict('order.coRateTooEarly');
    const [co] = await tx
      .update(c)
      .set({ rating, ratingComment: comment, ratedAt: now })
      .where(and(eq(c.orderId, id), eq(c.accountId, ctx.actor.accountId), sql`${c.ratedAt} is null`))
      .returning();
    if (!co) throw conflict('order.coRated');
    await tx.insert(orderEvents).values({
      orderId: id,
      at: now,
      action: 'rate',
      fromStatus: row.status,
      toStatus: row.status,
      actorId: ctx.actor.accountId,
      actorName: ctx.actor.displayName,
      note: comment,
      data: { rating, coReporter: true, sourceOrderId: co.sourceOrderId },
    });
    await audit(tx, ctx, {
      action: 'order.coRate',
      objectType: 'serviceOrder',
      objectId: id,
      scopePath: row.scopePath,
      after: co,
    });
  });
  return getOrder(ctx, id);
}

/**
 * Closes a rated order. An order nobody has taken yet (待派单, 待认领) "closed" is cancelled as 作废 with the note as
 * its reason (the console's 关闭 of an order not yet taken, and the bulk close): out of the figures (issue 10 item 7).
 */
export async function closeOrder(ctx: Ctx, id: number, note?: string | null): Promise<OrderDetail> {
  const [row] = await ctx.db.select({ status: o.status }).from(o).where(eq(o.id, id));
  if (row && (row.status === 'submitted' || row.status === 'open'))
    return cancelOrder(ctx, id, { kind: 'void', reason: note?.trim() || t(ctx.locale, 'order.cancelNoReason') });
  return applyMove(ctx, id, 'close', () => ({
    patch: { closedAt: ctx.clock.now(), remindAt: null, escalateAt: null },
    action: 'close',
    note: note ?? null,
  }));
}

/**
 * 作废 / 无效 (issue 10 item 7): the order leaves found, claimed, resolved and the three rates (NOT_COUNTED), keeps its
 * reason, and stays listed (status 已作废) and counted on its own in the figures (`excluded`).
 */
export const cancelOrder = (ctx: Ctx, id: number, body: CancelBody) =>
  applyMove(ctx, id, 'cancel', (row, v) => {
    if (!isDecider(v, row)) throw forbidden('order.notDecider');
    return {
      patch: {
        cancelKind: body.kind,
        cancelReason: body.reason,
        closedAt: ctx.clock.now(),
        remindAt: null,
        escalateAt: null,
      },
      action: 'cancel',
      note: body.reason,
      data: { kind: body.kind },
    };
  });

/** Whether the order's reporter can rate it in the app: an account holding the rating permission's role. */
async function reporterRates(db: DbOrTx, row: { reporterAccountId: number | null; kind: string }): Promise<boolean> {
  if (row.reporterAccountId === null || row.kind === 'mediation') return false;
  const [a] = await db.select({ roles: accounts.roles }).from(accounts).where(eq(accounts.id, row.reporterAccountId));
  return !!a && a.roles.some((r) => ORDER_ROLES.rate.includes(r as Role));
}

/**
 * 回访 (issue 10 item 6): when the reporter cannot rate in the app — a walk-in registered by staff, a mediation case,
 * an order placed by staff — the community's staff record the rating they took by phone or on a visit. It counts in
 * 满意率 like any rating, marked with how it was taken; an unsatisfied answer reopens the order (重办) as a resident's
 * would. The order is then closed as usual. So no resolved order waits forever for a rating nobody can give.
 */
export const followUpOrder = (ctx: Ctx, id: number, body: FollowUpBody) =>
  applyMove(ctx, id, 'followUp', async (row, v, tx) => {
    if (
      !isDecider(v, row) &&
      !(ctx.actor.roles.some((r) => ON_BEHALF_ROLES.includes(r)) && pathInScope(ctx.actor, row.scopePath))
    )
      throw forbidden('order.notDecider');
    if (await reporterRates(tx, row)) throw conflict('order.reporterRates');
    const now = ctx.clock.now();
    const rated = { rating: body.rating, ratingComment: body.note, ratedAt: now, ratingChannel: body.channel };
    if (body.rating !== 'unsatisfied')
      return {
        patch: rated,
        action: 'followUp',
        note: body.note,
        data: { rating: body.rating, channel: body.channel },
      };
    const resolveBy = new Date(now.getTime() + row.resolveHours * HOUR);
    return {
      patch: {
        ...rated,
        status: 'inProgress',
        reopenCount: row.reopenCount + 1,
        resolvedAt: null,
        resolveBy,
        remindAt: remindTime(resolveBy, row.resolveHours),
        escalateAt: resolveBy,
      },
      action: 'followUp',
      note: body.note,
      data: { rating: body.rating, channel: body.channel, reopened: true },
    };
  });

// ---------------------------------------------------------------------------------------------------------------
// Suggestions for the dispatcher: the rule, the grid's workers, units that do this kind of work.
// ---------------------------------------------------------------------------------------------------------------

/** Which unit kinds usually take a category (a property company repairs, an agency handles policy). */
const CATEGORY_UNIT_KINDS: Record<string, string[]> = {
  repair: ['propertyCompany'],
  property: ['propertyCompany'],
  parking: ['propertyCompany', 'agency'],
  greening: ['propertyCompany', 'institution'],
  environment: ['propertyCompany', 'agency'],
  safety: ['agency', 'propertyCompany'],
  policy: ['agency', 'institution'],
  elderly: ['socialOrganization', 'institution'],
  neighbourhood: ['socialOrganization'],
};

export async function suggestions(ctx: Ctx, id: number) {
  const order = await getOrder(ctx, id);
  const items: {
    source: 'rule' | 'gridWorker' | 'unit' | 'member';
    score: number;
    target: DispatchTarget;
    label: string;
    detail?: string | null;
    respondHours: number | null;
    resolveHours: number | null;
  }[] = [];
  const rule = await ruleFor(ctx.db, order.community.id, order.category);
  if (rule) {
    if (rule.handlerKind === 'unit' && rule.unitId) {
      const [u] = await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, rule.unitId));
      items.push({
        source: 'rule',
        score: 100,
        target: { target: 'unit', unitId: rule.unitId },
        label: u?.name ?? String(rule.unitId),
        respondHours: rule.respondHours,
        resolveHours: rule.resolveHours,
      });
    } else if (rule.handlerKind === 'department' && rule.department) {
      items.push({
        source: 'rule',
        score: 100,
        target: { target: 'department', department: rule.department },
        label: rule.department,
        respondHours: rule.respondHours,
        resolveHours: rule.resolveHours,
      });
    }
  }
  const gridIds =
    order.gridId !== null
      ? [order.gridId]
      : (
          await ctx.db
            .select({ id: grids.id })
            .from(grids)
            .where(eq(grids.communityId, order.community.id))
            .orderBy(asc(grids.id))
            .limit(3)
        ).map((g) => g.id);
  if (gridIds.length) {
    const workers = await ctx.db
      .select({
        name: gridWorkers.name,
        accountId: gridWorkers.accountId,
        memberId: gridWorkers.partyMemberId,
        gridId: gridWorkers.gridId,
      })
      .from(gridWorkers)
      .where(inArray(gridWorkers.gridId, gridIds))
      .orderBy(asc(gridWorkers.kind), asc(gridWorkers.id));
    const base = rule?.handlerKind === 'gridWorker' ? 95 : 80;
    for (const w of workers) {
      const score = base - (w.gridId === order.gridId ? 0 : 10);
      if (w.accountId !== null)
        items.push({
          source: 'gridWorker',
          score,
          target: { target: 'person', accountId: w.accountId },
          label: w.name,
          respondHours: null,
          resolveHours: null,
        });
      else if (w.memberId !== null)
        items.push({
          source: 'gridWorker',
          score: score - 5,
          target: { target: 'member', memberId: w.memberId },
          label: w.name,
          respondHours: null,
          resolveHours: null,
        });
    }
  }
  const commPath =
    (await ctx.db.select({ path: territories.path }).from(territories).where(eq(territories.id, order.community.id)))[0]
      ?.path ?? '';
  const kinds = CATEGORY_UNIT_KINDS[order.category] ?? [];
  const near = await ctx.db
    .select({ id: units.id, name: units.name, kind: units.kind, scopePath: units.scopePath })
    .from(units)
    .where(or(sql`${units.scopePath} like ${`${commPath}%`}`, sql`${commPath} like ${units.scopePath} || '%'`))
    .orderBy(asc(units.id))
    .limit(50);
  for (const u of near) {
    if (rule?.unitId === u.id) continue;
    const score = (kinds.includes(u.kind) ? 60 : 30) + (u.scopePath.startsWith(commPath) ? 5 : 0);
    items.push({
      source: 'unit',
      score,
      target: { target: 'unit', unitId: u.id },
      label: u.name,
      respondHours: null,
      resolveHours: null,
    });
  }
  // People (issue 10 item 4): dual-registered in-service members of the community, by nearness, skill and load.
  const [place] = await ctx.db.select({ scopePath: o.scopePath }).from(o).where(eq(o.id, id));
  const shown = new Set(items.map((i) => (i.target.target === 'member' ? i.target.memberId : null)));
  for (const m of await memberSuggestions(ctx.db, {
    communityId: order.community.id,
    category: order.category,
    scopePath: place!.scopePath,
  })) {
    if (shown.has(m.memberId)) continue;
    items.push({
      source: 'member',
      score: m.score,
      target: m.target,
      label: m.name,
      detail: t(ctx.locale, 'order.suggest.memberDetail', {
        near: t(ctx.locale, `order.suggest.near.${m.near}`),
        done: m.done,
        load: m.load,
      }),
      respondHours: null,
      resolveHours: null,
    });
  }
  items.sort((a, b) => b.score - a.score || a.label.localeCompare(b.label, 'zh-CN'));
  return { items: items.slice(0, 20) };
}

/** The people of the order's unit it may be handed to (单位下单): the unit's party members and its staff accounts. */
export async function handOverCandidates(ctx: Ctx, id: number) {
  const v = await viewerOf(ctx.db, ctx.actor);
  const [row] = await ctx.db
    .select({ unitId: o.handlerUnitId, kind: o.handlerKind })
    .from(o)
    .where(and(eq(o.id, id), visibleOrders(v)));
  if (!row) throw notFound();
  const unitId = row.unitId;
  if (row.kind !== 'unit' || unitId === null || !v.unitIds.includes(unitId))
    throw forbidden('order.notUnitContactOfOrder');
  const [members, staff] = await Promise.all([
    ctx.db
      .select({ id: partyMembers.id, name: partyMembers.name })
      .from(partyMembers)
      .where(
        or(
          sql`${partyMembers.homeBranchId} in (select ${partyOrgs.id} from ${partyOrgs} where ${partyOrgs.unitId} = ${unitId})`,
          sql`exists (select 1 from ${dualRegistrations} join ${partyOrgs} on ${partyOrgs.id} = ${dualRegistrations.unitBranchId}
            where ${dualRegistrations.memberId} = ${partyMembers.id} and ${partyOrgs.unitId} = ${unitId})`,
        ),
      )
      .orderBy(asc(partyMembers.name), asc(partyMembers.id))
      .limit(200),
    ctx.db
      .select({ id: accounts.id, name: accounts.displayName })
      .from(accounts)
      .innerJoin(orderUnitContacts, eq(orderUnitContacts.accountId, accounts.id))
      .where(and(eq(orderUnitContacts.unitId, unitId), eq(accounts.disabled, false)))
      .orderBy(asc(accounts.displayName), asc(accounts.id))
      .limit(200),
  ]);
  return { members, staff };
}
