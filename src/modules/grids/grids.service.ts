import fs from 'node:fs';
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { audit, maskPhone } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { AppError, conflict, notFound, type FieldError } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t, type Locale } from '../../kernel/i18n/i18n.js';
import { fromRoot } from '../../kernel/paths.js';
import { inScope, pathIds, requireTerritoriesInScope, inSubtree } from '../../kernel/scope/scope.js';
import { partyOrgs } from '../organizations/index.js';
import { partyMembers } from '../party-members/index.js';
import {
  GeometryIn,
  GRID_KINDS,
  LIAISON_MAX,
  LIAISON_MIN,
  type CreateGrid,
  type CreateWorker,
  type Grid,
  type GridListQuery,
  type GridWorker,
  type ImportGrids,
  type LocateResult,
  type MapQuery,
  type UpdateGrid,
  type UpdateWorker,
  type WorkerListQuery,
  type BuildingListQuery,
} from './contract.js';
import {
  buildingLeads,
  gridIndexVersion,
  grids,
  gridWorkers,
  liaisonHouseholds,
  type GridGeometry,
  type GridKind,
  type Position,
} from './schema.js';
import { areaOf, bboxOf, GridBucketIndex, type BBox } from './spatial-index.js';
import { escapeLike } from '../../kernel/db/search.js';

// ---------------------------------------------------------------------------------------------------------------
// Geometry rules (decision 005: WGS-84 [lng, lat]).
// ---------------------------------------------------------------------------------------------------------------

/** China's bounding box (with a small margin): a grid outside it is a typo or a swapped lng/lat. */
export const CHINA_BBOX: BBox = [73.4, 3.8, 135.1, 53.6];

/**
 * Checks a GeoJSON Polygon/MultiPolygon: every ring closed, at least 4 positions and 3 distinct ones, every
 * position inside China's bounding box. Returns the normalised geometry (altitudes dropped) or field errors.
 */
export function checkGeometry(
  g: GeometryIn,
  locale: Locale,
  field = 'geometry',
): { geometry: GridGeometry; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const outPolys: Position[][][] = polys.map((poly, pi) =>
    poly.map((ring, ri) => {
      const base = g.type === 'Polygon' ? `${field}.coordinates.${ri}` : `${field}.coordinates.${pi}.${ri}`;
      const out: Position[] = ring.map(([lng, lat]) => [lng!, lat!]);
      const bad = out.findIndex(
        ([lng, lat]) => !(lng >= CHINA_BBOX[0] && lng <= CHINA_BBOX[2] && lat >= CHINA_BBOX[1] && lat <= CHINA_BBOX[3]),
      );
      if (out.length < 4)
        errors.push({ field: base, message: t(locale, 'grid.geometry.ringTooShort', { count: out.length }) });
      else {
        const [f, l] = [out[0]!, out[out.length - 1]!];
        if (f[0] !== l[0] || f[1] !== l[1])
          errors.push({ field: base, message: t(locale, 'grid.geometry.ringNotClosed') });
        else if (new Set(out.map((p) => `${p[0]},${p[1]}`)).size < 3) {
          errors.push({ field: base, message: t(locale, 'grid.geometry.degenerate') });
        }
      }
      if (bad >= 0) {
        const [lng, lat] = out[bad]!;
        errors.push({ field: `${base}.${bad}`, message: t(locale, 'grid.geometry.outsideChina', { lng, lat }) });
      }
      return out;
    }),
  );
  const geometry: GridGeometry =
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: outPolys[0]! }
      : { type: 'MultiPolygon', coordinates: outPolys };
  return { geometry, errors };
}

function bboxColumns(g: GridGeometry) {
  const [minLng, minLat, maxLng, maxLat] = bboxOf(g);
  return { minLng, minLat, maxLng, maxLat };
}

// ---------------------------------------------------------------------------------------------------------------
// The spatial index, per database, rebuilt lazily. Every grid write bumps `grid_index_version` in its
// transaction; a process checks that row at most once a second, so it notices other processes' writes.
// ---------------------------------------------------------------------------------------------------------------

export interface Entry {
  id: number;
  name: string;
  kind: GridKind;
  department: string | null;
  communityId: number;
  scopePath: string;
  geometry: GridGeometry;
  bbox: BBox;
  area: number;
}
interface IndexState {
  index: GridBucketIndex<Entry> | null;
  version: number;
  checkedAt: number;
  dirty: boolean;
  building: Promise<void> | null;
}
const states = new WeakMap<object, IndexState>();
const CHECK_EVERY_MS = 1000;
const KIND_ORDER: Record<GridKind, number> = { basic: 0, professional: 1, responsibilityArea: 2 };

