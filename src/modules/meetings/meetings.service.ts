import { randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Clock } from '../../kernel/clock.js';
import { systemActor, type Ctx } from '../../kernel/context.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, pathIds, placeFilter, placeInScope } from '../../kernel/scope/scope.js';
import { openNeedsUnder } from '../co-building/index.js';
import { notify, type NotifyEvent } from '../notifications/index.js';
import {
  flagsUnder,
  fourParty,
  listOwnersCommittees,
  listPartyOrgs,
  listUnits,
  type FlagKind,
  type FlagRef,
} from '../organizations/index.js';
import {
  createOrder,
  orderHotspots,
  orderStatuses,
  overdueOrders,
  unitContactAccounts,
  type OpenOrderRef,
} from '../service-orders/index.js';
import {
  ACTION_MOVES,
  HOTSPOT_RULE,
  MEETING_MOVES,
  MEETING_TYPES,
  REMIND_BEFORE_HOURS,
  UNDONE,
  type InviteeKind,
  type InviteeRule,
  type MeetingTypeKey,
} from './constants.js';
import type {
  ActionItem,
  ActionItemInput,
  ActionItemQuery,
  ActionItemUpdate,
  ActionOrderInput,
  AddAgendaItem,
  AgendaItem,
  CorrectionInput,
  LinkedFlag,
  CreateMeeting,
  Meeting,
  MeetingListItem,
  MeetingQuery,
  MyMeeting,
  Proposal,
} from './contract.js';
import { settleMeetingPoints } from './points.js';
import { actionItems, agendaItems, meetingCorrections, meetingDecisions, meetingInvitees, meetings } from './schema.js';
import { escapeLike } from '../../kernel/db/search.js';

const HOUR = 3_600_000;
const m = meetings;
const a = actionItems;
const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);
const inTx = (ctx: Ctx, tx: DbOrTx): Ctx => ({ ...ctx, db: tx as Db });
const isStaff = (ctx: Ctx) => ctx.actor.permissions.has('meeting.read');

/** The meeting types with their invitee rules (data: constants.ts, decision 019). */
export const meetingTypes = () => MEETING_TYPES.map((x) => ({ ...x, invitees: [...x.invitees] }));
const typeOf = (key: MeetingTypeKey) => MEETING_TYPES.find((x) => x.key === key)!;

// ---------------------------------------------------------------------------------------------------------------
// Invitees drawn from the structure
// ---------------------------------------------------------------------------------------------------------------

interface Node {
  id: number;
  name: string;
  level: string;
  path: string;
}
interface NewInvitee {
  kind: InviteeKind;
  refId: number | null;
  name: string;
  ruleKey: string;
  accountId: number | null;
}

const ruleKeyOf = (r: InviteeRule) =>
  r.kind === 'role' ? `role:${r.role}` : r.kind === 'guests' ? `guests:${r.group}` : r.kind;

/** The community above (or at) a node. */
async function communityOf(db: DbOrTx, node: Node): Promise<Node | null> {
  if (node.level === 'community') return node;
  const [c] = await db
    .select({ id: territories.id, name: territories.name, level: territories.level, path: territories.path })
    .from(territories)
    .where(and(inArray(territories.id, pathIds(node.path)), eq(territories.level, 'community')));
  return c ?? null;
}

