/** Console-side shapes of the mediation API (mirrors contract.ts; the UI never imports server code). */
export const TEAM_MEMBER_ROLES = ['leader', 'mediator', 'member'] as const;
export type TeamMemberRole = (typeof TEAM_MEMBER_ROLES)[number];
export const PARTY_ROLES = ['applicant', 'respondent', 'other'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const MEDIATION_OUTCOMES = ['agreed', 'partlyAgreed', 'failed', 'referredJudicial', 'referredCourt'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];
export const DISPUTE_CATEGORIES = ['neighbourhood', 'property', 'repair', 'parking', 'environment', 'other'] as const;
export const CASE_STATUSES = [
  'submitted',
  'dispatched',
  'accepted',
  'inProgress',
  'resolved',
  'rated',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number] | 'open';

export interface Ref {
  id: number;
  name: string;
}
export interface TeamMember {
  id: number;
  name: string;
  role: TeamMemberRole;
  phone: string | null;
  partyMember: Ref | null;
  account: Ref | null;
}
export interface Team {
  id: number;
  community: Ref;
  name: string;
  description: string | null;
  place: string | null;
  active: boolean;
  members: TeamMember[];
  caseCount: number;
  openCaseCount: number;
  updatedAt: string;
}
export interface Party {
  id: number;
  name: string;
  role: PartyRole;
  contact: string | null;
  note: string | null;
}
export interface Session {
  id: number;
  heldAt: string;
  place: string;
  attendees: string[];
  notes: string;
  recordedBy: Ref | null;
}
export interface CaseListItem {
  id: number;
  title: string;
  category: string;
  status: CaseStatus;
  community: Ref;
  team: Ref | null;
  mediator: Ref | null;
  parties: { name: string; role: PartyRole }[];
  sessionCount: number;
  outcome: MediationOutcome | null;
  overdue: boolean;
  createdAt: string;
}
export interface TimelineEvent {
  id: number;
  at: string;
  action: string;
  toStatus: string | null;
  actor: Ref | null;
  note: string | null;
}
export interface CaseDetail {
  order: {
    id: number;
    title: string;
    description: string | null;
    category: string;
    status: CaseStatus;
    community: Ref;
    territory: Ref & { level: string };
    reporter: Ref | null;
    handler: { kind: string; member: Ref | null; account: Ref | null; department: string | null } | null;
    respondBy: string;
    resolveBy: string;
    overdue: boolean;
    rating: string | null;
    ratingComment: string | null;
    createdAt: string;
    timeline: TimelineEvent[];
  };
  case: {
    team: Ref | null;
    mediator: Ref | null;
    parties: Party[];
    sessions: Session[];
    agreement: { text: string; signedOn: string | null; attachmentId: number | null } | null;
    outcome: MediationOutcome | null;
    outcomeNote: string | null;
    outcomeAt: string | null;
    followUp: { dueOn: string | null; visitedOn: string | null; note: string | null };
  };
}

export const STATUS_COLORS: Record<string, string> = {
  submitted: 'orange',
  dispatched: 'gold',
  open: 'gold',
  accepted: 'blue',
  inProgress: 'processing',
  resolved: 'green',
  rated: 'success',
  closed: 'default',
};
export const OUTCOME_COLORS: Record<MediationOutcome, string> = {
  agreed: 'success',
  partlyAgreed: 'green',
  failed: 'error',
  referredJudicial: 'purple',
  referredCourt: 'magenta',
};
