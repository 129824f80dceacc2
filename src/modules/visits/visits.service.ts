import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, pathIds, pathInScope, placeFilter } from '../../kernel/scope/scope.js';
import { grids, gridWorkers, liaisonHouseholds } from '../grids/index.js';
import { partyMembers } from '../party-members/index.js';
import { createOrder, serviceOrders } from '../service-orders/index.js';
import type { Coverage, CoverageQuery, RecordVisit, Visit, VisitListQuery } from './contract.js';
import { visits } from './schema.js';

/** Visits 走访 (issue 10 item 13, decision 038): record, list, a finding → a service order, household coverage. */

const v = visits;
const inTx = (ctx: Ctx, tx: DbOrTx): Ctx => ({ ...ctx, db: tx as Ctx['db'] });
const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);

/** First and last China day of a month (YYYY-MM). */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

const VISIT_LEVELS = ['building', 'household'];

/** The place's names from the compound down (文亭巷小区 3号楼 101室) and its community. */
async function placeOf(db: DbOrTx, path: string) {
  const chain = await db
    .select({ id: territories.id, name: territories.name, level: territories.level })
    .from(territories)
    .where(inArray(territories.id, pathIds(path)));
  const order = new Map(pathIds(path).map((id, i) => [id, i]));
  chain.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const ci = chain.findIndex((c) => c.level === 'community');
  return {
    community: ci >= 0 ? { id: chain[ci]!.id, name: chain[ci]!.name } : null,
    placeName: chain
      .slice(ci + 1)
      .map((c) => c.name)
      .join(' '),
  };
}

// ---- reading ---------------------------------------------------------------------------------------------------

const place = alias(territories, 'visit_place');
const community = alias(territories, 'visit_community');

function selectVisits(db: DbOrTx) {
  return db
    .select({
      v,
      workerName: gridWorkers.name,
      memberName: partyMembers.name,
      placeId: place.id,
      placeName: place.name,
      placeLevel: place.level,
      placePath: place.path,
      communityName: community.name,
      gridName: grids.name,
      orderStatus: serviceOrders.status,
      orderOrigin: serviceOrders.origin,
    })
    .from(v)
    .innerJoin(place, eq(place.id, v.territoryId))
    .innerJoin(community, eq(community.id, v.communityId))
    .leftJoin(gridWorkers, eq(gridWorkers.id, v.workerId))
    .leftJoin(partyMembers, eq(partyMembers.id, v.memberId))
    .leftJoin(grids, eq(grids.id, v.gridId))
    .leftJoin(serviceOrders, eq(serviceOrders.id, v.orderId));
}
type Joined = Awaited<ReturnType<ReturnType<typeof selectVisits>['execute']>>[number];

async function toVisits(db: DbOrTx, rows: Joined[]): Promise<Visit[]> {
  // Names from the compound down, read once for all the places on the page.
  const ids = [...new Set(rows.flatMap((r) => pathIds(r.placePath)))];
  const names = ids.length
    ? new Map(
        (
          await db
            .select({ id: territories.id, name: territories.name, level: territories.level })
            .from(territories)
            .where(inArray(territories.id, ids))
        ).map((x) => [x.id, x]),
      )
    : new Map();
  return rows.map((r) => {
    const chain = pathIds(r.placePath).map((id) => names.get(id)!);
    const ci = chain.findIndex((c) => c?.level === 'community');
    return {
      id: r.v.id,
      worker: r.v.workerId !== null && r.workerName !== null ? { id: r.v.workerId, name: r.workerName } : null,
      member: r.v.memberId !== null && r.memberName !== null ? { id: r.v.memberId, name: r.memberName } : null,
      visitorName: r.v.visitorName,
      territory: { id: r.placeId, name: r.placeName, level: r.placeLevel, path: r.placePath },
      placeName: chain
        .slice(ci + 1)
        .filter(Boolean)
        .map((c) => c.name)
        .join(' '),
      community: { id: r.v.communityId, name: r.communityName },
      gridId: r.v.gridId,
      gridName: r.gridName,
      visitedOn: r.v.visitedOn,
      note: r.v.note,
      finding: r.v.finding,
      followUp: r.v.followUp === 1,
      order:
        r.v.orderId !== null && r.orderStatus !== null
          ? { id: r.v.orderId, status: r.orderStatus, origin: r.orderOrigin ?? 'report' }
          : null,
      createdAt: r.v.createdAt,
    };
  });
}

