import { getTableColumns, getTableName, type Column, type Table } from 'drizzle-orm';
import { CasingCache } from 'drizzle-orm/casing';
import { auditWrites, maskForAudit } from '../../kernel/audit/audit.js';
import { requireAuditLabels } from '../../kernel/audit/labels.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import { encryptPiiText } from '../../kernel/crypto/pii.js';
import { queryNamedIn, type DbOrTx } from '../../kernel/db/client.js';
import { auditLog, territories } from '../../kernel/db/schema.js';
import type { TerritoryLevel } from '../../kernel/territory-levels.js';
import { GRAINS, periodOf, ROLLUP_SLOTS, TALLY_KEYS, tallyOf } from './rollups.js';
import { orderEvents, orderMenuItems, orderRoutingRules, serviceOrderRollups, serviceOrders } from './schema.js';

/**
 * Intake's write in two statements (issue 17 point 1, decision 056): the order, its timeline entry and its audit row
 * (unsealed, decision 052) written by one data-modifying CTE, and its rollup delta (decision 009/031) by a second one
 * run last in the transaction; each a named statement prepared once per connection (`queryNamedIn`). The column names are taken from the drizzle schema when
 * this module loads (a column the list names but the schema lacks fails at load), and `intake.sql.test.ts` checks
 * that the list covers every column the old drizzle path wrote and that both paths write the same rows.
 */

type OrderRow = typeof serviceOrders.$inferSelect;
type EventRow = typeof orderEvents.$inferSelect;

/** The database's name of a drizzle column, by the rule the app's drizzle handles use (`casing: 'snake_case'`). */
const casing = new CasingCache('snake_case');
export const sqlName = (column: Column): string => casing.getColumnCasing(column);

/** The database's name of a drizzle table's column, or an error naming the key (a renamed or removed column). */
export function colName(table: Table, key: string): string {
  const c = (getTableColumns(table) as Record<string, Column | undefined>)[key];
  if (!c) throw new Error(`intake.sql: no column ${key} in the drizzle schema`);
  return sqlName(c);
}

/** The order's columns the statement writes, with their parameter types (every other column keeps its default). */
export const ORDER_COLUMNS = [
  ['kind', 'text'],
  ['status', 'text'],
  ['category', 'text'],
  ['title', 'text'],
  ['description', 'text'],
  ['menuItemId', 'int'],
  ['communityId', 'int'],
  ['territoryId', 'int'],
  ['scopePath', 'text'],
  ['lng', 'float8'],
  ['lat', 'float8'],
  ['address', 'text'],
  ['gridId', 'int'],
  ['reporterAccountId', 'int'],
  ['reporterName', 'text'],
  ['reporterPhone', 'text'],
  ['reporterPhoneHash', 'text'],
  ['origin', 'text'],
  ['respondHours', 'int'],
  ['resolveHours', 'int'],
  ['respondBy', 'timestamptz'],
  ['resolveBy', 'timestamptz'],
  ['remindAt', 'timestamptz'],
  ['escalateAt', 'timestamptz'],
  ['createdAt', 'timestamptz'],
  ['updatedAt', 'timestamptz'],
] as const satisfies readonly (readonly [keyof OrderRow, string])[];

export const EVENT_COLUMNS = [
  'orderId',
  'at',
  'action',
  'fromStatus',
  'toStatus',
  'actorId',
  'actorName',
  'note',
  'data',
] as const satisfies readonly (keyof EventRow)[];

export const AUDIT_COLUMNS = [
  'at',
  'actorId',
  'actorName',
  'actorTerritoryId',
  'actorRoles',
  'action',
  'objectType',
  'objectId',
  'scopePath',
  'before',
  'after',
  'ip',
  'requestId',
] as const satisfies readonly (keyof typeof auditLog.$inferSelect)[];

export const ROLLUP_KEY_COLUMNS = ['grain', 'period', 'nodePath', 'handlerUnitId', 'slot'] as const;

const N = ORDER_COLUMNS.length;
const SCOPE = ORDER_COLUMNS.findIndex(([k]) => k === 'scopePath') + 1;
const p = (i: number) => `$${i}`;
const oc = (k: string) => `"${colName(serviceOrders, k)}"`;
const ec = (k: string) => `"${colName(orderEvents, k)}"`;
const ac = (k: string) => `"${colName(auditLog, k)}"`;
const rc = (k: string) => `"${colName(serviceOrderRollups, k)}"`;

// Parameters: 1..N the order's columns; then the event's and the audit row's values.
const E = N + 1; // at, action, to_status, actor_id, actor_name, data  (E .. E+5)
const A = E + 6; // at, actor_id, actor_name, actor_territory_id, actor_roles, action, object_type, after, ip, request_id (A .. A+9)

