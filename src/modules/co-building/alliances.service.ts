import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, inSubtree, placeFilter, placeInScope } from '../../kernel/scope/scope.js';
import { units } from '../organizations/index.js';
import type {
  AddAllianceChair,
  AddAllianceMeeting,
  AddAllianceMember,
  AddAllianceUnit,
  AllianceDetail,
  AllianceQuery,
  AllianceSummary,
  CreateAlliance,
  EndAllianceMember,
  LeaveAlliance,
} from './contract.js';
import {
  coAgreements,
  coAllianceChairs,
  coAllianceMeetings,
  coAllianceMembers,
  coAlliances,
  coAllianceUnits,
  coMatches,
  coProjects,
  coResources,
} from './schema.js';
import { escapeLike } from '../../kernel/db/search.js';

/**
 * Party-building alliances 党建联盟 (issue 12 point 5, decision 028): units around a community or street, their
 * part-time committee members 兼职委员, rotating chair terms 轮值主席, joint meetings, agreements and projects.
 * Membership is dated (joined/left, term from/to), so every count is "on a day" and history stays.
 */

type Row = typeof coAlliances.$inferSelect;
type UnitRow = typeof coAllianceUnits.$inferSelect;
type MemberRow = typeof coAllianceMembers.$inferSelect;
type ChairRow = typeof coAllianceChairs.$inferSelect;

const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);

/** On a day: a unit is a member from joinedOn until the day before leftOn; a member or chair serves term from–to. */
export const unitCurrent = (u: Pick<UnitRow, 'joinedOn' | 'leftOn'>, day: string) =>
  u.joinedOn <= day && (u.leftOn === null || u.leftOn > day);
export const memberCurrent = (m: Pick<MemberRow, 'termFrom' | 'termTo'>, day: string) =>
  m.termFrom <= day && (m.termTo === null || m.termTo >= day);
export const chairCurrent = (c: Pick<ChairRow, 'termFrom' | 'termTo'>, day: string) =>
  c.termFrom <= day && c.termTo >= day;

