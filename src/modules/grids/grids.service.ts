/** Grids: list, read, create, change, delete and import them, and the map of grids and boundaries. */
import fs from 'node:fs';
import { and, asc, count, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, notFound, type FieldError } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t, type Locale } from '../../kernel/i18n/i18n.js';
import { fromRoot } from '../../kernel/paths.js';
import { inScope, requireTerritoriesInScope, inSubtree } from '../../kernel/scope/scope.js';
import {
  GeometryIn,
  GRID_KINDS,
  type CreateGrid,
  type GridListQuery,
  type ImportGrids,
  type MapQuery,
  type UpdateGrid,
} from './contract.js';
import { compoundAreas, grids, gridWorkers, type GridGeometry, type GridKind } from './schema.js';
import { bboxOf, labelPoint, pointInGeometry, type BBox } from './spatial-index.js';
import { escapeLike } from '../../kernel/db/search.js';
import { bboxColumns, bumpVersion, checkGeometry, invalidate } from './grid-index.service.js';
import { gridColumns, loadGrid, toGrid, visibleGrid, workerCountSql } from './grid-rows.js';
import { listWorkerRows } from './workers.service.js';

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
export async function gridMap(ctx: Ctx, q: MapQuery, opts: { homeCompoundId?: number } = {}) {
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

  // Compounds of the grids' communities as named points (to orient by), and the caller's own compound.
  const communityIds = [...new Set(rows.map((r) => r.communityId))];
  const areas = communityIds.length
    ? await ctx.db
        .select({
          id: compoundAreas.compoundId,
          name: territories.name,
          communityId: compoundAreas.communityId,
          geometry: compoundAreas.geometry,
        })
        .from(compoundAreas)
        .innerJoin(territories, eq(territories.id, compoundAreas.compoundId))
        .where(inArray(compoundAreas.communityId, communityIds))
        .orderBy(asc(territories.sortOrder), asc(compoundAreas.compoundId))
    : [];
  const places = areas.map((a) => {
    const [lng, lat] = labelPoint(a.geometry);
    return { id: a.id, name: a.name, level: 'compound' as const, communityId: a.communityId, lng, lat };
  });
  const mine = opts.homeCompoundId === undefined ? undefined : areas.find((a) => a.id === opts.homeCompoundId);
  const minePoint = mine ? places.find((p) => p.id === mine.id)! : undefined;
  const homeGrid = minePoint
    ? rows
        .filter((r) => r.kind === 'basic' && pointInGeometry(r.geometry, minePoint.lng, minePoint.lat))
        .sort((a, b) => a.id - b.id)[0]
    : undefined;
  const home = mine
    ? { compoundId: mine.id, compoundName: mine.name, gridId: homeGrid?.id ?? null, bbox: bboxOf(mine.geometry) }
    : null;

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
    places,
    home,
  };
}
