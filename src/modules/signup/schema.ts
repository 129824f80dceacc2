import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';
import { residents } from '../people/schema.js';
import type { SignupStatus } from './constants.js';

/**
 * One-time sign-up codes 验证码. The phone is kept only as its keyed hash (people's hashPii) and the code only as
 * a SHA-256; rows double as the rate-limit ledger (counted per phone hash and per IP over a window), so the limits
 * hold across server processes sharing one database. After a correct code the row carries a short-lived ticket
 * (hashed) with the chosen password hash and name, used once to create the account when the household is chosen.
 */
export const signupCodes = pgTable(
  'signup_codes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    phoneHash: text().notNull(),
    ip: text().notNull(),
    codeHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    attempts: smallint().notNull().default(0),
    verifiedAt: timestamp({ withTimezone: true }),
    ticketHash: text(),
    ticketExpiresAt: timestamp({ withTimezone: true }),
    name: text(),
    passwordHash: text(),
    usedAt: timestamp({ withTimezone: true }),
    /** The privacy notice and user agreement version consented to at the verify step, and when. */
    consentVersion: text(),
    consentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('signup_codes_phone_idx').on(t.phoneHash, t.createdAt),
    index('signup_codes_ip_idx').on(t.ip, t.createdAt),
    index('signup_codes_ticket_idx').on(t.ticketHash),
  ],
);

/**
 * A resident's claim to live in a household 实名认证申请. `linked` when the phone matched the household register at
 * sign-up (no one needs to act), else `pending` until the community's staff confirm (a resident record is then
 * created and linked) or reject it.
 */
export const signupRequests = pgTable(
  'signup_requests',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    householdId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    phoneEnc: text().notNull(),
    phoneHash: text().notNull(),
    status: text().$type<SignupStatus>().notNull(),
    residentId: integer().references(() => residents.id, { onDelete: 'set null' }),
    reason: text(),
    decidedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** The privacy notice and user agreement version the resident consented to at sign-up, and when (issue 10/21). */
    consentVersion: text(),
    consentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('signup_requests_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('signup_requests_account_idx').on(t.accountId),
    check('signup_requests_status_ck', sql`${t.status} in ('linked','pending','confirmed','rejected')`),
  ],
);
