import { sql } from 'drizzle-orm';
import {
  boolean,
  jsonb,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';
import { partyOrgs } from '../organizations/schema.js';
import type {
  BookerKind,
  KeyTaskKind,
  KeyTaskStatus,
  ReviewRaterKind,
  VisitKind,
  BookingStatus,
  Domain,
  Grade,
  RaterKind,
  Round,
  SentTaskStatus,
  ServiceUnitKind,
  Stage,
} from './constants.js';

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};
const territoryRef = () =>
  integer()
    .notNull()
    .references(() => territories.id, { onDelete: 'restrict' });

/**
 * A standardisation checklist 规范化建设 of one domain, edited by a district or street (`territoryId`): the grade
 * rule is 先进 at or above `advancedMin`, 达标 at or above `passMin`, 后进 below (scores out of 100).
 */
export const asChecklists = pgTable(
  'as_checklists',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryRef(),
    scopePath: text().notNull(),
    domain: text().$type<Domain>().notNull(),
    title: text().notNull(),
    year: integer().notNull(),
    advancedMin: integer().notNull().default(90),
    passMin: integer().notNull().default(70),
    ...timestamps,
  },
  (t) => [
    index('as_checklists_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check(
      'as_checklists_rule_ck',
      sql`${t.passMin} >= 0 and ${t.advancedMin} > ${t.passMin} and ${t.advancedMin} <= 100`,
    ),
  ],
);

/** An item of a checklist: its weight in the total, the top score a reviewer may give, evidence required or not. */
export const asChecklistItems = pgTable(
  'as_checklist_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    checklistId: integer()
      .notNull()
      .references(() => asChecklists.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    weight: integer().notNull(),
    maxScore: integer().notNull(),
    evidenceRequired: boolean().notNull().default(false),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [
    index('as_checklist_items_list_idx').on(t.checklistId),
    check('as_checklist_items_ck', sql`${t.weight} > 0 and ${t.maxScore} > 0`),
  ],
);

/**
 * One organisation assessed on one checklist: the organisation self-checks, the peer organisation at
 * `peerTerritoryId` reviews, the superior reviews, and the grade is computed. Graded 后进 flags it 软弱涣散 (`weak`)
 * until a re-check after its rectification items are done reaches 达标.
 */
export const asAssessments = pgTable(
  'as_assessments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    checklistId: integer()
      .notNull()
      .references(() => asChecklists.id, { onDelete: 'restrict' }),
    partyOrgId: integer()
      .notNull()
      .references(() => partyOrgs.id, { onDelete: 'restrict' }),
    territoryId: territoryRef(),
    scopePath: text().notNull(),
    peerTerritoryId: territoryRef(),
    peerPath: text().notNull(),
    stage: text().$type<Stage>().notNull().default('selfCheck'),
    score: doublePrecision(),
    grade: text().$type<Grade>(),
    gradedAt: timestamp({ withTimezone: true }),
    weak: boolean().notNull().default(false),
    recheckScore: doublePrecision(),
    weakClearedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('as_assessments_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('as_assessments_peer_idx').on(t.peerTerritoryId),
    uniqueIndex('as_assessments_org_uq').on(t.checklistId, t.partyOrgId),
    check('as_assessments_peer_ck', sql`${t.peerTerritoryId} <> ${t.territoryId}`),
    check('as_assessments_stage_ck', sql`${t.stage} in ('selfCheck','peerReview','superiorReview','graded')`),
    check('as_assessments_grade_ck', sql`${t.grade} is null or ${t.grade} in ('advanced','pass','lagging')`),
  ],
);

/** A score given to one item in one round (自查 / 互评 / 复查 / 整改复查), with its evidence. */
export const asScores = pgTable(
  'as_scores',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    assessmentId: integer()
      .notNull()
      .references(() => asAssessments.id, { onDelete: 'cascade' }),
    itemId: integer()
      .notNull()
      .references(() => asChecklistItems.id, { onDelete: 'restrict' }),
    round: text().$type<Round>().notNull(),
    score: doublePrecision().notNull(),
    evidence: text(),
    byAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('as_scores_uq').on(t.assessmentId, t.round, t.itemId),
    check('as_scores_round_ck', sql`${t.round} in ('self','peer','superior','recheck')`),
  ],
);

