import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';

/** One row of a member's points ledger, as the member's page shows it (issue 10 item 10). */
export interface MemberPointEntry {
  id: number;
  /** What earned it: activityHours, serviceFair, orderDone, wishClaimed, meetingAttended, manual. */
  source: string;
  /** The record that earned it: `order:12`, `signup:3`, `manual:…`. */
  ref: string;
  quantity: number;
  /** What the rule gave, and what was credited after the period's cap. */
  requested: number;
  points: number;
  reason: string | null;
  status: string;
  period: string;
  at: Date;
}

/**
 * A member's points live in the one points ledger of the volunteering module (decision 022, 027), which depends on
 * this module, not the other way round (decision 015): it hands in the SQL over its ledger from its manifest's
 * `setup`. Until then a member has no points (0, no rows) — never a number of their own.
 */
export interface MemberPointsSource {
  /** The posted points of the member whose id (and account id) are these columns. */
  total: (memberId: AnyColumn | SQL, accountId: AnyColumn | SQL) => SQL<number>;
  /** The member's ledger, newest first. */
  ledger: (db: DbOrTx, member: { id: number; accountId: number | null }, limit: number) => Promise<MemberPointEntry[]>;
}

const source: MemberPointsSource = {
  total: () => sql<number>`0`,
  ledger: () => Promise.resolve([]),
};

/** Called from the volunteering module's manifest `setup`. */
export function provideMemberPoints(given: MemberPointsSource): void {
  Object.assign(source, given);
}

export const memberPoints: Readonly<MemberPointsSource> = source;
