import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  CommentInput,
  CommentParam,
  ConcludeInput,
  Consultation,
  ConsultationListItem,
  ConsultationQuery,
  CreateConsultation,
  HideInput,
  IdParam,
  ToMeetingInput,
  VoteInput,
} from './contract.js';
import {
  addComment,
  concludeConsultation,
  createConsultation,
  getConsultation,
  hideComment,
  listConsultations,
  toMeeting,
  vote,
  withdrawConsultation,
} from './consultations.service.js';

const tags = ['consultations'];
const perm = (permission: string) => ({ access: { permission } });
const READERS = { access: { anyOf: ['meeting.read', 'consultation.join'] } };

/** Democratic consultation 协商议事 (issue 13 item 5, decision 029). */
export async function consultationRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations',
    {
      config: READERS,
      schema: {
        tags,
        summary: 'Consultations you see: staff those of their area, residents those of their compound and community',
        querystring: ConsultationQuery,
        response: { 200: pageOf(ConsultationListItem) },
      },
    },
    async (req) => listConsultations(req.ctx(), req.query),
  );
  app.post(
    '/api/consultations',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'Put a topic to the residents of a compound or community (notice, comment period, options)',
        body: CreateConsultation,
        response: { 201: Consultation },
      },
    },
    async (req, reply) => reply.status(201).send(await createConsultation(req.ctx(), req.body)),
  );
  app.get(
    '/api/consultations/:id',
    {
      config: READERS,
      schema: { tags, summary: 'One consultation', params: IdParam, response: { 200: Consultation } },
    },
    async (req) => getConsultation(req.ctx(), req.params.id),
  );
  app.post(
    '/api/consultations/:id/comments',
    {
      config: perm('consultation.join'),
      schema: {
        tags,
        summary: 'Comment with your real-name account (during the comment period)',
        params: IdParam,
        body: CommentInput,
        response: { 201: Consultation },
      },
    },
    async (req, reply) => reply.status(201).send(await addComment(req.ctx(), req.params.id, req.body.text)),
  );
  app.put(
    '/api/consultations/:id/vote',
    {
      config: perm('consultation.join'),
      schema: {
        tags,
        summary: 'Vote for one option (changeable during the comment period)',
        params: IdParam,
        body: VoteInput,
        response: { 200: Consultation },
      },
    },
    async (req) => vote(req.ctx(), req.params.id, req.body.option),
  );
  app.post(
    '/api/consultations/:id/comments/:commentId/hide',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'Hide a comment with a recorded reason (staff never edit it)',
        params: CommentParam,
        body: HideInput,
        response: { 200: Consultation },
      },
    },
    async (req) => hideComment(req.ctx(), req.params.id, req.params.commentId, req.body.reason),
  );
  app.post(
    '/api/consultations/:id/meeting',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'Put the consultation to a meeting (an agenda item linked to it)',
        params: IdParam,
        body: ToMeetingInput,
        response: { 200: Consultation },
      },
    },
    async (req) => toMeeting(req.ctx(), req.params.id, req.body.meetingId),
  );
  app.post(
    '/api/consultations/:id/conclude',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'Publish the result after the comment period (optionally as a service order)',
        params: IdParam,
        body: ConcludeInput,
        response: { 200: Consultation },
      },
    },
    async (req) => concludeConsultation(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/consultations/:id/withdraw',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'Withdraw an open consultation, with the reason recorded',
        params: IdParam,
        body: HideInput,
        response: { 200: Consultation },
      },
    },
    async (req) => withdrawConsultation(req.ctx(), req.params.id, req.body.reason),
  );
}
