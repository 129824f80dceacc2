import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import { TERRITORY_LEVELS } from '../../kernel/territory-levels.js';
import {
  CANDIDATE_POSTS,
  COMMITTEE_POSTS,
  EDUCATION_LEVELS,
  GENDERS,
  PARTY_ORG_KINDS,
  PARTY_POSTS,
  REVIEW_DEPARTMENTS,
  UNIT_KINDS,
} from './constants.js';

export {
  CANDIDATE_POSTS,
  COMMITTEE_POSTS,
  EDUCATION_LEVELS,
  GENDERS,
  PARTY_ORG_KINDS,
  PARTY_POSTS,
  REVIEW_DEPARTMENTS,
  UNIT_KINDS,
};

const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParam = z.object({ id: Id });
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Name = z.string().trim().min(1).max(100);
const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/);
const opt = <T extends z.ZodType>(s: T) => s.nullish();

export const TerritoryLevel = z.enum(TERRITORY_LEVELS);
export const TerritoryRef = z.object({ id: z.number().int(), name: z.string(), level: TerritoryLevel });

// ---------------------------------------------------------------- party organisations
export const PartyOrgKind = z.enum(PARTY_ORG_KINDS);
export type PartyOrgKind = z.infer<typeof PartyOrgKind>;

export const PartyOrg = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  kind: PartyOrgKind,
  name: z.string(),
  secretaryName: z.string().nullable(),
  foundedOn: z.string().nullable(),
  territory: TerritoryRef,
  unit: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(UNIT_KINDS) }).nullable(),
  /** Party members whose home branch this is. */
  memberCount: z.number().int(),
  childCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PartyOrg = z.infer<typeof PartyOrg>;

export const PartyOrgDetail = PartyOrg.extend({
  parent: z.object({ id: z.number().int(), name: z.string(), kind: PartyOrgKind }).nullable(),
  children: z.array(PartyOrg),
  territoryAncestors: z.array(TerritoryRef),
});

export const PartyOrgListQuery = PageQuery.extend({
  kind: PartyOrgKind.optional(),
  /** Orgs at this node and below. */
  territoryId: Id.optional(),
  q: z.string().trim().max(100).optional(),
});
export type PartyOrgListQuery = z.infer<typeof PartyOrgListQuery>;

export const PartyOrgTreeQuery = z.object({ territoryId: Id.optional() });
export const PartyOrgTree = z.object({ items: z.array(PartyOrg), truncated: z.boolean() });

export const CreatePartyOrg = z.object({
  kind: PartyOrgKind,
  name: Name,
  territoryId: Id,
  parentId: opt(Id),
  unitId: opt(Id),
  secretaryName: opt(z.string().trim().max(50)),
  foundedOn: opt(IsoDate),
});
export type CreatePartyOrg = z.infer<typeof CreatePartyOrg>;

export const UpdatePartyOrg = z
  .object({
    kind: PartyOrgKind.optional(),
    name: Name.optional(),
    parentId: opt(Id),
    unitId: opt(Id),
    secretaryName: opt(z.string().trim().max(50)),
    foundedOn: opt(IsoDate),
  })
  .strict();
export type UpdatePartyOrg = z.infer<typeof UpdatePartyOrg>;

// ---------------------------------------------------------------- flags
export const FLAG_KINDS = ['branchTooLarge', 'compoundWithoutBranch', 'buildingWithoutLead', 'nameMismatch'] as const;
export const FlagKind = z.enum(FLAG_KINDS);
export type FlagKind = z.infer<typeof FlagKind>;

export const Flag = z.object({
  kind: FlagKind,
  severity: z.enum(['high', 'medium', 'low']),
  territory: TerritoryRef,
  /** The community the flagged place lies in (for grouping). */
  community: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  org: z.object({ id: z.number().int(), name: z.string(), kind: PartyOrgKind }).nullable(),
  /** Members counted (branchTooLarge). */
  count: z.number().int().nullable(),
  message: z.string(),
  /** Where to fix it: a party organisation's page or a compound's page (with the building to look at). */
  link: z.object({
    route: z.enum(['partyOrg', 'compound']),
    id: z.number().int(),
    focusId: z.number().int().nullable(),
  }),
});
export type Flag = z.infer<typeof Flag>;

