import type { GongzhiModule } from '../../kernel/http/types.js';
import { seedMediation } from './mediation.seed.js';
import { mediationRoutes } from './mediation.routes.js';
import { permissions } from './permissions.js';
import { enUS, zhCN } from './messages.js';
import { AUDIT_LABELS } from './audit-labels.js';
import { onRetentionStrip } from '../service-orders/index.js';
import { stripMediation } from './retention.js';

/** Mediation 调解 (issue 5 item 5): teams such as 金大姐说事室, and cases with parties, sessions, agreement, outcome. */
export const mediationModule: GongzhiModule = {
  name: 'mediation',
  auditLabels: AUDIT_LABELS,
  permissions,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: mediationRoutes,
  // Closed cases past RETENTION_CLOSED_YEARS lose their parties' personal data with the order's (decision 035).
  setup: () => onRetentionStrip(stripMediation),
  seedDemo: seedMediation,
};
