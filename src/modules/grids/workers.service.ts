/** Grid workers and their liaison households (seed 002: 30–50 households each). */
import { and, asc, count, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { audit, maskPhone } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { AppError, conflict, notFound, type FieldError } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, inSubtree, pathIds, placeInScope } from '../../kernel/scope/scope.js';
import { partyMembers } from '../party-members/index.js';
import {
  LIAISON_MAX,
  LIAISON_MIN,
  type CreateWorker,
  type GridWorker,
  type UpdateWorker,
  type WorkerListQuery,
} from './contract.js';
import { grids, gridWorkers, liaisonHouseholds } from './schema.js';
import { loadGrid } from './grid-rows.js';

function visibleWorker(ctx: Ctx): SQL {
  return or(
    inScope(ctx.actor, gridWorkers.scopePath),
    sql`exists (select 1 from grid_workers ow where ow.grid_id = "grid_workers"."grid_id" and ow.account_id = ${ctx.actor.accountId})`,
  )!;
}

// ---------------------------------------------------------------------------------------------------------------
// Grid workers and their liaison households (seed 002: 30–50 households each).
// ---------------------------------------------------------------------------------------------------------------

const liaisonCountSql =
  sql<number>`(select count(*)::int from liaison_households l where l.worker_id = "grid_workers"."id")`.mapWith(Number);

export function liaisonFlag(n: number): 'under' | 'over' | null {
  return n < LIAISON_MIN ? 'under' : n > LIAISON_MAX ? 'over' : null;
}

export async function listWorkerRows(
  ctx: Ctx,
  db: DbOrTx,
  where: SQL[],
  limit: number,
  offset: number,
): Promise<GridWorker[]> {
  const rows = await db
    .select({
      id: gridWorkers.id,
      gridId: gridWorkers.gridId,
      gridName: grids.name,
      name: gridWorkers.name,
      kind: gridWorkers.kind,
      partyMemberId: gridWorkers.partyMemberId,
      accountId: gridWorkers.accountId,
      phone: gridWorkers.phone,
      liaisonCount: liaisonCountSql,
    })
    .from(gridWorkers)
    .innerJoin(grids, eq(grids.id, gridWorkers.gridId))
    .where(and(visibleWorker(ctx), ...where))
    .orderBy(asc(gridWorkers.gridId), asc(gridWorkers.kind), asc(gridWorkers.id))
    .limit(limit)
    .offset(offset);
  const reveal = ctx.actor.permissions.has('grid.manageWorkers');
  return rows.map((r) => ({
    ...r,
    phone: r.phone && !reveal ? maskPhone(r.phone) : r.phone,
    liaisonFlag: liaisonFlag(r.liaisonCount),
  }));
}

const flaggedCond = sql`(select count(*) from liaison_households l where l.worker_id = "grid_workers"."id") not between ${LIAISON_MIN} and ${LIAISON_MAX}`;

