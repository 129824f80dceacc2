import { and, asc, count, desc, eq, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDay, type Clock } from '../../kernel/clock.js';
import { systemActor, type Ctx } from '../../kernel/context.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { conflict, forbidden, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import type { Role } from '../../kernel/rbac/rbac.js';
import { inScope, placeFilter, placeInScope } from '../../kernel/scope/scope.js';
import { notify } from '../notifications/index.js';
import { partyOrgs } from '../organizations/index.js';
import type { ReviewRaterKind } from './constants.js';
import type {
  AddRectification,
  CheckKeyTask,
  CreateKeyTask,
  CreateVisit,
  KeyTaskQuery,
  OpenReview,
  RateReview,
  ReviewRatingQuery,
  ScoreVisit,
  VisitQuery,
} from './contract.js';
import { reviewScore, visitScore } from './grading.js';
import {
  asAnnualReviews,
  asKeyTasks,
  asRectificationItems,
  asReminderPushes,
  asReviewRatings,
  asVisitScores,
  asVisits,
} from './schema.js';
import { fieldError } from './standardisation.service.js';

/**
 * Key tasks 重点任务 and responsibility lists 责任清单, the monthly reminder list 月度提醒清单, supervision and 观摩 visits
 * 督导 with findings tracked to done, and the year-end 述职评议 (decision 032).
 */

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** A node strictly below the caller, inside its subtree (a superior never sets tasks for, or visits, itself). */
async function nodeBelow(ctx: Ctx, territoryId: number) {
  const n = await placeInScope(ctx.db, ctx.actor, territoryId);
  if (n.id === ctx.actor.territoryId) throw forbidden('assessment.ownOrg');
  return n;
}

async function namesOf(db: DbOrTx, ids: number[]) {
  if (!ids.length) return new Map<number, string>();
  const rows = await db
    .select({ id: territories.id, name: territories.name })
    .from(territories)
    .where(inArray(territories.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// Key tasks and responsibility lists ---------------------------------------------------------------------------------

type TaskRow = typeof asKeyTasks.$inferSelect;

async function tasksOut(ctx: Ctx, rows: TaskRow[]) {
  const names = await namesOf(
    ctx.db,
    rows.flatMap((r) => [r.territoryId, r.setByTerritoryId]),
  );
  const today = chinaDay(ctx.clock.now());
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    year: r.year,
    place: { id: r.territoryId, name: names.get(r.territoryId) ?? '' },
    setBy: { id: r.setByTerritoryId, name: names.get(r.setByTerritoryId) ?? '' },
    title: r.title,
    ownerName: r.ownerName,
    dueOn: r.dueOn,
    status: r.status,
    overdue: r.status !== 'accepted' && r.dueOn < today,
    evidence: r.evidence,
    submittedAt: r.submittedAt,
    checkNote: r.checkNote,
    checkedAt: r.checkedAt,
    /** What the viewer may do now. */
    may: {
      submit: (r.status === 'open' || r.status === 'returned') && ctx.actor.territoryId === r.territoryId,
      check:
        r.status === 'submitted' &&
        ctx.actor.territoryId !== r.territoryId &&
        r.scopePath.startsWith(ctx.actor.scopePath) &&
        ctx.actor.permissions.has('assessment.manage'),
    },
  }));
}

export async function createKeyTask(ctx: Ctx, input: CreateKeyTask) {
  const node = await nodeBelow(ctx, input.territoryId);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(asKeyTasks)
      .values({
        kind: input.kind,
        year: input.year,
        territoryId: node.id,
        scopePath: node.path,
        setByTerritoryId: ctx.actor.territoryId,
        setByPath: ctx.actor.scopePath,
        title: input.title,
        ownerName: input.ownerName,
        dueOn: input.dueOn,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.keyTask.create',
      objectType: 'asKeyTask',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    return row!;
  });
  return (await tasksOut(ctx, [row]))[0]!;
}

