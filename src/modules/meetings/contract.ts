import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import { FlagKind } from '../organizations/contract.js';
import { ORDER_CATEGORIES } from '../service-orders/index.js';
import {
  ACTION_STATUSES,
  AGENDA_SOURCES,
  ATTENDANCE_STATUSES,
  CONSULTATION_STATUSES,
  INVITEE_KINDS,
  MEETING_STATUSES,
  MEETING_TYPE_KEYS,
  ORG_LIFE_KINDS,
  ORG_LIFE_STATUSES,
  OWNER_KINDS,
  SESSION_MODES,
} from './constants.js';

export * from './constants.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParam = z.object({ id: Id });
const Title = z.string().trim().min(1).max(200);
const Text = z.string().trim().max(5000);
const Ref = z.object({ id: z.number().int(), name: z.string() });
export const MeetingType = z.enum(MEETING_TYPE_KEYS);
export const MeetingStatus = z.enum(MEETING_STATUSES);
export const ActionStatus = z.enum(ACTION_STATUSES);
export const OwnerKind = z.enum(OWNER_KINDS);
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));

// Meetings ---------------------------------------------------------------------------------------------------

export const Guest = z.object({ name: z.string().trim().min(1).max(60), group: z.enum(['deputies', 'residentReps']) });
export const CreateMeeting = z
  .object({
    typeKey: MeetingType,
    territoryId: Id,
    title: Title,
    startsAt: z.coerce.date(),
    place: z.string().trim().max(100).nullish(),
    /** People the structure does not hold (两代表一委员, residents' representatives), added by name. */
    guests: z.array(Guest).max(50).default([]),
  })
  .strict();
export type CreateMeeting = z.infer<typeof CreateMeeting>;

export const MeetingQuery = PageQuery.extend({
  typeKey: MeetingType.optional(),
  status: csv(MEETING_STATUSES).optional(),
  territoryId: Id.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  q: z.string().trim().max(100).optional(),
});
export type MeetingQuery = z.infer<typeof MeetingQuery>;

export const MeetingListItem = z.object({
  id: z.number().int(),
  typeKey: MeetingType,
  title: z.string(),
  territory: Ref,
  startsAt: z.date(),
  place: z.string().nullable(),
  status: MeetingStatus,
  invited: z.number().int(),
  attended: z.number().int(),
  decisions: z.number().int(),
  actionItems: z.number().int(),
  undoneActionItems: z.number().int(),
});
export type MeetingListItem = z.infer<typeof MeetingListItem>;

export const Invitee = z.object({
  id: z.number().int(),
  kind: z.enum(INVITEE_KINDS),
  refId: z.number().int().nullable(),
  name: z.string(),
  ruleKey: z.string(),
  account: Ref.nullable(),
  attended: z.boolean(),
  signedInAt: z.date().nullable(),
  signedInBy: z.string().nullable(),
});
export type Invitee = z.infer<typeof Invitee>;

export const LinkedOrder = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  category: z.string(),
});

/** An open need of co-building on the agenda, its status live (issue 13 item 2). */
export const LinkedNeed = z.object({ id: z.number().int(), title: z.string(), status: z.string() });
/**
 * A structure flag on the agenda: its kind and the id of the flagged organisation or place; `open` while the rule
 * still flags it (computed afresh), `message` and the console `link` where to fix it while it stands.
 */
export const LinkedFlag = z.object({
  kind: FlagKind,
  id: z.number().int(),
  open: z.boolean(),
  message: z.string().nullable(),
  link: z.string().nullable(),
});
export type LinkedFlag = z.infer<typeof LinkedFlag>;

export const ActionItem = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  meetingTitle: z.string(),
  decisionId: z.number().int(),
  title: z.string(),
  owner: z.object({ kind: OwnerKind, id: z.number().int(), name: z.string() }),
  dueAt: z.date(),
  status: ActionStatus,
  overdue: z.boolean(),
  evidence: z.string().nullable(),
  doneAt: z.date().nullable(),
  /** The service order it created, with its live status. */
  order: LinkedOrder.nullable(),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const Decision = z.object({ id: z.number().int(), text: z.string(), actionItems: z.array(ActionItem) });
