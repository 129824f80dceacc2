import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDayStart } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { escapeLike } from '../../kernel/db/search.js';
import { conflict, forbidden, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, inSubtree } from '../../kernel/scope/scope.js';
import { partyOrgs } from '../organizations/index.js';
import { CHECK_GRACE_MINUTES, DEFAULT_RADIUS_M, QR_TOKEN_MINUTES, type SignupStatus } from './constants.js';
import type {
  Activity,
  ActivityListItem,
  ActivityQuery,
  CheckInput,
  CreateActivity,
  OpenActivity,
  Signup,
  SignupQuery,
  SignupRow,
} from './contract.js';
import { awardPoints, fieldError, resolvePerson } from './points.service.js';
import { volActivities, volShifts, volSignups, volTeams } from './schema.js';

const MIN = 60_000;
const A = volActivities;
const S = volShifts;
const U = volSignups;
/** A China day `YYYY-MM-DD` as the instant it starts. */
const dayAfter = (d: string) => new Date(chinaDayStart(d).getTime() + 86_400_000);

// ---------------------------------------------------------------------------------------------------------------
// QR tokens: signed with the activity's secret, for one shift and direction, valid for QR_TOKEN_MINUTES
// ---------------------------------------------------------------------------------------------------------------

const sign = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('base64url').slice(0, 22);

export function makeToken(secret: string, shiftId: number, direction: 'in' | 'out', expires: Date): string {
  const body = `${shiftId}.${direction}.${Math.floor(expires.getTime() / 1000)}`;
  return `${body}.${sign(secret, body)}`;
}

