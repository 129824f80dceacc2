import { and, asc, count, desc, eq, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import { territories } from '../../kernel/db/schema.js';
import { conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, placeInScope } from '../../kernel/scope/scope.js';
import type {
  BookRoom,
  CreateCentre,
  CreateWorkloadItem,
  SendTask,
  SentTaskQuery,
  UpdateCentre,
  UpdateWorkloadItem,
} from './contract.js';
import { asBookings, asCentres, asRooms, asSentTasks, asWorkloadItems } from './schema.js';
import { editable, fieldConflict, fieldError, mayEdit } from './standardisation.service.js';

// Workload list 减负清单 ------------------------------------------------------------------------------------------

/** Items of the list that apply to the actor's area: kept above it (the district's list) or inside it. */
const listApplies = (ctx: Ctx) =>
  or(
    inScope(ctx.actor, asWorkloadItems.scopePath),
    sql`${ctx.actor.scopePath} like ${asWorkloadItems.scopePath} || '%'`,
  )!;

export async function createWorkloadItem(ctx: Ctx, input: CreateWorkloadItem) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(asWorkloadItems)
      .values({ ...input, territoryId: ctx.actor.territoryId, scopePath: ctx.actor.scopePath, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('assessment.codeTaken', { code: input.code });
    await audit(tx, ctx, {
      action: 'assessment.workloadItem.create',
      objectType: 'asWorkloadItem',
      objectId: row.id,
      scopePath: row.scopePath,
      after: row,
    });
    return row;
  });
}

/**
 * Edits a matter of the workload list kept in the caller's subtree (decision 045); `active: false` withdraws it, so
 * tasks that name it from then on are refused. A code already used in the same list is refused on `code`.
 */
export async function updateWorkloadItem(ctx: Ctx, id: number, input: UpdateWorkloadItem) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(asWorkloadItems)
      .where(and(eq(asWorkloadItems.id, id), listApplies(ctx)))
      .for('update');
    const before = editable(ctx, found);
    if (input.code !== undefined && input.code !== before.code) {
      const [taken] = await tx
        .select({ id: asWorkloadItems.id })
        .from(asWorkloadItems)
        .where(
          and(
            eq(asWorkloadItems.territoryId, before.territoryId),
            eq(asWorkloadItems.code, input.code),
            ne(asWorkloadItems.id, id),
          ),
        );
      if (taken) throw fieldConflict(ctx, 'code', 'assessment.codeTaken', { code: input.code });
    }
    const [after] = await tx
      .update(asWorkloadItems)
      .set({ ...input, updatedAt: now })
      .where(eq(asWorkloadItems.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.workloadItem.update',
      objectType: 'asWorkloadItem',
      objectId: id,
      scopePath: before.scopePath,
      before,
      after,
    });
    return after!;
  });
}

export async function listWorkloadItems(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(asWorkloadItems)
    .where(listApplies(ctx))
    .orderBy(asc(asWorkloadItems.code), asc(asWorkloadItems.id));
  return rows.map((r) => ({ ...r, mayEdit: mayEdit(ctx, r.scopePath) }));
}

/**
 * A department sends a task down to a community. It is accepted only when it names an active item of the list
 * that applies to that community; otherwise it is recorded as refused with the reason (and counted).
 */
