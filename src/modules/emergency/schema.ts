import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';
import { partyOrgs } from '../organizations/schema.js';
import { partyMembers } from '../party-members/schema.js';
import { serviceOrders } from '../service-orders/schema.js';
import type {
  EventKind,
  EventStatus,
  Metric,
  PostKind,
  TeamRef,
  VisitResult,
  AlertStatus,
  ReadingSource,
} from './constants.js';
import type { ReviewStep, Stage } from './recruitment.rules.js';

const created = () => timestamp({ withTimezone: true }).notNull().defaultNow();

// ---------------------------------------------------------------------------------------------------------------
// Emergency mode 平战结合 (seeds 000, 004)
// ---------------------------------------------------------------------------------------------------------------

/**
 * An emergency switched on by a district or street for an event (epidemic, flood, fire). `scopePath` is the
 * district's or street's path; `areaIds`/`areaPaths` are the nodes in scope (inside that subtree). Ended events stay
 * as a read-only record.
 */
export const emEvents = pgTable(
  'em_events',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    kind: text().$type<EventKind>().notNull(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    areaIds: integer().array().notNull(),
    areaPaths: text().array().notNull(),
    status: text().$type<EventStatus>().notNull().default('active'),
    /** Teams activated: a free list (name, kind, members or organisation), kept with the event. */
    teams: jsonb().$type<TeamRef[]>().notNull().default([]),
    note: text(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    startedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    endedAt: timestamp({ withTimezone: true }),
    endedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    endNote: text(),
    createdAt: created(),
  },
  (t) => [
    index('em_events_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('em_events_kind_ck', sql`${t.kind} in ('epidemic','flood','fire','other')`),
    check('em_events_status_ck', sql`${t.status} in ('active','ended')`),
  ],
);

/** A duty post 先锋岗/值守点 or a responsibility area 责任区 of an event, at a node inside its area. */
export const emPosts = pgTable(
  'em_posts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer()
      .notNull()
      .references(() => emEvents.id, { onDelete: 'cascade' }),
    kind: text().$type<PostKind>().notNull(),
    name: text().notNull(),
    duty: text(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    createdAt: created(),
  },
  (t) => [
    index('em_posts_event_idx').on(t.eventId),
    index('em_posts_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('em_posts_kind_ck', sql`${t.kind} in ('dutyPost','responsibilityArea')`),
  ],
);

/** Who stands a post: a party member (party-members face) or a staff account. */
export const emRoster = pgTable(
  'em_roster',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    postId: integer()
      .notNull()
      .references(() => emPosts.id, { onDelete: 'cascade' }),
    partyMemberId: integer().references(() => partyMembers.id, { onDelete: 'set null' }),
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    name: text().notNull(),
    shift: text(),
    scopePath: text().notNull(),
    createdAt: created(),
  },
  (t) => [index('em_roster_post_idx').on(t.postId), index('em_roster_account_idx').on(t.accountId)],
);

/** A door-to-door campaign 入户敲门 over nodes of the event's area; coverage counts the households below them. */
export const emCampaigns = pgTable(
  'em_campaigns',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer()
      .notNull()
      .references(() => emEvents.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    areaIds: integer().array().notNull(),
    areaPaths: text().array().notNull(),
    scopePath: text().notNull(),
    createdAt: created(),
  },
  (t) => [
    index('em_campaigns_event_idx').on(t.eventId),
    index('em_campaigns_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);

/** The latest knock at one household of a campaign (attempts counts the knocks). */
export const emVisits = pgTable(
  'em_visits',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer()
      .notNull()
      .references(() => emCampaigns.id, { onDelete: 'cascade' }),
    householdId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    result: text().$type<VisitResult>().notNull(),
    note: text(),
    attempts: integer().notNull().default(1),
    orderId: integer().references(() => serviceOrders.id, { onDelete: 'set null' }),
    visitedAt: timestamp({ withTimezone: true }).notNull(),
    byAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    byName: text().notNull(),
  },
  (t) => [
    uniqueIndex('em_visits_household_uq').on(t.campaignId, t.householdId),
    index('em_visits_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('em_visits_result_ck', sql`${t.result} in ('visited','notHome','needsHelp')`),
  ],
);

/** A task pushed to members during an event. */
export const emTasks = pgTable(
  'em_tasks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer()
      .notNull()
      .references(() => emEvents.id, { onDelete: 'cascade' }),
    postId: integer().references(() => emPosts.id, { onDelete: 'set null' }),
    title: text().notNull(),
    detail: text(),
    dueAt: timestamp({ withTimezone: true }),
    scopePath: text().notNull(),
    createdBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: created(),
  },
  (t) => [
    index('em_tasks_event_idx').on(t.eventId),
    index('em_tasks_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);

/** One member's share of a task and their check-in 报到打卡. */
export const emTaskAssignees = pgTable(
  'em_task_assignees',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    taskId: integer()
      .notNull()
      .references(() => emTasks.id, { onDelete: 'cascade' }),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    checkedInAt: timestamp({ withTimezone: true }),
    checkInNote: text(),
  },
  (t) => [
    uniqueIndex('em_task_assignees_uq').on(t.taskId, t.accountId),
    index('em_task_assignees_account_idx').on(t.accountId),
  ],
);

// ---------------------------------------------------------------------------------------------------------------
// River patrols 党建+河长制 (seed 004: 桃花江生态监控预警平台)
// ---------------------------------------------------------------------------------------------------------------

/** A line on the map: [lng, lat] points (GCJ-02 as the grids, decision 005). */
export type LinePoints = [number, number][];

export const riverRivers = pgTable(
  'river_rivers',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    /** 河长: the responsible person, in words (a name and post). */
    chief: text(),
    course: jsonb().$type<LinePoints>(),
    createdAt: created(),
  },
  (t) => [index('river_rivers_scope_idx').using('btree', t.scopePath.op('text_pattern_ops'))],
);

export const riverRoutes = pgTable(
  'river_routes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    riverId: integer()
      .notNull()
      .references(() => riverRivers.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** The community (or a node below it) the stretch runs through: problems found on it are filed there. */
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    line: jsonb().$type<LinePoints>().notNull(),
    lengthM: integer().notNull(),
    scopePath: text().notNull(),
    createdAt: created(),
  },
  (t) => [index('river_routes_scope_idx').using('btree', t.scopePath.op('text_pattern_ops'))],
);

export const riverPatrols = pgTable(
  'river_patrols',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    routeId: integer()
      .notNull()
      .references(() => riverRoutes.id, { onDelete: 'restrict' }),
    patrollerAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    patrollerName: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }).notNull(),
    walked: jsonb().$type<LinePoints>(),
    note: text(),
    scopePath: text().notNull(),
    createdAt: created(),
  },
  (t) => [
    index('river_patrols_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('river_patrols_route_idx').on(t.routeId),
  ],
);

/** A problem found on a patrol; each becomes a service order (problem report) through the orders face. */
export const riverProblems = pgTable(
  'river_problems',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    patrolId: integer()
      .notNull()
      .references(() => riverPatrols.id, { onDelete: 'cascade' }),
    description: text().notNull(),
    orderId: integer().references(() => serviceOrders.id, { onDelete: 'set null' }),
    scopePath: text().notNull(),
  },
  (t) => [index('river_problems_patrol_idx').on(t.patrolId)],
);

/** A monitoring station; its gateway key is stored only as a SHA-256 hash (the key is shown once). */
export const riverStations = pgTable(
  'river_stations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    riverId: integer()
      .notNull()
      .references(() => riverRivers.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    name: text().notNull(),
    location: jsonb().$type<{ lng: number; lat: number }>(),
    keyHash: text(),
    keyIssuedAt: timestamp({ withTimezone: true }),
    /** Accounts told of alerts (the river chief's office, the street's duty staff). */
    responsibleAccountIds: integer()
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    scopePath: text().notNull(),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('river_stations_code_uq').on(t.code),
    index('river_stations_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);

/** Allowed range of one metric at one station: below `min` or above `max` raises an alert. */
export const riverThresholds = pgTable(
  'river_thresholds',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    stationId: integer()
      .notNull()
      .references(() => riverStations.id, { onDelete: 'cascade' }),
    metric: text().$type<Metric>().notNull(),
    min: doublePrecision(),
    max: doublePrecision(),
  },
  (t) => [uniqueIndex('river_thresholds_uq').on(t.stationId, t.metric)],
);

/** A reading; (station, readingId) is unique, so a replayed reading is refused and stored once. */
export const riverReadings = pgTable(
  'river_readings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    stationId: integer()
      .notNull()
      .references(() => riverStations.id, { onDelete: 'cascade' }),
    readingId: text().notNull(),
    metric: text().$type<Metric>().notNull(),
    value: doublePrecision().notNull(),
    measuredAt: timestamp({ withTimezone: true }).notNull(),
    source: text().$type<ReadingSource>().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    scopePath: text().notNull(),
  },
  (t) => [
    uniqueIndex('river_readings_uq').on(t.stationId, t.readingId),
    index('river_readings_station_idx').on(t.stationId, t.measuredAt),
    index('river_readings_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);

/** One alert per reading past its threshold (unique on the reading). */
export const riverAlerts = pgTable(
  'river_alerts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    stationId: integer()
      .notNull()
      .references(() => riverStations.id, { onDelete: 'cascade' }),
    readingRowId: integer()
      .notNull()
      .references(() => riverReadings.id, { onDelete: 'cascade' }),
    metric: text().$type<Metric>().notNull(),
    value: doublePrecision().notNull(),
    bound: doublePrecision().notNull(),
    direction: text().$type<'above' | 'below'>().notNull(),
    status: text().$type<AlertStatus>().notNull().default('open'),
    scopePath: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    closedAt: timestamp({ withTimezone: true }),
    closedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    closeNote: text(),
  },
  (t) => [
    uniqueIndex('river_alerts_reading_uq').on(t.readingRowId),
    index('river_alerts_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('river_alerts_status_ck', sql`${t.status} in ('open','closed')`),
  ],
);

// ---------------------------------------------------------------------------------------------------------------
// Recruitment 发展党员 (seed 003: 一谈一报一审一定)
// ---------------------------------------------------------------------------------------------------------------

/** A candidate on the way to membership, held by a branch (scopePath = the branch's). Dates are China days. */
export const recruitCandidates = pgTable(
  'recruit_candidates',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    branchId: integer()
      .notNull()
      .references(() => partyOrgs.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    birthDate: date({ mode: 'string' }),
    stage: text().$type<Stage>().notNull().default('applicant'),
    appliedOn: date({ mode: 'string' }).notNull(),
    talkedOn: date({ mode: 'string' }),
    activistOn: date({ mode: 'string' }),
    targetOn: date({ mode: 'string' }),
    probationOn: date({ mode: 'string' }),
    fullOn: date({ mode: 'string' }),
    trainingHours: integer().notNull().default(0),
    introducers: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** 一谈一报一审一定: the day each step was done. */
    review: jsonb().$type<Partial<Record<ReviewStep, string>>>().notNull().default({}),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [
    index('recruit_candidates_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('recruit_candidates_branch_idx').on(t.branchId),
    check('recruit_candidates_stage_ck', sql`${t.stage} in ('applicant','activist','target','probationary','full')`),
  ],
);

/** Each move between stages, with the day and who recorded it. */
export const recruitMoves = pgTable(
  'recruit_moves',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    candidateId: integer()
      .notNull()
      .references(() => recruitCandidates.id, { onDelete: 'cascade' }),
    fromStage: text().$type<Stage>().notNull(),
    toStage: text().$type<Stage>().notNull(),
    on: date({ mode: 'string' }).notNull(),
    note: text(),
    /** The branch meeting's vote 支部大会表决 (required for 预备党员 and 转正). */
    voteEligible: integer(),
    votePresent: integer(),
    voteFor: integer(),
    voteAgainst: integer(),
    voteAbstain: integer(),
    /** The higher committee's approval 上级党委审批 (required for 预备党员 and 转正). */
    approvedBy: text(),
    approvedOn: date({ mode: 'string' }),
    byAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: created(),
  },
  (t) => [index('recruit_moves_candidate_idx').on(t.candidateId)],
);
