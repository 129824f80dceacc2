import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { rowsOf } from '../../kernel/db/rows.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError } from '../../kernel/http/errors.js';
import { t } from '../../kernel/i18n/i18n.js';
import { pathIds, placeInScope } from '../../kernel/scope/scope.js';
import { TERRITORY_LEVELS, type TerritoryLevel } from '../../kernel/territory-levels.js';
import { grids } from '../grids/index.js';
import { units } from '../organizations/index.js';
import { NOT_COUNTED, OVERDUE_AT_SQL, UNFINISHED_SQL } from './constants.js';
import type { Counts, OrderFigures, OrderTrend } from './contract.js';
import { serviceOrders } from './schema.js';
import { addTally, TALLY_KEYS, zeroTally, type Grain, type Tally } from './rollups.js';
import { addDays, chinaDay, chinaDayStart } from '../../kernel/clock.js';

/**
 * The service loop's figures (issue 5 item 7) for a subtree and a period of creation [from, to), with the ranking
 * of the nodes one level below and of the handler units. Read from the rollup (service_order_rollups, kept current
 * by every write: rollups.ts) for the whole Asia/Shanghai days inside the period; the partial days at its edges,
 * and every node below a community (a few thousand orders at most), are counted from the orders themselves, so the
 * answer is exact for any from/to. Overdue depends on the clock: it is counted from the unfinished orders only
 * (partial index service_orders_open_idx). Each figure keeps its drill-down: the same filter on GET /api/orders.
 * docs/decisions/009-order-rollups.md.
 */

const COMMUNITY_RANK = TERRITORY_LEVELS.indexOf('community');
/** The most units one answer ranks (in ranking order); `unitCount` says how many have orders in the subtree. */
export const UNIT_RANKING_MAX = 500;
const atOrAboveCommunity = (level: TerritoryLevel) => TERRITORY_LEVELS.indexOf(level) <= COMMUNITY_RANK;
const lit = (xs: readonly string[]) =>
  sql.raw(xs.length ? xs.map((s) => `'${s.replace(/'/g, "''")}'`).join(',') : `''`);

const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

function countsOf(t: Tally, overdue: number): Counts {
  return {
    found: t.found,
    claimed: t.claimed,
    resolved: t.resolved,
    responseRate: rate(t.respondedOnTime, t.found),
    resolutionRate: rate(t.resolved, t.found),
    satisfactionRate: rate(t.satisfied, t.rated),
    overdue,
    reopened: t.reopened,
    averageResolveHours: t.resolved === 0 ? null : Math.round((t.resolveMs / t.resolved / 3_600_000) * 10) / 10,
  };
}

