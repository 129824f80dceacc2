import { and, asc, desc, eq, gte, lt, notInArray, sql } from 'drizzle-orm';
import { chinaDay, chinaDayStart } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import { territories } from '../../kernel/db/schema.js';
import {
  declaredFigures,
  type FigureAmount,
  type FigureDef,
  type FigureInput,
  type FigureNode,
} from '../../kernel/figures.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, inSubtree, placeInScope } from '../../kernel/scope/scope.js';
import { addAgendaItem } from '../meetings/index.js';
import { CO_CATEGORIES, createNeed, type CoCategory } from '../co-building/index.js';
import { gridMap, grids } from '../grids/index.js';
import { listMeetings } from '../meetings/index.js';
import {
  orderGridHotspots,
  orderHotspots,
  orderStatuses,
  OVERDUE_AT_SQL,
  serviceOrders,
  UNFINISHED,
  UNFINISHED_SQL,
} from '../service-orders/index.js';
import type {
  Dashboard,
  DashboardQuery,
  FigureCard,
  GridLive,
  HotspotAction,
  HotspotActionResult,
  HotspotList,
  HotspotQuery,
  LiveMap,
  MapQuery,
} from './contract.js';

/**
 * The dashboard 数据驾驶舱 (issue 16): every figure the modules declare (kernel registry, filled from the manifests —
 * this module imports no module's figures), for a node of the viewer's subtree and a period, with the level below
 * and a monthly trend; the map of live work; hotspots, which become a need or an agenda item in one step.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);

type Node = FigureNode & { name: string };

function periodOf(ctx: Ctx, q: { from?: string | undefined; to?: string | undefined }) {
  const today = chinaDay(ctx.clock.now());
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (to < from) throw fieldError(ctx, 'to', 'dashboard.periodOrder');
  if (Date.parse(to) - Date.parse(from) > 3 * 366 * DAY) throw fieldError(ctx, 'to', 'dashboard.periodTooLong');
  return { from, to, start: chinaDayStart(from), end: new Date(chinaDayStart(to).getTime() + DAY) };
}

async function computeAll(defs: readonly FigureDef[], input: FigureInput): Promise<Map<string, FigureAmount[]>> {
  const out = new Map<string, FigureAmount[]>();
  // One figure at a time: figures of one module share a pass (cached per input), and the database stays calm.
  for (const d of defs) {
    const amounts = await d.compute(input);
    out.set(
      d.key,
      input.nodes.map((_, i) => amounts[i] ?? { value: null }),
    );
  }
  return out;
}

/** `YYYY-MM` of the last `n` months ending with the month of `day`. */
function monthsEnding(day: string, n: number): string[] {
  const out: string[] = [];
  let y = Number(day.slice(0, 4));
  let m = Number(day.slice(5, 7));
  for (let i = 0; i < n; i++) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}`);
    if (--m === 0) [y, m] = [y - 1, 12];
  }
  return out;
}
const nextMonth = (ym: string) => {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/**
 * The node's own records (filed at the node, in none of its children): the node's amount less the children's, for
 * the figures that add up (counts, sums, and rates by numerator and denominator); other figures have no own amount.
 * Shown only when some figure has records of its own (issue 10 item 8: 社区直属, so the level below adds up).
 */
function directRow(
  ctx: Ctx,
  node: Node,
  defs: readonly FigureDef[],
  figures: FigureCard[],
  kids: Dashboard['children'],
  p: { from: string; to: string },
): Dashboard['children'][number] | null {
  const amounts: Record<string, FigureAmount> = {};
  const drills: Record<string, string> = {};
  let any = false;
  for (const f of figures) {
    const of = (c: Dashboard['children'][number]) => c.amounts[f.key];
    const a = f.amount;
    let own: FigureAmount = { value: null };
    if (a.numerator !== undefined && a.denominator !== undefined) {
      const n = a.numerator - kids.reduce((s, c) => s + (of(c)?.numerator ?? 0), 0);
      const d = a.denominator - kids.reduce((s, c) => s + (of(c)?.denominator ?? 0), 0);
      if (n >= 0 && d >= 0) {
        own = { value: d === 0 ? null : Math.round((n / d) * 1000) / 10, numerator: n, denominator: d };
        if (d > 0) any = true;
      }
    } else if (f.unit !== 'percent' && f.unit !== 'score' && a.value !== null) {
      const v = a.value - kids.reduce((s, c) => s + (of(c)?.value ?? 0), 0);
      if (v >= 0) {
        own = { value: Math.round(v * 10) / 10 };
        if (v > 0) any = true;
      }
    }
    amounts[f.key] = own;
    const def = defs.find((d) => d.key === f.key)!;
    const drill = def.drill({ node, from: p.from, to: p.to });
    if (drill.startsWith('/orders?')) drills[f.key] = `${drill}&direct=true`;
  }
  if (!any) return null;
  const name = t(ctx.locale, node.level === 'community' ? 'dashboard.direct.community' : 'dashboard.direct.node', {
    name: node.name,
  });
  return { territory: { id: node.id, name, level: node.level }, amounts, drills, direct: true };
}

export async function dashboard(ctx: Ctx, q: DashboardQuery): Promise<Dashboard> {
  const node = await placeInScope(ctx.db, ctx.actor, q.territoryId ?? ctx.actor.territoryId);
  const p = periodOf(ctx, q);
  const defs = declaredFigures();
  const base = { db: ctx.db, actor: ctx.actor, clock: ctx.clock };
  const own = await computeAll(defs, { ...base, nodes: [node], from: p.start, to: p.end });
  const figures: FigureCard[] = defs.map((d) => ({
    key: d.key,
    section: d.section,
    label: d.label[ctx.locale],
    formula: d.formula[ctx.locale],
    unit: d.unit,
    periodic: d.periodic,
    higherIsBetter: d.higherIsBetter ?? true,
    amount: own.get(d.key)![0]!,
    drill: d.drill({ node, from: p.from, to: p.to }),
  }));

  const children: Dashboard['children'] = [];
  if (q.children === 'true') {
    const kids = await ctx.db
      .select({ id: territories.id, name: territories.name, level: territories.level, path: territories.path })
      .from(territories)
      .where(and(eq(territories.parentId, node.id), inScope(ctx.actor, territories.path)))
      .orderBy(asc(territories.id));
    if (kids.length) {
      const byKid = await computeAll(defs, { ...base, nodes: kids, from: p.start, to: p.end });
      kids.forEach((k, i) =>
        children.push({
          territory: { id: k.id, name: k.name, level: k.level },
          amounts: Object.fromEntries(defs.map((d) => [d.key, byKid.get(d.key)![i]!])),
          drills: Object.fromEntries(defs.map((d) => [d.key, d.drill({ node: k, from: p.from, to: p.to })])),
        }),
      );
      const own = directRow(ctx, node, defs, figures, children, p);
      if (own) children.push(own);
    }
  }

  // The trend: each month of the last q.months ending with the period's last month (a stock at the month's end).
  const months = monthsEnding(p.to, q.months);
  const values: Record<string, (number | null)[]> = Object.fromEntries(defs.map((d) => [d.key, []]));
  for (const ym of months) {
    const start = chinaDayStart(`${ym}-01`);
    const end = chinaDayStart(`${nextMonth(ym)}-01`);
    const month = await computeAll(defs, {
      ...base,
      nodes: [node],
      from: start,
      to: end,
    });
    for (const d of defs) values[d.key]!.push(month.get(d.key)![0]!.value);
  }

  return {
    territory: { id: node.id, name: node.name, level: node.level },
    from: p.from,
    to: p.to,
    figures,
    children,
    trend: { months, values },
  };
}

// ---- the map of live work ------------------------------------------------------------------------------------

const o = serviceOrders;
// The loop's own predicates (service-orders' face), so the partial indexes over unfinished orders serve them.
const OPEN = sql.raw(UNFINISHED_SQL('service_orders'));
const OVERDUE_AT = sql.raw(OVERDUE_AT_SQL('service_orders'));

export async function liveMap(ctx: Ctx, q: MapQuery): Promise<LiveMap> {
  const node = await placeInScope(ctx.db, ctx.actor, q.territoryId ?? ctx.actor.territoryId);
  const p = periodOf(ctx, q);
  const now = ctx.clock.now().toISOString();
  const overdueAt = OVERDUE_AT;
  const [map, perGrid, overdue, heat] = await Promise.all([
    gridMap(ctx, { communityId: node.id }),
    ctx.db
      .select({
        gridId: o.gridId,
        open: sql<number>`count(*)::int`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${overdueAt} < ${now}::timestamptz)::int`.mapWith(Number),
      })
      .from(o)
      .where(and(inSubtree(o.scopePath, node.path), OPEN, sql`${o.gridId} is not null`))
      .groupBy(o.gridId),
    ctx.db
      .select({ id: o.id, title: o.title, category: o.category, lng: o.lng, lat: o.lat })
      .from(o)
      .where(
        and(
          inSubtree(o.scopePath, node.path),
          OPEN,
          sql`${overdueAt} < ${now}::timestamptz`,
          sql`${o.lng} is not null and ${o.lat} is not null`,
        ),
      )
      .orderBy(asc(overdueAt))
      .limit(2000),
    ctx.db
      .select({
        x: sql<number>`round(${o.lng}::numeric, 3)::float8`.mapWith(Number),
        y: sql<number>`round(${o.lat}::numeric, 3)::float8`.mapWith(Number),
        n: sql<number>`count(*)::int`.mapWith(Number),
      })
      .from(o)
      .where(
        and(
          inSubtree(o.scopePath, node.path),
          notInArray(o.status, ['merged', 'cancelled']),
          sql`${o.lng} is not null and ${o.lat} is not null`,
          gte(o.createdAt, p.start),
          lt(o.createdAt, p.end),
          q.category ? eq(o.category, q.category) : undefined,
        ),
      )
      .groupBy(sql`1`, sql`2`)
      .orderBy(desc(sql`3`))
      .limit(5000),
  ]);
  const counts = new Map(perGrid.map((r) => [r.gridId!, r]));
  const cells = map.grids.features.map((f) => ({
    id: f.properties.id,
    name: f.properties.name,
    kind: f.properties.kind,
    communityId: f.properties.communityId,
    communityName: f.properties.communityName,
    geometry: f.geometry as { type: string; coordinates: unknown },
    open: counts.get(f.properties.id)?.open ?? 0,
    overdue: counts.get(f.properties.id)?.overdue ?? 0,
  }));
  return {
    territory: { id: node.id, name: node.name, level: node.level },
    boundaries: map.boundaries as LiveMap['boundaries'],
    grids: cells,
    bbox: map.bbox ? [...(map.bbox as number[])] : null,
    places: map.places.map((p) => ({ id: p.id, name: p.name, communityId: p.communityId, lng: p.lng, lat: p.lat })),
    overdue: overdue.map((r) => ({ ...r, lng: r.lng!, lat: r.lat! })),
    heat: heat.map((r) => [r.x, r.y, r.n] as [number, number, number]),
    maxOpen: cells.reduce((m, g) => Math.max(m, g.open), 0),
  };
}

