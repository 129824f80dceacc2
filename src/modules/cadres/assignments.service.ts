import { and, asc, count, desc, eq, gte, ilike, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { escapeLike } from '../../kernel/db/search.js';
import { territories } from '../../kernel/db/schema.js';
import { conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, placeFilter } from '../../kernel/scope/scope.js';
import { createOrder, serviceOrders } from '../service-orders/index.js';
import type {
  Assignment,
  AssignmentDetail,
  AssignmentListQuery,
  CreateAssignment,
  RecordWork,
  UpdateAssignment,
} from './contract.js';
import { cadreAssignments, cadreWorkRecords } from './schema.js';
import { communityInScope, fieldError } from './workers.service.js';

/**
 * Cadres assigned to communities 包联/下沉 (issue 15 item 4, decision 054; seeds 002 and 004: county and district
 * department cadres and street cadres sent down to every community): who, from which unit, where, for which period,
 * and their work records there — what they found and what they handled; a finding can become a service order
 * through service-orders' face (origin 'patrol' 排摸发现, as visits do).
 */

const a = cadreAssignments;
const r = cadreWorkRecords;
const inTx = (ctx: Ctx, tx: DbOrTx): Ctx => ({ ...ctx, db: tx as Ctx['db'] });

function recordsIn(from: string | undefined, to: string | undefined, orders = false) {
  const w: SQL[] = [sql`x.assignment_id = ${a.id}`];
  if (from) w.push(sql`x.worked_on >= ${from}`);
  if (to) w.push(sql`x.worked_on <= ${to}`);
  if (orders) w.push(sql`x.order_id is not null`);
  return sql<number>`(select count(*) from ${r} x where ${sql.join(w, sql` and `)})::int`;
}

function selectAssignments(db: DbOrTx, from?: string, to?: string) {
  return db
    .select({
      a,
      communityName: territories.name,
      records: recordsIn(from, to),
      orders: recordsIn(from, to, true),
    })
    .from(a)
    .innerJoin(territories, eq(territories.id, a.communityId));
}
type Joined = Awaited<ReturnType<ReturnType<typeof selectAssignments>['execute']>>[number];

const toAssignment = (x: Joined): Assignment => ({
  id: x.a.id,
  cadreName: x.a.cadreName,
  unitName: x.a.unitName,
  position: x.a.position,
  kind: x.a.kind as Assignment['kind'],
  community: { id: x.a.communityId, name: x.communityName },
  fromOn: x.a.fromOn,
  toOn: x.a.toOn,
  duties: x.a.duties,
  records: Number(x.records),
  orders: Number(x.orders),
});

/** Assigned on a day: the period covers it. */
export const activeOn = (day: string) => and(lte(a.fromOn, day), or(isNull(a.toOn), gte(a.toOn, day)))!;

export async function listAssignments(ctx: Ctx, q: AssignmentListQuery) {
  const w: SQL[] = [inScope(ctx.actor, a.scopePath)];
  w.push(...(await placeFilter(ctx.db, ctx.actor, a.scopePath, q.territoryId)));
  if (q.kind) w.push(eq(a.kind, q.kind));
  if (q.activeOn) w.push(activeOn(q.activeOn));
  if (q.q) w.push(or(ilike(a.cadreName, `%${escapeLike(q.q)}%`), ilike(a.unitName, `%${escapeLike(q.q)}%`))!);
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    selectAssignments(ctx.db, q.from, q.to)
      .where(where)
      .orderBy(asc(territories.name), desc(a.fromOn), asc(a.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(a).where(where),
  ]);
  return { items: rows.map(toAssignment), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function getAssignment(ctx: Ctx, id: number): Promise<AssignmentDetail> {
  const [row] = await selectAssignments(ctx.db).where(and(eq(a.id, id), inScope(ctx.actor, a.scopePath)));
  if (!row) throw notFound();
  const work = await ctx.db
    .select({ r, orderStatus: serviceOrders.status })
    .from(r)
    .leftJoin(serviceOrders, eq(serviceOrders.id, r.orderId))
    .where(eq(r.assignmentId, id))
    .orderBy(desc(r.workedOn), desc(r.id));
  return {
    ...toAssignment(row),
    work: work.map((x) => ({
      id: x.r.id,
      workedOn: x.r.workedOn,
      found: x.r.found,
      handled: x.r.handled,
      order: x.r.orderId !== null && x.orderStatus !== null ? { id: x.r.orderId, status: x.orderStatus } : null,
      createdAt: x.r.createdAt,
    })),
  };
}

export async function createAssignment(ctx: Ctx, input: CreateAssignment): Promise<AssignmentDetail> {
  const now = ctx.clock.now();
  if (input.toOn && input.toOn < input.fromOn) throw fieldError(ctx, 'toOn', 'cadres.endBeforeStart');
  const id = await ctx.db.transaction(async (tx) => {
    const c = await communityInScope(ctx, tx, input.communityId);
    const [row] = await tx
      .insert(a)
      .values({
        cadreName: input.cadreName,
        unitName: input.unitName,
        position: input.position ?? null,
        kind: input.kind,
        communityId: c.id,
        scopePath: c.path,
        fromOn: input.fromOn,
        toOn: input.toOn ?? null,
        duties: input.duties ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'cadres.assignment.create',
      objectType: 'cadreAssignment',
      objectId: row!.id,
      scopePath: c.path,
      after: row,
    });
    return row!.id;
  });
  return getAssignment(ctx, id);
}

export async function updateAssignment(ctx: Ctx, id: number, input: UpdateAssignment): Promise<AssignmentDetail> {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(a)
      .where(and(eq(a.id, id), inScope(ctx.actor, a.scopePath)))
      .for('update');
    if (!before) throw notFound();
    const toOn = input.toOn === undefined ? before.toOn : input.toOn;
    if (toOn && toOn < before.fromOn) throw fieldError(ctx, 'toOn', 'cadres.endBeforeStart');
    if (toOn) {
      const [late] = await tx
        .select({ n: count() })
        .from(r)
        .where(and(eq(r.assignmentId, id), sql`${r.workedOn} > ${toOn}`));
      if (late && late.n > 0) throw fieldError(ctx, 'toOn', 'cadres.endBeforeWork');
    }
    const [after] = await tx
      .update(a)
      .set({
        position: input.position === undefined ? before.position : input.position,
        toOn,
        duties: input.duties === undefined ? before.duties : input.duties,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(a.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'cadres.assignment.update',
      objectType: 'cadreAssignment',
      objectId: id,
      scopePath: before.scopePath,
      before,
      after,
    });
  });
  return getAssignment(ctx, id);
}

/** A cadre's visit or day of work in the community; with `order`, what was found becomes a service order. */
export async function recordWork(ctx: Ctx, id: number, input: RecordWork): Promise<AssignmentDetail> {
  const now = ctx.clock.now();
  if (!input.found && !input.handled) throw fieldError(ctx, 'found', 'cadres.workEmpty');
  if (input.order && !input.found) throw fieldError(ctx, 'found', 'cadres.foundRequired');
  if (input.workedOn > chinaDay(now)) throw fieldError(ctx, 'workedOn', 'cadres.dayInFuture');
  await ctx.db.transaction(async (tx) => {
    const [as] = await tx
      .select({ a, communityName: territories.name })
      .from(a)
      .innerJoin(territories, eq(territories.id, a.communityId))
      .where(and(eq(a.id, id), inScope(ctx.actor, a.scopePath)));
    if (!as) throw notFound();
    if (input.workedOn < as.a.fromOn || (as.a.toOn && input.workedOn > as.a.toOn))
      throw fieldError(ctx, 'workedOn', 'cadres.outsidePeriod', { from: as.a.fromOn, to: as.a.toOn ?? '—' });
    const [row] = await tx
      .insert(r)
      .values({
        assignmentId: id,
        scopePath: as.a.scopePath,
        workedOn: input.workedOn,
        found: input.found ?? null,
        handled: input.handled ?? null,
        recordedBy: ctx.actor.accountId || null,
        createdAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'cadres.work.record',
      objectType: 'cadreAssignment',
      objectId: id,
      scopePath: as.a.scopePath,
      after: row,
    });
    if (input.order) await orderOf(ctx, tx, row!, as.a, as.communityName, input.order);
  });
  return getAssignment(ctx, id);
}

async function orderOf(
  ctx: Ctx,
  tx: DbOrTx,
  row: typeof r.$inferSelect,
  as: typeof a.$inferSelect,
  community: string,
  body: { category: string; title?: string | null | undefined },
) {
  const found = row.found!;
  const order = await createOrder(
    inTx(ctx, tx),
    {
      kind: 'problem',
      category: body.category,
      title: body.title ?? (found.length > 100 ? `${found.slice(0, 99)}…` : found),
      description: t('zh-CN', 'cadres.orderDescription', {
        cadre: `${as.unitName} ${as.cadreName}`,
        community,
        day: row.workedOn,
        found,
      }),
      territoryId: as.communityId,
    },
    undefined,
    'patrol',
  );
  await tx.update(r).set({ orderId: order.id }).where(eq(r.id, row.id));
  await audit(tx, ctx, {
    action: 'cadres.work.toOrder',
    objectType: 'cadreAssignment',
    objectId: as.id,
    scopePath: as.scopePath,
    after: { recordId: row.id, orderId: order.id, origin: 'patrol' },
  });
}

/** What was found on an earlier record becomes an order later, once. */
export async function workToOrder(
  ctx: Ctx,
  id: number,
  recordId: number,
  body: { category: string; title?: string | null | undefined },
): Promise<AssignmentDetail> {
  await ctx.db.transaction(async (tx) => {
    const [x] = await tx
      .select({ r, a, communityName: territories.name })
      .from(r)
      .innerJoin(a, eq(a.id, r.assignmentId))
      .innerJoin(territories, eq(territories.id, a.communityId))
      .where(and(eq(r.id, recordId), eq(r.assignmentId, id), inScope(ctx.actor, a.scopePath)))
      .for('update', { of: r });
    if (!x) throw notFound();
    if (x.r.orderId !== null) throw conflict('cadres.alreadyOrdered');
    if (!x.r.found) throw fieldError(ctx, 'found', 'cadres.foundRequired');
    await orderOf(ctx, tx, x.r, x.a, x.communityName, body);
  });
  return getAssignment(ctx, id);
}
