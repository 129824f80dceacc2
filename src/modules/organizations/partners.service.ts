import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { orgFigures } from './figures.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, placeFilter, placeInScope } from '../../kernel/scope/scope.js';
import type {
  CreateOwnersCommittee,
  CreateResidentsGroup,
  CreateUnit,
  FourParty,
  OwnersCommittee,
  PartnerListQuery,
  ResidentsGroup,
  Unit,
  UnitExportQuery,
  UnitListQuery,
  UpdateOwnersCommittee,
  UpdateResidentsGroup,
  UpdateUnit,
} from './contract.js';
import { rowsOf } from '../../kernel/db/rows.js';
import { flaggedBuildings } from './flags.service.js';
import { listPartyOrgs } from './party-org.service.js';
import { compoundProperties, ownersCommittees, partyOrgs, residentsGroups, units } from './schema.js';
import { contactPhone, escapeLike, invalid, placeOfLevel } from './shared.js';
import { z } from 'zod';

// ---------------------------------------------------------------- units 驻区单位

const orgOfUnit = (col: 'id' | 'name' | 'kind') =>
  sql.raw(`(select o.${col} from party_orgs o where o.unit_id = "units"."id" order by o.id limit 1)`);

function selectUnits(db: DbOrTx) {
  return db
    .select({
      id: units.id,
      kind: units.kind,
      name: units.name,
      creditCode: units.creditCode,
      contactName: units.contactName,
      contactPhone: units.contactPhone,
      address: units.address,
      isNewOrganization: units.isNewOrganization,
      territory: { id: territories.id, name: territories.name, level: territories.level },
      orgId: sql<number | null>`${orgOfUnit('id')}`,
      orgName: sql<string | null>`${orgOfUnit('name')}`,
      orgKind: sql<string | null>`${orgOfUnit('kind')}`,
      compoundCount:
        sql<number>`(select count(*)::int from compound_properties cp where cp.unit_id = "units"."id")`.mapWith(Number),
      scopePath: units.scopePath,
      createdAt: units.createdAt,
      updatedAt: units.updatedAt,
    })
    .from(units)
    .innerJoin(territories, eq(territories.id, units.territoryId));
}
type UnitRow = Awaited<ReturnType<ReturnType<typeof selectUnits>['execute']>>[number];

const PartyOrgKindZ = z.enum(['workingCommittee', 'committee', 'generalBranch', 'branch', 'group']);

function shapeUnit(ctx: Ctx, r: UnitRow): Unit {
  const { orgId, orgName, orgKind, scopePath: _p, ...rest } = r;
  const partyOrg =
    orgId !== null && orgName !== null && orgKind !== null
      ? { id: Number(orgId), name: orgName, kind: PartyOrgKindZ.parse(orgKind) }
      : null;
  return {
    ...rest,
    contactPhone: contactPhone(ctx, r.contactPhone),
    partyOrg,
    isRedProperty: r.kind === 'propertyCompany' && partyOrg !== null,
  };
}

const hasOrg = sql`exists (select 1 from party_orgs o where o.unit_id = ${units.id})`;

/** The units list's filters: the actor's subtree by kind, red property, place and name (list and export). */
async function unitWhere(ctx: Ctx, q: UnitExportQuery) {
  const where: SQL[] = [inScope(ctx.actor, units.scopePath)];
  if (q.kind) where.push(eq(units.kind, q.kind));
  if (q.red === 'true') where.push(eq(units.kind, 'propertyCompany'), hasOrg);
  if (q.red === 'false') where.push(eq(units.kind, 'propertyCompany'), sql`not ${hasOrg}`);
  where.push(...(await placeFilter(ctx.db, ctx.actor, units.scopePath, q.territoryId)));
  if (q.q) where.push(ilike(units.name, `%${escapeLike(q.q)}%`));
  return and(...where);
}
const unitOrder = [asc(units.kind), asc(units.name), asc(units.id)];

