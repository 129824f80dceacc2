import type { GongzhiModule } from '../../kernel/http/types.js';
import { coBuildingRoutes } from './co-building.routes.js';
import { seedCoBuilding } from './co-building.seed.js';
import { CO_BUILDING_FIGURES } from './dashboard.figures.js';
import './messages.js';
import './permissions.js';
import { AUDIT_LABELS } from './audit-labels.js';

/** Co-building 共驻共建 (issue 12): needs, resources and projects 三张清单 with matching and figures. */
export const coBuildingModule: GongzhiModule = {
  name: 'co-building',
  auditLabels: AUDIT_LABELS,
  routes: coBuildingRoutes,
  seedDemo: seedCoBuilding,
  figures: CO_BUILDING_FIGURES,
};
