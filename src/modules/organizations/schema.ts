import { sql } from 'drizzle-orm';
import { piiText } from '../../kernel/crypto/pii-columns.js';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { territories } from '../../kernel/db/schema.js';

import type {
  CandidatePost,
  CommitteePost,
  EducationLevel,
  Gender,
  PartyOrgKind,
  PartyPost,
  ReviewDepartment,
  UnitKind,
} from './constants.js';

export * from './constants.js';

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/**
 * A party organisation, linked to the territory node it serves (a street's working committee, a community's
 * committee or general branch, a compound's branch, a building's party group: seeds 001 and 004).
 * `scopePath` copies the node's path (nodes never move), so the scope rule needs no join.
 */
export const partyOrgs = pgTable(
  'party_orgs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer().references((): AnyPgColumn => partyOrgs.id, { onDelete: 'restrict' }),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    kind: text().$type<PartyOrgKind>().notNull(),
    name: text().notNull(),
    secretaryName: text(),
    /** Set for a unit's own branch (an in-service member's unit branch, a red property company's branch). */
    unitId: integer(),
    foundedOn: text(),
    ...timestamps,
  },
  (t) => [
    index('party_orgs_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('party_orgs_territory_idx').on(t.territoryId),
    index('party_orgs_parent_idx').on(t.parentId),
    check('party_orgs_kind_ck', sql`${t.kind} in ('workingCommittee','committee','generalBranch','branch','group')`),
  ],
);

/** A unit located in the area 驻区单位: agency, firm, social organisation, property company (红色物业 with a branch). */
export const units = pgTable(
  'units',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    kind: text().$type<UnitKind>().notNull(),
    name: text().notNull(),
    /** 统一社会信用代码, when known. */
    creditCode: text(),
    contactName: text(),
    contactPhone: piiText('phone'), // encrypted at rest (decision 025)
    address: text(),
    /** Two-new organisation 两新组织 (non-public firm or social organisation). */
    isNewOrganization: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index('units_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('units_territory_idx').on(t.territoryId),
    check(
      'units_kind_ck',
      sql`${t.kind} in ('agency','institution','stateOwned','privateFirm','socialOrganization','propertyCompany')`,
    ),
  ],
);

/** Owners' committee 业委会 of a compound (one per compound): one of the four parties (seed 000 四方联动). */
export const ownersCommittees = pgTable(
  'owners_committees',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    compoundId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    chairName: text(),
    chairPhone: piiText('phone'), // encrypted at rest (decision 025)
    termStart: date(),
    termEnd: date(),
    membersCount: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('owners_committees_compound_uq').on(t.compoundId),
    index('owners_committees_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);

/** Residents' group 居民小组 of a community or compound (seed 001). */
export const residentsGroups = pgTable(
  'residents_groups',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    territoryId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    leaderName: text(),
    leaderPhone: piiText('phone'), // encrypted at rest (decision 025)
    ...timestamps,
  },
  (t) => [
    index('residents_groups_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('residents_groups_territory_idx').on(t.territoryId),
  ],
);

/** Which property company 物业企业 serves a compound (one per compound); red when the company has a branch. */
export const compoundProperties = pgTable(
  'compound_properties',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    compoundId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    unitId: integer()
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('compound_properties_compound_uq').on(t.compoundId),
    index('compound_properties_unit_idx').on(t.unitId),
    index('compound_properties_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);

/**
 * A member of a community's leadership team 两委班子: a post in the party committee and/or the residents'
 * committee. A secretary who is also director is 一肩挑 (seed 001).
 */
export const leadershipMembers = pgTable(
  'leadership_members',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    gender: text().$type<Gender>(),
    /** Birth date when known; otherwise the birth year alone. */
    birthDate: date(),
    birthYear: integer(),
    education: text().$type<EducationLevel>(),
    partyPost: text().$type<PartyPost>(),
    committeePost: text().$type<CommitteePost>(),
    ...timestamps,
  },
  (t) => [
    index('leadership_members_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('leadership_members_community_idx').on(t.communityId),
    check(
      'leadership_members_party_post_ck',
      sql`${t.partyPost} is null or ${t.partyPost} in ('secretary','deputySecretary','member')`,
    ),
    check(
      'leadership_members_committee_post_ck',
      sql`${t.committeePost} is null or ${t.committeePost} in ('director','deputyDirector','member')`,
    ),
    check(
      'leadership_members_education_ck',
      sql`${t.education} is null or ${t.education} in ('postgraduate','bachelor','associate','highSchool','other')`,
    ),
  ],
);

/** A community's 两委 election 换届. */
export const elections = pgTable(
  'elections',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    heldOn: date().notNull(),
    ...timestamps,
  },
  (t) => [index('elections_scope_idx').using('btree', t.scopePath.op('text_pattern_ops'))],
);

/** A candidate at an election, reviewed jointly 联审 by several departments (seed 001). */
export const electionCandidates = pgTable(
  'election_candidates',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    electionId: integer()
      .notNull()
      .references(() => elections.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    postSought: text().$type<CandidatePost>().notNull(),
    ...timestamps,
  },
  (t) => [index('election_candidates_election_idx').on(t.electionId)],
);

/** One department's review of a candidate: pass or fail, with a note. */
export const candidateReviews = pgTable(
  'candidate_reviews',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    candidateId: integer()
      .notNull()
      .references(() => electionCandidates.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    department: text().$type<ReviewDepartment>().notNull(),
    outcome: text().$type<'pass' | 'fail'>().notNull(),
    note: text(),
    reviewedOn: date(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('candidate_reviews_candidate_department_uq').on(t.candidateId, t.department),
    check('candidate_reviews_outcome_ck', sql`${t.outcome} in ('pass','fail')`),
  ],
);