function tokenValid(secret: string, token: string, shiftId: number, direction: 'in' | 'out', now: Date): boolean {
  const parts = token.split('.');
  if (parts.length !== 4) return false;
  const [sid, dir, exp, mac] = parts as [string, string, string, string];
  if (Number(sid) !== shiftId || dir !== direction || !/^\d+$/.test(exp)) return false;
  if (Number(exp) * 1000 < now.getTime()) return false;
  const want = Buffer.from(sign(secret, `${sid}.${dir}.${exp}`));
  const got = Buffer.from(mac);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Metres between two WGS-84 points (haversine). */
export function distanceM(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

// ---------------------------------------------------------------------------------------------------------------
// Activities (organisers)
// ---------------------------------------------------------------------------------------------------------------

const confirmedHoursSql = sql<number>`coalesce((select sum(${U.confirmedMinutes}) from ${U} where ${U.activityId} = ${A.id} and ${U.status} = 'confirmed'), 0)::float / 60`;
const listSelect = {
  id: A.id,
  kind: A.kind,
  title: A.title,
  status: A.status,
  place: A.place,
  territoryId: A.territoryId,
  territoryName: territories.name,
  teamId: A.teamId,
  teamName: volTeams.name,
  startsAt: sql<Date | null>`(select min(${S.startsAt}) from ${S} where ${S.activityId} = ${A.id})`.mapWith((v) =>
    v ? new Date(v) : null,
  ),
  endsAt: sql<Date | null>`(select max(${S.endsAt}) from ${S} where ${S.activityId} = ${A.id})`.mapWith((v) =>
    v ? new Date(v) : null,
  ),
  capacity: sql<number>`coalesce((select sum(${S.capacity}) from ${S} where ${S.activityId} = ${A.id}), 0)::int`,
  taken: sql<number>`coalesce((select sum(${S.taken}) from ${S} where ${S.activityId} = ${A.id}), 0)::int`,
  confirmedHours: confirmedHoursSql,
};
type ListRow = {
  territoryId: number;
  territoryName: string;
  teamId: number | null;
  teamName: string | null;
} & Omit<ActivityListItem, 'territory' | 'team'>;
const toItem = ({ territoryId, territoryName, teamId, teamName, ...r }: ListRow): ActivityListItem => ({
  ...r,
  confirmedHours: Math.round(Number(r.confirmedHours) * 10) / 10,
  territory: { id: territoryId, name: territoryName },
  team: teamId && teamName ? { id: teamId, name: teamName } : null,
});

async function nodePath(ctx: Ctx, id: number): Promise<string | null> {
  const [n] = await ctx.db
    .select({ path: territories.path })
    .from(territories)
    .where(and(eq(territories.id, id), inScope(ctx.actor, territories.path)));
  return n?.path ?? null;
}

export async function listActivities(ctx: Ctx, q: ActivityQuery) {
  const where: SQL[] = [inScope(ctx.actor, A.scopePath)];
  if (q.kind) where.push(eq(A.kind, q.kind));
  if (q.status) where.push(eq(A.status, q.status));
  if (q.teamId) where.push(eq(A.teamId, q.teamId));
  if (q.q) where.push(ilike(A.title, `%${escapeLike(q.q)}%`));
  if (q.territoryId) {
    const p = await nodePath(ctx, q.territoryId);
    if (!p) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    where.push(inSubtree(A.scopePath, p));
  }
  if (q.from || q.to) {
    const cond: SQL[] = [sql`${S.activityId} = ${A.id}`];
    if (q.from) cond.push(gte(S.startsAt, chinaDayStart(q.from)));
    if (q.to) cond.push(lt(S.startsAt, dayAfter(q.to)));
    where.push(sql`exists (select 1 from ${S} where ${and(...cond)})`);
  }
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(listSelect)
      .from(A)
      .innerJoin(territories, eq(territories.id, A.territoryId))
      .leftJoin(volTeams, eq(volTeams.id, A.teamId))
      .where(cond)
      .orderBy(desc(A.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(A).where(cond),
  ]);
  return { items: rows.map(toItem), total: total!.n, page: q.page, pageSize: q.pageSize };
}

export async function createActivity(ctx: Ctx, input: CreateActivity): Promise<Activity> {
  const path = await nodePath(ctx, input.territoryId);
  if (!path) throw notFound();
  input.shifts.forEach((s, i) => {
    if (s.endsAt <= s.startsAt) throw fieldError(ctx, `shifts.${i}.endsAt`, 'volunteering.shiftWindow');
  });
  if (input.teamId) {
    const [team] = await ctx.db
      .select({ id: volTeams.id })
      .from(volTeams)
      .where(and(eq(volTeams.id, input.teamId), inScope(ctx.actor, volTeams.scopePath)));
    if (!team) throw fieldError(ctx, 'teamId', 'volunteering.teamNotFound');
  }
  const co = [...new Set(input.organiserIds.filter((x) => x !== ctx.actor.accountId))];
  if (co.length) {
    const found = await ctx.db
      .select({ id: accounts.id })
      .from(accounts)
      .innerJoin(territories, eq(territories.id, accounts.territoryId))
      .where(and(inArray(accounts.id, co), inScope(ctx.actor, territories.path)));
    if (found.length !== co.length) throw fieldError(ctx, 'organiserIds', 'volunteering.organiserNotFound');
  }
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(A)
      .values({
        kind: input.kind,
        title: input.title,
        description: input.description ?? null,
        territoryId: input.territoryId,
        scopePath: path,
        teamId: input.teamId ?? null,
        place: input.place,
        lng: input.lng ?? null,
        lat: input.lat ?? null,
        radiusM: input.radiusM ?? DEFAULT_RADIUS_M,
        organiserIds: [ctx.actor.accountId, ...co],
        tokenSecret: randomBytes(24).toString('base64url'),
        createdBy: ctx.actor.accountId,
      })
      .returning();
    const shifts = await tx
      .insert(S)
      .values(input.shifts.map((s) => ({ ...s, activityId: row!.id, scopePath: path })))
      .returning();
    await audit(tx, ctx, {
      action: 'volunteering.activityCreate',
      objectType: 'volActivity',
      objectId: row!.id,
      scopePath: path,
      after: { ...row, shifts },
    });
    return row!.id;
  });
  return getActivity(ctx, id);
}