export async function getVisit(ctx: Ctx, id: number): Promise<Visit> {
  const rows = await selectVisits(ctx.db).where(and(eq(v.id, id), inScope(ctx.actor, v.scopePath)));
  if (!rows.length) throw notFound();
  return (await toVisits(ctx.db, rows))[0]!;
}

export async function listVisits(ctx: Ctx, q: VisitListQuery) {
  const w: SQL[] = [inScope(ctx.actor, v.scopePath)];
  if (q.workerId) w.push(eq(v.workerId, q.workerId));
  if (q.gridId) w.push(eq(v.gridId, q.gridId));
  w.push(...(await placeFilter(ctx.db, ctx.actor, v.scopePath, q.territoryId)));
  if (q.from) w.push(gte(v.visitedOn, q.from));
  if (q.to) w.push(lte(v.visitedOn, q.to));
  if (q.hasFinding !== undefined) w.push(q.hasFinding ? isNotNull(v.finding) : isNull(v.finding));
  if (q.hasOrder !== undefined) w.push(q.hasOrder ? isNotNull(v.orderId) : isNull(v.orderId));
  if (q.assigned)
    w.push(
      sql`exists (select 1 from ${liaisonHouseholds} lh where lh.worker_id = ${v.workerId} and lh.household_id = ${v.territoryId})`,
    );
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    selectVisits(ctx.db).where(where).orderBy(desc(v.visitedOn), desc(v.id)).limit(q.pageSize).offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(v).where(where),
  ]);
  return { items: await toVisits(ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

// ---- writing ---------------------------------------------------------------------------------------------------

const STAFF = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

/**
 * Who visited: the named grid worker (staff, or the worker themself), else the caller's own grid worker or party
 * member record, else the caller by name.
 */
async function visitorOf(ctx: Ctx, tx: DbOrTx, workerId: number | null | undefined) {
  const staff = ctx.actor.roles.some((r) => STAFF.includes(r));
  if (workerId) {
    const [w] = await tx
      .select()
      .from(gridWorkers)
      .where(and(eq(gridWorkers.id, workerId), inScope(ctx.actor, gridWorkers.scopePath)));
    if (!w || (!staff && w.accountId !== ctx.actor.accountId))
      throw fieldError(ctx, 'workerId', 'visit.workerNotFound');
    return { worker: w, member: null };
  }
  const [w] = await tx
    .select()
    .from(gridWorkers)
    .where(eq(gridWorkers.accountId, ctx.actor.accountId))
    .orderBy(asc(gridWorkers.id))
    .limit(1);
  if (w) return { worker: w, member: null };
  const [m] = await tx
    .select({ id: partyMembers.id, name: partyMembers.name })
    .from(partyMembers)
    .where(eq(partyMembers.accountId, ctx.actor.accountId))
    .orderBy(asc(partyMembers.id))
    .limit(1);
  // Neither: the caller visited in their own name (a liaison member whose account has no member record yet).
  return { worker: null, member: m ?? null };
}

/** The finding → a service order (origin 'patrol' 排摸发现) at the visited place, in the caller's transaction. */
async function orderFor(
  ctx: Ctx,
  tx: DbOrTx,
  row: typeof visits.$inferSelect,
  body: { category: string; title?: string | null | undefined },
  placeName: string,
) {
  const finding = row.finding!;
  const order = await createOrder(
    inTx(ctx, tx),
    {
      kind: 'problem',
      category: body.category,
      title: body.title ?? (finding.length > 100 ? `${finding.slice(0, 99)}…` : finding),
      description: t('zh-CN', 'visit.orderDescription', {
        place: placeName,
        day: row.visitedOn,
        visitor: row.visitorName,
        finding,
      }),
      territoryId: row.territoryId,
    },
    undefined,
    'patrol',
  );
  await tx.update(v).set({ orderId: order.id, followUp: 1, updatedAt: ctx.clock.now() }).where(eq(v.id, row.id));
  return order;
}

/** Records a visit; with `order`, its finding becomes a service order in the same step. */
export async function recordVisit(ctx: Ctx, input: RecordVisit): Promise<Visit> {
  const now = ctx.clock.now();
  if (input.visitedOn > chinaDay(now)) throw fieldError(ctx, 'visitedOn', 'visit.dayInFuture');
  if (input.order && !input.finding) throw fieldError(ctx, 'finding', 'visit.findingRequired');
  const id = await ctx.db.transaction(async (tx) => {
    const who = await visitorOf(ctx, tx, input.workerId);
    const [node] = await tx
      .select({ id: territories.id, path: territories.path, level: territories.level })
      .from(territories)
      .where(eq(territories.id, input.territoryId));
    // The place must lie in the caller's subtree, or (a worker bound above it) in the worker's own community.
    const reach =
      node &&
      (pathInScope(ctx.actor, node.path) ||
        (who.worker && who.worker.accountId === ctx.actor.accountId && node.path.startsWith(who.worker.scopePath)));
    if (!node || !reach) throw notFound();
    if (!VISIT_LEVELS.includes(node.level)) throw fieldError(ctx, 'territoryId', 'visit.placeLevel');
    if (who.worker && !node.path.startsWith(who.worker.scopePath))
      throw fieldError(ctx, 'territoryId', 'visit.placeOutsideWorker');
    const p = await placeOf(tx, node.path);
    if (!p.community) throw fieldError(ctx, 'territoryId', 'visit.placeLevel');
    const [row] = await tx
      .insert(v)
      .values({
        workerId: who.worker?.id ?? null,
        memberId: who.member?.id ?? who.worker?.partyMemberId ?? null,
        visitorName: who.worker?.name ?? who.member?.name ?? ctx.actor.displayName,
        territoryId: node.id,
        scopePath: node.path,
        communityId: p.community.id,
        gridId: who.worker?.gridId ?? null,
        visitedOn: input.visitedOn,
        note: input.note ?? null,
        finding: input.finding ?? null,
        followUp: input.followUp || input.order ? 1 : 0,
        recordedBy: ctx.actor.accountId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'visit.record',
      objectType: 'visit',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    if (input.order) {
      const order = await orderFor(ctx, tx, row!, input.order, p.placeName);
      await audit(tx, ctx, {
        action: 'visit.toOrder',
        objectType: 'visit',
        objectId: row!.id,
        scopePath: row!.scopePath,
        after: { orderId: order.id, origin: 'patrol' },
      });
    }
    return row!.id;
  });
  return getVisit(ctx, id);
}

/** A recorded finding becomes a service order in one step (once). */
export async function visitToOrder(
  ctx: Ctx,
  id: number,
  body: { category: string; title?: string | null | undefined },
): Promise<Visit> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(v)
      .where(and(eq(v.id, id), inScope(ctx.actor, v.scopePath)))
      .for('update');
    if (!row) throw notFound();
    if (row.orderId !== null) throw conflict('visit.alreadyOrdered');
    if (!row.finding) throw fieldError(ctx, 'finding', 'visit.findingRequired');
    const p = await placeOf(tx, row.scopePath);
    const order = await orderFor(ctx, tx, row, body, p.placeName);
    await audit(tx, ctx, {
      action: 'visit.toOrder',
      objectType: 'visit',
      objectId: row.id,
      scopePath: row.scopePath,
      after: { orderId: order.id, origin: 'patrol' },
    });
  });
  return getVisit(ctx, id);
}

// ---- coverage ----------------------------------------------------------------------------------------------------

export const COVERAGE_FORMULA = {
  'zh-CN': '本月走访覆盖率 = 本月至少走访过一次的联系户数 ÷ 分配给该网格员的联系户数',
  'en-US': "Coverage = the worker's assigned households visited at least once this month ÷ households assigned",
} as const;

/**
 * Household coverage per grid worker for a China month: assigned households 联系户 (now) and how many of them the
 * worker visited at least once in the month. Each row drills down to the visits list (worker, month, assigned).
 */
export async function coverage(ctx: Ctx, q: CoverageQuery): Promise<Coverage> {
  const month = q.month ?? chinaDay(ctx.clock.now()).slice(0, 7);
  const { from, to } = monthDays(month);
  // A grid worker bound below their grid (a compound) still sees their own grid's workers, themself among them.
  const w: SQL[] = [
    or(
      inScope(ctx.actor, gridWorkers.scopePath),
      sql`exists (select 1 from ${gridWorkers} ow where ow.grid_id = ${gridWorkers.gridId} and ow.account_id = ${ctx.actor.accountId})`,
    )!,
  ];
  if (q.gridId) w.push(eq(gridWorkers.gridId, q.gridId));
  if (q.communityId) w.push(eq(grids.communityId, q.communityId));
  w.push(...(await placeFilter(ctx.db, ctx.actor, gridWorkers.scopePath, q.territoryId)));
  const rows = await coverageRows(ctx.db, and(...w)!, from, to);
  const total = rows.reduce((s, r) => ({ assigned: s.assigned + r.assigned, visited: s.visited + r.visited }), {
    assigned: 0,
    visited: 0,
  });
  return {
    month,
    from,
    to,
    formula: COVERAGE_FORMULA[ctx.locale],
    items: rows,
    total: { ...total, rate: total.assigned ? total.visited / total.assigned : null },
  };
}

export async function coverageRows(db: DbOrTx, where: SQL, from: string, to: string) {
  const rows = await db
    .select({
      id: gridWorkers.id,
      name: gridWorkers.name,
      gridId: grids.id,
      gridName: grids.name,
      communityId: territories.id,
      communityName: territories.name,
      assigned: sql<number>`(select count(*) from ${liaisonHouseholds} lh where lh.worker_id = ${gridWorkers.id})::int`,
      visited: sql<number>`(select count(*) from ${liaisonHouseholds} lh where lh.worker_id = ${gridWorkers.id}
        and exists (select 1 from ${v} x where x.worker_id = ${gridWorkers.id} and x.territory_id = lh.household_id
          and x.visited_on between ${from} and ${to}))::int`,
      visits: sql<number>`(select count(*) from ${v} x where x.worker_id = ${gridWorkers.id} and x.visited_on between ${from} and ${to})::int`,
      findings: sql<number>`(select count(*) from ${v} x where x.worker_id = ${gridWorkers.id} and x.finding is not null and x.visited_on between ${from} and ${to})::int`,
    })
    .from(gridWorkers)
    .innerJoin(grids, eq(grids.id, gridWorkers.gridId))
    .innerJoin(territories, eq(territories.id, grids.communityId))
    .where(where)
    .orderBy(asc(territories.name), asc(grids.name), asc(gridWorkers.name), asc(gridWorkers.id));
  return rows.map((r) => ({
    worker: { id: r.id, name: r.name },
    grid: { id: r.gridId, name: r.gridName },
    community: { id: r.communityId, name: r.communityName },
    assigned: Number(r.assigned),
    visited: Number(r.visited),
    rate: Number(r.assigned) ? Number(r.visited) / Number(r.assigned) : null,
    visits: Number(r.visits),
    findings: Number(r.findings),
  }));
}
