import { and, desc, eq, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import type { MemberPointEntry } from '../party-members/index.js';
import { pointEntries as e } from './schema.js';

/**
 * A party member's entries in the one ledger: credited to their member record, or to the person they are
 * (`m:<member>`, or `a:<account>` when the member signs in) — the same person `/api/points/mine` sums.
 */
const ofMember = (memberId: AnyColumn | SQL | number, accountId: AnyColumn | SQL | number | null): SQL =>
  or(
    eq(e.memberId, memberId as number),
    sql`${e.personKey} = 'm:' || ${memberId}`,
    accountId === null ? sql`false` : sql`${e.personKey} = 'a:' || ${accountId}`,
  )!;

/** The member's points figure: the sum of their posted entries (issue 10 item 10), as a subquery per row. */
export const memberTotalSql = (memberId: AnyColumn | SQL, accountId: AnyColumn | SQL): SQL<number> =>
  sql<number>`(select coalesce(sum(pe.points), 0)::int from ${e} pe where pe.status = 'posted' and (pe.member_id = ${memberId} or pe.person_key = 'm:' || ${memberId} or (${accountId} is not null and pe.person_key = 'a:' || ${accountId})))`;

/** The member's ledger, newest first. */
export async function memberLedger(
  db: DbOrTx,
  member: { id: number; accountId: number | null },
  limit: number,
): Promise<MemberPointEntry[]> {
  return db
    .select({
      id: e.id,
      source: e.source,
      ref: e.ref,
      quantity: e.quantity,
      requested: e.requested,
      points: e.points,
      reason: e.reason,
      status: e.status,
      period: e.period,
      at: e.at,
    })
    .from(e)
    .where(and(ofMember(member.id, member.accountId)))
    .orderBy(desc(e.at), desc(e.id))
    .limit(limit);
}