/** Query parameters of GET /api/orders for each figure (the drill-down). */
function drillOf(territoryId: number, from: Date | undefined, to: Date | undefined) {
  // A merged duplicate is not counted (NOT_COUNTED): its drill-down leaves it out too (docs/decisions/008).
  // Merged duplicates and cancelled orders are not counted (NOT_COUNTED): the drill-down leaves them out too.
  const base: Record<string, string> = { territoryId: String(territoryId), counted: 'true' };
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

// ---- periods ------------------------------------------------------------------------------------------------

/** A day range [a, b) (YYYY-MM-DD) cut into whole years, months and days: at most five ranges of the rollup. */
export function grainRanges(a: string, b: string): { grain: Grain; from: string; to: string }[] {
  const out: { grain: Grain; from: string; to: string }[] = [];
  const monthFloor = (d: string) => `${d.slice(0, 7)}-01`;
  const yearFloor = (d: string) => `${d.slice(0, 4)}-01-01`;
  const nextMonth = (d: string) => {
    const y = Number(d.slice(0, 4));
    const m = Number(d.slice(5, 7));
    return m === 12
      ? `${String(y + 1).padStart(4, '0')}-01-01`
      : `${d.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
  };
  const nextYear = (d: string) => `${String(Number(d.slice(0, 4)) + 1).padStart(4, '0')}-01-01`;
  const push = (grain: Grain, from: string, to: string) => {
    if (from < to) out.push({ grain, from, to });
  };
  let cur = a;
  if (cur >= b) return out;
  if (!cur.endsWith('-01')) {
    const e = nextMonth(cur) < b ? nextMonth(cur) : b;
    push('d', cur, e);
    cur = e;
  }
  if (cur < b && !cur.endsWith('-01-01')) {
    const e = nextYear(cur) <= monthFloor(b) ? nextYear(cur) : monthFloor(b);
    if (e > cur) {
      push('m', cur, e);
      cur = e;
    }
  }
  if (cur < b && cur.endsWith('-01-01') && yearFloor(b) > cur) {
    push('y', cur, yearFloor(b));
    cur = yearFloor(b);
  }
  if (cur < b && cur.endsWith('-01') && monthFloor(b) > cur) {
    push('m', cur, monthFloor(b));
    cur = monthFloor(b);
  }
  push('d', cur, b);
  return out;
}

const FAR_PAST = '1900-01-01';
const FAR_FUTURE = '9000-01-01';

/** The whole Shanghai days inside [from, to), and the partial-day windows left at its edges. */
export function splitPeriod(
  from: Date | undefined,
  to: Date | undefined,
): { days: [string, string] | null; edges: [Date | null, Date | null][] } {
  let a = FAR_PAST;
  if (from) {
    const d = chinaDay(from);
    a = chinaDayStart(d).getTime() === from.getTime() ? d : addDays(d, 1);
  }
  const b = to ? chinaDay(to) : FAR_FUTURE;
  if (a >= b) return { days: null, edges: [[from ?? null, to ?? null]] };
  const edges: [Date | null, Date | null][] = [];
  if (from && chinaDayStart(a).getTime() > from.getTime()) edges.push([from, chinaDayStart(a)]);
  if (to && chinaDayStart(b).getTime() < to.getTime()) edges.push([chinaDayStart(b), to]);
  return { days: [a, b], edges };
}

/**
 * How a period is counted: whole days [a, b) from the rollup; partial edge days either directly from the orders
 * (`direct`), or — when that is cheaper — as the edge day's whole rollup row less the orders of the rest of that day
 * (`subtract`). A period ending now ("the last 30 days") thus reads today from the rollup and subtracts the orders
 * created since: next to none, instead of counting every order of today. Exact either way.
 */
export function planPeriod(
  from: Date | undefined,
  to: Date | undefined,
  now: Date,
): { days: [string, string] | null; direct: Window[]; subtract: Window[] } {
  const split = splitPeriod(from, to);
  if (!split.days) return { days: null, direct: split.edges, subtract: [] };
  let [a, b] = split.days;
  const direct: Window[] = [];
  const subtract: Window[] = [];
  const span = (w: Window) => w[1]!.getTime() - w[0]!.getTime();
  for (const edge of split.edges) {
    const atStart = edge[1]!.getTime() === chinaDayStart(a).getTime();
    const day = atStart ? addDays(a, -1) : b;
    const rest: Window = atStart ? [chinaDayStart(day), edge[0]] : [edge[1], chinaDayStart(addDays(day, 1))];
    // The rest of the day holds few orders when it is the shorter part, or when it begins about now (a period
    // ending now, as a dashboard asks: what was created since is at most a few minutes' worth).
    if (rest[0]!.getTime() >= now.getTime() - ABOUT_NOW_MS || span(rest) < span(edge)) {
      subtract.push(rest);
      if (atStart) a = day;
      else b = addDays(b, 1);
    } else direct.push(edge);
  }
  return { days: [a, b], direct, subtract };
}
type Window = [Date | null, Date | null];
const ABOUT_NOW_MS = 5 * 60_000;

// ---- the three sources: rollup, orders, unfinished orders ----------------------------------------------------
// Each is one query grouped by GROUPING SETS: the node's total, per child node, per handler unit, in one scan.

type By = 'total' | 'child' | 'unit';
type Node = { id: number; name: string; level: TerritoryLevel; path: string; depth: number };
type Grouped<T> = Record<By, Map<number, T>>;
const emptyGroups = <T>(): Grouped<T> => ({ total: new Map(), child: new Map(), unit: new Map() });

const tallyCols = (r: Record<string, unknown>): Tally => {
  const t = zeroTally();
  for (const k of TALLY_KEYS) t[k] = Number(r[k] ?? 0);
  return t;
};

/** The grouping key of a node's child in a path column: the path segment one level below the node. */
const childKey = (node: Node, col: SQL) =>
  sql`nullif(split_part(${col}, '/', ${sql.raw(String(node.depth + 3))}), '')::int`;
// All three sets always (GROUPING(c, u) needs both as grouping expressions); `collect` keeps the ones asked for.
const groupingSets = (_sets: readonly By[]) => sql.raw('(), (c), (u)');

/** Sorts the rows of a GROUPING SETS query (c = child, u = unit; grouping(c, u): 3 total, 1 by child, 2 by unit). */
function collect<T>(
  rows: Record<string, unknown>[],
  value: (r: Record<string, unknown>) => T,
  sets: readonly By[] = ['total', 'child', 'unit'],
): Grouped<T> {
  const out = emptyGroups<T>();
  for (const r of rows) {
    const g = Number(r.g);
    if (g === 3 && sets.includes('total')) out.total.set(0, value(r));
    // A null child: orders filed at the node itself (社区直属), kept under key 0 so the ranking adds up.
    else if (g === 1 && sets.includes('child')) out.child.set(r.c === null ? 0 : Number(r.c), value(r));
    else if (g === 2 && r.u !== null && Number(r.u) !== 0 && sets.includes('unit')) out.unit.set(Number(r.u), value(r));
  }
  return out;
}

async function fromRollup(
  db: DbOrTx,
  node: Node,
  days: [string, string],
  sets: readonly By[],
): Promise<Grouped<Tally>> {
  const ranges = grainRanges(days[0], days[1]);
  if (!ranges.length || !sets.length) return emptyGroups();
  const when = sql.join(
    ranges.map((r) => sql`(grain = ${r.grain} and period >= ${r.from}::date and period < ${r.to}::date)`),
    sql` or `,
  );
  // Summed per (community, unit) in the database — a few thousand rows for a whole city — then rolled into the
  // total, the children and the units here: cheaper than GROUPING SETS over a path expression on every row.
  const query = sql`
    select node_path, handler_unit_id as u, sum(found) as found, sum(claimed) as claimed, sum(resolved) as resolved,
      sum(responded_on_time) as "respondedOnTime", sum(rated) as rated, sum(satisfied) as satisfied,
      sum(reopened) as reopened, sum(resolve_ms) as "resolveMs"
    from service_order_rollups where node_path like ${`${node.path}%`} and (${when})
    group by node_path, handler_unit_id`;
  // A city's month of day rows is ~30 k: with the default work_mem (4 MB) PostgreSQL sorts them on disk to group
  // them (~50 ms); with room it hashes them in memory (~20 ms). For this query only.
  const res = await db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '32MB'`);
    return tx.execute(query);
  });
  const out = emptyGroups<Tally>();
  const add = (m: Map<number, Tally>, k: number, t: Tally) => m.set(k, addTally(m.get(k) ?? zeroTally(), t));
  for (const r of rowsOf(res)) {
    const t = tallyCols(r);
    if (sets.includes('total')) add(out.total, 0, t);
    if (sets.includes('child')) {
      const seg = String(r.node_path).split('/')[node.depth + 2];
      add(out.child, seg ? Number(seg) : 0, t);
    }
    const u = Number(r.u);
    if (sets.includes('unit') && u !== 0) add(out.unit, u, t);
  }
  return out;
}

