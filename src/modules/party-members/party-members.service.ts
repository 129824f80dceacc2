import { and, asc, count, desc, eq, exists, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, conflict, forbidden, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, pathIds, pathInScope, inSubtree } from '../../kernel/scope/scope.js';
import { partyOrgs } from '../organizations/index.js';
import { residents } from '../people/index.js';
import {
  HOME_BRANCH_KINDS,
  type CreateMember,
  type EvaluationInput,
  type EvaluationRow,
  type MemberListQuery,
  type PartyMember,
  type Registration,
  type RequestRegistration,
  type UpdateMember,
} from './contract.js';
import { dualEvaluations, dualRegistrations, partyMembers } from './schema.js';
import { memberPoints } from './points-source.js';
import { escapeLike } from '../../kernel/db/search.js';

const fieldError = (ctx: Ctx, field: string, key: string) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key) }]);

// The outer row's id, written out in full: drizzle leaves single-table columns unqualified, which the
// subquery over dual_registrations would capture as its own id.
const memberIdRef = sql`"party_members"."id"`;

/**
 * Who sees a member (the scope rule of this module): the home branch's subtree (partyMembers.scopePath), and,
 * with `registered`, the staff of a community the member's dual registration was confirmed with (by the
 * registration's community path). The community sees that member, never the rest of the home branch.
 */
export function memberVisible(ctx: Ctx, registered: boolean): SQL {
  const home = inScope(ctx.actor, partyMembers.scopePath);
  if (!registered) return home;
  return or(
    home,
    exists(
      ctx.db
        .select({ one: sql`1` })
        .from(dualRegistrations)
        .where(
          and(
            eq(dualRegistrations.memberId, memberIdRef),
            eq(dualRegistrations.status, 'confirmed'),
            inScope(ctx.actor, dualRegistrations.communityPath),
          ),
        ),
    ),
  )!;
}

// A function, not a constant: the points' SQL is handed in by the volunteering module's setup, after this loads.
const memberColumns = () => ({
  id: partyMembers.id,
  name: partyMembers.name,
  kind: partyMembers.kind,
  territoryId: partyMembers.territoryId,
  scopePath: partyMembers.scopePath,
  residentId: partyMembers.residentId,
  accountId: partyMembers.accountId,
  joinedOn: partyMembers.joinedOn,
  posts: partyMembers.posts,
  // Points come only from the ledger (issue 10 item 10): the sum of the member's posted entries.
  points: memberPoints.total(memberIdRef, sql`"party_members"."account_id"`),
  createdAt: partyMembers.createdAt,
  updatedAt: partyMembers.updatedAt,
  homeBranchId: partyOrgs.id,
  homeBranchName: partyOrgs.name,
  homeBranchKind: partyOrgs.kind,
});
type MemberRow = Awaited<ReturnType<typeof memberQuery>>[number];
const memberQuery = (db: DbOrTx, where: SQL | undefined) =>
  db
    .select(memberColumns())
    .from(partyMembers)
    .innerJoin(partyOrgs, eq(partyOrgs.id, partyMembers.homeBranchId))
    .where(where);

async function toDtos(ctx: Ctx, rows: MemberRow[]): Promise<PartyMember[]> {
  const ids = rows.map((r) => r.id);
  const regs = ids.length
    ? await ctx.db
        .select({ memberId: dualRegistrations.memberId, id: territories.id, name: territories.name })
        .from(dualRegistrations)
        .innerJoin(territories, eq(territories.id, dualRegistrations.communityId))
        .where(and(inArray(dualRegistrations.memberId, ids), eq(dualRegistrations.status, 'confirmed')))
        .orderBy(asc(dualRegistrations.id))
    : [];
  return rows.map((r) => {
    const mine = regs.filter((g) => g.memberId === r.id).map((g) => ({ id: g.id, name: g.name }));
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      homeBranch: { id: r.homeBranchId, name: r.homeBranchName, kind: r.homeBranchKind },
      territoryId: r.territoryId,
      residentId: r.residentId,
      hasAccount: r.accountId !== null,
      joinedOn: r.joinedOn,
      posts: r.posts as PartyMember['posts'],
      points: r.points,
      registeredCommunityIds: mine.map((m) => m.id),
      registeredCommunities: mine,
      viaRegistration: !pathInScope(ctx.actor, r.scopePath),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  });
}

