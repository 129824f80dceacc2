import type { PermissionDef, Role } from '../../kernel/rbac/rbac.js';

const all = ['province', 'city', 'district', 'street', 'community'] as const;
const staffUp: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

/** Permissions of the territory module (read by the kernel from the module manifest). */
export const permissions: readonly PermissionDef[] = [
  {
    key: 'territory.read',
    label: { 'zh-CN': '查看区域', 'en-US': 'View territory' },
    roles: ['partyMember', 'gridWorker', ...staffUp, 'sysAdmin'],
  },
  {
    key: 'territory.create',
    label: { 'zh-CN': '新增区域', 'en-US': 'Add territory' },
    roles: [...staffUp, 'sysAdmin'],
    levels: all,
  },
  {
    key: 'territory.update',
    label: { 'zh-CN': '修改区域', 'en-US': 'Edit territory' },
    roles: [...staffUp, 'sysAdmin'],
    levels: all,
  },
  {
    key: 'territory.delete',
    label: { 'zh-CN': '删除区域', 'en-US': 'Delete territory' },
    roles: ['communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin', 'sysAdmin'],
    levels: all,
  },
];
