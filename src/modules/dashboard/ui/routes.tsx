import { DashboardOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of the dashboard: the figures, the map of live work with hotspots, the big screen (full window). */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'dashboard',
    rank: 5,
    labelKey: 'dashboard.nav.main',
    permission: 'dashboard.read',
    icon: <DashboardOutlined />,
    Component: lazy(() => import('./DashboardPage')),
  },
  {
    path: 'dashboard/map',
    rank: 6,
    labelKey: 'dashboard.nav.map',
    permission: 'dashboard.read',
    menu: false,
    Component: lazy(() => import('./LiveMapPage')),
  },
  {
    path: 'screen',
    labelKey: 'dashboard.nav.screen',
    permission: 'dashboard.read',
    menu: false,
    bare: true,
    Component: lazy(() => import('./ScreenPage')),
  },
];
