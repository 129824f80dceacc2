import { and, count, eq, gte, like, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { serviceOrders } from './schema.js';

export interface RecurringCluster {
  compoundId: number;
  compoundName: string;
  communityId: number;
  communityName: string;
  category: string;
  orderIds: number[];
}

/**
 * Recurring orders 高频诉求 (issue 12 item 1): the same category at the same compound, `minOrders` or more orders
 * (merged duplicates and mediation cases left out) created since `since`, under `scopePath`. Read-only.
 */
export async function recurringOrderClusters(
  db: DbOrTx,
  opts: { scopePath: string; since: Date; minOrders: number },
): Promise<RecurringCluster[]> {
  const o = serviceOrders;
  const c = alias(territories, 'compound');
  const cm = alias(territories, 'community');
  const n = count();
  const rows = await db
    .select({
      compoundId: c.id,
      compoundName: c.name,
      communityId: cm.id,
      communityName: cm.name,
      category: o.category,
      orderIds: sql<number[]>`array_agg(${o.id} order by ${o.id})`,
      n,
    })
    .from(o)
    .innerJoin(c, and(eq(c.level, 'compound'), sql`${o.scopePath} like ${c.path} || '%'`))
    .innerJoin(cm, eq(cm.id, o.communityId))
    .where(
      and(
        like(o.scopePath, `${opts.scopePath}%`),
        gte(o.createdAt, opts.since),
        ne(o.status, 'merged'),
        ne(o.kind, 'mediation'),
      ),
    )
    .groupBy(c.id, c.name, cm.id, cm.name, o.category)
    .having(sql`count(*) >= ${opts.minOrders}`)
    .orderBy(sql`count(*) desc`, c.id, o.category);
  return rows.map(({ n: _n, orderIds, ...r }) => ({ ...r, orderIds: orderIds.map(Number) }));
}
