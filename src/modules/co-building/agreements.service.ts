import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, conflict, forbidden, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, placeFilter, placeInScope } from '../../kernel/scope/scope.js';
import { units } from '../organizations/index.js';
import { agreementScore, deliverableState } from './agreements.js';
import { chinaDay } from '../../kernel/clock.js';
import { AGREEMENT_NEXT, type AgreementStatus } from './constants.js';
import type {
  AddDeliverable,
  Agreement,
  AgreementQuery,
  CreateAgreement,
  MoveAgreement,
  RateProject,
  ReportDeliverable,
} from './contract.js';
import { allianceForAgreement } from './alliances.service.js';
import { coAgreementRatings, coAgreements, coAlliances, coDeliverables } from './schema.js';
import { agreementsFulfilledWhere } from './challenges.figures.js';

const fieldError = (ctx: Ctx, field: string, key: string) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key) }]);
type Row = typeof coAgreements.$inferSelect;
const stage = (ctx: Ctx, s: AgreementStatus) => t(ctx.locale, `coBuilding.agreementStatus.${s}`);

async function agreementsOut(ctx: Ctx, db: DbOrTx, rows: Row[]): Promise<Agreement[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const today = chinaDay(ctx.clock.now());
  const allianceIds = [...new Set(rows.map((r) => r.allianceId).filter((x): x is number => x !== null))];
  const [ds, comms, us, ratings, als] = await Promise.all([
    db
      .select()
      .from(coDeliverables)
      .where(inArray(coDeliverables.agreementId, ids))
      .orderBy(asc(coDeliverables.dueOn), asc(coDeliverables.id)),
    db
      .select({ id: territories.id, name: territories.name })
      .from(territories)
      .where(inArray(territories.id, [...new Set(rows.map((r) => r.communityId))])),
    db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(inArray(units.id, [...new Set(rows.map((r) => r.unitId))])),
    db
      .select({
        agreementId: coAgreementRatings.agreementId,
        n: count(),
        mean: sql<number>`avg(${coAgreementRatings.stars})::float`.mapWith(Number),
      })
      .from(coAgreementRatings)
      .where(inArray(coAgreementRatings.agreementId, ids))
      .groupBy(coAgreementRatings.agreementId),
    allianceIds.length
      ? db
          .select({ id: coAlliances.id, name: coAlliances.name })
          .from(coAlliances)
          .where(inArray(coAlliances.id, allianceIds))
      : Promise.resolve([]),
  ]);
  return rows.map((r) => {
    const rt = ratings.find((x) => x.agreementId === r.id);
    return {
      id: r.id,
      community: { id: r.communityId, name: comms.find((c) => c.id === r.communityId)?.name ?? '' },
      unit: { id: r.unitId, name: us.find((u) => u.id === r.unitId)?.name ?? '' },
      alliance: r.allianceId ? { id: r.allianceId, name: als.find((a) => a.id === r.allianceId)?.name ?? '' } : null,
      title: r.title,
      content: r.content,
      year: r.year,
      status: r.status,
      signedOn: r.signedOn,
      publishedAt: r.publishedAt,
      evaluatedAt: r.evaluatedAt,
      score: r.score,
      scoreParts: r.scoreParts ?? null,
      deliverables: ds
        .filter((d) => d.agreementId === r.id)
        .map((d) => ({
          id: d.id,
          title: d.title,
          dueOn: d.dueOn,
          status: d.status,
          state: deliverableState(d, today),
          doneOn: d.doneOn,
          evidence: d.evidence,
        })),
      ratingCount: rt?.n ?? 0,
      ratingMean: rt ? Math.round(rt.mean * 10) / 10 : null,
      createdAt: r.createdAt,
    };
  });
}

export async function getAgreement(ctx: Ctx, id: number): Promise<Agreement> {
  const rows = await ctx.db
    .select()
    .from(coAgreements)
    .where(and(eq(coAgreements.id, id), inScope(ctx.actor, coAgreements.scopePath)));
  if (!rows.length) throw notFound();
  return (await agreementsOut(ctx, ctx.db, rows))[0]!;
}

