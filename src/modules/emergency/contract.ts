import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import {
  ALERT_STATUSES,
  EVENT_KINDS,
  EVENT_STATUSES,
  METRIC_KEYS,
  POST_KINDS,
  READING_SOURCES,
  TEAM_KINDS,
  VISIT_RESULTS,
  STAGES,
} from './constants.js';

export * from './constants.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParam = z.object({ id: Id });
const Name = z.string().trim().min(1).max(100);
const Text = z.string().trim().max(2000);
const Ref = z.object({ id: z.number().int(), name: z.string() });
const Lng = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
/** A line: 2 to 2,000 [lng, lat] points (arrays of two numbers, checked in range). */
export const Line = z
  .array(z.array(z.number()).length(2))
  .min(2)
  .max(2000)
  .refine((pts) => pts.every(([x, y]) => Math.abs(x!) <= 180 && Math.abs(y!) <= 90), { message: 'river.badLine' })
  .transform((pts) => pts as [number, number][]);

// ---- emergency mode -------------------------------------------------------------------------------------------

export const EventKind = z.enum(EVENT_KINDS);
export const EventStatus = z.enum(EVENT_STATUSES);
export const Team = z
  .object({ name: Name, kind: z.enum(TEAM_KINDS), members: z.string().trim().max(500).nullish() })
  .strict();

export const SwitchOn = z
  .object({
    name: Name,
    kind: EventKind,
    /** The district or street switching it on (default: the account's node). */
    territoryId: Id.optional(),
    /** Nodes in scope, inside that district or street. */
    areaIds: z.array(Id).min(1).max(200),
    teams: z.array(Team).max(100).default([]),
    note: Text.nullish(),
  })
  .strict();
export type SwitchOn = z.infer<typeof SwitchOn>;
export const SwitchOff = z.object({ note: z.string().trim().min(1).max(2000) }).strict();
export type SwitchOff = z.infer<typeof SwitchOff>;

export const EventQuery = PageQuery.extend({
  status: EventStatus.optional(),
  territoryId: Id.optional(),
  q: z.string().trim().max(100).optional(),
});
export type EventQuery = z.infer<typeof EventQuery>;

export const Event = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: EventKind,
  status: EventStatus,
  place: Ref,
  area: z.array(Ref),
  teams: z.array(z.object({ name: z.string(), kind: z.enum(TEAM_KINDS), members: z.string().nullable() })),
  note: z.string().nullable(),
  startedAt: z.date(),
  endedAt: z.date().nullable(),
  endNote: z.string().nullable(),
  /** False once ended (kept as a record) or when the viewer only lies inside the area. */
  editable: z.boolean(),
});
export type Event = z.infer<typeof Event>;

export const RosterEntry = z
  .object({
    partyMemberId: Id.nullish(),
    accountId: Id.nullish(),
    name: z.string().trim().min(1).max(40).nullish(),
    shift: z.string().trim().max(100).nullish(),
  })
  .strict();
export const CreatePost = z
  .object({
    kind: z.enum(POST_KINDS),
    name: Name,
    duty: Text.nullish(),
    territoryId: Id,
    roster: z.array(RosterEntry).max(200).default([]),
  })
  .strict();
export type CreatePost = z.infer<typeof CreatePost>;
export const Post = z.object({
  id: z.number().int(),
  kind: z.enum(POST_KINDS),
  name: z.string(),
  duty: z.string().nullable(),
  place: Ref,
  roster: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      shift: z.string().nullable(),
      partyMemberId: z.number().int().nullable(),
      accountId: z.number().int().nullable(),
    }),
  ),
});
export type Post = z.infer<typeof Post>;

export const CreateCampaign = z.object({ name: Name, areaIds: z.array(Id).min(1).max(200) }).strict();
export type CreateCampaign = z.infer<typeof CreateCampaign>;
export const BuildingCoverage = z.object({
  building: Ref,
  households: z.number().int(),
  visited: z.number().int(),
  notHome: z.number().int(),
  needsHelp: z.number().int(),
  covered: z.number().int(),
  rate: z.number().nullable(),
});
export const Campaign = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  name: z.string(),
  area: z.array(Ref),
  households: z.number().int(),
  covered: z.number().int(),
  notHome: z.number().int(),
  needsHelp: z.number().int(),
  rate: z.number().nullable(),
  buildings: z.array(BuildingCoverage),
});
export type Campaign = z.infer<typeof Campaign>;

export const RecordVisit = z
  .object({
    householdId: Id,
    result: z.enum(VISIT_RESULTS),
    note: Text.nullish(),
    /** With needsHelp: what help (becomes the order's title). */
    help: z.string().trim().min(1).max(100).nullish(),
  })
  .strict();
