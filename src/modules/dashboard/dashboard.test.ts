import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFigures, type FigureDef } from '../../kernel/figures.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { grids } from '../grids/schema.js';
import { makeMeeting } from '../meetings/testing.js';
import { partyOrgs } from '../organizations/schema.js';
import { dualRegistrations, partyMembers } from '../party-members/schema.js';
import { makeUnit } from '../service-orders/testing.js';
import type { Dashboard, GridLive, HotspotList, LiveMap } from './contract.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let resident2: Signed,
  streetAdmin: Signed,
  staff: Signed,
  secretary: Signed,
  resident: Signed,
  contact: Signed,
  farStaff: Signed;
let unitId: number;
let gridId: number;

const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;
const P = '/api/dashboard';
const square = (x: number, y: number): { type: 'Polygon'; coordinates: [number, number][][] } => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y + 0.01],
      [x, y],
    ],
  ],
});

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

/** A resident's report in A1 (optionally inside the grid), dispatched to the unit; resolved and rated if asked. */
async function order(opts: { resolve?: boolean; rating?: 'satisfied' | 'unsatisfied'; at?: number; inGrid?: boolean }) {
  const reporter = opts.at ? resident2 : resident;
  const o = await ok(
    reporter.post('/api/orders', {
      kind: 'problem',
      category: 'repair',
      title: '楼道灯坏了',
      territoryId: opts.at ?? A1().household.id,
      ...(opts.inGrid ? { location: { lng: 101.755, lat: 36.625 } } : {}),
    }),
    201,
  );
  if (opts.at) return o as { id: number };
  await ok(staff.post(`/api/orders/${o.id}/dispatch`, { target: 'unit', unitId }));
  if (opts.resolve) {
    await ok(contact.post(`/api/orders/${o.id}/accept`, {}));
    await ok(contact.post(`/api/orders/${o.id}/resolve`, { note: '已修好' }));
    if (opts.rating) await ok(resident.post(`/api/orders/${o.id}/rate`, { rating: opts.rating }));
  }
  return o as { id: number };
}

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  staff = await t.as(['communityStaff'], A1().community.id);
  secretary = await t.as(['communitySecretary'], A1().community.id);
  resident = await t.as(['resident'], A1().household.id);
  resident2 = await t.as(['resident'], A2().household.id);
  contact = await t.as(['unitContact'], A1().community.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
  unitId = (await makeUnit(t.db, A1().community, '文亭物业', contact.account.id)).id;
  // Structure: two party organisations in A1, one in A2; one grid in A1; three members, two in service, one of
  // them dual-registered.
  const [b1] = await t.db
    .insert(partyOrgs)
    .values([
      { kind: 'branch', name: '一社区支部', territoryId: A1().community.id, scopePath: A1().community.path },
      { kind: 'group', name: '一社区小组', territoryId: A1().compound.id, scopePath: A1().compound.path },
      { kind: 'branch', name: '二社区支部', territoryId: A2().community.id, scopePath: A2().community.path },
    ])
    .returning();
  const members = await t.db
    .insert(partyMembers)
    .values(
      (['inService', 'inService', 'retired'] as const).map((kind, i) => ({
        name: `党员${i}`,
        kind,
        homeBranchId: b1!.id,
        territoryId: A1().community.id,
        scopePath: A1().community.path,
      })),
    )
    .returning();
  await t.db.insert(dualRegistrations).values({
    memberId: members[0]!.id,
    communityId: A2().community.id,
    communityPath: A2().community.path,
    status: 'confirmed',
    requestedAt: new Date(),
  });
  const [g] = await t.db
    .insert(grids)
    .values({
      communityId: A1().community.id,
      scopePath: A1().community.path,
      kind: 'basic',
      name: '一网格',
      geometry: square(101.75, 36.62),
      minLng: 101.75,
      minLat: 36.62,
      maxLng: 101.76,
      maxLat: 36.63,
    })
    .returning();
  gridId = g!.id;
  await t.db.execute(
    sql`insert into grid_index_version (id, version) values (1, 1) on conflict (id) do update set version = grid_index_version.version + 1`,
  );
  // The loop: in A1 five orders, three resolved: two rated satisfied, one unsatisfied (which reopens it); in A2
  // one order, not dispatched.
  await order({ resolve: true, rating: 'satisfied', inGrid: true });
  await order({ resolve: true, rating: 'satisfied' });
  await order({ resolve: true, rating: 'unsatisfied' });
  await order({ inGrid: true });
  await order({});
  await order({ at: A2().household.id });
});
afterAll(() => t.close());

