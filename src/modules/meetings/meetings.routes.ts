import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  ActionItem,
  ActionItemInput,
  ActionItemQuery,
  ActionItemUpdate,
  ActionOrderInput,
  AddAgendaItem,
  AgendaParam,
  AttendanceInput,
  CorrectionInput,
  CreateMeeting,
  DecisionInput,
  DecisionParam,
  IdParam,
  Meeting,
  MeetingListItem,
  MeetingQuery,
  MinutesInput,
  MoveInput,
  MyMeeting,
  OwnerChoice,
  Proposals,
  SignInInput,
} from './contract.js';
import {
  addActionItem,
  addAgendaItem,
  addDecision,
  correctMeeting,
  createMeeting,
  createOrderForAction,
  getMeeting,
  listActionItems,
  listMeetings,
  meetingTypes,
  moveMeeting,
  myMeetings,
  ownerChoices,
  proposals,
  recordAttendance,
  remindActionItems,
  setMinutes,
  signIn,
  updateActionItem,
} from './meetings.service.js';
import { every } from '../../kernel/every.js';
import { sendXlsx } from '../../kernel/ledger/ledger.js';
import { exportLedger, LEDGER_KINDS } from './ledgers.js';

const tags = ['meetings'];
const perm = (permission: string) => ({ access: { permission } });

