import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  ImportQuery,
  ImportReport,
  ledgerExport,
  ledgerTemplate,
  registerXlsxBody,
  sendXlsx,
} from '../../kernel/ledger/ledger.js';
import {
  BranchOption,
  BranchQuery,
  CommunityOption,
  CommunityQuery,
  CreateMember,
  Decision,
  EvaluationInput,
  EvaluationListQuery,
  EvaluationRow,
  IdParam,
  MemberExportQuery,
  MemberListQuery,
  MemberPoints,
  MyMember,
  PartyMember,
  Registration,
  RegistrationListQuery,
  RequestRegistration,
  SelfRegistration,
  UpdateMember,
} from './contract.js';
import { importMembers, MemberLedger } from './party-members.ledger.js';
import {
  createMember,
  decideRegistration,
  deleteMember,
  exportMembers,
  getMember,
  getMemberPoints,
  getMyMember,
  listCommunities,
  listEvaluations,
  listHomeBranches,
  listMembers,
  listRegistrations,
  recordEvaluation,
  registerOnBehalf,
  registerSelf,
  updateMember,
  withdrawMine,
  withdrawRegistration,
} from './party-members.service.js';

const tags = ['party-members'];
const xlsx = { 200: z.unknown().describe('.xlsx file') };

export async function partyMemberRoutes(app: App): Promise<void> {
  registerXlsxBody(app);

  app.get(
    '/api/party-members',
    {
      config: { access: { permission: 'partyMember.read' } },
      schema: {
        tags,
        summary: 'List members (home subtree; includeRegistered adds those registered with your communities)',
        querystring: MemberListQuery,
        response: { 200: pageOf(PartyMember) },
      },
    },
    async (req) => listMembers(req.ctx(), req.query),
  );

  app.get(
    '/api/party-members/template.xlsx',
    {
      config: { access: { permission: 'partyMember.create' } },
      schema: { tags, summary: 'Import template of the party members ledger', response: xlsx },
    },
    async (req, reply) => sendXlsx(reply, 'party-members-template', await ledgerTemplate(MemberLedger, req.locale)),
  );

  app.post(
    '/api/party-members/import',
    {
      config: { access: { permission: 'partyMember.create' } },
      schema: {
        tags,
        summary: 'Import party members from .xlsx (raw body); mode all | goodRows',
        querystring: ImportQuery,
        response: { 200: ImportReport },
      },
    },
    async (req) => importMembers(req.ctx(), req.body, req.query.mode),
  );

  app.get(
    '/api/party-members/export.xlsx',
    {
      config: { access: { permission: 'partyMember.export' } },
      schema: { tags, summary: 'Export the filtered members as .xlsx', querystring: MemberExportQuery, response: xlsx },
    },
    async (req, reply) => {
      const rows = await exportMembers(req.readCtx(), req.query);
      const records = rows.map((m) => ({
        ...m,
        homeBranch: m.homeBranch.name,
        residentIdNumber: null,
        registeredCommunities: m.registeredCommunities.map((c) => c.name).join('、'),
      }));
      return sendXlsx(reply, 'party-members', await ledgerExport(MemberLedger, records, req.locale));
    },
  );

  app.get(
    '/api/party-members/home-branches',
    {
      config: { access: { anyOf: ['partyMember.create', 'partyMember.update'] } },
      schema: {
        tags,
        summary: 'Branches of your subtree that can hold members',
        querystring: BranchQuery,
        response: { 200: z.object({ items: z.array(BranchOption) }) },
      },
    },
    async (req) => listHomeBranches(req.ctx(), req.query),
  );

  app.get(
    '/api/party-members/communities',
    {
      config: { access: { anyOf: ['partyMember.self', 'partyMember.update'] } },
      schema: {
        tags,
        summary: 'Communities to register with (any subtree)',
        querystring: CommunityQuery,
        response: { 200: z.object({ items: z.array(CommunityOption) }) },
      },
    },
    async (req) => listCommunities(req.ctx(), req.query),
  );

  app.get(
    '/api/party-members/registrations',
    {
      config: { access: { permission: 'partyMember.read' } },
      schema: {
        tags,
        summary: 'Dual registrations with your communities or of members you hold',
        querystring: RegistrationListQuery,
        response: { 200: pageOf(Registration) },
      },
    },
    async (req) => listRegistrations(req.ctx(), req.query),
  );

  app.post(
    '/api/party-members/registrations/:id/confirm',
    {
      config: { access: { permission: 'dualRegistration.decide' } },
      schema: {
        tags,
        summary: 'Confirm a pending registration with your community',
        params: IdParam,
        body: Decision,
        response: { 200: Registration },
      },
    },
    async (req) => decideRegistration(req.ctx(), req.params.id, 'confirmed', req.body.note),
  );

  app.post(
    '/api/party-members/registrations/:id/reject',
    {
      config: { access: { permission: 'dualRegistration.decide' } },
      schema: {
        tags,
        summary: 'Reject a pending registration with your community',
        params: IdParam,
        body: Decision,
        response: { 200: Registration },
      },
    },
    async (req) => decideRegistration(req.ctx(), req.params.id, 'rejected', req.body.note),
  );

  app.post(
    '/api/party-members/registrations/:id/withdraw',
    {
      config: { access: { permission: 'partyMember.update' } },
      schema: {
        tags,
        summary: 'Withdraw a registration of a member you hold',
        params: IdParam,
        response: { 200: Registration },
      },
    },
    async (req) => withdrawRegistration(req.ctx(), req.params.id, false),
  );

  app.get(
    '/api/party-members/evaluations',
    {
      config: { access: { permission: 'partyMember.read' } },
      schema: {
        tags,
        summary: 'Dual evaluation: both sides per in-service member for a period',
        querystring: EvaluationListQuery,
        response: { 200: pageOf(EvaluationRow) },
      },
    },
    async (req) => listEvaluations(req.ctx(), req.query),
  );

  app.get(
    '/api/party-members/me',
    {
      config: { access: { permission: 'partyMember.self' } },
      schema: { tags, summary: 'My party member record, registrations and evaluations', response: { 200: MyMember } },
    },
    async (req) => getMyMember(req.ctx()),
  );

  app.post(
    '/api/party-members/me/registrations',
    {
      config: { access: { permission: 'partyMember.self' } },
      schema: {
        tags,
        summary: 'Register myself with a residential community',
        body: SelfRegistration,
        response: { 201: Registration },
      },
    },
    async (req, reply) => reply.status(201).send(await registerSelf(req.ctx(), req.body)),
  );

  app.post(
    '/api/party-members/me/registrations/:id/withdraw',
    {
      config: { access: { permission: 'partyMember.self' } },
      schema: { tags, summary: 'Withdraw my registration', params: IdParam, response: { 200: Registration } },
    },
    async (req) => withdrawMine(req.ctx(), req.params.id),
  );

  app.get(
    '/api/party-members/:id',
    {
      config: { access: { permission: 'partyMember.read' } },
      schema: { tags, summary: 'One member', params: IdParam, response: { 200: PartyMember } },
    },
    async (req) => getMember(req.ctx(), req.params.id),
  );

  app.get(
    '/api/party-members/:id/points',
    {
      config: { access: { permission: 'partyMember.read' } },
      schema: {
        tags,
        summary: "A member's points ledger and its sum (points come only from these records)",
        params: IdParam,
        response: { 200: MemberPoints },
      },
    },
    async (req) => getMemberPoints(req.ctx(), req.params.id),
  );

  app.post(
    '/api/party-members',
    {
      config: { access: { permission: 'partyMember.create' } },
      schema: { tags, summary: 'Add a member', body: CreateMember, response: { 201: PartyMember } },
    },
    async (req, reply) => reply.status(201).send(await createMember(req.ctx(), req.body)),
  );

  app.patch(
    '/api/party-members/:id',
    {
      config: { access: { permission: 'partyMember.update' } },
      schema: {
        tags,
        summary: 'Edit a member you hold',
        params: IdParam,
        body: UpdateMember,
        response: { 200: PartyMember },
      },
    },
    async (req) => updateMember(req.ctx(), req.params.id, req.body),
  );

  app.delete(
    '/api/party-members/:id',
    {
      config: { access: { permission: 'partyMember.delete' } },
      schema: { tags, summary: 'Delete a member you hold', params: IdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteMember(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/party-members/:id/registrations',
    {
      config: { access: { permission: 'partyMember.update' } },
      schema: {
        tags,
        summary: 'Register a member you hold with a community, on their behalf',
        params: IdParam,
        body: RequestRegistration,
        response: { 201: Registration },
      },
    },
    async (req, reply) => reply.status(201).send(await registerOnBehalf(req.ctx(), req.params.id, req.body)),
  );

  app.post(
    '/api/party-members/:id/evaluations',
    {
      config: { access: { permission: 'dualEvaluation.record' } },
      schema: {
        tags,
        summary: "Record your side's evaluation of a member for a period",
        params: IdParam,
        body: EvaluationInput,
        response: { 200: EvaluationRow },
      },
    },
    async (req) => recordEvaluation(req.ctx(), req.params.id, req.body),
  );
}
