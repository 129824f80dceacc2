import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import { territories } from '../../kernel/db/schema.js';
import { escapeLike } from '../../kernel/db/search.js';
import { notFound } from '../../kernel/http/errors.js';
import { inScope } from '../../kernel/scope/scope.js';
import type { CreateServiceItem, ServiceItemQuery } from './contract.js';
import { asServiceItems } from './schema.js';

/**
 * The one-window catalogue 一窗受理 a signed-in account may browse: items kept at its node or above (the district's
 * and street's items serve every community below) and, for staff, the items inside its subtree.
 */
export async function listServiceItems(ctx: Ctx, q: ServiceItemQuery) {
  const w: SQL[] = [
    or(
      inScope(ctx.actor, asServiceItems.scopePath),
      sql`${ctx.actor.scopePath} like ${asServiceItems.scopePath} || '%'`,
    )!,
  ];
  if (q.category) w.push(eq(asServiceItems.category, q.category));
  if (q.atMostOnce) w.push(eq(asServiceItems.atMostOnce, q.atMostOnce === 'true'));
  if (q.q) w.push(ilike(asServiceItems.name, `%${escapeLike(q.q)}%`));
  return ctx.db
    .select({
      id: asServiceItems.id,
      category: asServiceItems.category,
      name: asServiceItems.name,
      department: asServiceItems.department,
      materials: asServiceItems.materials,
      timeLimitDays: asServiceItems.timeLimitDays,
      atMostOnce: asServiceItems.atMostOnce,
      place: territories.name,
    })
    .from(asServiceItems)
    .innerJoin(territories, eq(territories.id, asServiceItems.territoryId))
    .where(and(...w))
    .orderBy(asc(asServiceItems.category), asc(asServiceItems.id))
    .limit(500);
}

export async function createServiceItem(ctx: Ctx, input: CreateServiceItem) {
  const [place] = await ctx.db
    .select()
    .from(territories)
    .where(and(eq(territories.id, input.territoryId), inScope(ctx.actor, territories.path)));
  if (!place) throw notFound();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(asServiceItems)
      .values({ ...input, territoryId: place.id, scopePath: place.path, createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.serviceItem.create',
      objectType: 'asServiceItem',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    return row!;
  });
}
