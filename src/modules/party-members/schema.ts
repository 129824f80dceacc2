import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';
import { partyOrgs } from '../organizations/schema.js';
import type { EvaluationGrade, EvaluationSide, RegistrationStatus } from './constants.js';

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
    posts: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('party_members_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('party_members_branch_idx').on(t.homeBranchId),
    index('party_members_account_idx').on(t.accountId),
    index('party_members_resident_idx').on(t.residentId),
    check('party_members_kind_ck', sql`${t.kind} in ('resident','inService','retired','mobile')`),
  ],
);

/**
 * Dual registration 双报到 (seeds 001, 004): an in-service member (and their unit's branch) registers with the
 * residential community where they live, which may lie outside the home branch's subtree. `communityPath` is
 * the community's path: the community's staff see and decide the registration by it, and once it is confirmed
 * they see the member in their roster, without seeing the rest of the home branch.
 */
export const dualRegistrations = pgTable(
  'dual_registrations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer()
      .notNull()
      .references(() => partyMembers.id, { onDelete: 'cascade' }),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    communityPath: text().notNull(),
    /** The member's unit branch (workplace), when known. */
    unitBranchId: integer().references(() => partyOrgs.id, { onDelete: 'set null' }),
    status: text().$type<RegistrationStatus>().notNull().default('pending'),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    requestedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    /** The member's own application note (kept as written; issue 10 point 15). */
    note: text(),
    /** The reviewer's note when confirming or rejecting, beside the member's. */
    decisionNote: text(),
  },
  (t) => [
    index('dual_registrations_community_idx').using('btree', t.communityPath.op('text_pattern_ops')),
    index('dual_registrations_member_idx').on(t.memberId),
    // One live (pending or confirmed) registration per member and community.
    uniqueIndex('dual_registrations_live_uq')
      .on(t.memberId, t.communityId)
      .where(sql`${t.status} in ('pending','confirmed')`),
    check('dual_registrations_status_ck', sql`${t.status} in ('pending','confirmed','rejected','withdrawn')`),
  ],
);

/** Dual evaluation 双评议: the community and the unit each grade a member for a period (seeds 001, 004). */
export const dualEvaluations = pgTable(
  'dual_evaluations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer()
      .notNull()
      .references(() => partyMembers.id, { onDelete: 'cascade' }),
    period: text().notNull(),
    side: text().$type<EvaluationSide>().notNull(),
    grade: text().$type<EvaluationGrade>().notNull(),
    comment: text(),
    /** The path of the side that evaluated: the community's (community side) or the member's home scope (unit). */
    scopePath: text().notNull(),
    evaluatorId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    evaluatorName: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('dual_evaluations_member_period_side_uq').on(t.memberId, t.period, t.side),
    index('dual_evaluations_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('dual_evaluations_side_ck', sql`${t.side} in ('community','unit')`),
    check('dual_evaluations_grade_ck', sql`${t.grade} in ('excellent','good','fair','poor')`),
  ],
);
