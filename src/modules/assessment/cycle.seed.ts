import { and, asc, eq, inArray } from 'drizzle-orm';
import { chinaDay } from '../../kernel/clock.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { partyOrgs } from '../organizations/index.js';
import { reviewScore } from './grading.js';
import {
  asAnnualReviews,
  asKeyTasks,
  asRectificationItems,
  asReviewRatings,
  asVisitScores,
  asVisits,
} from './schema.js';

type Place = { id: number; path: string; parentId: number | null; name: string };
const DAY = 86_400_000;

/**
 * The annual cycle of the demo communities (decision 032): each street's key tasks and responsibility lists in every
 * state (accepted, handed in, returned, open, overdue, due this month), an unannounced supervision visit with one
 * finding done and one due this month, the mid-year 观摩 with the visitors' scores, last year's 述职评议 closed with
 * its score computed from the ratings, and this year's open with the report handed in at 文亭巷.
 */
export async function seedCycle(db: DbOrTx, now: Date, communities: Place[], streets: Place[]) {
  const at = (d: number) => new Date(now.getTime() + d * DAY);
  const today = chinaDay(now);
  const year = Number(today.slice(0, 4));
  const [y, m] = today.split('-').map(Number) as [number, number];
  const monthEnd = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const demo = await db
    .select({ id: accounts.id, username: accounts.username, path: territories.path, name: accounts.displayName })
    .from(accounts)
    .innerJoin(territories, eq(territories.id, accounts.territoryId))
    .where(
      inArray(accounts.username, [
        'party_member',
        'resident',
        'street_admin',
        'secretary',
        'district_admin',
        'city_admin',
        'xigu_admin',
      ]),
    );
  const acc = (u: string) => demo.find((a) => a.username === u) ?? null;

  for (const s of streets) {
    const comms = communities.filter((c) => c.parentId === s.id);
    if (!comms.length) continue;

    // Key tasks and responsibility lists 重点任务 / 责任清单.
    const TASKS: [kind: 'key' | 'responsibility', title: string, owner: string, due: string][] = [
      ['key', '小区党支部全覆盖，一名党员一栋楼', '社区党委书记', chinaDay(at(-40))],
      ['key', '党群服务中心周末及晚间开放', '社区党委副书记', chinaDay(at(-8))],
      ['responsibility', '红色物业联盟月度联席会议', '社区党委委员', monthEnd],
      ['responsibility', '在职党员双报到进社区服务', '社区党委组织委员', chinaDay(at(45))],
      ['key', '软弱涣散党组织整顿', '社区党委书记', chinaDay(at(75))],
    ];
    const rows: (typeof asKeyTasks.$inferInsert)[] = [];
    for (const [ci, c] of comms.entries())
      for (const [ti, [kind, title, ownerName, dueOn]] of TASKS.entries()) {
        // States by position: the first accepted, the second handed in at 文亭巷 and overdue elsewhere, …
        const status =
          ti === 0
            ? 'accepted'
            : ti === 1
              ? ci === 0
                ? 'submitted'
                : 'open'
              : ti === 3 && ci === 0
                ? 'returned'
                : 'open';
        rows.push({
          kind,
          year,
          territoryId: c.id,
          scopePath: c.path,
          setByTerritoryId: s.id,
          setByPath: s.path,
          title,
          ownerName,
          dueOn,
          status,
          evidence: status === 'open' ? null : `${title}：工作台账、照片`,
          submittedAt: status === 'open' ? null : at(-12),
          checkNote: status === 'returned' ? '报到党员名单与服务记录不一致，请核对后重新提交' : null,
          checkedAt: status === 'accepted' || status === 'returned' ? at(-10) : null,
          checkedByAccountId: status === 'open' || status === 'submitted' ? null : (acc('street_admin')?.id ?? null),
          createdAt: at(-100),
          updatedAt: at(-10),
        });
      }
    await db.insert(asKeyTasks).values(rows);

    // Visits: an unannounced supervision of the first community, the mid-year 观摩 of every community.
    const [sup] = await db
      .insert(asVisits)
      .values({
        kind: 'supervision',
        territoryId: comms[0]!.id,
        scopePath: comms[0]!.path,
        byPath: s.path,
        visitedOn: chinaDay(at(-20)),
        unannounced: true,
        inspectors: `${s.name}党工委督导组`,
        summary: '四不两直：党群服务中心周六上午未开门；三会一课记录缺两次',
        createdAt: at(-20),
      })
      .returning();
    await db.insert(asRectificationItems).values([
      {
        visitId: sup!.id,
        scopePath: comms[0]!.path,
        title: '公示并落实党群服务中心周末开放时间',
        dueOn: chinaDay(at(-5)),
        doneAt: at(-6),
        evidence: '开放时间公示牌照片、周末值班表',
        createdAt: at(-20),
        updatedAt: at(-6),
      },
      {
        visitId: sup!.id,
        scopePath: comms[0]!.path,
        title: '补齐三会一课会议记录',
        dueOn: monthEnd,
        createdAt: at(-20),
        updatedAt: at(-20),
      },
    ]);
    // Mid-year 观摩: each visitor above the community scores it once; the visit's score is their mean.
    const SCORES = [92, 85, 78, 88, 81, 90];
    const visits = await db
      .insert(asVisits)
      .values(
        comms.map((c, i) => ({
          kind: 'observation' as const,
          territoryId: c.id,
          scopePath: c.path,
          byPath: s.path,
          visitedOn: `${year}-06-${String(10 + i).padStart(2, '0')}`,
          inspectors: `${s.name}各社区书记观摩团`,
          summary: '年中观摩：红色物业、小区党支部、党群服务中心',
          createdAt: at(-150),
        })),
      )
      .returning();
    const visitors = ['street_admin', 'district_admin', 'xigu_admin', 'city_admin'].map(acc).filter((a) => a !== null);
    const scoreRows = visits.flatMap((v, i) =>
      visitors
        .filter((a) => v.scopePath.startsWith(a.path) && v.scopePath !== a.path)
        // The last community is still waiting for its third visitor.
        .slice(0, i === visits.length - 1 && i > 0 ? 2 : 3)
        .map((a, k) => ({
          visitId: v.id,
          accountId: a.id,
          visitorName: a.name,
          score: SCORES[i % SCORES.length]! + [0, -3, 2][k]!,
          createdAt: at(-150),
        })),
    );
    if (scoreRows.length) await db.insert(asVisitScores).values(scoreRows);

    // 述职评议: last year's closed (score from the ratings), this year's open.
    const orgs = await db
      .select({ id: partyOrgs.id, territoryId: partyOrgs.territoryId })
      .from(partyOrgs)
      .where(
        and(
          inArray(
            partyOrgs.territoryId,
            comms.map((c) => c.id),
          ),
          inArray(partyOrgs.kind, ['committee', 'generalBranch']),
        ),
      )
      .orderBy(asc(partyOrgs.id));
    for (const [ci, c] of comms.entries()) {
      const org = orgs.find((o) => o.territoryId === c.id);
      if (!org) continue;
      const raters = [
        { a: acc('party_member'), kind: 'member' as const, score: 88 - ci * 4 },
        { a: acc('resident'), kind: 'resident' as const, score: 76 - ci * 3 },
        { a: acc('street_admin'), kind: 'superior' as const, score: 82 - ci * 2 },
      ].filter((r) => r.a && (r.kind === 'superior' ? c.path.startsWith(r.a.path) : r.a.path.startsWith(c.path)));
      const weights = { member: 40, resident: 30, superior: 30 };
      const score = reviewScore(
        (['member', 'resident', 'superior'] as const).map((k) => {
          const g = raters.filter((r) => r.kind === k);
          return { weight: weights[k], n: g.length, sum: g.reduce((x, r) => x + r.score, 0) };
        }),
      );
      const [last] = await db
        .insert(asAnnualReviews)
        .values({
          partyOrgId: org.id,
          territoryId: c.id,
          scopePath: c.path,
          year: year - 1,
          secretaryName: `${c.name}党委书记`,
          report: `${year - 1}年，${c.name}党委围绕小区党支部建设、红色物业和为民办实事开展工作……`,
          reportedAt: at(-340),
          closedAt: at(-330),
          score,
          createdAt: at(-350),
          updatedAt: at(-330),
        })
        .returning();
      if (raters.length)
        await db.insert(asReviewRatings).values(
          raters.map((r) => ({
            reviewId: last!.id,
            accountId: r.a!.id,
            raterKind: r.kind,
            score: r.score,
            comment: r.kind === 'resident' ? '小区停车难还没解决' : null,
            createdAt: at(-335),
          })),
        );
      await db.insert(asRectificationItems).values({
        reviewId: last!.id,
        scopePath: c.path,
        title: '群众反映停车难：协调共建单位错时开放停车位',
        dueOn: chinaDay(at(-200)),
        doneAt: at(-210),
        evidence: '与共建单位签订错时停车协议',
        createdAt: at(-330),
        updatedAt: at(-210),
      });
      const reported = ci === 0;
      const [cur] = await db
        .insert(asAnnualReviews)
        .values({
          partyOrgId: org.id,
          territoryId: c.id,
          scopePath: c.path,
          year,
          secretaryName: `${c.name}党委书记`,
          report: reported ? `${year}年，${c.name}党委推进小区党支部全覆盖，办结居民诉求……` : null,
          reportedAt: reported ? at(-2) : null,
          createdAt: at(-10),
          updatedAt: at(-2),
        })
        .returning();
      const superior = acc('street_admin');
      if (reported && superior && c.path.startsWith(superior.path))
        await db
          .insert(asReviewRatings)
          .values({ reviewId: cur!.id, accountId: superior.id, raterKind: 'superior', score: 85, createdAt: at(-1) });
    }
  }
}
