import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import { PhoneNumber } from '../people/contract.js';
import { OrderDetail, OrderStatus } from '../service-orders/contract.js';
import { DISPUTE_CATEGORIES, MEDIATION_OUTCOMES, PARTY_ROLES, TEAM_MEMBER_ROLES } from './constants.js';

export * from './constants.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParam = z.object({ id: Id });
export const OrderIdParam = z.object({ orderId: Id });
export const PartyParam = z.object({ orderId: Id, partyId: Id });
const Name = z.string().trim().min(1).max(60);
const Text = z.string().trim().max(2000);
/** A calendar day `YYYY-MM-DD` (China time, as typed). */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { message: 'mediation.badDate' });
const Ref = z.object({ id: z.number().int(), name: z.string() });
export const TeamMemberRole = z.enum(TEAM_MEMBER_ROLES);
export const PartyRole = z.enum(PARTY_ROLES);
export const MediationOutcome = z.enum(MEDIATION_OUTCOMES);

// Teams ------------------------------------------------------------------------------------------------------

export const TeamMember = z.object({
  id: z.number().int(),
  name: z.string(),
  role: TeamMemberRole,
  /** Always masked (138****1234). */
  phone: z.string().nullable(),
  partyMember: Ref.nullable(),
  account: Ref.nullable(),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const Team = z.object({
  id: z.number().int(),
  community: Ref,
  name: z.string(),
  description: z.string().nullable(),
  place: z.string().nullable(),
  active: z.boolean(),
  members: z.array(TeamMember),
  /** Cases sent to the team, and those of them not yet resolved. */
  caseCount: z.number().int(),
  openCaseCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Team = z.infer<typeof Team>;

export const TeamMemberInput = z
  .object({
    /** An existing member to keep (its phone stays unless `phone` is given). */
    id: Id.nullish(),
    name: Name,
    role: TeamMemberRole,
    phone: PhoneNumber.nullish(),
    partyMemberId: Id.nullish(),
    accountId: Id.nullish(),
  })
  .strict();
export type TeamMemberInput = z.infer<typeof TeamMemberInput>;

export const CreateTeam = z
  .object({
    communityId: Id,
    name: Name,
    description: Text.nullish(),
    place: z.string().trim().max(100).nullish(),
    active: z.boolean().optional(),
    members: z.array(TeamMemberInput).max(50).default([]),
  })
  .strict();
export type CreateTeam = z.infer<typeof CreateTeam>;
export const UpdateTeam = CreateTeam.omit({ communityId: true, members: true })
  .partial()
  .extend({ members: z.array(TeamMemberInput).max(50).optional() })
  .strict();
export type UpdateTeam = z.infer<typeof UpdateTeam>;

export const TeamQuery = PageQuery.extend({
  communityId: Id.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(60).optional(),
});
export type TeamQuery = z.infer<typeof TeamQuery>;

// Cases ------------------------------------------------------------------------------------------------------

export const Party = z.object({
  id: z.number().int(),
  name: z.string(),
  role: PartyRole,
  /** Always masked; the plain number only through the audited reveal. */
  contact: z.string().nullable(),
  note: z.string().nullable(),
});
export type Party = z.infer<typeof Party>;
export const PartyInput = z
  .object({ name: Name, role: PartyRole, contact: PhoneNumber.nullish(), note: Text.nullish() })
  .strict();
export type PartyInput = z.infer<typeof PartyInput>;
export const RevealedParty = z.object({ id: z.number().int(), contact: z.string().nullable() });

export const Session = z.object({
  id: z.number().int(),
  heldAt: z.date(),
  place: z.string(),
  attendees: z.array(z.string()),
  notes: z.string(),
  recordedBy: Ref.nullable(),
});
export type Session = z.infer<typeof Session>;
export const SessionInput = z
  .object({
    heldAt: z.coerce.date(),
    place: z.string().trim().min(1).max(100),
    attendees: z.array(Name).min(1).max(30),
    notes: Text.min(1),
  })
  .strict();
export type SessionInput = z.infer<typeof SessionInput>;

export const Agreement = z.object({
  text: z.string(),
  signedOn: z.string().nullable(),
  attachmentId: z.number().int().nullable(),
});
export const AgreementInput = z.object({ text: Text.min(1), signedOn: Day, attachmentId: Id.nullish() }).strict();
export type AgreementInput = z.infer<typeof AgreementInput>;

export const OutcomeInput = z
  .object({ outcome: MediationOutcome, note: Text.min(1), followUpDueOn: Day.nullish() })
  .strict();
export type OutcomeInput = z.infer<typeof OutcomeInput>;
export const FollowUpInput = z.object({ visitedOn: Day, note: Text.min(1) }).strict();
export type FollowUpInput = z.infer<typeof FollowUpInput>;

export const CaseInfo = z.object({
  team: Ref.nullable(),
  mediator: Ref.nullable(),
  parties: z.array(Party),
  sessions: z.array(Session),
  agreement: Agreement.nullable(),
  outcome: MediationOutcome.nullable(),
  outcomeNote: z.string().nullable(),
  outcomeAt: z.date().nullable(),
  followUp: z.object({ dueOn: z.string().nullable(), visitedOn: z.string().nullable(), note: z.string().nullable() }),
});
export type CaseInfo = z.infer<typeof CaseInfo>;
export const MediationCase = z.object({ order: OrderDetail, case: CaseInfo });
export type MediationCase = z.infer<typeof MediationCase>;

export const CaseListItem = z.object({
  id: z.number().int(),
  title: z.string(),
  category: z.string(),
  status: OrderStatus,
  community: Ref,
  team: Ref.nullable(),
  mediator: Ref.nullable(),
  /** Names only (no contact): 张三 诉 李四. */
  parties: z.array(z.object({ name: z.string(), role: PartyRole })),
  sessionCount: z.number().int(),
  outcome: MediationOutcome.nullable(),
  overdue: z.boolean(),
  createdAt: z.date(),
});
export type CaseListItem = z.infer<typeof CaseListItem>;
export const CaseQuery = PageQuery.extend({
  status: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(OrderStatus).min(1))
    .optional(),
  teamId: Id.optional(),
  territoryId: Id.optional(),
  outcome: MediationOutcome.optional(),
  q: z.string().trim().max(100).optional(),
});
export type CaseQuery = z.infer<typeof CaseQuery>;

export const CreateCase = z
  .object({
    title: z.string().trim().min(1).max(100),
    description: Text.nullish(),
    category: z.enum(DISPUTE_CATEGORIES).default('neighbourhood'),
    territoryId: Id.nullish(),
    /** The parties; a resident asking for mediation is added as the applicant when no applicant is given. */
    parties: z.array(PartyInput).max(20).default([]),
  })
  .strict();
export type CreateCase = z.infer<typeof CreateCase>;

export const AssignInput = z
  .object({
    teamId: Id,
    /** The team member who leads the case; default: the team's leader. */
    mediatorId: Id.nullish(),
    note: Text.nullish(),
    respondHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .nullish(),
    resolveHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .nullish(),
  })
  .strict();
export type AssignInput = z.infer<typeof AssignInput>;