const created = (w: [Date | null, Date | null]) =>
  and(
    w[0] ? sql`created_at >= ${w[0].toISOString()}::timestamptz` : undefined,
    w[1] ? sql`created_at < ${w[1].toISOString()}::timestamptz` : undefined,
  ) ?? sql`true`;

async function fromOrders(
  db: DbOrTx,
  node: Node,
  windows: [Date | null, Date | null][],
  sets: readonly By[],
): Promise<Grouped<Tally>> {
  if (!windows.length || !sets.length) return emptyGroups();
  const res = await db.execute(sql`
    select c, u, grouping(c, u) as g, count(*) as found, count(accepted_at) as claimed, count(resolved_at) as resolved,
      count(*) filter (where accepted_at <= respond_by) as "respondedOnTime", count(rating) as rated,
      count(*) filter (where rating in ('satisfied','basic')) as satisfied, coalesce(sum(reopen_count), 0) as reopened,
      coalesce(sum(round(extract(epoch from (resolved_at - created_at)) * 1000)), 0) as "resolveMs"
    from (select ${childKey(node, sql`scope_path`)} as c, handler_unit_id as u, accepted_at, resolved_at, respond_by, rating, reopen_count, created_at
          from service_orders
          where scope_path like ${`${node.path}%`} and status not in (${lit(NOT_COUNTED)}) and (${sql.join(windows.map(created), sql` or `)})) x
    group by grouping sets (${groupingSets(sets)})`);
  return collect(rowsOf(res), tallyCols, sets);
}

