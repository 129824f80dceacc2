import { eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { chinaDay } from '../../kernel/clock.js';
import { rowsOf } from '../../kernel/db/rows.js';
import { territories } from '../../kernel/db/schema.js';
import { NOT_COUNTED, type OrderStatus } from './constants.js';
import { TERRITORY_LEVELS } from '../../kernel/territory-levels.js';
import { serviceOrderRollups, serviceOrders as serviceOrdersTable, type serviceOrders } from './schema.js';

/**
 * The figures' rollup, kept current in the same transaction as every write of an order (docs/decisions/
 * 009-order-rollups.md). An order adds to three rows — its day, its month and its year of creation in
 * Asia/Shanghai — of its community and its handler unit (0 = none). A move subtracts what the order counted
 * before and adds what it counts after: one multi-row upsert, at the end of the move's transaction.
 */

export type Grain = 'd' | 'm' | 'y';
export const GRAINS: readonly Grain[] = ['d', 'm', 'y'];

export function periodOf(grain: Grain, day: string): string {
  return grain === 'd' ? day : grain === 'm' ? `${day.slice(0, 7)}-01` : `${day.slice(0, 4)}-01-01`;
}

/** The additive counts one order contributes (overdue is not here: it depends on the clock). */
export interface Tally {
  found: number;
  claimed: number;
  resolved: number;
  respondedOnTime: number;
  rated: number;
  satisfied: number;
  reopened: number;
  resolveMs: number;
}
export const TALLY_KEYS = [
  'found',
  'claimed',
  'resolved',
  'respondedOnTime',
  'rated',
  'satisfied',
  'reopened',
  'resolveMs',
] as const;
export const zeroTally = (): Tally => ({
  found: 0,
  claimed: 0,
  resolved: 0,
  respondedOnTime: 0,
  rated: 0,
  satisfied: 0,
  reopened: 0,
  resolveMs: 0,
});
export function addTally(a: Tally, b: Tally, sign = 1): Tally {
  const out = zeroTally();
  for (const k of TALLY_KEYS) out[k] = a[k] + sign * b[k];
  return out;
}

type OrderRow = Pick<
  typeof serviceOrders.$inferSelect,
  | 'id'
  | 'status'
  | 'createdAt'
  | 'scopePath'
  | 'communityId'
  | 'handlerUnitId'
  | 'acceptedAt'
  | 'respondBy'
  | 'resolvedAt'
  | 'rating'
  | 'reopenCount'
>;

/** What one order counts: the same definitions as the SQL in figures.ts (rawTallySql) and the rebuild below. */
export function tallyOf(r: OrderRow): Tally {
  const t = zeroTally();
  if (NOT_COUNTED.includes(r.status as OrderStatus)) return t;
  t.found = 1;
  if (r.acceptedAt) {
    t.claimed = 1;
    if (r.acceptedAt.getTime() <= r.respondBy.getTime()) t.respondedOnTime = 1;
  }
  if (r.resolvedAt) {
    t.resolved = 1;
    t.resolveMs = r.resolvedAt.getTime() - r.createdAt.getTime();
  }
  if (r.rating) {
    t.rated = 1;
    if (r.rating === 'satisfied' || r.rating === 'basic') t.satisfied = 1;
  }
  t.reopened = r.reopenCount;
  return t;
}

/** The community path an order rolls up to: its scope path cut after the community's segment. */
async function communityPathOf(db: DbOrTx, r: OrderRow): Promise<string> {
  const seg = `/${r.communityId}/`;
  const at = r.scopePath.indexOf(seg);
  if (at >= 0) return r.scopePath.slice(0, at + seg.length);
  const [c] = await db.select({ path: territories.path }).from(territories).where(eq(territories.id, r.communityId));
  return c?.path ?? r.scopePath;
}

interface Key {
  day: string;
  node: string;
  unit: number;
}
const sameKey = (a: Key, b: Key) => a.day === b.day && a.node === b.node && a.unit === b.unit;

/**
 * Brings the rollup in line with one write of an order: `before` is the row as it was (null on create), `after` as
 * it is now (null on delete). Call it inside the write's transaction, last (its row locks are then held only until
 * the commit).
 */
export async function applyRollup(tx: DbOrTx, before: OrderRow | null, after: OrderRow | null): Promise<void> {
  const slot = slotOf((after ?? before)?.id ?? 0);
  const parts: { key: Key; tally: Tally }[] = [];
  const keyOf = async (r: OrderRow): Promise<Key> => ({
    day: chinaDay(r.createdAt),
    node: await communityPathOf(tx, r),
    unit: r.handlerUnitId ?? 0,
  });
  const b = before ? { key: await keyOf(before), tally: tallyOf(before) } : null;
  const a = after ? { key: await keyOf(after), tally: tallyOf(after) } : null;
  if (a && b && sameKey(a.key, b.key)) parts.push({ key: a.key, tally: addTally(a.tally, b.tally, -1) });
  else {
    if (b) parts.push({ key: b.key, tally: addTally(zeroTally(), b.tally, -1) });
    if (a) parts.push({ key: a.key, tally: a.tally });
  }
  const live = parts.filter((p) => TALLY_KEYS.some((k) => p.tally[k] !== 0));
  if (!live.length) return;
  // The rows in one fixed order (grain, period, community, unit; one slot per write): two moves touching the same
  // rows in opposite directions (a dispatch to a unit, a return from it) then lock them in the same order and
  // cannot deadlock; two writes that drew different slots share no row at all.
  const rows = live
    .flatMap((p) =>
      GRAINS.map((g) => ({ g, period: periodOf(g, p.key.day), node: p.key.node, unit: p.key.unit, t: p.tally })),
    )
    .sort((x, y) =>
      x.g < y.g
        ? -1
        : x.g > y.g
          ? 1
          : x.period < y.period
            ? -1
            : x.period > y.period
              ? 1
              : x.node < y.node
                ? -1
                : x.node > y.node
                  ? 1
                  : x.unit - y.unit,
    );
  const values: SQL[] = rows.map(
    ({ g, period, node, unit, t }) =>
      sql`(${g}, ${period}::date, ${node}, ${unit}, ${slot}::smallint, ${t.found}, ${t.claimed}, ${t.resolved}, ${t.respondedOnTime}, ${t.rated}, ${t.satisfied}, ${t.reopened}, ${t.resolveMs}::bigint)`,
  );
  const r = serviceOrderRollups;
  const add = (c: (typeof TALLY_KEYS)[number]) =>
    sql.raw(`"${snake(c)}" = service_order_rollups."${snake(c)}" + excluded."${snake(c)}"`);
  await tx.execute(
    sql`insert into ${r} (grain, period, node_path, handler_unit_id, slot, found, claimed, resolved, responded_on_time, rated, satisfied, reopened, resolve_ms)
        values ${sql.join(values, sql`, `)}
        on conflict (grain, period, node_path, handler_unit_id, slot) do update set ${sql.join(TALLY_KEYS.map(add), sql`, `)}`,
  );
}

/**
 * Rows per rollup key (decision 031). Every order of a community created on one day adds to the same day, month and
 * year rows; with one row per key, concurrent creates queued on its row lock from the upsert to the commit (69–89 %
 * of a create's database time at street scale). A write adds to one of ROLLUP_SLOTS rows, chosen by the order's id:
 * concurrent creates have consecutive ids, so they go round the slots and meet only ROLLUP_SLOTS creates apart;
 * the moves of one order (serialised on the order's own row anyway) keep to one slot; the same data always gives
 * the same rows (the demo stays deterministic). Every read sums the slots (figures.ts groups by key).
 */
export const ROLLUP_SLOTS = 8;
export const slotOf = (orderId: number) => ((orderId % ROLLUP_SLOTS) + ROLLUP_SLOTS) % ROLLUP_SLOTS;

const TALLY_COLS = 'found, claimed, resolved, responded_on_time, rated, satisfied, reopened, resolve_ms';

/**
 * Folds the slots of periods that have ended (before `today`'s day, month or year) back into slot 0, so the rows a
 * figure sums stay one per key for the past: one statement per grain, the moved rows deleted and added to slot 0 in
 * the same statement (exact at every instant: a reader sees either the slots or their sum). A late move of an old
 * order writes a slot row again; the next pass folds it. Returns the number of slot rows folded.
 */
export async function foldRollupSlots(db: DbOrTx, today: string): Promise<number> {
  let folded = 0;
  for (const g of GRAINS) {
    const res = await db.execute(sql`
      with moved as (
        delete from service_order_rollups
         where grain = ${g} and slot <> 0 and period < ${periodOf(g, today)}::date
        returning grain, period, node_path, handler_unit_id, ${sql.raw(TALLY_COLS)}
      ), summed as (
        select grain, period, node_path, handler_unit_id, 0::smallint as slot,
          ${sql.raw(
            TALLY_KEYS.map((k) => `sum(${snake(k)})::${k === 'resolveMs' ? 'bigint' : 'int'} as ${snake(k)}`).join(
              ', ',
            ),
          )}, count(*)::int as n
          from moved group by grain, period, node_path, handler_unit_id
      ), kept as (
        insert into service_order_rollups (grain, period, node_path, handler_unit_id, slot, ${sql.raw(TALLY_COLS)})
        select grain, period, node_path, handler_unit_id, slot, ${sql.raw(TALLY_COLS)} from summed
         order by grain, period, node_path, handler_unit_id
        on conflict (grain, period, node_path, handler_unit_id, slot) do update set ${sql.raw(
          TALLY_KEYS.map((k) => `${snake(k)} = service_order_rollups.${snake(k)} + excluded.${snake(k)}`).join(', '),
        )}
        returning 1
      )
      select coalesce(sum(n), 0)::int as n from summed`);
    folded += Number(rowsOf(res)[0]?.n ?? 0);
  }
  return folded;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The rollup's rows of one grain, counted from the orders: the same definitions as tallyOf, in SQL. */
export function rollupSelectSql(g: Grain): string {
  const notCounted = NOT_COUNTED.map((s) => `'${s}'`).join(',') || `''`;
  const day = `(o.created_at at time zone 'Asia/Shanghai')`;
  const period =
    g === 'd' ? `${day}::date` : g === 'm' ? `date_trunc('month', ${day})::date` : `date_trunc('year', ${day})::date`;
  return `select '${g}' as grain, ${period} as period, c.path as node_path, coalesce(o.handler_unit_id, 0) as handler_unit_id,
      count(*)::int as found, count(o.accepted_at)::int as claimed, count(o.resolved_at)::int as resolved,
      (count(*) filter (where o.accepted_at <= o.respond_by))::int as responded_on_time,
      count(o.rating)::int as rated, (count(*) filter (where o.rating in ('satisfied','basic')))::int as satisfied,
      coalesce(sum(o.reopen_count), 0)::int as reopened,
      coalesce(sum(round(extract(epoch from (o.resolved_at - o.created_at)) * 1000)), 0)::bigint as resolve_ms
    from service_orders o join territories c on c.id = o.community_id
    where o.status not in (${notCounted})
    group by 1, 2, 3, 4`;
}

/** Rebuilds the whole rollup from the orders (the generator after a bulk load; a repair): one INSERT … SELECT per grain. */
export function rollupRebuildSql(): string[] {
  const cols =
    'grain, period, node_path, handler_unit_id, found, claimed, resolved, responded_on_time, rated, satisfied, reopened, resolve_ms';
  // In period order: the rows of a day (a month, a year) lie together on disk, as they do when written live (each
  // day's rows appear that day), so a figure over a period reads a few hundred pages, not one per row.
  return [
    'delete from service_order_rollups',
    ...GRAINS.map(
      (g) =>
        `insert into service_order_rollups (${cols}) select * from (${rollupSelectSql(g)}) r order by period, node_path, handler_unit_id`,
    ),
  ];
}

/**
 * The total of an order list with no filter but a subtree, for staff (the console's first page of "all orders"):
 * exact, without counting a million rows. The orders of the subtree are the rollup's (every order counts there
 * except merged duplicates, counted apart through the status index); to them add what the viewer sees outside
 * the subtree as a reporter, handler or co-reporter (`outside`, the visibility rule without the staff clause).
 * Answers null when the subtree lies below a community (the rollup cannot split it): count the rows then.
 */
export async function subtreeTotal(db: DbOrTx, path: string, outside: SQL | null): Promise<number | null> {
  const [node] = await db.select({ level: territories.level }).from(territories).where(eq(territories.path, path));
  if (!node || TERRITORY_LEVELS.indexOf(node.level) > TERRITORY_LEVELS.indexOf('community')) return null;
  const r = serviceOrderRollups;
  const o = serviceOrdersTable;
  const [[a], [m], [b]] = await Promise.all([
    db
      .select({ n: sql<number>`coalesce(sum(${r.found}), 0)::bigint`.mapWith(Number) })
      .from(r)
      .where(sql`${r.grain} = 'y' and ${r.nodePath} like ${`${path}%`}`),
    db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(o)
      .where(
        sql`${o.status} in (${sql.raw(NOT_COUNTED.map((s) => `'${s}'`).join(',') || `''`)}) and ${o.scopePath} like ${`${path}%`}`,
      ),
    outside
      ? db
          .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
          .from(o)
          .where(sql`(${outside}) and not (${o.scopePath} like ${`${path}%`})`)
      : Promise.resolve([{ n: 0 }]),
  ]);
  return (a?.n ?? 0) + (m?.n ?? 0) + (b?.n ?? 0);
}
