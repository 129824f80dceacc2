import { and, asc, eq, gte, inArray, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Config } from '../../kernel/config.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, pathIds } from '../../kernel/scope/scope.js';
import { announce } from './notices.js';
import { viewerOf, visibleOrders } from './access.js';
import { canMove, FINISHED, type OrderKind, type OrderOrigin } from './constants.js';
import type { DuplicateCandidate, Duplicates } from './contract.js';
import { applyRollup } from './rollups.js';
import { orderCoReporters, orderEvents, serviceOrders } from './schema.js';

const o = serviceOrders;
const HOUR = 3_600_000;
/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS = 6_371_008.8;

/** How near and how recent a report must be to be offered as a duplicate (ORDER_DUPLICATE_METERS / _HOURS). */
export interface DuplicateWindow {
  meters: number;
  hours: number;
}
export const DEFAULT_DUPLICATE_WINDOW: DuplicateWindow = { meters: 200, hours: 72 };

export function duplicateWindow(
  config: Pick<Config, 'ORDER_DUPLICATE_METERS' | 'ORDER_DUPLICATE_HOURS'>,
): DuplicateWindow {
  return { meters: config.ORDER_DUPLICATE_METERS, hours: config.ORDER_DUPLICATE_HOURS };
}

/** Great-circle distance in metres from an order's point to (lng, lat): haversine in plain SQL (no PostGIS). */
export function distanceSql(lng: number, lat: number): SQL<number> {
  return sql<number>`(2 * ${EARTH_RADIUS}::float8 * asin(least(1::float8, sqrt(
    power(sin(radians(${o.lat} - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(${o.lat})) * power(sin(radians(${o.lng} - ${lng}::float8) / 2), 2)))))`;
}

/** What a candidate is compared with: a stored order, or the report being created. */
export interface DuplicateSubject {
  id: number | null;
  kind: OrderKind;
  /** A one-window order 一窗受理 (decision 045) is an application, not a report: it has and is no duplicate. */
  origin?: OrderOrigin;
  communityId: number;
  category: string;
  scopePath: string;
  lng: number | null;
  lat: number | null;
  at: Date;
  /** Its words: title, description and address (the place words are compared when a point is missing). */
  text: string;
}

/**
 * The place a report without a point stands for: its building when filed from a household or a unit of one
 * (two households of one building reporting the same lift are neighbours), otherwise its own node.
 */
async function placePath(db: DbOrTx, path: string): Promise<string> {
  const ids = pathIds(path);
  if (!ids.length) return path;
  const [b] = await db
    .select({ path: territories.path })
    .from(territories)
    .where(and(inArray(territories.id, ids), eq(territories.level, 'building')));
  return b?.path ?? path;
}

const NUMBERED = /([0-9０-９]+|[一二三四五六七八九十]+)\s*(号楼|栋|幢|单元|号院|号)/g;
const NAMED =
  /([\u4e00-\u9fa5]{2,8}?)(小区|花园|家园|新村|公寓|大厦|广场|市场|公园|学校|医院|幼儿园|菜市场|巷|路|街)(?![灯面口边上旁沿])/g;

/**
 * The words of a place in a report's text (issue 10 item 9): numbered parts — 3号楼, 2单元, 5栋 — and named places
 * — 文亭巷, 西关大街, 海湖花园小区. Generic words (路灯, 路口, 门口) are not places.
 */
export function placeWords(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(NUMBERED)) out.add(`${m[1]}${m[2]}`);
  for (const m of text.matchAll(NAMED)) out.add(`${m[1]}${m[2]}`);
  return [...out];
}

/** Two reports name the same place: a place word of one ends the other's ("文亭巷" in "请到文亭巷"), three characters at least. */
export function samePlaceWords(a: string, b: string): boolean {
  const wa = placeWords(a);
  const wb = placeWords(b);
  return wa.some((x) =>
    wb.some((y) => {
      const [short, long] = x.length <= y.length ? [x, y] : [y, x];
      return short.length >= 3 && long.endsWith(short);
    }),
  );
}