export async function listKeyTasks(ctx: Ctx, q: KeyTaskQuery) {
  const today = chinaDay(ctx.clock.now());
  const w: SQL[] = [inScope(ctx.actor, asKeyTasks.scopePath)];
  if (q.kind) w.push(eq(asKeyTasks.kind, q.kind));
  if (q.status) w.push(eq(asKeyTasks.status, q.status));
  if (q.year) w.push(eq(asKeyTasks.year, q.year));
  w.push(...(await placeFilter(ctx.db, ctx.actor, asKeyTasks.scopePath, q.territoryId)));
  if (q.overdue === 'true') w.push(and(ne(asKeyTasks.status, 'accepted'), sql`${asKeyTasks.dueOn} < ${today}`)!);
  if (q.overdue === 'false') w.push(or(eq(asKeyTasks.status, 'accepted'), sql`${asKeyTasks.dueOn} >= ${today}`)!);
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(asKeyTasks)
      .where(where)
      .orderBy(asc(asKeyTasks.dueOn), asc(asKeyTasks.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(asKeyTasks).where(where),
  ]);
  return { items: await tasksOut(ctx, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function lockTask(ctx: Ctx, tx: DbOrTx, id: number) {
  const [row] = await tx
    .select()
    .from(asKeyTasks)
    .where(and(eq(asKeyTasks.id, id), inScope(ctx.actor, asKeyTasks.scopePath)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

/** The organisation hands in its evidence (again after a return). */
export async function submitKeyTask(ctx: Ctx, id: number, evidence: string) {
  const now = ctx.clock.now();
  const after = await ctx.db.transaction(async (tx) => {
    const row = await lockTask(ctx, tx, id);
    if (ctx.actor.territoryId !== row.territoryId) throw forbidden('assessment.notOwnOrg');
    if (row.status !== 'open' && row.status !== 'returned') throw conflict('assessment.taskNotOpen');
    const [after] = await tx
      .update(asKeyTasks)
      .set({ status: 'submitted', evidence, submittedAt: now, updatedAt: now })
      .where(eq(asKeyTasks.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.keyTask.submit',
      objectType: 'asKeyTask',
      objectId: id,
      scopePath: row.scopePath,
      before: row,
      after,
    });
    return after!;
  });
  return (await tasksOut(ctx, [after]))[0]!;
}

/** The superior checks the evidence: accepted, or returned with a note. Never its own node's task. */
export async function checkKeyTask(ctx: Ctx, id: number, input: CheckKeyTask) {
  const now = ctx.clock.now();
  const after = await ctx.db.transaction(async (tx) => {
    const row = await lockTask(ctx, tx, id);
    if (ctx.actor.territoryId === row.territoryId) throw forbidden('assessment.ownOrg');
    if (row.status !== 'submitted') throw conflict('assessment.taskNotSubmitted');
    const [after] = await tx
      .update(asKeyTasks)
      .set({
        status: input.accept ? 'accepted' : 'returned',
        checkNote: input.note ?? null,
        checkedAt: now,
        checkedByAccountId: ctx.actor.accountId || null,
        updatedAt: now,
      })
      .where(eq(asKeyTasks.id, id))
      .returning();
    await audit(tx, ctx, {
      action: input.accept ? 'assessment.keyTask.accept' : 'assessment.keyTask.return',
      objectType: 'asKeyTask',
      objectId: id,
      scopePath: row.scopePath,
      before: row,
      after,
    });
    return after!;
  });
  return (await tasksOut(ctx, [after]))[0]!;
}

/**
 * The responsibility lists 责任清单 of a year: per organisation node, its tasks of both kinds counted by state;
 * completion = accepted ÷ all × 100 (one decimal). Each row drills to the task list of that node and year.
 */
export async function responsibilityList(ctx: Ctx, year: number) {
  const today = chinaDay(ctx.clock.now());
  const rows = await ctx.db
    .select({
      territoryId: asKeyTasks.territoryId,
      name: territories.name,
      total: count(),
      accepted: sql<number>`count(*) filter (where ${asKeyTasks.status} = 'accepted')::int`,
      submitted: sql<number>`count(*) filter (where ${asKeyTasks.status} = 'submitted')::int`,
      open: sql<number>`count(*) filter (where ${asKeyTasks.status} in ('open','returned'))::int`,
      overdue: sql<number>`count(*) filter (where ${asKeyTasks.status} <> 'accepted' and ${asKeyTasks.dueOn} < ${today})::int`,
      key: sql<number>`count(*) filter (where ${asKeyTasks.kind} = 'key')::int`,
    })
    .from(asKeyTasks)
    .innerJoin(territories, eq(territories.id, asKeyTasks.territoryId))
    .where(and(inScope(ctx.actor, asKeyTasks.scopePath), eq(asKeyTasks.year, year)))
    .groupBy(asKeyTasks.territoryId, territories.name)
    .orderBy(asc(territories.name));
  return {
    year,
    formula: t(ctx.locale, 'assessment.formula.completion'),
    items: rows.map((r) => ({
      place: { id: r.territoryId, name: r.name },
      total: r.total,
      key: r.key,
      accepted: r.accepted,
      submitted: r.submitted,
      open: r.open,
      overdue: r.overdue,
      completion: r.total ? Math.round((r.accepted / r.total) * 1000) / 10 : null,
      drill: `/assessment/tasks?territoryId=${r.territoryId}&year=${year}`,
    })),
  };
}

// The monthly reminder list 月度提醒清单 -------------------------------------------------------------------------------

export interface ReminderItem {
  source: 'keyTask' | 'rectification';
  id: number;
  title: string;
  dueOn: string;
  overdue: boolean;
  link: string;
}

/**
 * What falls due per organisation node by the end of `month` and is not finished: key tasks and responsibility
 * items not accepted, rectification items (of assessments, visits, reviews) not done. Past-due ones are overdue.
 * Computed from the records each time; nothing is stored but the pushes.
 */
export async function reminders(ctx: Ctx, month: string) {
  const end = lastDayOf(month);
  const today = chinaDay(ctx.clock.now());
  const [tasks, rect, pushes] = await Promise.all([
    ctx.db
      .select({
        id: asKeyTasks.id,
        title: asKeyTasks.title,
        dueOn: asKeyTasks.dueOn,
        territoryId: asKeyTasks.territoryId,
      })
      .from(asKeyTasks)
      .where(
        and(inScope(ctx.actor, asKeyTasks.scopePath), ne(asKeyTasks.status, 'accepted'), lte(asKeyTasks.dueOn, end)),
      ),
    ctx.db
      .select({
        id: asRectificationItems.id,
        title: asRectificationItems.title,
        dueOn: asRectificationItems.dueOn,
        territoryId: territories.id,
        assessmentId: asRectificationItems.assessmentId,
        visitId: asRectificationItems.visitId,
        reviewId: asRectificationItems.reviewId,
      })
      .from(asRectificationItems)
      .innerJoin(territories, eq(territories.path, asRectificationItems.scopePath))
      .where(
        and(
          inScope(ctx.actor, asRectificationItems.scopePath),
          isNull(asRectificationItems.doneAt),
          lte(asRectificationItems.dueOn, end),
        ),
      ),
    ctx.db
      .select()
      .from(asReminderPushes)
      .where(and(inScope(ctx.actor, asReminderPushes.scopePath), eq(asReminderPushes.month, month))),
  ]);
  const groups = new Map<number, ReminderItem[]>();
  const add = (territoryId: number, item: ReminderItem) =>
    groups.set(territoryId, [...(groups.get(territoryId) ?? []), item]);
  for (const k of tasks)
    add(k.territoryId, {
      source: 'keyTask',
      id: k.id,
      title: k.title,
      dueOn: k.dueOn,
      overdue: k.dueOn < today,
      link: `/assessment/tasks?id=${k.id}`,
    });
  for (const r of rect)
    add(r.territoryId, {
      source: 'rectification',
      id: r.id,
      title: r.title,
      dueOn: r.dueOn,
      overdue: r.dueOn < today,
      link: r.assessmentId
        ? `/assessment/${r.assessmentId}`
        : r.visitId
          ? `/assessment/tasks?visit=${r.visitId}`
          : `/assessment/tasks?review=${r.reviewId}`,
    });
  const names = await namesOf(ctx.db, [...groups.keys()]);
  return {
    month,
    rule: t(ctx.locale, 'assessment.reminderRule', { end }),
    items: [...groups.entries()]
      .map(([territoryId, items]) => {
        items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id - b.id);
        const push = pushes.find((p) => p.territoryId === territoryId);
        return {
          place: { id: territoryId, name: names.get(territoryId) ?? '' },
          due: items.length,
          overdue: items.filter((i) => i.overdue).length,
          items,
          pushedAt: push?.createdAt ?? null,
        };
      })
      .sort((a, b) => b.overdue - a.overdue || b.due - a.due || a.place.id - b.place.id),
  };
}

/** Roles that hear an organisation's monthly reminder: the staff at its node. */
const REMINDED: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin'];

/**
 * Pushes the monthly reminder list through notifications to the staff at each organisation's node: once per
 * month per node (a second push of the month skips the nodes already reminded).
 */
export async function pushReminders(ctx: Ctx, month: string) {
  const list = await reminders(ctx, month);
  const now = ctx.clock.now();
  const groups = list.items.filter((g) => g.place.id !== ctx.actor.territoryId);
  return ctx.db.transaction(async (tx) => {
    let pushed = 0;
    let skipped = 0;
    let recipients = 0;
    // Every node's path and its staff in one query (a node without staff still comes back, with no account).
    const rows = groups.length
      ? await tx
          .select({ territoryId: territories.id, path: territories.path, accountId: accounts.id })
          .from(territories)
          .leftJoin(
            accounts,
            and(
              eq(accounts.territoryId, territories.id),
              eq(accounts.disabled, false),
              sql`${accounts.roles} && ${sql.raw(`ARRAY[${REMINDED.map((r) => `'${r}'`).join(',')}]::text[]`)}`,
            ),
          )
          .where(
            inArray(
              territories.id,
              groups.map((g) => g.place.id),
            ),
          )
          .orderBy(asc(territories.id), asc(accounts.id))
      : [];
    const paths = new Map(rows.map((r) => [r.territoryId, r.path]));
    const staff = new Map<number, number[]>();
    for (const r of rows)
      if (r.accountId !== null) staff.set(r.territoryId, [...(staff.get(r.territoryId) ?? []), r.accountId]);
    for (const g of groups) {
      const people = staff.get(g.place.id) ?? [];
      const [row] = await tx
        .insert(asReminderPushes)
        .values({
          month,
          territoryId: g.place.id,
          scopePath: paths.get(g.place.id)!,
          items: g.due,
          recipients: people.length,
          byAccountId: ctx.actor.accountId || null,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        skipped++;
        continue;
      }
      pushed++;
      recipients += await notify(tx, ctx, [
        {
          kind: 'assessment.reminder',
          accountIds: people,
          params: { month, due: g.due, overdue: g.overdue, place: g.place.name },
          link: `/assessment/tasks?tab=reminders&month=${month}`,
        },
      ]);
      await audit(tx, ctx, {
        action: 'assessment.reminders.push',
        objectType: 'asReminderPush',
        objectId: row.id,
        scopePath: row.scopePath,
        after: { ...row, items: g.items.map((i) => `${i.source}:${i.id}`) },
      });
    }
    return { month, pushed, skipped, recipients };
  });
}

/**
 * One pass of the monthly reminder scheduler (`ASSESSMENT_REMINDER_SECONDS`): on the first day of a month (China
 * time) it pushes that month's list for every organisation, as the system. Idempotent: the pushes are unique by
 * (month, node), so later passes of the day, a second process or a street's own push never remind a node twice.
 * Any other day it does nothing.
 */
export async function reminderPass(db: Db, clock: Clock) {
  const today = chinaDay(clock.now());
  const month = today.slice(0, 7);
  if (!today.endsWith('-01')) return { month, ran: false as const, pushed: 0, skipped: 0, recipients: 0 };
  const ctx: Ctx = { db, clock, actor: systemActor(), requestId: 'assessment-reminders', ip: '', locale: 'zh-CN' };
  return { ran: true as const, ...(await pushReminders(ctx, month)) };
}

// Visits 督导 / 观摩 with findings ------------------------------------------------------------------------------------

type VisitRow = typeof asVisits.$inferSelect;

async function visitsOut(ctx: Ctx, rows: VisitRow[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [names, findings, scores] = await Promise.all([
    namesOf(
      ctx.db,
      rows.map((r) => r.territoryId),
    ),
    ctx.db
      .select()
      .from(asRectificationItems)
      .where(inArray(asRectificationItems.visitId, ids))
      .orderBy(asc(asRectificationItems.dueOn), asc(asRectificationItems.id)),
    ctx.db.select().from(asVisitScores).where(inArray(asVisitScores.visitId, ids)).orderBy(asc(asVisitScores.id)),
  ]);
  return rows.map((r) => {
    const mine = findings.filter((f) => f.visitId === r.id);
    const given = scores.filter((x) => x.visitId === r.id);
    const sum = given.reduce((a, x) => a + x.score, 0);
    return {
      id: r.id,
      kind: r.kind,
      place: { id: r.territoryId, name: names.get(r.territoryId) ?? '' },
      visitedOn: r.visitedOn,
      unannounced: r.unannounced,
      inspectors: r.inspectors,
      summary: r.summary,
      // The visit's score is the visitors' mean, one decimal; null until someone scored.
      score: given.length ? visitScore(given.map((x) => x.score)) : null,
      scoreFormula: given.length ? t(ctx.locale, 'assessment.visitScoreRule', { sum, n: given.length }) : null,
      scores: given.map((x) => ({ visitor: x.visitorName, score: x.score, comment: x.comment, at: x.createdAt })),
      myScore: given.find((x) => x.accountId === ctx.actor.accountId)?.score ?? null,
      findings: mine.map((f) => ({ id: f.id, title: f.title, dueOn: f.dueOn, doneAt: f.doneAt, evidence: f.evidence })),
      open: mine.filter((f) => !f.doneAt).length,
    };
  });
}

/** Inserts a visitor's score of a 观摩 (409 when this visitor scored it already). */
async function addVisitScore(ctx: Ctx, tx: DbOrTx, visit: VisitRow, input: ScoreVisit) {
  const [row] = await tx
    .insert(asVisitScores)
    .values({
      visitId: visit.id,
      accountId: ctx.actor.accountId,
      visitorName: ctx.actor.displayName,
      score: input.score,
      comment: input.comment || null,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict('assessment.visitScored');
  await audit(tx, ctx, {
    action: 'assessment.visit.score',
    objectType: 'asVisit',
    objectId: visit.id,
    scopePath: visit.scopePath,
    after: row,
  });
  return row;
}

/**
 * A visitor scores a 观摩 once: a manager with the visit in scope, not at the visited node; a supervision visit is
 * never scored.
 */
export async function scoreVisit(ctx: Ctx, id: number, input: ScoreVisit) {
  await ctx.db.transaction(async (tx) => {
    const [v] = await tx
      .select()
      .from(asVisits)
      .where(and(eq(asVisits.id, id), inScope(ctx.actor, asVisits.scopePath)))
      .for('update');
    if (!v) throw notFound();
    if (v.territoryId === ctx.actor.territoryId) throw forbidden('assessment.ownOrg');
    if (v.kind !== 'observation') throw fieldError(ctx, 'score', 'assessment.visitScoreObservation');
    await addVisitScore(ctx, tx, v, input);
  });
  return getVisit(ctx, id);
}

/** A superior records a visit to a node below it; its findings become rectification items of that node. */
export async function createVisit(ctx: Ctx, input: CreateVisit) {
  const node = await nodeBelow(ctx, input.territoryId);
  if (input.kind === 'supervision' && input.score !== undefined)
    throw fieldError(ctx, 'score', 'assessment.visitScoreObservation');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(asVisits)
      .values({
        kind: input.kind,
        territoryId: node.id,
        scopePath: node.path,
        byPath: ctx.actor.scopePath,
        visitedOn: input.visitedOn,
        unannounced: input.unannounced,
        inspectors: input.inspectors,
        summary: input.summary,
        byAccountId: ctx.actor.accountId || null,
        createdAt: now,
      })
      .returning();
    const findings = input.findings.length
      ? await tx
          .insert(asRectificationItems)
          .values(
            input.findings.map((f) => ({
              visitId: row!.id,
              scopePath: node.path,
              title: f.title,
              dueOn: f.dueOn,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .returning()
      : [];
    await audit(tx, ctx, {
      action: 'assessment.visit.create',
      objectType: 'asVisit',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: { ...row, findings },
    });
    // The recorder's score, if given, is the first visitor's score.
    if (input.score !== undefined) await addVisitScore(ctx, tx, row!, { score: input.score });
    return row!;
  });
  return (await visitsOut(ctx, [row]))[0]!;
}

export async function listVisits(ctx: Ctx, q: VisitQuery) {
  const w: SQL[] = [inScope(ctx.actor, asVisits.scopePath)];
  if (q.kind) w.push(eq(asVisits.kind, q.kind));
  w.push(...(await placeFilter(ctx.db, ctx.actor, asVisits.scopePath, q.territoryId)));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(asVisits)
      .where(where)
      .orderBy(desc(asVisits.visitedOn), desc(asVisits.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(asVisits).where(where),
  ]);
  return { items: await visitsOut(ctx, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function getVisit(ctx: Ctx, id: number) {
  const [row] = await ctx.db
    .select()
    .from(asVisits)
    .where(and(eq(asVisits.id, id), inScope(ctx.actor, asVisits.scopePath)));
  if (!row) throw notFound();
  return (await visitsOut(ctx, [row]))[0]!;
}

// The year-end 述职评议 ------------------------------------------------------------------------------------------------

type ReviewRow = typeof asAnnualReviews.$inferSelect;

/** A review is seen in the subtree of the organisation's superiors and by the accounts inside its node (raters). */
const reviewVisible = (ctx: Ctx) =>
  or(
    inScope(ctx.actor, asAnnualReviews.scopePath),
    sql`${ctx.actor.scopePath} like ${asAnnualReviews.scopePath} || '%'`,
  )!;

/** How the caller would rate a review, or null when it may not. */
function raterKindOf(ctx: Ctx, r: ReviewRow): ReviewRaterKind | null {
  const a = ctx.actor;
  if (a.territoryId === r.territoryId && !a.roles.some((x) => x === 'partyMember' || x === 'resident')) return null;
  if (r.scopePath.startsWith(a.scopePath) && a.territoryId !== r.territoryId)
    return a.permissions.has('assessment.manage') ? 'superior' : null;
  if (a.scopePath.startsWith(r.scopePath)) {
    if (a.roles.includes('partyMember')) return 'member';
    if (a.roles.includes('resident')) return 'resident';
  }
  return null;
}

async function reviewsOut(ctx: Ctx, rows: ReviewRow[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [orgs, names, groups, mine, problems] = await Promise.all([
    ctx.db
      .select({ id: partyOrgs.id, name: partyOrgs.name })
      .from(partyOrgs)
      .where(
        inArray(
          partyOrgs.id,
          rows.map((r) => r.partyOrgId),
        ),
      ),
    namesOf(
      ctx.db,
      rows.map((r) => r.territoryId),
    ),
    ctx.db
      .select({
        reviewId: asReviewRatings.reviewId,
        kind: asReviewRatings.raterKind,
        n: count(),
        sum: sql<number>`sum(${asReviewRatings.score})::int`,
      })
      .from(asReviewRatings)
      .where(inArray(asReviewRatings.reviewId, ids))
      .groupBy(asReviewRatings.reviewId, asReviewRatings.raterKind),
    ctx.db
      .select()
      .from(asReviewRatings)
      .where(and(inArray(asReviewRatings.reviewId, ids), eq(asReviewRatings.accountId, ctx.actor.accountId))),
    ctx.db
      .select()
      .from(asRectificationItems)
      .where(inArray(asRectificationItems.reviewId, ids))
      .orderBy(asc(asRectificationItems.dueOn), asc(asRectificationItems.id)),
  ]);
  return rows.map((r) => {
    const weights: Record<ReviewRaterKind, number> = {
      member: r.memberWeight,
      resident: r.residentWeight,
      superior: r.superiorWeight,
    };
    const by = (['member', 'resident', 'superior'] as const).map((kind) => {
      const g = groups.find((x) => x.reviewId === r.id && x.kind === kind);
      return {
        kind,
        weight: weights[kind],
        n: g?.n ?? 0,
        mean: g?.n ? Math.round((g.sum / g.n) * 10) / 10 : null,
        sum: g?.sum ?? 0,
      };
    });
    const live = reviewScore(by.map((g) => ({ weight: g.weight, n: g.n, sum: g.sum })));
    const rater = raterKindOf(ctx, r);
    const my = mine.find((m) => m.reviewId === r.id);
    return {
      id: r.id,
      org: { id: r.partyOrgId, name: orgs.find((o) => o.id === r.partyOrgId)?.name ?? '' },
      place: { id: r.territoryId, name: names.get(r.territoryId) ?? '' },
      year: r.year,
      secretaryName: r.secretaryName,
      report: r.report,
      reportedAt: r.reportedAt,
      closed: r.closedAt !== null,
      closedAt: r.closedAt,
      /** Frozen at closing; while open, computed from the ratings so far. */
      score: r.closedAt ? r.score : live,
      formula: t(ctx.locale, 'assessment.formula.review', {
        m: r.memberWeight,
        r: r.residentWeight,
        s: r.superiorWeight,
      }),
      groups: by.map(({ sum: _sum, ...g }) => g),
      problems: problems
        .filter((p) => p.reviewId === r.id)
        .map((p) => ({ id: p.id, title: p.title, dueOn: p.dueOn, doneAt: p.doneAt, evidence: p.evidence })),
      myRating: my ? { score: my.score, comment: my.comment } : null,
      may: {
        report: !r.closedAt && ctx.actor.territoryId === r.territoryId && ctx.actor.permissions.has('assessment.check'),
        rate:
          !r.closedAt &&
          !!r.report &&
          !my &&
          rater !== null &&
          ctx.actor.permissions.has(rater === 'superior' ? 'assessment.manage' : 'assessment.reviewRate'),
        rateAs: rater,
        close:
          !r.closedAt &&
          ctx.actor.territoryId !== r.territoryId &&
          r.scopePath.startsWith(ctx.actor.scopePath) &&
          ctx.actor.permissions.has('assessment.manage'),
        problems:
          ctx.actor.territoryId !== r.territoryId &&
          r.scopePath.startsWith(ctx.actor.scopePath) &&
          ctx.actor.permissions.has('assessment.manage'),
      },
    };
  });
}

export async function openReview(ctx: Ctx, input: OpenReview) {
  const [org] = await ctx.db
    .select()
    .from(partyOrgs)
    .where(and(eq(partyOrgs.id, input.partyOrgId), inScope(ctx.actor, partyOrgs.scopePath)));
  if (!org) throw notFound();
  if (org.territoryId === ctx.actor.territoryId) throw forbidden('assessment.ownOrg');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(asAnnualReviews)
      .values({
        partyOrgId: org.id,
        territoryId: org.territoryId,
        scopePath: org.scopePath,
        year: input.year,
        secretaryName: input.secretaryName,
        memberWeight: input.memberWeight,
        residentWeight: input.residentWeight,
        superiorWeight: input.superiorWeight,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('assessment.reviewExists', { year: input.year });
    await audit(tx, ctx, {
      action: 'assessment.review.open',
      objectType: 'asAnnualReview',
      objectId: row.id,
      scopePath: row.scopePath,
      after: row,
    });
    return row;
  });
  return (await reviewsOut(ctx, [row]))[0]!;
}

export async function listReviews(ctx: Ctx, year?: number) {
  const w: SQL[] = [reviewVisible(ctx)];
  if (year) w.push(eq(asAnnualReviews.year, year));
  const rows = await ctx.db
    .select()
    .from(asAnnualReviews)
    .where(and(...w))
    .orderBy(desc(asAnnualReviews.year), asc(asAnnualReviews.id))
    .limit(500);
  return reviewsOut(ctx, rows);
}

export async function getReview(ctx: Ctx, id: number) {
  const [row] = await ctx.db
    .select()
    .from(asAnnualReviews)
    .where(and(eq(asAnnualReviews.id, id), reviewVisible(ctx)));
  if (!row) throw notFound();
  return (await reviewsOut(ctx, [row]))[0]!;
}

/**
 * The ratings a review's score is computed from (the console's drill-down): kind, score, comment and time, newest
 * first, filterable by kind and paginated. Who gave a rating is never returned, as with the public rating.
 */
export async function listReviewRatings(ctx: Ctx, id: number, q: ReviewRatingQuery) {
  const review = await getReview(ctx, id);
  const where = and(eq(asReviewRatings.reviewId, id), ...(q.kind ? [eq(asReviewRatings.raterKind, q.kind)] : []));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: asReviewRatings.id,
        kind: asReviewRatings.raterKind,
        score: asReviewRatings.score,
        comment: asReviewRatings.comment,
        createdAt: asReviewRatings.createdAt,
      })
      .from(asReviewRatings)
      .where(where)
      .orderBy(desc(asReviewRatings.createdAt), desc(asReviewRatings.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(asReviewRatings).where(where),
  ]);
  return {
    review: { id: review.id, org: review.org, year: review.year, score: review.score, formula: review.formula },
    groups: review.groups,
    items: rows,
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function lockReview(ctx: Ctx, tx: DbOrTx, id: number) {
  const [row] = await tx
    .select()
    .from(asAnnualReviews)
    .where(and(eq(asAnnualReviews.id, id), reviewVisible(ctx)))
    .for('update');
  if (!row) throw notFound();
  if (row.closedAt) throw conflict('assessment.reviewClosed');
  return row;
}

/** The secretary's report, by an account at the organisation's own node. */
export async function submitReport(ctx: Ctx, id: number, report: string) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockReview(ctx, tx, id);
    if (ctx.actor.territoryId !== row.territoryId) throw forbidden('assessment.notOwnOrg');
    const [after] = await tx
      .update(asAnnualReviews)
      .set({ report, reportedAt: now, updatedAt: now })
      .where(eq(asAnnualReviews.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.review.report',
      objectType: 'asAnnualReview',
      objectId: id,
      scopePath: row.scopePath,
      before: row,
      after,
    });
  });
  return getReview(ctx, id);
}

/**
 * A rating 0–100 of the report, once per account: party members and residents inside the organisation's node, the
 * superior above it. The kind comes from who rates, never from the request.
 */
export async function rateReview(ctx: Ctx, id: number, input: RateReview, as: 'public' | 'superior') {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockReview(ctx, tx, id);
    const kind = raterKindOf(ctx, row);
    if (!kind || (as === 'superior') !== (kind === 'superior')) throw forbidden('assessment.mayNotRateReview');
    if (!row.report) throw conflict('assessment.noReport');
    const [rating] = await tx
      .insert(asReviewRatings)
      .values({
        reviewId: id,
        accountId: ctx.actor.accountId,
        raterKind: kind,
        score: input.score,
        comment: input.comment ?? null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!rating) throw conflict('assessment.reviewRated');
    await audit(tx, ctx, {
      action: 'assessment.review.rate',
      objectType: 'asAnnualReview',
      objectId: id,
      scopePath: row.scopePath,
      after: { ratingId: rating.id, raterKind: kind, score: input.score },
    });
  });
  return getReview(ctx, id);
}

/** The superior closes the review: the score is computed from the ratings by the stated formula and kept. */
export async function closeReview(ctx: Ctx, id: number) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockReview(ctx, tx, id);
    if (ctx.actor.territoryId === row.territoryId || !row.scopePath.startsWith(ctx.actor.scopePath))
      throw forbidden('assessment.ownOrg');
    const groups = await tx
      .select({
        kind: asReviewRatings.raterKind,
        n: count(),
        sum: sql<number>`sum(${asReviewRatings.score})::int`,
      })
      .from(asReviewRatings)
      .where(eq(asReviewRatings.reviewId, id))
      .groupBy(asReviewRatings.raterKind);
    const w = { member: row.memberWeight, resident: row.residentWeight, superior: row.superiorWeight };
    const score = reviewScore(groups.map((g) => ({ weight: w[g.kind], n: g.n, sum: g.sum })));
    const [after] = await tx
      .update(asAnnualReviews)
      .set({ closedAt: now, score, updatedAt: now })
      .where(eq(asAnnualReviews.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.review.close',
      objectType: 'asAnnualReview',
      objectId: id,
      scopePath: row.scopePath,
      before: row,
      after: { ...after, groups },
    });
  });
  return getReview(ctx, id);
}

/** Problems raised at the review become rectification items of the organisation (open or closed review). */
export async function addReviewProblems(ctx: Ctx, id: number, input: AddRectification) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(asAnnualReviews)
      .where(and(eq(asAnnualReviews.id, id), inScope(ctx.actor, asAnnualReviews.scopePath)))
      .for('update');
    if (!row) throw notFound();
    if (ctx.actor.territoryId === row.territoryId) throw forbidden('assessment.ownOrg');
    const added = await tx
      .insert(asRectificationItems)
      .values(
        input.items.map((i) => ({ ...i, reviewId: id, scopePath: row.scopePath, createdAt: now, updatedAt: now })),
      )
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.review.problems',
      objectType: 'asAnnualReview',
      objectId: id,
      scopePath: row.scopePath,
      after: added,
    });
  });
  return getReview(ctx, id);
}
