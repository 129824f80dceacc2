import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, placeFilter } from '../../kernel/scope/scope.js';
import { partyOrgs } from '../organizations/index.js';
import type { AdvanceCandidate, Candidate, CandidateQuery, CreateCandidate, RecordCandidate } from './contract.js';
import { checkMove, checkRecord, talkDue, type Stage } from './recruitment.rules.js';
import { recruitCandidates, recruitMoves } from './schema.js';

const c = recruitCandidates;
type Row = typeof c.$inferSelect;
const STAGE_DAY: Record<Stage, keyof Row> = {
  applicant: 'appliedOn',
  activist: 'activistOn',
  target: 'targetOn',
  probationary: 'probationOn',
  full: 'fullOn',
};

async function out(db: DbOrTx, rows: Row[]): Promise<Candidate[]> {
  const res: Candidate[] = [];
  for (const r of rows) {
    const [b] = await db
      .select({ id: partyOrgs.id, name: partyOrgs.name })
      .from(partyOrgs)
      .where(eq(partyOrgs.id, r.branchId));
    const moves = await db
      .select()
      .from(recruitMoves)
      .where(eq(recruitMoves.candidateId, r.id))
      .orderBy(asc(recruitMoves.id));
    res.push({
      id: r.id,
      name: r.name,
      branch: { id: r.branchId, name: b?.name ?? '' },
      stage: r.stage,
      birthDate: r.birthDate,
      appliedOn: r.appliedOn,
      talkedOn: r.talkedOn,
      talkDueOn: talkDue(r.appliedOn),
      activistOn: r.activistOn,
      targetOn: r.targetOn,
      probationOn: r.probationOn,
      fullOn: r.fullOn,
      trainingHours: r.trainingHours,
      introducers: r.introducers,
      review: Object.fromEntries(Object.entries(r.review).filter(([, v]) => !!v)) as Record<string, string>,
      moves: moves.map((m) => ({
        from: m.fromStage,
        to: m.toStage,
        on: m.on,
        note: m.note,
        vote:
          m.voteEligible === null
            ? null
            : {
                eligible: m.voteEligible,
                present: m.votePresent ?? 0,
                for: m.voteFor ?? 0,
                against: m.voteAgainst ?? 0,
                abstain: m.voteAbstain ?? 0,
              },
        approval: m.approvedBy && m.approvedOn ? { by: m.approvedBy, on: m.approvedOn } : null,
      })),
    });
  }
  return res;
}

async function row(ctx: Ctx, db: DbOrTx, id: number): Promise<Row> {
  const [r] = await db
    .select()
    .from(c)
    .where(and(eq(c.id, id), inScope(ctx.actor, c.scopePath)));
  if (!r) throw notFound();
  return r;
}

export async function createCandidate(ctx: Ctx, input: CreateCandidate): Promise<Candidate> {
  const [b] = await ctx.db
    .select({ id: partyOrgs.id, path: partyOrgs.scopePath })
    .from(partyOrgs)
    .where(and(eq(partyOrgs.id, input.branchId), inScope(ctx.actor, partyOrgs.scopePath)));
  if (!b) throw notFound();
  if (input.appliedOn > chinaDay(ctx.clock.now()))
    throw new AppError('validation', undefined, {}, [
      { field: 'appliedOn', message: t(ctx.locale, 'recruitment.future') },
    ]);
  const id = await ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(c)
      .values({
        name: input.name,
        branchId: b.id,
        scopePath: b.path,
        birthDate: input.birthDate ?? null,
        appliedOn: input.appliedOn,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'recruitment.apply',
      objectType: 'recruitCandidate',
      objectId: r!.id,
      scopePath: b.path,
      after: r,
    });
    return r!.id;
  });
  return getCandidate(ctx, id);
}

export async function getCandidate(ctx: Ctx, id: number): Promise<Candidate> {
  return (await out(ctx.db, [await row(ctx, ctx.db, id)]))[0]!;
}