/** Lists grid workers of the subtree with their liaison counts; `flagged=true` keeps those outside 30–50. */
export async function listWorkers(ctx: Ctx, q: WorkerListQuery) {
  const where: SQL[] = [];
  if (q.gridId !== undefined) where.push(eq(gridWorkers.gridId, q.gridId));
  if (q.communityId !== undefined) where.push(eq(grids.communityId, q.communityId));
  if (q.flagged === 'true') where.push(flaggedCond);
  if (q.flagged === 'false') where.push(sql`not ${flaggedCond}`);
  const [items, [total]] = await Promise.all([
    listWorkerRows(ctx, ctx.db, where, q.pageSize, offsetOf(q)),
    ctx.db
      .select({ n: count() })
      .from(gridWorkers)
      .innerJoin(grids, eq(grids.id, gridWorkers.gridId))
      .where(and(visibleWorker(ctx), ...where)),
  ]);
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadWorker(ctx: Ctx, db: DbOrTx, id: number, lock = false) {
  const base = db
    .select()
    .from(gridWorkers)
    .where(and(eq(gridWorkers.id, id), visibleWorker(ctx)));
  const [row] = lock ? await base.for('update') : await base;
  if (!row) throw notFound();
  return row;
}

async function getWorker(ctx: Ctx, db: DbOrTx, id: number): Promise<GridWorker> {
  const [row] = await listWorkerRows(ctx, db, [eq(gridWorkers.id, id)], 1, 0);
  if (!row) throw notFound();
  return row;
}

/** Checks the referenced party member and account lie in the subtree (field errors otherwise). */
export async function checkRefs(
  tx: DbOrTx,
  ctx: Ctx,
  input: { partyMemberId?: number | null; accountId?: number | null },
) {
  const errors: FieldError[] = [];
  if (input.partyMemberId) {
    const [m] = await tx
      .select({ id: partyMembers.id })
      .from(partyMembers)
      .where(and(eq(partyMembers.id, input.partyMemberId), inScope(ctx.actor, partyMembers.scopePath)));
    if (!m) errors.push({ field: 'partyMemberId', message: t(ctx.locale, 'grid.partyMemberNotFound') });
  }
  if (input.accountId) {
    const [a] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .innerJoin(territories, eq(territories.id, accounts.territoryId))
      .where(and(eq(accounts.id, input.accountId), inScope(ctx.actor, territories.path)));
    if (!a) errors.push({ field: 'accountId', message: t(ctx.locale, 'grid.accountNotFound') });
  }
  if (errors.length) throw new AppError('validation', undefined, {}, errors);
}

/** Adds a grid worker (full-time, or part-time, usually an in-service party member) to a grid of the subtree. */
export async function createWorker(ctx: Ctx, input: CreateWorker): Promise<GridWorker> {
  return ctx.db.transaction(async (tx) => {
    const grid = await loadGrid(ctx, tx, input.gridId);
    await checkRefs(tx, ctx, input);
    const [created] = await tx
      .insert(gridWorkers)
      .values({
        gridId: grid.id,
        scopePath: grid.scopePath,
        name: input.name,
        kind: input.kind,
        partyMemberId: input.partyMemberId ?? null,
        accountId: input.accountId ?? null,
        phone: input.phone ?? null,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'gridWorker.create',
      objectType: 'gridWorker',
      objectId: created!.id,
      scopePath: grid.scopePath,
      after: created,
    });
    return getWorker(ctx, tx, created!.id);
  });
}

/** Edits a grid worker; moving to another grid keeps the liaison households (they stay in the community). */
export async function updateWorker(ctx: Ctx, id: number, patch: UpdateWorker): Promise<GridWorker> {
  return ctx.db.transaction(async (tx) => {
    const before = await loadWorker(ctx, tx, id, true);
    let scopePath = before.scopePath;
    if (patch.gridId !== undefined && patch.gridId !== before.gridId) {
      const grid = await loadGrid(ctx, tx, patch.gridId);
      if (grid.scopePath !== before.scopePath) {
        throw new AppError('validation', undefined, {}, [
          { field: 'gridId', message: t(ctx.locale, 'grid.workerOtherCommunity') },
        ]);
      }
      scopePath = grid.scopePath;
    }
    await checkRefs(tx, ctx, patch);
    const [after] = await tx
      .update(gridWorkers)
      .set({ ...patch, scopePath, updatedAt: ctx.clock.now() })
      .where(eq(gridWorkers.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'gridWorker.update',
      objectType: 'gridWorker',
      objectId: id,
      scopePath,
      before,
      after,
    });
    return getWorker(ctx, tx, id);
  });
}

/** Removes a grid worker; their liaison households become unassigned. */
export async function deleteWorker(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await loadWorker(ctx, tx, id, true);
    await tx.delete(gridWorkers).where(eq(gridWorkers.id, id));
    await audit(tx, ctx, {
      action: 'gridWorker.delete',
      objectType: 'gridWorker',
      objectId: id,
      scopePath: before.scopePath,
      before,
    });
  });
}

/** A household's label: "幸福家园 3号楼 1单元 501室" from its ancestors below the community. */
export async function householdLabels(
  db: DbOrTx,
  rows: { id: number; path: string; name: string }[],
): Promise<Map<number, string>> {
  const ids = [...new Set(rows.flatMap((r) => pathIds(r.path)))];
  const names = ids.length
    ? await db
        .select({ id: territories.id, name: territories.name, level: territories.level })
        .from(territories)
        .where(inArray(territories.id, ids))
    : [];
  const byId = new Map(names.map((n) => [n.id, n]));
  return new Map(
    rows.map((r) => [
      r.id,
      pathIds(r.path)
        .map((i) => byId.get(i))
        .filter((n) => n && ['compound', 'building', 'unit', 'household'].includes(n.level))
        .map((n) => n!.name)
        .join(' '),
    ]),
  );
}

