import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { grids, gridWorkers, liaisonHouseholds } from '../grids/schema.js';
import { serviceOrders } from '../service-orders/schema.js';
import { visits } from './schema.js';
import { chinaDay } from '../../kernel/clock.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client;
let outsider: Client;
let workerClient: Awaited<ReturnType<TestApp['as']>>;
let workerId: number;
const households: number[] = [];

const A = () => tree.streetA.communities[0]!;
const B = () => tree.streetB.communities[0]!;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A().community.id);
  outsider = await t.as(['communityStaff'], B().community.id);
  workerClient = await t.as(['gridWorker'], A().community.id);
  const [g] = await t.db
    .insert(grids)
    .values({
      communityId: A().community.id,
      scopePath: A().community.path,
      kind: 'basic',
      name: '一网格',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [101.75, 36.61],
            [101.76, 36.61],
            [101.76, 36.62],
            [101.75, 36.61],
          ],
        ],
      },
      minLng: 101.75,
      minLat: 36.61,
      maxLng: 101.76,
      maxLat: 36.62,
    })
    .returning();
  const [w] = await t.db
    .insert(gridWorkers)
    .values({
      gridId: g!.id,
      scopePath: A().community.path,
      kind: 'fullTime',
      name: '李网格',
      accountId: workerClient.account.id,
    })
    .returning();
  workerId = w!.id;
  households.push(A().household.id);
  for (let i = 2; i <= 4; i++)
    households.push((await t.factory.territory(A().building.id, 'household', `10${i}室`)).id);
  await t.db
    .insert(liaisonHouseholds)
    .values(households.map((h) => ({ workerId, householdId: h, scopePath: A().community.path })));
});
afterAll(() => t.close());

const today = () => chinaDay(t.clock.now());

