import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { partyMembers } from './schema.js';

export interface RosterMember {
  id: number;
  name: string;
  homeBranchId: number;
  accountId: number | null;
  scopePath: string;
}

/** The members held by the given branches, with their sign-in accounts (for rosters of branch sessions). */
export async function branchRoster(db: DbOrTx, branchIds: readonly number[]): Promise<RosterMember[]> {
  if (!branchIds.length) return [];
  return db
    .select({
      id: partyMembers.id,
      name: partyMembers.name,
      homeBranchId: partyMembers.homeBranchId,
      accountId: partyMembers.accountId,
      scopePath: partyMembers.scopePath,
    })
    .from(partyMembers)
    .where(inArray(partyMembers.homeBranchId, [...branchIds]))
    .orderBy(asc(partyMembers.id));
}

/** The party-member records of an account (a member signs in with it). */
export async function membersOfAccount(db: DbOrTx, accountId: number): Promise<RosterMember[]> {
  return db
    .select({
      id: partyMembers.id,
      name: partyMembers.name,
      homeBranchId: partyMembers.homeBranchId,
      accountId: partyMembers.accountId,
      scopePath: partyMembers.scopePath,
    })
    .from(partyMembers)
    .where(eq(partyMembers.accountId, accountId));
}