/** Overdue now: unfinished orders past their respond (before acceptance) or resolve deadline — as overdueSql. */
async function overdueOf(
  db: DbOrTx,
  node: Node,
  from: Date | undefined,
  to: Date | undefined,
  now: Date,
): Promise<Grouped<number>> {
  const n = now.toISOString();
  const res = await db.execute(sql`
    select c, u, grouping(c, u) as g, count(*) as n
    from (select ${childKey(node, sql`scope_path`)} as c, handler_unit_id as u
          from service_orders
          where ${sql.raw(UNFINISHED_SQL())} and ${sql.raw(OVERDUE_AT_SQL())} < ${n}::timestamptz
            and scope_path like ${`${node.path}%`} and (${created([from ?? null, to ?? null])})) x
    group by grouping sets ((), (c), (u))`);
  return collect(rowsOf(res), (r) => Number(r.n));
}

/**
 * Tallies (and overdue counts) of a node for the period — total, per child, per unit. At or above a community the
 * whole days come from the rollup and the partial edge days from the orders; a community's children (compounds)
 * and everything below a community come from the orders.
 */
async function figuresOf(db: DbOrTx, node: Node, from: Date | undefined, to: Date | undefined, now: Date) {
  const whole: Window[] = [[from ?? null, to ?? null]];
  const plan = planPeriod(from, to, now);
  const rolled: By[] = !atOrAboveCommunity(node.level)
    ? []
    : node.level === 'community'
      ? ['total', 'unit']
      : ['total', 'child', 'unit'];
  const direct: By[] = (['total', 'child', 'unit'] as const).filter((b) => !rolled.includes(b));
  const [a, edges, minus, rest, overdue] = await Promise.all([
    plan.days ? fromRollup(db, node, plan.days, rolled) : Promise.resolve(emptyGroups<Tally>()),
    fromOrders(db, node, plan.direct, rolled),
    fromOrders(db, node, plan.subtract, rolled),
    fromOrders(db, node, whole, direct),
    overdueOf(db, node, from, to, now),
  ]);
  const tallies = emptyGroups<Tally>();
  for (const [part, sign] of [
    [a, 1],
    [edges, 1],
    [minus, -1],
    [rest, 1],
  ] as const) {
    for (const by of ['total', 'child', 'unit'] as const) {
      for (const [k, t] of part[by]) tallies[by].set(k, addTally(tallies[by].get(k) ?? zeroTally(), t, sign));
    }
  }
  // A node or unit whose whole-day count was cancelled out by the subtraction has no orders in the period.
  for (const by of ['child', 'unit'] as const)
    for (const [k, t] of tallies[by]) if (TALLY_KEYS.every((c) => t[c] === 0)) tallies[by].delete(k);
  return { tallies, overdue };
}

