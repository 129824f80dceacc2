import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../kernel/audit/audit.js';
import { CHINA_OFFSET_MS } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, placeFilter } from '../../kernel/scope/scope.js';
import { getPartyOrg, listPartyOrgs, type PartyOrg } from '../organizations/index.js';
import { branchRoster, membersOfAccount } from '../party-members/index.js';
import { pointsOfRef } from '../volunteering/index.js';
import { ATTENDANCE_STATUSES, ORG_LIFE_KINDS, ORG_LIFE_RULES, type OrgLifeKind } from './constants.js';
import type {
  BranchFigures,
  CreateSession,
  LessonInput,
  OrgLifeFigures,
  OrgLifeSession,
  SessionCorrection,
  SessionCorrectionInput,
  SessionQuery,
  SessionUpdate,
  StudyRecord,
} from './contract.js';
import { settleOrgLifePoints } from './points.js';
import { orgLifeAttendance, orgLifeCorrections, orgLifeSessions, studyLessons } from './schema.js';

const s = orgLifeSessions;
const att = orgLifeAttendance;
const fieldError = (ctx: Ctx, field: string, key: string) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key) }]);

/** The branch if it lies in the caller's subtree (404 otherwise, like any record outside it). */
async function branchInScope(ctx: Ctx, id: number) {
  return getPartyOrg(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions 三会一课 / 主题党日
// ---------------------------------------------------------------------------------------------------------------

/** Records a session of a branch; its roster is the branch's members now (all absent until signed in). */
export async function createSession(ctx: Ctx, input: CreateSession): Promise<OrgLifeSession> {
  const branch = await branchInScope(ctx, input.branchId);
  const [node] = await ctx.db
    .select({ path: territories.path })
    .from(territories)
    .where(eq(territories.id, branch.territory.id));
  const roster = await branchRoster(ctx.db, [branch.id]);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(s)
      .values({
        branchId: branch.id,
        scopePath: node!.path,
        kind: input.kind,
        title: input.title,
        heldAt: input.heldAt,
        mode: input.mode,
        place: input.place ?? null,
        status: input.heldAt <= now ? 'held' : 'planned',
        createdBy: ctx.actor.accountId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (roster.length)
      await tx.insert(att).values(
        roster.map((r) => ({
          sessionId: row!.id,
          memberId: r.id,
          memberName: r.name,
          accountId: r.accountId,
          createdAt: now,
          updatedAt: now,
        })),
      );
    await audit(tx, ctx, {
      action: 'orgLife.create',
      objectType: 'orgLifeSession',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: { ...row, roster: roster.length },
    });
    return row!.id;
  });
  return getSession(ctx, id);
}

async function sessionRow(ctx: Ctx, id: number, db: DbOrTx = ctx.db, lock = false) {
  const q = db
    .select()
    .from(s)
    .where(and(eq(s.id, id), inScope(ctx.actor, s.scopePath)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound();
  return row;
}

async function sessionsOut(ctx: Ctx, rows: (typeof s.$inferSelect)[], withRoster: boolean): Promise<OrgLifeSession[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const roster = await ctx.db.select().from(att).where(inArray(att.sessionId, ids)).orderBy(asc(att.id));
  const names = new Map<number, string>();
  for (const b of [...new Set(rows.map((r) => r.branchId))]) {
    try {
      names.set(b, (await getPartyOrg(ctx, b)).name);
    } catch {
      names.set(b, '');
    }
  }
  // One session's page: what each member earned (net of reversals) and the recorded corrections.
  const one = withRoster && rows.length === 1 ? rows[0]!.id : null;
  const [points, corrections]: [Map<number, number>, SessionCorrection[]] = one
    ? await Promise.all([pointsOfRef(ctx.db, 'meetingAttended', `orgLife:${one}`), correctionsOf(ctx.db, one)])
    : [new Map(), []];
  return rows.map((r) => {
    const mine = roster.filter((x) => x.sessionId === r.id);
    return {
      id: r.id,
      branch: { id: r.branchId, name: names.get(r.branchId) ?? '' },
      kind: r.kind,
      title: r.title,
      heldAt: r.heldAt,
      mode: r.mode,
      place: r.place,
      minutes: r.minutes,
      status: r.status,
      approvedAt: r.approvedAt,
      expected: mine.length,
      present: mine.filter((x) => x.status === 'present').length,
      leave: mine.filter((x) => x.status === 'leave').length,
      attendance: withRoster
        ? mine.map((x) => ({
            id: x.id,
            member: { id: x.memberId, name: x.memberName },
            hasAccount: x.accountId !== null,
            status: x.status,
            leaveReason: x.leaveReason,
            signedInAt: x.signedInAt,
            points: points.get(x.memberId) ?? 0,
          }))
        : [],
      corrections: r.id === one ? corrections : [],
    };
  });
}

export async function getSession(ctx: Ctx, id: number): Promise<OrgLifeSession> {
  return (await sessionsOut(ctx, [await sessionRow(ctx, id)], true))[0]!;
}

/** Sessions of the caller's subtree, newest first. */
export async function listSessions(ctx: Ctx, q: SessionQuery) {
  const w: SQL[] = [inScope(ctx.actor, s.scopePath)];
  if (q.branchId) w.push(eq(s.branchId, q.branchId));
  if (q.kind) w.push(eq(s.kind, q.kind));
  if (q.status) w.push(inArray(s.status, q.status));
  if (q.from) w.push(gte(s.heldAt, q.from));
  if (q.to) w.push(lt(s.heldAt, q.to));
  w.push(...(await placeFilter(ctx.db, ctx.actor, s.scopePath, q.territoryId)));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db.select().from(s).where(where).orderBy(desc(s.heldAt), desc(s.id)).limit(q.pageSize).offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(s).where(where),
  ]);
  return { items: await sessionsOut(ctx, rows, false), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Records minutes, attendance and leave, or moves the session (held, approved); approved sessions are locked. */
export async function updateSession(ctx: Ctx, id: number, input: SessionUpdate): Promise<OrgLifeSession> {
  await ctx.db.transaction(async (tx) => {
    const row = await sessionRow(ctx, id, tx, true);
    if (row.status === 'approved') throw conflict('meetings.sessionLocked');
    const now = ctx.clock.now();
    const patch: Partial<typeof s.$inferInsert> = { updatedAt: now };
    if (input.minutes !== undefined) patch.minutes = input.minutes ?? null;
    if (input.status) {
      patch.status = input.status;
      if (input.status === 'approved') patch.approvedAt = now;
    }
    await tx.update(s).set(patch).where(eq(s.id, id));
    for (const [i, a] of (input.attendance ?? []).entries()) {
      const [hit] = await tx
        .update(att)
        .set({
          status: a.status,
          leaveReason: a.status === 'leave' ? (a.leaveReason ?? null) : null,
          signedInAt: a.status === 'present' ? now : null,
          updatedAt: now,
        })
        .where(and(eq(att.sessionId, id), eq(att.memberId, a.memberId)))
        .returning();
      if (!hit) throw fieldError(ctx, `attendance.${i}.memberId`, 'meetings.notOnRoster');
    }
    // Approved: each member present earns the meeting points, once per session (issue 15 item 2).
    if (input.status === 'approved') await settleOrgLifePoints(tx, id, row.scopePath, now);
    await audit(tx, ctx, {
      action: 'orgLife.update',
      objectType: 'orgLifeSession',
      objectId: id,
      scopePath: row.scopePath,
      before: { status: row.status, minutes: row.minutes },
      after: { ...patch, attendance: input.attendance },
    });
  });
  return getSession(ctx, id);
}

/** The recorded corrections of a session, oldest first (decision 048). */
async function correctionsOf(db: DbOrTx, id: number): Promise<SessionCorrection[]> {
  const rows = await db
    .select()
    .from(orgLifeCorrections)
    .where(eq(orgLifeCorrections.sessionId, id))
    .orderBy(asc(orgLifeCorrections.id));
  const status = (v: string | null) => z.enum(ATTENDANCE_STATUSES).nullable().parse(v);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    by: r.byName,
    reason: r.reason,
    target: r.target === 'minutes' ? ('minutes' as const) : ('attendance' as const),
    member: r.memberId ? { id: r.memberId, name: r.memberName ?? '' } : null,
    statusBefore: status(r.statusBefore),
    statusAfter: status(r.statusAfter),
    leaveReason: r.leaveReason,
    minutesBefore: r.minutesBefore,
    minutesAfter: r.minutesAfter,
    points: r.points,
  }));
}

/**
 * Corrects an approved session (issue 13: after approval only by a recorded correction): one member's attendance
 * or the minutes, with the reason. A changed attendance settles the member's points through the ledger in the same
 * transaction — present → absent/leave reverses them by an entry, absent/leave → present credits them (again).
 */
export async function correctSession(ctx: Ctx, id: number, input: SessionCorrectionInput): Promise<OrgLifeSession> {
  await ctx.db.transaction(async (tx) => {
    const row = await sessionRow(ctx, id, tx, true);
    if (row.status !== 'approved') throw conflict('meetings.sessionNotApproved');
    const now = ctx.clock.now();
    let record: Omit<typeof orgLifeCorrections.$inferInsert, 'sessionId' | 'reason' | 'by' | 'byName' | 'at'>;
    if (input.memberId !== undefined) {
      if (input.minutes !== undefined) throw fieldError(ctx, 'minutes', 'meetings.correctionOne');
      if (!input.status) throw fieldError(ctx, 'status', 'meetings.correctionStatus');
      const [hit] = await tx
        .select()
        .from(att)
        .where(and(eq(att.sessionId, id), eq(att.memberId, input.memberId)));
      if (!hit) throw fieldError(ctx, 'memberId', 'meetings.memberNotOnRoster');
      const leaveReason = input.status === 'leave' ? (input.leaveReason ?? null) : null;
      if (hit.status === input.status && hit.leaveReason === leaveReason)
        throw fieldError(ctx, 'status', 'meetings.correctionSame');
      await tx
        .update(att)
        .set({
          status: input.status,
          leaveReason,
          signedInAt: input.status === 'present' ? hit.signedInAt : null,
          updatedAt: now,
        })
        .where(eq(att.id, hit.id));
      const points = await settleOrgLifePoints(tx, id, row.scopePath, now, {
        memberId: hit.memberId,
        reason: input.reason,
      });
      record = {
        target: 'attendance',
        memberId: hit.memberId,
        memberName: hit.memberName,
        statusBefore: hit.status,
        statusAfter: input.status,
        leaveReason,
        points,
      };
    } else if (input.minutes !== undefined) {
      if ((row.minutes ?? '') === input.minutes) throw fieldError(ctx, 'minutes', 'meetings.correctionSame');
      await tx.update(s).set({ minutes: input.minutes, updatedAt: now }).where(eq(s.id, id));
      record = { target: 'minutes', minutesBefore: row.minutes, minutesAfter: input.minutes, points: 0 };
    } else {
      throw fieldError(ctx, 'memberId', 'meetings.sessionCorrectionEmpty');
    }
    const [saved] = await tx
      .insert(orgLifeCorrections)
      .values({
        ...record,
        sessionId: id,
        reason: input.reason,
        by: ctx.actor.accountId,
        byName: ctx.actor.displayName,
        at: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'orgLife.correct',
      objectType: 'orgLifeSession',
      objectId: id,
      scopePath: row.scopePath,
      before: {
        target: saved!.target,
        memberId: saved!.memberId,
        status: saved!.statusBefore,
        minutes: saved!.minutesBefore,
      },
      after: {
        correctionId: saved!.id,
        target: saved!.target,
        memberId: saved!.memberId,
        status: saved!.statusAfter,
        leaveReason: saved!.leaveReason,
        minutes: saved!.minutesAfter,
        points: saved!.points,
        reason: saved!.reason,
      },
    });
  });
  return getSession(ctx, id);
}

async function myRosterRow(ctx: Ctx, tx: DbOrTx, id: number) {
  const [hit] = await tx
    .select({ a: att, sess: s })
    .from(att)
    .innerJoin(s, eq(s.id, att.sessionId))
    .where(and(eq(att.sessionId, id), eq(att.accountId, ctx.actor.accountId)))
    .limit(1)
    .for('update');
  if (!hit) throw notFound();
  if (hit.sess.status === 'approved') throw conflict('meetings.sessionLocked');
  return hit;
}

/** A member on the roster signs in, once. */
export async function signInSession(ctx: Ctx, id: number) {
  return ctx.db.transaction(async (tx) => {
    const { a, sess } = await myRosterRow(ctx, tx, id);
    if (a.status === 'present') throw conflict('meetings.alreadySignedIn');
    const now = ctx.clock.now();
    await tx
      .update(att)
      .set({ status: 'present', signedInAt: now, leaveReason: null, updatedAt: now })
      .where(eq(att.id, a.id));
    await audit(tx, ctx, {
      action: 'orgLife.signIn',
      objectType: 'orgLifeAttendance',
      objectId: a.id,
      scopePath: sess.scopePath,
      after: { status: 'present' },
    });
    return { sessionId: id, status: 'present' as const };
  });
}

/** A member on the roster asks for leave (not after signing in). */
export async function askLeave(ctx: Ctx, id: number, reason: string) {
  return ctx.db.transaction(async (tx) => {
    const { a, sess } = await myRosterRow(ctx, tx, id);
    if (a.status === 'present') throw conflict('meetings.alreadySignedIn');
    await tx
      .update(att)
      .set({ status: 'leave', leaveReason: reason, updatedAt: ctx.clock.now() })
      .where(eq(att.id, a.id));
    await audit(tx, ctx, {
      action: 'orgLife.leave',
      objectType: 'orgLifeAttendance',
      objectId: a.id,
      scopePath: sess.scopePath,
      after: { status: 'leave', reason },
    });
    return { sessionId: id, status: 'leave' as const };
  });
}

/** The caller's own sessions (as a member on the roster), newest first, with minutes of those attended. */
export async function mySessions(ctx: Ctx) {
  const rows = await ctx.db
    .select({ sess: s, status: att.status })
    .from(att)
    .innerJoin(s, eq(s.id, att.sessionId))
    .where(eq(att.accountId, ctx.actor.accountId))
    .orderBy(desc(s.heldAt))
    .limit(100);
  return {
    items: rows.map(({ sess, status }) => ({
      id: sess.id,
      kind: sess.kind,
      title: sess.title,
      heldAt: sess.heldAt,
      mode: sess.mode,
      place: sess.place,
      sessionStatus: sess.status,
      myStatus: status,
      minutes: status === 'present' && sess.status === 'approved' ? sess.minutes : null,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Figures and the missed-session flag
// ---------------------------------------------------------------------------------------------------------------

/** The period key of a moment for a rule: `2026-03` (month) or `2026-Q1` (quarter), in China time. */
export function periodOf(d: Date, every: 'month' | 'quarter'): string {
  const c = new Date(d.getTime() + CHINA_OFFSET_MS);
  const y = c.getUTCFullYear();
  const mo = c.getUTCMonth();
  return every === 'month' ? `${y}-${String(mo + 1).padStart(2, '0')}` : `${y}-Q${Math.floor(mo / 3) + 1}`;
}

/** The periods of `year` that have ended by `now` and started after `since` began (China time). */
export function endedPeriods(year: number, every: 'month' | 'quarter', since: Date, now: Date): string[] {
  const out: string[] = [];
  const step = every === 'month' ? 1 : 3;
  for (let mo = 0; mo < 12; mo += step) {
    const start = new Date(Date.UTC(year, mo, 1) - CHINA_OFFSET_MS);
    const end = new Date(Date.UTC(year, mo + step, 1) - CHINA_OFFSET_MS);
    if (end > now) break;
    if (end <= since) continue;
    out.push(periodOf(start, every));
  }
  return out;
}

const ATTENDANCE_FORMULA = {
  'zh-CN': '出勤率 = 实到人次 ÷ 应到人次（已召开的组织生活；应到为当次名单上的党员，请假计入应到、不计实到）',
  'en-US':
    'Attendance rate = members present ÷ members expected (sessions held; leave counts as expected, not present)',
};
const MISSING_FORMULA = {
  'zh-CN': '缺项：已结束的月份（支委会、党小组会、主题党日）或季度（支部党员大会、党课）内没有已召开的该类组织生活',
  'en-US':
    'Missing: an ended month (committee, group meeting, theme day) or quarter (member assembly, party lesson) with no session of that kind held',
};

async function branchesUnder(ctx: Ctx, territoryId: number | undefined): Promise<PartyOrg[]> {
  const out: PartyOrg[] = [];
  for (let page = 1; page <= 50; page++) {
    const res = await listPartyOrgs(ctx, {
      kind: 'branch',
      page,
      pageSize: 200,
      ...(territoryId ? { territoryId } : {}),
    });
    out.push(...res.items);
    if (out.length >= res.total || !res.items.length) break;
  }
  return out;
}

/**
 * Organisational life per branch and in total for a year (seed 001's 6,600 sessions is such a figure): sessions
 * held, attendance rate with its formula, the due periods missed; computed from the records and the clock.
 */
export async function orgLifeFigures(ctx: Ctx, year: number, territoryId?: number): Promise<OrgLifeFigures> {
  const branches = await branchesUnder(ctx, territoryId);
  const now = ctx.clock.now();
  const from = new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS);
  const to = new Date(Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS);
  const ids = branches.map((b) => b.id);
  const sessions = ids.length
    ? await ctx.db
        .select({
          id: s.id,
          branchId: s.branchId,
          kind: s.kind,
          heldAt: s.heldAt,
          expected:
            sql<number>`(select count(*) from org_life_attendance x where x.session_id = org_life_sessions.id)::int`.mapWith(
              Number,
            ),
          present:
            sql<number>`(select count(*) from org_life_attendance x where x.session_id = org_life_sessions.id and x.status = 'present')::int`.mapWith(
              Number,
            ),
        })
        .from(s)
        .where(
          and(inArray(s.branchId, ids), gte(s.heldAt, from), lt(s.heldAt, to), inArray(s.status, ['held', 'approved'])),
        )
    : [];
  const rows: BranchFigures[] = branches.map((b) => {
    const mine = sessions.filter((x) => x.branchId === b.id);
    const expected = mine.reduce((n, x) => n + x.expected, 0);
    const present = mine.reduce((n, x) => n + x.present, 0);
    const missing: { kind: OrgLifeKind; period: string }[] = [];
    // A branch is due from when it was set up, or from its first recorded session if the records are older.
    const since = new Date(Math.min(b.createdAt.getTime(), ...mine.map((x) => x.heldAt.getTime())));
    for (const kind of ORG_LIFE_KINDS) {
      const every = ORG_LIFE_RULES[kind].every;
      const held = new Set(mine.filter((x) => x.kind === kind).map((x) => periodOf(x.heldAt, every)));
      for (const p of endedPeriods(year, every, since, now)) if (!held.has(p)) missing.push({ kind, period: p });
    }
    return {
      branch: { id: b.id, name: b.name },
      territory: { id: b.territory.id, name: b.territory.name },
      held: mine.length,
      expected,
      present,
      attendanceRate: expected ? present / expected : null,
      missing,
      drillDown: `/org-life?branchId=${b.id}&year=${year}`,
    };
  });
  const expected = rows.reduce((n, r) => n + r.expected, 0);
  const present = rows.reduce((n, r) => n + r.present, 0);
  return {
    year,
    formula: { attendanceRate: ATTENDANCE_FORMULA[ctx.locale], missing: MISSING_FORMULA[ctx.locale] },
    total: {
      branches: rows.length,
      held: rows.reduce((n, r) => n + r.held, 0),
      expected,
      present,
      attendanceRate: expected ? present / expected : null,
      flagged: rows.filter((r) => r.missing.length).length,
    },
    branches: rows,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Study records 学习档案 (seed 004)
// ---------------------------------------------------------------------------------------------------------------

async function studyOf(ctx: Ctx, member: { id: number; name: string; homeBranchId: number }): Promise<StudyRecord> {
  const [sessions, lessons] = await Promise.all([
    ctx.db
      .select({ id: s.id, kind: s.kind, title: s.title, heldAt: s.heldAt })
      .from(att)
      .innerJoin(s, eq(s.id, att.sessionId))
      .where(and(eq(att.memberId, member.id), eq(att.status, 'present')))
      .orderBy(desc(s.heldAt)),
    ctx.db
      .select()
      .from(studyLessons)
      .where(eq(studyLessons.memberId, member.id))
      .orderBy(desc(studyLessons.studiedOn)),
  ]);
  let branchName = '';
  try {
    branchName = (await getPartyOrg(ctx, member.homeBranchId)).name;
  } catch {
    /* the member's own record: the branch may lie outside a member's scope */
  }
  const minutes = lessons.reduce((n, l) => n + l.minutes, 0);
  return {
    member: { id: member.id, name: member.name },
    branch: { id: member.homeBranchId, name: branchName },
    sessions,
    lessons: lessons.map((l) => ({
      id: l.id,
      title: l.title,
      hours: Math.round(l.minutes / 6) / 10,
      studiedOn: l.studiedOn,
      note: l.note,
    })),
    totalHours: Math.round(minutes / 6) / 10,
  };
}

/** Study records of a branch's members (the branch secretary's view). */
export async function branchStudy(ctx: Ctx, branchId: number): Promise<StudyRecord[]> {
  const branch = await branchInScope(ctx, branchId);
  const roster = await branchRoster(ctx.db, [branch.id]);
  return Promise.all(roster.map((r) => studyOf(ctx, r)));
}

/** The caller's own study record (a member signs in with their account). */
export async function myStudy(ctx: Ctx): Promise<StudyRecord[]> {
  const mine = await membersOfAccount(ctx.db, ctx.actor.accountId);
  return Promise.all(mine.map((r) => studyOf(ctx, r)));
}

/** Records a lesson studied: staff for a member of their subtree, or a member for themself (no memberId). */
export async function addLesson(ctx: Ctx, input: LessonInput, self: boolean): Promise<StudyRecord> {
  let member: { id: number; name: string; homeBranchId: number; scopePath: string } | undefined;
  if (self) {
    member = (await membersOfAccount(ctx.db, ctx.actor.accountId))[0];
    if (!member) throw notFound();
  } else {
    if (!input.memberId) throw fieldError(ctx, 'memberId', 'meetings.memberNotFound');
    const branches = await branchesUnder(ctx, undefined);
    const roster = await branchRoster(
      ctx.db,
      branches.map((b) => b.id),
    );
    member = roster.find((r) => r.id === input.memberId);
    if (!member) throw notFound();
  }
  const m = member;
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(studyLessons)
      .values({
        memberId: m.id,
        scopePath: m.scopePath,
        title: input.title,
        minutes: Math.round(input.hours * 60),
        studiedOn: input.studiedOn,
        note: input.note ?? null,
        recordedBy: ctx.actor.accountId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'study.lesson',
      objectType: 'studyLesson',
      objectId: row!.id,
      scopePath: m.scopePath,
      after: row,
    });
  });
  return studyOf(ctx, m);
}