/** One grid of the map: its open and overdue orders (the click on the map). */
export async function gridLive(ctx: Ctx, gridId: number): Promise<GridLive> {
  const [grid] = await ctx.db
    .select({ id: grids.id, name: grids.name, communityId: grids.communityId })
    .from(grids)
    .where(and(eq(grids.id, gridId), inScope(ctx.actor, grids.scopePath)));
  if (!grid) throw notFound();
  const now = ctx.clock.now();
  const overdueAt = OVERDUE_AT;
  const rows = await ctx.db
    .select({
      id: o.id,
      title: o.title,
      category: o.category,
      status: o.status,
      createdAt: o.createdAt,
      overdue: sql<boolean>`${overdueAt} < ${now.toISOString()}::timestamptz`,
    })
    .from(o)
    .where(and(eq(o.gridId, gridId), OPEN, inScope(ctx.actor, o.scopePath)))
    .orderBy(asc(o.createdAt), asc(o.id));
  return {
    grid,
    open: rows.length,
    overdue: rows.filter((r) => r.overdue).length,
    orders: rows.slice(0, 50).map((r) => ({ ...r, overdue: Boolean(r.overdue) })),
    drill: `/orders?gridId=${gridId}&status=${UNFINISHED.join(',')}`,
  };
}

// ---- hotspots ------------------------------------------------------------------------------------------------

