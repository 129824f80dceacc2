import { and, asc, count, desc, eq, gte, ilike, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { audit, maskPhone } from '../../kernel/audit/audit.js';
import { addDays, chinaDay, chinaDayStart, type Clock } from '../../kernel/clock.js';
import { systemActor, type Ctx } from '../../kernel/context.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, inSubtree, placeFilter, placeInScope } from '../../kernel/scope/scope.js';
import { notify } from '../notifications/index.js';
import { coItemEvents, coItemLoans, coSharedItems } from './schema.js';
import {
  ITEM_MOVES,
  REMIND_DAYS_BEFORE,
  type ItemCondition,
  type ItemEventKind,
  type ItemStatus,
  type LoanChannel,
} from './shared-items.constants.js';
import type {
  BorrowSharedItem,
  CommunityItem,
  CommunityItemQuery,
  CreateSharedItem,
  LendSharedItem,
  LoseLoan,
  MoveSharedItem,
  MyLoan,
  MyLoanQuery,
  ReceiveReturn,
  RequestReturn,
  SharedItem,
  SharedItemDetail,
  SharedItemQuery,
  SharedLoan,
  SharedLoanQuery,
  UpdateSharedItem,
} from './shared-items.contract.js';
import { escapeLike } from '../../kernel/db/search.js';

/**
 * 便民共享服务柜 shared items (issue 12 point 8, decision 042). Staff keep the items of their subtree and lend at
 * the counter; a resident browses and borrows the items of the community they live in (/m). One open loan per item
 * (row lock + partial unique index); a lost, damaged or retired item keeps its row and its history.
 */

type ItemRow = typeof coSharedItems.$inferSelect;
type LoanRow = typeof coItemLoans.$inferSelect;
const DAY = 86_400_000;
const fieldError = (ctx: Ctx, field: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError('validation', undefined, {}, [{ field, message: t(ctx.locale, key, params) }]);
const statusConflict = (ctx: Ctx, status: ItemStatus) =>
  conflict('coBuilding.shared.itemStatus', { status: t(ctx.locale, `coBuilding.shared.status.${status}`) });
const isOpen = (l: Pick<LoanRow, 'status'>) => l.status === 'out' || l.status === 'returnRequested';
const overdue = (l: Pick<LoanRow, 'status' | 'dueOn'>, today: string) => isOpen(l) && l.dueOn < today;
const OPEN_LOAN = sql`${coItemLoans.status} in ('out', 'returnRequested')`;

/** A resident sees the items of their community (their node lies under it); staff see their subtree. */
function residentSees(ctx: Ctx): SQL {
  return or(
    inScope(ctx.actor, coSharedItems.scopePath),
    sql`${ctx.actor.scopePath} like ${coSharedItems.communityPath} || '%'`,
  )!;
}

async function names(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: territories.id, name: territories.name })
    .from(territories)
    .where(inArray(territories.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function itemsOut(db: DbOrTx, rows: ItemRow[], today: string): Promise<SharedItem[]> {
  const ids = rows.map((r) => r.id);
  const [nm, open, counts] = await Promise.all([
    names(
      db,
      rows.flatMap((r) => [r.communityId, r.territoryId]),
    ),
    ids.length
      ? db
          .select()
          .from(coItemLoans)
          .where(and(inArray(coItemLoans.itemId, ids), OPEN_LOAN))
      : Promise.resolve([] as LoanRow[]),
    ids.length
      ? db
          .select({ itemId: coItemLoans.itemId, n: count() })
          .from(coItemLoans)
          .where(inArray(coItemLoans.itemId, ids))
          .groupBy(coItemLoans.itemId)
      : Promise.resolve([] as { itemId: number; n: number }[]),
  ]);
  return rows.map((r) => {
    const l = open.find((x) => x.itemId === r.id);
    return {
      id: r.id,
      community: { id: r.communityId, name: nm.get(r.communityId) ?? '' },
      place: { id: r.territoryId, name: nm.get(r.territoryId) ?? '' },
      name: r.name,
      category: r.category,
      condition: r.condition,
      location: r.location,
      photoUrl: r.photoUrl,
      description: r.description,
      status: r.status,
      maxDays: r.maxDays,
      loan: l ? { id: l.id, borrowerName: l.borrowerName, dueOn: l.dueOn, overdue: overdue(l, today) } : null,
      loanCount: counts.find((c) => c.itemId === r.id)?.n ?? 0,
      createdAt: r.createdAt,
    };
  });
}

/** Borrowers' phones are shown whole only to holders of the audited reveal permission of residents' numbers. */
const seesPhones = (ctx: Ctx) => ctx.actor.permissions.has('resident.reveal');

async function loansOut(db: DbOrTx, rows: LoanRow[], today: string, reveal: boolean): Promise<SharedLoan[]> {
  const items = rows.length
    ? await db
        .select()
        .from(coSharedItems)
        .where(inArray(coSharedItems.id, [...new Set(rows.map((r) => r.itemId))]))
    : [];
  const nm = await names(
    db,
    items.map((i) => i.territoryId),
  );
  return rows.map((l) => {
    const item = items.find((i) => i.id === l.itemId)!;
    return {
      id: l.id,
      item: { id: item.id, name: item.name },
      place: { id: item.territoryId, name: nm.get(item.territoryId) ?? '' },
      borrower: {
        accountId: l.borrowerAccountId,
        name: l.borrowerName,
        phone: l.borrowerPhone && !reveal ? maskPhone(l.borrowerPhone) : l.borrowerPhone,
      },
      channel: l.channel,
      status: l.status,
      lentAt: l.lentAt,
      dueOn: l.dueOn,
      overdue: overdue(l, today),
      conditionOut: l.conditionOut,
      conditionIn: l.conditionIn,
      returnRequestedAt: l.returnRequestedAt,
      returnedAt: l.returnedAt,
      note: l.note,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Staff: items, their history, loans
// ---------------------------------------------------------------------------------------------------------------

export async function listSharedItems(ctx: Ctx, q: SharedItemQuery) {
  const w: SQL[] = [
    inScope(ctx.actor, coSharedItems.scopePath),
    ...(await placeFilter(ctx.db, ctx.actor, coSharedItems.scopePath, q.territoryId)),
  ];
  if (q.status?.length) w.push(inArray(coSharedItems.status, q.status));
  if (q.category) w.push(eq(coSharedItems.category, q.category));
  if (q.condition) w.push(eq(coSharedItems.condition, q.condition));
  if (q.q) w.push(ilike(coSharedItems.name, `%${escapeLike(q.q)}%`));
  if (q.createdTo) w.push(lt(coSharedItems.createdAt, new Date(chinaDayStart(q.createdTo).getTime() + DAY)));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(coSharedItems)
      .where(where)
      .orderBy(asc(coSharedItems.communityId), asc(coSharedItems.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(coSharedItems).where(where),
  ]);
  return {
    items: await itemsOut(ctx.db, rows, chinaDay(ctx.clock.now())),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function itemRow(ctx: Ctx, db: DbOrTx, id: number, where: SQL, lock = false): Promise<ItemRow> {
  const q = db
    .select()
    .from(coSharedItems)
    .where(and(eq(coSharedItems.id, id), where));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('coBuilding.shared.itemNotFound');
  return row;
}

export async function getSharedItem(ctx: Ctx, id: number, db: DbOrTx = ctx.db): Promise<SharedItemDetail> {
  const row = await itemRow(ctx, db, id, inScope(ctx.actor, coSharedItems.scopePath));
  const today = chinaDay(ctx.clock.now());
  const [[item], loans, events] = await Promise.all([
    itemsOut(db, [row], today),
    db
      .select()
      .from(coItemLoans)
      .where(eq(coItemLoans.itemId, id))
      .orderBy(desc(coItemLoans.lentAt), desc(coItemLoans.id)),
    db
      .select()
      .from(coItemEvents)
      .where(eq(coItemEvents.itemId, id))
      .orderBy(desc(coItemEvents.at), desc(coItemEvents.id)),
  ]);
  return {
    ...item!,
    loans: await loansOut(db, loans, today, seesPhones(ctx)),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      loanId: e.loanId,
      condition: e.condition,
      note: e.note,
      actorName: e.actorName,
      at: e.at,
    })),
  };
}

async function communityOf(db: DbOrTx, path: string) {
  const [c] = await db
    .select({ id: territories.id, path: territories.path })
    .from(territories)
    .where(and(eq(territories.level, 'community'), sql`${path} like ${territories.path} || '%'`));
  return c ?? null;
}

async function event(
  tx: DbOrTx,
  ctx: Pick<Ctx, 'actor' | 'clock'>,
  itemId: number,
  kind: ItemEventKind,
  extra: { loanId?: number; condition?: ItemCondition | null; note?: string | null } = {},
) {
  await tx.insert(coItemEvents).values({
    itemId,
    kind,
    loanId: extra.loanId ?? null,
    condition: extra.condition ?? null,
    note: extra.note ?? null,
    accountId: ctx.actor.accountId || null,
    actorName: ctx.actor.displayName,
    at: ctx.clock.now(),
  });
}

export async function createSharedItem(ctx: Ctx, input: CreateSharedItem): Promise<SharedItemDetail> {
  const node = await placeInScope(ctx.db, ctx.actor, input.territoryId);
  const community = await communityOf(ctx.db, node.path);
  if (!community) throw fieldError(ctx, 'territoryId', 'coBuilding.shared.notInCommunity');
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(coSharedItems)
      .values({
        communityId: community.id,
        communityPath: community.path,
        territoryId: node.id,
        scopePath: node.path,
        name: input.name,
        category: input.category,
        condition: input.condition,
        status: input.condition === 'damaged' ? 'damaged' : 'available',
        location: input.location,
        photoUrl: input.photoUrl ?? null,
        description: input.description ?? null,
        maxDays: input.maxDays,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await event(tx, ctx, row!.id, 'created', { condition: row!.condition });
    await audit(tx, ctx, {
      action: 'coSharedItem.create',
      objectType: 'coSharedItem',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    return row!.id;
  });
  return getSharedItem(ctx, id);
}

export async function updateSharedItem(ctx: Ctx, id: number, input: UpdateSharedItem): Promise<SharedItemDetail> {
  await ctx.db.transaction(async (tx) => {
    const before = await itemRow(ctx, tx, id, inScope(ctx.actor, coSharedItems.scopePath), true);
    const [after] = await tx
      .update(coSharedItems)
      .set({ ...input, updatedAt: ctx.clock.now() })
      .where(eq(coSharedItems.id, id))
      .returning();
    await event(tx, ctx, id, 'updated');
    await audit(tx, ctx, {
      action: 'coSharedItem.update',
      objectType: 'coSharedItem',
      objectId: id,
      scopePath: before.scopePath,
      before,
      after,
    });
  });
  return getSharedItem(ctx, id);
}

const MOVE_EVENT: Record<MoveSharedItem['to'], (from: ItemStatus) => ItemEventKind> = {
  damaged: () => 'damaged',
  lost: () => 'lost',
  retired: () => 'retired',
  available: (from) => (from === 'lost' ? 'found' : 'repaired'),
};

/** Marks an item damaged, lost or retired, or back to available when repaired or found; a note says why. */
export async function moveSharedItem(ctx: Ctx, id: number, input: MoveSharedItem): Promise<SharedItemDetail> {
  await ctx.db.transaction(async (tx) => {
    const before = await itemRow(ctx, tx, id, inScope(ctx.actor, coSharedItems.scopePath), true);
    if (!ITEM_MOVES[input.to].includes(before.status)) throw statusConflict(ctx, before.status);
    const condition: ItemCondition | undefined =
      input.to === 'damaged'
        ? 'damaged'
        : input.to === 'available' && before.condition === 'damaged'
          ? 'fair'
          : undefined;
    const [after] = await tx
      .update(coSharedItems)
      .set({ status: input.to, ...(condition ? { condition } : {}), updatedAt: ctx.clock.now() })
      .where(eq(coSharedItems.id, id))
      .returning();
    await event(tx, ctx, id, MOVE_EVENT[input.to](before.status), { note: input.note, condition: after!.condition });
    await audit(tx, ctx, {
      action: `coSharedItem.${input.to}`,
      objectType: 'coSharedItem',
      objectId: id,
      scopePath: before.scopePath,
      before: { status: before.status, condition: before.condition },
      after: { status: after!.status, condition: after!.condition, note: input.note },
    });
  });
  return getSharedItem(ctx, id);
}

/**
 * Opens a loan: the item row is locked, must be available, and the due day lies within its max days; the partial
 * unique index on open loans is the second guard (a concurrent borrow of the same item gets 409).
 */
async function openLoan(
  ctx: Ctx,
  id: number,
  where: SQL,
  input: { dueOn: string; note?: string },
  borrower: { accountId: number | null; name: string; phone: string | null },
  channel: LoanChannel,
): Promise<number> {
  const today = chinaDay(ctx.clock.now());
  try {
    return await ctx.db.transaction(async (tx) => {
      const item = await itemRow(ctx, tx, id, where, true);
      if (item.status !== 'available') throw statusConflict(ctx, item.status);
      const latest = addDays(today, item.maxDays);
      if (input.dueOn < today || input.dueOn > latest)
        throw fieldError(ctx, 'dueOn', 'coBuilding.shared.dueRange', { from: today, to: latest, days: item.maxDays });
      const now = ctx.clock.now();
      const [loan] = await tx
        .insert(coItemLoans)
        .values({
          itemId: id,
          scopePath: item.scopePath,
          borrowerAccountId: borrower.accountId,
          borrowerName: borrower.name,
          borrowerPhone: borrower.phone,
          channel,
          status: 'out',
          lentAt: now,
          dueOn: input.dueOn,
          conditionOut: item.condition,
          note: input.note ?? null,
          lentByAccountId: channel === 'counter' ? ctx.actor.accountId : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await tx.update(coSharedItems).set({ status: 'lent', updatedAt: now }).where(eq(coSharedItems.id, id));
      await event(tx, ctx, id, 'lent', { loanId: loan!.id, condition: item.condition, note: input.note });
      await audit(tx, ctx, {
        action: channel === 'counter' ? 'coSharedItem.lend' : 'coSharedItem.borrow',
        objectType: 'coSharedItem',
        objectId: id,
        scopePath: item.scopePath,
        after: { loanId: loan!.id, borrowerAccountId: borrower.accountId, dueOn: input.dueOn },
      });
      return loan!.id;
    });
  } catch (e) {
    // The other borrower's loan committed first (unique index on the open loan).
    if ((e as { code?: string }).code === '23505' || (e as { cause?: { code?: string } }).cause?.code === '23505')
      throw statusConflict(ctx, 'lent');
    throw e;
  }
}

/** Staff lend at the counter, to a resident's account of their subtree or to a person by name. */
export async function lendSharedItem(ctx: Ctx, id: number, input: LendSharedItem): Promise<SharedItemDetail> {
  let borrower = {
    accountId: null as number | null,
    name: input.borrowerName ?? '',
    phone: input.borrowerPhone ?? null,
  };
  if (input.borrowerAccountId) {
    const [a] = await ctx.db
      .select({ id: accounts.id, name: accounts.displayName, path: territories.path })
      .from(accounts)
      .innerJoin(territories, eq(territories.id, accounts.territoryId))
      .where(eq(accounts.id, input.borrowerAccountId));
    // The borrower must live in the caller's area (else the id is unknown to them).
    if (!a || !a.path.startsWith(ctx.actor.scopePath))
      throw fieldError(ctx, 'borrowerAccountId', 'coBuilding.shared.borrowerNotFound');
    borrower = { accountId: a.id, name: input.borrowerName ?? a.name, phone: input.borrowerPhone ?? null };
  }
  await openLoan(ctx, id, inScope(ctx.actor, coSharedItems.scopePath), input, borrower, 'counter');
  return getSharedItem(ctx, id);
}

export async function listSharedLoans(ctx: Ctx, q: SharedLoanQuery) {
  const today = chinaDay(ctx.clock.now());
  const w: SQL[] = [
    inScope(ctx.actor, coItemLoans.scopePath),
    ...(await placeFilter(ctx.db, ctx.actor, coItemLoans.scopePath, q.territoryId)),
  ];
  if (q.state === 'open') w.push(OPEN_LOAN);
  else if (q.state === 'overdue') w.push(OPEN_LOAN, lt(coItemLoans.dueOn, today));
  else if (q.state) w.push(eq(coItemLoans.status, q.state));
  if (q.itemId) w.push(eq(coItemLoans.itemId, q.itemId));
  if (q.borrowerAccountId) w.push(eq(coItemLoans.borrowerAccountId, q.borrowerAccountId));
  if (q.from) w.push(gte(coItemLoans.lentAt, chinaDayStart(q.from)));
  if (q.to) w.push(lt(coItemLoans.lentAt, new Date(chinaDayStart(q.to).getTime() + DAY)));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(coItemLoans)
      .where(where)
      .orderBy(asc(coItemLoans.dueOn), desc(coItemLoans.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(coItemLoans).where(where),
  ]);
  return {
    items: await loansOut(ctx.db, rows, today, seesPhones(ctx)),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loanRow(ctx: Ctx, db: DbOrTx, id: number, where: SQL): Promise<LoanRow> {
  const [row] = await db
    .select()
    .from(coItemLoans)
    .where(and(eq(coItemLoans.id, id), where))
    .for('update');
  if (!row) throw notFound('coBuilding.shared.loanNotFound');
  return row;
}
const loanConflict = (ctx: Ctx, l: LoanRow) =>
  conflict('coBuilding.shared.loanStatus', { status: t(ctx.locale, `coBuilding.shared.loanStatus.${l.status}`) });

/** How an open loan ends, worked out from the locked loan and item rows. */
interface LoanEnd {
  /** The loan's new status, and what else the counter records on it (condition back, note). */
  loan: { status: 'returned' | 'lost'; conditionIn?: ItemCondition; note?: string | null };
  /** The item's new status (and condition). */
  item: { status: ItemStatus; condition?: ItemCondition };
  /** The entries of the item's history, in order. */
  events: { kind: ItemEventKind; condition?: ItemCondition; note?: string | undefined }[];
  action: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * Ends an open loan of the caller's subtree in one transaction: the loan closes (received by the caller, now), the
 * item takes its new status, its history gets the events and the change is audited. A loan already ended is a 409.
 */
async function endLoan(
  ctx: Ctx,
  loanId: number,
  how: (loan: LoanRow, item: ItemRow, now: Date) => LoanEnd,
): Promise<SharedItemDetail> {
  const itemId = await ctx.db.transaction(async (tx) => {
    const loan = await loanRow(ctx, tx, loanId, inScope(ctx.actor, coItemLoans.scopePath));
    if (!isOpen(loan)) throw loanConflict(ctx, loan);
    const item = await itemRow(ctx, tx, loan.itemId, sql`true`, true);
    const now = ctx.clock.now();
    const end = how(loan, item, now);
    await tx
      .update(coItemLoans)
      .set({ ...end.loan, returnedAt: now, receivedByAccountId: ctx.actor.accountId, updatedAt: now })
      .where(eq(coItemLoans.id, loanId));
    await tx
      .update(coSharedItems)
      .set({ ...end.item, updatedAt: now })
      .where(eq(coSharedItems.id, item.id));
    for (const { kind, ...extra } of end.events) await event(tx, ctx, item.id, kind, { loanId, ...extra });
    await audit(tx, ctx, {
      action: end.action,
      objectType: 'coSharedItem',
      objectId: item.id,
      scopePath: item.scopePath,
      before: end.before,
      after: end.after,
    });
    return item.id;
  });
  return getSharedItem(ctx, itemId);
}

/**
 * Staff take an item back with its condition: good or fair → available again; damaged → the item is marked
 * damaged (a record kept in its history), to be repaired or retired.
 */
export async function receiveReturn(ctx: Ctx, loanId: number, input: ReceiveReturn): Promise<SharedItemDetail> {
  return endLoan(ctx, loanId, (loan, item, now) => {
    const status: ItemStatus = input.condition === 'damaged' ? 'damaged' : 'available';
    return {
      loan: { status: 'returned', conditionIn: input.condition, note: input.note ?? loan.note },
      item: { status, condition: input.condition },
      events: [
        { kind: 'returned', condition: input.condition, note: input.note },
        ...(status === 'damaged'
          ? [{ kind: 'damaged' as const, condition: 'damaged' as const, note: input.note }]
          : []),
      ],
      action: 'coSharedItem.return',
      before: { status: item.status, condition: item.condition, loanStatus: loan.status },
      after: { status, condition: input.condition, loanId, late: loan.dueOn < chinaDay(now) },
    };
  });
}

/** Staff record that a lent item was lost: the loan ends as lost and the item stays, marked lost. */
export async function loseLoan(ctx: Ctx, loanId: number, input: LoseLoan): Promise<SharedItemDetail> {
  return endLoan(ctx, loanId, (loan, item) => ({
    loan: { status: 'lost', note: input.note },
    item: { status: 'lost' },
    events: [{ kind: 'lost', note: input.note }],
    action: 'coSharedItem.lose',
    before: { status: item.status, loanStatus: loan.status },
    after: { status: 'lost', loanId, note: input.note },
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Residents (/m): browse their community's cabinet, borrow, their loans, ask to return
// ---------------------------------------------------------------------------------------------------------------

function communityItemsOut(items: SharedItem[], today: string): CommunityItem[] {
  return items.map(({ loan: _loan, loanCount: _n, ...i }) => ({ ...i, latestDue: addDays(today, i.maxDays) }));
}

/** The items of the caller's community (retired ones are not shown), available first. */
export async function listCommunityItems(ctx: Ctx, q: CommunityItemQuery) {
  const w: SQL[] = [residentSees(ctx), ne(coSharedItems.status, 'retired')];
  if (q.category) w.push(eq(coSharedItems.category, q.category));
  if (q.available === true) w.push(eq(coSharedItems.status, 'available'));
  if (q.available === false) w.push(ne(coSharedItems.status, 'available'));
  if (q.q) w.push(ilike(coSharedItems.name, `%${escapeLike(q.q)}%`));
  const where = and(...w);
  const today = chinaDay(ctx.clock.now());
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(coSharedItems)
      .where(where)
      .orderBy(sql`${coSharedItems.status} <> 'available'`, asc(coSharedItems.name), asc(coSharedItems.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(coSharedItems).where(where),
  ]);
  return {
    items: communityItemsOut(await itemsOut(ctx.db, rows, today), today),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getCommunityItem(ctx: Ctx, id: number): Promise<CommunityItem> {
  const row = await itemRow(ctx, ctx.db, id, and(residentSees(ctx), ne(coSharedItems.status, 'retired'))!);
  const today = chinaDay(ctx.clock.now());
  return communityItemsOut(await itemsOut(ctx.db, [row], today), today)[0]!;
}

/** A resident borrows an item of their community until a due day (at most its max days). */
export async function borrowSharedItem(ctx: Ctx, id: number, input: BorrowSharedItem): Promise<MyLoan> {
  const loanId = await openLoan(
    ctx,
    id,
    residentSees(ctx),
    input,
    { accountId: ctx.actor.accountId, name: ctx.actor.displayName, phone: null },
    'mobile',
  );
  return myLoan(ctx, loanId);
}

async function myLoansOut(db: DbOrTx, rows: LoanRow[], today: string): Promise<MyLoan[]> {
  const full = await loansOut(db, rows, today, false); // the borrower part is dropped below
  const items = rows.length
    ? await db
        .select({ id: coSharedItems.id, location: coSharedItems.location })
        .from(coSharedItems)
        .where(inArray(coSharedItems.id, [...new Set(rows.map((r) => r.itemId))]))
    : [];
  return full.map(({ borrower: _b, ...l }) => ({
    ...l,
    location: items.find((i) => i.id === l.item.id)?.location ?? '',
  }));
}

async function myLoan(ctx: Ctx, id: number): Promise<MyLoan> {
  const [row] = await ctx.db
    .select()
    .from(coItemLoans)
    .where(and(eq(coItemLoans.id, id), eq(coItemLoans.borrowerAccountId, ctx.actor.accountId)));
  if (!row) throw notFound('coBuilding.shared.loanNotFound');
  return (await myLoansOut(ctx.db, [row], chinaDay(ctx.clock.now())))[0]!;
}

/** The caller's own loans, open ones first (by due day), then the closed ones. */
export async function listMyLoans(ctx: Ctx, q: MyLoanQuery) {
  const w: SQL[] = [eq(coItemLoans.borrowerAccountId, ctx.actor.accountId)];
  if (q.state === 'open') w.push(OPEN_LOAN);
  if (q.state === 'closed') w.push(sql`not (${OPEN_LOAN})`);
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(coItemLoans)
      .where(where)
      .orderBy(sql`not (${OPEN_LOAN})`, asc(coItemLoans.dueOn), desc(coItemLoans.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(coItemLoans).where(where),
  ]);
  return {
    items: await myLoansOut(ctx.db, rows, chinaDay(ctx.clock.now())),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The borrower says they are bringing it back (and in what condition); staff confirm on receipt. */
export async function requestReturn(ctx: Ctx, loanId: number, input: RequestReturn): Promise<MyLoan> {
  await ctx.db.transaction(async (tx) => {
    const loan = await loanRow(ctx, tx, loanId, eq(coItemLoans.borrowerAccountId, ctx.actor.accountId));
    if (loan.status !== 'out') throw loanConflict(ctx, loan);
    const now = ctx.clock.now();
    await tx
      .update(coItemLoans)
      .set({
        status: 'returnRequested',
        returnRequestedAt: now,
        conditionIn: input.condition ?? null,
        note: input.note ?? loan.note,
        updatedAt: now,
      })
      .where(eq(coItemLoans.id, loanId));
    await event(tx, ctx, loan.itemId, 'returnRequested', { loanId, condition: input.condition, note: input.note });
    await audit(tx, ctx, {
      action: 'coSharedItem.requestReturn',
      objectType: 'coSharedItem',
      objectId: loan.itemId,
      scopePath: loan.scopePath,
      after: { loanId, condition: input.condition ?? null },
    });
  });
  return myLoan(ctx, loanId);
}

// ---------------------------------------------------------------------------------------------------------------
// Reminders: the day before the due day, and once when overdue (the module's scheduler; tests call it by clock)
// ---------------------------------------------------------------------------------------------------------------

export async function sharedItemsTick(db: Db, clock: Clock): Promise<{ reminded: number; overdue: number }> {
  const today = chinaDay(clock.now());
  const ctx = { actor: systemActor(), clock };
  const soon = addDays(today, REMIND_DAYS_BEFORE);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ loan: coItemLoans, itemName: coSharedItems.name, location: coSharedItems.location })
      .from(coItemLoans)
      .innerJoin(coSharedItems, eq(coSharedItems.id, coItemLoans.itemId))
      .where(
        and(
          eq(coItemLoans.status, 'out'),
          or(
            and(sql`${coItemLoans.remindedAt} is null`, gte(coItemLoans.dueOn, today), lte(coItemLoans.dueOn, soon)),
            and(sql`${coItemLoans.overdueNoticeAt} is null`, lt(coItemLoans.dueOn, today)),
          ),
        ),
      )
      .for('update', { of: coItemLoans, skipLocked: true });
    let reminded = 0;
    let late = 0;
    const now = clock.now();
    for (const { loan, itemName, location } of due) {
      const isLate = loan.dueOn < today;
      if (loan.borrowerAccountId)
        await notify(tx, ctx, [
          {
            kind: isLate ? 'sharedItem.overdue' : 'sharedItem.reminder',
            accountIds: [loan.borrowerAccountId],
            params: { item: itemName, dueOn: loan.dueOn, location },
            link: '/m/shared/loans',
          },
        ]);
      await tx
        .update(coItemLoans)
        .set(isLate ? { overdueNoticeAt: now, remindedAt: loan.remindedAt ?? now } : { remindedAt: now })
        .where(eq(coItemLoans.id, loan.id));
      if (isLate) late++;
      else reminded++;
    }
    return { reminded, overdue: late };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Figures: items (stock on the last day), loans in the period, overdue (open loans past due on the last day)
// ---------------------------------------------------------------------------------------------------------------

export async function sharedItemFigures(
  db: DbOrTx,
  path: string,
  from: string,
  to: string,
  today: string,
): Promise<{ items: number; loans: number; overdue: number }> {
  const end = new Date(chinaDayStart(to).getTime() + DAY);
  const last = to < today ? to : today;
  const lastEnd = new Date(chinaDayStart(last).getTime() + DAY);
  const [[items], [loans], [late]] = await Promise.all([
    db
      .select({ n: count() })
      .from(coSharedItems)
      .where(
        and(
          inSubtree(coSharedItems.scopePath, path),
          ne(coSharedItems.status, 'retired'),
          lt(coSharedItems.createdAt, end),
        ),
      ),
    db
      .select({ n: count() })
      .from(coItemLoans)
      .where(
        and(
          inSubtree(coItemLoans.scopePath, path),
          gte(coItemLoans.lentAt, chinaDayStart(from)),
          lt(coItemLoans.lentAt, end),
        ),
      ),
    db
      .select({ n: count() })
      .from(coItemLoans)
      .where(
        and(
          inSubtree(coItemLoans.scopePath, path),
          lt(coItemLoans.dueOn, last),
          // Still out at the end of that day: not yet returned (or lost), or brought back later.
          or(sql`${coItemLoans.returnedAt} is null`, gte(coItemLoans.returnedAt, lastEnd)),
        ),
      ),
  ]);
  return { items: items?.n ?? 0, loans: loans?.n ?? 0, overdue: late?.n ?? 0 };
}
