import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { territories } from '../../kernel/db/schema.js';

/** Party organisation kinds (GLOSSARY partyOrg.kind): 党工委, 党委, 党总支, 党支部, 党小组. */
export const PARTY_ORG_KINDS = ['workingCommittee', 'committee', 'generalBranch', 'branch', 'group'] as const;
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number];

/** Kinds of units in the area 驻区单位 (SPEC module 1). */
export const UNIT_KINDS = ['agency', 'institution', 'stateOwned', 'privateFirm', 'socialOrganization', 'propertyCompany'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

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
    contactPhone: text(),
    address: text(),
    /** Two-new organisation 两新组织 (non-public firm or social organisation). */
    isNewOrganization: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index('units_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('units_territory_idx').on(t.territoryId),
    check('units_kind_ck', sql`${t.kind} in ('agency','institution','stateOwned','privateFirm','socialOrganization','propertyCompany')`),
  ],
);