export const AgendaItem = z.object({
  id: z.number().int(),
  title: z.string(),
  source: z.enum(AGENDA_SOURCES),
  orders: z.array(LinkedOrder),
  carriedOver: z.object({ id: z.number().int(), title: z.string(), status: ActionStatus }).nullable(),
  /** The consultation 协商议事 this item takes up (decision 029). */
  consultationId: z.number().int().nullable(),
  need: LinkedNeed.nullable(),
  flag: LinkedFlag.nullable(),
  minutes: z.string().nullable(),
  decisions: z.array(Decision),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const Correction = z.object({
  id: z.number().int(),
  target: z.string(),
  reason: z.string(),
  by: z.string().nullable(),
  at: z.date(),
});

export const Meeting = z.object({
  id: z.number().int(),
  typeKey: MeetingType,
  title: z.string(),
  territory: Ref,
  startsAt: z.date(),
  place: z.string().nullable(),
  status: MeetingStatus,
  /** Shown to staff only (on the console page, as a QR code). */
  signInCode: z.string().nullable(),
  approvedAt: z.date().nullable(),
  invitees: z.array(Invitee),
  agenda: z.array(AgendaItem),
  corrections: z.array(Correction),
});
export type Meeting = z.infer<typeof Meeting>;

export const Proposal = z.object({
  source: z.enum(['hotspot', 'overdueOrder', 'carriedOver', 'need', 'flag']),
  title: z.string(),
  orders: z.array(LinkedOrder),
  actionItemId: z.number().int().nullable(),
  need: LinkedNeed.nullable(),
  flag: LinkedFlag.nullable(),
  /** Hotspot: the compound and the category repeated. */
  compound: Ref.nullable(),
  category: z.string().nullable(),
  count: z.number().int(),
});
export type Proposal = z.infer<typeof Proposal>;
export const Proposals = z.object({
  rule: z.object({ minCount: z.number(), days: z.number() }),
  items: z.array(Proposal),
});

export const AddAgendaItem = z
  .object({
    title: Title,
    /** A consultation reaches the agenda only through `POST /api/consultations/:id/meeting`. */
    source: z.enum(['staff', 'hotspot', 'overdueOrder', 'carriedOver', 'need', 'flag']).default('staff'),
    orderIds: z.array(Id).max(50).default([]),
    actionItemId: Id.nullish(),
    /** source `need`: the open need of the subtree it takes up. */
    needId: Id.nullish(),
    /** source `flag`: the structure flag to fix (kind and the flagged organisation's or place's id). */
    flag: z.object({ kind: FlagKind, id: Id }).strict().nullish(),
  })
  .strict();
export type AddAgendaItem = z.infer<typeof AddAgendaItem>;
export const AgendaParam = z.object({ id: Id, itemId: Id });
export const MinutesInput = z.object({ minutes: Text }).strict();
export const DecisionInput = z.object({ text: z.string().trim().min(1).max(2000) }).strict();
export const MoveInput = z.object({ move: z.enum(['hold', 'approve', 'cancel']) }).strict();
export const AttendanceInput = z.object({ inviteeId: Id, attended: z.boolean() }).strict();
export const SignInInput = z.object({ code: z.string().trim().min(4).max(12) }).strict();
export const CorrectionInput = z
  .object({
    agendaItemId: Id.nullish(),
    minutes: Text.nullish(),
    inviteeId: Id.nullish(),
    attended: z.boolean().nullish(),
    reason: z.string().trim().min(2).max(500),
  })
  .strict();
export type CorrectionInput = z.infer<typeof CorrectionInput>;

export const ActionItemInput = z
  .object({
    title: Title,
    ownerKind: OwnerKind,
    ownerId: Id,
    dueAt: z.coerce.date(),
  })
  .strict();
export type ActionItemInput = z.infer<typeof ActionItemInput>;
export const DecisionParam = z.object({ decisionId: Id });
export const ActionItemUpdate = z
  .object({ status: ActionStatus.optional(), evidence: Text.nullish(), dueAt: z.coerce.date().optional() })
  .strict();
export type ActionItemUpdate = z.infer<typeof ActionItemUpdate>;
export const ActionOrderInput = z
  .object({
    category: z.string().trim().min(1).max(40),
    description: Text.nullish(),
    territoryId: Id.nullish(),
  })
  .strict();
export type ActionOrderInput = z.infer<typeof ActionOrderInput>;
export const ActionItemQuery = PageQuery.extend({
  status: csv(ACTION_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  meetingId: Id.optional(),
  q: z.string().trim().max(100).optional(),
});
export type ActionItemQuery = z.infer<typeof ActionItemQuery>;

export const OwnerChoice = z.object({ kind: OwnerKind, id: z.number().int(), name: z.string() });
export const MyMeeting = z.object({
  id: z.number().int(),
  typeKey: MeetingType,
  title: z.string(),
  territory: Ref,
  startsAt: z.date(),
  place: z.string().nullable(),
  status: MeetingStatus,
  attended: z.boolean(),
  /** Minutes of the agenda, shown once the invitee attended and the minutes are approved. */
  minutes: z.array(z.object({ title: z.string(), minutes: z.string().nullable(), decisions: z.array(z.string()) })),
});
export type MyMeeting = z.infer<typeof MyMeeting>;

// Organisational life 三会一课 -------------------------------------------------------------------------------

export const OrgLifeKind = z.enum(ORG_LIFE_KINDS);
export const CreateSession = z
  .object({
    branchId: Id,
    kind: OrgLifeKind,
    title: Title,
    heldAt: z.coerce.date(),
    mode: z.enum(SESSION_MODES),
    place: z.string().trim().max(100).nullish(),
  })
  .strict();
export type CreateSession = z.infer<typeof CreateSession>;
export const SessionQuery = PageQuery.extend({
  branchId: Id.optional(),
  kind: OrgLifeKind.optional(),
  territoryId: Id.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** e.g. `held,approved`: the sessions the dashboard's org-life figures count. */
  status: csv(ORG_LIFE_STATUSES).optional(),
});
export type SessionQuery = z.infer<typeof SessionQuery>;
export const AttendanceRow = z.object({
  id: z.number().int(),
  member: Ref,
  hasAccount: z.boolean(),
  status: z.enum(ATTENDANCE_STATUSES),
  leaveReason: z.string().nullable(),
  signedInAt: z.date().nullable(),
  /** What this session has earned the member in the points ledger, net of reversals (0 until approved). */
  points: z.number().int(),
});
/**
 * A recorded correction of an approved session (its own record, decision 048): whose attendance or the minutes, before
 * and after, the reason, and what it moved in the points ledger (+ credited again, − reversed, 0 nothing).
 */
export const SessionCorrection = z.object({
  id: z.number().int(),
  at: z.date(),
  by: z.string(),
  reason: z.string(),
  target: z.enum(['attendance', 'minutes']),
  member: Ref.nullable(),
  statusBefore: z.enum(ATTENDANCE_STATUSES).nullable(),
  statusAfter: z.enum(ATTENDANCE_STATUSES).nullable(),
  leaveReason: z.string().nullable(),
  minutesBefore: z.string().nullable(),
  minutesAfter: z.string().nullable(),
  points: z.number().int(),
});
export type SessionCorrection = z.infer<typeof SessionCorrection>;
export const OrgLifeSession = z.object({
  id: z.number().int(),
  branch: Ref,
  kind: OrgLifeKind,
  title: z.string(),
  heldAt: z.date(),
  mode: z.enum(SESSION_MODES),
  place: z.string().nullable(),
  minutes: z.string().nullable(),
  status: z.enum(ORG_LIFE_STATUSES),
  approvedAt: z.date().nullable(),
  expected: z.number().int(),
  present: z.number().int(),
  leave: z.number().int(),
  attendance: z.array(AttendanceRow),
  /** Recorded corrections after approval, oldest first (one session only; empty in lists). */
  corrections: z.array(SessionCorrection),
});
export type OrgLifeSession = z.infer<typeof OrgLifeSession>;
export const SessionUpdate = z
  .object({
    minutes: Text.nullish(),
    status: z.enum(['held', 'approved']).optional(),
    attendance: z
      .array(
        z.object({
          memberId: Id,
          status: z.enum(ATTENDANCE_STATUSES),
          leaveReason: z.string().trim().max(200).nullish(),
        }),
      )
      .max(500)
      .optional(),
  })
  .strict();
export type SessionUpdate = z.infer<typeof SessionUpdate>;
/**
 * A correction of an approved session, one thing at a time: a member's attendance (`memberId` and `status`, with
 * `leaveReason` for leave) or the minutes; always with the reason.
 */
export const SessionCorrectionInput = z
  .object({
    memberId: Id.optional(),
    status: z.enum(ATTENDANCE_STATUSES).optional(),
    leaveReason: z.string().trim().max(200).nullish(),
    minutes: Text.optional(),
    reason: z.string().trim().min(2).max(500),
  })
  .strict();
export type SessionCorrectionInput = z.infer<typeof SessionCorrectionInput>;
export const LeaveInput = z.object({ reason: z.string().trim().min(1).max(200) }).strict();

export const FiguresQuery = z.object({ territoryId: Id.optional(), year: z.coerce.number().int().min(2000).max(2100) });
export const BranchFigures = z.object({
  branch: Ref,
  territory: Ref,
  held: z.number().int(),
  expected: z.number().int(),
  present: z.number().int(),
  /** present ÷ expected, 0–1; null without any expected attendance. */
  attendanceRate: z.number().nullable(),
  /** Due periods of the year so far with no session of that kind. */
  missing: z.array(z.object({ kind: OrgLifeKind, period: z.string() })),
  drillDown: z.string(),
});
export type BranchFigures = z.infer<typeof BranchFigures>;
export const OrgLifeFigures = z.object({
  year: z.number().int(),
  formula: z.object({ attendanceRate: z.string(), missing: z.string() }),
  total: z.object({
    branches: z.number().int(),
    held: z.number().int(),
    expected: z.number().int(),
    present: z.number().int(),
    attendanceRate: z.number().nullable(),
    flagged: z.number().int(),
  }),
  branches: z.array(BranchFigures),
});
export type OrgLifeFigures = z.infer<typeof OrgLifeFigures>;

// Study records 学习档案 --------------------------------------------------------------------------------------

export const LessonInput = z
  .object({
    memberId: Id.optional(),
    title: Title,
    hours: z.number().positive().max(24),
    studiedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    note: Text.nullish(),
  })
  .strict();
export type LessonInput = z.infer<typeof LessonInput>;
export const StudyRecord = z.object({
  member: Ref,
  branch: Ref,
  sessions: z.array(z.object({ id: z.number().int(), kind: OrgLifeKind, title: z.string(), heldAt: z.date() })),
  lessons: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      hours: z.number(),
      studiedOn: z.string(),
      note: z.string().nullable(),
    }),
  ),
  totalHours: z.number(),
});
export type StudyRecord = z.infer<typeof StudyRecord>;

