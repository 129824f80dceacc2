import { sql } from 'drizzle-orm';
import { piiText } from '../../kernel/crypto/pii-columns.js';
import {
  check,
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
import { partyMembers } from '../party-members/schema.js';

/** GLOSSARY grid.kind: basic grid 基础网格, professional grid 专业网格 (owned by a department), 党员责任区. */
export const GRID_KINDS = ['basic', 'professional', 'responsibilityArea'] as const;
export type GridKind = (typeof GRID_KINDS)[number];

/** GLOSSARY gridWorker: full-time 专职, part-time 兼职 (in-service party members, seed 000). */
export const GRID_WORKER_KINDS = ['fullTime', 'partTime'] as const;
export type GridWorkerKind = (typeof GRID_WORKER_KINDS)[number];

/** A GeoJSON Polygon or MultiPolygon in WGS-84 (decision 005): [lng, lat] positions, closed rings. */
export type Position = [number, number];
export type GridGeometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/**
 * A grid 网格: a polygon inside a community (SPEC module 2; seed 002 "三级网格+党员责任区"). The bounding box
 * columns let the spatial index and map queries skip the JSON; `scopePath` is the community's path.
 */
export const grids = pgTable(
  'grids',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'restrict' }),
    scopePath: text().notNull(),
    kind: text().$type<GridKind>().notNull(),
    name: text().notNull(),
    /** The owning department of a professional grid (e.g. 城管, 市场监管). */
    department: text(),
    geometry: jsonb().$type<GridGeometry>().notNull(),
    minLng: doublePrecision().notNull(),
    minLat: doublePrecision().notNull(),
    maxLng: doublePrecision().notNull(),
    maxLat: doublePrecision().notNull(),
    ...timestamps,
  },
  (t) => [
    index('grids_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('grids_community_idx').on(t.communityId),
    check('grids_kind_ck', sql`${t.kind} in ('basic','professional','responsibilityArea')`),
  ],
);

/**
 * One row per database: bumped in the same transaction as every grid write, so each server process can tell
 * (by reading one small row, at most once a second) that its in-memory spatial index is stale.
 */
export const gridIndexVersion = pgTable('grid_index_version', {
  id: integer().primaryKey(),
  version: integer().notNull().default(0),
});

/** A grid worker 网格员 of a grid; a part-time one is usually an in-service party member (seed 000). */
export const gridWorkers = pgTable(
  'grid_workers',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    gridId: integer()
      .notNull()
      .references(() => grids.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    kind: text().$type<GridWorkerKind>().notNull(),
    partyMemberId: integer().references(() => partyMembers.id, { onDelete: 'set null' }),
    accountId: integer().references(() => accounts.id, { onDelete: 'set null' }),
    /** A staff work phone, not a resident's personal number; still masked for callers outside the staff. */
    phone: piiText('phone'), // encrypted at rest (decision 025)
    ...timestamps,
  },
  (t) => [
    index('grid_workers_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
    index('grid_workers_grid_idx').on(t.gridId),
    check('grid_workers_kind_ck', sql`${t.kind} in ('fullTime','partTime')`),
  ],
);

/** A household a grid worker keeps in touch with 联系户 (seed 002: 30–50 per worker); one worker per household. */
export const liaisonHouseholds = pgTable(
  'liaison_households',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    workerId: integer()
      .notNull()
      .references(() => gridWorkers.id, { onDelete: 'cascade' }),
    householdId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('liaison_households_household_uq').on(t.householdId),
    index('liaison_households_worker_idx').on(t.workerId),
    index('liaison_households_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);

/**
 * The two roles of a building (seed 004), one current holder each: the building lead 楼栋长 (`lead`: a person,
 * preferably a party member) and the building's responsible party member 楼栋责任党员 (`responsibleMember`: a
 * party member). "一名党员一栋楼" is met by a responsible member or by a party member living in the building; the
 * lead alone does not meet it.
 */
export const buildingLeads = pgTable(
  'building_leads',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    buildingId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    role: text({ enum: ['lead', 'responsibleMember'] })
      .notNull()
      .default('lead'),
    name: text().notNull(),
    partyMemberId: integer().references(() => partyMembers.id, { onDelete: 'set null' }),
    /** Optional resident record of the lead (people module). */
    residentId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('building_leads_building_role_uq').on(t.buildingId, t.role),
    index('building_leads_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);

/**
 * The footprint of a compound 小区 (issue 10 item 8): a polygon inside its community, so that a report placed by a
 * map point is filed at the compound it falls in (and the grid), not at the community. A point inside the
 * community's grids but in no compound (a street between compounds) stays the community's own 社区直属.
 */
export const compoundAreas = pgTable(
  'compound_areas',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    compoundId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    communityId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    geometry: jsonb().$type<GridGeometry>().notNull(),
    minLng: doublePrecision().notNull(),
    minLat: doublePrecision().notNull(),
    maxLng: doublePrecision().notNull(),
    maxLat: doublePrecision().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('compound_areas_compound_uq').on(t.compoundId),
    index('compound_areas_community_idx').on(t.communityId),
    index('compound_areas_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);
