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
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { piiText } from '../../kernel/crypto/pii-columns.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { units } from '../organizations/schema.js';
import { serviceOrders } from '../service-orders/schema.js';
import type { ApplicantDecision, ApplicantKind, ChallengeStatus } from './challenges.constants.js';
import type {
  AgreementStatus,
  DeliverableStatus,
  MatchDecision,
  MatchFactor,
  NeedSource,
  NeedStatus,
  OffererKind,
  ProjectStatus,
  ResourceKind,
} from './constants.js';
import type {
  ItemCategory,
  ItemCondition,
  ItemEventKind,
  ItemStatus,
  LoanChannel,
  LoanStatus,
} from './shared-items.constants.js';

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/**
 * A need 需求清单 of a community (seeds 000–002 三张清单). `territoryId` is its place (the community or a node
 * below it), `scopePath` that node's path; `communityId` the community it belongs to.
 */
export const coNeeds = pgTable(
  'co_needs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    title: text().notNull(),
    description: text(),
    category: text().notNull(),
    lng: doublePrecision(),
    lat: doublePrecision(),
    source: text().$type<NeedSource>().notNull(),
    /** The orders a recurring-order need was proposed from; the meeting or survey it came from, as text. */
    sourceOrderIds: jsonb().$type<number[]>().notNull().default([]),
    sourceNote: text(),
    raisedByAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    status: text().$type<NeedStatus>().notNull().default('open'),
    projectId: integer(),
    /** Shown on the community's public timeline (residents see public needs of their own community only). */
    public: integer().notNull().default(1),
    closedNote: text(),
    closedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('co_needs_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('co_needs_community_idx').on(t.communityId, t.status),
    check('co_needs_status_ck', sql`${t.status} in ('open','matched','inProject','met','notMet')`),
    check('co_needs_source_ck', sql`${t.source} in ('resident','recurringOrders','meeting','survey')`),
  ],
);

/**
 * A resource 资源清单: what a unit, party organisation, member or resident offers, with a capacity in its unit
 * of measure. `usedCapacity` goes up as accepted matches take it and never passes the capacity (checked below
 * and by the conditional UPDATE in the service).
 */
export const coResources = pgTable(
  'co_resources',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The area it serves: a community or a node above/below it. */
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    title: text().notNull(),
    description: text(),
    kind: text().$type<ResourceKind>().notNull(),
    categories: jsonb().$type<string[]>().notNull().default([]),
    offererKind: text().$type<OffererKind>().notNull(),
    offererName: text().notNull(),
    unitId: integer().references(() => units.id, { onDelete: 'set null' }),
    capacity: integer().notNull(),
    usedCapacity: integer().notNull().default(0),
    unitOfMeasure: text().notNull(),
    availableFrom: date({ mode: 'string' }),
    availableTo: date({ mode: 'string' }),
    /** Days and times in words, e.g. 每周六 9:00–17:00. */
    availabilityNote: text(),
    active: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('co_resources_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('co_resources_capacity_ck', sql`${t.usedCapacity} >= 0 and ${t.usedCapacity} <= ${t.capacity}`),
    check('co_resources_kind_ck', sql`${t.kind} in ('venue','equipment','skill','money','hours')`),
    check('co_resources_offerer_ck', sql`${t.offererKind} in ('unit','partyOrg','member','resident')`),
  ],
);

