import { and, asc, count, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { escapeLike } from '../../kernel/db/search.js';
import { notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { inScope, inSubtree, placeInScope } from '../../kernel/scope/scope.js';
import { partyMembers } from '../party-members/index.js';
import type { TeamKind } from './constants.js';
import type { TeamListItem, TeamMember, TeamQuery } from './contract.js';
import { fieldError } from './points.service.js';
import { volActivities, volSignups, volTeamMembers, volTeams } from './schema.js';

const T = volTeams;
const M = volTeamMembers;

const listSelect = {
  id: T.id,
  kind: T.kind,
  name: T.name,
  territoryId: T.territoryId,
  territoryName: territories.name,
  duties: T.duties,
  members: sql<number>`(select count(*) from ${M} where ${M.teamId} = ${T.id})::int`,
  confirmedHours: sql<number>`coalesce((select sum(${volSignups.confirmedMinutes}) from ${volSignups} join ${volActivities} on ${volActivities.id} = ${volSignups.activityId} where ${volActivities.teamId} = ${T.id} and ${volSignups.status} = 'confirmed'), 0)::float / 60`,
};
type Row = { territoryId: number; territoryName: string } & Omit<TeamListItem, 'territory'>;
const toItem = ({ territoryId, territoryName, ...r }: Row): TeamListItem => ({
  ...r,
  confirmedHours: Math.round(Number(r.confirmedHours) * 10) / 10,
  territory: { id: territoryId, name: territoryName },
});

export async function listTeams(ctx: Ctx, q: TeamQuery) {
  const where: SQL[] = [inScope(ctx.actor, T.scopePath)];
  if (q.kind) where.push(eq(T.kind, q.kind));
  if (q.q) where.push(ilike(T.name, `%${escapeLike(q.q)}%`));
  if (q.territoryId) {
    const [n] = await ctx.db
      .select({ path: territories.path })
      .from(territories)
      .where(eq(territories.id, q.territoryId));
    if (!n) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    where.push(inSubtree(T.scopePath, n.path));
  }
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(listSelect)
      .from(T)
      .innerJoin(territories, eq(territories.id, T.territoryId))
      .where(cond)
      .orderBy(asc(T.kind), asc(T.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(T).where(cond),
  ]);
  return { items: rows.map(toItem), total: total!.n, page: q.page, pageSize: q.pageSize };
}

export async function getTeam(ctx: Ctx, id: number) {
  const [row] = await ctx.db
    .select({ ...listSelect, description: T.description })
    .from(T)
    .innerJoin(territories, eq(territories.id, T.territoryId))
    .where(and(eq(T.id, id), inScope(ctx.actor, T.scopePath)));
  if (!row) throw notFound();
  const { description, ...item } = row;
  return { ...toItem(item), description, memberList: await teamMembers(ctx.db, id) };
}

/** The members of a team with their duties (also for the emergency module, through the face). */
export async function teamMembers(db: DbOrTx, teamId: number): Promise<TeamMember[]> {
  const rows = await db
    .select({
      id: M.id,
      name: M.name,
      accountId: M.accountId,
      memberId: M.memberId,
      isLeader: M.isLeader,
      duty: M.duty,
      joinedOn: M.joinedOn,
    })
    .from(M)
    .where(eq(M.teamId, teamId))
    .orderBy(desc(M.isLeader), asc(M.id));
  return rows;
}

export async function createTeam(
  ctx: Ctx,
  input: { kind: TeamKind; name: string; territoryId: number; duties: string[]; description?: string | null },
) {
  const n = await placeInScope(ctx.db, ctx.actor, input.territoryId);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(T)
      .values({ ...input, description: input.description ?? null, scopePath: n.path, createdBy: ctx.actor.accountId })
      .returning();
    await audit(tx, ctx, {
      action: 'volunteering.teamCreate',
      objectType: 'volTeam',
      objectId: row!.id,
      scopePath: n.path,
      after: row,
    });
    return row!.id;
  });
  return getTeam(ctx, id);
}

export async function addTeamMember(
  ctx: Ctx,
  teamId: number,
  input: { accountId?: number; memberId?: number; isLeader: boolean; duty?: string | null },
) {
  const [team] = await ctx.db
    .select({ id: T.id, path: T.scopePath })
    .from(T)
    .where(and(eq(T.id, teamId), inScope(ctx.actor, T.scopePath)));
  if (!team) throw notFound();
  if (!input.accountId && !input.memberId) throw fieldError(ctx, 'accountId', 'volunteering.personRequired');
  let name: string | null = null;
  let accountId = input.accountId ?? null;
  const memberId = input.memberId ?? null;
  if (memberId) {
    const [m] = await ctx.db
      .select({ name: partyMembers.name, accountId: partyMembers.accountId })
      .from(partyMembers)
      .where(and(eq(partyMembers.id, memberId), inScope(ctx.actor, partyMembers.scopePath)));
    if (!m) throw fieldError(ctx, 'memberId', 'points.personNotFound');
    name = m.name;
    accountId ??= m.accountId;
  }
  if (input.accountId) {
    const [a] = await ctx.db
      .select({ name: accounts.displayName })
      .from(accounts)
      .innerJoin(territories, eq(territories.id, accounts.territoryId))
      .where(and(eq(accounts.id, input.accountId), inScope(ctx.actor, territories.path)));
    if (!a) throw fieldError(ctx, 'accountId', 'points.personNotFound');
    name ??= a.name;
  }
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(M)
      .values({
        teamId,
        scopePath: team.path,
        name: name!,
        accountId,
        memberId,
        isLeader: input.isLeader,
        duty: input.duty ?? null,
        joinedOn: chinaDay(ctx.clock.now()),
      })
      .returning();
    await audit(tx, ctx, {
      action: 'volunteering.teamMemberAdd',
      objectType: 'volTeam',
      objectId: teamId,
      scopePath: team.path,
      after: row,
    });
  });
  return getTeam(ctx, teamId);
}

export async function removeTeamMember(ctx: Ctx, teamId: number, rowId: number) {
  const [row] = await ctx.db
    .select({ m: M })
    .from(M)
    .innerJoin(T, eq(T.id, M.teamId))
    .where(and(eq(M.id, rowId), eq(M.teamId, teamId), inScope(ctx.actor, T.scopePath)));
  if (!row) throw notFound();
  await ctx.db.transaction(async (tx) => {
    await tx.delete(M).where(eq(M.id, rowId));
    await audit(tx, ctx, {
      action: 'volunteering.teamMemberRemove',
      objectType: 'volTeam',
      objectId: teamId,
      scopePath: row.m.scopePath,
      before: row.m,
    });
  });
  return getTeam(ctx, teamId);
}
