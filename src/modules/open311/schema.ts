import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';
import { serviceOrders } from '../service-orders/schema.js';

/**
 * An Open311 client 接口客户端 (issue 16 point 5): an API key made by the security admin, scoped to one territory
 * node. Only the SHA-256 of the key is kept (the key is 32 random bytes, shown once). `accountId` is the client's
 * own account (disabled for sign-in): the reporter of the orders it places, so they follow the normal loop.
 */
export const open311Clients = pgTable(
  'open311_clients',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    keyHash: text().notNull(),
    /** The key's first characters, to recognise it in the list (never enough to use it). */
    keyPrefix: text().notNull(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'restrict' }),
    /** Requests per minute this key may make. */
    perMinute: integer().notNull().default(60),
    createdBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('open311_clients_key_uq').on(t.keyHash),
    index('open311_clients_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);

/** A service request placed through Open311: its order, the client, the token, and what the spec's fields said. */
export const open311Requests = pgTable(
  'open311_requests',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    clientId: integer()
      .notNull()
      .references(() => open311Clients.id, { onDelete: 'cascade' }),
    token: text().notNull(),
    serviceCode: text().notNull(),
    /** attribute[code] values of the service definition, and media_url / device_id as sent. */
    attributes: jsonb().$type<Record<string, string>>().notNull(),
    scopePath: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('open311_requests_token_uq').on(t.token),
    uniqueIndex('open311_requests_order_uq').on(t.orderId),
    index('open311_requests_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);

/**
 * The learned dispatch model 智能分派 (issue 16 point 6): one row per training run; the newest is in use. Servers
 * compare the newest id with the one they hold and reload when it changed (no restart).
 */
export const dispatchModels = pgTable('dispatch_models', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  trainedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** How many resolved orders it learned from. */
  samples: integer().notNull(),
  model: jsonb().notNull(),
});
