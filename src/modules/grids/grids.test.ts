import { and, asc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, territories } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { partyOrgs } from '../organizations/schema.js';
import { partyMembers } from '../party-members/schema.js';
import { buildingLeads, compoundAreas, gridIndexVersion, grids, liaisonHouseholds } from './schema.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], tree.streetA.street.id);
});
afterAll(() => t.close());

const A = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B = () => tree.streetB.communities[0]!;

type Ring = [number, number][];
const box = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const poly = (...rings: Ring[]) => ({ type: 'Polygon' as const, coordinates: rings });

/** Inserts a grid straight into the database (another process, or the other street), bumping the version. */
async function rawGrid(communityId: number, path: string, name: string, ring: Ring) {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [row] = await t.db
    .insert(grids)
    .values({
      communityId,
      scopePath: path,
      kind: 'basic',
      name,
      geometry: poly(ring),
      minLng: Math.min(...xs),
      minLat: Math.min(...ys),
      maxLng: Math.max(...xs),
      maxLat: Math.max(...ys),
    })
    .returning();
  await t.db
    .insert(gridIndexVersion)
    .values({ id: 1, version: 1000 })
    .onConflictDoUpdate({ target: gridIndexVersion.id, set: { version: 1000 + row!.id } });
  return row!;
}

describe('grids CRUD, scoped and audited', () => {
  it('creates, reads, lists, edits and deletes a grid of my street, with audit rows', async () => {
    const created = await staff.post('/api/grids', {
      communityId: A().community.id,
      kind: 'basic',
      name: '第一网格',
      geometry: poly(box(101.7, 36.6, 101.71, 36.61)),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '第一网格',
      kind: 'basic',
      community: { id: A().community.id },
      bbox: [101.7, 36.6, 101.71, 36.61],
      workerCount: 0,
    });
    const id = created.body.id as number;
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'grid.create'), eq(auditLog.objectId, String(id))));
    expect(entry?.scopePath).toBe(A().community.path);

    const got = await staff.get(`/api/grids/${id}`);
    expect(got.status).toBe(200);
    expect(got.body.geometry.coordinates[0]).toHaveLength(5);

    const list = await staff.get(`/api/grids?communityId=${A().community.id}&q=第一`);
    expect(list.body.items.map((g: { id: number }) => g.id)).toEqual([id]);

    const patched = await staff.patch(`/api/grids/${id}`, {
      kind: 'professional',
      department: '城市管理局',
      name: '城管网格',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ kind: 'professional', department: '城市管理局', name: '城管网格' });

    expect((await staff.delete(`/api/grids/${id}`)).status).toBe(204);
    expect((await staff.get(`/api/grids/${id}`)).status).toBe(404);
    const actions = (
      await t.db
        .select({ a: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.objectId, String(id)))
    ).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(['grid.create', 'grid.update', 'grid.delete']));
  });

  it('never shows or touches a grid of another street (404), and cannot draw there', async () => {
    const other = await rawGrid(B().community.id, B().community.path, '乙街道网格', box(101.72, 36.6, 101.73, 36.61));
    expect((await staff.get(`/api/grids/${other.id}`)).status).toBe(404);
    expect((await staff.patch(`/api/grids/${other.id}`, { name: 'x' })).status).toBe(404);
    expect((await staff.delete(`/api/grids/${other.id}`)).status).toBe(404);
    const list = await staff.get('/api/grids?pageSize=200');
    expect(list.body.items.some((g: { id: number }) => g.id === other.id)).toBe(false);
    const draw = await staff.post('/api/grids', {
      communityId: B().community.id,
      kind: 'basic',
      name: 'x',
      geometry: poly(box(101.7, 36.6, 101.71, 36.61)),
    });
    expect(draw.status).toBe(404);
    const map = await staff.get(`/api/grids/map?communityId=${B().community.id}`);
    expect(map.status).toBe(404);
  });

  it('a grid worker reads grids but may not draw them; a resident may not list them', async () => {
    const worker = await t.as(['gridWorker'], A().community.id);
    expect((await worker.get('/api/grids')).status).toBe(200);
    expect(
      (
        await worker.post('/api/grids', {
          communityId: A().community.id,
          kind: 'basic',
          name: 'x',
          geometry: poly(box(101.7, 36.6, 101.71, 36.61)),
        })
      ).status,
    ).toBe(403);
    const resident = await t.as(['resident'], A().household.id);
    expect((await resident.get('/api/grids')).status).toBe(403);
  });
});