/** Figures of a subtree and period (created in [from, to)), and the ranking of the nodes one level below. */
export async function orderFigures(
  ctx: Ctx,
  q: { territoryId?: number | undefined; from?: Date | undefined; to?: Date | undefined },
): Promise<OrderFigures> {
  const now = ctx.clock.now();
  const node = await placeInScope(ctx.db, ctx.actor, q.territoryId ?? ctx.actor.territoryId);
  const [{ tallies, overdue }, children, excluded] = await Promise.all([
    figuresOf(ctx.db, node, q.from, q.to, now),
    ctx.db
      .select({ id: territories.id, name: territories.name, level: territories.level })
      .from(territories)
      .where(eq(territories.parentId, node.id)),
    excludedOf(ctx.db, node.path, q.from, q.to),
  ]);
  const byChild = { tallies: tallies.child, overdue: overdue.child };
  const byUnit = { tallies: tallies.unit, overdue: overdue.unit };
  const ranking = children
    .map((c) => ({
      territory: { id: c.id, name: c.name, level: c.level },
      direct: false,
      ...countsOf(byChild.tallies.get(c.id) ?? zeroTally(), byChild.overdue.get(c.id) ?? 0),
      drill: drillOf(c.id, q.from, q.to).found,
    }))
    .sort(
      (a, b) =>
        (b.resolutionRate ?? -1) - (a.resolutionRate ?? -1) || b.found - a.found || a.territory.id - b.territory.id,
    );
  // The node's own orders (filed at the community itself, not at a compound below it): an explicit row, last, so the
  // level below adds up to the total (issue 10 item 8).
  const own = byChild.tallies.get(0);
  const ownOverdue = byChild.overdue.get(0) ?? 0;
  if ((own && own.found > 0) || ownOverdue > 0)
    ranking.push({
      territory: {
        id: node.id,
        name: t(ctx.locale, node.level === 'community' ? 'figures.direct.community' : 'figures.direct.node', {
          name: node.name,
        }),
        level: node.level,
      },
      direct: true,
      ...countsOf(own ?? zeroTally(), ownOverdue),
      drill: { ...drillOf(node.id, q.from, q.to).found, direct: 'true' },
    });
  const gridRanking = TERRITORY_LEVELS.indexOf(node.level) >= COMMUNITY_RANK ? await gridRankingOf(ctx, node, q) : [];
  // Every unit with orders in the subtree, ranked; the answer carries the first UNIT_RANKING_MAX of them (a whole
  // city has about 5,000: a 1.2 MB answer whose encoding alone missed the 100 ms budget) and their number.
  const ranked = [...byUnit.tallies]
    .filter(([, t]) => t.found > 0)
    .map(([id, t]) => ({ id, counts: countsOf(t, byUnit.overdue.get(id) ?? 0) }))
    .sort(
      (a, b) =>
        (b.counts.resolutionRate ?? -1) - (a.counts.resolutionRate ?? -1) ||
        a.counts.reopened - b.counts.reopened ||
        b.counts.found - a.counts.found ||
        a.id - b.id,
    );
  const top = ranked.slice(0, UNIT_RANKING_MAX);
  // One array parameter, not one per unit.
  const names = new Map(
    (top.length
      ? await ctx.db
          .select({ id: units.id, name: units.name })
          .from(units)
          .where(sql`${units.id} = any(${`{${top.map((u) => u.id).join(',')}}`}::int[])`)
      : []
    ).map((u) => [u.id, u.name]),
  );
  const unitDrill = drillOf(node.id, q.from, q.to).found;
  const unitRanking = top
    .filter((u) => names.has(u.id))
    .map((u) => ({
      unit: { id: u.id, name: names.get(u.id)! },
      ...u.counts,
      drill: { ...unitDrill, unitId: String(u.id) },
    }));
  return {
    territory: { id: node.id, name: node.name, level: node.level },
    from: q.from ?? null,
    to: q.to ?? null,
    ...countsOf(tallies.total.get(0) ?? zeroTally(), overdue.total.get(0) ?? 0),
    drill: drillOf(node.id, q.from, q.to),
    ranking,
    gridRanking,
    unitRanking,
    unitCount: ranked.length,
    excluded: {
      ...excluded,
      drill: {
        cancelled: { ...excludedDrill(node.id, q.from, q.to), status: 'cancelled' },
        merged: { ...excludedDrill(node.id, q.from, q.to), status: 'merged' },
      },
    },
  };
}

/**
 * The per-grid ranking of a community (or a node below one): every grid of the community with the counted orders
 * placed in it, and a row for the orders placed in no grid (no point, or a point confirmed outside), so the rows add
 * up to the total. Counted from the orders (a community holds a few thousand at most).
 */