// Democratic consultation 协商议事 (decision 029) ---------------------------------------------------------------

export const ConsultationStatus = z.enum(CONSULTATION_STATUSES);
const Option = z.string().trim().min(1).max(60);
export const CreateConsultation = z
  .object({
    territoryId: Id,
    title: Title,
    /** The notice 公告: what is asked, why, what happens with the answers. */
    notice: z.string().trim().min(1).max(5000),
    /** Options residents vote on: none (comments only) or 2 to 6, all different. */
    options: z
      .array(Option)
      .max(6)
      .default([])
      .refine((o) => o.length === 0 || o.length >= 2, { message: 'meetings.consultation.optionsCount' })
      .refine((o) => new Set(o).size === o.length, { message: 'meetings.consultation.optionsUnique' }),
    closesAt: z.coerce.date(),
  })
  .strict();
export type CreateConsultation = z.infer<typeof CreateConsultation>;

export const ConsultationQuery = PageQuery.extend({
  status: csv(CONSULTATION_STATUSES).optional(),
  territoryId: Id.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  q: z.string().trim().max(100).optional(),
});
export type ConsultationQuery = z.infer<typeof ConsultationQuery>;

const Tally = z.object({ option: z.string(), votes: z.number().int() });
export const ConsultationListItem = z.object({
  id: z.number().int(),
  title: z.string(),
  territory: Ref,
  opensAt: z.date(),
  closesAt: z.date(),
  status: ConsultationStatus,
  /** open and before `closesAt`. */
  commenting: z.boolean(),
  comments: z.number().int(),
  voters: z.number().int(),
  /** Distinct accounts that commented or voted. */
  participants: z.number().int(),
});
export type ConsultationListItem = z.infer<typeof ConsultationListItem>;

