import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { accounts } from '../../kernel/db/schema.js';
import { serviceOrders } from '../service-orders/schema.js';
import type { NotificationKind, NotificationMode } from './constants.js';

/**
 * An in-app notification 消息通知 (issue 5 item 10). It stores the event (`kind`) and its `params`, never a text:
 * the reader's locale renders it. `held` rows belong to an account in daily-digest mode: stored, not shown one
 * by one, until the digest pass lists them in one `digest` row (`digestId`, one per account per `digestDay`).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text().$type<NotificationKind>().notNull(),
    params: jsonb()
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    link: text(),
    orderId: integer().references(() => serviceOrders.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    readAt: timestamp({ withTimezone: true }),
    held: boolean().notNull().default(false),
    /** The digest that listed this held event (the "digested" flag). */
    digestId: integer().references((): AnyPgColumn => notifications.id, { onDelete: 'set null' }),
    /** For a digest: its day (YYYY-MM-DD, China time). At most one digest per account per day. */
    digestDay: text(),
  },
  (t) => [
    index('notifications_inbox_idx').on(t.accountId, t.held, t.createdAt),
    index('notifications_unread_idx')
      .on(t.accountId)
      .where(sql`${t.readAt} is null and not ${t.held}`),
    index('notifications_pending_digest_idx')
      .on(t.accountId, t.id)
      .where(sql`${t.held} and ${t.digestId} is null`),
    index('notifications_order_idx').on(t.orderId),
    uniqueIndex('notifications_digest_day_uq').on(t.accountId, t.digestDay),
  ],
);

/** How an account wants to hear: one message per event, or one digest a day at `digestHour` (China time). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    accountId: integer()
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    mode: text().$type<NotificationMode>().notNull().default('instant'),
    digestHour: smallint().notNull().default(18),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('notification_preferences_mode_ck', sql`${t.mode} in ('instant','dailyDigest')`),
    check('notification_preferences_hour_ck', sql`${t.digestHour} between 0 and 23`),
  ],
);
