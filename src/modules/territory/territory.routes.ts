import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  CreateTerritory,
  IdParam,
  Territory,
  TerritoryDetail,
  TerritoryListQuery,
  UpdateTerritory,
} from './contract.js';
import {
  createTerritory,
  deleteTerritory,
  getTerritory,
  listRoots,
  listTerritories,
  updateTerritory,
} from './territory.service.js';

const tags = ['territory'];

export async function territoryRoutes(app: App): Promise<void> {
  app.get(
    '/api/territories/roots',
    {
      config: { access: { permission: 'territory.read' } },
      schema: {
        tags,
        summary: 'The node the account is bound to',
        response: { 200: z.object({ items: z.array(Territory) }) },
      },
    },
    async (req) => ({ items: await listRoots(req.ctx()) }),
  );

  app.get(
    '/api/territories',
    {
      config: { access: { permission: 'territory.read' } },
      schema: {
        tags,
        summary: 'List nodes of your subtree',
        querystring: TerritoryListQuery,
        response: { 200: pageOf(Territory) },
      },
    },
    async (req) => listTerritories(req.ctx(), req.query),
  );

  app.get(
    '/api/territories/:id',
    {
      config: { access: { permission: 'territory.read' } },
      schema: { tags, summary: 'One node with its ancestors', params: IdParam, response: { 200: TerritoryDetail } },
    },
    async (req) => getTerritory(req.ctx(), req.params.id),
  );

  app.post(
    '/api/territories',
    {
      config: { access: { permission: 'territory.create' } },
      schema: { tags, summary: 'Add a node', body: CreateTerritory, response: { 201: Territory } },
    },
    async (req, reply) => reply.status(201).send(await createTerritory(req.ctx(), req.body)),
  );

  app.patch(
    '/api/territories/:id',
    {
      config: { access: { permission: 'territory.update' } },
      schema: {
        tags,
        summary: 'Rename or re-code a node',
        params: IdParam,
        body: UpdateTerritory,
        response: { 200: Territory },
      },
    },
    async (req) => updateTerritory(req.ctx(), req.params.id, req.body),
  );

  app.delete(
    '/api/territories/:id',
    {
      config: { access: { permission: 'territory.delete' } },
      schema: { tags, summary: 'Delete a leaf node', params: IdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteTerritory(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
