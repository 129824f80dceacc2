import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { compoundAreas } from '../grids/schema.js';

/**
 * Issue 10 item 8: an order placed by a map point is filed at the compound (and grid) it falls in; the ranking of the
 * level below adds up to the total with an explicit 社区直属 row; a per-grid ranking; a point outside the caller's
 * community refused (or confirmed by staff registering for someone), a point in another province refused always.
 */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client, resident: Client, residentB: Client, streetAdmin: Client;
let g1: number, g2: number;
const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;

const box = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ] as [number, number][],
  ],
});
const q = (path: string, params: Record<string, string | number>) =>
  `${path}?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
const report = (c: Client, lng: number, lat: number, extra: Record<string, unknown> = {}) =>
  c.post('/api/orders', {
    kind: 'problem',
    category: 'environment',
    title: '垃圾堆放',
    location: { lng, lat, address: null },
    ...extra,
  });

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  resident = await t.as(['resident'], A1().household.id);
  residentB = await t.as(['resident'], B1().household.id);
  const grid = async (name: string, g: ReturnType<typeof box>) => {
    const res = await staff.post('/api/grids', { communityId: A1().community.id, kind: 'basic', name, geometry: g });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  g1 = await grid('第一网格', box(101.7, 36.6, 101.71, 36.61));
  g2 = await grid('第二网格', box(101.71, 36.6, 101.72, 36.61));
  const footprint = box(101.701, 36.601, 101.705, 36.609);
  await t.db.insert(compoundAreas).values({
    compoundId: A1().compound.id,
    communityId: A1().community.id,
    scopePath: A1().community.path,
    geometry: footprint,
    minLng: 101.701,
    minLat: 36.601,
    maxLng: 101.705,
    maxLat: 36.609,
  });
});
afterAll(() => t.close());

describe('filing by a map point', () => {
  it('files a point inside a compound at the compound and its grid', async () => {
    const res = await report(resident, 101.703, 36.605);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      community: { id: A1().community.id },
      territory: { id: A1().compound.id, level: 'compound' },
      gridId: g1,
    });
  });

  it('files a point in a grid but in no compound at the community itself (社区直属)', async () => {
    const res = await report(resident, 101.715, 36.605);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ territory: { id: A1().community.id }, gridId: g2 });
  });

  it('refuses a point outside the community with a clear message; staff registering for someone confirm it', async () => {
    const out = await report(resident, 101.73, 36.605);
    expect(out.status).toBe(400);
    expect(out.body.fields).toEqual([
      { field: 'location', message: '所选位置不在本社区的网格范围内（相距约 0.9 公里），请在本社区内重新选点' },
    ]);
    const walkIn = { walkIn: { name: '王大爷' } };
    const unconfirmed = await report(staff, 101.73, 36.605, walkIn);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.fields[0].message).toContain('请勾选确认后再提交');
    const confirmed = await report(staff, 101.73, 36.605, { ...walkIn, confirmOutside: true });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect(confirmed.body).toMatchObject({ territory: { id: A1().community.id }, gridId: null });
    expect(confirmed.body.timeline[0].data).toMatchObject({ outsideConfirmed: true });
    // A resident cannot skip the check by claiming a confirmation.
    expect((await report(resident, 101.73, 36.605, { confirmOutside: true })).status).toBe(400);
  });

  it('refuses a point far outside (another province) even with the confirmation', async () => {
    const far = await report(staff, 116.397, 39.909, { walkIn: { name: '王大爷' }, confirmOutside: true });
    expect(far.status).toBe(400);
    expect(far.body.fields[0].field).toBe('location');
    expect(far.body.fields[0].message).toMatch(/^所选位置远在本辖区之外（约 \d+ 公里），不能受理/);
  });

  it("refuses a point in another community's grid from a community without grids", async () => {
    const res = await report(residentB, 101.703, 36.605);
    expect(res.status).toBe(400);
    expect(res.body.fields[0].message).toBe('所选位置属于其他社区的网格，请在本社区内重新选点');
    // Where nothing is mapped at all, a point cannot be judged and is kept as given.
    const free = await report(residentB, 101.9, 36.7);
    expect(free.status).toBe(201);
    expect(free.body).toMatchObject({ territory: { id: B1().household.id }, gridId: null });
  });
});

describe('figures that add up', () => {
  type Row = {
    found: number;
    direct?: boolean;
    territory?: { id: number; name: string };
    drill: Record<string, string>;
  };
  const sum = (rows: Row[]) => rows.reduce((n, r) => n + r.found, 0);

  it("the community's level below adds up to its total with a 社区直属 row, and so does the per-grid ranking", async () => {
    const f = await staff.get(q('/api/orders/figures', { territoryId: A1().community.id }));
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    // Three orders: one at the compound, one in grid 2 at the community, one confirmed outside at the community.
    expect(f.body.found).toBe(3);
    const ranking = f.body.ranking as Row[];
    expect(sum(ranking)).toBe(f.body.found);
    expect(ranking.find((r) => r.territory!.id === A1().compound.id)!.found).toBe(1);
    const own = ranking.at(-1)!;
    expect(own).toMatchObject({ direct: true, found: 2, territory: { id: A1().community.id, name: '社区直属' } });
    // Its drill-down lists exactly those two.
    const list = await staff.get(q('/api/orders', own.drill));
    expect(list.body.total).toBe(2);

    const grids = f.body.gridRanking as (Row & { grid: { id: number; name: string } | null })[];
    expect(sum(grids)).toBe(f.body.found);
    expect(grids.map((g) => [g.grid?.id ?? null, g.found])).toEqual(
      expect.arrayContaining([
        [g1, 1],
        [g2, 1],
        [null, 1],
      ]),
    );
    expect(grids.at(-1)!.grid).toBeNull();
    for (const g of grids) expect((await staff.get(q('/api/orders', g.drill))).body.total).toBe(g.found);
  });

  it("a street's ranking of its communities adds up to its total", async () => {
    const f = await streetAdmin.get(q('/api/orders/figures', { territoryId: tree.streetA.street.id }));
    expect(f.status).toBe(200);
    expect(f.body.found).toBe(3);
    expect(sum(f.body.ranking as Row[])).toBe(3);
    expect((f.body.ranking as Row[]).some((r) => r.direct)).toBe(false);
    // No per-grid ranking above a community (a city has thousands of grids).
    expect(f.body.gridRanking).toEqual([]);
  });

  it('the direct and no-grid drill-downs stay inside the caller’s scope', async () => {
    const other = await residentB.get(q('/api/orders', { territoryId: A1().community.id, direct: 'true' }));
    expect(other.status).toBe(404);
  });
});
