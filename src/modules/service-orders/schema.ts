import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { piiText } from '../../kernel/crypto/pii-columns.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { units } from '../organizations/schema.js';
import { partyMembers } from '../party-members/schema.js';
import type {
  CancelKind,
  EscalationLevel,
  EventAction,
  HandlerKind,
  OrderOrigin,
  OrderKind,
  OrderStatus,
  Rating,
  RatingChannel,
  RuleHandlerKind,
} from './constants.js';
import { OVERDUE_AT_SQL, UNFINISHED_SQL } from './constants.js';

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
    /** How the rating was taken: 'app' by the reporter, 'phone' or 'visit' by staff on a follow-up 回访. */
    ratingChannel: text().$type<RatingChannel>(),
    /** The name of a reporter who has no account (a walk-in registered by staff). */
    reporterName: text(),
    /** The walk-in's phone, for the follow-up 回访: encrypted at rest (decision 025), masked in every answer. */
    reporterPhone: piiText('phone'),
    /** Its keyed hash (decision 006's HMAC), so staff find a caller's orders by the number (decision 053). */
    reporterPhoneHash: text(),
    /** Cancelled 作废/无效: which, and why (the reason is also on the timeline). */
    cancelKind: text().$type<CancelKind>(),
    cancelReason: text(),
    /** Set when this report was merged, as a duplicate, into another order (status 'merged'). */
    mergedIntoId: integer().references((): AnyPgColumn => serviceOrders.id, { onDelete: 'set null' }),
    /**
     * 'report': reported by a resident (or staff for one); 'patrol': found on a visit 排摸发现 (decision 038);
     * 'oneWindow': a one-window catalogue item started as an order 一窗受理 (decision 045).
     */
    origin: text().$type<OrderOrigin>().notNull().default('report'),
    /** When the retention pass stripped its personal data (retention.ts, decision 035); null while kept. */
    personalDataRemovedAt: timestamp({ withTimezone: true }),
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
    index('service_orders_duplicates_idx').on(t.communityId, t.category, t.createdAt),
    index('service_orders_merged_into_idx').on(t.mergedIntoId),
    index('service_orders_reporter_phone_hash_idx').on(t.reporterPhoneHash),
    // The list's order (newest first, read backwards: `order by created_at desc, id desc` is NULLS FIRST, which an
    // index declared DESC NULLS LAST would not serve) and the figures' partial-day edges (docs/decisions/009).
    index('service_orders_created_idx').on(t.createdAt, t.id),
    // Overdue is counted from the unfinished orders only: a few per cent of them, through this partial index.
    index('service_orders_open_idx')
      .using('btree', t.scopePath.op('text_pattern_ops'))
      .where(sql.raw(UNFINISHED_SQL())),
    // Overdue now (the inbox tab 已超期, the figures): the unfinished orders by the moment they fall overdue, so
    // counting reads only those already past it, not every unfinished order (docs/BENCHMARKS.md).
    index('service_orders_overdue_idx')
      .using('btree', sql.raw(OVERDUE_AT_SQL()), t.scopePath.op('text_pattern_ops'))
      .where(sql.raw(UNFINISHED_SQL())),
    check('service_orders_kind_ck', sql`${t.kind} in ('menuService','problem','microWish','mediation')`),
    check(
      'service_orders_status_ck',
      sql`${t.status} in ('submitted','dispatched','open','accepted','inProgress','resolved','rated','closed','merged','cancelled')`,
    ),
    check('service_orders_rating_ck', sql`${t.rating} is null or ${t.rating} in ('satisfied','basic','unsatisfied')`),
    check(
      'service_orders_rating_channel_ck',
      sql`${t.ratingChannel} is null or ${t.ratingChannel} in ('app','phone','visit')`,
    ),
    check('service_orders_origin_ck', sql`${t.origin} in ('report','patrol','oneWindow')`),
    check('service_orders_cancel_kind_ck', sql`${t.cancelKind} is null or ${t.cancelKind} in ('void','invalid')`),
  ],
);

