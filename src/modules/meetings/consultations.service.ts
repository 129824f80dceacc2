import { and, asc, count, desc, eq, gte, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { rowsOf } from '../../kernel/db/rows.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, inSubtree, placeFilter, placeInScope } from '../../kernel/scope/scope.js';
import { notify } from '../notifications/index.js';
import { createOrder, orderStatuses } from '../service-orders/index.js';
import { CONSULTATION_LEVELS, CONSULTATION_PERIOD_DAYS } from './constants.js';
import type {
  ConcludeInput,
  Consultation,
  ConsultationComment,
  ConsultationListItem,
  ConsultationQuery,
  CreateConsultation,
} from './contract.js';
import {
  agendaItems,
  consultationComments,
  consultations,
  consultationVotes,
  meetingDecisions,
  meetings,
} from './schema.js';
import { escapeLike } from '../../kernel/db/search.js';

const DAY = 86_400_000;
/** At most this many comments per resident and consultation (a conversation, not a flood). */
export const MAX_COMMENTS_PER_RESIDENT = 20;
const c = consultations;
const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);
const inTx = (ctx: Ctx, tx: DbOrTx): Ctx => ({ ...ctx, db: tx as Db });
const isStaff = (ctx: Ctx) => ctx.actor.permissions.has('meeting.read');

/**
 * 王小明 → 王**: a resident sees the other residents' names masked (staff see the real name). A display name with a
 * title before the name (在职党员 赵敏) is masked on the name itself (赵*).
 */
export const maskName = (name: string) => {
  const own = name.trim().split(/\s+/).pop() ?? '';
  const chars = [...own];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
};

/**
 * Which consultations a caller sees: staff those of their subtree; everyone those put to a node on their own path
 * (a resident of a household sees the consultations of its compound and community).
 */
const visible = (ctx: Ctx): SQL =>
  or(inScope(ctx.actor, c.scopePath), sql`${ctx.actor.scopePath} like ${c.scopePath} || '%'`)!;
/** The comment period: open and before `closesAt`, by the clock. */
const commenting = (row: { status: string; closesAt: Date }, now: Date) => row.status === 'open' && now < row.closesAt;

async function row(ctx: Ctx, id: number, db: DbOrTx = ctx.db, manage = false, lock = false) {
  const q = db
    .select()
    .from(c)
    .where(and(eq(c.id, id), manage ? inScope(ctx.actor, c.scopePath) : visible(ctx)));
  const [r] = lock ? await q.for('update') : await q;
  if (!r) throw notFound();
  return r;
}

/** Puts a topic to the residents of a compound or community: the notice is published and residents hear of it. */
export async function createConsultation(ctx: Ctx, input: CreateConsultation): Promise<Consultation> {
  const node = await placeInScope(ctx.db, ctx.actor, input.territoryId);
  if (!(CONSULTATION_LEVELS as readonly string[]).includes(node.level))
    throw fieldError(ctx, 'territoryId', 'meetings.consultation.wrongLevel');
  const now = ctx.clock.now();
  const days = (input.closesAt.getTime() - now.getTime()) / DAY;
  if (days < CONSULTATION_PERIOD_DAYS.min || days > CONSULTATION_PERIOD_DAYS.max)
    throw fieldError(ctx, 'closesAt', 'meetings.consultation.period', CONSULTATION_PERIOD_DAYS);
  const id = await ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(c)
      .values({
        territoryId: node.id,
        scopePath: node.path,
        title: input.title,
        notice: input.notice,
        options: input.options,
        opensAt: now,
        closesAt: input.closesAt,
        createdBy: ctx.actor.accountId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    // The notice reaches the residents living under the node in-app (and is posted on paper: the print page).
    const residents = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .innerJoin(territories, eq(territories.id, accounts.territoryId))
      .where(and(inSubtree(territories.path, node.path), sql`'resident' = any(${accounts.roles})`))
      .limit(5000);
    await notify(tx, ctx, [
      {
        kind: 'consultation.opened',
        accountIds: residents.map((x) => x.id),
        params: { title: input.title, place: node.name, deadline: input.closesAt.toISOString() },
        link: `/m/consultations?focus=${r!.id}`,
      },
    ]);
    await audit(tx, ctx, {
      action: 'consultation.create',
      objectType: 'consultation',
      objectId: r!.id,
      scopePath: node.path,
      after: r,
    });
    return r!.id;
  });
  return getConsultation(ctx, id);
}

