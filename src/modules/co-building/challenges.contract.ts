import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import { APPLICANT_DECISIONS, APPLICANT_KINDS, CHALLENGE_STATUSES } from './challenges.constants.js';
import { CO_CATEGORIES } from './constants.js';

export * from './challenges.constants.js';

/** The wire contract of 揭榜挂帅 challenges (issue 12 point 7, decision 041). */
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { message: 'coBuilding.badDate' });
const Ref = z.object({ id: z.number().int(), name: z.string() });
const Title = z.string().trim().min(1).max(100);
const Text = z.string().trim().min(1).max(2000);
const Stars = z.number().int().min(1).max(5);
export const ChallengeStatus = z.enum(CHALLENGE_STATUSES);
export const ApplicantKind = z.enum(APPLICANT_KINDS);
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

export const ChallengeIdParam = z.object({ id: Id });

export const Challenge = z.object({
  id: z.number().int(),
  territory: Ref,
  title: z.string(),
  description: z.string(),
  category: z.string(),
  deadline: z.string(),
  reward: z.string(),
  public: z.boolean(),
  status: ChallengeStatus,
  postedOn: z.string(),
  takenOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  /** Past the deadline and not closed (computed). */
  overdue: z.boolean(),
  outcome: z.string().nullable(),
  posterStars: z.number().int().nullable(),
  applicantCount: z.number().int(),
  /** The picked takers 揭榜人, by name. */
  takers: z.array(z.string()),
  ratingCount: z.number().int(),
  ratingAverage: z.number().nullable(),
});
export type Challenge = z.infer<typeof Challenge>;

export const Applicant = z.object({
  id: z.number().int(),
  kind: ApplicantKind,
  name: z.string(),
  unit: Ref.nullable(),
  plan: z.string(),
  appliedOn: z.string(),
  decision: z.enum(APPLICANT_DECISIONS),
  reason: z.string().nullable(),
});
export const ChallengeReport = z.object({ id: z.number().int(), reportedOn: z.string(), text: z.string() });
export const ChallengeDetail = Challenge.extend({
  applicants: z.array(Applicant),
  reports: z.array(ChallengeReport),
  /** The moves allowed from the current status. */
  moves: z.array(ChallengeStatus),
  /** Whether the caller (a resident) has rated it. */
  ratedByMe: z.boolean(),
});
export type ChallengeDetail = z.infer<typeof ChallengeDetail>;

export const ChallengeQuery = PageQuery.extend({
  territoryId: Id.optional(),
  status: csv(CHALLENGE_STATUSES).optional(),
  category: z.enum(CO_CATEGORIES).optional(),
  q: z.string().trim().max(50).optional(),
  /** Posted on days in [from, to] (the figures' drill-down). */
  from: Day.optional(),
  to: Day.optional(),
  /** Closed on days in [closedFrom, closedTo]. */
  closedFrom: Day.optional(),
  closedTo: Day.optional(),
});
export type ChallengeQuery = z.infer<typeof ChallengeQuery>;

export const CreateChallenge = z
  .object({
    territoryId: Id,
    title: Title,
    description: Text,
    category: z.enum(CO_CATEGORIES),
    deadline: Day,
    reward: z.string().trim().min(1).max(200),
    public: z.boolean().default(true),
  })
  .strict();
export type CreateChallenge = z.infer<typeof CreateChallenge>;

export const ApplyChallenge = z
  .object({
    kind: ApplicantKind,
    /** The cadre's or member's name; for a unit, defaults to the unit's name. */
    name: z.string().trim().min(1).max(50).optional(),
    unitId: Id.optional(),
    plan: Text,
  })
  .strict();
export type ApplyChallenge = z.infer<typeof ApplyChallenge>;

export const PickApplicants = z
  .object({
    picked: z.array(Id).min(1).max(20),
    /** Every other pending applicant, with the reason it was not picked. */
    notPicked: z
      .array(z.object({ id: Id, reason: z.string().trim().min(1).max(500) }).strict())
      .max(50)
      .default([]),
  })
  .strict();
export type PickApplicants = z.infer<typeof PickApplicants>;

export const ReportChallenge = z.object({ reportedOn: Day, text: Text }).strict();
export type ReportChallenge = z.infer<typeof ReportChallenge>;

export const MoveChallenge = z
  .object({
    to: z.enum(['inProgress', 'solved', 'failed', 'withdrawn']),
    /** Required when closing as solved or failed. */
    outcome: z.string().trim().min(1).max(2000).optional(),
    /** The poster's rating, required when closing as solved or failed. */
    stars: Stars.optional(),
  })
  .strict();
export type MoveChallenge = z.infer<typeof MoveChallenge>;

export const RateChallenge = z.object({ stars: Stars, comment: z.string().trim().max(500).nullish() }).strict();
export type RateChallenge = z.infer<typeof RateChallenge>;
