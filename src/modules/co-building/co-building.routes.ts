import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  AcceptMatch,
  AddDeliverable,
  Agreement,
  AgreementQuery,
  CreateAgreement,
  DeliverableParam,
  MoveAgreement,
  ReportDeliverable,
  CloseNeed,
  CompleteProject,
  CreateNeed,
  CreateProject,
  CreateResource,
  CreateTask,
  FigureQuery,
  Figures,
  IdParam,
  Need,
  NeedDetail,
  NeedProposal,
  NeedQuery,
  ProjectDetail,
  ProjectQuery,
  ProjectSummary,
  ProposalQuery,
  RateProject,
  RejectMatch,
  Resource,
  ResourceQuery,
  Suggestion,
  TaskOrderInput,
  TaskParam,
  UpdateResource,
} from './contract.js';
import {
  acceptMatch,
  addTask,
  closeNeed,
  coBuildingFigures,
  completeProject,
  createNeed,
  createProject,
  createResource,
  finishTask,
  getNeed,
  getProject,
  getResource,
  listNeeds,
  listProjects,
  listResources,
  needProposals,
  orderForTask,
  rateProject,
  rejectMatch,
  suggestionsFor,
  updateResource,
} from './co-building.service.js';
import {
  addDeliverable,
  createAgreement,
  getAgreement,
  listAgreements,
  moveAgreement,
  rateAgreement,
  reportDeliverable,
} from './agreements.service.js';

const tags = ['co-building'];
const perm = (permission: string) => ({ access: { permission } });
const P = '/api/co-building';