export type RecordVisit = z.infer<typeof RecordVisit>;
export const Visit = z.object({
  id: z.number().int(),
  household: Ref,
  result: z.enum(VISIT_RESULTS),
  note: z.string().nullable(),
  attempts: z.number().int(),
  orderId: z.number().int().nullable(),
  visitedAt: z.date(),
  byName: z.string(),
});
export type Visit = z.infer<typeof Visit>;
export const VisitQuery = PageQuery.extend({ result: z.enum(VISIT_RESULTS).optional(), buildingId: Id.optional() });
export type VisitQuery = z.infer<typeof VisitQuery>;

export const CreateTask = z
  .object({
    title: Name,
    detail: Text.nullish(),
    dueAt: z.coerce.date().nullish(),
    postId: Id.nullish(),
    /** Accounts told; with a post, its roster's accounts are added. */
    accountIds: z.array(Id).max(500).default([]),
  })
  .strict();
export type CreateTask = z.infer<typeof CreateTask>;
export const Task = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  eventName: z.string(),
  eventStatus: EventStatus,
  title: z.string(),
  detail: z.string().nullable(),
  dueAt: z.date().nullable(),
  post: Ref.nullable(),
  assignees: z.array(
    z.object({
      accountId: z.number().int(),
      name: z.string(),
      checkedInAt: z.date().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type Task = z.infer<typeof Task>;
export const CheckIn = z.object({ note: z.string().trim().max(500).nullish() }).strict();
export type CheckIn = z.infer<typeof CheckIn>;

export const Board = z.object({
  event: Event,
  posts: z.array(Post),
  campaigns: z.array(Campaign),
  tasks: z.array(Task),
  totals: z.object({
    households: z.number().int(),
    covered: z.number().int(),
    notHome: z.number().int(),
    needsHelp: z.number().int(),
    rate: z.number().nullable(),
    tasks: z.number().int(),
    assignees: z.number().int(),
    checkedIn: z.number().int(),
  }),
});
export type Board = z.infer<typeof Board>;

// ---- river patrols --------------------------------------------------------------------------------------------

export const Metric = z.enum(METRIC_KEYS);
export const CreateRiver = z
  .object({ name: Name, territoryId: Id, chief: z.string().trim().max(100).nullish(), course: Line.nullish() })
  .strict();
export type CreateRiver = z.infer<typeof CreateRiver>;
export const CreateRoute = z.object({ name: Name, territoryId: Id, line: Line }).strict();
export type CreateRoute = z.infer<typeof CreateRoute>;
export const Route = z.object({
  id: z.number().int(),
  riverId: z.number().int(),
  name: z.string(),
  place: Ref,
  line: z.array(z.tuple([z.number(), z.number()])),
  lengthM: z.number().int(),
});
export const StationOut = z.object({
  id: z.number().int(),
  riverId: z.number().int(),
  code: z.string(),
  name: z.string(),
  location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  hasKey: z.boolean(),
  keyIssuedAt: z.date().nullable(),
  responsibleAccountIds: z.array(z.number().int()),
  thresholds: z.array(z.object({ metric: Metric, min: z.number().nullable(), max: z.number().nullable() })),
  latest: z.array(z.object({ metric: Metric, value: z.number(), measuredAt: z.date() })),
  openAlerts: z.number().int(),
});
export type StationOut = z.infer<typeof StationOut>;
export const River = z.object({
  id: z.number().int(),
  name: z.string(),
  place: Ref,
  chief: z.string().nullable(),
  course: z.array(z.tuple([z.number(), z.number()])).nullable(),
  routes: z.array(Route),
  stations: z.array(StationOut),
});
export type River = z.infer<typeof River>;

export const PatrolInput = z
  .object({
    routeId: Id,
    startedAt: z.coerce.date(),
    endedAt: z.coerce.date(),
    walked: Line.nullish(),
    note: Text.nullish(),
    problems: z
      .array(
        z
          .object({
            description: z.string().trim().min(1).max(100),
            lng: Lng.nullish(),
            lat: Lat.nullish(),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();
export type PatrolInput = z.infer<typeof PatrolInput>;
export const Patrol = z.object({
  id: z.number().int(),
  route: Ref,
  river: Ref,
  patroller: z.string(),
  startedAt: z.date(),
  endedAt: z.date(),
  walked: z.array(z.tuple([z.number(), z.number()])).nullable(),
  note: z.string().nullable(),
  problems: z.array(z.object({ id: z.number().int(), description: z.string(), orderId: z.number().int().nullable() })),
});
export type Patrol = z.infer<typeof Patrol>;
export const PatrolQuery = PageQuery.extend({
  riverId: Id.optional(),
  territoryId: Id.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type PatrolQuery = z.infer<typeof PatrolQuery>;

export const Threshold = z
  .object({ metric: Metric, min: z.number().finite().nullish(), max: z.number().finite().nullish() })
  .strict();
export const CreateStation = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{3,40}$/),
    name: Name,
    /** Where it stands (a node inside the river's area; default the river's node): whose subtree sees its alerts. */
    territoryId: Id.optional(),
    location: z.object({ lng: Lng, lat: Lat }).strict().nullish(),
    responsibleAccountIds: z.array(Id).max(50).default([]),
    thresholds: z.array(Threshold).max(METRIC_KEYS.length).default([]),
  })
  .strict();
export type CreateStation = z.infer<typeof CreateStation>;
export const SetThresholds = z.object({ thresholds: z.array(Threshold).max(METRIC_KEYS.length) }).strict();
export type SetThresholds = z.infer<typeof SetThresholds>;
export const StationKey = z.object({ stationId: z.number().int(), code: z.string(), key: z.string() });

/** What a gateway posts: one reading, with the gateway's own id for it (replays are refused). */
export const Ingest = z
  .object({
    station: z.string().trim().min(1).max(40),
    readingId: z.string().trim().min(1).max(100),
    metric: Metric,
    value: z.number().finite(),
    measuredAt: z.coerce.date(),
  })
  .strict();
export type Ingest = z.infer<typeof Ingest>;
export const IngestResult = z.object({ accepted: z.literal(true), alert: z.boolean() });

export const Reading = z.object({
  id: z.number().int(),
  station: Ref,
  readingId: z.string(),
  metric: Metric,
  value: z.number(),
  measuredAt: z.date(),
  source: z.enum(READING_SOURCES),
});
export const ReadingQuery = PageQuery.extend({ stationId: Id.optional(), metric: Metric.optional() });
export type ReadingQuery = z.infer<typeof ReadingQuery>;
export const Alert = z.object({
  id: z.number().int(),
  station: Ref,
  river: Ref,
  metric: Metric,
  value: z.number(),
  bound: z.number(),
  direction: z.enum(['above', 'below']),
  status: z.enum(ALERT_STATUSES),
  createdAt: z.date(),
  measuredAt: z.date(),
  closedAt: z.date().nullable(),
  closeNote: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;
export const AlertQuery = PageQuery.extend({
  status: z.enum(ALERT_STATUSES).optional(),
  stationId: Id.optional(),
  territoryId: Id.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type AlertQuery = z.infer<typeof AlertQuery>;
export const CloseAlert = z.object({ note: z.string().trim().min(1).max(500) }).strict();

// ---- recruitment 发展党员 -------------------------------------------------------------------------------------

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { message: 'recruitment.badDate' });
export const RecruitStage = z.enum(STAGES);
export const CreateCandidate = z
  .object({ name: z.string().trim().min(1).max(40), branchId: Id, birthDate: Day.nullish(), appliedOn: Day })
  .strict();
export type CreateCandidate = z.infer<typeof CreateCandidate>;
export const RecordCandidate = z
  .object({
    talkedOn: Day.nullish(),
    trainingHours: z.number().int().min(0).max(1000).nullish(),
    introducers: z.array(z.string().trim().min(1).max(40)).max(4).nullish(),
    review: z
      .object({ talk: Day.nullish(), report: Day.nullish(), review: Day.nullish(), decide: Day.nullish() })
      .strict()
      .nullish(),
  })
  .strict();
export type RecordCandidate = z.infer<typeof RecordCandidate>;
const Count = z.number().int().min(0).max(100_000);
export const RecruitVote = z
  .object({ eligible: Count, present: Count, for: Count, against: Count, abstain: Count })
  .strict();
export const RecruitApproval = z.object({ by: z.string().trim().min(1).max(100), on: Day }).strict();
export const AdvanceCandidate = z
  .object({
    to: RecruitStage,
    on: Day,
    note: Text.nullish(),
    /** 支部大会表决 and 上级党委审批: required for probationary and full (decision 032). */
    vote: RecruitVote.nullish(),
    approval: RecruitApproval.nullish(),
  })
  .strict();
export type AdvanceCandidate = z.infer<typeof AdvanceCandidate>;
export const CandidateQuery = PageQuery.extend({
  stage: RecruitStage.optional(),
  branchId: Id.optional(),
  territoryId: Id.optional(),
});
export type CandidateQuery = z.infer<typeof CandidateQuery>;
export const Candidate = z.object({
  id: z.number().int(),
  name: z.string(),
  branch: Ref,
  stage: RecruitStage,
  birthDate: z.string().nullable(),
  appliedOn: z.string(),
  talkedOn: z.string().nullable(),
  talkDueOn: z.string(),
  activistOn: z.string().nullable(),
  targetOn: z.string().nullable(),
  probationOn: z.string().nullable(),
  fullOn: z.string().nullable(),
  trainingHours: z.number().int(),
  introducers: z.array(z.string()),
  review: z.record(z.string(), z.string()),
  moves: z.array(
    z.object({
      from: RecruitStage,
      to: RecruitStage,
      on: z.string(),
      note: z.string().nullable(),
      vote: RecruitVote.nullable(),
      approval: RecruitApproval.nullable(),
    }),
  ),
});
export type Candidate = z.infer<typeof Candidate>;