async function memberWhere(ctx: Ctx, q: Omit<MemberListQuery, 'page' | 'pageSize'>): Promise<SQL | undefined> {
  const registered = q.includeRegistered === true;
  const where: SQL[] = [memberVisible(ctx, registered)];
  if (q.q) where.push(ilike(partyMembers.name, `%${escapeLike(q.q)}%`));
  if (q.kind) where.push(eq(partyMembers.kind, q.kind));
  if (q.homeBranchId) where.push(eq(partyMembers.homeBranchId, q.homeBranchId));
  if (q.post) where.push(sql`${q.post} = any(${partyMembers.posts})`);
  if (q.dualRegistered !== undefined) {
    const confirmed = exists(
      ctx.db
        .select({ one: sql`1` })
        .from(dualRegistrations)
        .where(and(eq(dualRegistrations.memberId, memberIdRef), eq(dualRegistrations.status, 'confirmed'))),
    );
    where.push(q.dualRegistered ? confirmed : sql`not ${confirmed}`);
  }
  if (q.communityId) {
    const [c] = await ctx.db
      .select({ path: territories.path })
      .from(territories)
      .where(eq(territories.id, q.communityId));
    const path = c?.path ?? '/none/';
    const held = inSubtree(partyMembers.scopePath, path);
    where.push(
      registered
        ? or(
            held,
            exists(
              ctx.db
                .select({ one: sql`1` })
                .from(dualRegistrations)
                .where(
                  and(
                    eq(dualRegistrations.memberId, memberIdRef),
                    eq(dualRegistrations.status, 'confirmed'),
                    eq(dualRegistrations.communityId, q.communityId),
                  ),
                ),
            ),
          )!
        : held,
    );
  }
  return and(...where);
}

const heldFirst = (ctx: Ctx) => desc(inScope(ctx.actor, partyMembers.scopePath));

