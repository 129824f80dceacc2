/** Plain value lists of the organizations module, shared by schema, contract and console (no server imports). */

/** Party organisation kinds (GLOSSARY partyOrg.kind): 党工委, 党委, 党总支, 党支部, 党小组. */
export const PARTY_ORG_KINDS = ['workingCommittee', 'committee', 'generalBranch', 'branch', 'group'] as const;
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number];

/** Kinds of units in the area 驻区单位 (SPEC module 1). */
export const UNIT_KINDS = [
  'agency',
  'institution',
  'stateOwned',
  'privateFirm',
  'socialOrganization',
  'propertyCompany',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Posts in the community party committee 社区党组织 (两委 part one). */
export const PARTY_POSTS = ['secretary', 'deputySecretary', 'member'] as const;
export type PartyPost = (typeof PARTY_POSTS)[number];
/** Posts in the residents' committee 居委会 (两委 part two). */
export const COMMITTEE_POSTS = ['director', 'deputyDirector', 'member'] as const;
export type CommitteePost = (typeof COMMITTEE_POSTS)[number];
export const EDUCATION_LEVELS = ['postgraduate', 'bachelor', 'associate', 'highSchool', 'other'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export const CANDIDATE_POSTS = ['secretary', 'deputySecretary', 'director', 'deputyDirector', 'member'] as const;
export type CandidatePost = (typeof CANDIDATE_POSTS)[number];

export const REVIEW_DEPARTMENTS = [
  'organization',
  'disciplineInspection',
  'police',
  'civilAffairs',
  'court',
  'other',
] as const;
export type ReviewDepartment = (typeof REVIEW_DEPARTMENTS)[number];
/** Departments whose pass a candidate needs (联审, seed 001); others may add a review. */
export const REQUIRED_REVIEW_DEPARTMENTS: readonly ReviewDepartment[] = [
  'organization',
  'disciplineInspection',
  'police',
  'civilAffairs',
];