/** Agreements of the area; by unit and year they are the unit's page of agreements and scores over the years. */
export async function listAgreements(ctx: Ctx, q: AgreementQuery) {
  const w: SQL[] = [inScope(ctx.actor, coAgreements.scopePath)];
  if (q.unitId) w.push(eq(coAgreements.unitId, q.unitId));
  if (q.year) w.push(eq(coAgreements.year, q.year));
  if (q.allianceId) w.push(eq(coAgreements.allianceId, q.allianceId));
  if (q.signedFrom) w.push(gte(coAgreements.signedOn, q.signedFrom));
  if (q.signedTo) w.push(lte(coAgreements.signedOn, q.signedTo));
  if (q.status) w.push(inArray(coAgreements.status, q.status));
  if (q.fulfilledFrom || q.fulfilledTo) w.push(agreementsFulfilledWhere(q.fulfilledFrom, q.fulfilledTo));
  w.push(...(await placeFilter(ctx.db, ctx.actor, coAgreements.scopePath, q.territoryId)));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(coAgreements)
      .where(where)
      .orderBy(desc(coAgreements.year), asc(coAgreements.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(coAgreements).where(where),
  ]);
  return { items: await agreementsOut(ctx, ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function createAgreement(ctx: Ctx, input: CreateAgreement): Promise<Agreement> {
  const comm = await placeInScope(ctx.db, ctx.actor, input.communityId);
  if (comm.level !== 'community') throw fieldError(ctx, 'communityId', 'coBuilding.notACommunity');
  const [unit] = await ctx.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, input.unitId), inScope(ctx.actor, units.scopePath)));
  if (!unit) throw fieldError(ctx, 'unitId', 'coBuilding.unitNotFound');
  if (input.allianceId) await allianceForAgreement(ctx, input.allianceId, comm.path, unit.id);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(coAgreements)
      .values({
        communityId: comm.id,
        scopePath: comm.path,
        unitId: unit.id,
        allianceId: input.allianceId ?? null,
        title: input.title,
        content: input.content ?? null,
        year: input.year,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (input.deliverables.length)
      await tx
        .insert(coDeliverables)
        .values(input.deliverables.map((d) => ({ agreementId: row!.id, ...d, createdAt: now, updatedAt: now })));
    await audit(tx, ctx, {
      action: 'coAgreement.create',
      objectType: 'coAgreement',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: { ...row, deliverables: input.deliverables },
    });
    return row!.id;
  });
  return getAgreement(ctx, id);
}

