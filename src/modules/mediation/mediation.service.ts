import { and, asc, count, desc, eq, ilike, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../kernel/db/search.js';
import { audit, maskPhone } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import { decryptPii, encryptPii } from '../../kernel/crypto/pii.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { AppError, conflict, forbidden, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, pathInScope, placeFilter, placeInScope } from '../../kernel/scope/scope.js';
import { partyMembers } from '../party-members/index.js';
import { mayHandle, viewerOf, visibleOrders, type Viewer } from '../service-orders/index.js';
import { FINISHED, type OrderStatus } from '../service-orders/index.js';
import type { DispatchBody } from '../service-orders/contract.js';
import { serviceOrders } from '../service-orders/index.js';
import { createOrder, dispatchOrder, getOrder, isOverdue, resolveOrder, startOrder } from '../service-orders/index.js';
import { OUTCOMES_WITH_AGREEMENT } from './constants.js';
import type {
  AgreementInput,
  AssignInput,
  CaseInfo,
  CaseListItem,
  CaseQuery,
  CreateCase,
  CreateTeam,
  FollowUpInput,
  MediationCase,
  OutcomeInput,
  Party,
  PartyInput,
  SessionInput,
  Team,
  TeamMemberInput,
  TeamQuery,
  UpdateTeam,
} from './contract.js';
import { mediationCases, mediationParties, mediationSessions, mediationTeamMembers, mediationTeams } from './schema.js';

const o = serviceOrders;
const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);
const masked = (enc: string | null): string | null => (enc ? maskPhone(decryptPii('phone', enc)) : null);
/** Runs an order-kernel use case inside the caller's transaction (drizzle nests it as a savepoint). */
const inTx = (ctx: Ctx, tx: DbOrTx): Ctx => ({ ...ctx, db: tx });

// ---------------------------------------------------------------------------------------------------------------
// Teams 调解队伍 (seed 001: 60 teams; seed 002: 金大姐说事室)
// ---------------------------------------------------------------------------------------------------------------

