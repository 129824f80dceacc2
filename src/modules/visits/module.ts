import type { GongzhiModule } from '../../kernel/http/types.js';
import { AUDIT_LABELS } from './audit-labels.js';
import { VISIT_FIGURES } from './dashboard.figures.js';
import { enUS, zhCN } from './messages.js';
import { permissions } from './permissions.js';
import { seedVisits } from './visits.seed.js';
import { visitRoutes } from './visits.routes.js';

/** Visits 走访 (issue 10 item 13, decision 038): grid workers' and liaison members' visits, findings → orders. */
export const visitsModule: GongzhiModule = {
  name: 'visits',
  auditLabels: AUDIT_LABELS,
  permissions,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: visitRoutes,
  figures: VISIT_FIGURES,
  seedDemo: seedVisits,
};