const countsSql = {
  comments:
    sql<number>`(select count(*) from consultation_comments x where x.consultation_id = consultations.id and x.hidden_at is null)::int`.mapWith(
      Number,
    ),
  voters:
    sql<number>`(select count(*) from consultation_votes x where x.consultation_id = consultations.id)::int`.mapWith(
      Number,
    ),
  participants:
    sql<number>`(select count(*) from (select account_id from consultation_comments x where x.consultation_id = consultations.id union select account_id from consultation_votes x where x.consultation_id = consultations.id) p)::int`.mapWith(
      Number,
    ),
};

/** Consultations the caller sees, newest first; filters by status, node (subtree) and when they opened. */
export async function listConsultations(ctx: Ctx, q: ConsultationQuery) {
  const w: SQL[] = [visible(ctx)];
  if (!isStaff(ctx)) w.push(sql`${c.status} <> 'withdrawn'`);
  if (q.status) w.push(inArray(c.status, q.status));
  w.push(...(await placeFilter(ctx.db, ctx.actor, c.scopePath, q.territoryId)));
  if (q.from) w.push(gte(c.opensAt, q.from));
  if (q.to) w.push(sql`${c.opensAt} < ${q.to.toISOString()}::timestamptz`);
  if (q.q) w.push(ilike(c.title, `%${escapeLike(q.q)}%`));
  const where = and(...w);
  const now = ctx.clock.now();
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ c, tName: territories.name, ...countsSql })
      .from(c)
      .innerJoin(territories, eq(territories.id, c.territoryId))
      .where(where)
      .orderBy(desc(c.opensAt), desc(c.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(c).where(where),
  ]);
  const items: ConsultationListItem[] = rows.map((r) => ({
    id: r.c.id,
    title: r.c.title,
    territory: { id: r.c.territoryId, name: r.tName },
    opensAt: r.c.opensAt,
    closesAt: r.c.closesAt,
    status: r.c.status,
    commenting: commenting(r.c, now),
    comments: r.comments,
    voters: r.voters,
    participants: r.participants,
  }));
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** One consultation: notice, tally, comments (names masked for residents), result, the meeting and order it fed. */
export async function getConsultation(ctx: Ctx, id: number): Promise<Consultation> {
  const r = await row(ctx, id);
  const staff = isStaff(ctx) && r.scopePath.startsWith(ctx.actor.scopePath);
  if (!staff && r.status === 'withdrawn') throw notFound();
  const [[terr], [counts], votes, comments, mine] = await Promise.all([
    ctx.db.select({ name: territories.name }).from(territories).where(eq(territories.id, r.territoryId)),
    ctx.db.select(countsSql).from(c).where(eq(c.id, id)),
    ctx.db
      .select({ option: consultationVotes.option, n: count() })
      .from(consultationVotes)
      .where(eq(consultationVotes.consultationId, id))
      .groupBy(consultationVotes.option),
    ctx.db
      .select()
      .from(consultationComments)
      .where(eq(consultationComments.consultationId, id))
      .orderBy(asc(consultationComments.createdAt), asc(consultationComments.id))
      .limit(2000),
    ctx.db
      .select({ option: consultationVotes.option })
      .from(consultationVotes)
      .where(and(eq(consultationVotes.consultationId, id), eq(consultationVotes.accountId, ctx.actor.accountId))),
  ]);
  let meeting: Consultation['meeting'] = null;
  if (r.meetingId) {
    const [mt] = await ctx.db
      .select({ id: meetings.id, title: meetings.title, status: meetings.status })
      .from(meetings)
      .where(eq(meetings.id, r.meetingId));
    if (mt) {
      const ds = await ctx.db
        .select({ text: meetingDecisions.text })
        .from(meetingDecisions)
        .innerJoin(agendaItems, eq(agendaItems.id, meetingDecisions.agendaItemId))
        .where(and(eq(agendaItems.meetingId, mt.id), eq(agendaItems.consultationId, id)))
        .orderBy(asc(meetingDecisions.id));
      meeting = { ...mt, decisions: ds.map((d) => d.text) };
    }
  }
  const order = r.orderId ? (await orderStatuses(ctx.db, [r.orderId])).get(r.orderId) : undefined;
  const commentList: ConsultationComment[] = comments.map((x) => {
    const own = x.accountId === ctx.actor.accountId;
    return {
      id: x.id,
      author: staff || own ? x.authorName : maskName(x.authorName),
      mine: own,
      text: x.hiddenAt ? null : x.text,
      hidden: x.hiddenAt !== null,
      hiddenReason: x.hiddenReason,
      createdAt: x.createdAt,
    };
  });
  return {
    id: r.id,
    title: r.title,
    territory: { id: r.territoryId, name: terr?.name ?? '' },
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    status: r.status,
    commenting: commenting(r, ctx.clock.now()),
    ...counts!,
    notice: r.notice,
    options: r.options,
    tally: r.options.map((option, i) => ({ option, votes: votes.find((v) => v.option === i)?.n ?? 0 })),
    myVote: mine[0]?.option ?? null,
    commentList,
    result: r.result,
    concludedAt: r.concludedAt,
    meeting,
    order: order ? { id: order.id, title: order.title, status: order.status, category: order.category } : null,
  };
}