async function teamsOut(
  db: DbOrTx,
  rows: (typeof mediationTeams.$inferSelect & { communityName: string })[],
): Promise<Team[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [members, counts] = await Promise.all([
    db
      .select({ m: mediationTeamMembers, pmName: partyMembers.name, accName: accounts.displayName })
      .from(mediationTeamMembers)
      .leftJoin(partyMembers, eq(partyMembers.id, mediationTeamMembers.partyMemberId))
      .leftJoin(accounts, eq(accounts.id, mediationTeamMembers.accountId))
      .where(inArray(mediationTeamMembers.teamId, ids))
      .orderBy(asc(mediationTeamMembers.sortOrder), asc(mediationTeamMembers.id)),
    db
      .select({
        teamId: mediationCases.teamId,
        all: count(),
        open: sql<number>`(count(*) filter (where ${o.status} not in ('resolved','rated','closed')))::int`.mapWith(
          Number,
        ),
      })
      .from(mediationCases)
      .innerJoin(o, eq(o.id, mediationCases.orderId))
      .where(inArray(mediationCases.teamId, ids))
      .groupBy(mediationCases.teamId),
  ]);
  return rows.map((r) => {
    const c = counts.find((x) => x.teamId === r.id);
    return {
      id: r.id,
      community: { id: r.communityId, name: r.communityName },
      name: r.name,
      description: r.description,
      place: r.place,
      active: r.active === 1,
      members: members
        .filter((m) => m.m.teamId === r.id)
        .map(({ m, pmName, accName }) => ({
          id: m.id,
          name: m.name,
          role: m.role,
          phone: masked(m.phoneEnc),
          partyMember: m.partyMemberId !== null && pmName !== null ? { id: m.partyMemberId, name: pmName } : null,
          account: m.accountId !== null && accName !== null ? { id: m.accountId, name: accName } : null,
        })),
      caseCount: c?.all ?? 0,
      openCaseCount: c?.open ?? 0,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  });
}

function selectTeams(db: DbOrTx) {
  const { ...cols } = mediationTeams;
  return db
    .select({
      id: cols.id,
      communityId: cols.communityId,
      scopePath: cols.scopePath,
      name: cols.name,
      description: cols.description,
      place: cols.place,
      active: cols.active,
      createdAt: cols.createdAt,
      updatedAt: cols.updatedAt,
      communityName: territories.name,
    })
    .from(mediationTeams)
    .innerJoin(territories, eq(territories.id, mediationTeams.communityId));
}

/** Teams of the caller's subtree, with members (phones masked) and case counts. */
export async function listTeams(ctx: Ctx, q: TeamQuery) {
  const w: SQL[] = [inScope(ctx.actor, mediationTeams.scopePath)];
  if (q.communityId) w.push(eq(mediationTeams.communityId, q.communityId));
  if (q.active !== undefined) w.push(eq(mediationTeams.active, q.active ? 1 : 0));
  if (q.q) w.push(ilike(mediationTeams.name, `%${escapeLike(q.q)}%`));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    selectTeams(ctx.db)
      .where(where)
      .orderBy(asc(mediationTeams.scopePath), asc(mediationTeams.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(mediationTeams).where(where),
  ]);
  return { items: await teamsOut(ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function getTeam(ctx: Ctx, id: number, db: DbOrTx = ctx.db): Promise<Team> {
  const rows = await selectTeams(db).where(
    and(eq(mediationTeams.id, id), inScope(ctx.actor, mediationTeams.scopePath)),
  );
  if (!rows.length) throw notFound();
  return (await teamsOut(db, rows))[0]!;
}

/** The member rows a team's member list becomes: linked party members and accounts must be in the caller's subtree. */
async function memberRows(
  ctx: Ctx,
  tx: DbOrTx,
  teamId: number,
  input: TeamMemberInput[],
  old: (typeof mediationTeamMembers.$inferSelect)[],
) {
  const out: ({ id: number | null } & typeof mediationTeamMembers.$inferInsert)[] = [];
  for (const [i, m] of input.entries()) {
    const prev = m.id ? old.find((x) => x.id === m.id) : undefined;
    if (m.id && !prev) throw fieldError(ctx, `members.${i}.id`, 'mediation.memberNotFound');
    if (m.partyMemberId) {
      const [pm] = await tx
        .select({ path: partyMembers.scopePath })
        .from(partyMembers)
        .where(eq(partyMembers.id, m.partyMemberId));
      if (!pm || !pathInScope(ctx.actor, pm.path))
        throw fieldError(ctx, `members.${i}.partyMemberId`, 'mediation.partyMemberNotFound');
    }
    if (m.accountId) {
      const [a] = await tx
        .select({ path: territories.path })
        .from(accounts)
        .innerJoin(territories, eq(territories.id, accounts.territoryId))
        .where(eq(accounts.id, m.accountId));
      if (!a || !pathInScope(ctx.actor, a.path))
        throw fieldError(ctx, `members.${i}.accountId`, 'mediation.accountNotFound');
    }
    out.push({
      id: prev?.id ?? null,
      teamId,
      name: m.name,
      role: m.role,
      phoneEnc: m.phone === undefined ? (prev?.phoneEnc ?? null) : m.phone ? encryptPii('phone', m.phone) : null,
      partyMemberId: m.partyMemberId ?? null,
      accountId: m.accountId ?? null,
      sortOrder: i,
    });
  }
  return out;
}

async function writeMembers(ctx: Ctx, tx: DbOrTx, teamId: number, input: TeamMemberInput[]) {
  const old = await tx.select().from(mediationTeamMembers).where(eq(mediationTeamMembers.teamId, teamId));
  const rows = await memberRows(ctx, tx, teamId, input, old);
  const keep = rows.flatMap((r) => (r.id ? [r.id] : []));
  const gone = old.filter((x) => !keep.includes(x.id)).map((x) => x.id);
  if (gone.length) await tx.delete(mediationTeamMembers).where(inArray(mediationTeamMembers.id, gone));
  const now = ctx.clock.now();
  for (const r of rows) {
    const { id, ...values } = r;
    if (id)
      await tx
        .update(mediationTeamMembers)
        .set({ ...values, updatedAt: now })
        .where(eq(mediationTeamMembers.id, id));
    else await tx.insert(mediationTeamMembers).values({ ...values, createdAt: now, updatedAt: now });
  }
  return { members: rows.map((r) => ({ name: r.name, role: r.role, phone: r.phoneEnc ? '[set]' : null })) };
}

/** Creates a team of a community in the caller's subtree. */
export async function createTeam(ctx: Ctx, input: CreateTeam): Promise<Team> {
  const comm = await placeInScope(ctx.db, ctx.actor, input.communityId);
  if (comm.level !== 'community') throw fieldError(ctx, 'communityId', 'mediation.notACommunity');
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(mediationTeams)
      .values({
        communityId: comm.id,
        scopePath: comm.path,
        name: input.name,
        description: input.description ?? null,
        place: input.place ?? null,
        active: input.active === false ? 0 : 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const members = await writeMembers(ctx, tx, row!.id, input.members);
    await audit(tx, ctx, {
      action: 'mediationTeam.create',
      objectType: 'mediationTeam',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: { ...row, ...members },
    });
    return row!.id;
  });
  return getTeam(ctx, id);
}

export async function updateTeam(ctx: Ctx, id: number, input: UpdateTeam): Promise<Team> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(mediationTeams)
      .where(and(eq(mediationTeams.id, id), inScope(ctx.actor, mediationTeams.scopePath)))
      .for('update');
    if (!row) throw notFound();
    const patch: Partial<typeof mediationTeams.$inferInsert> = { updatedAt: ctx.clock.now() };
    if (input.name !== undefined) patch.name = input.name;
    if (input.description !== undefined) patch.description = input.description ?? null;
    if (input.place !== undefined) patch.place = input.place ?? null;
    if (input.active !== undefined) patch.active = input.active ? 1 : 0;
    const [after] = await tx.update(mediationTeams).set(patch).where(eq(mediationTeams.id, id)).returning();
    const members = input.members ? await writeMembers(ctx, tx, id, input.members) : {};
    await audit(tx, ctx, {
      action: 'mediationTeam.update',
      objectType: 'mediationTeam',
      objectId: id,
      scopePath: row.scopePath,
      before: row,
      after: { ...after, ...members },
    });
  });
  return getTeam(ctx, id);
}

/** Deletes a team that has no unresolved case (its resolved cases keep their record, without the team). */
export async function deleteTeam(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(mediationTeams)
      .where(and(eq(mediationTeams.id, id), inScope(ctx.actor, mediationTeams.scopePath)))
      .for('update');
    if (!row) throw notFound();
    const [open] = await tx
      .select({ n: count() })
      .from(mediationCases)
      .innerJoin(o, eq(o.id, mediationCases.orderId))
      .where(and(eq(mediationCases.teamId, id), notInArray(o.status, [...FINISHED])));
    if ((open?.n ?? 0) > 0) throw conflict('mediation.teamHasCases');
    await tx.delete(mediationTeams).where(eq(mediationTeams.id, id));
    await audit(tx, ctx, {
      action: 'mediationTeam.delete',
      objectType: 'mediationTeam',
      objectId: id,
      scopePath: row.scopePath,
      before: row,
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Cases: orders of kind 'mediation' plus parties, sessions, agreement, outcome, follow-up.
// ---------------------------------------------------------------------------------------------------------------

type OrderRow = typeof o.$inferSelect;

/** The case's order, locked, if the caller sees it (else 404) and it is a mediation case. */
async function lockCase(tx: DbOrTx, v: Viewer, orderId: number): Promise<OrderRow> {
  const [row] = await tx
    .select()
    .from(o)
    .where(and(eq(o.id, orderId), visibleOrders(v)))
    .for('update');
  if (!row) throw notFound();
  if (row.kind !== 'mediation') throw notFound('mediation.notACase');
  return row;
}

/** Recording on a case is for its handler or staff acting for the team (the orders' rule), while it is open. */
function requireRecorder(v: Viewer, row: OrderRow, states: readonly OrderStatus[] | 'open') {
  if (!mayHandle(v, row)) throw forbidden('order.notHandler');
  if (states === 'open') {
    if (FINISHED.includes(row.status)) throw conflict('mediation.caseFinished');
  } else if (!states.includes(row.status)) {
    throw conflict(FINISHED.includes(row.status) ? 'mediation.caseFinished' : 'mediation.caseNotStarted');
  }
}
const WORKING: readonly OrderStatus[] = ['accepted', 'inProgress'];

async function ensureCaseRow(tx: DbOrTx, orderId: number, now: Date) {
  await tx.insert(mediationCases).values({ orderId, createdAt: now, updatedAt: now }).onConflictDoNothing();
}

const partyOut = (p: typeof mediationParties.$inferSelect): Party => ({
  id: p.id,
  name: p.name,
  role: p.role,
  contact: masked(p.contactEnc),
  note: p.note,
});
const partyRow = (orderId: number, p: PartyInput, now: Date) => ({
  orderId,
  name: p.name,
  role: p.role,
  contactEnc: p.contact ? encryptPii('phone', p.contact) : null,
  note: p.note ?? null,
  createdAt: now,
  updatedAt: now,
});

async function caseInfo(db: DbOrTx, orderId: number): Promise<CaseInfo> {
  const [row] = await db
    .select({ c: mediationCases, teamName: mediationTeams.name, mediatorName: mediationTeamMembers.name })
    .from(mediationCases)
    .leftJoin(mediationTeams, eq(mediationTeams.id, mediationCases.teamId))
    .leftJoin(mediationTeamMembers, eq(mediationTeamMembers.id, mediationCases.mediatorId))
    .where(eq(mediationCases.orderId, orderId));
  const [parties, sessions] = await Promise.all([
    db.select().from(mediationParties).where(eq(mediationParties.orderId, orderId)).orderBy(asc(mediationParties.id)),
    db
      .select({ s: mediationSessions, by: accounts.displayName })
      .from(mediationSessions)
      .leftJoin(accounts, eq(accounts.id, mediationSessions.recordedBy))
      .where(eq(mediationSessions.orderId, orderId))
      .orderBy(asc(mediationSessions.heldAt), asc(mediationSessions.id)),
  ]);
  const c = row?.c;
  return {
    team: c?.teamId != null && row?.teamName != null ? { id: c.teamId, name: row.teamName } : null,
    mediator: c?.mediatorId != null && row?.mediatorName != null ? { id: c.mediatorId, name: row.mediatorName } : null,
    parties: parties.map(partyOut),
    sessions: sessions.map(({ s, by }) => ({
      id: s.id,
      heldAt: s.heldAt,
      place: s.place,
      attendees: s.attendees,
      notes: s.notes,
      recordedBy: s.recordedBy !== null && by !== null ? { id: s.recordedBy, name: by } : null,
    })),
    agreement: c?.agreementText
      ? { text: c.agreementText, signedOn: c.agreementSignedOn, attachmentId: c.agreementAttachmentId }
      : null,
    outcome: c?.outcome ?? null,
    outcomeNote: c?.outcomeNote ?? null,
    outcomeAt: c?.outcomeAt ?? null,
    followUp: { dueOn: c?.followUpDueOn ?? null, visitedOn: c?.followUpOn ?? null, note: c?.followUpNote ?? null },
  };
}

/** One case: the order (with its timeline) and the mediation record; 404 outside the orders' visibility rule. */
export async function getCase(ctx: Ctx, orderId: number): Promise<MediationCase> {
  const order = await getOrder(ctx, orderId);
  if (order.kind !== 'mediation') throw notFound('mediation.notACase');
  return { order, case: await caseInfo(ctx.db, orderId) };
}

/** Cases the caller may see (the orders' visibility rule), newest first, with filters. */
export async function listCases(ctx: Ctx, q: CaseQuery) {
  const v = await viewerOf(ctx.db, ctx.actor);
  const w: SQL[] = [eq(o.kind, 'mediation'), visibleOrders(v)];
  w.push(...(await placeFilter(ctx.db, ctx.actor, o.scopePath, q.territoryId)));
  if (q.status) w.push(inArray(o.status, q.status));
  if (q.teamId) w.push(eq(mediationCases.teamId, q.teamId));
  if (q.outcome) w.push(eq(mediationCases.outcome, q.outcome));
  if (q.q)
    w.push(
      or(
        ilike(o.title, `%${escapeLike(q.q)}%`),
        ilike(o.description, `%${escapeLike(q.q)}%`),
        sql`exists (select 1 from ${mediationParties} where ${mediationParties.orderId} = ${o.id} and ${mediationParties.name} ilike ${`%${escapeLike(q.q)}%`})`,
      )!,
    );
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        o,
        c: mediationCases,
        communityName: territories.name,
        teamName: mediationTeams.name,
        mediatorName: mediationTeamMembers.name,
      })
      .from(o)
      .innerJoin(territories, eq(territories.id, o.communityId))
      .leftJoin(mediationCases, eq(mediationCases.orderId, o.id))
      .leftJoin(mediationTeams, eq(mediationTeams.id, mediationCases.teamId))
      .leftJoin(mediationTeamMembers, eq(mediationTeamMembers.id, mediationCases.mediatorId))
      .where(where)
      .orderBy(desc(o.createdAt), desc(o.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(o).leftJoin(mediationCases, eq(mediationCases.orderId, o.id)).where(where),
  ]);
  const ids = rows.map((r) => r.o.id);
  const [parties, sessions] = ids.length
    ? await Promise.all([
        ctx.db
          .select({ orderId: mediationParties.orderId, name: mediationParties.name, role: mediationParties.role })
          .from(mediationParties)
          .where(inArray(mediationParties.orderId, ids))
          .orderBy(asc(mediationParties.id)),
        ctx.db
          .select({ orderId: mediationSessions.orderId, n: count() })
          .from(mediationSessions)
          .where(inArray(mediationSessions.orderId, ids))
          .groupBy(mediationSessions.orderId),
      ])
    : [[], []];
  const now = ctx.clock.now();
  const items: CaseListItem[] = rows.map((r) => ({
    id: r.o.id,
    title: r.o.title,
    category: r.o.category,
    status: r.o.status,
    community: { id: r.o.communityId, name: r.communityName },
    team: r.c?.teamId != null && r.teamName !== null ? { id: r.c.teamId, name: r.teamName } : null,
    mediator: r.c?.mediatorId != null && r.mediatorName !== null ? { id: r.c.mediatorId, name: r.mediatorName } : null,
    parties: parties.filter((p) => p.orderId === r.o.id).map((p) => ({ name: p.name, role: p.role })),
    sessionCount: sessions.find((s) => s.orderId === r.o.id)?.n ?? 0,
    outcome: r.c?.outcome ?? null,
    overdue: isOverdue(r.o, now),
    createdAt: r.o.createdAt,
  }));
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/**
 * Opens a case: an order of kind 'mediation' (so the loop, deadlines, escalation and figures apply) and its
 * parties, in one transaction. A resident asking for mediation is its applicant unless one is named.
 */
export async function createCase(ctx: Ctx, input: CreateCase): Promise<MediationCase> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const order = await createOrder(inTx(ctx, tx), {
      kind: 'mediation',
      category: input.category,
      title: input.title,
      description: input.description ?? null,
      territoryId: input.territoryId ?? null,
    });
    const parties = [...input.parties];
    if (ctx.actor.roles.includes('resident') && !parties.some((p) => p.role === 'applicant'))
      parties.unshift({ name: ctx.actor.displayName, role: 'applicant' });
    await ensureCaseRow(tx, order.id, now);
    if (parties.length) await tx.insert(mediationParties).values(parties.map((p) => partyRow(order.id, p, now)));
    await audit(tx, ctx, {
      action: 'mediation.create',
      objectType: 'serviceOrder',
      objectId: order.id,
      scopePath: await scopeOf(tx, order.id),
      after: { parties: parties.map((p) => ({ name: p.name, role: p.role, phone: p.contact ?? null })) },
    });
    return order.id;
  });
  return getCase(ctx, id);
}

