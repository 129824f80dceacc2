/** Shapes of the organizations API (src/modules/organizations/contract.ts), as the console reads them (dates as strings). */
import type {
  CandidatePost,
  CommitteePost,
  EducationLevel,
  Gender,
  PartyOrgKind,
  PartyPost,
  ReviewDepartment,
  UnitKind,
} from '../constants';
import type { TerritoryRef } from '../../../web/api/types';

export type {
  CandidatePost,
  CommitteePost,
  EducationLevel,
  Gender,
  PartyOrgKind,
  PartyPost,
  ReviewDepartment,
  UnitKind,
};

export interface OrgRef {
  id: number;
  name: string;
  kind: PartyOrgKind;
  secretaryName?: string | null;
}

export interface PartyOrg {
  id: number;
  parentId: number | null;
  kind: PartyOrgKind;
  name: string;
  secretaryName: string | null;
  foundedOn: string | null;
  territory: TerritoryRef;
  unit: { id: number; name: string; kind: UnitKind } | null;
  memberCount: number;
  childCount: number;
}

export interface PartyOrgDetail extends PartyOrg {
  parent: OrgRef | null;
  children: PartyOrg[];
  territoryAncestors: TerritoryRef[];
}

export type FlagKind = 'branchTooLarge' | 'compoundWithoutBranch' | 'buildingWithoutLead' | 'nameMismatch';
export interface Flag {
  kind: FlagKind;
  severity: 'high' | 'medium' | 'low';
  territory: TerritoryRef;
  community: { id: number; name: string } | null;
  org: OrgRef | null;
  count: number | null;
  message: string;
  link: { route: 'partyOrg' | 'compound'; id: number; focusId: number | null };
}
export interface FlagPage {
  items: Flag[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<FlagKind, number>;
}

export interface Unit {
  id: number;
  kind: UnitKind;
  name: string;
  creditCode: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  isNewOrganization: boolean;
  territory: TerritoryRef;
  partyOrg: OrgRef | null;
  isRedProperty: boolean;
  compoundCount: number;
}

export interface OwnersCommittee {
  id: number;
  compound: TerritoryRef;
  name: string;
  chairName: string | null;
  chairPhone: string | null;
  termStart: string | null;
  termEnd: string | null;
  membersCount: number;
}

export interface ResidentsGroup {
  id: number;
  territory: TerritoryRef;
  name: string;
  leaderName: string | null;
  leaderPhone: string | null;
}

export type FourPartyKey = 'communityCommittee' | 'compoundBranch' | 'ownersCommittee' | 'propertyCompany';
export interface FourParty {
  compound: TerritoryRef;
  community: { id: number; name: string };
  communityCommittee: OrgRef | null;
  compoundBranch: OrgRef | null;
  ownersCommittee: OwnersCommittee | null;
  propertyCompany: {
    id: number;
    name: string;
    isRed: boolean;
    partyOrg: OrgRef | null;
    contactName: string | null;
    contactPhone: string | null;
  } | null;
  missing: FourPartyKey[];
}

export interface CompoundBuilding {
  id: number;
  name: string;
  leadName: string | null;
  partyGroup: { id: number; name: string } | null;
  memberCount: number;
  flagged: boolean;
}

export interface CompoundOverview {
  fourParty: FourParty;
  buildings: CompoundBuilding[];
  residentsGroups: ResidentsGroup[];
  partyOrgs: PartyOrg[];
}

export interface LeadershipMember {
  id: number;
  community: { id: number; name: string };
  name: string;
  gender: Gender | null;
  birthDate: string | null;
  birthYear: number | null;
  age: number | null;
  education: EducationLevel | null;
  partyPost: PartyPost | null;
  committeePost: CommitteePost | null;
  dualRole: boolean;
}

export interface GroupFigures {
  count: number;
  averageAge: number | null;
  educationMix: Record<EducationLevel | 'unknown', number>;
  degreeRate: number | null;
  ageBands: {
    under30: number;
    from30to39: number;
    from40to49: number;
    from50to59: number;
    from60: number;
    unknown: number;
  };
  female: number;
}
export interface LeadershipFigures {
  communities: number;
  communitiesWithTeam: number;
  communitiesWithSecretary: number;
  dualRoleCommunities: number;
  dualRoleRate: number | null;
  secretaries: GroupFigures;
  members: GroupFigures;
}

export interface CandidateReview {
  id: number;
  department: ReviewDepartment;
  outcome: 'pass' | 'fail';
  note: string | null;
  reviewedOn: string | null;
}
export type CandidateOutcome = 'pass' | 'fail' | 'pending';
export interface Candidate {
  id: number;
  electionId: number;
  name: string;
  postSought: CandidatePost;
  reviews: CandidateReview[];
  outcome: CandidateOutcome;
}
export interface Election {
  id: number;
  community: { id: number; name: string };
  name: string;
  heldOn: string;
  candidateCount: number;
  passed: number;
  failed: number;
  pending: number;
}
export interface ElectionDetail extends Election {
  candidates: Candidate[];
  requiredDepartments: ReviewDepartment[];
}