function stateOf(db: Db): IndexState {
  let s = states.get(db);
  if (!s) {
    s = { index: null, version: -1, checkedAt: 0, dirty: true, building: null };
    states.set(db, s);
  }
  return s;
}

async function bumpVersion(tx: DbOrTx): Promise<void> {
  await tx
    .insert(gridIndexVersion)
    .values({ id: 1, version: 1 })
    .onConflictDoUpdate({ target: gridIndexVersion.id, set: { version: sql`${gridIndexVersion.version} + 1` } });
}

async function readVersion(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ v: gridIndexVersion.version })
    .from(gridIndexVersion)
    .where(eq(gridIndexVersion.id, 1));
  return row?.v ?? 0;
}

/** Marks this process's index stale after a committed grid write (other processes see the version bump). */
function invalidate(db: Db): void {
  stateOf(db).dirty = true;
}

/** The current spatial index of all grids (scope is applied per query). */
export async function gridIndex(db: Db): Promise<GridBucketIndex<Entry>> {
  const s = stateOf(db);
  const now = performance.now();
  if (s.index && !s.dirty && now - s.checkedAt < CHECK_EVERY_MS) return s.index;
  if (s.building) {
    await s.building;
    if (s.index && !s.dirty) return s.index;
  }
  const build = (async () => {
    s.checkedAt = performance.now();
    const wasDirty = s.dirty;
    s.dirty = false;
    // Version first, then the rows: a write landing in between makes the next check rebuild again, never less.
    const version = await readVersion(db);
    if (s.index && !wasDirty && version === s.version) return;
    const rows = await db
      .select({
        id: grids.id,
        name: grids.name,
        kind: grids.kind,
        department: grids.department,
        communityId: grids.communityId,
        scopePath: grids.scopePath,
        geometry: grids.geometry,
        minLng: grids.minLng,
        minLat: grids.minLat,
        maxLng: grids.maxLng,
        maxLat: grids.maxLat,
      })
      .from(grids);
    s.index = new GridBucketIndex(
      rows.map((r) => ({ ...r, bbox: [r.minLng, r.minLat, r.maxLng, r.maxLat] as BBox, area: areaOf(r.geometry) })),
    );
    s.version = version;
  })();
  s.building = build;
  try {
    await build;
  } finally {
    s.building = null;
  }
  return s.index!;
}

// ---------------------------------------------------------------------------------------------------------------
// Grids
// ---------------------------------------------------------------------------------------------------------------

/**
 * Grids the actor may see: those of its subtree, and the grids it works in as a grid worker (a worker's
 * account is often bound to a compound, below the community the grid belongs to).
 */
function visibleGrid(ctx: Ctx): SQL {
  return or(
    inScope(ctx.actor, grids.scopePath),
    // Written out in full: drizzle leaves single-table columns unqualified, which the subquery would capture.
    sql`exists (select 1 from grid_workers ow where ow.grid_id = "grids"."id" and ow.account_id = ${ctx.actor.accountId})`,
  )!;
}

function visibleWorker(ctx: Ctx): SQL {
  return or(
    inScope(ctx.actor, gridWorkers.scopePath),
    sql`exists (select 1 from grid_workers ow where ow.grid_id = "grid_workers"."grid_id" and ow.account_id = ${ctx.actor.accountId})`,
  )!;
}

const workerCountSql = sql<number>`(select count(*)::int from grid_workers w where w.grid_id = "grids"."id")`.mapWith(
  Number,
);
const flaggedSql =
  sql<number>`(select count(*)::int from grid_workers w where w.grid_id = "grids"."id" and (select count(*) from liaison_households l where l.worker_id = w.id) not between ${LIAISON_MIN} and ${LIAISON_MAX})`.mapWith(
    Number,
  );

