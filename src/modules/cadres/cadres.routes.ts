import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  Assignment,
  AssignmentDetail,
  AssignmentListQuery,
  ChangePost,
  CreateAssignment,
  CreateTalent,
  CreateWorker,
  FindingOrder,
  IdParam,
  RecordTraining,
  RecordWork,
  Talent,
  TalentDetail,
  TalentListQuery,
  UpdateAssignment,
  UpdateTalent,
  UpdateWorker,
  Worker,
  WorkerDetail,
  WorkerListQuery,
} from './contract.js';
import {
  createAssignment,
  getAssignment,
  listAssignments,
  recordWork,
  updateAssignment,
  workToOrder,
} from './assignments.service.js';
import { createTalent, getTalent, listTalents, recordTraining, updateTalent } from './talents.service.js';
import { changePost, createWorker, getWorker, listWorkers, updateWorker } from './workers.service.js';

const tags = ['cadres'];
const read = { access: { permission: 'cadre.read' } };
const manage = { access: { permission: 'cadre.manage' } };
const record = { access: { permission: 'cadre.record' } };
const RecordParam = z.object({ id: IdParam.shape.id, recordId: IdParam.shape.id });

/** Cadres and community workers (issue 15 item 4, decision 054). */
export async function cadreRoutes(app: App): Promise<void> {
  // ---- community workers 社区工作者 (三岗十八级)
  app.get(
    '/api/cadres/workers',
    {
      config: read,
      schema: {
        tags,
        summary: 'Community workers of your subtree, post and grade by the rule',
        querystring: WorkerListQuery,
        response: { 200: pageOf(Worker) },
      },
    },
    async (req) => listWorkers(req.ctx(), req.query),
  );
  app.get(
    '/api/cadres/workers/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One community worker with the promotion history',
        params: IdParam,
        response: { 200: WorkerDetail },
      },
    },
    async (req) => getWorker(req.ctx(), req.params.id),
  );
  app.post(
    '/api/cadres/workers',
    {
      config: manage,
      schema: { tags, summary: 'Register a community worker', body: CreateWorker, response: { 201: WorkerDetail } },
    },
    async (req, reply) => reply.code(201).send(await createWorker(req.ctx(), req.body)),
  );
  app.patch(
    '/api/cadres/workers/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Correct a worker's facts (name, phone, start, degree, left) with a reason",
        params: IdParam,
        body: UpdateWorker,
        response: { 200: WorkerDetail },
      },
    },
    async (req) => updateWorker(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/cadres/workers/:id/posts',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record a change of post (dated, with a reason)',
        params: IdParam,
        body: ChangePost,
        response: { 201: WorkerDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await changePost(req.ctx(), req.params.id, req.body)),
  );

  // ---- cadres 包联/下沉
  app.get(
    '/api/cadres/assignments',
    {
      config: read,
      schema: {
        tags,
        summary: 'Cadres assigned to communities of your subtree (包联/下沉)',
        querystring: AssignmentListQuery,
        response: { 200: pageOf(Assignment) },
      },
    },
    async (req) => listAssignments(req.ctx(), req.query),
  );
  app.get(
    '/api/cadres/assignments/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One assignment with its work records',
        params: IdParam,
        response: { 200: AssignmentDetail },
      },
    },
    async (req) => getAssignment(req.ctx(), req.params.id),
  );
  app.post(
    '/api/cadres/assignments',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Assign a cadre to a community',
        body: CreateAssignment,
        response: { 201: AssignmentDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await createAssignment(req.ctx(), req.body)),
  );
  app.patch(
    '/api/cadres/assignments/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'End an assignment or change its duties',
        params: IdParam,
        body: UpdateAssignment,
        response: { 200: AssignmentDetail },
      },
    },
    async (req) => updateAssignment(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/cadres/assignments/:id/work',
    {
      config: record,
      schema: {
        tags,
        summary: 'Record a visit: what was found and handled (optionally the finding as an order)',
        params: IdParam,
        body: RecordWork,
        response: { 201: AssignmentDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await recordWork(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/api/cadres/assignments/:id/work/:recordId/order',
    {
      config: record,
      schema: {
        tags,
        summary: "Turn a work record's finding into a service order (排摸发现)",
        params: RecordParam,
        body: FindingOrder,
        response: { 200: AssignmentDetail },
      },
    },
    async (req) => workToOrder(req.ctx(), req.params.id, req.params.recordId, req.body),
  );

  // ---- reserve talent 后备人才
  app.get(
    '/api/cadres/talents',
    {
      config: read,
      schema: {
        tags,
        summary: 'Reserve talent pool of your subtree',
        querystring: TalentListQuery,
        response: { 200: pageOf(Talent) },
      },
    },
    async (req) => listTalents(req.ctx(), req.query),
  );
  app.get(
    '/api/cadres/talents/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One reserve talent with the training',
        params: IdParam,
        response: { 200: TalentDetail },
      },
    },
    async (req) => getTalent(req.ctx(), req.params.id),
  );
  app.post(
    '/api/cadres/talents',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a person to the reserve talent pool',
        body: CreateTalent,
        response: { 201: TalentDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await createTalent(req.ctx(), req.body)),
  );
  app.patch(
    '/api/cadres/talents/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Change a talent's status or note",
        params: IdParam,
        body: UpdateTalent,
        response: { 200: TalentDetail },
      },
    },
    async (req) => updateTalent(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/cadres/talents/:id/trainings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record a training of a reserve talent',
        params: IdParam,
        body: RecordTraining,
        response: { 201: TalentDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await recordTraining(req.ctx(), req.params.id, req.body)),
  );
}
