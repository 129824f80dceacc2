import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  addAllianceChair,
  addAllianceMeeting,
  addAllianceMember,
  addAllianceUnit,
  createAlliance,
  endAllianceMember,
  getAlliance,
  leaveAlliance,
  listAlliances,
} from './alliances.service.js';
import {
  AddAllianceChair,
  AddAllianceMeeting,
  AddAllianceMember,
  AddAllianceUnit,
  AllianceDetail,
  AllianceMemberParam,
  AllianceQuery,
  AllianceSummary,
  AllianceUnitParam,
  CreateAlliance,
  EndAllianceMember,
  IdParam,
  LeaveAlliance,
} from './contract.js';

const tags = ['co-building'];
const perm = (permission: string) => ({ access: { permission } });
const P = '/api/co-building/alliances';

/** Party-building alliances 党建联盟 (issue 12 point 5, decision 028). */
export async function allianceRoutes(app: App): Promise<void> {
  app.get(
    P,
    {
      config: perm('coBuilding.read'),
      schema: {
        tags,
        summary: 'Party-building alliances 党建联盟 of your area, with counts on a day',
        querystring: AllianceQuery,
        response: { 200: pageOf(AllianceSummary) },
      },
    },
    async (req) => listAlliances(req.ctx(), req.query),
  );
  app.post(
    P,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Form an alliance around a community or street',
        body: CreateAlliance,
        response: { 201: AllianceDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createAlliance(req.ctx(), req.body)),
  );
  app.get(
    `${P}/:id`,
    {
      config: perm('coBuilding.read'),
      schema: {
        tags,
        summary: 'An alliance: units, part-time members, chair terms, meetings, agreements, projects',
        params: IdParam,
        response: { 200: AllianceDetail },
      },
    },
    async (req) => getAlliance(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/:id/units`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'A unit joins',
        params: IdParam,
        body: AddAllianceUnit,
        response: { 200: AllianceDetail },
      },
    },
    async (req) => addAllianceUnit(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/units/:unitId/leave`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'A unit leaves (its members’ and chair terms must have ended)',
        params: AllianceUnitParam,
        body: LeaveAlliance,
        response: { 200: AllianceDetail },
      },
    },
    async (req) => leaveAlliance(req.ctx(), req.params.id, req.params.unitId, req.body),
  );
  app.post(
    `${P}/:id/members`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Add a part-time committee member 兼职委员 from a member unit',
        params: IdParam,
        body: AddAllianceMember,
        response: { 200: AllianceDetail },
      },
    },
    async (req) => addAllianceMember(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/members/:memberId/end`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'End a part-time member’s term',
        params: AllianceMemberParam,
        body: EndAllianceMember,
        response: { 200: AllianceDetail },
      },
    },
    async (req) => endAllianceMember(req.ctx(), req.params.id, req.params.memberId, req.body),
  );
  app.post(
    `${P}/:id/chairs`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'A rotating chair 轮值主席 term (no overlaps)',
        params: IdParam,
        body: AddAllianceChair,
        response: { 200: AllianceDetail },
      },
    },
    async (req) => addAllianceChair(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/meetings`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Record a joint meeting 联席会议 with its minutes',
        params: IdParam,
        body: AddAllianceMeeting,
        response: { 200: AllianceDetail },
      },
    },
    async (req) => addAllianceMeeting(req.ctx(), req.params.id, req.body),
  );
}