/** Lists members the actor sees (home subtree; plus confirmed registrations with includeRegistered). */
export async function listMembers(ctx: Ctx, q: MemberListQuery) {
  const cond = await memberWhere(ctx, q);
  const [rows, [total]] = await Promise.all([
    // Members the actor holds first, then those seen through a registration.
    memberQuery(ctx.db, cond)
      .orderBy(heldFirst(ctx), asc(partyMembers.scopePath), asc(partyMembers.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(partyMembers).where(cond),
  ]);
  return { items: await toDtos(ctx, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function exportMembers(ctx: Ctx, q: Omit<MemberListQuery, 'page' | 'pageSize'>) {
  const cond = await memberWhere(ctx, q);
  return toDtos(
    ctx,
    await memberQuery(ctx.db, cond)
      .orderBy(heldFirst(ctx), asc(partyMembers.scopePath), asc(partyMembers.id))
      .limit(20_000),
  );
}

async function loadVisible(ctx: Ctx, id: number, registered = true): Promise<MemberRow> {
  const [row] = await memberQuery(ctx.db, and(eq(partyMembers.id, id), memberVisible(ctx, registered)));
  if (!row) throw notFound();
  return row;
}

/** One member the actor sees (home subtree or a confirmed registration with their community); 404 otherwise. */
export async function getMember(ctx: Ctx, id: number): Promise<PartyMember> {
  return (await toDtos(ctx, [await loadVisible(ctx, id)]))[0]!;
}

/** The member's points ledger (which order, wish or activity, how many, by which rule, when) and its sum. */
export async function getMemberPoints(ctx: Ctx, id: number) {
  const m = await loadVisible(ctx, id);
  const entries = await memberPoints.ledger(ctx.db, { id: m.id, accountId: m.accountId }, 500);
  return { memberId: m.id, points: m.points, entries };
}

/** A home branch: a branch, general branch or committee in the actor's subtree. */
async function requireHomeBranch(ctx: Ctx, id: number) {
  const [org] = await ctx.db
    .select({
      id: partyOrgs.id,
      kind: partyOrgs.kind,
      territoryId: partyOrgs.territoryId,
      scopePath: partyOrgs.scopePath,
    })
    .from(partyOrgs)
    .where(and(eq(partyOrgs.id, id), inScope(ctx.actor, partyOrgs.scopePath)));
  if (!org) throw notFound(); // outside the subtree it does not exist
  if (!(HOME_BRANCH_KINDS as readonly string[]).includes(org.kind))
    throw fieldError(ctx, 'homeBranchId', 'partyMember.homeBranchInvalid');
  return org;
}

async function requireResident(ctx: Ctx, id: number | null | undefined) {
  if (!id) return;
  const [r] = await ctx.db
    .select({ id: residents.id })
    .from(residents)
    .where(and(eq(residents.id, id), inScope(ctx.actor, residents.scopePath)));
  if (!r) throw fieldError(ctx, 'residentId', 'partyMember.residentNotFound');
}

/** Adds a member to a home branch of the actor's subtree. */
export async function createMember(ctx: Ctx, input: CreateMember): Promise<PartyMember> {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const org = await requireHomeBranch(c, input.homeBranchId);
    await requireResident(c, input.residentId);
    const [created] = await tx
      .insert(partyMembers)
      .values({
        name: input.name,
        kind: input.kind,
        homeBranchId: org.id,
        territoryId: org.territoryId,
        scopePath: org.scopePath,
        residentId: input.residentId ?? null,
        joinedOn: input.joinedOn ?? null,
        posts: input.posts ?? [],
      })
      .returning({ id: partyMembers.id });
    const after = await getMember(c, created!.id);
    await audit(tx, ctx, {
      action: 'partyMember.create',
      objectType: 'partyMember',
      objectId: after.id,
      scopePath: org.scopePath,
      after,
    });
    return after;
  });
}

/** Edits a member held in the actor's subtree (a community that only hosts the member's registration cannot). */
export async function updateMember(ctx: Ctx, id: number, patch: UpdateMember): Promise<PartyMember> {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    await loadVisible(c, id, false);
    const before = await getMember(c, id);
    const org = patch.homeBranchId !== undefined ? await requireHomeBranch(c, patch.homeBranchId) : undefined;
    if (patch.residentId) await requireResident(c, patch.residentId);
    await tx
      .update(partyMembers)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(org ? { homeBranchId: org.id, territoryId: org.territoryId, scopePath: org.scopePath } : {}),
        ...(patch.residentId !== undefined ? { residentId: patch.residentId ?? null } : {}),
        ...(patch.joinedOn !== undefined ? { joinedOn: patch.joinedOn ?? null } : {}),
        ...(patch.posts !== undefined ? { posts: patch.posts } : {}),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(partyMembers.id, id));
    const after = await getMember(c, id);
    const [row] = await tx
      .select({ scopePath: partyMembers.scopePath })
      .from(partyMembers)
      .where(eq(partyMembers.id, id));
    await audit(tx, ctx, {
      action: 'partyMember.update',
      objectType: 'partyMember',
      objectId: id,
      scopePath: row!.scopePath,
      before,
      after,
    });
    return after;
  });
}

/** Deletes a member held in the actor's subtree (their registrations and evaluations go with them). */
export async function deleteMember(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const row = await loadVisible(c, id, false);
    const before = await getMember(c, id);
    await tx.delete(partyMembers).where(eq(partyMembers.id, id));
    await audit(tx, ctx, {
      action: 'partyMember.delete',
      objectType: 'partyMember',
      objectId: id,
      scopePath: row.scopePath,
      before,
    });
  });
}

/** Home branches the actor may put members in (for pickers). */
export async function listHomeBranches(ctx: Ctx, q: { q?: string | undefined }) {
  const where: SQL[] = [inScope(ctx.actor, partyOrgs.scopePath), inArray(partyOrgs.kind, [...HOME_BRANCH_KINDS])];
  if (q.q) where.push(ilike(partyOrgs.name, `%${escapeLike(q.q)}%`));
  const rows = await ctx.db
    .select({ id: partyOrgs.id, name: partyOrgs.name, kind: partyOrgs.kind, place: territories.name })
    .from(partyOrgs)
    .innerJoin(territories, eq(territories.id, partyOrgs.territoryId))
    .where(and(...where))
    .orderBy(asc(partyOrgs.scopePath), asc(partyOrgs.id))
    .limit(100);
  return { items: rows };
}

