import type { PermissionDef, Role } from '../../kernel/rbac/rbac.js';

const managers: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

/**
 * Grid permissions. Staff, secretaries and the street/district/city admins manage grids, workers, liaison
 * households and building leads; grid workers read them (their subtree, plus the grids they work in when their
 * account is bound below the community). `POST /api/grids/locate` needs no permission (any signed-in account,
 * e.g. a resident reporting a problem) and answers public fields only.
 */
export const GRID_READ: Role[] = ['gridWorker', ...managers];
export const GRID_MANAGE: Role[] = managers;

export const permissions: readonly PermissionDef[] = [
  {
    key: 'grid.read',
    label: { 'zh-CN': '查看网格与网格员', 'en-US': 'View grids and grid workers' },
    roles: GRID_READ,
  },
  {
    key: 'grid.manage',
    label: { 'zh-CN': '划分与导入网格', 'en-US': 'Draw and import grids' },
    roles: GRID_MANAGE,
    levels: ['city', 'district', 'street', 'community'],
  },
  {
    key: 'grid.manageWorkers',
    label: {
      'zh-CN': '管理网格员、联系户与楼栋长',
      'en-US': 'Manage grid workers, liaison households and building leads',
    },
    roles: GRID_MANAGE,
    levels: ['city', 'district', 'street', 'community'],
  },
];
