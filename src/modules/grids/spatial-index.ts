import type { GridGeometry, Position } from './schema.js';

/** A bounding box [minLng, minLat, maxLng, maxLat]. */
export type BBox = [number, number, number, number];

/** The polygons of a Polygon or MultiPolygon, each a list of rings (outer first, then holes). */
export function polygonsOf(g: GridGeometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** The bounding box of a geometry's outer rings. */
export function bboxOf(g: GridGeometry): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of polygonsOf(g)) {
    for (const [x, y] of poly[0] ?? []) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Even-odd crossing test of one ring (closed or not). */
function crossings(ring: readonly Position[], x: number, y: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Point in polygon by the even-odd rule over every ring, so holes (and holes of holes) come out right; a
 * MultiPolygon contains the point when any of its polygons does. Points exactly on an edge may go either way.
 */
export function pointInGeometry(g: GridGeometry, lng: number, lat: number): boolean {
  for (const poly of polygonsOf(g)) {
    let inside = false;
    for (const ring of poly) if (crossings(ring, lng, lat)) inside = !inside;
    if (inside) return true;
  }
  return false;
}

/** Shoelace area of a geometry in square degrees (outer rings minus holes): orders overlapping matches. */
export function areaOf(g: GridGeometry): number {
  let total = 0;
  for (const poly of polygonsOf(g)) {
    poly.forEach((ring, k) => {
      let a = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
        a += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
      total += (k === 0 ? 1 : -1) * Math.abs(a / 2);
    });
  }
  return total;
}

export interface IndexedItem {
  id: number;
  geometry: GridGeometry;
  bbox: BBox;
}

/**
 * A uniform grid-bucket spatial index: the plane is cut into square cells (by default the items' median size), each
 * item is listed in every cell its bounding box touches, and a point query tests only the items of its cell
 * (bounding box first, then point in polygon). Items whose box would span more than `maxCellsPerItem` cells
 * (a district-sized polygon) go to a short list tested on every query instead of flooding the buckets.
 */
export class GridBucketIndex<T extends IndexedItem> {
  // Buckets keyed by a number (cell x · 2^26 + cell y, both offset to stay positive), not a string: a point query
  // then allocates nothing but its answer (locate's hot path; docs/BENCHMARKS.md).
  private readonly buckets = new Map<number, T[]>();
  private readonly large: T[] = [];
  private readonly cell: number;
  readonly size: number;

  /** `cell`: the cell's side in degrees; by default the median extent of the items (grids: ~250 m), within 0.0005–0.05°. */
  constructor(items: readonly T[], cell?: number, maxCellsPerItem = 4096) {
    this.size = items.length;
    this.cell = cell ?? medianExtent(items);
    cell = this.cell;
    for (const item of items) {
      const [x0, y0, x1, y1] = item.bbox;
      const cx0 = Math.floor(x0 / cell);
      const cy0 = Math.floor(y0 / cell);
      const cx1 = Math.floor(x1 / cell);
      const cy1 = Math.floor(y1 / cell);
      if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > maxCellsPerItem) {
        this.large.push(item);
        continue;
      }
      for (let cx = cx0; cx <= cx1; cx++) {
        for (let cy = cy0; cy <= cy1; cy++) {
          const key = cellKey(cx, cy);
          const list = this.buckets.get(key);
          if (list) list.push(item);
          else this.buckets.set(key, [item]);
        }
      }
    }
  }

  /** Items whose bounding box holds the point (the candidates a point query would test). */
  candidates(lng: number, lat: number): T[] {
    const out: T[] = [];
    const bucket = this.buckets.get(cellKey(Math.floor(lng / this.cell), Math.floor(lat / this.cell)));
    if (bucket) for (const item of bucket) if (holds(item.bbox, lng, lat)) out.push(item);
    for (const item of this.large) if (holds(item.bbox, lng, lat)) out.push(item);
    return out;
  }

  /** Every item whose polygon contains the point. */
  query(lng: number, lat: number): T[] {
    const out: T[] = [];
    const bucket = this.buckets.get(cellKey(Math.floor(lng / this.cell), Math.floor(lat / this.cell)));
    if (bucket)
      for (const item of bucket)
        if (holds(item.bbox, lng, lat) && pointInGeometry(item.geometry, lng, lat)) out.push(item);
    for (const item of this.large)
      if (holds(item.bbox, lng, lat) && pointInGeometry(item.geometry, lng, lat)) out.push(item);
    return out;
  }
}

/**
 * The median side of the items' boxes, as the cell size: a point's cell then holds a handful of candidates. With a
 * fixed 1 km cell, a city's 10 k grids of ~250 m put about twenty in every cell (locate's hot path).
 */
function medianExtent(items: readonly IndexedItem[]): number {
  if (!items.length) return 0.01;
  const sides = items.map(({ bbox: b }) => Math.max(b[2] - b[0], b[3] - b[1])).sort((a, b) => a - b);
  return Math.min(0.05, Math.max(0.0005, sides[Math.floor(sides.length / 2)]!));
}

/** A cell's number: x and y offset by 2^25, x · 2^26 + y, below 2^52 — exact in a double for cells down to 1e-5°. */
function cellKey(cx: number, cy: number): number {
  return (cx + 33_554_432) * 67_108_864 + (cy + 33_554_432);
}

function holds(b: BBox, lng: number, lat: number): boolean {
  return lng >= b[0] && lng <= b[2] && lat >= b[1] && lat <= b[3];
}

/**
 * A point inside a footprint to draw its name at: the box's centre when inside, else the vertices' mean, else the
 * first of a 7 × 7 sample of the box that falls inside (an L- or U-shaped compound), else its first vertex.
 */
export function labelPoint(g: GridGeometry): Position {
  const b = bboxOf(g);
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const centre: Position = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
  const ring = polygonsOf(g)[0]?.[0] ?? [];
  const mean: Position = ring.length
    ? [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length]
    : centre;
  const candidates: Position[] = [centre, mean];
  for (let i = 1; i < 8; i++)
    for (let j = 1; j < 8; j++) candidates.push([b[0] + ((b[2] - b[0]) * i) / 8, b[1] + ((b[3] - b[1]) * j) / 8]);
  const inside = candidates.find((p) => pointInGeometry(g, p[0], p[1])) ?? ring[0] ?? centre;
  return [round(inside[0]), round(inside[1])];
}
