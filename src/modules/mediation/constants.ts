/** Roles in a mediation team 调解小分队 (seed 001: 60 teams; seed 002: 金大姐说事室). */
export const TEAM_MEMBER_ROLES = ['leader', 'mediator', 'member'] as const;
export type TeamMemberRole = (typeof TEAM_MEMBER_ROLES)[number];

/** A party 当事人 of a dispute: who applied, who answers, anyone else involved. */
export const PARTY_ROLES = ['applicant', 'respondent', 'other'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/**
 * How a mediation ended: agreed 调解成功, partly agreed 部分达成, failed 调解不成, referred to the judicial office
 * 移交司法所 or to the court 引导诉讼. Every outcome resolves the order (the community's part is done).
 */
export const MEDIATION_OUTCOMES = ['agreed', 'partlyAgreed', 'failed', 'referredJudicial', 'referredCourt'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];
/** Outcomes that need a written agreement 调解协议 before they are recorded. */
export const OUTCOMES_WITH_AGREEMENT: readonly MediationOutcome[] = ['agreed', 'partlyAgreed'];

/** Kinds of dispute (a subset of the order categories); 'neighbourhood' 邻里纠纷 is the default. */
export const DISPUTE_CATEGORIES = ['neighbourhood', 'property', 'repair', 'parking', 'environment', 'other'] as const;
