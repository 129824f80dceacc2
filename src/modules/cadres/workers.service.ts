import { and, asc, desc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import { audit, maskPhone } from '../../kernel/audit/audit.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { escapeLike } from '../../kernel/db/search.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, placeFilter } from '../../kernel/scope/scope.js';
import { gradeHistory, gradeOn, WORKER_GRADE_RULE, type WorkerFacts } from '../organizations/index.js';
import type { ChangePost, CreateWorker, UpdateWorker, Worker, WorkerDetail, WorkerListQuery } from './contract.js';
import { communityWorkers, communityWorkerPosts } from './schema.js';

/**
 * The community workers' register 社区工作者 (issue 15 item 4, decision 054). Post and grade are derived by the
 * 三岗十八级 rule (organizations/worker-grade.rules.ts) from the start day, the degree and the dated post records;
 * nothing of the grade is stored or typed in.
 */

const w = communityWorkers;
const p = communityWorkerPosts;

export const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);

/** A community of the caller's subtree (404 outside it, 400 on the field when the place is not a community). */
export async function communityInScope(ctx: Ctx, db: DbOrTx, id: number, field = 'communityId') {
  const [c] = await db
    .select({ id: territories.id, name: territories.name, path: territories.path, level: territories.level })
    .from(territories)
    .where(and(eq(territories.id, id), inScope(ctx.actor, territories.path)));
  if (!c) throw notFound();
  if (c.level !== 'community') throw fieldError(ctx, field, 'cadres.notCommunity');
  return c;
}

type Row = typeof w.$inferSelect & { communityName: string };
type PostRow = typeof p.$inferSelect;

const factsOf = (r: Row, posts: PostRow[]): WorkerFacts => ({
  startedOn: r.startedOn,
  degree: r.degree as WorkerFacts['degree'],
  posts: posts.map((x) => ({ post: x.post as WorkerFacts['posts'][number]['post'], from: x.fromOn })),
});

/** The day the grade is read on: today, or the day the worker left. */
const dayOf = (ctx: Ctx, r: Row) => (r.status === 'left' && r.leftOn ? r.leftOn : chinaDay(ctx.clock.now()));

function toWorker(ctx: Ctx, r: Row, posts: PostRow[]): Worker {
  const day = dayOf(ctx, r);
  const grade = gradeOn(factsOf(r, posts), day);
  // A worker who left keeps the grade they left with; no next grade is due.
  const current = grade && r.status === 'left' ? { ...grade, nextOn: null } : grade;
  const held = posts.filter((x) => x.fromOn <= day).at(-1) ?? null;
  const reveal = ctx.actor.permissions.has('cadre.manage');
  return {
    id: r.id,
    name: r.name,
    phone: r.phone && !reveal ? maskPhone(r.phone) : r.phone,
    community: { id: r.communityId, name: r.communityName },
    startedOn: r.startedOn,
    degree: r.degree as Worker['degree'],
    status: r.status as Worker['status'],
    leftOn: r.leftOn,
    title: held?.title ?? null,
    current,
  };
}

function selectWorkers(db: DbOrTx) {
  return db
    .select({ w, communityName: territories.name })
    .from(w)
    .innerJoin(territories, eq(territories.id, w.communityId));
}

async function postsOf(db: DbOrTx, ids: number[]) {
  const out = new Map<number, PostRow[]>();
  if (!ids.length) return out;
  const rows = await db.select().from(p).where(inArray(p.workerId, ids)).orderBy(asc(p.fromOn), asc(p.id));
  for (const r of rows) out.set(r.workerId, [...(out.get(r.workerId) ?? []), r]);
  return out;
}

/**
 * Workers of the subtree. Post and grade are derived, so the filters on them are applied after the rule: the
 * candidate rows (scope, place, status, name) are read once, then filtered and paged.
 */
