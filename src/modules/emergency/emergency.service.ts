import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { escapeLike } from '../../kernel/db/search.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import {
  inScope,
  inSubtree,
  pathIds,
  pathInScope,
  placeFilter,
  placeInScope,
  requireTerritoriesInScope,
} from '../../kernel/scope/scope.js';
import { notify } from '../notifications/index.js';
import { partyMembers } from '../party-members/index.js';
import { createOrder } from '../service-orders/index.js';
import { COVERED, SWITCH_LEVELS, type VisitResult } from './constants.js';
import type {
  Board,
  Campaign,
  CheckIn,
  CreateCampaign,
  CreatePost,
  CreateTask,
  Event,
  EventQuery,
  Post,
  RecordVisit,
  SwitchOff,
  SwitchOn,
  Task,
  Visit,
  VisitQuery,
} from './contract.js';
import { emCampaigns, emEvents, emPosts, emRoster, emTaskAssignees, emTasks, emVisits } from './schema.js';

type EventRow = typeof emEvents.$inferSelect;
const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);
const inTx = (ctx: Ctx, tx: DbOrTx): Ctx => ({ ...ctx, db: tx as Ctx['db'] });
const rate = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 1000) / 10);

async function names(db: DbOrTx, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: territories.id, name: territories.name })
    .from(territories)
    .where(inArray(territories.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Who sees an event: the district or street that switched it on and everyone above (its path lies in their
 * subtree), and the staff and members whose subtree meets its area (an area node lies in their subtree, or their
 * own node lies in the area).
 */
function eventVisible(ctx: Ctx): SQL {
  const mine = ctx.actor.scopePath;
  return or(
    inScope(ctx.actor, emEvents.scopePath),
    sql`exists (select 1 from unnest(${emEvents.areaPaths}) a where left(a, ${mine.length}) = ${mine} or left(${mine}, length(a)) = a)`,
  )!;
}
/** True when the viewer owns the event (the switching node or above): only they switch it off. */
const owns = (ctx: Ctx, e: EventRow) => pathInScope(ctx.actor, e.scopePath);
const inArea = (paths: readonly string[], path: string) => paths.some((a) => path.startsWith(a));

async function eventRow(ctx: Ctx, db: DbOrTx, id: number): Promise<EventRow> {
  const [e] = await db
    .select()
    .from(emEvents)
    .where(and(eq(emEvents.id, id), eventVisible(ctx)));
  if (!e) throw notFound('emergency.eventNotFound');
  return e;
}
/** An active event the viewer may change: ended events are a read-only record (409). */
async function activeEvent(ctx: Ctx, db: DbOrTx, id: number): Promise<EventRow> {
  const e = await eventRow(ctx, db, id);
  if (e.status !== 'active') throw conflict('emergency.ended');
  return e;
}

/** A node the actor may act on inside the event's area: outside the subtree 404, outside the area 400. */
async function nodeInArea(ctx: Ctx, e: { areaPaths: string[] }, id: number, field: string) {
  const n = await placeInScope(ctx.db, ctx.actor, id);
  if (!inArea(e.areaPaths, n.path)) throw fieldError(ctx, field, 'emergency.outsideArea');
  return n;
}

async function eventsOut(ctx: Ctx, db: DbOrTx, rows: EventRow[]): Promise<Event[]> {
  const nm = await names(
    db,
    rows.flatMap((r) => [r.territoryId, ...r.areaIds]),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    place: { id: r.territoryId, name: nm.get(r.territoryId) ?? '' },
    area: r.areaIds.map((id) => ({ id, name: nm.get(id) ?? '' })),
    teams: r.teams.map((x) => ({ name: x.name, kind: x.kind, members: x.members ?? null })),
    note: r.note,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    endNote: r.endNote,
    editable: r.status === 'active',
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// The switch 平战转换
// ---------------------------------------------------------------------------------------------------------------

export async function switchOn(ctx: Ctx, input: SwitchOn): Promise<Event> {
  const node = await placeInScope(ctx.db, ctx.actor, input.territoryId ?? ctx.actor.territoryId);
  if (!(SWITCH_LEVELS as readonly string[]).includes(node.level))
    throw fieldError(ctx, 'territoryId', 'emergency.switchLevel');
  const paths = await requireTerritoriesInScope(ctx.db, ctx.actor, input.areaIds);
  const areaIds = [...new Set(input.areaIds)];
  const areaPaths = areaIds.map((id) => paths.get(id)!);
  if (areaPaths.some((p) => !p.startsWith(node.path))) throw fieldError(ctx, 'areaIds', 'emergency.areaOutside');
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(emEvents)
      .values({
        name: input.name,
        kind: input.kind,
        territoryId: node.id,
        scopePath: node.path,
        areaIds,
        areaPaths,
        teams: input.teams.map((x) => ({ name: x.name, kind: x.kind, members: x.members ?? null })),
        note: input.note ?? null,
        startedAt: now,
        startedBy: ctx.actor.accountId || null,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'emergency.switchOn',
      objectType: 'emEvent',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    return row!.id;
  });
  return getEvent(ctx, id);
}

/** Switching off keeps every post, roster, visit and task as the event's record; nothing changes afterwards. */
export async function switchOff(ctx: Ctx, id: number, input: SwitchOff): Promise<Event> {
  await ctx.db.transaction(async (tx) => {
    const e = await activeEvent(ctx, tx, id);
    if (!owns(ctx, e)) throw new AppError('forbidden', 'emergency.notOwner');
    const [row] = await tx
      .update(emEvents)
      .set({ status: 'ended', endedAt: ctx.clock.now(), endedBy: ctx.actor.accountId || null, endNote: input.note })
      .where(and(eq(emEvents.id, id), eq(emEvents.status, 'active')))
      .returning();
    if (!row) throw conflict('emergency.ended');
    await audit(tx, ctx, {
      action: 'emergency.switchOff',
      objectType: 'emEvent',
      objectId: id,
      scopePath: e.scopePath,
      before: { status: e.status },
      after: { status: row.status, endedAt: row.endedAt, endNote: row.endNote },
    });
  });
  return getEvent(ctx, id);
}

export async function getEvent(ctx: Ctx, id: number): Promise<Event> {
  const e = await eventRow(ctx, ctx.db, id);
  return (await eventsOut(ctx, ctx.db, [e]))[0]!;
}

export async function listEvents(ctx: Ctx, q: EventQuery) {
  const w: SQL[] = [eventVisible(ctx)];
  if (q.status) w.push(eq(emEvents.status, q.status));
  if (q.q) w.push(ilike(emEvents.name, `%${escapeLike(q.q)}%`));
  w.push(...(await placeFilter(ctx.db, ctx.actor, emEvents.scopePath, q.territoryId)));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(emEvents)
      .where(where)
      .orderBy(desc(emEvents.startedAt), desc(emEvents.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(emEvents).where(where),
  ]);
  return { items: await eventsOut(ctx, ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

// ---------------------------------------------------------------------------------------------------------------
// Posts and responsibility areas with rosters
// ---------------------------------------------------------------------------------------------------------------

export async function createPost(ctx: Ctx, eventId: number, input: CreatePost): Promise<Post> {
  const e = await activeEvent(ctx, ctx.db, eventId);
  const node = await nodeInArea(ctx, e, input.territoryId, 'territoryId');
  // Roster: party members of the viewer's subtree (party-members face), or accounts of it.
  const memberIds = input.roster.flatMap((r) => (r.partyMemberId ? [r.partyMemberId] : []));
  const members = memberIds.length
    ? await ctx.db
        .select({ id: partyMembers.id, name: partyMembers.name, accountId: partyMembers.accountId })
        .from(partyMembers)
        .where(and(inArray(partyMembers.id, memberIds), inScope(ctx.actor, partyMembers.scopePath)))
    : [];
  const accountIds = input.roster.flatMap((r) => (!r.partyMemberId && r.accountId ? [r.accountId] : []));
  const accs = accountIds.length
    ? await ctx.db
        .select({ id: accounts.id, name: accounts.displayName })
        .from(accounts)
        .innerJoin(territories, eq(territories.id, accounts.territoryId))
        .where(and(inArray(accounts.id, accountIds), inScope(ctx.actor, territories.path)))
    : [];
  const roster = input.roster.map((r, i) => {
    if (r.partyMemberId) {
      const m = members.find((x) => x.id === r.partyMemberId);
      if (!m) throw fieldError(ctx, `roster.${i}.partyMemberId`, 'emergency.memberNotFound');
      return { partyMemberId: m.id, accountId: m.accountId, name: m.name, shift: r.shift ?? null };
    }
    if (r.accountId) {
      const a = accs.find((x) => x.id === r.accountId);
      if (!a) throw fieldError(ctx, `roster.${i}.accountId`, 'emergency.memberNotFound');
      return { partyMemberId: null, accountId: a.id, name: r.name ?? a.name, shift: r.shift ?? null };
    }
    if (!r.name) throw fieldError(ctx, `roster.${i}.name`, 'emergency.rosterName');
    return { partyMemberId: null, accountId: null, name: r.name, shift: r.shift ?? null };
  });
  const id = await ctx.db.transaction(async (tx) => {
    await activeEvent(ctx, tx, eventId);
    const [row] = await tx
      .insert(emPosts)
      .values({
        eventId,
        kind: input.kind,
        name: input.name,
        duty: input.duty ?? null,
        territoryId: node.id,
        scopePath: node.path,
      })
      .returning();
    if (roster.length)
      await tx.insert(emRoster).values(roster.map((r) => ({ ...r, postId: row!.id, scopePath: node.path })));
    await audit(tx, ctx, {
      action: 'emergency.post.create',
      objectType: 'emPost',
      objectId: row!.id,
      scopePath: node.path,
      after: { ...row, roster },
    });
    return row!.id;
  });
  return (await postsOf(ctx, ctx.db, eventId, id))[0]!;
}

async function postsOf(ctx: Ctx, db: DbOrTx, eventId: number, postId?: number): Promise<Post[]> {
  const rows = await db
    .select()
    .from(emPosts)
    .where(and(eq(emPosts.eventId, eventId), postId ? eq(emPosts.id, postId) : undefined))
    .orderBy(asc(emPosts.id));
  if (!rows.length) return [];
  const roster = await db
    .select()
    .from(emRoster)
    .where(
      inArray(
        emRoster.postId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(emRoster.id));
  const nm = await names(
    db,
    rows.map((r) => r.territoryId),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    duty: r.duty,
    place: { id: r.territoryId, name: nm.get(r.territoryId) ?? '' },
    roster: roster
      .filter((x) => x.postId === r.id)
      .map((x) => ({
        id: x.id,
        name: x.name,
        shift: x.shift,
        partyMemberId: x.partyMemberId,
        accountId: x.accountId,
      })),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Door-to-door campaigns 入户敲门 and coverage
// ---------------------------------------------------------------------------------------------------------------

export async function createCampaign(ctx: Ctx, eventId: number, input: CreateCampaign): Promise<Campaign> {
  const e = await activeEvent(ctx, ctx.db, eventId);
  const nodes: { id: number; path: string }[] = [];
  for (const id of [...new Set(input.areaIds)]) nodes.push(await nodeInArea(ctx, e, id, 'areaIds'));
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(emCampaigns)
      .values({
        eventId,
        name: input.name,
        areaIds: nodes.map((n) => n.id),
        areaPaths: nodes.map((n) => n.path),
        scopePath: e.scopePath,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'emergency.campaign.create',
      objectType: 'emCampaign',
      objectId: row!.id,
      scopePath: nodes[0]!.path,
      after: row,
    });
    return row!.id;
  });
  return (await campaignsOf(ctx, ctx.db, eventId, id))[0]!;
}

type CampaignRow = typeof emCampaigns.$inferSelect;
/** The households of a campaign the viewer sees (its area ∩ the viewer's subtree). */
async function householdsOf(ctx: Ctx, db: DbOrTx, c: Pick<CampaignRow, 'areaPaths'>) {
  return db
    .select({ id: territories.id, name: territories.name, path: territories.path })
    .from(territories)
    .where(
      and(
        eq(territories.level, 'household'),
        or(...c.areaPaths.map((p) => inSubtree(territories.path, p))),
        inScope(ctx.actor, territories.path),
      ),
    );
}

/** Coverage of campaigns: per building, households known (territory nodes of level household) and their knocks. */
async function campaignsOf(ctx: Ctx, db: DbOrTx, eventId: number, campaignId?: number): Promise<Campaign[]> {
  const rows = await db
    .select()
    .from(emCampaigns)
    .where(and(eq(emCampaigns.eventId, eventId), campaignId ? eq(emCampaigns.id, campaignId) : undefined))
    .orderBy(asc(emCampaigns.id));
  const out: Campaign[] = [];
  for (const c of rows) {
    const hh = await householdsOf(ctx, db, c);
    const visits = await db
      .select({ householdId: emVisits.householdId, result: emVisits.result })
      .from(emVisits)
      .where(and(eq(emVisits.campaignId, c.id), inScope(ctx.actor, emVisits.scopePath)));
    const byHousehold = new Map(visits.map((v) => [v.householdId, v.result]));
    const ancestorIds = [...new Set(hh.flatMap((h) => pathIds(h.path)))];
    const nodes = ancestorIds.length
      ? await db
          .select({ id: territories.id, name: territories.name, path: territories.path, level: territories.level })
          .from(territories)
          .where(and(inArray(territories.id, ancestorIds), inArray(territories.level, ['compound', 'building'])))
      : [];
    // A building is named with its compound (楼号 repeat across compounds).
    const buildings = nodes
      .filter((n) => n.level === 'building')
      .map((n) => {
        const compound = nodes.find((c) => c.level === 'compound' && n.path.startsWith(c.path));
        return { ...n, name: compound ? `${compound.name}${n.name}` : n.name };
      });
    const per = new Map<number, { name: string; n: number; v: Record<VisitResult, number> }>();
    for (const h of hh) {
      const b = buildings.find((x) => h.path.startsWith(x.path));
      const key = b?.id ?? 0;
      const entry = per.get(key) ?? { name: b?.name ?? '', n: 0, v: { visited: 0, notHome: 0, needsHelp: 0 } };
      entry.n++;
      const r = byHousehold.get(h.id);
      if (r) entry.v[r]++;
      per.set(key, entry);
    }
    const list = [...per.entries()].map(([id, x]) => {
      const covered = COVERED.reduce((s, r) => s + x.v[r], 0);
      return {
        building: { id, name: x.name },
        households: x.n,
        visited: x.v.visited,
        notHome: x.v.notHome,
        needsHelp: x.v.needsHelp,
        covered,
        rate: rate(covered, x.n),
      };
    });
    list.sort((a, b) => a.building.name.localeCompare(b.building.name, 'zh-CN') || a.building.id - b.building.id);
    const sum = (k: 'households' | 'covered' | 'notHome' | 'needsHelp') => list.reduce((s, b) => s + b[k], 0);
    const nm = await names(db, c.areaIds);
    out.push({
      id: c.id,
      eventId: c.eventId,
      name: c.name,
      area: c.areaIds.map((id) => ({ id, name: nm.get(id) ?? '' })),
      households: sum('households'),
      covered: sum('covered'),
      notHome: sum('notHome'),
      needsHelp: sum('needsHelp'),
      rate: rate(sum('covered'), sum('households')),
      buildings: list,
    });
  }
  return out;
}

async function campaignRow(ctx: Ctx, db: DbOrTx, id: number) {
  const [c] = await db.select().from(emCampaigns).where(eq(emCampaigns.id, id));
  if (!c) throw notFound();
  const e = await eventRow(ctx, db, c.eventId);
  return { c, e };
}

export async function getCampaign(ctx: Ctx, id: number): Promise<Campaign> {
  const { c } = await campaignRow(ctx, ctx.db, id);
  return (await campaignsOf(ctx, ctx.db, c.eventId, id))[0]!;
}

/** Whether the actor stands a post or area whose node holds the household (a member knocking their own area). */
async function onRosterFor(ctx: Ctx, db: DbOrTx, eventId: number, path: string) {
  const [hit] = await db
    .select({ id: emRoster.id })
    .from(emRoster)
    .innerJoin(emPosts, eq(emPosts.id, emRoster.postId))
    .where(
      and(
        eq(emPosts.eventId, eventId),
        eq(emRoster.accountId, ctx.actor.accountId),
        sql`${path} like ${emPosts.scopePath} || '%'`,
      ),
    )
    .limit(1);
  return !!hit;
}

/**
 * Records a knock at a household: the latest result per household is kept, with the number of knocks. "Needs help"
 * raises a service order (a problem report at the household) through the orders face, in the same transaction.
 */
export async function recordVisit(ctx: Ctx, campaignId: number, input: RecordVisit): Promise<Visit> {
  const id = await ctx.db.transaction(async (tx) => {
    const { c, e } = await campaignRow(ctx, tx, campaignId);
    if (e.status !== 'active') throw conflict('emergency.ended');
    const [h] = await tx
      .select({ id: territories.id, path: territories.path, level: territories.level, name: territories.name })
      .from(territories)
      .where(eq(territories.id, input.householdId));
    if (!h || (!pathInScope(ctx.actor, h.path) && !(await onRosterFor(ctx, tx, e.id, h.path)))) throw notFound();
    if (h.level !== 'household') throw fieldError(ctx, 'householdId', 'emergency.notHousehold');
    if (!inArea(c.areaPaths, h.path)) throw fieldError(ctx, 'householdId', 'emergency.outsideArea');
    if (input.result === 'needsHelp' && !input.help) throw fieldError(ctx, 'help', 'emergency.helpRequired');
    const [before] = await tx
      .select()
      .from(emVisits)
      .where(and(eq(emVisits.campaignId, c.id), eq(emVisits.householdId, h.id)));
    let orderId = before?.orderId ?? null;
    if (input.result === 'needsHelp' && !orderId) {
      // A problem report at the household, which the community dispatches like any other.
      // A member on the roster of the area may knock outside their own node: the order is filed with the event's
      // reach (the household was checked above), still in their name.
      const orderCtx = pathInScope(ctx.actor, h.path)
        ? inTx(ctx, tx)
        : { ...inTx(ctx, tx), actor: { ...ctx.actor, scopePath: e.scopePath, territoryId: e.territoryId } };
      const order = await createOrder(orderCtx, {
        kind: 'problem',
        category: 'elderly',
        title: input.help!,
        description: t('zh-CN', 'emergency.orderFromVisit', { campaign: c.name, note: input.note ?? '' }),
        territoryId: h.id,
      });
      orderId = order.id;
    }
    const now = ctx.clock.now();
    const values = {
      result: input.result,
      note: input.note ?? null,
      orderId,
      visitedAt: now,
      byAccountId: ctx.actor.accountId || null,
      byName: ctx.actor.displayName,
    };
    const [row] = before
      ? await tx
          .update(emVisits)
          .set({ ...values, attempts: before.attempts + 1 })
          .where(eq(emVisits.id, before.id))
          .returning()
      : await tx
          .insert(emVisits)
          .values({ ...values, campaignId: c.id, householdId: h.id, scopePath: h.path })
          .returning();
    await audit(tx, ctx, {
      action: 'emergency.visit',
      objectType: 'emVisit',
      objectId: row!.id,
      scopePath: h.path,
      before: before ?? undefined,
      after: row,
    });
    return row!.id;
  });
  const [v] = await visitsOut(ctx.db, await ctx.db.select().from(emVisits).where(eq(emVisits.id, id)));
  return v!;
}

async function visitsOut(db: DbOrTx, rows: (typeof emVisits.$inferSelect)[]): Promise<Visit[]> {
  const nm = await names(
    db,
    rows.map((r) => r.householdId),
  );
  return rows.map((r) => ({
    id: r.id,
    household: { id: r.householdId, name: nm.get(r.householdId) ?? '' },
    result: r.result,
    note: r.note,
    attempts: r.attempts,
    orderId: r.orderId,
    visitedAt: r.visitedAt,
    byName: r.byName,
  }));
}

export async function listVisits(ctx: Ctx, campaignId: number, q: VisitQuery) {
  const { c } = await campaignRow(ctx, ctx.db, campaignId);
  const w: SQL[] = [eq(emVisits.campaignId, c.id), inScope(ctx.actor, emVisits.scopePath)];
  if (q.result) w.push(eq(emVisits.result, q.result));
  if (q.buildingId) {
    const [b] = await ctx.db
      .select({ path: territories.path })
      .from(territories)
      .where(eq(territories.id, q.buildingId));
    if (!b) throw notFound();
    w.push(inSubtree(emVisits.scopePath, b.path));
  }
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(emVisits)
      .where(where)
      .orderBy(desc(emVisits.visitedAt), desc(emVisits.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(emVisits).where(where),
  ]);
  return { items: await visitsOut(ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

// ---------------------------------------------------------------------------------------------------------------
// Tasks pushed to members, with check-in
// ---------------------------------------------------------------------------------------------------------------

export async function createTask(ctx: Ctx, eventId: number, input: CreateTask): Promise<Task> {
  const id = await ctx.db.transaction(async (tx) => {
    const e = await activeEvent(ctx, tx, eventId);
    let postRow: typeof emPosts.$inferSelect | undefined;
    if (input.postId) {
      [postRow] = await tx
        .select()
        .from(emPosts)
        .where(and(eq(emPosts.id, input.postId), eq(emPosts.eventId, e.id)));
      if (!postRow || !pathInScope(ctx.actor, postRow.scopePath))
        throw fieldError(ctx, 'postId', 'emergency.postNotFound');
    }
    const rosterAccounts = postRow
      ? (
          await tx
            .select({ id: emRoster.accountId, name: emRoster.name })
            .from(emRoster)
            .where(eq(emRoster.postId, postRow.id))
        ).flatMap((r) => (r.id ? [{ id: r.id, name: r.name }] : []))
      : [];
    const named = input.accountIds.length
      ? await tx
          .select({ id: accounts.id, name: accounts.displayName })
          .from(accounts)
          .innerJoin(territories, eq(territories.id, accounts.territoryId))
          .where(and(inArray(accounts.id, input.accountIds), inScope(ctx.actor, territories.path)))
      : [];
    if (named.length !== new Set(input.accountIds).size)
      throw fieldError(ctx, 'accountIds', 'emergency.memberNotFound');
    const assignees = new Map<number, string>();
    for (const a of [...rosterAccounts, ...named]) if (!assignees.has(a.id)) assignees.set(a.id, a.name);
    if (!assignees.size) throw fieldError(ctx, 'accountIds', 'emergency.noAssignees');
    const [row] = await tx
      .insert(emTasks)
      .values({
        eventId: e.id,
        postId: postRow?.id ?? null,
        title: input.title,
        detail: input.detail ?? null,
        dueAt: input.dueAt ?? null,
        scopePath: postRow?.scopePath ?? ctx.actor.scopePath,
        createdBy: ctx.actor.accountId || null,
      })
      .returning();
    await tx
      .insert(emTaskAssignees)
      .values([...assignees].map(([accountId, name]) => ({ taskId: row!.id, accountId, name })));
    await notify(tx, ctx, [
      {
        kind: 'emergency.task',
        accountIds: [...assignees.keys()],
        params: { event: e.name, title: input.title },
        link: '/m/emergency',
      },
    ]);
    await audit(tx, ctx, {
      action: 'emergency.task.create',
      objectType: 'emTask',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: { ...row, assignees: [...assignees.keys()] },
    });
    return row!.id;
  });
  return (await tasksOut(ctx.db, await ctx.db.select().from(emTasks).where(eq(emTasks.id, id))))[0]!;
}

async function tasksOut(db: DbOrTx, rows: (typeof emTasks.$inferSelect)[]): Promise<Task[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [as, events, posts] = await Promise.all([
    db.select().from(emTaskAssignees).where(inArray(emTaskAssignees.taskId, ids)).orderBy(asc(emTaskAssignees.id)),
    db
      .select({ id: emEvents.id, name: emEvents.name, status: emEvents.status })
      .from(emEvents)
      .where(
        inArray(
          emEvents.id,
          rows.map((r) => r.eventId),
        ),
      ),
    db
      .select({ id: emPosts.id, name: emPosts.name })
      .from(emPosts)
      .where(inArray(emPosts.id, rows.flatMap((r) => (r.postId ? [r.postId] : [])).concat([0]))),
  ]);
  return rows.map((r) => {
    const e = events.find((x) => x.id === r.eventId)!;
    const p = posts.find((x) => x.id === r.postId);
    return {
      id: r.id,
      eventId: r.eventId,
      eventName: e.name,
      eventStatus: e.status,
      title: r.title,
      detail: r.detail,
      dueAt: r.dueAt,
      post: p ? { id: p.id, name: p.name } : null,
      assignees: as
        .filter((a) => a.taskId === r.id)
        .map((a) => ({ accountId: a.accountId, name: a.name, checkedInAt: a.checkedInAt, note: a.checkInNote })),
    };
  });
}

/** The signed-in member's tasks (newest first; ended events' tasks stay, read-only). */
export async function myTasks(ctx: Ctx): Promise<Task[]> {
  const rows = await ctx.db
    .select({ t: emTasks })
    .from(emTasks)
    .innerJoin(emTaskAssignees, eq(emTaskAssignees.taskId, emTasks.id))
    .where(eq(emTaskAssignees.accountId, ctx.actor.accountId))
    .orderBy(desc(emTasks.createdAt), desc(emTasks.id))
    .limit(100);
  // A member sees their own share of each task, not the others' check-ins.
  const mine = await tasksOut(
    ctx.db,
    rows.map((r) => r.t),
  );
  return mine.map((x) => ({ ...x, assignees: x.assignees.filter((a) => a.accountId === ctx.actor.accountId) }));
}

/** A member checks in to their task once, while the event is active. */
export async function checkIn(ctx: Ctx, taskId: number, input: CheckIn): Promise<Task> {
  await ctx.db.transaction(async (tx) => {
    const [a] = await tx
      .select({ a: emTaskAssignees, status: emEvents.status, scopePath: emTasks.scopePath })
      .from(emTaskAssignees)
      .innerJoin(emTasks, eq(emTasks.id, emTaskAssignees.taskId))
      .innerJoin(emEvents, eq(emEvents.id, emTasks.eventId))
      .where(and(eq(emTaskAssignees.taskId, taskId), eq(emTaskAssignees.accountId, ctx.actor.accountId)));
    if (!a) throw notFound();
    if (a.status !== 'active') throw conflict('emergency.ended');
    if (a.a.checkedInAt) throw conflict('emergency.alreadyCheckedIn');
    const now = ctx.clock.now();
    await tx
      .update(emTaskAssignees)
      .set({ checkedInAt: now, checkInNote: input.note ?? null })
      .where(eq(emTaskAssignees.id, a.a.id));
    await audit(tx, ctx, {
      action: 'emergency.task.checkIn',
      objectType: 'emTask',
      objectId: taskId,
      scopePath: a.scopePath,
      after: { accountId: ctx.actor.accountId, checkedInAt: now, note: input.note ?? null },
    });
  });
  return (await tasksOut(ctx.db, await ctx.db.select().from(emTasks).where(eq(emTasks.id, taskId))))[0]!;
}

// ---------------------------------------------------------------------------------------------------------------
// The live board
// ---------------------------------------------------------------------------------------------------------------

export async function board(ctx: Ctx, eventId: number): Promise<Board> {
  const e = await eventRow(ctx, ctx.db, eventId);
  const [event] = await eventsOut(ctx, ctx.db, [e]);
  const visiblePost = (p: { place: { id: number } }, paths: Map<number, string>) =>
    pathInScope(ctx.actor, paths.get(p.place.id) ?? '') || owns(ctx, e);
  const allPosts = await postsOf(ctx, ctx.db, e.id);
  const postPaths = new Map(
    (
      await ctx.db
        .select({ id: emPosts.territoryId, path: emPosts.scopePath })
        .from(emPosts)
        .where(eq(emPosts.eventId, e.id))
    ).map((r) => [r.id, r.path]),
  );
  const posts = allPosts.filter((p) => visiblePost(p, postPaths));
  const campaigns = await campaignsOf(ctx, ctx.db, e.id);
  const tasks = await tasksOut(
    ctx.db,
    await ctx.db
      .select()
      .from(emTasks)
      .where(
        and(
          eq(emTasks.eventId, e.id),
          or(inScope(ctx.actor, emTasks.scopePath), owns(ctx, e) ? sql`true` : sql`false`),
        ),
      )
      .orderBy(desc(emTasks.createdAt), desc(emTasks.id)),
  );
  const sum = (k: 'households' | 'covered' | 'notHome' | 'needsHelp') => campaigns.reduce((s, c) => s + c[k], 0);
  const assignees = tasks.flatMap((x) => x.assignees);
  return {
    event: { ...event!, editable: event!.editable },
    posts,
    campaigns,
    tasks,
    totals: {
      households: sum('households'),
      covered: sum('covered'),
      notHome: sum('notHome'),
      needsHelp: sum('needsHelp'),
      rate: rate(sum('covered'), sum('households')),
      tasks: tasks.length,
      assignees: assignees.length,
      checkedIn: assignees.filter((a) => a.checkedInAt).length,
    },
  };
}
