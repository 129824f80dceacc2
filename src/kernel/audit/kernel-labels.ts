import type { AuditLabels } from './labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'account.changePassword': { 'zh-CN': '修改密码', 'en-US': 'Changed password' },
    'account.totpDisable': { 'zh-CN': '停用两步验证', 'en-US': 'Disabled two-step verification' },
    'account.totpEnable': { 'zh-CN': '启用两步验证', 'en-US': 'Enabled two-step verification' },
    'account.totpSetup': { 'zh-CN': '设置两步验证', 'en-US': 'Set up two-step verification' },
    'auth.locked': { 'zh-CN': '账号因多次失败被锁定', 'en-US': 'Account locked after failed sign-ins' },
    'auth.login': { 'zh-CN': '登录', 'en-US': 'Signed in' },
    'auth.loginFailed': { 'zh-CN': '登录失败', 'en-US': 'Sign-in failed' },
    'auth.loginRefused': { 'zh-CN': '拒绝登录', 'en-US': 'Sign-in refused' },
    'auth.logout': { 'zh-CN': '退出登录', 'en-US': 'Signed out' },
    'export.download': { 'zh-CN': '导出数据', 'en-US': 'Exported data' },
    'request.refused': { 'zh-CN': '拒绝越权请求', 'en-US': 'Refused request' },
  },
  objects: {
    account: { 'zh-CN': '账号', 'en-US': 'Account' },
    export: { 'zh-CN': '导出', 'en-US': 'Export' },
    request: { 'zh-CN': '请求', 'en-US': 'Request' },
  },
};