/** A project 项目清单: binds needs to resources; owner, budget, due date, tasks; rated by residents when done. */
export const coProjects = pgTable(
  'co_projects',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    title: text().notNull(),
    description: text(),
    ownerName: text().notNull(),
    ownerAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    /** Yuan. */
    budget: integer().notNull().default(0),
    startOn: date({ mode: 'string' }).notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    status: text().$type<ProjectStatus>().notNull().default('inProgress'),
    outcome: text(),
    doneAt: timestamp({ withTimezone: true }),
    /** The China-time day it was done, for "on time": doneOn <= dueOn. */
    doneOn: date({ mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('co_projects_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('co_projects_status_ck', sql`${t.status} in ('inProgress','done','cancelled')`),
  ],
);

/** A suggestion decided by a coordinator: accepted (takes capacity) or rejected, with the reason and the scores. */
export const coMatches = pgTable(
  'co_matches',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    needId: integer()
      .notNull()
      .references(() => coNeeds.id, { onDelete: 'cascade' }),
    resourceId: integer()
      .notNull()
      .references(() => coResources.id, { onDelete: 'restrict' }),
    decision: text().$type<MatchDecision>().notNull(),
    amount: integer().notNull().default(0),
    reason: text(),
    score: doublePrecision().notNull(),
    factors: jsonb().$type<Record<MatchFactor, number>>().notNull(),
    projectId: integer().references(() => coProjects.id, { onDelete: 'set null' }),
    decidedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('co_matches_need_idx').on(t.needId),
    index('co_matches_resource_idx').on(t.resourceId),
    check('co_matches_decision_ck', sql`${t.decision} in ('accepted','rejected')`),
    check('co_matches_amount_ck', sql`${t.amount} >= 0`),
  ],
);

/** A task 任务 of a project, grouped by milestone; may have become a service order. */
export const coTasks = pgTable(
  'co_tasks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => coProjects.id, { onDelete: 'cascade' }),
    milestone: text(),
    title: text().notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    weight: integer().notNull().default(1),
    doneAt: timestamp({ withTimezone: true }),
    orderId: integer().references(() => serviceOrders.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('co_tasks_project_idx').on(t.projectId),
    check('co_tasks_weight_ck', sql`${t.weight} between 1 and 100`),
  ],
);

/** A resident's rating 评价 of a finished project (1–5 stars), one per resident and project. */
export const coProjectRatings = pgTable(
  'co_project_ratings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => coProjects.id, { onDelete: 'cascade' }),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    stars: integer().notNull(),
    comment: text(),
    ...timestamps,
  },
  (t) => [
    index('co_project_ratings_project_idx').on(t.projectId),
    uniqueIndex('co_project_ratings_uq').on(t.projectId, t.accountId),
    check('co_project_ratings_stars_ck', sql`${t.stars} between 1 and 5`),
  ],
);

/** A co-building agreement 共建协议 (契约化共建) between a community and a unit; its score is computed (decision 018). */
export const coAgreements = pgTable(
  'co_agreements',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    unitId: integer()
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    /** Set when the community's side is a party-building alliance 党建联盟 (decision 028). */
    allianceId: integer().references((): AnyPgColumn => coAlliances.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    content: text(),
    year: integer().notNull(),
    status: text().$type<AgreementStatus>().notNull().default('negotiating'),
    signedOn: date({ mode: 'string' }),
    publishedAt: timestamp({ withTimezone: true }),
    evaluatedAt: timestamp({ withTimezone: true }),
    /** 0–100, written only by the evaluate move from the deliverables and ratings. */
    score: doublePrecision(),
    scoreParts: jsonb().$type<{ deliverables: number; rating: number | null }>(),
    ...timestamps,
  },
  (t) => [
    index('co_agreements_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('co_agreements_unit_idx').on(t.unitId, t.year),
    check('co_agreements_status_ck', sql`${t.status} in ('negotiating','signed','published','fulfilling','evaluated')`),
  ],
);

/** A promised deliverable 共建事项 of an agreement, with due date and evidence. */
export const coDeliverables = pgTable(
  'co_deliverables',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agreementId: integer()
      .notNull()
      .references(() => coAgreements.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    status: text().$type<DeliverableStatus>().notNull().default('pending'),
    doneOn: date({ mode: 'string' }),
    evidence: text(),
    ...timestamps,
  },
  (t) => [
    index('co_deliverables_agreement_idx').on(t.agreementId),
    check('co_deliverables_status_ck', sql`${t.status} in ('pending','done','notDone')`),
  ],
);

/** A resident's rating of the work done under an agreement (1–5 stars), one per resident. */
export const coAgreementRatings = pgTable(
  'co_agreement_ratings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agreementId: integer()
      .notNull()
      .references(() => coAgreements.id, { onDelete: 'cascade' }),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    stars: integer().notNull(),
    comment: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('co_agreement_ratings_uq').on(t.agreementId, t.accountId),
    check('co_agreement_ratings_stars_ck', sql`${t.stars} between 1 and 5`),
  ],
);

/**
 * A party-building alliance 党建联盟 (seed 001: 31 区域化党建联盟) of units around a community or street
 * (decision 028). `territoryId` is that community or street, `scopePath` its path.
 */
export const coAlliances = pgTable(
  'co_alliances',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    description: text(),
    foundedOn: date({ mode: 'string' }).notNull(),
    ...timestamps,
  },
  (t) => [
    index('co_alliances_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    uniqueIndex('co_alliances_name_uq').on(t.territoryId, t.name),
  ],
);