export async function sendTask(ctx: Ctx, input: SendTask) {
  const comm = await placeInScope(ctx.db, ctx.actor, input.communityId);
  if (comm.level !== 'community') throw fieldError(ctx, 'communityId', 'assessment.notACommunity');
  let reason: string | null = null;
  let itemId: number | null = null;
  if (!input.workloadItemId) reason = t(ctx.locale, 'assessment.refused.noItem');
  else {
    const [item] = await ctx.db
      .select()
      .from(asWorkloadItems)
      .where(
        and(eq(asWorkloadItems.id, input.workloadItemId), sql`${comm.path} like ${asWorkloadItems.scopePath} || '%'`),
      );
    if (!item) reason = t(ctx.locale, 'assessment.refused.notInList');
    else if (!item.active) reason = t(ctx.locale, 'assessment.refused.inactive', { code: item.code });
    else itemId = item.id;
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(asSentTasks)
      .values({
        communityId: comm.id,
        scopePath: comm.path,
        department: input.department,
        title: input.title,
        workloadItemId: itemId,
        status: reason ? 'refused' : 'accepted',
        reason,
        sentByAccountId: ctx.actor.accountId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.task.send',
      objectType: 'asSentTask',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    return { ...row!, community: { id: comm.id, name: comm.name } };
  });
}

export async function listSentTasks(ctx: Ctx, q: SentTaskQuery) {
  const w: SQL[] = [inScope(ctx.actor, asSentTasks.scopePath)];
  if (q.status) w.push(eq(asSentTasks.status, q.status));
  if (q.department) w.push(eq(asSentTasks.department, q.department));
  const where = and(...w);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: asSentTasks.id,
        community: { id: territories.id, name: territories.name },
        department: asSentTasks.department,
        title: asSentTasks.title,
        workloadItemId: asSentTasks.workloadItemId,
        status: asSentTasks.status,
        reason: asSentTasks.reason,
        createdAt: asSentTasks.createdAt,
      })
      .from(asSentTasks)
      .innerJoin(territories, eq(territories.id, asSentTasks.communityId))
      .where(where)
      .orderBy(desc(asSentTasks.createdAt), desc(asSentTasks.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(asSentTasks).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Matters sent down by department: accepted (on the list) and refused (not on it). */
export async function tasksByDepartment(ctx: Ctx) {
  const rows = await ctx.db
    .select({
      department: asSentTasks.department,
      accepted: sql<number>`count(*) filter (where ${asSentTasks.status} = 'accepted')::int`.mapWith(Number),
      refused: sql<number>`count(*) filter (where ${asSentTasks.status} = 'refused')::int`.mapWith(Number),
    })
    .from(asSentTasks)
    .where(inScope(ctx.actor, asSentTasks.scopePath))
    .groupBy(asSentTasks.department)
    .orderBy(asc(asSentTasks.department));
  const [items] = await ctx.db
    .select({ n: count() })
    .from(asWorkloadItems)
    .where(and(listApplies(ctx), eq(asWorkloadItems.active, true)));
  return { listItems: items?.n ?? 0, departments: rows };
}

// Service centres 党群服务中心 -------------------------------------------------------------------------------------

export async function createCentre(ctx: Ctx, input: CreateCentre) {
  const place = await placeInScope(ctx.db, ctx.actor, input.territoryId);
  if (place.level !== 'community' && place.level !== 'street')
    throw fieldError(ctx, 'territoryId', 'assessment.centrePlace');
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(asCentres)
      .values({
        territoryId: place.id,
        scopePath: place.path,
        name: input.name,
        areaM2: input.areaM2,
        openingHours: input.openingHours,
        address: input.address ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (input.rooms.length)
      await tx
        .insert(asRooms)
        .values(input.rooms.map((r) => ({ ...r, centreId: row!.id, scopePath: row!.scopePath, createdAt: now })));
    await audit(tx, ctx, {
      action: 'assessment.centre.create',
      objectType: 'asCentre',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: { ...row, rooms: input.rooms },
    });
    return row!.id;
  });
  return (await listCentres(ctx)).find((c) => c.id === id)!;
}

/**
 * Edits a centre of the caller's subtree (decision 045): name, area, opening hours, address and its rooms. A room
 * left out of `rooms` is removed only when it was never booked (its bookings are the record of its use).
 */
export async function updateCentre(ctx: Ctx, id: number, input: UpdateCentre) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(asCentres)
      .where(and(eq(asCentres.id, id), inScope(ctx.actor, asCentres.scopePath)))
      .for('update');
    const before = editable(ctx, found);
    const rooms = await tx.select().from(asRooms).where(eq(asRooms.centreId, id)).orderBy(asc(asRooms.id));
    if (input.rooms) {
      const known = new Set(rooms.map((r) => r.id));
      const seen = new Set<number>();
      input.rooms.forEach((r, k) => {
        if (r.id === undefined) return;
        if (!known.has(r.id) || seen.has(r.id)) throw fieldError(ctx, `rooms.${k}.id`, 'assessment.unknownRoom');
        seen.add(r.id);
      });
      const gone = rooms.filter((r) => !seen.has(r.id));
      if (gone.length) {
        const [used] = await tx
          .select({ roomId: asBookings.roomId })
          .from(asBookings)
          .where(
            inArray(
              asBookings.roomId,
              gone.map((r) => r.id),
            ),
          )
          .limit(1);
        if (used)
          throw fieldConflict(ctx, 'rooms', 'assessment.roomBooked', {
            room: gone.find((r) => r.id === used.roomId)!.name,
          });
        await tx.delete(asRooms).where(
          inArray(
            asRooms.id,
            gone.map((r) => r.id),
          ),
        );
      }
      for (const r of input.rooms) {
        if (r.id === undefined)
          await tx
            .insert(asRooms)
            .values({ centreId: id, scopePath: before.scopePath, name: r.name, capacity: r.capacity, createdAt: now });
        else
          await tx
            .update(asRooms)
            .set({ name: r.name, capacity: r.capacity, updatedAt: now })
            .where(eq(asRooms.id, r.id));
      }
    }
    const { rooms: _rooms, ...fields } = input;
    const [after] = await tx
      .update(asCentres)
      .set({ ...fields, updatedAt: now })
      .where(eq(asCentres.id, id))
      .returning();
    const roomsAfter = await tx.select().from(asRooms).where(eq(asRooms.centreId, id)).orderBy(asc(asRooms.id));
    await audit(tx, ctx, {
      action: 'assessment.centre.update',
      objectType: 'asCentre',
      objectId: id,
      scopePath: before.scopePath,
      before: { ...before, rooms },
      after: { ...after, rooms: roomsAfter },
    });
  });
  return (await listCentres(ctx)).find((c) => c.id === id)!;
}