/** Units of the actor's subtree by kind, red property (a property company with a party organisation), place and name. */
export async function listUnits(ctx: Ctx, q: UnitListQuery) {
  const cond = await unitWhere(ctx, q);
  const [rows, [total]] = await Promise.all([
    selectUnits(ctx.db)
      .where(cond)
      .orderBy(...unitOrder)
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(units).where(cond),
  ]);
  return { items: rows.map((r) => shapeUnit(ctx, r)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export const UNITS_EXPORT_MAX_ROWS = 20_000;

/** The filtered units for the ledger export: the list's scope rule, filters, order and masking, without paging. */
export async function exportUnits(ctx: Ctx, q: UnitExportQuery): Promise<Unit[]> {
  const rows = await selectUnits(ctx.db)
    .where(await unitWhere(ctx, q))
    .orderBy(...unitOrder)
    .limit(UNITS_EXPORT_MAX_ROWS);
  return rows.map((r) => shapeUnit(ctx, r));
}

async function loadUnit(ctx: Ctx, db: DbOrTx, id: number): Promise<UnitRow> {
  const [row] = await selectUnits(db).where(and(eq(units.id, id), inScope(ctx.actor, units.scopePath)));
  if (!row) throw notFound();
  return row;
}

/** One unit of the subtree (contact phone masked without unit.revealContact); 404 outside. */
export async function getUnit(ctx: Ctx, id: number): Promise<Unit> {
  return shapeUnit(ctx, await loadUnit(ctx, ctx.db, id));
}

/**
 * Where a unit can be registered: a district department 区直部门 (区政府办, seed 002) sits at the district, other
 * units at a street, community, compound or building. The list's scope rule is the same for all: a community
 * account does not see a district unit.
 */
export const UNIT_LEVELS = ['district', 'street', 'community', 'compound', 'building'] as const;

/** Registers a unit at a district, street, community, compound or building of the actor's subtree. */
export async function createUnit(ctx: Ctx, input: CreateUnit): Promise<Unit> {
  return ctx.db.transaction(async (tx) => insertUnit(ctx, tx, input));
}

/**
 * The create logic shared by the API and the ledger import, inside the caller's transaction: the place must be
 * of a unit level in the actor's subtree (404 outside), one `unit.create` audit row (`auditExtra` is added to its
 * `after`, e.g. the spreadsheet row).
 */
export async function insertUnit(
  ctx: Ctx,
  tx: DbOrTx,
  input: CreateUnit,
  auditExtra: Record<string, unknown> = {},
): Promise<Unit> {
  const place = await placeOfLevel(ctx, tx, input.territoryId, UNIT_LEVELS, 'territoryId');
  const [created] = await tx
    .insert(units)
    .values({
      kind: input.kind,
      name: input.name,
      territoryId: place.id,
      scopePath: place.path,
      creditCode: input.creditCode ?? null,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      address: input.address ?? null,
      isNewOrganization:
        input.isNewOrganization ?? (input.kind === 'privateFirm' || input.kind === 'socialOrganization'),
    })
    .returning({ id: units.id });
  const row = await loadUnit(ctx, tx, created!.id);
  await audit(tx, ctx, {
    action: 'unit.create',
    objectType: 'unit',
    objectId: row.id,
    scopePath: place.path,
    after: { ...row, ...auditExtra },
  });
  return shapeUnit(ctx, row);
}

/** Edits a unit; a company serving compounds must stay a property company. */
export async function updateUnit(ctx: Ctx, id: number, patch: UpdateUnit): Promise<Unit> {
  return ctx.db.transaction(async (tx) => {
    const before = await loadUnit(ctx, tx, id);
    if (patch.kind && patch.kind !== 'propertyCompany' && before.compoundCount > 0) {
      throw invalid('kind', t(ctx.locale, 'unit.servesCompounds', { count: before.compoundCount }));
    }
    await tx
      .update(units)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(eq(units.id, id));
    const after = await loadUnit(ctx, tx, id);
    await audit(tx, ctx, {
      action: 'unit.update',
      objectType: 'unit',
      objectId: id,
      scopePath: after.scopePath,
      before,
      after,
    });
    return shapeUnit(ctx, after);
  });
}

/** Deletes a unit that has no party organisation and serves no compound. */
export async function deleteUnit(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await loadUnit(ctx, tx, id);
    if (before.orgId !== null) throw conflict('unit.hasPartyOrg');
    if (before.compoundCount > 0) throw conflict('unit.servesCompoundsConflict', { count: before.compoundCount });
    await tx.delete(units).where(eq(units.id, id));
    await audit(tx, ctx, {
      action: 'unit.delete',
      objectType: 'unit',
      objectId: id,
      scopePath: before.scopePath,
      before,
    });
  });
}

// ---------------------------------------------------------------- owners' committees 业委会

function selectOwners(db: DbOrTx) {
  return db
    .select({
      id: ownersCommittees.id,
      compound: { id: territories.id, name: territories.name, level: territories.level },
      name: ownersCommittees.name,
      chairName: ownersCommittees.chairName,
      chairPhone: ownersCommittees.chairPhone,
      termStart: ownersCommittees.termStart,
      termEnd: ownersCommittees.termEnd,
      membersCount: ownersCommittees.membersCount,
      scopePath: ownersCommittees.scopePath,
      createdAt: ownersCommittees.createdAt,
      updatedAt: ownersCommittees.updatedAt,
    })
    .from(ownersCommittees)
    .innerJoin(territories, eq(territories.id, ownersCommittees.compoundId));
}
type OwnersRow = Awaited<ReturnType<ReturnType<typeof selectOwners>['execute']>>[number];
const shapeOwners = (ctx: Ctx, { scopePath: _p, ...r }: OwnersRow): OwnersCommittee => ({
  ...r,
  chairPhone: contactPhone(ctx, r.chairPhone),
});

/** Owners' committees of the subtree, by place and name (compound or committee). */
export async function listOwnersCommittees(ctx: Ctx, q: PartnerListQuery) {
  const where: SQL[] = [inScope(ctx.actor, ownersCommittees.scopePath)];
  where.push(...(await placeFilter(ctx.db, ctx.actor, ownersCommittees.scopePath, q.territoryId)));
  if (q.q)
    where.push(
      or(ilike(ownersCommittees.name, `%${escapeLike(q.q)}%`), ilike(territories.name, `%${escapeLike(q.q)}%`))!,
    );
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    selectOwners(ctx.db).where(cond).orderBy(asc(ownersCommittees.scopePath)).limit(q.pageSize).offset(offsetOf(q)),
    ctx.db
      .select({ n: count() })
      .from(ownersCommittees)
      .innerJoin(territories, eq(territories.id, ownersCommittees.compoundId))
      .where(cond),
  ]);
  return { items: rows.map((r) => shapeOwners(ctx, r)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadOwners(ctx: Ctx, db: DbOrTx, id: number) {
  const [row] = await selectOwners(db).where(
    and(eq(ownersCommittees.id, id), inScope(ctx.actor, ownersCommittees.scopePath)),
  );
  if (!row) throw notFound();
  return row;
}

function termErrors(ctx: Ctx, start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) throw invalid('termEnd', t(ctx.locale, 'ownersCommittee.termOrder'));
}

/** Records the owners' committee of a compound (one per compound). */
export async function createOwnersCommittee(ctx: Ctx, input: CreateOwnersCommittee): Promise<OwnersCommittee> {
  return ctx.db.transaction(async (tx) => {
    const compound = await placeOfLevel(ctx, tx, input.compoundId, ['compound'], 'compoundId');
    termErrors(ctx, input.termStart, input.termEnd);
    const [exists] = await tx
      .select({ id: ownersCommittees.id })
      .from(ownersCommittees)
      .where(eq(ownersCommittees.compoundId, compound.id));
    if (exists) throw conflict('ownersCommittee.exists');
    const [created] = await tx
      .insert(ownersCommittees)
      .values({
        compoundId: compound.id,
        scopePath: compound.path,
        name: input.name,
        chairName: input.chairName ?? null,
        chairPhone: input.chairPhone ?? null,
        termStart: input.termStart ?? null,
        termEnd: input.termEnd ?? null,
        membersCount: input.membersCount ?? 0,
      })
      .returning({ id: ownersCommittees.id });
    const row = await loadOwners(ctx, tx, created!.id);
    await audit(tx, ctx, {
      action: 'ownersCommittee.create',
      objectType: 'ownersCommittee',
      objectId: row.id,
      scopePath: row.scopePath,
      after: row,
    });
    return shapeOwners(ctx, row);
  });
}

/** Edits an owners' committee; its term may not end before it starts. */
export async function updateOwnersCommittee(
  ctx: Ctx,
  id: number,
  patch: UpdateOwnersCommittee,
): Promise<OwnersCommittee> {
  return ctx.db.transaction(async (tx) => {
    const before = await loadOwners(ctx, tx, id);
    termErrors(
      ctx,
      patch.termStart === undefined ? before.termStart : patch.termStart,
      patch.termEnd === undefined ? before.termEnd : patch.termEnd,
    );
    await tx
      .update(ownersCommittees)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(eq(ownersCommittees.id, id));
    const after = await loadOwners(ctx, tx, id);
    await audit(tx, ctx, {
      action: 'ownersCommittee.update',
      objectType: 'ownersCommittee',
      objectId: id,
      scopePath: after.scopePath,
      before,
      after,
    });
    return shapeOwners(ctx, after);
  });
}

/** Deletes an owners' committee. */
export async function deleteOwnersCommittee(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await loadOwners(ctx, tx, id);
    await tx.delete(ownersCommittees).where(eq(ownersCommittees.id, id));
    await audit(tx, ctx, {
      action: 'ownersCommittee.delete',
      objectType: 'ownersCommittee',
      objectId: id,
      scopePath: before.scopePath,
      before,
    });
  });
}

