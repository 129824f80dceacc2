import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';

/**
 * Property: `POST /api/grids/locate` (spatial index) answers exactly the grids a brute-force point-in-polygon
 * test over every grid of the scope finds — for random points, points a hair's breadth from vertices and
 * edges, and points inside holes — and never a grid of another street. The brute force here is an
 * independent winding-number test, not the module's even-odd code.
 */

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client;
let admin: Client;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], tree.streetA.street.id);
  admin = await t.as(['districtAdmin'], tree.district.id);
});
afterAll(() => t.close());

type Pos = [number, number];
type Poly = Pos[][];

/** Winding number of a closed ring around a point (non-zero = inside). */
function winding(ring: Pos[], x: number, y: number): number {
  let wn = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    const side = (x2 - x1) * (y - y1) - (x - x1) * (y2 - y1);
    if (y1 <= y) {
      if (y2 > y && side > 0) wn++;
    } else if (y2 <= y && side < 0) wn--;
  }
  return wn;
}
const inPoly = (p: Poly, x: number, y: number) =>
  winding(p[0]!, x, y) !== 0 && p.slice(1).every((h) => winding(h, x, y) === 0);

/** A star-shaped simple polygon around (cx, cy), optionally with a hole well inside its smallest radius. */
function star(cx: number, cy: number, radii: number[], hole: boolean): Poly {
  const n = radii.length;
  const outer: Pos[] = radii.map((r, i) => [
    cx + r * Math.cos((2 * Math.PI * i) / n),
    cy + r * Math.sin((2 * Math.PI * i) / n),
  ]);
  outer.push(outer[0]!);
  if (!hole) return [outer];
  const h = Math.min(...radii) * 0.4;
  const inner: Pos[] = [
    [cx - h, cy - h],
    [cx - h, cy + h],
    [cx + h, cy + h],
    [cx + h, cy - h],
    [cx - h, cy - h],
  ];
  return [outer, inner];
}

const shape = fc.record({
  cx: fc.double({ min: 100.0, max: 100.2, noNaN: true }),
  cy: fc.double({ min: 30.0, max: 30.2, noNaN: true }),
  radii: fc.array(fc.double({ min: 0.01, max: 0.08, noNaN: true }), { minLength: 3, maxLength: 9 }),
  hole: fc.boolean(),
  parts: fc.integer({ min: 1, max: 2 }),
  outside: fc.boolean(),
});

describe('locate agrees with brute force', () => {
  it('on random grids and random, near-edge and in-hole points', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(shape, { minLength: 1, maxLength: 7 }),
        fc.array(
          fc.tuple(fc.double({ min: 99.9, max: 100.3, noNaN: true }), fc.double({ min: 29.9, max: 30.3, noNaN: true })),
          { minLength: 10, maxLength: 30 },
        ),
        // Nudges off an edge: unequal in x and y, so a nudge never runs along an edge (a regular star's edges have slopes
        // such as ±1, and a point moved along its edge would stay on it, where either answer is right).
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(-1e-7, 1e-7), fc.constantFrom(-2.3e-7, 2.3e-7)), {
          minLength: 5,
          maxLength: 15,
        }),
        async (shapes, randomPoints, nearVertex) => {
          const made: { id: number; polys: Poly[]; outside: boolean }[] = [];
          try {
            for (const s of shapes) {
              const polys = Array.from({ length: s.parts }, (_, k) => star(s.cx + k * 0.25, s.cy, s.radii, s.hole));
              const community = (s.outside ? tree.streetB : tree.streetA).communities[0]!.community;
              const geometry =
                polys.length === 1
                  ? { type: 'Polygon', coordinates: polys[0] }
                  : { type: 'MultiPolygon', coordinates: polys };
              const res = await admin.post('/api/grids', {
                communityId: community.id,
                kind: 'basic',
                name: '随机网格',
                geometry,
              });
              expect(res.status).toBe(201);
              made.push({ id: res.body.id, polys, outside: s.outside });
            }
            const vertices = made.flatMap((m) => m.polys.flatMap((p) => p.flatMap((r) => r)));
            const points: Pos[] = [
              ...randomPoints,
              ...nearVertex.map(([i, j, dx, dy]): Pos => {
                const a = vertices[i % vertices.length]!;
                const b = vertices[(i + 1 + (j % 3)) % vertices.length]!;
                // a point on the segment between two vertices (often an edge), nudged off it
                const f = (j % 7) / 7;
                return [a[0] + (b[0] - a[0]) * f + dx, a[1] + (b[1] - a[1]) * f + dy];
              }),
              ...made.flatMap((m) => (m.polys[0]!.length > 1 ? [centerOf(m.polys[0]![1]!)] : [])),
            ];
            for (const [x, y] of points) {
              const want = made
                .filter((m) => !m.outside && m.polys.some((p) => inPoly(p, x, y)))
                .map((m) => m.id)
                .sort((a, b) => a - b);
              const res = await staff.post('/api/grids/locate', { lng: x, lat: y });
              const got = (res.body.matches as { id: number }[]).map((m) => m.id).sort((a, b) => a - b);
              expect(got, `point ${x},${y}`).toEqual(want);
            }
          } finally {
            // A failing run must not leave grids behind for the shrinking runs that follow.
            for (const m of made) expect((await admin.delete(`/api/grids/${m.id}`)).status).toBe(204);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 180_000); // 25 runs of HTTP creates and locates: minutes on a loaded CI machine, seconds alone
});

function centerOf(ring: Pos[]): Pos {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}