/**
 * Open problem reports that may duplicate the subject (issue 5 item 4): same community, kind and category, not
 * finished or merged, created within `hours` of it, and near it. Nearest first. Near means:
 * - both have a point: within `meters`;
 * - either has none (issue 10 item 9): one's place lies inside the other's AND that place is below the community
 *   (the same building, compound or grid — never "somewhere in the community"), or their texts name the same place
 *   (placeWords); otherwise nothing is offered. Same community and category alone is never a match.
 */
export async function findDuplicates(
  db: DbOrTx,
  s: DuplicateSubject,
  w: DuplicateWindow,
  now: Date,
  visible?: SQL,
): Promise<DuplicateCandidate[]> {
  if (s.kind !== 'problem' || s.origin === 'oneWindow') return [];
  const place = await placePath(db, s.scopePath);
  const [community] = await db
    .select({ path: territories.path })
    .from(territories)
    .where(eq(territories.id, s.communityId));
  const below = (path: string) => !!community && path.length > community.path.length;
  const located = s.lng !== null && s.lat !== null;
  const dist = located ? distanceSql(s.lng!, s.lat!) : null;
  const hasPoint = sql`(${o.lng} is not null and ${o.lat} is not null)`;
  const near = dist ? or(and(hasPoint, sql`${dist} <= ${w.meters}::float8`), sql`not ${hasPoint}`)! : undefined;
  const distance = dist
    ? sql<number | null>`case when ${hasPoint} then ${dist} end`.mapWith((v) => (v === null ? null : Number(v)))
    : sql<null>`null::float8`.mapWith(() => null);
  const span = w.hours * HOUR;
  const rows = await db
    .select({
      id: o.id,
      title: o.title,
      category: o.category,
      status: o.status,
      createdAt: o.createdAt,
      distance,
      scopePath: o.scopePath,
      text: sql<string>`concat_ws(' ', ${o.title}, ${o.description}, ${o.address})`,
    })
    .from(o)
    .where(
      and(
        s.id !== null ? ne(o.id, s.id) : undefined,
        eq(o.kind, s.kind),
        ne(o.origin, 'oneWindow'),
        eq(o.communityId, s.communityId),
        eq(o.category, s.category),
        notInArray(o.status, [...FINISHED]),
        gte(o.createdAt, new Date(s.at.getTime() - span)),
        lte(o.createdAt, new Date(s.at.getTime() + span)),
        near,
        visible,
      ),
    )
    .orderBy(sql`${distance} asc nulls last`, sql`${o.createdAt} desc`, asc(o.id))
    .limit(200);
  const samePlace = (path: string) =>
    (path.startsWith(place) && below(place)) || (place.startsWith(path) && below(path));
  return rows
    .filter((r) => r.distance !== null || samePlace(r.scopePath) || samePlaceWords(s.text, r.text))
    .slice(0, 20)
    .map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      status: r.status,
      distanceMeters: r.distance === null ? null : Math.round(r.distance),
      ageHours: Math.round(((now.getTime() - r.createdAt.getTime()) / HOUR) * 10) / 10,
      createdAt: r.createdAt,
    }));
}

/** GET /api/orders/:id/duplicates: the dispatcher's candidates for an order of their subtree. */
export async function orderDuplicates(ctx: Ctx, id: number, w: DuplicateWindow): Promise<Duplicates> {
  const v = await viewerOf(ctx.db, ctx.actor);
  const [row] = await ctx.db
    .select()
    .from(o)
    .where(and(eq(o.id, id), visibleOrders(v)));
  if (!row) throw notFound();
  const subject: DuplicateSubject = {
    id: row.id,
    kind: row.kind,
    origin: row.origin,
    communityId: row.communityId,
    category: row.category,
    scopePath: row.scopePath,
    lng: row.lng,
    lat: row.lat,
    at: row.createdAt,
    text: [row.title, row.description, row.address].filter(Boolean).join(' '),
  };
  const items =
    row.status === 'merged' ? [] : await findDuplicates(ctx.db, subject, w, ctx.clock.now(), visibleOrders(v));
  return { items, meters: w.meters, hours: w.hours };
}

/**
 * Merges a duplicate into an open order of the same community and kind (issue 5 item 4): the duplicate goes to
 * 'merged' and points at the target; its reporter (and anyone already merged into it) becomes a co-reporter of
 * the target, who sees it, follows its timeline and rates it once resolved. Both timelines get a 'merge' event,
 * both orders are audited, in one transaction. Either order outside the caller's subtree answers 404.
 */