const signupSelect = {
  id: U.id,
  shiftId: U.shiftId,
  name: U.name,
  accountId: U.accountId,
  memberId: U.memberId,
  status: U.status,
  checkInAt: U.checkInAt,
  checkInMethod: U.checkInMethod,
  checkOutAt: U.checkOutAt,
  checkOutMethod: U.checkOutMethod,
  confirmedMinutes: U.confirmedMinutes,
  confirmedAt: U.confirmedAt,
  creditCommunity: sql<
    string | null
  >`(select name from ${territories} where ${territories.id} = ${U.creditCommunityId})`,
  reportBranch: sql<string | null>`(select name from ${partyOrgs} where ${partyOrgs.id} = ${U.reportBranchId})`,
  note: U.note,
};
type SignupSel = Omit<Signup, 'spanMinutes'>;
const withSpan = (r: SignupSel): Signup => ({
  ...r,
  spanMinutes: r.checkInAt && r.checkOutAt ? Math.round((r.checkOutAt.getTime() - r.checkInAt.getTime()) / MIN) : null,
});

export async function getActivity(ctx: Ctx, id: number): Promise<Activity> {
  const [row] = await ctx.db
    .select({
      ...listSelect,
      description: A.description,
      lng: A.lng,
      lat: A.lat,
      radiusM: A.radiusM,
      organiserIds: A.organiserIds,
    })
    .from(A)
    .innerJoin(territories, eq(territories.id, A.territoryId))
    .leftJoin(volTeams, eq(volTeams.id, A.teamId))
    .where(and(eq(A.id, id), inScope(ctx.actor, A.scopePath)));
  if (!row) throw notFound();
  const { description, lng, lat, radiusM, organiserIds, ...item } = row;
  const [shifts, signups, organisers] = await Promise.all([
    ctx.db
      .select({
        id: S.id,
        label: S.label,
        startsAt: S.startsAt,
        endsAt: S.endsAt,
        capacity: S.capacity,
        taken: S.taken,
      })
      .from(S)
      .where(eq(S.activityId, id))
      .orderBy(asc(S.startsAt), asc(S.id)),
    ctx.db.select(signupSelect).from(U).where(eq(U.activityId, id)).orderBy(asc(U.shiftId), asc(U.id)),
    ctx.db
      .select({ id: accounts.id, name: accounts.displayName })
      .from(accounts)
      .where(inArray(accounts.id, organiserIds.length ? organiserIds : [-1])),
  ]);
  return {
    ...toItem(item),
    description,
    lng,
    lat,
    radiusM,
    organisers,
    isOrganiser: organiserIds.includes(ctx.actor.accountId),
    shifts,
    signups: signups.map(withSpan),
  };
}

const MOVES = { close: ['open'], cancel: ['open'], reopen: ['closed'] } as const;
const TARGET = { close: 'closed', cancel: 'cancelled', reopen: 'open' } as const;

export async function moveActivity(ctx: Ctx, id: number, move: keyof typeof MOVES): Promise<Activity> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(A)
      .where(and(eq(A.id, id), inScope(ctx.actor, A.scopePath)))
      .for('update');
    if (!row) throw notFound();
    if (!row.organiserIds.includes(ctx.actor.accountId)) throw forbidden('volunteering.notOrganiser');
    if (!(MOVES[move] as readonly string[]).includes(row.status))
      throw conflict('volunteering.illegalMove', {
        status: t(ctx.locale, `volunteering.activityStatus.${row.status}`),
      });
    await tx.update(A).set({ status: TARGET[move], updatedAt: ctx.clock.now() }).where(eq(A.id, id));
    await audit(tx, ctx, {
      action: `volunteering.activity.${move}`,
      objectType: 'volActivity',
      objectId: id,
      scopePath: row.scopePath,
      before: { status: row.status },
      after: { status: TARGET[move] },
    });
  });
  return getActivity(ctx, id);
}

/** The QR code's token for a shift and direction (shown on the organiser's page, refreshed before it expires). */
export async function qrToken(ctx: Ctx, id: number, shiftId: number, direction: 'in' | 'out') {
  const [row] = await ctx.db
    .select({ secret: A.tokenSecret, organiserIds: A.organiserIds })
    .from(A)
    .innerJoin(S, eq(S.activityId, A.id))
    .where(and(eq(A.id, id), eq(S.id, shiftId), inScope(ctx.actor, A.scopePath)));
  if (!row) throw notFound();
  if (!row.organiserIds.includes(ctx.actor.accountId)) throw forbidden('volunteering.notOrganiser');
  const expiresAt = new Date(ctx.clock.now().getTime() + QR_TOKEN_MINUTES * MIN);
  const token = makeToken(row.secret, shiftId, direction, expiresAt);
  return {
    token,
    expiresAt,
    url: `/m/volunteering?shift=${shiftId}&direction=${direction}&token=${encodeURIComponent(token)}`,
  };
}

