import { and, asc, avg, count, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, conflict, forbidden, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, inSubtree, placeFilter, placeInScope } from '../../kernel/scope/scope.js';
import { units } from '../organizations/index.js';
import { CHALLENGE_MOVES, type ChallengeStatus } from './challenges.constants.js';
import type {
  ApplyChallenge,
  Challenge,
  ChallengeDetail,
  ChallengeQuery,
  CreateChallenge,
  MoveChallenge,
  PickApplicants,
  RateChallenge,
  ReportChallenge,
} from './challenges.contract.js';
import { coChallengeApplicants, coChallengeRatings, coChallengeReports, coChallenges } from './schema.js';
import { escapeLike } from '../../kernel/db/search.js';

/**
 * 揭榜挂帅 challenges (issue 12 point 7, decision 041; seeds 003/004). A community or street posts a hard problem
 * with a deadline and a reward; cadres, party members or units apply to take the 榜; the poster picks one or more
 * (with a reason for each not picked); the takers report progress; the poster closes it as solved or failed with
 * the outcome and a 1–5 rating; residents of the community rate public outcomes.
 */

type Row = typeof coChallenges.$inferSelect;
const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);
const statusName = (ctx: Ctx, s: ChallengeStatus) => t(ctx.locale, `coBuilding.challengeStatus.${s}`);
const CLOSED: readonly ChallengeStatus[] = ['solved', 'failed', 'withdrawn'];

/**
 * Staff see challenges of their subtree; anyone also sees those posted above them (a community's staff see their
 * street's; a resident or party member their community's and street's).
 */
function visible(ctx: Ctx): SQL {
  const where = or(
    inScope(ctx.actor, coChallenges.scopePath),
    sql`${ctx.actor.scopePath} like ${coChallenges.scopePath} || '%'`,
  )!;
  // A resident (with no other role) sees public challenges only.
  return ctx.actor.roles.every((r) => r === 'resident') ? and(where, eq(coChallenges.public, 1))! : where;
}

async function out(ctx: Ctx, db: DbOrTx, rows: Row[]): Promise<Challenge[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [places, apps, ratings] = await Promise.all([
    db
      .select({ id: territories.id, name: territories.name })
      .from(territories)
      .where(inArray(territories.id, [...new Set(rows.map((r) => r.territoryId))])),
    db
      .select({
        challengeId: coChallengeApplicants.challengeId,
        name: coChallengeApplicants.name,
        decision: coChallengeApplicants.decision,
      })
      .from(coChallengeApplicants)
      .where(inArray(coChallengeApplicants.challengeId, ids))
      .orderBy(asc(coChallengeApplicants.id)),
    db
      .select({
        challengeId: coChallengeRatings.challengeId,
        n: count(),
        avg: avg(coChallengeRatings.stars).mapWith(Number),
      })
      .from(coChallengeRatings)
      .where(inArray(coChallengeRatings.challengeId, ids))
      .groupBy(coChallengeRatings.challengeId),
  ]);
  const today = chinaDay(ctx.clock.now());
  return rows.map((r) => {
    const mine = apps.filter((a) => a.challengeId === r.id);
    const rating = ratings.find((x) => x.challengeId === r.id);
    return {
      id: r.id,
      territory: { id: r.territoryId, name: places.find((p) => p.id === r.territoryId)?.name ?? '' },
      title: r.title,
      description: r.description,
      category: r.category,
      deadline: r.deadline,
      reward: r.reward,
      public: r.public === 1,
      status: r.status,
      postedOn: r.postedOn,
      takenOn: r.takenOn,
      closedOn: r.closedOn,
      overdue: !CLOSED.includes(r.status) && r.deadline < today,
      outcome: r.outcome,
      posterStars: r.posterStars,
      applicantCount: mine.length,
      takers: mine.filter((a) => a.decision === 'picked').map((a) => a.name),
      ratingCount: rating?.n ?? 0,
      ratingAverage: rating ? Math.round(rating.avg * 10) / 10 : null,
    };
  });
}

