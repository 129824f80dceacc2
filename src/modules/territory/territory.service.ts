import { and, asc, count, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, pathIds, requireTerritoriesInScope } from '../../kernel/scope/scope.js';
import {
  CHILD_LEVELS,
  type CreateTerritory,
  type Territory,
  type TerritoryListQuery,
  type UpdateTerritory,
} from './contract.js';
import { escapeLike } from '../../kernel/db/search.js';

const columns = {
  id: territories.id,
  parentId: territories.parentId,
  level: territories.level,
  name: territories.name,
  divisionCode: territories.divisionCode,
  path: territories.path,
  depth: territories.depth,
  sortOrder: territories.sortOrder,
  createdAt: territories.createdAt,
  updatedAt: territories.updatedAt,
  // Written out in full: drizzle leaves single-table columns unqualified, which a subquery would capture.
  childCount: sql<number>`(select count(*)::int from territories c where c.parent_id = "territories"."id")`.mapWith(
    Number,
  ),
};

/** The node the account is bound to: the root of everything it may see. */
export async function listRoots(ctx: Ctx): Promise<Territory[]> {
  return ctx.db.select(columns).from(territories).where(eq(territories.id, ctx.actor.territoryId));
}

/** Lists nodes in the actor's subtree, filtered by parent, level and name, a page at a time. */
export async function listTerritories(ctx: Ctx, q: TerritoryListQuery) {
  const where: SQL[] = [inScope(ctx.actor, territories.path)];
  if (q.parentId !== undefined) where.push(eq(territories.parentId, q.parentId));
  if (q.level) where.push(eq(territories.level, q.level));
  if (q.q) where.push(ilike(territories.name, `%${escapeLike(q.q)}%`));
  const cond = and(...where);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select(columns)
      .from(territories)
      .where(cond)
      .orderBy(asc(territories.sortOrder), asc(territories.divisionCode), asc(territories.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(territories).where(cond),
  ]);
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadInScope(ctx: Ctx, id: number): Promise<Territory> {
  const [row] = await ctx.db
    .select(columns)
    .from(territories)
    .where(and(eq(territories.id, id), inScope(ctx.actor, territories.path)));
  if (!row) throw notFound();
  return row;
}

/** One node with its ancestors (for the breadcrumb); outside the subtree it does not exist (404). */
export async function getTerritory(ctx: Ctx, id: number) {
  const node = await loadInScope(ctx, id);
  const ids = pathIds(node.path).slice(0, -1);
  const rows = ids.length
    ? await ctx.db
        .select({ id: territories.id, name: territories.name, level: territories.level })
        .from(territories)
        .where(inArray(territories.id, ids))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { ...node, ancestors: ids.flatMap((i) => byId.get(i) ?? []) };
}

/** Adds a node under a parent in the actor's subtree; the level must fit under the parent's. */
export async function createTerritory(ctx: Ctx, input: CreateTerritory): Promise<Territory> {
  return ctx.db.transaction(async (tx) => {
    await requireTerritoriesInScope(tx, ctx.actor, [input.parentId]);
    const [parent] = await tx.select().from(territories).where(eq(territories.id, input.parentId)).for('update');
    if (!parent) throw notFound();
    if (!CHILD_LEVELS[parent.level].includes(input.level)) {
      throw new AppError('validation', undefined, {}, [{ field: 'level', message: levelMessage(ctx, parent.level) }]);
    }
    const [created] = await tx
      .insert(territories)
      .values({
        parentId: parent.id,
        level: input.level,
        name: input.name,
        divisionCode: input.divisionCode ?? null,
        sortOrder: input.sortOrder ?? 0,
      })
      .returning({ id: territories.id });
    const row = await loadWith(tx, created!.id);
    await audit(tx, ctx, {
      action: 'territory.create',
      objectType: 'territory',
      objectId: row.id,
      scopePath: row.path,
      after: row,
    });
    return row;
  });
}

/** Renames or re-codes a node in the actor's subtree. */
export async function updateTerritory(ctx: Ctx, id: number, patch: UpdateTerritory): Promise<Territory> {
  return ctx.db.transaction(async (tx) => {
    const before = await loadInScope({ ...ctx, db: tx }, id);
    await tx
      .update(territories)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(eq(territories.id, id));
    const after = await loadWith(tx, id);
    await audit(tx, ctx, {
      action: 'territory.update',
      objectType: 'territory',
      objectId: id,
      scopePath: after.path,
      before,
      after,
    });
    return after;
  });
}

/** Deletes a leaf node of the actor's subtree; never the actor's own node, never a node with children. */
export async function deleteTerritory(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await loadInScope({ ...ctx, db: tx }, id);
    if (id === ctx.actor.territoryId) throw conflict('territory.isOwnNode');
    if (before.childCount > 0) throw conflict('territory.hasChildren', { count: before.childCount });
    await tx.delete(territories).where(eq(territories.id, id));
    await audit(tx, ctx, {
      action: 'territory.delete',
      objectType: 'territory',
      objectId: id,
      scopePath: before.path,
      before,
    });
  });
}

async function loadWith(db: Ctx['db'], id: number): Promise<Territory> {
  const [row] = await db.select(columns).from(territories).where(eq(territories.id, id));
  if (!row) throw notFound();
  return row;
}

function levelMessage(ctx: Ctx, parentLevel: Territory['level']): string {
  const allowed = CHILD_LEVELS[parentLevel];
  if (allowed.length === 0) return t(ctx.locale, 'territory.noChildLevel');
  const sep = ctx.locale === 'zh-CN' ? '、' : ', ';
  return t(ctx.locale, 'territory.childLevelOnly', {
    levels: allowed.map((l) => t(ctx.locale, `level.${l}`)).join(sep),
  });
}