export async function listCandidates(ctx: Ctx, q: CandidateQuery) {
  const w: SQL[] = [inScope(ctx.actor, c.scopePath)];
  if (q.stage) w.push(eq(c.stage, q.stage));
  if (q.branchId) w.push(eq(c.branchId, q.branchId));
  w.push(...(await placeFilter(ctx.db, ctx.actor, c.scopePath, q.territoryId)));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db.select().from(c).where(where).orderBy(desc(c.appliedOn), desc(c.id)).limit(q.pageSize).offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(c).where(where),
  ]);
  return { items: await out(ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Records the facts the moves check: the talk, training hours, introducers, 一谈一报一审一定. */
export async function recordCandidate(ctx: Ctx, id: number, input: RecordCandidate): Promise<Candidate> {
  await ctx.db.transaction(async (tx) => {
    const r = await row(ctx, tx, id);
    if (r.stage === 'full') throw conflict('recruitment.done');
    const today = chinaDay(ctx.clock.now());
    const days = [input.talkedOn, ...Object.values(input.review ?? {})].filter(Boolean) as string[];
    if (days.some((d) => d > today || d < r.appliedOn))
      throw new AppError('validation', undefined, {}, [
        { field: 'review', message: t(ctx.locale, 'recruitment.dayOutside') },
      ]);
    const set: Partial<typeof c.$inferInsert> = { updatedAt: ctx.clock.now() };
    if (input.talkedOn !== undefined) set.talkedOn = input.talkedOn;
    if (input.trainingHours != null) set.trainingHours = input.trainingHours;
    if (input.introducers != null) set.introducers = input.introducers;
    if (input.review) {
      const merged = { ...r.review };
      for (const [k, v] of Object.entries(input.review)) {
        if (v) merged[k as keyof typeof merged] = v;
        else delete merged[k as keyof typeof merged];
      }
      set.review = merged;
    }
    const [after] = await tx.update(c).set(set).where(eq(c.id, id)).returning();
    await audit(tx, ctx, {
      action: 'recruitment.record',
      objectType: 'recruitCandidate',
      objectId: id,
      scopePath: r.scopePath,
      before: r,
      after,
    });
  });
  return getCandidate(ctx, id);
}

/** Moves a candidate one stage on; a skipped step or a short interval is refused (409) with the reason. */
export async function advanceCandidate(ctx: Ctx, id: number, input: AdvanceCandidate): Promise<Candidate> {
  await ctx.db.transaction(async (tx) => {
    const r = await row(ctx, tx, id);
    const refusal =
      checkMove(
        {
          stage: r.stage,
          birthDate: r.birthDate,
          appliedOn: r.appliedOn,
          talkedOn: r.talkedOn,
          activistOn: r.activistOn,
          targetOn: r.targetOn,
          probationOn: r.probationOn,
          trainingHours: r.trainingHours,
          introducers: r.introducers,
          review: r.review,
        },
        input.to,
        input.on,
        chinaDay(ctx.clock.now()),
      ) ?? checkRecord(input.to, input.on, chinaDay(ctx.clock.now()), input.vote, input.approval);
    if (refusal) {
      const params = { ...refusal.params };
      if (typeof params.next === 'string') params.next = t(ctx.locale, `recruitment.stage.${params.next}`);
      throw conflict(refusal.key, params);
    }
    const [after] = await tx
      .update(c)
      .set({ stage: input.to, [STAGE_DAY[input.to]]: input.on, updatedAt: ctx.clock.now() })
      .where(and(eq(c.id, id), eq(c.stage, r.stage)))
      .returning();
    if (!after) throw conflict('recruitment.changed');
    await tx.insert(recruitMoves).values({
      candidateId: id,
      fromStage: r.stage,
      toStage: input.to,
      on: input.on,
      note: input.note ?? null,
      voteEligible: input.vote?.eligible ?? null,
      votePresent: input.vote?.present ?? null,
      voteFor: input.vote?.for ?? null,
      voteAgainst: input.vote?.against ?? null,
      voteAbstain: input.vote?.abstain ?? null,
      approvedBy: input.approval?.by ?? null,
      approvedOn: input.approval?.on ?? null,
      byAccountId: ctx.actor.accountId || null,
    });
    await audit(tx, ctx, {
      action: 'recruitment.advance',
      objectType: 'recruitCandidate',
      objectId: id,
      scopePath: r.scopePath,
      before: { stage: r.stage },
      after: { stage: input.to, on: input.on, vote: input.vote ?? null, approval: input.approval ?? null },
    });
  });
  return getCandidate(ctx, id);
}