const fig = (d: Dashboard, key: string) => d.figures.find((f) => f.key === key)!;
/** The API list behind a console drill-down link (`/orders?…` → GET /api/orders?…). */
async function drillTotal(c: Client, link: string): Promise<number> {
  const [path, query] = link.split('?');
  const api: Record<string, string> = {
    '/orders': '/api/orders',
    '/party-orgs': '/api/party-orgs',
    '/grids': '/api/grids',
    '/party-members': '/api/party-members',
    '/org-flags': '/api/organizations/flags',
  };
  const res = await c.get(`${api[path!]}?${query}&pageSize=1`);
  expect(res.status, `${link}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.total;
}

describe('the dashboard 数据驾驶舱', () => {
  it('counts every figure from the records, for the node and the level below, with drill-downs that agree', async () => {
    const d = (await ok(streetAdmin.get(P))) as Dashboard;
    expect(d.territory.id).toBe(tree.streetA.street.id);
    // Hand counts of this test's own records.
    expect(fig(d, 'orders.found').amount.value).toBe(6);
    expect(fig(d, 'orders.claimed').amount.value).toBe(3);
    expect(fig(d, 'orders.resolved').amount.value).toBe(2);
    expect(fig(d, 'orders.resolutionRate').amount).toEqual({ value: 33.3, numerator: 2, denominator: 6 });
    expect(fig(d, 'orders.satisfactionRate').amount).toEqual({ value: 66.7, numerator: 2, denominator: 3 });
    expect(fig(d, 'orders.overdue').amount.value).toBe(0);
    expect(fig(d, 'organizations.partyOrgs').amount.value).toBe(3);
    expect(fig(d, 'grids.count').amount.value).toBe(1);
    expect(fig(d, 'partyMembers.count').amount.value).toBe(3);
    expect(fig(d, 'partyMembers.dualRegistrationRate').amount).toEqual({ value: 50, numerator: 1, denominator: 2 });
    expect(fig(d, 'coBuilding.needsRaised').amount.value).toBe(0);
    expect(fig(d, 'meetings.held').amount.value).toBe(0);
    // Every figure has its formula and a drill-down link.
    for (const f of d.figures) {
      expect(f.formula.length).toBeGreaterThan(5);
      expect(f.drill.startsWith('/')).toBe(true);
    }
    // The drill-down lists hold exactly what was counted: a count, a rate's numerator, two stocks.
    expect(await drillTotal(streetAdmin, fig(d, 'orders.found').drill)).toBe(6);
    expect(await drillTotal(streetAdmin, fig(d, 'orders.resolutionRate').drill)).toBe(2);
    expect(await drillTotal(streetAdmin, fig(d, 'orders.satisfactionRate').drill)).toBe(2);
    expect(await drillTotal(streetAdmin, fig(d, 'grids.count').drill)).toBe(1);
    expect(await drillTotal(streetAdmin, fig(d, 'partyMembers.dualRegistrationRate').drill)).toBe(1);
    // Flags are computed, not stored: the figure is the flags page's own total, for the node and for a child.
    const flags = fig(d, 'organizations.flags').amount.value!;
    expect(flags).toBeGreaterThan(0);
    expect(await drillTotal(streetAdmin, fig(d, 'organizations.flags').drill)).toBe(flags);

    // The level below: the street's two communities, each counted on its own.
    const byId = new Map(d.children.map((c) => [c.territory.id, c]));
    expect([...byId.keys()].sort()).toEqual([A1().community.id, A2().community.id].sort());
    expect(byId.get(A1().community.id)!.amounts['orders.found']!.value).toBe(5);
    expect(byId.get(A2().community.id)!.amounts['orders.found']!.value).toBe(1);
    expect(byId.get(A1().community.id)!.amounts['organizations.partyOrgs']!.value).toBe(2);
    expect(byId.get(A2().community.id)!.amounts['organizations.partyOrgs']!.value).toBe(1);
    expect(await drillTotal(streetAdmin, byId.get(A2().community.id)!.drills['orders.found']!)).toBe(1);
    const a2Flags = byId.get(A2().community.id)!;
    expect(await drillTotal(streetAdmin, a2Flags.drills['organizations.flags']!)).toBe(
      a2Flags.amounts['organizations.flags']!.value,
    );

    // The trend: this month holds the orders.
    expect(d.trend.months).toHaveLength(12);
    expect(d.trend.values['orders.found']!.at(-1)).toBe(6);
  });

  it('answers for any node of the subtree, and a node outside it does not exist', async () => {
    const d = (await ok(streetAdmin.get(`${P}?territoryId=${A2().community.id}&months=0`))) as Dashboard;
    expect(fig(d, 'orders.found').amount.value).toBe(1);
    expect(d.trend.months).toEqual([]);
    expect((await streetAdmin.get(`${P}?territoryId=${B1().community.id}`)).status).toBe(404);
    expect((await staff.get(`${P}?territoryId=${tree.streetA.street.id}`)).status).toBe(404);
    expect((await resident.get(P)).status).toBe(403);
    for (const q of ['from=0000-01-01', 'from=2026-02-30', 'to=abc', 'months=99', 'territoryId=x']) {
      const r = await streetAdmin.get(`${P}?${q}`);
      expect(r.status, q).toBe(400);
    }
    for (const q of ['minCount=1', 'days=0', 'days=abc'])
      expect((await staff.get(`${P}/hotspots?${q}`)).status).toBe(400);
    const bad = await streetAdmin.get(`${P}?from=2026-05-01&to=2026-04-01`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('to');
  });

  it('shows a figure a module declares without any change of the dashboard', async () => {
    const probe: FigureDef = {
      key: 'probe.nodes',
      section: 'probe',
      label: { 'zh-CN': '探针', 'en-US': 'Probe' },
      formula: { 'zh-CN': '节点路径的层数', 'en-US': 'Depth of the node path' },
      unit: 'count',
      periodic: false,
      compute: async ({ nodes }) => nodes.map((n) => ({ value: n.path.split('/').filter(Boolean).length })),
      drill: ({ node }) => `/territories?id=${node.id}`,
    };
    registerFigures([probe]);
    const d = (await ok(staff.get(`${P}?months=1`))) as Dashboard;
    expect(fig(d, 'probe.nodes')).toMatchObject({ label: '探针', amount: { value: 6 } });
    expect(fig(d, 'probe.nodes').drill).toBe(`/territories?id=${A1().community.id}`);
  });
});

describe('the map of live work and hotspots', () => {
  it('colours grids by open orders, lists a grid’s orders, and refuses a grid outside the subtree', async () => {
    const m = (await ok(streetAdmin.get(`${P}/map`))) as LiveMap;
    const g = m.grids.find((x) => x.id === gridId)!;
    expect(g).toMatchObject({ open: 1, overdue: 0 });
    expect(m.heat.reduce((n, h) => n + h[2], 0)).toBe(2);
    const one = (await ok(streetAdmin.get(`${P}/map/grids/${gridId}`))) as GridLive;
    expect(one.open).toBe(1);
    expect(one.orders).toHaveLength(1);
    expect(await drillTotal(streetAdmin, one.drill)).toBe(1);
    expect((await farStaff.get(`${P}/map/grids/${gridId}`)).status).toBe(404);
    expect((await farStaff.get(`${P}/map?territoryId=${A1().community.id}`)).status).toBe(404);
  });

  it('finds hotspots by a configurable rule and turns one into a need or an agenda item in one step', async () => {
    const none = (await ok(staff.get(`${P}/hotspots?minCount=6&days=30`))) as HotspotList;
    expect(none.items).toEqual([]);
    const h = (await ok(staff.get(`${P}/hotspots?minCount=5&days=30`))) as HotspotList;
    expect(h.items).toHaveLength(1);
    expect(h.items[0]).toMatchObject({ compound: { id: A1().compound.id }, category: 'repair', count: 5 });
    expect(h.items[0]!.orders).toHaveLength(5);
    // By grid: the two reports located in the grid.
    const byGrid = (await ok(staff.get(`${P}/hotspots?minCount=2&days=30&by=grid`))) as HotspotList;
    expect(byGrid.items).toHaveLength(1);
    expect(byGrid.items[0]).toMatchObject({ compound: null, grid: { id: gridId }, category: 'repair', count: 2 });
    expect((await ok(staff.get(`${P}/hotspots?minCount=3&days=30&by=grid`))).items).toEqual([]);
    const body = { compoundId: A1().compound.id, category: 'repair', minCount: 5, days: 30 };
    const need = await ok(secretary.post(`${P}/hotspots/need`, body), 201);
    expect(need).toMatchObject({ kind: 'need' });
    const saved = await ok(secretary.get(`/api/co-building/needs/${need.id}`));
    expect(saved).toMatchObject({ source: 'recurringOrders' });
    // No planned meeting yet: said so, per field; then the next planned meeting takes the item.
    const noMeeting = await secretary.post(`${P}/hotspots/agenda`, body);
    expect(noMeeting.status).toBe(400);
    const meeting = await makeMeeting(t.db, A1().community, new Date(t.clock.now().getTime() + 7 * 86_400_000), {
      title: '四方联动会',
    });
    const item = await ok(secretary.post(`${P}/hotspots/agenda`, body), 201);
    expect(item).toMatchObject({ kind: 'agendaItem', link: `/meetings/${meeting.meeting.id}` });
    // Not a hotspot by this rule: refused.
    expect((await secretary.post(`${P}/hotspots/need`, { ...body, minCount: 6 })).status).toBe(400);
  });
});
