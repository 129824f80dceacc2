import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Clock } from '../../kernel/clock.js';
import { systemActor, type Ctx } from '../../kernel/context.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, pathInScope, placeFilter, placeInScope } from '../../kernel/scope/scope.js';
import { notify } from '../notifications/index.js';
import { createOrder } from '../service-orders/index.js';
import { METRIC_LABELS, METRICS, type Metric, type ReadingSource } from './constants.js';
import type {
  Alert,
  AlertQuery,
  CreateRiver,
  CreateRoute,
  CreateStation,
  Ingest,
  Patrol,
  PatrolInput,
  PatrolQuery,
  ReadingQuery,
  River,
  SetThresholds,
  StationOut,
} from './contract.js';
import {
  riverAlerts,
  riverPatrols,
  riverProblems,
  riverReadings,
  riverRivers,
  riverRoutes,
  riverStations,
  riverThresholds,
  type LinePoints,
} from './schema.js';

const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);
const inTx = (ctx: Ctx, tx: DbOrTx): Ctx => ({ ...ctx, db: tx as Ctx['db'] });
const PLACE_LEVELS = ['community', 'compound', 'building', 'unit', 'household'];

/** Length of a line in metres (haversine over its segments). */
export function lineLength(line: LinePoints): number {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  let m = 0;
  for (let i = 1; i < line.length; i++) {
    const [lng1, lat1] = line[i - 1]!;
    const [lng2, lat2] = line[i]!;
    const a =
      Math.sin(rad(lat2 - lat1) / 2) ** 2 +
      Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
    m += 2 * R * Math.asin(Math.sqrt(a));
  }
  return Math.round(m);
}

/** SHA-256 of a station key: keys are 32 random bytes, so a plain hash suffices (nothing to guess). */
export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
const newKey = () => `gzk_${randomBytes(32).toString('base64url')}`;

/** A river the viewer keeps or patrols: in their subtree, or their own node lies below the river's node. */
const riverVisible = (
  ctx: Ctx,
  col: typeof riverRivers.scopePath | typeof riverRoutes.scopePath = riverRivers.scopePath,
): SQL => or(inScope(ctx.actor, col), sql`${ctx.actor.scopePath} like ${col} || '%'`)!;

async function riverRow(ctx: Ctx, db: DbOrTx, id: number, manage: boolean) {
  const [r] = await db
    .select()
    .from(riverRivers)
    .where(and(eq(riverRivers.id, id), manage ? inScope(ctx.actor, riverRivers.scopePath) : riverVisible(ctx)));
  if (!r) throw notFound();
  return r;
}
async function stationRow(ctx: Ctx, db: DbOrTx, id: number) {
  const [s] = await db
    .select()
    .from(riverStations)
    .where(and(eq(riverStations.id, id), inScope(ctx.actor, riverStations.scopePath)));
  if (!s) throw notFound();
  return s;
}
async function accountsInScope(ctx: Ctx, ids: readonly number[]) {
  if (!ids.length) return;
  const rows = await ctx.db
    .select({ id: accounts.id })
    .from(accounts)
    .innerJoin(territories, eq(territories.id, accounts.territoryId))
    .where(and(inArray(accounts.id, [...ids]), inScope(ctx.actor, territories.path)));
  if (rows.length !== new Set(ids).size) throw fieldError(ctx, 'responsibleAccountIds', 'river.accountNotFound');
}
function checkThresholds(ctx: Ctx, list: { metric: Metric; min?: number | null; max?: number | null }[]) {
  const seen = new Set<string>();
  list.forEach((x, i) => {
    if (seen.has(x.metric)) throw fieldError(ctx, `thresholds.${i}.metric`, 'river.thresholdTwice');
    seen.add(x.metric);
    if (x.min == null && x.max == null) throw fieldError(ctx, `thresholds.${i}.max`, 'river.thresholdEmpty');
    if (x.min != null && x.max != null && x.min > x.max)
      throw fieldError(ctx, `thresholds.${i}.min`, 'river.minAboveMax');
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Rivers, routes, stations
// ---------------------------------------------------------------------------------------------------------------

export async function createRiver(ctx: Ctx, input: CreateRiver): Promise<River> {
  const node = await placeInScope(ctx.db, ctx.actor, input.territoryId);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(riverRivers)
      .values({
        name: input.name,
        territoryId: node.id,
        scopePath: node.path,
        chief: input.chief ?? null,
        course: input.course ?? null,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'river.create',
      objectType: 'river',
      objectId: row!.id,
      scopePath: node.path,
      after: row,
    });
    return row!.id;
  });
  return getRiver(ctx, id);
}

export async function createRoute(ctx: Ctx, riverId: number, input: CreateRoute): Promise<River> {
  const river = await riverRow(ctx, ctx.db, riverId, true);
  const node = await placeInScope(ctx.db, ctx.actor, input.territoryId);
  if (!node.path.startsWith(river.scopePath) || !PLACE_LEVELS.includes(node.level))
    throw fieldError(ctx, 'territoryId', 'river.routePlace');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(riverRoutes)
      .values({
        riverId,
        name: input.name,
        territoryId: node.id,
        line: input.line,
        lengthM: lineLength(input.line),
        scopePath: node.path,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'river.route.create',
      objectType: 'riverRoute',
      objectId: row!.id,
      scopePath: node.path,
      after: row,
    });
  });
  return getRiver(ctx, riverId);
}

