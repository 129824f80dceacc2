import { z } from 'zod';
import { PageQuery, pageOf } from '../../kernel/http/pagination.js';
import {
  BOOKER_KINDS,
  DOMAINS,
  GRADES,
  KEY_TASK_KINDS,
  KEY_TASK_STATUSES,
  REVIEW_RATER_KINDS,
  SERVICE_UNIT_KINDS,
  STAGES,
  VISIT_KINDS,
  SENT_TASK_STATUSES,
} from './constants.js';

export * from './constants.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParam = z.object({ id: Id });
const Title = z.string().trim().min(1).max(100);
const Text = z.string().trim().max(2000);
/** A calendar day `YYYY-MM-DD`. */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '2000-01-01' && s <= '2100-12-31';
    },
    { message: 'assessment.badDate' },
  );
/** An instant between 2000 and 2100 (outside it the database would refuse it). */
const Instant = z.coerce
  .date()
  .refine((d) => d.getTime() >= Date.UTC(2000, 0, 1) && d.getTime() < Date.UTC(2101, 0, 1), {
    message: 'assessment.badDate',
  });

// Standardisation 规范化建设 ----------------------------------------------------------------------------------------

export const ChecklistItemInput = z.object({
  title: Title,
  weight: z.number().int().min(1).max(100),
  maxScore: z.number().int().min(1).max(100),
  evidenceRequired: z.boolean().default(false),
});
export const CreateChecklist = z
  .object({
    domain: z.enum(DOMAINS),
    title: Title,
    year: z.number().int().min(2000).max(2100),
    advancedMin: z.number().int().min(1).max(100).default(90),
    passMin: z.number().int().min(0).max(99).default(70),
    items: z.array(ChecklistItemInput).min(1).max(50),
  })
  .refine((c) => c.advancedMin > c.passMin, { path: ['advancedMin'], message: 'assessment.ruleOrder' });
export type CreateChecklist = z.infer<typeof CreateChecklist>;

/**
 * Editing a checklist (decision 045): any field may be left out. `items` is the whole new list: an item with `id`
 * is kept and changed, one without is added, one left out is removed. Items and grade lines stay fixed once an
 * organisation has been scored on the checklist (the service refuses with 409 on that field).
 */
export const UpdateChecklist = z
  .object({
    domain: z.enum(DOMAINS).optional(),
    title: Title.optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    advancedMin: z.number().int().min(1).max(100).optional(),
    passMin: z.number().int().min(0).max(99).optional(),
    items: z
      .array(ChecklistItemInput.extend({ id: Id.optional() }))
      .min(1)
      .max(50)
      .optional(),
  })
  .strict();
export type UpdateChecklist = z.infer<typeof UpdateChecklist>;

export const ChecklistQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  domain: z.enum(DOMAINS).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type ChecklistQuery = z.infer<typeof ChecklistQuery>;

export const OpenAssessment = z.object({ partyOrgId: Id, peerTerritoryId: Id });
export type OpenAssessment = z.infer<typeof OpenAssessment>;

export const AssessmentQuery = PageQuery.extend({
  checklistId: Id.optional(),
  territoryId: Id.optional(),
  stage: z.enum(STAGES).optional(),
  grade: z.enum(GRADES).optional(),
  weak: z.enum(['true', 'false']).optional(),
  /** Assessments waiting for my organisation's peer review. */
  asPeer: z.enum(['true', 'false']).optional(),
});
export type AssessmentQuery = z.infer<typeof AssessmentQuery>;

export const ScoreInput = z.object({
  itemId: Id,
  score: z.number().min(0).max(1000),
  evidence: Text.optional(),
});
export const SubmitScores = z.object({ scores: z.array(ScoreInput).min(1).max(50) });
export type SubmitScores = z.infer<typeof SubmitScores>;

export const AddRectification = z.object({
  items: z
    .array(z.object({ title: Title, dueOn: Day }))
    .min(1)
    .max(30),
});
export type AddRectification = z.infer<typeof AddRectification>;
export const FinishRectification = z.object({ evidence: z.string().trim().min(1).max(2000) });
export type FinishRectification = z.infer<typeof FinishRectification>;

// Public rating 评议 ----------------------------------------------------------------------------------------------

export const CreatePeriod = z
  .object({
    name: Title,
    startsOn: Day,
    endsOn: Day,
    supervisorWeight: z.number().int().min(0).max(100).default(30),
  })
  .refine((p) => p.endsOn >= p.startsOn, { path: ['endsOn'], message: 'assessment.periodOrder' });
