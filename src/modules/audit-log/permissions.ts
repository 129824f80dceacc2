import type { PermissionDef } from '../../kernel/rbac/rbac.js';

/** Permissions of the audit-log module (read by the kernel from the module manifest). */
export const permissions: readonly PermissionDef[] = [
  { key: 'audit.read', label: { 'zh-CN': '查看审计日志', 'en-US': 'Read audit log' }, roles: ['auditAdmin'] },
];
