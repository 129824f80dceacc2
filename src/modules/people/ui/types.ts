/** Reply shapes of the people API (src/modules/people/contract.ts), as JSON. */
export type Gender = 'male' | 'female';
export type Relation = 'householder' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'sibling' | 'other';
export const RELATIONS: Relation[] = ['householder', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'];
export type ResidentTag =
  'elderlyAlone' | 'emptyNest' | 'disabled' | 'lowIncome' | 'extremeHardship' | 'leftBehindChild' | 'veteran';
export const RESIDENT_TAGS: ResidentTag[] = [
  'elderlyAlone',
  'emptyNest',
  'disabled',
  'lowIncome',
  'extremeHardship',
  'leftBehindChild',
  'veteran',
];

export interface Resident {
  id: number;
  name: string;
  gender: Gender | null;
  birthDate: string | null;
  householdId: number;
  address: string;
  relation: Relation | null;
  tags: ResidentTag[];
  phone: string | null;
  idNumber: string | null;
  isPartyMember: boolean;
  hasAccount: boolean;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Household {
  id: number;
  name: string;
  address: string;
  path: string;
  memberCount: number;
  householderName: string | null;
}

export interface HouseholdDetail extends Household {
  ancestors: { id: number; name: string; level: string }[];
  members: Resident[];
}

export interface MyRecord {
  resident: Resident;
  household: Household;
  members: Resident[];
}

export interface ImportReport {
  mode: 'all' | 'goodRows';
  total: number;
  imported: number;
  skipped: number;
  errors: { row: number; column: string; message: string }[];
}

/** Age in whole years on the day shown. */
export function ageOf(birthDate: string | null): number | null {
  if (!birthDate) return null;
  const b = new Date(birthDate);
  const now = new Date();
  let age = now.getFullYear() - b.getFullYear();
  if (now.getMonth() < b.getMonth() || (now.getMonth() === b.getMonth() && now.getDate() < b.getDate())) age--;
  return age;
}