/**
 * Confirms a sign-up's hours (谁组织谁记录: only an organiser of the activity), then credits points by the district's
 * rule in the same transaction. Minutes default to the check-in → check-out span.
 */
export async function decideSignup(
  ctx: Ctx,
  signupId: number,
  decision: { confirm: true; minutes?: number; note?: string | null } | { confirm: false; note: string },
): Promise<Signup> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ s: U, organiserIds: A.organiserIds, kind: A.kind, startsAt: S.startsAt, endsAt: S.endsAt })
      .from(U)
      .innerJoin(A, eq(A.id, U.activityId))
      .innerJoin(S, eq(S.id, U.shiftId))
      .where(and(eq(U.id, signupId), inScope(ctx.actor, U.scopePath)))
      .for('update', { of: [U] });
    if (!row) throw notFound();
    if (!row.organiserIds.includes(ctx.actor.accountId)) throw forbidden('volunteering.notOrganiser');
    const s = row.s;
    const now = ctx.clock.now();
    if (!decision.confirm) {
      if (!['signedUp', 'checkedIn', 'checkedOut'].includes(s.status))
        throw conflict('volunteering.cannotConfirm', {
          status: t(ctx.locale, `volunteering.signupStatus.${s.status}`),
        });
      await tx.update(U).set({ status: 'rejected', note: decision.note, updatedAt: now }).where(eq(U.id, s.id));
      await tx
        .update(S)
        .set({ taken: sql`${S.taken} - 1` })
        .where(eq(S.id, s.shiftId));
      await audit(tx, ctx, {
        action: 'volunteering.signupReject',
        objectType: 'volSignup',
        objectId: s.id,
        scopePath: s.scopePath,
        before: { status: s.status },
        after: { status: 'rejected', note: decision.note },
      });
      return;
    }
    if (s.status !== 'checkedOut' || !s.checkInAt || !s.checkOutAt)
      throw conflict('volunteering.cannotConfirm', { status: t(ctx.locale, `volunteering.signupStatus.${s.status}`) });
    const span = Math.round((s.checkOutAt.getTime() - s.checkInAt.getTime()) / MIN);
    const maxMinutes = Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / MIN) + 2 * CHECK_GRACE_MINUTES;
    const minutes = decision.minutes ?? Math.min(span, maxMinutes);
    if (minutes > maxMinutes) throw fieldError(ctx, 'minutes', 'volunteering.minutesTooMany');
    await tx
      .update(U)
      .set({
        status: 'confirmed',
        confirmedMinutes: minutes,
        confirmedAt: now,
        confirmedBy: ctx.actor.accountId,
        note: decision.note ?? s.note,
        updatedAt: now,
      })
      .where(eq(U.id, s.id));
    const person = await resolvePerson(tx, { accountId: s.accountId, memberId: s.memberId }, s.scopePath);
    const entries = [];
    if (person) {
      const hours = Math.round((minutes / 60) * 100) / 100;
      entries.push(
        await awardPoints(tx, { person, source: 'activityHours', ref: `signup:${s.id}`, quantity: hours, at: now }),
      );
      if (row.kind === 'serviceFair')
        entries.push(await awardPoints(tx, { person, source: 'serviceFair', ref: `signup:${s.id}`, at: now }));
    }
    await audit(tx, ctx, {
      action: 'volunteering.signupConfirm',
      objectType: 'volSignup',
      objectId: s.id,
      scopePath: s.scopePath,
      before: { status: s.status },
      after: { status: 'confirmed', minutes, points: entries.filter(Boolean).map((x) => x!.points) },
    });
  });
  const [r] = await ctx.db.select(signupSelect).from(U).where(eq(U.id, signupId));
  return withSpan(r!);
}