const gridColumns = {
  id: grids.id,
  name: grids.name,
  kind: grids.kind,
  department: grids.department,
  communityId: grids.communityId,
  communityName: territories.name,
  scopePath: grids.scopePath,
  minLng: grids.minLng,
  minLat: grids.minLat,
  maxLng: grids.maxLng,
  maxLat: grids.maxLat,
  createdAt: grids.createdAt,
  updatedAt: grids.updatedAt,
  workerCount: workerCountSql,
  flaggedWorkerCount: flaggedSql,
};
interface GridRow {
  id: number;
  name: string;
  kind: GridKind;
  department: string | null;
  communityId: number;
  communityName: string;
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
  createdAt: Date;
  updatedAt: Date;
  workerCount: number;
  flaggedWorkerCount: number;
}

function toGrid(r: GridRow): Grid {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    department: r.department,
    community: { id: r.communityId, name: r.communityName },
    bbox: [r.minLng, r.minLat, r.maxLng, r.maxLat],
    workerCount: r.workerCount,
    flaggedWorkerCount: r.flaggedWorkerCount,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Lists grids of the actor's subtree, by community, kind and name, a page at a time. */
export async function listGrids(ctx: Ctx, q: GridListQuery) {
  const where: SQL[] = [visibleGrid(ctx)];
  if (q.communityId !== undefined) where.push(eq(grids.communityId, q.communityId));
  if (q.territoryId !== undefined) {
    const paths = await requireTerritoriesInScope(ctx.db, ctx.actor, [q.territoryId]);
    where.push(inSubtree(grids.scopePath, paths.get(q.territoryId)!));
  }
  if (q.kind) where.push(eq(grids.kind, q.kind));
  if (q.q) where.push(ilike(grids.name, `%${escapeLike(q.q)}%`));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(gridColumns)
      .from(grids)
      .innerJoin(territories, eq(territories.id, grids.communityId))
      .where(cond)
      .orderBy(asc(grids.communityId), asc(grids.kind), asc(grids.name), asc(grids.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(grids).where(cond),
  ]);
  return { items: rows.map(toGrid), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadGrid(ctx: Ctx, db: DbOrTx, id: number) {
  const [row] = await db
    .select({ ...gridColumns, geometry: grids.geometry })
    .from(grids)
    .innerJoin(territories, eq(territories.id, grids.communityId))
    .where(and(eq(grids.id, id), visibleGrid(ctx)));
  if (!row) throw notFound();
  return row;
}

/** One grid with its polygon and workers; outside the subtree it does not exist (404). */
export async function getGrid(ctx: Ctx, id: number) {
  const row = await loadGrid(ctx, ctx.db, id);
  const workers = await listWorkerRows(ctx, ctx.db, [eq(gridWorkers.gridId, id)], 500, 0);
  return { ...toGrid(row), geometry: row.geometry, workers };
}

async function requireCommunity(tx: DbOrTx, ctx: Ctx, communityId: number): Promise<string> {
  const paths = await requireTerritoriesInScope(tx, ctx.actor, [communityId]);
  const [node] = await tx.select({ level: territories.level }).from(territories).where(eq(territories.id, communityId));
  if (node?.level !== 'community') {
    throw new AppError('validation', undefined, {}, [
      { field: 'communityId', message: t(ctx.locale, 'grid.notACommunity') },
    ]);
  }
  return paths.get(communityId)!;
}

function departmentErrors(
  kind: GridKind,
  department: string | null | undefined,
  locale: Locale,
  field = 'department',
): FieldError[] {
  return kind === 'professional' && !department ? [{ field, message: t(locale, 'grid.departmentRequired') }] : [];
}

/** Draws a grid inside a community of the actor's subtree (SPEC module 2). */
export async function createGrid(ctx: Ctx, input: CreateGrid) {
  const { geometry, errors } = checkGeometry(input.geometry, ctx.locale);
  errors.push(...departmentErrors(input.kind, input.department, ctx.locale));
  const id = await ctx.db.transaction(async (tx) => {
    const scopePath = await requireCommunity(tx, ctx, input.communityId);
    if (errors.length) throw new AppError('validation', undefined, {}, errors);
    const [created] = await tx
      .insert(grids)
      .values({
        communityId: input.communityId,
        scopePath,
        kind: input.kind,
        name: input.name,
        department: input.kind === 'professional' ? (input.department ?? null) : null,
        geometry,
        ...bboxColumns(geometry),
      })
      .returning({ id: grids.id });
    await bumpVersion(tx);
    await audit(tx, ctx, {
      action: 'grid.create',
      objectType: 'grid',
      objectId: created!.id,
      scopePath,
      after: { ...input, geometry: geometry.type },
    });
    return created!.id;
  });
  invalidate(ctx.db);
  return getGrid(ctx, id);
}

/** Renames, re-kinds or redraws a grid of the actor's subtree. */
export async function updateGrid(ctx: Ctx, id: number, patch: UpdateGrid) {
  await ctx.db.transaction(async (tx) => {
    const before = await loadGrid(ctx, tx, id);
    const errors: FieldError[] = [];
    let geometry: GridGeometry | undefined;
    if (patch.geometry) {
      const checked = checkGeometry(patch.geometry, ctx.locale);
      geometry = checked.geometry;
      errors.push(...checked.errors);
    }
    const kind = patch.kind ?? before.kind;
    const department = patch.department === undefined ? before.department : patch.department;
    errors.push(...departmentErrors(kind, department, ctx.locale));
    if (errors.length) throw new AppError('validation', undefined, {}, errors);
    await tx
      .update(grids)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        kind,
        department: kind === 'professional' ? department : null,
        ...(geometry ? { geometry, ...bboxColumns(geometry) } : {}),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(grids.id, id));
    await bumpVersion(tx);
    await audit(tx, ctx, {
      action: 'grid.update',
      objectType: 'grid',
      objectId: id,
      scopePath: before.scopePath,
      before: {
        name: before.name,
        kind: before.kind,
        department: before.department,
        bbox: [before.minLng, before.minLat, before.maxLng, before.maxLat],
      },
      after: { ...patch, geometry: geometry ? { bbox: bboxOf(geometry) } : undefined },
    });
  });
  invalidate(ctx.db);
  return getGrid(ctx, id);
}

/** Deletes a grid of the actor's subtree with its workers and their liaison households. */
export async function deleteGrid(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await loadGrid(ctx, tx, id);
    await tx.delete(grids).where(eq(grids.id, id));
    await bumpVersion(tx);
    await audit(tx, ctx, {
      action: 'grid.delete',
      objectType: 'grid',
      objectId: id,
      scopePath: before.scopePath,
      before: {
        name: before.name,
        kind: before.kind,
        communityId: before.communityId,
        workerCount: before.workerCount,
      },
    });
  });
  invalidate(ctx.db);
}

