import { and, asc, count, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories, type TerritoryLevel } from '../../kernel/db/schema.js';
import { conflict, notFound, type FieldError } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, inSubtree, pathIds, type Place, placeInScope } from '../../kernel/scope/scope.js';
import { orgFigures } from './figures.js';
import type { CreatePartyOrg, PartyOrg, PartyOrgKind, PartyOrgListQuery, UpdatePartyOrg } from './contract.js';
import { partyOrgs, units } from './schema.js';
import { escapeLike, invalidFields } from './shared.js';

/**
 * Where each kind of party organisation may sit (seeds 001 and 004): 党工委 at a street; 党委/党总支 at a
 * community; 党支部 at a community or compound; 党小组 at a building, or under a branch. A unit's own
 * organisation (unitId set) sits where the unit is served.
 */
const LEVELS: Record<PartyOrgKind, readonly TerritoryLevel[]> = {
  workingCommittee: ['street'],
  committee: ['community'],
  generalBranch: ['community'],
  branch: ['community', 'compound'],
  group: ['building', 'compound', 'community'],
};
const UNIT_LEVELS: Record<PartyOrgKind, readonly TerritoryLevel[]> = {
  workingCommittee: ['street'],
  committee: ['street', 'community'],
  generalBranch: ['street', 'community', 'compound'],
  branch: ['street', 'community', 'compound', 'building'],
  group: ['building', 'compound', 'community'],
};
/** Kinds an organisation of each kind may report to. */
const PARENT_KINDS: Record<PartyOrgKind, readonly PartyOrgKind[]> = {
  workingCommittee: [],
  committee: ['workingCommittee'],
  generalBranch: ['workingCommittee', 'committee'],
  branch: ['workingCommittee', 'committee', 'generalBranch'],
  group: ['committee', 'generalBranch', 'branch'],
};

export const kindLabel = (ctx: Pick<Ctx, 'locale'>, k: PartyOrgKind) => t(ctx.locale, `partyOrg.kind.${k}`);
const list = (ctx: Ctx, xs: readonly string[]) => xs.join(ctx.locale === 'zh-CN' ? '、' : ', ');

const parentOrg = alias(partyOrgs, 'parent_org');

/** The columns of a PartyOrg reply; the query joins territories and units. */
function selectOrgs(db: DbOrTx) {
  return db
    .select({
      id: partyOrgs.id,
      parentId: partyOrgs.parentId,
      kind: partyOrgs.kind,
      name: partyOrgs.name,
      secretaryName: partyOrgs.secretaryName,
      foundedOn: partyOrgs.foundedOn,
      territory: { id: territories.id, name: territories.name, level: territories.level },
      unitId: units.id,
      unitName: units.name,
      unitKind: units.kind,
      memberCount: orgFigures.membersOfOrg(partyOrgs.id).mapWith(Number),
      childCount: sql<number>`(select count(*)::int from ${partyOrgs} c where c.parent_id = ${partyOrgs.id})`.mapWith(
        Number,
      ),
      createdAt: partyOrgs.createdAt,
      updatedAt: partyOrgs.updatedAt,
      scopePath: partyOrgs.scopePath,
    })
    .from(partyOrgs)
    .innerJoin(territories, eq(territories.id, partyOrgs.territoryId))
    .leftJoin(units, eq(units.id, partyOrgs.unitId));
}
type OrgRow = Awaited<ReturnType<ReturnType<typeof selectOrgs>['execute']>>[number];

function shape(r: OrgRow): PartyOrg {
  const { unitId, unitName, unitKind, scopePath: _p, ...rest } = r;
  return {
    ...rest,
    unit:
      unitId !== null && unitName !== null && unitKind !== null ? { id: unitId, name: unitName, kind: unitKind } : null,
  };
}