/** An item of a weak organisation's rectification plan 整改, tracked to done with evidence. */
export const asRectificationItems = pgTable(
  'as_rectification_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Where the item comes from: exactly one of an assessment, a supervision visit 督导, an annual review 述职评议. */
    assessmentId: integer().references(() => asAssessments.id, { onDelete: 'cascade' }),
    visitId: integer().references(() => asVisits.id, { onDelete: 'cascade' }),
    reviewId: integer().references(() => asAnnualReviews.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    title: text().notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    doneAt: timestamp({ withTimezone: true }),
    evidence: text(),
    ...timestamps,
  },
  (t) => [
    index('as_rect_items_assessment_idx').on(t.assessmentId),
    index('as_rect_items_visit_idx').on(t.visitId),
    index('as_rect_items_review_idx').on(t.reviewId),
    index('as_rect_items_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('as_rect_items_source_ck', sql`num_nonnulls(${t.assessmentId}, ${t.visitId}, ${t.reviewId}) = 1`),
  ],
);

// Public rating 评议 (西宁评议) -----------------------------------------------------------------------------------

/** A rating period 评议期 of an area, with the weight of supervisors' ratings (percent). */
export const asRatingPeriods = pgTable(
  'as_rating_periods',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryRef(),
    scopePath: text().notNull(),
    name: text().notNull(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    supervisorWeight: integer().notNull().default(30),
    ...timestamps,
  },
  (t) => [
    index('as_rating_periods_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('as_rating_periods_ck', sql`${t.endsOn} >= ${t.startsOn} and ${t.supervisorWeight} between 0 and 100`),
  ],
);

/** A public service unit rated by residents: a service window, a department, a property company. */
export const asServiceUnits = pgTable(
  'as_service_units',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryRef(),
    scopePath: text().notNull(),
    kind: text().$type<ServiceUnitKind>().notNull(),
    name: text().notNull(),
    ...timestamps,
  },
  (t) => [
    index('as_service_units_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('as_service_units_kind_ck', sql`${t.kind} in ('window','department','property')`),
  ],
);

/** The accounts that speak for a service unit (they read its ratings and reply). */
export const asServiceUnitContacts = pgTable(
  'as_service_unit_contacts',
  {
    serviceUnitId: integer()
      .notNull()
      .references(() => asServiceUnits.id, { onDelete: 'cascade' }),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.serviceUnitId, t.accountId] })],
);

/** Supervisors 监督员 of an area: their ratings carry the period's supervisor weight. */
export const asSupervisors = pgTable(
  'as_supervisors',
  {
    accountId: integer()
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('as_supervisors_scope_idx').using('btree', t.scopePath.op('text_pattern_ops'))],
);