export async function listSignups(ctx: Ctx, q: SignupQuery) {
  // The organisers' subtree, the residence community's, and a dual-registered member's unit branch's (双报到).
  const where: SQL[] = [
    or(inScope(ctx.actor, U.scopePath), inScope(ctx.actor, U.creditPath), inScope(ctx.actor, U.reportPath))!,
  ];
  if (q.status) where.push(eq(U.status, q.status));
  if (q.q) where.push(ilike(U.name, `%${escapeLike(q.q)}%`));
  if (q.territoryId) {
    const [n] = await ctx.db
      .select({ path: territories.path })
      .from(territories)
      .where(eq(territories.id, q.territoryId));
    if (!n) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    where.push(inSubtree(U.creditPath, n.path));
  }
  if (q.from) where.push(gte(U.confirmedAt, chinaDayStart(q.from)));
  if (q.to) where.push(lt(U.confirmedAt, dayAfter(q.to)));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ ...signupSelect, activityId: A.id, activityTitle: A.title, shiftLabel: S.label, startsAt: S.startsAt })
      .from(U)
      .innerJoin(A, eq(A.id, U.activityId))
      .innerJoin(S, eq(S.id, U.shiftId))
      .where(cond)
      .orderBy(desc(S.startsAt), desc(U.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(U).where(cond),
  ]);
  return { items: rows.map(toRow), total: total!.n, page: q.page, pageSize: q.pageSize };
}
const toRow = ({
  activityId,
  activityTitle,
  ...r
}: SignupSel & { activityId: number; activityTitle: string; shiftLabel: string; startsAt: Date }): SignupRow => ({
  ...withSpan(r),
  shiftLabel: r.shiftLabel,
  startsAt: r.startsAt,
  activity: { id: activityId, name: activityTitle },
});

// ---------------------------------------------------------------------------------------------------------------
// Volunteers (/m): open activities, sign up, check in and out, my hours
// ---------------------------------------------------------------------------------------------------------------

/**
 * Activities a volunteer may join: held at their node, above it (community, street…) or below it — and the same
 * around the residence community of a confirmed dual registration 双报到.
 */
async function reachable(ctx: Ctx): Promise<SQL> {
  const paths = [ctx.actor.scopePath];
  const person = await resolvePerson(ctx.db, { accountId: ctx.actor.accountId }, ctx.actor.scopePath);
  if (person?.dualRegistered) paths.push(person.creditPath);
  return or(...paths.map((p) => or(inSubtree(A.scopePath, p), sql`${p} like ${A.scopePath} || '%'`)))!;
}

export async function openActivities(ctx: Ctx): Promise<{ items: OpenActivity[] }> {
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select({ ...listSelect, description: A.description, lng: A.lng, lat: A.lat, radiusM: A.radiusM })
    .from(A)
    .innerJoin(territories, eq(territories.id, A.territoryId))
    .leftJoin(volTeams, eq(volTeams.id, A.teamId))
    .where(
      and(
        await reachable(ctx),
        eq(A.status, 'open'),
        sql`exists (select 1 from ${S} where ${S.activityId} = ${A.id} and ${S.endsAt} > ${new Date(now.getTime() - CHECK_GRACE_MINUTES * MIN)})`,
      ),
    )
    .orderBy(asc(A.id))
    .limit(50);
  const ids = rows.map((r) => r.id);
  const [shifts, mine] = ids.length
    ? await Promise.all([
        ctx.db
          .select({
            id: S.id,
            activityId: S.activityId,
            label: S.label,
            startsAt: S.startsAt,
            endsAt: S.endsAt,
            capacity: S.capacity,
            taken: S.taken,
          })
          .from(S)
          .where(inArray(S.activityId, ids))
          .orderBy(asc(S.startsAt), asc(S.id)),
        ctx.db
          .select(signupSelect)
          .from(U)
          .where(
            and(inArray(U.activityId, ids), eq(U.accountId, ctx.actor.accountId), sql`${U.status} <> 'cancelled'`),
          ),
      ])
    : [[], []];
  return {
    items: rows.map(({ description, lng, lat, radiusM, ...r }) => ({
      ...toItem(r),
      description,
      lng,
      lat,
      radiusM,
      shifts: shifts
        .filter((s) => s.activityId === r.id)
        .map(({ activityId: _a, ...s }) => {
          const m = mine.find((x) => x.shiftId === s.id);
          return { ...s, mine: m ? withSpan(m) : null };
        }),
    })),
  };
}

