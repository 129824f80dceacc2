import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  check,
  cancelSignup,
  createActivity,
  decideSignup,
  getActivity,
  listActivities,
  listSignups,
  moveActivity,
  myHours,
  openActivities,
  qrToken,
  signUp,
} from './activities.service.js';
import {
  Activity,
  ActivityListItem,
  ActivityQuery,
  AddTeamMember,
  CheckInput,
  ConfirmInput,
  CreateActivity,
  CreateTeam,
  Entry,
  EntryQuery,
  IdParam,
  ManualInput,
  MoveActivity,
  MyHours,
  MyPoints,
  OpenActivity,
  PutRules,
  QrQuery,
  QrToken,
  Ranking,
  RankingQuery,
  RejectInput,
  Rules,
  RulesQuery,
  Signup,
  SignupQuery,
  SignupRow,
  Team,
  TeamListItem,
  TeamMemberParam,
  TeamQuery,
} from './contract.js';
import { decideManual, getRules, listEntries, myPoints, putRules, rankings, requestManual } from './points.service.js';
import { sendXlsx } from '../../kernel/ledger/ledger.js';
import { exportLedger, LEDGER_KINDS } from './ledgers.js';
import { addTeamMember, createTeam, getTeam, listTeams, removeTeamMember } from './teams.service.js';

const tags = ['volunteering'];
const perm = (permission: string) => ({ access: { permission } });
const V = '/api/volunteering';

