import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { conflict, notFound } from '../../kernel/http/errors.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, placeInScope } from '../../kernel/scope/scope.js';
import type { CreatePeriod, CreateServiceUnit, RateUnit, UpdatePeriod } from './contract.js';
import { ratingScore } from './grading.js';
import { asRatingPeriods, asRatings, asServiceUnitContacts, asServiceUnits, asSupervisors } from './schema.js';
import { editable, fieldError, mayEdit } from './standardisation.service.js';

/** The China calendar day of an instant. */

/** Rows of the actor's subtree, or on the actor's way up (a resident sees the windows of its community and street). */
const servesActor = (ctx: Ctx, col: typeof asServiceUnits.scopePath | typeof asRatingPeriods.scopePath) =>
  or(inScope(ctx.actor, col), sql`${ctx.actor.scopePath} like ${col} || '%'`)!;

export async function createPeriod(ctx: Ctx, input: CreatePeriod) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(asRatingPeriods)
      .values({
        ...input,
        territoryId: ctx.actor.territoryId,
        scopePath: ctx.actor.scopePath,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.period.create',
      objectType: 'asRatingPeriod',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    return row!;
  });
}

/**
 * Edits a rating period kept in the caller's subtree (decision 045): name, dates, the supervisors' weight. The
 * ranking is computed from the ratings with the weight in force, so a new weight shows at once with its formula.
 */
export async function updatePeriod(ctx: Ctx, id: number, input: UpdatePeriod) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(asRatingPeriods)
      .where(and(eq(asRatingPeriods.id, id), servesActor(ctx, asRatingPeriods.scopePath)))
      .for('update');
    const before = editable(ctx, found);
    const startsOn = input.startsOn ?? before.startsOn;
    const endsOn = input.endsOn ?? before.endsOn;
    if (endsOn < startsOn) throw fieldError(ctx, 'endsOn', 'assessment.periodOrder');
    const [after] = await tx
      .update(asRatingPeriods)
      .set({ ...input, updatedAt: now })
      .where(eq(asRatingPeriods.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.period.update',
      objectType: 'asRatingPeriod',
      objectId: id,
      scopePath: before.scopePath,
      before,
      after,
    });
    return after!;
  });
}

export async function listPeriods(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(asRatingPeriods)
    .where(servesActor(ctx, asRatingPeriods.scopePath))
    .orderBy(desc(asRatingPeriods.startsOn), asc(asRatingPeriods.id));
  return rows.map((r) => ({ ...r, mayEdit: mayEdit(ctx, r.scopePath) }));
}

export async function createServiceUnit(ctx: Ctx, input: CreateServiceUnit) {
  const place = await placeInScope(ctx.db, ctx.actor, input.territoryId);
  if (input.contactAccountIds.length) {
    const found = await ctx.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(inArray(accounts.id, input.contactAccountIds));
    if (found.length !== new Set(input.contactAccountIds).size)
      throw fieldError(ctx, 'contactAccountIds', 'assessment.accountNotFound');
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(asServiceUnits)
      .values({
        territoryId: place.id,
        scopePath: place.path,
        kind: input.kind,
        name: input.name,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (input.contactAccountIds.length)
      await tx
        .insert(asServiceUnitContacts)
        .values([...new Set(input.contactAccountIds)].map((accountId) => ({ serviceUnitId: row!.id, accountId })));
    await audit(tx, ctx, {
      action: 'assessment.serviceUnit.create',
      objectType: 'asServiceUnit',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: { ...row, contactAccountIds: input.contactAccountIds },
    });
    return row!;
  });
}

export async function listServiceUnits(ctx: Ctx) {
  return ctx.db
    .select()
    .from(asServiceUnits)
    .where(inScope(ctx.actor, asServiceUnits.scopePath))
    .orderBy(asc(asServiceUnits.id));
}

/** Names an account of the area a supervisor 监督员: its ratings carry the period's supervisor weight. */
export async function addSupervisor(ctx: Ctx, accountId: number) {
  const [acc] = await ctx.db
    .select({ id: accounts.id, path: territories.path })
    .from(accounts)
    .innerJoin(territories, eq(territories.id, accounts.territoryId))
    .where(and(eq(accounts.id, accountId), inScope(ctx.actor, territories.path)));
  if (!acc) throw notFound();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(asSupervisors).values({ accountId: acc.id, scopePath: acc.path }).onConflictDoNothing();
    await audit(tx, ctx, {
      action: 'assessment.supervisor.add',
      objectType: 'account',
      objectId: acc.id,
      scopePath: acc.path,
    });
  });
  return { accountId: acc.id };
}

