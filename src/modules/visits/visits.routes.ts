import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import { Coverage, CoverageQuery, FindingOrder, IdParam, RecordVisit, Visit, VisitListQuery } from './contract.js';
import { coverage, getVisit, listVisits, recordVisit, visitToOrder } from './visits.service.js';

const tags = ['visits'];
const read = { access: { permission: 'visit.read' } };
const record = { access: { permission: 'visit.record' } };

export async function visitRoutes(app: App): Promise<void> {
  app.get(
    '/api/visits',
    {
      config: read,
      schema: {
        tags,
        summary: 'Visits of your subtree',
        querystring: VisitListQuery,
        response: { 200: pageOf(Visit) },
      },
    },
    async (req) => listVisits(req.ctx(), req.query),
  );
  app.get(
    '/api/visits/coverage',
    {
      config: { access: { permission: 'visit.coverage' } },
      schema: {
        tags,
        summary: 'Household coverage per grid worker for a month',
        querystring: CoverageQuery,
        response: { 200: Coverage },
      },
    },
    async (req) => coverage(req.ctx(), req.query),
  );
  app.get(
    '/api/visits/:id',
    { config: read, schema: { tags, summary: 'One visit', params: IdParam, response: { 200: Visit } } },
    async (req) => getVisit(req.ctx(), req.params.id),
  );
  app.post(
    '/api/visits',
    {
      config: record,
      schema: {
        tags,
        summary: 'Record a visit (optionally its finding as an order)',
        body: RecordVisit,
        response: { 201: Visit },
      },
    },
    async (req, reply) => reply.code(201).send(await recordVisit(req.ctx(), req.body)),
  );
  app.post(
    '/api/visits/:id/order',
    {
      config: record,
      schema: {
        tags,
        summary: "Turn a visit's finding into a service order (排摸发现)",
        params: IdParam,
        body: FindingOrder,
        response: { 200: Visit },
      },
    },
    async (req) => visitToOrder(req.ctx(), req.params.id, req.body),
  );
}