async function scopeOf(tx: DbOrTx, orderId: number): Promise<string> {
  const [row] = await tx.select({ path: o.scopePath }).from(o).where(eq(o.id, orderId));
  return row?.path ?? '/';
}

/**
 * Sends the case to a mediation team of its community: the order's dispatch move (派单). The handler is the
 * mediator's account, else their party-member record, else the team by name; the community's staff act for it.
 */
export async function assignCase(ctx: Ctx, orderId: number, input: AssignInput): Promise<MediationCase> {
  const now = ctx.clock.now();
  const v = await viewerOf(ctx.db, ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, v, orderId);
    const [team] = await tx
      .select()
      .from(mediationTeams)
      .where(and(eq(mediationTeams.id, input.teamId), inScope(ctx.actor, mediationTeams.scopePath)));
    if (!team) throw fieldError(ctx, 'teamId', 'mediation.teamNotFound');
    if (team.communityId !== row.communityId) throw fieldError(ctx, 'teamId', 'mediation.teamSameCommunity');
    if (team.active !== 1) throw fieldError(ctx, 'teamId', 'mediation.teamInactive');
    const members = await tx
      .select()
      .from(mediationTeamMembers)
      .where(eq(mediationTeamMembers.teamId, team.id))
      .orderBy(asc(mediationTeamMembers.sortOrder), asc(mediationTeamMembers.id));
    const mediator = input.mediatorId
      ? members.find((m) => m.id === input.mediatorId)
      : (members.find((m) => m.role === 'leader') ?? members[0]);
    if (input.mediatorId && !mediator) throw fieldError(ctx, 'mediatorId', 'mediation.mediatorNotInTeam');
    const target: DispatchBody = mediator?.accountId
      ? { target: 'person', accountId: mediator.accountId }
      : mediator?.partyMemberId
        ? { target: 'member', memberId: mediator.partyMemberId }
        : { target: 'department', department: team.name };
    await dispatchOrder(inTx(ctx, tx), orderId, {
      ...target,
      note: input.note ?? null,
      respondHours: input.respondHours ?? null,
      resolveHours: input.resolveHours ?? null,
    });
    await ensureCaseRow(tx, orderId, now);
    await tx
      .update(mediationCases)
      .set({ teamId: team.id, mediatorId: mediator?.id ?? null, updatedAt: now })
      .where(eq(mediationCases.orderId, orderId));
    await audit(tx, ctx, {
      action: 'mediation.assign',
      objectType: 'serviceOrder',
      objectId: orderId,
      scopePath: row.scopePath,
      after: { teamId: team.id, team: team.name, mediatorId: mediator?.id ?? null, mediator: mediator?.name ?? null },
    });
  });
  return getCase(ctx, orderId);
}

