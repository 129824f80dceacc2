import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'notification.digest': { 'zh-CN': '发送通知摘要', 'en-US': 'Sent digest' },
    'notification.preferences': { 'zh-CN': '修改通知设置', 'en-US': 'Changed notification settings' },
    'notification.read': { 'zh-CN': '阅读通知', 'en-US': 'Read notification' },
  },
  objects: {
    account: { 'zh-CN': '账号', 'en-US': 'Account' },
    notification: { 'zh-CN': '通知', 'en-US': 'Notification' },
  },
};