describe('visits: record, finding → order (排摸发现), coverage, scope', () => {
  it('a grid worker records a visit to a household; it is audited and listed', async () => {
    const res = await workerClient.post('/api/visits', {
      territoryId: households[0],
      visitedOn: today(),
      note: '老人身体良好',
    });
    expect(res.status).toBe(201);
    expect(res.body.worker).toEqual({ id: workerId, name: '李网格' });
    expect(res.body.finding).toBeNull();
    expect(res.body.placeName).toContain('101室');
    const [a] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'visit.record'), eq(auditLog.objectId, String(res.body.id))));
    expect(a).toBeDefined();
    const list = await staff.get(`/api/visits?workerId=${workerId}`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
  });

  it('a finding becomes a service order in the same step, origin patrol, and the orders list filters by it', async () => {
    const res = await workerClient.post('/api/visits', {
      territoryId: households[1],
      visitedOn: today(),
      finding: '楼道灯不亮，老人夜里上下楼不便',
      order: { category: 'repair' },
    });
    expect(res.status).toBe(201);
    expect(res.body.order).toMatchObject({ origin: 'patrol', status: 'submitted' });
    expect(res.body.followUp).toBe(true);
    const order = await staff.get(`/api/orders/${res.body.order.id}`);
    expect(order.status).toBe(200);
    expect(order.body.origin).toBe('patrol');
    expect(order.body.territory.id).toBe(households[1]);
    expect(order.body.description).toContain('排摸发现');
    const patrol = await staff.get('/api/orders?origin=patrol');
    expect(patrol.body.items.map((o: { id: number }) => o.id)).toEqual([res.body.order.id]);
    const reports = await staff.get('/api/orders?origin=report');
    expect(reports.body.items.map((o: { id: number }) => o.id)).not.toContain(res.body.order.id);
  });

  it('a recorded finding turns into an order later, once; without a finding it is refused with a field message', async () => {
    const plain = await staff.post('/api/visits', { workerId, territoryId: households[2], visitedOn: today() });
    expect(plain.status).toBe(201);
    const refused = await staff.post(`/api/visits/${plain.body.id}/order`, { category: 'repair' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.field ?? refused.body.fields?.[0]?.field).toBe('finding');
    const found = await staff.post('/api/visits', {
      workerId,
      territoryId: households[2],
      visitedOn: today(),
      finding: '单元门禁损坏',
    });
    expect(found.body.order).toBeNull();
    const ordered = await staff.post(`/api/visits/${found.body.id}/order`, { category: 'repair', title: '门禁损坏' });
    expect(ordered.status).toBe(200);
    expect(ordered.body.order.origin).toBe('patrol');
    const again = await staff.post(`/api/visits/${found.body.id}/order`, { category: 'repair' });
    expect(again.status).toBe(409);
    const withFinding = await staff.get('/api/visits?hasFinding=true');
    expect(withFinding.body.total).toBe(2);
  });

  it('bad input is a 4xx with a field message, never a 500', async () => {
    const future = await workerClient.post('/api/visits', { territoryId: households[0], visitedOn: '2999-01-01' });
    expect(future.status).toBe(400);
    const level = await workerClient.post('/api/visits', { territoryId: A().compound.id, visitedOn: today() });
    expect(level.status).toBe(400);
    const noFinding = await workerClient.post('/api/visits', {
      territoryId: households[0],
      visitedOn: today(),
      order: { category: 'repair' },
    });
    expect(noFinding.status).toBe(400);
  });

  it('coverage per grid worker equals a hand count, and its drill-down lists the same households', async () => {
    const month = today().slice(0, 7);
    const res = await staff.get(`/api/visits/coverage?month=${month}`);
    expect(res.status).toBe(200);
    const row = res.body.items.find((r: { worker: { id: number } }) => r.worker.id === workerId);
    // Hand count: households 0, 1, 2 visited this month of the 4 assigned.
    const rows = await t.db.select().from(visits).where(eq(visits.workerId, workerId));
    const visited = new Set(rows.filter((r) => households.includes(r.territoryId)).map((r) => r.territoryId));
    expect(row.assigned).toBe(4);
    expect(row.visited).toBe(visited.size);
    expect(row.visited).toBe(3);
    expect(row.rate).toBeCloseTo(0.75);
    expect(row.visits).toBe(rows.length);
    expect(row.findings).toBe(rows.filter((r) => r.finding).length);
    const drill = await staff.get(
      `/api/visits?workerId=${workerId}&from=${res.body.from}&to=${res.body.to}&assigned=true&pageSize=200`,
    );
    expect(new Set(drill.body.items.map((v: { territory: { id: number } }) => v.territory.id)).size).toBe(row.visited);
    // Last month: nobody visited yet.
    const [y, m] = month.split('-').map(Number) as [number, number];
    const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const before = await staff.get(`/api/visits/coverage?month=${prev}`);
    expect(before.body.items.find((r: { worker: { id: number } }) => r.worker.id === workerId).visited).toBe(0);
  });

  it('outside the caller’s subtree: 404 for a visit, its order move and its worker; lists come back empty', async () => {
    const [any] = await t.db.select().from(visits).limit(1);
    expect((await outsider.get(`/api/visits/${any!.id}`)).status).toBe(404);
    expect((await outsider.post(`/api/visits/${any!.id}/order`, { category: 'repair' })).status).toBe(404);
    const rec = await outsider.post('/api/visits', { workerId, territoryId: households[0], visitedOn: today() });
    expect(rec.status).toBe(400);
    const own = await outsider.post('/api/visits', { territoryId: households[0], visitedOn: today() });
    expect([400, 404]).toContain(own.status);
    expect((await outsider.get('/api/visits')).body.total).toBe(0);
    expect((await outsider.get('/api/visits/coverage')).body.items).toEqual([]);
    const orders = await t.db.select().from(serviceOrders).where(eq(serviceOrders.origin, 'patrol'));
    expect(orders).toHaveLength(2);
  });
  it('a grid worker bound below the community sees their own grid in coverage', async () => {
    const below = await t.as(['gridWorker'], A().building.id);
    const [g] = await t.db.select({ gridId: gridWorkers.gridId }).from(gridWorkers).where(eq(gridWorkers.id, workerId));
    const [w] = await t.db
      .insert(gridWorkers)
      .values({
        gridId: g!.gridId,
        scopePath: A().community.path,
        kind: 'partTime',
        name: '王网格',
        accountId: below.account.id,
      })
      .returning();
    const res = await below.get('/api/visits/coverage');
    expect(res.status).toBe(200);
    const ids = (res.body.items as { worker: { id: number } }[]).map((r) => r.worker.id);
    expect(ids).toContain(w!.id);
    expect(ids).toContain(workerId);
    // The dashboard's drill-down: workers at or below a place.
    const at = await staff.get(`/api/visits/coverage?territoryId=${A().community.id}`);
    expect((at.body.items as { worker: { id: number } }[]).map((r) => r.worker.id)).toContain(workerId);
    expect((await outsider.get(`/api/visits/coverage?territoryId=${A().community.id}`)).status).toBe(404);
    await t.db.delete(gridWorkers).where(eq(gridWorkers.id, w!.id));
  });
});
