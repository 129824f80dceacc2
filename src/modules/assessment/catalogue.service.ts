import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import { territories } from '../../kernel/db/schema.js';
import { escapeLike } from '../../kernel/db/search.js';
import { notFound } from '../../kernel/http/errors.js';
import { inScope, placeInScope } from '../../kernel/scope/scope.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { t } from '../../kernel/i18n/i18n.js';
import { createOrder, getOrder } from '../service-orders/index.js';
import type { CreateServiceItem, ServiceItemQuery, StartServiceItem } from './contract.js';
import { asServiceItemOrders, asServiceItems } from './schema.js';

const inTx = (ctx: Ctx, tx: DbOrTx): Ctx => ({ ...ctx, db: tx as Db });

/**
 * The one-window catalogue 一窗受理 a signed-in account may browse: items kept at its node or above (the district's
 * and street's items serve every community below) and, for staff, the items inside its subtree.
 */
const itemVisible = (ctx: Ctx) =>
  or(
    inScope(ctx.actor, asServiceItems.scopePath),
    sql`${ctx.actor.scopePath} like ${asServiceItems.scopePath} || '%'`,
  )!;

export async function listServiceItems(ctx: Ctx, q: ServiceItemQuery) {
  const w: SQL[] = [itemVisible(ctx)];
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
  const place = await placeInScope(ctx.db, ctx.actor, input.territoryId);
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

/**
 * Starts a catalogue item as a service order in one step (decision 032): the order is created through the service
 * orders' face (its routing, time limits and notices apply), titled with the item and described with the materials
 * to bring and the time limit, and linked to the item. The order's place is the caller's node unless named.
 */
export async function startServiceItem(ctx: Ctx, id: number, input: StartServiceItem) {
  const [item] = await ctx.db
    .select()
    .from(asServiceItems)
    .where(and(eq(asServiceItems.id, id), itemVisible(ctx)));
  if (!item) throw notFound();
  const lines = [
    t(ctx.locale, 'assessment.startOrder.item', {
      name: item.name,
      department: item.department,
      days: item.timeLimitDays,
    }),
    item.materials.length ? t(ctx.locale, 'assessment.startOrder.materials', { list: item.materials.join('、') }) : '',
    item.atMostOnce ? t(ctx.locale, 'assessment.startOrder.atMostOnce') : '',
    input.description ?? '',
  ].filter(Boolean);
  const orderId = await ctx.db.transaction(async (tx) => {
    // Filed as a request to handle (kind 'problem', the loop's workflow) that shows as 一窗受理 wherever orders are
    // listed (origin 'oneWindow', decision 045), not as a problem report 报事报修.
    const order = await createOrder(
      inTx(ctx, tx),
      {
        kind: 'problem',
        category: 'policy',
        title: t(ctx.locale, 'assessment.startOrder.title', { name: item.name }).slice(0, 100),
        description: lines.join('\n').slice(0, 2000),
        territoryId: input.territoryId ?? null,
      },
      undefined,
      'oneWindow',
    );
    await tx.insert(asServiceItemOrders).values({
      orderId: order.id,
      serviceItemId: item.id,
      scopePath: item.scopePath,
      accountId: ctx.actor.accountId || null,
      createdAt: ctx.clock.now(),
    });
    await audit(tx, ctx, {
      action: 'assessment.serviceItem.start',
      objectType: 'asServiceItem',
      objectId: item.id,
      scopePath: item.scopePath,
      after: { orderId: order.id },
    });
    return order.id;
  });
  return { orderId, serviceItemId: item.id, order: await getOrder(ctx, orderId) };
}
