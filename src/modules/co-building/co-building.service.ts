import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDay, chinaDayStart } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { territories } from '../../kernel/db/schema.js';
import { AppError, conflict, forbidden, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, placeFilter, placeInScope } from '../../kernel/scope/scope.js';
import { units } from '../organizations/index.js';
import { createOrder, ORDER_CATEGORIES, orderHotspots } from '../service-orders/index.js';
import type { BoardState, NeedStatus } from './constants.js';
import type {
  AcceptMatch,
  CloseNeed,
  CompleteProject,
  CreateNeed,
  CreateProject,
  CreateResource,
  CreateTask,
  Figures,
  FigureQuery,
  Match,
  Need,
  NeedDetail,
  NeedProposal,
  NeedQuery,
  ProjectDetail,
  ProjectQuery,
  ProjectSummary,
  RateProject,
  RejectMatch,
  Resource,
  ResourceQuery,
  Suggestion,
  Task,
  TaskOrderInput,
  UpdateResource,
} from './contract.js';
import { eligible, scoreOf, type OffererRecord, type ResourceForMatch } from './matching.js';
import { coMatches, coNeeds, coProjectRatings, coProjects, coResources, coTasks } from './schema.js';
import { allianceFigureValues } from './alliances.service.js';
import { challengeFigureValues } from './challenges.figures.js';
import { escapeLike } from '../../kernel/db/search.js';

const DAY = 86_400_000;
const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);
const inTx = (ctx: Ctx, tx: DbOrTx): Ctx => ({ ...ctx, db: tx as Ctx['db'] });
const dayEnd = (day: string) => new Date(chinaDayStart(day).getTime() + DAY);

