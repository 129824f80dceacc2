import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts, territories } from '../../kernel/db/schema.js';
import type { FlagKind } from '../organizations/contract.js';
import { partyOrgs } from '../organizations/schema.js';
import { partyMembers } from '../party-members/schema.js';
import { serviceOrders } from '../service-orders/schema.js';
import type {
  ActionStatus,
  AgendaSource,
  InviteeKind,
  MeetingStatus,
  MeetingTypeKey,
  OrgLifeKind,
  OrgLifeStatus,
  OwnerKind,
  SessionMode,
  AttendanceStatus,
  ConsultationStatus,
} from './constants.js';

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/**
 * A meeting 会议 of a body (联席会议, 四方联动, 五方会谈 …) held for one node of the tree. The body is the type and
 * the node (`bodyKey`): the next meeting of the same body opens with the previous ones' undone action items.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    typeKey: text().$type<MeetingTypeKey>().notNull(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    bodyKey: text().notNull(),
    title: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    place: text(),
    status: text().$type<MeetingStatus>().notNull().default('planned'),
    /** The code an invitee types (or scans as a QR code) to sign in. */
    signInCode: text().notNull(),
    approvedAt: timestamp({ withTimezone: true }),
    approvedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    createdBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('meetings_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('meetings_body_idx').on(t.bodyKey, t.startsAt),
    check('meetings_status_ck', sql`${t.status} in ('planned','held','approved','cancelled')`),
  ],
);

/** Who was invited (drawn from the type's rule) and whether they came. */
export const meetingInvitees = pgTable(
  'meeting_invitees',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: text().$type<InviteeKind>().notNull(),
    /** The unit, party organisation or owners' committee invited (for kind account: the account). */
    refId: integer(),
    name: text().notNull(),
    /** What the invitee stands for: the rule that drew them (e.g. ownersCommittee, role:gridWorker, guests:deputies). */
    ruleKey: text().notNull(),
    /** The account that hears the invitation and may sign in (an account, a unit's contact), when there is one. */
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    attended: boolean().notNull().default(false),
    signedInAt: timestamp({ withTimezone: true }),
    /** 'self' (with the meeting's code) or 'secretary'. */
    signedInBy: text(),
    ...timestamps,
  },
  (t) => [
    index('meeting_invitees_meeting_idx').on(t.meetingId),
    index('meeting_invitees_account_idx').on(t.accountId),
    check('meeting_invitees_kind_ck', sql`${t.kind} in ('account','unit','partyOrg','ownersCommittee','guest')`),
  ],
);

/** An agenda item 议题, proposed from open matters (hotspot, overdue order, carried-over action item) or by staff. */
export const agendaItems = pgTable(
  'meeting_agenda_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    sortOrder: integer().notNull().default(0),
    title: text().notNull(),
    source: text().$type<AgendaSource>().notNull(),
    /** The records it came from: order ids, the carried-over action item. */
    orderIds: jsonb().$type<number[]>().notNull().default([]),
    actionItemId: integer(),
    /** The consultation 协商议事 put to the meeting (decision 029). */
    consultationId: integer(),
    /** An open need of co-building put to the meeting (issue 13 item 2). */
    needId: integer(),
    /** A structure flag to fix: its kind and the id of the flagged organisation or place (issue 13 item 2). */
    flagKind: text().$type<FlagKind>(),
    flagId: integer(),
    minutes: text(),
    ...timestamps,
  },
  (t) => [
    index('meeting_agenda_items_meeting_idx').on(t.meetingId, t.sortOrder),
    check(
      'meeting_agenda_source_ck',
      sql`${t.source} in ('staff','hotspot','overdueOrder','carriedOver','consultation','need','flag')`,
    ),
  ],
);

/** A decision 议定事项 on an agenda item. */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: integer()
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    text: text().notNull(),
    ...timestamps,
  },
  (t) => [index('meeting_decisions_meeting_idx').on(t.meetingId)],
);

/** An action item 督办事项 of a decision: owner, deadline, evidence, status; reminded before and on overdue. */
export const actionItems = pgTable(
  'meeting_action_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    decisionId: integer()
      .notNull()
      .references(() => meetingDecisions.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    bodyKey: text().notNull(),
    title: text().notNull(),
    ownerKind: text().$type<OwnerKind>().notNull(),
    ownerId: integer().notNull(),
    ownerName: text().notNull(),
    /** Who hears the reminders (the owner account, the unit's contact). */
    ownerAccountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    status: text().$type<ActionStatus>().notNull().default('open'),
    evidence: text(),
    doneAt: timestamp({ withTimezone: true }),
    orderId: integer().references(() => serviceOrders.id, { onDelete: 'set null' }),
    /** When the before-deadline reminder falls due; null once sent. */
    remindAt: timestamp({ withTimezone: true }),
    /** When the overdue notice falls due (the deadline); null once sent. */
    overdueAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('meeting_action_items_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('meeting_action_items_body_idx').on(t.bodyKey, t.status),
    index('meeting_action_items_remind_idx').on(t.remindAt),
    index('meeting_action_items_overdue_idx').on(t.overdueAt),
    check('meeting_action_items_status_ck', sql`${t.status} in ('open','inProgress','done','cancelled')`),
    check('meeting_action_items_owner_ck', sql`${t.ownerKind} in ('account','unit','partyOrg')`),
  ],
);

/** A recorded correction of approved minutes: what changed, why, by whom. */
export const meetingCorrections = pgTable(
  'meeting_corrections',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    target: text().notNull(),
    before: jsonb().$type<unknown>(),
    after: jsonb().$type<unknown>(),
    reason: text().notNull(),
    by: integer().references(() => accounts.id, { onDelete: 'set null' }),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('meeting_corrections_meeting_idx').on(t.meetingId)],
);