export const INTAKE_SQL = `with ord as (
  insert into ${getTableName(serviceOrders)} (${ORDER_COLUMNS.map(([k]) => oc(k)).join(', ')})
  values (${ORDER_COLUMNS.map(([, type], i) => `${p(i + 1)}::${type}`).join(', ')})
  returning ${oc('id')} as id
), ev as (
  insert into ${getTableName(orderEvents)} (${EVENT_COLUMNS.map(ec).join(', ')})
  select ord.id, ${p(E)}::timestamptz, ${p(E + 1)}::text, null, ${p(E + 2)}::text, ${p(E + 3)}::int, ${p(E + 4)}::text, null, ${p(E + 5)}::jsonb
    from ord
  returning ${ec('id')} as id
), au as (
  insert into ${getTableName(auditLog)} (${AUDIT_COLUMNS.map(ac).join(', ')})
  select ${p(A)}::timestamptz, ${p(A + 1)}::int, ${p(A + 2)}::text, ${p(A + 3)}::int,
         case when ${p(A + 4)}::text = '' then '{}'::text[] else string_to_array(${p(A + 4)}::text, ',') end,
         ${p(A + 5)}::text, ${p(A + 6)}::text, ord.id::text, ${p(SCOPE)}::text, null,
         ${p(A + 7)}::jsonb || jsonb_build_object('id', ord.id), ${p(A + 8)}::text, ${p(A + 9)}::text
    from ord
  returning 1
)
select ord.id, ev.id as event_id from ord, ev`;

// The rollup delta, a second statement run last in the transaction (after the notifications): its upsert locks the
// community's day/month/year rows of one slot until the commit, so it comes as late as it can (decision 009), as in
// the drizzle path. Parameters: the order id, the node path, the day/month/year periods, the tally, the slot count.
const RT = 6; // the tally's first parameter
const RS = RT + TALLY_KEYS.length; // the slot count
export const INTAKE_ROLLUP_SQL = `insert into ${getTableName(serviceOrderRollups)} (${[...ROLLUP_KEY_COLUMNS, ...TALLY_KEYS].map(rc).join(', ')})
  select g.grain, g.period, $2::text, 0, ((($1::bigint % ${p(RS)}::int) + ${p(RS)}::int) % ${p(RS)}::int)::smallint,
         ${TALLY_KEYS.map((k, i) => `${p(RT + i)}::${k === 'resolveMs' ? 'bigint' : 'int'}`).join(', ')}
    from (values ('d', $3::date, 1), ('m', $4::date, 2), ('y', $5::date, 3)) as g(grain, period, n)
   where ${TALLY_KEYS.map((_, i) => `${p(RT + i)}::bigint <> 0`).join(' or ')}
   order by g.n
  on conflict (${ROLLUP_KEY_COLUMNS.map(rc).join(', ')}) do update set
    ${TALLY_KEYS.map((k) => `${rc(k)} = ${getTableName(serviceOrderRollups)}.${rc(k)} + excluded.${rc(k)}`).join(',\n    ')}`;

/** The order as the caller wants it written: every column the statement writes, plain values (the phone in clear). */
export type OrderValues = { [K in (typeof ORDER_COLUMNS)[number][0]]: OrderRow[K] };

export interface EventValues {
  at: Date;
  data: unknown;
}

/**
 * Writes a new order, its 'create' timeline entry and its audit row in one statement, in `tx`, then runs `between`
 * (the notices), then the rollup delta as a second statement, last, so the rollup rows stay locked only from there
 * to the commit (decision 056). Returns the rows as the drizzle path's
 * `returning()` would have given them.
 */