interface Node {
  id: number;
  name: string;
  path: string;
  level: string;
}
/** The community a node lies in (the node itself when it is one); null above community level. */
async function communityOf(db: DbOrTx, path: string): Promise<Node | null> {
  const [c] = await db
    .select({ id: territories.id, name: territories.name, path: territories.path, level: territories.level })
    .from(territories)
    .where(and(eq(territories.level, 'community'), sql`${path} like ${territories.path} || '%'`));
  return c ?? null;
}
async function names(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: territories.id, name: territories.name })
    .from(territories)
    .where(inArray(territories.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------------------------------------------------------
// Needs 需求清单
// ---------------------------------------------------------------------------------------------------------------

type NeedRow = typeof coNeeds.$inferSelect;
async function needsOut(db: DbOrTx, rows: NeedRow[]): Promise<Need[]> {
  const nm = await names(
    db,
    rows.flatMap((r) => [r.communityId, r.territoryId]),
  );
  const pids = [...new Set(rows.flatMap((r) => (r.projectId ? [r.projectId] : [])))];
  const projects = pids.length
    ? await db
        .select({ id: coProjects.id, title: coProjects.title })
        .from(coProjects)
        .where(inArray(coProjects.id, pids))
    : [];
  return rows.map((r) => {
    const p = projects.find((x) => x.id === r.projectId);
    return {
      id: r.id,
      community: { id: r.communityId, name: nm.get(r.communityId) ?? '' },
      place: { id: r.territoryId, name: nm.get(r.territoryId) ?? '' },
      title: r.title,
      description: r.description,
      category: r.category,
      source: r.source,
      sourceOrderIds: r.sourceOrderIds,
      sourceNote: r.sourceNote,
      status: r.status,
      project: p ? { id: p.id, name: p.title } : null,
      public: r.public === 1,
      closedNote: r.closedNote,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  });
}

export async function createNeed(ctx: Ctx, input: CreateNeed): Promise<NeedDetail> {
  const node = await placeInScope(ctx.db, ctx.actor, input.territoryId ?? ctx.actor.territoryId);
  const community = await communityOf(ctx.db, node.path);
  if (!community) throw fieldError(ctx, 'territoryId', 'coBuilding.notInCommunity');
  if (input.source === 'recurringOrders' && input.sourceOrderIds.length === 0)
    throw fieldError(ctx, 'sourceOrderIds', 'coBuilding.ordersRequired');
  if ((input.source === 'meeting' || input.source === 'survey') && !input.sourceNote)
    throw fieldError(ctx, 'sourceNote', 'coBuilding.sourceNoteRequired');
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(coNeeds)
      .values({
        communityId: community.id,
        territoryId: node.id,
        scopePath: node.path,
        title: input.title,
        description: input.description ?? null,
        category: input.category,
        source: input.source,
        sourceOrderIds: input.sourceOrderIds,
        sourceNote: input.sourceNote ?? null,
        raisedByAccountId: ctx.actor.accountId || null,
        public: input.public ? 1 : 0,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'coNeed.create',
      objectType: 'coNeed',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    return row!.id;
  });
  return getNeed(ctx, id);
}

export async function listNeeds(ctx: Ctx, q: NeedQuery) {
  const w: SQL[] = [inScope(ctx.actor, coNeeds.scopePath)];
  w.push(...(await placeFilter(ctx.db, ctx.actor, coNeeds.scopePath, q.territoryId)));
  if (q.status) w.push(inArray(coNeeds.status, q.status));
  if (q.category) w.push(eq(coNeeds.category, q.category));
  if (q.source) w.push(eq(coNeeds.source, q.source));
  if (q.projectId) w.push(eq(coNeeds.projectId, q.projectId));
  if (q.from) w.push(gte(coNeeds.createdAt, chinaDayStart(q.from)));
  if (q.to) w.push(lt(coNeeds.createdAt, dayEnd(q.to)));
  if (q.closedFrom) w.push(gte(coNeeds.closedAt, chinaDayStart(q.closedFrom)));
  if (q.closedTo) w.push(lt(coNeeds.closedAt, dayEnd(q.closedTo)));
  if (q.q)
    w.push(or(ilike(coNeeds.title, `%${escapeLike(q.q)}%`), ilike(coNeeds.description, `%${escapeLike(q.q)}%`))!);
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(coNeeds)
      .where(where)
      .orderBy(desc(coNeeds.createdAt), desc(coNeeds.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(coNeeds).where(where),
  ]);
  return { items: await needsOut(ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Matches (accepted and rejected) with their resource and project names, oldest first; the ledger uses it too. */
export async function matchesOf(db: DbOrTx, where: SQL): Promise<Match[]> {
  const rows = await db
    .select({ m: coMatches, title: coResources.title, uom: coResources.unitOfMeasure, project: coProjects.title })
    .from(coMatches)
    .innerJoin(coResources, eq(coResources.id, coMatches.resourceId))
    .leftJoin(coProjects, eq(coProjects.id, coMatches.projectId))
    .where(where)
    .orderBy(asc(coMatches.id));
  return rows.map(({ m, title, uom, project }) => ({
    id: m.id,
    needId: m.needId,
    resource: { id: m.resourceId, name: title },
    decision: m.decision,
    amount: m.amount,
    unitOfMeasure: uom,
    reason: m.reason,
    score: m.score,
    factors: m.factors,
    project: m.projectId !== null && project !== null ? { id: m.projectId, name: project } : null,
    createdAt: m.createdAt,
  }));
}

export async function getNeed(ctx: Ctx, id: number, db: DbOrTx = ctx.db): Promise<NeedDetail> {
  const rows = await db
    .select()
    .from(coNeeds)
    .where(and(eq(coNeeds.id, id), inScope(ctx.actor, coNeeds.scopePath)));
  if (!rows.length) throw notFound();
  const [need] = await needsOut(db, rows);
  return { ...need!, matches: await matchesOf(db, eq(coMatches.needId, id)) };
}

async function lockNeed(ctx: Ctx, tx: DbOrTx, id: number): Promise<NeedRow> {
  const [row] = await tx
    .select()
    .from(coNeeds)
    .where(and(eq(coNeeds.id, id), inScope(ctx.actor, coNeeds.scopePath)))
    .for('update');
  if (!row) throw notFound();
  return row;
}
const needStatusConflict = (ctx: Ctx, status: NeedStatus) =>
  conflict('coBuilding.needStatus', { status: t(ctx.locale, `coBuilding.status.${status}`) });
function requireNeedStatus(ctx: Ctx, row: NeedRow, allowed: readonly NeedStatus[]) {
  if (!allowed.includes(row.status)) throw needStatusConflict(ctx, row.status);
}

/** Clusters of recurring orders in the caller's subtree that could become needs (N orders in M days). */
export async function needProposals(ctx: Ctx, q: { minOrders: number; days: number }): Promise<NeedProposal[]> {
  const clusters = await orderHotspots(ctx.db, ctx.actor.scopePath, ctx.clock.now(), {
    minCount: q.minOrders,
    days: q.days,
  });
  if (!clusters.length) return [];
  const open = await ctx.db
    .select({ id: coNeeds.id, territoryId: coNeeds.territoryId, category: coNeeds.category })
    .from(coNeeds)
    .where(
      and(
        eq(coNeeds.source, 'recurringOrders'),
        inArray(coNeeds.status, ['open', 'matched', 'inProject']),
        inArray(
          coNeeds.territoryId,
          clusters.map((c) => c.compoundId),
        ),
      ),
    );
  return clusters.map((c) => ({
    compound: { id: c.compoundId, name: c.compoundName },
    community: { id: c.communityId, name: c.communityName },
    category: c.category,
    orderIds: c.orderIds,
    count: c.count,
    existingNeedId: open.find((n) => n.territoryId === c.compoundId && n.category === c.category)?.id ?? null,
  }));
}

export async function closeNeed(ctx: Ctx, id: number, input: CloseNeed): Promise<NeedDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockNeed(ctx, tx, id);
    requireNeedStatus(ctx, row, ['open', 'matched']);
    // Capacity taken by its accepted matches goes back to the resources.
    const taken = await tx
      .select()
      .from(coMatches)
      .where(and(eq(coMatches.needId, id), eq(coMatches.decision, 'accepted')));
    for (const m of taken)
      await tx
        .update(coResources)
        .set({ usedCapacity: sql`${coResources.usedCapacity} - ${m.amount}`, updatedAt: now })
        .where(eq(coResources.id, m.resourceId));
    await tx
      .update(coNeeds)
      .set({ status: 'notMet', closedNote: input.note, closedAt: now, updatedAt: now })
      .where(eq(coNeeds.id, id));
    await audit(tx, ctx, {
      action: 'coNeed.close',
      objectType: 'coNeed',
      objectId: id,
      scopePath: row.scopePath,
      before: { status: row.status },
      after: { status: 'notMet', note: input.note, released: taken.map((m) => [m.resourceId, m.amount]) },
    });
  });
  return getNeed(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------------
// Resources 资源清单
// ---------------------------------------------------------------------------------------------------------------

type ResourceRow = typeof coResources.$inferSelect;
async function resourcesOut(db: DbOrTx, rows: ResourceRow[]): Promise<Resource[]> {
  const nm = await names(
    db,
    rows.map((r) => r.territoryId),
  );
  const uids = [...new Set(rows.flatMap((r) => (r.unitId ? [r.unitId] : [])))];
  const us = uids.length
    ? await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, uids))
    : [];
  return rows.map((r) => {
    const u = us.find((x) => x.id === r.unitId);
    return {
      id: r.id,
      area: { id: r.territoryId, name: nm.get(r.territoryId) ?? '' },
      title: r.title,
      description: r.description,
      kind: r.kind,
      categories: r.categories,
      offererKind: r.offererKind,
      offererName: r.offererName,
      unit: u ? { id: u.id, name: u.name } : null,
      capacity: r.capacity,
      usedCapacity: r.usedCapacity,
      remaining: r.capacity - r.usedCapacity,
      unitOfMeasure: r.unitOfMeasure,
      availableFrom: r.availableFrom,
      availableTo: r.availableTo,
      availabilityNote: r.availabilityNote,
      active: r.active === 1,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  });
}

async function checkUnit(ctx: Ctx, unitId: number | null | undefined) {
  if (!unitId) return;
  const [u] = await ctx.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, unitId), inScope(ctx.actor, units.scopePath)));
  if (!u) throw fieldError(ctx, 'unitId', 'coBuilding.unitNotFound');
}
function checkWindow(ctx: Ctx, from: string | null | undefined, to: string | null | undefined) {
  if (from && to && to < from) throw fieldError(ctx, 'availableTo', 'coBuilding.windowOrder');
}

export async function createResource(ctx: Ctx, input: CreateResource): Promise<Resource> {
  const node = await placeInScope(ctx.db, ctx.actor, input.territoryId);
  await checkUnit(ctx, input.unitId);
  if (input.offererKind === 'unit' && !input.unitId) throw fieldError(ctx, 'unitId', 'coBuilding.unitRequired');
  checkWindow(ctx, input.availableFrom, input.availableTo);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(coResources)
      .values({
        territoryId: node.id,
        scopePath: node.path,
        title: input.title,
        description: input.description ?? null,
        kind: input.kind,
        categories: input.categories,
        offererKind: input.offererKind,
        offererName: input.offererName,
        unitId: input.unitId ?? null,
        capacity: input.capacity,
        unitOfMeasure: input.unitOfMeasure,
        availableFrom: input.availableFrom ?? null,
        availableTo: input.availableTo ?? null,
        availabilityNote: input.availabilityNote ?? null,
        active: input.active ? 1 : 0,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'coResource.create',
      objectType: 'coResource',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    return row!.id;
  });
  return getResource(ctx, id);
}

export async function getResource(ctx: Ctx, id: number): Promise<Resource> {
  const rows = await ctx.db
    .select()
    .from(coResources)
    .where(and(eq(coResources.id, id), inScope(ctx.actor, coResources.scopePath)));
  if (!rows.length) throw notFound();
  return (await resourcesOut(ctx.db, rows))[0]!;
}

export async function listResources(ctx: Ctx, q: ResourceQuery) {
  const w: SQL[] = [inScope(ctx.actor, coResources.scopePath)];
  w.push(...(await placeFilter(ctx.db, ctx.actor, coResources.scopePath, q.territoryId)));
  if (q.kind) w.push(eq(coResources.kind, q.kind));
  if (q.category) w.push(sql`${coResources.categories} @> ${JSON.stringify([q.category])}::jsonb`);
  if (q.available === true)
    w.push(sql`${coResources.active} = 1 and ${coResources.usedCapacity} < ${coResources.capacity}`);
  if (q.available === false)
    w.push(sql`(${coResources.active} = 0 or ${coResources.usedCapacity} >= ${coResources.capacity})`);
  if (q.from) w.push(gte(coResources.createdAt, chinaDayStart(q.from)));
  if (q.to) w.push(lt(coResources.createdAt, dayEnd(q.to)));
  if (q.usedFrom || q.usedTo) {
    const m: SQL[] = [eq(coMatches.resourceId, coResources.id), eq(coMatches.decision, 'accepted')];
    if (q.usedFrom) m.push(gte(coMatches.createdAt, chinaDayStart(q.usedFrom)));
    if (q.usedTo) m.push(lt(coMatches.createdAt, dayEnd(q.usedTo)));
    w.push(sql`exists (select 1 from ${coMatches} where ${and(...m)})`);
  }
  if (q.q)
    w.push(
      or(ilike(coResources.title, `%${escapeLike(q.q)}%`), ilike(coResources.offererName, `%${escapeLike(q.q)}%`))!,
    );
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(coResources)
      .where(where)
      .orderBy(desc(coResources.createdAt), desc(coResources.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(coResources).where(where),
  ]);
  return { items: await resourcesOut(ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function updateResource(ctx: Ctx, id: number, input: UpdateResource): Promise<Resource> {
  await checkUnit(ctx, input.unitId);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(coResources)
      .where(and(eq(coResources.id, id), inScope(ctx.actor, coResources.scopePath)))
      .for('update');
    if (!row) throw notFound();
    if (input.capacity !== undefined && input.capacity < row.usedCapacity)
      throw fieldError(ctx, 'capacity', 'coBuilding.capacityBelowUsed', { used: row.usedCapacity });
    checkWindow(
      ctx,
      input.availableFrom === undefined ? row.availableFrom : input.availableFrom,
      input.availableTo === undefined ? row.availableTo : input.availableTo,
    );
    const { active, ...rest } = input;
    const patch: Partial<typeof coResources.$inferInsert> = { ...rest, updatedAt: ctx.clock.now() };
    if (active !== undefined) patch.active = active ? 1 : 0;
    const [after] = await tx.update(coResources).set(patch).where(eq(coResources.id, id)).returning();
    await audit(tx, ctx, {
      action: 'coResource.update',
      objectType: 'coResource',
      objectId: id,
      scopePath: row.scopePath,
      before: row,
      after,
    });
  });
  return getResource(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------------
// Matching 供需对接 (docs/decisions/018-co-building.md)
// ---------------------------------------------------------------------------------------------------------------

/** Resources a need may use: in the caller's subtree, or serving an area that contains the need's place. */
const reachOf = (ctx: Ctx, needPath: string) =>
  or(inScope(ctx.actor, coResources.scopePath), sql`${needPath} like ${coResources.scopePath} || '%'`)!;
const offererKey = (r: ResourceRow) => (r.unitId ? `unit:${r.unitId}` : `${r.offererKind}:${r.offererName}`);
const forMatch = (r: ResourceRow): ResourceForMatch => ({
  categories: r.categories,
  path: r.scopePath,
  capacity: r.capacity,
  usedCapacity: r.usedCapacity,
  availableFrom: r.availableFrom,
  availableTo: r.availableTo,
  active: r.active === 1,
});

/** The past record of the offerers of these resources: projects that used any of their resources. */
async function offererRecords(db: DbOrTx, resources: ResourceRow[], today: string) {
  const keys = new Set(resources.map(offererKey));
  const used = await db
    .select({ r: coResources, p: coProjects })
    .from(coMatches)
    .innerJoin(coResources, eq(coResources.id, coMatches.resourceId))
    .innerJoin(coProjects, eq(coProjects.id, coMatches.projectId))
    .where(eq(coMatches.decision, 'accepted'));
  const ratings = await db
    .select({
      projectId: coProjectRatings.projectId,
      n: count(),
      sum: sql<number>`sum(${coProjectRatings.stars})::int`.mapWith(Number),
    })
    .from(coProjectRatings)
    .groupBy(coProjectRatings.projectId);
  const out = new Map<string, OffererRecord>();
  const seen = new Set<string>();
  for (const { r, p } of used) {
    const key = offererKey(r);
    if (!keys.has(key) || seen.has(`${key}|${p.id}`)) continue;
    seen.add(`${key}|${p.id}`);
    const rec = out.get(key) ?? { finished: 0, onTime: 0, ratings: 0, starsSum: 0 };
    const done = p.status === 'done';
    if (done || (p.status === 'inProgress' && p.dueOn < today)) rec.finished++;
    if (done && p.doneOn !== null && p.doneOn <= p.dueOn) rec.onTime++;
    const rt = ratings.find((x) => x.projectId === p.id);
    if (rt) {
      rec.ratings += rt.n;
      rec.starsSum += rt.sum;
    }
    out.set(key, rec);
  }
  return (r: ResourceRow) => out.get(offererKey(r)) ?? { finished: 0, onTime: 0, ratings: 0, starsSum: 0 };
}

/** Ranked resources for an open or matched need, each with its factor scores and weights; decided ones left out. */
export async function suggestionsFor(ctx: Ctx, needId: number, limit = 10): Promise<Suggestion[]> {
  const [need] = await ctx.db
    .select()
    .from(coNeeds)
    .where(and(eq(coNeeds.id, needId), inScope(ctx.actor, coNeeds.scopePath)));
  if (!need) throw notFound();
  if (!['open', 'matched'].includes(need.status)) return [];
  const today = chinaDay(ctx.clock.now());
  const candidates = await ctx.db
    .select()
    .from(coResources)
    .where(
      and(
        reachOf(ctx, need.scopePath),
        eq(coResources.active, 1),
        sql`${coResources.usedCapacity} < ${coResources.capacity}`,
        sql`not exists (select 1 from ${coMatches} where ${coMatches.needId} = ${needId} and ${coMatches.resourceId} = ${coResources.id})`,
      ),
    );
  const ok = candidates.filter((r) => eligible(forMatch(r), today));
  const recordOf = await offererRecords(ctx.db, ok, today);
  const scored = ok.map((r) => ({
    r,
    ...scoreOf({ category: need.category, path: need.scopePath }, forMatch(r), recordOf(r), today),
  }));
  scored.sort((a, b) => b.score - a.score || a.r.id - b.r.id);
  const top = scored.slice(0, limit);
  const out = await resourcesOut(
    ctx.db,
    top.map((s) => s.r),
  );
  return top.map((s, i) => ({ resource: out[i]!, score: s.score, factors: s.factors, weights: s.weights }));
}

async function resourceForNeed(ctx: Ctx, tx: DbOrTx, need: NeedRow, resourceId: number): Promise<ResourceRow> {
  const [r] = await tx
    .select()
    .from(coResources)
    .where(and(eq(coResources.id, resourceId), reachOf(ctx, need.scopePath)));
  if (!r) throw fieldError(ctx, 'resourceId', 'coBuilding.resourceNotFound');
  const [dup] = await tx
    .select({ id: coMatches.id })
    .from(coMatches)
    .where(and(eq(coMatches.needId, need.id), eq(coMatches.resourceId, resourceId)));
  if (dup) throw conflict('coBuilding.alreadyDecided');
  return r;
}

/**
 * Accepts a resource for a need, taking `amount` of its capacity. The capacity is taken by one conditional UPDATE
 * (`used + amount <= capacity`), so two coordinators racing for the last unit cannot both get it: the loser is 409.
 */
export async function acceptMatch(ctx: Ctx, needId: number, input: AcceptMatch): Promise<NeedDetail> {
  const now = ctx.clock.now();
  const today = chinaDay(now);
  await ctx.db.transaction(async (tx) => {
    const need = await lockNeed(ctx, tx, needId);
    requireNeedStatus(ctx, need, ['open', 'matched', 'inProject']);
    const r = await resourceForNeed(ctx, tx, need, input.resourceId);
    if (r.active !== 1 || !eligible({ ...forMatch(r), usedCapacity: 0 }, today))
      throw conflict('coBuilding.resourceUnavailable');
    const [taken] = await tx
      .update(coResources)
      .set({ usedCapacity: sql`${coResources.usedCapacity} + ${input.amount}`, updatedAt: now })
      .where(
        and(eq(coResources.id, r.id), sql`${coResources.usedCapacity} + ${input.amount} <= ${coResources.capacity}`),
      )
      .returning({ used: coResources.usedCapacity, capacity: coResources.capacity });
    if (!taken) throw conflict('coBuilding.capacityExhausted', { unit: r.unitOfMeasure });
    const recordOf = await offererRecords(tx, [r], today);
    const s = scoreOf({ category: need.category, path: need.scopePath }, forMatch(r), recordOf(r), today);
    const [m] = await tx
      .insert(coMatches)
      .values({
        needId,
        resourceId: r.id,
        decision: 'accepted',
        amount: input.amount,
        reason: input.reason ?? null,
        score: s.score,
        factors: s.factors,
        projectId: need.status === 'inProject' ? need.projectId : null,
        decidedBy: ctx.actor.accountId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (need.status === 'open')
      await tx.update(coNeeds).set({ status: 'matched', updatedAt: now }).where(eq(coNeeds.id, needId));
    await audit(tx, ctx, {
      action: 'coNeed.accept',
      objectType: 'coNeed',
      objectId: needId,
      scopePath: need.scopePath,
      before: { status: need.status },
      after: { matchId: m!.id, resourceId: r.id, amount: input.amount, usedCapacity: taken.used, score: s.score },
    });
  });
  return getNeed(ctx, needId);
}

export async function rejectMatch(ctx: Ctx, needId: number, input: RejectMatch): Promise<NeedDetail> {
  const now = ctx.clock.now();
  const today = chinaDay(now);
  await ctx.db.transaction(async (tx) => {
    const need = await lockNeed(ctx, tx, needId);
    requireNeedStatus(ctx, need, ['open', 'matched', 'inProject']);
    const r = await resourceForNeed(ctx, tx, need, input.resourceId);
    const recordOf = await offererRecords(tx, [r], today);
    const s = scoreOf({ category: need.category, path: need.scopePath }, forMatch(r), recordOf(r), today);
    const [m] = await tx
      .insert(coMatches)
      .values({
        needId,
        resourceId: r.id,
        decision: 'rejected',
        amount: 0,
        reason: input.reason,
        score: s.score,
        factors: s.factors,
        decidedBy: ctx.actor.accountId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'coNeed.reject',
      objectType: 'coNeed',
      objectId: needId,
      scopePath: need.scopePath,
      after: { matchId: m!.id, resourceId: r.id, reason: input.reason, score: s.score },
    });
  });
  return getNeed(ctx, needId);
}

// ---------------------------------------------------------------------------------------------------------------
// Projects 项目清单 and the 挂图作战 board
// ---------------------------------------------------------------------------------------------------------------

type ProjectRow = typeof coProjects.$inferSelect;
export function boardState(p: { status: string; dueOn: string }, today: string): BoardState {
  if (p.status === 'done') return 'done';
  return p.dueOn < today ? 'late' : 'due';
}

async function projectsOut(ctx: Ctx, db: DbOrTx, rows: ProjectRow[]): Promise<ProjectSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const today = chinaDay(ctx.clock.now());
  const [nm, tasks, needs, ratings] = await Promise.all([
    names(
      db,
      rows.flatMap((r) => [r.communityId, r.territoryId]),
    ),
    db
      .select({
        projectId: coTasks.projectId,
        n: count(),
        all: sql<number>`sum(${coTasks.weight})::int`.mapWith(Number),
        done: sql<number>`coalesce(sum(${coTasks.weight}) filter (where ${coTasks.doneAt} is not null), 0)::int`.mapWith(
          Number,
        ),
      })
      .from(coTasks)
      .where(inArray(coTasks.projectId, ids))
      .groupBy(coTasks.projectId),
    db
      .select({ projectId: coNeeds.projectId, n: count() })
      .from(coNeeds)
      .where(inArray(coNeeds.projectId, ids))
      .groupBy(coNeeds.projectId),
    db
      .select({
        projectId: coProjectRatings.projectId,
        n: count(),
        mean: sql<number>`avg(${coProjectRatings.stars})::float`.mapWith(Number),
      })
      .from(coProjectRatings)
      .where(inArray(coProjectRatings.projectId, ids))
      .groupBy(coProjectRatings.projectId),
  ]);
  return rows.map((r) => {
    const tk = tasks.find((x) => x.projectId === r.id);
    const rt = ratings.find((x) => x.projectId === r.id);
    const percent = r.status === 'done' ? 100 : tk && tk.all > 0 ? Math.floor((tk.done * 100) / tk.all) : 0;
    return {
      id: r.id,
      community: { id: r.communityId, name: nm.get(r.communityId) ?? '' },
      place: { id: r.territoryId, name: nm.get(r.territoryId) ?? '' },
      title: r.title,
      ownerName: r.ownerName,
      budget: r.budget,
      startOn: r.startOn,
      dueOn: r.dueOn,
      status: r.status,
      state: boardState(r, today),
      percentDone: percent,
      taskCount: tk?.n ?? 0,
      needCount: needs.find((x) => x.projectId === r.id)?.n ?? 0,
      ratingCount: rt?.n ?? 0,
      ratingMean: rt ? Math.round(rt.mean * 10) / 10 : null,
      doneAt: r.doneAt,
    };
  });
}

export async function listProjects(ctx: Ctx, q: ProjectQuery) {
  const today = chinaDay(ctx.clock.now());
  const w: SQL[] = [inScope(ctx.actor, coProjects.scopePath)];
  w.push(...(await placeFilter(ctx.db, ctx.actor, coProjects.scopePath, q.territoryId)));
  if (q.status) w.push(inArray(coProjects.status, q.status));
  if (q.state === 'done') w.push(eq(coProjects.status, 'done'));
  if (q.state === 'late') w.push(and(eq(coProjects.status, 'inProgress'), lt(coProjects.dueOn, today))!);
  if (q.state === 'due') w.push(and(eq(coProjects.status, 'inProgress'), gte(coProjects.dueOn, today))!);
  if (q.onTime === true) w.push(sql`${coProjects.status} = 'done' and ${coProjects.doneOn} <= ${coProjects.dueOn}`);
  if (q.onTime === false) w.push(sql`${coProjects.status} = 'done' and ${coProjects.doneOn} > ${coProjects.dueOn}`);
  if (q.from) w.push(gte(coProjects.createdAt, chinaDayStart(q.from)));
  if (q.to) w.push(lt(coProjects.createdAt, dayEnd(q.to)));
  if (q.doneFrom) w.push(gte(coProjects.doneOn, q.doneFrom));
  if (q.doneTo) w.push(sql`${coProjects.doneOn} <= ${q.doneTo}`);
  if (q.q)
    w.push(or(ilike(coProjects.title, `%${escapeLike(q.q)}%`), ilike(coProjects.ownerName, `%${escapeLike(q.q)}%`))!);
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(coProjects)
      .where(where)
      .orderBy(asc(coProjects.dueOn), asc(coProjects.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(coProjects).where(where),
  ]);
  return { items: await projectsOut(ctx, ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function getProject(ctx: Ctx, id: number): Promise<ProjectDetail> {
  const rows = await ctx.db
    .select()
    .from(coProjects)
    .where(and(eq(coProjects.id, id), visibleProject(ctx)));
  if (!rows.length) throw notFound();
  const today = chinaDay(ctx.clock.now());
  const [summary] = await projectsOut(ctx, ctx.db, rows);
  const [needRows, tasks, mine] = await Promise.all([
    ctx.db.select().from(coNeeds).where(eq(coNeeds.projectId, id)).orderBy(asc(coNeeds.id)),
    ctx.db.select().from(coTasks).where(eq(coTasks.projectId, id)).orderBy(asc(coTasks.dueOn), asc(coTasks.id)),
    ctx.db
      .select({ id: coProjectRatings.id })
      .from(coProjectRatings)
      .where(and(eq(coProjectRatings.projectId, id), eq(coProjectRatings.accountId, ctx.actor.accountId))),
  ]);
  return {
    ...summary!,
    description: rows[0]!.description,
    outcome: rows[0]!.outcome,
    needs: await needsOut(ctx.db, needRows),
    matches: await matchesOf(ctx.db, and(eq(coMatches.projectId, id), eq(coMatches.decision, 'accepted'))!),
    tasks: tasks.map((x) => taskOut(x, today)),
    ratedByMe: mine.length > 0,
  };
}

const taskOut = (x: typeof coTasks.$inferSelect, today: string): Task => ({
  id: x.id,
  milestone: x.milestone,
  title: x.title,
  dueOn: x.dueOn,
  weight: x.weight,
  doneAt: x.doneAt,
  state: x.doneAt ? 'done' : x.dueOn < today ? 'late' : 'due',
  orderId: x.orderId,
});

/**
 * Staff see projects of their subtree; a resident also sees the projects of the community they live in (their
 * node lies under the project's community), which is what lets them rate the outcome.
 */
function visibleProject(ctx: Ctx): SQL {
  return or(
    inScope(ctx.actor, coProjects.scopePath),
    sql`${ctx.actor.scopePath} like (select ${territories.path} from ${territories} where ${territories.id} = ${coProjects.communityId}) || '%'`,
  )!;
}

export async function createProject(ctx: Ctx, input: CreateProject): Promise<ProjectDetail> {
  if (input.dueOn < input.startOn) throw fieldError(ctx, 'dueOn', 'coBuilding.dueBeforeStart');
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const needs = await tx
      .select()
      .from(coNeeds)
      .where(and(inArray(coNeeds.id, input.needIds), inScope(ctx.actor, coNeeds.scopePath)))
      .for('update');
    for (const nid of input.needIds) {
      const n = needs.find((x) => x.id === nid);
      if (!n) throw notFound('coBuilding.needNotFound');
      if (!['open', 'matched'].includes(n.status)) throw needStatusConflict(ctx, n.status);
    }
    const communityId = needs[0]!.communityId;
    if (needs.some((n) => n.communityId !== communityId))
      throw fieldError(ctx, 'needIds', 'coBuilding.needsOneCommunity');
    const [comm] = await tx.select().from(territories).where(eq(territories.id, communityId));
    const [row] = await tx
      .insert(coProjects)
      .values({
        communityId,
        territoryId: communityId,
        scopePath: comm!.path,
        title: input.title,
        description: input.description ?? null,
        ownerName: input.ownerName,
        ownerAccountId: ctx.actor.accountId || null,
        budget: input.budget,
        startOn: input.startOn,
        dueOn: input.dueOn,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx
      .update(coNeeds)
      .set({ status: 'inProject', projectId: row!.id, updatedAt: now })
      .where(inArray(coNeeds.id, input.needIds));
    await tx
      .update(coMatches)
      .set({ projectId: row!.id, updatedAt: now })
      .where(and(inArray(coMatches.needId, input.needIds), eq(coMatches.decision, 'accepted')));
    await audit(tx, ctx, {
      action: 'coProject.create',
      objectType: 'coProject',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: { ...row, needIds: input.needIds },
    });
    return row!.id;
  });
  return getProject(ctx, id);
}

async function lockProject(ctx: Ctx, tx: DbOrTx, id: number): Promise<ProjectRow> {
  const [row] = await tx
    .select()
    .from(coProjects)
    .where(and(eq(coProjects.id, id), inScope(ctx.actor, coProjects.scopePath)))
    .for('update');
  if (!row) throw notFound();
  return row;
}
function requireOpenProject(p: ProjectRow) {
  if (p.status !== 'inProgress') throw conflict('coBuilding.projectClosed');
}

export async function addTask(ctx: Ctx, projectId: number, input: CreateTask): Promise<ProjectDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const p = await lockProject(ctx, tx, projectId);
    requireOpenProject(p);
    const [task] = await tx
      .insert(coTasks)
      .values({
        projectId,
        title: input.title,
        milestone: input.milestone ?? null,
        dueOn: input.dueOn,
        weight: input.weight,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'coProject.addTask',
      objectType: 'coProject',
      objectId: projectId,
      scopePath: p.scopePath,
      after: task,
    });
  });
  return getProject(ctx, projectId);
}

async function lockTask(tx: DbOrTx, projectId: number, taskId: number) {
  const [task] = await tx
    .select()
    .from(coTasks)
    .where(and(eq(coTasks.id, taskId), eq(coTasks.projectId, projectId)))
    .for('update');
  if (!task) throw notFound();
  return task;
}

export async function finishTask(ctx: Ctx, projectId: number, taskId: number): Promise<ProjectDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const p = await lockProject(ctx, tx, projectId);
    requireOpenProject(p);
    const task = await lockTask(tx, projectId, taskId);
    if (task.doneAt) throw conflict('coBuilding.taskDone');
    await tx.update(coTasks).set({ doneAt: now, updatedAt: now }).where(eq(coTasks.id, taskId));
    await audit(tx, ctx, {
      action: 'coProject.finishTask',
      objectType: 'coProject',
      objectId: projectId,
      scopePath: p.scopePath,
      after: { taskId, title: task.title },
    });
  });
  return getProject(ctx, projectId);
}

/** Turns a task into a service order 工单 (through the service-orders face), so the loop dispatches and tracks it. */
export async function orderForTask(
  ctx: Ctx,
  projectId: number,
  taskId: number,
  input: TaskOrderInput,
): Promise<ProjectDetail> {
  if (!(ORDER_CATEGORIES as readonly string[]).includes(input.category))
    throw fieldError(ctx, 'category', 'coBuilding.badOrderCategory');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const p = await lockProject(ctx, tx, projectId);
    requireOpenProject(p);
    const task = await lockTask(tx, projectId, taskId);
    if (task.orderId) throw conflict('coBuilding.taskHasOrder');
    if (task.doneAt) throw conflict('coBuilding.taskDone');
    const order = await createOrder(inTx(ctx, tx), {
      kind: 'problem',
      category: input.category as (typeof ORDER_CATEGORIES)[number],
      title: `${p.title}：${task.title}`.slice(0, 100),
      description: input.description ?? null,
      territoryId: p.territoryId,
    });
    await tx.update(coTasks).set({ orderId: order.id, updatedAt: now }).where(eq(coTasks.id, taskId));
    await audit(tx, ctx, {
      action: 'coProject.orderTask',
      objectType: 'coProject',
      objectId: projectId,
      scopePath: p.scopePath,
      after: { taskId, orderId: order.id },
    });
  });
  return getProject(ctx, projectId);
}