// ---------------------------------------------------------------- residents' groups 居民小组

function selectGroups(db: DbOrTx) {
  return db
    .select({
      id: residentsGroups.id,
      territory: { id: territories.id, name: territories.name, level: territories.level },
      name: residentsGroups.name,
      leaderName: residentsGroups.leaderName,
      leaderPhone: residentsGroups.leaderPhone,
      scopePath: residentsGroups.scopePath,
      createdAt: residentsGroups.createdAt,
      updatedAt: residentsGroups.updatedAt,
    })
    .from(residentsGroups)
    .innerJoin(territories, eq(territories.id, residentsGroups.territoryId));
}
type GroupRow = Awaited<ReturnType<ReturnType<typeof selectGroups>['execute']>>[number];
const shapeGroup = (ctx: Ctx, { scopePath: _p, ...r }: GroupRow): ResidentsGroup => ({
  ...r,
  leaderPhone: contactPhone(ctx, r.leaderPhone),
});

/** Residents' groups of the subtree, by place and name. */
export async function listResidentsGroups(ctx: Ctx, q: PartnerListQuery) {
  const where: SQL[] = [inScope(ctx.actor, residentsGroups.scopePath)];
  where.push(...(await placeFilter(ctx.db, ctx.actor, residentsGroups.scopePath, q.territoryId)));
  if (q.q) where.push(ilike(residentsGroups.name, `%${escapeLike(q.q)}%`));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    selectGroups(ctx.db)
      .where(cond)
      .orderBy(asc(residentsGroups.scopePath), asc(residentsGroups.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(residentsGroups).where(cond),
  ]);
  return { items: rows.map((r) => shapeGroup(ctx, r)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadGroup(ctx: Ctx, db: DbOrTx, id: number) {
  const [row] = await selectGroups(db).where(
    and(eq(residentsGroups.id, id), inScope(ctx.actor, residentsGroups.scopePath)),
  );
  if (!row) throw notFound();
  return row;
}

/** Records a residents' group of a community or compound. */
export async function createResidentsGroup(ctx: Ctx, input: CreateResidentsGroup): Promise<ResidentsGroup> {
  return ctx.db.transaction(async (tx) => {
    const place = await placeOfLevel(ctx, tx, input.territoryId, ['community', 'compound'], 'territoryId');
    const [created] = await tx
      .insert(residentsGroups)
      .values({
        territoryId: place.id,
        scopePath: place.path,
        name: input.name,
        leaderName: input.leaderName ?? null,
        leaderPhone: input.leaderPhone ?? null,
      })
      .returning({ id: residentsGroups.id });
    const row = await loadGroup(ctx, tx, created!.id);
    await audit(tx, ctx, {
      action: 'residentsGroup.create',
      objectType: 'residentsGroup',
      objectId: row.id,
      scopePath: row.scopePath,
      after: row,
    });
    return shapeGroup(ctx, row);
  });
}

/** Edits a residents' group. */
export async function updateResidentsGroup(ctx: Ctx, id: number, patch: UpdateResidentsGroup): Promise<ResidentsGroup> {
  return ctx.db.transaction(async (tx) => {
    const before = await loadGroup(ctx, tx, id);
    await tx
      .update(residentsGroups)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(eq(residentsGroups.id, id));
    const after = await loadGroup(ctx, tx, id);
    await audit(tx, ctx, {
      action: 'residentsGroup.update',
      objectType: 'residentsGroup',
      objectId: id,
      scopePath: after.scopePath,
      before,
      after,
    });
    return shapeGroup(ctx, after);
  });
}

/** Deletes a residents' group. */
export async function deleteResidentsGroup(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await loadGroup(ctx, tx, id);
    await tx.delete(residentsGroups).where(eq(residentsGroups.id, id));
    await audit(tx, ctx, {
      action: 'residentsGroup.delete',
      objectType: 'residentsGroup',
      objectId: id,
      scopePath: before.scopePath,
      before,
    });
  });
}

// ---------------------------------------------------------------- compound ↔ property company, four-party set

/** Names the property company serving a compound (replacing any previous one); it must be a property company. */
export async function setCompoundProperty(ctx: Ctx, compoundId: number, unitId: number): Promise<FourParty> {
  await ctx.db.transaction(async (tx) => {
    const compound = await placeOfLevel(ctx, tx, compoundId, ['compound'], 'compoundId');
    const [unit] = await tx
      .select({ id: units.id, kind: units.kind })
      .from(units)
      .where(and(eq(units.id, unitId), inScope(ctx.actor, units.scopePath)));
    if (!unit || unit.kind !== 'propertyCompany') throw invalid('unitId', t(ctx.locale, 'compound.notPropertyCompany'));
    const [before] = await tx.select().from(compoundProperties).where(eq(compoundProperties.compoundId, compound.id));
    if (before) {
      await tx
        .update(compoundProperties)
        .set({ unitId, updatedAt: ctx.clock.now() })
        .where(eq(compoundProperties.id, before.id));
    } else {
      await tx.insert(compoundProperties).values({ compoundId: compound.id, unitId, scopePath: compound.path });
    }
    await audit(tx, ctx, {
      action: 'compound.setProperty',
      objectType: 'compound',
      objectId: compound.id,
      scopePath: compound.path,
      before: before ? { unitId: before.unitId } : null,
      after: { unitId },
    });
  });
  return fourParty(ctx, compoundId);
}

/** Records that a compound has no property company any more (无物业小区). */
export async function clearCompoundProperty(ctx: Ctx, compoundId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const compound = await placeOfLevel(ctx, tx, compoundId, ['compound'], 'compoundId');
    const [before] = await tx
      .delete(compoundProperties)
      .where(eq(compoundProperties.compoundId, compound.id))
      .returning();
    if (!before) throw notFound();
    await audit(tx, ctx, {
      action: 'compound.clearProperty',
      objectType: 'compound',
      objectId: compound.id,
      scopePath: compound.path,
      before: { unitId: before.unitId },
    });
  });
}

