import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';

/**
 * A change of an account that one admin asks for and a second admin must approve (four eyes, issue 18 point 1):
 * granting an admin role or a role bound at district level or above (`grant`), or resetting the password of such an
 * account (`resetPassword`, the requested password kept only as its hash). Nobody asks for a change of their own
 * account and nobody decides their own request or one about their own account — the checks below hold whoever
 * writes.
 */
export const accountGrants = pgTable(
  'account_grants',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().$type<'grant' | 'resetPassword'>().notNull(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The roles and node the account would have (grant); the ones it had when asked, to refuse a stale approval. */
    roles: text().array(),
    territoryId: integer().references(() => territories.id, { onDelete: 'cascade' }),
    beforeRoles: text().array().notNull(),
    beforeTerritoryId: integer().notNull(),
    passwordHash: text(),
    state: text().$type<'pending' | 'approved' | 'rejected'>().notNull().default('pending'),
    requestedBy: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    decidedBy: integer().references(() => accounts.id, { onDelete: 'cascade' }),
    decidedAt: timestamp({ withTimezone: true }),
    /** The target account's node path when asked: approvers see requests inside their subtree. */
    scopePath: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('account_grants_pending_idx').on(t.state, t.scopePath),
    check('account_grants_kind_ck', sql`${t.kind} in ('grant','resetPassword')`),
    check('account_grants_state_ck', sql`${t.state} in ('pending','approved','rejected')`),
    check('account_grants_not_self_ck', sql`${t.requestedBy} <> ${t.accountId}`),
    check(
      'account_grants_four_eyes_ck',
      sql`${t.state} <> 'approved' or (${t.decidedBy} is not null and ${t.decidedBy} <> ${t.requestedBy} and ${t.decidedBy} <> ${t.accountId})`,
    ),
  ],
);