async function unitNames(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(inArray(units.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function related(db: DbOrTx, ids: number[]) {
  if (!ids.length) return { us: [], ms: [], cs: [], ags: [] as { allianceId: number | null; n: number }[] };
  const [us, ms, cs, ags] = await Promise.all([
    db
      .select()
      .from(coAllianceUnits)
      .where(inArray(coAllianceUnits.allianceId, ids))
      .orderBy(asc(coAllianceUnits.joinedOn), asc(coAllianceUnits.id)),
    db
      .select()
      .from(coAllianceMembers)
      .where(inArray(coAllianceMembers.allianceId, ids))
      .orderBy(asc(coAllianceMembers.termFrom), asc(coAllianceMembers.id)),
    db
      .select()
      .from(coAllianceChairs)
      .where(inArray(coAllianceChairs.allianceId, ids))
      .orderBy(desc(coAllianceChairs.termFrom)),
    db
      .select({ allianceId: coAgreements.allianceId, n: count() })
      .from(coAgreements)
      .where(inArray(coAgreements.allianceId, ids))
      .groupBy(coAgreements.allianceId),
  ]);
  return { us, ms, cs, ags };
}

async function summaries(ctx: Ctx, db: DbOrTx, rows: Row[], on: string): Promise<AllianceSummary[]> {
  const ids = rows.map((r) => r.id);
  const { us, ms, cs, ags } = await related(db, ids);
  const names = await unitNames(
    db,
    cs.map((c) => c.unitId),
  );
  const places = rows.length
    ? await db
        .select({ id: territories.id, name: territories.name })
        .from(territories)
        .where(inArray(territories.id, [...new Set(rows.map((r) => r.territoryId))]))
    : [];
  return rows.map((r) => {
    const chair = cs.find((c) => c.allianceId === r.id && chairCurrent(c, on));
    return {
      id: r.id,
      territory: { id: r.territoryId, name: places.find((p) => p.id === r.territoryId)?.name ?? '' },
      name: r.name,
      description: r.description,
      foundedOn: r.foundedOn,
      on,
      unitCount: us.filter((u) => u.allianceId === r.id && unitCurrent(u, on)).length,
      memberCount: ms.filter((m) => m.allianceId === r.id && memberCurrent(m, on)).length,
      chair: chair ? { id: chair.unitId, name: names.get(chair.unitId) ?? '' } : null,
      agreementCount: ags.find((a) => a.allianceId === r.id)?.n ?? 0,
    };
  });
}

/** Alliances of the caller's area (around a node of its subtree); counts are taken on `on` (default today). */
export async function listAlliances(ctx: Ctx, q: AllianceQuery) {
  const on = q.on ?? chinaDay(ctx.clock.now());
  const w: SQL[] = [inScope(ctx.actor, coAlliances.scopePath)];
  if (q.on) w.push(lte(coAlliances.foundedOn, q.on));
  w.push(...(await placeFilter(ctx.db, ctx.actor, coAlliances.scopePath, q.territoryId)));
  if (q.q) w.push(ilike(coAlliances.name, `%${escapeLike(q.q)}%`));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db.select().from(coAlliances).where(where).orderBy(asc(coAlliances.id)).limit(q.pageSize).offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(coAlliances).where(where),
  ]);
  return { items: await summaries(ctx, ctx.db, rows, on), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function rowOf(ctx: Ctx, db: DbOrTx, id: number, lock = false): Promise<Row> {
  const q = db
    .select()
    .from(coAlliances)
    .where(and(eq(coAlliances.id, id), inScope(ctx.actor, coAlliances.scopePath)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound();
  return row;
}

export async function getAlliance(ctx: Ctx, id: number, db: DbOrTx = ctx.db): Promise<AllianceDetail> {
  const row = await rowOf(ctx, db, id);
  const on = chinaDay(ctx.clock.now());
  const [summary] = await summaries(ctx, db, [row], on);
  const { us, ms, cs } = await related(db, [id]);
  const [meetings, agreements] = await Promise.all([
    db
      .select()
      .from(coAllianceMeetings)
      .where(eq(coAllianceMeetings.allianceId, id))
      .orderBy(desc(coAllianceMeetings.heldOn), desc(coAllianceMeetings.id)),
    db
      .select({
        id: coAgreements.id,
        title: coAgreements.title,
        unitId: coAgreements.unitId,
        year: coAgreements.year,
        status: coAgreements.status,
        score: coAgreements.score,
      })
      .from(coAgreements)
      .where(eq(coAgreements.allianceId, id))
      .orderBy(desc(coAgreements.year), asc(coAgreements.id)),
  ]);
  // Projects of the alliance: those in its area that use a resource offered by one of its member units.
  const memberUnitIds = us.map((u) => u.unitId);
  const projects = memberUnitIds.length
    ? await db
        .selectDistinct({
          id: coProjects.id,
          title: coProjects.title,
          status: coProjects.status,
          communityId: coProjects.communityId,
          unitId: coResources.unitId,
        })
        .from(coProjects)
        .innerJoin(coMatches, and(eq(coMatches.projectId, coProjects.id), eq(coMatches.decision, 'accepted')))
        .innerJoin(coResources, eq(coResources.id, coMatches.resourceId))
        .where(and(inSubtree(coProjects.scopePath, row.scopePath), inArray(coResources.unitId, memberUnitIds)))
        .orderBy(desc(coProjects.id))
    : [];
  const names = await unitNames(db, [
    ...memberUnitIds,
    ...ms.map((m) => m.unitId),
    ...cs.map((c) => c.unitId),
    ...agreements.map((a) => a.unitId),
    ...meetings.flatMap((m) => m.attendingUnitIds),
  ]);
  const communities = projects.length
    ? await db
        .select({ id: territories.id, name: territories.name })
        .from(territories)
        .where(inArray(territories.id, [...new Set(projects.map((p) => p.communityId))]))
    : [];
  const ref = (unitId: number) => ({ id: unitId, name: names.get(unitId) ?? '' });
  return {
    ...summary!,
    units: us.map((u) => ({
      unit: ref(u.unitId),
      joinedOn: u.joinedOn,
      leftOn: u.leftOn,
      current: unitCurrent(u, on),
    })),
    members: ms.map((m) => ({
      id: m.id,
      unit: ref(m.unitId),
      name: m.name,
      unitPost: m.unitPost,
      committeePost: m.committeePost,
      termFrom: m.termFrom,
      termTo: m.termTo,
      current: memberCurrent(m, on),
    })),
    chairs: cs.map((c) => ({
      id: c.id,
      unit: ref(c.unitId),
      termFrom: c.termFrom,
      termTo: c.termTo,
      current: chairCurrent(c, on),
    })),
    meetings: meetings.map((m) => ({
      id: m.id,
      heldOn: m.heldOn,
      title: m.title,
      minutes: m.minutes,
      attendingUnits: m.attendingUnitIds.map(ref),
    })),
    agreements: agreements.map((a) => ({
      id: a.id,
      title: a.title,
      unit: ref(a.unitId),
      year: a.year,
      status: a.status,
      score: a.score,
    })),
    projects: projects.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      community: { id: p.communityId, name: communities.find((c) => c.id === p.communityId)?.name ?? '' },
      unit: ref(p.unitId!),
    })),
  };
}

/** Units the caller may add: located in the alliance's area (community or street) and in the caller's scope. */
async function unitsInArea(ctx: Ctx, db: DbOrTx, areaPath: string, ids: number[], field: string) {
  if (!ids.length) return;
  const found = await db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, ids), inSubtree(units.scopePath, areaPath), inScope(ctx.actor, units.scopePath)));
  if (found.length !== new Set(ids).size) throw fieldError(ctx, field, 'coBuilding.allianceUnitOutside');
}

