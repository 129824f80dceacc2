import type { GongzhiModule } from '../../kernel/http/types.js';
import { signupRoutes } from './signup.routes.js';
import { permissions } from './permissions.js';
import { enUS, zhCN } from './messages.js';
import { AUDIT_LABELS } from './audit-labels.js';

/**
 * Resident self sign-up 居民注册 (issue 5 item 8): phone + one-time code, then the household; linked to the
 * register when the phone matches, else confirmed by the community's staff (实名, like 社区通).
 */
export const signupModule: GongzhiModule = {
  name: 'signup',
  auditLabels: AUDIT_LABELS,
  permissions,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: signupRoutes,
};