/** Party organisations of the actor's subtree, filtered by kind, place (and below) and name. */
export async function listPartyOrgs(ctx: Ctx, q: PartyOrgListQuery) {
  const where: SQL[] = [inScope(ctx.actor, partyOrgs.scopePath)];
  if (q.kind) where.push(eq(partyOrgs.kind, q.kind));
  if (q.territoryId) {
    const place = await placeInScope(ctx.db, ctx.actor, q.territoryId);
    where.push(inSubtree(partyOrgs.scopePath, place.path));
  }
  if (q.q) where.push(ilike(partyOrgs.name, `%${escapeLike(q.q)}%`));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    selectOrgs(ctx.db)
      .where(cond)
      .orderBy(asc(territories.depth), asc(partyOrgs.scopePath), asc(partyOrgs.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(partyOrgs).where(cond),
  ]);
  return { items: rows.map(shape), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

const TREE_LIMIT = 3000;

/** Every organisation of the subtree (or below one node of it), for the tree page; flat, parents first. */
export async function partyOrgTree(ctx: Ctx, territoryId?: number) {
  const where: SQL[] = [inScope(ctx.actor, partyOrgs.scopePath)];
  if (territoryId) {
    const place = await placeInScope(ctx.db, ctx.actor, territoryId);
    where.push(inSubtree(partyOrgs.scopePath, place.path));
  }
  const rows = await selectOrgs(ctx.db)
    .where(and(...where))
    .orderBy(asc(territories.depth), asc(territories.sortOrder), asc(partyOrgs.id))
    .limit(TREE_LIMIT + 1);
  return { items: rows.slice(0, TREE_LIMIT).map(shape), truncated: rows.length > TREE_LIMIT };
}

async function loadOrg(ctx: Ctx, db: DbOrTx, id: number): Promise<OrgRow> {
  const [row] = await selectOrgs(db).where(and(eq(partyOrgs.id, id), inScope(ctx.actor, partyOrgs.scopePath)));
  if (!row) throw notFound();
  return row;
}

/** One organisation with its parent, children and the places above it; 404 outside the subtree. */
export async function getPartyOrg(ctx: Ctx, id: number) {
  const row = await loadOrg(ctx, ctx.db, id);
  const [parent] = row.parentId
    ? await ctx.db
        .select({ id: parentOrg.id, name: parentOrg.name, kind: parentOrg.kind })
        .from(parentOrg)
        .where(eq(parentOrg.id, row.parentId))
    : [];
  const children = await selectOrgs(ctx.db)
    .where(and(eq(partyOrgs.parentId, id), inScope(ctx.actor, partyOrgs.scopePath)))
    .orderBy(asc(territories.sortOrder), asc(partyOrgs.id));
  const ids = pathIds(row.scopePath).slice(0, -1);
  const ancestors = ids.length
    ? await ctx.db
        .select({ id: territories.id, name: territories.name, level: territories.level })
        .from(territories)
        .where(inArray(territories.id, ids))
    : [];
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  return {
    ...shape(row),
    parent: parent ?? null,
    children: children.map(shape),
    territoryAncestors: ids.flatMap((i) => byId.get(i) ?? []),
  };
}

interface Shape {
  kind: PartyOrgKind;
  place: Place;
  parentId: number | null;
  unitId: number | null;
  /** The organisation being changed (its own id is not a valid parent). */
  selfId?: number;
}

/**
 * The structure rules of a party organisation, as field errors: the level of its place, the kind and place of
 * its parent (an organisation whose place is the same as or above its own), its unit, and (on a change of kind)
 * whether its children may still report to it.
 */
async function structureErrors(ctx: Ctx, db: DbOrTx, s: Shape): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const levels = (s.unitId ? UNIT_LEVELS : LEVELS)[s.kind];
  if (!levels.includes(s.place.level)) {
    errors.push({
      field: 'territoryId',
      message: t(ctx.locale, 'org.levelOnly', {
        kind: kindLabel(ctx, s.kind),
        levels: list(
          ctx,
          levels.map((l) => t(ctx.locale, `level.${l}`)),
        ),
      }),
    });
  }
  if (s.unitId !== null) {
    if (s.kind === 'workingCommittee')
      errors.push({ field: 'unitId', message: t(ctx.locale, 'org.unitNotForKind', { kind: kindLabel(ctx, s.kind) }) });
    const [unit] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, s.unitId), inScope(ctx.actor, units.scopePath)));
    if (!unit) errors.push({ field: 'unitId', message: t(ctx.locale, 'org.unitNotFound') });
  }
  const allowedParents = PARENT_KINDS[s.kind];
  if (s.parentId === null) {
    if (s.kind === 'group' && s.place.level !== 'building')
      errors.push({ field: 'parentId', message: t(ctx.locale, 'org.groupUnderBranch') });
  } else if (allowedParents.length === 0) {
    errors.push({ field: 'parentId', message: t(ctx.locale, 'org.noParent', { kind: kindLabel(ctx, s.kind) }) });
  } else {
    // The parent may lie above the actor's own node (a community's committee reports to the street's working
    // committee), so it is looked up by the rule itself: its place must be the child's place or above it.
    const [parent] = await db
      .select({ id: partyOrgs.id, kind: partyOrgs.kind, scopePath: partyOrgs.scopePath })
      .from(partyOrgs)
      .where(eq(partyOrgs.id, s.parentId));
    if (!parent || parent.id === s.selfId || !s.place.path.startsWith(parent.scopePath)) {
      errors.push({ field: 'parentId', message: t(ctx.locale, 'org.parentNotAbove') });
    } else if (!allowedParents.includes(parent.kind)) {
      errors.push({
        field: 'parentId',
        message: t(ctx.locale, 'org.parentKindOnly', {
          kind: kindLabel(ctx, s.kind),
          kinds: list(
            ctx,
            allowedParents.map((k) => kindLabel(ctx, k)),
          ),
        }),
      });
    } else if (s.kind === 'group' && s.place.level !== 'building' && parent.kind !== 'branch') {
      errors.push({ field: 'parentId', message: t(ctx.locale, 'org.groupUnderBranch') });
    }
  }
  if (s.selfId !== undefined) {
    const kids = await db
      .select({ name: partyOrgs.name, kind: partyOrgs.kind, level: territories.level })
      .from(partyOrgs)
      .innerJoin(territories, eq(territories.id, partyOrgs.territoryId))
      .where(eq(partyOrgs.parentId, s.selfId));
    const bad = kids.find(
      (k) =>
        !PARENT_KINDS[k.kind].includes(s.kind) || (k.kind === 'group' && k.level !== 'building' && s.kind !== 'branch'),
    );
    if (bad)
      errors.push({
        field: 'kind',
        message: t(ctx.locale, 'org.childrenBlock', { name: bad.name, kind: kindLabel(ctx, s.kind) }),
      });
  }
  return errors;
}

