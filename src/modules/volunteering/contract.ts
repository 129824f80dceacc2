import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  CAP_PERIODS,
  ENTRY_STATUSES,
  POINT_SOURCES,
  RULE_UNITS,
  SIGNUP_STATUSES,
  TEAM_KINDS,
} from './constants.js';

export * from './constants.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParam = z.object({ id: Id });
export const TeamMemberParam = z.object({ id: Id, rowId: Id });
const Title = z.string().trim().min(1).max(200);
const Text = z.string().trim().max(2000);
const Ref = z.object({ id: z.number().int(), name: z.string() });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// Activities -------------------------------------------------------------------------------------------------

export const ShiftInput = z
  .object({
    label: z.string().trim().min(1).max(60),
    startsAt: z.coerce.date(),
    endsAt: z.coerce.date(),
    capacity: z.number().int().min(1).max(10_000),
  })
  .strict();
export const CreateActivity = z
  .object({
    kind: z.enum(ACTIVITY_KINDS),
    title: Title,
    description: Text.nullish(),
    territoryId: Id,
    teamId: Id.nullish(),
    place: z.string().trim().min(1).max(200),
    lng: z.number().min(73.4).max(135.1).nullish(),
    lat: z.number().min(3.8).max(53.6).nullish(),
    radiusM: z.number().int().min(20).max(5000).optional(),
    /** Co-organisers (accounts of your area) who may also confirm hours. */
    organiserIds: z.array(Id).max(10).default([]),
    shifts: z.array(ShiftInput).min(1).max(20),
  })
  .strict();
export type CreateActivity = z.infer<typeof CreateActivity>;

export const ActivityQuery = PageQuery.extend({
  kind: z.enum(ACTIVITY_KINDS).optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  territoryId: Id.optional(),
  teamId: Id.optional(),
  from: Day.optional(),
  to: Day.optional(),
  q: z.string().trim().max(100).optional(),
});
export type ActivityQuery = z.infer<typeof ActivityQuery>;

export const Shift = z.object({
  id: z.number().int(),
  label: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  capacity: z.number().int(),
  taken: z.number().int(),
});
export type Shift = z.infer<typeof Shift>;

export const ActivityListItem = z.object({
  id: z.number().int(),
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  place: z.string(),
  territory: Ref,
  team: Ref.nullable(),
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  capacity: z.number().int(),
  taken: z.number().int(),
  confirmedHours: z.number(),
});
export type ActivityListItem = z.infer<typeof ActivityListItem>;

export const Signup = z.object({
  id: z.number().int(),
  shiftId: z.number().int(),
  name: z.string(),
  accountId: z.number().int().nullable(),
  memberId: z.number().int().nullable(),
  status: z.enum(SIGNUP_STATUSES),
  checkInAt: z.date().nullable(),
  checkInMethod: z.string().nullable(),
  checkOutAt: z.date().nullable(),
  checkOutMethod: z.string().nullable(),
  /** Minutes between check-in and check-out (what the organiser is asked to confirm). */
  spanMinutes: z.number().int().nullable(),
  confirmedMinutes: z.number().int().nullable(),
  confirmedAt: z.date().nullable(),
  creditCommunity: z.string().nullable(),
  reportBranch: z.string().nullable(),
  note: z.string().nullable(),
});
export type Signup = z.infer<typeof Signup>;

export const Activity = ActivityListItem.extend({
  description: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  radiusM: z.number().int(),
  organisers: z.array(Ref),
  isOrganiser: z.boolean(),
  shifts: z.array(Shift),
  signups: z.array(Signup),
});
export type Activity = z.infer<typeof Activity>;

export const MoveActivity = z.object({ move: z.enum(['close', 'cancel', 'reopen']) }).strict();
export const QrQuery = z.object({ shiftId: Id, direction: z.enum(['in', 'out']) });
export const QrToken = z.object({ token: z.string(), expiresAt: z.date(), url: z.string() });

export const CheckInput = z
  .object({
    direction: z.enum(['in', 'out']),
    token: z.string().trim().min(1).max(200).optional(),
    lng: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
  })
  .strict();
export type CheckInput = z.infer<typeof CheckInput>;

export const ConfirmInput = z
  .object({
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    note: Text.nullish(),
  })
  .strict();
export const RejectInput = z.object({ note: z.string().trim().min(1).max(500) }).strict();

export const SignupQuery = PageQuery.extend({
  status: z.enum(SIGNUP_STATUSES).optional(),
  /** Residence community (credit) node. */
  territoryId: Id.optional(),
  from: Day.optional(),
  to: Day.optional(),
  q: z.string().trim().max(100).optional(),
});
export type SignupQuery = z.infer<typeof SignupQuery>;
export const SignupRow = Signup.extend({ activity: Ref, shiftLabel: z.string(), startsAt: z.date() });
export type SignupRow = z.infer<typeof SignupRow>;

