import { sql } from 'drizzle-orm';
import type { GongzhiModule } from '../../kernel/http/types.js';
import { provideOrgFigures } from '../organizations/index.js';
import { seedGrids } from './grids.seed.js';
import { gridRoutes } from './grids.routes.js';
import { buildingLeads } from './schema.js';
import { permissions } from './permissions.js';
import { enUS, zhCN } from './messages.js';
import { AUDIT_LABELS } from './audit-labels.js';

import { GRID_FIGURES } from './dashboard.figures.js';
/** Grids 网格 (SPEC module 2): polygons, grid workers, liaison households, building leads, locate. */
export const gridsModule: GongzhiModule = {
  name: 'grids',
  auditLabels: AUDIT_LABELS,
  permissions,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: gridRoutes,
  figures: GRID_FIGURES,
  seedDemo: seedGrids,
  // A compound's page reads building leads, the 一名党员一栋楼 flag responsible members through this.
  setup: () =>
    provideOrgFigures({
      buildingLead: (buildingId) =>
        sql<
          string | null
        >`(select l.name from ${buildingLeads} l where l.building_id = ${buildingId} and l.role = 'lead')`,
      buildingResponsible: (buildingId) =>
        sql<
          string | null
        >`(select l.name from ${buildingLeads} l where l.building_id = ${buildingId} and l.role = 'responsibleMember')`,
    }),
};
