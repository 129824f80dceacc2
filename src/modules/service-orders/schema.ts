import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';
import { units } from '../organizations/schema.js';
import { partyMembers } from '../party-members/schema.js';
import type { EscalationLevel, EventAction, HandlerKind, OrderKind, OrderStatus, Rating, RuleHandlerKind } from './constants.js';

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/**
 * A service order 服务单 (issue 5): menu service, problem report or micro-wish. `territoryId`/`scopePath` are the
 * place it belongs to (the reporter's household, a compound or building, or the community), so the community's
 * staff see it through the scope rule; the reporter and the handler see it through their own columns.
 */
export const serviceOrders = pgTable(
  'service_orders',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().$type<OrderKind>().notNull(),
    status: text().$type<OrderStatus>().notNull(),
    category: text().notNull(),
    title: text().notNull(),
    description: text(),
    menuItemId: integer(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    lng: doublePrecision(),
    lat: doublePrecision(),
    address: text(),
    gridId: integer(),
    reporterAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    handlerKind: text().$type<HandlerKind>(),
    handlerUnitId: integer().references(() => units.id, { onDelete: 'set null' }),
    handlerMemberId: integer().references(() => partyMembers.id, { onDelete: 'set null' }),
    handlerAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    handlerDepartment: text(),
    respondHours: integer().notNull(),
    resolveHours: integer().notNull(),
    respondBy: timestamp({ withTimezone: true }).notNull(),
    resolveBy: timestamp({ withTimezone: true }).notNull(),
    dispatchedAt: timestamp({ withTimezone: true }),
    acceptedAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /** Next time the scheduler looks at the order (reminder, then escalation); null when finished. */
    remindAt: timestamp({ withTimezone: true }),
    escalateAt: timestamp({ withTimezone: true }),
    escalationLevel: text().$type<EscalationLevel>(),
    escalatedToId: integer().references(() => territories.id, { onDelete: 'set null' }),
    reopenCount: integer().notNull().default(0),
    returnCount: integer().notNull().default(0),
    rating: text().$type<Rating>(),
    ratingComment: text(),
    ratedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('service_orders_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('service_orders_status_idx').on(t.status, t.createdAt),
    index('service_orders_reporter_idx').on(t.reporterAccountId),
    index('service_orders_handler_unit_idx').on(t.handlerUnitId),
    index('service_orders_handler_member_idx').on(t.handlerMemberId),
    index('service_orders_handler_account_idx').on(t.handlerAccountId),
    index('service_orders_escalate_idx').on(t.escalateAt),
    index('service_orders_remind_idx').on(t.remindAt),
    index('service_orders_escalated_to_idx').on(t.escalatedToId),
    check('service_orders_kind_ck', sql`${t.kind} in ('menuService','problem','microWish')`),
    check('service_orders_status_ck', sql`${t.status} in ('submitted','dispatched','open','accepted','inProgress','resolved','rated','closed')`),
    check('service_orders_rating_ck', sql`${t.rating} is null or ${t.rating} in ('satisfied','basic','unsatisfied')`),
  ],
);

/** The order's timeline: one row per move (who, when, what, from/to, note). */
export const orderEvents = pgTable(
  'order_events',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull(),
    action: text().$type<EventAction>().notNull(),
    fromStatus: text().$type<OrderStatus>(),
    toStatus: text().$type<OrderStatus>(),
    actorId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    actorName: text(),
    note: text(),
    data: jsonb(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.at)],
);

/** A community's service menu 服务菜单 item. */
export const orderMenuItems = pgTable(
  'order_menu_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    category: text().notNull(),
    description: text(),
    active: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [index('order_menu_items_scope_idx').using('btree', t.scopePath.op('text_pattern_ops'))],
);

/** A community's routing rule: category → handler, with time limits. */
export const orderRoutingRules = pgTable(
  'order_routing_rules',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    category: text().notNull(),
    handlerKind: text().$type<RuleHandlerKind>().notNull(),
    unitId: integer().references(() => units.id, { onDelete: 'cascade' }),
    department: text(),
    respondHours: integer().notNull(),
    resolveHours: integer().notNull(),
    ...timestamps,
  },
  (t) => [
    index('order_routing_rules_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('order_routing_rules_lookup_idx').on(t.communityId, t.category),
    check('order_routing_rules_kind_ck', sql`${t.handlerKind} in ('unit','department','gridWorker')`),
  ],
);

/** Which unit a unit-contact account speaks for (a unit contact sees the orders sent to its unit). */
export const orderUnitContacts = pgTable(
  'order_unit_contacts',
  {
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    unitId: integer()
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.unitId] }), index('order_unit_contacts_unit_idx').on(t.unitId)],
);
