import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'account.grantRequested': {
      'zh-CN': '申请授权（待第二名管理员审批）',
      'en-US': 'Requested grant (awaiting a second admin)',
    },
    'account.grantApproved': { 'zh-CN': '批准授权', 'en-US': 'Approved grant' },
    'account.grantRejected': { 'zh-CN': '驳回授权', 'en-US': 'Rejected grant' },
    'account.resetRequested': {
      'zh-CN': '申请重置密码（待审批）',
      'en-US': 'Requested password reset (awaiting approval)',
    },
    'account.create': { 'zh-CN': '新建账号', 'en-US': 'Created account' },
    'account.resetPassword': { 'zh-CN': '重置密码', 'en-US': 'Reset password' },
    'account.unlock': { 'zh-CN': '解锁账号', 'en-US': 'Unlocked account' },
    'account.update': { 'zh-CN': '修改账号', 'en-US': 'Updated account' },
  },
  objects: {
    account: { 'zh-CN': '账号', 'en-US': 'Account' },
  },
};
