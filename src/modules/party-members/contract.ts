import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import {
  EVALUATION_GRADES,
  EVALUATION_SIDES,
  MEMBER_KINDS,
  MEMBER_POSTS,
  PERIOD_RE,
  REGISTRATION_STATUSES,
} from './constants.js';

export * from './constants.js';

export const MemberKind = z.enum(MEMBER_KINDS);
export const MemberPost = z.enum(MEMBER_POSTS);
export const RegistrationStatus = z.enum(REGISTRATION_STATUSES);
export const EvaluationSide = z.enum(EVALUATION_SIDES);
export const EvaluationGrade = z.enum(EVALUATION_GRADES);
export const Period = z.string().trim().regex(PERIOD_RE, { message: 'partyMember.periodFormat' });

const OrgRef = z.object({ id: z.number().int(), name: z.string(), kind: z.string() });
const PlaceRef = z.object({ id: z.number().int(), name: z.string() });

export const PartyMember = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: MemberKind,
  homeBranch: OrgRef,
  territoryId: z.number().int(),
  residentId: z.number().int().nullable(),
  hasAccount: z.boolean(),
  joinedOn: z.string().nullable(),
  posts: z.array(MemberPost),
  points: z.number().int(),
  /** Communities where the member's dual registration is confirmed: later modules assign tasks there. */
  registeredCommunityIds: z.array(z.number().int()),
  registeredCommunities: z.array(PlaceRef),
  /** True when the viewer sees the member only through a confirmed registration with their community. */
  viaRegistration: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PartyMember = z.infer<typeof PartyMember>;

/** One row of the member's points ledger (issue 10 item 10): the record, how many, by which rule, when. */
export const MemberPointEntry = z.object({
  id: z.number().int(),
  source: z.string(),
  ref: z.string(),
  quantity: z.number(),
  requested: z.number().int(),
  points: z.number().int(),
  reason: z.string().nullable(),
  status: z.string(),
  period: z.string(),
  at: z.date(),
});
export const MemberPoints = z.object({
  memberId: z.number().int(),
  /** The sum of the posted entries: the member's points figure, nothing else. */
  points: z.number().int(),
  entries: z.array(MemberPointEntry),
});
export type MemberPoints = z.infer<typeof MemberPoints>;

export const MemberListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  kind: MemberKind.optional(),
  homeBranchId: z.coerce.number().int().positive().optional(),
  post: MemberPost.optional(),
  /** Members of this community: held by its branches, plus (with includeRegistered) those registered with it. */
  communityId: z.coerce.number().int().positive().optional(),
  includeRegistered: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** true: only members with a confirmed dual registration 双报到 (the dashboard's dual-registration rate). */
  dualRegistered: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type MemberListQuery = z.infer<typeof MemberListQuery>;
export const MemberExportQuery = MemberListQuery.omit({ page: true, pageSize: true });

const JoinedOn = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'validation.format' });

export const CreateMember = z
  .object({
    name: z.string().trim().min(1).max(50),
    kind: MemberKind,
    homeBranchId: z.number().int().positive(),
    residentId: z.number().int().positive().nullish(),
    joinedOn: JoinedOn.nullish(),
    posts: z.array(MemberPost).max(MEMBER_POSTS.length).optional(),
  })
  .strict();
export type CreateMember = z.infer<typeof CreateMember>;
export const UpdateMember = CreateMember.partial().strict();
export type UpdateMember = z.infer<typeof UpdateMember>;

export const Registration = z.object({
  id: z.number().int(),
  member: z.object({ id: z.number().int(), name: z.string(), kind: MemberKind, homeBranchName: z.string() }),
  community: z.object({ id: z.number().int(), name: z.string(), address: z.string() }),
  unitBranch: PlaceRef.nullable(),
  status: RegistrationStatus,
  requestedAt: z.date(),
  decidedAt: z.date().nullable(),
  decidedByName: z.string().nullable(),
  /** The member's application note. */
  note: z.string().nullable(),
  /** The reviewer's note on confirming or rejecting (the member's note stays as written). */
  decisionNote: z.string().nullable(),
});
export type Registration = z.infer<typeof Registration>;

export const RegistrationListQuery = PageQuery.extend({
  status: RegistrationStatus.optional(),
  communityId: z.coerce.number().int().positive().optional(),
  memberId: z.coerce.number().int().positive().optional(),
});

export const RequestRegistration = z
  .object({
    communityId: z.number().int().positive(),
    unitBranchId: z.number().int().positive().nullish(),
    note: z.string().trim().max(500).nullish(),
  })
  .strict();
export type RequestRegistration = z.infer<typeof RequestRegistration>;
export const SelfRegistration = RequestRegistration.omit({ unitBranchId: true });

export const Decision = z.object({ note: z.string().trim().max(500).nullish() }).strict();

export const EvaluationInput = z
  .object({
    period: Period,
    side: EvaluationSide,
    grade: EvaluationGrade,
    comment: z.string().trim().max(1000).nullish(),
  })
  .strict();
export type EvaluationInput = z.infer<typeof EvaluationInput>;

const SideEval = z
  .object({ grade: EvaluationGrade, comment: z.string().nullable(), evaluatorName: z.string(), at: z.date() })
  .nullable();
export const EvaluationRow = z.object({
  member: z.object({ id: z.number().int(), name: z.string(), kind: MemberKind, homeBranchName: z.string() }),
  period: z.string(),
  community: SideEval,
  unit: SideEval,
});
export type EvaluationRow = z.infer<typeof EvaluationRow>;
export const EvaluationListQuery = PageQuery.extend({
  period: Period,
  memberId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
});

export const MyMember = z.object({
  member: PartyMember,
  registrations: z.array(Registration),
  evaluations: z.array(EvaluationRow),
});

export const CommunityOption = z.object({ id: z.number().int(), name: z.string(), address: z.string() });
export const CommunityQuery = z.object({ q: z.string().trim().max(50).optional() });
export const BranchOption = z.object({ id: z.number().int(), name: z.string(), kind: z.string(), place: z.string() });
export const BranchQuery = z.object({ q: z.string().trim().max(50).optional() });

export const IdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
