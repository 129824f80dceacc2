/**
 * Grid geometry and the spatial index (decision 005: WGS-84 [lng, lat]): the geometry rules, the per-database index
 * rebuilt lazily, and `locate` (point → grid, community, branch, responsible people).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { maskPhone } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { type FieldError } from '../../kernel/http/errors.js';
import { t, type Locale } from '../../kernel/i18n/i18n.js';
import { pathIds } from '../../kernel/scope/scope.js';
import { partyOrgs } from '../organizations/index.js';
import type { GeometryIn, LocateResult } from './contract.js';
import {
  compoundAreas,
  gridIndexVersion,
  grids,
  gridWorkers,
  type GridGeometry,
  type GridKind,
  type Position,
} from './schema.js';
import { areaOf, bboxOf, GridBucketIndex, pointInGeometry, type BBox } from './spatial-index.js';

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

export function bboxColumns(g: GridGeometry) {
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

export async function bumpVersion(tx: DbOrTx): Promise<void> {
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
export function invalidate(db: Db): void {
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

/** The compound of a community whose footprint holds the point, if any (a community has a handful). */
export async function compoundAt(db: DbOrTx, communityId: number, lng: number, lat: number): Promise<number | null> {
  const a = compoundAreas;
  const rows = await db
    .select({ compoundId: a.compoundId, geometry: a.geometry })
    .from(a)
    .where(
      and(
        eq(a.communityId, communityId),
        sql`${a.minLng} <= ${lng} and ${a.maxLng} >= ${lng} and ${a.minLat} <= ${lat} and ${a.maxLat} >= ${lat}`,
      ),
    )
    .orderBy(asc(a.compoundId));
  return rows.find((r) => pointInGeometry(r.geometry, lng, lat))?.compoundId ?? null;
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
    compound: null,
    branch: null,
    people: { workers: [], secretaryName: null },
  };
  const top = matches[0];
  if (!top) return empty;
  const compoundId = await compoundAt(ctx.db, top.communityId, lng, lat);
  const [[community], [branch], workers, [compound]] = await Promise.all([
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
    compoundId === null
      ? Promise.resolve([])
      : ctx.db
          .select({ id: territories.id, name: territories.name })
          .from(territories)
          .where(eq(territories.id, compoundId)),
  ]);
  return {
    grid: { id: top.id, name: top.name, kind: top.kind, department: top.department },
    matches: matches.map((m) => ({ id: m.id, name: m.name, kind: m.kind })),
    community: community ?? null,
    compound: compound ?? null,
    branch: branch ? { id: branch.id, name: branch.name, kind: branch.kind } : null,
    people: {
      workers: workers.map((w) => ({ name: w.name, kind: w.kind, phone: w.phone ? maskPhone(w.phone) : null })),
      secretaryName: branch?.secretaryName ?? null,
    },
  };
}