describe('a grid worker bound to a compound', () => {
  it('sees the grid they work in (and its workers), not the other grids of the community', async () => {
    const mine = (
      await staff.post('/api/grids', {
        communityId: A().community.id,
        kind: 'basic',
        name: '我的网格',
        geometry: poly(box(101.6, 36.6, 101.61, 36.61)),
      })
    ).body;
    const other = (
      await staff.post('/api/grids', {
        communityId: A().community.id,
        kind: 'basic',
        name: '别人的网格',
        geometry: poly(box(101.62, 36.6, 101.63, 36.61)),
      })
    ).body;
    const reader = await t.as(['gridWorker'], A().compound.id);
    expect((await reader.get('/api/grids')).body.total).toBe(0);
    await staff.post('/api/grids/workers', {
      gridId: mine.id,
      name: '韩建国',
      kind: 'fullTime',
      accountId: reader.account.id,
      phone: '13900002222',
    });
    await staff.post('/api/grids/workers', { gridId: mine.id, name: '兼职', kind: 'partTime' });

    const list = await reader.get('/api/grids');
    expect(list.body.items.map((g: { name: string }) => g.name)).toEqual(['我的网格']);
    expect((await reader.get(`/api/grids/${mine.id}`)).body.workers).toHaveLength(2);
    expect((await reader.get(`/api/grids/${other.id}`)).status).toBe(404);
    const map = await reader.get('/api/grids/map');
    expect(map.body.grids.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual([
      '我的网格',
    ]);
    const workers = await reader.get('/api/grids/workers');
    expect(workers.body.total).toBe(2);
    expect(
      workers.body.items.every((w: { phone: string | null }) => w.phone === null || w.phone.includes('****')),
    ).toBe(true);
    expect((await reader.patch(`/api/grids/${mine.id}`, { name: 'x' })).status).toBe(403);
  });
});

describe('geometry validation, one message per field', () => {
  const create = (geometry: unknown, extra: Record<string, unknown> = {}, c: Client = staff) =>
    c.post('/api/grids', { communityId: A().community.id, kind: 'basic', name: '坏网格', geometry, ...extra });

  it('refuses an open ring, a short ring and a position outside China, naming each', async () => {
    const open = await create(
      poly([
        [101.7, 36.6],
        [101.71, 36.6],
        [101.71, 36.61],
        [101.7, 36.61],
      ]),
    );
    expect(open.status).toBe(400);
    expect(open.body.fields).toEqual([{ field: 'geometry.coordinates.0', message: expect.stringContaining('未闭合') }]);

    const short = await create(
      poly([
        [101.7, 36.6],
        [101.71, 36.6],
        [101.7, 36.6],
      ]),
    );
    expect(short.body.fields).toEqual([
      { field: 'geometry.coordinates.0', message: expect.stringContaining('至少需要 4 个') },
    ]);

    const swapped = await create(poly(box(36.6, 101.7, 36.61, 101.71)));
    expect(swapped.body.fields[0]).toEqual({
      field: 'geometry.coordinates.0.0',
      message: expect.stringContaining('不在中国境内'),
    });

    const hole = await create({
      type: 'MultiPolygon',
      coordinates: [
        [
          box(101.7, 36.6, 101.71, 36.61),
          [
            [101.702, 36.602],
            [101.703, 36.602],
            [101.702, 36.602],
          ],
        ],
      ],
    });
    expect(hole.body.fields).toEqual([{ field: 'geometry.coordinates.0.1', message: expect.any(String) }]);

    const degenerate = await create(
      poly([
        [101.7, 36.6],
        [101.71, 36.6],
        [101.7, 36.6],
        [101.7, 36.6],
      ]),
    );
    expect(degenerate.body.fields[0].message).toContain('3 个不同');
  });

  it('refuses a wrong type, a professional grid without department and a non-community node', async () => {
    const line = await create({
      type: 'LineString',
      coordinates: [
        [101.7, 36.6],
        [101.71, 36.6],
      ],
    });
    expect(line.status).toBe(400);
    expect(line.body.fields[0].field).toMatch(/^geometry/);

    const noDept = await create(poly(box(101.7, 36.6, 101.71, 36.61)), { kind: 'professional' });
    expect(noDept.body.fields).toEqual([{ field: 'department', message: '专业网格须填写主管部门' }]);

    const compound = await create(poly(box(101.7, 36.6, 101.71, 36.61)), { communityId: A().compound.id });
    expect(compound.body.fields).toEqual([{ field: 'communityId', message: '网格只能划在社区（村）下' }]);
  });

  it('answers in English when asked', async () => {
    const en = await t.as(['communityStaff'], tree.streetA.street.id);
    en.lang = 'en-US';
    const res = await create(
      poly([
        [101.7, 36.6],
        [101.71, 36.6],
        [101.71, 36.61],
        [101.7, 36.61],
      ]),
      {},
      en,
    );
    expect(res.body.fields[0].message).toBe('The ring is not closed: its last position must equal its first');
  });
});

describe('GeoJSON import, all or nothing', () => {
  const feature = (properties: Record<string, unknown> | null, geometry: unknown) => ({
    type: 'Feature',
    properties,
    geometry,
  });

  it('reports every bad feature with its index and reason, and saves nothing', async () => {
    await t.db.update(territories).set({ divisionCode: '630104006901' }).where(eq(territories.id, A().community.id));
    const before = (await staff.get('/api/grids?pageSize=200')).body.total;
    const res = await staff.post('/api/grids/import', {
      type: 'FeatureCollection',
      features: [
        feature(
          { name: '好网格', kind: 'basic', communityCode: '630104006901' },
          poly(box(101.7, 36.6, 101.71, 36.61)),
        ),
        feature({ kind: 'basic', communityCode: '630104006901' }, poly(box(101.7, 36.6, 101.71, 36.61))),
        feature(
          { name: '类型错', kind: 'square', communityId: A().community.id },
          poly(box(101.7, 36.6, 101.71, 36.61)),
        ),
        feature(
          { name: '未闭合', kind: 'basic', communityId: A().community.id },
          poly([
            [101.7, 36.6],
            [101.71, 36.6],
            [101.71, 36.61],
            [101.7, 36.61],
          ]),
        ),
        feature(
          { name: '别的街道', kind: 'basic', communityId: B().community.id },
          poly(box(101.7, 36.6, 101.71, 36.61)),
        ),
        feature({ name: '没有社区', kind: 'basic' }, poly(box(101.7, 36.6, 101.71, 36.61))),
        feature(
          { name: '点', kind: 'basic', communityId: A().community.id },
          { type: 'Point', coordinates: [101.7, 36.6] },
        ),
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('7 个要素中有 6 个有误，未导入任何网格');
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual([
      'features.1.properties.name',
      'features.2.properties.kind',
      'features.3.geometry.coordinates.0',
      'features.4.properties.communityId',
      'features.5.properties.communityCode',
      'features.6.geometry',
    ]);
    expect((await staff.get('/api/grids?pageSize=200')).body.total).toBe(before);
  });

  it('imports a clean file in one go, by community code or id', async () => {
    const res = await staff.post('/api/grids/import', {
      type: 'FeatureCollection',
      features: [
        feature(
          { name: '导入一', kind: 'basic', communityCode: '630104006901' },
          poly(box(101.8, 36.6, 101.81, 36.61)),
        ),
        feature(
          { name: '导入二', kind: 'professional', department: '市场监管局', communityId: A2().community.id },
          {
            type: 'MultiPolygon',
            coordinates: [[box(101.82, 36.6, 101.83, 36.61)], [box(101.84, 36.6, 101.85, 36.61)]],
          },
        ),
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(2);
    const two = await staff.get(`/api/grids/${res.body.items[1].id}`);
    expect(two.body).toMatchObject({
      kind: 'professional',
      department: '市场监管局',
      community: { id: A2().community.id },
      bbox: [101.82, 36.6, 101.85, 36.61],
    });
  });
});

describe('locate a point', () => {
  let gridId: number;
  beforeAll(async () => {
    const g = await staff.post('/api/grids', {
      communityId: A().community.id,
      kind: 'basic',
      name: '定位网格',
      geometry: poly(box(102.0, 36.0, 102.1, 36.1), box(102.04, 36.04, 102.06, 36.06)),
    });
    gridId = g.body.id;
    await staff.post('/api/grids', {
      communityId: A().community.id,
      kind: 'responsibilityArea',
      name: '责任区',
      geometry: poly(box(102.01, 36.01, 102.02, 36.02)),
    });
    await staff.post('/api/grids/workers', { gridId, name: '马秀英', kind: 'fullTime', phone: '13912345678' });
    await t.db.insert(partyOrgs).values({
      territoryId: A().community.id,
      scopePath: A().community.path,
      kind: 'committee',
      name: '甲社区党委',
      secretaryName: '刘书记',
    });
  });

  it('finds the grid, its community, branch and people; overlapping areas are listed after the basic grid', async () => {
    const res = await staff.post('/api/grids/locate', { lng: 102.015, lat: 36.015 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      grid: { id: gridId, name: '定位网格', kind: 'basic' },
      community: { id: A().community.id },
      branch: { name: '甲社区党委', kind: 'committee' },
      people: { workers: [{ name: '马秀英', kind: 'fullTime', phone: '139****5678' }], secretaryName: '刘书记' },
    });
    expect(res.body.matches.map((m: { name: string }) => m.name)).toEqual(['定位网格', '责任区']);
  });

  it('answers nothing in a hole or outside every grid', async () => {
    expect((await staff.post('/api/grids/locate', { lng: 102.05, lat: 36.05 })).body.grid).toBeNull();
    expect((await staff.post('/api/grids/locate', { lng: 110, lat: 30 })).body).toMatchObject({
      grid: null,
      matches: [],
      community: null,
    });
  });

  it('never answers a grid outside the scope; a resident or compound worker searches their own community', async () => {
    await rawGrid(B().community.id, B().community.path, '乙街道定位', box(103.0, 36.0, 103.1, 36.1));
    await rawGrid(A2().community.id, A2().community.path, '甲二社区定位', box(104.0, 36.0, 104.1, 36.1));
    await new Promise((r) => setTimeout(r, 1100)); // written by "another process": noticed within a second
    expect((await staff.post('/api/grids/locate', { lng: 103.05, lat: 36.05 })).body.grid).toBeNull();
    expect((await staff.post('/api/grids/locate', { lng: 104.05, lat: 36.05 })).body.grid.name).toBe('甲二社区定位');

    const resident = await t.as(['resident'], A().household.id);
    const mine = await resident.post('/api/grids/locate', { lng: 102.015, lat: 36.015 });
    expect(mine.body.grid.name).toBe('定位网格');
    expect(mine.body.people.workers[0].phone).toBe('139****5678');
    expect((await resident.post('/api/grids/locate', { lng: 104.05, lat: 36.05 })).body.grid).toBeNull();
    // A grid worker bound to a compound finds the grids of that compound's community.
    const worker = await t.as(['gridWorker'], A().compound.id);
    expect((await worker.post('/api/grids/locate', { lng: 102.015, lat: 36.015 })).body.grid.name).toBe('定位网格');
    expect((await worker.post('/api/grids/locate', { lng: 104.05, lat: 36.05 })).body.grid).toBeNull();
  });

  it("names the compound a point falls in, and opens a resident's map on their compound and grid (issue 10 item 16)", async () => {
    await t.db.insert(compoundAreas).values({
      compoundId: A().compound.id,
      communityId: A().community.id,
      scopePath: A().community.path,
      geometry: poly(box(102.07, 36.07, 102.08, 36.08)),
      minLng: 102.07,
      minLat: 36.07,
      maxLng: 102.08,
      maxLat: 36.08,
    });
    const [compound] = await t.db
      .select({ name: territories.name })
      .from(territories)
      .where(eq(territories.id, A().compound.id));
    const inside = await staff.post('/api/grids/locate', { lng: 102.075, lat: 36.075 });
    expect(inside.body).toMatchObject({
      grid: { name: '定位网格' },
      compound: { id: A().compound.id, name: compound!.name },
      community: { id: A().community.id },
    });
    // In the grid but on a street between compounds: the community's own (社区直属), no compound.
    expect((await staff.post('/api/grids/locate', { lng: 102.015, lat: 36.015 })).body.compound).toBeNull();

    const resident = await t.as(['resident'], A().household.id);
    const map = await resident.get('/api/signup/me/map');
    expect(map.status).toBe(200);
    expect(map.body.places).toContainEqual({
      id: A().compound.id,
      name: compound!.name,
      level: 'compound',
      communityId: A().community.id,
      lng: 102.075,
      lat: 36.075,
    });
    expect(map.body.home).toEqual({
      compoundId: A().compound.id,
      compoundName: compound!.name,
      gridId,
      bbox: [102.07, 36.07, 102.08, 36.08],
    });
    // Staff's map names the compounds too; only a resident's map has a home.
    const staffMap = await staff.get(`/api/grids/map?communityId=${A().community.id}`);
    expect(staffMap.body.places.map((p: { id: number }) => p.id)).toContain(A().compound.id);
    expect(staffMap.body.home).toBeNull();
    await t.db.delete(compoundAreas).where(eq(compoundAreas.compoundId, A().compound.id));
  });

  it("sees its own process's edits at once", async () => {
    await staff.patch(`/api/grids/${gridId}`, { geometry: poly(box(105.0, 36.0, 105.1, 36.1)) });
    expect((await staff.post('/api/grids/locate', { lng: 105.05, lat: 36.05 })).body.grid?.id).toBe(gridId);
    expect((await staff.post('/api/grids/locate', { lng: 102.03, lat: 36.03 })).body.grid).toBeNull();
  });
});

describe('grid workers and liaison households (30–50, seed 002)', () => {
  let gridId: number;
  let households: number[];
  beforeAll(async () => {
    gridId = (
      await staff.post('/api/grids', {
        communityId: A().community.id,
        kind: 'basic',
        name: '联系户网格',
        geometry: poly(box(101.9, 36.6, 101.91, 36.61)),
      })
    ).body.id;
    const rows = await t.db
      .insert(territories)
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          parentId: A().building.id,
          level: 'household' as const,
          name: `${1000 + i}室`,
        })),
      )
      .returning({ id: territories.id });
    households = rows.map((r) => r.id);
  });

  it('flags a worker under 30 and over 50, refuses the 51st household with a clear message', async () => {
    const w = (
      await staff.post('/api/grids/workers', { gridId, name: '韩建国', kind: 'fullTime', phone: '13800001234' })
    ).body;
    expect(w).toMatchObject({ liaisonCount: 0, liaisonFlag: 'under', phone: '13800001234' });

    const first = await staff.post(`/api/grids/workers/${w.id}/households`, { householdIds: households.slice(0, 29) });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ count: 29, min: 30, max: 50, liaisonFlag: 'under' });
    expect(first.body.items[0].label).toContain('室');
    const thirty = await staff.post(`/api/grids/workers/${w.id}/households`, { householdIds: [households[29]] });
    expect(thirty.body).toMatchObject({ count: 30, liaisonFlag: null });
    const fifty = await staff.post(`/api/grids/workers/${w.id}/households`, { householdIds: households.slice(30, 50) });
    expect(fifty.body).toMatchObject({ count: 50, liaisonFlag: null });

    const over = await staff.post(`/api/grids/workers/${w.id}/households`, { householdIds: [households[50]] });
    expect(over.status).toBe(409);
    expect(over.body.message).toBe('每名网格员联系 30–50 户：该网格员已联系 50 户，再加 1 户将超过 50 户');

    const list = await staff.get(`/api/grids/workers?gridId=${gridId}`);
    expect(list.body.items[0]).toMatchObject({ liaisonCount: 50, liaisonFlag: null });
    const grid = await staff.get(`/api/grids?q=联系户网格`);
    expect(grid.body.items[0]).toMatchObject({ workerCount: 1, flaggedWorkerCount: 0 });

    // Seeded past the limit by another path (e.g. an import): shown as "over", not hidden.
    await t.db
      .insert(liaisonHouseholds)
      .values(
        households.slice(50, 52).map((householdId) => ({ workerId: w.id, householdId, scopePath: A().community.path })),
      );
    expect((await staff.get(`/api/grids/workers?gridId=${gridId}&flagged=true`)).body.items[0]).toMatchObject({
      liaisonCount: 52,
      liaisonFlag: 'over',
    });
    expect((await staff.get(`/api/grids?q=联系户网格`)).body.items[0].flaggedWorkerCount).toBe(1);

    expect((await staff.delete(`/api/grids/workers/${w.id}/households/${households[51]}`)).status).toBe(204);
    expect((await staff.delete(`/api/grids/workers/${w.id}/households/${households[51]}`)).status).toBe(404);
  });

  it("keeps one worker per household and households inside the worker's community", async () => {
    const a = (await staff.post('/api/grids/workers', { gridId, name: '甲', kind: 'fullTime' })).body;
    const b = (await staff.post('/api/grids/workers', { gridId, name: '乙', kind: 'partTime' })).body;
    await staff.post(`/api/grids/workers/${a.id}/households`, { householdIds: [households[55]] });
    const taken = await staff.post(`/api/grids/workers/${b.id}/households`, { householdIds: [households[55]] });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toContain('甲');
    // The household picker shows who follows each household below a place.
    const under = await staff.get(`/api/grids/liaisons?under=${A().building.id}`);
    expect(under.status).toBe(200);
    expect(under.body.items).toContainEqual({ householdId: households[55], workerId: a.id, workerName: '甲' });
    expect(
      (await staff.get(`/api/grids/liaisons?under=${A2().community.id}`)).body.items.some(
        (i: { householdId: number }) => i.householdId === households[55],
      ),
    ).toBe(false);
    const elsewhere = await staff.post(`/api/grids/workers/${b.id}/households`, { householdIds: [A2().household.id] });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.fields[0].field).toBe('householdIds');
    const notHousehold = await staff.post(`/api/grids/workers/${b.id}/households`, { householdIds: [A().building.id] });
    expect(notHousehold.status).toBe(400);
  });

  it('masks phones for grid workers, shows them to managers; checks party member and account scope', async () => {
    const w = (await staff.post('/api/grids/workers', { gridId, name: '电话', kind: 'fullTime', phone: '13711112222' }))
      .body;
    const reader = await t.as(['gridWorker'], A().community.id);
    const seen = await reader.get(`/api/grids/workers?gridId=${gridId}&pageSize=50`);
    expect(seen.body.items.find((x: { id: number }) => x.id === w.id).phone).toBe('137****2222');
    const bad = await staff.patch(`/api/grids/workers/${w.id}`, { partyMemberId: 999999, accountId: 999999 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['partyMemberId', 'accountId']);
    const bogus = await staff.post('/api/grids/workers', { gridId, name: 'x', kind: 'fullTime', phone: 'call me' });
    expect(bogus.status).toBe(400);
    expect(bogus.body.fields[0].field).toBe('phone');
  });
});

describe('building leads (一名党员一栋楼)', () => {
  it('sets, replaces, lists and removes the one lead of a building', async () => {
    const building = await t.factory.territory(A().compound.id, 'building', '9号楼');
    const set = await staff.request('PUT', `/api/grids/buildings/${building.id}/lead`, { name: '王楼长' });
    expect(set.status).toBe(200);
    const again = await staff.request('PUT', `/api/grids/buildings/${building.id}/lead`, { name: '李楼长' });
    expect(again.body).toMatchObject({ buildingId: building.id, name: '李楼长' });
    const rows = await t.db.select().from(buildingLeads).where(eq(buildingLeads.buildingId, building.id));
    expect(rows).toHaveLength(1);

    const without = await staff.get(
      `/api/grids/buildings?communityId=${A().community.id}&withoutLead=true&pageSize=200`,
    );
    expect(without.body.items.some((b: { buildingId: number }) => b.buildingId === building.id)).toBe(false);
    const withLead = await staff.get(`/api/grids/buildings?communityId=${A().community.id}&withoutLead=false`);
    expect(withLead.body.items.find((b: { buildingId: number }) => b.buildingId === building.id)).toMatchObject({
      lead: { name: '李楼长' },
    });

    expect((await staff.delete(`/api/grids/buildings/${building.id}/lead`)).status).toBe(204);
    expect((await staff.delete(`/api/grids/buildings/${building.id}/lead`)).status).toBe(404);
    const nowWithout = await staff.get(
      `/api/grids/buildings?communityId=${A().community.id}&withoutLead=true&pageSize=200`,
    );
    expect(nowWithout.body.items.some((b: { buildingId: number }) => b.buildingId === building.id)).toBe(true);
    const audits = await t.db
      .select({ a: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'building'), eq(auditLog.objectId, String(building.id)), gt(auditLog.id, 0)))
      .orderBy(asc(auditLog.id));
    expect(audits.map((r) => r.a)).toEqual(['buildingLead.set', 'buildingLead.set', 'buildingLead.delete']);
  });

  it('a responsible party member 楼栋责任党员 clears the 一名党员一栋楼 flag; the building lead alone does not', async () => {
    const building = await t.factory.territory(A().compound.id, 'building', '责任楼');
    const admin = await t.as(['streetAdmin'], tree.streetA.street.id);
    const flagged = async () => {
      const res = await admin.get('/api/organizations/flags?kind=buildingWithoutLead&pageSize=200');
      expect(res.status).toBe(200);
      return res.body.items.some((i: { territory: { id: number } }) => i.territory.id === building.id);
    };
    const [branch] = await t.db
      .insert(partyOrgs)
      .values({ kind: 'branch', name: '责任楼测试支部', territoryId: A().community.id, scopePath: A().community.path })
      .returning();
    // the member lives elsewhere in the community, not in this building
    const [member] = await t.db
      .insert(partyMembers)
      .values({
        name: '周责任',
        kind: 'resident',
        homeBranchId: branch!.id,
        territoryId: A().community.id,
        scopePath: A().community.path,
      })
      .returning();
    expect(await flagged()).toBe(true);

    expect((await staff.request('PUT', `/api/grids/buildings/${building.id}/lead`, { name: '赵楼长' })).status).toBe(
      200,
    );
    expect(await flagged()).toBe(true);

    const set = await staff.request('PUT', `/api/grids/buildings/${building.id}/responsible-member`, {
      partyMemberId: member!.id,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ buildingId: building.id, name: '周责任', partyMemberId: member!.id });
    expect(await flagged()).toBe(false);

    const list = await staff.get(`/api/grids/buildings?communityId=${A().community.id}&pageSize=200`);
    expect(list.body.items.find((b: { buildingId: number }) => b.buildingId === building.id)).toMatchObject({
      lead: { name: '赵楼长', partyMemberId: null },
      responsibleMember: { name: '周责任', partyMemberId: member!.id },
    });

    // a member of another street is not found; removing the responsible member brings the flag back
    const [otherBranch] = await t.db
      .insert(partyOrgs)
      .values({ kind: 'branch', name: '乙街道支部', territoryId: B().community.id, scopePath: B().community.path })
      .returning();
    const [outsider] = await t.db
      .insert(partyMembers)
      .values({
        name: '外街道党员',
        kind: 'resident',
        homeBranchId: otherBranch!.id,
        territoryId: B().community.id,
        scopePath: B().community.path,
      })
      .returning();
    const bad = await staff.request('PUT', `/api/grids/buildings/${building.id}/responsible-member`, {
      partyMemberId: outsider!.id,
    });
    expect(bad.status).toBe(400);
    expect((await staff.delete(`/api/grids/buildings/${building.id}/responsible-member`)).status).toBe(204);
    expect(await flagged()).toBe(true);
    const audits = await t.db
      .select({ a: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'building'), eq(auditLog.objectId, String(building.id))))
      .orderBy(asc(auditLog.id));
    expect(audits.map((r) => r.a)).toEqual([
      'buildingLead.set',
      'buildingResponsible.set',
      'buildingResponsible.delete',
    ]);
  });

  it('only buildings of my subtree have leads set here', async () => {
    expect((await staff.request('PUT', `/api/grids/buildings/${A().household.id}/lead`, { name: 'x' })).status).toBe(
      404,
    );
    expect((await staff.request('PUT', `/api/grids/buildings/${B().building.id}/lead`, { name: 'x' })).status).toBe(
      404,
    );
  });
});