export const FlagQuery = PageQuery.extend({
  kind: FlagKind.optional(),
  /** Only flags at or below this node (the dashboard's drill-down); default the whole scope. */
  territoryId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export type FlagQuery = z.infer<typeof FlagQuery>;
export const FlagPage = z.object({
  items: z.array(Flag),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.object({
    branchTooLarge: z.number().int(),
    compoundWithoutBranch: z.number().int(),
    buildingWithoutLead: z.number().int(),
    nameMismatch: z.number().int(),
  }),
});

// ---------------------------------------------------------------- units and partners
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

export const Unit = z.object({
  id: z.number().int(),
  kind: UnitKind,
  name: z.string(),
  creditCode: z.string().nullable(),
  contactName: z.string().nullable(),
  /** Masked (138****1234) unless the viewer holds unit.revealContact. */
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  isNewOrganization: z.boolean(),
  territory: TerritoryRef,
  partyOrg: z.object({ id: z.number().int(), name: z.string(), kind: PartyOrgKind }).nullable(),
  /** A property company with a party organisation: red property 红色物业. */
  isRedProperty: z.boolean(),
  /** Compounds this property company serves. */
  compoundCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Unit = z.infer<typeof Unit>;

export const UnitListQuery = PageQuery.extend({
  kind: UnitKind.optional(),
  red: z.enum(['true', 'false']).optional(),
  territoryId: Id.optional(),
  q: z.string().trim().max(100).optional(),
});
export type UnitListQuery = z.infer<typeof UnitListQuery>;
/** The list filters, without paging, for the ledger export. */
export const UnitExportQuery = UnitListQuery.omit({ page: true, pageSize: true });
export type UnitExportQuery = z.infer<typeof UnitExportQuery>;

export const CreateUnit = z.object({
  kind: UnitKind,
  name: Name,
  territoryId: Id,
  creditCode: opt(
    z
      .string()
      .trim()
      .regex(/^[0-9A-Z]{18}$/),
  ),
  contactName: opt(z.string().trim().max(50)),
  contactPhone: opt(Phone),
  address: opt(z.string().trim().max(200)),
  isNewOrganization: z.boolean().optional(),
});
export type CreateUnit = z.infer<typeof CreateUnit>;
export const UpdateUnit = CreateUnit.omit({ territoryId: true }).partial().strict();
export type UpdateUnit = z.infer<typeof UpdateUnit>;

export const OwnersCommittee = z.object({
  id: z.number().int(),
  compound: TerritoryRef,
  name: z.string(),
  chairName: z.string().nullable(),
  chairPhone: z.string().nullable(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  membersCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type OwnersCommittee = z.infer<typeof OwnersCommittee>;
export const PartnerListQuery = PageQuery.extend({
  territoryId: Id.optional(),
  q: z.string().trim().max(100).optional(),
});
export type PartnerListQuery = z.infer<typeof PartnerListQuery>;
export const CreateOwnersCommittee = z.object({
  compoundId: Id,
  name: Name,
  chairName: opt(z.string().trim().max(50)),
  chairPhone: opt(Phone),
  termStart: opt(IsoDate),
  termEnd: opt(IsoDate),
  membersCount: z.number().int().min(0).max(1000).optional(),
});
export type CreateOwnersCommittee = z.infer<typeof CreateOwnersCommittee>;
export const UpdateOwnersCommittee = CreateOwnersCommittee.omit({ compoundId: true }).partial().strict();
export type UpdateOwnersCommittee = z.infer<typeof UpdateOwnersCommittee>;

export const ResidentsGroup = z.object({
  id: z.number().int(),
  territory: TerritoryRef,
  name: z.string(),
  leaderName: z.string().nullable(),
  leaderPhone: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ResidentsGroup = z.infer<typeof ResidentsGroup>;
export const CreateResidentsGroup = z.object({
  territoryId: Id,
  name: Name,
  leaderName: opt(z.string().trim().max(50)),
  leaderPhone: opt(Phone),
});
export type CreateResidentsGroup = z.infer<typeof CreateResidentsGroup>;
export const UpdateResidentsGroup = CreateResidentsGroup.omit({ territoryId: true }).partial().strict();
export type UpdateResidentsGroup = z.infer<typeof UpdateResidentsGroup>;

export const SetCompoundProperty = z.object({ unitId: Id });

const OrgRef = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: PartyOrgKind,
  secretaryName: z.string().nullable(),
});

/** The four parties of a compound 四方联动 (seed 000): community committee, compound branch, owners' committee, property company. */
export const FourParty = z.object({
  compound: TerritoryRef,
  community: z.object({ id: z.number().int(), name: z.string() }),
  communityCommittee: OrgRef.nullable(),
  compoundBranch: OrgRef.nullable(),
  ownersCommittee: OwnersCommittee.nullable(),
  propertyCompany: z
    .object({
      id: z.number().int(),
      name: z.string(),
      isRed: z.boolean(),
      partyOrg: OrgRef.nullable(),
      contactName: z.string().nullable(),
      contactPhone: z.string().nullable(),
    })
    .nullable(),
  missing: z.array(z.enum(['communityCommittee', 'compoundBranch', 'ownersCommittee', 'propertyCompany'])),
});
export type FourParty = z.infer<typeof FourParty>;

export const CompoundBuilding = z.object({
  id: z.number().int(),
  name: z.string(),
  leadName: z.string().nullable(),
  partyGroup: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** Party members whose record lies under this building. */
  memberCount: z.number().int(),
  flagged: z.boolean(),
});

export const CompoundOverview = z.object({
  fourParty: FourParty,
  buildings: z.array(CompoundBuilding),
  residentsGroups: z.array(ResidentsGroup),
  partyOrgs: z.array(PartyOrg),
});

// ---------------------------------------------------------------- leadership teams 两委
export const PartyPost = z.enum(PARTY_POSTS);
export const CommitteePost = z.enum(COMMITTEE_POSTS);
export const Education = z.enum(EDUCATION_LEVELS);
export const Gender = z.enum(GENDERS);

export const LeadershipMember = z.object({
  id: z.number().int(),
  community: z.object({ id: z.number().int(), name: z.string() }),
  name: z.string(),
  gender: Gender.nullable(),
  birthDate: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  age: z.number().int().nullable(),
  education: Education.nullable(),
  partyPost: PartyPost.nullable(),
  committeePost: CommitteePost.nullable(),
  /** Secretary who is also director 一肩挑. */
  dualRole: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type LeadershipMember = z.infer<typeof LeadershipMember>;

export const LeadershipListQuery = PageQuery.extend({
  territoryId: Id.optional(),
  q: z.string().trim().max(100).optional(),
});
export type LeadershipListQuery = z.infer<typeof LeadershipListQuery>;

const leadershipFields = {
  name: Name,
  gender: opt(Gender),
  birthDate: opt(IsoDate),
  birthYear: opt(z.number().int().min(1920).max(2015)),
  education: opt(Education),
  partyPost: opt(PartyPost),
  committeePost: opt(CommitteePost),
};
export const CreateLeadershipMember = z.object({ communityId: Id, ...leadershipFields });
export type CreateLeadershipMember = z.infer<typeof CreateLeadershipMember>;
export const UpdateLeadershipMember = z.object(leadershipFields).partial().strict();
export type UpdateLeadershipMember = z.infer<typeof UpdateLeadershipMember>;

export const FiguresQuery = z.object({ territoryId: Id.optional() });
const Mix = z.object({
  postgraduate: z.number().int(),
  bachelor: z.number().int(),
  associate: z.number().int(),
  highSchool: z.number().int(),
  other: z.number().int(),
  unknown: z.number().int(),
});
const GroupFigures = z.object({
  count: z.number().int(),
  /** Years, one decimal, from birth dates against today; null when no ages are known. */
  averageAge: z.number().nullable(),
  educationMix: Mix,
  /** Share (0–1) with associate degree or above 大专及以上, of those whose education is known. */
  degreeRate: z.number().nullable(),
  ageBands: z.object({
    under30: z.number().int(),
    from30to39: z.number().int(),
    from40to49: z.number().int(),
    from50to59: z.number().int(),
    from60: z.number().int(),
    unknown: z.number().int(),
  }),
  female: z.number().int(),
});
/** 两委 figures for a subtree (seed 001 reports 31 secretaries, average age 39.5, 100% degree, 100% 一肩挑). */
export const LeadershipFigures = z.object({
  communities: z.number().int(),
  communitiesWithTeam: z.number().int(),
  communitiesWithSecretary: z.number().int(),
  dualRoleCommunities: z.number().int(),
  /** Communities whose secretary is also director, over communities with a secretary (0–1). */
  dualRoleRate: z.number().nullable(),
  secretaries: GroupFigures,
  members: GroupFigures,
});
export type LeadershipFigures = z.infer<typeof LeadershipFigures>;

// ---------------------------------------------------------------- elections and joint review 联审
export const CandidatePost = z.enum(CANDIDATE_POSTS);
export const ReviewDepartment = z.enum(REVIEW_DEPARTMENTS);
export const ReviewOutcome = z.enum(['pass', 'fail']);

export const CandidateReview = z.object({
  id: z.number().int(),
  department: ReviewDepartment,
  outcome: ReviewOutcome,
  note: z.string().nullable(),
  reviewedOn: z.string().nullable(),
});
export const Candidate = z.object({
  id: z.number().int(),
  electionId: z.number().int(),
  name: z.string(),
  postSought: CandidatePost,
  reviews: z.array(CandidateReview),
  /** fail when any department failed them; pass when every required department passed them; else pending. */
  outcome: z.enum(['pass', 'fail', 'pending']),
});
export type Candidate = z.infer<typeof Candidate>;

export const Election = z.object({
  id: z.number().int(),
  community: z.object({ id: z.number().int(), name: z.string() }),
  name: z.string(),
  heldOn: z.string(),
  candidateCount: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  createdAt: z.date(),
});
export type Election = z.infer<typeof Election>;
export const ElectionDetail = Election.extend({
  candidates: z.array(Candidate),
  requiredDepartments: z.array(ReviewDepartment),
});
export const ElectionListQuery = PageQuery.extend({ territoryId: Id.optional() });
export type ElectionListQuery = z.infer<typeof ElectionListQuery>;
export const CreateElection = z.object({ communityId: Id, name: Name, heldOn: IsoDate });
export type CreateElection = z.infer<typeof CreateElection>;
export const CreateCandidate = z.object({ name: Name, postSought: CandidatePost });
export type CreateCandidate = z.infer<typeof CreateCandidate>;
export const RecordReview = z.object({
  department: ReviewDepartment,
  outcome: ReviewOutcome,
  note: opt(z.string().trim().max(500)),
  reviewedOn: opt(IsoDate),
});
export type RecordReview = z.infer<typeof RecordReview>;