export async function addParty(ctx: Ctx, orderId: number, input: PartyInput): Promise<Party> {
  const now = ctx.clock.now();
  const v = await viewerOf(ctx.db, ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, v, orderId);
    requireRecorder(v, row, 'open');
    await ensureCaseRow(tx, orderId, now);
    const [p] = await tx
      .insert(mediationParties)
      .values(partyRow(orderId, input, now))
      .returning();
    await audit(tx, ctx, {
      action: 'mediation.addParty',
      objectType: 'serviceOrder',
      objectId: orderId,
      scopePath: row.scopePath,
      after: { partyId: p!.id, name: p!.name, role: p!.role, phone: input.contact ?? null },
    });
    return partyOut(p!);
  });
}

export async function removeParty(ctx: Ctx, orderId: number, partyId: number): Promise<void> {
  const v = await viewerOf(ctx.db, ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, v, orderId);
    requireRecorder(v, row, 'open');
    const [p] = await tx
      .delete(mediationParties)
      .where(and(eq(mediationParties.id, partyId), eq(mediationParties.orderId, orderId)))
      .returning();
    if (!p) throw notFound();
    await audit(tx, ctx, {
      action: 'mediation.removeParty',
      objectType: 'serviceOrder',
      objectId: orderId,
      scopePath: row.scopePath,
      before: { partyId: p.id, name: p.name, role: p.role },
    });
  });
}

