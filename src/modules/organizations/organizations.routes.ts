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
  Candidate,
  CompoundOverview,
  CreateCandidate,
  CreateElection,
  CreateLeadershipMember,
  CreateOwnersCommittee,
  CreatePartyOrg,
  CreateResidentsGroup,
  CreateUnit,
  Election,
  ElectionDetail,
  ElectionListQuery,
  FiguresQuery,
  FlagPage,
  FlagQuery,
  FourParty,
  IdParam,
  LeadershipFigures,
  LeadershipListQuery,
  LeadershipMember,
  OwnersCommittee,
  PartnerListQuery,
  PartyOrg,
  PartyOrgDetail,
  PartyOrgListQuery,
  PartyOrgTree,
  PartyOrgTreeQuery,
  RecordReview,
  ResidentsGroup,
  SetCompoundProperty,
  Unit,
  UnitExportQuery,
  UnitListQuery,
  UpdateLeadershipMember,
  UpdateOwnersCommittee,
  UpdatePartyOrg,
  UpdateResidentsGroup,
  UpdateUnit,
} from './contract.js';
import { listFlags } from './flags.service.js';
import {
  addCandidate,
  createElection,
  createLeadershipMember,
  deleteCandidate,
  deleteElection,
  deleteLeadershipMember,
  getElection,
  leadershipFigures,
  listElections,
  listLeadershipMembers,
  recordReview,
  updateLeadershipMember,
} from './leadership.service.js';
import {
  clearCompoundProperty,
  compoundOverview,
  createOwnersCommittee,
  createResidentsGroup,
  createUnit,
  deleteOwnersCommittee,
  deleteResidentsGroup,
  deleteUnit,
  exportUnits,
  fourParty,
  getUnit,
  listOwnersCommittees,
  listResidentsGroups,
  listUnits,
  setCompoundProperty,
  updateOwnersCommittee,
  updateResidentsGroup,
  updateUnit,
} from './partners.service.js';
import {
  createPartyOrg,
  deletePartyOrg,
  getPartyOrg,
  listPartyOrgs,
  partyOrgTree,
  updatePartyOrg,
} from './party-org.service.js';
import { importUnits, UnitLedger, unitLedgerRows } from './units.ledger.js';

const P = '/api/organizations';
const perm = (permission: string) => ({ access: { permission } });
const noContent = { 204: z.null() };
const xlsx = { 200: z.unknown().describe('.xlsx file') };

