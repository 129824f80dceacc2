import { asc, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { inSubtree, pathIds } from '../../kernel/scope/scope.js';
import { compoundAt, gridsAt, type Entry } from './grid-index.service.js';

export { compoundAt };
import { compoundAreas, grids } from './schema.js';
import { bboxOf, pointInGeometry, type BBox } from './spatial-index.js';

/**
 * Where a map point falls (issue 10 item 8): the grid (as `locate` ranks them: basic first, then the smallest) and
 * the compound 小区 whose footprint holds it, inside a subtree (the caller's community, else their scope). A point
 * inside a grid but in no compound belongs to the community itself (社区直属).
 */
export interface PlaceAt {
  grid: Entry | null;
  communityId: number | null;
  compoundId: number | null;
}

export async function placeAt(db: Db, scopePath: string, lng: number, lat: number): Promise<PlaceAt> {
  const [top] = await gridsAt(db, scopePath, lng, lat);
  if (!top) return { grid: null, communityId: null, compoundId: null };
  return { grid: top, communityId: top.communityId, compoundId: await compoundAt(db, top.communityId, lng, lat) };
}

/** The bounding box of every grid of a subtree, or null when it has none (then a point cannot be judged). */
export async function gridExtent(db: DbOrTx, scopePath: string): Promise<BBox | null> {
  const [row] = await db
    .select({
      n: sql<number>`count(*)`.mapWith(Number),
      minLng: sql<number>`min(${grids.minLng})`.mapWith(Number),
      minLat: sql<number>`min(${grids.minLat})`.mapWith(Number),
      maxLng: sql<number>`max(${grids.maxLng})`.mapWith(Number),
      maxLat: sql<number>`max(${grids.maxLat})`.mapWith(Number),
    })
    .from(grids)
    .where(inSubtree(grids.scopePath, scopePath));
  if (!row || row.n === 0) return null;
  return [row.minLng, row.minLat, row.maxLng, row.maxLat];
}

/** Great-circle distance in km from a point to the nearest point of a bounding box (0 inside it). */
export function kmFromBBox(b: BBox, lng: number, lat: number): number {
  const x = Math.min(Math.max(lng, b[0]), b[2]);
  const y = Math.min(Math.max(lat, b[1]), b[3]);
  const rad = Math.PI / 180;
  const h =
    Math.sin(((lat - y) * rad) / 2) ** 2 +
    Math.cos(lat * rad) * Math.cos(y * rad) * Math.sin(((lng - x) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

// ---------------------------------------------------------------------------------------------------------------
// Demo points (issue 16: the demo's live map): a deterministic point for a place, inside its compound's footprint
// (each building on its own spot of it) and inside a grid of its community; for the community itself, a point in
// one of its grids outside every compound (a street). Derived from the geometry alone, never random.
// ---------------------------------------------------------------------------------------------------------------

/** Halton low-discrepancy sequence (bases 2 and 3): well-spread, deterministic sample points in [0, 1)². */
function halton(i: number, base: number): number {
  let f = 1;
  let r = 0;
  for (let n = i; n > 0; n = Math.floor(n / base)) {
    f /= base;
    r += f * (n % base);
  }
  return r;
}

export interface DemoPoint {
  lng: number;
  lat: number;
  gridId: number | null;
}

/**
 * Points for places (compound, building, unit, household or the community): `key` varies the point a little
 * around the place's spot (orders of one building do not all sit on one pixel). Null when the community has no
 * grids (no map to be on).
 */
export async function demoPoints(
  db: Db,
  places: readonly { territoryId: number; key: number }[],
): Promise<(DemoPoint | null)[]> {
  const ids = [...new Set(places.map((p) => p.territoryId))];
  if (!ids.length) return [];
  const nodes = await db
    .select({ id: territories.id, path: territories.path, level: territories.level })
    .from(territories)
    .where(inArray(territories.id, ids));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const chainIds = [...new Set(nodes.flatMap((n) => pathIds(n.path)))];
  const chain = chainIds.length
    ? await db
        .select({
          id: territories.id,
          level: territories.level,
          sortOrder: territories.sortOrder,
          parentId: territories.parentId,
        })
        .from(territories)
        .where(inArray(territories.id, chainIds))
    : [];
  const info = new Map(chain.map((c) => [c.id, c]));
  const communities = [...new Set(chain.filter((c) => c.level === 'community').map((c) => c.id))];
  const [areas, gridRows] = communities.length
    ? await Promise.all([
        db
          .select({
            compoundId: compoundAreas.compoundId,
            communityId: compoundAreas.communityId,
            g: compoundAreas.geometry,
          })
          .from(compoundAreas)
          .where(inArray(compoundAreas.communityId, communities)),
        db
          .select({ id: grids.id, communityId: grids.communityId, kind: grids.kind, g: grids.geometry })
          .from(grids)
          .where(inArray(grids.communityId, communities))
          .orderBy(asc(grids.id)),
      ])
    : [[], []];
  const gridOf = (communityId: number, lng: number, lat: number) =>
    gridRows.find((r) => r.communityId === communityId && r.kind === 'basic' && pointInGeometry(r.g, lng, lat)) ??
    gridRows.find((r) => r.communityId === communityId && pointInGeometry(r.g, lng, lat));

  return places.map(({ territoryId, key }) => {
    const node = byId.get(territoryId);
    if (!node) return null;
    const up = pathIds(node.path).map((id) => info.get(id));
    const community = up.find((c) => c?.level === 'community');
    if (!community) return null;
    const compound = up.find((c) => c?.level === 'compound');
    const building = up.find((c) => c?.level === 'building');
    const area = compound ? areas.find((a) => a.compoundId === compound.id) : undefined;
    const mine = gridRows.filter((r) => r.communityId === community.id && r.kind === 'basic');
    if (!mine.length) return null;
    // The box to sample: a building's cell of its compound (3 × 2 cells), the compound, or the community's grids.
    let box: BBox;
    const inside: (lng: number, lat: number) => boolean = area
      ? (x, y) => pointInGeometry(area.g, x, y)
      : (x, y) => !areas.some((a) => a.communityId === community.id && pointInGeometry(a.g, x, y));
    if (area) {
      const b = bboxOf(area.g);
      if (building) {
        const k = building.sortOrder % 6;
        const w = (b[2] - b[0]) / 3;
        const h = (b[3] - b[1]) / 2;
        const x0 = b[0] + (k % 3) * w;
        const y0 = b[1] + Math.floor(k / 3) * h;
        // The middle half of the cell: a building's spot, orders of it spread within ~30 m.
        box = [x0 + w / 4, y0 + h / 4, x0 + (3 * w) / 4, y0 + (3 * h) / 4];
      } else
        box = [b[0] + (b[2] - b[0]) / 4, b[1] + (b[3] - b[1]) / 4, b[2] - (b[2] - b[0]) / 4, b[3] - (b[3] - b[1]) / 4];
    } else {
      const bs = mine.map((r) => bboxOf(r.g));
      box = [
        Math.min(...bs.map((b) => b[0])),
        Math.min(...bs.map((b) => b[1])),
        Math.max(...bs.map((b) => b[2])),
        Math.max(...bs.map((b) => b[3])),
      ];
    }
    for (let i = 1; i <= 64; i++) {
      const s = (Math.abs(key) % 997) + i;
      const lng = round(box[0] + (box[2] - box[0]) * halton(s, 2));
      const lat = round(box[1] + (box[3] - box[1]) * halton(s, 3));
      const grid = gridOf(community.id, lng, lat);
      if (grid && inside(lng, lat)) return { lng, lat, gridId: grid.id };
    }
    return null;
  });
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