/** The households a worker follows, with the 30–50 check (seed 002). */
export async function listLiaisons(ctx: Ctx, workerId: number) {
  await loadWorker(ctx, ctx.db, workerId);
  const rows = await ctx.db
    .select({ id: territories.id, path: territories.path, name: territories.name })
    .from(liaisonHouseholds)
    .innerJoin(territories, eq(territories.id, liaisonHouseholds.householdId))
    .where(eq(liaisonHouseholds.workerId, workerId))
    .orderBy(asc(territories.path));
  const labels = await householdLabels(ctx.db, rows);
  return {
    items: rows.map((r) => ({ householdId: r.id, label: labels.get(r.id) ?? r.name })),
    count: rows.length,
    min: LIAISON_MIN,
    max: LIAISON_MAX,
    liaisonFlag: liaisonFlag(rows.length),
  };
}

/** Who follows the households below a place (a unit, a building…): for the household picker; at most 500. */
export async function liaisonsUnder(ctx: Ctx, territoryId: number) {
  const node = await placeInScope(ctx.db, ctx.actor, territoryId);
  const rows = await ctx.db
    .select({ householdId: liaisonHouseholds.householdId, workerId: gridWorkers.id, workerName: gridWorkers.name })
    .from(liaisonHouseholds)
    .innerJoin(gridWorkers, eq(gridWorkers.id, liaisonHouseholds.workerId))
    .innerJoin(territories, eq(territories.id, liaisonHouseholds.householdId))
    .where(and(inSubtree(territories.path, node.path), inScope(ctx.actor, territories.path)))
    .orderBy(asc(territories.path))
    .limit(500);
  return { items: rows };
}

/**
 * Gives a worker households of their community to follow. Refused beyond 50 (seed 002); a household already
 * followed by another worker is refused too (one worker per household).
 */
export async function assignLiaisons(ctx: Ctx, workerId: number, householdIds: number[]) {
  await ctx.db.transaction(async (tx) => {
    const worker = await loadWorker(ctx, tx, workerId, true);
    const unique = [...new Set(householdIds)];
    const found = await tx
      .select({ id: territories.id })
      .from(territories)
      .where(
        and(
          inArray(territories.id, unique),
          eq(territories.level, 'household'),
          inScope(worker, territories.path),
          inScope(ctx.actor, territories.path),
        ),
      );
    const foundIds = new Set(found.map((f) => f.id));
    const missing = unique.filter((id) => !foundIds.has(id));
    if (missing.length) {
      throw new AppError('validation', undefined, {}, [
        { field: 'householdIds', message: t(ctx.locale, 'grid.householdNotInCommunity', { ids: missing.join(', ') }) },
      ]);
    }
    const taken = await tx
      .select({
        householdId: liaisonHouseholds.householdId,
        workerId: liaisonHouseholds.workerId,
        workerName: gridWorkers.name,
      })
      .from(liaisonHouseholds)
      .innerJoin(gridWorkers, eq(gridWorkers.id, liaisonHouseholds.workerId))
      .where(inArray(liaisonHouseholds.householdId, unique));
    const byOthers = taken.filter((r) => r.workerId !== workerId);
    if (byOthers.length)
      throw conflict('grid.householdTaken', { count: byOthers.length, name: byOthers[0]!.workerName });
    const mine = new Set(taken.map((r) => r.householdId));
    const adding = unique.filter((id) => !mine.has(id));
    const [current] = await tx
      .select({ n: count() })
      .from(liaisonHouseholds)
      .where(eq(liaisonHouseholds.workerId, workerId));
    const now = current?.n ?? 0;
    if (now + adding.length > LIAISON_MAX) {
      throw conflict('grid.liaisonOverMax', { max: LIAISON_MAX, current: now, adding: adding.length });
    }
    if (adding.length) {
      await tx
        .insert(liaisonHouseholds)
        .values(adding.map((householdId) => ({ workerId, householdId, scopePath: worker.scopePath })));
    }
    await audit(tx, ctx, {
      action: 'gridWorker.assignHouseholds',
      objectType: 'gridWorker',
      objectId: workerId,
      scopePath: worker.scopePath,
      before: { count: now },
      after: { count: now + adding.length, added: adding },
    });
  });
  return listLiaisons(ctx, workerId);
}

/** Stops a worker following a household. */
export async function unassignLiaison(ctx: Ctx, workerId: number, householdId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const worker = await loadWorker(ctx, tx, workerId, true);
    const deleted = await tx
      .delete(liaisonHouseholds)
      .where(and(eq(liaisonHouseholds.workerId, workerId), eq(liaisonHouseholds.householdId, householdId)))
      .returning({ id: liaisonHouseholds.id });
    if (!deleted.length) throw notFound();
    await audit(tx, ctx, {
      action: 'gridWorker.unassignHousehold',
      objectType: 'gridWorker',
      objectId: workerId,
      scopePath: worker.scopePath,
      before: { householdId },
    });
  });
}