/** Finishes a project whose tasks are all done: its needs become met (or not met, as listed). */
export async function completeProject(ctx: Ctx, projectId: number, input: CompleteProject): Promise<ProjectDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const p = await lockProject(ctx, tx, projectId);
    requireOpenProject(p);
    const [open] = await tx
      .select({ n: count() })
      .from(coTasks)
      .where(and(eq(coTasks.projectId, projectId), sql`${coTasks.doneAt} is null`));
    if ((open?.n ?? 0) > 0) throw conflict('coBuilding.tasksOpen', { n: open!.n });
    const needs = await tx.select().from(coNeeds).where(eq(coNeeds.projectId, projectId));
    for (const [i, nid] of input.notMetNeedIds.entries())
      if (!needs.some((n) => n.id === nid)) throw fieldError(ctx, `notMetNeedIds.${i}`, 'coBuilding.needNotInProject');
    for (const n of needs) {
      const met = !input.notMetNeedIds.includes(n.id);
      await tx
        .update(coNeeds)
        .set({ status: met ? 'met' : 'notMet', closedAt: now, closedNote: input.outcome, updatedAt: now })
        .where(eq(coNeeds.id, n.id));
    }
    await tx
      .update(coProjects)
      .set({ status: 'done', outcome: input.outcome, doneAt: now, doneOn: chinaDay(now), updatedAt: now })
      .where(eq(coProjects.id, projectId));
    await audit(tx, ctx, {
      action: 'coProject.complete',
      objectType: 'coProject',
      objectId: projectId,
      scopePath: p.scopePath,
      before: { status: p.status },
      after: { status: 'done', outcome: input.outcome, notMetNeedIds: input.notMetNeedIds },
    });
  });
  return getProject(ctx, projectId);
}