/** Volunteering (issue 15 items 1–3, 8): activities and shifts, sign-up and check-in, hours, points, teams. */
export async function volunteeringRoutes(app: App): Promise<void> {
  // Activities (organisers) ------------------------------------------------------------------------------------
  app.get(
    `${V}/activities`,
    {
      config: perm('volunteering.read'),
      schema: {
        tags,
        summary: 'Activities of your area',
        querystring: ActivityQuery,
        response: { 200: pageOf(ActivityListItem) },
      },
    },
    async (req) => listActivities(req.ctx(), req.query),
  );
  app.post(
    `${V}/activities`,
    {
      config: perm('volunteering.manage'),
      schema: { tags, summary: 'Organise an activity with shifts', body: CreateActivity, response: { 201: Activity } },
    },
    async (req, reply) => reply.status(201).send(await createActivity(req.ctx(), req.body)),
  );
  app.get(
    `${V}/activities/:id`,
    {
      config: perm('volunteering.read'),
      schema: { tags, summary: 'An activity with shifts and sign-ups', params: IdParam, response: { 200: Activity } },
    },
    async (req) => getActivity(req.ctx(), req.params.id),
  );
  app.post(
    `${V}/activities/:id/move`,
    {
      config: perm('volunteering.manage'),
      schema: {
        tags,
        summary: 'Close, cancel or reopen (organisers)',
        params: IdParam,
        body: MoveActivity,
        response: { 200: Activity },
      },
    },
    async (req) => moveActivity(req.ctx(), req.params.id, req.body.move),
  );
  app.get(
    `${V}/activities/:id/qr`,
    {
      config: perm('volunteering.manage'),
      schema: {
        tags,
        summary: 'A signed check-in or check-out token for a shift, shown as a QR code (organisers)',
        params: IdParam,
        querystring: QrQuery,
        response: { 200: QrToken },
      },
    },
    async (req) => qrToken(req.ctx(), req.params.id, req.query.shiftId, req.query.direction),
  );
  app.get(
    `${V}/signups`,
    {
      config: perm('volunteering.read'),
      schema: {
        tags,
        summary: 'Sign-ups and service hours, by residence community (the hours figure’s drill-down)',
        querystring: SignupQuery,
        response: { 200: pageOf(SignupRow) },
      },
    },
    async (req) => listSignups(req.ctx(), req.query),
  );
  app.post(
    `${V}/signups/:id/confirm`,
    {
      config: perm('volunteering.manage'),
      schema: {
        tags,
        summary: 'Confirm hours (the activity’s organisers only) and credit points by the district’s rules',
        params: IdParam,
        body: ConfirmInput,
        response: { 200: Signup },
      },
    },
    async (req) =>
      decideSignup(req.ctx(), req.params.id, { confirm: true, minutes: req.body.minutes, note: req.body.note ?? null }),
  );
  app.post(
    `${V}/signups/:id/reject`,
    {
      config: perm('volunteering.manage'),
      schema: {
        tags,
        summary: 'Refuse a sign-up’s hours with a note (organisers)',
        params: IdParam,
        body: RejectInput,
        response: { 200: Signup },
      },
    },
    async (req) => decideSignup(req.ctx(), req.params.id, { confirm: false, note: req.body.note }),
  );

  app.get(
    `${V}/export.xlsx`,
    {
      config: perm('volunteering.read'),
      schema: {
        tags,
        summary: 'Ledger of service hours, points or teams of your area as .xlsx (the lists’ filters)',
        querystring: z.object({
          kind: z.enum(LEDGER_KINDS),
          territoryId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
          status: z.string().trim().max(20).optional(),
          from: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
          to: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
        }),
        response: { 200: z.unknown().describe('.xlsx file') },
      },
    },
    async (req, reply) => sendXlsx(reply, `volunteering-${req.query.kind}`, await exportLedger(req.ctx(), req.query)),
  );

  // Volunteers (/m) --------------------------------------------------------------------------------------------
  app.get(
    `${V}/open`,
    {
      config: perm('volunteering.join'),
      schema: {
        tags,
        summary: 'Open activities you may join, with your sign-ups',
        response: { 200: z.object({ items: z.array(OpenActivity) }) },
      },
    },
    async (req) => openActivities(req.ctx()),
  );
  app.post(
    `${V}/shifts/:id/sign-up`,
    {
      config: perm('volunteering.join'),
      schema: {
        tags,
        summary: 'Sign up for a shift (never past its capacity)',
        params: IdParam,
        response: { 201: Signup },
      },
    },
    async (req, reply) => reply.status(201).send(await signUp(req.ctx(), req.params.id)),
  );
  app.post(
    `${V}/shifts/:id/cancel`,
    {
      config: perm('volunteering.join'),
      schema: {
        tags,
        summary: 'Cancel your sign-up for a shift before check-in',
        params: IdParam,
        response: { 200: Signup },
      },
    },
    async (req) => cancelSignup(req.ctx(), req.params.id),
  );
  app.post(
    `${V}/shifts/:id/check`,
    {
      config: perm('volunteering.join'),
      schema: {
        tags,
        summary: 'Check in or out once, inside the shift window, with the QR token or a position within the radius',
        params: IdParam,
        body: CheckInput,
        response: { 200: Signup },
      },
    },
    async (req) => check(req.ctx(), req.params.id, req.body),
  );
  app.get(
    `${V}/mine`,
    {
      config: perm('volunteering.join'),
      schema: { tags, summary: 'My sign-ups and confirmed hours', response: { 200: MyHours } },
    },
    async (req) => myHours(req.ctx()),
  );

  // Points -----------------------------------------------------------------------------------------------------
  app.get(
    '/api/points/mine',
    {
      config: perm('volunteering.join'),
      schema: { tags, summary: 'My points ledger and stars', response: { 200: MyPoints } },
    },
    async (req) => myPoints(req.ctx()),
  );
  app.get(
    '/api/points/rules',
    {
      config: perm('volunteering.read'),
      schema: {
        tags,
        summary: 'The points rules in force in a district',
        querystring: RulesQuery,
        response: { 200: Rules },
      },
    },
    async (req) => getRules(req.ctx(), req.query.districtId),
  );
  app.put(
    '/api/points/rules',
    {
      config: perm('points.rules'),
      schema: { tags, summary: 'Set the district’s points rules', body: PutRules, response: { 200: Rules } },
    },
    async (req) => putRules(req.ctx(), req.body.districtId, req.body.rules),
  );
  app.get(
    '/api/points/entries',
    {
      config: perm('volunteering.read'),
      schema: {
        tags,
        summary: 'The points ledger of your area',
        querystring: EntryQuery,
        response: { 200: pageOf(Entry) },
      },
    },
    async (req) => listEntries(req.ctx(), req.query),
  );
  app.get(
    '/api/points/rankings',
    {
      config: perm('volunteering.read'),
      schema: {
        tags,
        summary: 'Branches by points, or a branch’s people by points',
        querystring: RankingQuery,
        response: { 200: Ranking },
      },
    },
    async (req) => rankings(req.ctx(), req.query),
  );
  app.post(
    '/api/points/manual',
    {
      config: perm('points.manual'),
      schema: {
        tags,
        summary: 'Request manual points with a reason (pending a second approver)',
        body: ManualInput,
        response: { 201: Entry },
      },
    },
    async (req, reply) => reply.status(201).send(await requestManual(req.ctx(), req.body)),
  );
  app.post(
    '/api/points/entries/:id/approve',
    {
      config: perm('points.manual'),
      schema: { tags, summary: 'Approve manual points (not the requester)', params: IdParam, response: { 200: Entry } },
    },
    async (req) => decideManual(req.ctx(), req.params.id, true),
  );
  app.post(
    '/api/points/entries/:id/reject',
    {
      config: perm('points.manual'),
      schema: { tags, summary: 'Reject manual points (not the requester)', params: IdParam, response: { 200: Entry } },
    },
    async (req) => decideManual(req.ctx(), req.params.id, false),
  );

  // Teams ------------------------------------------------------------------------------------------------------
  app.get(
    `${V}/teams`,
    {
      config: perm('volunteering.read'),
      schema: {
        tags,
        summary: 'Volunteer and commando teams, vanguard and model posts',
        querystring: TeamQuery,
        response: { 200: pageOf(TeamListItem) },
      },
    },
    async (req) => listTeams(req.ctx(), req.query),
  );
  app.post(
    `${V}/teams`,
    {
      config: perm('volunteering.manage'),
      schema: { tags, summary: 'Create a team or post', body: CreateTeam, response: { 201: Team } },
    },
    async (req, reply) => reply.status(201).send(await createTeam(req.ctx(), req.body)),
  );
  app.get(
    `${V}/teams/:id`,
    {
      config: perm('volunteering.read'),
      schema: { tags, summary: 'A team with its members', params: IdParam, response: { 200: Team } },
    },
    async (req) => getTeam(req.ctx(), req.params.id),
  );
  app.post(
    `${V}/teams/:id/members`,
    {
      config: perm('volunteering.manage'),
      schema: {
        tags,
        summary: 'Add a member with a duty',
        params: IdParam,
        body: AddTeamMember,
        response: { 200: Team },
      },
    },
    async (req) => addTeamMember(req.ctx(), req.params.id, req.body),
  );
  app.delete(
    `${V}/teams/:id/members/:rowId`,
    {
      config: perm('volunteering.manage'),
      schema: { tags, summary: 'Remove a member', params: TeamMemberParam, response: { 200: Team } },
    },
    async (req) => removeTeamMember(req.ctx(), req.params.id, req.params.rowId),
  );
}
