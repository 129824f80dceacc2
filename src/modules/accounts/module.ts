import type { GongzhiModule } from '../../kernel/http/types.js';
import { accountRoutes } from './accounts.routes.js';
import { permissions } from './permissions.js';
import { enUS, zhCN } from './messages.js';
import { AUDIT_LABELS } from './audit-labels.js';

/** Accounts 账号: created by the system admin, granted roles and scope by the security admin (三员分立). */
export const accountsModule: GongzhiModule = {
  name: 'accounts',
  auditLabels: AUDIT_LABELS,
  permissions,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: accountRoutes,
};
