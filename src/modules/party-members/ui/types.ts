/** Reply shapes of the party-members API (src/modules/party-members/contract.ts), as JSON. */
export type MemberKind = 'resident' | 'inService' | 'retired' | 'mobile';
export const MEMBER_KINDS: MemberKind[] = ['resident', 'inService', 'retired', 'mobile'];
export type MemberPost = 'vanguardPost' | 'modelPost' | 'responsibilityArea' | 'buildingLead' | 'volunteerPost';
export const MEMBER_POSTS: MemberPost[] = [
  'vanguardPost',
  'modelPost',
  'responsibilityArea',
  'buildingLead',
  'volunteerPost',
];
export type RegistrationStatus = 'pending' | 'confirmed' | 'rejected' | 'withdrawn';
export type Grade = 'excellent' | 'good' | 'fair' | 'poor';
export const GRADES: Grade[] = ['excellent', 'good', 'fair', 'poor'];

export interface PartyMember {
  id: number;
  name: string;
  kind: MemberKind;
  homeBranch: { id: number; name: string; kind: string };
  territoryId: number;
  residentId: number | null;
  hasAccount: boolean;
  joinedOn: string | null;
  posts: MemberPost[];
  points: number;
  registeredCommunityIds: number[];
  registeredCommunities: { id: number; name: string }[];
  viaRegistration: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Registration {
  id: number;
  member: { id: number; name: string; kind: MemberKind; homeBranchName: string };
  community: { id: number; name: string; address: string };
  unitBranch: { id: number; name: string } | null;
  status: RegistrationStatus;
  requestedAt: string;
  decidedAt: string | null;
  decidedByName: string | null;
  /** The member's application note. */
  note: string | null;
  /** The reviewer's note (confirm or reject). */
  decisionNote: string | null;
}

export interface SideEvaluation {
  grade: Grade;
  comment: string | null;
  evaluatorName: string;
  at: string;
}

export interface EvaluationRow {
  member: { id: number; name: string; kind: MemberKind; homeBranchName: string };
  period: string;
  community: SideEvaluation | null;
  unit: SideEvaluation | null;
}

export interface MyMember {
  member: PartyMember;
  registrations: Registration[];
  evaluations: EvaluationRow[];
}

/** Evaluation periods offered in pickers: the last three years and their halves, newest first. */
export function recentPeriods(now = new Date()): string[] {
  const y = now.getFullYear();
  const out: string[] = [];
  for (const year of [y, y - 1, y - 2]) out.push(String(year), `${year}-H2`, `${year}-H1`);
  return out;
}

/** The member's points ledger (GET /api/party-members/:id/points): points come only from these records. */
export interface MemberPointEntry {
  id: number;
  source: string;
  ref: string;
  quantity: number;
  requested: number;
  points: number;
  reason: string | null;
  status: 'posted' | 'pending' | 'rejected';
  period: string;
  at: string;
}
export interface MemberPoints {
  memberId: number;
  points: number;
  entries: MemberPointEntry[];
}