export const ConsultationComment = z.object({
  id: z.number().int(),
  /** Staff see the real name; residents see it masked (surname and *), their own in full. */
  author: z.string(),
  mine: z.boolean(),
  /** Null when hidden (the reason is shown instead). */
  text: z.string().nullable(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  createdAt: z.date(),
});
export type ConsultationComment = z.infer<typeof ConsultationComment>;

export const Consultation = ConsultationListItem.extend({
  notice: z.string(),
  options: z.array(z.string()),
  tally: z.array(Tally),
  /** The caller's own vote (index into options), if any. */
  myVote: z.number().int().nullable(),
  commentList: z.array(ConsultationComment),
  result: z.string().nullable(),
  concludedAt: z.date().nullable(),
  /** The meeting it was put to, with the decisions taken on it (live). */
  meeting: z
    .object({ id: z.number().int(), title: z.string(), status: MeetingStatus, decisions: z.array(z.string()) })
    .nullable(),
  order: LinkedOrder.nullable(),
});
export type Consultation = z.infer<typeof Consultation>;

export const CommentInput = z.object({ text: z.string().trim().min(1).max(1000) }).strict();
export const VoteInput = z.object({ option: z.number().int().min(0).max(5) }).strict();
export const HideInput = z.object({ reason: z.string().trim().min(2).max(200) }).strict();
export const CommentParam = z.object({ id: Id, commentId: Id });
export const ToMeetingInput = z.object({ meetingId: Id }).strict();
export const ConcludeInput = z
  .object({
    result: z.string().trim().min(1).max(5000),
    /** Turn the result into a service order of this category (at the consultation's node). */
    order: z
      .object({ category: z.enum(ORDER_CATEGORIES), description: z.string().trim().max(2000).nullish() })
      .nullish(),
  })
  .strict();
export type ConcludeInput = z.infer<typeof ConcludeInput>;