/** Challenges visible to the caller, filtered and paginated; the figures' drill-down lands here. */
export async function listChallenges(ctx: Ctx, q: ChallengeQuery) {
  const w: SQL[] = [visible(ctx)];
  w.push(...(await placeFilter(ctx.db, ctx.actor, coChallenges.scopePath, q.territoryId)));
  if (q.status) w.push(inArray(coChallenges.status, q.status));
  if (q.category) w.push(eq(coChallenges.category, q.category));
  if (q.q) w.push(ilike(coChallenges.title, `%${escapeLike(q.q)}%`));
  if (q.from) w.push(gte(coChallenges.postedOn, q.from));
  if (q.to) w.push(lte(coChallenges.postedOn, q.to));
  if (q.closedFrom) w.push(gte(coChallenges.closedOn, q.closedFrom));
  if (q.closedTo) w.push(lte(coChallenges.closedOn, q.closedTo));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(coChallenges)
      .where(where)
      .orderBy(desc(coChallenges.postedOn), desc(coChallenges.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(coChallenges).where(where),
  ]);
  return { items: await out(ctx, ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function rowOf(ctx: Ctx, db: DbOrTx, id: number, how: 'manage' | 'visible', lock = false): Promise<Row> {
  const q = db
    .select()
    .from(coChallenges)
    .where(and(eq(coChallenges.id, id), how === 'manage' ? inScope(ctx.actor, coChallenges.scopePath) : visible(ctx)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound();
  return row;
}

export async function getChallenge(ctx: Ctx, id: number): Promise<ChallengeDetail> {
  const row = await rowOf(ctx, ctx.db, id, 'visible');
  const [summary] = await out(ctx, ctx.db, [row]);
  const [apps, reports, mine] = await Promise.all([
    ctx.db
      .select()
      .from(coChallengeApplicants)
      .where(eq(coChallengeApplicants.challengeId, id))
      .orderBy(asc(coChallengeApplicants.id)),
    ctx.db
      .select()
      .from(coChallengeReports)
      .where(eq(coChallengeReports.challengeId, id))
      .orderBy(asc(coChallengeReports.reportedOn), asc(coChallengeReports.id)),
    ctx.db
      .select({ id: coChallengeRatings.id })
      .from(coChallengeRatings)
      .where(and(eq(coChallengeRatings.challengeId, id), eq(coChallengeRatings.accountId, ctx.actor.accountId))),
  ]);
  const unitIds = [...new Set(apps.flatMap((a) => (a.unitId ? [a.unitId] : [])))];
  const us = unitIds.length
    ? await ctx.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds))
    : [];
  return {
    ...summary!,
    applicants: apps.map((a) => ({
      id: a.id,
      kind: a.kind,
      name: a.name,
      unit: a.unitId ? { id: a.unitId, name: us.find((u) => u.id === a.unitId)?.name ?? '' } : null,
      plan: a.plan,
      appliedOn: a.appliedOn,
      decision: a.decision,
      reason: a.reason,
    })),
    reports: reports.map((r) => ({ id: r.id, reportedOn: r.reportedOn, text: r.text })),
    moves: [...CHALLENGE_MOVES[row.status]],
    ratedByMe: mine.length > 0,
  };
}

export async function createChallenge(ctx: Ctx, input: CreateChallenge): Promise<ChallengeDetail> {
  const node = await placeInScope(ctx.db, ctx.actor, input.territoryId);
  if (node.level !== 'community' && node.level !== 'street')
    throw fieldError(ctx, 'territoryId', 'coBuilding.challengeLevel');
  const today = chinaDay(ctx.clock.now());
  if (input.deadline < today) throw fieldError(ctx, 'deadline', 'coBuilding.challengeDeadlinePast');
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(coChallenges)
      .values({
        territoryId: node.id,
        scopePath: node.path,
        title: input.title,
        description: input.description,
        category: input.category,
        deadline: input.deadline,
        reward: input.reward,
        public: input.public ? 1 : 0,
        postedByAccountId: ctx.actor.accountId,
        postedOn: today,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'coChallenge.create',
      objectType: 'coChallenge',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    return row!.id;
  });
  return getChallenge(ctx, id);
}

/** One audited write on a locked challenge row. */
async function write(
  ctx: Ctx,
  id: number,
  how: 'manage' | 'visible',
  action: string,
  body: (tx: DbOrTx, row: Row) => Promise<{ before?: unknown; after: unknown }>,
): Promise<ChallengeDetail> {
  await ctx.db.transaction(async (tx) => {
    const row = await rowOf(ctx, tx, id, how, true);
    const change = await body(tx, row);
    await audit(tx, ctx, {
      action: `coChallenge.${action}`,
      objectType: 'coChallenge',
      objectId: id,
      scopePath: row.scopePath,
      before: change.before,
      after: change.after,
    });
  });
  return getChallenge(ctx, id);
}

const illegal = (ctx: Ctx, from: ChallengeStatus, to: ChallengeStatus) =>
  conflict('coBuilding.challengeMove', { from: statusName(ctx, from), to: statusName(ctx, to) });

/** A cadre, party member or unit applies to take the 榜 while it is open (several may apply). */
export function applyChallenge(ctx: Ctx, id: number, input: ApplyChallenge): Promise<ChallengeDetail> {
  return write(ctx, id, 'visible', 'apply', async (tx, row) => {
    if (row.status !== 'open') throw conflict('coBuilding.challengeNotOpen', { status: statusName(ctx, row.status) });
    let name = input.name ?? null;
    if (input.kind === 'unit') {
      if (!input.unitId) throw fieldError(ctx, 'unitId', 'coBuilding.unitRequired');
      const [u] = await tx
        .select({ id: units.id, name: units.name })
        .from(units)
        .where(
          and(
            eq(units.id, input.unitId),
            or(inScope(ctx.actor, units.scopePath), inSubtree(units.scopePath, row.scopePath)),
          ),
        );
      if (!u) throw fieldError(ctx, 'unitId', 'coBuilding.unitNotFound');
      name ??= u.name;
    }
    if (!name) throw fieldError(ctx, 'name', 'coBuilding.applicantNameRequired');
    const [a] = await tx
      .insert(coChallengeApplicants)
      .values({
        challengeId: id,
        kind: input.kind,
        name,
        unitId: input.kind === 'unit' ? input.unitId! : null,
        accountId: ctx.actor.accountId,
        plan: input.plan,
        appliedOn: chinaDay(ctx.clock.now()),
      })
      .returning();
    return { after: a };
  });
}

/**
 * The poster picks one or more applicants (the challenge is then taken); every other pending applicant is
 * listed with the reason it was not picked.
 */
export function pickApplicants(ctx: Ctx, id: number, input: PickApplicants): Promise<ChallengeDetail> {
  return write(ctx, id, 'manage', 'pick', async (tx, row) => {
    if (row.status !== 'open') throw illegal(ctx, row.status, 'taken');
    const apps = await tx.select().from(coChallengeApplicants).where(eq(coChallengeApplicants.challengeId, id));
    const pending = new Set(apps.filter((a) => a.decision === 'pending').map((a) => a.id));
    const picked = [...new Set(input.picked)];
    if (picked.some((x) => !pending.has(x))) throw fieldError(ctx, 'picked', 'coBuilding.applicantNotFound');
    const reasons = new Map(input.notPicked.map((n) => [n.id, n.reason]));
    if ([...reasons.keys()].some((x) => !pending.has(x) || picked.includes(x)))
      throw fieldError(ctx, 'notPicked', 'coBuilding.applicantNotFound');
    const missing = [...pending].filter((x) => !picked.includes(x) && !reasons.has(x));
    if (missing.length)
      throw fieldError(ctx, 'notPicked', 'coBuilding.reasonRequired', {
        names: apps
          .filter((a) => missing.includes(a.id))
          .map((a) => a.name)
          .join('、'),
      });
    const now = ctx.clock.now();
    await tx
      .update(coChallengeApplicants)
      .set({ decision: 'picked', updatedAt: now })
      .where(inArray(coChallengeApplicants.id, picked));
    for (const [aid, reason] of reasons)
      await tx
        .update(coChallengeApplicants)
        .set({ decision: 'notPicked', reason, updatedAt: now })
        .where(eq(coChallengeApplicants.id, aid));
    const takenOn = chinaDay(now);
    await tx.update(coChallenges).set({ status: 'taken', takenOn, updatedAt: now }).where(eq(coChallenges.id, id));
    return { before: { status: row.status }, after: { status: 'taken', takenOn, picked, notPicked: input.notPicked } };
  });
}

/** A progress report by the takers or the poster, while taken or in progress (a first report starts the work). */
export function reportChallenge(ctx: Ctx, id: number, input: ReportChallenge): Promise<ChallengeDetail> {
  return write(ctx, id, 'visible', 'report', async (tx, row) => {
    if (row.status !== 'taken' && row.status !== 'inProgress')
      throw conflict('coBuilding.challengeNotTaken', { status: statusName(ctx, row.status) });
    if (input.reportedOn > chinaDay(ctx.clock.now())) throw fieldError(ctx, 'reportedOn', 'coBuilding.futureDay');
    if (row.takenOn && input.reportedOn < row.takenOn)
      throw fieldError(ctx, 'reportedOn', 'coBuilding.beforeTaken', { day: row.takenOn });
    const now = ctx.clock.now();
    const [r] = await tx
      .insert(coChallengeReports)
      .values({
        challengeId: id,
        reportedOn: input.reportedOn,
        text: input.text,
        reportedByAccountId: ctx.actor.accountId,
      })
      .returning();
    if (row.status === 'taken')
      await tx.update(coChallenges).set({ status: 'inProgress', updatedAt: now }).where(eq(coChallenges.id, id));
    return { after: r };
  });
}

/** The poster moves it on: start work, close as solved / failed (outcome and 1–5 rating), or withdraw. */
export function moveChallenge(ctx: Ctx, id: number, input: MoveChallenge): Promise<ChallengeDetail> {
  return write(ctx, id, 'manage', input.to, async (tx, row) => {
    if (!CHALLENGE_MOVES[row.status].includes(input.to)) throw illegal(ctx, row.status, input.to);
    const closing = input.to === 'solved' || input.to === 'failed';
    if (closing && !input.outcome) throw fieldError(ctx, 'outcome', 'coBuilding.outcomeRequired');
    if (closing && !input.stars) throw fieldError(ctx, 'stars', 'coBuilding.starsRequired');
    const now = ctx.clock.now();
    const set = {
      status: input.to,
      updatedAt: now,
      ...(input.to === 'inProgress' ? {} : { closedOn: chinaDay(now) }),
      ...(closing ? { outcome: input.outcome!, posterStars: input.stars! } : {}),
    };
    await tx.update(coChallenges).set(set).where(eq(coChallenges.id, id));
    return { before: { status: row.status }, after: set };
  });
}

/** A resident of the community rates a public, closed (solved or failed) challenge, once. */
export async function rateChallenge(ctx: Ctx, id: number, input: RateChallenge): Promise<ChallengeDetail> {
  if (!ctx.actor.roles.includes('resident')) throw forbidden();
  return write(ctx, id, 'visible', 'rate', async (tx, row) => {
    if (row.public !== 1) throw notFound();
    if (row.status !== 'solved' && row.status !== 'failed')
      throw conflict('coBuilding.challengeNotClosed', { status: statusName(ctx, row.status) });
    const [r] = await tx
      .insert(coChallengeRatings)
      .values({ challengeId: id, accountId: ctx.actor.accountId, stars: input.stars, comment: input.comment ?? null })
      .onConflictDoNothing()
      .returning();
    if (!r) throw conflict('coBuilding.alreadyRatedChallenge');
    return { after: { stars: input.stars, comment: input.comment ?? null } };
  });
}
