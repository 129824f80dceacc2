import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { CHINA_OFFSET_MS, chinaDayStart } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { escapeLike } from '../../kernel/db/search.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, inSubtree, pathIds, placeInScope } from '../../kernel/scope/scope.js';
import { partyOrgs } from '../organizations/index.js';
import { dualEvaluations, dualRegistrations, partyMembers } from '../party-members/index.js';
import {
  DEFAULT_RULES,
  EVALUATION_EFFECT,
  STAR_THRESHOLDS,
  starsOf,
  type CapPeriod,
  type Grade,
  type PointSource,
} from './constants.js';
import type { Entry, EntryQuery, ManualInput, Rule } from './contract.js';
import { pointEntries, pointRules } from './schema.js';

const e = pointEntries;
export const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);

/** Year and month in China time. */
export function chinaYm(at: Date): { year: number; month: string } {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}` };
}
const periodOf = (at: Date, p: CapPeriod) => (p === 'month' ? chinaYm(at).month : String(chinaYm(at).year));

// ---------------------------------------------------------------------------------------------------------------
// Who earns: one person, whatever records they have
// ---------------------------------------------------------------------------------------------------------------

/** Where a person's points and hours count: their residence community, and the branch they report to. */
export interface Person {
  personKey: string;
  accountId: number | null;
  memberId: number | null;
  name: string;
  /** Residence community path (or the place's path when none is known). */
  creditPath: string;
  creditCommunityId: number | null;
  branchId: number | null;
  branchPath: string | null;
  /** True when a confirmed dual registration 双报到 sends the service to the unit's branch too. */
  dualRegistered: boolean;
}

async function communityAbove(db: DbOrTx, path: string): Promise<{ id: number; path: string } | null> {
  const [c] = await db
    .select({ id: territories.id, path: territories.path })
    .from(territories)
    .where(and(inArray(territories.id, pathIds(path)), eq(territories.level, 'community')));
  return c ?? null;
}

/**
 * Resolves a person from an account or a party-member record: residence community = the community of a confirmed
 * dual registration, else the community above the account's (or member's) node, else `fallbackPath`; branch = the
 * unit's branch of the registration, else the member's home branch.
 */
export async function resolvePerson(
  db: DbOrTx,
  who: { accountId?: number | null; memberId?: number | null },
  fallbackPath: string,
): Promise<Person | null> {
  let account: { id: number; name: string; path: string } | undefined;
  if (who.accountId) {
    [account] = await db
      .select({ id: accounts.id, name: accounts.displayName, path: territories.path })
      .from(accounts)
      .innerJoin(territories, eq(territories.id, accounts.territoryId))
      .where(eq(accounts.id, who.accountId));
    if (!account) return null;
  }
  const [member] = await db
    .select({
      id: partyMembers.id,
      name: partyMembers.name,
      path: partyMembers.scopePath,
      branchId: partyMembers.homeBranchId,
      accountId: partyMembers.accountId,
    })
    .from(partyMembers)
    .where(who.memberId ? eq(partyMembers.id, who.memberId) : eq(partyMembers.accountId, who.accountId ?? -1))
    .orderBy(asc(partyMembers.id))
    .limit(1);
  if (who.memberId && !member) return null;
  if (!account && member?.accountId) {
    [account] = await db
      .select({ id: accounts.id, name: accounts.displayName, path: territories.path })
      .from(accounts)
      .innerJoin(territories, eq(territories.id, accounts.territoryId))
      .where(eq(accounts.id, member.accountId));
  }
  const [reg] = member
    ? await db
        .select({
          communityId: dualRegistrations.communityId,
          communityPath: dualRegistrations.communityPath,
          unitBranchId: dualRegistrations.unitBranchId,
        })
        .from(dualRegistrations)
        .where(and(eq(dualRegistrations.memberId, member.id), eq(dualRegistrations.status, 'confirmed')))
        .limit(1)
    : [];
  let credit: { id: number | null; path: string };
  if (reg) credit = { id: reg.communityId, path: reg.communityPath };
  else {
    const c = await communityAbove(db, account?.path ?? member?.path ?? fallbackPath);
    credit = c ?? { id: null, path: fallbackPath };
  }
  const branchId = reg?.unitBranchId ?? member?.branchId ?? null;
  let branchPath: string | null = null;
  if (branchId) {
    const [b] = await db.select({ path: partyOrgs.scopePath }).from(partyOrgs).where(eq(partyOrgs.id, branchId));
    branchPath = b?.path ?? null;
  }
  return {
    personKey: account ? `a:${account.id}` : `m:${member!.id}`,
    accountId: account?.id ?? null,
    memberId: member?.id ?? null,
    name: account?.name ?? member!.name,
    creditPath: credit.path,
    creditCommunityId: credit.id,
    branchId,
    branchPath,
    dualRegistered: !!reg,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rules per district
// ---------------------------------------------------------------------------------------------------------------

async function districtAbove(db: DbOrTx, path: string) {
  const [d] = await db
    .select({ id: territories.id, name: territories.name, path: territories.path })
    .from(territories)
    .where(and(inArray(territories.id, pathIds(path)), eq(territories.level, 'district')));
  return d ?? null;
}

/** The district's rules, or the defaults (DEFAULT_RULES) for a source it has not set. */
export async function rulesFor(db: DbOrTx, districtId: number | null): Promise<{ own: boolean; rules: Rule[] }> {
  const own = districtId
    ? await db.select().from(pointRules).where(eq(pointRules.districtId, districtId)).orderBy(asc(pointRules.id))
    : [];
  const rules: Rule[] = DEFAULT_RULES.map((d) => {
    const o = own.find((r) => r.source === d.source);
    return o ? { source: d.source, unit: o.unit, points: o.points, cap: o.cap, capPeriod: o.capPeriod } : { ...d };
  });
  return { own: own.length > 0, rules };
}

export async function getRules(ctx: Ctx, districtId: number) {
  const [d] = await ctx.db
    .select({ id: territories.id, name: territories.name, level: territories.level })
    .from(territories)
    .where(
      and(
        eq(territories.id, districtId),
        or(inScope(ctx.actor, territories.path), sql`${ctx.actor.scopePath} like ${territories.path} || '%'`),
      ),
    );
  if (!d) throw notFound();
  if (d.level !== 'district') throw fieldError(ctx, 'districtId', 'points.notDistrict');
  return { district: { id: d.id, name: d.name }, ...(await rulesFor(ctx.db, d.id)) };
}

export async function putRules(ctx: Ctx, districtId: number, rules: Rule[]) {
  const d = await placeInScope(ctx.db, ctx.actor, districtId);
  if (d.level !== 'district') throw fieldError(ctx, 'districtId', 'points.notDistrict');
  await ctx.db.transaction(async (tx) => {
    const before = await rulesFor(tx, d.id);
    for (const r of rules)
      await tx
        .insert(pointRules)
        .values({ districtId: d.id, scopePath: d.path, ...r })
        .onConflictDoUpdate({
          target: [pointRules.districtId, pointRules.source],
          set: { unit: r.unit, points: r.points, cap: r.cap, capPeriod: r.capPeriod, updatedAt: ctx.clock.now() },
        });
    await audit(tx, ctx, {
      action: 'points.rules',
      objectType: 'territory',
      objectId: d.id,
      scopePath: d.path,
      before: before.rules,
      after: rules,
    });
  });
  return getRules(ctx, districtId);
}

// ---------------------------------------------------------------------------------------------------------------
// The one way points enter the ledger from a rule
// ---------------------------------------------------------------------------------------------------------------

export interface AwardInput {
  person: Person;
  source: Exclude<PointSource, 'manual'>;
  /** The record that earned it (`signup:12`, `order:34`); crediting the same ref twice is a no-op. */
  ref: string;
  /** Hours for an `hour` rule; ignored (1) for an `event` rule. */
  quantity?: number;
  at: Date;
}

/**
 * Credits points by the district's rule for the source, capped per period (the remainder of the cap; 0 when it is
 * used up, kept as a row so the ledger shows why). Runs in the caller's transaction; the person's rows are taken in
 * turn (advisory lock on the person) so two credits at once cannot both pass the cap. Returns the entry or null
 * when the ref was already credited.
 */
export async function awardPoints(tx: DbOrTx, input: AwardInput): Promise<typeof pointEntries.$inferSelect | null> {
  const { person, at } = input;
  const district = await districtAbove(tx, person.creditPath);
  const rule = (await rulesFor(tx, district?.id ?? null)).rules.find((r) => r.source === input.source)!;
  const quantity = rule.unit === 'hour' ? (input.quantity ?? 0) : 1;
  const requested = Math.round(rule.points * quantity);
  const period = periodOf(at, rule.capPeriod);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`points:${person.personKey}`}))`);
  const [done] = await tx
    .select({ id: e.id })
    .from(e)
    .where(and(eq(e.source, input.source), eq(e.ref, input.ref), eq(e.personKey, person.personKey)));
  if (done) return null;
  let points = requested;
  if (rule.cap !== null) {
    const [used] = await tx
      .select({ n: sql<number>`coalesce(sum(${e.points}), 0)::int` })
      .from(e)
      .where(
        and(
          eq(e.personKey, person.personKey),
          eq(e.source, input.source),
          eq(e.period, period),
          eq(e.status, 'posted'),
        ),
      );
    points = Math.max(0, Math.min(requested, rule.cap - (used?.n ?? 0)));
  }
  const [row] = await tx
    .insert(e)
    .values({
      personKey: person.personKey,
      accountId: person.accountId,
      memberId: person.memberId,
      name: person.name,
      scopePath: person.creditPath,
      branchId: person.branchId,
      branchPath: person.branchPath,
      source: input.source,
      ref: input.ref,
      quantity,
      points,
      requested,
      status: 'posted',
      period,
      at,
    })
    .returning();
  return row!;
}