/** Signs the actor up for a shift: the place is taken with a guarded UPDATE, so a full shift never overbooks. */
export async function signUp(ctx: Ctx, shiftId: number): Promise<Signup> {
  const canReach = await reachable(ctx);
  const id = await ctx.db.transaction(async (tx) => {
    const [shift] = await tx
      .select({ s: S, status: A.status, scopePath: A.scopePath })
      .from(S)
      .innerJoin(A, eq(A.id, S.activityId))
      .where(and(eq(S.id, shiftId), canReach));
    if (!shift) throw notFound();
    if (shift.status !== 'open') throw conflict('volunteering.activityClosed');
    if (shift.s.endsAt <= ctx.clock.now()) throw conflict('volunteering.shiftOver');
    const [already] = await tx
      .select({ id: U.id })
      .from(U)
      .where(and(eq(U.shiftId, shiftId), eq(U.accountId, ctx.actor.accountId), sql`${U.status} <> 'cancelled'`));
    if (already) throw conflict('volunteering.alreadySignedUp');
    const [took] = await tx
      .update(S)
      .set({ taken: sql`${S.taken} + 1` })
      .where(and(eq(S.id, shiftId), lt(S.taken, S.capacity)))
      .returning({ id: S.id });
    if (!took) throw conflict('volunteering.shiftFull');
    const person = await resolvePerson(tx, { accountId: ctx.actor.accountId }, shift.scopePath);
    const [row] = await tx
      .insert(U)
      .values({
        shiftId,
        activityId: shift.s.activityId,
        scopePath: shift.scopePath,
        accountId: ctx.actor.accountId,
        memberId: person?.memberId ?? null,
        name: person?.name ?? ctx.actor.displayName,
        creditCommunityId: person?.creditCommunityId ?? null,
        creditPath: person?.creditPath ?? null,
        reportBranchId: person?.dualRegistered ? person.branchId : null,
        reportPath: person?.dualRegistered ? person.branchPath : null,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'volunteering.signUp',
      objectType: 'volSignup',
      objectId: row!.id,
      scopePath: shift.scopePath,
      after: row,
    });
    return row!.id;
  });
  const [r] = await ctx.db.select(signupSelect).from(U).where(eq(U.id, id));
  return withSpan(r!);
}

/** The actor's live sign-up on a shift (check-in and cancel name the shift, as the QR code does). */
async function ownSignup(ctx: Ctx, tx: Db, shiftId: number) {
  const [row] = await tx
    .select({
      s: U,
      secret: A.tokenSecret,
      lng: A.lng,
      lat: A.lat,
      radiusM: A.radiusM,
      status: A.status,
      startsAt: S.startsAt,
      endsAt: S.endsAt,
    })
    .from(U)
    .innerJoin(A, eq(A.id, U.activityId))
    .innerJoin(S, eq(S.id, U.shiftId))
    .where(
      and(
        eq(U.shiftId, shiftId),
        eq(U.accountId, ctx.actor.accountId),
        inArray(U.status, ['signedUp', 'checkedIn', 'checkedOut', 'confirmed', 'rejected']),
      ),
    )
    .orderBy(desc(U.id))
    .limit(1)
    .for('update', { of: [U] });
  if (!row) throw notFound('volunteering.notSignedUp');
  return row;
}

export async function cancelSignup(ctx: Ctx, shiftId: number): Promise<Signup> {
  const id = await ctx.db.transaction(async (tx) => {
    const row = await ownSignup(ctx, tx as Db, shiftId);
    const id = row.s.id;
    if (row.s.status !== 'signedUp') throw conflict('volunteering.cannotCancel');
    await tx.update(U).set({ status: 'cancelled', updatedAt: ctx.clock.now() }).where(eq(U.id, id));
    await tx
      .update(S)
      .set({ taken: sql`${S.taken} - 1` })
      .where(eq(S.id, row.s.shiftId));
    await audit(tx, ctx, {
      action: 'volunteering.signupCancel',
      objectType: 'volSignup',
      objectId: id,
      scopePath: row.s.scopePath,
      before: { status: row.s.status },
      after: { status: 'cancelled' },
    });
    return id;
  });
  const [r] = await ctx.db.select(signupSelect).from(U).where(eq(U.id, id));
  return withSpan(r!);
}

