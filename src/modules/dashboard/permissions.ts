import { registerPermissions, type PermissionDef, type Role } from '../../kernel/rbac/rbac.js';

/** Who reads the dashboard, the big screen, the map of live work and the hotspots: staff, of their own subtree. */
export const DASHBOARD_ROLES = {
  read: ['gridWorker', 'communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'] as Role[],
};

export const DASHBOARD_PERMISSIONS: readonly PermissionDef[] = [
  {
    key: 'dashboard.read',
    label: {
      'zh-CN': '查看数据驾驶舱、大屏、工单地图和高频问题',
      'en-US': 'View the dashboard, big screen, map and hotspots',
    },
    roles: DASHBOARD_ROLES.read,
  },
];
registerPermissions(DASHBOARD_PERMISSIONS);
