import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { escapeLike } from '../../kernel/db/search.js';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, pathIds, pathInScope, placeInScope } from '../../kernel/scope/scope.js';
import { units } from '../organizations/index.js';
import type { CreateRoutingRule, MenuItem, RoutingRule, UnitContact, UpdateRoutingRule } from './contract.js';
import { orderMenuItems, orderRoutingRules, orderUnitContacts } from './schema.js';

/** A community in the caller's subtree (menus and rules belong to communities). */
async function communityInScope(ctx: Ctx, id: number) {
  const c = await placeInScope(ctx.db, ctx.actor, id);
  if (c.level !== 'community')
    throw new AppError('validation', undefined, {}, [
      { field: 'communityId', message: t(ctx.locale, 'order.notACommunity') },
    ]);
  return c;
}

/** The community of the caller's node (bound at or below one), for residents reading their menu. */
async function callerCommunity(ctx: Ctx): Promise<{ id: number; path: string } | null> {
  const ids = pathIds(ctx.actor.scopePath);
  if (!ids.length) return null;
  const rows = await ctx.db
    .select({ id: territories.id, path: territories.path, level: territories.level })
    .from(territories)
    .where(inArray(territories.id, ids));
  return rows.find((r) => r.level === 'community') ?? null;
}

const toMenuItem = (r: typeof orderMenuItems.$inferSelect): MenuItem => ({
  id: r.id,
  communityId: r.communityId,
  name: r.name,
  category: r.category,
  description: r.description,
  active: r.active === 1,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** A community's menu: readable by everyone who may order there (its subtree, or a resident living in it). */
export async function listMenu(ctx: Ctx, q: { communityId?: number | undefined; page: number; pageSize: number }) {
  const home = await callerCommunity(ctx);
  let where;
  if (q.communityId) {
    const c = home && home.id === q.communityId ? home : null;
    where = c
      ? eq(orderMenuItems.communityId, c.id)
      : and(eq(orderMenuItems.communityId, q.communityId), inScope(ctx.actor, orderMenuItems.scopePath));
  } else {
    where = home ? eq(orderMenuItems.communityId, home.id) : inScope(ctx.actor, orderMenuItems.scopePath);
  }
  const [rows, [count]] = await Promise.all([
    ctx.db
      .select()
      .from(orderMenuItems)
      .where(where)
      .orderBy(asc(orderMenuItems.communityId), asc(orderMenuItems.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(orderMenuItems)
      .where(where),
  ]);
  return { items: rows.map(toMenuItem), total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function createMenuItem(
  ctx: Ctx,
  input: {
    communityId: number;
    name: string;
    category: string;
    description?: string | null | undefined;
    active?: boolean | undefined;
  },
) {
  const c = await communityInScope(ctx, input.communityId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orderMenuItems)
      .values({
        communityId: c.id,
        scopePath: c.path,
        name: input.name,
        category: input.category,
        description: input.description ?? null,
        active: input.active === false ? 0 : 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'orderMenu.create',
      objectType: 'orderMenuItem',
      objectId: row!.id,
      scopePath: c.path,
      after: row,
    });
    return toMenuItem(row!);
  });
}

async function menuItemInScope(ctx: Ctx, id: number) {
  const [row] = await ctx.db
    .select()
    .from(orderMenuItems)
    .where(and(eq(orderMenuItems.id, id), inScope(ctx.actor, orderMenuItems.scopePath)));
  if (!row) throw notFound();
  return row;
}

export async function updateMenuItem(
  ctx: Ctx,
  id: number,
  patch: {
    name?: string | undefined;
    category?: string | undefined;
    description?: string | null | undefined;
    active?: boolean | undefined;
  },
) {
  const before = await menuItemInScope(ctx, id);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(orderMenuItems)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.category !== undefined ? { category: patch.category } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(orderMenuItems.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'orderMenu.update',
      objectType: 'orderMenuItem',
      objectId: id,
      scopePath: before.scopePath,
      before,
      after: row,
    });
    return toMenuItem(row!);
  });
}

export async function deleteMenuItem(ctx: Ctx, id: number): Promise<void> {
  const before = await menuItemInScope(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(orderMenuItems).where(eq(orderMenuItems.id, id));
    await audit(tx, ctx, {
      action: 'orderMenu.delete',
      objectType: 'orderMenuItem',
      objectId: id,
      scopePath: before.scopePath,
      before,
    });
  });
}

// Routing rules ------------------------------------------------------------------------------------------------

