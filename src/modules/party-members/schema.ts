import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';
import { partyOrgs } from '../organizations/schema.js';

/** GLOSSARY partyMember.kind: resident, in-service 在职, retired, mobile 流动. */
export const PARTY_MEMBER_KINDS = ['resident', 'inService', 'retired', 'mobile'] as const;
export type PartyMemberKind = (typeof PARTY_MEMBER_KINDS)[number];

/**
 * A party member, held by their home branch. `territoryId`/`scopePath` are the home branch's node, so the
 * branch's subtree sees them; a dual-registered in-service member is also seen by the residential community
 * through their confirmed registration (party-members module).
 */
export const partyMembers = pgTable(
  'party_members',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    kind: text().$type<PartyMemberKind>().notNull(),
    homeBranchId: integer()
      .notNull()
      .references(() => partyOrgs.id, { onDelete: 'restrict' }),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    /** The resident record, when the member lives in the area (people module). */
    residentId: integer(),
    /** The member's own sign-in, when they have one. */
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    joinedOn: date(),
    /** 先锋岗 / 示范岗 and similar posts. */
    posts: text().array().notNull().default(sql`'{}'::text[]`),
    points: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('party_members_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('party_members_branch_idx').on(t.homeBranchId),
    index('party_members_account_idx').on(t.accountId),
    check('party_members_kind_ck', sql`${t.kind} in ('resident','inService','retired','mobile')`),
  ],
);
