import type { GongzhiModule } from '../../kernel/http/types.js';
import { territoryRoutes } from './territory.routes.js';
import { permissions } from './permissions.js';
import { enUS, zhCN } from './messages.js';
import { AUDIT_LABELS } from './audit-labels.js';

/** Territory 区域: the place tree every account and record hangs on (SPEC module 1). */
export const territoryModule: GongzhiModule = {
  name: 'territory',
  auditLabels: AUDIT_LABELS,
  permissions,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: territoryRoutes,
};