async function compoundInScope(ctx: Ctx, id: number) {
  const place = await placeInScope(ctx.db, ctx.actor, id);
  if (place.level !== 'compound' || place.parentId === null) throw notFound();
  return place;
}

const orgRef = { id: partyOrgs.id, name: partyOrgs.name, kind: partyOrgs.kind, secretaryName: partyOrgs.secretaryName };

/**
 * The four parties of a compound 四方联动 (seed 000): the community's committee or general branch, the
 * compound's own branch, its owners' committee and its property company (red when the company has a party
 * organisation). Missing parties are listed in `missing`.
 */
export async function fourParty(ctx: Ctx, compoundId: number): Promise<FourParty> {
  const compound = await compoundInScope(ctx, compoundId);
  const communityId = compound.parentId!;
  const [[community], committees, branches, owners, property] = await Promise.all([
    ctx.db
      .select({ id: territories.id, name: territories.name })
      .from(territories)
      .where(eq(territories.id, communityId)),
    ctx.db
      .select(orgRef)
      .from(partyOrgs)
      .where(
        and(
          eq(partyOrgs.territoryId, communityId),
          inArray(partyOrgs.kind, ['committee', 'generalBranch']),
          sql`${partyOrgs.unitId} is null`,
        ),
      )
      .orderBy(asc(partyOrgs.kind), asc(partyOrgs.id))
      .limit(1),
    ctx.db
      .select(orgRef)
      .from(partyOrgs)
      .where(
        and(eq(partyOrgs.territoryId, compound.id), eq(partyOrgs.kind, 'branch'), sql`${partyOrgs.unitId} is null`),
      )
      .orderBy(asc(partyOrgs.id))
      .limit(1),
    selectOwners(ctx.db).where(eq(ownersCommittees.compoundId, compound.id)),
    ctx.db
      .select({ id: units.id, name: units.name, contactName: units.contactName, contactPhone: units.contactPhone })
      .from(compoundProperties)
      .innerJoin(units, eq(units.id, compoundProperties.unitId))
      .where(eq(compoundProperties.compoundId, compound.id)),
  ]);
  const company = property[0];
  const [companyOrg] = company
    ? await ctx.db
        .select(orgRef)
        .from(partyOrgs)
        .where(eq(partyOrgs.unitId, company.id))
        .orderBy(asc(partyOrgs.id))
        .limit(1)
    : [];
  const result: FourParty = {
    compound: { id: compound.id, name: compound.name, level: compound.level },
    community: community ?? { id: communityId, name: '' },
    communityCommittee: committees[0] ?? null,
    compoundBranch: branches[0] ?? null,
    ownersCommittee: owners[0] ? shapeOwners(ctx, owners[0]) : null,
    propertyCompany: company
      ? {
          id: company.id,
          name: company.name,
          isRed: companyOrg !== undefined,
          partyOrg: companyOrg ?? null,
          contactName: company.contactName,
          contactPhone: contactPhone(ctx, company.contactPhone),
        }
      : null,
    missing: [],
  };
  if (!result.communityCommittee) result.missing.push('communityCommittee');
  if (!result.compoundBranch) result.missing.push('compoundBranch');
  if (!result.ownersCommittee) result.missing.push('ownersCommittee');
  if (!result.propertyCompany) result.missing.push('propertyCompany');
  return result;
}