/** Co-building 共驻共建 (issue 12): the three lists 三张清单 — needs, resources, projects — with matching. */
export async function coBuildingRoutes(app: App): Promise<void> {
  app.get(
    `${P}/needs`,
    {
      config: perm('coBuilding.read'),
      schema: { tags, summary: 'Needs of your area', querystring: NeedQuery, response: { 200: pageOf(Need) } },
    },
    async (req) => listNeeds(req.ctx(), req.query),
  );
  app.post(
    `${P}/needs`,
    {
      config: perm('coBuilding.raise'),
      schema: { tags, summary: 'Raise a need', body: CreateNeed, response: { 201: NeedDetail } },
    },
    async (req, reply) => reply.status(201).send(await createNeed(req.ctx(), req.body)),
  );
  app.get(
    `${P}/need-proposals`,
    {
      config: perm('coBuilding.read'),
      schema: {
        tags,
        summary: 'Recurring orders that could become needs: one category at one compound, N orders in M days',
        querystring: ProposalQuery,
        response: { 200: z.array(NeedProposal) },
      },
    },
    async (req) => needProposals(req.ctx(), req.query),
  );
  app.get(
    `${P}/needs/:id`,
    {
      config: perm('coBuilding.read'),
      schema: { tags, summary: 'One need with its matches', params: IdParam, response: { 200: NeedDetail } },
    },
    async (req) => getNeed(req.ctx(), req.params.id),
  );
  app.get(
    `${P}/needs/:id/suggestions`,
    {
      config: perm('coBuilding.read'),
      schema: {
        tags,
        summary: 'Resources ranked for the need, each with its factor scores and weights',
        params: IdParam,
        response: { 200: z.array(Suggestion) },
      },
    },
    async (req) => suggestionsFor(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/needs/:id/accept`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Accept a resource for the need, taking part of its capacity',
        params: IdParam,
        body: AcceptMatch,
        response: { 200: NeedDetail },
      },
    },
    async (req) => acceptMatch(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/needs/:id/reject`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Reject a suggested resource, with the reason',
        params: IdParam,
        body: RejectMatch,
        response: { 200: NeedDetail },
      },
    },
    async (req) => rejectMatch(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/needs/:id/close`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Close an open or matched need as not met (its capacity goes back)',
        params: IdParam,
        body: CloseNeed,
        response: { 200: NeedDetail },
      },
    },
    async (req) => closeNeed(req.ctx(), req.params.id, req.body),
  );

  app.get(
    `${P}/resources`,
    {
      config: perm('coBuilding.read'),
      schema: {
        tags,
        summary: 'Resources of your area',
        querystring: ResourceQuery,
        response: { 200: pageOf(Resource) },
      },
    },
    async (req) => listResources(req.ctx(), req.query),
  );
  app.post(
    `${P}/resources`,
    {
      config: perm('coBuilding.manage'),
      schema: { tags, summary: 'Register a resource', body: CreateResource, response: { 201: Resource } },
    },
    async (req, reply) => reply.status(201).send(await createResource(req.ctx(), req.body)),
  );
  app.get(
    `${P}/resources/:id`,
    {
      config: perm('coBuilding.read'),
      schema: { tags, summary: 'One resource', params: IdParam, response: { 200: Resource } },
    },
    async (req) => getResource(req.ctx(), req.params.id),
  );
  app.patch(
    `${P}/resources/:id`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Change a resource',
        params: IdParam,
        body: UpdateResource,
        response: { 200: Resource },
      },
    },
    async (req) => updateResource(req.ctx(), req.params.id, req.body),
  );

  app.get(
    `${P}/projects`,
    {
      config: perm('coBuilding.read'),
      schema: {
        tags,
        summary: 'Projects of your area (the 挂图作战 board)',
        querystring: ProjectQuery,
        response: { 200: pageOf(ProjectSummary) },
      },
    },
    async (req) => listProjects(req.ctx(), req.query),
  );
  app.post(
    `${P}/projects`,
    {
      config: perm('coBuilding.manage'),
      schema: { tags, summary: 'Start a project from needs', body: CreateProject, response: { 201: ProjectDetail } },
    },
    async (req, reply) => reply.status(201).send(await createProject(req.ctx(), req.body)),
  );
  app.get(
    `${P}/projects/:id`,
    {
      config: perm('coBuilding.read'),
      schema: { tags, summary: 'One project', params: IdParam, response: { 200: ProjectDetail } },
    },
    async (req) => getProject(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/projects/:id/tasks`,
    {
      config: perm('coBuilding.manage'),
      schema: { tags, summary: 'Add a task', params: IdParam, body: CreateTask, response: { 201: ProjectDetail } },
    },
    async (req, reply) => reply.status(201).send(await addTask(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    `${P}/projects/:id/tasks/:taskId/done`,
    {
      config: perm('coBuilding.manage'),
      schema: { tags, summary: 'Mark a task done', params: TaskParam, response: { 200: ProjectDetail } },
    },
    async (req) => finishTask(req.ctx(), req.params.id, req.params.taskId),
  );
  app.post(
    `${P}/projects/:id/tasks/:taskId/order`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Create a service order for a task',
        params: TaskParam,
        body: TaskOrderInput,
        response: { 200: ProjectDetail },
      },
    },
    async (req) => orderForTask(req.ctx(), req.params.id, req.params.taskId, req.body),
  );
  app.post(
    `${P}/projects/:id/complete`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Finish a project whose tasks are done; its needs become met or not met',
        params: IdParam,
        body: CompleteProject,
        response: { 200: ProjectDetail },
      },
    },
    async (req) => completeProject(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/projects/:id/ratings`,
    {
      config: perm('coBuilding.rate'),
      schema: {
        tags,
        summary: 'A resident rates a finished project of their community',
        params: IdParam,
        body: RateProject,
        response: { 201: ProjectDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await rateProject(req.ctx(), req.params.id, req.body)),
  );

  app.get(
    `${P}/agreements`,
    {
      config: perm('coBuilding.read'),
      schema: {
        tags,
        summary: 'Co-building agreements 契约化共建 of your area (by unit and year: the unit’s scores over the years)',
        querystring: AgreementQuery,
        response: { 200: pageOf(Agreement) },
      },
    },
    async (req) => listAgreements(req.ctx(), req.query),
  );
  app.post(
    `${P}/agreements`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Open an agreement (商约) with its deliverables',
        body: CreateAgreement,
        response: { 201: Agreement },
      },
    },
    async (req, reply) => reply.status(201).send(await createAgreement(req.ctx(), req.body)),
  );
  app.get(
    `${P}/agreements/:id`,
    {
      config: perm('coBuilding.read'),
      schema: { tags, summary: 'One agreement', params: IdParam, response: { 200: Agreement } },
    },
    async (req) => getAgreement(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/agreements/:id/deliverables`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Add a deliverable while negotiating',
        params: IdParam,
        body: AddDeliverable,
        response: { 201: Agreement },
      },
    },
    async (req, reply) => reply.status(201).send(await addDeliverable(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    `${P}/agreements/:id/move`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Move to the next stage: signed, published, fulfilling, evaluated (the score is computed)',
        params: IdParam,
        body: MoveAgreement,
        response: { 200: Agreement },
      },
    },
    async (req) => moveAgreement(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/agreements/:id/deliverables/:deliverableId/report`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Report a deliverable done (day, evidence) or not done',
        params: DeliverableParam,
        body: ReportDeliverable,
        response: { 200: Agreement },
      },
    },
    async (req) => reportDeliverable(req.ctx(), req.params.id, req.params.deliverableId, req.body),
  );
  app.post(
    `${P}/agreements/:id/ratings`,
    {
      config: perm('coBuilding.rate'),
      schema: {
        tags,
        summary: 'A resident rates the work of a published agreement of their community',
        params: IdParam,
        body: RateProject,
        response: { 201: Agreement },
      },
    },
    async (req, reply) => reply.status(201).send(await rateAgreement(req.ctx(), req.params.id, req.body)),
  );

  app.get(
    `${P}/figures`,
    {
      config: perm('coBuilding.read'),
      schema: {
        tags,
        summary: 'Co-building figures of a node and period, with formula and drill-down link',
        querystring: FigureQuery,
        response: { 200: Figures },
      },
    },
    async (req) => coBuildingFigures(req.ctx(), req.query),
  );
}
