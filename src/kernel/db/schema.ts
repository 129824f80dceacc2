import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

/**
 * Kernel tables. The territory tree lives here (not in the territory module) because it is the scope model
 * itself: every account is bound to one node and sees that node's subtree (SPEC "Who uses it").
 */

import { TERRITORY_LEVELS, type TerritoryLevel } from '../territory-levels.js';

export { TERRITORY_LEVELS, type TerritoryLevel };

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

export const territories = pgTable(
  'territories',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer().references((): AnyPgColumn => territories.id, { onDelete: 'restrict' }),
    level: text().$type<TerritoryLevel>().notNull(),
    name: text().notNull(),
    divisionCode: text(),
    /**
     * Materialised path of ancestor ids including this node: `/1/5/23/`. A subtree is `path LIKE '/1/5/%'`.
     * Filled by the `territories_set_path` trigger (migration 0001) from the parent, so bulk loads get it too.
     */
    path: text().notNull().default(''),
    depth: smallint().notNull().default(0),
    sortOrder: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('territories_path_idx').using('btree', t.path.op('text_pattern_ops')),
    index('territories_parent_idx').on(t.parentId, t.sortOrder),
    uniqueIndex('territories_division_code_idx').on(t.divisionCode),
    uniqueIndex('territories_path_uq').on(t.path),
    check(
      'territories_level_ck',
      sql`${t.level} in ('country','province','city','district','street','community','compound','building','unit','household')`,
    ),
  ],
);

export const accounts = pgTable(
  'accounts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    username: text().notNull(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    roles: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    locale: text().notNull().default('zh-CN'),
    mustChangePassword: boolean().notNull().default(false),
    /**
     * An admin-set password (creation or reset) is good for one sign-in before this moment; the first sign-in with it
     * spends it (the session may only change it). Null: no limit (the first start's admin) or a chosen password.
     */
    temporaryPasswordUntil: timestamp({ withTimezone: true }),
    /**
     * A resident's sign-in phone as its keyed hash (decision 006's hashPii): usernames are never phone numbers;
     * signing in with a phone number goes through this lookup (issue 18 point 2).
     */
    phoneHash: text(),
    failedLogins: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    totpSecret: text(),
    totpEnabled: boolean().notNull().default(false),
    /** The 30-second step of the last accepted TOTP code: a code is good once (issue 18, point 3). */
    totpLastStep: bigint({ mode: 'number' }),
    disabled: boolean().notNull().default(false),
    isDemo: boolean().notNull().default(false),
    lastLoginAt: timestamp({ withTimezone: true }),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('accounts_username_uq').on(sql`lower(${t.username})`),
    uniqueIndex('accounts_phone_hash_uq').on(t.phoneHash),
    index('accounts_territory_idx').on(t.territoryId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token: a database leak does not hand out live sessions. */
    id: text().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    // Partitioned by month of `at` (decision 051): the primary key must hold the partition key, so it is (id, at);
    // ids stay unique (one identity sequence) and follow the chain.
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorId: integer(),
    actorName: text().notNull(),
    actorTerritoryId: integer(),
    actorRoles: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    action: text().notNull(),
    objectType: text().notNull(),
    objectId: text(),
    /** Path of the territory the object belongs to, so the audit log is scoped like everything else. */
    scopePath: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
    requestId: text(),
    /**
     * Hash chain (docs/decisions/017-audit-chain.md): sha256 of the previous row's hash and this row's content.
     * Written once by the sealer after the row's transaction committed (decision 052), NULL until then.
     */
    prevHash: text(),
    hash: text(),
    /** Place in the chain, given by the sealer in the order it seals (decision 052); NULL until sealed. */
    chainSeq: bigint({ mode: 'number' }),
  },
  (t) => [
    primaryKey({ name: 'audit_log_id_at_pk', columns: [t.id, t.at] }),
    index('audit_log_at_idx').on(t.at.desc()),
    index('audit_log_object_idx').on(t.objectType, t.objectId),
    index('audit_log_actor_idx').on(t.actorId, t.at.desc()),
    index('audit_log_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('audit_log_chain_seq_idx').on(t.chainSeq),
    index('audit_log_unsealed_idx')
      .on(t.id)
      .where(sql`${t.hash} is null`),
  ],
);

/**
 * Audit partitions dropped by retention (decision 051): which months, how many rows, up to which id, and the hash of
 * the last dropped row — the anchor the first retained row links to, so `npm run audit:verify` tells "dropped by
 * retention on <date>" from tampering. Append-only like the log itself.
 */
export const auditRetention = pgTable('audit_retention', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  droppedAt: timestamp({ withTimezone: true }).notNull(),
  /** Start of the first and end of the last dropped month (exclusive). */
  fromAt: timestamp({ withTimezone: true }).notNull(),
  toAt: timestamp({ withTimezone: true }).notNull(),
  partitions: text().array().notNull(),
  rows: bigint({ mode: 'number' }).notNull(),
  /** The highest dropped id; every row of the chain up to it is gone. */
  lastId: bigint({ mode: 'number' }),
  /** Hash of that row: the prev_hash of the first retained chained row. */
  anchorHash: text(),
  keepDays: integer().notNull(),
});

/**
 * Request counters of the throttle (src/kernel/http/throttle.ts): one row per key and fixed time window, in the
 * database so that every app process counts together (issue 18, point 3). Old windows are swept as keys come back.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/**
 * The first answer of a create sent with an `Idempotency-Key` header, per account and key, stored in the create's
 * transaction: a retry gets this answer again instead of a second record (issue 18, point 9).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** The account that sent it; 0 for anonymous creates (sign-up), which then key by the caller's IP. */
    scope: text().notNull(),
    key: text().notNull(),
    route: text().notNull(),
    status: integer().notNull(),
    body: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
