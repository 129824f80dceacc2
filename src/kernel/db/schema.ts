import { sql } from 'drizzle-orm';
import {
  bigint,
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
    failedLogins: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    totpSecret: text(),
    totpEnabled: boolean().notNull().default(false),
    disabled: boolean().notNull().default(false),
    isDemo: boolean().notNull().default(false),
    lastLoginAt: timestamp({ withTimezone: true }),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('accounts_username_uq').on(sql`lower(${t.username})`),
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
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
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
  },
  (t) => [
    index('audit_log_at_idx').on(t.at.desc()),
    index('audit_log_object_idx').on(t.objectType, t.objectId),
    index('audit_log_actor_idx').on(t.actorId, t.at.desc()),
    index('audit_log_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);
