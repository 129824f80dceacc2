import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { territories } from '../../kernel/db/schema.js';
import { partyMembers } from '../party-members/schema.js';

/**
 * The building lead 楼栋长 of a building ("一名党员一栋楼", seed 004): a person, preferably a party member.
 * One current lead per building.
 */
export const buildingLeads = pgTable(
  'building_leads',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    buildingId: integer()
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    scopePath: text().notNull(),
    name: text().notNull(),
    partyMemberId: integer().references(() => partyMembers.id, { onDelete: 'set null' }),
    /** Optional resident record of the lead (people module). */
    residentId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('building_leads_building_uq').on(t.buildingId),
    index('building_leads_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')),
  ],
);