export async function createAlliance(ctx: Ctx, input: CreateAlliance): Promise<AllianceDetail> {
  const node = await placeInScope(ctx.db, ctx.actor, input.territoryId);
  if (node.level !== 'community' && node.level !== 'street')
    throw fieldError(ctx, 'territoryId', 'coBuilding.allianceLevel');
  const unitIds = [...new Set(input.unitIds)];
  await unitsInArea(ctx, ctx.db, node.path, unitIds, 'unitIds');
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(coAlliances)
      .values({
        territoryId: node.id,
        scopePath: node.path,
        name: input.name,
        description: input.description ?? null,
        foundedOn: input.foundedOn,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('coBuilding.allianceExists');
    if (unitIds.length)
      await tx
        .insert(coAllianceUnits)
        .values(unitIds.map((unitId) => ({ allianceId: row.id, unitId, joinedOn: input.foundedOn })));
    await audit(tx, ctx, {
      action: 'coAlliance.create',
      objectType: 'coAlliance',
      objectId: row.id,
      scopePath: row.scopePath,
      after: { ...row, unitIds },
    });
    return row.id;
  });
  return getAlliance(ctx, id);
}

async function write(
  ctx: Ctx,
  id: number,
  action: string,
  body: (tx: DbOrTx, row: Row) => Promise<{ before?: unknown; after: unknown }>,
): Promise<AllianceDetail> {
  await ctx.db.transaction(async (tx) => {
    const row = await rowOf(ctx, tx, id, true);
    const change = await body(tx, row);
    await audit(tx, ctx, {
      action: `coAlliance.${action}`,
      objectType: 'coAlliance',
      objectId: id,
      scopePath: row.scopePath,
      before: change.before,
      after: change.after,
    });
  });
  return getAlliance(ctx, id);
}

function notBeforeFounded(ctx: Ctx, row: Row, day: string, field: string) {
  if (day < row.foundedOn) throw fieldError(ctx, field, 'coBuilding.beforeFounded', { day: row.foundedOn });
}

async function currentUnit(ctx: Ctx, tx: DbOrTx, allianceId: number, unitId: number, on: string, field = 'unitId') {
  const [u] = await tx
    .select()
    .from(coAllianceUnits)
    .where(and(eq(coAllianceUnits.allianceId, allianceId), eq(coAllianceUnits.unitId, unitId)));
  if (!u || u.leftOn !== null || u.joinedOn > on) throw fieldError(ctx, field, 'coBuilding.allianceNotMember');
  return u;
}

/** A unit joins (or, having left, joins again: the row's dates move, the audit log keeps the earlier ones). */
export async function addAllianceUnit(ctx: Ctx, id: number, input: AddAllianceUnit): Promise<AllianceDetail> {
  return write(ctx, id, 'addUnit', async (tx, row) => {
    notBeforeFounded(ctx, row, input.joinedOn, 'joinedOn');
    await unitsInArea(ctx, tx, row.scopePath, [input.unitId], 'unitId');
    const [u] = await tx
      .select()
      .from(coAllianceUnits)
      .where(and(eq(coAllianceUnits.allianceId, id), eq(coAllianceUnits.unitId, input.unitId)));
    if (u && u.leftOn === null) throw conflict('coBuilding.allianceUnitMember');
    if (u)
      await tx
        .update(coAllianceUnits)
        .set({ joinedOn: input.joinedOn, leftOn: null, updatedAt: ctx.clock.now() })
        .where(eq(coAllianceUnits.id, u.id));
    else await tx.insert(coAllianceUnits).values({ allianceId: id, unitId: input.unitId, joinedOn: input.joinedOn });
    return { before: u ? { joinedOn: u.joinedOn, leftOn: u.leftOn } : undefined, after: input };
  });
}

