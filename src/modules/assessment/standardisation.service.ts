import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../kernel/db/search.js';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, conflict, forbidden, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, pathInScope, placeFilter } from '../../kernel/scope/scope.js';
import { partyOrgs } from '../organizations/index.js';
import type { Round } from './constants.js';
import type {
  AddRectification,
  AssessmentQuery,
  ChecklistQuery,
  CreateChecklist,
  OpenAssessment,
  SubmitScores,
  UpdateChecklist,
} from './contract.js';
import { gradeOf, totalScore } from './grading.js';
import { asAssessments, asChecklistItems, asChecklists, asRectificationItems, asScores } from './schema.js';

export const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);

/** A conflict with the record's state that belongs to one field of the form (409, shown under that field). */
export const fieldConflict = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('conflict', key, params, [{ field, message: t(ctx.locale, key, params) }]);

/** Whether the caller may edit a record kept at `scopePath` (the settings page shows 编辑 only then). */
export const mayEdit = (ctx: Ctx, scopePath: string) =>
  ctx.actor.permissions.has('assessment.manage') && pathInScope(ctx.actor, scopePath);

/**
 * The record to edit: not seen by the caller → 404; seen (kept above the caller, e.g. the district's list seen by a
 * street) but outside the caller's subtree → 403, since only the area that keeps a record edits it.
 */
export function editable<R extends { scopePath: string }>(ctx: Ctx, row: R | undefined): R {
  if (!row) throw notFound();
  if (!pathInScope(ctx.actor, row.scopePath)) throw forbidden('assessment.notYours');
  return row;
}

/** A checklist is seen in the subtree that edited it and by everyone below (a community sees its district's). */
const checklistVisible = (ctx: Ctx) =>
  or(inScope(ctx.actor, asChecklists.scopePath), sql`${ctx.actor.scopePath} like ${asChecklists.scopePath} || '%'`)!;

export async function createChecklist(ctx: Ctx, input: CreateChecklist) {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(asChecklists)
      .values({
        territoryId: ctx.actor.territoryId,
        scopePath: ctx.actor.scopePath,
        domain: input.domain,
        title: input.title,
        year: input.year,
        advancedMin: input.advancedMin,
        passMin: input.passMin,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(asChecklistItems).values(input.items.map((i, k) => ({ ...i, checklistId: row!.id, sortOrder: k })));
    await audit(tx, ctx, {
      action: 'assessment.checklist.create',
      objectType: 'asChecklist',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: { ...row, items: input.items },
    });
    return row!.id;
  });
  return getChecklist(ctx, id);
}

/**
 * Edits a checklist kept in the caller's subtree (decision 045). The title, domain and year may always change; the
 * items and the grade lines only while no organisation has been scored on it, since grades already given were
 * computed from them. Audited with the checklist and its items before and after.
 */
