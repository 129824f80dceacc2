/** Reply shapes of the people API: its zod contract (src/modules/people/contract.ts) as JSON. */
import type { z } from 'zod';
import type { Wire } from '../../../web/api/types';
import type * as C from '../contract';

export { RELATIONS, RESIDENT_TAGS, type Gender, type Relation, type ResidentTag } from '../constants';

export type Resident = Wire<z.infer<typeof C.Resident>>;
export type Household = Wire<z.infer<typeof C.Household>>;
export type HouseholdDetail = Wire<z.infer<typeof C.HouseholdDetail>>;
export type MyRecord = Wire<z.infer<typeof C.MyRecord>>;

/** The ledger import's reply (src/kernel/ledger, which has no contract module). */
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