export async function createStation(ctx: Ctx, riverId: number, input: CreateStation) {
  const river = await riverRow(ctx, ctx.db, riverId, true);
  const place = input.territoryId
    ? await placeInScope(ctx.db, ctx.actor, input.territoryId)
    : { path: river.scopePath };
  if (!place.path.startsWith(river.scopePath)) throw fieldError(ctx, 'territoryId', 'river.stationPlace');
  checkThresholds(ctx, input.thresholds);
  await accountsInScope(ctx, input.responsibleAccountIds);
  const [dup] = await ctx.db
    .select({ id: riverStations.id })
    .from(riverStations)
    .where(eq(riverStations.code, input.code));
  if (dup) throw fieldError(ctx, 'code', 'river.codeTaken');
  const key = newKey();
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(riverStations)
      .values({
        riverId,
        code: input.code,
        name: input.name,
        location: input.location ?? null,
        keyHash: hashKey(key),
        keyIssuedAt: now,
        responsibleAccountIds: [...new Set(input.responsibleAccountIds)],
        scopePath: place.path,
      })
      .returning();
    if (input.thresholds.length)
      await tx.insert(riverThresholds).values(
        input.thresholds.map((x) => ({
          stationId: row!.id,
          metric: x.metric,
          min: x.min ?? null,
          max: x.max ?? null,
        })),
      );
    await audit(tx, ctx, {
      action: 'river.station.create',
      objectType: 'riverStation',
      objectId: row!.id,
      scopePath: place.path,
      after: { ...row, thresholds: input.thresholds },
    });
    return row!.id;
  });
  return { stationId: id, code: input.code, key };
}

/** Issues a new gateway key (the old one stops working at once); the key is shown only in this answer. */
export async function rotateKey(ctx: Ctx, stationId: number) {
  const s = await stationRow(ctx, ctx.db, stationId);
  const key = newKey();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(riverStations)
      .set({ keyHash: hashKey(key), keyIssuedAt: ctx.clock.now() })
      .where(eq(riverStations.id, s.id));
    await audit(tx, ctx, {
      action: 'river.station.key',
      objectType: 'riverStation',
      objectId: s.id,
      scopePath: s.scopePath,
      after: { keyIssuedAt: ctx.clock.now() },
    });
  });
  return { stationId: s.id, code: s.code, key };
}

export async function setThresholds(ctx: Ctx, stationId: number, input: SetThresholds) {
  const s = await stationRow(ctx, ctx.db, stationId);
  checkThresholds(ctx, input.thresholds);
  await ctx.db.transaction(async (tx) => {
    const before = await tx.select().from(riverThresholds).where(eq(riverThresholds.stationId, s.id));
    await tx.delete(riverThresholds).where(eq(riverThresholds.stationId, s.id));
    if (input.thresholds.length)
      await tx
        .insert(riverThresholds)
        .values(
          input.thresholds.map((x) => ({ stationId: s.id, metric: x.metric, min: x.min ?? null, max: x.max ?? null })),
        );
    await audit(tx, ctx, {
      action: 'river.station.thresholds',
      objectType: 'riverStation',
      objectId: s.id,
      scopePath: s.scopePath,
      before,
      after: input.thresholds,
    });
  });
  const [r] = await riversOut(
    ctx,
    ctx.db,
    await ctx.db.select().from(riverRivers).where(eq(riverRivers.id, s.riverId)),
  );
  return r!.stations.find((x) => x.id === s.id)!;
}