const BuildingRow = z.object({
  id: z.coerce.number().int(),
  name: z.string(),
  lead_name: z.string().nullable(),
  group_id: z.coerce.number().int().nullable(),
  group_name: z.string().nullable(),
  member_count: z.coerce.number().int(),
});

/** A compound's page: its four parties, its buildings (lead, party group, members, flag), groups and party organisations. */
export async function compoundOverview(ctx: Ctx, compoundId: number) {
  const four = await fourParty(ctx, compoundId);
  const compound = await compoundInScope(ctx, compoundId);
  const [buildingRes, flagged, groups, orgs] = await Promise.all([
    ctx.db.execute(sql`
      select b.id, b.name,
             ${orgFigures.buildingLead(sql.raw('b.id'))} as lead_name,
             g.id as group_id, g.name as group_name,
             ${orgFigures.membersUnder(sql.raw('b.path'))} as member_count
        from territories b
        left join lateral (select o.id, o.name from party_orgs o where o.territory_id = b.id and o.kind = 'group' order by o.id limit 1) g on true
       where b.parent_id = ${compound.id} and b.level = 'building'
       order by b.sort_order, b.id`),
    flaggedBuildings(ctx, compound.path),
    selectGroups(ctx.db)
      .where(and(eq(residentsGroups.territoryId, compound.id), inScope(ctx.actor, residentsGroups.scopePath)))
      .orderBy(desc(residentsGroups.id)),
    listPartyOrgs(ctx, { territoryId: compound.id, page: 1, pageSize: 200 }),
  ]);
  const buildings = z
    .array(BuildingRow)
    .parse(rowsOf(buildingRes))
    .map((b) => ({
      id: b.id,
      name: b.name,
      leadName: b.lead_name,
      partyGroup: b.group_id !== null && b.group_name !== null ? { id: b.group_id, name: b.group_name } : null,
      memberCount: b.member_count,
      flagged: flagged.has(b.id),
    }));
  return { fourParty: four, buildings, residentsGroups: groups.map((g) => shapeGroup(ctx, g)), partyOrgs: orgs.items };
}