/** The order's timeline: one row per move (who, when, what, from/to, note). */
export const orderEvents = pgTable(
  'order_events',
  {
    // Partitioned by month of `at` (decision 051): the primary key is (id, at); ids stay unique (one sequence).
    id: integer().generatedAlwaysAsIdentity(),
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
  (t) => [
    primaryKey({ name: 'order_events_id_at_pk', columns: [t.id, t.at] }),
    index('order_events_order_idx').on(t.orderId, t.at),
  ],
);

/**
 * A photo or file on an order (issue 5 item 6). The bytes live in the file store under their sha256 (content
 * addressed, so one photo sent twice is stored once); `mime` is what the sniffer found in the bytes, never what
 * the client declared. `eventId` is the timeline event ('attach') the upload made.
 */
export const orderAttachments = pgTable(
  'order_attachments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    // No foreign key: order_events is partitioned and its key is (id, at) (decision 051); the event is written in
    // the same transaction as the attachment and neither is ever deleted alone.
    eventId: integer(),
    stage: text().$type<'report' | 'resolve' | 'other'>().notNull(),
    originalName: text().notNull(),
    mime: text().notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    uploaderId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    uploaderName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('order_attachments_order_idx').on(t.orderId, t.createdAt),
    check('order_attachments_stage_ck', sql`${t.stage} in ('report','resolve','other')`),
    check('order_attachments_sha_ck', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
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

/**
 * Reporters of duplicates merged into an order 合并 (issue 5 item 4): each sees the order, follows its timeline and
 * rates it once it is resolved (their own rating; the order's state follows its original reporter's).
 */
export const orderCoReporters = pgTable(
  'order_co_reporters',
  {
    orderId: integer()
      .notNull()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The duplicate this reporter's report was (first) merged from. */
    sourceOrderId: integer().references(() => serviceOrders.id, { onDelete: 'set null' }),
    rating: text().$type<Rating>(),
    ratingComment: text(),
    ratedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.accountId] }),
    index('order_co_reporters_account_idx').on(t.accountId),
    check(
      'order_co_reporters_rating_ck',
      sql`${t.rating} is null or ${t.rating} in ('satisfied','basic','unsatisfied')`,
    ),
  ],
);

/**
 * The figures' rollup (docs/decisions/009-order-rollups.md): additive counts of the orders created in one period
 * (a day, a month or a year in Asia/Shanghai: grain 'd' | 'm' | 'y', period = its first day) in one community
 * (nodePath = the community's path), per handler unit (0 = none). Kept current in the same transaction as every
 * write of an order (rollups.ts: applyRollup); the generator fills it with one INSERT … SELECT (rollupRebuildSql).
 * Overdue is not here: it depends on the clock, and is counted from the unfinished orders.
 */
export const serviceOrderRollups = pgTable(
  'service_order_rollups',
  {
    grain: text().$type<'d' | 'm' | 'y'>().notNull(),
    period: date({ mode: 'string' }).notNull(),
    nodePath: text().notNull(),
    handlerUnitId: integer().notNull().default(0),
    /**
     * One of ROLLUP_SLOTS rows per key (decision 031): a write adds to a slot drawn at random, so concurrent writers
     * of one community's day do not queue on one row; reads sum the slots. The scheduler folds the slots of past
     * periods back into slot 0 (rollups.ts: foldRollupSlots). The generator and the rebuild write slot 0.
     */
    slot: smallint().notNull().default(0),
    found: integer().notNull().default(0),
    claimed: integer().notNull().default(0),
    resolved: integer().notNull().default(0),
    respondedOnTime: integer().notNull().default(0),
    rated: integer().notNull().default(0),
    satisfied: integer().notNull().default(0),
    reopened: integer().notNull().default(0),
    /** Sum over the resolved orders of (resolvedAt − createdAt), in milliseconds. */
    resolveMs: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.period, t.nodePath, t.handlerUnitId, t.slot] }),
    index('service_order_rollups_node_idx').using('btree', t.grain, t.nodePath.op('text_pattern_ops'), t.period),
    check('service_order_rollups_grain_ck', sql`${t.grain} in ('d','m','y')`),
  ],
);