async function lock(ctx: Ctx, tx: DbOrTx, id: number): Promise<Row> {
  const [row] = await tx
    .select()
    .from(coAgreements)
    .where(and(eq(coAgreements.id, id), inScope(ctx.actor, coAgreements.scopePath)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

/** Promised deliverables are added while negotiating 商约 only: what is signed does not change. */
export async function addDeliverable(ctx: Ctx, id: number, input: AddDeliverable): Promise<Agreement> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lock(ctx, tx, id);
    if (row.status !== 'negotiating') throw conflict('coBuilding.agreementSigned', { status: stage(ctx, row.status) });
    const [d] = await tx
      .insert(coDeliverables)
      .values({ agreementId: id, ...input, createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, ctx, {
      action: 'coAgreement.addDeliverable',
      objectType: 'coAgreement',
      objectId: id,
      scopePath: row.scopePath,
      after: d,
    });
  });
  return getAgreement(ctx, id);
}

/**
 * The one legal move out of each stage: 商约 → 签约 (needs deliverables) → 公示 → 履约 → 评约 (every deliverable
 * reported; the score is computed here from the deliverables and the residents' ratings). Anything else is 409.
 */
export async function moveAgreement(ctx: Ctx, id: number, input: MoveAgreement): Promise<Agreement> {
  const now = ctx.clock.now();
  const today = chinaDay(now);
  await ctx.db.transaction(async (tx) => {
    const row = await lock(ctx, tx, id);
    if (AGREEMENT_NEXT[row.status] !== input.to)
      throw conflict('coBuilding.agreementMove', { from: stage(ctx, row.status), to: stage(ctx, input.to) });
    const ds = await tx.select().from(coDeliverables).where(eq(coDeliverables.agreementId, id));
    const patch: Partial<typeof coAgreements.$inferInsert> = { status: input.to, updatedAt: now };
    if (input.to === 'signed') {
      if (!ds.length) throw conflict('coBuilding.noDeliverables');
      patch.signedOn = input.signedOn ?? today;
    }
    if (input.to === 'published') patch.publishedAt = now;
    if (input.to === 'evaluated') {
      const open = ds.filter((d) => d.status === 'pending').length;
      if (open) throw conflict('coBuilding.deliverablesOpen', { n: open });
      const stars = await tx
        .select({ s: coAgreementRatings.stars })
        .from(coAgreementRatings)
        .where(eq(coAgreementRatings.agreementId, id));
      const result = agreementScore(
        ds.map((d) => deliverableState(d, today)),
        stars.map((x) => x.s),
      );
      patch.score = result.score;
      patch.scoreParts = result.parts;
      patch.evaluatedAt = now;
    }
    await tx.update(coAgreements).set(patch).where(eq(coAgreements.id, id));
    await audit(tx, ctx, {
      action: `coAgreement.${input.to}`,
      objectType: 'coAgreement',
      objectId: id,
      scopePath: row.scopePath,
      before: { status: row.status },
      after: patch,
    });
  });
  return getAgreement(ctx, id);
}

/** While fulfilling 履约: a deliverable is reported done (with the day and evidence) or not done. */
export async function reportDeliverable(
  ctx: Ctx,
  id: number,
  deliverableId: number,
  input: ReportDeliverable,
): Promise<Agreement> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lock(ctx, tx, id);
    if (row.status !== 'fulfilling') throw conflict('coBuilding.notFulfilling', { status: stage(ctx, row.status) });
    const [d] = await tx
      .select()
      .from(coDeliverables)
      .where(and(eq(coDeliverables.id, deliverableId), eq(coDeliverables.agreementId, id)))
      .for('update');
    if (!d) throw notFound();
    if (d.status !== 'pending') throw conflict('coBuilding.deliverableReported');
    const doneOn = input.status === 'done' ? (input.doneOn ?? chinaDay(now)) : null;
    if (doneOn && doneOn > chinaDay(now)) throw fieldError(ctx, 'doneOn', 'coBuilding.futureDay');
    await tx
      .update(coDeliverables)
      .set({ status: input.status, doneOn, evidence: input.evidence, updatedAt: now })
      .where(eq(coDeliverables.id, deliverableId));
    await audit(tx, ctx, {
      action: 'coAgreement.report',
      objectType: 'coAgreement',
      objectId: id,
      scopePath: row.scopePath,
      before: { deliverableId, status: d.status },
      after: { deliverableId, status: input.status, doneOn, evidence: input.evidence },
    });
  });
  return getAgreement(ctx, id);
}

/** A resident of the community rates the work once it is public (published or later), before the evaluation. */
export async function rateAgreement(ctx: Ctx, id: number, input: RateProject): Promise<Agreement> {
  if (!ctx.actor.roles.includes('resident')) throw forbidden();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(coAgreements)
      .where(
        and(
          eq(coAgreements.id, id),
          sql`(${coAgreements.scopePath} like ${ctx.actor.scopePath + '%'} or ${ctx.actor.scopePath} like ${coAgreements.scopePath} || '%')`,
        ),
      );
    if (!row) throw notFound();
    if (row.status !== 'published' && row.status !== 'fulfilling')
      throw conflict('coBuilding.agreementNotRatable', { status: stage(ctx, row.status) });
    const [r] = await tx
      .insert(coAgreementRatings)
      .values({ agreementId: id, accountId: ctx.actor.accountId, stars: input.stars, comment: input.comment ?? null })
      .onConflictDoNothing()
      .returning();
    if (!r) throw conflict('coBuilding.alreadyRated');
    await audit(tx, ctx, {
      action: 'coAgreement.rate',
      objectType: 'coAgreement',
      objectId: id,
      scopePath: row.scopePath,
      after: { stars: input.stars, comment: input.comment ?? null },
    });
  });
  const rows = await ctx.db.select().from(coAgreements).where(eq(coAgreements.id, id));
  return (await agreementsOut(ctx, ctx.db, rows))[0]!;
}
