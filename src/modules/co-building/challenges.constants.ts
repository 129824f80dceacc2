/**
 * 揭榜挂帅 challenge states (decision 041): open → taken → inProgress → solved / failed; withdrawn from open or
 * taken. The allowed moves are listed here once; the service refuses any other with 409.
 */
export const CHALLENGE_STATUSES = ['open', 'taken', 'inProgress', 'solved', 'failed', 'withdrawn'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];
export const CHALLENGE_MOVES: Record<ChallengeStatus, readonly ChallengeStatus[]> = {
  open: ['taken', 'withdrawn'],
  taken: ['inProgress', 'withdrawn'],
  inProgress: ['solved', 'failed'],
  solved: [],
  failed: [],
  withdrawn: [],
};
/** Who takes the 榜: a cadre 干部, a party member 党员, a unit 单位. */
export const APPLICANT_KINDS = ['cadre', 'member', 'unit'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];
export const APPLICANT_DECISIONS = ['pending', 'picked', 'notPicked'] as const;
export type ApplicantDecision = (typeof APPLICANT_DECISIONS)[number];
