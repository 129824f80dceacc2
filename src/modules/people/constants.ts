/** Plain value lists of the people module, shared by schema, contract and console (no server imports). */

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

/** Relation to the householder 与户主关系. */
export const RELATIONS = ['householder', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/**
 * Care tags of a resident, the urgentConcern-like lists community staff keep (急难愁盼): elderly living alone,
 * empty-nest elderly, disabled, low-income (低保), special-hardship support (特困), left-behind children,
 * veterans.
 */
export const RESIDENT_TAGS = [
  'elderlyAlone',
  'emptyNest',
  'disabled',
  'lowIncome',
  'extremeHardship',
  'leftBehindChild',
  'veteran',
] as const;
export type ResidentTag = (typeof RESIDENT_TAGS)[number];

/** Chinese mainland mobile number. */
export const PHONE_RE = /^1[3-9]\d{9}$/;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 digits of a citizen ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Why an ID number is wrong: 'format' (not 17 digits + digit/X, or no real birth date), 'checksum', or null. */
export function idNumberProblem(raw: string): 'format' | 'checksum' | null {
  const v = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return 'format';
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'format';
  return idCheckChar(v.slice(0, 17)) === v[17] ? null : 'checksum';
}
