import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'signup.chooseHousehold': { 'zh-CN': '选择住户', 'en-US': 'Chose household' },
    'signup.confirm': { 'zh-CN': '确认注册', 'en-US': 'Confirmed sign-up' },
    'signup.create': { 'zh-CN': '居民注册申请', 'en-US': 'Sign-up request' },
    'signup.reject': { 'zh-CN': '退回注册', 'en-US': 'Rejected sign-up' },
  },
  objects: {
    account: { 'zh-CN': '账号', 'en-US': 'Account' },
    signupRequest: { 'zh-CN': '注册申请', 'en-US': 'Sign-up request' },
  },
};