/** A unit leaves; not while one of its people serves on the committee or it holds a chair term reaching past. */
export async function leaveAlliance(
  ctx: Ctx,
  id: number,
  unitId: number,
  input: LeaveAlliance,
): Promise<AllianceDetail> {
  return write(ctx, id, 'leaveUnit', async (tx, row) => {
    const u = await currentUnit(ctx, tx, id, unitId, input.leftOn);
    if (input.leftOn < u.joinedOn) throw fieldError(ctx, 'leftOn', 'coBuilding.termOrder');
    notBeforeFounded(ctx, row, input.leftOn, 'leftOn');
    const [busyMember] = await tx
      .select({ id: coAllianceMembers.id })
      .from(coAllianceMembers)
      .where(
        and(
          eq(coAllianceMembers.allianceId, id),
          eq(coAllianceMembers.unitId, unitId),
          or(isNull(coAllianceMembers.termTo), gte(coAllianceMembers.termTo, input.leftOn)),
        ),
      )
      .limit(1);
    const [busyChair] = await tx
      .select({ id: coAllianceChairs.id })
      .from(coAllianceChairs)
      .where(
        and(
          eq(coAllianceChairs.allianceId, id),
          eq(coAllianceChairs.unitId, unitId),
          gte(coAllianceChairs.termTo, input.leftOn),
        ),
      )
      .limit(1);
    if (busyMember || busyChair) throw conflict('coBuilding.allianceUnitBusy');
    await tx
      .update(coAllianceUnits)
      .set({ leftOn: input.leftOn, updatedAt: ctx.clock.now() })
      .where(eq(coAllianceUnits.id, u.id));
    return { before: { unitId, leftOn: null }, after: { unitId, leftOn: input.leftOn } };
  });
}

/** A part-time committee member 兼职委员 from a current member unit. */
export async function addAllianceMember(ctx: Ctx, id: number, input: AddAllianceMember): Promise<AllianceDetail> {
  return write(ctx, id, 'addMember', async (tx, row) => {
    notBeforeFounded(ctx, row, input.termFrom, 'termFrom');
    if (input.termTo && input.termTo < input.termFrom) throw fieldError(ctx, 'termTo', 'coBuilding.termOrder');
    await currentUnit(ctx, tx, id, input.unitId, input.termFrom);
    const [m] = await tx
      .insert(coAllianceMembers)
      .values({
        allianceId: id,
        unitId: input.unitId,
        name: input.name,
        unitPost: input.unitPost ?? null,
        committeePost: input.committeePost,
        termFrom: input.termFrom,
        termTo: input.termTo ?? null,
      })
      .returning();
    return { after: m };
  });
}

/** A member's term ends on `termTo` (the row stays: history of who served when). */
export async function endAllianceMember(
  ctx: Ctx,
  id: number,
  memberId: number,
  input: EndAllianceMember,
): Promise<AllianceDetail> {
  return write(ctx, id, 'endMember', async (tx) => {
    const [m] = await tx
      .select()
      .from(coAllianceMembers)
      .where(and(eq(coAllianceMembers.id, memberId), eq(coAllianceMembers.allianceId, id)))
      .for('update');
    if (!m) throw notFound();
    if (m.termTo !== null && m.termTo < chinaDay(ctx.clock.now())) throw conflict('coBuilding.memberEnded');
    if (input.termTo < m.termFrom) throw fieldError(ctx, 'termTo', 'coBuilding.termOrder');
    await tx
      .update(coAllianceMembers)
      .set({ termTo: input.termTo, updatedAt: ctx.clock.now() })
      .where(eq(coAllianceMembers.id, memberId));
    return { before: { memberId, termTo: m.termTo }, after: { memberId, termTo: input.termTo } };
  });
}