async function riversOut(ctx: Ctx, db: DbOrTx, rows: (typeof riverRivers.$inferSelect)[]): Promise<River[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [routes, stations] = await Promise.all([
    db.select().from(riverRoutes).where(inArray(riverRoutes.riverId, ids)).orderBy(asc(riverRoutes.id)),
    db.select().from(riverStations).where(inArray(riverStations.riverId, ids)).orderBy(asc(riverStations.id)),
  ]);
  const sids = stations.map((s) => s.id).concat([0]);
  const [thresholds, latest, open] = await Promise.all([
    db.select().from(riverThresholds).where(inArray(riverThresholds.stationId, sids)).orderBy(asc(riverThresholds.id)),
    db
      .selectDistinctOn([riverReadings.stationId, riverReadings.metric], {
        stationId: riverReadings.stationId,
        metric: riverReadings.metric,
        value: riverReadings.value,
        measuredAt: riverReadings.measuredAt,
      })
      .from(riverReadings)
      .where(inArray(riverReadings.stationId, sids))
      .orderBy(riverReadings.stationId, riverReadings.metric, desc(riverReadings.measuredAt)),
    db
      .select({ stationId: riverAlerts.stationId, n: count() })
      .from(riverAlerts)
      .where(and(inArray(riverAlerts.stationId, sids), eq(riverAlerts.status, 'open')))
      .groupBy(riverAlerts.stationId),
  ]);
  const nodeIds = [...rows.map((r) => r.territoryId), ...routes.map((r) => r.territoryId)];
  const nm = new Map(
    (
      await db
        .select({ id: territories.id, name: territories.name })
        .from(territories)
        .where(inArray(territories.id, nodeIds))
    ).map((x) => [x.id, x.name]),
  );
  const canManage = (path: string) => pathInScope(ctx.actor, path);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    place: { id: r.territoryId, name: nm.get(r.territoryId) ?? '' },
    chief: r.chief,
    course: r.course ?? null,
    routes: routes
      .filter((x) => x.riverId === r.id)
      .map((x) => ({
        id: x.id,
        riverId: x.riverId,
        name: x.name,
        place: { id: x.territoryId, name: nm.get(x.territoryId) ?? '' },
        line: x.line,
        lengthM: x.lengthM,
      })),
    stations: stations
      .filter((s) => s.riverId === r.id && canManage(s.scopePath))
      .map((s): StationOut => ({
        id: s.id,
        riverId: s.riverId,
        code: s.code,
        name: s.name,
        location: s.location ?? null,
        hasKey: !!s.keyHash,
        keyIssuedAt: s.keyIssuedAt,
        responsibleAccountIds: s.responsibleAccountIds,
        thresholds: thresholds
          .filter((x) => x.stationId === s.id)
          .map((x) => ({ metric: x.metric, min: x.min, max: x.max })),
        latest: latest
          .filter((x) => x.stationId === s.id)
          .map((x) => ({ metric: x.metric, value: x.value, measuredAt: x.measuredAt })),
        openAlerts: open.find((x) => x.stationId === s.id)?.n ?? 0,
      })),
  }));
}

export async function getRiver(ctx: Ctx, id: number): Promise<River> {
  const r = await riverRow(ctx, ctx.db, id, false);
  return (await riversOut(ctx, ctx.db, [r]))[0]!;
}
export async function listRivers(ctx: Ctx): Promise<River[]> {
  const rows = await ctx.db.select().from(riverRivers).where(riverVisible(ctx)).orderBy(asc(riverRivers.id)).limit(200);
  return riversOut(ctx, ctx.db, rows);
}

// ---------------------------------------------------------------------------------------------------------------
// Patrols 巡河
// ---------------------------------------------------------------------------------------------------------------