/** A member unit of an alliance from `joinedOn`; `leftOn` set when it leaves (the row stays, for history). */
export const coAllianceUnits = pgTable(
  'co_alliance_units',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => coAlliances.id, { onDelete: 'cascade' }),
    unitId: integer()
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    joinedOn: date({ mode: 'string' }).notNull(),
    leftOn: date({ mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('co_alliance_units_uq').on(t.allianceId, t.unitId),
    check('co_alliance_units_left_ck', sql`${t.leftOn} is null or ${t.leftOn} >= ${t.joinedOn}`),
  ],
);

/** A part-time committee member 兼职委员: a person from a member unit serving on the alliance's committee. */
export const coAllianceMembers = pgTable(
  'co_alliance_members',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => coAlliances.id, { onDelete: 'cascade' }),
    unitId: integer()
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    /** The post in the unit, e.g. 党委书记. */
    unitPost: text(),
    /** The post on the committee, e.g. 兼职委员, 兼职副书记. */
    committeePost: text().notNull(),
    termFrom: date({ mode: 'string' }).notNull(),
    termTo: date({ mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('co_alliance_members_alliance_idx').on(t.allianceId),
    check('co_alliance_members_term_ck', sql`${t.termTo} is null or ${t.termTo} >= ${t.termFrom}`),
  ],
);

/** A rotating chair 轮值主席 term: a member unit chairs the alliance from termFrom to termTo (no overlaps). */
export const coAllianceChairs = pgTable(
  'co_alliance_chairs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => coAlliances.id, { onDelete: 'cascade' }),
    unitId: integer()
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    termFrom: date({ mode: 'string' }).notNull(),
    termTo: date({ mode: 'string' }).notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('co_alliance_chairs_uq').on(t.allianceId, t.termFrom),
    check('co_alliance_chairs_term_ck', sql`${t.termTo} >= ${t.termFrom}`),
  ],
);

/** A joint meeting 联席会议 of an alliance: the day, the attending units and the minutes. */
export const coAllianceMeetings = pgTable(
  'co_alliance_meetings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => coAlliances.id, { onDelete: 'cascade' }),
    heldOn: date({ mode: 'string' }).notNull(),
    title: text().notNull(),
    minutes: text().notNull(),
    attendingUnitIds: jsonb().$type<number[]>().notNull().default([]),
    ...timestamps,
  },
  (t) => [index('co_alliance_meetings_alliance_idx').on(t.allianceId, t.heldOn)],
);

// ---------------------------------------------------------------------------------------------------------------
// 便民共享服务柜 shared items (issue 12 point 8, decision 042)
// ---------------------------------------------------------------------------------------------------------------

/**
 * An item of a 便民共享服务柜 (seed 002, 临洮街中街社区): kept at a service centre or cabinet, a node of the tree
 * (`territoryId`, `scopePath`) inside a community (`communityId`, `communityPath`: residents of the community
 * borrow it). Never deleted: a lost, damaged or retired item keeps its row and history.
 */
export const coSharedItems = pgTable(
  'co_shared_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    communityPath: text().notNull(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    category: text().$type<ItemCategory>().notNull(),
    condition: text().$type<ItemCondition>().notNull().default('good'),
    /** Where in the place it is kept, e.g. 党群服务中心一楼 共享柜 A3. */
    location: text().notNull(),
    photoUrl: text(),
    description: text(),
    status: text().$type<ItemStatus>().notNull().default('available'),
    maxDays: integer().notNull().default(7),
    ...timestamps,
  },
  (t) => [
    index('co_shared_items_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('co_shared_items_community_idx').on(t.communityId, t.status),
    check('co_shared_items_max_days_ck', sql`${t.maxDays} between 1 and 60`),
  ],
);

/**
 * A loan of an item: to a resident's account (borrowed on /m or lent at the counter) or to a named person at the
 * counter. At most one loan of an item is open (out or returnRequested) at a time: the partial unique index.
 */
