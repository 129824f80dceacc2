import type { GongzhiModule } from '../../kernel/http/types.js';
import { seedMediation } from './mediation.seed.js';
import { mediationRoutes } from './mediation.routes.js';
import { permissions } from './permissions.js';
import { enUS, zhCN } from './messages.js';
import { AUDIT_LABELS } from './audit-labels.js';

/** Mediation 调解 (issue 5 item 5): teams such as 金大姐说事室, and cases with parties, sessions, agreement, outcome. */
export const mediationModule: GongzhiModule = {
  name: 'mediation',
  auditLabels: AUDIT_LABELS,
  permissions,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: mediationRoutes,
  seedDemo: seedMediation,
};
