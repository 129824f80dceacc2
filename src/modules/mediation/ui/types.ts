/** Console-side shapes of the mediation API: its zod contract as JSON (types only: no server code in the bundle). */
import type { z } from 'zod';
import type { Wire } from '../../../web/api/types';
import type * as C from '../contract';

export {
  DISPUTE_CATEGORIES,
  MEDIATION_OUTCOMES,
  PARTY_ROLES,
  TEAM_MEMBER_ROLES,
  type MediationOutcome,
  type PartyRole,
  type TeamMemberRole,
} from '../constants';
import type { MediationOutcome } from '../constants';

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
export type TeamMember = Wire<z.infer<typeof C.TeamMember>>;
export type Team = Wire<z.infer<typeof C.Team>>;
export type Party = Wire<z.infer<typeof C.Party>>;
export type Session = Wire<z.infer<typeof C.Session>>;
export type CaseListItem = Wire<z.infer<typeof C.CaseListItem>>;
export type CaseDetail = Wire<z.infer<typeof C.MediationCase>>;
export type TimelineEvent = CaseDetail['order']['timeline'][number];

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