export async function mergeOrder(ctx: Ctx, id: number, intoId: number): Promise<void> {
  if (id === intoId)
    throw new AppError('validation', undefined, {}, [{ field: 'intoId', message: t(ctx.locale, 'order.mergeSelf') }]);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    const rows = await tx
      .select()
      .from(o)
      .where(and(inArray(o.id, [id, intoId]), inScope(ctx.actor, o.scopePath)))
      .orderBy(asc(o.id))
      .for('update');
    const dup = rows.find((r) => r.id === id);
    const into = rows.find((r) => r.id === intoId);
    if (!dup || !into) throw notFound();
    if (!canMove('merge', dup.status)) {
      throw conflict('order.illegalMove', {
        status: t(ctx.locale, `order.status.${dup.status}`),
        move: t(ctx.locale, 'order.move.merge'),
      });
    }
    if (FINISHED.includes(into.status))
      throw conflict('order.mergeTargetFinished', { status: t(ctx.locale, `order.status.${into.status}`) });
    if (dup.communityId !== into.communityId || dup.kind !== into.kind) throw conflict('order.mergeOtherCommunity');

    await tx
      .update(o)
      .set({ status: 'merged', mergedIntoId: into.id, remindAt: null, escalateAt: null, updatedAt: now })
      .where(eq(o.id, dup.id));
    // Duplicates merged earlier into this one now point at the target as well.
    await tx.update(o).set({ mergedIntoId: into.id, updatedAt: now }).where(eq(o.mergedIntoId, dup.id));
    const earlier = await tx.select().from(orderCoReporters).where(eq(orderCoReporters.orderId, dup.id));
    const people = new Map<number, number | null>();
    if (dup.reporterAccountId !== null) people.set(dup.reporterAccountId, dup.id);
    for (const c of earlier) if (!people.has(c.accountId)) people.set(c.accountId, c.sourceOrderId ?? dup.id);
    if (into.reporterAccountId !== null) people.delete(into.reporterAccountId);
    const added = people.size
      ? await tx
          .insert(orderCoReporters)
          .values(
            [...people].map(([accountId, sourceOrderId]) => ({
              orderId: into.id,
              accountId,
              sourceOrderId,
              createdAt: now,
            })),
          )
          .onConflictDoNothing()
          .returning({ accountId: orderCoReporters.accountId })
      : [];
    const actor = { actorId: ctx.actor.accountId, actorName: ctx.actor.displayName };
    await tx.insert(orderEvents).values([
      // The note names the other order (#id and title: the same in every language).
      {
        orderId: dup.id,
        at: now,
        action: 'merge',
        fromStatus: dup.status,
        toStatus: 'merged',
        ...actor,
        note: `→ #${into.id} ${into.title}`,
        data: { intoId: into.id },
      },
      {
        orderId: into.id,
        at: now,
        action: 'merge',
        fromStatus: into.status,
        toStatus: into.status,
        ...actor,
        note: `← #${dup.id} ${dup.title}`,
        data: { fromId: dup.id, coReporters: added.map((a) => a.accountId) },
      },
    ]);
    await audit(tx, ctx, {
      action: 'order.merge',
      objectType: 'serviceOrder',
      objectId: dup.id,
      scopePath: dup.scopePath,
      before: { status: dup.status },
      after: { status: 'merged', mergedIntoId: into.id },
    });
    // Merging keeps every reporter informed: they hear where their report went (in-app, or in their digest).
    await announce(tx, ctx, [
      {
        kind: 'order.merged',
        orderId: into.id,
        accountIds: added.map((a) => a.accountId),
        params: { title: dup.title, into: into.title },
      },
    ]);
    await audit(tx, ctx, {
      action: 'order.mergeInto',
      objectType: 'serviceOrder',
      objectId: into.id,
      scopePath: into.scopePath,
      after: { fromId: dup.id, coReporters: added.map((a) => a.accountId) },
    });
    // A merged duplicate no longer counts in the figures (docs/decisions/009-order-rollups.md).
    await applyRollup(tx, dup, { ...dup, status: 'merged' });
  });
}