/** A party's plain contact number, for staff holding mediation.reveal on the case's subtree; audited. */
export async function revealParty(ctx: Ctx, orderId: number, partyId: number) {
  const v = await viewerOf(ctx.db, ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(o)
      .where(and(eq(o.id, orderId), eq(o.kind, 'mediation'), inScope(ctx.actor, o.scopePath), visibleOrders(v)));
    if (!row) throw notFound();
    const [p] = await tx
      .select()
      .from(mediationParties)
      .where(and(eq(mediationParties.id, partyId), eq(mediationParties.orderId, orderId)));
    if (!p) throw notFound();
    await audit(tx, ctx, {
      action: 'mediation.revealParty',
      objectType: 'serviceOrder',
      objectId: orderId,
      scopePath: row.scopePath,
      after: { partyId, name: p.name, revealed: p.contactEnc ? ['contact'] : [] },
    });
    return { id: p.id, contact: p.contactEnc ? decryptPii('phone', p.contactEnc) : null };
  });
}

/** Records a session; the first one starts the work on the order (accepted → in progress). */
export async function addSession(ctx: Ctx, orderId: number, input: SessionInput): Promise<MediationCase> {
  const now = ctx.clock.now();
  if (input.heldAt.getTime() > now.getTime() + 60_000) throw fieldError(ctx, 'heldAt', 'mediation.futureSession');
  const v = await viewerOf(ctx.db, ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, v, orderId);
    requireRecorder(v, row, WORKING);
    await ensureCaseRow(tx, orderId, now);
    const [s] = await tx
      .insert(mediationSessions)
      .values({
        orderId,
        heldAt: input.heldAt,
        place: input.place,
        attendees: input.attendees,
        notes: input.notes,
        recordedBy: ctx.actor.accountId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'mediation.addSession',
      objectType: 'serviceOrder',
      objectId: orderId,
      scopePath: row.scopePath,
      after: s,
    });
    if (row.status === 'accepted') await startOrder(inTx(ctx, tx), orderId, input.notes.slice(0, 200));
  });
  return getCase(ctx, orderId);
}