async function openPeriod(ctx: Ctx, periodId: number) {
  const [p] = await ctx.db
    .select()
    .from(asRatingPeriods)
    .where(and(eq(asRatingPeriods.id, periodId), servesActor(ctx, asRatingPeriods.scopePath)));
  return p;
}

/** What the signed-in resident may rate now: open periods and the units serving them, with their own rating. */
export async function rateable(ctx: Ctx) {
  const today = chinaDay(ctx.clock.now());
  const periods = (await listPeriods(ctx)).filter((p) => p.startsOn <= today && p.endsOn >= today);
  if (!periods.length) return { periods: [], units: [] };
  const units = await ctx.db
    .select()
    .from(asServiceUnits)
    .where(servesActor(ctx, asServiceUnits.scopePath))
    .orderBy(asc(asServiceUnits.kind), asc(asServiceUnits.id));
  const mine = await ctx.db
    .select()
    .from(asRatings)
    .where(
      and(
        eq(asRatings.accountId, ctx.actor.accountId),
        inArray(
          asRatings.periodId,
          periods.map((p) => p.id),
        ),
      ),
    );
  return {
    periods: periods.map((p) => ({ id: p.id, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })),
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      mine: periods.map((p) => {
        const r = mine.find((x) => x.periodId === p.id && x.serviceUnitId === u.id);
        return { periodId: p.id, stars: r?.stars ?? null, comment: r?.comment ?? null, reply: r?.reply ?? null };
      }),
    })),
  };
}

/** A resident (or a supervisor) rates a unit, once per period per unit (the unique index holds under races). */
export async function rateUnit(ctx: Ctx, input: RateUnit) {
  const p = await openPeriod(ctx, input.periodId);
  if (!p) throw notFound();
  const today = chinaDay(ctx.clock.now());
  if (today < p.startsOn || today > p.endsOn) throw conflict('assessment.periodClosed', { name: p.name });
  const [unit] = await ctx.db
    .select()
    .from(asServiceUnits)
    .where(and(eq(asServiceUnits.id, input.serviceUnitId), servesActor(ctx, asServiceUnits.scopePath)));
  if (!unit || !unit.scopePath.startsWith(p.scopePath)) throw notFound();
  const [sup] = await ctx.db
    .select({ id: asSupervisors.accountId })
    .from(asSupervisors)
    .where(eq(asSupervisors.accountId, ctx.actor.accountId));
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(asRatings)
      .values({
        periodId: p.id,
        serviceUnitId: unit.id,
        scopePath: unit.scopePath,
        accountId: ctx.actor.accountId,
        raterKind: sup ? 'supervisor' : 'resident',
        stars: input.stars,
        comment: input.comment || null,
        createdAt: ctx.clock.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('assessment.alreadyRated', { unit: unit.name });
    await audit(tx, ctx, {
      action: 'assessment.rate',
      objectType: 'asRating',
      objectId: row.id,
      scopePath: row.scopePath,
      after: { periodId: row.periodId, serviceUnitId: row.serviceUnitId, stars: row.stars },
    });
    return { id: row.id, periodId: row.periodId, serviceUnitId: row.serviceUnitId, stars: row.stars };
  });
}

/**
 * Scores of every unit of the period inside the viewer's subtree, best first, with top ten and bottom ten (units
 * with at least one rating). Formula: 20 × (residents' mean × (100 − w) + supervisors' mean × w) / 100.
 */