export interface SettleInput extends Omit<AwardInput, 'quantity'> {
  /** True: the person should hold the points for the ref (credit unless held); false: reverse what they hold. */
  earned: boolean;
  /** Why, on a reversal entry (e.g. attendance corrected to absent). */
  reason?: string | null;
}

/**
 * Brings a person's points for one record in line with it, never deleting an entry (issue 15 item 2): the first
 * credit is `ref` itself (awardPoints: rule and cap); a reversal is a further entry `ref#n` with the negative of
 * what is held, in the period of the credit (so its cap is freed); a credit again after a reversal is `ref#n` by
 * the rule and cap. Idempotent: settling the same way twice writes nothing. Runs in the caller's transaction.
 */
export async function settlePoints(tx: DbOrTx, input: SettleInput): Promise<typeof pointEntries.$inferSelect | null> {
  const { person, source, ref, at } = input;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`points:${person.personKey}`}))`);
  const held = await tx
    .select()
    .from(e)
    .where(
      and(
        eq(e.source, source),
        eq(e.personKey, person.personKey),
        or(eq(e.ref, ref), sql`${e.ref} like ${`${escapeLike(ref)}#%`}`),
      ),
    )
    .orderBy(asc(e.id));
  const net = held.filter((x) => x.status === 'posted').reduce((n, x) => n + x.points, 0);
  // Credits are never negative and reversals always are: the last entry tells whether the points are held now.
  const lastEntry = held.at(-1);
  const credited = lastEntry !== undefined && lastEntry.points >= 0;
  if (input.earned) {
    if (credited) return null;
    return awardPoints(tx, { person, source, ref: held.length ? `${ref}#${held.length}` : ref, at });
  }
  if (net <= 0) return null;
  const last = [...held].reverse().find((x) => x.points > 0)!;
  const [row] = await tx
    .insert(e)
    .values({
      personKey: person.personKey,
      accountId: person.accountId,
      memberId: person.memberId,
      name: person.name,
      scopePath: last.scopePath,
      branchId: last.branchId,
      branchPath: last.branchPath,
      source,
      ref: `${ref}#${held.length}`,
      quantity: 1,
      points: -net,
      requested: -net,
      reason: input.reason ?? null,
      status: 'posted',
      period: last.period,
      at,
    })
    .returning();
  return row!;
}

