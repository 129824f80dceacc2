import type { Db } from '../../kernel/db/client.js';
import { coChallengeApplicants, coChallenges } from './schema.js';

/** Test helper (API tests and authorization-matrix rows): a public challenge posted 2026-01-10 with one applicant. */
export async function makeChallenge(
  db: Db,
  community: { id: number; path: string },
  opts: { title: string; status?: 'open' | 'taken' | 'inProgress' | 'solved'; public?: boolean },
) {
  const status = opts.status ?? 'open';
  const [c] = await db
    .insert(coChallenges)
    .values({
      territoryId: community.id,
      scopePath: community.path,
      title: opts.title,
      description: '无物业楼院环境整治',
      category: 'property',
      deadline: '2099-12-31',
      reward: '年度表彰',
      public: opts.public === false ? 0 : 1,
      status,
      postedOn: '2026-01-10',
      takenOn: status === 'open' ? null : '2026-01-20',
      closedOn: status === 'solved' ? '2026-02-20' : null,
      outcome: status === 'solved' ? '环境整治到位' : null,
      posterStars: status === 'solved' ? 5 : null,
    })
    .returning();
  const [a] = await db
    .insert(coChallengeApplicants)
    .values({
      challengeId: c!.id,
      kind: 'member',
      name: '马文军',
      plan: '组织党员每周清运',
      appliedOn: '2026-01-12',
      decision: status === 'open' ? 'pending' : 'picked',
    })
    .returning();
  return { ...c!, applicantId: a!.id };
}
