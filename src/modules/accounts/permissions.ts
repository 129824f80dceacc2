import type { PermissionDef } from '../../kernel/rbac/rbac.js';

/** Permissions of the accounts module (read by the kernel from the module manifest). */
export const permissions: readonly PermissionDef[] = [
  {
    key: 'account.read',
    label: { 'zh-CN': '查看账号', 'en-US': 'View accounts' },
    roles: ['sysAdmin', 'securityAdmin'],
  },
  { key: 'account.create', label: { 'zh-CN': '新建账号', 'en-US': 'Create accounts' }, roles: ['sysAdmin'] },
  { key: 'account.update', label: { 'zh-CN': '修改账号', 'en-US': 'Edit accounts' }, roles: ['sysAdmin'] },
  {
    key: 'account.assignRoles',
    label: { 'zh-CN': '分配角色与数据范围', 'en-US': 'Assign roles and scope' },
    roles: ['securityAdmin'],
  },
  {
    // The second pair of eyes on admin grants and their password resets (issue 18): the other two admins.
    key: 'account.approveGrant',
    label: { 'zh-CN': '审批授权', 'en-US': 'Approve grants' },
    roles: ['sysAdmin', 'securityAdmin'],
  },
  { key: 'account.unlock', label: { 'zh-CN': '解锁账号', 'en-US': 'Unlock accounts' }, roles: ['securityAdmin'] },
  {
    key: 'account.resetPassword',
    label: { 'zh-CN': '重置密码', 'en-US': 'Reset passwords' },
    roles: ['securityAdmin'],
  },
];
