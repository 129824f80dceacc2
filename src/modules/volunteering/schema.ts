import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';
import { partyOrgs } from '../organizations/schema.js';
import { partyMembers } from '../party-members/schema.js';
import type {
  ActivityKind,
  ActivityStatus,
  CapPeriod,
  CheckMethod,
  EntryStatus,
  PointSource,
  RuleUnit,
  SignupStatus,
  TeamKind,
} from './constants.js';

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/** A volunteer team 志愿服务队, a commando team 党员突击队, or a post 先锋岗/示范岗, held at a node of the tree. */
export const volTeams = pgTable(
  'vol_teams',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().$type<TeamKind>().notNull(),
    name: text().notNull(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    /** The duties the team or post covers (e.g. 文明劝导, 助老, 防汛巡查). */
    duties: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    description: text(),
    createdBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('vol_teams_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('vol_teams_kind_ck', sql`${t.kind} in ('volunteer','commando','vanguardPost','modelPost')`),
  ],
);

/** A member of a team or post: an account, a party member, or both; with the duty they cover. */
export const volTeamMembers = pgTable(
  'vol_team_members',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    teamId: integer()
      .notNull()
      .references(() => volTeams.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    memberId: integer().references(() => partyMembers.id, { onDelete: 'set null' }),
    isLeader: boolean().notNull().default(false),
    duty: text(),
    joinedOn: date(),
    ...timestamps,
  },
  (t) => [
    index('vol_team_members_team_idx').on(t.teamId),
    index('vol_team_members_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    uniqueIndex('vol_team_members_account_uq')
      .on(t.teamId, t.accountId)
      .where(sql`${t.accountId} is not null`),
    uniqueIndex('vol_team_members_member_uq')
      .on(t.teamId, t.memberId)
      .where(sql`${t.memberId} is not null`),
  ],
);

/** An activity: volunteer service, a service fair 便民服务集市, a theme day; organised at a node, at a place. */
export const volActivities = pgTable(
  'vol_activities',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().$type<ActivityKind>().notNull(),
    title: text().notNull(),
    description: text(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    /** The team that runs it, when one does. */
    teamId: integer().references(() => volTeams.id, { onDelete: 'set null' }),
    place: text().notNull(),
    lng: doublePrecision(),
    lat: doublePrecision(),
    radiusM: integer().notNull().default(300),
    status: text().$type<ActivityStatus>().notNull().default('open'),
    /** The accounts that organise it and alone confirm hours (谁组织谁记录): the creator and any co-organisers. */
    organiserIds: integer().array().notNull(),
    /** Secret the QR check-in tokens are signed with (HMAC); never leaves the server. */
    tokenSecret: text().notNull(),
    createdBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('vol_activities_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('vol_activities_kind_ck', sql`${t.kind} in ('volunteer','serviceFair','themeDay')`),
    check('vol_activities_status_ck', sql`${t.status} in ('open','closed','cancelled')`),
    check('vol_activities_radius_ck', sql`${t.radiusM} between 20 and 5000`),
  ],
);

/** A shift of an activity with a capacity; `taken` counts the places held, updated with a guarded UPDATE. */
export const volShifts = pgTable(
  'vol_shifts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer()
      .notNull()
      .references(() => volActivities.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    label: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    capacity: integer().notNull(),
    taken: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('vol_shifts_activity_idx').on(t.activityId, t.startsAt),
    check('vol_shifts_capacity_ck', sql`${t.taken} >= 0 and ${t.taken} <= ${t.capacity}`),
    check('vol_shifts_window_ck', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * A sign-up to a shift. Credited to the volunteer's residence community (`creditPath`); a dual-registered member's
 * service is also reported to their unit's branch (`reportBranchId`, `reportPath`) for 双评议.
 */
export const volSignups = pgTable(
  'vol_signups',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    shiftId: integer()
      .notNull()
      .references(() => volShifts.id, { onDelete: 'cascade' }),
    activityId: integer()
      .notNull()
      .references(() => volActivities.id, { onDelete: 'cascade' }),
    /** The activity's path (the organisers' subtree sees the sign-up). */
    scopePath: text().notNull(),
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    memberId: integer().references(() => partyMembers.id, { onDelete: 'set null' }),
    name: text().notNull(),
    creditCommunityId: integer().references(() => territories.id, { onDelete: 'set null' }),
    creditPath: text(),
    reportBranchId: integer().references(() => partyOrgs.id, { onDelete: 'set null' }),
    reportPath: text(),
    status: text().$type<SignupStatus>().notNull().default('signedUp'),
    checkInAt: timestamp({ withTimezone: true }),
    checkInMethod: text().$type<CheckMethod>(),
    checkOutAt: timestamp({ withTimezone: true }),
    checkOutMethod: text().$type<CheckMethod>(),
    /** Minutes the organiser confirmed (may differ from the check-in to check-out span, with a note). */
    confirmedMinutes: integer(),
    confirmedAt: timestamp({ withTimezone: true }),
    confirmedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    note: text(),
    ...timestamps,
  },
  (t) => [
    index('vol_signups_shift_idx').on(t.shiftId),
    index('vol_signups_activity_idx').on(t.activityId),
    index('vol_signups_account_idx').on(t.accountId),
    index('vol_signups_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('vol_signups_credit_idx').using('btree', t.creditPath.op('text_pattern_ops')),
    uniqueIndex('vol_signups_live_uq')
      .on(t.shiftId, t.accountId)
      .where(sql`${t.accountId} is not null and ${t.status} <> 'cancelled'`),
    check(
      'vol_signups_status_ck',
      sql`${t.status} in ('signedUp','checkedIn','checkedOut','confirmed','rejected','cancelled')`,
    ),
  ],
);

/** The points rules of a district (what earns how many points, cap per period). */
export const pointRules = pgTable(
  'point_rules',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    source: text().$type<PointSource>().notNull(),
    unit: text().$type<RuleUnit>().notNull(),
    points: integer().notNull(),
    cap: integer(),
    capPeriod: text().$type<CapPeriod>().notNull().default('month'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('point_rules_district_source_uq').on(t.districtId, t.source),
    index('point_rules_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('point_rules_points_ck', sql`${t.points} between 0 and 1000`),
  ],
);

/**
 * THE points ledger 积分台账: every point a person earns, from a rule (activity hours, orders, wishes, meetings) or
 * manual (reason + a second approver). Stars and rankings are computed from it; nothing else stores points.
 */
export const pointEntries = pgTable(
  'point_entries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    memberId: integer().references(() => partyMembers.id, { onDelete: 'set null' }),
    /** Who: `a:<accountId>` when they sign in, else `m:<memberId>` (points of one person, whatever their records). */
    personKey: text().notNull(),
    name: text().notNull(),
    /** The residence community the points count for. */
    scopePath: text().notNull(),
    /** The branch the person belongs to (home branch, or the unit branch a dual-registered member reports to). */
    branchId: integer().references(() => partyOrgs.id, { onDelete: 'set null' }),
    branchPath: text(),
    source: text().$type<PointSource>().notNull(),
    /** The record that earned it, e.g. `signup:12`; unique per person, so crediting twice is a no-op. */
    ref: text().notNull(),
    quantity: doublePrecision().notNull().default(1),
    /** Points after the cap; `requested` is what the rule gave before it. */
    points: integer().notNull(),
    requested: integer().notNull(),
    reason: text(),
    status: text().$type<EntryStatus>().notNull().default('posted'),
    /** The period the cap is counted in, e.g. `2026-03` or `2026`. */
    period: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    requestedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    approvedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    approvedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('point_entries_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('point_entries_branch_path_idx').using('btree', t.branchPath.op('text_pattern_ops')),
    index('point_entries_account_idx').on(t.accountId, t.at),
    index('point_entries_member_idx').on(t.memberId, t.at),
    index('point_entries_branch_idx').on(t.branchId),
    uniqueIndex('point_entries_ref_uq').on(t.source, t.ref, t.personKey),
    index('point_entries_person_idx').on(t.personKey, t.period),
    check('point_entries_status_ck', sql`${t.status} in ('posted','pending','rejected')`),
    check('point_entries_manual_ck', sql`${t.source} <> 'manual' or ${t.reason} is not null`),
  ],
);
