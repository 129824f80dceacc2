import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';
import type { Gender, Relation, ResidentTag } from './constants.js';

/**
 * A resident 居民, living in a household (a territory node of level household: address = its ancestors).
 * Phone and ID-card numbers are stored only encrypted (`*_enc`, AES-256-GCM with the key id inside) plus a
 * keyed HMAC (`*_hash`) for exact search (src/kernel/crypto/pii.ts); the plain numbers never reach the database.
 * Whether a resident is a party member is not stored here: party_members.resident_id points at the record.
 */
export const residents = pgTable(
  'residents',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    gender: text().$type<Gender>(),
    birthDate: date(),
    householdId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    relation: text().$type<Relation>(),
    tags: text()
      .array()
      .$type<ResidentTag[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    phoneEnc: text(),
    phoneHash: text(),
    idNumberEnc: text(),
    idNumberHash: text(),
    /** The resident's own sign-in (self-service: their record and its export). */
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('residents_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('residents_household_idx').on(t.householdId),
    index('residents_phone_hash_idx').on(t.phoneHash),
    uniqueIndex('residents_id_number_hash_uq').on(t.idNumberHash),
    uniqueIndex('residents_account_uq').on(t.accountId),
    check('residents_gender_ck', sql`${t.gender} is null or ${t.gender} in ('male','female')`),
  ],
);
