import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import { territories } from '../../kernel/db/schema.js';
import { notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { inScope, placeFilter } from '../../kernel/scope/scope.js';
import type { CreateTalent, RecordTraining, Talent, TalentDetail, TalentListQuery, UpdateTalent } from './contract.js';
import { reserveTalents, reserveTrainings } from './schema.js';
import { communityInScope, fieldError } from './workers.service.js';

/**
 * The reserve talent pool 后备人才 (issue 15 item 4, decision 054; seed 003: 村“两委”后备人才 from 外出务工经商人员、
 * 返乡大学生、返乡企业家、退役军人, trained by 入企挂职、赴乡镇机关历练、报读大专班 and 集中培训).
 */

const rt = reserveTalents;
const tr = reserveTrainings;
const trainings = sql<number>`(select count(*) from ${tr} x where x.talent_id = ${rt.id})::int`;

function select(ctx: Ctx) {
  return ctx.db
    .select({ rt, communityName: territories.name, trainings })
    .from(rt)
    .innerJoin(territories, eq(territories.id, rt.communityId));
}
type Joined = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];
const toTalent = (x: Joined): Talent => ({
  id: x.rt.id,
  name: x.rt.name,
  community: { id: x.rt.communityId, name: x.communityName },
  source: x.rt.source as Talent['source'],
  birthYear: x.rt.birthYear,
  status: x.rt.status as Talent['status'],
  note: x.rt.note,
  enteredOn: x.rt.enteredOn,
  trainings: Number(x.trainings),
});

export async function listTalents(ctx: Ctx, q: TalentListQuery) {
  const w: SQL[] = [inScope(ctx.actor, rt.scopePath)];
  w.push(...(await placeFilter(ctx.db, ctx.actor, rt.scopePath, q.territoryId)));
  if (q.source) w.push(eq(rt.source, q.source));
  if (q.status) w.push(eq(rt.status, q.status));
  if (q.current !== undefined)
    w.push(q.current ? inArray(rt.status, ['pool', 'training']) : inArray(rt.status, ['appointed', 'left']));
  if (q.trained !== undefined) w.push(q.trained ? sql`${trainings} > 0` : sql`${trainings} = 0`);
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    select(ctx)
      .where(where)
      .orderBy(asc(territories.name), desc(rt.enteredOn), asc(rt.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(rt).where(where),
  ]);
  return { items: rows.map(toTalent), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function getTalent(ctx: Ctx, id: number): Promise<TalentDetail> {
  const [row] = await select(ctx).where(and(eq(rt.id, id), inScope(ctx.actor, rt.scopePath)));
  if (!row) throw notFound();
  const training = await ctx.db.select().from(tr).where(eq(tr.talentId, id)).orderBy(desc(tr.fromOn), desc(tr.id));
  return {
    ...toTalent(row),
    training: training.map((x) => ({
      id: x.id,
      kind: x.kind as TalentDetail['training'][number]['kind'],
      title: x.title,
      fromOn: x.fromOn,
      toOn: x.toOn,
    })),
  };
}

export async function createTalent(ctx: Ctx, input: CreateTalent): Promise<TalentDetail> {
  const now = ctx.clock.now();
  if (input.enteredOn > chinaDay(now)) throw fieldError(ctx, 'enteredOn', 'cadres.dayInFuture');
  const id = await ctx.db.transaction(async (tx) => {
    const c = await communityInScope(ctx, tx, input.communityId);
    const [row] = await tx
      .insert(rt)
      .values({
        name: input.name,
        communityId: c.id,
        scopePath: c.path,
        source: input.source,
        birthYear: input.birthYear ?? null,
        enteredOn: input.enteredOn,
        note: input.note ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'cadres.talent.create',
      objectType: 'reserveTalent',
      objectId: row!.id,
      scopePath: c.path,
      after: row,
    });
    return row!.id;
  });
  return getTalent(ctx, id);
}

export async function updateTalent(ctx: Ctx, id: number, input: UpdateTalent): Promise<TalentDetail> {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(rt)
      .where(and(eq(rt.id, id), inScope(ctx.actor, rt.scopePath)))
      .for('update');
    if (!before) throw notFound();
    const [after] = await tx
      .update(rt)
      .set({
        status: input.status ?? before.status,
        note: input.note === undefined ? before.note : input.note,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(rt.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'cadres.talent.update',
      objectType: 'reserveTalent',
      objectId: id,
      scopePath: before.scopePath,
      before,
      after,
    });
  });
  return getTalent(ctx, id);
}

/** A training of a talent; a talent still only in the pool moves to 培养中 with their first training. */
export async function recordTraining(ctx: Ctx, id: number, input: RecordTraining): Promise<TalentDetail> {
  const now = ctx.clock.now();
  if (input.toOn && input.toOn < input.fromOn) throw fieldError(ctx, 'toOn', 'cadres.endBeforeStart');
  if (input.fromOn > chinaDay(now)) throw fieldError(ctx, 'fromOn', 'cadres.dayInFuture');
  await ctx.db.transaction(async (tx) => {
    const [talent] = await tx
      .select()
      .from(rt)
      .where(and(eq(rt.id, id), inScope(ctx.actor, rt.scopePath)))
      .for('update');
    if (!talent) throw notFound();
    if (talent.status === 'left') throw fieldError(ctx, 'kind', 'cadres.talentLeft');
    const [row] = await tx
      .insert(tr)
      .values({
        talentId: id,
        kind: input.kind,
        title: input.title,
        fromOn: input.fromOn,
        toOn: input.toOn ?? null,
        recordedBy: ctx.actor.accountId || null,
        createdAt: now,
      })
      .returning();
    if (talent.status === 'pool') await tx.update(rt).set({ status: 'training', updatedAt: now }).where(eq(rt.id, id));
    await audit(tx, ctx, {
      action: 'cadres.talent.train',
      objectType: 'reserveTalent',
      objectId: id,
      scopePath: talent.scopePath,
      before: { status: talent.status },
      after: { ...row, status: talent.status === 'pool' ? 'training' : talent.status },
    });
  });
  return getTalent(ctx, id);
}
