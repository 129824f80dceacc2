/** Plain value lists of the party-members module, shared by schema, contract and console (no server imports). */

/** GLOSSARY partyMember.kind: resident, in-service 在职, retired, mobile 流动. */
export const MEMBER_KINDS = ['resident', 'inService', 'retired', 'mobile'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

/** Posts a member holds: 先锋岗, 示范岗, 责任区, 楼栋长, 志愿服务岗 (seeds 000, 001, 004). */
export const MEMBER_POSTS = [
  'vanguardPost',
  'modelPost',
  'responsibilityArea',
  'buildingLead',
  'volunteerPost',
] as const;
export type MemberPost = (typeof MEMBER_POSTS)[number];

/** Dual registration 双报到 lifecycle. */
export const REGISTRATION_STATUSES = ['pending', 'confirmed', 'rejected', 'withdrawn'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Dual evaluation 双评议: the residential community's side and the unit's side. */
export const EVALUATION_SIDES = ['community', 'unit'] as const;
export type EvaluationSide = (typeof EVALUATION_SIDES)[number];
export const EVALUATION_GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];

/** Party organisation kinds that can be a member's home branch (they hold members; a party group does not). */
export const HOME_BRANCH_KINDS = ['branch', 'generalBranch', 'committee'] as const;

/** An evaluation period: a year (2025) or a half-year (2025-H1 / 2025-H2). */
export const PERIOD_RE = /^(19|20)\d{2}(-H[12])?$/;
