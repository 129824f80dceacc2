/**
 * Shapes of the organizations API as the console reads them: the module's zod contract (../contract.ts) on the wire
 * (dates as ISO strings, decision 034). No copies: a field added to the contract reaches these types.
 */
import type { WireOf } from '../../../web/api/wire';
import type * as C from '../contract';
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

export type PartyOrg = WireOf<typeof C.PartyOrg>;
export type PartyOrgDetail = WireOf<typeof C.PartyOrgDetail>;
/** A party organisation named in another record (a parent, a flag's org, one of a compound's four parties). */
export type OrgRef = NonNullable<PartyOrgDetail['parent']> & { secretaryName?: string | null };

export type FlagKind = WireOf<typeof C.FlagKind>;
export type Flag = WireOf<typeof C.Flag>;
export type FlagPage = WireOf<typeof C.FlagPage>;

export type Unit = WireOf<typeof C.Unit>;
export type OwnersCommittee = WireOf<typeof C.OwnersCommittee>;
export type ResidentsGroup = WireOf<typeof C.ResidentsGroup>;
export type FourParty = WireOf<typeof C.FourParty>;
export type FourPartyKey = FourParty['missing'][number];
export type CompoundBuilding = WireOf<typeof C.CompoundBuilding>;
export type CompoundOverview = WireOf<typeof C.CompoundOverview>;

export type LeadershipMember = WireOf<typeof C.LeadershipMember>;
export type LeadershipFigures = WireOf<typeof C.LeadershipFigures>;
export type GroupFigures = LeadershipFigures['secretaries'];

export type CandidateReview = WireOf<typeof C.CandidateReview>;
export type Candidate = WireOf<typeof C.Candidate>;
export type CandidateOutcome = Candidate['outcome'];
export type Election = WireOf<typeof C.Election>;
export type ElectionDetail = WireOf<typeof C.ElectionDetail>;