async function gridRankingOf(
  ctx: Ctx,
  node: Node,
  q: { from?: Date | undefined; to?: Date | undefined },
): Promise<OrderFigures['gridRanking']> {
  const now = ctx.clock.now().toISOString();
  const [community] =
    node.level === 'community'
      ? [{ id: node.id }]
      : await ctx.db
          .select({ id: territories.id })
          .from(territories)
          .where(and(inArray(territories.id, pathIds(node.path)), eq(territories.level, 'community')));
  const [counts, gridRows] = await Promise.all([
    ctx.db.execute(sql`
      select grid_id as k, count(*) as found, count(accepted_at) as claimed, count(resolved_at) as resolved,
        count(*) filter (where accepted_at <= respond_by) as "respondedOnTime", count(rating) as rated,
        count(*) filter (where rating in ('satisfied','basic')) as satisfied, coalesce(sum(reopen_count), 0) as reopened,
        coalesce(sum(round(extract(epoch from (resolved_at - created_at)) * 1000)), 0) as "resolveMs",
        count(*) filter (where ${sql.raw(UNFINISHED_SQL())} and ${sql.raw(OVERDUE_AT_SQL())} < ${now}::timestamptz) as overdue
      from service_orders
      where scope_path like ${`${node.path}%`} and status not in (${lit(NOT_COUNTED)})
        and (${created([q.from ?? null, q.to ?? null])})
      group by grid_id`),
    ctx.db
      .select({ id: grids.id, name: grids.name, communityId: grids.communityId })
      .from(grids)
      .where(eq(grids.communityId, community?.id ?? node.id)),
  ]);
  const byGrid = new Map<number, { t: Tally; overdue: number }>();
  for (const r of rowsOf(counts))
    byGrid.set(r.k === null ? 0 : Number(r.k), { t: tallyCols(r), overdue: Number(r.overdue) });
  const base = drillOf(node.id, q.from, q.to).found;
  const rows: OrderFigures['gridRanking'] = gridRows
    .map((g) => {
      const x = byGrid.get(g.id);
      return {
        grid: { id: g.id, name: g.name },
        ...countsOf(x?.t ?? zeroTally(), x?.overdue ?? 0),
        drill: { ...base, gridId: String(g.id) },
      };
    })
    .sort((a, b) => (b.resolutionRate ?? -1) - (a.resolutionRate ?? -1) || b.found - a.found || a.grid.id - b.grid.id);
  const none = byGrid.get(0);
  if (none && none.t.found > 0)
    rows.push({
      grid: null,
      ...countsOf(none.t, none.overdue),
      drill: { ...base, noGrid: 'true' } as Record<string, string>,
    });
  return rows;
}

function excludedDrill(territoryId: number, from: Date | undefined, to: Date | undefined): Record<string, string> {
  const d: Record<string, string> = { territoryId: String(territoryId) };
  if (from) d.from = from.toISOString();
  if (to) d.to = to.toISOString();
  return d;
}

/**
 * The orders the figures leave out, counted on their own (issue 10 item 7): cancelled (作废/无效) and merged, created in
 * the period in the subtree. Few, and read through the status index.
 */
async function excludedOf(
  db: DbOrTx,
  path: string,
  from: Date | undefined,
  to: Date | undefined,
): Promise<{ cancelled: number; merged: number }> {
  const o = serviceOrders;
  const [row] = await db
    .select({
      cancelled: sql<number>`count(*) filter (where ${o.status} = 'cancelled')`.mapWith(Number),
      merged: sql<number>`count(*) filter (where ${o.status} = 'merged')`.mapWith(Number),
    })
    .from(o)
    .where(
      and(
        sql`${o.status} in (${lit(NOT_COUNTED)})`,
        sql`${o.scopePath} like ${`${path}%`}`,
        from ? gte(o.createdAt, from) : undefined,
        to ? lt(o.createdAt, to) : undefined,
      ),
    );
  return { cancelled: row?.cancelled ?? 0, merged: row?.merged ?? 0 };
}

/** `YYYY-MM` months [from, to). */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (let guard = 0; guard < 1000; guard++) {
    const cur = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (cur >= to) break;
    out.push(cur);
    if (++m === 13) [y, m] = [y + 1, 1];
  }
  return out;
}
export const TREND_MONTHS_MAX = 36;

/**
 * Found / claimed / resolved and the three rates per Asia/Shanghai month [from, to) of a subtree, in one query: the
 * month rows of the rollup at or above a community, the orders themselves below one. The console's trend line
 * (12 months: one request, not twelve of the full figures).
 */
