import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.js';
import { territories } from '../../kernel/db/schema.js';
import { notFound } from '../../kernel/http/errors.js';
import { inScope } from '../../kernel/scope/scope.js';
import type { Counts, OrderFigures } from './contract.js';
import { units } from '../organizations/schema.js';
import { serviceOrders } from './schema.js';
import { overdueSql } from './service-orders.service.js';

const o = serviceOrders;

/** The aggregates behind every figure; each has a drill-down with the same filter on GET /api/orders. */
function aggregates(now: Date) {
  return {
    found: sql<number>`count(${o.id})::int`.mapWith(Number),
    claimed: sql<number>`(count(${o.id}) filter (where ${o.acceptedAt} is not null))::int`.mapWith(Number),
    resolved: sql<number>`(count(${o.id}) filter (where ${o.resolvedAt} is not null))::int`.mapWith(Number),
    respondedOnTime: sql<number>`(count(${o.id}) filter (where ${o.acceptedAt} is not null and ${o.acceptedAt} <= ${o.respondBy}))::int`.mapWith(Number),
    rated: sql<number>`(count(${o.id}) filter (where ${o.rating} is not null))::int`.mapWith(Number),
    satisfied: sql<number>`(count(${o.id}) filter (where ${o.rating} in ('satisfied','basic')))::int`.mapWith(Number),
    overdue: sql<number>`(count(${o.id}) filter (where ${overdueSql(now)}))::int`.mapWith(Number),
    reopened: sql<number>`coalesce(sum(${o.reopenCount}), 0)::int`.mapWith(Number),
    resolveSeconds: sql<number | null>`avg(extract(epoch from (${o.resolvedAt} - ${o.createdAt}))) filter (where ${o.resolvedAt} is not null)`.mapWith((v) => (v === null ? null : Number(v))),
  };
}
type Agg = { found: number; claimed: number; resolved: number; respondedOnTime: number; rated: number; satisfied: number; overdue: number; reopened: number; resolveSeconds: number | null };

const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

function countsOf(a: Agg): Counts {
  return {
    found: a.found,
    claimed: a.claimed,
    resolved: a.resolved,
    responseRate: rate(a.respondedOnTime, a.found),
    resolutionRate: rate(a.resolved, a.found),
    satisfactionRate: rate(a.satisfied, a.rated),
    overdue: a.overdue,
    reopened: a.reopened,
    averageResolveHours: a.resolveSeconds === null ? null : Math.round((a.resolveSeconds / 3600) * 10) / 10,
  };
}

/** Query parameters of GET /api/orders for each figure (the drill-down). */
function drillOf(territoryId: number, from: Date | undefined, to: Date | undefined) {
  const base: Record<string, string> = { territoryId: String(territoryId) };
  if (from) base.from = from.toISOString();
  if (to) base.to = to.toISOString();
  return {
    found: base,
    claimed: { ...base, accepted: 'true' },
    resolved: { ...base, resolved: 'true' },
    responseRate: { ...base, respondedOnTime: 'true' },
    resolutionRate: { ...base, resolved: 'true' },
    satisfactionRate: { ...base, rating: 'satisfied,basic' },
    overdue: { ...base, overdue: 'true' },
    averageResolveHours: { ...base, resolved: 'true' },
  };
}

/** Figures of a subtree and period (created in [from, to)), and the ranking of the nodes one level below. */
export async function orderFigures(ctx: Ctx, q: { territoryId?: number | undefined; from?: Date | undefined; to?: Date | undefined }): Promise<OrderFigures> {
  const now = ctx.clock.now();
  const id = q.territoryId ?? ctx.actor.territoryId;
  const [node] = await ctx.db
    .select({ id: territories.id, name: territories.name, level: territories.level, path: territories.path })
    .from(territories)
    .where(and(eq(territories.id, id), inScope(ctx.actor, territories.path)));
  if (!node) throw notFound();
  const period: SQL[] = [];
  if (q.from) period.push(sql`${o.createdAt} >= ${q.from}`);
  if (q.to) period.push(sql`${o.createdAt} < ${q.to}`);
  const [total] = await ctx.db
    .select(aggregates(now))
    .from(o)
    .where(and(sql`${o.scopePath} like ${`${node.path}%`}`, ...period));
  const child = territories;
  const rows = await ctx.db
    .select({ id: child.id, name: child.name, level: child.level, ...aggregates(now) })
    .from(child)
    .leftJoin(o, and(sql`${o.scopePath} like ${child.path} || '%'`, ...period))
    .where(eq(child.parentId, node.id))
    .groupBy(child.id, child.name, child.level);
  const ranking = rows
    .map((r) => ({ territory: { id: r.id, name: r.name, level: r.level }, ...countsOf(r), drill: drillOf(r.id, q.from, q.to).found }))
    .sort((a, b) => (b.resolutionRate ?? -1) - (a.resolutionRate ?? -1) || b.found - a.found || a.territory.id - b.territory.id);
  const byUnit = await ctx.db
    .select({ id: units.id, name: units.name, ...aggregates(now) })
    .from(o)
    .innerJoin(units, eq(units.id, o.handlerUnitId))
    .where(and(sql`${o.scopePath} like ${`${node.path}%`}`, ...period))
    .groupBy(units.id, units.name);
  const unitRanking = byUnit
    .map((r) => ({ unit: { id: r.id, name: r.name }, ...countsOf(r), drill: { ...drillOf(node.id, q.from, q.to).found, unitId: String(r.id) } }))
    .sort((a, b) => (b.resolutionRate ?? -1) - (a.resolutionRate ?? -1) || a.reopened - b.reopened || b.found - a.found || a.unit.id - b.unit.id);
  return {
    territory: { id: node.id, name: node.name, level: node.level },
    from: q.from ?? null,
    to: q.to ?? null,
    ...countsOf(total!),
    drill: drillOf(node.id, q.from, q.to),
    ranking,
    unitRanking,
  };
}