/** One rating of a unit in a period by one account (once per period per unit, enforced by the unique index). */
export const asRatings = pgTable(
  'as_ratings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    periodId: integer()
      .notNull()
      .references(() => asRatingPeriods.id, { onDelete: 'cascade' }),
    serviceUnitId: integer()
      .notNull()
      .references(() => asServiceUnits.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    raterKind: text().$type<RaterKind>().notNull(),
    stars: integer().notNull(),
    comment: text(),
    reply: text(),
    repliedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('as_ratings_once_uq').on(t.periodId, t.serviceUnitId, t.accountId),
    index('as_ratings_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('as_ratings_stars_ck', sql`${t.stars} between 1 and 5`),
    check('as_ratings_kind_ck', sql`${t.raterKind} in ('resident','supervisor')`),
  ],
);

// Workload list 减负清单 --------------------------------------------------------------------------------------------

/** An approved matter that departments may send down to a community (seed 001: 200 matters cut to 80). */
export const asWorkloadItems = pgTable(
  'as_workload_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryRef(),
    scopePath: text().notNull(),
    code: text().notNull(),
    title: text().notNull(),
    department: text().notNull(),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [
    index('as_workload_items_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    uniqueIndex('as_workload_items_code_uq').on(t.territoryId, t.code),
  ],
);

/** A task a department sent down to a community: accepted when it names an item of the list, else refused. */
export const asSentTasks = pgTable(
  'as_sent_tasks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    communityId: territoryRef(),
    scopePath: text().notNull(),
    department: text().notNull(),
    title: text().notNull(),
    workloadItemId: integer().references(() => asWorkloadItems.id, { onDelete: 'restrict' }),
    status: text().$type<SentTaskStatus>().notNull(),
    reason: text(),
    sentByAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('as_sent_tasks_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('as_sent_tasks_status_ck', sql`${t.status} in ('accepted','refused')`),
  ],
);

// Service centres 党群服务中心 ----------------------------------------------------------------------------------------

export const asCentres = pgTable(
  'as_centres',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryRef(),
    scopePath: text().notNull(),
    name: text().notNull(),
    areaM2: integer().notNull(),
    openingHours: text().notNull(),
    address: text(),
    ...timestamps,
  },
  (t) => [
    index('as_centres_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('as_centres_area_ck', sql`${t.areaM2} > 0`),
  ],
);

export const asRooms = pgTable(
  'as_rooms',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    centreId: integer()
      .notNull()
      .references(() => asCentres.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    capacity: integer().notNull(),
    ...timestamps,
  },
  (t) => [index('as_rooms_centre_idx').on(t.centreId)],
);

/**
 * A booking of a room. No two live bookings of a room overlap: the service locks the room row (SELECT … FOR
 * UPDATE) and checks inside the same transaction, so concurrent requests queue on the lock.
 */
export const asBookings = pgTable(
  'as_bookings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    roomId: integer()
      .notNull()
      .references(() => asRooms.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    bookerKind: text().$type<BookerKind>().notNull(),
    bookerName: text().notNull(),
    purpose: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    status: text().$type<BookingStatus>().notNull().default('booked'),
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('as_bookings_room_idx').on(t.roomId, t.startsAt),
    index('as_bookings_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('as_bookings_span_ck', sql`${t.endsAt} > ${t.startsAt}`),
    check('as_bookings_status_ck', sql`${t.status} in ('booked','cancelled')`),
    check('as_bookings_kind_ck', sql`${t.bookerKind} in ('unit','organisation','residentsGroup')`),
  ],
);

// One-window catalogue 一窗受理 -------------------------------------------------------------------------------------

/**
 * A service item a community centre handles at one window (seed 001: 163 permits, 44 convenience services, 123
 * 最多跑一次 items): the materials needed, the time limit in working days, whether one visit at most is needed.
 */
export const asServiceItems = pgTable(
  'as_service_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryRef(),
    scopePath: text().notNull(),
    category: text().$type<'permit' | 'convenience'>().notNull(),
    name: text().notNull(),
    department: text().notNull(),
    materials: jsonb().$type<string[]>().notNull().default([]),
    timeLimitDays: integer().notNull(),
    atMostOnce: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index('as_service_items_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('as_service_items_category_ck', sql`${t.category} in ('permit','convenience')`),
    check('as_service_items_limit_ck', sql`${t.timeLimitDays} >= 0`),
  ],
);

// Key tasks, supervision, the annual review (decision 032) ----------------------------------------------------------

/**
 * A key task 重点任务 or an item of an organisation's responsibility list 责任清单 for a year, set by a superior
 * (`setByPath`, strictly above the organisation's node): the organisation hands in evidence, the superior accepts it
 * or returns it with a note. Due-dates feed the monthly reminder list 月度提醒清单.
 */
export const asKeyTasks = pgTable(
  'as_key_tasks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().$type<KeyTaskKind>().notNull(),
    year: integer().notNull(),
    territoryId: territoryRef(),
    scopePath: text().notNull(),
    setByTerritoryId: territoryRef(),
    setByPath: text().notNull(),
    title: text().notNull(),
    ownerName: text().notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    status: text().$type<KeyTaskStatus>().notNull().default('open'),
    evidence: text(),
    submittedAt: timestamp({ withTimezone: true }),
    checkNote: text(),
    checkedAt: timestamp({ withTimezone: true }),
    checkedByAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('as_key_tasks_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('as_key_tasks_due_idx').on(t.dueOn),
    check('as_key_tasks_setter_ck', sql`${t.setByTerritoryId} <> ${t.territoryId}`),
    check('as_key_tasks_kind_ck', sql`${t.kind} in ('key','responsibility')`),
    check('as_key_tasks_status_ck', sql`${t.status} in ('open','submitted','accepted','returned')`),
  ],
);

/**
 * A site visit to an organisation's node: 督导 supervision (四不两直 when unannounced) or the mid-year 观摩 with the
 * visitors' score; its findings become rectification items.
 */
export const asVisits = pgTable(
  'as_visits',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().$type<VisitKind>().notNull(),
    territoryId: territoryRef(),
    scopePath: text().notNull(),
    byPath: text().notNull(),
    visitedOn: date({ mode: 'string' }).notNull(),
    unannounced: boolean().notNull().default(false),
    inspectors: text().notNull(),
    summary: text().notNull(),
    byAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('as_visits_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('as_visits_kind_ck', sql`${t.kind} in ('supervision','observation')`),
  ],
);

/** Each visitor's score of a 观摩 (0–100), once per visitor; the visit's score is their mean (computed, not kept). */
export const asVisitScores = pgTable(
  'as_visit_scores',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    visitId: integer()
      .notNull()
      .references(() => asVisits.id, { onDelete: 'cascade' }),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    visitorName: text().notNull(),
    score: integer().notNull(),
    comment: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('as_visit_scores_once_uq').on(t.visitId, t.accountId),
    check('as_visit_scores_score_ck', sql`${t.score} between 0 and 100`),
  ],
);

/**
 * The year-end 述职评议 of an organisation's secretary: the report, then ratings (0–100) by party members, residents'
 * representatives and the superior, combined by the weights kept here (they sum to 100).
 */
export const asAnnualReviews = pgTable(
  'as_annual_reviews',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    partyOrgId: integer()
      .notNull()
      .references(() => partyOrgs.id, { onDelete: 'restrict' }),
    territoryId: territoryRef(),
    scopePath: text().notNull(),
    year: integer().notNull(),
    secretaryName: text().notNull(),
    report: text(),
    reportedAt: timestamp({ withTimezone: true }),
    memberWeight: integer().notNull().default(40),
    residentWeight: integer().notNull().default(30),
    superiorWeight: integer().notNull().default(30),
    closedAt: timestamp({ withTimezone: true }),
    score: doublePrecision(),
    ...timestamps,
  },
  (t) => [
    index('as_annual_reviews_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    uniqueIndex('as_annual_reviews_uq').on(t.partyOrgId, t.year),
    check(
      'as_annual_reviews_weights_ck',
      sql`${t.memberWeight} >= 0 and ${t.residentWeight} >= 0 and ${t.superiorWeight} >= 0 and ${t.memberWeight} + ${t.residentWeight} + ${t.superiorWeight} = 100`,
    ),
  ],
);

/** One rating of a secretary's report, once per account (unique index). */
export const asReviewRatings = pgTable(
  'as_review_ratings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    reviewId: integer()
      .notNull()
      .references(() => asAnnualReviews.id, { onDelete: 'cascade' }),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    raterKind: text().$type<ReviewRaterKind>().notNull(),
    score: integer().notNull(),
    comment: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('as_review_ratings_once_uq').on(t.reviewId, t.accountId),
    check('as_review_ratings_score_ck', sql`${t.score} between 0 and 100`),
    check('as_review_ratings_kind_ck', sql`${t.raterKind} in ('member','resident','superior')`),
  ],
);

/** The monthly reminder list pushed to an organisation's node (once per month per node). */
export const asReminderPushes = pgTable(
  'as_reminder_pushes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    month: text().notNull(),
    territoryId: territoryRef(),
    scopePath: text().notNull(),
    items: integer().notNull(),
    recipients: integer().notNull(),
    byAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('as_reminder_pushes_uq').on(t.month, t.territoryId),
    index('as_reminder_pushes_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);

/** A one-window item started as a service order 一窗受理 (decision 032): which item, which order, by whom. */
export const asServiceItemOrders = pgTable(
  'as_service_item_orders',
  {
    orderId: integer().primaryKey(),
    serviceItemId: integer()
      .notNull()
      .references(() => asServiceItems.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('as_service_item_orders_item_idx').on(t.serviceItemId)],
);
