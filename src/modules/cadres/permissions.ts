import type { PermissionDef, Role } from '../../kernel/rbac/rbac.js';

/**
 * Cadres and community workers (decision 054). Community staff read their community's register and record what a
 * cadre did there; the community secretary and the street, district and city keep the register (workers, their
 * posts, assignments, the reserve pool) and see phone numbers unmasked.
 */
export const CADRE_READ: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];
export const CADRE_MANAGE: Role[] = ['communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

export const permissions: readonly PermissionDef[] = [
  {
    key: 'cadre.read',
    label: {
      'zh-CN': '查看社区工作者、包联干部和后备人才',
      'en-US': 'View community workers, cadres and reserve talent',
    },
    roles: CADRE_READ,
  },
  {
    key: 'cadre.manage',
    label: {
      'zh-CN': '管理社区工作者、干部包联下沉和后备人才',
      'en-US': 'Manage community workers, cadre assignments and reserve talent',
    },
    roles: CADRE_MANAGE,
  },
  {
    key: 'cadre.record',
    label: { 'zh-CN': '记录包联干部的走访和办理事项', 'en-US': "Record cadres' visits and what they handled" },
    roles: CADRE_READ,
  },
];