async function rulesOf(ctx: Ctx, where: ReturnType<typeof and>, page?: { page: number; pageSize: number }) {
  const q = ctx.db
    .select({ r: orderRoutingRules, unitName: units.name })
    .from(orderRoutingRules)
    .leftJoin(units, eq(units.id, orderRoutingRules.unitId))
    .where(where)
    .orderBy(asc(orderRoutingRules.communityId), asc(orderRoutingRules.category), asc(orderRoutingRules.id));
  const rows = page ? await q.limit(page.pageSize).offset(offsetOf(page)) : await q;
  return rows.map(({ r, unitName }): RoutingRule => ({
    id: r.id,
    communityId: r.communityId,
    category: r.category,
    handlerKind: r.handlerKind,
    unit: r.unitId !== null && unitName !== null ? { id: r.unitId, name: unitName } : null,
    department: r.department,
    respondHours: r.respondHours,
    resolveHours: r.resolveHours,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

export async function listRules(ctx: Ctx, q: { communityId?: number | undefined; page: number; pageSize: number }) {
  const where = and(
    inScope(ctx.actor, orderRoutingRules.scopePath),
    q.communityId ? eq(orderRoutingRules.communityId, q.communityId) : undefined,
  );
  const [items, [count]] = await Promise.all([
    rulesOf(ctx, where, q),
    ctx.db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(orderRoutingRules)
      .where(where),
  ]);
  return { items, total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

function checkRuleShape(
  ctx: Ctx,
  r: {
    handlerKind: string;
    unitId?: number | null | undefined;
    department?: string | null | undefined;
    respondHours: number;
    resolveHours: number;
  },
) {
  const fields = [];
  if (r.handlerKind === 'unit' && !r.unitId)
    fields.push({ field: 'unitId', message: t(ctx.locale, 'order.rule.unitRequired') });
  if (r.handlerKind === 'department' && !r.department)
    fields.push({ field: 'department', message: t(ctx.locale, 'order.rule.departmentRequired') });
  if (r.resolveHours < r.respondHours)
    fields.push({ field: 'resolveHours', message: t(ctx.locale, 'order.rule.resolveBeforeRespond') });
  if (fields.length) throw new AppError('validation', undefined, {}, fields);
}

async function checkUnit(ctx: Ctx, unitId: number | null | undefined, communityPath: string) {
  if (!unitId) return;
  const [u] = await ctx.db.select({ scopePath: units.scopePath }).from(units).where(eq(units.id, unitId));
  if (!u || !(pathInScope(ctx.actor, u.scopePath) || communityPath.startsWith(u.scopePath))) {
    throw new AppError('validation', undefined, {}, [
      { field: 'unitId', message: t(ctx.locale, 'order.unitNotFound') },
    ]);
  }
}

export async function createRule(ctx: Ctx, input: CreateRoutingRule): Promise<RoutingRule> {
  const c = await communityInScope(ctx, input.communityId);
  checkRuleShape(ctx, input);
  await checkUnit(ctx, input.unitId, c.path);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orderRoutingRules)
      .values({
        communityId: c.id,
        scopePath: c.path,
        category: input.category,
        handlerKind: input.handlerKind,
        unitId: input.handlerKind === 'unit' ? (input.unitId ?? null) : null,
        department: input.handlerKind === 'department' ? (input.department ?? null) : null,
        respondHours: input.respondHours,
        resolveHours: input.resolveHours,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'orderRule.create',
      objectType: 'orderRoutingRule',
      objectId: row!.id,
      scopePath: c.path,
      after: row,
    });
    return row!.id;
  });
  return (await rulesOf(ctx, eq(orderRoutingRules.id, id)))[0]!;
}

async function ruleInScope(ctx: Ctx, id: number) {
  const [row] = await ctx.db
    .select()
    .from(orderRoutingRules)
    .where(and(eq(orderRoutingRules.id, id), inScope(ctx.actor, orderRoutingRules.scopePath)));
  if (!row) throw notFound();
  return row;
}

export async function updateRule(ctx: Ctx, id: number, patch: UpdateRoutingRule): Promise<RoutingRule> {
  const before = await ruleInScope(ctx, id);
  const next = {
    ...before,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  } as typeof before;
  checkRuleShape(ctx, next);
  await checkUnit(ctx, next.handlerKind === 'unit' ? next.unitId : null, before.scopePath);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(orderRoutingRules)
      .set({
        category: next.category,
        handlerKind: next.handlerKind,
        unitId: next.handlerKind === 'unit' ? next.unitId : null,
        department: next.handlerKind === 'department' ? next.department : null,
        respondHours: next.respondHours,
        resolveHours: next.resolveHours,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(orderRoutingRules.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'orderRule.update',
      objectType: 'orderRoutingRule',
      objectId: id,
      scopePath: before.scopePath,
      before,
      after: row,
    });
  });
  return (await rulesOf(ctx, eq(orderRoutingRules.id, id)))[0]!;
}

export async function deleteRule(ctx: Ctx, id: number): Promise<void> {
  const before = await ruleInScope(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(orderRoutingRules).where(eq(orderRoutingRules.id, id));
    await audit(tx, ctx, {
      action: 'orderRule.delete',
      objectType: 'orderRoutingRule',
      objectId: id,
      scopePath: before.scopePath,
      before,
    });
  });
}

// Unit contacts: which unit a unit-contact account speaks for ----------------------------------------------------

export async function listUnitContacts(ctx: Ctx, q: { unitId?: number | undefined; page: number; pageSize: number }) {
  const where = and(inScope(ctx.actor, units.scopePath), q.unitId ? eq(units.id, q.unitId) : undefined);
  const base = ctx.db
    .select({
      accountId: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
      unitId: units.id,
      unitName: units.name,
    })
    .from(orderUnitContacts)
    .innerJoin(units, eq(units.id, orderUnitContacts.unitId))
    .innerJoin(accounts, eq(accounts.id, orderUnitContacts.accountId))
    .where(where);
  const [rows, [count]] = await Promise.all([
    base.orderBy(asc(units.id), asc(accounts.id)).limit(q.pageSize).offset(offsetOf(q)),
    ctx.db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(orderUnitContacts)
      .innerJoin(units, eq(units.id, orderUnitContacts.unitId))
      .where(where),
  ]);
  return {
    items: rows.map((r): UnitContact => ({
      account: { id: r.accountId, username: r.username, displayName: r.displayName },
      unit: { id: r.unitId, name: r.unitName },
    })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Accounts holding the unit-contact role bound in the caller's subtree, with the units they already speak for. */
export async function listUnitContactCandidates(
  ctx: Ctx,
  q: { q?: string | undefined; page: number; pageSize: number },
) {
  const where = and(
    sql`'unitContact' = any(${accounts.roles})`,
    inScope(ctx.actor, territories.path),
    q.q
      ? or(ilike(accounts.username, `%${escapeLike(q.q)}%`), ilike(accounts.displayName, `%${escapeLike(q.q)}%`))
      : undefined,
  );
  const [rows, [count]] = await Promise.all([
    ctx.db
      .select({ id: accounts.id, username: accounts.username, displayName: accounts.displayName })
      .from(accounts)
      .innerJoin(territories, eq(territories.id, accounts.territoryId))
      .where(where)
      .orderBy(asc(accounts.displayName), asc(accounts.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(accounts)
      .innerJoin(territories, eq(territories.id, accounts.territoryId))
      .where(where),
  ]);
  const links = rows.length
    ? await ctx.db
        .select({ accountId: orderUnitContacts.accountId, id: units.id, name: units.name })
        .from(orderUnitContacts)
        .innerJoin(units, eq(units.id, orderUnitContacts.unitId))
        .where(
          inArray(
            orderUnitContacts.accountId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(units.id))
    : [];
  return {
    items: rows.map((r) => ({
      ...r,
      units: links.filter((l) => l.accountId === r.id).map((l) => ({ id: l.id, name: l.name })),
    })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Links a unit-contact account (bound in the caller's subtree) to a unit of the caller's subtree. */
export async function linkUnitContact(ctx: Ctx, input: { accountId: number; unitId: number }): Promise<UnitContact> {
  const [u] = await ctx.db
    .select({ id: units.id, name: units.name, scopePath: units.scopePath })
    .from(units)
    .where(and(eq(units.id, input.unitId), inScope(ctx.actor, units.scopePath)));
  if (!u) throw notFound();
  const [a] = await ctx.db
    .select({ id: accounts.id, username: accounts.username, displayName: accounts.displayName, roles: accounts.roles })
    .from(accounts)
    .innerJoin(territories, eq(territories.id, accounts.territoryId))
    .where(and(eq(accounts.id, input.accountId), inScope(ctx.actor, territories.path)));
  if (!a) throw notFound();
  if (!a.roles.includes('unitContact'))
    throw new AppError('validation', undefined, {}, [
      { field: 'accountId', message: t(ctx.locale, 'order.notUnitContact') },
    ]);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(orderUnitContacts).values({ accountId: a.id, unitId: u.id }).onConflictDoNothing();
    await audit(tx, ctx, {
      action: 'orderUnitContact.link',
      objectType: 'unit',
      objectId: u.id,
      scopePath: u.scopePath,
      after: { accountId: a.id, unitId: u.id },
    });
  });
  return { account: { id: a.id, username: a.username, displayName: a.displayName }, unit: { id: u.id, name: u.name } };
}

export async function unlinkUnitContact(ctx: Ctx, accountId: number, unitId: number): Promise<void> {
  const [u] = await ctx.db
    .select({ scopePath: units.scopePath })
    .from(units)
    .where(and(eq(units.id, unitId), inScope(ctx.actor, units.scopePath)));
  if (!u) throw notFound();
  await ctx.db.transaction(async (tx) => {
    const gone = await tx
      .delete(orderUnitContacts)
      .where(and(eq(orderUnitContacts.accountId, accountId), eq(orderUnitContacts.unitId, unitId)))
      .returning();
    if (!gone.length) throw notFound();
    await audit(tx, ctx, {
      action: 'orderUnitContact.unlink',
      objectType: 'unit',
      objectId: unitId,
      scopePath: u.scopePath,
      before: { accountId, unitId },
    });
  });
}