/** A rotating chair 轮值主席 term for a member unit; terms never overlap (checked under the alliance's row lock). */
export async function addAllianceChair(ctx: Ctx, id: number, input: AddAllianceChair): Promise<AllianceDetail> {
  return write(ctx, id, 'addChair', async (tx, row) => {
    notBeforeFounded(ctx, row, input.termFrom, 'termFrom');
    if (input.termTo < input.termFrom) throw fieldError(ctx, 'termTo', 'coBuilding.termOrder');
    await currentUnit(ctx, tx, id, input.unitId, input.termFrom);
    const [clash] = await tx
      .select()
      .from(coAllianceChairs)
      .where(
        and(
          eq(coAllianceChairs.allianceId, id),
          lte(coAllianceChairs.termFrom, input.termTo),
          gte(coAllianceChairs.termTo, input.termFrom),
        ),
      )
      .limit(1);
    if (clash) {
      const names = await unitNames(tx, [clash.unitId]);
      throw conflict('coBuilding.chairOverlap', {
        unit: names.get(clash.unitId) ?? '',
        from: clash.termFrom,
        to: clash.termTo,
      });
    }
    const [c] = await tx
      .insert(coAllianceChairs)
      .values({ allianceId: id, unitId: input.unitId, termFrom: input.termFrom, termTo: input.termTo })
      .returning();
    return { after: c };
  });
}

/** A joint meeting 联席会议 held (not in the future), with the attending member units and the minutes. */
export async function addAllianceMeeting(ctx: Ctx, id: number, input: AddAllianceMeeting): Promise<AllianceDetail> {
  return write(ctx, id, 'addMeeting', async (tx, row) => {
    notBeforeFounded(ctx, row, input.heldOn, 'heldOn');
    if (input.heldOn > chinaDay(ctx.clock.now())) throw fieldError(ctx, 'heldOn', 'coBuilding.futureDay');
    const attending = [...new Set(input.attendingUnitIds)];
    if (attending.length) {
      const us = await tx
        .select()
        .from(coAllianceUnits)
        .where(and(eq(coAllianceUnits.allianceId, id), inArray(coAllianceUnits.unitId, attending)));
      if (us.length !== attending.length || us.some((u) => !unitCurrent(u, input.heldOn)))
        throw fieldError(ctx, 'attendingUnitIds', 'coBuilding.allianceNotMember');
    }
    const [m] = await tx
      .insert(coAllianceMeetings)
      .values({
        allianceId: id,
        heldOn: input.heldOn,
        title: input.title,
        minutes: input.minutes,
        attendingUnitIds: attending,
      })
      .returning();
    return { after: m };
  });
}

/**
 * For an agreement made in an alliance: the alliance is in the caller's scope, the community lies in its area and
 * the unit is a current member. Throws a field error otherwise.
 */
export async function allianceForAgreement(ctx: Ctx, allianceId: number, communityPath: string, unitId: number) {
  const [row] = await ctx.db
    .select()
    .from(coAlliances)
    .where(and(eq(coAlliances.id, allianceId), inScope(ctx.actor, coAlliances.scopePath)));
  if (!row) throw fieldError(ctx, 'allianceId', 'coBuilding.allianceNotFound');
  if (!communityPath.startsWith(row.scopePath))
    throw fieldError(ctx, 'allianceId', 'coBuilding.allianceCommunityOutside');
  await currentUnit(ctx, ctx.db, allianceId, unitId, chinaDay(ctx.clock.now()));
}

/** Figures under a node path: alliances founded by `to`, part-time members serving on `to`, agreements signed. */
export async function allianceFigureValues(db: DbOrTx, path: string, from: string, to: string) {
  const under = inSubtree(coAlliances.scopePath, path);
  const [[a], [m], [s]] = await Promise.all([
    db
      .select({ n: count() })
      .from(coAlliances)
      .where(and(under, lte(coAlliances.foundedOn, to))),
    db
      .select({ n: count() })
      .from(coAllianceMembers)
      .innerJoin(coAlliances, eq(coAlliances.id, coAllianceMembers.allianceId))
      .where(
        and(
          under,
          lte(coAlliances.foundedOn, to),
          lte(coAllianceMembers.termFrom, to),
          or(isNull(coAllianceMembers.termTo), gte(coAllianceMembers.termTo, to)),
        ),
      ),
    db
      .select({ n: count() })
      .from(coAgreements)
      .where(
        and(inSubtree(coAgreements.scopePath, path), gte(coAgreements.signedOn, from), lte(coAgreements.signedOn, to)),
      ),
  ]);
  return { alliances: a?.n ?? 0, partTimeMembers: m?.n ?? 0, agreementsSigned: s?.n ?? 0 };
}
