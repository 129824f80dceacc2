import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import {
  ASSIGNMENT_KINDS,
  DEGREE_LEVELS,
  POSTS,
  TALENT_SOURCES,
  TALENT_STATUSES,
  TRAINING_KINDS,
  WORKER_STATUSES,
} from './constants.js';

export * from './constants.js';

/** Cadres and community workers (issue 15 item 4, decision 054): the shapes the API and the pages share. */
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));
const Name = z.string().trim().min(1).max(40);
const Short = z.string().trim().min(1).max(100);
const Text = z.string().trim().max(2000);
const Phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/);
const Reason = z.string().trim().min(2).max(500);
const Ref = z.object({ id: z.number().int(), name: z.string() });

export const IdParam = z.object({ id: Id });
export const Post = z.enum(POSTS);
export const Degree = z.enum(DEGREE_LEVELS);

// ---- community workers 社区工作者 --------------------------------------------------------------------------------

export const WorkerListQuery = PageQuery.extend({
  /** A community (or a street: its communities). */
  territoryId: Id.optional(),
  post: Post.optional(),
  grade: z.coerce.number().int().min(1).max(18).optional(),
  status: z.enum(WORKER_STATUSES).optional(),
  q: z.string().trim().max(40).optional(),
});
export type WorkerListQuery = z.infer<typeof WorkerListQuery>;

export const CreateWorker = z
  .object({
    name: Name,
    phone: Phone.nullish(),
    communityId: Id,
    startedOn: Day,
    degree: Degree,
    post: Post,
    /** The post's title as appointed, e.g. 社区党委书记. */
    title: z.string().trim().max(40).nullish(),
  })
  .strict();
export type CreateWorker = z.infer<typeof CreateWorker>;

/** Corrections of the worker's own facts; a post change goes through `ChangePost` (a dated record with a reason). */
export const UpdateWorker = z
  .object({
    name: Name.optional(),
    phone: Phone.nullish(),
    startedOn: Day.optional(),
    degree: Degree.optional(),
    status: z.enum(WORKER_STATUSES).optional(),
    leftOn: Day.nullish(),
    reason: Reason,
  })
  .strict();
export type UpdateWorker = z.infer<typeof UpdateWorker>;

export const ChangePost = z
  .object({
    post: Post,
    title: z.string().trim().max(40).nullish(),
    fromOn: Day,
    reason: Reason,
  })
  .strict();
export type ChangePost = z.infer<typeof ChangePost>;

const Grade = z.object({
  post: Post,
  /** 1–18: the grade 级, which is the pay grade 薪级. */
  grade: z.number().int(),
  /** 1–12: the grade's place 档 within the post. */
  band: z.number().int(),
  years: z.number().int(),
  countedYears: z.number().int(),
  nextOn: z.string().nullable(),
});

export const Worker = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Masked (138****5678) unless the reader manages workers. */
  phone: z.string().nullable(),
  community: Ref,
  startedOn: z.string(),
  degree: Degree,
  status: z.enum(WORKER_STATUSES),
  leftOn: z.string().nullable(),
  title: z.string().nullable(),
  /** Post and grade today by the 三岗十八级 rule (null before the start day). */
  current: Grade.nullable(),
});
export type Worker = z.infer<typeof Worker>;

