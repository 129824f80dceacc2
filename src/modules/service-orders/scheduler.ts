import { and, eq, inArray, isNotNull, lte, or } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Clock } from '../../kernel/clock.js';
import { systemActor } from '../../kernel/context.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { pathIds } from '../../kernel/scope/scope.js';
import type { TerritoryLevel } from '../../kernel/territory-levels.js';
import { BEFORE_ACCEPT, ESCALATION_LADDER, type EscalationLevel } from './constants.js';
import { orderEvents, serviceOrders } from './schema.js';
import { notifyEscalation, notifyReminder } from './recipients.js';
import { every } from '../../kernel/every.js';

const HOUR = 3_600_000;
const BATCH = 200;
const o = serviceOrders;

/** The rung an order starts on: where it sits (a household or unit is its building's business). */
function startRung(level: TerritoryLevel): number {
  if (level === 'household' || level === 'unit' || level === 'building') return 0;
  const i = ESCALATION_LADDER.indexOf(level as EscalationLevel);
  return i >= 0 ? i : 2;
}

export interface TickResult {
  reminded: number;
  escalated: number;
}

/**
 * One pass of the time-limit scheduler: sends a reminder (a `remind` timeline row) for orders whose reminder time
 * has come, and escalates orders past their deadline one rung up building → compound → community → street →
 * district (an `escalate` row; the order enters that level's `escalated` inbox). Due rows are taken with
 * `FOR UPDATE SKIP LOCKED`, so several server processes sharing one PostgreSQL never handle the same order twice.
 */
export async function tick(db: Db, clock: Clock): Promise<TickResult> {
  const now = clock.now();
  const ctx = { actor: systemActor(), clock, requestId: 'scheduler', ip: '' };
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(o)
      .where(or(and(isNotNull(o.remindAt), lte(o.remindAt, now)), and(isNotNull(o.escalateAt), lte(o.escalateAt, now))))
      .orderBy(o.id)
      .limit(BATCH)
      .for('update', { skipLocked: true });
    const result: TickResult = { reminded: 0, escalated: 0 };
    for (const row of due) {
      if (row.escalateAt && row.escalateAt <= now) {
        await escalate(tx, ctx, row, now);
        result.escalated++;
      } else if (row.remindAt && row.remindAt <= now) {
        const deadline = BEFORE_ACCEPT.includes(row.status) ? row.respondBy : row.resolveBy;
        await tx.update(o).set({ remindAt: null }).where(eq(o.id, row.id));
        await tx.insert(orderEvents).values({
          orderId: row.id,
          at: now,
          action: 'remind',
          fromStatus: row.status,
          toStatus: row.status,
          actorId: null,
          actorName: null,
          note: null,
          data: { deadline: deadline.toISOString() },
        });
        await audit(tx, ctx, {
          action: 'order.remind',
          objectType: 'serviceOrder',
          objectId: row.id,
          scopePath: row.scopePath,
          after: { deadline },
        });
        await notifyReminder(tx, ctx, row);
        result.reminded++;
      }
    }
    return result;
  });
}

type Row = typeof o.$inferSelect;
type AuditCtx = Parameters<typeof audit>[1];

type Rung = { id: number; level: EscalationLevel; name: string };

async function chainOf(tx: DbOrTx, row: Row) {
  return tx
    .select({ id: territories.id, level: territories.level, name: territories.name })
    .from(territories)
    .where(inArray(territories.id, pathIds(row.scopePath)));
}

function currentRung(row: Row, chain: { id: number; level: TerritoryLevel }[]): number {
  const own = chain.find((c) => c.id === row.territoryId);
  return row.escalationLevel ? ESCALATION_LADDER.indexOf(row.escalationLevel) : startRung(own?.level ?? 'community');
}

/**
 * The next rung that exists above the order (a community may have no compounds); null at the top. `by`: the node of
 * whoever sends it up by decision — it goes above them (a community sending up reaches the street).
 */
export async function nextRung(tx: DbOrTx, row: Row, by?: number): Promise<Rung | null> {
  const chain = await chainOf(tx, row);
  const mine = chain.find((c) => c.id === by);
  const floor = mine ? ESCALATION_LADDER.indexOf(mine.level as EscalationLevel) : -1;
  for (let i = Math.max(currentRung(row, chain), floor) + 1; i < ESCALATION_LADDER.length; i++) {
    const hit = chain.find((c) => c.level === ESCALATION_LADDER[i]);
    if (hit) return { id: hit.id, level: ESCALATION_LADDER[i]!, name: hit.name };
  }
  return null;
}

/** The rung below the order's escalation, down to where the order starts (null: back where it started). */
export async function rungBelow(tx: DbOrTx, row: Row): Promise<Rung | null> {
  const chain = await chainOf(tx, row);
  const own = chain.find((c) => c.id === row.territoryId);
  const start = startRung(own?.level ?? 'community');
  for (let i = currentRung(row, chain) - 1; i > start; i--) {
    const hit = chain.find((c) => c.level === ESCALATION_LADDER[i]);
    if (hit) return { id: hit.id, level: ESCALATION_LADDER[i]!, name: hit.name };
  }
  return null;
}

async function escalate(tx: DbOrTx, ctx: AuditCtx, row: Row, now: Date) {
  const next = await nextRung(tx, row);
  if (!next) {
    await tx.update(o).set({ escalateAt: null, remindAt: null }).where(eq(o.id, row.id));
    return;
  }
  // Another window at the new level before the next rung.
  const window = (BEFORE_ACCEPT.includes(row.status) ? row.respondHours : row.resolveHours) * HOUR;
  await tx
    .update(o)
    .set({
      escalationLevel: next.level,
      escalatedToId: next.id,
      escalateAt: new Date(now.getTime() + window),
      remindAt: null,
      updatedAt: now,
    })
    .where(eq(o.id, row.id));
  await tx.insert(orderEvents).values({
    orderId: row.id,
    at: now,
    action: 'escalate',
    fromStatus: row.status,
    toStatus: row.status,
    actorId: null,
    actorName: null,
    note: null,
    data: { level: next.level, territoryId: next.id, territoryName: next.name },
  });
  await audit(tx, ctx, {
    action: 'order.escalate',
    objectType: 'serviceOrder',
    objectId: row.id,
    scopePath: row.scopePath,
    before: { escalationLevel: row.escalationLevel },
    after: { escalationLevel: next.level, escalatedToId: next.id },
  });
  await notifyEscalation(tx, ctx, row, next);
}

/** Runs `tick` every `seconds` until stopped; one pass at a time. */
export function startScheduler(db: Db, clock: Clock, seconds: number, onError: (e: unknown) => void) {
  return every(seconds, () => tick(db, clock), onError);
}
