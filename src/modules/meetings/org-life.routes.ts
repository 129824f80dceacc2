import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import { sendXlsx } from '../../kernel/ledger/ledger.js';
import { exportStudy } from './ledgers.js';
import {
  CreateSession,
  FiguresQuery,
  IdParam,
  LeaveInput,
  LessonInput,
  OrgLifeFigures,
  OrgLifeKind,
  OrgLifeSession,
  SessionCorrectionInput,
  SessionQuery,
  SessionUpdate,
  StudyRecord,
} from './contract.js';
import {
  addLesson,
  askLeave,
  branchStudy,
  correctSession,
  createSession,
  getSession,
  listSessions,
  myStudy,
  mySessions,
  orgLifeFigures,
  signInSession,
  updateSession,
} from './org-life.service.js';

const tags = ['org-life'];
const perm = (permission: string) => ({ access: { permission } });
const BranchParam = z.object({ branchId: z.coerce.number().int().positive().max(2_147_483_647) });
const MySession = z.object({
  id: z.number().int(),
  kind: OrgLifeKind,
  title: z.string(),
  heldAt: z.date(),
  mode: z.string(),
  place: z.string().nullable(),
  sessionStatus: z.string(),
  myStatus: z.string(),
  minutes: z.string().nullable(),
});
const Mark = z.object({ sessionId: z.number().int(), status: z.enum(['present', 'leave']) });

/** Organisational life 三会一课 / 主题党日 and study records 学习档案 (issue 13 items 6 and 7). */
export async function orgLifeRoutes(app: App): Promise<void> {
  app.get(
    '/api/org-life/sessions',
    {
      config: perm('orgLife.read'),
      schema: {
        tags,
        summary: 'Sessions of your area',
        querystring: SessionQuery,
        response: { 200: pageOf(OrgLifeSession) },
      },
    },
    async (req) => listSessions(req.ctx(), req.query),
  );
  app.post(
    '/api/org-life/sessions',
    {
      config: perm('orgLife.manage'),
      schema: {
        tags,
        summary: 'Record a session of a branch; its roster is the branch’s members',
        body: CreateSession,
        response: { 201: OrgLifeSession },
      },
    },
    async (req, reply) => reply.status(201).send(await createSession(req.ctx(), req.body)),
  );
  app.get(
    '/api/org-life/sessions/mine',
    {
      config: perm('meeting.attend'),
      schema: { tags, summary: 'Your own sessions', response: { 200: z.object({ items: z.array(MySession) }) } },
    },
    async (req) => mySessions(req.ctx()),
  );
  app.get(
    '/api/org-life/sessions/:id',
    {
      config: perm('orgLife.read'),
      schema: { tags, summary: 'One session with its roster', params: IdParam, response: { 200: OrgLifeSession } },
    },
    async (req) => getSession(req.ctx(), req.params.id),
  );
  app.patch(
    '/api/org-life/sessions/:id',
    {
      config: perm('orgLife.manage'),
      schema: {
        tags,
        summary: 'Minutes, attendance and leave, held / approved (then locked)',
        params: IdParam,
        body: SessionUpdate,
        response: { 200: OrgLifeSession },
      },
    },
    async (req) => updateSession(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/org-life/sessions/:id/corrections',
    {
      config: perm('orgLife.manage'),
      schema: {
        tags,
        summary: 'Correct an approved session (a member’s attendance or the minutes) with the reason; points follow',
        params: IdParam,
        body: SessionCorrectionInput,
        response: { 200: OrgLifeSession },
      },
    },
    async (req) => correctSession(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/org-life/sessions/:id/sign-in',
    {
      config: perm('meeting.attend'),
      schema: { tags, summary: 'Sign in: members on the roster only, once', params: IdParam, response: { 200: Mark } },
    },
    async (req) => signInSession(req.ctx(), req.params.id),
  );
  app.post(
    '/api/org-life/sessions/:id/leave',
    {
      config: perm('meeting.attend'),
      schema: { tags, summary: 'Ask for leave', params: IdParam, body: LeaveInput, response: { 200: Mark } },
    },
    async (req) => askLeave(req.ctx(), req.params.id, req.body.reason),
  );
  app.get(
    '/api/org-life/figures',
    {
      config: perm('orgLife.read'),
      schema: {
        tags,
        summary: 'Sessions held, attendance rate (with formula) and missed sessions per branch and in total',
        querystring: FiguresQuery,
        response: { 200: OrgLifeFigures },
      },
    },
    async (req) => orgLifeFigures(req.ctx(), req.query.year, req.query.territoryId),
  );
  app.get(
    '/api/org-life/study/branch/:branchId',
    {
      config: perm('orgLife.read'),
      schema: {
        tags,
        summary: 'Study records of a branch’s members',
        params: BranchParam,
        response: { 200: z.array(StudyRecord) },
      },
    },
    async (req) => branchStudy(req.ctx(), req.params.branchId),
  );
  app.get(
    '/api/org-life/study/branch/:branchId/export.xlsx',
    {
      config: perm('orgLife.read'),
      schema: {
        tags,
        summary: 'Study records of a branch’s members as .xlsx (a summary and one sheet per member)',
        params: BranchParam,
        response: { 200: z.unknown().describe('.xlsx file') },
      },
    },
    async (req, reply) =>
      sendXlsx(reply, 'study-records', await exportStudy(req.ctx(), await branchStudy(req.ctx(), req.params.branchId))),
  );
  app.get(
    '/api/org-life/study/mine/export.xlsx',
    {
      config: perm('study.own'),
      schema: {
        tags,
        summary: 'Your own study record as .xlsx',
        response: { 200: z.unknown().describe('.xlsx file') },
      },
    },
    async (req, reply) => sendXlsx(reply, 'my-study-record', await exportStudy(req.ctx(), await myStudy(req.ctx()))),
  );
  app.post(
    '/api/org-life/study/lessons',
    {
      config: perm('orgLife.manage'),
      schema: { tags, summary: 'Record a lesson a member studied', body: LessonInput, response: { 201: StudyRecord } },
    },
    async (req, reply) => reply.status(201).send(await addLesson(req.ctx(), req.body, false)),
  );
  app.get(
    '/api/org-life/study/mine',
    {
      config: perm('study.own'),
      schema: { tags, summary: 'Your own study record', response: { 200: z.array(StudyRecord) } },
    },
    async (req) => myStudy(req.ctx()),
  );
  app.post(
    '/api/org-life/study/mine/lessons',
    {
      config: perm('study.own'),
      schema: {
        tags,
        summary: 'Record a lesson you studied',
        body: LessonInput.omit({ memberId: true }),
        response: { 201: StudyRecord },
      },
    },
    async (req, reply) => reply.status(201).send(await addLesson(req.ctx(), req.body, true)),
  );
}