// ---- dual registration 双报到

async function placeNames(db: DbOrTx, paths: string[]) {
  const ids = [...new Set(paths.flatMap(pathIds))];
  const rows = ids.length
    ? await db
        .select({ id: territories.id, name: territories.name, level: territories.level })
        .from(territories)
        .where(inArray(territories.id, ids))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (p: string) =>
    pathIds(p)
      .flatMap((i) => byId.get(i) ?? [])
      .filter((n) => ['city', 'district', 'street', 'community'].includes(n.level))
      .map((n) => n.name)
      .join(' ');
}

/** Communities anyone registering may choose from (names are public; any subtree: that is the point). */
export async function listCommunities(ctx: Ctx, q: { q?: string | undefined }) {
  const where: SQL[] = [eq(territories.level, 'community')];
  if (q.q) where.push(ilike(territories.name, `%${escapeLike(q.q)}%`));
  const rows = await ctx.db
    .select({ id: territories.id, name: territories.name, path: territories.path })
    .from(territories)
    .where(and(...where))
    .orderBy(asc(territories.path))
    .limit(50);
  const address = await placeNames(
    ctx.db,
    rows.map((r) => r.path),
  );
  return { items: rows.map((r) => ({ id: r.id, name: r.name, address: address(r.path) })) };
}

// Written out in full: drizzle leaves single-table columns unqualified, which a subquery would capture.
const homeBranchNameSql = sql<string>`(select o.name from party_orgs o where o.id = "party_members"."home_branch_id")`;
const unitBranchNameSql = sql<
  string | null
>`(select o.name from party_orgs o where o.id = "dual_registrations"."unit_branch_id")`;
const decidedByNameSql = sql<
  string | null
>`(select a.display_name from accounts a where a.id = "dual_registrations"."decided_by")`;

async function registrationRows(ctx: Ctx, where: SQL | undefined, page?: { limit: number; offset: number }) {
  const base = ctx.db
    .select({
      id: dualRegistrations.id,
      status: dualRegistrations.status,
      requestedAt: dualRegistrations.requestedAt,
      decidedAt: dualRegistrations.decidedAt,
      note: dualRegistrations.note,
      decisionNote: dualRegistrations.decisionNote,
      communityPath: dualRegistrations.communityPath,
      memberId: partyMembers.id,
      memberName: partyMembers.name,
      memberKind: partyMembers.kind,
      homeBranchName: homeBranchNameSql,
      communityId: territories.id,
      communityName: territories.name,
      unitBranchId: dualRegistrations.unitBranchId,
      unitBranchName: unitBranchNameSql,
      decidedByName: decidedByNameSql,
    })
    .from(dualRegistrations)
    .innerJoin(partyMembers, eq(partyMembers.id, dualRegistrations.memberId))
    .innerJoin(territories, eq(territories.id, dualRegistrations.communityId))
    .where(where)
    .orderBy(desc(dualRegistrations.requestedAt), desc(dualRegistrations.id))
    .$dynamic();
  if (page) base.limit(page.limit).offset(page.offset);
  const rows = await base;
  const address = await placeNames(
    ctx.db,
    rows.map((r) => r.communityPath),
  );
  return rows.map((r): Registration => ({
    id: r.id,
    member: { id: r.memberId, name: r.memberName, kind: r.memberKind, homeBranchName: r.homeBranchName },
    community: { id: r.communityId, name: r.communityName, address: address(r.communityPath) },
    unitBranch:
      r.unitBranchId !== null && r.unitBranchName !== null ? { id: r.unitBranchId, name: r.unitBranchName } : null,
    status: r.status,
    requestedAt: r.requestedAt,
    decidedAt: r.decidedAt,
    decidedByName: r.decidedByName,
    note: r.note,
    decisionNote: r.decisionNote,
  }));
}

/** Registrations the actor sees: those with a community of their subtree, and those of members they hold. */
function registrationVisible(ctx: Ctx): SQL {
  return or(inScope(ctx.actor, dualRegistrations.communityPath), inScope(ctx.actor, partyMembers.scopePath))!;
}