export type CreatePeriod = z.infer<typeof CreatePeriod>;

/** Editing a rating period; the end is checked against the start (kept or new) by the service. */
export const UpdatePeriod = z
  .object({
    name: Title.optional(),
    startsOn: Day.optional(),
    endsOn: Day.optional(),
    supervisorWeight: z.number().int().min(0).max(100).optional(),
  })
  .strict();
export type UpdatePeriod = z.infer<typeof UpdatePeriod>;

export const CreateServiceUnit = z.object({
  territoryId: Id,
  kind: z.enum(SERVICE_UNIT_KINDS),
  name: Title,
  contactAccountIds: z.array(Id).max(10).default([]),
});
export type CreateServiceUnit = z.infer<typeof CreateServiceUnit>;

export const AddSupervisor = z.object({ accountId: Id });
export const RateUnit = z.object({
  periodId: Id,
  serviceUnitId: Id,
  stars: z.number().int().min(1).max(5),
  comment: Text.optional(),
});
export type RateUnit = z.infer<typeof RateUnit>;
export const ReplyRating = z.object({ reply: z.string().trim().min(1).max(1000) });
export const RateableQuery = z.object({ periodId: Id.optional() });

// Workload list 减负清单 ------------------------------------------------------------------------------------------

export const CreateWorkloadItem = z.object({ code: z.string().trim().min(1).max(20), title: Title, department: Title });
export type CreateWorkloadItem = z.infer<typeof CreateWorkloadItem>;
/** Editing a matter of the workload list; `active: false` withdraws it (tasks naming it are refused). */
export const UpdateWorkloadItem = z
  .object({
    code: z.string().trim().min(1).max(20).optional(),
    title: Title.optional(),
    department: Title.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateWorkloadItem = z.infer<typeof UpdateWorkloadItem>;
export const SendTask = z.object({
  communityId: Id,
  department: Title,
  title: Title,
  workloadItemId: Id.optional(),
});
export type SendTask = z.infer<typeof SendTask>;
export const SentTaskQuery = PageQuery.extend({
  status: z.enum(['accepted', 'refused']).optional(),
  department: z.string().trim().max(100).optional(),
});
export type SentTaskQuery = z.infer<typeof SentTaskQuery>;

// Service centres 党群服务中心 -------------------------------------------------------------------------------------

export const CreateCentre = z.object({
  territoryId: Id,
  name: Title,
  areaM2: z.number().int().min(1).max(1_000_000),
  openingHours: Title,
  address: Title.optional(),
  rooms: z
    .array(z.object({ name: Title, capacity: z.number().int().min(1).max(10_000) }))
    .max(30)
    .default([]),
});
export type CreateCentre = z.infer<typeof CreateCentre>;
/**
 * Editing a centre (its place stays). `rooms` is the whole new list: a room with `id` is kept and changed, one
 * without is added, one left out is removed unless it has bookings (409 on `rooms`).
 */
export const UpdateCentre = z
  .object({
    name: Title.optional(),
    areaM2: z.number().int().min(1).max(1_000_000).optional(),
    openingHours: Title.optional(),
    address: Title.nullish(),
    rooms: z
      .array(z.object({ id: Id.optional(), name: Title, capacity: z.number().int().min(1).max(10_000) }))
      .max(30)
      .optional(),
  })
  .strict();
export type UpdateCentre = z.infer<typeof UpdateCentre>;
export const BookRoom = z
  .object({
    bookerKind: z.enum(BOOKER_KINDS),
    bookerName: Title,
    purpose: Title,
    startsAt: Instant,
    endsAt: Instant,
  })
  .refine((b) => b.endsAt > b.startsAt, { path: ['endsAt'], message: 'assessment.spanOrder' });
export type BookRoom = z.infer<typeof BookRoom>;
export const BookingQuery = z.object({ from: Instant.optional(), to: Instant.optional() });

// One-window catalogue 一窗受理 -------------------------------------------------------------------------------------

export const CreateServiceItem = z.object({
  territoryId: Id,
  category: z.enum(['permit', 'convenience']),
  name: Title,
  department: Title,
  materials: z.array(Title).max(30).default([]),
  timeLimitDays: z.number().int().min(0).max(365),
  atMostOnce: z.boolean().default(false),
});
export type CreateServiceItem = z.infer<typeof CreateServiceItem>;
export const ServiceItemQuery = z.object({
  category: z.enum(['permit', 'convenience']).optional(),
  atMostOnce: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
});
export type ServiceItemQuery = z.infer<typeof ServiceItemQuery>;

/** Starting a catalogue item as a service order 一窗受理 (decision 032): what the resident adds. */
export const StartServiceItem = z.object({
  description: Text.optional(),
  /** The community (or a place below it) the item is asked for; the resident's own node when left out. */
  territoryId: Id.optional(),
});
export type StartServiceItem = z.infer<typeof StartServiceItem>;

// Key tasks, responsibility lists, reminders, visits, annual review (decision 032) ---------------------------------

const Year = z.coerce.number().int().min(2000).max(2100);
/** A month `YYYY-MM`. */
const Month = z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, { message: 'assessment.badMonth' });

export const CreateKeyTask = z.object({
  kind: z.enum(KEY_TASK_KINDS),
  year: Year,
  territoryId: Id,
  title: Title,
  ownerName: z.string().trim().min(1).max(40),
  dueOn: Day,
});
export type CreateKeyTask = z.infer<typeof CreateKeyTask>;
export const KeyTaskQuery = PageQuery.extend({
  kind: z.enum(KEY_TASK_KINDS).optional(),
  status: z.enum(KEY_TASK_STATUSES).optional(),
  year: Year.optional(),
  territoryId: Id.optional(),
  /** Due on or before today and not accepted. */
  overdue: z.enum(['true', 'false']).optional(),
});
export type KeyTaskQuery = z.infer<typeof KeyTaskQuery>;
export const SubmitKeyTask = z.object({ evidence: z.string().trim().min(1).max(2000) });
export const CheckKeyTask = z
  .object({ accept: z.boolean(), note: Text.optional() })
  .refine((c) => c.accept || !!c.note, { path: ['note'], message: 'assessment.returnNote' });
export type CheckKeyTask = z.infer<typeof CheckKeyTask>;
export const ResponsibilityQuery = z.object({ year: Year });
export const ReminderQuery = z.object({ month: Month });
export const PushReminders = z.object({ month: Month });

export const CreateVisit = z.object({
  kind: z.enum(VISIT_KINDS),
  territoryId: Id,
  visitedOn: Day,
  unannounced: z.boolean().default(false),
  inspectors: Title,
  summary: z.string().trim().min(1).max(2000),
  score: z.number().int().min(0).max(100).optional(),
  findings: z
    .array(z.object({ title: Title, dueOn: Day }))
    .max(30)
    .default([]),
});
export type CreateVisit = z.infer<typeof CreateVisit>;
/** A visitor's own score of a 观摩 (once per visitor). */
export const ScoreVisit = z.object({ score: z.number().int().min(0).max(100), comment: Text.optional() });
export type ScoreVisit = z.infer<typeof ScoreVisit>;
export const VisitQuery = PageQuery.extend({ kind: z.enum(VISIT_KINDS).optional(), territoryId: Id.optional() });
export type VisitQuery = z.infer<typeof VisitQuery>;

export const OpenReview = z
  .object({
    partyOrgId: Id,
    year: Year,
    secretaryName: z.string().trim().min(1).max(40),
    memberWeight: z.number().int().min(0).max(100).default(40),
    residentWeight: z.number().int().min(0).max(100).default(30),
    superiorWeight: z.number().int().min(0).max(100).default(30),
  })
  .refine((r) => r.memberWeight + r.residentWeight + r.superiorWeight === 100, {
    path: ['superiorWeight'],
    message: 'assessment.weightsSum',
  });
export type OpenReview = z.infer<typeof OpenReview>;
export const ReviewQuery = z.object({ year: Year.optional() });
export const SubmitReport = z.object({ report: z.string().trim().min(1).max(10_000) });
export const RateReview = z.object({ score: z.number().int().min(0).max(100), comment: Text.optional() });
export type RateReview = z.infer<typeof RateReview>;
/** The ratings behind a review's score (the drill-down), newest first; raters are never named. */
export const ReviewRatingQuery = PageQuery.extend({ kind: z.enum(REVIEW_RATER_KINDS).optional() });
export type ReviewRatingQuery = z.infer<typeof ReviewRatingQuery>;
export const AddProblems = AddRectification;
export const LedgerQuery = z.object({
  kind: z.enum(['keyTasks', 'reviews', 'visits', 'rectification']),
  year: Year.optional(),
});

// Answers: what the routes send (dates are `Date` here, ISO strings on the wire; the console reads them as
// `WireOf<typeof C.X>`, decision 034) --------------------------------------------------------------------------------

const Ref = z.object({ id: z.number().int(), name: z.string() });
const At = z.date();
const Score = z.number();
const RoundScore = z.object({ score: Score, evidence: z.string().nullable() });
/** A rectification item 整改 (of an assessment, a visit or an annual review). */
const Finding = z.object({
  id: z.number().int(),
  title: z.string(),
  dueOn: z.string(),
  doneAt: At.nullable(),
  evidence: z.string().nullable(),
});
const Scoped = { id: z.number().int(), territoryId: z.number().int(), scopePath: z.string() };
const Stamped = { createdAt: At, updatedAt: At, mayEdit: z.boolean() };

export const Checklist = z.object({
  ...Scoped,
  ...Stamped,
  domain: z.enum(DOMAINS),
  title: z.string(),
  year: z.number().int(),
  advancedMin: Score,
  passMin: Score,
  rule: z.string(),
});
export const ChecklistPage = pageOf(Checklist);
export const ChecklistDetail = Checklist.extend({
  items: z.array(
    z.object({
      id: z.number().int(),
      checklistId: z.number().int(),
      title: z.string(),
      weight: Score,
      maxScore: Score,
      evidenceRequired: z.boolean(),
      sortOrder: z.number().int(),
    }),
  ),
  scoredOrgs: z.number().int(),
});

export const AssessmentRow = z.object({
  id: z.number().int(),
  checklist: z.object({ id: z.number().int(), title: z.string(), domain: z.enum(DOMAINS), year: z.number().int() }),
  org: Ref,
  place: Ref,
  peer: Ref,
  stage: z.enum(STAGES),
  score: Score.nullable(),
  grade: z.enum(GRADES).nullable(),
  rule: z.string(),
  weak: z.boolean(),
  recheckScore: Score.nullable(),
  weakClearedAt: At.nullable(),
  gradedAt: At.nullable(),
});
export const AssessmentPage = pageOf(AssessmentRow);
export const AssessmentDetail = AssessmentRow.extend({
  formula: z.string(),
  may: z.object({ self: z.boolean(), peer: z.boolean(), superior: z.boolean() }),
  items: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      weight: Score,
      maxScore: Score,
      evidenceRequired: z.boolean(),
      self: RoundScore.nullable(),
      peer: RoundScore.nullable(),
      superior: RoundScore.nullable(),
      recheck: RoundScore.nullable(),
    }),
  ),
  rectification: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      dueOn: z.string(),
      done: z.boolean(),
      doneAt: At.nullable(),
      evidence: z.string().nullable(),
    }),
  ),
});

