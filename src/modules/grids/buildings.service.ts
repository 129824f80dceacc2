/** Building leads and responsible members (seed 004: 一名党员一栋楼), and the buildings list. */
import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, requireTerritoriesInScope } from '../../kernel/scope/scope.js';
import { partyMembers } from '../party-members/index.js';
import { type BuildingListQuery } from './contract.js';
import { buildingLeads } from './schema.js';
import { checkRefs, householdLabels } from './workers.service.js';

// ---------------------------------------------------------------------------------------------------------------
// Building leads (seed 004: 一名党员一栋楼).
// ---------------------------------------------------------------------------------------------------------------

async function requireBuilding(tx: DbOrTx, ctx: Ctx, buildingId: number): Promise<string> {
  const [b] = await tx
    .select({ path: territories.path })
    .from(territories)
    .where(
      and(eq(territories.id, buildingId), eq(territories.level, 'building'), inScope(ctx.actor, territories.path)),
    );
  if (!b) throw notFound();
  return b.path;
}

type BuildingRole = 'lead' | 'responsibleMember';
const ROLE_ACTION: Record<BuildingRole, string> = { lead: 'buildingLead', responsibleMember: 'buildingResponsible' };

/** Sets (or replaces) the one holder of a building role in the caller's transaction, with its audit row. */
async function setBuildingRole(
  tx: DbOrTx,
  ctx: Ctx,
  building: { id: number; scopePath: string },
  role: BuildingRole,
  input: { name: string; partyMemberId: number | null },
) {
  const { id: buildingId, scopePath } = building;
  const roleOf = and(eq(buildingLeads.buildingId, buildingId), eq(buildingLeads.role, role));
  const [before] = await tx.select().from(buildingLeads).where(roleOf);
  const values = { name: input.name, partyMemberId: input.partyMemberId, updatedAt: ctx.clock.now() };
  const [after] = await tx
    .insert(buildingLeads)
    .values({ buildingId, scopePath, role, ...values })
    .onConflictDoUpdate({ target: [buildingLeads.buildingId, buildingLeads.role], set: values })
    .returning();
  await audit(tx, ctx, {
    action: `${ROLE_ACTION[role]}.set`,
    objectType: 'building',
    objectId: buildingId,
    scopePath,
    before: before ?? null,
    after,
  });
  return {
    id: after!.id,
    buildingId,
    name: after!.name,
    partyMemberId: after!.partyMemberId,
    updatedAt: after!.updatedAt,
  };
}

/** Sets (or replaces) the one building lead 楼栋长 of a building of the subtree. */
export async function setBuildingLead(
  ctx: Ctx,
  buildingId: number,
  input: { name: string; partyMemberId?: number | null },
) {
  return ctx.db.transaction(async (tx) => {
    const scopePath = await requireBuilding(tx, ctx, buildingId);
    await checkRefs(tx, ctx, { partyMemberId: input.partyMemberId });
    return setBuildingRole(tx, ctx, { id: buildingId, scopePath }, 'lead', {
      name: input.name,
      partyMemberId: input.partyMemberId ?? null,
    });
  });
}

/**
 * Sets (or replaces) the building's responsible party member 楼栋责任党员: a party member of the subtree, whose
 * name is taken from the member's record. It meets "一名党员一栋楼" for the building.
 */
export async function setBuildingResponsible(ctx: Ctx, buildingId: number, input: { partyMemberId: number }) {
  return ctx.db.transaction(async (tx) => {
    const scopePath = await requireBuilding(tx, ctx, buildingId);
    const [m] = await tx
      .select({ id: partyMembers.id, name: partyMembers.name })
      .from(partyMembers)
      .where(and(eq(partyMembers.id, input.partyMemberId), inScope(ctx.actor, partyMembers.scopePath)));
    if (!m)
      throw new AppError('validation', undefined, {}, [
        { field: 'partyMemberId', message: t(ctx.locale, 'grid.partyMemberNotFound') },
      ]);
    return setBuildingRole(tx, ctx, { id: buildingId, scopePath }, 'responsibleMember', {
      name: m.name,
      partyMemberId: m.id,
    });
  });
}

/** Removes the holder of a building role of the subtree (404 when it has none). */
export async function deleteBuildingLead(ctx: Ctx, buildingId: number, role: BuildingRole = 'lead'): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const scopePath = await requireBuilding(tx, ctx, buildingId);
    const [before] = await tx
      .delete(buildingLeads)
      .where(and(eq(buildingLeads.buildingId, buildingId), eq(buildingLeads.role, role)))
      .returning();
    if (!before) throw notFound();
    await audit(tx, ctx, {
      action: `${ROLE_ACTION[role]}.delete`,
      objectType: 'building',
      objectId: buildingId,
      scopePath,
      before,
    });
  });
}

/** Buildings of the subtree with their lead, or only those without one (the flag "building without lead"). */
export async function listBuildings(ctx: Ctx, q: BuildingListQuery) {
  const where: SQL[] = [eq(territories.level, 'building'), inScope(ctx.actor, territories.path)];
  if (q.communityId !== undefined) {
    const path = (await requireTerritoriesInScope(ctx.db, ctx.actor, [q.communityId])).get(q.communityId)!;
    where.push(inScope({ scopePath: path }, territories.path));
  }
  const responsible = alias(buildingLeads, 'responsible');
  if (q.withoutLead === 'true') where.push(sql`${buildingLeads.id} is null`);
  if (q.withoutLead === 'false') where.push(sql`${buildingLeads.id} is not null`);
  const leadJoin = and(eq(buildingLeads.buildingId, territories.id), eq(buildingLeads.role, 'lead'));
  const responsibleJoin = and(eq(responsible.buildingId, territories.id), eq(responsible.role, 'responsibleMember'));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: territories.id,
        path: territories.path,
        name: territories.name,
        leadName: buildingLeads.name,
        partyMemberId: buildingLeads.partyMemberId,
        responsibleName: responsible.name,
        responsibleMemberId: responsible.partyMemberId,
      })
      .from(territories)
      .leftJoin(buildingLeads, leadJoin)
      .leftJoin(responsible, responsibleJoin)
      .where(cond)
      .orderBy(asc(territories.path))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(territories).leftJoin(buildingLeads, leadJoin).where(cond),
  ]);
  const labels = await householdLabels(ctx.db, rows);
  return {
    items: rows.map((r) => ({
      buildingId: r.id,
      label: labels.get(r.id) ?? r.name,
      lead: r.leadName === null ? null : { name: r.leadName, partyMemberId: r.partyMemberId },
      responsibleMember:
        r.responsibleName === null ? null : { name: r.responsibleName, partyMemberId: r.responsibleMemberId },
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