export async function listWorkers(ctx: Ctx, q: WorkerListQuery) {
  const where: SQL[] = [inScope(ctx.actor, w.scopePath)];
  where.push(...(await placeFilter(ctx.db, ctx.actor, w.scopePath, q.territoryId)));
  if (q.status) where.push(eq(w.status, q.status));
  if (q.q) where.push(ilike(w.name, `%${escapeLike(q.q)}%`));
  const rows = await selectWorkers(ctx.db)
    .where(and(...where))
    .orderBy(asc(territories.name), asc(w.id));
  const posts = await postsOf(
    ctx.db,
    rows.map((r) => r.w.id),
  );
  const order = { head: 0, deputy: 1, staff: 2 } as const;
  const all = rows
    .map((r) => toWorker(ctx, { ...r.w, communityName: r.communityName }, posts.get(r.w.id) ?? []))
    .filter((x) => (!q.post || x.current?.post === q.post) && (!q.grade || x.current?.grade === q.grade))
    .sort(
      (a, b) =>
        a.community.name.localeCompare(b.community.name, 'zh-CN') ||
        (a.current ? order[a.current.post] : 9) - (b.current ? order[b.current.post] : 9) ||
        (b.current?.grade ?? 0) - (a.current?.grade ?? 0) ||
        a.id - b.id,
    );
  const start = (q.page - 1) * q.pageSize;
  return { items: all.slice(start, start + q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize };
}

async function loadRow(ctx: Ctx, db: DbOrTx, id: number): Promise<Row> {
  const [r] = await selectWorkers(db).where(and(eq(w.id, id), inScope(ctx.actor, w.scopePath)));
  if (!r) throw notFound();
  return { ...r.w, communityName: r.communityName };
}

export async function getWorker(ctx: Ctx, id: number): Promise<WorkerDetail> {
  const r = await loadRow(ctx, ctx.db, id);
  const rows = await ctx.db
    .select({ p, by: accounts.displayName })
    .from(p)
    .leftJoin(accounts, eq(accounts.id, p.recordedBy))
    .where(eq(p.workerId, id))
    .orderBy(asc(p.fromOn), asc(p.id));
  const posts = rows.map((x) => x.p);
  const history = gradeHistory(factsOf(r, posts), dayOf(ctx, r)).map((h) => {
    // A start or a change of post carries the post record of that day (its title and reason).
    const rec = h.cause === 'years' ? undefined : posts.filter((x) => x.fromOn === h.on).at(-1);
    return { ...h, title: rec?.title ?? null, reason: rec?.reason ?? null };
  });
  return {
    ...toWorker(ctx, r, posts),
    history,
    posts: rows
      .map((x) => ({
        id: x.p.id,
        post: x.p.post as WorkerDetail['posts'][number]['post'],
        title: x.p.title,
        fromOn: x.p.fromOn,
        reason: x.p.reason,
        recordedBy: x.by,
      }))
      .reverse(),
    rule: {
      range: WORKER_GRADE_RULE.range as Record<string, [number, number]>,
      yearsPerGrade: WORKER_GRADE_RULE.yearsPerGrade,
      degreeYears: WORKER_GRADE_RULE.degreeYears,
    },
  };
}

export async function createWorker(ctx: Ctx, input: CreateWorker): Promise<WorkerDetail> {
  const now = ctx.clock.now();
  if (input.startedOn > chinaDay(now)) throw fieldError(ctx, 'startedOn', 'cadres.dayInFuture');
  const id = await ctx.db.transaction(async (tx) => {
    const c = await communityInScope(ctx, tx, input.communityId);
    const [row] = await tx
      .insert(w)
      .values({
        name: input.name,
        phone: input.phone ?? null,
        communityId: c.id,
        scopePath: c.path,
        startedOn: input.startedOn,
        degree: input.degree,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const [post] = await tx
      .insert(p)
      .values({
        workerId: row!.id,
        post: input.post,
        title: input.title ?? null,
        fromOn: input.startedOn,
        reason: t(ctx.locale, 'cadres.startReason'),
        recordedBy: ctx.actor.accountId || null,
        createdAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'cadres.worker.create',
      objectType: 'communityWorker',
      objectId: row!.id,
      scopePath: c.path,
      after: { ...row, post },
    });
    return row!.id;
  });
  return getWorker(ctx, id);
}

export async function updateWorker(ctx: Ctx, id: number, input: UpdateWorker): Promise<WorkerDetail> {
  const now = ctx.clock.now();
  const today = chinaDay(now);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(w)
      .where(and(eq(w.id, id), inScope(ctx.actor, w.scopePath)))
      .for('update');
    if (!before) throw notFound();
    if (input.startedOn && input.startedOn > today) throw fieldError(ctx, 'startedOn', 'cadres.dayInFuture');
    const status = input.status ?? before.status;
    const leftOn = status === 'left' ? (input.leftOn ?? before.leftOn) : null;
    if (status === 'left' && !leftOn) throw fieldError(ctx, 'leftOn', 'cadres.leftOnRequired');
    if (leftOn && leftOn > today) throw fieldError(ctx, 'leftOn', 'cadres.dayInFuture');
    const startedOn = input.startedOn ?? before.startedOn;
    if (leftOn && leftOn < startedOn) throw fieldError(ctx, 'leftOn', 'cadres.leftBeforeStart');
    // The first post starts with the work: a corrected start day moves it (later posts keep their days).
    const posts = await tx.select().from(p).where(eq(p.workerId, id)).orderBy(asc(p.fromOn), asc(p.id));
    if (input.startedOn && posts[1] && input.startedOn >= posts[1].fromOn)
      throw fieldError(ctx, 'startedOn', 'cadres.startAfterPost', { day: posts[1].fromOn });
    const [after] = await tx
      .update(w)
      .set({
        name: input.name ?? before.name,
        phone: input.phone === undefined ? before.phone : input.phone,
        startedOn,
        degree: input.degree ?? before.degree,
        status,
        leftOn,
        updatedAt: now,
      })
      .where(eq(w.id, id))
      .returning();
    if (input.startedOn && posts[0] && posts[0].fromOn !== input.startedOn)
      await tx.update(p).set({ fromOn: input.startedOn }).where(eq(p.id, posts[0].id));
    await audit(tx, ctx, {
      action: 'cadres.worker.update',
      objectType: 'communityWorker',
      objectId: id,
      scopePath: before.scopePath,
      before,
      after: { ...after, reason: input.reason },
    });
  });
  return getWorker(ctx, id);
}

/** A change of post 岗: a dated record with its reason; the grade follows by the rule from that day. */
export async function changePost(ctx: Ctx, id: number, input: ChangePost): Promise<WorkerDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(w)
      .where(and(eq(w.id, id), inScope(ctx.actor, w.scopePath)))
      .for('update');
    if (!row) throw notFound();
    if (row.status === 'left') throw fieldError(ctx, 'post', 'cadres.workerLeft');
    if (input.fromOn > chinaDay(now)) throw fieldError(ctx, 'fromOn', 'cadres.dayInFuture');
    const [last] = await tx.select().from(p).where(eq(p.workerId, id)).orderBy(desc(p.fromOn), desc(p.id)).limit(1);
    if (last && input.fromOn <= last.fromOn)
      throw fieldError(ctx, 'fromOn', 'cadres.postBeforeLast', { day: last.fromOn });
    if (last && last.post === input.post && (input.title ?? null) === last.title)
      throw fieldError(ctx, 'post', 'cadres.samePost');
    const [rec] = await tx
      .insert(p)
      .values({
        workerId: id,
        post: input.post,
        title: input.title ?? null,
        fromOn: input.fromOn,
        reason: input.reason,
        recordedBy: ctx.actor.accountId || null,
        createdAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'cadres.worker.changePost',
      objectType: 'communityWorker',
      objectId: id,
      scopePath: row.scopePath,
      before: last ?? null,
      after: rec,
    });
  });
  return getWorker(ctx, id);
}