export const Period = z.object({
  ...Scoped,
  ...Stamped,
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  supervisorWeight: Score,
});
const PeriodRef = z.object({ id: z.number().int(), name: z.string(), startsOn: z.string(), endsOn: z.string() });
const RankRow = z.object({
  unit: Ref.extend({ kind: z.enum(SERVICE_UNIT_KINDS) }),
  residentCount: z.number().int(),
  residentMean: Score.nullable(),
  supervisorCount: z.number().int(),
  supervisorMean: Score.nullable(),
  score: Score.nullable(),
});
export const Ranking = z.object({
  period: PeriodRef.extend({ supervisorWeight: Score }),
  formula: z.string(),
  units: z.array(RankRow),
  top: z.array(RankRow),
  bottom: z.array(RankRow),
});
export const Rateable = z.object({
  periods: z.array(PeriodRef),
  units: z.array(
    Ref.extend({
      kind: z.enum(SERVICE_UNIT_KINDS),
      mine: z.array(
        z.object({
          periodId: z.number().int(),
          stars: z.number().int().nullable(),
          comment: z.string().nullable(),
          reply: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export const UnitRatings = z.object({
  unit: Ref,
  ratings: z.array(
    z.object({
      id: z.number().int(),
      serviceUnitId: z.number().int(),
      periodId: z.number().int(),
      period: z.string(),
      stars: z.number().int(),
      comment: z.string().nullable(),
      reply: z.string().nullable(),
      repliedAt: At.nullable(),
      createdAt: At,
    }),
  ),
});

export const WorkloadItem = z.object({
  ...Scoped,
  ...Stamped,
  code: z.string(),
  title: z.string(),
  department: z.string(),
  active: z.boolean(),
});
export const SentTask = z.object({
  id: z.number().int(),
  community: Ref,
  department: z.string(),
  title: z.string(),
  workloadItemId: z.number().int().nullable(),
  status: z.enum(SENT_TASK_STATUSES),
  reason: z.string().nullable(),
  createdAt: At,
});
export const SentTaskPage = pageOf(SentTask);
export const TasksByDepartment = z.object({
  listItems: z.number().int(),
  departments: z.array(z.object({ department: z.string(), accepted: z.number().int(), refused: z.number().int() })),
});
export const Centre = z.object({
  id: z.number().int(),
  territoryId: z.number().int(),
  place: z.string(),
  name: z.string(),
  areaM2: Score,
  openingHours: z.string(),
  address: z.string().nullable(),
  mayEdit: z.boolean(),
  rooms: z.array(
    z.object({
      id: z.number().int(),
      centreId: z.number().int(),
      name: z.string(),
      capacity: z.number().int(),
      bookings: z.number().int(),
      hours: Score,
    }),
  ),
});
export const ServiceItem = z.object({
  id: z.number().int(),
  category: z.enum(['permit', 'convenience']),
  name: z.string(),
  department: z.string(),
  materials: z.array(z.string()),
  timeLimitDays: z.number().int(),
  atMostOnce: z.boolean(),
  place: z.string(),
});

export const KeyTask = z.object({
  id: z.number().int(),
  kind: z.enum(KEY_TASK_KINDS),
  year: z.number().int(),
  place: Ref,
  setBy: Ref,
  title: z.string(),
  ownerName: z.string(),
  dueOn: z.string(),
  status: z.enum(KEY_TASK_STATUSES),
  overdue: z.boolean(),
  evidence: z.string().nullable(),
  submittedAt: At.nullable(),
  checkNote: z.string().nullable(),
  checkedAt: At.nullable(),
  may: z.object({ submit: z.boolean(), check: z.boolean() }),
});
export const KeyTaskPage = pageOf(KeyTask);
export const Responsibility = z.object({
  year: z.number().int(),
  formula: z.string(),
  items: z.array(
    z.object({
      place: Ref,
      total: z.number().int(),
      key: z.number().int(),
      accepted: z.number().int(),
      submitted: z.number().int(),
      open: z.number().int(),
      overdue: z.number().int(),
      completion: Score.nullable(),
      drill: z.string(),
    }),
  ),
});
export const Reminders = z.object({
  month: z.string(),
  rule: z.string(),
  items: z.array(
    z.object({
      place: Ref,
      due: z.number().int(),
      overdue: z.number().int(),
      pushedAt: At.nullable(),
      items: z.array(
        z.object({
          source: z.enum(['keyTask', 'rectification']),
          id: z.number().int(),
          title: z.string(),
          dueOn: z.string(),
          overdue: z.boolean(),
          link: z.string(),
        }),
      ),
    }),
  ),
});
export const Visit = z.object({
  id: z.number().int(),
  kind: z.enum(VISIT_KINDS),
  place: Ref,
  visitedOn: z.string(),
  unannounced: z.boolean(),
  inspectors: z.string(),
  summary: z.string(),
  score: Score.nullable(),
  scoreFormula: z.string().nullable(),
  scores: z.array(z.object({ visitor: z.string(), score: Score, comment: z.string().nullable(), at: At })),
  myScore: Score.nullable(),
  findings: z.array(Finding),
  open: z.number().int(),
});
export const VisitPage = pageOf(Visit);
const RaterGroup = z.object({
  kind: z.enum(REVIEW_RATER_KINDS),
  weight: Score,
  n: z.number().int(),
  mean: Score.nullable(),
});
export const Review = z.object({
  id: z.number().int(),
  org: Ref,
  place: Ref,
  year: z.number().int(),
  secretaryName: z.string(),
  report: z.string().nullable(),
  reportedAt: At.nullable(),
  closed: z.boolean(),
  closedAt: At.nullable(),
  score: Score.nullable(),
  formula: z.string(),
  groups: z.array(RaterGroup),
  problems: z.array(Finding),
  myRating: z.object({ score: Score, comment: z.string().nullable() }).nullable(),
  may: z.object({
    report: z.boolean(),
    rate: z.boolean(),
    rateAs: z.enum(REVIEW_RATER_KINDS).nullable(),
    close: z.boolean(),
    problems: z.boolean(),
  }),
});
export const ReviewRatings = pageOf(
  z.object({
    id: z.number().int(),
    kind: z.enum(REVIEW_RATER_KINDS),
    score: Score,
    comment: z.string().nullable(),
    createdAt: At,
  }),
).extend({
  review: z.object({
    id: z.number().int(),
    org: Ref,
    year: z.number().int(),
    score: Score.nullable(),
    formula: z.string(),
  }),
  groups: z.array(RaterGroup),
});