/** An open activity as a volunteer sees it on /m, with their own sign-ups. */
export const OpenActivity = ActivityListItem.extend({
  description: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  radiusM: z.number().int(),
  shifts: z.array(Shift.extend({ mine: Signup.nullable() })),
});
export type OpenActivity = z.infer<typeof OpenActivity>;
export const MyHours = z.object({
  totalMinutes: z.number().int(),
  items: z.array(SignupRow),
});

// Points -----------------------------------------------------------------------------------------------------

export const Rule = z.object({
  source: z.enum(POINT_SOURCES).exclude(['manual']),
  unit: z.enum(RULE_UNITS),
  points: z.number().int().min(0).max(1000),
  cap: z.number().int().min(0).max(100_000).nullable(),
  capPeriod: z.enum(CAP_PERIODS),
});
export type Rule = z.infer<typeof Rule>;
export const RulesQuery = z.object({ districtId: Id });
export const Rules = z.object({ district: Ref, own: z.boolean(), rules: z.array(Rule) });
export const PutRules = z.object({ districtId: Id, rules: z.array(Rule.strict()).min(1).max(10) }).strict();

export const EntryQuery = PageQuery.extend({
  source: z.enum(POINT_SOURCES).optional(),
  status: z.enum(ENTRY_STATUSES).optional(),
  territoryId: Id.optional(),
  branchId: Id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  from: Day.optional(),
  to: Day.optional(),
  q: z.string().trim().max(100).optional(),
});
export type EntryQuery = z.infer<typeof EntryQuery>;
export const Entry = z.object({
  id: z.number().int(),
  personKey: z.string(),
  name: z.string(),
  accountId: z.number().int().nullable(),
  memberId: z.number().int().nullable(),
  branch: Ref.nullable(),
  source: z.enum(POINT_SOURCES),
  ref: z.string(),
  quantity: z.number(),
  points: z.number().int(),
  requested: z.number().int(),
  reason: z.string().nullable(),
  status: z.enum(ENTRY_STATUSES),
  period: z.string(),
  at: z.date(),
  requestedBy: z.number().int().nullable(),
  approvedBy: z.number().int().nullable(),
});
export type Entry = z.infer<typeof Entry>;

export const ManualInput = z
  .object({
    accountId: Id.optional(),
    memberId: Id.optional(),
    points: z
      .number()
      .int()
      .min(-500)
      .max(500)
      .refine((n) => n !== 0),
    reason: z.string().trim().min(4).max(500),
  })
  .strict();
export type ManualInput = z.infer<typeof ManualInput>;

export const RankingQuery = z.object({
  branchId: Id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const RankingRow = z.object({
  rank: z.number().int(),
  id: z.union([z.number(), z.string()]),
  name: z.string(),
  points: z.number().int(),
  people: z.number().int().optional(),
  stars: z.number().int().optional(),
});
export const Ranking = z.object({ year: z.number().int(), branch: Ref.nullable(), rows: z.array(RankingRow) });

export const MyPoints = z.object({
  year: z.number().int(),
  yearPoints: z.number().int(),
  totalPoints: z.number().int(),
  grade: z.string().nullable(),
  stars: z.number().int(),
  rule: z.object({ thresholds: z.array(z.number()), evaluation: z.record(z.string(), z.string()) }),
  entries: z.array(Entry),
});

// Teams ------------------------------------------------------------------------------------------------------

export const CreateTeam = z
  .object({
    kind: z.enum(TEAM_KINDS),
    name: Title,
    territoryId: Id,
    duties: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
    description: Text.nullish(),
  })
  .strict();
export const TeamQuery = PageQuery.extend({
  kind: z.enum(TEAM_KINDS).optional(),
  territoryId: Id.optional(),
  q: z.string().trim().max(100).optional(),
});
export type TeamQuery = z.infer<typeof TeamQuery>;
export const TeamListItem = z.object({
  id: z.number().int(),
  kind: z.enum(TEAM_KINDS),
  name: z.string(),
  territory: Ref,
  duties: z.array(z.string()),
  members: z.number().int(),
  confirmedHours: z.number(),
});
export type TeamListItem = z.infer<typeof TeamListItem>;
export const TeamMember = z.object({
  id: z.number().int(),
  name: z.string(),
  accountId: z.number().int().nullable(),
  memberId: z.number().int().nullable(),
  isLeader: z.boolean(),
  duty: z.string().nullable(),
  joinedOn: z.string().nullable(),
});
export type TeamMember = z.infer<typeof TeamMember>;
export const Team = TeamListItem.extend({ description: z.string().nullable(), memberList: z.array(TeamMember) });
export const AddTeamMember = z
  .object({
    accountId: Id.optional(),
    memberId: Id.optional(),
    isLeader: z.boolean().default(false),
    duty: z.string().trim().max(60).nullish(),
  })
  .strict();