export async function updateChecklist(ctx: Ctx, id: number, input: UpdateChecklist) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(asChecklists)
      .where(and(eq(asChecklists.id, id), checklistVisible(ctx)))
      .for('update');
    const before = editable(ctx, found);
    const items = await tx
      .select()
      .from(asChecklistItems)
      .where(eq(asChecklistItems.checklistId, id))
      .orderBy(asc(asChecklistItems.sortOrder), asc(asChecklistItems.id));
    const advancedMin = input.advancedMin ?? before.advancedMin;
    const passMin = input.passMin ?? before.passMin;
    if (advancedMin <= passMin) throw fieldError(ctx, 'advancedMin', 'assessment.ruleOrder');
    const itemsChange =
      input.items !== undefined &&
      (input.items.length !== items.length ||
        input.items.some((x, k) => {
          const old = items[k]!;
          return (
            x.id !== old.id ||
            x.title !== old.title ||
            x.weight !== old.weight ||
            x.maxScore !== old.maxScore ||
            x.evidenceRequired !== old.evidenceRequired
          );
        }));
    const ruleChange = advancedMin !== before.advancedMin || passMin !== before.passMin;
    if (itemsChange || ruleChange) {
      const n = await scoredOn(tx, id);
      if (n > 0) throw fieldConflict(ctx, itemsChange ? 'items' : 'advancedMin', 'assessment.checklistScored', { n });
    }
    if (input.items && itemsChange) {
      const known = new Set(items.map((i) => i.id));
      const seen = new Set<number>();
      input.items.forEach((x, k) => {
        if (x.id === undefined) return;
        if (!known.has(x.id) || seen.has(x.id)) throw fieldError(ctx, `items.${k}.id`, 'assessment.unknownItem');
        seen.add(x.id);
      });
      const gone = items.filter((i) => !seen.has(i.id)).map((i) => i.id);
      if (gone.length) await tx.delete(asChecklistItems).where(inArray(asChecklistItems.id, gone));
      for (const [k, x] of input.items.entries()) {
        const values = {
          title: x.title,
          weight: x.weight,
          maxScore: x.maxScore,
          evidenceRequired: x.evidenceRequired,
          sortOrder: k,
        };
        if (x.id === undefined) await tx.insert(asChecklistItems).values({ ...values, checklistId: id });
        else await tx.update(asChecklistItems).set(values).where(eq(asChecklistItems.id, x.id));
      }
    }
    const [after] = await tx
      .update(asChecklists)
      .set({
        ...(input.domain !== undefined ? { domain: input.domain } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.year !== undefined ? { year: input.year } : {}),
        advancedMin,
        passMin,
        updatedAt: now,
      })
      .where(eq(asChecklists.id, id))
      .returning();
    const itemsAfter = await tx
      .select()
      .from(asChecklistItems)
      .where(eq(asChecklistItems.checklistId, id))
      .orderBy(asc(asChecklistItems.sortOrder), asc(asChecklistItems.id));
    await audit(tx, ctx, {
      action: 'assessment.checklist.update',
      objectType: 'asChecklist',
      objectId: id,
      scopePath: before.scopePath,
      before: { ...before, items },
      after: { ...after, items: itemsAfter },
    });
  });
  return getChecklist(ctx, id);
}

export async function getChecklist(ctx: Ctx, id: number) {
  const [row] = await ctx.db
    .select()
    .from(asChecklists)
    .where(and(eq(asChecklists.id, id), checklistVisible(ctx)));
  if (!row) throw notFound();
  const [items, scored] = await Promise.all([
    ctx.db
      .select()
      .from(asChecklistItems)
      .where(eq(asChecklistItems.checklistId, id))
      .orderBy(asc(asChecklistItems.sortOrder), asc(asChecklistItems.id)),
    scoredOn(ctx.db, id),
  ]);
  return { ...row, items, rule: ruleText(ctx, row), mayEdit: mayEdit(ctx, row.scopePath), scoredOrgs: scored };
}

/** How many organisations have been scored (any round) on a checklist: its items and grade lines are then fixed. */
async function scoredOn(db: DbOrTx, checklistId: number) {
  const [r] = await db
    .select({ n: sql<number>`count(distinct ${asScores.assessmentId})::int` })
    .from(asScores)
    .innerJoin(asAssessments, eq(asAssessments.id, asScores.assessmentId))
    .where(eq(asAssessments.checklistId, checklistId));
  return r?.n ?? 0;
}

export function ruleText(ctx: Ctx, r: { advancedMin: number; passMin: number }) {
  return t(ctx.locale, 'assessment.rule', { advanced: r.advancedMin, pass: r.passMin });
}