export const WorkerDetail = Worker.extend({
  /** Promotion history: the start, each change of post (with its recorded reason), each grade reached by years. */
  history: z.array(
    z.object({
      on: z.string(),
      post: Post,
      grade: z.number().int(),
      cause: z.enum(['start', 'post', 'years']),
      title: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  /** The post records as entered (each change of post: day, reason, who recorded it). */
  posts: z.array(
    z.object({
      id: z.number().int(),
      post: Post,
      title: z.string().nullable(),
      fromOn: z.string(),
      reason: z.string(),
      recordedBy: z.string().nullable(),
    }),
  ),
  rule: z.object({
    range: z.record(z.string(), z.tuple([z.number(), z.number()])),
    yearsPerGrade: z.number(),
    degreeYears: z.record(z.string(), z.number()),
  }),
});
export type WorkerDetail = z.infer<typeof WorkerDetail>;

// ---- cadres 包联/下沉 --------------------------------------------------------------------------------------------

export const AssignmentKind = z.enum(ASSIGNMENT_KINDS);

export const AssignmentListQuery = PageQuery.extend({
  territoryId: Id.optional(),
  kind: AssignmentKind.optional(),
  /** Assigned on this day (the figure's drill-down: on the period's last day). */
  activeOn: Day.optional(),
  /** Work records counted per cadre between these days (inclusive). */
  from: Day.optional(),
  to: Day.optional(),
  q: z.string().trim().max(40).optional(),
});
export type AssignmentListQuery = z.infer<typeof AssignmentListQuery>;

export const CreateAssignment = z
  .object({
    cadreName: Name,
    unitName: Short,
    position: z.string().trim().max(40).nullish(),
    kind: AssignmentKind,
    communityId: Id,
    fromOn: Day,
    toOn: Day.nullish(),
    duties: Text.nullish(),
  })
  .strict();
export type CreateAssignment = z.infer<typeof CreateAssignment>;

export const UpdateAssignment = z
  .object({
    position: z.string().trim().max(40).nullish(),
    toOn: Day.nullish(),
    duties: Text.nullish(),
  })
  .strict();
export type UpdateAssignment = z.infer<typeof UpdateAssignment>;

export const FindingOrder = z
  .object({
    category: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    title: z.string().trim().min(1).max(100).nullish(),
  })
  .strict();

export const RecordWork = z
  .object({
    workedOn: Day,
    found: z.string().trim().min(1).max(2000).nullish(),
    handled: z.string().trim().min(1).max(2000).nullish(),
    /** Turn what was found into a service order now (origin 'patrol' 排摸发现). Needs `found`. */
    order: FindingOrder.nullish(),
  })
  .strict();
export type RecordWork = z.infer<typeof RecordWork>;

export const WorkRecord = z.object({
  id: z.number().int(),
  workedOn: z.string(),
  found: z.string().nullable(),
  handled: z.string().nullable(),
  order: z.object({ id: z.number().int(), status: z.string() }).nullable(),
  createdAt: z.date(),
});
export type WorkRecord = z.infer<typeof WorkRecord>;

export const Assignment = z.object({
  id: z.number().int(),
  cadreName: z.string(),
  unitName: z.string(),
  position: z.string().nullable(),
  kind: AssignmentKind,
  community: Ref,
  fromOn: z.string(),
  toOn: z.string().nullable(),
  duties: z.string().nullable(),
  /** Work records in the asked period (all when none asked), and those that became an order. */
  records: z.number().int(),
  orders: z.number().int(),
});
export type Assignment = z.infer<typeof Assignment>;
export const AssignmentDetail = Assignment.extend({ work: z.array(WorkRecord) });
export type AssignmentDetail = z.infer<typeof AssignmentDetail>;

// ---- reserve talent 后备人才 ----------------------------------------------------------------------------------------

export const TalentSource = z.enum(TALENT_SOURCES);
export const TalentStatus = z.enum(TALENT_STATUSES);
export const TrainingKind = z.enum(TRAINING_KINDS);

export const TalentListQuery = PageQuery.extend({
  territoryId: Id.optional(),
  source: TalentSource.optional(),
  status: TalentStatus.optional(),
  /** Only those still in the pool or in training 储备、培养中 (the figure's drill-down). */
  current: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** With at least one training (the figure's drill-down). */
  trained: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type TalentListQuery = z.infer<typeof TalentListQuery>;

export const CreateTalent = z
  .object({
    name: Name,
    communityId: Id,
    source: TalentSource,
    birthYear: z.number().int().min(1940).max(2010).nullish(),
    enteredOn: Day,
    note: Text.nullish(),
  })
  .strict();
export type CreateTalent = z.infer<typeof CreateTalent>;

export const UpdateTalent = z
  .object({
    status: TalentStatus.optional(),
    note: Text.nullish(),
  })
  .strict();
export type UpdateTalent = z.infer<typeof UpdateTalent>;

export const RecordTraining = z
  .object({
    kind: TrainingKind,
    title: Short,
    fromOn: Day,
    toOn: Day.nullish(),
  })
  .strict();
export type RecordTraining = z.infer<typeof RecordTraining>;

export const Talent = z.object({
  id: z.number().int(),
  name: z.string(),
  community: Ref,
  source: TalentSource,
  birthYear: z.number().int().nullable(),
  status: TalentStatus,
  note: z.string().nullable(),
  enteredOn: z.string(),
  trainings: z.number().int(),
});
export type Talent = z.infer<typeof Talent>;
export const TalentDetail = Talent.extend({
  training: z.array(
    z.object({
      id: z.number().int(),
      kind: TrainingKind,
      title: z.string(),
      fromOn: z.string(),
      toOn: z.string().nullable(),
    }),
  ),
});
export type TalentDetail = z.infer<typeof TalentDetail>;