const ImportProps = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(GRID_KINDS),
  department: z.string().trim().min(1).max(100).nullish(),
  communityCode: z
    .string()
    .trim()
    .regex(/^\d{12}$/)
    .nullish(),
  communityId: z.number().int().positive().max(2_147_483_647).nullish(),
});

/**
 * Imports grids from a GeoJSON FeatureCollection, all or nothing: every bad feature is reported with its index
 * and reason (`features.<i>.properties.name`, `features.<i>.geometry.coordinates.0`…) and nothing is saved.
 */
export async function importGrids(ctx: Ctx, input: ImportGrids) {
  const errors: FieldError[] = [];
  type Ok = { i: number; props: z.infer<typeof ImportProps>; geometry: GridGeometry };
  const ok: Ok[] = [];
  input.features.forEach((f, i) => {
    const base = `features.${i}`;
    let bad = false;
    const props = ImportProps.safeParse(f.properties ?? {});
    if (!props.success) {
      bad = true;
      for (const issue of props.error.issues) {
        const key = String(issue.path[0] ?? 'properties');
        const msgKey =
          key === 'kind'
            ? 'grid.import.badKind'
            : key === 'communityCode'
              ? 'grid.import.badCommunityCode'
              : key === 'name'
                ? 'grid.import.badName'
                : 'validation.type';
        errors.push({ field: `${base}.properties.${key}`, message: t(ctx.locale, msgKey) });
      }
    } else {
      if (!props.data.communityCode && !props.data.communityId) {
        bad = true;
        errors.push({ field: `${base}.properties.communityCode`, message: t(ctx.locale, 'grid.import.noCommunity') });
      }
      const dep = departmentErrors(props.data.kind, props.data.department, ctx.locale, `${base}.properties.department`);
      if (dep.length) {
        bad = true;
        errors.push(...dep);
      }
    }
    const g = GeometryIn.safeParse(f.geometry);
    if (!g.success) {
      errors.push({ field: `${base}.geometry`, message: t(ctx.locale, 'grid.import.badGeometry') });
    } else {
      const checked = checkGeometry(g.data, ctx.locale, `${base}.geometry`);
      if (checked.errors.length) errors.push(...checked.errors);
      else if (props.success && !bad) ok.push({ i, props: props.data, geometry: checked.geometry });
    }
  });

  return ctx.db
    .transaction(async (tx) => {
      // Resolve communities (by division code or id) inside the actor's subtree, in one query.
      const codes = [...new Set(ok.flatMap((o) => (o.props.communityCode ? [o.props.communityCode] : [])))];
      const ids = [
        ...new Set(ok.flatMap((o) => (!o.props.communityCode && o.props.communityId ? [o.props.communityId] : []))),
      ];
      const found =
        codes.length || ids.length
          ? await tx
              .select({ id: territories.id, code: territories.divisionCode, path: territories.path })
              .from(territories)
              .where(
                and(
                  eq(territories.level, 'community'),
                  inScope(ctx.actor, territories.path),
                  sql`(${codes.length ? inArray(territories.divisionCode, codes) : sql`false`} or ${ids.length ? inArray(territories.id, ids) : sql`false`})`,
                ),
              )
          : [];
      const byCode = new Map(found.filter((c) => c.code).map((c) => [c.code!, c]));
      const byId = new Map(found.map((c) => [c.id, c]));
      const rows = [];
      for (const o of ok) {
        const c = o.props.communityCode ? byCode.get(o.props.communityCode) : byId.get(o.props.communityId!);
        if (!c) {
          errors.push({
            field: `features.${o.i}.properties.${o.props.communityCode ? 'communityCode' : 'communityId'}`,
            message: t(ctx.locale, 'grid.import.communityNotFound'),
          });
          continue;
        }
        rows.push({
          communityId: c.id,
          scopePath: c.path,
          kind: o.props.kind,
          name: o.props.name,
          department: o.props.kind === 'professional' ? (o.props.department ?? null) : null,
          geometry: o.geometry,
          ...bboxColumns(o.geometry),
        });
      }
      if (errors.length) {
        errors.sort((a, b) => Number(a.field.split('.')[1]) - Number(b.field.split('.')[1]));
        const bad = new Set(errors.map((e) => e.field.split('.')[1])).size;
        throw new AppError('validation', 'grid.import.failed', { bad, total: input.features.length }, errors);
      }
      const created = [];
      for (let i = 0; i < rows.length; i += 200) {
        created.push(
          ...(await tx
            .insert(grids)
            .values(rows.slice(i, i + 200))
            .returning({ id: grids.id, name: grids.name, scopePath: grids.scopePath })),
        );
      }
      await bumpVersion(tx);
      for (const c of created) {
        await audit(tx, ctx, {
          action: 'grid.import',
          objectType: 'grid',
          objectId: c.id,
          scopePath: c.scopePath,
          after: { name: c.name },
        });
      }
      return { created: created.length, items: created.map((c) => ({ id: c.id, name: c.name })) };
    })
    .finally(() => invalidate(ctx.db));
}