/** Meetings that decide and follow up (issue 13): types, agenda from open matters, attendance, minutes, action items. */
export async function meetingRoutes(app: App): Promise<void> {
  const { database, clock, config } = app.deps;
  let reminders: { stop(): void } | null = null;
  app.addHook('onReady', async () => {
    // The action-item reminders run with the order scheduler's period (off in tests: they call the pass).
    const seconds = config.NODE_ENV === 'test' ? 0 : config.ORDER_SCHEDULER_SECONDS;
    if (seconds > 0)
      reminders = every(
        seconds,
        () => remindActionItems(database.db, clock),
        (e) => app.log.error({ err: e }, 'action-item reminder pass failed'),
      );
  });
  app.addHook('onClose', async () => {
    reminders?.stop();
    reminders = null;
  });

  app.get(
    '/api/meetings/types',
    {
      config: perm('meeting.read'),
      schema: { tags, summary: 'Meeting types with their invitee rules (data)', response: { 200: z.array(z.any()) } },
    },
    async () => meetingTypes(),
  );
  app.get(
    '/api/meetings',
    {
      config: perm('meeting.read'),
      schema: {
        tags,
        summary: 'Meetings of your area',
        querystring: MeetingQuery,
        response: { 200: pageOf(MeetingListItem) },
      },
    },
    async (req) => listMeetings(req.ctx(), req.query),
  );
  app.post(
    '/api/meetings',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'Call a meeting: invitees from the type’s rule, undone items of the same body carried over',
        body: CreateMeeting,
        response: { 201: Meeting },
      },
    },
    async (req, reply) => reply.status(201).send(await createMeeting(req.ctx(), req.body)),
  );
  app.get(
    '/api/meetings/export.xlsx',
    {
      config: perm('meeting.read'),
      schema: {
        tags,
        summary: 'Ledger of meetings, decisions, action items or sessions of your area as .xlsx',
        querystring: z.object({
          kind: z.enum(LEDGER_KINDS),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
        response: { 200: z.unknown().describe('.xlsx file') },
      },
    },
    async (req, reply) =>
      sendXlsx(reply, `${req.query.kind}`, await exportLedger(req.readCtx(), req.query.kind, req.query.year)),
  );
  app.get(
    '/api/meetings/mine',
    {
      config: perm('meeting.attend'),
      schema: {
        tags,
        summary: 'Meetings you are invited to',
        response: { 200: z.object({ items: z.array(MyMeeting) }) },
      },
    },
    async (req) => myMeetings(req.ctx()),
  );
  app.get(
    '/api/meetings/action-items',
    {
      config: perm('meeting.read'),
      schema: {
        tags,
        summary: 'Action items of your area (or your own), with the linked orders’ live status',
        querystring: ActionItemQuery,
        response: { 200: pageOf(ActionItem) },
      },
    },
    async (req) => listActionItems(req.ctx(), req.query),
  );
  app.patch(
    '/api/meetings/action-items/:id',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'Move an action item, record evidence or a new deadline',
        params: IdParam,
        body: ActionItemUpdate,
        response: { 200: ActionItem },
      },
    },
    async (req) => updateActionItem(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/meetings/action-items/:id/order',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'Create a service order for an action item',
        params: IdParam,
        body: ActionOrderInput,
        response: { 201: ActionItem },
      },
    },
    async (req, reply) => reply.status(201).send(await createOrderForAction(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/api/meetings/decisions/:decisionId/action-items',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'Add an action item to a decision',
        params: DecisionParam,
        body: ActionItemInput,
        response: { 201: ActionItem },
      },
    },
    async (req, reply) => reply.status(201).send(await addActionItem(req.ctx(), req.params.decisionId, req.body)),
  );
  app.get(
    '/api/meetings/:id',
    {
      config: perm('meeting.read'),
      schema: { tags, summary: 'One meeting', params: IdParam, response: { 200: Meeting } },
    },
    async (req) => getMeeting(req.ctx(), req.params.id),
  );
  app.get(
    '/api/meetings/:id/proposals',
    {
      config: perm('meeting.read'),
      schema: {
        tags,
        summary: 'Agenda proposals: order hotspots, overdue orders, undone action items of the body',
        params: IdParam,
        response: { 200: Proposals },
      },
    },
    async (req) => proposals(req.ctx(), req.params.id),
  );
  app.get(
    '/api/meetings/:id/owners',
    {
      config: perm('meeting.read'),
      schema: { tags, summary: 'Who may own action items', params: IdParam, response: { 200: z.array(OwnerChoice) } },
    },
    async (req) => ownerChoices(req.ctx(), req.params.id),
  );
  app.post(
    '/api/meetings/:id/agenda',
    {
      config: perm('meeting.manage'),
      schema: { tags, summary: 'Add an agenda item', params: IdParam, body: AddAgendaItem, response: { 201: Meeting } },
    },
    async (req, reply) => reply.status(201).send(await addAgendaItem(req.ctx(), req.params.id, req.body)),
  );
  app.put(
    '/api/meetings/:id/agenda/:itemId/minutes',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'Minutes of an agenda item',
        params: AgendaParam,
        body: MinutesInput,
        response: { 200: Meeting },
      },
    },
    async (req) => setMinutes(req.ctx(), req.params.id, req.params.itemId, req.body.minutes),
  );
  app.post(
    '/api/meetings/:id/agenda/:itemId/decisions',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'A decision on an agenda item',
        params: AgendaParam,
        body: DecisionInput,
        response: { 201: Meeting },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addDecision(req.ctx(), req.params.id, req.params.itemId, req.body.text)),
  );
  app.post(
    '/api/meetings/:id/move',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'Hold, approve the minutes, or cancel',
        params: IdParam,
        body: MoveInput,
        response: { 200: Meeting },
      },
    },
    async (req) => moveMeeting(req.ctx(), req.params.id, req.body.move),
  );
  app.post(
    '/api/meetings/:id/attendance',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'The secretary records attendance',
        params: IdParam,
        body: AttendanceInput,
        response: { 200: Meeting },
      },
    },
    async (req) => recordAttendance(req.ctx(), req.params.id, req.body.inviteeId, req.body.attended),
  );
  app.post(
    '/api/meetings/:id/sign-in',
    {
      config: perm('meeting.attend'),
      schema: {
        tags,
        summary: 'Sign in with the meeting’s code: invitees only, once',
        params: IdParam,
        body: SignInInput,
        response: { 200: z.object({ meetingId: z.number().int(), signedInAt: z.date() }) },
      },
    },
    async (req) => signIn(req.ctx(), req.params.id, req.body.code),
  );
  app.post(
    '/api/meetings/:id/corrections',
    {
      config: perm('meeting.manage'),
      schema: {
        tags,
        summary: 'Correct approved minutes or attendance, with the reason recorded',
        params: IdParam,
        body: CorrectionInput,
        response: { 200: Meeting },
      },
    },
    async (req) => correctMeeting(req.ctx(), req.params.id, req.body),
  );
}