/** Adds a party organisation at a node of the actor's subtree, checked against the structure rules. */
export async function createPartyOrg(ctx: Ctx, input: CreatePartyOrg): Promise<PartyOrg> {
  return ctx.db.transaction(async (tx) => {
    const place = await placeInScope(tx, ctx.actor, input.territoryId);
    const errors = await structureErrors(ctx, tx, {
      kind: input.kind,
      place,
      parentId: input.parentId ?? null,
      unitId: input.unitId ?? null,
    });
    if (errors.length) throw invalidFields(errors);
    const [created] = await tx
      .insert(partyOrgs)
      .values({
        kind: input.kind,
        name: input.name,
        territoryId: place.id,
        scopePath: place.path,
        parentId: input.parentId ?? null,
        unitId: input.unitId ?? null,
        secretaryName: input.secretaryName ?? null,
        foundedOn: input.foundedOn ?? null,
      })
      .returning({ id: partyOrgs.id });
    const row = shape(await loadOrg(ctx, tx, created!.id));
    await audit(tx, ctx, {
      action: 'partyOrg.create',
      objectType: 'partyOrg',
      objectId: row.id,
      scopePath: place.path,
      after: row,
    });
    return row;
  });
}

/** Renames, re-parents or changes the kind of an organisation (e.g. upgrades a branch, seed 004), re-checking the rules. */
export async function updatePartyOrg(ctx: Ctx, id: number, patch: UpdatePartyOrg): Promise<PartyOrg> {
  return ctx.db.transaction(async (tx) => {
    const before = await loadOrg(ctx, tx, id);
    const [own] = await tx
      .select({ territoryId: partyOrgs.territoryId })
      .from(partyOrgs)
      .where(eq(partyOrgs.id, id))
      .for('update');
    const place = await placeInScope(tx, ctx.actor, own!.territoryId);
    const next = {
      kind: patch.kind ?? before.kind,
      parentId: patch.parentId === undefined ? before.parentId : patch.parentId,
      unitId: patch.unitId === undefined ? before.unitId : patch.unitId,
    };
    const errors = await structureErrors(ctx, tx, { ...next, place, selfId: id });
    if (errors.length) throw invalidFields(errors);
    await tx
      .update(partyOrgs)
      .set({
        kind: next.kind,
        parentId: next.parentId,
        unitId: next.unitId,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.secretaryName !== undefined ? { secretaryName: patch.secretaryName } : {}),
        ...(patch.foundedOn !== undefined ? { foundedOn: patch.foundedOn } : {}),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(partyOrgs.id, id));
    const after = shape(await loadOrg(ctx, tx, id));
    await audit(tx, ctx, {
      action: 'partyOrg.update',
      objectType: 'partyOrg',
      objectId: id,
      scopePath: place.path,
      before: shape(before),
      after,
    });
    return after;
  });
}

/** Deletes an organisation that has no child organisations and no members. */
export async function deletePartyOrg(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await loadOrg(ctx, tx, id);
    if (before.childCount > 0) throw conflict('org.hasChildren', { count: before.childCount });
    if (before.memberCount > 0) throw conflict('org.hasMembers', { count: before.memberCount });
    await tx.delete(partyOrgs).where(eq(partyOrgs.id, id));
    await audit(tx, ctx, {
      action: 'partyOrg.delete',
      objectType: 'partyOrg',
      objectId: id,
      scopePath: before.scopePath,
      before: shape(before),
    });
  });
}