/** An organisational-life session 三会一课 / 主题党日 of a branch. */
export const orgLifeSessions = pgTable(
  'org_life_sessions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    branchId: integer()
      .notNull()
      .references(() => partyOrgs.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    kind: text().$type<OrgLifeKind>().notNull(),
    title: text().notNull(),
    heldAt: timestamp({ withTimezone: true }).notNull(),
    mode: text().$type<SessionMode>().notNull(),
    place: text(),
    minutes: text(),
    photos: jsonb().$type<string[]>().notNull().default([]),
    status: text().$type<OrgLifeStatus>().notNull().default('planned'),
    approvedAt: timestamp({ withTimezone: true }),
    createdBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('org_life_sessions_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('org_life_sessions_branch_idx').on(t.branchId, t.kind, t.heldAt),
    check(
      'org_life_sessions_kind_ck',
      sql`${t.kind} in ('memberAssembly','branchCommittee','groupMeeting','partyLesson','themeDay')`,
    ),
    check('org_life_sessions_mode_ck', sql`${t.mode} in ('online','offline')`),
    check('org_life_sessions_status_ck', sql`${t.status} in ('planned','held','approved')`),
  ],
);

/** A member on a session's roster: present (signed in), on leave, or absent. */
export const orgLifeAttendance = pgTable(
  'org_life_attendance',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    sessionId: integer()
      .notNull()
      .references(() => orgLifeSessions.id, { onDelete: 'cascade' }),
    memberId: integer()
      .notNull()
      .references(() => partyMembers.id, { onDelete: 'cascade' }),
    memberName: text().notNull(),
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    status: text().$type<AttendanceStatus>().notNull().default('absent'),
    leaveReason: text(),
    signedInAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('org_life_attendance_uq').on(t.sessionId, t.memberId),
    index('org_life_attendance_member_idx').on(t.memberId),
    index('org_life_attendance_account_idx').on(t.accountId),
    check('org_life_attendance_status_ck', sql`${t.status} in ('present','leave','absent')`),
  ],
);

/** A lesson a member studied 学习档案 (seed 004): title, hours, notes. Sessions attended are derived. */
export const studyLessons = pgTable(
  'study_lessons',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer()
      .notNull()
      .references(() => partyMembers.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    title: text().notNull(),
    /** Study time in minutes (hours shown with one decimal). */
    minutes: integer().notNull(),
    studiedOn: date({ mode: 'string' }).notNull(),
    note: text(),
    recordedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('study_lessons_member_idx').on(t.memberId, t.studiedOn),
    index('study_lessons_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('study_lessons_minutes_ck', sql`${t.minutes} > 0 and ${t.minutes} <= 1440`),
  ],
);

/**
 * A democratic consultation 协商议事 (issue 13 item 5, decision 029): a topic put to the residents of a compound or
 * community with a notice, a comment period (until `closesAt`), optional options to vote on, and a published result
 * that feeds a meeting (an agenda item) or a service order.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    title: text().notNull(),
    notice: text().notNull(),
    /** What residents vote on (empty: comments only). */
    options: jsonb().$type<string[]>().notNull().default([]),
    opensAt: timestamp({ withTimezone: true }).notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
    status: text().$type<ConsultationStatus>().notNull().default('open'),
    result: text(),
    concludedAt: timestamp({ withTimezone: true }),
    concludedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    meetingId: integer().references(() => meetings.id, { onDelete: 'set null' }),
    orderId: integer().references(() => serviceOrders.id, { onDelete: 'set null' }),
    createdBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('consultations_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('consultations_opens_idx').on(t.opensAt),
    check('consultations_status_ck', sql`${t.status} in ('open','concluded','withdrawn')`),
    check('consultations_period_ck', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

/** A resident's comment on a consultation: their own words, never edited by staff, only hidden with a reason. */
export const consultationComments = pgTable(
  'consultation_comments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    consultationId: integer()
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'restrict' }),
    /** The real name of the account when it commented. */
    authorName: text().notNull(),
    text: text().notNull(),
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    hiddenReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consultation_comments_consultation_idx').on(t.consultationId, t.createdAt),
    index('consultation_comments_account_idx').on(t.accountId),
  ],
);

/** A resident's vote (one per consultation and account; changeable while the period runs). */
export const consultationVotes = pgTable(
  'consultation_votes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    consultationId: integer()
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: 'restrict' }),
    option: integer().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('consultation_votes_uq').on(t.consultationId, t.accountId)],
);

/**
 * A recorded correction of an approved org-life session (decision 048): one member's attendance or the minutes,
 * before and after, the reason, what it moved in the points ledger, by whom. Its own record, like the meetings'
 * corrections: the audit entry written beside it is the trail, not the store (audit rows age out by retention).
 */
export const orgLifeCorrections = pgTable(
  'org_life_corrections',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    sessionId: integer()
      .notNull()
      .references(() => orgLifeSessions.id, { onDelete: 'cascade' }),
    target: text().notNull(),
    memberId: integer(),
    memberName: text(),
    statusBefore: text(),
    statusAfter: text(),
    leaveReason: text(),
    minutesBefore: text(),
    minutesAfter: text(),
    points: integer().notNull().default(0),
    reason: text().notNull(),
    by: integer().references(() => accounts.id, { onDelete: 'set null' }),
    byName: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('org_life_corrections_session_idx').on(t.sessionId),
    check('org_life_corrections_target_ck', sql`${t.target} in ('attendance','minutes')`),
  ],
);
