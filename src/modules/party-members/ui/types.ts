/**
 * Reply shapes of the party-members API: the module's zod contract (../contract.ts) on the wire (dates as ISO
 * strings, decision 034); the value lists come from ../constants.ts, which both sides share.
 */
import type { WireOf } from '../../../web/api/wire';
import type * as C from '../contract';
import type { EvaluationGrade, MemberKind, MemberPost, RegistrationStatus } from '../constants';

export { EVALUATION_GRADES as GRADES, MEMBER_KINDS, MEMBER_POSTS } from '../constants';
export type { MemberKind, MemberPost, RegistrationStatus };
export type Grade = EvaluationGrade;

export type PartyMember = WireOf<typeof C.PartyMember>;
export type Registration = WireOf<typeof C.Registration>;
export type EvaluationRow = WireOf<typeof C.EvaluationRow>;
export type SideEvaluation = NonNullable<EvaluationRow['community']>;
export type MyMember = WireOf<typeof C.MyMember>;

/** Evaluation periods offered in pickers: the last three years and their halves, newest first. */
export function recentPeriods(now = new Date()): string[] {
  const y = now.getFullYear();
  const out: string[] = [];
  for (const year of [y, y - 1, y - 2]) out.push(String(year), `${year}-H2`, `${year}-H1`);
  return out;
}

/** The member's points ledger (GET /api/party-members/:id/points): points come only from these records. */
export type MemberPoints = WireOf<typeof C.MemberPoints>;
export type MemberPointEntry = MemberPoints['entries'][number];
