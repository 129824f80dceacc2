import { and, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Clock } from '../../kernel/clock.js';
import { systemActor } from '../../kernel/context.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { FINAL } from './constants.js';
import { orderCoReporters, orderEvents, serviceOrders } from './schema.js';

/**
 * Retention of closed records (issue 18 point 7, decision 035). An order closed, cancelled or merged more than
 * `RETENTION_CLOSED_YEARS` ago keeps what the figures count (kind, category, status, place in the tree, grid,
 * coordinates, handler, every date, rating, counts) and loses what may name or locate a person: the walk-in
 * reporter's name, the address text, the description, the rating and cancellation comments, the notes on its
 * timeline and the co-reporters' comments. Modules that keep more about an order (mediation: parties, sessions,
 * agreement) strip theirs in the same transaction through `onRetentionStrip`, plugged in from their `setup`.
 * Each stripped order gets one audit row (`order.retentionStrip`, by the system).
 */
export type RetentionListener = (tx: DbOrTx, orderIds: readonly number[]) => Promise<unknown>;

const listeners = new Set<RetentionListener>();

/** Subscribe to the retention pass (idempotent): the listener strips its module's data of these orders. */
export function onRetentionStrip(listener: RetentionListener): void {
  listeners.add(listener);
}

/** What the pass clears on the order row itself (and why it is listed in the audit row). */
export const STRIPPED_ORDER_FIELDS = [
  'reporterName',
  'address',
  'description',
  'ratingComment',
  'cancelReason',
] as const;

const BATCH = 200;
const o = serviceOrders;

/** The moment before which a finished order's personal data goes: `years` calendar years before now (UTC). */
export function retentionCutoff(now: Date, years: number): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

export interface RetentionResult {
  orders: number;
  cutoff: Date;
}

/**
 * One retention pass: strips, in batches of 200 (each its own transaction, rows taken `FOR UPDATE SKIP LOCKED` so
 * several processes never take the same order), every finished order past the cutoff not stripped yet. When it was
 * finished: its closing time, else (cancelled, merged) its last change. Idempotent.
 */
export async function retentionPass(db: Db, clock: Clock, years: number): Promise<RetentionResult> {
  const now = clock.now();
  const cutoff = retentionCutoff(now, years);
  const ctx = { actor: systemActor(), clock, requestId: 'retention', ip: '' };
  let orders = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: o.id, kind: o.kind, status: o.status, scopePath: o.scopePath, closedAt: o.closedAt })
        .from(o)
        .where(
          and(
            isNull(o.personalDataRemovedAt),
            inArray(o.status, [...FINAL]),
            or(and(isNotNull(o.closedAt), lt(o.closedAt, cutoff)), and(isNull(o.closedAt), lt(o.updatedAt, cutoff))),
          ),
        )
        .orderBy(o.id)
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (!due.length) return 0;
      const ids = due.map((r) => r.id);
      // updatedAt is left as it was: it is when the order last changed, which a retention pass is not.
      await tx
        .update(o)
        .set({
          reporterName: null,
          address: null,
          description: null,
          ratingComment: null,
          cancelReason: null,
          personalDataRemovedAt: now,
        })
        .where(inArray(o.id, ids));
      await tx
        .update(orderEvents)
        .set({ note: null })
        .where(and(inArray(orderEvents.orderId, ids), isNotNull(orderEvents.note)));
      await tx
        .update(orderCoReporters)
        .set({ ratingComment: null })
        .where(and(inArray(orderCoReporters.orderId, ids), isNotNull(orderCoReporters.ratingComment)));
      for (const listener of listeners) await listener(tx, ids);
      for (const r of due) {
        await audit(tx, ctx, {
          action: 'order.retentionStrip',
          objectType: 'serviceOrder',
          objectId: r.id,
          scopePath: r.scopePath,
          after: {
            kind: r.kind,
            status: r.status,
            closedAt: r.closedAt,
            retentionYears: years,
            cutoff,
            fields: [...STRIPPED_ORDER_FIELDS, 'orderEvents.note', 'orderCoReporters.ratingComment'],
          },
        });
      }
      return due.length;
    });
    orders += n;
    if (n < BATCH) break;
  }
  return { orders, cutoff };
}

/** How many finished orders still hold personal data past the cutoff (0 after a pass). */
export async function retentionBacklog(db: DbOrTx, now: Date, years: number): Promise<number> {
  const cutoff = retentionCutoff(now, years);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(o)
    .where(
      and(
        isNull(o.personalDataRemovedAt),
        inArray(o.status, [...FINAL]),
        or(and(isNotNull(o.closedAt), lt(o.closedAt, cutoff)), and(isNull(o.closedAt), lt(o.updatedAt, cutoff))),
      ),
    );
  return row?.n ?? 0;
}
