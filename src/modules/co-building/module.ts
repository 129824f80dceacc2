import type { GongzhiModule } from '../../kernel/http/types.js';
import { allianceRoutes } from './alliances.routes.js';
import { challengeRoutes } from './challenges.routes.js';
import { timelineRoutes } from './timeline.routes.js';
import { coBuildingRoutes } from './co-building.routes.js';
import { seedCoBuilding } from './co-building.seed.js';
import { CO_BUILDING_FIGURES } from './dashboard.figures.js';
import './messages.js';
import './permissions.js';
import { AUDIT_LABELS } from './audit-labels.js';

/** Co-building 共驻共建 (issue 12): needs, resources and projects 三张清单 with matching and figures; alliances 党建联盟. */
export const coBuildingModule: GongzhiModule = {
  name: 'co-building',
  auditLabels: AUDIT_LABELS,
  routes: async (app) => {
    await coBuildingRoutes(app);
    await allianceRoutes(app);
    await challengeRoutes(app);
    await timelineRoutes(app);
  },
  seedDemo: seedCoBuilding,
  figures: CO_BUILDING_FIGURES,
};
