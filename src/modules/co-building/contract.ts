import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import {
  AGREEMENT_STATUSES,
  BOARD_STATES,
  DELIVERABLE_STATES,
  DELIVERABLE_STATUSES,
  CO_CATEGORIES,
  MATCH_DECISIONS,
  NEED_SOURCES,
  NEED_STATUSES,
  OFFERER_KINDS,
  PROJECT_STATUSES,
  RESOURCE_KINDS,
} from './constants.js';

export * from './constants.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParam = z.object({ id: Id });
export const TaskParam = z.object({ id: Id, taskId: Id });
const Title = z.string().trim().min(1).max(100);
const Text = z.string().trim().max(2000);
/** A calendar day `YYYY-MM-DD`. */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { message: 'coBuilding.badDate' });
const Ref = z.object({ id: z.number().int(), name: z.string() });
export const CoCategory = z.enum(CO_CATEGORIES);
export const NeedSource = z.enum(NEED_SOURCES);
export const NeedStatus = z.enum(NEED_STATUSES);
export const ResourceKind = z.enum(RESOURCE_KINDS);
export const OffererKind = z.enum(OFFERER_KINDS);
export const ProjectStatus = z.enum(PROJECT_STATUSES);
export const BoardState = z.enum(BOARD_STATES);
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

// Needs 需求清单 ----------------------------------------------------------------------------------------------

