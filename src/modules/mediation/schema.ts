import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';
import { partyMembers } from '../party-members/schema.js';
import { serviceOrders } from '../service-orders/schema.js';
import type { MediationOutcome, PartyRole, TeamMemberRole } from './constants.js';

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/** A mediation team 调解小分队 / 说事室 of a community (seed 001: 60 teams; seed 002: 金大姐说事室). */
export const mediationTeams = pgTable(
  'mediation_teams',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    description: text(),
    /** Where the team meets, e.g. the community's 说事室. */
    place: text(),
    active: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('mediation_teams_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('mediation_teams_community_idx').on(t.communityId),
  ],
);

/** A member of a team; phone encrypted like residents' (decision 006), party member and account optional. */
export const mediationTeamMembers = pgTable(
  'mediation_team_members',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    teamId: integer()
      .notNull()
      .references(() => mediationTeams.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    role: text().$type<TeamMemberRole>().notNull(),
    phoneEnc: text(),
    partyMemberId: integer().references(() => partyMembers.id, { onDelete: 'set null' }),
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    sortOrder: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('mediation_team_members_team_idx').on(t.teamId),
    check('mediation_team_members_role_ck', sql`${t.role} in ('leader','mediator','member')`),
  ],
);

/**
 * What a mediation order 调解案件 carries beyond the order kernel: the team and mediator it was sent to, the
 * agreement, the outcome and the follow-up visit. One row per order of kind 'mediation'.
 */
export const mediationCases = pgTable(
  'mediation_cases',
  {
    orderId: integer()
      .primaryKey()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    teamId: integer().references(() => mediationTeams.id, { onDelete: 'set null' }),
    mediatorId: integer().references(() => mediationTeamMembers.id, { onDelete: 'set null' }),
    agreementText: text(),
    agreementSignedOn: date({ mode: 'string' }),
    agreementAttachmentId: integer(),
    outcome: text().$type<MediationOutcome>(),
    outcomeNote: text(),
    outcomeAt: timestamp({ withTimezone: true }),
    followUpDueOn: date({ mode: 'string' }),
    followUpOn: date({ mode: 'string' }),
    followUpNote: text(),
    ...timestamps,
  },
  (t) => [
    index('mediation_cases_team_idx').on(t.teamId),
    check(
      'mediation_cases_outcome_ck',
      sql`${t.outcome} is null or ${t.outcome} in ('agreed','partlyAgreed','failed','referredJudicial','referredCourt')`,
    ),
  ],
);

/** A party 当事人 of a case; the contact number is encrypted and answered masked. */
export const mediationParties = pgTable(
  'mediation_parties',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    role: text().$type<PartyRole>().notNull(),
    contactEnc: text(),
    note: text(),
    ...timestamps,
  },
  (t) => [
    index('mediation_parties_order_idx').on(t.orderId),
    check('mediation_parties_role_ck', sql`${t.role} in ('applicant','respondent','other')`),
  ],
);

/** A mediation session 调解会: when, where, who came, what was said. */
export const mediationSessions = pgTable(
  'mediation_sessions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    heldAt: timestamp({ withTimezone: true }).notNull(),
    place: text().notNull(),
    attendees: jsonb().$type<string[]>().notNull(),
    notes: text().notNull(),
    recordedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [index('mediation_sessions_order_idx').on(t.orderId, t.heldAt)],
);