/** Records a patrol; each problem found becomes a problem report (service order) at the route's place. */
export async function createPatrol(ctx: Ctx, input: PatrolInput): Promise<Patrol> {
  if (input.endedAt.getTime() < input.startedAt.getTime()) throw fieldError(ctx, 'endedAt', 'river.endBeforeStart');
  if (input.endedAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000)
    throw fieldError(ctx, 'endedAt', 'river.inFuture');
  const [route] = await ctx.db
    .select({ r: riverRoutes, riverScope: riverRivers.scopePath })
    .from(riverRoutes)
    .innerJoin(riverRivers, eq(riverRivers.id, riverRoutes.riverId))
    .where(and(eq(riverRoutes.id, input.routeId), riverVisible(ctx, riverRoutes.scopePath)));
  if (!route) throw notFound();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(riverPatrols)
      .values({
        routeId: route.r.id,
        patrollerAccountId: ctx.actor.accountId || null,
        patrollerName: ctx.actor.displayName,
        startedAt: input.startedAt,
        endedAt: input.endedAt,
        walked: input.walked ?? null,
        note: input.note ?? null,
        scopePath: route.r.scopePath,
      })
      .returning();
    for (const p of input.problems) {
      const order = await createOrder(inTx(ctx, tx), {
        kind: 'problem',
        category: 'environment',
        title: p.description,
        description: t('zh-CN', 'river.orderFromPatrol', { route: route.r.name }),
        territoryId: route.r.territoryId,
        location: p.lng != null && p.lat != null ? { lng: p.lng, lat: p.lat } : null,
      });
      await tx
        .insert(riverProblems)
        .values({ patrolId: row!.id, description: p.description, orderId: order.id, scopePath: route.r.scopePath });
    }
    await audit(tx, ctx, {
      action: 'river.patrol.create',
      objectType: 'riverPatrol',
      objectId: row!.id,
      scopePath: route.r.scopePath,
      after: { ...row, problems: input.problems },
    });
    return row!.id;
  });
  return (await patrolsOut(ctx.db, await ctx.db.select().from(riverPatrols).where(eq(riverPatrols.id, id))))[0]!;
}