/** A resident of the project's community rates its outcome once, after it is done. */
export async function rateProject(ctx: Ctx, projectId: number, input: RateProject): Promise<ProjectDetail> {
  if (!ctx.actor.roles.includes('resident')) throw forbidden();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [p] = await tx
      .select()
      .from(coProjects)
      .where(and(eq(coProjects.id, projectId), visibleProject(ctx)))
      .for('update');
    if (!p) throw notFound();
    if (p.status !== 'done') throw conflict('coBuilding.projectNotDone');
    const [row] = await tx
      .insert(coProjectRatings)
      .values({ projectId, accountId: ctx.actor.accountId, stars: input.stars, comment: input.comment ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('coBuilding.alreadyRated');
    await audit(tx, ctx, {
      action: 'coProject.rate',
      objectType: 'coProject',
      objectId: projectId,
      scopePath: p.scopePath,
      after: { stars: input.stars, comment: input.comment ?? null, at: now },
    });
  });
  return getProject(ctx, projectId);
}

// ---------------------------------------------------------------------------------------------------------------
// Figures with drill-down (for the module's page and the future dashboard)
// ---------------------------------------------------------------------------------------------------------------

/**
 * The co-building figures of a node's subtree over a period (China days, inclusive), each with its formula and
 * the console list of the records it counts.
 */
