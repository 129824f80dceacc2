import { and, desc, eq, gte, inArray, ne, notInArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { inSubtree } from '../../kernel/scope/scope.js';
import { grids } from '../grids/index.js';
import { NOT_COUNTED, OVERDUE_AT_SQL, UNFINISHED_SQL, type OrderStatus } from './constants.js';
import { orderUnitContacts, serviceOrders } from './schema.js';

/**
 * Read-only views of open matters for other modules (the meetings agenda, seed 002's 每月一题): hotspots,
 * overdue orders, the live status of given orders, and the accounts that speak for units. Callers pass a subtree
 * path they have already checked against the actor's scope.
 */
const o = serviceOrders;
const DAY = 86_400_000;

export interface OrderHotspot {
  compoundId: number;
  compoundName: string;
  communityId: number;
  communityName: string;
  category: string;
  count: number;
  /** The orders of the hotspot, newest first (at most 50). */
  orderIds: number[];
}

/**
 * Order hotspots under `path` (the meetings agenda's 每月一题 and co-building's proposed needs): the same compound and
 * category reported at least `minCount` times in the last `days` days. Merged duplicates and cancelled orders are
 * not counted (decision 008, issue 10 item 7), nor mediation cases (a dispute is not a recurring need).
 */
export async function orderHotspots(
  db: DbOrTx,
  path: string,
  now: Date,
  rule: { minCount: number; days: number },
): Promise<OrderHotspot[]> {
  const since = new Date(now.getTime() - rule.days * DAY);
  const c = alias(territories, 'compound');
  const cm = alias(territories, 'community');
  const rows = await db
    .select({
      compoundId: c.id,
      compoundName: c.name,
      communityId: cm.id,
      communityName: cm.name,
      category: o.category,
      count: sql<number>`count(*)::int`.mapWith(Number),
      orderIds: sql<number[]>`(array_agg(${o.id} order by ${o.createdAt} desc, ${o.id} desc))[1:50]`,
    })
    .from(o)
    .innerJoin(c, and(eq(c.level, 'compound'), sql`${o.scopePath} like ${c.path} || '%'`))
    .innerJoin(cm, eq(cm.id, o.communityId))
    .where(
      and(
        inSubtree(o.scopePath, path),
        gte(o.createdAt, since),
        notInArray(o.status, [...NOT_COUNTED]),
        ne(o.kind, 'mediation'),
      ),
    )
    .groupBy(c.id, c.name, cm.id, cm.name, o.category)
    .having(sql`count(*) >= ${rule.minCount}`)
    .orderBy(desc(sql`count(*)`), c.id, o.category);
  return rows.map((r) => ({ ...r, orderIds: (r.orderIds ?? []).map(Number) }));
}

export interface OrderGridHotspot {
  gridId: number;
  gridName: string;
  communityId: number;
  communityName: string;
  category: string;
  count: number;
  /** The orders of the hotspot, newest first (at most 50). */
  orderIds: number[];
}

/**
 * The same rule as orderHotspots with the grid as the place (the dashboard's hotspots by grid): orders located in
 * one grid (their `grid_id`, set from the report's location) of one category, at least `minCount` in `days` days.
 */
export async function orderGridHotspots(
  db: DbOrTx,
  path: string,
  now: Date,
  rule: { minCount: number; days: number },
): Promise<OrderGridHotspot[]> {
  const since = new Date(now.getTime() - rule.days * DAY);
  const cm = alias(territories, 'community');
  const rows = await db
    .select({
      gridId: grids.id,
      gridName: grids.name,
      communityId: cm.id,
      communityName: cm.name,
      category: o.category,
      count: sql<number>`count(*)::int`.mapWith(Number),
      orderIds: sql<number[]>`(array_agg(${o.id} order by ${o.createdAt} desc, ${o.id} desc))[1:50]`,
    })
    .from(o)
    .innerJoin(grids, eq(grids.id, o.gridId))
    .innerJoin(cm, eq(cm.id, o.communityId))
    .where(
      and(
        inSubtree(o.scopePath, path),
        gte(o.createdAt, since),
        notInArray(o.status, [...NOT_COUNTED]),
        ne(o.kind, 'mediation'),
      ),
    )
    .groupBy(grids.id, grids.name, cm.id, cm.name, o.category)
    .having(sql`count(*) >= ${rule.minCount}`)
    .orderBy(desc(sql`count(*)`), grids.id, o.category);
  return rows.map((r) => ({ ...r, orderIds: (r.orderIds ?? []).map(Number) }));
}

export interface OpenOrderRef {
  id: number;
  title: string;
  category: string;
  status: OrderStatus;
  createdAt: Date;
  scopePath: string;
}

/** Unfinished orders under `path` that are overdue now, oldest deadline first. */
export async function overdueOrders(db: DbOrTx, path: string, now: Date, limit = 20): Promise<OpenOrderRef[]> {
  return db
    .select({
      id: o.id,
      title: o.title,
      category: o.category,
      status: o.status,
      createdAt: o.createdAt,
      scopePath: o.scopePath,
    })
    .from(o)
    .where(
      and(
        inSubtree(o.scopePath, path),
        sql.raw(UNFINISHED_SQL('service_orders')),
        sql`${sql.raw(OVERDUE_AT_SQL('service_orders'))} < ${now}`,
      ),
    )
    .orderBy(sql.raw(OVERDUE_AT_SQL('service_orders')))
    .limit(limit);
}

/** The live status and title of the given orders (for records that link to orders). */
export async function orderStatuses(db: DbOrTx, ids: readonly number[]): Promise<Map<number, OpenOrderRef>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: o.id,
      title: o.title,
      category: o.category,
      status: o.status,
      createdAt: o.createdAt,
      scopePath: o.scopePath,
    })
    .from(o)
    .where(inArray(o.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The accounts that act for each unit (its order contacts). */
export async function unitContactAccounts(db: DbOrTx, unitIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!unitIds.length) return out;
  const rows = await db
    .select()
    .from(orderUnitContacts)
    .where(inArray(orderUnitContacts.unitId, [...unitIds]))
    .orderBy(orderUnitContacts.accountId);
  for (const r of rows) out.set(r.unitId, [...(out.get(r.unitId) ?? []), r.accountId]);
  return out;
}