export async function orderTrend(
  ctx: Ctx,
  q: { territoryId?: number | undefined; from: string; to: string },
): Promise<OrderTrend> {
  const months = monthsBetween(q.from, q.to);
  if (!months.length || months.length > TREND_MONTHS_MAX)
    throw new AppError('validation', undefined, {}, [{ field: 'to', message: t(ctx.locale, 'order.trendRange') }]);
  const node = await placeInScope(ctx.db, ctx.actor, q.territoryId ?? ctx.actor.territoryId);
  const start = `${q.from}-01`;
  const end = `${q.to}-01`;
  const res = atOrAboveCommunity(node.level)
    ? await ctx.db.execute(sql`
        select to_char(period, 'YYYY-MM') as month, sum(found) as found, sum(claimed) as claimed, sum(resolved) as resolved,
          sum(responded_on_time) as "respondedOnTime", sum(rated) as rated, sum(satisfied) as satisfied
        from service_order_rollups
        where grain = 'm' and node_path like ${`${node.path}%`} and period >= ${start}::date and period < ${end}::date
        group by period`)
    : await ctx.db.execute(sql`
        select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*) as found, count(accepted_at) as claimed,
          count(resolved_at) as resolved, count(*) filter (where accepted_at <= respond_by) as "respondedOnTime", count(rating) as rated,
          count(*) filter (where rating in ('satisfied','basic')) as satisfied
        from service_orders
        where scope_path like ${`${node.path}%`} and status not in (${lit(NOT_COUNTED)})
          and created_at >= ${chinaDayStart(start).toISOString()}::timestamptz and created_at < ${chinaDayStart(end).toISOString()}::timestamptz
        group by 1`);
  const byMonth = new Map(rowsOf(res).map((r) => [String(r.month), tallyCols(r)]));
  return {
    territory: { id: node.id, name: node.name, level: node.level },
    months: months.map((month, i) => {
      const c = countsOf(byMonth.get(month) ?? zeroTally(), 0);
      const next = months[i + 1] ?? q.to;
      return {
        month,
        found: c.found,
        claimed: c.claimed,
        resolved: c.resolved,
        responseRate: c.responseRate,
        resolutionRate: c.resolutionRate,
        satisfactionRate: c.satisfactionRate,
        drill: drillOf(node.id, chinaDayStart(`${month}-01`), chinaDayStart(`${next}-01`)).found,
      };
    }),
  };
}

/** One node's tally of the loop for the dashboard's figures (dashboard.figures.ts). */
export interface LoopTotal {
  tally: Tally;
  overdue: number;
}

/**
 * The loop's tally and overdue count of each node for created in [from, to), by the same plan as orderFigures (the
 * rollup for whole days at or above a community). Siblings (the level below, as the dashboard asks) are read in one
 * pass over their parent, each from the parent's per-child groups.
 */
export async function loopTotals(
  db: DbOrTx,
  nodes: readonly { id: number; path: string; level: string }[],
  from: Date,
  to: Date,
  now: Date,
): Promise<LoopTotal[]> {
  const depthOf = (path: string) => path.split('/').filter(Boolean).length - 1;
  const parentPath = (path: string) => path.replace(/[^/]+\/$/, '');
  const asNode = (n: { id: number; path: string; level: string }): Node => ({
    id: n.id,
    name: '',
    level: n.level as TerritoryLevel,
    path: n.path,
    depth: depthOf(n.path),
  });
  const parents = new Set(nodes.map((n) => parentPath(n.path)));
  const [onlyParent] = [...parents];
  if (nodes.length > 1 && parents.size === 1 && onlyParent && onlyParent !== '/') {
    const pid = Number(onlyParent.split('/').filter(Boolean).at(-1));
    const [p] = await db
      .select({ id: territories.id, level: territories.level, path: territories.path })
      .from(territories)
      .where(eq(territories.id, pid));
    if (p) {
      const { tallies, overdue } = await figuresOf(db, asNode(p), from, to, now);
      return nodes.map((n) => ({
        tally: tallies.child.get(n.id) ?? zeroTally(),
        overdue: overdue.child.get(n.id) ?? 0,
      }));
    }
  }
  return Promise.all(
    nodes.map(async (n) => {
      const { tallies, overdue } = await figuresOf(db, asNode(n), from, to, now);
      return { tally: tallies.total.get(0) ?? zeroTally(), overdue: overdue.total.get(0) ?? 0 };
    }),
  );
}