export async function listRegistrations(
  ctx: Ctx,
  q: {
    status?: string | undefined;
    communityId?: number | undefined;
    memberId?: number | undefined;
    page: number;
    pageSize: number;
  },
) {
  const where: SQL[] = [registrationVisible(ctx)];
  if (q.status) where.push(eq(dualRegistrations.status, q.status as Registration['status']));
  if (q.communityId) where.push(eq(dualRegistrations.communityId, q.communityId));
  if (q.memberId) where.push(eq(dualRegistrations.memberId, q.memberId));
  const cond = and(...where);
  const [items, [total]] = await Promise.all([
    registrationRows(ctx, cond, { limit: q.pageSize, offset: offsetOf(q) }),
    ctx.db
      .select({ n: count() })
      .from(dualRegistrations)
      .innerJoin(partyMembers, eq(partyMembers.id, dualRegistrations.memberId))
      .where(cond),
  ]);
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function oneRegistration(ctx: Ctx, id: number) {
  const [r] = await registrationRows(ctx, eq(dualRegistrations.id, id));
  if (!r) throw notFound();
  return r;
}

/**
 * An in-service member registers with the residential community where they live (seeds 001, 004); the
 * community may lie outside the home branch's subtree. The unit branch defaults to the home branch when that
 * is a unit's branch. One live (pending or confirmed) registration per community.
 */
async function register(ctx: Ctx, memberId: number, input: RequestRegistration): Promise<Registration> {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const [m] = await tx
      .select({
        id: partyMembers.id,
        kind: partyMembers.kind,
        homeBranchId: partyMembers.homeBranchId,
        unitId: partyOrgs.unitId,
      })
      .from(partyMembers)
      .innerJoin(partyOrgs, eq(partyOrgs.id, partyMembers.homeBranchId))
      .where(eq(partyMembers.id, memberId));
    if (!m) throw notFound();
    if (m.kind !== 'inService') throw conflict('partyMember.notInService');
    const [community] = await tx
      .select({ id: territories.id, path: territories.path, level: territories.level })
      .from(territories)
      .where(eq(territories.id, input.communityId));
    if (community?.level !== 'community') throw fieldError(ctx, 'communityId', 'partyMember.notCommunity');
    let unitBranchId = input.unitBranchId ?? (m.unitId !== null ? m.homeBranchId : null);
    if (input.unitBranchId) {
      const [ub] = await tx.select({ id: partyOrgs.id }).from(partyOrgs).where(eq(partyOrgs.id, input.unitBranchId));
      if (!ub) throw fieldError(ctx, 'unitBranchId', 'partyMember.unitBranchNotFound');
      unitBranchId = ub.id;
    }
    const [live] = await tx
      .select({ id: dualRegistrations.id })
      .from(dualRegistrations)
      .where(
        and(
          eq(dualRegistrations.memberId, memberId),
          eq(dualRegistrations.communityId, community.id),
          inArray(dualRegistrations.status, ['pending', 'confirmed']),
        ),
      );
    if (live) throw conflict('partyMember.alreadyRegistered');
    const [created] = await tx
      .insert(dualRegistrations)
      .values({
        memberId,
        communityId: community.id,
        communityPath: community.path,
        unitBranchId,
        status: 'pending',
        requestedAt: ctx.clock.now(),
        requestedBy: ctx.actor.accountId || null,
        note: input.note ?? null,
      })
      .returning({ id: dualRegistrations.id });
    const after = await oneRegistration(c, created!.id);
    // Scoped to the community: its staff, who decide, see the request in their audit log.
    await audit(tx, ctx, {
      action: 'dualRegistration.request',
      objectType: 'dualRegistration',
      objectId: after.id,
      scopePath: community.path,
      after,
    });
    return after;
  });
}

/** Staff register a member they hold, on the member's behalf. */
export async function registerOnBehalf(ctx: Ctx, memberId: number, input: RequestRegistration) {
  await loadVisible(ctx, memberId, false);
  return register(ctx, memberId, input);
}