/** Applies a meeting type's invitee rules to a node (read through the organizations and orders faces). */
export async function resolveInvitees(
  ctx: Ctx,
  typeKey: MeetingTypeKey,
  node: Node,
  guests: { name: string; group: 'deputies' | 'residentReps' }[],
): Promise<NewInvitee[]> {
  const out: NewInvitee[] = [];
  const community = await communityOf(ctx.db, node);
  const four = node.level === 'compound' ? await fourParty(ctx, node.id) : null;
  const units: { id: number; name: string }[] = [];
  for (const rule of typeOf(typeKey).invitees as readonly InviteeRule[]) {
    const ruleKey = ruleKeyOf(rule);
    switch (rule.kind) {
      case 'role': {
        const where =
          rule.where === 'community' && community
            ? eq(accounts.territoryId, community.id)
            : sql`${territories.path} like ${`${node.path}%`}`;
        const rows = await ctx.db
          .select({ id: accounts.id, name: accounts.displayName })
          .from(accounts)
          .innerJoin(territories, eq(territories.id, accounts.territoryId))
          .where(and(where, sql`${rule.role} = any(${accounts.roles})`))
          .orderBy(asc(accounts.id))
          .limit(50);
        for (const r of rows) out.push({ kind: 'account', refId: r.id, name: r.name, ruleKey, accountId: r.id });
        break;
      }
      case 'communityCommittee': {
        if (four?.communityCommittee) {
          out.push({
            kind: 'partyOrg',
            refId: four.communityCommittee.id,
            name: four.communityCommittee.name,
            ruleKey,
            accountId: null,
          });
          break;
        }
        const orgs = await listPartyOrgs(ctx, { territoryId: node.id, page: 1, pageSize: 200 });
        const top = orgs.items.find(
          (o) =>
            o.territory.id === node.id &&
            ['workingCommittee', 'committee', 'generalBranch'].includes(o.kind) &&
            !o.unit,
        );
        if (top) out.push({ kind: 'partyOrg', refId: top.id, name: top.name, ruleKey, accountId: null });
        break;
      }
      case 'compoundBranch':
        if (four?.compoundBranch)
          out.push({
            kind: 'partyOrg',
            refId: four.compoundBranch.id,
            name: four.compoundBranch.name,
            ruleKey,
            accountId: null,
          });
        break;
      case 'ownersCommittee': {
        if (four) {
          if (four.ownersCommittee)
            out.push({
              kind: 'ownersCommittee',
              refId: four.ownersCommittee.id,
              name: four.ownersCommittee.name,
              ruleKey,
              accountId: null,
            });
          break;
        }
        const list = await listOwnersCommittees(ctx, { territoryId: node.id, page: 1, pageSize: 50 });
        for (const oc of list.items)
          out.push({ kind: 'ownersCommittee', refId: oc.id, name: oc.name, ruleKey, accountId: null });
        break;
      }
      case 'propertyCompany': {
        if (four) {
          if (four.propertyCompany) units.push(four.propertyCompany);
          if (four.propertyCompany)
            out.push({
              kind: 'unit',
              refId: four.propertyCompany.id,
              name: four.propertyCompany.name,
              ruleKey,
              accountId: null,
            });
          break;
        }
        const list = await listUnits(ctx, { territoryId: node.id, kind: 'propertyCompany', page: 1, pageSize: 50 });
        for (const u of list.items) {
          units.push(u);
          out.push({ kind: 'unit', refId: u.id, name: u.name, ruleKey, accountId: null });
        }
        break;
      }
      case 'units': {
        const list = await listUnits(ctx, {
          territoryId: node.id,
          ...(rule.unitKind ? { kind: rule.unitKind } : {}),
          page: 1,
          pageSize: 100,
        });
        for (const u of list.items) {
          units.push(u);
          out.push({ kind: 'unit', refId: u.id, name: u.name, ruleKey, accountId: null });
        }
        break;
      }
      case 'guests':
        for (const g of guests.filter((x) => x.group === rule.group))
          out.push({ kind: 'guest', refId: null, name: g.name, ruleKey, accountId: null });
        break;
    }
  }
  // A unit hears through its first contact account.
  const contacts = await unitContactAccounts(ctx.db, [...new Set(units.map((u) => u.id))]);
  for (const i of out) if (i.kind === 'unit' && i.refId) i.accountId = contacts.get(i.refId)?.[0] ?? null;
  // One row per invited thing (a unit drawn by two rules is invited once).
  const seen = new Set<string>();
  return out.filter((i) => {
    const k = `${i.kind}:${i.refId ?? i.name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Meetings
// ---------------------------------------------------------------------------------------------------------------

/**
 * Creates a meeting of a body (type + node): invitees drawn from the type's rule, the body's undone action items
 * carried onto the agenda, invitations sent in-app, all in one transaction.
 */
export async function createMeeting(ctx: Ctx, input: CreateMeeting): Promise<Meeting> {
  const node = await placeInScope(ctx.db, ctx.actor, input.territoryId);
  const type = typeOf(input.typeKey);
  if (!(type.levels as readonly string[]).includes(node.level))
    throw fieldError(ctx, 'territoryId', 'meetings.wrongLevel', {
      levels: type.levels.map((l) => t(ctx.locale, `meetings.level.${l}`)).join('、'),
    });
  const invitees = await resolveInvitees(ctx, input.typeKey, node, input.guests);
  const bodyKey = `${input.typeKey}:${node.id}`;
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(m)
      .values({
        typeKey: input.typeKey,
        territoryId: node.id,
        scopePath: node.path,
        bodyKey,
        title: input.title,
        startsAt: input.startsAt,
        place: input.place ?? null,
        signInCode: String(randomInt(100000, 1000000)),
        createdBy: ctx.actor.accountId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const meetingId = row!.id;
    if (invitees.length)
      await tx
        .insert(meetingInvitees)
        .values(invitees.map((i) => ({ ...i, meetingId, createdAt: now, updatedAt: now })));
    // The next meeting of the same body opens with the undone items.
    const undone = await tx
      .select({ id: a.id, title: a.title })
      .from(a)
      .where(and(eq(a.bodyKey, bodyKey), inArray(a.status, [...UNDONE])))
      .orderBy(asc(a.dueAt), asc(a.id));
    if (undone.length)
      await tx.insert(agendaItems).values(
        undone.map((u, i) => ({
          meetingId,
          sortOrder: i,
          title: u.title,
          source: 'carriedOver' as const,
          actionItemId: u.id,
          createdAt: now,
          updatedAt: now,
        })),
      );
    await notify(tx, ctx, [
      {
        kind: 'meeting.invited',
        accountIds: invitees.map((i) => i.accountId),
        params: { title: input.title, deadline: input.startsAt.toISOString(), place: input.place ?? '' },
        link: `/m/meetings`,
      },
    ]);
    await audit(tx, ctx, {
      action: 'meeting.create',
      objectType: 'meeting',
      objectId: meetingId,
      scopePath: node.path,
      after: { ...row, signInCode: undefined, invitees: invitees.map((i) => i.name), carriedOver: undone.length },
    });
    return meetingId;
  });
  return getMeeting(ctx, id);
}

async function meetingRow(ctx: Ctx, id: number, db: DbOrTx = ctx.db, lock = false) {
  const q = db
    .select()
    .from(m)
    .where(and(eq(m.id, id), inScope(ctx.actor, m.scopePath)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound();
  return row;
}

const orderOut = (o: OpenOrderRef | undefined) =>
  o ? { id: o.id, title: o.title, status: o.status, category: o.category } : null;

async function actionItemsOut(
  ctx: Ctx,
  rows: (typeof a.$inferSelect & { meetingTitle: string })[],
): Promise<ActionItem[]> {
  const orders = await orderStatuses(
    ctx.db,
    rows.flatMap((r) => (r.orderId ? [r.orderId] : [])),
  );
  const now = ctx.clock.now();
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meetingId,
    meetingTitle: r.meetingTitle,
    decisionId: r.decisionId,
    title: r.title,
    owner: { kind: r.ownerKind, id: r.ownerId, name: r.ownerName },
    dueAt: r.dueAt,
    status: r.status,
    overdue: UNDONE.includes(r.status) && r.dueAt < now,
    evidence: r.evidence,
    doneAt: r.doneAt,
    order: r.orderId ? orderOut(orders.get(r.orderId)) : null,
  }));
}

/** The console page where a flag is fixed (as the organizations' flags page links it). */
function flagLink(f: FlagRef): string {
  if (f.link.route === 'partyOrg') return `/party-orgs?id=${f.link.id}`;
  return `/compounds?id=${f.link.id}${f.link.focusId ? `&focus=${f.link.focusId}` : ''}`;
}
const flagOut = (f: FlagRef): LinkedFlag => ({
  kind: f.kind,
  id: f.id,
  open: true,
  message: f.message,
  link: flagLink(f),
});

/** A saved flag link, looked up afresh: still standing (with where to fix it) or fixed since. */
async function linkedFlag(ctx: Ctx, path: string, kind: FlagKind, id: number): Promise<LinkedFlag> {
  const [f] = await flagsUnder(ctx, path, { limit: 1, only: { kind, id } });
  return f ? flagOut(f) : { kind, id, open: false, message: null, link: null };
}

const needOut = (n: { id: number; title: string; status: string } | undefined) =>
  n ? { id: n.id, title: n.title, status: n.status } : null;

/** One meeting with invitees, agenda, minutes, decisions and action items (orders' status live). */
export async function getMeeting(ctx: Ctx, id: number): Promise<Meeting> {
  const row = await meetingRow(ctx, id);
  const [[terr], invitees, items, decisions, acts, corrections] = await Promise.all([
    ctx.db
      .select({ id: territories.id, name: territories.name })
      .from(territories)
      .where(eq(territories.id, row.territoryId)),
    ctx.db
      .select({ i: meetingInvitees, accName: accounts.displayName })
      .from(meetingInvitees)
      .leftJoin(accounts, eq(accounts.id, meetingInvitees.accountId))
      .where(eq(meetingInvitees.meetingId, id))
      .orderBy(asc(meetingInvitees.id)),
    ctx.db
      .select()
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, id))
      .orderBy(asc(agendaItems.sortOrder), asc(agendaItems.id)),
    ctx.db.select().from(meetingDecisions).where(eq(meetingDecisions.meetingId, id)).orderBy(asc(meetingDecisions.id)),
    ctx.db.select().from(a).where(eq(a.meetingId, id)).orderBy(asc(a.id)),
    ctx.db
      .select({ c: meetingCorrections, by: accounts.displayName })
      .from(meetingCorrections)
      .leftJoin(accounts, eq(accounts.id, meetingCorrections.by))
      .where(eq(meetingCorrections.meetingId, id))
      .orderBy(asc(meetingCorrections.id)),
  ]);
  const actsOut = await actionItemsOut(
    ctx,
    acts.map((x) => ({ ...x, meetingTitle: row.title })),
  );
  const carriedIds = items.flatMap((i) => (i.actionItemId ? [i.actionItemId] : []));
  const carried = carriedIds.length
    ? await ctx.db.select({ id: a.id, title: a.title, status: a.status }).from(a).where(inArray(a.id, carriedIds))
    : [];
  const orders = await orderStatuses(
    ctx.db,
    items.flatMap((i) => i.orderIds),
  );
  const needIds = items.flatMap((i) => (i.needId ? [i.needId] : []));
  const needs = await openNeedsUnder(ctx.db, row.scopePath, { ids: needIds, limit: needIds.length });
  const flags = new Map<number, LinkedFlag>();
  for (const i of items)
    if (i.flagKind && i.flagId) flags.set(i.id, await linkedFlag(ctx, row.scopePath, i.flagKind, i.flagId));
  const agenda: AgendaItem[] = items.map((i) => ({
    id: i.id,
    title: i.title,
    source: i.source,
    orders: i.orderIds.flatMap((oid) => {
      const o = orderOut(orders.get(oid));
      return o ? [o] : [];
    }),
    carriedOver: carried.find((c) => c.id === i.actionItemId) ?? null,
    consultationId: i.consultationId,
    need: needOut(needs.find((n) => n.id === i.needId)),
    flag: flags.get(i.id) ?? null,
    minutes: i.minutes,
    decisions: decisions
      .filter((d) => d.agendaItemId === i.id)
      .map((d) => ({ id: d.id, text: d.text, actionItems: actsOut.filter((x) => x.decisionId === d.id) })),
  }));
  return {
    id: row.id,
    typeKey: row.typeKey,
    title: row.title,
    territory: terr ?? { id: row.territoryId, name: '' },
    startsAt: row.startsAt,
    place: row.place,
    status: row.status,
    signInCode: isStaff(ctx) && (row.status === 'planned' || row.status === 'held') ? row.signInCode : null,
    approvedAt: row.approvedAt,
    invitees: invitees.map(({ i, accName }) => ({
      id: i.id,
      kind: i.kind,
      refId: i.refId,
      name: i.name,
      ruleKey: i.ruleKey,
      account: i.accountId !== null && accName !== null ? { id: i.accountId, name: accName } : null,
      attended: i.attended,
      signedInAt: i.signedInAt,
      signedInBy: i.signedInBy,
    })),
    agenda,
    corrections: corrections.map(({ c, by }) => ({ id: c.id, target: c.target, reason: c.reason, by, at: c.at })),
  };
}

/** Meetings of the caller's subtree, newest first, filtered by type, status, node and date. */
export async function listMeetings(ctx: Ctx, q: MeetingQuery) {
  const w: SQL[] = [inScope(ctx.actor, m.scopePath)];
  if (q.typeKey) w.push(eq(m.typeKey, q.typeKey));
  if (q.status) w.push(inArray(m.status, q.status));
  w.push(...(await placeFilter(ctx.db, ctx.actor, m.scopePath, q.territoryId)));
  if (q.from) w.push(gte(m.startsAt, q.from));
  if (q.to) w.push(lte(m.startsAt, q.to));
  if (q.q) w.push(ilike(m.title, `%${escapeLike(q.q)}%`));
  const where = and(...w);
  const count1 = (expr: SQL) => sql<number>`(${expr})::int`.mapWith(Number);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: m.id,
        typeKey: m.typeKey,
        title: m.title,
        tId: territories.id,
        tName: territories.name,
        startsAt: m.startsAt,
        place: m.place,
        status: m.status,
        invited: count1(sql.raw('select count(*) from meeting_invitees x where x.meeting_id = meetings.id')),
        attended: count1(
          sql.raw('select count(*) from meeting_invitees x where x.meeting_id = meetings.id and x.attended'),
        ),
        decisions: count1(sql.raw('select count(*) from meeting_decisions x where x.meeting_id = meetings.id')),
        actionItems: count1(sql.raw('select count(*) from meeting_action_items x where x.meeting_id = meetings.id')),
        undoneActionItems: count1(
          sql.raw(
            "select count(*) from meeting_action_items x where x.meeting_id = meetings.id and x.status in ('open','inProgress')",
          ),
        ),
      })
      .from(m)
      .innerJoin(territories, eq(territories.id, m.territoryId))
      .where(where)
      .orderBy(desc(m.startsAt), desc(m.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(m).where(where),
  ]);
  const items: MeetingListItem[] = rows.map(({ tId, tName, ...r }) => ({ ...r, territory: { id: tId, name: tName } }));
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/**
 * What the agenda could take up (seed 002's 每月一题): order hotspots of the meeting's subtree (same compound and
 * category repeated), its overdue orders, its open needs of co-building, its structure flags to fix, and the undone
 * action items of earlier meetings of the same body (issue 13 item 2); each linked, none already on this agenda.
 */
export async function proposals(ctx: Ctx, id: number) {
  const row = await meetingRow(ctx, id);
  const now = ctx.clock.now();
  const [hot, late, needs, flags, undone, taken] = await Promise.all([
    orderHotspots(ctx.db, row.scopePath, now, HOTSPOT_RULE),
    overdueOrders(ctx.db, row.scopePath, now, 20),
    openNeedsUnder(ctx.db, row.scopePath, { limit: 20 }),
    flagsUnder(ctx, row.scopePath, { limit: 20 }),
    ctx.db
      .select({ id: a.id, title: a.title })
      .from(a)
      .where(and(eq(a.bodyKey, row.bodyKey), inArray(a.status, [...UNDONE]), sql`${a.meetingId} <> ${id}`))
      .orderBy(asc(a.dueAt)),
    ctx.db.select().from(agendaItems).where(eq(agendaItems.meetingId, id)),
  ]);
  const takenOrders = new Set(taken.flatMap((x) => x.orderIds));
  const takenActions = new Set(taken.flatMap((x) => (x.actionItemId ? [x.actionItemId] : [])));
  const takenNeeds = new Set(taken.flatMap((x) => (x.needId ? [x.needId] : [])));
  const takenFlags = new Set(taken.flatMap((x) => (x.flagKind && x.flagId ? [`${x.flagKind}:${x.flagId}`] : [])));
  const none = { orders: [], actionItemId: null, need: null, flag: null, compound: null, category: null, count: 1 };
  const statuses = await orderStatuses(
    ctx.db,
    hot.flatMap((h) => h.orderIds),
  );
  const cat = (c: string) => t(ctx.locale, `meetings.category.${c}`);
  const items: Proposal[] = [
    ...hot
      .filter((h) => !h.orderIds.every((o) => takenOrders.has(o)))
      .map((h) => ({
        source: 'hotspot' as const,
        title: t(ctx.locale, 'meetings.proposal.hotspot', {
          compound: h.compoundName,
          category: cat(h.category),
          count: h.count,
        }),
        orders: h.orderIds.flatMap((o) => {
          const x = orderOut(statuses.get(o));
          return x ? [x] : [];
        }),
        actionItemId: null,
        need: null,
        flag: null,
        compound: { id: h.compoundId, name: h.compoundName },
        category: h.category,
        count: h.count,
      })),
    ...late
      .filter((o) => !takenOrders.has(o.id))
      .map((o) => ({
        source: 'overdueOrder' as const,
        title: t(ctx.locale, 'meetings.proposal.overdue', { title: o.title }),
        orders: [orderOut(o)!],
        actionItemId: null,
        need: null,
        flag: null,
        compound: null,
        category: o.category,
        count: 1,
      })),
    ...needs
      .filter((n) => !takenNeeds.has(n.id))
      .map((n) => ({
        ...none,
        source: 'need' as const,
        title: t(ctx.locale, 'meetings.proposal.need', { title: n.title, place: n.territory.name }),
        need: needOut(n),
        category: n.category,
      })),
    ...flags
      .filter((f) => !takenFlags.has(`${f.kind}:${f.id}`))
      .map((f) => ({
        ...none,
        source: 'flag' as const,
        title: t(ctx.locale, 'meetings.proposal.flag', { message: f.message }),
        flag: flagOut(f),
      })),
    ...undone
      .filter((u) => !takenActions.has(u.id))
      .map((u) => ({
        ...none,
        source: 'carriedOver' as const,
        title: u.title,
        actionItemId: u.id,
      })),
  ];
  return { rule: HOTSPOT_RULE, items };
}

function requireEditable(row: typeof m.$inferSelect) {
  if (row.status === 'approved') throw conflict('meetings.minutesLocked');
  if (row.status === 'cancelled') throw conflict('meetings.cancelled');
}

/** Adds an agenda item (proposed or the staff's own); linked orders and action items must be of the subtree. */
export async function addAgendaItem(ctx: Ctx, id: number, input: AddAgendaItem): Promise<Meeting> {
  await ctx.db.transaction(async (tx) => {
    const row = await meetingRow(ctx, id, tx, true);
    requireEditable(row);
    const orders = await orderStatuses(tx, input.orderIds);
    for (const [i, oid] of input.orderIds.entries()) {
      const o = orders.get(oid);
      if (!o || !o.scopePath.startsWith(row.scopePath))
        throw fieldError(ctx, `orderIds.${i}`, 'meetings.orderNotFound');
    }
    if (input.actionItemId) {
      const [x] = await tx
        .select()
        .from(a)
        .where(and(eq(a.id, input.actionItemId), eq(a.bodyKey, row.bodyKey)));
      if (!x) throw fieldError(ctx, 'actionItemId', 'meetings.actionItemNotFound');
    }
    // A need or a flag is linked only from the meeting's own subtree, and only under its own source.
    if (input.source === 'need' && !input.needId) throw fieldError(ctx, 'needId', 'meetings.needRequired');
    if (input.source === 'flag' && !input.flag) throw fieldError(ctx, 'flag', 'meetings.flagRequired');
    if (input.needId) {
      if (input.source !== 'need') throw fieldError(ctx, 'needId', 'meetings.needRequired');
      const [n] = await openNeedsUnder(tx, row.scopePath, { ids: [input.needId], limit: 1 });
      if (!n) throw fieldError(ctx, 'needId', 'meetings.needNotFound');
    }
    if (input.flag) {
      if (input.source !== 'flag') throw fieldError(ctx, 'flag', 'meetings.flagRequired');
      const [f] = await flagsUnder({ ...ctx, db: tx }, row.scopePath, { limit: 1, only: input.flag });
      if (!f) throw fieldError(ctx, 'flag.id', 'meetings.flagNotFound');
    }
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`coalesce(max(${agendaItems.sortOrder}) + 1, 0)::int`.mapWith(Number) })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, id));
    const now = ctx.clock.now();
    const [item] = await tx
      .insert(agendaItems)
      .values({
        meetingId: id,
        sortOrder: n,
        title: input.title,
        source: input.source,
        orderIds: input.orderIds,
        actionItemId: input.actionItemId ?? null,
        needId: input.needId ?? null,
        flagKind: input.flag?.kind ?? null,
        flagId: input.flag?.id ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'meeting.agenda.add',
      objectType: 'meeting',
      objectId: id,
      scopePath: row.scopePath,
      after: item,
    });
  });
  return getMeeting(ctx, id);
}

async function agendaRow(tx: DbOrTx, meetingId: number, itemId: number) {
  const [item] = await tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
  if (!item) throw notFound('meetings.agendaItemNotFound');
  return item;
}

/** Records the minutes of one agenda item (until the minutes are approved). */
export async function setMinutes(ctx: Ctx, id: number, itemId: number, minutes: string): Promise<Meeting> {
  await ctx.db.transaction(async (tx) => {
    const row = await meetingRow(ctx, id, tx, true);
    requireEditable(row);
    const item = await agendaRow(tx, id, itemId);
    await tx.update(agendaItems).set({ minutes, updatedAt: ctx.clock.now() }).where(eq(agendaItems.id, itemId));
    await audit(tx, ctx, {
      action: 'meeting.minutes',
      objectType: 'meetingAgendaItem',
      objectId: itemId,
      scopePath: row.scopePath,
      before: { minutes: item.minutes },
      after: { minutes },
    });
  });
  return getMeeting(ctx, id);
}

/** Records a decision 议定事项 on an agenda item. */
export async function addDecision(ctx: Ctx, id: number, itemId: number, text: string): Promise<Meeting> {
  await ctx.db.transaction(async (tx) => {
    const row = await meetingRow(ctx, id, tx, true);
    requireEditable(row);
    await agendaRow(tx, id, itemId);
    const now = ctx.clock.now();
    const [d] = await tx
      .insert(meetingDecisions)
      .values({ meetingId: id, agendaItemId: itemId, text, createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, ctx, {
      action: 'meeting.decision',
      objectType: 'meetingDecision',
      objectId: d!.id,
      scopePath: row.scopePath,
      after: d,
    });
  });
  return getMeeting(ctx, id);
}

/** Moves a meeting: hold (planned → held), approve the minutes (held → approved: locked), cancel. */
export async function moveMeeting(ctx: Ctx, id: number, move: keyof typeof MEETING_MOVES): Promise<Meeting> {
  await ctx.db.transaction(async (tx) => {
    const row = await meetingRow(ctx, id, tx, true);
    const rule = MEETING_MOVES[move];
    if (!rule.from.includes(row.status))
      throw conflict('meetings.illegalMove', {
        move: t(ctx.locale, `meetings.move.${move}`),
        status: t(ctx.locale, `meetings.status.${row.status}`),
      });
    const now = ctx.clock.now();
    const patch: Partial<typeof m.$inferInsert> = { status: rule.to, updatedAt: now };
    if (move === 'approve') Object.assign(patch, { approvedAt: now, approvedBy: ctx.actor.accountId });
    await tx.update(m).set(patch).where(eq(m.id, id));
    // Minutes approved: each attending party member earns the meeting points, once (issue 15 item 2).
    if (move === 'approve') await settleMeetingPoints(tx, id, row.scopePath, now);
    await audit(tx, ctx, {
      action: `meeting.${move}`,
      objectType: 'meeting',
      objectId: id,
      scopePath: row.scopePath,
      before: { status: row.status },
      after: { status: rule.to },
    });
  });
  return getMeeting(ctx, id);
}

/** The secretary records an invitee present or absent (until the minutes are approved). */
export async function recordAttendance(ctx: Ctx, id: number, inviteeId: number, attended: boolean): Promise<Meeting> {
  await ctx.db.transaction(async (tx) => {
    const row = await meetingRow(ctx, id, tx, true);
    requireEditable(row);
    const [inv] = await tx
      .select()
      .from(meetingInvitees)
      .where(and(eq(meetingInvitees.id, inviteeId), eq(meetingInvitees.meetingId, id)));
    if (!inv) throw fieldError(ctx, 'inviteeId', 'meetings.inviteeNotFound');
    const now = ctx.clock.now();
    await tx
      .update(meetingInvitees)
      .set({
        attended,
        signedInAt: attended ? (inv.signedInAt ?? now) : null,
        signedInBy: attended ? (inv.signedInBy ?? 'secretary') : null,
        updatedAt: now,
      })
      .where(eq(meetingInvitees.id, inviteeId));
    await audit(tx, ctx, {
      action: 'meeting.attendance',
      objectType: 'meetingInvitee',
      objectId: inviteeId,
      scopePath: row.scopePath,
      before: { attended: inv.attended },
      after: { attended },
    });
  });
  return getMeeting(ctx, id);
}

/**
 * An invitee signs in with the meeting's code (shown as a QR code): only if invited (else 404), only once (409),
 * only while the meeting is planned or being held.
 */
export async function signIn(ctx: Ctx, id: number, code: string) {
  return ctx.db.transaction(async (tx) => {
    const [inv] = await tx
      .select({ i: meetingInvitees, mt: m })
      .from(meetingInvitees)
      .innerJoin(m, eq(m.id, meetingInvitees.meetingId))
      .where(and(eq(meetingInvitees.meetingId, id), eq(meetingInvitees.accountId, ctx.actor.accountId)))
      .orderBy(asc(meetingInvitees.id))
      .limit(1)
      .for('update');
    if (!inv) throw notFound();
    if (inv.mt.status !== 'planned' && inv.mt.status !== 'held') throw conflict('meetings.signInClosed');
    if (inv.i.attended) throw conflict('meetings.alreadySignedIn');
    if (inv.mt.signInCode !== code) throw fieldError(ctx, 'code', 'meetings.wrongCode');
    const now = ctx.clock.now();
    await tx
      .update(meetingInvitees)
      .set({ attended: true, signedInAt: now, signedInBy: 'self', updatedAt: now })
      .where(eq(meetingInvitees.id, inv.i.id));
    await audit(tx, ctx, {
      action: 'meeting.signIn',
      objectType: 'meetingInvitee',
      objectId: inv.i.id,
      scopePath: inv.mt.scopePath,
      after: { attended: true, signedInBy: 'self' },
    });
    return { meetingId: id, signedInAt: now };
  });
}

/** Corrects approved minutes or attendance: the change is kept with its reason (a recorded correction). */
export async function correctMeeting(ctx: Ctx, id: number, input: CorrectionInput): Promise<Meeting> {
  await ctx.db.transaction(async (tx) => {
    const row = await meetingRow(ctx, id, tx, true);
    if (row.status !== 'approved') throw conflict('meetings.notApproved');
    const now = ctx.clock.now();
    let target: string;
    let before: unknown;
    let after: unknown;
    if (input.agendaItemId && input.minutes != null) {
      const item = await agendaRow(tx, id, input.agendaItemId);
      target = `agendaItem:${item.id}`;
      before = { minutes: item.minutes };
      after = { minutes: input.minutes };
      await tx.update(agendaItems).set({ minutes: input.minutes, updatedAt: now }).where(eq(agendaItems.id, item.id));
    } else if (input.inviteeId && input.attended != null) {
      const [inv] = await tx
        .select()
        .from(meetingInvitees)
        .where(and(eq(meetingInvitees.id, input.inviteeId), eq(meetingInvitees.meetingId, id)));
      if (!inv) throw fieldError(ctx, 'inviteeId', 'meetings.inviteeNotFound');
      target = `invitee:${inv.id}`;
      before = { attended: inv.attended };
      after = { attended: input.attended };
      await tx
        .update(meetingInvitees)
        .set({ attended: input.attended, signedInBy: input.attended ? 'secretary' : null, updatedAt: now })
        .where(eq(meetingInvitees.id, inv.id));
      // Corrected attendance: the points follow by a ledger entry (a reversal, or a credit again), never a delete.
      await settleMeetingPoints(tx, id, row.scopePath, now, { inviteeId: inv.id, reason: input.reason });
    } else {
      throw fieldError(ctx, 'reason', 'meetings.correctionEmpty');
    }
    await tx
      .insert(meetingCorrections)
      .values({ meetingId: id, target, before, after, reason: input.reason, by: ctx.actor.accountId, at: now });
    await audit(tx, ctx, {
      action: 'meeting.correct',
      objectType: 'meeting',
      objectId: id,
      scopePath: row.scopePath,
      before,
      after: { ...(after as object), reason: input.reason },
    });
  });
  return getMeeting(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------------
// Action items 督办事项
// ---------------------------------------------------------------------------------------------------------------

/** Who may own an action item: the meeting's invited accounts, units and party organisations. */
export async function ownerChoices(ctx: Ctx, id: number) {
  await meetingRow(ctx, id);
  const rows = await ctx.db
    .select()
    .from(meetingInvitees)
    .where(and(eq(meetingInvitees.meetingId, id), inArray(meetingInvitees.kind, ['account', 'unit', 'partyOrg'])))
    .orderBy(asc(meetingInvitees.id));
  return rows.flatMap((r) =>
    r.refId ? [{ kind: r.kind as 'account' | 'unit' | 'partyOrg', id: r.refId, name: r.name }] : [],
  );
}

function selectActions(db: DbOrTx) {
  return db.select({ x: a, meetingTitle: m.title }).from(a).innerJoin(m, eq(m.id, a.meetingId));
}

async function getActionItem(ctx: Ctx, id: number): Promise<ActionItem> {
  const rows = await selectActions(ctx.db).where(and(eq(a.id, id), inScope(ctx.actor, a.scopePath)));
  if (!rows.length) throw notFound();
  return (
    await actionItemsOut(
      ctx,
      rows.map((r) => ({ ...r.x, meetingTitle: r.meetingTitle })),
    )
  )[0]!;
}

const remindAtOf = (dueAt: Date, now: Date) => {
  const at = new Date(dueAt.getTime() - REMIND_BEFORE_HOURS * HOUR);
  return at > now ? at : null;
};

/** Creates an action item of a decision: owner (one of the meeting's invitees), deadline; reminders are scheduled. */
export async function addActionItem(ctx: Ctx, decisionId: number, input: ActionItemInput): Promise<ActionItem> {
  const id = await ctx.db.transaction(async (tx) => {
    const [d] = await tx.select().from(meetingDecisions).where(eq(meetingDecisions.id, decisionId));
    if (!d) throw notFound();
    const row = await meetingRow(ctx, d.meetingId, tx, true);
    requireEditable(row);
    const [owner] = await tx
      .select()
      .from(meetingInvitees)
      .where(
        and(
          eq(meetingInvitees.meetingId, row.id),
          eq(meetingInvitees.kind, input.ownerKind),
          eq(meetingInvitees.refId, input.ownerId),
        ),
      )
      .limit(1);
    if (!owner) throw fieldError(ctx, 'ownerId', 'meetings.ownerNotInvited');
    const now = ctx.clock.now();
    if (input.dueAt <= now) throw fieldError(ctx, 'dueAt', 'meetings.dueInPast');
    const [x] = await tx
      .insert(a)
      .values({
        meetingId: row.id,
        decisionId,
        scopePath: row.scopePath,
        bodyKey: row.bodyKey,
        title: input.title,
        ownerKind: input.ownerKind,
        ownerId: input.ownerId,
        ownerName: owner.name,
        ownerAccountId: owner.accountId,
        dueAt: input.dueAt,
        remindAt: remindAtOf(input.dueAt, now),
        overdueAt: input.dueAt,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'actionItem.create',
      objectType: 'actionItem',
      objectId: x!.id,
      scopePath: row.scopePath,
      after: x,
    });
    return x!.id;
  });
  return getActionItem(ctx, id);
}

/** Moves an action item (open → inProgress → done; cancelled) or records its evidence or new deadline. */
export async function updateActionItem(ctx: Ctx, id: number, input: ActionItemUpdate): Promise<ActionItem> {
  await ctx.db.transaction(async (tx) => {
    const [x] = await tx
      .select()
      .from(a)
      .where(and(eq(a.id, id), inScope(ctx.actor, a.scopePath)))
      .for('update');
    if (!x) throw notFound();
    const now = ctx.clock.now();
    const patch: Partial<typeof a.$inferInsert> = { updatedAt: now };
    if (input.evidence !== undefined) patch.evidence = input.evidence ?? null;
    if (input.dueAt) {
      if (!UNDONE.includes(x.status)) throw conflict('meetings.actionFinished');
      patch.dueAt = input.dueAt;
      patch.remindAt = remindAtOf(input.dueAt, now);
      patch.overdueAt = input.dueAt;
    }
    if (input.status && input.status !== x.status) {
      if (!ACTION_MOVES[x.status].includes(input.status))
        throw conflict('meetings.illegalActionMove', {
          from: t(ctx.locale, `meetings.actionStatus.${x.status}`),
          to: t(ctx.locale, `meetings.actionStatus.${input.status}`),
        });
      if (input.status === 'done' && !(patch.evidence ?? x.evidence))
        throw fieldError(ctx, 'evidence', 'meetings.evidenceRequired');
      patch.status = input.status;
      if (input.status === 'done' || input.status === 'cancelled') {
        patch.doneAt = now;
        patch.remindAt = null;
        patch.overdueAt = null;
      }
    }
    const [after] = await tx.update(a).set(patch).where(eq(a.id, id)).returning();
    await audit(tx, ctx, {
      action: 'actionItem.update',
      objectType: 'actionItem',
      objectId: id,
      scopePath: x.scopePath,
      before: x,
      after,
    });
  });
  return getActionItem(ctx, id);
}

/** Creates a service order for an action item (through the orders' face), linked so its status shows live. */
export async function createOrderForAction(ctx: Ctx, id: number, input: ActionOrderInput): Promise<ActionItem> {
  await ctx.db.transaction(async (tx) => {
    const [x] = await tx
      .select()
      .from(a)
      .where(and(eq(a.id, id), inScope(ctx.actor, a.scopePath)))
      .for('update');
    if (!x) throw notFound();
    if (x.orderId) throw conflict('meetings.orderExists');
    if (!UNDONE.includes(x.status)) throw conflict('meetings.actionFinished');
    const [mt] = await tx.select().from(m).where(eq(m.id, x.meetingId));
    const order = await createOrder(inTx(ctx, tx), {
      kind: 'problem',
      category: input.category,
      title: x.title.slice(0, 100),
      description: input.description ?? null,
      territoryId: input.territoryId ?? mt!.territoryId,
    });
    await tx.update(a).set({ orderId: order.id, updatedAt: ctx.clock.now() }).where(eq(a.id, id));
    await audit(tx, ctx, {
      action: 'actionItem.createOrder',
      objectType: 'actionItem',
      objectId: id,
      scopePath: x.scopePath,
      after: { orderId: order.id },
    });
  });
  return getActionItem(ctx, id);
}

/** Action items of the caller's subtree (or owned by the caller: `mine`), overdue first when asked. */
export async function listActionItems(ctx: Ctx, q: ActionItemQuery) {
  const now = ctx.clock.now();
  const w: SQL[] = [q.mine === 'true' ? eq(a.ownerAccountId, ctx.actor.accountId) : inScope(ctx.actor, a.scopePath)];
  if (q.status) w.push(inArray(a.status, q.status));
  if (q.overdue === 'true') w.push(and(inArray(a.status, [...UNDONE]), lte(a.dueAt, now))!);
  if (q.overdue === 'false') w.push(or(sql`${a.status} not in ('open','inProgress')`, gte(a.dueAt, now))!);
  if (q.meetingId) w.push(eq(a.meetingId, q.meetingId));
  if (q.q) w.push(ilike(a.title, `%${escapeLike(q.q)}%`));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    selectActions(ctx.db).where(where).orderBy(asc(a.dueAt), asc(a.id)).limit(q.pageSize).offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(a).where(where),
  ]);
  const items = await actionItemsOut(
    ctx,
    rows.map((r) => ({ ...r.x, meetingTitle: r.meetingTitle })),
  );
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

// ---------------------------------------------------------------------------------------------------------------
// The reminder pass (reads the app clock; tests move it)
// ---------------------------------------------------------------------------------------------------------------

export interface ReminderResult {
  reminded: number;
  overdue: number;
}

/**
 * One pass of the action-item reminders: a reminder `REMIND_BEFORE_HOURS` before the deadline and a notice when
 * it passes, to the owner's account and the meeting's secretary. Due rows are taken `FOR UPDATE SKIP LOCKED`,
 * so several servers never remind twice.
 */
export async function remindActionItems(db: Db, clock: Clock): Promise<ReminderResult> {
  const now = clock.now();
  const ctx = { actor: systemActor(), clock, requestId: 'scheduler', ip: '' };
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(a)
      .where(and(inArray(a.status, [...UNDONE]), or(lte(a.remindAt, now), lte(a.overdueAt, now))))
      .orderBy(a.id)
      .limit(200)
      .for('update', { skipLocked: true });
    const result: ReminderResult = { reminded: 0, overdue: 0 };
    const creators = due.length
      ? await tx
          .select({ id: m.id, createdBy: m.createdBy, title: m.title })
          .from(m)
          .where(inArray(m.id, [...new Set(due.map((d) => d.meetingId))]))
      : [];
    const events: NotifyEvent[] = [];
    for (const x of due) {
      const mt = creators.find((c) => c.id === x.meetingId);
      const isOverdue = x.overdueAt !== null && x.overdueAt <= now;
      const kind = isOverdue ? 'actionItem.overdue' : 'actionItem.reminder';
      await tx
        .update(a)
        .set(isOverdue ? { overdueAt: null, remindAt: null } : { remindAt: null })
        .where(eq(a.id, x.id));
      events.push({
        kind,
        accountIds: [x.ownerAccountId, mt?.createdBy],
        params: { title: x.title, meeting: mt?.title ?? '', deadline: x.dueAt.toISOString() },
        link: `/meetings/action-items?focus=${x.id}`,
      });
      await audit(tx, ctx, {
        action: isOverdue ? 'actionItem.overdue' : 'actionItem.remind',
        objectType: 'actionItem',
        objectId: x.id,
        scopePath: x.scopePath,
        after: { dueAt: x.dueAt },
      });
      if (isOverdue) result.overdue++;
      else result.reminded++;
    }
    // notify() hears each account once per call: one call per event keeps every reminder.
    for (const e of events) await notify(tx, ctx, [e]);
    return result;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// An invitee's own meetings (the mobile pages)
// ---------------------------------------------------------------------------------------------------------------

/** Meetings the caller is invited to; minutes only of those they attended once approved. */
export async function myMeetings(ctx: Ctx): Promise<{ items: MyMeeting[] }> {
  const rows = await ctx.db
    .select({ mt: m, attended: meetingInvitees.attended, tName: territories.name })
    .from(meetingInvitees)
    .innerJoin(m, eq(m.id, meetingInvitees.meetingId))
    .innerJoin(territories, eq(territories.id, m.territoryId))
    .where(and(eq(meetingInvitees.accountId, ctx.actor.accountId), sql`${m.status} <> 'cancelled'`))
    .orderBy(desc(m.startsAt))
    .limit(100);
  const readable = rows.filter((r) => r.attended && r.mt.status === 'approved').map((r) => r.mt.id);
  const [items, decisions] = readable.length
    ? await Promise.all([
        ctx.db
          .select()
          .from(agendaItems)
          .where(inArray(agendaItems.meetingId, readable))
          .orderBy(asc(agendaItems.sortOrder)),
        ctx.db.select().from(meetingDecisions).where(inArray(meetingDecisions.meetingId, readable)),
      ])
    : [[], []];
  return {
    items: rows.map((r) => ({
      id: r.mt.id,
      typeKey: r.mt.typeKey,
      title: r.mt.title,
      territory: { id: r.mt.territoryId, name: r.tName },
      startsAt: r.mt.startsAt,
      place: r.mt.place,
      status: r.mt.status,
      attended: r.attended,
      minutes: items
        .filter((i) => i.meetingId === r.mt.id)
        .map((i) => ({
          title: i.title,
          minutes: i.minutes,
          decisions: decisions.filter((d) => d.agendaItemId === i.id).map((d) => d.text),
        })),
    })),
  };
}