/** A resident comments with their real-name account, while the comment period runs. */
export async function addComment(ctx: Ctx, id: number, text: string): Promise<Consultation> {
  await ctx.db.transaction(async (tx) => {
    const r = await row(ctx, id, tx, false, true);
    if (r.status === 'withdrawn') throw notFound();
    if (!commenting(r, ctx.clock.now())) throw conflict('meetings.consultation.closed');
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(consultationComments)
      .where(and(eq(consultationComments.consultationId, id), eq(consultationComments.accountId, ctx.actor.accountId)));
    if (n >= MAX_COMMENTS_PER_RESIDENT)
      throw conflict('meetings.consultation.tooManyComments', { max: MAX_COMMENTS_PER_RESIDENT });
    const [x] = await tx
      .insert(consultationComments)
      .values({
        consultationId: id,
        accountId: ctx.actor.accountId,
        authorName: ctx.actor.displayName,
        text,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await audit(tx, ctx, {
      action: 'consultation.comment',
      objectType: 'consultationComment',
      objectId: x!.id,
      scopePath: r.scopePath,
      after: { consultationId: id, text },
    });
  });
  return getConsultation(ctx, id);
}

/** A resident votes for one option (once; they may change it while the period runs). */
export async function vote(ctx: Ctx, id: number, option: number): Promise<Consultation> {
  await ctx.db.transaction(async (tx) => {
    const r = await row(ctx, id, tx, false, true);
    if (r.status === 'withdrawn') throw notFound();
    if (!commenting(r, ctx.clock.now())) throw conflict('meetings.consultation.closed');
    if (r.options.length === 0) throw conflict('meetings.consultation.noVote');
    if (option >= r.options.length) throw fieldError(ctx, 'option', 'meetings.consultation.noSuchOption');
    const now = ctx.clock.now();
    const [before] = await tx
      .select()
      .from(consultationVotes)
      .where(and(eq(consultationVotes.consultationId, id), eq(consultationVotes.accountId, ctx.actor.accountId)));
    const [x] = await tx
      .insert(consultationVotes)
      .values({ consultationId: id, accountId: ctx.actor.accountId, option, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [consultationVotes.consultationId, consultationVotes.accountId],
        set: { option, updatedAt: now },
      })
      .returning();
    await audit(tx, ctx, {
      action: 'consultation.vote',
      objectType: 'consultationVote',
      objectId: x!.id,
      scopePath: r.scopePath,
      before: before ? { option: before.option } : undefined,
      after: { consultationId: id, option },
    });
  });
  return getConsultation(ctx, id);
}

/** Staff hide a comment with a recorded reason; they can never edit it (the words stay the resident's). */
export async function hideComment(ctx: Ctx, id: number, commentId: number, reason: string): Promise<Consultation> {
  await ctx.db.transaction(async (tx) => {
    const r = await row(ctx, id, tx, true, true);
    const [x] = await tx
      .select()
      .from(consultationComments)
      .where(and(eq(consultationComments.id, commentId), eq(consultationComments.consultationId, id)));
    if (!x) throw notFound();
    if (x.hiddenAt) throw conflict('meetings.consultation.alreadyHidden');
    const now = ctx.clock.now();
    await tx
      .update(consultationComments)
      .set({ hiddenAt: now, hiddenBy: ctx.actor.accountId, hiddenReason: reason })
      .where(eq(consultationComments.id, commentId));
    await audit(tx, ctx, {
      action: 'consultation.hideComment',
      objectType: 'consultationComment',
      objectId: commentId,
      scopePath: r.scopePath,
      before: { hidden: false },
      after: { hidden: true, reason },
    });
  });
  return getConsultation(ctx, id);
}

/**
 * Puts the consultation to a meeting (两代表一委员协商, 居民议事会 …): an agenda item linked to it, so the meeting's
 * decisions on it show on the consultation. The meeting must be of the same area (above, at or below its node).
 */
export async function toMeeting(ctx: Ctx, id: number, meetingId: number): Promise<Consultation> {
  await ctx.db.transaction(async (tx) => {
    const r = await row(ctx, id, tx, true, true);
    if (r.status === 'withdrawn') throw conflict('meetings.consultation.withdrawn');
    if (r.meetingId) throw conflict('meetings.consultation.hasMeeting');
    const [mt] = await tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), inScope(ctx.actor, meetings.scopePath)))
      .for('update');
    if (!mt || !(r.scopePath.startsWith(mt.scopePath) || mt.scopePath.startsWith(r.scopePath)))
      throw fieldError(ctx, 'meetingId', 'meetings.consultation.meetingNotFound');
    if (mt.status !== 'planned' && mt.status !== 'held') throw conflict('meetings.minutesLocked');
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`coalesce(max(${agendaItems.sortOrder}) + 1, 0)::int`.mapWith(Number) })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId));
    const now = ctx.clock.now();
    const [item] = await tx
      .insert(agendaItems)
      .values({
        meetingId,
        sortOrder: n,
        title: t(ctx.locale, 'meetings.consultation.agendaTitle', { title: r.title }),
        source: 'consultation',
        consultationId: id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.update(c).set({ meetingId, updatedAt: now }).where(eq(c.id, id));
    await audit(tx, ctx, {
      action: 'consultation.toMeeting',
      objectType: 'consultation',
      objectId: id,
      scopePath: r.scopePath,
      after: { meetingId, agendaItemId: item!.id },
    });
  });
  return getConsultation(ctx, id);
}

