import type { GongzhiModule } from '../../kernel/http/types.js';
import { dashboardRoutes } from './dashboard.routes.js';
import './messages.js';
import { DASHBOARD_PERMISSIONS } from './permissions.js';

/**
 * The dashboard 数据驾驶舱 (issue 16): the figures every module declares, per subtree and period with the level below
 * and a monthly trend; the big screen; the map of live work; hotspots that become a need or an agenda item.
 */
export const dashboardModule: GongzhiModule = {
  name: 'dashboard',
  permissions: DASHBOARD_PERMISSIONS,
  routes: dashboardRoutes,
};
