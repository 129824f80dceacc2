import { and, asc, avg, count, eq, inArray, sql } from 'drizzle-orm';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope } from '../../kernel/scope/scope.js';
import {
  coChallengeApplicants,
  coChallengeRatings,
  coChallengeReports,
  coChallenges,
  coMatches,
  coNeeds,
  coProjectRatings,
  coProjects,
  coResources,
} from './schema.js';
import type { TimelineEntry, TimelineQuery } from './timeline.contract.js';

/**
 * A community's public timeline 共建时间线 (issue 12 point 9, decision 041): each public need as need → match →
 * project → outcome → residents' rating, and each public 揭榜挂帅 challenge as posted → taken → progress →
 * outcome → rating; every step names the record it comes from. A resident sees their own community only.
 */

const round1 = (x: number) => Math.round(x * 10) / 10;

async function communityFor(ctx: Ctx, communityId: number | undefined) {
  // The community the caller lives or works in (its own node or the community above it). Another community is
  // answered only inside the caller's subtree: a resident bound to a household never has one, so a resident sees
  // their own community only.
  const [own] = await ctx.db
    .select({ id: territories.id, name: territories.name, path: territories.path })
    .from(territories)
    .where(and(eq(territories.level, 'community'), sql`${ctx.actor.scopePath} like ${territories.path} || '%'`));
  if (!communityId) {
    if (!own)
      throw new AppError('validation', undefined, {}, [
        { field: 'communityId', message: t(ctx.locale, 'coBuilding.noCommunity') },
      ]);
    return own;
  }
  if (communityId === own?.id) return own;
  const [c] = await ctx.db
    .select({ id: territories.id, name: territories.name, path: territories.path })
    .from(territories)
    .where(
      and(eq(territories.id, communityId), eq(territories.level, 'community'), inScope(ctx.actor, territories.path)),
    );
  if (!c) throw notFound();
  return c;
}

export async function communityTimeline(ctx: Ctx, q: TimelineQuery) {
  const community = await communityFor(ctx, q.communityId);
  const [needs, challenges] = await Promise.all([
    ctx.db
      .select()
      .from(coNeeds)
      .where(and(eq(coNeeds.communityId, community.id), eq(coNeeds.public, 1))),
    ctx.db
      .select()
      .from(coChallenges)
      .where(and(eq(coChallenges.territoryId, community.id), eq(coChallenges.public, 1))),
  ]);
  const needIds = needs.map((n) => n.id);
  const projectIds = [...new Set(needs.flatMap((n) => (n.projectId ? [n.projectId] : [])))];
  const challengeIds = challenges.map((c) => c.id);
  const [matches, projects, pRatings, takers, reports, cRatings] = await Promise.all([
    needIds.length
      ? ctx.db
          .select({
            needId: coMatches.needId,
            at: coMatches.createdAt,
            resourceId: coMatches.resourceId,
            title: coResources.title,
            offerer: coResources.offererName,
          })
          .from(coMatches)
          .innerJoin(coResources, eq(coResources.id, coMatches.resourceId))
          .where(and(inArray(coMatches.needId, needIds), eq(coMatches.decision, 'accepted')))
          .orderBy(asc(coMatches.createdAt))
      : [],
    projectIds.length ? ctx.db.select().from(coProjects).where(inArray(coProjects.id, projectIds)) : [],
    projectIds.length
      ? ctx.db
          .select({
            projectId: coProjectRatings.projectId,
            n: count(),
            avg: avg(coProjectRatings.stars).mapWith(Number),
            last: sql<string>`max(${coProjectRatings.createdAt})`.mapWith((v: string) => new Date(v)),
          })
          .from(coProjectRatings)
          .where(inArray(coProjectRatings.projectId, projectIds))
          .groupBy(coProjectRatings.projectId)
      : [],
    challengeIds.length
      ? ctx.db
          .select({ challengeId: coChallengeApplicants.challengeId, name: coChallengeApplicants.name })
          .from(coChallengeApplicants)
          .where(
            and(inArray(coChallengeApplicants.challengeId, challengeIds), eq(coChallengeApplicants.decision, 'picked')),
          )
      : [],
    challengeIds.length
      ? ctx.db
          .select()
          .from(coChallengeReports)
          .where(inArray(coChallengeReports.challengeId, challengeIds))
          .orderBy(asc(coChallengeReports.reportedOn))
      : [],
    challengeIds.length
      ? ctx.db
          .select({
            challengeId: coChallengeRatings.challengeId,
            n: count(),
            avg: avg(coChallengeRatings.stars).mapWith(Number),
            last: sql<string>`max(${coChallengeRatings.createdAt})`.mapWith((v: string) => new Date(v)),
          })
          .from(coChallengeRatings)
          .where(inArray(coChallengeRatings.challengeId, challengeIds))
          .groupBy(coChallengeRatings.challengeId)
      : [],
  ]);

  const entries: TimelineEntry[] = [];
  for (const n of needs) {
    const steps: TimelineEntry['steps'] = [
      { step: 'need', on: chinaDay(n.createdAt), text: n.title, ref: { type: 'need', id: n.id } },
    ];
    for (const m of matches.filter((x) => x.needId === n.id))
      steps.push({
        step: 'match',
        on: chinaDay(m.at),
        text: `${m.offerer}：${m.title}`,
        ref: { type: 'resource', id: m.resourceId },
      });
    const p = projects.find((x) => x.id === n.projectId);
    if (p) {
      steps.push({ step: 'project', on: p.startOn, text: p.title, ref: { type: 'project', id: p.id } });
      if (p.status === 'done' && p.doneOn)
        steps.push({ step: 'outcome', on: p.doneOn, text: p.outcome ?? '', ref: { type: 'project', id: p.id } });
      const r = pRatings.find((x) => x.projectId === p.id);
      if (r)
        steps.push({
          step: 'rating',
          on: chinaDay(r.last),
          text: '',
          stars: round1(r.avg),
          count: r.n,
          ref: { type: 'project', id: p.id },
        });
    }
    entries.push({ kind: 'need', id: n.id, title: n.title, status: n.status, steps });
  }
  for (const c of challenges) {
    const ref = { type: 'challenge' as const, id: c.id };
    const steps: TimelineEntry['steps'] = [{ step: 'posted', on: c.postedOn, text: c.title, ref }];
    if (c.takenOn)
      steps.push({
        step: 'taken',
        on: c.takenOn,
        text: takers
          .filter((x) => x.challengeId === c.id)
          .map((x) => x.name)
          .join('、'),
        ref,
      });
    for (const r of reports.filter((x) => x.challengeId === c.id))
      steps.push({ step: 'progress', on: r.reportedOn, text: r.text, ref });
    if ((c.status === 'solved' || c.status === 'failed') && c.closedOn)
      steps.push({ step: 'outcome', on: c.closedOn, text: c.outcome ?? '', ref });
    const r = cRatings.find((x) => x.challengeId === c.id);
    if (r) steps.push({ step: 'rating', on: chinaDay(r.last), text: '', stars: round1(r.avg), count: r.n, ref });
    entries.push({ kind: 'challenge', id: c.id, title: c.title, status: c.status, steps });
  }
  // Latest activity first.
  const last = (e: TimelineEntry) => e.steps.reduce((m, s) => (s.on > m ? s.on : m), '');
  entries.sort((a, b) => last(b).localeCompare(last(a)) || b.id - a.id);
  const start = (q.page - 1) * q.pageSize;
  return {
    community: { id: community.id, name: community.name },
    items: entries.slice(start, start + q.pageSize),
    total: entries.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}
