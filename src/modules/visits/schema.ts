import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';
import { gridWorkers } from '../grids/schema.js';
import { partyMembers } from '../party-members/schema.js';
import { serviceOrders } from '../service-orders/schema.js';

/**
 * A visit 走访 (issue 10 item 13, decision 038): a grid worker (or a liaison party member) calls at one of their
 * 30–50 households (seed 002) or a building, on a China day, and notes what they found. A finding may become a
 * service order in one step (`orderId`, the order's origin 'patrol' 排摸发现). `scopePath` is the place's path.
 */
export const visits = pgTable(
  'visits',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    workerId: integer().references(() => gridWorkers.id, { onDelete: 'set null' }),
    memberId: integer().references(() => partyMembers.id, { onDelete: 'set null' }),
    /** The visitor's name as recorded (kept when the worker record goes). */
    visitorName: text().notNull(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    gridId: integer(),
    /** The China day of the visit (YYYY-MM-DD). */
    visitedOn: date({ mode: 'string' }).notNull(),
    /** What was talked about / seen. */
    note: text(),
    /** What was found 发现的问题 (null: nothing to follow up). */
    finding: text(),
    /** The finding needs follow-up (a service order, or the worker's own next visit). */
    followUp: integer().notNull().default(0),
    orderId: integer().references(() => serviceOrders.id, { onDelete: 'set null' }),
    recordedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('visits_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('visits_worker_idx').on(t.workerId, t.visitedOn),
    index('visits_member_idx').on(t.memberId, t.visitedOn),
    index('visits_territory_idx').on(t.territoryId, t.visitedOn),
    index('visits_order_idx').on(t.orderId),
    check('visits_visitor_ck', sql`${t.workerId} is not null or ${t.memberId} is not null or ${t.visitorName} <> ''`),
    check('visits_follow_up_ck', sql`${t.followUp} in (0, 1)`),
  ],
);