/**
 * Check-in or check-out, once each: inside the shift window (± CHECK_GRACE_MINUTES) and with proof — the QR token
 * the organiser's page shows, or a position within the activity's radius.
 */
export async function check(ctx: Ctx, shiftId: number, input: CheckInput): Promise<Signup> {
  const id = await ctx.db.transaction(async (tx) => {
    const row = await ownSignup(ctx, tx as Db, shiftId);
    const id = row.s.id;
    const now = ctx.clock.now();
    const s = row.s;
    if (row.status === 'cancelled') throw conflict('volunteering.activityClosed');
    if (input.direction === 'in' && s.status !== 'signedUp') {
      if (s.status === 'cancelled' || s.status === 'rejected')
        throw conflict('volunteering.cannotConfirm', {
          status: t(ctx.locale, `volunteering.signupStatus.${s.status}`),
        });
      throw conflict('volunteering.alreadyCheckedIn');
    }
    if (input.direction === 'out' && s.status !== 'checkedIn') {
      if (s.status === 'signedUp') throw conflict('volunteering.notCheckedIn');
      throw conflict('volunteering.alreadyCheckedOut');
    }
    const grace = CHECK_GRACE_MINUTES * MIN;
    if (now.getTime() < row.startsAt.getTime() - grace || now.getTime() > row.endsAt.getTime() + grace)
      throw conflict('volunteering.outsideWindow', { grace: CHECK_GRACE_MINUTES });
    let method: 'qr' | 'location';
    if (input.token) {
      if (!tokenValid(row.secret, input.token, s.shiftId, input.direction, now))
        throw fieldError(ctx, 'token', 'volunteering.badToken');
      method = 'qr';
    } else if (input.lng !== undefined && input.lat !== undefined) {
      if (row.lng === null || row.lat === null) throw fieldError(ctx, 'lng', 'volunteering.noPlace');
      const d = distanceM({ lng: input.lng, lat: input.lat }, { lng: row.lng, lat: row.lat });
      if (d > row.radiusM)
        throw fieldError(ctx, 'lng', 'volunteering.tooFar', { distance: Math.round(d), radius: row.radiusM });
      method = 'location';
    } else throw fieldError(ctx, 'token', 'volunteering.proofRequired');
    const set =
      input.direction === 'in'
        ? { status: 'checkedIn' as SignupStatus, checkInAt: now, checkInMethod: method, updatedAt: now }
        : { status: 'checkedOut' as SignupStatus, checkOutAt: now, checkOutMethod: method, updatedAt: now };
    await tx.update(U).set(set).where(eq(U.id, id));
    await audit(tx, ctx, {
      action: input.direction === 'in' ? 'volunteering.checkIn' : 'volunteering.checkOut',
      objectType: 'volSignup',
      objectId: id,
      scopePath: s.scopePath,
      before: { status: s.status },
      after: { status: set.status, method, ...(input.lng !== undefined ? { lng: input.lng, lat: input.lat } : {}) },
    });
    return id;
  });
  const [r] = await ctx.db.select(signupSelect).from(U).where(eq(U.id, id));
  return withSpan(r!);
}

export async function myHours(ctx: Ctx) {
  const rows = await ctx.db
    .select({ ...signupSelect, activityId: A.id, activityTitle: A.title, shiftLabel: S.label, startsAt: S.startsAt })
    .from(U)
    .innerJoin(A, eq(A.id, U.activityId))
    .innerJoin(S, eq(S.id, U.shiftId))
    .where(eq(U.accountId, ctx.actor.accountId))
    .orderBy(desc(S.startsAt), desc(U.id))
    .limit(200);
  const items = rows.map(toRow);
  return {
    totalMinutes: items.reduce((n, r) => n + (r.status === 'confirmed' ? (r.confirmedMinutes ?? 0) : 0), 0),
    items,
  };
}