async function myMemberId(ctx: Ctx): Promise<number> {
  const [m] = await ctx.db
    .select({ id: partyMembers.id })
    .from(partyMembers)
    .where(eq(partyMembers.accountId, ctx.actor.accountId));
  if (!m) throw notFound();
  return m.id;
}

/** The signed-in member registers themself. */
export async function registerSelf(ctx: Ctx, input: { communityId: number; note?: string | null | undefined }) {
  return register(ctx, await myMemberId(ctx), { communityId: input.communityId, note: input.note ?? null });
}

/** The community's staff confirm or reject a pending registration with a community of their subtree. */
export async function decideRegistration(
  ctx: Ctx,
  id: number,
  status: 'confirmed' | 'rejected',
  note: string | null | undefined,
) {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const [reg] = await tx
      .select({
        id: dualRegistrations.id,
        status: dualRegistrations.status,
        communityPath: dualRegistrations.communityPath,
      })
      .from(dualRegistrations)
      .where(and(eq(dualRegistrations.id, id), inScope(ctx.actor, dualRegistrations.communityPath)))
      .for('update');
    if (!reg) throw notFound();
    if (reg.status !== 'pending') throw conflict('partyMember.notPending');
    const before = await oneRegistration(c, id);
    await tx
      .update(dualRegistrations)
      .set({ status, decidedAt: ctx.clock.now(), decidedBy: ctx.actor.accountId || null, decisionNote: note || null })
      .where(eq(dualRegistrations.id, id));
    const after = await oneRegistration(c, id);
    await audit(tx, ctx, {
      action: status === 'confirmed' ? 'dualRegistration.confirm' : 'dualRegistration.reject',
      objectType: 'dualRegistration',
      objectId: id,
      scopePath: reg.communityPath,
      before,
      after,
    });
    return after;
  });
}

/** Withdraws a pending or confirmed registration: by the member themself, or by staff holding the member. */
export async function withdrawRegistration(ctx: Ctx, id: number, self: boolean) {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const [reg] = await tx
      .select({
        id: dualRegistrations.id,
        status: dualRegistrations.status,
        communityPath: dualRegistrations.communityPath,
        accountId: partyMembers.accountId,
        scopePath: partyMembers.scopePath,
      })
      .from(dualRegistrations)
      .innerJoin(partyMembers, eq(partyMembers.id, dualRegistrations.memberId))
      .where(eq(dualRegistrations.id, id))
      .for('update', { of: dualRegistrations });
    const allowed = reg && (self ? reg.accountId === ctx.actor.accountId : pathInScope(ctx.actor, reg.scopePath));
    if (!reg || !allowed) throw notFound();
    if (reg.status !== 'pending' && reg.status !== 'confirmed') throw conflict('partyMember.notLive');
    const before = await oneRegistration(c, id);
    await tx
      .update(dualRegistrations)
      .set({ status: 'withdrawn', decidedAt: ctx.clock.now(), decidedBy: ctx.actor.accountId || null })
      .where(eq(dualRegistrations.id, id));
    const after = await oneRegistration(c, id);
    await audit(tx, ctx, {
      action: 'dualRegistration.withdraw',
      objectType: 'dualRegistration',
      objectId: id,
      scopePath: reg.communityPath,
      before,
      after,
    });
    return after;
  });
}

// ---- dual evaluation 双评议

/**
 * Records (or replaces) one side's evaluation of a member for a period. The community side may be recorded by
 * staff of a community the member's registration was confirmed with; the unit side by staff holding the
 * member (their home branch's subtree).
 */