export async function hotspots(ctx: Ctx, q: HotspotQuery): Promise<HotspotList> {
  const node = await placeInScope(ctx.db, ctx.actor, q.territoryId ?? ctx.actor.territoryId);
  const rule = { minCount: q.minCount, days: q.days };
  const now = ctx.clock.now();
  const found =
    q.by === 'grid'
      ? (await orderGridHotspots(ctx.db, node.path, now, rule)).map((h) => ({
          ...h,
          compound: null,
          grid: { id: h.gridId, name: h.gridName },
        }))
      : (await orderHotspots(ctx.db, node.path, now, rule)).map((h) => ({
          ...h,
          compound: { id: h.compoundId, name: h.compoundName },
          grid: null,
        }));
  const refs = await orderStatuses(
    ctx.db,
    found.flatMap((h) => h.orderIds),
  );
  return {
    minCount: q.minCount,
    days: q.days,
    by: q.by,
    items: found.map((h) => ({
      compound: h.compound,
      grid: h.grid,
      community: { id: h.communityId, name: h.communityName },
      category: h.category,
      count: h.count,
      orders: h.orderIds
        .map((id) => refs.get(id))
        .filter((r) => r !== undefined)
        .map((r) => ({ id: r.id, title: r.title, category: r.category, status: r.status, createdAt: r.createdAt })),
    })),
  };
}