/** Thin HTTP for party organisations, flags, units and partners, leadership teams and elections. */
export async function organizationRoutes(app: App): Promise<void> {
  registerXlsxBody(app);

  // ---- party organisations
  let tags = ['party organisations'];
  app.get(
    `${P}/party-orgs`,
    {
      config: perm('partyOrg.read'),
      schema: {
        tags,
        summary: 'List party organisations of your subtree',
        querystring: PartyOrgListQuery,
        response: { 200: pageOf(PartyOrg) },
      },
    },
    async (req) => listPartyOrgs(req.ctx(), req.query),
  );
  app.get(
    `${P}/party-orgs/tree`,
    {
      config: perm('partyOrg.read'),
      schema: {
        tags,
        summary: 'Every organisation of your subtree, for the tree',
        querystring: PartyOrgTreeQuery,
        response: { 200: PartyOrgTree },
      },
    },
    async (req) => partyOrgTree(req.ctx(), req.query.territoryId),
  );
  app.get(
    `${P}/party-orgs/:id`,
    {
      config: perm('partyOrg.read'),
      schema: {
        tags,
        summary: 'One organisation with parent and children',
        params: IdParam,
        response: { 200: PartyOrgDetail },
      },
    },
    async (req) => getPartyOrg(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/party-orgs`,
    {
      config: perm('partyOrg.manage'),
      schema: {
        tags,
        summary: 'Add a party organisation (structure rules checked)',
        body: CreatePartyOrg,
        response: { 201: PartyOrg },
      },
    },
    async (req, reply) => reply.status(201).send(await createPartyOrg(req.ctx(), req.body)),
  );
  app.patch(
    `${P}/party-orgs/:id`,
    {
      config: perm('partyOrg.manage'),
      schema: {
        tags,
        summary: 'Edit, re-parent or upgrade an organisation',
        params: IdParam,
        body: UpdatePartyOrg,
        response: { 200: PartyOrg },
      },
    },
    async (req) => updatePartyOrg(req.ctx(), req.params.id, req.body),
  );
  app.delete(
    `${P}/party-orgs/:id`,
    {
      config: perm('partyOrg.manage'),
      schema: {
        tags,
        summary: 'Delete an organisation without children or members',
        params: IdParam,
        response: noContent,
      },
    },
    async (req, reply) => {
      await deletePartyOrg(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${P}/flags`,
    {
      config: perm('flag.read'),
      schema: {
        tags,
        summary: 'Rule flags of your subtree, computed from the records',
        querystring: FlagQuery,
        response: { 200: FlagPage },
      },
    },
    async (req) => listFlags(req.ctx(), req.query),
  );

  // ---- units and partners
  tags = ['units and partners'];
  app.get(
    `${P}/units`,
    {
      config: perm('unit.read'),
      schema: { tags, summary: 'List units in the area', querystring: UnitListQuery, response: { 200: pageOf(Unit) } },
    },
    async (req) => listUnits(req.ctx(), req.query),
  );
  app.get(
    `${P}/units/template.xlsx`,
    {
      config: perm('unit.read'),
      schema: { tags, summary: 'Import template of the units ledger 驻区单位台账', response: xlsx },
    },
    async (req, reply) => sendXlsx(reply, 'units-template', await ledgerTemplate(UnitLedger, req.locale)),
  );
  app.post(
    `${P}/units/import`,
    {
      config: perm('unit.manage'),
      schema: {
        tags,
        summary: 'Import units from .xlsx (raw body); mode all | goodRows',
        querystring: ImportQuery,
        response: { 200: ImportReport },
      },
    },
    async (req) => importUnits(req.ctx(), req.body, req.query.mode),
  );
  app.get(
    `${P}/units/export.xlsx`,
    {
      config: perm('unit.read'),
      schema: {
        tags,
        summary: 'Export the filtered units (scoped; contact phones masked without unit.revealContact) as .xlsx',
        querystring: UnitExportQuery,
        response: xlsx,
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      const rows = await unitLedgerRows(ctx.db, await exportUnits(ctx, req.query));
      return sendXlsx(reply, 'units', await ledgerExport(UnitLedger, rows, req.locale));
    },
  );
  app.get(
    `${P}/units/:id`,
    {
      config: perm('unit.read'),
      schema: { tags, summary: 'One unit', params: IdParam, response: { 200: Unit } },
    },
    async (req) => getUnit(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/units`,
    {
      config: perm('unit.manage'),
      schema: { tags, summary: 'Register a unit', body: CreateUnit, response: { 201: Unit } },
    },
    async (req, reply) => reply.status(201).send(await createUnit(req.ctx(), req.body)),
  );
  app.patch(
    `${P}/units/:id`,
    {
      config: perm('unit.manage'),
      schema: { tags, summary: 'Edit a unit', params: IdParam, body: UpdateUnit, response: { 200: Unit } },
    },
    async (req) => updateUnit(req.ctx(), req.params.id, req.body),
  );
  app.delete(
    `${P}/units/:id`,
    {
      config: perm('unit.manage'),
      schema: { tags, summary: 'Delete a unit', params: IdParam, response: noContent },
    },
    async (req, reply) => {
      await deleteUnit(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${P}/owners-committees`,
    {
      config: perm('unit.read'),
      schema: {
        tags,
        summary: "List owners' committees",
        querystring: PartnerListQuery,
        response: { 200: pageOf(OwnersCommittee) },
      },
    },
    async (req) => listOwnersCommittees(req.ctx(), req.query),
  );
  app.post(
    `${P}/owners-committees`,
    {
      config: perm('unit.manage'),
      schema: {
        tags,
        summary: "Record a compound's owners' committee",
        body: CreateOwnersCommittee,
        response: { 201: OwnersCommittee },
      },
    },
    async (req, reply) => reply.status(201).send(await createOwnersCommittee(req.ctx(), req.body)),
  );
  app.patch(
    `${P}/owners-committees/:id`,
    {
      config: perm('unit.manage'),
      schema: {
        tags,
        summary: "Edit an owners' committee",
        params: IdParam,
        body: UpdateOwnersCommittee,
        response: { 200: OwnersCommittee },
      },
    },
    async (req) => updateOwnersCommittee(req.ctx(), req.params.id, req.body),
  );
  app.delete(
    `${P}/owners-committees/:id`,
    {
      config: perm('unit.manage'),
      schema: { tags, summary: "Delete an owners' committee", params: IdParam, response: noContent },
    },
    async (req, reply) => {
      await deleteOwnersCommittee(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${P}/residents-groups`,
    {
      config: perm('unit.read'),
      schema: {
        tags,
        summary: "List residents' groups",
        querystring: PartnerListQuery,
        response: { 200: pageOf(ResidentsGroup) },
      },
    },
    async (req) => listResidentsGroups(req.ctx(), req.query),
  );
  app.post(
    `${P}/residents-groups`,
    {
      config: perm('unit.manage'),
      schema: {
        tags,
        summary: "Record a residents' group",
        body: CreateResidentsGroup,
        response: { 201: ResidentsGroup },
      },
    },
    async (req, reply) => reply.status(201).send(await createResidentsGroup(req.ctx(), req.body)),
  );
  app.patch(
    `${P}/residents-groups/:id`,
    {
      config: perm('unit.manage'),
      schema: {
        tags,
        summary: "Edit a residents' group",
        params: IdParam,
        body: UpdateResidentsGroup,
        response: { 200: ResidentsGroup },
      },
    },
    async (req) => updateResidentsGroup(req.ctx(), req.params.id, req.body),
  );
  app.delete(
    `${P}/residents-groups/:id`,
    {
      config: perm('unit.manage'),
      schema: { tags, summary: "Delete a residents' group", params: IdParam, response: noContent },
    },
    async (req, reply) => {
      await deleteResidentsGroup(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  const readCompound = { access: { anyOf: ['partyOrg.read', 'unit.read'] } };
  app.get(
    `${P}/compounds/:id`,
    {
      config: readCompound,
      schema: {
        tags,
        summary: "A compound's page: four parties, buildings, groups, organisations",
        params: IdParam,
        response: { 200: CompoundOverview },
      },
    },
    async (req) => compoundOverview(req.ctx(), req.params.id),
  );
  app.get(
    `${P}/compounds/:id/four-party`,
    {
      config: readCompound,
      schema: {
        tags,
        summary: 'The four-party set of a compound 四方联动',
        params: IdParam,
        response: { 200: FourParty },
      },
    },
    async (req) => fourParty(req.ctx(), req.params.id),
  );
  app.put(
    `${P}/compounds/:id/property`,
    {
      config: perm('unit.manage'),
      schema: {
        tags,
        summary: 'Name the property company serving a compound',
        params: IdParam,
        body: SetCompoundProperty,
        response: { 200: FourParty },
      },
    },
    async (req) => setCompoundProperty(req.ctx(), req.params.id, req.body.unitId),
  );
  app.delete(
    `${P}/compounds/:id/property`,
    {
      config: perm('unit.manage'),
      schema: { tags, summary: "Remove a compound's property company", params: IdParam, response: noContent },
    },
    async (req, reply) => {
      await clearCompoundProperty(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- leadership teams and elections
  tags = ['leadership teams'];
  app.get(
    `${P}/leadership/figures`,
    {
      config: perm('leadership.read'),
      schema: {
        tags,
        summary: '两委 figures of your subtree, computed from the records',
        querystring: FiguresQuery,
        response: { 200: LeadershipFigures },
      },
    },
    async (req) => leadershipFigures(req.ctx(), req.query.territoryId),
  );
  app.get(
    `${P}/leadership/members`,
    {
      config: perm('leadership.read'),
      schema: {
        tags,
        summary: 'List leadership team members',
        querystring: LeadershipListQuery,
        response: { 200: pageOf(LeadershipMember) },
      },
    },
    async (req) => listLeadershipMembers(req.ctx(), req.query),
  );
  app.post(
    `${P}/leadership/members`,
    {
      config: perm('leadership.manage'),
      schema: { tags, summary: 'Add a team member', body: CreateLeadershipMember, response: { 201: LeadershipMember } },
    },
    async (req, reply) => reply.status(201).send(await createLeadershipMember(req.ctx(), req.body)),
  );
  app.patch(
    `${P}/leadership/members/:id`,
    {
      config: perm('leadership.manage'),
      schema: {
        tags,
        summary: 'Edit a team member',
        params: IdParam,
        body: UpdateLeadershipMember,
        response: { 200: LeadershipMember },
      },
    },
    async (req) => updateLeadershipMember(req.ctx(), req.params.id, req.body),
  );
  app.delete(
    `${P}/leadership/members/:id`,
    {
      config: perm('leadership.manage'),
      schema: { tags, summary: 'Remove a team member', params: IdParam, response: noContent },
    },
    async (req, reply) => {
      await deleteLeadershipMember(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${P}/elections`,
    {
      config: perm('leadership.read'),
      schema: { tags, summary: 'List elections', querystring: ElectionListQuery, response: { 200: pageOf(Election) } },
    },
    async (req) => listElections(req.ctx(), req.query),
  );
  app.get(
    `${P}/elections/:id`,
    {
      config: perm('leadership.read'),
      schema: {
        tags,
        summary: 'One election with candidates and joint reviews',
        params: IdParam,
        response: { 200: ElectionDetail },
      },
    },
    async (req) => getElection(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/elections`,
    {
      config: perm('leadership.manage'),
      schema: { tags, summary: 'Record an election', body: CreateElection, response: { 201: ElectionDetail } },
    },
    async (req, reply) => reply.status(201).send(await createElection(req.ctx(), req.body)),
  );
  app.delete(
    `${P}/elections/:id`,
    {
      config: perm('leadership.manage'),
      schema: { tags, summary: 'Delete an election', params: IdParam, response: noContent },
    },
    async (req, reply) => {
      await deleteElection(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    `${P}/elections/:id/candidates`,
    {
      config: perm('leadership.manage'),
      schema: {
        tags,
        summary: 'Add a candidate',
        params: IdParam,
        body: CreateCandidate,
        response: { 201: Candidate },
      },
    },
    async (req, reply) => reply.status(201).send(await addCandidate(req.ctx(), req.params.id, req.body)),
  );
  app.delete(
    `${P}/candidates/:id`,
    {
      config: perm('leadership.manage'),
      schema: { tags, summary: 'Remove a candidate', params: IdParam, response: noContent },
    },
    async (req, reply) => {
      await deleteCandidate(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.put(
    `${P}/candidates/:id/reviews`,
    {
      config: perm('leadership.manage'),
      schema: {
        tags,
        summary: "Record one department's joint review of a candidate",
        params: IdParam,
        body: RecordReview,
        response: { 200: Candidate },
      },
    },
    async (req) => recordReview(req.ctx(), req.params.id, req.body),
  );
}