export async function ranking(ctx: Ctx, periodId: number) {
  const p = await openPeriod(ctx, periodId);
  if (!p) throw notFound();
  const units = await ctx.db
    .select()
    .from(asServiceUnits)
    .where(
      and(inScope(ctx.actor, asServiceUnits.scopePath), sql`${asServiceUnits.scopePath} like ${p.scopePath} || '%'`),
    );
  const agg = units.length
    ? await ctx.db
        .select({
          unitId: asRatings.serviceUnitId,
          kind: asRatings.raterKind,
          n: sql<number>`count(*)::int`.mapWith(Number),
          mean: sql<number>`avg(${asRatings.stars})::float`.mapWith(Number),
        })
        .from(asRatings)
        .where(
          and(
            eq(asRatings.periodId, p.id),
            inArray(
              asRatings.serviceUnitId,
              units.map((u) => u.id),
            ),
          ),
        )
        .groupBy(asRatings.serviceUnitId, asRatings.raterKind)
    : [];
  const rows = units.map((u) => {
    const r = agg.find((a) => a.unitId === u.id && a.kind === 'resident');
    const s = agg.find((a) => a.unitId === u.id && a.kind === 'supervisor');
    return {
      unit: { id: u.id, name: u.name, kind: u.kind },
      residentCount: r?.n ?? 0,
      residentMean: r ? Math.round(r.mean * 100) / 100 : null,
      supervisorCount: s?.n ?? 0,
      supervisorMean: s ? Math.round(s.mean * 100) / 100 : null,
      score: ratingScore(r?.mean ?? null, s?.mean ?? null, p.supervisorWeight),
    };
  });
  const scored = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score! || a.unit.id - b.unit.id);
  return {
    period: { id: p.id, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn, supervisorWeight: p.supervisorWeight },
    formula: t(ctx.locale, 'assessment.formula.rating', { w: p.supervisorWeight, r: 100 - p.supervisorWeight }),
    units: [...scored, ...rows.filter((r) => r.score === null)],
    top: scored.slice(0, 10),
    bottom: [...scored].reverse().slice(0, 10),
  };
}

/** A unit contact's own units' ratings and comments, without who gave them. */
export async function myUnitRatings(ctx: Ctx) {
  const mine = await ctx.db
    .select({ id: asServiceUnits.id, name: asServiceUnits.name })
    .from(asServiceUnitContacts)
    .innerJoin(asServiceUnits, eq(asServiceUnits.id, asServiceUnitContacts.serviceUnitId))
    .where(eq(asServiceUnitContacts.accountId, ctx.actor.accountId));
  if (!mine.length) return [];
  const rs = await ctx.db
    .select({
      id: asRatings.id,
      serviceUnitId: asRatings.serviceUnitId,
      periodId: asRatings.periodId,
      period: asRatingPeriods.name,
      stars: asRatings.stars,
      comment: asRatings.comment,
      reply: asRatings.reply,
      repliedAt: asRatings.repliedAt,
      createdAt: asRatings.createdAt,
    })
    .from(asRatings)
    .innerJoin(asRatingPeriods, eq(asRatingPeriods.id, asRatings.periodId))
    .where(
      inArray(
        asRatings.serviceUnitId,
        mine.map((u) => u.id),
      ),
    )
    .orderBy(desc(asRatings.createdAt), desc(asRatings.id));
  return mine.map((u) => ({ unit: u, ratings: rs.filter((r) => r.serviceUnitId === u.id) }));
}

export async function replyRating(ctx: Ctx, ratingId: number, reply: string) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .select({ id: asRatings.id, scopePath: asRatings.scopePath, reply: asRatings.reply })
      .from(asRatings)
      .innerJoin(
        asServiceUnitContacts,
        and(
          eq(asServiceUnitContacts.serviceUnitId, asRatings.serviceUnitId),
          eq(asServiceUnitContacts.accountId, ctx.actor.accountId),
        ),
      )
      .where(eq(asRatings.id, ratingId))
      .for('update', { of: asRatings });
    if (!r) throw notFound();
    await tx.update(asRatings).set({ reply, repliedAt: now }).where(eq(asRatings.id, ratingId));
    await audit(tx, ctx, {
      action: 'assessment.rating.reply',
      objectType: 'asRating',
      objectId: ratingId,
      scopePath: r.scopePath,
      before: { reply: r.reply },
      after: { reply },
    });
    return { id: ratingId, reply, repliedAt: now };
  });
}
