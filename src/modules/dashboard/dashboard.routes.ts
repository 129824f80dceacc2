import type { App } from '../../kernel/http/types.js';
import {
  Dashboard,
  DashboardQuery,
  GridLive,
  GridParam,
  HotspotAction,
  HotspotActionResult,
  HotspotList,
  HotspotQuery,
  LiveMap,
  MapQuery,
  WorkCard,
} from './contract.js';
import { dashboard, gridLive, hotspotToAgenda, hotspotToNeed, hotspots, liveMap } from './dashboard.service.js';
import { workCard } from './work.service.js';

const P = '/api/dashboard';
const tags = ['dashboard'];
const perm = (permission: string) => ({ access: { permission } });

/** The dashboard's routes: figures, the map of live work, a grid of the map, hotspots and their two actions. */
export async function dashboardRoutes(app: App): Promise<void> {
  app.get(
    P,
    {
      config: perm('dashboard.read'),
      schema: {
        tags,
        summary:
          "Every declared figure for a node of the viewer's subtree and a period, the level below, a monthly trend",
        querystring: DashboardQuery,
        response: { 200: Dashboard },
      },
    },
    async (req) => dashboard(req.readCtx(), req.query),
  );
  app.get(
    `${P}/work`,
    {
      // Every signed-in account: the answer holds only what the caller's own permissions work on.
      config: { access: 'authenticated' as const },
      schema: {
        tags,
        summary: "我的工作: the caller's orders to dispatch / accept, overdue, escalated, flags, this month's rates",
        response: { 200: WorkCard },
      },
    },
    async (req) => workCard(req.ctx()),
  );
  app.get(
    `${P}/map`,
    {
      config: perm('dashboard.read'),
      schema: {
        tags,
        summary: 'The map of live work: grids with open and overdue orders, overdue points, the heat of reports',
        querystring: MapQuery,
        response: { 200: LiveMap },
      },
    },
    async (req) => liveMap(req.readCtx(), req.query),
  );
  app.get(
    `${P}/map/grids/:id`,
    {
      config: perm('dashboard.read'),
      schema: { tags, summary: 'One grid of the map: its open orders', params: GridParam, response: { 200: GridLive } },
    },
    async (req) => gridLive(req.readCtx(), req.params.id),
  );
  app.get(
    `${P}/hotspots`,
    {
      config: perm('dashboard.read'),
      schema: {
        tags,
        summary: 'Hotspots: the same compound and category reported at least minCount times in the last days days',
        querystring: HotspotQuery,
        response: { 200: HotspotList },
      },
    },
    async (req) => hotspots(req.readCtx(), req.query),
  );
  app.post(
    `${P}/hotspots/need`,
    {
      config: perm('coBuilding.raise'),
      schema: {
        tags,
        summary: 'A hotspot becomes a co-building need (source: recurring orders)',
        body: HotspotAction,
        response: { 201: HotspotActionResult },
      },
    },
    async (req, reply) => reply.code(201).send(await hotspotToNeed(req.ctx(), req.body)),
  );
  app.post(
    `${P}/hotspots/agenda`,
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: "A hotspot becomes an agenda item of its community's next planned meeting",
        body: HotspotAction,
        response: { 201: HotspotActionResult },
      },
    },
    async (req, reply) => reply.code(201).send(await hotspotToAgenda(req.ctx(), req.body)),
  );
}
