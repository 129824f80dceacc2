import type { Locale } from '../i18n/i18n.js';

/**
 * How the audit log names actions and objects, per locale (issue 10, point 17): each module declares its own in its
 * manifest (`auditLabels`), the kernel its sign-in and refusal entries. The audit list answers with these labels, and
 * under test an audited action or object without a label in every locale fails the write (see `requireAuditLabels`).
 */
export interface AuditLabels {
  actions?: Record<string, Record<Locale, string>>;
  objects?: Record<string, Record<Locale, string>>;
}

const actions = new Map<string, Record<Locale, string>>();
const objects = new Map<string, Record<Locale, string>>();

export function registerAuditLabels(labels: AuditLabels): void {
  for (const [k, v] of Object.entries(labels.actions ?? {})) actions.set(k, v);
  for (const [k, v] of Object.entries(labels.objects ?? {})) objects.set(k, v);
}

/** The kernel's own entries: sign-ins, password and second factor, refused requests, exports, audit retention. */
const KERNEL_LABELS: AuditLabels = {
  actions: {
    'account.changePassword': { 'zh-CN': '修改密码', 'en-US': 'Changed password' },
    'account.totpDisable': { 'zh-CN': '停用两步验证', 'en-US': 'Disabled two-step verification' },
    'account.totpEnable': { 'zh-CN': '启用两步验证', 'en-US': 'Enabled two-step verification' },
    'account.totpSetup': { 'zh-CN': '设置两步验证', 'en-US': 'Set up two-step verification' },
    'audit.retention': { 'zh-CN': '按保存期限删除过期审计分区', 'en-US': 'Dropped audit partitions past retention' },
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
    auditLog: { 'zh-CN': '审计日志', 'en-US': 'Audit log' },
    export: { 'zh-CN': '导出', 'en-US': 'Export' },
    request: { 'zh-CN': '请求', 'en-US': 'Request' },
  },
};
registerAuditLabels(KERNEL_LABELS);

export const auditActionLabel = (locale: Locale, action: string): string => actions.get(action)?.[locale] ?? action;
export const auditObjectLabel = (locale: Locale, type: string): string => objects.get(type)?.[locale] ?? type;

/** The actor name the log shows for the system itself (scheduler passes, seeding). */
export const SYSTEM_ACTOR_LABEL: Record<Locale, string> = {
  'zh-CN': '系统（定时任务）',
  'en-US': 'System (scheduled task)',
};

/** Every action and object type with a label, for the audit page's filters. */
export function auditLabelCatalogue(locale: Locale) {
  const list = (m: Map<string, Record<Locale, string>>) =>
    [...m.entries()].map(([value, l]) => ({ value, label: l[locale] })).sort((a, b) => a.value.localeCompare(b.value));
  return { actions: list(actions), objects: list(objects) };
}

/** What is missing for an entry, or null. Every locale needs a label, for the action and for the object type. */
export function missingAuditLabel(action: string, objectType: string): string | null {
  if (!actions.get(action)?.['zh-CN'] || !actions.get(action)?.['en-US'])
    return `audit action "${action}" has no label: add it to its module's audit-labels.ts (zh-CN and en-US)`;
  if (!objects.get(objectType)?.['zh-CN'] || !objects.get(objectType)?.['en-US'])
    return `audit object type "${objectType}" has no label: add it to its module's audit-labels.ts (zh-CN and en-US)`;
  return null;
}

/**
 * Under vitest an unlabelled action fails the write that audits it, so every audited action a test reaches is
 * proven translated; in production the log keeps the raw key rather than lose an entry.
 */
export function requireAuditLabels(action: string, objectType: string): void {
  if (!process.env.VITEST) return;
  const missing = missingAuditLabel(action, objectType);
  if (missing) throw new Error(missing);
}