/** Centres of the area with their rooms and this month's use (bookings and booked hours). */
export async function listCentres(ctx: Ctx) {
  const [cs, rooms] = await Promise.all([
    ctx.db
      .select({
        id: asCentres.id,
        territoryId: asCentres.territoryId,
        place: territories.name,
        name: asCentres.name,
        areaM2: asCentres.areaM2,
        openingHours: asCentres.openingHours,
        address: asCentres.address,
      })
      .from(asCentres)
      .innerJoin(territories, eq(territories.id, asCentres.territoryId))
      .where(inScope(ctx.actor, asCentres.scopePath))
      .orderBy(asc(asCentres.id)),
    ctx.db
      .select({
        id: asRooms.id,
        centreId: asRooms.centreId,
        name: asRooms.name,
        capacity: asRooms.capacity,
        bookings:
          sql<number>`(select count(*)::int from ${asBookings} b where b.room_id = "as_rooms"."id" and b.status = 'booked')`.mapWith(
            Number,
          ),
        hours:
          sql<number>`(select coalesce(sum(extract(epoch from b.ends_at - b.starts_at)) / 3600, 0)::float from ${asBookings} b where b.room_id = "as_rooms"."id" and b.status = 'booked')`.mapWith(
            Number,
          ),
      })
      .from(asRooms)
      .where(inScope(ctx.actor, asRooms.scopePath))
      .orderBy(asc(asRooms.id)),
  ]);
  const manage = ctx.actor.permissions.has('assessment.manage');
  return cs.map((c) => ({ ...c, mayEdit: manage, rooms: rooms.filter((r) => r.centreId === c.id) }));
}

export async function roomBookings(ctx: Ctx, roomId: number, q: { from?: Date; to?: Date }) {
  const [room] = await ctx.db
    .select()
    .from(asRooms)
    .where(and(eq(asRooms.id, roomId), inScope(ctx.actor, asRooms.scopePath)));
  if (!room) throw notFound();
  const w: SQL[] = [eq(asBookings.roomId, roomId)];
  if (q.from) w.push(gte(asBookings.endsAt, q.from));
  if (q.to) w.push(lt(asBookings.startsAt, q.to));
  return ctx.db
    .select()
    .from(asBookings)
    .where(and(...w))
    .orderBy(asc(asBookings.startsAt));
}

/**
 * Books a room. The room row is locked (FOR UPDATE) before the overlap check, so two requests for the same room
 * run one after the other and the second sees the first's booking: no double booking under concurrency.
 */
export async function bookRoom(ctx: Ctx, roomId: number, input: BookRoom) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [room] = await tx
      .select()
      .from(asRooms)
      .where(and(eq(asRooms.id, roomId), inScope(ctx.actor, asRooms.scopePath)))
      .for('update');
    if (!room) throw notFound();
    const [clash] = await tx
      .select()
      .from(asBookings)
      .where(
        and(
          eq(asBookings.roomId, roomId),
          eq(asBookings.status, 'booked'),
          lt(asBookings.startsAt, input.endsAt),
          sql`${asBookings.endsAt} > ${input.startsAt.toISOString()}`,
        ),
      )
      .limit(1);
    if (clash) throw conflict('assessment.roomTaken', { by: clash.bookerName });
    const [row] = await tx
      .insert(asBookings)
      .values({
        roomId,
        scopePath: room.scopePath,
        ...input,
        accountId: ctx.actor.accountId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.room.book',
      objectType: 'asBooking',
      objectId: row!.id,
      scopePath: row!.scopePath,
      after: row,
    });
    return row!;
  });
}

export async function cancelBooking(ctx: Ctx, id: number) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [b] = await tx
      .select()
      .from(asBookings)
      .where(and(eq(asBookings.id, id), inScope(ctx.actor, asBookings.scopePath)))
      .for('update');
    if (!b) throw notFound();
    if (b.status === 'cancelled') throw conflict('assessment.bookingCancelled');
    const [after] = await tx
      .update(asBookings)
      .set({ status: 'cancelled', updatedAt: now })
      .where(eq(asBookings.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'assessment.room.cancel',
      objectType: 'asBooking',
      objectId: id,
      scopePath: b.scopePath,
      before: b,
      after,
    });
    return after!;
  });
}