export async function listChecklists(ctx: Ctx, q: ChecklistQuery) {
  const w: SQL[] = [checklistVisible(ctx)];
  if (q.domain) w.push(eq(asChecklists.domain, q.domain));
  if (q.year) w.push(eq(asChecklists.year, q.year));
  if (q.q) w.push(ilike(asChecklists.title, `%${escapeLike(q.q)}%`));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(asChecklists)
      .where(where)
      .orderBy(desc(asChecklists.year), asc(asChecklists.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(asChecklists).where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r, rule: ruleText(ctx, r), mayEdit: mayEdit(ctx, r.scopePath) })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The superior opens an assessment of an organisation of its area and names the peer organisation's node. */
export async function openAssessment(ctx: Ctx, checklistId: number, input: OpenAssessment) {
  const list = await getChecklist(ctx, checklistId);
  const [org] = await ctx.db
    .select()
    .from(partyOrgs)
    .where(and(eq(partyOrgs.id, input.partyOrgId), inScope(ctx.actor, partyOrgs.scopePath)));
  if (!org) throw fieldError(ctx, 'partyOrgId', 'assessment.orgNotFound');
  if (org.territoryId === ctx.actor.territoryId) throw forbidden('assessment.ownOrg');
  const [peer] = await ctx.db
    .select()
    .from(territories)
    .where(and(eq(territories.id, input.peerTerritoryId), inScope(ctx.actor, territories.path)));
  if (!peer) throw fieldError(ctx, 'peerTerritoryId', 'assessment.peerNotFound');
  if (peer.id === org.territoryId) throw fieldError(ctx, 'peerTerritoryId', 'assessment.peerIsSelf');
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(asAssessments)
      .values({
        checklistId: list.id,
        partyOrgId: org.id,
        territoryId: org.territoryId,
        scopePath: org.scopePath,
        peerTerritoryId: peer.id,
        peerPath: peer.path,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('assessment.alreadyOpen');
    await audit(tx, ctx, {
      action: 'assessment.open',
      objectType: 'asAssessment',
      objectId: row.id,
      scopePath: row.scopePath,
      after: row,
    });
    return row.id;
  });
  return getAssessment(ctx, id);
}

/** An assessment is seen in the subtree of the organisation and by the peer organisation that reviews it. */
const assessmentVisible = (ctx: Ctx) =>
  or(inScope(ctx.actor, asAssessments.scopePath), eq(asAssessments.peerTerritoryId, ctx.actor.territoryId))!;

type ARow = typeof asAssessments.$inferSelect;

async function assessmentsOut(ctx: Ctx, db: DbOrTx, rows: ARow[]) {
  if (!rows.length) return [];
  const [orgs, lists, places] = await Promise.all([
    db
      .select({ id: partyOrgs.id, name: partyOrgs.name })
      .from(partyOrgs)
      .where(inArray(partyOrgs.id, [...new Set(rows.map((r) => r.partyOrgId))])),
    db
      .select()
      .from(asChecklists)
      .where(inArray(asChecklists.id, [...new Set(rows.map((r) => r.checklistId))])),
    db
      .select({ id: territories.id, name: territories.name })
      .from(territories)
      .where(inArray(territories.id, [...new Set(rows.flatMap((r) => [r.territoryId, r.peerTerritoryId]))])),
  ]);
  const name = (id: number) => places.find((p) => p.id === id)?.name ?? '';
  return rows.map((r) => {
    const l = lists.find((x) => x.id === r.checklistId)!;
    return {
      id: r.id,
      checklist: { id: l.id, title: l.title, domain: l.domain, year: l.year },
      org: { id: r.partyOrgId, name: orgs.find((o) => o.id === r.partyOrgId)?.name ?? '' },
      place: { id: r.territoryId, name: name(r.territoryId) },
      peer: { id: r.peerTerritoryId, name: name(r.peerTerritoryId) },
      stage: r.stage,
      score: r.score,
      grade: r.grade,
      rule: ruleText(ctx, l),
      weak: r.weak,
      recheckScore: r.recheckScore,
      weakClearedAt: r.weakClearedAt,
      gradedAt: r.gradedAt,
    };
  });
}

export async function listAssessments(ctx: Ctx, q: AssessmentQuery) {
  const w: SQL[] = [
    q.asPeer === 'true' ? eq(asAssessments.peerTerritoryId, ctx.actor.territoryId) : assessmentVisible(ctx),
  ];
  if (q.checklistId) w.push(eq(asAssessments.checklistId, q.checklistId));
  if (q.stage) w.push(eq(asAssessments.stage, q.stage));
  if (q.grade) w.push(eq(asAssessments.grade, q.grade));
  if (q.weak) w.push(eq(asAssessments.weak, q.weak === 'true'));
  w.push(...(await placeFilter(ctx.db, ctx.actor, asAssessments.scopePath, q.territoryId)));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(asAssessments)
      .where(where)
      .orderBy(desc(asAssessments.score), asc(asAssessments.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(asAssessments).where(where),
  ]);
  return { items: await assessmentsOut(ctx, ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function getAssessment(ctx: Ctx, id: number) {
  const [row] = await ctx.db
    .select()
    .from(asAssessments)
    .where(and(eq(asAssessments.id, id), assessmentVisible(ctx)));
  if (!row) throw notFound();
  const [base] = await assessmentsOut(ctx, ctx.db, [row]);
  const [items, scores, rect] = await Promise.all([
    ctx.db
      .select()
      .from(asChecklistItems)
      .where(eq(asChecklistItems.checklistId, row.checklistId))
      .orderBy(asc(asChecklistItems.sortOrder), asc(asChecklistItems.id)),
    ctx.db.select().from(asScores).where(eq(asScores.assessmentId, id)),
    ctx.db
      .select()
      .from(asRectificationItems)
      .where(eq(asRectificationItems.assessmentId, id))
      .orderBy(asc(asRectificationItems.dueOn), asc(asRectificationItems.id)),
  ]);
  const isPeer = ctx.actor.territoryId === row.peerTerritoryId;
  return {
    ...base!,
    formula: t(ctx.locale, 'assessment.formula.total'),
    /** What the viewer may do now. */
    may: {
      self: row.stage === 'selfCheck' && ctx.actor.territoryId === row.territoryId,
      peer: row.stage === 'peerReview' && isPeer,
      superior:
        row.stage === 'superiorReview' &&
        ctx.actor.territoryId !== row.territoryId &&
        row.scopePath.startsWith(ctx.actor.scopePath),
    },
    items: items.map((i) => {
      const of = (round: Round) => {
        const s = scores.find((x) => x.itemId === i.id && x.round === round);
        return s ? { score: s.score, evidence: s.evidence } : null;
      };
      return {
        id: i.id,
        title: i.title,
        weight: i.weight,
        maxScore: i.maxScore,
        evidenceRequired: i.evidenceRequired,
        self: of('self'),
        peer: of('peer'),
        superior: of('superior'),
        recheck: of('recheck'),
      };
    }),
    rectification: rect.map((r) => ({
      id: r.id,
      title: r.title,
      dueOn: r.dueOn,
      done: r.doneAt !== null,
      doneAt: r.doneAt,
      evidence: r.evidence,
    })),
  };
}

const NEXT: Record<Exclude<Round, 'recheck'>, { from: ARow['stage']; to: ARow['stage'] }> = {
  self: { from: 'selfCheck', to: 'peerReview' },
  peer: { from: 'peerReview', to: 'superiorReview' },
  superior: { from: 'superiorReview', to: 'graded' },
};

/**
 * Scores of one round for every item: 自查 by the organisation itself (evidence where the item asks for it), 互评
 * by the peer, 复查 by the superior (which grades), 整改复查 by the superior once every rectification item is done
 * (a re-check at 达标 or above clears the 软弱涣散 flag). Nobody reviews their own organisation.
 */
export async function submitScores(ctx: Ctx, id: number, round: Round, input: SubmitScores) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(asAssessments)
      .where(and(eq(asAssessments.id, id), assessmentVisible(ctx)))
      .for('update');
    if (!row) throw notFound();
    const own = ctx.actor.territoryId === row.territoryId;
    if (round === 'self') {
      if (!own) throw forbidden('assessment.notOwnOrg');
    } else if (round === 'peer') {
      if (own) throw forbidden('assessment.ownOrg');
      if (ctx.actor.territoryId !== row.peerTerritoryId) throw forbidden('assessment.notPeer');
    } else {
      if (own) throw forbidden('assessment.ownOrg');
      if (!row.scopePath.startsWith(ctx.actor.scopePath)) throw notFound();
    }
    if (round === 'recheck') {
      if (row.stage !== 'graded' || !row.weak) throw conflict('assessment.notWeak');
      const rect = await tx
        .select({ doneAt: asRectificationItems.doneAt })
        .from(asRectificationItems)
        .where(eq(asRectificationItems.assessmentId, id));
      const open = rect.filter((r) => r.doneAt === null).length;
      if (!rect.length) throw conflict('assessment.noRectification');
      if (open) throw conflict('assessment.rectificationOpen', { n: open });
    } else if (row.stage !== NEXT[round].from) {
      throw conflict('assessment.wrongStage', { stage: t(ctx.locale, `assessment.stage.${row.stage}`) });
    }
    // Shared lock: an edit of the checklist's items (which locks it for update) waits for these scores, or the
    // scores wait for the edit and are checked against the new items.
    const [list] = await tx.select().from(asChecklists).where(eq(asChecklists.id, row.checklistId)).for('share');
    const items = await tx.select().from(asChecklistItems).where(eq(asChecklistItems.checklistId, row.checklistId));
    const seen = new Set<number>();
    input.scores.forEach((s, k) => {
      const item = items.find((i) => i.id === s.itemId);
      if (!item || seen.has(s.itemId)) throw fieldError(ctx, `scores.${k}.itemId`, 'assessment.unknownItem');
      seen.add(s.itemId);
      if (s.score > item.maxScore)
        throw fieldError(ctx, `scores.${k}.score`, 'assessment.scoreRange', { max: item.maxScore });
      if (round === 'self' && item.evidenceRequired && !s.evidence)
        throw fieldError(ctx, `scores.${k}.evidence`, 'assessment.evidenceRequired', { item: item.title });
    });
    if (seen.size !== items.length) throw fieldError(ctx, 'scores', 'assessment.allItems', { n: items.length });
    await tx.delete(asScores).where(and(eq(asScores.assessmentId, id), eq(asScores.round, round)));
    await tx.insert(asScores).values(
      input.scores.map((s) => ({
        assessmentId: id,
        itemId: s.itemId,
        round,
        score: s.score,
        evidence: s.evidence ?? null,
        byAccountId: ctx.actor.accountId || null,
        createdAt: now,
      })),
    );
    const total = totalScore(
      input.scores.map((s) => {
        const i = items.find((x) => x.id === s.itemId)!;
        return { weight: i.weight, maxScore: i.maxScore, score: s.score };
      }),
    );
    let patch: Partial<ARow>;
    if (round === 'recheck') {
      const cleared = total >= list!.passMin;
      patch = { recheckScore: total, weak: !cleared, weakClearedAt: cleared ? now : null };
    } else if (round === 'superior') {
      const grade = gradeOf(total, list!);
      patch = { stage: 'graded', score: total, grade, gradedAt: now, weak: grade === 'lagging' };
    } else patch = { stage: NEXT[round].to };
    const [after] = await tx
      .update(asAssessments)
      .set({ ...patch, updatedAt: now })
      .where(eq(asAssessments.id, id))
      .returning();
    await audit(tx, ctx, {
      action: `assessment.score.${round}`,
      objectType: 'asAssessment',
      objectId: id,
      scopePath: row.scopePath,
      before: row,
      after: { ...after, scores: input.scores, total },
    });
  });
  return getAssessment(ctx, id);
}

/** The superior adds rectification items 整改 to an organisation flagged 软弱涣散. */
export async function addRectification(ctx: Ctx, id: number, input: AddRectification) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(asAssessments)
      .where(and(eq(asAssessments.id, id), inScope(ctx.actor, asAssessments.scopePath)))
      .for('update');
    if (!row) throw notFound();
    if (!row.weak) throw conflict('assessment.notWeak');
    const added = await tx
      .insert(asRectificationItems)
      .values(input.items.map((i) => ({ ...i, assessmentId: id, scopePath: row.scopePath, createdAt: now })))
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.rectification.add',
      objectType: 'asAssessment',
      objectId: id,
      scopePath: row.scopePath,
      after: added,
    });
  });
  return getAssessment(ctx, id);
}

/** The organisation marks a rectification item done with its evidence. */
export async function finishRectification(ctx: Ctx, itemId: number, evidence: string) {
  const now = ctx.clock.now();
  const done = await ctx.db.transaction(async (tx) => {
    const [item] = await tx
      .select()
      .from(asRectificationItems)
      .where(and(eq(asRectificationItems.id, itemId), inScope(ctx.actor, asRectificationItems.scopePath)))
      .for('update');
    if (!item) throw notFound();
    if (item.doneAt) throw conflict('assessment.itemDone');
    const [after] = await tx
      .update(asRectificationItems)
      .set({ doneAt: now, evidence, updatedAt: now })
      .where(eq(asRectificationItems.id, itemId))
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.rectification.done',
      objectType: 'asRectificationItem',
      objectId: itemId,
      scopePath: item.scopePath,
      before: item,
      after,
    });
    return { assessmentId: item.assessmentId, after: after! };
  });
  // A finding of a visit or of an annual review answers with the item itself (decision 032).
  return done.assessmentId ? getAssessment(ctx, done.assessmentId) : done.after;
}