/**
 * Staff summarise and publish the result once the comment period has ended; optionally it becomes a service order
 * (through the orders' face). Everyone who took part hears of the result.
 */
export async function concludeConsultation(ctx: Ctx, id: number, input: ConcludeInput): Promise<Consultation> {
  await ctx.db.transaction(async (tx) => {
    const r = await row(ctx, id, tx, true, true);
    if (r.status !== 'open') throw conflict('meetings.consultation.notOpen');
    const now = ctx.clock.now();
    if (now < r.closesAt) throw conflict('meetings.consultation.stillOpen');
    let orderId: number | null = null;
    if (input.order) {
      const order = await createOrder(inTx(ctx, tx), {
        kind: 'problem',
        category: input.order.category,
        title: r.title.slice(0, 100),
        description: input.order.description ?? input.result.slice(0, 2000),
        territoryId: r.territoryId,
      });
      orderId = order.id;
    }
    await tx
      .update(c)
      .set({
        status: 'concluded',
        result: input.result,
        concludedAt: now,
        concludedBy: ctx.actor.accountId,
        orderId,
        updatedAt: now,
      })
      .where(eq(c.id, id));
    const people = await tx.execute(
      sql`select account_id from consultation_comments where consultation_id = ${id}
          union select account_id from consultation_votes where consultation_id = ${id}`,
    );
    await notify(tx, ctx, [
      {
        kind: 'consultation.concluded',
        accountIds: rowsOf(people).map((p) => Number(p.account_id)),
        params: { title: r.title },
        link: `/m/consultations?focus=${id}`,
      },
    ]);
    await audit(tx, ctx, {
      action: 'consultation.conclude',
      objectType: 'consultation',
      objectId: id,
      scopePath: r.scopePath,
      before: { status: r.status },
      after: { status: 'concluded', result: input.result, orderId },
    });
  });
  return getConsultation(ctx, id);
}

/** Withdraws an open consultation (with a reason, audited); residents no longer see it. */
export async function withdrawConsultation(ctx: Ctx, id: number, reason: string): Promise<Consultation> {
  await ctx.db.transaction(async (tx) => {
    const r = await row(ctx, id, tx, true, true);
    if (r.status !== 'open') throw conflict('meetings.consultation.notOpen');
    await tx.update(c).set({ status: 'withdrawn', updatedAt: ctx.clock.now() }).where(eq(c.id, id));
    await audit(tx, ctx, {
      action: 'consultation.withdraw',
      objectType: 'consultation',
      objectId: id,
      scopePath: r.scopePath,
      before: { status: r.status },
      after: { status: 'withdrawn', reason },
    });
  });
  return getConsultation(ctx, id);
}