export const Need = z.object({
  id: z.number().int(),
  community: Ref,
  place: Ref,
  title: z.string(),
  description: z.string().nullable(),
  category: z.string(),
  source: NeedSource,
  sourceOrderIds: z.array(z.number().int()),
  sourceNote: z.string().nullable(),
  status: NeedStatus,
  project: Ref.nullable(),
  public: z.boolean(),
  closedNote: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Need = z.infer<typeof Need>;

export const CreateNeed = z
  .object({
    title: Title,
    description: Text.nullish(),
    category: CoCategory,
    /** The community or a node below it; a resident's need defaults to their own node. */
    territoryId: Id.nullish(),
    source: NeedSource.default('resident'),
    /** For source recurringOrders: the orders of the cluster (from GET /api/co-building/need-proposals). */
    sourceOrderIds: z.array(Id).max(200).default([]),
    /** For a meeting decision or a survey: which one, in words. */
    sourceNote: Text.nullish(),
    public: z.boolean().default(true),
  })
  .strict();
export type CreateNeed = z.infer<typeof CreateNeed>;

export const NeedQuery = PageQuery.extend({
  status: csv(NEED_STATUSES).optional(),
  category: CoCategory.optional(),
  source: NeedSource.optional(),
  territoryId: Id.optional(),
  projectId: Id.optional(),
  /** Raised in [from, to]. */
  from: Day.optional(),
  to: Day.optional(),
  /** Closed (met / not met) in [closedFrom, closedTo]. */
  closedFrom: Day.optional(),
  closedTo: Day.optional(),
  q: z.string().trim().max(100).optional(),
});
export type NeedQuery = z.infer<typeof NeedQuery>;

export const CloseNeed = z.object({ note: Text.min(1) }).strict();
export type CloseNeed = z.infer<typeof CloseNeed>;

/** A cluster of recurring orders: one category at one compound, N or more orders in M days. */
export const NeedProposal = z.object({
  compound: Ref,
  community: Ref,
  category: z.string(),
  orderIds: z.array(z.number().int()),
  count: z.number().int(),
  /** An open need from the same cluster already exists. */
  existingNeedId: z.number().int().nullable(),
});
export type NeedProposal = z.infer<typeof NeedProposal>;
export const ProposalQuery = z.object({
  minOrders: z.coerce.number().int().min(2).max(100).default(3),
  days: z.coerce.number().int().min(1).max(365).default(30),
});

// Resources 资源清单 ------------------------------------------------------------------------------------------

export const Resource = z.object({
  id: z.number().int(),
  area: Ref,
  title: z.string(),
  description: z.string().nullable(),
  kind: ResourceKind,
  categories: z.array(z.string()),
  offererKind: OffererKind,
  offererName: z.string(),
  unit: Ref.nullable(),
  capacity: z.number().int(),
  usedCapacity: z.number().int(),
  remaining: z.number().int(),
  unitOfMeasure: z.string(),
  availableFrom: z.string().nullable(),
  availableTo: z.string().nullable(),
  availabilityNote: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Resource = z.infer<typeof Resource>;

const ResourceFields = z.object({
  title: Title,
  description: Text.nullish(),
  kind: ResourceKind,
  categories: z.array(CoCategory).max(13).default([]),
  /** The area it serves. */
  territoryId: Id,
  offererKind: OffererKind,
  offererName: z.string().trim().min(1).max(100),
  unitId: Id.nullish(),
  capacity: z.number().int().min(1).max(100_000_000),
  unitOfMeasure: z.string().trim().min(1).max(20),
  availableFrom: Day.nullish(),
  availableTo: Day.nullish(),
  availabilityNote: z.string().trim().max(200).nullish(),
  active: z.boolean().default(true),
});
export const CreateResource = ResourceFields.strict();
export type CreateResource = z.infer<typeof CreateResource>;
export const UpdateResource = ResourceFields.omit({ territoryId: true, categories: true, active: true })
  .partial()
  .extend({ categories: z.array(CoCategory).max(13).optional(), active: z.boolean().optional() })
  .strict();
export type UpdateResource = z.infer<typeof UpdateResource>;
export const ResourceQuery = PageQuery.extend({
  kind: ResourceKind.optional(),
  category: CoCategory.optional(),
  territoryId: Id.optional(),
  available: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Used by an accepted match made in [usedFrom, usedTo]. */
  usedFrom: Day.optional(),
  usedTo: Day.optional(),
  from: Day.optional(),
  to: Day.optional(),
  q: z.string().trim().max(100).optional(),
});
export type ResourceQuery = z.infer<typeof ResourceQuery>;

// Matching ---------------------------------------------------------------------------------------------------

const FactorNumbers = z.object({
  category: z.number(),
  distance: z.number(),
  capacity: z.number(),
  availability: z.number(),
  fulfilment: z.number(),
});
export const Suggestion = z.object({
  resource: Resource,
  score: z.number(),
  factors: FactorNumbers,
  weights: FactorNumbers,
});
export type Suggestion = z.infer<typeof Suggestion>;

export const Match = z.object({
  id: z.number().int(),
  needId: z.number().int(),
  resource: Ref,
  decision: z.enum(MATCH_DECISIONS),
  amount: z.number().int(),
  unitOfMeasure: z.string(),
  reason: z.string().nullable(),
  score: z.number(),
  factors: FactorNumbers,
  project: Ref.nullable(),
  createdAt: z.date(),
});
export type Match = z.infer<typeof Match>;
export const NeedDetail = Need.extend({ matches: z.array(Match) });
export type NeedDetail = z.infer<typeof NeedDetail>;

export const AcceptMatch = z
  .object({ resourceId: Id, amount: z.number().int().min(1).max(100_000_000), reason: Text.nullish() })
  .strict();
export type AcceptMatch = z.infer<typeof AcceptMatch>;
export const RejectMatch = z.object({ resourceId: Id, reason: Text.min(1) }).strict();
export type RejectMatch = z.infer<typeof RejectMatch>;

// Projects 项目清单 -------------------------------------------------------------------------------------------

export const Task = z.object({
  id: z.number().int(),
  milestone: z.string().nullable(),
  title: z.string(),
  dueOn: z.string(),
  weight: z.number().int(),
  doneAt: z.date().nullable(),
  state: BoardState,
  orderId: z.number().int().nullable(),
});
export type Task = z.infer<typeof Task>;

export const ProjectSummary = z.object({
  id: z.number().int(),
  community: Ref,
  place: Ref,
  title: z.string(),
  ownerName: z.string(),
  budget: z.number().int(),
  startOn: z.string(),
  dueOn: z.string(),
  status: ProjectStatus,
  /** 挂图作战 colour: done; late (due date passed); due. */
  state: BoardState,
  /** Σ weight of done tasks / Σ weight of tasks, 0–100. */
  percentDone: z.number().int(),
  taskCount: z.number().int(),
  needCount: z.number().int(),
  ratingCount: z.number().int(),
  /** Mean of residents' stars, null before the first. */
  ratingMean: z.number().nullable(),
  doneAt: z.date().nullable(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;
export const ProjectDetail = ProjectSummary.extend({
  description: z.string().nullable(),
  outcome: z.string().nullable(),
  needs: z.array(Need),
  matches: z.array(Match),
  tasks: z.array(Task),
  /** Whether the caller (a resident of the community) has rated it. */
  ratedByMe: z.boolean(),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const CreateProject = z
  .object({
    title: Title,
    description: Text.nullish(),
    /** The needs it meets (open or matched, of one community); their accepted matches join the project. */
    needIds: z.array(Id).min(1).max(50),
    ownerName: z.string().trim().min(1).max(60),
    budget: z.number().int().min(0).max(1_000_000_000).default(0),
    startOn: Day,
    dueOn: Day,
  })
  .strict();
export type CreateProject = z.infer<typeof CreateProject>;
export const ProjectQuery = PageQuery.extend({
  status: csv(PROJECT_STATUSES).optional(),
  state: BoardState.optional(),
  territoryId: Id.optional(),
  onTime: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Created in [from, to]. */
  from: Day.optional(),
  to: Day.optional(),
  /** Done in [doneFrom, doneTo]. */
  doneFrom: Day.optional(),
  doneTo: Day.optional(),
  q: z.string().trim().max(100).optional(),
});
export type ProjectQuery = z.infer<typeof ProjectQuery>;

export const CreateTask = z
  .object({
    title: Title,
    milestone: z.string().trim().max(60).nullish(),
    dueOn: Day,
    weight: z.number().int().min(1).max(100).default(1),
  })
  .strict();
export type CreateTask = z.infer<typeof CreateTask>;
export const TaskOrderInput = z
  .object({ category: z.string().trim().min(1).max(40).default('other'), description: Text.nullish() })
  .strict();
export type TaskOrderInput = z.infer<typeof TaskOrderInput>;

export const CompleteProject = z
  .object({
    outcome: Text.min(1),
    /** Needs of the project that were not met (the others become met). */
    notMetNeedIds: z.array(Id).max(50).default([]),
  })
  .strict();
export type CompleteProject = z.infer<typeof CompleteProject>;
export const RateProject = z
  .object({ stars: z.number().int().min(1).max(5), comment: z.string().trim().max(500).nullish() })
  .strict();
export type RateProject = z.infer<typeof RateProject>;

// Figures ----------------------------------------------------------------------------------------------------

export const FigureQuery = z.object({ territoryId: Id.optional(), from: Day.optional(), to: Day.optional() });
export type FigureQuery = z.infer<typeof FigureQuery>;
export const Figure = z.object({
  key: z.string(),
  value: z.number(),
  /** How it is counted, in words (zh-CN / en-US by the caller's locale). */
  formula: z.string(),
  /** The console list that shows the records counted. */
  link: z.string(),
});
export const Figures = z.object({ territory: Ref, from: z.string(), to: z.string(), figures: z.array(Figure) });
export type Figures = z.infer<typeof Figures>;

// Co-building agreements 契约化共建 ---------------------------------------------------------------------------

export const AgreementStatus = z.enum(AGREEMENT_STATUSES);
export const DeliverableParam = z.object({ id: Id, deliverableId: Id });
export const Deliverable = z.object({
  id: z.number().int(),
  title: z.string(),
  dueOn: z.string(),
  status: z.enum(DELIVERABLE_STATUSES),
  /** pending / overdue (pending past due) / onTime / late (done after due) / notDone. */
  state: z.enum(DELIVERABLE_STATES),
  doneOn: z.string().nullable(),
  evidence: z.string().nullable(),
});
export type Deliverable = z.infer<typeof Deliverable>;
export const Agreement = z.object({
  id: z.number().int(),
  community: Ref,
  unit: Ref,
  /** The party-building alliance 党建联盟 on the community's side, if any (decision 028). */
  alliance: Ref.nullable(),
  title: z.string(),
  content: z.string().nullable(),
  year: z.number().int(),
  status: AgreementStatus,
  signedOn: z.string().nullable(),
  publishedAt: z.date().nullable(),
  evaluatedAt: z.date().nullable(),
  /** Computed by the evaluate move (decision 018), never typed in; null before. */
  score: z.number().nullable(),
  scoreParts: z.object({ deliverables: z.number(), rating: z.number().nullable() }).nullable(),
  deliverables: z.array(Deliverable),
  ratingCount: z.number().int(),
  ratingMean: z.number().nullable(),
  createdAt: z.date(),
});
export type Agreement = z.infer<typeof Agreement>;
export const CreateAgreement = z
  .object({
    communityId: Id,
    unitId: Id,
    /** The alliance the agreement is made in; the unit must be its member and the community in its area. */
    allianceId: Id.nullish(),
    title: Title,
    content: Text.nullish(),
    year: z.number().int().min(2000).max(2100),
    deliverables: z
      .array(z.object({ title: Title, dueOn: Day }).strict())
      .max(50)
      .default([]),
  })
  .strict();
export type CreateAgreement = z.infer<typeof CreateAgreement>;
export const AddDeliverable = z.object({ title: Title, dueOn: Day }).strict();
export type AddDeliverable = z.infer<typeof AddDeliverable>;
export const MoveAgreement = z.object({ to: AgreementStatus, signedOn: Day.nullish() }).strict();
export type MoveAgreement = z.infer<typeof MoveAgreement>;
export const ReportDeliverable = z
  .object({ status: z.enum(['done', 'notDone']), doneOn: Day.nullish(), evidence: Text.min(1) })
  .strict();
export type ReportDeliverable = z.infer<typeof ReportDeliverable>;
export const AgreementQuery = PageQuery.extend({
  unitId: Id.optional(),
  allianceId: Id.optional(),
  /** Signed 签约 on days in [signedFrom, signedTo] (the figures' drill-down). */
  signedFrom: Day.optional(),
  signedTo: Day.optional(),
  /** Evaluated 评约 on days in [fulfilledFrom, fulfilledTo] with every deliverable done (decision 041). */
  fulfilledFrom: Day.optional(),
  fulfilledTo: Day.optional(),
  territoryId: Id.optional(),
  year: z.coerce.number().int().optional(),
  status: csv(AGREEMENT_STATUSES).optional(),
});
export type AgreementQuery = z.infer<typeof AgreementQuery>;

// Party-building alliances 党建联盟 (decision 028) ----------------------------------------------------------

const Name = z.string().trim().min(1).max(50);
export const AllianceSummary = z.object({
  id: z.number().int(),
  territory: Ref,
  name: z.string(),
  description: z.string().nullable(),
  foundedOn: z.string(),
  /** Counted on `on` (today unless asked): member units, part-time members serving, the chair unit. */
  on: z.string(),
  unitCount: z.number().int(),
  memberCount: z.number().int(),
  chair: Ref.nullable(),
  agreementCount: z.number().int(),
});
export type AllianceSummary = z.infer<typeof AllianceSummary>;
export const AllianceUnit = z.object({
  unit: Ref,
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  current: z.boolean(),
});
export const AllianceMember = z.object({
  id: z.number().int(),
  unit: Ref,
  name: z.string(),
  unitPost: z.string().nullable(),
  committeePost: z.string(),
  termFrom: z.string(),
  termTo: z.string().nullable(),
  current: z.boolean(),
});
export const AllianceChair = z.object({
  id: z.number().int(),
  unit: Ref,
  termFrom: z.string(),
  termTo: z.string(),
  current: z.boolean(),
});
export const AllianceMeeting = z.object({
  id: z.number().int(),
  heldOn: z.string(),
  title: z.string(),
  minutes: z.string(),
  attendingUnits: z.array(Ref),
});
export const AllianceProject = z.object({
  id: z.number().int(),
  title: z.string(),
  status: ProjectStatus,
  community: Ref,
  /** The member unit whose resource the project uses. */
  unit: Ref,
});
export const AllianceDetail = AllianceSummary.extend({
  units: z.array(AllianceUnit),
  members: z.array(AllianceMember),
  chairs: z.array(AllianceChair),
  meetings: z.array(AllianceMeeting),
  agreements: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      unit: Ref,
      year: z.number().int(),
      status: AgreementStatus,
      score: z.number().nullable(),
    }),
  ),
  projects: z.array(AllianceProject),
});
export type AllianceDetail = z.infer<typeof AllianceDetail>;
export const AllianceQuery = PageQuery.extend({
  territoryId: Id.optional(),
  q: z.string().trim().max(50).optional(),
  /** The day the counts are taken on; the figures' drill-down passes the period's last day. */
  on: Day.optional(),
});
export type AllianceQuery = z.infer<typeof AllianceQuery>;
export const CreateAlliance = z
  .object({
    territoryId: Id,
    name: Title,
    description: Text.nullish(),
    foundedOn: Day,
    unitIds: z.array(Id).max(200).default([]),
  })
  .strict();
export type CreateAlliance = z.infer<typeof CreateAlliance>;
export const AddAllianceUnit = z.object({ unitId: Id, joinedOn: Day }).strict();
export type AddAllianceUnit = z.infer<typeof AddAllianceUnit>;
export const AllianceUnitParam = z.object({ id: Id, unitId: Id });
export const AllianceMemberParam = z.object({ id: Id, memberId: Id });
export const LeaveAlliance = z.object({ leftOn: Day }).strict();
export type LeaveAlliance = z.infer<typeof LeaveAlliance>;
export const AddAllianceMember = z
  .object({
    unitId: Id,
    name: Name,
    unitPost: Name.nullish(),
    committeePost: Name.default('兼职委员'),
    termFrom: Day,
    termTo: Day.nullish(),
  })
  .strict();
export type AddAllianceMember = z.infer<typeof AddAllianceMember>;
export const EndAllianceMember = z.object({ termTo: Day }).strict();
export type EndAllianceMember = z.infer<typeof EndAllianceMember>;
export const AddAllianceChair = z.object({ unitId: Id, termFrom: Day, termTo: Day }).strict();
export type AddAllianceChair = z.infer<typeof AddAllianceChair>;
export const AddAllianceMeeting = z
  .object({
    heldOn: Day,
    title: Title,
    minutes: Text.min(1),
    attendingUnitIds: z.array(Id).max(200).default([]),
  })
  .strict();
export type AddAllianceMeeting = z.infer<typeof AddAllianceMeeting>;
// 揭榜挂帅 challenges and the public timeline (decision 041), for the console and /m pages.
export * from './challenges.contract.js';
export * from './timeline.contract.js';
