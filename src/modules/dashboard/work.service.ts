import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.js';
import { territories } from '../../kernel/db/schema.js';
import { notFound } from '../../kernel/http/errors.js';
import { listFlags } from '../organizations/index.js';
import { OrderListQuery } from '../service-orders/contract.js';
import { countOrders } from '../service-orders/index.js';
import type { WorkCard } from './contract.js';
import { chinaDay, chinaDayStart } from '../../kernel/clock.js';

/**
 * 我的工作 (issue 10 item 19): the caller's own work, by what their roles do, in their subtree — each count is the
 * total of the console list its link opens, because both are the same query of the orders list (or the flags list).
 */

type Query = Record<string, string>;
const ordersLink = (q: Query) => `/orders?${new URLSearchParams(q).toString()}`;

/** Counts the orders list holds for the query exactly as the linked page will ask for it. */
async function ordersCount(ctx: Ctx, q: Query): Promise<number> {
  const parsed = OrderListQuery.parse(q);
  const { page: _p, pageSize: _s, ...filters } = parsed;
  return countOrders(ctx, filters);
}

const monthStart = (ym: string) => chinaDayStart(`${ym}-01`);
function nextMonth(ym: string): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The work card of the home page: what waits for the caller, and this month's three rates of their subtree. */
export async function workCard(ctx: Ctx): Promise<WorkCard> {
  const can = (p: string) => ctx.actor.permissions.has(p);
  const [node] = await ctx.db
    .select({ id: territories.id, name: territories.name, level: territories.level })
    .from(territories)
    .where(eq(territories.id, ctx.actor.territoryId));
  if (!node) throw notFound();

  const counts: WorkCard['counts'] = [];
  const orders = async (key: WorkCard['counts'][number]['key'], q: Query) =>
    counts.push({ key, count: await ordersCount(ctx, q), link: ordersLink(q) });
  // One query at a time: a home page should not take both cores of a busy server.
  if (can('order.dispatch')) await orders('toDispatch', { inbox: 'toDispatch' });
  // 待我接单: dispatched to me (my account, a unit I answer for, me as a party member), not yet accepted.
  if (can('order.handle') || can('order.claim'))
    await orders('toAccept', { status: 'dispatched', assignedToMe: 'true' });
  if (can('order.figures')) {
    await orders('overdue', { inbox: 'overdue' });
    await orders('escalated', { inbox: 'escalated' });
  }
  if (can('flag.read')) {
    const flags = await listFlags(ctx, { page: 1, pageSize: 1 });
    counts.push({ key: 'flags', count: flags.total, link: '/org-flags' });
  }

  const month = chinaDay(ctx.clock.now()).slice(0, 7);
  const rates: WorkCard['rates'] = [];
  if (can('order.figures')) {
    // The figures' own drill-down filters (service-orders figures.ts): counted orders created this month.
    const base: Query = {
      territoryId: String(node.id),
      counted: 'true',
      from: monthStart(month).toISOString(),
      to: monthStart(nextMonth(month)).toISOString(),
    };
    const found = await ordersCount(ctx, base);
    const rated = await ordersCount(ctx, { ...base, rating: 'satisfied,basic,unsatisfied' });
    const rateOf = async (key: WorkCard['rates'][number]['key'], q: Query, denominator: number) => {
      const numerator = await ordersCount(ctx, q);
      rates.push({
        key,
        numerator,
        denominator,
        value: denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10,
        link: ordersLink(q),
      });
    };
    await rateOf('responseRate', { ...base, respondedOnTime: 'true' }, found);
    await rateOf('resolutionRate', { ...base, resolved: 'true' }, found);
    await rateOf('satisfactionRate', { ...base, rating: 'satisfied,basic' }, rated);
  }
  return { territory: node, month, counts, rates };
}