export async function recordEvaluation(ctx: Ctx, memberId: number, input: EvaluationInput) {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const m = await loadVisible(c, memberId, true);
    let scopePath: string;
    if (input.side === 'unit') {
      if (!pathInScope(ctx.actor, m.scopePath)) throw forbidden('partyMember.unitSideOnly');
      scopePath = m.scopePath;
    } else {
      const [reg] = await tx
        .select({ path: dualRegistrations.communityPath })
        .from(dualRegistrations)
        .where(
          and(
            eq(dualRegistrations.memberId, memberId),
            eq(dualRegistrations.status, 'confirmed'),
            inScope(ctx.actor, dualRegistrations.communityPath),
          ),
        )
        .limit(1);
      if (!reg) throw forbidden('partyMember.communitySideOnly');
      scopePath = reg.path;
    }
    const [prev] = await tx
      .select()
      .from(dualEvaluations)
      .where(
        and(
          eq(dualEvaluations.memberId, memberId),
          eq(dualEvaluations.period, input.period),
          eq(dualEvaluations.side, input.side),
        ),
      );
    const values = {
      memberId,
      period: input.period,
      side: input.side,
      grade: input.grade,
      comment: input.comment ?? null,
      scopePath,
      evaluatorId: ctx.actor.accountId || null,
      evaluatorName: ctx.actor.displayName,
      at: ctx.clock.now(),
    };
    if (prev) await tx.update(dualEvaluations).set(values).where(eq(dualEvaluations.id, prev.id));
    else await tx.insert(dualEvaluations).values(values);
    const [row] = await evaluationRows(c, and(eq(partyMembers.id, memberId))!, input.period);
    await audit(tx, ctx, {
      action: 'dualEvaluation.record',
      objectType: 'partyMember',
      objectId: memberId,
      scopePath,
      before: prev ?? null,
      after: values,
    });
    return row!;
  });
}

async function evaluationRows(
  ctx: Ctx,
  memberWhere: SQL,
  period: string,
  page?: { limit: number; offset: number },
): Promise<EvaluationRow[]> {
  const base = memberQuery(ctx.db, memberWhere).orderBy(asc(partyMembers.scopePath), asc(partyMembers.id)).$dynamic();
  if (page) base.limit(page.limit).offset(page.offset);
  const members = await base;
  const evals = members.length
    ? await ctx.db
        .select()
        .from(dualEvaluations)
        .where(
          and(
            inArray(
              dualEvaluations.memberId,
              members.map((m) => m.id),
            ),
            eq(dualEvaluations.period, period),
          ),
        )
    : [];
  const side = (id: number, s: 'community' | 'unit') => {
    const e = evals.find((x) => x.memberId === id && x.side === s);
    return e ? { grade: e.grade, comment: e.comment, evaluatorName: e.evaluatorName, at: e.at } : null;
  };
  return members.map((m) => ({
    member: { id: m.id, name: m.name, kind: m.kind, homeBranchName: m.homeBranchName },
    period,
    community: side(m.id, 'community'),
    unit: side(m.id, 'unit'),
  }));
}

/** Both sides of the dual evaluation per in-service member the actor sees, for one period. */
export async function listEvaluations(
  ctx: Ctx,
  q: { period: string; memberId?: number | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  const where: SQL[] = [memberVisible(ctx, true), eq(partyMembers.kind, 'inService')];
  if (q.memberId) where.push(eq(partyMembers.id, q.memberId));
  if (q.q) where.push(ilike(partyMembers.name, `%${escapeLike(q.q)}%`));
  const cond = and(...where)!;
  const [items, [total]] = await Promise.all([
    evaluationRows(ctx, cond, q.period, { limit: q.pageSize, offset: offsetOf(q) }),
    ctx.db.select({ n: count() }).from(partyMembers).where(cond),
  ]);
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

// ---- self-service

/** The signed-in member's record, registrations and evaluations. */
export async function getMyMember(ctx: Ctx) {
  const id = await myMemberId(ctx);
  const self = { ...ctx, actor: { ...ctx.actor, scopePath: '/' } };
  const [row] = await memberQuery(ctx.db, eq(partyMembers.id, id));
  const member = { ...(await toDtos(self, [row!]))[0]!, viaRegistration: false };
  const registrations = await registrationRows(ctx, eq(dualRegistrations.memberId, id));
  const periods = await ctx.db
    .selectDistinct({ period: dualEvaluations.period })
    .from(dualEvaluations)
    .where(eq(dualEvaluations.memberId, id));
  const evaluations: EvaluationRow[] = [];
  for (const p of periods
    .map((x) => x.period)
    .sort()
    .reverse())
    evaluations.push(...(await evaluationRows(self, eq(partyMembers.id, id), p)));
  return { member, registrations, evaluations };
}

export async function withdrawMine(ctx: Ctx, id: number) {
  return withdrawRegistration(ctx, id, true);
}
