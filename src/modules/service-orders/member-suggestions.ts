import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { pathIds } from '../../kernel/scope/scope.js';
import { dualRegistrations, partyMembers } from '../party-members/index.js';
import { residents } from '../people/index.js';
import { UNFINISHED } from './constants.js';
import type { DispatchTarget } from './contract.js';
import { serviceOrders as o } from './schema.js';

/** How near a member lives to the order's place: the level of the lowest place both lie in, below the community. */
export type Nearness = 'building' | 'compound' | 'community';

export interface MemberSuggestion {
  memberId: number;
  name: string;
  near: Nearness;
  /** Orders of this category the member finished and no one rated unsatisfied: their skill, from records. */
  done: number;
  /** Orders in the member's hands now (unfinished). */
  load: number;
  score: number;
  target: DispatchTarget;
}

/**
 * The stated ranking (issue 10 item 4, decision 027) of the people a community may dispatch to beside its grid
 * workers and units: in-service party members 在职党员 whose dual registration 双报到 with the order's community is
 * confirmed. Score = 70, + 15 when they live in the order's building or + 10 in its compound (their resident record),
 * + 5 per order of the same category they finished without an unsatisfied rating (at most 3 counted), − 8 per order
 * in their hands now; at least 1. Ties by name.
 */
export const MEMBER_SCORE = { base: 70, building: 15, compound: 10, perDone: 5, maxDone: 3, perLoad: 8 } as const;

export async function memberSuggestions(
  db: DbOrTx,
  order: { communityId: number; category: string; scopePath: string },
  limit = 10,
): Promise<MemberSuggestion[]> {
  const unfinished = sql.raw(UNFINISHED.map((s) => `'${s}'`).join(','));
  const rows = await db
    .select({
      id: partyMembers.id,
      name: partyMembers.name,
      home: residents.scopePath,
      load: sql<number>`(select count(*)::int from ${o} so where so.handler_member_id = ${partyMembers.id} and so.status in (${unfinished}))`,
      done: sql<number>`(select count(*)::int from ${o} so where so.handler_member_id = ${partyMembers.id} and so.category = ${order.category} and so.status in ('resolved','rated','closed') and so.rating is distinct from 'unsatisfied')`,
    })
    .from(partyMembers)
    .innerJoin(
      dualRegistrations,
      and(
        eq(dualRegistrations.memberId, partyMembers.id),
        eq(dualRegistrations.communityId, order.communityId),
        eq(dualRegistrations.status, 'confirmed'),
      ),
    )
    .leftJoin(residents, eq(residents.id, partyMembers.residentId))
    .where(eq(partyMembers.kind, 'inService'))
    .orderBy(asc(partyMembers.id))
    .limit(200);
  // The lowest common place of home and order, and its level.
  const placeIds = pathIds(order.scopePath);
  const common = (home: string | null) => {
    if (!home) return null;
    const ids = pathIds(home);
    let i = 0;
    while (i < ids.length && i < placeIds.length && ids[i] === placeIds[i]) i++;
    return i ? placeIds[i - 1]! : null;
  };
  const ids = [...new Set(rows.map((r) => common(r.home)).filter((x): x is number => x !== null))];
  const levels = new Map(
    (ids.length
      ? await db
          .select({ id: territories.id, level: territories.level })
          .from(territories)
          .where(inArray(territories.id, ids))
      : []
    ).map((t) => [t.id, t.level]),
  );
  const out = rows.map((r) => {
    const c = common(r.home);
    const level = c === null ? null : levels.get(c);
    const near: Nearness =
      level === 'building' || level === 'unit' || level === 'household'
        ? 'building'
        : level === 'compound'
          ? 'compound'
          : 'community';
    const S = MEMBER_SCORE;
    const score = Math.max(
      1,
      S.base +
        (near === 'building' ? S.building : near === 'compound' ? S.compound : 0) +
        S.perDone * Math.min(r.done, S.maxDone) -
        S.perLoad * r.load,
    );
    return {
      memberId: r.id,
      name: r.name,
      near,
      done: r.done,
      load: r.load,
      score,
      target: { target: 'member' as const, memberId: r.id },
    };
  });
  out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'));
  return out.slice(0, limit);
}