const CATEGORY_WORDS: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  environment: { 'zh-CN': '环境卫生', 'en-US': 'environment' },
  repair: { 'zh-CN': '维修', 'en-US': 'repair' },
  safety: { 'zh-CN': '安全', 'en-US': 'safety' },
  neighbourhood: { 'zh-CN': '邻里', 'en-US': 'neighbourhood' },
  elderly: { 'zh-CN': '为老服务', 'en-US': 'elderly care' },
  parking: { 'zh-CN': '停车', 'en-US': 'parking' },
  greening: { 'zh-CN': '绿化', 'en-US': 'greening' },
  property: { 'zh-CN': '物业', 'en-US': 'property' },
  policy: { 'zh-CN': '政策咨询', 'en-US': 'policy' },
  other: { 'zh-CN': '其他', 'en-US': 'other' },
};

/** The hotspot asked for, found again under the viewer's scope by the same rule (so a stale click cannot invent one). */
async function hotspotOf(ctx: Ctx, a: HotspotAction) {
  const compound = await placeInScope(ctx.db, ctx.actor, a.compoundId);
  const found = await orderHotspots(ctx.db, compound.path, ctx.clock.now(), { minCount: a.minCount, days: a.days });
  const h = found.find((x) => x.compoundId === a.compoundId && x.category === a.category);
  if (!h) throw fieldError(ctx, 'category', 'dashboard.notAHotspot');
  const title = t(ctx.locale, 'dashboard.hotspotTitle', {
    place: h.compoundName,
    category: CATEGORY_WORDS[h.category]?.[ctx.locale] ?? h.category,
    n: a.days,
    count: h.count,
  }).slice(0, 100);
  return { h, title };
}

/** A hotspot becomes a need of co-building (source: recurring orders, with the orders behind it). */
export async function hotspotToNeed(ctx: Ctx, a: HotspotAction): Promise<HotspotActionResult> {
  const { h, title } = await hotspotOf(ctx, a);
  const category: CoCategory = (CO_CATEGORIES as readonly string[]).includes(h.category)
    ? (h.category as CoCategory)
    : 'other';
  const need = await createNeed(ctx, {
    title,
    category,
    territoryId: h.compoundId,
    source: 'recurringOrders',
    sourceOrderIds: h.orderIds,
    public: true,
  });
  return { kind: 'need', id: need.id, link: `/co-building/needs/${need.id}` };
}

/** A hotspot becomes an agenda item of the community's next planned meeting (每月一题). */
export async function hotspotToAgenda(ctx: Ctx, a: HotspotAction): Promise<HotspotActionResult> {
  const { h, title } = await hotspotOf(ctx, a);
  const planned = await listMeetings(ctx, {
    territoryId: h.communityId,
    status: ['planned'],
    from: ctx.clock.now(),
    page: 1,
    pageSize: 200,
  });
  // The community's own meetings (not a compound's), earliest first.
  const next = planned.items
    .filter((m) => m.territory.id === h.communityId)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id)[0];
  const meetingId = next?.id ?? 0;
  if (!meetingId) throw fieldError(ctx, 'compoundId', 'dashboard.noNextMeeting');
  const meeting = await addAgendaItem(ctx, meetingId, { title, source: 'hotspot', orderIds: h.orderIds.slice(0, 50) });
  const item = meeting.agenda.at(-1)!;
  return { kind: 'agendaItem', id: item.id, link: `/meetings/${meeting.id}` };
}
