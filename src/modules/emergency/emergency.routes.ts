import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  Board,
  Campaign,
  CheckIn,
  CreateCampaign,
  CreatePost,
  CreateTask,
  Event,
  EventQuery,
  IdParam,
  Post,
  RecordVisit,
  SwitchOff,
  SwitchOn,
  Task,
  Visit,
  VisitQuery,
} from './contract.js';
import {
  board,
  checkIn,
  createCampaign,
  createPost,
  createTask,
  getCampaign,
  getEvent,
  listEvents,
  listVisits,
  myTasks,
  recordVisit,
  switchOff,
  switchOn,
} from './emergency.service.js';

const tags = ['emergency'];
const perm = (permission: string) => ({ access: { permission } });
const P = '/api/emergency';

/** Emergency mode 平战结合 (issue 15 item 6, decision 026). */
export async function emergencyRoutes(app: App): Promise<void> {
  app.get(
    `${P}/events`,
    {
      config: perm('emergency.read'),
      schema: {
        tags,
        summary: 'Emergencies of your area (active and ended)',
        querystring: EventQuery,
        response: { 200: pageOf(Event) },
      },
    },
    async (req) => listEvents(req.ctx(), req.query),
  );
  app.post(
    `${P}/events`,
    {
      config: perm('emergency.switch'),
      schema: {
        tags,
        summary: 'Switch emergency mode on for an event and an area',
        body: SwitchOn,
        response: { 201: Event },
      },
    },
    async (req, reply) => reply.status(201).send(await switchOn(req.ctx(), req.body)),
  );
  app.get(
    `${P}/events/:id`,
    {
      config: perm('emergency.read'),
      schema: { tags, summary: 'One emergency', params: IdParam, response: { 200: Event } },
    },
    async (req) => getEvent(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/events/:id/off`,
    {
      config: perm('emergency.switch'),
      schema: {
        tags,
        summary: 'Switch emergency mode off: everything is kept as a read-only record',
        params: IdParam,
        body: SwitchOff,
        response: { 200: Event },
      },
    },
    async (req) => switchOff(req.ctx(), req.params.id, req.body),
  );
  app.get(
    `${P}/events/:id/board`,
    {
      config: perm('emergency.read'),
      schema: {
        tags,
        summary: 'Live board: posts, rosters, coverage per building, tasks',
        params: IdParam,
        response: { 200: Board },
      },
    },
    async (req) => board(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/events/:id/posts`,
    {
      config: perm('emergency.manage'),
      schema: {
        tags,
        summary: 'Add a duty post or responsibility area with its roster',
        params: IdParam,
        body: CreatePost,
        response: { 201: Post },
      },
    },
    async (req, reply) => reply.status(201).send(await createPost(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    `${P}/events/:id/campaigns`,
    {
      config: perm('emergency.manage'),
      schema: {
        tags,
        summary: 'Start a door-to-door campaign 入户敲门 over nodes of the area',
        params: IdParam,
        body: CreateCampaign,
        response: { 201: Campaign },
      },
    },
    async (req, reply) => reply.status(201).send(await createCampaign(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    `${P}/events/:id/tasks`,
    {
      config: perm('emergency.manage'),
      schema: {
        tags,
        summary: 'Push a task to members (notified; they check in)',
        params: IdParam,
        body: CreateTask,
        response: { 201: Task },
      },
    },
    async (req, reply) => reply.status(201).send(await createTask(req.ctx(), req.params.id, req.body)),
  );
  app.get(
    `${P}/campaigns/:id`,
    {
      config: perm('emergency.read'),
      schema: { tags, summary: 'A campaign with coverage per building', params: IdParam, response: { 200: Campaign } },
    },
    async (req) => getCampaign(req.ctx(), req.params.id),
  );
  app.get(
    `${P}/campaigns/:id/visits`,
    {
      config: perm('emergency.read'),
      schema: {
        tags,
        summary: 'Knocks of a campaign',
        params: IdParam,
        querystring: VisitQuery,
        response: { 200: pageOf(Visit) },
      },
    },
    async (req) => listVisits(req.ctx(), req.params.id, req.query),
  );
  app.post(
    `${P}/campaigns/:id/visits`,
    {
      config: perm('emergency.visit'),
      schema: {
        tags,
        summary: 'Record a knock: visited, not home, or needs help (raises an order)',
        params: IdParam,
        body: RecordVisit,
        response: { 200: Visit },
      },
    },
    async (req) => recordVisit(req.ctx(), req.params.id, req.body),
  );
  app.get(
    `${P}/my-tasks`,
    {
      config: perm('emergency.tasks'),
      schema: { tags, summary: 'My emergency tasks', response: { 200: z.array(Task) } },
    },
    async (req) => myTasks(req.ctx()),
  );
  app.post(
    `${P}/tasks/:id/check-in`,
    {
      config: perm('emergency.tasks'),
      schema: {
        tags,
        summary: 'Check in to my task (once, while the emergency is on)',
        params: IdParam,
        body: CheckIn,
        response: { 200: Task },
      },
    },
    async (req) => checkIn(req.ctx(), req.params.id, req.body),
  );
}