export async function coBuildingFigures(ctx: Ctx, q: FigureQuery): Promise<Figures> {
  const node = await placeInScope(ctx.db, ctx.actor, q.territoryId ?? ctx.actor.territoryId);
  const today = chinaDay(ctx.clock.now());
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (to < from) throw fieldError(ctx, 'to', 'coBuilding.periodOrder');
  const under = (col: AnyPgColumn) => sql`${col} like ${node.path + '%'}`;
  const s = chinaDayStart(from);
  const e = dayEnd(to);
  const one = async (q2: Promise<{ n: number }[]>) => (await q2)[0]?.n ?? 0;
  const [raised, met, offered, used, done, onTime] = await Promise.all([
    one(
      ctx.db
        .select({ n: count() })
        .from(coNeeds)
        .where(and(under(coNeeds.scopePath), gte(coNeeds.createdAt, s), lt(coNeeds.createdAt, e))),
    ),
    one(
      ctx.db
        .select({ n: count() })
        .from(coNeeds)
        .where(
          and(under(coNeeds.scopePath), eq(coNeeds.status, 'met'), gte(coNeeds.closedAt, s), lt(coNeeds.closedAt, e)),
        ),
    ),
    one(
      ctx.db
        .select({ n: count() })
        .from(coResources)
        .where(and(under(coResources.scopePath), gte(coResources.createdAt, s), lt(coResources.createdAt, e))),
    ),
    one(
      ctx.db
        .select({ n: sql<number>`count(distinct ${coMatches.resourceId})::int`.mapWith(Number) })
        .from(coMatches)
        .innerJoin(coResources, eq(coResources.id, coMatches.resourceId))
        .where(
          and(
            under(coResources.scopePath),
            eq(coMatches.decision, 'accepted'),
            gte(coMatches.createdAt, s),
            lt(coMatches.createdAt, e),
          ),
        ),
    ),
    one(
      ctx.db
        .select({ n: count() })
        .from(coProjects)
        .where(
          and(
            under(coProjects.scopePath),
            eq(coProjects.status, 'done'),
            gte(coProjects.doneOn, from),
            sql`${coProjects.doneOn} <= ${to}`,
          ),
        ),
    ),
    one(
      ctx.db
        .select({ n: count() })
        .from(coProjects)
        .where(
          and(
            under(coProjects.scopePath),
            eq(coProjects.status, 'done'),
            gte(coProjects.doneOn, from),
            sql`${coProjects.doneOn} <= ${to}`,
            sql`${coProjects.doneOn} <= ${coProjects.dueOn}`,
          ),
        ),
    ),
  ]);
  const al = await allianceFigureValues(ctx.db, node.path, from, to);
  const ch = await challengeFigureValues(ctx.db, node.path, from, to);
  const base = `territoryId=${node.id}`;
  const f = (key: string, value: number, link: string) => ({
    key,
    value,
    formula: t(ctx.locale, `coBuilding.formula.${key}`),
    link,
  });
  return {
    territory: { id: node.id, name: node.name },
    from,
    to,
    figures: [
      f('needsRaised', raised, `/co-building/needs?${base}&from=${from}&to=${to}`),
      f('needsMet', met, `/co-building/needs?${base}&status=met&closedFrom=${from}&closedTo=${to}`),
      f('resourcesOffered', offered, `/co-building/resources?${base}&from=${from}&to=${to}`),
      f('resourcesUsed', used, `/co-building/resources?${base}&usedFrom=${from}&usedTo=${to}`),
      f('projectsDone', done, `/co-building/projects?${base}&status=done&doneFrom=${from}&doneTo=${to}`),
      f('projectsOnTime', onTime, `/co-building/projects?${base}&onTime=true&doneFrom=${from}&doneTo=${to}`),
      f('alliances', al.alliances, `/co-building/alliances?${base}&on=${to}`),
      f('partTimeMembers', al.partTimeMembers, `/co-building/alliances?${base}&on=${to}`),
      f('agreementsSigned', al.agreementsSigned, `/co-building/agreements?${base}&signedFrom=${from}&signedTo=${to}`),
      f('challengesPosted', ch.challengesPosted, `/co-building/challenges?${base}&from=${from}&to=${to}`),
      f(
        'challengesSolved',
        ch.challengesSolved,
        `/co-building/challenges?${base}&status=solved&closedFrom=${from}&closedTo=${to}`,
      ),
      f(
        'agreementsFulfilled',
        ch.agreementsFulfilled,
        `/co-building/agreements?${base}&fulfilledFrom=${from}&fulfilledTo=${to}`,
      ),
    ],
  };
}