export const coItemLoans = pgTable(
  'co_item_loans',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    itemId: integer()
      .notNull()
      .references(() => coSharedItems.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    borrowerAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    borrowerName: text().notNull(),
    /** A counter borrower's phone: encrypted at rest (issue 18 point 2, decision 053), masked in answers. */
    borrowerPhone: piiText('phone'),
    channel: text().$type<LoanChannel>().notNull(),
    status: text().$type<LoanStatus>().notNull().default('out'),
    lentAt: timestamp({ withTimezone: true }).notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    conditionOut: text().$type<ItemCondition>().notNull(),
    returnRequestedAt: timestamp({ withTimezone: true }),
    returnedAt: timestamp({ withTimezone: true }),
    conditionIn: text().$type<ItemCondition>(),
    note: text(),
    lentByAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    receivedByAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    remindedAt: timestamp({ withTimezone: true }),
    overdueNoticeAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('co_item_loans_open_uq')
      .on(t.itemId)
      .where(sql`${t.status} in ('out', 'returnRequested')`),
    index('co_item_loans_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('co_item_loans_borrower_idx').on(t.borrowerAccountId),
    index('co_item_loans_due_idx').on(t.status, t.dueOn),
  ],
);

/** The history of an item: every loan move and every status change, with who and a note. */
export const coItemEvents = pgTable(
  'co_item_events',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    itemId: integer()
      .notNull()
      .references(() => coSharedItems.id, { onDelete: 'restrict' }),
    loanId: integer().references(() => coItemLoans.id, { onDelete: 'restrict' }),
    kind: text().$type<ItemEventKind>().notNull(),
    condition: text().$type<ItemCondition>(),
    note: text(),
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    actorName: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('co_item_events_item_idx').on(t.itemId, t.at)],
);

// 揭榜挂帅 challenges (issue 12 point 7, decision 041) --------------------------------------------------------

/**
 * A challenge 揭榜挂帅 (seeds 003/004): a hard problem posted by a community or street with a deadline and a
 * reward or recognition. open → taken → inProgress → solved / failed; withdrawn while open or taken.
 */
export const coChallenges = pgTable(
  'co_challenges',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The community or street that posted it; `scopePath` its path. */
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    category: text().notNull(),
    deadline: date({ mode: 'string' }).notNull(),
    /** The reward or recognition 奖励或表彰 offered. */
    reward: text().notNull(),
    /** Shown on the community's public timeline and rateable by its residents. */
    public: integer().notNull().default(1),
    status: text().$type<ChallengeStatus>().notNull().default('open'),
    postedByAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    postedOn: date({ mode: 'string' }).notNull(),
    takenOn: date({ mode: 'string' }),
    /** The day it was closed as solved, failed or withdrawn. */
    closedOn: date({ mode: 'string' }),
    outcome: text(),
    /** The poster's rating of the outcome, 1–5. */
    posterStars: integer(),
    ...timestamps,
  },
  (t) => [
    index('co_challenges_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('co_challenges_status_ck', sql`${t.status} in ('open','taken','inProgress','solved','failed','withdrawn')`),
    check('co_challenges_stars_ck', sql`${t.posterStars} is null or ${t.posterStars} between 1 and 5`),
  ],
);

/** An application to take the 榜 by a cadre, a party member or a unit; the poster picks one or more. */
export const coChallengeApplicants = pgTable(
  'co_challenge_applicants',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    challengeId: integer()
      .notNull()
      .references(() => coChallenges.id, { onDelete: 'cascade' }),
    kind: text().$type<ApplicantKind>().notNull(),
    name: text().notNull(),
    unitId: integer().references(() => units.id, { onDelete: 'restrict' }),
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    plan: text().notNull(),
    appliedOn: date({ mode: 'string' }).notNull(),
    decision: text().$type<ApplicantDecision>().notNull().default('pending'),
    /** Why an applicant was not picked (required then). */
    reason: text(),
    ...timestamps,
  },
  (t) => [
    index('co_challenge_applicants_challenge_idx').on(t.challengeId),
    check('co_challenge_applicants_decision_ck', sql`${t.decision} in ('pending','picked','notPicked')`),
  ],
);

/** A progress report 进展 on a taken challenge: a day and text. */
export const coChallengeReports = pgTable(
  'co_challenge_reports',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    challengeId: integer()
      .notNull()
      .references(() => coChallenges.id, { onDelete: 'cascade' }),
    reportedOn: date({ mode: 'string' }).notNull(),
    text: text().notNull(),
    reportedByAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [index('co_challenge_reports_challenge_idx').on(t.challengeId, t.reportedOn)],
);

/** A resident's rating of a public challenge's outcome (1–5), one per resident. */
export const coChallengeRatings = pgTable(
  'co_challenge_ratings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    challengeId: integer()
      .notNull()
      .references(() => coChallenges.id, { onDelete: 'cascade' }),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    stars: integer().notNull(),
    comment: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('co_challenge_ratings_uq').on(t.challengeId, t.accountId),
    check('co_challenge_ratings_stars_ck', sql`${t.stars} between 1 and 5`),
  ],
);