// ---------------------------------------------------------------------------------------------------------------
// The map: shipped boundaries (scripts/extract-boundaries.mjs) and the grids of the scope.
// ---------------------------------------------------------------------------------------------------------------

const BoundaryFile = z.object({
  features: z.array(
    z.object({
      properties: z.object({
        code: z.string(),
        name: z.string(),
        level: z.string(),
        center: z.tuple([z.number(), z.number()]).nullish(),
      }),
      geometry: z.discriminatedUnion('type', [
        z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))) }),
        z.object({
          type: z.literal('MultiPolygon'),
          coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))),
        }),
      ]),
    }),
  ),
});
type Boundary = z.infer<typeof BoundaryFile>['features'][number];
let boundaryCache: Boundary[] | undefined;

/** District and city boundaries of the seed places (WGS-84), read once from the shipped file. */
export function boundaries(): Boundary[] {
  boundaryCache ??= BoundaryFile.parse(
    JSON.parse(fs.readFileSync(fromRoot('src/modules/grids/data/boundaries.json'), 'utf8')),
  ).features;
  return boundaryCache;
}

const related = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

/** Boundaries around the focus node and the grids of the actor's subtree under it, for the console map. */
export async function gridMap(ctx: Ctx, q: MapQuery) {
  let focusPath = ctx.actor.scopePath;
  if (q.communityId !== undefined) {
    focusPath = (await requireTerritoriesInScope(ctx.db, ctx.actor, [q.communityId])).get(q.communityId)!;
  } else if (q.districtCode) {
    const [node] = await ctx.db
      .select({ path: territories.path })
      .from(territories)
      .where(eq(territories.divisionCode, q.districtCode));
    if (!node || !related(node.path, ctx.actor.scopePath)) throw notFound();
    if (node.path.startsWith(ctx.actor.scopePath)) focusPath = node.path;
  }
  const rows = await ctx.db
    .select({
      id: grids.id,
      name: grids.name,
      kind: grids.kind,
      department: grids.department,
      communityId: grids.communityId,
      communityName: territories.name,
      geometry: grids.geometry,
      minLng: grids.minLng,
      minLat: grids.minLat,
      maxLng: grids.maxLng,
      maxLat: grids.maxLat,
      workerCount: workerCountSql,
    })
    .from(grids)
    .innerJoin(territories, eq(territories.id, grids.communityId))
    .where(
      and(
        visibleGrid(ctx),
        q.communityId !== undefined || q.districtCode ? inScope({ scopePath: focusPath }, grids.scopePath) : undefined,
      ),
    )
    .orderBy(asc(grids.kind), asc(grids.name), asc(grids.id))
    .limit(5000);

  const all = boundaries();
  const nodes = await ctx.db
    .select({ code: territories.divisionCode, path: territories.path })
    .from(territories)
    .where(
      inArray(
        territories.divisionCode,
        all.map((b) => b.properties.code),
      ),
    );
  const pathOf = new Map(nodes.map((n) => [n.code!, n.path]));
  const shown = all.filter((b) => {
    const p = pathOf.get(b.properties.code);
    return p !== undefined && related(p, focusPath);
  });

  let bbox: BBox | null = null;
  const grow = (b: BBox) => {
    bbox = bbox
      ? [Math.min(bbox[0], b[0]), Math.min(bbox[1], b[1]), Math.max(bbox[2], b[2]), Math.max(bbox[3], b[3])]
      : b;
  };
  for (const r of rows) grow([r.minLng, r.minLat, r.maxLng, r.maxLat]);
  if (!rows.length) for (const b of shown) if (b.properties.level === 'district') grow(bboxOf(b.geometry));

  return {
    boundaries: {
      type: 'FeatureCollection' as const,
      features: shown.map((b) => ({
        type: 'Feature' as const,
        properties: { code: b.properties.code, name: b.properties.name, level: b.properties.level },
        geometry: b.geometry,
      })),
    },
    grids: {
      type: 'FeatureCollection' as const,
      features: rows.map((r) => ({
        type: 'Feature' as const,
        properties: {
          id: r.id,
          name: r.name,
          kind: r.kind,
          department: r.department,
          communityId: r.communityId,
          communityName: r.communityName,
          workerCount: r.workerCount,
        },
        geometry: r.geometry,
      })),
    },
    bbox,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Locate: point → grid, community, branch, responsible people.
// ---------------------------------------------------------------------------------------------------------------

const ORG_ORDER = sql`case ${partyOrgs.kind} when 'committee' then 0 when 'generalBranch' then 1 when 'branch' then 2 else 3 end`;

/**
 * Where a point falls: its grid (basic before professional before responsibility area, then the smallest),
 * the grid's community, the party organisation of that community, and the grid's workers (phones masked) and
 * the community secretary — public fields only, so any signed-in account may ask (a resident reporting a
 * problem). It searches the caller's subtree; a caller bound below a community (a household, a compound)
 * searches the community its node lies in, since grids belong to communities.
 */
/**
 * The grids containing a point inside a subtree, best first (basic before professional, then the smallest), from the
 * in-memory index alone: what order intake needs (no names, no people), without a query.
 */
export async function gridsAt(db: Db, scopePath: string, lng: number, lat: number): Promise<Entry[]> {
  const index = await gridIndex(db);
  return index
    .query(lng, lat)
    .filter((e) => e.scopePath.startsWith(scopePath))
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.area - b.area || a.id - b.id);
}

export async function locate(ctx: Ctx, lng: number, lat: number): Promise<LocateResult> {
  let scopePath = ctx.actor.scopePath;
  const ids = pathIds(ctx.actor.scopePath);
  const [home] = ids.length
    ? await ctx.db
        .select({ path: territories.path })
        .from(territories)
        .where(and(inArray(territories.id, ids), eq(territories.level, 'community')))
    : [];
  if (home) scopePath = home.path;
  const matches = await gridsAt(ctx.db, scopePath, lng, lat);
  const empty: LocateResult = {
    grid: null,
    matches: [],
    community: null,
    branch: null,
    people: { workers: [], secretaryName: null },
  };
  const top = matches[0];
  if (!top) return empty;
  const [[community], [branch], workers] = await Promise.all([
    ctx.db
      .select({ id: territories.id, name: territories.name })
      .from(territories)
      .where(eq(territories.id, top.communityId)),
    ctx.db
      .select({ id: partyOrgs.id, name: partyOrgs.name, kind: partyOrgs.kind, secretaryName: partyOrgs.secretaryName })
      .from(partyOrgs)
      .where(eq(partyOrgs.territoryId, top.communityId))
      .orderBy(ORG_ORDER, asc(partyOrgs.id))
      .limit(1),
    ctx.db
      .select({ name: gridWorkers.name, kind: gridWorkers.kind, phone: gridWorkers.phone })
      .from(gridWorkers)
      .where(eq(gridWorkers.gridId, top.id))
      .orderBy(asc(gridWorkers.kind), asc(gridWorkers.id)),
  ]);
  return {
    grid: { id: top.id, name: top.name, kind: top.kind, department: top.department },
    matches: matches.map((m) => ({ id: m.id, name: m.name, kind: m.kind })),
    community: community ?? null,
    branch: branch ? { id: branch.id, name: branch.name, kind: branch.kind } : null,
    people: {
      workers: workers.map((w) => ({ name: w.name, kind: w.kind, phone: w.phone ? maskPhone(w.phone) : null })),
      secretaryName: branch?.secretaryName ?? null,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Grid workers and their liaison households (seed 002: 30–50 households each).
// ---------------------------------------------------------------------------------------------------------------

const liaisonCountSql =
  sql<number>`(select count(*)::int from liaison_households l where l.worker_id = "grid_workers"."id")`.mapWith(Number);

export function liaisonFlag(n: number): 'under' | 'over' | null {
  return n < LIAISON_MIN ? 'under' : n > LIAISON_MAX ? 'over' : null;
}

async function listWorkerRows(
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
async function checkRefs(tx: DbOrTx, ctx: Ctx, input: { partyMemberId?: number | null; accountId?: number | null }) {
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
async function householdLabels(
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
  const [node] = await ctx.db
    .select({ path: territories.path })
    .from(territories)
    .where(and(eq(territories.id, territoryId), inScope(ctx.actor, territories.path)));
  if (!node) throw notFound();
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

// ---------------------------------------------------------------------------------------------------------------
// Building leads (seed 004: 一名党员一栋楼).
// ---------------------------------------------------------------------------------------------------------------

async function requireBuilding(tx: DbOrTx, ctx: Ctx, buildingId: number): Promise<string> {
  const [b] = await tx
    .select({ path: territories.path })
    .from(territories)
    .where(
      and(eq(territories.id, buildingId), eq(territories.level, 'building'), inScope(ctx.actor, territories.path)),
    );
  if (!b) throw notFound();
  return b.path;
}

type BuildingRole = 'lead' | 'responsibleMember';
const ROLE_ACTION: Record<BuildingRole, string> = { lead: 'buildingLead', responsibleMember: 'buildingResponsible' };

/** Sets (or replaces) the one holder of a building role in the caller's transaction, with its audit row. */
async function setBuildingRole(
  tx: DbOrTx,
  ctx: Ctx,
  building: { id: number; scopePath: string },
  role: BuildingRole,
  input: { name: string; partyMemberId: number | null },
) {
  const { id: buildingId, scopePath } = building;
  const roleOf = and(eq(buildingLeads.buildingId, buildingId), eq(buildingLeads.role, role));
  const [before] = await tx.select().from(buildingLeads).where(roleOf);
  const values = { name: input.name, partyMemberId: input.partyMemberId, updatedAt: ctx.clock.now() };
  const [after] = await tx
    .insert(buildingLeads)
    .values({ buildingId, scopePath, role, ...values })
    .onConflictDoUpdate({ target: [buildingLeads.buildingId, buildingLeads.role], set: values })
    .returning();
  await audit(tx, ctx, {
    action: `${ROLE_ACTION[role]}.set`,
    objectType: 'building',
    objectId: buildingId,
    scopePath,
    before: before ?? null,
    after,
  });
  return {
    id: after!.id,
    buildingId,
    name: after!.name,
    partyMemberId: after!.partyMemberId,
    updatedAt: after!.updatedAt,
  };
}

/** Sets (or replaces) the one building lead 楼栋长 of a building of the subtree. */
export async function setBuildingLead(
  ctx: Ctx,
  buildingId: number,
  input: { name: string; partyMemberId?: number | null },
) {
  return ctx.db.transaction(async (tx) => {
    const scopePath = await requireBuilding(tx, ctx, buildingId);
    await checkRefs(tx, ctx, { partyMemberId: input.partyMemberId });
    return setBuildingRole(tx, ctx, { id: buildingId, scopePath }, 'lead', {
      name: input.name,
      partyMemberId: input.partyMemberId ?? null,
    });
  });
}

/**
 * Sets (or replaces) the building's responsible party member 楼栋责任党员: a party member of the subtree, whose
 * name is taken from the member's record. It meets "一名党员一栋楼" for the building.
 */
export async function setBuildingResponsible(ctx: Ctx, buildingId: number, input: { partyMemberId: number }) {
  return ctx.db.transaction(async (tx) => {
    const scopePath = await requireBuilding(tx, ctx, buildingId);
    const [m] = await tx
      .select({ id: partyMembers.id, name: partyMembers.name })
      .from(partyMembers)
      .where(and(eq(partyMembers.id, input.partyMemberId), inScope(ctx.actor, partyMembers.scopePath)));
    if (!m)
      throw new AppError('validation', undefined, {}, [
        { field: 'partyMemberId', message: t(ctx.locale, 'grid.partyMemberNotFound') },
      ]);
    return setBuildingRole(tx, ctx, { id: buildingId, scopePath }, 'responsibleMember', {
      name: m.name,
      partyMemberId: m.id,
    });
  });
}

/** Removes the holder of a building role of the subtree (404 when it has none). */
export async function deleteBuildingLead(ctx: Ctx, buildingId: number, role: BuildingRole = 'lead'): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const scopePath = await requireBuilding(tx, ctx, buildingId);
    const [before] = await tx
      .delete(buildingLeads)
      .where(and(eq(buildingLeads.buildingId, buildingId), eq(buildingLeads.role, role)))
      .returning();
    if (!before) throw notFound();
    await audit(tx, ctx, {
      action: `${ROLE_ACTION[role]}.delete`,
      objectType: 'building',
      objectId: buildingId,
      scopePath,
      before,
    });
  });
}

/** Buildings of the subtree with their lead, or only those without one (the flag "building without lead"). */
export async function listBuildings(ctx: Ctx, q: BuildingListQuery) {
  const where: SQL[] = [eq(territories.level, 'building'), inScope(ctx.actor, territories.path)];
  if (q.communityId !== undefined) {
    const path = (await requireTerritoriesInScope(ctx.db, ctx.actor, [q.communityId])).get(q.communityId)!;
    where.push(inScope({ scopePath: path }, territories.path));
  }
  const responsible = alias(buildingLeads, 'responsible');
  if (q.withoutLead === 'true') where.push(sql`${buildingLeads.id} is null`);
  if (q.withoutLead === 'false') where.push(sql`${buildingLeads.id} is not null`);
  const leadJoin = and(eq(buildingLeads.buildingId, territories.id), eq(buildingLeads.role, 'lead'));
  const responsibleJoin = and(eq(responsible.buildingId, territories.id), eq(responsible.role, 'responsibleMember'));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: territories.id,
        path: territories.path,
        name: territories.name,
        leadName: buildingLeads.name,
        partyMemberId: buildingLeads.partyMemberId,
        responsibleName: responsible.name,
        responsibleMemberId: responsible.partyMemberId,
      })
      .from(territories)
      .leftJoin(buildingLeads, leadJoin)
      .leftJoin(responsible, responsibleJoin)
      .where(cond)
      .orderBy(asc(territories.path))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(territories).leftJoin(buildingLeads, leadJoin).where(cond),
  ]);
  const labels = await householdLabels(ctx.db, rows);
  return {
    items: rows.map((r) => ({
      buildingId: r.id,
      label: labels.get(r.id) ?? r.name,
      lead: r.leadName === null ? null : { name: r.leadName, partyMemberId: r.partyMemberId },
      responsibleMember:
        r.responsibleName === null ? null : { name: r.responsibleName, partyMemberId: r.responsibleMemberId },
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