async function patrolsOut(db: DbOrTx, rows: (typeof riverPatrols.$inferSelect)[]): Promise<Patrol[]> {
  if (!rows.length) return [];
  const routes = await db
    .select({ id: riverRoutes.id, name: riverRoutes.name, riverId: riverRivers.id, river: riverRivers.name })
    .from(riverRoutes)
    .innerJoin(riverRivers, eq(riverRivers.id, riverRoutes.riverId))
    .where(
      inArray(
        riverRoutes.id,
        rows.map((r) => r.routeId),
      ),
    );
  const problems = await db
    .select()
    .from(riverProblems)
    .where(
      inArray(
        riverProblems.patrolId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(riverProblems.id));
  return rows.map((r) => {
    const rt = routes.find((x) => x.id === r.routeId)!;
    return {
      id: r.id,
      route: { id: rt.id, name: rt.name },
      river: { id: rt.riverId, name: rt.river },
      patroller: r.patrollerName,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      walked: r.walked ?? null,
      note: r.note,
      problems: problems
        .filter((p) => p.patrolId === r.id)
        .map((p) => ({ id: p.id, description: p.description, orderId: p.orderId })),
    };
  });
}

export async function listPatrols(ctx: Ctx, q: PatrolQuery) {
  const w: SQL[] = [inScope(ctx.actor, riverPatrols.scopePath)];
  w.push(...(await placeFilter(ctx.db, ctx.actor, riverPatrols.scopePath, q.territoryId)));
  if (q.riverId)
    w.push(
      inArray(
        riverPatrols.routeId,
        ctx.db.select({ id: riverRoutes.id }).from(riverRoutes).where(eq(riverRoutes.riverId, q.riverId)),
      ),
    );
  if (q.from) w.push(gte(riverPatrols.startedAt, q.from));
  if (q.to) w.push(lt(riverPatrols.startedAt, q.to));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(riverPatrols)
      .where(where)
      .orderBy(desc(riverPatrols.startedAt), desc(riverPatrols.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(riverPatrols).where(where),
  ]);
  return { items: await patrolsOut(ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

// ---------------------------------------------------------------------------------------------------------------
// Readings, thresholds and alerts
// ---------------------------------------------------------------------------------------------------------------

type StationRow = typeof riverStations.$inferSelect;
interface ReadingIn {
  readingId: string;
  metric: Metric;
  value: number;
  measuredAt: Date;
}

/**
 * Stores readings of one station and raises one alert per reading past its threshold, telling the station's
 * responsible accounts (notifications face), in the caller's transaction. A reading id seen before is returned in
 * `replayed` and nothing is written for it.
 */
async function storeReadings(
  tx: DbOrTx,
  ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId' | 'ip'>,
  s: StationRow,
  list: readonly ReadingIn[],
  source: ReadingSource,
): Promise<{ stored: number; alerts: number; replayed: string[] }> {
  if (!list.length) return { stored: 0, alerts: 0, replayed: [] };
  const now = ctx.clock.now();
  const inserted = await tx
    .insert(riverReadings)
    .values(list.map((r) => ({ ...r, stationId: s.id, source, receivedAt: now, scopePath: s.scopePath })))
    .onConflictDoNothing({ target: [riverReadings.stationId, riverReadings.readingId] })
    .returning();
  const got = new Set(inserted.map((r) => r.readingId));
  const replayed = list.filter((r) => !got.has(r.readingId)).map((r) => r.readingId);
  const limits = await tx.select().from(riverThresholds).where(eq(riverThresholds.stationId, s.id));
  type Past = { r: (typeof inserted)[number]; bound: number; direction: 'above' | 'below' };
  const past = inserted.flatMap((r): Past[] => {
    const l = limits.find((x) => x.metric === r.metric);
    if (!l) return [];
    if (l.max != null && r.value > l.max) return [{ r, bound: l.max, direction: 'above' as const }];
    if (l.min != null && r.value < l.min) return [{ r, bound: l.min, direction: 'below' as const }];
    return [];
  });
  if (past.length) {
    const alerts = await tx
      .insert(riverAlerts)
      .values(
        past.map((p) => ({
          stationId: s.id,
          readingRowId: p.r.id,
          metric: p.r.metric,
          value: p.r.value,
          bound: p.bound,
          direction: p.direction,
          scopePath: s.scopePath,
          createdAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning();
    await notify(
      tx,
      ctx,
      alerts.map((a) => ({
        kind: 'river.alert' as const,
        accountIds: s.responsibleAccountIds,
        params: {
          station: s.name,
          metric: METRIC_LABELS[a.metric]['zh-CN'],
          value: a.value,
          bound: a.bound,
          unit: METRICS[a.metric],
        },
        link: `/river/alerts?stationId=${s.id}`,
      })),
    );
    for (const a of alerts)
      await audit(tx, ctx, {
        action: 'river.alert.raise',
        objectType: 'riverAlert',
        objectId: a.id,
        scopePath: s.scopePath,
        after: a,
      });
  }
  return { stored: inserted.length, alerts: past.length, replayed };
}

/**
 * The sensor gateway's endpoint: the station's key in `Authorization: Bearer <key>`. An unknown station and a bad
 * key get the same 401 (nothing written, nothing told); a replayed reading id gets 409 and changes nothing.
 */
export async function ingest(
  db: Db,
  clock: Clock,
  meta: { ip: string; requestId: string },
  authorization: string | undefined,
  input: Ingest,
) {
  const key = /^Bearer (\S{10,200})$/.exec(authorization ?? '')?.[1] ?? '';
  const [s] = await db.select().from(riverStations).where(eq(riverStations.code, input.station));
  const given = Buffer.from(hashKey(key), 'hex');
  const stored = Buffer.from(s?.keyHash ?? hashKey(`absent:${randomBytes(8).toString('hex')}`), 'hex');
  if (!s || !key || !timingSafeEqual(given, stored)) throw new AppError('auth.invalidCredentials', 'river.badKey');
  const actor = { ...systemActor(s.scopePath), displayName: `station:${s.code}` };
  const ctx = { actor, clock, requestId: meta.requestId, ip: meta.ip };
  const res = await db.transaction((tx) =>
    storeReadings(
      tx,
      ctx,
      s,
      [{ readingId: input.readingId, metric: input.metric, value: input.value, measuredAt: input.measuredAt }],
      'gateway',
    ),
  );
  if (res.replayed.length) throw conflict('river.replayed', { id: input.readingId });
  return { accepted: true as const, alert: res.alerts > 0 };
}

/** Readings from a spreadsheet (the import), station by code inside the viewer's subtree. */
export async function importReadings(
  ctx: Ctx,
  rows: {
    row: number;
    value: { station: string; readingId: string; metric: Metric; value: number; measuredAt: Date };
  }[],
) {
  const codes = [...new Set(rows.map((r) => r.value.station))];
  const stations = codes.length
    ? await ctx.db
        .select()
        .from(riverStations)
        .where(and(inArray(riverStations.code, codes), inScope(ctx.actor, riverStations.scopePath)))
    : [];
  return {
    stations,
    store: (tx: DbOrTx, s: StationRow, list: ReadingIn[]) => storeReadings(tx, ctx, s, list, 'import'),
  };
}

export async function listReadings(ctx: Ctx, q: ReadingQuery) {
  const w: SQL[] = [inScope(ctx.actor, riverReadings.scopePath)];
  if (q.stationId) w.push(eq(riverReadings.stationId, q.stationId));
  if (q.metric) w.push(eq(riverReadings.metric, q.metric));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ r: riverReadings, name: riverStations.name })
      .from(riverReadings)
      .innerJoin(riverStations, eq(riverStations.id, riverReadings.stationId))
      .where(where)
      .orderBy(desc(riverReadings.measuredAt), desc(riverReadings.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(riverReadings).where(where),
  ]);
  return {
    items: rows.map(({ r, name }) => ({
      id: r.id,
      station: { id: r.stationId, name },
      readingId: r.readingId,
      metric: r.metric,
      value: r.value,
      measuredAt: r.measuredAt,
      source: r.source,
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function listAlerts(ctx: Ctx, q: AlertQuery, only?: SQL) {
  const w: SQL[] = [inScope(ctx.actor, riverAlerts.scopePath)];
  if (only) w.push(only);
  if (q.status) w.push(eq(riverAlerts.status, q.status));
  if (q.stationId) w.push(eq(riverAlerts.stationId, q.stationId));
  w.push(...(await placeFilter(ctx.db, ctx.actor, riverAlerts.scopePath, q.territoryId)));
  if (q.from) w.push(gte(riverAlerts.createdAt, q.from));
  if (q.to) w.push(lt(riverAlerts.createdAt, q.to));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        a: riverAlerts,
        station: riverStations.name,
        riverId: riverRivers.id,
        river: riverRivers.name,
        measuredAt: riverReadings.measuredAt,
      })
      .from(riverAlerts)
      .innerJoin(riverStations, eq(riverStations.id, riverAlerts.stationId))
      .innerJoin(riverRivers, eq(riverRivers.id, riverStations.riverId))
      .innerJoin(riverReadings, eq(riverReadings.id, riverAlerts.readingRowId))
      .where(where)
      .orderBy(desc(riverAlerts.createdAt), desc(riverAlerts.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(riverAlerts).where(where),
  ]);
  const items: Alert[] = rows.map(({ a, station, riverId, river, measuredAt }) => ({
    id: a.id,
    station: { id: a.stationId, name: station },
    river: { id: riverId, name: river },
    metric: a.metric,
    value: a.value,
    bound: a.bound,
    direction: a.direction,
    status: a.status,
    createdAt: a.createdAt,
    measuredAt,
    closedAt: a.closedAt,
    closeNote: a.closeNote,
  }));
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function closeAlert(ctx: Ctx, id: number, note: string) {
  await ctx.db.transaction(async (tx) => {
    const [a] = await tx
      .select()
      .from(riverAlerts)
      .where(and(eq(riverAlerts.id, id), inScope(ctx.actor, riverAlerts.scopePath)));
    if (!a) throw notFound();
    if (a.status !== 'open') throw conflict('river.alertClosed');
    const now = ctx.clock.now();
    await tx
      .update(riverAlerts)
      .set({ status: 'closed', closedAt: now, closedBy: ctx.actor.accountId || null, closeNote: note })
      .where(eq(riverAlerts.id, id));
    await audit(tx, ctx, {
      action: 'river.alert.close',
      objectType: 'riverAlert',
      objectId: id,
      scopePath: a.scopePath,
      before: { status: a.status },
      after: { status: 'closed', closeNote: note },
    });
  });
  const { items } = await listAlerts(ctx, { page: 1, pageSize: 1 }, eq(riverAlerts.id, id));
  return items[0]!;
}