/**
 * What one record has earned each party member so far, net of reversals (`ref` and its `ref#n` entries, posted
 * only): the figure a record's own page shows beside each person (e.g. an org-life session's roster).
 */
export async function pointsOfRef(db: DbOrTx, source: PointSource, ref: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ memberId: e.memberId, points: sql<number>`coalesce(sum(${e.points}), 0)::int`.mapWith(Number) })
    .from(e)
    .where(
      and(
        eq(e.source, source),
        eq(e.status, 'posted'),
        isNotNull(e.memberId),
        or(eq(e.ref, ref), sql`${e.ref} like ${`${escapeLike(ref)}#%`}`),
      ),
    )
    .groupBy(e.memberId);
  return new Map(rows.map((r) => [r.memberId!, r.points]));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the ledger
// ---------------------------------------------------------------------------------------------------------------

/** Entries the actor sees: credited to their subtree, or reported to a branch in it (双报到). */
const visible = (ctx: Ctx): SQL => or(inScope(ctx.actor, e.scopePath), inScope(ctx.actor, e.branchPath))!;

const entrySelect = {
  id: e.id,
  personKey: e.personKey,
  name: e.name,
  accountId: e.accountId,
  memberId: e.memberId,
  branchId: e.branchId,
  branchName: partyOrgs.name,
  source: e.source,
  ref: e.ref,
  quantity: e.quantity,
  points: e.points,
  requested: e.requested,
  reason: e.reason,
  status: e.status,
  period: e.period,
  at: e.at,
  requestedBy: e.requestedBy,
  approvedBy: e.approvedBy,
};
type EntryRow = { branchId: number | null; branchName: string | null } & Omit<Entry, 'branch'>;
const toEntry = ({ branchId, branchName, ...r }: EntryRow): Entry => ({
  ...r,
  branch: branchId && branchName ? { id: branchId, name: branchName } : null,
});

export async function listEntries(ctx: Ctx, q: EntryQuery) {
  const where: SQL[] = [visible(ctx)];
  if (q.source) where.push(eq(e.source, q.source));
  if (q.status) where.push(eq(e.status, q.status));
  if (q.branchId) where.push(eq(e.branchId, q.branchId));
  if (q.year) where.push(sql`${e.period} like ${`${q.year}%`}`);
  if (q.q) where.push(ilike(e.name, `%${escapeLike(q.q)}%`));
  if (q.from) where.push(gte(e.at, chinaDayStart(q.from)));
  if (q.to) where.push(lt(e.at, new Date(chinaDayStart(q.to).getTime() + 86_400_000)));
  if (q.territoryId) {
    const [n] = await ctx.db
      .select({ path: territories.path })
      .from(territories)
      .where(eq(territories.id, q.territoryId));
    if (!n) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    where.push(inSubtree(e.scopePath, n.path));
  }
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(entrySelect)
      .from(e)
      .leftJoin(partyOrgs, eq(partyOrgs.id, e.branchId))
      .where(cond)
      .orderBy(desc(e.at), desc(e.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(e).where(cond),
  ]);
  return { items: rows.map(toEntry), total: total!.n, page: q.page, pageSize: q.pageSize };
}

/** The latest dual-evaluation grade of a member in a year (both sides: the lower one counts). */
async function gradeOf(db: DbOrTx, memberId: number | null, year: number): Promise<Grade | null> {
  if (!memberId) return null;
  const rows = await db
    .select({ grade: dualEvaluations.grade, period: dualEvaluations.period })
    .from(dualEvaluations)
    .where(and(eq(dualEvaluations.memberId, memberId), sql`${dualEvaluations.period} like ${`${year}%`}`))
    .orderBy(desc(dualEvaluations.period));
  if (!rows.length) return null;
  const latest = rows.filter((r) => r.period === rows[0]!.period).map((r) => r.grade as Grade);
  const order: Grade[] = ['poor', 'fair', 'good', 'excellent'];
  return latest.sort((a, b) => order.indexOf(a) - order.indexOf(b))[0]!;
}

export const STAR_RULE = {
  thresholds: [...STAR_THRESHOLDS],
  evaluation: { ...EVALUATION_EFFECT } as Record<string, string>,
};

/** A person's posted points of a year, the grade and the stars by the stated rule (constants.ts `starsOf`). */
export async function starsFor(db: DbOrTx, personKey: string, memberId: number | null, year: number) {
  const [p] = await db
    .select({ n: sql<number>`coalesce(sum(${e.points}), 0)::int` })
    .from(e)
    .where(and(eq(e.personKey, personKey), eq(e.status, 'posted'), sql`${e.period} like ${`${year}%`}`));
  const yearPoints = p?.n ?? 0;
  const grade = await gradeOf(db, memberId, year);
  return { year, yearPoints, grade, stars: starsOf(yearPoints, grade) };
}

/** The signed-in person's ledger and stars (on /m). */
export async function myPoints(ctx: Ctx) {
  const person = await resolvePerson(ctx.db, { accountId: ctx.actor.accountId }, ctx.actor.scopePath);
  const keys = [`a:${ctx.actor.accountId}`];
  if (person?.memberId) keys.push(`m:${person.memberId}`);
  const { year } = chinaYm(ctx.clock.now());
  const rows = await ctx.db
    .select(entrySelect)
    .from(e)
    .leftJoin(partyOrgs, eq(partyOrgs.id, e.branchId))
    .where(inArray(e.personKey, keys))
    .orderBy(desc(e.at), desc(e.id))
    .limit(200);
  const [all] = await ctx.db
    .select({ n: sql<number>`coalesce(sum(${e.points}), 0)::int` })
    .from(e)
    .where(and(inArray(e.personKey, keys), eq(e.status, 'posted')));
  const [yp] = await ctx.db
    .select({ n: sql<number>`coalesce(sum(${e.points}), 0)::int` })
    .from(e)
    .where(and(inArray(e.personKey, keys), eq(e.status, 'posted'), sql`${e.period} like ${`${year}%`}`));
  const grade = await gradeOf(ctx.db, person?.memberId ?? null, year);
  const yearPoints = yp?.n ?? 0;
  return {
    year,
    yearPoints,
    totalPoints: all?.n ?? 0,
    grade,
    stars: starsOf(yearPoints, grade),
    rule: STAR_RULE,
    entries: rows.map(toEntry),
  };
}

/**
 * Rankings 积分排名 of a year: without a branch, the branches of the actor's subtree by their members' points;
 * with one, its people by points, with their stars.
 */
export async function rankings(ctx: Ctx, q: { branchId?: number; year?: number }) {
  const year = q.year ?? chinaYm(ctx.clock.now()).year;
  const base = and(visible(ctx), eq(e.status, 'posted'), sql`${e.period} like ${`${year}%`}`);
  if (!q.branchId) {
    const rows = await ctx.db
      .select({
        id: e.branchId,
        name: partyOrgs.name,
        points: sql<number>`sum(${e.points})::int`,
        people: sql<number>`count(distinct ${e.personKey})::int`,
      })
      .from(e)
      .innerJoin(partyOrgs, eq(partyOrgs.id, e.branchId))
      .where(base)
      .groupBy(e.branchId, partyOrgs.name)
      .orderBy(desc(sql`sum(${e.points})`), asc(e.branchId))
      .limit(100);
    return {
      year,
      branch: null,
      rows: rows.map((r, i) => ({ rank: i + 1, id: r.id!, name: r.name, points: r.points, people: r.people })),
    };
  }
  const [branch] = await ctx.db
    .select({ id: partyOrgs.id, name: partyOrgs.name })
    .from(partyOrgs)
    .where(and(eq(partyOrgs.id, q.branchId), inScope(ctx.actor, partyOrgs.scopePath)));
  const rows = await ctx.db
    .select({
      id: e.personKey,
      name: sql<string>`max(${e.name})`,
      memberId: sql<number | null>`max(${e.memberId})`,
      points: sql<number>`sum(${e.points})::int`,
    })
    .from(e)
    .where(and(base, eq(e.branchId, q.branchId)))
    .groupBy(e.personKey)
    .orderBy(desc(sql`sum(${e.points})`), asc(e.personKey))
    .limit(200);
  const out = [];
  for (const [i, r] of rows.entries()) {
    const grade = await gradeOf(ctx.db, r.memberId, year);
    out.push({ rank: i + 1, id: r.id, name: r.name, points: r.points, stars: starsOf(r.points, grade) });
  }
  return { year, branch: branch ?? (rows.length ? { id: q.branchId, name: '' } : null), rows: out };
}

// ---------------------------------------------------------------------------------------------------------------
// Manual points: a reason, then a second approver
// ---------------------------------------------------------------------------------------------------------------

export async function requestManual(ctx: Ctx, input: ManualInput) {
  if (!input.accountId && !input.memberId) throw fieldError(ctx, 'accountId', 'volunteering.personRequired');
  const person = await resolvePerson(ctx.db, input, ctx.actor.scopePath);
  const inside = (p: string | null) => !!p && p.startsWith(ctx.actor.scopePath);
  if (!person || !(inside(person.creditPath) || inside(person.branchPath))) throw notFound('points.personNotFound');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(e)
      .values({
        personKey: person.personKey,
        accountId: person.accountId,
        memberId: person.memberId,
        name: person.name,
        scopePath: person.creditPath,
        branchId: person.branchId,
        branchPath: person.branchPath,
        source: 'manual',
        ref: `manual:${now.getTime()}:${ctx.actor.accountId}:${Math.random().toString(36).slice(2, 8)}`,
        quantity: 1,
        points: input.points,
        requested: input.points,
        reason: input.reason,
        status: 'pending',
        period: chinaYm(now).month,
        at: now,
        requestedBy: ctx.actor.accountId,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'points.manualRequest',
      objectType: 'pointEntry',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    return entryById(tx as Db, ctx, row!.id);
  });
}

async function entryById(db: Db, ctx: Ctx, id: number): Promise<Entry> {
  const [r] = await db
    .select(entrySelect)
    .from(e)
    .leftJoin(partyOrgs, eq(partyOrgs.id, e.branchId))
    .where(and(eq(e.id, id), visible(ctx)));
  if (!r) throw notFound();
  return toEntry(r);
}

export async function decideManual(ctx: Ctx, id: number, approve: boolean) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(e)
      .where(and(eq(e.id, id), visible(ctx), eq(e.source, 'manual')))
      .for('update');
    if (!row) throw notFound();
    if (row.status !== 'pending') throw conflict('points.notPending');
    if (row.requestedBy === ctx.actor.accountId) throw conflict('points.selfApproval');
    const now = ctx.clock.now();
    const [after] = await tx
      .update(e)
      .set({
        status: approve ? 'posted' : 'rejected',
        approvedBy: ctx.actor.accountId,
        approvedAt: now,
        period: chinaYm(now).month,
        updatedAt: now,
      })
      .where(eq(e.id, id))
      .returning();
    await audit(tx, ctx, {
      action: approve ? 'points.manualApprove' : 'points.manualReject',
      objectType: 'pointEntry',
      objectId: id,
      scopePath: row.scopePath,
      before: row,
      after,
    });
    return entryById(tx as Db, ctx, id);
  });
}
