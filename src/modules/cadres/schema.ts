import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { piiText } from '../../kernel/crypto/pii-columns.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { serviceOrders } from '../service-orders/schema.js';

/**
 * Cadres and community workers (issue 15 item 4, decision 054). Every row carries the community it belongs to and
 * that community's path (`scopePath`): a community sees its own, a street its subtree.
 */

/**
 * A community worker 社区工作者 on the 三岗十八级 ladder. The grade and pay grade are never stored: they follow from
 * the start of community work, the degree and the posts held (`community_worker_posts`) by organizations' rule.
 */
export const communityWorkers = pgTable(
  'community_workers',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    /** A work or personal mobile; encrypted at rest (decision 025), masked for readers who do not manage. */
    phone: piiText('phone'),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    /** First day of community work (YYYY-MM-DD). */
    startedOn: date({ mode: 'string' }).notNull(),
    /** none | bachelor | master | doctorate: counts as years of community work by the rule. */
    degree: text().notNull().default('none'),
    /** active | left: a worker who left keeps their record and history. */
    status: text().notNull().default('active'),
    leftOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('community_workers_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('community_workers_community_idx').on(t.communityId),
    check('community_workers_degree_ck', sql`${t.degree} in ('none', 'bachelor', 'master', 'doctorate')`),
    check('community_workers_status_ck', sql`${t.status} in ('active', 'left')`),
  ],
);

/** A post 岗 held from a day (a later row ends the one before): the dated record of each change, with its reason. */
export const communityWorkerPosts = pgTable(
  'community_worker_posts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    workerId: integer()
      .notNull()
      .references(() => communityWorkers.id, { onDelete: 'cascade' }),
    /** head 社区正职 | deputy 社区副职 | staff 其他社区工作者. */
    post: text().notNull(),
    /** The post's title as appointed, e.g. 社区党委书记、居委会副主任、网格员. */
    title: text(),
    fromOn: date({ mode: 'string' }).notNull(),
    reason: text().notNull(),
    recordedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('community_worker_posts_worker_idx').on(t.workerId, t.fromOn),
    check('community_worker_posts_post_ck', sql`${t.post} in ('head', 'deputy', 'staff')`),
  ],
);

/** A cadre 干部 assigned to a community for a period: 包联 (liaison) or 下沉 (sent down to work there). */
export const cadreAssignments = pgTable(
  'cadre_assignments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cadreName: text().notNull(),
    /** Home unit or department 派出单位, e.g. 西固区住房和城乡建设局. */
    unitName: text().notNull(),
    /** The cadre's position there 职务, e.g. 副局长. */
    position: text(),
    /** liaison 包联 | sentDown 下沉. */
    kind: text().notNull(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    fromOn: date({ mode: 'string' }).notNull(),
    /** Last day (inclusive); null: still assigned. */
    toOn: date({ mode: 'string' }),
    /** What the cadre takes on there 包联任务. */
    duties: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cadre_assignments_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check('cadre_assignments_kind_ck', sql`${t.kind} in ('liaison', 'sentDown')`),
    check('cadre_assignments_period_ck', sql`${t.toOn} is null or ${t.toOn} >= ${t.fromOn}`),
  ],
);

/** A cadre's visit or day of work in the community: what was found and what was handled; a finding may be an order. */
export const cadreWorkRecords = pgTable(
  'cadre_work_records',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    assignmentId: integer()
      .notNull()
      .references(() => cadreAssignments.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    workedOn: date({ mode: 'string' }).notNull(),
    found: text(),
    handled: text(),
    orderId: integer().references(() => serviceOrders.id, { onDelete: 'set null' }),
    recordedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cadre_work_records_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('cadre_work_records_assignment_idx').on(t.assignmentId, t.workedOn),
    check('cadre_work_records_content_ck', sql`${t.found} is not null or ${t.handled} is not null`),
  ],
);

/** A person in the reserve talent pool 后备人才 of a community (or village), with where they came from. */
export const reserveTalents = pgTable(
  'reserve_talents',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    /** gridWorker 优秀网格员 | veteran 退役军人 | graduate 返乡大学生 | migrant 外出务工经商 | entrepreneur 返乡企业家 | other. */
    source: text().notNull(),
    birthYear: integer(),
    /** pool 储备 | training 培养中 | appointed 已任用 | left 退出. */
    status: text().notNull().default('pool'),
    note: text(),
    enteredOn: date({ mode: 'string' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reserve_talents_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    check(
      'reserve_talents_source_ck',
      sql`${t.source} in ('gridWorker', 'veteran', 'graduate', 'migrant', 'entrepreneur', 'other')`,
    ),
    check('reserve_talents_status_ck', sql`${t.status} in ('pool', 'training', 'appointed', 'left')`),
  ],
);

/** Training of a reserve talent: a course 集中培训, a secondment 入企挂职, practice 机关历练, a degree 学历提升. */
export const reserveTrainings = pgTable(
  'reserve_trainings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    talentId: integer()
      .notNull()
      .references(() => reserveTalents.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    title: text().notNull(),
    fromOn: date({ mode: 'string' }).notNull(),
    toOn: date({ mode: 'string' }),
    recordedBy: integer().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reserve_trainings_talent_idx').on(t.talentId),
    check('reserve_trainings_kind_ck', sql`${t.kind} in ('course', 'secondment', 'practice', 'degree')`),
    check('reserve_trainings_period_ck', sql`${t.toOn} is null or ${t.toOn} >= ${t.fromOn}`),
  ],
);