export async function insertOrderInOneStatement(
  tx: DbOrTx,
  ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId' | 'ip'>,
  values: OrderValues,
  event: EventValues,
  /** The path of the order's community (its rollup node, as rollups.ts derives it). */
  communityPath: string,
  /** What else the transaction writes for the new order (its notices), run before the rollup delta. */
  between?: (row: OrderRow) => Promise<void>,
): Promise<{ row: OrderRow; event: EventRow }> {
  requireAuditLabels('order.create', 'serviceOrder');
  const { actor } = ctx;
  // Every column of the drizzle row: the written ones, the rest at their defaults (the column test checks the list).
  const base: Omit<OrderRow, 'id'> = {
    ...values,
    handlerKind: null,
    handlerUnitId: null,
    handlerMemberId: null,
    handlerAccountId: null,
    handlerDepartment: null,
    dispatchedAt: null,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    escalationLevel: null,
    escalatedToId: null,
    reopenCount: 0,
    returnCount: 0,
    rating: null,
    ratingComment: null,
    ratedAt: null,
    ratingChannel: null,
    cancelKind: null,
    cancelReason: null,
    mergedIntoId: null,
    personalDataRemovedAt: null,
  };
  const tally = tallyOf({ ...base, id: 0 });
  const day = chinaDay(values.createdAt);
  const orderParams = ORDER_COLUMNS.map(([k]) => {
    const v = values[k];
    if (k === 'reporterPhone') return v === null ? null : encryptPiiText('phone', v as string);
    return v instanceof Date ? v.toISOString() : v;
  });
  const auditAt = ctx.clock.now();
  const params = [
    ...orderParams,
    // the timeline entry
    event.at.toISOString(),
    'create',
    values.status,
    actor.accountId,
    actor.displayName,
    JSON.stringify(event.data ?? null),
    // the audit row (its `after` gets the id in SQL)
    auditAt.toISOString(),
    actor.accountId || null,
    actor.displayName,
    actor.territoryId || null,
    actor.roles.join(','),
    'order.create',
    'serviceOrder',
    JSON.stringify(maskForAudit(base)),
    ctx.ip || null,
    ctx.requestId || null,
  ];
  const [out] = await queryNamedIn<{ id: number; event_id: number }>(tx, 'gz_intake', INTAKE_SQL, params);
  auditWrites.count++;
  const id = Number(out!.id);
  const row: OrderRow = { ...base, id };
  await between?.(row);
  await queryNamedIn(tx, 'gz_intake_rollup', INTAKE_ROLLUP_SQL, [
    id,
    communityPath,
    ...GRAINS.map((g) => periodOf(g, day)),
    ...TALLY_KEYS.map((k) => tally[k]),
    ROLLUP_SLOTS,
  ]);
  return {
    row,
    event: {
      id: Number(out!.event_id),
      orderId: id,
      at: event.at,
      action: 'create',
      fromStatus: null,
      toStatus: values.status,
      actorId: actor.accountId,
      actorName: actor.displayName,
      note: null,
      data: event.data ?? null,
    } as EventRow,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The reads before the write, in one statement
// ---------------------------------------------------------------------------------------------------------------

const tc = (k: string) => `"${colName(territories, k)}"`;
const mc = (k: string) => `"${colName(orderMenuItems, k)}"`;
const rr = (k: string) => `"${colName(orderRoutingRules, k)}"`;

/**
 * What a create reads before it writes, in one statement: the places on the caller's chain ($1, their scope path)
 * and on the chain of the order's place ($2), the menu item ($3, active, of the place's community) and the first
 * routing rule of that community for the category (the menu item's, else $4). createOrder runs the same checks on
 * these rows as the drizzle path runs on its separate reads (intake.sql.test.ts compares the two).
 */
export const INTAKE_READS_SQL = `with node as (
  select ${tc('path')} as path from ${getTableName(territories)} where ${tc('id')} = $2::int
), places as (
  select t.${tc('id')} as id, t.${tc('level')} as level, t.${tc('path')} as path, t.${tc('name')} as name
    from ${getTableName(territories)} t
   where t.${tc('id')} = any(string_to_array(trim(both '/' from $1::text), '/')::int[])
      or t.${tc('id')} = any(coalesce((select string_to_array(trim(both '/' from node.path), '/')::int[] from node), '{}'))
), comm as (
  select p.id from places p, node where p.level = 'community' and starts_with(node.path, p.path)
   order by length(p.path) limit 1
), item as (
  select m.${mc('category')} as category from ${getTableName(orderMenuItems)} m
   where m.${mc('id')} = $3::int and m.${mc('communityId')} = (select id from comm) and m.${mc('active')} = 1
), rule as (
  select r.${rr('respondHours')} as respond_hours, r.${rr('resolveHours')} as resolve_hours
    from ${getTableName(orderRoutingRules)} r
   where r.${rr('communityId')} = (select id from comm)
     and r.${rr('category')} = coalesce((select category from item), $4::text)
   order by r.${rr('id')} limit 1
)
select 'place' as what, id, level, path, name, null::text as category, null::int as respond_hours, null::int as resolve_hours
  from places
union all select 'item', null, null, null, null, category, null, null from item
union all select 'rule', null, null, null, null, null, respond_hours, resolve_hours from rule`;

export interface Place {
  id: number;
  level: TerritoryLevel;
  path: string;
  name: string;
}
export interface IntakeReads {
  /** The places of both chains, shortest path first. */
  places: Place[];
  /** The menu item's category, when the item was asked for and is an active item of the place's community. */
  itemCategory: string | null;
  rule: { respondHours: number; resolveHours: number } | null;
}

export async function intakeReads(
  db: DbOrTx,
  q: { actorPath: string; territoryId: number; menuItemId: number | null; category: string },
): Promise<IntakeReads> {
  const rows = await queryNamedIn<{
    what: 'place' | 'item' | 'rule';
    id: number | null;
    level: TerritoryLevel | null;
    path: string | null;
    name: string | null;
    category: string | null;
    respond_hours: number | null;
    resolve_hours: number | null;
  }>(db, 'gz_intake_reads', INTAKE_READS_SQL, [q.actorPath, q.territoryId, q.menuItemId, q.category]);
  const places: Place[] = [];
  let itemCategory: string | null = null;
  let rule: IntakeReads['rule'] = null;
  for (const r of rows) {
    if (r.what === 'place') places.push({ id: Number(r.id), level: r.level!, path: r.path!, name: r.name! });
    else if (r.what === 'item') itemCategory = r.category;
    else rule = { respondHours: Number(r.respond_hours), resolveHours: Number(r.resolve_hours) };
  }
  places.sort((a, b) => a.path.length - b.path.length);
  return { places, itemCategory, rule };
}
