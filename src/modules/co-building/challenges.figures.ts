import { and, count, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { chinaDayStart } from '../../kernel/clock.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { inSubtree } from '../../kernel/scope/scope.js';
import { coAgreements, coChallenges, coDeliverables } from './schema.js';

/**
 * The figures added with challenges (issue 12 point 10, decision 041), each counted by one condition that the
 * drill-down list applies too, so the list's total is the figure:
 * - challengesPosted: challenges posted on a day in [from, to];
 * - challengesSolved: challenges closed as solved on a day in [from, to];
 * - agreementsFulfilled: agreements evaluated 评约 in [from, to] (China days) with every deliverable done.
 */
const dayEnd = (day: string) => new Date(chinaDayStart(day).getTime() + 86_400_000);

export function agreementsFulfilledWhere(from?: string, to?: string): SQL {
  return and(
    eq(coAgreements.status, 'evaluated'),
    from ? gte(coAgreements.evaluatedAt, chinaDayStart(from)) : undefined,
    to ? lt(coAgreements.evaluatedAt, dayEnd(to)) : undefined,
    sql`not exists (select 1 from ${coDeliverables} where ${coDeliverables.agreementId} = ${coAgreements.id} and ${coDeliverables.status} <> 'done')`,
  )!;
}

export async function challengeFigureValues(db: DbOrTx, path: string, from: string, to: string) {
  const one = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  const [challengesPosted, challengesSolved, agreementsFulfilled] = await Promise.all([
    one(
      db
        .select({ n: count() })
        .from(coChallenges)
        .where(
          and(
            inSubtree(coChallenges.scopePath, path),
            gte(coChallenges.postedOn, from),
            lte(coChallenges.postedOn, to),
          ),
        ),
    ),
    one(
      db
        .select({ n: count() })
        .from(coChallenges)
        .where(
          and(
            inSubtree(coChallenges.scopePath, path),
            eq(coChallenges.status, 'solved'),
            gte(coChallenges.closedOn, from),
            lte(coChallenges.closedOn, to),
          ),
        ),
    ),
    one(
      db
        .select({ n: count() })
        .from(coAgreements)
        .where(and(inSubtree(coAgreements.scopePath, path), agreementsFulfilledWhere(from, to))),
    ),
  ]);
  return { challengesPosted, challengesSolved, agreementsFulfilled };
}