/** Records (or corrects) the written agreement 调解协议 while the case is being worked on. */
export async function setAgreement(ctx: Ctx, orderId: number, input: AgreementInput): Promise<MediationCase> {
  const now = ctx.clock.now();
  const v = await viewerOf(ctx.db, ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, v, orderId);
    requireRecorder(v, row, WORKING);
    await ensureCaseRow(tx, orderId, now);
    const [before] = await tx.select().from(mediationCases).where(eq(mediationCases.orderId, orderId));
    await tx
      .update(mediationCases)
      .set({
        agreementText: input.text,
        agreementSignedOn: input.signedOn,
        agreementAttachmentId: input.attachmentId ?? null,
        updatedAt: now,
      })
      .where(eq(mediationCases.orderId, orderId));
    await audit(tx, ctx, {
      action: 'mediation.agreement',
      objectType: 'serviceOrder',
      objectId: orderId,
      scopePath: row.scopePath,
      before: before?.agreementText ? { text: before.agreementText, signedOn: before.agreementSignedOn } : null,
      after: input,
    });
  });
  return getCase(ctx, orderId);
}

/**
 * Records the outcome and resolves the order in the same transaction. At least one session must be on record;
 * an agreed or partly agreed outcome needs the agreement first.
 */
export async function recordOutcome(ctx: Ctx, orderId: number, input: OutcomeInput): Promise<MediationCase> {
  const now = ctx.clock.now();
  const v = await viewerOf(ctx.db, ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, v, orderId);
    requireRecorder(v, row, WORKING);
    await ensureCaseRow(tx, orderId, now);
    const [sessions] = await tx
      .select({ n: count() })
      .from(mediationSessions)
      .where(eq(mediationSessions.orderId, orderId));
    if (!sessions?.n) throw conflict('mediation.sessionRequired');
    const [c] = await tx.select().from(mediationCases).where(eq(mediationCases.orderId, orderId));
    if (OUTCOMES_WITH_AGREEMENT.includes(input.outcome) && !c?.agreementText) {
      throw fieldError(ctx, 'outcome', 'mediation.agreementRequired', {
        outcome: t(ctx.locale, `mediation.outcome.${input.outcome}`),
      });
    }
    await tx
      .update(mediationCases)
      .set({
        outcome: input.outcome,
        outcomeNote: input.note,
        outcomeAt: now,
        followUpDueOn: input.followUpDueOn ?? null,
        updatedAt: now,
      })
      .where(eq(mediationCases.orderId, orderId));
    await audit(tx, ctx, {
      action: 'mediation.outcome',
      objectType: 'serviceOrder',
      objectId: orderId,
      scopePath: row.scopePath,
      after: input,
    });
    await resolveOrder(inTx(ctx, tx), orderId, input.note, { mediationOutcome: input.outcome });
  });
  return getCase(ctx, orderId);
}

/** The follow-up visit 回访 after a resolved case. */
export async function recordFollowUp(ctx: Ctx, orderId: number, input: FollowUpInput): Promise<MediationCase> {
  const now = ctx.clock.now();
  const v = await viewerOf(ctx.db, ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, v, orderId);
    if (!mayHandle(v, row)) throw forbidden('order.notHandler');
    if (!FINISHED.includes(row.status)) throw conflict('mediation.notResolved');
    await ensureCaseRow(tx, orderId, now);
    await tx
      .update(mediationCases)
      .set({ followUpOn: input.visitedOn, followUpNote: input.note, updatedAt: now })
      .where(eq(mediationCases.orderId, orderId));
    await audit(tx, ctx, {
      action: 'mediation.followUp',
      objectType: 'serviceOrder',
      objectId: orderId,
      scopePath: row.scopePath,
      after: input,
    });
  });
  return getCase(ctx, orderId);
}
