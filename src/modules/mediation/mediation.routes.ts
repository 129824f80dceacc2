import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  AgreementInput,
  AssignInput,
  CaseListItem,
  CaseQuery,
  CreateCase,
  CreateTeam,
  FollowUpInput,
  IdParam,
  MediationCase,
  OrderIdParam,
  OutcomeInput,
  Party,
  PartyInput,
  PartyParam,
  RevealedParty,
  SessionInput,
  Team,
  TeamQuery,
  UpdateTeam,
} from './contract.js';
import {
  addParty,
  addSession,
  assignCase,
  createCase,
  createTeam,
  deleteTeam,
  getCase,
  getTeam,
  listCases,
  listTeams,
  recordFollowUp,
  recordOutcome,
  removeParty,
  revealParty,
  setAgreement,
  updateTeam,
} from './mediation.service.js';

const tags = ['mediation'];
const perm = (permission: string) => ({ access: { permission } });

/** Mediation 调解 (issue 5 item 5): teams, and cases that are orders of kind 'mediation'. */
export async function mediationRoutes(app: App): Promise<void> {
  app.get(
    '/api/mediation/teams',
    {
      config: perm('mediationTeam.read'),
      schema: {
        tags,
        summary: 'Mediation teams of your area, with members (phones masked) and case counts',
        querystring: TeamQuery,
        response: { 200: pageOf(Team) },
      },
    },
    async (req) => listTeams(req.ctx(), req.query),
  );
  app.post(
    '/api/mediation/teams',
    {
      config: perm('mediationTeam.manage'),
      schema: { tags, summary: 'Create a mediation team of a community', body: CreateTeam, response: { 201: Team } },
    },
    async (req, reply) => reply.status(201).send(await createTeam(req.ctx(), req.body)),
  );
  app.get(
    '/api/mediation/teams/:id',
    {
      config: perm('mediationTeam.read'),
      schema: { tags, summary: 'One mediation team', params: IdParam, response: { 200: Team } },
    },
    async (req) => getTeam(req.ctx(), req.params.id),
  );
  app.patch(
    '/api/mediation/teams/:id',
    {
      config: perm('mediationTeam.manage'),
      schema: {
        tags,
        summary: 'Change a team; `members` replaces the member list (existing ids keep their phone)',
        params: IdParam,
        body: UpdateTeam,
        response: { 200: Team },
      },
    },
    async (req) => updateTeam(req.ctx(), req.params.id, req.body),
  );
  app.delete(
    '/api/mediation/teams/:id',
    {
      config: perm('mediationTeam.manage'),
      schema: { tags, summary: 'Delete a team without open cases', params: IdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteTeam(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/mediation/cases',
    {
      config: perm('mediation.read'),
      schema: {
        tags,
        summary: 'Mediation cases you may see, with filters',
        querystring: CaseQuery,
        response: { 200: pageOf(CaseListItem) },
      },
    },
    async (req) => listCases(req.ctx(), req.query),
  );
  app.post(
    '/api/mediation/cases',
    {
      config: perm('mediation.create'),
      schema: {
        tags,
        summary: 'Ask for mediation: an order of kind mediation with its parties',
        body: CreateCase,
        response: { 201: MediationCase },
      },
    },
    async (req, reply) => reply.status(201).send(await createCase(req.ctx(), req.body)),
  );
  app.get(
    '/api/mediation/cases/:orderId',
    {
      config: perm('mediation.read'),
      schema: {
        tags,
        summary: 'One case: the order with its timeline, parties, sessions, agreement, outcome',
        params: OrderIdParam,
        response: { 200: MediationCase },
      },
    },
    async (req) => getCase(req.ctx(), req.params.orderId),
  );
  app.post(
    '/api/mediation/cases/:orderId/assign',
    {
      config: perm('mediation.assign'),
      schema: {
        tags,
        summary: 'Send the case to a mediation team (the dispatch move)',
        params: OrderIdParam,
        body: AssignInput,
        response: { 200: MediationCase },
      },
    },
    async (req) => assignCase(req.ctx(), req.params.orderId, req.body),
  );
  app.post(
    '/api/mediation/cases/:orderId/parties',
    {
      config: perm('mediation.record'),
      schema: { tags, summary: 'Add a party', params: OrderIdParam, body: PartyInput, response: { 201: Party } },
    },
    async (req, reply) => reply.status(201).send(await addParty(req.ctx(), req.params.orderId, req.body)),
  );
  app.delete(
    '/api/mediation/cases/:orderId/parties/:partyId',
    {
      config: perm('mediation.record'),
      schema: { tags, summary: 'Remove a party', params: PartyParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await removeParty(req.ctx(), req.params.orderId, req.params.partyId);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/mediation/cases/:orderId/parties/:partyId/reveal',
    {
      config: perm('mediation.reveal'),
      schema: {
        tags,
        summary: 'A party’s plain contact number (audited)',
        params: PartyParam,
        response: { 200: RevealedParty },
      },
    },
    async (req) => revealParty(req.ctx(), req.params.orderId, req.params.partyId),
  );
  app.post(
    '/api/mediation/cases/:orderId/sessions',
    {
      config: perm('mediation.record'),
      schema: {
        tags,
        summary: 'Record a session (the first starts the work on the order)',
        params: OrderIdParam,
        body: SessionInput,
        response: { 201: MediationCase },
      },
    },
    async (req, reply) => reply.status(201).send(await addSession(req.ctx(), req.params.orderId, req.body)),
  );
  app.put(
    '/api/mediation/cases/:orderId/agreement',
    {
      config: perm('mediation.record'),
      schema: {
        tags,
        summary: 'Record the agreement',
        params: OrderIdParam,
        body: AgreementInput,
        response: { 200: MediationCase },
      },
    },
    async (req) => setAgreement(req.ctx(), req.params.orderId, req.body),
  );
  app.post(
    '/api/mediation/cases/:orderId/outcome',
    {
      config: perm('mediation.record'),
      schema: {
        tags,
        summary: 'Record the outcome and resolve the case',
        params: OrderIdParam,
        body: OutcomeInput,
        response: { 200: MediationCase },
      },
    },
    async (req) => recordOutcome(req.ctx(), req.params.orderId, req.body),
  );
  app.post(
    '/api/mediation/cases/:orderId/follow-up',
    {
      config: perm('mediation.record'),
      schema: {
        tags,
        summary: 'Record the follow-up visit of a resolved case',
        params: OrderIdParam,
        body: FollowUpInput,
        response: { 200: MediationCase },
      },
    },
    async (req) => recordFollowUp(req.ctx(), req.params.orderId, req.body),
  );
}
