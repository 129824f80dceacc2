import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Figures that organizations' pages show but other modules own: party members (party-members module) and building
 * leads and responsible members (grids module). Those modules depend on organizations, not the other way round (decision 015), so they hand
 * in the SQL over their own tables from their manifest's `setup`; until then the figures read 0 / none.
 */
export interface OrgFigureSources {
  /** Party members whose home branch is this party organisation. */
  membersOfOrg: (orgId: AnyColumn | SQL) => SQL<number>;
  /** Party members living at or below this territory path. */
  membersUnder: (path: AnyColumn | SQL) => SQL<number>;
  /** The name of a building's lead 楼栋长, or null. */
  buildingLead: (buildingId: AnyColumn | SQL) => SQL<string | null>;
  /** The name of a building's responsible party member 楼栋责任党员, or null ("一名党员一栋楼"). */
  buildingResponsible: (buildingId: AnyColumn | SQL) => SQL<string | null>;
}

const sources: OrgFigureSources = {
  membersOfOrg: () => sql<number>`0`,
  membersUnder: () => sql<number>`0`,
  buildingLead: () => sql<string | null>`null::text`,
  buildingResponsible: () => sql<string | null>`null::text`,
};

/** Called from the owning module's manifest `setup`. */
export function provideOrgFigures(given: Partial<OrgFigureSources>): void {
  Object.assign(sources, given);
}

export const orgFigures: Readonly<OrgFigureSources> = sources;
