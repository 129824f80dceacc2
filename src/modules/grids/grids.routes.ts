import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  AssignHouseholds,
  BuildingLead,
  BuildingListQuery,
  BuildingParam,
  BuildingRow,
  CreateGrid,
  CreateWorker,
  Grid,
  GridDetail,
  GridListQuery,
  GridMap,
  GridWorker,
  HouseholdParam,
  IdParam,
  ImportGrids,
  ImportResult,
  LiaisonList,
  LiaisonsUnder,
  LiaisonsUnderQuery,
  LocateBody,
  LocateResult,
  MapQuery,
  SetBuildingLead,
  SetBuildingResponsible,
  UpdateGrid,
  UpdateWorker,
  WorkerListQuery,
} from './contract.js';
import { deleteBuildingLead, listBuildings, setBuildingLead, setBuildingResponsible } from './buildings.service.js';
import { locate } from './grid-index.service.js';
import { createGrid, deleteGrid, getGrid, gridMap, importGrids, listGrids, updateGrid } from './grids.service.js';
import {
  assignLiaisons,
  createWorker,
  deleteWorker,
  listLiaisons,
  liaisonsUnder,
  listWorkers,
  unassignLiaison,
  updateWorker,
} from './workers.service.js';

const tags = ['grids'];
const read = { access: { permission: 'grid.read' } };
const manage = { access: { permission: 'grid.manage' } };
const workers = { access: { permission: 'grid.manageWorkers' } };

export async function gridRoutes(app: App): Promise<void> {
  app.get(
    '/api/grids',
    {
      config: read,
      schema: {
        tags,
        summary: 'List grids of your subtree',
        querystring: GridListQuery,
        response: { 200: pageOf(Grid) },
      },
    },
    async (req) => listGrids(req.ctx(), req.query),
  );

  app.get(
    '/api/grids/map',
    {
      config: read,
      schema: {
        tags,
        summary: 'Boundaries and grids for the map (GeoJSON, WGS-84)',
        querystring: MapQuery,
        response: { 200: GridMap },
      },
    },
    async (req) => gridMap(req.ctx(), req.query),
  );

  app.post(
    '/api/grids/locate',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The grid, community, branch and responsible people of a point (WGS-84)',
        body: LocateBody,
        response: { 200: LocateResult },
      },
    },
    async (req) => locate(req.ctx(), req.body.lng, req.body.lat),
  );

  app.post(
    '/api/grids/import',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Import grids from a GeoJSON FeatureCollection (all or nothing)',
        body: ImportGrids,
        response: { 201: ImportResult },
      },
    },
    async (req, reply) => reply.status(201).send(await importGrids(req.ctx(), req.body)),
  );

  app.get(
    '/api/grids/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One grid with its polygon and workers',
        params: IdParam,
        response: { 200: GridDetail },
      },
    },
    async (req) => getGrid(req.ctx(), req.params.id),
  );

  app.post(
    '/api/grids',
    {
      config: manage,
      schema: { tags, summary: 'Draw a grid', body: CreateGrid, response: { 201: GridDetail } },
    },
    async (req, reply) => reply.status(201).send(await createGrid(req.ctx(), req.body)),
  );

  app.patch(
    '/api/grids/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rename, re-kind or redraw a grid',
        params: IdParam,
        body: UpdateGrid,
        response: { 200: GridDetail },
      },
    },
    async (req) => updateGrid(req.ctx(), req.params.id, req.body),
  );

  app.delete(
    '/api/grids/:id',
    {
      config: manage,
      schema: { tags, summary: 'Delete a grid with its workers', params: IdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteGrid(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/grids/workers',
    {
      config: read,
      schema: {
        tags,
        summary: 'List grid workers with their liaison counts (30–50)',
        querystring: WorkerListQuery,
        response: { 200: pageOf(GridWorker) },
      },
    },
    async (req) => listWorkers(req.ctx(), req.query),
  );

  app.post(
    '/api/grids/workers',
    {
      config: workers,
      schema: { tags, summary: 'Add a grid worker', body: CreateWorker, response: { 201: GridWorker } },
    },
    async (req, reply) => reply.status(201).send(await createWorker(req.ctx(), req.body)),
  );

  app.patch(
    '/api/grids/workers/:id',
    {
      config: workers,
      schema: {
        tags,
        summary: 'Edit a grid worker',
        params: IdParam,
        body: UpdateWorker,
        response: { 200: GridWorker },
      },
    },
    async (req) => updateWorker(req.ctx(), req.params.id, req.body),
  );

  app.delete(
    '/api/grids/workers/:id',
    {
      config: workers,
      schema: { tags, summary: 'Remove a grid worker', params: IdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteWorker(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/grids/liaisons',
    {
      config: read,
      schema: {
        tags,
        summary: 'Which worker follows each household below a place (at most 500)',
        querystring: LiaisonsUnderQuery,
        response: { 200: LiaisonsUnder },
      },
    },
    async (req) => liaisonsUnder(req.ctx(), req.query.under),
  );

  app.get(
    '/api/grids/workers/:id/households',
    {
      config: read,
      schema: { tags, summary: "A worker's liaison households", params: IdParam, response: { 200: LiaisonList } },
    },
    async (req) => listLiaisons(req.ctx(), req.params.id),
  );

  app.post(
    '/api/grids/workers/:id/households',
    {
      config: workers,
      schema: {
        tags,
        summary: 'Assign liaison households (at most 50 per worker)',
        params: IdParam,
        body: AssignHouseholds,
        response: { 200: LiaisonList },
      },
    },
    async (req) => assignLiaisons(req.ctx(), req.params.id, req.body.householdIds),
  );

  app.delete(
    '/api/grids/workers/:id/households/:householdId',
    {
      config: workers,
      schema: { tags, summary: 'Unassign a liaison household', params: HouseholdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await unassignLiaison(req.ctx(), req.params.id, req.params.householdId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/grids/buildings',
    {
      config: read,
      schema: {
        tags,
        summary: 'Buildings with their lead',
        querystring: BuildingListQuery,
        response: { 200: pageOf(BuildingRow) },
      },
    },
    async (req) => listBuildings(req.ctx(), req.query),
  );

  app.put(
    '/api/grids/buildings/:buildingId/lead',
    {
      config: workers,
      schema: {
        tags,
        summary: "Set a building's lead (one per building)",
        params: BuildingParam,
        body: SetBuildingLead,
        response: { 200: BuildingLead },
      },
    },
    async (req) => setBuildingLead(req.ctx(), req.params.buildingId, req.body),
  );

  app.delete(
    '/api/grids/buildings/:buildingId/lead',
    {
      config: workers,
      schema: { tags, summary: "Remove a building's lead", params: BuildingParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteBuildingLead(req.ctx(), req.params.buildingId);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/grids/buildings/:buildingId/responsible-member',
    {
      config: workers,
      schema: {
        tags,
        summary: "Set a building's responsible party member 楼栋责任党员 (one per building)",
        params: BuildingParam,
        body: SetBuildingResponsible,
        response: { 200: BuildingLead },
      },
    },
    async (req) => setBuildingResponsible(req.ctx(), req.params.buildingId, req.body),
  );

  app.delete(
    '/api/grids/buildings/:buildingId/responsible-member',
    {
      config: workers,
      schema: {
        tags,
        summary: "Remove a building's responsible party member",
        params: BuildingParam,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteBuildingLead(req.ctx(), req.params.buildingId, 'responsibleMember');
      return reply.status(204).send(null);
    },
  );
}