/** An open need as another module sees it (the meetings' agenda proposals): what it is and where. */
export interface OpenNeedRef {
  id: number;
  title: string;
  category: string;
  status: NeedStatus;
  territory: { id: number; name: string };
  scopePath: string;
  createdAt: Date;
}

/**
 * The needs of the subtree `path` not yet taken up (status open or matched, no project yet), oldest first — what a
 * meeting of that body could decide on (issue 13 item 2); with `ids`, those needs only (still open or not).
 */
export async function openNeedsUnder(
  db: DbOrTx,
  path: string,
  opts: { limit?: number; ids?: number[] } = {},
): Promise<OpenNeedRef[]> {
  const w: SQL[] = [sql`${coNeeds.scopePath} like ${path + '%'}`];
  if (opts.ids) {
    if (!opts.ids.length) return [];
    w.push(inArray(coNeeds.id, opts.ids));
  } else w.push(inArray(coNeeds.status, ['open', 'matched']));
  const rows = await db
    .select({ n: coNeeds, tName: territories.name })
    .from(coNeeds)
    .innerJoin(territories, eq(territories.id, coNeeds.territoryId))
    .where(and(...w))
    .orderBy(asc(coNeeds.createdAt), asc(coNeeds.id))
    .limit(opts.limit ?? 20);
  return rows.map(({ n, tName }) => ({
    id: n.id,
    title: n.title,
    category: n.category,
    status: n.status,
    territory: { id: n.territoryId, name: tName },
    scopePath: n.scopePath,
    createdAt: n.createdAt,
  }));
}
